"""BRPPNet's decoder blocks: MFFM (multi-scale feature fusion), PSA (polarized self-attention),
the ASPP decoder, and the mask head that upsamples to the output stride."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from rpipp_gui.brppnet.darknet import ConvBNLeaky


class MFFM(nn.Module):
    """Coarse x [B,Cx,h,w] + fine y [B,Cy,2h,2w] -> [B,width,2h,2w].

    x: 3x3 conv to ``width``, 2x nearest upsampling; out = 1x1 conv(concat(x, y)) to ``width``;
    key = 3x3 conv(1x1 conv(out * x) to width/2) back to ``width``; returns out + key.
    """

    def __init__(self, c_coarse: int, c_fine: int, width: int):
        super().__init__()
        self.pre = ConvBNLeaky(c_coarse, width, 3)
        self.merge = ConvBNLeaky(width + c_fine, width, 1)
        self.key = nn.Sequential(ConvBNLeaky(width, width // 2, 1), ConvBNLeaky(width // 2, width, 3))

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        x = F.interpolate(self.pre(x), scale_factor=2.0, mode="nearest")
        out = self.merge(torch.cat([x, y], dim=1))
        return out + self.key(out * x)


class PolarizedSelfAttention(nn.Module):
    """Parallel polarized self-attention: attention computed from ``x`` [B,C,h,w] reweights ``y``
    [B,C,h,w], once per channel and once per pixel, and the two results are added.

    Channel branch: a 1x1 conv scores every pixel (softmax over pixels), pools a C/2 projection of x
    with those weights, a 1x1 conv lifts it back to C, sigmoid -> one weight per channel.
    Pixel branch: a C/2 projection of x, averaged over pixels and softmaxed over channels, is dotted
    with another C/2 projection at every pixel, sigmoid -> one weight per pixel.
    """

    def __init__(self, channels: int):
        super().__init__()
        if channels % 2:
            raise ValueError(f"PSA needs an even channel count, got {channels}")
        half = channels // 2
        self.ch_value = nn.Conv2d(channels, half, 1, bias=False)
        self.ch_query = nn.Conv2d(channels, 1, 1, bias=False)
        self.ch_up = nn.Conv2d(half, channels, 1)
        self.sp_query = nn.Conv2d(channels, half, 1, bias=False)
        self.sp_value = nn.Conv2d(channels, half, 1, bias=False)

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        b, _, h, w = x.shape
        value = self.ch_value(x).flatten(2)  # [B,C/2,hw]
        where = torch.softmax(self.ch_query(x).flatten(2), dim=-1)  # [B,1,hw]
        context = (value * where).sum(dim=-1)[:, :, None, None]  # [B,C/2,1,1]
        channel_att = y * torch.sigmoid(self.ch_up(context))
        query = torch.softmax(self.sp_query(x).mean(dim=(2, 3)), dim=1)  # [B,C/2]
        spatial = torch.einsum("bc,bcn->bn", query, self.sp_value(x).flatten(2)).view(b, 1, h, w)
        return channel_att + y * torch.sigmoid(spatial)


class ASPPDecoder(nn.Module):
    """[B,C,h,w] -> [B,out,h,w]: a 1x1 branch, three dilated 3x3 branches and an image-pooling branch
    (each conv + BN + LeakyReLU, ``width`` channels), concatenated, then a plain 1x1 conv to ``out``."""

    def __init__(self, c_in: int, width: int, out: int, dilations: tuple[int, ...]):
        super().__init__()
        self.branches = nn.ModuleList(
            [ConvBNLeaky(c_in, width, 1)] + [ConvBNLeaky(c_in, width, 3, dilation=d) for d in dilations]
        )
        self.pool = ConvBNLeaky(c_in, width, 1)
        self.project = nn.Conv2d(width * (len(dilations) + 2), out, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h, w = x.shape[-2:]
        pooled = self.pool(x.mean(dim=(2, 3), keepdim=True)).expand(-1, -1, h, w)
        return self.project(torch.cat([pooled] + [branch(x) for branch in self.branches], dim=1))


class MaskHead(nn.Module):
    """[B,C,h,w] at stride 8 -> logits [B,1,h*8/stride,w*8/stride]: three 3x3 convs, then for each
    factor of two down to ``output_stride`` a 2x upsampling and a 3x3 conv, then a 3x3 conv to one
    channel (with bias)."""

    def __init__(self, channels: int, output_stride: int):
        super().__init__()
        self.convs = nn.Sequential(*[ConvBNLeaky(channels, channels, 3) for _ in range(3)])
        ups = []
        stride = 8
        while stride > output_stride:
            ups += [nn.Upsample(scale_factor=2.0, mode="nearest"), ConvBNLeaky(channels, channels, 3)]
            stride //= 2
        self.up = nn.Sequential(*ups)
        self.logits = nn.Conv2d(channels, 1, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits(self.up(self.convs(x)))
