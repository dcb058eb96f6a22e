"""Tagged, archivable PDF (PDF/UA-1 and PDF/A-2a) from ReportLab, which writes no tags itself.

While a report is drawn, everything painted is wrapped in marked content: a structure
element's content (``/P <</MCID 3>> BDC … EMC``) or an artifact (``/Artifact … BDC … EMC``:
running headers and footers, the draft mark, rules, table backgrounds and lines, repeated
table heading rows). A :class:`Tagger` on the canvas records the structure tree as it goes:
Document; H1–H3 (never a level skipped); P; L/LI/Lbl/LBody; Table/THead/TBody/TR/TH/TD;
TOC/TOCI/Link; Figure with its Alt; Caption. A paragraph or list item that goes on over a
page break is one element (:func:`split_parts`); a paragraph or style with ``pdf_lang``
gives its element a /Lang of its own (a passage in another language).

:class:`TaggedCanvas` writes the tree with ReportLab's own objects as it saves the file
(:mod:`.structure`): StructTreeRoot, ParentTree, /StructParents and /Tabs /S on the pages,
MarkInfo, /Lang, DisplayDocTitle, the XMP metadata (Dublin Core, pdfaid 2A, pdfuaid 1) and an
sRGB OutputIntent.

How content is reached: top-level flowables through :class:`TaggedFrame`, tables through
ReportLab's table render callback (:class:`TableTags`), content inside containers
(a chart's block) through :class:`Tagged`.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Flowable, Frame, Image, Paragraph, Table
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.tableofcontents import TableOfContents
from reportlab.platypus.tables import TableRenderCB

from . import structure
from .structure import MC, Annot

LANG = "sv-SE"

_enabled: contextvars.ContextVar[bool] = contextvars.ContextVar("tagging", default=True)


@contextlib.contextmanager
def untagged() -> Iterator[None]:
    """Reports built inside are plain ReportLab output, without tags or PDF/A metadata:
    for the bench's before-and-after and for proving the checks can fail."""
    token = _enabled.set(False)
    try:
        yield
    finally:
        _enabled.reset(token)


def enabled() -> bool:
    return _enabled.get()


@dataclass(eq=False)
class Elem:
    """A structure element: its type, its kids (elements, marked content, a link's
    annotation) and the attributes a reader needs."""

    tag: str
    kids: list = field(default_factory=list)
    alt: str | None = None
    scope: str | None = None  # TH: "Column" or "Row"
    lang: str | None = None  # a passage in another language than the document's

    def add(self, tag: str, **attrs) -> Elem:
        e = Elem(tag, **attrs)
        self.kids.append(e)
        return e


#: An operator that paints (text, a path's stroke or fill, an image or shading).
_PAINTS = re.compile(r"\b(Tj|TJ|S|s|f\*?|F|B\*?|b\*?|sh|Do)\b")


