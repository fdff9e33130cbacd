"""The synthetic referring set: deterministic, valid masks, sentences that name the right figure."""

from __future__ import annotations

import numpy as np
import pytest

from rpipp_gui.brppnet.synthetic import SyntheticReferring, make_scene


def test_scenes_are_deterministic_by_seed_and_index():
    a, b, c = make_scene(3, 5, 64), make_scene(3, 5, 64), make_scene(4, 5, 64)
    assert (a.image == b.image).all() and a.sentence == b.sentence and (a.mask == b.mask).all()
    assert not (a.image.shape == c.image.shape and (a.image == c.image).all())


def test_scene_contents():
    for i in range(30):
        s = make_scene(0, i, 96)
        assert s.image.shape == (96, 96, 3) and s.image.dtype == np.uint8
        assert s.mask.shape == (96, 96) and s.mask.dtype == bool and s.mask.sum() > 30
        assert 2 <= len(s.figures) <= 4 and 0 <= s.target < len(s.figures)
        ys, xs = np.nonzero(s.mask)
        x0, y0, x1, y1 = s.figures[s.target].box
        assert x0 <= xs.min() and xs.max() < x1 and y0 <= ys.min() and ys.max() < y1
        assert [f.cx for f in s.figures] == sorted(f.cx for f in s.figures)


@pytest.mark.parametrize("kind", ["side", "size", "colour", "ordinal"])
def test_sentences_name_the_target(kind):
    for i in range(15):
        s = make_scene(1, i, 64, kinds=(kind,))
        if s.kind != kind:  # no such description in this scene: falls back to another kind
            continue
        heights = [f.height for f in s.figures]
        colours = [f.colour for f in s.figures]
        n = len(s.figures)
        if "tallest" in s.sentence:
            assert s.target == int(np.argmax(heights))
        elif "shortest" in s.sentence:
            assert s.target == int(np.argmin(heights))
        elif kind == "colour":
            assert colours.count(colours[s.target]) == 1 and colours[s.target] in s.sentence
        elif kind == "side":
            assert s.target == (0 if s.sentence.endswith("left") else n - 1)
        elif kind == "ordinal":
            k = ["first", "second", "third", "fourth"].index(
                next(w for w in s.sentence.split() if w in ("second", "third"))
            )
            assert s.target == (k if s.sentence.endswith("left") else n - 1 - k)


def test_dataset_and_kinds_validation():
    ds = SyntheticReferring(4, seed=2, size=64)
    assert len(ds) == 4 and len(ds.sentences()) == 4 and ds[3].sentence == make_scene(2, 3, 64).sentence
    with pytest.raises(IndexError):
        ds[4]
    with pytest.raises(ValueError, match="template kind"):
        SyntheticReferring(4, kinds=("biggest",))
