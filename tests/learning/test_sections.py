"""Structure: heading paths, including the headings of framed boxes and tables."""

from fullpicture.learning.documents import Block
from fullpicture.learning.sections import place_blocks


def test_should_end_a_boxes_heading_where_the_box_ends():
    placed = place_blocks(
        [
            Block("Case 1", heading=1),
            Block("Learning points", heading=2, boxed=True),
            Block("A point in the box.", boxed=True),
            Block("The account goes on after the box."),
        ]
    )
    assert [p.path for p in placed[1:]] == [
        ("Case 1", "Learning points"),
        ("Case 1", "Learning points"),
        ("Case 1",),
    ]


def create_bulletin(*case_headings: str) -> list[Block]:
    blocks = [Block("Learning bulletin", heading=1), Block("Wexley SCP, May 2024.")]
    for heading in case_headings:
        blocks += [Block(heading, heading=2), Block("What happened and what we learned.")]
    return blocks


def test_should_split_a_bulletin_at_cases_headed_as_published_bulletins_head_them():
    from fullpicture.learning.sections import split_reviews

    for headings in [
        ("Baby A", "Baby B"),
        ("Rapid review 1: a baby with a bruise", "Rapid review 2: a boy missing from care"),
        ("SCR: Child M", "LCSPR: Child N"),
        ("Case 1 - Rapid review: Siblings D and E", "Case 2 - Practice review: Child F"),
    ]:
        segments = split_reviews(place_blocks(create_bulletin(*headings)))
        assert [segment.title for segment in segments] == list(headings), headings


def test_should_not_split_at_rows_that_count_reviews():
    from fullpicture.learning.sections import split_reviews

    blocks = create_bulletin("Rapid reviews held 4", "Practice reviews completed 1")
    assert len(split_reviews(place_blocks(blocks))) == 1


def test_should_keep_one_review_whole_when_it_has_a_section_per_child():
    from fullpicture.learning.sections import split_reviews

    for title in [
        "Child Safeguarding Practice Review: Children A and B",
        "Thematic review: three young people harmed outside the home",
    ]:
        blocks = [Block(title, heading=1)] + create_bulletin("Child A", "Child B")[2:]
        assert len(split_reviews(place_blocks(blocks))) == 1, title
    bulletin = [Block("Learning review bulletin, issue 4", heading=1)]
    bulletin += create_bulletin("Case 1", "Case 2")[2:]
    assert len(split_reviews(place_blocks(bulletin))) == 2


def test_should_split_a_list_of_published_reviews_at_each_entrys_heading():
    from fullpicture.learning.sections import split_reviews

    headings = (
        "Ava: learning summary from a rapid review",
        "Child K: local child safeguarding practice review",
        "Children with a disability: multi-agency audit",
        "Baby Q - serious case review",
    )
    segments = split_reviews(place_blocks(create_bulletin(*headings)))
    assert [segment.title for segment in segments] == list(headings)


def test_should_not_split_at_headings_that_say_more_than_a_review_type():
    from fullpicture.learning.sections import split_reviews

    headings = ("Background: what this rapid review looked at", "Method: how the review worked")
    assert len(split_reviews(place_blocks(create_bulletin(*headings)))) == 1


def test_should_split_entries_headed_by_a_name_over_a_labelled_type():
    from fullpicture.learning.sections import split_reviews

    blocks = [Block("Our published reviews", heading=1), Block("Whitmoor SCP.")]
    for name, kind in [("Ava", "rapid review"), ("Ben and Cara", "serious case review")]:
        blocks += [
            Block(name, heading=2),
            Block(f"Published: May 2024 | Type: {kind}"),
            Block("What happened and what we learned."),
        ]
    assert [segment.title for segment in split_reviews(place_blocks(blocks))] == [
        "Ava",
        "Ben and Cara",
    ]
