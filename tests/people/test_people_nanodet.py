"""NanoDet, the second body detector (rpipp_gui/people/nanodet.py): its decoding, which of its boxes
join the SSD's bodies, and the real model on photos with and without people."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from rpipp_gui.imaging.boxes import share_inside
from rpipp_gui.people.nanodet import (
    BINS,
    CLASSES,
    COCO_NAMES,
    SIDE,
    STRIDES,
    NanoDet,
    NanoDetOptions,
    agreed,
    decode,
    decode_classes,
    fills_photo,
    new_boxes,
)
from rpipp_gui.people.person import box_iou

NO_PEOPLE = Path(__file__).resolve().parent / "data" / "no_people"
MORE = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "real_people_more"


def _outputs(cell: int, stride: int, dists: tuple[int, int, int, int], score: float) -> list[np.ndarray]:
    """The six output arrays with one person in grid cell ``cell`` of ``stride``: its four sides
    ``dists`` bins away from the cell centre (one-hot distributions); another class scores 0.99
    in the same cell."""
    return _things([(cell, 0, dists, score), (cell, 1, dists, 0.99)], stride)[::-1]  # any order


def test_decode_reads_one_box_from_its_cell_and_bins():
    n = SIDE // 16
    cell = 10 * n + 7  # row 10, column 7: centre (120, 168) of the 416 input
    boxes, scores = decode(_outputs(cell, 16, (2, 3, 4, 5), 0.8), (SIDE * 2, SIDE), 0.3)
    assert scores.tolist() == pytest.approx([0.8])
    # x: 120 - 32, 120 + 64; y: 168 - 48, 168 + 80, then y doubled (the image is twice as tall)
    assert boxes[0] == pytest.approx([88, 240, 184, 496], abs=0.01)
    boxes, scores = decode(_outputs(cell, 16, (2, 3, 4, 5), 0.2), (SIDE, SIDE), 0.3)
    assert boxes.shape == (0, 4) and scores.shape == (0,)


def _things(cells: list[tuple], stride: int = 16) -> list[np.ndarray]:
    """The six output arrays with one box per (cell, class, bins, score) of ``stride``: its four
    sides ``bins`` bins away from the cell centre (one int for all four, or four; one-hot
    distributions)."""
    outs = []
    for s in STRIDES:
        n = (SIDE // s) ** 2
        cls = np.zeros((1, n, CLASSES), np.float32)
        reg = np.full((1, n, 4 * BINS), -20.0, np.float32)
        reg[..., ::BINS] = 20.0
        if s == stride:
            for cell, column, d, score in cells:
                cls[0, cell, column] = score
                reg[0, cell] = -20.0
                for side, k in enumerate((d,) * 4 if isinstance(d, int) else d):
                    reg[0, cell, side * BINS + k] = 20.0
        outs += [cls, reg]
    return outs


def test_decode_classes_reads_several_classes_each_from_its_floor():
    tie, ball, cup = COCO_NAMES.index("tie"), COCO_NAMES.index("sports ball"), COCO_NAMES.index("cup")
    n = SIDE // 16
    outs = _things(
        [
            (5 * n + 5, tie, 2, 0.5),
            (5 * n + 6, tie, 2, 0.45),  # the same tie again, one cell over: NMS keeps one
            (5 * n + 6, ball, 2, 0.45),  # a ball there too: another class, no NMS against the tie
            (20 * n + 20, cup, 1, 0.3),  # under the cups' floor
            (20 * n + 2, 0, 3, 0.9),  # a person: not asked for
        ]
    )
    boxes, scores, classes = decode_classes(outs, (SIDE, SIDE), {tie: 0.4, ball: 0.4, cup: 0.35})
    assert [COCO_NAMES[c] for c in classes] == ["tie", "sports ball"]
    assert scores.tolist() == pytest.approx([0.5, 0.45])
    # cell (5, 5) of stride 16: centre (88, 88), 2 bins = 32 px each side
    assert boxes[0] == pytest.approx([56, 56, 120, 120], abs=0.01)
    assert boxes.dtype == np.float32 and classes.dtype == np.int64
    # a lower floor lets the cup in; the person column is the person path's, untouched
    _, _, classes = decode_classes(outs, (SIDE, SIDE), {cup: 0.25})
    assert classes.tolist() == [cup]
    person, _ = decode(outs, (SIDE, SIDE), 0.5)
    assert len(person) == 1
    # ``decode`` reads any one class as well
    ties, tie_scores = decode(outs, (SIDE, SIDE), 0.4, column=tie)
    assert tie_scores.tolist() == pytest.approx([0.5]) and ties[0] == pytest.approx([56, 56, 120, 120])
    empty = decode_classes(outs, (SIDE, SIDE), {})
    assert [a.shape for a in empty] == [(0, 4), (0,), (0,)]


def test_decode_clips_to_the_image():
    boxes, _ = decode(_outputs(0, 32, (10, 10, 1, 1), 0.9), (100, 200), 0.5)
    x0, y0, x1, y1 = boxes[0]
    assert x0 == 0 and y0 == 0 and 0 < x1 <= 200 and 0 < y1 <= 100


def test_options_refuse_a_large_floor_above_accept():
    with pytest.raises(ValueError):
        NanoDetOptions(accept=0.3, large=(0.4, 0.1))


_coord = st.floats(0, 400, allow_nan=False)


@st.composite
def _boxes(draw):
    x0, y0 = draw(_coord), draw(_coord)
    return (x0, y0, x0 + draw(st.floats(1, 200)), y0 + draw(st.floats(1, 200)))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(_boxes(), st.floats(0, 1, width=32)), max_size=8),
    st.lists(_boxes(), max_size=6),
)
def test_new_boxes_are_strong_enough_and_none_of_the_known(detections, known):
    opts = NanoDetOptions()
    boxes = np.array([b for b, _ in detections], np.float32).reshape(-1, 4)
    scores = np.array([s for _, s in detections], np.float32)
    shape = (600, 800)
    out = new_boxes(boxes, scores, known, shape, opts)
    assert len(out) <= len(detections)
    for box, score in out:
        height = box[3] - box[1]
        assert height >= opts.min_height * shape[0]
        assert score >= opts.accept or (score >= opts.large[0] and height >= opts.large[1] * shape[0])
        for k in known:
            assert box_iou(box, k) < opts.drop_iou
            holds = share_inside(k, box) >= opts.part_of and k[3] - k[1] >= 0.5 * (box[3] - box[1])
            assert not holds
    # a known box seen again by NanoDet never comes back as new
    again = new_boxes(
        np.array(known, np.float32).reshape(-1, 4), np.ones(len(known), np.float32), known, shape, opts
    )
    assert again == []


def test_a_box_overlapping_a_known_one_only_partly_is_a_body_of_its_own():
    # real_people_pkg8 argon_img-1: the SSD's box straddles two walkers (IoU 0.56 with NanoDet's
    # 0.70 box on the woman in the white coat); taken as "the same person", she was missed
    ssd_box = (356.0, 485.0, 426.0, 666.0)
    her = (374.0, 517.0, 431.0, 672.0)
    assert NanoDetOptions().same_iou <= box_iou(her, ssd_box) < NanoDetOptions().drop_iou
    opts, shape = NanoDetOptions(), (853, 1024)
    out = new_boxes(np.array([her], np.float32), np.array([0.70], np.float32), [ssd_box], shape, opts)
    assert [b for b, _ in out] == [her]
    # the same box seen again (IoU >= drop_iou) is the SSD body's person
    again = new_boxes(np.array([ssd_box], np.float32), np.array([0.9], np.float32), [ssd_box], shape, opts)
    assert again == []


@pytest.mark.slow
def test_a_nanodet_box_between_two_people_makes_nobody_new():
    # vtest_0050 of the "more" photos: NanoDet's box straddles the two people the SSD found either
    # side of the sign; it once grew one into the other. A NanoDet body holding someone found makes
    # nobody, so the three people stay three, none false or duplicated.
    from rpipp_gui.people.annotations import read_people, score_photo
    from rpipp_gui.people.finder import PeopleFinder

    more = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "real_people_more"
    rgb = np.asarray(Image.open(more / "vtest_0050.png").convert("RGB"))
    people = PeopleFinder().set_image(rgb)
    score = score_photo(read_people(more / "people.tsv")["vtest_0050.png"], [p.box for p in people], None)
    assert all(score.found) and not score.false and not score.duplicates, score


def test_a_weak_box_joins_only_when_large_and_the_large_band_is_asked_for():
    boxes = np.array([[10, 10, 30, 40], [100, 10, 160, 200]], np.float32)  # 30 and 190 px of 600
    scores = np.array([0.36, 0.36], np.float32)
    opts = NanoDetOptions(large=(0.35, 0.1))
    out = new_boxes(boxes, scores, [], (600, 800), opts)
    assert [b for b, _ in out] == [(100.0, 10.0, 160.0, 200.0)]
    assert new_boxes(boxes, scores, [], (600, 800), NanoDetOptions()) == []  # off by default


def test_a_box_filling_the_photo_is_told():
    opts = NanoDetOptions()
    assert fills_photo((2.0, 1.0, 451.0, 300.0), (300, 451), opts)  # chelsea's cat
    assert not fills_photo((0.0, 568.0, 72.0, 839.0), (1080, 810), opts)  # bus.jpg's cut man


@pytest.fixture(scope="module")
def nanodet():
    return NanoDet()


@pytest.mark.parametrize("photo", sorted(p.name for p in NO_PEOPLE.iterdir() if p.suffix in (".jpg", ".png")))
def test_nanodet_sees_nobody_on_photos_of_things(nanodet, photo):
    rgb = np.asarray(Image.open(NO_PEOPLE / photo).convert("RGB"))
    opts = nanodet.options
    boxes, scores = nanodet.detect(rgb, opts.large[0])
    assert new_boxes(boxes, scores, [], rgb.shape[:2], opts) == []


def test_the_finder_and_the_things_share_one_nanodet():
    from rpipp_gui.people.embedded import EmbeddedBackend
    from rpipp_gui.people.nanodet import shared_nanodet

    assert EmbeddedBackend().nanodet is shared_nanodet()
    assert shared_nanodet(NanoDetOptions(threads=NanoDetOptions().threads + 1)) is not shared_nanodet()


def test_nanodet_sees_the_man_behind_the_chessboard(nanodet):
    # right04.jpg p1 (205, 225, 552, 480): NanoDet 0.50; the SSD's boxes of him were dropped
    rgb = np.asarray(Image.open(MORE / "right04.jpg").convert("RGB"))
    boxes, scores = nanodet.detect(rgb, 0.4)
    assert any(box_iou(tuple(b), (205, 225, 552, 480)) >= 0.5 for b in boxes)


def test_a_changed_model_file_is_refused_before_loading(tmp_path, monkeypatch):
    from rpipp_gui.errors import ModelError
    from rpipp_gui.vendored import manifest, models_dir

    entry = manifest()["person_detector_nanodet"]
    assert entry.licence == "Apache-2.0" and entry.file == "nanodet.onnx"
    (tmp_path / "MANIFEST.json").write_bytes((models_dir() / "MANIFEST.json").read_bytes())
    data = bytearray((models_dir() / entry.file).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (tmp_path / entry.file).write_bytes(bytes(data))
    monkeypatch.setenv("RPIPP_MODELS_DIR", str(tmp_path))
    with pytest.raises(ModelError, match="does not match"):
        NanoDet().detect(np.zeros((32, 32, 3), np.uint8), 0.4)


def test_an_ssd_body_nanodet_sees_too_takes_the_better_score():
    opts = NanoDetOptions()
    ssd = [((24.0, 426.0, 106.0, 480.0), 0.43), ((200.0, 10.0, 260.0, 200.0), 0.6)]
    boxes = np.array([[15, 431, 108, 480], [205, 12, 258, 198], [400, 0, 500, 100]], np.float32)
    # studentsSample's p4 (pkg3): SSD 0.43, NanoDet 0.54; a weaker NanoDet box lowers nothing
    assert agreed(ssd, boxes, np.array([0.54, 0.45, 0.9], np.float32), opts) == pytest.approx([0.54, 0.6])
    # below accept NanoDet's word does not count
    assert agreed(ssd, boxes, np.array([0.39, 0.39, 0.9], np.float32), opts) == pytest.approx([0.43, 0.6])


@pytest.mark.slow
def test_the_finder_finds_a_person_only_nanodet_sees():
    # bus.jpg p1 (pkg2): a person in a camouflage coat cut by the left border; the SSD sees no box
    # there, NanoDet 0.50; pose / selfie segmentation give the mask
    from pkg_photos import PKG2, pkg_photo

    from rpipp_gui.people.annotations import read_people, score_photo
    from rpipp_gui.people.finder import PeopleFinder
    from rpipp_gui.people.options import FinderOptions

    path = pkg_photo("bus.jpg", PKG2)
    finder = PeopleFinder(options=FinderOptions(use_nanodet=True))
    annotated = read_people(PKG2 / "people.tsv")["images/bus.jpg"]
    people = finder.set_image(np.asarray(Image.open(path).convert("RGB")))
    score = score_photo(annotated, [p.box for p in people], None)
    assert score.found[0], score
    assert not score.false and not score.duplicates, score


@pytest.mark.slow
@pytest.mark.parametrize("name", ["sample2.jpg", "sample5.jpg"])
def test_nanodet_adds_people_and_never_changes_those_found_without_it(name):
    # pkg sample2 / sample5: NanoDet boxes around people the faces found; when such a box grew their
    # masks (3-8 %, into the neighbours' dresses) two colour sentences failed. A box only NanoDet
    # sees makes new people only.
    from pkg_photos import pkg_photo

    from rpipp_gui.people.finder import PeopleFinder
    from rpipp_gui.people.options import FinderOptions

    rgb = np.asarray(Image.open(pkg_photo(name)).convert("RGB"))
    on = PeopleFinder(options=FinderOptions()).set_image(rgb)
    off = PeopleFinder(options=FinderOptions(use_nanodet=False)).set_image(rgb)
    assert len(on) >= len(off) >= 3
    for person in off:
        same = [p for p in on if p.box == person.box]
        assert same and np.array_equal(same[0].mask, person.mask)
