"""``fullpicture users keys`` and ``revoke-key``: an administrator lists and removes security keys;
a revocation ends the user's sessions and is audited."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from typer.testing import CliRunner

from fullpicture.audit.chain import verify_chain
from fullpicture.audit.keys import derive_key, load_or_create_key
from fullpicture.audit.tables import audit_entry
from fullpicture.cli import app
from fullpicture.web.security.key_tables import security_key
from fullpicture.web.security.sessions import create_session
from fullpicture.web.tables import web_session, web_user

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def create_key(engine: sa.Engine, username: str, credential_id: str) -> int:
    with engine.begin() as conn:
        user_id = conn.execute(
            sa.select(web_user.c.id).where(web_user.c.username == username)
        ).scalar_one()
        return int(
            conn.execute(
                security_key.insert()
                .values(
                    user_id=user_id,
                    credential_id=credential_id,
                    public_key=b"\x01" * 77,
                    sign_count=0,
                    user_handle="h-" + username,
                    created_at=NOW,
                )  # fmt: skip
                .returning(security_key.c.id)
            ).scalar_one()
        )


def test_should_list_a_users_keys_without_their_key_material(sample_accounts):
    engine, _folder = sample_accounts
    first = create_key(engine, "j.smith", "AAAAbbbbCCCCdddd")
    create_key(engine, "k.jones", "ZZZZyyyyXXXX")
    listed = CliRunner().invoke(app, ["users", "keys", "j.smith", "--json"])
    assert listed.exit_code == 0, listed.output
    keys = json.loads(listed.stdout)
    assert [(k["id"], k["credential_hint"], k["last_used_at"]) for k in keys] == [
        (first, "AAAAbbbb", None)
    ]
    assert "public_key" not in keys[0]


def test_should_revoke_a_key_end_sessions_and_audit_it(sample_accounts):
    engine, folder = sample_accounts
    key_id = create_key(engine, "j.smith", "AAAAbbbbCCCCdddd")
    with engine.begin() as conn:
        user_id = conn.execute(
            sa.select(web_user.c.id).where(web_user.c.username == "j.smith")
        ).scalar_one()
        create_session(conn, user_id, datetime.now(UTC))
    revoked = CliRunner().invoke(app, ["users", "revoke-key", "j.smith", str(key_id)])
    assert revoked.exit_code == 0, revoked.output
    assert "Keys left: 0" in revoked.output and "enrol-key j.smith" in revoked.output
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(security_key)).scalar() == 0
        live = conn.execute(
            sa.select(sa.func.count()).where(web_session.c.revoked_at.is_(None))
        ).scalar()
        entry = conn.execute(sa.select(audit_entry).order_by(audit_entry.c.seq.desc())).first()
    assert live == 0
    assert entry is not None and entry.purpose == "revoke security key"
    assert json.loads(entry.detail) == {"user": "j.smith", "key": key_id}
    key = derive_key(load_or_create_key(folder / "secrets" / "fullpicture.key"), "audit-chain")
    assert verify_chain(engine, key).ok


def test_should_refuse_another_users_key_and_change_nothing(sample_accounts):
    engine, _folder = sample_accounts
    key_id = create_key(engine, "k.jones", "ZZZZyyyyXXXX")
    refused = CliRunner().invoke(app, ["users", "revoke-key", "j.smith", str(key_id)])
    assert refused.exit_code == 2
    assert f"no security key {key_id}" in refused.output
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(security_key)).scalar() == 1
        assert conn.execute(sa.select(sa.func.count()).select_from(audit_entry)).scalar() == 0
