"""Sentence text clean-up: normalising, stripping the action and filler, splitting off exclusions.

Pure Python, never raises on any string. ``normalise`` is idempotent: normalise(normalise(s)) ==
normalise(s).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from rpipp_gui.referring import word_lists as vocab

_NON_WORD = re.compile(r"[^a-z0-9]+")
_T_SHIRT = re.compile(r"\bt[^a-z0-9]*(?=shirts?\b)")
_FACE_OF = (("the", "faces", "of"), ("the", "face", "of"), ("faces", "of"), ("face", "of"))
_NEAR_FACE = frozenset({"to", "on", "over", "covering", "touching", "at", "in", "across"})
_TRAILING = (("for", "me"), ("please",), ("thanks",), ("thank", "you"), ("now",))


def normalise(text: str) -> str:
    """Lower-case, keep only letters and digits as space-separated words, fix common typos.

    text: any string. Returns the normalised text ("" for a sentence without words).
    """
    words: list[str] = []
    # "T-shirt", "t shirt": the shirt (split at the hyphen, a lone "t" was an unread word)
    for word in _NON_WORD.split(_T_SHIRT.sub("", str(text).lower())):
        if word:
            words.extend((vocab.TYPOS.get(word) or fix_typo(word)).split())
    return " ".join(words)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
TYPO_MIN_LENGTH = 4  # shorter words are too often other real words one letter away
# A changed letter is a slip of the finger onto a neighbouring key of a QWERTY keyboard ("gurl",
# "blye"); any letter for any other would make gibberish words: "blonk" read as "blonde"
# (real_people_pkg4 no-target "the flurble on the blonk" hid someone).
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _key_neighbours() -> dict[str, str]:
    """Each letter's neighbours on a QWERTY keyboard: beside it and on the rows above and below
    (row r's key i touches keys i-1..i+1 of the rows beside, the rows being offset by half a key)."""
    place = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    out = {}
    for c, (r, i) in place.items():
        near = [d for d, (r2, i2) in place.items() if d != c and abs(r2 - r) <= 1 and abs(i2 - i) <= 1]
        out[c] = "".join(near)
    return out


KEY_NEIGHBOURS = _key_neighbours()


def fix_typo(word: str) -> str:
    """A word the parser does not know, one edit (a letter dropped, added, changed for a neighbouring
    key's or two swapped) away from a cue word it knows (the first in sorted order when several are)
    ("yelllow" -> "yellow", "gurl" -> "girl"); else the word itself. Known words and digits are
    returned unchanged."""
    from rpipp_gui.referring.sentence_words import known_words, typo_targets

    if len(word) < TYPO_MIN_LENGTH or word in known_words() or not word.isalpha() or word in real_words():
        return word
    found = sorted(one_edit(word, keyboard=True) & typo_targets())
    return found[0] if found else word


def one_edit(word: str, keyboard: bool = False) -> set[str]:
    """Every string one edit from ``word``: a letter dropped, added or swapped with the next, or
    changed (when ``keyboard``, only for a neighbouring key's or a vowel for a vowel: "orenge",
    "weman" are spelt as heard)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {
        a + c + b[1:]
        for a, b in splits
        if b
        for c in (KEY_NEIGHBOURS.get(b[0], "") + _vowels_for(b[0]) if keyboard else _LETTERS)
    }
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    return edits


def _vowels_for(letter: str) -> str:
    return "aeiou" if letter in "aeiou" else ""


@functools.cache
def real_words() -> frozenset[str]:
    """English words one edit from a cue word that are not typos of it ("hall", "good", "fight"):
    ``real_words.txt``, written by ``scripts/extract_real_words.py`` from Debian's word list."""
    text = (Path(__file__).with_name("real_words.txt")).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def _starts_with(words: list[str], phrase: tuple[str, ...]) -> bool:
    return tuple(words[: len(phrase)]) == phrase


def _phrases(items) -> list[tuple[str, ...]]:
    return sorted((tuple(p.split()) for p in items), key=len, reverse=True)


_FILLER = _phrases(vocab.LEAD_FILLER)
_ACTIONS = sorted(((tuple(p.split()), style) for p, style in vocab.ACTIONS), key=lambda a: -len(a[0]))


def strip_action(words: list[str]) -> tuple[list[str], str | None, str | None]:
    """Remove leading filler and action verbs ("please blur", "protect privacy of"), and trailing
    politeness. Returns (remaining words, style, fill): style is the one named by the first verb that
    names one, or None; "the face of ..." / "...'s face" makes it ``face``, and then ``fill`` keeps
    the verb's own style ("blur the face of ..." -> ("face", "blur"))."""
    style: str | None = None
    verb_style: str | None = None
    words = list(words)
    changed = True
    while changed and words:
        changed = False
        for phrase in _FILLER:
            if _starts_with(words, phrase):
                words, changed = words[len(phrase) :], True
                break
        if changed:
            continue
        for phrase, named in _ACTIONS:
            # "mask" / "cover" / "top" may also be nouns: only strip a verb that is followed by more words.
            if _starts_with(words, phrase) and len(words) > len(phrase):
                words, changed = words[len(phrase) :], True
                style = style or named
                verb_style = verb_style or named
                break
        if changed:
            continue
        for phrase in _FACE_OF:
            if _starts_with(words, phrase) and len(words) > len(phrase):
                words, changed, style = words[len(phrase) :], True, "face"
                break
    changed = True
    while changed and words:
        changed = False
        for phrase in _TRAILING:
            if len(words) > len(phrase) and tuple(words[-len(phrase) :]) == phrase:
                words, changed = words[: -len(phrase)], True
        if (
            len(words) >= 2
            and words[-1] in ("face", "faces")
            and words[-2] in ("s", "his", "her", "their")
            and (len(words) < 3 or words[-3] not in _NEAR_FACE)  # "hand to her face" is a pose
        ):
            words, changed, style = words[:-2], True, "face"
    return words, style, (verb_style if style == "face" else None)


def split_exclusion(words: list[str]) -> tuple[list[str], list[str] | None]:
    """Split "everyone except the child" into (["everyone"], ["the", "child"]).

    "but" and "not" only count as exclusion after an everyone-word or at the start ("not the man on
    the left"), so "man in black but with a hat" stays whole. Returns (main, excluded or None).
    """
    for i in range(len(words)):
        for phrase in vocab.EXCEPT_WORDS:
            parts = tuple(phrase.split())
            if tuple(words[i : i + len(parts)]) != parts:
                continue
            rest = words[i + len(parts) :]
            head = words[:i]
            if not rest:
                continue
            if parts[0] in ("but", "not") and not (
                not head or any(w in vocab.EVERYONE_WORDS for w in head) or head[-1] in ("and", "but")
            ):
                continue
            if head and head[-1] in ("and", "but"):
                head = head[:-1]
            return head, rest
    return list(words), None


_PICTURE_WORDS = frozenset(
    {
        "picture",
        "photo",
        "image",
        "pic",
        "frame",
        "screen",
        "photograph",
        "shot",
        "group",
        "row",
        "line",
        "us",
        "camera",
        "viewer",
        "you",
        "me",
        "it",
        "them",
        "him",
        "her",
        "himself",
        "herself",
        "themselves",
        "themself",
        "itself",
        "others",
    }
)
_RELATIONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("to", "left", "of"), "left_of"),
    (("to", "right", "of"), "right_of"),
    (("left", "of"), "left_of"),
    (("right", "of"), "right_of"),
    (("in", "front", "of"), "in_front_of"),
    (("front", "of"), "in_front_of"),
    (("behind",), "behind"),
    (("in", "back", "of"), "behind"),
    (("next", "to"), "next_to"),
    (("standing", "with"), "next_to"),
    (("walking", "with"), "next_to"),
    (("sitting", "with"), "next_to"),
    (("talking", "to"), "next_to"),
    (("talking", "with"), "next_to"),
    (("together", "with"), "next_to"),
    (("beside",), "next_to"),
    (("besides",), "next_to"),
    (("near",), "next_to"),
    (("by",), "next_to"),
    (("between",), "between"),
    (("above",), "above"),
    (("below",), "below"),
    (("under",), "below"),
    (("on", "top", "of"), "above"),
)


