"""Item shapes published reviews use beyond "Finding 1:" and "Recommendation 1:": short
recommendation numbers, practice points and key messages as labels, introductions that
recommend, questions for the board, and Markdown tables (synthetic documents)."""

from pathlib import Path

from fullpicture.learning.documents import read_document
from fullpicture.learning.library import parse_document


def create_text_review(tmp_path: Path, body: str, name: str = "review.txt") -> Path:
    path = tmp_path / name
    path.write_text(
        "Rapid Review: Child P\n\nEastmoor Safeguarding Children Partnership, March 2026\n\n"
        + body,
        encoding="utf-8",
    )
    return path


def _items(path: Path) -> list[tuple[str, str | None, str]]:
    review = parse_document(path).reviews[0]
    return [(item.kind, item.addressee, item.text) for item in review.items]


def test_should_read_r1_and_rec_2_as_numbered_recommendations(tmp_path: Path):
    path = create_text_review(
        tmp_path,
        "Recommendations\n\n"
        "R1: The partnership should commission training for school staff.\n\n"
        "Rec 2: Police should record every missing episode.\n\n"
        "R3. Health partners should review how GPs flag missed appointments.\n",
    )
    assert _items(path) == [
        (
            "recommendation",
            "The partnership",
            "The partnership should commission training for school staff.",
        ),
        ("recommendation", "Police", "Police should record every missing episode."),
        (
            "recommendation",
            "Health partners",
            "Health partners should review how GPs flag missed appointments.",
        ),
    ]


def test_should_read_practice_points_and_key_messages_as_key_learning(tmp_path: Path):
    path = create_text_review(
        tmp_path,
        "Practice points\n\n"
        "Practice point 1: Ask the child what life at home is like.\n\n"
        "Key message: Neglect of teenagers is easy to miss.\n\n"
        "Points for practice\n\n"
        "- Record who lives in the home.\n",
    )
    assert [(kind, text) for kind, _, text in _items(path)] == [
        ("key_learning", "Ask the child what life at home is like."),
        ("key_learning", "Neglect of teenagers is easy to miss."),
        ("key_learning", "Record who lives in the home."),
    ]


def test_should_read_bullets_after_the_partnership_should_as_recommendations(tmp_path: Path):
    path = create_text_review(
        tmp_path,
        "Summary\n\n"
        "P was 14 and lived with her mother.\n\n"
        "The partnership should:\n\n"
        "- make sure strategy discussions include the school\n"
        "- audit return home interviews\n\n"
        "These bullets end the list.\n\n"
        "- a later bullet is not a recommendation\n",
    )
    assert _items(path) == [
        ("recommendation", "The partnership", "make sure strategy discussions include the school"),
        ("recommendation", "The partnership", "audit return home interviews"),
    ]


def test_should_read_bullets_after_the_partnership_will_as_next_steps(tmp_path: Path):
    path = create_text_review(
        tmp_path,
        "Summary\n\nThe partnership will:\n\n- publish a guide to safer sleep by June\n",
    )
    assert _items(path) == [("next_step", None, "publish a guide to safer sleep by June")]


def test_should_leave_a_heading_kind_in_charge_of_bullets_after_an_introduction(tmp_path: Path):
    path = create_text_review(
        tmp_path,
        "What needs to change\n\nThe partnership should:\n\n- audit return home interviews\n",
    )
    assert _items(path) == [("next_step", None, "audit return home interviews")]


def test_should_read_questions_for_the_board_as_reflective_questions(tmp_path: Path):
    path = create_text_review(
        tmp_path,
        "Questions for the board\n\n"
        "- How do we know that the child's voice shapes plans?\n"
        "- What assurance do we have about supervision?\n",
    )
    assert [kind for kind, _, _ in _items(path)] == ["reflective_question"] * 2


def test_should_read_q1_as_a_numbered_question_and_leave_a_quarter_alone(tmp_path: Path):
    path = create_text_review(
        tmp_path,
        "Questions for the board\n\n"
        "Q1: How do we know that plans change what children live with?\n\n"
        "Q2. What do our audits tell us about supervision?\n\n"
        "Q1 2026 figures showed fewer referrals.\n",
    )
    assert [(kind, text) for kind, _, text in _items(path)] == [
        ("reflective_question", "How do we know that plans change what children live with?"),
        ("reflective_question", "What do our audits tell us about supervision?"),
    ]


def test_should_read_a_markdown_pipe_table_of_recommendations(tmp_path: Path):
    path = tmp_path / "review.md"
    path.write_text(
        "# Rapid Review: Child P\n\n## Recommendations\n\n"
        "| No. | Recommendation | Lead agency |\n|---|---|---|\n"
        "| 1 | Schools should report missed education within five days. | Education |\n",
        encoding="utf-8",
    )
    assert [b.text for b in read_document(path).blocks if b.boxed] == [
        "Recommendation",
        "Schools should report missed education within five days. (Lead agency: Education)",
    ]
    assert _items(path) == [
        (
            "recommendation",
            "Education",
            "Schools should report missed education within five days. (Lead agency: Education)",
        )
    ]
