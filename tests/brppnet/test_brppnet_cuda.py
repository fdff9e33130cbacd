"""BRPPNet's CUDA paths, run where a CUDA GPU is (skipped elsewhere, CI included): training with
mixed precision (``[train] amp``) writes finite float32 checkpoints, a forward pass under autocast
stays close to the float32 one, and the engine, which runs the model in float16 on the GPU, gives
the CPU's probabilities and masks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from brppnet_tiny import TINY_CONFIG

pytestmark = [pytest.mark.gpu, pytest.mark.slow]

CUDA_CONFIG = TINY_CONFIG + 'device = "cuda"\namp = true\n'  # [train] is the last table


@pytest.fixture(scope="module")
def trained_on_gpu(tmp_path_factory):
    from rpipp_gui.brppnet.config import load_config
    from rpipp_gui.brppnet.train import train

    root = tmp_path_factory.mktemp("brppnet_cuda")
    path = root / "tiny.toml"
    path.write_text(CUDA_CONFIG)
    config = load_config(path)
    assert config.train.device == "cuda" and config.train.amp
    lines: list[str] = []
    train(config, progress=False, log=lines.append)
    return root / "run", lines


def test_mixed_precision_training_writes_finite_float32_checkpoints(trained_on_gpu):
    from safetensors import safe_open

    run, lines = trained_on_gpu
    rows = (run / "log.csv").read_text().strip().splitlines()
    assert len(rows) == 3, rows
    header = rows[0].split(",")
    for row in rows[1:]:
        loss = float(row.split(",")[header.index("train_loss")])
        assert math.isfinite(loss) and loss > 0, row
    with safe_open(str(run / "best.safetensors"), framework="pt") as f:
        names = f.keys()
        for name in names:
            t = f.get_tensor(name)
            if t.is_floating_point():
                assert t.dtype.itemsize == 4, name  # saved in float32, whatever trained in float16
                assert bool(t.isfinite().all()), name


def test_autocast_forward_stays_close_to_float32(trained_on_gpu):
    import torch

    from rpipp_gui.brppnet.checkpoint import load_checkpoint

    run, _ = trained_on_gpu
    model = load_checkpoint(run / "best.safetensors", torch.device("cuda")).model.eval()
    g = torch.Generator(device="cpu").manual_seed(3)
    size = model.dims.input_size
    images = torch.rand(4, 3, size, size, generator=g).cuda()
    tokens = torch.randint(1, model.dims.vocab_size, (4, 6), generator=g).cuda()
    with torch.inference_mode():
        full = model(images, tokens).float().sigmoid()
        with torch.autocast("cuda", dtype=torch.float16):
            half = model(images, tokens).float().sigmoid()
    assert half.shape == full.shape
    assert float((half - full).abs().max()) < 0.02


def test_engine_in_float16_on_the_gpu_gives_the_cpus_masks(trained_on_gpu):
    import torch

    from rpipp_gui.brppnet.synthetic import make_scene
    from rpipp_gui.referring.brppnet_engine import BRPPNetEngine

    run, _ = trained_on_gpu
    scene = make_scene(7, 0, 80)
    image = np.ascontiguousarray(scene.image[:, :72])  # not square: letterboxed in and out
    gpu = BRPPNetEngine(run / "best.safetensors", device="cuda")
    cpu = BRPPNetEngine(run / "best.safetensors", device="cpu")
    assert gpu.device.type == "cuda" and next(gpu.model.parameters()).dtype == torch.float16
    for engine in (gpu, cpu):
        engine.set_image(image, people=[])
    for sentence in ("the man on the left", "blur the person on the right", "the woman in red"):
        p_gpu, p_cpu = gpu.probability(sentence), cpu.probability(sentence)
        assert p_gpu.shape == p_cpu.shape == image.shape[:2]
        assert float(np.abs(p_gpu.astype(np.float64) - p_cpu).max()) < 0.02, sentence
        m_gpu, m_cpu = gpu.ground(sentence).mask, cpu.ground(sentence).mask
        assert (m_gpu == m_cpu).mean() >= 0.99, sentence
