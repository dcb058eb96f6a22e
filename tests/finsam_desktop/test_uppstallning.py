"""The förbund's own uppställning of a budget: avsnitt, the rows placed in them, subtotals."""

from __future__ import annotations

import datetime as dt

import pytest

from finsam_desktop import budget as ops
from finsam_desktop import ekonomi
from finsam_desktop import uppstallning as up
from finsam_desktop.model import Grupp, RadSlag, Summerar


@pytest.fixture
def plan(ff):
    """A 2027 förslag: one driftbidrag row, a kansli row, a styrelse row, two insatser."""
    ff.enable_undo()
    vid = ops.ny_version(ff, 2027)
    rows = {
        text: ops.lagg_till_rad(ff, vid, grupp, text)
        for grupp, text in [
            (Grupp.INTAKTER, "Driftbidrag"),
            (Grupp.ADMINISTRATION, "Förbundschef"),
            (Grupp.STYRELSE, "Arvoden styrelsen"),
            (Grupp.INSATSER, "Steg för steg"),
            (Grupp.INSATSER, "Kvarvarande beslutsutrymme"),
        ]
    }
    ops.satt_belopp(
        ff,
        [
            (rows[text], 2027, ore)
            for text, ore in [
                ("Driftbidrag", 2_000_000_00),
                ("Förbundschef", -700_000_00),
                ("Arvoden styrelsen", -100_000_00),
                ("Steg för steg", -900_000_00),
                ("Kvarvarande beslutsutrymme", -300_000_00),
            ]
        ],
    )
    ops.markera_rad(ff, rows["Kvarvarande beslutsutrymme"], RadSlag.EJ_FORDELAT)
    return ff, vid, rows


def _printed(ff, vid):
    return [(a.rubrik, [r["text"] for r in a.rader], a.summa) for a in up.uppstallning(ff, vid)]


def test_a_version_without_avsnitt_is_shown_by_meaning(plan):
    ff, vid, _ = plan
    assert [a.rubrik for a in up.uppstallning(ff, vid)] == [
        "Intäkter",
        "Administration/kansli",
        "Styrelse",
        "Insatser",
    ]


def test_rows_of_different_meaning_share_an_avsnitt_in_the_forbunds_order(plan):
    ff, vid, rows = plan
    kansli = up.nytt_avsnitt(ff, vid, "Styrelse och kansli", "Summa styrelse och kansli")
    assert ff.undo_label == "Nytt avsnitt ”Styrelse och kansli” i budgeten"
    up.placera_rad(ff, rows["Arvoden styrelsen"], kansli)
    up.placera_rad(ff, rows["Förbundschef"], kansli)
    assert _printed(ff, vid)[0] == (
        "Styrelse och kansli",
        ["Arvoden styrelsen", "Förbundschef"],
        "Summa styrelse och kansli",
    )
    up.flytta_i_avsnitt(ff, rows["Förbundschef"], -1)
    assert _printed(ff, vid)[0][1] == ["Förbundschef", "Arvoden styrelsen"]
    # the rows not placed follow, grouped by meaning, so none is lost
    assert [p[0] for p in _printed(ff, vid)] == ["Styrelse och kansli", "Intäkter", "Insatser"]
    # the meaning is untouched: the admin share and the result read the grupp
    per_grupp = ekonomi.budget_per_grupp(ff, vid, 2027)
    assert per_grupp[Grupp.STYRELSE] == -100_000_00
    assert ekonomi.budget_resultat(ff, vid, 2027) == 0


def test_a_subtotal_adds_its_rows_or_every_kostnad_as_printed(plan):
    ff, vid, rows = plan
    insatser = up.nytt_avsnitt(ff, vid, "Projekt: beviljade / eventuellt kommande", "Summa projekt")
    for text in ("Steg för steg", "Kvarvarande beslutsutrymme"):
        up.placera_rad(ff, rows[text], insatser)
    up.nytt_avsnitt(ff, vid, "", "Summa totala kostnader", Summerar.KOSTNADER)
    tabell = up.uppstallning(ff, vid, ekonomi.budget_rader(ff, vid, 2027))
    sums = {a.summa: sum(r["belopp_ore"] for r in up.summerade(a, tabell)) for a in tabell}
    # the förbund's own "Summa projekt" adds the reserve it prints there
    assert sums["Summa projekt"] == -1_200_000_00
    assert sums["Summa totala kostnader"] == -2_000_000_00


