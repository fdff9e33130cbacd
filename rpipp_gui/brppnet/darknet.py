"""Darknet-53, YOLOv3's visual backbone, as BRPPNet uses it.

Every convolution is conv (no bias) + batch norm + LeakyReLU(0.1). Downsampling convolutions pad the
top and left by one pixel and use 'valid' 3x3 stride-2 convolutions, as Darknet does. After the last
stage come the six alternating 1x1 / 3x3 convolutions that start YOLOv3's detection head; the network
returns the stride-8, stride-16 and (after those six) stride-32 maps.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from rpipp_gui.brppnet.dims import BRPPNetDims

LEAKY_SLOPE = 0.1


class ConvBNLeaky(nn.Sequential):
    """Conv2d without bias, BatchNorm2d, LeakyReLU(0.1); 'same' padding unless stride 2."""

    def __init__(self, c_in: int, c_out: int, kernel: int = 1, stride: int = 1, dilation: int = 1):
        padding = 0 if stride == 2 else dilation * (kernel // 2)
        super().__init__(
            nn.Conv2d(c_in, c_out, kernel, stride=stride, padding=padding, dilation=dilation, bias=False),
            nn.BatchNorm2d(c_out),
            nn.LeakyReLU(LEAKY_SLOPE, inplace=True),
        )


class DarknetResidual(nn.Module):
    """x + (3x3 conv to ``channels``)(1x1 conv to ``channels // 2``)(x); keeps the width."""

    def __init__(self, channels: int):
        super().__init__()
        self.reduce = ConvBNLeaky(channels, channels // 2, 1)
        self.expand = ConvBNLeaky(channels // 2, channels, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.expand(self.reduce(x))


class DarknetStage(nn.Module):
    """Top-left zero pad, 3x3 stride-2 conv to ``c_out``, then ``blocks`` residual blocks."""

    def __init__(self, c_in: int, c_out: int, blocks: int):
        super().__init__()
        self.down = ConvBNLeaky(c_in, c_out, 3, stride=2)
        self.blocks = nn.Sequential(*[DarknetResidual(c_out) for _ in range(blocks)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.blocks(self.down(F.pad(x, (1, 0, 1, 0))))


class Darknet(nn.Module):
    """images [B,3,H,W] float in 0..1 -> (stride-8, stride-16, stride-32) feature maps.

    Channels: stage_widths[2], stage_widths[3], stage_widths[4] (256, 512, 1024 for Darknet-53).
    """

    def __init__(self, dims: BRPPNetDims):
        super().__init__()
        widths = dims.stage_widths
        self.stem = ConvBNLeaky(3, dims.stem_width, 3)
        c_in = dims.stem_width
        stages = []
        for c_out, blocks in zip(widths, dims.stage_blocks, strict=True):
            stages.append(DarknetStage(c_in, c_out, blocks))
            c_in = c_out
        self.stages = nn.ModuleList(stages)
        top, half = widths[4], widths[4] // 2
        self.neck = nn.Sequential(
            ConvBNLeaky(top, half, 1),
            ConvBNLeaky(half, top, 3),
            ConvBNLeaky(top, half, 1),
            ConvBNLeaky(half, top, 3),
            ConvBNLeaky(top, half, 1),
            ConvBNLeaky(half, top, 3),
        )
        self.out_channels = (widths[2], widths[3], widths[4])

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        x = self.stem(x)
        feats = []
        for stage in self.stages:
            x = stage(x)
            feats.append(x)
        return feats[2], feats[3], self.neck(feats[4])
