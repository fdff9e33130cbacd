"""Failures as the user reads them in the message bar (one line; the traceback goes to the log)."""

from __future__ import annotations

from rpipp_gui.errors import RpippError


def describe_error(e: BaseException) -> str:
    """Our own errors by their message, others with their type name: "ValueError: ..."."""
    return str(e) if isinstance(e, RpippError) else f"{type(e).__name__}: {e}"
