"""WorkerPool: model runs (pose crops, small-face checks) computed ahead on worker threads, results
handed back in order."""

from __future__ import annotations

import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rpipp_gui.people import FinderOptions, PeopleFinder
from rpipp_gui.people.mp_models import MediaPipeModels
from rpipp_gui.people.worker_pool import WorkerPool


def _square(models, item):
    assert isinstance(models, MediaPipeModels)
    time.sleep(0.001 * (item % 3))  # finish out of order
    return item * item


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=12), st.sets(st.integers(0, 50)), st.integers(1, 3))
def test_results_come_in_order_for_the_items_wanted_at_their_turn(items, dropped, workers):
    # An item's turn may come after it was computed: it is judged again then, as the finder's
    # faces are (a face covered meanwhile seeds nobody).
    pool = WorkerPool(workers, MediaPipeModels, MediaPipeModels())
    taken: list[int] = []

    def wanted(item):
        return item not in dropped and taken.count(item) < 1

    got = []
    for item, result in pool.run_ahead(_square, items, wanted):
        assert result == item * item
        got.append(item)
        taken.append(item)
    expected = []
    for item in items:
        if item not in dropped and item not in expected:
            expected.append(item)
    assert got == expected


def test_errors_reach_the_caller_and_stopping_early_cancels_the_rest():
    pool = WorkerPool(2, MediaPipeModels, MediaPipeModels())
    calls = []
    lock = threading.Lock()

    def work(models, item):
        with lock:
            calls.append(item)
        if item == 3:
            raise ValueError("bad seed")
        time.sleep(0.01)
        return item

    with pytest.raises(ValueError, match="bad seed"):
        list(pool.run_ahead(work, range(6), lambda item: True))
    calls.clear()
    for item, _ in pool.run_ahead(work, range(100), lambda item: True):
        if item == 1:
            break
    time.sleep(0.05)
    assert len(calls) <= 4  # the two asked for plus at most the two computed ahead


def test_the_main_model_can_be_one_of_the_workers():
    # The finder's own pose graph serves as one worker: a graph fewer to create (~0.25 s cold).
    main, made = object(), []

    def make():
        made.append(object())
        return made[-1]

    used: set[int] = set()
    lock = threading.Lock()

    def work(model, item):
        with lock:
            used.add(id(model))
        time.sleep(0.005)
        return item

    pool = WorkerPool(2, make, main, main_works=True)
    assert [r for _, r in pool.run_ahead(work, range(8), lambda item: True)] == list(range(8))
    assert len(made) == 1 and used <= {id(main), id(made[0])} and id(main) in used
    WorkerPool(2, make, main).warm_up(lambda model: None)
    assert len(made) == 3  # without main_works: two models of its own


@pytest.mark.slow
def test_two_pose_workers_find_the_same_people_as_one(finder, four_tight):
    one = PeopleFinder(options=FinderOptions(pose_workers=1)).set_image(four_tight.rgb)
    two = finder.set_image(four_tight.rgb)  # the default: two workers
    assert FinderOptions().pose_workers == 2 and len(one) == len(two) == 4
    for a, b in zip(one, two, strict=True):
        assert a.box == b.box and a.source == b.source and a.score == b.score
        assert (a.mask == b.mask).all()


@pytest.mark.slow
def test_small_faces_checked_side_by_side_are_those_checked_one_by_one():
    from people_scenes import place_people

    from rpipp_gui.people.faces import FaceDetector, default_face_detector
    from rpipp_gui.people.person_masks import downscale
    from rpipp_gui.people.small_faces import find_small_faces

    placements = [("grace", 120, 300, 125), ("cameraman", 1000, 200, 100), ("astronaut", 1750, 500, 125)]
    rgb = place_people((2000, 1500), placements).rgb
    work = downscale(rgb, 1024)
    found = []
    for detector in (FaceDetector(check_workers=1), default_face_detector()):
        faces, weak = detector.detect_with_weak(work, 0.5, 0.1)
        found.append([(f.box, f.score) for f in find_small_faces(detector, rgb, work.shape[:2], weak, faces)])
    assert default_face_detector().checks.workers == 2
    assert found[0] == found[1] and len(found[0]) >= 1
