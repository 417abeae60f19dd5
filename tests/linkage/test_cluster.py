"""Constrained clustering: twins, parent and child, and decisions holding transitively."""

from __future__ import annotations

from fullpicture.linkage.cluster import Signature, cluster_records


def create_signature(dob: str | None, given: str, nhs: str | None = None) -> Signature:
    return Signature(dob, None, given, frozenset({given}), nhs)


def test_should_not_join_twins_with_different_names() -> None:
    sigs = {1: create_signature("2015-04-09", "chidi"), 2: create_signature("2015-04-09", "emeka")}
    clusters, refused = cluster_records(sigs, [(1, 2)])
    assert sorted(clusters) == [[1], [2]] and refused == 1


def test_should_not_join_parent_and_child_with_the_same_name() -> None:
    sigs = {
        1: create_signature("1984-06-02", "jordan"),
        2: create_signature("2013-06-02", "jordan"),
    }
    clusters, _ = cluster_records(sigs, [(1, 2)])
    assert sorted(clusters) == [[1], [2]]


def test_should_keep_not_same_records_apart_through_any_chain() -> None:
    sigs = {i: create_signature("2015-01-01", "amy") for i in (1, 2, 3)}
    clusters, _ = cluster_records(sigs, [(1, 2), (2, 3)], not_same=[(1, 3)])
    assert sorted(clusters) == [[1, 2], [3]]


def test_should_always_join_same_decisions() -> None:
    sigs = {1: create_signature("2015-04-09", "chidi"), 2: create_signature("2015-04-09", "emeka")}
    clusters, _ = cluster_records(sigs, [], same=[(1, 2)])
    assert clusters == [[1, 2]]


def test_should_not_merge_two_existing_people_automatically() -> None:
    sigs = {i: create_signature("2015-01-01", "amy") for i in (1, 2, 3)}
    clusters, _ = cluster_records(sigs, [(1, 3), (2, 3)], existing_groups=[[1], [2]])
    assert sorted(clusters) == [[1, 3], [2]]


def test_should_keep_apart_records_with_far_apart_nhs_numbers_and_dates() -> None:
    sigs = {
        1: create_signature("2023-08-15", "jessica", "9503093430"),
        2: create_signature("2023-08-17", "jessica", "8995903414"),
    }
    clusters, _ = cluster_records(sigs, [(1, 2)])
    assert sorted(clusters) == [[1], [2]]


def test_should_join_a_mistyped_nickname_with_its_full_name_on_the_same_day() -> None:
    sigs = {
        1: Signature("2020-04-24", None, "rchard", frozenset({"rchard"})),
        2: Signature("2020-04-24", None, "rick", frozenset({"rick", "richard"})),
    }
    clusters, _ = cluster_records(sigs, [(1, 2)])
    assert clusters == [[1, 2]]
