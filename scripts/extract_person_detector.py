"""Extract MediaPipe's SSD MobileNetV2 (Open Images v4) object detector from the npm package
``@mediapipe/objectron@0.4.1675468480`` (Apache-2.0) into models/, once, and record it in
models/MANIFEST.json. The app never downloads it: the file is committed.

    python scripts/extract_person_detector.py [--tarball PATH]

Without --tarball it runs ``npm pack @mediapipe/objectron@0.4.1675468480`` in a temporary folder. The
package packs its assets into ``objectron_solution_packed_assets.data``; the loader script beside it
lists each file's start and end offset, which this script reads rather than hard-coding.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import tarfile
import tempfile
from pathlib import Path

from npm_tarball import npm_pack

PACKAGE, VERSION = "@mediapipe/objectron", "0.4.1675468480"
MODELS = Path(__file__).resolve().parents[1] / "models"
WANTED = {
    "object_detection_ssd_mobilenetv2_oidv4_fp16.tflite": "person_detector",
    "object_detection_oidv4_labelmap.txt": "person_detector_labels",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tarball", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball
        if tarball is None:
            tarball = npm_pack(PACKAGE, VERSION, Path(tmp))
        with tarfile.open(tarball) as tar:
            meta = json.load(tar.extractfile("package/package.json"))
            loader = tar.extractfile("package/objectron_solution_packed_assets_loader.js").read().decode()
            packed = tar.extractfile("package/objectron_solution_packed_assets.data").read()
    if (meta["name"], meta["version"], meta["license"]) != (PACKAGE, VERSION, "Apache-2.0"):
        raise SystemExit(f"unexpected package: {meta['name']}@{meta['version']} ({meta['license']})")
    entries = re.findall(r'"filename":\s*"([^"]+)",\s*"start":\s*(\d+),\s*"end":\s*(\d+)', loader)
    manifest_path = MODELS / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for filename, start, end in entries:
        base = filename.rsplit("/", 1)[-1]
        if base not in WANTED:
            continue
        data = packed[int(start) : int(end)]
        (MODELS / base).write_bytes(data)
        manifest["models"][WANTED[base]] = {
            "file": base,
            "package": f"npm:{PACKAGE}",
            "version": VERSION,
            "sha256": hashlib.sha256(data).hexdigest(),
            "licence": "Apache-2.0",
        }
        print(f"{base}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    missing = set(WANTED.values()) - set(manifest["models"])
    if missing:
        raise SystemExit(f"not found in the package: {sorted(missing)}")
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