class Tagger:
    """The structure tree of the pages one canvas draws."""

    def __init__(self) -> None:
        self.root = Elem("Document")
        self.page = 0
        self._next_mcid: dict[int, int] = {}
        self._level = 0  # the last heading's level
        self.tables: dict[int, _TableState] = {}

    def next_page(self) -> None:
        self.page += 1

    def mark(self, canv, start: int, elem: Elem, tag: str | None = None) -> bool:
        """What ``canv`` drew from its code index ``start`` on is ``elem``'s content."""
        code = canv._code
        if len(code) == start:
            return False
        mcid = self._next_mcid.get(self.page, 0)
        self._next_mcid[self.page] = mcid + 1
        code.insert(start, f"/{tag or elem.tag} <</MCID {mcid}>> BDC")
        code.append("EMC")
        elem.kids.append(MC(self.page, mcid))
        return True

    @staticmethod
    def artifact(canv, start: int, kind: str = "Layout", subtype: str | None = None) -> None:
        """What ``canv`` drew from ``start`` on is an artifact (no content for a reader)."""
        code = canv._code
        if len(code) == start:
            return
        sub = f" /Subtype /{subtype}" if subtype else ""
        code.insert(start, f"/Artifact <</Type /{kind}{sub}>> BDC")
        code.append("EMC")

    def heading(self, level: int) -> Elem:
        """A heading element at ``level``, or the next level below the last heading when
        that would skip one (a third-level heading right under a chapter is an H2)."""
        level = min(level, self._level + 1)
        self._level = level
        return self.root.add(f"H{level}")

    def list_item(self) -> Elem:
        last = self.root.kids[-1] if self.root.kids else None
        if not (isinstance(last, Elem) and last.tag == "L"):
            last = self.root.add("L")
        return last.add("LI")

    def flowable(self, canv, start: int, f: Flowable, alt: str | None = None) -> None:
        """Tag what ``f`` drew (from code index ``start``) by what it is."""
        if isinstance(f, HRFlowable):
            self.artifact(canv, start)
        elif isinstance(f, Paragraph):
            self._paragraph(canv, start, f)
        elif isinstance(f, Image) or alt is not None:
            if not alt:
                raise ValueError(f"a figure without a text alternative: {f!r}")
            self.mark(canv, start, self.root.add("Figure", alt=alt))
        elif any(_PAINTS.search(entry) for entry in canv._code[start:]):
            self.mark(canv, start, self.root.add("P"))
        # else it painted nothing (a spacer, a heading's mark): nothing to tag

    def _paragraph(self, canv, start: int, p: Paragraph) -> None:
        whole = getattr(p, "tag_whole", None)
        if whole is not None and whole.elem is not None:
            # the rest of a paragraph or list item begun on an earlier page: the same element
            self.mark(canv, start, whole.elem)
            return
        # the style says what its paragraphs are (styles.py): H1-H3, LI, Caption; else P
        tag = getattr(p.style, "pdf_tag", "P")
        lang = getattr(p, "pdf_lang", None) or getattr(p.style, "pdf_lang", None)
        if tag in ("H1", "H2", "H3"):
            elem = self.heading(int(tag[1]))
        elif tag == "Caption":
            elem = self.root.add("Caption")
        elif tag == "LI":
            li = self.list_item()
            li.lang = lang
            code = canv._code
            # the bullet is the paragraph's first text object, drawn before its lines
            bullet = next((i for i in range(start, len(code)) if code[i].startswith("BT")), None)
            if p.bulletText and bullet is not None and bullet + 1 < len(code):
                tail = code[bullet + 1 :]
                del code[bullet + 1 :]
                self.mark(canv, bullet, li.add("Lbl"))
                start = len(code)
                code.extend(tail)
            elem, lang = li.add("LBody"), None
        else:
            elem = self.root.add("P")
        elem.lang = lang
        self.mark(canv, start, elem)
        if whole is not None:
            whole.elem = elem


