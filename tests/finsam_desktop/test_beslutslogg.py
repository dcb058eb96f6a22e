"""The protokoll's life in the data layer: § numbering, standing items, the previous meeting's
list, open beslut proposed as items, the lock of a justerat protokoll and the decision log."""

from __future__ import annotations

import datetime as dt

import pytest

from finsam_desktop import beslutslogg, insatser, moten
from finsam_desktop.forbund import Ogiltigt
from finsam_desktop.model import BeslutStatus, MoteTyp


def test_paragraphs_continue_after_a_deleted_item_and_renumbering_closes_the_gap(board):
    ff = board
    first = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14))
    ids = [moten.nytt_arende(ff, first, r) for r in ("A", "B", "C")]
    moten.ta_bort_arende(ff, ids[1])
    second = moten.nytt_mote(ff, MoteTyp.EXTRA_STYRELSEMOTE, dt.date(2025, 3, 1))
    moten.nytt_arende(ff, second, "D")
    assert [a.paragraf for a in moten.arenden(ff, first)] == [1, 3]
    assert [a.paragraf for a in moten.arenden(ff, second)] == [4]
    moten.numrera_om(ff, 2025)
    assert [a.paragraf for a in moten.arenden(ff, first)] == [1, 2]
    assert [a.paragraf for a in moten.arenden(ff, second)] == [3]
    next_year = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2026, 1, 20))
    moten.nytt_arende(ff, next_year, "E")
    assert [a.paragraf for a in moten.arenden(ff, next_year)] == [1]


def test_standing_items_are_added_once_in_one_undoable_write(board):
    ff = board
    m = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14))
    moten.nytt_arende(ff, m, "Val av justerare")
    added = moten.lagg_in_staende_punkter(ff, m)
    assert added == len(moten.dagordningsmall(ff, MoteTyp.STYRELSEMOTE)) - 1 == 8
    rubriker = [a.rubrik for a in moten.arenden(ff, m)]
    assert rubriker[0] == "Val av justerare" and "Mötets avslutande" in rubriker
    assert [a.paragraf for a in moten.arenden(ff, m)] == list(range(1, len(rubriker) + 1))
    assert moten.lagg_in_staende_punkter(ff, m) == 0
    ff.undo()
    assert [a.rubrik for a in moten.arenden(ff, m)] == ["Val av justerare"]


def test_a_new_meeting_copies_the_previous_meetings_list_without_its_beslut(board):
    ff = board
    old = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14))
    a = moten.nytt_arende(ff, old, "Ekonomisk rapport")
    moten.andra_arende(ff, a, "underlag", "Rapport per januari")
    moten.andra_arende(ff, a, "beslut", "Rapporten läggs till handlingarna.")
    moten.nytt_mote(ff, MoteTyp.BEREDNING, dt.date(2025, 3, 1))
    new = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 3, 14))
    assert moten.foregaende_mote(ff, new).id == old
    moten.kopiera_foregaende(ff, new)
    [copy] = moten.arenden(ff, new)
    assert (copy.rubrik, copy.underlag, copy.beslut, copy.paragraf) == (
        "Ekonomisk rapport",
        "Rapport per januari",
        "",
        2,
    )
    with pytest.raises(Ogiltigt, match="inget tidigare möte"):
        moten.kopiera_foregaende(ff, old)


def test_open_beslut_of_earlier_meetings_are_proposed_as_items(board):
    ff = board
    old = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14))
    open_id = moten.nytt_arende(ff, old, "Utvärdering")
    moten.andra_arende(ff, open_id, "beslut", "Förbundschefen tar fram en plan.")
    moten.andra_arende(ff, open_id, "beslut_status", BeslutStatus.PAGAR)
    done = moten.nytt_arende(ff, old, "Budget")
    moten.andra_arende(ff, done, "beslut_status", BeslutStatus.KLAR)
    new = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 3, 14))
    assert [a.id for a in moten.foreslagna_arenden(ff, new)] == [open_id]
    assert moten.foreslagna_arenden(ff, old) == []
    moten.lagg_in_foreslag(ff, new, [open_id])
    [item] = moten.arenden(ff, new)
    assert item.rubrik == "Uppföljning: Utvärdering (§ 1)"
    assert item.underlag == "Förbundschefen tar fram en plan."