def drop_relation(words: list[str]) -> list[str]:
    """Words without a relation phrase and what follows it (for relations to things, not people)."""
    for i in range(len(words)):
        for phrase, _ in _RELATIONS:
            if tuple(words[i : i + len(phrase)]) == phrase:
                return words[:i]
    return list(words)


# The sides of the photo: "the left border", "the right edge", "the bottom side of the picture".
_SIDE_WORDS = frozenset({"left", "right", "top", "bottom", "upper", "lower", "far", "very"})
_BORDER_WORDS = frozenset({"border", "edge", "side", "margin", "corner", "frame"})


def _picture_side(anchor: list[str]) -> bool:
    """The anchor words (articles dropped) name a border of the photo, not a person: side words
    then a border word ("left border", "far right edge"), or a border word alone ("the edge")."""
    k = 0
    while k < len(anchor) and anchor[k] in _SIDE_WORDS:
        k += 1
    return k < len(anchor) and anchor[k] in _BORDER_WORDS and (k > 0 or len(anchor) == 1)


def split_relation(words: list[str]) -> tuple[list[str], str | None, list[str] | None]:
    """Split "man left of the woman in red" into (["man"], "left_of", ["the", "woman", "in", "red"]).

    Relations to the picture itself ("left of the photo", "behind us") are not relations to a person
    and stay in the main words. Returns (target words, relation or None, anchor words or None).
    """
    for i in range(len(words)):
        for phrase, relation in _RELATIONS:
            if tuple(words[i : i + len(phrase)]) != phrase:
                continue
            anchor = [w for w in words[i + len(phrase) :] if w not in ("the", "a", "an")]
            if not anchor or anchor[0] in _PICTURE_WORDS or (i > 0 and words[i - 1] == "from"):
                continue
            if _picture_side(anchor):
                continue  # "cut by the left border", "by the right edge of the photo": the frame
            return words[:i], relation, words[i + len(phrase) :]
    return list(words), None, None
