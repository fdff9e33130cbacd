"""The microphone path of the real window: a recorded sentence played by an ALSA file device."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]
HERE = Path(__file__).resolve().parent


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng to record the sentence")
def test_spoken_sentence_through_alsa_file_device_selects_the_person(tmp_path, photo):
    from speech_sim import synthesize

    speech = synthesize("hide the second person from the right", "en-us", 150)
    silence = np.zeros(16000, np.float32)
    clip = np.concatenate([silence / 2, speech, silence, silence])  # hands-free stops on the silence
    raw = tmp_path / "mic.f32"
    clip.astype("<f4").tofile(raw)
    config = tmp_path / "config"
    (config / "alsa").mkdir(parents=True)
    (config / "alsa" / "asoundrc").write_text(
        f'pcm.testmic {{ type file slave.pcm "null" file "/dev/null" infile "{raw}" format "raw" }}\n'
    )
    ini = tmp_path / "settings.ini"
    ini.write_text("[General]\nmicrophone=testmic\n")
    env = {**os.environ, "XDG_CONFIG_HOME": str(config), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, str(HERE / "voice_driver.py"), str(photo), str(ini)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, proc.stdout + proc.stderr
    got = json.loads(lines[-1])
    assert proc.returncode == 0, got
    assert "second person from the right" in got["text"].lower()
    leftmost = min(range(len(got["centers"])), key=lambda i: got["centers"][i])
    assert got["selected"] == [leftmost]  # two people: the second from the right is the left one
    assert got["max_level"] > 0.2  # the level meter moved
    assert {"Listening…", "Transcribing…"} <= set(got["states"])
    assert got["result"].startswith(f"Hid #{leftmost + 1}")
