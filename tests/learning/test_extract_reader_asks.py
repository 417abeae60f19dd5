"""Headings that ask the reader to act, in the forms briefings use: "What we are asking
practitioners to do" and a seven-minute briefing's question "What should I do differently?"
are next steps (docs/learning-taxonomy.md, settled case (a)); what a review asks partners or
the board to do stays a recommendation. Synthetic documents only."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of


def test_should_read_what_we_are_asking_practitioners_to_do_as_next_steps(
    tmp_path: Path,
) -> None:
    body = (
        "RAPID REVIEW SUMMARY: CHILD T\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "Learning identified\n\n"
        "- A child who is repeatedly late and hungry may be neglected at home.\n\n"
        "What we are asking practitioners to do\n\n"
        "- Speak to children who seem withdrawn on their own, away from their carers.\n"
        "- Check the health record when a child misses a second dental appointment.\n\n"
        "What we are asking partners to do\n\n"
        "- The partnership should commission a neglect screening tool for schools.\n"
    )
    items = items_of(create_document(tmp_path, body, "summary.txt"))
    assert kind_of(items, "Speak to children who seem") == "next_step"
    assert kind_of(items, "Check the health record") == "next_step"
    assert kind_of(items, "The partnership should commission") == "recommendation"


def test_should_read_a_briefings_what_should_i_do_differently_as_next_steps(
    tmp_path: Path,
) -> None:
    body = (
        "# 7 Minute Briefing: Child R\n\nEastmoor Safeguarding Children Partnership, 2026\n\n"
        "## 5. Why does it matter?\n\n"
        "- Children rarely tell anyone about abuse in one conversation.\n\n"
        "## 6. What should I do differently?\n\n"
        "- Ask a child who does not want to go home why, and write down their words.\n"
        "- Find out who lives in the household, including new partners.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Children rarely tell") == "key_learning"
    assert kind_of(items, "Ask a child who does not") == "next_step"
    assert kind_of(items, "Find out who lives") == "next_step"


def test_should_not_read_a_bulletins_learning_masthead_as_a_list_of_learning(
    tmp_path: Path,
) -> None:
    body = (
        "<html><body><main><h1>Learning Link</h1>"
        "<p>Eastmoor Safeguarding Children Partnership bulletin. Issue 4, Spring 2026.</p>"
        "<h2>From the partnership manager</h2>"
        "<p>Welcome to this issue, which shares learning from two reviews we held last year.</p>"
        "<h2>Child S: an injury to a baby</h2><h3>What happened</h3>"
        "<p>S was three months old when her carer took her to hospital with a swollen leg.</p>"
        "<h3>What we learned</h3>"
        "<ul><li>A mark on a baby who cannot crawl needs a referral, whatever the story.</li></ul>"
        "<h3>Across both cases</h3>"
        "<p>Each service held part of the picture and nobody put the pieces together.</p>"
        "<h2>Dates for your diary</h2>"
        "<p>Neglect toolkit briefing: 12 March 2026, online.</p>"
        "</main></body></html>"
    )
    items = items_of(create_document(tmp_path, body, "bulletin.html"))
    assert kind_of(items, "A mark on a baby") == "key_learning"
    assert kind_of(items, "Each service held part") == "key_learning"
    assert kind_of(items, "Eastmoor Safeguarding Children Partnership bulletin") is None
    assert kind_of(items, "Welcome to this issue") is None
    assert kind_of(items, "S was three months old") is None
    assert kind_of(items, "Neglect toolkit briefing") is None


def test_should_not_read_a_recommendations_addressed_to_line_as_a_recommendation(
    tmp_path: Path,
) -> None:
    body = (
        "# Thematic review: children placed far from home\n\n"
        "Eastmoor Safeguarding Children Partnership, 2026\n\n"
        "## 6. Recommendations\n\n"
        "R1: The local authority should assess the risks in the host area before any child is "
        "placed in a children's home outside the county.\n\n"
        "Addressed to: Director of Children's Services, Eastmoor Council.\n\n"
        "R2: The police should share a young person's missing history with the host force on "
        "the day of the move.\n\n"
        "Addressed to: Eastmoor Police and the host forces.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The local authority should") == "recommendation"
    assert kind_of(items, "The police should share") == "recommendation"
    assert kind_of(items, "Addressed to") is None
