"""Microphone capture with sounddevice: push-to-talk and hands-free, with a pre-roll buffer.

Usage (from any thread; no Qt)::

    mic = MicrophoneCapture()
    mic.open()                       # optional: starts the pre-roll ring buffer before the press
    mic.start("push", on_level=meter.set, on_done=handle_audio)
    ...
    audio = mic.stop()               # [N] float32 16 kHz mono, pre-roll included

In "handsfree" mode recording waits for speech, keeps ``pre_roll_s`` of audio before its onset, and
stops by itself after ``silence_end_s`` of silence following speech (or at ``max_s``); ``on_done``
then receives the audio (also returned by :meth:`MicrophoneCapture.wait`). All timing is counted in
samples, so a device that delivers faster or slower than real time behaves the same.

``on_level`` and ``on_done`` run on the audio thread or a helper thread: a GUI must hand them over
to its own thread (a queued signal), and must not block in them.
"""

from __future__ import annotations

import collections
import contextlib
import enum
import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from rpipp_gui.errors import AudioError
from rpipp_gui.speech.audio import SAMPLE_RATE, resample
from rpipp_gui.speech.vad import EnergyGate


class CaptureState(enum.Enum):
    IDLE = "idle"  # no stream open
    ARMED = "armed"  # stream open, pre-roll ring buffer filling, not recording
    WAITING = "waiting"  # hands-free: recording armed, waiting for speech to start
    RECORDING = "recording"  # keeping audio


@dataclass(frozen=True)
class InputDevice:
    """An input device as PortAudio sees it."""

    index: int
    name: str
    channels: int
    default_samplerate: float
    is_default: bool


@dataclass(frozen=True)
class CaptureOptions:
    """Capture settings. ``device``: index or name substring; None for the system default."""

    device: int | str | None = None
    block_s: float = 0.03
    pre_roll_s: float = 0.5
    silence_end_s: float = 0.8
    max_s: float = 30.0
    wait_speech_s: float = 10.0


def _sounddevice():
    try:
        import sounddevice as sd
    except (ImportError, OSError) as e:  # OSError: PortAudio library missing
        raise AudioError(f"audio input is unavailable: the PortAudio library cannot be loaded ({e})") from e
    return sd


def list_input_devices() -> list[InputDevice]:
    """Input devices (at least one input channel); [] when there is none. AudioError without PortAudio."""
    sd = _sounddevice()
    try:
        devices = sd.query_devices()
        default_in = sd.default.device[0]
    except Exception as e:  # noqa: BLE001 - PortAudioError and friends
        raise AudioError(f"cannot list audio devices: {e}") from e
    return [
        InputDevice(
            i, d["name"], int(d["max_input_channels"]), float(d["default_samplerate"]), i == default_in
        )
        for i, d in enumerate(devices)
        if d["max_input_channels"] > 0
    ]


def level_to_meter(rms: float) -> float:
    """RMS amplitude -> 0..1 meter value on a -60..0 dBFS scale."""
    if rms <= 1e-6:
        return 0.0
    return float(min(1.0, max(0.0, (20.0 * np.log10(rms) + 60.0) / 60.0)))


