"""The arbetsbok: the whole förbund file as one Excel workbook, exported and imported back."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from pathlib import Path

import pytest
from arbetsbok_fixtures import fill_forbund
from openpyxl import Workbook, load_workbook

from finsam_desktop import arvoden, backups, moten, storage
from finsam_desktop.arbetsbok import (
    TABLES,
    WorkbookError,
    WorkbookProblem,
    export_workbook,
    import_workbook,
    read_workbook,
    write_content,
)
from finsam_desktop.files import WriteFailed
from finsam_desktop.model import MoteTyp
from finsam_desktop.schema import SCHEMA_VERSION

# -- helpers ------------------------------------------------------------------------------------


def snapshot(ff) -> dict[str, list[tuple]]:
    """Every row of every table, to tell whether a file changed."""
    tables = [
        r["name"]
        for r in ff.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: sorted(ff.conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def cells(path: Path) -> dict[str, list[list[tuple]]]:
    """Each sheet's cells as (value, number format, comment) in order, as a user sees them."""
    wb = load_workbook(path)
    return {
        ws.title: [
            [(c.value, c.number_format, c.comment.text if c.comment else None) for c in row]
            for row in ws.iter_rows()
        ]
        for ws in wb.worksheets
    }


def column_of(ws, header: str) -> int:
    for cell in ws[1]:
        if cell.value == header:
            return cell.column
    raise KeyError(header)


def edit(path: Path, sheet: str, row: int, header: str, value) -> None:
    """Type ``value`` into a cell as a person would in Excel, and save."""
    wb = load_workbook(path)
    ws = wb[sheet]
    ws.cell(row=row, column=column_of(ws, header), value=value)
    wb.save(path)


def row_where(path: Path, sheet: str, header: str, value) -> int:
    ws = load_workbook(path)[sheet]
    col = column_of(ws, header)
    for row in ws.iter_rows(min_row=2):
        if row[col - 1].value == value:
            return row[0].row
    raise KeyError(value)


def refused(ff, book: Path) -> WorkbookError:
    """Import ``book`` into ``ff``, expect a refusal, and check nothing changed."""
    before = snapshot(ff)
    backups_before = backups.list_backups(ff.path, ff.backup_dir)
    with pytest.raises(WorkbookError) as caught:
        import_workbook(ff, book)
    assert snapshot(ff) == before
    assert backups.list_backups(ff.path, ff.backup_dir) == backups_before
    return caught.value


def lines(error: WorkbookError) -> list[str]:
    return [str(p) for p in error.problems]


@pytest.fixture
def full(ff):
    """A förbund with every table filled."""
    fill_forbund(ff)
    return ff


@pytest.fixture
def book(full, tmp_path) -> Path:
    """The full förbund exported as a workbook."""
    path = tmp_path / "arbetsbok.xlsx"
    export_workbook(full, path)
    return path


@pytest.fixture
def new_file(tmp_path):
    f = storage.create_file(tmp_path / "Ny.finsam", namn="Ny")
    yield f
    f.close()


# -- export ------------------------------------------------------------------------------------


def test_the_workbook_has_one_sheet_per_kind_of_thing(book):
    assert load_workbook(book).sheetnames == [
        "Förbund",
        "Inställningar",
        "Medlemmar",
        "Personer",
        "Styrelseuppdrag",
        "Revisorer",
        "Konton",
        "Insatser",
        "Insatser per år",
        "Mål",
        "Målbedömningar",
        "Uppföljning",
        "Möten",
        "Ärenden",
        "Närvaro",
        "Rättelser",
        "Dagordningsmallar",
        "Budgetversioner",
        "Budgetens uppställning",
        "Budget 2025",
        "Budget 2025 (2)",
        "Budget 2026",
        "Utfall 2024",
        "Utfall 2025",
        "Utfall 2025 per månad",
        "Bokslut",
        "Bokslutsspecifikation",
        "Balansprognos",
        "Delårsbalans",
        "Årshjul",
        "Årshjulsregler",
        "Årshjulets start",
        "Rapporttexter",
        "Logotyp",
        "Arvodesregler",
        "Arvodesmottagare",
        "Arvode per möte",
        "Förbundets mål",
        "Förbundets målbedömningar",
        "Justeringar",
        "Justeringssignerare",
        "Justeringsfiler",
        "Betrodda utfärdare",
    ]


def test_every_sheet_has_a_bold_frozen_header_row_and_sensible_widths(book):
    wb = load_workbook(book)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(cell.font.b for cell in ws[1]), ws.title
        for cell in ws[1]:
            width = ws.column_dimensions[cell.column_letter].width
            assert 6 <= width <= 62, (ws.title, cell.value)
    insatser = wb["Insatser"]
    assert insatser.column_dimensions["A"].width >= len("Steg för steg")


def test_a_budget_sheet_looks_like_the_users_own_excel(book):
    ws = load_workbook(book)["Budget 2025 (2)"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "Grupp",
        "Rad",
        "Insats",
        "Konto",
        2025,
        2026,
        2027,
        "Medlem",
        "Ansvar",
        "Verksamhet",
        "Aktivitet/Projekt",
        "Motpart",
        "Härledda år",
        "Slag",
        "Visas under resultatet",
        "Avsnitt",
        "Står för medlemmarna",
    )
    assert rows[1] == (
        "Intäkter",
        "Driftbidrag Försäkringskassan",
        None,
        "3010",
        2511000,
        2511000,
        2600000,
        "Försäkringskassan",
    ) + (None,) * 4 + ("2026, 2027", None, None, "Intäkter", None)
    # the kommun's account string, texts that look like formulas kept as text
    assert rows[3] == (
        "Administration/kansli",
        "Förbundschef",
        None,
        "4520",
        -850000,
        None,
        None,
        None,
        "0100",
        "=V1",
        "+P 7",
        "@M",
        None,
        None,
        None,
        "Styrelse och kansli",
        None,
    )
    assert [r[0] for r in rows[1:]] == [
        "Intäkter",
        "Intäkter",
        "Administration/kansli",
        "Styrelse",
        "Insatser",
        "Insatser",
        "Finansiella poster",
    ]
    assert rows[5][1:3] == ("Steg för steg", "Steg för steg")


def test_amounts_are_numbers_in_kronor_with_thousands_grouped_and_ore_shown_when_present(book):
    wb = load_workbook(book)
    budget = wb["Budget 2025 (2)"]
    region = budget.cell(row=3, column=5)
    assert region.value == 1255500.5
    assert region.number_format == "#,##0.00"  # the column has öre
    fk_2027 = budget.cell(row=2, column=7)
    assert fk_2027.value == 2600000 and fk_2027.number_format == "#,##0"
    forbundschef = wb["Utfall 2024"].cell(row=3, column=5)
    assert forbundschef.value == -830123.45  # kostnader negative, as stored
    insats = wb["Insatser"]
    ansokt = insats.cell(row=row_where(book, "Insatser", "Namn", "Steg för steg"), column=7)
    assert ansokt.value == 1255000.5 and ansokt.number_format == "#,##0.00"
    assert wb["Budget 2025"].cell(row=2, column=5).number_format == "#,##0"


