"""Malformed, hostile and stale session files (issue 14): every one ends as one SessionFileError
naming what is wrong, before anything is built, and the session being loaded into keeps its state."""

from __future__ import annotations

import copy
import hashlib
import json

import numpy as np
import pytest
from PIL import Image

from rpipp_gui.people.person import Person
from rpipp_gui.session import Session
from rpipp_gui.session.store import (
    SessionFileError,
    SessionPhotoChangedError,
    load_session,
    read_session_document,
    save_session,
)

H, W = 48, 64


def _photo(path, flip=False):
    rng = np.random.default_rng(7)
    rgb = rng.integers(0, 255, (H, W, 3), dtype=np.uint8)
    Image.fromarray(rgb[:, ::-1] if flip else rgb).save(path)
    return path


@pytest.fixture
def saved(tmp_path):
    """A real session file (two people, a selection, a stroke, undo + redo) and its document."""
    photo = _photo(tmp_path / "p.png")
    s = Session()
    s.open(photo)
    m = np.zeros((H, W), bool)
    m[5:30, 5:25] = True
    s.set_people([Person((5, 5, 25, 30), mask=m, source="t"), Person((40, 5, 60, 40), source="t")])
    s.toggle_person(0)
    s.paint([(40, 40), (50, 40)], 3)
    s.toggle_person(1)
    s.undo()
    path = save_session(s, tmp_path / "s.rpipp.json")
    return path, json.loads(path.read_text())


def _write(path, doc):
    path.write_text(json.dumps(doc))
    return path


def _set(doc, dotted, value):
    d = copy.deepcopy(doc)
    *head, last = dotted.split(".")
    node = d
    for k in head:
        node = node[int(k)] if isinstance(node, list) else node[k]
    if value is _DELETE:
        del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return d


_DELETE = object()

# (field, value, words the message must hold): the 15 escapes the battery found, and more.
CASES = [
    ("photo", _DELETE, "photo"),
    ("size", _DELETE, "size"),
    ("version", "abc", "version"),
    ("version", 2, "newer"),
    ("size", ["a", 1], "size.0"),
    ("size", [H, W, 3], "size"),
    ("size", [H + 1, W], "mask is"),
    ("selected", ["x"], "selected.0"),
    ("selected", [-1, 1_000_000_000], "selected"),
    ("selected", [5], "person #6"),
    ("style", 7, "style"),
    ("style", {"style": "laser"}, "style.style"),
    ("style.feather_px", float("inf"), "feather_px"),
    ("style.feather_px", 1e9, "feather_px"),
    ("style.strength", float("nan"), "strength"),
    ("style.color", [0, 0, 999], "color"),
    ("history", [1, 2], "history"),
    ("history.undo", {"a": 1}, "history.undo"),
    ("photo", None, "photo"),
    ("photo", "", "photo"),
    ("photo_sha256", "abc", "photo_sha256"),
    ("mask.counts", [float("inf")], "mask.counts"),
    ("mask", {"size": [100_000, 100_000], "counts": [10_000_000_000]}, "pixel limit"),
    ("mask", {"size": [H, W], "counts": [10**30]}, "add up"),
    ("mask", {"size": [H, W], "counts": [H * W - 1]}, "add up"),
    ("mask", {"size": [H, W], "counts": [-5, H * W + 5]}, "mask.counts"),
    ("mask", "RLE", "mask"),
    ("people.0.box", [10, 10, 5, 5], "x1 > x0"),
    ("people.0.box", [0, 0, 1e300, 5], "outside"),
    ("people.0.mask", {"size": [W, H], "counts": [H * W]}, "people.0.mask"),
    ("people.0.keypoints", [[1, 2]], "keypoints"),
    ("people.0.score", "high", "score"),
    ("history.undo.0.delta.y0", H, "outside"),
    ("history.undo.0.delta.x0", -1, "x0"),
    ("history.undo.0.delta.patch", {"size": [H, W + 1], "counts": [H * (W + 1)]}, "outside"),
    ("history.undo.0.after.selected", [99], "person #100"),
    ("history.redo.0.label", 5, "label"),
]


