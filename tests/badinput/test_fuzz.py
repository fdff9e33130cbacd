"""Hypothesis fuzzing of the session loader, the mask reader, the audio reader and the CLI (issue 14).

Property, for every input: a result or a domain error (RpippError; exit 2 or 3 from the CLI, or
argparse's exit 2), never another exception, and no input file changed. ``test_fuzzing_runs_in_
bounded_memory`` runs these same tests again in a subprocess under an address-space limit.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from rpipp_gui.errors import RpippError

ROOT = Path(__file__).resolve().parents[2]
FUZZ = settings(
    max_examples=int(os.environ.get("RPIPP_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
H, W = 24, 32


def _digest(*paths: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "-" for p in paths]


@pytest.fixture(scope="module")
def world():
    """One folder with a photo, a session of it, a mask and a WAV (made once for all examples)."""
    from rpipp_gui.people.person import Person
    from rpipp_gui.session import Session
    from rpipp_gui.session.store import save_session
    from rpipp_gui.speech.audio import write_wav

    d = Path(tempfile.mkdtemp(prefix="rpipp-fuzz-"))
    rgb = np.random.default_rng(0).integers(0, 255, (H, W, 3), dtype=np.uint8)
    Image.fromarray(rgb).save(d / "photo.png")
    Image.fromarray(np.zeros((1, 1, 3), np.uint8)).save(d / "dot.png")
    s = Session()
    s.open(d / "photo.png")
    m = np.zeros((H, W), bool)
    m[2:12, 3:9] = True
    s.set_people([Person((3, 2, 9, 12), mask=m, source="t")])
    s.toggle_person(0)
    s.paint([(20, 20), (25, 20)], 2)
    save_session(s, d / "s.rpipp.json")
    mask = np.zeros((H, W), np.uint8)
    mask[5:10, 5:10] = 255
    Image.fromarray(mask).save(d / "mask.png")
    write_wav(d / "clip.wav", 0.3 * np.sin(np.arange(1600) / 5.0))
    return d


# ---- session loader -------------------------------------------------------------------------------
JSON_LEAF = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
)
JSON = st.recursive(
    JSON_LEAF,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=6), kids, max_size=4),
    max_leaves=12,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):
            yield from _paths(v, (*prefix, i))


def _mutate(doc, path, value):
    if not path:
        return value
    d = copy.deepcopy(doc)
    node = d
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    return d


@FUZZ
@given(data=st.data())
def test_fuzz_session_loader(world, data):
    from rpipp_gui.session.store import load_session

    base = json.loads((world / "s.rpipp.json").read_text())
    doc = base
    for _ in range(data.draw(st.integers(1, 3))):
        paths = list(_paths(doc))
        path = data.draw(st.sampled_from(paths))
        doc = _mutate(doc, path, data.draw(JSON))
    f = world / "fuzz.rpipp.json"
    f.write_text(json.dumps(doc))
    before = _digest(world / "photo.png", f)
    try:
        session = load_session(f)
    except RpippError:
        pass
    else:
        assert session.shape == (H, W)
        while session.undo():
            pass
        while session.redo():
            pass
    assert _digest(world / "photo.png", f) == before


@FUZZ
@given(
    raw=st.binary(max_size=400), cut=st.integers(0, 4000), flips=st.lists(st.integers(0, 4000), max_size=6)
)
def test_fuzz_session_bytes(world, raw, cut, flips):
    from rpipp_gui.session.store import load_session

    text = bytearray((world / "s.rpipp.json").read_bytes())
    for i in flips:
        if i < len(text):
            text[i] = (text[i] + 7) % 256
    f = world / "fuzzb.rpipp.json"
    f.write_bytes(bytes(text[: max(cut, 1)]) + raw)
    with contextlib.suppress(RpippError):
        load_session(f)


# ---- mask reader ----------------------------------------------------------------------------------
def _mask_bytes(kind: str, h: int, w: int) -> bytes:
    buf = io.BytesIO()
    arr = np.random.default_rng(h * 31 + w).integers(0, 255, (h, w), dtype=np.uint8)
    mode = {"L": "L", "RGB": "RGB", "RGBA": "RGBA", "1": "1", "I;16": "I;16", "P": "P"}[kind]
    Image.fromarray(arr).convert(mode).save(buf, "PNG")
    return buf.getvalue()


@FUZZ
@given(
    kind=st.sampled_from(["L", "RGB", "RGBA", "1", "I;16", "P"]),
    h=st.integers(1, 40),
    w=st.integers(1, 40),
    cut=st.integers(0, 2000),
    flips=st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 255)), max_size=4),
)
def test_fuzz_mask_reader(world, kind, h, w, cut, flips):
    from rpipp_gui.imaging.masks import load_mask

    data = bytearray(_mask_bytes(kind, h, w))
    for i, v in flips:
        if i < len(data):
            data[i] = v
    if cut:
        data = data[:cut]
    p = world / "fuzzmask.png"
    p.write_bytes(bytes(data))
    try:
        m = load_mask(p, size=(w, h))
    except RpippError:
        return
    assert m.dtype == bool and m.shape == (h, w)


# ---- audio reader ---------------------------------------------------------------------------------
def _wav(fmt_tag: int, channels: int, rate: int, bits: int, frames: bytes, claim: int | None) -> bytes:
    block = channels * max(1, bits // 8)
    fmt = struct.pack("<HHIIHH", fmt_tag, channels, rate, (rate * block) % 2**32, block % 2**16, bits)
    size = len(frames) if claim is None else claim
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", size) + frames
    return b"RIFF" + struct.pack("<I", len(body)) + body


@FUZZ
@given(
    fmt_tag=st.sampled_from([1, 3, 6, 7, 0xFFFE, 0, 2, 99]),
    channels=st.integers(0, 70),
    rate=st.sampled_from([0, 1, 8000, 16000, 44100, 192000, 2**31 - 1]) | st.integers(0, 2**32 - 1),
    bits=st.sampled_from([0, 1, 8, 16, 24, 32, 64, 7]),
    frames=st.binary(max_size=600),
    claim=st.none() | st.integers(0, 2**32 - 1),
    cut=st.integers(0, 800),
)
def test_fuzz_audio_reader(world, fmt_tag, channels, rate, bits, frames, claim, cut):
    from rpipp_gui.speech.audio import load_audio

    data = _wav(fmt_tag, channels, rate, bits, frames, claim)
    p = world / "fuzz.wav"
    p.write_bytes(data[:cut] if cut else data)
    try:
        x = load_audio(p)
    except RpippError:
        return
    assert x.dtype == np.float32 and x.ndim == 1 and np.isfinite(x).all()


# ---- CLI ------------------------------------------------------------------------------------------
VALUES = st.sampled_from(
    ["0", "-1", "1e309", "inf", "nan", "0.5", "9" * 30, "", "#zz", "black", "1,2,3", "x.png", "-", "--"]
)


@FUZZ
@given(data=st.data())
def test_fuzz_cli_arguments(world, data, capsys):
    """Random argument lists for info / protect --mask / people / transcribe: exit 0, 2 or 3 with
    a one-line error, and the input files unchanged."""
    from rpipp_gui.cli import main

    out_dir = Path(tempfile.mkdtemp(dir=world))
    files = {
        "photo": str(world / "photo.png"),
        "dot": str(world / "dot.png"),
        "mask": str(world / "mask.png"),
        "session": str(world / "s.rpipp.json"),
        "wav": str(world / "clip.wav"),
        "folder": str(world),
        "missing": str(world / "missing.png"),
        "out": str(out_dir / "o.png"),
        "outjpg": str(out_dir / "o.jpg"),
    }
    file = st.sampled_from(list(files.values()))
    command = data.draw(st.sampled_from(["info", "protect", "people", "transcribe", "eval", "train", "nope"]))
    argv = [command]
    if command in ("eval", "train", "nope"):
        argv.append(data.draw(st.sampled_from([files["photo"], files["missing"], files["folder"]])))
    elif command == "people":
        argv.append(files["dot"])  # 1x1: nobody, without loading the finder's models
    elif command == "transcribe":
        argv.append(data.draw(st.sampled_from([files["folder"], files["missing"], files["photo"]])))
    else:
        argv.append(data.draw(file))
    if command == "protect":
        argv += ["--mask", data.draw(file)]
    options = {
        "protect": [
            "--style",
            "--strength",
            "--feather",
            "--color",
            "--quality",
            "-o",
            "--mask-out",
            "--explain",
        ],
        "info": ["--json"],
        "people": ["--json"],
        "transcribe": ["--json"],
        "eval": ["--threshold", "--limit", "--json"],
        "train": ["--epochs", "--threads", "--max-minutes"],
        "nope": ["--json"],
    }[command]
    for _ in range(data.draw(st.integers(0, 4))):
        opt = data.draw(st.sampled_from(options))
        argv.append(opt)
        if opt in ("-o", "--mask-out"):
            argv.append(data.draw(file | st.sampled_from([files["out"], files["outjpg"]])))
        elif opt not in ("--explain", "--json"):
            argv.append(data.draw(VALUES | st.sampled_from(["solid", "blur", "mosaic", "face"])))
    # Files this command reads must not change; a file named only as an output (-o, --mask-out) may.
    read = {argv[1]} | {argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--mask"}
    written = {argv[i + 1] for i, a in enumerate(argv[:-1]) if a in ("-o", "--mask-out")}
    world_files = [files[k] for k in ("photo", "dot", "mask", "session", "wav")]
    inputs = [Path(f) for f in world_files if f in read or f not in written]
    before = _digest(*inputs)
    try:
        code = main(argv)
    except SystemExit as e:
        code = e.code
    err = capsys.readouterr().err
    assert code in (0, 2, 3), (argv, err)
    if code != 0 and command != "transcribe":
        assert "Traceback" not in err
    if code == 2:
        lines = [line for line in err.strip().splitlines() if "warning" not in line]
        assert len(lines) == 1, (argv, err)
    assert _digest(*inputs) == before, argv


# ---- memory ---------------------------------------------------------------------------------------
BOUNDED = textwrap.dedent(
    """
    import resource, sys
    import pytest, hypothesis, numpy, PIL.Image, pydantic, soundfile, scipy.signal
    import rpipp_gui.cli, rpipp_gui.session.store, rpipp_gui.speech.audio, rpipp_gui.imaging.masks
    # what rpipp train / eval import: libraries map their code and pools once, before the limit
    import torch, rpipp_gui.brppnet.checkpoint, rpipp_gui.brppnet.config, rpipp_gui.brppnet.train
    import rpipp_gui.brppnet.evaluate
    torch.zeros(1)
    vm = [int(l.split()[1]) * 1024 for l in open('/proc/self/status') if l.startswith('VmSize:')][0]
    budget = vm + int(sys.argv[1]) * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
    sys.exit(pytest.main([sys.argv[2], '-q', '-x', '-p', 'no:cacheprovider', '-k', 'fuzz and not bounded']))
    """
)


@pytest.mark.slow
def test_fuzzing_runs_in_bounded_memory():
    """The fuzz tests above, again, in a process whose address space may grow by 1 GiB at most: any
    input that made a reader allocate more would fail there with MemoryError."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), RPIPP_FUZZ_EXAMPLES="40")
    r = subprocess.run(
        [sys.executable, "-c", BOUNDED, "1024", __file__],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        cwd=str(ROOT),
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]


