"""Words about how people look and what they do.

``read_looks(words)`` finds the view ("facing the camera", "with his back to us", "walking away"),
hair ("bald", "blonde", "long dark hair"), eyewear ("glasses", "sunglasses"), clothing pattern
("striped", "Hawaiian shirt"), pose words ("pointing", "arms raised", "hand to the face",
"bending", "holding the ball") and age words ("old", "young", "teenager"). Which words of a
sentence no cue reads is ``sentence_words``. Plain data and pure functions.
"""

from __future__ import annotations

from rpipp_gui.referring import word_lists as vocab

# fmt: off
VIEW_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("facing", "the", "camera"), "front"), (("facing", "camera"), "front"), (("facing", "us"), "front"),
    (("facing", "forward"), "front"), (("facing", "front"), "front"),
    (("looking", "at", "the", "camera"), "front"), (("looking", "at", "camera"), "front"),
    (("looking", "at", "us"), "front"), (("face", "visible"), "front"),
    (("toward", "the", "camera"), "front"), (("towards", "the", "camera"), "front"),
    (("toward", "us"), "front"), (("towards", "us"), "front"),
    (("facing", "away"), "back"), (("walking", "away"), "back"), (("going", "away"), "back"),
    (("turned", "away"), "back"), (("from", "behind"), "back"), (("back", "to", "us"), "back"),
    (("back", "to", "the", "camera"), "back"), (("backs", "to", "us"), "back"),
    (("backs", "to", "the", "camera"), "back"), (("back", "to", "camera"), "back"),
    (("back", "turned"), "back"), (("seen", "from", "behind"), "back"),
    (("away", "from", "the", "camera"), "back"),
    (("away", "from", "us"), "back"), (("in", "profile"), "profile"), (("side", "view"), "profile"),
    (("from", "the", "side"), "profile"), (("sideways",), "profile"), (("side", "on"), "profile"),
)
HAIR_WORDS: dict[str, str] = {
    "bald": "bald", "balding": "bald", "hairless": "bald", "shaved": "bald",
    "blonde": "blonde", "blond": "blonde", "fair": "blonde",
    "brunette": "dark", "redhead": "red", "ginger": "red",
}
HAIR_COLOURS: dict[str, str] = {  # colour word before "hair" / "haired"
    "black": "dark", "dark": "dark", "brown": "dark", "blonde": "blonde", "blond": "blonde",
    "yellow": "blonde", "golden": "blonde", "gray": "gray", "grey": "gray", "white": "gray",
    "silver": "gray", "red": "red", "orange": "red", "ginger": "red", "long": "long", "short": "short",
}
HAIR_SHAPES = frozenset({"curly", "straight", "wavy", "messy", "spiky", "braided", "ponytail", "bun",
                         "frizzy", "thick", "thin"})  # understood, but not judged: reported unjudged
# ... always; the others ("straight ahead", "a thin man") only before "hair" / "haired"
HAIR_ONLY = frozenset({"curly", "wavy", "spiky", "braided", "ponytail", "frizzy"})
# Facial hair, a look no reader sees: with one person found it is not taken as true on faith the
# way an unread action is ("the man with a beard" of a clean-shaven man, issue-13s real_people_pkg2
# biden.jpg). A facial-hair reader from the chip (chin and upper lip darker than the cheeks) was
# tried and did not separate: upper lip / cheeks 0.48-0.89 bearded, 0.56-1.16 clean-shaven. The
# hair's shape ("curly") is left out: on real_people_pkg --descs it lost a right lone curly man.
# Issue-13z tried the chin below the mouth against the cheeks (five face landmarks), on every
# annotated frontal man of the six sets: brightness ratio 0.51-0.70 bearded (a white beard 1.26)
# against 0.60-1.63 clean-shaven, chromaticity distance 0.006-0.12 against 0.00-0.11: no separation.
# A tattoo is a look no reader sees either (issue-13af).
UNREAD_LOOKS = frozenset({"beard", "bearded", "mustache", "moustache", "goatee", "stubble", "stubbly",
                          "unshaven", "whiskers", "sideburns", "tattoo", "tattooed", "tattoos"})
