"""Learn the resolver's word priors (rpipp_gui/referring/word_priors.json) from a training split.

Usage: python benchmarks/referring_learn.py TRAIN.json [--out PATH] [--holdout 0.2] [--min-count 5]

Each sentence of a photo with 2+ referred people is one example: the people's box features
(``learned.box_features``) and the sentence's words; a linear word-by-feature model is fitted with a
softmax over the photo's people (PyTorch, CPU, a few seconds). With --holdout the photos are split
deterministically, the model is fitted on the rest and its accuracy on the held-out photos is printed
(to choose --l2 and the resolver's ``learned`` weight); the file written is fitted on all photos
unless --write-holdout-fit asks for the fit without the held-out ones (to tune the weights on them).
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import referring_boxes as rb  # noqa: E402

from rpipp_gui.referring import geometry as geo  # noqa: E402
from rpipp_gui.referring.learned import FEATURES, PRIORS_PATH, box_features, sentence_words  # noqa: E402
from rpipp_gui.referring.query import parse  # noqa: E402


def examples(groups):
    """(photo name, features NxD, target index, words) for every sentence."""
    out = []
    for objs in groups:
        feats = box_features(geo.layout(np.array([o["bbox"] for o in objs], dtype=np.float64)))
        for target, obj in enumerate(objs):
            for sent in obj["sentences"]:
                out.append((obj["img_name"], feats, target, sentence_words(parse(sent["sent"]).text)))
    return out


def fit(data, vocab: list[str], l2: float, epochs: int = 300, seed: int = 0):
    import torch

    torch.manual_seed(seed)
    index = {w: i for i, w in enumerate(vocab)}
    rows = [(f, t, [index[w] for w in ws if w in index]) for _, f, t, ws in data]
    rows = [r for r in rows if r[2]]
    n_max = max(len(f) for f, _, _ in rows)
    d = len(FEATURES)
    feats = torch.zeros(len(rows), n_max, d)
    valid = torch.zeros(len(rows), n_max, dtype=torch.bool)
    flat, offsets = [], []
    for i, (f, _, idx) in enumerate(rows):
        feats[i, : len(f)] = torch.from_numpy(f).float()
        valid[i, : len(f)] = True
        offsets.append(len(flat))
        flat.extend(idx)
    targets = torch.tensor([t for _, t, _ in rows])
    bag = torch.nn.EmbeddingBag(len(vocab), d, mode="sum")
    torch.nn.init.zeros_(bag.weight)
    bias = torch.zeros(d, requires_grad=True)
    opt = torch.optim.Adam([bag.weight, bias], lr=0.05)
    flat_t, off_t = torch.tensor(flat), torch.tensor(offsets)
    for _ in range(epochs):
        opt.zero_grad()
        v = bag(flat_t, off_t) + bias
        logits = (feats * v[:, None, :]).sum(-1).masked_fill(~valid, -1e9)
        loss = torch.nn.functional.cross_entropy(logits, targets) + l2 * (bag.weight**2).sum(1).mean()
        loss.backward()
        opt.step()
    return {w: bag.weight[i].detach().numpy() for i, w in enumerate(vocab)}, bias.detach().numpy()


def accuracy(data, words, bias) -> float:
    hits = total = 0
    for _, f, t, ws in data:
        known = [words[w] for w in ws if w in words]
        total += 1
        if known:
            s = f @ (np.sum(known, axis=0) + bias)
            hits += int(np.argmax(s) == t and np.sum(s == s.max()) == 1)
    return hits / max(total, 1)


def vocabulary(data, min_count: int) -> list[str]:
    counts = Counter(w for _, _, _, ws in data for w in ws)
    return sorted(w for w, c in counts.items() if c >= min_count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations")
    parser.add_argument("--out", type=Path, default=PRIORS_PATH)
    parser.add_argument("--holdout", type=float, default=0.0, help="share of photos to hold out (report)")
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--l2", type=float, default=0.1)
    parser.add_argument(
        "--write-holdout-fit", action="store_true", help="write the model fitted without the held-out photos"
    )
    args = parser.parse_args(argv)
    data = examples(rb.load_groups(args.annotations))
    if args.holdout > 0:
        held = [e for e in data if zlib.crc32(e[0].encode()) % 1000 < args.holdout * 1000]
        rest = [e for e in data if zlib.crc32(e[0].encode()) % 1000 >= args.holdout * 1000]
        words, bias = fit(rest, vocabulary(rest, args.min_count), args.l2)
        held_acc, rest_acc = accuracy(held, words, bias), accuracy(rest, words, bias)
        print(f"held-out photos: {len(held)} sentences, learned-only accuracy {held_acc:.4f}")
        print(f"fitted photos: {len(rest)} sentences, learned-only accuracy {rest_acc:.4f}")
    if not (args.holdout > 0 and args.write_holdout_fit):
        words, bias = fit(data, vocabulary(data, args.min_count), args.l2)
    doc = {
        "features": list(FEATURES),
        "trained_on": Path(args.annotations).name,
        "l2": args.l2,
        "min_count": args.min_count,
        "bias": [round(float(x), 4) for x in bias],
        "words": {w: [round(float(x), 4) for x in v] for w, v in sorted(words.items())},
    }
    args.out.write_text(json.dumps(doc, separators=(",", ":")) + "\n")
    print(f"wrote {args.out}: {len(words)} words x {len(FEATURES)} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
