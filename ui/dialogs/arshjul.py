"""The årshjul page's dialogs: an entry or rule (EntryDialog), moving one occurrence
(MoveDialog), and the list of the förbund's rules (RulesDialog)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import arshjul
from finsam_desktop.arshjul import Handelse, Kalla, Regel
from finsam_desktop.arshjul.hjul import DEFAULT_KEYS, HELGDAG_FARG
from finsam_desktop.arshjul.regler import MONTHS, ORDINALS, WEEKDAYS
from finsam_desktop.dates import iso_week
from finsam_desktop.errors import Refusal
from finsam_desktop.model import Ring, Upprepning
from finsam_desktop.storage import StorageError

from ..forms.date_field import DateField
from ..forms.fields import choice_combo, ok_cancel_buttons
from ..style import MUTED

if TYPE_CHECKING:
    from ..pages.arshjul import ArshjulPage

#: The rule a row of RulesDialog's tree is.
RULE_ROLE = Qt.ItemDataRole.UserRole + 1
#: The nyckel of the rule a row of RulesDialog's trees is.
KEY_ROLE = Qt.ItemDataRole.UserRole + 2


def _date_edit(day: dt.date) -> DateField:
    return DateField("Datum", day=day)


def _error_label() -> QLabel:
    label = QLabel("")
    label.setStyleSheet(f"color: {HELGDAG_FARG};")
    return label


def _lay_out(
    dialog: QDialog,
    form: QFormLayout,
    ok_text: str,
    ok: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok,
) -> None:
    """The form, the dialog's ``error`` line and its buttons: ``ok_text`` runs ``save``."""
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(dialog.error)  # type: ignore[attr-defined]
    layout.addWidget(ok_cancel_buttons(dialog, ok_text, dialog.save, ok))  # type: ignore[attr-defined]


# -- dialogs ------------------------------------------------------------------------------------

#: Recurrence choices of an entry: own entries ("En gång", "Varje år") or a rule kind.
RECURRENCES = [
    ("En gång", "ingen"),
    ("Varje år, samma datum", "arligen"),
    ("Veckodag i en månad (t.ex. andra tisdagen i mars)", "veckodag"),
    ("Veckodag i en viss vecka (t.ex. vecka 8)", "vecka"),
    ("Hela månaden, varje år", "manad"),
]


