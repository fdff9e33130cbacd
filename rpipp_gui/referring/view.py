"""Which way a person faces: front, profile or back, from several pieces of evidence, each measured.

    evidence = view_evidence(image, person, face, keypoints)   # ViewEvidence: the numbers
    guess = read_view(evidence)                                 # looks.Guess("back", 0.7, scores)

Evidence (``benchmarks/looks_view.py`` measures the reading on the annotated real photos):
- the face found on the head (by the finder or CenterFace on the head crop, ``face_attributes``): a
  face wide enough is read by its landmarks' yaw (front / profile), as before; a small one found
  with a high score and a small yaw speaks for the front, while CenterFace also finds 4-5 px
  "faces" on the backs of heads with low scores and wild yaws;
- the colours of the head: the share of face-toned skin below the hairline (a face from the front
  fills it; the back of a head is hair; blonde hair passes a plain skin test but is yellower than
  skin: its red-green difference is a smaller share of its red-blue one), and how far the skin
  lies from the head's middle (a profile shows skin on one side);
- the shoulders of the pose keypoints: MediaPipe labels left and right as if the person faced
  the camera, so its shoulder order says little for "front", but a left shoulder seen on the
  photo's left is never a front view on the dev photos (14 of 14 fronts have it on the right).
  Its nose, eye and ear visibilities are near 1.0 on fronts and backs alike on the small people of
  the dev photos, so they are not used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rpipp_gui.people.person import Person

L_SH, R_SH, L_HIP, R_HIP = 11, 12, 23, 24  # MediaPipe Pose indices


@dataclass(frozen=True)
class ViewOptions:
    """Tuned numbers of the view reading (the dev photos ``shared/data/real_people``, measured by
    ``benchmarks/looks_view.py``; ``benchmarks/data/real_people_more`` checks they generalise).

    min_head_px:     a head shorter than this (pixels) shows too little to say which way it faces.
    big_face_px:     a face found at least this wide is read by its landmarks' yaw alone.
    head_share:      a standing person's head height as a share of the box height (vtest people:
                     10-16 px heads on 70-110 px boxes).
    fg_distance:     RGB distance from the background beside the head from which a pixel is the
                     person's (to centre the head on boxes without a mask).
    tone_hair:       mean (R-G)/(R-B) of the skin-like pixels below the hairline up to which they are
                     taken for blonde hair (vtest: blonde backs 0.46-0.51, faces 0.56-0.86) ...
    tone_span:       ... and how much more makes them a face's; the skin share is scaled between.
    yellow_max:      when more of the region than this is skin-like but taken for blonde hair, the
                     colours say nothing (a blonde head from behind, or a blonde woman's face framed
                     by her hair: vtest_0300 p6 facing the camera was read as a back).
    skin_front:      face-toned skin share below the hairline at which the colours say "front"
                     half-way (fronts 0.5-0.9, backs mostly below 0.3).
    skin_span:       ... and how much more (or less) makes it sure.
    small_face_score: a face below big_face_px found with at least this CenterFace score and a
                     yaw up to ``small_face_yaw`` speaks for the front (fronts 0.58-0.88; faces on
                     the backs of heads 0.35-0.62 with yaws mostly above 0.6).
    side_face_score: a small face with at least this score and a yaw from ``side_face_yaw`` is a
                     profile (dev + more photos: 6 of 20 profiles, 1 of 14 backs, 0 of 30 fronts).
    side_offset:     the skin's centre this far from the head's middle (in head heights) starts to
                     speak for a profile, fully at twice this, when the skin share is between
                     ``side_skin`` and ``skin_front`` (less skin is noise, more is a face).
    shoulder_dx:     shoulders this far apart (torso lengths) are read; closer they overlap.
    colour_min:      the photo's mean saturation (max-min of RGB, every ``colour_step``-th pixel)
                     below which it is grey and the colours are not read.

    Set with the reading in 9fdadb5 unless said (dev photos, benchmarks/looks_view.py):
    colour_step:     the saturation is measured on every this-th row and column (47ab855).
    head_widths:     a head is at most this many box widths high.
    beside_share:    without a mask, the background is read beside the head, this share of the box's
                     width on each side...
    beside_px:       ...and at least this many pixels.
    face_head:       a wide face found off the finder makes the head at least this many face heights.
    skin_zone:       the skin below the hairline is read in (top, bottom, half width), in head
                     heights from the head's top and centre...
    offset_zone:     ...and where it lies, in a wider zone (top, bottom, half width).
    min_zone_px:     a zone of fewer pixels than this is not read...
    min_offset_px:   ...nor the skin's offset from fewer skin pixels than this.
    shoulder_vis:    the shoulders are read when both are at least this visible...
    torso_heads:     ...over the torso, or this many head heights without hips.
    frontal_fits:    (front, profile, back) fits of a wide face read as frontal by its yaw...
    profile_fits:    ...as a profile...
    turned_fits:     ...and in between.
    grey_back_fits:  (front, profile, back) of a large head (twice ``min_head_px``) on a grey photo
                     without a face: most likely turned away.
    skin_weight:     weights of the front votes: the skin share's...
    small_face_vote: ...(vote, weight) of a small frontal face...
    shoulder_vote:   ...(vote, weight) of shoulders seen from the back.
    side_fit:        the skin's offset makes a profile fit of at most this...
    side_face_fit:   ...a small face turned aside (``side_face_score``, ``side_face_yaw``) at least this.
    side_takes:      a profile fit takes this share of it from the front fit.
    """

    min_head_px: float = 6.0
    big_face_px: float = 12.0
    head_share: float = 0.14
    fg_distance: float = 40.0
    tone_hair: float = 0.45
    tone_span: float = 0.12
    yellow_max: float = 0.25
    skin_front: float = 0.4
    skin_span: float = 0.25
    small_face_score: float = 0.6
    small_face_yaw: float = 0.5
    side_face_score: float = 0.55
    side_face_yaw: float = 0.75
    side_offset: float = 0.2
    side_skin: float = 0.2
    shoulder_dx: float = 0.25
    colour_min: float = 12.0
    colour_step: int = 8
    head_widths: float = 1.1
    beside_share: float = 0.15
    beside_px: int = 2
    face_head: float = 1.3
    skin_zone: tuple[float, float, float] = (0.35, 1.1, 0.45)
    offset_zone: tuple[float, float, float] = (0.3, 1.1, 0.6)
    min_zone_px: int = 6
    min_offset_px: int = 3
    shoulder_vis: float = 0.7
    torso_heads: float = 3.0
    frontal_fits: tuple[float, float, float] = (0.85, 0.15, 0.0)
    profile_fits: tuple[float, float, float] = (0.3, 0.7, 0.1)
    turned_fits: tuple[float, float, float] = (0.6, 0.45, 0.0)
    grey_back_fits: tuple[float, float, float] = (0.3, 0.3, 0.6)
    skin_weight: float = 1.0
    small_face_vote: tuple[float, float] = (1.0, 0.6)
    shoulder_vote: tuple[float, float] = (-1.0, 0.8)
    side_fit: float = 0.6
    side_face_fit: float = 0.75
    side_takes: float = 0.5


VIEW_OPTIONS = ViewOptions()


@dataclass(frozen=True)
class ViewEvidence:
    """The measured evidence of one person's view; None where it could not be measured.

    head_px:   head height in pixels.
    face_px, face_score, face_yaw: the face found on the head (width, CenterFace score, yaw).
    skin:      share of face-toned skin below the hairline, 0..1 (None on grey photos).
    yellow:    share of skin-like pixels there that the tone test took for blonde hair, 0..1.
    offset:    signed distance of that skin's centre from the head's middle, in head heights.
    shoulders: left-minus-right shoulder x over the torso length (> 0: as seen from the front).
    """

    head_px: float
    face_px: float | None = None
    face_score: float | None = None
    face_yaw: float | None = None
    skin: float | None = None
    yellow: float | None = None
    offset: float | None = None
    shoulders: float | None = None


def skin_share(pixels: np.ndarray, o: ViewOptions = VIEW_OPTIONS) -> tuple[float, np.ndarray]:
    """(face-toned skin share, bool per pixel) of Nx3 uint8 RGB pixels: the plain skin test of
    ``looks._skin``, its share scaled down when the skin-like pixels are on the whole too yellow for
    a face (blonde hair: a red-green difference that is a small part of the red-blue one)."""
    from rpipp_gui.referring.looks import _skin

    s = _skin(pixels)
    if not s.any():
        return 0.0, s
    r, g, b = pixels[s].astype(np.float64).mean(axis=0)
    tone = (r - g) / max(r - b, 1e-6)
    return float(s.mean() * np.clip((tone - o.tone_hair) / o.tone_span, 0, 1)), s


def head_box(image: np.ndarray, person: Person, o: ViewOptions = VIEW_OPTIONS) -> tuple[float, float, float]:
    """(head top y, head centre x, head height) of a standing person, from the top of the box: the
    centre is where the person's pixels (the mask, else those unlike the background beside the box)
    lie in the head's rows."""
    x0, y0, x1, y1 = person.box
    w, h = x1 - x0, y1 - y0
    hh = max(1.0, min(o.head_share * h, o.head_widths * w))
    H, W = image.shape[:2]
    ya, yb = max(0, int(y0)), min(H, int(round(y0 + hh)))
    xa, xb = max(0, int(x0)), min(W, int(np.ceil(x1)))
    if yb <= ya or xb <= xa:
        return y0, (x0 + x1) / 2, hh
    if person.mask is not None and person.mask.shape == (H, W) and person.mask[ya:yb, xa:xb].any():
        fg = person.mask[ya:yb, xa:xb]
    else:
        band = image[ya:yb, xa:xb].astype(np.float32)
        m = max(o.beside_px, int(o.beside_share * w))
        beside = np.concatenate(
            [
                image[ya:yb, max(0, xa - m) : xa].reshape(-1, 3),
                image[ya:yb, xb : min(W, xb + m)].reshape(-1, 3),
            ]
        ).astype(np.float32)
        bg = np.median(beside, axis=0) if len(beside) else np.median(band.reshape(-1, 3), axis=0)
        fg = np.linalg.norm(band - bg, axis=2) > o.fg_distance
    cols = fg.sum(axis=0).astype(np.float64)
    cx = float((cols * np.arange(len(cols))).sum() / cols.sum()) + xa if cols.sum() else (x0 + x1) / 2
    return y0, cx + 0.5, hh


