"""IoU bookkeeping, SSIM, PSNR and the privacy figures."""

from __future__ import annotations

from types import SimpleNamespace

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


def test_privacy_scores_with_a_stand_in_tdir():
    img = astronaut()[:100, :100]
    gt = np.zeros((100, 100), bool)
    gt[10:90, 20:80] = True

    def mosaic(rgb, mask):
        out = rgb.copy()
        if mask.any():  # an empty prediction hides nothing
            out[mask] = rgb[mask].mean(axis=0).astype(np.uint8)
        return out

    def tdir_fn(before, after, region):  # one "face" per photo, re-found if the region kept its texture
        refound = (after[region].std(axis=0).mean() > 20,)
        return SimpleNamespace(targets=(1,), refound=tuple(r for r in refound if r))

    scores = PrivacyScores(mosaic, tdir_fn)
    scores.add(img, gt, gt)  # perfect mask: region flattened, face gone
    scores.add(img, np.zeros_like(gt), gt)  # empty prediction: nothing hidden, face re-found
    assert scores.targets == 2 and scores.refound == 1 and scores.tdir == 0.5
    assert len(scores.ssims) == 2 and scores.ssims[0] < 0.9 and scores.psnrs[1] < scores.psnrs[0]
    assert PrivacyScores(mosaic, None).tdir is None