class MicrophoneCapture:
    """One microphone, one recording at a time. Thread-safe public methods."""

    def __init__(self, options: CaptureOptions | None = None, stream_factory=None) -> None:
        """``stream_factory(samplerate, blocksize, callback) -> stream`` replaces the sounddevice
        stream (an object with start/stop/close that calls ``callback(indata [n, 1] float32, n,
        time, status)``); used to play recordings as a microphone (see :mod:`.sim`)."""
        self.options = options or CaptureOptions()
        self._stream_factory = stream_factory
        self._speech_end = 0
        self._lock = threading.Lock()
        self._stream = None
        self._rate = SAMPLE_RATE
        self._state = CaptureState.IDLE
        self._ring: collections.deque[np.ndarray] = collections.deque()
        self._ring_n = 0
        self._chunks: list[np.ndarray] = []
        self._n = 0
        self._since_speech = 0
        self._heard = False
        self._waited = 0
        self._mode = "push"
        self._on_level: Callable[[float], None] | None = None
        self._on_done: Callable[[np.ndarray], None] | None = None
        self._done = threading.Event()
        self._result: np.ndarray | None = None
        self._gate = EnergyGate()
        self.stop_reason = ""
        self.last_speech_end_s = 0.0

    # ----------------------------------------------------------------- state
    @property
    def state(self) -> CaptureState:
        return self._state

    @property
    def sample_rate(self) -> int:
        """Rate of the open stream (16 kHz unless the device refused it); output is always 16 kHz."""
        return self._rate

    # ----------------------------------------------------------------- stream
    def _resolve_device(self, sd):
        dev = self.options.device
        devices = list_input_devices()
        if not devices:
            raise AudioError("no microphone found: the system reports no audio input device")
        if dev is None:
            if sd.default.device[0] is None or sd.default.device[0] < 0:
                return devices[0].index
            return None
        if isinstance(dev, int):
            if not any(d.index == dev for d in devices):
                raise AudioError(f"audio input device {dev} does not exist or has no input channels")
            return dev
        matches = [d.index for d in devices if dev.lower() in d.name.lower()]
        if not matches:
            names = ", ".join(d.name for d in devices)
            raise AudioError(f"no audio input device matches {dev!r} (devices: {names})")
        return matches[0]

    def open(self) -> None:
        """Open the input stream and start filling the pre-roll ring buffer (idempotent).

        Raises AudioError when there is no input device or it is busy / refuses mono float32.
        """
        self._open(CaptureState.ARMED)

    def _make_stream(self):
        """(stream, rate): a started-later input stream at 16 kHz, or the device's own rate."""
        blocksize = int(SAMPLE_RATE * self.options.block_s)
        if self._stream_factory is not None:
            return self._stream_factory(SAMPLE_RATE, blocksize, self._callback), SAMPLE_RATE
        sd = _sounddevice()
        device = self._resolve_device(sd)
        last: Exception | None = None
        for rate in (SAMPLE_RATE, None):
            try:
                if rate is None:
                    rate = int(sd.query_devices(device, "input")["default_samplerate"])
                stream = sd.InputStream(
                    samplerate=rate,
                    channels=1,
                    dtype="float32",
                    blocksize=int(rate * self.options.block_s),
                    device=device,
                    callback=self._callback,
                )
                return stream, rate
            except Exception as e:  # noqa: BLE001 - sd.PortAudioError, ValueError
                last = e
        raise AudioError(f"cannot open the microphone (busy, unplugged or unsupported): {last}") from last

    def _open(self, initial: CaptureState) -> None:
        with self._lock:
            if self._stream is not None:
                return
            stream, rate = self._make_stream()
            self._rate = int(rate)
            self._ring.clear()
            self._ring_n = 0
            self._state = initial
            self._stream = stream
            try:
                stream.start()
            except Exception as e:  # noqa: BLE001
                self._stream, self._state = None, CaptureState.IDLE
                stream.close()
                raise AudioError(f"cannot start the microphone (busy?): {e}") from e

    def close(self) -> None:
        """Stop any recording (without calling on_done) and close the stream."""
        with self._lock:
            stream, self._stream = self._stream, None
            self._state = CaptureState.IDLE
        if stream is not None:
            try:
                stream.stop()
            finally:
                stream.close()

    # ----------------------------------------------------------------- recording
    def start(
        self,
        mode: str = "push",
        on_level: Callable[[float], None] | None = None,
        on_done: Callable[[np.ndarray], None] | None = None,
    ) -> None:
        """Start a recording. ``mode``: "push" (until :meth:`stop`) or "handsfree" (ends by itself).

        The pre-roll held by an earlier :meth:`open` becomes the start of a push recording.
        Raises AudioError for an unknown mode, a recording already running, or no usable device.
        """
        if mode not in {"push", "handsfree"}:
            raise AudioError(f"unknown capture mode {mode!r}: use 'push' or 'handsfree'")
        with self._lock:
            if self._state in (CaptureState.RECORDING, CaptureState.WAITING):
                raise AudioError("a recording is already running")
            self._mode, self._on_level, self._on_done = mode, on_level, on_done
            self._done.clear()
            self._result, self.stop_reason = None, ""
            self._heard, self._since_speech, self._waited = False, 0, 0
            self._speech_end = 0
            self._gate = EnergyGate()
            target = CaptureState.RECORDING if mode == "push" else CaptureState.WAITING
            self._chunks, self._n = (list(self._ring), self._ring_n) if mode == "push" else ([], 0)
            opened = self._stream is not None
            if opened:
                self._state = target
        if not opened:
            self._open(target)  # records from the first block: no pre-roll without an earlier open()

    def _callback(self, indata, frames, time_info, status) -> None:  # PortAudio thread
        block = np.array(indata[:, 0], dtype=np.float32)
        speech, rms = self._gate.update(block)
        finished = None
        with self._lock:
            state = self._state
            if state is CaptureState.ARMED or state is CaptureState.WAITING:
                self._ring.append(block)
                self._ring_n += block.size
                keep = int(self.options.pre_roll_s * self._rate)
                while self._ring and self._ring_n - self._ring[0].size >= keep:
                    self._ring_n -= self._ring.popleft().size
                if state is CaptureState.WAITING:
                    self._waited += block.size
                    if speech:
                        self._chunks, self._n = list(self._ring), self._ring_n
                        self._heard, self._since_speech = True, 0
                        self._speech_end = self._n
                        self._state = CaptureState.RECORDING
                    elif self._waited >= self.options.wait_speech_s * self._rate:
                        finished = self._finish_locked("no speech")
            elif state is CaptureState.RECORDING:
                self._chunks.append(block)
                self._n += block.size
                if speech:
                    self._heard, self._since_speech = True, 0
                    self._speech_end = self._n
                else:
                    self._since_speech += block.size
                if self._n >= self.options.max_s * self._rate:
                    finished = self._finish_locked("max length")
                elif (
                    self._mode == "handsfree"
                    and self._heard
                    and self._since_speech >= self.options.silence_end_s * self._rate
                ):
                    finished = self._finish_locked("silence")
            on_level = self._on_level if state is not CaptureState.ARMED else None
        if on_level is not None:
            with contextlib.suppress(Exception):  # a meter must never kill the audio thread
                on_level(level_to_meter(rms))
        if finished is not None:
            threading.Thread(target=self._deliver, args=finished, daemon=True).start()

    def _finish_locked(self, reason: str):
        """End the recording (lock held). Returns (audio, on_done) for delivery outside the lock."""
        audio = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.float32)
        if self._rate != SAMPLE_RATE:
            audio = resample(audio, self._rate, SAMPLE_RATE)
        max_n = int(self.options.max_s * SAMPLE_RATE)
        audio = audio[:max_n]
        self._chunks, self._n = [], 0
        self._ring.clear()
        self._ring_n = 0
        self._state = CaptureState.ARMED
        self._result, self.stop_reason = audio, reason
        self.last_speech_end_s = self._speech_end / self._rate if self._heard else 0.0
        on_done, self._on_done = self._on_done, None
        self._on_level = None
        self._done.set()
        return audio, on_done

    @staticmethod
    def _deliver(audio: np.ndarray, on_done) -> None:
        if on_done is not None:
            on_done(audio)

    @property
    def progress(self) -> tuple[float, float]:
        """(seconds recorded so far, seconds into the recording where speech was last heard)."""
        with self._lock:
            if self._state is not CaptureState.RECORDING:
                return 0.0, 0.0
            return self._n / self._rate, self._speech_end / self._rate

    def snapshot(self) -> np.ndarray:
        """Audio recorded so far (16 kHz float32 [N]) without stopping; empty when not recording."""
        with self._lock:
            chunks = list(self._chunks) if self._state is CaptureState.RECORDING else []
        audio = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
        return resample(audio, self._rate, SAMPLE_RATE) if self._rate != SAMPLE_RATE else audio

    def stop(self) -> np.ndarray:
        """End the recording now and return its audio ([N] float32 16 kHz; the pre-roll included).

        ``on_done`` is called with the same array (on this thread). If hands-free mode already ended
        by itself, returns that recording. The stream stays open (armed) for the next press.
        """
        with self._lock:
            if self._state in (CaptureState.RECORDING, CaptureState.WAITING):
                finished = self._finish_locked("stopped")
            else:
                return self._result if self._result is not None else np.zeros(0, np.float32)
        self._deliver(*finished)
        return finished[0]

    def wait(self, timeout: float | None = None) -> np.ndarray | None:
        """Block until the recording ends; its audio, or None on timeout."""
        if not self._done.wait(timeout):
            return None
        return self._result

    def __enter__(self) -> MicrophoneCapture:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
