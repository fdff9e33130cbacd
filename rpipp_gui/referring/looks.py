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
- pose: pointing, arms_raised, hand_to_face, holding, sitting, walking, bending, kicking: keypoints;
- worn: things worn or carried (cowboy hat, helmet, suit, ...): the picture classifier on the box
  (``worn``), each value's summed ImageNet probability;
- focus: blurry / sharp, against the sharpest person of the photo (``focus``).

Guessed gender and age never leave this module as labels: the resolver asks how well they fit the
user's own word and words the answer as a match.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from rpipp_gui.people.person import Person
from rpipp_gui.referring import colors, colour_names
from rpipp_gui.referring.colors import HAND_POINTS
from rpipp_gui.referring.face_attributes import FaceReading, face_reader
from rpipp_gui.referring.looks_options import LOOKS_OPTIONS, WORN_FIT_OPTIONS, LooksOptions
from rpipp_gui.referring.pose_words import point, pose_words
from rpipp_gui.referring.stripes import stripe_reading
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


ATTRIBUTES = ("gender", "age", "view", "hair", "eyewear", "facial_hair", "pattern", "pose", "worn", "focus")


class PhotoLooks:
    """The attributes of the people in one photo, computed on first request and kept."""

    def __init__(self, image: np.ndarray | None, people: list[Person], options: LooksOptions = LOOKS_OPTIONS):
        self.image = image
        self.people = list(people)
        self.options = options
        self.worn_options = WORN_FIT_OPTIONS
        self._faces: dict[int, FaceReading | None] = {}
        self._values: dict[tuple[int, str], Guess] = {}
        self._keypoints: dict[int, np.ndarray | None] = {}
        self._blurry: list[float | None] | None = None
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
        if face is None or not face.genders_agree:  # unread, or the two networks disagree
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
            "young": float(face.age_p[years < o.young_years].sum()),
        }
        best = max(("child", "teen", "adult"), key=groups.get)
        return Guess(best, groups[best], tuple(groups.items()))

    def _view(self, i: int) -> Guess:
        return read_view(self.view_evidence(i))

    def view_evidence(self, i: int) -> ViewEvidence:
        """What person i's view is read from (``view.view_evidence``): face, head colours, shoulders."""
        return view_evidence(self.image, self.people[i], self.face(i), self.keypoints(i))

    def _hair(self, i: int) -> Guess:
        face = self.face(i)
        # the finder's joints only: pose run later for another word must not change a hair read
        hand = _hand_on_head(self.people[i].keypoints, face, self.options)
        guess = _hair_guess(self.image, self.people[i], face, self.options, hand)
        age = self.get(i, "age")  # the face is read once for both
        return _grey_may_be_blonde(guess, age.fit("old") if age.known else None, self.options)

    def _eyewear(self, i: int) -> Guess:
        return self._on_face_chip(i, _eyewear_guess)

    def _facial_hair(self, i: int) -> Guess:
        return self._on_face_chip(i, _facial_hair_guess)

    def _on_face_chip(self, i: int, read) -> Guess:
        """``read(chip, options)`` on person i's 64x64 aligned face chip; unknown where the face is
        too small or turned for the face networks (no gender read): eyes and chin cannot be read."""
        face = self.face(i)
        if face is None or face.p_female is None:
            return Guess(UNKNOWN)
        chip = face_reader().chip(self.image, face.landmarks, _EYEWEAR_CHIP, self.options.eyewear_padding)
        return read(chip, self.options)

    def _pattern(self, i: int) -> Guess:
        return _pattern_guess(self.image, self.people[i], self.options)

    def _worn(self, i: int) -> Guess:
        """Each worn value's summed ImageNet probability on person i's box (``WornFitOptions``);
        unknown on a box too small to read."""
        from rpipp_gui.referring.worn import worn_reader

        person, o = self.people[i], self.worn_options
        x0, y0, x1, y1 = person.box
        if min(x1 - x0, y1 - y0) < o.min_px:
            return Guess(UNKNOWN)
        p = worn_reader().probabilities(self.image, person.box)
        sums = {value: float(p[list(idx)].sum()) for value, idx in o.classes}
        best = max(sums, key=sums.get)
        return Guess(best, sums[best], tuple(sums.items()))

    def _focus(self, i: int) -> Guess:
        """Blurry or sharp against the sharpest person of the photo (``focus.blurry_fits``, read
        once for everyone); unknown where it cannot be read, and with fewer than two people."""
        from rpipp_gui.referring.focus import blurry_fits

        with self._lock:
            if self._blurry is None:
                self._blurry = blurry_fits(self.image, self.people)
            fit = self._blurry[i]
        if fit is None:
            return Guess(UNKNOWN)
        value = "blurry" if fit >= 0.5 else "sharp"
        return Guess(value, max(fit, 1 - fit), (("blurry", fit), ("sharp", 1 - fit)))

    def _pose(self, i: int) -> Guess:
        kp = self.keypoints(i)
        if kp is None:
            return Guess(UNKNOWN)
        fits = pose_words(kp, self.options)
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
                self._keypoints[i] = _pose_on_box(self.image, p, self.options)
            return self._keypoints[i]


