"""Stable ids: largest overlap keeps the id, ids are never reused."""

from __future__ import annotations

from fullpicture.linkage.identity import assign_ids, format_person_id, parse_person_id


def test_should_keep_the_id_with_the_largest_overlap() -> None:
    previous = {1: "P000001", 2: "P000001", 3: "P000001", 4: "P000002"}
    result = assign_ids([[1, 2], [3, 4]], previous)
    assert result.ids == ["P000001", "P000002"]
    assert result.retired == {}


def test_should_give_the_larger_side_of_a_merge_its_id_and_retire_the_other() -> None:
    previous = {1: "P000001", 2: "P000001", 3: "P000002"}
    result = assign_ids([[1, 2, 3]], previous)
    assert result.ids == ["P000001"]
    assert result.retired == {"P000002": "P000001"}


def test_should_leave_new_clusters_without_an_id() -> None:
    assert assign_ids([[9]], {}).ids == [None]


def test_should_format_and_parse_person_ids() -> None:
    assert format_person_id(123) == "P000123"
    assert parse_person_id("P000123") == 123
    assert parse_person_id("X1") is None
