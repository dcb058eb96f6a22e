"""The app's look: one light palette, a style sheet, icons and the few shared colours.

Widgets say what they are (``setProperty("role", "title")``, object names) and this module says
how that looks, so pages never carry colours or font sizes of their own.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from .paths import icon_path

ACCENT = "#1f5f8b"
TEXT = "#1d2733"
MUTED = "#5b6b7c"
BORDER = "#d9e0e8"
WINDOW = "#f4f6f9"
SURFACE = "#ffffff"
SIDEBAR = "#e9eef4"
ERROR = "#b03a2e"
WARNING = "#9a6700"
OK = "#2e7d4f"

STYLE_SHEET = f"""
QWidget#sidebar {{
    background: {SIDEBAR};
    border-right: 1px solid {BORDER};
}}
QLabel#sidebarName {{
    color: {TEXT};
    font-weight: bold;
    padding: 0 4px;
}}
QLabel#sidebarFile {{
    color: {MUTED};
    padding: 0 4px;
}}
QListWidget#navigation {{
    background: transparent;
    border: none;
    outline: none;
}}
QListWidget#navigation::item {{
    color: {TEXT};
    padding: 0 8px;
    border-radius: 6px;
}}
QListWidget#navigation::item:hover {{
    background: #dde5ee;
}}
QListWidget#navigation::item:selected {{
    background: #cfdeec;
    color: {ACCENT};
    font-weight: bold;
}}
QListWidget#navigation:focus {{
    border: 1px solid {ACCENT};
    border-radius: 6px;
}}
QScrollArea#pageScroll, QWidget#pageBody {{
    background: {WINDOW};
}}
QLabel[role="title"], QLabel[role="section"], QLabel[role="figure"] {{
    font-weight: bold;
    color: {TEXT};
}}
QLabel[role="title"] {{
    font-size: 17pt;
}}
QLabel[role="section"] {{
    font-size: 11pt;
}}
QLabel[role="figure"] {{
    font-size: 16pt;
}}
QLabel[role="subtitle"], QLabel[role="muted"], QLabel[role="figureLabel"] {{
    color: {MUTED};
}}
QLabel[role="fieldError"], QLabel[tone="error"] {{
    color: {ERROR};
}}
QLabel[tone="warning"] {{
    color: {WARNING};
}}
QLabel[tone="ok"] {{
    color: {OK};
}}
QFrame[card="true"] {{
    background: {SURFACE};
    border: 1px solid {BORDER};
    border-radius: 8px;
}}
QFrame[card="true"] QLabel {{
    background: transparent;
}}
QTableView, QTreeView, QTreeWidget {{
    background: {SURFACE};
    alternate-background-color: #f6f8fb;
    border: 1px solid {BORDER};
    border-radius: 4px;
    gridline-color: #e6ebf0;
    selection-background-color: #cfdeec;
    selection-color: {TEXT};
}}
QTreeView::item {{
    padding: 3px 2px;
}}
QHeaderView::section {{
    background: #eef2f6;
    color: {TEXT};
    border: none;
    border-bottom: 1px solid {BORDER};
    border-right: 1px solid #e2e7ed;
    padding: 5px 6px;
    font-weight: bold;
}}
QProgressBar {{
    border: none;
    border-radius: 4px;
    background: #e6ebf0;
    max-height: 8px;
    text-align: center;
}}
QProgressBar::chunk {{
    border-radius: 4px;
    background: {ACCENT};
}}
QProgressBar[tone="error"]::chunk {{
    background: {ERROR};
}}
QStatusBar {{
    color: {MUTED};
}}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] {{
    border: 1px solid {ERROR};
    border-radius: 3px;
}}
QWidget#demoBanner {{
    background: #e7f0f8;
    border-bottom: 1px solid #c5d7e8;
}}
QLabel[role="banner"] {{
    color: {TEXT};
}}
QLabel[role="privacy"] {{
    color: {WARNING};
}}
QLabel[role="warningBox"] {{
    color: {WARNING};
    background: #fff6e0;
    border: 1px solid #f0d9a0;
    border-radius: 4px;
    padding: 6px 8px;
}}
QLabel[role="okBox"] {{
    color: {OK};
    padding: 6px 0;
}}
QPushButton[link="true"] {{
    color: {ACCENT};
    border: none;
    padding: 0 2px;
    text-align: left;
    background: transparent;
}}
QPushButton[link="true"]:focus {{
    text-decoration: underline;
    outline: 1px dotted {ACCENT};
}}
QPushButton[link="true"]:hover {{
    text-decoration: underline;
}}
QPushButton[role="back"] {{
    text-align: left;
}}
QToolButton[popupMode="2"] {{
    padding-right: 14px;  /* room for the menu's arrow, which was drawn over the last letter */
}}
"""


#: Given to a QApplication made by the app: Fusion from the start costs nothing, where
#: ``setStyle("Fusion")`` afterwards made a second style and its Python wrapper (7-9 ms).
FUSION_ARGS = ["-style", "Fusion"]


def apply(app: QApplication) -> None:
    """Fusion with a light palette: the same look on Windows, macOS and Linux."""
    if not getattr(app, "_finsam_fusion", False):  # not made with FUSION_ARGS
        app.setStyle("Fusion")
        app._finsam_fusion = True  # type: ignore[attr-defined]
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: WINDOW,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: SURFACE,
        QPalette.ColorRole.AlternateBase: "#f6f8fb",
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.Button: "#f0f3f7",
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: MUTED,
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#9aa5b1"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#9aa5b1"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#9aa5b1"))
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET)


@cache
def icon(name: str) -> QIcon:
    """An icon from resources/icons (an SVG, scaled crisply at any size)."""
    return QIcon(str(icon_path(name)))


def set_role(widget: QWidget, role: str) -> QWidget:
    """Give a widget its typographic role (title, subtitle, section, muted, figure…)."""
    widget.setProperty("role", role)
    return widget


def set_tone(widget: QWidget, tone: str | None) -> None:
    """Colour a label or progress bar by meaning (error, warning, ok) and re-polish it."""
    widget.setProperty("tone", tone or "")
    widget.style().unpolish(widget)
    widget.style().polish(widget)
