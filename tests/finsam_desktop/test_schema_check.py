"""A file is what the schema says, or it is refused, before any page or command reads it.

Each altered file below gave a traceback somewhere (the window at start, check, export, report,
import) or passed `finsam check` as whole; now each is refused with a Swedish sentence that says
what is wrong, the file is left as it was, and the latest backup is offered.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from finsam_desktop import backups, insatser, storage
from finsam_desktop.storage import OpenOptions, Problem, StorageError

REPO = Path(__file__).resolve().parents[2]


def _alter(path: Path, *statements: str) -> bytes:
    conn = sqlite3.connect(path, isolation_level=None)
    for sql in statements:
        conn.execute(sql)
    conn.close()
    return path.read_bytes()


def _refused(path: Path, *, read_only: bool = False) -> StorageError:
    with pytest.raises(StorageError) as err:
        storage.open_file(path, OpenOptions(read_only=read_only, daily_backup=False))
    assert err.value.offers_backup
    if err.value.problem is not Problem.CORRUPT:
        assert err.value.problem is Problem.UNSAFE
        assert "inte en förbundsfil som Finsam Desktop kan lita på" in err.value.message
    return err.value


@pytest.fixture
def closed(ff, tmp_file) -> Path:
    iid = insatser.ny_insats(ff, "Lots för unga")
    insatser.satt_belopp(ff, iid, 2026, "beviljat_ore", 50_000_000)
    with ff.write("Person") as db:
        db["person"].insert({"namn": "Åsa Öberg"})
    ff.close()
    return tmp_file


def test_a_virtual_table_is_refused(closed):
    content = _alter(closed, "CREATE VIRTUAL TABLE sok USING fts5(text)")
    err = _refused(closed)
    assert (
        "tabellerna sok, sok_config, sok_content, sok_data och 2 till hör inte till en förbundsfil"
        in err.message
    )
    assert closed.read_bytes() == content


def test_extra_tables_with_a_foreign_key_cycle_are_refused(closed):
    _alter(
        closed,
        "CREATE TABLE a (id INTEGER PRIMARY KEY, b_id REFERENCES b(id))",
        "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id REFERENCES a(id))",
    )
    err = _refused(closed, read_only=True)
    assert "tabellerna a, b hör inte till en förbundsfil" in err.message


def test_a_table_made_non_strict_holding_text_in_an_amount_is_refused(closed):
    conn = sqlite3.connect(closed, isolation_level=None)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'insats_ar'").fetchone()[0]
    conn.executescript(
        "PRAGMA foreign_keys = OFF;"
        "ALTER TABLE insats_ar RENAME TO gammal;"
        + sql.replace(") STRICT", ")")
        + ";INSERT INTO insats_ar SELECT * FROM gammal; DROP TABLE gammal;"
        "UPDATE insats_ar SET beviljat_ore = 'mycket';"
    )
    conn.close()
    err = _refused(closed)
    assert "tabellen insats_ar är ändrad (kolumner, typer eller regler)" in err.message


def test_a_row_that_breaks_a_check_rule_is_refused_rather_than_passed_as_whole(closed):
    conn = sqlite3.connect(closed, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE insats SET typ = 'annat'")
    conn.close()
    for read_only in (False, True):  # the app, and `finsam check`
        err = _refused(closed, read_only=read_only)
        assert "är skadad" in err.message or (
            "1 rad i tabellen insats bryter mot tabellens regler" in err.message
        )


def test_a_name_that_is_not_utf8_is_refused_instead_of_crashing_the_window(closed):
    _alter(closed, "UPDATE person SET namn = CAST(x'c3852073ff61' AS TEXT)")
    err = _refused(closed)
    assert "tabellen person har text som inte går att läsa" in err.message


def test_a_missing_index_and_a_missing_table_are_named(closed):
    _alter(closed, "DROP TABLE arshjul_klar")
    err = _refused(closed)
    assert "tabellen arshjul_klar saknas" in err.message


def test_check_on_an_altered_file_says_so_in_swedish_with_exit_2(closed):
    _alter(closed, "CREATE VIRTUAL TABLE sok USING fts5(text)")
    done = subprocess.run(
        [sys.executable, "-m", "finsam_desktop.cli", "check", str(closed)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "tabellerna sok, sok_config" in done.stderr and "hör inte till" in done.stderr


def test_the_window_offers_the_latest_backup_for_an_altered_file(ff, tmp_file):
    backups.make_backup(ff, backups.Kind.MANUAL)
    ff.close()
    _alter(tmp_file, "CREATE TABLE extra (x)")
    err = _refused(tmp_file)
    assert err.offers_backup


def test_every_demo_and_older_file_still_opens(demo_copy):
    path = demo_copy()
    with storage.open_file(path, OpenOptions(read_only=True)) as ff:
        assert ff.scalar("SELECT count(*) FROM insats") > 0
