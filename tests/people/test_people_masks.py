"""Pure helpers of the people finder: boxes, NMS, blob splitting, exclusive upsampled masks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rpipp_gui.people import BACKENDS, FinderOptions, PeopleFinder, Person, register_backend
from rpipp_gui.people.centerface import nms
from rpipp_gui.people.person_masks import (
    Candidate,
    clip_box,
    components,
    downscale,
    exclusive_full_masks,
    fill_holes,
    mask_bbox,
    merge_candidates,
    split_columns,
)


def test_mask_bbox_and_clip_box():
    m = np.zeros((20, 30), bool)
    assert mask_bbox(m) is None
    m[3:7, 5:9] = True
    assert mask_bbox(m) == (5, 3, 9, 7)
    assert clip_box((-5.5, 2.2, 10.1, 50), 30, 20) == (0, 2, 11, 20)
    assert clip_box((40, 0, 50, 10), 30, 20) is None


@given(st.lists(st.tuples(*[st.floats(0, 100)] * 4, st.floats(0.01, 1)), min_size=1, max_size=25))
def test_nms_keeps_best_and_no_kept_pair_overlaps_much(rows):
    boxes = np.array([[min(a, c), min(b, d), max(a, c) + 1, max(b, d) + 1] for a, b, c, d, _ in rows])
    scores = np.array([r[4] for r in rows])
    keep = nms(boxes, scores, 0.3)
    assert keep[0] == int(np.argmax(scores)) or scores[keep[0]] == scores.max()
    for i in keep:
        for j in keep:
            if i < j:
                a, b = boxes[i], boxes[j]
                ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
                iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
                union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy
                assert ix * iy / union <= 0.3 + 1e-6


def test_split_columns_cuts_two_people_joined_at_the_hands():
    m = np.zeros((100, 200), bool)
    m[10:100, 20:80] = True  # one person
    m[10:100, 120:180] = True  # another
    m[60:64, 80:120] = True  # holding hands
    parts = split_columns(m)
    assert len(parts) == 2
    assert sum(p.sum() for p in parts) == m.sum()
    assert mask_bbox(parts[0])[2] <= 121 and mask_bbox(parts[1])[0] >= 79


def test_split_columns_keeps_one_upright_person():
    m = np.zeros((100, 100), bool)
    m[5:100, 30:70] = True
    m[30:40, 10:90] = True  # arms out
    assert len(split_columns(m)) == 1


def test_components_sorted_largest_first_and_small_dropped():
    m = np.zeros((50, 50), bool)
    m[0:5, 0:5] = True
    m[20:40, 20:40] = True
    m[48, 48] = True
    comps = components(m, 10)
    assert [c.sum() for c in comps] == [400, 25]


def test_downscale_limits_the_long_side():
    rgb = np.zeros((300, 1200, 3), np.uint8)
    assert downscale(rgb, 600).shape == (150, 600, 3)
    assert downscale(rgb, 2000) is rgb


def test_merge_candidates_takes_pixelwise_max():
    a = Candidate(np.full((4, 4), 0.9, np.float32), (0, 0, 4, 4), 0.8, "pose")
    b = Candidate(np.full((4, 4), 0.6, np.float32), (2, 2, 6, 6), 0.5, "selfie")
    m = merge_candidates(a, b, (8, 8))
    assert m.box == (0, 0, 6, 6) and m.source == "pose"
    assert m.prob[1, 1] == pytest.approx(0.9) and m.prob[5, 5] == pytest.approx(0.6) and m.prob[0, 5] == 0


# Up to six candidate boxes (x, y, width, height, score) on a 32x24 working image.
BOXES = st.lists(
    st.tuples(
        st.integers(0, 30), st.integers(0, 20), st.integers(2, 20), st.integers(2, 20), st.floats(0, 1)
    ),
    min_size=1,
    max_size=6,
)


def _candidates(boxes, prob) -> list:
    """Candidates for ``boxes`` (as drawn by BOXES) clipped to the 32x24 working image; prob(h, w)
    gives each one's probabilities."""
    cands = []
    for x, y, bw, bh, score in boxes:
        x1, y1 = min(32, x + bw), min(24, y + bh)
        if x1 > x and y1 > y:
            cands.append(Candidate(prob(y1 - y, x1 - x).astype(np.float32), (x, y, x1, y1), score, "t"))
    return cands