def _justerat(ff, column: str, text: str) -> tuple[int, int]:
    """A styrelsemöte on 14 February 2025 with the ärende Budget, its ``column`` written,
    justerat on the 20th: the meeting's and the ärende's ids."""
    m = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14))
    a = moten.nytt_arende(ff, m, "Budget")
    moten.andra_arende(ff, a, column, text)
    moten.andra_mote(ff, m, "justerat", dt.date(2025, 2, 20))
    return m, a


def test_a_justerat_protokoll_is_locked_but_its_follow_up_is_not(board):
    ff = board
    m, a = _justerat(ff, "diskussion", "Frågan diskuterades.")
    for change in (
        lambda: moten.andra_arende(ff, a, "beslut", "Ändrat i efterhand"),
        lambda: moten.andra_arende(ff, a, "diskussion", "Annat"),
        lambda: moten.nytt_arende(ff, m, "Nytt"),
        lambda: moten.ta_bort_arende(ff, a),
        lambda: moten.flytta_arende(ff, a, 1),
        lambda: moten.lagg_in_staende_punkter(ff, m),
    ):
        with pytest.raises(Ogiltigt, match="justerat 2025-02-20 och låst"):
            change()
    moten.andra_arende(ff, a, "beslut_status", BeslutStatus.KLAR)
    assert moten.arende(ff, a).beslut_status is BeslutStatus.KLAR
    assert moten.arende(ff, a).diskussion == "Frågan diskuterades."
    moten.andra_mote(ff, m, "anteckning", "Skickat till revisorerna")  # the office's own note


def test_the_heading_närvaro_justerare_and_the_meeting_itself_are_locked_too(board):
    ff = board
    m = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14), "09:00", "Kansliet")
    seat = moten.narvaro(ff, m)[0]
    moten.andra_mote(ff, m, "justerat", dt.date(2025, 2, 20))
    for change in (
        lambda: moten.andra_mote(ff, m, "plats", "Stadshuset"),
        lambda: moten.andra_mote(ff, m, "datum", dt.date(2025, 2, 15)),
        lambda: moten.andra_mote(ff, m, "sekreterare", "Någon annan"),
        lambda: moten.satt_narvaro(ff, m, seat.uppdrag_id, False),
        lambda: moten.satt_justerare(ff, m, [seat.person_id]),
        lambda: moten.ta_bort_mote(ff, m),
    ):
        with pytest.raises(Ogiltigt, match="låst"):
            change()
    assert moten.mote(ff, m).plats == "Kansliet"


def test_a_correction_after_justering_is_a_new_visible_step_with_a_reason(board):
    ff = board
    m, a = _justerat(ff, "beslut", "Budgeten fastställs till 1 000 000 kr.")
    # taking the justering date away (or changing it) is not the way to correct a protokoll
    for change in (None, dt.date(2025, 2, 21)):
        with pytest.raises(Ogiltigt, match="Öppna för rättelse"):
            moten.andra_mote(ff, m, "justerat", change)
    with pytest.raises(Ogiltigt, match="Orsaken"):
        moten.oppna_for_rattelse(ff, m, "  ", dt.date(2025, 3, 1))
    moten.oppna_for_rattelse(ff, m, "Fel belopp i beslutet", dt.date(2025, 3, 1))
    assert moten.mote(ff, m).justerat is None
    moten.andra_arende(ff, a, "beslut", "Budgeten fastställs till 1 100 000 kr.")
    moten.andra_mote(ff, m, "justerat", dt.date(2025, 3, 3))
    [r] = moten.rattelser(ff, m)
    assert (r.datum, r.tidigare_justerat, r.orsak) == (
        dt.date(2025, 3, 1),
        dt.date(2025, 2, 20),
        "Fel belopp i beslutet",
    )
    assert r.text == (
        "Protokollet, justerat 2025-02-20, öppnades för rättelse 2025-03-01: Fel belopp i beslutet"
    )
    with pytest.raises(Ogiltigt, match="inte justerat"):
        moten.oppna_for_rattelse(ff, moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 4, 1)),
                                 "x", dt.date(2025, 4, 2))  # fmt: skip


def test_renumbering_refuses_to_change_paragraphs_of_a_justerat_protokoll(board):
    ff = board
    first = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14))
    ids = [moten.nytt_arende(ff, first, r) for r in ("A", "B")]
    second = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 3, 14))
    moten.nytt_arende(ff, second, "C")
    moten.andra_mote(ff, second, "justerat", dt.date(2025, 3, 20))
    moten.ta_bort_arende(ff, ids[0])  # the first meeting is not justerat: § 2, 3 remain
    with pytest.raises(Ogiltigt, match=r"justerade protokoll \(Styrelsemöte 2025-03-14\)"):
        moten.numrera_om(ff, 2025)
    assert [a.paragraf for a in moten.arenden(ff, first)] == [2]
    assert [a.paragraf for a in moten.arenden(ff, second)] == [3]


