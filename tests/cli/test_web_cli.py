"""``fullpicture audit verify|checkpoint`` and ``fullpicture users`` from the command line."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from fullpicture.audit.chain import AuditEntry, append_entry
from fullpicture.audit.keys import derive_key, load_or_create_key
from fullpicture.audit.tables import audit_entry
from fullpicture.cli import _register, app
from fullpicture.config import get_settings
from fullpicture.store.database import open_store


@pytest.fixture
def sample_cli(tmp_path, monkeypatch):
    monkeypatch.setenv("FULLPICTURE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("FULLPICTURE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    _register()
    engine = open_store(get_settings().resolved_database_url())
    key = derive_key(load_or_create_key(tmp_path / "secrets" / "fullpicture.key"), "audit-chain")
    for n in range(5):
        with engine.begin() as conn:
            append_entry(
                conn,
                key,
                AuditEntry("u", "auditor", "partnership", "role", "p", "view", f"P{n}"),
                now=datetime.now(UTC),
            )
    yield engine
    engine.dispose()
    get_settings.cache_clear()


def test_should_verify_a_clean_log_and_name_the_first_bad_entry(sample_cli, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(app, ["audit", "verify"])
    assert ok.exit_code == 0 and "5 entries" in ok.output
    checkpoint = tmp_path / "outside" / "checkpoint.json"
    assert runner.invoke(app, ["audit", "checkpoint", str(checkpoint)]).exit_code == 0
    with sample_cli.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_entry_no_update")
        conn.execute(audit_entry.update().where(audit_entry.c.seq == 3).values(purpose="edited"))
    bad = runner.invoke(app, ["audit", "verify"])
    assert bad.exit_code == 1 and "seq 3" in bad.output


def test_should_detect_a_cut_tail_with_the_checkpoint(sample_cli, tmp_path):
    runner = CliRunner()
    checkpoint = tmp_path / "checkpoint.json"
    runner.invoke(app, ["audit", "checkpoint", str(checkpoint)])
    with sample_cli.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_entry_no_delete")
        conn.execute(audit_entry.delete().where(audit_entry.c.seq >= 4))
    assert runner.invoke(app, ["audit", "verify"]).exit_code == 0
    cut = runner.invoke(app, ["audit", "verify", "--checkpoint", str(checkpoint)])
    assert cut.exit_code == 1 and "seq 5" in cut.output


def test_should_add_and_assign_a_user_and_refuse_a_weak_password(sample_cli):
    from fullpicture.store.schema import person

    with sample_cli.begin() as conn:
        conn.execute(
            person.insert().values(id="P0000001", display_name="A", created_at=datetime.now(UTC))
        )
    runner = CliRunner()
    weak = runner.invoke(
        app,
        [
            "users",
            "add",
            "j",
            "--role",
            "social_worker",
            "--agency",
            "social_care",
            "--password",
            "password",
        ],
    )
    assert weak.exit_code == 2 and "too common" in weak.output
    added = runner.invoke(
        app,
        [
            "users",
            "add",
            "j",
            "--role",
            "social_worker",
            "--agency",
            "social_care",
            "--password",
            "a long enough passphrase",
        ],
    )
    assert added.exit_code == 0 and "TOTP secret" in added.output
    assigned = runner.invoke(app, ["users", "assign", "j", "P0000001"])
    assert assigned.exit_code == 0
