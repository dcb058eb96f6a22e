"""What lies beside a förbund file: journals and WALs, ours, left by a crash, or foreign.

Each case was reproduced against the program before this rule: a foreign ``-wal`` turned the
file into another database; a hot journal let ``check`` and ``export`` read half-written
content; committed edits in a ``-wal`` without ``-shm`` vanished in a read-only folder.
"""

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

from finsam_desktop import backups, sidecars, storage
from finsam_desktop.storage import OpenOptions, Problem, StorageError

REPO = Path(__file__).resolve().parents[2]


def _people(path: Path) -> list[str]:
    with storage.open_file(path, OpenOptions(read_only=True, daily_backup=False)) as ff:
        return [r["namn"] for r in ff.query("SELECT namn FROM person ORDER BY namn")]


def _add(ff, *names: str) -> None:
    with ff.write("Personer") as db:
        for n in names:
            db["person"].insert({"namn": n})


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def _hot_journal_copy(source: Path, folder: Path) -> Path:
    """What a crash in the middle of a commit leaves: the file with some new pages written
    and the journal holding the old ones. Made by copying both while a big transaction,
    spilling pages to the file, is still open."""
    conn = sqlite3.connect(source, isolation_level=None)
    conn.execute("PRAGMA cache_size = 2")  # the transaction spills pages into the file
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO person (namn, anteckning) VALUES (?, ?)",
        [(f"Halvskriven {i:04d}", "x" * 800) for i in range(400)],
    )
    target = folder / source.name
    shutil.copyfile(source, target)
    shutil.copyfile(sidecars.beside(source, "-journal"), sidecars.beside(target, "-journal"))
    conn.execute("ROLLBACK")
    conn.close()
    return target


def _old_version_wal(path: Path, names: list[str]) -> None:
    """A file as an older version (WAL) leaves it when it is killed: edits only in -wal."""
    conn = sqlite3.connect(path, isolation_level=None)
    assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for n in names:
        conn.execute("INSERT INTO person (namn) VALUES (?)", (n,))
    copy_dir = Path(tempfile.mkdtemp(prefix="finsam-wal-"))
    # copy while open: closing would checkpoint the WAL into the file
    shutil.copyfile(path, copy_dir / "f")
    shutil.copyfile(sidecars.beside(path, "-wal"), copy_dir / "w")
    conn.close()
    shutil.copyfile(copy_dir / "f", path)
    shutil.copyfile(copy_dir / "w", sidecars.beside(path, "-wal"))
    sidecars.beside(path, "-shm").unlink(missing_ok=True)
    shutil.rmtree(copy_dir)


def test_a_wal_copied_from_another_database_is_not_replayed_into_the_file(ff, tmp_file, tmp_path):
    _add(ff, "Anna Berg")
    ff.close()
    before = tmp_file.read_bytes()
    other = tmp_path / "annan.db"
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE lista (x)")
    conn.executemany("INSERT INTO lista VALUES (?)", [(i,) for i in range(500)])
    shutil.copyfile(sidecars.beside(other, "-wal"), sidecars.beside(tmp_file, "-wal"))
    conn.close()

    with pytest.raises(StorageError) as err:
        storage.open_file(tmp_file)
    assert err.value.problem is Problem.UNSAFE
    assert "Testförbundet.finsam-wal" in err.value.message
    assert "en annan databas" in err.value.message
    assert "återställd som den låg" in err.value.message
    assert tmp_file.read_bytes() == before  # the file is as it was, byte for byte
    assert _beside(tmp_file) == [tmp_file.name]  # the foreign WAL is no longer beside it
    kept = [b for b in backups.list_backups(tmp_file) if b.kind is backups.Kind.BEFORE_RECOVERY]
    assert len(kept) == 1
    assert Path(str(kept[0].path) + ".wal-kopia").exists()  # kept as evidence, inert
    assert _people(tmp_file) == ["Anna Berg"]  # and it opens again as it was


def test_a_crash_in_the_middle_of_a_commit_is_rolled_back_before_anything_reads(
    ff, tmp_file, tmp_path
):
    _add(ff, "Anna Berg")
    ff.close()
    (tmp_path / "kopia").mkdir()
    crashed = _hot_journal_copy(tmp_file, tmp_path / "kopia")
    # `finsam check`/`export`/`report` open read-only: they must not see half an edit
    assert _people(crashed) == ["Anna Berg"]
    assert _beside(crashed) == [crashed.name]  # the journal was rolled back and is gone
    kinds = [b.kind for b in backups.list_backups(crashed)]
    assert kinds == [backups.Kind.BEFORE_RECOVERY]  # the file as it stood is kept aside
    with storage.open_file(crashed, OpenOptions(daily_backup=False)) as again:
        assert again.scalar("PRAGMA integrity_check") == "ok"


