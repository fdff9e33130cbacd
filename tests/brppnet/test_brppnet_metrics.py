"""IoU bookkeeping, SSIM, PSNR and the privacy figures."""

from __future__ import annotations

import numpy as np
import pytest
from skimage.data import astronaut

from rpipp_gui.brppnet.metrics import PrivacyScores, SegmentationScores, psnr, ssim


def test_segmentation_scores():
    gt = np.zeros((10, 10), bool)
    gt[:, :5] = True
    seg = SegmentationScores()
    assert seg.add(gt, gt) == 1.0
    half = np.zeros_like(gt)
    half[:, :4] = True  # IoU 40/50 = 0.8
    assert seg.add(half, gt) == pytest.approx(0.8)
    assert seg.miou == pytest.approx(0.9) and seg.overall_iou == pytest.approx(90 / 100)
    prec = seg.precision()
    assert prec[0.5] == 1.0 and prec[0.75] == 1.0 and prec[0.8] == 0.5 and prec[0.95] == 0.5
    assert len(prec) == 10


def test_ssim_and_psnr():
    img = astronaut()[:128, :128]
    assert ssim(img, img) == pytest.approx(1.0)
    assert psnr(img, img) == 100.0
    noisy = np.clip(img.astype(int) + np.random.default_rng(0).normal(0, 20, img.shape), 0, 255).astype(
        np.uint8
    )
    assert 0.0 < ssim(img, noisy) < 0.8
    mse = np.mean((img / 255.0 - noisy / 255.0) ** 2)
    assert psnr(img, noisy) == pytest.approx(-10 * np.log10(mse))
    with pytest.raises(ValueError):
        ssim(img, img[:64])


def test_privacy_scores_with_a_stand_in_detector():
    img = astronaut()[:100, :100]
    gt = np.zeros((100, 100), bool)
    gt[10:90, 20:80] = True

    def mosaic(rgb, mask):
        out = rgb.copy()
        out[mask] = rgb[mask].mean(axis=0).astype(np.uint8)
        return out

    def has_face(rgb):  # "a face" = enough texture among the kept (non-black) pixels
        kept = rgb[rgb.any(axis=-1)]
        return kept.size > 0 and float(kept.std(axis=0).mean()) > 20

    scores = PrivacyScores(mosaic, has_face)
    scores.add(img, gt, gt)  # perfect mask: region flattened, no texture left
    scores.add(img, np.zeros_like(gt), gt)  # empty prediction: nothing hidden, "face" vanishes too
    assert scores.faces_before == 2 and scores.faces_after == 0 and scores.tdir == 1.0
    assert len(scores.ssims) == 2 and scores.ssims[0] < 0.9
    assert PrivacyScores(mosaic, None).tdir is None
