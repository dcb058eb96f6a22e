"""Mål: the förbund's own goals (finsam_desktop.forbundsmal), per year, and their bedömning.

The list shows the goals that apply in the chosen year, verksamhetsmål first, with the
prognosis given at the delår and the whole year's bedömning in the förbund's own words. The
form beside it edits the chosen goal (each field stores itself when left, one Ctrl+Z each):
slag, area, the goal, its measure and follow-up, the years it applies, and for the chosen
year the prognosis and the bedömning with their motivering. The verksamhetsplan lists these
goals; the delårsrapport prints the prognosis and the årsredovisning the bedömning.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import forbund
from finsam_desktop import forbundsmal as fm
from finsam_desktop.dates import year_choices
from finsam_desktop.errors import Refusal
from finsam_desktop.model import Bedomning, MalSlag, Skede
from finsam_desktop.swedish import plural

from ..forms.fields import ChoiceField, LineField, TextField, attempt, with_error
from ..style import set_role
from .base import Page, card, empty_label, filter_bar

COLUMNS = ("Slag", "Område", "Mål", "Prognos", "Bedömning")
SHORT = {MalSlag.VERKSAMHET: "Verksamhet", MalSlag.FINANSIELLT: "Finansiellt"}


def parse_optional_year(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or len(text) != 4:
        raise Refusal(f"”{text}” är inget årtal; skriv till exempel 2026, eller lämna tomt.")
    return int(text)


class MalPage(Page):
    key = "mal"
    title = "Mål"
    icon_name = "mal"
    description = (
        "Förbundets egna verksamhetsmål och finansiella mål, som styrelsen beslutar: "
        "vad som gäller året, prognosen vid delåret och bedömningen för helåret."
    )

    def __init__(self, today=None, parent: QWidget | None = None):
        super().__init__(today, parent)
        self.goals: list[fm.Forbundsmal] = []
        layout = self.page_layout()
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("År")
        layout.addLayout(filter_bar(("&År:", self.year_combo)))
        self.year_combo.currentIndexChanged.connect(lambda _i: self.reload())

        row = QHBoxLayout()
        row.setSpacing(16)
        layout.addLayout(row, 1)

        left = QVBoxLayout()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Förbundets mål")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((1, 140), (3, 110), (4, 110)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.horizontalHeaderItem(3).setToolTip("Prognosen vid delåret")
        self.table.horizontalHeaderItem(4).setToolTip("Bedömningen för helåret")
        self.table.currentCellChanged.connect(lambda *_a: self._show_form())
        left.addWidget(self.table, 1)
        self.summary = set_role(QLabel(), "muted")
        left.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.new_verksamhet = QPushButton("Nytt &verksamhetsmål…")
        self.new_verksamhet.clicked.connect(lambda: self.new_goal(MalSlag.VERKSAMHET))
        self.new_finansiellt = QPushButton("Nytt &finansiellt mål…")
        self.new_finansiellt.clicked.connect(lambda: self.new_goal(MalSlag.FINANSIELLT))
        self.up_button = QPushButton("▲ Upp")
        self.up_button.setAccessibleName("Flytta målet upp")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton("▼ Ned")
        self.down_button.setAccessibleName("Flytta målet ned")
        self.down_button.clicked.connect(lambda: self._move(1))
        self.delete_button = QPushButton("Ta bort")
        self.delete_button.setAccessibleName("Ta bort målet")
        self.delete_button.clicked.connect(self._delete)
        for b in (self.new_verksamhet, self.new_finansiellt, self.up_button, self.down_button,
                  self.delete_button):  # fmt: skip
            buttons.addWidget(b)
        buttons.addStretch(1)
        left.addLayout(buttons)
        self.error = set_role(QLabel(), "fieldError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        left.addWidget(self.error)
        row.addLayout(left, 3)

        self.form_card, form_box = card("Målet")
        self.empty = empty_label("Välj ett mål i listan, eller lägg till ett.")
        form_box.addWidget(self.empty)
        self.form_widget = QWidget()
        form = QFormLayout(self.form_widget)
        form.setContentsMargins(0, 0, 0, 0)
        self.slag = ChoiceField("Slag", [(s.label, s) for s in MalSlag], self._store_slag)
        self.omrade = LineField("Område", store=self._store("omrade"),
                                placeholder="till exempel Individens självförsörjning")  # fmt: skip
        self.mal = TextField("Mål", self._store("mal"))
        self.matt = TextField("Mått", self._store("matt"), placeholder="Hur målet mäts.")
        self.uppfoljning = TextField(
            "Uppföljning", self._store("uppfoljning"), placeholder="Hur och när målet följs upp."
        )
        self.fran_ar = QSpinBox()
        self.fran_ar.setRange(2004, 2200)
        self.fran_ar.setAccessibleName("Gäller från år")
        self.fran_ar.editingFinished.connect(self._store_years)
        self.till_ar = LineField(
            "Gäller till år", parse_optional_year, self._store_till, placeholder="tills vidare"
        )
        for text, widget, height in (("&Slag:", self.slag, 0), ("&Område:", self.omrade, 0),
                                     ("&Mål:", self.mal, 60), ("Må&tt:", self.matt, 44),
                                     ("&Uppföljning:", self.uppfoljning, 44)):  # fmt: skip
            if height:
                widget.setFixedHeight(height)
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, with_error(widget)[0])
        years = QHBoxLayout()
        years.addWidget(self.fran_ar)
        till_label = QLabel("t.o.m.")
        till_label.setBuddy(self.till_ar)
        years.addWidget(till_label)
        years.addWidget(with_error(self.till_ar)[0], 1)
        years_label = QLabel("&Gäller från:")
        years_label.setBuddy(self.fran_ar)
        form.addRow(years_label, years)
        self.years_error = set_role(QLabel(), "fieldError")
        self.years_error.setVisible(False)
        form.addRow("", self.years_error)

        self.assessment_heading = set_role(QLabel(), "section")
        form.addRow(self.assessment_heading)
        self.prognos = ChoiceField("Prognos vid delåret", [], self._store_bedomning(Skede.DELAR))
        self.prognos_motivering = TextField(
            "Motivering till prognosen", self._store_motivering(Skede.DELAR)
        )
        self.bedomning = ChoiceField(
            "Bedömning för helåret", [], self._store_bedomning(Skede.HELAR)
        )
        self.bedomning_motivering = TextField(
            "Motivering till bedömningen", self._store_motivering(Skede.HELAR)
        )
        for text, widget in (("&Prognos (delår):", self.prognos),
                             ("Motivering:", self.prognos_motivering),
                             ("&Bedömning (helår):", self.bedomning),
                             ("Motivering:", self.bedomning_motivering)):  # fmt: skip
            if isinstance(widget, TextField):
                widget.setFixedHeight(52)
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, with_error(widget)[0])
        form_box.addWidget(self.form_widget)
        form_box.addStretch(1)
        self.form_card.setMaximumWidth(420)
        row.addWidget(self.form_card, 2)
        self._show_form()

    # -- reading ------------------------------------------------------------------------------

    def year(self) -> int:
        year = self.year_combo.currentData()
        return year if isinstance(year, int) else self.today().year

    def show_year(self, year: int) -> None:
        """Show the goals of ``year`` (from Översikt: a year without their bedömning)."""
        self.refresh_if_stale()
        index = self.year_combo.findData(year)
        if index >= 0:
            self.year_combo.setCurrentIndex(index)

    def current(self) -> fm.Forbundsmal | None:
        row = self.table.currentRow()
        return self.goals[row] if 0 <= row < len(self.goals) else None

    def refresh(self) -> None:
        if self.ff is None:
            self.goals = []
            self.table.setRowCount(0)
            self._show_form()
            return
        self._fill_years()
        wanted = self.current().id if self.current() else None
        year = self.year()
        self.goals = fm.forbundsmal(self.ff, year)
        words = {b: fm.bedomningsord(self.ff, b) for b in Bedomning}
        self.table.setRowCount(len(self.goals))
        for r, m in enumerate(self.goals):
            prognos, bedomning = m.bedomning(year, Skede.DELAR), m.bedomning(year, Skede.HELAR)
            cells = (SHORT[m.slag], m.omrade, m.mal,
                     words[prognos[0]] if prognos else "–",
                     words[bedomning[0]] if bedomning else "–")  # fmt: skip
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        without = sum(1 for m in self.goals if m.bedomning(year, Skede.HELAR) is None)
        text = f"{plural(len(self.goals), 'mål', 'mål')} gäller {year}"
        if self.goals and without:
            text += f", {without} utan bedömning för helåret"
        self.summary.setText(text + ".")
        choices = [("–", None), *[(words[b], b) for b in Bedomning]]
        self.prognos.set_choices(choices)
        self.bedomning.set_choices(choices)
        row = next((i for i, m in enumerate(self.goals) if m.id == wanted), 0 if self.goals else -1)
        if row >= 0:
            self.table.setCurrentCell(row, 2)
        self._show_form()

    def _fill_years(self) -> None:
        first, last = forbund.arets_spann(self.ff, self.today())
        years = year_choices(range(first, last + 1), [m.fran_ar for m in fm.forbundsmal(self.ff)])
        if [self.year_combo.itemData(i) for i in range(self.year_combo.count())] == years:
            return
        keep = self.year_combo.currentData() or self.today().year
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in years:
            self.year_combo.addItem(str(y), y)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(keep)))
        self.year_combo.blockSignals(False)

    def _show_form(self) -> None:
        m = self.current()
        shown = m is not None and self.ff is not None
        self.empty.setVisible(not shown)
        self.form_widget.setVisible(shown)
        writable = self.ff is not None and not self.ff.read_only
        for b in (self.new_verksamhet, self.new_finansiellt):
            b.setEnabled(writable)
        for b in (self.up_button, self.down_button, self.delete_button):
            b.setEnabled(shown and writable)
        if not shown:
            return
        assert m is not None
        year = self.year()
        self.slag.set_value(m.slag)
        self.omrade.set_value(m.omrade)
        self.mal.set_value(m.mal)
        self.matt.set_value(m.matt)
        self.uppfoljning.set_value(m.uppfoljning)
        self.fran_ar.blockSignals(True)
        self.fran_ar.setValue(m.fran_ar)
        self.fran_ar.blockSignals(False)
        self.till_ar.set_value("" if m.till_ar is None else str(m.till_ar))
        self.assessment_heading.setText(f"Bedömning {year}")
        for skede, choice, motivering in (
            (Skede.DELAR, self.prognos, self.prognos_motivering),
            (Skede.HELAR, self.bedomning, self.bedomning_motivering),
        ):
            found = m.bedomning(year, skede)
            choice.set_value(found[0] if found else None)
            motivering.set_value(found[1] if found else "")
            motivering.setEnabled(found is not None)

    # -- writing ------------------------------------------------------------------------------

    def _store(self, column: str):
        def store(text: str) -> None:
            m = self.current()
            if m is not None and self.ff is not None:
                fm.andra_text(self.ff, m.id, column, text)

        return store

    def _store_slag(self, slag: MalSlag) -> None:
        m = self.current()
        if m is not None and self.ff is not None:
            fm.andra_slag(self.ff, m.id, slag)

    def _store_years(self) -> None:
        m = self.current()
        if m is None or self.ff is None or self.fran_ar.value() == m.fran_ar:
            return
        ff, fran = self.ff, self.fran_ar.value()
        attempt(self.fran_ar, None, lambda: fm.andra_ar(ff, m.id, fran, m.till_ar))
        self._say(self.fran_ar.toolTip())

    def _store_till(self, till: int | None) -> None:
        m = self.current()
        if m is not None and self.ff is not None:
            fm.andra_ar(self.ff, m.id, m.fran_ar, till)

    def _store_bedomning(self, skede: Skede):
        def store(bedomning: Bedomning | None) -> None:
            m = self.current()
            if m is None or self.ff is None:
                return
            found = m.bedomning(self.year(), skede)
            motivering = found[1] if found else ""
            fm.satt_bedomning(self.ff, m.id, self.year(), skede, bedomning, motivering)

        return store

    def _store_motivering(self, skede: Skede):
        def store(text: str) -> None:
            m = self.current()
            if m is None or self.ff is None:
                return
            found = m.bedomning(self.year(), skede)
            if found is None:
                raise Refusal("Välj först en bedömning; motiveringen hör till den.")
            fm.satt_bedomning(self.ff, m.id, self.year(), skede, found[0], text)

        return store

    def new_goal(self, slag: MalSlag, text: str | None = None) -> int | None:
        """A new goal of ``slag`` applying from the year shown; asks for its text."""
        if self.ff is None or self.ff.read_only:
            return None
        if text is None:
            title = "Nytt verksamhetsmål" if slag is MalSlag.VERKSAMHET else "Nytt finansiellt mål"
            text, ok = QInputDialog.getText(self, title, "Målet:")
            if not ok:
                return None
        try:
            mal_id = fm.nytt_mal(self.ff, slag, text, self.year())
        except Refusal as exc:
            self._say(str(exc))
            return None
        self._say("")
        self.select(mal_id)
        self.mal.setFocus()
        return mal_id

    def select(self, mal_id: int) -> bool:
        self.reload()
        row = next((i for i, m in enumerate(self.goals) if m.id == mal_id), -1)
        if row >= 0:
            self.table.setCurrentCell(row, 2)
        return row >= 0

    def _move(self, steg: int) -> None:
        m = self.current()
        if m is not None and self.ff is not None:
            fm.flytta(self.ff, m.id, steg)
            self.select(m.id)

    def _delete(self) -> None:
        m = self.current()
        if m is not None and self.ff is not None:
            fm.ta_bort(self.ff, m.id)  # one Ctrl+Z brings it back, bedömningar and all

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
