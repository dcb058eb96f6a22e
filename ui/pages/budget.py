"""Budget: a budget version's rows by group with subtotals and result, N to N+2, in tkr."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QTableView

from finsam_desktop.model import BudgetStatus

from ..models.budget import BudgetModel, BudgetVersion, budget_rows, budget_versions
from ..style import set_role
from .base import Page, empty_label, filter_bar


def version_text(v: BudgetVersion) -> str:
    """How a version is named in the picker: "2026 – Verksamhetsplan 2026 (beslutad …)"."""
    name = v.namn or f"Budget {v.ar}"
    text = f"{v.ar} – {name}"
    if v.status is BudgetStatus.BESLUTAD and v.beslut_datum:
        return f"{text} (beslutad {v.beslut_datum.isoformat()})"
    return f"{text} ({v.status.label.lower()})"


class BudgetPage(Page):
    key = "budget"
    title = "Budget"
    icon_name = "budget"
    description = "Budget för år N och plan för de två följande åren, i tusental kronor (tkr)."

    def __init__(self, today=None, parent=None):
        super().__init__(today, parent)
        layout = self.page_layout()

        self.version_combo = QComboBox()
        self.version_combo.setAccessibleName("Budgetversion")
        self.version_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout.addLayout(filter_bar(("&Version:", self.version_combo)))

        self.status = set_role(QLabel(), "subtitle")
        self.status.setAccessibleName("Versionens status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.model = BudgetModel(self)
        self.table = QTableView()
        self.table.setObjectName("budgetTable")
        self.table.setAccessibleName("Budget")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(BudgetModel.Column.POST, QHeaderView.ResizeMode.Stretch)
        for column in (BudgetModel.Column.AR_N, BudgetModel.Column.AR_N1, BudgetModel.Column.AR_N2):
            header.resizeSection(column, 130)
        layout.addWidget(self.table, 1)

        self.note = empty_label("")
        self.note.setAccessibleName("Motivering")
        layout.addWidget(self.note)

        self._versions: dict[int, BudgetVersion] = {}
        self.version_combo.currentIndexChanged.connect(self._load)

    def refresh(self) -> None:
        if self.ff is None:
            self.model.set_version(None, [])
            return
        wanted = self.version_combo.currentData()
        versions = budget_versions(self.ff)
        self.version_combo.blockSignals(True)
        self.version_combo.clear()
        for v in versions:
            self.version_combo.addItem(version_text(v), v.id)
        index = self.version_combo.findData(wanted) if wanted is not None else -1
        if index < 0:
            index = self._default_index(versions)
        self.version_combo.setCurrentIndex(index)
        self.version_combo.blockSignals(False)
        self._versions = {v.id: v for v in versions}
        self._load()

    def _default_index(self, versions: list[BudgetVersion]) -> int:
        """The decided version of this year, else of the latest year, else the first."""
        year = self.today().year
        for wanted_year in (year, *(v.ar for v in versions)):
            for i, v in enumerate(versions):
                if v.ar == wanted_year and v.status is BudgetStatus.BESLUTAD:
                    return i
        return 0 if versions else -1

    def _load(self) -> None:
        if self.ff is None:
            return
        version = self._versions.get(self.version_combo.currentData())
        if version is None:
            self.model.set_version(None, [])
            self.status.setText("Förbundsfilen har ingen budget ännu.")
            self.note.setText("")
            return
        self.model.set_version(version, budget_rows(self.ff, version))
        if version.status is BudgetStatus.BESLUTAD:
            decided = version.beslut_datum.isoformat() if version.beslut_datum else ""
            paragraf = f", {version.beslut_paragraf}" if version.beslut_paragraf else ""
            self.status.setText(f"Beslutad av styrelsen {decided}{paragraf}. Låst för ändring.")
        else:
            self.status.setText("Förslag, inte beslutat av styrelsen.")
        if version.eget_kapital_motivering:
            self.note.setText(
                "Eget kapital tas i anspråk (synnerliga skäl): " + version.eget_kapital_motivering
            )
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))
        self.table.scrollToTop()
