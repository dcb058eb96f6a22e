"""The one date input of the app: a line for ÅÅÅÅ-MM-DD and a calendar beside it.

What is typed is read by :func:`finsam_desktop.dates.parse_date` when the field is left or on
Enter: "2023-01-13", "20230113" and "2023-1-13" are that day (shown as 2023-01-13 from then
on), anything else is refused with its reason under the field, the text stays as typed and
nothing changes. Unlike a QDateEdit, a field never moves a typed date to another one (13 for
a year, a day the month does not have), and typing over a selection replaces it all.

A field either stores itself (given ``store``, like every :class:`LineField`) or holds a date
for its dialog or page, with the QDateEdit calls those use: :meth:`date`, :meth:`setDate`,
``dateChanged``. A dialog reads it with :meth:`value`, which takes what is typed and refuses
(a :class:`~finsam_desktop.dates.DateError`) what is not a date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QSizePolicy, QWidget

from finsam_desktop.dates import DateError, parse_date
from finsam_desktop.text import clean_text

from ..style import icon
from .fields import LineField, Store, attempt, parse_optional_date, show_date

PLACEHOLDER = "åååå-mm-dd"


def to_date(day: QDate | dt.date | None) -> dt.date | None:
    if isinstance(day, QDate):
        return day.toPython() if day.isValid() else None
    return day


def to_qdate(day: dt.date | None) -> QDate:
    return QDate(day.year, day.month, day.day) if day is not None else QDate()


class DateField(LineField):
    """A date typed as ÅÅÅÅ-MM-DD, taken exactly as typed or refused where it is typed."""

    #: The date held changed (typed and accepted, picked in the calendar, or set); an
    #: invalid QDate when an optional field was emptied. Not sent when a form shows what
    #: is stored.
    dateChanged = Signal(QDate)

    def __init__(
        self,
        accessible_name: str,
        store: Store | None = None,
        *,
        day: QDate | dt.date | None = None,
        optional: bool = False,
        placeholder: str = PLACEHOLDER,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ):
        super().__init__(
            accessible_name,
            parse_optional_date if optional else parse_date,
            store,
            placeholder=placeholder,
            parent=parent,
        )
        self.optional = optional
        self.today = today
        self._date: dt.date | None = None
        self._stored = ""
        self.calendar: QCalendarWidget | None = None
        self.calendar_action = self.addAction(
            icon("moten"), QLineEdit.ActionPosition.TrailingPosition
        )
        self.calendar_action.setText("Välj i kalendern")
        self.calendar_action.setToolTip("Välj i kalendern (Alt+Nedåtpil)")
        self.calendar_action.triggered.connect(self.open_calendar)
        # As wide as a date wants in a row of filters; a form's column still widens it.
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        self.setSizePolicy(policy)
        if day is not None:
            self._show(to_date(day))

    # -- the QDateEdit calls a dialog or page makes ------------------------------------------

    def date(self) -> QDate:
        """The date the field holds (invalid when empty). Text being typed, or refused, is
        not a date yet: this stays the last one accepted."""
        return to_qdate(self._date)

    def setDate(self, day: QDate | dt.date | None) -> None:
        """Hold ``day`` (replacing anything typed); ``dateChanged`` when it is another."""
        self._show(to_date(day))

    def setCalendarPopup(self, enable: bool) -> None:
        self.calendar_action.setVisible(enable)

    def value(self) -> dt.date | None:
        """Take what is typed now and return the date (None for an empty optional field);
        refuses with the reason, shown under the field too, when it is not a date."""
        if self.text() != self._stored:
            self.setModified(True)  # what is shown is what counts, however it came there
        if not self.commit():
            raise DateError(self.toolTip())
        return self._date

    def set_date(self, day: dt.date | None) -> None:
        """Show a stored date (never stores); see :meth:`LineField.set_value`."""
        self.set_value(show_date(day))

    # -- LineField ---------------------------------------------------------------------------

    def set_value(self, text: str) -> None:
        super().set_value(text)
        if not self.isModified():
            self._date = parse_date(text) if text else None

    def commit(self) -> bool:
        if not self.isModified():
            return True
        typed: list[dt.date | None] = []
        store = self.store

        def action() -> None:
            typed.append(self.parse(clean_text(self.text())))
            if store is not None:
                store(typed[0])

        if not attempt(self, self.error, action):
            return False
        self.setModified(False)
        if store is None:
            self._show(typed[0])
        else:  # the form shows what was stored when the file tells it; until then, this
            self._stored = show_date(typed[0])
            self._date = typed[0]
            if self.text() != self._stored:
                self.setText(self._stored)
        self.stored.emit()
        return True

    def _show(self, day: dt.date | None) -> None:
        text = show_date(day)
        self._stored = text
        if self.text() != text:
            self.setText(text)
        self.setModified(False)
        attempt(self, self.error, lambda: None)
        if day != self._date:
            self._date = day
            self.dateChanged.emit(to_qdate(day))

    # -- the calendar ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        opens = event.key() == Qt.Key.Key_F4 or (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if opens and self.calendar_action.isVisible() and not self.isReadOnly():
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> QCalendarWidget:
        """The month of the date held (or of today) under the field; a click takes a day."""
        if self.calendar is None:
            calendar = QCalendarWidget(self)
            calendar.setWindowFlags(Qt.WindowType.Popup)
            calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            calendar.setGridVisible(True)
            calendar.setAccessibleName(f"Kalender för {self.accessibleName().lower()}")
            calendar.clicked.connect(self._picked)
            calendar.activated.connect(self._picked)
            self.calendar = calendar
        calendar = self.calendar
        typed = None
        with contextlib.suppress(DateError):  # half-typed: the month of the date held
            typed = parse_date(self.text()) if self.text().strip() else None
        calendar.setSelectedDate(to_qdate(typed or self._date or self.today()))
        size = calendar.sizeHint()
        where = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        x = min(max(screen.left(), where.x()), screen.right() - size.width())
        y = where.y() if where.y() + size.height() <= screen.bottom() else (
            self.mapToGlobal(QPoint(0, 0)).y() - size.height()
        )  # fmt: skip
        calendar.setGeometry(x, y, size.width(), size.height())
        calendar.show()
        calendar.setFocus()
        return calendar

    def _picked(self, day: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        self.setFocus()
        if self.isReadOnly():
            return
        self.setText(day.toString("yyyy-MM-dd"))
        self.setModified(True)
        self.commit()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        width = self.fontMetrics().horizontalAdvance("0000-00-00") + 2 * hint.height() + 16
        return QSize(max(width, 150), hint.height())
