"""The förbund file: how it is opened, written and refused."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from finsam_desktop import storage
from finsam_desktop.schema import APPLICATION_ID
from finsam_desktop.storage import OpenOptions, Problem, StorageError

REPO = Path(__file__).resolve().parents[2]


def _content(path: Path) -> bytes:
    return path.read_bytes()


def _add_person(ff, namn: str) -> None:
    with ff.write("Lägg till person") as db:
        db["person"].insert({"namn": namn})


def test_a_new_file_is_durable_with_a_rollback_journal_foreign_keys_and_our_id(ff):
    assert ff.scalar("PRAGMA journal_mode") == "delete"
    assert ff.scalar("PRAGMA foreign_keys") == 1
    assert ff.scalar("PRAGMA synchronous") == 2  # FULL
    assert ff.scalar("PRAGMA trusted_schema") == 0
    assert ff.scalar("PRAGMA application_id") == APPLICATION_ID
    assert ff.forbund_name() == "Samordningsförbundet Test"


def test_an_edit_is_on_disk_when_write_returns(ff, tmp_file):
    _add_person(ff, "Åsa Öberg")
    other = sqlite3.connect(tmp_file)  # a second reader sees the committed row at once
    assert other.execute("SELECT namn FROM person").fetchall() == [("Åsa Öberg",)]
    other.close()


def test_a_failed_action_stores_nothing_of_it(ff):
    with pytest.raises(sqlite3.IntegrityError), ff.write("Två personer") as db:
        db["person"].insert({"namn": "Anna Berg"})
        db["person"].insert({"namn": "Anna Berg"})  # the name is unique
    assert ff.query("SELECT * FROM person") == []


def test_a_missing_file_is_reported_by_name(tmp_path):
    with pytest.raises(StorageError) as err:
        storage.open_file(tmp_path / "Finns inte.finsam")
    assert err.value.problem is Problem.MISSING
    assert "Finns inte.finsam finns inte" in err.value.message


@pytest.mark.parametrize(
    "content",
    [b"", b"Namn;Belopp\nAnna;100\n", b"PK\x03\x04 an xlsx is a zip file" + b"\0" * 200],
    ids=["empty", "csv", "zip"],
)
def test_a_file_that_is_not_sqlite_is_not_a_forbund_file(tmp_path, content):
    path = tmp_path / "Något.finsam"
    path.write_bytes(content)
    with pytest.raises(StorageError) as err:
        storage.open_file(path)
    assert err.value.problem is Problem.NOT_FORBUND
    assert "inte en förbundsfil" in err.value.message
    assert path.read_bytes() == content


def test_another_sqlite_database_is_not_a_forbund_file(tmp_path):
    path = tmp_path / "annan.finsam"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = _content(path)
    with pytest.raises(StorageError) as err:
        storage.open_file(path)
    assert err.value.problem is Problem.NOT_FORBUND
    assert _content(path) == before


def test_a_corrupt_file_is_detected_on_open_and_left_untouched(ff, tmp_file):
    for i in range(200):
        _add_person(ff, f"Person {i:03d} " + "x" * 200)
    root = ff.scalar("SELECT rootpage FROM sqlite_master WHERE name = 'person'")
    size = ff.scalar("PRAGMA page_size")
    ff.close()
    data = bytearray(tmp_file.read_bytes())
    start = (root - 1) * size  # overwrite the person table's root page with garbage
    data[start : start + size] = b"\xa5" * size
    tmp_file.write_bytes(bytes(data))
    with pytest.raises(StorageError) as err:
        storage.open_file(tmp_file, OpenOptions(daily_backup=False))
    assert err.value.problem is Problem.CORRUPT
    assert "säkerhetskopia" in err.value.message
    assert tmp_file.read_bytes() == bytes(data)
    assert not storage.WriteLock(tmp_file).path.exists()  # the lock was released


def test_a_file_with_a_trigger_is_refused_as_unsafe(ff, tmp_file):
    ff.close()
    conn = sqlite3.connect(tmp_file)
    conn.execute("CREATE TRIGGER t AFTER INSERT ON person BEGIN DELETE FROM forbund; END")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError) as err:
        storage.open_file(tmp_file)
    assert err.value.problem is Problem.UNSAFE
    assert "trigger t" in err.value.message


def test_a_file_from_a_newer_version_is_refused_and_unchanged(ff, tmp_file):
    with ff.write() as db:
        db["_sqlite_migrations"].insert(
            {"migration_set": "finsam", "name": "0099_framtiden", "applied_at": "2030-01-01"}
        )
    ff.close()
    before = _content(tmp_file)
    with pytest.raises(StorageError) as err:
        storage.open_file(tmp_file)
    assert err.value.problem is Problem.NEWER_VERSION
    assert "nyare version" in err.value.message
    assert _content(tmp_file) == before


def test_a_full_disk_fails_the_edit_with_a_message_and_keeps_the_file(ff):
    _add_person(ff, "Bo Ek")
    pages = ff.scalar("PRAGMA page_count")
    ff.conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own SQLITE_FULL
    with pytest.raises(StorageError) as err, ff.write("Stor anteckning") as db:
        db["person"].insert({"namn": "Cecilia Ström", "anteckning": "x" * 200_000})
    assert err.value.problem is Problem.DISK_FULL
    assert "Disken" in err.value.message and "oförändrad" in err.value.message
    assert [r["namn"] for r in ff.query("SELECT namn FROM person")] == ["Bo Ek"]
    ff.conn.execute("PRAGMA max_page_count = 1073741823")
    _add_person(ff, "Cecilia Ström")  # the program goes on working afterwards
    assert len(ff.query("SELECT * FROM person")) == 2


def test_a_file_open_in_the_same_program_is_reported_in_use(ff, tmp_file):
    with pytest.raises(StorageError) as err:
        storage.open_file(tmp_file)
    assert err.value.problem is Problem.IN_USE
    assert err.value.can_open_read_only


_HOLD = textwrap.dedent(
    """
    import sys
    from finsam_desktop import storage
    ff = storage.open_file(sys.argv[1], storage.OpenOptions(daily_backup=False))
    print("open", flush=True)
    sys.stdin.readline()
    ff.close()
    """
)


def _hold(path: Path) -> subprocess.Popen:
    """Another program with ``path`` open for writing, until it reads a line (or is killed)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert holder.stdout.readline().strip() == "open"
    return holder


