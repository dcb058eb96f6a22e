"""The förbund's own details and its members, edited after the file was made: one action,
all or nothing, the funding key kept, and nothing that refers to a member broken."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from finsam_desktop import budget, ekonomi, styrelse
from finsam_desktop.forbund import (
    Forbund,
    MedlemRad,
    Ogiltigt,
    forbund,
    grunda,
    medlem_anvands,
    medlemmar,
    spara_uppgifter,
)
from finsam_desktop.model import MedlemTyp, Roll


@pytest.fixture
def grundat(ff):
    grunda(ff, "Region Norr", [("Norrby kommun", None), ("Söderby kommun", None)], 2026)
    ff.enable_undo()
    return ff


def rader(ff) -> list[MedlemRad]:
    return [MedlemRad(m.id, m.namn, m.typ, m.andel) for m in medlemmar(ff)]


def by_name(ff) -> dict[str, MedlemRad]:
    return {r.namn: r for r in rader(ff)}


def test_the_details_read_back_with_the_members_shares(grundat):
    assert forbund(grundat) == Forbund("Samordningsförbundet Test", "222000-2063", None, 2026)
    assert [(m.namn, m.andel) for m in medlemmar(grundat)] == [
        ("Försäkringskassan", Decimal(50)),
        ("Arbetsförmedlingen", Decimal(0)),
        ("Region Norr", Decimal(25)),
        ("Norrby kommun", Decimal("12.5")),
        ("Söderby kommun", Decimal("12.5")),
    ]


def test_name_orgnr_founding_date_and_members_are_stored_as_one_undoable_action(grundat):
    ff = grundat
    norrby = by_name(ff)["Norrby kommun"]
    styrelse.nytt_uppdrag(ff, "Anna Ek", norrby.id, Roll.LEDAMOT, dt.date(2023, 4, 1))
    version = budget.ny_version(ff, 2026)
    members = [
        MedlemRad(r.id, "Norrby-Östby kommun", r.typ, "15")
        if r.namn == "Norrby kommun"
        else MedlemRad(r.id, r.namn, r.typ, "10,0 %")
        if r.namn == "Söderby kommun"
        else r
        for r in rader(ff)
    ]
    assert spara_uppgifter(
        ff, " Samordningsförbundet Norrby ", "2220002063", dt.date(2005, 1, 1), 2026, members
    )
    assert ff.undo_label == "Ändra förbundets uppgifter"
    assert forbund(ff) == Forbund(
        "Samordningsförbundet Norrby", "222000-2063", dt.date(2005, 1, 1), 2026
    )
    assert ff.forbund_name() == "Samordningsförbundet Norrby"
    shares = {m.namn: m.andel for m in medlemmar(ff)}
    assert shares["Norrby-Östby kommun"] == 15 and shares["Söderby kommun"] == 10
    # The seat follows the member by id; the draft budget's driftbidrag row follows its name.
    assert styrelse.alla_uppdrag(ff)[0].medlem == "Norrby-Östby kommun"
    texts = [r["text"] for r in ff.query("SELECT text FROM budget_rad WHERE version_id = ?",
                                          (version,))]  # fmt: skip
    assert "Driftbidrag Norrby-Östby kommun" in texts
    assert sum(d.belopp_ore for d in ekonomi.medelsfordelning(ff, 400_000_00)) == 400_000_00

    ff.undo()
    assert forbund(ff).namn == "Samordningsförbundet Test"
    assert forbund(ff).bildat is None
    assert by_name(ff)["Norrby kommun"].andel == Decimal("12.5")
    assert styrelse.alla_uppdrag(ff)[0].medlem == "Norrby kommun"


def test_a_decided_budget_keeps_the_old_name_in_its_text(grundat):
    ff = grundat
    version = budget.ny_version(ff, 2026)
    budget.besluta(ff, version, dt.date(2025, 11, 20), "§ 40")
    members = [
        MedlemRad(r.id, "Region Mellannorrland", r.typ, r.andel) if r.namn == "Region Norr" else r
        for r in rader(ff)
    ]
    spara_uppgifter(ff, "Samordningsförbundet Test", "", None, 2026, members)
    texts = [r["text"] for r in ff.query("SELECT text FROM budget_rad")]
    assert "Driftbidrag Region Norr" in texts
    assert forbund(ff).organisationsnummer == ""


def test_two_members_may_swap_names_and_a_new_kommun_joins(grundat):
    ff = grundat
    current = rader(ff)
    members = []
    for r in current:
        if r.namn == "Norrby kommun":
            members.append(MedlemRad(r.id, "Söderby kommun", r.typ, "10"))
        elif r.namn == "Söderby kommun":
            members.append(MedlemRad(r.id, "Norrby kommun", r.typ, "10"))
        else:
            members.append(r)
    members.append(MedlemRad(None, "Österby kommun", MedlemTyp.KOMMUN, "5"))
    spara_uppgifter(ff, "Samordningsförbundet Test", "222000-2063", None, 2026, members)
    after = medlemmar(ff)
    ids = {r.namn: r.id for r in current}
    assert [m.namn for m in after][-3:] == ["Söderby kommun", "Norrby kommun", "Österby kommun"]
    assert {m.namn: m.id for m in after}["Söderby kommun"] == ids["Norrby kommun"]
    ff.undo()
    assert [(m.id, m.namn) for m in medlemmar(ff)] == [(r.id, r.namn) for r in current]


def test_nothing_changed_writes_nothing(grundat):
    ff = grundat
    assert not spara_uppgifter(ff, "Samordningsförbundet Test", "222000-2063", None, 2026,
                               rader(ff))  # fmt: skip
    assert ff.undo_label is None


def test_a_member_nothing_refers_to_can_be_removed_but_not_one_with_a_seat(grundat):
    ff = grundat
    af = by_name(ff)["Arbetsförmedlingen"]
    norrby = by_name(ff)["Norrby kommun"]
    styrelse.nytt_uppdrag(ff, "Anna Ek", norrby.id, Roll.LEDAMOT, dt.date(2023, 4, 1))
    assert medlem_anvands(ff, af.id) == []
    assert medlem_anvands(ff, norrby.id) == ["styrelseuppdrag"]
    without_norrby = [
        MedlemRad(r.id, r.namn, r.typ, "25") if r.namn == "Söderby kommun" else r
        for r in rader(ff)
        if r.namn != "Norrby kommun"
    ]
    with pytest.raises(Ogiltigt, match="Norrby kommun kan inte tas bort eftersom medlemmen "
                       "finns i styrelseuppdrag"):  # fmt: skip
        spara_uppgifter(ff, "Samordningsförbundet Test", "", None, 2026, without_norrby)
    assert len(medlemmar(ff)) == 5
    spara_uppgifter(ff, "Samordningsförbundet Test", "", None, 2026,
                    [r for r in rader(ff) if r.id != af.id])  # fmt: skip
    assert "Arbetsförmedlingen" not in by_name(ff)


def change(ff, **named) -> list[MedlemRad]:
    """The members with some changed: {name: (new name, typ, andel)}."""
    result = []
    for r in rader(ff):
        if r.namn in named:
            namn, typ, andel = named[r.namn]
            result.append(MedlemRad(r.id, namn, typ or r.typ, andel))
        else:
            result.append(r)
    return result


@pytest.mark.parametrize(
    ("namn", "orgnr", "year", "members", "message"),
    [
        (" ", "", 2026, None, "Förbundets namn får inte vara tomt."),
        ("F", "222000-2064", 2026, None, "Kontrollsiffran"),
        ("F", "22200", 2026, None, "har tio siffror"),
        ("F", "", 1999, None, "mellan 2004 och 2200"),
        ("F", "", 2026, {"Norrby kommun": ("", None, "12,5")}, "Medlemmens namn får inte"),
        ("F", "", 2026, {"Norrby kommun": ("söderby kommun", None, "12,5")}, "två gånger"),
        ("F", "", 2026, {"Norrby kommun": ("Norrby kommun", None, "tolv")}, "inget tal"),
        ("F", "", 2026, {"Norrby kommun": ("Norrby kommun", None, "")}, "Ange andelen"),
        ("F", "", 2026, {"Norrby kommun": ("Norrby kommun", None, "120")}, "mellan 0 och 100"),
        ("F", "", 2026, {"Norrby kommun": ("Norrby kommun", None, "15")},
         "Andelen för kommunerna blir 27,5\u00a0% \\(Norrby kommun 15\u00a0% och Söderby kommun "
         "12,5\u00a0%\\) men ska vara 25\u00a0%"),
        ("F", "", 2026, {"Region Norr": ("Region Norr", MedlemTyp.KOMMUN, "25")},
         "Lägg till en region bland medlemmarna."),
        ("F", "", 2026, {"Arbetsförmedlingen": ("AF", MedlemTyp.FORSAKRINGSKASSAN, "0")},
         "Försäkringskassan kan bara vara medlem en gång."),
        ("F", "", 2026, {"Försäkringskassan": ("Försäkringskassan", None, "40")},
         "Andelen för staten blir 40\u00a0%"),
    ],
)  # fmt: skip
def test_a_refused_edit_says_why_in_swedish_and_stores_nothing(
    grundat, namn, orgnr, year, members, message
):
    ff = grundat
    before = (forbund(ff), medlemmar(ff))
    with pytest.raises(Ogiltigt, match=message):
        spara_uppgifter(ff, namn, orgnr, None, year, change(ff, **(members or {})))
    assert (forbund(ff), medlemmar(ff)) == before
    assert ff.undo_label is None


def test_a_file_without_members_can_still_change_its_name(ff):
    ff.enable_undo()
    assert spara_uppgifter(ff, "Samordningsförbundet Nytt", "", None, None, [])
    assert forbund(ff).namn == "Samordningsförbundet Nytt"
    assert medlemmar(ff) == []


def test_an_organisationsnummer_field_is_told_what_is_wrong_while_typing():
    from finsam_desktop.orgnr import orgnr_problem

    assert orgnr_problem("") == orgnr_problem("  ") == ""
    assert orgnr_problem("222000-2063") == ""
    assert "kontrollsiffra" in orgnr_problem("222000-2064").lower()
