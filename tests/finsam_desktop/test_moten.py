"""Möten in the data layer: § through the year, a beslut that grants money, närvaro, quorum."""

from __future__ import annotations

import datetime as dt

import pytest

from finsam_desktop import insatser, moten, styrelse
from finsam_desktop.forbund import Ogiltigt
from finsam_desktop.model import InsatsStatus, MoteTyp


def test_paragraphs_of_styrelsemoten_run_through_the_year(board):
    ff = board
    first = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14), "9")
    second = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 4, 4))
    beredning = moten.nytt_mote(ff, MoteTyp.BEREDNING, dt.date(2025, 3, 28))
    for rubrik in ("Mötets öppnande", "Val av justerare"):
        moten.nytt_arende(ff, first, rubrik)
    moten.nytt_arende(ff, second, "Årsredovisning")
    moten.nytt_arende(ff, beredning, "Förberedelse")
    assert [a.paragraf for a in moten.arenden(ff, first)] == [1, 2]
    assert [a.paragraf for a in moten.arenden(ff, second)] == [3]
    assert [a.paragraf for a in moten.arenden(ff, beredning)] == [None]
    assert moten.mote(ff, first).starttid == "09:00"


def test_a_time_that_is_no_time_and_an_end_before_the_start_are_refused(board):
    ff = board
    mote_id = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14), "09:00")
    with pytest.raises(Ogiltigt, match="klockslag"):
        moten.andra_mote(ff, mote_id, "sluttid", "nio")
    with pytest.raises(Ogiltigt, match="före det börjar"):
        moten.andra_mote(ff, mote_id, "sluttid", "08:00")
    assert moten.mote(ff, mote_id).sluttid == ""


def test_a_grant_sets_beviljat_and_one_undo_takes_both_back(board):
    ff = board
    insats_id = insatser.ny_insats(ff, "Steget vidare")
    mote_id = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 11, 14))
    arende_id = moten.nytt_arende(ff, mote_id, "Ansökan Steget vidare")
    moten.bevilja(ff, arende_id, insats_id, 2026, 500_000_00)
    assert ff.undo_label == "Bevilja Steget vidare 500\u00a0000\u00a0kr för 2026"
    ins = insatser.hamta(ff, insats_id)
    assert ins.status is InsatsStatus.BEVILJAD
    assert (ins.beslut_datum, ins.beslut_paragraf) == (dt.date(2025, 11, 14), "§ 1")
    assert insatser.ar_belopp(ff, insats_id)[0].beviljat_ore == 500_000_00
    assert moten.arende(ff, arende_id).beslut == (
        "Styrelsen beviljar 500\u00a0000\u00a0kr till Steget vidare för 2026."
    )
    ff.undo()
    assert insatser.ar_belopp(ff, insats_id) == []
    assert insatser.hamta(ff, insats_id).status is InsatsStatus.ANSOKAN
    assert moten.arende(ff, arende_id).beslut == ""
    ff.redo()
    assert insatser.ar_belopp(ff, insats_id)[0].beviljat_ore == 500_000_00


def test_a_grant_keeps_a_beslut_already_written_and_says_so(board):
    ff = board
    insats_id = insatser.ny_insats(ff, "Steget vidare")
    mote_id = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2023, 11, 14))
    arende_id = moten.nytt_arende(ff, mote_id, "Ansökan Steget vidare")
    written = "Styrelsen beviljar Steget vidare 25 000 kr för 2023."
    moten.andra_arende(ff, arende_id, "beslut", written)
    assert moten.bevilja(ff, arende_id, insats_id, 2023, 25_000_00) is False
    assert moten.arende(ff, arende_id).beslut == written
    assert insatser.ar_belopp(ff, insats_id)[0].beviljat_ore == 25_000_00
    other = moten.nytt_arende(ff, mote_id, "Ansökan 2024")
    assert moten.bevilja(ff, other, insats_id, 2024, 30_000_00) is True
    assert moten.arende(ff, other).beslut == moten.beviljandetext("Steget vidare", 30_000_00, 2024)