def test_a_file_open_for_writing_in_another_process_names_who_and_offers_read_only(ff, tmp_file):
    _add_person(ff, "Dag Lund")
    ff.close()
    holder = _hold(tmp_file)
    try:
        with pytest.raises(StorageError) as err:
            storage.open_file(tmp_file)
        assert err.value.problem is Problem.IN_USE
        assert err.value.can_open_read_only
        assert err.value.holder is not None and err.value.holder.pid == holder.pid
        assert "sedan" in err.value.message
        with storage.open_file(tmp_file, OpenOptions(read_only=True)) as ro:
            assert [r["namn"] for r in ro.query("SELECT namn FROM person")] == ["Dag Lund"]
            with pytest.raises(StorageError) as werr, ro.write():
                pass
            assert werr.value.problem is Problem.READ_ONLY
    finally:
        holder.communicate("\n", timeout=10)
    # once the other program closes, the file opens for writing again
    storage.open_file(tmp_file, OpenOptions(daily_backup=False)).close()


def test_a_lock_left_by_a_killed_program_does_not_block(ff, tmp_file):
    ff.close()
    holder = _hold(tmp_file)
    holder.kill()
    holder.communicate(timeout=10)
    assert storage.WriteLock(tmp_file).path.exists()  # the stale note is still there
    storage.open_file(tmp_file, OpenOptions(daily_backup=False)).close()


def _can_drop_privileges() -> bool:
    return os.geteuid() == 0 and shutil.which("setpriv") is not None


