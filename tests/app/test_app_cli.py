"""The command line as a user sees it: one line on stderr per error, details with --verbose."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def rpipp(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "RPIPP_LOG"}
    full_env.update({"PYTHONPATH": str(ROOT), **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "rpipp_gui.cli", *args], capture_output=True, text=True, env=full_env, cwd=ROOT
    )


@pytest.mark.slow
def test_nobody_matches_exits_3_with_exactly_one_stderr_line_and_verbose_shows_the_models(tmp_path):
    """The real embedded people finder starts its MediaPipe graphs: their native chatter must not
    reach the terminal (it went to stderr as 8 extra lines before)."""
    rng = np.random.default_rng(0)
    photo = tmp_path / "street.png"
    Image.fromarray(rng.integers(60, 200, (240, 320, 3), dtype=np.uint8)).save(photo)
    out = tmp_path / "out.png"
    result = rpipp("protect", str(photo), "--say", "hide the dog", "-o", str(out))
    assert result.returncode == 3, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("rpipp: Nobody matches 'hide the dog'") and not out.exists()
    verbose = rpipp("protect", str(photo), "--say", "hide the dog", "-o", str(out), "--verbose")
    assert verbose.returncode == 3
    assert "rpipp: DEBUG: rpipp_gui.app.pipeline: decided 'hide the dog': nobody" in verbose.stderr
    assert "Traceback" in verbose.stderr and verbose.stderr.splitlines()[-1] == result.stderr.strip()
    by_env = rpipp("protect", str(photo), "--say", "hide the dog", "-o", str(out), env={"RPIPP_LOG": "debug"})
    assert "loaded people: embedded" in by_env.stderr


def test_an_unexpected_failure_is_one_line_too(tmp_path, capsys, monkeypatch):
    import rpipp_gui.cli as cli

    build = cli.build_parser

    def build_broken(argv=None):
        parser = build(argv)
        for action in parser._subparsers._group_actions:
            action.choices["info"].set_defaults(func=lambda args: 1 / 0)
        return parser

    monkeypatch.setattr(cli, "build_parser", build_broken)
    photo = tmp_path / "p.png"
    Image.fromarray(np.zeros((8, 8, 3), np.uint8)).save(photo)
    assert cli.main(["info", str(photo)]) == 2
    err = capsys.readouterr().err
    assert err == "rpipp: error: ZeroDivisionError: division by zero (--verbose shows the details)\n"


def test_a_named_command_imports_only_its_own_module():
    """``rpipp people`` registers the people sub-command alone (the others' imports cost a cold
    start ~0.5 s); ``rpipp --help`` still lists every command."""
    code = (
        "import sys\n"
        "from rpipp_gui.cli import build_parser\n"
        "parser = build_parser(['-v', 'people', 'photo.jpg', '--json'])\n"
        "args = parser.parse_args(['-v', 'people', 'photo.jpg', '--json'])\n"
        "assert args.command == 'people' and args.json and args.verbose, args\n"
        "others = [m for m in ('protect', 'transcribe', 'train', 'eval', 'info', 'convert_whisper')\n"
        "          if 'rpipp_gui.cli.' + m in sys.modules]\n"
        "assert not others, others\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    listed = rpipp("--help")
    assert listed.returncode == 0
    for command in ("info", "people", "protect", "transcribe", "convert-whisper", "train", "eval"):
        assert command in listed.stdout, command
    wrong = rpipp("peeple", "x.jpg")
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr, wrong.stderr


@pytest.mark.slow
def test_the_command_ends_at_once_with_its_output_and_export_complete(tmp_path):
    # rpipp ends with os._exit after main() (no model teardown): stdout through a pipe must still be
    # whole, the export written and the exit code the command's.
    import json

    photo = ROOT.parent / "shared" / "data" / "real_people" / "basketball1.png"
    if not photo.exists():
        pytest.skip("../shared/data/real_people is not beside the repository")
    listed = rpipp("people", str(photo), "--json")
    assert listed.returncode == 0, listed.stderr
    doc = json.loads(listed.stdout)
    assert len(doc["people"]) == 2 and listed.stderr == ""
    out = tmp_path / "out.png"
    protected = rpipp("protect", str(photo), "--say", "both men", "-o", str(out))
    assert protected.returncode == 0, protected.stderr
    with Image.open(out) as done:
        assert done.size == Image.open(photo).size
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.png"]  # no partial file left
