"""Run by test_ui_voice.py in a fresh process (the ALSA config must exist before sounddevice loads):
open a photo in the real window, click the microphone (hands-free), let the ALSA file device play
the recorded sentence, and print what happened as JSON."""

from __future__ import annotations

import json
import sys
import time


def main(photo: str, settings_ini: str) -> int:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtTest import QTest

    from rpipp_gui.ui.app import make_app
    from rpipp_gui.ui.main_window import MainWindow
    from rpipp_gui.ui.settings import Settings

    app = make_app()
    w = MainWindow(Settings(settings_ini))
    w.show()
    seen = {"states": [], "max_level": 0.0}
    set_state = w.command_bar.set_state

    def record(state: str) -> None:
        # every state the window sets, not only those a poll happens to see: on a loaded machine
        # the GUI thread may not get to the label while a short state lasts
        set_state(state)
        text = w.command_bar.state.text()
        if text and (not seen["states"] or seen["states"][-1] != text):
            seen["states"].append(text)

    w.command_bar.set_state = record
    w.voice.level.connect(lambda v: seen.__setitem__("max_level", max(seen["max_level"], v)))

    def spin(cond, timeout_s: float) -> bool:
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            QCoreApplication.processEvents()
            text = w.command_bar.state.text()
            if text and (not seen["states"] or seen["states"][-1] != text):
                seen["states"].append(text)
            if cond():
                return True
            time.sleep(0.005)
        return False

    w.open_path(photo)
    if not spin(lambda: w.canvas.people_count >= 2, 90):
        print(json.dumps({"error": "people not found"}))
        return 1
    QTest.mouseClick(w.command_bar.mic, Qt.MouseButton.LeftButton)  # a click: hands-free
    ok = spin(lambda: bool(w.session.selected), 90)
    result = {
        "ok": ok,
        "selected": list(w.session.selected),
        "centers": [p.center[0] for p in w.session.people],
        "text": w.command_bar.field.text(),
        "result": w.command_bar.result.text(),
        "message": w.message_bar.text,
        **seen,
    }
    print(json.dumps(result))
    w.session.mark_clean()
    w.close()
    w.workers.wait(20000)
    app.quit()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
