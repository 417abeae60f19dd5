"""The data-protection tables. Created by migration ``protection_0001_tables``.

* ``isa``: information-sharing agreements: the agencies party to it, the approved fields per
  purpose (JSON ``{purpose: [field, ...]}``), the lawful bases it rests on, start and end dates.
* ``disclosure``: every decision to share a child's records outside the sharing agency, or to
  decline to share, with the recipient, the agreement, purpose, lawful basis and reason.
* ``sar_request``, ``sar_release``, ``sar_redaction``: subject access requests, third parties
  marked releasable for a request, and every redaction made in a request's pack with its reason.
* ``legal_hold`` and ``destruction_certificate``: retention.
* ``rectification`` and ``rectification_notice`` (migration ``protection_0002_rectification``):
  every correction of a stored record with the values before and after, and each recipient the
  correction must be communicated to (UK GDPR Article 19), until they have been told.
"""

from __future__ import annotations

import sqlalchemy as sa

from fullpicture.store.schema import metadata

_TZ = sa.DateTime(timezone=True)

isa = sa.Table(
    "isa",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("title", sa.String(256), nullable=False),
    sa.Column("parties", sa.Text, nullable=False),  # JSON list of agency kinds
    sa.Column("purposes", sa.Text, nullable=False),  # JSON {purpose: [field, ...]}
    sa.Column("lawful_bases", sa.Text, nullable=False),  # JSON list of lawful-basis codes
    sa.Column("start_date", sa.Date, nullable=False),
    sa.Column("end_date", sa.Date, nullable=True),  # last day in force; None: open-ended
    sa.Column("ended_reason", sa.Text, nullable=True),
    sa.Column("created_by", sa.String(128), nullable=False),
    sa.Column("created_at", _TZ, nullable=False),
)

disclosure = sa.Table(
    "disclosure",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("person_id", sa.String(16), nullable=False),
    sa.Column("decision", sa.String(8), nullable=False),  # shared | declined
    sa.Column("isa_id", sa.String(32), nullable=True),
    sa.Column("purpose", sa.String(32), nullable=True),
    sa.Column("lawful_basis", sa.String(32), nullable=True),
    sa.Column("recipient", sa.String(256), nullable=False),
    sa.Column("recipient_agency", sa.String(32), nullable=True),
    sa.Column("fields", sa.Text, nullable=True),  # JSON list of the fields disclosed
    sa.Column("records", sa.Integer, nullable=False, server_default="0"),
    sa.Column("reason", sa.Text, nullable=True),  # required when declined
    sa.Column("decided_by", sa.String(128), nullable=False),
    sa.Column("decided_at", _TZ, nullable=False),
    sa.Index("ix_disclosure_person", "person_id"),
)

sar_request = sa.Table(
    "sar_request",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("person_id", sa.String(16), nullable=False),
    sa.Column("requester", sa.String(256), nullable=False),
    sa.Column("received_on", sa.Date, nullable=False),
    sa.Column("due_on", sa.Date, nullable=False),
    sa.Column("extended_due_on", sa.Date, nullable=True),
    sa.Column("extension_notified_on", sa.Date, nullable=True),
    sa.Column("extension_reason", sa.Text, nullable=True),
    sa.Column("status", sa.String(16), nullable=False),  # open | completed
    sa.Column("completed_on", sa.Date, nullable=True),
    sa.Column("opened_by", sa.String(128), nullable=False),
    sa.Column("opened_at", _TZ, nullable=False),
    sa.Index("ix_sar_request_person", "person_id"),
)

sar_release = sa.Table(
    "sar_release",
    metadata,
    sa.Column("sar_id", sa.Integer, sa.ForeignKey("sar_request.id"), primary_key=True),
    sa.Column("third_party_id", sa.String(16), primary_key=True),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("decided_by", sa.String(128), nullable=False),
    sa.Column("decided_at", _TZ, nullable=False),
)

sar_redaction = sa.Table(
    "sar_redaction",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sar_id", sa.Integer, sa.ForeignKey("sar_request.id"), nullable=False),
    sa.Column("location", sa.String(128), nullable=False),  # e.g. "event 12 summary"
    sa.Column("third_party_id", sa.String(32), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("redacted_at", _TZ, nullable=False),
    sa.Index("ix_sar_redaction_sar", "sar_id"),
)

legal_hold = sa.Table(
    "legal_hold",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("person_id", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("placed_by", sa.String(128), nullable=False),
    sa.Column("placed_at", _TZ, nullable=False),
    sa.Column("lifted_by", sa.String(128), nullable=True),
    sa.Column("lifted_at", _TZ, nullable=True),
    sa.Index("ix_legal_hold_person", "person_id"),
)

destruction_certificate = sa.Table(
    "destruction_certificate",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("person_id", sa.String(16), nullable=False),
    sa.Column("rule_id", sa.String(64), nullable=False),
    sa.Column("citation", sa.Text, nullable=False),
    sa.Column("due_on", sa.Date, nullable=False),
    sa.Column("destroyed_on", sa.Date, nullable=False),
    sa.Column("destroyed_at", _TZ, nullable=False),
    sa.Column("destroyed_by", sa.String(128), nullable=False),
    sa.Column("counts", sa.Text, nullable=False),  # JSON {table: rows deleted}
)


rectification = sa.Table(
    "rectification",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("person_id", sa.String(16), nullable=False),
    sa.Column("target", sa.String(16), nullable=False),  # event | person_record
    sa.Column("target_id", sa.Integer, nullable=False),
    sa.Column("source", sa.String(64), nullable=False),  # the record's source
    sa.Column("before", sa.Text, nullable=False),  # JSON {column: value} as it was
    sa.Column("after", sa.Text, nullable=False),  # JSON {column: value} as corrected
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("requested_by", sa.String(256), nullable=False),  # who asked for the correction
    sa.Column("made_by", sa.String(128), nullable=False),
    sa.Column("made_at", _TZ, nullable=False),
    sa.Index("ix_rectification_person", "person_id"),
    sa.Index("ix_rectification_target", "target", "target_id"),
)

rectification_notice = sa.Table(
    "rectification_notice",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("rectification_id", sa.Integer, sa.ForeignKey("rectification.id"), nullable=False),
    sa.Column("recipient", sa.String(256), nullable=False),
    sa.Column("recipient_agency", sa.String(64), nullable=True),
    sa.Column("basis", sa.String(16), nullable=False),  # disclosure | source
    sa.Column("disclosure_id", sa.Integer, nullable=True),  # the share that reached them
    sa.Column("notified_at", _TZ, nullable=True),
    sa.Column("notified_by", sa.String(128), nullable=True),
    sa.Index("ix_rectification_notice_open", "notified_at", "id"),
)
