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
from rpipp_gui.people.annotations import Annotated, best_match, found_union, read_people, score_photo
from rpipp_gui.people.bodies import Body, BodyDetector, _cut_by_tile, _dedupe, decode, ssd_anchors, tiles
from rpipp_gui.people.options import BodyOptions
from rpipp_gui.people.person import Person, box_iou
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


def test_a_box_a_few_pixels_inside_an_inner_tile_edge_is_cut_by_the_tile():
    # right11.jpg at 12 MP: a 337 px tile of the bottom row (its top edge at 413 px) gave a box of
    # the man's lower body starting 7 px below that edge; the tile cut him, the box was a part
    options = BodyOptions()
    tile, width, height = (331, 413, 668, 750), 1000, 750
    assert _cut_by_tile((450.0, 420.0, 640.0, 745.0), tile, width, height, options.tile_margin)
    inside = (450.0, 440.0, 640.0, 745.0)  # 27 px (0.08) below it, on the photo's bottom border
    assert not _cut_by_tile(inside, tile, width, height, options.tile_margin)


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


def test_a_box_seen_plainly_on_a_tile_away_from_everyone_is_hidden_as_its_box():
    # real_people_pkg10's jqm_photo-run p2, a 10x25 px runner: 0.60 on a tile, 0.21 on the photo,
    # no person pixels. The export's privacy check reads tile scores, so dropping him left a person
    # it still saw after "hide everyone". A box others cover, a weaker one, and one with person
    # pixels of its own (not sure, so its pixels are kept, not its box) stay as before.
    from rpipp_gui.people.body_masks import BodyMask, body_candidate
    from rpipp_gui.people.options import BodyMaskOptions

    options = BodyMaskOptions()
    box = (50.0, 50.0, 60.0, 75.0)
    empty = BodyMask(np.zeros((29, 12), np.float32), (49, 48, 61, 77), None, 0.0, "body+selfie")
    free = np.zeros((300, 400), bool)
    cand = body_candidate(empty, free, Body(box, 0.6, 0.21), options)
    assert cand is not None and cand.source == "body"
    assert int((cand.prob > 0.5).sum()) == 10 * 25
    covered = free.copy()
    covered[50:60, 50:60] = True  # 40 % of its box is someone found
    assert body_candidate(empty, covered, Body(box, 0.6, 0.21), options) is None
    assert body_candidate(empty, free, Body(box, 0.45, 0.21), options) is None
    wide = Body((50.0, 50.0, 90.0, 60.0), 0.6, 0.21)  # not shaped like a person
    wide_mask = BodyMask(np.zeros((14, 44), np.float32), (48, 48, 92, 62), None, 0.0, "body+selfie")
    assert body_candidate(wide_mask, free, wide, options) is None
    prob = np.zeros((29, 12), np.float32)
    prob[4:20, 2:7] = 1.0  # a sliver of person pixels: 0.2 of the box, under sparse_evidence
    sliver = BodyMask(prob, (49, 48, 61, 77), None, 0.2, "body+selfie")
    cand = body_candidate(sliver, free, Body(box, 0.6, 0.21), options)
    assert cand.source == "body+selfie" and int((cand.prob > 0.5).sum()) == 16 * 5
    off = BodyMaskOptions(seen_apart=1.0)
    assert body_candidate(empty, free, Body(box, 0.6, 0.21), off) is None


