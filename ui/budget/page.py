"""Budget: the grid of a budget version, its versions and decisions, and the rules beside it.

The page picks a version (decided ones locked), shows it in :class:`BudgetGridView` in the unit
chosen for the file (kr or tkr: the preference ``budget_enhet``, kept in the file but outside
Ångra, see :mod:`finsam_desktop.settings`), and keeps a rules panel live: the result of each
year ≥ 0 or a declared use of eget kapital with its reason; the forecast eget kapital at each
year end against the ceiling; the administration share of the budget year.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import budget as ops
from finsam_desktop import ekonomi, uppstallning
from finsam_desktop.errors import Refusal
from finsam_desktop.model import BudgetStatus, Grupp
from finsam_desktop.money import Unit, format_amount, format_percent
from finsam_desktop.settings import get_setting, set_setting
from finsam_desktop.storage import ForbundFile, StorageError
from finsam_desktop.swedish import plural

from ..pages.base import Page
from ..style import ERROR, OK, WARNING, set_role, set_tone
from . import dialogs
from .grid import BudgetGridModel, Kind
from .view import BudgetGridView


def version_text(v: dict, nummer: int | None = None) -> str:
    """How a version is named in the picker: "2026 – Verksamhetsplan … (beslutad 2025-11-27)";
    with ``nummer`` (a year with several versions) "2026 – Förslag, version 2 (förslag)", so
    two versions of one name are told apart."""
    name = v["namn"] or f"Budget {v['ar']}"
    text = f"{v['ar']} – {name}" + (f", version {nummer}" if nummer else "")
    if v["status"] == BudgetStatus.BESLUTAD.value and v["beslut_datum"]:
        return f"{text} (beslutad {v['beslut_datum']})"
    return f"{text} (förslag)"


def menu_button(text: str, *items: str | None) -> tuple[QToolButton, list]:
    """A button that opens a menu of ``items`` (None: a separator) and the menu's actions."""
    button = QToolButton()
    button.setText(text)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    actions = []
    for item in items:
        if item is None:
            menu.addSeparator()
        else:
            actions.append(menu.addAction(item))
    button.setMenu(menu)
    return button, actions


class RulesPanel(QFrame):
    """The budget rules under the grid, recomputed from the grid's sums whenever they change."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("budgetRules")
        self.setProperty("card", True)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(14, 10, 14, 10)
        outer.setSpacing(24)

        def column(title: str) -> QVBoxLayout:
            box = QVBoxLayout()
            box.setSpacing(4)
            box.addWidget(set_role(QLabel(title), "section"))
            outer.addLayout(box, 1)
            return box

        def figure(box: QVBoxLayout, name: str, *, rich: bool = True) -> QLabel:
            label = QLabel()
            label.setWordWrap(True)
            if rich:
                label.setTextFormat(Qt.TextFormat.RichText)
            label.setAccessibleName(name)
            box.addWidget(label)
            return label

        first = column("Resultatet")
        self.result = figure(first, "Resultatkrav")
        motivering = QHBoxLayout()
        self.motivering = QLineEdit()
        self.motivering.setAccessibleName("Motivering för eget kapital")
        self.motivering.setPlaceholderText("Motivering för att ta eget kapital i anspråk")
        self.save_motivering = QPushButton("Spara")
        self.save_motivering.setAccessibleName("Spara motivering")
        motivering.addWidget(self.motivering, 1)
        motivering.addWidget(self.save_motivering)
        first.addLayout(motivering)
        self.balance = QPushButton("Balansera med markerad rad")
        self.balance.setToolTip(
            "Sätter den markerade radens belopp så att resultatet blir 0 alla tre åren, "
            "till exempel med raden ”Reserverade medel för nya aktiviteter”."
        )
        first.addWidget(self.balance, 0, Qt.AlignmentFlag.AlignLeft)
        first.addStretch(1)
        second = column("Eget kapital mot taket")
        self.eget_kapital = figure(second, "Eget kapital mot taket")
        second.addStretch(1)
        third = column("Administrationsandel")
        self.admin = figure(third, "Administrationsandel", rich=False)
        third.addStretch(1)


def _saved_unit(ff: ForbundFile | None) -> Unit:
    """The unit chosen for the file's budget grid (tkr for a file where none was chosen)."""
    return Unit(get_setting(ff, "budget_enhet")) if ff is not None else Unit.TKR