def view_evidence(
    image: np.ndarray,
    person: Person,
    face=None,
    keypoints: np.ndarray | None = None,
    o: ViewOptions = VIEW_OPTIONS,
) -> ViewEvidence:
    """The evidence of ``person``'s view on ``image`` (HxWx3 uint8 RGB). ``face``: a
    ``face_attributes.FaceReading`` or None; ``keypoints``: 33x3 (x, y, visibility) or None."""
    top, cx, hh = head_box(image, person, o)
    if face is not None and person.face_box is None and (face.box[2] - face.box[0]) >= o.big_face_px:
        hh = max(hh, o.face_head * (face.box[3] - face.box[1]))  # close-ups: the face says the head's size
    ev: dict = {"head_px": float(hh)}
    if face is not None:
        ev.update(
            face_px=float(face.box[2] - face.box[0]), face_score=float(face.score), face_yaw=float(face.yaw)
        )
    H, W = image.shape[:2]

    def region(ra, rb, half):
        ya, yb = max(0, int(top + ra * hh)), min(H, int(np.ceil(top + rb * hh)))
        xa, xb = max(0, int(cx - half * hh)), min(W, int(np.ceil(cx + half * hh)))
        return image[ya:yb, xa:xb], xa

    zone, _ = region(*o.skin_zone)
    px = zone.reshape(-1, 3)
    if len(px) >= o.min_zone_px:
        few = image[:: o.colour_step, :: o.colour_step].reshape(-1, 3)
        sat = float((few.max(axis=1).astype(np.float32) - few.min(axis=1)).mean())
        if sat >= o.colour_min:
            ev["skin"], plain = skin_share(px, o)
            ev["yellow"] = float(plain.mean()) - ev["skin"]
            wide, xa = region(*o.offset_zone)
            s = skin_share(wide.reshape(-1, 3), o)[1].reshape(wide.shape[:2])
            if s.sum() >= o.min_offset_px:
                ev["offset"] = float(
                    ((s.sum(axis=0) * (np.arange(s.shape[1]) + xa + 0.5)).sum() / s.sum() - cx) / hh
                )
    if keypoints is not None and len(keypoints) > R_SH:
        kp = np.asarray(keypoints, dtype=np.float64)
        if kp.shape[1] < 3 or min(kp[L_SH, 2], kp[R_SH, 2]) >= o.shoulder_vis:
            hips = kp[[L_HIP, R_HIP], :2].mean(axis=0) if len(kp) > R_HIP else None
            shoulders = kp[[L_SH, R_SH], :2].mean(axis=0)
            torso = float(np.hypot(*(hips - shoulders))) if hips is not None else o.torso_heads * hh
            ev["shoulders"] = float((kp[L_SH, 0] - kp[R_SH, 0]) / max(torso, 1e-6))
    return ViewEvidence(**ev)


