"""``fullpicture keys``: list, rotate and retire the field keyring's data keys."""

from __future__ import annotations

import json

import sqlalchemy as sa
from typer.testing import CliRunner

from fullpicture.audit.tables import audit_entry
from fullpicture.cli import app
from fullpicture.config import get_settings
from fullpicture.field_keys import key_of
from fullpicture.web.app import cipher_for
from fullpicture.web.security.totp import open_secret
from fullpicture.web.tables import web_user


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def _secrets(engine) -> dict[int, str]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(web_user.c.id, web_user.c.totp_secret))
        return {int(r.id): str(r.totp_secret) for r in rows if r.totp_secret}


def test_should_rotate_reseal_every_secret_and_then_retire_the_old_key(sample_accounts):
    engine, _ = sample_accounts
    before = {i: open_secret(cipher_for(get_settings()), i, s) for i, s in _secrets(engine).items()}
    assert before and json.loads(_run("keys", "list", "--json").output)[0]["values"] == len(before)
    rotated = _run("keys", "rotate", "--by", "dpo")
    assert rotated.exit_code == 0, rotated.output
    cipher = cipher_for(get_settings())
    after = _secrets(engine)
    assert {key_of(s) for s in after.values()} == {"k2"}
    assert {i: open_secret(cipher, i, s) for i, s in after.items()} == before  # 100% open
    refused = _run("keys", "retire", "k2", "--by", "dpo")
    assert refused.exit_code == 2 and "active key" in refused.output
    retired = _run("keys", "retire", "k1", "--by", "dpo")
    assert retired.exit_code == 0, retired.output
    assert [k["key"] for k in json.loads(_run("keys", "list", "--json").output)] == ["k2"]
    with engine.connect() as conn:
        purposes = conn.execute(sa.select(audit_entry.c.purpose)).scalars().all()
    assert purposes == ["rotate field keys", "retire field key"]


def test_should_say_so_when_retiring_a_key_the_keyring_does_not_hold(sample_accounts):
    result = _run("keys", "retire", "k7", "--by", "dpo")
    assert result.exit_code == 2 and "no key k7" in result.output
