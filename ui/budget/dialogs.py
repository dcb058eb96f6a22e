"""The budget view's dialogs: decision, roll-forward, medelstilldelning, row links, notes,
and the Excel export to the ekonomienhet. Each is window-modal, opened with ``open()``; on
OK it performs its one action through :mod:`finsam_desktop.budget` and closes, or shows why
not and stays open."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import budget as ops
from finsam_desktop import ekonomi, insatser, uppstallning
from finsam_desktop.ekonomi import format_andel
from finsam_desktop.errors import Refusal
from finsam_desktop.forbund import medlemmar
from finsam_desktop.model import Grupp, RadSlag
from finsam_desktop.money import AmountError, Unit, format_amount, parse_amount, parse_percent
from finsam_desktop.storage import ForbundFile

from ..forms.date_field import DateField
from ..forms.fields import ok_cancel_buttons
from ..paths import ask_save_path
from ..style import set_role


def fit_columns(table: QTableWidget, most: int = 1000) -> None:
    """Size the columns to their contents and headers, and make the table wide enough to
    show them all (up to ``most`` pixels): a narrow dialog scrolled its headers out of view
    ("vrundning (k")."""
    table.resizeColumnsToContents()
    need = table.horizontalHeader().length() + 2 * table.frameWidth()
    if table.verticalScrollBar().isVisible():
        need += table.verticalScrollBar().sizeHint().width()
    table.setMinimumWidth(min(most, need))


class _Dialog(QDialog):
    """A window-modal dialog with OK/Avbryt and a line for what went wrong."""

    def __init__(self, title: str, parent: QWidget | None, ok_text: str = "OK"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = set_role(QLabel(""), "fieldError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.buttons = ok_cancel_buttons(self, ok_text, self._try_accept)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _try_accept(self) -> None:
        try:
            self.perform()
        except Refusal as exc:
            self.show_error(str(exc))
            return
        self.accept()

    def perform(self) -> None:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError


class BeslutDialog(_Dialog):
    def __init__(self, ff: ForbundFile, version: dict, today: dt.date, parent=None):
        super().__init__(f"Besluta budgeten {version['ar']}", parent, "Besluta")
        self.ff, self.version = ff, version
        self.datum = DateField("Beslutsdatum", day=today)
        self.paragraf = QLineEdit()
        self.paragraf.setPlaceholderText("§ 52")
        self.form.addRow("&Beslutsdatum:", self.datum)
        self.form.addRow("&Paragraf:", self.paragraf)
        self.layout_.addWidget(
            QLabel("Ett beslutat budgetförslag låses. Ändringar görs sedan i en ny version.")
        )
        self.finish_layout()

    def perform(self) -> None:
        ops.besluta(self.ff, self.version["id"], self.datum.value(), self.paragraf.text())


class TomBudgetDialog(_Dialog):
    """ "Tom budget för ett år…": the year chosen, any year (a plan being entered, an old
    year typed in afterwards); proposed after the last budget, or the förbund's first."""

    def __init__(self, ff: ForbundFile, today: dt.date, parent=None):
        super().__init__("Tom budget", parent, "Skapa")
        self.ff = ff
        self.created: int | None = None
        self.year = QSpinBox()
        self.year.setRange(2004, 2198)
        self.year.setValue(ops.foreslaget_budgetar(ff, today))
        self.year.setAccessibleName("Budgetår")
        self.form.addRow("&Budgetår:", self.year)
        self.note = set_role(QLabel(), "muted")
        self.note.setWordWrap(True)
        self.layout_.addWidget(self.note)
        self.year.valueChanged.connect(self._say_what_exists)
        self._say_what_exists()
        self.finish_layout()

    def _say_what_exists(self) -> None:
        ar = self.year.value()
        n = len(ekonomi.budget_versioner(self.ff, ar))
        text = f"Budgeten {ar} får en rad per medlem för driftbidraget, och plan för "
        text += f"{ar + 1} och {ar + 2}."
        if n:
            versioner = "en version" if n == 1 else f"{n} versioner"
            text += f" Det finns redan {versioner} för {ar}; den nya blir ett förslag till."
        self.note.setText(text)

    def perform(self) -> None:
        self.created = ops.ny_version(self.ff, self.year.value())


