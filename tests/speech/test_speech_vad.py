"""Voice activity: speech passes, silence and noise do not."""

from __future__ import annotations

import numpy as np
import pytest

from rpipp_gui.speech.vad import EnergyGate, detect_speech, frame_rms


@pytest.mark.parametrize("use_silero", [True, False])
def test_speech_is_detected(speech_clips, use_silero):
    text, audio = speech_clips[0]
    padded = np.concatenate([np.zeros(16000, np.float32), audio, np.zeros(16000, np.float32)])
    r = detect_speech(padded, use_silero=use_silero)
    assert r.method == ("silero" if use_silero else "energy")
    assert r.has_speech and 0.8 < r.speech_s < audio.size / 16000 + 0.5
    start, end = r.segments[0][0], r.segments[-1][1]
    assert 14000 <= start <= 24000 and end <= padded.size


@pytest.mark.parametrize("name", ["silence", "white", "pink", "hum", "cough"])
def test_no_speech_in_noise(noise_clips, name):
    r = detect_speech(noise_clips[name])
    assert not r.has_speech, (name, r)


def test_energy_fallback_rejects_silence_and_steady_noise(noise_clips):
    assert not detect_speech(noise_clips["silence"], use_silero=False).has_speech
    assert not detect_speech(noise_clips["white"], use_silero=False).has_speech


def test_energy_gate_follows_noise_floor():
    rng = np.random.default_rng(0)
    gate = EnergyGate()
    quiet = [gate.update(rng.standard_normal(480).astype(np.float32) * 0.001)[0] for _ in range(50)]
    loud = gate.update(np.sin(np.arange(480) / 3).astype(np.float32) * 0.3)
    assert not any(quiet) and loud[0] and loud[1] > 0.2


def test_frame_rms_shape():
    assert frame_rms(np.ones(1000, np.float32), 512).shape == (2,)
