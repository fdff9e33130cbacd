"""``rpipp people PHOTO [--json]``."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from rpipp_gui.cli import main

pytestmark = pytest.mark.slow


def test_people_json_and_text(tmp_path, three_apart, capsys):
    photo = tmp_path / "three.png"
    Image.fromarray(three_apart.rgb).save(photo)
    assert main(["people", str(photo), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["width"], doc["height"]) == (three_apart.rgb.shape[1], three_apart.rgb.shape[0])
    assert [p["index"] for p in doc["people"]] == [1, 2, 3]
    for entry, truth in zip(doc["people"], three_apart.people, strict=True):
        x0, y0, x1, y1 = entry["box"]
        assert truth[0] - 40 <= x0 < x1 <= truth[2] + 40
        assert entry["face_box"] is not None and entry["mask_pixels"] > 10000
        assert 0 < entry["score"] <= 1 and entry["source"]

    assert main(["people", str(photo)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{photo}: 3 people found in ")
    assert [line.split()[0] for line in lines[1:]] == ["#1", "#2", "#3"]


def test_people_missing_photo_is_a_user_error(tmp_path, capsys):
    assert main(["people", str(tmp_path / "absent.jpg")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rpipp: error:") and "absent.jpg" in err
