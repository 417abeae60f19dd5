"""Documentation that must stay true: the CLI reference matches the commands."""

from pathlib import Path

from fullpicture.cli.reference import cli_reference_markdown

DOCS = Path(__file__).parent.parent / "docs"


def test_should_keep_the_cli_reference_current():
    expected = cli_reference_markdown()
    actual = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, (
        "docs/cli.md is stale: run python -m fullpicture.cli.reference > docs/cli.md"
    )
