"""The ``brppnet`` grounding engine: the BRPPNet network predicts the mask from photo + sentence.

Like a predictor: ``set_image`` letterboxes the photo and runs the Darknet backbone once; each
``ground(text)`` runs only the text encoder and decoder. Runs on CUDA in fp16 when present, else CPU.
Optionally snaps the predicted mask to the person instance (from the people finder) it overlaps best.

Without a list of people (none given to ``set_image`` and no snapping), the network's own answer
defines them: each connected region of a sentence's predicted mask becomes a Person (source
"brppnet"), and ``people`` lists those of the latest sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rpipp_gui.errors import ImageLoadError, ModelError
from rpipp_gui.people.person import Person
from rpipp_gui.referring.grounding import Grounding


@dataclass(frozen=True)
class BRPPNetEngineOptions:
    """How the network's mask is matched to people. Chosen with the engine in the commits named,
    not swept since.

    snap_min_iou: a person whose mask overlaps the prediction by less than this IoU is not chosen
                  (and, when snapping, the prediction is kept as it is) (348c3c4).
    min_region:   without a people list, predicted regions under this share of the photo are
                  ignored when regions become people (3cd6c7b).
    """

    snap_min_iou: float = 0.2
    min_region: float = 0.001


BRPPNET_ENGINE_OPTIONS = BRPPNetEngineOptions()


def _regions_as_people(
    mask: np.ndarray, prob: np.ndarray, options: BRPPNetEngineOptions = BRPPNET_ENGINE_OPTIONS
) -> list[Person]:
    """One Person per connected region of ``mask`` (HxW bool), left to right; score = mean probability."""
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    people = []
    for k in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[k])
        if area < options.min_region * mask.size:
            continue
        region = labels == k
        people.append(
            Person((x, y, x + w, y + h), mask=region, score=float(prob[region].mean()), source="brppnet")
        )
    return sorted(people, key=lambda p: p.center[0])


def _person_mask(person: Person, shape: tuple[int, int]) -> np.ndarray:
    if person.mask is not None and person.mask.shape == shape:
        return person.mask
    mask = np.zeros(shape, dtype=bool)
    x0, y0, x1, y1 = (int(round(v)) for v in person.box)
    mask[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)] = True
    return mask


class BRPPNetEngine:
    """GroundingEngine over a BRPPNet checkpoint (a .safetensors file written by ``rpipp train``)."""

    name = "brppnet"

    def __init__(
        self,
        checkpoint: str | Path | None = None,
        device: str | None = "auto",
        snap_to_people: bool = False,
        finder=None,
        threshold: float | None = None,
        options: BRPPNetEngineOptions = BRPPNET_ENGINE_OPTIONS,
    ) -> None:
        """checkpoint: BRPPNet checkpoint path (required). device: "auto" (CUDA if present), "cpu",
        "cuda". snap_to_people: replace the mask by the best-overlapping person's mask. finder: object
        with ``set_image(rgb) -> list[Person]`` used when snapping and no people are given (default:
        ``rpipp_gui.people.PeopleFinder``). threshold: mask probability cut (default: the checkpoint's).
        options: the overlap and region-size cuts (BRPPNetEngineOptions)."""
        if checkpoint is None:
            raise ModelError("the brppnet engine needs a checkpoint: pass --checkpoint FILE.safetensors")
        import torch

        from rpipp_gui.brppnet.checkpoint import load_checkpoint

        name = device or "auto"
        if name == "auto":
            name = "cuda" if torch.cuda.is_available() else "cpu"
        if name.startswith("cuda") and not torch.cuda.is_available():
            raise ModelError("device 'cuda' was asked for but no CUDA GPU is available")
        self.device = torch.device(name)
        ckpt = load_checkpoint(checkpoint, self.device)
        self.model, self.vocab = ckpt.model, ckpt.vocab
        if self.device.type == "cuda":
            self.model.half()
        self.threshold = float(ckpt.threshold if threshold is None else threshold)
        self.snap_to_people = snap_to_people
        self.options = options
        self._finder = finder
        self._image: np.ndarray | None = None
        self._people: list[Person] = []
        self._own_people = False
        self._box = None
        self._feats = None

    def set_image(self, image: np.ndarray, people: list[Person] | None = None) -> None:
        """image: HxWx3 uint8 RGB. people: already-found people (used for snapping and ``selected``);
        None finds them only when snapping."""
        import torch

        from rpipp_gui.brppnet.data import Letterbox
        from rpipp_gui.brppnet.dataset import to_tensor

        a = np.asarray(image)
        if a.ndim != 3 or a.shape[2] != 3 or a.dtype != np.uint8 or 0 in a.shape:
            raise ImageLoadError(f"expected an HxWx3 uint8 RGB photo, got shape {a.shape} dtype {a.dtype}")
        if people is None and self.snap_to_people:
            if self._finder is None:
                from rpipp_gui.people import PeopleFinder

                self._finder = PeopleFinder()
            people = self._finder.set_image(a)
        self._image, self._people = a, list(people or [])
        self._own_people = people is None
        self._box = Letterbox.fit(a.shape[:2], self.model.dims.input_size)
        dtype = next(self.model.parameters()).dtype
        with torch.inference_mode():
            x = to_tensor(self._box.image(a))[None].to(self.device, dtype)
            self._feats = self.model.encode_image(x)

    @property
    def people(self) -> list[Person]:
        return list(self._people)

    def probability(self, text: str) -> np.ndarray:
        """HxW float32 probability at photo resolution that each pixel belongs to the referred person."""
        import torch

        if self._feats is None:
            raise RuntimeError("call set_image() before ground()")
        tokens = torch.from_numpy(self.vocab.encode(text, self.model.dims.max_words))[None].to(self.device)
        with torch.inference_mode():
            logits = self.model.decode(self._feats, tokens)
        prob = torch.sigmoid(logits.float())[0, 0].cpu().numpy()
        return self._box.unbox(prob)

    def ground(self, text: str) -> Grounding:
        from rpipp_gui.referring.query import parse

        prob = self.probability(text)
        mask = prob >= self.threshold
        score = float(prob[mask].mean()) if mask.any() else 0.0
        shape = mask.shape
        if self._own_people:
            self._people = _regions_as_people(mask, prob, self.options)
            mask = np.zeros(shape, dtype=bool)
            for person in self._people:
                mask |= person.mask
        overlaps = []
        for i, person in enumerate(self._people):
            pm = _person_mask(person, shape)
            union = np.logical_or(pm, mask).sum()
            overlaps.append((float(np.logical_and(pm, mask).sum() / union) if union else 0.0, i))
        overlaps.sort(reverse=True)
        chosen = [(iou, i) for iou, i in overlaps if iou >= self.options.snap_min_iou]
        explanation = f"BRPPNet mask over {100.0 * mask.mean():.1f}% of the photo, confidence {score:.2f}"
        if self.snap_to_people and chosen:
            iou, best = chosen[0]
            mask = _person_mask(self._people[best], shape).copy()
            chosen = [(iou, best)]
            explanation = f"#{best + 1}: BRPPNet mask snapped to this person (IoU {iou:.2f})"
        elif not mask.any():
            explanation = "BRPPNet found nobody matching the sentence"
        return Grounding(
            selected=tuple(i for _, i in chosen),
            scores=tuple(round(iou, 4) for iou, _ in chosen),
            mask=mask,
            explanation=explanation,
            style=parse(text).style,
            score=score,
        )
