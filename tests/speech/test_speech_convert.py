"""CTranslate2 -> openai-whisper conversion: the fused projections split back exactly."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from rpipp_gui.errors import ModelError
from rpipp_gui.speech.convert import read_ct2_variables
from rpipp_gui.speech.faster_backend import packaged_model_dir


@pytest.fixture(scope="module")
def ct2_vars():
    return read_ct2_variables(packaged_model_dir() / "model.bin")


def test_reads_the_packaged_model(ct2_vars):
    spec, v = ct2_vars
    assert spec == "WhisperSpec"
    assert v["encoder/conv1/weight"].shape == (384, 80, 3)
    assert v["decoder/projection/weight"] is v["decoder/embeddings/weight"]  # alias resolved


def test_checkpoint_loads_with_weights_only_and_splits_qkv(converted_checkpoint, ct2_vars):
    import torch

    ckpt = torch.load(converted_checkpoint, map_location="cpu", weights_only=True)
    assert ckpt["dims"] == {
        "n_mels": 80, "n_audio_ctx": 1500, "n_audio_state": 384, "n_audio_head": 6, "n_audio_layer": 4,
        "n_vocab": 51864, "n_text_ctx": 448, "n_text_state": 384, "n_text_head": 6, "n_text_layer": 4,
    }  # fmt: skip
    sd = ckpt["model_state_dict"]
    _, v = ct2_vars
    fused_w = v["encoder/layer_2/self_attention/linear_0/weight"]
    fused_b = v["encoder/layer_2/self_attention/linear_0/bias"]
    for i, name in enumerate(("query", "key", "value")):
        got = sd[f"encoder.blocks.2.attn.{name}.weight"].numpy()
        np.testing.assert_array_equal(got, fused_w[i * 384 : (i + 1) * 384])
    np.testing.assert_array_equal(sd["encoder.blocks.2.attn.value.bias"].numpy(), fused_b[768:])
    assert "encoder.blocks.2.attn.key.bias" not in sd
    assert not np.any(fused_b[384:768]), "CTranslate2 stores a zero key bias"
    kv = v["decoder/layer_1/attention/linear_1/weight"]
    np.testing.assert_array_equal(sd["decoder.blocks.1.cross_attn.value.weight"].numpy(), kv[384:])
    assert ckpt["alignment_heads"].sum() == 8  # from config.json


def test_state_dict_matches_whisper_model_exactly(converted_checkpoint):
    import torch
    from whisper.model import ModelDimensions, Whisper

    ckpt = torch.load(converted_checkpoint, map_location="cpu", weights_only=True)
    model = Whisper(ModelDimensions(**ckpt["dims"]))
    assert set(ckpt["model_state_dict"]) == set(model.state_dict())


def test_cli_convert_writes_a_checkpoint(tmp_path, capsys):
    from rpipp_gui.cli import main

    out = tmp_path / "sub" / "tiny.pt"
    assert main(["convert-whisper", str(out)]) == 0
    assert out.stat().st_size > 70_000_000
    assert "wrote" in capsys.readouterr().err


def test_bad_model_files(tmp_path):
    bad = tmp_path / "model.bin"
    bad.write_bytes(struct.pack("<I", 5) + b"\x00" * 10)
    with pytest.raises(ModelError, match="version 5"):
        read_ct2_variables(bad)
    bad.write_bytes(struct.pack("<I", 6) + struct.pack("<H", 40) + b"abc")
    with pytest.raises(ModelError):
        read_ct2_variables(bad)
    with pytest.raises(ModelError, match="cannot read"):
        read_ct2_variables(tmp_path / "missing.bin")
