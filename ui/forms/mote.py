"""The meeting editor: when and where, the föredragningslista with beslut, närvaro, justerare.

Before the meeting: the kind's standing items, the previous meeting's list and open beslut from
earlier meetings as proposed items, and the kallelse as PDF. After it: the protokoll written item
by item (discussion, beslut, who answers for it by when), the protokoll and a protokollsutdrag as
PDF. A justerat protokoll is locked: only the follow-up status of its beslut may change. To
correct it the user opens it for rättelse with a reason; the reason stays, shown here and printed
in the protokoll, and the protokoll is justerat again.

An ärende linked to an insats can grant it an amount: "Bevilja" stores the beslut and the
insats's beviljat for the year as one action, so one Ångra takes both back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import insatser, justering, moten, styrelse
from finsam_desktop.errors import Refusal
from finsam_desktop.model import BeslutStatus, MoteTyp
from finsam_desktop.money import parse_amount
from finsam_desktop.moten import Arende, Mote
from finsam_desktop.storage import ForbundFile

from ..errors import message_of
from ..models.editable import Column, EditableTableModel
from ..models.narvaro import NarvaroModel
from ..operations import Operation, save_in_background
from ..pages.base import tab_body
from ..paths import ask_save_path
from ..style import set_role, set_tone
from .date_field import DateField
from .fields import (
    ChoiceField,
    ErrorLabel,
    LineField,
    TextField,
    attempt,
    with_error,
)
from .insats import scrolled, table

PRIVACY_SHORT = "Inga personuppgifter om deltagare."


def _paragraf(text: str) -> int | None:
    s = text.strip().lstrip("§").strip()
    if not s:
        return None
    if not s.isdigit() or int(s) == 0:
        raise Refusal(f"”{text.strip()}” är ingen §; skriv ett heltal, till exempel 12.")
    return int(s)


def keep_places(shown: list[int | None], chosen: list[int]) -> list[int | None]:
    """The ``chosen`` justerare in the form's fields, each in the field it was picked in.

    The file keeps who justerar, not in which field: without this, picking a second
    justerare re-sorted both by name under the user's hands (and typing on moved the
    wrong one)."""
    slots = [p if p in chosen else None for p in shown]
    rest = [c for c in chosen if c not in slots]
    return [s if s is not None else (rest.pop(0) if rest else None) for s in slots]


class PlaceholdersWhenEnabled(QObject):
    """Shows a field's placeholder only while the field can be edited.

    Disabled, a placeholder is drawn as grey as a value is: a locked protokoll's empty
    "Till kl." showed "12:00" as if a time had been set. Watched fields lose their
    placeholder when disabled (also through a parent) and get it back when enabled.
    """

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self._texts: dict[QWidget, str] = {}

    def watch(self, widget: QWidget) -> None:
        fields = [widget, *widget.findChildren(QLineEdit), *widget.findChildren(QPlainTextEdit)]
        for w in fields:
            if isinstance(w, (QLineEdit, QPlainTextEdit)) and w not in self._texts:
                self._texts[w] = w.placeholderText()
                w.installEventFilter(self)
                self._follow(w)

    def _follow(self, w: QWidget) -> None:
        text = self._texts[w] if w.isEnabled() else ""
        if w.placeholderText() != text:
            w.setPlaceholderText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange and watched in self._texts:
            self._follow(watched)
        return False


class MoteForm(QWidget):
    back = Signal()

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("moteForm")
        self.today = today
        self.ff: ForbundFile | None = None
        self.mote: Mote | None = None
        #: The year "Bevilja" was last proposed for: the meeting's own, followed when it moves.
        self._grant_year_for: int | None = None
        #: A version of the protokoll is out for signing (locked as a justerat one is).
        self._out = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.back_button = QPushButton("← Alla möten")
        self.back_button.setAccessibleName("Tillbaka till alla möten")
        self.back_button.setToolTip("Tillbaka till listan (Alt+Vänsterpil)")
        set_role(self.back_button, "back")
        self.back_button.clicked.connect(self.back)
        QShortcut(QKeySequence("Alt+Left"), self, self.back.emit)
        self.heading = set_role(QLabel(), "section")
        self.heading.setAccessibleName("Mötet")
        self.delete_button = QPushButton("Ta bort mötet")
        top.addWidget(self.back_button)
        top.addSpacing(12)
        top.addWidget(self.heading, 1)
        top.addWidget(self.delete_button)
        outer.addLayout(top)

        fields = QGridLayout()
        fields.setHorizontalSpacing(18)
        left, middle, right = QFormLayout(), QFormLayout(), QFormLayout()
        for i, form in enumerate((left, middle, right)):
            fields.addLayout(form, 0, i)
            fields.setColumnStretch(i, 1)
            form.setHorizontalSpacing(8)  # "Datum:" and "Justerat:" touched their fields
        self.typ = ChoiceField("Typ av möte", [(t.label, t) for t in MoteTyp], self._mote("typ"))
        self._row(left, "&Typ:", self.typ)
        self.grupp = LineField(
            "Mötesgrupp", store=self._mote("grupp"), placeholder="förbundets namn, t.ex. LSG"
        )
        self.grupp.setToolTip("Förbundets eget namn på gruppen; syns i listan, årshjulet och .ics")
        self._row(left, "&Grupp:", self.grupp)
        self.datum = DateField("Datum", self._mote("datum"), today=today)
        self._row(left, "&Datum:", self.datum)
        self.starttid = LineField("Starttid", store=self._mote("starttid"), placeholder="09:00")
        self._row(middle, "&Från kl.:", self.starttid)
        self.sluttid = LineField("Sluttid", store=self._mote("sluttid"), placeholder="12:00")
        self._row(middle, "Till &kl.:", self.sluttid)
        self.plats = LineField("Plats", store=self._mote("plats"))
        self._row(right, "&Plats:", self.plats)
        self.sekreterare = LineField("Sekreterare", store=self._mote("sekreterare"))
        self.sekreterare.setToolTip("Den som för protokollet; namnet står under hens underskrift")
        self._row(middle, "&Sekreterare:", self.sekreterare)
        self.justerat = DateField("Justerat", self._store_justerat, optional=True, today=today)
        self._row(right, "&Justerat:", self.justerat)
        outer.addLayout(fields)

        docs = QHBoxLayout()
        self.lock_label = set_role(QLabel(), "muted")
        self.lock_label.setAccessibleName("Protokollets läge")
        self.lock_label.setWordWrap(True)
        docs.addWidget(self.lock_label, 1)
        self.correct_button = QPushButton("Öppna för &rättelse…")
        self.correct_button.setToolTip(
            "Öppna det justerade protokollet för att rätta det; orsaken står kvar i protokollet"
        )
        self.correct_button.clicked.connect(self._ask_correction)
        docs.addWidget(self.correct_button)
        self.kallelse_button = QPushButton("Kallelse (PDF)…")
        self.kallelse_button.clicked.connect(lambda: self._ask_document("kallelse"))
        self.protokoll_button = QPushButton("Protokoll (PDF)…")
        self.protokoll_button.clicked.connect(lambda: self._ask_document("protokoll"))
        self.utdrag_button = QPushButton("Protokollsutdrag (PDF)…")
        self.utdrag_button.setToolTip("Utdrag ur protokollet för det valda ärendet")
        self.utdrag_button.clicked.connect(lambda: self._ask_document("utdrag"))
        for b in (self.kallelse_button, self.protokoll_button, self.utdrag_button):
            docs.addWidget(b)
        outer.addLayout(docs)
        self.corrections = set_role(QLabel(), "muted")
        self.corrections.setAccessibleName("Rättelser")
        self.corrections.setWordWrap(True)
        self.corrections.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.corrections)
        self.document_message = ErrorLabel()
        outer.addWidget(self.document_message)
        #: The meeting's own fields, locked with the protokoll (justerat is opened by rättelse).
        self.meeting_fields: list[QWidget] = [
            self.typ, self.grupp, self.datum, self.starttid, self.sluttid, self.plats,
            self.sekreterare, self.justerat, self.delete_button,
        ]  # fmt: skip

        #: The question asked before a justering locks the protokoll (open while it is asked).
        self.lock_question: QMessageBox | None = None

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Mötets delar")
        self.tabs.addTab(self._build_agenda(), "Föredragnings&lista och beslut")
        self.tabs.addTab(self._build_attendance(), "&Närvaro och justerare")
        from .justering import JusteringPanel

        self.justering = JusteringPanel(today)
        self.tabs.addTab(self.justering, "Juste&ring")
        outer.addWidget(self.tabs, 1)
        # A disabled field showing its placeholder ("12:00") reads as if a value were set.
        self._placeholders = PlaceholdersWhenEnabled(self)
        for w in [*self.meeting_fields, *self.arende_fields, self.new_arende]:
            self._placeholders.watch(w)

    def _row(self, form: QFormLayout, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        box, _ = with_error(widget)
        form.addRow(label, box)

    def _mote(self, column: str) -> Callable:
        def store(value) -> None:
            assert self.ff is not None and self.mote is not None
            moten.andra_mote(self.ff, self.mote.id, column, value)

        return store

    def _arende(self, column: str) -> Callable:
        def store(value) -> None:
            a = self.selected_arende()
            if a is None or self.ff is None:
                raise Refusal("Välj ett ärende i listan först.")
            moten.andra_arende(self.ff, a.id, column, value)

        return store

    # -- the agenda ----------------------------------------------------------------------------

    def _build_agenda(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(4, 8, 4, 4)

        def rubrik(a: Arende, text: str) -> None:
            assert self.ff is not None
            moten.andra_arende(self.ff, a.id, "rubrik", text)

        self.agenda_model: EditableTableModel[Arende] = EditableTableModel(
            [
                Column("§", lambda a: f"§ {a.paragraf}" if a.paragraf else "",
                       lambda a: a.paragraf),
                Column("Ärende", lambda a: a.rubrik, store=rubrik),
                Column("Insats", lambda a: a.insats),
                Column("Beslut", lambda a: a.beslut.splitlines()[0] if a.beslut else ""),
            ],
            key=lambda a: a.id,
            parent=self,
        )  # fmt: skip
        self.agenda = table("Föredragningslista", self.agenda_model)
        self.agenda.horizontalHeader().setStretchLastSection(True)
        h = self.agenda.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.agenda.selectionModel().currentRowChanged.connect(self._show_arende)
        box.addWidget(self.agenda, 1)
        self.agenda_error = ErrorLabel()
        self.agenda_model.refused.connect(self.agenda_error.show_error)
        box.addWidget(self.agenda_error)
        row = QHBoxLayout()
        self.new_arende = QLineEdit()
        self.new_arende.setAccessibleName("Nytt ärende")
        self.new_arende.setPlaceholderText("Nytt ärende: skriv rubriken och tryck Retur")
        self.new_arende.returnPressed.connect(self._add_arende)
        add = QPushButton("Lägg &till")
        add.setAccessibleName("Lägg till ärende")
        add.clicked.connect(self._add_arende)
        row.addWidget(self.new_arende, 1)
        row.addWidget(add)
        box.addLayout(row)
        self.new_arende_error = ErrorLabel()
        box.addWidget(self.new_arende_error)
        row = QHBoxLayout()
        up = QPushButton("▲ Upp")
        up.setAccessibleName("Flytta ärendet upp")
        up.clicked.connect(lambda: self._move(-1))
        down = QPushButton("▼ Ned")
        down.setAccessibleName("Flytta ärendet ned")
        down.clicked.connect(lambda: self._move(1))
        remove = QPushButton("Ta bort")
        remove.setAccessibleName("Ta bort ärendet")
        remove.clicked.connect(self._remove_arende)
        self.renumber = QPushButton("Numrera om § för året")
        self.renumber.clicked.connect(self._renumber)
        for b in (up, down, remove):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.renumber)
        box.addLayout(row)
        row = QHBoxLayout()
        self.standing_button = QPushButton("Stående punkter")
        self.standing_button.setToolTip("Lägg in mötestypens stående punkter som saknas")
        self.standing_button.clicked.connect(self._standing)
        self.template_button = QPushButton("Ändra stående punkter…")
        self.template_button.setToolTip("Ändra mötestypens stående punkter (gäller nya listor)")
        self.template_button.clicked.connect(self._edit_template)
        self.copy_button = QPushButton("Kopiera föregående möte")
        self.copy_button.setToolTip("Lägg in föredragningslistan från förra mötet av samma slag")
        self.copy_button.clicked.connect(self._copy_previous)
        self.proposals_button = QPushButton("Öppna beslut")
        self.proposals_button.setToolTip("Öppna beslut från tidigare möten, som uppföljning")
        self.proposals_menu = QMenu(self.proposals_button)
        self.proposals_button.setMenu(self.proposals_menu)
        for b in (self.standing_button, self.copy_button, self.proposals_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.template_button)
        box.addLayout(row)
        self.list_error = ErrorLabel()
        box.addWidget(self.list_error)
        self.list_buttons = [
            add, up, down, remove, self.renumber, self.standing_button, self.copy_button,
            self.proposals_button, self.new_arende,
        ]  # fmt: skip
        splitter.addWidget(left)

        right = QWidget()
        form = QFormLayout(right)
        form.setContentsMargins(8, 8, 4, 4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.arende_title = set_role(QLabel("Välj ett ärende"), "section")
        self.arende_title.setWordWrap(True)  # a long rubrik wraps instead of widening the pane
        form.addRow(self.arende_title)
        self.a_rubrik = LineField("Ärendets rubrik", store=self._arende("rubrik"))
        self._row(form, "&Rubrik:", self.a_rubrik)
        self.a_paragraf = LineField("Paragraf", _paragraf, self._arende("paragraf"), numeric=True)
        self._row(form, "&§:", self.a_paragraf)
        self.a_underlag = TextField("Underlag", self._arende("underlag"), placeholder=PRIVACY_SHORT)
        self.a_underlag.setMaximumHeight(70)
        self._row(form, "&Underlag:", self.a_underlag)
        self.a_diskussion = TextField(
            "Diskussion", self._arende("diskussion"), placeholder="Det som sades, till protokollet"
        )
        self.a_diskussion.setMaximumHeight(70)
        self._row(form, "Diskussi&on:", self.a_diskussion)
        self.a_beslut = TextField("Beslut", self._arende("beslut"), placeholder=PRIVACY_SHORT)
        self.a_beslut.setMaximumHeight(80)
        self._row(form, "&Beslut:", self.a_beslut)
        self.a_ansvarig = LineField("Ansvarig", store=self._arende("ansvarig"))
        self._row(form, "Ansvari&g:", self.a_ansvarig)
        self.a_senast = DateField("Senast", self._arende("senast"), optional=True, today=self.today)
        self._row(form, "S&enast:", self.a_senast)
        self.a_status = ChoiceField(
            "Beslutets status",
            [("–", None), *[(s.label, s) for s in BeslutStatus]],
            self._arende("beslut_status"),
        )
        self._row(form, "St&atus:", self.a_status)
        self.a_insats = ChoiceField("Kopplad insats", [], self._arende("insats_id"))
        self._row(form, "&Insats:", self.a_insats)

        grant = QGroupBox("Bevilja insatsen medel")
        grant.setAccessibleName("Bevilja insatsen medel")
        g = QGridLayout(grant)
        self.grant_amount = QLineEdit()
        self.grant_amount.setAccessibleName("Belopp att bevilja")
        self.grant_amount.setPlaceholderText("kr, t.ex. 500 000")
        self.grant_amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.grant_year = QSpinBox()
        self.grant_year.setRange(2004, 2200)
        self.grant_year.setAccessibleName("År att bevilja för")
        self.grant_button = QPushButton("Be&vilja")
        self.grant_button.setAccessibleName("Bevilja beloppet")
        self.grant_button.clicked.connect(self.grant)
        self.grant_amount.returnPressed.connect(self.grant)
        amount_label = QLabel("Be&lopp:")
        amount_label.setBuddy(self.grant_amount)
        year_label = QLabel("för å&r:")
        year_label.setBuddy(self.grant_year)
        g.addWidget(amount_label, 0, 0)
        g.addWidget(self.grant_amount, 0, 1, 1, 2)
        g.addWidget(year_label, 1, 0)
        g.addWidget(self.grant_year, 1, 1)
        g.addWidget(self.grant_button, 1, 2)
        g.setColumnStretch(1, 1)
        self.grant_error = ErrorLabel()
        g.addWidget(self.grant_error, 2, 0, 1, 3)
        self.grant_note = set_role(QLabel(), "muted")
        self.grant_note.setAccessibleName("Beviljat")
        self.grant_note.setWordWrap(True)
        self.grant_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.grant_note.setVisible(False)
        g.addWidget(self.grant_note, 3, 0, 1, 3)
        hint = set_role(
            QLabel(
                "Sätter insatsens beviljat för året; ett tomt beslut får en standardtext, ett "
                "beslut du skrivit lämnas som det är. Ctrl+Z ångrar alltihop."
            ),
            "muted",
        )
        hint.setWordWrap(True)
        g.addWidget(hint, 4, 0, 1, 3)
        form.addRow(grant)
        self.arende_fields = [
            self.a_rubrik, self.a_paragraf, self.a_underlag, self.a_beslut, self.a_status,
            self.a_insats, grant, self.a_diskussion, self.a_ansvarig, self.a_senast,
        ]  # fmt: skip
        #: What the lock of a justerat protokoll disables (the status stays editable).
        self.locked_fields = [w for w in self.arende_fields if w is not self.a_status]
        # on a laptop screen the ärende's fields and the grant box scroll rather than squeeze
        area = scrolled(right)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter.addWidget(area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])  # the ärende's fields get room to be read
        return splitter

    # -- attendance ----------------------------------------------------------------------------

    def _build_attendance(self) -> QWidget:
        body, box = tab_body(
            "Bocka ur en ledamot som är frånvarande: en närvarande ersättare för samma "
            "medlem föreslås då som tjänstgörande."
        )
        self.attendance_model = NarvaroModel(self._store_present, self._store_serving, self)
        self.attendance = table("Närvaro", self.attendance_model)
        box.addWidget(self.attendance, 1)
        self.attendance_error = ErrorLabel()
        self.attendance_model.refused.connect(self.attendance_error.show_error)
        box.addWidget(self.attendance_error)
        self.quorum = QLabel()
        self.quorum.setAccessibleName("Beslutförhet")
        box.addWidget(self.quorum)
        row = QHBoxLayout()
        self.justerare = [ChoiceField(f"Justerare {i}", [], self._store_justerare) for i in (1, 2)]
        for i, field in enumerate(self.justerare, start=1):
            label = QLabel(f"Justerare &{i}:")
            label.setBuddy(field)
            row.addWidget(label)
            row.addWidget(field, 1)
        box.addLayout(row)
        self.justerare_error = ErrorLabel()
        box.addWidget(self.justerare_error)
        return body

    # -- showing -----------------------------------------------------------------------------

    def show_mote(self, ff: ForbundFile, mote_id: int, arende_id: int | None = None) -> bool:
        self.ff = ff
        m = moten.mote(ff, mote_id)
        if m is None:
            return False
        first = self.mote is None or self.mote.id != mote_id
        self.mote = m
        if first:
            self.agenda.setCurrentIndex(self.agenda_model.index(-1, -1))
            self._grant_year_for = None
        self.refresh()
        if arende_id is not None:
            row = self.agenda_model.row_of(arende_id)
            if row >= 0:
                self.tabs.setCurrentIndex(0)
                self.agenda.setCurrentIndex(self.agenda_model.index(row, 1))
        return True

    def refresh(self) -> None:
        if self.ff is None or self.mote is None:
            return
        m = moten.mote(self.ff, self.mote.id)
        if m is None:
            self.back.emit()
            return
        self.mote = m
        if m.datum.year != self._grant_year_for:
            self._grant_year_for = m.datum.year
            self.grant_year.setValue(max(2004, m.datum.year))
        self.heading.setText(m.rubrik + (f", {m.plats}" if m.plats else ""))
        self.typ.set_value(m.typ)
        self.grupp.set_value(m.grupp)
        self.datum.set_date(m.datum)
        self.starttid.set_value(m.starttid)
        self.sluttid.set_value(m.sluttid)
        self.plats.set_value(m.plats)
        self.sekreterare.set_value(m.sekreterare)
        self.justerat.set_date(m.justerat)
        self.renumber.setText(f"Numrera om § för {m.datum.year}")
        self.renumber.setVisible(m.typ in moten.PROTOKOLLFORDA)
        self.agenda_model.set_records(moten.arenden(self.ff, m.id))
        self._show_lock(m)
        choices = [("– ingen –", None)]
        choices += [(r.namn, r.id) for r in insatser.insatser(self.ff, m.datum.year)]
        self.a_insats.set_choices(choices)
        self._show_arende()
        rows = moten.narvaro(self.ff, m.id)
        self.attendance_model.set_records(rows)
        q = moten.beslutforhet(rows)
        officials = m.typ in moten.TJANSTEMANNAGRUPPER
        self.attendance.setEnabled(not officials and not self.locked)
        if officials:
            self.quorum.setText("Närvaro per styrelseplats förs inte för tjänstepersonsgrupper.")
            set_tone(self.quorum, None)
        elif m.typ not in moten.PROTOKOLLFORDA:
            self.quorum.setText("Beslutförhet gäller styrelsens sammanträden.")
            set_tone(self.quorum, None)
        else:
            self.quorum.setText(
                q.text if q.ledamoter else "Ingen styrelse är registrerad den dagen."
            )
            set_tone(self.quorum, "ok" if q.beslutfor else "error")
        # Justerare are chosen among those present; without a board that day, among everyone.
        people = {r.person_id: r.person for r in rows if r.narvarande}
        if not rows:
            people = {p.id: p.namn for p in styrelse.personer(self.ff)}
        chosen = moten.justerare(self.ff, m.id)
        slots = keep_places([f.value() for f in self.justerare], [i for i, _ in chosen])
        absent = [(i, n) for i, n in chosen if i not in people]
        person_choices = [("– ingen –", None), *[(n, i) for i, n in people.items()]]
        # one already chosen and since marked absent stays visible, said as such
        person_choices += [(f"{n} (frånvarande)", i) for i, n in absent]
        for field, person_id in zip(self.justerare, slots, strict=True):
            field.set_choices(person_choices)
            field.set_value(person_id)
            field.setEnabled(not self.locked)
        self.justerare_error.show_error(
            " ".join(f"{n} är frånvarande; välj en annan justerare." for _, n in absent)
        )

    @property
    def locked(self) -> bool:
        """A justerat protokoll, or one out for signing: what is signed may not change."""
        return self.mote is not None and (self.mote.justerat is not None or self._out)

    def _show_lock(self, m: Mote) -> None:
        out = justering.ute(self.ff, m.id) if self.ff else None
        self._out = out is not None
        if self.ff is not None:
            self.justering.show_mote(self.ff, m)
        if m.justerat is not None:
            self.lock_label.setText(
                f"Protokollet är justerat {m.justerat.isoformat()} och låst; bara beslutens "
                "status och anteckningen kan ändras. Rätta det med ”Öppna för rättelse”."
            )
        elif out is not None:
            self.lock_label.setText(
                f"Justeringsversion {out.version} är ute för underskrift sedan "
                f"{out.skickad.isoformat()} och protokollet är låst. Ta emot den signerade "
                "filen under Justering, eller återkalla justeringen för att ändra."
            )
        elif m.typ in moten.PROTOKOLLFORDA:
            self.lock_label.setText("Protokollet är inte justerat.")
        else:
            self.lock_label.setText("")
        for w in self.list_buttons:
            w.setEnabled(not self.locked)
        for w in self.meeting_fields:
            w.setEnabled(not self.locked)
        self.correct_button.setVisible(m.justerat is not None)
        found = moten.rattelser(self.ff, m.id) if self.ff else []
        self.corrections.setText("\n".join(f"Rättelse: {x.text}" for x in found))
        self.corrections.setVisible(bool(found))
        self.agenda_model_editable(not self.locked)
        proposals = moten.foreslagna_arenden(self.ff, m.id) if self.ff else []
        self.proposals_menu.clear()
        for a in proposals:
            action = self.proposals_menu.addAction(moten.foreslag_rubrik(a))
            action.triggered.connect(lambda _=False, i=a.id: self.take_proposals([i]))
        if proposals:
            self.proposals_menu.addSeparator()
            every = self.proposals_menu.addAction("Lägg in alla")
            ids = [a.id for a in proposals]
            every.triggered.connect(lambda _=False: self.take_proposals(ids))
        self.proposals_button.setText(f"Öppna beslut ({len(proposals)})")
        self.proposals_button.setEnabled(bool(proposals) and not self.locked)

    def agenda_model_editable(self, on: bool) -> None:
        triggers = (
            self.agenda.EditTrigger.DoubleClicked
            | self.agenda.EditTrigger.EditKeyPressed
            | self.agenda.EditTrigger.AnyKeyPressed
        )
        self.agenda.setEditTriggers(triggers if on else self.agenda.EditTrigger.NoEditTriggers)

    def selected_arende(self) -> Arende | None:
        index = self.agenda.currentIndex()
        if not index.isValid():
            return None
        return self.agenda_model.record(index.row())

    def _show_arende(self, *args) -> None:
        a = self.selected_arende()
        for w in self.arende_fields:
            w.setEnabled(a is not None and not (self.locked and w in self.locked_fields))
        self.utdrag_button.setEnabled(a is not None)
        if a is None:
            self.arende_title.setText("Välj ett ärende i listan")
            for f in (self.a_rubrik, self.a_paragraf, self.a_ansvarig, self.a_senast):
                f.set_value("")
            self.a_underlag.set_value("")
            self.a_diskussion.set_value("")
            self.a_beslut.set_value("")
            return
        self.arende_title.setText((f"§ {a.paragraf} " if a.paragraf else "") + a.rubrik)
        self.a_rubrik.set_value(a.rubrik)
        self.a_paragraf.set_value(str(a.paragraf) if a.paragraf else "")
        self.a_underlag.set_value(a.underlag)
        self.a_diskussion.set_value(a.diskussion)
        self.a_beslut.set_value(a.beslut)
        self.a_ansvarig.set_value(a.ansvarig)
        self.a_senast.set_date(a.senast)
        self.a_status.set_value(a.beslut_status)
        self.a_insats.set_value(a.insats_id)
        self.grant_button.setEnabled(a.insats_id is not None and not self.locked)
        self.grant_button.setToolTip(
            "" if a.insats_id is not None else "Koppla först ärendet till en insats."
        )

    # -- storing -----------------------------------------------------------------------------

    def _add_arende(self) -> None:
        assert self.ff is not None and self.mote is not None
        ff, mote_id, text = self.ff, self.mote.id, self.new_arende.text()
        if attempt(
            self.new_arende, self.new_arende_error, lambda: moten.nytt_arende(ff, mote_id, text)
        ):
            self.new_arende.clear()
            last = self.agenda_model.rowCount() - 1
            self.agenda.setCurrentIndex(self.agenda_model.index(last, 1))

    def _move(self, step: int) -> None:
        a = self.selected_arende()
        if a is None or self.ff is None:
            return
        moten.flytta_arende(self.ff, a.id, step)
        row = self.agenda_model.row_of(a.id)
        if row >= 0:
            self.agenda.setCurrentIndex(self.agenda_model.index(row, 1))

    def _remove_arende(self) -> None:
        a = self.selected_arende()
        if a is not None and self.ff is not None:
            moten.ta_bort_arende(self.ff, a.id)

    def _renumber(self) -> None:
        if self.ff is not None and self.mote is not None:
            ff, year = self.ff, self.mote.datum.year
            attempt(self.renumber, self.list_error, lambda: moten.numrera_om(ff, year))

    def open_for_correction(self, orsak: str) -> bool:
        """Open the justerat protokoll for rättelse with ``orsak``; True when done."""
        assert self.ff is not None and self.mote is not None
        ff, mote_id, idag = self.ff, self.mote.id, self.today()
        return attempt(
            self.correct_button,
            self.document_message,
            lambda: moten.oppna_for_rattelse(ff, mote_id, orsak, idag),
        )

    def _ask_correction(self) -> None:
        orsak, ok = QInputDialog.getText(
            self,
            "Öppna för rättelse",
            "Varför rättas protokollet? Orsaken står kvar i protokollet, med dagens datum och "
            "den tidigare justeringen.",
        )
        if ok:
            self.open_for_correction(orsak)

    def grant(self) -> bool:
        a = self.selected_arende()
        if a is None or self.ff is None:
            return False
        if a.insats_id is None:
            self.grant_error.show_error("Koppla först ärendet till en insats.")
            return False
        ff, insats_id, year = self.ff, a.insats_id, self.grant_year.value()
        text = self.grant_amount.text()
        written: list[bool] = []

        def action() -> None:
            ore = parse_amount(text)
            written.append(moten.bevilja(ff, a.id, insats_id, year, ore))
            written.append(moten.beviljandetext(a.insats or "insatsen", ore, year))

        self.grant_note.setVisible(False)
        ok = attempt(self.grant_amount, self.grant_error, action)
        if ok:
            self.grant_amount.clear()
            if not written[0]:
                self.grant_note.setText(
                    "Beviljat. Beslutet har redan din text och ändrades inte. Standardtexten, "
                    f"om du vill ha den: ”{written[1]}”"
                )
                self.grant_note.setVisible(True)
        return ok

    def _store_present(self, uppdrag_id: int, on: bool) -> None:
        assert self.ff is not None and self.mote is not None
        moten.satt_narvaro(self.ff, self.mote.id, uppdrag_id, on)

    def _store_serving(self, uppdrag_id: int, on: bool) -> None:
        assert self.ff is not None and self.mote is not None
        moten.satt_tjanstgorande(self.ff, self.mote.id, uppdrag_id, on)

    def _store_justerat(self, value: dt.date | None) -> None:
        """A justering date locks the protokoll: ask first, saying what locking means.

        Nothing is stored until the answer; the lock is then one action that Ångra takes back.
        """
        assert self.ff is not None and self.mote is not None
        if value is None or self.mote.justerat is not None:
            moten.andra_mote(self.ff, self.mote.id, "justerat", value)
            return
        moten.kontrollera_justering(self.ff, self.mote.id, value)
        if self.lock_question is not None:
            return  # already asking
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Justera protokollet",
            f"Justera protokollet för {self.mote.rubrik} med datum {value.isoformat()}?",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setInformativeText(
            "Ett justerat protokoll låses: föredragningslistan, besluten, närvaron, justerarna "
            "och mötets uppgifter kan inte längre ändras, bara beslutens status. Behöver något "
            "rättas efteråt öppnar du protokollet med ”Öppna för rättelse”; orsaken står då "
            "kvar i protokollet. Ångra (Ctrl+Z) tar tillbaka justeringen."
        )
        lock = box.addButton("Justera och &lås", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton("Avbryt", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        mote_id = self.mote.id

        def answered(_result: int) -> None:
            self.lock_question = None
            if box.clickedButton() is lock and self.ff is not None:
                ff = self.ff
                attempt(
                    self.justerat,
                    self.justerat.error,
                    lambda: moten.andra_mote(ff, mote_id, "justerat", value),
                )
            self.refresh()  # the stored date, or none when the answer was no

        box.finished.connect(answered)
        self.lock_question = box
        box.open()

    def _store_justerare(self, _value) -> None:
        assert self.ff is not None and self.mote is not None
        ids = [f.value() for f in self.justerare if f.value() is not None]
        moten.satt_justerare(self.ff, self.mote.id, ids)

    # -- the list from templates, the previous meeting and open beslut -------------------------

    def _list_action(self, action: Callable[[], object]) -> bool:
        return attempt(self.standing_button, self.list_error, lambda: (action(), None)[1])

    def _standing(self) -> None:
        assert self.ff is not None and self.mote is not None
        ff, mote_id = self.ff, self.mote.id
        self._list_action(lambda: moten.lagg_in_staende_punkter(ff, mote_id))

    def _edit_template(self) -> None:
        from ..dialogs.dagordning import DagordningDialog

        assert self.ff is not None and self.mote is not None
        DagordningDialog(self.ff, self.mote.typ, self).exec()

    def _copy_previous(self) -> None:
        assert self.ff is not None and self.mote is not None
        ff, mote_id = self.ff, self.mote.id
        self._list_action(lambda: moten.kopiera_foregaende(ff, mote_id))

    def take_proposals(self, arende_ids: list[int]) -> bool:
        assert self.ff is not None and self.mote is not None
        ff, mote_id = self.ff, self.mote.id
        return self._list_action(lambda: moten.lagg_in_foreslag(ff, mote_id, arende_ids))

    # -- documents -----------------------------------------------------------------------------

    def suggested_name(self, kind: str) -> str:
        assert self.mote is not None
        titel = {"kallelse": "Kallelse", "protokoll": "Protokoll", "utdrag": "Protokollsutdrag"}
        name = f"{titel[kind]} {self.mote.datum.isoformat()}"
        a = self.selected_arende()
        if kind == "utdrag" and a is not None and a.paragraf:
            name += f" § {a.paragraf}"
        return name + ".pdf"

    def write_document(self, kind: str, target: Path) -> Path:
        """Write the kallelse, the protokoll or the selected ärende's protokollsutdrag."""
        assert self.ff is not None and self.mote is not None
        return _write_document(
            self.ff, kind, target, self.mote.id, self._utdrag_of(kind), self.today()
        )

    def _utdrag_of(self, kind: str) -> int | None:
        """The § of the selected ärende an utdrag is of, as the protokoll prints it (None for
        the kallelse and the protokoll)."""
        if kind != "utdrag":
            return None
        a = self.selected_arende()
        if a is None:
            raise Refusal("Välj ärendet att göra ett utdrag av.")
        if a.paragraf is None:
            raise Refusal(moten.UTDRAG_UTAN_PARAGRAF)
        return a.paragraf

    def _ask_document(self, kind: str) -> Operation | None:
        if self.ff is None or self.mote is None:
            return None
        try:
            self._utdrag_of(kind)  # no ärende, or one without §: said before a file is asked
        except Refusal as exc:
            self.document_message.show_error(str(exc))
            return None
        target = ask_save_path(
            self, "Spara som PDF", self.ff.path, self.suggested_name(kind), ".pdf", "PDF (*.pdf)"
        )
        return self.save_document(kind, target) if target is not None else None

    def save_document(self, kind: str, target: Path) -> Operation | None:
        """The kallelse, protokoll or utdrag written off the GUI thread (ReportLab's first
        use in a session takes about a second). None when no ärende is chosen for an utdrag."""
        assert self.ff is not None and self.mote is not None
        meeting, today = self.mote.id, self.today()
        try:
            arende = self._utdrag_of(kind)
        except Refusal as exc:
            self.document_message.show_error(str(exc))
            return None

        def write(snapshot: ForbundFile, path: Path) -> Path:
            return _write_document(snapshot, kind, path, meeting, arende, today)

        def saved(_path: Path) -> None:
            self.document_message.show_error("")
            self.lock_label.setText(f"Sparad: {target}")

        return save_in_background(
            self,
            self.ff,
            write,
            target,
            what="PDF:en",
            label="Skriver PDF:en …",
            on_saved=saved,
            on_refused=lambda err: self.document_message.show_error(
                f"PDF:en kunde inte skrivas: {message_of(err)}"
            ),
        )


def _write_document(
    ff: ForbundFile, kind: str, target: Path, meeting: int, arende: int | None, today: dt.date
) -> Path:
    """``arende``: the § of the utdrag; ``today``: the day a protokoll of a meeting not yet
    held is an utkast on."""
    from reports import kallelse, protokoll

    if kind == "kallelse":
        kallelse.write(ff, target, meeting=meeting)
    elif kind == "protokoll":
        protokoll.write(ff, target, meeting=meeting, today=today)
    else:
        protokoll.write_utdrag(ff, target, meeting=meeting, paragraf=arende, today=today)
    return target
