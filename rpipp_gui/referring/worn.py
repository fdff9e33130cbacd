"""What a person wears and holds, read by an ImageNet-1k classifier on the crop of their box.

The network is EfficientNet-Lite2 (ImageNet-1k, 1000 classes: 'cowboy hat', 'crash helmet',
'suit', 'Windsor tie', 'backpack', 'sunglasses', 'mountain bike', ...) vendored as
``models/worn-efficientnet-lite2.onnx`` with its class names in ``models/imagenet_labels.txt``
(both made by ``scripts/extract_worn_classifier.py``; Apache-2.0, see models/NOTICE). It runs on
onnxruntime, imported on first use; no torch at run time.

A person's box is cut from the photo, padded to a square with a flat grey (the box's middle stays
in the middle), scaled to the network's side and read; the answer is the softmax over the 1000
classes. These readings are never labels: the sentence side compares them between the people of
one photo ("the man in the cowboy hat" is the one whose crop scores 'cowboy hat' highest).
"""

from __future__ import annotations

import functools
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rpipp_gui.errors import ModelError
from rpipp_gui.shared import Shared

MODEL_NAME = "worn_classifier"  # models/MANIFEST.json entries
LABELS_NAME = "worn_classifier_labels"
N_CLASSES = 1000


@dataclass(frozen=True)
class WornOptions:
    """How a person's crop is read (measured 2026-12-03 on the 333 annotated people of the dev set,
    real_people_more and pkg..pkg7 by ``benchmarks/worn_classes.py --auc``: the probability of the
    classes a person's description names -- 25 keywords, 18 of them matching someone, such as
    'helmet' -> crash/football helmet, 'tie' -> Windsor/bow tie, 'jeans' -> jean -- ranked against
    the other people's, AUC weighted by the people matched; 0.806 as shipped. The side, the
    convolution padding and the photo-context square were compared on torch builds of
    scripts/extract_worn_classifier.py with the crop padded before scaling: AUC 0.798 as shipped).

    side:       the network's input side in pixels; must match the ONNX file (260, Lite2's own).
                260: AUC 0.798, 224: 0.787 (torch builds); 224 would be about 1.4x faster.
    fill:       RGB of the bars that pad the crop to a square (about ImageNet's mean colour).
                Padding with the photo around the box instead (a square box cut from the photo):
                AUC 0.769 at 260, 0.768 at 224 -- neighbours' clothes leak in.
    margin:     the box is grown by this share of its width / height on each side before the cut
                (clipped to the photo). 0.0: AUC 0.806; 0.05: 0.798; 0.1: 0.795.
    mean, scale: pixel values enter the network as (v - mean) / scale, the TF EfficientNet-Lite
                normalisation; the ImageNet mean/std normalisation read darknet's sample photos
                wrongly (dog -> 'mountain bike') in the vendoring helper's check.
    threads:    onnxruntime intra-op threads. 1: on this 2-core machine, shared with the other
                readers, one thread per session was faster overall than two.
    batch:      at most this many crops per network run in ``probabilities_many`` (it bounds
                memory: 0.8 MB of input per crop). Batching does not make a crop cheaper on one
                thread: pkg7's 27 people took 22 ms per crop one at a time, 25 ms batched by photo.

    The network's stride-2 convolutions use symmetric zero padding (baked into the ONNX file by
    the extraction script): it beat TF's 'same' padding (AUC 0.798 vs 0.791 at 260; darknet's
    sample photos read more surely). One crop takes about 22 ms on one thread here (333 crops,
    median), the model loads in about 0.15 s (the machine is shared, so roughly).
    """

    side: int = 260
    fill: tuple[int, int, int] = (124, 116, 104)
    margin: float = 0.0
    mean: float = 127.0
    scale: float = 128.0
    threads: int = 1
    batch: int = 8

    def __post_init__(self) -> None:
        if self.side < 32:
            raise ValueError(f"side must be at least 32 pixels, got {self.side}")
        if len(self.fill) != 3 or not all(0 <= int(v) <= 255 for v in self.fill):
            raise ValueError(f"fill must be three values in 0..255, got {self.fill!r}")
        if not 0 <= self.margin <= 1:
            raise ValueError(f"margin must be in [0, 1], got {self.margin}")
        if self.scale <= 0:
            raise ValueError(f"scale must be positive, got {self.scale}")
        if self.threads < 1 or self.batch < 1:
            raise ValueError(f"threads and batch must be at least 1, got {self.threads}, {self.batch}")


