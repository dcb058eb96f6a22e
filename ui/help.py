"""Hjälp: the Swedish handbook in a window of its own, and the demo förbund's banner.

The handbook is one Markdown file shipped in ``finsam_resources/handbok/`` (so the wheel and the
frozen build carry it); each ``## `` heading is a chapter, listed on the left and shown with
Qt's own Markdown rendering on the right. It opens from Hjälp → Handbok (F1), from the welcome
page and from the banner the demo förbund shows, which says what the demo is and how to start
the förbund's own file.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import finsam_resources
from finsam_desktop import APP_NAME

from .lazyqt import Qt
from .style import set_role

HANDBOOK = ("handbok", "handbok.md")


@dataclass(frozen=True)
class Chapter:
    title: str
    markdown: str


def chapters(text: str | None = None) -> list[Chapter]:
    """The handbook's chapters in order: each ``## `` heading with the text up to the next."""
    if text is None:
        text = finsam_resources.path(*HANDBOOK).read_text(encoding="utf-8")
    found: list[Chapter] = []
    title: str | None = None
    body: list[str] = []
    for line in [*text.splitlines(), "## "]:
        if line.startswith("## "):
            if title is not None:
                found.append(Chapter(title, f"# {title}\n\n" + "\n".join(body).strip() + "\n"))
            title, body = line[3:].strip(), []
        elif title is not None:
            body.append(line)
    return found


class HandbookWindow(QWidget):
    """The handbook beside the program: chapters on the left, the chosen one on the right."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"Handbok – {APP_NAME}")
        self.resize(900, 640)
        self.chapters = chapters()
        self.contents = QListWidget()
        self.contents.setAccessibleName("Kapitel")
        self.contents.addItems([c.title for c in self.chapters])
        self.contents.setSpacing(3)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Handbokens text")
        self.text.setOpenExternalLinks(True)
        self.text.document().setDocumentMargin(16)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 680])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self.contents.currentRowChanged.connect(self._show)
        self.contents.setCurrentRow(0)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.chapters):
            self.text.setMarkdown(self.chapters[row].markdown)

    def show_chapter(self, title: str) -> None:
        """Bring the window up at the chapter with this title (the first if none has it)."""
        titles = [c.title for c in self.chapters]
        self.contents.setCurrentRow(titles.index(title) if title in titles else 0)
        self.show()
        self.raise_()
        self.activateWindow()

    @property
    def chapter_shown(self) -> str:
        return self.chapters[self.contents.currentRow()].title


class DemoBanner(QWidget):
    """Above the pages while the demo förbund is open: what it is, and the way to one's own."""

    new_requested = Signal()
    help_requested = Signal()

    HEADLINE = "Det här är demoförbundet."
    TEXT = (
        "Uppgifterna är påhittade, så prova fritt: inget här påverkar något annat. När du "
        "vill börja med ert eget förbund skapar du en ny förbundsfil."
    )

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = set_role(QLabel(f"<b>{self.HEADLINE}</b> {self.TEXT}"), "banner")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.new_button = QPushButton("Ny förbundsfil…")
        self.new_button.clicked.connect(self.new_requested)
        self.help_button = QPushButton("Kom igång")
        self.help_button.setToolTip("Öppna handbokens kapitel Kom igång")
        self.help_button.clicked.connect(self.help_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 16, 8)
        row.addWidget(self.label, 1)
        row.addWidget(self.new_button)
        row.addWidget(self.help_button)
        self.setAccessibleName("Demoförbundet")
        self.setAccessibleDescription(f"{self.HEADLINE} {self.TEXT}")
