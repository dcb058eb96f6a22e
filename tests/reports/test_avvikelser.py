"""Material deviations in the årsredovisning's driftredovisning and the comment on each
(issue 16, 2: "the driftredovisning with a comment per row where the deviation is material
(a setting)")."""

from __future__ import annotations

from decimal import Decimal

from fixed_days import DEMO_DAY
from report_helpers import read_pages

from finsam_desktop import avvikelser, rapporttexter, storage
from finsam_desktop.arbetsbok import export_workbook, import_workbook
from finsam_desktop.check import run_checks
from finsam_desktop.settings import set_setting
from reports import arsredovisning

AR = DEMO_DAY.year - 1
SPRAK = "avvikelse:insatser:Språk och arbete"


def test_a_row_is_material_when_it_reaches_both_the_share_and_the_amount_set(demo):
    found = avvikelser.vasentliga(demo, AR)
    assert [a.nyckel for a in found] == [SPRAK]
    assert found[0].procent == Decimal(124_800) * 100 / 480_000  # 26 % under budget
    set_setting(demo, "avvikelse_procent", Decimal("5"))
    # Vägen tillbaka: 7.1 % and 53 650 kr; Kompetensutveckling: 5.8 % but only 8 700 kr
    assert [a.rad.text for a in avvikelser.vasentliga(demo, AR)] == [
        "Språk och arbete",
        "Vägen tillbaka – arbetsträning i anpassad miljö",
    ]
    set_setting(demo, "avvikelse_belopp", 5_000)
    assert "Kompetensutveckling i samverkan" in [
        a.rad.text for a in avvikelser.vasentliga(demo, AR)
    ]


def test_the_report_prints_each_material_row_with_its_comment_or_says_it_is_missing(demo, tmp_path):
    text = " ".join(read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path))
    assert "Avvikelser på minst 10 % av budgeten och minst 50 000 kronor kommenteras." in text
    assert "Språk och arbete: avvikelse 124,8 tkr, 26 % av budgeten." in text
    assert "Insatsen startade i mars i stället för i januari" in text  # the demo's comment
    rapporttexter.spara(demo, "arsredovisning", AR, SPRAK, "")
    text = " ".join(read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path))
    assert "Språk och arbete: avvikelse 124,8 tkr, 26 % av budgeten. Kommentar saknas." in text


def test_a_comment_is_the_years_own_and_never_carried_into_the_next_year(demo):
    """The other texts start from last year's; last year's reasons for a deviation do not."""
    assert avvikelser.kommentar(demo, AR, SPRAK).startswith("Insatsen startade i mars")
    assert avvikelser.kommentar(demo, AR + 1, SPRAK) == ""
    assert rapporttexter.hamta(demo, "arsredovisning", AR + 1, SPRAK).text == ""
    assert rapporttexter.hamta(demo, "arsredovisning", AR + 1, "inledning").text  # carried


def test_an_undecided_report_without_a_comment_is_warned_of_and_a_decided_one_is_not(demo):
    def codes():
        return [
            (f.code, f.key, f.year)
            for f in run_checks(demo, today=DEMO_DAY)
            if f.code == "avvikelse_utan_kommentar"
        ]

    rapporttexter.spara(demo, "arsredovisning", AR, SPRAK, "")
    assert codes() == []  # the demo's årsredovisning is decided: it stands as decided
    with demo.write("Inget beslut") as db:
        db.execute(
            "UPDATE arende SET rubrik = 'Bokslutet' WHERE rubrik = ?", (f"Årsredovisning {AR}",)
        )
    assert codes() == [("avvikelse_utan_kommentar", SPRAK, AR)]
    rapporttexter.spara(demo, "arsredovisning", AR, SPRAK, "Senare start.")
    assert codes() == []


def test_the_comment_travels_with_the_arbetsbok(demo, tmp_path):
    book = tmp_path / "arbetsbok.xlsx"
    export_workbook(demo, book)
    with storage.create_file(tmp_path / "Ny.finsam", namn="Ny") as other:
        import_workbook(other, book)
        assert avvikelser.kommentar(other, AR, SPRAK) == avvikelser.kommentar(demo, AR, SPRAK)
        assert [a.nyckel for a in avvikelser.vasentliga(other, AR)] == [SPRAK]


def test_the_driftredovisning_shows_intakt_kostnad_and_netto_where_the_forbund_chooses(
    demo, tmp_path
):
    """Issue 16, 2: "intäkt/kostnad/netto where the förbund shows them" (as Sollefteå does)."""
    import re

    from finsam_desktop import ekonomi
    from finsam_desktop.money import Unit, parse_amount

    rader = ekonomi.driftredovisning(demo, AR)
    for r in rader:  # the split adds up to the net, this year and last
        assert r.intakt + r.kostnad == r.utfall and r.intakt >= 0 >= r.kostnad
        assert r.foregaende_intakt + r.foregaende_kostnad == r.foregaende_ar
    finansiella = next(r for r in rader if r.text == "Finansiella poster")
    assert finansiella.intakt > 0 > finansiella.kostnad  # interest in, bank charges out
    set_setting(demo, "driftredovisning_kolumner", "intakt_kostnad")
    pages = read_pages(arsredovisning.build(demo, AR, today=DEMO_DAY), tmp_path)
    page = next(p for p in pages if p.startswith("Samordningsförbundet Norrådalen Årsredovisning")
                and "Driftredovisning Intäkt Kostnad Netto" in p)  # fmt: skip
    number = r"−?\d{1,3}(?: \d{3})*,\d"
    printed = re.findall(rf"([A-ZÅÄÖ][^\d−]*?) ({number}) ({number}) ({number}) ({number}) "
                         rf"({number}) ({number})", page)  # fmt: skip
    assert len(printed) >= 10
    for label, *cells in printed:
        intakt, kostnad, netto, budget, avvikelse, _fore = (
            parse_amount(c.replace("−", "-")) for c in cells
        )
        assert intakt + kostnad == netto, label  # as printed, in tkr
        assert netto - budget == avvikelse, label
    row = next(cells for label, *cells in printed if label.strip() == "Finansiella poster")
    assert row[:3] == [
        format_tkr(finansiella.intakt, Unit.TKR),
        format_tkr(finansiella.kostnad, Unit.TKR),
        format_tkr(finansiella.utfall, Unit.TKR),
    ]


def format_tkr(ore: int, unit) -> str:
    from finsam_desktop.money import format_amount

    return format_amount(ore, unit).replace("\u00a0", " ")
