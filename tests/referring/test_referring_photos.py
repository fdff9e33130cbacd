"""The instances engine on a composite of public-domain photos, with the real people finder.

Scene: astronaut (orange suit) | Grace Hopper (dark uniform) | astronaut mirrored, side by side.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from rpipp_gui.imaging import StyleOptions, apply_style
from rpipp_gui.referring.engines import make_engine

pytestmark = pytest.mark.slow


def _composite() -> tuple[np.ndarray, list[tuple[int, int]]]:
    import matplotlib
    import skimage.data

    astronaut = skimage.data.astronaut()
    path = Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"
    grace = np.asarray(Image.open(path).convert("RGB"))[:512]
    tiles = [astronaut, grace, astronaut[:, ::-1]]
    spans, x = [], 0
    for t in tiles:
        spans.append((x, x + t.shape[1]))
        x += t.shape[1]
    return np.concatenate(tiles, axis=1), spans


@pytest.fixture(scope="module")
def engine_and_scene():
    rgb, spans = _composite()
    engine = make_engine("instances")
    engine.set_image(rgb)
    people = engine.people
    assert len(people) == 3, [p.box for p in people]
    # Person i lies in tile i (the finder sorts left to right).
    for p, (x0, x1) in zip(people, spans, strict=True):
        cx = (p.box[0] + p.box[2]) / 2
        assert x0 <= cx < x1
    return engine, rgb, spans


def _in_tile(mask: np.ndarray, span: tuple[int, int]) -> float:
    return float(mask[:, span[0] : span[1]].sum() / max(mask.sum(), 1))


@pytest.mark.parametrize(
    "sentence, want",
    [
        ("hide the woman on the left", (0,)),
        ("blur the person in the middle", (1,)),
        ("the second from the right", (1,)),
        ("the woman in orange on the right", (2,)),
        ("the person in the black jacket", (1,)),
        ("pixelate everyone except the one in the middle", (0, 2)),
        ("the two on the left", (0, 1)),
    ],
)
def test_sentences_pick_the_right_people(engine_and_scene, sentence, want):
    engine, rgb, spans = engine_and_scene
    g = engine.ground(sentence)
    assert sorted(g.selected) == sorted(want), g.explanation
    for i in want:
        assert g.mask[:, spans[i][0] : spans[i][1]].sum() > 0.15 * 512 * (spans[i][1] - spans[i][0])
    assert sum(_in_tile(g.mask, spans[i]) for i in want) > 0.98


def test_nobody_wears_green(engine_and_scene):
    engine, _, _ = engine_and_scene
    g = engine.ground("the woman in green")
    assert g.matched_nobody and not g.mask.any() and "green" in g.explanation


def test_face_style_hides_the_face_and_nothing_else(engine_and_scene):
    from rpipp_gui.app import PhotoContext
    from rpipp_gui.app.decision import decision_from
    from rpipp_gui.people.privacy import tdir

    engine, rgb, spans = engine_and_scene
    text = "hide the face of the woman on the right"
    g = engine.ground(text)
    assert g.style == "face" and g.selected == (2,)
    photo = PhotoContext(rgb=rgb, people=tuple(engine.people), photo_id=1, version=1)
    mask = decision_from(g, photo, text, engine.name).mask  # faces only: the app's step
    person = engine.people[2]
    assert 0 < mask.sum() < 0.3 * person.mask.sum()
    protected = apply_style(rgb, mask, StyleOptions(style="solid"))
    assert np.array_equal(protected[~mask], rgb[~mask])
    check = tdir(rgb, protected, mask)
    assert check.targets and check.rate == 1.0