def test_dates_are_real_excel_dates_and_times_real_times(book):
    wb = load_workbook(book)
    moten = wb["Möten"]
    row = row_where(book, "Möten", "Nr", 101)
    datum = moten.cell(row=row, column=column_of(moten, "Datum"))
    assert datum.value == dt.datetime(2025, 2, 14)
    assert datum.number_format == "yyyy-mm-dd"
    start = moten.cell(row=row, column=column_of(moten, "Start"))
    assert start.value == dt.time(9, 0) and start.number_format == "hh:mm"
    assert wb["Förbund"]["C2"].value == dt.datetime(2006, 1, 1)


def test_a_note_on_a_budget_cell_is_an_excel_comment_on_that_cell(book):
    ws = load_workbook(book)["Budget 2025 (2)"]
    assert ws.cell(row=3, column=5).comment.text == "Preliminärt; regionen besked i december"
    assert ws.cell(row=5, column=5).comment.text == "Sex möten à 20 000 kr"
    assert ws.cell(row=2, column=5).comment is None


def test_budgetversioner_lists_each_version_with_its_sheet(book):
    rows = list(load_workbook(book)["Budgetversioner"].iter_rows(values_only=True))
    assert rows[0] == (
        "Blad",
        "År",
        "Namn",
        "Status",
        "Beslutsdatum",
        "Beslut §",
        "Motivering för eget kapital",
    )
    assert rows[1] == ("Budget 2025", 2025, "Förslag", "Förslag", None, None, None)
    assert rows[2] == (
        "Budget 2025 (2)",
        2025,
        "Beslutad budget",
        "Beslutad",
        dt.datetime(2024, 11, 28),
        "§ 52",
        "Eget kapital över taket används för nya insatser.",
    )
    assert rows[3][:2] == ("Budget 2026", 2026)


def test_monthly_utfall_gets_its_own_sheet_beside_the_whole_year(book):
    wb = load_workbook(book)
    assert list(wb["Utfall 2025"].iter_rows(values_only=True)) == [
        ("Grupp", "Rad", "Insats", "Konto", "Belopp", "Medlem"),
        ("Finansiella poster", "Ränteintäkter", None, "844", 1234.56, None),
    ]
    assert list(wb["Utfall 2025 per månad"].iter_rows(values_only=True)) == [
        ("Grupp", "Rad", "Insats", "Konto", "Månad", "Belopp", "Medlem"),
        ("Administration/kansli", "Förbundschef", None, "4520", 1, -70833.33, None),
        ("Styrelse", "Arvoden", None, "5011", 1, -15000, None),
        ("Styrelse", "Arvoden", None, "5011", 2, -22500.5, None),
    ]
    assert "Utfall 2024 per månad" not in wb.sheetnames


def test_references_are_names_and_vocabularies_swedish_words(book):
    wb = load_workbook(book)
    uppdrag = list(wb["Styrelseuppdrag"].iter_rows(values_only=True))
    assert uppdrag[0] == ("Person", "Utsedd av", "Roll", "Funktion", "Från", "Till", "Anteckning")
    assert ("David Lind", "Sollefteå kommun", "Ersättare") in [r[:3] for r in uppdrag]
    narvaro = list(wb["Närvaro"].iter_rows(values_only=True))
    assert (101, "David Lind", "Sollefteå kommun", "Ersättare", "Ja", "Ja") in narvaro
    assert (101, "Cecilia Ärlig", "Sollefteå kommun", "Ledamot", "Nej", "Nej") in narvaro
    insatser = {r[0]: r for r in wb["Insatser"].iter_rows(values_only=True)}
    assert insatser["Steg för steg"][1:5] == (
        "Individinriktad",
        "Sollefteå kommun",
        "Försäkringskassan; Region Västernorrland",
        "Pågående",
    )
    revisorer = {r[0]: r[1] for r in wb["Revisorer"].iter_rows(values_only=True)}
    assert revisorer["Gunnar Granskare"] == "Region Västernorrland; Sollefteå kommun"
    moten = {r[0]: r for r in wb["Möten"].iter_rows(values_only=True)}
    assert moten[101][7] == "Björn Öberg; David Lind"
    arshjul = list(wb["Årshjul"].iter_rows(values_only=True))
    assert arshjul[1][:2] == ("Årsredovisning till medlemmarna", "Ekonomi och rapporter")
    assert arshjul[1][4:] == ("Varje år", "Senast 30 april", "2024; 2025")


def test_settings_show_their_swedish_label_the_value_and_the_default(book):
    rows = list(load_workbook(book)["Inställningar"].iter_rows(values_only=True))
    assert rows[0] == ("Inställning", "Värde", "Standardvärde")
    assert ("Tak för eget kapital (% av årets driftbidrag)", 22.5, 20) in rows
    assert ("Förbundet gör en delårsrapport per 31 augusti", "Nej", "Ja") in rows
    assert ("Antal dagliga säkerhetskopior som sparas", None, 14) in rows


def test_text_that_looks_like_a_formula_stays_text(book, new_file, tmp_path):
    ws = load_workbook(book)["Ärenden"]
    rubriker = [r[3] for r in ws.iter_rows(values_only=True)]
    assert "=SUMMA(A1) är ingen formel" in rubriker
    import_workbook(new_file, book)
    assert new_file.scalar("SELECT count(*) FROM arende WHERE rubrik LIKE '=SUMMA%'") == 1


def test_an_empty_forbund_exports_every_sheet_with_its_headers(ff, tmp_path, new_file):
    path = tmp_path / "tom.xlsx"
    export_workbook(ff, path)
    wb = load_workbook(path)
    assert "Möten" in wb.sheetnames and wb["Möten"].max_row == 1
    assert not [n for n in wb.sheetnames if n.startswith(("Budget 2", "Utfall"))]
    import_workbook(new_file, path)
    assert new_file.forbund_name() == "Samordningsförbundet Test"


def test_export_replaces_the_target_atomically_and_leaves_no_temporary_file(full, tmp_path):
    target = tmp_path / "ut" / "arbetsbok.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"an older export")
    export_workbook(full, target)
    assert zipfile.is_zipfile(target)
    assert [p.name for p in target.parent.iterdir()] == ["arbetsbok.xlsx"]


def test_export_to_a_missing_folder_says_so_in_swedish(full, tmp_path):
    with pytest.raises(WriteFailed) as caught:  # an OSError, as every writer's
        export_workbook(full, tmp_path / "finns-inte" / "arbetsbok.xlsx")
    assert "finns inte" in str(caught.value)
    assert f"mappen {tmp_path / 'finns-inte'} finns inte" in str(caught.value)


# -- round trip ---------------------------------------------------------------------------------


def test_export_import_export_gives_an_identical_workbook(full, book, new_file, tmp_path):
    import_workbook(new_file, book)
    again = tmp_path / "igen.xlsx"
    export_workbook(new_file, again)
    assert cells(again) == cells(book)
    assert again.read_bytes() == book.read_bytes()


def test_exporting_twice_gives_the_same_bytes(full, book, tmp_path):
    time.sleep(1.1)  # zip entries carry seconds; a later export must not differ
    again = tmp_path / "igen.xlsx"
    export_workbook(full, again)
    assert again.read_bytes() == book.read_bytes()


