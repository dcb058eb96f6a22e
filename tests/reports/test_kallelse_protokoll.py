"""Kallelse, protokoll and protokollsutdrag read back from the PDF with pdftotext."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fixed_days import DEMO_DAY
from report_helpers import normalized, pdf_fonts, pdf_pages, read_pages

from finsam_desktop import cli, moten
from finsam_desktop.errors import Refusal
from finsam_desktop.model import MoteTyp, Roll
from finsam_desktop.storage import OpenOptions, open_file
from reports import kallelse, protokoll


def _styrelsemote(ff, justerat: bool) -> moten.Mote:
    found = [
        m
        for m in moten.moten(ff, 2026)
        if m.typ is MoteTyp.STYRELSEMOTE and (m.justerat is not None) == justerat
    ]
    return found[-1]


def test_the_kallelse_names_everyone_called_the_time_place_and_items_with_underlag(demo, tmp_path):
    m = _styrelsemote(demo, justerat=False)
    pages = pdf_pages(kallelse.build(demo, m.id), tmp_path)
    text = normalized(" ".join(pages))
    assert "Kallelse till styrelsemöte" in text
    assert m.plats in text and m.starttid in text and m.datum.isoformat() in text
    for n in moten.narvaro(demo, m.id):
        assert n.person in text
    assert "Ersättare" in text and "Ledamot" in text
    for a in moten.arenden(demo, m.id):
        assert a.rubrik.split()[0] in text
        if a.underlag:
            assert normalized(a.underlag)[:25] in text
    assert f"Sida 1 av {len(pages)}" in normalized(pages[0])
    # the demo's förbundschef keeps the protokoll: förhinder go to her, and she signs
    assert m.sekreterare == "Helena Strand"
    assert "Meddela förhinder till Helena Strand i god tid." in text
    assert "Välkomna! Helena Strand, sekreterare" in text


def test_the_protokoll_has_narvaro_every_paragraph_and_the_justering(demo, tmp_path):
    m = _styrelsemote(demo, justerat=True)
    moten_arenden = moten.arenden(demo, m.id)
    # write a discussion the way the user does, and read it back
    moten.oppna_for_rattelse(demo, m.id, "Diskussionen saknades i § 2", m.justerat)
    moten.andra_arende(demo, moten_arenden[1].id, "diskussion", "Ledamöterna diskuterade.")
    moten.andra_mote(demo, m.id, "sekreterare", "Karin Kansli")
    moten.andra_mote(demo, m.id, "justerat", m.justerat)
    text = normalized(" ".join(pdf_pages(protokoll.build(demo, m.id, DEMO_DAY), tmp_path)))
    assert "Sekreterare: Karin Kansli" in text
    assert (
        f"Rättelser Protokollet, justerat {m.justerat.isoformat()}, öppnades för rättelse "
        f"{m.justerat.isoformat()}: Diskussionen saknades i § 2"
    ) in text
    for group in ("Ledamöter", "Tjänstgörande ersättare", "Frånvarande"):
        assert group in text
    for a in moten_arenden:
        assert f"§ {a.paragraf} {a.rubrik}"[:30] in text
    assert "Ledamöterna diskuterade." in text
    assert f"Justerat {m.justerat.isoformat()}" in text
    for roll in ("Ordförande:", "Justerare:", "Sekreterare"):
        assert roll in text
    for _, namn in moten.justerare(demo, m.id):
        assert namn in text
    assert "Beslutför" in text


def test_a_protokoll_not_yet_justerat_says_so(demo, tmp_path):
    m = _styrelsemote(demo, justerat=False)
    text = normalized(" ".join(pdf_pages(protokoll.build(demo, m.id, DEMO_DAY), tmp_path)))
    assert "Ej justerat" in text


def test_a_protokollsutdrag_holds_one_paragraph(demo, tmp_path):
    m = _styrelsemote(demo, justerat=True)
    items = moten.arenden(demo, m.id)
    one = next(a for a in items if a.beslut)
    data = protokoll.build_utdrag(demo, m.id, one.paragraf, DEMO_DAY)
    text = normalized(" ".join(pdf_pages(data, tmp_path)))
    assert "Protokollsutdrag" in text and f"§ {one.paragraf} {one.rubrik}"[:30] in text
    assert normalized(one.beslut)[:30] in text
    others = [a for a in items if a.id != one.id]
    assert all(f"§ {a.paragraf} " not in text for a in others)
    assert f"justerades {m.justerat.isoformat()}" in text


def test_kallelse_protokoll_and_utdrag_embed_every_font_they_use(demo, tmp_path):
    m = _styrelsemote(demo, justerat=True)
    one = moten.arenden(demo, m.id)[0]
    for data in (
        kallelse.build(demo, m.id),
        protokoll.build(demo, m.id, DEMO_DAY),
        protokoll.build_utdrag(demo, m.id, one.paragraf, DEMO_DAY),
    ):
        used = pdf_fonts(data, tmp_path)
        assert used and all(used.values()), used  # Helvetica came in unembedded before
        assert all("DejaVuSans" in name for name in used)


def test_user_text_is_never_markup(demo, tmp_path):
    m = moten.nytt_mote(demo, MoteTyp.STYRELSEMOTE, dt.date(2026, 12, 20), "9", "Rum <b>&")
    a = moten.nytt_arende(demo, m, "Ärende <i>kursivt</i> & annat")
    moten.andra_arende(demo, a, "beslut", "Beslut <br/> & mer")
    for data in (kallelse.build(demo, m), protokoll.build(demo, m)):
        text = normalized(" ".join(pdf_pages(data, tmp_path)))
        assert "<i>kursivt</i> & annat" in text


def test_a_meeting_that_does_not_exist_is_a_swedish_error(demo):
    with pytest.raises(Refusal, match=r"^Det finns inget möte med id 99999\.$"):
        kallelse.build(demo, 99999)
    with pytest.raises(ValueError, match="--meeting"):
        protokoll.build(demo, None)


def test_the_command_line_lists_meetings_and_writes_kallelse_and_protokoll(
    demo_path, tmp_path, capsys
):
    assert cli.main(["list", str(demo_path), "moten", "--year", "2026"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert any("Styrelsemöte" in line and "justerat" in line for line in listed)
    first_id = int(next(line for line in listed if "Styrelsemöte" in line).split()[0])
    for kind in ("kallelse", "protokoll"):
        out = tmp_path / f"{kind}.pdf"
        args = ["report", str(demo_path), kind, "--meeting", str(first_id), "--out", str(out)]
        assert cli.main(args) == 0
        assert out.read_bytes().startswith(b"%PDF")
    assert cli.main(["report", str(demo_path), "kallelse", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "--meeting" in capsys.readouterr().err


def _two_styrelsemoten(ff) -> tuple[moten.Mote, moten.Mote]:
    held = [m for m in moten.moten(ff, 2026) if m.typ is MoteTyp.STYRELSEMOTE and m.justerat]
    return held[-1], held[0]  # the year's first and its last justerat


def test_an_utdrag_is_asked_for_by_the_meeting_and_its_paragraf_as_printed(
    demo_path, tmp_path, capsys
):
    with open_file(demo_path, OpenOptions(read_only=True, daily_backup=False)) as ff:
        first, last = _two_styrelsemoten(ff)
        items = moten.arenden(ff, last.id)
        one = next(a for a in items if a.beslut)
        other = moten.arenden(ff, first.id)[0]  # § 1, of the year's first meeting
    assert cli.main(["list", str(demo_path), "moten", "--year", "2026"]) == 0
    listed = capsys.readouterr().out.splitlines()
    [line] = [x for x in listed if x.split()[0] == str(last.id)]
    assert moten.paragrafer([a.paragraf for a in items]) in line  # "§ 43–52": what to give
    out = tmp_path / "utdrag.pdf"
    args = ["report", str(demo_path), "protokoll", "--meeting", str(last.id), "--out", str(out)]
    assert cli.main([*args, "--arende", str(one.paragraf)]) == 0
    text = normalized(" ".join(pdf_pages(out.read_bytes(), tmp_path)))
    assert f"Protokollsutdrag styrelsemöte {last.datum.isoformat()}" in text
    assert f"§ {one.paragraf} {one.rubrik}"[:30] in text and normalized(one.beslut)[:30] in text
    capsys.readouterr()
    # the § of another meeting, or the database id of one of this meeting's ärenden: refused
    out.unlink()
    for wrong in (other.paragraf, one.id):
        assert wrong not in {a.paragraf for a in items}
        assert cli.main([*args, "--arende", str(wrong)]) == 2
        assert capsys.readouterr().err == (
            f"finsam: Styrelsemöte {last.datum.isoformat()} har ingen § {wrong}. "
            f"Mötets paragrafer är {moten.paragrafer([a.paragraf for a in items])}.\n"
        )
        assert not out.exists()
    assert cli.main([*args[:3], "--arende", str(one.paragraf), "--out", str(out)]) == 2
    assert "--meeting" in capsys.readouterr().err


def test_a_paragraf_printed_twice_in_a_meeting_is_no_utdrag(demo):
    m = _styrelsemote(demo, justerat=False)
    a, b = moten.arenden(demo, m.id)[:2]
    moten.andra_arende(demo, b.id, "paragraf", a.paragraf or 7)
    moten.andra_arende(demo, a.id, "paragraf", a.paragraf or 7)
    n = a.paragraf or 7
    with pytest.raises(Refusal, match=rf"^§ {n} står på 2 ärenden i Styrelsemöte .*numreringen"):
        protokoll.build_utdrag(demo, m.id, n)
    with pytest.raises(Refusal, match=r"^Ärendet har ingen §"):
        protokoll.build_utdrag(demo, m.id, None)


def test_a_protokoll_of_a_meeting_not_yet_held_is_an_utkast_on_every_page_without_quorum(
    demo, tmp_path
):
    [m] = [
        m for m in moten.moten(demo, 2026) if m.typ is MoteTyp.STYRELSEMOTE and m.datum > DEMO_DAY
    ]
    assert not any(n.registrerad for n in moten.narvaro(demo, m.id))  # nobody came yet
    pages = read_pages(protokoll.build(demo, m.id, DEMO_DAY), tmp_path)
    assert pages and all("UTKAST" in p for p in pages)
    assert f"UTKAST – mötet {m.datum.isoformat()} är inte hållet" in pages[0]
    text = " ".join(pages)
    assert "Beslutför" not in text and "beslutför:" not in text.lower()
    assert "Frånvarande" not in text and "Tjänstgörande ersättare" not in text
    assert (
        f"Utkast före mötet {m.datum.isoformat()}: närvaro och beslutförhet antecknas vid mötet."
    ) in text
    assert "Kallade Namn Uppdrag Utsedd av" in text
    for n in moten.narvaro(demo, m.id):
        assert n.person in text
    # a förhinder told before the meeting is said, still without a quorum
    ledamot = next(n for n in moten.narvaro(demo, m.id) if n.roll is Roll.LEDAMOT)
    moten.satt_narvaro(demo, m.id, ledamot.uppdrag_id, False)
    text = " ".join(read_pages(protokoll.build(demo, m.id, DEMO_DAY), tmp_path))
    uppdrag = ledamot.funktion.label if ledamot.funktion else "Ledamot"
    assert f"{ledamot.person} {uppdrag}, anmält förhinder {ledamot.medlem}" in text
    assert "Beslutför" not in text
    # on the day of the meeting it is the protokoll: no mark, närvaro and the quorum
    pages = read_pages(protokoll.build(demo, m.id, m.datum), tmp_path)
    assert not any("UTKAST" in p for p in pages)
    text = " ".join(pages)
    assert "Beslutför: 5 av 5 ledamöter tjänstgör" in text  # an ersättare serves
    assert f"Frånvarande {ledamot.person}, ledamot" in text


def test_an_utdrag_of_a_meeting_not_yet_held_is_an_utkast(demo, tmp_path):
    [m] = [
        m for m in moten.moten(demo, 2026) if m.typ is MoteTyp.STYRELSEMOTE and m.datum > DEMO_DAY
    ]
    a = moten.arenden(demo, m.id)[0]
    moten.andra_arende(demo, a.id, "paragraf", 60)
    pages = read_pages(protokoll.build_utdrag(demo, m.id, 60, DEMO_DAY), tmp_path)
    assert pages and all("UTKAST" in p for p in pages)
    assert f"§ 60 {a.rubrik}" in pages[0]
    pages = read_pages(protokoll.build_utdrag(demo, m.id, 60, m.datum), tmp_path)
    assert not any("UTKAST" in p for p in pages)


def test_the_kallelse_numbers_every_item_by_its_paragraf_or_in_order(demo, tmp_path):
    [coming] = [
        m for m in moten.moten(demo) if m.typ is MoteTyp.STYRELSEMOTE and m.datum > DEMO_DAY
    ]
    items = moten.arenden(demo, coming.id)
    assert items and not any(a.paragraf for a in items)  # § are given at the meeting
    text = " ".join(read_pages(kallelse.build(demo, coming.id), tmp_path))
    assert "Föredragningslista Nr Ärende Underlag" in text
    for n, a in enumerate(items, start=1):
        assert f"{n}. {a.rubrik}"[:30] in text
    held = _styrelsemote(demo, justerat=True)
    text = " ".join(read_pages(kallelse.build(demo, held.id), tmp_path))
    assert "Föredragningslista § Ärende Underlag" in text
    for a in moten.arenden(demo, held.id):
        assert f"{a.paragraf} {a.rubrik}"[:30] in text


def test_no_amount_in_a_beslut_runs_into_a_number_before_it(demo, tmp_path):
    # "vecka 45 80 000 kr" read as 4 580 000: an amount (no-break spaces inside) never follows
    # a number with only a space between, in any protokoll of the demo
    run_together = re.compile(r"\d \d{1,3}(?:\u00a0\d{3})*\u00a0kr")
    seen_week = False
    for m in moten.moten(demo):
        if m.typ is not MoteTyp.STYRELSEMOTE or not m.antal_arenden:
            continue
        for a in moten.arenden(demo, m.id):
            assert not run_together.search(a.beslut), a.beslut
            seen_week |= "Psykiatriveckan vecka 45 (80\u00a0000\u00a0kr)" in a.beslut
    assert seen_week
    assert moten.beviljandetext("Psykiatriveckan vecka 45", 80_000_00, 2027) == (
        "Styrelsen beviljar 80\u00a0000\u00a0kr till Psykiatriveckan vecka 45 för 2027."
    )
    m = next(m for m in moten.moten(demo, 2026) if m.datum == dt.date(2026, 11, 19))
    text = " ".join(read_pages(protokoll.build(demo, m.id, DEMO_DAY), tmp_path))
    assert "Psykiatriveckan vecka 45 (80 000 kr)" in text and "45 80 000" not in text


def test_the_justering_is_kept_with_the_last_paragraf_never_alone_on_a_page(demo, tmp_path):
    checked = 0
    for m in moten.moten(demo, 2026):
        if m.typ is not MoteTyp.STYRELSEMOTE:
            continue
        last = moten.arenden(demo, m.id)[-1]
        pages = read_pages(protokoll.build(demo, m.id, DEMO_DAY), tmp_path)
        [page] = [p for p in pages if "Justering " in p and "Sekreterare" in p]
        assert last.rubrik in page, (m.datum, page[:200])
        checked += len(pages) > 1
    assert checked >= 3  # the block did fall alone on page 2 of these before
