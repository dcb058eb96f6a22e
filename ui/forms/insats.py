"""The insats form: every field of an insats, its money per year, goals and follow-up.

Each field is stored when it is left (see :mod:`ui.forms.fields`); the Redigera menu can undo
each one. Free-text fields carry a visible reminder that no personal data about participants
belongs there.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import insatser
from finsam_desktop.errors import Refusal
from finsam_desktop.forbund import Medlem, medlemmar
from finsam_desktop.insatser import Insats, InsatsAr, Mal, Uppfoljning
from finsam_desktop.model import Bedomning, InsatsStatus, InsatsTyp
from finsam_desktop.storage import ForbundFile

from ..models.editable import Column, EditableTableModel
from ..pages.base import tab_body
from ..style import set_role
from .date_field import PLACEHOLDER, DateField
from .fields import (
    ChoiceField,
    ErrorLabel,
    LineField,
    TextField,
    attempt,
    parse_count,
    parse_optional_amount,
    show_amount,
    with_error,
)

PRIVACY = (
    "Skriv aldrig personuppgifter om deltagare här: inga namn, personnummer eller "
    "anteckningar om enskilda. Uppföljningen är bara antal."
)
OPEN_END = "löpande"
#: The label (with its Alt key), height and placeholder of a free-text field's box; a field not
#: named here shows its header and a box of three lines.
TEXT_LOOK = {
    "syfte": ("S&yfte:", 70, "Vad insatsen ska åstadkomma."),
    "malgrupp": ("&Målgrupp:", 60, "Vilka insatsen vänder sig till."),
    "beskrivning": ("Beskr&ivning:", 110, "Hur insatsen arbetar."),
}


def first_year(ins: Insats) -> int | None:
    first = ins.start or ins.ansokan_datum
    return first.year if first is not None else None


def free_year(ins: Insats, taken: set[int], this_year: int) -> int:
    """The year "Lägg till år" proposes: the first of the insats's period without a row
    (the period's last when every year has one); this year when the insats has no period."""
    year = first_year(ins)
    if year is None:
        year = this_year
    last = ins.slut.year if ins.slut else None
    while year in taken and (last is None or year < last):
        year += 1
    return year


def year_inside(ins: Insats, this_year: int) -> int:
    """This year, or the year of the insats's period nearest it."""
    first = first_year(ins)
    year = this_year if first is None else max(this_year, first)
    if ins.slut is not None:
        year = min(year, max(ins.slut.year, first or ins.slut.year))
    return year


def _count(n: int | None) -> str:
    return "" if n is None else str(n)


def table(name: str, model) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return view


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


class InsatsForm(QWidget):
    """Shows and edits one insats; ``back`` asks to return to the list."""

    back = Signal()

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("insatsForm")
        self.today = today
        self.ff: ForbundFile | None = None
        self.insats: Insats | None = None
        self.members: list[Medlem] = []
        self.part_boxes: dict[int, QCheckBox] = {}
        #: The period the years to add and judge were last chosen for.
        self._period: tuple | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.back_button = QPushButton("← Alla insatser")
        self.back_button.setAccessibleName("Tillbaka till alla insatser")
        self.back_button.setToolTip("Tillbaka till listan (Alt+Vänsterpil)")
        set_role(self.back_button, "back")
        self.back_button.clicked.connect(self.back)
        QShortcut(QKeySequence("Alt+Left"), self, self.back.emit)
        self.heading = set_role(QLabel(), "section")
        self.heading.setAccessibleName("Insatsens namn")
        self.delete_button = QPushButton("Ta bort insatsen")
        self.delete_button.setAccessibleName("Ta bort insatsen")
        top.addWidget(self.back_button)
        top.addSpacing(12)
        top.addWidget(self.heading, 1)
        top.addWidget(self.delete_button)
        outer.addLayout(top)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Insatsens delar")
        self.tabs.addTab(self._build_details(), "&Uppgifter")
        self.tabs.addTab(self._build_money(), "&Pengar per år")
        self.tabs.addTab(self._build_goals(), "&Mål")
        self.tabs.addTab(self._build_followup(), "U&ppföljning")
        outer.addWidget(self.tabs, 1)

    # -- building ------------------------------------------------------------------------------

    def _field(self, column: str) -> Callable:
        def store(value) -> None:
            assert self.ff is not None and self.insats is not None
            insatser.andra(self.ff, self.insats.id, column, value)

        return store

    def _date_field(self, name: str, column: str, placeholder: str = PLACEHOLDER) -> DateField:
        return DateField(
            name, self._field(column), optional=True, placeholder=placeholder, today=self.today
        )

    def _build_details(self) -> QWidget:
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(4, 12, 12, 12)
        grid.setHorizontalSpacing(24)
        left = QFormLayout()
        right = QFormLayout()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setHorizontalSpacing(8)  # the longest labels touched their fields
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        self.namn = LineField("Namn", store=self._field("namn"))
        self._row(left, "&Namn:", self.namn)
        self.typ = ChoiceField("Typ", [(t.label, t) for t in InsatsTyp], store=self._field("typ"))
        self._row(left, "&Typ:", self.typ)
        self.agare = ChoiceField("Verksamhetsägare", [], store=self._store_agare)
        self._row(left, "&Verksamhetsägare:", self.agare)
        self.parts_box = QWidget()
        self.parts_box.setAccessibleName("Medparter")
        self.parts_layout = QVBoxLayout(self.parts_box)
        self.parts_layout.setContentsMargins(0, 0, 0, 0)
        self.parts_layout.setSpacing(2)
        left.addRow(QLabel("Medparter:"), self.parts_box)
        self.parts_warning = set_role(QLabel(), "warningBox")
        self.parts_warning.setWordWrap(True)
        self.parts_warning.setAccessibleName("Varning om parter")
        left.addRow(self.parts_warning)

        self.status = ChoiceField(
            "Status", [(s.label, s) for s in InsatsStatus], store=self._field("status")
        )
        self._row(right, "&Status:", self.status)
        self.ansokan_datum = self._date_field("Ansökan inkommen", "ansokan_datum")
        self._row(right, "Ansökan &inkommen:", self.ansokan_datum)
        self.ansokt = LineField(
            "Ansökt belopp", parse_optional_amount, self._field("ansokt_ore"),
            placeholder="kr", numeric=True,
        )  # fmt: skip
        self._row(right, "Ansökt &belopp (kr):", self.ansokt)
        self.beslut_datum = self._date_field("Beslutsdatum", "beslut_datum")
        self._row(right, "Beslut&sdatum:", self.beslut_datum)
        self.beslut_paragraf = LineField(
            "Beslutsparagraf", store=self._field("beslut_paragraf"), placeholder="§ 12"
        )
        self._row(right, "Beslut &§:", self.beslut_paragraf)
        self.start = self._date_field("Start", "start")
        self._row(right, "St&art:", self.start)
        self.slut = self._date_field("Slut", "slut", placeholder="tomt = t.o.m. löpande")
        self._row(right, "Sl&ut:", self.slut)

        texts = QFormLayout()
        texts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        texts.setHorizontalSpacing(8)
        privacy = set_role(QLabel("⚠ " + PRIVACY), "privacy")
        privacy.setWordWrap(True)
        privacy.setAccessibleName("Påminnelse om personuppgifter")
        texts.addRow(privacy)
        # The reminder stands once, above the texts; each field says what it is for.
        #: A text box per declared free-text field (insatser.FRITEXT), by field name.
        self.texts: dict[str, TextField] = {}
        for f in insatser.FRITEXT:
            label, height, placeholder = TEXT_LOOK.get(f.name, (f"{f.header}:", 60, ""))
            widget = TextField(f.header, self._field(f.name), placeholder=placeholder)
            widget.setMinimumHeight(height)
            widget.setMaximumHeight(int(height * 1.6))
            self._row(texts, label, widget)
            self.texts[f.name] = widget
        grid.addLayout(texts, 1, 0, 1, 2)
        grid.setRowStretch(2, 1)
        return scrolled(body)

    def _row(self, form: QFormLayout, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        box, _error = with_error(widget)
        form.addRow(label, box)

    def _build_money(self) -> QWidget:
        body, layout = tab_body(
            "Belopp i kronor per år. Ej förbrukat räknas ut (beviljat − förbrukat). "
            "Planerat gäller planåren. Dubbelklicka eller börja skriva i en ruta för att ändra.",
            top=12,
        )

        def amount(column: str) -> Callable[[InsatsAr, str], None]:
            def store(record: InsatsAr, text: str) -> None:
                assert self.ff is not None and self.insats is not None
                ore = parse_optional_amount(text)
                insatser.satt_belopp(self.ff, self.insats.id, record.ar, column, ore)

            return store

        self.money_model: EditableTableModel[InsatsAr] = EditableTableModel(
            [
                Column("År", lambda r: str(r.ar), lambda r: r.ar),
                Column("Beviljat", lambda r: show_amount(r.beviljat_ore), lambda r: r.beviljat_ore,
                       amount("beviljat_ore"), numeric=True),
                Column("Förbrukat", lambda r: show_amount(r.forbrukat_ore),
                       lambda r: r.forbrukat_ore, amount("forbrukat_ore"), numeric=True),
                Column("Ej förbrukat", lambda r: show_amount(r.ej_forbrukat_ore),
                       lambda r: r.ej_forbrukat_ore, numeric=True,
                       tooltip="Beviljat minus förbrukat; räknas ut."),
                Column("Planerat", lambda r: show_amount(r.planerat_ore),
                       lambda r: r.planerat_ore, amount("planerat_ore"), numeric=True),
                Column("Flyttat till nästa år", lambda r: show_amount(r.flyttat_ore),
                       lambda r: r.flyttat_ore, amount("flyttat_ore"), numeric=True),
            ],
            key=lambda r: r.ar,
            parent=self,
        )  # fmt: skip
        self.money_table = table("Pengar per år", self.money_model)
        layout.addWidget(self.money_table, 1)
        self.money_error = ErrorLabel()
        self.money_model.refused.connect(self.money_error.show_error)
        self.money_model.accepted.connect(lambda: self.money_error.show_error(""))
        layout.addWidget(self.money_error)
        row = QHBoxLayout()
        self.money_year = QSpinBox()
        self.money_year.setRange(2004, 2200)
        self.money_year.setAccessibleName("År att lägga till")
        add = QPushButton("&Lägg till år")
        add.clicked.connect(self._add_money_year)
        remove = QPushButton("Ta &bort valt år")
        remove.clicked.connect(self._remove_money_year)
        label = QLabel("År:")
        label.setBuddy(self.money_year)
        row.addWidget(label)
        row.addWidget(self.money_year)
        row.addWidget(add)
        row.addStretch(1)
        row.addWidget(remove)
        layout.addLayout(row)
        return body

    def _build_goals(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 12, 4, 4)

        def text(column: str) -> Callable[[Mal, str], None]:
            def store(record: Mal, value: str) -> None:
                assert self.ff is not None
                insatser.andra_mal(self.ff, record.id, column, value)

            return store

        self.goal_model: EditableTableModel[Mal] = EditableTableModel(
            [
                Column("Mål", lambda m: m.mal, store=text("mal")),
                Column("Indikator", lambda m: m.indikator, store=text("indikator")),
                Column("Uppföljningsmetod", lambda m: m.metod, store=text("metod")),
                Column("Bedömning", self._goal_judgement),
            ],
            key=lambda m: m.id,
            parent=self,
        )
        self.goal_table = table("Mål", self.goal_model)
        layout.addWidget(self.goal_table, 1)
        self.goal_error = ErrorLabel()
        self.goal_model.refused.connect(self.goal_error.show_error)
        self.goal_model.accepted.connect(lambda: self.goal_error.show_error(""))
        layout.addWidget(self.goal_error)
        row = QHBoxLayout()
        self.new_goal = QLineEdit()
        self.new_goal.setAccessibleName("Nytt mål")
        self.new_goal.setPlaceholderText("Skriv ett nytt mål och tryck Retur")
        self.new_goal.returnPressed.connect(self._add_goal)
        add = QPushButton("Lägg till &mål")
        add.clicked.connect(self._add_goal)
        remove = QPushButton("Ta bort valt mål")
        remove.clicked.connect(self._remove_goal)
        row.addWidget(self.new_goal, 1)
        row.addWidget(add)
        row.addWidget(remove)
        layout.addLayout(row)
        self.new_goal_error = ErrorLabel()
        layout.addWidget(self.new_goal_error)

        judge = QFrame()
        judge.setProperty("card", True)
        form = QFormLayout(judge)
        self.judge_title = set_role(QLabel("Årets bedömning av det valda målet"), "section")
        form.addRow(self.judge_title)
        self.judge_year = QSpinBox()
        self.judge_year.setRange(2004, 2200)
        self.judge_year.setAccessibleName("Bedömningens år")
        self.judge_year.valueChanged.connect(self._show_judgement)
        self._row(form, "Å&r:", self.judge_year)
        choices = [("Ingen bedömning", None), *[(b.label, b) for b in Bedomning]]
        self.bedomning = ChoiceField("Bedömning", choices, store=self._store_judgement)
        self._row(form, "&Bedömning:", self.bedomning)
        self.motivering = TextField(
            "Motivering", lambda text: self._store_judgement(self.bedomning.value(), text),
            placeholder="Varför målet bedöms så. " + PRIVACY,
        )  # fmt: skip
        self.motivering.setMaximumHeight(80)
        self._row(form, "M&otivering:", self.motivering)
        layout.addWidget(judge)
        self.goal_table.selectionModel().currentRowChanged.connect(self._show_judgement)
        return body

    def _build_followup(self) -> QWidget:
        body, layout = tab_body(
            "Aggregerad uppföljning per år: bara antal, aldrig vem. Nya deltagare räknas "
            "efter juridiskt kön.",
            top=12,
            role="privacy",
        )

        def count(column: str) -> Callable[[Uppfoljning, str], None]:
            def store(record: Uppfoljning, text: str) -> None:
                assert self.ff is not None and self.insats is not None
                insatser.satt_uppfoljning(
                    self.ff, self.insats.id, record.ar, column, parse_count(text)
                )

            return store

        self.follow_model: EditableTableModel[Uppfoljning] = EditableTableModel(
            [
                Column("År", lambda u: str(u.ar), lambda u: u.ar),
                Column("Nya, kvinnor", lambda u: _count(u.nya_kvinnor), lambda u: u.nya_kvinnor,
                       count("nya_kvinnor"), numeric=True),
                Column("Nya, män", lambda u: _count(u.nya_man), lambda u: u.nya_man,
                       count("nya_man"), numeric=True),
                Column("Nya totalt", lambda u: _count(u.nya), lambda u: u.nya, numeric=True,
                       tooltip="Kvinnor plus män; räknas ut."),
                Column("Avslutade", lambda u: _count(u.avslutade), lambda u: u.avslutade,
                       count("avslutade"), numeric=True),
                Column("Aktiva", lambda u: _count(u.aktiva), lambda u: u.aktiva,
                       count("aktiva"), numeric=True),
            ],
            key=lambda u: u.ar,
            parent=self,
        )  # fmt: skip
        self.follow_table = table("Uppföljning per år", self.follow_model)
        layout.addWidget(self.follow_table, 1)
        self.follow_error = ErrorLabel()
        self.follow_model.refused.connect(self.follow_error.show_error)
        self.follow_model.accepted.connect(lambda: self.follow_error.show_error(""))
        layout.addWidget(self.follow_error)
        row = QHBoxLayout()
        self.follow_year = QSpinBox()
        self.follow_year.setRange(2004, 2200)
        self.follow_year.setAccessibleName("År för uppföljning")
        add = QPushButton("Lägg till år")
        add.clicked.connect(self._add_follow_year)
        label = QLabel("År:")
        label.setBuddy(self.follow_year)
        row.addWidget(label)
        row.addWidget(self.follow_year)
        row.addWidget(add)
        row.addStretch(1)
        layout.addLayout(row)
        return body

    # -- showing -----------------------------------------------------------------------------

    def show_insats(self, ff: ForbundFile, insats_id: int) -> bool:
        """Show the insats ``insats_id`` (False if it no longer exists)."""
        self.ff = ff
        ins = insatser.hamta(ff, insats_id)
        if ins is None:
            self.insats = None
            return False
        if self.insats is None or self.insats.id != insats_id:
            self._period = None  # another insats: its own years
        self.insats = ins
        self.refresh()
        return True

    def refresh(self) -> None:
        if self.ff is None or self.insats is None:
            return
        ins = insatser.hamta(self.ff, self.insats.id)
        if ins is None:
            self.back.emit()
            return
        self.insats = ins
        self.heading.setText(ins.namn)
        self.members = medlemmar(self.ff)
        self.namn.set_value(ins.namn)
        self.typ.set_value(ins.typ)
        self.agare.set_choices([("– ingen vald –", None), *[(m.namn, m.id) for m in self.members]])
        self.agare.set_value(ins.agare_id)
        self._show_parts()
        self.status.set_value(ins.status)
        self.ansokan_datum.set_date(ins.ansokan_datum)
        self.ansokt.set_value(show_amount(ins.ansokt_ore))
        self.beslut_datum.set_date(ins.beslut_datum)
        self.beslut_paragraf.set_value(ins.beslut_paragraf)
        self.start.set_date(ins.start)
        self.slut.set_date(ins.slut)
        self.slut.setToolTip("" if ins.slut else "Inget slutdatum: t.o.m. löpande.")
        for name, widget in self.texts.items():
            widget.set_value(getattr(ins, name))
        self.money_model.set_records(insatser.ar_belopp(self.ff, ins.id))
        self.goals = insatser.mal(self.ff, ins.id)
        self.goal_model.set_records(self.goals)
        if self.goal_model.rowCount() and not self.goal_table.currentIndex().isValid():
            self.goal_table.setCurrentIndex(self.goal_model.index(0, 0))
        self._show_judgement()
        self.follow_model.set_records(insatser.uppfoljning(self.ff, ins.id))
        period = (ins.start, ins.slut, ins.ansokan_datum)
        if period != self._period:
            self._period = period
            self._propose_years()

    def _propose_years(self) -> None:
        """Years inside the insats's own period, not today's: a 2023 insats adds money for
        2023, follows up 2023 and judges its goals for 2023."""
        assert self.insats is not None
        ins, this_year = self.insats, self.today().year
        money = {r.ar for r in self.money_model.records()}
        followed = {u.ar for u in self.follow_model.records()}
        self.money_year.setValue(free_year(ins, money, this_year))
        self.follow_year.setValue(free_year(ins, followed, this_year))
        self.judge_year.setValue(year_inside(ins, this_year))

    def _show_parts(self) -> None:
        assert self.insats is not None
        ids = [m.id for m in self.members]
        if list(self.part_boxes) != ids:
            for box in self.part_boxes.values():
                box.setParent(None)
                box.deleteLater()
            self.part_boxes = {}
            for m in self.members:
                box = QCheckBox(m.namn)
                box.setAccessibleName(f"Medpart {m.namn}")
                box.clicked.connect(self._store_parts)
                self.parts_layout.addWidget(box)
                self.part_boxes[m.id] = box
            # Tab goes through the medparter where they stand: after the ägare, before status
            chain = [self.agare, *self.part_boxes.values(), self.status]
            for first, second in itertools.pairwise(chain):
                QWidget.setTabOrder(first, second)
        for medlem_id, box in self.part_boxes.items():
            is_owner = medlem_id == self.insats.agare_id
            box.setChecked(is_owner or medlem_id in self.insats.medparter)
            box.setEnabled(not is_owner)
            box.setToolTip("Verksamhetsägare" if is_owner else "")
        warning = insatser.parter_varning(self.insats.agare_id, self.insats.medparter)
        self.parts_warning.setText("⚠ " + warning if warning else "")
        self.parts_warning.setVisible(bool(warning))

    def _goal_judgement(self, m: Mal) -> str:
        year = self.judge_year.value() if hasattr(self, "judge_year") else self.today().year
        found = m.bedomningar.get(year)
        return f"{year}: {found[0].label}" if found else f"{year}: –"

    def selected_goal(self) -> Mal | None:
        index = self.goal_table.currentIndex()
        if not index.isValid():
            return None
        return self.goal_model.record(index.row())

    def _show_judgement(self, *args) -> None:
        goal = self.selected_goal()
        enabled = goal is not None
        self.bedomning.setEnabled(enabled)
        self.motivering.setEnabled(enabled)
        if goal is None:
            self.judge_title.setText("Årets bedömning: välj ett mål")
            self.bedomning.set_value(None)
            self.motivering.set_value("")
            return
        self.judge_title.setText(f"Bedömning av målet: {goal.mal}")
        found = goal.bedomningar.get(self.judge_year.value())
        self.bedomning.set_value(found[0] if found else None)
        self.motivering.set_value(found[1] if found else "")
        if self.goal_model.rowCount():
            last = self.goal_model.columnCount() - 1
            self.goal_model.dataChanged.emit(
                self.goal_model.index(0, last),
                self.goal_model.index(self.goal_model.rowCount() - 1, last),
            )

    # -- storing -----------------------------------------------------------------------------

    def _store_agare(self, value) -> None:
        assert self.ff is not None and self.insats is not None
        insatser.andra(self.ff, self.insats.id, "agare_id", value)

    def _store_parts(self) -> None:
        assert self.ff is not None and self.insats is not None
        wanted = [
            m for m, box in self.part_boxes.items() if box.isChecked() and m != self.insats.agare_id
        ]
        insatser.satt_parter(self.ff, self.insats.id, wanted)

    def _add_money_year(self) -> None:
        assert self.ff is not None and self.insats is not None
        ff, insats_id, year = self.ff, self.insats.id, self.money_year.value()
        if attempt(
            self.money_year, self.money_error, lambda: insatser.lagg_till_ar(ff, insats_id, year)
        ):
            row = self.money_model.row_of(year)
            if row >= 0:
                self.money_table.setCurrentIndex(self.money_model.index(row, 1))
                self.money_table.setFocus()
            taken = {r.ar for r in self.money_model.records()}
            self.money_year.setValue(free_year(self.insats, taken, self.today().year))

    def _remove_money_year(self) -> None:
        assert self.ff is not None and self.insats is not None
        index = self.money_table.currentIndex()
        if index.isValid():
            insatser.ta_bort_ar(self.ff, self.insats.id, self.money_model.record(index.row()).ar)

    def _add_goal(self) -> None:
        assert self.ff is not None and self.insats is not None
        ff, insats_id, text = self.ff, self.insats.id, self.new_goal.text()
        if attempt(
            self.new_goal, self.new_goal_error, lambda: insatser.nytt_mal(ff, insats_id, text)
        ):
            self.new_goal.clear()
            self.goal_table.setCurrentIndex(
                self.goal_model.index(self.goal_model.rowCount() - 1, 0)
            )

    def _remove_goal(self) -> None:
        goal = self.selected_goal()
        if goal is not None and self.ff is not None:
            insatser.ta_bort_mal(self.ff, goal.id)

    def _store_judgement(self, bedomning: Bedomning | None, motivering: str | None = None) -> None:
        goal = self.selected_goal()
        if goal is None or self.ff is None:
            return
        if motivering is None:
            motivering = self.motivering.toPlainText()
        if bedomning is None and motivering.strip():
            raise Refusal("Välj först en bedömning: Målet uppnått, Till viss del eller Ej uppnått.")
        insatser.satt_bedomning(self.ff, goal.id, self.judge_year.value(), bedomning, motivering)

    def _add_follow_year(self) -> None:
        assert self.ff is not None and self.insats is not None
        ff, insats_id, year = self.ff, self.insats.id, self.follow_year.value()
        if any(u.ar == year for u in self.follow_model.records()):
            return
        if attempt(
            self.follow_year,
            self.follow_error,
            lambda: insatser.satt_uppfoljning(ff, insats_id, year, "aktiva", None),
        ):
            taken = {u.ar for u in self.follow_model.records()}
            self.follow_year.setValue(free_year(self.insats, taken, self.today().year))
