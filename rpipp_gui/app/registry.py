"""The names the front ends offer, read from the registries of the layers below (no copies).

    engine_names()          grounding engines       (rpipp_gui.referring.engines.ENGINES)
    people_backend_names()  person finders          (rpipp_gui.people.backends.BACKENDS)
    speech_backend_names()  speech recognisers      (rpipp_gui.speech.transcribe.BACKENDS)
    style_names()           protection styles       (rpipp_gui.imaging.styles.STYLES + FACE_STYLE)

Each is a cheap import (no torch, mediapipe or Whisper), so ``rpipp --help`` stays instant. A backend
registered at run time (``rpipp_gui.people.register_backend``) shows up in the next call.
"""

from __future__ import annotations

DEFAULT_ENGINE = "instances"
DEFAULT_PEOPLE_BACKEND = "embedded"
DEFAULT_SPEECH_BACKEND = "faster-whisper"
DEFAULT_STYLE = "solid"
FACE_STYLE = "face"  # not a pixel style: hide only the faces of the people chosen, filled by a style
FACE_FILL = "solid"  # the faces' fill when nothing names one (both front ends)


def engine_names() -> tuple[str, ...]:
    from rpipp_gui.referring.engines import ENGINES

    return tuple(ENGINES)


def people_backend_names() -> tuple[str, ...]:
    from rpipp_gui.people.backends import BACKENDS

    return tuple(BACKENDS)


def speech_backend_names() -> tuple[str, ...]:
    from rpipp_gui.speech.transcribe import BACKENDS

    return tuple(BACKENDS)


def pixel_style_names() -> tuple[str, ...]:
    """Styles that fill a mask (``rpipp_gui.imaging.apply_style``)."""
    from rpipp_gui.imaging.styles import STYLES

    return tuple(STYLES)


def style_names() -> tuple[str, ...]:
    """Every style a user can ask for: the pixel styles, then ``face`` (faces only)."""
    return (*pixel_style_names(), FACE_STYLE)
