"""One open photo and everything the user did to it: people, selection, mask, style, undo history.

Qt-free and single-threaded: the app mutates a ``Session`` on its GUI thread only and hands workers
an immutable ``Snapshot`` (copies) for rendering and export. Observers are plain callables that get
the set of things that changed ({"image", "people", "selection", "mask", "style", "history", "dirty"}).

The mask is one HxW bool array edited in place. Selecting a person ORs their mask in; deselecting
removes their pixels and ORs the still-selected people back (so overlaps survive); brush, eraser,
lasso and the morphology tools edit it directly. Every user action is exactly one undo step.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rpipp_gui.errors import MaskError
from rpipp_gui.imaging.boxes import box_mask
from rpipp_gui.people.person import Person
from rpipp_gui.session import draw
from rpipp_gui.session.history import History, MaskDelta, Step
from rpipp_gui.session.snapshot import Snapshot

Observer = Callable[[frozenset[str]], None]
_KEEP = object()  # "unchanged" for _commit's optional state


class _Choice:
    """The pixels one sentence added (``patch`` hxw bool at (y0, x0)). Compared by identity, so
    undo steps can hold it as before/after state."""

    __slots__ = ("patch", "x0", "y0")

    def __init__(self, y0: int, x0: int, patch: np.ndarray) -> None:
        self.y0, self.x0, self.patch = y0, x0, patch

    @classmethod
    def of(cls, mask: np.ndarray) -> _Choice | None:
        crop = MaskDelta.between(np.zeros_like(mask), mask)
        return None if crop is None else cls(crop.y0, crop.x0, crop.patch)

    def remove_from(self, mask: np.ndarray) -> None:
        h, w = self.patch.shape
        mask[self.y0 : self.y0 + h, self.x0 : self.x0 + w] &= ~self.patch


def _default_style():
    from rpipp_gui.imaging.styles import StyleOptions

    return StyleOptions(outline="cover")  # people: no person-shaped silhouette is left


class Session:
    """The editing state of one photo. Create empty, then ``set_image``; see the module docstring."""

    def __init__(self, history_limit: int = 200) -> None:
        self.image = None  # imaging.LoadedImage
        self.people: list[Person] = []
        self._selected: set[int] = set()
        self._mask: np.ndarray = np.zeros((0, 0), dtype=bool)
        self._choice: _Choice | None = None  # the pixels the last sentence added
        self.style = _default_style()
        self.history = History(history_limit)
        self.dirty = False
        self.session_path: Path | None = None
        self._observers: list[Observer] = []

    # ---- observers -------------------------------------------------------------------------
    def add_observer(self, fn: Observer) -> None:
        self._observers.append(fn)

    def _notify(self, *what: str) -> None:
        changed = frozenset(what)
        for fn in list(self._observers):
            fn(changed)

    # ---- state -----------------------------------------------------------------------------
    @property
    def has_image(self) -> bool:
        return self.image is not None

    @property
    def rgb(self) -> np.ndarray:
        """HxWx3 uint8 RGB of the open photo."""
        if self.image is None:
            raise MaskError("no photo is open")
        return self.image.rgb

    @property
    def shape(self) -> tuple[int, int]:
        """(H, W) of the open photo, (0, 0) when none."""
        return self._mask.shape  # type: ignore[return-value]

    @property
    def path(self) -> Path | None:
        return None if self.image is None else Path(self.image.path)

    @property
    def mask(self) -> np.ndarray:
        """HxW bool, the pixels to hide. Read-only view: edit through the session's methods."""
        view = self._mask.view()
        view.flags.writeable = False
        return view

    @property
    def selected(self) -> tuple[int, ...]:
        """Indices into ``people`` of the selected people, ascending."""
        return tuple(sorted(self._selected))

    def snapshot(self) -> Snapshot:
        """Copies for a worker thread (the photo array is shared read-only)."""
        img = self.image
        return Snapshot(
            rgb=self.rgb,
            mask=self._mask.copy(),
            style=self.style,
            source=self.path,
            alpha=getattr(img, "alpha", None),
            icc_profile=getattr(img, "icc_profile", None),
            people=tuple(self.people),
        )

    # ---- opening ---------------------------------------------------------------------------
    def set_image(self, loaded, people: Sequence[Person] | None = None) -> None:
        """Start editing ``loaded`` (an imaging.LoadedImage): empty mask, no history, not dirty."""
        h, w = loaded.rgb.shape[:2]
        self.image = loaded
        self.people = list(people or [])
        self._selected = set()
        self._mask = np.zeros((h, w), dtype=bool)
        self._choice = None
        self.history.clear()
        self.dirty = False
        self.session_path = None
        self._notify("image", "people", "selection", "mask", "history", "dirty")

    def open(self, path: str | Path) -> None:
        """Load a photo from disk (ImageLoadError when it cannot be read) and start editing it."""
        from rpipp_gui.imaging import load_image

        self.set_image(load_image(path))

    def set_people(self, people: Sequence[Person]) -> None:
        """Replace the people found in the photo (a detection result; not an undo step).

        Masks must match the photo's size; the selection is cleared, the mask is kept.
        """
        for i, p in enumerate(people):
            if p.mask is not None and p.mask.shape != self.shape:
                raise MaskError(f"person #{i + 1} mask is {p.mask.shape}, photo is {self.shape}")
        self.people = list(people)
        self._selected = set()
        self._notify("people", "selection")

    # ---- the one way to change things --------------------------------------------------------
    def _commit(
        self,
        label: str,
        new_mask: np.ndarray | None = None,
        new_selected: Iterable[int] | None = None,
        new_style=None,
        people_added: Sequence[Person] = (),
        region: tuple[int, int, np.ndarray] | None = None,
        new_choice: Any = _KEEP,
    ) -> bool:
        """Apply an edit as one undo step; returns False (and records nothing) when nothing changed.

        new_mask: the whole new HxW mask; or region: (y0, x0, hxw bool) the new pixels of one box
        only (brush and lasso: cost follows the stroke, not the photo).
        """
        if self.image is None:
            raise MaskError("no photo is open")
        step = Step(label)
        changed: set[str] = set()
        if people_added:
            step.people_added = list(people_added)
            self.people.extend(people_added)
            changed.add("people")
        if region is not None:
            y0, x0, crop = region
            old = self._mask[y0 : y0 + crop.shape[0], x0 : x0 + crop.shape[1]]
            local = MaskDelta.between(old, crop) if crop.size else None
            if local is not None:
                step.delta = MaskDelta(y0 + local.y0, x0 + local.x0, local.patch)
                step.delta.apply(self._mask)
                changed.add("mask")
        if new_mask is not None:
            new_mask = np.asarray(new_mask, dtype=bool)
            if new_mask.shape != self._mask.shape:
                raise MaskError(f"mask is {new_mask.shape}, photo is {self._mask.shape}")
            step.delta = MaskDelta.between(self._mask, new_mask)
            if step.delta is not None:
                step.delta.apply(self._mask)
                changed.add("mask")
        if new_selected is not None:
            sel = set(int(i) for i in new_selected)
            if sel != self._selected:
                step.before["selected"] = self.selected
                step.after["selected"] = tuple(sorted(sel))
                self._selected = sel
                changed.add("selection")
        if new_choice is not _KEEP and new_choice is not self._choice:
            step.before["choice"], step.after["choice"] = self._choice, new_choice
            self._choice = new_choice
        if new_style is not None and new_style != self.style:
            step.before["style"] = self.style
            step.after["style"] = new_style
            self.style = new_style
            changed.add("style")
        if step.empty:
            return False
        self.history.push(step)
        self.dirty = True
        self._notify(*changed, "history", "dirty")
        return True

    def _person_mask(self, i: int) -> np.ndarray:
        if not 0 <= i < len(self.people):
            raise MaskError(f"there is no person #{i + 1} (the photo has {len(self.people)})")
        p = self.people[i]
        if p.mask is not None:
            return p.mask
        return box_mask(self.shape, p.box)

    def _with_selection(self, sel: set[int]) -> np.ndarray:
        """The current mask with the current selection's people swapped for ``sel``'s."""
        new = self._mask.copy()
        for i in self._selected - sel:
            new &= ~self._person_mask(i)
        for i in sel:
            new |= self._person_mask(i)
        return new

    # ---- user actions (each one undo step) --------------------------------------------------
    def toggle_person(self, index: int) -> bool:
        """Select the person at ``index`` (0-based) if unselected, else deselect them."""
        self._person_mask(index)  # validates
        sel = set(self._selected) ^ {index}
        verb = "Hide" if index in sel else "Show"
        return self._commit(f"{verb} #{index + 1}", self._with_selection(sel), sel)

    def apply_choice(
        self, selected: Iterable[int], mask: np.ndarray, style_name: str | None, label: str
    ) -> bool:
        """Apply what a sentence chose, as one undo step: ``selected`` (indices into ``people``)
        replaces the selection, the pixels of the people no longer selected are removed, ``mask``
        (HxW bool: exactly what the decision hides, e.g. only faces) is added, manual paint elsewhere
        is kept, and ``style_name`` (a pixel style, or None to keep the current one) is set."""
        sel = {int(i) for i in selected if 0 <= int(i) < len(self.people)}
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != self.shape:
            raise MaskError(f"mask is {mask.shape}, photo is {self.shape}")
        new = self._mask.copy()
        for i in self._selected:
            new &= ~self._person_mask(i)
        if self._choice is not None:  # what the previous sentence added beyond its people (faces)
            self._choice.remove_from(new)
        new |= mask
        style = self.style
        if style_name and style_name != style.style:
            style = dataclasses.replace(style, style=style_name)
        return self._commit(label, new, sel, style, new_choice=_Choice.of(mask))

    def add_person(self, person: Person, label: str = "Box prompt") -> bool:
        """Append a person found by a box prompt, select them and add their mask."""
        if person.mask is not None and person.mask.shape != self.shape:
            raise MaskError(f"person mask is {person.mask.shape}, photo is {self.shape}")
        index = len(self.people)
        new = self._mask.copy()
        new |= person.mask if person.mask is not None else box_mask(self.shape, person.box)
        return self._commit(label, new, set(self._selected) | {index}, people_added=[person])

    def paint(self, points: Sequence[draw.Point], radius: float, erase: bool = False) -> bool:
        """One brush (or eraser) stroke through ``points`` ((x, y) photo pixels) of ``radius`` px."""
        y0, x0, stroke = draw.stroke_crop(self.shape, points, radius)
        return self._commit(
            "Erase" if erase else "Brush stroke", region=(y0, x0, self._edit_crop(y0, x0, stroke, erase))
        )

    def _edit_crop(self, y0: int, x0: int, shape_crop: np.ndarray, erase: bool) -> np.ndarray:
        old = self._mask[y0 : y0 + shape_crop.shape[0], x0 : x0 + shape_crop.shape[1]]
        return old & ~shape_crop if erase else old | shape_crop

    def lasso(self, points: Sequence[draw.Point], erase: bool = False) -> bool:
        """Add (or with ``erase`` remove) the inside of a closed polygon."""
        y0, x0, poly = draw.polygon_crop(self.shape, points)
        return self._commit(
            "Lasso erase" if erase else "Lasso", region=(y0, x0, self._edit_crop(y0, x0, poly, erase))
        )

    def grow(self, px: int = 4) -> bool:
        from rpipp_gui.imaging import masks

        return self._commit(f"Grow {px} px", masks.grow(self._mask, px))

    def shrink(self, px: int = 4) -> bool:
        from rpipp_gui.imaging import masks

        return self._commit(f"Shrink {px} px", masks.shrink(self._mask, px))

    def fill_holes(self) -> bool:
        from rpipp_gui.imaging import masks

        return self._commit("Fill holes", masks.fill_holes(self._mask))

    def invert(self) -> bool:
        return self._commit("Invert", ~self._mask, set())

    def clear(self) -> bool:
        return self._commit("Clear", np.zeros_like(self._mask), set())

    def set_mask(self, mask: np.ndarray, label: str = "Load mask") -> bool:
        """Replace the whole mask (HxW bool of the photo's size), e.g. one loaded from a file."""
        return self._commit(label, mask, set())

    def set_style(self, style, record: bool = False) -> bool:
        """Change the protection style (imaging.styles.StyleOptions).

        Live slider changes are not undo steps (``record=False``); they still make the session dirty.
        """
        if record:
            return self._commit(f"Style: {style.style}", new_style=style)
        if style == self.style:
            return False
        self.style = style
        self.dirty = True
        self._notify("style", "dirty")
        return True

    def feather(self, px: float) -> bool:
        """Soften the mask edge by ``px`` pixels when the style is applied (one undo step)."""
        return self._commit(
            f"Feather {px:g} px", new_style=dataclasses.replace(self.style, feather_px=float(px))
        )

    # ---- undo / redo -------------------------------------------------------------------------
    def _apply_step(self, step: Step, state: dict[str, Any], undo: bool) -> None:
        changed = {"history", "dirty"}
        if step.delta is not None:
            step.delta.apply(self._mask)
            changed.add("mask")
        if step.people_added:
            n = len(step.people_added)
            if undo:
                del self.people[-n:]
            else:
                self.people.extend(step.people_added)
            changed.add("people")
        if "selected" in state:  # people found again since may be fewer: drop stale indices
            self._selected = {i for i in state["selected"] if i < len(self.people)}
            changed.add("selection")
        if "style" in state:
            self.style = state["style"]
            changed.add("style")
        if "choice" in state:
            self._choice = state["choice"]
        self.dirty = True
        self._notify(*changed)

    def undo(self) -> str | None:
        """Undo the last step; returns its label, or None when there is nothing to undo."""
        step = self.history.pop_undo()
        if step is None:
            return None
        self._apply_step(step, step.before, undo=True)
        return step.label

    def redo(self) -> str | None:
        step = self.history.pop_redo()
        if step is None:
            return None
        self._apply_step(step, step.after, undo=False)
        return step.label

    def mark_clean(self) -> None:
        """The edits are saved (exported or written to a session file)."""
        if self.dirty:
            self.dirty = False
            self._notify("dirty")

    # ---- output (rendering and export: rpipp_gui.app.output) -----------------------------------
    def default_export_path(self) -> Path:
        if self.path is None:
            raise MaskError("no photo is open")
        return free_export_path(self.path)

    def restore(
        self,
        loaded,
        people: list[Person],
        selected: Iterable[int],
        mask: np.ndarray,
        style,
        undo: list[Step],
        redo: list[Step],
    ) -> None:
        """Install a whole saved state at once (used by the session-file loader)."""
        self.set_image(loaded, people)
        if mask.shape != self.shape:
            raise MaskError(f"saved mask is {mask.shape}, photo is {self.shape}")
        self._mask = mask.astype(bool, copy=True)
        self._choice = None
        self._selected = set(int(i) for i in selected)
        self.style = style
        self.history.restore(undo, redo)
        self._notify("people", "selection", "mask", "style", "history", "dirty")


def free_export_path(source: Path) -> Path:
    """The default export name beside ``source`` (imaging's default), numbered if that file exists."""
    from rpipp_gui.imaging.export import default_output_path

    first = Path(default_output_path(source))
    candidate, n = first, 2
    while candidate.exists():
        candidate = first.with_name(f"{first.stem}-{n}{first.suffix}")
        n += 1
    return candidate