class UpprakningDialog(_Dialog):
    """ "Ny budget från föregående": an uplift in percent per group."""

    def __init__(self, ff: ForbundFile, version: dict, parent=None):
        super().__init__(f"Ny budget {version['ar'] + 1} från föregående", parent, "Skapa")
        self.ff, self.version = ff, version
        self.created: int | None = None
        self.layout_.insertWidget(
            0,
            QLabel(
                f"Raderna i budgeten {version['ar']} förs över till {version['ar'] + 1}. Belopp "
                "som någon har skrivit behålls som de är; bara nya och härledda belopp räknas "
                "upp med procentsatsen för gruppen."
            ),
        )
        self.layout_.itemAt(0).widget().setWordWrap(True)
        self.fields: dict[Grupp, QLineEdit] = {}
        for g in Grupp:
            edit = QLineEdit("0")
            edit.setAccessibleName(f"Uppräkning {g.label}")
            self.fields[g] = edit
            self.form.addRow(f"{g.label} (%):", edit)
        self.finish_layout()

    def perform(self) -> None:
        uplift: dict[Grupp, Decimal] = {}
        for g, edit in self.fields.items():
            uplift[g] = parse_percent(edit.text() or "0")
        self.created = ops.ny_budget_fran_foregaende(
            self.ff, uplift, fran_version=self.version["id"]
        )


class MedelstilldelningDialog(_Dialog):
    """The state's amount → every member's driftbidrag by the key, rounding shown."""

    def __init__(self, ff: ForbundFile, version: dict, parent=None):
        super().__init__("Medelstilldelning", parent, "Fördela")
        self.ff, self.version = ff, version
        self.year = QComboBox()
        for y in range(version["ar"], version["ar"] + 3):
            self.year.addItem(str(y), y)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("2 511 000")
        self.amount.setAccessibleName("Statens medel")
        self.form.addRow("&År:", self.year)
        self.form.addRow("&Statens medel (kr):", self.amount)
        note = QLabel(
            "Staten betalar hälften, regionen en fjärdedel och kommunerna en fjärdedel, fördelad "
            "efter nyckeln i förbundsordningen. Delarna avrundas till hela kronor så att summan "
            "stämmer exakt; avrundningen visas nedan."
        )
        note.setWordWrap(True)
        self.layout_.addWidget(note)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            ["Medlem", "Andel", "Exakt (kr)", "Belopp (kr)", "Avrundning (kr)"]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setMinimumWidth(560)
        self.layout_.addWidget(self.table)
        self.total = QLabel("")
        self.layout_.addWidget(self.total)
        self.amount.textChanged.connect(self._preview)
        #: the amount the dialog filled in from the version (replaced on a change of year,
        #: unlike what the user typed)
        self._filled = ""
        self.year.currentIndexChanged.connect(self._fill_amount)
        self._fill_amount()
        self.finish_layout()

    def _fill_amount(self) -> None:
        """Open on the state's amount the year was funded from (the dialog forgot it)."""
        if self.amount.text() not in ("", self._filled):
            return
        ore = ops.statens_medel(self.ff, self.version["id"], self.year.currentData())
        self._filled = format_amount(ore) if ore else ""
        self.amount.setText(self._filled)

    def _preview(self) -> None:
        self.table.setRowCount(0)
        self.total.setText("")
        try:
            state = parse_amount(self.amount.text())
            split = ops.berakna_medelstilldelning(self.ff, state)
        except (AmountError, ops.BudgetError) as exc:
            self.show_error(str(exc) if self.amount.text().strip() else "")
            return
        self.show_error("")
        for d in split.delar:
            r = self.table.rowCount()
            self.table.insertRow(r)
            exakt = int(d.exakt)  # öre; shown with öre when it has them
            values = [
                d.namn,
                format_andel(d.andel),
                format_amount(exakt, decimals=2),
                format_amount(d.belopp_ore),
                format_amount(int(d.avrundning), decimals=2) if d.avrundning else "–",
            ]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        fit_columns(self.table)
        self.total.setText(
            f"Summa {format_amount(split.total_ore, suffix=True)} "
            f"({format_amount(split.total_ore, Unit.TKR, suffix=True)})."
        )

    def perform(self) -> None:
        state = parse_amount(self.amount.text())
        ops.medelstilldelning(self.ff, self.version["id"], self.year.currentData(), state)


