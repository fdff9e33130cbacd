"""The real window, offscreen: open a photo of two people, say who, fix the mask, export."""

from __future__ import annotations

import numpy as np
import pytest
from gui_photos import sha256
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QMessageBox

from rpipp_gui.imaging.info import read_info
from rpipp_gui.ui.main_window import MainWindow
from rpipp_gui.ui.settings import Settings

pytestmark = pytest.mark.gui
TIMEOUT = 60_000


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(Settings(tmp_path / "settings.ini"))
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.session.mark_clean()  # nothing to ask on close
    w.close()
    w.workers.wait(30_000)
    w.deleteLater()


def drag(qtbot, canvas, points):
    """Press, move and release the left button along scene points (photo pixels)."""
    vp = canvas.viewport()
    pos = [canvas.mapFromScene(QPointF(x, y)) for x, y in points]
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=pos[0])
    for p in pos[1:]:
        qtbot.mouseMove(vp, p)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=pos[-1])


@pytest.mark.slow
def test_open_say_fix_and_export(qtbot, window, photo):
    source_hash = sha256(photo)
    window.open_path(photo)
    qtbot.waitUntil(lambda: window.canvas.people_count >= 2, timeout=TIMEOUT)
    s = window.session
    people = s.people
    assert window.people_panel.list.count() == len(people)
    assert "people found" in window.command_bar.result.text()

    # type who to hide, Enter applies
    field = window.command_bar.field
    qtbot.keyClicks(field, "the person on the right")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: s.selected != (), timeout=TIMEOUT)
    rightmost = max(range(len(people)), key=lambda i: people[i].center[0])
    assert s.selected == (rightmost,)
    assert np.array_equal(s.mask, people[rightmost].mask)
    assert not window.canvas._overlay.pixmap().isNull()  # the mask is shown
    assert window.command_bar.result.text().startswith(f"Hid #{rightmost + 1}")
    assert window.people_panel.checked() == [rightmost]

    # one brush stroke in the top-left corner is one undo step; undo restores the mask
    window.on_tool_brush()
    before = s.mask.copy()
    drag(qtbot, window.canvas, [(10, 10), (40, 12), (70, 14)])
    assert s.history.undo_label == "Brush stroke"
    assert s.mask[12, 40] and s.mask.sum() > before.sum()
    assert np.array_equal(s.mask & ~before, s.mask ^ before)  # the stroke only added pixels
    window.actions["undo"].trigger()
    assert np.array_equal(s.mask, before)

    # the preview renders in a worker
    window.on_view_split()
    qtbot.waitUntil(lambda: window.canvas.has_preview, timeout=TIMEOUT)

    # export: beside the original, no EXIF/GPS, the original untouched
    window.actions["export"].trigger()
    qtbot.waitUntil(lambda: window.last_export is not None, timeout=TIMEOUT)
    out = window.last_export
    assert out.exists() and out.parent == photo.parent and out != photo
    info = read_info(out)
    assert not info.has_exif and not info.has_gps
    assert sha256(photo) == source_hash
    assert s.dirty  # an export is a copy: the session's edits are still unsaved


@pytest.mark.slow
def test_click_toggles_people_and_quit_asks_with_unsaved_edits(qtbot, window, photo, monkeypatch):
    window.open_path(photo)
    qtbot.waitUntil(lambda: window.canvas.people_count >= 2, timeout=TIMEOUT)
    s = window.session
    x0, y0, x1, y1 = s.people[0].box
    c = window.canvas
    click = c.mapFromScene(QPointF((x0 + x1) / 2, (y0 + y1) / 2))
    qtbot.mouseClick(c.viewport(), Qt.MouseButton.LeftButton, pos=click)
    assert s.selected == (0,) and window.people_panel.checked() == [0]
    window.people_panel.list.item(1).setCheckState(Qt.CheckState.Checked)  # tick #2 in the panel
    assert s.selected == (0, 1)
    assert c.person_at(*s.people[1].center) == 1

    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Cancel
    )
    assert not window.close()  # Cancel keeps the window open
    assert asked and window.isVisible()


