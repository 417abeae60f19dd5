"""``fullpicture isa``, ``sar`` and ``retention`` from the command line."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from fullpicture.audit.keys import load_or_create_key
from fullpicture.audit.tables import audit_entry
from fullpicture.cli import _register, app
from fullpicture.store.database import open_store
from tests.factories import create_event, create_person, create_relationship, source_person_of

_register()


@pytest.fixture
def sample_cli(tmp_path, monkeypatch):
    """A store with a child (social care and police records) and her mother, and a key file."""
    monkeypatch.setenv("FULLPICTURE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("FULLPICTURE_DATABASE_URL", raising=False)
    load_or_create_key(tmp_path / "secrets" / "fullpicture.key")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = open_store(url)
    child = create_person(engine, given_name="Jamie", date_of_birth=date(1990, 1, 1),
                          sources=("social_care", "police"))  # fmt: skip
    mother = create_person(engine, given_name="Canarymum", family_name="Zedwick")
    create_relationship(engine, from_source_person_id=source_person_of(engine, mother, "social_care"),
                        to_source_person_id=source_person_of(engine, child, "social_care"))  # fmt: skip
    create_event(engine, person_id=child, source="social_care", event_type="social_care.referral",
                 summary="Canarymum Zedwick asked for help", occurred_on=date(2005, 1, 1))  # fmt: skip
    create_event(engine, person_id=child, source="police", summary="Jamie missing",
                 occurred_on=date(2006, 1, 1))  # fmt: skip
    yield engine, url, child
    engine.dispose()


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def _actions(engine):
    with engine.connect() as conn:
        return [r.action for r in conn.execute(sa.select(audit_entry.c.action))]


def test_should_register_show_share_and_end_an_agreement(sample_cli, tmp_path):
    engine, url, child = sample_cli
    added = _run("isa", "add", "ISA-1", "--party", "police", "--party", "social_care",
                 "--purpose", "safeguarding=occurred_on,event_type", "--basis", "ca2004-s11",
                 "--start", "2020-01-01", "--by", "dpo", "--database", url)  # fmt: skip
    assert added.exit_code == 0, added.output
    assert json.loads(_run("isa", "show", "ISA-1", "--database", url).output)["purposes"] == {
        "safeguarding": ["occurred_on", "event_type"]
    }
    assert "ISA-1" in _run("isa", "list", "--database", url).output
    out = tmp_path / "share.csv"
    share = ["isa", "share", child, "--purpose", "safeguarding", "--basis", "ca2004-s11",
             "--recipient", "Police PPU", "--recipient-agency", "police", "--out", str(out),
             "--by", "sw", "--database", url]  # fmt: skip
    refused = _run(*share, "--isa", "ISA-9")
    assert refused.exit_code == 2 and not out.exists()
    assert _run(*share, "--isa", "ISA-1").exit_code == 0
    with out.open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["occurred_on", "event_type"]
    assert _actions(engine) == ["share"]
    ended = _run("isa", "end", "ISA-1", "--last-day", "2020-12-31", "--reason", "Superseded",
                 "--database", url)  # fmt: skip
    assert ended.exit_code == 0
    assert _run(*share, "--isa", "ISA-1").exit_code == 2  # expired
    declined = _run("isa", "decline", child, "--recipient", "A school", "--reason",
                    "No lawful basis for the school", "--by", "sw", "--database", url)  # fmt: skip
    assert declined.exit_code == 0


def test_should_open_list_and_export_a_redacted_sar_pack(sample_cli, tmp_path):
    engine, url, child = sample_cli
    out = tmp_path / "sar.json"
    missing = _run("sar", "export", child, "--out", str(out), "--by", "dpo", "--database", url)
    assert missing.exit_code == 2 and "sar open" in missing.output
    opened = _run("sar", "open", child, "--requester", "Jamie", "--received", "2025-09-03",
                  "--by", "dpo", "--database", url)  # fmt: skip
    assert opened.exit_code == 0 and "respond by 2025-10-03" in opened.output
    assert child in _run("sar", "list", "--open", "--database", url).output
    done = _run("sar", "export", child, "--out", str(out), "--by", "dpo", "--database", url)
    assert done.exit_code == 0, done.output
    text = out.read_text(encoding="utf-8")
    assert "Canarymum" not in text and "Zedwick" not in text and "Jamie missing" in text
    assert {e["agency"] for e in json.loads(text)["events"]} == {"social_care", "police"}
    assert _actions(engine) == ["export"]
    assert _run("audit", "verify", "--database", url).exit_code == 0


def test_should_list_due_records_and_refuse_destruction_under_a_hold(sample_cli, tmp_path):
    engine, url, child = sample_cli
    due = _run("retention", "due", "--on", "2015-01-01", "--json", "--database", url)
    assert json.loads(due.output) == [
        {"person_id": child, "rule": "childrens-social-care", "due_on": "2015-01-01", "held": False}
    ]
    assert json.loads(_run("retention", "due", "--on", "2014-12-31", "--json",
                           "--database", url).output) == []  # fmt: skip
    held = _run("retention", "hold", child, "--reason", "Inquiry", "--by", "dpo", "--database", url)
    assert held.exit_code == 0
    refused = _run("retention", "destroy", child, "--by", "dpo", "--database", url)
    assert refused.exit_code == 2 and "legal hold" in refused.output
    assert _run("retention", "lift", "1", "--by", "dpo", "--database", url).exit_code == 0
    certificate = tmp_path / "certificate.json"
    done = _run("retention", "destroy", child, "--by", "dpo", "--certificate", str(certificate),
                "--database", url)  # fmt: skip
    assert done.exit_code == 0, done.output
    written = json.loads(certificate.read_text())
    assert (written["person_id"], written["rule_id"], written["destroyed_by"]) == (
        child,
        "childrens-social-care",
        "dpo",
    )
    assert written["counts"]["event"] == 2
    assert _actions(engine) == ["destroy"]
    assert b"Canarymum Zedwick asked" not in (tmp_path / "store.db").read_bytes()


def _police_event(engine) -> int:
    from fullpicture.store.schema import event

    with engine.connect() as conn:
        return int(conn.execute(sa.select(event.c.id).where(event.c.agency == "police")).scalar())


def test_should_rectify_an_event_list_its_history_and_close_its_notices(sample_cli, tmp_path):
    engine, url, child = sample_cli
    shared = _run("isa", "add", "ISA-1", "--party", "police", "--party", "social_care",
                  "--purpose", "safeguarding=occurred_on,event_type,summary", "--basis", "ca2004-s11",
                  "--start", "2020-01-01", "--by", "dpo", "--database", url)  # fmt: skip
    assert shared.exit_code == 0, shared.output
    share = _run("isa", "share", child, "--isa", "ISA-1", "--purpose", "safeguarding",
                 "--basis", "ca2004-s11", "--recipient", "Police PPU", "--recipient-agency",
                 "police", "--out", str(tmp_path / "s.csv"), "--by", "sw", "--database", url)  # fmt: skip
    assert share.exit_code == 0, share.output
    fixed = _run("rectify", "event", child, str(_police_event(engine)), "--field", "summary",
                 "--value", "Jamie stayed at a friend's", "--reason",
                 "Jamie was not missing; the friend's parent had told the school",
                 "--requested-by", "Jamie", "--by", "sw", "--json", "--database", url)  # fmt: skip
    assert fixed.exit_code == 0, fixed.output
    done = json.loads(fixed.output)
    assert done["before"] == {"summary": "Jamie missing"}
    assert [n["recipient"] for n in done["notices"]] == [
        "Police PPU",
        "police (the record's source)",
    ]
    history = json.loads(_run("rectify", "history", child, "--by", "dpo", "--json",
                              "--database", url).output)  # fmt: skip
    assert [h["id"] for h in history] == [done["id"]]
    for notice in done["notices"]:
        told = _run("rectify", "notified", str(notice["id"]), "--by", "sw", "--database", url)
        assert told.exit_code == 0, told.output
    assert json.loads(_run("rectify", "notices", "--json", "--database", url).output) == []
    assert _actions(engine) == ["share", "rectify", "view rectifications"]
    refused = _run("rectify", "event", child, "99999", "--field", "summary", "--value", "x",
                   "--reason", "a reason long enough", "--requested-by", "Jamie", "--by", "sw",
                   "--database", url)  # fmt: skip
    assert refused.exit_code == 2 and "has no event 99999" in refused.output