def _pose_on_box(image: np.ndarray, person: Person, o: LooksOptions) -> np.ndarray | None:
    if person.height < o.pose_min_px:
        return None
    from rpipp_gui.people.mp_models import MediaPipeModels, quiet_native_stderr

    h, w = image.shape[:2]
    x0, y0, x1, y1 = person.box
    mx, my = o.pose_margin[0] * person.width, o.pose_margin[1] * person.height
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


# -- hair -----------------------------------------------------------------------------------------
def _head_pixels(
    image: np.ndarray, person: Person, face: FaceReading | None, o: LooksOptions
) -> tuple[np.ndarray, np.ndarray]:
    """(top-of-head pixels Nx3, beside-the-face-below-the-eyes pixels Mx3), mask pixels only."""
    h, w = image.shape[:2]
    has_mask = person.mask is not None and person.mask.shape == (h, w)
    if face is not None:
        fx0, fy0, fx1, fy1 = face.box
        fw, fh = fx1 - fx0, fy1 - fy0
        inset, above, below = o.hair_top_face
        out, down = o.hair_side_face
        top = (fx0 + inset * fw, fy0 - above * fh, fx1 - inset * fw, fy0 + below * fh)
        side = (fx0 - out * fw, fy0 + down * fh, fx1 + out * fw, fy1 + down * fh)
    else:
        x0, y0, x1, y1 = person.box
        bw, bh = x1 - x0, y1 - y0
        head = min(bh * o.head_share[0], bw * o.head_share[1])
        cx = (x0 + x1) / 2
        half, depth = o.hair_top_box
        s_half, s_top, s_bottom = o.hair_side_box
        top = (cx - half * head, y0, cx + half * head, y0 + depth * head)
        side = (cx - s_half * head, y0 + s_top * head, cx + s_half * head, y0 + s_bottom * head)

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


def _skin(pixels: np.ndarray, o: LooksOptions = LOOKS_OPTIONS) -> np.ndarray:
    """Bool per pixel: skin-like (reddish, moderately saturated, not dark; ``LooksOptions.skin``)."""
    x = pixels.astype(np.float32)
    r, g, b = x[:, 0], x[:, 1], x[:, 2]
    lit, redder, green, rb_low, rb_high, g_low = o.skin
    return (r > lit) & (r > g + redder) & (g > b - green) & (r - b > rb_low) & (r - b < rb_high) & (g > g_low)


def _face_colour(image: np.ndarray, face: FaceReading | None, o: LooksOptions) -> np.ndarray | None:
    """(3,) float32 median RGB of the read face's box less ``scalp_face`` each side, or None."""
    if face is None:
        return None
    return colors.inset_median(image, face.box, o.scalp_face)


def _face_skin_like(top: np.ndarray, skin: np.ndarray | None, o: LooksOptions) -> np.ndarray:
    """Bool per top-of-head pixel (Nx3 uint8): the face's own skin colour (``scalp_match``); all
    True without a face colour (the fixed skin rule alone decides)."""
    if skin is None or not len(top):
        return np.ones(len(top), bool)
    tol, lo, hi = o.scalp_match
    return colors.near_colour(top, skin, tol, (lo, hi))


