"""A crowd: many small or blurred people the per-person finder does not list one by one (the
out-of-focus stands behind a footballer), found as one region when a sentence names a crowd.

CenterFace scores such faces far below any face threshold on the whole photo (0.03-0.1), and most
weak detections of a photo are clutter or the heads of people already found. Seen again on a crop
enlarged so the candidate is 80 px wide (``small_faces._look``), the faces of messi5.jpg's stands
that lie off the found people still score 0.07-0.2 (17 of 22), while the clutter away from the
people of 17 crowd-free photos (the vtest plaza frames of real_people and real_people_more,
basketball1/2, two calibration photos) reaches 0.07 at most twice per photo: 0-2 such faces, against
17 on messi5.jpg (measured 2026-12-02, issue-13k; ~0.2-3 s per photo on the loaded 2-core
machine). A crowd is there when at least ``min_faces`` such faces lie off the found people; its
region is the union of a body-sized box under each face, closed over the gaps between neighbours,
without the found people (they are listed on their own).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rpipp_gui.people.centerface import CenterFace, nms
from rpipp_gui.people.person import Box, Person
from rpipp_gui.people.small_faces import _look


@dataclass(frozen=True)
class CrowdOptions:
    """How a crowd is found (``CROWD_OPTIONS`` is the default). Measured on messi5.jpg (a crowd)
    and 15 crowd-free photos (see the module's docstring), issue-13k.

    candidate:      whole-photo CenterFace score from which a weak detection is looked at again
                    (messi5's crowd faces: 0.03-0.1).
    same_face_iou:  weak detections overlapping a better one by more than this IoU are one face.
    max_face_share: candidates wider than this share of the photo's long side are not the faces of
                    a crowd (messi5's: 2-5 %).
    max_checks:     at most this many candidates, best first, are looked at again (each ~20-60 ms
                    CPU; the plaza frames have 26-62 off the people).
    zoom_face_px:   the candidate is this wide in the enlarged crop (as ``SmallFaceOptions``).
    zoom_floor:     on the enlarged crop, the detection nearest the candidate from this score on is
                    the candidate's (a floor under every score that counts)...
    zoom_score:     ...and its score from which a candidate is a crowd face: messi5's
                    crowd faces 0.07-0.2 (17 of 22 off the people), crowd-free photos at most 2
                    candidates from 0.07 on.
    min_faces:      a crowd has at least this many such faces off the found people (messi5: 17,
                    crowd-free photos: 0-2; the region then keeps 16).
    body_width:     each face stands for a body this many face widths wide...
    body_below:     ...reaching this many face heights below the face...
    body_above:     ...and this many above it (hair, hats).
    close_faces:    gaps between neighbouring bodies up to this many median face widths are closed
                    (the people between weak faces of the stands); then each part is filled to its
                    convex hull. messi5's crowd box covered 45 % with 2 (two parts, the stands
                    above the player's head left out), 69 % with 3 (one part), 69-75 % with 4-5
                    (the region reaching 10 px further onto the grass); 99 % of the region inside it.
    min_cluster:    parts of the region holding fewer faces than this are left out (a lone weak
                    face is not a crowd).
    edge_reach:     a part ending within this many median face widths of a side of the photo
                    reaches that side (its hull takes in the part's pixels projected onto it): a
                    crowd goes on past the border, and faces cut by it are not found. On messi5
                    the hull stopped 38 px (1.8 face widths) short of the right border and left the
                    lower stands under a diagonal edge visible (seen in the window): crowd1's box
                    covered 66 % with 0 (99.2 % of the region inside it), 81 % with 2.5 (96.4 %
                    inside; the rest is the bodies' feet below the box; 100 % of what is not the
                    two players would be 0.81 + their share). The filled bounding box of each
                    part gave 74 % without reaching the sides, the same 81 % with.
    """

    candidate: float = 0.03
    same_face_iou: float = 0.1
    max_face_share: float = 0.08
    max_checks: int = 64
    zoom_face_px: int = 80
    zoom_floor: float = 0.01
    zoom_score: float = 0.07
    min_faces: int = 6
    body_width: float = 2.5
    body_below: float = 3.0
    body_above: float = 0.25
    close_faces: float = 3.0
    min_cluster: int = 2
    edge_reach: float = 2.5


CROWD_OPTIONS = CrowdOptions()


@dataclass(frozen=True, eq=False)
class Crowd:
    """A crowd region of one photo.

    mask:  HxW bool at photo resolution: the crowd, without the people found one by one.
    faces: Nx5 float32, the crowd faces that made it (x0, y0, x1, y1 photo pixels, enlarged-crop
           score).
    """

    mask: np.ndarray
    faces: np.ndarray

    @property
    def box(self) -> Box:
        """(x0, y0, x1, y1) around the region."""
        ys, xs = np.nonzero(self.mask)
        return float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1)

    @property
    def count(self) -> int:
        """How many faces of the crowd were seen."""
        return len(self.faces)


def people_mask(people: list[Person], shape: tuple[int, int]) -> np.ndarray:
    """HxW bool: the union of the people's masks (their boxes when they have none)."""
    h, w = shape
    out = np.zeros((h, w), bool)
    for p in people:
        if p.mask is not None and p.mask.shape == (h, w):
            out |= p.mask
        else:
            x0, y0, x1, y1 = (int(round(v)) for v in p.box)
            out[max(0, y0) : max(0, min(h, y1)), max(0, x0) : max(0, min(w, x1))] = True
    return out


def crowd_faces(
    rgb: np.ndarray, found: np.ndarray, centerface: CenterFace, options: CrowdOptions = CROWD_OPTIONS
) -> np.ndarray:
    """The crowd faces of an HxWx3 uint8 RGB photo: weak CenterFace detections whose centre lies
    off ``found`` (HxW bool, the people found one by one) that an enlarged crop confirms weakly.
    Returns Nx5 float32 (x0, y0, x1, y1 photo pixels, enlarged-crop score), best first."""
    o = options
    h, w = rgb.shape[:2]
    boxes, _ = centerface.detect(rgb, o.candidate)
    if len(boxes) == 0:
        return np.zeros((0, 5), np.float32)
    boxes = boxes[nms(boxes[:, :4], boxes[:, 4], o.same_face_iou)]
    cx = np.clip(((boxes[:, 0] + boxes[:, 2]) / 2).astype(int), 0, w - 1)
    cy = np.clip(((boxes[:, 1] + boxes[:, 3]) / 2).astype(int), 0, h - 1)
    small = (boxes[:, 2] - boxes[:, 0]) <= o.max_face_share * max(h, w)
    cands = boxes[small & ~found[cy, cx]][: o.max_checks]
    out = []
    for cand in cands:
        # the detection nearest the candidate, however weak: a stronger one a little aside is
        # often the head of someone found, in the same enlarged crop
        face = _look(centerface, rgb, cand, 1.0, o.zoom_face_px, o.zoom_floor)
        if face is None or face.score < o.zoom_score:
            continue
        fx = min(w - 1, max(0, int((face.box[0] + face.box[2]) / 2)))
        fy = min(h - 1, max(0, int((face.box[1] + face.box[3]) / 2)))
        if not found[fy, fx]:
            out.append([*cand[:4], face.score])
    if not out:
        return np.zeros((0, 5), np.float32)
    faces = np.asarray(out, np.float32)
    return faces[np.argsort(-faces[:, 4], kind="stable")]


def crowd_region(
    faces: np.ndarray, shape: tuple[int, int], options: CrowdOptions = CROWD_OPTIONS
) -> tuple[np.ndarray, np.ndarray]:
    """(HxW bool region, the faces of ``faces`` (Nx5) inside it): a body-sized box under each face,
    gaps up to ``close_faces`` median face widths closed, parts with fewer than ``min_cluster``
    faces left out, each part filled to its convex hull, reaching the sides of the photo it ends
    within ``edge_reach`` median face widths of."""
    import cv2

    o = options
    h, w = shape
    region = np.zeros((h, w), np.uint8)
    for x0, y0, x1, y1, _ in faces:
        fw, fh, cx = x1 - x0, y1 - y0, (x0 + x1) / 2
        bx0, bx1 = int(max(0, cx - o.body_width * fw / 2)), int(min(w, np.ceil(cx + o.body_width * fw / 2)))
        by0, by1 = int(max(0, y0 - o.body_above * fh)), int(min(h, np.ceil(y1 + o.body_below * fh)))
        region[by0:by1, bx0:bx1] = 1
    if len(faces):
        k = max(1, int(round(o.close_faces * float(np.median(faces[:, 2] - faces[:, 0])))))
        region = cv2.morphologyEx(region, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    n, labels = cv2.connectedComponents(region, connectivity=8)
    cx = np.clip(((faces[:, 0] + faces[:, 2]) / 2).astype(int), 0, w - 1)
    cy = np.clip(((faces[:, 1] + faces[:, 3]) / 2).astype(int), 0, h - 1)
    owner = labels[cy, cx]
    keep = [k for k in range(1, n) if int((owner == k).sum()) >= o.min_cluster]
    out = np.zeros((h, w), np.uint8)
    reach = o.edge_reach * float(np.median(faces[:, 2] - faces[:, 0])) if len(faces) else 0.0
    for k in keep:  # the stands between the faces seen
        ys, xs = np.nonzero(labels == k)
        pts = [np.stack([xs, ys], axis=1)]
        # a crowd goes on past the border: a part ending near a side reaches it
        if xs.min() <= reach:
            pts.append(np.stack([np.zeros_like(ys), ys], axis=1))
        if w - 1 - xs.max() <= reach:
            pts.append(np.stack([np.full_like(ys, w - 1), ys], axis=1))
        if ys.min() <= reach:
            pts.append(np.stack([xs, np.zeros_like(xs)], axis=1))
        if h - 1 - ys.max() <= reach:
            pts.append(np.stack([xs, np.full_like(xs, h - 1)], axis=1))
        cv2.fillConvexPoly(out, cv2.convexHull(np.concatenate(pts).astype(np.int32)), 1)
    return out.astype(bool), faces[np.isin(owner, keep)]


def find_crowd(
    rgb: np.ndarray,
    people: list[Person],
    centerface: CenterFace | None = None,
    options: CrowdOptions = CROWD_OPTIONS,
) -> Crowd | None:
    """The crowd of an HxWx3 uint8 RGB photo beside the ``people`` found one by one, or None when
    there is none (fewer than ``min_faces`` crowd faces off them). The region leaves the people
    out. centerface: the face model to use (None: the process-wide face detector's)."""
    if centerface is None:
        from rpipp_gui.people.faces import default_face_detector

        centerface = default_face_detector().centerface
    found = people_mask(people, rgb.shape[:2])
    faces = crowd_faces(rgb, found, centerface, options)
    if len(faces) < options.min_faces:
        return None
    region, faces = crowd_region(faces, rgb.shape[:2], options)
    region &= ~found
    if len(faces) < options.min_faces or not region.any():
        return None
    return Crowd(region, faces)
