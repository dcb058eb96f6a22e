"""The page template every report uses: cover, contents, running header and footer.

A :class:`Rapport` collects a story (headings, texts, tables, charts) and builds it into PDF
bytes in memory: A4, a cover with the förbund's name, the title, the year and the decision,
a table of contents with page numbers, a header with the förbund and the title, and a footer
"Sida X av Y". A report whose reconciliation is not clean carries "Utkast – avstämning ej
klar" on every page (a diagonal mark and a line in the header) and lists the problems on its
last page.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import drawPageNumbers

from finsam_desktop.rapporttexter import Punktlista, Stycke, parse

from . import fonts, tagging
from .styles import (
    ACCENT,
    GREY,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    RULE,
    WARN,
    cell_commands,
    styles,
)

# Page streams are compressed, not also ASCII85-encoded (ReportLab's default, a setting it
# documents): the file is a fifth smaller, and ReportLab encodes ASCII85 in Python.
rl_config.useA85 = 0

UTKAST = "Utkast – avstämning ej klar"
PAGE_WIDTH, PAGE_HEIGHT = A4
#: The width a flowable may use between the margins.
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
#: The height of a page's body (between the running header and footer).
BODY_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
#: A chapter that asks for a new page shares the page it would leave when that page is used
#: less than this much (a short section before it), rather than leave it nearly empty.
SHARED_PAGE = 1 / 3
#: What a heading takes along to the bottom of a page at least, when what follows it is
#: split there: less, and the heading goes to the next page with it.
WITH_HEADING = 12 * mm


def safe(text: object) -> str:
    """User or data text made safe for a Paragraph: escaped, printable, never markup."""
    return escape(fonts.printable(str(text)), quote=False)


@dataclass(frozen=True)
class Omslag:
    """What the cover says."""

    forbund: str
    titel: str
    period: str  # "2025", "2027 med plan för 2028–2029", "januari–augusti 2026"
    beslut: str = ""  # "Beslutad av styrelsen 2026-03-19, § 14" or "Förslag till styrelsen"
    organisationsnummer: str = ""
    logotyp: bytes | None = None


@dataclass
class Innehall:
    """What a built report holds, for a preview: its headings with their pages, the count."""

    rubriker: list[tuple[int, str, int]] = field(default_factory=list)  # (level, text, page)
    sidor: int = 0
    utkast: bool = False  # marked "Utkast – avstämning ej klar"

    def fyll(self, other: Innehall) -> None:
        self.rubriker, self.sidor, self.utkast = other.rubriker, other.sidor, other.utkast


@dataclass
class _Heading:
    text: str
    level: int
    key: str


class _WithNext(KeepTogether):
    """Flowables kept with the next one (a heading with its text or table), as ReportLab's
    keepWithNext does, except that a long text table (goals) or paragraph after them may
    begin on this page: the heading goes with the table's first rows instead of leaving half
    a page empty. One shorter than half a page, and a table of figures that fits on a page
    (a resultaträkning, a note), moves to the next page with its heading, whole."""

    def split(self, aW, aH):
        content = self._content
        last = content[-1]
        if not (isinstance(last, Paragraph) or getattr(last, "med_rubrik", False)):
            return super().split(aW, aH)
        heads = content[:-1]
        head_h = sum(f.wrapOn(self.canv, aW, aH)[1] + f.getSpaceAfter() for f in heads)
        head_h += sum(f.getSpaceBefore() for f in heads[1:]) + last.getSpaceBefore()
        _, last_h = last.wrapOn(self.canv, aW, aH)
        if head_h + last_h <= aH or last_h < BODY_HEIGHT / 2 or aH - head_h < WITH_HEADING:
            return super().split(aW, aH)
        parts = tagging.split_parts(last, last.splitOn(self.canv, aW, aH - head_h))
        if len(parts) < 2 or parts[0].wrapOn(self.canv, aW, aH)[1] < WITH_HEADING:
            return super().split(aW, aH)
        return [*heads, *parts]


def _bind_lists(story: list) -> None:
    """No bullet alone on a page: the last two bullets of a list go together, the first two
    too, and a sentence that introduces the list (ending in a colon) goes with its first."""
    bullets = {styles()[k].name for k in ("bullet", "problem")}

    def is_bullet(f) -> bool:
        return isinstance(f, Paragraph) and f.style.name in bullets

    i = 0
    while i < len(story):
        if not is_bullet(story[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(story) and is_bullet(story[j + 1]):
            j += 1
        if j > i:
            story[i].keepWithNext = 1
            story[j - 1].keepWithNext = 1
        before = story[i - 1] if i else None
        if isinstance(before, Paragraph) and before.getPlainText().rstrip().endswith(":"):
            before.keepWithNext = 1
        i = j + 1


class _NewPage(CondPageBreak):
    """A new page, unless the page so far holds less than :data:`SHARED_PAGE` of a page."""

    def __init__(self):
        super().__init__(BODY_HEIGHT * (1 - SHARED_PAGE))


class _Mark(Flowable):
    """An invisible flowable that carries a heading for the contents and the outline."""

    def __init__(self, heading: _Heading):
        super().__init__()
        self.heading = heading
        self.width = self.height = 0
        # Kept with its heading (which is kept with what follows): a heading moved to the
        # next page with its table takes its contents entry and bookmark along.
        self.keepWithNext = 1

    def wrap(self, *_):
        return (0, 0)

    def draw(self):
        pass


def _numbered_canvas(
    omslag: Omslag,
    header: str,
    utkast: tuple[str, str] | None,
    innehall: Innehall,
    brev: bool = False,
):
    """A canvas class that writes header, footer and draft mark once the page count is known.

    ``utkast``: the draft mark drawn across every page and the line above the header."""

    class NumberedCanvas(tagging.TaggedCanvas):
        def __init__(self, *args, **kwargs):
            fonts.register()
            kwargs["initialFontName"] = fonts.REGULAR  # the template passes None: Helvetica
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []
            self._bookmarks: list[tuple[str, dict]] = []
            #: heading key -> its page number, for the contents
            self.heading_pages: dict[str, int] = {}
            #: what is drawn when the pages are saved: (page index, its place, how)
            self._later: list[tuple[int, _Later, Callable[[], None]]] = []

        def bookmarkPage(self, key, **kwargs):
            # A destination names the page being written, and pages are written only in
            # save(): bound now, every bookmark and contents link would lead to page 1.
            self._bookmarks.append((key, kwargs))
            self.heading_pages[key] = self._pageNumber

        def later(self, draw: Callable[[], None]) -> None:
            """``draw`` what is drawn here once every page is laid out (the contents, which
            name the pages of headings after them)."""
            place = _Later()
            self._code.append(place)
            self._later.append((len(self._saved), place, draw))

        def showPage(self):
            if self.tagger is not None:
                self.tagger.next_page()
            self._saved.append(dict(self.__dict__))
            self._bookmarks = []
            self._startPage()

        def save(self):
            total = len(self._saved)
            innehall.sidor = total
            for index, state in enumerate(self._saved):
                self.__dict__.update(state)
                self._draw_later(index)
                for key, kwargs in self._bookmarks:
                    super().bookmarkPage(key, **kwargs)
                self._decorate(total)
                super().showPage()
            super().save()

        def _draw_later(self, index: int) -> None:
            for at, place, draw in self._later:
                if at != index:
                    continue
                code, self._code = self._code, []
                if self.tagger is not None:
                    self.tagger.page = index
                draw()
                drawn, self._code = self._code, code
                i = next(i for i, entry in enumerate(code) if entry is place)
                code[i : i + 1] = drawn

        def _decorate(self, total: int) -> None:
            # all of it artifacts: the draft mark (a watermark that stays visible), the
            # running header and footer with the page number
            page = self._pageNumber
            start = len(self._code)
            self.saveState()
            if utkast:
                across, line = utkast
                self.setFillColor(colors.Color(0.75, 0, 0, alpha=0.13))
                self.setFont(fonts.BOLD, 44 if len(across) > 12 else 96)
                self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
                self.rotate(50)
                self.drawCentredString(0, 0, across)
                self.rotate(-50)
                self.translate(-PAGE_WIDTH / 2, -PAGE_HEIGHT / 2)
                self.setFillColor(WARN)
                self.setFont(fonts.BOLD, 9)
                self.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 12 * mm, fonts.printable(line))
                self.restoreState()
                if self.tagger is not None:
                    tagging.Tagger.artifact(self, start, "Pagination", "Watermark")
                start = len(self._code)
                self.saveState()
            if page > 1 or brev:
                top = PAGE_HEIGHT - MARGIN_TOP + 7 * mm
                self.setFont(fonts.REGULAR, 8)
                self.setFillColor(GREY)
                self.drawString(MARGIN_X, top, fonts.printable(omslag.forbund))
                self.drawRightString(PAGE_WIDTH - MARGIN_X, top, fonts.printable(header))
                self.setStrokeColor(RULE)
                self.setLineWidth(0.5)
                self.line(MARGIN_X, top - 2.5 * mm, PAGE_WIDTH - MARGIN_X, top - 2.5 * mm)
                bottom = MARGIN_BOTTOM - 10 * mm
                self.line(MARGIN_X, bottom + 4 * mm, PAGE_WIDTH - MARGIN_X, bottom + 4 * mm)
                self.drawCentredString(PAGE_WIDTH / 2, bottom, f"Sida {page} av {total}")
            self.restoreState()
            if self.tagger is not None:
                tagging.Tagger.artifact(self, start, "Pagination")

    return NumberedCanvas


class _Doc(BaseDocTemplate):
    def __init__(self, buffer, rapport: Rapport):
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            # the title a viewer shows (PDF/UA asks for one): what, when and whose
            title=f"{rapport.omslag.titel} {rapport.omslag.period} – {rapport.omslag.forbund}",
            author=rapport.omslag.forbund,
            subject=rapport.header,
            creator="Finsam Desktop",
            lang="sv-SE",
        )
        frame = tagging.TaggedFrame(
            MARGIN_X,
            MARGIN_BOTTOM,
            TEXT_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        cover = tagging.TaggedFrame(
            MARGIN_X,
            MARGIN_BOTTOM,
            TEXT_WIDTH,
            PAGE_HEIGHT - 2 * MARGIN_BOTTOM,
            id="cover",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        templates = [
            PageTemplate(id="cover", frames=[cover]),
            PageTemplate(id="body", frames=[frame]),
        ]
        self.addPageTemplates(templates[::-1] if rapport.brev else templates)
        self.keepTogetherClass = _WithNext
        self.rapport = rapport
        #: heading key -> (level, text, page); later passes overwrite earlier ones
        self.rubriker: dict[str, tuple[int, str, int]] = {}

    def afterFlowable(self, flowable):
        if isinstance(flowable, _Mark):
            h = flowable.heading
            self.rubriker[h.key] = (h.level, h.text, self.page)
            # the reader lands with the heading at the top of the window
            self.canv.bookmarkPage(h.key, fit="XYZ", top=self.frame._y + 4 * mm)
            self.canv.addOutlineEntry(fonts.printable(h.text), h.key, level=h.level, closed=False)


#: A heading longer than this is cut in the contents: a row there cannot split across pages,
#: so a 10 000-character insats name stopped the report with a LayoutError.
CONTENTS_CHARS = 200


def _in_contents(text: str) -> str:
    return text if len(text) <= CONTENTS_CHARS else text[: CONTENTS_CHARS - 1].rstrip() + "…"


@dataclass
class Rapport:
    """A report being written: add to it, then :meth:`build` the PDF bytes."""

    omslag: Omslag
    header: str
    problem: list[str] = field(default_factory=list)  # reconciliation errors: draft + list
    story: list = field(default_factory=list)
    #: Filled by :meth:`build`: the headings with their pages and the page count.
    innehall: Innehall = field(default_factory=Innehall)
    #: A short document (kallelse, protokoll): no cover or contents, header on every page.
    brev: bool = False
    #: Why the document is an utkast besides a reconciliation (a protokoll written before
    #: its meeting): "UTKAST" across every page and this line above the header.
    utkast_text: str = ""
    _n: int = 0

    @property
    def utkast(self) -> bool:
        return bool(self.problem or self.utkast_text)

    def _utkast_mark(self) -> tuple[str, str] | None:
        if self.problem:
            return (UTKAST, UTKAST)
        return ("UTKAST", self.utkast_text) if self.utkast_text else None

    # -- writing ---------------------------------------------------------------------------

    def _heading(self, text: str, level: int) -> None:
        self._n += 1
        mark = _Mark(_Heading(text, level, f"h{self._n}"))
        style = styles()["h1" if level == 0 else "h2" if level == 1 else "h3"]
        if level <= 1:
            self.story.append(CondPageBreak(60 * mm if level == 0 else 40 * mm))
        self.story.append(mark)
        self.story.append(Paragraph(safe(text), style))

    def kapitel(self, text: str, *, ny_sida: bool = False) -> None:
        """A level-1 heading (in the contents); ``ny_sida`` starts it on a new page, unless
        the page before holds only a short section (:class:`_NewPage`)."""
        if ny_sida:
            self.story.append(_NewPage())
        self._heading(text, 0)

    def avsnitt(self, text: str) -> None:
        """A level-2 heading (in the contents)."""
        self._heading(text, 1)

    def underrubrik(self, text: str) -> None:
        """A level-3 heading (not in the contents)."""
        self.story.append(Paragraph(safe(text), styles()["h3"]))

    def stycke(self, text: str, style: str = "body", *, lang: str | None = None) -> None:
        """A paragraph of plain text (data or a sentence made from data): escaped. ``lang``:
        its language where it is not the document's Swedish (an English quotation:
        "en-GB"), for a screen reader's voice (/Lang on its element)."""
        p = Paragraph(safe(text), styles()[style])
        if lang:
            p.pdf_lang = lang
        self.story.append(p)

    def punkt(self, text: str) -> None:
        """A bullet of plain text (escaped)."""
        self.story.append(Paragraph(safe(text), styles()["bullet"], bulletText="•"))

    def rik(self, markup: str, style: str = "body") -> None:
        """A paragraph of ReportLab markup the report itself wrote (values already safe)."""
        self.story.append(Paragraph(markup, styles()[style]))

    def text(self, user_text: str, *, tom: str = "") -> None:
        """The user's narrative text in the small markup (paragraphs, bullets, bold)."""
        blocks = parse(user_text or "")
        if not blocks and tom:
            self.stycke(tom, "small")
        self.story.extend(render_blocks(blocks))

    def add(self, *flowables: Flowable) -> None:
        self.story.extend(flowables)

    def hall_ihop(self, *flowables: Flowable) -> None:
        self.story.append(KeepTogether(list(flowables)))

    def luft(self, height_mm: float = 4) -> None:
        self.story.append(Spacer(1, height_mm * mm))

    # -- building ----------------------------------------------------------------------------

    def _cover(self) -> list:
        s = styles()
        o = self.omslag
        items: list = [Spacer(1, 45 * mm)]
        if o.logotyp:
            items.extend(_logo(o.logotyp, fonts.printable(o.forbund)))
        items += [
            Paragraph(safe(o.forbund), s["cover_forbund"]),
            Spacer(1, 14 * mm),
            Paragraph(safe(o.titel), s["cover_title"]),
            accent_rule(),
            Paragraph(safe(o.period), s["cover_sub"]),
            Spacer(1, 70 * mm),
        ]
        if o.beslut:
            items.append(Paragraph(safe(o.beslut), s["body"]))
        if o.organisationsnummer:
            items.append(
                Paragraph(safe(f"Organisationsnummer {o.organisationsnummer}"), s["small"])
            )
        return items

    def _problems(self) -> list:
        s = styles()
        items: list = [PageBreak()]
        mark = _Mark(_Heading("Avstämningen är inte klar", 0, "problem"))
        items += [mark, Paragraph("Avstämningen är inte klar", s["h1"])]
        items.append(
            Paragraph(
                "Rapporten är ett utkast. Kontrollen av förbundsfilen (samma som "
                "<i>finsam check</i>) hittade följande som inte stämmer. Rätta uppgifterna i "
                "programmet och skriv rapporten på nytt; märkningen försvinner när allt stämmer.",
                s["body"],
            )
        )
        for p in self.problem:
            items.append(Paragraph(safe(p), s["problem"], bulletText="•"))
        return items

    def build(self) -> bytes:
        buffer = io.BytesIO()
        doc = _Doc(buffer, self)
        contents = _Contents()
        if self.brev:
            story = list(self.story)
        else:
            story = [
                NextPageTemplate("body"),
                *self._cover(),
                PageBreak(),
                Paragraph("Innehåll", styles()["toc_title"]),
                contents,
                PageBreak(),
                *self.story,
            ]
        if self.problem:
            story += self._problems()
        _bind_lists(story)
        # the headings are known before the pages are laid out, their pages once they are:
        # one pass, the contents drawn when the pages are saved (ReportLab's multiBuild lays
        # the whole report out twice to learn them)
        contents.entries = [
            (m.heading.level, safe(_in_contents(m.heading.text)), m.heading.key)
            for m in _marks(story)
        ]
        doc.build(
            story,
            canvasmaker=_numbered_canvas(
                self.omslag, self.header, self._utkast_mark(), self.innehall, self.brev
            ),
        )
        self.innehall.rubriker = list(doc.rubriker.values())
        self.innehall.utkast = self.utkast
        return buffer.getvalue()