class TaggedCanvas(pdfcanvas.Canvas):
    """A canvas that carries a :class:`Tagger` (when tagging is on) and counts its pages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tagger: Tagger | None = Tagger() if enabled() else None

    def showPage(self):
        if self.tagger is not None:
            self.tagger.next_page()
        super().showPage()

    def save(self):
        if self.tagger is not None:
            if len(self._code):
                self.showPage()
            structure.write(self, self.tagger.root, LANG)
        super().save()


def _tagger(canv) -> Tagger | None:
    return getattr(canv, "tagger", None)


class _Whole:
    """The element of a paragraph split over pages, shared by its parts."""

    elem: Elem | None = None


def split_parts(flowable: Flowable, parts: list) -> list:
    """``parts`` (``flowable`` split to go on over a page) as one element to a reader: a
    paragraph or list item whose lines go on on the next page is one P or LI, not two."""
    if isinstance(flowable, Paragraph) and len(parts) > 1:
        whole = getattr(flowable, "tag_whole", None) or _Whole()
        lang = getattr(flowable, "pdf_lang", None)
        for part in parts:
            part.tag_whole = whole
            if lang:
                part.pdf_lang = lang
    return parts


class TaggedFrame(Frame):
    """A frame that tags each flowable it draws (tables and containers tag themselves)."""

    def split(self, flowable, canv):
        return split_parts(flowable, super().split(flowable, canv))

    def add(self, flowable, canv, trySplit=0):
        tagger = _tagger(canv)
        if (
            tagger is None
            or isinstance(flowable, Table | TableOfContents | Tagged)
            or getattr(flowable, "tags_itself", False)
        ):
            return super().add(flowable, canv, trySplit=trySplit)
        start = len(canv._code)
        drawn = super().add(flowable, canv, trySplit=trySplit)
        if drawn:
            tagger.flowable(canv, start, flowable)
        return drawn

    _add = add


class Tagged(Flowable):
    """``inner`` tagged as it is drawn, also inside a container no frame draws (a chart's
    block): a drawing or an image as a Figure with the text alternative ``alt``."""

    def __init__(self, inner: Flowable, alt: str | None = None):
        super().__init__()
        self.inner, self.alt = inner, alt
        self.hAlign = getattr(inner, "hAlign", "LEFT")

    def wrap(self, aW, aH):
        self.width, self.height = self.inner.wrapOn(self.canv, aW, aH)
        return self.width, self.height

    def getSpaceBefore(self):
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self.inner.getSpaceAfter()

    def split(self, aW, aH):
        return []

    def drawOn(self, canvas, x, y, _sW=0):
        start = len(canvas._code)
        self.inner.drawOn(canvas, x, y, _sW=_sW)
        tagger = _tagger(canvas)
        if tagger is not None:
            tagger.flowable(canvas, start, self.inner, alt=self.alt)

    def draw(self):  # pragma: no cover - drawOn does the drawing
        pass


@dataclass
class _TableState:
    table: Elem | None = None
    head: Elem | None = None
    body: Elem | None = None
    drawn: bool = False  # a part of the table is on an earlier page
    repeated: int = 0  # heading rows repeated at the top of this part
    row: Elem | None = None
    row_start: int = 0
    cell: Elem | None = None
    cell_start: int = 0
    annots: int = 0
    cellval: object = None
    heading_rows: int = 0


class TableTags(TableRenderCB):
    """A table's render callback that tags it while it is drawn.

    ``kind``: "data" (heading rows of TH with Scope Column, repeated ones on later pages as
    pagination artifacts), "rows" (label and value: the first column TH with Scope Row),
    "layout" (cells side by side, no table for a reader: each cell a P), "toc" (the
    contents: TOC with a TOCI and a Link per entry). One object serves every part of a table
    split over pages, so the parts are one Table."""

    def __init__(self, kind: str = "data"):
        self.kind = kind

    def __call__(self, T, cmd, *args):
        tagger = _tagger(T.canv)
        if tagger is not None:  # each step with the table's state (a call per cell and more)
            getattr(self, cmd)(T, self._state_in(tagger), *args)

    def begin(self, canv) -> None:
        """The table's element is placed in the tree now, though it is drawn later."""
        if _tagger(canv) is not None:
            self._state_in(_tagger(canv))

    def _state_in(self, tagger: Tagger) -> _TableState:
        st = tagger.tables.get(id(self))
        if st is None:
            st = tagger.tables[id(self)] = _TableState()
            if self.kind == "data" or self.kind == "rows":
                st.table = tagger.root.add("Table")
            elif self.kind == "toc":
                st.table = tagger.root.add("TOC")
        return st

    def startTable(self, T, st: _TableState):
        rr = T.repeatRows
        st.heading_rows = rr if isinstance(rr, int) else len(rr)
        if self.kind != "data":
            st.heading_rows = 0
        st.repeated = st.heading_rows if st.drawn else 0

    def startBG(self, T, st: _TableState):
        st.cell_start = len(T.canv._code)

    def endBG(self, T, st: _TableState):
        Tagger.artifact(T.canv, st.cell_start)

    def startRow(self, T, st: _TableState, rowNo):
        st.row_start = len(T.canv._code)
        st.row = None
        if rowNo < st.repeated or self.kind in ("layout", "toc"):
            return
        if rowNo < st.heading_rows:
            if st.head is None:
                st.head = st.table.add("THead")
            st.row = st.head.add("TR")
        else:
            if st.body is None:
                st.body = st.table.add("TBody")
            st.row = st.body.add("TR")

    def startCell(self, T, st: _TableState, rowNo, colNo, cellval, cellstyle, pos, size):
        st.cell_start = len(T.canv._code)
        st.cell = None
        st.annots = len(T.canv._annotationrefs)
        st.cellval = cellval
        if st.row is None:
            return
        if rowNo < st.heading_rows:
            st.cell = st.row.add("TH", scope="Column")
        elif self.kind == "rows" and colNo == 0:
            st.cell = st.row.add("TH", scope="Row")
        else:
            st.cell = st.row.add("TD")

    def endCell(self, T, st: _TableState):
        tagger = _tagger(T.canv)
        if st.cell is not None:
            tagger.mark(T.canv, st.cell_start, st.cell)
        elif self.kind == "layout" and len(T.canv._code) > st.cell_start:
            tagger.mark(T.canv, st.cell_start, tagger.root.add("P"))
        elif self.kind == "toc" and len(T.canv._code) > st.cell_start:
            link = st.table.add("TOCI").add("Link")
            tagger.mark(T.canv, st.cell_start, link)
            # the links the entry drew (its text and its page number) belong to it
            text = st.cellval.getPlainText() if isinstance(st.cellval, Paragraph) else ""
            for index in range(st.annots, len(T.canv._annotationrefs)):
                link.kids.append(Annot(tagger.page, index, text.strip()))

    def endRow(self, T, st: _TableState):
        if st.row is None and self.kind == "data":
            Tagger.artifact(T.canv, st.row_start, "Pagination", "Header")

    def startLines(self, T, st: _TableState):
        st.cell_start = len(T.canv._code)

    def endLines(self, T, st: _TableState):
        Tagger.artifact(T.canv, st.cell_start)

    def endTable(self, T, st: _TableState):
        st.drawn = True