def _scalp_shine(image: np.ndarray, top: np.ndarray, face: FaceReading | None, o: LooksOptions) -> np.ndarray:
    """Bool per top-of-head pixel (Nx3 uint8): a lit, washed-out copy of the face's skin (a bald
    scalp in daylight), see ``LooksOptions.scalp_shine``. All False without a read face."""
    skin = _face_colour(image, face, o) if len(top) else None
    if skin is None:
        return np.zeros(len(top), bool)
    x = top.astype(np.float32)
    r, g, b = x[:, 0], x[:, 1], x[:, 2]
    darker, warm, paler = o.scalp_shine
    lit = x.mean(axis=1) >= skin.mean() - darker
    # warmth as a share of red, which light and shade scale alike: a lit scalp keeps about the
    # face's, white or gray hair under warm light far less; only a highlight near white, or a
    # head too small to tell hair from scalp, is washed out to it (``scalp_tint``)
    tint, face_tint = (r - b) / np.maximum(r, 1.0), (skin[0] - skin[2]) / max(float(skin[0]), 1.0)
    floor, highlight, min_px = o.scalp_tint
    hue = tint <= face_tint + paler
    if face.box[3] - face.box[1] >= min_px:
        hue &= (tint >= floor * face_tint) | (x.mean(axis=1) >= highlight)
    return lit & (r >= g) & (g >= b) & (r - b >= warm) & hue


def _hand_on_head(kp: np.ndarray | None, face: FaceReading | None, o: LooksOptions) -> bool:
    """A hand lies over the top of the head (``LooksOptions.hand_on_head``): kp 33x3 pose keypoints
    or None, face the read face or None (without a face this is not checked)."""
    if kp is None or face is None:
        return False
    vis, side, reach = o.hand_on_head
    fx0, fy0, fx1, fy1 = face.box
    fw, fh = fx1 - fx0, fy1 - fy0
    above = o.hair_top_face[1]
    x0, x1, y0, y1 = fx0 - side * fw, fx1 + side * fw, fy0 - above * fh, fy0 + reach * fh
    points = (point(np.asarray(kp, dtype=np.float64), k, vis) for k in HAND_POINTS)
    return any(p is not None and x0 <= p[0] <= x1 and y0 <= p[1] <= y1 for p in points)


def _hair_guess(
    image: np.ndarray, person: Person, face: FaceReading | None, o: LooksOptions, hand: bool = False
) -> Guess:
    """Hair colour, bald, long / short of one person. hand: a hand lies over the head
    (``_hand_on_head``): its skin cannot be told from a scalp, so bald reads 0 and the colours are
    read on the pixels that are not skin."""
    share = o.head_share
    head = (
        (face.box[3] - face.box[1])
        if face is not None
        else min(person.height * share[0], person.width * share[1])
    )
    if head < o.min_head_px:  # a head of a few pixels: skin, hair and background blur together
        return Guess(UNKNOWN)
    top, side = _head_pixels(image, person, face, o)
    if len(top) < o.hair_min_px:
        return Guess(UNKNOWN)
    skin_px = (_skin(top, o) & _face_skin_like(top, _face_colour(image, face, o), o)) | _scalp_shine(
        image, top, face, o
    )
    skin = float(np.mean(skin_px))
    hair_px = top[~skin_px] if (~skin_px).sum() >= o.hair_min_bare else top
    names = np.array(colour_names.COLOUR_NAMES)[colour_names.name_colours(hair_px)]
    share = {n: float(np.mean(names == n)) for n in set(names.tolist())}
    if sum(share.get(n, 0.0) for n in ("green", "blue", "purple")) > o.not_hair:
        return Guess(UNKNOWN)  # grass, sky or a bag behind the head: not hair to read
    # blonde is light: yellow or orange pixels darker than ``dark_yellow`` are an olive or brown
    # cast of dark hair, not blonde (held-out vtest_0300: a dark head read 0.74 blonde from them)
    lit = hair_px.astype(np.float32).mean(axis=1) >= o.dark_yellow
    warm = {n: float(np.mean((names == n) & lit)) for n in ("yellow", "orange")}
    light = float(hair_px.astype(np.float32).mean()) > o.light_hair
    # colours are read on the pixels that are not skin, weighed by how many there are (all of them
    # when the skin is a hand's)
    hairy = 1.0 if hand else 1 - skin
    if hand:
        bald = 0.0
    elif face is not None:
        bald = float(np.clip((skin - o.bald[0]) / o.bald[1], 0, 1))
    else:
        bald = o.bald_no_face * skin
    fits = {
        "bald": bald,
        "blonde": hairy
        * float(
            np.clip(
                (warm["yellow"] + warm["orange"] + o.blonde[0] * share.get("brown", 0) * light) / o.blonde[1],
                0,
                1,
            )
        ),
        "dark": hairy
        * float(np.clip((share.get("black", 0) + o.dark[0] * share.get("brown", 0)) / o.dark[1], 0, 1)),
        "gray": hairy
        * float(np.clip((share.get("gray", 0) + share.get("white", 0) - o.gray[0]) / o.gray[1], 0, 1)),
        "red": hairy * float(np.clip(share.get("red", 0) / o.red, 0, 1)),
    }
    # pale golden hair passes for lit skin: a head read as bald may be blonde
    fits["blonde"] = max(fits["blonde"], o.blonde_as_bald * fits["bald"])
    if len(side):
        top_mean = top.astype(np.float32).mean(axis=0)
        close = np.linalg.norm(side.astype(np.float32) - top_mean, axis=1) < o.long_colour
        long_share = float(np.mean(close & ~_skin(side, o)))
        fits["long"] = float(np.clip((long_share - o.long_share[0]) / o.long_share[1], 0, 1)) * (
            1 - fits["bald"]
        )
        fits["short"] = 1 - fits["long"]
    best = max(("bald", "blonde", "dark", "gray", "red"), key=fits.get)
    return Guess(best, fits[best], tuple(fits.items()))


