"""Undo and redo of whole actions, across every table, owned by the data layer."""

from __future__ import annotations

import sqlite3

import pytest

from finsam_desktop import backups, storage


@pytest.fixture
def uff(ff):
    ff.enable_undo()
    return ff


def _snapshot(ff) -> dict[str, list[tuple]]:
    tables = [
        r["name"]
        for r in ff.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != '_sqlite_migrations' ORDER BY name"
        )
    ]
    return {
        t: ff.conn.execute(f'SELECT rowid, * FROM "{t}" ORDER BY rowid').fetchall() for t in tables
    }


def _insats_with_everything(ff) -> int:
    with ff.write("Ny insats") as db:
        fk = (
            db["medlem"]
            .insert({"namn": "Försäkringskassan", "typ": "forsakringskassan", "andel": "50"})
            .last_pk
        )
        k = db["medlem"].insert({"namn": "Norrå kommun", "typ": "kommun", "andel": "25"}).last_pk
        iid = (
            db["insats"]
            .insert({"namn": "Lots för unga", "typ": "individinriktad", "agare_id": k})
            .last_pk
        )
        db["insats_part"].insert({"insats_id": iid, "medlem_id": fk})
        db["insats_ar"].insert({"insats_id": iid, "ar": 2026, "beviljat_ore": 50_000_000})
        mid = db["mal"].insert({"insats_id": iid, "mal": "Fler i arbete"}).last_pk
        db["mal_bedomning"].insert(
            {
                "mal_id": mid,
                "ar": 2026,
                "bedomning": "delvis",
                "motivering": "Halvvägs, 'bra' start",
            }
        )
    return iid


def test_undo_takes_back_exactly_the_last_action_and_redo_brings_it_again(uff):
    empty = _snapshot(uff)
    _insats_with_everything(uff)
    full = _snapshot(uff)
    assert uff.undo_label == "Ny insats"

    assert uff.undo() == "Ny insats"
    assert _snapshot(uff) == empty
    assert uff.undo_label is None and uff.redo_label == "Ny insats"

    assert uff.redo() == "Ny insats"
    assert _snapshot(uff) == full


def test_undoing_a_delete_that_cascaded_brings_back_every_row(uff):
    iid = _insats_with_everything(uff)
    full = _snapshot(uff)
    with uff.write("Ta bort insats") as db:
        db.execute("DELETE FROM insats WHERE id = ?", (iid,))
    assert uff.scalar("SELECT count(*) FROM mal_bedomning") == 0
    uff.undo()
    assert _snapshot(uff) == full
    assert uff.scalar("PRAGMA foreign_key_check") is None


def test_an_edit_after_undo_clears_redo(uff):
    with uff.write("Lägg till Anna") as db:
        db["person"].insert({"namn": "Anna"})
    uff.undo()
    with uff.write("Lägg till Bo") as db:
        db["person"].insert({"namn": "Bo"})
    assert uff.redo_label is None
    assert uff.redo() is None
    assert [r["namn"] for r in uff.query("SELECT namn FROM person")] == ["Bo"]


def test_several_undos_and_redos_walk_the_history_in_order(uff):
    for namn in ["Anna", "Bo", "Cecilia"]:
        with uff.write(f"Lägg till {namn}") as db:
            db["person"].insert({"namn": namn})
    with uff.write("Byt namn") as db:
        db.execute("UPDATE person SET namn = 'Bo Ek' WHERE namn = 'Bo'")
    names = lambda: [r["namn"] for r in uff.query("SELECT namn FROM person ORDER BY id")]  # noqa: E731
    assert [uff.undo(), uff.undo()] == ["Byt namn", "Lägg till Cecilia"]
    assert names() == ["Anna", "Bo"]
    assert uff.redo() == "Lägg till Cecilia"
    assert uff.redo() == "Byt namn"
    assert names() == ["Anna", "Bo Ek", "Cecilia"]


def test_a_failed_action_leaves_nothing_to_undo(uff):
    with pytest.raises(sqlite3.IntegrityError), uff.write("Dubblett") as db:
        db["person"].insert({"namn": "Anna"})
        db["person"].insert({"namn": "Anna"})
    assert uff.undo_label is None


def test_undo_is_stored_at_once_like_any_edit(uff, tmp_file):
    with uff.write("Lägg till Anna") as db:
        db["person"].insert({"namn": "Anna"})
    uff.undo()
    other = sqlite3.connect(tmp_file)
    assert other.execute("SELECT count(*) FROM person").fetchone()[0] == 0
    other.close()


def test_listeners_hear_undo_and_redo(uff):
    heard = []
    uff.subscribe(heard.append)
    with uff.write("Lägg till Anna") as db:
        db["person"].insert({"namn": "Anna"})
    uff.undo()
    uff.redo()
    assert heard == ["Lägg till Anna", "Ångra Lägg till Anna", "Gör om Lägg till Anna"]


def test_undo_leaves_no_trace_in_the_file_another_program_opens(uff, tmp_file):
    with uff.write("Lägg till Anna") as db:
        db["person"].insert({"namn": "Anna"})
    uff.close()
    with storage.open_file(tmp_file) as again:  # our own check refuses foreign triggers
        assert again.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'") == 0


def test_restoring_a_backup_forgets_the_history(uff):
    backup = backups.make_backup(uff, backups.Kind.MANUAL)
    with uff.write("Lägg till Anna") as db:
        db["person"].insert({"namn": "Anna"})
    backups.restore(uff, backup)
    assert uff.undo_label is None
    with uff.write("Lägg till Bo") as db:  # recording goes on after the restore
        db["person"].insert({"namn": "Bo"})
    assert uff.undo() == "Lägg till Bo"


def test_undo_brings_back_text_with_a_nul_character_whole(uff):
    # SQLite's quote() ends text at a NUL; the inverse statement must not.
    with uff.write("Ny person") as db:
        db.execute("INSERT INTO person (namn, anteckning) VALUES (?, ?)", ("Anna", "före\x00efter"))
    with uff.write("Ändra anteckning") as db:
        db.execute("UPDATE person SET anteckning = '' WHERE namn = 'Anna'")
    with uff.write("Ta bort") as db:
        db.execute("DELETE FROM person")
    uff.undo()
    uff.undo()
    assert uff.scalar("SELECT anteckning FROM person") == "före\x00efter"
    uff.redo()
    assert uff.scalar("SELECT anteckning FROM person") == ""
