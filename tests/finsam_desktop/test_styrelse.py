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


# -- one seat per person and member at a time ------------------------------------------------

DOUBLE = (
    "Anna Ek är ledamot för Försäkringskassan från 2023-04-01 tills vidare. "
    "En person kan inte ha två platser för samma medlem samtidigt."
)


def test_one_person_cannot_be_ledamot_and_ersattare_for_the_same_member_at_once(two_members):
    ff = two_members
    styrelse.nytt_uppdrag(ff, "Anna Ek", 1, Roll.LEDAMOT, START)
    label = ff.undo_label
    for roll in Roll:
        with pytest.raises(Ogiltigt) as refused:
            styrelse.nytt_uppdrag(ff, "Anna Ek", 1, roll, dt.date(2025, 1, 1))
        assert str(refused.value) == DOUBLE
    with pytest.raises(Ogiltigt, match="två platser för samma medlem"):
        styrelse.nytt_uppdrag(ff, "anna ek", 1, Roll.ERSATTARE, dt.date(2019, 4, 1))  # open end
    assert ff.undo_label == label
    assert [s.person for s in styrelse.alla_uppdrag(ff)] == ["Anna Ek"]
    # Another member, or the same member once the first seat has ended, is fine.
    styrelse.nytt_uppdrag(ff, "Anna Ek", 2, Roll.ERSATTARE, START)
    styrelse.nytt_uppdrag(ff, "Anna Ek", 1, Roll.ERSATTARE, dt.date(2019, 4, 1), START - ONE_DAY)


ONE_DAY = dt.timedelta(days=1)


def test_changing_a_seat_into_a_second_seat_for_the_member_is_refused(two_members):
    ff = two_members
    styrelse.nytt_uppdrag(ff, "Anna Ek", 1, Roll.LEDAMOT, START)
    early = styrelse.nytt_uppdrag(
        ff, "Anna Ek", 1, Roll.ERSATTARE, dt.date(2019, 4, 1), START - ONE_DAY
    )
    other = styrelse.nytt_uppdrag(ff, "Anna Ek", 2, Roll.ERSATTARE, START)
    label = ff.undo_label
    with pytest.raises(Ogiltigt, match=r"^Anna Ek är ledamot för Försäkringskassan"):
        styrelse.andra_uppdrag(ff, early, "till", None)
    with pytest.raises(Ogiltigt, match="två platser för samma medlem"):
        styrelse.andra_uppdrag(ff, other, "medlem_id", 1)
    with pytest.raises(Ogiltigt, match="två platser för samma medlem"):
        styrelse.spara_uppdrag(ff, other, "Anna Ek", 1, Roll.ERSATTARE, START)
    assert ff.undo_label == label
    # A seat changed within itself is no second seat.
    styrelse.spara_uppdrag(ff, other, "Anna Ek", 2, Roll.LEDAMOT, START, dt.date(2027, 3, 31))
    assert styrelse.uppdrag(ff, other).till == dt.date(2027, 3, 31)


def test_an_ersattare_of_the_member_cannot_succeed_its_ledamot_while_still_ersattare(board):
    ff = board
    anna = next(s for s in styrelse.alla_uppdrag(ff) if s.person == "Anna Ek")
    with pytest.raises(Ogiltigt) as refused:
        styrelse.avgar(ff, anna.id, dt.date(2025, 6, 30), "Bo Lind")
    assert str(refused.value) == (
        "Bo Lind är ersättare för Försäkringskassan från 2023-04-01 tills vidare. "
        "En person kan inte ha två platser för samma medlem samtidigt."
    )
    assert styrelse.uppdrag(ff, anna.id).till is None
    # Once Bo Lind has left the ersättare seat, he may take the ledamot's.
    bo = next(s for s in styrelse.alla_uppdrag(ff) if s.person == "Bo Lind")
    styrelse.avgar(ff, bo.id, dt.date(2025, 6, 30))
    styrelse.avgar(ff, anna.id, dt.date(2025, 6, 30), "Bo Lind")
    on = styrelse.styrelse_pa(ff, dt.date(2025, 7, 1))
    assert [(s.person, s.roll) for s in on if s.medlem_id == 1] == [("Bo Lind", Roll.LEDAMOT)]


# -- a whole mandate period ------------------------------------------------------------------

NEXT = dt.date(2027, 4, 1)
NEXT_END = dt.date(2031, 3, 31)


