"""Convert a CTranslate2 Whisper model (model.bin) into an openai-whisper checkpoint.

CTranslate2 stores Whisper with the attention projections fused: self-attention has one
``linear_0`` holding query, key and value stacked along the output axis, cross-attention holds key and
value stacked in ``linear_1``. openai-whisper keeps them apart, and its key projection has no bias.
This module reads the binary model file (format version 6) with numpy, splits the fused weights back,
and writes ``{"dims": {...}, "model_state_dict": {...}, "alignment_heads": ...}`` with ``torch.save``
(tensors and plain types only, so ``torch.load(weights_only=True)`` reads it).
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import numpy as np

from rpipp_gui.errors import ModelError
from rpipp_gui.fileio import atomic_write

_CT2_DTYPES = (np.float32, np.int8, np.int16, np.int32, np.float16)  # type ids 0..4 (5 = bfloat16)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str):
        v = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return v[0]

    def string(self) -> str:
        n = self.take("H")
        s = self.data[self.pos : self.pos + n - 1].decode("utf-8")
        self.pos += n
        return s

    def raw(self, n: int) -> bytes:
        b = self.data[self.pos : self.pos + n]
        if len(b) != n:
            raise ModelError("CTranslate2 model file ends early (truncated)")
        self.pos += n
        return b


def read_ct2_variables(model_bin: str | os.PathLike) -> tuple[str, dict[str, np.ndarray]]:
    """Read every variable of a CTranslate2 ``model.bin``.

    Returns:
        (spec name such as "WhisperSpec", {variable name: numpy array}); aliases resolved to their
        target arrays. Raises ModelError for a missing, truncated or unsupported file.
    """
    p = Path(model_bin)
    try:
        r = _Reader(p.read_bytes())
    except OSError as e:
        raise ModelError(f"cannot read CTranslate2 model {p}: {e}") from e
    try:
        version = r.take("I")
        if version != 6:
            raise ModelError(f"{p}: CTranslate2 binary version {version} is not supported (expected 6)")
        spec = r.string()
        r.take("I")  # spec revision
        variables: dict[str, np.ndarray] = {}
        for _ in range(r.take("I")):
            name = r.string()
            shape = tuple(r.take("I") for _ in range(r.take("B")))
            type_id = r.take("B")
            nbytes = r.take("I")
            buf = r.raw(nbytes)
            if type_id >= len(_CT2_DTYPES):
                raise ModelError(f"{p}: variable {name} has unsupported type id {type_id} (bfloat16?)")
            variables[name] = np.frombuffer(buf, dtype=_CT2_DTYPES[type_id]).reshape(shape)
        for _ in range(r.take("I")):
            alias, target = r.string(), r.string()
            variables[alias] = variables[target]
    except struct.error as e:
        raise ModelError(f"{p} is not a valid CTranslate2 model file: {e}") from e
    return spec, variables


def _layer_count(v: dict[str, np.ndarray], prefix: str) -> int:
    n = 0
    while f"{prefix}/layer_{n}/ffn/linear_0/weight" in v:
        n += 1
    return n


def ct2_whisper_state(model_dir: str | os.PathLike) -> dict:
    """Build an openai-whisper checkpoint dict from a CTranslate2 Whisper model directory.

    Returns:
        {"dims": dict of ModelDimensions fields, "model_state_dict": {name: float16 torch.Tensor},
        "alignment_heads": [n_text_layer, n_text_head] bool torch.Tensor}.
    """
    import torch

    d = Path(model_dir)
    spec, v = read_ct2_variables(d / "model.bin")
    if spec != "WhisperSpec":
        raise ModelError(f"{d} holds a CTranslate2 {spec}, not a Whisper model")
    n_state = v["encoder/conv1/weight"].shape[0]
    dims = {
        "n_mels": int(v["encoder/conv1/weight"].shape[1]),
        "n_audio_ctx": int(v["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": int(n_state),
        "n_audio_head": int(v["encoder/num_heads"]),
        "n_audio_layer": _layer_count(v, "encoder"),
        "n_vocab": int(v["decoder/embeddings/weight"].shape[0]),
        "n_text_ctx": int(v["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(v["decoder/embeddings/weight"].shape[1]),
        "n_text_head": int(v["decoder/num_heads"]),
        "n_text_layer": _layer_count(v, "decoder"),
    }
    sd: dict[str, np.ndarray] = {}

    def ln(dst: str, src: str) -> None:
        sd[f"{dst}.weight"], sd[f"{dst}.bias"] = v[f"{src}/gamma"], v[f"{src}/beta"]

    def linear(dst: str, src: str, bias: bool = True) -> None:
        sd[f"{dst}.weight"] = v[f"{src}/weight"]
        if bias:
            sd[f"{dst}.bias"] = v[f"{src}/bias"]

    def split(dst_names: list[str], src: str) -> None:
        w, b = v[f"{src}/weight"], v[f"{src}/bias"]
        k = len(dst_names)
        for i, dst in enumerate(dst_names):
            rows = slice(i * w.shape[0] // k, (i + 1) * w.shape[0] // k)
            sd[f"{dst}.weight"] = w[rows]
            if not dst.endswith(".key"):  # whisper's key projection has no bias (CT2 stores zeros)
                sd[f"{dst}.bias"] = b[rows]

    for side in ("encoder", "decoder"):
        for i in range(dims["n_audio_layer" if side == "encoder" else "n_text_layer"]):
            src, dst = f"{side}/layer_{i}", f"{side}.blocks.{i}"
            split(
                [f"{dst}.attn.query", f"{dst}.attn.key", f"{dst}.attn.value"],
                f"{src}/self_attention/linear_0",
            )
            linear(f"{dst}.attn.out", f"{src}/self_attention/linear_1")
            ln(f"{dst}.attn_ln", f"{src}/self_attention/layer_norm")
            if side == "decoder":
                linear(f"{dst}.cross_attn.query", f"{src}/attention/linear_0")
                split([f"{dst}.cross_attn.key", f"{dst}.cross_attn.value"], f"{src}/attention/linear_1")
                linear(f"{dst}.cross_attn.out", f"{src}/attention/linear_2")
                ln(f"{dst}.cross_attn_ln", f"{src}/attention/layer_norm")
            linear(f"{dst}.mlp.0", f"{src}/ffn/linear_0")
            linear(f"{dst}.mlp.2", f"{src}/ffn/linear_1")
            ln(f"{dst}.mlp_ln", f"{src}/ffn/layer_norm")
    for conv in ("conv1", "conv2"):
        linear(f"encoder.{conv}", f"encoder/{conv}")
    sd["encoder.positional_embedding"] = v["encoder/position_encodings/encodings"]
    ln("encoder.ln_post", "encoder/layer_norm")
    sd["decoder.token_embedding.weight"] = v["decoder/embeddings/weight"]
    sd["decoder.positional_embedding"] = v["decoder/position_encodings/encodings"]
    ln("decoder.ln", "decoder/layer_norm")

    heads = torch.zeros(dims["n_text_layer"], dims["n_text_head"], dtype=torch.bool)
    cfg = d / "config.json"
    if cfg.is_file():
        for layer, head in json.loads(cfg.read_text()).get("alignment_heads", []):
            heads[layer, head] = True
    else:
        heads[dims["n_text_layer"] // 2 :] = True
    state = {k: torch.from_numpy(np.array(a, dtype=np.float16)) for k, a in sd.items()}
    return {"dims": dims, "model_state_dict": state, "alignment_heads": heads}


def convert_ct2_whisper(model_dir: str | os.PathLike | None, out_path: str | os.PathLike) -> Path:
    """Convert a CTranslate2 Whisper directory (None: the packaged tiny.en) into ``out_path`` (.pt).

    Written atomically (temp file, then rename). Returns the output path.
    Raises ModelError when the source is not a Whisper model or the output cannot be written.
    """
    import torch

    if model_dir is None:
        from rpipp_gui.speech.faster_backend import packaged_model_dir

        model_dir = packaged_model_dir()
    ckpt = ct2_whisper_state(model_dir)
    out = Path(out_path)
    atomic_write(out, lambda f: torch.save(ckpt, f), error=ModelError, make_parents=True)
    return out