# Issue-13 (stop 28) reads facial hair after all, but only to confirm it (``LooksOptions.beard``):
# the darkest of the upper lip and the jaw against the cheeks separates the top end (a dark beard
# or moustache) though not the whole range (a white beard reads as skin). These words stay in
# ``unjudged`` (and ``UNREAD_LOOKS``) until a face reads them (``scoring.Evidence.read``).
FACIAL_HAIR = frozenset({"beard", "beards", "bearded", "mustache", "mustaches", "moustache", "moustaches",
                         "mustached", "moustached", "goatee", "stubble", "stubbly", "unshaven"})
EYEWEAR: dict[str, str] = {"glasses": "glasses", "spectacles": "glasses", "specs": "glasses",
                           "eyeglasses": "glasses", "sunglasses": "sunglasses", "shades": "sunglasses",
                           "goggles": "sunglasses"}
# How sharp someone is against the sharpest person (``focus``): also in ``unjudged`` until read
# (``scoring.Evidence.read``), as with one person found it cannot be.
FOCUS_WORDS: dict[str, str] = {"blurry": "blurry", "blurred": "blurry", "blurring": "blurry",
                               "fuzzy": "blurry", "unfocused": "blurry", "unsharp": "blurry"}
PATTERNS: dict[str, str] = {
    "striped": "striped", "stripes": "striped", "stripey": "striped", "stripy": "striped",
    "pinstripe": "striped", "pinstriped": "striped", "stripe": "striped",
    "patterned": "patterned", "pattern": "patterned", "floral": "patterned", "flowered": "patterned",
    "flowery": "patterned", "hawaiian": "patterned", "print": "patterned", "printed": "patterned",
    "checked": "patterned", "checkered": "patterned", "chequered": "patterned", "plaid": "patterned",
    "tartan": "patterned", "polka": "patterned", "dotted": "patterned", "dots": "patterned",
    "camo": "patterned",
    "camouflage": "patterned", "paisley": "patterned", "plain": "plain", "solid": "plain",
}
ACTIONS: dict[str, str] = {
    "pointing": "pointing", "points": "pointing", "point": "pointing",
    "waving": "arms_raised", "waves": "arms_raised", "raising": "arms_raised", "raised": "arms_raised",
    "cheering": "arms_raised", "reaching": "arms_raised",
    # not "leaning": a slight lean ("leaning forward", "leaning on the rail") keeps the torso upright
    # to the pose reading, which then answers that nobody bends (held-out vtest_0450)
    "bending": "bending", "bent": "bending", "bends": "bending", "stooping": "bending",
    "bowing": "bending", "crouching": "bending",
    "kicking": "kicking", "kicks": "kicking",
}
HAND_TO_FACE = (("hand", "to", "face"), ("hand", "to", "his", "face"), ("hand", "to", "her", "face"),
                ("hand", "on", "face"), ("hand", "over", "face"), ("covering", "face"),
                ("covering", "his", "face"), ("covering", "her", "face"), ("on", "phone"),
                ("on", "the", "phone"), ("touching", "face"), ("touching", "his", "face"),
                ("touching", "her", "face"), ("hand", "to", "the", "face"))
_WHOSE = ((), ("her",), ("his",), ("their",), ("the",))
# Hand at the mouth (the same pose read as hand_to_face): "biting her finger", "hand over his mouth".
# Their words become typo targets: no rare ones ("lips" took "hips", "sucking" took "tucking"), and
# not "chin" (RefCOCO's "girl with chin in hand" was right only as "thin", the typo of today).
HAND_TO_FACE += tuple(
    (verb, *whose, thing)
    for verb, thing in (("biting", "finger"), ("biting", "fingers"), ("biting", "nails"), ("over", "mouth"),
                        ("to", "mouth"), ("in", "mouth"))
    for whose in _WHOSE
)  # fmt: skip
# A hand at the chin ("his hand on his chin", "chin in her hand", "resting his chin on his hand"):
# the same pose. "chin" became a word the parser reads: before, the typo fixer made it "chip", an
# unread thing (real_people_pkg3 face_detection_input.jpg, "the man with his hand on his chin").
HAND_TO_FACE += tuple(
    phrase
    for whose in _WHOSE
    for phrase in (("on", *whose, "chin"), ("under", *whose, "chin"), ("to", *whose, "chin"),
                   ("chin", "in", *whose, "hand"), ("chin", "on", *whose, "hand"),
                   ("chin", "in", *whose, "hands"), ("chin", "on", *whose, "hands"))
)  # fmt: skip
HAND_TO_FACE += tuple(("hand", *p) for p in HAND_TO_FACE if p[0] in ("on", "over", "to", "under"))
HAND_TO_FACE += tuple(("finger", *p) for p in HAND_TO_FACE if p[0] in ("in", "to"))
ARMS_UP = (("arms", "up"), ("arm", "up"), ("hands", "up"), ("hand", "up"), ("arms", "raised"),
           ("arm", "raised"), ("hands", "raised"), ("hand", "raised"), ("arms", "in", "the", "air"),
           ("hands", "in", "the", "air"))
