"""Imports that cannot be half-read (issue 12, section 7): an .xlsx is read whole or refused.

A formula without a saved value, an error cell, more text than Excel holds in a cell, two sheets
named alike and a zip bomb are each refused with one Swedish sentence naming where, and the
förbund file is left as it was. The arbetsbok and the utfall import share one reader
(``finsam_desktop.xlsx``), so both are tried here.
"""

from __future__ import annotations

import re
import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from arbetsbok_fixtures import fill_forbund
from openpyxl import Workbook, load_workbook

from finsam_desktop import cli, storage
from finsam_desktop import utfall_import as imp
from finsam_desktop.arbetsbok import WorkbookError, export_workbook, import_workbook

# LibreOffice is not installed where these tests were written, so the "saved by a spreadsheet
# program" case writes the cached <v> value into the sheet XML itself, as Excel and
# LibreOffice do when they save a formula.


def snapshot(ff) -> dict[str, list[tuple]]:
    tables = [
        r[0]
        for r in ff.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: sorted(ff.conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def rewrite(path: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """Rewrite every part of the .xlsx at ``path`` through ``change(name, data)``."""
    copy = path.with_name("omskriven-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, change(item.filename, src.read(item.filename)))
    copy.replace(path)
    return path


def with_cached_values(path: Path, value: str) -> Path:
    """Give every formula of the workbook the saved value ``value``, as a spreadsheet would."""

    def change(name: str, data: bytes) -> bytes:
        if not name.startswith("xl/worksheets/"):
            return data
        return re.sub(
            rb"(<f>[^<]*</f>)<v\s*(?:/>|></v>)", rb"\1<v>" + value.encode() + b"</v>", data
        )

    return rewrite(path, change)


def rename_sheet(path: Path, old: str, new: str) -> Path:
    """Rename a sheet in workbook.xml only, where openpyxl would not let the name be."""

    def change(name: str, data: bytes) -> bytes:
        if name != "xl/workbook.xml":
            return data
        return data.replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())

    return rewrite(path, change)


def replace_text(path: Path, old: str, new: str) -> Path:
    """Replace a text in the parts themselves: openpyxl cuts what it writes at 32 767. Give
    ``old`` in ASCII: with lxml present (pikepdf brings it) openpyxl writes other letters as
    character references, and the bytes would not be found."""
    assert old.isascii(), old
    return rewrite(path, lambda _name, data: data.replace(old.encode(), new.encode()))


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    """A .xlsx well under 1 MB whose one sheet unpacks to more than any import allows."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b"<worksheet><sheetData>")
            padding = b" " * (1 << 20)
            for _ in range(64):  # 64 MB of highly compressible padding
                sheet.write(padding)
            sheet.write(b"</sheetData></worksheet>")
    assert path.stat().st_size < 1024 * 1024
    return path


# -- the arbetsbok ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """The full test förbund as an arbetsbok, exported once for the module."""
    folder = tmp_path_factory.mktemp("export")
    with storage.create_file(folder / "Full.finsam", namn="Full") as ff:
        fill_forbund(ff)
        export_workbook(ff, folder / "arbetsbok.xlsx")
    return folder / "arbetsbok.xlsx"


@pytest.fixture
def book(exported, tmp_path) -> Path:
    path = tmp_path / "arbetsbok.xlsx"
    shutil.copy(exported, path)
    return path


@pytest.fixture
def full(ff):
    fill_forbund(ff)
    return ff


def refused(ff, book: Path) -> WorkbookError:
    """Import ``book`` into ``ff``, expect a refusal, and check nothing changed."""
    before = snapshot(ff)
    with pytest.raises(WorkbookError) as caught:
        import_workbook(ff, book)
    assert snapshot(ff) == before
    assert "Traceback" not in str(caught.value)
    return caught.value


def set_cells(path: Path, sheet: str, values: dict[str, object]) -> None:
    wb = load_workbook(path)
    for ref, value in values.items():
        wb[sheet][ref] = value
    wb.save(path)


def test_formulas_without_saved_values_are_refused_naming_the_cells(full, book):
    # openpyxl writes the formula and no value, as any program that does not calculate
    set_cells(book, "Budget 2025 (2)", {"E4": "=-800000-50000", "E5": "=-100000-20000"})
    error = refused(full, book)
    [problem] = error.problems
    assert problem.sheet == "Budget 2025 (2)"
    assert "E4, E5" in problem.message
    assert "räkna om och spara i Excel eller LibreOffice" in problem.message
    assert 'Blad "Budget 2025 (2)"' in str(error)


def test_many_formulas_are_named_up_to_a_limit_and_counted(full, book):
    set_cells(book, "Budget 2025 (2)", {f"F{r}": "=1+1" for r in range(2, 30)})
    [problem] = refused(full, book).problems
    assert "F2, F3" in problem.message and "celler till" in problem.message


def test_a_formula_with_its_saved_value_is_read_as_that_value(book, tmp_path):
    set_cells(book, "Budget 2025 (2)", {"E4": "=-800000-50000"})
    with_cached_values(book, "-850000")
    with storage.create_file(tmp_path / "Ny.finsam", namn="Ny") as new:
        import_workbook(new, book)
        amount = new.scalar(
            "SELECT b.belopp_ore FROM budget_belopp b JOIN budget_rad r ON r.id = b.rad_id "
            "JOIN budget_version v ON v.id = r.version_id "
            "WHERE r.text = 'Förbundschef' AND b.ar = 2025 AND v.id = "
            "(SELECT max(id) FROM budget_version WHERE ar = 2025)"
        )
    assert amount == -85_000_000


@pytest.mark.parametrize("error", ["#DIV/0!", "#N/A", "#REF!"])
def test_an_error_cell_as_the_forbunds_name_is_refused_naming_the_cell(full, book, error):
    set_cells(book, "Förbund", {"A2": error})  # openpyxl writes these as error cells (t="e")
    problems = refused(full, book).problems
    [problem] = [p for p in problems if p.sheet == "Förbund"]
    assert (problem.row, problem.column) == (2, "Namn")
    assert f"visar felet {error}" in problem.message


def test_a_cell_longer_than_excel_holds_is_refused_naming_the_cell(full, book):
    set_cells(book, "Insatser", {"A2": "LONG TEXT"})
    replace_text(book, "LONG TEXT", "Steg" + "x" * 40_000)
    problems = refused(full, book).problems
    [problem] = [p for p in problems if p.sheet == "Insatser" and p.row == 2]
    assert problem.column == "Namn"
    assert "40\u00a0004 tecken" in problem.message and "32\u00a0767" in problem.message


def test_two_sheets_named_alike_but_for_case_are_refused_by_their_real_names(full, book):
    wb = load_workbook(book)
    wb.copy_worksheet(wb["Insatser"]).title = "Kopia"
    wb.save(book)
    rename_sheet(book, "Kopia", "INSATSER")  # openpyxl itself would have called it INSATSER1
    [problem] = refused(full, book).problems
    assert problem.sheet == "INSATSER"
    assert "samma namn som bladet ”Insatser”" in problem.message


def test_a_zip_bomb_arbetsbok_is_refused_at_once(full, zip_bomb):
    bomb = zip_bomb
    started = time.monotonic()
    [problem] = refused(full, bomb).problems
    assert time.monotonic() - started < 0.5
    assert "för stor" in problem.message


# -- utfall and kontoplan from Excel ------------------------------------------------------------


@pytest.fixture
def forbund(ff):
    """A förbund with a 2025 budget, utfall already stored and a saved Excel mapping."""
    with ff.write("Grund") as db:
        db.execute("INSERT INTO budget_version (ar, namn) VALUES (2025, 'Budget 2025')")
        db.execute(
            "INSERT INTO utfall (ar, manad, grupp, ordning, text, belopp_ore) "
            "VALUES (2025, NULL, 'administration', 1, 'Förbundschef', -85000000)"
        )
        db.execute(
            "INSERT INTO installning (nyckel, varde) VALUES ('utfall_excel_mappning', ?), "
            "('utfall_konto_grupp', ?)",
            (MAPPNING.to_json(), '{"7410": "administration"}'),
        )
    return ff


MAPPNING = imp.Mappning(konto="Konto", belopp="Belopp", intakter_negativa=False)


def utfall_rows(ff) -> list[tuple]:
    return ff.conn.execute("SELECT * FROM utfall ORDER BY id").fetchall()


def utfall_file(path: Path, rows: list[tuple]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Utfall"
    ws.append(["Konto", "Belopp"])
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def refused_utfall(ff, path: Path) -> imp.UtfallImportError:
    before = utfall_rows(ff)
    with pytest.raises(imp.UtfallImportError) as caught:
        imp.importera_excel(ff, path, 2025)
    assert utfall_rows(ff) == before
    return caught.value


def test_an_utfall_zip_bomb_is_refused_at_once_in_swedish(forbund, zip_bomb, capsys):
    bomb = zip_bomb
    started = time.monotonic()
    error = refused_utfall(forbund, bomb)
    assert time.monotonic() - started < 0.5
    assert "bomb.xlsx är för stor" in str(error)
    path = forbund.path
    forbund.close()
    started = time.monotonic()
    code = cli.main(["import-utfall", str(path), str(bomb), "--year", "2025"])
    assert time.monotonic() - started < 2
    err = capsys.readouterr().err
    assert code == cli.EXIT_BAD_INPUT and "för stor" in err and "Traceback" not in err


def test_utfall_formulas_without_saved_values_are_refused_naming_the_cells(forbund, tmp_path):
    path = utfall_file(tmp_path / "u.xlsx", [(7410, "=-50000*2"), (7410, "=B2")])
    error = refused_utfall(forbund, path)
    assert "Blad ”Utfall”: Cellerna B2, B3 har formler utan sparat värde" in str(error)
    assert "räkna om och spara i Excel eller LibreOffice" in str(error)


def test_utfall_formulas_with_saved_values_import_those_values(forbund, tmp_path):
    path = with_cached_values(utfall_file(tmp_path / "u.xlsx", [(7410, "=-50000*2")]), "-100000")
    imp.importera_excel(forbund, path, 2025)
    assert forbund.conn.execute("SELECT belopp_ore FROM utfall").fetchall() == [(-10_000_000,)]


@pytest.mark.parametrize("error", ["#DIV/0!", "#N/A", "#VALUE!"])
def test_an_utfall_error_cell_is_refused_naming_row_and_cell(forbund, tmp_path, error):
    path = utfall_file(tmp_path / "u.xlsx", [(7410, -1000), (7410, error)])
    problems = refused_utfall(forbund, path).problem
    assert problems == [
        f"Rad 3: Cellen B3 visar felet {error} i stället för ett värde. Rätta formeln eller "
        "skriv in värdet, spara och importera igen."
    ]


def test_an_utfall_cell_longer_than_excel_holds_is_refused(forbund, tmp_path):
    path = replace_text(utfall_file(tmp_path / "u.xlsx", [("LONG", -1000)]), "LONG", "7" * 40_000)
    [problem] = refused_utfall(forbund, path).problem
    assert problem.startswith("Rad 2: Cellen A2 har 40\u00a0000 tecken")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (1e30, "Rad 2: 1e+30 är ett för stort belopp. (cell B2)"),
        (10**29, "är ett för stort belopp. (cell B2)"),
        ("1e999999999", "Rad 2: ”1e999999999” är inte ett belopp"),
        ("1" * 30, "är ett för stort belopp. (cell B2)"),
        ("999 999 999 999 mkr", "Rad 2: ”999 999 999 999 mkr” är ett för stort belopp"),
    ],
    ids=["1e30", "30-digit-number", "1e999999999", "30-digit-text", "mkr"],
)
def test_utfall_amounts_beyond_any_forbund_are_refused_naming_the_cell(
    forbund, tmp_path, amount, message
):
    path = utfall_file(tmp_path / "u.xlsx", [(7410, amount)])
    [problem] = refused_utfall(forbund, path).problem
    assert message in problem


def test_utfall_sheets_named_alike_but_for_case_are_refused(forbund, tmp_path):
    path = utfall_file(tmp_path / "u.xlsx", [(7410, -1000)])
    wb = load_workbook(path)
    wb.create_sheet("Kopia")
    wb.save(path)
    rename_sheet(path, "Kopia", "UTFALL")
    error = refused_utfall(forbund, path)
    assert error.problem == [
        "Blad ”UTFALL”: Bladet har samma namn som bladet ”Utfall”; Excel skiljer inte på stora "
        "och små bokstäver i bladnamn. Byt namn på det ena bladet eller ta bort det, spara och "
        "importera igen."
    ]


def test_a_kontoplan_with_formulas_without_values_or_error_cells_is_refused(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Konto", "Benämning"])
    ws.append([3011, '="Bidrag från "&"FK"'])
    wb.save(tmp_path / "k.xlsx")
    with pytest.raises(imp.UtfallImportError, match="Cellen B2 har en formel utan sparat värde"):
        imp.las_kontoplan_excel(tmp_path / "k.xlsx")
    ws["B2"] = "#N/A"
    wb.save(tmp_path / "k.xlsx")
    with pytest.raises(imp.UtfallImportError) as caught:
        imp.las_kontoplan_excel(tmp_path / "k.xlsx")
    assert caught.value.problem[0].startswith("Rad 2: Cellen B2 visar felet #N/A")


# -- the year -----------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [1997, 2003, 2201, 99999])
def test_an_utfall_year_the_file_cannot_hold_is_refused_saying_which_years_it_has(
    forbund, tmp_path, year
):
    path = utfall_file(tmp_path / "u.xlsx", [(7410, -1000)])
    sie_path = tmp_path / "u.se"
    sie_path.write_bytes(b"#RAR 0 19970101 19971231\n#RES 0 7410 1000.00\n")
    for run in (
        lambda: imp.importera_excel(forbund, path, year),
        lambda: imp.importera_sie(forbund, sie_path, year),
        lambda: imp.spara(forbund, year, [imp.Post(None, "7410", None, -100, "rad 1")],
                          imp.sparade_val(forbund), kalla="test"),
    ):  # fmt: skip
        before = utfall_rows(forbund)
        with pytest.raises(imp.UtfallImportError) as caught:
            run()
        assert utfall_rows(forbund) == before
        assert str(caught.value) == (
            f"Året {year} går inte: utfall kan gälla åren 2004–2200. Förbundsfilen har budget "
            "eller utfall för 2025. Välj rätt år och importera igen."
        )


def test_import_utfall_with_the_year_1997_says_so_with_exit_2(forbund, tmp_path, capsys):
    sie_path = tmp_path / "u.se"
    sie_path.write_bytes(b"#RAR 0 19970101 19971231\n#RES 0 7410 1000.00\n")
    path = forbund.path
    forbund.close()
    code = cli.main(["import-utfall", str(path), str(sie_path), "--year", "1997"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_BAD_INPUT
    assert "Året 1997 går inte" in err and "Traceback" not in err


# -- SIE ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"#RAR 0 20250101 20251231\n#RES 0 7410 1e30\n", "Rad 2: beloppet ”1e30” går inte"),
        (b"#RAR 0 20250101 20251231\n#RES 0 7410 1e999999999\n", "”1e999999999” går inte"),
        (b"#RAR 0 20250101 20251231\n#RES 0 7410 " + b"9" * 30 + b"\n", "Rad 2: beloppet ”999"),
        (b"\xef\xbb\xbf#RAR 0 20250101 20251231\n#FNAMN \x94\n", "Filen börjar som UTF-8"),
    ],
    ids=["1e30", "1e999999999", "30-digits", "bom-then-cp437"],
)
def test_an_sie_file_that_cannot_be_read_stores_nothing_and_says_why(
    forbund, tmp_path, capsys, data, message
):
    path = tmp_path / "utfall.se"
    path.write_bytes(data)
    before = utfall_rows(forbund)
    with pytest.raises(imp.UtfallImportError, match=message):
        imp.importera_sie(forbund, path, 2025)
    assert utfall_rows(forbund) == before
    file = forbund.path
    forbund.close()
    code = cli.main(["import-utfall", str(file), str(path), "--year", "2025"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_BAD_INPUT and message in err and "Traceback" not in err


def test_a_sheet_whose_compressed_data_is_garbled_is_refused_as_damaged(full, book):
    # A flipped byte inside a deflated sheet (found by tests/test_hostile_files.py): zlib.error
    # while the reader looked for formulas.
    set_cells(book, "Förbund", {"E1": "=1+1"})
    data = bytearray(book.read_bytes())
    with zipfile.ZipFile(book) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start] ^= 0xFF
    book.write_bytes(bytes(data))
    [problem] = refused(full, book).problems
    assert "skadad eller ofullständig" in problem.message


def _as_strict(source: Path, target: Path) -> Path:
    """``source`` with the namespaces Excel writes when saving as Strict Open XML."""
    swaps = [
        (b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
         b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
        (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
         b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
    ]  # fmt: skip
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            for old, new in swaps:
                data = data.replace(old, new)
            out.writestr(info, data)
    return target


def test_a_strict_open_xml_arbetsbok_is_said_to_be_one(full, book, tmp_path):
    """openpyxl reads a Strict Open XML workbook as one without sheets: every sheet of the
    arbetsbok was said to be missing."""
    strict = _as_strict(book, tmp_path / "strikt.xlsx")
    problems = [str(p) for p in refused(full, strict).problems]
    assert len(problems) == 1
    assert "strikt.xlsx är sparad som Strikt Open XML-kalkylblad" in problems[0]


def test_a_strict_open_xml_utfall_file_is_said_to_be_one(forbund, tmp_path):
    """The utfall was refused with "har inget kalkylblad", a workbook full of sheets."""
    utfall = _as_strict(utfall_file(tmp_path / "u.xlsx", [(7410, -100)]), tmp_path / "su.xlsx")
    assert str(refused_utfall(forbund, utfall)).startswith(
        "su.xlsx är sparad som Strikt Open XML-kalkylblad"
    )
