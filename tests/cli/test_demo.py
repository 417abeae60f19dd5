from typer.testing import CliRunner

import fullpicture.demo
from fullpicture.cli import _register, app
from fullpicture.demo import DemoStep, write_html_report
from tests.factories import create_event, create_person

runner = CliRunner()
_register()


def _one_child(ctx):
    pid = create_person(ctx.store(), given_name="Rosa", family_name="Vale", sources=("police",))
    create_event(ctx.store(), person_id=pid)
    return "one child"


def test_should_run_the_demo_steps_and_say_where_the_report_is(tmp_path, monkeypatch):
    steps = [DemoStep("One child", _one_child), DemoStep("Report", write_html_report)]
    monkeypatch.setattr(fullpicture.demo, "demo_steps", lambda: steps)
    result = runner.invoke(
        app, ["demo", "--children", "5", "--out", str(tmp_path / "d"), "--no-serve"]
    )
    assert result.exit_code == 0, result.output
    index = tmp_path / "d" / "report" / "index.html"
    assert f"Report: {index.resolve().as_uri()}" in result.stdout
    assert "Rosa Vale" in index.read_text()


def test_should_refuse_fewer_than_one_child(tmp_path):
    result = runner.invoke(app, ["demo", "--children", "0", "--out", str(tmp_path / "d")])
    assert result.exit_code == 2
    assert not (tmp_path / "d").exists()
