"""Training configurations: a TOML file with [model], [data] and [train] tables.

[model]: either ``preset = "paper"`` (Darknet-53 sizes) or ``width`` / ``blocks`` (scaled Darknet),
plus any BRPPNetDims field (input_size, embed_dim, rnn_hidden, ...; vocab_size comes from the data).
[data]: ``kind = "synthetic"`` (train_size, val_size, seed, val_seed, image_size, kinds) or
``kind = "rpcoco"`` (train_json, val_json, image_dir, instances_json; relative paths are relative to
the config file). [train]: see TrainOptions.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from rpipp_gui.brppnet.data import DatasetError
from rpipp_gui.brppnet.dims import DARKNET53_BLOCKS, BRPPNetDims


@dataclass(frozen=True)
class TrainOptions:
    """epochs, batch_size, lr (Adam), lr_schedule ("constant" | "step" | "cosine"), lr_step_epochs and
    lr_gamma (step decay), weight_decay, loss ("balanced_bce" | "bce" | "weighted_logistic"), eps1/eps2
    (Balanced-BCE), reduction ("mean" | "sum"), seed, threads (CPU), device ("auto" | "cpu" | "cuda"),
    amp (mixed precision on CUDA), flip_prob, workers (DataLoader), out_dir, glove (optional GloVe
    text file), vocab_min_count, vocab_max_size, threshold (mask probability), max_minutes (stop after
    this much wall time, 0 = no limit), eval_limit (evaluate on at most this many validation items),
    backbone_weights (safetensors file of Darknet weights, keys as in ``BRPPNet.backbone``, e.g. converted
    YOLOv3 weights), freeze_backbone (train everything but Darknet, as the original does)."""

    epochs: int = 50
    batch_size: int = 24
    lr: float = 1e-3
    lr_schedule: str = "step"
    lr_step_epochs: int = 10
    lr_gamma: float = 0.1
    weight_decay: float = 0.0
    loss: str = "balanced_bce"
    eps1: float = 1.0
    eps2: float = -0.4
    reduction: str = "mean"
    seed: int = 10010
    threads: int = 2
    device: str = "auto"
    amp: bool = True
    flip_prob: float = 0.0
    workers: int = 0
    out_dir: str = "runs/brppnet"
    glove: str = ""
    vocab_min_count: int = 1
    vocab_max_size: int = 0
    threshold: float = 0.35
    max_minutes: float = 0.0
    eval_limit: int = 0
    backbone_weights: str = ""
    freeze_backbone: bool = False


@dataclass(frozen=True)
class TrainConfig:
    dims: BRPPNetDims  # vocab_size is a placeholder until the vocabulary is built
    data: dict = field(default_factory=dict)
    train: TrainOptions = field(default_factory=TrainOptions)
    path: Path | None = None

    def resolve(self, value: str) -> Path:
        """A path from the config, relative to the config file's folder."""
        p = Path(value).expanduser()
        return p if p.is_absolute() or self.path is None else (self.path.parent / p)

    @property
    def out_dir(self) -> Path:
        return self.resolve(self.train.out_dir)


def _dims(model: dict) -> BRPPNetDims:
    model = dict(model)
    preset = model.pop("preset", "")
    width = model.pop("width", None)
    blocks = tuple(model.pop("blocks", DARKNET53_BLOCKS))
    if preset not in ("", "paper"):
        raise ValueError(f"unknown model preset {preset!r} (only 'paper')")
    if width is not None:
        return BRPPNetDims.scaled(float(width), blocks, **model)
    return BRPPNetDims(stage_blocks=blocks, **model)


def config_from_dict(raw: dict, path: Path | None = None) -> TrainConfig:
    """Build a TrainConfig; ValueError names the unknown or invalid setting."""
    unknown_top = set(raw) - {"model", "data", "train"}
    if unknown_top:
        raise ValueError(f"unknown table(s) {sorted(unknown_top)}; use [model], [data], [train]")
    train_raw = raw.get("train", {})
    known = {f.name for f in fields(TrainOptions)}
    bad = sorted(set(train_raw) - known)
    if bad:
        raise ValueError(f"unknown [train] setting(s): {', '.join(bad)}")
    data = dict(raw.get("data", {}))
    if data.get("kind", "synthetic") not in ("synthetic", "rpcoco"):
        raise ValueError(f"[data] kind must be 'synthetic' or 'rpcoco', got {data.get('kind')!r}")
    return TrainConfig(
        dims=_dims(raw.get("model", {})), data=data, train=TrainOptions(**train_raw), path=path
    )


def load_config(path: str | Path) -> TrainConfig:
    """Read a TOML training config; DatasetError (a RpippError) when it is missing or invalid."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return config_from_dict(raw, path)
    except OSError as e:
        raise DatasetError(f"cannot read config {path}: {e.strerror or e}") from e
    except (tomllib.TOMLDecodeError, ValueError, TypeError) as e:
        raise DatasetError(f"config {path} is invalid: {e}") from e
