"""People far from the camera (small in the photo) and people cut by the photo's border."""

from __future__ import annotations

import numpy as np
import pytest
from people_scenes import FACE_BOXES, GT_BOXES, iou, place_people, source_photo
from PIL import Image

pytestmark = pytest.mark.slow


def far_group():
    """A 3 MP photo with five people 1/12 to 1/15 of its height high (100-125 px), scattered."""
    placements = [
        ("grace", 120, 300, 125),
        ("astronaut", 560, 900, 110),
        ("cameraman", 1000, 200, 100),
        ("grace", 1380, 1100, 110),
        ("astronaut", 1750, 500, 125),
    ]
    return place_people((2000, 1500), placements)


def test_people_far_away_are_each_found(finder):
    scene = far_group()
    people = finder.set_image(scene.rgb)
    assert len(people) == len(scene.people), [p.box for p in people]
    for person, truth in zip(people, scene.people, strict=True):
        assert iou(person.box, truth) >= 0.5, (person.box, truth)
        assert person.face_box is not None
    assert np.sum([p.mask for p in people], axis=0).max() == 1, "masks overlap"


def backdrop(width: int, height: int) -> np.ndarray:
    """HxWx3 uint8 soft grey-blue gradient."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    return np.stack([150 + 40 * yy / height, 160 + 30 * xx / width, 175 + 0 * xx], axis=2).astype(np.uint8)


class ClippedFace:
    """A face detector that sees one face, given in photo pixels and clipped to the image as
    detectors clip it (works for the finder's working copy of any size)."""

    def __init__(self, box, photo_width: int) -> None:
        self.box, self.photo_width = box, photo_width

    def _faces(self, rgb):
        from rpipp_gui.people.faces import Face

        s = rgb.shape[1] / self.photo_width
        h, w = rgb.shape[:2]
        x0, y0, x1, y1 = (v * s for v in self.box)
        return [Face((max(0.0, x0), max(0.0, y0), min(w, x1), min(h, y1)), 0.9)]

    def detect(self, rgb, threshold=0.3, **kw):
        return self._faces(rgb)

    def detect_with_weak(self, rgb, threshold, weak_threshold, **kw):
        return self._faces(rgb), np.zeros((0, 5), np.float32)


def test_a_face_cut_by_the_top_border_seeds_the_whole_person():
    # The cameraman 700 px high in a 3 MP photo, pushed up until the top border cuts 30% of his
    # height: only his chin is left of his face, and its box is clipped to that. Sized by the
    # clipped box, his mask was the upper body only (it covered 17% of his pixels).
    from rpipp_gui.people.embedded import EmbeddedBackend

    src, h = source_photo("cameraman"), 700
    s = h / src.shape[0]
    img = np.asarray(Image.fromarray(src).resize((round(src.shape[1] * s), h), Image.BILINEAR))
    x, w = (2048 - img.shape[1]) // 2, img.shape[1]
    cut = round((GT_BOXES["cameraman"][1] + 0.3 * 452) * s)
    face = tuple(v * s for v in FACE_BOXES["cameraman"])
    photo = backdrop(2048, 1536)
    photo[: h - cut, x : x + w] = img[cut:]
    backend = EmbeddedBackend(
        faces=ClippedFace((x + face[0], face[1] - cut, x + face[2], face[3] - cut), 2048)
    )
    people = backend.find(photo)
    assert len(people) == 1 and people[0].face_box is not None
    # His pixels: the finder's mask of him fully inside the photo, cut as the photo cuts him.
    whole = backdrop(2048, 1536)
    whole[300 : 300 + h, x : x + w] = img
    inside = EmbeddedBackend(
        faces=ClippedFace((x + face[0], 300 + face[1], x + face[2], 300 + face[3]), 2048)
    )
    ref = inside.find(whole)[0].mask[300 + cut : 300 + h, x : x + w]
    covered = people[0].mask[: h - cut, x : x + w][ref].mean()
    assert covered >= 0.8, covered


def test_small_faces_are_confirmed_on_the_full_photo_and_texture_is_not():
    import skimage.data

    from rpipp_gui.people.faces import default_face_detector
    from rpipp_gui.people.person_masks import downscale
    from rpipp_gui.people.small_faces import find_small_faces

    detector = default_face_detector()
    scene = far_group()
    work = downscale(scene.rgb, 1024)
    faces, weak = detector.detect_with_weak(work, 0.5, 0.1)
    small = find_small_faces(detector, scene.rgb, work.shape[:2], weak, faces)
    s = scene.rgb.shape[1] / work.shape[1]
    found = faces + small
    assert len(found) == len(scene.people)  # the strong faces missed some; each person has one now
    for truth in scene.people:
        inside = [
            f
            for f in found
            if truth[0] <= f.center[0] * s <= truth[2] and truth[1] <= f.center[1] * s <= truth[3]
        ]
        assert len(inside) == 1, truth
    assert small and all(f.score >= 0.6 and f.landmarks.shape == (5, 2) for f in small)
    # A motorcycle photo gives weak face candidates; none of them is confirmed.
    bike = np.ascontiguousarray(skimage.data.stereo_motorcycle()[0])
    faces, weak = detector.detect_with_weak(bike, 0.5, 0.1)
    assert faces == [] and len(weak) > 0
    assert find_small_faces(detector, bike, bike.shape[:2], weak, faces) == []


def test_a_second_finer_face_pass_finds_the_faces_the_working_copy_lost():
    # Four people 95 px high on a 3 MP photo of coffee: the working copy (1000 px) shows the
    # cameramen's faces at ~8 px, too small even for a weak detection; once small faces were
    # confirmed, the pass on a 2048 px copy finds them.
    import skimage.data

    from rpipp_gui.people.faces import default_face_detector
    from rpipp_gui.people.person_masks import downscale
    from rpipp_gui.people.small_faces import find_small_faces

    photo = np.asarray(Image.fromarray(skimage.data.coffee()).resize((2000, 1500), Image.BILINEAR)).copy()
    boxes = []
    for name, x, y in [
        ("grace", 400, 450),
        ("cameraman", 1200, 750),
        ("astronaut", 800, 1050),
        ("cameraman", 1600, 300),
    ]:
        src = source_photo(name)
        img = np.asarray(
            Image.fromarray(src).resize((round(src.shape[1] * 95 / src.shape[0]), 95), Image.BILINEAR)
        )
        photo[y : y + 95, x : x + img.shape[1]] = img
        boxes.append((x, y, x + img.shape[1], y + 95))
    detector = default_face_detector()
    work = downscale(photo, 1024)
    s = photo.shape[1] / work.shape[1]
    faces, weak = detector.detect_with_weak(work, 0.5, 0.1)

    def people_with_a_face(found) -> int:
        return sum(
            any(b[0] <= f.center[0] * s <= b[2] and b[1] <= f.center[1] * s <= b[3] for f in found)
            for b in boxes
        )

    coarse = find_small_faces(detector, photo, work.shape[:2], weak, list(faces))
    fine = find_small_faces(detector, photo, work.shape[:2], weak, list(faces), fine_side=2048)
    assert people_with_a_face(faces + fine) == 4 > people_with_a_face(faces + coarse)
    assert all(f.score >= 0.47 for f in fine)

    # Looking only where the working copy's face heat is warm finds the same faces, in a part of
    # the photo (the finer pass over all of a 12 MP photo costs about a CPU second).
    from rpipp_gui.people.options import FinderOptions
    from rpipp_gui.people.small_faces import hint_regions

    search = detector.search(work, 0.5, 0.1)
    hint, threshold = (search.heat, search.heat_step), FinderOptions().fine_face_hint
    hinted = find_small_faces(
        detector,
        photo,
        work.shape[:2],
        weak,
        list(faces),
        fine_side=2048,
        hint=hint,
        hint_threshold=threshold,
    )
    assert people_with_a_face(faces + hinted) == 4
    regions = hint_regions(*hint, threshold, [f.box for f in faces + coarse], work.shape[:2])
    assert regions is not None
    assert sum((r[2] - r[0]) * (r[3] - r[1]) for r in regions) < 0.5 * work.shape[0] * work.shape[1]


def test_hint_regions_surround_warm_cells_away_from_known_faces():
    from rpipp_gui.people.small_faces import hint_regions

    heat = np.zeros((150, 200), np.float32)  # a 800x600 working copy, 4 px per cell
    heat[100, 150] = 0.03  # a faint face at (600, 400)
    heat[20:30, 20:30] = 0.9  # a known face at (80-120, 80-120)
    regions = hint_regions(heat, 4.0, 0.015, [(80.0, 80.0, 120.0, 120.0)], (600, 800))
    assert len(regions) == 1
    x0, y0, x1, y1 = regions[0]
    assert x0 < 600 < x1 and y0 < 400 < y1 and (x1 - x0) * (y1 - y0) < 0.01 * 800 * 600
    assert hint_regions(heat, 4.0, 0.05, [(80.0, 80.0, 120.0, 120.0)], (600, 800)) == []
    # warm everywhere: one look at the whole photo is cheaper than many crops
    assert hint_regions(np.full_like(heat, 0.1), 4.0, 0.015, [], (600, 800)) is None


def test_a_first_glance_at_half_zoom_spares_most_checks_and_keeps_the_faces(monkeypatch):
    # The check of a small-face candidate runs CenterFace on a crop where the candidate is 80 px
    # wide (~20 ms); a first glance at 40 px (a quarter of the pixels) drops most non-faces.
    import skimage.data

    from rpipp_gui.people import small_faces
    from rpipp_gui.people.faces import FaceDetector
    from rpipp_gui.people.person_masks import downscale

    looks: list[int] = []
    real_look = small_faces._look

    def counting(centerface, rgb, cand, scale, face_px, threshold, **options):
        looks.append(face_px)
        return real_look(centerface, rgb, cand, scale, face_px, threshold, **options)

    monkeypatch.setattr(small_faces, "_look", counting)
    detector = FaceDetector(check_workers=1)
    bike = np.ascontiguousarray(skimage.data.stereo_motorcycle()[0])
    faces, weak = detector.detect_with_weak(bike, 0.5, 0.1)
    assert small_faces.find_small_faces(detector, bike, bike.shape[:2], weak, faces) == []
    assert looks.count(40) >= 3 and looks.count(80) <= looks.count(40) // 2, looks
    looks.clear()
    scene = far_group()
    work = downscale(scene.rgb, 1024)
    faces, weak = detector.detect_with_weak(work, 0.5, 0.1)
    small = small_faces.find_small_faces(detector, scene.rgb, work.shape[:2], weak, faces)
    assert len(faces) + len(small) == len(scene.people) and looks.count(80) >= len(small)
