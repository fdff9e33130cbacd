"""Undo/redo history of one photo's edits, stored as compact diffs.

A step never keeps a full mask: it keeps the bounding box of the pixels that changed and the XOR of
the old and new mask inside that box (applying the XOR again toggles back, so the same patch serves
undo and redo). Small state (selection, style, people added) is kept before/after, since it is tiny.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rpipp_gui.people.person import Person


@dataclass(frozen=True)
class MaskDelta:
    """The pixels one edit flipped: ``patch`` (hxw bool, True = flipped) placed at (y0, x0)."""

    y0: int
    x0: int
    patch: np.ndarray

    @classmethod
    def between(cls, before: np.ndarray, after: np.ndarray) -> MaskDelta | None:
        """Diff two HxW bool masks of the same shape; None when they are equal."""
        if before.shape != after.shape:
            raise ValueError(f"mask shapes differ: {before.shape} vs {after.shape}")
        changed = before ^ after
        rows = np.flatnonzero(changed.any(axis=1))
        if rows.size == 0:
            return None
        cols = np.flatnonzero(changed.any(axis=0))
        y0, y1, x0, x1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
        return cls(y0, x0, changed[y0:y1, x0:x1].copy())

    def apply(self, mask: np.ndarray) -> None:
        """Toggle the flipped pixels of ``mask`` (HxW bool) in place: undoes or redoes the edit."""
        h, w = self.patch.shape
        mask[self.y0 : self.y0 + h, self.x0 : self.x0 + w] ^= self.patch

    @property
    def nbytes(self) -> int:
        return int(self.patch.nbytes)


@dataclass
class Step:
    """One undoable edit.

    label:          what the user did ("Brush stroke", "Toggle #2", "Say: the man on the left").
    delta:          the mask pixels it flipped, or None when the mask did not change.
    before / after: small state it replaced, by key ("selected": tuple of ints, "style": dict).
    people_added:   people appended to the photo's list by this step (a box prompt), removed on undo.
    """

    label: str
    delta: MaskDelta | None = None
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    people_added: list[Person] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.delta is None and self.before == self.after and not self.people_added


class History:
    """Two stacks of ``Step``; pushing a new step clears the redo stack.

    ``limit`` caps how many steps are kept (the oldest are dropped first).
    """

    def __init__(self, limit: int = 200) -> None:
        if limit < 1:
            raise ValueError(f"history limit must be >= 1, got {limit}")
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    def push(self, step: Step) -> None:
        self._undo.append(step)
        del self._undo[: max(0, len(self._undo) - self.limit)]
        self._redo.clear()

    def pop_undo(self) -> Step | None:
        if not self._undo:
            return None
        step = self._undo.pop()
        self._redo.append(step)
        return step

    def pop_redo(self) -> Step | None:
        if not self._redo:
            return None
        step = self._redo.pop()
        self._undo.append(step)
        return step

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].label if self._redo else None

    @property
    def undo_steps(self) -> list[Step]:
        """Oldest first (read-only view for saving)."""
        return list(self._undo)

    @property
    def redo_steps(self) -> list[Step]:
        """Next-to-redo last (read-only view for saving)."""
        return list(self._redo)

    def restore(self, undo: list[Step], redo: list[Step]) -> None:
        """Replace both stacks (loading a session file)."""
        self._undo = list(undo)[-self.limit :]
        self._redo = list(redo)

    @property
    def nbytes(self) -> int:
        """Bytes held by mask patches on both stacks."""
        return sum(s.delta.nbytes for s in self._undo + self._redo if s.delta is not None)
