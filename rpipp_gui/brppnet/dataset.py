"""Torch datasets over referring samples: letterboxed image tensor, sentence tokens, target mask.

A *source* is anything with ``__len__`` and ``sample(i, rng) -> (image HxWx3 uint8 RGB, mask HxW bool,
sentence str)``: the synthetic generator or RPCOCO refs with COCO images and masks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np
import torch
from torch.utils.data import Dataset

from rpipp_gui.brppnet.data import CocoMasks, Letterbox, RefRecord, flip_sample, read_rgb
from rpipp_gui.brppnet.dims import BRPPNetDims
from rpipp_gui.brppnet.synthetic import SyntheticReferring
from rpipp_gui.brppnet.vocabulary import Vocabulary


class Source(Protocol):
    def __len__(self) -> int: ...

    def sample(self, index: int, rng: np.random.Generator | None) -> tuple[np.ndarray, np.ndarray, str]: ...


class SyntheticSource:
    """Synthetic scenes; one sentence per scene."""

    def __init__(self, scenes: SyntheticReferring):
        self.scenes = scenes

    def __len__(self) -> int:
        return len(self.scenes)

    def sample(self, index, rng=None):
        s = self.scenes[index]
        return s.image, s.mask, s.sentence

    def sentences(self) -> list[str]:
        return self.scenes.sentences()


class RefCocoSource:
    """RPCOCO / RefCOCO refs over COCO images. ``expand=True`` (evaluation) makes one item per
    sentence; otherwise one item per ref and a random sentence each time (training, as the original)."""

    def __init__(self, refs: list[RefRecord], image_dir: str | Path, masks: CocoMasks, expand: bool = False):
        self.refs, self.image_dir, self.masks = refs, Path(image_dir), masks
        self.items = (
            [(r, k) for r in refs for k in range(len(r.sentences))] if expand else [(r, -1) for r in refs]
        )

    def __len__(self) -> int:
        return len(self.items)

    def sample(self, index, rng=None):
        ref, k = self.items[index]
        if k < 0:
            k = int((rng or np.random.default_rng()).integers(len(ref.sentences)))
        image = read_rgb(self.image_dir / ref.img_name)
        mask = self.masks.mask(ref)
        if mask.shape != image.shape[:2]:
            from rpipp_gui.brppnet.data import DatasetError

            raise DatasetError(
                f"{ref.img_name}: COCO mask {mask.shape} does not match image {image.shape[:2]}"
            )
        return image, mask, ref.sentences[k]

    def sentences(self) -> list[str]:
        return [s for r in self.refs for s in r.sentences]


def to_tensor(square: np.ndarray) -> torch.Tensor:
    """SxSx3 uint8 -> [3,S,S] float32 in 0..1."""
    return torch.from_numpy(np.ascontiguousarray(square)).permute(2, 0, 1).float().div_(255.0)


class ReferringDataset(Dataset):
    """item -> {"image": [3,S,S] float, "tokens": [T] long, "target": [1,s,s] float 0/1}, S = input size,
    s = S / output_stride. ``flip_prob`` mirrors image, mask and sentence sides while training."""

    def __init__(
        self, source: Source, vocab: Vocabulary, dims: BRPPNetDims, flip_prob: float = 0.0, seed: int = 0
    ):
        self.source, self.vocab, self.dims = source, vocab, dims
        self.flip_prob, self.seed, self.epoch = flip_prob, seed, 0

    def __len__(self) -> int:
        return len(self.source)

    def __getitem__(self, index: int) -> dict[str, torch.Tensor]:
        rng = np.random.default_rng([self.seed, self.epoch, index])
        image, mask, sentence = self.source.sample(index, rng)
        if self.flip_prob and rng.random() < self.flip_prob:
            image, mask, sentence = flip_sample(image, mask, sentence)
        box = Letterbox.fit(image.shape[:2], self.dims.input_size)
        target = box.mask(mask, self.dims.output_size) >= 0.5
        return {
            "image": to_tensor(box.image(image)),
            "tokens": torch.from_numpy(self.vocab.encode(sentence, self.dims.max_words)),
            "target": torch.from_numpy(target[None].astype(np.float32)),
        }
