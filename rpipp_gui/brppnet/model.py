"""BRPPNet: Darknet-53 + bi-GRU sentence -> fused multi-scale maps -> MFFM x2 -> sentence fusion + PSA
-> ASPP decoder -> mask logits at ``output_stride``."""

from __future__ import annotations

import torch
from torch import nn

from rpipp_gui.brppnet.darknet import Darknet
from rpipp_gui.brppnet.decoder import MFFM, ASPPDecoder, MaskHead, PolarizedSelfAttention
from rpipp_gui.brppnet.dims import BRPPNetDims
from rpipp_gui.brppnet.fusion import SentenceFusion
from rpipp_gui.brppnet.text_encoder import TextEncoder


class BRPPNet(nn.Module):
    """images [B,3,H,W] float (RGB in 0..1, H and W multiples of 32) + tokens [B,T] long (0 = padding)
    -> logits [B,1,H/s,W/s] float, s = dims.output_stride (2 in the paper)."""

    def __init__(self, dims: BRPPNetDims | None = None):
        super().__init__()
        self.dims = dims = dims or BRPPNetDims()
        c8, c16, c32 = dims.stage_widths[2], dims.stage_widths[3], dims.stage_widths[4]
        text_dim = dims.rnn_hidden
        self.backbone = Darknet(dims)
        self.text = TextEncoder(dims)
        self.fuse8 = SentenceFusion(c8, text_dim)
        self.fuse16 = SentenceFusion(c16, text_dim)
        self.fuse32 = SentenceFusion(c32, text_dim)
        self.mffm16 = MFFM(c32, c16, c16)
        self.mffm8 = MFFM(c16, c8, c8)
        self.select = SentenceFusion(c8, text_dim)
        self.psa = PolarizedSelfAttention(c8)
        self.aspp = ASPPDecoder(2 * c8, dims.aspp_width, dims.hidden_dim, dims.aspp_dilations)
        self.head = MaskHead(dims.hidden_dim, dims.output_stride)

    def forward(self, images: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
        if tokens.ndim != 2 or tokens.shape[0] != images.shape[0]:
            raise ValueError(f"tokens must be [B,T] with B={images.shape[0]}, got {tuple(tokens.shape)}")
        return self.decode(self.encode_image(images), tokens)

    def encode_image(self, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """images [B,3,H,W] -> Darknet maps at strides 8, 16, 32 (the sentence-independent work,
        done once per photo by the engine)."""
        if images.ndim != 4 or images.shape[1] != 3:
            raise ValueError(f"images must be [B,3,H,W], got {tuple(images.shape)}")
        if images.shape[2] % 32 or images.shape[3] % 32:
            raise ValueError(f"image height and width must be multiples of 32, got {tuple(images.shape[2:])}")
        return self.backbone(images)

    def decode(
        self, feats: tuple[torch.Tensor, torch.Tensor, torch.Tensor], tokens: torch.Tensor
    ) -> torch.Tensor:
        """Darknet maps from ``encode_image`` (batch B, or 1 to share one photo) + tokens [B,T] -> logits."""
        sentence, _ = self.text(tokens.long())
        v8, v16, v32 = (f.expand(sentence.shape[0], -1, -1, -1) for f in feats)
        f8 = self.fuse8(v8, sentence)
        f16 = self.fuse16(v16, sentence)
        f32 = self.fuse32(v32, sentence)
        d16 = self.mffm16(f32, f16)
        d8 = self.mffm8(d16, f8)
        selected = self.psa(self.select(d8, sentence), d8)
        return self.head(self.aspp(torch.cat([d8, selected], dim=1)))

    def count_parameters(self) -> int:
        return sum(p.numel() for p in self.parameters())
