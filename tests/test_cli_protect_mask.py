"""``rpipp protect PHOTO --mask M.png``: the whole flow, from the CLI and as a real process."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imaging_helpers import astronaut, private_strings_in, write_private_jpeg
from PIL import Image

from rpipp_gui.cli import main
from rpipp_gui.cli.parsing import rgb_color
from rpipp_gui.imaging import STYLES, load_image, read_info

RGB = np.ascontiguousarray(astronaut()[::2, ::2])  # 256x256


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def scene(tmp_path):
    photo = write_private_jpeg(tmp_path / "photo.jpg", RGB)
    mask = np.zeros((256, 256), np.uint8)
    mask[30:100, 80:140] = 255
    Image.fromarray(mask).save(tmp_path / "mask.png")
    return photo, tmp_path / "mask.png", mask.astype(bool)


@pytest.mark.parametrize("style", STYLES)
def test_each_style_strips_metadata_and_keeps_the_source(scene, style, capsys):
    photo, mask_path, mask = scene
    before = sha256(photo)
    out = photo.with_name(f"out-{style}.png")
    assert main(["protect", str(photo), "--mask", str(mask_path), "--style", style, "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert sha256(photo) == before
    assert main(["info", str(out), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert not (
        info["has_exif"] or info["has_gps"] or info["has_xmp"] or info["has_iptc"] or info["has_comment"]
    )
    assert private_strings_in(out.read_bytes()) == []
    protected = load_image(out).rgb
    source = load_image(photo).rgb
    np.testing.assert_array_equal(protected[~mask], source[~mask])  # PNG output: lossless
    assert np.any(protected[mask] != source[mask], axis=1).mean() > 0.9


def test_default_output_name_solid_mask_out_and_explain(scene, capsys):
    photo, mask_path, mask = scene
    code = main(
        [
            "protect",
            str(photo),
            "--mask",
            str(mask_path),
            "--mask-out",
            str(photo.parent / "used.png"),
            "--explain",
        ]
    )
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    out = photo.with_name("photo.protected.jpg")
    assert lines[0] == str(out)
    assert "4200 pixels" in lines[1] and "style solid" in lines[1]
    info = read_info(out)
    assert info.metadata_found == () and not info.has_gps
    filled = load_image(out).rgb[mask].astype(int)  # a flat fill in the colour around the mask
    assert (np.abs(filled - np.median(filled, axis=0)) < 40).all()  # (JPEG noise allowed)
    np.testing.assert_array_equal(np.asarray(Image.open(photo.parent / "used.png")) > 0, mask)


def test_overwriting_the_source_is_refused(scene, capsys):
    photo, mask_path, _ = scene
    before = sha256(photo)
    assert main(["protect", str(photo), "--mask", str(mask_path), "-o", str(photo)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refusing to overwrite the source photo" in err
    assert sha256(photo) == before


def test_bad_mask_size_fails_cleanly(scene, capsys):
    photo, _, _ = scene
    Image.fromarray(np.zeros((10, 10), np.uint8)).save(photo.parent / "small.png")
    out = photo.parent / "out.jpg"
    assert main(["protect", str(photo), "--mask", str(photo.parent / "small.png"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "10x10 but the photo is 256x256" in err
    assert not out.exists()
    assert sorted(p.name for p in photo.parent.iterdir()) == ["mask.png", "photo.jpg", "small.png"]


@pytest.mark.parametrize(
    "extra,message",
    [
        (["-o", "out.gif"], "suffix '.gif'"),
        (["--mask-out", "photo.jpg"], "use a .png name"),
        (["--mask-out", "mask.png", "-o", "mask.png"], "mask"),
    ],
)
def test_bad_output_paths(scene, capsys, monkeypatch, extra, message):
    photo, mask_path, _ = scene
    monkeypatch.chdir(photo.parent)
    before = sorted(p.name for p in photo.parent.iterdir())
    assert main(["protect", "photo.jpg", "--mask", "mask.png", *extra]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert sorted(p.name for p in photo.parent.iterdir()) == before


def test_missing_photo_and_missing_mask(scene, capsys):
    photo, mask_path, _ = scene
    assert main(["protect", str(photo.parent / "nope.jpg"), "--mask", str(mask_path)]) == 2
    assert "nope.jpg: no such file" in capsys.readouterr().err
    assert main(["protect", str(photo), "--mask", str(photo.parent / "nomask.png")]) == 2
    assert "nomask.png: no such file" in capsys.readouterr().err


def test_rotated_photo_uses_displayed_size(tmp_path, capsys):
    photo = write_private_jpeg(tmp_path / "rot.jpg", RGB[:, :128], orientation=6)  # stored 128x256
    mask = np.zeros((128, 256), np.uint8)  # displayed 256 wide, 128 tall
    mask[:, :20] = 255
    Image.fromarray(mask).save(tmp_path / "m.png")
    assert (
        main(["protect", str(photo), "--mask", str(tmp_path / "m.png"), "-o", str(tmp_path / "o.png")]) == 0
    )
    assert load_image(tmp_path / "o.png").size == (256, 128)
    assert read_info(tmp_path / "o.png").orientation == 1


def test_real_process(scene):
    photo, mask_path, _ = scene
    before = sha256(photo)
    rpipp = Path(sys.executable).with_name("rpipp")
    out = photo.parent / "proc.jpg"
    done = subprocess.run(
        [str(rpipp), "protect", str(photo), "--mask", str(mask_path), "--style", "mosaic", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out) and done.stderr == ""
    assert sha256(photo) == before
    assert not read_info(out).has_gps and private_strings_in(out.read_bytes()) == []
    Image.new("L", (3, 3)).save(photo.parent / "tiny.png")
    bad = subprocess.run(
        [
            str(rpipp),
            "protect",
            str(photo),
            "--mask",
            str(photo.parent / "tiny.png"),
            "-o",
            str(photo.parent / "x.jpg"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "3x3" in bad.stderr
    assert not (photo.parent / "x.jpg").exists()


@pytest.mark.parametrize(
    "color, rgb", [("#ff0000", (255, 0, 0)), ("0,128,255", (0, 128, 255)), ("black", (0, 0, 0))]
)
def test_solid_fill_colour(scene, capsys, color, rgb):
    photo, mask_path, mask = scene
    out = photo.with_name("out.png")
    assert main(["protect", str(photo), "--mask", str(mask_path), "--color", color, "-o", str(out)]) == 0
    protected = load_image(out).rgb
    assert (protected[mask] == rgb).all()
    np.testing.assert_array_equal(protected[~mask], load_image(photo).rgb[~mask])


def test_colour_with_another_style_is_refused_before_any_work(scene, capsys):
    photo, mask_path, _ = scene
    out = photo.with_name("out.png")
    code = main(
        ["protect", str(photo), "--mask", str(mask_path), "--style", "blur", "--color", "red", "-o", str(out)]
    )
    assert code == 2 and not out.exists()
    assert "--color sets the fill of the solid style, not of blur" in capsys.readouterr().err


@settings(max_examples=60, deadline=None)
@given(st.tuples(*[st.integers(0, 255)] * 3), st.booleans())
def test_rgb_color_reads_hex_and_triples(rgb, as_hex):
    text = "#{:02X}{:02x}{:02X}".format(*rgb) if as_hex else " , ".join(map(str, rgb))
    assert rgb_color(text) == rgb


@pytest.mark.parametrize(
    "extra,message",
    [
        (["--color", "0,0,300"], "each of R,G,B must be 0..255"),
        (["--color", "chartreuse-ish"], "is not a colour: use #RRGGBB"),
        (["--strength", "2"], "--strength: 2 is outside 0..1"),
        (["--feather", "-1"], "--feather: -1 is negative"),
        (["--style", "sparkle"], "invalid choice: 'sparkle'"),
    ],
)
def test_usage_errors_are_one_line(scene, capsys, extra, message):
    photo, mask_path, _ = scene
    with pytest.raises(SystemExit) as exit_info:
        main(["protect", str(photo), "--mask", str(mask_path), *extra])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.startswith("rpipp protect: error:")


def test_a_target_is_required(scene, capsys):
    photo, _, _ = scene
    with pytest.raises(SystemExit):
        main(["protect", str(photo)])
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--mask" in err


def test_animated_gif_warns_and_defaults_to_png_keeping_transparency(tmp_path, capsys):
    frames = [Image.new("RGBA", (32, 16), (200, 30, 30, 255)), Image.new("RGBA", (32, 16), (0, 0, 200, 255))]
    frames[0].paste((0, 0, 0, 0), (0, 0, 8, 16))  # a transparent strip
    frames[0].save(tmp_path / "anim.gif", save_all=True, append_images=frames[1:], disposal=2)
    mask = np.zeros((16, 32), np.uint8)
    mask[:, 16:] = 255
    Image.fromarray(mask).save(tmp_path / "m.png")
    assert main(["protect", str(tmp_path / "anim.gif"), "--mask", str(tmp_path / "m.png")]) == 0
    captured = capsys.readouterr()
    assert "has 2 frames; only the first one is used" in captured.err and captured.err.count("\n") == 1
    out = tmp_path / "anim.protected.png"
    assert captured.out.strip() == str(out)
    loaded = load_image(out)
    assert loaded.alpha is not None and loaded.alpha[:, :8].max() == 0 and loaded.alpha[:, 8:].min() == 255
    # The fill takes the mean colour around the region (the red frame's, its transparent strip black).
    fill = loaded.rgb[:, 16:].reshape(-1, 3)
    assert (fill == fill[0]).all() and fill[0][0] > 100 and tuple(loaded.rgb[5, 12]) == (200, 30, 30)
