"""Bad options and odd photos through ``rpipp`` (issue 14): one line, exit 2 (or 3 for nobody),
inputs untouched, nothing left behind."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from rpipp_gui.cli import main

RUN = [sys.executable, "-c", "import sys; from rpipp_gui.cli import main; sys.exit(main())"]


def rpipp(*args, cwd=None):
    """Run rpipp as a real process; returns (exit code, stdout, stderr)."""
    import os

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    r = subprocess.run([*RUN, *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)
    return r.returncode, r.stdout, r.stderr


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def scene(tmp_path):
    rgb = np.random.default_rng(3).integers(0, 255, (60, 80, 3), dtype=np.uint8)
    photo = tmp_path / "good.jpg"
    Image.fromarray(rgb).save(photo)
    mask = np.zeros((60, 80, 3), np.uint8)
    mask[10:30, 10:40] = (200, 30, 60)  # an RGB mask: a black/white rewrite would be visible
    Image.fromarray(mask).save(tmp_path / "m.png")
    return photo, tmp_path / "m.png"


def test_mask_out_naming_the_input_mask_is_refused(scene, tmp_path, capsys):
    photo, mask = scene
    before = digest(mask)
    code = main(
        ["protect", str(photo), "--mask", str(mask), "--mask-out", str(mask), "-o", str(tmp_path / "y.jpg")]
    )
    err = capsys.readouterr().err
    assert code == 2 and "would overwrite the input mask" in err and err.count("\n") == 1
    assert digest(mask) == before and not (tmp_path / "y.jpg").exists()


def test_mask_out_through_another_name_of_the_mask_is_refused(scene, tmp_path, capsys):
    photo, mask = scene
    link = tmp_path / "link.png"
    link.hardlink_to(mask)
    before = digest(mask)
    assert main(["protect", str(photo), "--mask", str(mask), "--mask-out", str(link)]) == 2
    assert digest(mask) == before


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--feather", "inf"),
        ("--feather", "-inf"),
        ("--feather", "nan"),
        ("--feather", "1e309"),
        ("--feather", "1e6"),
        ("--feather", "-1"),
        ("--strength", "nan"),
        ("--strength", "inf"),
        ("--quality", "1e3"),
    ],
)
def test_non_finite_and_absurd_values_are_refused_in_one_line(scene, capsys, option, value):
    photo, mask = scene
    with pytest.raises(SystemExit) as e:
        main(["protect", str(photo), "--mask", str(mask), option, value])
    err = capsys.readouterr().err
    assert e.value.code == 2 and err.count("\n") == 1 and option in err
    assert not list(photo.parent.glob("*.protected.*"))


def test_feather_inf_as_a_real_process(scene):
    photo, mask = scene
    code, out, err = rpipp("protect", photo, "--mask", mask, "--feather", "inf")
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("size", [(1, 1), (1, 2000), (3000, 1), (2, 2000), (5000, 40)])
def test_tiny_and_thin_photos_find_nobody(tmp_path, capsys, size):
    w, h = size
    photo = tmp_path / f"t{w}x{h}.png"
    Image.fromarray(np.full((h, w, 3), 120, np.uint8)).save(photo)
    assert main(["people", str(photo)]) == 0
    captured = capsys.readouterr()
    assert "0 people found" in captured.out and "too" in captured.err
    assert main(["protect", str(photo), "--say", "the man on the left"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "found nobody" in err
    assert not list(tmp_path.glob("*.protected.*"))


def test_tiny_photo_as_a_real_process(tmp_path):
    photo = tmp_path / "one.png"
    Image.fromarray(np.zeros((1, 1, 3), np.uint8)).save(photo)
    code, out, err = rpipp("people", photo, "--json")
    assert code == 0 and '"people": []' in out and "Traceback" not in err
    code, out, err = rpipp("protect", photo, "--say", "everyone")
    assert code == 3 and "Traceback" not in err and out == ""


def test_info_says_a_jpeg_is_truncated(scene, tmp_path, capsys):
    photo, _ = scene
    cut = tmp_path / "cut.jpg"
    data = photo.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    assert main(["info", str(cut)]) == 0
    captured = capsys.readouterr()
    assert "truncated" in captured.out and "truncated" in captured.err
    assert main(["info", str(cut), "--json"]) == 0
    assert '"damage": "truncated' in capsys.readouterr().out
    assert main(["info", str(photo), "--json"]) == 0
    assert '"damage": ""' in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["PNG", "GIF", "WEBP"])
def test_info_says_other_formats_are_truncated(tmp_path, capsys, fmt):
    p = tmp_path / f"x.{fmt.lower()}"
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (50, 50, 3), dtype=np.uint8)).save(p, fmt)
    data = p.read_bytes()
    p.write_bytes(data[: len(data) - 20])
    code = main(["info", str(p)])
    captured = capsys.readouterr()
    # Pillow cannot even open a cut WebP: then it is an error that says why
    said = captured.out if code == 0 else captured.err
    assert code in (0, 2) and "truncated" in said


def test_heic_photos_open_or_name_their_format(tmp_path):
    from rpipp_gui.errors import ImageLoadError
    from rpipp_gui.imaging import load_image
    from rpipp_gui.imaging.opening import HEIF_SUPPORTED

    p = tmp_path / "phone.heic"
    rgb = np.random.default_rng(2).integers(0, 255, (40, 56, 3), dtype=np.uint8)
    if HEIF_SUPPORTED:
        Image.fromarray(rgb).save(p, "HEIF")
        assert load_image(p).rgb.shape == (40, 56, 3)
        p.write_bytes(p.read_bytes()[:40])
    else:
        p.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
    with pytest.raises(ImageLoadError, match="HEIC/HEIF|cannot read"):
        load_image(p)


@pytest.mark.parametrize(
    "argv",
    [
        ["bogus"],
        [],
        ["eval", "x.toml", "--threshold", "nan"],
        ["eval", "x.toml", "--limit", "-1"],
        ["train", "x.toml", "--epochs", "0"],
        ["train", "x.toml", "--max-minutes", "inf"],
        ["people"],
        ["transcribe"],
    ],
)
def test_every_usage_error_is_one_line(argv, capsys):
    with pytest.raises(SystemExit) as e:
        main(argv)
    err = capsys.readouterr().err
    assert e.value.code == 2 and err.count("\n") == 1 and "usage:" not in err


@pytest.mark.parametrize(
    ("supported", "words"), [(True, "damaged HEIC/HEIF"), (False, "need the pillow-heif")]
)
def test_unreadable_heic_names_the_format(tmp_path, monkeypatch, supported, words):
    from rpipp_gui.errors import ImageLoadError
    from rpipp_gui.imaging import load_image, opening

    monkeypatch.setattr(opening, "HEIF_SUPPORTED", supported)
    p = tmp_path / "bad.heic"
    p.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"junk" * 10)
    with pytest.raises(ImageLoadError, match=words):
        load_image(p)
