"""Render the README screenshots from the real app.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py docs/screenshots/

Builds a photo of two public-domain people side by side (scikit-image's astronaut, matplotlib's
Grace Hopper), opens it in the window, waits for the people to be outlined, types a sentence, and
saves: 0-start.png (the empty window: how to start, recent files), 1-people.png (people outlined),
2-mask.png (the sentence's mask, brush active in the tool bar), 3-preview.png (split view with its
Original | Protected handle), 4-help.png (the keyboard shortcuts sheet).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def composite_photo(path: Path, height: int = 600) -> Path:
    import matplotlib.cbook
    from PIL import Image
    from skimage import data

    left = Image.fromarray(data.astronaut())
    with matplotlib.cbook.get_sample_data("grace_hopper.jpg") as f:
        right = Image.open(f).convert("RGB")
    parts = [im.resize((round(im.width * height / im.height), height), Image.LANCZOS) for im in (left, right)]
    Image.fromarray(np.concatenate([np.asarray(p) for p in parts], axis=1)).save(path, quality=92)
    return path


def main(out_dir: str) -> int:
    from PySide6.QtCore import QCoreApplication

    from rpipp_gui.ui.app import make_app
    from rpipp_gui.ui.canvas import ViewMode
    from rpipp_gui.ui.main_window import MainWindow
    from rpipp_gui.ui.settings import Settings

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="rpipp-shots-"))
    photo = composite_photo(tmp / "astronaut-and-grace-hopper.jpg")
    app = make_app()
    settings = Settings(tmp / "settings.ini")
    settings.add_recent(tmp / "holiday.rpipp.json")  # what a returning user sees on the start page
    settings.add_recent(tmp / "beach.jpg")
    w = MainWindow(settings)
    w.resize(1400, 860)
    w.show()

    def spin(cond, timeout_s: float = 120.0) -> None:
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            QCoreApplication.processEvents()
            if cond():
                for _ in range(20):  # let the last repaint land
                    QCoreApplication.processEvents()
                    time.sleep(0.01)
                return
            time.sleep(0.01)
        raise TimeoutError("the app did not get there in time")

    def shot(name: str, widget=None) -> None:
        path = out / name
        (widget or w).grab().save(str(path))
        print(f"wrote {path}")

    time.sleep(0.5)  # the models load in the background; show the window once they are in
    spin(lambda: w.workers.is_idle() and not w.busy_label.text(), 120)
    shot("0-start.png")
    w.open_path(photo)
    spin(lambda: w.canvas.people_count >= 2 and w.workers.is_idle())
    shot("1-people.png")
    w.command_bar.field.setText("pixelate the person on the right")
    w.command_bar.field.returnPressed.emit()
    spin(lambda: bool(w.session.selected) and w.workers.is_idle())
    w._set_mode(ViewMode.ORIGINAL)
    w.on_tool_brush()
    spin(lambda: True)
    shot("2-mask.png")
    w._set_mode(ViewMode.SPLIT)
    spin(lambda: w.canvas.has_preview and w.workers.is_idle())
    w.canvas.set_split(0.62)
    spin(lambda: True)
    shot("3-preview.png")
    from rpipp_gui.ui.help import show_shortcuts

    sheet = show_shortcuts(w)
    spin(lambda: sheet.isVisible())
    shot("4-help.png", sheet)
    sheet.close()
    w.session.mark_clean()
    w.close()
    w.workers.wait(20000)
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
