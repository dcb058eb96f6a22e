"""The structure tree and what PDF/UA-1 and PDF/A-2a ask of the document, written by ReportLab
itself as it saves the file (no second pass over the finished file).

:func:`write` runs in the canvas's ``save``, after the last page is added and before ReportLab
formats its objects. It adds the StructTreeRoot with its elements and ParentTree,
/StructParents and /Tabs /S on the pages, /StructParent, /Contents and /F on the link
annotations, MarkInfo, DisplayDocTitle, the XMP metadata (Dublin Core, pdfaid 2A, pdfuaid 1),
an sRGB OutputIntent, and an Info dictionary that says what the XMP says.

The elements are formatted here, not as ReportLab dictionaries: a large report has thousands,
and formatting them as text costs a fraction of ReportLab's general path.
"""

from __future__ import annotations

import base64
import functools
import zlib
from html import escape
from typing import NamedTuple

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFInfo,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFPage,
    PDFStream,
    PDFString,
)

#: LittleCMS's sRGB profile (what Pillow's ``ImageCms.createProfile("sRGB")`` makes, its
#: creation date zeroed), zlib-compressed: made once, not in every process (loading LittleCMS
#: took 130 ms). tests/reports/test_tagged_pdf.py holds it to what LittleCMS makes.
SRGB_ICC_FLATE = base64.b64decode(
    "eNqVkTtLw2AUhp+2iqKVDjqIOHSo4tCCKIij1qFLkVIrWHVp0pvQS0hSpLgKLg4FB9HF2+A/0FVwVRAERRDxN3hbpMST"
    "ppAOOnjCl/PwJu/h5A144yW1bHTNQbli6slYNLiSXg3SURnV0OYTiTh/1tcDHrvfR+xZ/K/6szlDBU+v8Iyq6aawbEN8"
    "09Rs3hUeUouZrPCxcFiXBYVvbF1x+NXmgsMfNuup5AJ47ZnBQgcrHawW9bLwhHCoXKqp7X3sL/HnKstL0kfkjGKQJEaU"
    "IAo1NihhEpFekcx+9022fItUxaPKXaOOLo4CRfGGRa3J1Jz0vOg5uUrU3dzdPI389JQz3R+F7hfLeh+Dnj1oNizr+8Sy"
    "mqfge4ariuuvSk6zn6I3XC10BIFtuLh2NWUfLndg+EnL6JmW5JPjzefh7RwG0jB4B31rTlbt55w9QmpLftEtHBzCuLwf"
    "WP8BJ6NmvQ=="
)


class MC(NamedTuple):
    """Marked content: page index (0-based) and MCID."""

    page: int
    mcid: int


class Annot(NamedTuple):
    """The link annotation ``index`` (in the page's /Annots) on ``page``."""

    page: int
    index: int
    text: str = ""  # what the link says, for a reader (/Contents)


def srgb_icc() -> bytes:
    """The sRGB ICC profile of the OutputIntent."""
    return zlib.decompress(SRGB_ICC_FLATE)


class _Text(PDFObject):
    """An object formatted by a function of the document (its references resolved then)."""

    def __init__(self, fmt):
        self.fmt = fmt

    def format(self, document):
        return self.fmt(document)


def _ref(document, name: str) -> str:
    return f"{document.idToObjectNumberAndVersion[name][0]} 0 R"


class _Info(PDFInfo):
    """The Info dictionary with only what the XMP repeats (PDF/A asks them to agree)."""

    def __init__(self, info: PDFInfo, subject: str | None):
        super().__init__()
        self.title, self.author, self.creator = info.title, info.author, info.creator
        self.producer, self.keywords = info.producer, info.keywords
        self.subject = subject or ""
        self._dateFormatter = info._dateFormatter
        self.invariant = getattr(info, "invariant", None)

    def format(self, document):
        date = _pdf_date(document._timeStamp)
        entries = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "Creator": PDFString(self.creator),
            "Producer": PDFString(self.producer),
            "CreationDate": PDFString(date),
            "ModDate": PDFString(date),
        }
        if self.subject:
            entries["Subject"] = PDFString(self.subject)
        return PDFDictionary(entries).format(document)


