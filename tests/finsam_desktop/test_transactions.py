"""The transaction discipline: between user actions the connection is never in a transaction.

The defect this guards against lost a morning's work: after one Ångra, every later edit showed
"Sparat" and became a savepoint inside a transaction nothing ever committed.
"""

from __future__ import annotations

import logging
import sqlite3

import pytest

from finsam_desktop import backups, storage
from finsam_desktop.storage import OpenOptions


def _rename(ff, namn: str) -> None:
    with ff.write(f"Byt namn till {namn}") as db:
        db["forbund"].update(1, {"namn": namn})


def _reopened_name(path) -> str:
    with storage.open_file(path, OpenOptions(read_only=True)) as again:
        return again.forbund_name()


def test_edits_after_an_undo_are_in_the_file_when_it_is_closed(ff, tmp_file):
    ff.enable_undo()
    _rename(ff, "A")
    _rename(ff, "B")
    assert ff.undo() == "Byt namn till B"
    _rename(ff, "C")
    _rename(ff, "D")
    ff.close()
    assert _reopened_name(tmp_file) == "D"


def test_every_kind_of_change_leaves_the_connection_idle(ff, tmp_file, tmp_path):
    ff.enable_undo()
    steps = [
        lambda: _rename(ff, "A"),
        lambda: _rename(ff, "B"),
        ff.undo,
        ff.redo,
        ff.undo,
        lambda: _rename(ff, "C"),
        lambda: backups.restore(ff, backups.make_backup(ff, backups.Kind.MANUAL)),
        lambda: _rename(ff, "D"),
    ]
    for step in steps:
        step()
        assert not ff.conn.in_transaction
        # and another program sees what the user was told is stored
        assert _reopened_name(tmp_file) == ff.forbund_name()


def test_an_import_leaves_the_connection_idle(ff, tmp_path):
    from finsam_desktop.arbetsbok import export_workbook, import_workbook

    ff.enable_undo()
    _rename(ff, "Före import")
    book = tmp_path / "bok.xlsx"
    export_workbook(ff, book)
    _rename(ff, "Efter export")
    import_workbook(ff, book)
    assert not ff.conn.in_transaction
    assert ff.forbund_name() == "Före import"
    assert ff.undo() == "Importera arbetsbok"
    assert not ff.conn.in_transaction


def test_a_connection_left_in_a_transaction_fails_loudly_in_tests(ff):
    ff.conn.execute("BEGIN")
    ff.conn.execute("UPDATE forbund SET namn = 'Smygändrat'")
    with pytest.raises(storage.TransactionLeak):
        _rename(ff, "Ny")
    assert not ff.conn.in_transaction
    assert ff.forbund_name() == "Samordningsförbundet Test"  # the stray change is undone


def test_in_use_a_leaked_transaction_is_logged_and_repaired(ff, tmp_file, monkeypatch, caplog):
    monkeypatch.setattr(storage, "STRICT_TRANSACTIONS", False)
    ff.conn.execute("BEGIN")
    with caplog.at_level(logging.ERROR, logger="finsam_desktop.storage"):
        _rename(ff, "Ny")
    assert "transaktion" in caplog.text
    ff.close()
    assert _reopened_name(tmp_file) == "Ny"  # the user's edit is stored after the repair


def test_a_failed_commit_leaves_the_undo_stacks_as_they_were(ff):
    ff.enable_undo()
    _rename(ff, "A")
    with pytest.raises(sqlite3.IntegrityError), ff.write("Trasig") as db:
        db["forbund"].update(1, {"namn": "B"})
        db["person"].insert({"namn": " "})  # breaks a CHECK: the whole action is refused
    assert ff.undo_label == "Byt namn till A"
    assert ff.undo() == "Byt namn till A"
    assert ff.forbund_name() == "Samordningsförbundet Test"


def test_undo_reaches_back_200_actions_and_no_further(ff, tmp_file):
    ff.enable_undo()
    for i in range(205):
        _rename(ff, f"Namn {i}")
    undone = 0
    while ff.undo() is not None:
        undone += 1
    assert undone == 200
    assert ff.forbund_name() == "Namn 4"
    _rename(ff, "Efter")
    assert ff.redo() is None
    ff.close()
    assert _reopened_name(tmp_file) == "Efter"


def test_a_write_inside_a_write_is_one_action(ff):
    ff.enable_undo()
    with ff.write("Yttre") as db:
        db["person"].insert({"namn": "Anna"})
        with ff.write("Inre") as inner:
            inner["person"].insert({"namn": "Bo"})
    assert ff.undo() == "Yttre"
    assert ff.query("SELECT * FROM person") == []
