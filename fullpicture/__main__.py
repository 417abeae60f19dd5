"""``python -m fullpicture`` runs the command line."""

from fullpicture.cli import main

main()
