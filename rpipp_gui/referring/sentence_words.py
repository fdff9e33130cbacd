"""Which words of a sentence the parser reads, and which it cannot judge.

``known_words()`` is every word some part of the parser reads; ``typo_targets()`` the words a
misspelling may be corrected to. ``unjudged(words)`` lists the content words no cue reads ("holding
an umbrella" -> holding, umbrella; "the red tie"), so that a resolution can say what it could not
judge and never lets them pass silently; ``understood(words)`` tells a sentence the parser reads
from gibberish or another language. Plain data and pure functions.
"""

from __future__ import annotations

from functools import lru_cache

from rpipp_gui.referring import word_lists as vocab
from rpipp_gui.referring.looks_words import (
    ACTIONS,
    AGE_WORDS,
    ALONE,
    AMONG,
    ARMS_UP,
    ARTICLES,
    EYEWEAR,
    FUNCTION_WORDS,
    HAIR_COLOURS,
    HAIR_ONLY,
    HAIR_SHAPES,
    HAIR_WORDS,
    HAND_TO_FACE,
    HELD_IN_FRONT,
    HOLD_VERBS,
    PATTERNS,
    PLACE_WORDS,
    THINGS_WORN,
    TOGETHER,
    UNREAD_LOOKS,
    VIEW_PHRASES,
    WORN_PHRASES,
    WORN_VALUES,
    holds_in_front,
    worn_at,
)


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every word some part of the parser reads (cue words, nouns, verbs, filler, grammar)."""
    from rpipp_gui.referring import cleanup as text
    from rpipp_gui.referring import query

    known: set[str] = set()
    for table in (
        vocab.TYPOS,
        vocab.SINGULAR,
        vocab.PERSON_NOUNS,
        vocab.COLORS,
        vocab.NUMBER_WORDS,
        vocab.ORDINALS,
        HAIR_WORDS,
        HAIR_COLOURS,
        EYEWEAR,
        PATTERNS,
        ACTIONS,
        AGE_WORDS,
    ):
        known.update(table)
    for words in (
        vocab.PLURAL_FORMS,
        vocab.CHILD_ADJECTIVES,
        vocab.NON_PERSON_NOUNS,
        vocab.ATTACH_WORDS,
        vocab.UPPER_GARMENTS,
        vocab.LOWER_GARMENTS,
        vocab.WHOLE_GARMENTS,
        vocab.NOT_CLOTHING,
        vocab.EVERYONE_WORDS,
        vocab.SITTING,
        vocab.STANDING,
        vocab.LYING,
        vocab.BIG,
        vocab.SMALL,
        vocab.TALL,
        vocab.SHORT,
        vocab.PARTIAL,
        vocab.BODY_PARTS,
        vocab.LOOKING,
        vocab.PLACE_AFTER_HAND,
        ARTICLES,
        HAIR_SHAPES,
        FUNCTION_WORDS,
        PLACE_WORDS,
        query._EXTREME,
        query._BACK,
        query._FRONT,
        query._BACK_NOT_DEPTH,
        query._ROW_OF,
        query._SHORT_THINGS,
        query._POSSESSIVE,
        text._PICTURE_WORDS,
        UNJUDGED_VERBS,
        HOLD_VERBS,
        HELD_IN_FRONT,
        vocab.HEAD_GARMENTS,
        vocab.CROWD_COLLECTIVE,
        vocab.CROWD_PLURALS,
        vocab.STANDS_NOUNS,
        vocab.HIDDEN,
        vocab.PEEKING,
        vocab.CUT_OFF,
    ):
        known.update(words)
    for phrases in (vocab.LEAD_FILLER, vocab.EXCEPT_WORDS, [p for p, _ in vocab.ACTIONS]):
        for phrase in phrases:
            known.update(phrase.split())
    for phrase, _ in (*text._RELATIONS, *VIEW_PHRASES):
        known.update(phrase)
    for phrase in (*HAND_TO_FACE, *ARMS_UP, *TOGETHER, *ALONE, *AMONG, *(p for p, _ in WORN_PHRASES)):
        known.update(phrase)
    return frozenset(known)


@lru_cache(maxsize=1)
def typo_targets() -> frozenset[str]:
    """The words a misspelling may be corrected to: cue words of four letters or more (not grammar,
    not a misspelling itself)."""
    # Never towards a word that changes what is asked: a count, a rank or a thing that is not a person.
    skip = set(vocab.TYPOS) | FUNCTION_WORDS | ARTICLES | vocab.NON_PERSON_NOUNS
    skip |= set(vocab.ORDINALS) | set(vocab.NUMBER_WORDS) | UNREAD_WORDS
    skip |= {w for phrase, _ in vocab.ACTIONS for w in phrase.split()}  # "blurry" is not "blurr"
    return frozenset(w for w in known_words() if len(w) >= 4 and w.isalpha() and w not in skip)


# Content words a person says about someone that no cue reads: what they hold or do with things.
UNJUDGED_VERBS = frozenset(
    {
        "holding",
        "carrying",
        "catching",
        "throwing",
        "eating",
        "drinking",
        "using",
        "pushing",
        "pulling",
        "riding",
        "playing",
        "hugging",
        "kissing",
        "petting",
        "feeding",
        "reading",
        "talking",
        "smiling",
        "laughing",
        "shouting",
        "yelling",
        "crying",
        "singing",
        "dancing",
        "hiding",
        "leaning",
        "blurry",
        "blurred",
        "blurring",
        "fuzzy",
        "unfocused",
        "unsharp",
        "focus",
        "bearded",
        "beard",
        "mustache",
        "moustache",
        "tattoo",
        "tattooed",
        "umbrella",
        "papers",
        "paper",
        "ball",
        "phone",
    }
)


# Words the parser knows (never a misspelling to fix) that say nothing it can see: what a person does
# with things, and the things themselves ("holding", "umbrella", "basketball").
UNREAD_WORDS = UNJUDGED_VERBS | HOLD_VERBS | HELD_IN_FRONT


# Garments whose kind is named ("the woman in the dress", "a man in a suit"): only their colours and
# patterns are read, so a garment named without one is reported unjudged, never silently dropped (a
# lone soldier was hidden as "the woman in the dress", real_people_pkg4 no-target). Left out: words
# for any clothes, sleeves, jeans (read as blue, ``query._BLUE_BY_NAME``), and words with another
# sense ("at the top", "on the tank", "playing polo").
GARMENT_KINDS = (
    (vocab.UPPER_GARMENTS | vocab.LOWER_GARMENTS | vocab.WHOLE_GARMENTS | vocab.LONG_GARMENTS)
    - vocab.HEAD_GARMENTS
    - {"clothes", "clothing", "outfit", "sleeve", "sleeves", "jeans", "top", "tank", "polo"}
)


def _unnamed_garment(words: list[str], i: int) -> bool:
    """words[i] names a garment's kind with no colour or pattern before it ("the dress"), and is not
    the first word of a compound ("suit jacket", "dress shirt": the garment is the next word)."""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if nxt in vocab.UPPER_GARMENTS or nxt in vocab.LOWER_GARMENTS or nxt in vocab.WHOLE_GARMENTS:
        return False
    return _said_before(words, i, lambda c: c in vocab.COLORS or c in PATTERNS) is None


def _said_before(words: list[str], i: int, said) -> str | None:
    """The word among the three before words[i] for which ``said`` holds ("red" in "a red striped
    tie"), or None; not past another garment or a joining word ("a white shirt and tie": the white
    is the shirt's)."""
    for c in reversed(words[max(0, i - 3) : i]):
        if said(c):
            return c
        if c in ("and", "or", "with") or c in vocab.UPPER_GARMENTS or c in vocab.LOWER_GARMENTS:
            return None
    return None


def _colour_before(words: list[str], i: int) -> str | None:
    """The colour word among the three words before words[i] (``_said_before``), or None."""
    return _said_before(words, i, lambda c: c in vocab.COLORS)


def unread_look(word: str) -> bool:
    """An unjudged word of ``unjudged`` that describes how someone looks, which no reader sees:
    facial hair, or the colour of a detail ("red tie", "white trim"). With one person found such a
    word keeps the answer unsure (``verdict.single``): "the man in the red tie" of a man in a black
    bow tie was hidden (real_people_pkg3 no-target), as "the man with a beard" of a clean-shaven
    man was (issue-13s). A thing worn that the picture classifier only confirms ("hat", "helmet";
    ``WornFitOptions.confirm_only``) and did not see is such a look too: "the man in the baseball
    cap" of a lone man in goggles was hidden on 'man' alone (real_people_pkg10 no-target)."""
    return (
        word in UNREAD_LOOKS or word in WORN_VALUES or word.split()[-1] in vocab.NOT_CLOTHING and " " in word
    )


def content_words(words: list[str]) -> list[str]:
    """The words that say something about the target: not grammar, filler or the photo."""
    return [w for w in words if w not in FUNCTION_WORDS and w not in ARTICLES and not w.isdigit()]


def unjudged(words: list[str]) -> tuple[str, ...]:
    """Content words no cue reads: unknown words, and things held, worn or done that the photo
    reading does not see (hats, bags, beards, "holding ...")."""
    known = known_words()
    out = []
    worn = worn_at(words)
    for i, w in enumerate(words):
        if w not in content_words([w]):
            continue
        if i in worn:
            continue  # read by the picture classifier
        if w in vocab.NOT_CLOTHING and not holds_in_front(words, i):
            colour = _colour_before(words, i)  # "the red tie": a look that is asked and not read
            out.append(f"{colour} {w}" if colour else w)
        elif vocab.SINGULAR.get(w, w) in vocab.FOOTWEAR:
            out.append(w)  # footwear and its colour are not read
        elif w in GARMENT_KINDS and _unnamed_garment(words, i):
            out.append(w)  # the garment's kind is not read, only its colours and pattern
        elif w in THINGS_WORN:
            # a coloured hat or bag is read by its colour
            if not any(c in vocab.COLORS for c in words[max(0, i - 3) : i]):
                out.append(w)
        elif holds_in_front(words, i):
            continue  # judged by the pose word "holding"; the thing held stays unjudged
        elif w in HAIR_SHAPES and (w in HAIR_ONLY or {"hair", "haired"} & set(words[i + 1 : i + 3])):
            out.append(w)  # the hair's shape is not read (issue-13l): never dropped silently
        elif w not in known or w in UNREAD_WORDS or w in vocab.NON_PERSON_NOUNS:
            out.append(w)
    return tuple(dict.fromkeys(out))


def understood(words: list[str], cued: bool = False) -> bool:
    """True when a content word is one the parser reads, and such words are not outnumbered more
    than twice by words it does not know at all ("lorem ipsum dolor sit amet" is not understood
    for its "sit"). cued: the parser found a cue in words it counts as grammar ("arms up")."""
    known = known_words()
    content = content_words(words)
    read = max(sum(w in known and w not in UNREAD_WORDS for w in content), int(cued))
    foreign = sum(w not in known for w in content)
    return read > 0 and foreign <= 2 * read
