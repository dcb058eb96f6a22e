"""Fixtures of the report tests: the demo förbund made for DEMO_DAY (``demo``, a private
copy open for writing, is the root conftest's)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def demo_path(demo_template) -> Path:
    """The shared demo file, closed: for commands that only read it."""
    return demo_template()
