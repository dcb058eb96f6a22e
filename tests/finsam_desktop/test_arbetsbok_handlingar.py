"""The arbetsbok carries every document sent for signing, not only the protokoll: the utdrag of
one §, and the årsredovisning signed by the styrelse, each with its own versions. Signed with
pyHanko by a CA made in the test (tests/signing.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from fixed_days import DEMO_DAY
from openpyxl import load_workbook
from signing import TestCA

from finsam_desktop import justering, moten, storage
from finsam_desktop.arbetsbok import WorkbookError, export_workbook, import_workbook
from finsam_desktop.justering import Handling
from finsam_desktop.model import MoteTyp
from reports.justering import skicka

KEYED = ["Justeringar", "Justeringssignerare", "Justeringsfiler"]


@pytest.fixture(scope="module")
def ca() -> TestCA:
    return TestCA()


def _latest_held(ff) -> moten.Mote:
    return next(
        m
        for m in moten.moten(ff)
        if m.typ is MoteTyp.STYRELSEMOTE and m.datum <= DEMO_DAY and m.justerat is None
    )


def _sign(ff, ca, h: Handling) -> justering.Justering:
    j, pdf = skicka(ff, h, DEMO_DAY)
    return justering.ta_emot(ff, h, ca.sign_all(pdf, [s.namn for s in j.signerare]), idag=DEMO_DAY)


def _utdrag_paragraf(ff, mote_id: int) -> int:
    """The § of the meeting's beslut on the årsredovisning 2025."""
    return next(
        a.paragraf
        for a in moten.arenden(ff, mote_id)
        if a.paragraf is not None and a.rubrik.startswith("Årsredovisning 2025")
    )


@pytest.fixture
def signed(demo, ca):
    """The demo with three documents signed: the latest held meeting's protokoll justerat;
    at the justerat meeting that decided the årsredovisning 2025, the utdrag of that § (version
    1 withdrawn, version 2 signed) and the årsredovisning 2025 itself (version 1: the same
    meeting and version number as the utdrag's first). (file, the documents)"""
    justering.lagg_till_utfardare(demo, ca.pem)
    protokoll = Handling(_latest_held(demo).id)
    arsred = justering.arsredovisning(demo, 2025)
    assert arsred is not None
    assert moten.mote(demo, arsred.mote_id).justerat is not None  # a justerat demo protokoll
    utdrag = Handling.utdrag(arsred.mote_id, _utdrag_paragraf(demo, arsred.mote_id))
    skicka(demo, utdrag, DEMO_DAY)
    justering.aterkalla(demo, utdrag)
    for h in (protokoll, utdrag, arsred):
        _sign(demo, ca, h)
    return demo, [protokoll, utdrag, arsred]


def _versions(ff, h: Handling) -> list[tuple]:
    """Each version of the document as a person sees it: status, signers, check, dates, and
    the frozen and original files' bytes."""
    return [
        (
            dataclasses.replace(j, id=0),
            justering.frozen_pdf(ff, j.id),
            justering.original(ff, j.id),
        )
        for j in justering.justeringar(ff, h)
    ]


