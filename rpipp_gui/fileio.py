"""Atomic file writes: a temp file in the destination folder, then ``os.replace``.

On any failure the temp file is removed, so a reader never sees a half-written photo, mask, session,
recording or checkpoint, and a failed write leaves nothing behind. Every layer writes files through here.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from rpipp_gui.errors import ExportError, RpippError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(
    path: Path,
    write: Callable[[BinaryIO], None],
    *,
    error: type[RpippError] = ExportError,
    make_parents: bool = False,
) -> Path:
    """Call ``write(file)`` on a temp file beside ``path`` and rename it over ``path``.

    Returns the final path. Raises ``error`` (ExportError unless the caller names its own domain
    error; chained) when the folder is missing or not writable or ``write`` fails; in every failure
    case no temp file and no partial ``path`` remain. ``make_parents`` creates missing folders first.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if make_parents:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise error(f"cannot write {path}: {e.strerror or e}") from e
    if not folder.is_dir():
        raise error(f"cannot write {path}: folder {folder} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise error(f"cannot write {path}: {e.strerror or e}") from e
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp creates 0600; give the file the permissions a normal new file would get.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except RpippError:
        _discard(tmp)
        raise
    except (OSError, ValueError, KeyError, TypeError) as e:
        _discard(tmp)
        raise error(f"cannot write {path}: {e}") from e
    except BaseException:
        _discard(tmp)
        raise
    return path


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()
