"""WAV reading/writing and resampling."""

from __future__ import annotations

import wave

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rpipp_gui.errors import AudioError
from rpipp_gui.speech.audio import SAMPLE_RATE, load_audio, resample, to_mono, write_wav


def _write_pcm(path, data: np.ndarray, rate: int, width: int) -> None:
    """data: [N, C] float in [-1, 1]."""
    if width == 1:
        raw = np.round(data * 127 + 128).astype(np.uint8).tobytes()
    elif width == 2:
        raw = np.round(data * 32767).astype("<i2").tobytes()
    elif width == 3:
        v = np.round(data * (2**23 - 1)).astype(np.int32).reshape(-1)
        b = np.stack([v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF], axis=1).astype(np.uint8)
        raw = b.tobytes()
    else:
        raw = np.round(data * (2**31 - 1)).astype("<i4").tobytes()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(data.shape[1])
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(raw)


@pytest.mark.parametrize("width", [1, 2, 3, 4])
def test_load_audio_sample_widths(tmp_path, width):
    t = np.arange(SAMPLE_RATE) / SAMPLE_RATE
    tone = 0.5 * np.sin(2 * np.pi * 440 * t)
    _write_pcm(tmp_path / "a.wav", tone[:, None], SAMPLE_RATE, width)
    x = load_audio(tmp_path / "a.wav")
    assert x.dtype == np.float32 and x.shape == (SAMPLE_RATE,)
    assert np.max(np.abs(x - tone)) < (0.02 if width == 1 else 1e-3)


def test_load_audio_stereo_44k_is_mixed_and_resampled(tmp_path):
    rate = 44100
    t = np.arange(rate * 2) / rate
    left, right = 0.4 * np.sin(2 * np.pi * 300 * t), 0.2 * np.sin(2 * np.pi * 300 * t)
    _write_pcm(tmp_path / "s.wav", np.stack([left, right], axis=1), rate, 2)
    x = load_audio(tmp_path / "s.wav")
    assert abs(x.size - 2 * SAMPLE_RATE) <= 1
    # the mix of the two channels: amplitude 0.3, frequency kept
    assert 0.28 < np.abs(x[1000:-1000]).max() < 0.32
    spectrum = np.abs(np.fft.rfft(x))
    assert abs(np.argmax(spectrum) * SAMPLE_RATE / x.size - 300) < 2


def test_write_then_load_round_trip(tmp_path):
    x = (np.random.default_rng(0).uniform(-0.9, 0.9, 8000)).astype(np.float32)
    p = write_wav(tmp_path / "r.wav", x)
    y = load_audio(p)
    assert y.shape == x.shape and np.max(np.abs(x - y)) < 1e-4
    assert not list(tmp_path.glob(".rpipp-*")), "temporary file left behind"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not found"),
        (b"", "cannot read"),
        (b"RIFF\x00\x00\x00\x00WAVEjunk", "cannot read"),
        (b"hello", "cannot read"),
    ],
)
def test_bad_files_raise_audio_error(tmp_path, content, message):
    p = tmp_path / "bad.wav"
    if content is not None:
        p.write_bytes(content)
    with pytest.raises(AudioError, match=message):
        load_audio(p)


def test_empty_wav_raises(tmp_path):
    _write_pcm(tmp_path / "e.wav", np.zeros((0, 1)), SAMPLE_RATE, 2)
    with pytest.raises(AudioError, match="no samples"):
        load_audio(tmp_path / "e.wav")


def test_hand_built_float_wav_is_read(tmp_path):
    """WAVE_FORMAT_IEEE_FLOAT (3), built byte by byte: the stdlib reader refused it ("unknown
    format: 3"); libsndfile reads it (issue 14)."""
    import struct

    p = tmp_path / "f.wav"
    tone = (0.5 * np.sin(2 * np.pi * 440 * np.arange(1600) / SAMPLE_RATE)).astype("<f4")
    data = tone.tobytes()
    fmt = struct.pack("<HHIIHH", 3, 1, SAMPLE_RATE, SAMPLE_RATE * 4, 4, 32)
    body = (
        b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    )
    p.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    np.testing.assert_allclose(load_audio(p), tone, atol=1e-6)


def test_to_mono_rejects_3d():
    with pytest.raises(AudioError):
        to_mono(np.zeros((2, 2, 2)))


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(min_value=0, max_value=5000),
    rate=st.sampled_from([8000, 11025, 16000, 22050, 44100, 48000]),
)
def test_resample_length_and_dtype(n, rate):
    x = np.random.default_rng(n).uniform(-1, 1, n).astype(np.float32)
    y = resample(x, rate, SAMPLE_RATE)
    assert y.dtype == np.float32
    assert abs(y.size - n * SAMPLE_RATE / rate) <= 1
