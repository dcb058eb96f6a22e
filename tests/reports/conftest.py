"""Fixtures of the report tests: the demo förbund made for DEMO_DAY (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def demo_path(demo_template) -> Path:
    """The shared demo file, closed: for commands that only read it."""
    return demo_template()


@pytest.fixture
def demo(open_demo):
    """A private copy of the demo förbund, open for writing."""
    return open_demo()
