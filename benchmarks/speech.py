"""Speech benchmark: model load, decode time per clip per backend, word error rate, and end-of-speech
to text latency with the streaming decoder (clips played as a microphone in real time).

    .venv/bin/python benchmarks/speech.py [--backends faster-whisper openai-whisper] [--hard] [--real]

Goals (issue 5): end of speech -> text within 1.0 s for a ~3 s command on 2 cores; WER <= 10 %.
``--real`` (issue 13): word error rate on recorded human voices (``tests/speech/data/recorded``, from
the pocketsphinx 5.1.1 sdist, see scripts/extract_speech_clips.py) and on the espeak command clips,
without an initial prompt and with the command-vocabulary prompt (``normalize.COMMAND_PROMPT``).
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
from rpipp_gui.speech.normalize import COMMAND_PROMPT, tokenize  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from speech_sim import COMMAND_CLIPS, ArrayStream, synthesize  # noqa: E402 - a test stand-in

from rpipp_gui.speech.streaming import StreamingTranscriber  # noqa: E402
from rpipp_gui.speech.transcribe import DecodeOptions  # noqa: E402

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


RECORDED = Path(__file__).resolve().parents[1] / "tests" / "speech" / "data" / "recorded"
# Commands whose place words tiny models mishear ("foreground" as "forehead", "background" as "back round").
PLACE_TEXTS = (
    "hide the person at the rear", "blur the man in the rear", "hide the woman in the foreground",
    "pixelate the man in the background", "blur the second person from the left",
    "hide the person on the far right", "cover the man behind the woman", "blur the kid in the middle",
    "hide the man at the top left", "blur the woman at the bottom right", "hide the person next to the bride",
    "blur the man facing away",
)  # fmt: skip
PLACE_VOICES = (("en-us", 150), ("en-gb", 140), ("en+f3", 145))


def recorded_clips() -> list[tuple[str, np.ndarray]]:
    """(transcript, [N] float32 16 kHz) of the recorded human voices."""
    import csv
    import wave

    out = []
    with open(RECORDED / "transcripts.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            with wave.open(str(RECORDED / row["file"])) as w:
                pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
            out.append((row["transcript"], pcm.astype(np.float32) / 32768.0))
    return out


def bench_prompts(name: str, sets: dict[str, list]) -> None:
    """WER of each clip set without an initial prompt and with the command vocabulary."""
    tr = make_transcriber(name)
    tr.load()
    for prompt_name, prompt in (("no prompt", None), ("command prompt", COMMAND_PROMPT)):
        for label, clips in sets.items():
            errors = words = 0
            for text, audio in clips:
                r = tr.transcribe(audio, DecodeOptions(initial_prompt=prompt))
                e, n = word_errors(text, r.text)
                errors, words = errors + e, words + n
                if e:
                    print(f"  [{prompt_name}] {text!r} -> {r.text!r}")
            wer = 100.0 * errors / words
            print(f"[{name}] {label}, {prompt_name}: WER {wer:.1f} % ({errors}/{words} words)")


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
    ap.add_argument("--real", action="store_true", help="only the recorded voices, with and without prompt")
    args = ap.parse_args()
    if args.real:
        print("load before:", uptime(), f"| cpus {os.cpu_count()}")
        commands = [(text, synthesize(text, voice, speed)) for voice, speed, text in COMMAND_CLIPS]
        places = [(t, synthesize(t, voice, speed)) for t in PLACE_TEXTS for voice, speed in PLACE_VOICES]
        sets = {"recorded voices": recorded_clips(), "espeak commands": commands, "espeak places": places}
        for name in args.backends:
            bench_prompts(name, sets)
        print("\nload after:", uptime())
        return 0
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