def _marks(flowables) -> Iterator[_Mark]:
    """The headings' marks in ``flowables``, in their order (also inside KeepTogether)."""
    for f in flowables:
        if isinstance(f, _Mark):
            yield f
        elif isinstance(f, KeepTogether):
            yield from _marks(f._content)


class _Later(str):
    """A place in a page's drawing that is filled when the pages are saved."""


class _Contents(Flowable):
    """The contents: an entry per heading (level, markup, key), its title linked to the
    heading, then dots and the page number. Laid out with the rest; drawn when the pages are
    saved (``later``), once every heading's page is known. Tagged as a TOC: a TOCI with its
    Link per entry, one TOC over all pages it takes."""

    tags_itself = True

    def __init__(self, entries=(), table: Table | None = None, tags=None):
        super().__init__()
        self.entries = list(entries)
        self._table = table
        self._tags = tags or tagging.TableTags("toc")

    def _made(self, width: float) -> Table:
        if self._table is None:
            rows = [[_Entry(text, level, key)] for level, text, key in self.entries]
            style = TableStyle(cell_commands(top=0, bottom=0, left=0, right=0))
            self._table = Table(rows, colWidths=(width,), style=style)
            self._table._renderCB = self._tags  # its parts on later pages too
        return self._table

    def wrap(self, availWidth, availHeight):
        self.width, self.height = self._made(availWidth).wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        parts = self._made(availWidth).splitOn(self.canv, availWidth, availHeight)
        return [_Contents(self.entries, part, self._tags) for part in parts]

    def drawOn(self, canvas, x, y, _sW=0):
        self._tags.begin(canvas)  # the TOC has its place in the tree before what follows

        def draw():
            canvas.setNamedCB("tocEntryEnd", functools.partial(_entry_end, self._table._width))
            self._table.drawOn(canvas, x, y, _sW)

        canvas.later(draw)


