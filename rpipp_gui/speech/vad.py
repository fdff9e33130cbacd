"""Voice activity: is there speech in this audio, and where does it end?

Two detectors with one job each:

- :func:`detect_speech` - the gate before decoding. It runs the Silero VAD network that the
  faster-whisper package ships (ONNX, ~1 MB, ~2 ms per second of audio) and falls back to an energy
  detector when that package is missing. Silence, hiss, hum and most single coughs do not pass,
  so Whisper never gets the chance to invent words for them.
- :class:`EnergyGate` - a frame-by-frame detector cheap enough for the capture callback, used by
  hands-free recording to notice the end of speech.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from rpipp_gui.speech.audio import SAMPLE_RATE

SILERO_WINDOW = 512
"""Samples per Silero VAD decision (32 ms at 16 kHz)."""


@dataclass(frozen=True)
class VadResult:
    """Outcome of :func:`detect_speech`.

    Attributes:
        speech_s: seconds judged to be speech.
        segments: (start, end) sample indices of the speech runs, in order.
        method: "silero" or "energy".
    """

    speech_s: float
    segments: tuple[tuple[int, int], ...]
    method: str

    @property
    def has_speech(self) -> bool:
        return bool(self.segments)


@functools.lru_cache(maxsize=1)
def _silero():
    """The Silero VAD model shipped with faster-whisper, or None when unavailable."""
    try:
        from faster_whisper.vad import get_vad_model
    except ImportError:
        return None
    return get_vad_model()


def speech_probabilities(audio: np.ndarray) -> np.ndarray | None:
    """Silero speech probability per 32 ms window.

    Args:
        audio: [N] float32 16 kHz mono.
    Returns:
        [ceil(N / 512)] float32 in [0, 1], or None when the Silero model is not installed.
    """
    model = _silero()
    if model is None:
        return None
    x = np.asarray(audio, dtype=np.float32)
    pad = (-x.size) % SILERO_WINDOW
    x = np.pad(x, (0, pad)) if pad or x.size == 0 else x
    if x.size == 0:
        x = np.zeros(SILERO_WINDOW, np.float32)
    return np.asarray(model(np.ascontiguousarray(x)), dtype=np.float32).reshape(-1)


def frame_rms(audio: np.ndarray, frame: int = SILERO_WINDOW) -> np.ndarray:
    """Root-mean-square level per frame: [N] float -> [ceil(N / frame)] float32."""
    x = np.asarray(audio, dtype=np.float32)
    pad = (-x.size) % frame
    x = np.pad(x, (0, pad)).reshape(-1, frame)
    return np.sqrt(np.mean(x * x, axis=1) + 1e-12).astype(np.float32)


def _runs(mask: np.ndarray, min_frames: int, max_gap: int) -> list[tuple[int, int]]:
    """Frame-index runs of True, gaps up to ``max_gap`` frames bridged, runs shorter than min dropped."""
    runs: list[list[int]] = []
    for i in np.flatnonzero(mask):
        if runs and i - runs[-1][1] <= max_gap + 1:
            runs[-1][1] = int(i)
        else:
            runs.append([int(i), int(i)])
    return [(a, b + 1) for a, b in runs if b + 1 - a >= min_frames]


def detect_speech(
    audio: np.ndarray,
    threshold: float = 0.5,
    min_speech_s: float = 0.2,
    use_silero: bool = True,
) -> VadResult:
    """Find speech in a clip.

    Args:
        audio: [N] float32 16 kHz mono.
        threshold: Silero probability above which a window is speech.
        min_speech_s: runs shorter than this (clicks, a short cough) are ignored.
        use_silero: False forces the energy detector.
    Returns:
        a :class:`VadResult`; ``segments`` are sample ranges into ``audio``.
    """
    x = np.asarray(audio, dtype=np.float32).reshape(-1)
    probs = speech_probabilities(x) if use_silero else None
    min_frames = max(1, int(round(min_speech_s * SAMPLE_RATE / SILERO_WINDOW)))
    max_gap = int(0.3 * SAMPLE_RATE / SILERO_WINDOW)
    if probs is not None:
        mask, method = probs >= threshold, "silero"
    else:
        rms = frame_rms(x)
        floor = float(np.percentile(rms, 10)) if rms.size else 0.0
        mask, method = (rms > max(0.01, 4.0 * floor)), "energy"
    runs = _runs(mask, min_frames, max_gap)
    segments = tuple((a * SILERO_WINDOW, min(b * SILERO_WINDOW, x.size)) for a, b in runs)
    speech_s = sum(e - s for s, e in segments) / SAMPLE_RATE
    return VadResult(speech_s=speech_s, segments=segments, method=method)


class EnergyGate:
    """Frame-by-frame speech/silence decision for live capture (no model, O(frame) per call).

    The noise floor follows the quietest recent frames; a frame is speech when its RMS level is
    ``ratio`` times above the floor and above ``min_level``. Feed frames of any length in order.
    """

    def __init__(self, ratio: float = 3.0, min_level: float = 0.008, floor_init: float = 0.002) -> None:
        self.ratio = ratio
        self.min_level = min_level
        self.floor = floor_init

    def update(self, frame: np.ndarray) -> tuple[bool, float]:
        """Classify one frame ([n] float32). Returns (is_speech, rms level)."""
        x = np.asarray(frame, dtype=np.float32).reshape(-1)
        level = float(np.sqrt(np.mean(x * x))) if x.size else 0.0
        if level < self.floor:
            self.floor = 0.5 * self.floor + 0.5 * level  # fall fast
        else:
            self.floor = 0.995 * self.floor + 0.005 * level  # rise slowly
        self.floor = max(self.floor, 1e-5)
        return level > max(self.min_level, self.ratio * self.floor), level
