"""The årsredovisning read back: the figures from ekonomi in the right places, the draft mark
when the reconciliation fails, and texts that never stop a report."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from fixed_days import DEMO_DAY
from report_helpers import kr, normalized, pct, pdf_pages, read_pages, tkr

from finsam_desktop import ekonomi, moten, rapportdata, rapporttexter
from finsam_desktop.check import run_checks
from finsam_desktop.model import BokslutPost, Roll
from finsam_desktop.money import Unit, parse_amount, rounded
from reports import arsredovisning
from reports.pdf.document import UTKAST

AR = 2025


@pytest.fixture
def pages(demo, tmp_path) -> list[str]:
    return read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path)


def page_with(pages: list[str], heading: str) -> str:
    """The first page after the contents whose text starts a section ``heading``."""
    for text in pages[2:]:
        if heading in text:
            return text
    raise AssertionError(f"no page with {heading!r}")


def test_the_demo_reconciles_so_no_page_is_marked_as_a_draft(demo, pages):
    assert not [f for f in run_checks(demo, today=DEMO_DAY) if f.severity == "fel"]
    assert not any(UTKAST in p for p in pages)
    assert "Avstämningen är inte klar" not in pages[-1]


def test_the_cover_names_the_forbund_the_title_the_year_and_the_decision(pages):
    cover = pages[0]
    assert "Samordningsförbundet Norrådalen" in cover
    assert "Årsredovisning" in cover and "2025" in cover
    assert "Beslutad av styrelsen 2026-03-19, § 14" in cover
    assert "Sida" not in cover


def test_every_page_after_the_cover_says_sida_x_av_y(pages):
    n = len(pages)
    for number, text in enumerate(pages[1:], start=2):
        assert f"Sida {number} av {n}" in text
        assert "Årsredovisning 2025" in text


def test_the_contents_list_every_part_with_its_page(pages):
    contents = pages[1]
    for part in (
        "Förvaltningsberättelse",
        "Översikt över verksamhetens utveckling",
        "Händelser av väsentlig betydelse",
        "Styrning och uppföljning av verksamheten",
        "God ekonomisk hushållning",
        "Balanskravsresultat",
        "Förväntad utveckling",
        "Resultaträkning",
        "Balansräkning",
        "Kassaflödesanalys",
        "Driftredovisning",
        "Noter",
        "Styrelsens underskrifter",
    ):
        m = re.search(re.escape(part) + r"[^\d]*?(\d+)", contents)
        assert m, part
        assert part in pages[int(m.group(1)) - 1], f"{part} is not on page {m.group(1)}"


def test_the_resultatrakning_shows_this_and_last_years_figures(demo, pages):
    text = page_with(pages, "Resultaträkning Not")
    now, before = ekonomi.resultatrakning(demo, AR), ekonomi.resultatrakning(demo, AR - 1)
    assert f"Verksamhetens intäkter 1 {tkr(now.verksamhetens_intakter)} " in text
    assert (
        f"Verksamhetens kostnader 2 {tkr(now.verksamhetens_kostnader)} "
        f"{tkr(before.verksamhetens_kostnader)}" in text
    )
    assert f"Årets resultat {tkr(now.arets_resultat)} {tkr(before.arets_resultat)}" in text
    assert now.verksamhetens_kostnader < 0 and "−" in tkr(now.verksamhetens_kostnader)


def test_the_balansrakning_balances_and_carries_the_bokslut(demo, pages):
    text = page_with(pages, "Balansräkning")
    b = ekonomi.bokslut(demo, AR)
    assert f"Summa tillgångar {tkr(b.summa_tillgangar)}" in text
    assert f"Kassa och bank 4 {tkr(b.kassa_och_bank)}" in text
    assert b.summa_eget_kapital_avsattningar_skulder == b.summa_tillgangar
    assert f"Summa eget kapital, avsättningar och skulder {tkr(b.summa_tillgangar)}" in text


def test_the_balansrakning_splits_eget_kapital_into_the_years_result_and_the_rest(demo, pages):
    text = page_with(pages, "Balansräkning")
    b, res = ekonomi.bokslut(demo, AR), ekonomi.arets_resultat(demo, AR)
    assert (
        f"Eget kapital Årets resultat {tkr(res)} {tkr(ekonomi.arets_resultat(demo, AR - 1))} "
        f"Övrigt eget kapital {tkr(b.eget_kapital - res)} " in text
    )
    assert f"Summa eget kapital 5 {tkr(b.eget_kapital)} " in text


def test_the_five_year_overview_computes_soliditet_and_eget_kapital_against_driftbidrag(
    demo, pages
):
    text = page_with(pages, "Översikt över verksamhetens utveckling")
    s = ekonomi.soliditet(demo, AR)
    t = ekonomi.eget_kapital_mot_tak(demo, AR)
    row = re.search(r"Soliditet ((?:\d+ % ?|– ?)+)", text).group(1)
    assert row.startswith(pct(s))
    assert f"Eget kapital / medlemsintäkter {pct(t.andel)}" in text
    assert f"Utgående eget kapital {tkr(t.eget_kapital)}" in text


def test_the_kassaflode_ends_in_the_bank_balance(demo, pages):
    text = page_with(pages, "Kassaflödesanalys")
    k = ekonomi.kassaflode(demo, AR)
    assert f"Likvida medel vid årets slut {tkr(k.likvida_medel_ub)}" in text
    assert k.likvida_medel_ib + k.arets_kassaflode == k.likvida_medel_ub


def test_the_kassaflode_has_last_years_column_and_the_funds_before_working_capital(demo, pages):
    text = page_with(pages, "Kassaflödesanalys")
    now, before = ekonomi.kassaflode(demo, AR), ekonomi.kassaflode(demo, AR - 1)
    assert f"Kassaflödesanalys {AR} {AR - 1} Den löpande verksamheten" in text
    assert (
        f"Medel från verksamheten före förändring av rörelsekapital "
        f"{tkr(now.arets_resultat + now.ej_likviditetspaverkande)} "
        f"{tkr(before.arets_resultat + before.ej_likviditetspaverkande)}" in text
    )
    assert (
        f"Likvida medel vid årets slut {tkr(now.likvida_medel_ub)} "
        f"{tkr(before.likvida_medel_ub)}" in text
    )


def test_the_kassaflode_of_a_first_bokslut_year_has_one_column(demo, pages, tmp_path):
    with demo.write("Bara två bokslut") as db:
        db.execute("DELETE FROM bokslut WHERE ar < ?", (AR - 1,))
    text = page_with(
        read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path), "Kassaflödesanalys"
    )
    assert f"Kassaflödesanalys {AR} Den löpande verksamheten" in text


def test_the_driftredovisning_totals_to_the_years_result(demo, pages):
    text = page_with(pages, "Driftredovisning")
    rader = ekonomi.driftredovisning(demo, AR)
    total = sum(r.utfall for r in rader)
    assert total == ekonomi.arets_resultat(demo, AR)
    assert f"Årets resultat {tkr(sum(r.budget for r in rader))} {tkr(total)}" in text
    assert "Budget och utfall per grupp 2025" in text  # the chart's title


def test_the_styrelse_at_the_start_of_the_year_meetings_and_revisorer_are_told(demo, pages):
    text = " ".join(pages)
    for plats in rapportdata.styrelse_vid_arets_borjan(demo, AR):
        assert plats.ledamot in text and plats.ersattare in text
    for change in rapportdata.styrelseforandringar(demo, AR):
        assert normalized(change.text)[:50] in text
    m = rapportdata.sammantraden(demo, AR)
    assert f"Styrelsen har haft {m.protokollforda} protokollförda sammanträden under 2025" in text
    for r in rapportdata.revisorer(demo, AR):
        assert r["namn"] in text


def test_each_insats_has_its_beviljat_forbrukat_and_ej_forbrukat(demo, pages):
    text = " ".join(pages)
    insatser = [i for i in rapportdata.insatser(demo, AR) if i.beviljat is not None]
    assert insatser
    for i in insatser:
        # ej förbrukat is printed as the difference of the printed beviljat and förbrukat
        ej = tkr(rounded(i.beviljat, Unit.TKR) - rounded(i.forbrukat or 0, Unit.TKR))
        assert f"{tkr(i.beviljat)} / {tkr(i.forbrukat or 0)} / {ej} tkr" in text
    assert "Beviljat och förbrukat per insats 2025" in text


def test_the_forbunds_own_texts_are_printed_with_bullets_and_bold(pages):
    text = " ".join(pages)
    assert "Förbundets fokusområden är:" in text
    assert "• unga vuxna som varken arbetar eller studerar" in text
    assert "**" not in text


def _page_of(pages: list[str], heading: str) -> str:
    return next(p for p in pages[2:] if heading in p)


def test_the_signatures_are_the_styrelse_at_the_meeting_that_decides_the_report(demo, tmp_path):
    """A ledamot absent from the meeting that decides the årsredovisning does not sign; the
    ersättare serving for them does, as tjänstgörande ersättare."""
    mote_id = demo.scalar(
        "SELECT a.mote_id FROM arende a WHERE a.rubrik LIKE 'Årsredovisning 2025%'"
    )
    seats = moten.narvaro(demo, mote_id)
    absent = next(n for n in seats if n.roll is Roll.LEDAMOT and n.funktion is None)
    serving = next(n for n in seats if n.roll is Roll.ERSATTARE and n.medlem_id == absent.medlem_id)
    with demo.write("Närvaro vid beslutet") as db:  # the protokoll is justerat and locked
        db.execute(
            "INSERT OR REPLACE INTO narvaro VALUES (?, ?, 0, 0), (?, ?, 1, 1)",
            (mote_id, absent.uppdrag_id, mote_id, serving.uppdrag_id),
        )
    pages = read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path)
    page = _page_of(pages, "Styrelsens underskrifter")
    assert "ger en rättvisande bild av förbundets resultat och ekonomiska ställning" in page
    assert "sammanträde 2026-03-19, § 14" in page
    assert absent.person not in page
    # two signatures a row: the names on one line, their functions on the next
    assert serving.person in page
    assert f"Tjänstgörande ersättare, {serving.medlem}" in page
    voting = [n.person for n in moten.narvaro(demo, mote_id) if n.rostar]
    assert all(name in page for name in voting)


def test_without_a_decision_the_signatures_are_the_ledamoter_on_the_day_it_is_printed(
    demo, tmp_path
):
    with demo.write("Inget beslut") as db:
        db.execute("DELETE FROM arende WHERE rubrik LIKE 'Årsredovisning 2025%'")
    pages = read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path)
    page = _page_of(pages, "Styrelsens underskrifter")
    assert f"underskrifterna avser styrelsen den {DEMO_DAY.isoformat()}" in page
    for p in rapportdata.ledamoter_pa(demo, DEMO_DAY):
        assert p["namn"] in page and f"{p['funktion']}, {p['medlem']}" in page


def test_the_revisionsberattelse_has_its_reference_page_after_the_signatures(pages):
    last = pages[-1]
    assert "Revisionsberättelse" in last
    assert "Bilaga Revisionsberättelse för 2025" in last


def test_amounts_can_be_shown_in_whole_kronor(demo, tmp_path):
    pages = [
        normalized(p)
        for p in pdf_pages(arsredovisning.build(demo, AR, enhet="kr", today=DEMO_DAY), tmp_path)
    ]
    text = page_with(pages, "Resultaträkning Not")
    rr = ekonomi.resultatrakning(demo, AR)
    assert f"Årets resultat {kr(rr.arets_resultat)}" in text
    assert "Belopp i kr " in text  # the unit as every table writes it: kr or tkr


def test_the_fonts_are_embedded(demo, tmp_path):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = tmp_path / "ar.pdf"
    path.write_bytes(arsredovisning.build(demo, AR, today=DEMO_DAY))
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    lines = [line for line in out.stdout.splitlines()[2:] if line.strip()]
    assert lines and all("DejaVuSans" in line for line in lines)
    assert all(" yes " in line for line in lines)  # emb


# -- the reconciliation gate -------------------------------------------------------------------


def test_a_file_that_does_not_reconcile_is_marked_on_every_page_and_lists_the_problems(
    demo, tmp_path
):
    with demo.write("Fel i bokslutet") as db:
        db.execute(
            "UPDATE bokslut SET kassa_och_bank_ore = kassa_och_bank_ore * 10 WHERE ar = ?", (AR,)
        )
    problems = [f.message for f in run_checks(demo, today=DEMO_DAY) if f.severity == "fel"]
    assert problems
    pages = pdf_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path)
    assert all(UTKAST in p for p in pages)
    last = normalized(pages[-1])
    assert "Avstämningen är inte klar" in last
    for message in problems:
        assert normalized(message)[:60] in last


# -- texts a user may type ---------------------------------------------------------------------

HOSTILE = {
    "inledning": "Kostnader < intäkter & <b>inte</b> fet; 5 > 3 &amp; AT&T",
    "vision": ("Ett mycket långt stycke utan radbrytning. " * 250).strip(),
    "vasentliga_handelser": "Ordet " + "x" * 300 + " slutar här.",
    "forvantad_utveckling": "Glädje 😀🎉👍🏽 och ✓ ≥ ≤ − – ”citat” \u202f",
    "kansli": "עברית כאן ו-العربية هنا mixed with svenska",
    "styrelsens_aktiviteter": "**ofullständig fetstil och - ingen lista\n- en punkt **fet",
}


def test_hostile_texts_never_stop_a_report(demo, tmp_path):
    for key, text in HOSTILE.items():
        rapporttexter.spara(demo, "arsredovisning", AR, key, text)
    pages = read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path)
    text = " ".join(pages)
    assert "Kostnader < intäkter & <b>inte</b> fet; 5 > 3 &amp; AT&T" in text
    assert "x" * 40 in text  # the long word is split over lines, not lost
    assert "Glädje" in text and "≥ ≤ −" in text
    assert "slutar här" in text
    assert "Ett mycket långt stycke" in text


def test_the_forbunds_logo_stands_on_the_cover(demo, tmp_path):
    if shutil.which("pdfimages") is None:
        pytest.skip("pdfimages (poppler-utils) is not installed")
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000280000001408020000007024e8ec0000002749444154789c63"
        "94f7ab641808c03420b68e5a3c6af1a8c5a3168f5a3c6af1a8c5a3160f080000431d010e8ab6ca61000000"
        "0049454e44ae426082"
    )
    rapporttexter.spara_logotyp(demo, png)
    path = tmp_path / "ar.pdf"
    path.write_bytes(arsredovisning.build(demo, AR, today=DEMO_DAY))
    out = subprocess.run(
        ["pdfimages", "-list", "-f", "1", "-l", "1", str(path)],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    assert len(out.splitlines()) == 3  # two header lines and the logo


def test_a_logo_that_is_not_an_image_is_refused(demo):
    with pytest.raises(ValueError, match="PNG- eller JPEG"):
        rapporttexter.spara_logotyp(demo, b"GIF89a...")


# -- the parts LKBR and RKR ask for ------------------------------------------------------------


def _amounts(line: str) -> list[int]:
    """The tkr amounts at the end of a printed row, in öre."""
    return [
        parse_amount(a) * 1000
        for a in re.findall(r"−?\d{1,3}(?: \d{3})*,\d", line.replace("\u00a0", " "))
    ]


def test_the_balanskravsresultat_has_rkrs_rows_and_adds_them_as_printed(demo, tmp_path):
    with demo.write("Realisationsvinst") as db:
        db.execute(
            "UPDATE bokslut SET realisationsvinster_ore = 1200000, "
            "realisationsvinster_undantag_ore = 200000, realisationsforluster_undantag_ore = "
            "300000, orealiserade_forluster_ore = 50000, aterforing_orealiserade_ore = 10000, "
            "resultatutjamningsreserv_ore = 500000 WHERE ar = ?",
            (AR,),
        )
    pages = pdf_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path)
    text = "\n".join(pages[2:])
    lines = text[text.index("\nBalanskravsresultat\n") :].splitlines()

    def row(label: str) -> int:
        found = [ln for ln in lines if ln.strip().startswith(label) and _amounts(ln)]
        assert found, label
        (amount,) = _amounts(found[0])
        return amount

    res = row("Årets resultat enligt resultaträkningen")
    assert res == rounded(ekonomi.arets_resultat(demo, AR), Unit.TKR)
    adjustments = [
        row("Samtliga realisationsvinster"),
        row("Realisationsvinster enligt undantagsmöjlighet"),
        row("Realisationsförluster enligt undantagsmöjlighet"),
        row("Orealiserade förluster i värdepapper"),
        row("Återföring av orealiserade förluster i värdepapper"),
    ]
    assert adjustments == [-1_200_000, 200_000, 300_000, 50_000, -10_000]
    efter = row("Årets resultat efter balanskravsjusteringar")
    assert efter == res + sum(adjustments)
    assert row("Medel till (−) / från (+) resultatutjämningsreserv") == 500_000
    assert row("Balanskravsresultat") == efter + 500_000
    exact = ekonomi.balanskrav(demo, AR).balanskravsresultat
    assert rounded(exact, Unit.TKR) == efter + 500_000


def _without_specification(ff) -> None:
    """The demo's notes as in a file from before step 0016: no specification by kind."""
    with ff.write("Utan specifikation") as db:
        db.execute("DELETE FROM bokslut_specifikation")


