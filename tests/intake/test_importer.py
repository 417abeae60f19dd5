from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from fullpicture.errors import IntakeError, MappingError, MissingColumnError, UnknownSourceError
from fullpicture.intake.importer import import_corrected, import_file, import_files
from fullpicture.intake.mapping import load_mapping, parse_mapping
from fullpicture.intake.quarantine import list_quarantine
from fullpicture.intake.registry import get_mapping, register_mapping
from fullpicture.intake.tables import intake_warning
from fullpicture.store import schema
from tests.intake.factories import (
    FLAT_HEADER,
    FLAT_MAPPING,
    PERSON_HEADER,
    create_attendance_row,
    create_attendances_file,
    create_csv,
    create_event_row,
    create_events_file,
    create_person_row,
    create_persons_file,
)


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def _all_counts(engine) -> dict[str, int]:
    tables = (schema.ledger, schema.source_person, schema.event, schema.quarantine, intake_warning)
    return {t.name: _count(engine, t) for t in tables}


def test_should_store_good_rows_and_quarantine_bad_ones_with_every_reason(
    store, tmp_path, sample_mapping
):
    persons = create_persons_file(tmp_path, ["P1", "P2"])
    events = create_events_file(
        tmp_path,
        [
            create_event_row("OC1", "P1"),
            create_event_row("OC2", "P9"),
            create_event_row("OC3", "P2", category="ZZZ", reported="44321"),
        ],
    )
    [people, occurrences] = import_files(store, [events, persons], "police", sample_mapping)
    assert (people.read, people.stored, people.quarantined) == (2, 2, 0)
    assert (occurrences.read, occurrences.stored, occurrences.quarantined) == (3, 1, 2)
    rows = list_quarantine(store, source="police")
    assert [r.row_number for r in rows] == [3, 4]
    assert [p["field"] for p in rows[1].reasons] == ["event_type", "Reported"]
    assert rows[0].raw["PersonID"] == "P9" and "unknown person" in rows[0].reasons[0]["problem"]


def test_should_change_nothing_when_the_same_file_is_imported_again(
    store, tmp_path, sample_mapping
):
    persons = create_persons_file(tmp_path, ["P1", "P2"])
    first = import_file(store, persons, "police", sample_mapping)
    before = _all_counts(store)
    again = import_file(store, persons, "police")
    assert again.already_imported and again.ledger_id == first.ledger_id
    assert (again.read, again.stored) == (2, 2)
    assert _all_counts(store) == before


def test_should_register_a_given_mapping_for_later_imports(store, tmp_path, sample_mapping):
    with pytest.raises(UnknownSourceError):
        get_mapping(store, "police")
    import_file(store, create_persons_file(tmp_path, ["P1"]), "police", sample_mapping)
    assert get_mapping(store, "police") == sample_mapping


def test_should_update_rows_from_a_corrected_file_and_resolve_the_earlier_quarantine(
    store, tmp_path, sample_mapping
):
    register_mapping(store, sample_mapping)
    bad = create_csv(
        tmp_path / "persons_v1.csv",
        PERSON_HEADER,
        [create_person_row("P1"), create_person_row("P2", dob="31/02/2012")],
    )
    first = import_file(store, bad, "police")
    bad_row = create_person_row("", name="Nobody")
    fixed_rows = [create_person_row("P1", name="Carys Evans"), create_person_row("P2"), bad_row]
    create_csv(bad, PERSON_HEADER, [*fixed_rows[:2], bad_row])
    assert len(list_quarantine(store)) == 0  # an invalid optional date is a warning, not quarantine
    corrected = import_file(store, bad, "police", supersedes=first.ledger_id)
    assert (corrected.stored, corrected.quarantined) == (2, 1)
    with store.connect() as conn:
        family = conn.execute(
            sa.select(schema.source_person.c.family_name).where(
                schema.source_person.c.local_id == "P1"
            )
        ).scalar_one()
        statuses = dict(conn.execute(sa.select(schema.ledger.c.id, schema.ledger.c.status)).all())
    assert family == "Evans" and _count(store, schema.source_person) == 2
    assert statuses == {first.ledger_id: "superseded", corrected.ledger_id: "complete"}


def test_should_list_only_current_quarantine_after_a_supersede(store, tmp_path, sample_mapping):
    register_mapping(store, sample_mapping)
    first = import_file(
        store,
        create_csv(
            tmp_path / "p1.csv", PERSON_HEADER, [create_person_row(""), create_person_row("P1")]
        ),
        "police",
    )
    assert len(list_quarantine(store)) == 1
    import_file(
        store,
        create_csv(tmp_path / "persons2.csv", PERSON_HEADER, [create_person_row("P1")]),
        "police",
        supersedes=first.ledger_id,
    )
    assert list_quarantine(store) == []
    assert [r.resolved for r in list_quarantine(store, include_resolved=True)] == [True]


