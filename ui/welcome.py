"""What the window shows when no förbund file is open: the ways to get one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from finsam_desktop import APP_NAME

from .lazyqt import Qt
from .style import icon, set_role


class WelcomePage(QWidget):
    open_requested = Signal()
    new_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(str)
    help_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setAccessibleName("Ingen förbundsfil är öppen")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(10)

        logo = QLabel()
        logo.setPixmap(icon("finsam").pixmap(96, 96))
        logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(logo)
        title = set_role(QLabel(APP_NAME), "title")
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(title)
        text = set_role(
            QLabel(
                "Ingen förbundsfil är öppen. Öppna förbundets fil, skapa en ny, eller titta "
                "runt i demoförbundet."
            ),
            "subtitle",
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(text)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_button = QPushButton("Öppna förbundsfil…")
        self.open_button.clicked.connect(self.open_requested)
        self.new_button = QPushButton("Ny förbundsfil…")
        self.new_button.clicked.connect(self.new_requested)
        self.demo_button = QPushButton("Öppna demoförbundet")
        self.demo_button.clicked.connect(self.demo_requested)
        for button in (self.open_button, self.new_button, self.demo_button):
            button.setMinimumHeight(32)
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addSpacing(8)
        column.addLayout(buttons)
        self.help_button = QPushButton("Kom igång: läs handboken (F1)")
        self.help_button.setProperty("link", True)
        self.help_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.help_button.clicked.connect(self.help_requested)
        column.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignHCenter)

        self.recent_title = set_role(QLabel("Senast öppnade"), "section")
        self.recent_title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(16)
        column.addWidget(self.recent_title)
        self.recent_box = QVBoxLayout()
        self.recent_box.setSpacing(2)
        column.addLayout(self.recent_box)

        row = QHBoxLayout()
        row.addStretch(1)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(620)
        row.addWidget(holder, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.set_recent([])

    def set_recent(self, paths: list[str]) -> None:
        while self.recent_box.count():
            item = self.recent_box.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        existing = [p for p in paths if Path(p).exists()][:5]
        self.recent_title.setVisible(bool(existing))
        for text in existing:
            button = QPushButton(f"{Path(text).name}  –  {Path(text).parent}")
            button.setFlat(True)
            button.setToolTip(text)
            button.setAccessibleName(f"Öppna {Path(text).name}")
            button.clicked.connect(lambda _checked=False, t=text: self.recent_requested.emit(t))
            self.recent_box.addWidget(button)
