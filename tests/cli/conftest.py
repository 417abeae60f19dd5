"""Fixtures shared by the command tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fullpicture.audit.keys import load_or_create_key
from fullpicture.cli import _register
from fullpicture.config import get_settings
from fullpicture.store.database import open_store
from fullpicture.web.accounts import add_user
from fullpicture.web.app import cipher_for

PASSPHRASE = "a long enough passphrase"  # pragma: allowlist secret


@pytest.fixture
def sample_accounts(tmp_path, monkeypatch):
    monkeypatch.setenv("FULLPICTURE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("FULLPICTURE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    _register()
    engine = open_store(get_settings().resolved_database_url())
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for name, demo in (("j.smith", False), ("k.jones", False), ("demo.iro", True)):
            add_user(conn, username=name, display_name=name, role="iro", agency="social_care",
                     password=PASSPHRASE, now=now, is_demo=demo,
                     cipher=cipher_for(get_settings()))  # fmt: skip
    load_or_create_key(tmp_path / "secrets" / "fullpicture.key")
    yield engine, tmp_path
    engine.dispose()
    get_settings.cache_clear()
