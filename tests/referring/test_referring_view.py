"""Which way people face (referring/view.py): drawn heads (face, back of the head, profile) and the
annotated dev photos (shared/data/real_people), read on their annotated boxes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from referring_scenes import blank, exclusive, figure

from rpipp_gui.imaging import load_image
from rpipp_gui.people.annotations import read_people
from rpipp_gui.people.person import Person
from rpipp_gui.referring import resolve
from rpipp_gui.referring.looks import PhotoLooks
from rpipp_gui.referring.view import ViewEvidence, read_view

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real_people"
HAIR = (45, 32, 25)


def _paint_head(img: np.ndarray, p: Person, view: str) -> None:
    """Repaint the drawn head of figure ``p``: hair over the top (front) or all of it (back)."""
    x0, y0, x1, y1 = p.box
    u = (y1 - y0) / 8
    cx = (x0 + x1) / 2
    yy, xx = np.mgrid[: img.shape[0], : img.shape[1]]
    head = p.mask & ((xx - cx) ** 2 + (yy - (y0 + 0.5 * u)) ** 2 <= (0.5 * u) ** 2)
    hair = head & (yy < y0 + 0.3 * u)
    if view == "back":
        hair = head
    img[hair] = HAIR
    if view != "back":  # eyes and a mouth: a face is not one flat colour
        face = head & ~hair
        img[face & (np.abs(yy - (y0 + 0.45 * u)) < 0.05 * u) & (np.abs(xx - cx) > 0.1 * u)] = (60, 40, 35)


def _scene(views: list[str]) -> tuple[np.ndarray, list[Person]]:
    img = blank(200 * len(views), 420)
    people = exclusive([figure(img, 100 + 200 * k, 400, 330, "black", "blue") for k in range(len(views))])
    for p, v in zip(people, views, strict=True):
        _paint_head(img, p, v)
    return img, people


def test_drawn_heads_front_and_back_even_when_the_pose_says_front():
    """The keypoints of every figure say "front" (left shoulder on the photo's right), as MediaPipe
    says for backs too: the head's colours decide."""
    img, people = _scene(["front", "back", "back", "front"])
    looks = PhotoLooks(img, people)
    got = [looks.get(i, "view").value for i in range(4)]
    assert got == ["front", "back", "back", "front"], [looks.view_evidence(i) for i in range(4)]
    assert looks.fit(1, "view", "back") > 0.6 > looks.fit(0, "view", "back")
    grey = np.repeat(img.mean(axis=2, keepdims=True), 3, axis=2).astype(np.uint8)
    g = PhotoLooks(grey, people).get(0, "view")  # no colour and no face found on a large head:
    assert g.value == "back" and g.confidence <= 0.6  # turned away, most likely, but not sure


def test_profile_from_a_turned_face_or_skin_to_one_side():
    turned = ViewEvidence(head_px=12.0, face_px=6.0, face_score=0.7, face_yaw=1.1, skin=0.45, offset=0.1)
    assert read_view(turned).value == "profile"
    aside = ViewEvidence(head_px=12.0, skin=0.3, offset=-0.4)
    centred = ViewEvidence(head_px=12.0, skin=0.3, offset=0.0)
    assert read_view(aside).fit("profile") > 0.5 > read_view(centred).fit("profile")
    wide = ViewEvidence(head_px=40.0, face_px=30.0, face_score=0.8, face_yaw=0.1)
    assert read_view(wide).value == "front"  # a wide face: its landmarks' yaw decides


def test_shoulders_seen_from_behind_rule_out_the_front():
    ev = ViewEvidence(head_px=11.0, skin=0.45, offset=0.0, shoulders=-0.8)
    assert read_view(ev).fit("front") < 0.5
    assert read_view(ViewEvidence(head_px=11.0, skin=0.45, offset=0.0, shoulders=0.8)).value == "front"
    assert not read_view(ViewEvidence(head_px=3.0, skin=0.9)).known  # a head of 3 px: unknown


def test_walking_away_picks_the_backs_of_heads():
    img, people = _scene(["front", "back", "back", "front"])
    res = resolve("the two people walking away", people, image=img)
    assert res.selected == (1, 2)
    res = resolve("the person facing the camera on the right", people, image=img)
    assert res.selected == (3,)


@pytest.mark.slow
@pytest.mark.skipif(not (REAL / "people.tsv").exists(), reason="shared/data/real_people is missing")
def test_dev_photos_front_and_back_apart():
    """On the annotated boxes of the dev photos (benchmarks/looks_view.py: 21 of 35 right): no
    back is read as a front, at least 9 of the 12 backs and 8 of the 12 fronts are read right, and
    the three people walking away on vtest_0100 (p5, p6, p7) read as backs, the man facing the
    camera (p3) as a front."""
    confusion: dict[tuple[str, str], list[str]] = {}
    for photo, annotated in read_people(REAL / "people.tsv").items():
        annotated = [a for a in annotated if not a.crowd]
        rgb = load_image(REAL / photo).rgb
        looks = PhotoLooks(rgb, [Person(box=a.box) for a in annotated])
        for k, a in enumerate(annotated):
            want = "profile" if a.view == "side" else a.view
            confusion.setdefault((want, looks.get(k, "view").value), []).append(f"{photo} {a.id}")
    assert ("back", "front") not in confusion, confusion
    assert len(confusion.get(("back", "back"), [])) >= 9, confusion
    assert len(confusion.get(("front", "front"), [])) >= 8, confusion
    backs = confusion.get(("back", "back"), [])
    assert {"vtest_0100.png p5", "vtest_0100.png p6", "vtest_0100.png p7"} <= set(backs)
    assert "vtest_0100.png p3" in confusion.get(("front", "front"), [])
