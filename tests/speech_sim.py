"""A recording played as a microphone: an input-stream stand-in for tests and benchmarks (not part of
the installed package).

``MicrophoneCapture(stream_factory=ArrayStream.factory(audio, realtime=True))`` delivers ``audio`` in
blocks from a thread, paced like a real device (``realtime=True``) or as fast as possible, then
silence (a low noise floor) until stopped.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from rpipp_gui.errors import AudioError
from rpipp_gui.speech.audio import SAMPLE_RATE, load_audio

COMMAND_CLIPS: tuple[tuple[str, int, str], ...] = (
    ("en-us", 150, "hide the man on the left"),
    ("en-gb", 140, "blur the woman in the red jacket"),
    ("en+f3", 160, "hide the second person from the right"),
    ("en-us", 130, "pixelate both kids"),
    ("en-gb", 170, "blur everyone except the bride"),
    ("en+m3", 150, "hide the person in the middle"),
    ("en-us+f2", 145, "blur the man in the blue shirt on the right"),
    ("en-gb", 155, "remove the girl on the left"),
    ("en+f4", 135, "hide everyone except the child"),
    ("en-us", 175, "mask the first person from the left"),
    ("en-gb+m1", 150, "blur the tall man at the back"),
    ("en-us+f3", 150, "hide the woman holding the camera"),
)
"""(espeak-ng voice, words per minute, sentence) of the speech clips used by tests and benchmarks."""


def synthesize(text: str, voice: str = "en-us", speed: int = 150) -> np.ndarray:
    """Speak ``text`` with espeak-ng (resampled by sox when present).

    Returns [N] float32 16 kHz mono. Raises AudioError when espeak-ng is not installed.
    """
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise AudioError("espeak-ng is not installed (Debian package espeak-ng)")
    with tempfile.TemporaryDirectory(prefix="rpipp-tts-") as tmp:
        raw, out = Path(tmp) / "raw.wav", Path(tmp) / "out.wav"
        subprocess.run([espeak, "-v", voice, "-s", str(speed), "-w", str(raw), text], check=True)
        sox = shutil.which("sox")
        if sox is not None:
            subprocess.run(
                [sox, str(raw), "-r", str(SAMPLE_RATE), "-c", "1", "-b", "16", str(out)], check=True
            )
            raw = out
        return load_audio(raw)


class ArrayStream:
    """Calls ``callback(block [n, 1] float32, n, None, None)`` with consecutive blocks of ``audio``."""

    def __init__(
        self,
        audio: np.ndarray,
        blocksize: int,
        callback,
        realtime: bool = True,
        tail_s: float = 5.0,
        samplerate: int = SAMPLE_RATE,
    ) -> None:
        self.audio = np.asarray(audio, dtype=np.float32).reshape(-1)
        self.blocksize, self.callback, self.realtime = blocksize, callback, realtime
        self.tail = int(tail_s * samplerate)
        self.samplerate = samplerate
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.delivered = 0
        self.start_time: float | None = None
        """perf_counter() when delivery began; sample i is due at start_time + i / samplerate."""
        self.audio_end_time: float | None = None
        """perf_counter() when the last sample of ``audio`` was delivered (end of speech, for latency)."""

    @classmethod
    def factory(cls, audio: np.ndarray, realtime: bool = True, tail_s: float = 5.0):
        def make(samplerate: int, blocksize: int, callback) -> ArrayStream:
            stream = cls(audio, blocksize, callback, realtime, tail_s, samplerate)
            make.last = stream
            return stream

        make.last = None
        return make

    def _run(self) -> None:
        rng = np.random.default_rng(0)
        total = self.audio.size + self.tail
        t0 = self.start_time = time.perf_counter()
        pos = 0
        while pos < total and not self._stop.is_set():
            n = self.blocksize
            block = self.audio[pos : pos + n]
            if block.size < n:
                noise = (rng.standard_normal(n - block.size) * 1e-4).astype(np.float32)
                block = np.concatenate([block, noise])
            if self.realtime:
                delay = t0 + (pos + n) / self.samplerate - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
            self.callback(block[:, None], n, None, None)
            pos += n
            self.delivered = pos
            if self.audio_end_time is None and pos >= self.audio.size:
                self.audio_end_time = time.perf_counter()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def close(self) -> None:
        self.stop()
