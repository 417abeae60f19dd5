"""The store's tables (SQLAlchemy Core). The store is the system of record.

Identity: a *source person* is one agency's record of a person (``source`` + ``local_id``); a
*person* is fullpicture's view of one real individual, to which linkage assigns source persons.
Events, relationships and addresses always point at source persons, so re-linking never rewrites
them; chronologies go through ``source_person.person_id``.

Every row taken in points at its ledger entry (``ledger_id``) and file row (``row_number``).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

_TZ = sa.DateTime(timezone=True)

source_mapping = sa.Table(
    "source_mapping",
    metadata,
    sa.Column("source", sa.String(64), primary_key=True),
    sa.Column("agency", sa.String(32), nullable=False),
    sa.Column("body", sa.Text, nullable=False),  # the mapping document as JSON
    sa.Column("registered_at", _TZ, nullable=False),
)

ledger = sa.Table(
    "ledger",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("filename", sa.String(512), nullable=False),
    sa.Column("table_name", sa.String(64), nullable=False),  # the mapping table the file matched
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # complete | superseded
    sa.Column("rows_read", sa.Integer, nullable=False),
    sa.Column("rows_stored", sa.Integer, nullable=False),
    sa.Column("rows_quarantined", sa.Integer, nullable=False),
    sa.Column("imported_by", sa.String(128), nullable=False),
    sa.Column("started_at", _TZ, nullable=False),
    sa.Column("finished_at", _TZ, nullable=False),
    sa.Column("supersedes_id", sa.Integer, sa.ForeignKey("ledger.id"), nullable=True),
    sa.UniqueConstraint("source", "sha256", "table_name", name="uq_ledger_source_sha256"),
)

person = sa.Table(
    "person",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),  # stable id, e.g. P0000123
    sa.Column("display_name", sa.String(256), nullable=False),
    sa.Column("date_of_birth", sa.Date, nullable=True),
    sa.Column("sex", sa.String(16), nullable=True),
    sa.Column("ethnicity", sa.String(16), nullable=True),
    sa.Column("restricted", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", _TZ, nullable=False),
)

source_person = sa.Table(
    "source_person",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("agency", sa.String(32), nullable=False),
    sa.Column("local_id", sa.String(128), nullable=False),
    sa.Column("ledger_id", sa.Integer, sa.ForeignKey("ledger.id"), nullable=False),
    sa.Column("row_number", sa.Integer, nullable=False),
    sa.Column("nhs_number", sa.String(10), nullable=True),  # valid (mod 11) numbers only
    sa.Column("upn", sa.String(13), nullable=True),  # valid (check letter) UPNs only
    sa.Column("other_ids", sa.Text, nullable=True),  # JSON {scheme: value}
    sa.Column("given_name", sa.String(128), nullable=True),
    sa.Column("middle_names", sa.String(256), nullable=True),
    sa.Column("family_name", sa.String(128), nullable=True),
    sa.Column("known_as", sa.String(128), nullable=True),
    sa.Column("former_family_name", sa.String(128), nullable=True),
    sa.Column("date_of_birth", sa.Date, nullable=True),
    sa.Column("dob_precision", sa.String(8), nullable=True),
    sa.Column("sex", sa.String(16), nullable=True),
    sa.Column("ethnicity", sa.String(16), nullable=True),
    sa.Column("first_language", sa.String(64), nullable=True),
    sa.Column("religion", sa.String(64), nullable=True),
    sa.Column("postcode", sa.String(16), nullable=True),  # current/latest postcode, normalised
    sa.Column("address", sa.String(512), nullable=True),
    sa.Column("is_child", sa.Boolean, nullable=True),
    sa.Column("person_id", sa.String(16), sa.ForeignKey("person.id"), nullable=True),
    sa.Column("updated_at", _TZ, nullable=False),
    sa.UniqueConstraint("source", "local_id", name="uq_source_person_source_local"),
    sa.Index("ix_source_person_person_id", "person_id"),
    sa.Index("ix_source_person_nhs", "nhs_number"),
    sa.Index("ix_source_person_upn", "upn"),
)

address = sa.Table(
    "address",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("source_person_id", sa.Integer, sa.ForeignKey("source_person.id"), nullable=False),
    sa.Column("ledger_id", sa.Integer, sa.ForeignKey("ledger.id"), nullable=False),
    sa.Column("row_number", sa.Integer, nullable=False),
    sa.Column("record_key", sa.String(256), nullable=False),  # natural key within the source
    sa.Column("postcode", sa.String(16), nullable=True),
    sa.Column("address", sa.String(512), nullable=True),
    sa.Column("start_date", sa.Date, nullable=True),
    sa.Column("end_date", sa.Date, nullable=True),
    sa.UniqueConstraint("source", "record_key", name="uq_address_source_key"),
    sa.Index("ix_address_source_person_id", "source_person_id"),
    sa.Index("ix_address_postcode", "postcode"),
)

relationship = sa.Table(
    "relationship",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("ledger_id", sa.Integer, sa.ForeignKey("ledger.id"), nullable=False),
    sa.Column("row_number", sa.Integer, nullable=False),
    sa.Column("record_key", sa.String(256), nullable=False),
    sa.Column(
        "from_source_person_id", sa.Integer, sa.ForeignKey("source_person.id"), nullable=False
    ),
    sa.Column("to_source_person_id", sa.Integer, sa.ForeignKey("source_person.id"), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),  # vocabulary.RelationshipKind
    sa.Column("start_date", sa.Date, nullable=True),
    sa.Column("end_date", sa.Date, nullable=True),
    sa.UniqueConstraint("source", "record_key", name="uq_relationship_source_key"),
    sa.Index("ix_relationship_from", "from_source_person_id"),
    sa.Index("ix_relationship_to", "to_source_person_id"),
)

event = sa.Table(
    "event",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("agency", sa.String(32), nullable=False),
    sa.Column("system", sa.String(64), nullable=True),
    sa.Column("ledger_id", sa.Integer, sa.ForeignKey("ledger.id"), nullable=False),
    sa.Column("row_number", sa.Integer, nullable=False),
    sa.Column("record_key", sa.String(256), nullable=False),  # source record id + emitted type
    sa.Column("record_id", sa.String(128), nullable=True),  # the agency's own record reference
    sa.Column(
        "subject_source_person_id", sa.Integer, sa.ForeignKey("source_person.id"), nullable=False
    ),
    sa.Column("event_type", sa.String(64), nullable=False),
    sa.Column("occurred_on", sa.Date, nullable=False),  # first day of the precision period
    sa.Column("occurred_at", _TZ, nullable=True),  # UTC instant when the time is known
    sa.Column("precision", sa.String(8), nullable=False),  # vocabulary.DatePrecision
    sa.Column("uncertain", sa.Boolean, nullable=False),
    sa.Column("sequence", sa.Integer, nullable=False),  # same-day order within the source
    sa.Column("recorded_on", sa.Date, nullable=True),  # when the agency recorded it
    sa.Column("location", sa.String(256), nullable=True),
    sa.Column("summary", sa.Text, nullable=True),  # factual account
    sa.Column("opinion", sa.Text, nullable=True),  # professional opinion, kept apart
    sa.Column("action", sa.Text, nullable=True),  # action taken
    sa.Column("reason_no_action", sa.Text, nullable=True),
    sa.Column("significance", sa.String(16), nullable=True),  # low | medium | high
    sa.Column("author_role", sa.String(64), nullable=True),
    sa.Column("incident_ref", sa.String(128), nullable=True),  # shared reference across agencies
    sa.Column("attributes", sa.Text, nullable=True),  # JSON, keys per vocabulary.EventType
    sa.Column("restricted", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.UniqueConstraint("source", "record_key", name="uq_event_source_key"),
    sa.Index("ix_event_subject", "subject_source_person_id", "occurred_on"),
    sa.Index("ix_event_type_on", "event_type", "occurred_on"),
    # ix_event_incident_ref (partial, where incident_ref is set) comes from migration store_0002,
    # because 0001 builds the tables from these objects and must not build it twice.
)

event_participant = sa.Table(
    "event_participant",
    metadata,
    sa.Column(
        "event_id", sa.Integer, sa.ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("source_person_id", sa.Integer, sa.ForeignKey("source_person.id"), primary_key=True),
    sa.Column("role", sa.String(32), primary_key=True),
    sa.Index("ix_event_participant_person", "source_person_id"),
)

quarantine = sa.Table(
    "quarantine",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("ledger_id", sa.Integer, sa.ForeignKey("ledger.id"), nullable=False),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("row_number", sa.Integer, nullable=False),
    sa.Column("raw", sa.Text, nullable=False),  # JSON {column: value} exactly as read
    sa.Column("reasons", sa.Text, nullable=False),  # JSON list of {field, problem, value}
    sa.Index("ix_quarantine_ledger", "ledger_id"),
    sa.Index("ix_quarantine_source", "source"),
)
