"""A vignette's or box's title set wholly in Markdown emphasis ("**Spotlight: Child A**"), as
text pasted from a Markdown editor, a chat or an e-mail keeps it: the title heads the vignette
and is not itself learning (synthetic documents written for these tests)."""

from __future__ import annotations

from pathlib import Path

from fullpicture.learning.documents import Block, emphasis_headings
from tests.learning.documents import items_of, kind_of


def test_should_read_a_boxed_vignette_title_in_markdown_emphasis_as_its_heading(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_heading("Practice Note 3: Children who change school often", level=1)
    document.add_heading("What our reviews keep showing", level=1)
    document.add_paragraph("Records did not follow the children from school to school.")
    # a box whose title was pasted from a Markdown editor, its asterisks kept as typed
    cell = document.add_table(rows=1, cols=1).rows[0].cells[0]
    cell.paragraphs[0].add_run("**Spotlight: Child A**")
    cell.add_paragraph(
        "Child A, aged nine, joined four schools in a year and none of them knew why she had "
        "left the last."
    )
    cell.add_paragraph("The learning: ring the child's last school on the day the child starts.")
    document.save(str(tmp_path / "note.docx"))
    items = items_of(tmp_path / "note.docx")
    assert all("Spotlight" not in text for _, text in items)
    assert kind_of(items, "ring the child's last school") == "key_learning"


def test_should_take_an_unbalanced_emphasis_pair_as_a_heading_below_the_one_above():
    blocks = emphasis_headings(
        [
            Block("What the audit found", heading=2),
            Block("*Records of the child's words**", bullet=True),
            Block('"I wear my coat indoors." (girl, aged ten)'),
        ]
    )
    assert blocks[1] == Block("Records of the child's words", heading=3)
    assert blocks[2].heading == 0


def test_should_not_take_an_emphasised_sentence_for_a_heading():
    blocks = emphasis_headings([Block("**Always see the baby awake.**")])
    assert blocks == [Block("**Always see the baby awake.**")]
