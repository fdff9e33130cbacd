"""Evaluation of a BRPPNet on a source of (image, mask, sentence): mIoU, overall IoU, precision at IoU
0.5:0.05:0.95, and the privacy figures of a mosaic over the predicted mask (TDIR, SSIM, PSNR)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

import numpy as np
import torch

from rpipp_gui.brppnet.data import Letterbox
from rpipp_gui.brppnet.dataset import Source, to_tensor
from rpipp_gui.brppnet.metrics import PrivacyScores, SegmentationScores
from rpipp_gui.brppnet.model import BRPPNet
from rpipp_gui.brppnet.vocabulary import Vocabulary


@dataclass(frozen=True)
class EvalResult:
    """n sentences; miou, overall_iou; precision {IoU threshold: fraction above it}; privacy figures
    (None when not computed; tdir None also when no true region showed a face)."""

    n: int
    miou: float
    overall_iou: float
    precision: dict
    tdir: float | None = None
    ssim: float | None = None
    psnr: float | None = None
    faces: int = 0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["precision"] = {f"{k:.2f}": v for k, v in self.precision.items()}
        return d

    def lines(self) -> list[str]:
        out = [f"sentences: {self.n}", f"mIoU: {self.miou:.4f}", f"overall IoU: {self.overall_iou:.4f}"]
        out += [f"prec@{t:.2f}: {p:.4f}" for t, p in self.precision.items()]
        if self.ssim is not None:
            tdir = "n/a (no target face found)" if self.tdir is None else f"{self.tdir:.4f}"
            out += [
                f"TDIR: {tdir} ({self.faces} target faces)",
                f"SSIM: {self.ssim:.4f}",
                f"PSNR: {self.psnr:.2f}",
            ]
        return out


def default_mosaic() -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """The app's mosaic style (rpipp_gui.imaging.styles), imported lazily."""
    from rpipp_gui.imaging.styles import StyleOptions, apply_style

    options = StyleOptions(style="mosaic")
    return lambda rgb, mask: apply_style(rgb, mask, options)


@torch.inference_mode()
def predict_probs(model: BRPPNet, images: torch.Tensor, tokens: torch.Tensor) -> np.ndarray:
    """images [B,3,S,S] float 0..1, tokens [B,T] long -> probabilities [B,s,s] float32 (s = S/stride)."""
    device = next(model.parameters()).device
    dtype = next(model.parameters()).dtype
    logits = model(images.to(device, dtype), tokens.to(device))
    return torch.sigmoid(logits.float())[:, 0].cpu().numpy()


def evaluate(
    model: BRPPNet,
    vocab: Vocabulary,
    source: Source,
    threshold: float = 0.35,
    batch_size: int = 8,
    limit: int | None = None,
    privacy: bool = False,
    mosaic: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
    tdir_fn: Callable | None = None,
    progress: bool = False,
) -> EvalResult:
    """Run the model over the first ``limit`` items of ``source`` (all by default) and score the masks
    at each photo's own resolution. ``privacy`` adds TDIR / SSIM / PSNR of a mosaic over the prediction
    (``mosaic`` defaults to the app's mosaic style; ``tdir_fn`` is a face check such as
    ``rpipp_gui.people.privacy.tdir``, given by the caller: without one TDIR is not computed)."""
    was_training = model.training
    model.eval()
    dims = model.dims
    n = len(source) if not limit else min(limit, len(source))
    seg = SegmentationScores()
    priv = None
    if privacy:
        priv = PrivacyScores(mosaic or default_mosaic(), tdir_fn)
    indices = range(0, n, batch_size)
    if progress:
        from tqdm import tqdm

        indices = tqdm(indices, desc="eval", unit="batch")
    try:
        for start in indices:
            items = [source.sample(i, None) for i in range(start, min(n, start + batch_size))]
            boxes = [Letterbox.fit(img.shape[:2], dims.input_size) for img, _, _ in items]
            images = torch.stack(
                [to_tensor(b.image(img)) for b, (img, _, _) in zip(boxes, items, strict=True)]
            )
            tokens = torch.stack([torch.from_numpy(vocab.encode(s, dims.max_words)) for _, _, s in items])
            probs = predict_probs(model, images, tokens)
            for prob, box, (img, gt, _) in zip(probs, boxes, items, strict=True):
                pred = box.unbox(prob) >= threshold
                seg.add(pred, gt)
                if priv is not None:
                    priv.add(img, pred, gt)
    finally:
        model.train(was_training)
    if priv is None:
        return EvalResult(len(seg.ious), seg.miou, seg.overall_iou, seg.precision())
    return EvalResult(
        len(seg.ious),
        seg.miou,
        seg.overall_iou,
        seg.precision(),
        tdir=priv.tdir,
        ssim=float(np.mean(priv.ssims)) if priv.ssims else None,
        psnr=float(np.mean(priv.psnrs)) if priv.psnrs else None,
        faces=priv.targets,
    )
