"""Small people, people cut by the photo border, and photos without people, for benchmarks/people.py.

Small people: the public-domain portraits pasted at 1/5, 1/8, 1/12 and 1/16 of the photo's height,
several per photo at seeded random places on a soft backdrop and on a mosaic of skimage's photos
without people (clutter), on 12 MP (4000x3000) and 3 MP (2000x1500) photos. A true person counts as
*found* when one found person's box has IoU >= 0.5 with its hand-measured box (each found person
matches at most one true person). Also printed: *covered*, the share of true people whose reference
pixels (below) lie at least 80% under some mask (what protection needs, even when two neighbours
were merged into one person); *extra*, found people matching no true person; *false*, found people
whose box touches no true person's box at all.

Border: each portrait at 0.6 of a 3 MP photo's height, pushed 20% of its person box over each of
the four borders. The true person's pixels are the *reference mask*, shifted and cut by the border
as the portrait is. Printed: the share of those pixels that the mask misses, overall and in the
strip within 1% of the photo's long side from the cutting border, and the extra people found.

Reference masks (people_refs.npz beside this file; --new-refs rebuilds them with the current
finder): the finder's mask of each portrait on a plain backdrop, well inside the photo, made once
with the finder of commit 7c6d691 (before the small-people and border work) and kept fixed so
that before and after are measured against the same pixels.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import numpy as np
from PIL import Image

FRACTIONS = ((5, 4), (8, 6), (12, 8), (16, 10))  # (1/fraction of the photo height, people per photo)
SIZES = ((4000, 3000), (2000, 1500))


def backdrop(width: int, height: int) -> np.ndarray:
    """HxWx3 uint8 soft grey-blue gradient (the same as people.scene's)."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    return np.stack([150 + 40 * yy / height, 160 + 30 * xx / width, 175 + 0 * xx], axis=2).astype(np.uint8)


def _resize(img: np.ndarray, width: int, height: int, nearest: bool = False) -> np.ndarray:
    pil = Image.fromarray(img if img.dtype == np.uint8 else img.astype(np.uint8) * 255)
    out = np.asarray(pil.resize((width, height), Image.NEAREST if nearest else Image.BILINEAR))
    return out if img.dtype == np.uint8 else out > 127


REFS = Path(__file__).with_name("people_refs.npz")


def reference_masks(finder, portraits, rebuild: bool = False) -> list[np.ndarray]:
    """Per portrait, HxW bool at the portrait's own size: the stored reference masks, or (missing or
    ``rebuild``) the finder's mask of it on a plain backdrop, well inside the photo, stored."""
    if REFS.is_file() and not rebuild:
        with np.load(REFS) as data:
            return [
                np.unpackbits(data[f"ref{i}"], count=src.shape[0] * src.shape[1])
                .astype(bool)
                .reshape(src.shape[:2])
                for i, (src, _) in enumerate(portraits)
            ]
    refs = []
    for src, _ in portraits:
        h, w = src.shape[:2]
        canvas = backdrop(w + 400, h + 200)
        canvas[100 : 100 + h, 200 : 200 + w] = src
        people = finder.set_image(canvas)
        union = np.logical_or.reduce([p.mask for p in people]) if people else np.zeros(canvas.shape[:2], bool)
        refs.append(union[100 : 100 + h, 200 : 200 + w].copy())
    np.savez_compressed(REFS, **{f"ref{i}": np.packbits(r) for i, r in enumerate(refs)})
    print(f"reference masks written to {REFS}")
    return refs


def small_scene(
    width: int, height: int, fraction: int, count: int, portraits, refs, seed: int, background=None
):
    """A photo with ``count`` portraits 1/fraction of its height high at random places that keep a
    gap, on the soft backdrop or on ``background`` (HxWx3 uint8, resized to the photo). Returns
    (HxWx3 uint8 photo, true boxes, HxW bool reference pixels per person)."""
    rng = np.random.default_rng(seed)
    rgb = backdrop(width, height) if background is None else _resize(background, width, height).copy()
    ph = round(height / fraction)
    placed, boxes, truth = [], [], []
    for i in range(count):
        src, gt = portraits[i % len(portraits)]
        s = ph / src.shape[0]
        pw = round(src.shape[1] * s)
        for _ in range(500):
            x, y = int(rng.integers(0, width - pw)), int(rng.integers(0, height - ph))
            gap = 0.15 * ph
            if all(
                x + pw + gap < a or a2 + gap < x or y + ph + gap < b or b2 + gap < y
                for a, b, a2, b2 in placed
            ):
                break
        else:
            raise RuntimeError("no room for another person")
        placed.append((x, y, x + pw, y + ph))
        img, ref = _resize(src, pw, ph), _resize(refs[i % len(portraits)], pw, ph, nearest=True)
        gx0, gy0, gx1, gy1 = (v * s for v in gt)
        if rng.random() < 0.5:
            img, ref = img[:, ::-1], ref[:, ::-1]
            gx0, gx1 = pw - gx1, pw - gx0
        rgb[y : y + ph, x : x + pw] = img
        mask = np.zeros((height, width), bool)
        mask[y : y + ph, x : x + pw] = ref
        boxes.append((x + gx0, y + gy0, x + gx1, y + gy1))
        truth.append(mask)
    return rgb, boxes, truth


def score_people(people, boxes, truth, iou) -> tuple[int, int, int, int]:
    """(found, covered, extra, false) for found ``people`` against true boxes and reference pixels."""
    used, found = set(), 0
    for t in boxes:
        best = max(((iou(p.box, t), i) for i, p in enumerate(people) if i not in used), default=(0, -1))
        if best[0] >= 0.5:
            used.add(best[1])
            found += 1
    union = np.logical_or.reduce([p.mask for p in people]) if people else None
    covered = sum(1 for m in truth if union is not None and (union & m).sum() >= 0.8 * max(1, m.sum()))
    extra = len(people) - len(used)
    false = sum(1 for i, p in enumerate(people) if i not in used and all(iou(p.box, t) <= 0 for t in boxes))
    return found, covered, extra, false


def run_small(finder, portraits, iou, seeds=(0, 1), repeat: int = 1) -> None:
    """Small people on the soft backdrop, then on a mosaic of skimage's photos without people;
    each photo is searched ``repeat`` times and s/photo is the median over photos and repeats."""
    refs = reference_masks(finder, portraits)
    clutter = dict(no_people_photos())["12 MP mosaic 2"]
    for name, background in (("plain backdrop", None), ("photo mosaic", clutter)):
        _run_small(finder, portraits, refs, iou, seeds, name, background, max(1, repeat))


def _run_small(finder, portraits, refs, iou, seeds, name: str, background, repeat: int) -> None:
    print(f"small people on a {name} (found: box IoU >= 0.5; covered: >= 80% of reference pixels masked)")
    print(f"{'photo':>10} {'height':>7} {'found':>7} {'covered':>8} {'extra':>6} {'false':>6} {'s/photo':>8}")
    totals = np.zeros(5)
    for width, height in SIZES:
        for fraction, count in FRACTIONS:
            row, times = np.zeros(5), []
            for seed in seeds:
                rgb, boxes, truth = small_scene(
                    width, height, fraction, count, portraits, refs, seed, background
                )
                for _ in range(repeat):
                    t = time.perf_counter()
                    people = finder.set_image(rgb)
                    times.append(time.perf_counter() - t)
                row += (*score_people(people, boxes, truth, iou), len(boxes))
            totals += row
            found, covered, extra, false, n = (int(v) for v in row)
            print(
                f"{width:>5}x{height:<4} {'1/' + str(fraction):>7} {found:>3}/{n:<3} {covered:>4}/{n:<3} "
                f"{extra:>6} {false:>6} {statistics.median(times):8.2f}"
            )
    found, covered, extra, false, n = (int(v) for v in totals)
    print(f"small people, {name}: found {found}/{n}, covered {covered}/{n}, extra {extra}, false {false}")


def border_case(src: np.ndarray, gt, ref: np.ndarray, side: str, width=2048, height=1536, cut=0.2):
    """The portrait at 0.6 of the photo's height pushed ``cut`` of its person box over ``side``.
    Returns (HxWx3 uint8 photo, HxW bool reference pixels of the person in it)."""
    ph = int(0.6 * height)
    s = ph / src.shape[0]
    pw = round(src.shape[1] * s)
    img, mask = _resize(src, pw, ph), _resize(ref, pw, ph, nearest=True)
    bw, bh = (gt[2] - gt[0]) * s, (gt[3] - gt[1]) * s
    x_in, y_in = (width - pw) // 2, (height - ph) // 2
    x, y = x_in, y_in
    if side == "left":
        x = -int(gt[0] * s + cut * bw)
    elif side == "right":
        x = width - int(gt[2] * s - cut * bw)
    elif side == "top":
        y = -int(gt[1] * s + cut * bh)
    else:
        y = height - int(gt[3] * s - cut * bh)
    photo, truth = backdrop(width, height), np.zeros((height, width), bool)
    x0, y0, x1, y1 = max(0, x), max(0, y), min(width, x + pw), min(height, y + ph)
    photo[y0:y1, x0:x1] = img[y0 - y : y1 - y, x0 - x : x1 - x]
    truth[y0:y1, x0:x1] = mask[y0 - y : y1 - y, x0 - x : x1 - x]
    return photo, truth


def run_border(finder, portraits) -> None:
    refs = reference_masks(finder, portraits)
    names = ["astronaut", "grace", "cameraman", "astronaut mirrored"]
    print("border: share of the reference person pixels the masks miss (all / strip at the border)")
    all_missed = all_total = strip_missed = strip_total = extra = 0
    for (src, gt), ref, name in zip(portraits, refs, names, strict=True):
        cells = []
        for side in ("left", "right", "top", "bottom"):
            photo, truth = border_case(src, gt, ref, side)
            people = finder.set_image(photo)
            extra += max(0, len(people) - 1)
            union = np.logical_or.reduce([p.mask for p in people]) if people else np.zeros_like(truth)
            strip = np.zeros_like(truth)
            k = max(1, int(0.01 * max(truth.shape)))
            {"left": strip[:, :k], "right": strip[:, -k:], "top": strip[:k], "bottom": strip[-k:]}[side][
                ...
            ] = True
            missed, total = int((truth & ~union).sum()), int(truth.sum())
            s_missed, s_total = int((truth & strip & ~union).sum()), int((truth & strip).sum())
            all_missed, all_total = all_missed + missed, all_total + total
            strip_missed, strip_total = strip_missed + s_missed, strip_total + s_total
            cells.append(f"{side} {missed / max(1, total):.1%}/{s_missed / max(1, s_total):.1%}")
        print(f"  {name:>18}: " + ", ".join(cells))
    print(
        f"border: masks miss {all_missed / max(1, all_total):.2%} of the people's pixels, "
        f"{strip_missed / max(1, strip_total):.2%} of those at the cutting border; {extra} extra people"
    )


def no_people_photos() -> list[tuple[str, np.ndarray]]:
    """skimage's photos without people (HxWx3 uint8), a grey photo, and four 12 MP mosaics of them."""
    import skimage.data

    names = [
        "brick", "cat", "cell", "checkerboard", "chelsea", "clock", "coffee", "coins", "colorwheel",
        "grass", "gravel", "horse", "hubble_deep_field", "immunohistochemistry", "logo",
        "microaneurysms", "moon", "page", "retina", "rocket", "shepp_logan_phantom",
        "stereo_motorcycle", "text",
    ]  # fmt: skip
    photos = []
    for name in names:
        img = getattr(skimage.data, name)()
        img = img[0] if isinstance(img, tuple) else img
        img = np.asarray(img)
        if img.dtype != np.uint8:
            img = (255 * (img.astype(np.float64) / max(1e-9, float(img.max())))).astype(np.uint8)
        img = np.repeat(img[:, :, None], 3, axis=2) if img.ndim == 2 else img[:, :, :3]
        photos.append((name, np.ascontiguousarray(img)))
    photos.append(("grey", np.full((480, 640, 3), 128, np.uint8)))
    for m, grid in enumerate((4, 4, 8, 8)):  # 4x4 photos of 1000x750, then 8x8 of 500x375
        mosaic = np.zeros((3000, 4000, 3), np.uint8)
        tw, th = 4000 // grid, 3000 // grid
        for k in range(grid * grid):
            img = photos[(k + 16 * m) % len(names)][1]
            r, c = divmod(k, grid)
            mosaic[r * th : (r + 1) * th, c * tw : (c + 1) * tw] = _resize(img, tw, th)
        photos.append((f"12 MP mosaic {m + 1}", mosaic))
    return photos


def run_no_people(finder) -> None:
    total, where = 0, []
    photos = no_people_photos()
    for name, rgb in photos:
        people = finder.set_image(rgb)
        total += len(people)
        if people:
            where.append(f"{name}: {len(people)}")
    print(
        f"no-people photos: {total} false people on {len(photos)} photos "
        + (f"({', '.join(where)})" if where else "")
    )
