"""The colour cue of a sentence over the people of a photo: each person's clothing colours read
once per photo (``colour_table``), how well they fit the colours asked (``colour_reading``), and
whether a hue was read only as a tint of a grey or white garment (``pale_hue``, for
``verdict``'s near-alone rule). Split out of ``scoring`` to keep it short; ``score_people`` adds
the fit as its "colours" cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from rpipp_gui.people.person import Person
from rpipp_gui.referring import word_lists as vocab
from rpipp_gui.referring.query import Query

if TYPE_CHECKING:
    from rpipp_gui.referring.scoring import ScoringOptions

_TABLE_CACHE: dict = {}


def colour_table(image: np.ndarray, people: list[Person]) -> list[dict]:
    """Clothing colours of every person, remembered for the last (image, people) asked about, so
    that a relation's anchor and an exception re-use them."""
    from rpipp_gui.referring.colors import clothing_colours

    key = (id(image), image.shape, tuple(id(p) for p in people), tuple(p.box for p in people))
    if _TABLE_CACHE.get("key") != key:
        _TABLE_CACHE.clear()
        _TABLE_CACHE.update(key=key, table=[clothing_colours(image, p) for p in people], image=image)
    return _TABLE_CACHE["table"]


def _share(shares: dict, part: str, names: tuple[str, ...]) -> float:
    """The largest share of any of ``names`` in ``shares[part]`` (0 when the part is not read)."""
    got = shares.get(part, {})
    return max(got.get(n, 0.0) for n in names)


def colour_fit(
    query: Query, people: list[Person], image: np.ndarray | None, minimum: float, options: ScoringOptions
) -> tuple[np.ndarray | None, str | None, tuple[str, ...]]:
    """Mean colour fit per person over the asked colours, or (None, None, ()) without pixels to read.
    Returns also the first asked colour when nobody shows any of them (fit below ``minimum``), and
    every asked colour nobody shows."""
    reading = colour_reading(query, people, image, minimum, options)
    return reading.fit, reading.missing, reading.absent


@dataclass(frozen=True)
class ColourReading:
    """The colour cue of a sentence over N people (``colour_reading``).

    fit:     (N,) float64 0..1, mean over the asked colours, or None without pixels to read.
    missing: the first asked colour when nobody shows any of them, else None.
    absent:  every asked colour nobody shows.
    near:    the asked colours nobody shows plainly (best share under ``CueWeights.colour_min``),
             read with the pixels near them (``ScoringOptions.near_weight``), or a shade read as
             its fallback names (``word_lists.SHADES``: a navy top in shade read black).
    near_only: every asked colour is one of ``near``: the fit rests on near pixels alone.
    on_pale: (N,) bool: every asked colour is a hue (not black, white or gray) that nobody shows
             plainly, and on this person the garment asked about is plainly a pale neutral (its
             largest share gray or white): what was read of the hue is a tint of a grey or white
             garment (``colour_names.tint_colours``), not a garment of that colour.
    """

    fit: np.ndarray | None
    missing: str | None = None
    absent: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    near_only: bool = False
    on_pale: np.ndarray | None = None


def colour_reading(
    query: Query, people: list[Person], image: np.ndarray | None, minimum: float, options: ScoringOptions
) -> ColourReading:
    """The colour cue of ``query`` over ``people`` (see ``ColourReading``)."""
    if image is None:
        return ColourReading(None)
    asked = [("upper", c) for c in query.upper_colors] + [("lower", c) for c in query.lower_colors]
    asked += [("any", c) for c in query.colors] + [("head", c) for c in query.head_colors]
    table = colour_table(image, people)
    if any("hands" in shares for shares in table):  # gloves: read where someone's hands are seen
        asked += [("hands", c) for c in query.hand_colors]
    if not asked:
        return ColourReading(None)
    fits = np.zeros((len(people), len(asked)))
    near = np.zeros((len(people), len(asked)))
    second = np.zeros((len(people), len(asked)))
    w = options.near_weight
    for i, shares in enumerate(table):
        close = shares.get("near", {})
        for j, (part, colour) in enumerate(asked):
            names, fallback = vocab.shade_names(colour)
            if part == "any":
                upper, lower = _share(shares, "upper", names), _share(shares, "lower", names)
                fits[i, j] = max(upper, options.any_lower_share * lower)
                n_up, n_low = _share(close, "upper", names), _share(close, "lower", names)
                near[i, j] = max(upper + w * n_up, options.any_lower_share * (lower + w * n_low))
                if fallback:
                    f_up, f_low = _share(shares, "upper", fallback), _share(shares, "lower", fallback)
                    second[i, j] = max(f_up, options.any_lower_share * f_low)
            else:
                fits[i, j] = _share(shares, part, names)
                near[i, j] = fits[i, j] + w * _share(close, part, names)
                second[i, j] = _share(shares, part, fallback) if fallback else 0.0
    # a colour nobody wears exactly is read with the pixels near it (a charcoal sweater is gray too)
    weak = fits.max(axis=0) < minimum
    fits[:, weak] = near[:, weak]
    # where nobody shows any asked colour, plainly or near, a shade is read as its fallback names (a
    # navy top in shade is black); not where another colour asked is seen: in "a red and navy
    # jacket" with red seen, black would only add everyone in black. Like a near reading, it is no
    # plain one (``near``)
    if (fits.max(axis=0) < minimum).all():
        fits = np.maximum(fits, second)
    missing = None
    absent = [
        colour
        for j, (_, colour) in enumerate(asked)
        if fits[:, j].max() < minimum and colour not in vocab.CONFIRM_ONLY  # cream only confirms
    ]
    if absent and len(absent) == len(asked):  # "red and blue jacket" with red seen is a match
        missing = absent[0]
    # a colour one person wears plainly leaves a weaker reading of it on another only a part fit
    full = np.maximum(options.colour_full, options.colour_relative * fits.max(axis=0))
    fit = np.clip(fits / full, 0, 1).mean(axis=1)
    near_read = tuple(c for j, (_, c) in enumerate(asked) if weak[j] and fits[:, j].max() >= minimum)
    on_pale = np.array([all(pale_hue(shares, part, c) for part, c in asked) for shares in table])
    return ColourReading(fit, missing, tuple(absent), near_read, bool(weak.all()), on_pale & weak.all())


NEUTRALS = frozenset({"black", "white", "gray"})
PALE_NEUTRALS = frozenset({"white", "gray"})
PALE_WORDS = frozenset({"light", "pale", "pastel", "faded", "washed", "powder", "baby", "sky"})


def pale_asked(text: str) -> bool:
    """The sentence names a pale colour: a pale word right before a colour word ("light blue",
    "pastel pink", "sky blue")."""
    words = text.lower().replace("-", " ").split()
    return any(a in PALE_WORDS and b in vocab.COLORS for a, b in zip(words, words[1:], strict=False))


def pale_hue(shares: dict, part: str, colour: str) -> bool:
    """``colour`` is a hue (no black, white or gray in it) and each read part it is asked on
    ("any": upper and lower) is plainly a pale neutral: its largest share is gray or white."""
    if NEUTRALS & set(vocab.shade_names(colour)[0]):
        return False
    parts = [shares.get(p, {}) for p in (("upper", "lower") if part == "any" else (part,))]
    parts = [got for got in parts if got]
    return bool(parts) and all(max(got, key=got.get) in PALE_NEUTRALS for got in parts)
