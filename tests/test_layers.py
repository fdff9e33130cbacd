"""The layer rules of DESIGN.md: Qt only under rpipp_gui/ui, the CLI never imports Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_qt_import_outside_ui():
    offenders = []
    for path in (ROOT / "rpipp_gui").rglob("*.py"):
        if "ui" in path.relative_to(ROOT / "rpipp_gui").parts[:1]:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import PySide6", "from PySide6", "import shiboken6", "from shiboken6")):
                offenders.append(f"{path.relative_to(ROOT)}: {stripped}")
    assert not offenders, offenders


def test_cli_runs_without_importing_qt_or_torch():
    code = (
        "import sys\n"
        "from rpipp_gui.cli import build_parser\n"
        "build_parser()\n"
        "heavy = [m for m in ('PySide6', 'torch', 'whisper', 'mediapipe') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
