"""Mask tools on the canvas: select (click a person, drag to pan), brush, eraser, box prompt, lasso.

``ToolController`` turns mouse events (in photo coordinates) into finished shapes and reports them
through callbacks; while a shape is being drawn it shows a temporary item in the scene. The mask is
changed only when the shape is finished, so one stroke is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsPathItem, QGraphicsRectItem, QGraphicsScene


class Tool(StrEnum):
    SELECT = "select"
    BRUSH = "brush"
    ERASER = "eraser"
    BOX = "box"
    LASSO = "lasso"


MIN_RADIUS, MAX_RADIUS = 1.0, 400.0


def _pen(color: QColor, width: float = 2.0, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(color, width, style)
    pen.setCosmetic(True)  # same on-screen width at any zoom
    return pen


class ToolController:
    """State of the active tool. Callbacks (photo coordinates):

    on_click(x, y), on_stroke(points, radius, erase), on_box((x0, y0, x1, y1)), on_lasso(points).
    """

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.tool = Tool.SELECT
        self.radius = 12.0
        self.on_click: Callable[[float, float], None] | None = None
        self.on_stroke: Callable[[list[tuple[float, float]], float, bool], None] | None = None
        self.on_box: Callable[[tuple[float, float, float, float]], None] | None = None
        self.on_lasso: Callable[[list[tuple[float, float]]], None] | None = None
        self._points: list[tuple[float, float]] = []
        self._temp = None
        self._cursor = QGraphicsEllipseItem()
        self._cursor.setPen(_pen(QColor(255, 255, 255), 1.5))
        self._cursor.setZValue(100)
        self._cursor.setVisible(False)
        scene.addItem(self._cursor)

    # ---- settings ------------------------------------------------------------------------------
    def set_tool(self, tool: Tool) -> None:
        self.cancel()
        self.tool = Tool(tool)
        self._cursor.setVisible(False)
        # the brush's ring is solid white, the eraser's dashed blue: one glance tells which is active
        if self.tool == Tool.ERASER:
            self._cursor.setPen(_pen(QColor(80, 160, 255), 1.5, Qt.PenStyle.DashLine))
        else:
            self._cursor.setPen(_pen(QColor(255, 255, 255), 1.5))

    def resize(self, factor: float) -> float:
        """Multiply the brush radius ([ and ] keys); returns the new radius."""
        self.radius = min(MAX_RADIUS, max(MIN_RADIUS, self.radius * factor))
        self._update_cursor(self._cursor.rect().center())
        return self.radius

    @property
    def drawing(self) -> bool:
        return bool(self._points)

    def _update_cursor(self, pos: QPointF) -> None:
        r = self.radius
        self._cursor.setRect(QRectF(pos.x() - r, pos.y() - r, 2 * r, 2 * r))

    def hover(self, pos: QPointF) -> None:
        paints = self.tool in (Tool.BRUSH, Tool.ERASER)
        self._cursor.setVisible(paints)
        if paints:
            self._update_cursor(pos)
        if self._points:
            self.move(pos)

    # ---- drawing -------------------------------------------------------------------------------
    def press(self, pos: QPointF) -> bool:
        """Start a shape; returns True when the tool consumed the press."""
        p = (pos.x(), pos.y())
        if self.tool == Tool.SELECT:
            if self.on_click:
                self.on_click(*p)
            return False  # let the view pan on drag
        if self.tool == Tool.LASSO and self._points:
            self._points.append(p)  # polygon lasso: each click adds a corner
            self._redraw()
            return True
        self._points = [p]
        if self.tool in (Tool.BRUSH, Tool.ERASER):
            colour = QColor(255, 80, 80, 140) if self.tool == Tool.BRUSH else QColor(80, 160, 255, 140)
            pen = QPen(colour, 2 * self.radius, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            self._temp = QGraphicsPathItem()
            self._temp.setPen(pen)
        elif self.tool == Tool.BOX:
            self._temp = QGraphicsRectItem()
            self._temp.setPen(_pen(QColor(255, 210, 0), 2, Qt.PenStyle.DashLine))
        else:
            self._temp = QGraphicsPathItem()
            self._temp.setPen(_pen(QColor(255, 210, 0), 2))
            self._temp.setBrush(QBrush(QColor(255, 210, 0, 50)))
        self._temp.setZValue(50)
        self.scene.addItem(self._temp)
        self._redraw(pos)
        return True

    def move(self, pos: QPointF) -> None:
        if not self._points:
            return
        p = (pos.x(), pos.y())
        if self.tool in (Tool.BRUSH, Tool.ERASER):
            last = self._points[-1]
            if (p[0] - last[0]) ** 2 + (p[1] - last[1]) ** 2 >= 1.0:
                self._points.append(p)
        self._redraw(pos)

    def release(self, pos: QPointF) -> None:
        if not self._points or self.tool == Tool.LASSO:
            return  # the lasso closes on double-click or Enter
        self.move(pos)
        points, tool = self._points, self.tool
        self.cancel()
        if tool in (Tool.BRUSH, Tool.ERASER) and self.on_stroke:
            self.on_stroke(points, self.radius, tool == Tool.ERASER)
        elif tool == Tool.BOX and self.on_box:
            (x0, y0), (x1, y1) = points[0], (pos.x(), pos.y())
            if abs(x1 - x0) >= 4 and abs(y1 - y0) >= 4:
                self.on_box((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))

    def finish_lasso(self) -> None:
        """Close the polygon (double-click or Enter) and report it."""
        points = self._points
        self.cancel()
        if self.tool == Tool.LASSO and len(points) >= 3 and self.on_lasso:
            self.on_lasso(points)

    def cancel(self) -> None:
        self._points = []
        if self._temp is not None:
            self.scene.removeItem(self._temp)
            self._temp = None

    def _redraw(self, pos: QPointF | None = None) -> None:
        if self._temp is None:
            return
        if isinstance(self._temp, QGraphicsRectItem):
            x0, y0 = self._points[0]
            end = pos if pos is not None else QPointF(x0, y0)
            self._temp.setRect(QRectF(QPointF(x0, y0), end).normalized())
            return
        path = QPainterPath()
        pts = [QPointF(x, y) for x, y in self._points]
        if self.tool == Tool.LASSO and pos is not None:
            pts.append(pos)
        if len(pts) == 1 and self.tool in (Tool.BRUSH, Tool.ERASER):
            path.moveTo(pts[0])
            path.lineTo(pts[0] + QPointF(0.01, 0))
        else:
            path.addPolygon(QPolygonF(pts))
        self._temp.setPath(path)
