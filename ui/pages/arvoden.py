"""Arvoden: the month's arvodesunderlag for the kommun's payroll, the fee rules per year, and who
is paid.

Underlag: pick a period (last month by default, the usual monthly run), see every line the rules
give from justerade protokoll and the fixed fees, type FLA hours, proof and km per person and
meeting in the table (each edit stored at once, one Ctrl+Z each), read what is still waiting
(protokoll not justerat, years without rules, people paid by their employer) and export the
Excel for the payroll. Regler: the year's rules as a form whose fields store themselves; a year
without rules starts from the year before. Mottagare: personnummer (only if entered, checked by
its control digit, shown masked) and whether the förbund pays the person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import arvoden
from finsam_desktop.arvoden import KORT, Mottagare, Rad, Regel, Underlag
from finsam_desktop.errors import Refusal
from finsam_desktop.money import format_amount, parse_amount
from finsam_desktop.swedish import plural as count

from ..errors import message_of
from ..forms.date_field import DateField
from ..forms.fields import ChoiceField, ErrorLabel, LineField, parse_count, with_error
from ..forms.insats import table
from ..models.editable import Column, EditableTableModel
from ..operations import Operation, save_in_background
from ..paths import ask_save_path
from ..style import set_role, set_tone
from .base import Page, tab_body

JA_NEJ = [("Ja", True), ("Nej", False)]


def forra_manaden(today: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar month before ``today``'s: the period a monthly payroll run covers."""
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1), last


def exakt(ore: int) -> str:
    """An amount to the öre when it has öre ("287,50"), else in whole kronor ("1 200"): the
    payroll is paid to the öre, so nothing here is rounded away."""
    return format_amount(ore, decimals=0 if ore % 100 == 0 else 2)


def _kr(ore: int) -> str:
    return exakt(ore) if ore else ""


def _parse_kr(text: str) -> int:
    return parse_amount(text) if text.strip() else 0


def _parse_timmar_regel(text: str) -> int:
    """Whole hours; the range is the data layer's rule (an empty field is 0, refused there)."""
    return parse_count(text) or 0


def _parse_fodelsear(text: str) -> int | None:
    """A birth year, or None for the law's rule (the year − 67); the range is the data
    layer's."""
    return parse_count(text) if text.strip() else None


def _betalas_text(m: Mottagare) -> str:
    if m.betalas is not None:
        return "Ja" if m.betalas else "Nej"
    return f"{'Ja' if m.enligt_regel else 'Nej'} (enligt reglerna)"


