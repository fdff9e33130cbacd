"""Microphone capture: push-to-talk, hands-free, pre-roll, level, cap, and the real PortAudio path
through an ALSA file device (in a subprocess, so the ALSA config is read before sounddevice loads)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest
from speech_sim import ArrayStream

from rpipp_gui.errors import AudioError
from rpipp_gui.speech.capture import CaptureOptions, CaptureState, MicrophoneCapture, level_to_meter

SR = 16000


def _tone(seconds: float, amp: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * SR)) / SR
    return (amp * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SR), np.float32)


def test_handsfree_stops_after_silence_and_keeps_pre_roll():
    # 1 s silence, 1 s "speech", then silence: recording = 0.5 s pre-roll + 1 s + ~0.8 s silence
    audio = np.concatenate([_silence(1.0), _tone(1.0)])
    levels: list[float] = []
    done: list[np.ndarray] = []
    mic = MicrophoneCapture(stream_factory=ArrayStream.factory(audio, realtime=False))
    mic.start("handsfree", on_level=levels.append, on_done=done.append)
    out = mic.wait(10)
    mic.close()
    assert out is not None and mic.stop_reason == "silence"
    assert 2.2 < out.size / SR < 2.45, out.size / SR
    onset = int(np.flatnonzero(np.abs(out) > 0.01)[0])
    assert 0.45 * SR <= onset <= 0.55 * SR  # the pre-roll before speech was kept
    assert mic.last_speech_end_s == pytest.approx(1.5, abs=0.05)
    for _ in range(100):
        if done:
            break
        time.sleep(0.01)
    assert done and done[0] is out
    assert 0.7 < max(levels) < 0.85 and min(levels) == 0.0  # 0.3 sine: -13.5 dBFS
    assert mic.state is CaptureState.IDLE


def test_push_to_talk_includes_pre_roll_from_open():
    audio = np.concatenate([_tone(0.4), _silence(0.2), _tone(5.0, 0.1)])
    stream = ArrayStream.factory(audio, realtime=True)
    mic = MicrophoneCapture(CaptureOptions(pre_roll_s=0.5), stream_factory=stream)
    mic.open()
    assert mic.state is CaptureState.ARMED
    time.sleep(0.7)
    mic.start("push")
    assert mic.state is CaptureState.RECORDING
    time.sleep(0.3)
    out = mic.stop()
    mic.close()
    # ~0.5 s pre-roll + ~0.3 s recorded; the pre-roll holds the end of the first tone
    assert 0.6 < out.size / SR < 1.2
    assert np.abs(out[: int(0.1 * SR)]).max() > 0.2
    assert mic.stop() is out  # stop() again returns the finished recording


def test_recording_is_capped():
    mic = MicrophoneCapture(CaptureOptions(max_s=2.0), stream_factory=ArrayStream.factory(_tone(5.0), False))
    mic.start("handsfree")
    out = mic.wait(10)
    mic.close()
    assert mic.stop_reason == "max length" and out.size == 2 * SR


def test_handsfree_gives_up_without_speech():
    opts = CaptureOptions(wait_speech_s=1.0)
    mic = MicrophoneCapture(opts, stream_factory=ArrayStream.factory(_silence(3.0), realtime=False))
    mic.start("handsfree")
    out = mic.wait(10)
    mic.close()
    assert mic.stop_reason == "no speech" and out.size == 0


def test_usage_errors():
    mic = MicrophoneCapture(stream_factory=ArrayStream.factory(_tone(3.0)))
    with pytest.raises(AudioError, match="unknown capture mode"):
        mic.start("toggle")
    mic.start("push")
    with pytest.raises(AudioError, match="already running"):
        mic.start("push")
    mic.close()


def test_level_meter_scale():
    assert level_to_meter(0.0) == 0.0 and level_to_meter(1.0) == 1.0
    assert level_to_meter(0.001) == pytest.approx(0.0, abs=1e-6)
    assert 0.4 < level_to_meter(0.03) < 0.6


@pytest.mark.slow
def test_streaming_decode_is_ready_when_capture_ends(faster_transcriber, speech_clips):
    from rpipp_gui.speech.streaming import StreamingTranscriber

    text, clip = speech_clips[0]
    audio = np.concatenate([_silence(0.5), clip])
    mic = MicrophoneCapture(stream_factory=ArrayStream.factory(audio, realtime=False))
    stream = StreamingTranscriber(faster_transcriber, mic)
    got: list = []
    stream.start("handsfree", on_text=got.append)
    result = stream.wait(30)
    mic.close()
    assert result is not None and result.text == text and got == [result]


# --------------------------------------------------------------------------- real PortAudio path
_CHILD = textwrap.dedent(
    """
    import json, sys
    from rpipp_gui.errors import AudioError
    from rpipp_gui.speech.capture import MicrophoneCapture, list_input_devices
    out = {"devices": [d.name for d in list_input_devices()]}
    try:
        mic = MicrophoneCapture()
        mic.start("handsfree")
        audio = mic.wait(20)
        mic.close()
        out.update(reason=mic.stop_reason, seconds=audio.size / 16000)
        if len(sys.argv) > 1:
            from rpipp_gui.speech import make_transcriber
            out["text"] = make_transcriber().transcribe(audio).text
    except AudioError as e:
        out["error"] = str(e)
    print(json.dumps(out))
    """
)


def _run_child(tmp_path, raw: np.ndarray | None, transcribe: bool) -> dict:
    alsa = tmp_path / "xdg" / "alsa"
    alsa.mkdir(parents=True)
    if raw is not None:
        mic = tmp_path / "mic.f32"
        raw.astype("<f4").tofile(mic)
        conf = f'pcm.testmic {{ type file slave.pcm "null" file "/dev/null" infile "{mic}" format "raw" }}\n'
        (alsa / "asoundrc").write_text(conf)
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "xdg"))
    args = [sys.executable, "-c", _CHILD] + (["transcribe"] if transcribe else [])
    proc = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_alsa_file_device_handsfree_keeps_first_word(tmp_path, speech_clips):
    text, clip = speech_clips[0]  # "hide the man on the left"
    out = _run_child(tmp_path, np.concatenate([_silence(1.0), clip]), transcribe=True)
    assert out["devices"] == ["testmic"]
    assert out["reason"] == "silence"
    assert clip.size / SR < out["seconds"] < clip.size / SR + 1.6
    assert out["text"] == text


def test_no_input_device_is_a_clear_error(tmp_path):
    out = _run_child(tmp_path, None, transcribe=False)
    assert out["devices"] == []
    assert "no microphone" in out["error"]


@pytest.mark.slow
def test_pre_roll_keeps_a_soft_first_word(faster_transcriber):
    """A quiet "hide" (-30 dB) does not trip the level gate; only the pre-roll keeps it."""
    from speech_sim import synthesize

    from rpipp_gui.speech import DecodeOptions

    def trim(x: np.ndarray) -> np.ndarray:
        loud = np.flatnonzero(np.abs(x) > 1e-3)
        return x[loud[0] : loud[-1] + 1]

    first = trim(synthesize("hide", "en-us", 150)) * 0.03
    rest = trim(synthesize("the man on the left", "en-us", 150))
    clip = np.concatenate([_silence(1.0), first, _silence(0.1), rest])
    texts = {}
    for pre_roll in (0.5, 0.0):
        opts = CaptureOptions(pre_roll_s=pre_roll)
        mic = MicrophoneCapture(opts, stream_factory=ArrayStream.factory(clip, realtime=False))
        mic.start("handsfree")
        audio = mic.wait(10)
        mic.close()
        # the full 30 s window: the 10 s one misses a word this quiet even when it was captured
        texts[pre_roll] = faster_transcriber.transcribe(audio, DecodeOptions(context_s=30.0)).text
    assert CaptureOptions().pre_roll_s >= 0.3
    assert texts[0.5] == "hide the man on the left"
    assert not texts[0.0].startswith("hide")  # without the pre-roll the first word is lost
