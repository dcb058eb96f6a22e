"""Arvoden: fee rules as data and the arvodesunderlag computed from justerade protokoll."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from finsam_desktop import arvoden, moten, styrelse
from finsam_desktop.arvoden import KORT, LANG, Regel
from finsam_desktop.forbund import Ogiltigt
from finsam_desktop.model import MoteTyp, Roll

RULE = Regel(
    ar=2025,
    kort_timmar=4,
    arvode_kort_ore=120000,
    arvode_lang_ore=180000,
    ordforande_ore=2400000,
    vice_ore=1200000,
    fla_timme_ore=30000,
    fla_tak_ore=100000,
    fla_intyg=True,
    mil_ore=3000,
    mil_skattefri_ore=2500,
    arbetsgivaravgift_ore=3142,
    konto="7010",
    ansvar="1100",
)


@pytest.fixture
def board(ff, make_board):
    """The shared board with Cecilia Ås as ordförande, and the year's fee rules."""
    make_board(ff, ordforande=True)
    arvoden.spara_regel(ff, RULE)
    ff.enable_undo()
    return ff


def _person(ff, namn: str) -> int:
    return ff.scalar("SELECT id FROM person WHERE namn = ?", (namn,))


def _meeting(ff, day: dt.date, start: str, slut: str, justerat: bool = True) -> int:
    m = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, day, start, "Kansliet")
    moten.andra_mote(ff, m, "sluttid", slut)
    if justerat:
        moten.andra_mote(ff, m, "justerat", day + dt.timedelta(days=7))
    return m


def test_the_duration_class_follows_the_rule_and_a_missing_end_is_short():
    m = moten.Mote(1, MoteTyp.STYRELSEMOTE, dt.date(2025, 3, 1), "09:00", "13:00", "", None, 0)
    assert RULE.klass(m) == KORT
    assert RULE.klass(moten.Mote(1, m.typ, m.datum, "09:00", "13:01", "", None, 0)) == LANG
    assert RULE.klass(moten.Mote(1, m.typ, m.datum, "09:00", "", "", None, 0)) == KORT
    assert (RULE.arvode(KORT), RULE.arvode(LANG)) == (120000, 180000)


def test_fla_is_capped_per_meeting_and_needs_proof_when_the_rule_asks():
    assert RULE.fla(250, True) == 75000  # 2,5 h × 300 kr
    assert RULE.fla(800, True) == 100000  # 8 h × 300 kr = 2 400 kr, capped at 1 000 kr
    assert RULE.fla(250, False) == 0
    no_proof = Regel(ar=2025, fla_timme_ore=30000, fla_intyg=False)
    assert no_proof.fla(800, False) == 240000  # no cap


def test_mileage_splits_into_the_tax_free_part_and_the_taxable_excess():
    free, taxable = RULE.mil(46)  # 4,6 mil × 30 kr, of which 25 kr/mil tax free
    assert (free, taxable) == (11500, 2300)
    cheap = Regel(ar=2025, mil_ore=2000, mil_skattefri_ore=2500)
    assert cheap.mil(100) == (20000, 0)


