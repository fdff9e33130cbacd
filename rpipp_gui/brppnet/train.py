"""Training loop: Adam, Balanced-BCE (or BCE / weighted logistic), CUDA + mixed precision when present,
resume from the last checkpoint, tqdm progress, a CSV log of loss and validation mIoU per epoch.

Outputs in ``train.out_dir``: ``last.safetensors`` and ``best.safetensors`` (checkpoints),
``resume.safetensors`` (optimizer state), ``log.csv``.
"""

from __future__ import annotations

import csv
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import torch
from torch.utils.data import DataLoader

from rpipp_gui.brppnet.checkpoint import (
    load_checkpoint,
    load_resume_state,
    save_checkpoint,
    save_resume_state,
)
from rpipp_gui.brppnet.config import TrainConfig
from rpipp_gui.brppnet.data import CocoMasks, DatasetError, load_refs
from rpipp_gui.brppnet.dataset import RefCocoSource, ReferringDataset, SyntheticSource
from rpipp_gui.brppnet.evaluate import evaluate
from rpipp_gui.brppnet.loss import get_loss
from rpipp_gui.brppnet.model import BRPPNet
from rpipp_gui.brppnet.synthetic import TEMPLATE_KINDS, SyntheticReferring
from rpipp_gui.brppnet.vocabulary import Vocabulary, load_glove
from rpipp_gui.errors import ModelError

LOG_FIELDS = ("epoch", "lr", "train_loss", "val_miou", "val_overall_iou", "seconds")


@dataclass(frozen=True)
class TrainResult:
    """best / last checkpoint paths, best validation mIoU, epochs done, wall seconds of this run."""

    best: Path
    last: Path
    best_miou: float
    epochs: int
    seconds: float


