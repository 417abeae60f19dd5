"""``fullpicture store``: backups made and checked from the command line."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from fullpicture.audit.keys import derive_key, load_or_create_key
from fullpicture.cli import _register, app
from tests.store.test_backup import create_audited_store, rewrite_backup

_register()


def test_should_back_up_and_check_from_the_command_line(sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setenv("FULLPICTURE_DATA_DIR", str(tmp_path / "data"))
    key_file = tmp_path / "data" / "secrets" / "fullpicture.key"
    create_audited_store(sqlite_url, key=derive_key(load_or_create_key(key_file), "audit-chain"))
    runner = CliRunner()
    made = runner.invoke(app, ["store", "backup", str(tmp_path / "b.db"), "--database", sqlite_url])
    assert made.exit_code == 0, made.output
    checked = runner.invoke(app, ["store", "check-backup", str(tmp_path / "b.db"), "--json"])
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.stdout)["ok"] is True
    rewrite_backup(tmp_path / "b.db", "DELETE FROM audit_head;")
    failed = runner.invoke(app, ["store", "check-backup", str(tmp_path / "b.db")])
    assert failed.exit_code == 1 and "table audit_head: 0 rows restored" in failed.output
