"""Årshjul: the förbund's year as a wheel beside a list by month with ISO weeks.

Everything comes from :mod:`finsam_desktop.arshjul`: the förbund's rules (editable data), its own
entries, meetings (with a beredning before each styrelsemöte) and insatser. Entries are ticked
off per year in the Klar column, opened (edited or moved) with a double click or Enter, on the
wheel or in the list; every change is stored at once and undone with Redigera → Ångra.

The Källa column says where an entry comes from (a rule, and which; an own entry; a meeting;
an insats); "Stäng av regeln" switches the rule off. "Bara hjulet" hides the list so the wheel
has the page, large enough to name every entry beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSignalBlocker, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import arshjul
from finsam_desktop.arshjul import Handelse, Kalla, Period
from finsam_desktop.arshjul.hjul import HELGDAG_FARG, RING_FARG, RING_KORT, RINGS
from finsam_desktop.dates import iso_week, year_choices
from finsam_desktop.model import Ring
from finsam_desktop.storage import ForbundFile, StorageError
from finsam_desktop.swedish import plural as count_text

from .. import queries
from ..dialogs.arshjul import EntryDialog, MoveDialog, RulesDialog
from ..forms.fields import choice_combo
from ..operations import Operation, save_in_background
from ..paths import ask_save_path
from ..style import MUTED
from ..text import month_name
from ..widgets.wheel import WheelLegend, WheelWidget, entry_key, tooltip
from .base import Page, add_labelled, empty_label

COLUMNS = 6
HANDELSE_COLUMN = 2
RING_COLUMN = 3
KLAR_COLUMN = 4
#: Where the entry comes from (a rule: which one); shown before Klar.
KALLA_COLUMN = 5
MONTH_BACKGROUND = "#eef2f6"
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def week_text(start: dt.date, end: dt.date | None) -> str:
    first = iso_week(start)
    if end is None or (iso_week(end) == first and (end - start).days < 7):
        return str(first)
    return f"{first}–{iso_week(end)}"


def date_text(start: dt.date, end: dt.date | None) -> str:
    """ISO dates; a span "2025-11-03 – 2025-11-06" (the list shows it on two lines)."""
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


class WrappingDelegate(QStyledItemDelegate):
    """Measures a cell as wrapped to a width, so a long text gets another line instead of
    being cut off (a tree view measures rows as if columns had no width).

    The width is the column's (Händelse, which takes what is left) or, given ``widest``, that
    text's (Datum: a span of dates breaks after its dash)."""

    def __init__(self, view: QTreeWidget, widest: str | None = None):
        super().__init__(view)
        self.view, self.widest = view, widest
        #: (text, width) → size: a view measures its rows on every layout, and a showing
        #: lays it out several times at the same width. Entry rows share the view's font.
        self._sizes: dict[tuple[str, int], QSize] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        if not index.parent().isValid():  # a month's heading, one line across the row
            return super().sizeHint(option, index)
        width = self.view.header().sectionSize(index.column()) if self.widest is None else -1
        key = (index.data(Qt.ItemDataRole.DisplayRole) or "", width)
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > 5000:  # years of entries at many widths: start again
                self._sizes.clear()
            size = self._sizes[key] = self._measure(option, index)
        return QSize(size)

    def _measure(self, option: QStyleOptionViewItem, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        style = self.view.style()
        if self.widest is None:
            width = self.view.header().sectionSize(index.column())
        else:
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, opt, self.view)
            width = opt.fontMetrics.horizontalAdvance(self.widest) + 2 * margin + 4
        opt.rect = QRect(0, 0, max(1, width), 10_000)
        return style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, opt, QSize(), self.view)


