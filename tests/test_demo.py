import io

import pytest
from rich.console import Console

from fullpicture.demo import DemoStep, demo_steps, run_demo, write_html_report
from fullpicture.errors import ConfigurationError
from tests.factories import create_event, create_person


def _console():
    return Console(file=io.StringIO(), width=120)


def _sample_people(ctx):
    pid = create_person(ctx.store(), given_name="Esme", family_name="Hart", sources=("police",))
    create_event(ctx.store(), person_id=pid)
    return "1 person"


def test_should_run_the_steps_in_order_and_write_the_report(tmp_path):
    console = _console()
    steps = [DemoStep("Make people", _sample_people), DemoStep("Report", write_html_report)]
    ctx = run_demo(tmp_path / "demo", steps=steps, console=console)
    assert ctx.report == tmp_path / "demo" / "report" / "index.html"
    assert "Esme Hart" in ctx.report.read_text()
    printed = console.file.getvalue()
    assert printed.index("1/2 Make people") < printed.index("2/2 Report")
    assert "1 chronologies written" in printed


def test_should_start_from_a_fresh_store_on_every_run(tmp_path):
    steps = [DemoStep("Make people", _sample_people), DemoStep("Report", write_html_report)]
    run_demo(tmp_path / "demo", steps=steps, console=_console())
    (tmp_path / "demo" / "keep.txt").write_text("mine")
    ctx = run_demo(tmp_path / "demo", steps=steps, console=_console())
    assert ctx.report is not None and ctx.report.read_text().count("Esme Hart") == 1
    assert (tmp_path / "demo" / "keep.txt").read_text() == "mine"  # only its own files go


def test_should_list_generate_import_and_report_steps():
    names = [s.name for s in demo_steps()]
    assert names[0].startswith("Generate") and names[1].startswith("Import")
    assert names[-1] == "Build the chronologies and write the report"


def test_should_fail_clearly_when_the_authority_has_no_mappings(tmp_path):
    from fullpicture.demo import import_extracts

    def make_empty_authority(ctx):
        (ctx.authority_dir / "mappings").mkdir(parents=True)
        return "empty"

    steps = [DemoStep("Empty", make_empty_authority), DemoStep("Import", import_extracts)]
    with pytest.raises(ConfigurationError, match="No mappings found"):
        run_demo(tmp_path / "demo", steps=steps, console=_console())


def test_should_import_every_source_with_its_own_mapping(tmp_path):
    import shutil
    from pathlib import Path

    from fullpicture.demo import import_extracts

    def write_police_authority(ctx):
        (ctx.authority_dir / "mappings").mkdir(parents=True)
        shutil.copy(
            Path(__file__).parents[1] / "docs" / "examples" / "police.toml",
            ctx.authority_dir / "mappings" / "police.toml",
        )
        extracts = ctx.authority_dir / "police"
        extracts.mkdir()
        (extracts / "persons.csv").write_text(
            "PersonID,NHSNo,Name,AKA,DOB,Gender,Ethnicity,Postcode,Juvenile\n"
            'P1,943 476 5919,"Jones, Carys",,03/05/2012,F,W1,cf10 1aa,Y\n'
            ",,Nobody,,,,,,\n"
        )
        (extracts / "occurrences.csv").write_text(
            "OccurrenceRef,PersonID,Category,Summary,Beat,OfficerRole,Involved,InvolvedRoles,DASH,Reported,NotifiedCSC\n"
            "OC1,P1,DA,Shouting heard,B12,PC,,,H,04/05/2021 22:10,05/05/2021\n"
        )
        return "written"

    steps = [DemoStep("Authority", write_police_authority), DemoStep("Import", import_extracts)]
    ctx = run_demo(tmp_path / "demo", steps=steps, console=_console())
    assert ctx.results["intake"] == {"read": 3, "stored": 2, "quarantined": 1}


def test_should_generate_and_import_a_small_authority(tmp_path):
    from fullpicture.demo import generate_authority, import_extracts

    steps = [DemoStep("Generate", generate_authority), DemoStep("Import", import_extracts)]
    ctx = run_demo(tmp_path / "demo", children=3, seed=7, steps=steps, console=_console())
    totals = ctx.results["intake"]
    assert totals["read"] == totals["stored"] + totals["quarantined"] > 0
    assert ctx.results["synth"].children >= 3


def test_should_fill_the_learning_library_with_the_synthetic_reviews(tmp_path):
    from sqlalchemy import func, select

    from fullpicture.demo import DEMO_REVIEWS, import_reviews
    from fullpicture.learning.tables import learning_document

    steps = [DemoStep("Reviews", import_reviews)]
    ctx = run_demo(tmp_path / "demo", steps=steps, console=_console())
    with ctx.store().connect() as conn:
        documents = conn.execute(select(func.count()).select_from(learning_document)).scalar_one()
    assert documents == len(list(DEMO_REVIEWS.iterdir())) > 0


def test_should_ship_demo_reviews_identical_to_the_test_corpus():
    # The demo's reviews are copies of corpus documents (the corpus has their gold annotations);
    # a change to one must be made to the other.
    from pathlib import Path

    from fullpicture.demo import DEMO_REVIEWS

    corpus = Path(__file__).parent / "learning" / "corpus" / "docs"
    for review in DEMO_REVIEWS.iterdir():
        assert review.read_bytes() == (corpus / review.name).read_bytes(), review.name
