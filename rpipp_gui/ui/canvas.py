"""The photo canvas: photo, people outlined with numbers, mask overlay, preview, zoom and pan.

Thin: ``set_photo``, ``set_people``, ``set_mask``, ``set_preview`` put state in; signals and the tool
callbacks carry what the user did out. View modes: original (photo + mask overlay), preview (the
protected result) and split (original left, preview right).
"""

from __future__ import annotations

import sys
from enum import StrEnum

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPen, QPixmap, qRgba
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from rpipp_gui.ui.tools import Tool, ToolController

OVERLAY_RGBA = (255, 40, 90, 110)
PERSON_COLOUR = QColor(0, 200, 255)
SELECTED_COLOUR = QColor(255, 60, 110)
CANDIDATE_COLOUR = QColor(255, 190, 0)  # an unsure sentence's candidates: click one
OVERLAY_MAX_SIDE = 2048  # the mask overlay of larger photos is drawn at reduced resolution


class ViewMode(StrEnum):
    ORIGINAL = "original"
    PREVIEW = "preview"
    SPLIT = "split"


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    """HxWx3 uint8 RGB -> QImage (owns a copy of the pixels)."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def mask_to_qimage(mask: np.ndarray, rgba: tuple[int, int, int, int] = OVERLAY_RGBA, step: int = 1) -> QImage:
    """HxW bool -> an 8-bit indexed QImage, ``rgba`` where True and transparent elsewhere; with
    ``step`` > 1 every step-th row and column (a cheap overlay for very large photos)."""
    m = np.ascontiguousarray(mask[::step, ::step], dtype=bool).view(np.uint8)
    h, w = m.shape
    image = QImage(m.data, w, h, w, QImage.Format.Format_Indexed8)
    image.setColorTable([qRgba(0, 0, 0, 0), qRgba(*rgba)])
    return image.copy()


def display_pixels(rgb: np.ndarray) -> np.ndarray:
    """HxWx4 uint8 in the byte order of QImage.Format_RGB32 (B, G, R, 255 on little-endian
    machines), so the GUI thread can wrap it without converting. Pure numpy: safe and cheap to
    call on a worker thread."""
    h, w = rgb.shape[:2]
    out = np.empty((h, w, 4), dtype=np.uint8)
    if sys.byteorder == "little":
        out[..., 0], out[..., 1], out[..., 2], out[..., 3] = rgb[..., 2], rgb[..., 1], rgb[..., 0], 255
    else:
        out[..., 0], out[..., 1], out[..., 2], out[..., 3] = 255, rgb[..., 0], rgb[..., 1], rgb[..., 2]
    return out


def pixels_to_pixmap(pixels: np.ndarray) -> QPixmap:
    """QPixmap of ``display_pixels`` output (the pixmap holds its own copy)."""
    pixels = np.ascontiguousarray(pixels)
    h, w = pixels.shape[:2]
    return QPixmap.fromImage(QImage(pixels.data, w, h, 4 * w, QImage.Format.Format_RGB32))


def overlay_step(shape: tuple[int, int], max_side: int = OVERLAY_MAX_SIDE) -> int:
    """Row/column step that keeps the overlay's long side within ``max_side``."""
    return max(1, -(-max(shape) // max_side))


class Canvas(QGraphicsView):
    """Signals: ``files_dropped(list)``, ``zoom_changed(float)``, ``talk(bool)`` (Space held),
    ``brush_resized(float)``. Mouse results go through ``tools`` (a ToolController)."""

    files_dropped = Signal(list)
    zoom_changed = Signal(float)
    talk = Signal(bool)
    brush_resized = Signal(float)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setMouseTracking(True)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundBrush(self.palette().window())
        scene = self.scene()
        self._photo = QGraphicsPixmapItem()
        self._photo.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._clip = QGraphicsRectItem()  # clips the preview in split mode
        self._clip.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
        self._clip.setPen(QPen(Qt.PenStyle.NoPen))
        self._preview = QGraphicsPixmapItem(self._clip)
        self._preview.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._overlay = QGraphicsPixmapItem()
        self._divider = QGraphicsRectItem()
        self._divider.setBrush(QBrush(QColor(255, 255, 255)))
        self._divider.setPen(QPen(Qt.PenStyle.NoPen))
        for z, item in enumerate((self._photo, self._clip, self._overlay, self._divider)):
            item.setZValue(z)
            scene.addItem(item)
        self._people_items: list[QGraphicsItem] = []
        self._people_boxes: list[tuple[float, float, float, float]] = []
        self._selected: set[int] = set()
        self.candidates: tuple[int, ...] = ()  # outlined for the user to pick one
        self.mode = ViewMode.ORIGINAL
        self.has_preview = False
        self.tools = ToolController(scene)
        self._size = (0, 0)
        self._pan_from: QPointF | None = None
        self._apply_mode()

    # ---- state in -------------------------------------------------------------------------------
    def set_photo(self, rgb: np.ndarray | None, pixels: np.ndarray | None = None) -> None:
        """Show a new photo (HxWx3 uint8 RGB) fitted to the view; None clears the canvas.

        pixels: the same photo from ``display_pixels`` (made on a worker thread), or None."""
        self.tools.cancel()
        self.set_people([], ())
        self.has_preview = False
        self._preview.setPixmap(QPixmap())
        self._overlay.setPixmap(QPixmap())
        if rgb is None:
            self._photo.setPixmap(QPixmap())
            self._size = (0, 0)
            return
        h, w = rgb.shape[:2]
        self._size = (h, w)
        if pixels is None or pixels.shape[:2] != (h, w):
            pixels = display_pixels(rgb)
        self._photo.setPixmap(pixels_to_pixmap(pixels))
        self.scene().setSceneRect(QRectF(0, 0, w, h))
        self._apply_mode()
        self.fit()

    def set_mask(self, mask: np.ndarray) -> None:
        """Show the mask (HxW bool) as a coloured overlay."""
        if not mask.any():
            self._overlay.setPixmap(QPixmap())
            return
        step = overlay_step(mask.shape)
        self._overlay.setPixmap(QPixmap.fromImage(mask_to_qimage(mask, step=step)))
        self._overlay.setScale(step)

    def set_preview(self, rgb: np.ndarray | None) -> None:
        """The protected result (any size; scaled onto the photo), or None when there is none."""
        if rgb is None:
            self._preview.setPixmap(QPixmap())
            self.has_preview = False
        else:
            pix = QPixmap.fromImage(rgb_to_qimage(rgb))
            self._preview.setPixmap(pix)
            h, w = self._size
            self._preview.setScale(w / max(pix.width(), 1) if w else 1.0)
            self.has_preview = True
        self._apply_mode()

    def set_people(self, boxes, selected, candidates=()) -> None:
        """Outline each person (x0, y0, x1, y1) with their number; ``selected`` drawn in red, the
        ``candidates`` of a sentence the app is not sure about in amber, dashed and thicker."""
        for item in self._people_items:
            self.scene().removeItem(item)
        self._people_items = []
        self._people_boxes = [tuple(b) for b in boxes]
        self._selected = set(selected)
        self.candidates = tuple(candidates)
        font = QFont()
        font.setBold(True)
        font.setPointSize(13)
        for i, (x0, y0, x1, y1) in enumerate(self._people_boxes):
            colour = SELECTED_COLOUR if i in self._selected else PERSON_COLOUR
            pen = QPen(colour, 2.5)
            if i in candidates:
                colour = CANDIDATE_COLOUR
                pen = QPen(colour, 4.0, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            rect = QGraphicsRectItem(QRectF(x0, y0, x1 - x0, y1 - y0))
            rect.setPen(pen)
            rect.setZValue(10)
            badge = QGraphicsRectItem(QRectF(0, 0, 30, 24))
            badge.setBrush(QBrush(colour))
            badge.setPen(QPen(Qt.PenStyle.NoPen))
            badge.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            badge.setPos(QPointF(x0, y0))
            badge.setZValue(11)
            label = QGraphicsSimpleTextItem(f"#{i + 1}", badge)
            label.setFont(font)
            label.setBrush(QBrush(QColor(0, 0, 0)))
            label.setPos(3, 1)
            for item in (rect, badge):
                self.scene().addItem(item)
                self._people_items.append(item)

    @property
    def people_count(self) -> int:
        return len(self._people_boxes)

    def person_at(self, x: float, y: float) -> int | None:
        """Index of the smallest person box containing (x, y), or None."""
        hits = [
            ((b[2] - b[0]) * (b[3] - b[1]), i)
            for i, b in enumerate(self._people_boxes)
            if b[0] <= x <= b[2] and b[1] <= y <= b[3]
        ]
        return min(hits)[1] if hits else None

    # ---- view modes and zoom ------------------------------------------------------------------
    def set_mode(self, mode: ViewMode) -> None:
        self.mode = ViewMode(mode)
        self._apply_mode()

    def _apply_mode(self) -> None:
        h, w = self._size
        show_preview = self.mode != ViewMode.ORIGINAL and self.has_preview
        self._clip.setVisible(show_preview)
        left = w / 2 if self.mode == ViewMode.SPLIT else 0
        self._clip.setRect(QRectF(left, 0, w - left, h))
        self._divider.setVisible(show_preview and self.mode == ViewMode.SPLIT)
        self._divider.setRect(QRectF(w / 2 - 1, 0, 2, h))
        self._overlay.setVisible(self.mode == ViewMode.ORIGINAL or not self.has_preview)

    @property
    def zoom(self) -> float:
        return float(self.transform().m11())

    def set_zoom(self, factor: float) -> None:
        factor = min(32.0, max(0.02, factor))
        self.setTransform(self.transform().fromScale(factor, factor))
        self.zoom_changed.emit(factor)

    def zoom_by(self, step: float) -> None:
        self.set_zoom(self.zoom * step)

    def fit(self) -> None:
        if self._size == (0, 0):
            return
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.zoom_changed.emit(self.zoom)

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    # ---- events -----------------------------------------------------------------------------------
    def set_tool(self, tool: Tool) -> None:
        self.tools.set_tool(tool)
        pan = tool == Tool.SELECT
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag if pan else QGraphicsView.DragMode.NoDrag)
        self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if pan else Qt.CursorShape.CrossCursor)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt API
        delta = event.angleDelta().y()
        if delta:
            self.zoom_by(1.0015**delta)
        event.accept()

    def changeEvent(self, event) -> None:  # noqa: N802 - follow a light/dark palette switch
        if event.type() == QEvent.Type.PaletteChange:
            self.setBackgroundBrush(self.palette().window())
        super().changeEvent(event)

    def _pan_by(self, pos: QPointF) -> None:
        delta = pos - self._pan_from
        self._pan_from = pos
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.MiddleButton:  # pan with any tool
            self._pan_from = event.position()
            event.accept()
            return
        left = event.button() == Qt.MouseButton.LeftButton and self._size != (0, 0)
        if left and self.tools.press(self.mapToScene(event.position().toPoint())):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._pan_from is not None:
            self._pan_by(event.position())
            event.accept()
            return
        self.tools.hover(self.mapToScene(event.position().toPoint()))
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.MiddleButton and self._pan_from is not None:
            self._pan_from = None
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.tools.release(self.mapToScene(event.position().toPoint()))
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        if self.tools.tool == Tool.LASSO:
            self.tools.finish_lasso()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.talk.emit(True)
        elif key in (Qt.Key.Key_BracketLeft, Qt.Key.Key_BracketRight):
            self.brush_resized.emit(self.tools.resize(1 / 1.25 if key == Qt.Key.Key_BracketLeft else 1.25))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.tools.tool == Tool.LASSO:
            self.tools.finish_lasso()
        elif key == Qt.Key.Key_Escape:
            self.tools.cancel()
        elif key != Qt.Key.Key_Space:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.talk.emit(False)
            return
        super().keyReleaseEvent(event)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
