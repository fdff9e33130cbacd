"""A synthetic referring-segmentation set: scenes of two to four person-like figures (head, torso,
arms, legs) with shirt colours, heights and positions, one sentence per scene naming one figure,
and that figure's mask. Sample ``i`` of a set depends only on (seed, i), so splits are reproducible
and a held-out split is simply another seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SHIRTS: dict[str, tuple[int, int, int]] = {
    "red": (210, 30, 30),
    "green": (30, 160, 50),
    "blue": (40, 70, 220),
    "yellow": (235, 215, 40),
    "white": (245, 245, 245),
    "black": (20, 20, 20),
    "orange": (245, 130, 20),
    "purple": (130, 40, 160),
}
TROUSERS = ((40, 40, 90), (60, 50, 40), (90, 90, 90), (25, 25, 25), (150, 120, 80))
SKINS = ((250, 215, 180), (225, 175, 130), (180, 120, 80), (110, 70, 45))
NOUNS = ("person", "man", "woman", "one", "figure", "guy", "lady")
PREFIXES = ("", "", "hide ", "blur ", "protect privacy of ", "pixelate ")
ORDINALS = ("first", "second", "third", "fourth")
FIGURE_WIDTH = (0.32, 0.40)  # torso width / figure height
LEG_GAP = 0.05  # gap between the legs / torso width
HEIGHTS = (0.42, 0.86)  # figure height / image height
TEMPLATE_KINDS = ("side", "ordinal", "size", "colour", "colour_side", "middle")


@dataclass(frozen=True)
class Figure:
    """One figure: shirt colour name, box (x0, y0, x1, y1) in pixels."""

    colour: str
    box: tuple[int, int, int, int]

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2.0


@dataclass(frozen=True)
class SyntheticSample:
    """image: HxWx3 uint8 RGB; mask: HxW bool of the referred figure; sentence: lower-case text;
    target: index into ``figures`` (which are ordered left to right)."""

    image: np.ndarray
    mask: np.ndarray
    sentence: str
    figures: tuple[Figure, ...]
    target: int
    kind: str


def _ellipse(canvas: np.ndarray, cy: float, cx: float, ry: float, rx: float) -> np.ndarray:
    h, w = canvas.shape[:2]
    yy, xx = np.ogrid[:h, :w]
    return ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1.0


def _rect(h: int, w: int, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    m = np.zeros((h, w), dtype=bool)
    m[max(0, int(round(y0))) : max(0, int(round(y1))), max(0, int(round(x0))) : max(0, int(round(x1)))] = True
    return m


def _draw_figure(image: np.ndarray, rng: np.random.Generator, cx: float, foot: float, height: float, shirt):
    """Paint one figure into image (in place); returns its HxW bool mask."""
    h, w = image.shape[:2]
    width = height * rng.uniform(*FIGURE_WIDTH)
    top = foot - height
    head_r = height * 0.11
    neck = top + 2 * head_r
    hip = neck + height * 0.36
    parts = []
    head = _ellipse(image, top + head_r, cx, head_r, head_r * 0.85)
    torso = _rect(h, w, cx - width / 2, neck, cx + width / 2, hip)
    arm_w = width * 0.22
    arms = _rect(h, w, cx - width / 2 - arm_w, neck + 1, cx - width / 2, hip - height * 0.04) | _rect(
        h, w, cx + width / 2, neck + 1, cx + width / 2 + arm_w, hip - height * 0.04
    )
    gap = width * LEG_GAP
    legs = _rect(h, w, cx - width / 2 + 1, hip, cx - gap / 2, foot) | _rect(
        h, w, cx + gap / 2, hip, cx + width / 2 - 1, foot
    )
    parts = [
        (legs, TROUSERS[rng.integers(len(TROUSERS))]),
        (torso | arms, shirt),
        (head, SKINS[rng.integers(len(SKINS))]),
    ]
    mask = np.zeros((h, w), dtype=bool)
    for part, colour in parts:
        shade = np.clip(np.array(colour) + rng.normal(0, 8, 3), 0, 255)
        image[part] = shade.astype(np.uint8)
        mask |= part
    return mask


def _descriptions(figs: list[Figure]) -> dict[str, list[tuple[str, int]]]:
    """Every unambiguous description of some figure, by template kind: (phrase after the noun, index)."""
    n = len(figs)
    out: dict[str, list[tuple[str, int]]] = {k: [] for k in TEMPLATE_KINDS}
    out["side"] = [("on the left", 0), ("on the right", n - 1)]
    if n >= 3:
        for i in range(1, n - 1):
            out["ordinal"].append((f"{ORDINALS[i]} from the left", i))
            out["ordinal"].append((f"{ORDINALS[n - 1 - i]} from the right", i))
    if n == 3:
        out["middle"].append(("in the middle", 1))
    heights = [f.height for f in figs]
    order = np.argsort(heights)
    out["size"] = [("tallest", int(order[-1])), ("shortest", int(order[0]))]
    colours = [f.colour for f in figs]
    for i, c in enumerate(colours):
        same = [j for j, cj in enumerate(colours) if cj == c]
        if len(same) == 1:
            out["colour"].append((f"in {c}", i))
        elif i in (same[0], same[-1]):
            side = "left" if i == same[0] else "right"
            out["colour_side"].append((f"in {c} on the {side}", i))
    return out


def _sentence(rng: np.random.Generator, kind: str, phrase: str) -> str:
    noun = NOUNS[rng.integers(len(NOUNS))]
    prefix = PREFIXES[rng.integers(len(PREFIXES))]
    if kind == "size":
        return f"{prefix}the {phrase} {noun}"
    if kind == "ordinal":
        return f"{prefix}the {phrase.split(' ', 1)[0]} {noun} {phrase.split(' ', 1)[1]}"
    if kind == "colour" and rng.random() < 0.5:
        return f"{prefix}the {noun} in the {phrase[3:]} shirt"
    return f"{prefix}the {noun} {phrase}"


def make_scene(
    seed: int, index: int, size: int = 128, kinds: tuple[str, ...] = TEMPLATE_KINDS
) -> SyntheticSample:
    """Scene ``index`` of the set with ``seed``: size x size pixels, 2-4 figures, one sentence.

    kinds: the template kinds to draw from ("side", "ordinal", "size", "colour", "colour_side",
    "middle"); a kind with no valid description in a scene is skipped.
    """
    rng = np.random.default_rng([int(seed), int(index)])
    n = int(rng.integers(2, 5))
    base = rng.integers(60, 200, 3)
    ramp = np.linspace(-25, 25, size)[:, None, None]
    image = np.clip(base[None, None, :] + ramp + rng.normal(0, 6, (size, size, 3)), 0, 255).astype(np.uint8)
    # Distinct heights (at least 7% of the image apart) so "tallest" and "shortest" are unambiguous.
    while True:
        heights = rng.uniform(*HEIGHTS, n) * size
        hs = np.sort(heights)
        if np.all(np.diff(hs) > 0.07 * size):
            break
    slot = size / n
    names = list(SHIRTS)
    figs, masks = [], []
    for i in range(n):
        colour = names[rng.integers(len(names))] if rng.random() < 0.85 or not figs else figs[-1].colour
        cx = slot * (i + 0.5) + rng.uniform(-0.12, 0.12) * slot
        foot = size * rng.uniform(0.9, 0.97)
        mask = _draw_figure(image, rng, cx, foot, heights[i], SHIRTS[colour])
        ys, xs = np.nonzero(mask)
        figs.append(Figure(colour, (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)))
        masks.append(mask)
    options = _descriptions(figs)
    usable = [k for k in kinds if options.get(k)]
    if not usable:
        usable = ["side"]
    kind = usable[rng.integers(len(usable))]
    phrase, target = options[kind][rng.integers(len(options[kind]))]
    # Later figures are painted over earlier ones: the target's visible mask excludes later overlaps.
    visible = masks[target].copy()
    for j in range(target + 1, n):
        visible &= ~masks[j]
    return SyntheticSample(image, visible, _sentence(rng, kind, phrase), tuple(figs), target, kind)


class SyntheticReferring:
    """``length`` deterministic scenes; ``dataset[i]`` -> SyntheticSample."""

    def __init__(self, length: int, seed: int = 0, size: int = 128, kinds: tuple[str, ...] = TEMPLATE_KINDS):
        unknown = set(kinds) - set(TEMPLATE_KINDS)
        if unknown:
            raise ValueError(f"unknown template kind(s) {sorted(unknown)}; choose from {TEMPLATE_KINDS}")
        self.length, self.seed, self.size, self.kinds = int(length), int(seed), int(size), tuple(kinds)

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int) -> SyntheticSample:
        if not 0 <= index < self.length:
            raise IndexError(index)
        return make_scene(self.seed, index, self.size, self.kinds)

    def sentences(self, limit: int | None = None) -> list[str]:
        """The first ``limit`` (all by default) sentences, for building a vocabulary."""
        return [self[i].sentence for i in range(min(self.length, limit or self.length))]
