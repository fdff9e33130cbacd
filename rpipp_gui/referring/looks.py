"""How each person looks, read once per photo and kept: each attribute is a ``Guess`` with a
confidence, or "unknown" when it cannot be seen.

    looks = photo_looks(image, people)          # cached for this (image, people)
    looks.get(i, "gender")  -> Guess("female", 0.93)   # only for matching the user's words
    looks.get(i, "view")    -> Guess("back", 0.7)
    looks.fit(i, "hair", "blonde") -> 0.0..1.0, or None when unknown

Attributes (computed lazily, the first time a sentence asks about them):
- gender, age: from the face (``face_attributes``), only when the face is large and frontal enough;
- view: front / profile / back, from the face on the head, the head's skin and the shoulders (``view``);
- hair: bald, blonde, dark, gray, red; long / short: colours of the top of the head region;
- eyewear: glasses / sunglasses / none: dark or edged eye band of the aligned face;
- pattern: plain / striped / patterned: texture of the upper-body clothing;
- pose: pointing, arms_raised, hand_to_face, holding, sitting, walking, bending, kicking: keypoints.

Guessed gender and age never leave this module as labels: the resolver asks how well they fit the
user's own word and words the answer as a match.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from rpipp_gui.people.person import Person
from rpipp_gui.referring import colors
from rpipp_gui.referring.face_attributes import FaceReading, face_reader
from rpipp_gui.referring.view import ViewEvidence, read_view, view_evidence

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Guess:
    """One attribute of one person: ``value`` (or "unknown") and a confidence 0..1."""

    value: str
    confidence: float = 0.0
    scores: tuple[tuple[str, float], ...] = ()  # every value's fit, when there are several

    @property
    def known(self) -> bool:
        return self.value != UNKNOWN

    def fit(self, value: str) -> float | None:
        """How well ``value`` fits, 0..1; None when the attribute is unknown."""
        if not self.known:
            return None
        if not self.scores:
            return self.confidence if value == self.value else 1.0 - self.confidence
        table = dict(self.scores)
        return float(table[value]) if value in table else None  # not read (joints unseen)


@dataclass(frozen=True)
class LooksOptions:
    """Tuned numbers of the attribute reading (dev photos and the synthetic test figures).

    min_head_px:     a head shorter than this (pixels) is too small to read its hair (bald / blonde).
    child_years / teen_years / old_years: age-group boundaries on the age network's expected age.
    pattern_min_px:  an upper body shorter than this (pixels) is too small to read its pattern.
    stripe_coherence: colour-gradient coherence of the upper body from which it reads as striped.
    texture_plain:   mean contrast left after a blur (0..255 units) up to which clothing is plain;
                     at twice this it is fully busy (dev photos: T-shirt 18, Hawaiian shirt 34).
    """

    min_head_px: float = 12.0
    child_years: float = 13.0
    teen_years: float = 20.0
    old_years: float = 58.0
    pattern_min_px: float = 20.0
    stripe_coherence: float = 0.3
    texture_plain: float = 15.0


LOOKS_OPTIONS = LooksOptions()
ATTRIBUTES = ("gender", "age", "view", "hair", "eyewear", "pattern", "pose")


class PhotoLooks:
    """The attributes of the people in one photo, computed on first request and kept."""

    def __init__(self, image: np.ndarray | None, people: list[Person], options: LooksOptions = LOOKS_OPTIONS):
        self.image = image
        self.people = list(people)
        self.options = options
        self._faces: dict[int, FaceReading | None] = {}
        self._values: dict[tuple[int, str], Guess] = {}
        self._keypoints: dict[int, np.ndarray | None] = {}
        self._lock = threading.RLock()

    def get(self, i: int, attribute: str) -> Guess:
        """The Guess for person i's ``attribute`` (one of ATTRIBUTES; "pose" gives the best word)."""
        with self._lock:
            key = (i, attribute)
            if key not in self._values:
                self._values[key] = self._compute(i, attribute)
            return self._values[key]

    def fit(self, i: int, attribute: str, value: str) -> float | None:
        """How well person i shows ``value`` of ``attribute``, 0..1, or None when unknown."""
        return self.get(i, attribute).fit(value)

    # -- per attribute ---------------------------------------------------------------------------
    def _compute(self, i: int, attribute: str) -> Guess:
        if self.image is None:
            return Guess(UNKNOWN)
        try:
            return getattr(self, f"_{attribute}")(i)
        except Exception:  # a model that cannot run leaves the attribute unknown, never a guess
            return Guess(UNKNOWN)

    def face(self, i: int) -> FaceReading | None:
        with self._lock:
            if i not in self._faces:
                self._faces[i] = face_reader().read(self.image, self.people[i])
            return self._faces[i]

    def _gender(self, i: int) -> Guess:
        face = self.face(i)
        if face is None or face.p_female is None:
            return Guess(UNKNOWN)
        pf = face.p_female
        value = "female" if pf >= 0.5 else "male"
        return Guess(value, max(pf, 1 - pf), (("female", pf), ("male", 1 - pf)))

    def _age(self, i: int) -> Guess:
        face = self.face(i)
        if face is None or face.age_p is None:
            return Guess(UNKNOWN)
        o = self.options
        years = np.array([0.25, *range(1, 81)])
        groups = {
            "child": float(face.age_p[years < o.child_years].sum()),
            "teen": float(face.age_p[(years >= o.child_years) & (years < o.teen_years)].sum()),
            "adult": float(face.age_p[years >= o.teen_years].sum()),
            "old": float(face.age_p[years >= o.old_years].sum()),
            "young": float(face.age_p[years < 30].sum()),
        }
        best = max(("child", "teen", "adult"), key=groups.get)
        return Guess(best, groups[best], tuple(groups.items()))

    def _view(self, i: int) -> Guess:
        return read_view(self.view_evidence(i))

    def view_evidence(self, i: int) -> ViewEvidence:
        """What person i's view is read from (``view.view_evidence``): face, head colours, shoulders."""
        return view_evidence(self.image, self.people[i], self.face(i), self.keypoints(i))

    def _hair(self, i: int) -> Guess:
        return _hair_guess(self.image, self.people[i], self.face(i), self.options)

    def _eyewear(self, i: int) -> Guess:
        face = self.face(i)
        if face is None or face.p_female is None:  # too small or turned: the eyes cannot be read
            return Guess(UNKNOWN)
        chip = face_reader().chip(self.image, face.landmarks, 64)
        return _eyewear_guess(chip)

    def _pattern(self, i: int) -> Guess:
        return _pattern_guess(self.image, self.people[i], self.options)

    def _pose(self, i: int) -> Guess:
        kp = self.keypoints(i)
        if kp is None:
            return Guess(UNKNOWN)
        fits = pose_words(kp)
        if not fits:
            return Guess(UNKNOWN)
        best = max(fits, key=fits.get)
        return Guess(best, fits[best], tuple(fits.items()))

    def keypoints(self, i: int, run_pose: bool = True) -> np.ndarray | None:
        """33x3 pose keypoints of person i: the finder's, else MediaPipe Pose run once on the
        person's box (people found by a body detector come without them); None when not seen."""
        p = self.people[i]
        if p.keypoints is not None:
            return np.asarray(p.keypoints, dtype=np.float64)
        if not run_pose:
            return self._keypoints.get(i)
        with self._lock:
            if i not in self._keypoints:
                self._keypoints[i] = _pose_on_box(self.image, p)
            return self._keypoints[i]


