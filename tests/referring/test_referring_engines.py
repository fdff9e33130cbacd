"""Engines and the --say path: masks from the selected people, face-only regions, registry, CLI."""

from __future__ import annotations

import numpy as np
import pytest
from app_helpers import FIXED, use_fixed_people
from PIL import Image
from referring_scenes import blank, exclusive, figure

from rpipp_gui.cli import main
from rpipp_gui.errors import ModelError
from rpipp_gui.imaging.masks import cover_outline
from rpipp_gui.imaging.styles import COVER_GROW
from rpipp_gui.referring import GroundingEngine
from rpipp_gui.referring.engines import InstancesEngine, make_engine


class ListFinder:
    """A people finder that returns a fixed list (the real one is exercised in the slow test)."""

    def __init__(self, people):
        self.people = people
        self.calls = 0

    def set_image(self, rgb):
        self.calls += 1
        return list(self.people)


@pytest.fixture()
def scene():
    img = blank(640, 400)
    people = exclusive(
        [figure(img, 110, 390, 300, "red", "blue"), figure(img, 320, 390, 310, "white", "black"),
         figure(img, 530, 390, 160, "yellow", "blue")]
    )  # fmt: skip
    return img, people


def test_instances_engine_masks_are_the_selected_people(scene):
    img, people = scene
    finder = ListFinder(people)
    engine = make_engine("instances", finder=finder)
    assert isinstance(engine, GroundingEngine)
    engine.set_image(img)
    g = engine.ground("blur the man on the left")
    assert g.selected == (0,) and g.style == "blur" and not g.matched_nobody
    assert np.array_equal(g.mask, people[0].mask)
    both = engine.ground("everyone except the kid")
    assert np.array_equal(both.mask, people[0].mask | people[1].mask)
    assert engine.ground("the dog").matched_nobody and not engine.ground("the dog").mask.any()
    assert finder.calls == 1  # people found once per photo


def test_face_sentences_keep_whole_people_for_the_app_to_cut_to_faces(scene):
    img, people = scene
    engine = InstancesEngine(finder=ListFinder(people))
    engine.set_image(img)
    g = engine.ground("hide the face of the man in the middle")
    assert g.style == "face" and g.selected == (1,)
    assert np.array_equal(g.mask, people[1].mask)  # faces only: rpipp_gui.app.decision (tests/app)


def test_registry_errors():
    with pytest.raises(ModelError, match="unknown grounding engine"):
        make_engine("nope")


def test_cli_say_end_to_end_with_exit_code_3(scene, tmp_path, monkeypatch, capsys):
    img, people = scene
    photo = tmp_path / "scene.png"
    Image.fromarray(img).save(photo)
    use_fixed_people(monkeypatch, people)
    fixed = ["--people-backend", FIXED]
    out, mask_out = tmp_path / "out.png", tmp_path / "m.png"
    rc = main(["protect", str(photo), "--say", "blur the kid on the right", "-o", str(out),
               "--mask-out", str(mask_out), "--explain", *fixed])  # fmt: skip
    assert rc == 0
    printed = capsys.readouterr().out
    assert "Blurred #3 — rightmost of 3 people" in printed and "style blur" in printed
    saved = np.array(Image.open(mask_out)) > 0
    assert np.array_equal(saved, people[2].mask)
    result = np.array(Image.open(out).convert("RGB"))
    cover = cover_outline(people[2].mask, COVER_GROW)  # a person is hidden with no silhouette left
    assert np.array_equal(result[~cover], img[~cover])
    none_out = tmp_path / "none.png"
    rc = main(["protect", str(photo), "--say", "the woman in purple", "-o", str(none_out), *fixed])
    assert rc == 3 and not none_out.exists()
    err = capsys.readouterr().err
    assert err.startswith("rpipp: Nobody matches 'the woman in purple'") and len(err.splitlines()) == 1
    assert "found 3 people: #1 left, #2 middle, #3 right" in err
    faces_out = tmp_path / "faces.png"
    rc = main(["protect", str(photo), "--say", "the man in red", "--style", "face", "-o", str(faces_out),
               "--mask-out", str(mask_out), *fixed])  # fmt: skip
    assert rc == 0
    faces = np.array(Image.open(mask_out)) > 0
    assert 0 < faces.sum() < people[0].mask.sum() / 5
