"""``rpipp train CONFIG``: train a BRPPNet from a TOML config (see configs/)."""

from __future__ import annotations

import argparse
from pathlib import Path


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
    p.add_argument("--epochs", type=int, help="override the number of epochs")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

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
    if overrides:
        config = replace(config, train=replace(config.train, **overrides))
    result = train(config, resume=not args.fresh, progress=not args.quiet)
    print(f"best validation mIoU {result.best_miou:.4f} after {result.epochs} epochs, {result.seconds:.0f} s")
    print(f"best checkpoint: {result.best}")
    return 0
