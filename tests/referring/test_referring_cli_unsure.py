"""``rpipp protect --say``: a sentence that fits nobody or leaves several people exits 3 with one
line on stderr and writes nothing (the real people finder on a composite of public-domain photos)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from rpipp_gui.cli import EXIT_NO_MATCH, main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    import matplotlib
    import skimage.data

    astronaut = skimage.data.astronaut()
    grace = np.asarray(
        Image.open(Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg").convert("RGB")
    )[:512]
    path = tmp_path_factory.mktemp("cli") / "three.png"
    Image.fromarray(np.concatenate([astronaut, grace, astronaut[:, ::-1]], axis=1)).save(path)
    return path


@pytest.mark.parametrize(
    "sentence, start",
    [
        ("qwerty", "Nobody matches 'qwerty' (no word I understand"),
        ("!!!???...", "Nobody matches '!!!???...'"),
        ("隐藏左边的男人", "Nobody matches"),
        ("the dog", "Nobody matches 'the dog' (a dog is not a person)"),
        ("the person holding an umbrella", "Not sure whom 'the person holding an umbrella' means: #1, #2 or"),
    ],
)
def test_no_silent_guess_exits_3_with_one_line(photo, tmp_path, capfd, sentence, start):
    out = tmp_path / "out.png"
    code = main(["protect", str(photo), "--say", sentence, "-o", str(out)])
    err = capfd.readouterr().err
    assert code == EXIT_NO_MATCH and not out.exists()
    assert err.count("\n") == 1 and err.startswith(f"rpipp: {start}"), err


def test_a_clear_sentence_still_protects(photo, tmp_path, capfd):
    out = tmp_path / "out.png"
    code = main(["protect", str(photo), "--say", "the person in the middle", "-o", str(out), "--explain"])
    captured = capfd.readouterr()
    assert code == 0 and out.exists() and captured.err == ""
    assert "#2 — in the middle of 3 people" in captured.out and "sure" in captured.out
