"""One file, one lock, one backup folder: whatever name or link the file is reached by."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from finsam_desktop import backups, storage
from finsam_desktop.filelock import WriteLock
from finsam_desktop.storage import OpenOptions, Problem, StorageError


def _add(ff, namn: str) -> None:
    with ff.write("Person") as db:
        db["person"].insert({"namn": namn})


def test_a_symlink_to_an_open_file_shares_its_lock(ff, tmp_file, tmp_path):
    link = tmp_path / "Genväg.finsam"
    link.symlink_to(tmp_file)
    with pytest.raises(StorageError) as err:
        storage.open_file(link)  # an import through the link while the window has the file
    assert err.value.problem is Problem.IN_USE
    with storage.open_file(link, OpenOptions(read_only=True)) as ro:
        assert ro.path == tmp_file.resolve()


def test_a_symlink_is_locked_against_the_file_from_another_process(ff, tmp_file, tmp_path):
    import subprocess
    import sys
    import textwrap

    link = tmp_path / "Genväg.finsam"
    link.symlink_to(tmp_file)
    script = textwrap.dedent(
        """
        import sys
        from finsam_desktop import storage
        try:
            storage.open_file(sys.argv[1])
        except storage.StorageError as e:
            print(e.problem.name)
        """
    )
    repo = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", script, str(link)], capture_output=True, text=True, cwd=repo
    )
    assert out.stdout.strip() == "IN_USE", out.stderr


def test_files_whose_names_differ_only_in_the_suffixs_case_have_their_own_backups(tmp_path):
    lower, upper = tmp_path / "D.finsam", tmp_path / "D.FINSAM"
    for path, namn in ((lower, "Förbund D"), (upper, "Förbund E")):
        storage.create_file(path, namn=namn).close()
    for path in (lower, upper):
        storage.open_file(path).close()  # the first open of the day makes a backup
    assert backups.default_dir(lower) != backups.default_dir(upper)
    for path, namn in ((lower, "Förbund D"), (upper, "Förbund E")):
        found = backups.list_backups(path)
        assert [b.kind for b in found] == [backups.Kind.DAILY]
        with storage.open_file(found[0].path, OpenOptions(read_only=True)) as b:
            assert b.forbund_name() == namn  # never the other förbund's content


@pytest.mark.parametrize("what", ["file", "dangling link", "link elsewhere"])
def test_a_backup_folder_that_is_not_a_folder_gets_a_message_and_nothing_is_written_elsewhere(
    ff, tmp_file, tmp_path, what
):
    folder = backups.default_dir(tmp_file)
    elsewhere = tmp_path / "någon annanstans"
    if what == "file":
        folder.write_text("inte en mapp")
    elif what == "dangling link":
        folder.symlink_to(tmp_path / "finns inte")
    else:
        elsewhere.mkdir()
        folder.symlink_to(elsewhere)
    with pytest.raises(StorageError) as err:
        backups.make_backup(ff, backups.Kind.MANUAL)
    assert str(folder) in err.value.message
    assert "Inga säkerhetskopior" in err.value.message
    ff.close()
    again = storage.open_file(tmp_file)  # the daily backup cannot be made: said, not thrown
    try:
        assert again.backup_problem and str(folder) in again.backup_problem
    finally:
        again.close()
    assert not (tmp_path / "finns inte").exists()
    if what == "link elsewhere":
        assert list(elsewhere.iterdir()) == []


def test_temporary_files_of_a_killed_backup_are_removed_on_the_next_open(ff, tmp_file):
    made = backups.make_backup(ff, backups.Kind.MANUAL)
    folder = made.parent
    leftovers = [
        folder / f"{tmp_file.stem}_2026-11-30_101010_dag.finsam.tmp",
        folder / f"{tmp_file.stem}_2026-11-30_101010_dag.finsam.tmp-journal",
    ]
    for p in leftovers:
        p.write_bytes(b"halv")
    someone_elses = folder / "Annat_2026-11-30_101010_dag.finsam.tmp"
    someone_elses.write_bytes(b"inte var")
    ff.close()
    storage.open_file(tmp_file, OpenOptions(daily_backup=False)).close()
    assert not any(p.exists() for p in leftovers)
    assert made.exists() and someone_elses.exists()


def test_two_programs_cannot_both_create_one_new_file(tmp_path):
    path = tmp_path / "Ny.finsam"
    lock = WriteLock(path)
    lock.acquire()  # another program is creating it right now
    try:
        with pytest.raises(StorageError) as err:
            storage.create_file(path, namn="Ny")
        assert err.value.problem is Problem.IN_USE
    finally:
        lock.release()
    assert not path.exists()
    storage.create_file(path, namn="Ny").close()
    assert os.path.exists(path)


_SLOW_TAKER = """
import sys, time
from pathlib import Path
from finsam_desktop import filelock
opened, go = Path(sys.argv[2]), Path(sys.argv[3])
real_lock = filelock._try_lock

def slow_lock(fd):  # stops between opening the lock file and locking it
    opened.touch()
    while not go.exists():
        time.sleep(0.01)
    return real_lock(fd)

filelock._try_lock = slow_lock
lock = filelock.WriteLock(Path(sys.argv[1]))
lock.acquire()
print("holds", flush=True)
sys.stdin.readline()
lock.release()
"""

_TAKER = """
import sys
from pathlib import Path
from finsam_desktop.filelock import LockHeld, WriteLock
try:
    WriteLock(Path(sys.argv[1])).acquire()
    print("took it")
except LockHeld:
    print("held")
"""


def test_a_lock_released_while_another_program_is_taking_it_has_one_holder_after(tmp_path):
    """The one letting go removes the lock file: a program that opened the old file just
    before must not think it holds the lock while a third takes the new file's."""
    import subprocess
    import sys
    import time

    path = tmp_path / "Delad.finsam"
    path.write_bytes(b"")
    opened, go = tmp_path / "öppnad", tmp_path / "gå"
    repo = Path(__file__).resolve().parents[2]
    first = WriteLock(path)
    first.acquire()
    slow = subprocess.Popen(
        [sys.executable, "-c", _SLOW_TAKER, str(path), str(opened), str(go)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=repo,
    )
    try:
        deadline = time.monotonic() + 30
        while not opened.exists():
            assert time.monotonic() < deadline and slow.poll() is None
            time.sleep(0.01)
        first.release()
        go.touch()
        assert slow.stdout.readline().strip() == "holds"
        third = subprocess.run(
            [sys.executable, "-c", _TAKER, str(path)], capture_output=True, text=True, cwd=repo
        )
        assert third.stdout.strip() == "held", third.stderr
    finally:
        slow.communicate("\n", timeout=30)
