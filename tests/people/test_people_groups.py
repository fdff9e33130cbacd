"""People close together (issue-12k, the group photos of benchmarks/data/real_people_pkg): pose
around a face that took a neighbour is tried again with the other faces painted grey, a
whole-photo pose that merges two people whose face seeds failed is not taken, and selfie
segmentation under a face is tried on square windows when the photo's border cut its crop wide."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from people_scenes import make_scene
from PIL import Image

from rpipp_gui.people.annotations import read_people, score_photo
from rpipp_gui.people.embedded import EmbeddedBackend
from rpipp_gui.people.face_seeds import neighbours_in
from rpipp_gui.people.faces import Face, paint_other_faces
from rpipp_gui.people.mp_models import MediaPipeModels, PoseResult

PKG = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "real_people_pkg"


class _OnePose(MediaPipeModels):
    """Pose that always sees one upright person: a blob over columns 20-180, nose at (60, 40)."""

    def pose(self, rgb):
        h, w = rgb.shape[:2]
        prob = np.zeros((h, w), np.float32)
        prob[20:190, 20:180] = 0.9
        keypoints = np.zeros((33, 3), np.float32)
        keypoints[:, 2] = 1.0
        keypoints[0, :2] = (60, 40)  # nose
        keypoints[[11, 12], :2] = ((50, 80), (70, 80))  # shoulders above...
        keypoints[[23, 24], :2] = ((50, 150), (70, 150))  # ...hips: upright
        return PoseResult(keypoints, prob)


class _BrightestPose(MediaPipeModels):
    """Pose that sees whoever has the leftmost white (255) pixel of the image as its nose, with a
    body of 20 columns under it to the bottom; nobody when no pixel is white."""

    def pose(self, rgb):
        ys, xs = np.nonzero(rgb[:, :, 0] == 255)
        if xs.size == 0:
            return None
        i = int(np.argmin(xs))
        x, y = int(xs[i]), int(ys[i])
        h, w = rgb.shape[:2]
        prob = np.zeros((h, w), np.float32)
        prob[max(0, y - 10) :, max(0, x - 10) : x + 10] = 0.9
        keypoints = np.zeros((33, 3), np.float32)
        keypoints[:, 2] = 1.0
        keypoints[0, :2] = (x + 4, y + 4)
        keypoints[[11, 12], :2] = ((x, y + 20), (x + 8, y + 20))
        keypoints[[23, 24], :2] = ((x, y + 60), (x + 8, y + 60))
        return PoseResult(keypoints, prob)


def test_pose_that_took_a_neighbour_is_tried_again_with_the_other_faces_painted_grey():
    work = np.full((200, 200, 3), 90, np.uint8)
    work[40:60, 80:100] = 255  # face A
    work[40:60, 110:130] = 255  # face B, right of A: every crop around B holds A too
    a, b = Face((80, 40, 100, 60), 0.9), Face((110, 40, 130, 60), 0.9)
    backend = EmbeddedBackend(models=_BrightestPose())
    assert backend._face_pose(work, b)[0] is None  # pose sees A in every crop
    cand, _ = backend._face_pose(work, b, faces=[a, b])
    assert cand is not None and cand.face_box == b.box
    assert cand.keypoints[0, 0] >= 110  # B's own nose
    assert backend._face_pose(work, a, faces=[a, b])[0] is not None  # A needs no second try
    painted = paint_other_faces(work, b, [a, b], 0.2)
    assert (painted[40:60, 80:100] == 128).all() and (painted[40:60, 110:130] == 255).all()
    off = dataclasses.replace(backend.options.seed, paint_others=0.0)
    backend.options = dataclasses.replace(backend.options, seed=off)
    assert backend._face_pose(work, b, faces=[a, b])[0] is None


class _CountingPose(_BrightestPose):
    def __init__(self):
        super().__init__()
        self.calls = 0

    def pose(self, rgb):
        self.calls += 1
        return super().pose(rgb)


def test_in_a_group_the_painted_crops_go_first():
    # B's first crop holds A's face: the plain crops would all give A's pose; painting first
    # finds B's at once, the same pose the plain-first order reaches after every plain crop.
    work = np.full((200, 200, 3), 90, np.uint8)
    work[40:60, 80:100] = 255
    work[40:60, 110:130] = 255
    a, b = Face((80, 40, 100, 60), 0.9), Face((110, 40, 130, 60), 0.9)
    assert neighbours_in((85, 20, 155, 240), b, [a, b]) == 1
    assert neighbours_in((105, 20, 155, 240), b, [a, b]) == 0
    found = {}
    for first in (1, 0, None):  # None: the default, 2 (one neighbour is no group: plain first)
        models = _CountingPose()
        backend = EmbeddedBackend(models=models)
        if first is not None:
            seed = dataclasses.replace(backend.options.seed, paint_first=first)
            backend.options = dataclasses.replace(backend.options, seed=seed)
        cand, _ = backend._face_pose(work, b, faces=[a, b])
        assert cand is not None and cand.keypoints[0, 0] >= 110  # B's own nose
        found[first] = (models.calls, cand.prob.copy())
    assert found[1][0] == 1 < found[0][0] == found[None][0]
    assert np.array_equal(found[1][1], found[0][1])


def test_a_whole_photo_pose_holding_two_faces_nobody_covers_is_two_people_merged():
    backend = EmbeddedBackend(models=_OnePose())
    work = np.full((200, 200, 3), 120, np.uint8)
    selfie = np.ones((200, 200), np.float32)
    covered = np.zeros((200, 200), bool)
    left, right = Face((45, 25, 75, 60), 0.9), Face((125, 25, 155, 60), 0.9)
    assert backend._pose_pass(work, covered, selfie, [left]) is not None  # one face: their own
    assert backend._pose_pass(work, covered, selfie, [left, right]) is None
    covered[30:55, 130:150] = True  # the right one was found before (only their face, kept apart)
    assert backend._pose_pass(work, covered, selfie, [left, right]) is not None
    loose = dataclasses.replace(backend.options.pose_pass, max_faces=2)
    backend.options = dataclasses.replace(backend.options, pose_pass=loose)
    assert backend._pose_pass(work, np.zeros_like(covered), selfie, [left, right]) is not None


def test_selfie_under_a_face_in_a_short_wide_photo_holds_that_face():
    # four portraits 170 px tall side by side: a crop sized by the face (4.5 face heights each
    # way) is cut by the top and bottom borders to a 3.7:1 strip, on which the selfie model lost
    # the two middle people; square windows over it (a second try) keep each.
    scene = make_scene(["astronaut", "grace", "astronaut", "grace"], height=170)
    backend = EmbeddedBackend()
    faces, _, _ = backend._faces(scene.rgb, backend.options.small_face_threshold)
    assert len(faces) == 4
    covered = np.zeros(scene.rgb.shape[:2], bool)
    for face in faces:
        cand = backend._face_selfie(scene.rgb, face, covered, faces)
        assert cand is not None, face.box
        x0, y0, x1, y1 = (int(v) for v in face.box)
        assert cand.mask(covered.shape, 0.5)[y0:y1, x0:x1].mean() >= 0.5, face.box


@pytest.mark.slow
@pytest.mark.parametrize(
    "photo", ["images/sample4.jpg", "images/sample5.jpg", "images/sample6.jpg", "images/inpaint_basics.jpg"]
)
def test_everyone_of_the_close_groups_is_found_apart(finder, photo):
    if not (PKG / photo).is_file():
        pytest.skip("run scripts/fetch_real_people_pkg.py first")
    rgb = np.asarray(Image.open(PKG / photo).convert("RGB"))
    people = finder.set_image(rgb)
    annotated = read_people(PKG / "people.tsv")[photo]
    score = score_photo(annotated, [p.box for p in people], None)
    assert all(score.found), [a.id for a, f in zip(annotated, score.found, strict=True) if not f]
    assert not score.false
