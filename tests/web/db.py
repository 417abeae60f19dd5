"""Factories for the web tests: people, events and users in a store (plain functions)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fullpicture.field_keys import FieldCipher
from fullpicture.store.schema import event, ledger, person, relationship, source_person
from fullpicture.web.accounts import add_user, assign_child
from fullpicture.web.security.security_keys import (
    REGISTER,
    RelyingParty,
    needs_security_key,
    peek_pending,
    register_key,
    registration_options,
    start_pending,
)
from tests.web.authenticator import SoftAuthenticator

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


class _TestKeys:
    """The field cipher of the running test's settings (set by tests/web/conftest.py)."""

    cipher: FieldCipher | None = None


TEST_KEYS = _TestKeys()
PASSWORD = "correct horse battery staple"  # pragma: allowlist secret
TEST_RP = RelyingParty(rp_id="testserver", origin="https://testserver")
AUTHENTICATORS: dict[str, SoftAuthenticator] = {}
"""The software security key of each user created with one, by user name."""


def _ledger(conn: sa.Connection, source: str) -> int:
    found = conn.execute(sa.select(ledger.c.id).where(ledger.c.source == source)).scalar()
    if found is not None:
        return int(found)
    return int(
        conn.execute(
            ledger.insert()
            .values(
                source=source,
                filename="f.csv",
                table_name="t",
                sha256=hashlib.sha256(source.encode()).hexdigest(),
                status="complete",
                rows_read=1,
                rows_stored=1,
                rows_quarantined=0,
                imported_by="test",
                started_at=NOW,
                finished_at=NOW,
            )
            .returning(ledger.c.id)
        ).scalar_one()
    )


def create_person(
    engine: Engine,
    person_id: str = "P0000001",
    *,
    name: str = "Child One",
    restricted: bool = False,
) -> str:
    with engine.begin() as conn:
        conn.execute(
            person.insert().values(
                id=person_id,
                display_name=name,
                date_of_birth=date(2015, 5, 1),
                sex="female",
                restricted=restricted,
                created_at=NOW,
            )
        )
    return person_id


def _source_person(conn: sa.Connection, person_id: str, agency: str) -> int:
    source = f"{agency}-test"
    found = conn.execute(
        sa.select(source_person.c.id).where(
            source_person.c.source == source, source_person.c.local_id == person_id
        )
    ).scalar()
    if found is not None:
        return int(found)
    return int(
        conn.execute(
            source_person.insert()
            .values(
                source=source,
                agency=agency,
                local_id=person_id,
                ledger_id=_ledger(conn, source),
                row_number=1,
                is_child=True,
                person_id=person_id,
                updated_at=NOW,
            )
            .returning(source_person.c.id)
        ).scalar_one()
    )


def create_event(
    engine: Engine,
    person_id: str,
    *,
    agency: str = "social_care",
    event_type: str = "social_care.referral",
    on: date = date(2025, 1, 10),
    summary: str = "Referral received",
) -> int:
    with engine.begin() as conn:
        subject = _source_person(conn, person_id, agency)
        count = conn.execute(sa.select(sa.func.count()).select_from(event)).scalar_one()
        return int(
            conn.execute(
                event.insert()
                .values(
                    source=f"{agency}-test",
                    agency=agency,
                    ledger_id=_ledger(conn, f"{agency}-test"),
                    row_number=count + 1,
                    record_key=f"k{count}",
                    record_id=f"R{count}",
                    subject_source_person_id=subject,
                    event_type=event_type,
                    occurred_on=on,
                    precision="day",
                    uncertain=False,
                    sequence=0,
                    summary=summary,
                )
                .returning(event.c.id)
            ).scalar_one()
        )


def create_relationship(
    engine: Engine, person_id: str, other_id: str, kind: str = "parent"
) -> None:
    with engine.begin() as conn:
        child = _source_person(conn, person_id, "social_care")
        other = _source_person(conn, other_id, "social_care")
        conn.execute(
            relationship.insert().values(
                source="social_care-test",
                ledger_id=_ledger(conn, "social_care-test"),
                row_number=1,
                record_key=f"rel-{other_id}-{person_id}",
                from_source_person_id=other,
                to_source_person_id=child,
                kind=kind,
            )
        )


def create_user(
    engine: Engine,
    username: str,
    role: str,
    *,
    agency: str = "social_care",
    children: tuple[str, ...] = (),
    with_totp: bool = True,
    is_demo: bool = False,
    with_key: bool | None = None,
    cipher: FieldCipher | None = None,
) -> str | None:
    """Create a user (password PASSWORD); return the TOTP secret.

    Administrators and auditors get a software security key (in ``AUTHENTICATORS``) unless
    ``with_key`` is False. The secret is sealed under ``cipher``, by default the test's own
    keyring (``TEST_KEYS``, set for every web test from its settings).
    """
    chosen = cipher or TEST_KEYS.cipher
    assert chosen is not None, "no field cipher: pass cipher= or use the web tests' settings"
    with engine.begin() as conn:
        created = add_user(
            conn,
            username=username,
            display_name=username.title(),
            role=role,
            agency=agency,
            password=PASSWORD,
            now=NOW,
            cipher=chosen,
            with_totp=with_totp,
            is_demo=is_demo,
        )
        for pid in children:
            assign_child(conn, created.user_id, pid, granted_by="test", now=NOW)
        if with_key if with_key is not None else needs_security_key(role):
            AUTHENTICATORS[username] = create_security_key(conn, created.user_id, username)
    return created.totp_secret


def create_security_key(conn: sa.Connection, user_id: int, username: str) -> SoftAuthenticator:
    """Register a new software key for the user through the real registration checks."""
    authenticator = SoftAuthenticator()
    token = start_pending(conn, user_id, REGISTER, NOW)
    pending = peek_pending(conn, token, NOW)
    options = json.loads(registration_options(conn, TEST_RP, pending, username))
    answer = json.dumps(authenticator.create(options, TEST_RP.origin))
    register_key(conn, TEST_RP, pending, answer, NOW)
    return authenticator


def create_alert(
    engine: Engine,
    person_id: str,
    evidence: tuple[int, ...],
    *,
    rule_id: str = "ACC-1",
    anchor: str = "a1",
) -> int:
    """Write one open alert through the alerts area's own lifecycle."""
    from fullpicture.alerts.lifecycle import Finding, register_sql, sync_findings
    from fullpicture.alerts.tables import alert

    with engine.begin() as conn:
        register_sql(conn, "h" * 64, rule_id, 1, "{}", "SELECT 1")
        sync_findings(
            conn,
            [
                Finding(
                    rule_id=rule_id,
                    rule_code=rule_id,
                    rule_version=1,
                    severity="high",
                    person_id=person_id,
                    anchor_key=anchor,
                    anchor_on=date(2025, 1, 10),
                    evidence=evidence,
                    explanation="Three concerns in 12 months from two agencies.",
                    facts={},
                    sql_hash="h" * 64,
                )
            ],
            rule_ids=[rule_id],
            person_ids=[person_id],
            reason="test",
        )
        return int(
            conn.execute(
                sa.select(alert.c.id).where(
                    alert.c.person_id == person_id, alert.c.anchor_key == anchor
                )
            ).scalar_one()
        )