def test_the_demo_specifies_its_notes_by_kind_and_they_foot_to_the_balance_sheet(demo, pages):
    text = " ".join(pages)
    b = ekonomi.bokslut(demo, AR)
    assert "Leverantörsskulder" in text and "Momsfordran" in text
    assert f"Summa kortfristiga skulder {tkr(b.kortfristiga_skulder)}" in text
    spec = demo.query(
        "SELECT post, sum(belopp_ore) AS s FROM bokslut_specifikation WHERE ar = ? GROUP BY post",
        (AR,),
    )
    assert {r["post"]: r["s"] for r in spec} == {
        "kortfristiga_fordringar": b.kortfristiga_fordringar,
        "kortfristiga_skulder": b.kortfristiga_skulder,
    }


def test_the_notes_specify_fordringar_and_skulder_by_kind_and_foot_as_printed(demo, tmp_path):
    _without_specification(demo)
    b = ekonomi.bokslut(demo, AR)
    ekonomi.spara_specifikation(
        demo, AR, BokslutPost.KORTFRISTIGA_FORDRINGAR, [("Fordran moms", b.kortfristiga_fordringar)]
    )
    ekonomi.spara_specifikation(
        demo,
        AR,
        BokslutPost.KORTFRISTIGA_SKULDER,
        [("Leverantörsskulder", 12_345_67), ("Upplupna sociala avgifter", 4_321_09)],
    )
    pages = pdf_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path)
    text = "\n".join(pages[2:])
    not3 = text[text.index("Not 3 Kortfristiga fordringar") : text.index("Not 4 Kassa")]
    assert "Fordran moms" in not3 and "Belopp i tkr" in not3
    not6 = text[text.index("Not 6 Kortfristiga skulder") :].split("Belopp i tkr")[0]
    lines = {ln.split("  ")[0].strip(): _amounts(ln) for ln in not6.splitlines() if _amounts(ln)}
    assert set(lines) == {
        "Leverantörsskulder",
        "Upplupna sociala avgifter",
        "Ej specificerat",
        "Summa kortfristiga skulder",
    }
    # this year's column foots as printed; last year has no specification: all unspecified
    parts = [v[0] for k, v in lines.items() if k != "Summa kortfristiga skulder"]
    assert sum(parts) == lines["Summa kortfristiga skulder"][0]
    assert lines["Summa kortfristiga skulder"][0] == rounded(b.kortfristiga_skulder, Unit.TKR)
    before = ekonomi.bokslut(demo, AR - 1).kortfristiga_skulder
    assert lines["Ej specificerat"][1] == lines["Summa kortfristiga skulder"][1]
    assert lines["Summa kortfristiga skulder"][1] == rounded(before, Unit.TKR)


