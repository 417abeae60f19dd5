"""Shapes read in heldout14's audit report: numbered section headings a table swallowed as its
own text ("3. Findings" just after a grades table), and a findings topic on the child's lived
experience (synthetic blocks, no review text)."""

from fullpicture.learning.documents import Block
from fullpicture.learning.extract import extract_items
from fullpicture.learning.sections import place_blocks


def create_audit(*, swallowed: tuple[str, ...]) -> list[Block]:
    """An audit report whose grades table ran on over the numbered lines in ``swallowed``."""
    return [
        Block("Multi-agency audit report: neglect", heading=1),
        Block("1. Introduction", heading=2),
        Block("1.1 Ten children were chosen at random from those on a plan."),
        Block("2. Method", heading=2),
        Block("2.1 Each case was graded against five questions."),
        Block("Grade", heading=4, boxed=True),
        Block("Is the plan specific? 4 5 1", boxed=True),
        *(Block(text, boxed=True) for text in swallowed),
        Block(
            "In most files the day of the child was described through the state of the house "
            "rather than what the child ate or felt.",
            boxed=True,
        ),
        Block("3.2 The plan", heading=3),
        Block("Plans listed tasks for parents but did not say what should change for the child."),
        Block("4. Recommendations", heading=2),
        Block("Chairs should make sure every plan states the change expected for the child."),
    ]


def test_should_give_back_numbered_headings_a_table_swallowed():
    placed = place_blocks(create_audit(swallowed=("3. Findings", "3.1 What the child lived")))
    paths = {p.block.text[:12]: p.path for p in placed}
    assert paths["In most file"] == (
        "Multi-agency audit report: neglect",
        "3. Findings",
        "3.1 What the child lived",
    )
    assert paths["Plans listed"][1:] == ("3. Findings", "3.2 The plan")
    # "7. Plans" does not follow "2. Method": a row of the table, not a swallowed heading
    placed = place_blocks(create_audit(swallowed=("7. Plans",)))
    assert all(p.block.heading == 0 for p in placed if p.block.text == "7. Plans")


def test_should_read_the_findings_under_a_swallowed_heading_and_a_lived_experience_topic():
    blocks = create_audit(swallowed=("3. Findings", "3.1 The child's lived experience"))
    items = [(item.kind, item.text[:12]) for item in extract_items(place_blocks(blocks))]
    assert ("finding", "In most file") in items
    assert ("finding", "Plans listed") in items
    assert ("recommendation", "Chairs shoul") in items
