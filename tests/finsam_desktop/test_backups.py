"""Automatic, rotating backups that can be listed and restored."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from finsam_desktop import backups, settings, storage
from finsam_desktop.backups import Kind


def _names(ff) -> list[str]:
    return [r["namn"] for r in ff.query("SELECT namn FROM person ORDER BY namn COLLATE SWEDISH")]


def _add(ff, namn: str) -> None:
    with ff.write() as db:
        db["person"].insert({"namn": namn})


class _Clock:
    def __init__(self, start: dt.datetime):
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    c = _Clock(dt.datetime(2026, 11, 25, 8, 0, 0))
    monkeypatch.setattr(backups, "_now", c)
    return c


def test_the_first_open_of_a_day_makes_one_backup(ff, tmp_file, clock):
    ff.close()
    for hour in (8, 12, 16):
        clock.now = clock.now.replace(hour=hour)
        storage.open_file(tmp_file).close()
    daily = [b for b in backups.list_backups(tmp_file) if b.kind is Kind.DAILY]
    assert [b.created for b in daily] == [dt.datetime(2026, 11, 25, 8, 0, 0)]


def test_only_the_last_n_daily_backups_are_kept(ff, tmp_file, clock):
    settings.set_setting(ff, "sakerhetskopior_antal", 3)
    ff.close()
    for day in range(1, 7):
        clock.now = dt.datetime(2026, 11, day, 9, 0, 0)
        storage.open_file(tmp_file).close()
    daily = [b for b in backups.list_backups(tmp_file) if b.kind is Kind.DAILY]
    assert [b.created.day for b in daily] == [6, 5, 4]  # newest first


def test_restoring_a_backup_brings_back_its_content_and_keeps_a_safety_copy(ff, tmp_file, clock):
    _add(ff, "Anna Ahl")
    first = backups.make_backup(ff, Kind.MANUAL)
    _add(ff, "Bertil Bok")
    clock.now += dt.timedelta(minutes=5)

    safety = backups.restore(ff, first)

    assert _names(ff) == ["Anna Ahl"]
    assert safety.exists() and "fore-aterstallning" in safety.name
    conn = sqlite3.connect(safety)
    assert sorted(r[0] for r in conn.execute("SELECT namn FROM person")) == [
        "Anna Ahl",
        "Bertil Bok",
    ]
    conn.close()
    ff.close()
    with storage.open_file(tmp_file) as again:  # the restore is durable
        assert _names(again) == ["Anna Ahl"]


def test_a_backup_is_a_complete_file_even_with_the_live_file_in_wal_mode(ff, clock):
    _add(ff, "Cilla Carlsson")  # still in the -wal file, not yet in the main file
    target = backups.make_backup(ff, Kind.MANUAL)
    assert not target.with_name(target.name + "-wal").exists()
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT namn FROM person").fetchall() == [("Cilla Carlsson",)]
    conn.close()


def test_restoring_from_something_that_is_not_a_backup_changes_nothing(ff, tmp_path, clock):
    _add(ff, "Dora Dahl")
    fake = tmp_path / "fake.finsam"
    fake.write_bytes(b"inte en databas")
    with pytest.raises(storage.StorageError) as err:
        backups.restore(ff, fake)
    assert err.value.problem is storage.Problem.NOT_FORBUND
    assert _names(ff) == ["Dora Dahl"]
    assert not [b for b in backups.list_backups(ff.path) if b.kind is Kind.BEFORE_RESTORE]


def test_two_backups_in_the_same_second_do_not_overwrite_each_other(ff, clock):
    a = backups.make_backup(ff, Kind.MANUAL)
    b = backups.make_backup(ff, Kind.MANUAL)
    assert a != b and a.exists() and b.exists()
    assert len(backups.list_backups(ff.path)) == 2


def _ruin(path) -> bytes:
    data = bytearray(path.read_bytes())
    data[120:4096] = b"\xff" * (4096 - 120)  # the first page after the header
    path.write_bytes(bytes(data))
    return bytes(data)


def test_a_file_too_damaged_to_open_is_restored_and_the_damaged_bytes_kept(ff, tmp_file, clock):
    _add(ff, "Erik Ek")
    good = backups.make_backup(ff, Kind.MANUAL)
    ff.close()
    damaged = _ruin(tmp_file)
    with pytest.raises(storage.StorageError) as err:
        storage.open_file(tmp_file)
    assert err.value.problem is storage.Problem.CORRUPT

    kept = backups.restore_damaged(tmp_file, good)

    assert kept.read_bytes() == damaged
    assert [b.kind for b in backups.list_backups(tmp_file) if b.path == kept] == [Kind.DAMAGED]
    with storage.open_file(tmp_file) as again:
        assert _names(again) == ["Erik Ek"]


def test_restoring_a_damaged_file_from_a_bad_backup_touches_nothing(ff, tmp_file, tmp_path, clock):
    ff.close()
    damaged = _ruin(tmp_file)
    bad = tmp_path / "inte-backup.finsam"
    bad.write_bytes(b"nej")
    with pytest.raises(storage.StorageError):
        backups.restore_damaged(tmp_file, bad)
    assert tmp_file.read_bytes() == damaged
    assert not backups.list_backups(tmp_file)


def test_a_backup_that_cannot_be_made_is_told_but_does_not_stop_the_work(ff, tmp_file, clock):
    ff.close()
    blocked = tmp_file.with_name("Testförbundet-säkerhetskopior")
    blocked.write_text("a file where the backup folder should be")
    with storage.open_file(tmp_file) as again:
        assert again.backup_problem is not None
        assert "säkerhetskopia kunde inte göras" in again.backup_problem
        _add(again, "Gun Gran")  # the file works all the same
    with storage.open_file(tmp_file, storage.OpenOptions(daily_backup=False)) as again:
        assert again.backup_problem is None
