"""Review metadata of learning that other agencies publish, and of documents passing on a
national review (synthetic text written for these tests): the partnership whose review it
is or with which it was published, else the agency that published it; the review type a
title page gives; and a joint review's other commissioner (docs/learning-taxonomy.md,
"Other agencies' documents" and "Settled cases" (n))."""

import pytest

from fullpicture.learning.metadata import (
    detect_type,
    extract_metadata,
    find_partnership,
    find_publisher,
    subtitle_type,
)

# --- partnership -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Commissioned by Westbury Community Safety Partnership and Westbury Safeguarding "
        "Children Partnership",
        "Jointly commissioned by Westbury Borough Council and the Westbury Safeguarding "
        "Children Partnership",
    ],
)
def test_should_take_the_childrens_partnership_of_a_joint_review_not_the_joined_name(line):
    assert find_partnership([line]) == "Westbury Safeguarding Children Partnership"


def test_should_keep_a_place_name_joined_by_and():
    assert find_partnership(["Tamford and Hale Safeguarding Children Partnership"]) == (
        "Tamford and Hale Safeguarding Children Partnership"
    )


def test_should_read_a_partnership_name_broken_across_two_lines():
    lines = [
        "Quarterly staff bulletin, Issue 4. Written with the Pendle Moor Safeguarding",
        "Children Partnership.",
        "A word from the named midwife",
    ]
    assert find_partnership(lines) == "Pendle Moor Safeguarding Children Partnership"


def test_should_not_join_a_title_to_the_partnership_named_on_the_next_line():
    lines = ["Baby Q", "Pendle Moor Safeguarding Children Partnership", "March 2025"]
    assert find_partnership(lines) == "Pendle Moor Safeguarding Children Partnership"


@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        (
            "Orchard Valley Hospitals NHS Foundation Trust, Safeguarding Team",
            "Orchard Valley Hospitals NHS Foundation Trust",
        ),
        ("Marlow Fen Constabulary, Public Protection Unit", "Marlow Fen Constabulary"),
        ("NHS Deneside Integrated Care Board", "NHS Deneside Integrated Care Board"),
        ("Issued by the Brightwater Learning Trust", "Brightwater Learning Trust"),
        ("Tenby Cross Youth Justice Service", "Tenby Cross Youth Justice Service"),
        ("Saltmarsh Probation Delivery Unit", "Saltmarsh Probation Delivery Unit"),
        ("Hollybank Homes, Tenancy Support", "Hollybank Homes"),
    ],
)
def test_should_read_the_agency_a_title_page_names_as_its_publisher(line, publisher):
    assert find_publisher([line]) == publisher


@pytest.mark.parametrize("line", ["The Trust will review this in June.", "Our Council"])
def test_should_not_take_a_generic_mention_of_an_agency_for_a_publisher(line):
    assert find_publisher([line]) is None


def test_should_give_an_agencys_own_learning_naming_no_partnership_its_publisher():
    meta = extract_metadata(
        "Learning from an incident: the missed follow-up",
        [
            "Orchard Valley Hospitals NHS Foundation Trust, Safeguarding Team",
            "Root cause analysis summary for ward staff, May 2025",
            "A teenage patient left the ward before the safeguarding team saw her.",
        ],
        [],
    )
    assert meta.partnership == "Orchard Valley Hospitals NHS Foundation Trust"
    assert meta.review_type == "practice_review"


def test_should_prefer_the_partnership_an_agency_names_to_the_agency_itself():
    meta = extract_metadata(
        "Officer learning note",
        [
            "Marlow Fen Constabulary, Public Protection Unit",
            "Issued June 2025",
            "The Marlow Fen Safeguarding Children Partnership held a rapid review after a "
            "boy of fifteen was stabbed.",
        ],
        [],
    )
    assert meta.partnership == "Marlow Fen Safeguarding Children Partnership"


# --- review type ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (
            "Local Child Safeguarding Practice Review: Child V (Ashgrove Safeguarding Children "
            "Partnership)",
            "child_safeguarding_practice_review",
        ),
        ("Rapid review: Baby N (October 2025)", "rapid_review"),
        # a bracket that is neither publisher nor date stays part of the line
        ("Significant Incident Learning Process (SILP) review", "silp"),
    ],
)
def test_should_set_aside_a_publisher_or_date_in_brackets_on_a_subtitle(line, code):
    assert subtitle_type(line) == code


def test_should_type_a_police_summary_by_the_review_its_subtitle_names():
    meta = extract_metadata(
        "Public Protection Learning Note",
        [
            "Public Protection Learning Note",
            "Local Child Safeguarding Practice Review: Child V (Ashgrove Safeguarding Children "
            "Partnership)",
            "Marlow Fen Constabulary. Issued April 2026.",
            "This note tells officers what the review found about policing.",
        ],
        [],
    )
    assert meta.review_type == "child_safeguarding_practice_review"
    assert meta.partnership == "Ashgrove Safeguarding Children Partnership"