def _period(*seats):
    return [styrelse.NyPlats(*s) for s in seats]


def test_a_whole_mandate_period_is_one_action_that_ends_the_seats_still_running(board):
    ff = board
    old = {s.id for s in styrelse.alla_uppdrag(ff)}
    ids = styrelse.ny_mandatperiod(ff, NEXT, NEXT_END, _period(
        (1, Roll.LEDAMOT, "Anna Ek"),
        (1, Roll.ERSATTARE, "Eva Berg"),
        (2, Roll.LEDAMOT, "cecilia ås", Funktion.ORDFORANDE),  # spelt as the file spells her
        (2, Roll.ERSATTARE, " Filip Holm "),
    ))  # fmt: skip
    assert ff.undo_label == "Ny mandatperiod 2027-04-01 – 2031-03-31 (4 platser)"
    assert len(ids) == 4
    assert all(styrelse.uppdrag(ff, i).till == dt.date(2027, 3, 31) for i in old)
    on = styrelse.styrelse_pa(ff, dt.date(2027, 4, 1))
    assert [(s.person, s.roll, s.funktion, s.fran, s.till) for s in on] == [
        ("Anna Ek", Roll.LEDAMOT, None, NEXT, NEXT_END),
        ("Eva Berg", Roll.ERSATTARE, None, NEXT, NEXT_END),
        ("Cecilia Ås", Roll.LEDAMOT, Funktion.ORDFORANDE, NEXT, NEXT_END),
        ("Filip Holm", Roll.ERSATTARE, None, NEXT, NEXT_END),
    ]
    assert [p.namn for p in styrelse.personer(ff)].count("Cecilia Ås") == 1
    assert [c.text for c in styrelse.andringar_under(ff, 2027)] == [
        "Ny mandatperiod 2027-04-01 – 2031-03-31: styrelsen utsågs på nytt."
    ]
    assert ff.undo() == "Ny mandatperiod 2027-04-01 – 2031-03-31 (4 platser)"
    assert {s.id for s in styrelse.alla_uppdrag(ff)} == old
    assert all(styrelse.uppdrag(ff, i).till is None for i in old)


@pytest.mark.parametrize(
    ("seats", "message"),
    [
        ([], "Skriv namnet på minst en ledamot eller ersättare."),
        ([(1, Roll.LEDAMOT, "  ")], "Namnet får inte vara tomt."),
        ([(1, Roll.LEDAMOT, "Gun Sjö"), (1, Roll.ERSATTARE, "gun sjö")],
         "Gun Sjö är ledamot för Försäkringskassan 2027-04-01 – 2031-03-31. "
         "En person kan inte ha två platser för samma medlem samtidigt."),
        ([(1, Roll.ERSATTARE, "Gun Sjö", Funktion.ORDFORANDE)],
         "Ordförande väljs bland ledamöterna, inte bland ersättarna."),
        ([(1, Roll.LEDAMOT, "Gun Sjö", Funktion.ORDFORANDE),
          (2, Roll.LEDAMOT, "Ulf Ek", Funktion.ORDFORANDE)],
         "Både Gun Sjö och Ulf Ek är ordförande; styrelsen har en."),
        ([(9, Roll.LEDAMOT, "Gun Sjö")], "En av medlemmarna finns inte längre."),
    ],
)  # fmt: skip
def test_a_mandate_period_is_refused_whole_in_swedish(board, seats, message):
    ff = board
    label = ff.undo_label
    before = styrelse.alla_uppdrag(ff)
    with pytest.raises(Ogiltigt) as refused:
        styrelse.ny_mandatperiod(ff, NEXT, NEXT_END, _period(*seats))
    assert str(refused.value) == message
    assert (ff.undo_label, styrelse.alla_uppdrag(ff)) == (label, before)


def test_a_mandate_period_keeping_the_running_seats_may_not_double_a_seat(board):
    ff = board
    with pytest.raises(Ogiltigt) as refused:
        styrelse.ny_mandatperiod(
            ff, NEXT, NEXT_END, _period((1, Roll.LEDAMOT, "Bo Lind")), avsluta_pagaende=False
        )
    assert str(refused.value) == (
        "Bo Lind är ersättare för Försäkringskassan från 2023-04-01 tills vidare. "
        "En person kan inte ha två platser för samma medlem samtidigt."
    )
    ids = styrelse.ny_mandatperiod(
        ff, NEXT, None, _period((1, Roll.LEDAMOT, "Gun Sjö")), avsluta_pagaende=False
    )
    assert ff.undo_label == "Ny styrelse från 2027-04-01 (1 plats)"
    assert len(styrelse.styrelse_pa(ff, NEXT)) == 5
    assert styrelse.uppdrag(ff, ids[0]).till is None


