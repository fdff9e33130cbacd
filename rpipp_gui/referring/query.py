"""The parsed form of a sentence: which cues it gives about the people it means.

``parse(text) -> Query`` is pure Python and never raises. Parsing the query's own ``text`` again gives
the same target cues (``parse(parse(s).text)`` equals ``parse(s)`` apart from the style and ``raw``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rpipp_gui.referring import looks_words, sentence_words
from rpipp_gui.referring import word_lists as vocab
from rpipp_gui.referring.cleanup import (
    drop_relation,
    normalise,
    split_exclusion,
    split_relation,
    strip_action,
)
from rpipp_gui.referring.colour_words import DRESSED, attach_colour
from rpipp_gui.referring.things import read_thing


@dataclass(frozen=True)
class Query:
    """What a sentence says about its target. Every field is optional (None / empty / False).

    text:         normalised target description, the action and filler stripped ("man on the left").
    style:        protection style the verb names: blur, mosaic, solid, inpaint, noise, face; or None.
    fill:         the verb's own style when ``style`` is "face" ("blur the face of ..." -> blur).
    horizontal:   position words across the photo, in sentence order: "left", "right", "center".
    vertical:     "top" or "bottom" (of the photo).
    depth:        "front" (closest to the camera) or "back" (farthest).
    extreme:      True for "far left", "leftmost", "very front".
    ordinal:      1-based rank ("second" -> 2); -1 for "last".
    ordinal_from: side the rank counts from: left, right, front, back, top, bottom.
    row:          "top", "bottom" or "middle": the row of a group the person stands in ("front row",
                  "second from left in the back row"); the other cues then count within that row.
    size:         big, small, tall or short.
    age / sex:    "child" / "adult"; "m" / "f".
    posture:      sitting, standing or lying.
    upper_colors / lower_colors / colors: clothing colours of the upper body, lower body, or unknown part.
    head_colors:  colours of what is worn on the head ("the white hood", "a red cap").
    hand_colors:  colours of what is worn on the hands ("the white gloves").
    count:        how many people the sentence asks for ("both" -> 2), or None.
    everyone:     "everyone", "all of them".
    plural:       a plural noun without a count ("the kids").
    partial:      "cut off", "half", "partially visible".
    cut_off:      the photo's border is named: "cut off", "cropped", "out of the picture".
    hidden:       something stands in front: "partly" ("partly hidden", "behind the sign": a thing,
                  not a person) or "mostly" ("peeking over the car": only the head shows); or None.
    exclude:      the query of "except ..." / "all but ...", or None.
    relation:     left_of, right_of, in_front_of, behind, next_to, between, above, below; anchor: its query.
    person_named: a person noun appears ("man", "kid", "player").
    non_person:   a non-person thing named as the target ("the dog"), else None.
    crowd:        the target is a crowd ("the crowd in the stands", "the fans", "the audience"):
                  people too small and many to be found one by one, so no pick can be checked.
    in_crowd:     a person named as one of a crowd ("the man in the crowd", "a woman among the
                  audience"): the crowd is where they are, not the target.
    view:         "front", "profile" or "back" ("facing the camera", "walking away").
    hair:         hair words: bald, blonde, dark, gray, red, long, short.
    eyewear:      "glasses", "sunglasses" or "none" ("without glasses").
    pattern:      clothing pattern: "plain", "striped" or "patterned" ("Hawaiian shirt").
    worn:         things worn or carried the picture classifier reads ("cowboy hat", "helmet", "suit";
                  ``looks_words.WORN_PHRASES``).
    facial_hair:  the sentence's facial-hair words ("beard", "bearded", "moustache"), read only to
                  confirm (``looks.PhotoLooks`` "facial_hair"); also in ``unjudged`` until read.
    focus:        "blurry" ("blurred", "out of focus") or "sharp" ("in focus"), against the sharpest
                  person of the photo (``focus``).
    actions:      pose words: pointing, arms_raised, hand_to_face, bending, walking, kicking, holding
                  ("holding the ball", "carrying papers": a light thing held in front).
    age_group:    "old", "young" or "teen" (from adjectives; nouns give ``age``).
    together:     the people asked for stand together ("side by side", "the group of three").
    company:      "alone" ("on his own", "by herself") or "group" ("in the group", "with the
                  others"): one person standing apart from everyone, or near someone.
    heading:      "left" / "right": which way across the photo the person faces or walks
                  ("walking to the right", "facing left").
    pick:         people picked by their numbers as the app shows them ("#2", "number 2 and 3"),
                  1-based; the answer to "not sure whom ... means: #1 or #2 — pick a number".
    thing:        a thing the target is placed by that the detector can find ("car", "bicycle", "dog";
                  ``referring.things``), or None; thing_how: "near", "left_of", "right_of",
                  "in_front_of", "behind" or "on"; thing_words: the words naming it (unjudged until
                  such a thing is found by someone).
    unjudged:     content words of the sentence no cue reads ("holding", "umbrella", "qwerty").
    understood:   at least one content word is one the parser reads; False for gibberish,
                  punctuation, or another language.
    """

    text: str = ""
    raw: str = ""
    style: str | None = None
    fill: str | None = None
    horizontal: tuple[str, ...] = ()
    vertical: str | None = None
    depth: str | None = None
    extreme: bool = False
    ordinal: int | None = None
    ordinal_from: str | None = None
    row: str | None = None
    size: str | None = None
    age: str | None = None
    sex: str | None = None
    posture: str | None = None
    upper_colors: tuple[str, ...] = ()
    lower_colors: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()
    head_colors: tuple[str, ...] = ()
    hand_colors: tuple[str, ...] = ()
    count: int | None = None
    everyone: bool = False
    plural: bool = False
    partial: bool = False
    cut_off: bool = False
    hidden: str | None = None
    exclude: Query | None = None
    relation: str | None = None
    anchor: Query | None = field(default=None)
    person_named: bool = False
    non_person: str | None = None
    crowd: bool = False
    in_crowd: bool = False
    view: str | None = None
    hair: tuple[str, ...] = ()
    eyewear: str | None = None
    pattern: str | None = None
    worn: tuple[str, ...] = ()
    facial_hair: tuple[str, ...] = ()
    focus: str | None = None
    actions: tuple[str, ...] = ()
    age_group: str | None = None
    together: bool = False
    company: str | None = None
    heading: str | None = None
    pick: tuple[int, ...] = ()
    thing: str | None = None
    thing_how: str | None = None
    thing_words: tuple[str, ...] = ()
    unjudged: tuple[str, ...] = ()
    understood: bool = False

    @property
    def has_spatial(self) -> bool:
        """True when the sentence says where the person is (position, order, depth or relation)."""
        return bool(self.horizontal or self.vertical or self.depth or self.ordinal or self.relation)

    @property
    def has_colors(self) -> bool:
        return bool(
            self.upper_colors or self.lower_colors or self.colors or self.head_colors or self.hand_colors
        )

    @property
    def has_looks(self) -> bool:
        """True when the sentence says how the person looks or what they do (beyond colours)."""
        return bool(
            self.view
            or self.hair
            or self.eyewear
            or self.pattern
            or self.worn
            or self.facial_hair
            or self.focus
            or self.actions
            or self.age_group
            or self.sex
        )


_SIDES = {
    "left": "left",
    "right": "right",
    "front": "front",
    "back": "back",
    "top": "top",
    "bottom": "bottom",
}
_EXTREME = frozenset({"far", "extreme", "very", "most", "furthest", "farthest", "all", "way", "edge"})
_BACK = frozenset({"back", "background", "farthest", "rear", "distant", "distance", "behind", "furthest"})
_FRONT = frozenset({"front", "foreground", "closest", "nearest", "near", "forefront"})
_BACK_NOT_DEPTH = frozenset({"to", "turned", "facing", "towards", "toward", "of", "view", "pocket", "seat"})
# "his back", "with back to us"; hair "tied back", "swept-back", "pulled back"; "leaning back": no place
_BACK_NOT_AFTER = frozenset({
    "his", "her", "s", "with", "from", "on", "its", "tied", "swept", "slicked", "pulled", "combed",
    "brushed", "leaning", "lying", "laid", "lean", "leans",
})  # fmt: skip


def parse(text: str) -> Query:
    """Parse any string into a Query (never raises). text: the user's sentence, with or without verb."""
    words, style, fill = strip_action(normalise(text).split())
    query = _parse_words(_pronoun_alone(words))
    return _replace(query, raw=str(text), style=style, fill=fill, pick=_picked(str(text), words))


# A pronoun that is the whole target ("hide him", "blur her"): a man or a woman, as the noun says it.
_PRONOUN_NOUNS = {"him": "man", "he": "man", "her": "woman", "she": "woman"}


def _pronoun_alone(words: list[str]) -> list[str]:
    """ "hide him" -> "man", "blur her" -> "woman": a lone pronoun names the person it stands for
    (with one person found, the one the user means; with more, whoever the gender word tells);
    any other word list is returned as it is."""
    if len(words) == 1 and words[0] in _PRONOUN_NOUNS:
        return [_PRONOUN_NOUNS[words[0]]]
    return words


_PICK_WORDS = frozenset({"number", "numbers", "no", "person", "people", "and", "or", "only", "just"})


def _picked(raw: str, words: list[str]) -> tuple[int, ...]:
    """ "#2", "number 2", "numbers 1 and 3", "2": the people's numbers, when that is all there is."""
    numbers = [w for w in words if w.isdigit() and len(w) <= 3]
    named = "#" in raw or any(w in ("number", "numbers", "no") for w in words)
    if not numbers or not (named or len(words) == len(numbers)):
        return ()
    if any(w not in _PICK_WORDS and not w.isdigit() for w in words):
        return ()
    return tuple(dict.fromkeys(int(w) for w in numbers))


def _replace(query: Query, **changes) -> Query:
    values = {name: getattr(query, name) for name in Query.__dataclass_fields__}
    values.update(changes)
    return Query(**values)


def _parse_words(words: list[str], depth_limit: int = 3) -> Query:
    text = " ".join(words)
    main, excluded = split_exclusion(words)
    exclude = _parse_words(excluded, depth_limit - 1) if excluded and depth_limit > 0 else None
    target, relation, anchor_words = split_relation(main)
    anchor = _parse_words(anchor_words, depth_limit - 1) if anchor_words and depth_limit > 0 else None
    # a thing named as the anchor ("the sign", "the cones") is not seen (only people are found):
    # its words are reported unjudged, never silently dropped
    thing = _thing_named(anchor, anchor_words)
    if relation == "between":  # "between the two women", "between the cones": in the middle
        anchor, relation = None, None
        target = [*target, "middle"]
    hidden = near_thing = False
    to_thing: tuple[str | None, list[str] | None] = (None, None)
    # "the white van": a colour with a thing's name is the thing's, not a person's in that colour
    person_like = anchor is not None and (
        anchor.person_named or anchor.has_spatial or (anchor.has_colors and not thing)
    )
    if anchor is not None and not person_like:
        # "behind the table", "next to the dog": not a person to measure against
        hidden = relation == "behind"  # "behind the sign": something in front of them
        near_thing = relation == "next_to"
        to_thing = (relation, anchor_words)
        relation, anchor = None, None
        target = drop_relation(main)
    cues = _attributes(target)
    if hidden:
        cues["partial"] = True
        cues.setdefault("hidden", "partly")
    cues.update(looks_words.read_looks(target))
    # "side by side" reads like a relation; "the three people by the sign": several people near
    # one thing stand near one another
    cues["together"] = looks_words.together(main) or (near_thing and (cues.get("count") or 0) > 1)
    cues["company"] = looks_words.company(main)
    cues["heading"] = looks_words.heading(target)
    cues["unjudged"] = tuple(dict.fromkeys(sentence_words.unjudged(target) + thing))
    cues["thing"], cues["thing_how"], cues["thing_words"] = read_thing(target, *to_thing)
    cued = any(cues.get(k) for k in _CUE_FIELDS)
    cues["understood"] = sentence_words.understood(words, cued or relation is not None)
    return Query(text=text, raw=text, exclude=exclude, relation=relation, anchor=anchor, **cues)


def _thing_named(anchor: Query | None, words: list[str] | None) -> tuple[str, ...]:
    """The words of a relation's anchor that name a thing, not a person ("the sign", "the lamp
    post", "the blue car"): those no cue reads; () for a person, a place in the photo or "them"."""
    if anchor is None or not words or anchor.person_named:
        return ()
    return sentence_words.unjudged(words)


# Fields whose presence shows that the parser understood something about the target.
_CUE_FIELDS = (
    "horizontal", "vertical", "depth", "ordinal", "size", "posture", "upper_colors", "lower_colors",
    "colors", "head_colors", "hand_colors", "count", "everyone", "partial", "hidden", "view", "hair",
    "eyewear", "pattern", "worn", "facial_hair", "focus", "actions", "age_group", "crowd", "company",
    "heading",
)  # fmt: skip


def _attributes(words: list[str]) -> dict:  # noqa: C901 - one pass over the words, cue by cue
    out: dict = {
        "horizontal": [],
        "upper_colors": [],
        "lower_colors": [],
        "colors": [],
        "head_colors": [],
        "hand_colors": [],
    }
    n = len(words)
    person_seen = False
    crowd_plural = collective = False
    non_person: str | None = None
    for i, word in enumerate(words):
        prev = words[i - 1] if i > 0 else ""
        nxt = words[i + 1] if i + 1 < n else ""
        single = vocab.SINGULAR.get(word, word)
        if word in vocab.PLURAL_FORMS and word not in ("them", "they"):
            out["plural"] = True
        if word in ("left", "right") and not _is_place(words, i):
            pass  # "left hand", "looking left": not where the person is
        elif word in ("left", "right"):
            out["horizontal"].append(word)
            if prev in _EXTREME or (i > 1 and words[i - 2] in _EXTREME and prev in ("left", "right", "the")):
                out["extreme"] = True
        elif word in ("middle", "center", "centre", "central"):
            out["horizontal"].append("center")
        elif word in ("top", "upper", "above") and not _is_garment_use(words, i):
            out.setdefault("vertical", "top")
        elif word in ("bottom", "lower", "below") and not _is_garment_use(words, i):
            out.setdefault("vertical", "bottom")
        elif word in _FRONT and not (word == "near" and nxt):
            out.setdefault("depth", "front")
            if prev in _EXTREME:
                out["extreme"] = True
        elif _is_back(word, prev, nxt):
            out.setdefault("depth", "back")
        if word in vocab.ORDINALS and not (word == "first" and nxt == "base"):
            out["ordinal"] = vocab.ORDINALS[word]
            side = _side_after(words, i)
            if side:
                out["ordinal_from"] = side
        elif _counted_from_side(words, i):  # "3 from the left", "two in from the right"
            out["ordinal"] = _number(word)
            out["ordinal_from"] = _side_after(words, i)
        if word in vocab.NUMBER_WORDS and word != "one" and _is_count(words, i):
            out["count"] = vocab.NUMBER_WORDS[word]
        dressed_all = word == "all" and (
            prev in DRESSED or (nxt == "in" and i + 2 < n and words[i + 2] in vocab.COLORS)
        )
        if (
            word in vocab.EVERYONE_WORDS
            and nxt not in vocab.COLORS
            and not (word == "all" and nxt == "way")
            and not dressed_all  # "dressed all in black" is one person's clothes
        ):
            out["everyone"] = True
        collective = collective or word in vocab.CROWD_COLLECTIVE
        if word in vocab.CROWD_PLURALS:
            crowd_plural = True  # a person noun only with a count: settled after the loop
        elif (
            single in vocab.PERSON_NOUNS
            and not (single == "one" and prev in vocab.NUMBER_WORDS)
            # "the woman holding a baby", "the man with the kid": a person who is not the target
            and not (person_seen and _attached_person(words, i))
        ):
            person_seen = True
            age, sex = vocab.PERSON_NOUNS[single]
            if age:
                out["age"] = age if (age == "child" or "age" not in out) else out["age"]
            if sex:
                out.setdefault("sex", sex)
            if prev in vocab.CHILD_ADJECTIVES:
                out["age"] = "child"
        if word in vocab.TALL:
            out["size"] = "tall"
        elif word in vocab.SHORT and not _short_thing(words, i):
            out["size"] = "short"
        elif word in vocab.BIG:
            out.setdefault("size", "big")
        elif word in vocab.SMALL and not (word in vocab.CHILD_ADJECTIVES and _before_child_noun(words, i)):
            out.setdefault("size", "small")
        if word in vocab.LYING:
            out["posture"] = "lying"
        elif word in vocab.SITTING:
            out.setdefault("posture", "sitting")
        elif word in vocab.STANDING and word != "tall" and not _is_stands_place(words, i):
            out.setdefault("posture", "standing")
        if word in vocab.PARTIAL or (word == "cut" and nxt == "off"):
            out["partial"] = True
        if word in vocab.HIDDEN or word in vocab.PEEKING:
            out["partial"] = True
            mostly = word in vocab.PEEKING or prev in ("mostly", "almost", "nearly")
            out["hidden"] = "mostly" if mostly or out.get("hidden") == "mostly" else "partly"
        if word in vocab.CUT_OFF or (word == "out" and nxt == "of" and i + 2 < n and words[i + 2] in _FRAMES):
            out["partial"] = out["cut_off"] = True
        if word in vocab.COLORS:
            attach_colour(words, i, out)
        elif word in _BLUE_BY_NAME and not _coloured_garment(words, i):
            out["lower_colors"].append("blue")  # "the man in jeans": jeans without a colour are blue
        attached = any(w in vocab.ATTACH_WORDS for w in words[max(0, i - 3) : i])
        if single in vocab.NON_PERSON_NOUNS and non_person is None and not person_seen and not attached:
            non_person = single
    if crowd_plural and not person_seen and out.get("count") is None:
        out["crowd"] = True  # "the fans", "spectators in the stands"
    elif crowd_plural:
        person_seen = True  # "the two fans on the left": counted people
    if collective and not person_seen:
        out["crowd"] = True  # "the crowd", "the audience"; not "the man in the crowd"
    elif collective:
        out["in_crowd"] = True  # "the man in the crowd": one of it
    row = _row_named(words)
    if row is not None:
        out["row"] = row
        if out.get("ordinal_from") in ("top", "bottom", "front", "back"):
            out.pop("ordinal_from")  # "second in the top row" counts along the row, from the left
    if out.get("ordinal") is not None:
        _settle_ordinal(out)
        if row is None and out["ordinal_from"] in ("left", "right"):
            # "second from left, bottom": counted along the bottom row of a group
            side = out.get("vertical") or out.get("depth")
            out["row"] = _ROW_OF.get(side) if side else None
    out["person_named"] = person_seen
    out["non_person"] = None if person_seen else non_person
    if out.get("count") == 1:
        out.pop("count")
    for key in ("horizontal", "upper_colors", "lower_colors", "colors", "head_colors", "hand_colors"):
        out[key] = tuple(dict.fromkeys(out[key]))
    return out


def _before_child_noun(words: list[str], i: int) -> bool:
    """words[i] ("little", "small") is said of a child noun one or two words on ("the little kid",
    "a small blonde girl"): it tells the age, not the size in the photo, where a grown-up far away is
    smaller (real_people_pkg4 no-target: "the little kid" among five young adults hid the farthest)."""
    for w in words[i + 1 : i + 3]:
        single = vocab.SINGULAR.get(w, w)
        if single in vocab.PERSON_NOUNS:
            return vocab.PERSON_NOUNS[single][0] == "child" or single in vocab.YOUTH_NOUNS
    return False


# Lower garments whose name alone says their colour ("the man in jeans": blue denim).
_BLUE_BY_NAME = frozenset({"jeans"})


def _coloured_garment(words: list[str], i: int) -> bool:
    """A colour is named for the garment at words[i] ("black jeans", "dark blue and grey jeans")."""
    k = i - 1
    while k >= 0 and (words[k] in vocab.COLORS or words[k] in ("and", "light", "pale", "faded", "washed")):
        if words[k] in vocab.COLORS:
            return True
        k -= 1
    return False


_FRAMES = frozenset({"picture", "photo", "frame", "shot", "image", "view"})
_POSSESSIVE = frozenset({"his", "her", "their", "s", "my", "its", "your"})


def _attached_person(words: list[str], i: int) -> bool:
    """The person noun at words[i] comes after a word that attaches it to someone named before
    ("holding a baby", "with the kid", "next to the man"): it describes the target, it is not it."""
    return any(w in vocab.ATTACH_WORDS and w != "and" for w in words[max(0, i - 3) : i])


def _is_stands_place(words: list[str], i: int) -> bool:
    """ "in the stands", "the stand": the seats of a crowd (a noun after an article or a place
    word), not the verb "stands"."""
    return words[i] in vocab.STANDS_NOUNS and i > 0 and words[i - 1] in ("the", "in", "on", "grand")


def _is_place(words: list[str], i: int) -> bool:
    """ "left" / "right" at words[i] says where the person is; not "his left hand", "looking left",
    "to her right". "the right hand side / picture / person" is a place."""
    prev = words[i - 1] if i > 0 else ""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    after = words[i + 2] if i + 2 < len(words) else ""
    if nxt == "hand" and (after in vocab.PLACE_AFTER_HAND or (prev not in _POSSESSIVE and not after)):
        return True
    if nxt in vocab.BODY_PARTS or prev in _POSSESSIVE:
        return False
    return not any(w in vocab.LOOKING for w in words[max(0, i - 3) : i])


# Word before "row" -> the row it names; the front row of a group stands lowest in the photo.
_ROW_OF = {
    "top": "top", "upper": "top", "back": "top", "rear": "top", "bottom": "bottom", "lower": "bottom",
    "front": "bottom", "first": "bottom", "middle": "middle", "center": "middle", "centre": "middle",
}  # fmt: skip


def _row_named(words: list[str]) -> str | None:
    """ "top row", "front row", "middle row": the row of a group a sentence names, else None."""
    for i, word in enumerate(words[1:], start=1):
        if word in ("row", "rows") and words[i - 1] in _ROW_OF:
            return _ROW_OF[words[i - 1]]
    return None


_SHORT_THINGS = frozenset({"hair", "sleeve", "sleeves", "skirt", "dress"})


def _short_thing(words: list[str], i: int) -> bool:
    """ "short" at words[i] is the length of a garment or of hair ("short sleeves", "short dark
    hair", "short curly hair"), not the person's height: its noun, past colour and hair words, is
    one of those."""
    for word in words[i + 1 : i + 4]:
        if word in vocab.LOWER_GARMENTS or word in _SHORT_THINGS:
            return True
        if not (word in vocab.COLORS or word in looks_words.HAIR_COLOURS or word in looks_words.HAIR_SHAPES):
            return False
    return False


def _is_count(words: list[str], i: int) -> bool:
    """ "both", "the two on the left", "two kids": a count of targets, not "a line of four players"."""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if words[i] == "both":
        return nxt not in vocab.BODY_PARTS and nxt not in ("sides", "side", "ends")
    lead = [w for w in words[:i] if w not in ("the", "a", "an", "these", "those", "all", "hide", "blur")]
    if lead in (["group", "of"], ["pair", "of"], ["couple", "of"]):  # "the group of three people"
        return True
    return not lead and nxt != "of" or nxt == "of" and i + 2 < len(words) and words[i + 2] in ("them", "us")


def _is_back(word: str, prev: str, nxt: str) -> bool:
    """ "far guy", "in the back", "background"; not "far left", "back to us", "his back"."""
    if word == "far":
        return nxt not in ("left", "right", "side", "end", "corner")
    if word == "back":
        return nxt not in _BACK_NOT_DEPTH and prev not in _BACK_NOT_AFTER
    if word == "behind":
        return prev != "from"
    return word in _BACK


def _settle_ordinal(out: dict) -> None:
    """Give an ordinal its side ("second guy on the right" counts from the right), fold "last"."""
    side = out.get("ordinal_from")
    named = side is not None
    if side is None and out["horizontal"] and out["horizontal"][0] in ("left", "right"):
        side, named = out["horizontal"][0], True
    elif side is None and out.get("depth"):
        side, named = out["depth"], True
    if side in ("left", "right"):
        out["horizontal"] = [h for h in out["horizontal"] if h != side]
    elif side in ("front", "back") and out.get("depth") == side:
        out.pop("depth")
    if out["ordinal"] == -1:  # "last one on the left" is the leftmost; a bare "last" the rightmost
        out["ordinal"], side = 1, side if named else "right"
    out["ordinal_from"] = side or "left"


def _number(word: str) -> int | None:
    """ "3" -> 3, "three" -> 3; None for anything else."""
    if word.isdigit() and len(word) <= 2:
        return int(word)
    return vocab.NUMBER_WORDS.get(word) if word not in ("pair", "couple", "both") else None


def _counted_from_side(words: list[str], i: int) -> bool:
    """A cardinal used as a rank: "3 from the left", "two in from the right" (not "the two from the
    left", a count of people)."""
    k = _number(words[i])
    rest = words[i + 1 : i + 3]
    if not k or k < 1 or (i > 0 and words[i - 1] in ("the", "these", "those", "both", "all")):
        return False
    return (
        bool(rest) and (rest[0] == "from" or rest[:2] == ["in", "from"]) and _side_after(words, i) is not None
    )


def _side_after(words: list[str], i: int) -> str | None:
    """Side named within three words after an ordinal: "second from the right", "third left"."""
    for word in words[i + 1 : i + 5]:
        if word in _SIDES:
            return _SIDES[word]
        if word in ("closest", "nearest", "foreground"):
            return "front"
        if word in ("background", "farthest"):
            return "back"
    return None


def _is_garment_use(words: list[str], i: int) -> bool:
    """ "red top", "tank top", "upper body": the word names clothing or a body part, not a place."""
    prev = words[i - 1] if i > 0 else ""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if words[i] == "top" and (prev in vocab.COLORS or prev in ("tank", "crop", "halter", "tube", "striped")):
        return True
    return nxt in ("body", "half", "lip", "arm", "legs")
