"""The plain-data record of one person found in a photo."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from rpipp_gui.imaging.boxes import Box, box_iou

__all__ = ["Box", "BoxShape", "Person", "box_iou"]


class BoxShape:
    """Width, height and centre of a record's ``box`` (x0, y0, x1, y1)."""

    box: Box

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def center(self) -> tuple[float, float]:
        return ((self.box[0] + self.box[2]) / 2.0, (self.box[1] + self.box[3]) / 2.0)


HEAD_ONLY = "face"  # Person.source of a head the finder hid with no body (face_seeds.head_only)


@dataclass
class Person(BoxShape):
    """One person in a photo. Only ``box`` is required; every other field is optional.

    box:       (x0, y0, x1, y1) float pixels of the photo.
    mask:      HxW bool at photo resolution, True on the person, or None.
    face_box:  (x0, y0, x1, y1) of the face when one was seen, or None.
    keypoints: Kx3 float32 (x, y, visibility 0..1) in photo pixels, MediaPipe Pose's 33-point order,
               or None.
    score:     detection confidence 0..1.
    source:    which backend found the person ("pose", "face+pose", "selfie", "box", ...;
               ``HEAD_ONLY``: a face nothing could segment, hidden as its head, no body seen).
    """

    box: Box
    mask: np.ndarray | None = None
    face_box: Box | None = None
    keypoints: np.ndarray | None = None
    score: float = 1.0
    source: str = ""
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        x0, y0, x1, y1 = (float(v) for v in self.box)
        if not (x1 > x0 and y1 > y0):
            raise ValueError(f"person box must have x1 > x0 and y1 > y0, got {self.box}")
        self.box = (x0, y0, x1, y1)
        if self.mask is not None:
            self.mask = np.asarray(self.mask, dtype=bool)
            if self.mask.ndim != 2:
                raise ValueError(f"person mask must be HxW, got shape {self.mask.shape}")
