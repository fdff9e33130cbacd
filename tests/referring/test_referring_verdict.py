"""No silent guesses: matched / unsure / nobody, the words understood, and the parser's looks words."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from referring_scenes import blank, exclusive, figure

from rpipp_gui.referring import Person, parse, resolve
from rpipp_gui.referring.cleanup import KEY_NEIGHBOURS, fix_typo, normalise
from rpipp_gui.referring.engines import grounding_from
from rpipp_gui.referring.looks_words import HELD_IN_FRONT, HOLD_VERBS
from rpipp_gui.referring.sentence_words import known_words

TWO = [Person(box=(10, 50, 110, 400)), Person(box=(300, 60, 400, 400))]


@pytest.fixture(scope="module")
def dressed():
    img = blank(900, 420)
    people = [figure(img, 150, 400, 330, "red", "blue"), figure(img, 600, 400, 330, "white", "black")]
    return img, exclusive(people)


@pytest.mark.parametrize(
    "text",
    ["qwerty", "!!!???...", "隐藏左边的男人", "la mujer de la izquierda", "der Mann links", "asdf jkl",
     "lorem ipsum dolor sit amet", "zzzz"],
)  # fmt: skip
def test_sentences_without_an_understood_word_match_nobody(text):
    res = resolve(text, TWO)
    assert res.verdict == "nobody" and res.matched_nobody and res.selected == ()
    assert res.best_guess is not None  # still ranked for box-level benchmarks


@pytest.mark.parametrize(
    "text", ["the man shouting", "the one", "the person holding an umbrella", "the guy with the tattoo"]
)
def test_words_that_judge_nobody_apart_leave_both_as_candidates(text):
    res = resolve(text, TWO)
    assert res.verdict == "unsure" and set(res.candidates) == {0, 1}
    assert res.selected and res.best_guess in (0, 1)  # a best guess, never acted on
    g = grounding_from(res, TWO, (420, 500))
    assert g.unsure and not g.mask.any() and g.selected == ()


def test_unjudged_words_are_named_in_the_explanation():
    res = resolve("the man on the left holding an umbrella", TWO)
    assert res.verdict == "matched" and res.selected == (0,)
    assert "could not judge: holding, umbrella" in res.explanation
    assert "sure" in res.explanation


def test_one_person_and_words_that_cannot_be_checked_is_unsure():
    res = resolve("the person holding an umbrella", TWO[:1])
    assert res.verdict == "unsure" and res.candidates == (0,)
    assert resolve("the person", TWO[:1]).verdict == "matched"


def test_colours_decide_and_a_missing_colour_is_nobody(dressed):
    img, people = dressed
    res = resolve("the man in red", people, image=img)
    assert res.verdict == "matched" and res.selected == (0,) and res.confidence > 0.7
    assert resolve("the man in the red and green jacket", people, image=img).selected == (0,)
    assert resolve("the man in green", people, image=img).verdict == "nobody"


def test_both_and_everyone_are_matched_counts():
    assert resolve("both men", TWO).verdict == "matched"
    assert set(resolve("everyone", TWO).selected) == {0, 1}
    three = [*TWO, Person(box=(600, 60, 700, 400))]
    assert resolve("both", three).verdict == "unsure"  # which two?
    assert resolve("the two on the left", three).selected == (0, 1)


def test_the_unsure_line_names_the_candidates_in_order():
    from rpipp_gui.app.decision import UNSURE, Decision
    from rpipp_gui.app.wording import summary

    def line(sentence, candidates):
        d = Decision(
            sentence, UNSURE, (), candidates, np.zeros((2, 2), bool), None, False, (), "instances", 0, 3
        )
        return summary(d)

    assert line("the guy  pointing", (1, 0)) == (
        "Not sure whom 'the guy pointing' means: #1 or #2 — say more, or pick a number"
    )
    assert (
        line("the one", (2, 0, 1))
        == "Not sure whom 'the one' means: #1, #2 or #3 — say more, or pick a number"
    )


@pytest.mark.parametrize(
    "sentence, field, value",
    [
        ("the man facing the camera", "view", "front"),
        ("the two men with their backs to us", "view", "back"),
        ("the person walking away", "view", "back"),
        ("the woman in profile", "view", "profile"),
        ("the bald man who is pointing", "hair", ("bald",)),
        ("the woman with curly blonde hair", "hair", ("blonde",)),
        ("the girl with long dark hair", "hair", ("long", "dark")),
        ("the man with glasses", "eyewear", "glasses"),
        ("the guy in sunglasses", "eyewear", "sunglasses"),
        ("the man in the flowered shirt", "pattern", "patterned"),
        ("the man in the Hawaiian shirt", "pattern", "patterned"),
        ("the player in blue and white stripes", "pattern", "striped"),
        ("the guy pointing", "actions", ("pointing",)),
        ("the man holding the basketball", "actions", ("holding",)),
        ("the man carrying a stack of papers", "actions", ("holding",)),
        ("the person holding an umbrella", "actions", ()),
        ("the woman with her hand to her face", "actions", ("hand_to_face",)),
        ("the kid with arms up", "actions", ("arms_raised",)),
        ("the old man", "age_group", "old"),
        ("the person in the white hood", "head_colors", ("white",)),
    ],
)
def test_looks_words(sentence, field, value):
    assert getattr(parse(sentence), field) == value


@given(
    st.sampled_from(sorted(HOLD_VERBS)),
    st.lists(st.sampled_from(["a", "the", "some", "big", "stack", "of", "white"]), max_size=3),
    st.sampled_from(sorted(HELD_IN_FRONT)),
)
def test_a_light_thing_held_in_front_is_judged_by_the_pose(verb, between, thing):
    q = parse(f"the man {verb} {' '.join(between)} {thing}")
    assert "holding" in q.actions and verb not in q.unjudged


@given(
    st.sampled_from(sorted(HOLD_VERBS)),
    st.sampled_from(["umbrella", "phone", "bag", "dog", "kite", "qwerty"]),
)
def test_other_things_held_leave_the_verb_unjudged(verb, thing):
    q = parse(f"the person {verb} an {thing}")
    assert "holding" not in q.actions and verb in q.unjudged


def test_dressed_all_in_black_is_one_person():
    q = parse("the man dressed all in black at the front right")
    # the whole outfit: top and bottom (issue-13 --descs)
    assert not q.everyone and q.upper_colors == q.lower_colors == ("black",) and not q.colors


def test_misspellings_one_edit_from_a_cue_word_are_fixed():
    assert normalise("the womn in yelllow on the rigth") == "the woman in yellow on the right"
    assert normalise("girl brushing teeth") == "girl brushing teeth"  # never towards "tenth"
    assert normalise("nike shoes") == "nike shoes"  # never towards a thing ("bike")
    assert normalise("the man in blye") == "the man in blue"  # y is beside u on the keyboard
    # real words one edit from a cue word are not typos ("tall", "gold", "right"); plurals still read
    assert normalise("everyone in the lecture hall") == "everyone in the lecture hall"
    assert normalise("the guy with a good view of the fight") == "the guy with a good view of the fight"
    assert normalise("the women in blouses") == "the women in blouse"
    # spelt as heard: a vowel for a vowel
    assert normalise("weman in orenge") == "woman in orange"


def test_the_real_words_list_is_current():
    # every protected word is one the fixer would otherwise change (rerun
    # scripts/extract_real_words.py when the vocabulary changes)
    from rpipp_gui.referring.cleanup import TYPO_MIN_LENGTH, one_edit, real_words
    from rpipp_gui.referring.sentence_words import typo_targets

    assert len(real_words()) > 500
    for word in real_words():
        assert len(word) >= TYPO_MIN_LENGTH and one_edit(word, keyboard=True) & typo_targets(), word


def test_a_letter_changed_for_a_far_key_is_gibberish_not_a_typo():
    # k is nowhere near d: "blonk" is not "blond" (real_people_pkg4 "the flurble on the blonk")
    assert fix_typo("blonk") == "blonk"
    res = resolve("the flurble on the blonk", [Person(box=(0, 0, 50, 100)), Person(box=(60, 0, 110, 100))])
    assert res.verdict == "nobody"


# -- properties -------------------------------------------------------------------------------
FOREIGN = st.lists(st.text(alphabet="qxzjv", min_size=2, max_size=8), min_size=1, max_size=5).map(" ".join)
SENTENCE_WORDS = st.sampled_from(
    ["hide", "the", "man", "woman", "on", "left", "right", "middle", "second", "both", "everyone",
     "except", "in", "red", "shirt", "bald", "glasses", "pointing", "walking", "away", "holding",
     "umbrella", "qwerty", "striped", "facing", "camera", "old", "dog", "one"]
)  # fmt: skip
BOXES = st.lists(
    st.tuples(st.integers(0, 500), st.integers(0, 300), st.integers(10, 200), st.integers(20, 300)).map(
        lambda t: (t[0], t[1], t[0] + t[2], t[1] + t[3])
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=120, deadline=None)
@given(FOREIGN, BOXES)
def test_words_the_parser_does_not_know_never_pick_anyone(text, boxes):
    res = resolve(text, [Person(box=b) for b in boxes])
    assert not parse(text).understood
    assert res.verdict == "nobody" and res.selected == ()


@settings(max_examples=150, deadline=None)
@given(st.lists(SENTENCE_WORDS, max_size=10).map(" ".join), BOXES)
def test_every_resolution_has_a_verdict_that_keeps_its_promises(text, boxes):
    people = [Person(box=b) for b in boxes]
    res = resolve(text, people)
    assert res.verdict in ("matched", "unsure", "nobody")
    assert res.best_guess is None or 0 <= res.best_guess < len(people)
    if res.verdict == "nobody":
        assert res.matched_nobody and res.selected == ()
    elif res.verdict == "unsure":
        assert res.candidates and set(res.candidates) <= set(range(len(people)))
        assert not grounding_from(res, people, (700, 800)).mask.any()
    else:
        assert res.selected and set(res.selected) <= set(range(len(people)))
        assert 0.0 < res.confidence <= 1.0


VOWELS = set("aeiou")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12))
@example("vaew")  # a vowel for a vowel: 'view'
def test_a_typo_fix_gives_a_known_word_or_the_word_itself(word):
    fixed = fix_typo(word)
    assert fixed == word or fixed in known_words()
    if fixed != word and len(fixed) == len(word):  # a letter changed (or two swapped)
        changed = [(a, b) for a, b in zip(word, fixed, strict=True) if a != b]
        # a neighbouring key's letter, or a vowel for a vowel ('vaew' -> 'view')
        one = changed[0]
        assert len(changed) == 2 or one[1] in KEY_NEIGHBOURS[one[0]] or set(one) <= VOWELS
    assert fix_typo(fixed) == fixed


def test_looks_never_become_labels_in_the_explanation(dressed):
    """Gender words appear only as the user's own word matched, never as a finding."""
    img, people = dressed
    text = resolve("the woman on the left", people, image=img).explanation
    assert "female" not in text and "male" not in text
    assert np.all([p.mask is not None for p in people])


