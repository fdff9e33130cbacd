"""Domain errors. Every failure a user can cause is one of these, with a message that says
what went wrong and why; callers chain the underlying exception with ``raise ... from e``."""

from __future__ import annotations


class RpippError(Exception):
    """Base of every error RPIPP reports to a user."""


class ImageLoadError(RpippError):
    """A photo could not be read (missing, empty, corrupt, unsupported or too large)."""


class ExportError(RpippError):
    """A protected copy or a mask could not be written."""


class MaskError(RpippError):
    """A mask is missing, unreadable or does not fit the photo."""


class ModelError(RpippError):
    """A model or checkpoint is missing, corrupt, or does not match what the code expects."""


class NoMatchError(RpippError):
    """A sentence matched nobody in the photo."""


class AudioError(RpippError):
    """Audio could not be captured or read (no microphone, busy device, bad file)."""


class PrivacyCheckError(RpippError):
    """The protected copy still shows a person it should hide (the check before export)."""
