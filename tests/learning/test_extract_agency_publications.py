"""Learning as other agencies publish it: an inspectorate's letter, a school service's
briefing for its safeguarding leads, a police force's summary with the force's response beside
each recommendation, a hospital bulletin reporting a partnership audit, a council's practice
note with a table of standards (synthetic documents written after heldout22's errors were read
a second time; no corpus text)."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of


def test_should_not_read_a_letters_closing_or_its_response_procedure_as_learning(
    tmp_path: Path,
):
    body = (
        "# Joint inspection of services for children in Farrowdale\n\n"
        "## Main findings\n\n"
        "Plans for children in early help are too often closed without a recorded decision.\n\n"
        "## Next steps\n\n"
        "The local authority should send the inspectorates a written statement of proposed "
        "action in response to this letter by 1 March.\n\n"
        "Yours faithfully,\n\n"
        "Kind regards,\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert items == [
        (
            "finding",
            "Plans for children in early help are too often closed without a recorded decision.",
        )
    ]


def test_should_not_take_one_familys_story_among_inspection_findings_for_a_finding(
    tmp_path: Path,
):
    body = (
        "# Inspection letter\n\n## Main findings\n\n"
        "Assessments rarely say what each child's day is like.\n\n"
        "One family's story shows what this means. A father asked a children's centre for help "
        "with rent, was helped to move, and the case was closed when he asked.\n\n"
        "Fathers were seldom seen, even when they were known to the police.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "One family's story") is None
    assert kind_of(items, "Assessments rarely say") == "finding"
    assert kind_of(items, "Fathers were seldom seen") == "finding"


def test_should_read_the_readers_own_questions_under_a_learning_chapter_as_questions(
    tmp_path: Path,
):
    body = (
        "# Schools Safeguarding Update: Spring\n\n"
        "## Learning from the review of Child D\n\n"
        "### Messages for staff\n\n"
        "- Lateness every Monday can be a sign of a hard weekend at home.\n\n"
        "### Checking your own school\n\n"
        "- When did you last read a child's low-level worries together?\n"
        "- Who in your school talks to the school a child's sister attends?\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Lateness every Monday") == "key_learning"
    assert kind_of(items, "When did you last read") == "reflective_question"
    assert kind_of(items, "Who in your school talks") == "reflective_question"


def test_should_not_read_the_case_told_under_a_learning_chapter_as_learning(tmp_path: Path):
    body = (
        "# Schools Safeguarding Update: Spring\n\n"
        "## Learning from the review of Child D\n\n"
        "### What happened\n\n"
        "D was eleven and had moved schools twice when his teacher noticed he was losing "
        "weight.\n\n"
        "### Messages for staff\n\n"
        "- Lateness every Monday can be a sign of a hard weekend at home.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert items == [
        ("key_learning", "Lateness every Monday can be a sign of a hard weekend at home.")
    ]


def test_should_read_a_childs_words_announced_in_the_line_before_as_the_childs_voice(
    tmp_path: Path,
):
    body = (
        "# Neighbourhood Policing Learning Note\n\n"
        "## What we are asking officers to do\n\n"
        "- Speak to every child in the house on your own before you leave.\n\n"
        "The attending officer wrote down these words from R's sister:\n\n"
        '"I put my headphones on so I cannot hear them."\n\n'
        "The sergeant added this from his own notes:\n\n"
        '"Check the address history before you knock."\n'
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, '"I put my headphones on') == "child_voice"
    assert kind_of(items, '"Check the address history') != "child_voice"


def test_should_read_the_response_column_beside_each_recommendation_as_a_next_step(
    tmp_path: Path,
):
    body = (
        "# Force Learning Summary\n\n"
        "## The recommendations and our response\n\n"
        "| Recommendation to the force | What the force has done |\n"
        "|---|---|\n"
        "| The force should review repeat calls before closing an incident | "
        "A closure prompt was added to the incident system in May |\n"
        "| The force should audit child notifications | "
        "Twenty notifications are now sampled every quarter |\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The force should review repeat calls") == "recommendation"
    assert kind_of(items, "A closure prompt was added") == "next_step"
    assert kind_of(items, "Twenty notifications are now sampled") == "next_step"


def test_should_read_what_an_audit_reported_under_a_case_heading_as_findings(tmp_path: Path):
    body = (
        "# Ward Safeguarding Newsletter\n\n"
        "## 2. Babies who are not brought to clinic\n\n"
        "The partnership's audit looked at fifteen babies on plans who had missed "
        "hospital appointments last year.\n\n"
        "In nine of the fifteen, the clinic discharged the baby after two missed "
        "appointments and no one told the health visitor.\n\n"
        "Letters about the babies were rarely sent to the family's GP.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The partnership's audit looked at") is None
    assert kind_of(items, "In nine of the fifteen") == "finding"
    assert kind_of(items, "Letters about the babies") == "finding"


def test_should_not_read_a_tables_header_row_as_learning(tmp_path: Path):
    body = (
        "# Practice Standards Note\n\n"
        "## What good practice looks like\n\n"
        "| Standard | What it means for each child |\n"
        "|---|---|\n"
        "| Known adults | We know the name of every adult who cares for the child and we "
        "have met them |\n"
        "| Up to date | The child's history is brought up to date before each review "
        "meeting |\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert [kind for kind, _ in items] == ["key_learning", "key_learning"]
    assert not any(text.startswith("Standard") for _, text in items)


def test_should_not_read_a_documents_control_fields_as_learning(tmp_path: Path):
    body = (
        "# Action Plan Tracker\n\n"
        "Published: May 2026. Position at: 31 August 2026.\n\n"
        "## Course handout\n\n"
        "Course: Neglect and the child's day (Level 2). Version 3, April 2026.\n\n"
        "## Key learning\n\n"
        "- Neglect is seen in the pattern of a child's days, not in one visit.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert items == [
        ("key_learning", "Neglect is seen in the pattern of a child's days, not in one visit.")
    ]


def test_should_read_a_reviews_central_message_in_a_yearly_report_as_key_learning(
    tmp_path: Path,
):
    body = (
        "# Partnership Yearly Report\n\n## Chapter 3: Learning from reviews\n\n"
        "### Baby Q: rapid review\n\n"
        "What the review found:\n\n"
        "- Nobody gave the father advice on safe sleep.\n\n"
        "The review's main message was that advice on sleep has to reach every adult who "
        "looks after a baby overnight.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The review's main message") == "key_learning"


def test_should_read_a_young_peoples_version_by_its_own_plain_headings(tmp_path: Path):
    body = (
        "# Our review, written for you\n\n"
        "## What we found out\n\n"
        "1. Workers did not always see you on your own.\n\n"
        "## What we got right\n\n"
        "Your nursery noticed you were tired and told your health visitor straight away.\n\n"
        "## What we are going to change\n\n"
        "We made these promises to you, and we will tell you how we are getting on.\n\n"
        "- By March 2026, workers will see every child on their own at each visit.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Your nursery noticed") == "finding"
    assert kind_of(items, "By March 2026, workers will") == "next_step"
    assert kind_of(items, "We made these promises") is None


def test_should_read_a_newsletters_item_on_a_published_review_as_its_findings(
    tmp_path: Path,
):
    body = (
        "# Practice Nurses' Safeguarding Newsletter\n\n"
        "## 3) Local practice review: Mia\n\n"
        "The partnership has published its local practice review about Mia, a six-year-old "
        "who lived with neglect for three years. The full report is on our website.\n\n"
        "Mia's dental and eye appointments were missed for two years, but nobody put the "
        "missed appointments together.\n\n"
        "The review recommends that practices flag the records of every child in a household "
        "where a child is on a plan for neglect.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The partnership has published") is None
    assert kind_of(items, "Mia's dental and eye") == "finding"
    assert kind_of(items, "The review recommends that") == "recommendation"


def test_should_read_the_named_childs_reported_words_with_a_quotation_as_the_childs_voice(
    tmp_path: Path,
):
    body = (
        "# Board paper: local review of Ezra\n\n"
        "## 3. About the review\n\n"
        "Ezra said the adult he trusted most was his football coach, because "
        '"he never made me feel like a case".\n'
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Ezra said the adult") == "child_voice"


def test_should_read_a_list_linking_a_note_to_a_review_as_findings(tmp_path: Path):
    body = (
        "# Practice Week Note\n\n"
        "## How this echoes our last review\n\n"
        "- The review found that Ava's grandfather was never asked about his part in her care.\n"
        "- Ava told her nursery she was scared at bedtime, but it was never shared.\n\n"
        "## Show notes\n\n"
        "- what has changed at the front door since the review.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The review found that Ava's") == "finding"
    assert kind_of(items, "Ava told her nursery") == "finding"
    assert kind_of(items, "what has changed") is None
