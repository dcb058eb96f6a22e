"""Årshjul: the year month by month, the förbund's own entries with ISO week numbers.

Shows the entries in ``arshjul_post`` for a chosen year (yearly ones repeated into it) and,
if wished, the meetings of that year, each under its month with its ISO 8601 week.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QCheckBox, QComboBox, QHeaderView, QTreeWidget, QTreeWidgetItem

from finsam_desktop.dates import iso_week
from finsam_desktop.model import Ring, Upprepning

from .. import queries
from ..models.moten import tid
from ..style import MUTED
from ..text import count as count_text
from ..text import month_name
from .base import Page, empty_label, filter_bar

COLUMNS = 5
MONTH_BACKGROUND = "#eef2f6"


@dataclass(frozen=True)
class Handelse:
    """One thing on the year's wheel, placed in a given year."""

    datum: dt.date
    slut: dt.date | None
    rubrik: str
    ring: str
    beskrivning: str
    arlig: bool
    klar: bool


def occurrence(post: queries.ArshjulPost, year: int) -> tuple[dt.date, dt.date | None] | None:
    """When ``post`` falls in ``year``: yearly entries repeat from their first year on.

    (An årshjul rule; it belongs in finsam_desktop beside the generated entries.)
    """
    if post.upprepning is Upprepning.ARLIGEN:
        if post.datum.year > year:
            return None
        start = _same_day_in(post.datum, year)
        end = None
        if post.slut is not None:
            end = start + (post.slut - post.datum)
        return start, end
    last = post.slut or post.datum
    if post.datum.year <= year <= last.year:
        return post.datum, post.slut
    return None


def _same_day_in(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year without it
        return dt.date(year, 2, 28)


def week_text(start: dt.date, end: dt.date | None) -> str:
    first = iso_week(start)
    if end is None or (iso_week(end) == first and (end - start).days < 7):
        return str(first)
    return f"{first}–{iso_week(end)}"


def date_text(start: dt.date, end: dt.date | None) -> str:
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


class ArshjulPage(Page):
    key = "arshjul"
    title = "Årshjul"
    icon_name = "arshjul"
    description = (
        "Årets händelser månad för månad med veckonummer: förbundets egna poster i årshjulet "
        "och, om du vill, årets möten."
    )

    def __init__(self, today=None, parent=None):
        super().__init__(today, parent)
        layout = self.page_layout()

        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("År")
        self.meetings_check = QCheckBox("Visa &möten")
        self.meetings_check.setChecked(True)
        bar = filter_bar(("&År:", self.year_combo))
        bar.insertWidget(bar.count() - 1, self.meetings_check)
        layout.addLayout(bar)

        self.tree = QTreeWidget()
        self.tree.setObjectName("arshjulTree")
        self.tree.setAccessibleName("Årshjulets händelser")
        self.tree.setColumnCount(COLUMNS)
        self.tree.setHeaderLabels(["Datum", "Vecka", "Händelse", "Område", "Klar"])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setIndentation(0)
        self.tree.setAlternatingRowColors(False)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tree, 1)

        self.empty = empty_label("")
        layout.addWidget(self.empty)

        self.year_combo.currentIndexChanged.connect(self._load)
        self.meetings_check.toggled.connect(self._load)

    def selected_year(self) -> int:
        year = self.year_combo.currentData()
        return year if year is not None else self.today().year

    def refresh(self) -> None:
        if self.ff is None:
            self.tree.clear()
            return
        wanted = self.selected_year()
        this_year = self.today().year
        years = {this_year - 1, this_year, this_year + 1}
        years |= set(queries.mote_ar(self.ff))
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in sorted(years, reverse=True):
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(wanted)))
        self.year_combo.blockSignals(False)
        self._load()

    def events(self, year: int) -> list[Handelse]:
        """Everything on the wheel in ``year``, in date order."""
        assert self.ff is not None
        done = queries.arshjul_klara(self.ff, year)
        found = []
        for post in queries.arshjul_poster(self.ff):
            when = occurrence(post, year)
            if when is None:
                continue
            found.append(
                Handelse(
                    when[0],
                    when[1],
                    post.rubrik,
                    post.ring.label,
                    post.beskrivning,
                    post.upprepning is Upprepning.ARLIGEN,
                    post.id in done,
                )
            )
        if self.meetings_check.isChecked():
            for m in queries.moten(self.ff, year):
                rubrik = m.typ.label + (f", {m.plats}" if m.plats else "")
                found.append(
                    Handelse(
                        m.datum, None, rubrik, Ring.STYRELSE.label, tid(m), False,
                        m.justerat is not None,
                    )
                )  # fmt: skip
        return sorted(found, key=lambda h: (h.datum, h.rubrik))

    def _load(self) -> None:
        self.tree.clear()
        if self.ff is None:
            return
        year = self.selected_year()
        events = self.events(year)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        today = self.today()
        month_background = QBrush(QColor(MONTH_BACKGROUND))
        for month in range(1, 13):
            in_month = [h for h in events if h.datum.month == month]
            if not in_month:
                continue
            heading = QTreeWidgetItem([f"{month_name(month, capital=True)} {year}"])
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for column in range(COLUMNS):
                heading.setBackground(column, month_background)
            self.tree.addTopLevelItem(heading)
            heading.setFirstColumnSpanned(True)
            for h in in_month:
                item = QTreeWidgetItem(
                    [
                        date_text(h.datum, h.slut),
                        week_text(h.datum, h.slut),
                        h.rubrik,
                        h.ring,
                        "✓" if h.klar else "",
                    ]
                )
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
                item.setTextAlignment(4, Qt.AlignmentFlag.AlignCenter)
                tip = h.beskrivning
                if h.arlig:
                    tip = (tip + "\n" if tip else "") + "Återkommer varje år."
                for column in range(COLUMNS):
                    item.setToolTip(column, tip)
                    if (h.slut or h.datum) < today:
                        item.setForeground(column, QBrush(QColor(MUTED)))
                heading.addChild(item)
        self.tree.expandAll()
        count = len(events)
        if count:
            self.empty.setText(
                f"{count_text(count, 'händelse', 'händelser')} {year}. Grå text: redan passerat. "
                "✓ i Klar: avbockad för året, eller mötets protokoll är justerat."
            )
        else:
            self.empty.setText(
                f"Årshjulet har inga poster för {year}. Förbundets egna poster "
                "(konferenser, rapporttider, planeringsdagar) visas här månad för månad."
            )
