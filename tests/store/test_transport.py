"""TLS to the database (requirement 44): PostgreSQL without sslmode=verify-full is refused at
start, except over a local socket or with the explicit opt-out in development or demo mode."""

from __future__ import annotations

import logging

import pytest
from typer.testing import CliRunner

from fullpicture.cli import _register, app
from fullpicture.config import Settings, get_settings
from fullpicture.errors import ConfigurationError
from fullpicture.store.transport import check_database_transport, tls_problem
from fullpicture.web.app import create_app

REMOTE = "postgresql+psycopg://fp@db.example.gov.uk:5432/fullpicture"


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("sqlite:///data/fullpicture.db", False),
        (REMOTE, True),  # libpq's default is "prefer": may fall back to plain text
        (f"{REMOTE}?sslmode=disable", True),
        (f"{REMOTE}?sslmode=require", True),  # encrypted, but any server is believed
        (f"{REMOTE}?sslmode=verify-ca", True),  # the host name is not checked
        (f"{REMOTE}?sslmode=verify-full", False),
        (f"{REMOTE}?sslmode=verify-full&sslrootcert=system", False),
        ("postgresql+psycopg://fp@127.0.0.1:5432/fullpicture", True),  # TCP, even on loopback
        ("postgresql+psycopg://fp@/fullpicture?host=/var/run/postgresql", False),  # socket
        ("postgresql+psycopg:///fullpicture", False),  # libpq's default socket
        ("postgresql+psycopg://fp@/fullpicture?host=db.example.gov.uk", True),
    ],
)
def test_should_refuse_postgresql_without_verified_tls(url, refused, monkeypatch):
    monkeypatch.delenv("PGSSLMODE", raising=False)
    assert (tls_problem(url) is not None) is refused


def test_should_take_the_sslmode_from_libpqs_environment_when_the_url_has_none(monkeypatch):
    monkeypatch.setenv("PGSSLMODE", "verify-full")
    assert tls_problem(REMOTE) is None
    monkeypatch.setenv("PGSSLMODE", "require")
    assert tls_problem(REMOTE) is not None
    assert tls_problem(f"{REMOTE}?sslmode=verify-full") is None  # the URL wins, as in libpq


def test_should_refuse_the_opt_out_in_production(monkeypatch):
    monkeypatch.delenv("PGSSLMODE", raising=False)
    with pytest.raises(ConfigurationError, match="not accepted in production"):
        check_database_transport(REMOTE, allow_insecure=True, production=True)
    with pytest.raises(ConfigurationError, match="verify-full") as refused:
        check_database_transport(REMOTE, allow_insecure=False, production=False)
    assert "FULLPICTURE_ALLOW_INSECURE_DATABASE" in str(refused.value.hint)


def test_should_allow_the_opt_out_in_development_and_demo_with_a_warning(
    monkeypatch, caplog, tmp_path
):
    monkeypatch.delenv("PGSSLMODE", raising=False)
    for settings in (
        Settings(data_dir=tmp_path, environment="development", allow_insecure_database=True),
        Settings(data_dir=tmp_path, demo_mode=True, allow_insecure_database=True),
    ):
        with caplog.at_level(logging.WARNING, logger="fullpicture.store"):
            assert settings.checked_database_url(REMOTE) == REMOTE
        assert "INSECURE" in caplog.text and "sslmode=prefer" in caplog.text
        caplog.clear()
    production = Settings(data_dir=tmp_path, allow_insecure_database=True)
    with pytest.raises(ConfigurationError):
        production.checked_database_url(REMOTE)


def test_should_refuse_to_start_the_web_application_without_verified_tls(monkeypatch, tmp_path):
    monkeypatch.delenv("PGSSLMODE", raising=False)
    settings = Settings(data_dir=tmp_path, database_url=f"{REMOTE}?sslmode=require")
    with pytest.raises(ConfigurationError, match="Refusing to start"):
        create_app(settings)  # refused before any connection is tried


def test_should_refuse_a_command_line_database_without_verified_tls(monkeypatch, tmp_path):
    monkeypatch.delenv("PGSSLMODE", raising=False)
    monkeypatch.setenv("FULLPICTURE_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    _register()
    result = CliRunner().invoke(app, ["audit", "verify", "--database", REMOTE])
    get_settings.cache_clear()
    assert result.exit_code == 2
    assert "Refusing to start" in result.output and "verify-full" in result.output