def test_the_period_offered_is_the_running_one_until_its_board_is_entered(two_members):
    ff = two_members
    today = dt.date(2025, 10, 15)
    assert styrelse.foreslagen_mandatperiod(ff, today) == (START, dt.date(2027, 3, 31))
    styrelse.nytt_uppdrag(ff, "Anna Ek", 1, Roll.LEDAMOT, START)
    assert styrelse.foreslagen_mandatperiod(ff, today) == (NEXT, NEXT_END)
    # After 1 April 2027 with only the old board in the file: the period that has begun.
    assert styrelse.foreslagen_mandatperiod(ff, dt.date(2027, 5, 2)) == (NEXT, NEXT_END)


def test_a_workbook_giving_a_person_two_seats_for_one_member_at_once_is_refused(ff, tmp_path):
    from arbetsbok_fixtures import fill_forbund
    from openpyxl import load_workbook

    from finsam_desktop.arbetsbok import WorkbookError, export_workbook, import_workbook

    fill_forbund(ff)
    path = tmp_path / "arbetsbok.xlsx"
    export_workbook(ff, path)
    wb = load_workbook(path)
    ws = wb["Styrelseuppdrag"]
    [seat] = [r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == "David Lind"]
    first = ws.max_row + 1
    ws.append(["David Lind", "Sollefteå kommun", "Ersättare", None, dt.date(2023, 4, 1)])
    ws.append(["David Lind", "Sollefteå kommun", "Ledamot", None, dt.date(2024, 1, 1)])
    ws.append(["David Lind", "Kramfors kommun", "Ledamot", None, dt.date(2024, 1, 1)])  # fine
    wb.save(path)
    with pytest.raises(WorkbookError) as refused:
        import_workbook(ff, path)
    assert [(p.sheet, p.row, p.column, p.message) for p in refused.value.problems] == [
        ("Styrelseuppdrag", first, "Från",
         f"Uppdraget som ersättare för Sollefteå kommun åt David Lind från 2023-04-01 finns "
         f"redan på rad {seat}."),
        ("Styrelseuppdrag", first + 1, "Från",
         f"David Lind är ersättare för Sollefteå kommun från 2023-04-01 tills vidare på rad "
         f"{seat}. En person kan inte ha två platser för samma medlem samtidigt."),
    ]  # fmt: skip


def test_a_form_can_ask_what_would_be_refused_without_anything_being_written(board):
    ff = board
    label, seats = ff.undo_label, styrelse.alla_uppdrag(ff)
    anna = next(s for s in seats if s.person == "Anna Ek")
    assert styrelse.kontrollera_uppdrag(ff, None, " gun sjö ", 1, Roll.LEDAMOT, START) == (
        "gun sjö"
    )
    assert styrelse.kontrollera_uppdrag(ff, None, "bo lind", 2, Roll.LEDAMOT, START) == "Bo Lind"
    with pytest.raises(Ogiltigt, match="två platser för samma medlem"):
        styrelse.kontrollera_uppdrag(ff, None, "Bo Lind", 1, Roll.LEDAMOT, START)
    with pytest.raises(Ogiltigt, match="två platser för samma medlem"):
        styrelse.kontrollera_avgang(ff, anna.id, dt.date(2025, 6, 30), "bo lind")
    with pytest.raises(Ogiltigt, match="heter Bo Lind"):
        styrelse.kontrollera_person(ff, anna.person_id, "bo lind", "", "")
    with pytest.raises(Ogiltigt, match="vilken medlem"):
        styrelse.kontrollera_revisor("Gunnar Revisor", [], None, None)
    with pytest.raises(Ogiltigt, match="två platser för samma medlem"):
        styrelse.kontrollera_mandatperiod(
            ff, START, None, _period((1, Roll.LEDAMOT, "Bo Lind")), avsluta_pagaende=False
        )
    assert (ff.undo_label, styrelse.alla_uppdrag(ff)) == (label, seats)
