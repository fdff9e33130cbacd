"""Sentence -> which people: parser, resolver, grounding engines. Qt-free.

The fixed API: ``from rpipp_gui.referring import Person, resolve``; ``resolve(text, people,
image_size=None, image=None)`` returns a ``Resolution`` (``.selected``, ``.scores``, ``.explanation``,
``.style``, ``.query``, ``.matched_nobody``).
"""

from rpipp_gui.people.person import Person
from rpipp_gui.referring.grounding import Grounding, GroundingEngine
from rpipp_gui.referring.query import Query, parse
from rpipp_gui.referring.resolver import Resolution, describe_people, resolve

__all__ = [
    "Grounding",
    "GroundingEngine",
    "Person",
    "Query",
    "Resolution",
    "describe_people",
    "parse",
    "resolve",
]
