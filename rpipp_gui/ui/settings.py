"""Persistent settings (QSettings) and the Settings dialog.

Stored: grounding engine ("instances" or "brppnet") and BRPPNet checkpoint, speech backend and model,
microphone, push-to-talk key, default style, recent photos and sessions, and the window's geometry and
dock sizes. The dialog checks what it is given when OK is pressed (a BRPPNet engine needs a checkpoint
file that exists) and stays open with the reason until it is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from rpipp_gui.app import ModelConfig, registry

ENGINES = registry.engine_names()
SPEECH_BACKENDS = registry.speech_backend_names()
ENGINE_LABELS = {"instances": "instances (people + sentence parser)", "brppnet": "brppnet (trained network)"}
MAX_RECENT = 10
DEFAULT_TALK_KEY = "T"  # held on the photo: push-to-talk (Space pans, as in photo editors)
NO_MICROPHONE = "(no microphone found)"


@dataclass(frozen=True)
class AppSettings:
    engine: str = registry.DEFAULT_ENGINE
    checkpoint: str = ""
    speech_backend: str = registry.DEFAULT_SPEECH_BACKEND
    speech_model: str = ""
    microphone: str = ""
    talk_key: str = DEFAULT_TALK_KEY
    default_style: str = ""
    recent: tuple[str, ...] = field(default_factory=tuple)

    def model_config(self) -> ModelConfig:
        return ModelConfig(
            engine=self.engine,
            checkpoint=self.checkpoint,
            speech_backend=self.speech_backend,
            speech_model=self.speech_model,
        )


class Settings:
    """Reads and writes ``AppSettings``; ``path`` picks an INI file (tests), else the user's store."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self._q = QSettings("RPIPP", "rpipp-gui")
        else:
            self._q = QSettings(str(path), QSettings.Format.IniFormat)

    def load(self) -> AppSettings:
        q, d = self._q, AppSettings()
        recent = q.value("recent", [])
        if isinstance(recent, str):
            recent = [recent] if recent else []
        engine = str(q.value("engine", d.engine))
        return AppSettings(
            engine=engine if engine in ENGINES else d.engine,
            checkpoint=str(q.value("checkpoint", d.checkpoint)),
            speech_backend=str(q.value("speech_backend", d.speech_backend)),
            speech_model=str(q.value("speech_model", d.speech_model)),
            microphone=str(q.value("microphone", d.microphone)),
            talk_key=talk_key_or_default(str(q.value("talk_key", d.talk_key))),
            default_style=str(q.value("default_style", d.default_style)),
            recent=tuple(str(r) for r in recent)[:MAX_RECENT],
        )

    def save(self, s: AppSettings) -> None:
        keys = (
            "engine",
            "checkpoint",
            "speech_backend",
            "speech_model",
            "microphone",
            "talk_key",
            "default_style",
        )
        for key in keys:
            self._q.setValue(key, getattr(s, key))
        self._q.setValue("recent", list(s.recent))
        self._q.sync()

    def add_recent(self, path: str | Path) -> AppSettings:
        s = self.load()
        p = str(Path(path).resolve())
        s = replace(s, recent=tuple([p] + [r for r in s.recent if r != p])[:MAX_RECENT])
        self.save(s)
        return s

    # ---- the window's geometry and dock sizes ------------------------------------------------------
    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        """(geometry, dock state) saved by ``save_window_state``, or None for each never saved."""
        geometry, state = self._q.value("window/geometry"), self._q.value("window/state")
        return (
            geometry if isinstance(geometry, QByteArray) and not geometry.isEmpty() else None,
            state if isinstance(state, QByteArray) and not state.isEmpty() else None,
        )

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._q.setValue("window/geometry", geometry)
        self._q.setValue("window/state", state)
        self._q.sync()


def talk_key_or_default(text: str) -> str:
    """A single key (no modifier, not Space: Space pans) in portable text, else the default."""
    seq = QKeySequence(text)
    if seq.count() != 1 or seq[0].keyboardModifiers() or seq[0].key().name == "Key_Space":
        return DEFAULT_TALK_KEY
    return seq.toString()


