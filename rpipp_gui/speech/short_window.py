"""Whisper decoding of a short command with a shortened encoder window (CTranslate2).

Whisper's encoder always reads a 30 s window; for a 3 s command most of it is padding, and the
encoder is ~75 % of the decode time of tiny.en on a CPU. CTranslate2 accepts a shorter mel input
(the positional embedding is cut to match), so a 15 s window does the same work in about half the time.
Short windows sometimes make tiny.en repeat itself (below ~5 s often; at 10 s in 3 of 52 padded
command clips; at 15 s in none), so the window is never below ``context_s`` nor shorter than the clip
+ 2 s, a decode may use at most ~6 tokens per second of audio (a loop is cut short instead of running
to 448 tokens). A decode that repeats its first sentence ("X. X. X. X") keeps that sentence (in every
case seen it was the full window's text); one that loops otherwise, or fails Whisper's checks, is
retried on the full 30 s window before the temperature fallback goes on.

Measured on 48 espeak-ng command clips (300 words), 10 s window: 17 word errors vs 18 with 30 s, 0.19
vs 0.63 CPU-seconds per clip; on 52 padded clips: 0.29 CPU-s with a 15 s window vs 0.57 with 30 s.
"""

from __future__ import annotations

import zlib

import numpy as np

from rpipp_gui.speech.transcribe import DecodeOptions, RawDecode

FULL_FRAMES = 3000  # 30 s of 10 ms mel frames
MARGIN_FRAMES = 200  # 2 s after the clip


def compression_ratio(text: str) -> float:
    """len(utf-8 bytes) / len(zlib-compressed bytes): Whisper's repetition measure."""
    data = text.encode("utf-8")
    return len(data) / max(1, len(zlib.compress(data)))


def repeats_itself(text: str) -> bool:
    """True when the text is one phrase said two or more times ("hide him. hide him.")."""
    from rpipp_gui.speech.normalize import tokenize

    words = tokenize(text)
    for k in range(1, len(words) // 2 + 1):
        if len(words) % k == 0 and words == words[:k] * (len(words) // k):
            return True
    return False


def loop_unit(ids: list[int], is_sentence_end) -> list[int] | None:
    """The first sentence of a decode that loops on it ("X. X. X. X" -> "X."), else None.

    ``ids``: generated token ids; ``is_sentence_end(unit)`` tells whether a unit ends a sentence.
    The rest of ``ids`` must repeat the unit exactly (the last repeat may be cut off).
    """
    for p in range(1, len(ids) // 2 + 1):
        if all(ids[i] == ids[i - p] for i in range(p, len(ids))) and is_sentence_end(ids[:p]):
            return ids[:p]
    return None


class ShortWindowDecoder:
    """Decode with a faster_whisper.WhisperModel's CTranslate2 model and tokenizer directly."""

    def __init__(self, model) -> None:
        from faster_whisper.tokenizer import Tokenizer

        self.model = model
        self.tokenizer = Tokenizer(
            model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language="en"
        )

    def _prompt(self, options: DecodeOptions) -> list[int]:
        tok = self.tokenizer
        if self.model.model.is_multilingual and options.language != tok.language_code:
            from faster_whisper.tokenizer import Tokenizer

            tok = self.tokenizer = Tokenizer(
                self.model.hf_tokenizer, True, task="transcribe", language=options.language
            )
        prompt: list[int] = []
        if options.initial_prompt:
            prompt = [tok.sot_prev, *tok.encode(" " + options.initial_prompt.strip())[-200:]]
        return [*prompt, *tok.sot_sequence, tok.no_timestamps]

    def _generate(
        self, encoded, prompt: list[int], temperature: float, options: DecodeOptions, max_new: int = 200
    ) -> RawDecode:
        """One decode; a text that used all ``max_new`` tokens gets compression ratio inf (a loop)."""
        greedy = temperature == 0.0
        result = self.model.model.generate(
            encoded,
            [prompt],
            beam_size=options.beam_size if greedy else 1,
            num_hypotheses=1,
            sampling_topk=1 if greedy else 0,
            sampling_temperature=max(temperature, 1e-5) if not greedy else 1.0,
            max_length=min(448, len(prompt) + max_new),  # counts the prompt
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=True,
            suppress_tokens=[-1],
        )[0]
        ids = [t for t in result.sequences_ids[0] if t < self.tokenizer.eot]
        n = len(ids)
        avg_logprob = result.scores[0] * n / (n + 1) if n else -np.inf
        unit = loop_unit(ids, lambda u: self.tokenizer.decode(u).rstrip().endswith((".", "!", "?")))
        if unit is not None:  # a short window looping on the command: keep its first sentence
            ids, n = unit, 0
        text = self.tokenizer.decode(ids).strip()
        ratio = np.inf if n >= max_new - 1 else compression_ratio(text)
        return RawDecode(text, float(result.no_speech_prob), float(avg_logprob), ratio)

    def decode(self, audio: np.ndarray, options: DecodeOptions, context_s: float) -> RawDecode:
        """audio [N] float32 16 kHz (N <= 30 s) -> RawDecode, Whisper's temperature fallback included."""
        import ctranslate2
        from faster_whisper.audio import pad_or_trim

        features = self.model.feature_extractor(audio)  # [n_mels, frames]
        frames = min(FULL_FRAMES, max(int(context_s * 100), features.shape[-1] + MARGIN_FRAMES))
        windows = [frames] if frames == FULL_FRAMES else [frames, FULL_FRAMES]
        prompt = self._prompt(options)
        # speech is ~3 tokens a second: a decode far longer than that is a loop, stop it early
        max_new = 12 + int(6 * audio.size / 16000)
        last = RawDecode("", 1.0, -np.inf, 0.0)
        for window in windows:
            mel = np.ascontiguousarray(pad_or_trim(features, window)[None], dtype=np.float32)
            encoded = self.model.model.encode(ctranslate2.StorageView.from_array(mel), to_cpu=False)
            for temperature in options.temperatures:
                last = self._generate(encoded, prompt, temperature, options, max_new)
                improbable = last.avg_logprob < options.logprob_threshold
                if improbable and last.no_speech_prob > options.no_speech_threshold:
                    return last  # silence: no fallback will find words
                repetitive = last.compression_ratio > options.compression_ratio_threshold or (
                    window != FULL_FRAMES and repeats_itself(last.text)
                )
                if not repetitive and not improbable:
                    return last
                if window != FULL_FRAMES:
                    break  # retry on the full window first
        return last
