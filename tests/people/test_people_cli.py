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


def test_people_text_lines():
    import numpy as np

    from rpipp_gui.cli.people import format_people
    from rpipp_gui.people import Person

    people = [
        Person(box=(10, 20, 110, 320), face_box=(40, 25, 80, 75), score=0.912, source="face+pose"),
        Person(box=(200.4, 30, 260.6, 300), mask=np.zeros((4, 4), bool), score=0.5, source="selfie"),
    ]
    text = format_people("p.jpg", people, 0.4567)
    assert text.splitlines() == [
        "p.jpg: 2 people found in 0.46 s",
        "  #1  box 10,20 100x300  face 40,25 40x50  score 0.91  face+pose",
        "  #2  box 200,30 61x270  face -  score 0.50  selfie",
    ]
    assert format_people("q.jpg", [], 1.0) == "q.jpg: 0 people found in 1.00 s"


def test_people_missing_photo_is_a_user_error(tmp_path, capsys):
    assert main(["people", str(tmp_path / "absent.jpg")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rpipp: error:") and "absent.jpg" in err
