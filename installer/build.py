"""Build Finsam Desktop as one folder with PyInstaller, then smoke-test the frozen program.

    .venv/bin/python installer/build.py            build into build/dist/finsam, then smoke
    .venv/bin/python installer/build.py --no-smoke only build
    python installer/build.py --macos-bundle       on a Mac: also build/dist/Finsam Desktop.app
    python installer/build.py --windows-installer  on Windows: then Inno Setup's iscc makes
                                                   build/installer/finsam-desktop-<v>-setup.exe

Needs `pip install -e .[build]`. The folder holds the `finsam` program (the app, and the same
subcommands as a source install) with Qt, the fonts and icons (resources/, as the package
finsam_resources) and PDFium. On Linux it also gets share/ with the desktop entry, the .finsam
MIME type and the icon, laid out as under /usr/local/share (copy share/ there, or to
~/.local/share, to install them).
Only the Linux folder and its smoke test are built and run on the development machine; the
Windows and macOS steps are written but not run there (README, "What is tested where").
"""

from __future__ import annotations

import argparse
import plistlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "build"
DIST = BUILD / "dist"
INSTALLER = REPO / "installer"
RESOURCES = REPO / "resources"  # installs as the package finsam_resources (pyproject.toml)
ICONS = RESOURCES / "icons"
APP_NAME = "Finsam Desktop"

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


def version() -> str:
    """finsam_desktop.__version__, read without importing the package."""
    text = (REPO / "finsam_desktop" / "__init__.py").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("finsam_desktop/__init__.py saknar __version__")


def macos_info_plist(app_version: str) -> dict:
    """installer/macos/Info.plist with the version filled in."""
    with (INSTALLER / "macos" / "Info.plist").open("rb") as f:
        info = plistlib.load(f)
    info["CFBundleShortVersionString"] = info["CFBundleVersion"] = app_version
    return info


def install_linux_desktop_files(folder: Path) -> None:
    """Put the desktop entry, MIME type and icon under folder/share, as XDG lays them out."""
    share = folder / "share"
    targets = {
        INSTALLER / "linux" / "finsam-desktop.desktop": share / "applications",
        INSTALLER / "linux" / "finsam-desktop.xml": share / "mime" / "packages",
        ICONS / "finsam.png": share / "icons" / "hicolor" / "256x256" / "apps",
    }
    for source, target in targets.items():
        target.mkdir(parents=True, exist_ok=True)
        name = "finsam-desktop.png" if source.suffix == ".png" else source.name
        shutil.copy2(source, target / name)


def stage_resources(folder: Path) -> Path:
    """resources/ copied to folder/finsam_resources, where PyInstaller finds it by its name.

    The package (its ``__init__.py``) goes into the frozen program like any module; its files
    go beside it as data, so ``importlib.resources.files("finsam_resources")`` finds them
    in the frozen program as in an installed wheel."""
    target = folder / "finsam_resources"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(RESOURCES, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return target


def build(*, macos_bundle: bool = False) -> Path:
    sep = ";" if sys.platform == "win32" else ":"
    resources = stage_resources(BUILD / "packages")
    icon = ICONS / {"win32": "finsam.ico", "darwin": "finsam.icns"}.get(sys.platform, "")
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
        "--paths",
        str(resources.parent),
        "--hidden-import",
        "finsam_resources",
        "--add-data",
        f"{resources}{sep}finsam_resources",
    ]
    if icon.is_file():
        args += ["--icon", str(icon)]
    if macos_bundle:
        # --windowed on macOS makes PyInstaller's BUNDLE step: build/dist/Finsam Desktop.app
        args += [
            "--windowed",
            "--osx-bundle-identifier",
            macos_info_plist("0")["CFBundleIdentifier"],
        ]
    for flag, package in _COLLECT:
        args += [flag, package]
    for module in _EXCLUDE:
        args += ["--exclude-module", module]
    args.append(str(REPO / "installer" / "entry.py"))
    began = time.perf_counter()
    subprocess.run(args, check=True, cwd=REPO)
    folder = DIST / "finsam"
    if sys.platform.startswith("linux"):
        install_linux_desktop_files(folder)
    if macos_bundle:
        bundle = DIST / "finsam.app"
        contents = DIST / f"{APP_NAME}.app" / "Contents"
        if bundle.exists():
            shutil.rmtree(contents.parent, ignore_errors=True)
            bundle.rename(contents.parent)
        with (contents / "Info.plist").open("wb") as f:
            plistlib.dump(macos_info_plist(version()), f)
        shutil.copy2(ICONS / "finsam.icns", contents / "Resources" / "finsam.icns")
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"Byggd: {folder} ({size / 2**20:.0f} MiB) på {time.perf_counter() - began:.0f} s")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-smoke", action="store_true", help="bygg utan röktest")
    parser.add_argument(
        "--macos-bundle", action="store_true", help="på macOS: bygg även Finsam Desktop.app"
    )
    parser.add_argument(
        "--windows-installer",
        action="store_true",
        help="på Windows: kör Inno Setups iscc på installer/windows/finsam.iss efteråt",
    )
    options = parser.parse_args()
    if options.macos_bundle and sys.platform != "darwin":
        parser.error("--macos-bundle går bara att bygga på macOS")
    if options.windows_installer and sys.platform != "win32":
        parser.error("--windows-installer går bara att bygga på Windows")
    folder = build(macos_bundle=options.macos_bundle)
    if options.windows_installer:
        subprocess.run(
            [
                "iscc",
                f"/DAppVersion={version()}",
                f"/DDistDir={folder}",
                str(INSTALLER / "windows" / "finsam.iss"),
            ],
            check=True,
        )
    if not options.no_smoke:
        from smoke import smoke  # installer/smoke.py, beside this file

        smoke(folder / ("finsam.exe" if sys.platform == "win32" else "finsam"))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
