"""``rpipp transcribe CLIP.wav`` (or ``--listen``): print the spoken command as text."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from rpipp_gui.cli.speech_input import add_backend_arguments, transcribe_args


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "transcribe",
        help="turn a spoken command into text (offline Whisper)",
        description="Print the normalised command text of a WAV clip or a microphone recording. "
        "Silence and noise print an empty line.",
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("clip", nargs="?", metavar="CLIP.wav", help="WAV file (any rate, mono or stereo)")
    src.add_argument("--listen", action="store_true", help="record one command from the microphone")
    src.add_argument("--list-mics", action="store_true", help="list audio input devices and exit")
    add_backend_arguments(p)
    p.add_argument("--json", action="store_true", help="print the whole transcript record as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.list_mics:
        from rpipp_gui.speech.capture import list_input_devices

        devices = list_input_devices()
        if not devices:
            print("rpipp: no audio input device found", file=sys.stderr)
        for d in devices:
            mark = "*" if d.is_default else " "
            print(f"{mark} {d.index}: {d.name} ({d.channels} ch, {d.default_samplerate:.0f} Hz)")
        return 0
    transcriber = None
    if args.clip is not None:  # the app's transcriber (--listen loads its own while the user speaks)
        from rpipp_gui.cli.say import app_for

        transcriber = app_for(args).models.transcriber()
    result = transcribe_args(args, args.clip, args.listen, transcriber)
    if args.json:
        print(json.dumps(asdict(result)))
    else:
        print(result.text)
    if not result.text:
        print(f"rpipp: no command heard ({result.rejected or 'no words'})", file=sys.stderr)
    return 0
