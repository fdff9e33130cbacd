"""Speech options shared by CLI commands: ``--audio CLIP.wav`` / ``--listen`` and the backend choice.

``rpipp protect`` adds these to its target group with :func:`add_speech_arguments` and turns them
into a sentence with :func:`sentence_from_speech`; ``rpipp transcribe`` uses the same helpers.
"""

from __future__ import annotations

import argparse
import sys

from rpipp_gui.app.registry import speech_backend_names
from rpipp_gui.errors import AudioError


def add_backend_arguments(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup, prefix: str = ""
) -> None:
    """Recogniser choice: --{prefix}backend, --{prefix}model, --speech-device, --mic.

    ``prefix`` ("speech-" in ``rpipp protect``) keeps the names apart from a command's own options;
    the parsed values land in ``speech_backend``, ``speech_model``, ``speech_device`` and ``mic``.
    """
    parser.add_argument(
        f"--{prefix}backend",
        dest="speech_backend",
        choices=speech_backend_names(),
        default="faster-whisper",
        help="speech recogniser (default: faster-whisper with the packaged offline tiny.en)",
    )
    parser.add_argument(
        f"--{prefix}model",
        dest="speech_model",
        default=None,
        metavar="M",
        help="faster-whisper: CTranslate2 model folder or name; openai-whisper: checkpoint .pt or "
        "official name (downloads when online). Default: the packaged tiny.en",
    )
    parser.add_argument(
        "--speech-device",
        dest="speech_device",
        choices=("auto", "cpu", "cuda"),
        default="auto",
        help="where the recogniser runs (default: auto)",
    )
    parser.add_argument("--mic", default=None, metavar="DEV", help="microphone index or name (for --listen)")


def add_speech_arguments(group: argparse._ArgumentGroup | argparse._MutuallyExclusiveGroup) -> None:
    """--audio CLIP.wav and --listen, for a group of mutually exclusive ways to name the target."""
    group.add_argument("--audio", metavar="CLIP.wav", help="spoken command in a WAV file")
    group.add_argument(
        "--listen",
        action="store_true",
        help="speak the command into the microphone (stops after 0.8 s of silence)",
    )


def transcribe_args(args: argparse.Namespace, audio_path: str | None, listen: bool, transcriber=None):
    """Run the recogniser for the parsed arguments (or ``transcriber``, e.g. the app's). Returns a
    Transcript."""
    from rpipp_gui.speech import load_audio, make_transcriber

    if transcriber is None:
        transcriber = make_transcriber(
            getattr(args, "speech_backend", "faster-whisper"),
            model=getattr(args, "speech_model", None),
            device=getattr(args, "speech_device", "auto"),
        )
    if listen:
        from rpipp_gui.speech.streaming import listen as listen_once

        mic = getattr(args, "mic", None)
        if isinstance(mic, str) and mic.isdigit():
            mic = int(mic)
        from rpipp_gui.speech import load_in_background

        load_in_background(transcriber)  # the model loads while the user speaks
        print("rpipp: listening... (speak now)", file=sys.stderr)
        result, _audio = listen_once(transcriber, device=mic)
        return result
    if audio_path is None:
        raise AudioError("give a WAV file or --listen")
    return transcriber.transcribe(load_audio(audio_path))


def sentence_from_speech(args: argparse.Namespace, transcriber=None) -> str | None:
    """The command sentence from ``--audio``/``--listen``, or None when neither was given.

    Prints the transcript to stderr. Raises AudioError when nothing intelligible was said.
    """
    audio, listen = getattr(args, "audio", None), bool(getattr(args, "listen", False))
    if audio is None and not listen:
        return None
    result = transcribe_args(args, audio, listen, transcriber)
    if not result.text:
        why = result.rejected or "no words"
        raise AudioError(f"no command heard in the {'recording' if listen else audio} ({why})")
    print(f"rpipp: heard: {result.text}", file=sys.stderr)
    return result.text