class KopplaDialog(_Dialog):
    """A row's links: insats, member (or several), what it counts as, the avsnitt it is shown
    in, and the account string for the kommun's system; one action."""

    FLERA = "flera"

    def __init__(self, ff: ForbundFile, rad: dict, parent=None):
        super().__init__(f"Koppla ”{rad['text']}”", parent)
        self.ff, self.rad = ff, rad
        self.insats = QComboBox()
        self.insats.addItem("(ingen)", None)
        for insats in insatser.namnlista(ff):
            self.insats.addItem(insats.namn, insats.id)
        self.insats.setCurrentIndex(max(0, self.insats.findData(rad["insats_id"])))
        self.medlem = QComboBox()
        self.medlem.addItem("(ingen)", None)
        for m in medlemmar(ff):
            self.medlem.addItem(m.namn, m.id)
        #: a row that stands for several members together ("Kommun och region")
        self.medlem.addItem("Flera medlemmar…", self.FLERA)
        self.flera = QListWidget()
        self.flera.setAccessibleName("Medlemmarna raden står för")
        shared = ekonomi.radens_medlemmar(rad) if rad["medlem_id"] is None else ()
        for m in medlemmar(ff):
            item = QListWidgetItem(m.namn)
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if m.id in shared else Qt.CheckState.Unchecked)
            self.flera.addItem(item)
        self.flera.setMaximumHeight(110)
        current = self.FLERA if len(shared) > 1 else rad["medlem_id"]
        self.medlem.setCurrentIndex(max(0, self.medlem.findData(current)))
        self.flera.setVisible(current == self.FLERA)
        self.medlem.currentIndexChanged.connect(
            lambda: self.flera.setVisible(self.medlem.currentData() == self.FLERA)
        )
        self.konto = QComboBox()
        self.konto.setEditable(True)
        self.konto.addItem("")
        for konto in ekonomi.kontoplan(ff):
            self.konto.addItem(konto.nummer, konto.nummer)
        self.konto.setCurrentText(rad["konto"] or "")
        self.grupp = QComboBox()
        for g in Grupp:
            self.grupp.addItem(g.label, g.value)
        self.grupp.setCurrentIndex(self.grupp.findData(rad["grupp"]))
        self.slag = QComboBox()
        self.slag.addItem("Vanlig rad i sin grupp", None)
        for s in RadSlag:
            self.slag.addItem(s.label, s.value)
        self.slag.setCurrentIndex(max(0, self.slag.findData(rad.get("slag"))))
        self.under_resultat = QCheckBox("Visas under budgeterat resultat")
        self.under_resultat.setChecked(bool(rad.get("under_resultat")))
        self.avsnitt = QComboBox()
        self.avsnitt.addItem("(med sin grupp)", None)
        for a in uppstallning.avsnitt_poster(ff, rad["version_id"]):
            if a["rubrik"]:
                self.avsnitt.addItem(a["rubrik"], a["id"])
        self.avsnitt.setCurrentIndex(max(0, self.avsnitt.findData(rad.get("avsnitt_id"))))
        self.form.addRow("&Grupp:", self.grupp)
        self.form.addRow("&Räknas som:", self.slag)
        self.form.addRow("", self.under_resultat)
        self.form.addRow("&Visas i avsnitt:", self.avsnitt)
        self.form.addRow("&Insats:", self.insats)
        self.form.addRow("&Medlem:", self.medlem)
        self.form.addRow("", self.flera)
        self.form.addRow("&Konto:", self.konto)
        self.fields: dict[str, QLineEdit] = {}
        for key, label in (
            ("ansvar", "&Ansvar:"),
            ("verksamhet", "&Verksamhet:"),
            ("projekt", "Aktivitet/&projekt:"),
            ("motpart", "M&otpart:"),
        ):
            edit = QLineEdit(rad.get(key) or "")
            self.fields[key] = edit
            self.form.addRow(label, edit)
        self.finish_layout()

    def perform(self) -> None:
        ops.koppla_rad(
            self.ff,
            self.rad["id"],
            grupp=self.grupp.currentData(),
            slag=self.slag.currentData(),
            under_resultat=self.under_resultat.isChecked(),
            avsnitt_id=self.avsnitt.currentData(),
            insats_id=self.insats.currentData(),
            **self._medlemmar(),
            konto=self.konto.currentText(),
            **{k: e.text() for k, e in self.fields.items()},
        )

    def _medlemmar(self) -> dict:
        if self.medlem.currentData() != self.FLERA:
            return {"medlem_id": self.medlem.currentData(), "medlemmar": []}
        checked = [
            self.flera.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.flera.count())
            if self.flera.item(i).checkState() == Qt.CheckState.Checked
        ]
        if len(checked) < 2:
            raise ops.BudgetError("Markera minst två medlemmar som raden står för.")
        return {"medlem_id": None, "medlemmar": checked}


