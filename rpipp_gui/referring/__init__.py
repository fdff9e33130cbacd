"""Sentence -> which people: parser, resolver, grounding engines. Qt-free."""

from rpipp_gui.people.person import Person
from rpipp_gui.referring.engine import Grounding, GroundingEngine

__all__ = ["Grounding", "GroundingEngine", "Person"]
