"""A weak body box standing in a row of people: walkers on a street, a group posing.

The finder drops a new person from a weak body box whose mask only the selfie model gives (no pose,
no face; ``FinderOptions.body_unposed``): alone, such boxes were things as often as people (a space
helmet held beside an astronaut, clutter). A box that stands among other people of about its own
height, their feet on about the same ground line, is far more likely a person too: people at the
same distance from the camera are about as tall and stand on the same floor, and the detector's
weak boxes on things beside one person have no such row. ``row_mates`` counts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rpipp_gui.imaging.boxes import Box, box_iou, share_inside


@dataclass(frozen=True)
class BodyRowOptions:
    """When a weak unposed body box is a person because it stands in a row of people.

    Measured on the ten sets (dev, more, pkg..pkg8) by recording every box the rule was asked
    about: 13 weak unposed boxes (score under ``body_unposed``, holding nobody found) and 22 boxes
    without person pixels that were not sure alone. With the numbers below the rule keeps pkg6
    Hot_Air_Balloons p8 (0.42, 8 mates) and p10 (0.45, 5), pkg8 argon_img-1 p4 (no person pixels,
    0.72 once NanoDet agreed, 3 mates) and p5 (0.61, 3), and a dark far figure of pkg3's
    quickie-flip listed as uncertain (0.42, 2). The boxes on nothing or on someone found had 0 or 1
    mates, but for a loose box around two walkers (0.42, under ``box_floor``) and one on a seated
    woman cut by the bottom border (hence ``cut``).

    on:        use the rule at all (off: ``FinderOptions.body_unposed`` alone decides).
    floor:     a box whose mask only the selfie model gives still needs at least this detector
               score (the things that scored under ``body_unposed`` on the dev and "more" photos:
               0.38-0.43, beside one person).
    box_floor: a box with no person pixels at all (hidden whole as its box) needs at least this:
               the walkers of argon_img-1 scored 0.61-0.72 (both detectors saw them); a loose box
               around two of them 0.42 (as a box it matches neither); boxes on things or on
               someone found 0.38-0.50. 0.55 -> 0.52 (stop 30): a walker there in black, seen
               from behind in the neon light (no person pixels), only NanoDet's box, 0.53, with
               three row mates, is found; all 12 sets otherwise unchanged.
    mates:     ...and at least this many other people (body boxes the detector accepted, or people
               found) in its row: one person beside it is how a held helmet looks.
    height:    a row mate's box is at most this many times taller or shorter than the box (the
               walkers of argon_img-1, a few metres apart along the street: 1.1-1.7)...
    ground:    ...its bottom (the feet) lies within this share of the box's height of the box's
               bottom (argon_img-1: up to 0.38)...
    reach:     ...and its centre within this many of the box's heights sideways.
    same:      a box overlapping the box (IoU) or a row mate counted before by at least this, or
               lying at least this share inside it, is the same person, not a mate.
    cut:       a box whose bottom lies within this share of the photo's height of its bottom border
               shows no feet: it has no row and is no row mate (people around a table, all cut by
               the border, soft_annie-spratt of pkg8: a box on someone found had 2 such "mates").
    """

    on: bool = True
    floor: float = 0.38
    box_floor: float = 0.52
    mates: int = 2
    height: float = 2.0
    ground: float = 0.4
    reach: float = 6.0
    same: float = 0.5
    cut: float = 0.03

    def __post_init__(self) -> None:
        if not (0.0 <= self.floor <= 1.0 and 0.0 <= self.box_floor <= 1.0):
            raise ValueError(f"floor and box_floor must lie in [0, 1], got {self.floor}, {self.box_floor}")
        if self.mates < 1 or self.height < 1.0 or self.ground < 0.0 or self.reach <= 0.0:
            raise ValueError("mates must be >= 1, height >= 1, ground >= 0 and reach > 0")
        if not 0.0 < self.same <= 1.0 or not 0.0 <= self.cut < 1.0:
            raise ValueError(f"same must lie in (0, 1] and cut in [0, 1), got {self.same}, {self.cut}")


def _same(a: Box, b: Box, share: float) -> bool:
    return box_iou(a, b) >= share or share_inside(a, b) >= share or share_inside(b, a) >= share


def row_mates(
    box: Box, others: Sequence[Box], options: BodyRowOptions = BodyRowOptions(), photo_h: float | None = None
) -> int:
    """How many distinct people among ``others`` (x0, y0, x1, y1 boxes, the same pixels as ``box``:
    the other bodies and the people found) stand in ``box``'s row: about as tall, their feet on
    about the same ground line, not far sideways. Boxes of one person (overlapping) count once,
    and a box on ``box`` itself not at all. ``photo_h``: the photo's rows, when known; boxes the
    bottom border cuts (``options.cut``) show no feet and have no row (0 for ``box``)."""
    h = box[3] - box[1]
    floor = float("inf") if photo_h is None else (1.0 - options.cut) * photo_h
    if h <= 0 or box[3] >= floor:
        return 0
    cx = (box[0] + box[2]) / 2
    counted: list[Box] = []
    for other in others:
        oh = other[3] - other[1]
        if oh <= 0 or other[3] >= floor or _same(box, other, options.same):
            continue
        if not 1.0 / options.height <= oh / h <= options.height:
            continue
        if abs(other[3] - box[3]) > options.ground * h:
            continue
        if abs((other[0] + other[2]) / 2 - cx) > options.reach * h:
            continue
        if any(_same(other, c, options.same) for c in counted):
            continue
        counted.append(other)
    return len(counted)
