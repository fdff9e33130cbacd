"""Start the desktop app: ``run(argv) -> int`` (called by ``rpipp-gui``, ``python -m rpipp_gui``,
``python main.py``). Heavy models are not imported here; the window shows at once."""

from __future__ import annotations

import argparse
import sys

from rpipp_gui import __version__


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="rpipp-gui", description="RPIPP desktop app")
    parser.add_argument("photo", nargs="?", help="photo (or .rpipp.json session) to open")
    parser.add_argument("--install-launcher", action="store_true", help="add RPIPP to the desktop menu")
    parser.add_argument("--version", action="version", version=f"rpipp-gui {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details (as RPIPP_LOG=debug)")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def make_app(argv: list[str] | None = None):
    """The QApplication (created once), set up for high DPI, the system palette and our icon."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        return app
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication([sys.argv[0] if sys.argv else "rpipp-gui", *(argv or [])])
    app.setApplicationName("rpipp-gui")
    app.setOrganizationName("RPIPP")
    app.setApplicationDisplayName("RPIPP")
    app.setDesktopFileName("rpipp-gui")
    from rpipp_gui.ui.launcher import resource_path

    app.setWindowIcon(QIcon(str(resource_path("rpipp.svg"))))
    # The platform style follows the system light/dark scheme; the sheet only adds spacing.
    app.setStyleSheet(resource_path("style.qss").read_text(encoding="utf-8"))
    return app


def run(argv: list[str]) -> int:
    args = parse_args(argv)
    from rpipp_gui import logs

    logs.configure(verbose=args.verbose)  # worker failures are logged with their traceback
    if args.install_launcher:
        from rpipp_gui.errors import RpippError
        from rpipp_gui.ui.launcher import install_launcher

        try:
            where = install_launcher()
        except RpippError as e:
            print(f"rpipp-gui: error: {e}", file=sys.stderr)
            return 2
        print(f"rpipp-gui: launcher installed: {where}")
        return 0

    app = make_app()
    from rpipp_gui.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if args.photo:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: window.open_path(args.photo))
    return int(app.exec())
