"""Microphone input for the window: wraps rpipp_gui.speech's capture (and, once Whisper is loaded,
its StreamingTranscriber, which decodes during the pause at the end of a sentence) and moves their
callbacks, which arrive on audio or helper threads, onto the GUI thread as signals.

Signals: ``level(float)`` 0..1 while listening; ``ended()`` when the recording stops;
``transcribed(str)`` with the text (streaming path); ``captured(object)`` with float32 16 kHz mono
audio (plain path: the window transcribes it in a worker); ``failed(str)``.
"""

from __future__ import annotations

import contextlib
import threading

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal, Slot


class VoiceInput(QObject):
    level = Signal(float)
    ended = Signal()
    transcribed = Signal(str)
    captured = Signal(object)
    failed = Signal(str)
    _audio_from_thread = Signal(object)
    _text_from_thread = Signal(object)

    def __init__(self, device: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.device = device
        # replaces the sounddevice stream (tests/speech_sim.py: ArrayStream.factory plays a recording)
        self.stream_factory = None
        self._capture = None
        self._stream = None  # StreamingTranscriber of the running recording, if any
        self._active = False
        self._generation = 0
        self._audio_from_thread.connect(self._finish_audio)
        self._text_from_thread.connect(self._finish_text)
        self._poll = QTimer(self)
        self._poll.setInterval(30)
        self._poll.timeout.connect(self._check_ended)

    @property
    def active(self) -> bool:
        return self._active

    def _ensure_capture(self):
        from rpipp_gui.speech import CaptureOptions, MicrophoneCapture

        if self._capture is None or self._capture.options.device != (self.device or None):
            if self._capture is not None:
                self._capture.close()
            self._capture = MicrophoneCapture(
                CaptureOptions(device=self.device or None), stream_factory=self.stream_factory
            )
        return self._capture

    def start(self, mode: str, transcriber=None) -> bool:
        """Start listening in ``mode`` ("push" or "handsfree"). With a loaded ``transcriber`` the
        text is decoded while recording and comes out as ``transcribed``; without, the audio comes
        out as ``captured``. False (and ``failed``) when the microphone cannot start."""
        if self._active:
            return True
        self._generation += 1
        gen = self._generation
        on_level = lambda v: self.level.emit(float(v))  # noqa: E731 - audio thread -> queued signal
        try:
            capture = self._ensure_capture()
            if transcriber is not None:
                from rpipp_gui.speech import StreamingTranscriber

                self._stream = StreamingTranscriber(transcriber, capture)
                self._stream.start(mode, on_level=on_level)
                threading.Thread(target=self._wait_text, args=(self._stream, gen), daemon=True).start()
            else:
                self._stream = None
                capture.start(mode=mode, on_level=on_level, on_done=lambda a: self._audio_from_thread.emit(a))
        except Exception as e:  # noqa: BLE001 - no microphone, busy device, PortAudio missing
            self.failed.emit(f"Cannot listen: {e}")
            return False
        self._active = True
        self._poll.start()
        return True

    def _wait_text(self, stream, gen: int) -> None:  # helper thread
        try:
            result = stream.wait(None)
        except BaseException as e:  # noqa: BLE001 - decoding errors reach the window
            self._text_from_thread.emit((gen, e))
            return
        self._text_from_thread.emit((gen, result))

    def _check_ended(self) -> None:
        ended = (self._stream is not None and self._stream.audio is not None) or not self._active
        if ended:
            self._poll.stop()
            if self._stream is not None:
                self.ended.emit()

    def stop(self) -> None:
        """End push-to-talk (or hands-free) now."""
        if not self._active or self._capture is None:
            return
        try:
            audio = self._capture.stop()
        except Exception as e:  # noqa: BLE001
            self._active = False
            self.failed.emit(f"Microphone error: {e}")
            return
        if self._stream is None:
            self._finish_audio(audio)
        else:
            self._poll.stop()
            self.ended.emit()

    @Slot(object)
    def _finish_audio(self, audio) -> None:
        if not self._active or self._stream is not None:
            return  # already reported (stop() and on_done both deliver it)
        self._active = False
        self._poll.stop()
        self.ended.emit()
        audio = np.asarray(audio if audio is not None else [], dtype=np.float32).reshape(-1)
        self.captured.emit(audio)

    @Slot(object)
    def _finish_text(self, payload) -> None:
        gen, result = payload
        if gen != self._generation or self._stream is None:
            return  # a cancelled recording
        self._active = False
        self._stream = None
        self._poll.stop()
        if isinstance(result, BaseException):
            self.failed.emit(f"Speech recognition failed: {result}")
        else:
            self.transcribed.emit(str(getattr(result, "text", result)).strip())

    def cancel(self) -> None:
        """Drop any recording (nothing is reported) and close the microphone stream."""
        self._active = False
        self._generation += 1
        self._stream = None
        self._poll.stop()
        if self._capture is not None:
            with contextlib.suppress(Exception):  # shutting down anyway
                self._capture.close()