@settings(max_examples=40, deadline=None)
@given(
    BOXES,
    st.integers(0, 2**31 - 1),
    st.sampled_from([(24, 32), (50, 70), (97, 131)]),
)
def test_exclusive_full_masks_never_overlap_and_follow_the_candidates(boxes, seed, full_shape):
    rng = np.random.default_rng(seed)
    work = (24, 32)
    cands = _candidates(boxes, lambda h, w: rng.random((h, w)))
    masks = exclusive_full_masks(cands, work, full_shape, 0.5)
    assert len(masks) == len(cands)
    total = np.zeros(full_shape, int)
    sy, sx = full_shape[0] / work[0], full_shape[1] / work[1]
    for cand, mask in zip(cands, masks, strict=True):
        if mask is None:
            continue
        assert mask.shape == full_shape and mask.dtype == bool
        total += mask
        x0, y0, x1, y1 = cand.box  # a mask stays within its candidate's box, one working pixel of slack
        ys, xs = np.nonzero(mask)
        assert xs.min() >= (x0 - 1) * sx - 1 and xs.max() <= (x1 + 1) * sx
        assert ys.min() >= (y0 - 1) * sy - 1 and ys.max() <= (y1 + 1) * sy
    assert total.max() <= 1


def _dense_exclusive_masks(cands, work_shape, full_shape, threshold):
    """The plain form of exclusive_full_masks: every candidate on a full canvas, one argmax."""
    import cv2

    stack = np.stack([c.full(work_shape) for c in cands])
    owner = np.argmax(stack + np.array([c.score for c in cands], np.float32)[:, None, None] * 1e-4, axis=0)
    anyone = (stack > threshold).any(axis=0)
    claimed, out = np.zeros(full_shape, bool), []
    for i in range(len(cands)):
        owned = np.where(owner == i, stack[i], 0.0).astype(np.float32)
        mine = owned > threshold
        owned[fill_holes(mine, anyone & (owner != i)) & ~mine] = 1.0
        big = cv2.resize(owned, full_shape[::-1], interpolation=cv2.INTER_LINEAR) > threshold
        big &= ~claimed
        claimed |= big
        out.append(big if big.any() else None)
    return out


@settings(max_examples=40, deadline=None)
@given(
    BOXES,
    st.integers(0, 2**31 - 1),
)
def test_exclusive_full_masks_equal_one_dense_argmax_over_all_candidates(boxes, seed):
    # Owners are computed box by box; at the working size they must be those of one argmax over
    # every candidate pasted on a full canvas (ties to the higher score, then to the first).
    rng = np.random.default_rng(seed)
    work = (24, 32)
    cands = _candidates(boxes, lambda h, w: rng.choice([0.0, 0.3, 0.6, 0.9], (h, w)))  # many ties
    got = exclusive_full_masks(cands, work, work, 0.5)
    want = _dense_exclusive_masks(cands, work, work, 0.5)
    for a, b in zip(got, want, strict=True):
        assert (a is None and b is None) or (a is not None and b is not None and (a == b).all())


def test_exclusive_full_masks_strongest_pixel_wins():
    strong = Candidate(np.full((10, 10), 0.9, np.float32), (0, 0, 10, 10), 0.1, "a")
    weak = Candidate(np.full((10, 10), 0.7, np.float32), (5, 0, 15, 10), 0.9, "b")
    a, b = exclusive_full_masks([strong, weak], (10, 20), (20, 40), 0.5)
    assert a[:, :20].all() and not a[:, 20:].any()
    assert b[:, 20:30].all() and not b[:, :20].any() and not b[:, 31:].any()


def test_options_are_validated():
    with pytest.raises(ValueError):
        FinderOptions(work_side=10)
    with pytest.raises(ValueError):
        FinderOptions(mask_threshold=1.5)
    with pytest.raises(ValueError):
        FinderOptions(min_area=-0.1)
    with pytest.raises(ValueError, match="fine_face_side"):
        FinderOptions(fine_face_side=10)
    with pytest.raises(ValueError, match="small_face_threshold"):
        FinderOptions(small_face_threshold=0.0)
    assert FinderOptions(fine_face_side=0, small_faces=False).fine_face_side == 0


