"""Themes from the document's setting and phrase families written the way practitioners and
reviews put things (seventh session): the services a title writes for or from frame every
item, a teenager's section of a newsletter is not the review's baby, and paraphrases of
agencies not holding the picture together, of the child not heard, of care and of neglect.
All texts are synthetic."""

from pathlib import Path

import pytest

from fullpicture.learning.extract import title_setting
from fullpicture.learning.library import parse_document
from fullpicture.learning.themes import lexical_themes


def create_review(tmp_path: Path, title: str, sections: dict[str, list[str]]) -> Path:
    """A small Markdown review: a title, then headed sections of bullet items."""
    lines = [f"# {title}", ""]
    for heading, items in sections.items():
        lines += [f"## {heading}", "", *(f"- {item}" for item in items), ""]
    path = tmp_path / "review.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def themes_of(path: Path, learned: bool = True) -> list[list[str]]:
    return [
        item.themes
        for review in parse_document(path, learned=learned).reviews
        for item in review.items
    ]


@pytest.mark.parametrize(
    ("title", "theme"),
    [
        ("Learning briefing for foster carers: Child M", "looked_after"),
        ("Safeguarding children GP newsletter: spring edition", "health"),
        ("Patient safety incident investigation: repeated attendances", "health"),
        ("Serious case review briefing for schools and colleges", "education"),
    ],
)
def test_should_lend_the_service_a_title_writes_for_to_every_item(
    tmp_path: Path, title: str, theme: str
):
    path = create_review(
        tmp_path,
        title,
        {
            "Findings": [
                "Nobody explained to the family what would happen after each report.",
                "The paperwork was completed late on three occasions.",
            ],
            "Recommendations": ["The partnership should publish its timetable each spring."],
        },
    )
    # The rules lend the title's service to every item; the learned model may then drop it
    # from an item whose own words are far from it (its dense part reads the words only).
    found = themes_of(path, learned=False)
    assert len(found) == 3
    assert all(theme in themes for themes in found)


@pytest.mark.parametrize(
    ("title", "setting"),
    [
        ("Learning briefing for foster carers: Child M", {"looked_after"}),
        ("Safeguarding children GP newsletter: spring edition", {"health"}),
        ("Briefing for all schools and colleges: Child G", {"education"}),
        ("Rapid review: a pupil at a secondary school", set()),
        ("Police response to missing children: a thematic review", set()),
        ("Learning bulletin: Child J, who lived in foster care", set()),
        ("Patient safety incident investigation: repeated attendances", {"health"}),
    ],
)
def test_should_read_a_services_setting_only_as_the_documents_audience_or_source(
    title: str, setting: set[str]
):
    assert title_setting(title) == setting


def test_should_not_lend_a_service_the_title_does_not_name(tmp_path: Path):
    path = create_review(
        tmp_path,
        "Learning lessons from the review of Child M",
        {"Findings": ["The paperwork was completed late on three occasions."]},
    )
    assert themes_of(path) == [[]]


def test_should_not_give_the_reviews_baby_to_a_section_about_a_teenager(tmp_path: Path):
    path = create_review(
        tmp_path,
        "Practice newsletter: Baby P and others",
        {
            "Learning about a baby with a bruise": [
                "The bruise was accepted as caused by a car seat strap.",
            ],
            "Learning about a teenager who ran from home": [
                "Staff did not ask where the money had come from.",
            ],
        },
    )
    first, second = themes_of(path)
    assert "babies" in first
    assert "babies" not in second


@pytest.mark.parametrize(
    "text",
    [
        "Eleven professionals were involved, but no one held the overall picture.",
        "Each service assumed another had the lead for the boy.",
        "The partnership should name a lead professional for every child with a plan.",
        "No single agency knew that the family had moved three times.",
        "The workers helping the father did not talk enough to the workers helping the girl.",
        "The new college was given no information about the earlier concerns.",
        "Records held by the nursery were not sought before the decision was made.",
        "A protocol will be agreed with neighbouring authorities for children who move.",
        "The adults around her need to know who is doing what.",
    ],
)
def test_should_read_agencies_not_holding_the_picture_together_as_multi_agency(text: str):
    assert "multi_agency" in lexical_themes(text)


