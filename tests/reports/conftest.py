"""Fixtures of the report tests: the demo förbund made for DEMO_DAY (``demo``, a private
copy open for writing, is the root conftest's)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def demo_path(demo_template) -> Path:
    """The shared demo file, closed: for commands that only read it."""
    return demo_template()


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """bench/large.py's förbund (20 years, 300 insatser, 2 000 meetings), open for reading;
    one per module: build it once for a file's tests."""
    import sys

    from finsam_desktop import storage

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from large import make_large

    path = tmp_path_factory.mktemp("large") / "Stort.finsam"
    make_large(path)
    ff = storage.open_file(path, storage.OpenOptions(daily_backup=False, read_only=True))
    yield ff
    ff.close()
