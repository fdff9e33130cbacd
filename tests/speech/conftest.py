"""Fixtures for the speech tests: espeak-ng clips and the real tiny.en models, loaded once."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from speech_sim import COMMAND_CLIPS, synthesize

requires_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None or shutil.which("sox") is None, reason="needs espeak-ng and sox"
)

# A spread of voices and speeds that both backends must agree on.
AGREEMENT_CLIPS = tuple(COMMAND_CLIPS[i] for i in (0, 2, 3, 4, 6, 9))


@pytest.fixture(scope="session")
def speech_clips() -> list[tuple[str, np.ndarray]]:
    """(sentence, [N] float32 16 kHz) for AGREEMENT_CLIPS."""
    if shutil.which("espeak-ng") is None or shutil.which("sox") is None:
        pytest.skip("needs espeak-ng and sox")
    return [(text, synthesize(text, voice, speed)) for voice, speed, text in AGREEMENT_CLIPS]


@pytest.fixture(scope="session")
def noise_clips() -> dict[str, np.ndarray]:
    """Clips with no speech: silence, white noise, pink noise, a hum, a cough-like burst."""
    rng = np.random.default_rng(7)
    n = 3 * 16000
    white = rng.standard_normal(n) * 0.1
    spec = np.fft.rfft(rng.standard_normal(n))
    spec /= np.sqrt(np.arange(1, spec.size + 1))
    pink = np.fft.irfft(spec, n)
    pink = pink / np.abs(pink).max() * 0.3
    t = np.arange(n) / 16000
    hum = 0.2 * np.sin(2 * np.pi * 50 * t) + 0.05 * np.sin(2 * np.pi * 150 * t)
    cough = np.zeros(n)
    burst = rng.standard_normal(4000) * np.exp(-np.arange(4000) / 800) * 0.6
    cough[16000:20000] = burst
    return {
        "silence": np.zeros(n, np.float32),
        "white": white.astype(np.float32),
        "pink": pink.astype(np.float32),
        "hum": hum.astype(np.float32),
        "cough": cough.astype(np.float32),
    }


@pytest.fixture(scope="session")
def faster_transcriber():
    from rpipp_gui.speech import make_transcriber

    t = make_transcriber("faster-whisper")
    t.load()
    return t


@pytest.fixture(scope="session")
def whisper_cache(tmp_path_factory):
    """RPIPP_CACHE_DIR for the session: the packaged tiny.en is converted there once."""
    d = tmp_path_factory.mktemp("rpipp-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RPIPP_CACHE_DIR", str(d))
        yield d


@pytest.fixture(scope="session")
def converted_checkpoint(whisper_cache):
    """The packaged CTranslate2 tiny.en converted to an openai-whisper checkpoint (default path)."""
    from rpipp_gui.speech.openai_backend import packaged_checkpoint

    return packaged_checkpoint()


@pytest.fixture(scope="session")
def openai_transcriber(converted_checkpoint):
    from rpipp_gui.speech import make_transcriber

    t = make_transcriber("openai-whisper", model=str(converted_checkpoint), device="cpu")
    t.load()
    return t
