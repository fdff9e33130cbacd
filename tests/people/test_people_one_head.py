"""A face is one person's: when segmentation under a face stops at the chin, or a body box found the
person without their face, the head that would be hidden on its own joins that person instead of
becoming a second person (real_people_pkg10 mdl_more-from-1: one man found as a head and as his
chest; pkg8 soft_annie-spratt: a man found by his body and again as his head)."""

from __future__ import annotations

import numpy as np
from PIL import Image
from pkg_photos import PKG, pkg_photo

from rpipp_gui.people.face_seeds import headless_body
from rpipp_gui.people.faces import Face
from rpipp_gui.people.person_masks import Candidate


def _cand(box, source="body+selfie", face_box=None) -> Candidate:
    x0, y0, x1, y1 = box
    return Candidate(np.ones((y1 - y0, x1 - x0), np.float32), box, 0.6, source, face_box=face_box)


def test_a_face_at_the_top_of_a_body_found_without_one_is_its_head():
    cands = [_cand((100, 50, 200, 350))]
    assert headless_body(cands, Face((135.0, 55.0, 165.0, 95.0), 0.8), 0.3) == 0
    assert headless_body(cands, Face((135.0, 280.0, 165.0, 320.0), 0.8), 0.3) is None  # at its feet
    assert headless_body(cands, Face((205.0, 55.0, 235.0, 95.0), 0.8), 0.3) is None  # beside it


def test_only_bodies_without_a_face_take_a_head_and_the_smallest_box_wins():
    face = Face((135.0, 55.0, 165.0, 95.0), 0.8)
    with_face = _cand((100, 50, 200, 350), face_box=(130.0, 60.0, 160.0, 100.0))
    posed = _cand((100, 50, 200, 350), source="face+pose")
    assert headless_body([with_face, posed], face, 0.3) is None
    big, small = _cand((0, 0, 400, 800)), _cand((100, 50, 200, 350))
    assert headless_body([big, small], face, 0.3) == 1


def _one_face_each(finder, path):
    people = finder.set_image(np.asarray(Image.open(path).convert("RGB")))
    faces = [p.face_box for p in people if p.face_box is not None]
    assert len(faces) == len(set(faces)), [(p.box, p.source) for p in people]
    return people


def test_a_man_behind_is_one_person_not_a_head_and_a_chest(finder):
    photo = pkg_photo("mdl_more-from-1.png", PKG.with_name("real_people_pkg10"))
    people = _one_face_each(finder, photo)
    assert len(people) == 2  # the man in front and the man behind him on the right


def test_a_man_found_by_his_body_keeps_his_head(finder):
    photo = pkg_photo("soft_annie-spratt.jpg", PKG.with_name("real_people_pkg8"))
    people = _one_face_each(finder, photo)
    # the man at the top, hand to his face, behind the laptops: nobody else lies in that band
    top = [p for p in people if p.box[3] <= 400 and p.box[0] < 1050]
    assert len(top) == 1 and top[0].face_box is not None and top[0].box[0] < 600
