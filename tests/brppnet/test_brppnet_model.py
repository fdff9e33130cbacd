"""BRPPNet forward shapes, padding handling, the dims dataclass and the paper's parameter count."""

from __future__ import annotations

import pytest
import torch

from rpipp_gui.brppnet import BRPPNet, BRPPNetDims

TINY = BRPPNetDims.scaled(
    0.125,
    (1, 1, 1, 1, 1),
    input_size=64,
    vocab_size=30,
    embed_dim=8,
    rnn_hidden=16,
    hidden_dim=8,
    aspp_width=8,
    aspp_dilations=(1, 2, 3),
)


@pytest.fixture(scope="module")
def tiny() -> BRPPNet:
    torch.manual_seed(0)
    return BRPPNet(TINY).eval()


def test_default_dims_are_the_papers():
    d = BRPPNetDims()
    assert d.input_size == 416 and d.embed_dim == 300 and d.rnn_hidden == 1024
    assert d.stage_widths == (64, 128, 256, 512, 1024) and d.stage_blocks == (1, 2, 8, 8, 4)
    assert d.vocab_size >= 1000 and d.output_stride == 2 and d.output_size == 208


def test_paper_model_parameter_count():
    model = BRPPNet(BRPPNetDims())
    n = model.count_parameters()
    darknet = sum(p.numel() for p in model.backbone.parameters())
    # Darknet-53's 52 convolutions (40.6M) + YOLOv3's six head convolutions (15.7M), BN included.
    assert 56_000_000 < darknet < 56_600_000
    assert 85_000_000 < n < 95_000_000


def test_paper_widths_forward_shape_on_a_small_image():
    torch.manual_seed(0)
    model = BRPPNet(BRPPNetDims(vocab_size=1000)).eval()
    with torch.no_grad():
        out = model(torch.rand(1, 3, 64, 64), torch.tensor([[3, 999, 5, 0]]))
    assert out.shape == (1, 1, 32, 32) and out.dtype == torch.float32
    assert torch.isfinite(out).all()


@pytest.mark.parametrize(("h", "w"), [(64, 64), (64, 96), (96, 32)])
def test_tiny_forward_shapes(tiny, h, w):
    tokens = torch.tensor([[1, 2, 3, 0, 0], [4, 0, 0, 0, 0]])
    with torch.no_grad():
        out = tiny(torch.rand(2, 3, h, w), tokens)
    assert out.shape == (2, 1, h // 2, w // 2)


@pytest.mark.parametrize("stride", [1, 4, 8])
def test_output_stride_knob(stride):
    from dataclasses import replace

    model = BRPPNet(replace(TINY, output_stride=stride)).eval()
    with torch.no_grad():
        out = model(torch.rand(1, 3, 64, 64), torch.tensor([[2, 3]]))
    assert out.shape == (1, 1, 64 // stride, 64 // stride)


def test_trailing_padding_does_not_change_the_output(tiny):
    images = torch.rand(1, 3, 64, 64)
    with torch.no_grad():
        short = tiny(images, torch.tensor([[5, 6, 7]]))
        padded = tiny(images, torch.tensor([[5, 6, 7, 0, 0, 0, 0]]))
        other = tiny(images, torch.tensor([[7, 6, 5]]))
    torch.testing.assert_close(short, padded)
    assert not torch.allclose(short, other)  # the sentence does matter


def test_empty_sentence_runs(tiny):
    with torch.no_grad():
        out = tiny(torch.rand(2, 3, 64, 64), torch.zeros(2, 4, dtype=torch.long))
    assert torch.isfinite(out).all()


def test_encode_once_decode_many_matches_forward(tiny):
    images = torch.rand(1, 3, 64, 64)
    tokens = torch.tensor([[1, 2, 0], [3, 4, 5]])
    with torch.no_grad():
        shared = tiny.decode(tiny.encode_image(images), tokens)
        direct = tiny(images.expand(2, -1, -1, -1), tokens)
    torch.testing.assert_close(shared, direct)


def test_gradients_reach_backbone_and_embeddings():
    model = BRPPNet(TINY).train()
    out = model(torch.rand(2, 3, 64, 64), torch.tensor([[1, 2], [3, 0]]))
    out.mean().backward()
    assert model.backbone.stem[0].weight.grad.abs().sum() > 0
    assert model.text.embedding.weight.grad[1:4].abs().sum() > 0


@pytest.mark.parametrize(
    ("images", "tokens"),
    [
        (torch.rand(1, 3, 60, 64), torch.ones(1, 3, dtype=torch.long)),
        (torch.rand(1, 1, 64, 64), torch.ones(1, 3, dtype=torch.long)),
        (torch.rand(2, 3, 64, 64), torch.ones(1, 3, dtype=torch.long)),
    ],
)
def test_bad_inputs_are_refused(tiny, images, tokens):
    with pytest.raises(ValueError):
        tiny(images, tokens)


def test_dims_round_trip_and_validation():
    assert BRPPNetDims.from_dict(TINY.to_dict()) == TINY
    with pytest.raises(ValueError, match="multiple of 32"):
        BRPPNetDims(input_size=100)
    with pytest.raises(ValueError, match="unknown"):
        BRPPNetDims.from_dict({"bogus": 1})
    with pytest.raises(ValueError, match="output_stride"):
        BRPPNetDims(output_stride=3)
