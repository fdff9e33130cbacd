"""Turn what Whisper heard into the command text the referring step reads.

Lower case, punctuation dropped, fillers dropped, ordinals spelled out ("2nd" -> "second"), and the
frequent mishearings of the command words fixed *in context* ("everyone accept the child" -> "everyone
except the child", "learn the woman" -> "blur the woman"), so a word is only replaced where the
command grammar expects it.
"""

from __future__ import annotations

import re

COMMAND_PROMPT = (
    "Hide the man in the red jacket on the left. Blur the woman at the back, behind the others. "
    "Pixelate both kids in the foreground and the man in the background. Blur everyone except the "
    "bride. Hide the second person from the right, the tall man in the middle, the bald man with "
    "glasses, the woman walking away."
)
"""Initial prompt for Whisper: the command vocabulary (verbs, place words, looks) in the sentences
people say, so tiny models spell them right and do not hear "rear" as "we're". Measured on the
espeak command clips and recorded human voices in ``benchmarks/speech.py --real``."""

FILLERS = frozenset({"um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "hmm", "mm", "eh", "please", "okay"})

_ORDINALS = {
    "1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth",
    "6th": "sixth", "7th": "seventh", "8th": "eighth", "9th": "ninth", "10th": "tenth",
}  # fmt: skip

# Verbs a command starts with, and what tiny models hear instead.
_VERB_MISHEARINGS = {
    "learn": "blur", "blurr": "blur", "blair": "blur", "blurt": "blur", "blue": "blur", "blood": "blur",
    "bler": "blur", "blower": "blur", "flur": "blur", "burr": "blur", "slur": "blur",
    "height": "hide", "hyde": "hide", "hi": "hide", "hied": "hide", "hides": "hide",
    "pixilate": "pixelate", "pixellate": "pixelate", "pixel-late": "pixelate", "pixelated": "pixelate",
    "pixelates": "pixelate", "pixelize": "pixelate", "pixelise": "pixelate",
}  # fmt: skip

# Words that start the object of a command verb: "learn" is read as "blur" only before one of these.
_OBJECT_START = frozenset(
    {"the", "a", "an", "all", "both", "everyone", "everybody", "every", "each", "him", "her", "them",
     "that", "this", "those", "these", "person", "people", "man", "woman", "men", "women", "kid", "kids",
     "child", "children", "boy", "girl", "guy", "lady", "faces", "face", "his", "their", "my", "me",
     "us", "anyone", "somebody", "someone", "first", "second", "third", "last", "left", "right"}
)  # fmt: skip

# Place words heard as two: "in the back round" -> "in the background".
_SPLIT_PLACES = {
    ("back", "round"): "background",
    ("back", "ground"): "background",
    ("fore", "ground"): "foreground",
    ("for", "ground"): "foreground",
    ("four", "ground"): "foreground",
    ("forehead", "round"): "foreground",
}

_VERBS = frozenset({"hide", "blur", "pixelate", "mask", "remove", "cover", "protect", "erase"})
_EVERYONE_MISHEARD = frozenset({"re-one", "reone", "ren-one", "rie-one", "every", "evry", "ever", "revan"})

# Words after which "accept"/"expect" can only mean "except".
_GROUP_WORDS = frozenset(
    {"everyone", "everybody", "all", "both", "them", "people", "persons", "anyone", "anybody", "else",
     "blur", "hide", "pixelate", "mask", "remove", "cover", "protect", "erase"}
)  # fmt: skip

# Whole transcripts that tiny Whisper invents on silence or noise.
_HALLUCINATIONS = frozenset(
    {"thank you", "thanks for watching", "thank you for watching", "thank you so much for watching",
     "please subscribe", "subscribe", "you", "bye", "thank you very much",
     "subtitles by the amara org community",
     "the end", "so", "i", "oh", "music", "applause", "silence", "blank audio"}
)  # fmt: skip

_WORD_RE = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")


def tokenize(text: str) -> list[str]:
    """Lower-cased words of ``text`` (letters, digits, inner apostrophes and hyphens)."""
    text = text.lower().replace("\u2019", "'")
    return _WORD_RE.findall(text)


def is_hallucination(text: str) -> bool:
    """True when the whole transcript is a phrase Whisper invents on silence ("Thank you for watching")."""
    words = tokenize(text)
    return not words or " ".join(words) in _HALLUCINATIONS or all(w in FILLERS for w in words)


_NUMBER_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
]  # fmt: skip


def _spell_number(word: str) -> list[str]:
    """ "10" -> ["ten"], "5-5" -> ["five", "five"]; numbers above twenty and other words unchanged."""
    parts = word.split("-")
    if all(p.isdigit() and int(p) <= 20 for p in parts):
        return [_NUMBER_WORDS[int(p)] for p in parts]
    return [word]


def normalize_command(text: str) -> str:
    """Normalise a raw transcript into a command sentence.

    Args:
        text: what the recogniser returned, e.g. " Learn the 2nd, um, person from the right."
    Returns:
        lower-case words joined by single spaces, e.g. "blur the second person from the right";
        "" when nothing is left (silence, fillers, a known hallucination).
    """
    if is_hallucination(text):
        return ""
    words = [w for w in tokenize(text) if w not in FILLERS]
    words = [_ORDINALS.get(w, w) for w in words]
    # "10" -> "ten", "5-5" -> "five five": small numbers as the words people say (and the parser reads)
    words = [p for w in words for p in (_spell_number(w) if any(c.isdigit() for c in w) else [w])]
    # split words joined back: "pixel late" -> "pixelate", "every one" -> "everyone"
    merged: list[str] = []
    for w in words:
        if merged and merged[-1] == "pixel" and w in {"late", "ate", "eight"}:
            merged[-1] = "pixelate"
        elif merged and (merged[-1], w) in _SPLIT_PLACES:
            merged[-1] = _SPLIT_PLACES[(merged[-1], w)]
        elif merged and merged[-1] in {"every", "any"} and w in {"one", "body"}:
            merged[-1] += w
        elif merged and merged[-1] in {"re", "ren", "rie"} and w in {"one", "wanna", "won"}:
            merged[-1] = "re-one"  # a split mishearing of "everyone", fixed below before "except"
        else:
            merged.append(w)
    words = merged
    # A misheard verb is fixed only where a command verb belongs: first word, or after "and"/"then".
    for i, w in enumerate(words):
        at_verb_slot = i == 0 or words[i - 1] in {"and", "then", "also", "now", "just"}
        if at_verb_slot and w in _VERB_MISHEARINGS and i + 1 < len(words) and words[i + 1] in _OBJECT_START:
            words[i] = _VERB_MISHEARINGS[w]
    # "hide and re-one except the child" -> "hide everyone except the child"
    for i in range(1, len(words)):
        if words[i] in {"except", "accept", "expect"} and words[i - 1] in _EVERYONE_MISHEARD | {"everyone"}:
            words[i - 1] = "everyone"
            if i >= 3 and words[i - 2] in {"and", "then", "in", "them"} and words[i - 3] in _VERBS:
                del words[i - 2]
            break
    # "everyone accept the bride" -> "everyone except the bride"; "accept for" -> "except for"
    for i, w in enumerate(words):
        if w in {"accept", "expect", "excepts", "accepts", "expects"} and (
            (i > 0 and words[i - 1] in _GROUP_WORDS) or (i + 1 < len(words) and words[i + 1] == "for")
        ):
            words[i] = "except"
    return " ".join(words)
