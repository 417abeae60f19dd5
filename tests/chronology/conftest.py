from datetime import date

import pytest

from tests.factories import create_event, create_person, create_relationship, source_person_of


@pytest.fixture
def sample_family(store):
    """A child known to three agencies, her mother, and names inside the free text."""
    child = create_person(
        store, given_name="Lily", family_name="Ashdown", sources=("social_care", "police", "health")
    )
    mother = create_person(
        store,
        given_name="Sharon",
        family_name="Ashdown",
        is_child=False,
        date_of_birth=date(1989, 4, 4),
        sources=("social_care", "police"),
    )
    create_relationship(
        store,
        from_source_person_id=source_person_of(store, mother, "social_care"),
        to_source_person_id=source_person_of(store, child, "social_care"),
        kind="parent",
        start_date=date(2015, 3, 1),
    )
    create_event(
        store,
        person_id=child,
        source="police",
        incident_ref="DA-1",
        event_type="police.domestic_abuse_incident",
        summary="Officers attended; Lily was in the kitchen with Sharon Ashdown.",
        author_role="PC",
        record_id="NICHE-991",
        significance="high",
    )
    create_event(
        store,
        person_id=child,
        source="social_care",
        incident_ref="DA-1",
        event_type="social_care.referral",
        occurred_on=date(2021, 5, 4),
        summary='=HYPERLINK("http://evil") notification about LILY ASHDOWN',
        opinion="Mrs Ashdown appears to minimise.",
        reason_no_action="Mother engaging with support",
        author_role="Social worker",
    )
    create_event(
        store,
        person_id=child,
        source="health",
        event_type="health.health_visitor_contact",
        occurred_on=date(2021, 12, 20),
        summary="Lily thriving; weight on centile.",
        author_role="Health visitor",
    )
    return child, mother
