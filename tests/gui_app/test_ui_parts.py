"""Window parts: launcher, settings, session files through the window, lasso, box prompt, style."""

from __future__ import annotations

import configparser
import dataclasses
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from window_helpers import shown

from rpipp_gui.ui.app import parse_args
from rpipp_gui.ui.launcher import desktop_entry, install_launcher, resource_path
from rpipp_gui.ui.main_window import MainWindow
from rpipp_gui.ui.settings import AppSettings, Settings

pytestmark = pytest.mark.gui
TIMEOUT = 60_000


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(Settings(tmp_path / "settings.ini"), warm_up=False)
    yield from shown(qtbot, w)


def test_launcher_writes_a_desktop_entry_with_icon_and_file_argument(tmp_path):
    entry = install_launcher(data_home=tmp_path, platform="linux")
    assert entry == tmp_path / "applications" / "rpipp-gui.desktop"
    parsed = configparser.ConfigParser(interpolation=None)
    parsed.optionxform = str
    parsed.read_string(entry.read_text())
    d = parsed["Desktop Entry"]
    assert d["Type"] == "Application" and d["Terminal"] == "false"
    assert d["Exec"].endswith(" %f")  # "Open with" passes the photo
    icon = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "rpipp-gui.svg"
    assert d["Icon"] == str(icon) and icon.read_bytes() == resource_path("rpipp.svg").read_bytes()
    assert "image/jpeg" in d["MimeType"]
    # a path with a space is quoted, and a literal % is escaped as the spec asks
    text = desktop_entry(["/opt/my apps/rpipp-gui"], icon)
    assert "Exec='/opt/my apps/rpipp-gui' %f" in text


def test_install_launcher_from_the_command_line(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "rpipp_gui", "--install-launcher"], env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "applications" / "rpipp-gui.desktop").exists()
    args = parse_args(["photo.jpg"])
    assert args.photo == "photo.jpg" and not args.install_launcher


def test_settings_roundtrip_and_recent_files(tmp_path):
    store = Settings(tmp_path / "s.ini")
    assert store.load() == AppSettings()
    s = dataclasses.replace(
        AppSettings(), engine="brppnet", checkpoint="/m/b.safetensors", default_style="blur"
    )
    store.save(s)
    for name in ("a.jpg", "b.jpg", "a.jpg"):
        store.add_recent(tmp_path / name)
    back = Settings(tmp_path / "s.ini").load()
    assert back.engine == "brppnet" and back.checkpoint == "/m/b.safetensors" and back.default_style == "blur"
    assert [p.split("/")[-1] for p in back.recent] == ["a.jpg", "b.jpg"]
    assert back.model_config().engine == "brppnet"


def test_session_saved_from_the_window_reopens_with_mask_and_history(qtbot, window, tmp_path):
    from PIL import Image

    photo = tmp_path / "plain.png"
    Image.fromarray(np.full((50, 80, 3), 90, np.uint8)).save(photo)
    window.open_path(photo)
    qtbot.waitUntil(lambda: window.session.has_image, timeout=TIMEOUT)
    window.on_tool_lasso()
    c = window.canvas
    for x, y in ((10, 10), (40, 10), (40, 40)):
        qtbot.mouseClick(c.viewport(), Qt.MouseButton.LeftButton, pos=c.mapFromScene(QPointF(x, y)))
    qtbot.mouseDClick(c.viewport(), Qt.MouseButton.LeftButton, pos=c.mapFromScene(QPointF(10, 40)))
    s = window.session
    assert s.history.undo_label == "Lasso" and s.mask[20, 20] and not s.mask[45, 70]
    path = tmp_path / "plain.rpipp.json"
    assert window.save_session_to(path) and not s.dirty
    mask = s.mask.copy()
    window.session.clear()
    window.session.mark_clean()
    window.open_path(path)  # a session file opens with its photo, mask and history
    assert np.array_equal(window.session.mask, mask)
    assert window.session.undo() == "Lasso" and not window.session.mask.any()


def test_box_prompt_adds_a_missed_person(qtbot, window, composite, tmp_path):
    from PIL import Image

    # Grace Hopper alone: drag a box around her
    right = composite[:, 400:]
    photo = tmp_path / "one.png"
    Image.fromarray(right).save(photo)
    window.open_path(photo)
    qtbot.waitUntil(lambda: window.session.has_image and window.workers.is_idle(), timeout=TIMEOUT)
    before = len(window.session.people)
    window.on_tool_box()
    c = window.canvas
    vp = c.viewport()
    h, w = right.shape[:2]
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=c.mapFromScene(QPointF(5, 5)))
    qtbot.mouseMove(vp, c.mapFromScene(QPointF(w / 2, h / 2)))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=c.mapFromScene(QPointF(w - 5, h - 5)))
    qtbot.waitUntil(lambda: len(window.session.people) == before + 1, timeout=TIMEOUT)
    added = window.session.people[-1]
    assert window.session.selected[-1] == before and added.mask.sum() > 0.1 * h * w
    window.on_undo()
    assert len(window.session.people) == before


def test_style_change_renders_the_preview_in_a_worker(qtbot, window, tmp_path):
    from PIL import Image

    photo = tmp_path / "plain.png"
    rgb = np.zeros((60, 90, 3), np.uint8)
    rgb[:, :, 1] = np.arange(90, dtype=np.uint8)[None, :] * 2
    Image.fromarray(rgb).save(photo)
    window.open_path(photo)
    qtbot.waitUntil(lambda: window.session.has_image, timeout=TIMEOUT)
    window.session.paint([(45, 30)], 20)
    panel = window.style_panel
    panel.style.setCurrentText("blur")
    assert window.session.style.style == "blur"
    assert window.canvas.mode.value == "split"  # a style change switches to a view that shows it
    qtbot.waitUntil(lambda: window.canvas.has_preview, timeout=TIMEOUT)
    panel.strength.setValue(90)
    assert window.session.style.strength == pytest.approx(0.9)
    window.on_view_preview()
    assert window.actions["view_preview"].isChecked() and panel.mode.currentText() == "preview"