def test_an_avsnitt_is_renamed_moved_and_removed_without_losing_a_row(plan):
    ff, vid, rows = plan
    a = up.nytt_avsnitt(ff, vid, "Kansli")
    b = up.nytt_avsnitt(ff, vid, "Insatser och projekt", "Summa insatser")
    up.placera_rad(ff, rows["Förbundschef"], a)
    up.flytta_avsnitt(ff, b, -1)
    assert [p[0] for p in _printed(ff, vid)][:2] == ["Insatser och projekt", "Kansli"]
    up.andra_avsnitt(ff, a, "Kansli-/administrativa kostnader", "Summa kansli", Summerar.AVSNITT)
    assert _printed(ff, vid)[1] == (
        "Kansli-/administrativa kostnader",
        ["Förbundschef"],
        "Summa kansli",
    )
    up.ta_bort_avsnitt(ff, a)
    texts = [t for p in _printed(ff, vid) for t in p[1]]
    assert sorted(texts) == sorted(rows)
    ff.undo()
    assert _printed(ff, vid)[1][0] == "Kansli-/administrativa kostnader"


@pytest.mark.parametrize(
    ("rubrik", "summa", "summerar", "message"),
    [
        ("", "", Summerar.AVSNITT, "Ge avsnittet en rubrik"),
        ("", "Summa", Summerar.AVSNITT, "En summarad utan rubrik har inga egna rader"),
        ("Kansli", "", Summerar.AVSNITT, "redan ett avsnitt som heter ”Kansli”"),
    ],
)
def test_an_avsnitt_that_cannot_be_kept_is_refused_in_swedish(
    plan, rubrik, summa, summerar, message
):
    ff, vid, _ = plan
    up.nytt_avsnitt(ff, vid, "Kansli")
    before = up.avsnitt_poster(ff, vid)
    with pytest.raises(ops.BudgetError, match=message):
        up.nytt_avsnitt(ff, vid, rubrik, summa, summerar)
    assert up.avsnitt_poster(ff, vid) == before


def test_a_row_under_the_result_leaves_its_avsnitt(plan):
    ff, vid, _ = plan
    ek = ops.lagg_till_rad(ff, vid, Grupp.INTAKTER, "Ianspråktagande av eget kapital")
    a = up.nytt_avsnitt(ff, vid, "Intäkter", "Summa intäkter", Summerar.INTAKTER)
    up.placera_rad(ff, ek, a)
    ops.markera_rad(ff, ek, RadSlag.EGET_KAPITAL, under_resultat=True)
    assert all(ek not in [r["id"] for r in x.rader] for x in up.uppstallning(ff, vid))
    with pytest.raises(ops.BudgetError, match="under resultatet står inte i något avsnitt"):
        ops.koppla_rad(ff, ek, avsnitt_id=a)


def test_a_new_version_and_the_next_years_budget_keep_the_uppstallning(plan):
    ff, vid, rows = plan
    a = up.nytt_avsnitt(ff, vid, "Styrelse och kansli", "Summa styrelse och kansli")
    up.placera_rad(ff, rows["Arvoden styrelsen"], a)
    up.placera_rad(ff, rows["Förbundschef"], a)
    copy = ops.kopiera_version(ff, vid)
    ops.besluta(ff, vid, dt.date(2026, 11, 26), "§ 40")
    nxt = ops.ny_budget_fran_foregaende(ff, fran_version=vid)
    for other in (copy, nxt):
        assert _printed(ff, other) == _printed(ff, vid)
    # the copies are their own: renaming one leaves the decided version as it was
    up.andra_avsnitt(ff, up.avsnitt_poster(ff, nxt)[0]["id"], "Kansli", "", Summerar.AVSNITT)
    assert _printed(ff, vid)[0][0] == "Styrelse och kansli"
    with pytest.raises(ops.BudgetError, match="beslutad och låst"):
        up.nytt_avsnitt(ff, vid, "Nytt")
