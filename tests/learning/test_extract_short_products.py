"""Shapes read after heldout12's errors: short learning products - a myth-buster of Myth /
Reality / From our reviews, a panel of golden rules set as a quotation with a bold title, a
learning-on-a-page table of What we found / What this means for you, and a poster's "Hear the
child" panel (synthetic documents written for these tests, none copied from the corpus)."""

from __future__ import annotations

from pathlib import Path

from fullpicture.learning.documents import read_document, table_blocks
from tests.learning.documents import create_document, items_of, kind_of


def test_should_read_a_myth_busters_reality_as_learning_and_its_review_case_as_a_finding(
    tmp_path: Path,
):
    body = (
        "# Myth buster: neglect of older children\n\n"
        "## The myths\n\n"
        '**Myth 1: "Teenagers can look after themselves."**\n\n'
        "Reality: a fourteen-year-old still needs an adult to make sure they eat, sleep and "
        "see a dentist.\n\n"
        "From our reviews: a school saw a boy of fourteen wearing the same clothes for weeks "
        "and treated it as a uniform matter.\n\n"
        '**Myth 2: "Neglect is only about poverty."**\n\n'
        "The facts: most families on low incomes care well for their children.\n\n"
        'A girl of fifteen told one of our auditors: "Nobody ever asked who cooked at home."\n\n'
        "The neglect toolkit and a short guide are all on the Partnership website.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "a fourteen-year-old still needs") == "key_learning"
    assert kind_of(items, "a school saw a boy") == "finding"
    assert kind_of(items, "most families on low incomes") == "key_learning"
    assert kind_of(items, "A girl of fifteen told") == "child_voice"
    assert kind_of(items, "Myth") is None
    assert kind_of(items, "The neglect toolkit") is None


def test_should_read_each_golden_rule_in_a_titled_quotation_panel_as_its_own_item(
    tmp_path: Path,
):
    body = (
        "# Briefing: children who go missing from care\n\n"
        "## Key messages\n\n"
        "> **Three rules**\n"
        ">\n"
        "> Report a missing child as soon as you are worried, not after a set time.\n"
        ">\n"
        "> Offer a return interview within three days, with someone the child trusts.\n"
        ">\n"
        "> Share what the child tells you with the missing coordinator the same day.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert [kind for kind, _ in items] == ["key_learning"] * 3
    assert items[1][1].startswith("Offer a return interview")


def test_should_keep_a_quotation_of_several_paragraphs_without_a_title_as_one_block(
    tmp_path: Path,
):
    body = (
        "# Learning brief: Child P\n\n"
        "## In P's words\n\n"
        '> "I wanted someone to notice that I was not eating."\n'
        ">\n"
        '> "When they did ask, my mum was in the room."\n'
        ">\n"
        '> "I would have said more on my own."\n'
    )
    blocks = read_document(create_document(tmp_path, body)).blocks
    quoted = [block for block in blocks if block.text.startswith('"')]
    assert len(quoted) == 1
    assert not any(block.heading for block in blocks[2:])


def test_should_read_each_column_of_a_what_we_found_and_what_it_means_table_by_its_kind():
    rows = [
        ["What we found", "What this means for you"],
        [
            "The nursery did not know the father had moved back in.",
            "Ask at every visit who lives in the home.",
        ],
    ]
    blocks = table_blocks(rows, level=1)
    headings = [block.text for block in blocks if block.heading]
    assert headings == ["What we found", "What this means for you"]
    assert blocks[1].text == "The nursery did not know the father had moved back in."
    assert blocks[3].text == "Ask at every visit who lives in the home."


def test_should_read_a_posters_hear_the_child_panel_as_the_childs_voice(tmp_path: Path):
    body = (
        "# Poster: seeing the child behind the behaviour\n\n"
        "## Hear the child\n\n"
        'Jay could not put it into words, but his teacher wrote that he went "very quiet" '
        "every day as home time came near.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Jay could not put it") == "child_voice"


def test_should_read_a_posters_advice_under_headings_naming_no_kind_as_key_learning(
    tmp_path: Path,
):
    body = (
        "# Poster: a baby's head injury is never minor\n\n"
        "## Stop. Look. Act.\n\n"
        "### Look\n\n"
        "- Look behind the ears and at the gums of every baby you examine.\n"
        "- If you have not seen the baby undressed, ask to see them before you leave.\n"
        "- Take it to your team\n\n"
        "### Ask yourself\n\n"
        "- Who else has seen this baby this month?\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert kind_of(items, "Look behind the ears") == "key_learning"
    assert kind_of(items, "If you have not seen the baby") == "key_learning"
    assert kind_of(items, "Take it to your team") is None
    assert kind_of(items, "Who else has seen") == "reflective_question"


def test_should_read_what_the_partnership_asked_every_agency_to_do_as_next_steps(
    tmp_path: Path,
):
    body = (
        "# Film guide: when a baby will not stop crying\n\n"
        "## Using the film\n\n"
        "The Partnership has asked every agency to do three things by March.\n\n"
        "- Midwives will show the film before each mother leaves hospital.\n"
        "- Health visitors will talk through the coping plan at the first visit.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert [kind for kind, _ in items] == ["next_step", "next_step"]


def test_should_read_a_film_scripts_voice_over_by_what_each_line_says(tmp_path: Path):
    body = (
        "<html><body><h1>Script for a short film: the quiet child</h1>"
        "<h2>Script</h2><table>"
        "<tr><th>Scene</th><th>On screen</th><th>Voice-over</th></tr>"
        "<tr><td>1</td><td>A school gate at home time.</td>"
        "<td>This is a story about a girl nobody was worried about.</td></tr>"
        "<tr><td>2</td><td>A register with ticks.</td>"
        "<td>In our audits, schools recorded her attendance but never asked why she was "
        "always late.</td></tr>"
        "<tr><td>3</td><td>A teacher kneeling beside a pupil.</td>"
        "<td>When a child is always late, ask them what the mornings are like at home.</td></tr>"
        "</table></body></html>"
    )
    items = items_of(create_document(tmp_path, body, "script.html"))
    assert kind_of(items, "In our audits") == "finding"
    assert kind_of(items, "When a child is always late") == "key_learning"
    assert kind_of(items, "This is a story") is None
    assert kind_of(items, "A teacher kneeling") is None


def test_should_not_take_a_podcast_hosts_question_for_learning(tmp_path: Path):
    body = (
        "# The Brightwater Safeguarding Podcast\n\n"
        "## Episode 3: a baby who was not brought\n\n"
        "### Transcript\n\n"
        "What has changed since the review?\n\n"
        "So what should people listening take from this?\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert items == []


def test_should_read_the_answers_to_a_hosts_question_by_the_kind_it_names(tmp_path: Path):
    body = (
        "# The Brightwater Safeguarding Podcast\n\n"
        "## Episode 4: learning from a rapid review\n\n"
        "### Transcript\n\n"
        "Jo Marsh, host (04:10)\n\n"
        "What has changed since the review?\n\n"
        "Dr Amir Khan (04:15)\n\n"
        "The children's ward now asks every family who else lives at home before discharge.\n\n"
        "Thank you both. We will put the questions in the episode notes as usual.\n"
    )
    items = items_of(create_document(tmp_path, body))
    assert items == [
        (
            "next_step",
            "The children's ward now asks every family who else lives at home before discharge.",
        )
    ]
