"""Helpers for the report tests: read the produced PDFs back with poppler's pdftotext
(installed on the test machines with poppler-utils); without it the tests are skipped."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from finsam_desktop.money import Unit, format_amount, format_percent


def pdf_pages(data: bytes, tmp_path: Path, *, nodiag: bool = False) -> list[str]:
    """The text of each page (pdftotext -layout), in order; ``nodiag`` leaves out diagonal
    text (the draft mark across a page that does not reconcile)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; the PDFs cannot be read back")
    path = tmp_path / "rapport.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-layout", *(["-nodiag"] if nodiag else []), "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def normalized(text: str) -> str:
    """pdftotext text with no-break spaces as spaces and runs of blanks as one."""
    return " ".join(text.replace("\u00a0", " ").split())


def read_pages(data: bytes, tmp_path: Path) -> list[str]:
    """A report's pages as text, each :func:`normalized`."""
    return [normalized(p) for p in pdf_pages(data, tmp_path)]


def tkr(ore: int) -> str:
    """An amount in tkr as a report prints it, read back with plain spaces."""
    return format_amount(ore, Unit.TKR).replace("\u00a0", " ")


def kr(ore: int) -> str:
    return format_amount(ore, Unit.KR).replace("\u00a0", " ")


def pct(value) -> str:
    return format_percent(value).replace("\u00a0", " ")


def pdf_fonts(data: bytes, tmp_path: Path) -> dict[str, bool]:
    """Each font the PDF uses (poppler's pdffonts), by name, with whether it is embedded."""
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed; the PDF's fonts cannot be read")
    path = tmp_path / "fonter.pdf"
    path.write_bytes(data)
    lines = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    emb = lines[0].index(" emb ") + 1  # the columns are fixed-width under the header
    return {line.split()[0]: line[emb : emb + 3] == "yes" for line in lines[2:] if line.strip()}


def pdf_outline(data: bytes) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks (outline) in order: (level, title, page index from 0), read with
    PDFium (pypdfium2, which the app's preview uses)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return [
            (b.level, b.get_title(), b.get_dest().get_index() if b.get_dest() else -1)
            for b in doc.get_toc()
        ]
    finally:
        doc.close()


def pdf_links(data: bytes, page: int) -> list[tuple[str, int]]:
    """The internal links on page ``page`` (from 0): the text under each link and the page
    index it leads to (−1 for a link without a page)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(data)
    try:
        pg = doc[page]
        text = pg.get_textpage()
        start, link, out = ctypes.c_int(0), raw.FPDF_LINK(), []
        while raw.FPDFLink_Enumerate(pg.raw, ctypes.byref(start), ctypes.byref(link)):
            dest = raw.FPDFLink_GetDest(doc.raw, link)
            target = raw.FPDFDest_GetDestPageIndex(doc.raw, dest) if dest else -1
            rect = raw.FS_RECTF()
            raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect))
            under = text.get_text_bounded(rect.left, rect.bottom, rect.right, rect.top)
            out.append((normalized(under), target))
        return out
    finally:
        doc.close()


def pdf_page_fill(data: bytes) -> list[float]:
    """How far down each page's body the text goes, 0 (none) to 1 (to the footer): the
    lowest character above the footer, measured between the running header and footer."""
    import pypdfium2 as pdfium

    from reports.pdf.styles import MARGIN_BOTTOM, MARGIN_TOP

    doc = pdfium.PdfDocument(data)
    try:
        out = []
        for page in doc:
            height = page.get_height()
            top, bottom = height - MARGIN_TOP, MARGIN_BOTTOM
            text = page.get_textpage()
            lowest = top
            for i in range(text.count_chars()):
                _, char_bottom, _, char_top = text.get_charbox(i)
                inside = char_top <= top and char_bottom >= bottom - 1
                if inside and not text.get_text_range(i, 1).isspace():
                    lowest = min(lowest, char_bottom)
            out.append((top - lowest) / (top - bottom))
        return out
    finally:
        doc.close()


def draft_mark_piece(text: str) -> bool:
    """A few letters of the diagonal draft mark ("ej", "tä"), which text readers put between,
    into and after the lines it crosses."""
    from reports.pdf.document import UTKAST

    return 0 < len(text) <= 3 and text in UTKAST


def without_draft_mark(text: str) -> str:
    """``text`` without a piece of the draft mark run onto its end ("… ställning j")."""
    words = text.split()
    while len(words) > 1 and draft_mark_piece(words[-1]):
        words.pop()
    return " ".join(words)
