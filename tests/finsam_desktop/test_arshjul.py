"""Årshjulet: rules as data, entries of a year, holidays, ticks, moves and the .ics export."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from finsam_desktop import arshjul
from finsam_desktop.arshjul import Kalla, Period, Regel, entries, ics
from finsam_desktop.arshjul.helgdagar import flag, helgdagar, workday_before
from finsam_desktop.arshjul.regler import month_day, nth_weekday
from finsam_desktop.model import Ring, Upprepning
from finsam_desktop.settings import set_setting

D = dt.date


def rule(**kw) -> Regel:
    base = dict(id=None, nyckel="x", ring=Ring.EGNA, rubrik="Regel", typ="datum")
    return Regel(**{**base, **kw})


def by_key(ff, period) -> dict[str, arshjul.Handelse]:
    return {h.nyckel: h for h in entries(ff, period)}


# -- the default rules -------------------------------------------------------------------------


def test_the_default_rules_give_the_usual_year_of_a_forbund(ff):
    got = by_key(ff, 2025)
    assert got["regel:arsredovisning"].datum == D(2025, 3, 31)
    assert got["regel:arsredovisning"].senast
    assert got["regel:arsredovisning_medlemmar"].datum == D(2025, 4, 30)
    assert got["regel:delarsrapport"].datum == D(2025, 8, 31)
    assert got["regel:statliga_medel_signal"].datum == D(2025, 9, 1)
    assert got["regel:statliga_medel_signal"].slut == D(2025, 9, 30)
    assert got["regel:medelstilldelning"].datum.month == 11
    assert got["regel:verksamhetsplan_budget"].datum == D(2025, 11, 30)
    assert got["regel:medlemssamrad"].datum == D(2025, 3, 1)
    assert got["regel:medlemssamrad"].slut == D(2025, 5, 31)
    assert got["regel:internkontroll"].datum == D(2025, 12, 1)
    psyk = got["regel:psykiatriveckan"]
    assert psyk.datum.isocalendar()[1:] == (45, 1)
    assert psyk.slut.isocalendar()[1:] == (45, 4)
    assert (psyk.datum, psyk.slut) == (D(2025, 11, 3), D(2025, 11, 6))


def test_the_delarsrapport_follows_the_setting(ff):
    set_setting(ff, "delarsrapport", False)
    assert "regel:delarsrapport" not in by_key(ff, 2025)


@pytest.mark.parametrize(
    ("year", "val", "mandat"),
    [(2022, True, False), (2023, False, True), (2024, False, False), (2025, False, False),
     (2026, True, False), (2027, False, True), (2030, True, False), (2031, False, True)],
)  # fmt: skip
def test_elections_come_every_fourth_year_and_a_mandate_period_the_april_after(
    ff, year, val, mandat
):
    got = by_key(ff, year)
    assert ("regel:allmanna_val" in got) is val
    assert ("regel:mandatperiod" in got) is mandat
    if val:
        day = got["regel:allmanna_val"].datum
        assert day.month == 9 and day.isoweekday() == 7 and 8 <= day.day <= 14
    if mandat:
        assert got["regel:mandatperiod"].datum == D(year, 4, 1)
    assert arshjul.election_years(2017, 2031) == [2018, 2022, 2026, 2030]


# -- the kinds of rule -------------------------------------------------------------------------


def test_a_date_every_year_keeps_29_february_in_leap_years_only():
    leap = rule(typ="datum", manad=2, dag=29)
    assert leap.dates(2028) == (D(2028, 2, 29), D(2028, 2, 29))
    assert leap.dates(2027) == (D(2027, 2, 28), D(2027, 2, 28))
    assert month_day(2025, 4, 31) == D(2025, 4, 30)


def test_a_span_across_the_end_of_february_counts_the_leap_day():
    r = rule(typ="datum", manad=2, dag=27, dagar=3)
    assert r.dates(2028)[1] == D(2028, 2, 29)
    assert r.dates(2027)[1] == D(2027, 3, 1)


def test_the_second_tuesday_of_march_and_the_last_friday_of_a_month():
    r = rule(typ="veckodag", manad=3, nummer=2, veckodag=2)
    assert r.dates(2026)[0] == D(2026, 3, 10)
    assert r.dates(2025)[0] == D(2025, 3, 11)
    assert r.describe() == "andra tisdagen i mars"
    assert nth_weekday(2026, 1, 5, -1) == D(2026, 1, 30)
    assert nth_weekday(2026, 2, 1, 5) is None  # February 2026 has four Mondays


def test_week_8_and_week_53_which_2026_has_and_2025_has_not():
    week8 = rule(typ="vecka", vecka=8, veckodag=1)
    assert week8.dates(2026)[0] == D(2026, 2, 16)
    week53 = rule(typ="vecka", vecka=53, veckodag=4)
    assert arshjul.weeks_in_year(2026) == 53
    assert arshjul.weeks_in_year(2025) == 52
    assert week53.dates(2026)[0] == D(2026, 12, 31)
    assert week53.dates(2025) is None


def test_week_1_may_begin_in_december_of_the_year_before():
    assert rule(typ="vecka", vecka=1, veckodag=1).dates(2026)[0] == D(2025, 12, 29)


def test_a_whole_month_ends_on_its_last_day_in_leap_years_too():
    r = rule(typ="manad", manad=2)
    assert r.dates(2028) == (D(2028, 2, 1), D(2028, 2, 29))
    assert r.dates(2026) == (D(2026, 2, 1), D(2026, 2, 28))


def test_an_own_rule_is_stored_as_data_and_changes_the_wheel(ff):
    rid = arshjul.save_rule(
        ff, rule(nyckel="", rubrik="Nätverksträff", typ="veckodag", manad=3, nummer=2, veckodag=2)
    )
    got = [h for h in entries(ff, 2026) if h.rubrik == "Nätverksträff"]
    assert [h.datum for h in got] == [D(2026, 3, 10)]
    changed = arshjul.regler(ff)[-1].with_(typ="vecka", vecka=8, veckodag=1, id=rid)
    arshjul.save_rule(ff, changed)
    assert [h.datum for h in entries(ff, 2026) if h.rubrik == "Nätverksträff"] == [D(2026, 2, 16)]


def test_a_rule_that_cannot_give_a_date_is_refused(ff):
    with pytest.raises(arshjul.ArshjulError, match="månad"):
        arshjul.save_rule(ff, rule(typ="datum", manad=None, dag=3))
    with pytest.raises(arshjul.ArshjulError, match="redan"):
        arshjul.save_rule(ff, rule(rubrik="Psykiatriveckan", manad=1, dag=1))


def test_a_rule_made_inactive_leaves_the_wheel(ff):
    psyk = next(r for r in arshjul.regler(ff) if r.nyckel == "psykiatriveckan")
    arshjul.save_rule(ff, psyk.with_(aktiv=False))
    assert "regel:psykiatriveckan" not in by_key(ff, 2026)


# -- own entries and the year's start month ----------------------------------------------------


def test_an_own_entry_once_or_every_year(ff):
    arshjul.save_post(
        ff, None, ring=Ring.EGNA, rubrik="Planeringsdag", datum=D(2024, 9, 5), slut=None,
        upprepning=Upprepning.ARLIGEN,
    )  # fmt: skip
    arshjul.save_post(
        ff, None, ring=Ring.KONFERENSER, rubrik="Jubileum", datum=D(2025, 5, 5),
        slut=D(2025, 5, 6), upprepning=Upprepning.INGEN,
    )  # fmt: skip
    assert [h.datum for h in entries(ff, 2023) if h.kalla is Kalla.EGEN] == []
    assert [h.rubrik for h in entries(ff, 2025) if h.kalla is Kalla.EGEN] == [
        "Jubileum",
        "Planeringsdag",
    ]
    assert [h.rubrik for h in entries(ff, 2026) if h.kalla is Kalla.EGEN] == ["Planeringsdag"]


def test_a_year_starting_in_september_runs_into_the_next_calendar_year(ff):
    arshjul.set_startmanad(ff, 9)
    period = arshjul.period_for(ff, 2025)
    assert period == Period(2025, 9)
    assert period.label == "2025/26"
    assert period.months()[0] == (2025, 9) and period.months()[-1] == (2026, 8)
    got = entries(ff, period)
    assert all(D(2025, 9, 1) <= h.datum < D(2026, 9, 1) for h in got)
    days = {h.nyckel: h.datum for h in got}
    # the yearly rules of both calendar years, each once
    assert days["regel:verksamhetsplan_budget"] == D(2025, 11, 30)
    assert days["regel:arsredovisning"] == D(2026, 3, 31)
    assert days["regel:delarsrapport"] == D(2026, 8, 31)
    assert [h.ar for h in got if h.nyckel == "regel:psykiatriveckan"] == [2025]


def test_a_recurring_own_entry_across_a_year_starting_in_july(ff):
    arshjul.set_startmanad(ff, 7)
    arshjul.save_post(
        ff, None, ring=Ring.EGNA, rubrik="Kick-off", datum=D(2024, 1, 15), slut=None,
        upprepning=Upprepning.ARLIGEN,
    )  # fmt: skip
    kick = [h for h in entries(ff, 2025) if h.rubrik == "Kick-off"]
    assert [(h.datum, h.ar) for h in kick] == [(D(2026, 1, 15), 2026)]


def test_an_own_entry_named_as_a_rule_replaces_the_rule_that_year(ff):
    arshjul.save_post(
        ff, None, ring=Ring.INSATSER, rubrik="Psykiatriveckan", datum=D(2026, 11, 2),
        slut=D(2026, 11, 4), upprepning=Upprepning.INGEN,
    )  # fmt: skip
    psyk = [h for h in entries(ff, 2026) if h.rubrik == "Psykiatriveckan"]
    assert [h.kalla for h in psyk] == [Kalla.EGEN]
    assert [h.kalla for h in entries(ff, 2027) if h.rubrik == "Psykiatriveckan"] == [Kalla.REGEL]


# -- meetings and insatser ---------------------------------------------------------------------


def _meeting(ff, typ, datum):
    with ff.write() as db:
        return db["mote"].insert({"typ": typ, "datum": datum}).last_pk


def test_a_beredning_comes_the_chosen_days_before_each_board_meeting(ff):
    _meeting(ff, "styrelsemote", "2026-03-19")
    _meeting(ff, "styrelsemote", "2026-06-11")
    _meeting(ff, "beredning", "2026-06-03")  # this one the data has
    set_setting(ff, "beredning_dagar_fore", 8)
    got = [h for h in entries(ff, 2026) if h.ring is Ring.STYRELSE and h.kalla is not Kalla.REGEL]
    assert [(h.datum, h.kalla) for h in got] == [
        (D(2026, 3, 11), Kalla.BEREDNING),
        (D(2026, 3, 19), Kalla.MOTE),
        (D(2026, 6, 3), Kalla.MOTE),
        (D(2026, 6, 11), Kalla.MOTE),
    ]


def test_a_beredningsgrupp_meeting_also_counts_as_the_beredning(ff):
    _meeting(ff, "styrelsemote", "2026-03-19")
    _meeting(ff, "beredningsgrupp", "2026-03-10")
    _meeting(ff, "styrgrupp", "2026-04-10")
    got = [h for h in entries(ff, 2026) if h.kalla in (Kalla.MOTE, Kalla.BEREDNING)]
    assert [(h.kalla, h.ring) for h in got] == [
        (Kalla.MOTE, Ring.STYRELSE),
        (Kalla.MOTE, Ring.STYRELSE),
        (Kalla.MOTE, Ring.INSATSER),
    ]


def test_a_generated_beredning_moves_back_to_a_working_day(ff):
    _meeting(ff, "styrelsemote", "2026-05-21")  # 7 days before is Kristi himmelsfärdsdag
    (ber,) = [h for h in entries(ff, 2026) if h.kalla is Kalla.BEREDNING]
    assert ber.datum == D(2026, 5, 13)


def test_a_meeting_on_a_holiday_is_flagged(ff):
    _meeting(ff, "styrelsemote", "2026-01-06")
    (m,) = [h for h in entries(ff, 2026) if h.kalla is Kalla.MOTE]
    assert "trettondedag jul" in m.flagga


def test_a_deadline_on_a_holiday_or_weekend_is_flagged(ff):
    got = by_key(ff, 2025)
    assert got["regel:verksamhetsplan_budget"].flagga == "Infaller på en söndag."  # 2025-11-30
    assert got["regel:arsredovisning"].flagga == ""
    arshjul.save_rule(ff, rule(rubrik="Rapport", manad=6, dag=6, senast=True))
    assert "nationaldagen" in by_key(ff, 2025)["regel:x"].flagga
    assert by_key(ff, 2025)["regel:psykiatriveckan"].flagga == ""  # not a deadline


def _insats(ff, id=1, namn="Steget", *, start="2024-02-01", slut="2025-06-30", **other):
    """An insats stored as it stands (individinriktad, pågående unless told otherwise)."""
    row = {"id": id, "namn": namn, "typ": "individinriktad", "status": "pagaende",
           "start": start, "slut": slut, **other}  # fmt: skip
    with ff.write() as db:
        db["insats"].insert(row)


def test_insatser_give_start_end_and_reports_due(ff):
    _insats(ff, start="2025-02-01", slut="2026-06-30")
    _insats(ff, 2, "Avslaget", status="avslag", start="2025-02-01", slut=None)
    got = by_key(ff, 2026)
    assert got["insats-slut:1"].datum == D(2026, 6, 30)
    assert got["slutrapport:1"].datum == D(2026, 8, 29)
    assert got["uppfoljning:2025"].datum == D(2026, 1, 31)
    assert not got["uppfoljning:2025"].klar
    assert "insats-start:2" not in by_key(ff, 2025)
    with ff.write() as db:
        db["uppfoljning"].insert({"insats_id": 1, "ar": 2025, "aktiva": 4})
    assert by_key(ff, 2026)["uppfoljning:2025"].klar


# -- holidays ----------------------------------------------------------------------------------


def test_holidays_are_the_public_ones_and_the_de_facto_ones_without_sundays():
    days = helgdagar(2026)
    assert days[D(2026, 6, 6)] == "Nationaldagen"
    assert days[D(2026, 12, 24)] == "Julafton"
    assert days[D(2026, 12, 31)] == "Nyårsafton"
    assert days[D(2026, 6, 19)] == "Midsommarafton"
    assert D(2026, 3, 8) not in days  # an ordinary Sunday
    assert flag(D(2026, 12, 24)) == "Infaller på en helgdag (julafton)."
    assert workday_before(D(2026, 4, 6)) == D(2026, 4, 2)  # påsk


# -- ticks and moves, undone through the core --------------------------------------------------


def test_a_rule_entry_is_ticked_off_for_its_year_only_and_undo_takes_it_back(ff):
    ff.enable_undo()
    ar = by_key(ff, 2026)["regel:arsredovisning"]
    arshjul.set_klar(ff, ar, True)
    assert by_key(ff, 2026)["regel:arsredovisning"].klar
    assert not by_key(ff, 2027)["regel:arsredovisning"].klar
    assert ff.undo_label == "Bocka av Årsredovisningen klar 2026"
    ff.undo()
    assert not by_key(ff, 2026)["regel:arsredovisning"].klar


def test_a_rule_entry_moved_one_year_keeps_its_length_and_other_years(ff):
    psyk = by_key(ff, 2026)["regel:psykiatriveckan"]
    arshjul.move(ff, psyk, D(2026, 11, 9))
    moved = by_key(ff, 2026)["regel:psykiatriveckan"]
    assert (moved.datum, moved.slut, moved.flyttad) == (D(2026, 11, 9), D(2026, 11, 12), True)
    assert by_key(ff, 2027)["regel:psykiatriveckan"].datum == D(2027, 11, 8)
    arshjul.reset_move(ff, moved)
    assert by_key(ff, 2026)["regel:psykiatriveckan"].datum == D(2026, 11, 2)
    assert ff.scalar("SELECT count(*) FROM arshjul_regel_ar") == 0


def test_own_entries_are_ticked_and_moved(ff):
    pid = arshjul.save_post(
        ff, None, ring=Ring.EGNA, rubrik="Planeringsdag", datum=D(2024, 9, 5), slut=None,
        upprepning=Upprepning.ARLIGEN,
    )  # fmt: skip
    h = next(h for h in entries(ff, 2026) if h.id == pid and h.kalla is Kalla.EGEN)
    arshjul.set_klar(ff, h, True)
    assert arshjul.arshjul_klara(ff, 2026) == {pid}
    arshjul.move(ff, h, D(2026, 9, 12))
    assert ff.scalar("SELECT datum FROM arshjul_post WHERE id = ?", (pid,)) == "2024-09-12"


def test_meetings_are_not_ticked_or_moved_from_the_wheel(ff):
    _meeting(ff, "styrelsemote", "2026-03-19")
    m = next(h for h in entries(ff, 2026) if h.kalla is Kalla.MOTE)
    with pytest.raises(arshjul.ArshjulError):
        arshjul.set_klar(ff, m, True)
    with pytest.raises(arshjul.ArshjulError):
        arshjul.move(ff, m, D(2026, 3, 20))


# -- .ics --------------------------------------------------------------------------------------


def _parse(path):
    return Calendar.from_ical(path.read_bytes())


def test_the_ics_parses_back_with_every_entry_as_an_all_day_event(ff, tmp_path):
    _meeting(ff, "styrelsemote", "2026-03-19")
    target = tmp_path / "hjul.ics"
    count = ics.export_ics(ff, target, 2026)
    cal = _parse(target)
    assert cal["VERSION"] == "2.0" and "Finsam" in str(cal["PRODID"])
    events = cal.walk("VEVENT")
    want = entries(ff, 2026)
    assert count == len(events) == len(want)
    assert [e.decoded("DTSTART") for e in events] == [h.datum for h in want]
    for e, h in zip(events, want, strict=True):
        assert type(e.decoded("DTSTART")) is dt.date
        assert e.decoded("DTEND") == h.sista + dt.timedelta(days=1)  # exclusive
        assert str(e["SUMMARY"]).startswith(h.rubrik)
        assert e["CATEGORIES"].cats == [h.ring.label]
    psyk = next(e for e in events if str(e["SUMMARY"]) == "Psykiatriveckan")
    assert psyk.decoded("DTEND") == D(2026, 11, 6)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)


def test_a_meeting_with_a_time_blocks_it_in_swedish_time_and_deadlines_stay_free(ff, tmp_path):
    """Issue 17: Outlook shows a meeting as busy at its hours; a deadline stays all-day."""
    from finsam_desktop import moten
    from finsam_desktop.model import MoteTyp

    day = D(2026, 3, 19)
    mote_id = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, day, "09:00", "Kommunhuset; sal 2")
    moten.andra_mote(ff, mote_id, "sluttid", "12:00")
    moten.nytt_mote(ff, MoteTyp.BEREDNING, D(2026, 3, 12), "13:30")  # no end: two hours
    target = tmp_path / "hjul.ics"
    ics.export_ics(ff, target, 2026)
    text = target.read_text(encoding="utf-8")
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Stockholm" in text
    assert "DTSTART;TZID=Europe/Stockholm:20260319T090000" in text
    events = {str(e["SUMMARY"]): e for e in _parse(target).walk("VEVENT")}
    board = events["Styrelsemöte"]
    stockholm = ZoneInfo("Europe/Stockholm")
    assert board.decoded("DTSTART") == dt.datetime(2026, 3, 19, 9, 0, tzinfo=stockholm)
    assert board.decoded("DTEND") == dt.datetime(2026, 3, 19, 12, 0, tzinfo=stockholm)
    assert str(board["TRANSP"]) == "OPAQUE"
    assert str(board["LOCATION"]) == "Kommunhuset; sal 2"  # escaped in the file, whole here
    assert "LOCATION:Kommunhuset\\; sal 2" in text
    beredning = events["Beredning/Loksam"]
    assert beredning.decoded("DTEND") - beredning.decoded("DTSTART") == dt.timedelta(hours=2)
    deadline = next(e for e in events.values() if type(e.decoded("DTSTART")) is dt.date)
    assert str(deadline["TRANSP"]) == "TRANSPARENT"


def test_the_calendars_name_is_escaped_as_rfc_5545_says(ff, tmp_path):
    """A förbund name with ";" and "," was cut by vobject: X-WR-CALNAME is escaped TEXT."""
    with ff.write() as db:
        db.execute("UPDATE forbund SET namn = 'Samordningsförbundet Väst; Syd, Norr'")
    target = tmp_path / "hjul.ics"
    ics.export_ics(ff, target, 2026)
    text = target.read_text(encoding="utf-8")
    assert "X-WR-CALNAME:Årshjul Samordningsförbundet Väst\\; Syd\\, Norr" in text
    raw = str(_parse(target)["X-WR-CALNAME"])  # icalendar keeps an X- property as it stands
    unescaped = raw.replace("\\;", ";").replace("\\,", ",")  # RFC 5545 TEXT, 3.3.11
    assert unescaped == "Årshjul Samordningsförbundet Väst; Syd, Norr 2026"


def test_a_second_export_has_the_same_uids_and_another_year_other_ones(ff, tmp_path):
    ics.export_ics(ff, tmp_path / "a.ics", 2026)
    arshjul.move(ff, by_key(ff, 2026)["regel:psykiatriveckan"], D(2026, 11, 9))
    ics.export_ics(ff, tmp_path / "b.ics", 2026)
    ics.export_ics(ff, tmp_path / "c.ics", 2027)

    def uids(name):
        return sorted(str(e["UID"]) for e in _parse(tmp_path / name).walk("VEVENT"))

    assert uids("a.ics") == uids("b.ics")
    assert not set(uids("a.ics")) & set(uids("c.ics"))


def test_a_later_export_has_a_sequence_that_makes_it_the_update(ff):
    first = ics.calendar(ff, 2026, stamp=dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.UTC))
    later = ics.calendar(ff, 2026, stamp=dt.datetime(2026, 3, 5, 10, 0, tzinfo=dt.UTC))
    assert first["METHOD"] == "PUBLISH"

    def seq(cal):
        return {str(e["UID"]): int(e["SEQUENCE"]) for e in cal.walk("VEVENT")}

    assert seq(first).keys() == seq(later).keys()
    assert all(seq(later)[u] > seq(first)[u] for u in seq(first))


def test_the_ics_can_hold_chosen_rings_only(ff, tmp_path):
    ics.export_ics(ff, tmp_path / "e.ics", 2026, {Ring.EKONOMI})
    events = _parse(tmp_path / "e.ics").walk("VEVENT")
    assert events and {e["CATEGORIES"].cats[0] for e in events} == {"Ekonomi och rapporter"}


def test_only_individinriktade_insatser_are_followed_up_each_year(ff):
    _insats(ff, namn="Nätverket", typ="strukturovergripande", start="2024-01-01", slut=None)
    got = by_key(ff, 2026)
    assert "insats-start:1" not in got  # started in 2024
    assert "uppfoljning:2025" not in got


# -- where an entry comes from, and rules switched off -----------------------------------------


def test_every_entry_says_where_it_comes_from_and_which_rule(ff):
    _meeting(ff, "styrelsemote", "2025-03-19")
    _insats(ff)
    arshjul.save_rule(ff, rule(rubrik="Länsträff", manad=2, dag=12))
    arshjul.save_post(ff, None, ring=Ring.EGNA, rubrik="Planeringsdag", datum=D(2025, 8, 28),
                      slut=None, upprepning=Upprepning.INGEN)  # fmt: skip
    got = by_key(ff, 2025)
    source = {k: arshjul.kalla_kort(h) for k, h in got.items()}
    assert source["regel:psykiatriveckan"] == "Förvald regel"
    assert source["regel:x"] == "Egen regel"
    assert source["beredning:1"] == "Regel: beredning"
    assert source["slutrapport:1"] == "Regel: slutrapport"
    assert source["uppfoljning:2024"] == "Regel: uppföljning"
    assert source["mote:1"] == "Möte" and source["insats-slut:1"] == "Insats"
    assert source[next(k for k in got if k.startswith("post:"))] == "Egen post"
    text = arshjul.kalla_text(got["beredning:1"])
    assert "regeln ”Beredning före styrelsemöte”" in text and "Stäng av" in text
    assert "förvalda regeln ”Psykiatriveckan” (vecka 45, måndag–torsdag)" in arshjul.kalla_text(
        got["regel:psykiatriveckan"]
    )


@pytest.mark.parametrize(
    ("nyckel", "gone"),
    [("psykiatriveckan", "regel:psykiatriveckan"), ("beredning", "beredning:1"),
     ("slutrapport", "slutrapport:1"), ("uppfoljning", "uppfoljning:2024")],
)  # fmt: skip
def test_a_rule_switched_off_leaves_the_year_the_calendar_and_undo_brings_it_back(
    ff, tmp_path, nyckel, gone
):
    _meeting(ff, "styrelsemote", "2025-03-19")
    _insats(ff)
    ff.enable_undo()
    assert gone in by_key(ff, 2025)
    arshjul.set_rule_on(ff, nyckel, False)
    assert ff.undo_label == f"Stäng av regeln ”{arshjul.rule_name(ff, nyckel)}” i årshjulet"
    assert not arshjul.rule_on(ff, nyckel)
    assert gone not in by_key(ff, 2025)
    ics.export_ics(ff, tmp_path / "hjul.ics", 2025)
    summaries = [str(e["SUMMARY"]) for e in _parse(tmp_path / "hjul.ics").walk("VEVENT")]
    assert len(summaries) == len(entries(ff, 2025))
    arshjul.set_rule_on(ff, nyckel, False)  # already off: no second action to undo
    ff.undo()
    assert arshjul.rule_on(ff, nyckel) and gone in by_key(ff, 2025)


def test_an_unknown_rule_is_refused(ff):
    with pytest.raises(arshjul.ArshjulError, match="finns inte"):
        arshjul.set_rule_on(ff, "ingen-sadan", False)
