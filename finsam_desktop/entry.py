"""The `finsam` command's first step: the window, started before the command line is read.

``finsam`` alone, or ``finsam FIL.finsam``, opens the window, and the window paints before the
project's modules are loaded (:func:`ui.app.launch`): so this module imports nothing the
window does not need, and leaves everything else to :mod:`finsam_desktop.cli` (which parses
the subcommands, with argparse, the storage and the rest of the command line's imports).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: The exit code when the environment is to blame (no display), as the command line's.
EXIT_ENVIRONMENT = 3


def main() -> int:
    argv = sys.argv[1:]
    if not argv:
        return start_app(None)
    if len(argv) == 1 and argv[0].lower().endswith(".finsam") and not argv[0].startswith("-"):
        return start_app(Path(argv[0]))
    from .cli import main as command_line

    return command_line(argv)


def start_app(path: Path | None) -> int:
    """Run the window on ``path`` (the last file, or the demo, when None)."""
    if _no_display():
        print(
            "finsam: Ingen skärm hittades (varken DISPLAY eller WAYLAND_DISPLAY är satt). "
            "Starta programmet i en grafisk session, eller på en virtuell skärm: xvfb-run -a "
            "finsam. Kommandona demo, import, export, check och report fungerar utan skärm.",
            file=sys.stderr,
        )
        return EXIT_ENVIRONMENT
    from ui.app import run  # Qt is imported only here

    return run(path)


def _no_display() -> bool:
    """On Linux, Qt without a display aborts with a plugin message nobody understands."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
