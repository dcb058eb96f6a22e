"""The demo förbund: invented, realistic, reconciled, and the same file for the same day."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
from fixed_days import DEMO_DAY

import finsam_desktop.demo
from finsam_desktop import ekonomi, storage
from finsam_desktop.arbetsbok import export_workbook, import_workbook, load_content
from finsam_desktop.check import run_checks
from finsam_desktop.demo import NAMN, create_demo, fill_demo
from finsam_desktop.orgnr import normalize_orgnr
from finsam_desktop.schema import tables_parents_first


def content(ff) -> dict[str, list[tuple]]:
    return {
        t: [tuple(r.values()) for r in ff.query(f"SELECT * FROM {t} ORDER BY 1, 2")]
        for t in tables_parents_first(ff.conn)
    }


def seats_on(ff, day: dt.date) -> list[dict]:
    return ff.query(
        "SELECT u.*, p.namn FROM uppdrag u JOIN person p ON p.id = u.person_id "
        "WHERE u.fran <= ? AND u.till >= ? ORDER BY u.medlem_id, u.roll",
        (day.isoformat(), day.isoformat()),
    )


# -- made fast, whole and reconciled -----------------------------------------------------------


def test_filling_the_demo_takes_well_under_half_a_second(ff):
    start = time.perf_counter()
    fill_demo(ff, today=DEMO_DAY)
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    "today",
    [
        DEMO_DAY,
        dt.date(2027, 3, 1),
        dt.date(2026, 1, 2),
        dt.date(2026, 11, 19),  # the day of the November meeting
        dt.date(2025, 6, 15),
        dt.date(2028, 12, 31),
    ],
)
def test_the_demo_passes_the_checks_without_an_error_on_the_day_it_was_made_for(ff, today):
    fill_demo(ff, today=today)
    errors = [f.message for f in run_checks(ff, today=today) if f.severity == "fel"]
    assert errors == []


def test_the_same_day_gives_the_same_file_content(tmp_path):
    create_demo(tmp_path / "a.finsam", today=DEMO_DAY)
    create_demo(tmp_path / "b.finsam", today=DEMO_DAY)
    with (
        storage.open_file(tmp_path / "a.finsam", storage.OpenOptions(read_only=True)) as a,
        storage.open_file(tmp_path / "b.finsam", storage.OpenOptions(read_only=True)) as b,
    ):
        assert content(a) == content(b)


def test_another_day_moves_the_years_along(tmp_path):
    create_demo(tmp_path / "a.finsam", today=DEMO_DAY)
    create_demo(tmp_path / "b.finsam", today=dt.date(2027, 11, 25))
    for name, closed in (("a.finsam", [2023, 2024, 2025]), ("b.finsam", [2024, 2025, 2026])):
        with storage.open_file(tmp_path / name, storage.OpenOptions(read_only=True)) as ff:
            assert ekonomi.bokslut_ar(ff) == closed


def test_create_demo_writes_a_closed_file_that_opens_as_the_demo_forbund(tmp_path):
    path = tmp_path / "Demo.finsam"
    create_demo(path, today=DEMO_DAY)
    with storage.open_file(path) as ff:
        assert ff.forbund_name() == NAMN == "Samordningsförbundet Norrådalen"


def test_create_demo_refuses_an_existing_file(tmp_path):
    path = tmp_path / "Demo.finsam"
    path.write_bytes(b"mitt eget")
    with pytest.raises(storage.StorageError, match="finns redan"):
        create_demo(path, today=DEMO_DAY)
    assert path.read_bytes() == b"mitt eget"


def test_the_demo_is_never_mixed_into_a_file_with_data(demo):
    with pytest.raises(ValueError, match="tom förbundsfil"):
        fill_demo(demo, today=DEMO_DAY)


def test_the_demo_is_never_written_over_anything_a_file_holds(ff):
    with ff.write() as db:
        db.execute("INSERT INTO konto (nummer, benamning) VALUES ('4010', 'Eget konto')")
    before = content(ff)
    with pytest.raises(ValueError, match="tom förbundsfil"):
        fill_demo(ff, today=DEMO_DAY)
    assert content(ff) == before


# -- written as an import writes, and read back the same ---------------------------------------


@pytest.mark.parametrize("today", [DEMO_DAY, dt.date(2026, 1, 2)])
def test_the_demo_is_what_its_arbetsbok_imports_back_and_passes_the_checks(
    demo_copy, tmp_path, today
):
    book = tmp_path / "demo.xlsx"
    with storage.open_file(demo_copy(today), storage.OpenOptions(read_only=True)) as demo:
        export_workbook(demo, book)
        expected = load_content(demo)
    with storage.create_file(tmp_path / "Importerad.finsam", namn="Importerad") as imported:
        assert import_workbook(imported, book) is None  # nothing to back up in a new file
        assert load_content(imported) == expected
        assert [f for f in run_checks(imported, today=today) if f.severity == "fel"] == []


def test_the_demo_spells_no_table_it_writes_through_the_arbetsbok():
    """The demo's content goes into the file by arbetsbok.write_content alone, as an import's
    does: no SQL of its own that a new column or rule would have to be spelt in again."""
    package = Path(finsam_desktop.demo.__file__).parent
    sql = re.compile(r"\b(INSERT|SELECT|UPDATE|DELETE)\b|\.execute(many)?\(|\.query\(")
    for module in sorted(package.glob("*.py")):
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), 1):
            assert not sql.search(line), f"{module.name}:{number}: {line.strip()}"


# -- the förbund and its members ---------------------------------------------------------------


def test_the_forbund_is_invented_with_a_valid_organisationsnummer(demo):
    row = demo.query("SELECT * FROM forbund")[0]
    assert row["namn"] == "Samordningsförbundet Norrådalen"
    assert row["organisationsnummer"].startswith("222000-")
    assert normalize_orgnr(row["organisationsnummer"]) == row["organisationsnummer"]


def test_the_members_are_the_state_one_region_and_two_kommuner_with_an_unequal_key(demo):
    members = demo.query("SELECT namn, typ, andel FROM medlem ORDER BY ordning")
    assert [m["typ"] for m in members] == [
        "forsakringskassan",
        "arbetsformedlingen",
        "region",
        "kommun",
        "kommun",
    ]
    assert [Decimal(m["andel"]) for m in members] == [50, 0, 25, 15, 10]


def test_driftbidrag_is_around_five_million_and_follows_the_key(demo):
    for ar in ekonomi.bokslut_ar(demo):
        bidrag = ekonomi.driftbidrag(demo, ar)
        assert 4_000_000_00 <= bidrag <= 6_000_000_00
        assert ekonomi.driftbidrag_utfall(demo, ar) == bidrag
    version = ekonomi.gallande_budget(demo, DEMO_DAY.year)
    per_member = ekonomi.budget_driftbidrag(demo, version["id"], DEMO_DAY.year)
    total = sum(per_member.values())
    expected = {
        p.nyckel: p.belopp_ore for p in ekonomi.medelsfordelning(demo, total) if p.belopp_ore
    }
    assert per_member == expected


# -- styrelse ----------------------------------------------------------------------------------


def test_every_member_has_a_ledamot_and_an_ersattare_today(demo):
    seats = seats_on(demo, DEMO_DAY)
    assert sorted((s["medlem_id"], s["roll"]) for s in seats) == sorted(
        (m, r) for m in range(1, 6) for r in ("ledamot", "ersattare")
    )


def test_ordforande_and_vice_are_ledamoter_from_region_and_kommun(demo):
    seats = seats_on(demo, DEMO_DAY)
    functions = {s["funktion"]: s for s in seats if s["funktion"]}
    assert set(functions) == {"ordforande", "vice_ordforande"}
    assert all(s["roll"] == "ledamot" for s in functions.values())


def test_mandate_periods_start_on_1_april_after_the_election(demo):
    periods = {(r["fran"][5:], r["till"][5:]) for r in demo.query("SELECT fran, till FROM uppdrag")}
    starts = sorted(r["fran"] for r in demo.query("SELECT DISTINCT fran FROM uppdrag"))
    assert starts[:2] == ["2019-04-01", "2023-04-01"]
    assert ("04-01", "03-31") in periods


def test_one_ledamot_leaves_mid_period_and_a_successor_takes_the_seat(demo):
    left = demo.query(
        "SELECT u.*, p.namn FROM uppdrag u JOIN person p ON p.id = u.person_id "
        "WHERE u.till NOT LIKE '%-03-31'"
    )
    assert len(left) == 1
    successor = demo.query(
        "SELECT * FROM uppdrag WHERE fran = date(?, '+1 day') AND medlem_id = ? AND roll = ?",
        (left[0]["till"], left[0]["medlem_id"], left[0]["roll"]),
    )
    assert len(successor) == 1
    assert left[0]["namn"] in successor[0]["anteckning"]


def test_revisorer_one_for_the_state_and_one_shared_by_region_and_kommuner(demo):
    rows = demo.query(
        "SELECT r.id, group_concat(m.typ) AS typer FROM revisor r "
        "JOIN revisor_medlem rm ON rm.revisor_id = r.id JOIN medlem m ON m.id = rm.medlem_id "
        "WHERE r.fran <= ? AND r.till >= ? GROUP BY r.id ORDER BY r.id",
        (DEMO_DAY.isoformat(), DEMO_DAY.isoformat()),
    )
    assert [sorted(r["typer"].split(",")) for r in rows] == [
        ["arbetsformedlingen", "forsakringskassan"],
        ["kommun", "kommun", "region"],
    ]


# -- meetings ----------------------------------------------------------------------------------


def test_about_six_styrelsemoten_a_year_each_with_a_beredning_a_week_before(demo):
    per_year = demo.query(
        "SELECT substr(datum, 1, 4) AS ar, count(*) AS n FROM mote "
        "WHERE typ IN ('styrelsemote', 'extra_styrelsemote') GROUP BY ar ORDER BY ar"
    )
    assert [r["ar"] for r in per_year] == ["2023", "2024", "2025", "2026"]
    assert all(6 <= r["n"] <= 7 for r in per_year)
    moten = demo.query("SELECT typ, datum FROM mote ORDER BY datum, id")
    for before, meeting in itertools.pairwise(moten):
        if meeting["typ"] == "styrelsemote":
            assert before["typ"] == "beredning"
            gap = dt.date.fromisoformat(meeting["datum"]) - dt.date.fromisoformat(before["datum"])
            assert dt.timedelta(days=5) <= gap <= dt.timedelta(days=10)


def test_paragraphs_run_from_1_through_each_year_for_held_meetings(demo):
    rows = demo.query(
        "SELECT substr(m.datum, 1, 4) AS ar, a.paragraf FROM arende a "
        "JOIN mote m ON m.id = a.mote_id WHERE a.paragraf IS NOT NULL "
        "ORDER BY m.datum, a.ordning"
    )
    by_year: dict[str, list[int]] = {}
    for r in rows:
        by_year.setdefault(r["ar"], []).append(r["paragraf"])
    for numbers in by_year.values():
        assert numbers == list(range(1, len(numbers) + 1))
    future = demo.query(
        "SELECT count(*) AS n FROM arende a JOIN mote m ON m.id = a.mote_id "
        "WHERE m.datum >= ? AND a.paragraf IS NOT NULL",
        (DEMO_DAY.isoformat(),),
    )
    assert future[0]["n"] == 0


def test_held_meetings_have_two_justerare_and_are_justerade_after_a_week(demo):
    held = demo.query(
        "SELECT * FROM mote WHERE typ LIKE '%styrelsemote' AND datum < ? ORDER BY datum",
        (DEMO_DAY.isoformat(),),
    )
    for m in held:
        assert demo.scalar("SELECT count(*) FROM justerare WHERE mote_id = ?", (m["id"],)) == 2
        if m["datum"] < (DEMO_DAY - dt.timedelta(days=7)).isoformat():
            assert m["justerat"] > m["datum"]


def test_an_ersattare_serves_for_an_absent_ledamot_at_some_meetings(demo):
    serving = demo.query(
        "SELECT count(*) AS n FROM narvaro n JOIN uppdrag u ON u.id = n.uppdrag_id "
        "WHERE u.roll = 'ersattare' AND n.tjanstgorande = 1"
    )
    assert serving[0]["n"] > 5


def test_the_decision_log_has_open_and_ongoing_assignments(demo):
    statuses = {r["beslut_status"] for r in demo.query("SELECT beslut_status FROM arende")}
    assert {"oppen", "pagar", "klar"} <= statuses


# -- insatser ----------------------------------------------------------------------------------


def test_insatser_of_both_types_across_their_life_cycle(demo):
    rows = demo.query("SELECT * FROM insats")
    assert 6 <= len(rows) <= 8
    assert {r["typ"] for r in rows} == {"individinriktad", "strukturovergripande"}
    statuses = [r["status"] for r in rows]
    assert statuses.count("avslutad") == 1
    assert statuses.count("beredning") == 1
    assert sum(1 for r in rows if r["slut"] is None) == 1  # "t.o.m. löpande"
    assert all(len(r["syfte"]) > 80 and len(r["malgrupp"]) > 50 for r in rows)


def test_every_insats_has_an_owner_and_at_least_one_other_party(demo):
    for row in demo.query(
        "SELECT i.agare_id, count(p.medlem_id) AS medparter FROM insats i "
        "LEFT JOIN insats_part p ON p.insats_id = i.id AND p.medlem_id != i.agare_id "
        "GROUP BY i.id"
    ):
        assert row["agare_id"] is not None and row["medparter"] >= 1


def test_forbrukat_per_insats_matches_the_utfall_of_every_closed_year(demo):
    for ar in ekonomi.bokslut_ar(demo):
        per_insats = ekonomi.utfall_per_insats(demo, ar)
        rows = demo.query(
            "SELECT * FROM insats_ar WHERE ar = ? AND forbrukat_ore IS NOT NULL", (ar,)
        )
        assert rows
        assert {r["insats_id"]: -r["forbrukat_ore"] for r in rows} == per_insats


def test_goals_are_assessed_each_closed_year_with_all_three_verdicts(demo):
    verdicts = {r["bedomning"] for r in demo.query("SELECT bedomning FROM mal_bedomning")}
    assert verdicts == {"uppnatt", "delvis", "ej_uppnatt"}
    assert demo.scalar("SELECT count(*) FROM mal_bedomning WHERE motivering = ''") == 0


def test_follow_up_is_aggregated_counts_and_no_personal_data_appears_anywhere(demo):
    rows = demo.query("SELECT * FROM uppfoljning")
    assert rows and all(r["nya_kvinnor"] + r["nya_man"] > 0 for r in rows)
    personnummer = re.compile(r"\b(19|20)?\d{6}[-+]?\d{4}\b")
    for table in tables_parents_first(demo.conn):
        if table in ("forbund", "installning"):
            continue
        for row in demo.query(f"SELECT * FROM {table}"):
            for value in row.values():
                if isinstance(value, str):
                    assert not personnummer.search(value), (table, value)


# -- economy -----------------------------------------------------------------------------------


def test_three_closed_years_with_bokslut_that_reconcile(demo):
    closed = ekonomi.bokslut_ar(demo)
    assert closed == [DEMO_DAY.year - 3, DEMO_DAY.year - 2, DEMO_DAY.year - 1]
    for ar in closed:
        b = ekonomi.bokslut(demo, ar)
        assert b.summa_tillgangar == b.summa_eget_kapital_avsattningar_skulder
        assert b.eget_kapital == ekonomi.eget_kapital_ib(demo, ar) + ekonomi.arets_resultat(
            demo, ar
        )


def test_eget_kapital_is_under_the_ceiling_in_the_last_closed_year(demo):
    tak = ekonomi.eget_kapital_mot_tak(demo, DEMO_DAY.year - 1)
    assert not tak.over_tak


def test_the_admin_share_is_between_15_and_25_percent(demo):
    for ar in ekonomi.bokslut_ar(demo):
        assert Decimal("0.15") <= ekonomi.administrationsandel(demo, ar).andel <= Decimal("0.25")


def test_this_year_has_monthly_utfall_for_the_months_already_closed(demo):
    months = [
        r["manad"]
        for r in demo.query(
            "SELECT DISTINCT manad FROM utfall WHERE ar = ? ORDER BY manad", (DEMO_DAY.year,)
        )
    ]
    assert months == list(range(1, DEMO_DAY.month))
    assert ekonomi.resultatrakning(demo, DEMO_DAY.year, till_manad=8).verksamhetens_intakter > 0


def test_budgets_are_decided_by_30_november_the_year_before(demo):
    for ar in range(DEMO_DAY.year - 2, DEMO_DAY.year + 1):
        version = ekonomi.gallande_budget(demo, ar)
        assert version["beslut_datum"] <= f"{ar - 1}-11-30"
        assert version["beslut_paragraf"].startswith("§ ")
        assert all(
            ekonomi.budget_resultat(demo, version["id"], y) >= 0
            or version["eget_kapital_motivering"]
            for y in ekonomi.budget_ar(version)
        )


def test_next_years_budget_is_a_forslag_until_the_november_meeting(ff):
    fill_demo(ff, today=dt.date(2026, 11, 10))
    assert ekonomi.gallande_budget(ff, 2027) is None
    assert [v["status"] for v in ekonomi.budget_versioner(ff, 2027)] == ["forslag"]


def test_next_years_budget_is_decided_after_the_november_meeting(demo):
    version = ekonomi.gallande_budget(demo, DEMO_DAY.year + 1)
    assert version["beslut_datum"] < DEMO_DAY.isoformat()


def test_one_budget_uses_eget_kapital_with_a_motivation(demo):
    motivated = [v for v in ekonomi.budget_versioner(demo) if v["eget_kapital_motivering"]]
    assert motivated
    assert all(ekonomi.budget_resultat(demo, v["id"], v["ar"]) < 0 for v in motivated)


# -- årshjul -----------------------------------------------------------------------------------


def test_the_arshjul_has_the_forbunds_own_recurring_entries(demo):
    posts = {r["rubrik"]: r for r in demo.query("SELECT * FROM arshjul_post")}
    for rubrik in (
        "Finsamkonferensen",
        "Norrlandskonferensen",
        "Medlemssamråd",
        "Internkontroll, riskanalys och dataskydd",
    ):
        assert posts[rubrik]["upprepning"] == "arligen"
    assert posts["Internkontroll, riskanalys och dataskydd"]["datum"][5:7] == "12"
    assert posts["Medlemssamråd"]["datum"][5:7] in ("03", "04", "05")


def test_psykiatriveckan_is_monday_to_thursday_of_week_45_every_year(demo):
    rows = demo.query("SELECT datum, slut FROM arshjul_post WHERE rubrik = 'Psykiatriveckan'")
    assert len(rows) >= 4
    for r in rows:
        start, end = dt.date.fromisoformat(r["datum"]), dt.date.fromisoformat(r["slut"])
        assert start.isocalendar()[1:] == (45, 1)
        assert end.isocalendar()[1:] == (45, 4)
