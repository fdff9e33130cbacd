"""Checkpoints: safetensors round trip, metadata, refusal of mismatched files, resume state."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import torch
from safetensors.torch import load_file, save_file

from rpipp_gui.brppnet import BRPPNet, BRPPNetDims
from rpipp_gui.brppnet.checkpoint import (
    load_checkpoint,
    load_resume_state,
    read_metadata,
    save_checkpoint,
    save_resume_state,
)
from rpipp_gui.brppnet.vocabulary import Vocabulary
from rpipp_gui.errors import ModelError

VOCAB = Vocabulary.build(["the man on the left", "the tallest woman"])
DIMS = BRPPNetDims.scaled(
    0.125, (1, 1, 1, 1, 1), input_size=64, vocab_size=len(VOCAB), embed_dim=8, rnn_hidden=16, hidden_dim=8,
    aspp_width=8,
)  # fmt: skip


@pytest.fixture
def saved(tmp_path):
    torch.manual_seed(0)
    model = BRPPNet(DIMS).eval()
    path = save_checkpoint(tmp_path / "m.safetensors", model, VOCAB, 0.4, {"epochs": 3})
    return model, path


def test_round_trip(saved):
    model, path = saved
    ckpt = load_checkpoint(path)
    assert ckpt.dims == DIMS and ckpt.vocab == VOCAB and ckpt.threshold == 0.4
    assert ckpt.summary == {"epochs": 3} and not ckpt.model.training
    x, t = torch.rand(1, 3, 64, 64), torch.tensor([[2, 3, 4]])
    with torch.no_grad():
        torch.testing.assert_close(model(x, t), ckpt.model(x, t))
    meta = read_metadata(path)
    assert meta["format"] == "rpipp-brppnet/1" and meta["dims"]["input_size"] == 64
    assert b"pickle" not in path.read_bytes()[:200]


def _rewrite(path, tensors=None, **meta_changes):
    from safetensors import safe_open

    with safe_open(str(path), framework="pt") as f:
        meta = dict(f.metadata())
    meta.update({k: json.dumps(v) for k, v in meta_changes.items()})
    save_file(tensors if tensors is not None else load_file(str(path)), str(path), metadata=meta)


def test_refuses_dims_that_do_not_fit_the_weights(saved):
    _, path = saved
    _rewrite(path, dims=replace(DIMS, hidden_dim=12).to_dict())
    with pytest.raises(ModelError, match=r"does not match its dimensions: .*shape"):
        load_checkpoint(path)


def test_refuses_a_vocabulary_that_does_not_fit(saved):
    _, path = saved
    _rewrite(path, vocab=list(VOCAB.words) + ["zebra"])
    with pytest.raises(
        ModelError, match=f"vocabulary has {len(VOCAB) + 1} words but dims.vocab_size is {len(VOCAB)}"
    ):
        load_checkpoint(path)
    _rewrite(
        path, vocab=list(VOCAB.words) + ["zebra"], dims=replace(DIMS, vocab_size=len(VOCAB) + 1).to_dict()
    )
    with pytest.raises(ModelError, match=f"embedding table has {len(VOCAB)} rows"):
        load_checkpoint(path)


def test_refuses_missing_weights_and_foreign_files(saved, tmp_path):
    _, path = saved
    tensors = load_file(str(path))
    tensors.pop("head.logits.weight")
    _rewrite(path, tensors)
    with pytest.raises(ModelError, match="missing"):
        load_checkpoint(path)
    foreign = tmp_path / "other.safetensors"
    save_file({"w": torch.zeros(2)}, str(foreign))
    with pytest.raises(ModelError, match="not a BRPPNet checkpoint"):
        load_checkpoint(foreign)
    junk = tmp_path / "junk.safetensors"
    junk.write_bytes(b"not a checkpoint at all")
    with pytest.raises(ModelError, match="not a safetensors file"):
        load_checkpoint(junk)
    with pytest.raises(ModelError, match="does not exist"):
        load_checkpoint(tmp_path / "nope.safetensors")


def test_resume_state_round_trip(tmp_path):
    model = BRPPNet(DIMS)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model(torch.rand(2, 3, 64, 64), torch.tensor([[2, 3], [4, 0]])).mean().backward()
    opt.step()
    path = save_resume_state(tmp_path / "resume.safetensors", opt, {"epoch": 4, "best_miou": 0.5})
    fresh = torch.optim.Adam(model.parameters(), lr=1e-3)
    assert load_resume_state(path, fresh) == {"epoch": 4, "best_miou": 0.5}
    a, b = opt.state_dict(), fresh.state_dict()
    for idx, entry in a["state"].items():
        torch.testing.assert_close(entry["exp_avg"], b["state"][idx]["exp_avg"])
