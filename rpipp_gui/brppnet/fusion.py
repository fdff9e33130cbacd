"""Fusing the sentence into a visual map, as BRPPNet does at each scale and once more in the decoder.

visual [B,C,h,w] -> Darknet residual block -> multiplied, channel by channel, by the sentence vector
projected to C (dense + batch norm + LeakyReLU, tiled over the map) -> batch norm -> LeakyReLU.
"""

from __future__ import annotations

import torch
from torch import nn

from rpipp_gui.brppnet.darknet import LEAKY_SLOPE, DarknetResidual


class SentenceFusion(nn.Module):
    """(visual [B,C,h,w], sentence [B,D]) -> fused [B,C,h,w]."""

    def __init__(self, channels: int, text_dim: int):
        super().__init__()
        self.visual = DarknetResidual(channels)
        self.text = nn.Sequential(
            nn.Linear(text_dim, channels), nn.BatchNorm1d(channels), nn.LeakyReLU(LEAKY_SLOPE)
        )
        self.out = nn.Sequential(nn.BatchNorm2d(channels), nn.LeakyReLU(LEAKY_SLOPE))

    def forward(self, visual: torch.Tensor, sentence: torch.Tensor) -> torch.Tensor:
        gate = self.text(sentence)[:, :, None, None]
        return self.out(self.visual(visual) * gate)