class _Entry(Paragraph):
    """A contents entry: its title, then its dots and page number. ReportLab draws those
    while it sets the title's last line (an onDraw callback), so they came first in the
    page's content and a screen reader read the number before the title; they are moved
    after the title."""

    def __init__(self, markup: str, level: int, key: str):
        super().__init__(
            f'<a href="#{key}">{markup}</a><onDraw name="tocEntryEnd" label="{level},{key}"/>',
            _toc_style(level),
        )

    def draw(self):
        canv = self.canv
        canv.toc_entry_end = []
        super().draw()
        canv._code.extend(canv.toc_entry_end)


def _toc_style(level: int):
    return styles()["toc2" if level else "toc1"]


def _entry_end(width: float, canvas, _kind: str, label: str) -> None:
    """Dots and the page number of the heading ``label`` names, kept for after the title."""
    level, key = label.split(",")
    start = len(canvas._code)
    drawPageNumbers(canvas, _toc_style(int(level)), [(canvas.heading_pages[key], key)], width, 0)
    canvas.toc_entry_end = canvas._code[start:]
    del canvas._code[start:]


def _logo(data: bytes, forbund: str) -> list:
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    try:
        reader = ImageReader(io.BytesIO(data))
        w, h = reader.getSize()
    except Exception:  # a logo that cannot be read is left out, never a broken report
        return []
    height = 22 * mm
    width = min(TEXT_WIDTH / 2, height * w / h)
    img = Image(io.BytesIO(data), width=width, height=width * h / w)
    img.hAlign = "LEFT"
    return [tagging.Tagged(img, alt=f"Logotyp för {forbund}"), Spacer(1, 10 * mm)]


def render_inline(parts) -> str:
    return "".join(f"<b>{safe(p.text)}</b>" if p.fet else safe(p.text) for p in parts)


def render_blocks(blocks: Iterable) -> list:
    """The parsed user text as Platypus flowables."""
    s = styles()
    out: list = []
    for block in blocks:
        if isinstance(block, Stycke):
            out.append(Paragraph(render_inline(block.delar), s["body"]))
        elif isinstance(block, Punktlista):
            for item in block.punkter:
                out.append(Paragraph(render_inline(item), s["bullet"], bulletText="•"))
            out.append(Spacer(1, 2 * mm))
    return out


def accent_rule() -> Flowable:
    from reportlab.platypus.flowables import HRFlowable

    return HRFlowable(width="100%", thickness=0.8, color=ACCENT, spaceBefore=2, spaceAfter=6)
