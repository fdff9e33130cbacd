"""Hostile BRPPNet checkpoints (issue 14): every metadata field is validated and the dimensions are
checked against the tensors before anything is allocated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from safetensors import safe_open
from safetensors.torch import load_file, save_file

from rpipp_gui.brppnet import BRPPNet, BRPPNetDims
from rpipp_gui.brppnet.checkpoint import load_checkpoint, save_checkpoint
from rpipp_gui.brppnet.vocabulary import Vocabulary
from rpipp_gui.cli import main
from rpipp_gui.errors import ModelError

VOCAB = Vocabulary.build(["the man on the left", "the tallest woman"])
DIMS = BRPPNetDims.scaled(
    0.125, (1, 1, 1, 1, 1), input_size=64, vocab_size=len(VOCAB), embed_dim=8, rnn_hidden=16, hidden_dim=8,
    aspp_width=8,
)  # fmt: skip
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def ckpt(tmp_path):
    torch.manual_seed(0)
    return save_checkpoint(tmp_path / "m.safetensors", BRPPNet(DIMS).eval(), VOCAB, 0.4, {"epochs": 3})


def _rewrite(path, raw_meta: dict):
    """Replace header fields with raw strings (what a hostile file can hold)."""
    with safe_open(str(path), framework="pt") as f:
        meta = dict(f.metadata())
    meta.update(raw_meta)
    save_file(load_file(str(path)), str(path), metadata=meta)
    return path


def _dims(**changes):
    d = DIMS.to_dict()
    d.update(changes)
    return json.dumps(d)


CASES = [
    ({"threshold": '"abc"'}, "threshold"),
    ({"threshold": "NaN"}, "threshold"),
    ({"threshold": "Infinity"}, "threshold"),
    ({"threshold": "1.5"}, "threshold"),
    ({"threshold": "true"}, "threshold"),
    ({"summary": "5"}, "summary"),
    ({"summary": "[1, 2]"}, "summary"),
    ({"vocab": "5"}, "vocab"),
    ({"vocab": "[1, 2, 3]"}, "vocab"),
    ({"dims": "null"}, "dims"),
    ({"dims": '"big"'}, "dims"),
    ({"dims": _dims(stage_widths=[4096] * 5)}, "M parameters, more than"),
    ({"dims": _dims(stage_widths=[256] * 5)}, "does not match its dimensions"),
    ({"dims": _dims(stage_widths=[10**6] * 5)}, "stage_widths"),
    ({"dims": _dims(stage_blocks=[10**6] * 5)}, "stage_blocks"),
    ({"dims": _dims(input_size="416")}, "input_size"),
    ({"dims": _dims(input_size=100)}, "multiple of 32"),
    ({"dims": _dims(word_attention="yes")}, "word_attention"),
    ({"dims": _dims(dropout=float("nan"))}, "dropout"),
    ({"dims": _dims(vocab_size=True)}, "vocab_size"),
    ({"dims": _dims(extra_field=1)}, "extra_field"),
    ({"dims": _dims(hidden_dim=12)}, "shape"),
    ({"dims": "[" * 100_000 + "]" * 100_000}, "corrupt metadata"),
]


@pytest.mark.parametrize(
    ("meta", "words"), CASES, ids=[f"{next(iter(c[0]))}:{i}" for i, c in enumerate(CASES)]
)
def test_bad_metadata_is_one_model_error(ckpt, meta, words):
    _rewrite(ckpt, meta)
    with pytest.raises(ModelError) as e:
        load_checkpoint(ckpt)
    assert words in str(e.value) and "\n" not in str(e.value)


def test_huge_dimensions_are_refused_by_the_parameter_ceiling(ckpt):
    """Widths under the per-field bound but a model over the ceiling: refused from the header."""
    _rewrite(ckpt, {"dims": _dims(stage_widths=[4096] * 5, stage_blocks=[8] * 5)})
    start = time.perf_counter()
    with pytest.raises(ModelError, match="parameters, more than"):
        load_checkpoint(ckpt)
    assert time.perf_counter() - start < 20


def test_truncated_body_is_a_model_error(ckpt):
    data = ckpt.read_bytes()
    ckpt.write_bytes(data[: len(data) - 100])
    with pytest.raises(ModelError):
        load_checkpoint(ckpt)


def test_good_checkpoint_still_loads(ckpt):
    loaded = load_checkpoint(ckpt)
    assert loaded.dims == DIMS and loaded.threshold == 0.4 and loaded.summary == {"epochs": 3}


MEMORY_PROBE = textwrap.dedent(
    """
    import resource, sys
    from rpipp_gui.brppnet.checkpoint import load_checkpoint
    from rpipp_gui.errors import ModelError
    import torch
    torch.zeros(1)  # start torch's allocator before measuring
    vm = [int(l.split()[1]) * 1024 for l in open('/proc/self/status') if l.startswith('VmSize:')][0]
    budget = vm + int(sys.argv[2]) * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
    try:
        load_checkpoint(sys.argv[1])
    except ModelError as e:
        print('refused:', e)
        sys.exit(0)
    print('loaded')
    sys.exit(1)
    """
)


def test_header_claiming_a_huge_model_is_refused_within_bounded_memory(ckpt):
    """The battery's file: a small checkpoint whose header says stage_widths 4096 built the model
    first (8.96 GB RSS). Under an address-space limit of +1 GiB it must be refused, not crash."""
    _rewrite(ckpt, {"dims": _dims(stage_widths=[4096] * 5)})
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(ckpt), "1024"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert "refused:" in r.stdout


def test_cli_with_a_bad_checkpoint_exits_2_in_one_line(ckpt, tmp_path, capsys):
    _rewrite(ckpt, {"threshold": '"abc"'})
    photo = tmp_path / "p.png"
    Image.fromarray(np.full((64, 64, 3), 100, np.uint8)).save(photo)
    code = main(["protect", str(photo), "--say", "the man", "--engine", "brppnet", "--checkpoint", str(ckpt)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "threshold" in err
    assert not list(tmp_path.glob("*.protected.*"))