@pytest.mark.slow
def test_hold_talk_button_push_to_talk_while_whisper_loads(qtbot, window, photo):
    """Press and hold the Talk button, speak (a recording played as the microphone), release."""
    from speech_sim import ArrayStream, synthesize

    window.open_path(photo)
    qtbot.waitUntil(lambda: window.canvas.people_count >= 2, timeout=TIMEOUT)
    speech = synthesize("hide the person on the left", "en-us", 150)
    window.voice.stream_factory = ArrayStream.factory(speech, realtime=False, tail_s=0.5)
    bar = window.command_bar
    levels = []
    window.voice.level.connect(levels.append)
    qtbot.mousePress(bar.mic, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.mode == "push", timeout=5_000)  # held: push-to-talk, not hands-free
    assert bar.state.text() == "Listening…"
    factory = window.voice.stream_factory
    played = lambda: factory.last is not None and factory.last.audio_end_time is not None  # noqa: E731
    qtbot.waitUntil(played, timeout=10_000)
    qtbot.waitUntil(lambda: bool(levels) and max(levels) > 0.2, timeout=10_000)  # the meter moved
    qtbot.mouseRelease(bar.mic, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.session.selected), timeout=TIMEOUT)
    people = window.session.people
    leftmost = min(range(len(people)), key=lambda i: people[i].center[0])
    assert "person on the left" in bar.field.text().lower()
    assert window.session.selected == (leftmost,)


def test_microphone_failure_is_a_message_and_drop_opens_a_photo(qtbot, window, tmp_path):
    from PIL import Image
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    from rpipp_gui.errors import AudioError

    def broken(samplerate, blocksize, callback):
        raise AudioError("no microphone found: the system reports no audio input device")

    window.voice.stream_factory = broken
    window.on_talk()  # Ctrl+M: hands-free
    assert "no microphone found" in window.message_bar.text
    assert window.command_bar.mode is None and not window.voice.active

    photo = tmp_path / "dropped.png"
    Image.fromarray(np.full((30, 40, 3), 50, np.uint8)).save(photo)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    no_button, no_key = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, no_button, no_key)
    window.canvas.dropEvent(drop)
    qtbot.waitUntil(lambda: window.session.has_image, timeout=TIMEOUT)
    assert window.session.path.name == "dropped.png"
    assert str(photo.resolve()) in window.app_settings.recent


def test_the_talk_key_on_the_canvas_is_push_to_talk_and_settings_dialog_edits(qtbot, window):
    from speech_sim import ArrayStream

    from rpipp_gui.ui.settings import SettingsDialog

    window.voice.stream_factory = ArrayStream.factory(np.zeros(1600, np.float32), realtime=True, tail_s=30)
    window.canvas.setFocus()
    qtbot.keyPress(window.canvas, Qt.Key.Key_T)  # Space pans; T (configurable) talks
    assert window.command_bar.mode == "push" and window.voice.active
    assert window.command_bar.state.text() == "Listening…"
    captured = []
    window.voice.captured.connect(captured.append)
    window.voice.transcribed.connect(captured.append)
    qtbot.keyRelease(window.canvas, Qt.Key.Key_T)
    qtbot.waitUntil(
        lambda: bool(captured) or "Heard nothing" in window.command_bar.result.text(), timeout=5000
    )
    assert not window.voice.active

    dialog = SettingsDialog(window.app_settings, ["solid", "blur"], ["testmic"], window)
    dialog.engine.setCurrentIndex(1)
    dialog.checkpoint.setText("/models/brppnet.safetensors")
    dialog.microphone.setCurrentText("testmic")
    dialog.style.setCurrentText("blur")
    new = dialog.result_settings()
    assert (new.engine, new.checkpoint, new.microphone, new.default_style) == (
        "brppnet",
        "/models/brppnet.safetensors",
        "testmic",
        "blur",
    )
    window.apply_settings(new)
    assert window.models.config.engine == "brppnet" and window.voice.device == "testmic"
    assert Settings(window.settings._q.fileName()).load().checkpoint == "/models/brppnet.safetensors"


def test_solid_fill_colour_is_chosen_in_the_style_panel(qtbot, window, tmp_path, monkeypatch):
    from PIL import Image
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QColorDialog

    photo = tmp_path / "plain.png"
    Image.fromarray(np.full((60, 90, 3), 200, np.uint8)).save(photo)
    window.open_path(photo)
    qtbot.waitUntil(lambda: window.session.has_image, timeout=TIMEOUT)
    panel = window.style_panel

    def pick(text: str) -> None:
        index = panel.fill.findText(text, Qt.MatchFlag.MatchStartsWith)
        panel.fill.setCurrentIndex(index)
        panel.fill.activated.emit(index)

    assert panel.fill.isEnabled() and window.session.style.color is None  # solid, colour from around
    pick("Black")
    assert window.session.style.color == (0, 0, 0)
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *a: QColor(10, 20, 30)))
    pick("Custom")
    assert window.session.style.color == (10, 20, 30)
    assert panel.fill.currentText() == "Custom (#0a141e)"
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *a: QColor()))  # cancelled
    pick("Custom")
    assert window.session.style.color == (10, 20, 30)
    pick("From surroundings")
    assert window.session.style.color is None
    panel.style.setCurrentText("blur")
    assert not panel.fill.isEnabled()
