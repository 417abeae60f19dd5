"""Linkage's own tables: the trained model, runs, scored pairs, decisions, manual changes, ids.

* ``linkage_model``: each trained Splink model as JSON (the newest is used for incremental runs).
* ``linkage_run``: one row per ``link()`` call, with its counts and timings.
* ``link_pair``: scored pairs in the accept and review bands, with match weight, probability and
  per-field contributions (JSON list of ``{comparison, level, weight}``). ``pair_id`` is
  ``"<lower source_person.id>-<higher>"`` so it is stable across runs.
* ``linkage_decision``: a person's decision that two source records are (not) the same person;
  honoured on every re-run. Splits and merges are recorded as decisions too (``change_id``).
* ``linkage_change``: manual split and merge, with who, when and why.
* ``linkage_identity``: every person id ever issued (ids are never reused), and where a retired id
  went (``merged_into``).
"""

from __future__ import annotations

import sqlalchemy as sa

from fullpicture.store.schema import metadata

_TZ = sa.DateTime(timezone=True)

linkage_model = sa.Table(
    "linkage_model",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("trained_at", _TZ, nullable=False),
    sa.Column("records", sa.Integer, nullable=False),
    sa.Column("settings_json", sa.Text, nullable=False),
)

linkage_run = sa.Table(
    "linkage_run",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("mode", sa.String(16), nullable=False),  # full | incremental
    sa.Column("started_at", _TZ, nullable=False),
    sa.Column("finished_at", _TZ, nullable=True),
    sa.Column("model_id", sa.Integer, sa.ForeignKey("linkage_model.id"), nullable=True),
    sa.Column("records", sa.Integer, nullable=False, server_default="0"),
    sa.Column("new_records", sa.Integer, nullable=False, server_default="0"),
    sa.Column("pairs_scored", sa.Integer, nullable=False, server_default="0"),
    sa.Column("accepted", sa.Integer, nullable=False, server_default="0"),
    sa.Column("review", sa.Integer, nullable=False, server_default="0"),
    sa.Column("people", sa.Integer, nullable=False, server_default="0"),
    sa.Column("people_created", sa.Integer, nullable=False, server_default="0"),
    sa.Column("people_retired", sa.Integer, nullable=False, server_default="0"),
    sa.Column("timings", sa.Text, nullable=True),  # JSON {step: seconds}
)

link_pair = sa.Table(
    "link_pair",
    metadata,
    sa.Column("pair_id", sa.String(48), primary_key=True),
    sa.Column("left_id", sa.Integer, sa.ForeignKey("source_person.id"), nullable=False),
    sa.Column("right_id", sa.Integer, sa.ForeignKey("source_person.id"), nullable=False),
    sa.Column("match_weight", sa.Float, nullable=False),
    sa.Column("match_probability", sa.Float, nullable=False),
    sa.Column("band", sa.String(8), nullable=False),  # accept | review
    sa.Column("contributions", sa.Text, nullable=False),  # JSON list
    sa.Column("run_id", sa.Integer, sa.ForeignKey("linkage_run.id"), nullable=False),
    sa.Index("ix_link_pair_band", "band"),
    sa.Index("ix_link_pair_left", "left_id"),
    sa.Index("ix_link_pair_right", "right_id"),
)

linkage_change = sa.Table(
    "linkage_change",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(8), nullable=False),  # split | merge
    sa.Column("person_ids", sa.Text, nullable=False),  # JSON list, as given
    sa.Column("record_ids", sa.Text, nullable=False),  # JSON list of source_person ids moved
    sa.Column("result_person_ids", sa.Text, nullable=False),  # JSON list after the change
    sa.Column("changed_by", sa.String(128), nullable=False),
    sa.Column("changed_at", _TZ, nullable=False),
    sa.Column("reason", sa.Text, nullable=True),
)

linkage_decision = sa.Table(
    "linkage_decision",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("left_id", sa.Integer, sa.ForeignKey("source_person.id"), nullable=False),
    sa.Column("right_id", sa.Integer, sa.ForeignKey("source_person.id"), nullable=False),
    sa.Column("decision", sa.String(8), nullable=False),  # same | not_same
    sa.Column("decided_by", sa.String(128), nullable=False),
    sa.Column("decided_at", _TZ, nullable=False),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("pair_id", sa.String(48), nullable=True),  # the review pair decided, if any
    sa.Column("change_id", sa.Integer, sa.ForeignKey("linkage_change.id"), nullable=True),
    sa.Column("superseded", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index("ix_linkage_decision_pair", "left_id", "right_id"),
)

linkage_identity = sa.Table(
    "linkage_identity",
    metadata,
    sa.Column("person_id", sa.String(16), primary_key=True),
    sa.Column("number", sa.Integer, nullable=False, unique=True),
    sa.Column("status", sa.String(8), nullable=False),  # active | retired
    sa.Column("issued_at", _TZ, nullable=False),
    sa.Column("retired_at", _TZ, nullable=True),
    sa.Column("merged_into", sa.String(16), nullable=True),
)
