"""Örnsköldsvik's published verksamhetsplan 2024 (its figures written out below, so nothing
outside the repository is read), entered through the arbetsbok
and printed: the budget in the förbund's own uppställning with the document's figures, and
its goals.

The document's budget (section 9, "Budget 2024, Plan 2025-2026 (tkr)") groups the members'
contributions under "Intäkter" with the subtotal "Parternas insats", puts the styrelse's
arvoden among the "Administration" rows, sums the reserve for new activities in "Summa
insatser", and closes with "Summa totala kostnader". The figures below are the document's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from report_helpers import read_pages

from finsam_desktop import ekonomi, forbund, storage
from finsam_desktop.arbetsbok import export_workbook, import_workbook
from finsam_desktop.model import Grupp
from reports import verksamhetsplan

MEDLEMMAR = [
    ("Försäkringskassan", "Försäkringskassan", "25"),
    ("Arbetsförmedlingen", "Arbetsförmedlingen", "25"),
    ("Region Västernorrland", "Region", "25"),
    ("Örnsköldsviks kommun", "Kommun", "25"),
]

IN, A, S, N = "Intäkter", "Administration/kansli", "Styrelse", "Insatser"  # meanings (Grupp)
RESERV = "Reserverade medel för nya aktiviteter"
# avsnitt → (meaning, row, 2024, 2025, 2026 in tkr as printed), the document's order
BUDGET = {
    "Intäkter": [
        (IN, "Region Västernorrland", 1255.5, 1255.5, 1255.5),
        (IN, "Örnsköldsviks Kommun", 1255.5, 1255.5, 1255.5),
        (IN, "Försäkringskassan/Arbetsförmedlingen", 2511, 2511, 2511),
    ],
    "Administration": [
        (A, "Uppdragsersättning förbundschef 100 %*", -785, -790, -795),
        (A, "Kanslikostnader, hyra, dator, tele, dataskyddsombud", -110, -110, -110),
        (S, "Arvoden, ersättningar styrelsen", -120, -120, -120),
        (A, "Rese- och logikostnader", -60, -60, -60),
        (A, "Medlemsavgift NNS inklusive serviceavgift", -18, -18, -18),
        (A, "Sammanträdeskostnader", 0, 0, 0),
        (A, "Övrig adm. Kostnader (Bank, hemsida, prenumerationer)", -20, -20, -20),
    ],
    "Insatser": [
        (N, "Plattform U/Arbetsrehabiliterande insatser kopplat till Resurslotsen", -600, None,
         None),
        (N, "Resurslotsen Örnsköldsvik", -100, -100, -100),
        (N, "Samtalsbyrån för unga", -310, -310, -310),
        (N, "Vidare Vy", -595, -595, None),
        (N, "Jämställt Örnsköldsvik fritt från våld JÖFFV", -100, -100, -100),
        (N, "Processtöd/Utvecklingsstrateg/biträdande förbundschef", -645, -650, -655),
        (N, "Psykeveckan V.45", -100, -100, -100),
        (N, "Kompetensutveckling i samverkan", -200, -100, -100),
        (N, "Kurs- och konferensavgifter", -50, -75, -75),
        (N, RESERV, -1209, -1874, -2459),
    ],
}  # fmt: skip
#: The members each income row is for: the state's one row stands for both its members
MEDLEM = {
    "Region Västernorrland": "Region Västernorrland",
    "Örnsköldsviks Kommun": "Örnsköldsviks kommun",
    "Försäkringskassan/Arbetsförmedlingen": "Försäkringskassan; Arbetsförmedlingen",
}

# (rubrik, summarad, summerar) in the document's order
UPPSTALLNING = [
    ("Intäkter", "Parternas insats", "Avsnittets rader"),
    ("Kostnader", "", "Avsnittets rader"),
    ("Administration", "Summa administration", "Avsnittets rader"),
    ("Insatser", "Summa insatser", "Avsnittets rader"),
    ("", "Summa totala kostnader", "Alla kostnader"),
]

# (nr, slag, område, mål, mått, uppföljning): section 6 (two of its aktivitetsmål) and 9.1
MAL = [
    (
        1,
        "Verksamhetsmål",
        "Individens självförsörjning",
        "Plattform U har utvecklats till ett bredare samordningsteam som tar vid efter "
        "Resurslotsens beredningsgrupp.",
        "En utredningsrapport är framtagen senast i slutet av 2024",
        "Kontinuerliga avstämningstäffar med berörda parter",
    ),
    (
        2,
        "Verksamhetsmål",
        "Individens självförsörjning",
        "Förbundsstyrelsen och dess medlemsparter har i samverkan utvecklat sin analysförmåga.",
        "Antal rekommendationer från lokala analysteamet",
        "Vid den årliga gemensamma planeringsdagen på hösten med LSG.",
    ),
    (
        3,
        "Finansiella mål",
        "",
        "God ekonomisk hushållning innebär att förbundet inte får sätta sig i skuld.",
        "",
        "",
    ),
    (
        4,
        "Finansiella mål",
        "",
        "Förbundet ska följa Nationella rådets rekommendationer om att förbundets eget "
        "kapital inte ska överstiga 20 procent.",
        "",
        "",
    ),
]


def _fill(ws, rows: list[dict]) -> None:
    """Write ``rows`` under the sheet's headers (as a person fills the exported sheet)."""
    headers = [c.value for c in ws[1]]
    for row in rows:
        ws.append([row.get(h) for h in headers])