def test_hostile_session_within_bounded_memory(tmp_path):
    """The battery's 9.31 GiB mask request and a file of 200 full-size people on a 4000x3000 photo,
    both refused under a +512 MiB address-space limit."""
    from rpipp_gui.session.store import file_sha256

    photo = tmp_path / "big.png"
    Image.fromarray(np.zeros((3000, 4000, 3), np.uint8)).save(photo)
    base = {
        "format": "rpipp-session",
        "version": 1,
        "photo": str(photo),
        "photo_sha256": file_sha256(photo),
        "size": [3000, 4000],
        "mask": {"size": [100000, 100000], "counts": [10_000_000_000]},
    }
    (tmp_path / "a.rpipp.json").write_text(json.dumps(base))
    full = {"box": [0, 0, 5, 5], "mask": {"size": [3000, 4000], "counts": [12_000_000]}}
    many = dict(base, mask=full["mask"], people=[full] * 200)
    (tmp_path / "b.rpipp.json").write_text(json.dumps(many))
    probe = textwrap.dedent(
        """
        import resource, sys
        from rpipp_gui.session.store import load_session, SessionFileError
        vm = [int(l.split()[1]) * 1024 for l in open('/proc/self/status') if l.startswith('VmSize:')][0]
        resource.setrlimit(resource.RLIMIT_AS, (vm + 512 * 2**20,) * 2)
        for f in sys.argv[1:]:
            try:
                load_session(f)
            except SessionFileError as e:
                print('refused', str(e)[-60:])
        """
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "a.rpipp.json"), str(tmp_path / "b.rpipp.json")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.count("refused") == 2, r.stdout
