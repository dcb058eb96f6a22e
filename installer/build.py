"""Build Finsam Desktop as one folder with PyInstaller, then smoke-test the frozen program.

    .venv/bin/python installer/build.py            build into build/dist/finsam, then smoke
    .venv/bin/python installer/build.py --no-smoke only build

Needs `pip install -e .[build]`. The folder holds the `finsam` program (the app, and the same
subcommands as a source install) with Qt, the fonts and icons in resources/, and PDFium.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "build"
DIST = BUILD / "dist"

# Packages that load parts of themselves by name at run time, so PyInstaller's import
# analysis cannot see them: holidays (a module per country), stdnum (data files),
# pypdfium2 (the PDFium library), icalendar and tzdata (time-zone data on Windows).
_COLLECT = [
    ("--collect-all", "holidays"),
    ("--collect-data", "stdnum"),
    ("--collect-all", "pypdfium2"),
    ("--collect-all", "pypdfium2_raw"),
    ("--collect-data", "icalendar"),
]
_EXCLUDE = ["tkinter", "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick"]


def build() -> Path:
    sep = ";" if sys.platform == "win32" else ":"
    icon = (
        REPO / "resources" / "icons" / ("finsam.ico" if sys.platform == "win32" else "finsam.svg")
    )
    args = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--onedir",
        "--name",
        "finsam",
        "--distpath",
        str(DIST),
        "--workpath",
        str(BUILD / "work"),
        "--specpath",
        str(BUILD),
        "--paths",
        str(REPO),
        "--add-data",
        f"{REPO / 'resources'}{sep}resources",
    ]
    if icon.exists() and icon.suffix == ".ico":
        args += ["--icon", str(icon)]
    for flag, package in _COLLECT:
        args += [flag, package]
    for module in _EXCLUDE:
        args += ["--exclude-module", module]
    args.append(str(REPO / "installer" / "entry.py"))
    began = time.perf_counter()
    subprocess.run(args, check=True, cwd=REPO)
    folder = DIST / "finsam"
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"Byggd: {folder} ({size / 2**20:.0f} MiB) på {time.perf_counter() - began:.0f} s")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-smoke", action="store_true", help="bygg utan röktest")
    options = parser.parse_args()
    folder = build()
    if not options.no_smoke:
        from smoke import smoke  # installer/smoke.py, beside this file

        smoke(folder / ("finsam.exe" if sys.platform == "win32" else "finsam"))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