class ArshjulPage(Page):
    key = "arshjul"
    title = "Årshjul"
    icon_name = "arshjul"
    description = (
        "Förbundets år som hjul och lista: regler (årsredovisning, budget, Psykiatriveckan …), "
        "egna poster, möten och insatser. Bocka av i Klar; dubbelklicka för att ändra eller "
        "flytta."
    )

    def __init__(self, today=None, parent=None):
        super().__init__(today, parent)
        layout = self.page_layout()

        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("År")
        self.start_combo = choice_combo(
            [(month_name(m, capital=True), m) for m in range(1, 13)], name="Året börjar i"
        )
        self.rings_button = QPushButton("R&ingar")
        self.rings_button.setToolTip("Vilka ringar hjulet, listan och kalenderfilen visar.")
        menu = QMenu(self.rings_button)
        self.ring_actions: dict[Ring, QAction] = {}
        for ring in RINGS:
            action = menu.addAction(ring.label)
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(self._load)
            self.ring_actions[ring] = action
        self.rings_button.setMenu(menu)
        self.holidays_check = QCheckBox("&Helgdagar i listan")
        self.holidays_check.setChecked(True)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        add_labelled(bar, "&År:", self.year_combo, 8)
        add_labelled(bar, "Året &börjar i:", self.start_combo, 8)
        bar.addWidget(self.rings_button)
        bar.addWidget(self.holidays_check)
        bar.addStretch(1)
        self.wheel_only = QPushButton("Bara hj&ulet")
        self.wheel_only.setCheckable(True)
        self.wheel_only.setToolTip(
            "Visa hjulet ensamt och stort, med namn på alla poster, till exempel för att visa "
            "det för styrelsen. Klicka igen för listan."
        )
        self.new_button = QPushButton("&Ny post…")
        self.rules_button = QPushButton("&Regler…")
        self.ics_button = QPushButton("Kalender&fil (.ics)…")
        self.pdf_button = QPushButton("&PDF…")
        for b in (self.wheel_only, self.rules_button, self.ics_button, self.pdf_button):
            bar.addWidget(b)
        layout.addLayout(bar)

        self.wheel = WheelWidget()
        self.tree = QTreeWidget()
        self.tree.setObjectName("arshjulTree")
        self.tree.setAccessibleName("Årshjulets händelser")
        self.tree.setColumnCount(COLUMNS)
        self.tree.setHeaderLabels(["Datum", "Vecka", "Händelse", "Ring", "Klar", "Källa"])
        self.tree.headerItem().setToolTip(
            KALLA_COLUMN, "Var posten kommer ifrån: en regel (vilken), en egen post, ett möte …"
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setIndentation(0)
        # Every column but Händelse is as wide as what it holds; Händelse takes the rest and
        # wraps a long name onto a second line instead of cutting it off.
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HANDELSE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.moveSection(KALLA_COLUMN, KLAR_COLUMN)  # Källa before Klar on screen
        header.setMinimumSectionSize(40)
        # rows are as high as their wrapped Händelse: measured again when the column changes
        self.tree.setItemDelegateForColumn(HANDELSE_COLUMN, WrappingDelegate(self.tree))
        self.tree.setItemDelegateForColumn(0, WrappingDelegate(self.tree, "2025-12-31 –"))
        header.sectionResized.connect(self._column_resized)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.detail = QLabel("")
        self.detail.setObjectName("arshjulDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("Ä&ndra…")
        self.move_button = QPushButton("F&lytta…")
        self.reset_button = QPushButton("Regelns &datum")
        self.reset_button.setToolTip("Lägg tillbaka posten på regelns datum i år.")
        self.delete_button = QPushButton("Ta bort")
        self.rule_off_button = QPushButton("Stäng &av regeln")
        self.rule_off_button.setToolTip(
            "Regelns poster försvinner ur hjulet, listan, PDF:en och kalenderfilen. "
            "Slå på den igen under Regler…; Ångra tar tillbaka det."
        )
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addSpacing(12)
        for b in (self.open_button, self.move_button, self.reset_button, self.delete_button,
                  self.rule_off_button):  # fmt: skip
            actions.addWidget(b)
        actions.addStretch(1)

        right = QWidget()
        self.list_side = right
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.tree, 1)
        side.addWidget(self.detail)
        side.addLayout(actions)
        self.legend = WheelLegend()
        left = QWidget()
        wheel_side = QVBoxLayout(left)
        wheel_side.setContentsMargins(0, 0, 0, 0)
        wheel_side.addWidget(self.wheel, 1)
        wheel_side.addWidget(self.legend)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        # the wheel two fifths, the list the rest (proportions until the page is first laid
        # out; set here, not when first shown, where it made the list measure its rows again)
        self.splitter.setSizes([400, 600])
        layout.addWidget(self.splitter, 1)
        self.empty = empty_label("")
        layout.addWidget(self.empty)

        self.entries: list[Handelse] = []
        self.by_key: dict[str, Handelse] = {}
        self.items: dict[str, QTreeWidgetItem] = {}
        self.period = Period(self.today().year)
        self.dialog: QDialog | None = None

        self.year_combo.currentIndexChanged.connect(self._load)
        self.start_combo.activated.connect(self._start_changed)
        self.holidays_check.toggled.connect(self._load)
        self.wheel_only.toggled.connect(self.show_wheel_only)
        self.wheel.selected.connect(self._select_key)
        self.wheel.activated.connect(self.open_entry)
        self.tree.currentItemChanged.connect(self._tree_selected)
        self.tree.itemActivated.connect(self._tree_activated)
        self.tree.itemChanged.connect(self._item_changed)
        self.new_button.clicked.connect(self.new_entry)
        self.rules_button.clicked.connect(self.show_rules)
        self.ics_button.clicked.connect(self._ask_ics)
        self.pdf_button.clicked.connect(self._ask_pdf)
        self.open_button.clicked.connect(lambda: self.open_entry(self.current_key()))
        self.move_button.clicked.connect(self.move_current)
        self.reset_button.clicked.connect(self.reset_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.rule_off_button.clicked.connect(self.switch_rule_off)
        space = QAction(self.tree)
        space.setShortcut(QKeySequence(Qt.Key.Key_Space))
        space.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        space.triggered.connect(self.toggle_current)
        self.tree.addAction(space)
        self._update_buttons()

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column == HANDELSE_COLUMN:
            self.tree.doItemsLayout()

    def show_wheel_only(self, on: bool) -> None:
        """The wheel alone, as large as the page allows, every entry named beside it."""
        self.list_side.setVisible(not on)
        if self.wheel_only.isChecked() != on:
            self.wheel_only.setChecked(on)

    # -- reading ------------------------------------------------------------------------------

    def selected_year(self) -> int:
        year = self.year_combo.currentData()
        return year if year is not None else self.today().year

    def rings(self) -> set[Ring]:
        return {ring for ring, action in self.ring_actions.items() if action.isChecked()}

    def refresh(self) -> None:
        if self.ff is None:
            self.tree.clear()
            return
        wanted = self.selected_year()
        this_year = self.today().year
        years = {this_year - 1, this_year, this_year + 1}
        years |= set(queries.mote_ar(self.ff))
        with QSignalBlocker(self.year_combo):
            self.year_combo.clear()
            for year in year_choices(years):
                self.year_combo.addItem(str(year), year)
            self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(wanted)))
        with QSignalBlocker(self.start_combo):
            self.start_combo.setCurrentIndex(arshjul.startmanad(self.ff) - 1)
        self._load()

    def _start_changed(self) -> None:
        month = self.start_combo.currentData()
        if self.ff is not None and month != arshjul.startmanad(self.ff):
            self.store(lambda: arshjul.set_startmanad(self.ff, month))

    def _label_years(self) -> None:
        start = self.start_combo.currentData() or 1
        for i in range(self.year_combo.count()):
            year = self.year_combo.itemData(i)
            self.year_combo.setItemText(i, Period(year, start).label)

    def _load(self) -> None:
        current = self.current_key()
        with QSignalBlocker(self.tree):
            self.tree.clear()
        self.items = {}
        if self.ff is None:
            return
        self._label_years()
        self.period = arshjul.period_for(self.ff, self.selected_year())
        rings = self.rings()
        self.entries = arshjul.entries(self.ff, self.period, rings)
        self.by_key = {entry_key(h): h for h in self.entries}
        holidays = arshjul.holidays_in(self.period)
        today = self.today()
        self.wheel.set_data(self.period, self.entries, holidays, today)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        month_background = QBrush(QColor(MONTH_BACKGROUND))
        muted = QBrush(QColor(MUTED))
        with QSignalBlocker(self.tree):
            for year, month in self.period.months():
                in_month = [
                    h for h in self.entries if (h.datum.year, h.datum.month) == (year, month)
                ]
                days = []
                if self.holidays_check.isChecked():
                    days = [(d, n) for d, n in holidays if (d.year, d.month) == (year, month)]
                if not in_month and not days:
                    continue
                heading = QTreeWidgetItem([f"{month_name(month, capital=True)} {year}"])
                heading.setFont(0, bold)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
                for column in range(COLUMNS):
                    heading.setBackground(column, month_background)
                self.tree.addTopLevelItem(heading)
                heading.setFirstColumnSpanned(True)
                rows = [(h.datum, 0, h) for h in in_month] + [(d, 1, n) for d, n in days]
                for _day, kind, thing in sorted(rows, key=lambda t: (t[0], t[1])):
                    if kind == 1:
                        heading.addChild(self._holiday_item(_day, thing))
                    else:
                        heading.addChild(self._entry_item(thing, today, muted))
            self.tree.expandAll()
        if current in self.items:
            self._select_key(current)
        elif self.period.contains(today):
            self._scroll_to_month(today)
        count = len(self.entries)
        if count:
            passed = sum(1 for h in self.entries if h.sista < today)
            self.empty.setText(
                f"{count_text(count, 'händelse', 'händelser')} {self.period.long_label}, "
                f"{passed} passerade (grå). Röd text: datumet är en helgdag eller helg. "
                "Klar bockas av per år; möten är klara när protokollet är justerat."
            )
        else:
            self.empty.setText(f"Inget i årshjulet {self.period.long_label} med de valda ringarna.")
        self._update_buttons()

    def _scroll_to_month(self, day: dt.date) -> None:
        heading = f"{month_name(day.month, capital=True)} {day.year}"
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.text(0) == heading:
                self.tree.scrollToItem(item, QTreeWidget.ScrollHint.PositionAtTop)
                return

    def _entry_item(self, h: Handelse, today: dt.date, muted: QBrush) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [date_text(h.datum, h.slut), week_text(h.datum, h.slut), h.rubrik, RING_KORT[h.ring],
             "", arshjul.kalla_kort(h)]
        )  # fmt: skip
        key = entry_key(h)
        item.setData(0, KEY_ROLE, key)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
        item.setTextAlignment(KLAR_COLUMN, Qt.AlignmentFlag.AlignCenter)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if h.kan_bockas and self.ff is not None and not self.ff.read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setCheckState(
                KLAR_COLUMN, Qt.CheckState.Checked if h.klar else Qt.CheckState.Unchecked
            )
        elif h.klar:
            item.setText(KLAR_COLUMN, "✓")
        item.setFlags(flags)
        tip = f"{tooltip(h)}\n{arshjul.kalla_text(h)}"
        for column in range(COLUMNS):
            item.setToolTip(column, tip)
            if h.sista < today:
                item.setForeground(column, muted)
        item.setForeground(RING_COLUMN, QBrush(QColor(RING_FARG[h.ring])))
        item.setForeground(KALLA_COLUMN, muted)
        if h.flagga:
            item.setForeground(0, QBrush(QColor(HELGDAG_FARG)))
        if h.flyttad:
            item.setText(2, h.rubrik + " (flyttad i år)")
        self.items[key] = item
        return item

    def _holiday_item(self, day: dt.date, name: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([day.isoformat(), str(iso_week(day)), name, "Helgdag", ""])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
        italic = QFont(self.tree.font())
        italic.setItalic(True)
        for column in range(COLUMNS):
            item.setForeground(column, QBrush(QColor(HELGDAG_FARG)))
            item.setFont(column, italic)
        return item

    # -- selection ----------------------------------------------------------------------------

    def current_key(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, KEY_ROLE) if item is not None else None

    def current_entry(self) -> Handelse | None:
        key = self.current_key()
        return self.by_key.get(key) if key else None

    def _select_key(self, key: str) -> None:
        item = self.items.get(key)
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    def _tree_selected(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        key = item.data(0, KEY_ROLE) if item is not None else None
        self.wheel.select(key)
        h = self.by_key.get(key) if key else None
        if h is None:
            self.detail.setText("")
        else:
            when = date_text(h.datum, h.slut)
            parts = [f"<b>{_esc(h.rubrik)}</b> – {when}, {h.ring.label}"]
            if h.regel:
                parts.append(f"Regel: {_esc(h.regel)}")
            if h.beskrivning:
                parts.append(_esc(h.beskrivning))
            if h.flagga:
                parts.append(f"<span style='color:{HELGDAG_FARG}'>{_esc(h.flagga)}</span>")
            parts.append(f"<i>{_esc(arshjul.kalla_text(h))}</i>")
            self.detail.setText("<br>".join(parts))
        self._update_buttons()

    def _update_buttons(self) -> None:
        h = self.current_entry()
        editable = h is not None and h.kalla in (Kalla.REGEL, Kalla.EGEN)
        self.open_button.setEnabled(editable)
        self.move_button.setEnabled(editable)
        self.reset_button.setVisible(h is not None and h.kalla is Kalla.REGEL)
        self.reset_button.setEnabled(bool(h and h.flyttad))
        self.delete_button.setVisible(h is not None and h.kalla is Kalla.EGEN)
        self.rule_off_button.setVisible(h is not None and bool(h.regel_nyckel))
        self.rule_off_button.setEnabled(h is not None and bool(h.regel_nyckel))
        writable = self.ff is not None and not self.ff.read_only
        for b in (self.new_button, self.open_button, self.move_button, self.reset_button,
                  self.delete_button, self.rules_button, self.rule_off_button):  # fmt: skip
            if not writable:
                b.setEnabled(False)
        self.new_button.setEnabled(writable)
        self.rules_button.setEnabled(writable)

    def _tree_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        key = item.data(0, KEY_ROLE)
        if key:
            self.open_entry(key)

    # -- changes ------------------------------------------------------------------------------

    def store(self, change) -> bool:
        try:
            change()
        except arshjul.ArshjulError as exc:
            QMessageBox.information(self, "Årshjul", str(exc))
            self._load()
            return False
        except StorageError as exc:
            QMessageBox.warning(self, "Årshjul", exc.message)
            self._load()
            return False
        return True

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != KLAR_COLUMN:
            return
        h = self.by_key.get(item.data(0, KEY_ROLE))
        if h is None or self.ff is None:
            return
        klar = item.checkState(KLAR_COLUMN) == Qt.CheckState.Checked
        if klar != h.klar:
            # Not inside the item's own signal: storing reloads the list, deleting the item.
            QTimer.singleShot(
                0, self, lambda: self.store(lambda: arshjul.set_klar(self.ff, h, klar))
            )

    def toggle_current(self) -> None:
        h = self.current_entry()
        if h is not None and h.kan_bockas and self.ff is not None:
            self.store(lambda: arshjul.set_klar(self.ff, h, not h.klar))

    def open_entry(self, key: str | None) -> None:
        """Open the entry ``key``: edit an own entry or a rule; say where others are changed."""
        h = self.by_key.get(key) if key else None
        if h is None or self.ff is None:
            return
        self._select_key(key)
        if h.kalla is Kalla.EGEN:
            post = next(p for p in arshjul.arshjul_poster(self.ff) if p.id == h.id)
            self._open(EntryDialog(self, post=post))
        elif h.kalla is Kalla.REGEL:
            regel = next(r for r in arshjul.regler(self.ff) if r.id == h.id)
            self._open(EntryDialog(self, regel=regel))
        else:
            where = "Insatser" if h.kalla is Kalla.INSATS else "Möten"
            box = QMessageBox(
                QMessageBox.Icon.Information, h.rubrik,
                f"{tooltip(h)}\n\nDet här kommer från sidan {where} och ändras där.",
                QMessageBox.StandardButton.Ok, self,
            )  # fmt: skip
            self._open(box)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def new_entry(self) -> None:
        if self.ff is not None:
            start = self.period.start
            day = self.today() if self.period.contains(self.today()) else start
            self._open(EntryDialog(self, day=day))

    def show_rules(self) -> None:
        if self.ff is not None:
            self._open(RulesDialog(self))

    def move_current(self) -> None:
        h = self.current_entry()
        if h is not None and h.kalla in (Kalla.REGEL, Kalla.EGEN):
            self._open(MoveDialog(self, h))

    def reset_current(self) -> None:
        h = self.current_entry()
        if h is not None and h.flyttad and self.ff is not None:
            self.store(lambda: arshjul.reset_move(self.ff, h))

    def delete_current(self) -> None:
        h = self.current_entry()
        if h is not None and h.kalla is Kalla.EGEN and self.ff is not None:
            self.store(lambda: arshjul.delete_post(self.ff, h.id))

    def switch_rule_off(self) -> None:
        """Switch off the rule the current entry comes from (one undoable action)."""
        h = self.current_entry()
        if h is None or not h.regel_nyckel or self.ff is None:
            return
        ff, nyckel = self.ff, h.regel_nyckel
        name = arshjul.rule_name(ff, nyckel)
        if self.store(lambda: arshjul.set_rule_on(ff, nyckel, False)):
            self.empty.setText(
                f"Regeln ”{name}” är avstängd: dess poster visas inte i hjulet, listan, PDF:en "
                "eller kalenderfilen. Slå på den igen under Regler…, eller ångra med Ctrl+Z."
            )

    # -- out of the app -----------------------------------------------------------------------

    def export_ics(self, target: Path) -> int:
        """The .ics of the period and rings shown, now (the window uses :meth:`save_ics`)."""
        assert self.ff is not None
        return _write_ics(self.ff, target, self.period, self.rings())

    def export_pdf(self, target: Path) -> Path:
        """The årshjul's PDF of the year shown, now (the window uses :meth:`save_pdf`)."""
        assert self.ff is not None
        return _write_pdf(self.ff, target, self.period.year, self.today())

    def _ask_and_save(
        self, title: str, suffix: str, pattern: str, save: Callable[[Path], Operation]
    ) -> Operation | None:
        """Ask where to save the period shown (named after it), then ``save`` there."""
        if self.ff is None:
            return None
        name = f"Årshjul {self.period.label.replace('/', '-')}{suffix}"
        target = ask_save_path(self, title, self.ff.path, name, suffix, pattern)
        return save(target) if target is not None else None

    def _ask_ics(self) -> Operation | None:
        return self._ask_and_save(
            "Spara årshjulet som kalenderfil", ".ics", "Kalender (*.ics)", self.save_ics
        )

    def save_ics(self, target: Path) -> Operation:
        """The .ics of the period and rings shown, written off the GUI thread."""
        assert self.ff is not None
        period, rings = self.period, self.rings()
        return save_in_background(
            self,
            self.ff,
            lambda snapshot, path: _write_ics(snapshot, path, period, rings),
            target,
            what="Kalenderfilen",
            label="Skriver kalenderfilen …",
            on_saved=lambda _count: self.empty.setText(
                f"Kalenderfilen är sparad: {target}. Importera den i Outlook; en ny import "
                "av samma år uppdaterar händelserna i stället för att lägga till nya."
            ),
        )

    def _ask_pdf(self) -> Operation | None:
        return self._ask_and_save("Spara årshjulet som PDF", ".pdf", "PDF (*.pdf)", self.save_pdf)

    def save_pdf(self, target: Path) -> Operation:
        """The årshjul's PDF for the year shown, written off the GUI thread."""
        assert self.ff is not None
        year, today = self.period.year, self.today()
        return save_in_background(
            self,
            self.ff,
            lambda snapshot, path: _write_pdf(snapshot, path, year, today),
            target,
            what="PDF:en",
            label="Skriver årshjulet …",
            on_saved=lambda _path: self.empty.setText(f"PDF:en är sparad: {target}."),
        )


def _write_ics(ff: ForbundFile, target: Path, period: Period, rings: set[Ring]) -> int:
    from finsam_desktop.arshjul.ics import export_ics  # icalendar when first asked for

    return export_ics(ff, target, period, rings)


def _write_pdf(ff: ForbundFile, target: Path, year: int, today: dt.date) -> Path:
    from reports.arshjul import write_arshjul  # ReportLab when first asked for

    return write_arshjul(ff, target, year=year, date=today)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
