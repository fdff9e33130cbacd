"""The tuned numbers of the body detector, of the masks made from its boxes and of the things it
sees besides people (bodies.py, weak_large.py, body_masks.py, things.py). Each field says what it
does and how it was measured; ``FinderOptions`` (options.py) gathers them with the rest of the
finder's.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PairSplitOptions:
    """A small body box holding two people side by side, seen apart on a zoomed crop
    (body_pairs.py ``split_pairs``). Motivated by real_people_pkg2's detect_test2.jpg (issue-12ab):
    two people about 72 px tall walking side by side on a lawn came out as one box 0.57 as wide as
    tall; the detector scored the pair box 0.61 on the tiles (each person 0.23-0.27) but each
    person 0.55-0.56 on a crop of the full photo 2 box heights across (the pair box not at all).
    One medium or small person not cut by the border is 0.28-0.51 as wide as tall (5th-95th
    percentile of the 83 in the five annotated sets; a few up to 0.75): the shape only picks the
    boxes worth a look, the zoomed look decides (no box of the other sets was split).

    max_checks: at most this many boxes are looked at per photo, smallest first (0: never; each is
                one detector run on a crop, never a pass over the whole photo).
    min_aspect: only boxes at least this wide per tall (a person's box alone is narrower)...
    max_height: ...and lower than this share of the photo's height (larger ones the tiles saw
                large enough) are looked at...
    context:    ...on a square crop of the photo at its full resolution this many box heights
                across...
    min_px:     ...and at least this many working-copy pixels across.
    accept:     the box is two people when two detections on the crop score at least this each...
    height:     ...each at least this share of the box's height (two whole people, not a leg)...
    narrow:     ...and at most this share of its width (not the pair box again)...
    inside:     ...lying at least this share inside the box grown by ``grow`` of its size...
    grow:       see inside.
    apart:      ...their centres at least this share of the box's width apart...
    span:       ...together spanning at least this share of its width...
    prefer:     ...and no detection on the crop overlapping the box itself by ``whole_iou`` or more
                scores more than this times the weaker of the two (zoomed in, the detector sees two
                rather than one).
    whole_iou:  see prefer.
    seen_from:  detections on the crop are kept from this score (under ``accept``), so that the
                pair box itself is seen by ``prefer`` even when it scores low.
    """

    max_checks: int = 4
    min_aspect: float = 0.52
    max_height: float = 0.15
    context: float = 2.0
    min_px: int = 48
    accept: float = 0.45
    height: float = 0.75
    narrow: float = 0.85
    inside: float = 0.8
    grow: float = 0.1
    apart: float = 0.25
    span: float = 0.85
    prefer: float = 1.0
    whole_iou: float = 0.6
    seen_from: float = 0.2


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
    tile_min_px:   tiles are used only when a tile has at least this many pixels across. 240 -> 150
                   (issue-12ak): photos with a short side of 334-532 px now get tiles too, seen
                   1.25-2x enlarged; pkg6's balloon field (678x435; people 17-27 px wide, squeezed
                   to 8-12 px in the whole-photo pass) 9 -> 11/13, pkg6 37 -> 39/56 L+M, no false
                   person; the seven other sets unchanged (the 640x480 chessboard frames too).
    tile_margin:   a box found on a tile within this share of the tile's side of an inner tile edge
                   is cut by the tile and left to the photo pass or a neighbour tile (799083d). The
                   detector's box of someone the tile cuts stops a few pixels inside its edge: at
                   12 MP (a 1000x750 working copy, 337 px tiles; a 640x480 photo had none then,
                   its tiles were under ``tile_min_px``) right11.jpg's man gave a box of his lower
                   body 7 px (0.02) below the bottom row's top edge that beat his whole box in the
                   second look and failed it, and tile boxes of the stands took messi5.jpg's
                   second looks from the blurred player. 0.01 -> 0.03: people_real --big dev
                   28/29 -> 29/29, more set 63/73 -> 64/73; native results unchanged.
    check_context: a check crop is this many times the box's long side across...
    check_min_px:  ...and at least this many photo pixels (a tiny box upscaled 4x looks like nothing).
    check_iou:     a box found on the check crop replaces the weak one when it overlaps it by at
                   least this IoU and scores higher (799083d).
    max_checks:    at most this many weak boxes are checked per photo: those seen only on a tile
                   first (small on the photo: the enlarged crop adds most to them), then those seen
                   on the whole photo, best first within each. Best first alone spent the checks of
                   the plaza frames on cones, posts and signs seen whole (0.26-0.35, no gain on
                   their crops) while a distant walker 11x40 px seen on a tile at 0.21 scored 0.51
                   on his (vtest_0750 p7 of benchmarks/data/real_people_more: the 16th weak box).
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
    pairs:         a small box holding two people side by side split in two (PairSplitOptions).
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
    tile_min_px: int = 150
    tile_margin: float = 0.03
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
    pairs: PairSplitOptions = field(default_factory=PairSplitOptions)

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
    edge of messi5.jpg's stands (inside its crowd box) scored (0.33, 0.89). The detector's score
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
    selfie_accept: ...and must call at least this share of the box person on each: 0.91, between
                  p2's 0.94 (0.95 at 12 MP) and the things that passed 0.75 (the value before):
                  a painted figure on a graffiti wall (opencv's graf1.png, no people: 0.86 at
                  800x640, 0.81 at 12 MP; 0.31 on ``again``), a thing on left04.jpg (0.88), the
                  spectator above (0.89). The graffiti figure still comes out of the detector
                  itself (0.45) on copies of graf1.png 560-640 px wide.
    cut_height:   a box at least this share of the photo's height that the bottom border cuts
                  (its bottom within ``cut_margin`` of the photo's height from it) is looked at
                  too, whatever ``border``: a person close to the camera behind something held in
                  front of them (benchmarks/data/real_people_more's man holding a chessboard over
                  his face: only his striped shirt, an arm or his hair show, and neither selfie
                  segmentation nor pose sees any person pixels, 0.00-0.04 of his box)...
    cut_margin:   see cut_height.
    cut_again:    ...and is a person, hidden whole, when the detector scores it at least this on
                  every crop of ``cut_contexts`` (no selfie look: what hides them hides their
                  pixels). On the calibration photos the boxes matching the man scored
                  0.337-0.475 (left02, left09, left11, right03, right08, right09, right11, right12,
                  right14); boxes on him taking in too much of the board 0.326-0.330 (left14,
                  left01's lower half; left13's good box 0.326). Every other large box cut by the
                  bottom border on the dev photos and the more set lay on a person found before
                  (over ``known``), so no thing was measured: things on crops scored up to 0.34
                  (vtest_0700, beside a man), whence the bottom cut and the height.
    cut_contexts: the crops for ``cut_again``, times the box's long side across: smaller than
                  ``again_contexts``, since a crop around a box on the border is cut by it and
                  stretched to the detector's square (left11's box: 0.35 on 1.0-1.5, 0.16 on 2.0;
                  right11 0.34 and 0.23, right14 0.40 and 0.20).
    cut_flat:     ...provided the box shows a photograph's texture: at most this share of its
                  horizontally adjacent pixel pairs (working copy) are identical. The man's boxes
                  measured 0.15-0.44; a rendered disparity map of an aloe (opencv's aloeGT.png),
                  whose flat grey pot and leaves the detector saw at 0.34-0.43, 0.88-0.90.
    part_of:      a confirmed box lying at least this share inside a taller confirmed one, or (one
                  the detector alone confirmed) inside a body found as a person (embedded.py), is
                  a part of that person (right09's shirt beside the board inside the box around
                  both; right07's lower body inside his).
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
    selfie_accept: float = 0.91
    cut_height: float = 0.35
    cut_margin: float = 0.03
    cut_again: float = 0.33
    cut_contexts: tuple[float, ...] = (1.0, 1.25, 1.5)
    cut_flat: float = 0.6
    part_of: float = 0.7

    def __post_init__(self) -> None:
        for name in ("candidate", "nms_iou", "again_iou", "again_accept", "selfie_accept"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must lie in (0, 1], got {value}")
        if (
            not 0.0 < self.cut_height <= 1.0
            or not 0.0 <= self.cut_margin < 0.5
            or not 0.0 < self.cut_again <= 1.0
        ):
            raise ValueError("cut_height and cut_again must lie in (0, 1] and cut_margin in [0, 0.5)")
        if not 0.0 <= self.known <= 1.0 or not 0.0 <= self.border < 0.5 or self.max_looks < 0:
            raise ValueError("known must lie in [0, 1], border in [0, 0.5) and max_looks be >= 0")
        if not self.again_contexts or not self.selfie_contexts or not self.cut_contexts:
            raise ValueError("again_contexts, selfie_contexts and cut_contexts need at least one crop size")
        if min(self.again_contexts + self.selfie_contexts + self.cut_contexts) < 1.0:
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
    cut_min_aspect:   ...or this many, when the photo's bottom border cuts the box (its bottom within
                      ``cut_margin`` of the working copy's height from it): what the border cuts off
                      would make it taller (right03.jpg's man behind a chessboard: 0.73).
    cut_margin:       see cut_min_aspect.
    sparse_evidence:  a sure body (``confident`` or ``fine_confident``, shaped as above) without pose
                      whose segmentation calls less than this share of its box person is hidden as
                      its box too: what hides the person leaves a sliver (an arm beside the board
                      the man holds in benchmarks/data/real_people_more: right03 0.16, right07
                      0.14, whose selfie pixels alone made a second, partial person or a mask far
                      smaller than him). People seen from behind had 0.28 and more (vtest_0050);
                      messi5's footballer (0.245) has pose and keeps his mask.
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
    hidden_look:      a body with no mask to make and not ``confident`` on the photo is looked at
                      once more as the export's privacy check will see it: the detector on the
                      working copy with the people found so far painted grey; a box it sees there
                      (IoU >= ``hidden_iou``) at least ``confident`` (the check's body_threshold)
                      is hidden as its box. real_people_pkg2's bus.jpg p4 (walking away in black,
                      cut by the right border, 0.07 person pixels): 0.409 on the photo, 0.437
                      painted; every other such box on the four sets scored at most 0.419 painted
                      (right14.jpg's, around the man found) and most scored lower than on the photo.
    hidden_iou:       see hidden_look.
    hidden_grey:      the grey (0-255, each channel) the people found are painted with for that
                      look: as the finder's pose pass (PosePassOptions.paint_grey); not tuned on a
                      photo.
    seen_apart:       a shaped body with no mask to make is hidden as its box, sure or not, when its
                      best score (a tile's included) is at least this and the people found so far
                      cover at most ``apart_share`` of its box: the export's privacy check reads
                      tile scores against its body_threshold (0.42), so dropping such a box left a
                      person the check still saw after "hide everyone" (real_people_pkg10's
                      jqm_photo-run p2, a 10x25 px runner: 0.60 on a tile, 0.21 on the photo). At
                      0.5 the 14 real-photo sets changed only there and in one balloon crowd (one
                      more person found, no false box, no duplicate); at 0.45 a false box on a
                      blog header grew stronger (0.18 to 0.46). Tiles also see cones and posts
                      (why ``confident`` reads the whole photo), hence the margin over it.
    apart_share:      see seen_apart: a box that much covered belongs with someone found (an arm, a
                      second look at them), not a person of its own.
    """

    crop: float = 1.3
    grow: float = 0.08
    grow_sideways: float = 0.2
    large: float = 0.35
    min_evidence: float = 0.12
    confident: float = 0.42
    box_min_aspect: float = 0.75
    cut_min_aspect: float = 0.7
    cut_margin: float = 0.03
    sparse_evidence: float = 0.25
    min_pose_visible: float = 0.3
    pose_min_px: int = 80
    pose_known: bool = False
    fine_confident: float = 0.38
    hidden_look: bool = True
    hidden_iou: float = 0.5
    hidden_grey: int = 128
    seen_apart: float = 0.5
    apart_share: float = 0.05

    def __post_init__(self) -> None:
        if not 0.0 <= self.apart_share <= 1.0:
            raise ValueError(f"apart_share must lie in [0, 1], got {self.apart_share}")
        for name in ("confident", "fine_confident", "seen_apart"):
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
class ThingOptions:
    """Which detections count as things (``things.find_things``), measured with the SSD (its
    non-person scores, whole-photo pass) on the dev and real_people_more photos and on the photos of
    the OpenCV docs and samples (opencv-doc 4.x, ~550 photos; issue-13j).

    threshold: the lowest score kept, per kind. Cars: the vans and cars of the vtest frames score
               0.38-0.51, cars in street photos 0.4-0.75; the best wrong Car 0.31 (left07, a desk
               corner). Bicycles: the two seen right, 0.37 (leuvenB, one against a wall) and 0.51
               (person_multi_det); none wrong. Dogs: right 0.70 and 0.84 (chicky_512 and its
               thresholded copy); cats and cows were not seen, and take the dogs' 0.5.
    default:   the kinds not listed are never taken (above 1): chairs, tables, desks, laptops,
               books and bottles were given to chessboards held up, printed boards and pages of
               text at 0.45-0.87, above where right ones scored.
    nms_iou:   boxes of one kind overlapping more than this are one thing.
    """

    threshold: dict = field(
        default_factory=lambda: {"car": 0.36, "bicycle": 0.36, "dog": 0.5, "cat": 0.5, "cow": 0.5}
    )
    default: float = 1.01
    nms_iou: float = 0.5