def _grey_may_be_blonde(guess: Guess, p_old: float | None, o: LooksOptions) -> Guess:
    """A hair reading whose blonde fit is dropped (unjudged) where the hair reads grey, too little
    blonde to be one, on a face read young (``LooksOptions.gray_as_blonde``): light, untinted hair
    is platinum blonde on a young face, grey on an old one, and the colours alone cannot deny
    blonde. ``p_old``: the face's probability of being old, None when no age is read (nothing
    changes). The value and every other fit stay."""
    fits = dict(guess.scores)
    if "gray" not in fits or "blonde" not in fits:
        return guess
    floor, old, denies = o.gray_as_blonde
    if p_old is None or p_old >= old or fits["gray"] < floor or fits["blonde"] >= denies:
        return guess
    return Guess(guess.value, guess.confidence, tuple((k, v) for k, v in guess.scores if k != "blonde"))


# -- eyewear --------------------------------------------------------------------------------------
_EYEWEAR_CHIP = 64  # the eyewear bands are given in pixels of a chip this wide (the face networks' chip)


def _eyewear_guess(chip: np.ndarray, o: LooksOptions = LOOKS_OPTIONS) -> Guess:
    """From a 64x64 aligned face chip: sunglasses darken the eye band against the cheeks; glasses
    draw strong horizontal edges (frames) across it and over the nose bridge."""
    g = chip.astype(np.float32).mean(axis=2)
    s = chip.shape[0] / _EYEWEAR_CHIP
    eyes, cheeks, bridge = (
        g[int(t * s) : int(b * s), int(left * s) : int(r * s)]
        for t, b, left, r in (o.eye_band, o.cheek_band, o.bridge_band)
    )
    dark = float(np.clip((cheeks.mean() - eyes.mean() - o.sunglasses[0]) / o.sunglasses[1], 0, 1))
    edges = float(np.abs(np.diff(bridge, axis=0)).mean())
    framed = float(np.clip((edges - o.frames[0]) / o.frames[1], 0, 1))
    fits = {"sunglasses": dark, "glasses": max(dark, framed), "none": 1 - max(dark, framed)}
    best = max(fits, key=fits.get)
    return Guess(best, 0.5 + 0.5 * abs(fits["glasses"] - 0.5), tuple(fits.items()))


