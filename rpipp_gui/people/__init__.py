"""Photo -> person instances (boxes, masks, faces, pose). Qt-free."""

from rpipp_gui.people.person import Box, Person

__all__ = ["Box", "Person"]
