"""Relationships and addresses: both ends must be people of the same source."""

from __future__ import annotations

import sqlalchemy as sa

from fullpicture.intake.importer import import_files
from fullpicture.intake.mapping import parse_mapping
from fullpicture.intake.quarantine import list_quarantine
from fullpicture.store import schema
from tests.intake.factories import create_csv

MAPPING = {
    "source": "housing",
    "agency": "housing",
    "tables": [
        {
            "name": "people", "kind": "person", "match": "*people*",
            "columns": {"local_id": "Ref", "full_name": "Name"},
        },
        {
            "name": "links", "kind": "relationship", "match": "*links*",
            "columns": {"from_local_id": "From", "to_local_id": "To", "kind": "Rel", "start_date": "Since"},
            "values": {"kind": {"MUM": "parent", "HH": "household_member"}},
        },
        {
            "name": "tenancies", "kind": "address", "match": "*tenanc*",
            "columns": {
                "record_id": "Tenancy", "person_local_id": "Ref", "postcode": "Postcode",
                "start_date": "From",
            },
        },
    ],
}  # fmt: skip


def test_should_store_relationships_and_addresses_between_known_people(store, tmp_path):
    mapping = parse_mapping(MAPPING, origin="test")
    people = create_csv(
        tmp_path / "people.csv", ["Ref", "Name"], [["H1", "Ann Evans"], ["H2", "Bea Evans"]]
    )
    links = create_csv(
        tmp_path / "links.csv",
        ["From", "To", "Rel", "Since"],
        [["H1", "H2", "MUM", "2019"], ["H1", "H9", "HH", ""], ["H2", "H1", "COUSIN", "2020-01-01"]],
    )
    tenancies = create_csv(
        tmp_path / "tenancies.csv",
        ["Tenancy", "Ref", "Postcode", "From"],
        [
            ["T1", "H1", "xa1 1aa", "01.02.2020"],
            ["T2", "H1", "NOT A POSTCODE", ""],
            ["T3", "H7", "XA1 1AA", ""],
        ],
    )
    results = {
        r.table: r for r in import_files(store, [tenancies, links, people], "housing", mapping)
    }
    assert (results["links"].stored, results["links"].quarantined) == (1, 2)
    assert (
        results["tenancies"].stored,
        results["tenancies"].quarantined,
        results["tenancies"].warnings,
    ) == (2, 1, 1)
    problems = {(r.row_number, r.reasons[0]["field"]) for r in list_quarantine(store)}
    assert problems == {(3, "to_local_id"), (4, "kind"), (4, "person_local_id")}
    with store.connect() as conn:
        relation = conn.execute(
            sa.select(schema.relationship.c.kind, schema.relationship.c.start_date)
        ).one()
        postcodes = (
            conn.execute(sa.select(schema.address.c.postcode).order_by(schema.address.c.record_key))
            .scalars()
            .all()
        )
    assert relation.kind == "parent" and relation.start_date.year == 2019
    assert postcodes == ["XA1 1AA", None]
