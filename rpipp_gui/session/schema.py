"""The schema of a session file (``.rpipp.json``), checked before anything is built from it.

A session file is untrusted input: it may be hand-edited, truncated, written by another version,
or made to hurt (a mask RLE whose size asks for 10^10 pixels, counts of 1e400, 100,000 nested
lists). ``validate_document`` checks the whole decoded JSON document with pydantic models: types
(strict: no "3" for 3), ranges, finite numbers, every mask's size against the session's photo
size and a pixel limit, RLE counts that add up, undo deltas that lie inside the image, selections
that name existing people, and a budget of decoded mask pixels, so that loading a file that passes
allocates at most ``SessionLimits.max_mask_pixels`` bools for its masks. Any problem is one
``SessionSchemaError`` naming where (``people.2.mask.counts``) and what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from rpipp_gui.errors import RpippError
from rpipp_gui.imaging.opening import DEFAULT_MAX_PIXELS

FORMAT = "rpipp-session"
VERSION = 1


@dataclass(frozen=True)
class SessionLimits:
    """What a session file may ask for.

    max_file_bytes:   largest file read at all (a 12 MP photo's session with a full history is a
                      few MB; the RLE text of one pathological mask is at most ~10 bytes per pixel).
    max_pixels:       largest photo (H x W) a session may describe; the photo loader's own limit.
    max_people:       people in the list (plus all those added by undo/redo steps).
    max_steps:        undo steps plus redo steps.
    max_keypoints:    keypoints per person.
    max_mask_pixels:  decoded mask pixels in total (the mask, every person's mask, every undo patch):
                      1 byte each, so loading allocates at most this many bytes for masks.
    max_feather_px:   widest soft edge a saved style may ask for (the CLI's --feather limit).
    """

    max_file_bytes: int = 64 * 1024 * 1024
    max_pixels: int = DEFAULT_MAX_PIXELS
    max_people: int = 1000
    max_steps: int = 2000
    max_keypoints: int = 1000
    max_mask_pixels: int = 1_500_000_000
    max_feather_px: float = 1000.0


DEFAULT_LIMITS = SessionLimits()


def _limits(info: ValidationInfo) -> SessionLimits:
    context = info.context or {}
    return context.get("limits") or DEFAULT_LIMITS


class SessionSchemaError(RpippError):
    """A session document breaks the schema; the message names the first problems."""


# Finite JSON numbers (strict mode still takes an int where a float is meant: a box at x=3).
Finite = Annotated[float, Field(strict=True, allow_inf_nan=False)]
NonNeg = Annotated[StrictInt, Field(ge=0)]


class _Strict(BaseModel):
    # Lax only so that JSON lists fill tuple fields; every scalar type below is strict.
    model_config = ConfigDict(extra="ignore", frozen=True)


class RLEDoc(_Strict):
    """COCO uncompressed RLE: ``size`` [h, w], ``counts`` runs (False first) summing to h*w."""

    size: tuple[NonNeg, NonNeg]
    counts: list[NonNeg]

    @model_validator(mode="after")
    def _sums(self, info: ValidationInfo) -> RLEDoc:
        h, w = self.size
        most = _limits(info).max_pixels
        if h * w > most:
            raise ValueError(f"a mask of {h}x{w} is larger than the {most} pixel limit")
        if len(self.counts) > h * w + 1:
            raise ValueError(f"{len(self.counts)} runs cannot fit {h}x{w} pixels")
        total = sum(self.counts)
        if total != h * w:
            raise ValueError(f"the runs add up to {total} pixels, the size {h}x{w} needs {h * w}")
        return self


Box = tuple[Finite, Finite, Finite, Finite]


class PersonDoc(_Strict):
    box: Box
    mask: RLEDoc | None = None
    face_box: Box | None = None
    keypoints: list[tuple[Finite, Finite, Finite]] | None = None
    score: Finite = 1.0
    source: StrictStr = ""

    @model_validator(mode="after")
    def _ordered(self, info: ValidationInfo) -> PersonDoc:
        for name in ("box", "face_box"):
            b = getattr(self, name)
            if b is not None and not (b[2] > b[0] and b[3] > b[1]):
                raise ValueError(f"{name} {list(b)} needs x1 > x0 and y1 > y0")
        most = _limits(info).max_keypoints
        if self.keypoints is not None and len(self.keypoints) > most:
            raise ValueError(f"{len(self.keypoints)} keypoints (at most {most})")
        return self


class StyleDoc(_Strict):
    style: Literal["solid", "blur", "mosaic", "noise", "inpaint"] = "solid"
    strength: Annotated[Finite, Field(ge=0.0, le=1.0)] = 0.5
    feather_px: Annotated[Finite, Field(ge=0.0, le=DEFAULT_LIMITS.max_feather_px)] = 0.0
    color: (
        tuple[
            Annotated[StrictInt, Field(ge=0, le=255)],
            Annotated[StrictInt, Field(ge=0, le=255)],
            Annotated[StrictInt, Field(ge=0, le=255)],
        ]
        | None
    ) = None
    seed: Annotated[StrictInt, Field(ge=0, le=2**63 - 1)] = 0
    # sessions hide people: a session saved before the outline existed gets the cover too
    outline: Literal["cover", "exact"] = "cover"


class StateDoc(_Strict):
    selected: list[NonNeg] | None = None
    style: StyleDoc | None = None


class DeltaDoc(_Strict):
    y0: NonNeg
    x0: NonNeg
    patch: RLEDoc


class StepDoc(_Strict):
    label: StrictStr = ""
    delta: DeltaDoc | None = None
    before: StateDoc = StateDoc()
    after: StateDoc = StateDoc()
    people_added: list[PersonDoc] = []


class HistoryDoc(_Strict):
    undo: list[StepDoc] = []
    redo: list[StepDoc] = []


class SessionDoc(_Strict):
    """A whole session file (version 1)."""

    format: Literal["rpipp-session"]
    version: Annotated[StrictInt, Field(ge=1, le=VERSION)]
    photo: Annotated[StrictStr, Field(min_length=1, max_length=4096)]
    photo_sha256: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]
    size: tuple[Annotated[StrictInt, Field(ge=1)], Annotated[StrictInt, Field(ge=1)]]
    people: list[PersonDoc] = []
    selected: list[NonNeg] = []
    style: StyleDoc = StyleDoc()
    mask: RLEDoc
    history: HistoryDoc = HistoryDoc()

    @model_validator(mode="after")
    def _fits_the_photo(self, info: ValidationInfo) -> SessionDoc:
        limits = _limits(info)
        h, w = self.size
        if h * w > limits.max_pixels:
            raise ValueError(f"size {h}x{w} is larger than the {limits.max_pixels} pixel limit")
        side = max(h, w)
        steps = self.history.undo + self.history.redo
        if len(steps) > limits.max_steps:
            raise ValueError(f"{len(steps)} undo/redo steps (at most {limits.max_steps})")
        added = sum(len(s.people_added) for s in steps)
        if len(self.people) + added > limits.max_people:
            raise ValueError(f"{len(self.people) + added} people (at most {limits.max_people})")

        def whole(rle: RLEDoc | None, where: str) -> int:
            if rle is None:
                return 0
            if tuple(rle.size) != (h, w):
                raise ValueError(f"{where} is {rle.size[0]}x{rle.size[1]}, the photo is {h}x{w}")
            return h * w

        def person(p: PersonDoc, where: str) -> int:
            for name in ("box", "face_box"):
                b = getattr(p, name)
                if b is not None and not all(-side <= v <= 2 * side for v in b):
                    raise ValueError(f"{where}.{name} {list(b)} lies far outside the {w}x{h} photo")
            return whole(p.mask, f"{where}.mask")

        pixels = whole(self.mask, "mask")
        for i, p in enumerate(self.people):
            pixels += person(p, f"people.{i}")
        n_people = len(self.people)
        for stack in ("undo", "redo"):
            for i, s in enumerate(getattr(self.history, stack)):
                where = f"history.{stack}.{i}"
                if s.delta is not None:
                    ph, pw = s.delta.patch.size
                    if s.delta.y0 + ph > h or s.delta.x0 + pw > w:
                        raise ValueError(
                            f"{where}.delta ({ph}x{pw} at y={s.delta.y0}, x={s.delta.x0}) "
                            f"reaches outside the {h}x{w} photo"
                        )
                    pixels += ph * pw
                for j, p in enumerate(s.people_added):
                    pixels += person(p, f"{where}.people_added.{j}")
                n_people += len(s.people_added)
        if pixels > limits.max_mask_pixels:
            raise ValueError(f"its masks hold {pixels} pixels in all (at most {limits.max_mask_pixels})")
        for where, sel, most in self._selections(n_people):
            bad = [i for i in sel if i >= most]
            if bad:
                raise ValueError(f"{where} names person #{bad[0] + 1}, but there are {most}")
        return self

    def _selections(self, n_people: int):
        yield "selected", self.selected, len(self.people)
        for stack in ("undo", "redo"):
            for i, s in enumerate(getattr(self.history, stack)):
                for side in ("before", "after"):
                    sel = getattr(s, side).selected
                    if sel is not None:
                        yield f"history.{stack}.{i}.{side}.selected", sel, n_people


def _describe(e: ValidationError, most: int = 3) -> str:
    parts = []
    for err in e.errors(include_url=False)[:most]:
        where = ".".join(str(x) for x in err.get("loc", ())) or "the document"
        msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        got = err.get("input")
        if err.get("type") != "value_error" and isinstance(got, (str, int, float, type(None))):
            shown = repr(got)
            msg += f", got {shown[:40]}{'...' if len(shown) > 40 else ''}"
        parts.append(f"{where}: {msg}")
    more = e.error_count() - len(parts)
    return "; ".join(parts) + (f" (and {more} more problem{'s' if more != 1 else ''})" if more > 0 else "")


def validate_document(doc: Any, limits: SessionLimits | None = None) -> SessionDoc:
    """Check a decoded session document against the schema and ``limits`` (default
    ``DEFAULT_LIMITS``); returns the typed document or raises SessionSchemaError. The style's
    feather limit is part of the schema itself (``DEFAULT_LIMITS.max_feather_px``)."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SessionSchemaError("it is not an RPIPP session file")
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise SessionSchemaError(f"it was written by a newer RPIPP (version {version})")
    try:
        return SessionDoc.model_validate(doc, context={"limits": limits or DEFAULT_LIMITS})
    except ValidationError as e:
        raise SessionSchemaError(_describe(e)) from None
    except (RecursionError, OverflowError, MemoryError) as e:  # pydantic recursing a pathological doc
        raise SessionSchemaError(f"the document is malformed ({type(e).__name__})") from None


__all__ = [
    "DEFAULT_LIMITS",
    "FORMAT",
    "VERSION",
    "SessionDoc",
    "SessionLimits",
    "SessionSchemaError",
    "validate_document",
]
