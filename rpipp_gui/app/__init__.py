"""The application layer: one pipeline for the window and the command line (Qt-free).

    App               models + the open photo + decide(sentence or audio) + export   (pipeline)
    Models, ModelConfig   person finder, grounding engine, transcriber: lazy, locked  (models)
    PhotoContext      pixels, people and a version; stale results are dropped         (context)
    Decision          people, mask, style, faces-only, verdict and reasons            (decision)
    wording.summary   the only place a decision becomes text                          (wording)
    registry          the engine, people-backend, speech-backend and style names      (registry)
    output            preview rendering and export of a session Snapshot              (output)

``rpipp_gui.ui`` and ``rpipp_gui.cli`` sit above this package and never below each other.
"""

from rpipp_gui.app.context import PhotoContext
from rpipp_gui.app.decision import MATCHED, NOBODY, UNSURE, Decision, Reason
from rpipp_gui.app.models import ModelConfig, Models
from rpipp_gui.app.pipeline import App

__all__ = [
    "MATCHED",
    "NOBODY",
    "UNSURE",
    "App",
    "Decision",
    "ModelConfig",
    "Models",
    "PhotoContext",
    "Reason",
]