def test_a_box_hidden_whole_is_its_own_box_and_may_be_wider_when_the_bottom_border_cuts_it():
    # The mask of a box hidden whole is the body's box, not the box it is kept in (grown sideways
    # for large bodies): a 0.72-tall-per-wide man cut by the bottom border (right03.jpg) counts,
    # and his mask runs on to the border.
    from rpipp_gui.people.body_masks import BodyMask, body_candidate

    covered = np.zeros((300, 400), bool)
    for y0, hidden in ((154.0, True), (100.0, False)):  # cut by the bottom border, or not
        body = Body((50.0, y0, 250.0, y0 + 143.0), 0.46, 0.46)  # 3 px short of the border
        keep = (10, int(y0) - 12, 290, min(300, int(y0) + 158))  # grown as body_mask grows it
        empty = BodyMask(
            np.zeros((keep[3] - keep[1], keep[2] - keep[0]), np.float32), keep, None, 0.0, "body+selfie"
        )
        cand = body_candidate(empty, covered, body)
        assert (cand is not None) == hidden, y0
        if cand is not None:
            ys, xs = np.nonzero(cand.prob > 0.5)
            got = (xs.min() + keep[0], ys.min() + keep[1], xs.max() + 1 + keep[0], ys.max() + 1 + keep[1])
            assert got == (50, int(y0), 250, 300)


def test_a_sure_box_with_a_sliver_of_person_pixels_and_no_pose_is_hidden_whole():
    # right03.jpg: an arm beside the board the man holds is all selfie segmentation sees (0.16 of
    # his box); its pixels alone made a second, partial person. With pose, or with more pixels
    # (people from behind: 0.28 and more), the mask stays the models'.
    from rpipp_gui.people.body_masks import BodyMask, body_candidate
    from rpipp_gui.people.options import BodyMaskOptions

    options = BodyMaskOptions()
    covered = np.zeros((300, 400), bool)
    body = Body((50.0, 50.0, 250.0, 250.0), 0.46, 0.46)
    for share, keypoints, hidden in (
        (0.16, None, True),
        (0.4, None, False),
        (0.16, np.zeros((33, 3)), False),
    ):
        prob = np.zeros((200, 200), np.float32)
        prob[:, : int(share * 200)] = 1.0
        mask = BodyMask(prob, (50, 50, 250, 250), keypoints, share, "body+selfie")
        cand = body_candidate(mask, covered, body, options)
        assert cand is not None and (cand.source == "body") == hidden, (share, keypoints is None)
        assert (cand.prob > 0.5).mean() == (1.0 if hidden else pytest.approx(share, abs=0.01))
    weak = Body((50.0, 50.0, 250.0, 250.0), 0.3, 0.3)  # not sure: its pixels, whatever they are
    mask = BodyMask(prob, (50, 50, 250, 250), None, 0.16, "body+selfie")
    assert body_candidate(mask, covered, weak, options).source == "body+selfie"


def test_a_box_the_detector_alone_confirmed_is_hidden_whole_even_where_pose_fits_a_part():
    # right09.jpg at 12 MP: pose fitted the shirt beside the board the man holds (0.4 of his box);
    # his person shrank to it and no longer matched him. A box the detector alone confirmed
    # (weak_large.py) is hidden whole; the pose's keypoints and its pixels beyond the box stay.
    from rpipp_gui.people.body_masks import BodyMask, body_candidate

    covered = np.zeros((300, 400), bool)
    prob = np.zeros((220, 220), np.float32)  # kept in the box grown by 10 px
    prob[10:210, 130:220] = 1.0  # the shirt, running 10 px beyond the box's right side
    keypoints = np.zeros((33, 3), np.float32)
    mask = BodyMask(prob, (40, 40, 260, 260), keypoints, 0.4, "body+pose")
    for alone in (False, True):
        body = Body((50.0, 50.0, 250.0, 250.0), 0.13, 0.0, 1.0, alone=alone)
        cand = body_candidate(mask, covered, body)
        ys, xs = np.nonzero(cand.prob > 0.5)
        got = (xs.min() + 40, ys.min() + 40, xs.max() + 41, ys.max() + 41)
        assert got == ((50, 50, 260, 250) if alone else (170, 50, 260, 250)), alone
        assert cand.keypoints is keypoints


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


