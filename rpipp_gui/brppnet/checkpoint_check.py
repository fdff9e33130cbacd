"""Checks on an untrusted BRPPNet checkpoint, made before a single weight is allocated.

A checkpoint's header says how big the model is (``dims``); trusting it let a 3 MB file whose
header claims ``stage_widths: 4096`` build a 3.8-billion-parameter model (8.96 GB RSS) before the
weights were even compared. So, in this order, with nothing big in memory:

1. ``validate_metadata``: every metadata field against a pydantic schema: the dimensions with
   strict types and ``CheckpointLimits`` bounds, the vocabulary (strings, bounded), the threshold (a
   finite probability), the summary (a JSON object; informational, so its values are not judged).
2. ``check_tensors_fit``: the model the dimensions describe is built on PyTorch's ``meta`` device
   (shapes only, no storage); its parameter count must stay under ``max_parameters``, and its
   state dict must have exactly the tensor names and shapes the file's header lists.

Only then does ``load_checkpoint`` read the weights and build the real model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError

from rpipp_gui.brppnet.dims import BRPPNetDims
from rpipp_gui.errors import ModelError


@dataclass(frozen=True)
class CheckpointLimits:
    """Largest network a checkpoint may describe. The paper's BRPPNet (``BRPPNetDims()``) has 90.6 M
    parameters, input 416, widths up to 1024, GRU hidden 1024; these leave room for ~4x that.

    max_parameters: parameters of the whole model (float32: 4 bytes each).
    max_width:      any channel count (Darknet stages, stem, decoder, ASPP, GRU hidden, embedding).
    max_blocks:     residual blocks in one Darknet stage.
    max_input_size: side of the square input.
    max_words:      longest sentence in tokens.
    max_vocab:      words in the vocabulary (rows of the embedding table).
    max_word_chars: characters in one vocabulary word.
    max_dilation:   ASPP dilation rate.
    """

    max_parameters: int = 400_000_000
    max_width: int = 4096
    max_blocks: int = 64
    max_input_size: int = 2048
    max_words: int = 512
    max_vocab: int = 1_000_000
    max_word_chars: int = 200
    max_dilation: int = 256


LIMITS = CheckpointLimits()

_Width = Annotated[StrictInt, Field(ge=1, le=LIMITS.max_width)]
_Word = Annotated[StrictStr, Field(max_length=LIMITS.max_word_chars)]


class _DimsDoc(BaseModel):
    """BRPPNetDims as it may appear in a header: strict types, bounded sizes, every field present."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    input_size: Annotated[StrictInt, Field(ge=32, le=LIMITS.max_input_size)]
    vocab_size: Annotated[StrictInt, Field(ge=2, le=LIMITS.max_vocab)]
    max_words: Annotated[StrictInt, Field(ge=1, le=LIMITS.max_words)]
    embed_dim: _Width
    rnn_hidden: _Width
    word_attention: StrictBool
    stem_width: _Width
    stage_widths: tuple[_Width, _Width, _Width, _Width, _Width]
    stage_blocks: tuple[
        Annotated[StrictInt, Field(ge=0, le=LIMITS.max_blocks)],
        Annotated[StrictInt, Field(ge=0, le=LIMITS.max_blocks)],
        Annotated[StrictInt, Field(ge=0, le=LIMITS.max_blocks)],
        Annotated[StrictInt, Field(ge=0, le=LIMITS.max_blocks)],
        Annotated[StrictInt, Field(ge=0, le=LIMITS.max_blocks)],
    ]
    hidden_dim: _Width
    aspp_width: _Width
    aspp_dilations: tuple[
        Annotated[StrictInt, Field(ge=1, le=LIMITS.max_dilation)],
        Annotated[StrictInt, Field(ge=1, le=LIMITS.max_dilation)],
        Annotated[StrictInt, Field(ge=1, le=LIMITS.max_dilation)],
    ]
    output_stride: StrictInt
    dropout: Annotated[float, Field(strict=True, ge=0.0, lt=1.0, allow_inf_nan=False)]


