"""The check before export in the window: a hidden person the detectors still find is named in a
warning before anything is written; the user may cancel (nothing written) or export anyway."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from window_helpers import shown

from rpipp_gui.ui.main_window import MainWindow
from rpipp_gui.ui.settings import Settings

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real_people"
pytestmark = [
    pytest.mark.gui,
    pytest.mark.slow,
    pytest.mark.skipif(not (REAL / "vtest_0700.png").exists(), reason="shared/data/real_people is missing"),
]
TIMEOUT = 90_000


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(Settings(tmp_path / "settings.ini"))
    yield from shown(qtbot, w)


def test_export_warns_with_the_person_number_before_writing(qtbot, window, tmp_path, monkeypatch):
    photo = tmp_path / "plaza.png"
    shutil.copy(REAL / "vtest_0700.png", photo)
    window.open_path(photo)
    qtbot.waitUntil(lambda: window.canvas.people_count >= 6, timeout=TIMEOUT)
    s = window.session
    for i in range(len(s.people)):
        s.toggle_person(i)
    # an exact, pixelated silhouette: still a person to the body detector
    s.set_style(dataclasses.replace(s.style, style="mosaic", outline="exact"), record=True)
    asked: list[list[str]] = []
    monkeypatch.setattr(window, "ask_export_despite", lambda leaks: asked.append(leaks) or False)
    out = tmp_path / "out.png"
    window.export_to(out)
    qtbot.waitUntil(lambda: bool(asked), timeout=TIMEOUT)
    assert asked[0][0].startswith("person #") and "can still be detected" in asked[0][0]
    qtbot.waitUntil(lambda: "Not exported" in window.command_bar.result.text(), timeout=TIMEOUT)
    assert not out.exists() and window.last_export is None

    # the default cover leaves no silhouette: no warning, the copy is written
    s.set_style(dataclasses.replace(s.style, outline="cover"), record=True)
    asked.clear()
    window.export_to(out)
    qtbot.waitUntil(lambda: window.last_export is not None, timeout=TIMEOUT)
    assert out.exists() and not asked
