"""Options of the people finder."""

from __future__ import annotations

from dataclasses import dataclass


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
    min_area:         smallest person kept, as a fraction of the photo's area; a person seeded by
                      a face needs only twice the face's area (people far away are small).
    max_people:       stop after this many people.
    pose_workers:     pose crops of face seeds computed at a time, each by its own pose graph in
                      a worker thread (MediaPipe's pose uses one core); 1 runs them one by one in
                      the caller's thread. The people found are the same either way.
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
    min_area: float = 0.002
    max_people: int = 24
    pose_workers: int = 2

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
        if self.pose_passes < 0 or self.max_people < 1 or self.pose_workers < 1:
            raise ValueError("pose_passes must be >= 0, max_people and pose_workers >= 1")
        if not 0.0 <= self.min_area < 1.0:
            raise ValueError(f"min_area is a fraction of the photo in [0, 1), got {self.min_area}")