class _MetaDoc(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    dims: _DimsDoc
    vocab: Annotated[
        list[Annotated[StrictStr, Field(max_length=LIMITS.max_word_chars)]],
        Field(max_length=LIMITS.max_vocab),
    ]
    threshold: Annotated[float, Field(strict=True, gt=0.0, lt=1.0, allow_inf_nan=False)] = 0.35
    summary: dict[str, Any] = {}


@dataclass(frozen=True)
class CheckpointMeta:
    """A checkpoint header that passed: dims, vocabulary words, mask threshold (0..1), summary."""

    dims: BRPPNetDims
    words: tuple[str, ...]
    threshold: float
    summary: dict


def _describe(e: ValidationError, most: int = 3) -> str:
    parts = []
    for err in e.errors(include_url=False)[:most]:
        where = ".".join(str(x) for x in err.get("loc", ())) or "the header"
        msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        got = err.get("input")
        if isinstance(got, (str, int, float, bool)):
            shown = repr(got)
            msg += f", got {shown[:40]}{'...' if len(shown) > 40 else ''}"
        parts.append(f"{where}: {msg}")
    more = e.error_count() - len(parts)
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def validate_metadata(path: str | Path, meta: dict) -> CheckpointMeta:
    """Check decoded header metadata (``read_metadata``'s dict); ModelError saying what is wrong."""
    try:
        doc = _MetaDoc.model_validate(meta)
    except ValidationError as e:
        raise ModelError(f"checkpoint {path} has invalid metadata: {_describe(e)}") from None
    try:
        dims = BRPPNetDims.from_dict(doc.dims.model_dump())
    except (TypeError, ValueError) as e:
        raise ModelError(f"checkpoint {path} has invalid dimensions: {e}") from e
    words = tuple(doc.vocab)
    if len(words) != dims.vocab_size:
        raise ModelError(
            f"checkpoint {path}: vocabulary has {len(words)} words but dims.vocab_size is {dims.vocab_size}"
        )
    return CheckpointMeta(dims, words, float(doc.threshold), dict(doc.summary))


def header_shapes(path: str | Path) -> dict[str, tuple[int, ...]]:
    """Tensor name -> shape, read from the safetensors header only (no tensor data is loaded)."""
    from safetensors import safe_open

    try:
        with safe_open(str(path), framework="pt") as f:
            return {k: tuple(f.get_slice(k).get_shape()) for k in f.keys()}  # noqa: SIM118
    except Exception as e:  # safetensors' own error types
        raise ModelError(f"checkpoint {path} is not a safetensors file: {e}") from e


def check_tensors_fit(path: str | Path, dims: BRPPNetDims, limits: CheckpointLimits = LIMITS) -> None:
    """ModelError unless the model ``dims`` describes stays under ``limits.max_parameters`` and its
    weights have exactly the names and shapes of the file's tensors. Allocates no weights."""
    import torch

    from rpipp_gui.brppnet.model import BRPPNet

    with torch.device("meta"):
        skeleton = BRPPNet(dims)
    expected = {k: tuple(v.shape) for k, v in skeleton.state_dict().items()}
    count = sum(int(torch.Size(s).numel()) for s in expected.values())
    if count > limits.max_parameters:
        raise ModelError(
            f"checkpoint {path}: its dimensions describe {count / 1e6:.0f} M parameters, "
            f"more than the {limits.max_parameters / 1e6:.0f} M limit"
        )
    got = header_shapes(path)
    emb = got.get("text.embedding.weight")
    if emb is not None and emb[0] != dims.vocab_size:
        raise ModelError(
            f"checkpoint {path}: vocabulary has {dims.vocab_size} words "
            f"but the embedding table has {emb[0]} rows"
        )
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
    if problems:
        raise ModelError(f"checkpoint {path} does not match its dimensions: " + "; ".join(problems))
