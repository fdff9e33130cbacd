"""Persistent settings (QSettings) and the Settings dialog.

Stored: grounding engine ("instances" or "brppnet") and BRPPNet checkpoint, speech backend and model,
microphone, default style, recent files.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from rpipp_gui.app import ModelConfig, registry

ENGINES = registry.engine_names()
SPEECH_BACKENDS = registry.speech_backend_names()
ENGINE_LABELS = {"instances": "instances (people + sentence parser)", "brppnet": "brppnet (trained network)"}
MAX_RECENT = 10


@dataclass(frozen=True)
class AppSettings:
    engine: str = registry.DEFAULT_ENGINE
    checkpoint: str = ""
    speech_backend: str = registry.DEFAULT_SPEECH_BACKEND
    speech_model: str = ""
    microphone: str = ""
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
            default_style=str(q.value("default_style", d.default_style)),
            recent=tuple(str(r) for r in recent)[:MAX_RECENT],
        )

    def save(self, s: AppSettings) -> None:
        for key in ("engine", "checkpoint", "speech_backend", "speech_model", "microphone", "default_style"):
            self._q.setValue(key, getattr(s, key))
        self._q.setValue("recent", list(s.recent))
        self._q.sync()

    def add_recent(self, path: str | Path) -> AppSettings:
        s = self.load()
        p = str(Path(path).resolve())
        s = replace(s, recent=tuple([p] + [r for r in s.recent if r != p])[:MAX_RECENT])
        self.save(s)
        return s


class SettingsDialog(QDialog):
    """Edit AppSettings; ``result_settings()`` after ``exec()`` returns the new values."""

    def __init__(self, current: AppSettings, styles: list[str], microphones: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._current = current
        form = QFormLayout(self)
        self.engine = QComboBox()
        self.engine.addItems([ENGINE_LABELS.get(name, name) for name in ENGINES])
        self.engine.setCurrentIndex(ENGINES.index(current.engine) if current.engine in ENGINES else 0)
        form.addRow("Grounding engine", self.engine)
        self.checkpoint = QLineEdit(current.checkpoint)
        self.checkpoint.setPlaceholderText("BRPPNet checkpoint (.safetensors / .pt)")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.checkpoint)
        row.addWidget(browse)
        holder = QWidget()
        holder.setLayout(row)
        form.addRow("Checkpoint", holder)
        self.speech_backend = QComboBox()
        self.speech_backend.addItems(list(SPEECH_BACKENDS))
        if current.speech_backend in SPEECH_BACKENDS:
            self.speech_backend.setCurrentText(current.speech_backend)
        form.addRow("Speech backend", self.speech_backend)
        self.speech_model = QLineEdit(current.speech_model)
        self.speech_model.setPlaceholderText("default: the bundled tiny.en")
        form.addRow("Speech model", self.speech_model)
        self.microphone = QComboBox()
        self.microphone.addItems(["(system default)"] + microphones)
        if current.microphone in microphones:
            self.microphone.setCurrentText(current.microphone)
        form.addRow("Microphone", self.microphone)
        self.style = QComboBox()
        self.style.addItems(["(app default)"] + styles)
        if current.default_style in styles:
            self.style.setCurrentText(current.default_style)
        form.addRow("Default style", self.style)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "BRPPNet checkpoint", "", "Checkpoints (*.safetensors *.pt *.pth);;All files (*)"
        )
        if path:
            self.checkpoint.setText(path)

    def result_settings(self) -> AppSettings:
        mic = self.microphone.currentText()
        style = self.style.currentText()
        return replace(
            self._current,
            engine=ENGINES[self.engine.currentIndex()],
            checkpoint=self.checkpoint.text().strip(),
            speech_backend=self.speech_backend.currentText(),
            speech_model=self.speech_model.text().strip(),
            microphone="" if mic.startswith("(") else mic,
            default_style="" if style.startswith("(") else style,
        )
