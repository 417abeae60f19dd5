"""The command line: ``fullpicture COMMAND``. One module per command group, no logic of its own."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="fullpicture",
    help="Multi-agency chronologies, linkage, learning-based alerts and the learning library.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.command("version")
def version() -> None:
    """Print the installed version of fullpicture.

    Example: fullpicture version
    """
    from importlib.metadata import version as package_version

    typer.echo(package_version("fullpicture"))


_NOT_COMMANDS = frozenset({"common", "reference"})


def _register() -> None:
    # Each command module adds its commands to ``app`` when imported; discovering them keeps this
    # file free of a list that every new command group would have to edit.
    import importlib
    import pkgutil

    import fullpicture.cli as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name not in _NOT_COMMANDS:
            importlib.import_module(f"fullpicture.cli.{module.name}")


def main() -> None:
    """Entry point of the ``fullpicture`` script."""
    _register()
    app()
