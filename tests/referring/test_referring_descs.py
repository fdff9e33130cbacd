"""Sentences about looks as annotators write them (issue 13, ``referring_real.py --descs``): words
the parser used to misread, and readers that can confirm a word but not deny it."""

from __future__ import annotations

import numpy as np
import pytest
from pkg_photos import pkg_app

from rpipp_gui.people.person import Person
from rpipp_gui.referring import geometry as geo
from rpipp_gui.referring import looks_scoring
from rpipp_gui.referring.heading import HEADING_OPTIONS, heading_fits
from rpipp_gui.referring.query import parse
from rpipp_gui.referring.scoring import CUE_WEIGHTS, score_people


def test_an_age_word_before_a_thing_is_not_the_persons_age():
    q = parse("young man in a light sweater in the damaged old photo on the left")
    assert q.age_group != "old" and q.person_named
    assert parse("the old man on the left").age_group == "old"
    assert parse("the old one").age_group == "old"
    assert parse("the woman next to the old car").age_group is None


def test_short_before_hair_words_is_hair_length_not_height():
    q = parse("man with short dark hair and a goatee")
    assert q.size is None and "short" in q.hair
    assert parse("man with short curly hair").size is None
    assert parse("the short man in red").size == "short"


def test_a_footballer_is_a_person_and_the_ball_he_kicks_is_not_the_target():
    q = parse("footballer in a red-and-blue striped shirt kicking the ball")
    assert q.person_named and q.non_person is None
    assert parse("the ball").non_person == "ball"


@pytest.mark.parametrize(
    "text", ["man dressed all in black walking to the left", "person dressed in black", "all in white"]
)
def test_dressed_all_in_a_colour_is_top_and_bottom(text):
    q = parse(text)
    assert q.upper_colors and q.lower_colors and q.upper_colors == q.lower_colors and not q.colors


def test_in_a_colour_alone_stays_either_part_and_survives_a_held_thing():
    assert parse("the man in black").colors == ("black",)
    assert parse("the woman wearing black").colors == ("black",)
    # the colour before a verb is the person's; the one after it is the papers'
    assert parse("man in black carrying white papers").colors == ("black",)
    assert parse("the man in red holding a white paper").colors == ("red",)


class _NoLongHair:
    """photo_looks stand-in: every head is read, none as long hair (a reader that only confirms)."""

    def fit(self, i, kind, value):
        return 0.05 if (kind, value) == ("hair", "long") else None

    def get(self, i, kind):  # pragma: no cover - not asked by these words
        raise AssertionError(kind)


def _scored(text: str, monkeypatch):
    monkeypatch.setattr(looks_scoring, "photo_looks", lambda image, people: _NoLongHair())
    people = [Person(box=(10, 10, 50, 100)), Person(box=(60, 10, 100, 100))]
    lay = geo.layout(np.array([p.box for p in people]), (120, 110))
    image = np.zeros((110, 120, 3), np.uint8)
    return score_people(parse(text), people, lay, image, CUE_WEIGHTS)[1]


def test_long_hair_read_on_nobody_is_unjudged_not_absent(monkeypatch):
    ev = _scored("the person with long hair on the left", monkeypatch)
    assert ev.missing_look is None and "long hair" in ev.unseen
    assert "long hair" not in ev.cues


def test_heading_not_read_stays_likely():
    person = Person(box=(0, 0, 40, 100))  # no keypoints: the heading is not read
    fits, known = heading_fits([person], "left")
    assert not known[0] and fits[0] == HEADING_OPTIONS.unseen
    assert HEADING_OPTIONS.unseen > 0.5


@pytest.mark.slow
def test_long_haired_women_are_not_answered_nobody_on_the_real_photo():
    """real_people_pkg sample3: the long dark hair on the right read 0.0 long on everyone, and the
    sentence was "nobody is seen 'long hair'"."""
    app, ctx = pkg_app("sample3.jpg")
    d = app.decide("woman with long dark hair in a purple dress, on the right", ctx)
    assert d.verdict == "matched"
    xs = [p.box[0] for p in ctx.people]
    assert d.people == (int(np.argmax(xs)),)


def test_footwear_colour_is_unjudged_not_the_legs_colour():
    q = parse("person cut off at the right edge, only legs and white shoes visible")
    assert not q.has_colors and "shoes" in q.unjudged
    q = parse("woman in a black dress and black boots")
    assert q.upper_colors == q.lower_colors == ("black",) and not q.colors and "boots" in q.unjudged


def test_a_long_coat_is_its_colour_top_and_bottom():
    q = parse("person in a long black coat")
    assert q.upper_colors == q.lower_colors == ("black",)
    q = parse("the man in the black coat")
    assert q.upper_colors == ("black",) and not q.lower_colors


def test_the_colour_of_a_detail_or_of_a_held_thing_is_not_the_clothings():
    q = parse("woman in a green top with white trim, on the right")
    assert q.upper_colors == ("green",) and not q.colors and "white trim" in q.unjudged
    q = parse("woman with red lipstick in a purple dress")  # a dress: the top and the hips alike
    assert q.upper_colors == q.lower_colors == ("purple",) and not q.colors
    q = parse("the man in the purple tie")
    assert not q.colors and not q.upper_colors and "purple tie" in q.unjudged
    q = parse("a man in a white shirt and tie")  # the white is the shirt's, not the tie's
    assert q.upper_colors == ("white",) and "tie" in q.unjudged
    q = parse("laughing man in a red shirt holding a blue chip")
    assert q.upper_colors == ("red",) and not q.colors
    assert not parse("the man sitting on the red bench").has_colors
    assert parse("the woman in blue holding a dog").colors == ("blue",)