def test_only_justerade_protokoll_are_paid_and_the_state_appointed_are_not(board):
    ff = board
    paid = _meeting(ff, dt.date(2025, 3, 10), "09:00", "12:00")
    long = _meeting(ff, dt.date(2025, 3, 24), "09:00", "15:00")
    waiting = _meeting(ff, dt.date(2025, 3, 31), "09:00", "12:00", justerat=False)
    cecilia, _david, anna = (_person(ff, n) for n in ("Cecilia Ås", "David Öberg", "Anna Ek"))
    arvoden.satt_mote_uppgifter(ff, paid, cecilia, 300, True, 46)
    u = arvoden.underlag(ff, dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    meetings = [r for r in u.rader if r.tjanstgorande]
    assert {(r.namn, r.datum.day, r.klass) for r in meetings} == {
        ("Cecilia Ås", 10, KORT),
        ("David Öberg", 10, KORT),
        ("Cecilia Ås", 24, LANG),
        ("David Öberg", 24, LANG),
    }
    assert any("2025-03-31" in v and "inte justerat" in v for v in u.vantar)
    assert [p.split(" (")[0] for p in u.ej_betalda] == ["Anna Ek", "Bo Lind"]
    c10 = next(r for r in meetings if r.namn == "Cecilia Ås" and r.datum.day == 10)
    assert (c10.arvode_ore, c10.fla_ore, c10.mil_skattefri_ore, c10.mil_skattepliktig_ore) == (
        120000,
        90000,
        11500,
        2300,
    )
    assert c10.avgift_ore == round((120000 + 90000 + 2300) * 0.3142)
    d10 = next(r for r in meetings if r.namn == "David Öberg" and r.datum.day == 10)
    assert (d10.roll, d10.tjanstgorande) == ("Ersättare", "Nej")
    # the person's own setting overrides the rule: Anna's employer does not pay after all
    arvoden.satt_person(ff, anna, "811218-9876", True)  # typed without century
    u = arvoden.underlag(ff, dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    anna_rows = [r for r in u.rader if r.namn == "Anna Ek"]
    assert len(anna_rows) == 2 and anna_rows[0].personnummer == "19811218-9876"
    assert long and waiting


def test_the_ordforande_gets_the_fixed_fee_besides_the_meeting_fee(board):
    ff = board
    _meeting(ff, dt.date(2025, 3, 10), "09:00", "12:00")
    u = arvoden.underlag(ff, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    cecilia = [r for r in u.rader if r.namn == "Cecilia Ås"]
    fixed = [r for r in cecilia if not r.tjanstgorande]
    assert len(fixed) == 12 and {r.roll for r in fixed} == {"Ordförande"}
    assert sum(r.arvode_ore for r in fixed) == 2400000  # the yearly fee in twelve parts
    assert next(r for r in cecilia if r.tjanstgorande).arvode_ore == 120000
    monthly = Regel(**{**RULE.__dict__, "fast_per_manad": True, "ordforande_ore": 200000})
    arvoden.spara_regel(ff, monthly)
    u = arvoden.underlag(ff, dt.date(2025, 3, 1), dt.date(2025, 4, 30))
    fixed = [r for r in u.rader if r.namn == "Cecilia Ås" and not r.tjanstgorande]
    assert [r.arvode_ore for r in fixed] == [200000, 200000]


def test_summary_per_konto_holds_the_arbetsgivaravgifter(board):
    ff = board
    m = _meeting(ff, dt.date(2025, 3, 10), "09:00", "12:00")
    arvoden.satt_mote_uppgifter(ff, m, _person(ff, "David Öberg"), 0, False, 100)
    u = arvoden.underlag(ff, dt.date(2025, 3, 10), dt.date(2025, 3, 10))
    [(konto, ansvar, taxable, free, avgift)] = u.per_konto()
    assert (konto, ansvar) == ("7010", "1100")
    assert taxable == sum(r.skattepliktigt_ore for r in u.rader)
    assert free == 25000 and avgift == sum(r.avgift_ore for r in u.rader)


def test_a_year_without_rules_is_named_and_bad_rules_are_refused(board):
    ff = board
    _meeting(ff, dt.date(2026, 3, 10), "09:00", "12:00")
    u = arvoden.underlag(ff, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert u.rader == [] and u.saknar_regel == [2026]
    with pytest.raises(Ogiltigt, match="procentsats"):
        arvoden.spara_regel(ff, Regel(ar=2026, arbetsgivaravgift_ore=12000))
    with pytest.raises(Ogiltigt, match="24 timmar"):
        arvoden.satt_mote_uppgifter(ff, 1, 1, 2500, True, 0)
    with pytest.raises(Ogiltigt, match="slutar"):
        arvoden.underlag(ff, dt.date(2026, 3, 31), dt.date(2026, 3, 1))


def test_personnummer_is_masked_in_the_app():
    assert arvoden.maskerat("19650101-1234") == "19650101-****"
    assert arvoden.maskerat("") == ""


def test_other_meetings_pay_only_recorded_attendance_when_the_rule_says_so(board):
    ff = board
    arvoden.spara_regel(ff, Regel(**{**RULE.__dict__, "ovriga_moten": True}))
    m = moten.nytt_mote(ff, MoteTyp.MEDLEMSSAMRAD, dt.date(2025, 5, 5), "13", "Kansliet")
    assert not [r for r in arvoden.underlag(ff, dt.date(2025, 5, 5), dt.date(2025, 5, 5)).rader]
    seat = next(n for n in moten.narvaro(ff, m) if n.person == "Cecilia Ås")
    moten.satt_narvaro(ff, m, seat.uppdrag_id, True)
    u = arvoden.underlag(ff, dt.date(2025, 5, 5), dt.date(2025, 5, 5))
    assert {r.namn for r in u.rader} == {"Cecilia Ås", "David Öberg"}


def test_hours_and_km_are_read_as_people_type_them():
    assert [arvoden.parse_timmar(t) for t in ("", "3", "3,5", "3.25", "2:30", " 1,05 ")] == [
        0, 300, 350, 325, 250, 105,
    ]  # fmt: skip
    for bad in ("tre", "3,555", "2:75", "-1", "1,5h"):
        with pytest.raises(Ogiltigt, match="inget antal timmar"):
            arvoden.parse_timmar(bad)
    assert [arvoden.visa_timmar(h) for h in (0, 300, 350, 325, 105)] == [
        "0", "3", "3,5", "3,25", "1,05",
    ]  # fmt: skip
    assert [arvoden.parse_km(t) for t in ("", "42", "1 200", "15 km")] == [0, 42, 1200, 15]
    with pytest.raises(Ogiltigt, match="inget antal km"):
        arvoden.parse_km("4,5")


def test_a_personnummer_is_checked_by_its_control_digit_and_stored_with_century(board):
    ff = board
    anna = _person(ff, "Anna Ek")
    with pytest.raises(Ogiltigt, match="inget giltigt personnummer"):
        arvoden.satt_person(ff, anna, "19650101-1234", None)
    arvoden.satt_person(ff, anna, "198112189876", None)
    [a] = [m for m in arvoden.mottagare(ff, dt.date(2025, 3, 1)) if m.namn == "Anna Ek"]
    assert (a.personnummer, a.maskerat, a.betalas, a.statlig) == (
        "19811218-9876",
        "19811218-****",
        None,
        True,  # appointed by Försäkringskassan
    )
    arvoden.satt_person(ff, anna, "", False)  # the number taken away again
    [a] = [m for m in arvoden.mottagare(ff, dt.date(2025, 3, 1)) if m.namn == "Anna Ek"]
    assert (a.personnummer, a.betalas) == ("", False)
    cecilia = next(m for m in arvoden.mottagare(ff, dt.date(2025, 3, 1)) if m.namn == "Cecilia Ås")
    assert not cecilia.statlig
    assert cecilia.enligt_regel and not a.enligt_regel  # the state's members: by the rule, no
    arvoden.spara_regel(ff, Regel(**{**RULE.__dict__, "statliga_betalas": True}))
    [a] = [m for m in arvoden.mottagare(ff, dt.date(2025, 3, 1)) if m.namn == "Anna Ek"]
    assert a.enligt_regel
    styrelse.nytt_uppdrag(ff, "Eva Förr", 2, Roll.ERSATTARE, dt.date(2019, 4, 1),
                          dt.date(2023, 3, 31))  # fmt: skip
    now = {m.namn: m.i_styrelsen for m in arvoden.mottagare(ff, dt.date(2025, 3, 1))}
    assert now == {"Anna Ek": True, "Bo Lind": True, "Cecilia Ås": True, "David Öberg": True,
                   "Eva Förr": False}  # fmt: skip


def test_next_years_rules_start_from_this_years_and_an_unchanged_rule_is_no_action(board):
    ff = board
    r = arvoden.ny_regel(ff, 2026)
    assert r == Regel(**{**RULE.__dict__, "ar": 2026})
    assert arvoden.regel(ff, 2026) == r
    label = ff.undo_label
    arvoden.spara_regel(ff, r)  # the same again: nothing to undo
    assert ff.undo_label == label == "Spara arvodesregler 2026"
    assert arvoden.ny_regel(ff, 2024) == Regel(2024)  # nothing earlier: empty rules


def test_the_arbetsgivaravgift_is_the_persons_rate_and_its_years_follow_the_rule(board):
    """Issue 17: the rates per year and per category as data: the full rate, and the
    reduced rate for those who had turned 66 when the year began."""
    r = arvoden.regel(board, 2025)
    assert (r.arbetsgivaravgift_ore, r.arbetsgivaravgift_aldre_ore, r.fodda_senast) == (
        3142, 1021, 1958)  # fmt: skip
    assert r.avgift(100_000, "19581231-0000") == 10_210
    assert r.avgift(100_000, "19590101-0000") == 31_420
    assert r.avgift(100_000, "") == 31_420  # no personnummer: named, and the full rate
    arvoden.spara_regel(board, replace(r, aldre_fodda_senast=1957))
    assert arvoden.regel(board, 2025).avgift(100_000, "19581231-0000") == 31_420
    # the next year's rules move the typed birth year with the year
    assert arvoden.ny_regel(board, 2026).aldre_fodda_senast == 1958
    with pytest.raises(Ogiltigt, match="födelseår"):
        arvoden.spara_regel(board, replace(r, aldre_fodda_senast=1700))