def test_the_imported_file_holds_the_same_facts(full, book, new_file):
    import_workbook(new_file, book)

    def facts(f):
        return {
            "forbund": f.query(
                "SELECT namn, organisationsnummer, bildat, forsta_budgetar FROM forbund"
            ),
            "installning": f.query("SELECT * FROM installning ORDER BY nyckel"),
            "belopp": f.query(
                "SELECT v.ar, v.namn, r.text, b.ar AS bar, b.belopp_ore, b.anteckning "
                "FROM budget_belopp b JOIN budget_rad r ON r.id = b.rad_id "
                "JOIN budget_version v ON v.id = r.version_id ORDER BY 1, 2, 3, 4"
            ),
            "utfall": f.query(
                "SELECT ar, manad, grupp, text, konto, belopp_ore FROM utfall "
                "ORDER BY ar, manad, text, belopp_ore"
            ),
            "bokslut": f.query("SELECT * FROM bokslut ORDER BY ar"),
            "andelar": f.query("SELECT namn, typ, andel FROM medlem ORDER BY namn"),
            "insats": f.query(
                "SELECT namn, ansokt_ore, beskrivning, start, slut FROM insats ORDER BY namn"
            ),
        }

    assert facts(new_file) == facts(full)


def test_meeting_numbers_stay_the_same(full, book, new_file):
    import_workbook(new_file, book)
    assert [r["id"] for r in new_file.query("SELECT id FROM mote ORDER BY id")] == [101, 102, 205]
    assert new_file.query("SELECT rubrik FROM arende WHERE mote_id = 205") == [
        {"rubrik": "Budget 2026"}
    ]


def test_an_ersattare_who_served_still_served_after_the_round_trip(full, book, new_file):
    import_workbook(new_file, book)
    served = new_file.query(
        "SELECT p.namn, u.roll, n.narvarande, n.tjanstgorande FROM narvaro n "
        "JOIN uppdrag u ON u.id = n.uppdrag_id JOIN person p ON p.id = u.person_id "
        "WHERE n.mote_id = 101 AND n.tjanstgorande = 1"
    )
    assert served == [
        {"namn": "David Lind", "roll": "ersattare", "narvarande": 1, "tjanstgorande": 1}
    ]


def test_attendance_finds_the_seat_valid_on_the_meeting_date(full, book, new_file):
    import_workbook(new_file, book)
    # Anna has two FK seats (2019–2023 and 2023–2027); the 2025 meetings use the second.
    seats = new_file.query(
        "SELECT DISTINCT u.fran FROM narvaro n JOIN uppdrag u ON u.id = n.uppdrag_id "
        "JOIN person p ON p.id = u.person_id WHERE p.namn = 'Anna Åström'"
    )
    assert seats == [{"fran": "2023-04-01"}]


def test_the_demo_forbund_round_trips_identically(demo_copy, tmp_path):
    path = demo_copy()
    first, second = tmp_path / "demo.xlsx", tmp_path / "demo-igen.xlsx"
    with storage.open_file(path, storage.OpenOptions(daily_backup=False)) as ff:
        export_workbook(ff, first)
    with storage.create_file(tmp_path / "Kopia.finsam", namn="Kopia") as copy:
        import_workbook(copy, first)
        export_workbook(copy, second)
    assert cells(second) == cells(first)
    assert second.read_bytes() == first.read_bytes()


def test_a_workbook_saved_again_by_a_spreadsheet_program_imports_the_same(
    full, book, new_file, tmp_path, libreoffice
):
    # LibreOffice rewrites everything (shared strings, styles, comments, date formats) the way
    # a spreadsheet program does when a person opens the workbook, edits and saves it.
    import_workbook(new_file, libreoffice(book, tmp_path / "sparad"))
    again = tmp_path / "igen.xlsx"
    export_workbook(new_file, again)
    assert cells(again) == cells(book)


def test_the_workbook_covers_every_table_of_the_schema(ff):
    tables = {
        r["name"]
        for r in ff.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    assert tables - {"_sqlite_migrations"} == set(TABLES), (
        f"schema step {SCHEMA_VERSION} has tables the arbetsbok does not carry"
    )


# -- import into a file -------------------------------------------------------------------------


def test_import_into_a_file_with_content_replaces_it_and_makes_a_backup(full, book, tmp_path):
    other = tmp_path / "annan.xlsx"
    with storage.create_file(tmp_path / "Annan.finsam", namn="Annat förbund") as f:
        with f.write() as db:
            db.execute("INSERT INTO person (namn) VALUES ('Ida Ny')")
        export_workbook(f, other)

    backup = import_workbook(full, other)

    assert backup is not None and backup.exists()
    assert full.forbund_name() == "Annat förbund"
    assert full.query("SELECT namn FROM person") == [{"namn": "Ida Ny"}]
    assert full.scalar("SELECT count(*) FROM mote") == 0
    assert [b.kind for b in backups.list_backups(full.path, full.backup_dir)] == [
        backups.Kind.BEFORE_IMPORT
    ]
    with storage.open_file(backup, storage.OpenOptions(read_only=True)) as saved:
        assert saved.scalar("SELECT count(*) FROM mote") == 3


def test_import_into_a_new_empty_file_makes_no_backup(book, new_file):
    assert import_workbook(new_file, book) is None
    assert new_file.forbund_name() == "Samordningsförbundet Ådalen"


def test_write_content_is_one_undoable_write_named_after_the_import(book, new_file):
    heard = []
    new_file.subscribe(heard.append)
    write_content(new_file, read_workbook(book))
    assert heard == ["Importera arbetsbok"]


def test_an_import_can_be_undone_as_one_action(full, tmp_path):
    other = tmp_path / "annan.xlsx"
    with storage.create_file(tmp_path / "Annan.finsam", namn="Annat förbund") as f:
        export_workbook(f, other)
    full.enable_undo()
    before = snapshot(full)
    import_workbook(full, other)
    assert full.undo_label == "Importera arbetsbok"
    assert full.undo() == "Importera arbetsbok"
    assert snapshot(full) == before


def test_a_file_open_read_only_cannot_take_an_import(full, book, tmp_path):
    full.close()
    with storage.open_file(full.path, storage.OpenOptions(read_only=True)) as ro:
        before = snapshot(ro)
        with pytest.raises(storage.StorageError) as caught:
            import_workbook(ro, book)
        assert "skrivskyddad" in str(caught.value)
        assert snapshot(ro) == before


def test_reading_a_workbook_touches_no_file(book, full):
    before = snapshot(full)
    content = read_workbook(book)
    assert content.forbund["namn"] == "Samordningsförbundet Ådalen"
    assert snapshot(full) == before


# -- what people type ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "ore"),
    [
        ("1 255,5", 125550),
        ("−67 500 kr", -6750000),
        ("2 832 000", 283200000),
        ("-5000", -500000),
        ("1\u00a0255,50", 125550),
        (-5000, -500000),
        (1255.5, 125550),
        (2832000, 283200000),
    ],
)
def test_amounts_typed_as_text_or_numbers_are_read_right(book, new_file, typed, ore):
    edit(book, "Utfall 2025", 2, "Belopp", typed)
    import_workbook(new_file, book)
    assert new_file.scalar("SELECT belopp_ore FROM utfall WHERE text = 'Ränteintäkter'") == ore


