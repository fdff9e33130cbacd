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
from rpipp_gui.cli.parsing import feather_px, one_line_errors, percent_int, rgb_color, unit_float
from rpipp_gui.errors import ExportError, PrivacyCheckError
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
from rpipp_gui.imaging.styles import OUTLINES
from rpipp_gui.session.snapshot import Snapshot


@dataclass(frozen=True, eq=False)
class Target:
    """What to hide: ``mask`` HxW bool (photo size, as displayed); ``style`` the pixel style to use;
    ``explanation`` a line for --explain; ``decision`` the app's Decision when a sentence chose it;
    ``people`` the people found in the photo when a sentence chose them (else None)."""

    mask: np.ndarray
    style: str
    explanation: str
    decision: object | None = None
    people: tuple | None = None


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
    p.add_argument(
        "--feather", type=feather_px, default=0.0, metavar="PX", help="soft edge width (0..1000 px)"
    )
    p.add_argument(
        "--color",
        type=rgb_color,
        metavar="COLOR",
        help="fill colour of the solid style: #RRGGBB, R,G,B or a name (default: the colour around)",
    )
    p.add_argument(
        "--outline",
        choices=OUTLINES,
        default=None,
        help="cover: hide each part as its grown convex hull, so no person-shaped silhouette is left "
        "(default for people chosen by words or speech); exact: hide exactly the mask (default for --mask)",
    )
    p.add_argument("--quality", type=percent_int, default=92, help="JPEG/WebP quality 1..100 (default 92)")
    p.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="output file (default PHOTO.protected.EXT)"
    )
    p.add_argument("--mask-out", type=Path, metavar="M.png", help="also save the mask used, as a PNG")
    p.add_argument("--explain", action="store_true", help="say what was chosen and why")
    p.add_argument(
        "--check",
        action="store_true",
        help="before writing, search the protected copy for the hidden people's faces and bodies; "
        "if one is still found, write nothing and exit 4",
    )
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
    return Target(
        mask=decision.mask, style=pixel, explanation=summary(decision), decision=decision, people=photo.people
    )


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
        inputs = [(args.photo, "the source photo"), (out, "the output photo")]
        if getattr(args, "mask", None) is not None:
            inputs.append((args.mask, "the input mask"))
        if getattr(args, "audio", None):
            inputs.append((Path(args.audio), "the audio file"))
        if getattr(args, "checkpoint", None):
            inputs.append((Path(args.checkpoint), "the checkpoint"))
        for other, what in inputs:
            if is_same_file(args.mask_out, other):
                raise ExportError(f"--mask-out {args.mask_out} would overwrite {what}")
    if getattr(args, "mask", None) is not None and is_same_file(out, args.mask):
        raise ExportError(f"refusing to overwrite the mask {args.mask} with the output photo")
    if getattr(args, "audio", None) and is_same_file(out, Path(args.audio)):
        raise ExportError(f"refusing to overwrite the audio file {args.audio} with the output photo")


def privacy_check(app, loaded: LoadedImage, target: Target, snapshot: Snapshot) -> list[str]:
    """--check: render the protected copy and search it for the people the mask hides (found in
    the photo for --mask). Raises PrivacyCheckError naming every hidden person still detected;
    returns notes on person-like regions left visible when everyone found was hidden."""
    from rpipp_gui.app.output import kept, render
    from rpipp_gui.imaging.styles import hidden_region
    from rpipp_gui.people.privacy import check_protected

    people = target.people
    if people is None:
        people = app.find_people(app.open_loaded(loaded))
    keep = kept(snapshot)
    result = check_protected(
        render(snapshot, keep=keep), list(people), hidden_region(target.mask, snapshot.style, keep)
    )
    if not result.ok:
        found = "; ".join(result.messages()[: len(result.leaks)])
        raise PrivacyCheckError(f"{found}; nothing written (try a stronger style or strength)")
    return result.messages()


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
    outline = args.outline or ("exact" if args.mask is not None else "cover")
    options = StyleOptions(
        style=style, strength=args.strength, feather_px=args.feather, color=args.color, outline=outline
    )
    snapshot = Snapshot(
        rgb=loaded.rgb,
        mask=target.mask,
        style=options,
        source=args.photo,
        alpha=loaded.alpha,
        icc_profile=loaded.icc_profile,
        people=tuple(target.people or ()),
    )
    notes = privacy_check(app, loaded, target, snapshot) if args.check else []
    written = app.export(snapshot, out, ExportOptions(quality=args.quality))
    try:
        if args.mask_out is not None:
            save_mask(args.mask_out, target.mask)
    except Exception:
        written.unlink(missing_ok=True)  # all or nothing
        raise
    print(written)
    for note in notes:
        print(f"rpipp: privacy check: {note}", file=sys.stderr)
    if args.explain:
        print(f"{target.explanation}; style {style}, strength {args.strength:g}")
    return 0