def test_a_read_only_file_offers_read_only_and_opens_so(ff, tmp_file):
    _add_person(ff, "Eva Holm")
    ff.close()
    folder = Path(tempfile.mkdtemp(prefix="finsam-ro-"))
    try:
        target = folder / "Skrivskyddad.finsam"
        shutil.copy(tmp_file, target)
        target.chmod(0o444)
        folder.chmod(0o755)
        script = textwrap.dedent(
            """
            import sys
            from finsam_desktop import storage
            try:
                storage.open_file(sys.argv[1])
            except storage.StorageError as e:
                print(e.problem.name, e.can_open_read_only)
            with storage.open_file(sys.argv[1], storage.OpenOptions(read_only=True)) as ff:
                print([r["namn"] for r in ff.query("SELECT namn FROM person")])
            """
        )
        cmd = [sys.executable, "-c", script, str(target)]
        if os.geteuid() == 0:  # root may write anything: ask as an ordinary user
            if not _can_drop_privileges():
                pytest.skip("needs setpriv to test as a non-root user")
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=folder, env=env, timeout=60)
        assert out.returncode == 0, out.stderr
        assert out.stdout.splitlines() == ["READ_ONLY True", "['Eva Holm']"]
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_create_refuses_to_overwrite_an_existing_file(ff, tmp_file):
    with pytest.raises(StorageError) as err:
        storage.create_file(tmp_file, namn="Annat förbund")
    assert "finns redan" in err.value.message
    assert ff.forbund_name() == "Samordningsförbundet Test"


def test_names_sort_the_swedish_way_in_queries(ff):
    for namn in ["Örjan Nyström", "Zlatan Berg", "Åsa Lind", "Ängla Ek", "Adam Ek", "Émile Dahl"]:
        _add_person(ff, namn)
    rows = ff.query("SELECT namn FROM person ORDER BY namn COLLATE SWEDISH")
    assert [r["namn"] for r in rows] == [
        "Adam Ek",
        "Émile Dahl",
        "Zlatan Berg",
        "Åsa Lind",
        "Ängla Ek",
        "Örjan Nyström",
    ]


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def test_a_closed_file_is_one_file_and_a_read_only_look_leaves_nothing_behind(ff, tmp_file):
    _add_person(ff, "Frida Falk")
    ff.close()
    assert _beside(tmp_file) == [tmp_file.name]
    with storage.open_file(tmp_file, OpenOptions(read_only=True)) as ro:
        assert ro.scalar("SELECT count(*) FROM person") == 1
    assert _beside(tmp_file) == [tmp_file.name]
    with storage.open_file(tmp_file, OpenOptions(daily_backup=False)) as again:
        _add_person(again, "Greta Gran")
        # In use and just edited, the file alone holds every edit: only the lock lies beside.
        assert again.scalar("PRAGMA journal_mode") == "delete"
        assert _beside(tmp_file) == [tmp_file.name, tmp_file.name + ".lock"]
        copy = tmp_file.with_name("kopia.finsam")
        shutil.copyfile(tmp_file, copy)  # what a sync client or a mail attachment takes
    with storage.open_file(copy, OpenOptions(read_only=True)) as seen:
        assert seen.scalar("SELECT count(*) FROM person") == 2


def test_a_snapshot_holds_the_content_is_read_only_and_readable_from_another_thread(ff):
    import threading

    from finsam_desktop import insatser

    for namn in ("Öppna dörrar", "Ankaret"):
        insatser.ny_insats(ff, namn)
    snap = ff.snapshot()
    try:
        insatser.ny_insats(ff, "Efter kopian")  # the copy does not follow the file
        seen: list = []
        worker = threading.Thread(target=lambda: seen.extend(insatser.namnlista(snap)))
        worker.start()
        worker.join()
        assert [i.namn for i in seen] == ["Ankaret", "Öppna dörrar"]  # Swedish order too
        assert snap.read_only
        with pytest.raises(StorageError, match="skrivskyddad"):
            insatser.ny_insats(snap, "Ny")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            snap.conn.execute("DELETE FROM insats")
    finally:
        snap.close()
    assert snap.conn is None
    assert [i.namn for i in insatser.namnlista(ff)] == ["Ankaret", "Efter kopian", "Öppna dörrar"]
