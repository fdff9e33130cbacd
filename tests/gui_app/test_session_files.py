"""Session output: export (metadata stripped, original untouched), mask export, session files."""

from __future__ import annotations

import json

import numpy as np
import pytest
from gui_photos import sha256

from rpipp_gui.app.output import export, export_mask, render
from rpipp_gui.errors import ExportError, ImageLoadError
from rpipp_gui.imaging import load_image
from rpipp_gui.imaging.info import read_info
from rpipp_gui.imaging.masks import cover_outline, load_mask
from rpipp_gui.imaging.styles import COVER_GROW
from rpipp_gui.people.person import Person
from rpipp_gui.session import Session
from rpipp_gui.session.session import free_export_path
from rpipp_gui.session.store import SessionFileError, load_session, save_session


@pytest.fixture
def edited(photo) -> Session:
    s = Session()
    s.open(photo)
    h, w = s.shape
    right = np.zeros((h, w), bool)
    right[40:380, w // 2 + 40 : w - 40] = True
    s.set_people([Person((w // 2 + 40, 40, w - 40, 380), mask=right, source="test")])
    s.toggle_person(0)
    s.paint([(20, 20), (60, 20)], 8)
    return s


def test_export_strips_metadata_hides_mask_and_leaves_source_alone(edited, photo):
    before = sha256(photo)
    assert read_info(photo).has_gps
    out = export(edited.snapshot(), edited.default_export_path())
    assert out.exists() and out != photo and out.parent == photo.parent
    info = read_info(out)
    assert not info.has_exif and not info.has_gps
    assert sha256(photo) == before
    result = load_image(out).rgb.astype(int)
    source = edited.rgb.astype(int)
    m = edited.mask
    assert np.abs(result[m] - source[m]).mean() > 20  # the hidden area really changed
    cover = cover_outline(m, COVER_GROW)  # people are hidden with no silhouette left
    assert cover.sum() > m.sum()
    assert np.abs(result[~cover] - source[~cover]).mean() < 4  # the rest is the photo (JPEG noise only)


def test_export_never_overwrites_the_original_and_numbers_free_names(edited, photo):
    with pytest.raises(ExportError, match="overwrite"):
        export(edited.snapshot(), photo)
    first = free_export_path(photo)
    first.write_bytes(b"taken")
    second = free_export_path(photo)
    assert second != first and second.parent == photo.parent and not second.exists()


def test_preview_is_downscaled_and_style_applied(edited):
    small = render(edited.snapshot(), max_side=200)
    assert max(small.shape[:2]) == 200 and small.dtype == np.uint8
    assert render(edited.snapshot()).shape == edited.rgb.shape


def test_export_mask_writes_the_mask(edited, tmp_path):
    out = export_mask(edited.snapshot(), tmp_path / "m.png")
    assert np.array_equal(load_mask(out), edited.mask)


def test_session_file_roundtrip_restores_mask_people_and_history(edited, tmp_path):
    path = save_session(edited, tmp_path / "s.rpipp.json")
    assert not edited.dirty and path.exists()
    doc = json.loads(path.read_text())
    assert doc["format"] == "rpipp-session" and len(doc["history"]["undo"]) == 2
    back = load_session(path)
    assert np.array_equal(back.mask, edited.mask)
    assert back.selected == (0,) and len(back.people) == 1
    assert np.array_equal(back.people[0].mask, edited.people[0].mask)
    assert back.style == edited.style and not back.dirty
    assert back.undo() == "Brush stroke" and back.undo() == "Hide #1"
    assert not back.mask.any()
    assert back.redo() == "Hide #1"
    assert np.array_equal(back.mask, edited.people[0].mask)


def test_damaged_or_foreign_session_files_are_reported(tmp_path, edited, photo):
    bad = tmp_path / "bad.rpipp.json"
    bad.write_text("{not json")
    with pytest.raises(SessionFileError, match="cannot read"):
        load_session(bad)
    bad.write_text(json.dumps({"format": "something else"}))
    with pytest.raises(SessionFileError, match="not an RPIPP session"):
        load_session(bad)
    good = save_session(edited, tmp_path / "good.rpipp.json")
    photo.unlink()
    with pytest.raises(ImageLoadError):
        load_session(good)
