"""The program's runtime files: the DejaVu Sans fonts with their licence, the icons, the
handbook (``handbok/handbok.md``) and the demo förbund's content (``demo/norradalen.toml``).

This folder installs as the package ``finsam_resources`` (``pyproject.toml`` maps it), so a
wheel, an editable install and the frozen build all find the files the same way, through
:mod:`importlib.resources`, never through a path computed from a module's ``__file__``.
It imports nothing of the program's own: every layer may use it.
"""

from __future__ import annotations

import atexit
import contextlib
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def path(*parts: str) -> Traversable:
    """A shipped file, e.g. ``path("fonts", "DejaVuSans.ttf")``."""
    return files(__name__).joinpath(*parts)


def file_path(*parts: str) -> Path:
    """The shipped file as a real file on disk, for APIs that want a file name (Qt, ReportLab).

    Installed as files (wheel, editable, frozen) this is the file itself; from a zip it is
    extracted once and kept until the program exits.
    """
    return _extracted.enter_context(as_file(path(*parts)))


def font(name: str) -> Path:
    return file_path("fonts", name)


def icon(name: str) -> Path:
    """An icon by name without suffix: ``icon("finsam")`` is icons/finsam.svg."""
    return file_path("icons", f"{name}.svg")
