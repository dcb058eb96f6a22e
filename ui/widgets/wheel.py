"""The årshjul as a circular widget: twelve months around, one ring per category.

Entries are dots (a day) or arcs (several days) in their ring; holidays are red ticks outside
the month band; today is a red line. Hover shows an entry's tooltip, a click selects it
(``selected``), a double click or Enter opens it (``activated``).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from finsam_desktop.arshjul import Handelse, Period
from finsam_desktop.arshjul.hjul import HELGDAG_FARG, RING_FARG, RINGS, fraction
from finsam_desktop.arshjul.regler import MONTHS
from finsam_desktop.dates import iso_week

DOT = 7.0  # radius of an entry's dot


@dataclass
class _Mark:
    entry: Handelse
    center: QPointF
    path: QPainterPath | None  # the arc, for entries spanning days


def tooltip(h: Handelse) -> str:
    """What hovering an entry says: title, dates and week, ring, and why it is flagged."""
    when = (
        h.datum.isoformat() if h.slut is None else f"{h.datum.isoformat()} – {h.slut.isoformat()}"
    )
    week = iso_week(h.datum)
    last = iso_week(h.sista)
    lines = [h.rubrik, f"{when} (vecka {week if week == last else f'{week}–{last}'})", h.ring.label]
    if h.regel:
        lines.append(f"Regel: {h.regel}")
    if h.beskrivning:
        lines.append(h.beskrivning)
    if h.flagga:
        lines.append("⚠ " + h.flagga)
    if h.klar:
        lines.append("✓ Klar")
    return "\n".join(lines)


class WheelWidget(QWidget):
    selected = Signal(str)  # the entry's nyckel
    activated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("arshjulWheel")
        self.setAccessibleName("Årshjulet som hjul")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(300, 300)
        self.period = Period(dt.date.today().year)
        self.entries: list[Handelse] = []
        self.holidays: list[tuple[dt.date, str]] = []
        self.today: dt.date | None = None
        self.current: str | None = None
        self._marks: list[_Mark] = []

    def sizeHint(self) -> QSize:
        return QSize(520, 520)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def set_data(
        self,
        period: Period,
        entries: list[Handelse],
        holidays: list[tuple[dt.date, str]],
        today: dt.date | None,
    ) -> None:
        self.period, self.entries, self.holidays, self.today = period, entries, holidays, today
        if self.current not in {entry_key(h) for h in entries}:
            self.current = None
        self._layout_marks()
        self.update()

    def select(self, key: str | None) -> None:
        """Select the entry ``nyckel@ar`` (as :func:`key` gives) without emitting."""
        self.current = key
        self.update()

    # -- geometry ---------------------------------------------------------------------------

    def _geometry(self) -> tuple[QPointF, float, float, float, float]:
        side = min(self.width(), self.height())
        center = QPointF(self.width() / 2, self.height() / 2)
        outer = side / 2 - 14
        band = max(18.0, outer * 0.1)
        inner = outer * 0.22
        ring_width = (outer - band - inner) / len(RINGS)
        return center, outer, band, inner, ring_width

    def _angle(self, day: dt.date) -> float:
        """Degrees clockwise from the top."""
        return 360.0 * fraction(self.period, day)

    @staticmethod
    def _point(center: QPointF, r: float, angle: float) -> QPointF:
        a = math.radians(angle)
        return QPointF(center.x() + r * math.sin(a), center.y() - r * math.cos(a))

    def _layout_marks(self) -> None:
        center, _outer, _band, inner, width = self._geometry()
        self._marks = []
        placed: list[QPointF] = []
        for h in self.entries:
            i = RINGS.index(h.ring)
            r0, r1 = inner + i * width, inner + (i + 1) * width
            rm = (r0 + r1) / 2
            path = None
            angle = self._angle(h.datum) + 0.5
            if h.slut is not None and (h.slut - h.datum).days >= 2:
                a0 = self._angle(h.datum)
                a1 = self._angle(min(h.slut + dt.timedelta(days=1), self.period.end))
                path = _annular(center, r0 + 3, r1 - 3, a0, a1)
                angle = a0 + 3
            point = self._point(center, rm, angle)
            for offset in (0.0, -width / 3, width / 3):
                point = self._point(center, rm + offset, angle)
                if all(_dist(point, p) > 2 * DOT + 1 for p in placed):
                    break
            placed.append(point)
            self._marks.append(_Mark(h, point, path))

    def resizeEvent(self, event) -> None:
        self._layout_marks()
        super().resizeEvent(event)

    def entry_at(self, pos: QPointF) -> Handelse | None:
        """The entry under ``pos``: a dot first (the topmost), then an arc."""
        for mark in reversed(self._marks):
            if _dist(mark.center, pos) <= DOT + 2:
                return mark.entry
        for mark in reversed(self._marks):
            if mark.path is not None and mark.path.contains(pos):
                return mark.entry
        return None

    def tooltip_at(self, pos: QPointF) -> str | None:
        """What hovering ``pos`` says: an entry, or in the month band the month and holidays."""
        found = self.entry_at(pos)
        if found is not None:
            return tooltip(found)
        center, outer, band, _inner, _width = self._geometry()
        r = _dist(center, pos)
        if not outer - band <= r <= outer + 8:
            return None
        angle = math.degrees(math.atan2(pos.x() - center.x(), center.y() - pos.y())) % 360
        total = (self.period.end - self.period.start).days
        day = self.period.start + dt.timedelta(days=int(angle / 360 * total))
        lines = [f"{MONTHS[day.month - 1].capitalize()} {day.year}, vecka {iso_week(day)}"]
        near = [(d, n) for d, n in self.holidays if abs((d - day).days) <= 1]
        lines += [f"{d.isoformat()}: {n}" for d, n in near]
        return "\n".join(lines)

    def position_of(self, key: str) -> QPointF | None:
        """Where the entry ``nyckel@ar`` is drawn (its dot's centre)."""
        for mark in self._marks:
            if entry_key(mark.entry) == key:
                return mark.center
        return None

    # -- painting ---------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        center, outer, band, inner, width = self._geometry()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for i, ring in enumerate(RINGS):
            colour = QColor(RING_FARG[ring])
            colour.setAlpha(30 if i % 2 else 45)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawPath(_annular(center, inner + i * width, inner + (i + 1) * width, 0, 360))
        months = self.period.months()
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(max(7.0, min(10.0, band * 0.42)))
        p.setFont(font)
        for n, (year, month) in enumerate(months):
            start = dt.date(year, month, 1)
            nxt = months[n + 1] if n < 11 else (self.period.end.year, self.period.end.month)
            a0, a1 = self._angle(start), self._angle(dt.date(*nxt, 1))
            p.setPen(QPen(QColor("white"), 1))
            p.setBrush(QColor("#dfe6ee") if n % 2 == 0 else QColor("#eef2f6"))
            p.drawPath(_annular(center, outer - band, outer, a0, a1))
            p.setPen(QPen(QColor("#9aa7b4"), 0.8))
            p.drawLine(self._point(center, inner, a0), self._point(center, outer - band, a0))
            mid = self._point(center, outer - band / 2, (a0 + a1) / 2)
            label = MONTHS[month - 1][:3].capitalize()
            p.setPen(QColor("#223"))
            p.drawText(
                QRectF(mid.x() - 30, mid.y() - 10, 60, 20), Qt.AlignmentFlag.AlignCenter, label
            )
        p.setPen(QPen(QColor(HELGDAG_FARG), 1.5))
        for day, _name in self.holidays:
            a = self._angle(day) + 0.5
            p.drawLine(self._point(center, outer + 1, a), self._point(center, outer + 7, a))
        # centre
        p.setPen(QPen(QColor("#9aa7b4"), 1))
        p.setBrush(QColor("white"))
        p.drawEllipse(center, inner, inner)
        title = QFont(self.font())
        title.setBold(True)
        title.setPointSizeF(max(9.0, inner * 0.16))
        p.setFont(title)
        p.setPen(QColor("#223"))
        p.drawText(
            QRectF(center.x() - inner, center.y() - inner, 2 * inner, 2 * inner),
            Qt.AlignmentFlag.AlignCenter,
            f"Årshjul\n{self.period.label}",
        )
        # entries
        small = QFont(self.font())
        small.setPointSizeF(7)
        for mark in self._marks:
            h = mark.entry
            colour = QColor(RING_FARG[h.ring])
            if mark.path is not None:
                fill = QColor(colour)
                fill.setAlpha(110)
                p.setPen(QPen(colour, 1))
                p.setBrush(fill)
                p.drawPath(mark.path)
            chosen = entry_key(h) == self.current
            p.setPen(QPen(QColor("#111") if chosen else colour, 3 if chosen else 1.5))
            p.setBrush(QColor("white") if h.klar else colour)
            p.drawEllipse(mark.center, DOT, DOT)
            if h.klar:
                p.setPen(QPen(colour, 1.6))
                c = mark.center
                p.drawLine(QPointF(c.x() - 3, c.y()), QPointF(c.x() - 1, c.y() + 3))
                p.drawLine(QPointF(c.x() - 1, c.y() + 3), QPointF(c.x() + 3.5, c.y() - 3))
            if h.flagga:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(HELGDAG_FARG))
                p.drawEllipse(QPointF(mark.center.x() + 6, mark.center.y() - 6), 2.5, 2.5)
        if self.today is not None and self.period.contains(self.today):
            a = self._angle(self.today) + 0.5
            pen = QPen(QColor("#d0021b"), 2, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(self._point(center, inner, a), self._point(center, outer + 10, a))
        p.end()

    # -- mouse and keyboard -----------------------------------------------------------------

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:
        found = self.entry_at(event.position())
        if found is not None and event.button() == Qt.MouseButton.LeftButton:
            self.current = entry_key(found)
            self.update()
            self.selected.emit(self.current)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        found = self.entry_at(event.position())
        if found is not None:
            self.current = entry_key(found)
            self.activated.emit(self.current)
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:
        keys = [entry_key(m.entry) for m in self._marks]
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current:
            self.activated.emit(self.current)
            return
        if (
            event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up)
            and keys
        ):
            step = 1 if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1
            i = keys.index(self.current) + step if self.current in keys else 0
            self.current = keys[i % len(keys)]
            self.update()
            self.selected.emit(self.current)
            return
        super().keyPressEvent(event)


def entry_key(h: Handelse) -> str:
    """An entry's identity within the shown year: its nyckel and its year."""
    return f"{h.nyckel}@{h.ar}"


def _dist(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())


def _annular(center: QPointF, r0: float, r1: float, a0: float, a1: float) -> QPainterPath:
    """A ring sector between radii r0 < r1 from a0 to a1 (degrees clockwise from the top)."""
    outer = QRectF(center.x() - r1, center.y() - r1, 2 * r1, 2 * r1)
    inner = QRectF(center.x() - r0, center.y() - r0, 2 * r0, 2 * r0)
    start = 90 - a0  # Qt: counter-clockwise from three o'clock
    span = -(a1 - a0)
    path = QPainterPath()
    path.arcMoveTo(outer, start)
    path.arcTo(outer, start, span)
    path.arcTo(inner, start + span, -span)
    path.closeSubpath()
    return path
