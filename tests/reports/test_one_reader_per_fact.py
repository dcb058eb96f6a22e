"""A fact read in one place: the pages and the reports list the same members in the same
order, and the same board on a day."""

from __future__ import annotations

import datetime as dt

from fixed_days import DEMO_DAY
from report_helpers import read_pages

from finsam_desktop import rapportdata, styrelse
from finsam_desktop.forbund import medlemmar
from finsam_desktop.model import Roll
from reports import arsredovisning

AR = 2025


def _tied_members(ff) -> None:
    """Two kommuner the förbund orders alike, Östby stored before Alby."""
    ordning = ff.scalar("SELECT max(ordning) FROM medlem") + 1
    with ff.write() as db:
        for namn in ("Östby kommun", "Alby kommun"):
            db.execute(
                "INSERT INTO medlem (namn, typ, andel, ordning) VALUES (?, 'kommun', '0', ?)",
                (namn, ordning),
            )


def test_members_tied_in_the_forbunds_order_sort_swedish_on_pages_and_in_reports(demo, tmp_path):
    _tied_members(demo)
    # What the pages show (Översikt, the insats form, the dialogs all call medlemmar).
    shown = [m.namn for m in medlemmar(demo)]
    assert shown[-2:] == ["Alby kommun", "Östby kommun"]
    # What the årsredovisning prints: "… med A, B, … och Z som medlemmar."
    text = " ".join(read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path))
    sentence = text[: text.index(" som medlemmar.")]
    sentence = sentence[sentence.rindex("juridisk person med") :]
    # pdftotext's layout may put a word of the page beside into a name; the first words
    # ("Alby", "Östby") say the order.
    first_words = [n.split()[0] for n in shown]
    assert all(w in sentence for w in first_words), sentence
    assert sorted(first_words, key=sentence.index) == first_words, sentence


def test_the_board_on_a_day_is_the_same_on_the_styrelse_page_and_in_the_reports(demo):
    for day in (dt.date(AR, 1, 1), dt.date(AR, 7, 1), dt.date(AR, 12, 31)):
        seats = styrelse.styrelse_pa(demo, day)  # what the Styrelse page lists
        assert seats
        page = {(s.medlem, s.person, s.roll) for s in seats}
        report = set()
        for p in rapportdata.platser_pa(demo, day):
            if p.ledamot:
                report.add((p.medlem, p.ledamot, Roll.LEDAMOT))
            if p.ersattare:
                report.add((p.medlem, p.ersattare, Roll.ERSATTARE))
        assert report == page
        signers = {(s["medlem"], s["namn"]) for s in rapportdata.ledamoter_pa(demo, day)}
        assert signers == {(m, p) for m, p, r in page if r is Roll.LEDAMOT}
