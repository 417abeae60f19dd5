"""Sealed TOTP secrets in the store, rotation and retirement of data keys (requirements 41, 42)."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from fullpicture.errors import SecretError
from fullpicture.field_keys import FieldCipher, add_key, is_sealed, key_of
from fullpicture.web.security.sealed_fields import (
    check_all_open,
    check_retirable,
    keys_in_use,
    reseal_all,
)
from fullpicture.web.security.sessions import COOKIE_NAME
from fullpicture.web.security.totp import open_secret
from fullpicture.web.tables import web_user
from tests.web.db import TEST_KEYS, create_user


def _stored(engine, username: str) -> tuple[int, str]:
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(web_user.c.id, web_user.c.totp_secret).where(web_user.c.username == username)
        ).one()
    return int(row.id), str(row.totp_secret)


def test_should_store_a_totp_secret_only_sealed_and_bound_to_its_row(sample_engine):
    secret = create_user(sample_engine, "sw", "social_worker")
    other = create_user(sample_engine, "sw2", "social_worker")
    ident, stored = _stored(sample_engine, "sw")
    assert is_sealed(stored) and secret not in stored
    assert open_secret(TEST_KEYS.cipher, ident, stored) == secret
    with sample_engine.begin() as conn:  # swap the two users' sealed secrets
        conn.execute(
            web_user.update().where(web_user.c.username == "sw2").values(totp_secret=stored)
        )
    other_id, moved = _stored(sample_engine, "sw2")
    with pytest.raises(SecretError, match="does not open"):
        open_secret(TEST_KEYS.cipher, other_id, moved)
    assert other is not None


def test_should_sign_in_with_a_sealed_secret_and_refuse_a_moved_one(
    sample_engine, client_request, caplog
):
    secret = create_user(sample_engine, "sw", "social_worker")
    create_user(sample_engine, "sw2", "social_worker")
    assert client_request().sign_in("sw", secret).status_code == 303
    _, stored = _stored(sample_engine, "sw")
    with sample_engine.begin() as conn:
        conn.execute(
            web_user.update().where(web_user.c.username == "sw2").values(totp_secret=stored)
        )
    with caplog.at_level(logging.ERROR, "fullpicture.web.signin"):
        refused = client_request().sign_in("sw2", secret)  # never with someone else's secret
    assert refused.status_code == 400 and COOKIE_NAME not in refused.cookies
    assert "does not open" in caplog.text


def test_should_rotate_so_every_secret_still_opens_and_the_old_key_can_retire(sample_engine):
    secrets = {name: create_user(sample_engine, name, "social_worker") for name in ("a", "b", "c")}
    with sample_engine.begin() as conn:  # one secret from before sealing existed
        conn.execute(
            web_user.update().where(web_user.c.username == "c").values(totp_secret=secrets["c"])
        )
    ring = TEST_KEYS.cipher.ring
    add_key(ring)
    cipher = FieldCipher(ring)
    with sample_engine.begin() as conn:
        assert keys_in_use(conn) == {"k1": 2, "plain": 1}
        assert reseal_all(conn, cipher) == 3
        assert check_all_open(conn, cipher) == 3
        assert keys_in_use(conn) == {"k2": 3}
        check_retirable(conn, "k1", ring.active)
    del ring.keys["k1"]
    for name, secret in secrets.items():
        ident, stored = _stored(sample_engine, name)
        assert key_of(stored) == "k2" and open_secret(cipher, ident, stored) == secret


def test_should_refuse_to_retire_the_active_key_or_one_still_in_use(sample_engine):
    create_user(sample_engine, "a", "social_worker")
    ring = TEST_KEYS.cipher.ring
    with sample_engine.connect() as conn:
        with pytest.raises(SecretError, match="active key"):
            check_retirable(conn, "k1", ring.active)
        add_key(ring)
        with pytest.raises(SecretError, match="still seals 1 value"):
            check_retirable(conn, "k1", ring.active)
