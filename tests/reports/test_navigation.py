"""Navigation in the printed reports, as a reader uses it: every bookmark and every entry of
the contents leads to the page its heading is on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fixed_days import DEMO_DAY
from report_helpers import pdf_links, pdf_outline, read_pages, without_draft_mark

from reports import arsredovisning, delarsrapport, verksamhetsplan

REPORTS = {
    "arsredovisning": lambda ff: arsredovisning.build(ff, 2025, today=DEMO_DAY),
    "verksamhetsplan": lambda ff: verksamhetsplan.build(ff, 2027, today=DEMO_DAY),
    "delarsrapport": lambda ff: delarsrapport.build(ff, 2026, today=DEMO_DAY),
    "delarsrapport_oktober": lambda ff: delarsrapport.build(
        ff, date=dt.date(2026, 10, 31), today=DEMO_DAY
    ),
}


def check_navigation(data: bytes, tmp_path: Path) -> None:
    pages = read_pages(data, tmp_path)
    outline = pdf_outline(data)
    assert len(outline) >= 5
    landed = set()
    for _level, title, page in outline:
        assert page > 1, f"the bookmark {title!r} leads to page {page + 1}, before the contents"
        assert " ".join(title.split()) in pages[page], (
            f"the bookmark {title!r} leads to page {page + 1}, which does not have that heading"
        )
        landed.add(page)
    assert len(landed) > 1  # not every bookmark on one page
    # The contents (page 2): each entry's text and its page number lead to the heading.
    links = pdf_links(data, 1)
    # a report that does not reconcile has the draft mark across its contents too
    entries = [(without_draft_mark(text), target) for text, target in links if not _number(text)]
    assert len(entries) == len(outline)
    for text, target in entries:
        assert text.rstrip(" .") in pages[target], (
            f"the contents entry {text!r} leads to page {target + 1}, without its heading"
        )
    for text, target in links:
        if _number(text):  # the link's box may take in the line above's number too
            assert str(target + 1) in text.split(), (text, target + 1)


def _number(text: str) -> bool:
    return text.replace(" ", "").isdigit()


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_every_bookmark_and_contents_entry_leads_to_its_headings_page(demo, tmp_path, name):
    check_navigation(REPORTS[name](demo), tmp_path)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_large_forbunds_bookmarks_and_contents_lead_to_their_headings(large, tmp_path, name):
    """300 insatser: the driftredovisning and the insats tables run over many pages."""
    check_navigation(REPORTS[name](large), tmp_path)


def test_the_pdfs_title_names_the_report_its_year_and_the_forbund(demo):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(REPORTS["arsredovisning"](demo))
    try:
        assert doc.get_metadata_dict()["Title"] == (
            "Årsredovisning 2025 – Samordningsförbundet Norrådalen"
        )
    finally:
        doc.close()
