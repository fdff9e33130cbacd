"""The ``rpipp`` command line: the same engine as the desktop app, without Qt.

Each sub-command lives in its own module of this package and exposes ``add_parser(subparsers)``,
which registers its arguments and sets ``func(args) -> int``. Heavy imports (torch, whisper,
mediapipe) happen inside the commands, so ``rpipp --help`` is instant.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys

from rpipp_gui import __version__, logs
from rpipp_gui.cli.parsing import one_line_errors
from rpipp_gui.errors import NoMatchError, PrivacyCheckError, RpippError

log = logging.getLogger(__name__)

# Sub-command modules, in the order they appear in ``rpipp --help``.
COMMAND_MODULES = ("info", "people", "protect", "transcribe", "convert_whisper", "train", "eval")
# The command each module adds (``add_parser``), so that a command line naming one imports only it.
COMMAND_NAMES = {name.replace("_", "-"): name for name in COMMAND_MODULES}

EXIT_ERROR = 2
EXIT_NO_MATCH = 3
EXIT_PRIVACY = 4


def _named_command(argv: list[str] | None) -> str | None:
    """The module of the sub-command ``argv`` names (its first word that is not an option), or None
    (no ``argv``, no command, an unknown one, or ``--help`` / ``--version`` before it)."""
    for word in argv or ():
        if word in ("-h", "--help", "--version"):
            return None
        if not word.startswith("-"):
            return COMMAND_NAMES.get(word)
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The ``rpipp`` parser. Given the command line about to be parsed (``argv``) and when it names
    a sub-command, only that sub-command's module is imported and registered: the others' imports
    (the speech and referring stacks) cost ~0.5 s of a cold ``rpipp people``. Without ``argv``, or
    when it names none (``rpipp --help``, a typo), every sub-command is registered."""
    parser = argparse.ArgumentParser(
        prog="rpipp",
        description="Hide the person you name in a photo, offline.",
    )
    parser.add_argument("--version", action="version", version=f"rpipp {__version__}")
    verbose_help = "log details to stderr (the same as RPIPP_LOG=debug)"
    parser.add_argument("-v", "--verbose", action="store_true", help=verbose_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    named = _named_command(argv)
    for name in COMMAND_MODULES if named is None else (named,):
        importlib.import_module(f"rpipp_gui.cli.{name}").add_parser(sub)
    for command in sub.choices.values():  # also after the command: rpipp protect ... --verbose
        command.add_argument(
            "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=verbose_help
        )
    for p in (parser, *sub.choices.values()):  # every usage error: one line, exit 2
        one_line_errors(p)
    return parser


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the process exit code (0 ok, 2 error, 3 nobody matched, 4 the privacy
    check found a hidden person still visible).

    Every failure is ONE line on stderr; with --verbose (or RPIPP_LOG=debug) the traceback and the
    models' own output are logged before it."""
    if argv is None:
        argv = sys.argv[1:]
    args = build_parser(argv).parse_args(argv)
    logs.configure(verbose=bool(getattr(args, "verbose", False)))
    try:
        return int(args.func(args) or 0)
    except NoMatchError as e:
        log.debug("no match", exc_info=True)
        print(f"rpipp: {_one_line(e)}", file=sys.stderr)
        return EXIT_NO_MATCH
    except PrivacyCheckError as e:
        log.debug("privacy check", exc_info=True)
        print(f"rpipp: privacy check: {_one_line(e)}", file=sys.stderr)
        return EXIT_PRIVACY
    except RpippError as e:
        log.debug("failed", exc_info=True)
        print(f"rpipp: error: {_one_line(e)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("rpipp: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - a bug or an unexpected library error: still one line
        log.debug("unexpected failure", exc_info=True)
        hint = "" if log.isEnabledFor(logging.DEBUG) else " (--verbose shows the details)"
        print(f"rpipp: error: {type(e).__name__}: {_one_line(e)}{hint}", file=sys.stderr)
        return EXIT_ERROR


def command() -> None:
    """The ``rpipp`` command (and ``python -m rpipp_gui.cli``): ``main()``, then the process ends
    at once with its exit code. Everything the command does is finished by then (an export is
    written and renamed, the output printed); what a normal interpreter exit would add is tearing
    down the models (MediaPipe graphs, onnxruntime sessions, worker threads, ~0.8 GB of arrays),
    ~0.25 s of a ~2 s cold ``rpipp people`` for nothing the user sees. Output and logs are flushed
    first; ``main`` itself returns normally, for callers in the same process (tests)."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe (``rpipp people x | head``): nothing left to lose
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    command()