def _pose_on_box(image: np.ndarray, person: Person) -> np.ndarray | None:
    if person.height < 48:
        return None
    from rpipp_gui.people.mp_models import MediaPipeModels, quiet_native_stderr

    h, w = image.shape[:2]
    x0, y0, x1, y1 = person.box
    mx, my = 0.15 * person.width, 0.08 * person.height
    xa, ya = max(0, int(x0 - mx)), max(0, int(y0 - my))
    xb, yb = min(w, int(x1 + mx)), min(h, int(y1 + my))
    crop = np.ascontiguousarray(image[ya:yb, xa:xb])
    global _POSE
    if _POSE is None:
        _POSE = MediaPipeModels()
    with quiet_native_stderr():
        found = _POSE.pose(crop)
    if found is None:
        return None
    kp = found.keypoints.astype(np.float64)
    kp[:, 0] += xa
    kp[:, 1] += ya
    return kp


_POSE = None

# MediaPipe Pose indices.
NOSE, L_SH, R_SH, L_EL, R_EL, L_WR, R_WR, L_HIP, R_HIP, L_KN, R_KN, L_AN, R_AN = (
    0, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28,
)  # fmt: skip


def _pt(kp: np.ndarray, i: int, vis: float = 0.5) -> np.ndarray | None:
    if kp is None or len(kp) <= i or (kp.shape[1] > 2 and kp[i, 2] < vis):
        return None
    return kp[i, :2]


