"""The app layer's decision: faces only after any engine, one verdict, the words in one place."""

from __future__ import annotations

import numpy as np
import pytest
from app_helpers import FIXED, use_fixed_people

from rpipp_gui.app import NOBODY, UNSURE, App, Decision, ModelConfig, PhotoContext
from rpipp_gui.app.decision import decision_from, faces_of
from rpipp_gui.app.wording import summary
from rpipp_gui.people.person import Person
from rpipp_gui.referring.grounding import Grounding

H, W = 120, 200


def two_people() -> list[Person]:
    people = []
    for x0 in (20, 120):
        mask = np.zeros((H, W), bool)
        mask[10:110, x0 : x0 + 60] = True
        people.append(Person((x0, 10, x0 + 60, 110), mask=mask, face_box=(x0 + 18, 14, x0 + 42, 40)))
    return people


@pytest.fixture
def photo() -> PhotoContext:
    rgb = np.full((H, W, 3), 90, np.uint8)
    return PhotoContext(rgb=rgb, people=tuple(two_people()), photo_id=1, version=7)


def test_faces_only_is_applied_after_an_engine_that_knows_nothing_of_faces(photo):
    people = photo.people
    # what BRPPNet answers: a raw mask over person #2 and the people it overlaps
    g = Grounding((1,), (0.8,), people[1].mask.copy(), "BRPPNet mask over 30.0% of the photo", style="face")
    d = decision_from(g, photo, "hide the face of the man on the right", "brppnet")
    assert d.faces_only and d.verdict == "matched" and d.people == (1,)
    assert np.array_equal(d.mask, faces_of([people[1]], photo.shape))
    assert 0 < d.mask.sum() < people[1].mask.sum() / 4 and not (d.mask & people[0].mask).any()
    # --style face asks for faces although the words did not, with the words' own verb as the fill
    g = Grounding((0,), (0.9,), people[0].mask.copy(), "#1: leftmost of 2 people", style="blur")
    d = decision_from(g, photo, "blur the man on the left", "instances", style="face")
    assert d.faces_only and d.style == "blur" and d.style_or("solid") == "blur"
    assert summary(d) == "Blurred the face of #1 — leftmost of 2 people"


def test_faces_of_an_anonymous_mask_are_estimated_from_its_regions(photo):
    mask = np.zeros(photo.shape, bool)
    mask[20:100, 130:170] = True
    g = Grounding((), (), mask, "BRPPNet mask", style="face")
    d = decision_from(g, photo, "hide the face of the tall one", "brppnet")
    assert d.mask.any() and d.mask.sum() < mask.sum() / 3 and d.mask[20:50].any()


def test_the_faces_of_a_crowd_are_the_whole_crowd(photo):
    """A crowd's faces are not found one by one: faces only hides all of the crowd, and the faces
    of the people chosen besides it."""
    people = photo.people
    crowd = np.zeros(photo.shape, bool)
    crowd[0:8, :] = True  # a band above both people
    g = Grounding((), (), crowd.copy(), "the crowd", style="face", crowd=crowd)
    d = decision_from(g, photo, "hide the faces of the crowd", "instances")
    assert d.faces_only and d.verdict == "matched" and np.array_equal(d.mask, crowd)
    g = Grounding((1,), (0.9,), crowd | people[1].mask, "everyone", style="face", crowd=crowd)
    d = decision_from(g, photo, "hide the face of everyone except the man on the left", "instances")
    assert np.array_equal(d.mask, crowd | faces_of([people[1]], photo.shape))


