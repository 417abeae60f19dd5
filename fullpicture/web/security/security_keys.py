"""Security keys (WebAuthn, via py_webauthn) for privileged users: the phishing-resistant factor.

Administrators and auditors sign in with a password and then a security key; a TOTP code alone
is not enough for them. After the password step the server opens a *pending sign-in*: a random
token in a short-lived cookie (only its SHA-256 is stored) bound to one user, one purpose
(``authenticate`` or ``register``) and one server-generated challenge. The ceremony's answer is
checked against that stored challenge, and the pending sign-in is used up by the first answer,
right or wrong, so a challenge can never be answered twice. The browser's origin and the
relying-party id are checked by the library against the configured values, and an answer whose
signature counter does not move forward is refused (a cloned key).

A first key can be registered only with a one-time enrolment code issued from the command line
(``fullpicture users enrol-key``), so a stolen password alone cannot register an attacker's key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
import webauthn
from sqlalchemy.engine import Connection
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.exceptions import (
    InvalidAuthenticationResponse,
    InvalidJSONStructure,
    InvalidRegistrationResponse,
)
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from fullpicture.errors import FullpictureError, NotFoundError
from fullpicture.web.clock import as_utc
from fullpicture.web.roles import Role
from fullpicture.web.security.key_tables import key_enrolment, pending_sign_in, security_key
from fullpicture.web.security.sessions import revoke_user_sessions

SECURITY_KEY_ROLES: frozenset[Role] = frozenset({Role.ADMINISTRATOR, Role.AUDITOR})
"""Roles that must sign in with a security key (TOTP alone is refused)."""

PENDING_COOKIE = "__Host-fullpicture-pending"
PENDING_LIFETIME = timedelta(minutes=5)
ENROLMENT_LIFETIME = timedelta(hours=24)
AUTHENTICATE = "authenticate"
REGISTER = "register"
_TIMEOUT_MS = 120_000
_BAD_ANSWER = (InvalidAuthenticationResponse, InvalidRegistrationResponse, InvalidJSONStructure)


class SecurityKeyRefusedError(FullpictureError):
    """A security-key ceremony failed; ``reason`` is safe to log (no personal data)."""

    def __init__(self, reason: str) -> None:
        super().__init__("The security key was not accepted", hint="Start signing in again.")
        self.reason = reason


@dataclass(frozen=True)
class RelyingParty:
    """Who the keys are registered with: the relying-party id (a host name) and the origin."""

    rp_id: str
    origin: str
    name: str = "fullpicture"


@dataclass(frozen=True)
class PendingSignIn:
    """A sign-in that passed the password step and waits for a security key."""

    user_id: int
    purpose: str
    challenge: bytes
    user_handle: bytes


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def needs_security_key(role: str) -> bool:
    """Return True when ``role`` must use a security key at sign-in."""
    return role in SECURITY_KEY_ROLES


def has_security_key(conn: Connection, user_id: int) -> bool:
    """Return True when the user has at least one registered key."""
    found = conn.execute(
        sa.select(security_key.c.id).where(security_key.c.user_id == user_id).limit(1)
    ).first()
    return found is not None


def start_pending(conn: Connection, user_id: int, purpose: str, now: datetime) -> str:
    """Open a pending sign-in with a fresh challenge; return the cookie token."""
    token = secrets.token_urlsafe(32)
    conn.execute(
        pending_sign_in.insert().values(
            id=_digest(token),
            user_id=user_id,
            purpose=purpose,
            challenge=bytes_to_base64url(secrets.token_bytes(32)),
            user_handle=bytes_to_base64url(_user_handle(conn, user_id)),
            created_at=now,
            expires_at=now + PENDING_LIFETIME,
        )
    )
    return token


def _pending_row(conn: Connection, token: str | None, now: datetime) -> sa.Row[tuple[object, ...]]:
    if not token:
        raise SecurityKeyRefusedError("no pending sign-in")
    row = conn.execute(
        sa.select(pending_sign_in).where(pending_sign_in.c.id == _digest(token))
    ).one_or_none()
    if row is None or row.used_at is not None:
        raise SecurityKeyRefusedError("pending sign-in unknown or already used")
    if as_utc(row.expires_at) <= now:
        raise SecurityKeyRefusedError("pending sign-in expired")
    return row


def _as_pending(row: sa.Row[tuple[object, ...]]) -> PendingSignIn:
    return PendingSignIn(
        int(str(row.user_id)),
        str(row.purpose),
        webauthn.base64url_to_bytes(str(row.challenge)),
        webauthn.base64url_to_bytes(str(row.user_handle)),
    )


def peek_pending(conn: Connection, token: str | None, now: datetime) -> PendingSignIn:
    """Return the live pending sign-in behind ``token`` without using it up (to show the page).

    Raises:
        SecurityKeyRefusedError: no such pending sign-in, or it expired or was used.
    """
    return _as_pending(_pending_row(conn, token, now))


def take_pending(conn: Connection, token: str | None, now: datetime) -> PendingSignIn:
    """Use up the pending sign-in behind ``token``: its challenge can be answered only once.

    Raises:
        SecurityKeyRefusedError: no such pending sign-in, or it expired or was used.
    """
    row = _pending_row(conn, token, now)
    used = conn.execute(
        pending_sign_in.update()
        .where(pending_sign_in.c.id == row.id, pending_sign_in.c.used_at.is_(None))
        .values(used_at=now)
    )
    if used.rowcount != 1:  # a concurrent request answered it first
        raise SecurityKeyRefusedError("pending sign-in already used")
    return _as_pending(row)


def _descriptors(conn: Connection, user_id: int) -> list[PublicKeyCredentialDescriptor]:
    ids = conn.execute(
        sa.select(security_key.c.credential_id).where(security_key.c.user_id == user_id)
    ).scalars()
    return [PublicKeyCredentialDescriptor(id=webauthn.base64url_to_bytes(i)) for i in ids]


def authentication_options(conn: Connection, rp: RelyingParty, pending: PendingSignIn) -> str:
    """Return the JSON options for ``navigator.credentials.get`` for a pending sign-in."""
    options = webauthn.generate_authentication_options(
        rp_id=rp.rp_id,
        challenge=pending.challenge,
        timeout=_TIMEOUT_MS,
        allow_credentials=_descriptors(conn, pending.user_id),
        user_verification=UserVerificationRequirement.DISCOURAGED,
    )
    return str(webauthn.options_to_json(options))


def registration_options(
    conn: Connection, rp: RelyingParty, pending: PendingSignIn, username: str
) -> str:
    """Return the JSON options for ``navigator.credentials.create`` (attestation ``none``)."""
    options = webauthn.generate_registration_options(
        rp_id=rp.rp_id,
        rp_name=rp.name,
        user_name=username,
        user_id=pending.user_handle,
        challenge=pending.challenge,
        timeout=_TIMEOUT_MS,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.DISCOURAGED,
            user_verification=UserVerificationRequirement.DISCOURAGED,
        ),
        exclude_credentials=_descriptors(conn, pending.user_id),
    )
    return str(webauthn.options_to_json(options))


def _user_handle(conn: Connection, user_id: int) -> bytes:
    """A random handle per user (not the user name or id), reused for each of their keys."""
    known = conn.execute(
        sa.select(security_key.c.user_handle).where(security_key.c.user_id == user_id).limit(1)
    ).scalar()
    if known is not None:
        return webauthn.base64url_to_bytes(str(known))
    return secrets.token_bytes(32)


def verify_assertion(
    conn: Connection, rp: RelyingParty, pending: PendingSignIn, answer: str, now: datetime
) -> None:
    """Check a ``navigator.credentials.get`` answer and move the key's counter forward.

    Raises:
        SecurityKeyRefusedError: wrong purpose, unknown key, bad signature, origin, rp id,
            challenge, or a counter that did not increase.
    """
    if pending.purpose != AUTHENTICATE:
        raise SecurityKeyRefusedError("pending sign-in is not for authentication")
    try:
        credential = webauthn.helpers.parse_authentication_credential_json(answer)
    except _BAD_ANSWER as bad:
        raise SecurityKeyRefusedError("malformed answer") from bad
    key = conn.execute(
        sa.select(security_key).where(
            security_key.c.credential_id == bytes_to_base64url(credential.raw_id),
            security_key.c.user_id == pending.user_id,
        )
    ).one_or_none()
    if key is None:
        raise SecurityKeyRefusedError("key not registered to this user")
    try:
        verified = webauthn.verify_authentication_response(
            credential=credential,
            expected_challenge=pending.challenge,
            expected_rp_id=rp.rp_id,
            expected_origin=rp.origin,
            credential_public_key=bytes(key.public_key),
            credential_current_sign_count=int(key.sign_count),
        )
    except _BAD_ANSWER as bad:
        raise SecurityKeyRefusedError(f"assertion refused: {bad}") from bad
    conn.execute(
        security_key.update()
        .where(security_key.c.id == key.id)
        .values(sign_count=verified.new_sign_count, last_used_at=now)
    )


def register_key(
    conn: Connection,
    rp: RelyingParty,
    pending: PendingSignIn,
    answer: str,
    now: datetime,
) -> None:
    """Check a ``navigator.credentials.create`` answer and store the new key.

    Raises:
        SecurityKeyRefusedError: wrong purpose, or the answer fails the library's checks.
    """
    if pending.purpose != REGISTER:
        raise SecurityKeyRefusedError("pending sign-in is not for registration")
    try:
        verified = webauthn.verify_registration_response(
            credential=answer,
            expected_challenge=pending.challenge,
            expected_rp_id=rp.rp_id,
            expected_origin=rp.origin,
        )
    except _BAD_ANSWER as bad:
        raise SecurityKeyRefusedError(f"registration refused: {bad}") from bad
    credential_id = bytes_to_base64url(verified.credential_id)
    taken = conn.execute(
        sa.select(security_key.c.id).where(security_key.c.credential_id == credential_id)
    ).first()
    if taken is not None:
        raise SecurityKeyRefusedError("key already registered")
    conn.execute(
        security_key.insert().values(
            user_id=pending.user_id,
            credential_id=credential_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            user_handle=bytes_to_base64url(pending.user_handle),
            created_at=now,
        )
    )


def issue_enrolment_code(conn: Connection, user_id: int, now: datetime) -> str:
    """Issue a one-time code (valid 24 hours) that allows registering a key; earlier ones lapse."""
    conn.execute(
        key_enrolment.update()
        .where(key_enrolment.c.user_id == user_id, key_enrolment.c.used_at.is_(None))
        .values(used_at=now)
    )
    code = "-".join(secrets.token_hex(3).upper() for _ in range(3))
    conn.execute(
        key_enrolment.insert().values(
            user_id=user_id,
            code_hash=_digest(_normalise(code)),
            issued_at=now,
            expires_at=now + ENROLMENT_LIFETIME,
        )
    )
    return code


def _normalise(code: str) -> str:
    return code.strip().replace(" ", "").replace("-", "").upper()


def use_enrolment_code(conn: Connection, user_id: int, code: str, now: datetime) -> None:
    """Use up the user's live enrolment code if ``code`` matches it.

    Raises:
        SecurityKeyRefusedError: no live code, or it does not match.
    """
    rows = conn.execute(
        sa.select(key_enrolment).where(
            key_enrolment.c.user_id == user_id, key_enrolment.c.used_at.is_(None)
        )
    ).all()
    submitted = _digest(_normalise(code))
    for row in rows:
        live = as_utc(row.expires_at) > now
        if live and hmac.compare_digest(str(row.code_hash), submitted):
            conn.execute(
                key_enrolment.update().where(key_enrolment.c.id == row.id).values(used_at=now)
            )
            return
    raise SecurityKeyRefusedError("enrolment code missing, wrong or expired")


@dataclass(frozen=True)
class KeySummary:
    """A registered key as an administrator sees it (never the key material)."""

    id: int
    credential_hint: str
    created_at: datetime
    last_used_at: datetime | None


def list_keys(conn: Connection, user_id: int) -> list[KeySummary]:
    """The keys registered to ``user_id``, oldest first; the hint is the credential id's start."""
    rows = conn.execute(
        sa.select(
            security_key.c.id,
            security_key.c.credential_id,
            security_key.c.created_at,
            security_key.c.last_used_at,
        )
        .where(security_key.c.user_id == user_id)
        .order_by(security_key.c.id)
    )
    return [
        KeySummary(
            int(r.id),
            str(r.credential_id)[:8],
            as_utc(r.created_at),
            as_utc(r.last_used_at) if r.last_used_at is not None else None,
        )
        for r in rows
    ]


def revoke_key(conn: Connection, user_id: int, key_id: int, now: datetime) -> None:
    """Remove a lost or retired key of ``user_id``; the user's live sessions end at once.

    A user left without a key signs in again only after registering a new one with a fresh
    enrolment code (:func:`issue_enrolment_code`).

    Raises:
        NotFoundError: ``user_id`` has no key ``key_id``.
    """
    done = conn.execute(
        security_key.delete().where(security_key.c.id == key_id, security_key.c.user_id == user_id)
    )
    if not done.rowcount:
        raise NotFoundError(
            f"There is no security key {key_id} for this user.",
            hint="List the user's keys with 'fullpicture users keys USERNAME'.",
        )
    revoke_user_sessions(conn, user_id, now)
