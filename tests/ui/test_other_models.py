"""The Möten, Budget and Styrelse table models, without a window."""

from __future__ import annotations

import datetime as dt

import pytest
from fixed_days import APP_DAY
from PySide6.QtCore import Qt

from finsam_desktop import moten as queries
from finsam_desktop import styrelse
from finsam_desktop.model import Funktion, Grupp, MoteTyp, Roll
from finsam_desktop.storage import OpenOptions, open_file
from ui.models.base import SORT_ROLE, SortProxy
from ui.models.budget import (
    RESULT_TEXT,
    BudgetModel,
    BudgetRad,
    Kind,
    budget_lines,
    budget_rows,
    budget_versions,
)
from ui.models.moten import NOT_JUSTERAT, MotenModel
from ui.models.styrelse import StyrelseModel, styrelse_rader


@pytest.fixture
def ff(filled_path):
    f = open_file(filled_path, OpenOptions(read_only=True))
    yield f
    f.close()


def test_the_meetings_model_passes_the_model_tester(qtmodeltester, ff):
    model = MotenModel(lambda: APP_DAY)
    model.set_records(queries.moten(ff))
    qtmodeltester.check(model, force_py=False)


def test_meetings_come_newest_first_with_their_number_of_arenden(ff, app):
    model = MotenModel(lambda: APP_DAY)
    model.set_records(queries.moten(ff, 2025))
    dates = [model.index(r, MotenModel.Column.DATUM).data() for r in range(model.rowCount())]
    assert dates == ["2025-11-14", "2025-11-07", "2025-09-12", "2025-02-14"]
    first_meeting = dates.index("2025-02-14")
    assert model.index(first_meeting, MotenModel.Column.ARENDEN).data() == "2"
    assert model.index(first_meeting, MotenModel.Column.TYP).data() == MoteTyp.STYRELSEMOTE.label


def test_a_past_board_meeting_without_justering_says_so(ff, app):
    model = MotenModel(lambda: APP_DAY)
    model.set_records(queries.moten(ff, 2025))
    justerat = {
        model.index(r, MotenModel.Column.DATUM).data(): model.index(
            r, MotenModel.Column.JUSTERAT
        ).data()
        for r in range(model.rowCount())
    }
    assert justerat["2025-02-14"] == "2025-02-20"
    assert justerat["2025-09-12"] == NOT_JUSTERAT
    assert justerat["2025-11-14"] == ""  # still to come
    assert justerat["2025-11-07"] == ""  # a beredning has no protokoll to justera


def test_meetings_sort_by_date_not_by_text(ff, app):
    model = MotenModel(lambda: APP_DAY)
    model.set_records(queries.moten(ff))
    proxy = SortProxy()
    proxy.setSourceModel(model)
    proxy.sort(MotenModel.Column.DATUM, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data(SORT_ROLE) == dt.date(2024, 11, 22)


def test_the_budget_model_passes_the_model_tester(qtmodeltester, ff):
    version = budget_versions(ff)[0]
    model = BudgetModel()
    model.set_version(version, budget_rows(ff, version))
    qtmodeltester.check(model, force_py=False)


def test_budget_rows_come_in_groups_with_subtotals_and_a_result_in_tkr(ff, app):
    version = budget_versions(ff)[0]
    model = BudgetModel()
    model.set_version(version, budget_rows(ff, version))
    texts = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert texts == [
        "Intäkter", "Försäkringskassan", "Region Norr", "Summa intäkter",
        "Administration/kansli", "Förbundschef", "Summa administration/kansli",
        "Insatser", "Steget vidare", "Öppna dörrar", "Summa insatser",
        RESULT_TEXT,
    ]  # fmt: skip
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Budget 2025"
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Plan 2027"
    row = texts.index("Summa intäkter")
    assert model.index(row, 1).data() == "3\u00a0000,0"
    result = texts.index(RESULT_TEXT)
    assert model.index(result, 1).data() == "400,0"
    assert model.index(result, 1).data(SORT_ROLE) == 400_000_00
    assert model.index(texts.index("Förbundschef"), 1).data() == "\u2212700,0"


def test_a_deficit_in_the_result_row_is_red(app):
    rows = [BudgetRad(1, Grupp.ADMINISTRATION, 1, "Kansli", {2025: -100_00})]
    lines = budget_lines(rows, [2025, 2026, 2027])
    assert lines[-1].kind is Kind.RESULT and lines[-1].belopp == {2025: -100_00}
    model = BudgetModel()
    model.years = [2025, 2026, 2027]
    model.set_records(lines)
    assert model.index(len(lines) - 1, 1).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_the_board_model_passes_the_model_tester(qtmodeltester, ff):
    model = StyrelseModel()
    model.set_records(styrelse_rader(styrelse.styrelse_pa(ff, APP_DAY)))
    qtmodeltester.check(model, force_py=False)


def test_the_board_on_a_date_pairs_ledamot_and_ersattare_per_member(ff, app):
    seats = styrelse.styrelse_pa(ff, APP_DAY)
    rows = styrelse_rader(seats)
    model = StyrelseModel()
    model.set_records(rows)
    table = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert table == [
        ["Försäkringskassan", "Cecilia Ås", ""],
        ["Region Norr", "Anna Ek, ordförande", "David Öberg"],
        ["Norrby kommun", "Bo Lind, vice ordförande", "Filip Holm"],
    ]


def test_the_board_changes_with_the_date(ff):
    before = styrelse.styrelse_pa(ff, dt.date(2024, 1, 1))
    ersattare = [s.person for s in before if s.roll is Roll.ERSATTARE and s.medlem_id == 3]
    assert ersattare == ["Eva Berg"]
    assert [s.funktion for s in before if s.funktion] == [
        Funktion.ORDFORANDE, Funktion.VICE_ORDFORANDE,
    ]  # fmt: skip
    assert styrelse.styrelse_pa(ff, dt.date(2022, 1, 1)) == []


def test_revisorer_name_the_members_that_chose_them(ff):
    [revisor] = styrelse.revisorer_pa(ff, APP_DAY)
    assert revisor.medlemmar == ("Region Norr", "Norrby kommun")
