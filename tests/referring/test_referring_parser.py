"""The sentence parser: actions and styles, positions, order, counts, exclusions, colours, nobody."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rpipp_gui.referring import word_lists as vocab
from rpipp_gui.referring.cleanup import normalise
from rpipp_gui.referring.query import parse

WORDS = st.sampled_from(
    [
        "hide",
        "blur",
        "the",
        "man",
        "woman",
        "kid",
        "on",
        "left",
        "right",
        "middle",
        "second",
        "from",
        "third",
        "last",
        "both",
        "two",
        "everyone",
        "except",
        "all",
        "but",
        "in",
        "red",
        "blue",
        "shirt",
        "pants",
        "of",
        "front",
        "back",
        "behind",
        "next",
        "to",
        "sitting",
        "tall",
        "dog",
        "face",
        "please",
        ",",
        "'",
        "?",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_parse_never_raises_and_normalise_is_idempotent(text):
    q = parse(text)
    assert normalise(normalise(text)) == normalise(text)
    assert q.text == normalise(q.text)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=12).map(" ".join))
def test_parsing_the_parsed_text_again_gives_the_same_cues(text):
    q = parse(text)
    again = parse(q.text)
    fields = [f for f in q.__dataclass_fields__ if f not in ("raw", "style", "fill")]
    assert {f: getattr(again, f) for f in fields} == {f: getattr(q, f) for f in fields}


@pytest.mark.parametrize(
    "sentence, style, fill",
    [
        ("please blur the man on the left", "blur", None),
        ("pixelate the woman", "mosaic", None),
        ("Can you mosaic the kid?", "mosaic", None),
        ("black out the guy", "solid", None),
        ("cover the girl in red", "solid", None),
        ("remove the man on the right", "inpaint", None),
        ("erase everyone", "inpaint", None),
        ("hide the face of the man on the left", "face", None),
        ("blur the face of the woman", "face", "blur"),
        ("hide the kid's face", "face", None),
        ("protect privacy of a man in a hat", None, None),
        ("hide the man", None, None),
    ],
)
def test_the_verb_chooses_the_style(sentence, style, fill):
    q = parse(sentence)
    assert (q.style, q.fill) == (style, fill)
    assert not q.text.startswith(("please", "blur", "hide", "protect", "can", "the face"))


def test_positions_and_extremes():
    assert parse("the man on the left").horizontal == ("left",)
    q = parse("far right guy")
    assert q.horizontal == ("right",) and q.extreme
    assert parse("leftmost person").extreme
    assert parse("guy in the middle").horizontal == ("center",)
    assert parse("bottom left").vertical == "bottom"
    assert parse("woman in front").depth == "front"
    assert parse("closest kid").depth == "front"
    assert parse("man in the back").depth == "back"
    assert parse("far guy").depth == "back"
    # Not positions: body parts, facing, clothing, the person's back
    assert parse("man holding a cup in his left hand").horizontal == ()
    assert parse("woman in white top").vertical is None
    assert parse("guy with back to us").depth is None
    assert parse("man standing behind the counter").depth is None


@pytest.mark.parametrize(
    "sentence, k, side",
    [
        ("second from the right", 2, "right"),
        ("2nd from left", 2, "left"),
        ("the third person", 3, "left"),
        ("second guy on the right", 2, "right"),
        ("the last person", 1, "right"),
        ("last one on the left", 1, "left"),
        ("second closest", 2, "front"),
        ("dude 3 in from right hand side", 3, "right"),
        ("2 from left", 2, "left"),
        ("the man two from the left", 2, "left"),
    ],
)
def test_order(sentence, k, side):
    q = parse(sentence)
    assert (q.ordinal, q.ordinal_from) == (k, side)


def test_a_count_from_a_side_stays_a_count():
    q = parse("the two from the left")
    assert (q.count, q.ordinal) == (2, None)


def test_counts_plurals_and_exclusions():
    assert parse("both kids").count == 2
    q = parse("the two on the left")
    assert q.count == 2 and q.horizontal == ("left",)
    assert parse("a line of four players").count is None
    assert parse("blur the kids").plural
    assert parse("everyone").everyone and parse("all of them").everyone
    q = parse("everyone except the child")
    assert q.everyone and q.exclude is not None and q.exclude.age == "child"
    q = parse("all but the man on the right")
    assert q.everyone and q.exclude.horizontal == ("right",)
    assert parse("man in black but with a hat").exclude is None


def test_size_age_posture():
    assert parse("the tall man").size == "tall"
    assert parse("small person").size == "small"
    assert parse("the little girl").age == "child"
    assert parse("the baby").age == "child"
    assert parse("the adult").age == "adult"
    assert parse("man sitting down").posture == "sitting"
    assert parse("the standing woman").posture == "standing"
    assert parse("person lying on the grass").posture == "lying"


def test_colours_of_upper_and_lower_body():
    q = parse("the guy with the blue shirt and black pants")
    assert q.upper_colors == ("blue",) and q.lower_colors == ("black",)
    assert parse("woman in red").colors == ("red",)
    assert parse("red jacket").upper_colors == ("red",)
    assert parse("girl with blond hair").colors == ()
    assert parse("man holding a red umbrella").colors == ()


def test_relations():
    q = parse("the man left of the woman in red")
    assert q.relation == "left_of" and q.anchor.colors == ("red",)
    assert parse("kid in front of the man").relation == "in_front_of"
    assert parse("left of the picture").relation is None


def test_sentences_that_name_no_person():
    assert parse("the dog").non_person == "dog"
    assert parse("man with the dog").non_person is None
    assert parse("the fifth person").ordinal == 5


@pytest.mark.parametrize(
    "text", ["the bike driver", "elephant trainer on the left", "the food service worker"]
)
def test_people_named_by_what_they_do_are_people(text):
    q = parse(text)
    assert q.person_named and q.non_person is None
    assert parse(text.replace("driver", "").replace("trainer", "").replace("worker", "")).non_person


@given(
    st.sampled_from(sorted(vocab.CROWD_COLLECTIVE | vocab.CROWD_PLURALS)),
    st.sampled_from(["", "in the stands", "on the left", "behind the goal", "in the background"]),
)
def test_a_crowd_named_as_the_target_is_a_crowd(noun, rest):
    q = parse(f"the {noun} {rest}")
    assert q.crowd and not q.person_named and q.understood
    assert q.posture is None  # "in the stands" is where a crowd sits, not a posture


@pytest.mark.parametrize(
    "text", ["the man in the crowd", "the two fans on the left", "the spectator in red", "the fan"]
)
def test_people_in_or_of_a_crowd_are_people(text):
    q = parse(text)
    assert not q.crowd and q.person_named
    assert q.in_crowd == ("crowd" in text)


def test_stands_is_a_posture_only_as_a_verb():
    assert parse("the man who stands on the left").posture == "standing"
    assert parse("the man in the stands").posture is None


@pytest.mark.parametrize(
    "text, age, sex",
    [("the woman holding a baby", "adult", "f"), ("the man with the kid", "adult", "m"),
     ("the man carrying a child", "adult", "m"), ("the kid next to the man", "child", None),
     ("the girl with her dad", "child", "f")],
)  # fmt: skip
def test_a_person_attached_to_the_target_does_not_set_its_age_or_sex(text, age, sex):
    q = parse(text)
    assert (q.age, q.sex) == (age, sex) and q.person_named


@pytest.mark.parametrize(
    "text, upper, lower, anywhere",
    [
        ("the man holding a white paper", (), (), ()),  # the paper's colour, not the clothes'
        ("the man at the front carrying white papers", (), (), ()),
        ("the man in jeans on the left", (), ("blue",), ()),  # jeans without a colour are blue
        ("the man in black jeans", (), ("black",), ()),
        ("the woman in a red jacket holding a white folder", ("red",), (), ()),
    ],
)
def test_colours_of_held_things_and_plain_jeans(text, upper, lower, anywhere):
    q = parse(text)
    assert (q.upper_colors, q.lower_colors, q.colors) == (upper, lower, anywhere)


def test_leaning_is_not_read_as_bending():
    # a slight lean keeps the torso upright to the pose reading: reported as not judged instead
    q = parse("the man on the left leaning forward")
    assert "bending" not in q.actions and "leaning" in q.unjudged and q.horizontal == ("left",)
    assert parse("the man bending over").actions == ("bending",)


def test_catching_a_ball_is_the_holding_pose():
    # both hands together in front of the body, as for holding it; not for an umbrella
    assert parse("the smiling guy catching the ball").actions == ("holding",)
    assert "holding" not in parse("the man catching an umbrella").actions


@pytest.mark.parametrize(
    "text, side",
    [
        ("person in a coat cut by the left border, only his side visible", "left"),
        ("the man cut off by the right edge", "right"),
        ("the woman cut off by the right side of the photo", "right"),
    ],
)
def test_a_border_of_the_photo_is_no_anchor_person(text, side):
    q = parse(text)
    assert q.relation is None and q.cut_off and q.horizontal == (side,) and "border" not in q.unjudged


def test_the_side_of_a_person_stays_an_anchor():
    q = parse("the man by the side of the woman")
    assert q.relation == "next_to" and q.anchor.person_named


@pytest.mark.parametrize(
    "text",
    [
        "the man with his hand on his chin",
        "the girl with her chin in her hand",
        "the boy with a hand to his chin",
    ],
)
def test_a_hand_at_the_chin_is_the_hand_to_face_pose(text):
    q = parse(text)
    assert "hand_to_face" in q.actions and not q.unjudged


def test_a_t_shirt_is_a_shirt():
    q = parse("the girl in the yellow T-shirt")
    assert q.upper_colors == ("yellow",) and not q.unjudged
    assert normalise("a t-shirt") == "a shirt" and normalise("don't") == "don t"