def pose_words(kp: np.ndarray) -> dict[str, float]:  # noqa: C901 - one rule per word
    """Fit 0..1 of each pose word from 33x3 keypoints (photo pixels, MediaPipe order): pointing,
    arms_raised, hand_to_face, holding, sitting, standing, walking, bending, kicking. Words whose
    joints are not seen are left out."""
    ls, rs, lh, rh = _pt(kp, L_SH), _pt(kp, R_SH), _pt(kp, L_HIP), _pt(kp, R_HIP)
    if ls is None or rs is None:
        return {}
    sh = (ls + rs) / 2
    hip = (lh + rh) / 2 if lh is not None and rh is not None else None
    torso = float(np.hypot(*(hip - sh))) if hip is not None else 2.0 * float(np.hypot(*(ls - rs)))
    torso = max(torso, 1.0)
    out: dict[str, float] = {}
    wrists = [(_pt(kp, L_WR), _pt(kp, L_EL), ls), (_pt(kp, R_WR), _pt(kp, R_EL), rs)]
    raised, pointing = [], []
    for wr, el, s in wrists:
        if wr is None:
            continue
        raised.append(float(np.clip((s[1] - wr[1]) / (0.3 * torso), 0, 1)))
        reach = float(np.hypot(*(wr - s))) / torso
        side = abs(wr[0] - s[0]) / torso
        straight = 1.0
        if el is not None:
            a, b = el - s, wr - el
            straight = float(np.clip(np.dot(a, b) / max(np.linalg.norm(a) * np.linalg.norm(b), 1e-6), 0, 1))
        level = float(np.clip(1 - abs(wr[1] - s[1]) / (0.8 * torso), 0, 1))
        pointing.append(
            float(np.clip((reach - 0.6) / 0.4, 0, 1) * np.clip(side / 0.6, 0, 1) * straight * level)
        )
    if raised:
        out["arms_raised"] = max(raised)
    if pointing:
        out["pointing"] = max(pointing)
    nose = _pt(kp, NOSE)
    if nose is not None:
        near = [float(np.hypot(*(wr - nose))) / torso for wr, _, _ in wrists if wr is not None]
        if near:
            out["hand_to_face"] = float(np.clip((0.5 - min(near)) / 0.3, 0, 1))
    lw, rw = wrists[0][0], wrists[1][0]
    if lw is not None and rw is not None and hip is not None:
        together = float(np.clip((0.6 - np.hypot(*(lw - rw)) / torso) / 0.4, 0, 1))
        in_front = float(np.clip((hip[1] - max(lw[1], rw[1])) / (0.2 * torso), 0, 1))
        out["holding"] = together * in_front
    if hip is not None:
        upright = abs(hip[1] - sh[1]) / torso
        out["bending"] = float(np.clip((0.85 - upright) / 0.35, 0, 1))
        for word in ("sitting", "standing"):
            fit = colors.posture_from_keypoints(kp, word)
            if fit is not None:
                out[word] = float(fit)
        la, ra = _pt(kp, L_AN), _pt(kp, R_AN)
        if la is not None and ra is not None:
            stride = abs(la[0] - ra[0]) / torso
            out["walking"] = float(np.clip((stride - 0.15) / 0.35, 0, 1)) * out.get("standing", 1.0)
            lift = abs(la[1] - ra[1]) / torso
            out["kicking"] = float(np.clip((lift - 0.25) / 0.4, 0, 1))
    return out


