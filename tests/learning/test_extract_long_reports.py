"""Long full reports whose narrative, chronology and method carry no learning, and whose
learning sits only in places: points closing each line of enquiry, a theme's evidence before
its own "What we found", boxed accounts of what the child said (synthetic documents)."""

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of

_HEAD = "# SILP Review Report: Maya and Leo\n\nOakhurst Safeguarding Children Partnership, 2026\n\n"


def test_should_read_points_closing_each_line_of_enquiry_as_key_learning(tmp_path: Path) -> None:
    path = create_document(
        tmp_path,
        _HEAD + "## 5. Analysis\n\n"
        "### A. How well did agencies understand who lived in the household?\n\n"
        "The health visitor heard of a lodger in the spring and recorded no more than his first "
        "name. Nobody asked who he was.\n\n"
        "A1. A new adult living in a household changes the risk to a child, and practitioners "
        "should find out who he is before they close their work.\n\n"
        "### B. How was the school's concern shared?\n\n"
        "B1. Attendance that falls at the same time as a child becomes withdrawn is a "
        "safeguarding concern in its own right.\n\n"
        "## 6. Recommendations\n\n"
        "1. The partnership should ask every agency to record the adults in a child's home.\n",
    )
    items = items_of(path)
    assert kind_of(items, "A1. A new adult") == "key_learning"
    assert kind_of(items, "B1. Attendance that falls") == "key_learning"


def test_should_not_read_a_lettered_point_under_another_letter(tmp_path: Path) -> None:
    path = create_document(
        tmp_path,
        _HEAD + "## 5. Chronology\n\n### A. Before the move\n\n"
        "C4. The form the family completed in March was sent to the wrong office and lay unread.\n",
    )
    assert kind_of(items_of(path), "C4. The form") is None


def test_should_read_a_themes_evidence_as_narrative_when_it_states_its_own_findings(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        "# Thematic Review: Children of Parents Who Misuse Drugs\n\n"
        "Oakhurst Safeguarding Children Partnership, 2026\n\n"
        "## 4. What we found\n\n### Theme 1: Seeing the parent's drug use\n\n"
        "In four of the six families the drug treatment service knew the parent had children, "
        "but the children's school was never told.\n\n"
        "#### What we found\n\n"
        "Drug treatment services did not routinely ask who cared for the children of the adults "
        "they treated, so children's needs went unseen.\n\n"
        "## 5. Recommendations\n\n"
        "1. The partnership should agree a question about children for every drug service.\n",
    )
    items = items_of(path)
    assert kind_of(items, "Drug treatment services did not") == "finding"
    assert kind_of(items, "In four of the six families") is None


def test_should_read_a_box_of_the_named_childs_words_as_the_childs_voice(tmp_path: Path) -> None:
    path = create_document(
        tmp_path,
        "# Joint Domestic Homicide Review and Child Safeguarding Practice Review\n\n"
        "Oakhurst Community Safety Partnership, 2026\n\n"
        "## 6. Involvement of family\n\n"
        "6.1 The chair met the children's grandfather twice and met Sam once.\n\n"
        "### Sam's words\n\n"
        'Sam said: "I kept the television on loud so my sister would not hear them."\n\n'
        "Sam said that the teacher who noticed his bruise was the first adult who asked.\n\n"
        "## 7. Recommendations\n\n"
        "1. The partnership should ask schools to record what children tell them.\n",
    )
    items = items_of(path)
    assert kind_of(items, "Sam said: ") == "child_voice"
    assert kind_of(items, "Sam said that the teacher") == "child_voice"


def test_should_know_the_child_by_the_pseudonym_when_the_title_names_the_board(
    tmp_path: Path,
) -> None:
    path = create_document(
        tmp_path,
        "# Oakhurst Local Safeguarding Children Board\n\n"
        "Serious Case Review: Child T\n\nOverview report, 2015\n\n"
        "## Involvement of the family\n\n"
        "9. T chose to meet the overview author with her advocate.\n\n"
        'T said: "They moved me every few months and nobody asked me why I kept running."\n\n'
        "## Recommendations\n\n"
        "1. The Board should ask every agency to record what children say about their moves.\n",
    )
    assert kind_of(items_of(path), "T said: ") == "child_voice"
