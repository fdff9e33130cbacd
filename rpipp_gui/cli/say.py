"""``rpipp protect PHOTO --say "the man on the left"``: choose what to hide with a sentence.

A thin adapter over ``rpipp_gui.app``: the options become a ``ModelConfig``; ``decide`` asks the app
for a ``Decision`` and turns the verdict "nobody" into NoMatchError (exit code 3), worded by
``rpipp_gui.app.wording`` like the window's result line. Typed (--say) and spoken (--audio / --listen)
sentences take the same path.
"""

from __future__ import annotations

import argparse

from rpipp_gui.app import registry
from rpipp_gui.errors import NoMatchError

FACE_STYLE = registry.FACE_STYLE


def add_target_option(group: argparse._MutuallyExclusiveGroup) -> None:
    """--say TEXT, one of protect's mutually exclusive target options."""
    group.add_argument(
        "--say",
        metavar="TEXT",
        help='who to hide, in words: "the man on the left", "blur both kids", "everyone except the bride"',
    )


def add_options(parser: argparse.ArgumentParser) -> None:
    """--engine, --checkpoint and --people-backend, shared by every sentence-driven target."""
    parser.add_argument(
        "--engine",
        choices=registry.engine_names(),
        default=registry.DEFAULT_ENGINE,
        help="how a sentence picks people: instances (find people, then resolve; default) or brppnet",
    )
    parser.add_argument(
        "--checkpoint", metavar="PATH", default=None, help="BRPPNet checkpoint (for --engine brppnet)"
    )
    parser.add_argument(
        "--people-backend",
        choices=registry.people_backend_names(),
        default=registry.DEFAULT_PEOPLE_BACKEND,
        help="how people are found (default: embedded)",
    )


def app_for(args: argparse.Namespace):
    """The app with the models the options name (they load lazily, on first use)."""
    from rpipp_gui.app import App, ModelConfig

    return App(
        ModelConfig(
            engine=getattr(args, "engine", None) or registry.DEFAULT_ENGINE,
            checkpoint=str(getattr(args, "checkpoint", None) or ""),
            people_backend=getattr(args, "people_backend", None) or registry.DEFAULT_PEOPLE_BACKEND,
            speech_backend=getattr(args, "speech_backend", None) or registry.DEFAULT_SPEECH_BACKEND,
            speech_model=getattr(args, "speech_model", None) or "",
            device=getattr(args, "speech_device", None) or "auto",
        )
    )


def decide(app, photo, text: str, style: str | None = None):
    """The app's Decision for ``text`` in ``photo``; NoMatchError (one line) when it fits nobody."""
    from rpipp_gui.app import NOBODY
    from rpipp_gui.app.wording import summary

    decision = app.decide(text, photo, style=style)
    if decision.verdict == NOBODY or not decision.mask.any():
        raise NoMatchError(summary(decision))
    return decision
