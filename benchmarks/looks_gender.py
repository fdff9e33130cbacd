"""Gender words on the frontal faces of the annotated real photos and the test scenes.

Usage: python benchmarks/looks_gender.py [DIR ...]

For every person annotated ``view = front`` whose description says man/woman/boy/girl (in
``../shared/data/real_people`` and ``benchmarks/data/real_people_more`` by default), and the two
public-domain portraits of the test scenes (skimage's astronaut, matplotlib's Grace Hopper), the face
is read on the annotated box as the resolver reads it (``face_attributes.FaceReader``). A face too
small or too turned to judge is counted apart ("not judged"); the goal (issue 13) is >= 90 % right on
the faces that are judged.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpipp_gui.imaging import load_image  # noqa: E402
from rpipp_gui.people.person import Person  # noqa: E402
from rpipp_gui.referring.face_attributes import face_reader  # noqa: E402

DIRS = (ROOT.parent / "shared" / "data" / "real_people", ROOT / "benchmarks" / "data" / "real_people_more")
_MALE = re.compile(r"\b(man|boy|guy|footballer|player)\b")
_FEMALE = re.compile(r"\b(woman|girl|lady)\b")


def _said(desc: str) -> str | None:
    if _FEMALE.search(desc):
        return "female"
    if re.search(r"\b(man|boy|guy)\b", desc):
        return "male"
    return None


def _cases(dirs) -> list[tuple[str, np.ndarray, Person, str]]:
    out = []
    for d in dirs:
        if not (d / "people.tsv").is_file():
            continue
        with open(d / "people.tsv", encoding="utf-8") as f:
            rows = list(csv.reader(f, delimiter="\t"))[1:]
        photos: dict[str, np.ndarray] = {}
        for r in rows:
            want = _said(r[10])
            if r[7] != "front" or r[9] == "yes" or want is None:
                continue
            rgb = photos.setdefault(r[0], load_image(d / r[0]).rgb)
            out.append((f"{r[0]} {r[1]}", rgb, Person(box=tuple(float(v) for v in r[2:6])), want))
    import matplotlib
    import skimage.data
    from PIL import Image

    grace = np.asarray(
        Image.open(Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg").convert("RGB")
    )
    astronaut = skimage.data.astronaut()
    out.append(("astronaut (test scene)", astronaut, Person(box=(10, 15, 370, 512)), "female"))
    out.append(("grace hopper (test scene)", grace, Person(box=(5, 15, 512, 600)), "female"))
    return out


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or list(DIRS)
    right = wrong = unjudged = 0
    for name, rgb, person, want in _cases(dirs):
        face = face_reader().read(rgb, person)
        if face is None or face.p_female is None:
            unjudged += 1
            size = (
                "no face found"
                if face is None
                else f"face {face.box[2] - face.box[0]:.0f} px, yaw {face.yaw:.2f}"
            )
            print(f"  not judged  {name}: {size}")
            continue
        got = "female" if face.p_female >= 0.5 else "male"
        ok = got == want
        right, wrong = right + ok, wrong + (not ok)
        print(f"  {'right' if ok else 'WRONG':10s}  {name}: said {want}, p(female) {face.p_female:.2f}")
    judged = right + wrong
    print(f"gender words right on {right}/{judged} judged frontal faces = {right / max(judged, 1):.2f} "
          f"(goal >= 0.90); {unjudged} too small or turned to judge")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
