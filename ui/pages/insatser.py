"""Insatser: the list (filter by year, status and type) and the form of one insats.

The list and the form share the page: Enter or a double-click opens an insats, Alt+Vänsterpil
or the back button returns to the list. "Ny insats" asks for a name and opens the new insats.

The years to choose from are those with money and those the insatser's periods cover; an
insats with neither a start nor an ansökan date (a new one, say) is listed under "Utan
datum". The insats open in the form stays selected when the list is shown again: if a filter
hides it (its period lies in another year), the filter changes and the list says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
)

from finsam_desktop import insatser
from finsam_desktop.dates import year_choices
from finsam_desktop.insatser import InsatsRad
from finsam_desktop.model import InsatsStatus, InsatsTyp
from finsam_desktop.money import format_amount
from finsam_desktop.swedish import plural as count_text

from ..forms.fields import choice_combo
from ..forms.insats import InsatsForm
from ..models.insatser import InsatserFilter, InsatserModel, is_undated
from .base import filter_bar, tab_order
from .list_form import ListFormPage, filter_note

ALL = "Alla"
#: The year filter's choice for insatser with neither a start nor an ansökan date.
UNDATED = "utan-datum"
UNDATED_LABEL = "Utan datum"


def period_years(records: list[InsatsRad], this_year: int) -> set[int]:
    """The years the insatser's periods cover (an open end runs to this year)."""
    years: set[int] = set()
    for r in records:
        first = r.start or r.ansokan_datum
        if first is not None:
            last = r.slut.year if r.slut else max(this_year, first.year)
            years.update(range(first.year, max(last, first.year) + 1))
    return years


def year_showing(r: InsatsRad, near: int) -> int | None:
    """The year of the insats's period nearest ``near`` (None: it has no period)."""
    first = r.start or r.ansokan_datum
    if first is None:
        return None
    year = max(near, first.year)
    if r.slut is not None:
        year = min(year, max(r.slut.year, first.year))
    return year


