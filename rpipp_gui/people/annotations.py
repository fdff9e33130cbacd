"""Annotated real photos (``people.tsv``) and how a people finder's result is scored against them.

The annotation format is the one of ``shared/data/real_people/README.md``: one row per visible person,
``photo id x0 y0 x1 y1 size view cut crowd desc`` with boxes in photo pixels (x1, y1 exclusive);
size is large / medium / small, view front / side / back, cut and crowd yes / no. A crowd row is one
box around an out-of-focus crowd: it is not a person to find, and found people inside it are not false.

Scoring (``score_photo``): found and annotated people are matched one to one, greedily by IoU of their
boxes (>= ``MatchOptions.iou``). A found person that matches nobody and lies mostly outside every
annotated box (``outside``) is a *false person*; one that lies mostly inside an annotated person
(typically a split-off part: legs, a raised arm) is a *duplicate*. *Coverage* is the share of an
annotated box that the union of all found masks covers (what "hide everyone" would hide).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from rpipp_gui.imaging.boxes import box_mask, mask_share, share_inside
from rpipp_gui.people.person import Box, box_iou


@dataclass(frozen=True)
class Annotated:
    """One annotated person (or crowd) of a real photo; ``box`` is (x0, y0, x1, y1) photo pixels."""

    photo: str
    id: str
    box: Box
    size: str
    view: str
    cut: bool
    crowd: bool
    desc: str = ""


@dataclass(frozen=True)
class MatchOptions:
    """iou: a found box matches an annotated one from this IoU on (0.5, the usual detection rule);
    outside: an unmatched found person is false when less than this share of its box lies inside
    any annotated box (otherwise it is a duplicate part of an annotated person)."""

    iou: float = 0.5
    outside: float = 0.5


@dataclass
class PhotoScore:
    """The score of one photo: for each annotated non-crowd person whether it was found and how much
    of its box the masks cover; found people that are false or duplicates (their indices)."""

    people: list[Annotated]  # ``matches``: for each, the index of the found box it matched, or None
    found: list[bool] = field(default_factory=list)
    coverage: list[float] = field(default_factory=list)
    false: list[int] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    matches: list[int | None] = field(default_factory=list)


def read_people(path: Path | str) -> dict[str, list[Annotated]]:
    """Rows of a ``people.tsv`` grouped by photo name (in file order)."""
    out: dict[str, list[Annotated]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            box = tuple(float(row[k]) for k in ("x0", "y0", "x1", "y1"))
            out.setdefault(row["photo"], []).append(
                Annotated(
                    row["photo"],
                    row["id"],
                    box,
                    row["size"],
                    row["view"],
                    row["cut"] == "yes",
                    row["crowd"] == "yes",
                    row.get("desc", ""),
                )
            )
    return out


def found_union(people: Sequence, shape: tuple[int, int]) -> np.ndarray:
    """HxW bool: the union of the masks of the people found (a person without a mask adds nothing):
    what "hide everyone" hides, and what the benchmarks score coverage on."""
    out = np.zeros(shape, bool)
    for p in people:
        if p.mask is not None:
            out |= p.mask
    return out


def open_faces(people: Sequence, union: np.ndarray, share: float = 0.05) -> tuple[int, int]:
    """(faces left partly open, faces found): of the people found with a face box, how many have
    more than ``share`` of that box (photo pixels, clipped to the photo) outside ``union`` (HxW
    bool, every mask: what "hide everyone" hides with the exact outline). A face in nobody's mask
    is what a privacy tool must never leave."""
    h, w = union.shape
    total = left = 0
    for p in people:
        if p.face_box is None:
            continue
        x0, y0 = max(0, int(round(p.face_box[0]))), max(0, int(round(p.face_box[1])))
        x1, y1 = min(w, int(round(p.face_box[2]))), min(h, int(round(p.face_box[3])))
        if x1 <= x0 or y1 <= y0:
            continue
        total += 1
        left += bool(1.0 - union[y0:y1, x0:x1].mean() > share)
    return left, total


def best_match(box: Box, annotated: Sequence[Annotated], iou: float = 0.3, inside: float = 0.5) -> str:
    """The id of the annotated person (not a crowd) a found ``box`` matches best, or "-": IoU at
    least ``iou`` with their box, or at least ``inside`` of ``box`` lying in it (a part of them,
    which counts 0.6 of its share against IoU). For the benchmarks' box-by-box tables."""
    best, who = 0.0, "-"
    for a in annotated:
        if a.crowd:
            continue
        overlap, share = box_iou(box, a.box), share_inside(box, a.box)
        score = max(overlap, 0.6 * share)
        if score > best and (overlap >= iou or share >= inside):
            best, who = score, a.id
    return who


def mask_spill(mask: np.ndarray, own: Box, others: Sequence[Box]) -> tuple[float, float]:
    """How far a person's HxW bool ``mask`` spills: (share of it outside their annotated box
    ``own``, share of it on ``others``' annotated boxes but outside ``own``). (0.0, 0.0) when empty."""
    area = int(mask.sum())
    if area == 0:
        return 0.0, 0.0
    inside_own = box_mask(mask.shape, own)
    on = np.zeros(mask.shape, bool)
    for box in others:
        on |= box_mask(mask.shape, box)
    spill = mask & ~inside_own
    return float(spill.sum()) / area, float((spill & on).sum()) / area


def box_coverage(mask: np.ndarray | None, box: Box) -> float:
    """Share of ``box`` (photo pixels) that an HxW bool mask covers; 0.0 without a mask."""
    return 0.0 if mask is None else mask_share(mask, box)


def score_photo(
    annotated: Sequence[Annotated],
    found_boxes: Sequence[Box],
    union_mask: np.ndarray | None,
    uncertain: Sequence[Annotated] = (),
    options: MatchOptions = MatchOptions(),
) -> PhotoScore:
    """Match found boxes to the annotated people of one photo (see the module's docstring).
    ``uncertain``: people too unclear to count; found boxes on them are neither hits nor false."""
    people = [a for a in annotated if not a.crowd]
    crowds = [a for a in annotated if a.crowd] + list(uncertain)
    pairs = sorted(
        ((box_iou(a.box, b), i, j) for i, a in enumerate(people) for j, b in enumerate(found_boxes)),
        reverse=True,
    )
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    matched: dict[int, int] = {}
    for iou, i, j in pairs:
        if iou < options.iou:
            break
        if i in taken_a or j in taken_b:
            continue
        taken_a.add(i)
        taken_b.add(j)
        matched[i] = j
    score = PhotoScore(people)
    score.found = [i in taken_a for i in range(len(people))]
    score.matches = [matched.get(i) for i in range(len(people))]
    score.coverage = [box_coverage(union_mask, a.box) for a in people]
    for j, b in enumerate(found_boxes):
        if j in taken_b or any(share_inside(b, c.box) >= options.outside for c in crowds):
            continue
        inside = max((share_inside(b, a.box) for a in people), default=0.0)
        (score.duplicates if inside >= options.outside else score.false).append(j)
    return score
