"""Both Whisper backends on the real tiny.en weights: right text, same text, nothing from noise."""

from __future__ import annotations

import numpy as np
import pytest

from rpipp_gui.errors import AudioError, ModelError
from rpipp_gui.speech import Transcriber, make_transcriber
from rpipp_gui.speech.transcribe import DecodeOptions

pytestmark = pytest.mark.slow


def test_faster_whisper_transcribes_commands(faster_transcriber, speech_clips):
    assert isinstance(faster_transcriber, Transcriber)
    right = 0
    for text, audio in speech_clips:
        r = faster_transcriber.transcribe(audio)
        assert r.backend == "faster-whisper" and r.model == "tiny.en" and not r.rejected
        assert r.duration_s == pytest.approx(audio.size / 16000)
        right += r.text == text
    assert right >= len(speech_clips) - 1


def test_backends_agree_on_real_weights(faster_transcriber, openai_transcriber, speech_clips):
    for text, audio in speech_clips:
        a = faster_transcriber.transcribe(audio)
        b = openai_transcriber.transcribe(audio)
        assert b.backend == "openai-whisper"
        assert a.text == b.text, (text, a.raw_text, b.raw_text)


@pytest.mark.parametrize("name", ["silence", "white", "pink", "hum", "cough"])
def test_noise_gives_empty_text(faster_transcriber, noise_clips, name):
    r = faster_transcriber.transcribe(noise_clips[name])
    assert r.text == "" and r.rejected


def test_noise_without_vad_is_caught_after_decoding(faster_transcriber, noise_clips):
    """With the gate off, Whisper's own no-speech/compression checks and the hallucination list
    still keep invented words out."""
    no_gate = DecodeOptions(vad=False)
    for name in ("silence", "white", "hum"):
        r = faster_transcriber.transcribe(noise_clips[name], no_gate)
        assert r.text == "", (name, r)


def test_openai_backend_noise_gives_empty_text(openai_transcriber, noise_clips):
    assert openai_transcriber.transcribe(noise_clips["pink"]).text == ""
    r = openai_transcriber.transcribe(noise_clips["silence"], DecodeOptions(vad=False))
    assert r.text == ""


def test_default_openai_model_is_converted_once(whisper_cache, converted_checkpoint):
    from rpipp_gui.speech.openai_backend import packaged_checkpoint

    assert converted_checkpoint.parent == whisper_cache / "whisper"
    before = converted_checkpoint.stat().st_mtime_ns
    assert packaged_checkpoint() == converted_checkpoint
    assert converted_checkpoint.stat().st_mtime_ns == before


def test_input_checks(faster_transcriber):
    with pytest.raises(AudioError, match="1-D"):
        faster_transcriber.transcribe(np.zeros((2, 16000), np.float32))
    with pytest.raises(AudioError, match="too long"):
        faster_transcriber.transcribe(np.zeros(31 * 16000, np.float32))
    assert faster_transcriber.transcribe(np.zeros(100, np.float32)).rejected == "too short"


def test_factory_errors(tmp_path):
    with pytest.raises(ModelError, match="unknown speech backend"):
        make_transcriber("kaldi")
    with pytest.raises(ModelError, match="unknown device"):
        make_transcriber(device="tpu")
    t = make_transcriber("faster-whisper", model=str(tmp_path))
    assert not t.loaded
    with pytest.raises(ModelError, match="model.bin"):
        t.load()
    with pytest.raises(ModelError, match="neither a checkpoint"):
        make_transcriber("openai-whisper", model="no-such-model").load()
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"not a checkpoint")
    with pytest.raises(ModelError, match="not a usable"):
        make_transcriber("openai-whisper", model=str(bad)).load()


def test_official_name_offline_says_why(tmp_path, monkeypatch):
    """An official model name downloads into whisper's cache; without a network the error says so."""
    import whisper

    def no_network(*args, **kwargs):
        raise OSError("Name or service not known")

    monkeypatch.setattr(whisper, "_download", no_network)
    with pytest.raises(ModelError, match="downloaded into whisper's cache"):
        make_transcriber("openai-whisper", model="tiny.en").load()


def test_short_window_matches_full_window(faster_transcriber, speech_clips):
    full = DecodeOptions(context_s=30.0)
    for _, audio in speech_clips[:3]:
        assert faster_transcriber.transcribe(audio).text == faster_transcriber.transcribe(audio, full).text


def test_short_window_repetition_falls_back_to_full_window(faster_transcriber, speech_clips, monkeypatch):
    """Windows much shorter than 10 s can make tiny.en loop; a looping or repeated decode on the
    short window is retried on the full 30 s window."""
    from rpipp_gui.speech.short_window import ShortWindowDecoder, compression_ratio, repeats_itself
    from rpipp_gui.speech.transcribe import RawDecode

    text, audio = speech_clips[1]
    decoder = ShortWindowDecoder(faster_transcriber._model)
    real_generate = decoder._generate
    windows: list[int] = []

    def looping_on_short_windows(encoded, prompt, temperature, options, max_new):
        windows.append(encoded.shape[1] * 2)  # encoder output has half the mel frames
        if windows[-1] < 3000:
            return RawDecode(f"{text}. {text}.", 0.01, -0.1, 1.4)
        return real_generate(encoded, prompt, temperature, options, max_new)

    monkeypatch.setattr(decoder, "_generate", looping_on_short_windows)
    raw = decoder.decode(audio, DecodeOptions(), context_s=15.0)
    assert windows == [1500, 3000]
    assert raw.text.lower().rstrip(".") == text
    assert repeats_itself("Hide him. Hide him.") and not repeats_itself("hide him and him")
    assert compression_ratio("hide the person " * 20) > 2.4 > compression_ratio(text)


def test_loop_unit_keeps_the_first_sentence():
    from rpipp_gui.speech.short_window import loop_unit

    def ends(unit):
        return unit[-1] == 0  # token 0 plays "."

    assert loop_unit([5, 6, 0, 5, 6, 0, 5, 6], ends) == [5, 6, 0]  # last repeat cut off
    assert loop_unit([5, 6, 0, 5, 7, 0], ends) is None  # two different sentences
    assert loop_unit([5, 5, 5, 5], ends) is None  # no sentence end: not a command loop
    assert loop_unit([5, 6, 0], ends) is None
