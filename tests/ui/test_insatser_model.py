"""The Insatser table model: Swedish display, real values for sorting, the year's filters."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from PySide6.QtCore import Qt

from finsam_desktop import insatser as queries
from finsam_desktop.model import InsatsStatus, InsatsTyp
from ui.models.base import RECORD_ROLE, SORT_ROLE
from ui.models.insatser import OPEN_ENDED, InsatserFilter, InsatserModel

C = InsatserModel.Column
_ids = itertools.count(1)


def rad(namn: str, beviljat: int | None, **kw) -> queries.InsatsRad:
    values = {
        "id": next(_ids),
        "namn": namn,
        "typ": InsatsTyp.INDIVIDINRIKTAD,
        "agare": "Region Norr",
        "status": InsatsStatus.PAGAENDE,
        "ansokan_datum": None,
        "start": dt.date(2025, 1, 1),
        "slut": None,
        "ar": 2025,
        "beviljat_ore": beviljat,
        "forbrukat_ore": None,
        "har_belopp": beviljat is not None,
    }
    values.update(kw)
    return queries.InsatsRad(**values)


@pytest.fixture
def model(app):
    m = InsatserModel()
    m.set_year(
        2025,
        [
            rad("Tio tusen", 10_000_00),
            rad("Nio tusen", 9_000_00),
            rad("Hundra tusen", 100_000_00, slut=dt.date(2025, 12, 31)),
            rad("Östra spåret", None, status=InsatsStatus.ANSOKAN, start=None),
            rad("Zorn", 500_00, typ=InsatsTyp.STRUKTUROVERGRIPANDE),
        ],
    )
    return m


def sorted_names(model: InsatserModel, column: int, order=Qt.SortOrder.AscendingOrder) -> list:
    proxy = InsatserFilter()
    proxy.setSourceModel(model)
    proxy.sort(column, order)
    return [proxy.index(row, C.NAMN).data() for row in range(proxy.rowCount())]


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
def test_the_model_passes_the_model_testers(qtmodeltester, model, force_py):
    qtmodeltester.check(model, force_py=force_py)


def test_an_empty_model_passes_the_model_tester(qtmodeltester, app):
    qtmodeltester.check(InsatserModel(), force_py=True)


def test_amounts_are_shown_the_swedish_way_and_kept_raw_for_sorting(model):
    row = next(r for r in range(model.rowCount()) if model.record(r).namn == "Tio tusen")
    index = model.index(row, C.BEVILJAT)
    assert index.data() == "10\u00a0000"
    assert index.data(SORT_ROLE) == 10_000_00
    assert index.data(RECORD_ROLE).namn == "Tio tusen"
    assert index.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_9000_kr_sorts_below_10000_kr(model):
    names = sorted_names(model, C.BEVILJAT)
    # The missing amount first, then by value: as text "10 000" would come before "9 000".
    assert names == ["Östra spåret", "Zorn", "Nio tusen", "Tio tusen", "Hundra tusen"]


def test_names_sort_the_swedish_way_with_o_umlaut_after_z(model):
    assert sorted_names(model, C.NAMN) == [
        "Hundra tusen", "Nio tusen", "Tio tusen", "Zorn", "Östra spåret",
    ]  # fmt: skip


def test_an_open_end_reads_lopande_and_sorts_after_every_dated_end(model):
    row = next(r for r in range(model.rowCount()) if model.record(r).namn == "Nio tusen")
    assert model.index(row, C.SLUT).data() == OPEN_ENDED
    assert sorted_names(model, C.SLUT, Qt.SortOrder.DescendingOrder)[-2:] == [
        "Hundra tusen", "Östra spåret",
    ]  # fmt: skip


def test_an_insats_without_start_has_an_empty_end_not_lopande(model):
    row = next(r for r in range(model.rowCount()) if model.record(r).namn == "Östra spåret")
    assert model.index(row, C.SLUT).data() == ""


def test_status_sorts_in_the_order_of_the_life_cycle(model):
    names = sorted_names(model, C.STATUS)
    assert names[0] == "Östra spåret"  # ansökan inkommen comes before pågående


def test_the_money_headers_name_the_year(model):
    assert model.headerData(C.BEVILJAT, Qt.Orientation.Horizontal) == "Beviljat 2025"
    assert model.headerData(C.FORBRUKAT, Qt.Orientation.Horizontal) == "Förbrukat 2025"


def test_the_filter_keeps_one_status_and_one_type(model):
    proxy = InsatserFilter()
    proxy.setSourceModel(model)
    proxy.set_filter(status=InsatsStatus.ANSOKAN)
    assert proxy.rowCount() == 1
    proxy.set_filter(typ=InsatsTyp.STRUKTUROVERGRIPANDE)
    assert [proxy.index(r, C.NAMN).data() for r in range(proxy.rowCount())] == ["Zorn"]
    proxy.set_filter()
    assert proxy.rowCount() == model.rowCount()


def test_the_year_filter_keeps_insatser_with_money_or_a_period_in_that_year(app):
    m = InsatserModel()
    m.set_year(
        2025,
        [
            rad("Med pengar", 1_00),
            rad("Löpande sedan 2020", None, start=dt.date(2020, 1, 1)),
            rad("Slutade 2023", None, start=dt.date(2021, 1, 1), slut=dt.date(2023, 6, 30)),
            rad("Börjar 2026", None, start=dt.date(2026, 1, 1)),
        ],
    )
    proxy = InsatserFilter()
    proxy.setSourceModel(m)
    proxy.set_filter(year=2025)
    shown = {proxy.index(r, C.NAMN).data() for r in range(proxy.rowCount())}
    assert shown == {"Med pengar", "Löpande sedan 2020"}


def test_the_query_gives_each_insats_its_money_for_the_year(filled_path):
    from finsam_desktop.storage import OpenOptions, open_file

    with open_file(filled_path, OpenOptions(read_only=True)) as ff:
        rows = {r.namn: r for r in queries.insatser(ff, 2025)}
        assert rows["Steget vidare"].beviljat_ore == 1_000_000_00
        assert rows["Steget vidare"].agare == "Norrby kommun"
        assert rows["Zenit kompetens"].beviljat_ore is None
        assert not rows["Zenit kompetens"].galler_ar(2025)
        assert rows["Zenit kompetens"].galler_ar(2024)
        assert queries.insatser_summa(ff, 2025).beviljat_ore == 1_900_000_00
