"""Write ``rpipp_gui/referring/real_words.txt``: the English words the typo fixer must leave alone.

    python scripts/extract_real_words.py [--deb wamerican_2020.12.07-2_all.deb]

The sentence typo fixer (``referring.cleanup.fix_typo``) turns a word it does not know into a cue word
one edit away ("yelllow" -> "yellow"). A real word one edit from a cue word is no typo: "the man in the
hall" is not "tall", "good" is not "gold", "fight" is not "right". This script takes the word list of
Debian's ``wamerican`` package (SCOWL, by Kevin Atkinson; its permission notice is copied into the
output), keeps the lower-case words that are one edit the fixer makes (``cleanup.one_edit`` with its keyboard
rule) from a cue word it knows, except a cue word's plural or singular ("blouses" reads as "blouse",
"shoe" as itself), and writes them with the notice. Run once per change of the parser's vocabulary; without
--deb it runs ``apt-get download wamerican`` in a temporary folder (nothing is installed).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpipp_gui.referring.cleanup import TYPO_MIN_LENGTH, one_edit  # noqa: E402
from rpipp_gui.referring.sentence_words import known_words, typo_targets  # noqa: E402

PACKAGE, VERSION = "wamerican", "2020.12.07-2"
OUT = ROOT / "rpipp_gui" / "referring" / "real_words.txt"
NOTICE = """\
Copyright 2000-2011 by Kevin Atkinson

Permission to use, copy, modify, distribute and sell these word lists, the associated scripts, the
output created from the scripts, and its documentation for any purpose is hereby granted without fee,
provided that the above copyright notice appears in all copies and that both that copyright notice
and this permission notice appear in supporting documentation. Kevin Atkinson makes no
representations about the suitability of this array for any purpose. It is provided "as is" without
express or implied warranty."""


def dictionary(deb: Path) -> list[str]:
    """The lower-case ASCII words of the package's ``american-english`` list."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", str(deb), tmp], check=True)
        text = (Path(tmp) / "usr/share/dict/american-english").read_text(encoding="utf-8", errors="ignore")
    return sorted({w for w in text.split() if w.isascii() and w.isalpha() and w.islower()})


def protected(words: list[str]) -> list[str]:
    """The words one edit from a typo target, other than a target's plural, and not known already."""
    targets, known = typo_targets(), known_words()
    out = []
    for w in words:
        if w in known:
            continue
        near = one_edit(w, keyboard=True) & targets
        # a plural of a target reads as it ("blouses"), a target's singular is the word ("shoe")
        inflected = any(w in (t + "s", t + "es") or t in (w + "s", w + "es") for t in near)
        if near and len(w) >= TYPO_MIN_LENGTH and not inflected:
            out.append(w)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--deb", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        deb = args.deb
        if deb is None:
            subprocess.run(["apt-get", "download", f"{PACKAGE}={VERSION}"], cwd=tmp, check=True)
            deb = next(Path(tmp).glob("wamerican_*.deb"))
        words = protected(dictionary(deb))
    head = [
        f"# Real English words the typo fixer leaves alone: from Debian {PACKAGE} {VERSION} (SCOWL),",
        "# written by scripts/extract_real_words.py. The word list's notice:",
        *(f"# {line}".rstrip() for line in NOTICE.splitlines()),
    ]
    OUT.write_text("\n".join(head + words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
