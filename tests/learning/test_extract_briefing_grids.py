"""Shapes read after heldout19's errors: short briefings' grids and forms - a rapid review's
table with a row per theme and columns "What we saw / What we learned / What has changed", a
practice guide's "Do / Try not to" table, and a blank action-plan table left for a team to
fill in (synthetic documents written for these tests, none copied from the corpus)."""

from __future__ import annotations

from pathlib import Path

from tests.learning.documents import create_document, items_of, kind_of


def test_should_read_each_column_of_a_saw_learned_changed_grid_as_its_own_kind(tmp_path: Path):
    body = (
        "# Child D: learning on a page\n\n"
        "## The learning\n\n"
        "| Theme | What we saw | What we learned | What has changed |\n"
        "|---|---|---|---|\n"
        "| Sleeping | The cot was full of coats and the baby slept on the sofa. "
        "| Safe sleep advice given once at birth does not last through a house move. "
        "| Health visitors now repeat safe sleep advice after every change of address. |\n"
        "| Fathers | Nobody asked who the baby's father was. "
        "| Every adult who cares for a baby needs to be seen. "
        "| Midwives now record each adult in the household at booking. |\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "The cot was full") == "finding"
    assert kind_of(items, "Nobody asked who") == "finding"
    assert kind_of(items, "Safe sleep advice given once") == "key_learning"
    assert kind_of(items, "Every adult who cares") == "key_learning"
    assert kind_of(items, "Health visitors now repeat") == "next_step"
    assert kind_of(items, "Midwives now record") == "next_step"


def test_should_read_both_columns_of_a_do_and_dont_table_as_key_learning(tmp_path: Path):
    body = (
        "# Practice guide: visiting at home\n\n"
        "## Do and don't\n\n"
        "| Do | Try not to |\n"
        "|---|---|\n"
        "| See every room where the child sleeps. | Accept a parent's word that a room is "
        "being decorated. |\n"
        "| Speak to the child on their own. | Visit only when the visit is announced. |\n"
    )
    items = items_of(create_document(tmp_path, body))
    for start in ("See every room", "Accept a parent's word", "Speak to the child", "Visit only"):
        assert kind_of(items, start) == "key_learning", start


def test_should_read_nothing_from_a_blank_action_plan_table_left_to_fill_in(tmp_path: Path):
    body = (
        "# Seven minute briefing: Child P\n\n"
        "## Team action plan\n\n"
        "| What we will do | Who | By when |\n"
        "|---|---|---|\n"
        "| | | |\n"
        "| | | |\n"
    )
    assert items_of(create_document(tmp_path, body)) == []


def test_should_read_nothing_from_an_action_plan_header_whose_blank_rows_were_dropped(
    tmp_path: Path,
):
    body = (
        "<html><body><h1>Seven minute briefing: Child P</h1><h2>Team action plan</h2>"
        "<table><tr><th>What we will do</th><th>Who</th><th>By when</th></tr></table>"
        "</body></html>"
    )
    assert items_of(create_document(tmp_path, body, "briefing.html")) == []


def test_should_read_what_must_improve_and_the_strengths_beside_it_as_findings(tmp_path: Path):
    body = (
        "# Seven minute briefing: Child S\n\n"
        "## 4 o'clock: What went well\n\n"
        "**The school noticed.** The class teacher wrote down every bruise she saw.\n\n"
        "## 6 o'clock: What must improve\n\n"
        "**Records were not read together.** Each referral was judged on its own and nobody "
        "saw that the bruises came after contact weekends.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Records were not read together.") == "finding"
    assert kind_of(items, "The school noticed.") == "finding"


def test_should_read_what_our_reviews_keep_showing_as_findings_and_the_learning_label_as_learning(
    tmp_path: Path,
):
    body = (
        "# Practice briefing: children who are not brought\n\n"
        "## What our reviews keep showing\n\n"
        "1. **Missed appointments were closed.** Clinics discharged children after two "
        "missed appointments without telling anyone.\n"
        "2. **Nobody asked why.** No review found a record of a parent being asked why the "
        "child was not brought.\n\n"
        "In one review a clinic closed a referral after a single letter.\n\n"
        "The learning: a child who is not brought to an appointment may be a child whose needs "
        "are being neglected.\n\n"
        "## What we are asking of managers\n\n"
        "- Managers should check every discharge for missed appointments in supervision.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Missed appointments were closed.") == "finding"
    assert kind_of(items, "Nobody asked why.") == "finding"
    learning = [kind for kind, text in items if "may be a child whose needs" in text]
    assert learning == ["key_learning"]
    assert kind_of(items, "Managers should check every discharge") == "recommendation"


def test_should_read_the_list_a_take_away_introduction_announces_as_learning(tmp_path: Path):
    body = (
        "# Safeguarding News\n\n"
        "## The boy nobody noticed\n\n"
        "The partnership has published a review about a boy of twelve. Here are the three "
        "things the reviewer asked us all to take away.\n\n"
        "The review was led by an independent reviewer and spoke with eight services.\n\n"
        "- Look behind a quiet child's silence in class: ask what is happening at home.\n"
        "- Ask who else lives in the home, every time.\n\n"
        "The full report is on the website.\n\n"
        "- Book the summer training through the portal.\n"
    )
    items = items_of(create_document(tmp_path, body, "news.txt"))
    assert kind_of(items, "Look behind a quiet child") == "key_learning"
    assert kind_of(items, "Ask who else lives") == "key_learning"
    assert kind_of(items, "Book the summer training") is None
    assert kind_of(items, "The review was led") is None
