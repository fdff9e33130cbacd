"""BRPPNet checkpoints: safetensors weights with JSON metadata in the file's header (dimensions,
vocabulary, mask threshold, training summary); never pickle.

Loading validates the header first (``checkpoint_check``: every metadata field, then the dimensions
against the tensor shapes and a parameter ceiling, all without allocating weights), then rebuilds
``BRPPNet(dims)``; any mismatch is a ModelError saying what differs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import torch

from rpipp_gui.brppnet.checkpoint_check import check_tensors_fit, validate_metadata
from rpipp_gui.brppnet.dims import BRPPNetDims
from rpipp_gui.brppnet.model import BRPPNet
from rpipp_gui.brppnet.vocabulary import Vocabulary
from rpipp_gui.errors import ModelError
from rpipp_gui.fileio import atomic_write

FORMAT = "rpipp-brppnet/1"
DEFAULT_THRESHOLD = 0.35


@dataclass
class Checkpoint:
    """A loaded checkpoint: model (eval mode, on CPU), vocabulary, threshold and training summary."""

    model: BRPPNet
    vocab: Vocabulary
    threshold: float = DEFAULT_THRESHOLD
    summary: dict = field(default_factory=dict)

    @property
    def dims(self) -> BRPPNetDims:
        return self.model.dims


def _atomic_save(tensors: dict[str, torch.Tensor], metadata: dict[str, str], path: Path) -> None:
    from safetensors.torch import save

    data = save(tensors, metadata=metadata)
    atomic_write(path, lambda f: f.write(data), error=ModelError, make_parents=True)


def save_checkpoint(
    path: str | Path,
    model: BRPPNet,
    vocab: Vocabulary,
    threshold: float = DEFAULT_THRESHOLD,
    summary: dict | None = None,
) -> Path:
    """Write model weights + metadata to ``path`` (a .safetensors file), atomically."""
    if len(vocab) != model.dims.vocab_size:
        raise ModelError(f"vocabulary has {len(vocab)} words but the model embeds {model.dims.vocab_size}")
    tensors = {k: v.detach().to("cpu").contiguous() for k, v in model.state_dict().items()}
    metadata = {
        "format": FORMAT,
        "dims": json.dumps(model.dims.to_dict()),
        "vocab": json.dumps(list(vocab.words)),
        "threshold": json.dumps(float(threshold)),
        "summary": json.dumps(summary or {}),
    }
    path = Path(path)
    _atomic_save(tensors, metadata, path)
    return path


def read_metadata(path: str | Path) -> dict:
    """The decoded JSON metadata of a checkpoint (format, dims, vocab, threshold, summary)."""
    from safetensors import safe_open

    try:
        with safe_open(str(path), framework="pt") as f:
            raw = f.metadata() or {}
    except FileNotFoundError as e:
        raise ModelError(f"checkpoint {path} does not exist") from e
    except Exception as e:  # safetensors raises its own error types for corrupt headers
        raise ModelError(f"checkpoint {path} is not a safetensors file: {e}") from e
    if raw.get("format") != FORMAT:
        raise ModelError(f"checkpoint {path} is not a BRPPNet checkpoint (format {raw.get('format')!r})")
    try:
        return {k: json.loads(v) for k, v in raw.items() if k != "format"} | {"format": FORMAT}
    except (json.JSONDecodeError, RecursionError) as e:
        raise ModelError(f"checkpoint {path} has corrupt metadata: {e}") from e


def load_checkpoint(path: str | Path, device: str | torch.device = "cpu") -> Checkpoint:
    """Load a checkpoint written by ``save_checkpoint``; ModelError if it is missing, not ours, any
    metadata field is invalid, or its dimensions, vocabulary and weights disagree (the message says
    what differs). Everything is checked against the file's header (``checkpoint_check``) before
    the model or any weight is allocated."""
    from safetensors.torch import load_file

    meta = validate_metadata(path, read_metadata(path))
    check_tensors_fit(path, meta.dims)
    try:
        weights = load_file(str(path), device="cpu")
    except Exception as e:  # safetensors' own error types for a damaged body
        raise ModelError(f"checkpoint {path} is damaged: {e}") from e
    model = BRPPNet(meta.dims)
    try:
        model.load_state_dict(weights)
    except RuntimeError as e:
        raise ModelError(f"checkpoint {path} does not match its dimensions: {e}") from e
    del weights
    model.to(device).eval()
    return Checkpoint(model, Vocabulary(meta.words), meta.threshold, meta.summary)


def save_resume_state(path: str | Path, optimizer: torch.optim.Optimizer, info: dict) -> Path:
    """Optimizer tensors (safetensors) + ``info`` (epoch, best score, ...) as JSON metadata."""
    state = optimizer.state_dict()
    tensors, scalars = {}, {}
    for idx, entry in state["state"].items():
        for key, value in entry.items():
            if torch.is_tensor(value):
                tensors[f"{idx}.{key}"] = value.detach().to("cpu").contiguous()
            else:
                scalars[f"{idx}.{key}"] = value
    metadata = {
        "format": FORMAT + "-resume",
        "param_groups": json.dumps(state["param_groups"]),
        "scalars": json.dumps(scalars),
        "info": json.dumps(info),
    }
    path = Path(path)
    _atomic_save(tensors, metadata, path)
    return path


def load_resume_state(path: str | Path, optimizer: torch.optim.Optimizer) -> dict:
    """Restore the optimizer from ``save_resume_state``; returns its ``info`` dict."""
    from safetensors import safe_open

    try:
        with safe_open(str(path), framework="pt") as f:
            meta = f.metadata() or {}
            tensors = {k: f.get_tensor(k) for k in f.keys()}  # noqa: SIM118 (safe_open has no __iter__)
    except Exception as e:
        raise ModelError(f"cannot read training state {path}: {e}") from e
    if meta.get("format") != FORMAT + "-resume":
        raise ModelError(f"{path} is not a BRPPNet training state")
    state: dict[int, dict] = {}
    for name, value in list(tensors.items()) + list(json.loads(meta["scalars"]).items()):
        idx, key = name.split(".", 1)
        state.setdefault(int(idx), {})[key] = value
    try:
        optimizer.load_state_dict({"state": state, "param_groups": json.loads(meta["param_groups"])})
    except (ValueError, KeyError) as e:
        raise ModelError(f"training state {path} does not fit this model's optimizer: {e}") from e
    return json.loads(meta["info"])
