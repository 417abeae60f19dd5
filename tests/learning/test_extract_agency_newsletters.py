"""Learning as agencies and partnerships put it in their own newsletters, notes and handouts:
a GP update's article on a rapid review, an ambulance trust's learning note, a force's slides,
a housing provider's briefing, an academy trust's bulletin for its safeguarding leads, a
charity's page for volunteers, a session handout and a local summary of a national review
(synthetic documents written after heldout24's and heldout27's item errors were read; no
corpus text)."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of


def test_should_read_what_a_rapid_review_identified_as_findings_under_a_learning_article(
    tmp_path: Path,
):
    body = (
        "# Practice Nurse Safeguarding News\n\n"
        "## 3. Learning from a rapid review: a boy whose appointments lapsed\n\n"
        "### What the local rapid review identified\n\n"
        "Nobody at the surgery looked at the six missed immunisations together.\n\n"
        "### Learning for nurses\n\n"
        "A missed immunisation for a toddler is a question about the toddler's care.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Nobody at the surgery") == "finding"
    assert kind_of(items, "A missed immunisation") == "key_learning"


def test_should_read_the_changes_a_service_reports_as_next_steps(tmp_path: Path):
    body = (
        "# Learning Note 7\n\n"
        "## Changes we have made\n\n"
        "- The call-taking script now asks whether children are in the house.\n"
        "- Crews can book an interpreter from the vehicle.\n\n"
        "## Changes the trust has introduced\n\n"
        "- Every referral about a child is checked by the hub within a day.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The call-taking script") == "next_step"
    assert kind_of(items, "Crews can book") == "next_step"
    assert kind_of(items, "Every referral about a child") == "next_step"


def test_should_read_what_a_case_slide_says_we_must_do_as_next_steps(tmp_path: Path):
    body = (
        "# Custody Learning Slides\n\n"
        "## Child W: what we must do\n\n"
        "- Check who else lives at the address before the child is bailed there.\n"
        "- Detention officers should tell the appropriate adult about any injury.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Check who else lives") == "next_step"
    assert kind_of(items, "Detention officers should") == "next_step"


def test_should_read_what_a_named_readers_role_should_do_as_next_steps(tmp_path: Path):
    body = (
        "# Safeguarding Leads Bulletin: Autumn\n\n"
        "## What DSLs should do this half-term\n\n"
        "- Read the attendance list beside the safeguarding list every fortnight.\n\n"
        "## What health visitors should do now\n\n"
        "1. Ask who else looks after the baby overnight.\n"
    )
    items = items_of(create_document(tmp_path, body, "bulletin.txt"))
    assert kind_of(items, "Read the attendance list") == "next_step"
    assert kind_of(items, "Ask who else looks after") == "next_step"


def test_should_read_a_handouts_table_discussion_as_questions(tmp_path: Path):
    body = (
        "# Practitioner Session Handout\n\n"
        "## Table discussion one\n\n"
        "Who outside the family would notice if this boy stopped coming to clubs?\n\n"
        "## Group discussion 2\n\n"
        "How do you hear from a child who only ever meets you with a parent present?\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Who outside the family") == "reflective_question"
    assert kind_of(items, "How do you hear from a child") == "reflective_question"


def test_should_read_good_practice_told_in_the_same_sentence_as_a_finding(tmp_path: Path):
    body = (
        "# Hospital Safeguarding News\n\n"
        "## What the review found about our wards\n\n"
        "The review also noted good practice: the ward sister rang the school nurse before "
        "the boy went home.\n\n"
        "The review found good practice in the children's emergency department, where a "
        "nurse asked the girl on her own why she had come in.\n\n"
        "The review also saw good practice. It is set out below.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The review also noted good practice:") == "finding"
    assert kind_of(items, "The review found good practice in") == "finding"
    assert kind_of(items, "The review also saw good practice.") is None


def test_should_read_a_services_own_commitments_under_any_heading_as_next_steps(
    tmp_path: Path,
):
    body = (
        "# Briefing for Estate Staff\n\n"
        "## What we expect of you\n\n"
        "- Caretakers will report any child left alone in a communal area to the duty "
        "manager.\n"
        "- All reception staff will finish the new safeguarding module by June.\n\n"
        "## What this means for Ashcombe\n\n"
        "- From May 2026, every plan for a child under two in Ashcombe will record where the "
        "child sleeps.\n"
        "- Community midwives will offer the same conversation to fathers.\n"
        "- The council's lettings team has agreed to check for a cot before a move.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "All reception staff will") == "next_step"
    assert kind_of(items, "From May 2026, every plan") == "next_step"
    assert kind_of(items, "Community midwives will") == "next_step"
    assert kind_of(items, "The council's lettings team") == "next_step"


def test_should_read_a_bulletins_themes_of_learning_as_findings_then_lessons(tmp_path: Path):
    body = (
        "# Schools Safeguarding Bulletin\n\n"
        "## Learning from our reviews: what colleges need to know\n\n"
        "### Theme 1: Part-time timetables\n\n"
        "In both reviews the timetable was left in place for a term and nobody reviewed it.\n\n"
        "A reduced timetable is a safeguarding decision as well as a teaching one.\n\n"
        "### Theme 2: Notifications\n\n"
        "The college received three police notifications and filed them; the tutor "
        "went on leave the same week.\n\n"
        "### Theme 3: Listening to what students say\n\n"
        "The tutor wrote it down, but it was not linked to the two earlier notes.\n\n"
        "A remark made in passing may be the most important thing a student tells us.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "In both reviews the timetable") == "finding"
    assert kind_of(items, "A reduced timetable") == "key_learning"
    assert kind_of(items, "The college received") == "finding"
    assert kind_of(items, "The tutor wrote it down") == "finding"
    assert kind_of(items, "A remark made in passing") == "key_learning"


def test_should_not_read_a_theme_about_a_learning_disability_as_key_learning(tmp_path: Path):
    body = (
        "# Thematic Review: Parents Who Find Reading Hard\n\n"
        "## 5. What we found\n\n"
        "### Theme 2: Parents with a learning disability\n\n"
        "In two of the four families the mother's learning disability was not recorded by "
        "the midwife.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "In two of the four families") == "finding"


def test_should_read_a_child_named_by_letter_quoted_to_anyone_as_the_childs_voice(
    tmp_path: Path,
):
    body = (
        "# Briefing for Colleges: Child J\n\n"
        "## The review's findings\n\n"
        "Child J told her tutor after the summer break: \"Nobody at home noticed I'd gone "
        'for three days."\n\n'
        "Her attendance was not followed up for a month.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Child J told her tutor") == "child_voice"
    assert kind_of(items, "Her attendance was not") == "finding"


def test_should_read_what_a_named_childs_setting_noticed_as_the_childs_voice(tmp_path: Path):
    body = (
        "# Health Visiting Update\n\n"
        "## Learning from a rapid review: a toddler who went hungry\n\n"
        "### What Tomasz's childminder noticed\n\n"
        "The childminder wrote that Tomasz ate everything he was offered and cried when the "
        "snack box was put away.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The childminder wrote that Tomasz") == "child_voice"


def test_should_read_what_to_do_under_a_changed_procedure_as_next_steps(tmp_path: Path):
    body = (
        "# Partnership Newsletter\n\n"
        "## In focus: our resolving professional differences protocol has been revised\n\n"
        "The new protocol was agreed in March.\n\n"
        "- If you disagree with a plan, speak to the worker who made it within two days.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "If you disagree with a plan") == "next_step"


def test_should_not_read_a_line_announcing_a_summary_of_recommendations_as_one(
    tmp_path: Path,
):
    body = (
        "# Local Summary of a National Review\n\n"
        "## The national recommendations\n\n"
        "The Panel addressed its recommendations to ministers. The ones that matter most "
        "here are summarised below.\n\n"
        "1. Every area should have a plan for families who move between hostels.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The Panel addressed") is None
    assert kind_of(items, "Every area should") == "recommendation"


def test_should_not_read_a_learning_pages_setting_the_scene_as_learning(tmp_path: Path):
    body = (
        "# Learning for befrienders: noticing the child\n\n"
        "Oakway Family Friends | Befriender pages | Updated March 2026\n\n"
        "## Why we are sharing this\n\n"
        "Last year the Marlpit Safeguarding Children Partnership carried out a local child "
        "safeguarding practice review about a boy we will call Sol.\n\n"
        "## About Sol\n\n"
        "Sol lived with his father and liked football and his dog.\n\n"
        "## What we learned\n\n"
        "Every home we visit has a child in it, and the child is part of why we visit.\n\n"
        "## Who to contact\n\n"
        "If you are worried about a child, ring your coordinator the same day.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert items == [
        (
            "key_learning",
            "Every home we visit has a child in it, and the child is part of why we visit.",
        )
    ]


def test_should_not_read_who_held_the_review_as_learning(tmp_path: Path):
    body = (
        "# GP Safeguarding Update\n\n"
        "## 2. Learning from a rapid review: a girl who was not brought\n\n"
        "In March 2026 the Fenmoor Safeguarding Children Partnership held a rapid review "
        "after a four-year-old was admitted to hospital underweight.\n\n"
        "### Learning for practices\n\n"
        "A child who is not brought to appointments cannot bring herself.\n\n"
        "## 3. Learning from our reviews\n\n"
        "Over the last year the partnership has published two local child safeguarding "
        "practice reviews in which practices were involved.\n\n"
        "### Theme 1: Registration\n\n"
        "Records of a child's earlier plan are easily lost when the family registers again.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "In March 2026") is None
    assert kind_of(items, "Over the last year") is None
    assert kind_of(items, "A child who is not brought") == "key_learning"
    assert kind_of(items, "Records of a child's earlier plan") == "key_learning"


def test_should_not_read_the_opening_of_an_article_in_parts_as_learning(tmp_path: Path):
    body = (
        "# Partnership Learning Newsletter\n\n"
        "## Learning from the review about the Hale brothers\n\n"
        "The Hale brothers, aged 9 and 6, were known to services for four years because "
        "the house was often cold and the boys were often late for school.\n\n"
        "Sam told the reviewer:\n\n"
        '"I made the packed lunches because nobody else did."\n\n'
        "### What the review found\n\n"
        "- The school saw Sam's caring as coping rather than as a sign of neglect.\n\n"
        "### What we have learned\n\n"
        "- A child who cares for others can look settled; ask what it costs him.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The Hale brothers") is None
    assert kind_of(items, '"I made the packed lunches') == "child_voice"
    assert kind_of(items, "The school saw Sam's caring") == "finding"
    assert kind_of(items, "A child who cares for others") == "key_learning"


def test_should_read_each_lesson_of_a_round_up_of_reviews_as_key_learning(tmp_path: Path):
    body = (
        "# Spring Newsletter\n\n"
        "## Rapid review round-up\n\n"
        "### Three cases in brief\n\n"
        "Baby Q (ten weeks) was taken to hospital with a burn. The health visitor had not "
        "been told that the family had moved.\n\n"
        "A move of home is a moment to check who is caring for a baby, and every visit "
        "should ask about it.\n\n"
        "Our training calendar for the summer is now online.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert items == [
        (
            "key_learning",
            "A move of home is a moment to check who is caring for a baby, and every visit "
            "should ask about it.",
        )
    ]
