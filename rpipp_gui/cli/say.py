"""``rpipp protect PHOTO --say "the man on the left"``: choose what to hide with a sentence.

``target_from_sentence(text, loaded, args)`` is the one path every sentence takes, typed (--say) or
spoken (--audio / --listen turn speech into text, then call it). It grounds the sentence with the
chosen engine and raises NoMatchError (exit code 3) naming the people found when nobody fits.
"""

from __future__ import annotations

import argparse

from rpipp_gui.errors import NoMatchError, RpippError

ENGINE_NAMES = ("instances", "brppnet")
FACE_STYLE = "face"
DEFAULT_FACE_FILL = "solid"


def add_target_option(group: argparse._MutuallyExclusiveGroup) -> None:
    """--say TEXT, one of protect's mutually exclusive target options."""
    group.add_argument(
        "--say",
        metavar="TEXT",
        help='who to hide, in words: "the man on the left", "blur both kids", "everyone except the bride"',
    )


def add_options(parser: argparse.ArgumentParser) -> None:
    """--engine and --checkpoint, shared by every sentence-driven target."""
    parser.add_argument(
        "--engine",
        choices=ENGINE_NAMES,
        default="instances",
        help="how a sentence picks people: instances (find people, then resolve; default) or brppnet",
    )
    parser.add_argument(
        "--checkpoint", metavar="PATH", default=None, help="BRPPNet checkpoint (for --engine brppnet)"
    )


def make_engine_for(args: argparse.Namespace):
    """The grounding engine the options name (models load lazily, on set_image)."""
    from rpipp_gui.referring.engines import make_engine

    name = getattr(args, "engine", "instances") or "instances"
    if name == "brppnet":
        return make_engine(name, checkpoint=getattr(args, "checkpoint", None), device=None)
    return make_engine(name)


def target_from_sentence(text: str, loaded, args: argparse.Namespace, engine=None):
    """Ground ``text`` in the loaded photo and return protect's Target.

    loaded: rpipp_gui.imaging.LoadedImage (its HxWx3 uint8 ``rgb`` as displayed).
    args:   protect's options (``engine``, ``checkpoint``, ``style``); ``--style face`` hides only faces.
    engine: an already prepared GroundingEngine with the image set (tests, GUI), or None.
    Raises NoMatchError when the sentence fits nobody, RpippError for an empty sentence.
    """
    from rpipp_gui.cli.people import unsearchable
    from rpipp_gui.cli.protect import Target
    from rpipp_gui.referring import describe_people
    from rpipp_gui.referring.query import parse

    if not text or not text.strip():
        raise RpippError('--say needs a sentence, e.g. --say "the man on the left"')
    why_not = unsearchable(*loaded.size)
    if engine is None and why_not is not None:
        raise NoMatchError(f"nobody matches {text.strip()!r}; found nobody in the photo: {why_not}")
    if engine is None:
        from rpipp_gui.people.mp_models import quiet_native_stderr

        engine = make_engine_for(args)
        with quiet_native_stderr():  # MediaPipe's C++ start-up chatter: stderr keeps one line
            engine.set_image(loaded.rgb)
    want_faces = getattr(args, "style", None) == FACE_STYLE
    sentence = text
    if want_faces and parse(text).style != FACE_STYLE:
        sentence = f"hide the face of {parse(text).text}"
    grounding = engine.ground(sentence)
    if getattr(grounding, "unsure", False):
        raise NoMatchError(unsure_line(text, grounding.candidates))
    if grounding.matched_nobody or not grounding.selected or not grounding.mask.any():
        people = engine.people
        found = (
            f"found {len(people)} {'person' if len(people) == 1 else 'people'}: "
            f"{describe_people(people, loaded.size)}"
            if people
            else "found nobody in the photo"
        )
        reason = f" ({grounding.explanation})" if grounding.explanation else ""
        raise NoMatchError(f"nobody matches {text.strip()!r}{reason}; {found}")
    hint = grounding.style
    if hint == FACE_STYLE:
        hint = FACE_STYLE if want_faces else (grounding.fill or DEFAULT_FACE_FILL)
    return Target(mask=grounding.mask, style_hint=hint, explanation=grounding.explanation)


def unsure_line(text: str, candidates) -> str:
    """The one line an unsure sentence ends with: "not sure whom 'the guy pointing' means: #1 or #2 —
    say more, or pick a number"."""
    ids = [f"#{i + 1}" for i in sorted(candidates)]
    who = ", ".join(ids[:-1]) + f" or {ids[-1]}" if len(ids) > 1 else "".join(ids)
    return f"not sure whom {' '.join(text.split())!r} means: {who} — say more, or pick a number"


def face_fill(args: argparse.Namespace, target) -> str:
    """The style that fills the faces when ``--style face`` was asked for. Raises RpippError when the
    target was not chosen by a sentence (only people have faces)."""
    if (
        getattr(args, "say", None) is None
        and not getattr(args, "audio", None)
        and not getattr(args, "listen", False)
    ):
        raise RpippError("--style face hides the faces of people chosen with --say; use another style")
    hint = target.style_hint
    return hint if hint not in (None, FACE_STYLE) else DEFAULT_FACE_FILL