@pytest.mark.parametrize(("field", "value", "words"), CASES, ids=[f"{c[0]}={c[1]!r:.30}" for c in CASES])
def test_malformed_field_is_one_session_file_error(saved, tmp_path, field, value, words):
    path, doc = saved
    bad = _write(tmp_path / "bad.rpipp.json", _set(doc, field, value))
    session = Session()
    session.open(path.parent / "p.png")
    before = session.mask.copy(), session.path, len(session.people)
    with pytest.raises(SessionFileError) as e:
        load_session(bad, session)
    text = str(e.value)
    assert words in text and "\n" not in text
    assert (session.mask.copy(), session.path, len(session.people))[1:] == before[1:]
    np.testing.assert_array_equal(session.mask, before[0])


def test_the_saved_session_itself_loads(saved):
    path, _ = saved
    s = load_session(path)
    assert len(s.people) == 2 and s.selected == (0,) and s.history.can_undo and s.history.can_redo
    s.undo()
    s.undo()
    s.redo()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "cannot read"),
        ("{", "cannot read"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "rpipp-session", "version": 1e400}', "version"),
        ("\udcff", "cannot read"),
        ("null", "not an RPIPP session"),
        ("NaN", "not an RPIPP session"),
    ],
)
def test_unreadable_documents(tmp_path, text, words):
    p = tmp_path / "x.rpipp.json"
    p.write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(SessionFileError, match=words):
        load_session(p)


def test_a_folder_or_missing_file_is_named(tmp_path):
    (tmp_path / "d.rpipp.json").mkdir()
    with pytest.raises(SessionFileError, match="folder"):
        load_session(tmp_path / "d.rpipp.json")
    with pytest.raises(SessionFileError, match="cannot read"):
        load_session(tmp_path / "none.rpipp.json")


def test_bad_undo_delta_is_refused_at_load_not_at_the_first_undo(saved, tmp_path):
    path, doc = saved
    doc = copy.deepcopy(doc)
    doc["history"]["undo"][0]["delta"] = {"y0": 40, "x0": 60, "patch": {"size": [20, 20], "counts": [400]}}
    with pytest.raises(SessionFileError, match="reaches outside"):
        load_session(_write(tmp_path / "b.rpipp.json", doc))


def test_a_mirrored_photo_of_the_same_size_is_caught_by_its_hash(saved):
    path, _ = saved
    photo = path.parent / "p.png"
    _photo(photo, flip=True)  # same size, other pixels: the old mask would land on the wrong side
    session = Session()
    with pytest.raises(SessionPhotoChangedError, match="SHA-256") as e:
        load_session(path, session)
    assert e.value.photo == photo and e.value.offers_photo
    assert "without the session's mask" in str(e.value)
    assert not session.has_image
    session.open(e.value.photo)  # what the window offers: the photo alone
    assert session.shape == (H, W) and not session.mask.any()


def test_a_photo_of_another_size_is_a_changed_photo(saved):
    path, _ = saved
    Image.fromarray(np.zeros((H, W + 2, 3), np.uint8)).save(path.parent / "p.png")
    with pytest.raises(SessionPhotoChangedError, match="the session was on 64x48"):
        load_session(path)


def test_the_mask_pixel_budget_bounds_what_a_small_file_can_allocate(saved, tmp_path):
    """A file of a few KB cannot ask for thousands of full-size masks."""
    from rpipp_gui.session import schema

    path, doc = saved
    limits = schema.SessionLimits(max_mask_pixels=10 * H * W)
    full = {"box": [0, 0, 5, 5], "mask": {"size": [H, W], "counts": [H * W]}}
    doc = _set(doc, "people", [full] * 20)
    doc["selected"] = []
    with pytest.raises(SessionFileError, match="pixels in all"):
        read_session_document(_write(tmp_path / "m.rpipp.json", doc), limits)


def test_session_file_is_never_changed_by_loading(saved, tmp_path):
    path, doc = saved
    bad = _write(tmp_path / "bad.rpipp.json", _set(doc, "size", ["a", 1]))
    digests = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (path, bad)]
    load_session(path)
    with pytest.raises(SessionFileError):
        load_session(bad)
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in (path, bad)] == digests


def test_a_file_over_the_size_limit_is_not_read(saved):
    from rpipp_gui.session.schema import SessionLimits

    path, _ = saved
    with pytest.raises(SessionFileError, match="byte limit"):
        read_session_document(path, SessionLimits(max_file_bytes=100))
