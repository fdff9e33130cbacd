"""How sharp each person is, against the sharpest person of the photo: "the blurry man in the
background", "the people out of focus".

A person the lens did not focus on loses the finest detail first. On the edges inside a person's
mask (the quarter of its pixels with the most coarse detail: seams, folds, the face, the line
between shirt and trousers; the mask's own outline is left out, its contrast with the background is
the background's as much as the person's), the strong fine detail (grey minus its Gaussian of sigma
1, 90th percentile) over the strong coarse detail (sigma 2 minus sigma 4) is about 0.6-1.7 on
someone in focus and 0.2-0.5 on someone blurred, whatever their contrast or colour, plain clothing
or busy. Measured on the annotated "blurred" / "out of focus" people of the real sets: messi5's
player in the background 0.20 beside 1.04, paperkit_clem-onojeghuo-3's walker behind 0.29 beside
0.82, kpa_anne_helene 0.27 beside 0.78, mk_clem-onojegaw 0.54 beside 1.24, obama2 0.39 beside
0.62, mdl_more-from-1 0.44 beside 0.72. Blur is a matter of degree and of the photo: a person is
judged against the sharpest person found, so with fewer than two people it cannot be judged.
Noise keeps fine detail up in dark photos (md_office-dark: 0.58 on a blurred man beside 0.52-0.64):
such a blur is not seen. Cloth with almost no weave at all in focus reads less sharp than it is (its
edges are few, the coarse detail around them wide): a drawn figure with a third of the texture of
its neighbours reads half as sharp.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rpipp_gui.people.person import Person


@dataclass(frozen=True)
class FocusOptions:
    """How a person's sharpness is measured and named.

    sigmas:      Gaussian sigmas (px of the photo) of the fine, middle and coarse scales: fine
                 detail is grey minus sigma[0], coarse detail sigma[1] minus sigma[2].
    edges:       the share of the mask's pixels with the most coarse detail the two are compared on
                 (flat cloth has no fine detail in focus either).
    percentile:  the strong detail of a region is this percentile of its absolute detail.
    edge_px:     the mask is eroded by a square this wide first (the outline's contrast with the
                 background is the background's detail as much as the person's).
    min_px:      fewer mask pixels than this left: the sharpness cannot be read.
    blurry_full: sharpness at most this share of the sharpest person's: blurry (fit 1) ...
    sharp_full:  ... at least this share: in focus (fit 0); linear between. Set on the values above:
                 0.19-0.44 of the sharpest for four of the six blurred people (obama2's 0.63 and
                 mdl_more-from-1's 0.61 fit 0.2-0.3); the people in focus 0.5-1 (sbbc_about's café,
                 people at many depths: 0.51-1).
    """

    sigmas: tuple[float, float, float] = (1.0, 2.0, 4.0)
    edges: float = 0.25
    percentile: float = 90.0
    edge_px: int = 5
    min_px: int = 200
    blurry_full: float = 0.4
    sharp_full: float = 0.7

    def __post_init__(self) -> None:
        if not 0 < self.sigmas[0] < self.sigmas[1] < self.sigmas[2]:
            raise ValueError("focus sigmas must be increasing and positive")
        if not 0 < self.blurry_full < self.sharp_full <= 1:
            raise ValueError("focus shares must satisfy 0 < blurry_full < sharp_full <= 1")
        if not 0 < self.edges <= 1:
            raise ValueError("focus edges must be a share in (0, 1]")


FOCUS_OPTIONS = FocusOptions()


def sharpness(image: np.ndarray, person: Person, options: FocusOptions = FOCUS_OPTIONS) -> float | None:
    """Fine over coarse detail on the edges inside person's mask in HxWx3 uint8 RGB ``image`` (the
    mask HxW bool of the same size); None without a mask or with too few pixels inside it."""
    import cv2

    h, w = image.shape[:2]
    if person.mask is None or person.mask.shape != (h, w):
        return None
    pad = int(np.ceil(3 * options.sigmas[2]))
    x0, y0, x1, y1 = person.box
    xa, ya = max(0, int(x0) - pad), max(0, int(y0) - pad)
    xb, yb = min(w, int(np.ceil(x1)) + pad), min(h, int(np.ceil(y1)) + pad)
    if xb - xa < 2 or yb - ya < 2:
        return None
    kernel = np.ones((options.edge_px, options.edge_px), np.uint8)
    inside = cv2.erode(person.mask[ya:yb, xa:xb].astype(np.uint8), kernel).astype(bool)
    if int(inside.sum()) < options.min_px:
        return None
    grey = cv2.cvtColor(image[ya:yb, xa:xb], cv2.COLOR_RGB2GRAY).astype(np.float32)
    s0, s1, s2 = (cv2.GaussianBlur(grey, (0, 0), s) for s in options.sigmas)
    coarse = np.abs(s1 - s2)
    edges = inside & (coarse >= np.percentile(coarse[inside], 100 * (1 - options.edges)))
    fine = np.percentile(np.abs(grey - s0)[edges], options.percentile)
    return float(fine / (np.percentile(coarse[edges], options.percentile) + 1e-3))


def blurry_fits(
    image: np.ndarray, people: list[Person], options: FocusOptions = FOCUS_OPTIONS
) -> list[float | None]:
    """Per person, how well "blurry" fits (0..1) against the sharpest person of ``people`` in HxWx3
    uint8 RGB ``image``; None where the sharpness cannot be read, and for everyone when fewer than
    two people can be read."""
    values = [sharpness(image, p, options) for p in people]
    read = [v for v in values if v is not None]
    if len(read) < 2 or max(read) <= 0:
        return [None] * len(people)
    top = max(read)
    span = options.sharp_full - options.blurry_full
    return [
        None if v is None else float(np.clip((options.sharp_full - v / top) / span, 0, 1)) for v in values
    ]
