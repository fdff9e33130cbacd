"""The Qt-free session: diffs, rasterising, one-step edits, undo/redo, observers."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from rpipp_gui.errors import MaskError
from rpipp_gui.imaging import load_image
from rpipp_gui.people.person import Person
from rpipp_gui.session import History, MaskDelta, Session, Step
from rpipp_gui.session.draw import polygon_mask, stroke_mask

H, W = 60, 100


def half_people() -> list[Person]:
    left = np.zeros((H, W), bool)
    left[10:50, 5:45] = True
    right = np.zeros((H, W), bool)
    right[10:50, 40:95] = True  # overlaps the left person in columns 40..44
    return [Person((5, 10, 45, 50), mask=left, source="test"), Person((40, 10, 95, 50), mask=right)]


@pytest.fixture
def session(tmp_path) -> Session:
    from PIL import Image

    path = tmp_path / "p.png"
    Image.fromarray(np.full((H, W, 3), 128, np.uint8)).save(path)
    s = Session()
    s.open(path)
    s.set_people(half_people())
    return s


@settings(max_examples=40, deadline=None)
@given(
    arrays(bool, (17, 23)),
    arrays(bool, (17, 23)),
)
def test_mask_delta_redoes_and_undoes_exactly(before, after):
    delta = MaskDelta.between(before, after)
    if np.array_equal(before, after):
        assert delta is None
        return
    work = before.copy()
    delta.apply(work)
    assert np.array_equal(work, after)
    delta.apply(work)
    assert np.array_equal(work, before)
    rows, cols = np.nonzero(before ^ after)
    assert delta.patch.shape == (rows.max() - rows.min() + 1, cols.max() - cols.min() + 1)


@settings(max_examples=40, deadline=None)
@given(
    st.floats(0, 100),
    st.floats(0, 60),
    st.floats(1, 15),
)
def test_stroke_of_one_point_is_a_disc_clipped_to_the_photo(x, y, r):
    m = stroke_mask((H, W), [(x, y)], r)
    ys, xs = np.nonzero(m)
    if ys.size:
        assert np.all((xs + 0.5 - x) ** 2 + (ys + 0.5 - y) ** 2 <= r * r + 1e-6)
    full = np.pi * r * r
    if r + 1 < x < W - r - 1 and r + 1 < y < H - r - 1:
        assert abs(m.sum() - full) < 2 * np.pi * r + 4  # area of a disc, up to the rim


def test_stroke_line_covers_the_segment_and_polygon_fills_inside():
    m = stroke_mask((H, W), [(10, 30), (90, 30)], 3)
    assert m[30, 10:90].all() and not m[20].any() and m[27:33, 50].all()
    sq = polygon_mask((H, W), [(10, 10), (30, 10), (30, 30), (10, 30)])
    assert sq[15, 15] and not sq[40, 40] and 400 <= sq.sum() <= 441


def test_toggle_keeps_overlap_of_still_selected_person(session):
    people = session.people
    assert session.toggle_person(0) and session.toggle_person(1)
    assert np.array_equal(session.mask, people[0].mask | people[1].mask)
    session.toggle_person(1)  # deselect the right person: the shared columns stay hidden
    assert np.array_equal(session.mask, people[0].mask)
    assert session.selected == (0,)
    assert session.undo() == "Show #2"
    assert session.selected == (0, 1)
    with pytest.raises(MaskError, match="no person #5"):
        session.toggle_person(4)


def test_each_action_is_one_undo_step_and_redo_restores(session):
    states = [session.mask.copy()]
    session.toggle_person(0)
    states.append(session.mask.copy())
    session.paint([(70, 5), (70, 55)], 4)
    states.append(session.mask.copy())
    session.paint([(20, 30)], 6, erase=True)
    states.append(session.mask.copy())
    session.lasso([(60, 0), (99, 0), (99, 8)])
    states.append(session.mask.copy())
    session.grow(2)
    states.append(session.mask.copy())
    session.invert()
    states.append(session.mask.copy())
    session.clear()
    states.append(session.mask.copy())
    assert not session.mask.any() and session.selected == ()
    assert len({s.tobytes() for s in states[:-1]}) == len(states) - 1  # every step changed something
    for expected in reversed(states[:-1]):
        assert session.undo() is not None
        assert np.array_equal(session.mask, expected)
    assert session.undo() is None
    for expected in states[1:]:
        session.redo()
        assert np.array_equal(session.mask, expected)
    assert session.redo() is None


def test_history_stores_cropped_diffs_not_full_masks(session):
    for i in range(20):
        session.paint([(5 + 4 * i, 5)], 2)
    assert len(session.history.undo_steps) == 20
    assert session.history.nbytes < 20 * 5 * 5 + 1  # each stroke's patch is about its 4x4 disc
    assert session.history.nbytes < H * W  # less than one full mask for twenty steps


def test_no_change_records_no_step_and_stays_clean(session):
    assert not session.dirty
    assert not session.paint([(5, 5)], 3, erase=True)  # erasing nothing
    assert not session.history.can_undo and not session.dirty


def test_sentence_replaces_selection_sets_style_and_keeps_manual_paint(session):
    session.paint([(97, 57)], 2)  # manual paint in a corner no person covers
    assert session.apply_choice((1,), session.people[1].mask.copy(), "blur", "Say: blur the one on the right")
    assert session.selected == (1,) and session.style.style == "blur"
    assert session.mask[57, 97] and session.mask[30, 90] and not session.mask[30, 10]
    session.apply_choice((0,), session.people[0].mask.copy(), None, "Say: no, the left one")
    assert session.selected == (0,) and not session.mask[30, 90] and session.mask[57, 97]
    session.undo()
    session.undo()
    assert session.selected == () and session.style.style != "blur"


def test_box_prompt_person_is_added_and_removed_by_undo(session):
    m = np.zeros((H, W), bool)
    m[52:58, 2:10] = True
    assert session.add_person(Person((2, 52, 10, 58), mask=m, source="box"))
    assert len(session.people) == 3 and session.selected == (2,) and session.mask[55, 5]
    session.undo()
    assert len(session.people) == 2 and not session.mask[55, 5]
    session.redo()
    assert len(session.people) == 3 and session.mask[55, 5]


def test_observers_hear_what_changed_and_dirty_tracks_edits(session):
    heard = []
    session.add_observer(heard.append)
    session.toggle_person(0)
    assert {"mask", "selection", "history", "dirty"} <= heard[-1]
    session.set_style(dataclasses.replace(session.style, strength=0.9))
    assert heard[-1] == {"style", "dirty"} and not session.history.can_redo
    session.mark_clean()
    assert not session.dirty and heard[-1] == {"dirty"}
    session.undo()
    assert session.dirty and "mask" in heard[-1]


def test_mask_view_is_read_only_and_history_limit_drops_oldest(session):
    with pytest.raises(ValueError):
        session.mask[0, 0] = True
    h = History(limit=3)
    for i in range(5):
        h.push(Step(f"s{i}", before={"selected": ()}, after={"selected": (i,)}))
    assert [s.label for s in h.undo_steps] == ["s2", "s3", "s4"]


def test_open_missing_photo_raises_image_load_error(tmp_path):
    from rpipp_gui.errors import ImageLoadError

    with pytest.raises(ImageLoadError):
        Session().open(tmp_path / "nope.jpg")


def test_loaded_image_roundtrip_shape(session):
    assert session.shape == (H, W) and session.rgb.shape == (H, W, 3)
    assert load_image(session.path).rgb.shape == (H, W, 3)


def test_finding_people_again_keeps_the_mask_and_undo_stays_valid(session):
    session.toggle_person(1)
    hidden = session.mask.copy()
    session.set_people(half_people()[:1])  # found again: now only one person
    assert session.selected == () and np.array_equal(session.mask, hidden)
    session.paint([(5, 55)], 2)
    session.undo()
    session.undo()  # back before "Hide #2": person #2 no longer exists, nothing stale is selected
    assert session.selected == () and not session.mask.any()
    session.redo()
    assert session.selected == () and np.array_equal(session.mask, hidden)
    session.toggle_person(0)  # still usable
    assert session.selected == (0,)


def test_a_faces_only_choice_adds_only_the_faces_and_the_next_sentence_replaces_them(session):
    face = np.zeros_like(session.mask)
    face[5:15, 60:75] = True  # over the top of person #2 (a face ellipse may pass the mask)
    assert session.apply_choice((1,), face, None, "Say: hide the face of the one on the right")
    assert session.selected == (1,) and np.array_equal(session.mask, face)
    session.apply_choice((0,), session.people[0].mask.copy(), None, "Say: the left one instead")
    assert np.array_equal(session.mask, session.people[0].mask)
