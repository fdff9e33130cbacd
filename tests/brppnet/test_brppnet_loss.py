"""Balanced-BCE against hand-computed values, its gradient balance, and the comparison losses."""

from __future__ import annotations

import math

import pytest
import torch

from rpipp_gui.brppnet import balanced_bce, bce, get_loss, weighted_logistic


def _sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _bbce(z: float, y: float, e1: float = 1.0, e2: float = -0.4) -> float:
    p = _sig(z)
    b = -(y * math.log(p) + (1 - y) * math.log(1 - p))
    return b + e1 * (1 - y * p) + e2 * (1 - y) * (1 - p)


def test_single_pixel_values_by_hand():
    # z = 0: p = 0.5, BCE = ln 2 for either label.
    # y = 1: ln2 + 1*(1 - 0.5) + 0 = 1.19315;   y = 0: ln2 + 1 + (-0.4)(0.5) = 1.49315
    z = torch.zeros(1, 1, 1, 1)
    assert balanced_bce(z, torch.ones_like(z)).item() == pytest.approx(math.log(2) + 0.5, abs=1e-6)
    assert balanced_bce(z, torch.zeros_like(z)).item() == pytest.approx(math.log(2) + 0.8, abs=1e-6)
    # z = 2, y = 1: p = 0.880797, BCE = 0.126928, + (1 - 0.880797) = 0.246131
    z2 = torch.full((1, 1, 1, 1), 2.0)
    assert balanced_bce(z2, torch.ones_like(z2)).item() == pytest.approx(0.246131, abs=1e-5)


def test_mean_and_sum_reductions():
    logits = torch.tensor([[[[0.0, 2.0], [-1.0, 3.0]]], [[[1.0, -2.0], [0.5, 0.0]]]])
    targets = torch.tensor([[[[1.0, 0.0], [0.0, 1.0]]], [[[1.0, 1.0], [0.0, 0.0]]]])
    per_pixel = [
        _bbce(z, y) for z, y in zip(logits.flatten().tolist(), targets.flatten().tolist(), strict=True)
    ]
    assert balanced_bce(logits, targets).item() == pytest.approx(sum(per_pixel) / 8, abs=1e-5)
    assert balanced_bce(logits, targets, reduction="sum").item() == pytest.approx(
        sum(per_pixel) / 2, abs=1e-5
    )
    custom = [
        _bbce(z, y, 0.5, -0.2)
        for z, y in zip(logits.flatten().tolist(), targets.flatten().tolist(), strict=True)
    ]
    assert balanced_bce(logits, targets, eps1=0.5, eps2=-0.2).item() == pytest.approx(
        sum(custom) / 8, abs=1e-5
    )


def test_zero_epsilons_reduce_to_bce():
    logits, targets = torch.randn(2, 1, 4, 4), (torch.rand(2, 1, 4, 4) > 0.5).float()
    torch.testing.assert_close(balanced_bce(logits, targets, eps1=0.0, eps2=0.0), bce(logits, targets))


def _grad(loss_fn, z: float, y: float, **kw) -> float:
    logit = torch.tensor([[[[z]]]], requires_grad=True)
    loss_fn(logit, torch.tensor([[[[y]]]]), **kw).backward()
    return logit.grad.item()


@pytest.mark.parametrize("z", [-2.0, 0.0, 1.5])
def test_gradient_balance(z):
    """d/dz = (p - y) - eps1*y*p(1-p) - eps2*(1-y)*p(1-p): with eps1 = 1, eps2 = -0.4 both labels get
    an extra push towards their label, 2.5 times larger on positive pixels than on negative ones."""
    p = _sig(z)
    g_pos_bce, g_neg_bce = _grad(bce, z, 1.0), _grad(bce, z, 0.0)
    g_pos, g_neg = _grad(balanced_bce, z, 1.0), _grad(balanced_bce, z, 0.0)
    assert g_pos_bce == pytest.approx(p - 1, abs=1e-6) and g_neg_bce == pytest.approx(p, abs=1e-6)
    assert g_pos == pytest.approx((p - 1) - 1.0 * p * (1 - p), abs=1e-6)
    assert g_neg == pytest.approx(p + 0.4 * p * (1 - p), abs=1e-6)
    extra_pos, extra_neg = abs(g_pos - g_pos_bce), abs(g_neg - g_neg_bce)
    assert extra_pos / extra_neg == pytest.approx(2.5, rel=1e-4)
    # eps2 > 0 weakens the push down on the background instead; eps1 = 0 removes the positive extra.
    assert abs(_grad(balanced_bce, z, 0.0, eps2=0.4)) < abs(g_neg_bce)
    assert _grad(balanced_bce, z, 1.0, eps1=0.0) == pytest.approx(g_pos_bce, abs=1e-6)


def test_weighted_logistic_triples_positives():
    z = torch.tensor([[[[0.3, -0.7]]]])
    y = torch.tensor([[[[1.0, 0.0]]]])
    per = torch.nn.functional.binary_cross_entropy_with_logits(z, y, reduction="none")
    expected = (3 * per[0, 0, 0, 0] + per[0, 0, 0, 1]) / 2
    torch.testing.assert_close(weighted_logistic(z, y), expected)


def test_losses_by_name():
    assert get_loss("balanced_bce") is balanced_bce and get_loss("bce") is bce
    assert get_loss("weighted_logistic") is weighted_logistic
    with pytest.raises(ValueError, match="balanced_bce"):
        get_loss("dice")
    with pytest.raises(ValueError, match="reduction"):
        balanced_bce(torch.zeros(1, 1), torch.zeros(1, 1), reduction="max")
