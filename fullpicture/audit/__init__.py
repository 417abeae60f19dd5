"""The tamper-evident audit log: an append-only, hash-chained, HMAC-keyed record of every view,
export and change of a child's data.

Each entry's MAC is ``HMAC-SHA256(key, previous MAC || canonical JSON of the entry)``, so an edit,
a deletion in the middle, a reordering or a chain rewritten without the key is detected by
:func:`fullpicture.audit.chain.verify_chain`, which names the first bad ``seq``. Truncation of the
tail is detected against an external checkpoint (:func:`fullpicture.audit.chain.write_checkpoint`).
"""

from fullpicture.audit.chain import (
    AuditEntry,
    VerifyResult,
    append_entry,
    verify_chain,
    verify_checkpoint,
    write_checkpoint,
)
from fullpicture.audit.keys import load_or_create_key

__all__ = [
    "AuditEntry",
    "VerifyResult",
    "append_entry",
    "load_or_create_key",
    "verify_chain",
    "verify_checkpoint",
    "write_checkpoint",
]