class _OneBoxBackend:
    """A tiny real backend: every non-black pixel is one person."""

    device = "test"

    def __init__(self, options):
        self.options = options

    def find(self, rgb):
        mask = rgb.any(axis=2)
        box = mask_bbox(mask)
        return [] if box is None else [Person(box=box, mask=mask, source="test")]

    def segment_box(self, rgb, box):
        return None


def test_registry_plugs_a_backend_into_people_finder():
    register_backend("one-box", _OneBoxBackend)
    try:
        finder = PeopleFinder("one-box", FinderOptions(work_side=256))
        assert finder.device == "test" and finder._backend.options.work_side == 256
        rgb = np.zeros((20, 30, 3), np.uint8)
        rgb[5:10, 7:9] = 255
        (person,) = finder.set_image(rgb)
        assert person.box == (7, 5, 9, 10)
    finally:
        BACKENDS.pop("one-box")
    with pytest.raises(ValueError, match="unknown people backend 'one-box'; known: embedded"):
        PeopleFinder("one-box")
    with pytest.raises(ValueError):
        register_backend("bad name!", _OneBoxBackend)


def test_merge_faces_drops_second_boxes_of_the_same_face():
    from rpipp_gui.people.faces import Face, merge_faces

    big = Face((100, 100, 200, 220), 0.9)
    other = Face((400, 100, 480, 200), 0.8)
    inner = Face((130, 140, 170, 190), 0.95, source="mediapipe")  # IoU with big < 0.3
    new = Face((600, 100, 660, 170), 0.7, source="mediapipe")
    merged = merge_faces([big, other], [inner, new])
    assert merged == [big, other, new]


def test_upside_down_pose():
    from rpipp_gui.people.regions import upside_down

    kp = np.zeros((33, 3), np.float32)
    kp[[11, 12], :2] = [[40, 100], [60, 100]]  # shoulders
    kp[[23, 24], :2] = [[42, 180], [58, 180]]  # hips below: standing
    assert not upside_down(kp)
    kp[[23, 24], 0] = [120, 120]
    kp[[23, 24], 1] = [105, 105]  # lying on the side
    assert not upside_down(kp)
    kp[[23, 24], :2] = [[42, 20], [58, 20]]  # hips above the shoulders
    assert upside_down(kp)


def test_drop_detached_keeps_the_body_and_near_or_big_parts():
    from rpipp_gui.people.person_masks import drop_detached

    prob = np.zeros((320, 100), np.float32)
    prob[10:150, 30:70] = 0.9  # body
    prob[152:160, 40:50] = 0.8  # a foot just below: near
    prob[185:195, 5:25] = 0.8  # a blob far below: dropped
    prob[20:120, 80:98] = 0.7  # a big part apart (an arm behind an occluder): kept
    prob[240:320, 20:80] = 0.8  # as big, but a body height below (legs painted mid-air): dropped
    out = drop_detached(prob, 0.5)
    assert out[100, 50] == pytest.approx(0.9) and out[155, 45] == pytest.approx(0.8)
    assert out[190, 10] == 0.0 and out[50, 90] == pytest.approx(0.7) and out[280, 50] == 0.0
    assert prob[190, 10] == pytest.approx(0.8)  # input untouched


def test_quiet_native_stderr_silences_fd2_and_restores_it(capfd):
    import os

    from rpipp_gui.people.mp_models import quiet_native_stderr

    os.write(2, b"before\n")
    with quiet_native_stderr():
        os.write(2, b"native chatter\n")
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "before\nafter\n"
    with pytest.raises(RuntimeError), quiet_native_stderr():
        raise RuntimeError("propagates")
    os.write(2, b"restored\n")
    assert capfd.readouterr().err == "restored\n"


def test_fill_holes_fills_enclosed_holes_and_short_notches_at_the_border():
    mask = np.zeros((60, 80), bool)
    mask[10:60, 0:40] = True  # a person cut by the left and bottom borders
    mask[20:24, 10:14] = False  # a hole inside
    mask[30:33, 0:5] = False  # a short notch open to the left border only
    mask[50:60, 18:22] = False  # a notch open to the bottom border
    mask[40:45, 20:25] = False  # a hole that another person's pixels lie in
    other = np.zeros_like(mask)
    other[42, 22] = True
    filled = fill_holes(mask, blocked=other)
    assert filled[20:24, 10:14].all() and filled[30:33, 0:5].all() and filled[50:60, 18:22].all()
    assert not filled[40:45, 20:25].any()
    assert (filled & ~mask).sum() == 16 + 15 + 40
    # Background beside the person, open to the rest of the photo, and large holes stay.
    assert not filled[:, 40:].any() and not filled[:10].any()
    ring = np.zeros((60, 60), bool)
    ring[10:50, 10:50] = True
    ring[15:45, 15:45] = False
    assert not fill_holes(ring)[20:40, 20:40].any()  # the hole is larger than the ring
    assert not fill_holes(np.zeros((5, 5), bool)).any()