# -- the fine check of small weak boxes ---------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"fine_candidate": 0.0},
        {"fine_accept": 1.5},
        {"fine_candidate": 0.5, "fine_accept": 0.4},
        {"fine_height": 0.0},
        {"fine_known": 1.5},
        {"fine_beside": -0.1},
        {"fine_max": -1},
        {"fine_context": 0.5},
        {"fine_min_px": 4},
        {"fine_share_margin": 0.5},
        {"fine_share_size": 0.0},
        {"fine_iou": 0.0},
    ],
)
def test_fine_check_options_are_checked(change):
    with pytest.raises(ValueError):
        BodyOptions(**change)


def test_fine_confident_is_checked():
    from rpipp_gui.people.options import BodyMaskOptions

    for value in (0.0, 1.2):
        with pytest.raises(ValueError, match="fine_confident"):
            BodyMaskOptions(fine_confident=value)
    assert BodyMaskOptions(fine_confident=0.5).fine_confident == 0.5


def test_fine_candidates_are_small_weak_boxes_away_from_people():
    from rpipp_gui.people.bodies import fine_candidates

    options = BodyOptions()
    shape = (600, 800)  # small: under 60 px high
    person = Body((100, 100, 160, 300), 0.6, 0.6)
    tiny = Body((500, 50, 510, 66), 0.14)
    small = Body((600, 50, 620, 90), 0.3)
    faint = Body((700, 50, 710, 66), 0.1)  # below fine_candidate
    tall = Body((300, 100, 330, 170), 0.2)  # 70 px: not small
    head = Body((110, 100, 150, 140), 0.3)  # on the person the detector accepted
    on_known = Body((400, 400, 420, 430), 0.3)  # on someone the faces found
    known = np.zeros(shape, bool)
    known[400:430, 400:420] = True
    seen = [person, tiny, small, faint, tall, head, on_known]
    got = fine_candidates(seen, [person], shape, options, known)
    assert [b.box for b in got] == [tiny.box, small.box]  # smallest first
    assert [b.box for b in fine_candidates(seen, [person], shape, options)] == [
        tiny.box,
        on_known.box,
        small.box,
    ]


class _BrightDetector(BodyDetector):
    """A stand-in model: on each crop, one detection around its bright pixels (crop pixels),
    scoring ``score``; nothing on a dark crop. Records the crops it was given."""

    def __init__(self, score: float, options: BodyOptions | None = None) -> None:
        super().__init__(options)
        self.score = score
        self.crops: list[tuple[int, ...]] = []

    def scores_many(self, crops):
        out = []
        for crop in crops:
            self.crops.append(crop.shape)
            ys, xs = np.nonzero(crop[:, :, 0] > 128)
            if ys.size == 0:
                out.append((np.zeros((0, 4), np.float32), np.zeros(0, np.float32)))
                continue
            box = [xs.min(), ys.min(), xs.max() + 1, ys.max() + 1]
            out.append((np.array([box], np.float32), np.array([self.score], np.float32)))
        return out


def _bright_photo(scale: int) -> np.ndarray:
    """A dark 600x800 photo (at ``scale`` times its size) with a bright 10x20 px 'person' at
    (500, 100) and a second one at (700, 400), in photo pixels."""
    full = np.zeros((600 * scale, 800 * scale, 3), np.uint8)
    full[100 * scale : 120 * scale, 500 * scale : 510 * scale] = 255
    full[400 * scale : 420 * scale, 700 * scale : 710 * scale] = 255
    return full


@pytest.mark.parametrize("scale", [1, 4])
def test_fine_check_maps_crops_of_the_full_photo_back(scale):
    detector = _BrightDetector(0.6)
    weak = [Body((498.0, 96.0, 514.0, 118.0), 0.14), Body((300.0, 300.0, 310.0, 320.0), 0.13)]
    checked = detector.fine_check(_bright_photo(scale), (600, 800), weak)
    assert checked[0].fine == pytest.approx(0.6)
    np.testing.assert_allclose(checked[0].box, (500, 100, 510, 120), atol=0.5)
    assert checked[0].score == pytest.approx(0.6) and checked[1].fine == 0.0
    assert checked[1].box == weak[1].box
    # each crop is fine_min_px (48) working pixels across, cut from the full photo
    assert detector.crops == [(48 * scale, 48 * scale, 3)] * 2


