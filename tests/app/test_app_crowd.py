"""Crowd sentences through the one pipeline (window and command line): a crowd region on a photo
with out-of-focus stands, nobody (exit 3, one line) on a photo without a crowd."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rpipp_gui.app import App, ModelConfig

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "data" / "real_people"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (REAL / "messi5.jpg").exists(), reason="shared/data/real_people is missing"),
]
CROWD1 = (0, 0, 548, 262)  # people.tsv: messi5.jpg crowd1
P2 = (370, 149, 430, 258)  # the blurred player (found by the body detector's second look, weak_large.py)


def inside(mask, box) -> int:
    x0, y0, x1, y1 = box
    return int(mask[y0:y1, x0:x1].sum())


@pytest.fixture(scope="module")
def messi():
    app = App(ModelConfig())
    photo = app.open(REAL / "messi5.jpg")
    return app, app.with_people(app.find_people(photo), photo)


def test_the_crowd_in_the_stands_is_hidden_and_the_player_is_not(messi):
    app, photo = messi
    player = photo.people[0].mask
    d = app.decide("the crowd in the stands", photo)
    assert d.verdict == "matched" and d.people == ()
    assert inside(d.mask, CROWD1) >= 0.2 * 548 * 262 and inside(d.mask, CROWD1) >= 0.7 * d.mask.sum()
    assert not (d.mask & player).any()


def test_everyone_except_the_player_is_the_crowd_with_the_blurred_player(messi):
    app, photo = messi
    assert len(photo.people) == 2  # the footballer and the blurred player behind him
    d = app.decide("everyone except the player kicking the ball", photo)
    assert d.verdict == "matched" and not (d.mask & photo.people[0].mask).any()
    assert inside(d.mask, P2) >= 0.2 * 60 * 109
    assert d.mask.sum() >= inside(d.mask, P2) + 0.2 * 548 * 262  # and the crowd
    # "the man": the blurred player's face cannot be seen (an unseen gender fits fully), so the
    # footballer's kick decides: his legs spread 72 degrees, the blurred player's pose is unseen
    man = app.decide("everyone except the man kicking the ball", photo)
    assert man.verdict == "matched" and (man.mask == d.mask).all()
    everyone = app.decide("everyone", photo)
    assert (everyone.mask & photo.people[0].mask).sum() == photo.people[0].mask.sum()
    assert everyone.mask.sum() > d.mask.sum()


def test_the_cover_outline_of_the_crowd_leaves_the_footballer_visible(messi):
    """The crowd's region goes round the footballer; its cover (a grown hull) must not hide him."""
    from rpipp_gui.app.output import render
    from rpipp_gui.imaging.styles import StyleOptions
    from rpipp_gui.session.snapshot import Snapshot

    app, photo = messi
    footballer = photo.people[0].mask
    for sentence in ("the crowd in the stands", "everyone except the player kicking the ball"):
        d = app.decide(sentence, photo)
        style = StyleOptions(style="solid", outline="cover")
        out = render(Snapshot(photo.rgb, d.mask, style, None, people=tuple(photo.people)))
        assert (out[footballer] == photo.rgb[footballer]).all(), sentence
        assert (out[d.mask] != photo.rgb[d.mask]).any(axis=-1).mean() > 0.9
        blind = render(Snapshot(photo.rgb, d.mask, style, None))  # without the people: the hull takes him
        assert (blind[footballer] != photo.rgb[footballer]).any(axis=-1).mean() > 0.5


def test_the_crowd_where_there_is_none_exits_3_with_one_line(tmp_path):
    out = tmp_path / "out.png"
    env = {k: v for k, v in os.environ.items() if k != "RPIPP_LOG"} | {"PYTHONPATH": str(ROOT)}
    photo = REAL / "basketball1.png"
    result = subprocess.run(
        [sys.executable, "-m", "rpipp_gui.cli", "protect", str(photo), "--say", "the crowd", "-o", str(out)],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "no crowd" in result.stderr, result.stderr
    assert not out.exists()
