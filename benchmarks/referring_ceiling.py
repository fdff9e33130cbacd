"""How far can box-level referring go from boxes + words? A learned upper-bound ranker.

Usage: python benchmarks/referring_ceiling.py [--val VAL.json] [--train TRAIN.json] [--epochs N]

MEASUREMENT ONLY, never shipped. Settings (b) and (c) train on the dev half of the RefCOCO val photos
and test on the held-out half: they show what a learned model of this kind reaches *in domain*, not a
model the product may use (nothing fitted on val may go into rpipp_gui/).

Every (sentence, candidate) pair gets features: indicators of the sentence's words and bigrams (seen
>= 3 times on the training side, after the resolver's normalisation ``query.parse(s).text``, plurals
folded) crossed with box-geometry features of the candidate relative to the other candidates of its
photo (positions in the boxes' extent, left/right ranks, area/height/bottom/top ranks, aspect, border
contact, occlusion, ...) and with the current resolver's score of the candidate (rules + word priors,
and rules alone). The linear model scores candidate i as g_i . (b + sum_w U_w); the MLP adds one hidden
layer fed by the word bag and g_i. Softmax over the candidates of a photo, L2-regularised, full-batch
Adam (PyTorch, CPU). Hyper-parameters are picked on a validation slice carved from the training side
only (a fixed hash of the photo name), then the chosen model is refitted on the whole training side.

Candidate sets, the dev / held-out split and the cue-sentence test are those of
benchmarks/referring_boxes.py (``load_groups``, ``photo_split``, ``has_cue``); ties count as misses.
Settings: (a) train on RPCOCO-L train (all of it; a2: without the photos that are also in RefCOCO val;
a3: no resolver-score features), test on val dev / held-out / all; (b) train on val dev, test on
held-out; (c) (b) plus RPCOCO-L train. Also printed: the held-out share any row gets right (a loose
oracle), and a model-free count (``cue_readings``): how often the target is among the candidates some
geometric reading of the sentence's cue words picks at all. 2 CPU cores: about 5 minutes.
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import referring_boxes as rb  # noqa: E402

from rpipp_gui.referring import Person, resolve  # noqa: E402
from rpipp_gui.referring import word_lists as vocab  # noqa: E402
from rpipp_gui.referring.query import parse  # noqa: E402
from rpipp_gui.referring.scoring import CUE_WEIGHTS  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "refcoco_persons"
GEOMETRY = (
    "cx", "cy", "cx_photo", "soft_xrank", "xrank", "left1", "left2", "left3", "right1", "right2", "right3",
    "mid_rank", "mid_dist", "mid_dist_photo", "most_central", "area", "log_area", "area_rank", "largest",
    "smallest", "height", "height_rank", "tallest", "width", "bottom", "bottom_rank", "lowest", "top",
    "top_rank", "highest", "log_aspect", "touch_left", "touch_top", "touch_right", "touch_bottom",
    "covered", "covered_from_front", "pair_xrank", "log_n",
)  # fmt: skip
RESOLVER = ("res_score", "res_margin", "res_pick", "rules_score", "rules_margin", "rules_pick")
RULES_ONLY = replace(CUE_WEIGHTS, learned=0.0, learned_alone=0.0)
MIN_COUNT = 3  # a word or bigram seen fewer times on the training side is no feature


def _rank(values: np.ndarray) -> np.ndarray:
    """(N,) integer rank, 0 = smallest, ties by index."""
    r = np.empty(len(values))
    r[np.lexsort((np.arange(len(values)), values))] = np.arange(len(values))
    return r


def geometry(boxes: np.ndarray) -> np.ndarray:
    """boxes: Nx4 float64 (x0, y0, x1, y1) pixels of one photo's candidates, N >= 2.
    Returns (N, len(GEOMETRY)) float64 features of each box relative to the others."""
    x0, y0, x1, y1 = boxes.T
    n = len(boxes)
    w, h = np.maximum(x1 - x0, 1.0), np.maximum(y1 - y0, 1.0)
    ex0, ex1, ey0, ey1 = x0.min(), x1.max(), y0.min(), y1.max()
    ew, eh = max(ex1 - ex0, 1.0), max(ey1 - ey0, 1.0)
    mx = (x0 + x1) / 2
    cx, cy = (mx - ex0) / ew, ((y0 + y1) / 2 - ey0) / eh
    photo_w = max(1.2 * ex1, 4 / 3 * ey1)  # the resolver's guess of the unknown photo width
    xr = _rank(cx)
    last = n - 1
    d = (cx[:, None] - cx[None, :]) / 0.1
    soft = (1 / (1 + np.exp(-np.clip(d, -50, 50)))).sum(1) - 0.5
    mid_dist = np.abs(cx - 0.5)
    area = w * h
    ix = np.clip(np.minimum(x1[:, None], x1[None, :]) - np.maximum(x0[:, None], x0[None, :]), 0, None)
    iy = np.clip(np.minimum(y1[:, None], y1[None, :]) - np.maximum(y0[:, None], y0[None, :]), 0, None)
    cover = ix * iy / area[:, None]
    np.fill_diagonal(cover, 0.0)
    front = y1[None, :] > y1[:, None]
    f = [
        cx, cy, mx / max(ex1, 1.0), soft / last, xr / last, xr == 0, xr == 1, xr == 2,
        xr == last, xr == last - 1, xr == last - 2, 1 - np.abs(xr - last / 2) / (last / 2),
        mid_dist, np.abs(mx / photo_w - 0.5), mid_dist == mid_dist.min(), area / area.max(),
        np.log(area / area.max()), _rank(area) / last, area == area.max(), area == area.min(),
        h / h.max(), _rank(h) / last, h == h.max(), w / w.max(), (y1 - ey0) / eh, _rank(y1) / last,
        y1 == ey1, (y0 - ey0) / eh, _rank(y0) / last, y0 == ey0, np.log(h / w), x0 <= 2, y0 <= 2,
        x1 >= ex1 - 2, y1 >= ey1 - 2, cover.max(1), (cover * front).max(1),
        (xr / last - 0.5) * (n == 2), np.full(n, np.log(n)),
    ]  # fmt: skip
    return np.stack([np.asarray(a, dtype=np.float64) for a in f], axis=1)


def resolver_features(sentence: str, people: list[Person], target: int) -> tuple[np.ndarray, bool]:
    """(N, len(RESOLVER)) float64 resolver scores (with and without word priors), and whether the
    resolver (with priors) gets the sentence right by referring_boxes' rule (ties are misses)."""
    cols, ok = [], None
    for weights in (None, RULES_ONLY):
        res = resolve(sentence, people, weights=weights)
        s = np.asarray(res.scores, dtype=np.float64)
        pick = np.zeros(len(people))
        if res.selected:
            pick[res.selected[0]] = 1.0
        cols += [s, s - s.max(), pick]
        if ok is None:
            ok = bool(res.selected) and res.selected[0] == target
            ok = ok and sum(1 for v in res.scores if v == res.scores[target]) == 1
    return np.stack(cols, axis=1), ok