def test_fine_check_shares_crops_and_keeps_to_its_budget():
    detector = _BrightDetector(0.6, BodyOptions(fine_max=1))
    near = [Body((498.0, 96.0, 514.0, 118.0), 0.2), Body((502.0, 100.0, 512.0, 116.0), 0.13)]
    far = Body((696.0, 396.0, 712.0, 424.0), 0.12)
    checked = detector.fine_check(_bright_photo(1), (600, 800), [*near, far])
    assert len(detector.crops) == 1  # the two near boxes share one crop, the far one gets none
    assert [b.fine > 0 for b in checked] == [True, True, False]


def test_fine_check_needs_two_looks():
    weak = [Body((498.0, 96.0, 514.0, 118.0), 0.14)]
    sure = _BrightDetector(0.5)
    (found,) = sure.fine_confirmed(_bright_photo(2), (600, 800), weak)
    assert found.fine == pytest.approx(0.5) and len(sure.crops) == 2
    assert _BrightDetector(0.3).fine_confirmed(_bright_photo(2), (600, 800), weak) == []


def _small_person_scene(with_person: bool = True) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A 3072x2304 plaza-grey scene with one real person (vtest frame 700's man in black walking
    away, 24x69 px, with 12 px around him) pasted at his own size: in the finder's 1024 px working
    copy he is 8x23 px. Returns the scene and his box (photo pixels)."""
    src = real_photo("vtest_0700.png")
    patch = src[166 - 12 : 235 + 12, 519 - 12 : 543 + 12]
    scene = np.empty((2304, 3072, 3), np.uint8)
    scene[:] = src[300:340, 600:640].mean(axis=(0, 1)).astype(np.uint8)
    y, x = 768, 1536
    if with_person:
        scene[y : y + patch.shape[0], x : x + patch.shape[1]] = patch
    return scene, (x + 12, y + 12, x + 12 + 24, y + 12 + 69)


@needs_real
def test_fine_check_finds_a_person_small_on_the_working_copy():
    from rpipp_gui.people.person_masks import downscale

    detector = BodyDetector()
    scene, person = _small_person_scene()
    work = downscale(scene, 1024)
    s = work.shape[1] / scene.shape[1]
    assert detector.find(work) == []  # too small for the whole photo and its tiles
    (found,) = detector.find(work, fine=scene)  # seen on a crop of the full photo
    assert found.fine >= detector.options.fine_accept
    assert box_iou(tuple(v / s for v in found.box), person) >= 0.4
    # known people are not looked at again; a scene without him gives nobody
    known = np.zeros(work.shape[:2], bool)
    known[int(person[1] * s) : int(person[3] * s) + 1, int(person[0] * s) : int(person[2] * s) + 1] = True
    assert detector.find(work, fine=scene, known=known) == []
    empty, _ = _small_person_scene(with_person=False)
    assert detector.find(downscale(empty, 1024), fine=empty) == []


@needs_real
def test_the_finder_hides_a_person_small_on_the_working_copy(finder):
    scene, person = _small_person_scene()
    people = finder.set_image(scene)
    assert len(people) == 1
    assert people[0].mask[person[1] : person[3], person[0] : person[2]].mean() >= 0.5


class CountingModels:
    """Stands in for MediaPipeModels: pose sees nobody, selfie sees a person in the middle third."""

    def __init__(self) -> None:
        self.poses = 0
        self.selfies = 0

    def pose(self, rgb):
        self.poses += 1
        return None

    def selfie(self, rgb, landscape=False):
        self.selfies += 1
        prob = np.zeros(rgb.shape[:2], np.float32)
        prob[:, rgb.shape[1] // 3 : 2 * rgb.shape[1] // 3] = 0.9
        return prob


def test_a_body_mask_without_pose_runs_selfie_only():
    from rpipp_gui.people.body_masks import body_mask

    work = np.full((300, 400, 3), 100, np.uint8)
    box = (150.0, 50.0, 250.0, 250.0)  # 200 px high: pose would run (pose_min_px 80)
    for pose, poses in ((True, 1), (False, 0)):
        models = CountingModels()
        mask = body_mask(models, work, box, 0.5, pose=pose)
        assert models.poses == poses and models.selfies == 1
        assert mask is not None and mask.keypoints is None and mask.source == "body+selfie"
        assert mask.evidence > 0.2


def test_only_a_body_holding_people_with_keypoints_skips_pose():
    from rpipp_gui.people.body_fusion import held_posed
    from rpipp_gui.people.options import FinderOptions
    from rpipp_gui.people.person_masks import Candidate

    shape = (300, 400)
    owner = np.full(shape, -1, np.int16)
    owner[60:240, 160:240] = 0  # someone found before, inside the body box
    prob = np.ones((180, 80), np.float32)
    posed = Candidate(prob, (160, 60, 240, 240), 0.9, "pose", np.zeros((33, 3), np.float32))
    unposed = Candidate(prob, (160, 60, 240, 240), 0.9, "face+selfie")
    box = (150.0, 50.0, 250.0, 250.0)
    opts = FinderOptions()
    assert held_posed([posed], owner, box, shape, opts)
    assert not held_posed([unposed], owner, box, shape, opts)  # kept as before: pose completes them
    assert not held_posed([posed], owner, (0.0, 0.0, 100.0, 100.0), shape, opts)  # holds nobody


def test_best_match_names_the_annotated_person_a_box_lies_on():
    people = [
        Annotated("p.png", "p1", (0, 0, 40, 100), "large", "front", False, False),
        Annotated("p.png", "p2", (50, 0, 90, 100), "large", "front", False, False),
        Annotated("p.png", "crowd1", (0, 0, 200, 100), "large", "front", False, True),
    ]
    assert best_match((2, 0, 42, 98), people) == "p1"  # IoU
    assert best_match((55, 10, 75, 40), people) == "p2"  # a part of p2: inside his box
    assert best_match((120, 0, 160, 100), people) == "-"  # only on the crowd: no person
    assert best_match((30, 0, 60, 100), people) == "-"  # between them: neither rule holds


def test_found_union_is_the_masks_of_the_people_found():
    a = np.zeros((20, 30), bool)
    a[2:6, 3:9] = True
    b = np.zeros((20, 30), bool)
    b[10:15, 20:25] = True
    union = found_union(
        [Person((3, 2, 9, 6), mask=a), Person((20, 10, 25, 15), mask=b), Person((0, 0, 5, 5))], a.shape
    )
    assert np.array_equal(union, a | b)  # a person without a mask adds nothing, not even a box


class _CheckRecorder(BodyDetector):
    """A detector whose check crop finds nothing new; it records the boxes it checks."""

    def __init__(self, options: BodyOptions | None = None) -> None:
        super().__init__(options)
        self.checked: list[tuple[float, ...]] = []

    def _check(self, rgb, body):
        self.checked.append(body.box)
        return body


def test_weak_boxes_seen_only_on_a_tile_are_checked_first():
    # five things seen on the whole photo at 0.3 (cones, posts) and a distant walker seen only on
    # a tile at 0.21: best first, the four checks went to the things and never reached him
    detector = _CheckRecorder(BodyOptions(max_checks=4))
    things = [Body((100.0 * i, 50.0, 100.0 * i + 20, 80.0), 0.3 + 0.01 * i, 0.3 + 0.01 * i) for i in range(5)]
    walker = Body((700.0, 20.0, 711.0, 60.0), 0.21, 0.1)
    detector.accepted(np.zeros((600, 800, 3), np.uint8), [*things, walker])
    assert len(detector.checked) == 4
    assert walker.box in detector.checked
    # the other three are the best of the things
    assert sorted(b for b in detector.checked if b != walker.box) == sorted(b.box for b in things[2:])
