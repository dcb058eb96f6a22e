"""The SIE 4 reader, on fixture files written for these tests (tests/fixtures/sie)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from finsam_desktop import sie

FIXTURES = Path(__file__).parent.parent / "fixtures" / "sie"


def test_a_cp437_file_with_crlf_and_tabs_reads_its_swedish_letters():
    fil = sie.read(FIXTURES / "norradalen_cp437_crlf.se")
    assert fil.encoding == "cp437"
    assert fil.foretag == "Samordningsförbundet Norrådalen"
    assert fil.konton["7410"] == "Förbundschef, köpt tjänst"  # a tab before the name
    assert fil.ar(0) == 2025 and fil.ar(-1) == 2024
    assert fil.objekt[("6", "P10")] == "Steg för steg"  # quoted object
    assert fil.objekt[("6", "P20")] == "Ungdomslotsen"  # unquoted object


def test_a_utf8_file_that_claims_pc8_is_read_as_utf8():
    fil = sie.read(FIXTURES / "asele_utf8_ver.si")
    assert fil.encoding == "utf-8"
    assert fil.foretag == "Samordningsförbundet Åsele–Öjeby"


def test_an_iso_8859_1_file_is_told_from_cp437_by_its_letters():
    fil = sie.read(FIXTURES / "alvdalen_latin1.se")
    assert fil.encoding == "iso-8859-1"
    assert fil.foretag == "Förbundet Västra Älvdalen"


def test_amounts_are_exact_ore_and_credit_becomes_positive_income_in_reports():
    fil = sie.read(FIXTURES / "norradalen_cp437_crlf.se")
    res = {s.konto: s.belopp_ore for s in fil.res}
    assert res["3011"] == -254_000_000  # credit in the file
    assert res["8410"] == -1_500_050
    assert sie.rapportbelopp(res["3011"]) == 254_000_000  # intäkt positive
    assert sie.rapportbelopp(res["7410"]) == -77_500_000  # kostnad negative


def test_psaldo_totals_and_per_object_rows_are_never_counted_twice():
    fil = sie.read(FIXTURES / "norradalen_cp437_crlf.se")
    plain = fil.periodsaldon(0)
    assert (1, "4560", None, 13_000_000) in plain
    assert sum(b for m, k, _o, b in plain if k == "4560" and m == 1) == 13_000_000
    by_project = fil.periodsaldon(0, "6")
    january = [(o, b) for m, k, o, b in by_project if k == "4560" and m == 1]
    assert sorted(january, key=str) == [("P10", 8_000_000), ("P20", 5_000_000)]
    # February: the total holds 50 000 beyond the one project row; it stays, without object
    february = sorted(((o, b) for m, k, o, b in by_project if k == "4560" and m == 2), key=str)
    assert february == [("P10", 9_000_000), (None, 5_000_000)]
    assert sum(b for _o, b in february) == 14_000_000


def test_vouchers_keep_their_dates_objects_and_escaped_quotes():
    fil = sie.read(FIXTURES / "asele_utf8_ver.si")
    assert len(fil.transaktioner) == 6
    steg = next(t for t in fil.transaktioner if t.konto == "4560")
    assert steg.objekt == {"6": "P10"}
    assert steg.datum == dt.date(2025, 2, 15)
    assert steg.text == "Steg för steg februari"
    arvode = fil.transaktioner[0]
    assert arvode.datum == dt.date(2025, 1, 31) and arvode.text == "Arvoden januari"


def test_pbudget_is_read_beside_psaldo():
    fil = sie.read(FIXTURES / "norradalen_cp437_crlf.se")
    assert [(p.period, p.belopp_ore) for p in fil.pbudget] == [("202501", 13_333_333)]


def test_a_broken_amount_is_refused_with_its_line_number():
    with pytest.raises(sie.SieError, match=r"Rad 4: ”4000,00,0” är inget belopp"):
        sie.read(FIXTURES / "trasig_belopp.se")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"#RES 0 3011\n", "Rad 1: #RES saknar"),
        (b'#FNAMN "utan slut\n', "Rad 1: citattecknet stängs aldrig"),
        (b"#VER A 1 20250101\n{\n#TRANS 1930 {} 10\n", "slutar mitt i en verifikation"),
        (b"#TRANS 1930 {} 10\n", "Rad 1: #TRANS står utanför en #VER"),
        (b"hej\n", "Rad 1: raden börjar inte med en #-etikett"),
        (b"", "inga SIE-poster"),
        (b"#PSALDO 0 2025-1 4560 {} 10\n", "perioden ”2025-1” ska skrivas ÅÅÅÅMM"),
        (b"#RAR 0 2025 20251231\n", "”2025” är inget datum"),
        (b"#PSALDO 0 202501 4560 {6} 10\n", "par av dimension och objekt"),
    ],
)
def test_what_cannot_be_read_is_said_in_swedish(text, message):
    with pytest.raises(sie.SieError, match=message):
        sie.read(text)


def test_unknown_labels_are_skipped_as_the_standard_asks():
    fil = sie.read(b"#FLAGGA 0\n#KPTYP EUBAS97\n#OKAND 1 2 3\n#KONTO 3011 Bidrag\n")
    assert fil.konton == {"3011": "Bidrag"}


def test_a_brace_on_the_ver_line_itself_is_accepted():
    fil = sie.read(b'#VER A 1 20250105 "Hyra" {\n#TRANS 6550 {1 "100"} 1500.00\n}\n')
    assert [(t.konto, t.objekt, t.belopp_ore) for t in fil.transaktioner] == [
        ("6550", {"1": "100"}, 150_000)
    ]
