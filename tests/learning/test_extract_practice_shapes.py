"""Shapes published reviews take beyond numbered findings and recommendation lists: PDFs with
two sizes of section heading, training case studies with facilitator notes, progress updates
on a review's recommendations, open letters to practitioners and briefings' own headings
(synthetic documents written for these tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from fullpicture.learning.documents import read_document
from fullpicture.learning.extract import section_kind
from fullpicture.learning.library import parse_document
from tests.learning.documents import create_document

_STYLES = getSampleStyleSheet()


def create_pdf(path: Path, story: list[tuple[str, str]]) -> Path:
    """Draw (style, text) paragraphs into a PDF at ``path``."""
    flowables: list[Any] = [Paragraph(text, _STYLES[style]) for style, text in story]
    SimpleDocTemplate(str(path), pagesize=A4).build(flowables)
    return path


def _items(path: Path) -> list[tuple[str, str, str]]:
    return [
        (item.kind, item.text, item.heading_path)
        for review in parse_document(path).reviews
        for item in review.items
    ]


def test_should_nest_smaller_pdf_headings_under_larger_ones(tmp_path: Path):
    path = create_pdf(
        tmp_path / "thematic.pdf",
        [
            ("Title", "Thematic review of bruising in infants"),
            ("BodyText", "Wexley Safeguarding Children Partnership, March 2026"),
            ("Heading2", "Introduction"),
            *[
                ("BodyText", f"Paragraph {n} of the introduction sets out the scope.")
                for n in (1, 2)
            ],
            ("BodyText", "The review looked at six infants seen in hospital with bruising."),
            ("Heading2", "What we found"),
            ("Heading3", "Families"),
            ("BodyText", "Parents were given leaflets but nobody checked they could read them."),
            ("Heading3", "Systems"),
            ("BodyText", "The bruising protocol was not known to the out-of-hours GP service."),
            ("Heading2", "Recommendations"),
            ("BodyText", "1. The Partnership should relaunch the bruising protocol."),
        ],
    )
    items = _items(path)
    findings = [(text, where) for kind, text, where in items if kind == "finding"]
    assert len(findings) == 2
    assert all("What we found > " in where for _, where in findings)
    assert findings[0][1].endswith("What we found > Families")


_CASE_STUDY = """# Training case study: Jordan

Wexley Safeguarding Children Partnership, multi-agency training, June 2026

## Notes for facilitators

Allow an hour. Read each part aloud, then give groups ten minutes with the questions.

## Part 1: The new school

Jordan is twelve and has just moved school after a family breakdown.

### Questions for groups

- What might the change of school mean for Jordan?

### Facilitator notes

The review found that the new school was not sent his records for six weeks.

Nobody asked Jordan where he was spending his evenings, and his absences were recorded as truancy.

Children who move school in the middle of a year often lose the one adult who knew them well.
"""


def test_should_read_facilitator_notes_after_questions_as_findings_and_learning(tmp_path):
    items = _items(create_document(tmp_path, _CASE_STUDY))
    kinds = [(kind, text[:30]) for kind, text, _ in items]
    assert kinds == [
        ("reflective_question", "What might the change of schoo"),
        ("finding", "The review found that the new "),
        ("finding", "Nobody asked Jordan where he w"),
        ("key_learning", "Children who move school in th"),
    ]


_PROGRESS_UPDATE = """# Child K: two years on from the review

Eastmoor Safeguarding Children Partnership, updated March 2026

## Recommendation 1

The health trust should offer every parent of a newborn a conversation about coping with crying.

Progress: The conversation is now part of the discharge checklist and is mostly recorded.

Health visitors will repeat the conversation at the six-week contact from April 2026.

## Where each recommendation is

| Recommendation | Lead | Status |
|---|---|---|
| 1. Coping with crying | Health trust | Green |
| 2. Sharing referrals with schools | Children's social care | Amber |

## What we will check next

- The Partnership will audit twenty discharge records in September 2026.
"""


def test_should_read_a_progress_update_on_a_reviews_recommendations(tmp_path):
    items = _items(create_document(tmp_path, _PROGRESS_UPDATE))
    assert [(kind, text[:24]) for kind, text, _ in items] == [
        ("recommendation", "The health trust should "),
        ("next_step", "Health visitors will rep"),
        ("next_step", "The Partnership will aud"),
    ]


_LETTER = """# A letter to practitioners in Eastmoor

From the Independent Scrutineer, Eastmoor Safeguarding Children Partnership, May 2026

Dear colleagues,

I am writing about the practice review into the death of a baby we call Noah.

I want to say plainly what the review found. Noah's bruises were seen twice, but no one
asked for a medical opinion.

The health visitor was not told that Noah's father had moved back into the home.

Noah's grandmother has agreed that I can share her words with you.

A bruise on a baby who is not yet crawling is never a small thing; it needs a doctor's
opinion every time.

Here are two things I am asking you to do this month.

1. Read the bruising protocol again with your team.
2. Ask who else lives in the home at every visit to a baby.

