"""The program's runtime files: the DejaVu Sans fonts with their licence, the icons, the
handbook (``handbok/handbok.md``) and the demo förbund's content (``demo/norradalen.toml``).

This folder installs as the package ``finsam_resources`` (``pyproject.toml`` maps it), so a
wheel, an editable install and the frozen build all find the files the same way, through
:mod:`importlib.resources`, never through a path computed from a module's ``__file__``.
It imports nothing of the program's own: every layer may use it.

One shortcut, for the window's start: importing :mod:`importlib.resources` and its readers
took 5-6 ms before the first paint (the icons are needed for it). Installed as files, the
package is one folder on disk, the one its import spec names (``submodule_search_locations``)
and the one ``importlib.resources.files`` returns for it; :func:`file_path` takes a file that
is there from there, and goes through importlib.resources for anything else (a zip).
``tests/test_resources.py`` checks that both give the same file.
"""

from __future__ import annotations

import atexit
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def _folder_on_disk() -> Path | None:
    """The package's one folder when it is installed as files, else None (a zip)."""
    locations = __spec__.submodule_search_locations if __spec__ is not None else None
    if locations is None or len(locations) != 1:
        return None
    folder = Path(locations[0])
    return folder if folder.is_dir() else None


_FOLDER = _folder_on_disk()


def path(*parts: str) -> Traversable:
    """A shipped file, e.g. ``path("fonts", "DejaVuSans.ttf")``."""
    from importlib.resources import files

    return files(__name__).joinpath(*parts)


def file_path(*parts: str) -> Path:
    """The shipped file as a real file on disk, for APIs that want a file name (Qt, ReportLab).

    Installed as files (wheel, editable, frozen) this is the file itself; from a zip it is
    extracted once and kept until the program exits.
    """
    if _FOLDER is not None:
        on_disk = _FOLDER.joinpath(*parts)
        if on_disk.is_file():
            return on_disk
    from importlib.resources import as_file

    return _extracted.enter_context(as_file(path(*parts)))


def font(name: str) -> Path:
    return file_path("fonts", name)


def icon(name: str) -> Path:
    """An icon by name without suffix: ``icon("finsam")`` is icons/finsam.svg."""
    return file_path("icons", f"{name}.svg")