def test_verdicts_and_their_one_line(photo):
    empty = np.zeros(photo.shape, bool)
    nobody = decision_from(Grounding((), (), empty, "a dog is not a person"), photo, "hide the dog", "x")
    assert nobody.verdict == NOBODY and not nobody.hides_anything
    assert summary(nobody) == (
        "Nobody matches 'hide the dog' (a dog is not a person) — found 2 people: #1 left, #2 right"
    )

    empty_unsure = Grounding((), (), empty, "two men", verdict=UNSURE, candidates=(0, 1))
    unsure = decision_from(empty_unsure, photo, "the man", "x")  # what the resolver says when it cannot tell
    assert unsure.verdict == UNSURE and unsure.candidates == (0, 1)
    assert summary(unsure) == "Not sure whom 'the man' means: #1 or #2 — say more, or pick a number"
    right = Grounding((1,), (0.9,), photo.people[1].mask, "#2: rightmost of 2 people")
    hit = decision_from(right, photo, "x", "x")
    assert summary(hit) == "Hid #2 — rightmost of 2 people" and hit.style_or(None) == "solid"


def test_style_rule_words_then_the_users_choice_then_the_default(photo):
    def decided(style, faces=False):
        g = Grounding((0,), (1.0,), photo.people[0].mask, "", style="face" if faces else style, fill=style)
        return decision_from(g, photo, "s", "x")

    assert decided("mosaic").style_or("blur") == "mosaic"
    assert decided(None).style_or("blur") == "blur"
    assert decided(None).style_or(None) == "solid"
    assert decided(None, faces=True).style_or(None) == "solid"
    assert decided(None, faces=True).style_or("noise") == "noise"


def test_app_decides_against_versioned_contexts_and_sets_each_photo_once(monkeypatch):
    people = two_people()
    backend = use_fixed_people(monkeypatch, people)
    app = App(ModelConfig(people_backend=FIXED))

    class Loaded:
        rgb = np.full((H, W, 3), 90, np.uint8)
        path = None

    photo = app.open_loaded(Loaded())
    found = app.with_people(app.find_people(photo), photo)
    assert backend.calls == 1 and found.version != photo.version and app.is_current(found.version)
    engine = app.models.engine()
    calls = []
    original = engine.set_image
    monkeypatch.setattr(engine, "set_image", lambda *a: (calls.append(1), original(*a)))
    d1 = app.decide("the man on the right", found)
    d2 = app.decide("blur the man on the left", found)
    assert isinstance(d1, Decision) and d1.people == (1,) and d2.people == (0,) and d2.style == "blur"
    assert len(calls) == 1  # one set_image per context version, keyed explicitly (not by id())
    newer = app.with_people(people[:1], found)
    assert not app.is_current(d1.photo_version) and app.decide("the man", newer).people == (0,)
    assert len(calls) == 2
    with pytest.raises(Exception, match="say who to hide"):
        app.decide("  ", newer)
    person = app.segment_box((0, 0, 10, 10), newer)
    assert person is not None and backend.calls == 1  # box prompts reuse the known people


def test_people_are_listed_by_where_they_are_and_what_is_seen_never_gender_or_age():
    from rpipp_gui.app.wording import people_lines

    face = (30, 10, 40, 20)
    people = [
        Person((0, 0, 50, 100), face_box=face, mask=np.ones((100, 200), bool)),
        Person((120, 0, 170, 100), mask=np.ones((100, 200), bool), source="selfie"),
        Person((60, 5, 90, 40), face_box=face),
    ]
    lines = people_lines(people, (100, 200))
    assert lines == [
        "#1 left · face seen",
        "#2 right · seen from behind or the side",
        "#3 middle · face only",
    ]


def test_people_lines_name_the_colours_worn_when_the_photo_is_given():
    from rpipp_gui.app.wording import people_lines

    rgb = np.full((100, 200, 3), 128, np.uint8)
    rgb[20:55, 10:40] = (200, 20, 20)  # a red top
    rgb[55:100, 10:40] = (20, 30, 160)  # blue trousers
    mask = np.zeros((100, 200), bool)
    mask[20:100, 10:40] = True
    people = [Person((10, 0, 40, 100), mask=mask, source="selfie")]
    assert people_lines(people, (100, 200), rgb) == [
        "#1 the only person · seen from behind or the side · red top, blue below"
    ]
    assert people_lines(people, (100, 200)) == ["#1 the only person · seen from behind or the side"]
