"""Bokslutsuppgifter, the balansprognos and the kontoplan: forms the budget page opens.

Bokslut: the year-end figures the ekonomienhet reports, typed or read from an SIE file's
#IB/#UB/#RES, stored in one action. Balansprognos: a running year's year-end balance, typed
(the fields of :data:`finsam_desktop.balansbudget.PROGNOSFALT`), where the verksamhetsplan's
balansbudget starts; stored or removed in one action. Kontoplan: the kommun's accounts,
edited in a table, imported from Excel (konto, benämning) or an SIE file's #KONTO, stored in
one action.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
)

from finsam_desktop import balansbudget, delarsbalans, ekonomi
from finsam_desktop import sie as sie_mod
from finsam_desktop import utfall_import as imp
from finsam_desktop.errors import Refusal
from finsam_desktop.model import BokslutPost
from finsam_desktop.money import AmountError, format_amount, parse_amount
from finsam_desktop.storage import ForbundFile

from ..paths import save_folder
from ..text import month_name
from .dialogs import _Dialog

BOKSLUT_LABELS = {
    "anlaggningstillgangar_ore": "Anläggningstillgångar",
    "kortfristiga_fordringar_ore": "Kortfristiga fordringar",
    "kortfristiga_placeringar_ore": "Kortfristiga placeringar",
    "kassa_och_bank_ore": "Kassa och bank",
    "eget_kapital_ib_ore": "Eget kapital IB",
    "eget_kapital_ore": "Eget kapital UB",
    "avsattningar_ore": "Avsättningar",
    "langfristiga_skulder_ore": "Långfristiga skulder",
    "kortfristiga_skulder_ore": "Kortfristiga skulder",
    "finansiella_intakter_ore": "Finansiella intäkter",
    "finansiella_kostnader_ore": "Finansiella kostnader",
    "driftbidrag_ore": "Driftbidrag",
    "antal_anstallda": "Antal anställda",
    "realisationsvinster_ore": "Samtliga realisationsvinster",
    "realisationsvinster_undantag_ore": "Realisationsvinster enligt undantag",
    "realisationsforluster_undantag_ore": "Realisationsförluster enligt undantag",
    "orealiserade_forluster_ore": "Orealiserade förluster i värdepapper",
    "aterforing_orealiserade_ore": "Återföring av orealiserade förluster",
    "resultatutjamningsreserv_ore": "Medel från (+) / till (−) resultatutjämningsreserv",
}
_NULLABLE = {"eget_kapital_ib_ore", "finansiella_intakter_ore", "finansiella_kostnader_ore",
             "driftbidrag_ore", "antal_anstallda"}  # fmt: skip
#: Fields that are a count, not an amount in kronor.
_COUNTS = {"antal_anstallda"}
#: The first field of the balanskravsutredning's rows, which get their own heading.
_BALANSKRAV_FORST = "realisationsvinster_ore"
#: The fields whose bokslut post the årsredovisning's note specifies by kind.
_SPECIFICERAS = {"kortfristiga_fordringar_ore": BokslutPost.KORTFRISTIGA_FORDRINGAR,
                 "kortfristiga_skulder_ore": BokslutPost.KORTFRISTIGA_SKULDER}  # fmt: skip
#: The balanskravsutredning's rows typed as their size (the report gives the sign).
_POSITIVA = {"realisationsvinster_ore", "realisationsvinster_undantag_ore",
             "realisationsforluster_undantag_ore", "orealiserade_forluster_ore",
             "aterforing_orealiserade_ore"}  # fmt: skip


class BokslutDialog(_Dialog):
    def __init__(self, ff: ForbundFile, year: int, parent=None):
        super().__init__("Bokslutsuppgifter", parent, "Spara")
        self.ff = ff
        self.year = QSpinBox()
        self.year.setRange(2004, 2200)
        self.year.setValue(year)
        self.form.addRow("&År:", self.year)
        self.fields: dict[str, QLineEdit] = {}
        self.spec_buttons: dict[BokslutPost, QPushButton] = {}
        self.spec_dialog: SpecifikationDialog | None = None
        for key, label in BOKSLUT_LABELS.items():
            if key == _BALANSKRAV_FORST:
                heading = QLabel(
                    "<b>Balanskravsutredning</b> (belopp positiva; de flesta förbund har inga)"
                )
                heading.setWordWrap(True)
                self.form.addRow(heading)
            edit = QLineEdit()
            edit.setAccessibleName(label)
            edit.setPlaceholderText("tomt = uppgift saknas" if key in _NULLABLE else "0")
            self.fields[key] = edit
            field = edit
            if key in _SPECIFICERAS:  # the note's specification by kind (issue 16)
                field = QHBoxLayout()
                field.addWidget(edit, 1)
                button = QPushButton("Specificera…")
                button.setAccessibleName(f"Specificera {label.lower()}")
                button.clicked.connect(lambda _c=False, k=key: self.specify(_SPECIFICERAS[k]))
                field.addWidget(button)
                self.spec_buttons[_SPECIFICERAS[key]] = button
            self.form.addRow(f"{label}:" if key in _COUNTS else f"{label} (kr):", field)
        read = QPushButton("Läs från SIE-fil…")
        read.clicked.connect(self._choose_sie)
        self.layout_.addWidget(read)
        self.year.valueChanged.connect(self._load)
        self.finish_layout()
        self._load()

    def _load(self) -> None:
        row = imp.sparat_bokslut(self.ff, self.year.value())
        for key, edit in self.fields.items():
            value = row.get(key)
            if value is None:
                edit.setText("")
            elif key in _COUNTS:
                edit.setText(str(value))
            else:
                edit.setText(format_amount(value, decimals=2 if value % 100 else 0))

    def specify(self, post: BokslutPost) -> None:
        """Open the specification of ``post`` for the year (of its stored bokslut)."""
        if ekonomi.bokslut(self.ff, self.year.value()) is None:
            self.show_error(
                f"Spara bokslutet för {self.year.value()} först; sedan kan posten specificeras."
            )
            return
        self.show_error("")
        self.spec_dialog = SpecifikationDialog(self.ff, self.year.value(), post, self)
        self.spec_dialog.finished.connect(self.spec_dialog.deleteLater)
        self.spec_dialog.open()

    def _choose_sie(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Välj SIE-fil", str(save_folder(self.ff.path)), "SIE (*.se *.si *.sie)"
        )
        if name:
            self.read_sie(Path(name))

    def read_sie(self, path: Path) -> None:
        try:
            figures = imp.bokslut_fran_sie(sie_mod.read(path), self.year.value())
        except sie_mod.SieError as exc:
            self.show_error(str(exc))
            return
        self.show_error("")
        for key, value in figures.items():
            self.fields[key].setText(format_amount(value, decimals=2 if value % 100 else 0))

    def perform(self) -> None:
        values: dict[str, int | None] = {}
        for key, edit in self.fields.items():
            text = edit.text().strip()
            if not text:
                values[key] = None if key in _NULLABLE else 0
                continue
            if key in _COUNTS:
                if not text.isdecimal() or int(text) > 100_000:
                    raise Refusal(f"{BOKSLUT_LABELS[key]}: skriv ett heltal, 0 eller mer.")
                values[key] = int(text)
                continue
            try:
                values[key] = parse_amount(text)
            except AmountError as exc:
                raise Refusal(f"{BOKSLUT_LABELS[key]}: {exc}") from None
            if key in _POSITIVA and values[key] < 0:
                raise Refusal(f"{BOKSLUT_LABELS[key]}: skriv beloppet utan minustecken.")
        imp.spara_bokslut(self.ff, self.year.value(), values)


class SpecifikationDialog(_Dialog):
    """A balance-sheet post of the bokslut by kind (the årsredovisning's note): rows of text
    and amount, their sum held against the post, stored in one action."""

    def __init__(self, ff: ForbundFile, year: int, post: BokslutPost, parent=None):
        super().__init__(f"Specifikation: {post.label.lower()} {year}", parent, "Spara")
        self.ff, self.year, self.post = ff, year, BokslutPost(post)
        intro = QLabel(
            f"{post.label} {year} efter slag, som noten i årsredovisningen visar dem. "
            "Summan bör vara bokslutets belopp."
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Slag", "Belopp (kr)"])
        self.table.setAccessibleName(f"Specifikation av {post.label.lower()}")
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 300)
        self.table.setMinimumWidth(460)
        self.layout_.addWidget(self.table)
        buttons = QHBoxLayout()
        add = QPushButton("Lägg till rad")
        add.clicked.connect(lambda: self.add_row("", ""))
        remove = QPushButton("Ta bort rad")
        remove.clicked.connect(self._remove_row)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.summa = QLabel("")
        self.summa.setWordWrap(True)
        self.layout_.addWidget(self.summa)
        self.finish_layout()
        for text, ore in ekonomi.specifikation(ff, year, self.post):
            self.add_row(text, format_amount(ore, decimals=2 if ore % 100 else 0))
        self.table.itemChanged.connect(self._update_sum)
        self._update_sum()

    def add_row(self, text: str, amount: str) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(text))
        item = QTableWidgetItem(amount)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(r, 1, item)
        self._update_sum()

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._update_sum()

    def rows(self) -> list[tuple[str, int]]:
        """The rows typed, as (text, öre); Refusal naming the row that cannot be read."""
        out = []
        for r in range(self.table.rowCount()):
            text = (self.table.item(r, 0).text() if self.table.item(r, 0) else "").strip()
            amount = (self.table.item(r, 1).text() if self.table.item(r, 1) else "").strip()
            if not text and not amount:
                continue
            try:
                ore = parse_amount(amount)
            except AmountError as exc:
                raise Refusal(f"Rad {r + 1}: {exc}") from None
            out.append((text, ore))
        return out

    def _update_sum(self) -> None:
        b = ekonomi.bokslut(self.ff, self.year)
        post = getattr(b, self.post.value) if b is not None else None
        try:
            total = sum(ore for _, ore in self.rows())
        except Refusal as exc:
            self.summa.setText(str(exc))
            return
        said = f"Summa {format_amount(total, suffix=True)}"
        if post is not None:
            said += f"; bokslutet: {format_amount(post, suffix=True)}"
            if total != post and self.table.rowCount():
                said += f". Skillnad {format_amount(total - post, suffix=True)}."
        self.summa.setText(said)

    def perform(self) -> None:
        ekonomi.spara_specifikation(self.ff, self.year, self.post, self.rows())


class _BalansDialog(_Dialog):
    """A balance typed as a balansräkning shows it: a field per figure (``falt``), in kr,
    with the two sides' sums and their difference under them as they are typed."""

    def _begin(self, introduction: str, year: int) -> None:
        intro = QLabel(introduction)
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.year = QSpinBox()
        self.year.setRange(2004, 2200)
        self.year.setValue(year)
        self.form.addRow("&År:", self.year)

    def _add_fields(self, falt) -> None:
        self.falt = falt
        self.setMinimumWidth(560)  # the introduction and the sums wrap at a readable width
        self.fields: dict[str, QLineEdit] = {}
        for f in falt:
            edit = QLineEdit()
            edit.setAccessibleName(f.etikett)
            edit.setPlaceholderText("0")
            edit.textChanged.connect(self._show_sums)
            self.fields[f.namn] = edit
            self.form.addRow(f"{f.etikett} (kr):", edit)
        self.sums = QLabel("")
        self.sums.setAccessibleName("Summor")
        self.sums.setWordWrap(True)
        self.form.addRow(self.sums)

    def _fill(self, stored: dict[str, int]) -> None:
        for key, edit in self.fields.items():
            value = stored.get(key)
            edit.setText(
                "" if value is None else format_amount(value, decimals=2 if value % 100 else 0)
            )

    def values(self) -> dict[str, int] | None:
        """The typed figures in öre (an empty field is 0); None when every field is empty.
        Raises Refusal naming the field that is not an amount."""
        out: dict[str, int] = {}
        labels = {f.namn: f.etikett for f in self.falt}
        for key, edit in self.fields.items():
            text = edit.text().strip()
            if not text:
                continue
            try:
                out[key] = parse_amount(text)
            except AmountError as exc:
                raise Refusal(f"{labels[key]}: {exc}") from None
        return out or None

    def _show_sums(self) -> None:
        try:
            values = self.values() or {}
        except Refusal:
            self.sums.setText("")
            return
        b = self.balans([values.get(f.namn, 0) for f in self.falt])
        text = (
            f"Summa tillgångar {format_amount(b.summa_tillgangar, suffix=True)}; eget kapital, "
            f"avsättningar och skulder "
            f"{format_amount(b.summa_eget_kapital_avsattningar_skulder, suffix=True)}"
        )
        if b.obalans:
            text += f" – skillnad {format_amount(abs(b.obalans), suffix=True)}."
        self.sums.setText(text)

    def balans(self, figures: list[int]):
        """The typed figures (in ``falt``'s order) as the domain's balance, for its sums."""
        raise NotImplementedError  # pragma: no cover - each form overrides it


class BalansprognosDialog(_BalansDialog):
    """The year-end balance forecast for a year without a bokslut: every field empty and
    Spara removes the prognosis, as does Ta bort prognos."""

    def __init__(self, ff: ForbundFile, year: int, parent=None):
        super().__init__("Balansprognos", parent, "Spara")
        self.ff = ff
        self._begin(
            "Prognos för balansräkningen vid årets slut, för ett år utan bokslut. "
            "Verksamhetsplanens balansbudget utgår från den, och dess eget kapital är årets "
            "prognos för eget kapital. Belopp positiva, som i en balansräkning.",
            year,
        )
        self._add_fields(balansbudget.PROGNOSFALT)
        self.remove = QPushButton("Ta bort prognos")
        self.remove.clicked.connect(self._remove)
        self.layout_.addWidget(self.remove)
        self.year.valueChanged.connect(self._load)
        self.finish_layout()
        self._load()

    def _load(self) -> None:
        stored = balansbudget.sparad_balansprognos(self.ff, self.year.value())
        self._fill(stored)
        self.remove.setEnabled(bool(stored) and not self.ff.read_only)
        if ekonomi.bokslut(self.ff, self.year.value()) is not None:
            self.show_error(
                f"{self.year.value()} har ett bokslut; balansbudgeten utgår från det och "
                "använder ingen prognos."
            )
        else:
            self.show_error("")
        self._show_sums()

    def balans(self, figures: list[int]) -> balansbudget.Balansar:
        return balansbudget.Balansar(self.year.value(), balansbudget.Grund.PROGNOS, *figures)

    def _remove(self) -> None:
        balansbudget.ta_bort_balansprognos(self.ff, self.year.value())
        self.accept()

    def perform(self) -> None:
        values = self.values()
        if values is None:
            balansbudget.ta_bort_balansprognos(self.ff, self.year.value())
        else:
            balansbudget.spara_balansprognos(self.ff, self.year.value(), values)


class DelarsbalansDialog(_BalansDialog):
    """The balance at the end of a delårsrapport's period, from the ekonomienhet's
    balansrapport: every field empty and Spara removes it, as does Ta bort."""

    def __init__(self, ff: ForbundFile, year: int, month: int = 8, parent=None):
        super().__init__("Delårsbalans", parent, "Spara")
        self.ff = ff
        self._begin(
            "Balansräkningen vid periodens slut, från ekonomienhetens balansrapport: "
            "delårsrapporten visar den bredvid förra årets bokslut. Eget kapital ska vara "
            "förra årets plus periodens resultat. Belopp positiva, som i en balansräkning.",
            year,
        )
        self.month = QComboBox()
        self.month.setAccessibleName("Till och med månad")
        for m in range(1, 12):
            self.month.addItem(month_name(m, capital=True), m)
        self.month.setCurrentIndex(max(0, self.month.findData(month)))
        self.form.addRow("Till och med &månad:", self.month)
        self._add_fields(delarsbalans.FALT)
        self.expected = QLabel("")
        self.expected.setAccessibleName("Eget kapital enligt bokslut och utfall")
        self.expected.setWordWrap(True)
        self.form.addRow(self.expected)
        self.remove = QPushButton("Ta bort delårsbalansen")
        self.remove.clicked.connect(self._remove)
        self.layout_.addWidget(self.remove)
        self.year.valueChanged.connect(self._load)
        self.month.currentIndexChanged.connect(self._load)
        self.finish_layout()
        self._load()

    def period(self) -> tuple[int, int]:
        return self.year.value(), self.month.currentData()

    def _load(self) -> None:
        ar, manad = self.period()
        stored = delarsbalans.sparad(self.ff, ar, manad)
        self._fill(stored)
        self.remove.setEnabled(bool(stored) and not self.ff.read_only)
        expected = delarsbalans.vantat_eget_kapital(self.ff, ar, manad)
        slut = delarsbalans.periodens_slut(ar, manad).isoformat()
        self.expected.setText(
            f"Bokslutet {ar - 1} saknas, så eget kapital per {slut} kan inte stämmas av."
            if expected is None
            else f"Eget kapital per {slut} enligt bokslutet {ar - 1} och periodens utfall: "
            f"{format_amount(expected, suffix=True)}."
        )
        self._show_sums()

    def balans(self, figures: list[int]) -> delarsbalans.Delarsbalans:
        return delarsbalans.Delarsbalans(*self.period(), *figures)

    def _remove(self) -> None:
        delarsbalans.ta_bort(self.ff, *self.period())
        self.accept()

    def perform(self) -> None:
        values = self.values()
        if values is None:
            delarsbalans.ta_bort(self.ff, *self.period())
        else:
            delarsbalans.spara(self.ff, *self.period(), values)


class KontoplanDialog(_Dialog):
    def __init__(self, ff: ForbundFile, parent=None):
        super().__init__("Kontoplan", parent, "Spara")
        self.ff = ff
        self.resize(560, 560)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Konto", "Benämning"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.layout_.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        add = QPushButton("Nytt konto")
        remove = QPushButton("Ta bort konto")
        excel = QPushButton("Importera från Excel…")
        sie = QPushButton("Importera från SIE…")
        for b in (add, remove, excel, sie):
            buttons.addWidget(b)
        self.layout_.addLayout(buttons)
        add.clicked.connect(lambda: self.add("", ""))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        excel.clicked.connect(lambda: self._choose("Excel (*.xlsx)"))
        sie.clicked.connect(lambda: self._choose("SIE (*.se *.si *.sie)"))
        for konto in ekonomi.kontoplan(ff):
            self.add(konto.nummer, konto.benamning)
        self.finish_layout()

    def add(self, nummer: str, namn: str) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).text() == nummer and nummer:
                if namn:
                    self.table.item(r, 1).setText(namn)
                return
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(nummer))
        self.table.setItem(r, 1, QTableWidgetItem(namn))

    def _choose(self, kind: str) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Importera kontoplan", str(save_folder(self.ff.path)), kind
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        try:
            if path.suffix.lower() == ".xlsx":
                konton = imp.las_kontoplan_excel(path)
            else:
                konton = sie_mod.read(path).konton
        except (imp.UtfallImportError, sie_mod.SieError) as exc:
            self.show_error(str(exc))
            return
        self.show_error("")
        for nummer, namn in konton.items():
            self.add(nummer, namn)

    def konton(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for r in range(self.table.rowCount()):
            nummer = (self.table.item(r, 0).text() if self.table.item(r, 0) else "").strip()
            namn = (self.table.item(r, 1).text() if self.table.item(r, 1) else "").strip()
            if not nummer and not namn:
                continue
            if not nummer:
                raise Refusal(f"Rad {r + 1}: ange kontots nummer.")
            if nummer in out:
                raise Refusal(f"Kontot {nummer} står två gånger.")
            out[nummer] = namn
        return out

    def perform(self) -> None:
        imp.spara_kontoplan(self.ff, self.konton())
