"""Segmentation and privacy metrics: IoU, precision at IoU thresholds, SSIM, PSNR, and the original's
privacy figures of a mosaic over the predicted mask (face re-detection rate TDIR, SSIM, PSNR)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np

PREC_THRESHOLDS = tuple(round(0.5 + 0.05 * i, 2) for i in range(10))  # 0.50, 0.55, ..., 0.95


def mask_iou(pred: np.ndarray, gt: np.ndarray) -> tuple[int, int]:
    """pred, gt: HxW bool -> (intersection, union) pixel counts."""
    if pred.shape != gt.shape:
        raise ValueError(f"masks differ in shape: {pred.shape} vs {gt.shape}")
    return int(np.logical_and(pred, gt).sum()), int(np.logical_or(pred, gt).sum())


def _gray(rgb: np.ndarray) -> np.ndarray:
    return (
        rgb.astype(np.float64) @ np.array([0.299, 0.587, 0.114]) if rgb.ndim == 3 else rgb.astype(np.float64)
    )


def ssim(a: np.ndarray, b: np.ndarray, data_range: float = 255.0) -> float:
    """Mean structural similarity of two HxWx3 (or HxW) images on their grey levels, with an 11x11
    Gaussian window (sigma 1.5) over the 'valid' region (Wang et al. 2004). Images smaller than the
    window are compared whole."""
    x, y = _gray(a), _gray(b)
    if x.shape != y.shape:
        raise ValueError(f"images differ in shape: {a.shape} vs {b.shape}")
    c1, c2 = (0.01 * data_range) ** 2, (0.03 * data_range) ** 2

    def blur(img: np.ndarray) -> np.ndarray:
        return cv2.GaussianBlur(img, (11, 11), 1.5, borderType=cv2.BORDER_REFLECT)

    mx, my = blur(x), blur(y)
    sxx, syy, sxy = blur(x * x) - mx * mx, blur(y * y) - my * my, blur(x * y) - mx * my
    smap = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2))
    if min(smap.shape) > 10:
        smap = smap[5:-5, 5:-5]
    return float(smap.mean())


def psnr(a: np.ndarray, b: np.ndarray, data_range: float = 255.0) -> float:
    """Peak signal-to-noise ratio in dB; identical images give 100 (as the original)."""
    if a.shape != b.shape:
        raise ValueError(f"images differ in shape: {a.shape} vs {b.shape}")
    mse = float(np.mean((a.astype(np.float64) / data_range - b.astype(np.float64) / data_range) ** 2))
    return 100.0 if mse < 1e-10 else float(-10.0 * np.log10(mse))


@dataclass
class SegmentationScores:
    """Accumulates per-sentence IoU: mIoU (mean of IoUs), overall IoU (sum I / sum U), prec@t."""

    ious: list[float] = field(default_factory=list)
    inter: int = 0
    union: int = 0

    def add(self, pred: np.ndarray, gt: np.ndarray) -> float:
        i, u = mask_iou(pred, gt)
        self.inter += i
        self.union += u
        iou = 1.0 if u == 0 else i / u
        self.ious.append(iou)
        return iou

    @property
    def miou(self) -> float:
        return float(np.mean(self.ious)) if self.ious else 0.0

    @property
    def overall_iou(self) -> float:
        return self.inter / self.union if self.union else 0.0

    def precision(self) -> dict[float, float]:
        ious = np.asarray(self.ious)
        return {t: float((ious > t).mean()) if ious.size else 0.0 for t in PREC_THRESHOLDS}


@dataclass
class PrivacyScores:
    """The original's privacy figures of a mosaic over the *predicted* mask.

    SSIM and PSNR compare the mosaicked photo kept only inside the predicted mask with the original
    photo kept only inside the true mask (as the original code does; lower = better hidden).
    TDIR (target face de-identification rate) = 1 - re-found / target faces over the whole set: a
    target is a face found before protection inside the *true* person region, re-found when the face
    detector still finds it in the protected photo (``tdir_fn``, by default the people layer's
    ``rpipp_gui.people.privacy.tdir``, returns an object with ``targets`` and ``refound``)."""

    mosaic: Callable[[np.ndarray, np.ndarray], np.ndarray]
    tdir_fn: Callable[[np.ndarray, np.ndarray, np.ndarray], object] | None
    targets: int = 0
    refound: int = 0
    ssims: list[float] = field(default_factory=list)
    psnrs: list[float] = field(default_factory=list)

    def add(self, rgb: np.ndarray, pred: np.ndarray, gt: np.ndarray) -> None:
        """rgb: HxWx3 uint8; pred, gt: HxW bool."""
        protected = self.mosaic(rgb, pred)
        kept = protected * pred[..., None]
        original = rgb * gt[..., None]
        self.ssims.append(ssim(kept, original))
        self.psnrs.append(psnr(kept, original))
        if self.tdir_fn is not None:
            result = self.tdir_fn(rgb, protected, gt)
            self.targets += len(result.targets)
            self.refound += len(result.refound)

    @property
    def tdir(self) -> float | None:
        """None when no target face was found (the rate is undefined)."""
        return 1.0 - self.refound / self.targets if self.targets else None
