"""Where the program keeps its own things: the user's data folder and the log.

Below the UI so that the command line, which never loads Qt, names the same log file as the
window. ``FINSAM_DATA_DIR`` overrides the data folder, and with it where the log lives, so tests
and trials never touch the user's real folders.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import APP_NAME

ENV_DATA_DIR = "FINSAM_DATA_DIR"
LOG_FILE_NAME = "finsam.log"


def data_dir() -> Path:
    """The user's data folder (the demo förbund, the log); created when missing."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        folder = Path(override)
    else:
        import platformdirs

        folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_dir() -> Path:
    folder = data_dir() / "logg"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_file() -> Path:
    """The log both the window and the command line write an unexpected error to."""
    return log_dir() / LOG_FILE_NAME
