"""MediaPipe 0.10.14's bundled pose (with segmentation) and selfie segmentation, loaded lazily.

Only ``model_complexity=1`` is bundled in the wheel; 0 and 2 would try to download. Each model keeps
internal state, so every call holds the model's lock.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import warnings
from dataclasses import dataclass

import numpy as np

from rpipp_gui.errors import ModelError


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
    """Import mediapipe with its C++ start-up logging and protobuf deprecation warnings quietened."""
    os.environ.setdefault("GLOG_minloglevel", "2")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    warnings.filterwarnings("ignore", message=r"SymbolDatabase\.GetPrototype", category=UserWarning)
    try:
        import mediapipe as mp
    except Exception as e:
        raise ModelError(f"the people finder needs mediapipe==0.10.14: {e}") from e
    return mp


@contextlib.contextmanager
def quiet_native_stderr():
    """Send file descriptor 2 to /dev/null for the block: MediaPipe's and TFLite's C++ code logs
    start-up chatter ("Created TensorFlow Lite XNNPACK delegate", feedback-manager warnings) that
    ``warnings``/``logging`` cannot silence. For command-line tools: it silences every thread's
    stderr while active. Python exceptions still propagate normally."""
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all
        yield
        return
    try:
        sys.stderr.flush()
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 2)
        finally:
            os.close(devnull)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


class MediaPipeModels:
    """Pose (complexity 1, segmentation on) and selfie segmentation (general and landscape)."""

    def __init__(self) -> None:
        self._pose = None
        self._selfie: dict[int, object] = {}
        self._lock = threading.Lock()

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
        with self._lock:
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
