"""Paragraph and table styles: one sober look for every report (A4, DejaVu Sans)."""

from __future__ import annotations

import functools

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from . import fonts

#: The report's accent: a calm dark blue for headings and rules; grey for secondary text.
ACCENT = colors.HexColor("#1F4E79")
ACCENT_LIGHT = colors.HexColor("#DCE6F0")
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#A6A6A6")
ZEBRA = colors.HexColor("#F4F6F8")
#: Chart colours: budget/beviljat/tak light, utfall/förbrukat/eget kapital strong.
LIGHT_BAR = colors.HexColor("#9DC3E6")
STRONG_BAR = colors.HexColor("#1F4E79")
WARN = colors.HexColor("#C00000")

MARGIN_X = 22 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 22 * mm


def cell_commands(
    *,
    top: float | None = None,
    bottom: float | None = None,
    left: float | None = None,
    right: float | None = None,
) -> list[tuple]:
    """The table style every table of the reports starts from: the regular font, cells aligned
    at the top, and the paddings given (in points, over every cell)."""
    padding = {"TOP": top, "BOTTOM": bottom, "LEFT": left, "RIGHT": right}
    return [
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *((f"{side}PADDING", (0, 0), (-1, -1), v) for side, v in padding.items() if v is not None),
    ]


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    base = ParagraphStyle(
        "Brödtext",
        fontName=fonts.REGULAR,
        bulletFontName=fonts.REGULAR,
        fontSize=10,
        leading=14,
        spaceAfter=6,
        alignment=TA_LEFT,
        splitLongWords=1,
        wordWrap=None,
    )

    def derive(name: str, parent: ParagraphStyle = base, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, **kw)

    # Titles are bold in the accent colour; so are the headings, which stay with what follows
    # them, but for the third level.
    accent = derive("Accent", fontName=fonts.BOLD, textColor=ACCENT)
    heading = derive("Rubrik", accent, keepWithNext=1)
    # Table cells: small and tight; a heading cell is white on the accent.
    cell = derive("Cell", fontSize=8.8, leading=11.5, spaceAfter=0)
    cell_head = derive(
        "Cell rubrik",
        fontName=fonts.BOLD,
        fontSize=8.5,
        leading=11,
        spaceAfter=0,
        textColor=colors.white,
    )
    small = derive("Liten", fontSize=8.5, leading=11, textColor=GREY)
    bullet = derive("Punkt", leftIndent=14, bulletIndent=3, spaceAfter=2)
    found = {
        "body": base,
        "h1": derive("Rubrik 1", heading, fontSize=16, leading=20, spaceBefore=4, spaceAfter=10),
        "h2": derive("Rubrik 2", heading, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=5),
        "h3": derive(
            "Rubrik 3",
            heading,
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
            textColor=colors.black,
        ),
        "bullet": bullet,
        "small": small,
        "caption": derive("Bildtext", small, spaceBefore=2),
        "cell": cell,
        "cell_bold": derive("Cell fet", cell, fontName=fonts.BOLD),
        "cell_num": derive("Cell tal", cell, alignment=TA_RIGHT),
        "cell_head": cell_head,
        "cell_head_num": derive("Cell rubrik tal", cell_head, alignment=TA_RIGHT),
        "cover_forbund": derive(
            "Omslag förbund", fontName=fonts.BOLD, fontSize=15, leading=20, textColor=GREY
        ),
        "cover_title": derive("Omslag titel", accent, fontSize=30, leading=36, spaceAfter=8),
        "cover_sub": derive("Omslag underrubrik", fontSize=13, leading=18, textColor=GREY),
        "toc_title": derive("Innehåll", accent, fontSize=16, leading=20, spaceAfter=12),
        "toc1": derive("Innehåll 1", fontName=fonts.BOLD, fontSize=10.5, leading=15, spaceAfter=2),
        "toc2": derive("Innehåll 2", fontSize=10, leading=13, leftIndent=14, spaceAfter=0),
        "center": derive("Mitten", alignment=TA_CENTER),
        "signature": derive("Underskrift", fontSize=9.5, leading=12, spaceAfter=0),
        "problem": derive("Problem", bullet, spaceAfter=3, textColor=colors.black),
    }
    # What a paragraph of the style is in the tagged PDF (reports/pdf/tagging.py); a P else.
    # (A style or a paragraph may also carry pdf_lang: text in another language than Swedish.)
    for tag, names in PDF_TAGS.items():
        for name in names:
            found[name].pdf_tag = tag
    return found


#: The structure type of each style's paragraphs: headings, list items, captions.
PDF_TAGS = {
    "H1": ("h1", "cover_title", "toc_title"),
    "H2": ("h2",),
    "H3": ("h3",),
    "LI": ("bullet", "problem"),
    "Caption": ("caption",),
}
