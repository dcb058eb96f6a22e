"""The finsam command as a user runs it: real processes, real files, Swedish sentences."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from finsam_desktop import storage

REPO = Path(__file__).resolve().parents[2]
FINSAM = Path(sys.executable).with_name("finsam")


def finsam(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DISPLAY", None)
    return subprocess.run(
        [str(FINSAM), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd or REPO,
        env=env,
    )


def assert_sentence_without_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("finsam: ")


@pytest.fixture
def demo(demo_copy) -> Path:
    return demo_copy()


def test_demo_writes_a_forbund_file_that_check_finds_in_order(tmp_path):
    path = tmp_path / "Ny demo.finsam"
    made = finsam("demo", path)
    assert made.returncode == 0, made.stderr
    assert path.exists()
    checked = finsam("check", path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "siffrorna stämmer" in checked.stdout


def test_demo_refuses_to_overwrite_a_file(demo):
    before = demo.read_bytes()
    result = finsam("demo", demo)
    assert result.returncode == 2
    assert_sentence_without_traceback(result)
    assert "finns redan" in result.stderr
    assert demo.read_bytes() == before


def test_export_import_export_gives_the_same_workbook_through_the_command(demo, tmp_path):
    from openpyxl import load_workbook

    first, second = tmp_path / "första.xlsx", tmp_path / "andra.xlsx"
    copy = tmp_path / "Kopia.finsam"
    assert finsam("export", demo, first).returncode == 0
    imported = finsam("import", copy, first)
    assert imported.returncode == 0, imported.stderr
    assert finsam("export", copy, second).returncode == 0

    a, b = load_workbook(first), load_workbook(second)
    assert a.sheetnames == b.sheetnames
    for name in a.sheetnames:
        rows_a = [[c.value for c in row] for row in a[name].iter_rows()]
        rows_b = [[c.value for c in row] for row in b[name].iter_rows()]
        assert rows_a == rows_b, name


def test_a_bad_workbook_is_refused_whole_and_the_file_keeps_its_content(demo, tmp_path):
    from openpyxl import load_workbook

    book = tmp_path / "ändrad.xlsx"
    assert finsam("export", demo, book).returncode == 0
    wb = load_workbook(book)
    sheet = wb["Insatser"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=headers.index("Start") + 1, value="2025-13-01")
    wb.save(book)
    with storage.open_file(demo, storage.OpenOptions(read_only=True)) as ff:
        before = ff.query("SELECT * FROM insats ORDER BY id")

    result = finsam("import", demo, book)

    assert result.returncode == 2
    assert_sentence_without_traceback(result)
    assert "Insatser" in result.stderr and "Start" in result.stderr and "rad 2" in result.stderr
    with storage.open_file(demo, storage.OpenOptions(read_only=True)) as ff:
        assert ff.query("SELECT * FROM insats ORDER BY id") == before


def test_importing_a_bad_workbook_into_a_new_file_leaves_no_file(tmp_path):
    book = tmp_path / "trasig.xlsx"
    book.write_bytes(b"PK\x03\x04 not really a workbook")
    target = tmp_path / "Ny.finsam"
    result = finsam("import", target, book)
    assert result.returncode == 2
    assert_sentence_without_traceback(result)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [book]


def test_check_exits_1_and_says_what_does_not_add_up(demo):
    with storage.open_file(demo) as ff:
        year = ff.scalar("SELECT max(ar) FROM bokslut")
        with ff.write() as db:
            db.execute(
                "UPDATE bokslut SET kassa_och_bank_ore = kassa_och_bank_ore * 10 WHERE ar = ?",
                (year,),
            )
    result = finsam("check", demo)
    assert result.returncode == 1
    assert f"{year}" in result.stdout
    assert "tillgångar" in result.stdout.lower()
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "says"),
    [(b"", "inte en förbundsfil"), (b"Konto;Belopp\n", "inte en förbundsfil")],
)
def test_check_on_a_file_that_is_not_ours_exits_2_with_a_sentence(tmp_path, content, says):
    path = tmp_path / "Fel.finsam"
    path.write_bytes(content)
    result = finsam("check", path)
    assert result.returncode == 2
    assert_sentence_without_traceback(result)
    assert says in result.stderr


def test_a_folder_named_as_the_file_to_read_is_said_to_be_a_folder(tmp_path):
    """A folder given as the workbook, the utfall file or the backup was said not to exist."""
    folder = tmp_path / "Utfall.xlsx"
    folder.mkdir()
    for args in (
        ("import", tmp_path / "Ny.finsam", folder),
        ("import-utfall", tmp_path / "Ny.finsam", folder, "--year", "2025"),
        ("restore", tmp_path / "Ny.finsam", folder),
    ):
        result = finsam(*args)
        assert result.returncode == 2, args
        assert_sentence_without_traceback(result)
        assert f"{folder} är en mapp, inte en fil." in result.stderr, args
    assert not (tmp_path / "Ny.finsam").exists()


def test_a_missing_file_and_wrong_arguments_exit_2_in_swedish(tmp_path):
    missing = finsam("export", tmp_path / "Saknas.finsam", tmp_path / "ut.xlsx")
    assert missing.returncode == 2
    assert "finns inte" in missing.stderr
    wrong = finsam("export", tmp_path / "Saknas.finsam")
    assert wrong.returncode == 2
    assert "argument saknas" in wrong.stderr
    not_xlsx = finsam("export", tmp_path / "Saknas.finsam", tmp_path / "ut.csv")
    assert not_xlsx.returncode == 2
    assert ".xlsx" in not_xlsx.stderr


def test_backups_are_listed_and_restored_from_the_command_line(demo):
    storage.open_file(demo).close()  # first open of the day makes a backup
    listed = finsam("backups", demo)
    assert listed.returncode == 0
    assert "Daglig" in listed.stdout
    backup = Path(listed.stdout.splitlines()[0].split()[-1])
    with storage.open_file(demo, storage.OpenOptions(daily_backup=False)) as ff, ff.write() as db:
        db.execute("DELETE FROM arshjul_post")
    restored = finsam("restore", demo, backup)
    assert restored.returncode == 0, restored.stderr
    conn = sqlite3.connect(demo)
    assert conn.execute("SELECT count(*) FROM arshjul_post").fetchone()[0] > 0
    conn.close()


def test_commands_other_than_the_app_never_import_qt(demo, tmp_path):
    script = (
        "import sys\n"
        "from finsam_desktop import cli\n"
        f"cli.main(['check', {str(demo)!r}])\n"
        f"cli.main(['export', {str(demo)!r}, {str(tmp_path / 'b.xlsx')!r}])\n"
        "print('Qt loaded' if 'PySide6' in sys.modules else 'no Qt')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert out.stdout.strip().endswith("no Qt"), out.stderr


def test_restore_repairs_a_file_too_damaged_to_open(demo):
    with storage.open_file(demo) as ff:  # the day's first open writes a backup
        insatser = ff.scalar("SELECT count(*) FROM insats")
    backup = Path(finsam("backups", demo).stdout.splitlines()[0].split()[-1])
    data = bytearray(demo.read_bytes())
    data[120:4096] = b"\xff" * (4096 - 120)
    demo.write_bytes(bytes(data))
    broken = finsam("check", demo)
    assert broken.returncode == 2 and "skadad" in broken.stderr

    result = finsam("restore", demo, backup)

    assert result.returncode == 0, result.stderr
    assert "var skadad" in result.stdout
    with storage.open_file(demo, storage.OpenOptions(read_only=True)) as ff:
        assert ff.scalar("SELECT count(*) FROM insats") == insatser


def test_starting_the_app_without_a_display_says_so_in_swedish(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["FINSAM_DATA_DIR"] = str(tmp_path)
    result = subprocess.run([str(FINSAM)], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 3
    assert "Ingen skärm hittades" in result.stderr and "xvfb-run" in result.stderr


def test_reading_commands_upgrade_a_file_from_an_older_version_after_its_backup(tmp_path):
    from sqlite_utils import Database

    from finsam_desktop.schema import KNOWN_STEPS, migrations

    path = tmp_path / "Gammal.finsam"
    conn = sqlite3.connect(path)
    migrations.apply(Database(conn, execute_plugins=False), stop_before=KNOWN_STEPS[1])
    conn.execute("INSERT INTO forbund (id, namn) VALUES (1, 'Gamla förbundet')")
    conn.commit()
    conn.close()

    result = finsam("check", path)

    assert "Traceback" not in result.stderr
    assert "är uppgraderad" in result.stderr
    backups = list((tmp_path / "Gammal-säkerhetskopior").iterdir())
    assert [b.name for b in backups if "fore-uppgradering" in b.name]
    with storage.open_file(path, storage.OpenOptions(read_only=True)) as ff:
        assert ff.schema_version == len(KNOWN_STEPS)


def test_import_utfall_places_unmapped_accounts_by_class_when_asked(tmp_path):
    """Issue 17: a real SIE export, refused account by account by default, imported with
    --unmapped by-class, saying where each account went."""
    from finsam_desktop import storage

    path = tmp_path / "F.finsam"
    storage.create_file(path, namn="Samordningsförbundet F").close()
    source = Path(__file__).parent.parent / "fixtures" / "sie-jsisie" / "SIE_exempelfil.se"
    refused = finsam("import-utfall", path, source, "--year", "2011")
    out = finsam("import-utfall", path, source, "--year", "2011", "--unmapped", "by-class")
    assert refused.returncode == 2, refused.stderr
    assert "hör inte till någon budgetrad eller grupp" in refused.stderr
    assert refused.stderr.count("\n") < 40  # a few lines per account, not one per posting
    assert out.returncode == 0, out.stderr
    assert "placerades efter kontoklass i" in out.stdout