def test_every_note_names_its_unit(pages):
    text = " ".join(pages[2:])
    notes = re.split(r"Not \d ", text[text.index("Not 1 Verksamhetens intäkter") :])[1:]
    assert len(notes) == 6
    assert all("Belopp i tkr" in note for note in notes)


def test_a_file_without_the_new_bokslut_data_still_prints_every_part(demo, tmp_path):
    """A file from before step 0016 has no specification, no antal anställda and no RKR
    adjustments: the notes show the sums, the översikt a dash, the balanskrav 0."""
    _without_specification(demo)
    text = " ".join(read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path))
    assert "Antal anställda – – – – –" in text
    assert (
        f"Summa kortfristiga fordringar {tkr(ekonomi.bokslut(demo, AR).kortfristiga_fordringar)}"
        in text
    )
    assert "Samtliga realisationsvinster 0,0" in text
    assert "Förbundet har inga investeringar under året." in text
    assert "Förbundet avviker inte från lagen eller rekommendationerna." in text


def test_antal_anstallda_stands_in_the_five_year_overview(demo, tmp_path):
    with demo.write("Anställda") as db:
        db.execute("UPDATE bokslut SET antal_anstallda = 1 WHERE ar = ?", (AR,))
        db.execute("UPDATE bokslut SET antal_anstallda = 0 WHERE ar = ?", (AR - 1,))
    text = page_with(
        read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path),
        "Översikt över verksamhetens utveckling",
    )
    assert "Antal anställda 1 0 – – –" in text


