"""Extract a few recorded human voices from the ``pocketsphinx==5.1.1`` sdist into the speech tests.

Usage:  python scripts/extract_speech_clips.py [SDIST.tar.gz]

Without an argument it runs ``pip download --no-binary :all: --no-deps pocketsphinx==5.1.1`` into a
temporary folder and takes the tarball as it is (nothing is built or installed). The clips and
their transcripts come from the sdist's ``test/data/`` (BSD licence, Carnegie Mellon University;
the notice is copied next to them). Written to ``tests/speech/data/recorded/``: 16 kHz mono 16-bit
WAV files and ``transcripts.tsv`` (file, transcript, source). Run once by a maintainer; the files
are committed (about 0.5 MB).
"""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import tempfile
import wave
from pathlib import Path

import numpy as np

VERSION = "5.1.1"
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "speech" / "data" / "recorded"
TOP = f"pocketsphinx-{VERSION}"
# (member in the sdist, output name, transcript). Raw files are 16 kHz 16-bit little-endian mono.
CLIPS = (
    ("test/data/goforward.raw", "goforward.wav", "go forward ten meters"),
    ("test/data/cards/001.wav", "cards_001.wav", "ten of clubs"),
    ("test/data/cards/002.wav", "cards_002.wav", "four queen of clubs"),
    ("test/data/cards/003.wav", "cards_003.wav", "seven of clubs"),
    ("test/data/cards/004.wav", "cards_004.wav", "five five"),
    ("test/data/cards/005.wav", "cards_005.wav", "eight of spades four of clubs seven of hearts"),
    (
        "test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav",
        "librivox_0880.wav",
        "he was not an ill disposed young man",
    ),
    (
        "test/data/librivox/sense_and_sensibility_01_austen_64kb-0930.wav",
        "librivox_0930.wav",
        "he might even have been made amiable himself",
    ),
)


def _sdist(arg: str | None, tmp: Path) -> Path:
    if arg:
        return Path(arg)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps",
         f"pocketsphinx=={VERSION}", "-d", str(tmp)],
        check=True,
    )  # fmt: skip
    return next(tmp.glob("pocketsphinx-*.tar.gz"))


def _samples(name: str, data: bytes) -> np.ndarray:
    """int16 mono 16 kHz samples of a raw or WAV member."""
    if name.endswith(".raw"):
        return np.frombuffer(data, dtype="<i2")
    with wave.open(io.BytesIO(data)) as w:
        if w.getframerate() != 16000 or w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise SystemExit(f"{name}: expected 16 kHz mono 16-bit, got {w.getparams()}")
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")


def _extract(tar: tarfile.TarFile) -> tuple[list[str], str]:
    rows = ["file\ttranscript\tsource"]
    for member, out_name, transcript in CLIPS:
        samples = _samples(member, tar.extractfile(f"{TOP}/{member}").read())
        with wave.open(str(OUT / out_name), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(16000)
            w.writeframes(samples.astype("<i2").tobytes())
        rows.append(f"{out_name}\t{transcript}\tpocketsphinx=={VERSION} {member}")
        print(f"{out_name}: {samples.size / 16000:.2f} s  {transcript!r}")
    return rows, tar.extractfile(f"{TOP}/LICENSE").read().decode("utf-8")


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        sdist = _sdist(argv[0] if argv else None, Path(tmp))
        with tarfile.open(sdist) as tar:  # the sdist is read, never built or installed
            rows, licence = _extract(tar)
    (OUT / "transcripts.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (OUT / "LICENSE-pocketsphinx.txt").write_text(
        "The recordings in this folder are taken unchanged (raw files wrapped as WAV) from the test\n"
        f"data of the pocketsphinx {VERSION} source distribution on PyPI, under its BSD licence:\n\n"
        + licence,
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
