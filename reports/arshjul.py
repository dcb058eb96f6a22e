"""Årshjulet as a PDF: the wheel on one A4 page (ReportLab graphics), then the list by month.

Entries are numbered on the wheel; the list after it gives each number its date, ISO week,
ring and whether it is done, with holidays in their months and flagged dates noted.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import io
import math
from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String, Wedge
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    BaseDocTemplate,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from finsam_desktop.arshjul import Period, entries, holidays_in, period_for
from finsam_desktop.arshjul.hjul import (
    HELGDAG_FARG,
    IDAG_FARG,
    RING_FARG,
    RINGS,
    Handelse,
    fraction,
)
from finsam_desktop.arshjul.regler import MONTHS
from finsam_desktop.dates import iso_week
from finsam_desktop.files import write_bytes_atomically
from finsam_desktop.storage import ForbundFile
from finsam_desktop.swedish import plural

from .pdf import fonts, tagging
from .pdf.document import Innehall, Omslag, _numbered_canvas
from .pdf.styles import MARGIN_BOTTOM, MARGIN_TOP

FONT, BOLD = fonts.REGULAR, fonts.BOLD
#: Text made safe for a Paragraph (xml.sax.saxutils's escape, without its 15 ms of imports).
escape = functools.partial(html.escape, quote=False)
MUTED = colors.HexColor("#777777")


def _fonts() -> None:
    fonts.register()  # the same embedded DejaVu as every other report


def _angle(period: Period, day: dt.date) -> float:
    """Degrees counter-clockwise from east: the period starts at the top and runs clockwise."""
    return 90.0 - 360.0 * fraction(period, day)


def _point(cx: float, cy: float, r: float, angle: float) -> tuple[float, float]:
    a = math.radians(angle)
    return cx + r * math.cos(a), cy + r * math.sin(a)


def wheel_drawing(
    period: Period, found: list[Handelse], today: dt.date | None, size: float
) -> Drawing:
    """The wheel: month sectors, one ring per category, entries as numbered dots or arcs."""
    d = Drawing(size, size, initialFontName=FONT)
    cx = cy = size / 2
    outer = size / 2 - 26
    month_band = 22
    inner = outer * 0.22
    ring_width = (outer - month_band - inner) / len(RINGS)

    def ring_radii(i: int) -> tuple[float, float]:
        r0 = inner + i * ring_width
        return r0, r0 + ring_width

    # ring backgrounds
    for i, ring in enumerate(RINGS):
        r0, r1 = ring_radii(i)
        tint = colors.HexColor(RING_FARG[ring])
        fill = colors.Color(tint.red, tint.green, tint.blue, alpha=0.08 if i % 2 else 0.14)
        d.add(Wedge(cx, cy, r1, 0, 360, radius1=r0, fillColor=fill, strokeColor=None))
    # month band, boundaries and names
    for n, (year, month) in enumerate(period.months()):
        start = dt.date(year, month, 1)
        nxt = period.months()[n + 1] if n < 11 else (period.end.year, period.end.month)
        end = dt.date(*nxt, 1)
        a0, a1 = _angle(period, end), _angle(period, start)
        shade = colors.HexColor("#e4eaf1") if n % 2 == 0 else colors.HexColor("#f2f5f8")
        d.add(
            Wedge(cx, cy, outer, a0, a1, radius1=outer - month_band, fillColor=shade,
                  strokeColor=colors.white, strokeWidth=1)
        )  # fmt: skip
        x0, y0 = _point(cx, cy, inner, a1)
        x1, y1 = _point(cx, cy, outer, a1)
        d.add(Line(x0, y0, x1, y1, strokeColor=colors.HexColor("#9aa7b4"), strokeWidth=0.6))
        mid = (a0 + a1) / 2
        tx, ty = _point(cx, cy, outer - month_band / 2 - 3, mid)
        label = MONTHS[month - 1].capitalize()
        if month == 1 and n > 0:
            label += f" {year}"
        d.add(String(tx, ty, label, fontName=BOLD, fontSize=8.5, textAnchor="middle"))
    d.add(Circle(cx, cy, inner, fillColor=colors.white, strokeColor=colors.HexColor("#9aa7b4")))
    d.add(String(cx, cy + 4, "Årshjul", fontName=BOLD, fontSize=13, textAnchor="middle"))
    d.add(String(cx, cy - 12, period.label, fontName=FONT, fontSize=12, textAnchor="middle"))
    # holidays: small red ticks outside the month band
    for day, _name in holidays_in(period):
        a = _angle(period, day + dt.timedelta(hours=12))
        x0, y0 = _point(cx, cy, outer + 1, a)
        x1, y1 = _point(cx, cy, outer + 6, a)
        d.add(Line(x0, y0, x1, y1, strokeColor=colors.HexColor(HELGDAG_FARG), strokeWidth=1.2))
    # today, under the entries: the dashed line never strikes through a marker
    if today is not None and period.contains(today):
        a = _angle(period, today)
        x0, y0 = _point(cx, cy, inner, a)
        x1, y1 = _point(cx, cy, outer + 12, a)
        red = colors.HexColor(IDAG_FARG)
        d.add(Line(x0, y0, x1, y1, strokeColor=red, strokeWidth=1.4, strokeDashArray=[3, 2]))
        tx, ty = _point(cx, cy, outer + 18, a)
        d.add(String(tx, ty - 3, "i dag", fontName=BOLD, fontSize=7, fillColor=red,
                     textAnchor="middle"))  # fmt: skip
    # entries
    placed: list[tuple[float, float]] = []
    for number, h in enumerate(found, start=1):
        i = RINGS.index(h.ring)
        r0, r1 = ring_radii(i)
        colour = colors.HexColor(RING_FARG[h.ring])
        rm = (r0 + r1) / 2
        if h.slut is not None and (h.slut - h.datum).days >= 2:
            a_start = _angle(period, h.datum)
            a_end = _angle(period, min(h.slut + dt.timedelta(days=1), period.end))
            arc = colors.Color(colour.red, colour.green, colour.blue, alpha=0.45)
            d.add(Wedge(cx, cy, r1 - 3, a_end, a_start, radius1=r0 + 3, fillColor=arc,
                        strokeColor=colour, strokeWidth=0.5))  # fmt: skip
            a = a_start - 4
        else:
            a = _angle(period, h.datum) - 0.5
        x, y = _point(cx, cy, rm, a)
        for offset in (0, -10, 10, -5, 5):  # keep close dots of a ring apart
            x, y = _point(cx, cy, rm + offset, a)
            if all((x - px) ** 2 + (y - py) ** 2 > 10.5**2 for px, py in placed):
                break
        placed.append((x, y))
        fill = colour if not h.klar else colors.white
        d.add(Circle(x, y, 5.2, fillColor=fill, strokeColor=colour, strokeWidth=1))
        d.add(
            String(x, y - 2.3, str(number), fontName=BOLD, fontSize=6 if number < 100 else 5,
                   fillColor=colors.white if not h.klar else colour, textAnchor="middle")
        )  # fmt: skip
        if h.flagga:
            d.add(Circle(x + 4.5, y + 4.5, 1.8, fillColor=colors.HexColor(HELGDAG_FARG),
                         strokeColor=None))  # fmt: skip
    return d


def legend_drawing(width: float) -> Drawing:
    d = Drawing(width, 34, initialFontName=FONT)
    x = 0.0
    items = [(RING_FARG[r], f"{i + 1}. {r.label}") for i, r in enumerate(RINGS)]
    for colour, text in items:
        d.add(Rect(x, 20, 9, 9, fillColor=colors.HexColor(colour), strokeColor=None))
        d.add(String(x + 12, 21, text, fontName=FONT, fontSize=8))
        x += 12 + pdfmetrics.stringWidth(text, FONT, 8) + 14
    # the marks as the wheel draws them, each beside what it means
    red, muted = colors.HexColor(HELGDAG_FARG), colors.HexColor(RING_FARG[RINGS[0]])
    x = 0.0

    def said(text: str) -> None:
        nonlocal x
        d.add(String(x, 3, text, fontName=FONT, fontSize=7.5, fillColor=MUTED))
        x += pdfmetrics.stringWidth(text, FONT, 7.5) + 14

    d.add(Line(x, 2, x, 10, strokeColor=red, strokeWidth=1.2))
    x += 6
    said("helgdag")
    d.add(Circle(x + 2, 6, 1.8, fillColor=red, strokeColor=None))
    x += 8
    said("datum på helgdag eller helg")
    d.add(Circle(x + 5, 6, 5.2, fillColor=colors.white, strokeColor=muted, strokeWidth=1))
    x += 14
    said("klar")
    d.add(Line(x, 6, x + 14, 6, strokeColor=colors.HexColor(IDAG_FARG), strokeWidth=1.4,
               strokeDashArray=[3, 2]))  # fmt: skip
    x += 18
    said("i dag")
    said("ringarna räknas inifrån och ut")
    return d


#: The legend's text alternative: what its colours and marks mean.
LEGEND_ALT = (
    "Teckenförklaring: "
    + ", ".join(f"ring {i + 1} {r.label}" for i, r in enumerate(RINGS))
    + " (räknade inifrån och ut); röda streck är helgdagar, en röd prick ett datum på "
    "helgdag eller helg, en vit cirkel en klar händelse, den streckade röda linjen i dag."
)


def wheel_alt(period: Period, found: list[Handelse]) -> str:
    """The wheel's text alternative: what it shows, and where the same is said in words."""
    rings = sorted({h.ring.label for h in found}, key=[r.label for r in RINGS].index)
    text = f"Årshjul för {period.long_label}: {plural(len(found), 'händelse', 'händelser')}"
    if rings:
        text += " i ringarna " + ", ".join(rings)
    return text + ", numrerade efter datum. Listan efter hjulet ger varje nummer dess datum."