def test_the_standing_items_are_the_forbunds_own_and_can_be_edited(board):
    ff = board
    assert moten.dagordningsmall(ff, MoteTyp.BEREDNING) == [
        "Mötets öppnande",
        "Övriga frågor",
        "Mötets avslutande",
    ]
    moten.spara_dagordningsmall(
        ff, MoteTyp.STYRELSEMOTE, ["Mötets öppnande", " Ekonomisk rapport ", "", "Avslut"]
    )
    assert moten.dagordningsmall(ff, MoteTyp.STYRELSEMOTE) == [
        "Mötets öppnande",
        "Ekonomisk rapport",
        "Avslut",
    ]
    with pytest.raises(Ogiltigt, match="två gånger"):
        moten.spara_dagordningsmall(ff, MoteTyp.STYRELSEMOTE, ["Avslut", "avslut"])
    m = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 5, 2))
    moten.lagg_in_staende_punkter(ff, m)
    assert [a.rubrik for a in moten.arenden(ff, m)] == [
        "Mötets öppnande",
        "Ekonomisk rapport",
        "Avslut",
    ]
    # each kind has its own list: the extra styrelsemöte keeps the standard one
    assert len(moten.dagordningsmall(ff, MoteTyp.EXTRA_STYRELSEMOTE)) == 9
    ff.undo()  # the items put in
    ff.undo()  # the new meeting
    ff.undo()  # the edited template
    assert len(moten.dagordningsmall(ff, MoteTyp.STYRELSEMOTE)) == 9


def test_a_new_meeting_has_the_sekreterare_of_the_last_meeting_of_its_kind(board):
    ff = board
    first = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14))
    assert moten.mote(ff, first).sekreterare == ""
    moten.andra_mote(ff, first, "sekreterare", "  Karin Kansli ")
    beredning = moten.nytt_mote(ff, MoteTyp.BEREDNING, dt.date(2025, 3, 1))
    extra = moten.nytt_mote(ff, MoteTyp.EXTRA_STYRELSEMOTE, dt.date(2025, 3, 14))
    assert moten.mote(ff, extra).sekreterare == "Karin Kansli"
    assert moten.mote(ff, beredning).sekreterare == ""


def test_the_decision_log_filters_by_meeting_insats_and_status(board):
    ff = board
    ins = insatser.ny_insats(ff, "Steg för steg")
    m1 = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14))
    m2 = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 3, 14))
    info = moten.nytt_arende(ff, m1, "Information")  # no beslut: not in the log
    a = moten.nytt_arende(ff, m1, "Plan")
    moten.andra_arende(ff, a, "beslut", "Planen tas fram.")
    moten.andra_arende(ff, a, "beslut_status", BeslutStatus.OPPEN)
    moten.andra_arende(ff, a, "ansvarig", "Förbundschefen")
    moten.andra_arende(ff, a, "senast", dt.date(2025, 4, 1))
    b = moten.nytt_arende(ff, m2, "Budget")
    moten.andra_arende(ff, b, "beslut", "Budgeten fastställs.")
    moten.andra_arende(ff, b, "beslut_status", BeslutStatus.KLAR)
    moten.andra_arende(ff, b, "insats_id", ins)
    log = beslutslogg.beslut(ff)
    assert [x.arende_id for x in log] == [b, a]
    assert info not in [x.arende_id for x in log]
    assert [x.arende_id for x in beslutslogg.beslut(ff, mote_id=m1)] == [a]
    assert [x.arende_id for x in beslutslogg.beslut(ff, status=BeslutStatus.KLAR)] == [b]
    assert [x.arende_id for x in beslutslogg.beslut(ff, insats_id=ins)] == [b]
    [oppen] = beslutslogg.oppna(ff)
    assert (oppen.arende_id, oppen.ansvarig, oppen.paragraf) == (a, "Förbundschefen", 2)
    assert oppen.forsenad(dt.date(2025, 5, 1)) and not oppen.forsenad(dt.date(2025, 3, 1))
    assert oppen.mote == "Styrelsemöte 2025-02-14"