def resolve_device(name: str = "auto") -> torch.device:
    """ "auto" -> CUDA when available, else CPU."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise DatasetError("the config asks for CUDA but no CUDA device is available")
    return torch.device(name)


def build_sources(config: TrainConfig):
    """(train source, validation source) described by ``config.data``."""
    data = config.data
    if data.get("kind", "synthetic") == "synthetic":
        size = int(data.get("image_size", config.dims.input_size))
        kinds = tuple(data.get("kinds", TEMPLATE_KINDS))
        seed = int(data.get("seed", 0))
        train = SyntheticSource(SyntheticReferring(int(data.get("train_size", 4000)), seed, size, kinds))
        val = SyntheticSource(
            SyntheticReferring(
                int(data.get("val_size", 300)), int(data.get("val_seed", seed + 1)), size, kinds
            )
        )
        return train, val
    for key in ("train_json", "val_json", "image_dir", "instances_json"):
        if key not in data:
            raise DatasetError(f"[data] kind = 'rpcoco' needs {key}")
    masks = CocoMasks(config.resolve(data["instances_json"]))
    image_dir = config.resolve(data["image_dir"])
    persons = bool(data.get("persons_only", False))
    train = RefCocoSource(load_refs(config.resolve(data["train_json"]), persons), image_dir, masks)
    val = RefCocoSource(load_refs(config.resolve(data["val_json"]), persons), image_dir, masks, expand=True)
    return train, val


def start_epoch_of(resume: bool, last_path: Path, state_path: Path) -> int:
    """0 for a fresh run, else 1 (a resumed run keeps the weights it has)."""
    return int(resume and last_path.exists() and state_path.exists())


def load_backbone(model: BRPPNet, path: Path) -> None:
    """Copy Darknet weights (safetensors, keys of ``model.backbone.state_dict()``) into the model."""
    from safetensors.torch import load_file

    try:
        weights = load_file(str(path))
    except Exception as e:
        raise ModelError(f"cannot read Darknet weights {path}: {e}") from e
    expected = model.backbone.state_dict()
    wrong = [k for k in expected if k not in weights or weights[k].shape != expected[k].shape]
    if wrong:
        raise ModelError(
            f"Darknet weights {path} do not fit this backbone: {len(wrong)} tensor(s) missing or of "
            f"another shape (e.g. {', '.join(wrong[:3])})"
        )
    model.backbone.load_state_dict({k: weights[k] for k in expected})


def _lr_factor(config: TrainConfig, epoch_progress: float, time_progress: float = 0.0) -> float:
    """LR multiplier. ``time_progress`` (elapsed / max_minutes) lets the cosine schedule end on time
    when the wall-clock limit comes before the last epoch."""
    opts = config.train
    if opts.lr_schedule == "constant":
        return 1.0
    if opts.lr_schedule == "step":
        return opts.lr_gamma ** int(epoch_progress // max(1, opts.lr_step_epochs))
    if opts.lr_schedule == "cosine":
        done = max(epoch_progress / max(1, opts.epochs), time_progress)
        return 0.5 * (1.0 + math.cos(math.pi * min(1.0, done)))
    raise DatasetError(f"unknown lr_schedule {opts.lr_schedule!r} (constant, step or cosine)")


def train(
    config: TrainConfig,
    resume: bool = True,
    progress: bool = True,
    log: Callable[[str], None] = print,
) -> TrainResult:
    """Train as ``config`` says; resumes from ``out_dir/last.safetensors`` when it exists and ``resume``."""
    opts = config.train
    torch.manual_seed(opts.seed)
    device = resolve_device(opts.device)
    if device.type == "cpu":
        torch.set_num_threads(max(1, opts.threads))
    out = config.out_dir
    out.mkdir(parents=True, exist_ok=True)
    last_path, best_path, state_path, log_path = (
        out / "last.safetensors",
        out / "best.safetensors",
        out / "resume.safetensors",
        out / "log.csv",
    )
    train_src, val_src = build_sources(config)
    start_epoch, best = 0, -1.0
    if resume and last_path.exists() and state_path.exists():
        ckpt = load_checkpoint(last_path)
        model, vocab = ckpt.model, ckpt.vocab
        log(f"resuming from {last_path} (epoch {ckpt.summary.get('epochs', 0)})")
    else:
        vocab = Vocabulary.build(train_src.sentences(), opts.vocab_min_count, opts.vocab_max_size or None)
        model = BRPPNet(replace(config.dims, vocab_size=len(vocab)))
        if opts.glove:
            vectors, found = load_glove(config.resolve(opts.glove), vocab, model.dims.embed_dim)
            model.text.load_vectors(vectors)
            log(f"word vectors: {found} of {len(vocab)} words found in {opts.glove}")
    if opts.backbone_weights and start_epoch_of(resume, last_path, state_path) == 0:
        load_backbone(model, config.resolve(opts.backbone_weights))
        log(f"Darknet weights loaded from {opts.backbone_weights}")
    model.to(device).train()
    if opts.freeze_backbone:
        model.backbone.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.Adam(params, lr=opts.lr, weight_decay=opts.weight_decay)
    if resume and last_path.exists() and state_path.exists():
        info = load_resume_state(state_path, optimizer)
        start_epoch, best = int(info.get("epoch", 0)), float(info.get("best_miou", -1.0))
    loss_fn = get_loss(opts.loss)
    loss_kwargs = {"reduction": opts.reduction}
    if opts.loss == "balanced_bce":
        loss_kwargs |= {"eps1": opts.eps1, "eps2": opts.eps2}
    use_amp = opts.amp and device.type == "cuda"
    scaler = torch.amp.GradScaler("cuda", enabled=use_amp)
    dataset = ReferringDataset(train_src, vocab, model.dims, flip_prob=opts.flip_prob, seed=opts.seed)
    loader = DataLoader(
        dataset,
        batch_size=opts.batch_size,
        shuffle=True,
        drop_last=len(dataset) > opts.batch_size,  # batch norm on the sentence vector needs B > 1
        num_workers=opts.workers,
        pin_memory=device.type == "cuda",
        generator=torch.Generator().manual_seed(opts.seed),
    )
    if not log_path.exists() or start_epoch == 0:
        with open(log_path, "w", newline="") as f:
            csv.writer(f).writerow(LOG_FIELDS)
    t0 = time.monotonic()
    epoch, steps_per_epoch = start_epoch, max(1, len(loader))
    deadline = t0 + opts.max_minutes * 60 if opts.max_minutes > 0 else math.inf
    for epoch in range(start_epoch + 1, opts.epochs + 1):
        dataset.epoch = epoch
        if opts.freeze_backbone:
            model.backbone.eval()  # frozen batch-norm statistics too
        loader.generator.manual_seed(opts.seed + epoch)
        batches = loader
        if progress:
            from tqdm import tqdm

            batches = tqdm(loader, desc=f"epoch {epoch}/{opts.epochs}", unit="batch", leave=False)
        total, count, e0 = 0.0, 0, time.monotonic()
        for step, batch in enumerate(batches):
            elapsed = (time.monotonic() - t0) / (opts.max_minutes * 60) if opts.max_minutes > 0 else 0.0
            lr = opts.lr * _lr_factor(config, epoch - 1 + step / steps_per_epoch, elapsed)
            for group in optimizer.param_groups:
                group["lr"] = lr
            images = batch["image"].to(device, non_blocking=True)
            tokens = batch["tokens"].to(device, non_blocking=True)
            target = batch["target"].to(device, non_blocking=True)
            with torch.autocast(device.type, dtype=torch.float16, enabled=use_amp):
                logits = model(images, tokens)
            loss = loss_fn(logits.float(), target, **loss_kwargs)
            optimizer.zero_grad(set_to_none=True)
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            total, count = total + loss.item(), count + 1
            if progress:
                batches.set_postfix(loss=f"{total / count:.4f}", lr=f"{lr:.2e}")
            if time.monotonic() > deadline:
                break
        result = evaluate(
            model,
            vocab,
            val_src,
            opts.threshold,
            batch_size=max(2, opts.batch_size),
            limit=opts.eval_limit or None,
        )
        seconds = time.monotonic() - e0
        log(
            f"epoch {epoch}: loss {total / max(1, count):.4f}  val mIoU {result.miou:.4f}  "
            f"oIoU {result.overall_iou:.4f}  {seconds:.0f}s"
        )
        with open(log_path, "a", newline="") as f:
            csv.writer(f).writerow(
                [
                    epoch,
                    f"{lr:.6g}",
                    f"{total / max(1, count):.6f}",
                    f"{result.miou:.6f}",
                    f"{result.overall_iou:.6f}",
                    f"{seconds:.1f}",
                ]
            )
        summary = {
            "epochs": epoch,
            "loss": opts.loss,
            "val_miou": round(result.miou, 6),
            "val_overall_iou": round(result.overall_iou, 6),
            "data": config.data.get("kind", "synthetic"),
            "config": str(config.path.resolve()) if config.path else None,
        }
        if result.miou > best:
            best = result.miou
            save_checkpoint(best_path, model, vocab, opts.threshold, summary | {"best": True})
        save_checkpoint(last_path, model, vocab, opts.threshold, summary | {"best_val_miou": round(best, 6)})
        save_resume_state(state_path, optimizer, {"epoch": epoch, "best_miou": best})
        if time.monotonic() > deadline:
            log(f"stopping: max_minutes = {opts.max_minutes} reached")
            break
    return TrainResult(best_path, last_path, best, epoch, time.monotonic() - t0)
