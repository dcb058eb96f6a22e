"""The styrelse in the data layer: seats, a person leaving with a successor, warnings."""

from __future__ import annotations

import datetime as dt

import pytest

from finsam_desktop import styrelse
from finsam_desktop.forbund import Ogiltigt
from finsam_desktop.model import Funktion, Roll

START = dt.date(2023, 4, 1)


def test_a_member_without_ledamot_or_ersattare_and_a_presidium_that_is_no_ledamot_warn(
    two_members,
):
    ff = two_members
    styrelse.nytt_uppdrag(ff, "Anna Ek", 1, Roll.LEDAMOT, START, funktion=Funktion.ORDFORANDE)
    day = dt.date(2025, 1, 1)
    warnings = styrelse.varningar(ff, day)
    assert "Försäkringskassan saknar ersättare den 2025-01-01." in warnings
    assert "Norrby kommun saknar ledamot den 2025-01-01." in warnings
    with pytest.raises(Ogiltigt, match="bland ledamöterna"):
        styrelse.nytt_uppdrag(ff, "Bo Lind", 2, Roll.ERSATTARE, START, funktion=Funktion.ORDFORANDE)


def test_a_person_leaving_mid_period_is_followed_by_the_successor_in_one_action(two_members):
    ff = two_members
    seat = styrelse.nytt_uppdrag(
        ff, "Anna Ek", 1, Roll.LEDAMOT, START, dt.date(2027, 3, 31), Funktion.ORDFORANDE
    )
    new = styrelse.avgar(ff, seat, dt.date(2025, 6, 30), "Eva Berg")
    assert ff.undo_label == "Anna Ek avgår, Eva Berg efterträder"
    successor = styrelse.uppdrag(ff, new)
    assert (successor.person, successor.fran, successor.till) == (
        "Eva Berg", dt.date(2025, 7, 1), dt.date(2027, 3, 31)
    )  # fmt: skip
    assert successor.funktion is Funktion.ORDFORANDE
    assert [s.person for s in styrelse.styrelse_pa(ff, dt.date(2025, 1, 1))] == ["Anna Ek"]
    assert [s.person for s in styrelse.styrelse_pa(ff, dt.date(2025, 8, 1))] == ["Eva Berg"]
    changes = [c.text for c in styrelse.andringar_under(ff, 2025)]
    assert changes == [
        "Anna Ek slutade som ledamot för Försäkringskassan 2025-06-30.",
        "Eva Berg blev ledamot för Försäkringskassan från 2025-07-01.",
    ]
    ff.undo()
    assert styrelse.uppdrag(ff, seat).till == dt.date(2027, 3, 31)
    assert styrelse.uppdrag(ff, new) is None


def test_an_end_before_the_start_is_refused(two_members):
    with pytest.raises(Ogiltigt, match="före startdatumet"):
        styrelse.nytt_uppdrag(two_members, "Anna Ek", 1, Roll.LEDAMOT, START, dt.date(2022, 1, 1))


def test_a_revisor_is_appointed_by_one_or_more_members(two_members):
    ff = two_members
    revisor_id = styrelse.spara_revisor(ff, None, "Gunnar Revisor", [1, 2], START, None)
    [r] = styrelse.revisorer_pa(ff, dt.date(2025, 1, 1))
    assert (r.id, r.medlemmar) == (revisor_id, ("Försäkringskassan", "Norrby kommun"))
    with pytest.raises(Ogiltigt, match="vilken medlem"):
        styrelse.spara_revisor(ff, revisor_id, "Gunnar Revisor", [], START, None)


