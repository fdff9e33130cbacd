"""``rpipp eval CONFIG|CHECKPOINT``: score a BRPPNet checkpoint on a config's validation split."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rpipp_gui.cli.parsing import non_negative_int, unit_float
from rpipp_gui.errors import RpippError


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "eval",
        help="evaluate a BRPPNet checkpoint: mIoU, overall IoU, prec@0.5:0.95, TDIR, SSIM, PSNR",
        description="Evaluate a BRPPNet checkpoint on the validation split of a training config. "
        "Given a CONFIG (.toml), its best checkpoint is used; given a CHECKPOINT (.safetensors), "
        "--config names the data (default: the config recorded in the checkpoint).",
    )
    p.add_argument("target", type=Path, help="a training config (.toml) or a checkpoint (.safetensors)")
    p.add_argument("--config", type=Path, help="config whose validation data to use (with a checkpoint)")
    p.add_argument(
        "--limit", type=non_negative_int, default=0, help="evaluate at most this many sentences (0 = all)"
    )
    p.add_argument(
        "--threshold", type=unit_float, help="mask probability threshold 0..1 (default: the checkpoint's)"
    )
    p.add_argument("--no-privacy", action="store_true", help="skip TDIR / SSIM / PSNR (faster)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--device", default="auto", help="auto, cpu or cuda")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rpipp_gui.brppnet.checkpoint import load_checkpoint, read_metadata
    from rpipp_gui.brppnet.config import load_config
    from rpipp_gui.brppnet.evaluate import evaluate
    from rpipp_gui.brppnet.train import build_sources, resolve_device

    if args.target.suffix == ".toml":
        config = load_config(args.target)
        checkpoint = config.out_dir / "best.safetensors"
    else:
        checkpoint = args.target
        recorded = read_metadata(checkpoint).get("summary", {}).get("config")  # also checks the file
        config_path = args.config or recorded
        if not config_path:
            raise RpippError(f"{checkpoint} records no config: name the data with --config")
        config = load_config(config_path)
    device = resolve_device(args.device)
    ckpt = load_checkpoint(checkpoint, device)
    _, val = build_sources(config)
    result = evaluate(
        ckpt.model,
        ckpt.vocab,
        val,
        args.threshold if args.threshold is not None else ckpt.threshold,
        limit=args.limit or None,
        privacy=not args.no_privacy,
        tdir_fn=None if args.no_privacy else _tdir(),
        progress=not args.json,
    )
    if args.json:
        print(json.dumps({"checkpoint": str(checkpoint)} | result.to_dict()))
    else:
        print(f"checkpoint: {checkpoint}")
        print("\n".join(result.lines()))
    return 0


def _tdir():
    """The people layer's face re-identification check (CenterFace + MediaPipe), for TDIR."""
    from rpipp_gui.people.privacy import tdir

    return tdir
