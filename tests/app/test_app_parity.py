"""One pipeline: the same photo and sentences through ``rpipp protect`` and through the window
(typed into the command field, Enter, Ctrl+E) give the same mask and the same exported pixels, for
every style including faces only, with the instances engine and with a BRPPNet checkpoint that this
test trains (tiny, a few seconds)."""

from __future__ import annotations

import numpy as np
import pytest
from app_helpers import FIXED, use_fixed_people
from brppnet_tiny import TINY_CONFIG
from PIL import Image
from PySide6.QtCore import Qt
from referring_scenes import blank, exclusive, figure

from rpipp_gui.app import App, ModelConfig
from rpipp_gui.app.decision import faces_of
from rpipp_gui.app.registry import pixel_style_names
from rpipp_gui.cli import main

pytestmark = [pytest.mark.gui, pytest.mark.slow]
TIMEOUT = 60_000


VERB = {"solid": "cover", "blur": "blur", "mosaic": "pixelate", "noise": "noise", "inpaint": "remove"}


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    root = tmp_path_factory.mktemp("parity_brppnet")
    (root / "tiny.toml").write_text(TINY_CONFIG)
    assert main(["train", str(root / "tiny.toml"), "--quiet"]) == 0
    return root / "run" / "best.safetensors"


@pytest.fixture
def scene(tmp_path, monkeypatch):
    img = blank(480, 320)
    left, right = figure(img, 130, 310, 270, "red", "blue"), figure(img, 350, 310, 260, "white", "black")
    people = exclusive([left, right])
    photo = tmp_path / "two men.png"
    Image.fromarray(img).save(photo)
    use_fixed_people(monkeypatch, people)
    return photo, people


def requests():
    """(sentence, --style) pairs: each pixel style named by the words, faces said in words and
    asked for with --style face."""
    out = [(f"{VERB[s]} the man on the right", s) for s in pixel_style_names()]
    out += [("hide the face of the man on the right", None), ("the man on the left", "face")]
    return out


def run_cli(photo, tmp_path, engine, checkpoint, sentence, style, k):
    out, mask_out = tmp_path / f"cli{k}.png", tmp_path / f"cli{k}.mask.png"
    argv = ["protect", str(photo), "--say", sentence, "-o", str(out), "--mask-out", str(mask_out)]
    argv += ["--engine", engine, "--people-backend", FIXED]
    if checkpoint:
        argv += ["--checkpoint", str(checkpoint)]
    if style == "face":
        argv += ["--style", "face"]
    rc = main(argv)
    if rc == 3:
        return None, None
    assert rc == 0
    return np.array(Image.open(mask_out)) > 0, np.array(Image.open(out).convert("RGB"))


def run_window(qtbot, window, photo, tmp_path, sentence, style, k):
    """Type the sentence, Enter, then Ctrl+E with the focus still in the command field."""
    if style == "face":
        sentence = f"hide the face of {sentence.removeprefix('the ')}"
        sentence = sentence.replace("hide the face of man", "hide the face of the man")
    from rpipp_gui.imaging import StyleOptions

    # words that name no style keep the user's current one (the CLI has none: solid, the default)
    window.session.set_style(StyleOptions(outline="cover"))  # a new session's: people leave no silhouette
    field = window.command_bar.field
    field.setFocus()
    field.clear()
    before = window.command_bar.result.text()
    window.command_bar.result.setText("")
    qtbot.keyClicks(field, sentence)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.command_bar.result.text() not in ("", before), timeout=TIMEOUT)
    if window.command_bar.result.text().startswith("Nobody matches"):
        return None, None
    window.last_export = None
    qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.last_export is not None, timeout=TIMEOUT)
    out = window.last_export
    pixels = np.array(Image.open(out).convert("RGB"))
    out.unlink()
    return window.session.mask.copy(), pixels


@pytest.mark.parametrize("engine", ["instances", "brppnet"])
def test_cli_and_window_hide_the_same_pixels(qtbot, tmp_path, scene, engine, request):
    from rpipp_gui.ui.main_window import MainWindow
    from rpipp_gui.ui.settings import Settings

    photo, people = scene
    ckpt = request.getfixturevalue("checkpoint") if engine == "brppnet" else None
    config = ModelConfig(engine=engine, checkpoint=str(ckpt or ""), people_backend=FIXED)
    window = MainWindow(Settings(tmp_path / "settings.ini"), app=App(config), warm_up=False)
    window.show()
    qtbot.waitExposed(window)
    try:
        window.open_path(photo)
        qtbot.waitUntil(lambda: len(window.session.people) == 2, timeout=TIMEOUT)
        hidden = 0
        for k, (sentence, style) in enumerate(requests()):
            cli_mask, cli_pixels = run_cli(photo, tmp_path, engine, ckpt, sentence, style, k)
            win_mask, win_pixels = run_window(qtbot, window, photo, tmp_path, sentence, style, k)
            assert (cli_mask is None) == (win_mask is None), sentence
            if cli_mask is None:
                continue
            hidden += 1
            if style == "face" or "face" in sentence:  # faces only, whatever the engine
                assert not (cli_mask & ~faces_of(people, cli_mask.shape)).any(), (engine, sentence)
            assert np.array_equal(cli_mask, win_mask), (engine, sentence, style)
            assert np.array_equal(cli_pixels, win_pixels), (engine, sentence, style)
            if engine == "instances":
                target = people[0] if "left" in sentence else people[1]
                faces = style == "face" or "face" in sentence
                assert faces == (cli_mask.sum() < target.mask.sum() / 4), sentence
                assert not (cli_mask & people[1 - people.index(target)].mask).any()
        assert hidden >= (len(requests()) if engine == "instances" else 1)
    finally:
        window.session.mark_clean()
        window.close()
        window.workers.wait(30_000)
        window.deleteLater()
