from __future__ import annotations

import csv
import json

from fullpicture.intake.importer import import_file
from fullpicture.intake.quarantine import EXPORT_HEADER, export_quarantine, list_quarantine
from tests.exports.test_cells import PAYLOADS
from tests.intake.factories import PERSON_HEADER


def test_should_export_quarantined_rows_with_formula_cells_neutralised(
    sqlite_store, tmp_path, sample_mapping
):
    records = [dict.fromkeys(PERSON_HEADER, "") | {"Name": p, "AKA": p} for p in PAYLOADS]
    path = tmp_path / "persons.json"  # JSON carries every payload, NUL included
    path.write_text(json.dumps(records), encoding="utf-8")
    result = import_file(
        sqlite_store,
        path,
        "police",
        sample_mapping,
    )
    assert result.quarantined == len(PAYLOADS)
    out = tmp_path / "fix.csv"
    assert export_quarantine(list_quarantine(sqlite_store), out) == len(PAYLOADS)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        exported = list(csv.reader(handle))
    assert exported[0] == [*EXPORT_HEADER, *PERSON_HEADER]
    name_column = exported[0].index("Name")
    assert [line[name_column] for line in exported[1:]] == ["'" + p for p in PAYLOADS]
    assert all("local_id: a value is required" in line[4] for line in exported[1:])