# A hand on or behind the head is a raised arm to the pose reader: "her hand on her head".
ARMS_UP += tuple(
    (hand, where, *whose, "head")
    for hand in ("hand", "hands", "arm", "arms")
    for where in ("on", "behind", "over", "above")
    for whose in _WHOSE
)
# "holding the basketball", "carrying papers": light things carried in front of the body with both
# hands, so that the pose word "holding" (wrists together in front of the torso) can judge the verb.
# Not an umbrella (held up at the side), a phone (to the ear) or a bag (hanging from one hand).
# Catching a ball is the same pose: both hands together in front of the body.
HOLD_VERBS = frozenset({"holding", "holds", "carrying", "carries", "clutching", "hugging", "catching",
                        "catches"})
HELD_IN_FRONT = frozenset({
    "ball", "basketball", "football", "volleyball", "soccerball", "papers", "paper", "documents",
    "document", "book", "books", "box", "boxes", "folder", "folders", "file", "files", "clipboard",
    "tray", "plate", "package", "parcel", "cake", "pizza", "laptop", "baby", "newspaper", "magazine",
    "chessboard", "board", "sign", "poster", "card", "cards",
})
_HELD_SKIP = frozenset({"a", "an", "the", "some", "his", "her", "their", "its", "of", "big", "small",
                        "large", "little", "stack", "pile", "bunch", "few", "white", "brown", "orange",
                        "red", "blue", "green", "yellow", "black"})
TOGETHER = (("side", "by", "side"), ("together",), ("next", "to", "each", "other"), ("group",),
            ("arm", "in", "arm"), ("hand", "in", "hand"), ("the", "couple"), ("the", "pair"))
# issue-13q: one person standing apart from everyone, or among others ("the guy in the group")
ALONE = (("alone",), ("on", "his", "own"), ("on", "her", "own"), ("on", "their", "own"), ("on", "its", "own"),
         ("by", "himself"), ("by", "herself"), ("by", "themselves"), ("by", "themself"),
         ("standing", "apart"), ("apart", "from", "the", "others"), ("away", "from", "the", "others"))
AMONG = (("in", "the", "group"), ("in", "a", "group"), ("with", "the", "others"), ("among", "the", "others"),
         ("with", "the", "group"), ("with", "others"), ("among", "others"))
AGE_WORDS: dict[str, str] = {
    "old": "old", "older": "old", "oldest": "old", "elderly": "old", "aged": "old", "senior": "old",
    "grandpa": "old", "grandma": "old", "grandfather": "old", "grandmother": "old",
    "young": "young", "younger": "young", "youngest": "young", "youthful": "young",
    "teen": "teen", "teenager": "teen", "teenage": "teen", "adolescent": "teen",
}
# Articles and politeness.
ARTICLES = frozenset({"please", "pls", "plz", "thanks", "thank", "the", "a", "an", "that", "who", "is",
                      "are", "which", "whose", "grown"})
