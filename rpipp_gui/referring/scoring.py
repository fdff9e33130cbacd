"""Cue-by-cue scoring of people against a parsed query.

Each cue the query gives adds ``weight * fit`` to every person, where fit in 0..1 comes from
``geometry`` (boxes) or ``colors`` (pixels). Weights were tuned on the RPCOCO-L training split
(benchmarks/referring_boxes.py) and are general rules, not per-sentence answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace

import numpy as np

from rpipp_gui.people.person import Person
from rpipp_gui.referring import geometry as geo
from rpipp_gui.referring import visibility
from rpipp_gui.referring.colour_fit import colour_reading, colour_table, pale_asked
from rpipp_gui.referring.heading import heading_fits
from rpipp_gui.referring.learned import learned_scores
from rpipp_gui.referring.looks_words import FOCUS_WORDS
from rpipp_gui.referring.query import Query
from rpipp_gui.referring.things import thing_fits


@dataclass(frozen=True)
class CueWeights:
    """How much each cue of a sentence counts (``weight * fit`` summed over the cues, divided by the
    weights' sum). The geometry weights were set in the first cut of the scorer (4c2afea) by coordinate
    search on the RPCOCO-L training split (benchmarks/referring_tune.py, RefCOCO box-level val 0.69 /
    cue 0.85) and checked on the validation split (benchmarks/referring_boxes.py, today 0.7277 overall
    / 0.8822 on sentences with a cue word); the others in the commit named. A sweep passes
    ``dataclasses.replace(CUE_WEIGHTS, name=value)`` as ``resolve(weights=...)``.

    horizontal:          "left" / "right" / "center" (4c2afea).
    horizontal_mix:      share of the order among the people against the continuous position in
                         the side fit (``geometry.horizontal``; swept 0-1 by referring_tune.py).
    extreme:             extra push for "far left": the side fit to ``ScoringOptions.extreme_power``.
    vertical:            "top" / "bottom".
    depth:               "front" / "back" ("in front", "behind").
    depth_area:          share of the box's area against its feet's height in the depth fit.
    ordinal:             "second from the left".
    size:                "big" / "small" / "tall".
    age:                 "child" / "adult" read from the box size: a hint that never judges.
    posture:             "sitting" / "standing" / "lying".
    posture_contrast:    the posture cue judges only when someone fits it less than this (eb175c7:
                         on real_people_more's no-target sentences, 0 guesses, was 6).
    partial:             "partly visible" (from the box alone, or reaching the border when the frame
                         is known).
    border:              "cut off", "cropped": reaching the photo's border (visibility.cut_by_border;
                         3fa34fa).
    border_min:          ... below this best fit nobody is cut off by the border (3fa34fa).
    hidden:              "partly hidden behind the sign": an edge in front (visibility.hidden_fits;
                         ccd8387).
    colour:              clothing colours read from the pixels.
    colour_min:          below this best colour share of every asked colour, nobody wears them.
    relation:            "left of the woman in red".
    company:             "alone" / "in the group": how near the nearest other person stands
                         (``geometry.company``; issue-13q, not tuned: the weight of hair / eyewear).
    heading:             "walking to the right", "facing left": the nose ahead of the ears
                         (``referring.heading``; issue-13q, not tuned, the same weight).
    thing:               "next to the car", "on the bicycle": a thing found in the photo
                         (``referring.things``; issue-13j, set as ``relation``).
    prior_area:          the tie-breaking prior: a big person ...
    prior_center:        ... near the middle (added after the normalised cues).
    learned:             weight of the learned word priors when the sentence has a cue the rules
                         read well (916e68a, RPCOCO-L train) ...
    learned_alone:       ... and when it has none (916e68a).
    child_ground:        much shorter than a neighbour on the same ground line = a child (916e68a).
    child_ground_strong: ... and so clearly that the rules, not the word priors, decide (916e68a).
    gender, age_face, view, hair, eyewear, facial_hair, pattern, worn, action, focus: looks read from
                         the photo (rpipp_gui.referring.looks; 4bf3e7b, ccd8387); a cue counts only when
                         someone shows it. Keys of ``looks_scoring.LooksCue.weight``.
    """

    horizontal: float = 3.0
    horizontal_mix: float = 0.6
    extreme: float = 1.0
    vertical: float = 1.5
    depth: float = 2.0
    depth_area: float = 0.6
    ordinal: float = 3.0
    size: float = 1.0
    age: float = 0.4
    posture: float = 0.8
    posture_contrast: float = 0.35
    partial: float = 0.5
    border: float = 2.0
    border_min: float = 0.5
    hidden: float = 2.0
    colour: float = 2.0
    colour_min: float = 0.2
    relation: float = 2.0
    company: float = 1.5
    heading: float = 1.5
    thing: float = 2.0
    prior_area: float = 0.05
    prior_center: float = 0.03
    learned: float = 0.3
    learned_alone: float = 4.0
    child_ground: float = 1.0
    child_ground_strong: float = 0.9
    gender: float = 2.0
    age_face: float = 1.0
    view: float = 2.0
    hair: float = 1.5
    eyewear: float = 1.5
    facial_hair: float = 1.5
    pattern: float = 1.5
    worn: float = 1.5
    action: float = 1.5
    focus: float = 1.5

    def of(self, name: str) -> float:
        """The weight of the cue called ``name`` (a field name; KeyError for another)."""
        if name not in _CUE_NAMES:
            raise KeyError(name)
        return float(getattr(self, name))


CUE_WEIGHTS = CueWeights()
_CUE_NAMES = frozenset(f.name for f in fields(CueWeights))


@dataclass(frozen=True)
class ScoringOptions:
    """Shapes of the cue fits, apart from the cue weights (``CueWeights``). Set in the first cut of the
    scorer (4c2afea, RefCOCO box-level val 0.69) unless said otherwise; not swept since.

    extreme_power:    "far left": the continuous side fit raised to this power, so that only the
                      person nearest the edge keeps much of it.
    extreme_outermost: ... or, when larger, ``geometry.outermost``: 1 for whoever nobody stands a box
                      width beyond (issue-13h: "the man at the far right" with the rightmost a body
                      width further out than the next, 0.56 against 0.41 before, was unsure).
    child_judges:     the "on the same ground line" child fit judges (counts for the verdict) only
                      when someone reaches this (ccd8387, the verdict commit).
    anchor_sharpness: a relation's anchor ("left of the woman in red"): the anchor's scores times
                      this go through a softmax, the probability of each person being the anchor.
    depth_foremost:   "at the front" / "at the back" also fit by ``geometry.foremost`` (nobody's feet
                      this share of one's own height nearer / farther), when larger; 0: off
                      (issue-13h: soft depth ranks of similar-sized plaza walkers ran 0.39-0.61,
                      and the one clearly nearest was unsure).
    posture_sure:     a posture fit ("standing") this high counts as fully in that posture for the
                      verdict (issue-13h: box-shape fits of six people all standing ran 0.29-1.0,
                      half of it their rank, and picked "the three people standing" silently).
    any_lower_share:  a colour asked without a part ("the man in red") fits the upper body's share,
                      or the lower body's share times this, whichever is larger.
    colour_full:      a colour share of the region this large already counts as wearing the colour
                      (fit 1); smaller shares fit linearly.
    near_weight:      when nobody's share of an asked colour reaches ``CueWeights.colour_min``, the
                      pixels near it (``colour_names.near_colours``: a charcoal sweater's dark pixels near
                      gray) count this much each, so that a near colour clearly there is a partial
                      fit, not "nobody wears gray"; a colour someone wears exactly is read as before,
                      so people in clearly different colours stay apart. Issue-13v,
                      real_people_pkg3 "the man in the grey sweater" (charcoal grey-blue: 0.05
                      gray, about 0.6 near gray). Issue-13y: a pale colour's white pixels are
                      near their hue too (``colour_names.tint_colours``: a light-blue jacket).
    colour_relative:  a share counts as fully worn only from the larger of ``colour_full`` and this
                      times the largest share of that colour on anyone in the photo: a colour one
                      person wears plainly leaves a weaker reading of it on another a part fit, so
                      the plain one is picked instead of an "unsure" between them; with nobody
                      wearing it plainly nothing changes. Issue-13z, tuned on the annotated sets
                      (dev, more, pkg, pkg2, pkg3; pkg4 only measured): real_people_pkg3
                      face_detection_input "the guy in the maroon hoodie" (burgundy hoodie 0.73 red,
                      a beige sweater in warm light 0.33 red: both fit 1 before), pkg2 bus "the man
                      in the black coat with a red shirt", pkg3 children-alpha "the little girl in
                      blue": pkg2 16 -> 17/29, pkg3 22 -> 23/39, pkg3 --boxes 26 -> 27/39, nothing
                      else moved, no-target silent guesses unchanged. Swept: 0.65 loses bus (pkg2 16/29),
                      0.95 the same as 0.8; 0.8 lies inside the plateau. Cost: pkg3 --descs
                      13 -> 12 right (0 wrong either way): children-alpha's girl in red at the back
                      reads 0.32 red (mixed with her neighbours), the girl in red in front 0.99, so
                      the description now asks between her and the girl in blue beside her. 0: off.
    """

    extreme_power: int = 4
    extreme_outermost: bool = True
    posture_sure: float = 0.5
    depth_foremost: float = 0.5
    child_judges: float = 0.5
    anchor_sharpness: float = 8
    any_lower_share: float = 0.7
    colour_full: float = 0.4
    near_weight: float = 0.5
    colour_relative: float = 0.8


SCORING_OPTIONS = ScoringOptions()


@dataclass
class Evidence:
    """What the scorer used.

    cues:           readable cue names, in the order they were scored.
    missing_colour: a colour nobody wears (for no-match answers).
    absent_colours: every asked colour nobody wears, also when another asked colour is worn ("blue
                    and white stripes" on a red-and-blue shirt): a lone person's match must not rest
                    on the colour seen while words that cannot be judged are left (``verdict``).
    near_colours:   the asked colours, when every one of them is worn plainly by nobody and read
                    only through the pixels near it (``ScoringOptions.near_weight``: a grey T-shirt
                    is near blue); ``near_cue`` is the index in ``judged`` of that colour cue;
                    ``near_pale``: (N,) bool, ``colour_fit.ColourReading.on_pale`` (a hue read as a tint of
                    a grey or white garment), None when the sentence names a pale colour ("light
                    blue": the tint is what was asked).
    gender_cue:     the index in ``judged`` of the gender word's cue ("man", "woman"), or None.
    unseen:         words read but not seen on anyone in the photo ("hidden"): reported unjudged.
    unseen_actions: those of ``unread_looks`` that are actions the pose reads ("arms raised",
                    "pointing"): no one's joints show them.
    unread_looks:   those of ``unseen`` that are looks a reader could not read on anyone ("man" on
                    faces all turned away): reported, but they alone do not make an answer ask.
    read:           words reported unjudged by the parser that a cue read after all (a thing
                    found in the photo: "car" in "the man next to the car").
    missing_border: the border ("right", or "any") no box reaches, when the sentence says "cut off".
    rules:          (N,) 0..1 weighted mean fit over the cues that judge (position, order, size,
                    posture, colours, relations, looks), or None when the sentence gives none: the
                    verdict (matched / unsure) is taken on these alone, never on the word priors or
                    the size-and-centre prior.
    looks:          LooksCue per looks word asked (for the explanation and no-match answers).
    judged:         (weight, fits (N,), known (N,) bool) of every cue that judges, for the verdict.
    """

    cues: list[str] = field(default_factory=list)
    missing_colour: str | None = None
    absent_colours: tuple[str, ...] = ()
    near_colours: tuple[str, ...] = ()
    near_cue: int | None = None
    near_pale: np.ndarray | None = None
    gender_cue: int | None = None
    rules: np.ndarray | None = None
    looks: list = field(default_factory=list)
    missing_look: str | None = None
    missing_border: str | None = None
    unseen: list = field(default_factory=list)
    unread_looks: list = field(default_factory=list)
    unseen_actions: list = field(default_factory=list)
    read: list = field(default_factory=list)
    judged: list = field(default_factory=list)


@dataclass(frozen=True)
class Scores:
    """total: (N,) final score of each person in 0..1; prior: (N,) tie-breaking prior."""

    total: np.ndarray
    prior: np.ndarray


def prior(lay: geo.Layout, w: CueWeights) -> np.ndarray:
    """What a sentence without usable cues most often means: a big person near the middle."""
    central = 1 - np.clip(np.abs(lay.cx - 0.5) * 2, 0, 1)
    return w.prior_area * lay.area + w.prior_center * central


def score_people(
    query: Query,
    people: list[Person],
    lay: geo.Layout,
    image: np.ndarray | None,
    w: CueWeights,
    options: ScoringOptions = SCORING_OPTIONS,
    things: Callable[[], list] | None = None,
) -> tuple[Scores, Evidence]:
    """Score every person (N = lay.n) against the query's cues; returns (Scores, Evidence).
    things: the things in the photo (``people.things.Thing``), asked only when the sentence names
    one; None when things are not looked for."""
    if query.row is not None:
        in_row = _score_in_row(query, people, lay, image, w, options)
        if in_row is not None:
            return in_row
        query = replace(query, row=None)
    ev = Evidence()
    total = np.zeros(lay.n)
    weight_sum = 0.0
    rules = np.zeros(lay.n)
    rule_weight = 0.0

    def add(name: str, fit: np.ndarray, weight: float, judges: bool = True, known=None, judged=None) -> None:
        """judged: the fit the verdict sees, when not ``fit`` (which ranks)."""
        nonlocal total, weight_sum, rules, rule_weight
        fit = np.asarray(fit, dtype=np.float64)
        total = total + weight * fit
        weight_sum += weight
        if judges:
            seen = fit if judged is None else np.asarray(judged, dtype=np.float64)
            rules = rules + weight * seen
            rule_weight += weight
            ev.judged.append((weight, seen, np.ones(len(fit), bool) if known is None else known))
        if name and name not in ev.cues:
            ev.cues.append(name)

    for side in query.horizontal:
        fit = geo.horizontal(lay, side, w.horizontal_mix)
        if query.depth and query.row is None:  # "at the front right": the right one of those in front
            fit = geo.horizontal_at_depth(lay, side, query.depth, w.horizontal_mix)
        add(side if side != "center" else "middle", fit, w.horizontal)
        if query.extreme and side != "center":
            edge = geo.horizontal(lay, side, 1.0) ** options.extreme_power
            if options.extreme_outermost:
                edge = np.maximum(edge, geo.outermost(lay, side))
            add("", edge, w.extreme)
    if query.vertical:
        add(query.vertical, geo.vertical(lay, query.vertical), w.vertical)
    if query.depth:
        fit = geo.depth(lay, query.depth, w.depth_area)
        judged = fit
        # alone ("the man at the front"); with a side ("front right") the depth is a band the side
        # is ranked in (``geometry.horizontal_at_depth``), not the one person nearest
        if options.depth_foremost and query.depth in ("front", "back") and not query.horizontal:
            judged = np.maximum(fit, geo.foremost(lay, query.depth, options.depth_foremost))
        add(query.depth, fit, w.depth, judged=judged)
    if query.ordinal is not None:
        add(
            f"{query.ordinal} from {query.ordinal_from}",
            geo.ordinal(lay, query.ordinal, query.ordinal_from),
            w.ordinal,
        )
    if query.size:
        add(query.size, geo.size(lay, query.size), w.size)
    ground_child = None
    if query.age:
        word = "small" if query.age == "child" else "big"
        add(query.age, geo.size(lay, word), w.age, judges=False)  # size is a hint, not a judge
        if query.age == "child":
            ground_child = geo.child_on_same_ground(lay)
            add("", ground_child, w.child_ground, judges=bool(ground_child.max() >= options.child_judges))
    if query.posture:
        fit = _keypoint_posture(people, query.posture)
        if fit is None and image is not None:
            fit = _pose_posture(people, image, lay, query.posture)
        fit = geo.posture(lay, query.posture) if fit is None else fit
        # "the man walking": when nobody clearly does otherwise, the posture word tells nobody apart
        contrast = float(np.min(fit)) < w.posture_contrast
        # the verdict: whoever fits at least ``posture_sure`` is in that posture as far as the
        # photo tells; the rank among them (a walker's wider box) orders, never decides
        judged = np.clip(fit / options.posture_sure, 0, 1)
        add(query.posture, fit, w.posture, judges=contrast, judged=judged)
    hidden = visibility.hidden_fits(image, lay, query.hidden) if query.hidden else None
    if hidden is not None:
        # judged only when someone clearly shows it; else the words are reported as not seen
        seen = float(hidden.max()) >= visibility.OCCLUSION_OPTIONS.seen
        add("hidden behind something" if seen else "", hidden, w.hidden, judges=seen)
        if not seen:
            ev.unseen.append("peeking" if query.hidden == "mostly" else "hidden")
    elif query.partial and lay.known_frame:
        side = visibility.border_side(query.horizontal, query.vertical)
        fit = visibility.cut_by_border(lay, side)
        # "cut off", "cropped": the border is named, and nobody reaching it fits nobody
        add("cut off by the border", fit, w.border if query.cut_off else w.partial)
        if query.cut_off and fit.max() < w.border_min:
            ev.missing_border = side or "any"
    elif query.partial:
        add("partly visible", geo.partial(lay), w.partial)
    if query.has_looks or (query.age == "child" and image is not None):
        from rpipp_gui.referring.looks_scoring import score_looks

        cues = score_looks(query, people, image)
        for cue in cues:
            if cue.missing and not cue.can_deny:  # a reader that only confirms saw it on nobody
                ev.unseen.append(cue.name)
                continue
            if not cue.known.any():
                # read on nobody (every face turned away): the word is reported unjudged, and on
                # its own does not make the answer ask (``verdict._unreadable``)
                ev.unseen.append(cue.name)
                ev.unread_looks.append(cue.name)
                if cue.weight == "action":
                    ev.unseen_actions.append(cue.name)
                continue
            if cue.weight == "gender":
                ev.gender_cue = len(ev.judged)
            if cue.weight == "facial_hair":  # "beard": reported unjudged by the parser, read here
                ev.read.extend(query.facial_hair)
            if cue.weight == "focus":  # "blurry", "out of focus": as "beard"
                ev.read.extend(w for w in query.text.split() if w in FOCUS_WORDS or w == "focus")
            add(cue.name, cue.fits, w.of(cue.weight), known=cue.known)
            ev.looks.append(cue)
            if cue.missing and ev.missing_look is None:
                ev.missing_look = cue.name
        # a pose word no one's joints show ("holding" with no wrists seen) is reported unjudged
        seen = {cue.word for cue in cues}
        ev.unseen.extend(a.replace("_", " ") for a in query.actions if a not in seen)
    if query.has_colors:
        reading = colour_reading(query, people, image, w.colour_min, options)
        if reading.fit is not None:
            if reading.near_only and reading.near:
                ev.near_colours, ev.near_cue = reading.near, len(ev.judged)
                # "the light blue shirt": a pale garment is what was asked, its tint is the colour
                ev.near_pale = None if pale_asked(query.text) else reading.on_pale
            add("colours", reading.fit, w.colour)
        ev.missing_colour, ev.absent_colours = reading.missing, reading.absent
        hands_seen = image is not None and any("hands" in t for t in colour_table(image, people))
        if query.hand_colors and not hands_seen:
            ev.unseen.append("gloves")  # nobody's hands seen: the gloves' colour stays unjudged
    if query.thing and things is not None:
        fit = thing_fits(lay.boxes, things(), query.thing, query.thing_how)
        if fit is not None:  # found by someone: judged; else its words stay unjudged
            add(f"{query.thing_how.replace('_', ' ')} the {query.thing}", fit, w.thing)
            ev.read.extend(query.thing_words)
    if query.company:
        name = "alone" if query.company == "alone" else "standing with others"
        add(name, geo.company(lay, query.company), w.company)
    if query.heading:
        fits, known = heading_fits(people, query.heading)
        if known.any():
            add(f"facing {query.heading}", fits, w.heading, known=known)
        else:  # no side view seen large enough: the words stay unjudged
            ev.unseen.append(f"facing {query.heading}")
    if query.relation and query.anchor is not None:
        anchor_scores, _ = score_people(query.anchor, people, lay, image, w, options)
        p = _softmax(anchor_scores.total * options.anchor_sharpness)
        add(
            f"{query.relation.replace('_', ' ')} another person",
            geo.relation(lay, query.relation, p),
            w.relation,
        )
    pri = prior(lay, w)
    norm = weight_sum if weight_sum > 0 else 1.0
    total = np.clip(total / norm, 0, 1) + pri
    ev.rules = np.clip(rules / rule_weight, 0, 1) if rule_weight > 0 else None
    if w.learned > 0 or w.learned_alone > 0:
        logits = learned_scores(query.text, lay)
        if logits is not None:
            # Word priors: a nudge when the sentence gives a cue the rules read well (where the person
            # is, size, posture, clothing colours seen in the photo), else the main evidence.
            strong = query.has_spatial or query.size or query.posture or "colours" in ev.cues
            strong = strong or (ground_child is not None and ground_child.max() >= w.child_ground_strong)
            weight = w.learned if strong else w.learned_alone
            places = sum(bool(k) for k in (query.horizontal, query.vertical, query.depth, query.relation))
            if query.ordinal is not None or query.extreme or query.size or places >= 2:
                # "second from the right", "far left", "the tall one", "top left": the rules are exact
                weight = 0.0
            total = total + weight * logits
    return Scores(total=total, prior=pri), ev


def _score_in_row(
    query: Query,
    people: list[Person],
    lay: geo.Layout,
    image: np.ndarray | None,
    w: CueWeights,
    options: ScoringOptions,
) -> tuple[Scores, Evidence] | None:
    """ "second from left in the top row": score the people of that row on the other cues, everyone
    else below them all. None when the boxes form no such row."""
    keep = geo.row_members(lay, query.row)
    if keep is None or not keep.any():
        return None
    # The row word itself ("top", "front", "middle") is spent on choosing the row.
    vertical = None if query.row in ("top", "bottom") else query.vertical
    depth = query.depth if query.row == "middle" else None
    horizontal = tuple(h for h in query.horizontal if not (query.row == "middle" and h == "center"))
    sub_query = replace(query, row=None, vertical=vertical, depth=depth, horizontal=horizontal)
    idx = np.flatnonzero(keep)
    sub, ev = score_people(sub_query, [people[i] for i in idx], geo.subset(lay, keep), image, w, options)
    pri = prior(lay, w)
    total = pri + float(sub.total.min()) - 1.0  # outside the row: below everyone in it
    total[idx] = sub.total
    ev.cues.insert(0, f"{query.row} row")
    rules = np.zeros(lay.n)  # the row itself judges: outside it, nobody fits
    rules[idx] = sub.total if ev.rules is None else ev.rules
    ev.rules = rules
    ev.judged = [(1.0, rules, np.ones(lay.n, bool))]
    return Scores(total=total, prior=pri), ev


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max())
    return e / e.sum()


def _keypoint_posture(people: list[Person], word: str) -> np.ndarray | None:
    """Posture from pose keypoints when every person has them (knee-hip-shoulder geometry), else None."""
    if not people or any(p.keypoints is None for p in people):
        return None
    from rpipp_gui.referring.colors import posture_from_keypoints

    fits = [posture_from_keypoints(p.keypoints, word) for p in people]
    if any(f is None for f in fits):
        return None
    return np.array(fits, dtype=np.float64)


def _pose_posture(people: list[Person], image: np.ndarray, lay: geo.Layout, word: str) -> np.ndarray:
    """(N,) posture fits, each person's from pose keypoints where they are seen (the finder's, else
    the pose model run once on the box by ``looks``), else from the box's shape. A box's shape
    misreads people cut by a sign or merged with a neighbour as not standing, and such a misread
    must not decide a sentence that only says "walking" (real_people_more vtest_0350)."""
    from rpipp_gui.referring.colors import posture_from_keypoints
    from rpipp_gui.referring.looks import photo_looks

    looks = photo_looks(image, people)
    boxes = geo.posture(lay, word)
    fits = np.array(boxes, dtype=np.float64)
    for i in range(len(people)):
        kp = looks.keypoints(i)
        fit = posture_from_keypoints(kp, word) if kp is not None else None
        if fit is not None:
            fits[i] = fit
    return fits
