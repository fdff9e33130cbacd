"""Losses for mask logits: Balanced-BCE (BRPPNet's), plain BCE, and the original's weighted logistic
loss (positives x3), selectable by name.

Balanced-BCE adds eps1 * (1 - y*p) + eps2 * (1 - y) * (1 - p) to BCE-with-logits, p = sigmoid(logits).
Its gradient with respect to the logit z is (p - y) - eps1*y*p*(1-p) - eps2*(1-y)*p*(1-p). With the
defaults both kinds of pixel get an extra push towards their label, scaled by p*(1-p) (largest where
the network is unsure): 1.0 on positive pixels, only |eps2| = 0.4 on negative ones. Relative to BCE
the referred person thus gains 2.5 times the extra gradient the background does, which balances a
small person against a large background. A positive eps2 would instead weaken the background's pull.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
import torch.nn.functional as F

REDUCTIONS = ("mean", "sum", "none")


def _reduce(loss: torch.Tensor, reduction: str) -> torch.Tensor:
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum() / loss.shape[0]
    if reduction == "none":
        return loss
    raise ValueError(f"reduction must be one of {REDUCTIONS}, got {reduction!r}")


def balanced_bce(
    logits: torch.Tensor,
    targets: torch.Tensor,
    eps1: float = 1.0,
    eps2: float = -0.4,
    reduction: str = "mean",
) -> torch.Tensor:
    """Balanced binary cross-entropy.

    logits, targets: same shape [B,...] float (targets 0..1). reduction "mean": average over every
    pixel; "sum": sum divided by the batch size B (the original's default); "none": per pixel.
    """
    targets = targets.to(logits.dtype)
    p = torch.sigmoid(logits)
    bce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")
    loss = bce + eps1 * (1.0 - targets * p) + eps2 * (1.0 - targets) * (1.0 - p)
    return _reduce(loss, reduction)


def bce(logits: torch.Tensor, targets: torch.Tensor, reduction: str = "mean") -> torch.Tensor:
    """Plain BCE-with-logits; reductions as in ``balanced_bce``."""
    loss = F.binary_cross_entropy_with_logits(logits, targets.to(logits.dtype), reduction="none")
    return _reduce(loss, reduction)


def weighted_logistic(
    logits: torch.Tensor,
    targets: torch.Tensor,
    pos_weight: float = 3.0,
    neg_weight: float = 1.0,
    reduction: str = "mean",
) -> torch.Tensor:
    """BCE-with-logits with positive pixels weighted ``pos_weight`` and negative ``neg_weight``."""
    targets = targets.to(logits.dtype)
    weight = targets * (pos_weight - neg_weight) + neg_weight
    loss = weight * F.binary_cross_entropy_with_logits(logits, targets, reduction="none")
    return _reduce(loss, reduction)


LOSSES: dict[str, Callable[..., torch.Tensor]] = {
    "balanced_bce": balanced_bce,
    "bce": bce,
    "weighted_logistic": weighted_logistic,
}


def get_loss(name: str) -> Callable[..., torch.Tensor]:
    """The loss called ``name`` (one of LOSSES); raises ValueError listing the choices."""
    try:
        return LOSSES[name]
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; choose one of {', '.join(LOSSES)}") from None
