"""Streaming decode logic with a recording transcriber (no model): speculative results are used only
when no speech followed them; busy and missing devices give AudioError."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from speech_sim import ArrayStream

from rpipp_gui.errors import AudioError, ModelError
from rpipp_gui.speech import Transcript, load_in_background
from rpipp_gui.speech.capture import CaptureOptions, MicrophoneCapture
from rpipp_gui.speech.streaming import StreamingTranscriber

SR = 16000


class CountingTranscriber:
    """Transcribes audio as the number of loud blocks it holds; remembers every call."""

    name, device, model_name, loaded = "counting", "cpu", "none", True

    def __init__(self, delay: float = 0.0) -> None:
        self.calls: list[int] = []
        self.delay = delay

    def load(self) -> None:
        pass

    def transcribe(self, audio: np.ndarray) -> Transcript:
        self.calls.append(audio.size)
        time.sleep(self.delay)
        loud = int((np.abs(audio) > 0.1).sum() // 1600)
        return Transcript(f"{loud} loud", "", 0.0, 0.0, 1.0, audio.size / SR, self.name, "none")


def _tone(seconds: float) -> np.ndarray:
    return (0.3 * np.sin(np.arange(int(seconds * SR)) / 4)).astype(np.float32)


def _gap(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SR), np.float32)


def test_handsfree_uses_the_speculative_decode():
    tr = CountingTranscriber()
    mic = MicrophoneCapture(stream_factory=ArrayStream.factory(np.concatenate([_gap(0.3), _tone(1.0)])))
    stream = StreamingTranscriber(tr, mic)
    stream.start("handsfree")
    result = stream.wait(10)
    mic.close()
    assert stream.speculative_hits == 1 and len(tr.calls) == 1
    # decoded up to the end of speech + pad, not the 0.8 s of trailing silence
    assert tr.calls[0] / SR == pytest.approx(0.3 + 1.0 + 0.3, abs=0.1)  # pre-roll (all 0.3 s), tone, pad
    assert result.text.endswith("loud") and stream.audio.size / SR > 0.3 + 1.0 + 0.75  # + end silence


def test_speech_after_a_pause_discards_the_speculative_result():
    tr = CountingTranscriber()
    audio = np.concatenate([_tone(0.6), _gap(0.5), _tone(0.6)])  # a pause shorter than 0.8 s
    mic = MicrophoneCapture(stream_factory=ArrayStream.factory(audio))
    stream = StreamingTranscriber(tr, mic)
    stream.start("handsfree")
    result = stream.wait(10)
    mic.close()
    assert len(tr.calls) >= 2 and stream.speculative_hits == 1
    assert result.duration_s > 1.7  # the final decode holds both tones


def test_push_release_without_pause_decodes_the_whole_recording():
    tr = CountingTranscriber()
    mic = MicrophoneCapture(stream_factory=ArrayStream.factory(_tone(3.0)))
    stream = StreamingTranscriber(tr, mic)
    stream.start("push")
    time.sleep(0.5)
    result = stream.finish()
    mic.close()
    assert stream.speculative_hits == 0 and len(tr.calls) == 1
    assert 0.4 < result.duration_s < 1.2


def test_decode_errors_reach_the_caller():
    class Broken(CountingTranscriber):
        def transcribe(self, audio):
            raise ModelError("model exploded")

    mic = MicrophoneCapture(stream_factory=ArrayStream.factory(_tone(0.5), realtime=False))
    stream = StreamingTranscriber(Broken(), mic)
    stream.start("handsfree")
    with pytest.raises(ModelError, match="exploded"):
        stream.wait(10)
    mic.close()


def test_load_in_background_reports_errors():
    class Failing(CountingTranscriber):
        def load(self):
            raise ModelError("no weights")

    with pytest.raises(ModelError, match="no weights"):
        load_in_background(Failing()).result(5)
    ok = CountingTranscriber()
    assert load_in_background(ok).result(5) is ok


def test_busy_device_is_a_clear_error(monkeypatch):
    import rpipp_gui.speech.capture as capture

    class FakeSd:
        class default:  # noqa: N801 - mirrors sounddevice.default
            device = (0, 0)

        @staticmethod
        def query_devices(*args):
            dev = {"name": "USB mic", "max_input_channels": 1, "default_samplerate": 48000.0}
            return dev if args else [dev]

        @staticmethod
        def InputStream(**kwargs):  # noqa: N802 - mirrors sounddevice.InputStream
            raise RuntimeError("Error opening InputStream: Device unavailable [PaErrorCode -9985]")

    monkeypatch.setattr(capture, "_sounddevice", lambda: FakeSd)
    assert [d.name for d in capture.list_input_devices()] == ["USB mic"]
    mic = MicrophoneCapture()
    with pytest.raises(AudioError, match="busy.*Device unavailable"):
        mic.start("push")
    assert mic.state.value == "idle"
    with pytest.raises(AudioError, match="no audio input device matches 'webcam'"):
        MicrophoneCapture(CaptureOptions(device="webcam")).open()


def test_capture_is_usable_from_worker_threads():
    mic = MicrophoneCapture(
        stream_factory=ArrayStream.factory(np.concatenate([_gap(0.2), _tone(0.5)]), False)
    )
    out: list[np.ndarray] = []
    worker = threading.Thread(target=lambda: (mic.start("handsfree"), out.append(mic.wait(10))))
    worker.start()
    worker.join(10)
    mic.close()
    assert out and out[0].size > 0.5 * SR


def test_device_without_16k_is_recorded_at_its_rate_and_resampled(monkeypatch):
    import rpipp_gui.speech.capture as capture

    rate = 48000
    t = np.arange(int(1.0 * rate)) / rate
    native = np.concatenate([np.zeros(rate // 2), 0.3 * np.sin(2 * np.pi * 440 * t)]).astype(np.float32)
    opened = {}

    class FakeSd:
        class default:  # noqa: N801
            device = (0, 0)

        @staticmethod
        def query_devices(*args):
            dev = {"name": "48k mic", "max_input_channels": 2, "default_samplerate": float(rate)}
            return dev if args else [dev]

        @staticmethod
        def InputStream(samplerate, blocksize, callback, **kwargs):  # noqa: N802
            if samplerate != rate:
                raise ValueError("Invalid sample rate")
            opened.update(samplerate=samplerate, blocksize=blocksize)
            return ArrayStream(native, blocksize, callback, realtime=False, samplerate=rate)

    monkeypatch.setattr(capture, "_sounddevice", lambda: FakeSd)
    mic = MicrophoneCapture()
    mic.start("handsfree")
    audio = mic.wait(10)
    mic.close()
    assert opened == {"samplerate": rate, "blocksize": int(rate * 0.03)} and mic.sample_rate == rate
    assert mic.stop_reason == "silence"
    # 16 kHz out: ~0.5 s pre-roll + 1 s tone + ~0.8 s silence, the tone still at 440 Hz
    assert 2.1 < audio.size / SR < 2.5
    spectrum = np.abs(np.fft.rfft(audio))
    assert abs(np.argmax(spectrum) * SR / audio.size - 440) < 3
