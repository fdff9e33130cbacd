"""A look no reader sees ("beard", "moustache", "red tie") in a sentence whose pick is set apart by
the gender word alone keeps the verdict unsure (issue-13af, ``VerdictOptions.unread_apart``): facial
hair is a man's, so "man" does not check the beard, and a clean-shaven man among women was hidden
as "the man with the beard" (real_people_pkg6 kpa_bar55_2 no-target, sure 0.85). A pick another
judged word sets apart too stays a match."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from referring_scenes import GenderOnlyFaces

from rpipp_gui.referring import verdict as vd
from rpipp_gui.referring.query import parse
from rpipp_gui.referring.scoring import Evidence
from rpipp_gui.referring.sentence_words import unread_look

OFF = replace(vd.VERDICT_OPTIONS, unread_apart=False)


def _evidence(gender, other=None) -> Evidence:
    """A gender cue (and optionally one more judged cue, e.g. "left") over N people."""
    fits = np.asarray(gender, float)
    judged = [(2.0, fits, np.ones(len(fits), bool))]
    if other is not None:
        judged.append((2.0, np.asarray(other, float), np.ones(len(fits), bool)))
    return Evidence(judged=judged, gender_cue=0)


@pytest.mark.parametrize(
    "text",
    ["the man with the beard", "the bearded guy", "the man with a moustache", "the man in the red tie"],
)
def test_a_look_nobody_reads_on_the_only_man_among_women_is_unsure(text):
    q = parse(text)
    ev = _evidence([0.0, 0.0, 1.0])
    v = vd.single(q, [2, 0, 1], ev)
    assert v.kind == vd.UNSURE and v.candidates == (2,)
    assert vd.single(q, [2, 0, 1], ev, OFF).kind == vd.MATCHED  # the rule is what asks


def test_another_judged_word_that_sets_the_pick_apart_keeps_the_match():
    q = parse("the bearded man on the left")
    ev = _evidence([1.0, 0.0, 0.0], other=[1.0, 0.4, 0.0])
    assert vd.single(q, [0, 1, 2], ev).kind == vd.MATCHED


def test_without_an_unread_look_the_gender_word_alone_still_matches():
    q = parse("the man at the bar")
    assert vd.single(q, [2, 0, 1], _evidence([0.0, 0.0, 1.0])).kind == vd.MATCHED


def test_a_tattoo_is_a_look_no_reader_sees():
    assert unread_look("tattoo") and unread_look("tattooed")
    assert (
        vd.single(parse("the guy with the tattoo"), [2, 0, 1], _evidence([0.0, 0.0, 1.0])).kind == vd.UNSURE
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [("the man with the beard", "unsure"), ("the man", "matched"), ("the woman with the beard", "unsure")],
)
def test_through_the_resolver_the_only_man_among_women(monkeypatch, text, kind):
    from rpipp_gui.people.person import Person
    from rpipp_gui.referring import looks_scoring, resolve

    faces = GenderOnlyFaces([0.99, 0.98, 0.01])
    monkeypatch.setattr(looks_scoring, "photo_looks", lambda image, people: faces)
    people = [Person(box=(100.0 * i, 0, 100.0 * i + 60, 200)) for i in range(3)]
    res = resolve(text, people, (300, 200), image=np.zeros((200, 300, 3), np.uint8))
    assert res.verdict == kind
    if kind == "unsure" and "man " in text and "woman" not in text:
        assert res.candidates == (2,)


def _lone_man(text, unseen_actions):
    from rpipp_gui.referring.looks_scoring import LooksCue

    man = LooksCue("man", "man", "gender", np.array([1.0]), np.array([True]), "the face model", guessed=True)
    ev = Evidence(looks=[man], judged=[(1.0, man.fits, man.known)], unseen_actions=list(unseen_actions))
    ev.unseen, ev.unread_looks = list(unseen_actions), list(unseen_actions)
    q = replace(parse(text), unjudged=tuple(dict.fromkeys(parse(text).unjudged + tuple(unseen_actions))))
    return q, ev


@pytest.mark.parametrize("text", ["the man waving the flag", "the man waving"])
def test_an_action_no_joint_shows_keeps_a_lone_well_seen_man_unsure(text):
    q, ev = _lone_man(text, ["arms raised"])
    assert vd.single(q, [0], ev).kind == vd.UNSURE
    assert vd.single(q, [0], ev, replace(vd.VERDICT_OPTIONS, unseen_action=False)).kind == vd.MATCHED


def test_a_lone_man_with_no_action_asked_still_matches():
    q, ev = _lone_man("the man at the railing", [])
    assert vd.single(q, [0], ev).kind == vd.MATCHED


def test_an_unseen_action_of_a_lone_man_another_word_checks_still_matches():
    q, ev = _lone_man("the man in the striped shirt waving", ["arms raised"])
    ev.judged.append((2.0, np.array([1.0]), np.array([True])))  # the stripes, seen on him
    assert vd.single(q, [0], ev).kind == vd.MATCHED
