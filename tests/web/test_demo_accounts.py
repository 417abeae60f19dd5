"""Demo accounts: one per role, with second factors, assigned to the richest stories."""

from __future__ import annotations

from fullpicture.web.demo import seed_demo_users
from fullpicture.web.roles import Role
from tests.web.db import TEST_KEYS, create_event, create_person


def test_should_seed_one_demo_account_per_role_and_assign_children(sample_engine):
    for i in range(7):
        pid = create_person(sample_engine, f"P000000{i}")
        for _ in range(i):
            create_event(sample_engine, pid, agency=["police", "health", "education"][i % 3])
    accounts = seed_demo_users(sample_engine, TEST_KEYS.cipher)
    assert sorted(a.role for a in accounts) == sorted(r.value for r in Role)
    assert all(a.totp_secret and a.totp_uri.startswith("otpauth://") for a in accounts)
    by_role = {a.role: a for a in accounts}
    assert len(by_role["social_worker"].children) == 5
    assert by_role["administrator"].children == () and by_role["auditor"].children == ()
    again = seed_demo_users(
        sample_engine, TEST_KEYS.cipher
    )  # idempotent: same accounts, same secrets
    assert [a.totp_secret for a in again] == [a.totp_secret for a in accounts]


def test_should_print_the_address_and_every_account(sample_engine):
    from io import StringIO

    from rich.console import Console

    from fullpicture.web.demo import DEMO_PASSWORD, print_demo_accounts

    create_event(sample_engine, create_person(sample_engine, "P0000001"))
    accounts = seed_demo_users(sample_engine, TEST_KEYS.cipher)
    out = StringIO()
    print_demo_accounts(accounts, "http://127.0.0.1:8000/", Console(file=out, width=200))
    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text and DEMO_PASSWORD in text
    assert all(a.username in text and a.totp_secret in text for a in accounts)
    keyed = {a.role: a.enrolment_code for a in accounts if a.enrolment_code}
    assert sorted(keyed) == ["administrator", "auditor"]
    assert all(code in text for code in keyed.values()) and "http://localhost:8000/" in text
