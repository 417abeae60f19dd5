"""Extraction from the commonest published families' shapes: a briefing's "What the review
recommends", a rapid review's learning identified per sector, a review's numbered learning
themes, an audit's own questions under its findings, a topic's numbered analysis before its
labelled finding (synthetic text only)."""

from __future__ import annotations

from tests.learning.documents import create_document, items_of, kind_of


def test_should_read_what_the_review_recommends_as_recommendations(tmp_path):
    body = (
        "# 7 Minute Briefing: Baby Q\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "## 3. What the review recommends\n\n"
        "- The housing service should tell health visitors when a baby moves home.\n"
        "- Health visitors should check the sleeping place at every visit.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The housing service should") == "recommendation"
    assert kind_of(items, "Health visitors should") == "recommendation"


def test_should_not_read_what_else_a_review_noted_after_its_recommendations_as_one(tmp_path):
    body = (
        "# Review of Child Z published\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "## What the review recommends\n\n"
        "It recommends that:\n\n"
        "- the partnership should name a lead professional for every disabled child\n"
        "- schools should record what a child's behaviour shows\n\n"
        "The review also noted good practice. The nursery adapted its day for Z.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "the partnership should") == "recommendation"
    assert kind_of(items, "The review also noted") is None


def test_should_read_case_points_in_a_sector_of_learning_identified_as_key_learning(tmp_path):
    body = (
        "# Rapid Review Summary: Child P\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "## 4. Learning identified\n\n### Learning for health\n\n"
        "1. The GP saw P four times and did not ask about home.\n\n"
        "2. Children rarely disclose abuse in one clear statement, so a calm response "
        "matters.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The GP saw P") == "key_learning"
    assert kind_of(items, "Children rarely disclose") == "key_learning"


def test_should_read_a_numbered_learning_theme_telling_of_the_case_as_a_finding(tmp_path):
    body = (
        "# Child Safeguarding Practice Review: Executive Summary\n\n"
        "Eastmoor Safeguarding Children Partnership, 2026\n\n"
        "## 4. Summary of learning\n\n### Learning theme 1: Drift\n\n"
        "The plans were ended and restarted three times, and the history was lost.\n\n"
        "### Learning theme 2: Housing\n\n"
        "Damp homes harm babies' breathing, so housing belongs in every plan.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The plans were ended") == "finding"
    assert kind_of(items, "Damp homes harm") == "key_learning"


def test_should_read_what_answers_an_audit_question_under_its_findings_as_findings(tmp_path):
    body = (
        "# Multi-Agency Case File Audit: Neglect\n\nEastmoor Safeguarding Children Partnership, "
        "2026\n\n## 5. Findings\n\n### Question 3: Was the child's daily life understood?\n\n"
        "- Records for the babies gave little sense of their day.\n"
        "- Two teenagers were caring for a parent and neither was offered an assessment.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Records for the babies") == "finding"
    assert kind_of(items, "Two teenagers were caring") == "finding"


def test_should_read_a_topics_analysis_before_its_labelled_finding_as_narrative(tmp_path):
    body = (
        "# Local Child Safeguarding Practice Review: Sam\n\n"
        "Eastmoor Safeguarding Children Partnership, 2026\n\n"
        "## 5. Analysis and findings\n\n### 5.1 Sam as a young carer\n\n"
        "5.1.1 The school knew Sam was late and the pharmacy knew he collected medicine, but "
        "nobody put the pieces together.\n\n"
        "Finding 1: Sam's caring role was never named or assessed by any agency.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Sam's caring role") == "finding"
    assert kind_of(items, "5.1.1 The school knew") is None
    assert kind_of(items, "The school knew") is None


def test_should_read_prose_under_what_a_childs_behaviour_told_us_as_the_childs_voice(tmp_path):
    body = (
        "# Learning Brief: Sami\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "## What Sami's communication told us\n\n"
        "Sami's father said that in those weeks Sami pushed his plate away and held his "
        "cheek, which he now knows meant his tooth hurt.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Sami's father said") == "child_voice"


def test_should_read_prose_under_a_childs_daily_life_as_the_childs_voice(tmp_path):
    body = (
        "# 7 Minute Briefing: Baby Noor\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "## 4. Noor's daily life\n\n"
        "Noor slept in a car seat beside the sofa because there was no cot in the flat.\n\n"
        "Noor was feeding well and smiled at both parents when the nurse visited.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Noor slept in a car seat") == "child_voice"
    assert kind_of(items, "Noor was feeding well") == "child_voice"


def test_should_keep_a_topic_heading_over_labelled_findings_out_of_the_findings(tmp_path):
    body = (
        "# Local Child Safeguarding Practice Review: Sam\n\n"
        "Eastmoor Safeguarding Children Partnership, 2026\n\n"
        "## 5. Analysis and findings\n\n### 5.4 Hearing from the adults in the house\n\n"
        "5.4.1 The mother's drinking was known to the GP and the police, who each held a "
        "part of it.\n\n"
        "Finding 6: Adult services did not ask what the mother's illness meant for Sam.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert [kind for kind, _ in items] == ["finding"]
    assert items[0][1].startswith("Adult services did not ask")


def test_should_read_recommendations_numbered_by_letter_under_their_finding(tmp_path):
    body = (
        "# SILP Review: Child N\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "## 4. Findings and recommendations\n\n"
        "### Finding 1: Interpreters were not used at home visits, so the mother was unheard.\n\n"
        "Recommendation 1(a): Agencies should book a professional interpreter for home visits.\n\n"
        "Recommendation 1(b): Children should never interpret for their parents.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert (
        "recommendation",
        "Agencies should book a professional interpreter for home visits.",
    ) in items
    assert kind_of(items, "Children should never interpret") == "recommendation"


def test_should_drop_a_converted_documents_running_footer(tmp_path):
    footer = "Eastmoor CSP | SILP Review Child N | Final"
    pages = [
        "## 4. Findings\n\n### Finding 1: The plan ended before anyone checked that things had "
        "changed.\n\nRecommendation 1: Managers should check change before closing a plan.",
        "### Finding 2: The GP did not ask about home when the mother was low.",
        "## 5. Conclusion\n\nThe partnership has accepted the recommendations.",
    ]
    body = "# SILP Review: Child N\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
    body += "".join(f"{page}\n\n{footer}\n\n{number}\n\n" for number, page in enumerate(pages, 1))
    body += "| Lead | By when |\n|---|---|\n| Police | May |\n\n| Lead | By when |\n|---|---|\n"
    items = items_of(create_document(tmp_path, body))
    assert not any(footer in text for _, text in items)
    assert kind_of(items, "The GP did not ask") == "finding"


def test_should_read_a_childs_words_after_a_list_of_key_learning_as_the_childs_voice(tmp_path):
    body = (
        "# Local Learning Review: Sami\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "## Key learning from Sami's review\n\n"
        "- A child on a waiting list is not a child who is being helped.\n"
        "- Suspension removes a child from the adults who know them best.\n\n"
        'Sami told the reviewer: "School was too loud, so I ran."\n\n'
        'The eldest girl told the reviewer: "We kept quiet when he was home."\n'
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Sami told the reviewer") == "child_voice"
    assert kind_of(items, "The eldest girl told") == "child_voice"


def test_should_read_the_words_of_the_child_the_title_names_as_the_childs_voice(tmp_path):
    body = (
        '# Local Learning Review "Noor"\n\nEastmoor Safeguarding Children Partnership, 2026\n\n'
        "## Key learning from Noor's review\n\n"
        "- Hints at abuse come before any clear disclosure.\n\n"
        'Noor said: "I thought it was my fault for talking to him."\n\n'
        'Dana said: "We did not know who to ask."\n'
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Noor said") == "child_voice"
    assert kind_of(items, "Dana said") is None


def test_should_read_prose_under_what_a_child_showed_us_as_the_childs_voice(tmp_path):
    body = (
        "# Child Safeguarding Practice Review: Baby Ari\n\n"
        "Eastmoor Safeguarding Children Partnership, 2026\n\n"
        "## What Ari showed us\n\n"
        "Ari could not say what was happening, but his nursery saw that he had stopped crying "
        "when he was hungry.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Ari could not say") == "child_voice"


def test_should_read_what_both_reviews_tell_us_as_key_learning(tmp_path):
    body = (
        "# Joint Learning Summary: two reviews\n\nEastmoor Safeguarding Children Partnership, "
        "2026\n\n## What both reviews tell us\n\n"
        "- Children give signals long before anyone acts on them.\n"
        "- Schools know children best and should be part of decisions.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Children give signals") == "key_learning"


def test_should_not_read_the_acceptance_of_the_recommendations_as_a_next_step(tmp_path):
    body = (
        "# Local Child Safeguarding Practice Review: Child Q\n\n"
        "Eastmoor Safeguarding Children Partnership, 2026\n\n"
        "## 6. What happens next\n\n"
        "6.1 The partners have accepted all seven recommendations. An action plan is monitored "
        "by the review subgroup.\n\n"
        "6.2 The partnership will run briefings on safer sleep for housing staff this spring.\n\n"
        "## 7. What we are changing\n\n"
        "The subgroup agreed these changes in May and will check their effect next year.\n\n"
        "- Schools will keep a record of every police notification.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "6.2 The partnership will run") == "next_step"
    assert kind_of(items, "6.1 The partners have accepted") is None
    assert kind_of(items, "The subgroup agreed these changes") is None
    assert kind_of(items, "Schools will keep") == "next_step"