def _color(text: str, color: str) -> str:
    return f'<span style="color:{color}">{text}</span>'


class BudgetPage(Page):
    key = "budget"
    title = "Budget"
    icon_name = "budget"
    description = (
        "Budget för år N och plan för de två följande åren. Skriv belopp direkt i rutnätet; "
        "intäkter positiva, kostnader negativa. Klistra in block från Excel med Ctrl+V."
    )

    def __init__(self, today=None, parent=None):
        super().__init__(today, parent)
        layout = self.page_layout()

        bar = QHBoxLayout()
        bar.setSpacing(8)
        label = QLabel("&Version:")
        self.version_combo = QComboBox()
        self.version_combo.setAccessibleName("Budgetversion")
        self.version_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label.setBuddy(self.version_combo)
        bar.addWidget(label)
        bar.addWidget(self.version_combo)
        self.new_button, (self.action_copy, self.action_roll, self.action_empty) = menu_button(
            "Ny version",
            "Kopia av den här versionen (ny version att ändra)",
            "Ny budget från föregående…",
            "Tom budget för ett år…",
        )
        bar.addWidget(self.new_button)
        self.decide_button = QPushButton("Besluta…")
        bar.addWidget(self.decide_button)
        self.funding_button = QPushButton("Medelstilldelning…")
        bar.addWidget(self.funding_button)
        bar.addStretch(1)
        self.more_button, actions = menu_button(
            "Utfall och Excel",
            "Utfall mot budget…",
            "Importera utfall (Excel eller SIE)…",
            "Excel till ekonomienheten…",
            None,
            "Bokslutsuppgifter…",
            "Balansprognos…",
            "Delårsbalans…",
            "Kontoplan…",
        )
        (self.action_uppfoljning, self.action_import, self.action_export, self.action_bokslut,
         self.action_balansprognos, self.action_delarsbalans,
         self.action_kontoplan) = actions  # fmt: skip
        bar.addWidget(self.more_button)
        self.unit_combo = QComboBox()
        self.unit_combo.setAccessibleName("Enhet")
        self.unit_combo.addItem("tkr", Unit.TKR.value)
        self.unit_combo.addItem("kr", Unit.KR.value)
        self.unit_combo.setToolTip(
            "Belopp visas och skrivs i vald enhet: i tkr betyder 1 255,5 alltså 1 255 500 kr. "
            "Skriv enheten efter talet (”67 500 kr”, ”2,5 mkr”) för att ange den själv. "
            "Valet sparas i förbundsfilen."
        )
        bar.addWidget(self.unit_combo)
        layout.addLayout(bar)

        self.status = set_role(QLabel(), "subtitle")
        self.status.setAccessibleName("Versionens status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        rows = QHBoxLayout()
        rows.setSpacing(6)
        self.add_row = QPushButton("Ny rad…")
        self.delete_row = QPushButton("Ta bort rad")
        self.up_row = QPushButton("Flytta upp")
        self.down_row = QPushButton("Flytta ned")
        self.link_row = QPushButton("Koppla…")
        self.note_button = QPushButton("Anteckning…")
        self.layout_button = QPushButton("Uppställning…")
        self.layout_button.setToolTip(
            "Förbundets egna avsnitt och summarader, som budgeten och verksamhetsplanen visar"
        )
        #: The buttons that edit the grid's rows (enabled together with the version).
        self.row_buttons = (self.add_row, self.delete_row, self.up_row, self.down_row,
                            self.link_row, self.note_button, self.layout_button)  # fmt: skip
        for b in self.row_buttons:
            rows.addWidget(b)
        rows.addStretch(1)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Meddelande")
        rows.addWidget(self.message, 2)
        layout.addLayout(rows)

        self.model = BudgetGridModel(self)
        self.grid = BudgetGridView()
        self.grid.setModel(self.model)
        self.rules = RulesPanel()
        splitter = QSplitter(Qt.Orientation.Vertical)
        grid_box = QWidget()
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.grid, 1)
        #: what the grid's looks mean (issue 18.8: typed and derived differed only by looks)
        self.legend = set_role(
            QLabel(
                "Belopp i <i>grå kursiv</i> är härledda av programmet (uppräkning, "
                "medelstilldelning) och räknas om; övriga är inskrivna och skrivs aldrig över. "
                "Rött: tecknet ser fel ut (intäkter skrivs positiva, kostnader negativa)."
            ),
            "muted",
        )
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName("Förklaring till rutnätet")
        grid_layout.addWidget(self.legend)
        splitter.addWidget(grid_box)
        splitter.addWidget(self.rules)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        self._versions: dict[int, dict] = {}
        self._open_dialog = None
        self.version_combo.currentIndexChanged.connect(self._load)
        # a long version name is cut at the window's width: the whole of it on hovering
        self.version_combo.currentTextChanged.connect(self.version_combo.setToolTip)
        self.unit_combo.currentIndexChanged.connect(self._unit_changed)
        self.model.sums_changed.connect(self._update_rules)
        self.model.refused.connect(self.show_message)
        self.grid.message.connect(self.show_message)
        self.action_copy.triggered.connect(self._copy_version)
        self.action_roll.triggered.connect(self._roll_forward)
        self.action_empty.triggered.connect(self._empty_version)
        self.decide_button.clicked.connect(self._decide)
        self.funding_button.clicked.connect(self._funding)
        self.action_uppfoljning.triggered.connect(self._uppfoljning)
        self.action_import.triggered.connect(self._import_utfall)
        self.action_export.triggered.connect(self._export)
        self.action_bokslut.triggered.connect(self._bokslut)
        self.action_balansprognos.triggered.connect(self._balansprognos)
        self.action_delarsbalans.triggered.connect(self._delarsbalans)
        self.action_kontoplan.triggered.connect(self._kontoplan)
        self.add_row.clicked.connect(self._add_row)
        self.delete_row.clicked.connect(self._delete_row)
        self.up_row.clicked.connect(lambda: self._move(-1))
        self.down_row.clicked.connect(lambda: self._move(1))
        self.link_row.clicked.connect(self._link)
        self.note_button.clicked.connect(self._note)
        self.layout_button.clicked.connect(self._uppstallning)
        self.rules.save_motivering.clicked.connect(self._save_motivering)
        self.rules.balance.clicked.connect(self._balance)

    # -- loading --------------------------------------------------------------------------------

    def set_file(self, ff: ForbundFile | None) -> None:
        self._show_unit(_saved_unit(ff))
        super().set_file(ff)

    def _show_unit(self, unit: Unit) -> None:
        """Show ``unit`` in the picker and the grid without storing it (it came from the file)."""
        self.unit_combo.blockSignals(True)
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(unit.value))
        self.unit_combo.blockSignals(False)
        self.model.set_unit(unit)
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, max(0, self.model.columnCount() - 1)
        )

    def refresh(self) -> None:
        if self.ff is None:
            self.model.load(None, None)
            return
        wanted = self.version_combo.currentData()
        oldest_first = ekonomi.budget_versioner(self.ff)
        count: dict[int, int] = {}
        nummer: dict[int, int] = {}
        for v in sorted(oldest_first, key=lambda v: v["id"]):  # numbered as they were made
            nummer[v["id"]] = count[v["ar"]] = count.get(v["ar"], 0) + 1
        versions = list(reversed(oldest_first))
        self.version_combo.blockSignals(True)
        self.version_combo.clear()
        for v in versions:
            several = count[v["ar"]] > 1
            self.version_combo.addItem(
                version_text(v, nummer[v["id"]] if several else None), v["id"]
            )
        index = self.version_combo.findData(wanted) if wanted is not None else -1
        if index < 0:
            index = self._default_index(versions)
        self.version_combo.setCurrentIndex(index)
        self.version_combo.blockSignals(False)
        self.version_combo.setToolTip(self.version_combo.currentText())
        self._versions = {v["id"]: v for v in versions}
        self._load()

    def _default_index(self, versions: list[dict]) -> int:
        """Next year's newest version in autumn, else this year's decided, else the newest."""
        today = self.today()
        wanted_years = [today.year + 1, today.year] if today.month >= 9 else [today.year]
        for year in wanted_years:
            for i, v in enumerate(versions):
                if v["ar"] == year:
                    return i
        return 0 if versions else -1

    def select_version(self, version_id: int) -> None:
        index = self.version_combo.findData(version_id)
        if index >= 0:
            self.version_combo.setCurrentIndex(index)

    def current_version(self) -> dict | None:
        return self._versions.get(self.version_combo.currentData())

    def _load(self) -> None:
        if self.ff is None:
            return
        version = self.current_version()
        self.model.load(self.ff, version["id"] if version else None)
        locked = bool(version) and version["status"] == BudgetStatus.BESLUTAD.value
        editable = bool(version) and not locked and not self.ff.read_only
        for w in (
            self.decide_button,
            self.funding_button,
            *self.row_buttons,
            self.rules.save_motivering,
            self.rules.balance,
        ):
            w.setEnabled(editable)
        self.rules.motivering.setReadOnly(not editable)
        self.action_copy.setEnabled(bool(version) and not self.ff.read_only)
        self.action_roll.setEnabled(bool(version) and not self.ff.read_only)
        self.action_export.setEnabled(bool(version))
        for action in (self.action_import, self.action_bokslut, self.action_balansprognos,
                       self.action_delarsbalans, self.action_kontoplan):  # fmt: skip
            action.setEnabled(not self.ff.read_only)
        if version is None:
            self.status.setText("Förbundsfilen har ingen budget ännu. Välj Ny version.")
        elif locked:
            paragraf = f", {version['beslut_paragraf']}" if version["beslut_paragraf"] else ""
            self.status.setText(
                f"Beslutad av styrelsen {version['beslut_datum']}{paragraf}. Låst; gör en ny "
                "version för att ändra. Utfall kan skrivas i kolumnen Utfall."
            )
        else:
            self.status.setText(
                "Förslag, inte beslutat av styrelsen. Ändringar sparas direkt och kan ångras."
            )
        self.rules.motivering.setText(version["eget_kapital_motivering"] if version else "")

    def _unit_changed(self) -> None:
        unit = Unit(self.unit_combo.currentData())
        self.model.set_unit(unit)
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )
        self._update_rules()
        self._remember_unit(unit)

    def _remember_unit(self, unit: Unit) -> None:
        """Keep the unit in the file (a preference: no action for Ångra), when it can be."""
        if self.ff is None or self.ff.read_only or _saved_unit(self.ff) is unit:
            return
        try:
            set_setting(self.ff, "budget_enhet", unit.value)
        except StorageError as err:
            self.show_message(
                f"Enheten visas i {unit.value} men kunde inte sparas i filen. {err.message}"
            )

    def show_message(self, text: str, *, ok: bool = False) -> None:
        """Say what went wrong (red), or with ``ok`` what was done (green)."""
        self.message.setText(text)
        self.message.setToolTip(text)
        set_tone(self.message, "ok" if ok else "error")

    # -- rules ----------------------------------------------------------------------------------

    def _update_rules(self) -> None:
        version = self.current_version()
        if version is None or self.ff is None or not self.model.lines:
            self.rules.result.setText("")
            self.rules.eget_kapital.setText("")
            self.rules.admin.setText("")
            return
        unit = self.model.unit
        motivering = version["eget_kapital_motivering"].strip()
        lines = []
        missing = False
        for y in self.model.cols.years:
            res = self.model.resultat(y)
            amount = format_amount(res, unit, suffix=True)
            if res >= 0:
                lines.append(_color(f"✓ {y}: resultat {amount}", OK))
            elif motivering:
                lines.append(_color(f"✓ {y}: {amount}, eget kapital tas i anspråk", WARNING))
            else:
                missing = True
                lines.append(_color(f"✗ {y}: underskott {amount}", ERROR))
        if missing:
            lines.append(_color("Balansera budgeten eller motivera nedan.", ERROR))
        self.rules.result.setText("<br>".join(lines))
        self.rules.eget_kapital.setText(self._eget_kapital_text(version, unit))
        self.rules.admin.setText(self._admin_text(version))

    def _eget_kapital_text(self, version: dict, unit: Unit) -> str:
        prognos = ekonomi.eget_kapital_prognos(self.ff, version["id"])
        if not prognos:
            return "Inget bokslut före budgetåret; eget kapital kan inte prognostiseras."
        # the version's own years from the grid's live sums
        years = self.model.cols.years
        base = next((p for p in prognos if p.ar == years[0] - 1), None)
        ek = base.eget_kapital if base else None
        tak_procent = get_setting(self.ff, "eget_kapital_tak_procent")
        rows = []
        for p in prognos:
            if p.ar in years and ek is not None:
                ek += self.model.resultat(p.ar)
                bidrag = self._driftbidrag(p.ar) or self.model.intakter(p.ar)
                value = ek
            else:
                bidrag, value = p.driftbidrag, p.eget_kapital
            kind = "utfall" if p.utfall else "prognos"
            # held against the ceiling as the check holds it, with the decimals that decide
            t = ekonomi.EgetKapitalTak(
                p.ar, value, bidrag, Decimal(value) / bidrag if bidrag else Decimal(0), tak_procent
            )
            over = bool(bidrag) and t.over_tak
            style = f' style="color:{WARNING}"' if over else ""
            rows.append(
                f"<tr{style}><td>{p.ar} {kind}</td>"
                f'<td align="right">&nbsp;&nbsp;{format_amount(value, unit)}</td>'
                f'<td align="right">&nbsp;&nbsp;{t.andel_text if bidrag else "–"}</td>'
                f'<td align="right">&nbsp;&nbsp;{format_amount(t.tak, unit)}</td>'
                f"<td>{'&nbsp;över' if over else ''}</td></tr>"
            )
        head = (
            '<tr><th align="left">År</th><th align="right">&nbsp;Eget kapital</th>'
            '<th align="right">&nbsp;Andel</th><th align="right">&nbsp;Tak</th><th></th></tr>'
        )
        lines = [f"<table cellspacing=0 cellpadding=1>{head}{''.join(rows)}</table>"]
        lines.append(
            f"Belopp i {unit.value}. Tak: {format_percent(tak_procent / 100)} av årets driftbidrag."
        )
        return "<br>".join(lines)

    def _driftbidrag(self, year: int) -> int:
        return sum(
            self.model.amounts.get(line.rad_id, {}).get(year, 0)
            for line in self.model.lines
            if line.kind is Kind.ROW
            and line.grupp is Grupp.INTAKTER
            and line.rad.get("medlem_id") is not None
        )

    def _admin_text(self, version: dict) -> str:
        year = self.model.cols.years[0]
        kostnad = -(
            self.model.group_sum(Grupp.STYRELSE, year)
            + self.model.group_sum(Grupp.ADMINISTRATION, year)
        )
        bidrag = self._driftbidrag(year) or self.model.intakter(year)
        prognos = ekonomi.eget_kapital_prognos(self.ff, version["id"])
        ib = next((p.eget_kapital for p in prognos if p.ar == year - 1), None)
        if not bidrag:
            return "Inga intäkter i budgeten ännu."
        base = bidrag + (ib or 0)
        andel = Decimal(kostnad) / Decimal(base) if base else Decimal(0)
        ib_text = "" if ib is not None else " (utan ingående eget kapital: inget bokslut)"
        return (
            f"{year}: styrelse och kansli {format_percent(andel, 1)} av driftbidrag och "
            f"ingående eget kapital{ib_text}."
        )

    def _save_motivering(self) -> None:
        version = self.current_version()
        if version is None:
            return
        self._run(lambda: ops.satt_motivering(self.ff, version["id"], self.rules.motivering.text()))

    def _balance(self) -> None:
        version = self.current_version()
        _, line = self._current_line()
        if version is None or line is None or line.kind is not Kind.ROW:
            self.show_message(
                "Markera raden som ska ta det som blir över, t.ex. reserverade medel."
            )
            return
        rad_id = line.rad_id
        self._run(lambda: ops.balansera(self.ff, version["id"], rad_id))

    # -- actions --------------------------------------------------------------------------------

    def _run(self, action) -> object:
        try:
            result = action()
        except Refusal as exc:
            self.show_message(str(exc))
            return None
        self.show_message("")
        return result

    def _current_line(self):
        index = self.grid.currentIndex()
        if not index.isValid():
            return None, None
        return index, self.model.line(index.row())

    def _copy_version(self) -> None:
        version = self.current_version()
        if version is not None:
            vid = self._run(lambda: ops.kopiera_version(self.ff, version["id"]))
            if vid:
                self.select_version(vid)

    def _empty_version(self) -> None:
        dialog = dialogs.TomBudgetDialog(self.ff, self.today(), self)
        self._show(dialog, lambda: dialog.created and self.select_version(dialog.created))

    def _show(self, dialog, done=None) -> None:
        self._open_dialog = dialog
        if done is not None:
            dialog.accepted.connect(done)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _roll_forward(self) -> None:
        version = self.current_version()
        if version is None:
            return
        dialog = dialogs.UpprakningDialog(self.ff, version, self)
        self._show(dialog, lambda: dialog.created and self.select_version(dialog.created))

    def _decide(self) -> None:
        version = self.current_version()
        if version is not None:
            self._show(dialogs.BeslutDialog(self.ff, version, self.today(), self))

    def _funding(self) -> None:
        version = self.current_version()
        if version is not None:
            self._show(dialogs.MedelstilldelningDialog(self.ff, version, self))

    def _uppfoljning(self) -> None:
        """The year's decided budget beside its utfall and prognosis (issue 18.7), whichever
        version the grid shows."""
        from .uppfoljning_dialog import UppfoljningDialog

        self._show(UppfoljningDialog(self.ff, Unit(self.unit_combo.currentData()), self))

    def _import_utfall(self) -> None:
        from .utfall_dialog import UtfallImportDialog

        version = self.current_version()
        year = version["ar"] if version else self.today().year
        dialog = UtfallImportDialog(self.ff, year, self)
        self._show(dialog, lambda: self._utfall_imported(dialog.result))

    def _utfall_imported(self, result) -> None:
        """Say where accounts placed by their class went (issue 17: never without a word), and
        the total rows of the file that were not read as utfall (issue 18.4)."""
        if result is None or not (result.placerade or result.obs or result.ersatt or result.delat):
            return
        lines = [f"Utfall {result.ar}: {plural(result.rader, 'rad', 'rader')} importerades."]
        lines += [
            f"Konto {p.konto} ({format_amount(p.belopp_ore, suffix=True)}) placerades efter "
            f"kontoklass i {Grupp(p.grupp).label} som ”{p.namn}”."
            for p in result.placerade
        ]
        lines += list(result.delat)
        lines += list(result.obs)
        if result.ersatt:
            lines.append(
                f"Det ersatte {result.ersatt}. Säkerhetskopian före importen: "
                f"{result.sakerhetskopia.name}; Ångra tar tillbaka importen."
            )
        box = QMessageBox(QMessageBox.Icon.Information, "Utfall importerat", "\n".join(lines),
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.utfall_message = box
        box.open()

    def _export(self) -> None:
        version = self.current_version()
        if version is None:
            return
        dialog = dialogs.ExportDialog(self.ff, version, self)
        self._show(
            dialog,
            lambda: (
                dialog.written
                and self.show_message(
                    f"Excelfilen är sparad: {dialog.written} ({dialog.written_text})", ok=True
                )
            ),
        )

    def _bokslut(self) -> None:
        from .ekonomi_dialogs import BokslutDialog

        version = self.current_version()
        year = (version["ar"] - 1) if version else self.today().year - 1
        self._show(BokslutDialog(self.ff, year, self))

    def _balansprognos(self) -> None:
        from .ekonomi_dialogs import BalansprognosDialog

        version = self.current_version()
        year = (version["ar"] - 1) if version else self.today().year
        self._show(BalansprognosDialog(self.ff, year, self))

    def _delarsbalans(self) -> None:
        from .ekonomi_dialogs import DelarsbalansDialog

        self._show(DelarsbalansDialog(self.ff, self.today().year, 8, self))

    def _kontoplan(self) -> None:
        from .ekonomi_dialogs import KontoplanDialog

        self._show(KontoplanDialog(self.ff, self))

    def _add_row(self) -> None:
        version = self.current_version()
        if version is None:
            return
        _, line = self._current_line()
        grupp = line.grupp if line is not None and line.grupp is not None else Grupp.INSATSER
        efter = line.rad_id if line is not None and line.kind is Kind.ROW else None
        self._show(dialogs.NyRadDialog(self.ff, version["id"], grupp, efter, self))

    def _delete_row(self) -> None:
        _, line = self._current_line()
        if line is None or line.kind is not Kind.ROW:
            self.show_message("Markera en budgetrad först.")
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Ta bort rad",
            f"Ta bort raden ”{line.rad['text']}” med dess belopp och anteckningar? "
            "Det går att ångra.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText("Ta bort")
        box.button(QMessageBox.StandardButton.Cancel).setText("Avbryt")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        rad_id = line.rad_id
        box.accepted.connect(lambda: self._run(lambda: ops.ta_bort_rad(self.ff, rad_id)))
        self._show(box)

    def _move(self, steg: int) -> None:
        index, line = self._current_line()
        if line is None or line.kind is not Kind.ROW:
            self.show_message("Markera en budgetrad först.")
            return
        rad_id, column = line.rad_id, index.column()
        if line.rad.get("avsnitt_id") is not None:  # among the rows of the förbund's avsnitt
            self._run(lambda: uppstallning.flytta_i_avsnitt(self.ff, rad_id, steg))
        else:
            self._run(lambda: ops.flytta_rad(self.ff, rad_id, steg))
        for r, other in enumerate(self.model.lines):
            if other.rad_id == rad_id:
                self.grid.setCurrentIndex(self.model.index(r, column))
                break

    def _link(self) -> None:
        _, line = self._current_line()
        if line is None or line.kind is not Kind.ROW:
            self.show_message("Markera en budgetrad först.")
            return
        self._show(dialogs.KopplaDialog(self.ff, line.rad, self))

    def _uppstallning(self) -> None:
        version = self.current_version()
        if version is None:
            return
        from .uppstallning_dialog import UppstallningDialog

        self._show(UppstallningDialog(self.ff, version["id"], self))

    def _note(self) -> None:
        index, line = self._current_line()
        year = self.model.cols.year_of(index.column()) if index is not None else None
        if line is None or line.kind is not Kind.ROW or year is None:
            self.show_message("Markera en beloppscell på en budgetrad (budget eller plan).")
            return
        text = self.model.notes.get((line.rad_id, year), "")
        self._show(dialogs.AnteckningDialog(self.ff, line.rad, year, text, self))
