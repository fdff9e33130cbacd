"""Options of the people finder."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BodyOptions:
    """How the body detector looks for people (all boxes in photo pixels).

    candidate:     a box is considered from this person score on (whole photo, tile or check crop).
    accept:        a box is a person when its best score reaches this. On the dev photos people
                   scored 0.29-0.57 on the whole photo and 0.39-0.69 on their check crop; rocks,
                   cones and posts at most 0.36 and 0.26.
    zoomed_accept: a box seen only on a tile or a check crop (below ``candidate`` on the whole
                   photo) needs this score: zoomed in, the detector also likes cones, helmets and
                   hats (0.39-0.43 on the dev photos and test scenes; far people seen only on
                   tiles scored 0.47-0.49).
    nms_iou:       boxes overlapping a better one by more than this IoU are the same person.
    part_of:       a box lying at least this share inside a better-scoring, taller box is a part of
                   that person (legs, a torso) and is dropped.
    between_height, between_part, between_iou: a person's box is one around or between two people
                   found on their own when two other boxes at least ``between_height`` times as
                   tall, each holding at least ``between_part`` of it and overlapping each other
                   below ``between_iou``, together hold ``part_of`` of it (799083d, cf27663).
    tile_side:     tiles are this share of the photo's short side, overlapping by ``tile_overlap``
                   of their side; they show small people at about twice the size.
    tile_min_px:   tiles are used only when a tile has at least this many pixels across (smaller
                   tiles would only be upscaled).
    tile_margin:   a box found on a tile within this share of the tile's side of an inner tile edge
                   is cut by the tile and left to the photo pass or a neighbour tile (799083d).
    check_context: a check crop is this many times the box's long side across...
    check_min_px:  ...and at least this many photo pixels (a tiny box upscaled 4x looks like nothing).
    check_iou:     a box found on the check crop replaces the weak one when it overlaps it by at
                   least this IoU and scores higher (799083d).
    max_checks:    at most this many weak boxes are checked per photo (best first).
    threads:       LiteRT CPU threads.
    fine_candidate: the fine check (the finder's pass for small people, ``BodyDetector.find``
                   with ``fine=``) looks again at boxes from this score on (photo or tile; a head
                   and shoulders of 12x16 px behind a car, vtest_0700 p9, scored 0.13-0.14)...
    fine_height:   ...lower than this share of the photo's height (the annotations' "small")...
    fine_known:    ...lying at most this share on people found before (else a part of them)...
    fine_beside:   ...and at most this share inside a body the detector accepted: on the dev
                   photos, boxes on a person's head or legs, or a bench touching him, were
                   confirmed and became a second person...
    fine_max:      ...with at most this many crops per photo, smallest boxes first (the zoom adds
                   most to them; 0: no fine check). Each crop is one detector run: the plaza
                   photos have 35-50 such boxes; 16 crops added 0.4-0.6 s CPU per 12 MP plaza
                   photo on the loaded 2-core machine (~15 %), 8 found the same people.
    fine_context:  its crop is this many times the box's long side across...
    fine_min_px:   ...and at least this many pixels of the finder's working copy, cut from the
                   photo at its full resolution: the detector sees a 48 px crop 6.25x larger (p9
                   scored 0.47 there, 0.31 on a 72 px crop).
    fine_share_margin: a weak box lying inside the crop of an earlier one, this share of the crop's
                   side away from its edges...
    fine_share_size: ...and whose own crop would be at least this share of it across (seen about
                   as much enlarged), shares that crop;
    fine_iou:      a detection on the crop is the box seen again when their IoU reaches this...
    fine_accept:   ...and the box is a person when that detection scores at least this, and again
                   on a crop centred on the detection (``BodyDetector.fine_confirmed``; the lower
                   of the two counts). Measured with benchmarks/people_weak_bodies.py on the dev
                   photos and their 12 MP upscales: p9 0.41 and 0.39; things (a post, a bench
                   beside a man) at most 0.35 (one look alone: p9 0.39-0.47, the post 0.43-0.57).
    """

    candidate: float = 0.2
    accept: float = 0.38
    zoomed_accept: float = 0.45
    nms_iou: float = 0.45
    part_of: float = 0.7
    between_height: float = 0.6
    between_part: float = 0.25
    between_iou: float = 0.2
    tile_side: float = 0.45
    tile_overlap: float = 0.2
    tile_min_px: int = 240
    tile_margin: float = 0.01
    check_context: float = 2.5
    check_min_px: int = 120
    check_iou: float = 0.4
    max_checks: int = 4
    threads: int = 2
    fine_candidate: float = 0.12
    fine_height: float = 0.1
    fine_known: float = 0.05
    fine_beside: float = 0.25
    fine_max: int = 8
    fine_context: float = 2.0
    fine_min_px: int = 48
    fine_share_margin: float = 0.1
    fine_share_size: float = 0.75
    fine_iou: float = 0.3
    fine_accept: float = 0.38

    def __post_init__(self) -> None:
        for name in ("candidate", "accept", "nms_iou", "part_of", "tile_side"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must lie in (0, 1], got {value}")
        if self.candidate > self.accept:
            raise ValueError(f"candidate ({self.candidate}) must not exceed accept ({self.accept})")
        if not 0.0 <= self.tile_overlap < 1.0 or self.check_context < 1.0 or self.threads < 1:
            raise ValueError("tile_overlap must lie in [0, 1), check_context >= 1 and threads >= 1")
        for name in ("fine_candidate", "fine_height", "fine_share_size", "fine_iou", "fine_accept"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must lie in (0, 1], got {value}")
        for name in ("fine_known", "fine_beside"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must lie in [0, 1], got {value}")
        if self.fine_candidate > self.fine_accept:
            raise ValueError(
                f"fine_candidate ({self.fine_candidate}) must not exceed fine_accept ({self.fine_accept})"
            )
        if not 0.0 <= self.fine_share_margin < 0.5:
            raise ValueError(f"fine_share_margin must lie in [0, 0.5), got {self.fine_share_margin}")
        if self.fine_max < 0 or self.fine_context < 1.0 or self.fine_min_px < 8:
            raise ValueError("fine_max must be >= 0, fine_context >= 1 and fine_min_px >= 8")


@dataclass(frozen=True)
class WeakLargeOptions:
    """The second look at large and medium body boxes too weak for the body detector (weak_large.py).

    Measured with benchmarks/people_weak_large.py on the dev photos (63 such boxes) and
    benchmarks/data/real_people_more (185): messi5.jpg's blurred player in the background (p2, whom
    nothing else found) scored 0.165 on the photo, 0.28 (lowest of the crops) on ``again`` and 0.94
    on ``selfie``; of the boxes on nothing lying at most ``known`` on people, the best were 0.34 and
    0.56 (vtest_0700, beside a man), 0.26 and 0.43 (vtest_0350), and a person shown on a monitor
    (left01.jpg) 0.33 with a selfie share of 1.0 on one crop and 0.0 on another. A spectator at the
    edge of messi5.jpg's stands (inside its crowd box) passes (0.33, 0.89). The detector's score
    alone does not tell the player from things (posts, signs, a monitor reach 0.33-0.48 on a crop);
    the selfie share on two crop sizes, with the people found painted grey, does.

    candidate:    boxes from this detector score on (photo or tile) are looked at...
    nms_iou:      ...that overlap no accepted body by more than this IoU (boxes overlapping each
                  other by more are one box)...
    known:        ...lie at most this share on pixels of people found before (a box over a
                  person's legs or around them scored up to 0.65 on ``again``)...
    border:       ...and lie at least this share of the photo's width (height) inside its left
                  and right (top and bottom) edges: someone cut off by the border shows too little
                  for such weak evidence, and the one such box that passed (messi5.jpg's spectator)
                  belongs to the crowd region, which takes the stands whole (crowd.py); found as a
                  person he made "the blurry player in the background" ambiguous;
    max_looks:    at most this many boxes per photo, the tallest first (0: no second look). Most
                  stop after one detector run (~20-27 ms CPU on the loaded 2-core machine); the
                  dev photos have 3-9 such boxes, p2 is the 2nd tallest of messi5.jpg's.
    again_contexts: the detector runs again on square crops centred on the box, these many times
                  its long side across...
    again_iou:    ...where a detection overlapping the box by this IoU is the box seen again...
    again_accept: ...and must score at least this on each (p2: 0.37, 0.28, 0.34);
    selfie_contexts: selfie segmentation runs on square crops this many times the box's long side
                  across, with the people found before painted grey (without, the footballer in
                  front took p2's crops: 0.04-0.10)...
    selfie_accept: ...and must call at least this share of the box person on each (midway between
                  p2's 0.94 and the best thing's 0.56).
    """

    candidate: float = 0.12
    nms_iou: float = 0.45
    known: float = 0.3
    border: float = 0.01
    max_looks: int = 5
    again_contexts: tuple[float, ...] = (1.25, 1.5, 2.0)
    again_iou: float = 0.4
    again_accept: float = 0.25
    selfie_contexts: tuple[float, ...] = (1.5, 2.5)
    selfie_accept: float = 0.75

    def __post_init__(self) -> None:
        for name in ("candidate", "nms_iou", "again_iou", "again_accept", "selfie_accept"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must lie in (0, 1], got {value}")
        if not 0.0 <= self.known <= 1.0 or not 0.0 <= self.border < 0.5 or self.max_looks < 0:
            raise ValueError("known must lie in [0, 1], border in [0, 0.5) and max_looks be >= 0")
        if not self.again_contexts or not self.selfie_contexts:
            raise ValueError("again_contexts and selfie_contexts need at least one crop size")
        if min(self.again_contexts + self.selfie_contexts) < 1.0:
            raise ValueError("a crop must be at least the box's long side across")


@dataclass(frozen=True)
class BodyMaskOptions:
    """How a body box becomes a mask (body_masks.py).

    crop:          the crop around a body is a square this many times the box's long side.
    grow:             the mask is kept inside the box grown by this share of its height above and
                      below...
    grow_sideways:    ...and, for large bodies, this share of its width on each side (arms and
                      held things reach out sideways; the box often stops at the torso; small
                      bodies keep ``grow``, their neighbours are close).
    large:            a body at least this share of the working copy's height is large: its mask
                      also takes the whole photo's selfie segmentation (too coarse for small ones).
    min_evidence:     share of the box that must be person pixels for the segmentation to count.
    confident:        a body at least this sure on the whole photo is hidden as its box when no
                      mask can be made; weaker bodies without person pixels are not people.
    box_min_aspect:   ...and only when its box is at least this many times taller than wide (people
                      standing or sitting: 0.92 and up; a man holding a chessboard in front of
                      himself, whose selfie and pose masks see the board, not him: 0.78-0.95 on
                      benchmarks/data/real_people_more; a hat that scored as high: 0.47). At 0.8
                      the boxes of 0.78-0.79 were dropped, and "hide everyone" left a man the
                      export's privacy check still found.
    fine_confident:   ...as is a small body the fine check confirmed on both looks at least this
                      sure (BodyOptions.fine_accept; a head and shoulders of 12x16 px seen behind a
                      car has no person pixels for the selfie model), whatever ``body_unposed``.
    min_pose_visible: mean visibility of the shoulders and hips a pose needs to be trusted.
    pose_min_px:      pose runs on bodies at least this many working-copy pixels high; smaller
                      ones get selfie segmentation only (pose rarely fits them, and costs ~30 ms).
    pose_known:       pose also runs on a small body (under ``large``) that holds a person found
                      before (a face seed or a pose pass) who has keypoints already. Off: selfie
                      segmentation gives the pixels the box adds to them (their keypoints stay the
                      seed's, and a merged candidate keeps its first keypoints anyway). On the 12 MP
                      copies of the dev photos 11 of 28 body pose runs (~75 ms CPU each) were such
                      bodies. Large bodies keep pose: selfie added an astronaut's helmet, held
                      beside him, to his mask (his box 50 px wider on a portrait composite).
    """

    crop: float = 1.3
    grow: float = 0.08
    grow_sideways: float = 0.2
    large: float = 0.35
    min_evidence: float = 0.12
    confident: float = 0.42
    box_min_aspect: float = 0.75
    min_pose_visible: float = 0.3
    pose_min_px: int = 80
    pose_known: bool = False
    fine_confident: float = 0.38

    def __post_init__(self) -> None:
        for name in ("confident", "fine_confident"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must lie in (0, 1], got {value}")


@dataclass(frozen=True)
class OccluderTrimOptions:
    """How a box-only person (a body box hidden whole, body_masks.py ``trim_to_visible``) is
    trimmed to what is visible of them when something in front (a sign, a car) fills part of the
    box. A pixel of the box is background when its colour (CIELAB, after a 3x3 blur) lies within
    ``tol`` of a pixel in the ring around the box on the same row (left and right) or the same
    column (above and below), pixels of other people left out: an occluder runs on past the box,
    the person does not. The box is then cut to the rows and columns that hold enough of the rest.
    Set on vtest_0100 p4 (behind a sign) and vtest_0700 p9 (head and shoulders over a car), the
    two box-only people of the dev photos whose boxes ran over what hides them.

    ring:      the ring is this share of the box's height wide on each side (0.5: wider rings hold
               a match for every colour, the head over the car vanished at 1.0).
    tol:       CIELAB distance under which a pixel matches the ring (12-16 kept both heads and the
               legs below the sign; measured with the ring at 0.5).
    row_share: the box keeps the rows down to the last one with at least this share of the fullest
               row's person pixels (legs below the sign: 0.6-0.85 of it; car window edges below
               the head over the car: 0.27-0.36).
    col_share: ...and the columns from the first to the last with at least this share of the
               fullest column's (the pole and sign's edge beside the person behind it: 0-0.12).
    margin:    the cut is moved this share of the box's height (rows) or width (columns) outwards,
               towards hiding more.
    min_keep:  a cut that would keep less than this share of the box's height or width is not made
               (the colours told nothing).
    large:     boxes at least this share of the working copy's height are not trimmed: their ring
               is mostly cut off by the photo's border (the man holding a chessboard in
               benchmarks/data/real_people_more lost two thirds of his box).
    max_px:    the box is judged at most this many pixels high (larger boxes are shrunk first; the
               cost grows with the cube of it: vtest_0100 p4, 81 px, ~25 ms and a 267 px box
               ~160 ms at load 9 on 2 cores, where a photo takes 2-8 s; at 64 p4 kept the
               pole's column, 75% of its mask on the person instead of 78%).
    """

    ring: float = 0.5
    tol: float = 14.0
    row_share: float = 0.5
    col_share: float = 0.15
    margin: float = 0.1
    min_keep: float = 0.5
    large: float = 0.35
    max_px: int = 96

    def __post_init__(self) -> None:
        for name in ("ring", "row_share", "col_share", "min_keep"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must lie in (0, 1], got {value}")
        if self.tol <= 0 or self.margin < 0 or self.max_px < 8:
            raise ValueError("tol must be > 0, margin >= 0 and max_px >= 8")


@dataclass(frozen=True)
class FaceSeedOptions:
    """How a face seeds a person (embedded.py ``_face_pose``, ``_face_selfie``). Sizes are in face
    widths (fw) and heights (fh) of the whole face (a face cut by the border is sized whole); set on
    the dev photos and the portrait composites, with the commit that set each.

    pose_crops:     pose crops tried around a face, as (half width in fw, depth below the chin in
                    fh), the first that holds a complete body wins (da730ab)...
    square_crop:    ...then a square-ish one, (half width, depth) both in fh, for people bent or
                    seen side on (da730ab).
    shoulders_fh:   with less than this many fh below the chin in the photo (head and shoulders),
                    the first, narrow crop is skipped (7e5343f: 12 MP 4 people 0.5-0.7 s warm).
    nose_margin:    pose counts when its nose lies in the face box grown by this share (876cc6c).
    face_covered:   ...and its mask covers at least this share of the face box (37e7251).
    complete_fh:    a pose mask is complete when it reaches this many fh below the chin, or the
                    crop's bottom less ``complete_px`` pixels, and does not run out sideways (876cc6c).
    complete_px:    see complete_fh.
    side_rows:      a mask runs out of a crop side when this share of the crop's rows touch it.
    pose_score:     (face weight, mask weight): a pose seed's score from the face score and the
                    mean mask probability (c886a36).
    selfie_half:    selfie crop under a face: half width max(fw times the first, fh times the
                    second), square-ish for the 256x256 model (da730ab)...
    selfie_below:   ...reaching this many fh below the chin (876cc6c).
    similar_face:   (low, high): another face whose height is within these times this face's splits
                    the selfie crop midway between them (76f58e2)...
    split_min_fw:   ...when its centre is at least this many fw to the side.
    face_hits:      the selfie region holding the face must cover this share of the visible face
                    box (c886a36).
    body_faces:     a whole body covers at most about this many face boxes (standing adult, arms
                    out: ~15-20; 92f5e33): a selfie region larger is not a body, and a merged
                    pose + selfie mask larger is not taken.
    upper_body:     a selfie region larger than a body (``body_faces`` face boxes) is cut to
                    the upper body: (half width in fw, fh above the face, fh below the chin) (92f5e33).
    selfie_score:   (face weight, mask weight) of a selfie seed's score (0325733).
    selfie_gain:    selfie completes a pose mask (pose stopped at the head or a crop edge) when
                    the merged mask is at least this many times the pose mask (76f58e2).
    """

    pose_crops: tuple[tuple[float, float], ...] = ((1.75, 9), (3.0, 9))
    square_crop: tuple[float, float] = (6.0, 10)
    shoulders_fh: float = 3.5
    nose_margin: float = 0.25
    face_covered: float = 0.3
    complete_fh: float = 2.5
    complete_px: int = 3
    side_rows: float = 0.05
    pose_score: tuple[float, float] = (0.5, 0.5)
    selfie_half: tuple[float, float] = (1.75, 4.5)
    selfie_below: float = 8
    similar_face: tuple[float, float] = (0.5, 2.0)
    split_min_fw: float = 0.5
    face_hits: float = 0.2
    body_faces: float = 20
    upper_body: tuple[float, float, float] = (3, 0.5, 3)
    selfie_score: tuple[float, float] = (0.5, 0.35)
    selfie_gain: float = 1.1


@dataclass(frozen=True)
class PosePassOptions:
    """The whole-photo pose passes (embedded.py ``_pose_pass``): pose on the working copy with the
    people found so far painted grey. 92f5e33 (flags were found as people), c886a36, 0325733.

    paint_grow:     the painted people are grown by this share of the photo's long side...
    paint_grow_px:  ...and at least this many pixels (their fringe is not a new person).
    painted_share:  a pose whose mask lies more than this share on the painted people re-finds
                    them and is dropped.
    selfie_agree:   ...as is one where selfie segmentation agrees on less than this share of the
                    mask: real people agreed on 97-100 % of their pixels, a flag on 65 %.
    score_scale:    the person's score is the mean mask probability times this.
    """

    paint_grow: float = 0.01
    paint_grow_px: int = 2
    painted_share: float = 0.3
    selfie_agree: float = 0.85
    score_scale: float = 0.9


@dataclass(frozen=True)
class KeepOptions:
    """Which candidates become people and how people found apart are told apart (embedded.py
    ``find``, ``_same_person``, ``_beyond_others``, ``_clear_other_faces``). Pixels are working-copy
    pixels; fw / fh are face widths / heights.

    min_px:           no person is smaller than this many pixels, whatever ``min_area`` or a face
                      allows (c886a36; a body box's person needs only this, 799083d).
    face_areas:       a person seeded by a face needs only this many times the face box's area
                      instead of ``min_area``: people far away are small (079313b, benchmarks/people.py
                      --small: 53/112 -> 107/112 small people, 0 false people before and after).
    covered_share:    a candidate not seeded by a face or a body is dropped when more than this share
                      of its mask lies on people found before (it re-finds them) (c886a36).
    body_share:       a person found before belongs to a body box when at least this share of their
                      pixels lies inside the box (799083d).
    head_margin:      ...and their face centre lies in the box's head zone grown by this share of
                      its size (799083d).
    other_face_fw:    a body box around two people is split at the faces' midway only when the
                      other face's centre is at least this many fw to the side (ee2787a).
    same_face_margin: another face whose centre lies in the seed face's box grown by this share (or
                      the seed's centre in its box) is the same face detected twice (d86faa6).
    face_grow:        a person never covers someone else's face: the candidate's probability is
                      zeroed in every other face box grown by this share of its size (ab529ba).
    """

    min_px: int = 16
    face_areas: float = 2
    covered_share: float = 0.5
    body_share: float = 0.6
    head_margin: float = 0.1
    other_face_fw: float = 0.5
    same_face_margin: float = 0.1
    face_grow: float = 0.2


@dataclass(frozen=True)
class LeftoverOptions:
    """Person-shaped selfie regions nobody covers yet (regions.py ``find_leftovers``), with the
    commits that set each; pixels are working-copy pixels.

    grow:           the people found are grown by this share of the long side...
    grow_px:        ...and at least this many pixels before looking beside them (c886a36).
    min_height:     a region lower than this share of the working copy's height is dropped (c886a36).
    touch_grow:     a region touching someone found (within (a times the grow + b) pixels)...
    appendage:      ...and smaller than this share of them is what they hold or wear (29bab8b).
    selfie_score:   an unconfirmed region's score is this times its mean probability (0325733).
    upright_px:     an unconfirmed region is a person only when at least this many times ``min_px``
                    (c886a36)...
    upright_height: ...at least this share of the working copy high (29bab8b)...
    upright_fill:   ...filling at most this share of its box (people 0.51-0.61, a retina's disc 0.79)
                    (4944198)...
    confident:      ...and at least ``confident_share`` of its pixels above this probability
                    (people 0.81-0.96; galaxies, tissue and a motorcycle 0.49-0.70) (b1140ac).
    confident_share: see confident.
    pose_grow:      pose runs on the region's box grown by (this share of its width, of its height)
                    on each side (c886a36)...
    agree:          ...and counts when its mask and the region each lie more than this share on
                    the other...
    stolen:         ...at most this share of its mask lies on people found...
    anchor_grow:    ...and its nose or a shoulder (visibility above ``anchor_vis``) lies on the
                    region grown by this share of its box's long side (29bab8b).
    anchor_vis:     see anchor_grow.
    pose_score:     a confirmed region's score is this times its mean probability (0325733).
    windows:        selfie segmentation of the whole working copy runs on half-overlapping square
                    windows at least 1/windows of its long side across, so at most 2 * windows - 1
                    of them (0733334: a 60x4000 panorama took 2 s with more).
    """

    grow: float = 0.015
    grow_px: int = 2
    min_height: float = 0.08
    touch_grow: tuple[float, float] = (1.5, 2)
    appendage: float = 0.6
    selfie_score: float = 0.5
    upright_px: int = 3
    upright_height: float = 0.2
    upright_fill: float = 0.72
    confident: float = 0.9
    confident_share: float = 0.8
    pose_grow: tuple[float, float] = (0.15, 0.05)
    agree: float = 0.5
    stolen: float = 0.2
    anchor_grow: float = 0.05
    anchor_vis: float = 0.5
    pose_score: float = 0.8
    windows: int = 3


@dataclass(frozen=True)
class BoxPromptOptions:
    """How the person inside a box the user drew is segmented (box_prompt.py ``segment_in_box``;
    sizes in pixels of the scaled crop), with the commits that set each.

    min_px:          a box under this many photo pixels across is empty (c886a36).
    context:         the crop is the box grown by (this share of its width, of its height) on each
                     side (c886a36).
    pose_share:      pose counts when its mask inside the box is at least this share of the box
                     (c886a36).
    region:          selfie regions count from (pixels, share of the box), the larger (c886a36)...
    region_part:     ...and, without pose, those at least this share of the largest (a hidden face
                     or a scarf cuts a person in two) (fa02960).
    pose_completion: the selfie regions pose touches complete its mask when they are more than this
                     many times its size (fa02960).
    grabcut_region:  GrabCut's foreground regions count from (pixels, share of the box) (cf27663)...
    grabcut_part:    ...the largest and those at least 1/this of it (a person cut in two by a pole)
                     (cf27663).
    """

    min_px: int = 4
    context: tuple[float, float] = (0.1, 0.05)
    pose_share: float = 0.03
    region: tuple[int, float] = (16, 0.02)
    region_part: float = 0.15
    pose_completion: float = 2
    grabcut_region: tuple[int, float] = (4, 0.02)
    grabcut_part: float = 6


@dataclass(frozen=True)
class FinderOptions:
    """How hard and at what resolution to look for people.

    work_side:        the photo is searched on a copy whose long side is at most this many pixels;
                      masks are upsampled to the photo's resolution afterwards.
    face_side:        faces are searched on a copy whose long side is at most this many pixels.
    face_threshold:   CenterFace / MediaPipe score a face needs to seed a person.
    mask_threshold:   segmentation probability above which a pixel belongs to a person.
    pose_passes:      how many times pose runs on the whole photo with the people found so far
                      painted out (finds people whose face is not visible).
    selfie_leftovers: look for person-shaped regions that no one covers yet (selfie segmentation);
                      such a region is a person when pose, run on its crop, agrees.
    selfie_min_aspect: a leftover region that pose does not confirm is still a person when it
                      is large, confidently segmented and at least this many times taller than
                      wide (people seen from behind measured 0.97-1.6; a cup 0.79, a cat 0.67, a
                      horse 0.73); 0 keeps every such region, float("inf") none.
    small_faces:      look again, on enlarged crops of the full-resolution photo, at faces the
                      working copy shows too small to be sure of (people far away; small_faces.py).
    small_face_threshold: working-copy CenterFace score from which a small face is checked again.
    fine_face_side:   when small faces were found in a photo larger than the working copy, faces
                      are also searched on a copy whose long side is this many pixels (for even
                      smaller ones); 0 never does.
    fine_face_hint:   ...and only where CenterFace's face heat on the working copy reaches this
                      (outside the faces known by then): a face too small to be detected there
                      still warms it (0.024-0.25 for every face only that pass found on the
                      small-people composites); 0 looks everywhere. 0.015 -> 0.02 cut the looked-at
                      share of the 12 MP dev copies from 0.25-0.37 to 0.15-0.21 (the pass's CPU
                      0.23-0.39 -> 0.18-0.21 s a photo); the composites' numbers stayed the same.
    min_area:         smallest person kept, as a fraction of the photo's area; a person seeded by
                      a face needs only twice the face's area (people far away are small).
    max_people:       stop after this many people.
    pose_workers:     pose crops of face seeds computed at a time, each by its own pose graph in
                      a worker thread (MediaPipe's pose uses one core); 1 runs them one by one in
                      the caller's thread. The people found are the same either way.
    use_bodies:       run the whole-body detector (bodies.py) and make a person of every body that
                      no face-seeded person explains; a body that holds one such person completes
                      their mask (arms, legs, a shoulder the pose missed).
    body:             the body detector's options (BodyOptions).
    body_mask:        how a body's mask is made (BodyMaskOptions).
    weak_large:       the second look at large and medium body boxes too weak for the detector
                      (WeakLargeOptions, weak_large.py; max_looks=0 turns it off).
    occluder:         how a body box hidden whole is trimmed to the visible person when something
                      in front of them fills part of it (OccluderTrimOptions).
    seed:             how a face seeds a person (FaceSeedOptions).
    pose_pass:        the whole-photo pose passes (PosePassOptions).
    keep:             which candidates are kept and how people found apart are told apart
                      (KeepOptions).
    leftover:         person-shaped selfie regions nobody covers yet (LeftoverOptions).
    body_reach:       a body completes a face-seeded person's mask only in the columns this share
                      of the body box's width either side of their face: the whole box for one
                      person, not a second person in a box around two.
    body_head_faces:  a face belongs to a body when its centre lies at most this many face heights
                      below the top of the body's box (a head is at the top, whether the box holds
                      the whole body or the chest up: measured 0.5-1.0); a face lower down is
                      someone else's (a person in front, a child).
    body_new_share:   a body box yields a new person when the pixels nobody covers yet are at least
                      this share of the box.
    body_unposed:     a new person from a body box whose mask only the selfie model gives (no pose
                      fits, no face) needs at least this detector score. On the dev and "more"
                      photos such people scored 0.47-0.67 (about 40); the regions that were not
                      people 0.38-0.43 (a space helmet held beside an astronaut, clutter). So
                      does one beside someone found before when pose skipped the body
                      (``BodyMaskOptions.pose_known``): the selfie model sees what they hold.
    box_min_side:     a box prompt's crop smaller than this is enlarged to it before segmenting
                      (the person models see 256x256 pixels).
    box_grabcut_iterations: GrabCut iterations of the box prompt's fallback (each ~10-30 ms on
                      a 256-512 pixel crop).
    box_prompt:       the box prompt's other numbers (BoxPromptOptions).
    body_part_share:  a person found after the bodies by the whole-photo pose or selfie passes is
                      a part of a body (legs, an arm) when this share of its box lies in the body.
    """

    work_side: int = 1024
    face_side: int = 1024
    face_threshold: float = 0.5
    mask_threshold: float = 0.5
    pose_passes: int = 3
    selfie_leftovers: bool = True
    selfie_min_aspect: float = 0.9
    small_faces: bool = True
    small_face_threshold: float = 0.1
    fine_face_side: int = 2048
    fine_face_hint: float = 0.02
    min_area: float = 0.002
    max_people: int = 24
    pose_workers: int = 2
    use_bodies: bool = True
    body: BodyOptions = BodyOptions()
    body_mask: BodyMaskOptions = BodyMaskOptions()
    weak_large: WeakLargeOptions = WeakLargeOptions()
    occluder: OccluderTrimOptions = OccluderTrimOptions()
    seed: FaceSeedOptions = FaceSeedOptions()
    pose_pass: PosePassOptions = PosePassOptions()
    keep: KeepOptions = KeepOptions()
    leftover: LeftoverOptions = LeftoverOptions()
    body_reach: float = 0.5
    body_head_faces: float = 1.5
    body_new_share: float = 0.12
    body_unposed: float = 0.45
    body_part_share: float = 0.6
    box_min_side: int = 256
    box_grabcut_iterations: int = 3
    box_prompt: BoxPromptOptions = BoxPromptOptions()

    def __post_init__(self) -> None:
        if self.fine_face_side and self.fine_face_side < 64:
            raise ValueError(f"fine_face_side must be 0 or at least 64 pixels, got {self.fine_face_side}")
        if self.work_side < 64 or self.face_side < 64:
            sides = f"{self.work_side}, {self.face_side}"
            raise ValueError(f"work_side and face_side must be at least 64 pixels, got {sides}")
        for name in ("face_threshold", "mask_threshold", "small_face_threshold"):
            value = getattr(self, name)
            if not 0.0 < value < 1.0:
                raise ValueError(f"{name} must lie strictly between 0 and 1, got {value}")
        if not 0.0 <= self.fine_face_hint < 1.0:
            raise ValueError(f"fine_face_hint must lie in [0, 1), got {self.fine_face_hint}")
        if self.pose_passes < 0 or self.max_people < 1 or self.pose_workers < 1:
            raise ValueError("pose_passes must be >= 0, max_people and pose_workers >= 1")
        if not 0.0 <= self.min_area < 1.0:
            raise ValueError(f"min_area is a fraction of the photo in [0, 1), got {self.min_area}")