def _kr(tkr: float | None) -> int | None:
    return None if tkr is None else round(tkr * 1000)


def build_file(tmp: Path) -> storage.ForbundFile:
    """A new förbund file in ``tmp`` holding the document's figures, entered through an
    arbetsbok exported from it, filled in and imported back."""
    ff = storage.create_file(tmp / "Örnsköldsvik.finsam", namn="Samordningsförbundet Örnsköldsvik")
    book = tmp / "arbetsbok.xlsx"
    export_workbook(ff, book)
    wb = load_workbook(book)
    _fill(wb["Medlemmar"], [{"Namn": n, "Typ": t, "Andel (%)": a} for n, t, a in MEDLEMMAR])
    _fill(
        wb["Budgetversioner"],
        [
            {
                "Blad": "Budget 2024",
                "År": 2024,
                "Status": "Beslutad",
                "Beslutsdatum": "2023-11-30",
                "Namn": "Budget 2024",
            }
        ],
    )
    _fill(
        wb["Budgetens uppställning"],
        [
            {"Blad": "Budget 2024", "Rubrik": r, "Summarad": s, "Summerar": w}
            for r, s, w in UPPSTALLNING
        ],
    )
    ws = wb.create_sheet("Budget 2024")
    ws.append(
        ["Grupp", "Rad", "Insats", "Konto", 2024, 2025, 2026, "Står för medlemmarna", "Slag",
         "Avsnitt"]
    )  # fmt: skip
    for avsnitt, rows in BUDGET.items():
        for grupp, text, a, b, c in rows:
            slag = "Ej fördelade medel" if text == RESERV else None
            cells = [_kr(a), _kr(b), _kr(c), MEDLEM.get(text), slag, avsnitt]
            ws.append([grupp, text, None, None, *cells])
    _fill(
        wb["Förbundets mål"],
        [
            {
                "Nr": nr,
                "Slag": slag,
                "Område": omrade,
                "Mål": mal,
                "Mått": matt,
                "Uppföljning": upp,
                "Från år": 2024,
                "Till år": 2024,
            }
            for nr, slag, omrade, mal, matt, upp in MAL
        ],
    )
    wb.save(book)
    import_workbook(ff, book)
    return ff


@pytest.fixture(scope="module")
def ornskoldsvik(tmp_path_factory) -> storage.ForbundFile:
    ff = build_file(tmp_path_factory.mktemp("ornskoldsvik"))
    yield ff
    ff.close()


@pytest.fixture(scope="module")
def pages(ornskoldsvik, tmp_path_factory) -> list[str]:
    pdf = verksamhetsplan.build(ornskoldsvik, 2024)
    return read_pages(pdf, tmp_path_factory.mktemp("vp"))


def _budget_page(pages: list[str]) -> str:
    return next(p for p in pages if "Parternas insats" in p and "Summa totala kostnader" in p)


def _line(text: str, label: str) -> str:
    """What follows ``label`` on its printed line, up to the next row label."""
    start = text.index(label) + len(label)
    return text[start : start + 40]


@pytest.mark.parametrize(
    ("label", "figures"),
    [
        ("Parternas insats", "5 022,0 5 022,0 5 022,0"),
        ("Summa administration", "−1 113,0 −1 118,0 −1 123,0"),
        ("Summa insatser", "−3 909,0 −3 904,0 −3 899,0"),
        ("Summa totala kostnader", "−5 022,0 −5 022,0 −5 022,0"),
        ("Region Västernorrland", "1 255,5 1 255,5 1 255,5"),
        ("Reserverade medel för nya aktiviteter", "−1 209,0 −1 874,0 −2 459,0"),
        ("Arvoden, ersättningar styrelsen", "−120,0 −120,0 −120,0"),
    ],
)
def test_the_budget_prints_in_the_forbunds_own_uppstallning(pages, label, figures):
    assert _line(_budget_page(pages), label).strip().startswith(figures)


