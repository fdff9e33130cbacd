"""benchmarks/referring_boxes.py: the box-level benchmark, with and without the photos."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from script_helpers import load_script


@pytest.fixture(scope="module")
def bench():
    return load_script("benchmarks/referring_boxes.py")


def _scene(tmp_path: Path) -> Path:
    """Two people of the same size side by side, one in a red shirt, one in a blue one; sentences that
    only the photo's pixels can tell apart."""
    photo = np.full((120, 240, 3), 128, np.uint8)
    photo[20:70, 30:90] = (200, 30, 30)  # left person's shirt: red
    photo[20:70, 150:210] = (30, 60, 200)  # right person's shirt: blue
    Image.fromarray(photo).save(tmp_path / "p1.jpg", quality=95)

    def ref(box, cat, sentence):
        return {"bbox": box, "cat": cat, "img_name": "p1.jpg", "sentences": [{"sent": sentence}]}

    ann = [
        ref([20, 5, 100, 115], 0, "man in red shirt"),
        ref([140, 5, 220, 115], 0, "man in blue shirt"),
        ref([0, 0, 30, 30], 3, "the dog"),
    ]
    path = tmp_path / "ann.json"
    path.write_text(json.dumps(ann))
    return path


def test_photos_decide_what_boxes_cannot(bench, tmp_path):
    groups = bench.load_groups(str(_scene(tmp_path)))
    assert [len(g) for g in groups] == [2]  # only the people (cat 0) are candidates
    with_photos = bench.evaluate(groups, images=tmp_path)
    boxes_only = bench.evaluate(groups)
    assert with_photos["correct"] == with_photos["total"] == 2
    # Without pixels the two sentences read the same, so at most one of them can be right.
    assert boxes_only["correct"] <= 1


def test_missing_photo_is_named_and_nothing_is_scored(bench, tmp_path, capsys):
    ann = _scene(tmp_path)
    (tmp_path / "p1.jpg").unlink()
    assert bench.main([str(ann), "--images", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "1 of 1 photos are missing" in err and "p1.jpg" in err


def test_unreadable_photo_is_a_clear_error(bench, tmp_path, capsys):
    ann = _scene(tmp_path)
    (tmp_path / "p1.jpg").write_bytes(b"not a jpeg")
    assert bench.main([str(ann), "--images", str(tmp_path)]) == 2
    assert "p1.jpg" in capsys.readouterr().err
