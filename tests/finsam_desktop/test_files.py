"""Files the user asked for appear whole, or not at all, readable like any new file."""

from __future__ import annotations

import os

import pytest

from finsam_desktop.files import atomic_file, write_bytes_atomically


def _usual_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def test_a_written_file_has_the_folders_usual_permissions(tmp_path):
    target = tmp_path / "Årsredovisning 2025.pdf"
    write_bytes_atomically(target, b"%PDF-1.4 ...")
    assert target.read_bytes() == b"%PDF-1.4 ..."
    assert target.stat().st_mode & 0o777 == _usual_mode()


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary_one(tmp_path):
    target = tmp_path / "hjul.ics"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_file(target) as f:
        f.write(b"half of the new")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["hjul.ics"]