def test_the_avsnitt_come_in_the_documents_order_with_their_rows(pages):
    page = _budget_page(pages)
    order = [
        "Intäkter",
        "Region Västernorrland",
        "Försäkringskassan/Arbetsförmedlingen",
        "Parternas insats",
        "Kostnader",
        "Administration",
        "Uppdragsersättning förbundschef",
        "Arvoden, ersättningar styrelsen",  # a styrelse cost, shown where the förbund puts it
        "Övrig adm. Kostnader",
        "Summa administration",
        "Insatser",
        "Reserverade medel för nya aktiviteter",
        "Summa insatser",
        "Summa totala kostnader",
        "Budgeterat resultat",
    ]
    positions = [page.index(label) for label in order]
    assert positions == sorted(positions)
    # the program's groups by meaning are not printed beside the förbund's
    assert "Summa administration/kansli" not in page
    assert "Summa styrelse" not in page


def test_the_budget_balances_and_its_meaning_is_kept(ornskoldsvik, pages):
    version = ekonomi.gallande_budget(ornskoldsvik, 2024)
    for year in (2024, 2025, 2026):
        assert ekonomi.budget_resultat(ornskoldsvik, version["id"], year) == 0
    assert "Budgeterat resultat 0,0 0,0 0,0" in _budget_page(pages)
    # the styrelse's arvoden stay a styrelse cost for the arithmetic, wherever printed
    per_grupp = ekonomi.budget_per_grupp(ornskoldsvik, version["id"], 2024)
    assert per_grupp[Grupp.STYRELSE] == -120_000_00
    assert sum(ekonomi.budget_driftbidrag(ornskoldsvik, version["id"], 2024).values()) == (
        5_022_000_00
    )


def _opening(text: str, words: int = 3) -> str:
    """The first words of a cell: a goal's text wraps inside its narrow table column."""
    return " ".join(text.split()[:words])


def test_the_states_one_row_is_split_between_its_members_by_the_key(ornskoldsvik, pages):
    version = ekonomi.gallande_budget(ornskoldsvik, 2024)
    names = {m.id: m.namn for m in forbund.medlemmar(ornskoldsvik)}
    per_member = {
        names[mid]: ore
        for mid, ore in ekonomi.budget_driftbidrag(ornskoldsvik, version["id"], 2024).items()
    }
    assert per_member == {
        "Försäkringskassan": 1_255_500_00,
        "Arbetsförmedlingen": 1_255_500_00,
        "Region Västernorrland": 1_255_500_00,
        "Örnsköldsviks kommun": 1_255_500_00,
    }
    text = " ".join(pages)
    table = text[text.index("Medlemmarnas driftbidrag") :]
    for name in per_member:
        assert f"{name} 1 255,5 1 255,5 1 255,5" in table
    assert "Summa driftbidrag 5 022,0 5 022,0 5 022,0" in table


def test_the_goals_are_listed_under_their_kind(pages):
    text = " ".join(pages)
    for _nr, slag, _omrade, mal, matt, upp in MAL:
        # the VP's own headings: "Mål" for the verksamhetsmål, then "Finansiella mål"
        at = text.index(_opening(mal))
        nearest = max(text.rfind(" Mål Område ", 0, at), text.rfind(" Finansiella mål Mål ", 0, at))
        assert text[nearest:at].strip().startswith("Mål" if slag == "Verksamhetsmål" else "Fin")
        for cell in (matt, upp):
            if cell:
                # the measure and follow-up columns are narrow: one word to a line
                assert _opening(cell, 1) in text[at : at + 400]


def test_the_workbook_round_trips_the_uppstallning(ornskoldsvik, tmp_path):
    first = tmp_path / "ett.xlsx"
    export_workbook(ornskoldsvik, first)
    other = storage.create_file(tmp_path / "Kopia.finsam", namn="Kopia")
    try:
        import_workbook(other, first)
        again = tmp_path / "två.xlsx"
        export_workbook(other, again)
        a = [list(r) for r in load_workbook(first)["Budgetens uppställning"].values]
        b = [list(r) for r in load_workbook(again)["Budgetens uppställning"].values]
        assert a == b
        assert len(a) == 1 + len(UPPSTALLNING)
    finally:
        other.close()