def test_should_keep_an_invalid_optional_nhs_number_visible_and_store_the_row(
    store, tmp_path, sample_mapping
):
    row = create_person_row("P1")
    row[1] = "9434765918"
    import_file(
        store, create_csv(tmp_path / "persons.csv", PERSON_HEADER, [row]), "police", sample_mapping
    )
    with store.connect() as conn:
        nhs, others = conn.execute(
            sa.select(schema.source_person.c.nhs_number, schema.source_person.c.other_ids)
        ).one()
        warning = conn.execute(sa.select(intake_warning.c.field, intake_warning.c.value)).one()
    assert nhs is None and json.loads(others) == {"nhs_number_invalid": "9434765918"}
    assert tuple(warning) == ("nhs_number", "9434765918")


def test_should_quarantine_an_invalid_nhs_number_when_the_mapping_requires_it(
    store, tmp_path, sample_mapping
):
    sample_mapping.tables[0].required.append("nhs_number")
    row = create_person_row("P1")
    row[1] = "9.43E+09"
    result = import_file(
        store, create_csv(tmp_path / "persons.csv", PERSON_HEADER, [row]), "police", sample_mapping
    )
    assert (result.stored, result.quarantined) == (0, 1)
    assert "scientific notation" in list_quarantine(store)[0].reasons[0]["problem"]


def test_should_emit_one_event_per_dated_emit_entry_with_participants(
    store, tmp_path, sample_mapping
):
    import_file(store, create_persons_file(tmp_path, ["P1", "P2"]), "police", sample_mapping)
    row = create_event_row("OC1", "P1")
    row[6:8] = ["P2", "alleged_perpetrator"]
    row[10] = "05/05/2021"
    import_file(store, create_events_file(tmp_path, [row]), "police")
    with store.connect() as conn:
        events = conn.execute(
            sa.select(
                schema.event.c.record_key, schema.event.c.precision, schema.event.c.attributes
            ).order_by(schema.event.c.record_key)
        ).all()
    assert [tuple(e) for e in events] == [
        ("OC1:police.domestic_abuse_incident", "exact", '{"risk_level": "high"}'),
        ("OC1:police.notification", "day", '{"risk_level": "high"}'),
    ]
    assert _count(store, schema.event_participant) == 2
    row[7] = "witness"  # a corrected file: the same events, the participant's role changed
    import_file(store, create_events_file(tmp_path, [row], name="occurrences_v2.csv"), "police")
    with store.connect() as conn:
        roles = conn.execute(sa.select(schema.event_participant.c.role)).scalars().all()
    assert roles == ["witness", "witness"]


def test_should_refuse_a_file_missing_a_column_naming_it_and_writing_nothing(
    store, tmp_path, sample_mapping
):
    path = create_csv(tmp_path / "persons.csv", PERSON_HEADER[:-1], [create_person_row("P1")[:-1]])
    with pytest.raises(MissingColumnError, match="'Juvenile'.*Columns found: 'PersonID'"):
        import_file(store, path, "police", sample_mapping)
    assert set(_all_counts(store).values()) == {0}
    with pytest.raises(UnknownSourceError):
        get_mapping(store, "police")


def test_should_refuse_a_mapping_for_another_source(store, tmp_path, sample_mapping):
    with pytest.raises(MappingError, match="not 'health'"):
        import_file(store, create_persons_file(tmp_path, ["P1"]), "health", sample_mapping)


def test_should_record_a_header_only_file_as_zero_rows_with_a_note(store, tmp_path, sample_mapping):
    result = import_file(store, create_persons_file(tmp_path, []), "police", sample_mapping)
    assert (result.read, result.stored, result.quarantined) == (0, 0, 0)
    assert "header but no rows" in result.notes[-1]


def test_should_keep_nothing_when_the_bad_row_ratio_breaks_the_circuit(
    store, tmp_path, sample_mapping
):
    rows = [create_person_row(""), create_person_row(""), create_person_row("P1")]
    path = create_csv(tmp_path / "persons.csv", PERSON_HEADER, rows)
    with pytest.raises(IntakeError, match="more than the limit of 50%"):
        import_file(store, path, "police", sample_mapping, max_bad_ratio=0.5)
    assert set(_all_counts(store).values()) == {0}


def test_should_quarantine_a_10_mb_cell_rather_than_store_or_crash(store, tmp_path, sample_mapping):
    row = create_person_row("P1", name="x" * 10_000_000)
    result = import_file(
        store, create_csv(tmp_path / "persons.csv", PERSON_HEADER, [row]), "police", sample_mapping
    )
    assert (result.read, result.quarantined) == (1, 1)
    assert "too long" in list_quarantine(store)[0].reasons[0]["problem"]