def _pdf_date(ts) -> str:
    y, mo, d, h, mi, s = ts.YMDhms
    return f"D:{y:04d}{mo:02d}{d:02d}{h:02d}{mi:02d}{s:02d}{ts.dhh:+03d}'{ts.dmm:02d}'"


def _xmp_date(ts) -> str:
    y, mo, d, h, mi, s = ts.YMDhms
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}{ts.dhh:+03d}:{ts.dmm:02d}"


def _page_with(page: PDFPage, **entries) -> None:
    """Entries ReportLab's page dictionary does not know, written with it."""
    names = page.__NoDefault__
    page.__NoDefault__ = [*names, *(k for k in entries if k not in names)]
    for key, value in entries.items():
        setattr(page, key, value)


@functools.cache
def _eol_before_endstream() -> None:
    """PDF/A (ISO 19005-2, 6.1.7.1) wants an end of line before ``endstream`` that the
    stream's Length does not count; ReportLab writes ``endstream`` right after the data. Its
    one stream writer adds it, in the documents :func:`write` prepared (others stay as they
    were)."""
    plain = PDFStream.format

    def format(self, document):
        data = plain(self, document)
        if getattr(document, "pdfa", False):
            data = data[: -len(b"endstream\n")] + b"\nendstream\n"
        return data

    PDFStream.format = format


class _Tree:
    """What the elements' objects share while the file is written: the objects' names of
    the elements, pages and link annotations."""

    def __init__(self, page_names: list[str]):
        self.page_names = page_names
        self.names: dict[int, str] = {}  # id(Elem) -> its object's name
        self.annots: dict[tuple[int, int], str] = {}  # (page, index) -> the annotation's


class _Element(PDFObject):
    """A structure element, formatted as text when the file is written."""

    def __init__(self, tree: _Tree, elem, parent: str):
        self.tree, self.elem, self.parent = tree, elem, parent

    def format(self, document):
        tree, elem = self.tree, self.elem
        ref = document.idToObjectNumberAndVersion
        pages = tree.page_names
        first = None
        kids = []
        for k in elem.kids:
            kind = type(k)
            if kind is MC:
                if first is None:
                    first = k.page
                if k.page == first:
                    kids.append(str(k.mcid))
                else:
                    kids.append(f"<< /Type /MCR /Pg {ref[pages[k.page]][0]} 0 R /MCID {k.mcid} >>")
            elif kind is Annot:
                a, pg = ref[tree.annots[k.page, k.index]][0], ref[pages[k.page]][0]
                kids.append(f"<< /Type /OBJR /Obj {a} 0 R /Pg {pg} 0 R >>")
            else:
                kids.append(f"{ref[tree.names[id(k)]][0]} 0 R")
        out = f"<< /Type /StructElem /S /{elem.tag} /P {ref[self.parent][0]} 0 R"
        if first is not None:
            out += f" /Pg {ref[pages[first]][0]} 0 R"
        out += f" /K [ {' '.join(kids)} ]"
        if elem.scope:
            out += f" /A << /O /Table /Scope /{elem.scope} >>"
        data = out.encode("ascii")
        if elem.alt:
            data += b" /Alt " + PDFString(elem.alt).format(document)
        if elem.lang:
            data += b" /Lang " + PDFString(elem.lang).format(document)
        return data + b" >>"


