"""The photo canvas: photo, people outlined with numbers, mask overlay, preview, zoom and pan.

Thin: ``set_photo``, ``set_people``, ``set_mask``, ``set_preview`` put state in; signals and the tool
callbacks carry what the user did out. View modes: original (photo + mask overlay), preview (the
protected result) and split (original left of a draggable handle, preview right of it).

Gestures (as in the photo editors people know): Space-drag and middle-drag pan with any tool; the
talk key (``talk_key``, T unless configured) held is push-to-talk; a drag that starts on the split
handle moves the handle and never paints. The photo is re-fitted when the view is resized until the
user zooms.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QImage, QPainter, QPen, QPixmap, qRgba
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
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


@dataclass(frozen=True)
class CanvasLook:
    """Tuned numbers of the canvas.

    overlay_opacity: default opacity of the red mask overlay (0..1; the tool bar's slider changes it).
    handle_grab_px:  a press within this many screen pixels of the split line grabs the handle.
    split_min:       the split handle stays between split_min and 1 - split_min of the photo's width.
    handle_label:    the text on the split handle (left side | right side).
    """

    overlay_opacity: float = 0.8
    handle_grab_px: int = 8
    split_min: float = 0.02
    handle_label: str = "Original | Protected"


LOOK = CanvasLook()


def eraser_cursor() -> QCursor:
    """A cursor that looks like an eraser (a tilted block), distinct from the brush's cross."""
    pix = QPixmap(24, 24)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.translate(12, 12)
    p.rotate(-35)
    p.setPen(QPen(QColor(0, 0, 0), 1.5))
    p.setBrush(QColor(255, 255, 255))
    p.drawRect(QRectF(-9, -5, 18, 10))
    p.setBrush(QColor(80, 160, 255))
    p.drawRect(QRectF(-9, -5, 7, 10))
    p.end()
    return QCursor(pix, 3, 20)


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
    """Signals: ``files_dropped(list)``, ``zoom_changed(float)`` (the user zoomed), ``talk(bool)``
    (the talk key held), ``brush_resized(float)``, ``split_moved(float)`` (the handle, 0..1 of the
    width). Mouse results go through ``tools`` (a ToolController)."""

    files_dropped = Signal(list)
    zoom_changed = Signal(float)
    talk = Signal(bool)
    brush_resized = Signal(float)
    split_moved = Signal(float)

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
        self._overlay.setOpacity(LOOK.overlay_opacity)
        self._divider = QGraphicsLineItem()
        line_pen = QPen(QColor(255, 255, 255), 3)
        line_pen.setCosmetic(True)  # 3 screen pixels at any zoom
        self._divider.setPen(line_pen)
        self._handle = QGraphicsRectItem()  # the grip on the split line, labelled
        self._handle.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self._handle.setBrush(QBrush(QColor(255, 255, 255, 235)))
        self._handle.setPen(QPen(QColor(40, 40, 40), 1))
        handle_text = QGraphicsSimpleTextItem(LOOK.handle_label, self._handle)
        handle_text.setBrush(QBrush(QColor(20, 20, 20)))
        tw, th = handle_text.boundingRect().width(), handle_text.boundingRect().height()
        self._handle.setRect(QRectF(-tw / 2 - 10, -th / 2 - 4, tw + 20, th + 8))  # centred on the line
        handle_text.setPos(-tw / 2, -th / 2)
        for z, item in enumerate((self._photo, self._clip, self._overlay, self._divider)):
            item.setZValue(z)
            scene.addItem(item)
        self._handle.setZValue(20)
        scene.addItem(self._handle)
        self._people_items: list[QGraphicsItem] = []
        self._people_boxes: list[tuple[float, float, float, float]] = []
        self._selected: set[int] = set()
        self.candidates: tuple[int, ...] = ()  # outlined for the user to pick one
        self.mode = ViewMode.ORIGINAL
        self.has_preview = False
        self.boxes_visible = True
        self.split = 0.5  # the split handle, as a fraction of the photo's width
        self.talk_key = Qt.Key.Key_T
        self.auto_fit = True  # re-fit on resize until the user zooms
        self.tools = ToolController(scene)
        self._size = (0, 0)
        self._pan_from: QPointF | None = None
        self._space_held = False
        self._dragging_split = False
        self.setAccessibleName("Photo")
        self.setAccessibleDescription(
            "The photo with the people found outlined and the mask in red. Click a person to hide "
            "them; paint with the brush; Space-drag to pan; hold T to talk."
        )
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
                item.setVisible(self._boxes_shown())
                self.scene().addItem(item)
                self._people_items.append(item)

    def _boxes_shown(self) -> bool:
        """The numbered boxes: when the user wants them, never over the protected preview."""
        return self.boxes_visible and not (self.mode == ViewMode.PREVIEW and self.has_preview)

    def set_boxes_visible(self, visible: bool) -> None:
        self.boxes_visible = bool(visible)
        self._apply_mode()

    def set_overlay_opacity(self, opacity: float) -> None:
        """Opacity of the mask overlay, 0..1."""
        self._overlay.setOpacity(max(0.0, min(1.0, float(opacity))))

    @property
    def overlay_opacity(self) -> float:
        return float(self._overlay.opacity())

    def set_split(self, fraction: float) -> None:
        """Move the split handle (fraction of the photo's width)."""
        self.split = max(LOOK.split_min, min(1.0 - LOOK.split_min, float(fraction)))
        self._apply_mode()

    @property
    def handle_visible(self) -> bool:
        return self._handle.isVisible()

    def handle_pos(self):
        """Where the split handle's grip is, in viewport coordinates (QPoint)."""
        return self.mapFromScene(self._handle.pos())

    def _on_handle(self, pos) -> bool:
        """True when the viewport point ``pos`` is on the split line or its grip."""
        if not self._handle.isVisible():
            return False
        at = self.mapFromScene(self._handle.pos())
        line_x = at.x()
        grip = self._handle.rect().translated(at.toPointF())
        return abs(pos.x() - line_x) <= LOOK.handle_grab_px or grip.contains(pos)

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
        left = w * self.split if self.mode == ViewMode.SPLIT else 0
        self._clip.setRect(QRectF(left, 0, w - left, h))
        split_shown = show_preview and self.mode == ViewMode.SPLIT
        self._divider.setVisible(split_shown)
        self._divider.setLine(left, 0, left, h)
        self._handle.setVisible(split_shown)
        self._handle.setPos(QPointF(left, h / 2))  # the grip sits half-way down the line
        self._overlay.setVisible(self.mode == ViewMode.ORIGINAL or not self.has_preview)
        shown = self._boxes_shown()
        for item in self._people_items:
            item.setVisible(shown)

    @property
    def zoom(self) -> float:
        return float(self.transform().m11())

    def set_zoom(self, factor: float) -> None:
        """Zoom as the user asked: the photo is no longer re-fitted on resize."""
        self.auto_fit = False
        factor = min(32.0, max(0.02, factor))
        self.setTransform(self.transform().fromScale(factor, factor))
        self.zoom_changed.emit(factor)

    def zoom_by(self, step: float) -> None:
        self.set_zoom(self.zoom * step)

    def fit(self, announce: bool = True) -> None:
        """Fit the photo to the view, and keep it fitted on resize until the user zooms."""
        self.auto_fit = True
        if self._size == (0, 0):
            return
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        if announce:
            self.zoom_changed.emit(self.zoom)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit(announce=False)

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    # ---- events -----------------------------------------------------------------------------------
    def set_tool(self, tool: Tool) -> None:
        self.tools.set_tool(tool)
        self._tool_cursor()

    def _tool_cursor(self) -> None:
        tool = self.tools.tool
        pan = tool == Tool.SELECT
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag if pan else QGraphicsView.DragMode.NoDrag)
        if pan:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif tool == Tool.ERASER:
            self.viewport().setCursor(eraser_cursor())
        else:
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)

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
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton and self._space_held
        ):
            self._pan_from = event.position()  # pan with any tool: middle-drag or Space-drag
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if button == Qt.MouseButton.LeftButton and self._on_handle(event.position()):
            self._dragging_split = True  # a drag on the handle moves it; it never paints
            event.accept()
            return
        left = button == Qt.MouseButton.LeftButton and self._size != (0, 0)
        if left and self.tools.press(self.mapToScene(event.position().toPoint())):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._pan_from is not None:
            self._pan_by(event.position())
            event.accept()
            return
        if self._dragging_split:
            h, w = self._size
            self.set_split(self.mapToScene(event.position().toPoint()).x() / max(w, 1))
            event.accept()
            return
        if not self.tools.drawing and not self._space_held and self._on_handle(event.position()):
            self.viewport().setCursor(Qt.CursorShape.SplitHCursor)
            self.tools.hover(QPointF(-1e6, -1e6))
            return
        if not self._space_held and self.viewport().cursor().shape() == Qt.CursorShape.SplitHCursor:
            self._tool_cursor()
        self.tools.hover(self.mapToScene(event.position().toPoint()))
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._pan_from is not None and event.button() in (
            Qt.MouseButton.MiddleButton,
            Qt.MouseButton.LeftButton,
        ):
            self._pan_from = None
            if self._space_held:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self._tool_cursor()
            event.accept()
            return
        if self._dragging_split and event.button() == Qt.MouseButton.LeftButton:
            self._dragging_split = False
            self.split_moved.emit(self.split)
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
        if key == Qt.Key.Key_Space:
            if not event.isAutoRepeat() and not self.tools.drawing:
                self._space_held = True  # Space held: the left button pans, as in photo editors
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
        elif key == self.talk_key and not event.modifiers():
            if not event.isAutoRepeat():
                self.talk.emit(True)
            event.accept()
        elif key in (Qt.Key.Key_BracketLeft, Qt.Key.Key_BracketRight):
            self.brush_resized.emit(self.tools.resize(1 / 1.25 if key == Qt.Key.Key_BracketLeft else 1.25))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.tools.tool == Tool.LASSO:
            self.tools.finish_lasso()
        elif key == Qt.Key.Key_Escape:
            self.tools.cancel()
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802
        if event.isAutoRepeat():
            event.accept()
            return
        if event.key() == Qt.Key.Key_Space:
            self._space_held = False
            if self._pan_from is None:
                self._tool_cursor()
            return
        if event.key() == self.talk_key:
            self.talk.emit(False)
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - a key released elsewhere ends Space-pan
        self._space_held = False
        super().focusOutEvent(event)

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