@dataclass(frozen=True)
class Example:
    photo: str
    feats: np.ndarray  # (N, len(GEOMETRY) + len(RESOLVER)) float64
    target: int
    tokens: tuple[str, ...]
    cue: bool
    resolver_ok: bool


def tokens(sentence: str) -> tuple[str, ...]:
    """Distinct words (plurals folded) and bigrams of the resolver's normalised sentence."""
    words = [vocab.SINGULAR.get(w, w) for w in parse(sentence).text.split()]
    return tuple(dict.fromkeys(words + [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]))


def examples(path: Path) -> list[Example]:
    """One Example per sentence of every photo with 2+ referred people (``rb.load_groups``)."""
    out = []
    for objs in rb.load_groups(str(path)):
        boxes = np.array([o["bbox"] for o in objs], dtype=np.float64)
        people = [Person(box=tuple(o["bbox"])) for o in objs]
        g = geometry(boxes)
        for target, obj in enumerate(objs):
            for sent in obj["sentences"]:
                r, ok = resolver_features(sent["sent"], people, target)
                feats = np.concatenate([g, r], axis=1)
                cue = rb.has_cue(sent["sent"])
                out.append(Example(obj["img_name"], feats, target, tokens(sent["sent"]), cue, ok))
    return out


def _slice(photo: str) -> bool:
    """The validation slice carved from a training side: about 1 photo in 4, by a hash independent
    of the dev / held-out rule."""
    return zlib.crc32(("slice:" + photo).encode()) % 4 == 0


