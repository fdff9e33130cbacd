"""What a worker thread gets from a session: immutable copies, safe to read while the user edits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Snapshot:
    """An immutable copy of what a worker needs to render or export.

    rgb: HxWx3 uint8 (shared, never written), mask: HxW bool (a copy), style: StyleOptions.
    people: the people found (Person records, shared read-only): the cover outline never grows
    over one the mask leaves visible (``app.decision.kept_region``).
    """

    rgb: np.ndarray
    mask: np.ndarray
    style: Any
    source: Path | None
    alpha: np.ndarray | None = None
    icc_profile: bytes | None = None
    people: tuple = ()
