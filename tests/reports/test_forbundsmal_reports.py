"""The förbund's own goals in its documents (issue 15, 6): listed in the verksamhetsplan,
with a prognosis in the delårsrapport and a bedömning in the årsredovisning, in the
förbund's own words for its scale."""

from __future__ import annotations

import pytest
from fixed_days import DEMO_DAY
from report_helpers import read_pages

from finsam_desktop import forbundsmal as fm
from finsam_desktop.model import Bedomning, MalSlag, Skede
from finsam_desktop.settings import set_setting
from reports import arsredovisning, delarsrapport, verksamhetsplan

STOD = "Att 80 % av deltagarna ska uppleva att de fått stöd i sin process."
ORGAN = "Att verksamheten har ett fungerande beredande organ."
KAPITAL = "Att det egna kapitalet inte överstiger 20 % av driftbidraget."


@pytest.fixture
def goals(demo):
    stod = fm.nytt_mal(demo, MalSlag.VERKSAMHET, STOD, 2025, omrade="Individens stöd")
    fm.andra_text(demo, stod, "matt", "Enkät till deltagarna")
    fm.andra_text(demo, stod, "uppfoljning", "Årligen i december")
    organ = fm.nytt_mal(demo, MalSlag.VERKSAMHET, ORGAN, 2025, omrade="Samverkan")
    kapital = fm.nytt_mal(demo, MalSlag.FINANSIELLT, KAPITAL, 2025)
    set_setting(demo, "bedomning_uppnatt", "Helt och hållet")
    fm.satt_bedomning(demo, stod, 2025, Skede.HELAR, Bedomning.UPPNATT, "Alla svarande.")
    fm.satt_bedomning(demo, kapital, 2025, Skede.HELAR, Bedomning.EJ_UPPNATT, "Över taket.")
    fm.satt_bedomning(demo, organ, 2026, Skede.DELAR, Bedomning.DELVIS, "Loksam utvecklas.")
    return demo


def one_line(pages: list[str]) -> str:
    return " ".join(" ".join(pages).split())


def test_the_verksamhetsplan_lists_the_goals_of_its_year_with_measure_and_follow_up(
    goals, tmp_path
):
    text = one_line(read_pages(verksamhetsplan.build(goals, 2027, today=DEMO_DAY), tmp_path))
    assert "Område Mål Mäts genom Följs upp genom" in text
    assert "Enkät till deltagarna" in text and "Årligen i december" in text
    assert "Att det egna kapitalet inte överstiger 20 %" in text  # its cell wraps after "%"
    # the förbund's own finansiella mål stand instead of the law's default three
    assert "tecknar inga lån eller krediter" not in text


def test_without_goals_of_its_own_the_plan_keeps_the_laws_finansiella_mal(demo, tmp_path):
    for m in fm.forbundsmal(demo):  # the demo has goals of its own: a förbund without any
        fm.ta_bort(demo, m.id)
    text = one_line(read_pages(verksamhetsplan.build(demo, 2027, today=DEMO_DAY), tmp_path))
    assert "tecknar inga lån eller krediter" in text
    assert "Område Mål Mäts genom" not in text  # no table of goals of its own


def test_the_delarsrapport_gives_each_goal_its_prognosis(goals, tmp_path):
    text = one_line(read_pages(delarsrapport.build(goals, 2026, today=DEMO_DAY), tmp_path))
    assert "Förbundets verksamhetsmål: prognos" in text
    assert "Till viss del Loksam utvecklas." in text
    assert "Ingen prognos" in text  # the goal without one says so


def test_the_arsredovisning_assesses_each_goal_in_the_forbunds_words(goals, tmp_path):
    text = one_line(read_pages(arsredovisning.build(goals, 2025, today=DEMO_DAY), tmp_path))
    assert "Förbundets verksamhetsmål" in text
    assert "Helt och hållet Alla svarande." in text  # the förbund's word for "uppnått"
    assert "Ej bedömt" in text  # the beredande organ has no bedömning for 2025
    assert "Ej uppnått Över taket." in text
    # its own finansiella mål stand instead of the computed ones
    assert "får inte teckna lån eller krediter" not in text
