"""How much of a person the photo shows: cut off by the photo's border ("the person cut off at the
right edge", "partly out of the picture"). Each cue is an (N,) float64 fit in 0..1 per person, from
the boxes (``geometry.Layout``), with its tuned numbers in a frozen options dataclass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rpipp_gui.referring import geometry as geo


@dataclass(frozen=True)
class BorderOptions:
    """Cut off by the photo's border: the box reaches the border. Measured on the real dev photos
    (people.tsv's ``cut`` column: the cut-off boxes end 0 to 5 pixels from the border of a 640 or
    768 pixel photo, under 0.01 of it; the nearest uncut box ends 0.05 of the width away).

    touch: a box edge this close to the border (share of the photo's width or height) touches it
           (fit 1).
    reach: ... and this far or more does not (fit 0); linear in between.
    """

    touch: float = 0.01
    reach: float = 0.03


BORDER_OPTIONS = BorderOptions()
_SIDES = ("left", "right", "top", "bottom")


def border_gaps(lay: geo.Layout) -> dict[str, np.ndarray]:
    """Distance of each box from each border of the photo, as a share of its width or height."""
    return {"left": lay.x0, "right": 1 - lay.x1, "top": lay.y0, "bottom": 1 - lay.y1}


def cut_by_border(
    lay: geo.Layout, side: str | None = None, options: BorderOptions = BORDER_OPTIONS
) -> np.ndarray:
    """(N,) 0..1: the box reaches ``side`` of the photo (left, right, top, bottom), or any side when
    None. Needs the photo's size (``lay.known_frame``); without it, see ``geometry.partial``."""
    gaps = border_gaps(lay)
    sides = [side] if side in _SIDES else list(_SIDES)
    gap = np.min(np.stack([gaps[s] for s in sides]), axis=0)
    return np.clip((options.reach - gap) / max(options.reach - options.touch, 1e-9), 0.0, 1.0)


def border_side(horizontal: tuple[str, ...], vertical: str | None) -> str | None:
    """The border a sentence names: "cut off at the right edge" -> right; none named -> None."""
    for side in horizontal:
        if side in ("left", "right"):
            return side
    return vertical if vertical in ("top", "bottom") else None