def _facial_hair_guess(chip: np.ndarray, o: LooksOptions = LOOKS_OPTIONS) -> Guess:
    """From the 64x64 aligned face chip of the eyewear reading: a beard or moustache darkens the
    upper lip and the jaw against the cheeks; the fit of "beard" ramps the lesser of the two
    darkenings (CIELAB lightness, 0..255), so a dark mouth (lipstick) or a dark scarf under the
    jaw alone does not read as a beard."""
    import cv2

    light = cv2.cvtColor(chip, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    s = chip.shape[0] / _EYEWEAR_CHIP

    def mean(bands):
        return float(
            np.concatenate(
                [light[int(t * s) : int(b * s), int(lf * s) : int(r * s)].ravel() for t, b, lf, r in bands]
            ).mean()
        )

    cheeks = mean(o.beard_cheeks)
    dark = min(cheeks - mean((o.beard_lip,)), cheeks - mean(o.beard_jaw))
    fit = float(np.clip((dark - o.beard[0]) / o.beard[1], 0, 1))
    return Guess("beard" if fit >= 0.5 else "none", max(fit, 1 - fit), (("beard", fit), ("none", 1 - fit)))


# -- clothing pattern -----------------------------------------------------------------------------
def _pattern_guess(image: np.ndarray, person: Person, o: LooksOptions) -> Guess:
    """Plain / striped / patterned from the upper body's colour texture: striped from bands that
    cross the torso and repeat (``stripes.stripe_reading`` on the person's mask); patterned from the
    contrast left after a blur at the scale of the region (busy clothing keeps much), less where the
    colour gradients run one way (coherence) or the bands read as stripes."""
    import cv2

    (ua, ub), _ = colors.body_bands(person)
    h, w = image.shape[:2]
    x0, _, x1, _ = person.box
    cw = x1 - x0
    ya, yb = int(max(0, ua)), int(min(h, ub))
    xa, xb = int(max(0, x0 + o.pattern_inset * cw)), int(min(w, x1 - o.pattern_inset * cw))
    if yb - ya < o.pattern_min_px or xb - xa < o.pattern_aspect * o.pattern_min_px:
        return Guess(UNKNOWN)
    crop = image[ya:yb, xa:xb].astype(np.float32)
    sigma = max(1.0, (yb - ya) / o.blur_rows)
    contrast = np.linalg.norm(crop - cv2.GaussianBlur(crop, (0, 0), sigma), axis=2)
    cloth = _cloth_pixels(image, person, (ya, yb, xa, xb), sigma, o)
    smooth = cv2.GaussianBlur(crop, (0, 0), max(o.smooth[0], sigma / o.smooth[1]))
    gx = np.stack([cv2.Sobel(smooth[..., c], cv2.CV_32F, 1, 0) for c in range(3)])
    gy = np.stack([cv2.Sobel(smooth[..., c], cv2.CV_32F, 0, 1) for c in range(3)])
    jxx, jyy, jxy = float((gx * gx).sum()), float((gy * gy).sum()), float((gx * gy).sum())
    coherence = np.sqrt((jxx - jyy) ** 2 + 4 * jxy**2) / max(jxx + jyy, 1e-6)
    texture = float(contrast[cloth].mean()) if cloth is not None else float(contrast.mean())
    busy = float(np.clip((texture - o.texture_plain) / o.texture_plain, 0, 1))
    lined = float(np.clip((coherence - o.stripe_coherence) / o.stripe_ramp, 0, 1))
    reading = stripe_reading(image, person.mask, person.box, (ua, ub), o.stripes)
    striped = 0.0 if reading is None else reading.fit(o.stripes)
    fits = {
        "plain": (1 - busy) * (1 - striped),
        "striped": striped,
        "patterned": busy * (1 - 0.5 * lined) * (1 - striped),
    }
    best = max(fits, key=fits.get)
    if striped == 0 and busy >= o.stripes_unread_busy:
        del fits["striped"]  # busy clothing without bands read: stripes unseen, not ruled out
    return Guess(best, fits[best], tuple(fits.items()))


def _cloth_pixels(
    image: np.ndarray, person: Person, region: tuple[int, int, int, int], sigma: float, o: LooksOptions
) -> np.ndarray | None:
    """Bool mask of the region (ya, yb, xa, xb) that is the person's clothing: inside the person's
    mask away from its edge, and away from bare skin of the face's colour; None without a mask or
    when too little is left (``LooksOptions.pattern_cloth``)."""
    import cv2

    h, w = image.shape[:2]
    if person.mask is None or person.mask.shape != (h, w):
        return None
    ya, yb, xa, xb = region
    reach, keep = o.pattern_cloth
    k = 2 * int(np.ceil(reach * sigma)) + 1
    kernel = np.ones((k, k), np.uint8)
    inside = cv2.erode(person.mask[ya:yb, xa:xb].astype(np.uint8), kernel).astype(bool)
    skin = colors.face_skin(image, person)
    if skin is not None:
        bare = colors.skin_pixels(image[ya:yb, xa:xb].reshape(-1, 3), skin).reshape(inside.shape)
        inside &= ~cv2.dilate(bare.astype(np.uint8), kernel).astype(bool)
    return inside if inside.mean() >= keep else None


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