def check_settings(s: AppSettings) -> str | None:
    """Why ``s`` cannot work, in one sentence, or None when it can."""
    if s.engine == "brppnet":
        if not s.checkpoint:
            return "The brppnet engine needs a checkpoint: choose a trained .safetensors or .pt file."
        if not Path(s.checkpoint).expanduser().is_file():
            return f"The checkpoint {s.checkpoint} does not exist."
    if s.speech_model and not Path(s.speech_model).expanduser().exists() and "/" in s.speech_model:
        return f"The speech model {s.speech_model} does not exist."
    if talk_key_or_default(s.talk_key) != s.talk_key:
        return "The talk key must be one key without Ctrl, Alt or Shift, and not Space (Space pans)."
    return None


class SettingsDialog(QDialog):
    """Edit AppSettings; ``result_settings()`` after ``exec()`` returns the new values."""

    def __init__(self, current: AppSettings, styles: list[str], microphones: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._current = current
        form = QFormLayout(self)
        self.engine = QComboBox()
        self.engine.setAccessibleName("Grounding engine")
        self.engine.addItems([ENGINE_LABELS.get(name, name) for name in ENGINES])
        self.engine.setCurrentIndex(ENGINES.index(current.engine) if current.engine in ENGINES else 0)
        form.addRow("&Grounding engine", self.engine)
        self.checkpoint = QLineEdit(current.checkpoint)
        self.checkpoint.setAccessibleName("Checkpoint")
        self.checkpoint.setPlaceholderText("BRPPNet checkpoint (.safetensors / .pt)")
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Browse for a checkpoint")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.checkpoint)
        row.addWidget(browse)
        holder = QWidget()
        holder.setLayout(row)
        form.addRow("&Checkpoint", holder)
        form.labelForField(holder).setBuddy(self.checkpoint)
        self.speech_backend = QComboBox()
        self.speech_backend.setAccessibleName("Speech backend")
        self.speech_backend.addItems(list(SPEECH_BACKENDS))
        if current.speech_backend in SPEECH_BACKENDS:
            self.speech_backend.setCurrentText(current.speech_backend)
        form.addRow("S&peech backend", self.speech_backend)
        self.speech_model = QLineEdit(current.speech_model)
        self.speech_model.setPlaceholderText("default: the bundled tiny.en")
        self.speech_model.setAccessibleName("Speech model")
        form.addRow("Speech &model", self.speech_model)
        self.microphone = QComboBox()
        self.microphone.setAccessibleName("Microphone")
        if microphones:
            self.microphone.addItems(["(system default)"] + microphones)
        else:  # say so instead of offering a default that does not exist
            self.microphone.addItem(NO_MICROPHONE)
            self.microphone.setEnabled(False)
        if current.microphone in microphones:
            self.microphone.setCurrentText(current.microphone)
        form.addRow("M&icrophone", self.microphone)
        self.talk_key = QKeySequenceEdit(QKeySequence(current.talk_key))
        self.talk_key.setMaximumSequenceLength(1)
        self.talk_key.setAccessibleName("Push-to-talk key")
        self.talk_key.setToolTip("Hold this key on the photo to talk (Space pans)")
        form.addRow("&Talk key (hold)", self.talk_key)
        self.style = QComboBox()
        self.style.setAccessibleName("Default style")
        self.style.addItems(["(app default)"] + styles)
        if current.default_style in styles:
            self.style.setCurrentText(current.default_style)
        form.addRow("&Default style", self.style)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #d04040;")
        self.problem.setAccessibleName("Problem")
        self.problem.hide()
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&OK")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("C&ancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.engine.currentIndexChanged.connect(lambda _i: self.problem.hide())
        self.checkpoint.textChanged.connect(lambda _t: self.problem.hide())
        form.addRow(buttons)

    def accept(self) -> None:  # noqa: D102 - OK: only a configuration that can work is accepted
        problem = check_settings(self.result_settings())
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            (self.checkpoint if "checkpoint" in problem else self.engine).setFocus()
            return
        super().accept()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "BRPPNet checkpoint", "", "Checkpoints (*.safetensors *.pt *.pth);;All files (*)"
        )
        if path:
            self.checkpoint.setText(path)

    def result_settings(self) -> AppSettings:
        mic = self.microphone.currentText() if self.microphone.isEnabled() else self._current.microphone
        style = self.style.currentText()
        key = self.talk_key.keySequence().toString() or DEFAULT_TALK_KEY
        return replace(
            self._current,
            engine=ENGINES[self.engine.currentIndex()],
            checkpoint=self.checkpoint.text().strip(),
            speech_backend=self.speech_backend.currentText(),
            speech_model=self.speech_model.text().strip(),
            microphone="" if mic.startswith("(") else mic,
            talk_key=key,
            default_style="" if style.startswith("(") else style,
        )
