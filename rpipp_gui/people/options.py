"""Options of the people finder."""

from __future__ import annotations

from dataclasses import dataclass

from rpipp_gui.people.body_options import (  # noqa: F401 - re-exported: the finder's options live here
    BehindOptions,
    BodyMaskOptions,
    BodyOptions,
    BoxNeighbourOptions,
    OccluderTrimOptions,
    WeakLargeOptions,
)
from rpipp_gui.people.body_rows import BodyRowOptions
from rpipp_gui.people.exposure import ExposureOptions
from rpipp_gui.people.nanodet import NanoDetOptions


@dataclass(frozen=True)
class FaceSeedOptions:
    """How a face seeds a person (face_seeds.py ``face_pose``, ``face_selfie``). Sizes are in face
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
    paint_others:   when no crop gives a pose whose nose lies in the face, the crops are tried again
                    with the other faces painted grey, their boxes grown by this share of their
                    size (0: never): in group photos pose took a neighbour in every crop
                    (issue-12k, benchmarks/data/real_people_pkg: 8 of 9 faces that failed got their
                    pose; face-api sample5/sample6, insightface t1, inpaint_basics).
    paint_first:    when at least this many other faces have their centre in the first pose crop
                    (a group), the crops with the other faces painted go first, the plain ones
                    only when none of those gives a pose (0: plain first always). In group photos
                    the plain crops mostly gave a neighbour's pose: a class photo of 53 ran 216
                    pose crops, 122 now (26 people: 98 -> 50). At 1 a mother holding her daughter
                    lost her (p2 of pkg11's ons_mother-and-daughter) and pkg6's street crossing
                    two people; at 2 the 14 real sets are unchanged but for one person each way
                    (pkg6 kpa_bar55_2 p1 lost, pkg7 exifjs_Bush-dog p4 found), sentences pkg3
                    27 -> 28/39, descriptions pkg6 9 -> 11 right, pkg 23 -> 22, wrong picks 2 fewer.
    complete_fh:    a pose mask is complete when it reaches this many fh below the chin, or the
                    crop's bottom less ``complete_px`` pixels, and does not run out sideways (876cc6c).
    complete_px:    see complete_fh.
    side_rows:      a mask runs out of a crop side when this share of the crop's rows touch it...
    side_band:      ...within this share of the crop's width from the side: pose's mask fades to
                    just under the threshold at its crop's edge (pkg2 zidane.jpg: the leaning man's
                    back was cut where a 506 px crop ended, 0 rows on its last column, 50 three
                    columns in).
    pose_score:     (face weight, mask weight): a pose seed's score from the face score and the
                    mean mask probability (c886a36).
    selfie_half:    selfie crop under a face: half width max(fw times the first, fh times the
                    second), square-ish for the 256x256 model (da730ab)...
    selfie_below:   ...reaching this many fh below the chin (876cc6c).
    selfie_aspect:  when selfie segmentation of the crop finds no region holding the face and the
                    photo's border cut the crop to more than this many times as wide as it is
                    tall, the crop is segmented again on square windows (``LeftoverOptions.windows``,
                    max over them): on wide crops the model loses people (issue-12k,
                    benchmarks/data/real_people_pkg: a 1.48:1 crop of five women on stairs held
                    0.06 of the face it was cut for, a square one 1.0; a 2.7:1 strip of two old
                    photos side by side came out empty; four 170 px portraits side by side lost 2
                    of 4). Only as a second try: a region found on the whole crop is kept (windows
                    made the four_sizes composite's cameraman 2% larger, past ``body_faces``).
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
    lone_face:      a face MediaPipe alone reports whose long side is at least this share of the
                    photo's short side, with no weak CenterFace detection on it (IoU above
                    ``lone_iou`` or its centre inside), seeds a person only when pose confirms it,
                    never by selfie segmentation alone (faces.py ``unvouched_large``): CenterFace
                    scored real faces 0.3-0.8 of the frame wide 0.73-0.92, MediaPipe an apple
                    0.65 (opencv's apple.jpg, 0.67 of the frame).
    lone_iou:       see lone_face.
    behind_share:   a face's pose mask lying at least this share on people found before is the
                    bodies in front of a person behind them: it gives those pixels up
                    (face_seeds.behind_others). On pkg6's street crossing four rear faces' masks lay
                    0.87-0.95 on others (their boxes spanned the front people's: duplicates); people
                    overlapping neighbours in groups lay 0.0-0.62 on them, and pkg sample5's
                    back-row man 0.81: at 0.8 his neighbours' masks grew and "the woman in the navy
                    dress" became unsure (tests/referring/test_referring_colour_cast.py), so 0.85.
    """

    pose_crops: tuple[tuple[float, float], ...] = ((1.75, 9), (3.0, 9))
    square_crop: tuple[float, float] = (6.0, 10)
    shoulders_fh: float = 3.5
    nose_margin: float = 0.25
    face_covered: float = 0.3
    paint_others: float = 0.2
    paint_first: int = 2
    complete_fh: float = 2.5
    complete_px: int = 3
    side_rows: float = 0.05
    side_band: float = 0.01
    pose_score: tuple[float, float] = (0.5, 0.5)
    selfie_half: tuple[float, float] = (1.75, 4.5)
    selfie_below: float = 8
    selfie_aspect: float = 1.0
    similar_face: tuple[float, float] = (0.5, 2.0)
    split_min_fw: float = 0.5
    face_hits: float = 0.2
    body_faces: float = 20
    upper_body: tuple[float, float, float] = (3, 0.5, 3)
    selfie_score: tuple[float, float] = (0.5, 0.35)
    selfie_gain: float = 1.1
    lone_face: float = 0.25
    lone_iou: float = 0.3
    behind_share: float = 0.85