@dataclass(frozen=True)
class Config:
    """l2: penalty on the word x geometry weights; hidden: MLP units (0 = linear) and hidden_l2 the
    penalty on the hidden layer's weights (both per training sentence)."""

    l2: float
    hidden: int = 0
    hidden_l2: float = 1.0

    def __str__(self) -> str:
        return f"mlp{self.hidden} {self.l2:g}/{self.hidden_l2:g}" if self.hidden else f"linear l2={self.l2:g}"


class Ranker:
    """A fitted model: vocabulary, feature scaling and the torch module."""

    def __init__(self, train: list[Example], cfg: Config, use_resolver: bool, epochs: int):
        import torch

        torch.manual_seed(0)
        counts = Counter(t for e in train for t in e.tokens)
        self.vocab = {t: i for i, t in enumerate(sorted(t for t, c in counts.items() if c >= MIN_COUNT))}
        self.cols = len(GEOMETRY) + (len(RESOLVER) if use_resolver else 0)
        rows = np.concatenate([e.feats[:, : self.cols] for e in train])
        self.mean, self.std = rows.mean(0), rows.std(0) + 1e-6
        d, v = self.cols, len(self.vocab)
        self.cross = torch.nn.EmbeddingBag(v, d, mode="sum")
        torch.nn.init.zeros_(self.cross.weight)
        self.base = torch.nn.Parameter(torch.zeros(d))
        params, decayed, hidden_decayed = [self.cross.weight, self.base], [self.cross.weight], []
        self.hidden = cfg.hidden
        if cfg.hidden:
            self.words_in = torch.nn.EmbeddingBag(v, cfg.hidden, mode="sum")
            torch.nn.init.normal_(self.words_in.weight, std=0.01)
            self.geo_in = torch.nn.Linear(d, cfg.hidden)
            self.out = torch.nn.Linear(cfg.hidden, 1, bias=False)
            extra = [self.words_in.weight, self.geo_in.weight, self.out.weight]
            params += extra + [self.geo_in.bias]
            hidden_decayed += extra
        batch = self._batch(train)
        opt = torch.optim.Adam(params, lr=0.03 if not cfg.hidden else 0.01)
        for _ in range(epochs):
            opt.zero_grad()
            logits = self._logits(batch)
            loss = torch.nn.functional.cross_entropy(logits, batch[4])
            penalty = cfg.l2 * sum((p**2).sum() for p in decayed)
            loss = loss + (penalty + cfg.hidden_l2 * sum((p**2).sum() for p in hidden_decayed)) / len(train)
            loss.backward()
            opt.step()

    def _batch(self, data: list[Example]):
        import torch

        n_max = max(len(e.feats) for e in data)
        feats = torch.zeros(len(data), n_max, self.cols)
        valid = torch.zeros(len(data), n_max, dtype=torch.bool)
        flat, offsets = [], []
        for i, e in enumerate(data):
            feats[i, : len(e.feats)] = torch.from_numpy((e.feats[:, : self.cols] - self.mean) / self.std)
            valid[i, : len(e.feats)] = True
            offsets.append(len(flat))
            flat.extend(self.vocab[t] for t in e.tokens if t in self.vocab)
        targets = torch.tensor([e.target for e in data])
        return feats, valid, torch.tensor(flat, dtype=torch.long), torch.tensor(offsets), targets

    def _logits(self, batch):
        import torch

        feats, valid, flat, offsets, _ = batch
        v = self.cross(flat, offsets) + self.base
        s = (feats * v[:, None, :]).sum(-1)
        if self.hidden:
            h = torch.relu(self.words_in(flat, offsets)[:, None, :] + self.geo_in(feats))
            s = s + self.out(h).squeeze(-1)
        return s.masked_fill(~valid, -1e9)

    def correct(self, data: list[Example]) -> np.ndarray:
        """(len(data),) bool: the target alone has the top score."""
        import torch

        with torch.no_grad():
            logits = self._logits(self._batch(data)).numpy()
        top = logits.max(1)
        targets = np.array([e.target for e in data])
        return (logits[np.arange(len(data)), targets] == top) & ((logits == top[:, None]).sum(1) == 1)