def test_should_type_a_periodical_issue_drawing_on_several_reviews_as_a_bulletin():
    meta = extract_metadata(
        "Safeguarding Babies: Learning from Reviews",
        [
            "Safeguarding Babies: Learning from Reviews",
            "Orchard Valley Hospitals NHS Foundation Trust",
            "Staff bulletin, Issue 6. Published May 2026.",
            "1. Baby Zara",
            "Zara was three months old when she was brought to the ward with a bruise.",
        ],
        [],
    )
    assert meta.review_type == "bulletin"
    # an issue drawing on several reviews is about many children, not the first it tells of
    assert meta.child_pseudonym is None
    assert meta.child_age is None


def test_should_keep_a_report_drawing_on_several_reviews_a_thematic_analysis():
    meta = extract_metadata(
        "Learning from Child Safeguarding Reviews for School Nurses",
        [
            "Learning from Child Safeguarding Reviews for School Nurses",
            "Orchard Valley Community NHS Trust",
            "Annual learning report to the Trust Board, 2025 to 2026",
        ],
        [],
    )
    assert meta.review_type == "thematic_analysis"


@pytest.mark.parametrize(
    ("title", "subtitle"),
    [
        ("Regional Briefing No. 4", "Regional briefing on a national review: children in care"),
        ("Briefing for Headteachers", "Learning from the national review of home education"),
        ("Our Response", "Our response to the Panel's review of children harmed by carers"),
    ],
)
def test_should_type_a_briefing_presenting_a_national_review_as_a_national_analysis(
    title, subtitle
):
    meta = extract_metadata(
        title,
        [title, "Ashgrove Safeguarding Children Partnership", subtitle, "June 2025"],
        [],
    )
    assert meta.review_type == "thematic_analysis"
    assert meta.partnership == "Ashgrove Safeguarding Children Partnership"


def test_should_keep_a_briefing_that_mentions_a_national_review_in_a_sentence_a_briefing():
    meta = extract_metadata(
        "Seven-minute briefing: bruising in babies",
        [
            "Seven-minute briefing: bruising in babies",
            "Ashgrove Safeguarding Children Partnership",
            "The national review of babies harmed found the same gaps as our own reviews.",
        ],
        [],
    )
    assert meta.review_type == "bulletin"


@pytest.mark.parametrize(
    "title",
    [
        "Participant Handout: Hearing the Child in Neglect",
        "Delegate workbook: neglect and the child's day",
    ],
)
def test_should_type_a_course_handout_as_a_briefing(title):
    meta = extract_metadata(
        title,
        [
            title,
            "Ashgrove Safeguarding Children Partnership. Version 3, March 2026.",
            "This session follows Mia, whose local child safeguarding practice review the "
            "partnership published last year.",
        ],
        [],
    )
    assert meta.review_type == "bulletin"


def test_should_keep_a_handout_titled_with_its_review_that_review():
    meta = extract_metadata(
        "Participant handout: rapid review of Baby N",
        ["Participant handout: rapid review of Baby N"],
        [],
    )
    assert meta.review_type == "rapid_review"


@pytest.mark.parametrize(
    "text",
    [
        "Serious further offence review: summary of learning",
        "Root cause analysis of a missed referral",
        "After action review following a missing child",
    ],
)
def test_should_type_an_agencys_own_incident_review_as_a_practice_review(text):
    assert detect_type(text) == "practice_review"


# --- heldout28's review types (tenth session) ---------------------------------------------


def test_should_type_an_agency_note_by_the_review_its_subtitle_presents_with_its_children():
    meta = extract_metadata(
        "School Nursing Team Note 6",
        [
            "Learning from the Local Child Safeguarding Practice Review: Child Q and Child W",
            "Fernvale Community Health NHS Trust. A note for school nurses and their leads.",
            "The rapid review that came before it found the school did not share its worries.",
        ],
        [],
    )
    assert meta.review_type == "child_safeguarding_practice_review"


def test_should_not_take_a_childs_name_after_a_subtitle_for_part_of_its_review_type():
    line = "Learning from the serious case review: Young Person K and Young Person L"
    assert subtitle_type(line) == "serious_case_review"
    assert subtitle_type("Learning from a rapid review: neglect at home") is None


def test_should_read_an_agencys_numbered_note_to_its_staff_naming_the_review_only_in_text_as_a_briefing():
    meta = extract_metadata(
        "Safeguarding Note for Ward Teams 4/2026",
        [
            "From: Named Nurse. To: all ward managers and staff nurses.",
            "The Fernvale Safeguarding Children Partnership has published a local child "
            "safeguarding practice review about a girl of nine. This note passes on what it "
            "says about us.",
        ],
        [],
    )
    assert meta.review_type == "bulletin"
