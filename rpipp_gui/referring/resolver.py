"""Sentence + people -> the people it means, with scores and a line a person can read.

``resolve(text, people, image_size=None, image=None)`` scores every person on each cue the sentence
gives (position, order, depth, size, posture, age, clothing colours, relations), picks one, several or
nobody, and explains the pick. Boxes alone are enough; masks, keypoints and the image add colours and
posture. Deterministic: equal scores are ordered by a size-and-centre prior, then by index.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from rpipp_gui.people.person import Person
from rpipp_gui.referring import geometry as geo
from rpipp_gui.referring import groups
from rpipp_gui.referring import verdict as vd
from rpipp_gui.referring.lone import lone_misplaced
from rpipp_gui.referring.query import Query, parse
from rpipp_gui.referring.scoring import CUE_WEIGHTS, CueWeights, Evidence, score_people

_ORDINAL_WORDS = {1: "1st", 2: "2nd", 3: "3rd"}


@dataclass(frozen=True)
class ResolveOptions:
    """How many people a plural sentence picks and the confidence of the choices made here (the
    others are in ``verdict.VerdictOptions``). Not swept; the confidences are shown as "sure 0.80".

    plural_spread:          "the people on the left": everyone whose score is within this share of
                            the score range (best minus worst) of the best one (first cut, 4c2afea).
    everyone_confidence:    "everyone", "all of them" without words that narrow it (ccd8387).
    group_confidence:       a group standing clearly closer together than the next one (817e753).
    group_unsure_confidence: two groups standing about as close (817e753).
    crowd_confidence:       a crowd named as the target ("the crowd in the stands") when crowds are
                            not looked for (no ``crowd`` given to ``resolve``): always unsure.
    crowd_found_confidence: a crowd named as the target and seen (``people.crowd``): its faces are
                            weak detections, confirmed weakly (issue-13k).
    """

    plural_spread: float = 0.25
    everyone_confidence: float = 0.9
    group_confidence: float = 0.8
    group_unsure_confidence: float = 0.5
    crowd_confidence: float = 0.5
    crowd_found_confidence: float = 0.7


RESOLVE_OPTIONS = ResolveOptions()


@dataclass(frozen=True)
class Resolution:
    """What a sentence picked among N people.

    selected:       person indices (0-based into the given list), most confident first; may be empty.
    scores:         one 0..1 score per person, indexed like the given list (not like ``selected``).
    explanation:    one readable line, e.g. "#2: leftmost of 3 people (in red)"; numbers are 1-based.
    style:          protection style named by the verb (blur, mosaic, solid, inpaint, noise, face) or None.
    query:          the parsed sentence.
    matched_nobody: True when the sentence fits nobody (then ``selected`` is empty).
    verdict:        "matched", "unsure" (the judged words leave several people: ``selected`` is
                    then only the best guess, for ranking, and must not be acted on) or "nobody".
    candidates:     when unsure, the people the words leave (best guess first); else ``selected``.
    confidence:     0..1, how sure the choice is (1 / number of candidates when unsure).
    unjudged:       the sentence's words no cue could read ("holding", "umbrella").
    best_guess:     the top-ranked person by every cue and prior, whatever the verdict (None with
                    nobody in the photo): for box-level evaluation only, never to act on.
    crowd:          the crowd region (``people.crowd``: people not found one by one) is part of what
                    to hide, besides ``selected``: "the crowd", "everyone (except ...)" in a photo
                    with a crowd. The engine adds its mask.
    """

    selected: tuple[int, ...]
    scores: tuple[float, ...]
    explanation: str
    style: str | None
    query: Query
    matched_nobody: bool = False
    verdict: str = "matched"
    candidates: tuple[int, ...] = ()
    confidence: float = 0.0
    unjudged: tuple[str, ...] = ()
    best_guess: int | None = None
    crowd: bool = False

    @property
    def unsure(self) -> bool:
        return self.verdict == "unsure"

    @property
    def selected_scores(self) -> tuple[float, ...]:
        """Scores of the selected people, in ``selected`` order."""
        return tuple(self.scores[i] for i in self.selected)


def _as_person(item) -> Person:
    return item if isinstance(item, Person) else Person(box=tuple(item))


def _frame_size(people: Sequence[Person], image_size, image) -> tuple[int, int] | None:
    if image_size is not None:
        return int(image_size[0]), int(image_size[1])
    if image is not None:
        return int(image.shape[1]), int(image.shape[0])
    for p in people:
        if p.mask is not None:
            return int(p.mask.shape[1]), int(p.mask.shape[0])
    return None


def resolve(
    text: str | Query,
    people: Sequence[Person],
    image_size: tuple[int, int] | None = None,
    *,
    image: np.ndarray | None = None,
    weights: CueWeights | None = None,
    options: ResolveOptions = RESOLVE_OPTIONS,
    crowd: Callable[[], int] | None = None,
    things: Callable[[], list] | None = None,
) -> Resolution:
    """Pick the people ``text`` means.

    text:       the sentence ("blur the man on the left"), or an already parsed Query.
    people:     Person records (only ``box`` is needed; (x0, y0, x1, y1) tuples are accepted too).
    image_size: (width, height) of the photo; when None, taken from ``image`` or a mask, else the
                extent of all boxes is the frame.
    image:      optional HxWx3 uint8 RGB photo, used with the people's masks for clothing colours.
    weights:    the cue weights (for tuning, e.g. ``replace(CUE_WEIGHTS, learned=0)``); None uses
                the tuned defaults (``CUE_WEIGHTS``).
    options:    how many a plural sentence picks, and confidences (for tuning).
    crowd:      how many faces of a crowd the photo holds besides ``people`` (0: no crowd), asked
                only when the sentence names a crowd or everyone (finding a crowd is slow); None
                when crowds are not looked for (a named crowd is then unsure).
    things:     the things in the photo (``people.things.Thing``: cars, bicycles, dogs, ...), asked
                only when the sentence places its target by one ("next to the car"); None when
                things are not looked for (the thing's words are then unjudged).
    """
    query = text if isinstance(text, Query) else parse(text)
    people = [_as_person(p) for p in people]
    n = len(people)
    if query.crowd and crowd is not None:
        return _crowd(query, n, crowd(), options)
    if query.in_crowd and crowd is not None and n and crowd() > 0:
        # "the man in the crowd": the crowd's people are not found one by one, and the people
        # found are not in it (its region leaves them out): whoever fits the other words is not it
        why = "the people in the crowd are not found one by one: 'the crowd' hides all of it"
        return _nobody(query, np.zeros(n), why, 0)
    if n == 0 and (faces := _crowd_too(query, crowd)):  # "everyone": nobody one by one, a crowd
        return _crowd(query, n, faces, options, everyone=True)
    if n == 0:
        return Resolution(
            (), (), "nobody in the photo", query.style, query, matched_nobody=True, verdict=vd.NOBODY
        )
    frame = _frame_size(people, image_size, image)
    lay = geo.layout(np.array([p.box for p in people]), frame)
    w = CUE_WEIGHTS if weights is None else weights
    scores, evidence = score_people(query, people, lay, image, w, things=things)
    if evidence.read:  # "car" in "next to the car", once a car is found by someone
        query = replace(query, unjudged=tuple(u for u in query.unjudged if u not in evidence.read))
    if evidence.unseen:  # words read but not seen on anyone ("hidden"): as if not judged
        query = replace(query, unjudged=tuple(dict.fromkeys(query.unjudged + tuple(evidence.unseen))))
    prior = scores.prior
    total = scores.total
    order = sorted(range(n), key=lambda i: (-round(total[i], 9), -prior[i], i))
    if query.pick:
        return _picked(query, total, order[0], n)
    why_not = _nobody_reason(query, n, evidence) or lone_misplaced(query, lay)
    if why_not:
        return _nobody(query, total, why_not, order[0])
    selected, remaining, unsure_exception = _select(
        query, order, total, people, image, w, frame, options, crowd, things
    )
    faces = _crowd_too(query, crowd)
    if not selected and faces and not unsure_exception:  # "everyone except X": the crowd is left
        res = _crowd(query, n, faces, options, everyone=True)
        return replace(res, scores=_tuple(total), best_guess=order[0])
    if not selected:
        return _nobody(query, total, "nobody left after the exception", order[0])
    group = _group(query, remaining, lay, evidence, options)
    if group is not None:
        selected = list(group.candidates) if group.kind == vd.MATCHED else selected
        verdict = group
    else:
        verdict = _verdict(query, selected, remaining, evidence, options)
    verdict = vd.unseen_against(verdict, evidence)
    if verdict.kind == vd.MATCHED:
        selected = list(verdict.candidates)  # the judged words, not the word priors, decide
    if query.crowd:
        # crowds not looked for: the people found are not the crowd, and a crowd is not found one
        # by one; ask rather than hide whoever stands nearest the words
        verdict = vd.Verdict(
            vd.UNSURE, tuple(remaining), options.crowd_confidence, "a crowd is not found person by person"
        )
    if unsure_exception:
        reason = "not sure whom the exception means: " + " or ".join(f"#{i + 1}" for i in unsure_exception)
        verdict = vd.Verdict(vd.UNSURE, unsure_exception, round(1 / len(unsure_exception), 2), reason)
    if verdict.kind == vd.UNSURE:
        ids = " or ".join(f"#{i + 1}" for i in verdict.candidates)
        line = f"not sure: {ids} ({verdict.reason})"
    else:
        line = _explain(query, selected, lay, evidence)
    extra = vd.looks_phrases(selected if verdict.kind != vd.UNSURE else list(verdict.candidates), evidence)
    if query.unjudged:
        extra.append(f"could not judge: {', '.join(query.unjudged)}")
    with_crowd = bool(faces) and verdict.kind == vd.MATCHED
    if with_crowd:
        line += f" and the crowd behind them ({_crowd_faces(faces)})"
    if verdict.kind != vd.UNSURE:
        extra.append(f"sure {verdict.confidence:.2f}")
    return Resolution(
        selected=tuple(selected),
        scores=_tuple(total),
        explanation="; ".join([line, *extra]),
        style=query.style,
        query=query,
        verdict=verdict.kind,
        candidates=verdict.candidates,
        confidence=verdict.confidence,
        unjudged=query.unjudged,
        best_guess=selected[0],
        crowd=with_crowd,
    )


def _crowd_too(query: Query, crowd: Callable[[], int] | None) -> int:
    """The number of crowd faces that "everyone" takes in besides the people ("everyone except the
    man kicking the ball": the crowd in the stands too); 0 when the sentence narrows everyone down
    or counts them ("all three people"), excepts the crowd itself, or there is no crowd."""
    if crowd is None or not query.everyone or query.count is not None or _filters(query):
        return 0
    if query.exclude is not None and query.exclude.crowd:
        return 0
    return int(crowd())


def _crowd_faces(count: int) -> str:
    return f"{count} faces too small or blurred to list one by one"


def _crowd(query: Query, n: int, faces: int, options: ResolveOptions, everyone: bool = False) -> Resolution:
    """A crowd named as the target (or all "everyone except ..." leaves): the crowd region when
    there is one (``faces`` > 0 of its faces seen), else nobody, never whoever stands nearest."""
    if faces <= 0:
        noun = "person" if n == 1 else "people"
        why = f"no crowd is seen, only {n} {noun} one by one" if n else "nobody in the photo"
        return Resolution(
            (), (0.0,) * n, why, query.style, query, matched_nobody=True, verdict=vd.NOBODY,
            unjudged=query.unjudged, best_guess=0 if n else None,
        )  # fmt: skip
    head = "the crowd: everyone not found one by one" if everyone else "the crowd"
    confidence = options.everyone_confidence if everyone else options.crowd_found_confidence
    return Resolution(
        (), (0.0,) * n, f"{head} ({_crowd_faces(faces)}); sure {confidence:.2f}", query.style, query,
        verdict=vd.MATCHED, confidence=confidence, unjudged=query.unjudged,
        best_guess=0 if n else None, crowd=True,
    )  # fmt: skip


def _picked(query: Query, total: np.ndarray, best: int, n: int) -> Resolution:
    """People picked by number ("#2"): exactly those, or nobody when a number is not shown."""
    missing = [k for k in query.pick if not 1 <= k <= n]
    if missing:
        return _nobody(query, total, f"there is no #{missing[0]}: the people are #1 to #{n}", best)
    chosen = tuple(k - 1 for k in query.pick)
    ids = ", ".join(f"#{k}" for k in query.pick)
    return Resolution(
        chosen, _tuple(total), f"{ids}: picked by number; sure 1.00", query.style, query,
        verdict=vd.MATCHED, candidates=chosen, confidence=1.0, best_guess=best,
    )  # fmt: skip


def _nobody(query: Query, total: np.ndarray, why: str, best: int) -> Resolution:
    return Resolution(
        (),
        _tuple(total),
        why,
        query.style,
        query,
        matched_nobody=True,
        verdict=vd.NOBODY,
        unjudged=query.unjudged,
        best_guess=best,
    )


def _group(
    query: Query, remaining: list[int], lay: geo.Layout, evidence: Evidence, options: ResolveOptions
) -> vd.Verdict | None:
    """ "the two people walking away side by side": among the candidates the other words leave,
    the ones standing together; None when the sentence asks for no group. The judged words ("walking
    away", "in the distance") choose the pool and, among groups standing about as close, the group
    (``groups.tightest``)."""
    k = query.count
    if not query.together or k is None or len(remaining) < k:
        return None
    fits = vd.judged_fits(evidence)
    pool = remaining
    if fits is not None:
        best = max(float(fits[i]) for i in remaining)
        pool = [i for i in remaining if fits[i] >= best - vd.VERDICT_OPTIONS.margin]
        if len(pool) >= k:  # enough near the best: the others the words accept may join them
            floor = min(best - vd.VERDICT_OPTIONS.margin, groups.GROUP_OPTIONS.accept_fit)
            pool = [i for i in remaining if fits[i] >= floor]
        else:
            pool = remaining
    members, clear, nxt = groups.tightest(lay, pool, k, fits=fits)
    if fits is None and query.unjudged:
        # "the couple kissing": standing together is all that was judged; the rest cannot be
        why = f"could not judge {', '.join(query.unjudged)}"
        return vd.Verdict(
            vd.UNSURE, tuple(dict.fromkeys(members + nxt)), options.group_unsure_confidence, why
        )
    if clear:
        return vd.Verdict(vd.MATCHED, members, options.group_confidence)
    both = tuple(dict.fromkeys(members + nxt))
    why = "two groups stand about as close" + ("" if fits is None else " and fit the words about as well")
    return vd.Verdict(vd.UNSURE, both, options.group_unsure_confidence, why)


def _verdict(
    query: Query, selected: list[int], remaining: list[int], evidence: Evidence, options: ResolveOptions
) -> vd.Verdict:
    """Matched or unsure: how many people the judged words leave (see ``verdict``).
    remaining: everyone not excepted, best guess first."""
    if query.everyone and not _filters(query):
        return vd.Verdict(vd.MATCHED, tuple(selected), options.everyone_confidence)
    if query.count is not None or ((query.plural or query.everyone) and len(selected) > 1):
        return vd.counted(query, selected, remaining, evidence)
    return vd.single(query, remaining, evidence)


def _tuple(a: np.ndarray) -> tuple[float, ...]:
    return tuple(float(round(v, 6)) for v in a)


def _nobody_reason(query: Query, n: int, evidence: Evidence) -> str | None:
    if vd.not_understood(query):
        shown = query.raw.strip() if query.raw.strip() else query.text
        return f"no word I understand in {shown!r}"
    if query.non_person and not query.has_spatial and not query.everyone:
        return f"a {query.non_person} is not a person"
    if query.ordinal is not None and query.ordinal > n:
        return f"there is no {_ordinal_text(query.ordinal)} person: only {n}"
    if query.count is not None and query.count > n and not query.everyone:
        return f"the sentence asks for {query.count} people but only {n} were found"
    if evidence.missing_colour:
        return f"nobody wears {evidence.missing_colour}"
    if evidence.missing_border:
        edge = "" if evidence.missing_border == "any" else f" at the {evidence.missing_border}"
        return f"nobody is cut off by the photo's border{edge}"
    if evidence.missing_look:
        return f"nobody is seen '{evidence.missing_look}'"
    return None


def _select(
    query, order, total, people, image, w, frame, options, crowd=None, things=None
) -> tuple[list[int], list[int], tuple[int, ...]]:
    """(the people picked, best first; everyone not excepted, best first; the candidates of an
    exception the words leave unsure, else ())."""
    excluded: set[int] = set()
    unsure: tuple[int, ...] = ()
    if query.exclude is not None:
        sub = resolve(
            query.exclude, people, image_size=frame, image=image, weights=w, options=options, crowd=crowd,
            things=things,
        )  # fmt: skip
        if not sub.matched_nobody:
            excluded = set(sub.selected)
            unsure = sub.candidates if sub.unsure else ()
    remaining = [i for i in order if i not in excluded]
    if query.everyone and not _filters(query):
        return remaining, remaining, unsure
    if query.count is not None:
        return remaining[: query.count], remaining, unsure
    if (query.plural or query.everyone) and len(remaining) > 1:
        best = total[remaining[0]]
        spread = max(float(total.max() - total.min()), 1e-9)
        return [i for i in remaining if total[i] >= best - options.plural_spread * spread], remaining, unsure
    return remaining[:1], remaining, unsure


def _filters(query: Query) -> bool:
    """ "everyone in red", "all the kids on the left": cues that narrow "everyone" down."""
    return bool(
        query.has_colors
        or query.horizontal
        or query.vertical
        or query.depth
        or query.age == "child"
        or query.posture
        or query.size
        or query.has_looks
    )


def _ordinal_text(k: int) -> str:
    return _ORDINAL_WORDS.get(k, f"{k}th")


def _where(lay: geo.Layout, i: int) -> str:
    """Where person i stands among all, in words ("leftmost", "2nd from left", "in the middle")."""
    n = lay.n
    r = int(lay.xrank[i])
    if n == 1:
        return "the only person"
    if r == 0:
        return "leftmost"
    if r == n - 1:
        return "rightmost"
    if n % 2 == 1 and r == n // 2:
        return "in the middle"
    if r < n / 2:
        return f"{_ordinal_text(r + 1)} from left"
    return f"{_ordinal_text(n - r)} from right"


def describe_people(people: Sequence[Person], image_size: tuple[int, int] | None = None) -> str:
    """ "#1 left, #2 middle, #3 right": where each person stands, for messages about a photo."""
    people = [_as_person(p) for p in people]
    if not people:
        return "nobody"
    lay = geo.layout(np.array([p.box for p in people]), image_size)
    short = {"leftmost": "left", "rightmost": "right", "in the middle": "middle"}
    return ", ".join(f"#{i + 1} {short.get(_where(lay, i), _where(lay, i))}" for i in range(lay.n))


def _explain(query: Query, selected: list[int], lay: geo.Layout, evidence: Evidence) -> str:
    n = lay.n
    ids = ", ".join(f"#{i + 1}" for i in selected)
    if query.everyone:
        head = f"{ids}: everyone" + (" except the one described" if query.exclude is not None else "")
        return f"{head} ({len(selected)} of {n} people)"
    if len(selected) == 1:
        line = f"{ids}: {_where(lay, selected[0])} of {n} people"
    else:
        line = f"{ids}: {len(selected)} of {n} people"
    cues = evidence.cues
    return line + (f" ({', '.join(cues)})" if cues else "")