class AnteckningDialog(_Dialog):
    def __init__(self, ff: ForbundFile, rad: dict, ar: int, text: str, parent=None):
        super().__init__(f"Anteckning: {rad['text']}, {ar}", parent, "Spara")
        self.ff, self.rad, self.ar = ff, rad, ar
        self.text = QPlainTextEdit(text)
        self.text.setAccessibleName("Anteckning")
        self.layout_.addWidget(self.text)
        self.finish_layout()

    def perform(self) -> None:
        ops.satt_anteckning(self.ff, self.rad["id"], self.ar, self.text.toPlainText())


class NyRadDialog(_Dialog):
    def __init__(
        self, ff: ForbundFile, version_id: int, grupp: Grupp, efter: int | None, parent=None
    ):
        super().__init__("Ny budgetrad", parent, "Lägg till")
        self.ff, self.version_id, self.efter = ff, version_id, efter
        self.created: int | None = None
        self.grupp = QComboBox()
        for g in Grupp:
            self.grupp.addItem(g.label, g.value)
        self.grupp.setCurrentIndex(self.grupp.findData(grupp.value))
        self.text = QLineEdit()
        self.text.setAccessibleName("Radens text")
        self.form.addRow("&Grupp:", self.grupp)
        self.form.addRow("&Text:", self.text)
        self.finish_layout()

    def perform(self) -> None:
        grupp = Grupp(self.grupp.currentData())
        self.created = ops.lagg_till_rad(
            self.ff, self.version_id, grupp, self.text.text(), efter=self.efter
        )