def test_people_standing_together_are_the_group():
    row = [Person(box=(x, 100, x + 40, 300)) for x in (10, 300, 345, 390, 700)]
    res = resolve("the group of three people standing together", row)
    assert res.verdict == "matched" and set(res.selected) == {1, 2, 3}
    pairs = [Person(box=(x, 100, x + 40, 300)) for x in (10, 55, 400, 445)]
    assert resolve("the two people side by side", pairs).verdict == "unsure"  # two such pairs
    assert parse("the two people walking away side by side").together


@pytest.mark.parametrize(
    "text, thing",
    [("the man just right of the sign", "sign"), ("the woman next to the blue car", "car"),
     ("the person partly hidden behind the sign", "sign"), ("the man walking past the lamp post", "lamp"),
     ("the man walking between the cones", "cones"),
     ("the girl next to the umbrella on the right", "umbrella")],
)  # fmt: skip
def test_things_people_are_placed_by_are_named_unjudged(text, thing):
    # only people are found: a place named by a thing is not read, and says so; with one person
    # in the photo it cannot be checked at all, so the sentence is asked about, never acted on
    assert thing in parse(text).unjudged
    assert resolve(text, TWO[:1]).verdict == "unsure"
    assert not parse("the man between the two women").unjudged  # people, not a thing
    assert parse("the man between the two women").horizontal == ("center",)


