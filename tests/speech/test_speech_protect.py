"""``rpipp protect PHOTO --audio CLIP.wav``: the transcript goes through the --say path."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from speech_sim import synthesize

from rpipp_gui.cli import main
from rpipp_gui.speech.audio import write_wav


@pytest.fixture(scope="module")
def two_people(tmp_path_factory):
    """The astronaut (left) and Grace Hopper (right), side by side: 512 px tall JPEG."""
    import matplotlib.cbook
    from skimage import data

    left = data.astronaut()
    right = np.asarray(Image.open(matplotlib.cbook.get_sample_data("grace_hopper.jpg")).convert("RGB"))
    h = min(left.shape[0], right.shape[0])
    path = tmp_path_factory.mktemp("photo") / "two.jpg"
    Image.fromarray(np.concatenate([left[:h], right[:h]], axis=1)).save(path, quality=95)
    return path, left.shape[1]


@pytest.mark.slow
def test_protect_with_spoken_command(tmp_path, two_people, capsys):
    photo, split = two_people
    clip = write_wav(tmp_path / "cmd.wav", synthesize("blur the person on the right", "en-us", 150))
    mask_out = tmp_path / "mask.png"
    out = tmp_path / "out.jpg"
    assert (
        main(["protect", str(photo), "--audio", str(clip), "-o", str(out), "--mask-out", str(mask_out)]) == 0
    )
    assert "heard: blur the person on the right" in capsys.readouterr().err
    mask = np.asarray(Image.open(mask_out)) > 0
    assert mask[:, split:].sum() > 20 * mask[:, :split].sum()  # the right-hand person, not the left
    assert out.is_file()


def test_protect_with_silent_clip_is_an_error(tmp_path, two_people, capsys):
    photo, _ = two_people
    clip = write_wav(tmp_path / "quiet.wav", np.zeros(32000, np.float32))
    assert main(["protect", str(photo), "--audio", str(clip), "-o", str(tmp_path / "o.jpg")]) == 2
    err = capsys.readouterr().err
    assert "no command heard" in err and "no speech detected" in err
    assert not (tmp_path / "o.jpg").exists()
