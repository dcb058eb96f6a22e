"""Reading a tagged PDF back with pikepdf: its structure tree, the text of its marked
content, and the checks a tagged report must pass (:func:`problems`), independent of the
code that wrote the tags."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Name

PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do"}


@dataclass
class Node:
    tag: str
    obj: pikepdf.Dictionary
    kids: list = field(default_factory=list)  # Node | (page index, mcid) | "OBJR"

    def walk(self):
        yield self
        for k in self.kids:
            if isinstance(k, Node):
                yield from k.walk()

    def marked(self):
        """The (page, mcid) of this element and those below it, in structure order."""
        for k in self.kids:
            if isinstance(k, Node):
                yield from k.marked()
            elif isinstance(k, tuple):
                yield k


@dataclass
class Content:
    """What the pages paint: each MCID's text, artifacts' text, painting nobody marked."""

    text: dict[tuple[int, int], str] = field(default_factory=dict)
    order: list[tuple[int, int]] = field(default_factory=list)  # MCIDs in content order
    artifact_text: str = ""
    unmarked: list[str] = field(default_factory=list)  # "page N: operator"
    nested: list[str] = field(default_factory=list)  # an MCID in an artifact or the reverse


def structure(pdf: pikepdf.Pdf) -> Node | None:
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return None
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}

    def node(d, page=None) -> Node:
        n = Node(str(d.S)[1:], d)
        pg = d.get("/Pg")
        page = pages[pg.objgen] if pg is not None else page
        kids = d.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        for k in kids:
            if isinstance(k, int):
                n.kids.append((page, int(k)))
            elif k.get("/Type") == Name.MCR:
                kp = k.get("/Pg")
                n.kids.append((pages[kp.objgen] if kp is not None else page, int(k.MCID)))
            elif k.get("/Type") == Name.OBJR:
                n.kids.append("OBJR")
            else:
                n.kids.append(node(k, page))
        return n

    top = Node("StructTreeRoot", root)
    kids = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
    top.kids = [node(k) for k in kids]
    return top


def _cmap(font) -> dict[int, str]:
    tu = font.get("/ToUnicode")
    if tu is None:
        return {}
    text = tu.read_bytes().decode("latin-1")
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for a, b, dst in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start = int.from_bytes(bytes.fromhex(dst), "big")
            for i, code in enumerate(range(int(a, 16), int(b, 16) + 1)):
                out[code] = chr(start + i)
    return out


def content(pdf: pikepdf.Pdf) -> Content:
    c = Content()
    for pi, page in enumerate(pdf.pages):
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        maps = {str(k): _cmap(v) for k, v in fonts.items()}
        cmap: dict[int, str] = {}
        stack: list[object] = []  # an MCID (int), "Artifact", or None (other marks)
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if op == "BDC" else None
                if tag == "/Artifact":
                    if any(isinstance(s, int) for s in stack):
                        c.nested.append(f"page {pi + 1}: an artifact inside tagged content")
                    stack.append("Artifact")
                elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    mcid = int(props.MCID)
                    if "Artifact" in stack:
                        c.nested.append(f"page {pi + 1}: MCID {mcid} inside an artifact")
                    if (pi, mcid) in c.text:
                        c.nested.append(f"page {pi + 1}: MCID {mcid} twice")
                    stack.append(mcid)
                    c.text[(pi, mcid)] = ""
                    c.order.append((pi, mcid))
                else:
                    stack.append(None)
            elif op == "EMC":
                stack.pop()
            elif op == "Tf":
                cmap = maps.get(str(operands[0]), {})
            if op in PAINTING:
                mcid = next((s for s in reversed(stack) if isinstance(s, int)), None)
                if mcid is None and "Artifact" not in stack:
                    c.unmarked.append(f"page {pi + 1}: {op}")
                if op in ("Tj", "TJ", "'", '"'):
                    strings = operands[-1] if op == "TJ" else [operands[-1]]
                    text = "".join(
                        cmap.get(b, "")
                        for s in strings
                        if isinstance(s, pikepdf.String)
                        for b in bytes(s)
                    )
                    if mcid is not None:
                        c.text[(pi, mcid)] += text
                    else:
                        c.artifact_text += text
    return c


def fonts_not_embedded(pdf: pikepdf.Pdf) -> list[str]:
    bad = []
    for page in pdf.pages:
        for name, font in page.obj.get("/Resources", {}).get("/Font", {}).items():
            desc = font
            if font.get("/Subtype") == Name.Type0:
                desc = font.DescendantFonts[0]
            fd = desc.get("/FontDescriptor")
            if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                bad.append(f"{name} {font.get('/BaseFont')}: not embedded")
            if "/ToUnicode" not in font:
                bad.append(f"{name} {font.get('/BaseFont')}: no ToUnicode")
    return sorted(set(bad))


def squeeze(text: str) -> str:
    return "".join(text.split())


def problems(path, page_text: str, outline: list[tuple[int, str, int]]) -> list[str]:
    """What keeps the tagged PDF at ``path`` from being what the reports promise; empty when
    nothing. ``page_text`` is the text pdftotext reads on its pages, ``outline`` its
    bookmarks (level from 0, title, page)."""
    found: list[str] = []
    with pikepdf.open(path) as pdf:
        cat = pdf.Root
        if str(cat.get("/Lang", "")) != "sv-SE":
            found.append("the document has no /Lang sv-SE")
        if not bool(cat.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
            found.append("DisplayDocTitle is not true")
        if not bool(cat.get("/MarkInfo", {}).get("/Marked", False)):
            found.append("MarkInfo Marked is not true")
        if any(p.obj.get("/Tabs") != Name.S for p in pdf.pages):
            found.append("a page without /Tabs /S")
        found += _metadata(pdf)
        found += fonts_not_embedded(pdf)
        tree = structure(pdf)
        if tree is None:
            return [*found, "no structure tree"]
        c = content(pdf)
        found += c.unmarked[:5] + c.nested[:5]
        found += _parent_tree(pdf, tree, c)
        found += _elements(tree)
        found += _headings(tree, c, outline)
        found += _text(tree, c, page_text)
    return found


def _metadata(pdf: pikepdf.Pdf) -> list[str]:
    found = []
    meta = pdf.open_metadata()
    want = {"pdfaid:part": "2", "pdfaid:conformance": "A", "pdfuaid:part": "1"}
    for key, value in want.items():
        if str(meta.get(key, "")) != value:
            found.append(f"XMP {key} is {meta.get(key)!r}, not {value!r}")
    title = str(pdf.docinfo.get("/Title", ""))
    if not title or meta.get("dc:title") != title:
        found.append(f"XMP dc:title {meta.get('dc:title')!r} is not the title {title!r}")
    if "/OutputIntents" not in pdf.Root:
        found.append("no OutputIntent")
    return found


def _parent_tree(pdf: pikepdf.Pdf, tree: Node, c: Content) -> list[str]:
    found = []
    owner: dict[tuple[int, int], pikepdf.Object] = {}
    for n in tree.walk():
        for k in n.kids:
            if isinstance(k, tuple):
                if k in owner:
                    found.append(f"MCID {k} belongs to two elements")
                owner[k] = n.obj
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for key in c.order:
        page, mcid = key
        sp = pdf.pages[page].obj.get("/StructParents")
        arr = parents.get(int(sp)) if sp is not None else None
        if arr is None or mcid >= len(arr):
            found.append(f"page {page + 1} MCID {mcid} is not in the ParentTree")
        elif key not in owner or arr[mcid].objgen != owner[key].objgen:
            found.append(f"page {page + 1} MCID {mcid}: the ParentTree names another element")
    missing = set(owner) - set(c.order)
    if missing:
        found.append(f"the tree names marked content no page has: {sorted(missing)[:5]}")
    return found[:10]


def _elements(tree: Node) -> list[str]:
    found = []
    for n in tree.walk():
        if n.tag == "Figure" and not str(n.obj.get("/Alt", "")).strip():
            found.append("a Figure without Alt")
        if n.tag == "Table":
            ths = [x for x in n.walk() if x.tag == "TH"]
            if not ths:
                found.append("a Table without TH")
            for th in ths:
                scope = th.obj.get("/A", {}).get("/Scope")
                if scope not in (Name.Column, Name.Row, Name.Both):
                    found.append("a TH without Scope")
                    break
        if n.tag == "L" and not all(isinstance(k, Node) and k.tag == "LI" for k in n.kids):
            found.append("an L with kids other than LI")
        if n.tag == "TR" and not all(isinstance(k, Node) and k.tag in ("TH", "TD") for k in n.kids):
            found.append("a TR with kids other than TH and TD")
    doc = [k for k in tree.kids if isinstance(k, Node)]
    if [d.tag for d in doc] != ["Document"]:
        found.append(f"the tree's root holds {[d.tag for d in doc]}, not one Document")
    return found


def _headings(tree: Node, c: Content, outline) -> list[str]:
    found = []
    heads = []
    for n in tree.walk():
        if re.fullmatch(r"H[1-6]", n.tag):
            text = squeeze("".join(c.text.get(k, "") for k in n.marked()))
            heads.append((int(n.tag[1]), text))
    if not heads:
        return ["no headings"]
    if heads[0][0] != 1:
        found.append(f"the first heading is an H{heads[0][0]}")
    for (a, _), (b, text) in itertools.pairwise(heads):
        if b > a + 1:
            found.append(f"H{a} followed by H{b} ({text!r}): a level skipped")
    # the bookmarks (the contents' entries) are headings, in the same order and levels
    i = 0
    for level, title, _page in outline:
        want = (level + 1, squeeze(title))
        while i < len(heads) and heads[i] != want:
            i += 1
        if i == len(heads):
            found.append(f"the bookmark {want} is no heading in the contents' order")
            break
        i += 1
    return found


def _text(tree: Node, c: Content, page_text: str) -> list[str]:
    """The text read in structure order is the text on the pages: none lost, none twice."""
    found = []
    in_structure = "".join(c.text.get(k, "") for k in tree.marked())
    in_content = "".join(c.text[k] for k in c.order)
    if squeeze(in_structure) != squeeze(in_content):
        found.append("the structure's reading order is not the pages' order of content")
    on_page = Counter(squeeze(page_text.replace("\u00a0", " ")))
    read = Counter(squeeze(in_structure)) + Counter(squeeze(c.artifact_text))
    if on_page != read:
        lost = on_page - read
        twice = read - on_page
        found.append(
            f"text lost {dict(lost.most_common(8))}, text doubled {dict(twice.most_common(8))}"
        )
    return found
