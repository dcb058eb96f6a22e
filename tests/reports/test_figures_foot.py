"""The printed figures foot and agree, read back from the PDFs (issue 16 §1).

Each report's text is read with pdftotext and split into table rows (a label, then amounts in
tkr). Every sum the reports print is checked at the printed precision: the printed rows (an
"Avrundning" row included) add up to the printed total, and a printed difference is the
difference of the printed figures. Then the same quantity is compared across the
årsredovisning, the delårsrapport and the verksamhetsplan of the same file: eget kapital (the
bokslut and the running year's prognosis), medlemsintäkter and årets resultat.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from fixed_days import DEMO_DAY
from report_helpers import draft_mark_piece, pdf_pages

from reports import arsredovisning, delarsrapport, verksamhetsplan

#: An amount in tkr as printed: groups of thousands, one decimal, maybe the minus sign.
AMOUNT = re.compile(r"^[−-]?\d{1,3}(?: \d{3})*,\d$")
#: Rows a block sum ("Summa …") does not reach past: the driftredovisning's one-row groups.
STOP = {"Intäkter", "Administration/kansli", "Styrelse", "Finansiella poster"}

Row = tuple[str, list[Decimal | None]]


def rows_of(data: bytes, tmp_path: Path) -> list[Row]:
    """Every line of the report as (label, trailing amounts); "–" is a missing amount."""
    out: list[Row] = []
    for page in pdf_pages(data, tmp_path):
        for line in page.replace("\u00a0", " ").splitlines():
            fields = [
                _without_watermark(f.strip())
                for f in re.split(r"\s{2,}", line.strip())
                if f.strip()
            ]
            if len(fields) > 1:  # the draft mark crossing the row: not a column of it
                fields = [f for f in fields if not draft_mark_piece(f)] or fields
            numbers: list[Decimal | None] = []
            while fields and (AMOUNT.match(fields[-1]) or fields[-1] == "–"):
                f = fields.pop()
                numbers.insert(
                    0,
                    None
                    if f == "–"
                    else Decimal(f.replace(" ", "").replace(",", ".").replace("−", "-")),
                )
            if numbers and len(fields) > 1 and re.fullmatch(r"\d{1,2}", fields[-1]):
                fields.pop()  # the Not column
            if not numbers and len(fields) == 1 and draft_mark_piece(fields[0]):
                continue
            if fields:
                out.append((fields[0] if len(fields) == 1 else " ".join(fields), numbers))
    return out


def _without_watermark(field: str) -> str:
    """An amount with a piece of the draft mark run into it ("−4 091,0 ni"): the amount."""
    head, _, tail = field.rpartition(" ")
    return head if head and AMOUNT.match(head) and draft_mark_piece(tail) else field


def _has(row: Row) -> bool:
    return any(n is not None for n in row[1])


def _foots(rows: list[Row], total: int, parts: list[int]) -> None:
    label, want = rows[total]
    for j, value in enumerate(want):
        if value is None:
            continue
        got = sum((rows[i][1][j] or 0 for i in parts if j < len(rows[i][1])), Decimal(0))
        assert got == value, (
            f"{label}, column {j + 1}: the printed rows "
            f"{[rows[i][0] for i in parts]} make {got}, printed {value}"
        )


def check_block_sums(rows: list[Row]) -> int:
    """Every "Summa …" row is the sum of the rows right above it (to a heading or sum)."""
    checked = 0
    for t, (label, numbers) in enumerate(rows):
        if not (label == "Summa" or label.startswith("Summa ")) or not numbers:
            continue
        if label in NAMED:
            continue
        parts = []
        i = t - 1
        while i >= 0 and not rows[i][0].startswith("Summa"):
            if not _has(rows[i]):
                # a long label's second line, under a row with its figures; else a heading
                if i > 0 and _has(rows[i - 1]) and not rows[i - 1][0].startswith("Summa"):
                    i -= 1
                    continue
                break
            if rows[i][0] in STOP and parts:
                break
            parts.append(i)
            i -= 1
        if not parts:
            continue  # a note of one line (Not 3, 4, 6): nothing it adds is printed yet
        _foots(rows, t, parts)
        checked += 1
    return checked


#: Sums that add named rows (searched upwards from the total), in the order the reports print
#: them; a report's list is walked with a cursor so "Årets resultat" finds the right one.
NAMED_SPECS = {
    "arsredovisning": [
        (
            "Årets resultat",
            [
                "Medlemsintäkter (driftbidrag)",
                "Övriga verksamhetsintäkter",
                "Verksamhetens kostnader",
                "Finansiella poster",
            ],
        ),
        (
            "Årets resultat efter balanskravsjusteringar",
            ["Årets resultat enligt resultaträkningen", "Samtliga realisationsvinster"],
        ),
        ("Balanskravsresultat", ["Årets resultat efter balanskravsjusteringar"]),
        (
            "Verksamhetens resultat",
            ["Verksamhetens intäkter", "Verksamhetens kostnader", "Avskrivningar"],
        ),
        (
            "Resultat efter finansiella poster",
            ["Verksamhetens resultat", "Finansiella intäkter", "Finansiella kostnader"],
        ),
        ("Årets resultat", ["Resultat efter finansiella poster"]),
        ("Summa tillgångar", ["Anläggningstillgångar", "Summa omsättningstillgångar"]),
        ("Summa eget kapital", ["Årets resultat", "Övrigt eget kapital"]),
        (
            "Summa eget kapital, avsättningar och skulder",
            ["Summa eget kapital", "Avsättningar", "Långfristiga skulder", "Kortfristiga skulder"],
        ),
        (
            "Medel från verksamheten före förändring av rörelsekapital",
            ["Årets resultat", "Justering för ej likviditetspåverkande poster"],
        ),
        (
            "Kassaflöde från den löpande verksamheten",
            [
                "Medel från verksamheten före förändring av rörelsekapital",
                "Minskning (+) / ökning (−) av kortfristiga fordringar",
                "Ökning (+) / minskning (−) av kortfristiga skulder",
            ],
        ),
        (
            "Årets kassaflöde",
            [
                "Kassaflöde från den löpande verksamheten",
                "Investeringsverksamheten",
                "Finansieringsverksamheten",
            ],
        ),
        ("Likvida medel vid årets slut", ["Årets kassaflöde", "Likvida medel vid årets början"]),
        (
            "Årets resultat",
            [
                "Intäkter",
                "Administration/kansli",
                "Styrelse",
                "Summa insatser",
                "Finansiella poster",
            ],
        ),
        (
            "Summa verksamhetens kostnader",
            ["Summa styrelse", "Summa administration/kansli", "Summa insatser"],
        ),
        ("Utgående eget kapital", ["Ingående eget kapital", "Årets resultat"]),
    ],
    "delarsrapport": [
        (
            "Verksamhetens resultat",
            ["Verksamhetens intäkter", "Verksamhetens kostnader", "Avskrivningar"],
        ),
        (
            "Periodens resultat",
            ["Verksamhetens resultat", "Finansiella intäkter", "Finansiella kostnader"],
        ),
        (
            "Resultat",
            [
                "Intäkter",
                "Administration/kansli",
                "Styrelse",
                "Summa insatser",
                "Finansiella poster",
            ],
        ),
        (
            "Eget kapital vid årets slut, prognos",
            ["Ingående eget kapital", "Prognos för årets resultat"],
        ),
    ],
    "verksamhetsplan": [
        (
            "Summa verksamhetens kostnader",
            [
                "Summa administration/kansli",
                "Summa styrelse",
                "Summa insatser",
                # ej fördelade medel: after Summa insatser, not in it, in the costs
                "Reserverade medel för nya insatser",
            ],
        ),
        (
            "Budgeterat resultat",
            ["Summa intäkter", "Summa verksamhetens kostnader", "Summa finansiella poster"],
        ),
    ],
}
NAMED = {"Summa tillgångar", "Summa eget kapital, avsättningar och skulder"} | {
    "Summa verksamhetens kostnader"
}


def check_named_sums(rows: list[Row], report: str) -> int:
    cursor = 0
    checked = 0
    for total, parts in NAMED_SPECS[report]:
        t = next(
            (i for i in range(cursor, len(rows)) if rows[i][0] == total and _has(rows[i])), None
        )
        assert t is not None, f"{report}: no {total!r} after row {cursor}"
        found = []
        for p in parts:
            i = next((i for i in range(t - 1, max(t - 40, -1), -1) if rows[i][0] == p), None)
            assert i is not None, f"{report}: {p!r} is not above {total!r}"
            found.append(i)
        if rows[t - 1][0] == "Avrundning":
            found.append(t - 1)
        _foots(rows, t, found)
        cursor = t + 1
        checked += 1
    return checked


def check_differences(rows: list[Row], first: str, last: str, col: int, a: int, b: int) -> int:
    """From the row ``first`` (a heading row: the row after it) to the row ``last``: column
    ``col`` = ``a`` − ``b``, as printed."""
    start = next(i for i, r in enumerate(rows) if r[0] == first)
    end = next(i for i in range(start, len(rows)) if rows[i][0] == last and _has(rows[i]))
    checked = 0
    for label, n in rows[start : end + 1]:
        if len(n) > col and None not in (n[col], n[a], n[b]):
            assert n[col] == n[a] - n[b], f"{label}: {n[col]} ≠ {n[a]} − {n[b]}"
            checked += 1
    return checked


def value(rows: list[Row], label: str, col: int = 0, nth: int = 0) -> Decimal:
    found = [n for t, n in rows if t == label and len(n) > col and n[col] is not None]
    assert len(found) > nth, f"{label!r} is not printed"
    return found[nth][col]


def _reports(ff, tmp_path: Path, ar: int, vp_ar: int) -> dict[str, list[Row]]:
    built = {
        "arsredovisning": arsredovisning.build(ff, ar, today=DEMO_DAY, enhet="tkr"),
        "delarsrapport": delarsrapport.build(ff, vp_ar - 1, today=DEMO_DAY, enhet="tkr"),
        "verksamhetsplan": verksamhetsplan.build(ff, vp_ar, today=DEMO_DAY, enhet="tkr"),
        "delarsrapport_oktober": delarsrapport.build(
            ff, date=dt.date(vp_ar - 1, 10, 31), today=DEMO_DAY, enhet="tkr"
        ),
    }
    return {k: rows_of(v, tmp_path) for k, v in built.items()}


def check_all(rows: dict[str, list[Row]]) -> None:
    ar, dr, vp = rows["arsredovisning"], rows["delarsrapport"], rows["verksamhetsplan"]
    for name in ("arsredovisning", "delarsrapport", "verksamhetsplan"):
        assert check_block_sums(rows[name]) >= 1, name
        check_named_sums(rows[name], name)
    check_named_sums(rows["delarsrapport_oktober"], "delarsrapport")
    # Printed differences: ej förbrukat, avvikelse, avvikelse mot budget.
    assert check_differences(ar, "Insats Beviljat Förbrukat Ej förbrukat", "Summa", 2, 0, 1) >= 2
    assert check_differences(ar, "Driftredovisning", "Årets resultat", 2, 1, 0) >= 5
    assert check_differences(dr, "Driftredovisning med helårsprognos", "Resultat", 3, 2, 0) >= 5
    # The balance sheet balances as printed.
    assert value(ar, "Summa tillgångar") == value(
        ar, "Summa eget kapital, avsättningar och skulder"
    )

    # One figure, one value. Eget kapital at the last bokslut: the ÅR's balansräkning, the
    # VP's first column, the delårsrapport's ingående eget kapital.
    ek = value(ar, "Summa eget kapital")
    assert value(ar, "Utgående eget kapital", nth=1) == ek  # Not 5
    assert value(vp, "Eget kapital vid årets slut", 0) == ek
    assert value(dr, "Ingående eget kapital") == ek
    # The running year's eget kapital: the VP carries the delårsrapport's prognosis on the
    # same months (its caption names them).
    oktober = rows["delarsrapport_oktober"]
    assert value(vp, "Eget kapital vid årets slut", 1) == value(
        oktober, "Eget kapital vid årets slut, prognos"
    )
    # Medlemsintäkter: the closed year's in the ÅR and the VP, the running year's budget.
    assert value(vp, "Driftbidrag", 0) == value(ar, "Medlemsintäkter (driftbidrag)")
    assert value(vp, "Driftbidrag", 1) == value(dr, "Budgeterat driftbidrag")
    # Årets resultat of the closed year: resultaträkning, femårsöversikt, balanskrav, Not 5.
    res = value(ar, "Årets resultat", nth=1)  # the resultaträkning's (after the femårs)
    assert value(ar, "Årets resultat") == res  # femårsöversikt
    assert value(ar, "Balanskravsresultat") == res
    assert value(ar, "Årets resultat", nth=2) == res  # the balansräkning's eget kapital
    # The running year's prognosis: the driftredovisning's result is the one carried on.
    assert value(dr, "Resultat", 2) == value(dr, "Prognos för årets resultat")


def test_the_demos_reports_foot_and_agree(demo, tmp_path):
    check_all(_reports(demo, tmp_path, 2025, 2027))


def test_the_large_forbunds_reports_foot_and_agree(large, tmp_path):
    """The large förbund's reports are drafts: the reader steps over the draft mark's
    letters that pdftotext puts between and into the rows."""
    check_all(_reports(large, tmp_path, 2025, 2027))


def test_the_reader_keeps_every_figure_and_a_row_changed_fails_the_check():
    """The draft mark's letters go, the figures stay; and a printed row one tenth off makes
    the block sum fail (the check can fail)."""
    rows = [
        ("Samverkansteam", [Decimal("-1720.0")]),
        ("Språk och arbete", [Decimal("-500.0")]),
        ("Summa insatser", [Decimal("-2220.0")]),
    ]
    assert check_block_sums(rows) == 1
    rows[1] = ("Språk och arbete", [Decimal("-500.1")])
    with pytest.raises(AssertionError, match="Summa insatser, column 1"):
        check_block_sums(rows)
    assert _without_watermark("−4 091,0 ni") == "−4 091,0"
    assert _without_watermark("1 141,0 2") == "1 141,0 2"  # not a piece of the mark
    assert not draft_mark_piece("Summa") and draft_mark_piece("tä")
