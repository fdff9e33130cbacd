"""A photo with more people than the finder used to stop at: "hide everyone" must still hide all of
them (a crowd seen from above kept a dozen visible when the finder stopped after 24)."""

from __future__ import annotations

import numpy as np
import pytest
from people_scenes import source_photo
from PIL import Image

from rpipp_gui.people import FinderOptions, PeopleFinder

pytestmark = pytest.mark.slow


def _grid(side: int = 90, gap: int = 20, cols: int = 6, rows: int = 5):
    """HxWx3 uint8 RGB grid of ``cols * rows`` portraits (astronaut, Grace Hopper) on grey, apart;
    and each portrait's cell (x0, y0, x1, y1)."""
    step = side + gap
    canvas = np.full((rows * step + gap, cols * step + gap, 3), 200, np.uint8)
    names = ("astronaut", "grace")
    portraits = [np.asarray(Image.fromarray(source_photo(n)).resize((side, side))) for n in names]
    cells = []
    for k in range(rows * cols):
        r, c = divmod(k, cols)
        y, x = gap + r * step, gap + c * step
        canvas[y : y + side, x : x + side] = portraits[k % 2]
        cells.append((x, y, x + side, y + side))
    return canvas, cells


def test_thirty_people_are_all_found():
    canvas, cells = _grid()
    people = PeopleFinder().set_image(canvas)
    assert len(people) >= len(cells) > 24
    union = np.zeros(canvas.shape[:2], bool)
    for p in people:
        union |= p.mask
    covered = [float(union[y0:y1, x0:x1].mean()) for x0, y0, x1, y1 in cells]
    assert min(covered) >= 0.3, covered


def test_the_bound_still_holds():
    canvas, _ = _grid(cols=3, rows=2)
    assert len(PeopleFinder(options=FinderOptions(max_people=4)).set_image(canvas)) == 4
