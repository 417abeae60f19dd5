import json

from typer.testing import CliRunner

from fullpicture.cli import _register, app
from tests.intake.statutory.factories import create_903_files, create_cin_census

runner = CliRunner()
_register()


def test_should_list_and_show_the_builtin_mappings():
    listed = runner.invoke(app, ["mapping", "list"])
    assert listed.exit_code == 0 and "builtin:ssda903" in listed.output
    shown = runner.invoke(app, ["mapping", "show", "builtin:ssda903"])
    assert shown.exit_code == 0 and 'name = "episodes"' in shown.output


def test_should_dry_run_a_file_as_json_without_a_store(tmp_path):
    files = create_903_files(tmp_path)
    found = runner.invoke(
        app, ["mapping", "check", str(files["reviews"]), "--mapping", "builtin:ssda903", "--json"]
    )
    assert found.exit_code == 0, found.output
    [result] = json.loads(found.output)
    assert (result["table"], result["read"], result["would_quarantine"]) == ("reviews", 2, 1)


def test_should_import_a_census_end_to_end_with_a_builtin_mapping(tmp_path, sqlite_url):
    census = create_cin_census(tmp_path / "census.xml")
    args = ["import", str(census), "--source", "cin", "--mapping", "builtin:cin-census"]
    done = runner.invoke(app, [*args, "--json", "--database", sqlite_url])
    assert done.exit_code == 0, done.output
    results = json.loads(done.output)
    assert {r["table"] for r in results} >= {"children", "referrals", "cp_plans"}
    assert all(r["read"] == r["stored"] + r["quarantined"] for r in results)


def test_should_say_clearly_when_a_census_is_unsafe(tmp_path, sqlite_url):
    census = tmp_path / "census.xml"
    census.write_text('<!DOCTYPE Message [<!ENTITY x "y">]><Message/>', encoding="utf-8")
    args = ["import", str(census), "--source", "cin", "--mapping", "builtin:cin-census"]
    done = runner.invoke(app, [*args, "--database", sqlite_url])
    assert done.exit_code == 2
    assert "refused for safety" in done.output


def test_should_draft_a_mapping_from_files_and_write_it(tmp_path):
    people = tmp_path / "clients.csv"
    people.write_text("Client Ref,Surname,Forename,DOB\nC1,Ng,Ada,03/05/2010\n", encoding="utf-8")
    out = tmp_path / "draft.toml"
    args = ["mapping", "draft", str(people), "--source", "yot", "--agency", "youth_justice"]
    drafted = runner.invoke(app, [*args, "--out", str(out)])
    assert drafted.exit_code == 0, drafted.output
    checked = runner.invoke(app, ["mapping", "check", str(people), "--mapping", str(out), "--json"])
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.output)[0]["would_store"] == 1
