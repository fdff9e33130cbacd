"""``rpipp train CONFIG``: train a BRPPNet from a TOML config (see configs/)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rpipp_gui.cli.parsing import non_negative_float, positive_int


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "train",
        help="train a BRPPNet referring-segmentation model from a TOML config",
        description="Train BRPPNet as CONFIG says (CUDA + mixed precision when present, CPU otherwise). "
        "Writes best.safetensors, last.safetensors, resume.safetensors and log.csv to the config's "
        "out_dir, and resumes from last.safetensors when it is there.",
    )
    p.add_argument("config", type=Path, help="training config (.toml), e.g. configs/synthetic_small.toml")
    p.add_argument("--fresh", action="store_true", help="start over instead of resuming")
    p.add_argument("--out-dir", type=Path, help="write outputs here instead of the config's out_dir")
    p.add_argument("--loss", choices=("balanced_bce", "bce", "weighted_logistic"), help="override the loss")
    p.add_argument("--epochs", type=positive_int, help="override the number of epochs")
    p.add_argument("--threads", type=positive_int, help="override the number of CPU threads")
    p.add_argument("--max-minutes", type=non_negative_float, help="override the wall-clock limit (0 = none)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import os
    from dataclasses import replace

    # Before torch loads: idle OpenMP threads sleep instead of spinning (much faster on a busy CPU).
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

    from rpipp_gui.brppnet.config import load_config
    from rpipp_gui.brppnet.train import train

    config = load_config(args.config)
    overrides = {}
    if args.out_dir is not None:
        overrides["out_dir"] = str(args.out_dir.resolve())
    if args.loss:
        overrides["loss"] = args.loss
    if args.epochs:
        overrides["epochs"] = args.epochs
    if args.threads:
        overrides["threads"] = args.threads
    if args.max_minutes is not None:
        overrides["max_minutes"] = args.max_minutes
    if overrides:
        config = replace(config, train=replace(config.train, **overrides))
    result = train(config, resume=not args.fresh, progress=not args.quiet)
    print(f"best validation mIoU {result.best_miou:.4f} after {result.epochs} epochs, {result.seconds:.0f} s")
    print(f"best checkpoint: {result.best}")
    return 0
