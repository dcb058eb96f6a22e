"""The reports' narrative texts: stored per report, year and section, carried into a new
year, and the small markup a user types parsed into paragraphs, bullets and bold."""

from __future__ import annotations

import pytest

from finsam_desktop import rapporttexter as rt
from finsam_desktop.rapporttexter import Del, Punktlista, Stycke, parse


def test_a_section_without_text_is_empty_and_says_so(ff):
    text = rt.hamta(ff, "arsredovisning", 2025, "inledning")
    assert text.text == "" and text.fran_ar is None


def test_a_saved_text_is_read_back_for_its_year(ff):
    rt.spara(ff, "arsredovisning", 2025, "vision", "  Ingen ska falla mellan stolarna.\n")
    got = rt.hamta(ff, "arsredovisning", 2025, "vision")
    assert got.text == "Ingen ska falla mellan stolarna."
    assert got.fran_ar == 2025


def test_a_new_year_starts_from_last_years_text(ff):
    rt.spara(ff, "arsredovisning", 2024, "vision", "Förra årets vision.")
    got = rt.hamta(ff, "arsredovisning", 2025, "vision")
    assert got.text == "Förra årets vision." and got.fran_ar == 2024
    rt.spara(ff, "arsredovisning", 2025, "vision", "Årets vision.")
    assert rt.hamta(ff, "arsredovisning", 2025, "vision").text == "Årets vision."
    assert rt.hamta(ff, "arsredovisning", 2024, "vision").text == "Förra årets vision."


def test_an_emptied_text_stays_empty_instead_of_taking_last_years(ff):
    rt.spara(ff, "arsredovisning", 2024, "vision", "Förra årets vision.")
    rt.spara(ff, "arsredovisning", 2025, "vision", "")
    assert rt.hamta(ff, "arsredovisning", 2025, "vision").text == ""


def test_texts_are_kept_apart_per_report(ff):
    rt.spara(ff, "delarsrapport", 2025, "inledning", "Delår.")
    rt.spara(ff, "arsredovisning", 2025, "inledning", "Helår.")
    assert rt.texter(ff, "delarsrapport", 2025)["inledning"] == "Delår."
    assert rt.texter(ff, "arsredovisning", 2025)["inledning"] == "Helår."
    assert set(rt.texter(ff, "verksamhetsplan", 2026)) == {
        a.nyckel for a in rt.AVSNITT["verksamhetsplan"]
    }


def test_saving_is_one_undoable_write_named_after_the_section(ff):
    heard = []
    ff.subscribe(heard.append)
    rt.spara(ff, "arsredovisning", 2025, "forvantad_utveckling", "Text.")
    assert heard == ["Ändra text: Förväntad utveckling 2025"]


def test_an_unknown_report_or_section_is_refused(ff):
    with pytest.raises(ValueError):
        rt.spara(ff, "protokoll", 2025, "inledning", "x")
    with pytest.raises(KeyError):
        rt.spara(ff, "arsredovisning", 2025, "okant", "x")


def test_a_section_is_found_by_its_heading_or_its_key():
    assert rt.avsnitt_fran_text("arsredovisning", "händelser AV väsentlig  betydelse") == (
        "vasentliga_handelser"
    )
    assert rt.avsnitt_fran_text("arsredovisning", "vision") == "vision"
    assert rt.avsnitt_fran_text("arsredovisning", "Budget") is None


# -- the markup --------------------------------------------------------------------------------


def test_blank_lines_separate_paragraphs_and_lines_next_to_each_other_join():
    assert parse("Första raden\nfortsätter.\n\nNytt stycke.") == [
        Stycke((Del("Första raden fortsätter."),)),
        Stycke((Del("Nytt stycke."),)),
    ]


def test_dash_lines_make_a_bullet_list_and_an_indented_line_continues_a_bullet():
    assert parse(
        "Vi prioriterar:\n- unga vuxna\n  som inte studerar\n* psykisk hälsa\n• språk"
    ) == [
        Stycke((Del("Vi prioriterar:"),)),
        Punktlista(
            (
                (Del("unga vuxna som inte studerar"),),
                (Del("psykisk hälsa"),),
                (Del("språk"),),
            )
        ),
    ]


def test_double_stars_make_bold_and_a_lone_pair_stays_as_typed():
    assert parse("Ett **viktigt** ord och **ett till**.") == [
        Stycke(
            (
                Del("Ett "),
                Del("viktigt", fet=True),
                Del(" ord och "),
                Del("ett till", fet=True),
                Del("."),
            )
        )
    ]
    assert parse("5 ** 2 är inte fetstil") == [Stycke((Del("5 ** 2 är inte fetstil"),))]


def test_a_minus_amount_is_not_a_bullet_and_windows_line_ends_are_read():
    assert parse("-67 500 kr\r\n\r\nSlut") == [
        Stycke((Del("-67 500 kr"),)),
        Stycke((Del("Slut"),)),
    ]


def test_an_empty_text_has_no_blocks():
    assert parse("") == [] and parse("\n \n\t\n") == []
