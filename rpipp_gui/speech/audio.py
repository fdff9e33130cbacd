"""Audio files in and out: WAV (any flavour, via libsndfile) to float32 16 kHz mono, resampling,
writing.

Everything in :mod:`rpipp_gui.speech` works on one sample format, the one Whisper expects:
a 1-D ``float32`` array in [-1, 1] at :data:`SAMPLE_RATE` Hz, mono.
"""

from __future__ import annotations

import os
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rpipp_gui.errors import AudioError
from rpipp_gui.fileio import atomic_write

SAMPLE_RATE = 16_000
"""Samples per second of every array this package passes around."""


@dataclass(frozen=True)
class AudioLimits:
    """What ``load_audio`` reads at most, so that any file decodes in bounded memory.

    max_seconds:  length of the recording.
    max_frames:   frames (samples per channel) read; 30 min at 48 kHz. Reading is block by block and
                  mixed down to mono as it goes, so memory is about 4 bytes per frame.
    max_channels: channels in the file.
    min_rate, max_rate: sample rates accepted, in Hz (telephone 8 kHz .. studio 768 kHz, with room).
    block_frames: frames decoded per block.
    """

    min_rate: int = 1_000
    max_rate: int = 768_000
    max_seconds: float = 30 * 60
    max_frames: int = 30 * 60 * 48_000
    max_channels: int = 64
    block_frames: int = 1 << 16


DEFAULT_AUDIO_LIMITS = AudioLimits()


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

    up, down = _ratio(int(sr_in), int(sr_out))
    return resample_poly(x, up, down).astype(np.float32)


# Largest down factor of the polyphase filter: resample_poly's filter has ~20 x max(up, down) taps,
# so an awkward rate (44101 Hz: 16000/44101 is irreducible) would otherwise ask for gigabytes.
MAX_POLYPHASE = 1000
MAX_UPSAMPLING = 64  # sr_out / sr_in at most (16 kHz from 250 Hz)


def _ratio(sr_in: int, sr_out: int) -> tuple[int, int]:
    """(up, down) with up/down = sr_out/sr_in, exact when the reduced fraction has a denominator up
    to MAX_POLYPHASE, else the nearest such fraction (off by under 0.01 % for any rate a file may
    have: inaudible). AudioError for ratios under 1/MAX_POLYPHASE or over MAX_UPSAMPLING."""
    from fractions import Fraction

    exact = Fraction(sr_out, sr_in)
    if not Fraction(1, MAX_POLYPHASE) <= exact <= MAX_UPSAMPLING:
        raise AudioError(f"cannot resample {sr_in} Hz to {sr_out} Hz (ratio out of range)")
    f = exact.limit_denominator(MAX_POLYPHASE)
    return f.numerator, f.denominator


def to_mono(audio: np.ndarray) -> np.ndarray:
    """[N] or [N, C] float -> [N] float32 (channel mean)."""
    x = np.asarray(audio, dtype=np.float32)
    if x.ndim == 2:
        x = x.mean(axis=1)
    if x.ndim != 1:
        raise AudioError(f"audio must be [N] or [N, C], got shape {x.shape}")
    return x


def _why_unreadable(p: Path) -> str | None:
    """A plain cause for a path that cannot be an audio file, or None when it is a non-empty file."""
    if not p.exists():
        return "no such file"
    if p.is_dir():
        return "it is a folder, not an audio file"
    if not p.is_file():
        return "it is not a regular file"
    if p.stat().st_size == 0:
        return "the file is empty (0 bytes)"
    return None


def load_audio(path: str | os.PathLike, limits: AudioLimits = DEFAULT_AUDIO_LIMITS) -> np.ndarray:
    """Read an audio file as Whisper input, through libsndfile (``soundfile``).

    Args:
        path: a WAV file of any flavour libsndfile reads (8/16/24/32-bit integer PCM, 32/64-bit
            float, WAVE_FORMAT_EXTENSIBLE as sox writes it, A-law, u-law), or FLAC / OGG / AIFF;
            any rate, any channel count up to ``limits.max_channels``.
    Returns:
        [N] float32 in [-1, 1], 16 kHz, mono (non-finite samples become 0).
    Raises:
        AudioError: the file is missing, a folder, empty, not audio, holds no samples, or is
            longer than ``limits`` allow; the message says which.
    """
    import soundfile as sf

    p = Path(path)
    why = _why_unreadable(p)
    if why == "no such file":
        raise AudioError(f"audio file not found: {p}")
    if why is not None:
        raise AudioError(f"cannot read {p} as audio: {why}")
    try:
        with sf.SoundFile(str(p)) as f:
            rate, channels, frames = int(f.samplerate), int(f.channels), int(f.frames)
            if not limits.min_rate <= rate <= limits.max_rate or not 1 <= channels <= limits.max_channels:
                raise AudioError(
                    f"{p}: unsupported audio ({channels} channels, {rate} Hz; RPIPP reads "
                    f"1..{limits.max_channels} channels at {limits.min_rate}..{limits.max_rate} Hz)"
                )
            if frames > limits.max_seconds * rate or frames > limits.max_frames:
                raise AudioError(
                    f"{p}: {frames / rate:.0f} s of audio at {rate} Hz is too long "
                    f"(limit {limits.max_seconds:.0f} s, {limits.max_frames} frames)"
                )
            parts, total = [], 0
            for block in f.blocks(blocksize=limits.block_frames, dtype="float32", always_2d=True):
                total += block.shape[0]
                if total > limits.max_frames:  # a header that under-reports its length
                    raise AudioError(f"{p}: more audio than the header says; over {limits.max_frames} frames")
                parts.append(block.mean(axis=1, dtype=np.float32) if channels > 1 else block[:, 0].copy())
    except AudioError:
        raise
    except (sf.LibsndfileError, RuntimeError, OSError, ValueError, EOFError) as e:
        cause = str(e).replace(f"Error opening {str(p)!r}: ", "").strip() or type(e).__name__
        raise AudioError(f"cannot read {p} as audio: {cause}") from e
    if total == 0:
        raise AudioError(f"{p}: the audio file holds no samples")
    x = np.concatenate(parts) if len(parts) > 1 else parts[0]
    x = np.clip(np.nan_to_num(x, nan=0.0, posinf=1.0, neginf=-1.0), -1.0, 1.0)
    return resample(x, rate, SAMPLE_RATE)


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
