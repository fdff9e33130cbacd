"""Word priors learned from training sentences: what each word says about a person's box.

A linear model: every known word w carries a weight vector v_w over box features (position, order,
size, aspect, border contact); a person's learned score for a sentence is the sum over its known
words of v_w . features(person) (a sum, not a mean, so that a word weighs the same in a two-word
RefCOCO phrase as in a long RefCOCOg-style sentence). It is trained on the RPCOCO-L training split
with a softmax over the people of each photo (``benchmarks/referring_learn.py``) and gives the
resolver a prior for words its rules do not read ("batter", "catcher", "umpire", "player", "kid").
It is a general scorer: nothing in it is tied to a particular photo or sentence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from rpipp_gui.referring import geometry as geo
from rpipp_gui.referring import word_lists as vocab

PRIORS_PATH = Path(__file__).with_name("word_priors.json")
FEATURES = (
    "cx", "cy", "xrank", "area_rank", "area", "height", "log_aspect", "bottom", "top", "touch_left",
    "touch_top", "width", "central", "leftmost", "rightmost", "height_rank", "bottom_rank",
)  # fmt: skip


@dataclass(frozen=True)
class BoxFeatureOptions:
    """How the box features are measured. The word priors (word_priors.json) were fitted on features
    measured this way (916e68a, refitted in d62be14 on RPCOCO-L train: RefCOCO box-level all 0.7225 /
    cue 0.8757), so a change here needs a refit (benchmarks/referring_learn.py) before it is judged.

    aspect_clip:  (low, high) clip of the box's height / width before its log is taken ...
    aspect_scale: ... and the log divided by this, so that it is roughly in -1..1 like the others.
    touch:        an edge nearer the photo's left or top border than this share of the frame
                  touches it ("touch_left", "touch_top").
    """

    aspect_clip: tuple[float, float] = (0.1, 10)
    aspect_scale: float = 2
    touch: float = 0.01


BOX_FEATURE_OPTIONS = BoxFeatureOptions()


def _rank(values: np.ndarray) -> np.ndarray:
    """(N,) rank of each value in 0..1, 0 = smallest (ties by index)."""
    n = len(values)
    r = np.empty(n)
    r[np.lexsort((np.arange(n), values))] = np.arange(n) / max(n - 1, 1)
    return r


def box_features(lay: geo.Layout, options: BoxFeatureOptions = BOX_FEATURE_OPTIONS) -> np.ndarray:
    """(N, len(FEATURES)) float64 features of each person's box, each roughly in 0..1, centred on
    the photo's mean so that only differences between people count."""
    n = lay.n
    xr = lay.xrank / max(n - 1, 1)
    order = np.lexsort((np.arange(n), lay.area))
    area_rank = np.empty(n)
    area_rank[order] = np.arange(n) / max(n - 1, 1)
    width = (lay.boxes[:, 2] - lay.boxes[:, 0]) / max(float((lay.boxes[:, 2] - lay.boxes[:, 0]).max()), 1e-6)

    f = np.stack(
        [
            lay.cx, lay.cy, xr, area_rank, lay.area, lay.height,
            np.log(np.clip(lay.aspect, *options.aspect_clip)) / options.aspect_scale, lay.y1, lay.y0,
            (lay.x0 < options.touch).astype(float), (lay.y0 < options.touch).astype(float), width,
            1 - np.clip(np.abs(lay.cx - 0.5) * 2, 0, 1),
            (lay.xrank == 0).astype(float), (lay.xrank == n - 1).astype(float),
            _rank(lay.height), _rank(lay.y1),
        ],
        axis=1,
    )  # fmt: skip
    return f - f.mean(axis=0, keepdims=True)


def sentence_words(text: str) -> list[str]:
    """The distinct words of a normalised sentence, plurals folded ("kids" -> "kid")."""
    return list(dict.fromkeys(vocab.SINGULAR.get(w, w) for w in text.split()))


@lru_cache(maxsize=1)
def _load(path: str) -> tuple[dict[str, np.ndarray], np.ndarray] | None:
    p = Path(path)
    if not p.is_file():
        return None
    doc = json.loads(p.read_text())
    if tuple(doc.get("features", ())) != FEATURES:
        return None
    words = {w: np.asarray(v, dtype=np.float64) for w, v in doc["words"].items()}
    return words, np.asarray(doc["bias"], dtype=np.float64)


def learned_scores(text: str, lay: geo.Layout, path: Path | None = None) -> np.ndarray | None:
    """(N,) learned logit of each person for the normalised sentence ``text``; None when the priors
    file (``path``, default PRIORS_PATH) is missing or no word of the sentence is known."""
    model = _load(str(path or PRIORS_PATH))
    if model is None:
        return None
    words, bias = model
    known = [words[w] for w in sentence_words(text) if w in words]
    if not known:
        return None
    v = np.sum(known, axis=0) + bias
    return box_features(lay) @ v
