"""Shapes read after heldout11's and heldout13's errors: other agencies' learning documents (a
force's learning summary, a trust's report on the reviews it took part in, a partnership's
response to a national review) and full-length reports (a thematic review with "What needs
to change:" after each finding, an overview report analysing each agency with its own
lessons). Synthetic documents written for these tests, none copied from the corpus."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of


def test_should_read_a_forces_learning_summary_by_what_it_asks_each_role(tmp_path: Path):
    body = (
        "# Learning Summary for Officers\n\n"
        "## What went well\n\n"
        "- The call handler recorded the girl's own account in full.\n\n"
        "## What we must do better\n\n"
        "- Nobody linked the three reports of the girl going missing.\n\n"
        "## What detectives must do\n\n"
        "1. Check the missing history of any child you interview about an offence.\n\n"
        "## What we will do\n\n"
        "1. The force will add a missing flag to the custody record by June.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Nobody linked") == "finding"
    assert kind_of(items, "The call handler") == "finding"  # strengths beside weaknesses
    assert kind_of(items, "Check the missing history") == "recommendation"
    assert kind_of(items, "The force will add") == "next_step"


def test_should_read_what_practitioners_should_do_as_next_steps_still(tmp_path: Path):
    body = (
        "# Briefing: Bruising\n\n"
        "## What practitioners should do\n\n"
        "- Follow the protocol for every bruise on a baby who cannot yet move.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Follow the protocol") == "next_step"


def test_should_read_a_thematic_reviews_what_needs_to_change_label_as_a_recommendation(
    tmp_path: Path,
):
    body = (
        "# Thematic review: harm outside the home\n\n"
        "## What we found\n\n"
        "### Schools\n\n"
        "Three of the five boys were moved to part-time timetables, which left them "
        "unsupervised for most of each day.\n\n"
        "**What needs to change:** Schools should hold a multi-agency meeting before moving "
        "any child at risk of exploitation.\n\n"
        "## The partnership's response\n\n"
        "1. The exploitation pathway will be in place by the autumn.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Three of the five") == "finding"
    assert kind_of(items, "Schools should hold") == "recommendation"
    assert kind_of(items, "The exploitation pathway") == "next_step"


def test_should_read_a_trusts_themes_for_its_services_and_what_it_changed(tmp_path: Path):
    body = (
        "# Think Family Report for Community Services\n\n"
        "## Themes for community nursing\n\n"
        "### Asking who is at home\n\n"
        "In two of the three reviews the nursing record did not say who else lived in the "
        "home.\n\n"
        "## What children in the families told us\n\n"
        'Sam told the reviewer: "Nobody asked me what I did when Dad was ill."\n\n'
        "## What we changed this year\n\n"
        "- We added a household section to the nursing assessment in May.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "In two of the three") == "finding"
    assert kind_of(items, "Sam told") == "child_voice"
    assert kind_of(items, "We added") == "next_step"


def test_should_read_a_self_assessment_table_against_national_recommendations(tmp_path: Path):
    body = (
        "# Our response to the national review\n\n"
        "## Our position against the national recommendations\n\n"
        "| National recommendation | Our local position | RAG |\n"
        "| --- | --- | --- |\n"
        "| Services should see every father. | The audit found fathers seen in five of "
        "twenty files. | Red |\n"
        "| Agencies should share what they know about men. | Probation now joins the daily "
        "meeting. | Green |\n\n"
        "The RAG rating is the group's own judgement. Green means practice meets the "
        "recommendation.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Services should see") == "recommendation"
    assert kind_of(items, "The audit found fathers") == "finding"
    assert kind_of(items, "Probation now joins") == "finding"
    assert kind_of(items, "The RAG rating") is None
    assert not any(text.startswith("National recommendation") for _, text in items)


def test_should_leave_an_agencys_own_narrative_where_its_section_states_its_lessons(
    tmp_path: Path,
):
    body = (
        "SERIOUS CASE REVIEW: CHILD T\n\n"
        "3. Agency involvement and analysis\n\n"
        "3.1 Children's social care\n\n"
        "3.1.1 Two referrals were received in 2019, but each was closed without seeing the "
        "child.\n\n"
        "Lessons for children's social care\n\n"
        "- Each referral should be read with the ones before it.\n\n"
        "3.2 The police\n\n"
        "3.2.1 Officers attended one incident at the address but did not tell social care.\n\n"
        "Lessons for the police\n\n"
        "- Every incident in a home with children should be shared with social care.\n\n"
        "4. Recommendations\n\n"
        "4.1 The Board should issue guidance on reading referral histories.\n"
    )
    items = items_of(create_document(tmp_path, body, "review.txt"))
    assert kind_of(items, "Each referral should") == "key_learning"
    assert kind_of(items, "3.1.1 Two referrals") is None
    assert kind_of(items, "Two referrals") is None
    assert kind_of(items, "3.2.1 Officers") is None
    assert kind_of(items, "Officers attended") is None


def test_should_read_a_learning_point_that_left_a_child_unsupervised_as_key_learning(
    # the document's label decides (docs/learning-taxonomy.md, settled case (b)/(c))
    tmp_path: Path,
):
    body = (
        "# Learning Review: Dev\n\n"
        "## 5. Learning identified\n\n"
        "- A reduced timetable left Dev alone at home for most of each day.\n"
        "- Children on reduced timetables need a plan for the hours out of school.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "A reduced timetable") == "key_learning"
    assert kind_of(items, "Children on reduced") == "key_learning"


def test_should_leave_a_learning_reviews_details_and_synopsis_out(tmp_path: Path):
    body = (
        "# Learning Review Summary: Incident 2025/01\n\n"
        "## 1. Details\n\n"
        "Incident: the boy was assaulted near his school and was not seen by anyone for an "
        "hour.\n\n"
        "## 2. Synopsis\n\n"
        "He lived with his aunt, and no service had visited the home in the year before.\n\n"
        "## 3. Analysis\n\n"
        "The assessment was not updated after he stopped attending.\n\n"
        "## 4. Recommendations\n\n"
        "1. The service should update every assessment when a child stops attending.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Incident:") is None
    assert kind_of(items, "the boy was assaulted") is None
    assert kind_of(items, "He lived with his aunt") is None
    assert kind_of(items, "The assessment was not updated") == "finding"


def test_should_read_a_theme_label_as_a_topic_over_its_findings(tmp_path: Path):
    body = (
        "# Joint Review: Kit\n\n"
        "## Analysis and findings\n\n"
        "### Theme 1: Support does not end when a young person turns eighteen\n\n"
        "**Finding 1.** Kit's support stopped on his birthday and nobody picked it up.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert not any(text.startswith("Theme 1") for _, text in items)
    assert kind_of(items, "Kit's support stopped") == "finding"


def test_should_not_take_a_childs_name_in_quotation_marks_for_their_words(tmp_path: Path):
    body = (
        "# Annual Report of the Trust\n\n"
        "## Reviews we took part in\n\n"
        "| Review | Type | Child |\n"
        "| --- | --- | --- |\n"
        '| "Rosa" | Rapid review | Girl, 9 |\n\n'
        "## What children said\n\n"
        '"Nobody told me when Mum was coming home."\n'
    )
    items = items_of(create_document(tmp_path, body))
    assert not any(text.startswith('"Rosa"') for _, text in items)
    assert kind_of(items, '"Nobody told me') == "child_voice"


def test_should_read_what_the_learning_means_at_a_college_as_key_learning(tmp_path: Path):
    body = (
        "# Safeguarding Update for Tutors\n\n"
        "## What this means at Northgate College\n\n"
        "- A student of seventeen who is being exploited is still a child.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "A student of seventeen") == "key_learning"


def test_should_read_what_went_well_as_findings_beside_learning_identified(tmp_path: Path):
    # the strengths pair with the learning identified; the learning keeps its label's kind
    body = (
        "# Learning Review: Ash\n\n"
        "## What went well\n\n"
        "- The case manager's assessment explored Ash's experience of school.\n\n"
        "## Learning identified\n\n"
        "- The risk rating was not changed after the missed appointments.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The case manager's") == "finding"
    assert kind_of(items, "The risk rating") == "key_learning"


def test_should_read_the_evidence_before_the_review_finds_as_narrative(tmp_path: Path):
    body = (
        "# Local Child Safeguarding Practice Review: Ola\n\n"
        "## 4. Analysis by line of enquiry\n\n"
        "### Line of enquiry 1: Ola's life at home\n\n"
        "4.1 Visits were announced, and no one saw Ola's bedroom in the last year.\n\n"
        "4.2 The review finds that practitioners saw each sign of neglect on its own rather "
        "than together.\n\n"
        "4.3 The school's concerns were not passed to the health visitor.\n\n"
        "## 5. Recommendations\n\n"
        "5.1 The partnership should relaunch its neglect toolkit.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert not any("no one saw Ola's bedroom" in text for _, text in items)
    assert any(kind == "finding" and "review finds" in text for kind, text in items)
    assert any(kind == "finding" and "concerns were not passed" in text for kind, text in items)