def test_a_budget_amount_typed_as_text_is_read_right(book, new_file):
    edit(book, "Budget 2025 (2)", 4, 2026, "−67 500 kr")  # year headers are numbers
    import_workbook(new_file, book)
    assert (
        new_file.scalar(
            "SELECT b.belopp_ore FROM budget_belopp b JOIN budget_rad r ON r.id = b.rad_id "
            "WHERE r.text = 'Förbundschef' AND b.ar = 2026"
        )
        == -6750000
    )


def test_dates_typed_as_text_and_vocabulary_in_any_case_are_read(book, new_file):
    row = row_where(book, "Insatser", "Namn", "Kompetenslyftet")
    edit(book, "Insatser", row, "Start", "2026-02-01")
    edit(book, "Insatser", row, "Slut", "20261231")
    edit(book, "Insatser", row, "Typ", "STRUKTURÖVERGRIPANDE")
    edit(book, "Insatser", row, "Status", "beviljad")  # the code, in lower case
    edit(book, "Insatser", row, "Ansökt belopp", " 300 000 kr ")
    import_workbook(new_file, book)
    assert new_file.query(
        "SELECT typ, status, start, slut, ansokt_ore FROM insats WHERE namn = 'Kompetenslyftet'"
    ) == [
        {
            "typ": "strukturovergripande",
            "status": "beviljad",
            "start": "2026-02-01",
            "slut": "2026-12-31",
            "ansokt_ore": 30000000,
        }
    ]


def test_names_are_matched_whatever_the_case_and_spacing(book, new_file):
    row = row_where(book, "Närvaro", "Person", "David Lind")
    edit(book, "Närvaro", row, "Person", "  david   LIND ")
    edit(book, "Närvaro", row, "Utsedd av", "sollefteå kommun")
    edit(book, "Närvaro", row, "Roll", "ERSÄTTARE")
    edit(book, "Närvaro", row, "Tjänstgörande", "ja")
    import_workbook(new_file, book)
    assert (
        new_file.scalar(
            "SELECT count(*) FROM narvaro n JOIN uppdrag u ON u.id = n.uppdrag_id "
            "JOIN person p ON p.id = u.person_id WHERE p.namn = 'David Lind' AND tjanstgorande = 1"
        )
        == 1
    )


