"""People who stand together: "the two people walking away side by side", "the group of three".

Among the candidates the other words leave, the k people closest to one another (where they stand:
the bottom middle of their boxes, in units of their height, the largest gap of the group's shortest
links) are the group; it is clear when the next-best group is much looser. When several groups
stand about as close, the words decide between them: each group fits the judged words as well as
its members do on average ("the couple walking away in the distance": two pairs stand together,
one of them walking towards the camera), and the one that fits clearly best is the group. One
person half hidden behind another is no couple by itself: the boxes' centres nearly meet, but the
lower edges, where each stands, tell that one is further back.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from rpipp_gui.referring import geometry as geo


@dataclass(frozen=True)
class GroupOptions:
    """clear_ratio: the best group is clear when its spread is below this share of the next one's.
    max_candidates: beyond this many candidates only the best-ranked are grouped (k-subsets grow fast).
    accept_fit: a candidate whose judged fit (weighted mean over the judged words, 0..1) reaches this
        may join the group even when it is more than the verdict's margin below the best one, once
        k candidates are near the best (fewer: everyone not excepted is grouped, as before): the
        words accept it, and standing together then decides. On vtest_0100 "the two people walking
        away side by side": p5's back is read at 0.56 (a red collar below the hair), the other four
        backs at 1.0; with only the near-best, p5 is left out and the pair is wrong.
    fit_lead: among the groups standing about as close as the closest (its spread not below
        ``clear_ratio`` of theirs), the one whose members' mean judged fit leads the next one's by
        this much is the group; a smaller lead is unsure. The same lead as ``VerdictOptions.margin``
        asks of one person over the next (not tuned). real_people_more vtest_0150 "the couple
        walking away in the distance": the distant pair walking away (spread 0.35, fit 0.77) and a
        man walking towards the camera with a woman half behind him (spread 0.30, fit 0.66) stand
        about as close; with closeness alone the answer was unsure (measured between box centres
        the half-hidden pair, 0.20, was "clearly" closer and picked: a silent wrong pick).
    """

    clear_ratio: float = 0.6
    max_candidates: int = 10
    accept_fit: float = 0.5
    fit_lead: float = 0.1


GROUP_OPTIONS = GroupOptions()


def spread(lay: geo.Layout, members: tuple[int, ...], gaps: np.ndarray | None = None) -> float:
    """How far apart a group stands: the longest link of the shortest chain joining its members
    (a minimum spanning tree), each link a distance between where the two stand (the middle of the
    box's bottom edge) over their mean height (``geometry.feet_gaps``, or ``gaps`` computed
    from it once for many groups). Where one stands on the ground, not the box centre:
    one person half hidden behind another shows a box largely inside the other's, centres almost
    together, yet stands further back, which the lower edges tell (vtest_0150: a man walking
    towards the camera and a woman half behind him, 0.20 apart by centres, 0.30 by feet; the couple
    side by side in the distance 0.35 either way)."""
    d = geo.feet_gaps(lay) if gaps is None else gaps
    joined, rest, longest = [members[0]], list(members[1:]), 0.0
    while rest:
        link, b = min((float(d[a, b]), b) for a in joined for b in rest)
        longest = max(longest, link)
        joined.append(b)
        rest.remove(b)
    return longest


def tightest(
    lay: geo.Layout,
    candidates: list[int],
    k: int,
    options: GroupOptions = GROUP_OPTIONS,
    fits: np.ndarray | None = None,
) -> tuple[tuple[int, ...], bool, tuple[int, ...]]:
    """(the group, whether it is clear, the group next to it). candidates: best-ranked first; needs
    at least k of them. fits: (N,) float judged fit of each person (0..1), or None when no word
    judges. The group is the k candidates standing closest together, clear when the next group is
    much looser (spread above 1 / ``clear_ratio`` times its own). Otherwise, with ``fits``, the
    groups standing about as close as the closest are ranked by their members' mean fit: the best
    is clear when it leads the next by ``fit_lead``; without ``fits``, the closest two are returned,
    unclear."""
    pool = candidates[: options.max_candidates]
    gaps = geo.feet_gaps(lay)
    ranked = sorted((spread(lay, g, gaps), g) for g in combinations(pool, k))
    best_spread, best = ranked[0]
    if len(ranked) == 1:
        return best, True, ()
    close = [g for s, g in ranked if best_spread >= options.clear_ratio * s]
    if len(close) == 1:
        return best, True, ranked[1][1]
    if fits is None:
        return best, False, close[1]
    by_fit = sorted(close, key=lambda g: -float(np.mean([fits[i] for i in g])))  # stable: closest first
    first, second = (float(np.mean([fits[i] for i in g])) for g in by_fit[:2])
    return by_fit[0], first - second >= options.fit_lead, by_fit[1]