# -- hair -----------------------------------------------------------------------------------------
def _head_pixels(
    image: np.ndarray, person: Person, face: FaceReading | None
) -> tuple[np.ndarray, np.ndarray]:
    """(top-of-head pixels Nx3, beside-the-face-below-the-eyes pixels Mx3), mask pixels only."""
    h, w = image.shape[:2]
    has_mask = person.mask is not None and person.mask.shape == (h, w)
    if face is not None:
        fx0, fy0, fx1, fy1 = face.box
        fw, fh = fx1 - fx0, fy1 - fy0
        top = (fx0 + 0.1 * fw, fy0 - 0.35 * fh, fx1 - 0.1 * fw, fy0 + 0.1 * fh)
        side = (fx0 - 0.45 * fw, fy0 + 0.6 * fh, fx1 + 0.45 * fw, fy1 + 0.6 * fh)
    else:
        x0, y0, x1, y1 = person.box
        bw, bh = x1 - x0, y1 - y0
        head = min(bh * 0.13, bw * 0.8)
        cx = (x0 + x1) / 2
        top = (cx - 0.35 * head, y0, cx + 0.35 * head, y0 + 0.45 * head)
        side = (cx - 0.7 * head, y0 + 0.9 * head, cx + 0.7 * head, y0 + 1.7 * head)

    def take(b):
        xa, ya = max(0, int(b[0])), max(0, int(b[1]))
        xb, yb = min(w, int(np.ceil(b[2]))), min(h, int(np.ceil(b[3])))
        if xb <= xa or yb <= ya:
            return np.zeros((0, 3), np.uint8)
        crop = image[ya:yb, xa:xb]
        if has_mask:
            m = person.mask[ya:yb, xa:xb]
            return crop[m] if m.any() else crop.reshape(-1, 3)
        return crop.reshape(-1, 3)

    return take(top), take(side)


def _skin(pixels: np.ndarray) -> np.ndarray:
    """Bool per pixel: skin-like (reddish, moderately saturated, not dark)."""
    x = pixels.astype(np.float32)
    r, g, b = x[:, 0], x[:, 1], x[:, 2]
    return (r > 80) & (r > g + 10) & (g > b - 5) & (r - b > 20) & (r - b < 140) & (g > 45)


def _hair_guess(image: np.ndarray, person: Person, face: FaceReading | None, o: LooksOptions) -> Guess:
    head = (face.box[3] - face.box[1]) if face is not None else min(person.height * 0.13, person.width * 0.8)
    if head < o.min_head_px:  # a head of a few pixels: skin, hair and background blur together
        return Guess(UNKNOWN)
    top, side = _head_pixels(image, person, face)
    if len(top) < 6:
        return Guess(UNKNOWN)
    skin_px = _skin(top)
    skin = float(np.mean(skin_px))
    hair_px = top[~skin_px] if (~skin_px).sum() >= 4 else top
    names = np.array(colors.COLOUR_NAMES)[colors.name_colours(hair_px)]
    share = {n: float(np.mean(names == n)) for n in set(names.tolist())}
    light = float(hair_px.astype(np.float32).mean()) > 110
    hairy = 1 - skin  # colours are read on the pixels that are not skin, weighed by how many there are
    fits = {
        "bald": float(np.clip((skin - 0.35) / 0.35, 0, 1)) if face is not None else 0.5 * skin,
        "blonde": hairy
        * float(
            np.clip(
                (share.get("yellow", 0) + share.get("orange", 0) + 0.5 * share.get("brown", 0) * light)
                / 0.45,
                0,
                1,
            )
        ),
        "dark": hairy * float(np.clip((share.get("black", 0) + 0.7 * share.get("brown", 0)) / 0.55, 0, 1)),
        "gray": hairy * float(np.clip((share.get("gray", 0) + share.get("white", 0) - 0.3) / 0.5, 0, 1)),
        "red": hairy * float(np.clip(share.get("red", 0) / 0.4, 0, 1)),
    }
    if len(side):
        top_mean = top.astype(np.float32).mean(axis=0)
        close = np.linalg.norm(side.astype(np.float32) - top_mean, axis=1) < 45
        long_share = float(np.mean(close & ~_skin(side)))
        fits["long"] = float(np.clip((long_share - 0.2) / 0.35, 0, 1)) * (1 - fits["bald"])
        fits["short"] = 1 - fits["long"]
    best = max(("bald", "blonde", "dark", "gray", "red"), key=fits.get)
    return Guess(best, fits[best], tuple(fits.items()))


