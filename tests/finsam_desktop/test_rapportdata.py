"""The non-money facts of the reports, read from the demo förbund."""

from __future__ import annotations

import datetime as dt

from finsam_desktop import rapportdata


def test_a_new_mandate_period_is_one_change_of_the_board(demo):
    changes = rapportdata.styrelseforandringar(demo, 2023)
    assert [c.datum for c in changes] == ["2023-04-01"]
    assert "ny mandatperiod" in changes[0].text


def test_someone_leaving_mid_period_is_told_with_the_successor(demo):
    (change,) = rapportdata.styrelseforandringar(demo, 2025)
    assert change.text.startswith("Tomas Öhman (ledamot, Arbetsförmedlingen) slutade 2025-08-31")
    assert "som ny ledamot utsågs Johanna Rönnberg från 2025-09-01" in change.text


def test_the_board_pairs_each_ledamot_with_an_ersattare_ordforande_first(demo):
    platser = rapportdata.styrelse_vid_arets_borjan(demo, 2025)
    assert platser[0].ledamot_funktion == "ordförande"
    assert platser[1].ledamot_funktion == "vice ordförande"
    assert all(p.ledamot and p.ersattare for p in platser)
    signers = rapportdata.ledamoter_pa(demo, dt.date(2025, 12, 31))
    assert signers[0]["funktion"] == "Ordförande"
    assert "Johanna Rönnberg" in {s["namn"] for s in signers}
    assert "Tomas Öhman" not in {s["namn"] for s in signers}


def test_meetings_are_counted_with_the_extra_ones(demo):
    m = rapportdata.sammantraden(demo, 2024)
    assert m.protokollforda == 7 and m.varav_extra == 1
    assert rapportdata.sammantraden(demo, 2026, till=dt.date(2026, 8, 31)).protokollforda < 6


def test_revisorer_are_listed_once_with_the_members_they_audit_for(demo):
    rev = rapportdata.revisorer(demo, 2025)
    assert len(rev) == 2
    assert rev[0]["medlemmar"] == "Försäkringskassan, Arbetsförmedlingen"


def test_an_insats_carries_its_money_goals_and_counts_for_the_year(demo):
    insatser = {i.namn: i for i in rapportdata.insatser(demo, 2025)}
    team = insatser["Samverkansteam Norrådalen"]
    assert team.beviljat is not None and team.ej_forbrukat == team.beviljat - team.forbrukat
    assert team.mal and all(g.bedomning for g in team.mal)
    assert team.har_deltagare and team.nya_kvinnor is not None
    assert team.projekttid.endswith("t.o.m. löpande")


def test_the_reports_own_decision_is_found_among_the_boards_items(demo):
    assert rapportdata.styrelsebeslut(demo, "Årsredovisning 2025") == ("2026-03-19", 14)
    assert rapportdata.styrelsebeslut(demo, "Årsredovisning 2040") is None