def test_several_people_by_one_thing_stand_together():
    # "the three people standing by the sign": the sign is not seen, but three people near one
    # thing stand near one another; the one sitting apart is not standing
    sitting = Person(box=(700, 200, 800, 300))
    row = [Person(box=(x, 100, x + 40, 300)) for x in (10, 300, 345, 390)] + [sitting]
    res = resolve("the three people standing by the sign", row)
    assert res.verdict == "matched" and set(res.selected) == {1, 2, 3}
    assert "could not judge: sign" in res.explanation
    # standing together is then all that is judged: asked about, as for "the couple kissing"
    assert resolve("the three people by the sign", row).verdict == "unsure"
    pairs = [Person(box=(x, 100, x + 40, 300)) for x in (10, 55, 400, 445)] + [sitting]
    assert resolve("the two people standing next to the car", pairs).verdict == "unsure"  # two pairs
    assert not parse("the man next to the car").together  # one person: no group
    assert not parse("the two people on the left").together  # no thing named


@pytest.mark.parametrize(
    "text, want",
    [("#2", (1,)), ("number 1", (0,)), ("2", (1,)), ("numbers 1 and 2", (0, 1)), ("blur #2", (1,))],
)
def test_picking_a_number_answers_an_unsure_sentence(text, want):
    res = resolve(text, TWO)
    assert res.verdict == "matched" and res.selected == want and res.confidence == 1.0
    assert resolve("#5", TWO).verdict == "nobody"
    assert parse("the 2 on the left").pick == ()