WORN_OPTIONS = WornOptions()


def _check_image(image: np.ndarray) -> None:
    if not isinstance(image, np.ndarray) or image.ndim != 3 or image.shape[2] != 3 or image.dtype != np.uint8:
        raise ValueError(
            f"image must be an HxWx3 uint8 RGB array, got {getattr(image, 'shape', None)} "
            f"{getattr(image, 'dtype', type(image).__name__)}"
        )
    if image.shape[0] == 0 or image.shape[1] == 0:
        raise ValueError(f"image is empty: {image.shape}")


def pixel_box(box: Sequence[float], shape: tuple[int, int], margin: float = 0.0) -> tuple[int, int, int, int]:
    """The integer (x0, y0, x1, y1) of ``box`` (photo pixels, floats allowed, x0 < x1, y0 < y1),
    grown by ``margin`` of its size on each side and clipped to a photo of ``shape`` (h, w): every
    pixel the box touches (floor of the start, ceil of the end).

    Raises ValueError when the box is not four finite numbers or has no area inside the photo
    (empty, inverted, zero-width, or wholly outside): there is nothing to read."""
    try:
        x0, y0, x1, y1 = (float(v) for v in box)
    except (TypeError, ValueError) as e:
        raise ValueError(f"box must be four numbers (x0, y0, x1, y1), got {box!r}") from e
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)):
        raise ValueError(f"box must be finite, got {box!r}")
    h, w = shape
    gx, gy = margin * (x1 - x0), margin * (y1 - y0)
    x0, y0, x1, y1 = max(x0 - gx, 0.0), max(y0 - gy, 0.0), min(x1 + gx, float(w)), min(y1 + gy, float(h))
    if not (x1 > x0 and y1 > y0):
        raise ValueError(f"box {tuple(box)!r} has no area inside the {h}x{w} photo")
    return int(math.floor(x0)), int(math.floor(y0)), int(math.ceil(x1)), int(math.ceil(y1))


def square_crop(image: np.ndarray, box: Sequence[float], options: WornOptions = WORN_OPTIONS) -> np.ndarray:
    """side x side x 3 uint8 RGB: the box's pixels of ``image`` (HxWx3 uint8 RGB), scaled so
    that their longer side is ``options.side`` (area averaging down, bicubic up) and centred on a
    square of ``options.fill``. ValueError as ``pixel_box`` for a box with nothing inside."""
    import cv2

    _check_image(image)
    x0, y0, x1, y1 = pixel_box(box, image.shape[:2], options.margin)
    crop = image[y0:y1, x0:x1]
    ch, cw = crop.shape[:2]
    side = options.side
    f = side / max(ch, cw)
    nw, nh = min(side, max(1, round(cw * f))), min(side, max(1, round(ch * f)))
    interp = cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC
    scaled = cv2.resize(np.ascontiguousarray(crop), (nw, nh), interpolation=interp)
    out = np.empty((side, side, 3), np.uint8)
    out[:] = np.asarray(options.fill, np.uint8)
    ox, oy = (side - nw) // 2, (side - nh) // 2
    out[oy : oy + nh, ox : ox + nw] = scaled.reshape(nh, nw, 3)
    return out


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = logits.astype(np.float64) - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


