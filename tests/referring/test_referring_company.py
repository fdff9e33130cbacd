"""A person placed by another described person ("the one in green next to the one in red"), and
someone alone or among others ("standing alone", "in the group"), judged where people stand: the
feet, in units of their height (issue-13q)."""

from __future__ import annotations

import numpy as np
from referring_scenes import blank, exclusive, figure

from rpipp_gui.referring import geometry as geo
from rpipp_gui.referring import resolve
from rpipp_gui.referring.heading import heading
from rpipp_gui.referring.query import parse


def _deep_scene():
    """Red (#0) in front; green #1 beside red; green #2 far behind, about above red in the frame."""
    img = blank(640, 400)
    people = [
        figure(img, 200, 380, 300, shirt="red"),
        figure(img, 330, 380, 300, shirt="green"),
        figure(img, 250, 150, 90, shirt="green"),
    ]
    return img, exclusive(people)


def test_next_to_a_described_person_is_measured_at_the_feet():
    img, people = _deep_scene()
    # the far green one is nearer to red across the frame, but stands far behind: not next to red
    for text in ("the person in green next to the one in red", "the one in green beside the person in red"):
        res = resolve(text, people, image=img)
        assert res.selected == (1,) and res.verdict == "matched", (text, res.explanation)
    # "standing with" / "talking to" read as the same relation
    assert parse("the kid standing with the tall man").relation == "next_to"
    assert parse("the man talking to the woman in red").anchor.text == "the woman in red"


def test_next_to_is_never_the_anchor_themself():
    lay = geo.layout(np.array([(0, 0, 100, 300), (120, 0, 220, 300), (600, 0, 700, 300)], float), (800, 400))
    anchor_p = np.array([0.9, 0.05, 0.05])
    fit = geo.relation(lay, "next_to", anchor_p)
    assert fit[1] > 0.5 and fit[0] < 0.1 and fit[2] < 0.1


def test_company_words_are_read():
    assert parse("the man standing alone").company == "alone"
    assert parse("the woman by herself").company == "alone"
    assert parse("the woman by herself").relation is None  # not "by" a person named "herself"
    assert parse("the girl on her own").company == "alone"
    assert parse("the guy with glasses in the group").company == "group"
    assert parse("the girl with the others").company == "group"
    assert parse("the man in red").company is None


def _two_blue_scene():
    """Blue #0 with red #1 and green #2 in a group at the left; blue #3 alone at the right."""
    img = blank(800, 400)
    people = [
        figure(img, 100, 380, 260, shirt="blue", pants="black"),
        figure(img, 170, 380, 260, shirt="red", pants="black"),
        figure(img, 240, 380, 260, shirt="green", pants="black"),
        figure(img, 700, 380, 260, shirt="blue", pants="black"),
    ]
    return img, exclusive(people)


def test_alone_and_in_the_group_tell_two_alike_apart():
    img, people = _two_blue_scene()
    assert resolve("the person in blue", people, image=img).verdict == "unsure"  # two alike
    assert _picked("the person in blue standing alone", people, img) == (3,)
    assert _picked("the one in blue on his own", people, img) == (3,)
    assert _picked("the person in blue in the group", people, img) == (0,)
    assert _picked("the one in blue with the others", people, img) == (0,)


def test_company_from_boxes():
    lay = geo.layout(np.array([(0, 0, 100, 300), (110, 0, 210, 300), (700, 0, 800, 300)], float), (900, 400))
    alone, group = geo.company(lay, "alone"), geo.company(lay, "group")
    assert alone[2] == 1.0 and alone[0] == 0.0 and group[0] == 1.0 and group[2] == 0.0
    one = geo.layout(np.array([(0, 0, 100, 300)], float), (900, 400))
    assert geo.company(one, "alone")[0] == 1.0  # nobody else: alone


def _picked(text, people, img):
    res = resolve(text, people, image=img)
    return res.selected if res.verdict == "matched" else None


def _profile(person, side):
    """Turn a drawn figure's head to the photo's ``side``: nose ahead of one ear (a side view)."""
    kp = person.keypoints
    u = (person.box[3] - person.box[1]) / 8
    nose_x = kp[0, 0]
    step = 1 if side == "right" else -1
    kp[0, 0] = nose_x + step * 0.45 * u
    kp[[7, 8], 0] = nose_x - step * 0.1 * u
    kp[[7, 8], 1] = kp[0, 1]
    kp[[7, 8], 2] = 0.99
    return person


def test_walking_to_the_right_from_the_nose_ahead_of_the_ears():
    img = blank(800, 400)
    people = exclusive([figure(img, x, 380, 260, shirt="blue", pants="black") for x in (150, 400, 650)])
    _profile(people[0], "left"), _profile(people[1], "right")
    people[2].keypoints[[7, 8], :2] = people[2].keypoints[0, :2] + (0, 0)  # front: ears about the nose
    people[2].keypoints[7, 0] -= 10
    people[2].keypoints[8, 0] += 10
    people[2].keypoints[[7, 8], 2] = 0.99
    assert parse("the man walking to the right").horizontal == ()  # not where he is
    assert _picked("the man walking to the right", people, img) == (1,)
    assert _picked("the person facing left", people, img) == (0,)
    assert _picked("the one heading towards the left", people, img) == (0,)


def test_heading_unseen_stays_unjudged():
    img = blank(800, 400)
    people = exclusive([figure(img, x, 380, 260, shirt="blue", pants="black") for x in (150, 400)])
    # the drawn figures have no ears seen: nobody's heading is read, the words are reported
    res = resolve("the man walking to the right", people, image=img)
    assert res.verdict != "matched" and "facing right" in res.unjudged
    # a head too small to read: unjudged too
    tiny = exclusive([figure(img, 600, 200, 30, shirt="red")])
    assert heading(_profile(tiny[0], "right")) is None
