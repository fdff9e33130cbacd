"""Audio files the battery found refused or misreported (issue 14), built by the tests."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from rpipp_gui.errors import AudioError
from rpipp_gui.speech.audio import SAMPLE_RATE, AudioLimits, load_audio

TONE_RATE = 44_100


def _tone(seconds=0.5, rate=TONE_RATE, channels=2):
    t = np.arange(int(seconds * rate)) / rate
    x = 0.5 * np.sin(2 * np.pi * 440 * t)
    return np.stack([x] * channels, axis=1) if channels > 1 else x


@pytest.mark.parametrize(
    ("fmt", "subtype"),
    [
        ("WAVEX", "PCM_24"),  # what sox writes for 24-bit: WAVE_FORMAT_EXTENSIBLE (65534)
        ("WAVEX", "PCM_16"),
        ("WAV", "FLOAT"),  # 32-bit float (format 3)
        ("WAV", "DOUBLE"),
        ("WAVEX", "FLOAT"),
        ("WAV", "PCM_24"),
        ("WAV", "ULAW"),
        ("FLAC", "PCM_16"),
    ],
)
def test_every_wav_flavour_is_read(tmp_path, fmt, subtype):
    p = tmp_path / ("a.flac" if fmt == "FLAC" else "a.wav")
    sf.write(p, _tone(), TONE_RATE, format=fmt, subtype=subtype)
    x = load_audio(p)
    assert x.dtype == np.float32 and x.ndim == 1
    assert abs(x.size - 0.5 * SAMPLE_RATE) <= 2
    assert 0.4 < np.abs(x[200:-200]).max() < 0.6


def test_float_wav_out_of_range_and_non_finite_samples_are_tamed(tmp_path):
    x = np.array([0.0, 3.0, -7.0, np.nan, np.inf, -np.inf, 0.25] * 100, np.float32)
    p = tmp_path / "f.wav"
    sf.write(p, x, SAMPLE_RATE, subtype="FLOAT")
    y = load_audio(p)
    assert np.isfinite(y).all() and np.abs(y).max() <= 1.0


def test_zero_byte_file_says_it_is_empty(tmp_path):
    p = tmp_path / "empty.wav"
    p.write_bytes(b"")
    with pytest.raises(AudioError, match=r"empty \(0 bytes\)"):
        load_audio(p)


def test_folder_says_it_is_a_folder(tmp_path):
    (tmp_path / "clip.wav").mkdir()
    with pytest.raises(AudioError, match="folder"):
        load_audio(tmp_path / "clip.wav")


def test_missing_file_says_not_found(tmp_path):
    with pytest.raises(AudioError, match="not found"):
        load_audio(tmp_path / "nope.wav")


def test_not_audio_names_the_cause(tmp_path):
    p = tmp_path / "x.wav"
    p.write_bytes(b"this is text, not sound" * 10)
    with pytest.raises(AudioError, match=r"cannot read .* as audio: \S"):
        load_audio(p)


def test_header_only_wav_holds_no_samples(tmp_path):
    p = tmp_path / "h.wav"
    sf.write(p, np.zeros(0, np.float32), SAMPLE_RATE, subtype="PCM_16")
    with pytest.raises(AudioError, match="no samples|cannot read"):
        load_audio(p)


def test_limits_refuse_long_and_wide_files(tmp_path):
    p = tmp_path / "long.wav"
    sf.write(p, np.zeros(SAMPLE_RATE * 3, np.float32), SAMPLE_RATE, subtype="PCM_16")
    with pytest.raises(AudioError, match="too long"):
        load_audio(p, AudioLimits(max_seconds=2))
    with pytest.raises(AudioError, match="too long"):
        load_audio(p, AudioLimits(max_frames=1000))
    wide = tmp_path / "wide.wav"
    sf.write(wide, np.zeros((100, 8), np.float32), SAMPLE_RATE, subtype="PCM_16")
    with pytest.raises(AudioError, match="8 channels"):
        load_audio(wide, AudioLimits(max_channels=4))


def test_cli_transcribe_on_a_folder_and_an_empty_file_is_one_line(tmp_path, capsys):
    from rpipp_gui.cli import main

    (tmp_path / "d.wav").mkdir()
    (tmp_path / "e.wav").write_bytes(b"")
    for name, words in (("d.wav", "folder"), ("e.wav", "empty")):
        assert main(["transcribe", str(tmp_path / name)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and words in err


@pytest.mark.parametrize("rate", [44_101, 96_001, 655_349, 768_000, 1_000])
def test_awkward_sample_rates_resample_in_bounded_memory(tmp_path, rate):
    """16000/44101 is irreducible: an exact polyphase filter would have ~900,000 taps, and at
    2^31-1 Hz it asked numpy for 320 GiB. The ratio is approximated instead."""
    n = rate // 4
    p = tmp_path / "odd.wav"
    sf.write(
        p, (0.5 * np.sin(2 * np.pi * 300 * np.arange(n) / rate)).astype(np.float32), rate, subtype="PCM_16"
    )
    x = load_audio(p)
    assert abs(x.size - SAMPLE_RATE // 4) <= 2


@pytest.mark.parametrize("rate", [1, 7, 999_983])
def test_absurd_sample_rates_are_named(tmp_path, rate):
    p = tmp_path / "odd.wav"
    sf.write(p, np.zeros(64, np.float32), rate, subtype="PCM_16")
    with pytest.raises(AudioError, match=f"{rate} Hz"):
        load_audio(p)


def test_resample_refuses_ratios_it_cannot_bound():
    from rpipp_gui.speech.audio import resample

    with pytest.raises(AudioError, match="ratio"):
        resample(np.zeros(10, np.float32), 2**31 - 1)
    with pytest.raises(AudioError, match="ratio"):
        resample(np.zeros(10, np.float32), 3)
