"""A crowd named as the target, and "everyone" in a photo with a crowd: the crowd region is the
answer when a crowd is seen, nobody when none is, and the people a sentence leaves out stay out."""

from __future__ import annotations

import numpy as np
import pytest

from rpipp_gui.people.crowd import Crowd
from rpipp_gui.referring import Person, resolve
from rpipp_gui.referring.engines import grounding_from

TWO = [Person(box=(10, 50, 110, 400)), Person(box=(300, 60, 400, 400))]


class Counter:
    """A crowd callable that says how often it was asked."""

    def __init__(self, faces: int) -> None:
        self.faces, self.calls = faces, 0

    def __call__(self) -> int:
        self.calls += 1
        return self.faces


@pytest.mark.parametrize(
    "text", ["the crowd in the stands", "hide the fans", "the audience", "blur the spectators"]
)
def test_a_crowd_seen_is_the_answer(text):
    res = resolve(text, TWO, crowd=Counter(12))
    assert res.verdict == "matched" and res.crowd and res.selected == ()
    assert "12 faces" in res.explanation


@pytest.mark.parametrize("people", [TWO, TWO[:1], []])
def test_no_crowd_seen_is_nobody_not_a_guess(people):
    res = resolve("the crowd in the stands", people, image_size=(500, 450), crowd=Counter(0))
    assert res.verdict == "nobody" and res.matched_nobody and not res.crowd and res.selected == ()
    assert "no crowd" in res.explanation or "nobody" in res.explanation


def test_crowds_not_looked_for_stay_unsure():
    res = resolve("the crowd in the stands", TWO)
    assert res.verdict == "unsure" and not res.crowd


def test_everyone_except_the_only_person_leaves_the_crowd():
    one = TWO[:1]
    assert resolve("everyone except the man", one, crowd=Counter(0)).verdict == "nobody"
    res = resolve("everyone except the man", one, crowd=Counter(9))
    assert res.verdict == "matched" and res.crowd and res.selected == ()


def test_everyone_takes_the_crowd_in_besides_the_people():
    res = resolve("everyone except the man on the left", TWO, crowd=Counter(9))
    assert res.verdict == "matched" and res.selected == (1,) and res.crowd
    res = resolve("everyone", TWO, crowd=Counter(9))
    assert set(res.selected) == {0, 1} and res.crowd
    assert not resolve("everyone", TWO, crowd=Counter(0)).crowd
    res = resolve("everyone", [], image_size=(500, 450), crowd=Counter(9))  # nobody one by one
    assert res.verdict == "matched" and res.crowd and res.selected == ()
    assert resolve("everyone", [], image_size=(500, 450), crowd=Counter(0)).verdict == "nobody"


def test_everyone_narrowed_down_or_the_crowd_excepted_leaves_the_crowd_out():
    calls = Counter(9)
    assert not resolve("everyone on the left", TWO, crowd=calls).crowd
    assert not resolve("all two people", TWO, crowd=calls).crowd  # counted: those two, no more
    assert calls.calls == 0
    res = resolve("everyone except the crowd", TWO, crowd=calls)
    assert res.verdict == "matched" and set(res.selected) == {0, 1} and not res.crowd


def test_the_crowd_is_looked_for_only_when_a_sentence_asks():
    calls = Counter(9)
    for text in ("the man on the left", "both men", "the second person from the right", "#2"):
        assert not resolve(text, TWO, crowd=calls).crowd
    assert calls.calls == 0
    resolve("the fans", TWO, crowd=calls)
    assert calls.calls == 1


def test_the_crowd_region_never_covers_people_the_sentence_leaves_out():
    h, w = 450, 500
    masks = []
    for x0, x1 in ((10, 110), (300, 400)):
        m = np.zeros((h, w), bool)
        m[60:400, x0:x1] = True
        masks.append(m)
    spans = ((10, 110), (300, 400))
    people = [Person(box=(x0, 60, x1, 400), mask=m) for (x0, x1), m in zip(spans, masks, strict=True)]
    crowd_mask = np.zeros((h, w), bool)
    crowd_mask[0:200, :] = True  # a band over both people's heads
    crowd = Crowd(crowd_mask, np.zeros((6, 5), np.float32))
    res = resolve("everyone except the man on the left", people, crowd=Counter(6))
    g = grounding_from(res, people, (h, w), crowd)
    assert not (g.mask & masks[0]).any()  # the one excepted
    assert (g.mask & masks[1]).sum() == masks[1].sum()  # the other
    assert g.mask[0:200, 150:300].all()  # the crowd between them
    g = grounding_from(resolve("the crowd", people, crowd=Counter(6)), people, (h, w), crowd)
    assert g.mask[0:200, 150:300].all() and not (g.mask & (masks[0] | masks[1])).any()
    g = grounding_from(resolve("the man on the left", people, crowd=Counter(6)), people, (h, w), crowd)
    assert (g.mask == masks[0]).all()  # a crowd not asked for is not added


def test_a_person_in_a_crowd_seen_is_not_one_found_one_by_one():
    for text in ("the man in the crowd", "the woman in the audience on the left"):
        res = resolve(text, TWO, crowd=Counter(9))
        assert res.verdict == "nobody" and "'the crowd' hides all of it" in res.explanation
        assert "'the crowd' hides" not in resolve(text, TWO, crowd=Counter(0)).explanation
    assert resolve("the man in the crowd on the left", TWO, crowd=Counter(0)).selected == (0,)
