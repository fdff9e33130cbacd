"""The ``rpipp`` command line: the same engine as the desktop app, without Qt.

Each sub-command lives in its own module of this package and exposes ``add_parser(subparsers)``,
which registers its arguments and sets ``func(args) -> int``. Heavy imports (torch, whisper,
mediapipe) happen inside the commands, so ``rpipp --help`` is instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from rpipp_gui import __version__
from rpipp_gui.cli.parsing import one_line_errors
from rpipp_gui.errors import NoMatchError, PrivacyCheckError, RpippError

# Sub-command modules, in the order they appear in ``rpipp --help``.
COMMAND_MODULES = ("info", "people", "protect", "transcribe", "convert_whisper", "train", "eval")

EXIT_ERROR = 2
EXIT_NO_MATCH = 3
EXIT_PRIVACY = 4


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rpipp",
        description="Hide the person you name in a photo, offline.",
    )
    parser.add_argument("--version", action="version", version=f"rpipp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"rpipp_gui.cli.{name}").add_parser(sub)
    for p in (parser, *sub.choices.values()):  # every usage error: one line, exit 2
        one_line_errors(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the process exit code (0 ok, 2 error, 3 nobody matched, 4 the privacy
    check found a hidden person still visible)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except NoMatchError as e:
        print(f"rpipp: {e}", file=sys.stderr)
        return EXIT_NO_MATCH
    except PrivacyCheckError as e:
        print(f"rpipp: privacy check: {e}", file=sys.stderr)
        return EXIT_PRIVACY
    except RpippError as e:
        print(f"rpipp: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("rpipp: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