def test_corrupt_photo_shows_an_error_and_the_window_stays_usable(qtbot, window, tmp_path):
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 this is not really a JPEG")
    window.open_path(bad)
    qtbot.waitUntil(lambda: window.message_bar.text != "", timeout=TIMEOUT)
    assert "Could not open the photo" in window.message_bar.text
    assert not window.session.has_image
    # still usable: tools, view and a good photo open fine (tiny, so detection is quick)
    from PIL import Image

    good = tmp_path / "plain.png"
    Image.fromarray(np.full((40, 60, 3), 200, np.uint8)).save(good)
    window.on_zoom_in()
    window.open_path(good)
    qtbot.waitUntil(lambda: window.session.has_image, timeout=TIMEOUT)
    assert window.message_bar.text == ""
    window.actions["zoom_actual"].trigger()
    assert window.canvas.zoom == pytest.approx(1.0)
    window.actions["zoom_in"].trigger()
    assert window.canvas.zoom == pytest.approx(1.25)
    window.actions["zoom_fit"].trigger()
    window.on_tool_brush()
    drag(qtbot, window.canvas, [(5, 5), (20, 5)])
    assert window.session.mask[5, 10]
    assert window.windowTitle().startswith("• plain.png")


def test_every_action_has_a_menu_and_shortcut_keys_resize_the_brush(qtbot, window):
    menus = [a for m in window.menuBar().actions() for a in m.menu().actions() if not a.isSeparator()]
    named = {a.text().replace("&", "") for a in menus}
    assert {"Export", "Export As…", "Export Mask…", "Save Session", "Undo", "Redo", "Brush"} <= named
    assert window.actions["export"].shortcut().toString() == "Ctrl+E"
    assert window.actions["undo"].shortcut().toString() == "Ctrl+Z"
    assert window.actions["redo"].shortcut().toString() == "Ctrl+Shift+Z"
    r = window.canvas.tools.radius
    window.actions["brush_bigger"].trigger()
    assert window.canvas.tools.radius > r
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_BracketLeft)
    qtbot.keyClick(window.canvas, Qt.Key.Key_BracketLeft)
    assert window.canvas.tools.radius < r


def test_a_worker_failure_is_shown_as_a_message_and_logged_with_its_traceback(
    qtbot, window, tmp_path, monkeypatch, caplog
):
    from PIL import Image

    from rpipp_gui.app import ModelConfig
    from rpipp_gui.people.backends import BACKENDS

    class Broken:
        device = "cpu"

        def find(self, rgb):
            raise RuntimeError("detector exploded")

    monkeypatch.setitem(BACKENDS, "broken", lambda options: Broken())
    window.workers.wait()
    window.models.reconfigure(ModelConfig(people_backend="broken"))
    photo = tmp_path / "plain.png"
    Image.fromarray(np.full((40, 60, 3), 200, np.uint8)).save(photo)
    caplog.set_level("ERROR", logger="rpipp_gui")
    window.open_path(photo)
    qtbot.waitUntil(lambda: "Finding people failed" in window.message_bar.text, timeout=TIMEOUT)
    assert "RuntimeError: detector exploded" in window.message_bar.text
    logged = [r for r in caplog.records if r.name == "rpipp_gui.ui.workers"]
    message = logged[-1].getMessage() if logged else ""
    assert "Traceback" in message and "detector exploded" in message


