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
from rpipp_gui.session.session import Session

FORMAT = "rpipp-session"
VERSION = 1
SUFFIX = ".rpipp.json"


class SessionFileError(RpippError):
    """A session file could not be read or does not fit its photo."""


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


def _person_from_json(d: dict, shape: tuple[int, int]) -> Person:
    return Person(
        box=tuple(d["box"]),
        mask=None if d.get("mask") is None else _unrle(d["mask"], shape),
        face_box=None if d.get("face_box") is None else tuple(d["face_box"]),
        keypoints=None if d.get("keypoints") is None else np.asarray(d["keypoints"], dtype=np.float32),
        score=float(d.get("score", 1.0)),
        source=str(d.get("source", "")),
    )


def _state_to_json(state: dict) -> dict:
    out: dict[str, Any] = {}
    if "selected" in state:
        out["selected"] = [int(i) for i in state["selected"]]
    if "style" in state:
        out["style"] = _style_to_json(state["style"])
    return out


def _state_from_json(d: dict) -> dict:
    out: dict[str, Any] = {}
    if "selected" in d:
        out["selected"] = tuple(int(i) for i in d["selected"])
    if "style" in d:
        out["style"] = _style_from_json(d["style"])
    return out


def _style_to_json(style) -> dict:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in dataclasses.asdict(style).items()}


def _style_from_json(d: dict):
    from rpipp_gui.imaging.styles import StyleOptions

    names = {f.name for f in dataclasses.fields(StyleOptions)}
    kw = {k: (tuple(v) if isinstance(v, list) else v) for k, v in d.items() if k in names}
    return StyleOptions(**kw)


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


def _step_from_json(d: dict, shape: tuple[int, int]) -> Step:
    delta = None
    if d.get("delta") is not None:
        dd = d["delta"]
        delta = MaskDelta(int(dd["y0"]), int(dd["x0"]), _unrle(dd["patch"]))
    return Step(
        label=str(d.get("label", "")),
        delta=delta,
        before=_state_from_json(d.get("before", {})),
        after=_state_from_json(d.get("after", {})),
        people_added=[_person_from_json(p, shape) for p in d.get("people_added", [])],
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


def load_session(path: str | Path, session: Session | None = None) -> Session:
    """Read a session file and its photo into ``session`` (or a new one).

    Raises SessionFileError when the file is unreadable, not a session, or its photo changed size;
    ImageLoadError when the photo cannot be read.
    """
    from rpipp_gui.imaging import load_image

    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SessionFileError(f"cannot read session file {path}: {e}") from e
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SessionFileError(f"{path} is not an RPIPP session file")
    if int(doc.get("version", 0)) > VERSION:
        raise SessionFileError(f"{path} was written by a newer RPIPP (version {doc.get('version')})")
    photo = Path(doc["photo"])
    if not photo.is_absolute():
        photo = path.parent / photo
    loaded = load_image(photo)
    shape = tuple(int(v) for v in doc["size"])
    if loaded.rgb.shape[:2] != shape:
        raise SessionFileError(
            f"the photo {photo} is now {loaded.rgb.shape[:2]}, the session was made on {shape}"
        )
    try:
        people = [_person_from_json(p, shape) for p in doc.get("people", [])]
        mask = _unrle(doc["mask"], shape)
        hist = doc.get("history", {})
        undo = [_step_from_json(s, shape) for s in hist.get("undo", [])]
        redo = [_step_from_json(s, shape) for s in hist.get("redo", [])]
        style = _style_from_json(doc.get("style", {}))
    except (KeyError, TypeError, ValueError) as e:
        raise SessionFileError(f"session file {path} is damaged: {e}") from e
    session = session or Session()
    session.restore(loaded, people, doc.get("selected", []), mask, style, undo, redo)
    session.session_path = path
    return session
