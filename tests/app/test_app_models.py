"""Models: one lock discipline for every thread, and the names read from the registries."""

from __future__ import annotations

import threading
import time

from app_helpers import use_fixed_people

from rpipp_gui.app import ModelConfig, Models, registry


class SlowTranscriber:
    device = "cpu"

    def __init__(self) -> None:
        self.inside = 0
        self.overlaps = 0

    def load(self) -> None:
        pass

    def transcribe(self, audio):
        self.inside += 1
        if self.inside > 1:
            self.overlaps += 1
        time.sleep(0.02)
        self.inside -= 1
        return "hide the man"


def test_the_streaming_decoder_and_a_worker_never_run_the_transcriber_at_once(monkeypatch):
    import rpipp_gui.speech as speech

    fake = SlowTranscriber()
    monkeypatch.setattr(speech, "make_transcriber", lambda **kw: fake)
    models = Models(ModelConfig())
    assert models.loaded_transcriber() is None
    streaming = models.transcriber()  # what the window hands the streaming decoder
    threads = [threading.Thread(target=lambda: [streaming.transcribe(b"") for _ in range(5)])]
    threads += [threading.Thread(target=lambda: [models.transcribe([0.0]) for _ in range(5)])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert fake.overlaps == 0 and models.loaded_transcriber().device == "cpu"
    assert "speech: faster-whisper (CPU)" in models.status()


def test_settings_and_cli_choices_come_from_the_registries(monkeypatch):
    from rpipp_gui.cli import build_parser

    use_fixed_people(monkeypatch, [], name="another-finder")
    assert "another-finder" in registry.people_backend_names()
    parser = build_parser()
    args = parser.parse_args(["people", "p.jpg", "--backend", "another-finder"])
    assert args.backend == "another-finder"
    args = parser.parse_args(["protect", "p.jpg", "--say", "x", "--people-backend", "another-finder"])
    assert args.people_backend == "another-finder"
    assert registry.style_names()[-1] == registry.FACE_STYLE
    assert set(registry.engine_names()) == {"instances", "brppnet"}