class ArvodenPage(Page):
    key = "arvoden"
    title = "Arvoden"
    icon_name = "arvoden"
    description = (
        "Arvodesunderlaget till lönekontoret ur justerade protokoll, arvodesreglerna per år "
        "och vem som får arvode."
    )

    def __init__(self, today: Callable[[], dt.date] | None = None, parent: QWidget | None = None):
        super().__init__(today, parent)
        self.fran, self.till = forra_manaden(self.today())
        self.underlag: Underlag | None = None
        layout = self.page_layout()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Arvodenas delar")
        self.tabs.addTab(self._build_underlag(), "&Underlag")
        self.tabs.addTab(self._build_regler(), "&Regler")
        self.tabs.addTab(self._build_mottagare(), "&Mottagare")
        layout.addWidget(self.tabs, 1)

    # -- Underlag ------------------------------------------------------------------------------

    def _build_underlag(self) -> QWidget:
        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(4, 8, 4, 4)
        row = QHBoxLayout()
        self.fran_field = DateField("Från", self._set_fran, today=self.today)
        self.till_field = DateField("Till", self._set_till, today=self.today)
        for text, field in (("&Från:", self.fran_field), ("&Till:", self.till_field)):
            label = QLabel(text)
            label.setBuddy(field)
            field.setMaximumWidth(150)
            row.addWidget(label)
            row.addWidget(field)
        self.last_month_button = QPushButton("Förra månaden")
        self.last_month_button.clicked.connect(
            lambda: self.set_period(*forra_manaden(self.today()))
        )
        self.this_year_button = QPushButton("Hela året")
        self.this_year_button.setToolTip("Hela det innevarande kalenderåret")
        self.this_year_button.clicked.connect(
            lambda: self.set_period(
                dt.date(self.today().year, 1, 1), dt.date(self.today().year, 12, 31)
            )
        )
        row.addWidget(self.last_month_button)
        row.addWidget(self.this_year_button)
        row.addStretch(1)
        self.export_button = QPushButton("&Exportera Excel…")
        self.export_button.setToolTip("Underlaget för perioden som Excel till lönekontoret")
        self.export_button.clicked.connect(self._ask_export)
        row.addWidget(self.export_button)
        box.addLayout(row)
        self.period_error = ErrorLabel()
        box.addWidget(self.period_error)
        self.fran_field.error = self.period_error
        self.till_field.error = self.period_error
        self.fran_field.set_value(self.fran.isoformat())
        self.till_field.set_value(self.till.isoformat())

        self.notes = QLabel()
        self.notes.setAccessibleName("Att observera")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.notes)

        def meeting_line(r: Rad) -> bool:
            return r.mote_id is not None

        self.rows_model: EditableTableModel[Rad] = EditableTableModel(
            [
                Column("Namn", lambda r: r.namn),
                Column("Personnummer", lambda r: arvoden.maskerat(r.personnummer)),
                Column("Roll", lambda r: r.roll),
                Column("Tjg", lambda r: r.tjanstgorande, tooltip="Tjänstgörande"),
                Column("Datum", lambda r: r.datum.isoformat(), lambda r: r.datum),
                Column("Möte", lambda r: r.mote if r.mote_id else "Fast arvode", tooltip=""),
                Column("Längd", lambda r: {KORT: "Kort", "": ""}.get(r.klass, "Lång")),
                Column("Arvode", lambda r: _kr(r.arvode_ore), lambda r: r.arvode_ore,
                       numeric=True),
                Column("FLA tim", lambda r: arvoden.visa_timmar(r.fla_hundradelar)
                       if r.fla_hundradelar else "", lambda r: r.fla_hundradelar,
                       store=self._store_fla, numeric=True, editable=meeting_line,
                       tooltip="Förlorad arbetsförtjänst: timmar vid mötet (t.ex. 3,5)"),
                Column("Intyg", lambda r: "", store=self._store_intyg, editable=meeting_line,
                       checked=lambda r: r.fla_intyg,
                       tooltip="Intyg om förlorad arbetsförtjänst har lämnats"),
                Column("FLA", lambda r: _kr(r.fla_ore), lambda r: r.fla_ore, numeric=True),
                Column("Km", lambda r: str(r.km) if r.km else "", lambda r: r.km,
                       store=self._store_km, numeric=True, editable=meeting_line,
                       tooltip="Körda km med egen bil till och från mötet"),
                Column("Milers.", lambda r: _kr(r.milersattning_ore),
                       lambda r: r.milersattning_ore, numeric=True,
                       tooltip="Milersättning: den skattefria delen och ett skattepliktigt "
                       "överskott"),
                Column("Summa", lambda r: _kr(r.summa_ore), lambda r: r.summa_ore,
                       numeric=True),
            ],
            key=lambda r: (r.person_id, r.datum, r.mote_id, r.mote),
            parent=self,
        )  # fmt: skip
        self.rows = table("Arvodesunderlag", self.rows_model)
        header = self.rows.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)  # every column as wide as its content
        self.rows.setWordWrap(False)
        box.addWidget(self.rows, 1)
        self.rows_error = ErrorLabel()
        self.rows_model.refused.connect(self.rows_error.show_error)
        self.rows_model.accepted.connect(lambda: self.rows_error.show_error(""))
        box.addWidget(self.rows_error)
        self.totals = QLabel()
        self.totals.setAccessibleName("Summor")
        self.totals.setWordWrap(True)
        box.addWidget(self.totals)
        self.export_message = set_role(QLabel(), "muted")
        self.export_message.setWordWrap(True)
        box.addWidget(self.export_message)
        return body

    def _set_fran(self, day: dt.date) -> None:
        self.set_period(day, self.till)

    def _set_till(self, day: dt.date) -> None:
        self.set_period(self.fran, day)

    def set_period(self, fran: dt.date, till: dt.date) -> None:
        """Show the underlag from ``fran`` to ``till``; refused when it ends before it starts."""
        if till < fran:
            raise Refusal(f"Perioden slutar ({till}) före den börjar ({fran}).")
        self.fran, self.till = fran, till
        self.fran_field.set_value(fran.isoformat())
        self.till_field.set_value(till.isoformat())
        self.period_error.show_error("")
        self._show_underlag()

    def _store_meeting(self, r: Rad, **change: Any) -> None:
        assert self.ff is not None and r.mote_id is not None
        values = {"fla": r.fla_hundradelar, "intyg": r.fla_intyg, "km": r.km, **change}
        arvoden.satt_mote_uppgifter(
            self.ff, r.mote_id, r.person_id, values["fla"], values["intyg"], values["km"]
        )

    def _store_fla(self, r: Rad, text: str) -> None:
        self._store_meeting(r, fla=arvoden.parse_timmar(text))

    def _store_intyg(self, r: Rad, text: str) -> None:
        self._store_meeting(r, intyg=text == "1")

    def _store_km(self, r: Rad, text: str) -> None:
        self._store_meeting(r, km=arvoden.parse_km(text))

    def _show_underlag(self) -> None:
        if self.ff is None:
            self.rows_model.set_records([])
            return
        u = arvoden.underlag(self.ff, self.fran, self.till)
        self.underlag = u
        self.rows_model.set_records(u.rader)
        # the personnummer column only when the payroll has been given any
        self.rows.setColumnHidden(1, not any(r.personnummer for r in u.rader))
        notes = []
        if u.saknar_regel:
            years = ", ".join(str(y) for y in u.saknar_regel)
            notes.append(f"Inga arvodesregler för {years}: fyll i dem under Regler.")
        if u.vantar:
            notes.append("Väntar på justering: " + "; ".join(u.vantar) + ".")
        if u.ej_betalda:
            notes.append("Betalas inte av förbundet: " + "; ".join(u.ej_betalda) + ".")
        if u.utan_personnummer:
            notes.append(
                "Personnummer saknas för " + ", ".join(u.utan_personnummer) + " (under "
                "Mottagare); lönekontoret behöver det för att betala ut."
            )
        if not u.rader and not notes:
            notes.append("Inga arvoden under perioden.")
        self.notes.setText("\n".join(notes))
        set_tone(
            self.notes, "warning" if u.saknar_regel or u.vantar or u.utan_personnummer else None
        )
        personer = len({r.person_id for r in u.rader})
        self.totals.setText(
            f"{count(personer, 'person', 'personer')}, {count(len(u.rader), 'rad', 'rader')}. "
            "Arvoden "
            f"{exakt(u.summa('arvode_ore'))} kr, FLA {exakt(u.summa('fla_ore'))} kr, "
            f"milersättning {exakt(u.summa('milersattning_ore'))} kr; arbetsgivaravgifter "
            f"{exakt(u.summa('avgift_ore'))} kr."
        )
        self.export_button.setEnabled(bool(u.rader))

    def suggested_name(self) -> str:
        return f"Arvoden {self.fran.isoformat()}–{self.till.isoformat()}.xlsx"

    def export_to(self, target: Path) -> Underlag:
        """Write the period's arvodesunderlag as Excel to ``target``."""
        from reports import arvoden_excel

        assert self.ff is not None
        return arvoden_excel.write(self.ff, target, self.fran, self.till)

    def _ask_export(self) -> Operation | None:
        if self.ff is None:
            return None
        target = ask_save_path(
            self, "Exportera arvodesunderlag", self.ff.path, self.suggested_name(), ".xlsx",
            "Excel-arbetsböcker (*.xlsx)",
        )  # fmt: skip
        return self.export_in_background(target) if target is not None else None

    def export_in_background(self, target: Path) -> Operation:
        """The export off the GUI thread (openpyxl and a long period take over a second)."""
        from reports import arvoden_excel

        assert self.ff is not None
        fran, till = self.fran, self.till
        self.export_button.setEnabled(False)
        self.export_message.setText("")
        return save_in_background(
            self,
            self.ff,
            lambda snapshot, path: arvoden_excel.write(snapshot, path, fran, till),
            target,
            what="Arvodesunderlaget",
            label="Skriver arvodesunderlaget …",
            on_saved=lambda _u: self.export_message.setText(f"Sparad: {target}"),
            on_refused=lambda err: self.rows_error.show_error(
                f"Excel-filen kunde inte skrivas: {message_of(err)}"
            ),
            on_ended=lambda _op: self.export_button.setEnabled(True),
        )

    # -- Regler --------------------------------------------------------------------------------

    def _build_regler(self) -> QWidget:
        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(4, 8, 4, 4)
        row = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setRange(2000, 2200)
        self.year.setValue(self.today().year)
        self.year.setAccessibleName("År")
        self.year.valueChanged.connect(lambda _y: self._show_regel())
        label = QLabel("Å&r:")
        label.setBuddy(self.year)
        row.addWidget(label)
        row.addWidget(self.year)
        self.missing = QLabel()
        self.missing.setAccessibleName("Årets regler")
        row.addWidget(self.missing)
        self.create_button = QPushButton()
        self.create_button.clicked.connect(self.create_rule)
        row.addWidget(self.create_button)
        row.addStretch(1)
        box.addLayout(row)

        self.rule_form = QWidget()
        grid = QGridLayout(self.rule_form)
        grid.setHorizontalSpacing(24)
        columns = [QFormLayout(), QFormLayout()]
        for i, form in enumerate(columns):
            grid.addLayout(form, 0, i)
            grid.setColumnStretch(i, 1)
        left, right = columns
        self.rule_fields: dict[str, LineField | ChoiceField] = {}

        def money(form: QFormLayout, text: str, field: str, tip: str = "") -> None:
            w = LineField(text, _parse_kr, self._rule_store(field), numeric=True,
                          placeholder="0 kr")  # fmt: skip
            w.setToolTip(tip)
            self._add(form, text, field, w)

        def choice(form: QFormLayout, text: str, field: str, choices) -> None:
            self._add(form, text, field, ChoiceField(text, choices, self._rule_store(field)))

        self._add(
            left, "Kort möte högst (timmar)", "kort_timmar",
            LineField("Kort möte högst (timmar)", _parse_timmar_regel,
                      self._rule_store("kort_timmar"), numeric=True),
        )  # fmt: skip
        money(left, "Arvode kort möte (kr)", "arvode_kort_ore")
        money(left, "Arvode långt möte (kr)", "arvode_lang_ore")
        money(left, "Ordförande fast arvode (kr)", "ordforande_ore")
        money(left, "Vice ordförande fast arvode (kr)", "vice_ore")
        choice(left, "Fast arvode anges per", "fast_per_manad",
               [("år (betalas i tolv delar)", False), ("månad", True)])  # fmt: skip
        choice(left, "Övriga möten ger arvode", "ovriga_moten", JA_NEJ)
        money(right, "FLA per timme (kr)", "fla_timme_ore", "Förlorad arbetsförtjänst per timme")
        money(right, "FLA tak per möte (kr)", "fla_tak_ore", "0 betyder inget tak")
        choice(right, "FLA kräver intyg", "fla_intyg", JA_NEJ)
        money(right, "Milersättning per mil (kr)", "mil_ore")
        money(right, "Varav skattefritt per mil (kr)", "mil_skattefri_ore")
        self._add(
            right, "Arbetsgivaravgift %", "arbetsgivaravgift_ore",
            LineField("Arbetsgivaravgift %", parse_amount,
                      self._rule_store("arbetsgivaravgift_ore"), numeric=True),
        )  # fmt: skip
        choice(right, "Statligt utsedda betalas av förbundet", "statliga_betalas", JA_NEJ)
        self._add(
            right, "Reducerad avgift %", "arbetsgivaravgift_aldre_ore",
            LineField("Reducerad arbetsgivaravgift %", parse_amount,
                      self._rule_store("arbetsgivaravgift_aldre_ore"), numeric=True),
        )  # fmt: skip
        self._add(
            right, "Reducerad för födda senast", "aldre_fodda_senast",
            LineField("Reducerad avgift för födda senast (år)", _parse_fodelsear,
                      self._rule_store("aldre_fodda_senast"), numeric=True),
        )  # fmt: skip
        self._add(
            right,
            "Konto arvoden",
            "konto",
            LineField("Konto för sammanträdesarvoden", store=self._rule_store("konto")),
        )
        self._add(
            right,
            "Konto fasta arvoden",
            "konto_fast",
            LineField("Konto för fasta arvoden", store=self._rule_store("konto_fast")),
        )
        self._add(
            right,
            "Konto FLA",
            "konto_fla",
            LineField("Konto för förlorad arbetsförtjänst", store=self._rule_store("konto_fla")),
        )
        self._add(
            right,
            "Konto milersättning",
            "konto_mil",
            LineField("Konto för milersättning", store=self._rule_store("konto_mil")),
        )
        self._add(right, "Ansvar", "ansvar", LineField("Ansvar", store=self._rule_store("ansvar")))
        box.addWidget(self.rule_form)
        hint = set_role(
            QLabel(
                "Ett möte som varar högst det antal timmar räknas som kort. Fasta arvoden för "
                "ordförande och vice betalas till den som har uppdraget den första i månaden. "
                "Övriga möten är beredning och medlemssamråd med registrerad närvaro."
            ),
            "muted",
        )
        hint.setWordWrap(True)
        box.addWidget(hint)
        box.addStretch(1)
        return body

    def _add(self, form: QFormLayout, text: str, field: str, widget) -> None:
        label = QLabel(text + ":")
        label.setBuddy(widget)
        box, _ = with_error(widget)
        form.addRow(label, box)
        self.rule_fields[field] = widget

    def _rule_store(self, field: str) -> Callable[[Any], None]:
        def store(value: Any) -> None:
            assert self.ff is not None
            current = arvoden.regel(self.ff, self.year.value())
            if current is None:
                raise Refusal("Skapa årets regler först.")
            arvoden.spara_regel(self.ff, replace(current, **{field: value}))

        return store

    def create_rule(self) -> Regel | None:
        if self.ff is None:
            return None
        return arvoden.ny_regel(self.ff, self.year.value())

    def _show_regel(self) -> None:
        year = self.year.value()
        r = arvoden.regel(self.ff, year) if self.ff is not None else None
        self.rule_form.setEnabled(r is not None)
        self.create_button.setVisible(self.ff is not None and r is None)
        if r is None:
            self.missing.setText(f"Det finns inga arvodesregler för {year}.")
            earlier = [x.ar for x in arvoden.regler(self.ff) if x.ar < year] if self.ff else []
            self.create_button.setText(
                f"Skapa regler för {year} från {earlier[-1]}" if earlier else
                f"Skapa regler för {year}"
            )  # fmt: skip
            r = Regel(year)
        else:
            self.missing.setText("")
        for field, w in self.rule_fields.items():
            value = getattr(r, field)
            if isinstance(w, ChoiceField):
                w.set_value(value)
            elif field == "kort_timmar":
                w.set_value(str(value))
            elif field in ("konto", "ansvar", "konto_fast", "konto_fla", "konto_mil"):
                w.set_value(value)
                if field != "konto" and field != "ansvar":
                    w.setPlaceholderText(r.konto and f"som arvoden ({r.konto})")
            elif field == "aldre_fodda_senast":
                w.set_value("" if value is None else str(value))
                w.setPlaceholderText(f"{r.fodda_senast} (året − 67)")
            else:
                w.set_value(exakt(value))

    # -- Mottagare -----------------------------------------------------------------------------

    def _build_mottagare(self) -> QWidget:
        body, box = tab_body(
            "Personnummer behövs bara om lönekontoret vill ha det; det visas maskerat. "
            "Statligt utsedda ledamöter får som regel arvode av sin arbetsgivare."
        )
        self.people_model: EditableTableModel[Mottagare] = EditableTableModel(
            [
                Column("Namn", lambda m: m.namn),
                Column("Personnummer", lambda m: m.maskerat),
                Column("Utsedd av staten", lambda m: "Ja" if m.statlig else ""),
                Column("Får arvode", _betalas_text),
            ],
            key=lambda m: m.person_id,
            parent=self,
        )
        self.all_people = QCheckBox("Visa även personer som inte sitter i styrelsen i dag")
        self.all_people.toggled.connect(lambda _on: self._show_people())
        box.addWidget(self.all_people)
        self.people = table("Arvodesmottagare", self.people_model)
        self.people.selectionModel().currentRowChanged.connect(lambda *_: self._show_person())
        box.addWidget(self.people, 1)
        form = QFormLayout()
        self.pnr = LineField(
            "Personnummer", store=self._store_pnr, placeholder="ÅÅÅÅMMDD-NNNN (frivilligt)"
        )
        # once stored, the number typed is taken out of sight again
        self.pnr.stored.connect(lambda: self.pnr.set_value(""))
        label = QLabel("&Personnummer:")
        label.setBuddy(self.pnr)
        pnr_box, _ = with_error(self.pnr)
        pnr_row = QHBoxLayout()
        pnr_row.addWidget(pnr_box, 1)
        self.remove_pnr = QPushButton("Ta bort personnumret")
        self.remove_pnr.clicked.connect(self.remove_personnummer)
        pnr_row.addWidget(self.remove_pnr, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(label, pnr_row)
        self.betalas = ChoiceField(
            "Får arvode av förbundet",
            [("Enligt reglerna", None), ("Ja", True), ("Nej, av sin arbetsgivare", False)],
            self._store_betalas,
        )
        label = QLabel("Får &arvode:")
        label.setBuddy(self.betalas)
        betalas_box, _ = with_error(self.betalas)
        form.addRow(label, betalas_box)
        box.addLayout(form)
        return body

    def selected_person(self) -> Mottagare | None:
        index = self.people.currentIndex()
        return self.people_model.record(index.row()) if index.isValid() else None

    def _show_person(self) -> None:
        m = self.selected_person()
        for w in (self.pnr, self.betalas):
            w.setEnabled(m is not None)
        self.remove_pnr.setEnabled(m is not None and bool(m.personnummer))
        # never shown in full: the field is for typing a new number
        self.pnr.set_value("")
        self.pnr.setPlaceholderText(
            m.maskerat if m is not None and m.personnummer else "ÅÅÅÅMMDD-NNNN (frivilligt)"
        )
        self.betalas.set_value(m.betalas if m is not None else None)

    def _store_pnr(self, text: str) -> None:
        m = self.selected_person()
        if m is None or self.ff is None:
            raise Refusal("Välj en person i listan först.")
        if text.strip():  # an empty field keeps the number (it is never shown to be edited)
            arvoden.satt_person(self.ff, m.person_id, text, m.betalas)

    def remove_personnummer(self) -> None:
        m = self.selected_person()
        if m is not None and self.ff is not None:
            arvoden.satt_person(self.ff, m.person_id, "", m.betalas)

    def _store_betalas(self, value: bool | None) -> None:
        m = self.selected_person()
        if m is None or self.ff is None:
            raise Refusal("Välj en person i listan först.")
        arvoden.satt_person(self.ff, m.person_id, m.personnummer, value)

    # -- reading the file ----------------------------------------------------------------------

    def refresh(self) -> None:
        self._show_underlag()
        self._show_regel()
        self._show_people()

    def _show_people(self) -> None:
        found = arvoden.mottagare(self.ff, self.today()) if self.ff is not None else []
        if not self.all_people.isChecked():
            found = [m for m in found if m.i_styrelsen]
        self.people_model.set_records(found)
        self._show_person()
