"""BRPPNet checkpoints: safetensors weights with JSON metadata in the file's header (dimensions,
vocabulary, mask threshold, training summary); never pickle.

Loading rebuilds ``BRPPNet(dims)`` and refuses, with ModelError saying what differs, a file whose
weights do not match its dimensions or whose vocabulary does not match the embedding table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import torch

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
    except json.JSONDecodeError as e:
        raise ModelError(f"checkpoint {path} has corrupt metadata: {e}") from e


def _describe_mismatch(model: BRPPNet, weights: dict[str, torch.Tensor]) -> list[str]:
    expected = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    got = {k: tuple(v.shape) for k, v in weights.items()}
    problems = []
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    if missing:
        problems.append(f"{len(missing)} weight(s) missing (e.g. {', '.join(missing[:3])})")
    if extra:
        problems.append(f"{len(extra)} unexpected weight(s) (e.g. {', '.join(extra[:3])})")
    wrong = [k for k in sorted(set(expected) & set(got)) if expected[k] != got[k]]
    for k in wrong[:3]:
        problems.append(f"{k} has shape {got[k]}, the dimensions need {expected[k]}")
    if len(wrong) > 3:
        problems.append(f"... and {len(wrong) - 3} more shape mismatch(es)")
    return problems


def load_checkpoint(path: str | Path, device: str | torch.device = "cpu") -> Checkpoint:
    """Load a checkpoint written by ``save_checkpoint``; ModelError if it is missing, not ours, or its
    dimensions, vocabulary and weights disagree (the message lists what differs)."""
    from safetensors.torch import load_file

    meta = read_metadata(path)
    try:
        dims = BRPPNetDims.from_dict(meta["dims"])
        vocab = Vocabulary(tuple(meta["vocab"]))
    except (KeyError, TypeError, ValueError) as e:
        raise ModelError(f"checkpoint {path} has invalid dimensions or vocabulary: {e}") from e
    if len(vocab) != dims.vocab_size:
        raise ModelError(
            f"checkpoint {path}: vocabulary has {len(vocab)} words but dims.vocab_size is {dims.vocab_size}"
        )
    weights = load_file(str(path), device="cpu")
    emb = weights.get("text.embedding.weight")
    if emb is not None and emb.shape[0] != len(vocab):
        raise ModelError(
            f"checkpoint {path}: vocabulary has {len(vocab)} words "
            f"but the embedding table has {emb.shape[0]} rows"
        )
    model = BRPPNet(dims)
    problems = _describe_mismatch(model, weights)
    if problems:
        raise ModelError(f"checkpoint {path} does not match its dimensions: " + "; ".join(problems))
    model.load_state_dict(weights)
    model.to(device).eval()
    threshold = float(meta.get("threshold", DEFAULT_THRESHOLD))
    return Checkpoint(model, vocab, threshold, dict(meta.get("summary") or {}))


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
