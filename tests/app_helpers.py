"""Stand-ins shared by tests: a people backend that returns a fixed list (registered by name, so the
window and the ``rpipp`` command pick it like a real one) and a tiny scene of figures."""

from __future__ import annotations

import numpy as np

FIXED = "test-fixed"


class FixedPeople:
    """A ``PersonBackend`` that "finds" the given people in every photo and counts the searches."""

    device = "cpu"

    def __init__(self, people) -> None:
        self.people = list(people)
        self.calls = 0

    def find(self, rgb: np.ndarray):
        self.calls += 1
        return list(self.people)

    def warm_up(self) -> None:
        pass

    def segment_box(self, rgb, box):
        from rpipp_gui.people.person import Person

        h, w = rgb.shape[:2]
        x0, y0, x1, y1 = (int(round(v)) for v in box)
        mask = np.zeros((h, w), bool)
        mask[max(0, y0) : y1, max(0, x0) : x1] = True
        return Person((x0, y0, x1, y1), mask=mask, source="box")


def use_fixed_people(monkeypatch, people, name: str = FIXED) -> FixedPeople:
    """Register ``FixedPeople(people)`` as the people backend ``name`` for one test."""
    from rpipp_gui.people.backends import BACKENDS

    backend = FixedPeople(people)
    monkeypatch.setitem(BACKENDS, name, lambda options: backend)
    return backend
