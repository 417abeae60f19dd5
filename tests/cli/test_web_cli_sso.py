"""``fullpicture users link-sso`` and ``unlink-sso``: administrators map accounts to single
sign-on subjects; demo accounts are refused; every change is audited."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from typer.testing import CliRunner

from fullpicture.audit.chain import verify_chain
from fullpicture.audit.keys import derive_key, load_or_create_key
from fullpicture.audit.tables import audit_entry
from fullpicture.cli import app
from fullpicture.web.security.sessions import create_session
from fullpicture.web.tables import web_session, web_user


def _subject_of(engine, username: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(
            sa.select(web_user.c.oidc_subject).where(web_user.c.username == username)
        ).scalar_one()


def _audit(engine) -> list[tuple[str, str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(audit_entry).order_by(audit_entry.c.seq))
        return [(r.purpose, r.action, r.detail) for r in rows]


def test_should_link_and_unlink_an_account_with_an_audit_entry_for_each(sample_accounts):
    engine, folder = sample_accounts
    runner = CliRunner()
    linked = runner.invoke(app, ["users", "link-sso", "j.smith", " entra-oid-123 "])
    assert linked.exit_code == 0, linked.output
    assert _subject_of(engine, "j.smith") == "entra-oid-123"
    with engine.begin() as conn:
        create_session(conn, 1, datetime.now(UTC))
    unlinked = runner.invoke(app, ["users", "unlink-sso", "j.smith"])
    assert unlinked.exit_code == 0 and _subject_of(engine, "j.smith") is None
    with engine.connect() as conn:
        live = conn.execute(sa.select(web_session).where(web_session.c.revoked_at.is_(None)))
        assert live.first() is None
    assert _audit(engine) == [
        ("link single sign-on", "change", '{"user":"j.smith"}'),
        ("unlink single sign-on", "change", '{"user":"j.smith"}'),
    ]
    key = derive_key(load_or_create_key(folder / "secrets" / "fullpicture.key"), "audit-chain")
    assert verify_chain(engine, key).ok
    again = runner.invoke(app, ["users", "unlink-sso", "j.smith"])
    assert again.exit_code == 0 and "was not linked" in again.output and len(_audit(engine)) == 2


def test_should_refuse_a_demo_account_and_change_nothing(sample_accounts):
    engine, _folder = sample_accounts
    refused = CliRunner().invoke(app, ["users", "link-sso", "demo.iro", "sub-1"])
    assert refused.exit_code == 2 and "Demo accounts cannot use single sign-on" in refused.output
    assert _subject_of(engine, "demo.iro") is None and _audit(engine) == []


def test_should_refuse_a_subject_linked_to_another_account(sample_accounts):
    engine, _folder = sample_accounts
    runner = CliRunner()
    assert runner.invoke(app, ["users", "link-sso", "j.smith", "sub-1"]).exit_code == 0
    taken = runner.invoke(app, ["users", "link-sso", "k.jones", "sub-1"])
    assert taken.exit_code == 2 and "already linked to the account 'j.smith'" in taken.output
    assert _subject_of(engine, "k.jones") is None and len(_audit(engine)) == 1


def test_should_refuse_an_unknown_user_or_an_empty_subject(sample_accounts):
    engine, _folder = sample_accounts
    runner = CliRunner()
    unknown = runner.invoke(app, ["users", "link-sso", "nobody", "sub-1"])
    assert unknown.exit_code == 2 and "There is no user 'nobody'" in unknown.output
    empty = runner.invoke(app, ["users", "link-sso", "j.smith", "   "])
    assert empty.exit_code == 2 and "1 to 256 characters" in empty.output
    assert _audit(engine) == []
