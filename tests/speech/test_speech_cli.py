"""``rpipp transcribe``: text on stdout, empty line for noise, clear errors."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from rpipp_gui.cli import main
from rpipp_gui.speech.audio import write_wav


@pytest.mark.slow
def test_transcribe_prints_the_command(tmp_path, speech_clips, capsys):
    text, audio = speech_clips[2]
    clip = write_wav(tmp_path / "c.wav", audio)
    assert main(["transcribe", str(clip)]) == 0
    assert capsys.readouterr().out.strip() == text


def test_transcribe_backend_options_reach_the_backend(tmp_path, speech_clips, capsys):
    clip = write_wav(tmp_path / "c.wav", speech_clips[0][1])
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"not a checkpoint")
    assert main(["transcribe", str(clip), "--backend", "openai-whisper", "--model", str(bad)]) == 2
    assert "bad.pt is not a usable openai-whisper checkpoint" in capsys.readouterr().err


def test_transcribe_noise_prints_empty_line(tmp_path, noise_clips, capsys):
    clip = write_wav(tmp_path / "n.wav", noise_clips["white"])
    assert main(["transcribe", str(clip)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "\n" and "no command heard (no speech detected)" in captured.err


def test_transcribe_errors_exit_2(tmp_path, capsys):
    assert main(["transcribe", str(tmp_path / "missing.wav")]) == 2
    assert "audio file not found" in capsys.readouterr().err
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"nope")
    assert main(["transcribe", str(bad)]) == 2
    long = write_wav(tmp_path / "long.wav", np.zeros(31 * 16000, np.float32))
    assert main(["transcribe", str(long)]) == 2
    assert "too long" in capsys.readouterr().err


def test_help_does_not_import_heavy_packages():
    code = (
        "import sys, argparse; import rpipp_gui.speech;"
        "from rpipp_gui.cli import transcribe, convert_whisper, speech_input;"
        "sub = argparse.ArgumentParser().add_subparsers();"
        "transcribe.add_parser(sub); convert_whisper.add_parser(sub);"
        "heavy = [m for m in ('torch', 'whisper', 'faster_whisper', 'sounddevice', 'ctranslate2') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
