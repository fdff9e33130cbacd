"""benchmarks/referring_real.py --sentences: another sentence table over the same folder's people."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from script_helpers import load_script

PEOPLE = "photo\tid\tx0\ty0\tx1\ty1\nscene.png\tp1\t0\t0\t40\t60\nscene.png\tp2\t60\t0\t100\t60\n"


@pytest.fixture(scope="module")
def bench():
    return load_script("benchmarks/referring_real.py")


class _App:
    """Stands in for the app: the sentence names the id it means ("p1" or "p2"), the mask is its box."""

    def decide(self, sentence: str, context) -> SimpleNamespace:
        mask = np.zeros((60, 100), bool)
        if sentence == "p1":
            mask[:, 0:40] = True
        elif sentence == "p2":
            mask[:, 60:100] = True
        return SimpleNamespace(verdict="matched" if mask.any() else "nobody", mask=mask)


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "people.tsv").write_text(PEOPLE)
    (tmp_path / "sentences.tsv").write_text("photo\tsentence\tids\nscene.png\tp1\tp2\n")  # 0/1
    blind = "# a comment\nphoto\tsentence\tids\nscene.png\tp1\tp1\nscene.png\tp2\tp1\n"
    (tmp_path / "blind.tsv").write_text(blind)
    return tmp_path


def test_sentences_option_reads_the_given_table(bench, tmp_path, monkeypatch, capsys):
    data = _folder(tmp_path)
    monkeypatch.setattr(bench, "engine_for", lambda photo, boxes, cache: (_App(), None, 0.0))
    monkeypatch.setattr(bench, "uptime", lambda: "")
    monkeypatch.setattr(bench, "summary", lambda d: d.verdict)
    assert bench.main(["--data", str(data), "--sentences", str(data / "blind.tsv"), "--boxes"]) == 0
    out = capsys.readouterr().out
    assert "hide exactly their people: 1/2" in out and "'p2'" in out  # the miss is printed
    assert bench.main(["--data", str(data), "--boxes"]) == 0  # default: DIR/sentences.tsv
    assert "hide exactly their people: 0/1" in capsys.readouterr().out


def test_missing_table_is_an_error_not_zero_of_zero(bench, tmp_path):
    data = _folder(tmp_path)
    with pytest.raises(SystemExit):
        bench.main(["--data", str(data), "--sentences", str(data / "nope.tsv")])
