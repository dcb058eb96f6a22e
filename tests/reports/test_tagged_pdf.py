"""Every report is tagged PDF/UA-1 and PDF/A-2a, on the demo and on the large förbund.

Each report is built once (a module fixture) into a folder. veraPDF, the PDF Association's
validator (fetched by ./dev.sh test into tests/verapdf/lib), runs once per flavour over the
whole folder; a pikepdf reading (tagged_pdf.problems) checks what veraPDF does not judge.
A report built without tags is in the folder too: it must fail both, so the checks can fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixed_days import DEMO_DAY
from report_helpers import pdf_outline
from tagged_pdf import content, problems, squeeze, structure  # reads the files back with pikepdf

from finsam_desktop import justering, moten, storage
from reports import arshjul, arsredovisning, delarsrapport, kallelse, protokoll, verksamhetsplan
from reports import justering as justering_reports
from reports.pdf import tagging
from reports.pdf.document import Omslag, Rapport
from reports.pdf.structure import srgb_icc

REPO = Path(__file__).resolve().parents[2]
VERAPDF = REPO / "tests" / "verapdf" / "lib"
FLAVOURS = ("ua1", "2a")
REPORTS = (
    "arsredovisning",
    "verksamhetsplan",
    "delarsrapport",
    "kallelse",
    "protokoll",
    "utdrag",
    "arshjul",
)
#: Besides the seven: a protokoll of a meeting not yet held (the "UTKAST" mark on every page),
#: the justeringsversion sent for signing, the anslag once it is justerat, and a report whose
#: paragraph and bullet go on over page breaks, with an English quotation.
DEMO_ONLY = ("protokoll_utkast", "protokoll_justering", "anslag", "long_texts")
LONG_PARAGRAPH = " ".join(
    f"Stycke {i}: förbundet följer upp insatserna varje kvartal och redovisar dem för styrelsen."
    for i in range(140)
)
LONG_BULLET = " ".join(
    f"Punkt {i}: deltagarna får stöd mot arbete eller studier." for i in range(90)
)
ENGLISH = "Supported employment helps people into paid work; the evidence is strong."
CASES = [f"demo_{r}" for r in (*REPORTS, *DEMO_ONLY)] + [f"large_{r}" for r in REPORTS]


def _meeting(ff, held: bool) -> moten.Mote:
    """The latest meeting held by DEMO_DAY whose ärenden all have a §, or the first one not
    yet held that has ärenden."""
    found = sorted(
        (
            m
            for m in moten.moten(ff)
            if (m.datum <= DEMO_DAY) == held
            and (items := moten.arenden(ff, m.id))
            and (all(a.paragraf for a in items) or not held)
        ),
        key=lambda m: m.datum,
    )
    return found[-1] if held else found[0]


def _build_all(ff, folder: Path, prefix: str, *, utkast: bool) -> None:
    m = _meeting(ff, held=True)
    built = {
        "arsredovisning": arsredovisning.build(ff, 2025, today=DEMO_DAY),
        "verksamhetsplan": verksamhetsplan.build(ff, 2027, today=DEMO_DAY),
        "delarsrapport": delarsrapport.build(ff, 2026, today=DEMO_DAY),
        "kallelse": kallelse.build(ff, m.id),
        "protokoll": protokoll.build(ff, m.id, today=DEMO_DAY),
        "utdrag": protokoll.build_utdrag(
            ff, m.id, moten.arenden(ff, m.id)[0].paragraf, today=DEMO_DAY
        ),
    }
    if utkast:
        built["protokoll_utkast"] = protokoll.build(ff, _meeting(ff, held=False).id, today=DEMO_DAY)
        built["long_texts"] = _long_texts(ff)
    for name, data in built.items():
        (folder / f"{prefix}_{name}.pdf").write_bytes(data)
    arshjul.write_arshjul(ff, folder / f"{prefix}_arshjul.pdf", 2026, DEMO_DAY)


def _long_texts(ff) -> bytes:
    r = Rapport(Omslag(ff.forbund_name(), "Långa texter", "2026"), header="Långa texter 2026")
    r.kapitel("Ett stycke över flera sidor")
    r.stycke(LONG_PARAGRAPH)
    r.avsnitt("En punkt över en sidbrytning")
    for text in ("Den första punkten.", LONG_BULLET, "Den sista punkten."):
        r.punkt(text)
    r.avsnitt("Ett citat på engelska")
    r.stycke("Så sammanfattar forskningen arbetssättet:")
    r.stycke(ENGLISH, lang="en-GB")
    return r.build()


def _build_justering(template: Path, folder: Path) -> None:
    """The demo's latest held protokoll frozen for signing, justerat on paper, and its anslag
    (on a copy: the template is shared)."""
    copy = folder.parent / "justering.finsam"
    shutil.copy(template, copy)
    with storage.open_file(copy, storage.OpenOptions(daily_backup=False)) as ff:
        m = _meeting(ff, held=True)
        _j, frozen = justering_reports.skicka(ff, m.id, DEMO_DAY)
        (folder / "demo_protokoll_justering.pdf").write_bytes(frozen)
        signers = [s.namn for s in justering.ute(ff, m.id).signerare]
        justering.bifoga_papper(ff, m.id, frozen, DEMO_DAY, signers, DEMO_DAY)
        (folder / "demo_anslag.pdf").write_bytes(justering_reports.build_anslag(ff, m.id))


@pytest.fixture(scope="module")
def folder(tmp_path_factory, demo_template) -> Path:
    """Every report of the demo and of the large förbund, and the demo's årsredovisning
    built without tags (untagged.pdf)."""
    out = tmp_path_factory.mktemp("tagged")
    ff = storage.open_file(demo_template(), storage.OpenOptions(daily_backup=False))
    try:
        _build_all(ff, out, "demo", utkast=True)
        with tagging.untagged():
            (out / "untagged.pdf").write_bytes(arsredovisning.build(ff, 2025, today=DEMO_DAY))
    finally:
        ff.close()
    _build_justering(demo_template(), out)
    sys.path.insert(0, str(REPO / "bench"))
    from large import make_large

    path = tmp_path_factory.mktemp("large") / "Stort.finsam"
    make_large(path)
    ff = storage.open_file(path, storage.OpenOptions(daily_backup=False))
    try:
        _build_all(ff, out, "large", utkast=False)
    finally:
        ff.close()
    return out


def _page_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; the PDFs cannot be read back")
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")


@pytest.mark.parametrize("case", CASES)
def test_every_report_reads_back_tagged_in_order_with_nothing_lost(folder, case):
    path = folder / f"{case}.pdf"
    found = problems(path, _page_text(path), pdf_outline(path.read_bytes()))
    assert found == []


def test_a_report_built_without_tags_fails_the_checks(folder):
    path = folder / "untagged.pdf"
    found = problems(path, _page_text(path), pdf_outline(path.read_bytes()))
    for expected in ("no structure tree", "DisplayDocTitle", "pdfuaid:part", "OutputIntent"):
        assert any(expected in f for f in found), (expected, found)


def test_tagging_changes_no_text_on_the_pages(folder):
    assert _page_text(folder / "untagged.pdf") == _page_text(folder / "demo_arsredovisning.pdf")


def test_the_draft_mark_stays_visible_as_an_artifact(folder):
    import pikepdf

    path = folder / "demo_protokoll_utkast.pdf"
    with pikepdf.open(path) as pdf:
        c = content(pdf)
        marked = "".join(c.text.values())
    assert "UTKAST" in c.artifact_text and "UTKAST" not in marked
    assert "UTKAST" in _page_text(path)


def test_the_arsredovisning_reads_as_contents_then_chapters(folder):
    import pikepdf

    with pikepdf.open(folder / "demo_arsredovisning.pdf") as pdf:
        doc = structure(pdf).kids[0]
        tags = [k.tag for k in doc.kids]
    # the cover: förbund, title, period, decision, organisationsnummer; then the contents
    assert tags[:7] == ["P", "H1", "P", "P", "P", "H1", "TOC"]
    assert {"H1", "H2", "P", "Table", "Figure", "Caption", "L"} <= set(tags)


@pytest.mark.parametrize(
    "case", [f"{f}_{r}" for f in ("demo", "large") for r in REPORTS[:3]]
)  # the reports with contents
def test_the_contents_read_each_title_then_its_page_number(folder, case):
    """A screen reader reads a contents entry as it is seen: the heading, then its page."""
    import pikepdf

    path = folder / f"{case}.pdf"
    with pikepdf.open(path) as pdf:
        c = content(pdf)
        toc = next(n for n in structure(pdf).walk() if n.tag == "TOC")
        read = [
            squeeze("".join(c.text[k] for k in link.marked()))
            for link in toc.walk()
            if link.tag == "Link"
        ]
    outline = pdf_outline(path.read_bytes())
    assert len(read) == len(outline)
    for (_level, title, page), text in zip(outline, read, strict=True):
        assert re.fullmatch(re.escape(squeeze(title)) + r"\.+" + str(page + 1), text), text


def test_a_paragraph_or_list_item_over_a_page_break_is_one_element(folder):
    """A reader hears a paragraph or bullet that goes on on the next page as one, not as
    two paragraphs."""
    import pikepdf

    with pikepdf.open(folder / "demo_long_texts.pdf") as pdf:
        c = content(pdf)
        tree = structure(pdf)
        read = {
            n.tag: squeeze("".join(c.text[k] for k in n.marked()))
            for n in tree.walk()
            if n.tag in ("P", "LBody") and len({page for page, _ in n.marked()}) > 1
        }
        bullets = [n for n in tree.walk() if n.tag == "LI"]
    assert read == {"P": squeeze(LONG_PARAGRAPH), "LBody": squeeze(LONG_BULLET)}
    assert len(bullets) == 3


def test_a_passage_in_english_is_marked_as_english(folder):
    import pikepdf

    with pikepdf.open(folder / "demo_long_texts.pdf") as pdf:
        c = content(pdf)
        langs = {
            squeeze("".join(c.text[k] for k in n.marked())): str(n.obj.Lang)
            for n in structure(pdf).walk()
            if "/Lang" in n.obj
        }
        document = str(pdf.Root.Lang)
    assert langs == {squeeze(ENGLISH): "en-GB"}
    assert document == "sv-SE"


def test_the_output_intents_profile_is_littlecms_srgb():
    """The sRGB profile every report carries is LittleCMS's (only its creation date differs)."""
    from PIL import ImageCms

    made = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    shipped = srgb_icc()
    assert shipped[:24] + shipped[36:] == made[:24] + made[36:]


