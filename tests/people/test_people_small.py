"""People far from the camera (small in the photo) and people cut by the photo's border."""

from __future__ import annotations

import numpy as np
import pytest
from people_scenes import iou, place_people

pytestmark = pytest.mark.slow


def far_group():
    """A 3 MP photo with five people 1/12 to 1/15 of its height high (100-125 px), scattered."""
    placements = [
        ("grace", 120, 300, 125),
        ("astronaut", 560, 900, 110),
        ("cameraman", 1000, 200, 100),
        ("grace", 1380, 1100, 110),
        ("astronaut", 1750, 500, 125),
    ]
    return place_people((2000, 1500), placements)


def test_people_far_away_are_each_found(finder):
    scene = far_group()
    people = finder.set_image(scene.rgb)
    assert len(people) == len(scene.people), [p.box for p in people]
    for person, truth in zip(people, scene.people, strict=True):
        assert iou(person.box, truth) >= 0.5, (person.box, truth)
        assert person.face_box is not None
    assert np.sum([p.mask for p in people], axis=0).max() == 1, "masks overlap"
