"""Speech benchmark: model load, decode time per clip per backend, word error rate, and end-of-speech
to text latency with the streaming decoder (clips played as a microphone in real time).

    .venv/bin/python benchmarks/speech.py [--backends faster-whisper openai-whisper] [--hard]

Goals (issue 5): end of speech -> text within 1.0 s for a ~3 s command on 2 cores; WER <= 10 %.
Prints `uptime` before and after: the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rpipp_gui.speech import make_transcriber  # noqa: E402
from rpipp_gui.speech.capture import MicrophoneCapture  # noqa: E402
from rpipp_gui.speech.normalize import tokenize  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from speech_sim import COMMAND_CLIPS, ArrayStream, synthesize  # noqa: E402 - a test stand-in

from rpipp_gui.speech.streaming import StreamingTranscriber  # noqa: E402

SR = 16000
HARD_VOICES = ("en+f4", "en-gb+m1", "en-us+f3")
LATENCY_CLIPS = (
    ("en-us", 140, "blur the woman in the red jacket on the left"),
    ("en-gb", 140, "hide the second person from the right side"),
    ("en+f3", 130, "pixelate everyone except the man in the middle"),
)


def word_errors(ref: str, hyp: str) -> tuple[int, int]:
    """(edit distance in words, reference length)."""
    r, h = tokenize(ref), tokenize(hyp)
    d = list(range(len(h) + 1))
    for i in range(1, len(r) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(h) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (r[i - 1] != h[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(h)], len(r)


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def bench_backend(name: str, clips, label: str) -> tuple[int, int]:
    t0 = time.perf_counter()
    tr = make_transcriber(name)
    tr.load()
    print(f"\n[{name}] load + warm-up decode: {time.perf_counter() - t0:.2f} s")
    errors = words = 0
    times, cpu = [], []
    for text, audio in clips:
        c0 = time.process_time()
        r = tr.transcribe(audio)
        cpu.append(time.process_time() - c0)
        e, n = word_errors(text, r.text)
        errors, words = errors + e, words + n
        times.append(r.decode_s)
        mark = "ok " if e == 0 else "ERR"
        print(
            f"  {mark} {audio.size / SR:4.2f} s audio  {r.decode_s:5.2f} s decode ({cpu[-1]:4.2f} cpu-s)  "
            f"{text!r} -> {r.text!r}"
        )
    print(
        f"[{name}] {label}: WER {100.0 * errors / words:.1f} % ({errors}/{words} words), decode per clip "
        f"median {statistics.median(times):.2f} s, mean {statistics.mean(times):.2f} s, "
        f"max {max(times):.2f} s; cpu-seconds per clip median {statistics.median(cpu):.2f}"
    )
    return errors, words


def bench_latency(name: str, runs: int) -> None:
    tr = make_transcriber(name)
    tr.load()
    print(f"\n[{name}] end of speech -> text, clips played in real time as a microphone")
    for mode in ("handsfree", "push", "push-no-streaming"):
        lat = []
        for voice, speed, text in LATENCY_CLIPS[:runs]:
            clip = synthesize(text, voice, speed)
            speech_end = int(np.flatnonzero(np.abs(clip) > 0.01)[-1]) + 1
            audio = np.concatenate([np.zeros(SR // 2, np.float32), clip])
            end_sample = SR // 2 + speech_end
            factory = ArrayStream.factory(audio, realtime=True)
            mic = MicrophoneCapture(stream_factory=factory)
            if mode == "handsfree":
                stream = StreamingTranscriber(tr, mic)
                stream.start("handsfree")
                result = stream.wait(60)
                done = stream.finished_at
            else:
                # the user lets go of the key 0.3 s after the last word
                stream = StreamingTranscriber(tr, mic, pause_s=0.25 if mode == "push" else 1e9)
                stream.start("push")
                while factory.last is None or factory.last.start_time is None:
                    time.sleep(0.005)
                release = factory.last.start_time + end_sample / SR + 0.3
                time.sleep(max(0.0, release - time.perf_counter()))
                result = stream.finish()
                done = stream.finished_at
            mic.close()
            spoken_end = factory.last.start_time + end_sample / SR
            lat.append(done - spoken_end)
            print(
                f"  {mode:18s} {clip.size / SR:4.2f} s clip  latency {lat[-1]:5.2f} s  "
                f"speculative hit {stream.speculative_hits}  {result.text!r}"
            )
        print(f"  {mode}: median {statistics.median(lat):.2f} s, max {max(lat):.2f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backends", nargs="+", default=["faster-whisper", "openai-whisper"])
    ap.add_argument("--hard", action="store_true", help="also the hard espeak voices (faster-whisper)")
    ap.add_argument("--latency-runs", type=int, default=3)
    ap.add_argument("--latency-only", action="store_true", help="skip the word error rate part")
    args = ap.parse_args()
    os.environ.setdefault("RPIPP_CACHE_DIR", tempfile.mkdtemp(prefix="rpipp-bench-"))
    print("load before:", uptime(), f"| cpus {os.cpu_count()}")
    clips = [(text, synthesize(text, voice, speed)) for voice, speed, text in COMMAND_CLIPS]
    print(f"{len(clips)} clips, {sum(a.size for _, a in clips) / SR:.1f} s of speech")
    for name in [] if args.latency_only else args.backends:
        bench_backend(name, clips, "clip set")
    if args.hard and not args.latency_only:
        hard = [(t, synthesize(t, v, s)) for v in HARD_VOICES for _, s, t in COMMAND_CLIPS]
        bench_backend("faster-whisper", hard, f"hard voices {', '.join(HARD_VOICES)}")
    for name in args.backends:
        bench_latency(name, args.latency_runs)
    print("\nload after:", uptime())
    return 0


if __name__ == "__main__":
    sys.exit(main())