def test_should_warn_when_a_later_row_repeats_a_record(store, tmp_path, sample_mapping):
    rows = [create_person_row("P1", name="A One"), create_person_row("P1", name="B Two")]
    result = import_file(
        store, create_csv(tmp_path / "persons.csv", PERSON_HEADER, rows), "police", sample_mapping
    )
    assert (result.stored, result.warnings) == (2, 1)
    with store.connect() as conn:
        assert conn.execute(sa.select(schema.source_person.c.given_name)).scalar_one() == "B"


# --- A flat export: people and their events in one file ----------------------------------------


def test_should_read_a_flat_export_as_its_people_and_then_its_events(store, tmp_path):
    mapping = load_mapping(FLAT_MAPPING)
    path = create_attendances_file(
        tmp_path,
        [
            create_attendance_row("A1", "H1"),
            create_attendance_row("A2", "H2", category="Injury"),
            create_attendance_row("A3", "H1", arrived="12/05/2024 01:40"),
            create_attendance_row("A4", "", arrived="13/05/2024 14:00"),
        ],
    )
    people, attendances = import_files(store, [path], "ed", mapping)
    assert (people.table, people.read, people.stored, people.quarantined) == (
        "ed_patients", 4, 3, 1,
    )  # fmt: skip
    assert (attendances.table, attendances.read) == ("ed_attendances", 4)
    assert (attendances.stored, attendances.quarantined) == (3, 1)
    assert people.sha256 == attendances.sha256 and people.ledger_id != attendances.ledger_id
    with store.connect() as conn:
        persons = conn.execute(sa.select(schema.source_person.c.local_id)).scalars().all()
        subjects = conn.execute(
            sa.select(schema.source_person.c.local_id, schema.event.c.attributes)
            .join(
                schema.event, schema.event.c.subject_source_person_id == schema.source_person.c.id
            )
            .order_by(schema.event.c.record_id)
        ).all()
    assert sorted(persons) == ["H1", "H2"]
    assert [s for s, _ in subjects] == ["H1", "H2", "H1"]
    assert "injury" in subjects[1][1]


def test_should_not_warn_when_a_flat_export_repeats_a_person_unchanged(store, tmp_path):
    rows = [
        create_attendance_row("A1", "H1"),
        create_attendance_row("A2", "H1", arrived="12/05/2024 01:40"),
        create_attendance_row("A3", "H1", arrived="20/05/2024 09:00", postcode="LS7 3CD"),
    ]
    path = create_attendances_file(tmp_path, rows)
    people, _ = import_files(store, [path], "ed", load_mapping(FLAT_MAPPING))
    assert people.warnings == 1  # only the row that moved the patient to a new postcode
    with store.connect() as conn:
        warning = conn.execute(sa.select(intake_warning)).one()
        postcode = conn.execute(sa.select(schema.source_person.c.postcode)).scalar_one()
    assert warning.row_number == 4 and "same person as row 3" in warning.problem
    assert postcode == "LS7 3CD"


def test_should_keep_a_persons_details_that_a_later_row_of_a_flat_export_leaves_blank(
    store, tmp_path, monkeypatch
):
    monkeypatch.setattr("fullpicture.intake.importer.BATCH_ROWS", 2)  # across batches too
    blank = create_attendance_row("A3", "H1", arrived="20/05/2024 09:00", postcode="")
    blank[FLAT_HEADER.index("NHSNumber")] = ""
    rows = [create_attendance_row("A1", "H1"), create_attendance_row("A2", "H2"), blank]
    path = create_attendances_file(tmp_path, rows)
    people, _ = import_files(store, [path], "ed", load_mapping(FLAT_MAPPING))
    assert (people.stored, people.warnings) == (3, 0)
    with store.connect() as conn:
        kept = conn.execute(
            sa.select(schema.source_person.c.postcode, schema.source_person.c.nhs_number).where(
                schema.source_person.c.local_id == "H1"
            )
        ).one()
    assert tuple(kept) == ("LS6 2AB", "9434765919")


def test_should_change_nothing_when_a_flat_export_is_imported_again(store, tmp_path):
    mapping = load_mapping(FLAT_MAPPING)
    path = create_attendances_file(tmp_path, [create_attendance_row("A1", "H1")])
    import_files(store, [path], "ed", mapping)
    before = _all_counts(store)
    again = import_files(store, [path], "ed", mapping)
    assert [r.already_imported for r in again] == [True, True]
    assert _all_counts(store) == before


