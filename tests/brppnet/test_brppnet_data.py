"""RPCOCO / RefCOCO loading, COCO polygon masks (on a fake COCO written here), letterboxing, flips,
vocabulary and GloVe vectors, and the torch dataset."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from rpipp_gui.brppnet import BRPPNetDims
from rpipp_gui.brppnet.data import (
    CocoMasks,
    DatasetError,
    Letterbox,
    RefRecord,
    flip_sample,
    flip_sentence,
    load_refs,
)
from rpipp_gui.brppnet.dataset import RefCocoSource, ReferringDataset
from rpipp_gui.brppnet.vocabulary import Vocabulary, load_glove, tokenize
from rpipp_gui.errors import ModelError

# ../shared beside the checkout (as on CI), not an absolute path of one machine.
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "refcoco_persons"


@pytest.fixture
def fake_coco(tmp_path):
    """Two images with two people each (polygons), an instances JSON and an RPCOCO-style ref file."""
    images_dir = tmp_path / "train2014"
    images_dir.mkdir()
    images, anns, refs = [], [], []
    for k in range(2):
        name = f"COCO_train2014_{k:012d}.jpg"
        img = np.full((60, 80, 3), 90, np.uint8)
        cv2.imwrite(str(images_dir / name), img)
        images.append({"id": k + 1, "file_name": name, "height": 60, "width": 80})
        for j, (x0, x1) in enumerate([(5, 25), (40, 70)]):
            poly = [x0, 10, x1, 10, x1, 50, x0, 50]
            anns.append(
                {
                    "id": 100 + 10 * k + j,
                    "image_id": k + 1,
                    "category_id": 1,
                    "segmentation": [poly],
                    "area": (x1 - x0) * 40,
                    "bbox": [x0, 10, x1 - x0, 40],
                    "iscrowd": 0,
                }
            )
            refs.append(
                {
                    "bbox": [x0, 10, x1, 50],
                    "cat": 0,
                    "segment_id": 7 + len(refs),
                    "img_name": name,
                    "sentences": [{"idx": 0, "sent_id": 1, "sent": f"protect privacy of the person {j}"}],
                    "sentences_num": 1,
                }
            )
    inst = tmp_path / "instances_train2014.json"
    inst.write_text(
        json.dumps({"images": images, "annotations": anns, "categories": [{"id": 1, "name": "person"}]})
    )
    ref_file = tmp_path / "refs.json"
    ref_file.write_text(json.dumps(refs))
    return images_dir, inst, ref_file


def test_shared_annotation_files_load():
    refs = load_refs(f"{SHARED}/rpcocol_train.json")
    assert len(refs) > 10000 and all(r.cat == 0 for r in refs[:100])
    assert refs[0].img_name.startswith("COCO_train2014_") and refs[0].sentences
    persons = load_refs(f"{SHARED}/refcoco_val.json", persons_only=True)
    assert 0 < len(persons) < 3811


def test_malformed_annotations_say_which_entry(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"img_name": "a.jpg", "bbox": [0, 0, 1, 1], "cat": 0, "segment_id": 1}]))
    with pytest.raises(DatasetError, match="entry 0"):
        load_refs(bad)
    with pytest.raises(DatasetError, match="cannot read"):
        load_refs(tmp_path / "missing.json")


def test_coco_polygon_masks_match_the_ref_box(fake_coco):
    images_dir, inst, ref_file = fake_coco
    refs = load_refs(ref_file)
    masks = CocoMasks(inst)
    m = masks.mask(refs[1])
    assert m.shape == (60, 80) and m.dtype == bool
    ys, xs = np.nonzero(m)
    assert 39 <= xs.min() <= 41 and 69 <= xs.max() <= 70 and 9 <= ys.min() <= 11
    assert not m[:, :30].any()
    stranger = RefRecord(refs[0].img_name, (0.0, 0.0, 4.0, 4.0), 0, 99, ("nobody",))
    with pytest.raises(DatasetError, match="matches"):
        masks.mask(stranger)


def test_refcoco_source_and_dataset(fake_coco):
    images_dir, inst, ref_file = fake_coco
    refs = load_refs(ref_file)
    src = RefCocoSource(refs, images_dir, CocoMasks(inst), expand=True)
    image, mask, sentence = src.sample(0, None)
    assert image.shape == (60, 80, 3) and mask.shape == (60, 80) and "person 0" in sentence
    vocab = Vocabulary.build(src.sentences())
    dims = BRPPNetDims.scaled(0.125, input_size=64, vocab_size=len(vocab))
    item = ReferringDataset(src, vocab, dims, flip_prob=1.0)[0]
    assert item["image"].shape == (3, 64, 64) and item["tokens"].shape == (dims.max_words,)
    assert item["target"].shape == (1, 32, 32) and set(item["target"].unique().tolist()) <= {0.0, 1.0}
    # flipped: the left person (x 5..25 of 80) now lies on the right half of the letterboxed target
    assert item["target"][0, :, 20:].sum() > 0 and item["target"][0, :, :12].sum() == 0


@settings(max_examples=30, deadline=None)
@given(h=st.integers(8, 300), w=st.integers(8, 300), size=st.sampled_from([32, 64, 96]))
def test_letterbox_keeps_masks_aligned(h, w, size):
    assume(max(h, w) <= 3 * min(h, w))  # the mask must keep a few pixels in the square
    box = Letterbox.fit((h, w), size)
    assert box.nh <= size and box.nw <= size and max(box.nh, box.nw) >= size - 1
    mask = np.zeros((h, w), bool)
    mask[h // 4 : h // 2 + 1, w // 4 : w // 2 + 1] = True
    square = box.mask(mask)
    assert square[: box.dy].sum() == 0 and square[:, : box.dx].sum() == 0
    back = box.unbox(square) >= 0.5
    assert back.shape == (h, w)
    inter, union = np.logical_and(back, mask).sum(), np.logical_or(back, mask).sum()
    assert inter / union > 0.5


def test_letterbox_image_pads_grey():
    box = Letterbox.fit((20, 40), 64)
    out = box.image(np.zeros((20, 40, 3), np.uint8))
    assert out.shape == (64, 64, 3) and out[0, 0, 0] == 128 and out[32, 32, 0] == 0


@given(st.text(alphabet=st.sampled_from(list("left right most ,.LR")), max_size=40))
def test_flip_sentence_twice_is_identity(text):
    assert flip_sentence(flip_sentence(text)) == text


def test_flip_swaps_sides_and_mirrors():
    assert flip_sentence("the man on the left, right of the leftmost kid") == (
        "the man on the right, left of the rightmost kid"
    )
    assert flip_sentence("Left of the lefty") == "Right of the lefty"
    img = np.arange(12, dtype=np.uint8).reshape(2, 2, 3)
    mask = np.array([[True, False], [False, False]])
    fi, fm, fs = flip_sample(img, mask, "the leftmost person")
    assert fm[0, 1] and not fm[0, 0] and (fi[:, 0] == img[:, 1]).all() and fs == "the rightmost person"


def test_vocabulary_and_glove(tmp_path):
    vocab = Vocabulary.build(["The man on the LEFT.", "the woman, on the right"], max_size=6)
    assert vocab.words[:2] == ("<pad>", "<unk>") and vocab.words[2] == "the" and len(vocab) == 6
    assert tokenize("Hide the man's red-shirt!") == ["hide", "the", "man's", "red", "shirt"]
    ids = vocab.encode("the zebra on the", 6)
    assert ids.tolist() == [vocab.index("the"), 1, vocab.index("on"), vocab.index("the"), 0, 0]
    glove = tmp_path / "vectors.txt"
    glove.write_text("the 1 2 3\nzebra 4 5 6\non 0.5 0.5 0.5\n")
    matrix, found = load_glove(glove, vocab, 3)
    assert found == 2 and matrix.shape == (6, 3) and (matrix[0] == 0).all()
    assert matrix[vocab.index("the")].tolist() == [1, 2, 3]
    glove.write_text("the 1 2\n")
    with pytest.raises(ModelError, match="line 1"):
        load_glove(glove, vocab, 3)