# Words that carry no cue of their own: grammar, and nouns that only name clothes or the photo.
FUNCTION_WORDS = frozenset({
    "of", "in", "on", "at", "with", "and", "to", "his", "her", "their", "its", "my", "your", "s",
    "this", "these", "those", "there", "here", "it", "them", "they", "him", "us", "we", "you", "i",
    "me", "for", "from", "by", "or", "as", "has", "have", "having", "wearing", "wears", "dressed",
    "shirt", "jacket", "photo", "picture", "image", "pic", "frame", "camera", "side", "guy", "also",
    "some", "any", "who", "looks", "like", "very", "kind", "sort", "bit", "just", "really",
    "hair", "haired", "colored", "coloured", "light", "bright", "pale", "out", "up", "down",
    "over", "off", "away", "into", "onto", "around", "along", "about", "while", "being", "was",
    "were", "be", "been", "does", "do", "did", "not", "no", "without", "only", "same", "other",
    "another", "else", "both", "each", "one", "ones", "two", "standing", "stood", "area", "spot",
    "space", "place", "hand", "hands", "arms", "arm", "face", "head", "body", "whole", "part",
    # walking is what most people in a street photo do, and one frame cannot tell it from standing
    "walking", "walks", "running", "runs", "striding", "jogging", "strolling", "going", "moving",
    # how much is hidden ("mostly hidden", "almost out of the picture"): read with the word after
    "mostly", "almost", "nearly",
})
PLACE_WORDS = frozenset({
    "left", "right", "middle", "center", "central", "top", "upper", "above", "bottom", "lower", "below",
    "row", "rows", "from", "behind", "far", "near", "next", "beside", "between", "edge", "corner",
    "end", "foreground", "background", "distance", "distant", "closest", "nearest", "front", "back",
    "rear", "close", "farthest", "furthest", "further", "most", "way", "group", "together", "alone",
    "crowd", "stands", "everyone", "face", "faces",
})
# Worn or carried things whose presence is not read (their colour is, when one is named).
THINGS_WORN = frozenset(
    {"hat", "cap", "helmet", "hood", "hooded", "scarf", "tie", "bag", "backpack", "beanie"}
) | vocab.HAND_GARMENTS
# fmt: on


# Things worn that the picture classifier reads on each person's box (looks.py ``_worn``; the
# ImageNet classes of each value and how they were measured: ``looks_options.WornFitOptions``): phrase
# -> value. Only kinds it told apart on the annotated people of the real sets: a cowboy hat, a suit,
# a crash helmet and any hat or cap (these two confirm only). Measured and left out, read as often
# on people without them as on people with them: hoodie/sweatshirt, cardigan, gown/wedding dress,
# swimwear, trench coat, lab coat, military uniform, kimono (a Hawaiian shirt); not a T-shirt (the
# parser keeps only "shirt").
WORN_PHRASES: tuple[tuple[tuple[str, ...], str | None], ...] = (
    (("cowboy", "hat"), "cowboy hat"), (("cowboy", "hats"), "cowboy hat"), (("stetson",), "cowboy hat"),
    (("sombrero",), "cowboy hat"), (("helmet",), "helmet"), (("helmets",), "helmet"),
    (("helmeted",), "helmet"), (("bathing", "suit"), None), (("suit",), "suit"), (("suits",), "suit"),
    (("suited",), "suit"), (("hat",), "hat"), (("hats",), "hat"), (("cap",), "hat"), (("caps",), "hat"),
)  # fmt: skip
WORN_VALUES = frozenset(v for _, v in WORN_PHRASES if v)
_WORN_BY_LENGTH = tuple(sorted(WORN_PHRASES, key=lambda pv: -len(pv[0])))


def worn_at(words: list[str]) -> dict[int, str]:
    """The worn things named in ``words`` (``WORN_PHRASES``, longest phrase first: a "bathing suit"
    is not a suit, its value None is not read): {index of each word of the phrase: value}."""
    out: dict[int, str] = {}
    skip: set[int] = set()
    for i in range(len(words)):
        if i in out or i in skip:
            continue
        for phrase, value in _WORN_BY_LENGTH:
            if _at(words, i, phrase):
                span = range(i, i + len(phrase))
                if value is None:
                    skip.update(span)
                else:
                    out.update({k: value for k in span})
                break
    return out


