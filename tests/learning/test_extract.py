"""Extraction of items from each document shape."""

from pathlib import Path

from fullpicture.learning.library import parse_document


def _items(path: Path) -> list[tuple[str, str]]:
    parsed = parse_document(path)
    return [(item.kind, item.text) for review in parsed.reviews for item in review.items]


def test_should_attach_recommendations_to_the_numbered_finding_before_them(sample_text_review):
    review = parse_document(sample_text_review).reviews[0]
    finding, recommendation, learning = review.items
    assert finding.kind == "finding" and "nobody offered" in finding.text
    assert recommendation.kind == "recommendation"
    assert recommendation.text.endswith("report to the board.")
    assert recommendation.parent == 0
    assert recommendation.addressee == "Partnership"
    assert learning.kind == "key_learning"
    assert learning.text == "Going missing is a signal of harm, not a behaviour to be managed."


def test_should_split_a_bulletin_into_its_cases(sample_corpus: Path):
    parsed = parse_document(sample_corpus / "docs" / "02-aldcaster-bulletin-two-cases.docx")
    assert [r.metadata.review_type for r in parsed.reviews] == [
        "serious_case_review",
        "rapid_review",
    ]
    assert [r.metadata.child_pseudonym for r in parsed.reviews] == ["Baby R", "Child S"]


def test_should_keep_one_section_when_a_slide_title_repeats(sample_corpus: Path):
    parsed = parse_document(sample_corpus / "docs" / "04-westholm-slides.txt")
    learning = [i for i in parsed.reviews[0].items if i.kind == "key_learning"]
    assert len(learning) == 5
    assert {i.heading_path for i in learning} == {"Key learning"}


def test_should_find_questions_next_steps_and_the_childs_voice(sample_corpus: Path):
    kinds = {
        kind for kind, _ in _items(sample_corpus / "docs" / "14-rowley-briefing-questions.txt")
    }
    assert {"key_learning", "next_step", "reflective_question"} <= kinds
    voice = _items(sample_corpus / "docs" / "12-pennick-child-voice.docx")
    assert sum(kind == "child_voice" for kind, _ in voice) == 3


def test_should_split_several_reviews_in_one_document(sample_corpus: Path):
    parsed = parse_document(sample_corpus / "docs" / "06-fenmoor-two-reviews.pdf")
    assert len(parsed.reviews) == 2


def test_should_give_themes_from_the_taxonomy(sample_text_review):
    review = parse_document(sample_text_review).reviews[0]
    assert "missing" in review.items[0].themes


def _review(blocks: list[tuple[str, int, bool]], title: str = "Rapid Review: Baby Q"):
    from fullpicture.learning.documents import Block
    from fullpicture.learning.extract import extract_items, review_context
    from fullpicture.learning.metadata import find_pseudonym
    from fullpicture.learning.sections import place_blocks

    placed = place_blocks([Block(title, 1)] + [Block(t, h, b) for t, h, b in blocks])
    intro = [p.block.text for p in placed if not p.block.heading][:1]
    return extract_items(placed, review_context(title, intro, None, find_pseudonym([title])))


def test_should_give_babies_to_the_items_about_the_baby_in_a_review_about_a_baby():
    about_baby = "No one asked how the bruise on her arm happened."
    items = _review([("Key learning", 2, False), (about_baby, 0, True)])
    assert "babies" in items[0].themes
    other = _review(
        [("Key learning", 2, False), (about_baby, 0, True)], title="Rapid Review: Child Q"
    )
    assert "babies" not in other[0].themes
    process = _review([("Key learning", 2, False), ("Agencies should agree one route.", 0, True)])
    assert "babies" not in process[0].themes


def test_should_read_a_baby_from_an_age_in_months():
    from fullpicture.learning.extract import review_context

    assert review_context("Review: Child Q", [], "4 months").baby
    assert not review_context("Review: Child Q", [], "4 years").baby


def test_should_give_a_looked_after_childs_own_words_the_looked_after_theme():
    items = _review(
        [
            ("Q lived in a children's home for two years.", 0, False),
            ("In Q's own words", 2, False),
            ('"Nobody told me I was moving again."', 0, False),
        ],
        title="Practice Review: Child Q",
    )
    assert items[0].kind == "child_voice"
    assert {"voice_of_child", "looked_after"} <= set(items[0].themes)


def test_should_give_a_sections_topic_to_the_items_under_it():
    items = _review(
        [
            ("Learning about neglect", 2, False),
            ("Key learning", 3, False),
            ("Visits were announced days ahead.", 0, True),
        ],
        title="Learning Briefing 4",
    )
    assert "neglect" in items[0].themes


