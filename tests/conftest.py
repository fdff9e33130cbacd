"""Shared test set-up: Qt runs offscreen, hypothesis without deadlines, markers for slow / gui / gpu
tests."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# No per-example time limit: tests assert behaviour, never speed (benchmarks/ measure that). An NMS
# property test failed once on a loaded 2-core machine and never in 20,000 examples on a quiet one
# (most likely hypothesis's default 200 ms deadline).
settings.register_profile("rpipp", deadline=None)
settings.load_profile("rpipp")


def pytest_collection_modifyitems(config, items):
    # the marker, not the keyword: keywords hold every name up the tree, the checkout's folder too
    # (a clone in a folder called "gpu" would skip every test)
    gpu_items = [item for item in items if item.get_closest_marker("gpu") is not None]
    if not gpu_items:
        return
    try:
        import torch

        has_cuda = torch.cuda.is_available()
    except Exception:  # torch missing or broken: no GPU tests
        has_cuda = False
    if has_cuda:
        return
    skip_gpu = pytest.mark.skip(reason="needs a CUDA GPU")
    for item in gpu_items:
        item.add_marker(skip_gpu)