def test_the_redovisningsprinciper_name_lkbr_and_rkr_and_the_forbunds_deviation(demo, tmp_path):
    rapporttexter.spara(
        demo, "arsredovisning", AR, "redovisningsprinciper", "Semesterlöneskulden bokförs inte."
    )
    text = page_with(read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path), "Noter")
    assert "lagen (2018:597) om kommunal bokföring och redovisning (LKBR)" in text
    assert "Rådet för kommunal redovisning (RKR)" in text
    assert "Semesterlöneskulden bokförs inte." in text
    assert "avviker inte" not in text


def test_kortfristiga_placeringar_are_tillgangar_and_likvida_medel(demo, tmp_path):
    with demo.write("Placering") as db:
        db.execute(
            "UPDATE bokslut SET kortfristiga_placeringar_ore = 20000000, "
            "eget_kapital_ore = eget_kapital_ore + 20000000 WHERE ar = ?",
            (AR,),
        )
    b = ekonomi.bokslut(demo, AR)
    assert b.summa_tillgangar == b.summa_eget_kapital_avsattningar_skulder
    pages = read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path)
    br = page_with(pages, "Balansräkning")
    assert "Kortfristiga placeringar 200,0 0,0" in br
    assert f"Summa tillgångar {tkr(b.summa_tillgangar)}" in br
    k = ekonomi.kassaflode(demo, AR)
    assert k.likvida_medel_ub == b.kassa_och_bank + 20_000_000
    assert k.likvida_medel_ib + k.arets_kassaflode != k.likvida_medel_ub  # the made-up result
    kf = page_with(pages, "Kassaflödesanalys")
    assert f"Likvida medel vid årets slut {tkr(k.likvida_medel_ub)}" in kf