def scores(data: list[Example], ok: np.ndarray) -> tuple[float, float]:
    """(accuracy overall, accuracy on cue sentences)."""
    cue = np.array([e.cue for e in data])
    return float(ok.mean()), float(ok[cue].mean())


def choose(train: list[Example], configs: list[Config], use_resolver: bool, epochs: int, select_from=None):
    """Pick the config with the best cue accuracy (then overall) on the validation slice carved from
    ``select_from`` (default: the training side), fitting on the rest of the training side."""
    pool = train if select_from is None else select_from
    held = {e.photo for e in pool if _slice(e.photo)}
    fit = [e for e in train if e.photo not in held]
    val = [e for e in pool if e.photo in held]
    best, notes = None, []
    for cfg in configs:
        acc, cue = scores(val, Ranker(fit, cfg, use_resolver, epochs).correct(val))
        notes.append(f"{cfg}: {acc:.3f}/{cue:.3f}")
        if best is None or (cue, acc) > best[0]:
            best = ((cue, acc), cfg)
    print(f"    selection on {len(val)} slice sentences (overall/cue): " + "; ".join(notes))
    return best[1]


_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
}
_AXES = {  # cue word -> the box measures it may mean, larger = fits better
    "left": ("-cx", "-x0"), "leftmost": ("-cx", "-x0"), "lft": ("-cx", "-x0"),
    "right": ("cx", "x1"), "rightmost": ("cx", "x1"), "rt": ("cx", "x1"),
    "middle": ("mid",), "center": ("mid",), "centre": ("mid",), "central": ("mid",), "between": ("mid",),
    "front": ("y1", "area", "h"), "closest": ("y1", "area", "h"), "nearest": ("y1", "area", "h"),
    "foreground": ("y1", "area", "h"), "back": ("-y1", "-area", "-h"), "behind": ("-y1", "-area", "-h"),
    "far": ("-y1", "-area", "-h"), "farthest": ("-y1", "-area", "-h"), "furthest": ("-y1", "-area", "-h"),
    "background": ("-y1", "-area", "-h"), "top": ("-y0", "-cy"), "upper": ("-y0", "-cy"),
    "bottom": ("y1", "cy"), "lower": ("y1", "cy"), "corner": ("cx", "-cx"), "last": ("cx", "-cx"),
}  # fmt: skip


def cue_readings(sentence: str, boxes: np.ndarray) -> set[int]:
    """Candidates that some geometric reading of the sentence's cue words points to: the extreme of
    any measure a cue word may mean, the Pareto front of any two cue words' measures ("top left"),
    or the k-th from either side for an ordinal. Generous on purpose: a bound, not a resolver.
    boxes: Nx4 float64 (x0, y0, x1, y1). Returns candidate indices."""
    x0, y0, x1, y1 = boxes.T
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    xr = _rank(cx)
    m = {"cx": cx, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "cy": cy, "area": (x1 - x0) * (y1 - y0)}
    m |= {"h": y1 - y0, "mid": -np.minimum(np.abs(xr - (len(boxes) - 1) / 2), np.abs(cx - cx.mean()))}
    m |= {"-" + k: -v for k, v in m.items()}
    words = rb._WORD.findall(sentence.lower())
    axes = [
        _AXES[w]
        for i, w in enumerate(words)
        if w in _AXES and not (w == "far" and words[i + 1 : i + 2] in (["left"], ["right"]))
    ]
    out: set[int] = set()
    for ax in axes:
        out |= {int(i) for a in ax for i in np.flatnonzero(m[a] == m[a].max())}
    for i, ax1 in enumerate(axes):
        for ax2 in axes[i + 1 :]:
            for a in ax1:
                for b in ax2:
                    ge = (m[a][None, :] >= m[a][:, None]) & (m[b][None, :] >= m[b][:, None])
                    gt = (m[a][None, :] > m[a][:, None]) | (m[b][None, :] > m[b][:, None])
                    out |= {int(k) for k in np.flatnonzero(~(ge & gt).any(1))}
    for w in words:
        if w in _ORDINALS:
            k = _ORDINALS[w] - 1
            out |= {int(i) for i in np.flatnonzero((xr == k) | (xr == len(boxes) - 1 - k))}
    return out