def test_choosing_everyone_there_is_with_words_that_cannot_be_checked_asks():
    assert resolve("the couple kissing", TWO).verdict == "unsure"
    assert resolve("both men", TWO).verdict == "matched"
    assert resolve("the girl", TWO[:1]).verdict == "unsure"  # a child or not cannot be seen
    assert resolve("the man", TWO[:1]).verdict == "matched"


def test_a_posture_everyone_shares_tells_nobody_apart():
    same = [Person(box=(x, 50, x + 60, 300)) for x in (10, 200, 400)]
    assert resolve("the man standing", same).verdict == "unsure"
    sitting = [*same[:2], Person(box=(400, 200, 520, 300))]  # a squat box: sitting
    res = resolve("the one sitting", sitting)
    assert res.verdict == "matched" and res.selected == (2,)


@pytest.mark.parametrize(
    "text", ["the crowd in the stands", "hide the fans", "the audience", "everyone in the crowd"]
)
def test_a_crowd_is_asked_about_never_picked(text):
    """A crowd is not found person by person: whoever stands nearest the words is not it."""
    for people in (TWO, TWO[:1]):
        res = resolve(text, people)
        assert res.verdict == "unsure" and set(res.candidates) == set(range(len(people)))
        assert "a crowd is not found person by person" in res.explanation
    assert resolve("the man in the crowd on the left", TWO).selected == (0,)


@pytest.mark.parametrize(
    ("sentence", "upper"),
    [
        ("the player in blue-and-white stripes", ("blue", "white")),
        ("the man in a blue and white striped shirt", ("blue", "white")),
        ("a man in a red and black jacket", ("red", "black")),
    ],
)
def test_colours_of_stripes_are_read_on_the_upper_body(sentence, upper):
    q = parse(sentence)
    assert q.upper_colors == upper and not q.colors


def test_a_lone_person_missing_a_named_colour_with_unjudged_words_is_unsure():
    """messi5's 'blurry player in blue-and-white stripes' when only the red-and-blue one is found:
    the stripes fit him, white does not, and "blurry" cannot be checked."""
    img = blank(300, 420)
    person = exclusive([figure(img, 150, 400, 330, "red", "blue")])
    res = resolve("the blurry player in red and white", person, image=img)
    assert res.verdict == "unsure" and "white not seen" in res.explanation
    assert resolve("the player in red and white", person, image=img).verdict == "matched"
