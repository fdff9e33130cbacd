"""``rpipp-gui --install-launcher``: a desktop/menu entry that starts the app with a double-click.

Linux: a freedesktop .desktop file in ``$XDG_DATA_HOME/applications`` (default ~/.local/share)
with the app icon, ``Exec=<installed rpipp-gui> %f`` so "Open with" passes the photo. Windows and
macOS: a shortcut made by pyshortcuts.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from importlib import resources
from pathlib import Path

from rpipp_gui.errors import RpippError

APP_ID = "rpipp-gui"


def resource_path(name: str) -> Path:
    """Path of a file shipped in rpipp_gui/resources (works from a source tree and a wheel)."""
    return Path(str(resources.files("rpipp_gui") / "resources" / name))


def gui_command() -> list[str]:
    """The command that starts the installed app: the ``rpipp-gui`` script beside this Python, on
    PATH, or ``python -m rpipp_gui`` as a last resort."""
    exe = Path(sys.executable)
    for candidate in (exe.with_name(APP_ID), exe.with_name(APP_ID + ".exe")):
        if candidate.is_file():
            return [str(candidate)]
    found = shutil.which(APP_ID)
    if found:
        return [found]
    return [str(exe), "-m", "rpipp_gui"]


def desktop_entry(command: list[str], icon: Path) -> str:
    """The text of the .desktop file for ``command`` (argv) and ``icon``."""
    template = resource_path("rpipp-gui.desktop.in").read_text(encoding="utf-8")
    exec_line = " ".join(shlex.quote(c).replace("%", "%%") for c in command)
    return template.replace("@EXEC@", exec_line).replace("@TRYEXEC@", command[0]).replace("@ICON@", str(icon))


def install_launcher(data_home: str | Path | None = None, platform: str | None = None) -> Path:
    """Install the launcher for this user; returns where it went. Raises RpippError on failure."""
    platform = platform or sys.platform
    if platform.startswith("linux") or platform.startswith("freebsd"):
        return _install_freedesktop(Path(data_home) if data_home else None)
    return _install_pyshortcuts(platform)


def _install_freedesktop(data_home: Path | None) -> Path:
    base = data_home or Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    apps = base / "applications"
    icons = base / "icons" / "hicolor" / "scalable" / "apps"
    try:
        apps.mkdir(parents=True, exist_ok=True)
        icons.mkdir(parents=True, exist_ok=True)
        icon = icons / f"{APP_ID}.svg"
        shutil.copyfile(resource_path("rpipp.svg"), icon)
        entry = apps / f"{APP_ID}.desktop"
        tmp = entry.with_suffix(".desktop.tmp")
        tmp.write_text(desktop_entry(gui_command(), icon), encoding="utf-8")
        tmp.chmod(0o755)
        os.replace(tmp, entry)
    except OSError as e:
        raise RpippError(f"cannot install the launcher in {base}: {e.strerror or e}") from e
    return entry


def _install_pyshortcuts(platform: str) -> Path:
    try:
        from pyshortcuts import make_shortcut
    except ImportError as e:
        raise RpippError("installing a shortcut here needs the 'pyshortcuts' package") from e
    icon = resource_path("rpipp.ico" if platform.startswith("win") else "rpipp.png")
    command = gui_command()
    try:
        shortcut = make_shortcut(
            " ".join(command),
            name="RPIPP",
            description="Hide the person you name in a photo, offline",
            icon=str(icon),
            terminal=False,
            noexe=True,
        )
    except Exception as e:  # noqa: BLE001 - pyshortcuts raises plain exceptions
        raise RpippError(f"cannot create the shortcut: {e}") from e
    target = getattr(shortcut, "desktop_dir", None) or getattr(shortcut, "startmenu_dir", None) or Path.home()
    return Path(str(target))
