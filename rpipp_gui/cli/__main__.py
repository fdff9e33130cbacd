"""``python -m rpipp_gui.cli ...``: the same as the ``rpipp`` command."""

from rpipp_gui.cli import command

command()
