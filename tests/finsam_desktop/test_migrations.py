"""Schema versions: a file from every earlier version opens, is backed up, then upgraded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from finsam_desktop import storage
from finsam_desktop.schema import APPLICATION_ID, KNOWN_STEPS, SCHEMA_VERSION, migrations


def _file_at_version(path: Path, version: int) -> None:
    """A förbund file as a program that knew only the first ``version`` steps wrote it."""
    conn = sqlite3.connect(path)
    db = Database(conn, execute_plugins=False)
    later = KNOWN_STEPS[version:]
    migrations.apply(db, stop_before=later[0] if later else None)
    with db.atomic():
        db["forbund"].insert({"id": 1, "namn": "Gamla förbundet", "organisationsnummer": ""})
        db["medlem"].insert(
            {"namn": "Försäkringskassan", "typ": "forsakringskassan", "andel": "50"}
        )
        db["person"].insert({"namn": "Åke Ölund"})
    conn.close()


def _applied(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def test_there_is_more_than_one_schema_step_to_upgrade_through():
    assert SCHEMA_VERSION >= 3
    assert len(set(KNOWN_STEPS)) == len(KNOWN_STEPS)


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_a_file_from_every_earlier_version_is_upgraded_with_its_data_kept(tmp_path, version):
    path = tmp_path / f"Version{version}.finsam"
    _file_at_version(path, version)
    assert len(_applied(path)) == version

    with storage.open_file(path, storage.OpenOptions(daily_backup=False)) as ff:
        assert ff.schema_version == SCHEMA_VERSION
        assert ff.forbund_name() == "Gamla förbundet"
        assert [r["namn"] for r in ff.query("SELECT namn FROM person")] == ["Åke Ölund"]
        # the tables of later steps are there and usable
        with ff.write() as db:
            db["arshjul_post"].insert(
                {"ring": "egna", "rubrik": "Planeringsdag", "datum": "2026-09-01"}
            )
        backup = ff.migration_backup

    assert backup is not None and backup.exists()
    assert backup.parent == tmp_path / f"Version{version}-säkerhetskopior"
    assert "fore-uppgradering" in backup.name
    # the backup is the file exactly as it was before the upgrade
    assert _applied(backup) == KNOWN_STEPS[:version]
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("SELECT namn FROM person").fetchall() == [("Åke Ölund",)]
    conn.close()


def test_a_current_file_is_not_backed_up_for_an_upgrade(ff, tmp_file):
    ff.close()
    with storage.open_file(tmp_file, storage.OpenOptions(daily_backup=False)) as again:
        assert again.migration_backup is None


def test_an_old_file_opened_read_only_asks_for_write_access_to_upgrade(tmp_path):
    path = tmp_path / "Gammal.finsam"
    _file_at_version(path, 1)
    before = path.read_bytes()
    with pytest.raises(storage.StorageError) as err:
        storage.open_file(path, storage.OpenOptions(read_only=True))
    assert "äldre version" in err.value.message
    assert path.read_bytes() == before


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def test_a_failing_step_leaves_the_file_at_its_old_version(tmp_path, monkeypatch):
    path = tmp_path / "Avbruten.finsam"
    _file_at_version(path, SCHEMA_VERSION - 1)
    complete = tmp_path / "Hel.finsam"
    _file_at_version(complete, SCHEMA_VERSION)
    added_by_last_step = _tables(complete) - _tables(path)
    last = migrations._migrations[-1]
    real_step = last.fn

    def broken(db):
        real_step(db)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(last, "fn", broken)
    with pytest.raises(storage.StorageError):
        storage.open_file(path, storage.OpenOptions(daily_backup=False))
    assert _applied(path) == KNOWN_STEPS[:-1]
    assert not added_by_last_step & _tables(path)  # the half-done step was rolled back


def test_a_file_from_before_step_0010_gets_the_standard_standing_items_and_keeps_its_meetings(
    tmp_path,
):
    from finsam_desktop import moten
    from finsam_desktop.model import MoteTyp

    version = KNOWN_STEPS.index("0010_protokoll_mallar_rattelser")
    path = tmp_path / "Nio.finsam"
    _file_at_version(path, version)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO mote (typ, datum, justerat) VALUES ('styrelsemote', '2026-02-12', "
        "'2026-02-19')"
    )
    conn.commit()
    conn.close()
    with storage.open_file(path, storage.OpenOptions(daily_backup=False)) as ff:
        [m] = moten.moten(ff)
        assert (m.sekreterare, m.justerat.isoformat()) == ("", "2026-02-19")
        assert moten.rattelser(ff, m.id) == []
        assert moten.dagordningsmall(ff, MoteTyp.STYRELSEMOTE)[:2] == [
            "Mötets öppnande",
            "Val av justerare",
        ]
        assert moten.dagordningsmall(ff, MoteTyp.MEDLEMSSAMRAD) == [
            "Mötets öppnande",
            "Övriga frågor",
            "Mötets avslutande",
        ]
