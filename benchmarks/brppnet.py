"""BRPPNet at the paper's size: parameter count, CPU latency per 416x416 image, peak memory, and GPU
latency / throughput (float16, as the engine runs it) and training-step time (float32 and mixed
precision, as ``rpipp train`` runs it) when CUDA is available.

    .venv/bin/python benchmarks/brppnet.py [--runs 3] [--threads 2] [--batch 8] [--train-batch 8]

Prints numbers only; the weights are random (latency does not depend on them).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import time


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="timed forward passes (after one warm-up)")
    ap.add_argument("--threads", type=int, default=2, help="CPU threads")
    ap.add_argument("--batch", type=int, default=8, help="GPU throughput batch size")
    ap.add_argument("--train-batch", type=int, default=8, help="GPU training-step batch size")
    args = ap.parse_args()

    import torch

    from rpipp_gui.brppnet import BRPPNet, BRPPNetDims

    torch.set_num_threads(args.threads)
    rss0 = _rss_mib()
    dims = BRPPNetDims()
    model = BRPPNet(dims).eval()
    parts = {
        "backbone (Darknet-53 + 6 head convs)": model.backbone,
        "text (embeddings + bi-GRU + attention)": model.text,
    }
    print(
        f"parameters: {model.count_parameters():,} "
        f"(paper dims: {dims.input_size} input, GRU {dims.rnn_hidden})"
    )
    for name, part in parts.items():
        print(f"  {name}: {sum(p.numel() for p in part.parameters()):,}")
    print(f"  weights in float32: {model.count_parameters() * 4 / 2**20:.0f} MiB")
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {load}")

    images = torch.rand(1, 3, dims.input_size, dims.input_size)
    tokens = torch.randint(1, dims.vocab_size, (1, 12))
    times = []
    with torch.inference_mode():
        model(images, tokens)  # warm-up
        for _ in range(args.runs):
            t = time.perf_counter()
            model(images, tokens)
            times.append(time.perf_counter() - t)
        feats = model.encode_image(images)
        t = time.perf_counter()
        model.decode(feats, tokens)
        decode_s = time.perf_counter() - t
    print(
        f"CPU ({args.threads} threads) latency per {dims.input_size}x{dims.input_size} image: "
        f"median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms "
        f"over {args.runs} runs"
    )
    print(f"  of which the per-sentence decode (engine.ground after set_image): {decode_s * 1000:.0f} ms")
    print(f"peak resident memory: {_rss_mib():.0f} MiB (process, {_rss_mib() - rss0:.0f} MiB above start)")

    if not torch.cuda.is_available():
        print("GPU: not measured (no CUDA device on this machine)")
        return
    gpu = model.cuda().half()
    name = torch.cuda.get_device_name()
    torch.cuda.reset_peak_memory_stats()
    with torch.inference_mode():
        for batch in (1, args.batch):
            x = torch.rand(batch, 3, dims.input_size, dims.input_size, device="cuda", dtype=torch.half)
            tk = torch.randint(1, dims.vocab_size, (batch, 12), device="cuda")
            for _ in range(3):
                gpu(x, tk)
            torch.cuda.synchronize()
            t = time.perf_counter()
            n = 20
            for _ in range(n):
                gpu(x, tk)
            torch.cuda.synchronize()
            dt = (time.perf_counter() - t) / n
            print(f"GPU {name} fp16 batch {batch}: {dt * 1000:.1f} ms per batch, {batch / dt:.0f} images/s")
    print(f"GPU peak memory: {torch.cuda.max_memory_allocated() / 2**20:.0f} MiB")
    for amp in (False, True):
        dt, peak = _train_steps(torch, BRPPNet(dims).cuda().train(), dims, args.train_batch, amp)
        print(
            f"GPU training step ({'mixed precision, fp16 autocast' if amp else 'float32'}), batch "
            f"{args.train_batch}: {dt * 1000:.1f} ms, {args.train_batch / dt:.0f} images/s, "
            f"peak memory {peak / 2**20:.0f} MiB"
        )


def _train_steps(torch, model, dims, batch: int, amp: bool, steps: int = 10) -> tuple[float, int]:
    """Seconds per training step (forward, balanced BCE, backward, Adam; as rpipp_gui.brppnet.train
    does, GradScaler and autocast when ``amp``) on random data, after three warm-up steps; and the
    peak GPU memory in bytes."""
    from rpipp_gui.brppnet.loss import get_loss

    loss_fn = get_loss("balanced_bce")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    scaler = torch.amp.GradScaler("cuda", enabled=amp)
    x = torch.rand(batch, 3, dims.input_size, dims.input_size, device="cuda")
    tk = torch.randint(1, dims.vocab_size, (batch, 12), device="cuda")
    torch.cuda.reset_peak_memory_stats()

    def step() -> None:
        with torch.autocast("cuda", dtype=torch.float16, enabled=amp):
            logits = model(x, tk)
        target = (torch.rand_like(logits, dtype=torch.float32) > 0.8).float()
        loss = loss_fn(logits.float(), target)
        optimizer.zero_grad(set_to_none=True)
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()

    for _ in range(3):
        step()
    torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(steps):
        step()
    torch.cuda.synchronize()
    return (time.perf_counter() - t) / steps, torch.cuda.max_memory_allocated()


if __name__ == "__main__":
    main()
