"""Cues about where a person stands in the scene: the side among those at a depth ("at the front
right"), cut off by the photo's border, hidden behind something. Synthetic scenes the tests draw,
and the annotated real dev photos (shared/data/real_people) with their annotated boxes."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from referring_scenes import blank, figure

from rpipp_gui.referring import Person, resolve, visibility
from rpipp_gui.referring import geometry as geo
from rpipp_gui.referring.colors import ClothingOptions, clothing_colours

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real_people"
needs_real = pytest.mark.skipif(
    not (REAL / "people.tsv").exists(), reason="shared/data/real_people is missing"
)


def real_photo(name: str) -> tuple[np.ndarray, list[Person], list[str]]:
    """(HxWx3 uint8 RGB, the annotated people as boxes, their ids) of a dev photo."""
    from PIL import Image

    rgb = np.asarray(Image.open(REAL / name).convert("RGB"))
    with open(REAL / "people.tsv", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r and r[0] == name]
    return rgb, [Person(box=tuple(float(v) for v in r[2:6])) for r in rows], [r[1] for r in rows]


def chosen(res, ids: list[str]) -> list[str]:
    return [ids[i] for i in res.selected] if res.verdict == "matched" else []


# Two near people (big, feet low) and two far ones at the right edge, in a 800x600 photo.
DEPTH = [
    Person(box=(100, 250, 180, 560)),  # near, left
    Person(box=(380, 240, 460, 550)),  # near, right of the near ones
    Person(box=(640, 100, 670, 200)),  # far
    Person(box=(720, 110, 750, 205)),  # far, rightmost of all
]


def test_side_is_counted_among_the_people_at_that_depth():
    size = (800, 600)
    lay = geo.layout(np.array([p.box for p in DEPTH]), size)
    fit = geo.horizontal_at_depth(lay, "right", "front")
    assert fit[1] > fit[0] + 0.5  # among the two in front, #2 is the right one
    res = resolve("the man at the front right", DEPTH, size)
    assert res.verdict == "matched" and res.selected == (1,)
    res = resolve("the person in the back on the right", DEPTH, size)
    assert res.selected[0] == 3
    # Without a depth word, "right" still means the rightmost of everyone.
    assert resolve("the man on the right", DEPTH, size).selected[0] == 3


@needs_real
def test_front_right_on_a_real_photo():
    rgb, people, ids = real_photo("vtest_0200.png")
    res = resolve("the man dressed all in black at the front right", people, image=rgb)
    assert chosen(res, ids) == ["p7"], res.explanation


# A 640x480 photo: a person cut by the right border, one cut by the bottom, one inside.
BORDER = [
    Person(box=(100, 100, 180, 400)),  # inside
    Person(box=(300, 200, 380, 480)),  # reaches the bottom
    Person(box=(610, 150, 640, 330)),  # reaches the right border
]


def test_cut_off_by_the_border():
    size = (640, 480)
    lay = geo.layout(np.array([p.box for p in BORDER]), size)
    assert list(visibility.cut_by_border(lay, "right")) == [0.0, 0.0, 1.0]
    assert list(visibility.cut_by_border(lay)) == [0.0, 1.0, 1.0]
    res = resolve("the person cut off at the right edge", BORDER, size)
    assert res.verdict == "matched" and res.selected == (2,)
    res = resolve("the man partly out of the picture at the bottom", BORDER, size)
    assert res.verdict == "matched" and res.selected == (1,)
    # Nobody reaches the left border: the sentence fits nobody rather than the leftmost person.
    res = resolve("the person cut off on the left", BORDER, size)
    assert res.verdict == "nobody" and "border" in res.explanation


@needs_real
def test_cut_off_on_a_real_photo():
    rgb, people, ids = real_photo("vtest_0500.png")
    res = resolve("the person cut off at the right edge", people, image=rgb)
    assert chosen(res, ids) == ["p5"], res.explanation
    # The people finder misses p5 (9 pixels of legs): then nobody is cut off there.
    found = [p for p, i in zip(people, ids, strict=True) if i != "p5"]
    assert resolve("the person cut off at the right edge", found, image=rgb).verdict == "nobody"


def _sign_scene():
    """Three people on a plain ground; a teal sign on a pole stands in front of the middle one's
    body and reaches past their box on the left; the third stands in a busy striped top."""
    img = blank(640, 400, shade=120)
    people = [
        figure(img, 120, 360, 240, shirt="black", pants="blue"),
        figure(img, 320, 360, 240, shirt="gray", pants="black"),
        figure(img, 520, 360, 240, shirt="red", pants="blue"),
    ]
    for y in range(200, 260, 12):  # stripes on the third one's top: edges that stop at the body
        img[y : y + 6, 500:540] = (20, 20, 25)
    img[200:290, 250:330] = (10, 60, 55)  # the sign, dark teal on the light ground, over the torso
    img[290:400, 296:302] = (200, 200, 210)  # its pole
    return img, people


def test_hidden_behind_a_sign_in_a_drawn_scene():
    img, people = _sign_scene()
    lay = geo.layout(np.array([p.box for p in people]), (640, 400))
    fits = visibility.hidden_fits(img, lay)
    assert fits[1] == 1.0 and fits[0] < 0.3 and fits[2] < 0.3, fits
    res = resolve("the person partly hidden behind the sign", people, image=img)
    assert res.verdict == "matched" and res.selected == (1,), res.explanation
    # Without the sign nobody is hidden: the words are reported as not seen, never a pick by them.
    plain = blank(640, 400, shade=120)
    again = [figure(plain, x, 360, 240) for x in (120, 320, 520)]
    res = resolve("the person half hidden behind the sign", again, image=plain)
    assert res.verdict != "matched" and "hidden" in res.unjudged


def test_peeking_over_a_car_wants_only_the_head_to_show():
    img, people = _sign_scene()
    # A fourth person behind a car: only head and shoulders show above its roof.
    img[300:400, 560:640] = (150, 190, 230)  # the car's side, light blue
    img[270:300, 590:610] = (30, 30, 30)  # head and shoulders above the roof
    people.append(Person(box=(590, 270, 610, 300)))
    lay = geo.layout(np.array([p.box for p in people]), (640, 400))
    assert visibility.hidden_fits(img, lay, "mostly")[1] == 0.0  # the sign hides only a torso
    res = resolve("the person peeking over the car", people, image=img)
    assert res.verdict == "matched" and res.selected == (3,), res.explanation
    assert resolve("the person peeking over the car", people[:3], image=img).verdict != "matched"


def test_half_hidden_prefers_who_shows_more_than_a_head():
    img, people = _sign_scene()
    img[300:400, 560:640] = (150, 190, 230)  # the car of the peeking test
    img[270:300, 590:610] = (30, 30, 30)
    people.append(Person(box=(590, 270, 610, 300)))
    lay = geo.layout(np.array([p.box for p in people]), (640, 400))
    partly = visibility.hidden_fits(img, lay, "partly")
    assert partly[1] == 1.0 and partly[3] <= 0.5, partly  # both hidden; the head only shows less
    res = resolve("the person half hidden behind the sign", people, image=img)
    assert res.verdict == "matched" and res.selected == (1,), res.explanation
    # a hidden head alone still fits fully: "partly hidden behind the car" means them
    alone = [people[0], people[2], people[3]]
    lay = geo.layout(np.array([p.box for p in alone]), (640, 400))
    assert visibility.hidden_fits(img, lay, "partly")[2] == 1.0


@needs_real
@pytest.mark.parametrize(
    "photo, sentence, want",
    [
        ("vtest_0100.png", "the person partly hidden behind the sign", ["p4"]),
        ("vtest_0700.png", "the person peeking over the light-blue car in the background", ["p9"]),
        # p5 behind the sign and p9 behind the car are both hidden (which thing is not read), but
        # "half hidden" says more than p9's head and shoulders shows
        ("vtest_0700.png", "the person half hidden behind the sign", ["p5"]),
    ],
)
def test_hidden_on_real_photos(photo, sentence, want):
    rgb, people, ids = real_photo(photo)
    res = resolve(sentence, people, image=rgb)
    assert chosen(res, ids) == want, res.explanation


def test_a_white_hood_is_told_from_a_light_ground_behind_a_dark_head():
    """Boxes without masks: the head band of a box is wider than the head, so the ground beside it
    shows through. A dark head against a light pavement is not a white hood; a white hood against a
    dark ground is (``ClothingOptions.head_ground``)."""
    img = blank(400, 300, shade=60)
    img[:, 200:] = (225, 225, 222)  # a light pavement behind the right-hand person
    img[60:80, 95:105] = (240, 240, 238)  # the white hood, on the dark ground
    img[80:200, 85:115] = (40, 60, 160)
    img[60:80, 295:305] = (35, 30, 30)  # dark hair, on the light ground
    img[80:200, 285:315] = (30, 30, 30)
    people = [Person(box=(80.0, 60.0, 120.0, 200.0)), Person(box=(280.0, 60.0, 320.0, 200.0))]
    head = [clothing_colours(img, p)["head"] for p in people]
    assert head[0].get("white", 0) > 0.2 > head[1].get("white", 0)
    res = resolve("the person in the white hood", people, image=img)
    assert res.verdict == "matched" and res.selected == (0,)
    bare = ClothingOptions(head_ground=0.0)  # the ground not looked at: the pavement reads as white
    assert clothing_colours(img, people[1], bare)["head"].get("white", 0) > 0.2


def test_posture_is_read_from_each_persons_pose_before_the_box_shape(monkeypatch):
    """One person found without keypoints, with a wide box (cut by a sign, or two people merged):
    the pose model run on that box sees them standing, so "walking" tells nobody apart; the box's
    shape alone would rule them out and hand the sentence to someone else."""
    from rpipp_gui.referring import looks

    img = blank(700, 420)
    people = [figure(img, 120, 400, 330), figure(img, 320, 400, 330)]
    wide = Person(box=(450.0, 200.0, 650.0, 400.0))  # as wide as it is high
    seen = figure(blank(700, 420), 550, 400, 200).keypoints  # standing, inside that box
    monkeypatch.setattr(looks, "_pose_on_box", lambda image, person, o: seen)
    res = resolve("the person walking", [*people, wide], image=img)
    assert res.verdict == "unsure" and set(res.candidates) == {0, 1, 2}
    sitting = figure(blank(700, 420), 550, 400, 200, posture="sitting").keypoints
    monkeypatch.setattr(looks, "_pose_on_box", lambda image, person, o: sitting)
    img2 = img.copy()  # a new photo: the looks of the first one are not reused
    res = resolve("the person sitting", [*people, wide], image=img2)
    assert res.verdict == "matched" and res.selected == (2,)


def test_hidden_between_two_close_neighbours():
    # three people standing close, boxes a few pixels apart; the sign hides the middle one's torso
    # and runs on past their box up to the next person: the strips beside the middle one lie on
    # the neighbours' boxes, so they are cut at those boxes, not dropped
    img = blank(640, 400, shade=120)
    people = [figure(img, x, 360, 240, shirt="black", pants="blue") for x in (240, 320, 400)]
    b = [p.box for p in people]
    assert b[0][2] < b[1][0] and b[1][2] < b[2][0]  # close, not overlapping
    img[200:260, int(b[1][0]) - 2 : int(b[2][0]) + 8] = (10, 60, 55)  # the sign
    fits = visibility.hidden_fits(img, geo.layout(np.array(b), (640, 400)))
    assert fits[1] == 1.0 and fits[0] < 0.3, fits
