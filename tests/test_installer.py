"""The installer definitions: what can be checked here without Windows or a Mac."""

from __future__ import annotations

import configparser
import importlib.util
import plistlib
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import finsam_desktop

REPO = Path(__file__).resolve().parents[1]
INSTALLER = REPO / "installer"
ICONS = REPO / "resources" / "icons"
_spec = importlib.util.spec_from_file_location("finsam_installer_build", INSTALLER / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)  # installer/build.py, under a name no package uses


def _iss_sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        if match := re.fullmatch(r"\[(\w+)\]", line):
            current = sections.setdefault(match[1], [])
        elif current is not None:
            current.append(line)
    return sections


def test_the_inno_setup_script_installs_the_folder_with_shortcuts_association_and_uninstaller():
    text = (INSTALLER / "windows" / "finsam.iss").read_text(encoding="utf-8")
    sections = _iss_sections(text)
    assert {"Setup", "Files", "Icons", "Tasks", "Registry", "Languages"} <= sections.keys()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["AppVersion"] == "{#AppVersion}"  # given by iscc /DAppVersion=…
    assert setup["DefaultDirName"].startswith("{autopf}")  # Program Files
    assert setup["ChangesAssociations"] == "yes"
    assert (INSTALLER / "windows" / setup["SetupIconFile"].replace("\\", "/")).resolve() == (
        ICONS / "finsam.ico"
    )
    assert "#error" in text and "#ifndef AppVersion" in text  # no silent version-less build
    assert any("recursesubdirs" in line for line in sections["Files"])
    icons = "\n".join(sections["Icons"])
    assert "{group}\\{#AppName}" in icons and "{uninstallexe}" in icons
    assert "{autodesktop}" in icons and "Tasks: desktopicon" in icons
    assert '#define AppName "Finsam Desktop"' in text
    registry = "\n".join(sections["Registry"])
    assert 'Subkey: "Software\\Classes\\.finsam"' in registry
    assert '""{app}\\{#AppExe}"" ""%1""' in registry


def test_the_build_passes_the_package_version_to_inno_setup():
    assert build.version() == finsam_desktop.__version__


def test_the_macos_info_plist_declares_the_bundle_and_the_finsam_document_type():
    info = build.macos_info_plist(finsam_desktop.__version__)
    assert info["CFBundleIdentifier"] == "se.samordningsforbund.finsam-desktop"
    assert info["CFBundleShortVersionString"] == finsam_desktop.__version__
    assert info["CFBundleIconFile"] == "finsam.icns"
    (document,) = info["CFBundleDocumentTypes"]
    (uti,) = document["LSItemContentTypes"]
    (exported,) = info["UTExportedTypeDeclarations"]
    assert exported["UTTypeIdentifier"] == uti
    assert exported["UTTypeTagSpecification"]["public.filename-extension"] == ["finsam"]
    plistlib.dumps(info)  # still a valid plist once filled in


def test_the_icons_are_made_from_the_svg_small_and_in_their_formats():
    png = (ICONS / "finsam.png").read_bytes()
    assert png.startswith(b"\x89PNG") and struct.unpack(">II", png[16:24]) == (256, 256)
    ico = (ICONS / "finsam.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 5)
    for n in range(count):
        _, _, _, _, _, _, size, offset = struct.unpack("<BBBBHHII", ico[6 + 16 * n : 22 + 16 * n])
        assert ico[offset : offset + 4] == b"\x89PNG" and offset + size <= len(ico)
    icns = (ICONS / "finsam.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    for path in (ICONS / "finsam.png", ICONS / "finsam.ico", ICONS / "finsam.icns"):
        assert path.stat().st_size < 64 * 1024


def test_the_linux_desktop_entry_opens_finsam_files():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(INSTALLER / "linux" / "finsam-desktop.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Name"] == "Finsam Desktop" and desktop["Exec"] == "finsam %f"
    assert desktop["MimeType"] == "application/x-finsam;"
    mime = ET.parse(INSTALLER / "linux" / "finsam-desktop.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    kind = mime.find("m:mime-type", ns)
    assert kind.get("type") == "application/x-finsam"
    assert kind.find("m:glob", ns).get("pattern") == "*.finsam"
    assert kind.find("m:magic/m:match", ns).get("value") == "FINS"  # PRAGMA application_id


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate saknas (apt-get install desktop-file-utils)",
)
def test_the_desktop_entry_passes_desktop_file_validate():
    done = subprocess.run(
        ["desktop-file-validate", str(INSTALLER / "linux" / "finsam-desktop.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""  # no warnings or hints either


def test_the_build_lays_out_the_linux_desktop_files_as_xdg_wants(tmp_path):
    build.install_linux_desktop_files(tmp_path)
    assert (tmp_path / "share/applications/finsam-desktop.desktop").is_file()
    assert (tmp_path / "share/mime/packages/finsam-desktop.xml").is_file()
    assert (tmp_path / "share/icons/hicolor/256x256/apps/finsam-desktop.png").is_file()
