"""Microphone input for the window: wraps rpipp_gui.speech.MicrophoneCapture and moves its callbacks
(which arrive on the audio thread) onto the GUI thread as signals.

Signals: ``level(float)`` 0..1 while listening, ``captured(object)`` with float32 16 kHz mono audio
when a capture ends (push released, or hands-free heard the end of speech), ``failed(str)``.
"""

from __future__ import annotations

import contextlib

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot


class VoiceInput(QObject):
    level = Signal(float)
    captured = Signal(object)
    failed = Signal(str)
    _done_from_thread = Signal(object)

    def __init__(self, device: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.device = device
        # replaces the sounddevice stream (speech.sim.ArrayStream.factory plays a recording)
        self.stream_factory = None
        self._capture = None
        self._active = False
        self._done_from_thread.connect(self._finish)

    @property
    def active(self) -> bool:
        return self._active

    def start(self, mode: str) -> bool:
        """Start listening in ``mode`` ("push" or "handsfree"); False (and ``failed``) on error."""
        if self._active:
            return True
        try:
            from rpipp_gui.speech import CaptureOptions, MicrophoneCapture

            if self._capture is None or self._capture.options.device != (self.device or None):
                if self._capture is not None:
                    self._capture.close()
                self._capture = MicrophoneCapture(
                    CaptureOptions(device=self.device or None), stream_factory=self.stream_factory
                )
            self._capture.start(
                mode=mode,
                on_level=lambda v: self.level.emit(float(v)),
                on_done=lambda audio: self._done_from_thread.emit(audio),
            )
        except Exception as e:  # noqa: BLE001 - no microphone, busy device, PortAudio missing
            self.failed.emit(f"Cannot listen: {e}")
            return False
        self._active = True
        return True

    def stop(self) -> None:
        """End push-to-talk (or hands-free) now; the audio so far comes out as ``captured``."""
        if not self._active or self._capture is None:
            return
        try:
            audio = self._capture.stop()
        except Exception as e:  # noqa: BLE001
            self._active = False
            self.failed.emit(f"Microphone error: {e}")
            return
        self._finish(audio)

    @Slot(object)
    def _finish(self, audio) -> None:
        if not self._active:
            return  # the capture already ended (stop() and on_done both report it)
        self._active = False
        if isinstance(audio, BaseException):
            self.failed.emit(f"Microphone error: {audio}")
            return
        audio = np.asarray(audio if audio is not None else [], dtype=np.float32).reshape(-1)
        self.captured.emit(audio)

    def cancel(self) -> None:
        """Drop any recording (no ``captured``) and close the microphone stream."""
        self._active = False
        if self._capture is not None:
            with contextlib.suppress(Exception):  # shutting down anyway
                self._capture.close()