class WornReader:
    """ImageNet-1k class probabilities of people's crops. Thread-safe; the ONNX model loads on
    first use (``warm_up`` loads it now) after its SHA-256 is checked against the manifest."""

    def __init__(self, options: WornOptions = WORN_OPTIONS) -> None:
        self.options = options
        self._lock = threading.Lock()
        self._session = None

    def _load(self):
        with self._lock:
            if self._session is None:
                from rpipp_gui.vendored import vendored_path

                path = vendored_path(MODEL_NAME)
                try:
                    import onnxruntime as ort

                    opts = ort.SessionOptions()
                    opts.intra_op_num_threads = self.options.threads
                    opts.inter_op_num_threads = 1
                    session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
                except Exception as e:
                    raise ModelError(f"onnxruntime cannot load the worn-things classifier {path}: {e}") from e
                inputs, outputs = session.get_inputs(), session.get_outputs()
                shape = list(inputs[0].shape) if inputs else []
                if (
                    len(inputs) != 1
                    or inputs[0].name != "image"
                    or shape[1:] != [3, self.options.side, self.options.side]
                    or len(outputs) != 1
                    or outputs[0].shape[-1] != N_CLASSES
                ):
                    raise ModelError(
                        f"the worn-things classifier {path} does not match the code: input {shape}, "
                        f"expected [N, 3, {self.options.side}, {self.options.side}] -> [N, {N_CLASSES}]"
                    )
                self._session = session
            return self._session

    def warm_up(self) -> None:
        """Load the model now (checks its SHA-256, about 0.15 s once per process) and run one crop,
        so that the first sentence about what someone wears does not wait for it."""
        self.probabilities(np.zeros((8, 8, 3), np.uint8), (0, 0, 8, 8))

    def probabilities(self, image: np.ndarray, box: Sequence[float]) -> np.ndarray:
        """(1000,) float32 softmax over the ImageNet classes (``class_names()`` order) for the
        crop of ``box`` (x0, y0, x1, y1 photo pixels; floats allowed, clipped to the photo) of
        ``image`` (HxWx3 uint8 RGB). ValueError for a box with no area inside the photo."""
        return self.probabilities_many(image, [box])[0]

    def probabilities_many(self, image: np.ndarray, boxes: Sequence[Sequence[float]]) -> np.ndarray:
        """(N, 1000) float32: ``probabilities`` of each box, run in batches of ``options.batch``.
        N = 0 gives a (0, 1000) array without loading the model. ValueError names the first box
        with no area inside the photo before anything runs."""
        _check_image(image)
        crops = [square_crop(image, box, self.options) for box in boxes]
        if not crops:
            return np.zeros((0, N_CLASSES), np.float32)
        session = self._load()
        o = self.options
        out = []
        for i in range(0, len(crops), o.batch):
            x = np.stack(crops[i : i + o.batch]).astype(np.float32)
            x = np.ascontiguousarray(((x - o.mean) / o.scale).transpose(0, 3, 1, 2))
            out.append(_softmax(session.run(None, {"image": x})[0]))
        return np.concatenate(out)


@functools.lru_cache(maxsize=1)
def _labels() -> tuple[str, ...]:
    from rpipp_gui.vendored import vendored_path

    path = vendored_path(LABELS_NAME)
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) != N_CLASSES or not all(lines):
        raise ModelError(f"{path} should hold {N_CLASSES} class names, one a line; it holds {len(lines)}")
    return tuple(lines)


def class_names() -> tuple[str, ...]:
    """The 1000 ImageNet class names in the network's output order: each is the whole line of
    models/imagenet_labels.txt, i.e. the name and its synonyms, comma-separated ('cowboy hat,
    ten-gallon hat', 'sunglasses, dark glasses, shades', 'crash helmet'); the first synonym is
    ``name.split(',')[0]``. Two first names repeat ('crane' the bird and the machine, 'maillot').
    ModelError when the file is missing, altered or not 1000 lines."""
    return _labels()


_READER = Shared(WornReader)


def worn_reader() -> WornReader:
    """The process-wide WornReader (the model loads once)."""
    return _READER.get()