THING_OPTIONS = ThingOptions()


@dataclass(frozen=True)
class BoxNeighbourOptions:
    """How a mask made from a body box stops at a neighbour (box_neighbours.py, issue 12).

    enabled:    move pixels at all.
    front:      a neighbour whose box ends lower than the person's by at least this share of the
                taller box stands in front and keeps all of their box; others split at the
                midway between the boxes' centres. At 0.15 vtest_0750's man walking behind another
                (his box 0.47 higher) gave him his hand (the other's spill 0.012 -> 0.065); split at
                the midway it stays his. People side by side in vtest's plaza: 0.00-0.13.
    size_ratio: only boxes of about one size are neighbours: the shorter at least this share of
                the taller (a box around a whole group, or a footballer in front of a far player,
                is not one).
    min_keep:   a move is not made when it would leave the person less than this share of their
                pixels (the neighbour's box holds most of them: the box is wrong, not the mask).
    """

    enabled: bool = True
    front: float = 0.5
    size_ratio: float = 0.6
    min_keep: float = 0.5


@dataclass(frozen=True)
class BehindOptions:
    """A person at the back, seen by their face between the heads of people in front, keeps only
    what is theirs (behind.py, issue-12ac). Motivated by real_people_pkg4 ``multi_face``: the young
    man at the back (face 81x98 working-copy px) between two women in front (faces 97x127 and
    101x136, their centres 36 and 112 px lower); his pose mask ran down through both to the bottom
    border (box 346-631 x 161-667 for an annotated 407-548 x 158-442).

    enabled:     cut at all.
    size_ratio:  someone is in front when their face's size (square root of its area) is at least
                 this many times the person's (1.25 and 1.31 in multi_face). Not 1.15: real_people_pkg
                 t1.jpg's woman hugging the one in front from behind, her arm over her, is 1.19
                 smaller, and her arm went to the one in front (a duplicate, her box missed)...
    lower_fh:    ...and their face centre lies at least this many of the person's face heights lower
                 (0.37 and 1.15 in multi_face)
    shoulder_fw: their body hides the columns within this many of their face widths either side of
                 their face centre (a person's shoulders are about 2.5 face widths across), from their
                 chin down.
    scrap_fw:    what the cut leaves apart from the face and narrower than this many of the person's
                 face widths is dropped (a strip between two people in front).
    under_fh:    a face of about the person's size (``under_size``) whose centre lies at least this
                 many of the person's face heights under theirs...
    under_fw:    ...and at most this many of their face widths to the side of their face centre is
                 in front too, whatever its size: it is seen where the person's chest would be, so
                 that person sits or stands in front of them (real_people_pkg9 ``tk_login-bg``: the
                 man in the beanie standing behind the sitting woman, her face 0.94 times his size,
                 1.9 of his face heights lower and 0.1 face widths aside; his face seeded a mask
                 that ran down over her to row 771 for an annotated 540, IoU 0.43, and counted as
                 her duplicate).
    under_max_fh: ...and at most this many (the chest, not the belly: real_people_pkg7
                 ``exifjs_Bush-dog``, a man in profile whose face lies 3.0 face heights under the
                 face of the man behind him, cut by the top border, took that man's body, seen
                 beside him down to row 347, and he was missed).
    under_size:  the size (square root of the area) of such a face at least this share of the
                 person's (a far, small face seen below is not someone in front).
    under_band_fw: such a person hides the columns within at least this many of the person's own
                 face widths either side of their face centre, from their chin down: the person's
                 whole body is behind them (his mask 4.8 of his face widths wide; what the shoulder
                 band left beside her, the arm of her chair and her pen hand, kept his box down
                 to row 769).
    own_mask:    the body of a person in front is also their own mask below their chin (a woman
                 in profile pointing at a screen is wider than the shoulder band).
    """

    enabled: bool = True
    size_ratio: float = 1.2
    lower_fh: float = 0.25
    shoulder_fw: float = 1.25
    scrap_fw: float = 0.5
    under_fh: float = 1.5
    under_max_fh: float = 2.5
    under_fw: float = 1.0
    under_size: float = 0.75
    under_band_fw: float = 3.0
    own_mask: bool = True
