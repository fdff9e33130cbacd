"""Vocabulary: lower-case words from the training sentences, index 0 = padding, 1 = ``<unk>``;
optional pretrained word vectors from a GloVe-format text file ("word v1 v2 ... vD" per line)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rpipp_gui.errors import ModelError

PAD, UNK = "<pad>", "<unk>"
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def tokenize(sentence: str) -> list[str]:
    """Lower-case words and numbers of a sentence; punctuation is dropped."""
    return _WORD.findall(sentence.lower())


@dataclass(frozen=True)
class Vocabulary:
    """words[0] is ``<pad>``, words[1] is ``<unk>``; a word's index is its position."""

    words: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.words[:2] != (PAD, UNK):
            raise ValueError(f"a vocabulary starts with {PAD!r}, {UNK!r}, got {self.words[:2]}")
        if len(set(self.words)) != len(self.words):
            raise ValueError("a vocabulary must not repeat words")
        object.__setattr__(self, "_index", {w: i for i, w in enumerate(self.words)})

    @classmethod
    def build(cls, sentences: Iterable[str], min_count: int = 1, max_size: int | None = None) -> Vocabulary:
        """Words seen at least ``min_count`` times, most frequent first (ties alphabetical),
        at most ``max_size`` entries in all."""
        counts = Counter(w for s in sentences for w in tokenize(s))
        ranked = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
        if max_size is not None:
            ranked = ranked[: max(0, max_size - 2)]
        return cls((PAD, UNK, *ranked))

    def __len__(self) -> int:
        return len(self.words)

    def index(self, word: str) -> int:
        return self._index.get(word, 1)  # type: ignore[attr-defined]

    def encode(self, sentence: str, max_words: int) -> np.ndarray:
        """sentence -> [max_words] int64 token ids, padded with 0 and cut after ``max_words``."""
        ids = [self.index(w) for w in tokenize(sentence)][:max_words]
        out = np.zeros(max_words, dtype=np.int64)
        out[: len(ids)] = ids
        return out


def load_glove(path: str | Path, vocab: Vocabulary, dim: int, seed: int = 0) -> tuple[np.ndarray, int]:
    """Embedding matrix [len(vocab), dim] float32 from a GloVe-format text file, and how many words were
    found. Words missing from the file get small random vectors; padding stays zero."""
    rng = np.random.default_rng(seed)
    matrix = rng.normal(0.0, 0.1, (len(vocab), dim)).astype(np.float32)
    matrix[0] = 0.0
    found = 0
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                word, _, rest = line.rstrip().partition(" ")
                i = vocab.index(word)
                if i <= 1 and word != UNK:
                    continue
                values = np.array(rest.split(), dtype=np.float32)
                if values.shape != (dim,):
                    raise ModelError(f"{path}: line {n} has {values.size} numbers, expected {dim}")
                matrix[i] = values
                found += 1
    except OSError as e:
        raise ModelError(f"cannot read word vectors {path}: {e.strerror or e}") from e
    except ValueError as e:
        raise ModelError(f"{path} is not a GloVe text file: {e}") from e
    return matrix, found
