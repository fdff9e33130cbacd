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
    """The original's privacy figures. For each photo: mosaic it over the *predicted* mask and keep only
    the predicted region; keep the *true* person region of the original photo. SSIM and PSNR compare
    the two; TDIR = 1 - (photos whose mosaicked region still shows a face) / (photos whose true region
    shows a face). Higher TDIR, lower SSIM and PSNR mean better protection."""

    mosaic: Callable[[np.ndarray, np.ndarray], np.ndarray]
    has_face: Callable[[np.ndarray], bool] | None
    faces_before: int = 0
    faces_after: int = 0
    ssims: list[float] = field(default_factory=list)
    psnrs: list[float] = field(default_factory=list)

    def add(self, rgb: np.ndarray, pred: np.ndarray, gt: np.ndarray) -> None:
        protected = self.mosaic(rgb, pred) * pred[..., None]
        original = rgb * gt[..., None]
        self.ssims.append(ssim(protected, original))
        self.psnrs.append(psnr(protected, original))
        if self.has_face is not None and self.has_face(original.astype(np.uint8)):
            self.faces_before += 1
            self.faces_after += int(self.has_face(protected.astype(np.uint8)))

    @property
    def tdir(self) -> float | None:
        """None when no true region showed a face (the rate is undefined)."""
        return 1.0 - self.faces_after / self.faces_before if self.faces_before else None