def test_should_refuse_a_flat_export_one_table_at_a_time_without_naming_it(sqlite_store, tmp_path):
    path = create_attendances_file(tmp_path, [create_attendance_row("A1", "H1")])
    mapping = load_mapping(FLAT_MAPPING)
    with pytest.raises(IntakeError, match="holds the tables 'ed_patients', 'ed_attendances'"):
        import_file(sqlite_store, path, "ed", mapping)
    result = import_file(sqlite_store, path, "ed", mapping, table="ed_patients")
    assert (result.table, result.stored) == ("ed_patients", 1)


def test_should_supersede_each_table_of_a_corrected_flat_export(store, tmp_path):
    mapping = load_mapping(FLAT_MAPPING)
    first = create_attendances_file(
        tmp_path, [create_attendance_row("A1", "H1"), create_attendance_row("A2", "")]
    )
    earlier = import_files(store, [first], "ed", mapping)
    assert [r.quarantined for r in earlier] == [1, 1]
    fixed = create_attendances_file(
        tmp_path,
        [create_attendance_row("A1", "H1"), create_attendance_row("A2", "H2")],
        name="ed_attendances_v2.csv",
    )
    corrected = import_corrected(store, fixed, "ed", mapping, supersedes=earlier[1].ledger_id)
    assert [(r.table, r.stored, r.quarantined) for r in corrected] == [
        ("ed_patients", 2, 0),
        ("ed_attendances", 2, 0),
    ]
    with store.connect() as conn:
        statuses = dict(conn.execute(sa.select(schema.ledger.c.id, schema.ledger.c.status)).all())
    assert [statuses[r.ledger_id] for r in earlier] == ["superseded", "superseded"]
    assert list_quarantine(store, source="ed") == []


def test_should_refuse_to_supersede_an_entry_that_does_not_exist(sqlite_store, tmp_path):
    path = create_attendances_file(tmp_path, [create_attendance_row("A1", "H1")])
    with pytest.raises(IntakeError, match="no ledger entry 99"):
        import_corrected(sqlite_store, path, "ed", load_mapping(FLAT_MAPPING), supersedes=99)
    assert _all_counts(sqlite_store)["ledger"] == 0


def test_should_refuse_a_flat_export_missing_a_column_of_either_table(sqlite_store, tmp_path):
    header = [c for c in FLAT_HEADER if c != "Surname"]
    row = create_attendance_row("A1", "H1")
    rows = [[v for c, v in zip(FLAT_HEADER, row, strict=True) if c != "Surname"]]
    path = create_csv(tmp_path / "ed_attendances.csv", header, rows)
    with pytest.raises(MissingColumnError, match="table 'ed_patients' needs the column"):
        import_files(sqlite_store, [path], "ed", load_mapping(FLAT_MAPPING))
    assert _all_counts(sqlite_store)["ledger"] == 0


def create_workbook(path, sheets: dict[str, list[list[str]]]):
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


WORKBOOK_MAPPING = {
    "source": "ehm",
    "agency": "social_care",
    "tables": [
        {
            "name": "children",
            "kind": "person",
            "match": "*early_help*",
            "sheet": "Children",
            "columns": {"local_id": "Child ID", "family_name": "Surname", "date_of_birth": "DOB"},
        },
        {
            "name": "contacts",
            "kind": "event",
            "match": "*early_help*",
            "sheet": "Contacts",
            "columns": {"record_id": "Ref", "subject_local_id": "Child ID"},
            "emit": [{"event_type": "social_care.contact", "date": "Date"}],
        },
    ],
}


def test_should_read_each_sheet_of_a_workbook_as_its_own_table(store, tmp_path):
    path = create_workbook(
        tmp_path / "early_help_2025.xlsx",
        {
            "Contacts": [
                ["Ref", "Child ID", "Date"],
                ["C1", "K1", "03/02/2025"],
                ["C2", "K9", "04/02/2025"],
            ],
            "Children": [["Child ID", "Surname", "DOB"], ["K1", "Ng", "01/01/2015"]],
        },
    )
    mapping = parse_mapping(WORKBOOK_MAPPING, origin="test")
    children, contacts = import_files(store, [path], "ehm", mapping)
    assert (children.table, children.read, children.stored) == ("children", 1, 1)
    assert (contacts.table, contacts.read, contacts.stored, contacts.quarantined) == (
        "contacts", 2, 1, 1,
    )  # fmt: skip


def test_should_name_the_sheet_a_workbook_lacks(sqlite_store, tmp_path):
    path = create_workbook(
        tmp_path / "early_help_2025.xlsx",
        {"Children": [["Child ID", "Surname", "DOB"], ["K1", "Ng", "01/01/2015"]]},
    )
    with pytest.raises(IntakeError, match="no sheet 'Contacts'"):
        import_files(sqlite_store, [path], "ehm", parse_mapping(WORKBOOK_MAPPING, origin="test"))
    assert _all_counts(sqlite_store)["ledger"] == 0