def _snapshot(ff) -> dict[str, list[tuple]]:
    tables = [
        r["name"]
        for r in ff.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: sorted(ff.conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def _rows(path: Path, sheet: str) -> list[dict]:
    ws = load_workbook(path)[sheet]
    header = [c.value for c in ws[1]]
    return [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]


def _refused(path: Path, tmp_path: Path) -> list[tuple]:
    """Import ``path`` into a new file, expect a refusal and nothing imported: the problems."""
    with storage.create_file(tmp_path / "Ny.finsam", namn="Tomt") as new:
        before = _snapshot(new)
        with pytest.raises(WorkbookError) as caught:
            import_workbook(new, path)
        assert _snapshot(new) == before
    return [(p.sheet, p.row, p.column, p.message) for p in caught.value.problems]


def test_every_document_comes_back_as_itself_with_its_status_signers_and_original(signed, tmp_path):
    ff, handlingar = signed
    protokoll, utdrag, arsred = handlingar
    before = {h: _versions(ff, h) for h in handlingar}
    assert [len(v) for v in before.values()] == [1, 2, 1]
    assert [j.status for j, _, _ in before[utdrag]] == ["justerad", "aterkallad"]
    assert all(v[0][0].status == "justerad" and v[0][2] for v in before.values())
    book = tmp_path / "arbetsbok.xlsx"
    export_workbook(ff, book)

    # the workbook says which document each version is
    shown = [
        (r["Möte nr"], r["Handling"], r["§"], r["År"], r["Version"], r["Status"])
        for r in _rows(book, "Justeringar")
    ]
    assert shown == [
        (arsred.mote_id, "Protokollsutdrag", utdrag.paragraf, None, 1, "Återkallad"),
        (arsred.mote_id, "Protokollsutdrag", utdrag.paragraf, None, 2, "Justerad"),
        (arsred.mote_id, "Årsredovisning", None, 2025, 1, "Justerad"),
        (protokoll.mote_id, "Protokoll", None, None, 1, "Justerad"),
    ]
    for sheet in ("Justeringssignerare", "Justeringsfiler"):
        assert {r["Handling"] for r in _rows(book, sheet)} == {
            "Protokoll",
            "Protokollsutdrag",
            "Årsredovisning",
        }

    with storage.create_file(tmp_path / "Ny.finsam", namn="Tomt") as new:
        import_workbook(new, book)
        for h in handlingar:
            assert _versions(new, h) == before[h], h
        assert (
            moten.mote(new, protokoll.mote_id).justerat
            == moten.mote(ff, protokoll.mote_id).justerat
        )
        # nothing else became a document: every version is one of the three
        assert new.scalar("SELECT count(*) FROM justering") == 4
        # the årsredovisning's signers are the styrelse, the utdrag's the sekreterare
        j = justering.senaste(new, arsred)
        assert len(j.signerare) > 1 and all(s.signerat for s in j.signerare)
        assert [s.roll for s in justering.senaste(new, utdrag).signerare] == ["sekreterare"]
        # and the next version of each counts on from its own
        assert justering.nasta_version(new, utdrag) == 3
        assert justering.nasta_version(new, arsred) == 2


def _blank(path: Path, sheets: list[str], header: str, where) -> list[tuple[str, int]]:
    """Empty the ``header`` cell of the rows ``where`` picks on ``sheets``; the cells."""
    wb = load_workbook(path)
    emptied = []
    for sheet in sheets:
        ws = wb[sheet]
        headers = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            if where(dict(zip(headers, (c.value for c in row), strict=True))):
                row[headers.index(header)].value = None
                emptied.append((sheet, row[0].row))
    wb.save(path)
    return emptied


def test_an_utdrag_without_its_paragraf_is_refused_at_each_cell_and_nothing_imported(
    signed, tmp_path
):
    ff, _ = signed
    book = tmp_path / "arbetsbok.xlsx"
    export_workbook(ff, book)
    emptied = _blank(book, KEYED, "§", lambda r: r["Handling"] == "Protokollsutdrag")
    assert {sheet for sheet, _ in emptied} == set(KEYED)
    message = "Ett protokollsutdrag gäller en §: skriv paragrafens nummer."
    assert _refused(book, tmp_path) == [(sheet, row, "§", message) for sheet, row in emptied]


def test_the_rules_of_each_document_are_checked_per_document(signed, tmp_path):
    ff, (_protokoll, utdrag, arsred) = signed
    book = tmp_path / "arbetsbok.xlsx"
    export_workbook(ff, book)
    wb = load_workbook(book)
    ws = wb["Justeringar"]
    header = [c.value for c in ws[1]]
    m, p = arsred.mote_id, utdrag.paragraf
    first = next(
        r[0].row
        for r in ws.iter_rows(min_row=2)
        if r[header.index("Handling")].value == "Årsredovisning"
    )

    def add(**values) -> int:
        row = [None] * len(header)
        for k, v in {"Möte nr": m, "Skickad": DEMO_DAY, "Status": "Återkallad", **values}.items():
            row[header.index(k)] = v
        ws.append(row)
        return ws.max_row

    # already version 1 of the årsredovisning 2025
    again = add(Handling="Årsredovisning", År=2025, Version=1)
    no_year = add(Handling="Årsredovisning", Version=2)
    with_paragraf = add(Handling="Protokoll", **{"§": 3}, Version=1)
    posted = add(Handling="Årsredovisning", År=2024, Version=1)
    ws.cell(row=posted, column=header.index("Anslag uppsatt") + 1, value=DEMO_DAY)
    ws.cell(row=posted, column=header.index("Anslag nedtaget") + 1, value=DEMO_DAY)
    # one version out per document: the utdrag's and the protokoll's of the same meeting
    # may both be out, two of the utdrag's may not
    out = add(Handling="Protokollsutdrag", **{"§": p}, Version=3, Status="Ute för underskrift")
    add(Handling="Protokoll", Version=2, Status="Ute för underskrift")
    out_too = add(Handling="Protokollsutdrag", **{"§": f"§ {p}"}, Version=4,
                  Status="Ute för underskrift")  # fmt: skip
    wb.save(book)
    j = "Justeringar"
    assert _refused(book, tmp_path) == [
        (j, again, "Version", f"Version 1 av årsredovisningen 2025 (möte nr {m}) finns redan "
         f"på rad {first}."),
        (j, no_year, "År", "En årsredovisning gäller ett år: skriv året, till exempel 2025."),
        (j, with_paragraf, "§", "Bara ett protokollsutdrag har en §; lämna cellen tom för ett "
         "protokoll."),
        (j, posted, "Anslag uppsatt", "Bara ett protokoll anslås; lämna anslagets datum tomma "
         "för en årsredovisning."),
        (j, out_too, "Status", f"Bara en version av utdraget § {p} ur protokollet för möte nr "
         f"{m} kan vara ute; rad {out} är redan ute."),
    ]  # fmt: skip


def test_a_workbook_from_before_utdrag_and_arsredovisning_reads_its_justeringar_as_protokoll(
    demo, ca, tmp_path
):
    justering.lagg_till_utfardare(demo, ca.pem)
    m = _latest_held(demo)
    skicka(demo, m.id, DEMO_DAY)
    justering.aterkalla(demo, m.id)
    _sign(demo, ca, Handling(m.id))
    before = _versions(demo, Handling(m.id))
    book = tmp_path / "arbetsbok.xlsx"
    export_workbook(demo, book)
    wb = load_workbook(book)
    for sheet in KEYED:  # as the previous version wrote them: without the three columns
        ws = wb[sheet]
        for header in ("År", "§", "Handling"):
            ws.delete_cols([c.value for c in ws[1]].index(header) + 1)
    wb.save(book)
    for sheet in KEYED:
        assert not {"Handling", "§", "År"} & set(_rows(book, sheet)[0])

    with storage.create_file(tmp_path / "Ny.finsam", namn="Tomt") as new:
        import_workbook(new, book)
        assert _versions(new, Handling(m.id)) == before
        assert [j.status for j, _, _ in before] == ["justerad", "aterkallad"]
        assert moten.mote(new, m.id).justerat == moten.mote(demo, m.id).justerat
        assert new.scalar("SELECT count(*) FROM justering WHERE dokument <> 'protokoll'") == 0
