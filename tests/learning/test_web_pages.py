"""Web pages as partnerships publish them, saved as text or HTML: the site's furniture
(skip links, breadcrumbs, contrast and exit buttons, cookie notices, download links, related
pages, copyright lines), pages about reviews in general, topic labels under a briefing's link,
sub-headings under a key-learning heading, guidance cited by its year and a sentence's end
before a partnership's short name. Shapes met when real published pages were imported (see
docs/learning.md, "Real published pages (read only)"); every document here is synthetic,
with fictional partnerships."""

from __future__ import annotations

from pathlib import Path

from fullpicture.learning.documents import read_document
from fullpicture.learning.library import parse_document
from fullpicture.learning.metadata import find_partnership, latest_year
from fullpicture.learning.web_furniture import is_web_furniture
from tests.learning.documents import create_document, items_of, kind_of

SAVED_PAGE = """Skip to main content
Toggle Contrast
Quick Exit
You are here: Home | Learning | Briefings

Briefing on the Child M rapid review

Published 4 March 2025 by the Ambleford Safeguarding Children Partnership.

Key learning

  • Bruising on a baby who cannot yet crawl needs a same-day paediatric opinion.
  • A health visitor's worry about a baby is enough reason to ring the front door team.

Related pages

Safer sleep campaign
Bruising protocol for non-mobile babies
Training calendar

We use cookies to make this site work. Accept all cookies
Share this page
© Ambleford Council 2025
"""


def test_should_drop_a_saved_pages_site_furniture_and_keep_its_learning(tmp_path: Path) -> None:
    path = create_document(tmp_path, SAVED_PAGE, "page.txt")
    texts = [block.text for block in read_document(path).blocks]
    assert texts[0] == "Briefing on the Child M rapid review"
    for furniture in ("Skip to", "Toggle", "Quick Exit", "You are here", "Safer sleep", "We use"):
        assert not any(text.startswith(furniture) for text in texts), furniture
    review = parse_document(path).reviews[0]
    assert review.metadata.title == "Briefing on the Child M rapid review"
    assert [item.kind for item in review.items] == ["key_learning", "key_learning"]


def test_should_tell_site_furniture_from_sentences_that_share_its_words() -> None:
    for line in (
        "Skip to content",
        "View this email in your browser",
        "Home > Learning > Seven minute briefings",
        "Was this page useful?",
        "Neglect practice guide (PDF, 212 Kb)",
        "AboutTrainingContact usNews",
        "Copyright 2024 Ambleford Council. All rights reserved",
    ):
        assert is_web_furniture(line), line
    for line in (
        "The family's home had no working cooker, and the children lived on biscuits.",
        "The referral form was sent as a PDF that the school could not open.",
        "Practitioners should share this learning with their teams.",
        "Home visits stopped when the family moved.",
        "(c) Staff need not be sure that a child is harmed before they share a worry",
    ):
        assert not is_web_furniture(line), line


HUB_PAGE = """Learning from reviews

We are committed to learning from every review so that practice improves for children.

Reviews can be rapid reviews, local child safeguarding practice reviews or audits, and each
one is shared with practitioners through briefings.

Learning summary: Baby R rapid review

Key learning

  • Fathers and new partners should be seen and assessed whenever a baby is at home.
"""


def test_should_not_read_a_page_about_reviews_in_general_as_key_learning(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, HUB_PAGE, "hub.txt"))
    assert kind_of(items, "We are committed") is None
    assert kind_of(items, "Reviews can be") is None
    assert kind_of(items, "Fathers and new partners") == "key_learning"


APPRECIATIVE = """Appreciative inquiry: early help for a deaf toddler

Intro paragraph about the inquiry and the family it looked at, with their consent.

Key learning and the changes made

Family centred approach:

  • Parents grew in confidence when one lead practitioner kept them informed.
  • Sharing plans in writing helped every agency work to the same goals.

Early Help:

  • A team around the family that met monthly kept progress on track.
"""


def test_should_keep_topic_sub_headings_under_a_key_learning_heading(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, APPRECIATIVE, "inquiry.txt"))
    assert kind_of(items, "Parents grew in confidence") == "key_learning"
    assert kind_of(items, "Sharing plans in writing") == "key_learning"
    assert kind_of(items, "A team around the family") == "key_learning"
    assert kind_of(items, "Family centred approach") is None


BRIEFING_LIST = """Seven minute briefings

Each briefing below is for a team meeting; record how your team used it.

Key learning themes

  • Early Signs and Pressures
  • Noticing changes
  • Group Discussion
  • Always ask who else lives in the home, and write down the answer.
"""


def test_should_not_take_topic_labels_as_learning(tmp_path: Path) -> None:
    items = items_of(create_document(tmp_path, BRIEFING_LIST, "briefings.txt"))
    texts = [text for _, text in items]
    assert "Early Signs and Pressures" not in texts
    assert "Noticing changes" not in texts
    assert "Group Discussion" not in texts
    assert kind_of(items, "Always ask who else lives") is not None


def test_should_not_take_a_cited_guidances_year_as_the_documents() -> None:
    lines = [
        "This inquiry supported our practice reviews (Working Together 2018) and celebrated",
        "good practice, in line with Working Together to Safeguard Children 2023 and the",
        "Children and Social Work Act 2017.",
    ]
    assert latest_year(lines) is None
    assert latest_year(["Learning summary, spring 2024", "(Working Together 2018)"]) == 2024


def test_should_not_take_a_sentences_end_into_a_partnerships_name() -> None:
    line = "Agencies completed the audit by March. This SCP briefing sets out what we found."
    assert find_partnership([line]) is None
    assert find_partnership(["St. Ambleford Safeguarding Children Partnership"]) == (
        "St. Ambleford Safeguarding Children Partnership"
    )


DIV_PAGE = """<html><head><title>Learning brief | Ambleford SCP</title></head><body>
<div class="top-bar"><p><a href="#main">Skip to main content</a></p><p>Quick exit</p></div>
<div class="crumbs"><p>Home &gt; Learning &gt; Briefs</p></div>
<h1>Learning brief: the Child D local review</h1>
<p>Published 9 June 2025.</p>
<h2>What needs to change</h2>
<ul><li>Schools will tell the family's social worker on the first day of any absence.</li></ul>
<h2>Related pages</h2>
<ul><li><a href="/a">Attendance protocol</a></li><li><a href="/b">Training offer</a></li></ul>
<div class="notice"><p>We use cookies to make this website work. Accept all cookies</p></div>
</body></html>
"""


def test_should_drop_a_sites_furniture_kept_in_plain_divs_of_html(tmp_path: Path) -> None:
    path = create_document(tmp_path, DIV_PAGE, "brief.html")
    texts = [block.text for block in read_document(path).blocks]
    assert texts[0] == "Learning brief: the Child D local review"
    assert not any(text.startswith(("Attendance", "Training offer", "We use")) for text in texts)
    items = items_of(path)
    assert items == [
        (
            "next_step",
            "Schools will tell the family's social worker on the first day of any absence.",
        )
    ]


COPIED_LIST = """Using learning from reviews
Practitioners can use what reviews teach in their own work.
Ask yourself:
- Does this sound like a family I work with?
- What will I change after reading this?
Talk it through with your supervisor before the next visit.
"""


def test_should_end_a_bullet_at_its_sentence_in_text_copied_from_a_web_page(
    tmp_path: Path,
) -> None:
    items = items_of(create_document(tmp_path, COPIED_LIST, "copied.txt"))
    assert ("reflective_question", "What will I change after reading this?") in items
    assert not any(
        text.startswith("What will I change after reading this? Talk") for _, text in items
    )