# -- eyewear --------------------------------------------------------------------------------------
def _eyewear_guess(chip: np.ndarray) -> Guess:
    """From a 64x64 aligned face chip: sunglasses darken the eye band against the cheeks; glasses
    draw strong horizontal edges (frames) across it and over the nose bridge."""
    g = chip.astype(np.float32).mean(axis=2)
    s = chip.shape[0] / 64
    eyes = g[int(18 * s) : int(28 * s), int(10 * s) : int(54 * s)]
    cheeks = g[int(32 * s) : int(40 * s), int(12 * s) : int(52 * s)]
    bridge = g[int(16 * s) : int(26 * s), int(28 * s) : int(36 * s)]
    dark = float(np.clip((cheeks.mean() - eyes.mean() - 25) / 40, 0, 1))
    edges = float(np.abs(np.diff(bridge, axis=0)).mean())
    framed = float(np.clip((edges - 6) / 10, 0, 1))
    fits = {"sunglasses": dark, "glasses": max(dark, framed), "none": 1 - max(dark, framed)}
    best = max(fits, key=fits.get)
    return Guess(best, 0.5 + 0.5 * abs(fits["glasses"] - 0.5), tuple(fits.items()))


# -- clothing pattern -----------------------------------------------------------------------------
def _pattern_guess(image: np.ndarray, person: Person, o: LooksOptions) -> Guess:
    """Plain / striped / patterned from the upper body's colour texture: the contrast left after
    a blur at the scale of the region (busy clothing keeps much) and the coherence of the colour
    gradients (stripes run one way)."""
    import cv2

    (ua, ub), _ = colors.body_bands(person)
    h, w = image.shape[:2]
    x0, _, x1, _ = person.box
    cw = x1 - x0
    ya, yb = int(max(0, ua)), int(min(h, ub))
    xa, xb = int(max(0, x0 + 0.15 * cw)), int(min(w, x1 - 0.15 * cw))
    if yb - ya < o.pattern_min_px or xb - xa < 0.7 * o.pattern_min_px:
        return Guess(UNKNOWN)
    crop = image[ya:yb, xa:xb].astype(np.float32)
    sigma = max(1.0, (yb - ya) / 30)
    contrast = np.linalg.norm(crop - cv2.GaussianBlur(crop, (0, 0), sigma), axis=2)
    smooth = cv2.GaussianBlur(crop, (0, 0), max(0.7, sigma / 3))
    gx = np.stack([cv2.Sobel(smooth[..., c], cv2.CV_32F, 1, 0) for c in range(3)])
    gy = np.stack([cv2.Sobel(smooth[..., c], cv2.CV_32F, 0, 1) for c in range(3)])
    jxx, jyy, jxy = float((gx * gx).sum()), float((gy * gy).sum()), float((gx * gy).sum())
    coherence = np.sqrt((jxx - jyy) ** 2 + 4 * jxy**2) / max(jxx + jyy, 1e-6)
    busy = float(np.clip((contrast.mean() - o.texture_plain) / o.texture_plain, 0, 1))
    lined = float(np.clip((coherence - o.stripe_coherence) / 0.3, 0, 1))
    fits = {"plain": 1 - busy, "striped": busy * (0.5 + 0.5 * lined), "patterned": busy * (1 - 0.5 * lined)}
    best = max(fits, key=fits.get)
    return Guess(best, fits[best], tuple(fits.items()))


# -- the per-photo cache --------------------------------------------------------------------------
_CACHE: dict = {}
_CACHE_LOCK = threading.Lock()


def photo_looks(image: np.ndarray | None, people: list[Person]) -> PhotoLooks:
    """The PhotoLooks of (image, people), made once and kept for the last photo asked about (a
    sentence's anchor, exception and every later sentence on the same photo reuse it)."""
    key = (
        id(image),
        None if image is None else image.shape,
        tuple(id(p) for p in people),
        tuple(p.box for p in people),
    )
    with _CACHE_LOCK:
        if _CACHE.get("key") != key:
            _CACHE.clear()
            _CACHE.update(key=key, looks=PhotoLooks(image, people), image=image, people=list(people))
        return _CACHE["looks"]
