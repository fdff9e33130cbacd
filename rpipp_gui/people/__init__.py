"""Photo -> person instances (boxes, masks, faces, pose). Qt-free.

    find_people(rgb, options=None) -> list[Person]        one-shot, embedded backend
    PeopleFinder(backend="embedded", options=None)         set_image / people / segment_box / device
    BACKENDS, register_backend(name, factory)              pluggable detectors
    faces.detect_faces(rgb, threshold=0.3) -> list[Face]   CenterFace + MediaPipe faces
    privacy.tdir(before, after, region_mask) -> TdirResult the face re-identification check

Heavy models (mediapipe, onnxruntime) load lazily, on first use.
"""

from rpipp_gui.people.backends import BACKENDS, PersonBackend, create_backend, register_backend
from rpipp_gui.people.finder import PeopleFinder, find_people
from rpipp_gui.people.options import FinderOptions
from rpipp_gui.people.person import Box, Person

__all__ = [
    "BACKENDS",
    "Box",
    "FinderOptions",
    "PeopleFinder",
    "Person",
    "PersonBackend",
    "create_backend",
    "find_people",
    "register_backend",
]
