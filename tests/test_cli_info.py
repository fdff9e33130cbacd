"""``rpipp info``: what a photo carries, as text and JSON."""

from __future__ import annotations

import json

import numpy as np
from imaging_helpers import astronaut, png_bytes, srgb_icc, write_private_jpeg
from PIL import Image

from rpipp_gui.cli import main


def test_info_reports_private_metadata(tmp_path, capsys):
    path = write_private_jpeg(tmp_path / "p.jpg", astronaut()[:40, :60], orientation=6, icc=srgb_icc())
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "GPS: present" in out and "XMP: present" in out and "IPTC: present" in out
    assert "EXIF: present (7 tags)" in out and "comment: present" in out and "ICC profile: present" in out
    assert "60 x 40" in out and "shown as 40 x 60 (EXIF orientation 6)" in out
    assert main(["info", str(path), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["has_gps"] is True and d["format"] == "JPEG" and d["orientation"] == 6
    assert (d["width"], d["height"], d["display_width"], d["display_height"]) == (60, 40, 40, 60)
    assert d["metadata_found"] == ["EXIF", "GPS", "XMP", "IPTC", "comment"]


def test_info_clean_png_and_frames(tmp_path, capsys):
    frames = [Image.new("RGB", (8, 8), (60 * i, 0, 0)) for i in range(4)]
    frames[0].save(tmp_path / "a.gif", save_all=True, append_images=frames[1:])
    Image.fromarray(np.zeros((5, 7, 3), np.uint8)).save(tmp_path / "c.png")
    assert main(["info", str(tmp_path / "c.png")]) == 0
    out = capsys.readouterr().out
    assert "GPS: absent" in out and "metadata found: none" in out and "1 frame\n" in out
    assert main(["info", str(tmp_path / "a.gif"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["frames"] == 4


def test_info_on_a_bomb_header_reads_without_decoding(tmp_path, capsys):
    (tmp_path / "bomb.png").write_bytes(png_bytes(20000, 10000))
    assert main(["info", str(tmp_path / "bomb.png")]) == 0
    assert "20000 x 10000 (200.0 MP)" in capsys.readouterr().out


def test_info_errors_are_one_line(tmp_path, capsys):
    (tmp_path / "t.jpg").write_text("hello")
    assert main(["info", str(tmp_path / "t.jpg")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "t.jpg" in err and err.startswith("rpipp: error:")
