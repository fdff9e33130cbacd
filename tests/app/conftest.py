"""The app tests draw their scenes with the referring tests' figures."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "referring"))
