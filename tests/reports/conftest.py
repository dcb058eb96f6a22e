"""Fixtures of the report tests: the demo förbund, made once, copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from report_helpers import TODAY

from finsam_desktop import storage
from finsam_desktop.demo import create_demo


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "Demo.finsam"
    create_demo(path, today=TODAY)
    return path


@pytest.fixture
def demo(demo_path, tmp_path):
    """A private copy of the demo förbund, open for writing."""
    copy = tmp_path / "Demo.finsam"
    shutil.copy(demo_path, copy)
    ff = storage.open_file(copy, storage.OpenOptions(daily_backup=False))
    yield ff
    ff.close()