@dataclass(frozen=True)
class HeadOptions:
    """A face that neither pose nor selfie segmentation could turn into a person (a dim face in a
    dark bar, a head between others) is still hidden: its head becomes a person of its own
    (``head_only``, the finder's last step). On the seven earlier annotated sets no face the
    finder keeps was left uncovered; on pkg6 six were (kpa_bar55's two women and a face in the dark
    background, kpa_bar55_2's two faces in the dark, all real people; CenterFace 0.58-0.82).

    on:    make head-only people at all.
    width: the head's width in widths of the whole face (hair and ears beside it).
    above: the head reaches this many face heights above the face box (hair)...
    below: ...and this many below it (chin and neck).
    score: the person's score, times the face's.
    shoulders_below, shoulders_width: the shoulders under the chin are theirs too, where nobody
           found lies: half an ellipse this many face heights deep and face widths across (about a
           head-and-shoulders portrait's; set from the body's proportions, not swept). A head
           alone left the shoulders under it visible, and as a box matched nobody annotated: on
           the twelve sets, with the shoulders, pkg6 kpa_bar55 has 5 -> 8/8 matched (its two
           women in the dark background and a small head), kpa_bar55_2 2 -> 3/4 (pkg6 large+medium
           45 -> 48/56, small 0 -> 1/7, share of people half covered 0.75 -> 0.81), and a face at
           kpa_bar55_2's left edge, annotated as uncertain, now reaches out of its box (counted
           false). No other photo changed.
    body_top: a face nothing segmented whose centre lies in the top ``body_top`` share of the box
           of a person found by their body alone (no face of their own), inside it across, is that
           person's head: the head joins their mask instead of becoming a second person.
    """

    on: bool = True
    width: float = 1.3
    above: float = 0.35
    below: float = 0.2
    score: float = 0.8
    shoulders_below: float = 1.5
    shoulders_width: float = 2.4
    body_top: float = 0.3

    def __post_init__(self) -> None:
        if not 0.0 <= self.body_top <= 1.0:
            raise ValueError(f"bad head options: {self}")
        if self.width < 1.0 or self.above < 0.0 or self.below < 0.0 or not 0.0 < self.score <= 1.0:
            raise ValueError(f"bad head options: {self}")
        if self.shoulders_below < 0.0 or self.shoulders_width < 0.0:
            raise ValueError(f"bad head options: {self}")


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
    max_faces:      a pose whose mask holds the centres of more than this many faces nobody covers
                    yet is dropped: two or three people close together whose face seeds failed
                    (pose found a neighbour's nose), merged into one (issue-12k: the face-api
                    group photos sample5/sample6 of benchmarks/data/real_people_pkg); their faces
                    seed them one by one after the pose passes. Since ``FaceSeedOptions.
                    paint_others`` those face seeds no longer fail there and this changes no
                    measured number; it stays as the guard against the merge.
    paint_grey:     the grey (0-255, each channel) the people found are painted with: mid grey, a
                    colour no person is; not tuned on a photo.
    """

    paint_grow: float = 0.01
    paint_grow_px: int = 2
    painted_share: float = 0.3
    selfie_agree: float = 0.85
    score_scale: float = 0.9
    max_faces: int = 1
    paint_grey: int = 128


@dataclass(frozen=True)
class KeepOptions:
    """Which candidates become people and how people found apart are told apart (embedded.py
    ``find``; body_fusion.py ``same_person``, ``beyond_others``; face_seeds.py ``clear_other_faces``).
    Pixels are working-copy pixels; fw / fh are face widths / heights.

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
    front_fw:         a body box whose head zone holds nobody found before but which holds the face
                      of someone found lower down (someone in front of the person the box is
                      around) leaves the columns within this many face widths either side of that
                      face, from the face down, to them: their legs are not the new person's
                      (issue-12s2: vtest_0150's person half behind a man in black took his legs,
                      15% of their mask below their own box, now 7%; his mask reaches his feet).
    front_gap_fh:     ...when those legs begin at most this many of their face heights below the
                      lowest row of their mask: a part further down, with a gap between, is someone
                      else's or a thing (real_people_pkg8 ``md_office-dark``: a small far head in
                      the next room, mask down to row 838, took two pieces of a body box at rows
                      914-1029, 3 face heights lower, on the table in front; its box ran down
                      through the wall and counted as a false person).
    held_below_fh:    a person found by their face whose body the detector boxes (their face in the
                      box's head zone, most of their pixels inside) keeps nothing more than this many
                      of their face heights below the lowest such box: pose runs on under a table or
                      over the legs of someone beside (real_people_pkg8 ``md_office-dark``: the
                      laughing woman's box 746-918 by the detector, her pose mask to row 1083 under
                      the table, IoU 0.34 for an annotated 745-905).
    held_run_fh:      ...when their mask runs on more than this many face heights below that box
                      (her mask 2.8 below it); a box only a little short (the feet) keeps the mask
                      (real_people_pkg7 ``exifjs_Bush-dog``: a man's mask 0.9 face heights below his
                      box was cut, and a body box's person beside him took his pixels, 0.18 of her
                      mask on others).
    held_min_fh:      ...and only a box at least this many of their face heights tall holds a body: a
                      30 px box above a woman's head (pkg t1, her face 94 px tall, its head zone
                      sized by her face) cut her mask at her forehead, 61696 -> 11927 pixels, once
                      NanoDet's boxes no longer lowered that bottom.
    below_share:      what a body box leaves uncovered beside the person it held is the body of
                      someone found before (their face in the head zone of its own box, at least
                      this share of its pixels in their box's columns, reaching further down than them),
                      not someone new: a man at the back found down to his chest, his legs seen
                      between the men in front (issue-12z: quickie-flip of real_people_pkg3, his
                      legs were found as a second person, a duplicate).
    """

    min_px: int = 16
    face_areas: float = 2
    covered_share: float = 0.5
    body_share: float = 0.6
    head_margin: float = 0.1
    other_face_fw: float = 0.5
    same_face_margin: float = 0.1
    face_grow: float = 0.2
    front_fw: float = 1.0
    front_gap_fh: float = 1.0
    held_below_fh: float = 0.5
    held_run_fh: float = 1.5
    held_min_fh: float = 2.0
    below_share: float = 0.8


@dataclass(frozen=True)
class SkeletonSplitOptions:
    """How the pixels that pose gave to one of several people close together go to the nearest
    skeleton (skeletons.py, issue 12). Distances are in each person's face widths (half the
    shoulder width without a face) from their skeleton: limbs between keypoints of at least
    ``min_visibility``, the torso filled, the face box.

    enabled:        split at all.
    min_visibility: a keypoint takes part when MediaPipe's visibility is at least this.
    own_reach:      a pixel this near its own person's skeleton stays theirs, whoever is near.
    other_reach:    ...farther, it goes to a neighbour whose skeleton lies at most this far...
    ratio:          ...and at most this share of the own distance.
    """

    enabled: bool = True
    min_visibility: float = 0.5
    own_reach: float = 0.4
    other_reach: float = 0.8
    ratio: float = 0.5


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
    body_seen:      ...and, when the body detector runs, it must see a person in the region's box
                    (IoU at least ``body_iou``) scoring at least this on each square crop of
                    ``body_contexts`` times the box's long side around it. People seen from
                    behind or with their face hidden scored 0.47-0.62, one half hidden by a
                    chessboard 0.33; a gabled house front 0.0, a pile of boxes 0.23 (opencv's
                    leuvenB.jpg, box_in_scene.png), Tux on a notebook 0.29.
    body_iou:       see body_seen.
    body_contexts:  see body_seen.
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
    body_seen: float = 0.28
    body_iou: float = 0.3
    body_contexts: tuple[float, ...] = (1.2, 1.5)
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
    max_people:       stop after this many people: a bound on the time a crowd can take, not a
                      count an ordinary photo reaches. 24 -> 64: at 24, "hide everyone" on a
                      street performance seen from above left a dozen people visible (36 found
                      now), and class photos of 26 and 53 (face detection test photos) kept 2
                      and 29; no annotated photo of the 14 real sets has more than 20 found, so
                      none changed. Each person past 24 costs ~0.1 s (a pose crop each): a
                      baseball stadium's stands (hundreds of faces) took 4.3 s at 24, 7.0 s at
                      48 and 13.7 s at 100 (warm, 2 cores); the crowd region (crowd.py) is what
                      covers stands beyond the bound.
    pose_workers:     pose crops of face seeds computed at a time, each by its own pose graph in
                      a worker thread (MediaPipe's pose uses one core); 1 runs them one by one in
                      the caller's thread. The people found are the same either way.
    use_bodies:       run the whole-body detector (bodies.py) and make a person of every body that
                      no face-seeded person explains; a body that holds one such person completes
                      their mask (arms, legs, a shoulder the pose missed).
    body:             the body detector's options (BodyOptions).
    use_nanodet:      also run the second body detector, NanoDet (nanodet.py), once on the working
                      copy: its boxes the SSD did not find join the SSD's bodies before the
                      fusion (issue 12), and only make new people (a box holding someone found
                      never grows their mask). Found pkg2 bus p1, pkg3 studentsSample p4, pkg5
                      einstein p1 that the SSD misses, and took hide-all re-detections on pkg3 and
                      pkg5 to 0.
    nanodet:          which NanoDet boxes join (NanoDetOptions).
    exposure:         a dim photo is brightened for the models (ExposureOptions, exposure.py).
    body_mask:        how a body's mask is made (BodyMaskOptions).
    weak_large:       the second look at large and medium body boxes too weak for the detector
                      (WeakLargeOptions, weak_large.py; max_looks=0 turns it off).
    occluder:         how a body box hidden whole is trimmed to the visible person when something
                      in front of them fills part of it (OccluderTrimOptions).
    seed:             how a face seeds a person (FaceSeedOptions).
    head:             a face nothing could segment is hidden as its head (HeadOptions).
    pose_pass:        the whole-photo pose passes (PosePassOptions).
    keep:             which candidates are kept and how people found apart are told apart
                      (KeepOptions).
    leftover:         person-shaped selfie regions nobody covers yet (LeftoverOptions).
    skeleton:         pixels of people close together go to the nearest skeleton
                      (SkeletonSplitOptions).
    box_neighbours:   a mask made from a body box stops at a neighbour's box (BoxNeighbourOptions).
    behind:           a person at the back does not take the bodies of the people in front
                      (BehindOptions).
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
    body_row:         ...or less, when the box stands in a row of people (BodyRowOptions,
                      body_rows.py).
    selfie_trim:      (score, margin): a body box at least this sure that holds a face-seeded person
                      whose mask only the selfie model gives (no pose) cuts their mask to its
                      columns grown by margin times its width on each side (body_fusion.
                      trim_selfie_spill: the selfie model ran on into a monitor beside a man whom
                      pose did not see, left06 of the "more" photos).
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
    max_people: int = 64
    pose_workers: int = 2
    use_bodies: bool = True
    body: BodyOptions = BodyOptions()
    use_nanodet: bool = True
    nanodet: NanoDetOptions = NanoDetOptions()
    exposure: ExposureOptions = ExposureOptions()
    body_mask: BodyMaskOptions = BodyMaskOptions()
    weak_large: WeakLargeOptions = WeakLargeOptions()
    occluder: OccluderTrimOptions = OccluderTrimOptions()
    seed: FaceSeedOptions = FaceSeedOptions()
    head: HeadOptions = HeadOptions()
    pose_pass: PosePassOptions = PosePassOptions()
    keep: KeepOptions = KeepOptions()
    leftover: LeftoverOptions = LeftoverOptions()
    skeleton: SkeletonSplitOptions = SkeletonSplitOptions()
    box_neighbours: BoxNeighbourOptions = BoxNeighbourOptions()
    behind: BehindOptions = BehindOptions()
    body_reach: float = 0.5
    body_head_faces: float = 1.5
    body_new_share: float = 0.12
    body_unposed: float = 0.45
    body_row: BodyRowOptions = BodyRowOptions()
    body_part_share: float = 0.6
    selfie_trim: tuple[float, float] = (0.45, 0.1)
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
