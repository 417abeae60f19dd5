// Progressive enhancement only: every journey works without JavaScript.
import { initAll } from '/static/govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// The security-key step of signing in loads its own module only where it is needed.
if (document.getElementById('security-key-form')) {
  import('/static/app/security-key.js')
}
