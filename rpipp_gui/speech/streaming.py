"""Decode while the speaker pauses, so the text is ready when the recording ends.

Whisper cannot extend a decode incrementally, but a command ends with a pause: as soon as the
capture has heard ``pause_s`` of silence after speech, :class:`StreamingTranscriber` decodes the
audio up to that point in the background. If no more speech follows, that result *is* the answer,
and it was computed during the silence that hands-free mode waits out anyway (or while the user
releases the push-to-talk key). If speech resumes, the speculative result is discarded and the next
pause starts a new one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import numpy as np

from rpipp_gui.errors import AudioError
from rpipp_gui.speech.audio import SAMPLE_RATE
from rpipp_gui.speech.capture import CaptureOptions, MicrophoneCapture
from rpipp_gui.speech.transcribe import Transcriber, Transcript


class StreamingTranscriber:
    """Capture + transcription with speculative decoding at pauses.

    Args:
        transcriber: any :class:`Transcriber` (load it first, or the first decode pays for it).
        capture: the microphone; a default :class:`MicrophoneCapture` when None.
        pause_s: silence after speech that triggers a speculative decode.
        pad_s: audio kept after the last speech block in a decode.
    """

    def __init__(
        self,
        transcriber: Transcriber,
        capture: MicrophoneCapture | None = None,
        pause_s: float = 0.25,
        pad_s: float = 0.3,
        poll_s: float = 0.02,
    ) -> None:
        self.transcriber = transcriber
        self.capture = capture or MicrophoneCapture()
        self.pause_s, self.pad_s, self.poll_s = pause_s, pad_s, poll_s
        self._audio_ready = threading.Event()
        self._result_ready = threading.Event()
        self._audio: np.ndarray | None = None
        self._result: Transcript | None = None
        self._error: BaseException | None = None
        self._spec: tuple[float, Transcript] | None = None
        self._on_text: Callable[[Transcript], None] | None = None
        self._thread: threading.Thread | None = None
        self.speculative_hits = 0
        self.finished_at: float | None = None
        """perf_counter() when the final transcript became available."""

    def start(
        self,
        mode: str = "handsfree",
        on_level: Callable[[float], None] | None = None,
        on_text: Callable[[Transcript], None] | None = None,
    ) -> None:
        """Start recording; ``on_text(Transcript)`` is called once from a worker thread at the end."""
        if self._thread is not None and self._thread.is_alive():
            raise AudioError("a recording is already running")
        self._audio_ready.clear()
        self._result_ready.clear()
        self._audio = self._result = self._error = self._spec = None
        self._on_text = on_text
        self.finished_at = None
        self.capture.start(mode, on_level=on_level, on_done=self._on_audio)
        self._thread = threading.Thread(target=self._run, name="rpipp-stream-decode", daemon=True)
        self._thread.start()

    @property
    def audio(self) -> np.ndarray | None:
        """The recorded audio ([N] float32 16 kHz) once the capture ended, else None."""
        return self._audio

    def _on_audio(self, audio: np.ndarray) -> None:
        self._audio = audio
        self._audio_ready.set()

    def _cut(self, audio: np.ndarray, speech_end_s: float) -> np.ndarray:
        return audio[: int((speech_end_s + self.pad_s) * SAMPLE_RATE)]

    def _run(self) -> None:
        try:
            while not self._audio_ready.wait(self.poll_s):
                rec_s, end_s = self.capture.progress
                done_end = self._spec[0] if self._spec else -1.0
                if end_s > 0 and rec_s - end_s >= self.pause_s and end_s > done_end:
                    audio = self._cut(self.capture.snapshot(), end_s)
                    self._spec = (end_s, self.transcriber.transcribe(audio))
            end_s = self.capture.last_speech_end_s
            audio = self._audio if self._audio is not None else np.zeros(0, np.float32)
            if self._spec is not None and abs(self._spec[0] - end_s) < 1e-9:
                result = self._spec[1]
                self.speculative_hits += 1
            elif end_s > 0:
                result = self.transcriber.transcribe(self._cut(audio, end_s))
            else:
                result = self.transcriber.transcribe(audio)
            self._result = result
        except BaseException as e:  # noqa: BLE001 - handed to the caller of wait()/finish()
            self._error = e
        self.finished_at = time.perf_counter()
        self._result_ready.set()
        if self._on_text is not None and self._result is not None:
            self._on_text(self._result)

    def wait(self, timeout: float | None = None) -> Transcript | None:
        """Block until the transcript is ready (hands-free); None on timeout. Re-raises decode errors."""
        if not self._result_ready.wait(timeout):
            return None
        if self._error is not None:
            raise self._error
        return self._result

    def finish(self, timeout: float | None = 60.0) -> Transcript:
        """Stop the recording now (push-to-talk release) and return the transcript."""
        self.capture.stop()
        result = self.wait(timeout)
        if result is None:
            raise AudioError("transcription did not finish in time")
        return result


def listen(
    transcriber: Transcriber,
    device: int | str | None = None,
    on_level: Callable[[float], None] | None = None,
    timeout: float = 45.0,
    options: CaptureOptions | None = None,
) -> tuple[Transcript, np.ndarray]:
    """Record one hands-free command from the microphone and transcribe it.

    Returns (transcript, audio [N] float32 16 kHz). Raises AudioError without a usable microphone.
    """
    opts = options or CaptureOptions(device=device)
    with MicrophoneCapture(opts) as mic:
        stream = StreamingTranscriber(transcriber, mic)
        stream.start("handsfree", on_level=on_level)
        result = stream.wait(timeout)
        if result is None:
            mic.stop()
            result = stream.wait(timeout)
        if result is None:
            raise AudioError("the recording did not end in time")
        audio = stream.audio if stream.audio is not None else np.zeros(0, np.float32)
    return result, audio