class EntryDialog(QDialog):
    """Add or change an own entry or a rule: title, ring, when and how it recurs.

    ``post`` edits an own entry (once or every year); ``regel`` edits a rule (its kind fixed
    to a rule kind); neither adds a new entry, which becomes a rule when it recurs by weekday
    or week. Saving stores at once (one undoable action); refusals are shown in the dialog.
    """

    saved = Signal()

    def __init__(
        self,
        page: ArshjulPage,
        *,
        post: arshjul.ArshjulPost | None = None,
        regel: Regel | None = None,
        day: dt.date | None = None,
    ):
        super().__init__(page)
        self.page, self.post, self.regel = page, post, regel
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(
            "Ändra regel" if regel else "Ändra post" if post else "Ny post i årshjulet"
        )
        day = day or page.today()
        form = QFormLayout()
        self.rubrik = QLineEdit(post.rubrik if post else regel.rubrik if regel else "")
        self.rubrik.setAccessibleName("Rubrik")
        form.addRow("&Rubrik:", self.rubrik)
        ring = post.ring if post else regel.ring if regel else Ring.EGNA
        self.ring = choice_combo([(r.label, r) for r in Ring], ring)
        form.addRow("R&ing:", self.ring)
        if post:
            choices = RECURRENCES[:2]
            kind = post.upprepning.value
        elif regel:
            choices = [("Samma datum varje år", "datum"), *RECURRENCES[2:]]
            kind = regel.typ
        else:
            choices = RECURRENCES
            kind = "ingen"
        self.kind = choice_combo(list(choices), kind)
        form.addRow("&Upprepning:", self.kind)

        start = post.datum if post else day
        end = post.slut if post else None
        self.datum = _date_edit(start)
        form.addRow("&Datum:", self.datum)
        self.has_end = QCheckBox("Flera dagar, till och med")
        self.slut = _date_edit(end or start)
        self.has_end.setChecked(end is not None)
        row = QHBoxLayout()
        row.addWidget(self.has_end)
        row.addWidget(self.slut, 1)
        self.end_row = QWidget()
        self.end_row.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        form.addRow("", self.end_row)

        r = regel
        self.manad = choice_combo([(m.capitalize(), i) for i, m in enumerate(MONTHS, 1)],
                            (r.manad if r and r.manad else day.month))  # fmt: skip
        form.addRow("&Månad:", self.manad)
        self.dag = QSpinBox()
        self.dag.setRange(1, 31)
        self.dag.setValue(r.dag if r and r.dag else day.day)
        form.addRow("Da&g i månaden:", self.dag)
        self.nummer = choice_combo([(t, n) for n, t in ORDINALS.items()], r.nummer if r else 1)
        form.addRow("&Vilken:", self.nummer)
        self.veckodag = choice_combo([(w, i) for i, w in enumerate(WEEKDAYS, 1)],
                               r.veckodag if r and r.veckodag else day.isoweekday())  # fmt: skip
        form.addRow("Vec&kodag:", self.veckodag)
        self.vecka = QSpinBox()
        self.vecka.setRange(1, 53)
        self.vecka.setValue(r.vecka if r and r.vecka else iso_week(day))
        form.addRow("V&ecka:", self.vecka)
        self.dagar = QSpinBox()
        self.dagar.setRange(1, 366)
        self.dagar.setValue(r.dagar if r else 1)
        self.dagar.valueChanged.connect(
            lambda n: self.dagar.setSuffix(" dag" if n == 1 else " dagar")
        )
        self.dagar.setSuffix(" dag" if self.dagar.value() == 1 else " dagar")
        form.addRow("&Längd:", self.dagar)
        self.intervall = QSpinBox()
        self.intervall.setRange(1, 20)
        self.intervall.setValue(r.intervall if r else 1)
        self.intervall.setPrefix("vart ")
        self.intervall.setSuffix(":e år")
        self.intervall.setSpecialValueText("varje år")
        self.bas_ar = QSpinBox()
        self.bas_ar.setRange(1900, 2200)
        self.bas_ar.setValue(r.bas_ar if r and r.bas_ar else day.year)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.intervall)
        self.bas_label = QLabel("till exempel")
        row.addWidget(self.bas_label)
        row.addWidget(self.bas_ar)
        self.interval_row = QWidget()
        self.interval_row.setLayout(row)
        form.addRow("Hur &ofta:", self.interval_row)
        self.senast = QCheckBox("En sista dag (flaggas om den infaller på en helgdag eller helg)")
        self.senast.setChecked(bool(r and r.senast))
        form.addRow("", self.senast)
        self.aktiv = QCheckBox("Regeln gäller (visas i årshjulet)")
        self.aktiv.setChecked(r.aktiv if r else True)
        form.addRow("", self.aktiv)
        self.beskrivning = QPlainTextEdit(post.beskrivning if post else r.beskrivning if r else "")
        self.beskrivning.setTabChangesFocus(True)
        self.beskrivning.setFixedHeight(70)
        form.addRow("&Beskrivning:", self.beskrivning)
        self.error = _error_label()
        self.error.setWordWrap(True)
        _lay_out(self, form, "&Spara", QDialogButtonBox.StandardButton.Save)
        self.form = form
        self.kind.currentIndexChanged.connect(self._show_fields)
        self.intervall.valueChanged.connect(self._interval_changed)
        self._interval_changed(self.intervall.value())
        self.has_end.toggled.connect(self.slut.setEnabled)
        self.slut.setEnabled(self.has_end.isChecked())
        self._show_fields()

    def _interval_changed(self, value: int) -> None:
        self.bas_ar.setEnabled(value > 1)
        self.bas_label.setEnabled(value > 1)

    def _show_fields(self) -> None:
        kind = self.kind.currentData()
        own = kind in ("ingen", "arligen")
        visible = {
            self.datum: own,
            self.end_row: own,
            self.manad: kind in ("datum", "veckodag", "manad"),
            self.dag: kind == "datum",
            self.nummer: kind == "veckodag",
            self.veckodag: kind in ("veckodag", "vecka"),
            self.vecka: kind == "vecka",
            self.dagar: kind in ("datum", "veckodag", "vecka"),
            self.interval_row: not own,
            self.senast: not own,
            self.aktiv: self.regel is not None,
        }
        for widget, show in visible.items():
            self.form.setRowVisible(widget, show)
        self.adjustSize()

    def rule(self) -> Regel:
        """The rule the fields describe (for rule kinds)."""
        kind = self.kind.currentData()
        base = self.regel or Regel(None, "", Ring.EGNA, "", kind)
        intervall = self.intervall.value()
        return base.with_(
            ring=Ring(self.ring.currentData()),
            rubrik=self.rubrik.text().strip(),
            typ=kind,
            manad=self.manad.currentData() if kind in ("datum", "veckodag", "manad") else None,
            dag=self.dag.value() if kind == "datum" else None,
            nummer=self.nummer.currentData() if kind == "veckodag" else None,
            veckodag=self.veckodag.currentData() if kind in ("veckodag", "vecka") else None,
            vecka=self.vecka.value() if kind == "vecka" else None,
            dagar=self.dagar.value() if kind != "manad" else 1,
            intervall=intervall,
            bas_ar=self.bas_ar.value() if intervall > 1 else None,
            senast=self.senast.isChecked(),
            aktiv=self.aktiv.isChecked(),
            beskrivning=self.beskrivning.toPlainText().strip(),
        )

    def save(self) -> None:
        ff = self.page.ff
        if ff is None:
            return
        kind = self.kind.currentData()
        try:
            if kind in ("ingen", "arligen"):
                start = self.datum.value()
                arshjul.save_post(
                    ff,
                    self.post.id if self.post else None,
                    ring=Ring(self.ring.currentData()),
                    rubrik=self.rubrik.text(),
                    datum=start,
                    slut=self.slut.value() if self.has_end.isChecked() else None,
                    upprepning=Upprepning(kind),
                    beskrivning=self.beskrivning.toPlainText(),
                )
            else:
                arshjul.save_rule(ff, self.rule())
        except Refusal as exc:  # ArshjulError, or a date that does not exist
            self.error.setText(str(exc))
            return
        except StorageError as exc:
            self.error.setText(exc.message)
            return
        self.saved.emit()
        self.accept()


