"""The body detector (bodies.py): anchors, decoding, tiles and de-duplication on numbers the tests
make, the vendored model's checksum, and the detector on the annotated real photos of shared/data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from rpipp_gui.errors import ModelError
from rpipp_gui.people.annotations import read_people, score_photo
from rpipp_gui.people.bodies import Body, _dedupe, decode, ssd_anchors, tiles
from rpipp_gui.people.options import BodyOptions
from rpipp_gui.vendored import manifest, models_dir, vendored_path

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real_people"
needs_real = pytest.mark.skipif(
    not (REAL / "people.tsv").exists(), reason="shared/data/real_people is missing"
)


def real_photo(name: str) -> np.ndarray:
    return np.asarray(Image.open(REAL / name).convert("RGB"))


def test_anchors_are_the_ssd_layout():
    anchors = ssd_anchors()
    assert anchors.shape == (1917, 4) and anchors.dtype == np.float32
    assert 19 * 19 * 3 + (10 * 10 + 5 * 5 + 3 * 3 + 2 * 2 + 1) * 6 == 1917
    assert np.all((anchors[:, :2] > 0) & (anchors[:, :2] < 1)) and np.all(anchors[:, 2:] > 0)
    # the first cell of the lowest layer: (0.1, 1), (0.2, 2), (0.2, 1/2)
    np.testing.assert_allclose(anchors[0], [0.5 / 19, 0.5 / 19, 0.1, 0.1], rtol=1e-5)
    np.testing.assert_allclose(anchors[1, 2:], [0.2 / np.sqrt(2), 0.2 * np.sqrt(2)], rtol=1e-5)
    # the last anchor: the whole image's interpolated scale sqrt(0.95 * 1.0), square
    np.testing.assert_allclose(anchors[-1], [0.5, 0.5, np.sqrt(0.95), np.sqrt(0.95)], rtol=1e-5)


@given(st.lists(st.floats(-3, 3), min_size=4, max_size=4))
def test_decode_scales_and_shifts_an_anchor(enc):
    anchor = np.array([[0.5, 0.4, 0.2, 0.1]], np.float32)
    (x0, y0, x1, y1) = decode(np.array([enc], np.float32), anchor)[0]
    assert x1 > x0 and y1 > y0
    np.testing.assert_allclose((y0 + y1) / 2, enc[0] / 10 * 0.2 + 0.5, atol=1e-5)
    np.testing.assert_allclose(y1 - y0, np.exp(enc[2] / 5) * 0.2, rtol=1e-4)
    zero = decode(np.zeros((1, 4), np.float32), anchor)[0]
    np.testing.assert_allclose(zero, [0.35, 0.4, 0.45, 0.6], atol=1e-6)


@settings(max_examples=60)
@given(st.integers(60, 5000), st.integers(60, 5000))
def test_tiles_cover_the_photo_and_stay_inside(width, height):
    options = BodyOptions()
    found = tiles(width, height, options)
    if int(options.tile_side * min(width, height)) < options.tile_min_px:
        assert found == []
        return
    covered = np.zeros((height, width), bool)
    for x0, y0, x1, y1 in found:
        assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height and x1 - x0 == y1 - y0
        covered[y0:y1, x0:x1] = True
    assert covered.all()


def test_dedupe_keeps_one_box_per_person():
    options = BodyOptions()
    person = Body((100, 100, 140, 220), 0.6, 0.6)
    same = Body((102, 98, 141, 222), 0.5, 0.0)  # seen again on a tile: merged, best scores kept
    legs = Body((105, 170, 138, 220), 0.55, 0.55)  # a part of the person
    neighbour = Body((150, 100, 190, 220), 0.5, 0.5)
    between = Body((120, 100, 170, 220), 0.52, 0.52)  # straddles the two
    kept = _dedupe([person, same, legs, neighbour, between], options, groups=True)
    assert sorted(b.box for b in kept) == [person.box, neighbour.box]
    assert kept[0].score == 0.6 and kept[0].whole == 0.6


def test_vendored_detector_is_checked_against_its_sha256(tmp_path):
    entries = manifest()
    entry = entries["person_detector"]
    assert entry.licence == "Apache-2.0" and entry.package == "npm:@mediapipe/objectron"
    assert vendored_path("person_detector").name == entry.file
    assert (models_dir() / "NOTICE").read_text().count("Apache") >= 1
    # a copy of the folder with one byte changed is refused before any model is built
    copy = tmp_path / "models"
    copy.mkdir()
    shutil.copy(models_dir() / "MANIFEST.json", copy / "MANIFEST.json")
    data = bytearray((models_dir() / entry.file).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / entry.file).write_bytes(bytes(data))
    with pytest.raises(ModelError, match="does not match"):
        vendored_path("person_detector", copy)
    (copy / entry.file).unlink()
    with pytest.raises(ModelError, match="missing"):
        vendored_path("person_detector", copy)
    (copy / "MANIFEST.json").write_text(json.dumps({"models": {"x": {"file": 1}}}))
    with pytest.raises(ModelError, match="malformed"):
        vendored_path("person_detector", copy)


@needs_real
def test_bodies_on_a_real_plaza_photo():
    # vtest frame 700: nine people from above, most walking away; cones, a rock and posts around.
    from rpipp_gui.people.bodies import default_body_detector

    annotated = read_people(REAL / "people.tsv")["vtest_0700.png"]
    bodies = default_body_detector().find(real_photo("vtest_0700.png"))
    score = score_photo(annotated, [b.box for b in bodies], None)
    assert sum(score.found) >= 7, score
    assert not score.false, [bodies[j] for j in score.false]
    backs = [f for a, f in zip(score.people, score.found, strict=True) if a.view == "back"]
    assert sum(backs) >= 3  # people seen from behind: what a face-seeded finder cannot find


def test_a_confident_box_without_person_pixels_is_hidden_whole_unless_it_is_wide():
    # A man behind the chessboard he holds (benchmarks/data/real_people_more/left04.jpg): the body
    # detector is sure (0.46) but selfie segmentation sees the board; his box is 0.78 times taller
    # than wide. A hat scored as high with a box 0.47 times taller than wide.
    from rpipp_gui.people.body_masks import BodyMask, body_candidate

    covered = np.zeros((300, 400), bool)
    for (w, h), hidden in (((200, 156), True), ((200, 94), False)):
        body = Body((50.0, 50.0, 50.0 + w, 50.0 + h), 0.46, 0.46)
        empty = BodyMask(np.zeros((h, w), np.float32), (50, 50, 50 + w, 50 + h), None, 0.0, "body+selfie")
        cand = body_candidate(empty, covered, body)
        assert (cand is not None and cand.source == "body") == hidden, (w, h)


def test_the_man_behind_a_chessboard_is_hidden(finder):
    more = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "real_people_more"
    rgb = np.asarray(Image.open(more / "left04.jpg").convert("RGB"))
    people = finder.set_image(rgb)
    annotated = read_people(more / "people.tsv")["left04.jpg"]
    assert score_photo(annotated, [p.box for p in people], None).found == [True]


def test_a_helmet_held_beside_a_person_is_not_a_second_person(finder, tmp_path):
    """At 800 px high the body detector scores the astronaut's helmet 0.43; only the selfie model
    fills it (no pose, no face), which a person needs ``body_unposed`` to stand on."""
    import matplotlib.cbook
    from skimage import data

    left = Image.fromarray(data.astronaut())
    with matplotlib.cbook.get_sample_data("grace_hopper.jpg") as f:
        right = Image.open(f).convert("RGB")
    parts = [im.resize((round(im.width * 800 / im.height), 800), Image.LANCZOS) for im in (left, right)]
    Image.fromarray(np.concatenate([np.asarray(p) for p in parts], axis=1)).save(
        tmp_path / "c.jpg", quality=92
    )
    rgb = np.asarray(Image.open(tmp_path / "c.jpg").convert("RGB"))
    people = finder.set_image(rgb)
    assert len(people) == 2 and all(p.face_box is not None for p in people)
