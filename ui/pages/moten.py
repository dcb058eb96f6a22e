"""Möten: the meetings of a year and kind, and the editor of one meeting.

Enter or a double-click opens a meeting; "Nytt möte" creates one on a chosen date. The meeting
open in the editor stays selected in the list: when the year or kind shown hides it (a new
meeting in 2023 while the list shows 2025), the filter changes and the list says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)

from finsam_desktop import moten
from finsam_desktop.dates import DateError, year_choices
from finsam_desktop.model import MoteTyp
from finsam_desktop.swedish import plural as count_text

from ..forms.date_field import DateField
from ..forms.fields import ErrorLabel, attempt, choice_combo, ok_cancel_buttons, with_error
from ..forms.mote import MoteForm
from ..models.base import SortProxy
from ..models.moten import NOT_JUSTERAT, MotenModel
from .base import filter_bar, tab_order
from .beslutslogg import BeslutsloggView
from .list_form import ListFormPage, filter_note

#: Creates a meeting (one write) and returns its id; refuses with a Swedish reason.
#: (kind, date, start time, place, the förbund's group name) -> the new meeting's id
CreateMeeting = Callable[[MoteTyp, dt.date, str, str, str], int]

ALL_YEARS = "Alla år"
ALL_KINDS = "Alla typer"


class MotenFilter(SortProxy):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.typ: MoteTyp | None = None

    def set_typ(self, typ: MoteTyp | None) -> None:
        with self.filter_change():
            self.typ = typ

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        return self.typ is None or self.sourceModel().record(source_row).typ == self.typ


class NewMeetingDialog(QDialog):
    """Kind, date, time and place of a new meeting. "Skapa mötet" creates it, or says under
    the field what is wrong and stays open: a date is taken as typed or refused."""

    def __init__(
        self, day: dt.date, create: CreateMeeting, parent=None, today=dt.date.today,
        grupper: list[tuple[str, MoteTyp]] = (),
    ):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Nytt möte")
        self.create = create
        #: The new meeting's id, once created.
        self.created: int | None = None
        form = QFormLayout(self)
        self.typ = QComboBox()
        self.typ.setAccessibleName("Typ av möte")
        for t in MoteTyp:
            self.typ.addItem(t.label, t)
        # The förbund's own groups ("LSG", "Utvecklingsgruppen"): a known one brings its kind.
        self.grupper = dict(grupper)
        self.grupp = QLineEdit()
        self.grupp.setAccessibleName("Mötesgrupp")
        self.grupp.setPlaceholderText("förbundets namn på gruppen, till exempel LSG (frivilligt)")
        if self.grupper:
            completer = QCompleter(list(self.grupper), self.grupp)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.grupp.setCompleter(completer)
        self.grupp.textChanged.connect(self._group_kind)
        self.datum = DateField("Datum", day=day, today=today)
        self.tid = QLineEdit("09:00")
        self.tid.setAccessibleName("Starttid")
        self.plats = QLineEdit()
        self.plats.setAccessibleName("Plats")
        self.plats.setMinimumWidth(320)  # room for a place, and for a refusal on one line
        for text, widget in (
            ("&Typ:", self.typ), ("&Grupp:", self.grupp), ("&Datum:", self.datum),
            ("&Från kl.:", self.tid), ("&Plats:", self.plats),
        ):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, with_error(widget)[0] if widget is self.datum else widget)
        self.error = ErrorLabel()
        form.addRow(self.error)
        buttons = ok_cancel_buttons(self, "Skapa mötet", self.try_create)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form.addRow(buttons)

    def _group_kind(self, text: str) -> None:
        known = {name.casefold(): typ for name, typ in self.grupper.items()}
        typ = known.get(" ".join(text.split()).casefold())
        if typ is not None:
            self.typ.setCurrentIndex(self.typ.findData(typ))

    def try_create(self) -> bool:
        try:
            datum = self.datum.value()
        except DateError:  # said under the field
            self.datum.setFocus()
            return False
        assert datum is not None
        typ, tid, plats = MoteTyp(self.typ.currentData()), self.tid.text(), self.plats.text()
        grupp = self.grupp.text()

        def create() -> None:
            self.created = self.create(typ, datum, tid, plats, grupp)

        if not attempt(self, self.error, create):
            return False
        self.accept()
        return True


class MotenPage(ListFormPage):
    key = "moten"
    title = "Möten"
    icon_name = "moten"
    description = (
        "Styrelsemöten, beredningar och medlemssamråd: föredragningslista, beslut och närvaro."
    )

    def __init__(self, today=None, parent=None):
        super().__init__(today, parent)
        box = self.listing_layout()
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("År")
        self.kind_combo = choice_combo(
            [(ALL_KINDS, None)] + [(t.label, t) for t in MoteTyp], name="Typ av möte"
        )
        bar = filter_bar(("&År:", self.year_combo), ("T&yp:", self.kind_combo))
        self.open_and_new_buttons(bar, "Öppna valt möte", "&Nytt möte…", self.new_meeting)
        self.log_button = QPushButton("&Beslutslogg")
        self.log_button.setAccessibleName("Beslutslogg: alla beslut med status")
        self.log_button.clicked.connect(self.show_log)
        bar.addWidget(self.log_button)
        box.addLayout(bar)

        self.model = MotenModel(self.today, self)
        self.proxy = MotenFilter(self)
        self.proxy.setSourceModel(self.model)
        table = self.list_table(
            "Möten",
            "mötet",
            MotenModel.Column.DATUM,
            Qt.SortOrder.DescendingOrder,
            MotenModel.Column.PLATS,
        )
        table.setObjectName("motenTable")
        self.add_list(box, table)
        self.add_form(MoteForm(self.today))
        self.log = BeslutsloggView(self.today)
        self.log.back.connect(self.show_list)
        self.log.open_beslut.connect(self.open_meeting)
        self.views.addWidget(self.log)

        tab_order(self.year_combo, self.kind_combo, self.table, self.open_button, self.new_button)
        self.year_combo.currentIndexChanged.connect(self._load)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.clear_notice_when_chosen(self.year_combo, self.kind_combo)

    def close_form(self) -> None:
        self.form.ff = None
        self.form.mote = None
        self.log.ff = None

    def refresh(self) -> None:
        if self.ff is None:
            self.model.set_records([])
            self.show_list()
            return
        wanted = self.year_combo.currentData() if self.year_combo.count() else self.today().year
        years = year_choices(moten.mote_ar(self.ff), self.today().year)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(ALL_YEARS, None)
        for year in years:
            self.year_combo.addItem(str(year), year)
        index = self.year_combo.findData(wanted)
        self.year_combo.setCurrentIndex(index if index >= 0 else 0)
        self.year_combo.blockSignals(False)
        self._load()
        if self.views.currentWidget() is self.form:
            self.form.refresh()
        if self.views.currentWidget() is self.log:
            self.log.refresh()

    def _kind_changed(self) -> None:
        self.proxy.set_typ(self.kind_combo.currentData())
        self._summarize()

    def _load(self) -> None:
        if self.ff is None:
            return
        current = self.current_id()
        # The same meetings again (an edit, an undo) update in place and keep the selection.
        self.model.set_records(moten.moten(self.ff, self.year_combo.currentData()))
        if current is not None and self.current_id() != current:
            self.select(current)
        self._summarize()

    def _summarize(self) -> None:
        # What the list shows, read from the model's records rather than cell by cell.
        typ = self.proxy.typ
        records = [m for m in self.model.records() if typ is None or m.typ == typ]
        today = self.today()
        coming = sum(1 for m in records if m.datum >= today)
        justerat = self.model.columns[MotenModel.Column.JUSTERAT].display
        waiting = sum(1 for m in records if justerat(m) == NOT_JUSTERAT)
        parts = [count_text(len(records), "möte", "möten")]
        if coming:
            parts.append(f"{coming} kommande")
        if waiting:
            parts.append(f"{waiting} protokoll ej {'justerat' if waiting == 1 else 'justerade'}")
        if out := sum(1 for m in records if m.ute_for_justering):
            parts.append(f"{out} ute för justering")
        self.summary.setText("  ·  ".join(parts))

    # -- list and form -------------------------------------------------------------------

    def open_record(self, record_id: int) -> bool:
        return self.open_meeting(record_id)

    def open_meeting(self, mote_id: int, arende_id: int | None = None) -> bool:
        if self.ff is None or not self.form.show_mote(self.ff, mote_id, arende_id):
            return False
        self.reveal(mote_id)
        self.views.setCurrentWidget(self.form)
        if arende_id is not None:
            self.form.a_rubrik.setFocus()
        else:
            self.form.datum.setFocus()
        return True

    def open_signing(self, handling) -> bool:
        """The meeting of ``handling`` (a :class:`finsam_desktop.justering.Handling`) open at
        its Justering tab, that document chosen."""
        if self.ff is None or not self.open_meeting(handling.mote_id):
            return False
        panel = self.form.justering
        self.form.tabs.setCurrentWidget(panel)
        assert panel.mote is not None
        panel.show_mote(self.ff, panel.mote, handling)
        panel.documents.setFocus()
        return True

    def open_id(self) -> int | None:
        return self.form.mote.id if self.form.mote is not None else None

    def show_through_filters(self, mote_id: int) -> str | None:
        m = moten.mote(self.ff, mote_id) if self.ff is not None else None
        if m is None:
            return None
        changes = []
        year = self.year_combo.currentData()
        if year is not None and year != m.datum.year:
            index = self.year_combo.findData(m.datum.year)
            self.year_combo.setCurrentIndex(max(0, index))  # else "Alla år"
            changes.append(f"året är nu {m.datum.year}" if index >= 0 else "alla år visas")
        kind = self.kind_combo.currentData()
        if kind is not None and kind != m.typ:
            self.kind_combo.setCurrentIndex(0)
            changes.append("alla typer visas")
        return filter_note(changes, m.rubrik) if changes else None

    def show_log(self) -> None:
        if self.ff is None:
            return
        self.log.show_log(self.ff)
        self.views.setCurrentWidget(self.log)
        self.log.table.setFocus()

    def new_meeting(self) -> None:
        if self.ff is None:
            return
        ff = self.ff
        dialog = NewMeetingDialog(
            self.today(),
            lambda typ, datum, tid, plats, grupp: moten.nytt_mote(
                ff, typ, datum, tid, plats, grupp
            ),
            self,
            today=self.today,
            grupper=moten.motesgrupper(ff),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._created(dialog.created))
        self.new_dialog = dialog
        dialog.open()

    def _created(self, mote_id: int | None) -> None:
        if mote_id is not None:
            self.show_created(mote_id)

    def create(
        self, typ: MoteTyp, datum, tid: str = "", plats: str = "", grupp: str = ""
    ) -> int | None:
        return self.create_record(
            "Nytt möte", lambda ff: moten.nytt_mote(ff, typ, datum, tid, plats, grupp)
        )

    def delete_open(self) -> None:
        m = self.form.mote
        if m is None:
            return
        self.confirm_delete(
            "Ta bort mötet",
            f"Ta bort {m.rubrik} med dess ärenden, närvaro och justerare? Du kan ångra med Ctrl+Z.",
            lambda ff: moten.ta_bort_mote(ff, m.id),
        )