class MoveDialog(QDialog):
    """Move one entry: a rule's entry for its year only, an own entry as a whole."""

    def __init__(self, page: ArshjulPage, entry: Handelse):
        super().__init__(page)
        self.page, self.entry = page, entry
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(f"Flytta {entry.rubrik}")
        form = QFormLayout()
        if entry.kalla is Kalla.REGEL:
            note = f"Flyttas bara {entry.ar}; regeln ({entry.regel}) gäller andra år."
        elif entry.arlig:
            note = "Posten återkommer varje år; den flyttas alla år."
        else:
            note = ""
        if note:
            form.addRow(QLabel(note))
        self.datum = _date_edit(entry.datum)
        form.addRow("&Från:", self.datum)
        self.slut = _date_edit(entry.sista)
        form.addRow("&Till och med:", self.slut)
        self.error = _error_label()
        _lay_out(self, form, "&Flytta")

    def save(self) -> None:
        try:
            start, end = self.datum.value(), self.slut.value()
            arshjul.move(self.page.ff, self.entry, start, end if end != start else None)
        except Refusal as exc:  # ArshjulError, or a date that does not exist
            self.error.setText(str(exc))
            return
        self.accept()


class RulesDialog(QDialog):
    """Every rule of the förbund, active or not; a double click edits one.

    Below the date rules, the rules that follow from meetings and insatser (a beredning
    before each styrelsemöte …). Any rule is switched off or on again with one button, one
    undoable action each.
    """

    def __init__(self, page: ArshjulPage):
        super().__init__(page)
        self.page = page
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle("Årshjulets regler")
        self.resize(940, 500)
        self.tree = QTreeWidget()
        self.tree.setObjectName("arshjulRules")
        self.tree.setAccessibleName("Årshjulets regler")
        self.tree.setHeaderLabels(["Rubrik", "När", "Ring", "Gäller", "Källa"])
        self.builtin = QTreeWidget()
        self.builtin.setObjectName("arshjulBuiltinRules")
        self.builtin.setAccessibleName("Regler som följer av möten och insatser")
        self.builtin.setHeaderLabels(["Rubrik", "När", "Ring", "Gäller"])
        for tree in (self.tree, self.builtin):
            tree.setRootIsDecorated(False)
            tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            tree.currentItemChanged.connect(self._selected)
        self.builtin.setMaximumHeight(110)
        self.tree.itemActivated.connect(lambda *_: self.edit())
        self.builtin.itemActivated.connect(lambda *_: self.toggle())
        self.toggle_button = QPushButton("Stäng &av")
        self.toggle_button.setToolTip("Stäng av eller slå på den valda regeln; Ångra tar tillbaka")
        self.toggle_button.clicked.connect(self.toggle)
        new = QPushButton("&Ny regel…")
        new.clicked.connect(self.new)
        edit = QPushButton("Ä&ndra…")
        edit.clicked.connect(self.edit)
        remove = QPushButton("&Ta bort")
        remove.clicked.connect(self.remove)
        close = QPushButton("Stäng")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        for b in (new, edit, remove, self.toggle_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Reglerna ger årshjulets återkommande datum. En ny fil har de förvalda; de är "
            "förbundets egna: ändra, stäng av eller lägg till."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.tree)
        layout.addWidget(QLabel("Regler som följer av möten och insatser:"))
        layout.addWidget(self.builtin)
        layout.addLayout(row)
        self.dialog: EntryDialog | None = None
        self.load()

    def load(self) -> None:
        current = self.current_key()
        self.tree.clear()
        self.builtin.clear()
        ff = self.page.ff
        if ff is None:
            return
        for r in arshjul.regler(ff):
            source = "Förvald" if r.nyckel in DEFAULT_KEYS else "Egen"
            item = QTreeWidgetItem(
                [r.rubrik, r.describe(), r.ring.label, "Ja" if r.aktiv else "Nej", source]
            )
            item.setData(0, RULE_ROLE, r)
            item.setData(0, KEY_ROLE, r.nyckel)
            if not r.aktiv:
                for c in range(5):
                    item.setForeground(c, QBrush(QColor(MUTED)))
            self.tree.addTopLevelItem(item)
        for b in arshjul.INBYGGDA.values():
            on = arshjul.inbyggd_pa(ff, b.nyckel)
            item = QTreeWidgetItem(
                [b.rubrik, arshjul.inbyggd_nar(ff, b.nyckel), b.ring.label, "Ja" if on else "Nej"]
            )
            item.setData(0, KEY_ROLE, b.nyckel)
            for c in range(4):
                item.setToolTip(c, b.beskrivning)
                if not on:
                    item.setForeground(c, QBrush(QColor(MUTED)))
            self.builtin.addTopLevelItem(item)
        for tree in (self.tree, self.builtin):
            for i in range(tree.topLevelItemCount()):
                if tree.topLevelItem(i).data(0, KEY_ROLE) == current:
                    tree.setCurrentItem(tree.topLevelItem(i))
        self._selected()

    def _current(self) -> Regel | None:
        item = self.tree.currentItem()
        return item.data(0, RULE_ROLE) if item else None

    def current_key(self) -> str | None:
        """The nyckel of the rule chosen in either list."""
        for tree in (self.tree, self.builtin):
            item = tree.currentItem()
            if item is not None and item.isSelected():
                return item.data(0, KEY_ROLE)
        return None

    def _selected(self, item: QTreeWidgetItem | None = None, _previous=None) -> None:
        if item is not None:  # one rule is chosen at a time, in one list or the other
            other = self.builtin if item.treeWidget() is self.tree else self.tree
            other.clearSelection()
        key = self.current_key()
        on = key is not None and self.page.ff is not None and arshjul.rule_on(self.page.ff, key)
        self.toggle_button.setText("Stäng &av" if on or key is None else "Slå &på")
        self.toggle_button.setEnabled(key is not None)

    def toggle(self) -> None:
        """Switch the chosen rule off, or on again."""
        key, ff = self.current_key(), self.page.ff
        if key is None or ff is None:
            return
        on = not arshjul.rule_on(ff, key)
        self.page.store(lambda: arshjul.set_rule_on(ff, key, on))
        self.load()

    def new(self) -> None:
        self._open(EntryDialog(self.page, regel=Regel(None, "", Ring.EGNA, "", "datum")))

    def edit(self) -> None:
        regel = self._current()
        if regel is not None:
            self._open(EntryDialog(self.page, regel=regel))

    def _open(self, dialog: EntryDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self.load)
        dialog.open()

    def remove(self) -> None:
        regel = self._current()
        if regel is not None and self.page.ff is not None and regel.id is not None:
            arshjul.delete_rule(self.page.ff, regel.id)
            self.load()


# -- the page -----------------------------------------------------------------------------------