Thank you for reading this.

P.S. Please take this question to your next team meeting: when did you last ask who else lives in the home?
"""


def test_should_read_the_learning_woven_into_an_open_letter(tmp_path):
    items = _items(create_document(tmp_path, _LETTER))
    assert [(kind, text[:20]) for kind, text, _ in items] == [
        ("finding", "I want to say plainl"),
        ("finding", "The health visitor w"),
        ("key_learning", "A bruise on a baby w"),
        ("next_step", "Read the bruising pr"),
        ("next_step", "Ask who else lives i"),
        ("reflective_question", "P.S. Please take thi"),
    ]


_SCHOOLS_BRIEFING = """# Serious case review "Child P": briefing for schools

Eastmoor Safeguarding Children Board, briefing 3, 2026

## What the review said about schools

Each worry about Child P was recorded by a different member of staff, but no one brought them together.

## What the school did well

The teaching assistant wrote down Child P's exact words and told the safeguarding lead that morning.

## In Child P's words

When she spoke to the reviewer, Child P said: "I kept waiting for someone to ask me."

## Actions for governors

- Governing boards should ask each year how concerns about one child are brought together.

## How this briefing will be used

The Board's schools forum will discuss this briefing in its autumn meeting.
"""


def test_should_read_a_briefings_own_headings(tmp_path):
    items = _items(create_document(tmp_path, _SCHOOLS_BRIEFING))
    assert [(kind, text[:24]) for kind, text, _ in items] == [
        ("finding", "Each worry about Child P"),
        ("finding", "The teaching assistant w"),
        ("child_voice", "When she spoke to the re"),
        ("recommendation", "Governing boards should "),
        ("next_step", "The Board's schools foru"),
    ]


_PRACTICE_REVIEW = """# Local Practice Review: Mia

Eastmoor Safeguarding Children Partnership, 2026

## 1. Why this review was held

Mia is nine and has a hearing impairment.

## 2. Mia

Her father describes her as funny and determined, and she loves drawing horses.

## 3. What went well

- The school nurse saw Mia every week and knew her well.

## 4. What could have been better

- Mia's signs were not understood by the duty social worker, and no interpreter was booked.

Mia's father told the review: "They talked to me, never to her."

## 5. What we have learned

A deaf child needs someone who can talk with her in her own language before her wishes are recorded.

## 6. What made good practice possible

Small caseloads gave the school nurse time to get to know Mia.

## 7. Recommendations

1. The Partnership should keep a list of interpreters who can be booked within a day.

## 8. How we will share it