def _at(words: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(words[i : i + len(phrase)]) == phrase


def holds_in_front(words: list[str], i: int) -> bool:
    """words[i] is a verb of holding whose object (within four words, past articles, amounts and
    colours) is a light thing carried in front of the body: "holding the basketball", "carrying a
    stack of papers"; not "holding an umbrella"."""
    if words[i] not in HOLD_VERBS:
        return False
    for word in words[i + 1 : i + 5]:
        if word in HELD_IN_FRONT:
            return True
        if word not in _HELD_SKIP:
            return False
    return False


def _a_thing(word: str) -> bool:
    """The word names a thing (a non-person noun, or the picture itself), not a person."""
    from rpipp_gui.referring.cleanup import _PICTURE_WORDS

    single = vocab.SINGULAR.get(word, word)
    return single in vocab.NON_PERSON_NOUNS or single in _PICTURE_WORDS


def read_looks(words: list[str]) -> dict:  # noqa: C901 - one pass, one cue kind per branch
    """Looks cues of a target's words. Returns a dict with the Query fields ``view``, ``hair``,
    ``eyewear``, ``pattern``, ``actions``, ``age_group``, ``worn``, ``facial_hair``, ``focus``
    (absent when not named)."""
    out: dict = {}
    hair: list[str] = []
    actions: list[str] = []
    n = len(words)
    for i, word in enumerate(words):
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < n else ""
        for phrase, view in VIEW_PHRASES:
            if _at(words, i, phrase):
                out.setdefault("view", view)
        if word in HAIR_WORDS and (word not in ("fair", "shaved") or nxt in ("hair", "haired", "head")):
            hair.append(HAIR_WORDS[word])
        if word in ("hair", "haired", "hairs"):
            for w in words[max(0, i - 3) : i]:
                if w in HAIR_COLOURS and (w, HAIR_COLOURS[w]) != ("long", "long") or w in ("long", "short"):
                    hair.append(HAIR_COLOURS[w])
        if word in EYEWEAR:
            value = EYEWEAR[word]
            out["eyewear"] = "none" if prev in ("no", "without") else value
        if word in FOCUS_WORDS:
            out.setdefault("focus", FOCUS_WORDS[word])
        elif word == "focus" and prev in ("of", "in"):  # "out of focus", "in focus"
            out.setdefault("focus", "blurry" if prev == "of" or words[max(0, i - 2)] == "not" else "sharp")
        if word in PATTERNS and not (word == "solid" and nxt not in vocab.UPPER_GARMENTS):
            out.setdefault("pattern", PATTERNS[word])
        if word in ACTIONS and not (word == "point" and prev not in ("to", "who", "")) and nxt != "away":
            # "walking away" says which way they face (a view), not how their legs stand
            actions.append(ACTIONS[word])
        if holds_in_front(words, i):
            actions.append("holding")
        if any(_at(words, i, p) for p in HAND_TO_FACE):
            actions.append("hand_to_face")
        if any(_at(words, i, p) for p in ARMS_UP):
            actions.append("arms_raised")
        if word in AGE_WORDS and nxt not in ("hair", "haired") and not _a_thing(nxt):
            # "the old man", "the old one"; not "the old photo", "an old car"
            out["age_group"] = AGE_WORDS[word]
    worn = worn_at(words)
    if worn:
        out["worn"] = tuple(dict.fromkeys(worn.values()))
    facial = [w for i, w in enumerate(words) if w in FACIAL_HAIR and not _denied(words, i)]
    if facial:
        out["facial_hair"] = tuple(dict.fromkeys(facial))
    if hair:
        out["hair"] = tuple(dict.fromkeys(hair))
    if actions:
        out["actions"] = tuple(dict.fromkeys(actions))
    return out


def _denied(words: list[str], i: int) -> bool:
    """words[i] follows "no" or "without" within two words ("without a beard", "no moustache")."""
    return any(w in ("no", "without") for w in words[max(0, i - 2) : i])


def together(words: list[str]) -> bool:
    """ "side by side", "together", "the group of three": the people asked for stand together."""
    return any(_at(words, i, p) for i in range(len(words)) for p in TOGETHER)


# issue-13q: the verbs before "left" / "right" that say which way someone faces or walks
HEADING_VERBS = frozenset(
    {
        "facing",
        "faces",
        "turned",
        "turning",
        "looking",
        "looks",
        "walking",
        "walks",
        "heading",
        "heads",
        "going",
        "goes",
        "moving",
        "moves",
        "running",
        "runs",
    }
)


def heading(words: list[str]) -> str | None:
    """ "walking to the right", "facing left", "heading towards the left": "right" / "left" (of the
    photo) which way the person faces or walks; not "his left hand" nor "to her right"."""
    for i, word in enumerate(words):
        if word not in ("left", "right") or (i > 0 and words[i - 1] in ("his", "her", "their", "my", "your")):
            continue
        if i + 1 < len(words) and words[i + 1] in vocab.BODY_PARTS:
            continue
        if any(w in HEADING_VERBS for w in words[max(0, i - 3) : i]):
            return word
    return None


def company(words: list[str]) -> str | None:
    """ "alone", "on his own", "by herself": "alone"; "in the group", "with the others": "group";
    else None (issue-13q)."""
    for phrases, name in ((ALONE, "alone"), (AMONG, "group")):
        if any(_at(words, i, p) for i in range(len(words)) for p in phrases):
            return name
    return None