def test_columns_in_another_order_with_headers_in_other_case_are_found(book, new_file):
    wb = load_workbook(book)
    ws = wb["Konton"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    wb.remove(ws)
    ws = wb.create_sheet("konton ")
    ws.append(["  BENÄMNING", "konto"])
    for nummer, benamning in rows[1:]:
        ws.append([benamning, int(nummer)])  # account numbers typed as numbers
    wb.save(book)
    import_workbook(new_file, book)
    assert new_file.query("SELECT nummer, benamning FROM konto WHERE nummer = '5011'") == [
        {"nummer": "5011", "benamning": "Sammanträdesarvoden"}
    ]


def test_headers_below_a_title_row_are_said_once_for_the_sheet(full, book):
    """A title typed above the headers of Konton gave a "Kolumnen saknas" and a "Kolumn A
    har värden men ingen rubrik" for every column, but never where the headers were."""
    wb = load_workbook(book)
    ws = wb["Konton"]
    ws.insert_rows(1, 2)
    ws["A1"] = "Kommunens kontoplan 2025"
    wb.save(book)
    sheet = [line for line in lines(refused(full, book)) if "Konton" in line.split(",")[0]]
    assert sheet == [
        'Blad "Konton", rad 3: Rubrikraden står på rad 3, men den ska vara rad 1. Ta bort '
        "raderna ovanför rubrikerna, spara och importera igen."
    ]


def test_blank_optional_cells_extra_whitespace_and_trailing_empty_rows_are_fine(book, new_file):
    wb = load_workbook(book)
    ws = wb["Personer"]
    ws.append(["  Fia Fredriksson  ", None, "   ", None])
    ws.append([None, None, None, None])
    ws.append(["   ", None, None, None])
    ws.cell(row=40, column=1, value="")
    wb.save(book)
    import_workbook(new_file, book)
    assert new_file.query("SELECT * FROM person WHERE namn LIKE 'Fia%'") == [
        {"id": 6, "namn": "Fia Fredriksson", "epost": "", "telefon": "", "anteckning": ""}
    ]


def test_a_workbook_typed_from_scratch_with_only_the_needed_columns_imports(tmp_path, new_file):
    wb = Workbook()
    wb.remove(wb.active)
    tak = "tak för eget kapital (% av årets driftbidrag)"
    sheets = {
        "Förbund": [["Namn"], ["Samordningsförbundet Nytt"]],
        "Inställningar": [["Inställning", "Värde"], [tak, "15,5"]],
        "Medlemmar": [
            ["Namn", "Typ", "Andel (%)"],
            ["FK", "försäkringskassan", 50],
            ["Regionen", "Region", "25 %"],
            ["Kommunen", "kommun", "25"],
        ],
        "Personer": [["Namn"], ["Olle"]],
        "Styrelseuppdrag": [
            ["Person", "Utsedd av", "Roll", "Från"],
            ["Olle", "Kommunen", "ledamot", "2023-04-01"],
        ],
        "Revisorer": [["Namn"]],
        "Konton": [["Konto"]],
        "Insatser": [["Namn", "Typ"], ["Försök", "individinriktad"]],
        "Insatser per år": [["Insats", "År", "Beviljat"], ["Försök", 2026, "100 000"]],
        "Mål": [["Insats", "Nr", "Mål"]],
        "Målbedömningar": [["Insats", "Mål nr", "År", "Bedömning"]],
        "Uppföljning": [["Insats", "År"]],
        "Möten": [
            ["Nr", "Typ", "Datum", "Start"],
            [1, "Styrelsemöte", dt.date(2026, 2, 3), "9.30"],
        ],
        "Ärenden": [["Möte nr", "Rubrik"], [1, "Öppnande"], [1, "Avslutning"]],
        "Närvaro": [
            ["Möte nr", "Person", "Utsedd av", "Roll"],
            [1, "Olle", "Kommunen", "Ledamot"],
        ],
        "Budgetversioner": [["Blad", "År"], ["Budget 2026", 2026]],
        "Budget 2026": [
            ["Grupp", "Rad", "2026", "2027"],
            ["Intäkter", "Driftbidrag", "1 000 000", None],
        ],
        "Bokslut": [["År"]],
        "Årshjul": [["Rubrik", "Ring", "Datum"]],
        "Rapporttexter": [["Rapport", "År", "Avsnitt"]],
    }
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    path = tmp_path / "handskriven.xlsx"
    wb.save(path)

    import_workbook(new_file, path)

    assert new_file.forbund_name() == "Samordningsförbundet Nytt"
    assert new_file.query("SELECT namn, andel, ordning FROM medlem ORDER BY ordning") == [
        {"namn": "FK", "andel": "50", "ordning": 1},
        {"namn": "Regionen", "andel": "25", "ordning": 2},
        {"namn": "Kommunen", "andel": "25", "ordning": 3},
    ]
    assert new_file.query("SELECT * FROM installning") == [
        {"nyckel": "eget_kapital_tak_procent", "varde": "15.5"}
    ]
    assert new_file.query("SELECT status FROM insats") == [{"status": "ansokan"}]
    assert new_file.query("SELECT starttid FROM mote") == [{"starttid": "09:30"}]
    assert new_file.query("SELECT ordning, rubrik FROM arende ORDER BY id") == [
        {"ordning": 1, "rubrik": "Öppnande"},
        {"ordning": 2, "rubrik": "Avslutning"},
    ]
    assert new_file.query("SELECT narvarande, tjanstgorande FROM narvaro") == [
        {"narvarande": 1, "tjanstgorande": 0}
    ]
    assert new_file.query("SELECT status FROM budget_version") == [{"status": "forslag"}]
    assert new_file.query("SELECT ar, belopp_ore FROM budget_belopp") == [
        {"ar": 2026, "belopp_ore": 100000000}
    ]


def test_a_note_written_in_excel_is_read_without_its_author_line(book, new_file):
    from openpyxl.comments import Comment

    wb = load_workbook(book)
    wb["Budget 2025 (2)"]["E4"].comment = Comment(
        "Karin Ek:\nInklusive semesterersättning", "Karin Ek"
    )
    wb.save(book)
    import_workbook(new_file, book)
    assert (
        new_file.scalar(
            "SELECT b.anteckning FROM budget_belopp b JOIN budget_rad r ON r.id = b.rad_id "
            "WHERE r.text = 'Förbundschef' AND b.ar = 2025"
        )
        == "Inklusive semesterersättning"
    )


# -- a bad workbook is refused whole ------------------------------------------------------------


def test_an_invalid_date_is_refused_naming_sheet_row_and_column(full, book):
    row = row_where(book, "Insatser", "Namn", "Kompetenslyftet")
    edit(book, "Insatser", row, "Start", "2025-13-01")
    error = refused(full, book)
    assert lines(error) == [
        f'Blad "Insatser", rad {row}, kolumn "Start": ”2025-13-01” är inget giltigt datum.'
    ]
    assert error.problems == [
        WorkbookProblem("Insatser", row, "Start", "”2025-13-01” är inget giltigt datum.")
    ]


def test_a_justering_file_edited_in_the_workbook_is_refused_against_its_sha256(full, book):
    """The signed originals are the archive's: one changed or lost part stops the import."""
    ws = load_workbook(book)["Justeringsfiler"]
    data = ws.cell(row=2, column=column_of(ws, "Data (base64)")).value
    edit(book, "Justeringsfiler", 2, "Data (base64)", "QUFB" + data[4:])
    edit(book, "Justeringar", 3, "Status", "Utskickad")
    assert lines(refused(full, book)) == [
        'Blad "Justeringar", rad 2, kolumn "Justeringsversionens SHA-256": Justeringsversion för '
        "version 1 av möte nr 101 saknas eller går inte att läsa i bladet Justeringsfiler.",
        'Blad "Justeringar", rad 3, kolumn "Status": ”Utskickad” är ingen giltig status; skriv en '
        "av: Ute för underskrift, Justerad, Återkallad.",
        'Blad "Justeringsfiler", rad 2, kolumn "Data (base64)": Justeringsversion för version 1 '
        "av möte nr 101 stämmer inte med sin SHA-256 (en del saknas eller är ändrad); exportera "
        "arbetsboken på nytt.",
    ]


def test_every_problem_is_listed_at_once_in_sheet_and_row_order(full, book):
    edit(book, "Medlemmar", 3, "Andel (%)", 120)
    edit(book, "Medlemmar", 4, "Typ", "Landsting")
    edit(book, "Insatser per år", 2, "År", 1999)
    edit(book, "Uppföljning", 2, "Aktiva", -3)
    edit(book, "Ärenden", 2, "Möte nr", 999)
    edit(book, "Möten", 2, "Datum", "")
    error = refused(full, book)
    assert lines(error) == [
        'Blad "Medlemmar", rad 3, kolumn "Andel (%)": 120 går inte som andel; den ska vara '
        "mellan 0 och 100 %.",
        'Blad "Medlemmar", rad 4, kolumn "Typ": ”Landsting” är ingen giltig medlemstyp; skriv '
        "en av: Försäkringskassan, Arbetsförmedlingen, Region, Kommun.",
        'Blad "Insatser per år", rad 2, kolumn "År": 1999 går inte som år; det ska vara mellan '
        "2004 och 2200.",
        'Blad "Uppföljning", rad 2, kolumn "Aktiva": -3 går inte som antal; det ska vara minst 0.',
        'Blad "Möten", rad 2, kolumn "Datum": Värde saknas.',
        'Blad "Ärenden", rad 2, kolumn "Möte nr": Mötet nr 999 finns inte i bladet Möten.',
    ]
    text = str(error)
    assert text.startswith("Arbetsboken kan inte importeras: 6 fel. Ingenting har ändrats")
    assert all(line in text for line in lines(error))


@pytest.mark.parametrize(
    ("sheet", "key_header", "key", "header", "value", "expected"),
    [
        ("Styrelseuppdrag", "Person", "Anna Åström", "Utsedd av", "Kramfors kommun AB",
         "Medlemmen ”Kramfors kommun AB” finns inte i bladet Medlemmar."),
        ("Styrelseuppdrag", "Person", "Anna Åström", "Person", "Bertil",
         "Personen ”Bertil” finns inte i bladet Personer."),
        ("Insatser", "Namn", "Steg för steg", "Medparter", "Försäkringskassan; Skatteverket",
         "Medlemmen ”Skatteverket” finns inte i bladet Medlemmar."),
        ("Insatser per år", "År", 2026, "Insats", "Steg för Steg 2",
         "Insatsen ”Steg för Steg 2” finns inte i bladet Insatser."),
        ("Budget 2025 (2)", "Rad", "Arvoden", "Konto", "5012",
         "Kontot ”5012” finns inte i bladet Konton."),
        ("Budget 2025 (2)", "Rad", "Arvoden", "Insats", "Okänd insats",
         "Insatsen ”Okänd insats” finns inte i bladet Insatser."),
        ("Möten", "Nr", 101, "Justerare", "Björn Öberg; Okänd Person",
         "Personen ”Okänd Person” finns inte i bladet Personer."),
        ("Närvaro", "Person", "Björn Öberg", "Roll", "Ersättare",
         "Björn Öberg har inget uppdrag som ersättare för Region Västernorrland i bladet "
         "Styrelseuppdrag."),
        ("Målbedömningar", "Bedömning", "Till viss del", "Mål nr", 7,
         "Insatsen Steg för steg har inget mål nr 7 i bladet Mål."),
        ("Medlemmar", "Namn", "Kramfors kommun", "Namn", "sollefteå  kommun",
         "Medlemmen ”sollefteå  kommun” finns redan på rad 4."),
        ("Insatser", "Namn", "Kompetenslyftet", "Slut", "2025-12-31",
         "Slut (2025-12-31) är före start (2026-01-01)."),
        ("Budgetversioner", "Blad", "Budget 2025", "Status", "Beslutad",
         ("Beslutsdatum", "En beslutad budget ska ha ett beslutsdatum.")),
        ("Budgetversioner", "Blad", "Budget 2026", "År", 2027,
         "Året 2027 stämmer inte med bladets namn ”Budget 2026”."),
        ("Förbund", "Namn", "Samordningsförbundet Ådalen", "Organisationsnummer", "222000-2064",
         "Kontrollsiffran i ”222000-2064” stämmer inte; kontrollera att alla siffror är rätt."),
        ("Inställningar", "Inställning", "Antal dagliga säkerhetskopior som sparas", "Värde",
         "många", "”många” är inget heltal."),
        # imported, then every report failed with InvalidOperation (exit 70)
        ("Inställningar", "Inställning", "Tak för eget kapital (% av årets driftbidrag)", "Värde",
         "1e30", "”1e30” går inte. Ange högst 100 för ”Tak för eget kapital (% av årets "
         "driftbidrag)”."),
        ("Inställningar", "Inställning", "Antal dagliga säkerhetskopior som sparas", "Värde",
         -5, "”-5” går inte. Ange 0 eller mer för ”Antal dagliga säkerhetskopior som sparas”."),
        ("Årshjul", "Rubrik", "Psykiatriveckan", "Ring", "Semester",
         "”Semester” är ingen giltig ring; skriv en av: Styrelse och beredning, Ekonomi och "
         "rapporter, Insatser, Konferenser och nätverk, Egna."),
        ("Möten", "Nr", 101, "Start", "25:00",
         "”25:00” är inget klockslag; skriv timmar och minuter, t.ex. 09:30."),
        ("Närvaro", "Person", "Björn Öberg", "Närvarande", "kanske",
         "”kanske” är varken Ja eller Nej."),
        ("Utfall 2025 per månad", "Belopp", -15000, "Månad", 13,
         "13 går inte som månad; det ska vara mellan 1 och 12."),
        ("Insatser per år", "År", 2026, "Planerat", "1.255",
         "”1.255” kan läsas på två sätt (tusental eller decimaler). Skriv 1 255 eller 1,255."),
    ],
)  # fmt: skip
def test_a_bad_cell_is_refused_with_sheet_row_column_and_what_was_expected(
    full, book, sheet, key_header, key, header, value, expected
):
    column, message = expected if isinstance(expected, tuple) else (header, expected)
    row = row_where(book, sheet, key_header, key)
    edit(book, sheet, row, header, value)
    error = refused(full, book)
    assert [(p.sheet, p.row, p.column, p.message) for p in error.problems] == [
        (sheet, row, column, message)
    ]


def test_a_repeated_natural_key_is_refused_on_the_later_row(full, book):
    wb = load_workbook(book)
    wb["Möten"].append([102, "Beredning", dt.date(2025, 3, 1)])
    wb["Konton"].append(["3010", "Dubblett"])
    wb["Insatser"].append(["STEG FÖR STEG", "Individinriktad"])
    wb["Bokslut"].append([2024])
    wb.save(book)
    error = refused(full, book)
    assert lines(error) == [
        'Blad "Konton", rad 6, kolumn "Konto": Kontot ”3010” finns redan på rad 2.',
        'Blad "Insatser", rad 4, kolumn "Namn": Insatsen ”STEG FÖR STEG” finns redan på rad 3.',
        'Blad "Möten", rad 5, kolumn "Nr": Mötet nr 102 finns redan på rad 2.',
        'Blad "Bokslut", rad 4, kolumn "År": Bokslutet för 2024 finns redan på rad 3.',
    ]


def test_a_dependent_row_follows_its_broken_reference_into_the_list(full, book):
    # Changing a konto number breaks the budget and utfall rows that use it: all are listed.
    row = row_where(book, "Konton", "Konto", "844")
    edit(book, "Konton", row, "Konto", "8440")
    error = refused(full, book)
    assert [(p.sheet, p.column) for p in error.problems] == [
        ("Budget 2025 (2)", "Konto"),
        ("Utfall 2025", "Konto"),
    ]


def test_a_missing_required_column_is_refused(full, book):
    wb = load_workbook(book)
    ws = wb["Insatser"]
    ws.delete_cols(column_of(ws, "Typ"))
    wb.save(book)
    error = refused(full, book)
    assert lines(error) == [
        'Blad "Insatser", rad 1, kolumn "Typ": Kolumnen saknas; den ska finnas och ha värden.'
    ]


def test_an_unknown_column_and_values_without_a_header_are_refused(full, book):
    wb = load_workbook(book)
    ws = wb["Personer"]
    ws["E1"] = "Mobil"
    ws["G3"] = "något"
    wb.save(book)
    error = refused(full, book)
    assert [(p.row, p.column) for p in error.problems] == [(1, "Mobil"), (3, "G")]
    assert "känns inte igen" in error.problems[0].message


def test_a_missing_sheet_and_an_unknown_sheet_are_refused(full, book):
    wb = load_workbook(book)
    wb.remove(wb["Möten"])
    wb.create_sheet("Mina anteckningar")
    wb.save(book)
    error = refused(full, book)
    sheets = [p.sheet for p in error.problems if p.row is None]
    assert "Möten" in sheets and "Mina anteckningar" in sheets
    # The ärenden and närvaro now point at meetings that are not there, and say so too.
    assert any("finns inte i bladet Möten" in p.message for p in error.problems)


def test_a_budget_sheet_not_listed_in_budgetversioner_is_refused(full, book):
    wb = load_workbook(book)
    wb.copy_worksheet(wb["Budget 2026"]).title = "Budget 2027"
    wb.save(book)
    error = refused(full, book)
    assert lines(error) == [
        'Blad "Budget 2027": Bladet saknas i bladet Budgetversioner; lägg till en rad där med '
        "Blad ”Budget 2027”, År 2027 och status."
    ]


def test_a_note_on_an_empty_budget_cell_is_refused(full, book):
    from openpyxl.comments import Comment

    wb = load_workbook(book)
    wb["Budget 2025 (2)"]["G4"].comment = Comment("Okänt ännu", "Karin")
    wb.save(book)
    error = refused(full, book)
    assert [(p.sheet, p.row, p.column) for p in error.problems] == [("Budget 2025 (2)", 4, "2027")]


def test_an_attendance_row_repeated_is_refused(full, book):
    wb = load_workbook(book)
    ws = wb["Närvaro"]
    ws.append([101, "David Lind", "Sollefteå kommun", "Ersättare", "Ja", "Nej"])
    wb.save(book)
    error = refused(full, book)
    assert [(p.sheet, p.column) for p in error.problems] == [("Närvaro", "Person")]
    assert "finns redan på rad" in error.problems[0].message


def test_a_long_list_of_problems_is_shortened_in_the_message_but_kept_whole(full, book):
    wb = load_workbook(book)
    ws = wb["Personer"]
    for i in range(300):
        ws.append([f"Person {i}", None, None, None])
        ws.append([f"person {i}", None, None, None])
    wb.save(book)
    error = refused(full, book)
    assert len(error.problems) == 300
    assert str(error).splitlines()[-1] == "… och 100 fel till."


@pytest.mark.parametrize(
    "odd",
    [
        "",
        "   ",
        "#N/A",
        "; ;",
        "=1+1",
        -1,
        0,
        1e308,
        -(10**20),
        True,
        dt.datetime(2025, 2, 30 - 2, 13, 45),
        dt.time(23, 59, 59),
        dt.timedelta(hours=30),
        "x" * 5000,
        "2025-02-30",
        "\u2212",
    ],
    ids=repr,
)
def test_any_odd_value_in_any_cell_is_a_listed_problem_never_a_crash(full, book, odd):
    wb = load_workbook(book)
    for ws in wb.worksheets:
        for cell in ws[2]:
            cell.value = odd
    wb.save(book)
    before = snapshot(full)
    try:
        import_workbook(full, book)
    except WorkbookError as error:
        assert error.problems
        assert all(p.sheet for p in error.problems), lines(error)
        assert snapshot(full) == before


# -- files that are not workbooks ---------------------------------------------------------------


def _one_message(error: WorkbookError) -> str:
    assert len(error.problems) == 1
    problem = error.problems[0]
    assert (problem.sheet, problem.row, problem.column) == (None, None, None)
    assert str(error) == problem.message
    assert "Traceback" not in str(error)
    return problem.message


def test_a_garbage_file_gives_one_clear_message(full, tmp_path):
    path = tmp_path / "inte.xlsx"
    path.write_bytes(b"Namn;Typ\nFK;forsakringskassan\n")
    message = _one_message(refused(full, path))
    assert message.startswith("inte.xlsx är ingen Excel-arbetsbok (.xlsx).")


def test_a_truncated_workbook_gives_one_clear_message(full, book):
    data = book.read_bytes()
    book.write_bytes(data[: len(data) // 2])
    message = _one_message(refused(full, book))
    assert "skadad eller ofullständig" in message


def test_a_workbook_with_a_damaged_part_gives_one_clear_message(full, book, tmp_path):
    damaged = tmp_path / "skadad.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    assert "skadad eller ofullständig" in _one_message(refused(full, damaged))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(full, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    assert "för stor" in _one_message(refused(full, bomb))


def test_a_password_protected_workbook_is_refused_with_advice(full, tmp_path):
    # An encrypted .xlsx is an OLE2 compound file holding an "EncryptedPackage" stream.
    path = tmp_path / "hemlig.xlsx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
    )
    message = _one_message(refused(full, path))
    assert "lösenordsskyddad" in message and "ta bort lösenordet" in message


def test_an_old_xls_file_is_refused_with_advice(full, tmp_path):
    path = tmp_path / "gammal.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    assert "Spara som" in _one_message(refused(full, path))


def test_an_opendocument_spreadsheet_is_refused_with_advice(full, tmp_path):
    path = tmp_path / "kalkyl.ods"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    path.write_bytes(buffer.getvalue())
    assert "OpenDocument" in _one_message(refused(full, path))


def test_a_missing_workbook_gives_one_clear_message(full, tmp_path):
    assert "finns inte" in _one_message(refused(full, tmp_path / "saknas.xlsx"))


def test_a_workbook_with_another_extension_is_still_read(book, new_file, tmp_path):
    renamed = tmp_path / "arbetsbok.bin"
    renamed.write_bytes(book.read_bytes())
    import_workbook(new_file, renamed)
    assert new_file.scalar("SELECT count(*) FROM mote") == 3


# -- speed --------------------------------------------------------------------------------------


def test_a_large_forbund_exports_and_imports_whole(full, tmp_path, new_file):
    start = dt.date(2006, 1, 10)
    with full.write() as db:
        x = db.conn.executemany
        x(
            "INSERT INTO insats (id, namn, typ, status, syfte) VALUES (?, ?, 'individinriktad', "
            "'avslutad', 'Fler i arbete')",
            [(1000 + i, f"Insats {i:03d}") for i in range(300)],
        )
        x(
            "INSERT INTO insats_ar VALUES (?, ?, 50000000, 49876543, NULL, NULL)",
            [(1000 + i, y) for i in range(300) for y in (2022, 2023, 2024)],
        )
        x(
            "INSERT INTO mote VALUES (?, 'styrelsemote', ?, '09:00', '12:00', 'Kansliet', "
            "NULL, '', '', '')",
            [(1000 + i, (start + dt.timedelta(days=3 * i)).isoformat()) for i in range(2000)],
        )
        x(
            "INSERT INTO arende (mote_id, ordning, paragraf, rubrik, beslut) "
            "VALUES (?, ?, ?, ?, ?)",
            [(1000 + i, k, k + 1, f"Ärende {k}", "Styrelsen beslutar att godkänna.")
             for i in range(2000) for k in range(6)],
        )  # fmt: skip
        x(
            "INSERT INTO narvaro VALUES (?, ?, 1, 0)",
            [(1000 + i, u) for i in range(2000) for u in (2, 3, 4, 6)],
        )
    path = tmp_path / "stor.xlsx"
    export_workbook(full, path)
    import_workbook(new_file, path)
    # Its speed is measured by bench/run.py, not asserted here.
    assert new_file.scalar("SELECT count(*) FROM arende") == 12004
    assert new_file.scalar("SELECT count(*) FROM narvaro") == 8000 + full.scalar(
        "SELECT count(*) FROM narvaro WHERE mote_id < 1000"
    )


def test_an_exported_workbook_can_be_read_by_colleagues_like_any_new_file(full, tmp_path):
    import os

    target = tmp_path / "Till ekonomienheten.xlsx"
    export_workbook(full, target)
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_personnummer_in_the_workbook_is_checked_and_stored_with_century(full, book, new_file):
    row = row_where(book, "Arvodesmottagare", "Personnummer", "19811218-9876")
    edit(book, "Arvodesmottagare", row, "Personnummer", "811218-9876")
    import_workbook(new_file, book)
    [stored] = [m.personnummer for m in arvoden.mottagare(new_file, dt.date(2025, 3, 1))
                if m.personnummer]  # fmt: skip
    assert stored == "19811218-9876"
    edit(book, "Arvodesmottagare", row, "Personnummer", "19650101-1234")
    error = refused(full, book)
    [problem] = error.problems
    assert (problem.sheet, problem.row, problem.column) == (
        "Arvodesmottagare",
        row,
        "Personnummer",
    )
    assert "inget giltigt personnummer" in str(problem)


def test_rattelser_and_the_standing_items_travel_with_the_workbook(full, book, new_file):
    import_workbook(new_file, book)
    [r] = moten.rattelser(new_file, 101)
    assert (r.datum, r.tidigare_justerat, r.orsak) == (
        dt.date(2025, 2, 25),
        dt.date(2025, 2, 18),
        "Fel belopp i § 2",
    )
    assert moten.mote(new_file, 101).sekreterare == "Stina Sekreterare"
    assert moten.dagordningsmall(new_file, MoteTyp.BEREDNING) == [
        "Incheckning",
        "Ärenden till styrelsen",
    ]
    assert len(moten.dagordningsmall(new_file, MoteTyp.STYRELSEMOTE)) == 9


def test_a_workbook_from_before_the_templates_gives_the_standard_standing_items(
    full, book, new_file
):
    wb = load_workbook(book)
    del wb["Dagordningsmallar"]
    del wb["Rättelser"]
    wb.save(book)
    import_workbook(new_file, book)
    assert moten.dagordningsmall(new_file, MoteTyp.BEREDNING) == [
        "Mötets öppnande",
        "Övriga frågor",
        "Mötets avslutande",
    ]
    assert moten.rattelser(new_file, 101) == []


# -- the förbund's own budget uppställning -------------------------------------------------------


def test_the_uppstallning_comes_back_with_its_rows_in_the_forbunds_order(full, book, new_file):
    # the förbund wants the arvoden before the förbundschef in "Styrelse och kansli"
    chef = row_where(book, "Budget 2025 (2)", "Rad", "Förbundschef")
    arvoden = row_where(book, "Budget 2025 (2)", "Rad", "Arvoden")
    wb = load_workbook(book)
    ws = wb["Budget 2025 (2)"]
    for col in range(1, ws.max_column + 1):
        a, b = ws.cell(chef, col), ws.cell(arvoden, col)
        (a.value, a.data_type), (b.value, b.data_type) = (
            (b.value, b.data_type),
            (
                a.value,
                a.data_type,
            ),
        )  # the kontering "=V1" stays text
    wb.save(book)
    import_workbook(new_file, book)
    from finsam_desktop import uppstallning

    vid = new_file.scalar("SELECT id FROM budget_version WHERE status = 'beslutad'")
    printed = [(a.rubrik, [r["text"] for r in a.rader], a.summa) for a in
               uppstallning.uppstallning(new_file, vid)]  # fmt: skip
    assert printed[:3] == [
        ("Intäkter", ["Driftbidrag Försäkringskassan", "Driftbidrag Region Västernorrland"],
         "Parternas insats"),
        ("Styrelse och kansli", ["Arvoden", "Förbundschef"], "Summa styrelse och kansli"),
        ("", [], "Summa totala kostnader"),
    ]  # fmt: skip


def test_an_older_workbook_without_an_uppstallning_shows_its_budgets_by_meaning(book, new_file):
    wb = load_workbook(book)
    del wb["Budgetens uppställning"]
    for ws in wb.worksheets:
        if ws.title.startswith("Budget 20"):
            ws.delete_cols(column_of(ws, "Avsnitt"))
    wb.save(book)
    import_workbook(new_file, book)
    assert new_file.scalar("SELECT count(*) FROM budget_avsnitt") == 0
    assert new_file.scalar("SELECT count(*) FROM budget_rad WHERE avsnitt_id IS NOT NULL") == 0


def test_an_uppstallning_that_cannot_be_kept_is_refused_where_it_is_typed(full, book):
    sheet = "Budgetens uppställning"
    edit(book, sheet, 4, "Summerar", "Avsnittets rader")  # a summa line with no rows of its own
    edit(book, sheet, 3, "Rubrik", "Intäkter")  # twice on one sheet
    row = row_where(book, "Budget 2025 (2)", "Rad", "Ränteintäkter")
    edit(book, "Budget 2025 (2)", row, "Avsnitt", "Finansnetto")  # no such avsnitt
    problems = lines(refused(full, book))
    assert any(
        f'Blad "{sheet}", rad 4, kolumn "Summerar"' in p and "inga egna rader" in p
        for p in problems
    )
    assert any(f'Blad "{sheet}", rad 3' in p and "”Intäkter”" in p for p in problems)
    assert any(
        'Blad "Budget 2025 (2)"' in p and "Avsnittet ”Finansnetto” finns inte" in p
        for p in problems
    )


def test_an_older_workbook_without_the_bokslut_specification_and_new_columns_imports(
    book, new_file
):
    wb = load_workbook(book)
    del wb["Bokslutsspecifikation"]
    ws = wb["Bokslut"]
    for header in ("Resultatutjämningsreserv", "Antal anställda", "Samtliga realisationsvinster"):
        ws.delete_cols(column_of(ws, header))
    wb.save(book)
    import_workbook(new_file, book)
    assert new_file.scalar("SELECT count(*) FROM bokslut_specifikation") == 0
    row = new_file.query("SELECT * FROM bokslut WHERE ar = 2024")[0]
    assert row["antal_anstallda"] is None
    assert row["realisationsvinster_ore"] == 0 and row["resultatutjamningsreserv_ore"] == 0
    assert row["realisationsvinster_undantag_ore"] == 20000  # a column still there is kept


def test_a_specification_for_a_year_without_a_bokslut_is_refused_where_it_is_typed(full, book):
    wb = load_workbook(book)
    wb["Bokslutsspecifikation"].append([2019, "Kortfristiga skulder", "Personalskatt", 100])
    wb.save(book)
    assert any(
        "Bokslutsspecifikation" in p and "Det finns inget bokslut för 2019" in p
        for p in lines(refused(full, book))
    )


# -- renaming in one place ---------------------------------------------------------------------


def test_an_insats_is_renamed_in_one_cell_and_every_sheet_follows(full, book, new_file):
    """Issue 18.9: one new name in the Insatser sheet; the budget, utfall, ärenden, mål and
    uppföljning sheets may keep naming it the old way."""
    row = row_where(book, "Insatser", "Namn", "Steg för steg")
    edit(book, "Insatser", row, "Nytt namn", "Steg för steg – fas 2")
    import_workbook(new_file, book)
    names = [r["namn"] for r in new_file.query("SELECT namn FROM insats")]
    assert "Steg för steg – fas 2" in names and "Steg för steg" not in names
    renamed = new_file.scalar("SELECT id FROM insats WHERE namn = 'Steg för steg – fas 2'")
    before = full.scalar("SELECT id FROM insats WHERE namn = 'Steg för steg'")
    for table in ("budget_rad", "insats_ar", "mal", "arende"):
        assert new_file.scalar(
            f"SELECT count(*) FROM {table} WHERE insats_id = ?", (renamed,)
        ) == full.scalar(f"SELECT count(*) FROM {table} WHERE insats_id = ?", (before,)), table
    # exported again, the new name stands everywhere and the column is blank
    again = book.with_name("igen.xlsx")
    export_workbook(new_file, again)
    ws = load_workbook(again)["Insatser"]
    assert all(v is None for (v,) in ws.iter_rows(min_row=2, min_col=column_of(ws, "Nytt namn"),
                                                  max_col=column_of(ws, "Nytt namn"),
                                                  values_only=True))  # fmt: skip


def test_a_new_name_that_another_insats_has_is_refused_in_place(full, book):
    names = [r["namn"] for r in full.query("SELECT namn FROM insats ORDER BY id")]
    row = row_where(book, "Insatser", "Namn", names[0])
    edit(book, "Insatser", row, "Nytt namn", names[1])
    problems = lines(refused(full, book))
    assert any(
        f'Blad "Insatser", rad {row}, kolumn "Nytt namn"' in p and f"”{names[1]}”" in p
        for p in problems
    )
