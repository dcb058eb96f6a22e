"""The årshjul as a circular widget: twelve named months around, one ring per category.

Entries are dots (a day) or arcs (several days) in their ring; holidays are red ticks outside
the month band; today is a red line. What the wheel says is written on it where it fits:
the month names along the band and each ring's name in its emptiest stretch; an entry's
name runs along its ring after its dot when there is room before the next one, and when the
widget is wide enough (Bara hjulet on the page) every entry gets a label beside the wheel
with a line to its dot instead. :class:`WheelLegend`, under it on the page, says what the
rings and marks are. Hovering tells the rest (an entry, or a month and its holidays); a
click selects an entry (``selected``), a double click or Enter opens it (``activated``).

Everything is laid out in :meth:`WheelWidget._layout` (on new data and on resize);
painting only draws it, and records the texts it drew in ``painted_texts``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolTip, QWidget

from finsam_desktop.arshjul import Handelse, Period
from finsam_desktop.arshjul.hjul import HELGDAG_FARG, RING_FARG, RING_KORT, RINGS, fraction
from finsam_desktop.arshjul.regler import MONTHS
from finsam_desktop.dates import iso_week
from finsam_desktop.swedish import plural

DOT = 7.0  # radius of an entry's dot
TEXT = QColor("#1d2733")
MUTED = QColor("#5b6b7c")
TODAY = QColor("#d0021b")
BAND = (QColor("#3b4a5a"), QColor("#4a5a6b"))  # the month band, alternating
LINE = QColor("#9aa7b4")
#: Labels beside the wheel are used when they get at least this width (px; a longer name
#: is shortened) and leave the wheel this radius (px) and this share of its full size.
CALLOUT_MIN_WIDTH = 200
CALLOUT_MIN_RADIUS = 170
CALLOUT_KEEP = 0.88
MARGIN = 8.0


@dataclass
class _Mark:
    entry: Handelse
    center: QPointF
    path: QPainterPath | None  # the arc, for entries spanning days
    angle: float = 0.0  # of the dot, degrees clockwise from the top
    ring: int = 0


@dataclass
class _Text:
    """One text the wheel draws: curved along a circle or straight in a rectangle."""

    kind: str  # month, ring, label (along a ring), callout, centre, today
    text: str
    font: QFont
    colour: QColor
    key: str | None = None  # the entry it names
    # curved: glyphs as (position, rotation, character)
    glyphs: list[tuple[QPointF, float, str]] = field(default_factory=list)
    rect: QRectF | None = None
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    hit: QPainterPath | None = None  # where a click or hover finds it
    span: tuple[float, float] | None = None  # a curved text's angles, from and to


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


def short_date(h: Handelse) -> str:
    """ "14 feb", "3–6 nov", "1 mar – 31 maj": the date beside an entry's name."""
    start, end = h.datum, h.slut
    month = MONTHS[start.month - 1][:3]
    if end is None or end == start:
        return f"{start.day} {month}"
    if end.month == start.month and end.year == start.year:
        return f"{start.day}–{end.day} {month}"
    return f"{start.day} {month} – {end.day} {MONTHS[end.month - 1][:3]}"


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
        self.setMinimumSize(300, 340)
        self.period = Period(dt.date.today().year)
        self.entries: list[Handelse] = []
        self.holidays: list[tuple[dt.date, str]] = []
        self.today: dt.date | None = None
        self.current: str | None = None
        self._marks: list[_Mark] = []
        self._texts: list[_Text] = []
        self._leaders: list[tuple[QColor, list[QPointF]]] = []
        self._geo = (QPointF(0, 0), 1.0, 1.0, 1.0, 1.0)
        #: Whether the entries are named beside the wheel (else along their rings).
        self.callouts = False
        #: (kind, text) of every text the last paint drew.
        self.painted_texts: list[tuple[str, str]] = []

    def sizeHint(self) -> QSize:
        return QSize(520, 580)

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
        self._layout()
        self.update()

    def select(self, key: str | None) -> None:
        """Select the entry ``nyckel@ar`` (as :func:`key` gives) without emitting."""
        self.current = key
        self.update()

    def texts(self, kind: str | None = None) -> list[str]:
        """The texts laid out to be drawn (of one ``kind``): what the wheel says."""
        return [t.text for t in self._texts if kind is None or t.kind == kind]

    def named_keys(self) -> set[str]:
        """The entries whose name is written on or beside the wheel."""
        return {t.key for t in self._texts if t.key and t.kind in ("label", "callout")}

    # -- geometry ---------------------------------------------------------------------------

    def _geometry(self) -> tuple[QPointF, float, float, float, float]:
        """Centre, outer radius, month band width, inner radius and ring width."""
        return self._geo

    def _angle(self, day: dt.date) -> float:
        """Degrees clockwise from the top."""
        return 360.0 * fraction(self.period, day)

    @staticmethod
    def _point(center: QPointF, r: float, angle: float) -> QPointF:
        a = math.radians(angle)
        return QPointF(center.x() + r * math.sin(a), center.y() - r * math.cos(a))

    def _font(self, pixels: float, *, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(8, round(pixels)))
        font.setBold(bold)
        return font

    def _layout(self) -> None:
        w, h = float(self.width()), float(self.height())
        self._texts, self._leaders = [], []
        area = h
        plain = min(w, area) / 2 - 18
        callout_font = self._font(12.5)
        fm = QFontMetricsF(callout_font)
        widest = max((fm.horizontalAdvance(self._callout_text(e)) for e in self.entries), default=0)
        # Labels beside the wheel get what is left when the wheel keeps most of its size.
        smallest = max(CALLOUT_MIN_RADIUS, CALLOUT_KEEP * plain)
        side = min(widest + 36, (w - 2 * (smallest + MARGIN)) / 2)
        beside = min(area / 2 - 18, (w - 2 * side) / 2 - MARGIN)
        enough = min(CALLOUT_MIN_WIDTH, widest + 36)
        self.callouts = bool(self.entries) and side >= enough and beside >= smallest
        outer = max(60.0, beside if self.callouts else plain)
        center = QPointF(w / 2, h / 2)
        band = max(18.0, outer * 0.085)
        inner = outer * 0.2
        ring_width = (outer - band - inner) / len(RINGS)
        self._geo = (center, outer, band, inner, ring_width)
        self._layout_marks()
        if self.callouts and not self._layout_callouts(callout_font, 0.0, area):
            self.callouts = False
            self._leaders = []
            self._texts = [t for t in self._texts if t.kind != "callout"]
        if not self.callouts:
            self._layout_ring_labels()
        self._layout_ring_names()
        self._layout_months()
        self._layout_centre()
        self.setAccessibleDescription(self._description())

    def _layout_marks(self) -> None:
        center, _outer, _band, inner, width = self._geo
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
                angle = a0 + math.degrees((DOT + 2) / rm)
            point = self._point(center, rm, angle)
            for offset in (0.0, -width / 3, width / 3):
                point = self._point(center, rm + offset, angle)
                if all(_dist(point, p) > 2 * DOT + 1 for p in placed):
                    break
            placed.append(point)
            self._marks.append(_Mark(h, point, path, angle, i))

    # -- texts ------------------------------------------------------------------------------

    def _curved(
        self, kind: str, text: str, font: QFont, colour: QColor, r: float, a0: float,
        key: str | None = None,
    ) -> _Text:  # fmt: skip
        """``text`` along the circle of radius ``r`` from ``a0`` on, clockwise; turned to read
        left to right on the lower half."""
        center = self._geo[0]
        fm = QFontMetricsF(font)
        span = math.degrees(fm.horizontalAdvance(text) / r)
        flip = 90 < (a0 + span / 2) % 360 < 270
        glyphs = []
        x = 0.0
        for ch in text:
            advance = fm.horizontalAdvance(ch)
            along = math.degrees((x + advance / 2) / r)
            angle = a0 + span - along if flip else a0 + along
            glyphs.append((self._point(center, r, angle), angle - 180 if flip else angle, ch))
            x += advance
        half = fm.height() / 2
        hit = _annular(center, r - half, r + half, a0, a0 + span)
        return _Text(kind, text, font, colour, key, glyphs, hit=hit, span=(a0, a0 + span))

    def _callout_text(self, h: Handelse) -> str:
        return f"{short_date(h)}  {h.rubrik}" + ("  ✓" if h.klar else "")

    def _layout_callouts(self, font: QFont, y0: float, area: float) -> bool:
        """A label beside the wheel for every entry, with a line to its dot. False when
        they do not fit above one another."""
        center, outer, _band, _inner, _width = self._geo
        fm = QFontMetricsF(font)
        line = fm.height() + 2
        top, bottom = y0 + MARGIN + line / 2, y0 + area - line / 2
        sides: dict[bool, list[tuple[float, _Mark]]] = {True: [], False: []}
        for mark in self._marks:
            a = mark.angle % 360
            wanted = center.y() - (outer + 16) * math.cos(math.radians(a))
            sides[a < 180].append((wanted, mark))
        placed: list[tuple[bool, float, _Mark]] = []
        for right, items in sides.items():
            items.sort(key=lambda t: (t[0], t[1].angle if right else -t[1].angle))
            if len(items) * line > bottom - top + line:
                return False
            ys = []
            for wanted, _mark in items:
                ys.append(max(wanted, top, ys[-1] + line if ys else top))
            for i in range(len(ys) - 1, -1, -1):
                ys[i] = min(ys[i], bottom, ys[i + 1] - line if i + 1 < len(ys) else bottom)
            placed += [(right, y, m) for y, (_w, m) in zip(ys, items, strict=True)]
        reach = outer + 18
        for right, y, mark in placed:
            h = mark.entry
            dy = y - center.y()
            dx = math.sqrt(max(0.0, reach * reach - dy * dy))
            x = center.x() + dx + 10 if right else center.x() - dx - 10
            room = (self.width() - MARGIN - x) if right else (x - MARGIN)
            text = fm.elidedText(self._callout_text(h), Qt.TextElideMode.ElideRight, room)
            width = fm.horizontalAdvance(text) + 2
            rect = QRectF(x if right else x - width, y - line / 2, width, line)
            align = Qt.AlignmentFlag.AlignVCenter | (
                Qt.AlignmentFlag.AlignLeft if right else Qt.AlignmentFlag.AlignRight
            )
            colour = MUTED if self.today is not None and h.sista < self.today else TEXT
            hit = QPainterPath()
            hit.addRect(rect)
            self._texts.append(
                _Text("callout", text, font, colour, entry_key(h), rect=rect, align=align, hit=hit)
            )
            edge = self._point(center, outer + 8, mark.angle)
            elbow = QPointF(x - 3 if right else x + 3, y)
            ring = QColor(RING_FARG[h.ring])
            ring.setAlpha(150)
            self._leaders.append((ring, [mark.center, edge, elbow]))
        return True

    def _layout_ring_labels(self) -> None:
        """An entry's name along its ring after its dot, where it fits before the next."""
        width = self._geo[4]
        font = self._font(min(12.5, max(10.0, width * 0.36)))
        fm = QFontMetricsF(font)
        for i in range(len(RINGS)):
            marks = sorted((m for m in self._marks if m.ring == i), key=lambda m: m.angle)
            for n, mark in enumerate(marks):
                h = mark.entry
                r = _dist(mark.center, self._geo[0])
                gap = math.degrees((DOT + 4) / r)
                start = mark.angle + gap
                nxt = marks[n + 1].angle if n + 1 < len(marks) else 360 + marks[0].angle
                end = min(nxt - gap, start + 359 - 2 * gap)
                room = math.radians(end - start) * r
                text = h.rubrik
                if fm.horizontalAdvance(text) > room:
                    text = fm.elidedText(text, Qt.TextElideMode.ElideRight, room)
                    if len(text.rstrip("…")) < min(10, len(h.rubrik)):
                        continue  # too little would be left to read: the tooltip says it
                passed = self.today is not None and h.sista < self.today
                colour = MUTED if passed else TEXT
                label = self._curved("label", text, font, colour, r, start, entry_key(h))
                self._texts.append(label)

    def _layout_ring_names(self) -> None:
        """Each ring's name in its widest empty stretch, when it fits there."""
        _center, _outer, _band, inner, width = self._geo
        font = self._font(min(11.0, max(9.0, width * 0.3)), bold=True)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        fm = QFontMetricsF(font)
        for i, ring in enumerate(RINGS):
            r = inner + (i + 0.5) * width
            taken = [(m.angle - math.degrees((DOT + 3) / r), m.angle + math.degrees((DOT + 3) / r))
                     for m in self._marks if m.ring == i]  # fmt: skip
            pad = math.degrees(8 / r)
            for t in self._texts:
                if t.kind == "label" and t.span and self._ring_of(t) == i:
                    taken.append((t.span[0] - pad, t.span[1] + pad))
            gap = _widest_gap(taken)
            colour = QColor(RING_FARG[ring]).darker(125)
            colour.setAlpha(200)
            for name in (ring.label.upper(), RING_KORT[ring].upper()):
                span = math.degrees((fm.horizontalAdvance(name) + 16) / r)
                if gap is not None and gap[1] - gap[0] >= span:
                    mid = (gap[0] + gap[1]) / 2
                    a0 = mid - span / 2 + math.degrees(8 / r)
                    self._texts.append(self._curved("ring", name, font, colour, r, a0))
                    break

    def _ring_of(self, t: _Text) -> int:
        center, _outer, _band, inner, width = self._geo
        r = _dist(t.glyphs[0][0], center)
        return int((r - inner) // width)

    def _layout_months(self) -> None:
        center, outer, band, _inner, _width = self._geo
        font = self._font(min(14.0, max(10.5, band * 0.56)), bold=True)
        fm = QFontMetricsF(font)
        r = outer - band / 2
        months = self.period.months()
        for n, (year, month) in enumerate(months):
            nxt = months[n + 1] if n < 11 else (self.period.end.year, self.period.end.month)
            a0, a1 = self._angle(dt.date(year, month, 1)), self._angle(dt.date(*nxt, 1))
            room = math.radians(a1 - a0) * r - 6
            name = MONTHS[month - 1].capitalize()
            if month == 1 and n > 0:
                name += f" {year}"
            if fm.horizontalAdvance(name) > room:
                name = MONTHS[month - 1][:3].capitalize()
            span = math.degrees(fm.horizontalAdvance(name) / r)
            mid = (a0 + a1) / 2
            self._texts.append(
                self._curved("month", name, font, QColor("white"), r, mid - span / 2)
            )
        if self.today is not None and self.period.contains(self.today):
            a = self._angle(self.today) + 0.5
            small = self._font(11, bold=True)
            width = QFontMetricsF(small).horizontalAdvance("i dag") + 4
            p = self._point(center, outer + 12 + width / 2 * abs(math.sin(math.radians(a))), a)
            rect = QRectF(p.x() - width / 2, p.y() - 8, width, 16)
            clear = not any(t.rect is not None and t.rect.intersects(rect) for t in self._texts)
            if clear and QRectF(self.rect()).contains(rect):  # else the legend says it
                self._texts.append(
                    _Text("today", "i dag", small, TODAY, rect=rect,
                          align=Qt.AlignmentFlag.AlignCenter)
                )  # fmt: skip

    def _layout_centre(self) -> None:
        center, _outer, _band, inner, _width = self._geo
        title = self._font(max(12.0, inner * 0.26), bold=True)
        rect = QRectF(center.x() - inner, center.y() - inner * 0.55, 2 * inner, inner * 0.6)
        centred = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
        self._texts.append(_Text("centre", "Årshjul", title, TEXT, rect=rect, align=centred))
        sub = self._font(max(11.0, inner * 0.22))
        rect = QRectF(center.x() - inner, center.y() + inner * 0.05, 2 * inner, inner * 0.5)
        top = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        self._texts.append(_Text("centre", self.period.label, sub, TEXT, rect=rect, align=top))

    def _description(self) -> str:
        rings = ", ".join(f"{i + 1} {r.label}" for i, r in enumerate(RINGS))
        named = self.named_keys()
        unnamed = sum(1 for h in self.entries if entry_key(h) not in named)
        text = (
            f"Årshjul {self.period.long_label}: tolv månader runt hjulet; ringarna inifrån och "
            f"ut: {rings}. {plural(len(self.entries), 'händelse', 'händelser')}"
        )
        if unnamed:
            text += f", {unnamed} utan namn på hjulet (håll muspekaren över punkten)"
        return text + "."

    def resizeEvent(self, event) -> None:
        self._layout()
        super().resizeEvent(event)

    # -- finding what is where --------------------------------------------------------------

    def entry_at(self, pos: QPointF) -> Handelse | None:
        """The entry under ``pos``: a dot first (the topmost), then a name, then an arc."""
        for mark in reversed(self._marks):
            if _dist(mark.center, pos) <= DOT + 2:
                return mark.entry
        by_key = {entry_key(h): h for h in self.entries}
        for t in self._texts:
            if t.key in by_key and t.hit is not None and t.hit.contains(pos):
                return by_key[t.key]
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
        center, outer, band, inner, width = self._geo
        self.painted_texts = []
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for i, ring in enumerate(RINGS):
            colour = QColor(RING_FARG[ring])
            colour.setAlpha(34 if i % 2 else 52)
            p.setPen(QPen(QColor("white"), 1.2))
            p.setBrush(colour)
            p.drawPath(_annular(center, inner + i * width, inner + (i + 1) * width, 0, 360))
        months = self.period.months()
        for n, (year, month) in enumerate(months):
            start = dt.date(year, month, 1)
            nxt = months[n + 1] if n < 11 else (self.period.end.year, self.period.end.month)
            a0, a1 = self._angle(start), self._angle(dt.date(*nxt, 1))
            p.setPen(QPen(QColor("white"), 1))
            p.setBrush(BAND[n % 2])
            p.drawPath(_annular(center, outer - band, outer, a0, a1))
            p.setPen(QPen(LINE, 0.8))
            p.drawLine(self._point(center, inner, a0), self._point(center, outer - band, a0))
        p.setPen(QPen(QColor(HELGDAG_FARG), 1.5))
        for day, _name in self.holidays:
            a = self._angle(day) + 0.5
            p.drawLine(self._point(center, outer + 1, a), self._point(center, outer + 7, a))
        p.setPen(QPen(LINE, 1))
        p.setBrush(QColor("white"))
        p.drawEllipse(center, inner, inner)
        for colour, points in self._leaders:  # under the marks, over the rings
            p.setPen(QPen(colour, 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            for a, b in itertools.pairwise(points):
                p.drawLine(a, b)
        for mark in self._marks:
            if mark.path is not None:
                colour = QColor(RING_FARG[mark.entry.ring])
                fill = QColor(colour)
                fill.setAlpha(95)
                p.setPen(QPen(colour, 1))
                p.setBrush(fill)
                p.drawPath(mark.path)
        for t in self._texts:
            self._draw_text(p, t)
        for mark in self._marks:
            h = mark.entry
            colour = QColor(RING_FARG[h.ring])
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
            p.setPen(QPen(TODAY, 2, Qt.PenStyle.DashLine))
            p.drawLine(self._point(center, inner, a), self._point(center, outer + 9, a))
        p.end()

    def _draw_text(self, p: QPainter, t: _Text) -> None:
        font = QFont(t.font)
        if t.key is not None and t.key == self.current:
            font.setBold(True)
        p.setFont(font)
        p.setPen(t.colour)
        if t.glyphs:
            fm = QFontMetricsF(font)
            baseline = (fm.ascent() - fm.descent()) / 2
            for pos, rotation, ch in t.glyphs:
                p.save()
                p.translate(pos)
                p.rotate(rotation)
                p.drawText(QPointF(-fm.horizontalAdvance(ch) / 2, baseline), ch)
                p.restore()
        elif t.rect is not None:
            p.drawText(t.rect, t.align, t.text)
        self.painted_texts.append((t.kind, t.text))

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


#: The symbols of the wheel, after the rings, in the legend.
SYMBOLS = [
    ("●", "en dag"),
    ("▬", "flera dagar"),
    ("○", "klar"),
    ("●", "röd prick: på en helgdag eller helg"),
    ("|", "helgdag"),
    ("╌", "i dag"),
]


class WheelLegend(QLabel):
    """What the wheel's colours and marks mean: the rings from the centre out, the symbols."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("arshjulLegend")
        self.setAccessibleName("Teckenförklaring till årshjulet")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        rings = "&nbsp;&nbsp; ".join(
            f"<span style='color:{RING_FARG[r]}'>■</span>&nbsp;{i + 1}&nbsp;{_nbsp(r.label)}"
            for i, r in enumerate(RINGS)
        )
        marks = {"|": HELGDAG_FARG, "╌": TODAY.name()}
        symbols = "&nbsp;&nbsp; ".join(
            f"<span style='color:{marks.get(s, MUTED.name())}'>{s}</span>&nbsp;{_nbsp(t)}"
            for s, t in SYMBOLS
        )
        self.setText(
            f"<b>Ringarna inifrån och ut:</b>&nbsp; {rings}<br>"
            f"<span style='color:{MUTED.name()}'>{symbols}</span>"
        )

    def plain_text(self) -> str:
        """The legend as words (what a screen reader or a test reads)."""
        rings = ", ".join(f"{i + 1} {r.label}" for i, r in enumerate(RINGS))
        return f"Ringarna inifrån och ut: {rings}. " + ", ".join(f"{s} {t}" for s, t in SYMBOLS)


def _nbsp(text: str) -> str:
    return text.replace(" ", "&nbsp;")


def entry_key(h: Handelse) -> str:
    """An entry's identity within the shown year: its nyckel and its year."""
    return f"{h.nyckel}@{h.ar}"


def _dist(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())


def _widest_gap(taken: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The widest angular stretch (start, end) free of ``taken`` spans, around the circle."""
    if not taken:
        return (0.0, 360.0)
    spans = []
    for start, end in taken:  # within 0–360: a span over the top is cut in two
        start, end = start % 360, start % 360 + (end - start)
        if end > 360:
            spans += [(start, 360.0), (0.0, end - 360)]
        else:
            spans.append((start, end))
    spans.sort()
    best: tuple[float, float] | None = None
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start > reach and (best is None or start - reach > best[1] - best[0]):
            best = (reach, start)
        reach = max(reach, end)
    wrap = (reach, spans[0][0] + 360)
    if wrap[1] > wrap[0] and (best is None or wrap[1] - wrap[0] > best[1] - best[0]):
        best = wrap
    return best


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
