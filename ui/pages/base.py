"""What every page has: a title, the open file, and a subscription to its writes.

A page subscribes to the file it shows (``ff.subscribe``) and reads it only when someone can
see the result: given a file, or told of a committed write, a page its window keeps out of
sight (not the current page of the window's stack) only marks itself stale and reads the
next time it is shown. So opening a file costs one page's read, not every page's. A page on
its own, or the current page of a window not yet shown, reads at once. It owns that
subscription and drops it when it is given another file, no file, or is destroyed (Vorta's
``base_tab`` idea).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..style import set_role

if TYPE_CHECKING:
    from finsam_desktop.storage import ForbundFile


class Subscription:
    """A cancellable hold on ``ff.subscribe``; cancelling twice is harmless."""

    def __init__(self, ff: ForbundFile, listener: Callable[[str], None]):
        self._unsubscribe: Callable[[], None] | None = ff.subscribe(listener)

    def cancel(self) -> None:
        if self._unsubscribe is not None:
            unsubscribe, self._unsubscribe = self._unsubscribe, None
            with contextlib.suppress(ValueError):  # the file already forgot us
                unsubscribe()


class Page(QWidget):
    """A page of the main window. Subclasses set ``key``, ``title``, ``icon_name`` and
    implement :meth:`refresh` (reading ``self.ff``)."""

    key = ""
    title = ""
    icon_name = ""
    #: One sentence under the title: what the page shows.
    description = ""

    def __init__(self, today: Callable[[], dt.date] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"page_{self.key}")
        self.setAccessibleName(self.title)
        #: Today's date; a test gives a fixed one.
        self.today = today or dt.date.today
        self.ff: ForbundFile | None = None
        self._subscription: Subscription | None = None
        self._stale = False
        self.refresh_count = 0  # how often the page has read the file; tests watch it

    # -- the file ------------------------------------------------------------------------------

    def set_file(self, ff: ForbundFile | None) -> None:
        """Show ``ff`` (or nothing): subscribe to its writes and read it, or, while the page is
        kept out of sight, read it when shown. No file is shown at once (nothing to read)."""
        if self._subscription is not None:
            self._subscription.cancel()
            self._subscription = None
        self.ff = ff
        if ff is not None:
            subscription = Subscription(ff, self._on_file_written)
            self._subscription = subscription
            # The C++ side may go before Python's: drop the listener then too.
            self.destroyed.connect(subscription.cancel)
        if ff is not None and self.is_put_away():
            self._stale = True
        else:
            self._reload()

    def is_put_away(self) -> bool:
        """Whether the page's window keeps it out of sight (a page of the stack that is not
        the current one). A page on its own is not put away, nor is the current page of a
        window not yet shown: that one is painted first."""
        return self.isHidden() and not self.isWindow()

    @property
    def stale(self) -> bool:
        """The file changed (or came) since the page last read it; it reads when shown."""
        return self._stale

    def refresh_if_stale(self) -> None:
        """Read the file now if the page missed a change (a page made current in a window
        not yet shown gets no show event until the window is shown)."""
        if self._stale:
            self._reload()

    def _on_file_written(self, _label: str) -> None:
        if self.isVisible():
            self._reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh_if_stale()
        super().showEvent(event)

    def _reload(self) -> None:
        self._stale = False
        self.refresh_count += 1
        self.refresh()

    def reload(self) -> None:
        """Read the file again now (after a change that did not go through ``ff.write``)."""
        if self.isVisible():
            self._reload()
        else:
            self._stale = True

    def refresh(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    # -- layout helpers ------------------------------------------------------------------------

    def page_layout(self, *, scroll: bool = False) -> QVBoxLayout:
        """The page's frame: title and description on top; returns the body's layout."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        body.setObjectName("pageBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(12)
        header = QVBoxLayout()
        header.setSpacing(2)
        self.title_label = set_role(QLabel(self.title), "title")
        header.addWidget(self.title_label)
        if self.description:
            self.description_label = set_role(QLabel(self.description), "subtitle")
            self.description_label.setWordWrap(True)
            header.addWidget(self.description_label)
        layout.addLayout(header)
        if scroll:
            area = QScrollArea()
            area.setObjectName("pageScroll")
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidget(body)
            outer.addWidget(area)
        else:
            outer.addWidget(body)
        return layout


def card(title: str | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A white, bordered box with an optional section heading."""
    frame = QFrame()
    frame.setProperty("card", True)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 14, 16, 14)
    layout.setSpacing(8)
    if title:
        layout.addWidget(set_role(QLabel(title), "section"))
    return frame, layout


def tab_body(intro: str, *, top: int = 8, role: str = "muted") -> tuple[QWidget, QVBoxLayout]:
    """The body of a tab in a form: a sentence that says what the tab holds, then its content
    (added to the returned layout). ``role`` "privacy" for a reminder about personal data."""
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.setContentsMargins(4, top, 4, 4)
    label = set_role(QLabel(intro), role)
    label.setWordWrap(True)
    layout.addWidget(label)
    return body, layout


def filter_bar(*widgets: tuple[str, QWidget]) -> QHBoxLayout:
    """A row of labelled filter controls (label text, widget), left-aligned; labels are buddies."""
    row = QHBoxLayout()
    row.setSpacing(8)
    for text, widget in widgets:
        add_labelled(row, text, widget, 12)
    row.addStretch(1)
    return row


def add_labelled(row: QHBoxLayout, text: str, widget: QWidget, space: int = 0) -> QLabel:
    """``widget`` after a label of ``text`` that is its buddy, into ``row``, then ``space``."""
    label = QLabel(text)
    label.setBuddy(widget)
    row.addWidget(label)
    row.addWidget(widget)
    if space:
        row.addSpacing(space)
    return label


def empty_label(text: str) -> QLabel:
    label = set_role(QLabel(text), "muted")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def tab_order(*widgets: QWidget) -> None:
    """Tab goes from each widget to the next, in the order given."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
