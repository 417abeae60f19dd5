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