def test_an_opened_photo_gives_the_command_field_the_focus(qtbot, window, tmp_path):
    """Open, type, Enter, Ctrl+E without the mouse: keys typed after opening are the sentence, not
    the canvas's one-letter tool keys (which took "hide the ..." as Box Prompt, Eraser and so on)."""
    from PIL import Image

    from rpipp_gui.ui.canvas import Canvas

    window.canvas.setFocus()  # where the focus went before: the canvas took over from the start page
    photo = tmp_path / "plain.png"
    Image.fromarray(np.full((40, 60, 3), 200, np.uint8)).save(photo)
    window.open_path(photo)
    qtbot.waitUntil(lambda: window.session.has_image, timeout=TIMEOUT)
    field = window.command_bar.field
    qtbot.waitUntil(field.hasFocus, timeout=TIMEOUT)
    tool = window.canvas.tools.tool
    qtbot.keyClicks(window.focusWidget(), "box")
    assert field.text() == "box" and window.canvas.tools.tool == tool
    assert not isinstance(window.focusWidget(), Canvas)


def test_ctrl_e_exports_while_the_command_field_has_the_focus(qtbot, window, tmp_path):
    from PIL import Image

    photo = tmp_path / "plain.png"
    Image.fromarray(np.full((40, 60, 3), 200, np.uint8)).save(photo)
    window.open_path(photo)
    qtbot.waitUntil(lambda: window.session.has_image, timeout=TIMEOUT)
    field = window.command_bar.field
    field.setFocus()
    qtbot.keyClicks(field, "hide the man")
    qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.last_export is not None, timeout=TIMEOUT)  # the Export action ran
    assert field.text() == "hide the man"
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # text keys stay the field's
    assert field.selectedText() == "hide the man"


def test_the_app_context_follows_the_people_and_box_prompts_reuse_them(qtbot, tmp_path, monkeypatch):
    from app_helpers import FIXED, use_fixed_people
    from PIL import Image

    from rpipp_gui.app import App, ModelConfig
    from rpipp_gui.people.person import Person

    h, w = 60, 100
    left = np.zeros((h, w), bool)
    left[10:50, 5:40] = True
    backend = use_fixed_people(monkeypatch, [Person((5, 10, 40, 50), mask=left)])
    photo = tmp_path / "p.png"
    Image.fromarray(np.full((h, w, 3), 120, np.uint8)).save(photo)
    win = MainWindow(Settings(tmp_path / "s.ini"), app=App(ModelConfig(people_backend=FIXED)), warm_up=False)
    try:
        win.open_path(photo)
        qtbot.waitUntil(lambda: len(win.session.people) == 1, timeout=TIMEOUT)
        first = win.app.photo
        assert first.people == tuple(win.session.people)
        win._box_prompt((60, 10, 95, 50))
        qtbot.waitUntil(lambda: len(win.session.people) == 2, timeout=TIMEOUT)
        assert backend.calls == 1  # the box prompt did not search the photo again
        assert win.app.photo.people == tuple(win.session.people) and not win.app.is_current(first.version)
        win.session.undo()
        assert len(win.app.photo.people) == 1
    finally:
        win.session.mark_clean()
        win.close()
        win.workers.wait(30_000)
        win.deleteLater()


@pytest.mark.slow
def test_an_unsure_sentence_outlines_the_candidates_and_a_click_picks_one(qtbot, window, photo):
    window.open_path(photo)
    qtbot.waitUntil(lambda: window.canvas.people_count >= 2, timeout=TIMEOUT)
    s = window.session
    field = window.command_bar.field
    qtbot.keyClicks(field, "the one")  # nothing tells the people apart
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.canvas.candidates != (), timeout=TIMEOUT)
    assert window.command_bar.result.text().startswith("Not sure whom 'the one' means: #1")
    assert s.selected == () and not s.mask.any()  # nothing hidden on a guess
    first = window.canvas.candidates[0]
    x0, y0, x1, y1 = s.people[first].box
    vp = window.canvas.viewport()
    qtbot.mouseClick(
        vp, Qt.MouseButton.LeftButton, pos=window.canvas.mapFromScene(QPointF((x0 + x1) / 2, (y0 + y1) / 2))
    )
    qtbot.waitUntil(lambda: s.selected == (first,), timeout=TIMEOUT)
    assert window.canvas.candidates == ()