def test_a_new_mandate_period_is_one_change_not_every_seat(two_members):
    ff = two_members
    styrelse.nytt_uppdrag(ff, "Anna Ek", 1, Roll.LEDAMOT, dt.date(2019, 4, 1), dt.date(2023, 3, 31))
    styrelse.nytt_uppdrag(ff, "Bo Lind", 1, Roll.LEDAMOT, START)
    styrelse.nytt_uppdrag(ff, "Cecilia Ås", 2, Roll.LEDAMOT, START, dt.date(2023, 9, 30))
    changes = [c.text for c in styrelse.andringar_under(ff, 2023)]
    assert changes == [
        "Ny mandatperiod 2023-04-01 – 2027-03-31: styrelsen utsågs på nytt.",
        "Cecilia Ås slutade som ledamot för Norrby kommun 2023-09-30.",
    ]


def test_a_person_is_renamed_with_e_post_and_telefon_in_one_action_everywhere(two_members):
    ff = two_members
    styrelse.nytt_uppdrag(ff, "Anna Ek", 1, Roll.LEDAMOT, START)
    styrelse.nytt_uppdrag(ff, "Anna Ek", 2, Roll.ERSATTARE, START)
    pid = styrelse.alla_uppdrag(ff)[0].person_id
    assert styrelse.andra_person(ff, pid, " Anna Ek-Lind ", "anna@norrby.se", "070-123 45 67")
    assert ff.undo_label == "Byt namn på Anna Ek"
    assert styrelse.person(ff, pid) == styrelse.Person(
        pid, "Anna Ek-Lind", "anna@norrby.se", "070-123 45 67"
    )
    assert {s.person for s in styrelse.alla_uppdrag(ff)} == {"Anna Ek-Lind"}
    ff.undo()
    assert styrelse.person(ff, pid) == styrelse.Person(pid, "Anna Ek", "", "")


def test_changing_only_the_contact_details_is_named_so_and_no_change_writes_nothing(two_members):
    ff = two_members
    styrelse.nytt_uppdrag(ff, "Anna Ek", 1, Roll.LEDAMOT, START)
    pid = styrelse.personer(ff)[0].id
    assert styrelse.andra_person(ff, pid, "Anna Ek", "", "+46 (0)70-1234567")
    assert ff.undo_label == "Ändra uppgifter för Anna Ek"
    assert not styrelse.andra_person(ff, pid, "Anna Ek ", "", "+46 (0)70-1234567")
    assert ff.undo_label == "Ändra uppgifter för Anna Ek"
    assert styrelse.andra_person(ff, pid, "Anna Ek", "", "")  # clearing is allowed
    assert styrelse.person(ff, pid).telefon == ""


@pytest.mark.parametrize(
    ("namn", "epost", "telefon", "message"),
    [
        ("  ", "", "", "Namnet får inte vara tomt."),
        ("bo lind", "", "", "Det finns redan en person som heter Bo Lind."),
        ("Anna Ek", "anna.norrby.se", "", "ser inte ut som en e-postadress"),
        ("Anna Ek", "anna@", "", "ser inte ut som en e-postadress"),
        ("Anna Ek", "anna ek@norrby.se", "", "ser inte ut som en e-postadress"),
        ("Anna Ek", "", "19800101-1234 se anteckning", "är inget telefonnummer"),
        ("Anna Ek", "", "ring", "är inget telefonnummer"),
    ],
)
def test_a_person_change_is_refused_in_swedish_and_nothing_is_stored(
    two_members, namn, epost, telefon, message
):
    ff = two_members
    styrelse.nytt_uppdrag(ff, "Anna Ek", 1, Roll.LEDAMOT, START)
    styrelse.nytt_uppdrag(ff, "Bo Lind", 2, Roll.LEDAMOT, START)
    pid = next(p.id for p in styrelse.personer(ff) if p.namn == "Anna Ek")
    label = ff.undo_label
    with pytest.raises(Ogiltigt, match=message):
        styrelse.andra_person(ff, pid, namn, epost, telefon)
    assert styrelse.person(ff, pid) == styrelse.Person(pid, "Anna Ek", "", "")
    assert ff.undo_label == label


def test_a_person_removed_meanwhile_is_refused(two_members):
    with pytest.raises(Ogiltigt, match="finns inte längre"):
        styrelse.andra_person(two_members, 99, "Anna Ek", "", "")
