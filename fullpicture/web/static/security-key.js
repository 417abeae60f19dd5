// The security-key step of signing in: runs navigator.credentials with the options the server
// put on the form (data-options), then submits the answer in the hidden "credential" field.
// The server checks everything; this file only converts between JSON and ArrayBuffers.

const form = document.getElementById('security-key-form')
const field = document.getElementById('credential')
const status = document.getElementById('security-key-status')

function toBuffer (text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/')
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4)
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)).buffer
}

function toText (buffer) {
  let binary = ''
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function withBuffers (descriptors) {
  return (descriptors || []).map((d) => ({ ...d, id: toBuffer(d.id) }))
}

async function register (options) {
  const publicKey = {
    ...options,
    challenge: toBuffer(options.challenge),
    user: { ...options.user, id: toBuffer(options.user.id) },
    excludeCredentials: withBuffers(options.excludeCredentials)
  }
  const credential = await navigator.credentials.create({ publicKey })
  return {
    id: credential.id,
    rawId: toText(credential.rawId),
    type: credential.type,
    response: {
      clientDataJSON: toText(credential.response.clientDataJSON),
      attestationObject: toText(credential.response.attestationObject),
      transports: credential.response.getTransports ? credential.response.getTransports() : []
    },
    clientExtensionResults: credential.getClientExtensionResults()
  }
}

async function authenticate (options) {
  const publicKey = {
    ...options,
    challenge: toBuffer(options.challenge),
    allowCredentials: withBuffers(options.allowCredentials)
  }
  const credential = await navigator.credentials.get({ publicKey })
  const response = credential.response
  return {
    id: credential.id,
    rawId: toText(credential.rawId),
    type: credential.type,
    response: {
      clientDataJSON: toText(response.clientDataJSON),
      authenticatorData: toText(response.authenticatorData),
      signature: toText(response.signature),
      userHandle: response.userHandle ? toText(response.userHandle) : null
    },
    clientExtensionResults: credential.getClientExtensionResults()
  }
}

if (form && field) {
  form.addEventListener('submit', async (event) => {
    if (field.value) return // the answer is in: let the form go
    event.preventDefault()
    const options = JSON.parse(form.dataset.options)
    status.textContent = 'Waiting for your security key'
    try {
      const answer = form.dataset.purpose === 'register'
        ? await register(options)
        : await authenticate(options)
      field.value = JSON.stringify(answer)
      form.submit()
    } catch (error) {
      status.textContent = 'Your security key did not answer. Try again, or start signing in again.'
    }
  })
}
