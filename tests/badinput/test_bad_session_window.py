"""The window opened with a bad or stale session file shows the error and keeps what it showed."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image
from window_helpers import shown

from rpipp_gui.session import Session
from rpipp_gui.session.store import save_session
from rpipp_gui.ui.main_window import PHOTO_FILTER, MainWindow
from rpipp_gui.ui.settings import Settings

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(MainWindow, "detect_people", lambda self: None)  # no models needed here
    w = MainWindow(Settings(tmp_path / "settings.ini"), warm_up=False)
    yield from shown(qtbot, w)


def _photo(path, rgb):
    Image.fromarray(rgb).save(path)
    return path


def test_bad_session_shows_the_error_and_keeps_the_open_photo(qtbot, window, tmp_path):
    first = _photo(tmp_path / "first.png", np.full((30, 40, 3), 90, np.uint8))
    window.open_path(first)
    qtbot.waitUntil(lambda: window.session.has_image, timeout=30_000)
    window.session.paint([(5, 5), (15, 5)], 3)
    mask = window.session.mask.copy()
    bad = tmp_path / "bad.rpipp.json"
    bad.write_text(json.dumps({"format": "rpipp-session", "version": 1, "size": ["a", 1]}))
    window.session.mark_clean()
    window.open_path(bad)
    assert "Could not open the session" in window.message_bar.text
    assert "size.0" in window.message_bar.text
    assert window.session.path == first
    np.testing.assert_array_equal(window.session.mask, mask)


def test_changed_photo_offers_to_open_it_without_the_mask(qtbot, window, tmp_path, monkeypatch):
    rgb = np.random.default_rng(1).integers(0, 255, (30, 40, 3), dtype=np.uint8)
    photo = _photo(tmp_path / "p.png", rgb)
    s = Session()
    s.open(photo)
    s.paint([(5, 5), (15, 5)], 3)
    path = save_session(s, tmp_path / "s.rpipp.json")
    _photo(photo, rgb[:, ::-1].copy())  # mirrored: same size, other content
    asked = []
    monkeypatch.setattr(MainWindow, "ask_open_photo_without_mask", lambda self, e: asked.append(e) or True)
    window.open_path(path)
    assert asked and asked[0].photo == photo
    assert "changed since the session was saved" in window.message_bar.text
    qtbot.waitUntil(lambda: window.session.has_image, timeout=30_000)
    assert window.session.path == photo and not window.session.mask.any()


def test_open_filter_lists_heic_only_when_it_can_be_read():
    from rpipp_gui.imaging.opening import HEIF_SUPPORTED

    assert ("*.heic" in PHOTO_FILTER) == HEIF_SUPPORTED
