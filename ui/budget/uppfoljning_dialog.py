"""Utfall mot budget: the year's decided budget, the utfall so far, and the prognosis.

Whichever version the grid shows, this window takes the budget decided for the year (issue
18.7: the driftredovisning showed only when the right version was chosen), names the last
month of utfall ("Utfall januari–november"), and gives the full-year prognosis by the method
the delårsrapport prints (:func:`reports.delarsrapport.prognos_rader`), rounded and footed as
printed in the unit chosen. A year with only whole-year utfall (a closed year) shows budget,
utfall and avvikelse.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from finsam_desktop import ekonomi
from finsam_desktop.dates import MONTH_NAMES
from finsam_desktop.money import Unit, format_amount
from finsam_desktop.storage import ForbundFile

from ..style import set_role


def _years(ff: ForbundFile) -> list[int]:
    """The years with utfall, the latest first."""
    return ekonomi.utfall_ar(ff)[::-1]


def default_year(ff: ForbundFile) -> int | None:
    """The year to open on: the latest running year (monthly utfall before December), else
    the latest."""
    years = _years(ff)
    running = [y for y in years if ekonomi.lopande_manad(ff, y) is not None]
    return (running or years or [None])[0]


def budget_text(ff: ForbundFile, ar: int) -> str:
    """Which budget the figures are held against, in words."""
    version = ekonomi.gallande_budget(ff, ar)
    if version is None:
        return f"Ingen beslutad budget för {ar}: budgetkolumnen är tom."
    return f"Hålls mot {ekonomi.Arsbudget(version, ar).text()}."  # as the export names it


class UppfoljningDialog(QDialog):
    """The year's budget beside its utfall and prognosis, in the grid's unit."""

    def __init__(self, ff: ForbundFile, unit: Unit, parent=None):
        super().__init__(parent)
        self.ff, self.unit = ff, unit
        self.setWindowTitle("Utfall mot budget")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.year = QComboBox()
        self.year.setAccessibleName("År")
        for y in _years(ff):
            self.year.addItem(str(y), y)
        label = QLabel("&År:")
        label.setBuddy(self.year)
        form.addRow(label, self.year)
        layout.addLayout(form)
        self.budget_label = QLabel()
        self.budget_label.setWordWrap(True)
        layout.addWidget(self.budget_label)
        self.period_label = set_role(QLabel(), "subtitle")
        self.period_label.setWordWrap(True)
        layout.addWidget(self.period_label)
        self.table = QTableWidget(0, 0)
        self.table.setAccessibleName("Utfall mot budget")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        layout.addWidget(self.table, 1)
        self.method = set_role(QLabel(), "caption")
        self.method.setWordWrap(True)
        layout.addWidget(self.method)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Stäng")
        layout.addWidget(buttons)
        self.resize(820, 560)
        self.year.currentIndexChanged.connect(self.refresh)
        start = default_year(ff)
        if start is not None:
            self.year.setCurrentIndex(self.year.findData(start))
        self.refresh()

    def refresh(self) -> None:
        from reports.delarsrapport import PROGNOS_SKILLNADER, prognos_rader
        from reports.pdf import tables

        ar = self.year.currentData()
        if ar is None:
            self.budget_label.setText("Förbundsfilen har inget utfall än; importera det först.")
            self.period_label.setText("")
            self.table.setRowCount(0)
            return
        self.budget_label.setText(budget_text(self.ff, ar))
        manad = ekonomi.lopande_manad(self.ff, ar)  # through December: the whole year
        rader = ekonomi.driftredovisning(self.ff, ar, till_manad=manad)
        unit_text = "Belopp i kr" if self.unit is Unit.KR else "Belopp i tkr"
        if manad is not None:
            span = "januari" if manad == 1 else f"januari–{MONTH_NAMES[manad - 1]}"
            self.period_label.setText(
                f"Utfall {span} {ar}: det senaste månadsutfallet är {MONTH_NAMES[manad - 1]}."
            )
            heads = ["", f"Budget helår {ar}", f"Utfall {span}", "Prognos helår",
                     "Avvikelse mot budget"]  # fmt: skip
            rows = tables.fotad(prognos_rader(rader, manad), self.unit, PROGNOS_SKILLNADER)
            self.method.setText(
                f"{unit_text}. Intäkter positiva, kostnader negativa. "
                + ekonomi.PROGNOSMETOD.format(rest=f"{12 - manad}/12")
                + " Avvikelse = prognos − budget. Samma prognos som i delårsrapporten."
            )
        else:
            from reports.common import drift_rader

            self.period_label.setText(f"Utfall för hela {ar}.")
            heads = ["", f"Budget {ar}", f"Utfall {ar}", "Avvikelse"]

            def cells(xs) -> list[int]:
                b, u = sum(x.budget for x in xs), sum(x.utfall for x in xs)
                return [b, u, u - b]

            rows = tables.fotad(drift_rader(rader, cells, "Resultat"), self.unit, [(2, 1, 0)])
            self.method.setText(
                f"{unit_text}. Intäkter positiva, kostnader negativa. Avvikelse = utfall − budget."
            )
        self._fill(heads, rows, tables.AVRUNDNING)

    def _fill(self, heads: list[str], rows, avrundning: str) -> None:
        self.table.clear()
        self.table.setColumnCount(len(heads))
        self.table.setHorizontalHeaderLabels(heads)
        self.table.setRowCount(len(rows))
        bold = QFont(self.font())
        bold.setBold(True)
        for i, r in enumerate(rows):
            item = QTableWidgetItem(r.text)
            if r.typ in ("summa", "total"):
                item.setFont(bold)
            self.table.setItem(i, 0, item)
            for j, c in enumerate(r.celler, start=1):
                text = format_amount(c, self.unit) if isinstance(c, int) else (c or "")
                if r.text == avrundning and c == 0:
                    text = ""  # only the columns whose rounded rows do not make the total
                cell = QTableWidgetItem(text)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r.typ in ("summa", "total"):
                    cell.setFont(bold)
                self.table.setItem(i, j, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for j in range(1, len(heads)):
            header.setSectionResizeMode(j, QHeaderView.ResizeMode.ResizeToContents)

    def cell_text(self, row_text: str, column: int) -> str:
        """The text shown in a row's column (for tests and keyboard users alike)."""
        for i in range(self.table.rowCount()):
            if self.table.item(i, 0).text() == row_text:
                return self.table.item(i, column).text()
        raise KeyError(row_text)
