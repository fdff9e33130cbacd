"""Speech: microphone capture, voice activity, Whisper backends, command normalising (Qt-free).

Public API::

    load_audio(path) -> np.ndarray                  # [N] float32 16 kHz mono
    make_transcriber(backend="faster-whisper", model=None, device="auto") -> Transcriber
    load_in_background(transcriber) -> Future       # model load + warm-up on a thread
    Transcriber.load(); Transcriber.transcribe(audio) -> Transcript
    MicrophoneCapture().start(mode="push"|"handsfree", on_level=..., on_done=...); .stop() -> np.ndarray
    normalize_command(text) -> str
    StreamingTranscriber(transcriber, mic).start(mode, on_level, on_text)  # decodes at the first pause;
        .finish() -> Transcript (push released) / .wait() -> Transcript (hands-free)

Heavy packages (sounddevice, faster_whisper, torch, whisper) are imported only when used.
"""

from __future__ import annotations

from rpipp_gui.speech.audio import SAMPLE_RATE, load_audio, resample, write_wav
from rpipp_gui.speech.normalize import COMMAND_PROMPT, normalize_command
from rpipp_gui.speech.transcribe import (
    BACKENDS,
    DecodeOptions,
    Transcriber,
    Transcript,
    load_in_background,
    make_transcriber,
)

__all__ = [
    "BACKENDS",
    "COMMAND_PROMPT",
    "SAMPLE_RATE",
    "CaptureOptions",
    "CaptureState",
    "DecodeOptions",
    "InputDevice",
    "MicrophoneCapture",
    "StreamingTranscriber",
    "Transcriber",
    "Transcript",
    "list_input_devices",
    "load_audio",
    "load_in_background",
    "make_transcriber",
    "normalize_command",
    "resample",
    "write_wav",
]

_LAZY = {
    "CaptureOptions": "rpipp_gui.speech.capture",
    "CaptureState": "rpipp_gui.speech.capture",
    "InputDevice": "rpipp_gui.speech.capture",
    "MicrophoneCapture": "rpipp_gui.speech.capture",
    "list_input_devices": "rpipp_gui.speech.capture",
    "StreamingTranscriber": "rpipp_gui.speech.streaming",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'rpipp_gui.speech' has no attribute {name!r}")
