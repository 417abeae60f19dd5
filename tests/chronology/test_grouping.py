from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from fullpicture.chronology.grouping import event_family, group_records
from fullpicture.chronology.model import Provenance, Record
from fullpicture.chronology.records import record_order

_TYPES = ["police.incident", "health.ed_attendance", "social_care.referral", "education.concern",
          "education.exclusion", "police.missing_start"]  # fmt: skip
_SOURCES = ["police", "health", "social_care", "education"]


def create_record(event_id, *, source="police", event_type="police.incident", day=date(2021, 5, 3),
                  precision="day", incident_ref=None, person="P1", sequence=0):  # fmt: skip
    provenance = Provenance(source, source, None, f"{source}.csv", event_id, None, None, 1)
    return Record(
        event_id=event_id, event_type=event_type, label=event_type, valence="concern",
        occurred_on=day, precision=precision, uncertain=False, occurred_at=None, sequence=sequence,
        subject_person_id=person, subject_source_person_id=1, role="subject", summary=None,
        opinion=None, action=None, reason_no_action=None, significance=None,
        incident_ref=incident_ref, location=None, attributes={}, restricted=False,
        provenance=provenance,
    )  # fmt: skip


_record_args = st.tuples(
    st.sampled_from(_SOURCES),
    st.sampled_from(_TYPES),
    st.integers(0, 5),
    st.sampled_from(["day", "exact", "month"]),
    st.sampled_from([None, None, "A", "b", "a"]),
    st.sampled_from(["P1", "P2"]),
)


@given(st.lists(_record_args, max_size=40))
def test_should_put_every_record_in_exactly_one_group(args):
    records = [
        create_record(i, source=s, event_type=t, day=date(2021, 5, 1) + timedelta(days=d), precision=p,
                      incident_ref=r, person=who)
        for i, (s, t, d, p, r, who) in enumerate(args)
    ]  # fmt: skip
    records.sort(key=record_order)
    groups = group_records(records)
    seen = [r.event_id for g in groups for r in g]
    assert sorted(seen) == sorted(r.event_id for r in records)
    for group in groups:  # two records of one source join only through a reference or a third
        refs = {r.incident_ref.strip().casefold() for r in group if r.incident_ref}
        if not refs:
            families = {
                (r.subject_person_id, event_family(r.event_type), r.occurred_on) for r in group
            }
            assert len(families) == 1


def test_should_group_across_sources_on_the_same_day_and_family():
    records = [
        create_record(1, source="police", event_type="police.incident"),
        create_record(2, source="health", event_type="health.ed_attendance"),
        create_record(3, source="health", event_type="health.ed_attendance", day=date(2021, 5, 4)),
        create_record(4, source="education", event_type="education.concern"),
    ]
    assert [[r.event_id for r in g] for g in group_records(records)] == [[1, 2], [3], [4]]


def test_should_not_group_month_precision_records_by_day():
    records = [
        create_record(1, source="police", precision="month", day=date(2021, 5, 1)),
        create_record(
            2,
            source="health",
            event_type="health.ed_attendance",
            precision="month",
            day=date(2021, 5, 1),
        ),
    ]
    assert len(group_records(records)) == 2


def test_should_not_group_records_of_different_people():
    records = [create_record(1, person="P1"), create_record(2, source="health", person="P2")]
    assert len(group_records(records)) == 2