def test_should_not_read_an_addressees_lead_agency_as_multi_agency():
    text = "Health visitors should record who was present. (Lead agency: the community trust)"
    assert "multi_agency" not in lexical_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "He was seen at every visit but was never asked about what he did after school.",
        "What she was going through at weekends was never heard.",
        "Ask the team: what is a day like for this toddler?",
        "The girl later said she would have talked if anyone had stayed.",
        "Workers relied on his mother's description rather than on observation of him.",
        "Training should cover recording the experience of children who do not use words.",
        "Nobody asked the foster carer what she had told them about her friends.",
    ],
)
def test_should_read_the_child_not_heard_as_the_childs_voice(text: str):
    assert "voice_of_child" in lexical_themes(text)


def test_should_not_read_watching_a_place_or_a_parents_experience_as_the_childs_voice():
    assert "voice_of_child" not in lexical_themes("Staff kept the waiting room under observation.")
    assert "voice_of_child" not in lexical_themes("The experience of the staff was not recorded.")


@pytest.mark.parametrize(
    "text",
    [
        "Do you know what to do when a child in your care comes home late?",
        "His supervising social worker changed twice during the year.",
    ],
)
def test_should_read_a_carers_child_as_care(text: str):
    assert "looked_after" in lexical_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "The overnight clinician had no summary of earlier attendances.",
        "Liaison psychiatry was not available at weekends.",
        "Midwives should offer the stop smoking service at each contact.",
        "The 0-19 service should repeat the advice after a move.",
        "Practices should check repeat prescriptions where a teenager lives at home.",
    ],
)
def test_should_read_health_staff_and_services_as_health(text: str):
    assert "health" in lexical_themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Nobody asked whether the boy's needs were being met; his needs were not met for years.",
        "Staff did not consider whether his care at home was not meeting his needs.",
        "The children hid the empty cupboards from visitors.",
    ],
)
def test_should_read_needs_not_met_as_neglect(text: str):
    assert "neglect" in lexical_themes(text)


def test_should_read_a_change_of_social_worker_as_workforce():
    assert "workforce" in lexical_themes(
        "A summary is written when a child's social worker changes."
    )


def test_should_read_a_first_section_heading_that_is_not_the_title(tmp_path: Path):
    path = tmp_path / "cascade.txt"
    path.write_text(
        "SAFEGUARDING UPDATE: LEARNING FROM A LOCAL RAPID REVIEW\n\n"
        "Dear colleagues, please read this before the staff meeting.\n\n"
        "WHAT THE REVIEW FOUND ABOUT NEGLECT\n\n"
        "The same concerns were recorded many times over two years, and nobody added them up.\n",
        encoding="utf-8",
    )
    items = [item for review in parse_document(path).reviews for item in review.items]
    assert items
    assert all("neglect" in item.themes for item in items)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("The family waited a year for short breaks.", "identity_culture"),
        ("They lived on the fourth floor while waiting for an adapted home.", "identity_culture"),
        ("Record what a child communicates through signs or pictures.", "identity_culture"),
        ("Nobody asked how her medical condition shaped her day.", "identity_culture"),
        ("The father's depression was known to his doctor.", "parental_mental_health"),
        ("Advice was not repeated after a house move.", "housing"),
        ("Which service could help with the rent arrears?", "housing"),
        ("The transfer between local authorities took months.", "housing"),
    ],
)
def test_should_read_disability_a_parents_illness_and_moves_in_their_paraphrases(
    text: str, theme: str
):
    assert theme in lexical_themes(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("The nurse had no summary of earlier admissions.", "chronologies"),
        ("The second appointment did not look back at the first.", "chronologies"),
        ("The bruise was not checked against the hospital record.", "chronologies"),
        ("Read the last few contacts before deciding.", "chronologies"),
        ("The information-sharing agreement was out of date.", "multi_agency"),
        ("Concerns should be passed to the receiving school on the first day.", "multi_agency"),
        ("Counting each incident apart hides the pattern from any single agency.", "multi_agency"),
        ("The two boards should agree a joint escalation protocol.", "multi_agency"),
    ],
)
def test_should_read_looking_back_and_passing_on_in_their_paraphrases(text: str, theme: str):
    assert theme in lexical_themes(text)


def test_should_not_read_missing_the_signs_as_a_missing_child():
    assert "missing" not in lexical_themes("Why do we keep missing neglect?")
    assert "missing" not in lexical_themes("Practitioners risk missing the signs of abuse.")
    assert "missing" in lexical_themes("She was reported missing twice in May.")
