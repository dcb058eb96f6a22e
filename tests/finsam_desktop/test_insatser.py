"""Insatser in the data layer: each edit one undoable write, refusals before anything is stored."""

from __future__ import annotations

import datetime as dt

import pytest

from finsam_desktop import insatser
from finsam_desktop.forbund import Ogiltigt
from finsam_desktop.model import Bedomning, InsatsStatus


@pytest.fixture
def members(ff):
    with ff.write("Medlemmar") as db:
        db["medlem"].insert_all([
            {"id": 1, "namn": "Försäkringskassan", "typ": "forsakringskassan", "andel": "50"},
            {"id": 2, "namn": "Region Norr", "typ": "region", "andel": "25"},
            {"id": 3, "namn": "Norrby kommun", "typ": "kommun", "andel": "25"},
        ])  # fmt: skip
    ff.enable_undo()
    return ff


def test_a_new_insats_is_one_undoable_action_named_after_it(members):
    ff = members
    insats_id = insatser.ny_insats(ff, "  Steget vidare ")
    assert insatser.hamta(ff, insats_id).namn == "Steget vidare"
    assert ff.undo_label == "Ny insats Steget vidare"
    ff.undo()
    assert insatser.hamta(ff, insats_id) is None


def test_an_empty_or_taken_name_is_refused_and_nothing_changes(members):
    ff = members
    insats_id = insatser.ny_insats(ff, "Steget vidare")
    insatser.ny_insats(ff, "Öppna dörrar")
    with pytest.raises(Ogiltigt, match="tomt"):
        insatser.andra(ff, insats_id, "namn", "   ")
    with pytest.raises(Ogiltigt, match="redan"):
        insatser.andra(ff, insats_id, "namn", "Öppna dörrar")
    assert insatser.hamta(ff, insats_id).namn == "Steget vidare"


def test_an_end_before_the_start_is_refused(members):
    ff = members
    insats_id = insatser.ny_insats(ff, "Steget vidare")
    insatser.andra(ff, insats_id, "start", dt.date(2025, 1, 1))
    with pytest.raises(Ogiltigt, match="före starten"):
        insatser.andra(ff, insats_id, "slut", dt.date(2024, 12, 31))
    assert insatser.hamta(ff, insats_id).slut is None


def test_the_parties_warning_asks_for_an_owner_and_a_medpart(members):
    ff = members
    insats_id = insatser.ny_insats(ff, "Steget vidare")
    ins = insatser.hamta(ff, insats_id)
    assert "verksamhetsägare" in insatser.parter_varning(ins.agare_id, ins.medparter)
    insatser.andra(ff, insats_id, "agare_id", 3)
    ins = insatser.hamta(ff, insats_id)
    assert "minst två" in insatser.parter_varning(ins.agare_id, ins.medparter)
    insatser.satt_parter(ff, insats_id, [1, 3])  # the owner is never its own medpart
    ins = insatser.hamta(ff, insats_id)
    assert ins.medparter == (1,)
    assert insatser.parter_varning(ins.agare_id, ins.medparter) is None


def test_money_per_year_computes_ej_forbrukat_and_refuses_negative_grants(members):
    ff = members
    insats_id = insatser.ny_insats(ff, "Steget vidare")
    insatser.satt_belopp(ff, insats_id, 2025, "beviljat_ore", 500_000_00)
    insatser.satt_belopp(ff, insats_id, 2025, "forbrukat_ore", 320_000_00)
    [year] = insatser.ar_belopp(ff, insats_id)
    assert year.ej_forbrukat_ore == 180_000_00
    assert ff.undo_label == "Ändra förbrukat 2025 för Steget vidare"
    with pytest.raises(Ogiltigt):
        insatser.satt_belopp(ff, insats_id, 2025, "beviljat_ore", -1)
    assert insatser.ar_belopp(ff, insats_id)[0].beviljat_ore == 500_000_00


