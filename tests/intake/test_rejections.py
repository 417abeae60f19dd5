"""The error-rate circuit breaker's refusals: nothing kept, the refusal kept as an alert."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from fullpicture.errors import NotFoundError, RejectedFileError
from fullpicture.intake.importer import import_file
from fullpicture.intake.rejections import acknowledge_rejection, list_rejections
from fullpicture.store import schema
from tests.intake.factories import PERSON_HEADER, create_csv, create_person_row


def _rows(good: int, bad: int) -> list[list[str]]:
    rows = [create_person_row(f"P{i}") for i in range(good)]
    return rows + [create_person_row("", dob="31/02/2012") for _ in range(bad)]


def _stored(engine) -> dict[str, int]:
    tables = (schema.ledger, schema.source_person, schema.quarantine)
    with engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for t in tables}  # fmt: skip


def test_should_refuse_a_file_with_20_percent_bad_rows_against_5_and_keep_an_alert(
    store, tmp_path, sample_mapping, caplog
):
    path = create_csv(tmp_path / "persons.csv", PERSON_HEADER, _rows(80, 20))
    with caplog.at_level(logging.WARNING, "fullpicture.intake.rejections"):
        with pytest.raises(RejectedFileError, match="20 of 100 rows") as caught:
            import_file(store, path, "police", sample_mapping, max_bad_ratio=0.05)
    assert set(_stored(store).values()) == {0}
    [refused] = list_rejections(store, open_only=True)
    assert caught.value.rejection_id == refused.id
    assert f"rejection {refused.id}" in caught.value.message
    assert (refused.source, refused.filename, refused.table) == ("police", "persons.csv", "persons")
    assert (refused.read, refused.bad, refused.limit) == (100, 20, 0.05)
    assert len(refused.sha256) == 64
    assert refused.reasons and all(count == 20 for count in refused.reasons.values())
    assert any("persons.csv" in r.getMessage() for r in caplog.records)


def test_should_keep_no_alert_when_the_share_of_bad_rows_is_within_the_limit(
    store, tmp_path, sample_mapping
):
    path = create_csv(tmp_path / "persons.csv", PERSON_HEADER, _rows(95, 5))
    result = import_file(store, path, "police", sample_mapping, max_bad_ratio=0.05)
    assert (result.stored, result.quarantined) == (95, 5)
    assert list_rejections(store) == []


def test_should_close_an_alert_once_acknowledged_and_keep_who_did_it(
    store, tmp_path, sample_mapping
):
    path = create_csv(tmp_path / "persons.csv", PERSON_HEADER, _rows(1, 3))
    with pytest.raises(RejectedFileError):
        import_file(store, path, "police", sample_mapping, max_bad_ratio=0.5)
    [refused] = list_rejections(store)
    done = acknowledge_rejection(store, refused.id, by="data.manager")
    again = acknowledge_rejection(store, refused.id, by="someone.else")
    assert list_rejections(store, open_only=True) == []
    assert (again.acknowledged_by, again.acknowledged_at) == ("data.manager", done.acknowledged_at)


def test_should_say_so_when_acknowledging_a_refusal_that_does_not_exist(store):
    with pytest.raises(NotFoundError, match="No refused file has the id 9"):
        acknowledge_rejection(store, 9, by="data.manager")


def test_should_import_the_corrected_file_after_a_refusal(store, tmp_path, sample_mapping):
    bad = create_csv(tmp_path / "persons.csv", PERSON_HEADER, _rows(1, 3))
    with pytest.raises(RejectedFileError):
        import_file(store, bad, "police", sample_mapping, max_bad_ratio=0.5)
    good = create_csv(tmp_path / "persons-fixed.csv", PERSON_HEADER, _rows(4, 0))
    result = import_file(store, good, "police", sample_mapping, max_bad_ratio=0.5)
    assert (result.read, result.stored, result.quarantined) == (4, 4, 0)
    assert len(list_rejections(store)) == 1