1. Present this review at the practitioner forum (business manager, by July 2026).
"""


def test_should_read_the_headings_of_a_local_practice_review(tmp_path):
    items = _items(create_document(tmp_path, _PRACTICE_REVIEW))
    assert [(kind, text[:24]) for kind, text, _ in items] == [
        ("finding", "The school nurse saw Mia"),
        ("finding", "Mia's signs were not und"),
        ("key_learning", "A deaf child needs someo"),
        ("key_learning", "Small caseloads gave the"),
        ("recommendation", "The Partnership should k"),
        ("next_step", "Present this review at t"),
    ]


def test_should_not_take_a_parent_quoted_in_a_key_messages_box_as_learning(tmp_path):
    body = (
        "# Thematic review: sleep\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "## Key messages\n\n- Ask where the baby will sleep tonight.\n\n"
        'One of the fathers told us: "We had been told, but it was a bad night."\n'
    )
    items = _items(create_document(tmp_path, body))
    assert [kind for kind, _, _ in items] == ["key_learning"]


def test_should_read_every_point_under_learning_identified_as_key_learning(tmp_path):
    body = (
        "# Rapid Review: Child S\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "## Learning identified\n\n"
        "1. The school nurse was not told that Child S had been admitted to hospital.\n"
        "2. Injuries to babies who cannot yet crawl need a medical opinion every time.\n"
    )
    items = _items(create_document(tmp_path, body))
    assert [kind for kind, _, _ in items] == ["key_learning", "key_learning"]


def test_should_keep_a_docx_list_numbered_by_hand_under_its_introduction(tmp_path):
    document = Document()
    document.add_heading("A letter to practitioners in Eastmoor", level=1)
    document.add_paragraph("Eastmoor Safeguarding Children Partnership, May 2026")
    document.add_paragraph("Here are two things I am asking you to do this month.")
    document.add_paragraph("1. Read the bruising protocol again with your team.")
    document.add_paragraph("2. Ask who else lives in the home at every visit to a baby.")
    document.add_paragraph("Thank you for reading this.")
    path = tmp_path / "letter.docx"
    document.save(str(path))
    items = _items(path)
    assert [(kind, text[:12]) for kind, text, _ in items] == [
        ("next_step", "1. Read the "),
        ("next_step", "2. Ask who e"),
    ]


def test_should_not_take_a_full_line_of_hard_wrapped_text_for_a_heading(tmp_path):
    wrapped = (
        "The review was commissioned by the partnership in the spring of 2025 and was\n"
        "led by an independent reviewer who spoke to the family and practitioners.\n\n"
        "The notification to the national panel and the rapid review were sent on 10\n"
        "January 2025, and the panel agreed with the decision to hold a local review.\n\n"
        "Agencies gave chronologies of their involvement with the family from 2019,\n"
        "and each agency's senior manager met the reviewer to discuss the findings.\n"
    )
    path = create_document(
        tmp_path,
        "RAPID REVIEW: CHILD T\n\nEastmoor Safeguarding Children Partnership\n\n"
        "Background\n\n" + wrapped + "\nKey learning\n\n- Babies who are bruised need a doctor.\n",
        name="review.txt",
    )
    (review,) = parse_document(path).reviews
    assert [item.heading_path.split(" > ")[-1] for item in review.items] == ["Key learning"]
    headings = [block.text for block in read_document(path).blocks if block.heading]
    assert not any(heading.startswith("The notification") for heading in headings)


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("What the review said about schools", "finding"),
        ("What could we have done better", "finding"),
        ("What could have been better", "finding"),
        ("What we have learned", "key_learning"),
        ("What made good practice possible", "key_learning"),
        ("In Child G's words", "child_voice"),
        ("What we will check next", "next_step"),
        ("How we will spread the learning", "next_step"),
        ("How this briefing will be used", "next_step"),
        ("What should practitioners do?", "next_step"),
        ("What to do", "next_step"),
        ("What changes have been made", "next_step"),
        ("What the panel found", "finding"),
        ("Missed opportunities", "finding"),
        ("What went wrong", "finding"),
        ("Top tips for practitioners", "key_learning"),
        ("Key considerations for practitioners", "key_learning"),
        ("What the child told us", "child_voice"),
        ("Areas requiring improvement", "finding"),
        ("Improvement required", "finding"),
        ("What next?", "next_step"),
        ("Things to remember", "key_learning"),
        ("What does good look like?", "key_learning"),
        ("Expectations of practitioners", "key_learning"),
        ("How we did it", None),
    ],
)
def test_should_give_briefing_headings_their_kind(heading: str, kind: str | None):
    assert section_kind(("Learning briefing", heading)) == kind


def test_should_keep_what_practitioners_should_do_as_next_steps(tmp_path):
    body = (
        "# Seven minute briefing: bruising\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "## What you should do\n\n- Practitioners should refer any bruise on a baby.\n\n"
        "## Actions for health leaders\n\n- Health leaders should audit bruising referrals.\n"
    )
    assert [kind for kind, _, _ in _items(create_document(tmp_path, body))] == [
        "next_step",
        "recommendation",
    ]


def test_should_drop_a_dated_update_on_a_recommendation(tmp_path):
    body = (
        "# Child K: one year on\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "## Recommendation 2\n\nSchools should be told of every missing episode.\n\n"
        "Update (January 2026): schools are now told by the next school day.\n"
    )
    assert [kind for kind, _, _ in _items(create_document(tmp_path, body))] == ["recommendation"]


def _number(paragraph: Any) -> None:
    """Give a paragraph Word's list numbering while leaving it in the Normal style."""
    numbering = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", "1")):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        numbering.append(element)
    paragraph._p.get_or_add_pPr().append(numbering)


def test_should_read_word_numbering_in_a_plain_style_as_a_list(tmp_path):
    document = Document()
    document.add_heading("Rapid Review: Child V", level=1)
    document.add_paragraph("Eastmoor Safeguarding Children Partnership, 2026")
    document.add_paragraph("The partnership should:")
    for text in ("audit strategy discussions", "check that schools are invited"):
        _number(document.add_paragraph(text))
    document.add_paragraph("This list was agreed at the meeting in March.")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    assert [(kind, text) for kind, text, _ in _items(path)] == [
        ("recommendation", "audit strategy discussions"),
        ("recommendation", "check that schools are invited"),
    ]


def test_should_not_nest_a_styled_pdf_heading_under_a_line_found_only_by_text_rules(tmp_path):
    path = create_pdf(
        tmp_path / "review.pdf",
        [
            ("Title", "Child Safeguarding Practice Review: Child W"),
            ("BodyText", "Eastmoor Safeguarding Children Partnership, April 2026"),
            *[("BodyText", f"Background paragraph {n} describes the family.") for n in (1, 2)],
            ("Heading2", "5. Analysis and findings"),
            ("Heading3", "5.1 What W told school"),
            ("BodyText", "W's worries were written down but were not passed on."),
            ("BodyText", "W told the reviewer about that time"),
            ("BodyText", '"Nobody asked me why I was always tired."'),
            ("Heading3", "5.2 Money and housing"),
            ("BodyText", "Nobody asked whether the family could afford to heat the flat."),
        ],
    )
    last = _items(path)[-1]
    assert last[2].endswith("5. Analysis and findings > 5.2 Money and housing")