def _date_text(h: Handelse) -> str:
    if h.slut is None:
        return f"{h.datum.day} {MONTHS[h.datum.month - 1][:3]}"
    if h.slut.month == h.datum.month:
        return f"{h.datum.day}–{h.slut.day} {MONTHS[h.datum.month - 1][:3]}"
    return (
        f"{h.datum.day} {MONTHS[h.datum.month - 1][:3]} – {h.slut.day} "
        f"{MONTHS[h.slut.month - 1][:3]}"
    )


def _week_text(h: Handelse) -> str:
    first, last = iso_week(h.datum), iso_week(h.sista)
    return str(first) if first == last else f"{first}–{last}"


def write_arshjul(
    ff: ForbundFile, out: Path | str, year: int | None = None, date=None, meeting=None
) -> Path:
    """Write the wheel of ``year`` (default this year) and its list to the PDF ``out``."""
    _fonts()
    today = date or dt.date.today()
    period = period_for(ff, year or today.year)
    found = entries(ff, period)
    out = Path(out)
    buffer = io.BytesIO()  # laid out in memory, then written whole: never half a PDF
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=f"Årshjul {period.label}", author=ff.forbund_name(),
        creator="Finsam Desktop", lang=tagging.LANG,
        initialFontName=FONT,  # else the canvas starts in (unembedded) Helvetica
    )  # fmt: skip
    frame = tagging.TaggedFrame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height)
    doc.addPageTemplates([PageTemplate(id="hjul", frames=[frame])])
    title = ParagraphStyle("t", fontName=BOLD, fontSize=17, leading=21)
    title.pdf_tag = "H1"  # what the paragraphs are in the tagged PDF (pdf/tagging.py)
    sub = ParagraphStyle("s", fontName=FONT, fontSize=9.5, leading=12, textColor=MUTED)
    cell = ParagraphStyle("c", fontName=FONT, fontSize=8.5, leading=10.5)
    month_style = ParagraphStyle("m", fontName=BOLD, fontSize=11, leading=14, spaceBefore=6)
    month_style.pdf_tag = "H2"
    width = A4[0] - 30 * mm
    story: list = [
        Paragraph(escape(f"{ff.forbund_name()} – årshjul {period.long_label}"), title),
        Paragraph(
            escape(
                f"{plural(len(found), 'händelse', 'händelser')}. "
                "Siffrorna på hjulet hänvisar till listan efter hjulet. "
                f"Utskrivet {today.isoformat()}."
            ),
            sub,
        ),
        Spacer(1, 4 * mm),
        tagging.Tagged(wheel_drawing(period, found, today, width), alt=wheel_alt(period, found)),
        Spacer(1, 2 * mm),
        tagging.Tagged(legend_drawing(width), alt=LEGEND_ALT),
        PageBreak(),
        Paragraph(escape(f"Årets händelser månad för månad, {period.long_label}"), title),
        Spacer(1, 2 * mm),
    ]
    numbers = {id(h): n for n, h in enumerate(found, start=1)}
    holidays = holidays_in(period)
    for year_, month in period.months():
        rows = []
        in_month = [h for h in found if (h.datum.year, h.datum.month) == (year_, month)]
        days = [(d, n) for d, n in holidays if (d.year, d.month) == (year_, month)]
        items = [(h.datum, 0, h) for h in in_month] + [(d, 1, n) for d, n in days]
        for day, kind, item in sorted(items, key=lambda t: (t[0], t[1])):
            if kind == 1:
                rows.append(
                    ["", f"{day.day} {MONTHS[day.month - 1][:3]}", str(iso_week(day)),
                     Paragraph(f"<i>{escape(item)}</i>", cell), "Helgdag", ""]
                )  # fmt: skip
                continue
            h = item
            text = escape(h.rubrik)
            notes = [x for x in (h.flagga, "Flyttad i år." if h.flyttad else "") if x]
            if notes:
                text += (
                    f"<br/><font color='{HELGDAG_FARG}' size='7.5'>{escape(' '.join(notes))}</font>"
                )
            rows.append(
                [str(numbers[id(h)]), _date_text(h), _week_text(h), Paragraph(text, cell),
                 h.ring.label, "✓" if h.klar else ""]
            )  # fmt: skip
        heading = Paragraph(f"{MONTHS[month - 1].capitalize()} {year_}", month_style)
        if not rows:
            story.append(KeepTogether([heading, Paragraph("Inget i årshjulet.", sub)]))
            continue
        table = Table(
            [["Nr", "Datum", "V.", "Händelse", "Ring", "Klar"], *rows],
            colWidths=[10 * mm, 30 * mm, 13 * mm, width - 108 * mm, 45 * mm, 10 * mm],
            repeatRows=1,
            splitInRow=1,  # a very long händelse goes on over the page instead of failing
            renderCB=tagging.TableTags("data"),
        )
        style = [
            ("FONT", (0, 0), (-1, -1), FONT, 8.5),
            ("FONT", (0, 0), (-1, 0), BOLD, 8),
            ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.HexColor("#9aa7b4")),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#dde3ea")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (0, -1), "RIGHT"),
            ("ALIGN", (2, 0), (2, -1), "CENTER"),
            ("ALIGN", (5, 0), (5, -1), "CENTER"),
        ]
        for r, row in enumerate(rows, start=1):
            if row[4] == "Helgdag":
                style.append(("TEXTCOLOR", (0, r), (-1, r), colors.HexColor(HELGDAG_FARG)))
            else:
                ring = next(x for x in RINGS if x.label == row[4])
                style.append(("TEXTCOLOR", (4, r), (4, r), colors.HexColor(RING_FARG[ring])))
        table.setStyle(TableStyle(style))
        story.append(KeepTogether([heading, table]))
    # the documents' running header, footer and "Sida X av Y", on every page (issue 16)
    canvas = _numbered_canvas(
        Omslag(ff.forbund_name(), "Årshjul", period.label),
        f"Årshjul {period.long_label}",
        None,
        Innehall(),
        brev=True,
    )
    doc.build(story, canvasmaker=canvas)
    write_bytes_atomically(out, buffer.getvalue(), "Rapporten")
    return out
