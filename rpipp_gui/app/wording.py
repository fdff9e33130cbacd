"""Decision -> the words a person reads. The only place where a decision becomes text: the window's
result line, ``rpipp protect --explain`` and the "nobody matches" error all come from here."""

from __future__ import annotations

from rpipp_gui.app.decision import MATCHED, NOBODY, Decision

# Past tense for the result line, by the style the words named.
PAST = {"blur": "Blurred", "mosaic": "Pixelated", "inpaint": "Removed", "solid": "Covered", "noise": "Noised"}


def numbers(indices) -> str:
    """(1, 0) -> "#2, #1"."""
    return ", ".join(f"#{i + 1}" for i in indices)


def found(decision: Decision) -> str:
    """ "found 2 people: #1 left, #2 right" / "found nobody in the photo"."""
    n = decision.people_count
    if not n:
        return "found nobody in the photo"
    where = decision.reason("found")
    noun = "person" if n == 1 else "people"
    return f"found {n} {noun}: {where}" if where else f"found {n} {noun}"


def seen(person) -> str:
    """What can be seen of one person, never a guess at who they are (no gender, no age):
    "face seen", "seen from behind or the side", "face only"."""
    if person.mask is None and person.face_box is not None:
        return "face only"
    if person.face_box is not None:
        return "face seen"
    return "seen from behind or the side" if person.source != "box" else "added by a box"


def worn(rgb, person, least: float = 0.35) -> str:
    """The colours a person wears, as the resolver reads them: "black top, blue below", "red top";
    "" when no colour holds at least ``least`` of the part. rgb: HxWx3 uint8 RGB."""
    from rpipp_gui.referring.colors import clothing_colours

    parts = clothing_colours(rgb, person)
    named = []
    for part, word in (("upper", "top"), ("lower", "below")):
        shares = parts.get(part) or {}
        colour = max(shares, key=shares.get) if shares else None
        if colour is not None and shares[colour] >= least:
            named.append(f"{colour} {word}")
    return ", ".join(named)


def people_lines(people, image_size=None, rgb=None) -> list[str]:
    """One line per person for the window's list: "#2 right · face seen · black top, blue below"
    (the colours only when ``rgb``, the HxWx3 uint8 photo, is given)."""
    from rpipp_gui.referring.resolver import describe_people

    if not people:
        return []
    where = describe_people(people, image_size).split(", ")
    lines = [f"{w} · {seen(p)}" for w, p in zip(where, people, strict=True)]
    if rgb is not None:
        lines = [
            f"{line} · {c}" if (c := worn(rgb, p)) else line for line, p in zip(lines, people, strict=True)
        ]
    return lines


def summary(decision: Decision) -> str:
    """One line: "Hid #2 — rightmost of 2 people", "Blurred the face of #1 — ...",
    "Nobody matches 'the dog' (nobody in the photo) — found nobody in the photo",
    "Not sure whom 'the guy pointing' means: #1 or #2 — say more, or pick a number"."""
    why = decision.reason("why")
    said = decision.sentence
    if decision.verdict == NOBODY:
        because = f" ({why})" if why else ""
        return f"Nobody matches {said!r}{because} — {found(decision)}"
    if decision.verdict != MATCHED:
        ids = [f"#{i + 1}" for i in sorted(decision.candidates or decision.people)]
        who = ", ".join(ids[:-1]) + f" or {ids[-1]}" if len(ids) > 1 else "".join(ids) or "nobody"
        return f"Not sure whom {' '.join(said.split())!r} means: {who} — say more, or pick a number"
    verb = PAST.get(decision.style or "", "Hid")
    if decision.faces_only:
        verb += " the face of"
    who = numbers(decision.people) or "the area it names"
    return f"{verb} {who} — {why}" if why else f"{verb} {who}"