class ExportDialog(_Dialog):
    """Excel to the ekonomienhet: the choices, remembered per förbund, and the file."""

    def __init__(self, ff: ForbundFile, version: dict, parent=None):
        from reports.ekonomi_excel import KOLUMNER, sparade_val

        super().__init__("Excel till ekonomienheten", parent, "Spara Excelfil…")
        self.ff, self.version = ff, version
        self.written: Path | None = None
        val = sparade_val(ff)
        self.year = QComboBox()
        self.year.setAccessibleName("Budgetår")
        versions = ekonomi.budget_versioner(ff)
        first = min((v["ar"] for v in versions), default=version["ar"])
        last = max((v["ar"] + 2 for v in versions), default=version["ar"] + 2)
        for y in range(first, last + 1):
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(self.year.findData(version["ar"]))
        self.form.addRow("&År:", self.year)
        #: which budget the year's figures come from: its decided one by default
        self.kalla = QLabel()
        self.kalla.setWordWrap(True)
        self.kalla.setAccessibleName("Budget som exporteras")
        self.form.addRow("Budget:", self.kalla)
        self.forslag = QCheckBox("Exportera förslaget ändå")
        self.form.addRow("", self.forslag)
        self.year.currentIndexChanged.connect(self._year_changed)
        self._year_changed()
        row = QHBoxLayout()
        self.columns: dict[str, QCheckBox] = {}
        for key, label in KOLUMNER.items():
            box = QCheckBox(label)
            box.setChecked(key in val.kolumner)
            self.columns[key] = box
            row.addWidget(box)
        self.form.addRow("Kolumner:", row)
        self.layout_choice = QComboBox()
        self.layout_choice.addItem("Lång: en rad per period", "long")
        self.layout_choice.addItem("Bred: tolv månadskolumner och summa", "wide")
        self.layout_choice.setCurrentIndex(self.layout_choice.findData(val.layout))
        self.form.addRow("&Layout:", self.layout_choice)
        self.period = QComboBox()
        self.period.addItem("1/12 per månad, resten i december", "jamnt")
        self.period.addItem("Månadsprofil", "profil")
        self.period.addItem("Allt i en månad", "manad")
        self.period.setCurrentIndex(self.period.findData(val.periodisering))
        self.form.addRow("&Periodisering:", self.period)
        self.profil = QLineEdit(" ".join(val.profil))
        self.profil.setToolTip(
            "Tolv vikter, en per månad, med mellanslag emellan (till exempel procent)."
        )
        self.form.addRow("Månads&profil:", self.profil)
        self.manad = QSpinBox()
        self.manad.setRange(1, 12)
        self.manad.setValue(val.manad)
        self.form.addRow("&Månad:", self.manad)
        self.tecken = QComboBox()
        self.tecken.addItem("Intäkter positiva, kostnader negativa (som i rapporterna)", "rapport")
        self.tecken.addItem(
            "Intäkter negativa, kostnader positiva (som i bokföringen)", "bokforing"
        )
        self.tecken.setCurrentIndex(self.tecken.findData(val.tecken))
        self.form.addRow("&Tecken:", self.tecken)
        self.period.currentIndexChanged.connect(self._period_changed)
        self._period_changed()
        self.finish_layout()
        self.path: Path | None = None

    def budget(self) -> ekonomi.Arsbudget | None:
        return ekonomi.arets_budget(self.ff, self.year.currentData())

    def _year_changed(self) -> None:
        budget = self.budget()
        if budget is None:
            self.kalla.setText(f"Ingen budget för {self.year.currentData()}.")
        else:
            self.kalla.setText(budget.text())
        set_role(self.kalla, "" if budget and budget.beslutad else "fieldError")
        self.kalla.style().unpolish(self.kalla)
        self.kalla.style().polish(self.kalla)
        self.forslag.setVisible(budget is not None and not budget.beslutad)
        self.forslag.setChecked(False)

    def _period_changed(self) -> None:
        self.profil.setEnabled(self.period.currentData() == "profil")
        self.manad.setEnabled(self.period.currentData() == "manad")

    def val(self):
        from reports.ekonomi_excel import ExportVal

        profil = self.profil.text().replace(";", " ").split()
        return ExportVal(
            kolumner=[k for k, b in self.columns.items() if b.isChecked()],
            layout=self.layout_choice.currentData(),
            periodisering=self.period.currentData(),
            profil=profil,
            manad=self.manad.value(),
            tecken=self.tecken.currentData(),
        )

    def perform(self) -> None:
        from finsam_desktop.files import describe_os_error
        from reports.ekonomi_excel import ExportError, spara_val, write_export

        budget = self.budget()
        if budget is None:
            raise Refusal(f"Det finns ingen budget för {self.year.currentData()} att exportera.")
        if not budget.beslutad and not self.forslag.isChecked():
            raise Refusal(
                f"{budget.text()}. Ekonomienheten brukar vilja ha den beslutade budgeten; "
                "markera ”Exportera förslaget ändå” om förslaget ska skickas."
            )
        val = self.val()
        try:
            val.check()
            if val.periodisering == "profil":
                ops.periodisera(
                    100, "profil", profil=[Decimal(p.replace(",", ".")) for p in val.profil]
                )
        except (ExportError, ArithmeticError) as exc:
            raise Refusal(str(exc) or "Månadsprofilen ska vara tolv tal.") from None
        path = self.path
        if path is None:
            path = ask_save_path(
                self,
                "Spara Excel till ekonomienheten",
                self.ff.path,
                f"Budget {self.year.currentData()}.xlsx",
                ".xlsx",
                "Excel (*.xlsx)",
            )
            if path is None:
                raise Refusal("Ingen fil vald.")
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        spara_val(self.ff, val)
        try:
            write_export(self.ff, budget.version["id"], self.year.currentData(), path, val)
        except ExportError as exc:
            raise Refusal(str(exc)) from None
        except OSError as exc:  # a missing or read-only folder, a full disk
            raise Refusal(describe_os_error(exc, path, "Budgetexporten")) from None
        self.written = path
        self.written_text = budget.text()
