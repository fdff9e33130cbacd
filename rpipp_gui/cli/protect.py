"""``rpipp protect PHOTO <target> [--style ...] [-o OUT]``: hide part of a photo and export a copy
without metadata.

Flow: load -> choose_target (a mask file, or the app's Decision for a sentence) -> app.export (+ save_mask)
-> print the output path. The sentence path is the window's: ``rpipp_gui.app.App.decide``.

Adding a way to choose what to hide (a sentence, audio, the microphone): add its option to the
mutually exclusive group in ``_add_target_options`` and one branch to ``choose_target`` that
returns a ``Target``. Everything after choosing the target is shared.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rpipp_gui.app.decision import MATCHED
from rpipp_gui.app.registry import DEFAULT_STYLE, pixel_style_names, style_names
from rpipp_gui.app.wording import summary
from rpipp_gui.cli import say, speech_input
from rpipp_gui.cli.parsing import non_negative_float, one_line_errors, percent_int, rgb_color, unit_float
from rpipp_gui.errors import ExportError
from rpipp_gui.imaging import (
    ExportOptions,
    LoadedImage,
    StyleOptions,
    default_output_path,
    load_image,
    load_mask,
    save_mask,
)
from rpipp_gui.imaging.export import check_output_path, format_for, is_same_file
from rpipp_gui.session.snapshot import Snapshot


@dataclass(frozen=True, eq=False)
class Target:
    """What to hide: ``mask`` HxW bool (photo size, as displayed); ``style`` the pixel style to use;
    ``explanation`` a line for --explain; ``decision`` the app's Decision when a sentence chose it."""

    mask: np.ndarray
    style: str
    explanation: str
    decision: object | None = None


def _add_target_options(group: argparse._MutuallyExclusiveGroup) -> None:
    """One option per way of choosing what to hide (exactly one is required)."""
    group.add_argument(
        "--mask", type=Path, metavar="MASK.png", help="hide the white (nonzero) pixels of this image"
    )
    say.add_target_option(group)
    speech_input.add_speech_arguments(group)


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "protect",
        help="hide part of a photo and export a copy without metadata",
        description="Hide part of a photo (solid fill by default) and write a copy without EXIF, "
        "GPS, XMP, IPTC or comments. The source photo is never modified.",
    )
    one_line_errors(p)
    p.add_argument("photo", type=Path, help="the photo to protect (JPEG, PNG, WebP, TIFF, BMP, GIF)")
    _add_target_options(p.add_mutually_exclusive_group(required=True))
    p.add_argument(
        "--style",
        choices=style_names(),
        default=None,
        help="how to hide (default: the style the request named, else solid)",
    )
    p.add_argument("--strength", type=unit_float, default=0.5, help="0..1, relative to the region size")
    p.add_argument("--feather", type=non_negative_float, default=0.0, metavar="PX", help="soft edge width")
    p.add_argument(
        "--color",
        type=rgb_color,
        metavar="COLOR",
        help="fill colour of the solid style: #RRGGBB, R,G,B or a name (default: the colour around)",
    )
    p.add_argument("--quality", type=percent_int, default=92, help="JPEG/WebP quality 1..100 (default 92)")
    p.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="output file (default PHOTO.protected.EXT)"
    )
    p.add_argument("--mask-out", type=Path, metavar="M.png", help="also save the mask used, as a PNG")
    p.add_argument("--explain", action="store_true", help="say what was chosen and why")
    say.add_options(p)
    speech_input.add_backend_arguments(p, prefix="speech-")
    p.set_defaults(func=run)


def choose_target(args: argparse.Namespace, loaded: LoadedImage, app) -> Target:
    """Turn the target option the user gave into a Target for ``loaded``. Raises RpippError."""
    if args.mask is not None:
        if args.style == say.FACE_STYLE:
            raise ExportError("--style face hides the faces of people chosen with --say; use another style")
        mask = load_mask(args.mask, size=loaded.size)
        n = int(mask.sum())
        return Target(
            mask=mask,
            style=args.style or DEFAULT_STYLE,
            explanation=f"mask {args.mask}: {n} pixels ({100.0 * n / mask.size:.1f} % of the photo)",
        )
    text = args.say
    if text is None:  # --audio / --listen: transcribe, then as --say
        text = speech_input.sentence_from_speech(args, transcriber=_file_transcriber(args, app))
    if text is None:
        raise ExportError("no target given: use --mask")  # argparse's required group prevents this
    photo = app.open_loaded(loaded)
    photo = app.with_people(app.find_people(photo), photo)
    decision = say.decide(app, photo, text, style=args.style)
    if decision.verdict != MATCHED:
        print(f"rpipp: warning: {summary(decision)}", file=sys.stderr)
    pixel = args.style if args.style in pixel_style_names() else decision.style_or(None)
    return Target(mask=decision.mask, style=pixel, explanation=summary(decision), decision=decision)


def _file_transcriber(args: argparse.Namespace, app):
    """The app's transcriber for --audio (loaded now); None for --listen, which loads its own while
    the user speaks."""
    return app.models.transcriber() if getattr(args, "audio", None) else None


def _check_paths(args: argparse.Namespace, out: Path) -> None:
    """Fail before any work when an output would clobber an input or has an unknown format."""
    format_for(out)
    check_output_path(out, args.photo)
    if args.color is not None and args.style not in (None, "solid", say.FACE_STYLE):
        raise ExportError(f"--color sets the fill of the solid style, not of {args.style}")
    if args.mask_out is not None:
        if args.mask_out.suffix.lower() != ".png":
            raise ExportError(f"--mask-out {args.mask_out}: the mask is saved as PNG; use a .png name")
        for other, what in ((args.photo, "the source photo"), (out, "the output photo")):
            if is_same_file(args.mask_out, other):
                raise ExportError(f"--mask-out {args.mask_out} would overwrite {what}")
    if getattr(args, "mask", None) is not None and is_same_file(out, args.mask):
        raise ExportError(f"refusing to overwrite the mask {args.mask} with the output photo")


def run(args: argparse.Namespace) -> int:
    out = args.output if args.output is not None else default_output_path(args.photo)
    _check_paths(args, out)
    app = say.app_for(args)
    loaded = load_image(args.photo)
    for warning in loaded.warnings:
        print(f"rpipp: warning: {warning}", file=sys.stderr)
    target = choose_target(args, loaded, app)
    style = target.style
    if args.color is not None and style != "solid":
        raise ExportError(f"--color sets the fill of the solid style, but the style here is {style}")
    options = StyleOptions(style=style, strength=args.strength, feather_px=args.feather, color=args.color)
    snapshot = Snapshot(
        rgb=loaded.rgb,
        mask=target.mask,
        style=options,
        source=args.photo,
        alpha=loaded.alpha,
        icc_profile=loaded.icc_profile,
    )
    written = app.export(snapshot, out, ExportOptions(quality=args.quality))
    try:
        if args.mask_out is not None:
            save_mask(args.mask_out, target.mask)
        # the privacy check of the written copy (``--check``, exit 4) belongs here: on failure it
        # removes ``written`` like a failed --mask-out does
    except Exception:
        written.unlink(missing_ok=True)  # all or nothing
        raise
    print(written)
    if args.explain:
        print(f"{target.explanation}; style {style}, strength {args.strength:g}")
    return 0