def test_an_older_versions_wal_with_committed_edits_is_kept_and_converted(ff, tmp_file):
    ff.close()
    _old_version_wal(tmp_file, ["Bo Ek", "Cilla Dahl"])
    with storage.open_file(tmp_file, OpenOptions(daily_backup=False)) as again:
        assert again.scalar("PRAGMA journal_mode") == "delete"
        assert sorted(r["namn"] for r in again.query("SELECT namn FROM person")) == [
            "Bo Ek",
            "Cilla Dahl",
        ]
    assert _beside(tmp_file) == [tmp_file.name]  # the file alone holds them now


def _can_drop_privileges() -> bool:
    return os.geteuid() == 0 and shutil.which("setpriv") is not None


_READ_AS_USER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from finsam_desktop import sidecars, storage
    path, elsewhere = Path(sys.argv[1]), Path(sys.argv[2])
    try:
        storage.open_file(path, storage.OpenOptions(read_only=True))
    except storage.StorageError as e:
        print(e.problem.name, e.can_copy)
        print(e.message)
    copy = sidecars.copy_with_sidecars(path, elsewhere)
    with storage.open_file(copy, storage.OpenOptions(daily_backup=False)) as ff:
        print(sorted(r["namn"] for r in ff.query("SELECT namn FROM person")))
    """
)


def _as_ordinary_user_in_read_only_folder(prepare) -> list[str]:
    """Put a file in a folder nobody may write, and read it as an ordinary user."""
    if os.geteuid() == 0 and not _can_drop_privileges():
        pytest.skip("needs setpriv to test as a non-root user")
    folder = Path(tempfile.mkdtemp(prefix="finsam-ro-"))
    elsewhere = Path(tempfile.mkdtemp(prefix="finsam-dit-"))
    try:
        path = prepare(folder)
        there = sorted(p.name for p in folder.iterdir())
        for p in folder.iterdir():
            p.chmod(0o444)
        folder.chmod(0o555)
        os.chown(elsewhere, 65534, 65534)
        cmd = [sys.executable, "-c", _READ_AS_USER, str(path), str(elsewhere)]
        if os.geteuid() == 0:
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=elsewhere, env=env)
        assert out.returncode == 0, out.stderr
        assert sorted(p.name for p in folder.iterdir()) == there  # nothing touched there
        return out.stdout.splitlines()
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
        shutil.rmtree(elsewhere)


def test_committed_edits_in_a_wal_in_a_read_only_folder_are_not_silently_left_out(ff, tmp_file):
    _add(ff, "Anna Berg")
    ff.close()

    def prepare(folder: Path) -> Path:
        target = folder / "Arkiv.finsam"
        shutil.copyfile(tmp_file, target)
        _old_version_wal(target, ["Bo Ek"])
        return target

    lines = _as_ordinary_user_in_read_only_folder(prepare)
    assert lines[0] == "NEEDS_RECOVERY True"
    assert "Arkiv.finsam-wal" in lines[1] and "skrivskyddad" in lines[1]
    assert lines[2] == "['Anna Berg', 'Bo Ek']"  # the copy has every committed edit


def test_a_hot_journal_in_a_read_only_folder_is_refused_and_a_copy_is_recovered(
    ff, tmp_file, tmp_path
):
    _add(ff, "Anna Berg")
    ff.close()

    def prepare(folder: Path) -> Path:
        return _hot_journal_copy(tmp_file, folder)

    lines = _as_ordinary_user_in_read_only_folder(prepare)
    assert lines[0] == "NEEDS_RECOVERY True"
    assert "journalfil" in lines[1]
    assert lines[2] == "['Anna Berg']"  # rolled back in the copy: no half-written rows


def test_a_journal_of_a_writer_at_work_is_left_to_it(ff, tmp_file):
    """The app has the file open and is committing: a read-only look waits, touches nothing."""
    _add(ff, "Anna Berg")
    with storage.open_file(tmp_file, OpenOptions(read_only=True)) as ro:
        assert [r["namn"] for r in ro.query("SELECT namn FROM person")] == ["Anna Berg"]
    assert backups.list_backups(tmp_file) == []
