"""Shared fixtures: every test gets its own förbund file in a temporary folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The command line logs a bug to finsam.log in the data folder: never the user's real one,
# also in tests (and their subprocesses) that do not choose a folder of their own.
os.environ["FINSAM_DATA_DIR"] = tempfile.mkdtemp(prefix="finsam-test-data-")

from finsam_desktop import storage

# A connection left inside a transaction between user actions fails the test that did it.
storage.STRICT_TRANSACTIONS = True


@pytest.fixture
def tmp_file(tmp_path: Path) -> Path:
    """A path for a new förbund file, not yet created."""
    return tmp_path / "Testförbundet.finsam"


@pytest.fixture
def ff(tmp_file: Path):
    """A freshly created, empty förbund file, open for writing; closed after the test."""
    f = storage.create_file(
        tmp_file, namn="Samordningsförbundet Test", organisationsnummer="222000-2063"
    )
    yield f
    f.close()