def test_forvantad_utveckling_gives_the_decided_budgets_figures(demo, pages):
    text = page_with(pages, "Förväntad utveckling")
    v = ekonomi.gallande_budget(demo, AR + 1)
    bidrag = sum(ekonomi.budget_driftbidrag(demo, v["id"], AR + 1).values())
    assert f"Styrelsen beslutade {v['beslut_datum']} om verksamhetsplan med budget för 2026" in text
    assert f"tilldelning för 2026 är {kr(bidrag).replace(' kr', '')} kronor" in text
    t = {x.ar: x for x in ekonomi.eget_kapital_prognos_mot_tak(demo, v["id"])}[AR + 1]
    assert (
        f"eget kapital vid utgången av 2026 {kr(t.eget_kapital).replace(' kr', '')} kronor" in text
    )
    assert f"2026 (budget) {tkr(bidrag)}" in text


def test_forvantad_utveckling_says_when_no_budget_is_decided(demo, tmp_path):
    with demo.write("Inget beslut") as db:
        db.execute("UPDATE budget_version SET status = 'forslag' WHERE ar = ?", (AR + 1,))
    text = page_with(
        read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path), "Förväntad utveckling"
    )
    assert "Styrelsen har ännu inte beslutat någon budget för 2026." in text


def test_the_forbunds_own_sections_are_printed_under_their_headings(demo, tmp_path):
    own = {
        "malgrupper": ("Målgrupper", "Personer i arbetsför ålder."),
        "administration": ("Administration", "Kommunens redovisningsenhet bokför."),
        "arkiv": ("Arkiv", "Kommunen har tillsyn enligt arkivlagen."),
        "dataskydd": ("Dataskydd (GDPR)", "Dataskyddsombud: Nils Nilsson."),
        "internkontroll": ("Internkontroll", "Internkontrollplanen följdes upp i december."),
    }
    for key, (_, body) in own.items():
        rapporttexter.spara(demo, "arsredovisning", AR, key, body)
    text = " ".join(read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path)[2:])
    for heading, body in own.values():
        assert f"{heading} {body}" in text
