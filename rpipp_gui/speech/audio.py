"""Audio files in and out: WAV to float32 16 kHz mono, resampling, writing.

Everything in :mod:`rpipp_gui.speech` works on one sample format, the one Whisper expects:
a 1-D ``float32`` array in [-1, 1] at :data:`SAMPLE_RATE` Hz, mono.
"""

from __future__ import annotations

import os
import wave
from math import gcd
from pathlib import Path

import numpy as np

from rpipp_gui.errors import AudioError
from rpipp_gui.fileio import atomic_write

SAMPLE_RATE = 16_000
"""Samples per second of every array this package passes around."""

_MAX_FILE_SECONDS = 30 * 60


def _decode_frames(raw: bytes, sample_width: int) -> np.ndarray:
    """Interleaved PCM bytes -> float32 in [-1, 1]."""
    if sample_width == 1:  # unsigned 8-bit
        return (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    if sample_width == 2:
        return np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    if sample_width == 3:
        b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        v = np.where(v >= 1 << 23, v - (1 << 24), v)
        return v.astype(np.float32) / float(1 << 23)
    if sample_width == 4:
        return np.frombuffer(raw, dtype="<i4").astype(np.float32) / float(1 << 31)
    raise AudioError(f"unsupported WAV sample width: {sample_width * 8} bits")


def resample(audio: np.ndarray, sr_in: int, sr_out: int = SAMPLE_RATE) -> np.ndarray:
    """Resample a 1-D float signal from ``sr_in`` to ``sr_out`` Hz (polyphase, anti-aliased).

    Args:
        audio: [N] float array.
    Returns:
        [M] float32 array, M ~= N * sr_out / sr_in.
    """
    x = np.asarray(audio, dtype=np.float32)
    if sr_in == sr_out or x.size == 0:
        return x.copy()
    if sr_in <= 0 or sr_out <= 0:
        raise AudioError(f"invalid sample rates {sr_in} -> {sr_out}")
    from scipy.signal import resample_poly

    g = gcd(int(sr_in), int(sr_out))
    return resample_poly(x, sr_out // g, sr_in // g).astype(np.float32)


def to_mono(audio: np.ndarray) -> np.ndarray:
    """[N] or [N, C] float -> [N] float32 (channel mean)."""
    x = np.asarray(audio, dtype=np.float32)
    if x.ndim == 2:
        x = x.mean(axis=1)
    if x.ndim != 1:
        raise AudioError(f"audio must be [N] or [N, C], got shape {x.shape}")
    return x


def load_audio(path: str | os.PathLike) -> np.ndarray:
    """Read a PCM WAV file as Whisper input.

    Args:
        path: a RIFF/WAVE file with 8/16/24/32-bit integer PCM, any rate, any channel count.
    Returns:
        [N] float32 in [-1, 1], 16 kHz, mono.
    Raises:
        AudioError: the file is missing, is not a PCM WAV, is empty or is longer than 30 minutes.
    """
    p = Path(path)
    if not p.is_file():
        raise AudioError(f"audio file not found: {p}")
    try:
        with wave.open(str(p), "rb") as w:
            channels, width, rate, n = w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()
            if n > _MAX_FILE_SECONDS * rate:
                raise AudioError(f"{p}: {n / rate:.0f} s of audio is too long (limit {_MAX_FILE_SECONDS} s)")
            raw = w.readframes(n)
    except AudioError:
        raise
    except (wave.Error, EOFError, OSError) as e:
        raise AudioError(f"cannot read {p} as a PCM WAV file: {e}") from e
    if channels < 1 or rate <= 0:
        raise AudioError(f"{p}: invalid WAV header ({channels} channels, {rate} Hz)")
    x = _decode_frames(raw, width)
    usable = x.size - x.size % channels
    if usable == 0:
        raise AudioError(f"{p}: the WAV file holds no samples")
    x = x[:usable].reshape(-1, channels)
    return resample(to_mono(x), rate, SAMPLE_RATE)


def write_wav(path: str | os.PathLike, audio: np.ndarray, sample_rate: int = SAMPLE_RATE) -> Path:
    """Write [N] float audio in [-1, 1] as a 16-bit mono PCM WAV, atomically (temp file + replace).

    Returns the path written. Raises AudioError when the folder is not writable.
    """
    p = Path(path)
    x = np.clip(to_mono(audio), -1.0, 1.0)
    pcm = np.round(x * 32767.0).astype("<i2").tobytes()

    def write(f) -> None:
        with wave.open(f, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(int(sample_rate))
            w.writeframes(pcm)

    atomic_write(p, write, error=AudioError)
    return p