def cue_bound(path: Path, split: str) -> tuple[int, float, float]:
    """(cue sentences, share whose target is among ``cue_readings``, share where it is the only one)."""
    among = only = total = 0
    for objs in rb.load_groups(str(path), split):
        boxes = np.array([o["bbox"] for o in objs], dtype=np.float64)
        for target, obj in enumerate(objs):
            for sent in obj["sentences"]:
                if rb.has_cue(sent["sent"]):
                    r = cue_readings(sent["sent"], boxes)
                    total, among, only = total + 1, among + (target in r), only + (r == {target})
    return total, among / max(total, 1), only / max(total, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--val", type=Path, default=DATA / "refcoco_val.json")
    parser.add_argument("--train", type=Path, default=DATA / "rpcocol_train.json")
    parser.add_argument("--epochs", type=int, default=300)
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    t0 = time.perf_counter()
    val, train = examples(args.val), examples(args.train)
    print(f"features: {len(val)} val and {len(train)} train sentences in {time.perf_counter() - t0:.0f} s")
    dev = [e for e in val if rb.photo_split(e.photo) == "dev"]
    heldout = [e for e in val if rb.photo_split(e.photo) == "heldout"]
    val_photos = {e.photo for e in val}
    linear = [Config(30.0), Config(100.0), Config(300.0), Config(1000.0)]
    # hidden_l2 >= ~30 drives the hidden layer to zero (the MLP becomes the linear model): keep it active
    mlps = [Config(100.0, 32, 10.0), Config(100.0, 32, 3.0), Config(100.0, 128, 10.0)]
    sets = {"dev": dev, "heldout": heldout, "all": val}
    res_ok = {n: scores(d, np.array([e.resolver_ok for e in d])) for n, d in sets.items()}
    rows = [("resolver (rules + priors)", "-", res_ok)]
    union = [np.array([e.resolver_ok for e in heldout])]

    def run(name, fit_on, configs, use_resolver=True, select_from=None, tests=("dev", "heldout", "all")):
        print(f"  {name}: training on {len(fit_on)} sentences")
        cfg = choose(fit_on, configs, use_resolver, args.epochs, select_from)
        model = Ranker(fit_on, cfg, use_resolver, args.epochs)
        rows.append((name, str(cfg), {t: scores(sets[t], model.correct(sets[t])) for t in tests}))
        union.append(model.correct(heldout))

    run("a  train=RPCOCO-L train", train, linear + mlps[:1])
    run(
        "a2 train=RPCOCO-L minus val photos",
        [e for e in train if e.photo not in val_photos],
        linear + mlps[:1],
    )
    run("a3 = a without resolver scores", train, linear, use_resolver=False)
    run("b  train=val dev (linear)", dev, linear, tests=("heldout",))
    run("b  train=val dev (MLP)", dev, mlps, tests=("heldout",))
    run("b2 = b without resolver scores", dev, linear, use_resolver=False, tests=("heldout",))
    run("c  train=val dev + RPCOCO-L", dev + train, linear + mlps[:2], select_from=dev, tests=("heldout",))

    print(f"\n{'setting':40s} {'model':16s} " + " ".join(f"{s:>15s}" for s in ("dev", "heldout", "all")))
    print(f"{'':40s} {'':16s} " + " ".join(f"{'overall / cue':>15s}" for _ in range(3)))
    for name, cfg, res in rows:
        cells = [f"{res[s][0]:.4f}/{res[s][1]:.4f}" if s in res else "-" for s in ("dev", "heldout", "all")]
        print(f"{name:40s} {cfg:16s} " + " ".join(f"{c:>15s}" for c in cells))
    any_ok = np.any(union, axis=0)
    acc, cue = scores(heldout, any_ok)
    print(f"{'oracle: right when any row above is':57s} {'-':>15s} {f'{acc:.4f}/{cue:.4f}':>15s}")
    print("\ncue sentences whose target some geometric reading of their cue words picks (cue_readings):")
    for split in ("dev", "heldout"):
        n, among, only = cue_bound(args.val, split)
        print(f"  {split:8s} {n} cue sentences: target among those read {among:.4f}, only one {only:.4f}")
    print(f"total {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