class InsatserPage(ListFormPage):
    key = "insatser"
    title = "Insatser"
    icon_name = "insatser"
    description = "Förbundets insatser med beviljade och förbrukade medel för det valda året."

    def __init__(self, today=None, parent=None):
        super().__init__(today, parent)
        box = self.listing_layout()
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("År")
        self.status_combo = choice_combo(
            [(ALL, None)] + [(status.label, status) for status in InsatsStatus], name="Status"
        )
        self.type_combo = choice_combo(
            [(ALL, None)] + [(t.label, t) for t in InsatsTyp], name="Typ"
        )
        bar = filter_bar(
            ("&År:", self.year_combo),
            ("S&tatus:", self.status_combo),
            ("T&yp:", self.type_combo),
        )
        self.open_and_new_buttons(bar, "Öppna vald insats", "&Ny insats…", self.new_insats)
        box.addLayout(bar)

        self.model = InsatserModel(self)
        self.proxy = InsatserFilter(self)
        self.proxy.setSourceModel(self.model)
        table = self.list_table(
            "Insatser",
            "insatsen",
            InsatserModel.Column.NAMN,
            Qt.SortOrder.AscendingOrder,
            InsatserModel.Column.NAMN,
        )
        table.setObjectName("insatserTable")
        self.add_list(box, table, "Summering")
        self.add_form(InsatsForm(self.today))

        tab_order(self.year_combo, self.status_combo, self.type_combo, self.table,
                  self.open_button, self.new_button)  # fmt: skip
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        self.status_combo.currentIndexChanged.connect(self._apply_filter)
        self.type_combo.currentIndexChanged.connect(self._apply_filter)
        self.clear_notice_when_chosen(self.year_combo, self.status_combo, self.type_combo)
        self.proxy.rowsInserted.connect(self._update_summary)
        self.proxy.rowsRemoved.connect(self._update_summary)
        self.proxy.modelReset.connect(self._update_summary)
        self.proxy.layoutChanged.connect(self._update_summary)

    # -- reading ----------------------------------------------------------------------------

    def selected_year(self) -> int:
        """The year whose money the list shows (this year under "Utan datum")."""
        year = self.year_combo.currentData()
        return year if isinstance(year, int) else self.today().year

    def shows_undated(self) -> bool:
        return self.year_combo.currentData() == UNDATED

    def close_form(self) -> None:
        self.form.ff = None
        self.form.insats = None

    def refresh(self) -> None:
        if self.ff is None:
            self.model.set_year(self.today().year, [])
            self.show_list()
            return
        wanted = self.year_combo.currentData() if self.year_combo.count() else None
        if wanted is None:
            wanted = self.today().year
        year = wanted if isinstance(wanted, int) else self.today().year
        records = insatser.insatser(self.ff, year)
        self.set_years(records, wanted)
        self._load(records)
        if self.views.currentWidget() is self.form:
            self.form.refresh()

    def set_years(self, records: list[InsatsRad], wanted: int | str, also: int | None = None):
        """The year filter's choices: years with money or inside a period, this year,
        ``wanted`` (chosen, without a signal), ``also``, and "Utan datum" when an insats has
        no date (or it is ``wanted``)."""
        assert self.ff is not None
        today = self.today().year
        years = set(insatser.insats_ar(self.ff)) | period_years(records, today) | {today}
        years |= {y for y in (wanted, also) if isinstance(y, int)}
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in year_choices(years):
            self.year_combo.addItem(str(y), y)
        if wanted == UNDATED or any(is_undated(r) for r in records):
            self.year_combo.addItem(UNDATED_LABEL, UNDATED)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(wanted)))
        self.year_combo.blockSignals(False)

    def _year_changed(self) -> None:
        if self.ff is not None:
            self._load()

    def _load(self, records: list[InsatsRad] | None = None) -> None:
        assert self.ff is not None
        current = self.current_id()
        year = self.selected_year()
        if records is None:
            records = insatser.insatser(self.ff, year)
        self.model.set_year(year, records)
        self._apply_filter()
        if current is not None:
            self.select(current)

    def _apply_filter(self) -> None:
        self.proxy.set_filter(
            year=self.selected_year(),
            undated=self.shows_undated(),
            status=self.status_combo.currentData(),
            typ=self.type_combo.currentData(),
        )
        self._update_summary()

    def _update_summary(self, *args) -> None:
        shown = [
            self.proxy.mapToSource(self.proxy.index(row, 0)).row()
            for row in range(self.proxy.rowCount())
        ]
        records = [self.model.record(row) for row in shown]
        beviljat = sum(r.beviljat_ore or 0 for r in records)
        forbrukat = sum(r.forbrukat_ore or 0 for r in records)
        shown = count_text(len(records), "insats", "insatser")
        year = self.selected_year()
        if self.shows_undated():
            shown += " utan start- eller ansökningsdatum"
        self.summary.setText(
            f"{shown} visas  ·  Beviljat {year}: {format_amount(beviljat, suffix=True)}"
            f"  ·  Förbrukat {year}: {format_amount(forbrukat, suffix=True)}"
            f"  ·  Ej förbrukat: {format_amount(beviljat - forbrukat, suffix=True)}"
        )

    # -- list and form ----------------------------------------------------------------------

    def open_record(self, record_id: int) -> bool:
        return self.open_insats(record_id)

    def open_insats(self, insats_id: int) -> bool:
        """Show the form of ``insats_id`` (also when the list's filters hide it)."""
        if self.ff is None or not self.form.show_insats(self.ff, insats_id):
            return False
        self.reveal(insats_id)
        self.views.setCurrentWidget(self.form)
        self.form.namn.setFocus()
        return True

    def open_id(self) -> int | None:
        return self.form.insats.id if self.form.insats is not None else None

    def show_through_filters(self, insats_id: int) -> str | None:
        found = [r for r in self.model.records() if r.id == insats_id]
        if not found:
            return None
        r = found[0]
        changes = []
        if self.shows_undated():
            hidden_by_year = not is_undated(r)
        else:
            hidden_by_year = not r.galler_ar(self.selected_year())
        if hidden_by_year:
            year = year_showing(r, self.selected_year())
            wanted = UNDATED if year is None else year
            if self.year_combo.findData(wanted) < 0:
                self.set_years(self.model.records(), self.year_combo.currentData(), also=year)
            self.year_combo.setCurrentIndex(self.year_combo.findData(wanted))
            changes.append(f"året är nu {f'”{UNDATED_LABEL}”' if year is None else year}")
        for combo, value, what in (
            (self.status_combo, r.status, "status"),
            (self.type_combo, r.typ, "typ"),
        ):
            if combo.currentData() is not None and combo.currentData() != value:
                combo.setCurrentIndex(0)
                changes.append(f"{what} visar alla")
        if not changes:
            return None
        note = filter_note(changes, r.namn)
        if is_undated(r):
            note += " Den har inget start- eller ansökningsdatum än."
        return note

    def new_insats(self) -> int | None:
        if self.ff is None:
            return None
        namn, ok = QInputDialog.getText(self, "Ny insats", "Insatsens namn:")
        if not ok:
            return None
        return self.create(namn)

    def create(self, namn: str) -> int | None:
        return self.create_record("Ny insats", lambda ff: insatser.ny_insats(ff, namn))

    def delete_open(self) -> None:
        ins = self.form.insats
        if ins is None:
            return
        self.confirm_delete(
            "Ta bort insatsen",
            f"Ta bort {ins.namn} med dess pengar, mål och uppföljning? Du kan ångra med Ctrl+Z.",
            lambda ff: insatser.ta_bort(ff, ins.id),
        )