def test_goals_get_a_bedomning_per_year_and_missing_follow_up_is_found(members):
    ff = members
    insats_id = insatser.ny_insats(ff, "Steget vidare")
    insatser.andra(ff, insats_id, "status", InsatsStatus.PAGAENDE)
    insatser.andra(ff, insats_id, "start", dt.date(2025, 1, 1))
    [missing] = insatser.saknar_uppfoljning(ff, 2025)
    assert missing.vad == ("uppföljning", "mål")
    mal_id = insatser.nytt_mal(ff, insats_id, "Fler i arbete")
    insatser.satt_bedomning(ff, mal_id, 2025, Bedomning.DELVIS, "Sex av tio")
    insatser.satt_uppfoljning(ff, insats_id, 2025, "nya_kvinnor", 7)
    [goal] = insatser.mal(ff, insats_id)
    assert goal.bedomningar == {2025: (Bedomning.DELVIS, "Sex av tio")}
    assert insatser.uppfoljning(ff, insats_id)[0].nya == 7
    assert insatser.saknar_uppfoljning(ff, 2025) == []


def test_deleting_an_insats_is_undone_with_its_money_and_goals(members):
    ff = members
    insats_id = insatser.ny_insats(ff, "Steget vidare")
    insatser.satt_belopp(ff, insats_id, 2025, "beviljat_ore", 100_00)
    insatser.nytt_mal(ff, insats_id, "Fler i arbete")
    insatser.ta_bort(ff, insats_id)
    assert insatser.hamta(ff, insats_id) is None
    assert ff.undo() == "Ta bort insatsen Steget vidare"
    assert insatser.ar_belopp(ff, insats_id)[0].beviljat_ore == 100_00
    assert [m.mal for m in insatser.mal(ff, insats_id)] == ["Fler i arbete"]


def test_the_insatser_offered_to_pick_from_are_all_of_them_sorted_swedish_style(ff):
    ids = {namn: insatser.ny_insats(ff, namn) for namn in ("Öppna dörrar", "Ängen", "Zebra")}
    ids["Steget vidare"] = insatser.ny_insats(ff, "Steget vidare")
    ids["Åkern"] = insatser.ny_insats(ff, "Åkern")
    offered = insatser.namnlista(ff)
    assert [i.namn for i in offered] == ["Steget vidare", "Zebra", "Åkern", "Ängen", "Öppna dörrar"]
    assert {i.namn: i.id for i in offered} == ids


def test_a_file_without_insatser_offers_none(ff):
    assert insatser.namnlista(ff) == []


def test_every_column_of_table_insats_is_a_declared_field_and_back(ff):
    """FALT is the one list the record, the arbetsbok, search and the reports read: a column a
    schema step adds without a line there (or a line without its column) fails here."""
    columns = [r["name"] for r in ff.query("SELECT name FROM pragma_table_info('insats')")]
    assert columns == ["id", *(f.name for f in insatser.STORED)]


def test_every_field_is_read_back_with_its_kind_and_edited_by_its_declared_name(members):
    ff = members
    insats_id = insatser.ny_insats(ff, "Steget vidare", agare_id=1)
    insatser.satt_parter(ff, insats_id, [2])
    for f in insatser.FRITEXT:
        insatser.andra(ff, insats_id, f.name, f"  {f.header} av insatsen ")
        assert ff.undo_label == f"Ändra {f.label} för Steget vidare"
    insatser.andra(ff, insats_id, "beslut_datum", dt.date(2025, 11, 20))
    ins = insatser.hamta(ff, insats_id)
    assert [f.name for f in insatser.FRITEXT][:3] == ["syfte", "malgrupp", "beskrivning"]
    for f in insatser.FRITEXT:
        assert getattr(ins, f.name) == f"{f.header} av insatsen"
    assert (ins.status, ins.beslut_datum, ins.agare_id, ins.medparter) == (
        InsatsStatus.ANSOKAN,
        dt.date(2025, 11, 20),
        1,
        (2,),
    )
    with pytest.raises(Ogiltigt, match="Ansökt belopp kan inte vara negativt"):
        insatser.andra(ff, insats_id, "ansokt_ore", -1)
    with pytest.raises(KeyError):
        insatser.andra(ff, insats_id, "medparter", (3,))
