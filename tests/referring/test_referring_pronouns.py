"""A lone pronoun names the person it stands for (issue-13ae): "hide him" of a photo with one man
ended as "no word I understand" (real_people_pkg5 takeo). "him"/"he" read as "man", "her"/"she"
as "woman": with one person found they are the one meant when the face model does not say
otherwise; a pronoun beside other words ("the man next to him") is left to the parser as it was."""

from __future__ import annotations

import pytest

from rpipp_gui.referring import parse, resolve
from rpipp_gui.referring import verdict as vd


@pytest.mark.parametrize(
    "text, noun, style",
    [("hide him", "man", None), ("blur her", "woman", "blur"), ("pixelate him please", "man", "mosaic")],
)
def test_a_lone_pronoun_is_its_noun(text, noun, style):
    q = parse(text)
    assert q.person_named and q.understood and q.text == noun and q.style == style


def test_a_pronoun_beside_other_words_is_left_as_it_was():
    assert parse("the man next to him").text == "the man next to him"
    assert not parse("hide them").person_named  # who "them" are is not a gender


def test_hide_him_with_one_person_found_is_understood():
    res = resolve("hide him", [(10, 10, 60, 200)], image_size=(100, 220))
    assert not vd.not_understood(res.query)
    assert res.verdict != vd.NOBODY or "understand" not in res.explanation