# -- veraPDF -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def verapdf(folder) -> dict[str, dict[str, list[str]]]:
    """veraPDF's failed rules by flavour and file (its stem): one run per flavour."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: veraPDF (a Java program) cannot judge the PDFs")
    if not (VERAPDF / "greenfield-apps-1.28.2.jar").exists():
        # where Java is, the judge must be too: a skip here would hide a failed set-up
        pytest.fail(
            "veraPDF is not fetched: ./dev.sh test copies it into tests/verapdf/lib with "
            "Maven (mvn); run it, or `mvn -f tests/verapdf/pom.xml dependency:copy-dependencies`"
        )
    files = sorted(str(p) for p in folder.glob("*.pdf"))
    out: dict[str, dict[str, list[str]]] = {}
    for flavour in FLAVOURS:
        run = subprocess.run(
            ["java", "-Xmx1g", "-cp", f"{VERAPDF}/*", "org.verapdf.apps.GreenfieldCliWrapper",
             "--flavour", flavour, "--format", "json", *files],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        report = json.loads(run.stdout)
        out[flavour] = {}
        for job in report["report"]["jobs"]:
            name = Path(job["itemDetails"]["name"]).stem
            results = job.get("validationResult")
            if not results:
                out[flavour][name] = [f"veraPDF could not read it: {job.get('taskException')}"]
                continue
            results = results if isinstance(results, list) else [results]
            out[flavour][name] = [
                f"{r['clause']}-{r['testNumber']}: {r['description']} ({r['failedChecks']}×)"
                for result in results
                for r in result["details"]["ruleSummaries"]
                if r.get("failedChecks", 0) > 0
            ] + [f"not compliant: {result['profileName']}" for result in results
                 if not result["compliant"] and not result["details"]["ruleSummaries"]]  # fmt: skip
    return out


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("case", CASES)
def test_verapdf_finds_no_failed_rule(verapdf, flavour, case):
    failed = verapdf[flavour][case]
    assert failed == [], "\n".join(failed)


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_verapdf_fails_a_report_built_without_tags(verapdf, flavour):
    assert verapdf[flavour]["untagged"]


def test_a_table_over_pages_is_one_table_with_its_heading_row_once(folder):
    """The large förbund's tables run over pages: one Table, its heading row repeated on
    each page for the eye but as an artifact, so a reader hears it once."""
    import pikepdf

    with pikepdf.open(folder / "large_arsredovisning.pdf") as pdf:
        tables = [n for n in structure(pdf).walk() if n.tag == "Table"]
        spans = [len({page for page, _ in t.marked()}) for t in tables]
        long = tables[spans.index(max(spans))]
        heads = [n for n in long.walk() if n.tag == "TR" and n in _head_rows(long)]
    assert max(spans) >= 2
    assert len(heads) == 1


def _head_rows(table):
    return [r for n in table.kids if getattr(n, "tag", "") == "THead" for r in n.kids]