def write(canv, root, lang: str) -> None:
    """Add the structure tree under ``root`` (a tagging.Elem, the Document) and the PDF/UA
    and PDF/A entries to the document ``canv`` is about to save."""
    _eol_before_endstream()
    doc = canv._doc
    doc.pdfa = True
    pages: list[PDFPage] = list(doc.Pages.pages)
    tree = _Tree([p.__InternalName__ for p in pages])
    annots = {
        (i, j): doc.idToObject[ref.name]
        for i, page in enumerate(pages)
        for j, ref in enumerate(page.Annots or ())
    }
    by_page: list[dict[int, str]] = [{} for _ in pages]  # mcid -> element's object name
    parent_tree: list[tuple[int, str]] = []  # (key, element) for annotations
    next_key = len(pages)

    tree_root = _Text(None)  # formatted below, once its names are known
    root_name = doc.Reference(tree_root).name
    stack = [(root, root_name)]
    while stack:  # the elements in the tree's order, each after its parent
        elem, parent = stack.pop()
        name = tree.names[id(elem)] = doc.Reference(_Element(tree, elem, parent)).name
        below = []
        for k in elem.kids:
            kind = type(k)
            if kind is MC:
                by_page[k.page][k.mcid] = name
            elif kind is Annot:
                annot = annots.pop((k.page, k.index))
                if not hasattr(annot, "otherkw"):
                    raise ValueError(f"a link the tags cannot name: {annot!r}")
                annot.permitted = (*annot.permitted, "StructParent")
                annot.otherkw["StructParent"] = next_key
                annot.Contents = f"Gå till {k.text}" if k.text else "Gå till avsnittet"
                tree.annots[k.page, k.index] = annot.__InternalName__
                parent_tree.append((next_key, name))
                next_key += 1
            else:
                below.append((k, name))
        stack.extend(reversed(below))
    if annots:  # an annotation no element claimed: a bug
        raise ValueError(f"annotations without their structure element: {sorted(annots)}")
    arrays = []
    for i, marked in enumerate(by_page):
        names = [marked[m] for m in range(len(marked))]
        arrays.append(doc.Reference(_Text(lambda d, names=names: _array(d, names))).name)
        _page_with(pages[i], StructParents=i, Tabs=PDFName("S"))
    for page in pages:
        for ref in page.Annots or ():
            annot = doc.idToObject[ref.name]
            annot.otherkw["F"] = 4  # printed (PDF/A)

    def fmt_parent_tree(document):
        ref = document.idToObjectNumberAndVersion
        nums = [f"{i} {ref[a][0]} 0 R" for i, a in enumerate(arrays)]
        nums += [f"{key} {ref[e][0]} 0 R" for key, e in parent_tree]
        return f"<< /Nums [ {' '.join(nums)} ] >>".encode("ascii")

    parent_tree_name = doc.Reference(_Text(fmt_parent_tree)).name
    document_name = tree.names[id(root)]
    tree_root.fmt = lambda document: (
        f"<< /Type /StructTreeRoot /K [ {_ref(document, document_name)} ] "
        f"/ParentTree {_ref(document, parent_tree_name)} /ParentTreeNextKey {next_key} >>"
    ).encode("ascii")

    cat = doc.Catalog
    cat.StructTreeRoot = PDFObjectReference(root_name)
    cat.MarkInfo = PDFDictionary({"Marked": "true"})
    cat.Lang = PDFString(lang)
    cat.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})
    icc = PDFStream(
        PDFDictionary({"N": 3, "Filter": PDFName("FlateDecode")}), content=SRGB_ICC_FLATE
    )
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString("sRGB IEC61966-2.1"),
            "Info": PDFString("sRGB IEC61966-2.1"),
            "DestOutputProfile": doc.Reference(icc),
        }
    )
    if "OutputIntents" not in cat.__NoDefault__:
        cat.__NoDefault__ = [*cat.__NoDefault__, "OutputIntents"]
    cat.OutputIntents = PDFArray([intent])
    info = doc.info
    placeholder = (PDFInfo.subject, "(unspecified)")
    doc.info = _Info(info, None if info.subject in placeholder else info.subject)
    ts = doc._timeStamp
    xmp = _xmp(doc.info, lang, _xmp_date(ts))
    cat.Metadata = PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), content=xmp
    )


def _array(document, names: list[str]) -> bytes:
    ref = document.idToObjectNumberAndVersion
    return ("[ " + " ".join(f"{ref[n][0]} 0 R" for n in names) + " ]").encode("ascii")


_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
{description}
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
<xmp:CreatorTool>{creator}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<pdf:Producer>{producer}</pdf:Producer>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>A</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _xmp(info: _Info, lang: str, date: str) -> bytes:
    """The XMP packet: what the Info dictionary says, with pdfaid and pdfuaid."""
    subject = escape(info.subject, quote=False)
    description = (
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt>'
        "</dc:description>"
        if info.subject
        else ""
    )
    return _XMP.format(
        title=escape(info.title, quote=False),
        author=escape(info.author, quote=False),
        description=description,
        lang=lang,
        creator=escape(info.creator, quote=False),
        date=date,
        producer=escape(info.producer, quote=False),
    ).encode("utf-8")
