"""The embedded fonts: DejaVu Sans, which carries å ä ö, –, −, ≥, ≤ and much more.

Registered once per process. Characters the font has no glyph for (most emoji) are replaced
by U+FFFD before they reach a page, so a text never prints as invisible boxes or breaks a
report.
"""

from __future__ import annotations

import functools

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

import finsam_resources

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@functools.cache
def register() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, str(finsam_resources.font("DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(finsam_resources.font("DejaVuSans-Bold.ttf"))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)


@functools.cache
def _shown() -> frozenset[int]:
    """The characters a text may keep: those the font has a glyph for, line ends and tabs."""
    register()
    font = pdfmetrics.getFont(REGULAR)
    return frozenset(font.face.charToGlyph) | {ord("\n"), ord("\t")}


def printable(text: str) -> str:
    """``text`` with characters the font cannot show replaced by U+FFFD (a visible mark)."""
    shown = _shown()
    if shown.issuperset(map(ord, text)):
        return text
    out = []
    for c in text:
        if ord(c) in shown:
            out.append(c)
        elif c in "\u200b\u200c\u200d\ufe0f\ufe0e":
            continue  # joiners and variation selectors of emoji: nothing to show
        else:
            out.append("\ufffd" if 0xFFFD in shown else "?")
    return "".join(out)
