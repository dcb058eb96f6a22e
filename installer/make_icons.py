"""Render resources/icons/finsam.svg into the icons the platforms want, and write them beside it.

    .venv/bin/python installer/make_icons.py

- finsam.png  256 px, for the Linux desktop entry (hicolor/256x256/apps);
- finsam.ico  16, 24, 32, 48, 256 px (PNG-compressed entries, read since Windows Vista);
- finsam.icns 32, 128, 256 px (the icp5/ic07/ic08 PNG entries macOS reads).

The files are committed; run this again only when the SVG changes. Rendering uses Qt's
QSvgRenderer offscreen, so it needs no display and no other image tool. The ICO and ICNS
containers are written here by hand: both are a small header and a table of PNG images.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ICONS = REPO / "resources" / "icons"
SVG = ICONS / "finsam.svg"

ICO_SIZES = (16, 24, 32, 48, 256)
ICNS_TYPES = ((b"icp5", 32), (b"ic07", 128), (b"ic08", 256))


def render_png(size: int) -> bytes:
    """The SVG as a transparent size × size PNG."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        render_png.app = QGuiApplication(sys.argv[:1])  # kept alive while rendering
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} går inte att läsa som SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico(images: dict[int, bytes]) -> bytes:
    """An ICO file: ICONDIR, one ICONDIRENTRY per image, then the PNGs."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns(images: list[tuple[bytes, bytes]]) -> bytes:
    """An ICNS file: 'icns' and the total length, then (type, length, PNG) per image."""
    body = b"".join(kind + struct.pack(">I", 8 + len(png)) + png for kind, png in images)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> None:
    pngs = {size: render_png(size) for size in sorted({*ICO_SIZES, *(s for _, s in ICNS_TYPES)})}
    written = {
        ICONS / "finsam.png": pngs[256],
        ICONS / "finsam.ico": ico({size: pngs[size] for size in ICO_SIZES}),
        ICONS / "finsam.icns": icns([(kind, pngs[size]) for kind, size in ICNS_TYPES]),
    }
    for path, data in written.items():
        path.write_bytes(data)
        print(f"{path.relative_to(REPO)}: {len(data) / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