def test_an_absent_ledamot_gets_the_members_ersattare_serving_and_quorum_follows(board):
    ff = board
    mote_id = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14))
    rows = {r.person: r for r in moten.narvaro(ff, mote_id)}
    assert moten.beslutforhet(list(rows.values())).tjanstgorande == 2
    moten.satt_narvaro(ff, mote_id, rows["Anna Ek"].uppdrag_id, False)
    assert ff.undo_label == "Anna Ek frånvarande, Bo Lind tjänstgör"
    rows = {r.person: r for r in moten.narvaro(ff, mote_id)}
    assert rows["Bo Lind"].tjanstgorande and not rows["Anna Ek"].narvarande
    assert moten.beslutforhet(list(rows.values())).beslutfor
    moten.satt_narvaro(ff, mote_id, rows["Bo Lind"].uppdrag_id, False)
    moten.satt_narvaro(ff, mote_id, rows["Cecilia Ås"].uppdrag_id, False)
    rows = list(moten.narvaro(ff, mote_id))
    quorum = moten.beslutforhet(rows)
    assert quorum.tjanstgorande == 1  # David Öberg serves for Cecilia Ås
    assert quorum.beslutfor  # one of two is half
    moten.satt_narvaro(ff, mote_id, next(r for r in rows if r.person == "David Öberg").uppdrag_id,
                       False)  # fmt: skip
    assert not moten.beslutforhet(moten.narvaro(ff, mote_id)).beslutfor


def test_justerare_are_one_or_two(board):
    ff = board
    mote_id = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14))
    people = [p.id for p in styrelse.personer(ff)]
    moten.satt_justerare(ff, mote_id, people[:2])
    assert len(moten.justerare(ff, mote_id)) == 2
    with pytest.raises(Ogiltigt):
        moten.satt_justerare(ff, mote_id, people[:3])


def test_an_absent_person_cannot_be_justerare(board):
    ff = board
    mote_id = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14))
    anna = next(r for r in moten.narvaro(ff, mote_id) if r.person == "Anna Ek")
    moten.satt_narvaro(ff, mote_id, anna.uppdrag_id, False)
    assert moten.franvarande(ff, mote_id) == {anna.person_id: "Anna Ek"}
    with pytest.raises(Ogiltigt, match="Anna Ek är frånvarande"):
        moten.satt_justerare(ff, mote_id, [anna.person_id])
    assert moten.justerare(ff, mote_id) == []


def test_the_justering_is_checked_before_it_is_asked_and_stored_as_one_lock(board):
    ff = board
    mote_id = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14))
    with pytest.raises(Ogiltigt, match="före mötet"):
        moten.kontrollera_justering(ff, mote_id, dt.date(2025, 2, 13))
    moten.kontrollera_justering(ff, mote_id, dt.date(2025, 2, 20))  # stores nothing
    assert moten.mote(ff, mote_id).justerat is None
    moten.andra_mote(ff, mote_id, "justerat", dt.date(2025, 2, 20))
    assert ff.undo_label == "Justera och lås protokollet för Styrelsemöte 2025-02-14"
    with pytest.raises(Ogiltigt, match="låst"):
        moten.kontrollera_justering(ff, mote_id, dt.date(2025, 2, 21))
    ff.undo()
    assert moten.mote(ff, mote_id).justerat is None


def test_beredningsgrupp_and_styrgrupp_are_kinds_of_meeting_without_board_attendance(board):
    ff = board
    mote_id = moten.nytt_mote(ff, MoteTyp.STYRGRUPP, dt.date(2025, 3, 3))
    grupp_id = moten.nytt_mote(ff, MoteTyp.BEREDNINGSGRUPP, dt.date(2025, 3, 4))
    assert {m.typ for m in moten.moten(ff, 2025)} == {MoteTyp.STYRGRUPP, MoteTyp.BEREDNINGSGRUPP}
    seat = moten.narvaro(ff, grupp_id)[0]
    with pytest.raises(Ogiltigt, match="tjänstepersoner"):
        moten.satt_narvaro(ff, grupp_id, seat.uppdrag_id, False)
    assert moten.nytt_arende(ff, mote_id, "Lägesrapport")


def test_the_new_kinds_survive_a_workbook_round_trip(board, tmp_path):
    from finsam_desktop.arbetsbok import export_workbook, import_workbook

    ff = board
    moten.nytt_mote(ff, MoteTyp.STYRGRUPP, dt.date(2025, 3, 3), plats="Kansliet")
    book = tmp_path / "bok.xlsx"
    export_workbook(ff, book)
    moten.nytt_mote(ff, MoteTyp.BEREDNING, dt.date(2025, 4, 3))
    import_workbook(ff, book)
    assert [(m.typ, m.plats) for m in moten.moten(ff)] == [(MoteTyp.STYRGRUPP, "Kansliet")]
