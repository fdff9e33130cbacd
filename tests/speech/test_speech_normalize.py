"""Command normalising: mishearings fixed in context only, ordinals, fillers, hallucinations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rpipp_gui.speech.normalize import is_hallucination, normalize_command, tokenize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" Hide the man on the left.", "hide the man on the left"),
        ("Learn the woman.", "blur the woman"),
        ("Everyone accept the child.", "everyone except the child"),
        ("Blur everyone, accept the bride!", "blur everyone except the bride"),
        ("Hide all expect the kids", "hide all except the kids"),
        ("Um, hide the 2nd person from the right, please.", "hide the second person from the right"),
        ("Hide the 3rd and the 1st person", "hide the third and the first person"),
        ("Pixel late both kids.", "pixelate both kids"),
        ("Blur every one except the bride", "blur everyone except the bride"),
        ("Hide, and re-one except the child.", "hide everyone except the child"),
        ("Hide then re-one, accept the child.", "hide everyone except the child"),
        ("Hide them everyone except the child.", "hide everyone except the child"),
        ("Hide them re one except the child.", "hide everyone except the child"),
        ("Pixilate the man", "pixelate the man"),
        ("Hide the man and learn the woman", "hide the man and blur the woman"),
        ("Hide the man\u2019s face", "hide the man's face"),
    ],
)
def test_normalize_fixes_commands(raw, expected):
    assert normalize_command(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "Learn to swim.",  # "learn" is not followed by an object: left alone
        "Blue jacket man on the left",
        "I accept the terms",  # "accept" after a non-group word stays
        "the man in the blue shirt",
    ],
)
def test_normalize_leaves_words_outside_their_slot(raw):
    assert normalize_command(raw) == " ".join(tokenize(raw))


@pytest.mark.parametrize(
    "raw", ["", "   ", "Thank you for watching!", "Thank you.", "Um... uh.", "you", "[BLANK_AUDIO]"]
)
def test_hallucinations_and_fillers_give_empty_text(raw):
    assert is_hallucination(raw)
    assert normalize_command(raw) == ""


def test_real_commands_are_not_hallucinations():
    assert not is_hallucination("thank you, now hide the man")


@given(st.text(max_size=80))
def test_normalize_is_idempotent_and_clean(text):
    once = normalize_command(text)
    assert normalize_command(once) == once
    assert once == once.strip() and "  " not in once
    assert once == once.lower()