def test_a_face_cut_by_a_border_is_completed_to_its_usual_shape():
    from rpipp_gui.people.faces import Face, whole_face_box

    assert whole_face_box(Face((10, 20, 40, 60), 0.9), (100, 100)) == (10, 20, 40, 60)
    x0, y0, x1, y1 = whole_face_box(Face((10, 0, 40, 12), 0.9), (100, 100))  # cut by the top
    assert (x0, x1, y1) == (10, 40, 12) and y0 == pytest.approx(12 - 40)
    x0, y0, x1, y1 = whole_face_box(Face((90, 20, 100, 60), 0.9), (100, 100))  # cut on the right
    assert (x0, y0, y1) == (90, 20, 60) and x1 == pytest.approx(120)


def _python_prints(code: str, timeout: float) -> list[str]:
    """The words a fresh Python process running ``code`` prints (it must exit 0)."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.split()


def test_mediapipe_is_imported_without_its_drawing_and_audio_helpers():
    # mediapipe's drawing helpers import matplotlib.pyplot and its audio tasks sounddevice (~0.4 s
    # of a cold start, matplotlib itself included); the finder uses neither, so they load on first
    # real use only, and then completely (a submodule, the package's data).

    code = (
        "import sys, types\n"
        "from rpipp_gui.people.mp_models import import_mediapipe\n"
        "mp = import_mediapipe()\n"
        "assert mp.solutions.pose.Pose is not None\n"
        "names = ('matplotlib.pyplot', 'matplotlib', 'sounddevice')\n"
        "print(*(type(sys.modules[n]).__name__ for n in names))\n"
        "import matplotlib.cbook\n"
        "assert matplotlib.cbook.get_sample_data('grace_hopper.jpg') is not None\n"
        "import matplotlib\n"
        "assert type(sys.modules['matplotlib']) is types.ModuleType and matplotlib.get_data_path()\n"
        "import matplotlib.pyplot as plt\n"
        "assert callable(plt.figure) and callable(matplotlib.pyplot.figure)\n"
        "assert type(sys.modules['matplotlib.pyplot']) is types.ModuleType\n"
        "print('ok')\n"
    )
    assert _python_prints(code, timeout=120) == ["_Deferred", "_Deferred", "_Deferred", "ok"]


def test_models_load_ahead_once_on_a_thread_the_process_waits_for():
    from rpipp_gui.people.embedded import EmbeddedBackend

    backend = EmbeddedBackend()
    backend._load_ahead()
    loading = backend._loading
    assert loading is not None and not loading.daemon  # a process ending early waits for it
    backend._load_ahead()
    assert backend._loading is loading  # once
    loading.join(120)
    assert not loading.is_alive()
    assert backend.models._pose is not None and backend.bodies._model is not None
    assert backend.find(np.full((120, 160, 3), 127, np.uint8)) == []


def test_a_deferred_module_asked_first_for_a_child_of_a_deferred_package_does_not_hang():
    # 'import matplotlib.pyplot' with matplotlib itself still deferred: the stand-in for pyplot
    # imports pyplot, whose import asks the matplotlib stand-in for its path while the first holds
    # the lock. With a plain lock that hung for ever, and so did pytest reporting any failure once
    # mediapipe was loaded (inspect.getmodule asks every module in sys.modules for __file__).

    code = (
        "import inspect, sys\n"
        "from rpipp_gui.people.mp_models import import_mediapipe\n"
        "import_mediapipe()\n"
        "print(type(sys.modules['matplotlib']).__name__)\n"
        "inspect.getmodule(inspect.getmodule)\n"
        "import matplotlib.pyplot as plt\n"
        "assert callable(plt.figure)\n"
        "print('ok')\n"
    )
    assert _python_prints(code, timeout=60) == ["_Deferred", "ok"]
