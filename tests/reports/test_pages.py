"""How the reports' pages are filled, as a reader turns them: headings stay with what
follows, table rows stay whole, no bullet stands alone on a page, and no page but the last
is nearly empty."""

from __future__ import annotations

import pytest
from fixed_days import DEMO_DAY
from report_helpers import pdf_outline, pdf_page_fill, read_pages

from reports import arsredovisning, delarsrapport, verksamhetsplan
from reports.pdf.document import TEXT_WIDTH, Omslag, Rapport
from reports.pdf.tables import textTabell

REPORTS = {
    "arsredovisning": lambda ff: arsredovisning.build(ff, 2025, today=DEMO_DAY),
    "verksamhetsplan": lambda ff: verksamhetsplan.build(ff, 2027, today=DEMO_DAY),
    "delarsrapport": lambda ff: delarsrapport.build(ff, 2026, today=DEMO_DAY),
}
FOOTER = "Sida "


def _rapport() -> Rapport:
    return Rapport(Omslag("Förbundet", "Provrapport", "2025"), header="Provrapport 2025")


def _body_after(page: str, text: str) -> str:
    """What the page prints after ``text``, without its footer."""
    rest = page[page.index(text) + len(text) :]
    return rest[: rest.rfind(FOOTER)].strip() if FOOTER in rest else rest.strip()


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_no_heading_of_the_demos_reports_is_the_last_thing_on_its_page(demo, tmp_path, name):
    data = REPORTS[name](demo)
    pages = read_pages(data, tmp_path)
    for _level, title, page in pdf_outline(data):
        assert _body_after(pages[page], title), f"{title!r} stands alone at the foot of its page"


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_no_page_of_the_demos_reports_but_the_last_is_nearly_empty(demo, name):
    fill = pdf_page_fill(REPORTS[name](demo))
    # the cover and the contents are what they are; the last page ends the report
    for number, used in enumerate(fill[2:-1], start=3):
        assert used >= 1 / 3, f"page {number} is {used:.0%} full"


@pytest.mark.parametrize("filler", range(30, 44))
def test_a_list_never_leaves_one_bullet_alone_on_a_page(tmp_path, filler):
    r = _rapport()
    r.kapitel("Kapitel")
    for i in range(filler):
        r.stycke(f"Stycke {i} som fyller sidan.")
    r.text("Listan:\n\n- punkt ett\n- punkt två\n- punkt tre\n\nEfter listan.")
    pages = read_pages(r.build(), tmp_path)
    for page in pages:
        count = page.count("• punkt")
        assert count != 1, f"one bullet alone: {page[-200:]!r}"


@pytest.mark.parametrize("filler", range(20, 44, 2))
def test_a_heading_goes_with_its_table_and_its_rows_stay_whole(tmp_path, filler):
    r = _rapport()
    r.kapitel("Kapitel")
    for i in range(filler):
        r.stycke(f"Stycke {i} som fyller sidan.")
    r.avsnitt("Målen")
    long = " ".join(["ord"] * 60)
    rows = [[f"början {n:02} {long} slut {n:02}", "Uppnått", "Motivering"] for n in range(12)]
    r.add(textTabell(["Mål", "Bedömning", "Motivering"], rows, [TEXT_WIDTH / 3] * 3))
    pages = read_pages(r.build(), tmp_path)[2:]  # after the cover and the contents
    heading = next(p for p in pages if "Målen" in p)
    assert "början 00" in heading, "the heading is alone at the foot of its page"
    for n in range(12):
        on = [i for i, p in enumerate(pages) if f"början {n:02}" in p or f"slut {n:02}" in p]
        assert len(on) == 1, f"row {n} is split over pages {on}"
    for p in pages:
        assert p.count("början ") != 1 or "slut 11" in p or "Målen" in p, "one row alone"


@pytest.mark.parametrize("words", [700, 760, 820, 900, 1400])
def test_a_row_about_a_page_tall_never_stops_the_report(tmp_path, words):
    """Found by the hostile-text test: a goal's text of about a page left a table that could
    not move whole (too tall) nor split between rows (too few), and the report stopped."""
    r = _rapport()
    r.kapitel("Kapitel")
    r.stycke("Ett stycke först.")
    long = " ".join(["ord"] * words)
    rows = [["kort", "Uppnått", "a"], [f"början {long} slut", "Uppnått", "b"], ["kort", "", "c"]]
    r.add(textTabell(["Mål", "Bedömning", "Motivering"], rows, [TEXT_WIDTH / 3] * 3))
    text = " ".join(read_pages(r.build(), tmp_path))
    assert "början" in text and "slut" in text


@pytest.mark.parametrize("words", [864, 872, 884])
def test_a_first_row_of_most_of_a_page_with_two_after_it_never_stops_the_report(tmp_path, words):
    """Found by the hostile-text test: the heading row, a row of most of a page and the next
    fit a page, but not all three rows; the two-and-two rule could never be met, so the
    table kept moving to a new page and the report stopped. On a whole page it now splits
    between rows."""
    r = _rapport()
    r.kapitel("Kapitel")
    long = " ".join(["ord"] * words)
    rows = [[f"början {long} slut", "Uppnått", "b"], ["kort " * 20, "", "c"],
            ["sista " * 20, "", "d"]]  # fmt: skip
    r.add(textTabell(["Mål", "Bedömning", "Motivering"], rows, [TEXT_WIDTH / 3] * 3))
    text = " ".join(read_pages(r.build(), tmp_path))
    assert "början" in text and "slut" in text and text.count("sista") == 20


def test_a_cell_that_found_no_room_on_one_page_still_draws_on_the_next(tmp_path):
    """Found by the hostile-text test: a row taller than a page is split inside; where a
    cell's text found room for one line only, ReportLab's split threw its broken lines away
    and the cached wrap drew from nothing (AttributeError). The text is printed whole."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas

    from reports.pdf.tables import Cell

    cell = Cell(" ".join(f"ord{n}" for n in range(40)), ParagraphStyle("c", fontSize=9, leading=11))
    cell.wrap(100, 1000)
    assert cell.split(100, 12) == []  # room for one line: it goes on whole
    _width, height = cell.wrap(100, 1000)
    canvas = Canvas(str(tmp_path / "cell.pdf"))
    cell.drawOn(canvas, 50, 800 - height)
    canvas.save()
    text = read_pages((tmp_path / "cell.pdf").read_bytes(), tmp_path)[0]
    assert "ord0" in text and "ord39" in text
