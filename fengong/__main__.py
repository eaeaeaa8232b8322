"""``python -m fengong`` runs the command line."""

from fengong.cli import main

main()
