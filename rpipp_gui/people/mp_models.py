"""MediaPipe 0.10.14's bundled pose (with segmentation) and selfie segmentation, loaded lazily.

Only ``model_complexity=1`` is bundled in the wheel; 0 and 2 would try to download. Each model keeps
internal state, so every call holds the model's lock.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import threading
import types
import warnings
from dataclasses import dataclass

import numpy as np

from rpipp_gui.errors import ModelError
from rpipp_gui.logs import native_output_to_log


@dataclass(frozen=True)
class PoseResult:
    """One person found by MediaPipe Pose in an image.

    keypoints: 33x3 float32 (x, y, visibility 0..1) in the image's pixels, MediaPipe's order.
    prob:      HxW float32 0..1, the person's segmentation probability at the image's size.
    """

    keypoints: np.ndarray
    prob: np.ndarray

    @property
    def nose(self) -> tuple[float, float]:
        return float(self.keypoints[0, 0]), float(self.keypoints[0, 1])


def import_mediapipe():
    """Import mediapipe with its protobuf deprecation warnings quietened and its graphs' native
    start-up chatter sent to the log (see ``_quiet_first_runs``)."""
    os.environ.setdefault("GLOG_minloglevel", "2")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    warnings.filterwarnings("ignore", message=r"SymbolDatabase\.GetPrototype", category=UserWarning)
    if "mediapipe" not in sys.modules:
        for name in _LAZY_FOR_MEDIAPIPE:
            defer_import(name)
    try:
        import mediapipe as mp
    except Exception as e:
        raise ModelError(f"the people finder needs mediapipe==0.10.14: {e}") from e
    finally:
        for name in _LAZY_FOR_MEDIAPIPE:  # reachable as an attribute of its package too
            parent, _, child = name.rpartition(".")
            module, package = sys.modules.get(name), sys.modules.get(parent)
            if isinstance(module, _Deferred) and package is not None and not hasattr(package, child):
                setattr(package, child, module)
    _quiet_first_runs()
    return mp


# Imported by ``import mediapipe`` for what the finder never uses: its drawing helpers import
# matplotlib.pyplot (~0.25 s beyond matplotlib itself), its audio tasks sounddevice (~0.05 s, and
# PortAudio starts). Deferred, they load on first real use. matplotlib itself is deferred too:
# ``import matplotlib.pyplot as plt`` imports the package before it looks for pyplot (~0.1-0.2 s
# more, half of what was left of mediapipe's import). A package comes after its modules here.
_LAZY_FOR_MEDIAPIPE = ("matplotlib.pyplot", "matplotlib", "sounddevice")


class _Deferred(types.ModuleType):
    """A stand-in for a module not imported yet: the first attribute asked of it imports the real
    module (which then replaces it in ``sys.modules``) and answers from it, as do later ones."""

    def __getattr__(self, attr: str):
        name = self.__name__
        with _deferred_lock:
            if sys.modules.get(name) is self:
                del sys.modules[name]
            real = importlib.import_module(name)
        return getattr(real, attr)


# re-entrant: importing a deferred module may ask a deferred package of it for its path
_deferred_lock = threading.RLock()


def defer_import(name: str) -> None:
    """Put a ``_Deferred`` stand-in for module ``name`` in ``sys.modules``: ``import name`` then
    costs nothing until an attribute of it is used. Nothing happens when it is imported already or
    its (top-level) package cannot be found."""
    if name in sys.modules:
        return
    try:
        if importlib.util.find_spec(name.partition(".")[0]) is None:
            return
    except (ImportError, ValueError):
        return
    sys.modules[name] = stand_in = _Deferred(name)
    prefix = name + "."
    for child_name, child in list(sys.modules.items()):  # ``import name.child as c`` asks name for child
        if (
            child_name.startswith(prefix)
            and "." not in child_name[len(prefix) :]
            and isinstance(child, _Deferred)
        ):
            setattr(stand_in, child_name[len(prefix) :], child)


_QUIET_MARK = "_rpipp_quiet"


def _quiet_first_runs() -> None:
    """A MediaPipe graph starts its TFLite interpreters on threads of its own between its creation
    and the end of its FIRST ``process`` call, and they print "Created TensorFlow Lite XNNPACK
    delegate" and absl feedback-manager warnings straight to file descriptor 2. Every MediaPipe
    solution (pose, selfie segmentation, face detection, wherever it is created) is a
    ``SolutionBase``: its creation and its first ``process`` call run inside
    ``rpipp_gui.logs.native_output_to_log``, so the chatter reaches the debug log, not the terminal."""
    from mediapipe.python import solution_base

    base = solution_base.SolutionBase
    if getattr(base.process, _QUIET_MARK, False):
        return
    original_init, original_process = base.__init__, base.process

    def __init__(self, *args, **kwargs):  # noqa: N807 - wraps MediaPipe's constructor
        with native_output_to_log(f"creating MediaPipe {type(self).__name__}"):
            original_init(self, *args, **kwargs)

    def process(self, *args, **kwargs):
        if getattr(self, _QUIET_MARK, False):
            return original_process(self, *args, **kwargs)
        with native_output_to_log(f"starting MediaPipe {type(self).__name__}"):
            result = original_process(self, *args, **kwargs)
            idle = getattr(getattr(self, "_graph", None), "wait_until_idle", None)
            if callable(idle):  # nodes the first image did not reach may still be starting
                idle()
        setattr(self, _QUIET_MARK, True)
        return result

    setattr(process, _QUIET_MARK, True)
    base.__init__, base.process = __init__, process


def quiet_native_stderr():
    """Kept for callers of the old name: ``rpipp_gui.logs.native_output_to_log``."""
    return native_output_to_log("running MediaPipe")


class MediaPipeModels:
    """Pose (complexity 1, segmentation on) and selfie segmentation (general and landscape).
    Each graph runs one image at a time; pose and selfie segmentation may run side by side."""

    def __init__(self) -> None:
        self._pose = None
        self._selfie: dict[int, object] = {}
        self._lock = threading.Lock()  # pose
        self._selfie_lock = threading.Lock()

    @staticmethod
    def _mp():
        return import_mediapipe()

    def pose(self, rgb: np.ndarray) -> PoseResult | None:
        """Run pose on an HxWx3 uint8 RGB image; the single most prominent person, or None."""
        h, w = rgb.shape[:2]
        with self._lock:
            if self._pose is None:
                try:
                    self._pose = self._mp().solutions.pose.Pose(
                        static_image_mode=True, model_complexity=1, enable_segmentation=True
                    )
                except ModelError:
                    raise
                except Exception as e:
                    raise ModelError(f"cannot load MediaPipe Pose (complexity 1): {e}") from e
            result = self._pose.process(np.ascontiguousarray(rgb))
        if result.pose_landmarks is None or result.segmentation_mask is None:
            return None
        lms = result.pose_landmarks.landmark
        keypoints = np.array([[p.x * w, p.y * h, p.visibility] for p in lms], dtype=np.float32)
        prob = np.clip(np.asarray(result.segmentation_mask, dtype=np.float32), 0.0, 1.0)
        return PoseResult(keypoints, prob)

    def selfie(self, rgb: np.ndarray, landscape: bool = False) -> np.ndarray:
        """Selfie segmentation of an HxWx3 uint8 RGB image: HxW float32 probability of "person"
        (every person as one blob). landscape picks the 144x256 model instead of the 256x256 one."""
        selection = 1 if landscape else 0
        with self._selfie_lock:
            model = self._selfie.get(selection)
            if model is None:
                try:
                    model = self._mp().solutions.selfie_segmentation.SelfieSegmentation(
                        model_selection=selection
                    )
                except ModelError:
                    raise
                except Exception as e:
                    raise ModelError(f"cannot load MediaPipe selfie segmentation: {e}") from e
                self._selfie[selection] = model
            result = model.process(np.ascontiguousarray(rgb))
        return np.clip(np.asarray(result.segmentation_mask, dtype=np.float32), 0.0, 1.0)