def test_should_take_a_finding_stated_as_a_heading_under_findings():
    items = _review(
        [
            ("Findings", 2, False),
            ("The father's release from prison was not shared with children's services", 3, False),
            ("Probation knew he would live with Q, but no check was made.", 0, False),
            ("Neglect", 3, False),
            ("The home was cold and there was little food.", 0, False),
        ]
    )
    assert items[0].kind == "finding"
    assert items[0].text.startswith("The father's release from prison")
    assert "no check was made" in items[0].text  # the explanation joins its finding
    assert len(items) == 2 and items[1].text.startswith("The home was cold")  # not a heading


def test_should_read_what_the_reviews_told_us_as_key_learning():
    items = _review(
        [
            ("What the reviews told us", 2, False),
            ("Each new referral was treated as a fresh start.", 0, True),
        ],
        title="Neglect: learning from five local reviews",
    )
    assert [(i.kind, i.text) for i in items] == [
        ("key_learning", "Each new referral was treated as a fresh start.")
    ]


def test_should_read_the_childs_own_account_by_their_pseudonym_as_their_voice():
    items = _review(
        [
            ("Key learning", 2, False),
            ("J's own account of why he kept leaving home was never written down.", 0, True),
            ("The mother's account was accepted without checking.", 0, True),
        ],
        title="Child Safeguarding Practice Review: Child J",
    )
    assert {"voice_of_child", "missing"} <= set(items[0].themes)
    assert "voice_of_child" not in items[1].themes


def test_should_read_what_the_partnership_is_doing_and_will_do_next_as_next_steps():
    for heading in (
        "What the partnership is doing",
        "What the Panel will do next",
        "What happens next",
        "What you should do",
    ):
        items = _review(
            [(heading, 2, False), ("Return interviews will be face to face.", 0, True)],
            title="Learning Bulletin 12",
        )
        assert [i.kind for i in items] == ["next_step"], heading


def test_should_read_areas_for_development_as_findings_and_learning_points_as_learning():
    items = _review(
        [
            ("Learning points", 2, False),
            ("Each problem was assessed on its own.", 0, False),
            ("Areas for development", 2, False),
            ("Offers of early help were made only by letter.", 0, False),
        ],
        title="SILP: Sophie",
    )
    assert [i.kind for i in items] == ["key_learning", "finding"]


def test_should_read_strengths_as_findings_only_beside_areas_for_development():
    strengths = ("Areas of strength", 2, False)
    point = ("Health visitors used the screening tool every time.", 0, True)
    audit = _review(
        [strengths, point, ("Areas for development", 2, False), ("Plans lacked help.", 0, True)],
        title="Multi-agency audit",
    )
    assert [i.kind for i in audit] == ["finding", "finding"]
    inquiry = _review([("What went well", 2, False), point], title="Appreciative inquiry")
    assert [i.kind for i in inquiry] == ["key_learning"]


def test_should_read_a_bracketed_lead_or_table_column_as_the_addressee():
    items = _review(
        [
            ("Recommendations", 2, False),
            ("Schools should name an adult for young carers. (Lead: Education Team)", 0, False),
            ("Use an interpreter. (For: All agencies) (Due: May)", 0, False),
        ],
        title="SILP: Sophie",
    )
    assert [(i.kind, i.addressee) for i in items] == [
        ("recommendation", "Education Team"),
        ("recommendation", "All agencies"),
    ]


def test_should_take_learning_points_from_a_framed_box_and_leave_the_text_after_it():
    from fullpicture.learning.documents import Block
    from fullpicture.learning.extract import extract_items
    from fullpicture.learning.sections import place_blocks

    placed = place_blocks(
        [
            Block("Case 1", heading=1),
            Block("A is twelve and uses a wheelchair."),
            Block("Learning points", heading=2, boxed=True),
            Block("Missed appointments are a safeguarding concern.", bullet=True, boxed=True),
            Block("The review was completed in May."),
        ]
    )
    assert [(i.kind, i.text) for i in extract_items(placed)] == [
        ("key_learning", "Missed appointments are a safeguarding concern.")
    ]


def test_should_address_recommendations_to_the_for_whom_introduction_above_them():
    items = _review(
        [
            ("Recommendations", 2, False),
            ("For the Chief Constable:", 0, False),
            ("Officers should treat a child carrying drugs as a possible victim.", 0, True),
        ],
        title="Thematic review: harm outside the home",
    )
    assert [(i.kind, i.addressee) for i in items] == [("recommendation", "Chief Constable")]