def read_view(ev: ViewEvidence, o: ViewOptions = VIEW_OPTIONS):
    """A ``looks.Guess`` of front / profile / back with each value's fit, or unknown."""
    from rpipp_gui.referring.face_attributes import face_reader
    from rpipp_gui.referring.looks import UNKNOWN, Guess

    def guess(front: float, profile: float, back: float) -> Guess:
        fits = {"front": front, "profile": profile, "back": back}
        best = max(fits, key=fits.get)
        return Guess(best, fits[best], tuple(fits.items()))

    if ev.face_px is not None and ev.face_px >= o.big_face_px:  # a face wide enough: its yaw
        fo = face_reader().options
        if ev.face_yaw >= fo.profile_min:
            return guess(*o.profile_fits)
        if ev.face_yaw <= fo.frontal_max:
            return guess(*o.frontal_fits)
        return guess(*o.turned_fits)
    if ev.head_px < o.min_head_px:
        return Guess(UNKNOWN)
    votes = []  # (front evidence -1..1, weight)
    if ev.skin is not None and (ev.yellow or 0.0) < o.yellow_max:  # else: blonde hair or a face?
        votes.append((float(np.clip((ev.skin - o.skin_front) / o.skin_span, -1, 1)), o.skin_weight))
    if ev.face_score is not None and ev.face_score >= o.small_face_score and ev.face_yaw <= o.small_face_yaw:
        votes.append(o.small_face_vote)
    if ev.shoulders is not None and ev.shoulders <= -o.shoulder_dx:
        votes.append(o.shoulder_vote)
    if not votes:
        if ev.face_px is None and ev.head_px >= 2 * o.min_head_px and ev.skin is None:
            return guess(*o.grey_back_fits)  # a large grey head without a face: most likely turned away
        return Guess(UNKNOWN)
    front = float(np.clip(0.5 + 0.5 * sum(v * w for v, w in votes) / sum(w for _, w in votes), 0, 1))
    side = 0.0
    if ev.offset is not None and ev.skin is not None and o.side_skin <= ev.skin < o.skin_front:
        side = o.side_fit * float(np.clip((abs(ev.offset) - o.side_offset) / o.side_offset, 0, 1))
    if ev.face_px is not None and ev.face_score >= o.side_face_score and ev.face_yaw >= o.side_face_yaw:
        side = max(side, o.side_face_fit)
    return guess(front * (1 - o.side_takes * side), side, (1 - front) * (1 - side))
