"""The embedded people finder on composites of public-domain portraits with known people."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from people_scenes import iou, make_scene, place_people, source_photo
from PIL import Image

from rpipp_gui.people import FinderOptions, PeopleFinder, Person, find_people

pytestmark = pytest.mark.slow


def check_scene(people: list[Person], scene) -> None:
    h, w = scene.rgb.shape[:2]
    assert len(people) == len(scene.people), [p.box for p in people]
    centers = [p.center[0] for p in people]
    assert centers == sorted(centers)
    for person, truth, tile in zip(people, scene.people, scene.tiles, strict=True):
        assert iou(person.box, truth) >= 0.75, (person.box, truth)
        assert person.mask.shape == (h, w) and person.mask.dtype == bool
        x0, _, x1, _ = tile
        assert person.mask[:, x0:x1].sum() >= 0.95 * person.mask.sum()
        assert person.mask.sum() >= 0.3 * (truth[2] - truth[0]) * (truth[3] - truth[1])
        assert person.face_box is not None
        fx, fy = (person.face_box[0] + person.face_box[2]) / 2, (person.face_box[1] + person.face_box[3]) / 2
        assert truth[0] <= fx <= truth[2] and truth[1] <= fy <= (truth[1] + truth[3]) / 2
        assert 0.0 < person.score <= 1.0 and person.source
        if person.keypoints is not None:
            assert person.keypoints.shape == (33, 3)
    total = np.sum([p.mask for p in people], axis=0)
    assert total.max() == 1, "masks overlap"


def test_three_people_apart_all_found(finder, three_apart):
    people = finder.set_image(three_apart.rgb)
    check_scene(people, three_apart)
    assert finder.people == people
    assert all(p.keypoints is not None for p in people)


def test_four_people_touching_all_found(finder, four_tight):
    check_scene(finder.set_image(four_tight.rgb), four_tight)


def test_people_larger_than_the_working_copy_keep_photo_resolution(finder):
    scene = make_scene(["grace", "astronaut"], height=1400, gap=60)
    people = finder.set_image(scene.rgb)
    check_scene(people, scene)
    # Upsampled edges are smooth: the mask's outline is not a staircase of working-copy pixels.
    edge = people[1].mask[:, 1:] != people[1].mask[:, :-1]
    assert edge.sum() < 6 * scene.rgb.shape[0]


def test_people_of_very_different_sizes_all_found(finder):
    placements = [("astronaut", 0, 400, 600), ("grace", 650, 700, 300), ("cameraman", 1000, 500, 500)]
    scene = place_people((1800, 1000), placements + [("grace", 1450, 850, 150)])
    people = finder.set_image(scene.rgb)
    assert len(people) == 4  # the astronaut's helmet and the flags are no extra people
    for person, truth in zip(people, scene.people, strict=True):
        assert iou(person.box, truth) >= 0.7, (person.box, truth)


def test_people_whose_faces_are_all_hidden_are_found(finder):
    scene = make_scene(["astronaut", "cameraman", "grace"], gap=60, hidden=(True, True, True))
    people = finder.set_image(scene.rgb)
    assert len(people) == 3
    for person, truth in zip(people, scene.people, strict=True):
        assert person.face_box is None
        assert iou(person.box, truth) >= 0.6, (person.box, truth)


def test_a_person_whose_face_is_not_visible_is_found(finder):
    scene = make_scene(["grace", "cameraman"], gap=60, hidden=(False, True))
    people = finder.set_image(scene.rgb)
    assert len(people) == 2
    # found by the body detector (or, without it, by selfie segmentation), not by a face
    assert people[1].face_box is None and people[1].source in ("selfie", "body+selfie", "body+pose")
    assert iou(people[1].box, scene.people[1]) >= 0.6
    x0, _, x1, _ = scene.tiles[1]
    assert people[1].mask[:, x0:x1].sum() >= 0.95 * people[1].mask.sum()


@pytest.mark.parametrize(
    "name",
    ["coffee", "chelsea", "grey", "hubble_deep_field", "immunohistochemistry", "stereo_motorcycle", "retina"],
)
def test_photos_without_people_give_nobody(finder, name):
    import skimage.data

    if name == "grey":
        rgb = np.full((480, 640, 3), 128, np.uint8)
    elif name == "stereo_motorcycle":
        rgb = skimage.data.stereo_motorcycle()[1]
    else:
        rgb = getattr(skimage.data, name)()
    # Selfie segmentation marks a cup, a cat, galaxies, tissue, a motorcycle and a retina as "person";
    # none of them may become one.
    assert finder.set_image(np.ascontiguousarray(rgb[:, :, :3])) == []


def test_box_prompt_segments_the_person_in_the_box(finder, three_apart):
    finder.set_image(three_apart.rgb)
    for truth in three_apart.people:
        box = (truth[0] - 10, truth[1] - 10, truth[2] + 10, truth[3])
        person = finder.segment_box(box)
        assert person is not None
        ys, xs = np.nonzero(person.mask)
        assert xs.min() >= box[0] - 1 and xs.max() <= box[2] and ys.min() >= box[1] - 1
        assert iou(person.box, truth) >= 0.7, (person.box, truth)
        assert person.source.startswith("box")


def test_box_prompt_finds_a_person_the_detector_missed(finder):
    # A small person beside a big one; a finder that stops after one person skips them, and the
    # box prompt still segments them.
    big = source_photo("grace")
    small = np.asarray(Image.fromarray(source_photo("astronaut")).resize((160, 160)))
    canvas = np.full((600, 900, 3), 200, np.uint8)
    canvas[:, :512] = big
    canvas[440:600, 650:810] = small
    strict = PeopleFinder(options=FinderOptions(max_people=1))
    people = strict.set_image(canvas)
    assert all(p.box[0] < 600 for p in people)
    person = strict.segment_box((630, 420, 830, 600))
    assert person is not None and person.mask[440:600, 650:810].sum() >= 0.95 * person.mask.sum()
    assert person.mask.sum() > 0.3 * 160 * 160


def test_box_prompt_on_plain_background_hides_the_box(finder, three_apart):
    # The user says someone is there: no person model and no foreground in a plain box, so the
    # box itself is the mask (privacy errs towards hiding); a box outside the photo is nothing.
    finder.set_image(three_apart.rgb)
    gap = three_apart.tiles[0][2]
    person = finder.segment_box((gap + 2, 100, gap + 38, 500))
    assert person is not None and person.source in ("box", "box+grabcut")
    assert person.mask[100:500, gap + 2 : gap + 38].mean() > 0.5
    assert person.mask.sum() == person.mask[100:500, gap + 2 : gap + 38].sum()
    assert finder.segment_box((5000, 5000, 6000, 6000)) is None


def test_finder_state_and_worker_thread(three_apart):
    finder = PeopleFinder()
    assert finder.device == "cpu" and finder.people == [] and not finder.is_image_set
    finder.warm_up()
    assert finder.people == [] and not finder.is_image_set
    with pytest.raises(RuntimeError):
        finder.segment_box((0, 0, 10, 10))
    results = {}
    thread = threading.Thread(target=lambda: results.setdefault("people", finder.set_image(three_apart.rgb)))
    thread.start()
    thread.join(timeout=60)
    assert len(results["people"]) == 3 and len(finder.people) == 3
    finder.reset_image()
    assert finder.people == []
    known = [Person(box=(1, 2, 30, 40), source="saved")]
    assert finder.set_image(three_apart.rgb, people=known) == known  # no detection
    assert finder.segment_box(three_apart.people[0]) is not None


def test_find_people_function_matches_finder(finder, four_tight):
    a = find_people(four_tight.rgb)
    b = finder.set_image(four_tight.rgb)
    assert [p.box for p in a] == [p.box for p in b]


def test_bad_input_is_rejected(finder):
    with pytest.raises(ValueError, match="HxWx3 uint8"):
        finder.set_image(np.zeros((10, 10), np.uint8))
    with pytest.raises(ValueError, match="HxWx3 uint8"):
        finder.set_image(np.zeros((10, 10, 3), np.float32))


def test_panorama_costs_a_bounded_number_of_model_calls():
    from rpipp_gui.people.embedded import EmbeddedBackend
    from rpipp_gui.people.mp_models import MediaPipeModels

    class Counting(MediaPipeModels):
        calls = 0

        def selfie(self, rgb, landscape=False):
            Counting.calls += 1
            return super().selfie(rgb, landscape)

    backend = EmbeddedBackend(models=Counting())
    assert backend.find(np.full((60, 4000, 3), 140, np.uint8)) == []
    assert 1 <= Counting.calls <= 5


def test_the_first_photo_loads_pose_and_bodies_while_faces_are_searched():
    # A cold start spends ~0.7 s loading models; pose (mediapipe's import and graph) and the body
    # detector load on a thread of their own while the faces are searched.
    from rpipp_gui.people.bodies import BodyDetector
    from rpipp_gui.people.embedded import EmbeddedBackend
    from rpipp_gui.people.mp_models import MediaPipeModels

    threads: list[str] = []

    class Recording(MediaPipeModels):
        def pose(self, rgb):
            threads.append(threading.current_thread().name)
            return super().pose(rgb)

    class Bodies(BodyDetector):
        def warm_up(self):
            threads.append("bodies " + threading.current_thread().name)
            super().warm_up()

    backend = EmbeddedBackend(models=Recording(), bodies=Bodies())
    backend.find(np.full((96, 128, 3), 127, np.uint8))
    backend._loading.join(timeout=60)
    assert "rpipp-load" in threads and "bodies rpipp-load" in threads
    first = backend._loading
    backend.find(np.full((96, 128, 3), 127, np.uint8))
    assert backend._loading is first  # once per backend


def test_box_prompt_on_a_person_seen_without_face(finder):
    scene = make_scene(["astronaut", "cameraman"], gap=60, hidden=(True, True))
    finder.set_image(scene.rgb, people=[])  # as if the finder had found nobody
    for truth in scene.people:
        person = finder.segment_box((truth[0] - 15, truth[1] - 15, truth[2] + 15, truth[3]))
        assert person is not None and person.face_box is None
        assert iou(person.box, truth) >= 0.6, (person.box, truth)
