"""The one error hierarchy of fullpicture.

Library code raises these; only the edges (the CLI, the web application and the JSON API)
translate them into exit codes, pages and responses.

    FullpictureError
    ├── ConfigurationError        settings or environment are unusable
    ├── StoreError                the database could not be opened, migrated or written
    ├── IntakeError               a whole file cannot be taken in (nothing is written)
    │   ├── UnreadableFileError   not readable as the declared kind, or wrong encoding
    │   ├── MissingColumnError    a required column is absent
    │   ├── UnknownSourceError    no mapping registered or given for the source
    │   ├── MappingError          the mapping itself is invalid
    │   └── RejectedFileError     too many bad rows: the circuit breaker kept nothing
    ├── NotFoundError             a person, alert, document or record does not exist
    ├── LinkageError              linkage could not run or a decision is inconsistent
    ├── RuleError                 a rule could not be compiled or run
    ├── LearningError             a review document could not be read or searched
    ├── AccessDeniedError         the user may not do this (the web layer maps it)
    ├── AuditError                the audit log could not be written or does not verify
    └── SecretError               a keyring or an encrypted field cannot be used

Each error carries a message meant for a person: what is wrong and what to do about it.
"""

from __future__ import annotations


class FullpictureError(Exception):
    """Base of every error fullpicture raises on purpose."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class ConfigurationError(FullpictureError):
    """Settings or environment are unusable."""


class StoreError(FullpictureError):
    """The database could not be opened, migrated or written."""


class IntakeError(FullpictureError):
    """A whole file cannot be taken in; nothing from it is written."""


class UnreadableFileError(IntakeError):
    """The file is not readable as the declared kind, or its encoding is wrong."""


class MissingColumnError(IntakeError):
    """A column the mapping requires is absent from the file."""


class RejectedFileError(IntakeError):
    """A file broke the error-rate circuit breaker: nothing from it was kept.

    Attributes:
        read: rows read before the file was refused.
        quarantined: of those, the rows that would have been quarantined.
        limit: the largest share of bad rows allowed.
        reasons: how often each reason (``field: problem``) was given, most frequent first.
        rejection_id: the id of the recorded rejection, once it has been recorded.
    """

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        read: int = 0,
        quarantined: int = 0,
        limit: float = 0.0,
        reasons: dict[str, int] | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.read = read
        self.quarantined = quarantined
        self.limit = limit
        self.reasons = reasons or {}
        self.rejection_id: int | None = None


class UnknownSourceError(IntakeError):
    """No mapping is registered or given for the named source."""


class MappingError(IntakeError):
    """The mapping document itself is invalid."""


class NotFoundError(FullpictureError):
    """A person, alert, document or record does not exist (or is not visible)."""


class LinkageError(FullpictureError):
    """Linkage could not run, or a review decision is inconsistent."""


class RuleError(FullpictureError):
    """A rule could not be compiled or run."""


class LearningError(FullpictureError):
    """A review document could not be read, parsed or searched."""


class AccessDeniedError(FullpictureError):
    """The user may not do this."""


class AuditError(FullpictureError):
    """The audit log could not be written, or it does not verify."""


class ProtectionError(FullpictureError):
    """A share, subject access request or destruction breaks a data-protection rule (no
    sharing agreement, an expired agreement, a field not approved, a legal hold, ...)."""


class SecretError(FullpictureError):
    """A keyring cannot be read, or an encrypted field does not open (changed, moved, or its
    key is gone)."""
