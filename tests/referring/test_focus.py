"""Blurry / in focus against the sharpest person of the photo (``referring.focus``): "the blurry man
in the background", "the people out of focus"."""

from __future__ import annotations

import dataclasses

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from referring_scenes import blank, figure

from rpipp_gui.people.person import Person
from rpipp_gui.referring import parse, resolve
from rpipp_gui.referring.focus import FOCUS_OPTIONS, FocusOptions, blurry_fits, sharpness


def _scene(blurred: tuple[int, ...] = (1,), sigma: float = 3.0, seed: int = 0, contrast=(1.0, 1.0, 1.0)):
    """A 640x400 photo of three textured people (a weave of noise a pixel or two across on their
    clothes and skin, of the given contrast each), those in ``blurred`` then blurred with a Gaussian
    of ``sigma`` px as a lens out of focus does (the person and what lies around them). Returns
    (image, people)."""
    rng = np.random.default_rng(seed)
    img = blank()
    people = [figure(img, cx, 360, 260, shirt) for cx, shirt in ((130, "red"), (320, "blue"), (510, "green"))]
    out = img.astype(np.float32)
    for p, c in zip(people, contrast, strict=True):
        noise = cv2.GaussianBlur(rng.normal(0, 60 * c, img.shape[:2]), (0, 0), 1.0)[..., None]
        out[p.mask] += noise[p.mask]
    out = np.clip(out, 0, 255).astype(np.uint8)
    soft = cv2.GaussianBlur(out, (0, 0), sigma)
    for i in blurred:
        x0, y0, x1, y1 = (int(v) for v in people[i].box)
        out[max(0, y0 - 10) : y1 + 10, max(0, x0 - 10) : x1 + 10] = soft[
            max(0, y0 - 10) : y1 + 10, max(0, x0 - 10) : x1 + 10
        ]
    return out, people


def test_a_person_out_of_focus_reads_blurry_beside_sharp_ones():
    img, people = _scene(blurred=(1,))
    fits = blurry_fits(img, people)
    assert fits[1] == 1.0
    assert fits[0] == 0.0 and fits[2] == 0.0


def test_a_person_in_focus_with_less_contrast_is_not_blurry():
    """Sharpness is fine over coarse detail of the same person: plainer clothing in focus is no
    blur (cloth with almost no weave at all does read less sharp: ``referring.focus``)."""
    img, people = _scene(blurred=(), contrast=(1.0, 0.5, 1.0))
    assert max(blurry_fits(img, people)) == 0.0


def test_one_person_cannot_be_judged():
    img, people = _scene(blurred=(0,))
    assert blurry_fits(img, people[:1]) == [None]


def test_a_person_without_a_mask_cannot_be_judged():
    img, people = _scene(blurred=(1,))
    bare = dataclasses.replace(people[2], mask=None)
    fits = blurry_fits(img, [people[0], people[1], bare])
    assert fits[2] is None and fits[1] == 1.0


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 298), st.integers(0, 198), st.integers(1, 200), st.integers(1, 150)),
                min_size=0, max_size=4), st.integers(0, 2**16))  # fmt: skip
def test_fits_are_shares_or_unknown(boxes, seed):
    rng = np.random.default_rng(seed)
    img = rng.integers(0, 256, (200, 300, 3), dtype=np.uint8)
    people = []
    for x, y, w, h in boxes:
        mask = np.zeros((200, 300), bool)
        mask[y : y + h, x : x + w] = True
        people.append(
            Person(box=(float(x), float(y), float(min(300, x + w)), float(min(200, y + h))), mask=mask)
        )
    fits = blurry_fits(img, people)
    assert len(fits) == len(people)
    assert all(f is None or 0.0 <= f <= 1.0 for f in fits)
    for p in people:
        s = sharpness(img, p)
        assert s is None or (np.isfinite(s) and s >= 0)


def test_options_are_checked():
    with pytest.raises(ValueError):
        FocusOptions(blurry_full=0.8, sharp_full=0.5)
    with pytest.raises(ValueError):
        FocusOptions(sigmas=(2.0, 1.0, 4.0))
    assert FOCUS_OPTIONS.blurry_full < FOCUS_OPTIONS.sharp_full


@pytest.mark.parametrize(
    "text, want",
    [
        ("the blurry man in the background", "blurry"),
        ("the blurred woman", "blurry"),
        ("the person out of focus", "blurry"),
        ("the people who are not in focus", "blurry"),
        ("the man in focus", "sharp"),
        ("the man in the red shirt", None),
    ],
)
def test_focus_words(text, want):
    q = parse(text)
    assert q.focus == want
    if want == "blurry" and "blurry" in text:
        assert "blurry" in q.unjudged  # until the photo reads it


def test_the_blurry_person_is_the_one_out_of_focus():
    img, people = _scene(blurred=(2,))
    r = resolve("the blurry person", people, image=img)
    assert r.selected == (2,) and r.verdict == "matched"
    assert "blurry" not in r.unjudged
    assert "'blurry' by the sharpness" in r.explanation
    r = resolve("the person in focus on the left", people, image=img)
    assert r.selected == (0,)


def test_the_blurry_person_alone_is_not_judged():
    """One person: nobody to be blurry against; the word stays unjudged."""
    img, people = _scene(blurred=(0,))
    r = resolve("the blurry person", people[:1], image=img)
    assert "blurry" in r.unjudged


def test_the_blurry_person_alone_keeps_the_answer_unsure():
    """A lone person found is never hidden on words that could not be judged about them."""
    img, people = _scene(blurred=(0,))
    r = resolve("the blurry person at the bottom left", people[:1], image=img)
    assert r.verdict == "unsure" and "blurry" in r.unjudged


def test_nobody_read_blurry_leaves_the_word_unjudged():
    """Read only to confirm: three people in focus do not make "the blurry man" fit nobody."""
    img, people = _scene(blurred=())
    r = resolve("the blurry person", people, image=img)
    assert r.verdict == "unsure" and not r.matched_nobody
