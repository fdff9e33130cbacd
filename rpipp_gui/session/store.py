"""Session files: JSON with the photo's path and hash, people, selection, style, the mask and the
undo/redo history (masks as run-length encodings). Written atomically (temp file + ``os.replace``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from rpipp_gui.errors import MaskError, RpippError
from rpipp_gui.fileio import atomic_write
from rpipp_gui.people.person import Person
from rpipp_gui.session.history import MaskDelta, Step
from rpipp_gui.session.schema import (
    DEFAULT_LIMITS,
    FORMAT,
    VERSION,
    PersonDoc,
    SessionDoc,
    SessionLimits,
    SessionSchemaError,
    StateDoc,
    StepDoc,
    StyleDoc,
    validate_document,
)
from rpipp_gui.session.session import Session

SUFFIX = ".rpipp.json"


class SessionFileError(RpippError):
    """A session file could not be read, is not a valid session, or does not fit its photo."""


class SessionPhotoChangedError(SessionFileError):
    """The session's photo is still there but is not the photo the session was saved on (another
    size, or other content: its SHA-256 differs), so the saved mask would land on the wrong pixels.

    ``photo`` is the photo's path: a front end may offer to open it without the session's mask
    (``offers_photo`` is True).
    """

    offers_photo = True

    def __init__(self, photo: Path, message: str) -> None:
        super().__init__(f"{message}; open the photo without the session's mask instead")
        self.photo = Path(photo)


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _rle(mask: np.ndarray) -> Any:
    from rpipp_gui.imaging.masks import rle_encode

    return rle_encode(np.asarray(mask, dtype=bool))


def _unrle(data: Any, shape: tuple[int, int] | None = None) -> np.ndarray:
    from rpipp_gui.imaging.masks import rle_decode

    mask = np.asarray(rle_decode(data), dtype=bool)
    if shape is not None and mask.shape != tuple(shape):
        raise MaskError(f"a saved mask is {mask.shape}, expected {tuple(shape)}")
    return mask


def _box(b) -> list[float] | None:
    return None if b is None else [float(v) for v in b]


def _person_to_json(p: Person) -> dict:
    return {
        "box": _box(p.box),
        "mask": None if p.mask is None else _rle(p.mask),
        "face_box": _box(p.face_box),
        "keypoints": None if p.keypoints is None else np.asarray(p.keypoints, dtype=float).tolist(),
        "score": float(p.score),
        "source": p.source,
    }


def _person_from_doc(d: PersonDoc, shape: tuple[int, int]) -> Person:
    return Person(
        box=tuple(d.box),
        mask=None if d.mask is None else _unrle(d.mask.model_dump(), shape),
        face_box=None if d.face_box is None else tuple(d.face_box),
        keypoints=None if d.keypoints is None else np.asarray(d.keypoints, dtype=np.float32).reshape(-1, 3),
        score=float(d.score),
        source=d.source,
    )


def _state_to_json(state: dict) -> dict:
    out: dict[str, Any] = {}
    if "selected" in state:
        out["selected"] = [int(i) for i in state["selected"]]
    if "style" in state:
        out["style"] = _style_to_json(state["style"])
    return out


def _state_from_doc(d: StateDoc) -> dict:
    out: dict[str, Any] = {}
    if d.selected is not None:
        out["selected"] = tuple(sorted(set(d.selected)))
    if d.style is not None:
        out["style"] = _style_from_doc(d.style)
    return out


def _style_to_json(style) -> dict:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in dataclasses.asdict(style).items()}


def _style_from_doc(d: StyleDoc):
    from rpipp_gui.imaging.styles import StyleOptions

    color = None if d.color is None else tuple(d.color)
    return StyleOptions(
        style=d.style,
        strength=d.strength,
        feather_px=d.feather_px,
        color=color,
        seed=d.seed,
        outline=d.outline,
    )


def _step_to_json(s: Step) -> dict:
    delta = None
    if s.delta is not None:
        delta = {"y0": s.delta.y0, "x0": s.delta.x0, "patch": _rle(s.delta.patch)}
    return {
        "label": s.label,
        "delta": delta,
        "before": _state_to_json(s.before),
        "after": _state_to_json(s.after),
        "people_added": [_person_to_json(p) for p in s.people_added],
    }


def _step_from_doc(d: StepDoc, shape: tuple[int, int]) -> Step:
    delta = None
    if d.delta is not None:
        delta = MaskDelta(d.delta.y0, d.delta.x0, _unrle(d.delta.patch.model_dump()))
    return Step(
        label=d.label,
        delta=delta,
        before=_state_from_doc(d.before),
        after=_state_from_doc(d.after),
        people_added=[_person_from_doc(p, shape) for p in d.people_added],
    )


def save_session(session: Session, path: str | Path) -> Path:
    """Write ``session`` to ``path`` (JSON, atomic); marks the session clean. Returns the path."""
    if session.image is None or session.path is None:
        raise SessionFileError("no photo is open, nothing to save")
    path = Path(path)
    h, w = session.shape
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "photo": str(session.path.resolve()),
        "photo_sha256": file_sha256(session.path),
        "size": [h, w],
        "people": [_person_to_json(p) for p in session.people],
        "selected": list(session.selected),
        "style": _style_to_json(session.style),
        "mask": _rle(session.mask),
        "history": {
            "undo": [_step_to_json(s) for s in session.history.undo_steps],
            "redo": [_step_to_json(s) for s in session.history.redo_steps],
        },
    }
    data = json.dumps(doc).encode("utf-8")
    atomic_write(path, lambda f: f.write(data), error=SessionFileError, make_parents=True)
    session.session_path = path
    session.mark_clean()
    return path


def read_session_document(path: str | Path, limits: SessionLimits = DEFAULT_LIMITS) -> SessionDoc:
    """Read and validate a session file without touching its photo. Raises SessionFileError."""
    path = Path(path)
    try:
        if path.is_dir():
            raise SessionFileError(f"{path} is a folder, not a session file")
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise SessionFileError(
                f"session file {path} is {size} bytes, more than the {limits.max_file_bytes} byte limit"
            )
        doc = json.loads(path.read_bytes().decode("utf-8-sig"))  # a BOM from a Windows editor is fine
    except SessionFileError:
        raise
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise SessionFileError(f"cannot read session file {path}: {e}") from e
    except RecursionError as e:
        raise SessionFileError(f"cannot read session file {path}: it is nested too deeply") from e
    try:
        return validate_document(doc, limits)
    except SessionSchemaError as e:
        raise SessionFileError(f"cannot use session file {path}: {e}") from e


def load_session(path: str | Path, session: Session | None = None) -> Session:
    """Read a session file and its photo into ``session`` (or a new one).

    The whole file is validated (``schema.validate_document``) and every object built before
    ``session`` is touched: on any error the session keeps its previous state.
    Raises SessionFileError when the file is unreadable or not a valid session;
    SessionPhotoChangedError (a SessionFileError) when the photo's content or size changed since
    the session was saved; ImageLoadError when the photo cannot be read.
    """
    from rpipp_gui.imaging import load_image

    path = Path(path)
    doc = read_session_document(path)
    photo = Path(doc.photo)
    if not photo.is_absolute():
        photo = path.parent / photo
    loaded = load_image(photo)
    shape = tuple(doc.size)
    found = loaded.rgb.shape[:2]
    if found != shape:
        now, then = f"{found[1]}x{found[0]}", f"{shape[1]}x{shape[0]}"
        raise SessionPhotoChangedError(photo, f"the photo {photo} is now {now}, the session was on {then}")
    try:
        digest = file_sha256(photo)
    except OSError as e:
        raise SessionFileError(f"cannot read the photo {photo}: {e}") from e
    if digest != doc.photo_sha256:
        raise SessionPhotoChangedError(
            photo, f"the photo {photo} changed since the session was saved (its SHA-256 differs)"
        )
    try:
        people = [_person_from_doc(p, shape) for p in doc.people]
        mask = _unrle(doc.mask.model_dump(), shape)
        undo = [_step_from_doc(s, shape) for s in doc.history.undo]
        redo = [_step_from_doc(s, shape) for s in doc.history.redo]
        style = _style_from_doc(doc.style)
    except (MaskError, ValueError) as e:  # the schema should have caught it; never half-install
        raise SessionFileError(f"session file {path} is damaged: {e}") from e
    session = session or Session()
    session.restore(loaded, people, sorted(set(doc.selected)), mask, style, undo, redo)
    session.session_path = path
    return session
