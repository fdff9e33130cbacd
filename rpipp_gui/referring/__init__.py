"""Sentence -> which people: parser, resolver, grounding engines. Qt-free.

The fixed API: ``from rpipp_gui.referring import Person, resolve``; ``resolve(text, people,
image_size=None, image=None)`` returns a ``Resolution`` (``.selected``, ``.scores``, ``.explanation``,
``.style``, ``.query``, ``.matched_nobody``, and ``.verdict`` "matched" / "unsure" / "nobody" with
``.candidates``, ``.confidence``, ``.unjudged`` and ``.best_guess``: an unsure sentence is never acted
on, its candidates are asked about; ``best_guess`` is for box-level ranking only).
How people look (gender/age words, view, hair, eyewear, clothing pattern, pose words) is read lazily
once per photo by ``looks.photo_looks``; guessed gender and age only ever match the user's own words.
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
