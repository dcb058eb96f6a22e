"""Översikt: the förbund's year at a glance.

Who the förbund is and its members, the year's money for insatser so far, eget kapital at
the last year end against the ceiling, the next meetings, and what the checks find.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from finsam_desktop import beslutslogg, ekonomi, forbundsmal, insatser, moten
from finsam_desktop.check import Finding, run_checks
from finsam_desktop.forbund import forbund, medlemmar
from finsam_desktop.money import format_amount, format_percent
from finsam_desktop.swedish import join_list as join_and

from ..operations import Operation, run_in_background
from ..style import icon, set_role, set_tone
from ..text import month_name
from .base import Page, card, empty_label

#: How many findings the page lists before it says how many more there are.
MAX_FINDINGS = 12
#: How many insatser the page lists (the largest grants first).
MAX_INSATSER = 8
#: How many meetings and deadlines "Kommande" lists, and how far ahead deadlines are shown.
MAX_COMING = 7
DEADLINE_DAYS = 45
SEVERITY_ERROR = "fel"
#: How long after a change the checks start (in the background), once the page is drawn.
CHECKS_AFTER_MS = 60
#: Below this page width the overview stacks its cards in one column.
NARROW_WIDTH = 960


def days_text(day: dt.date, today: dt.date) -> str:
    """How far ahead a day is: "i dag", "i morgon", "om 12 dagar"."""
    days = (day - today).days
    if days == 0:
        return "i dag"
    if days == 1:
        return "i morgon"
    return f"om {days} dagar"


def deadlines(ff, today: dt.date, days: int) -> list[tuple[dt.date, str]]:
    """Årshjul entries (the förbund's own deadlines) falling within ``days`` from ``today``;
    yearly ones on this year's (or next year's) date."""
    from .. import queries

    found = []
    done = queries.arshjul_klara(ff, today.year)
    for post in queries.arshjul_poster(ff):
        day = post.datum
        if post.upprepning.value == "arligen":
            try:
                day = day.replace(year=today.year)
                if day < today:
                    day = day.replace(year=today.year + 1)
            except ValueError:  # 29 February
                continue
        if today <= day <= today + dt.timedelta(days=days) and post.id not in done:
            found.append((day, post.rubrik))
    return found


def _checked(snapshot, today: dt.date) -> list[Finding]:
    """Every check on a snapshot of the file (a worker thread; the operation closes it)."""
    return run_checks(snapshot, today=today)


def _clear(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())


class Figure(QFrame):
    """A key figure: a label, a large number and a line (and bar) that puts it in context."""

    def __init__(self, label: str, accessible: str):
        super().__init__()
        self.setProperty("card", True)
        self.setAccessibleName(accessible)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(4)
        self.label = set_role(QLabel(label), "figureLabel")
        self.value = set_role(QLabel("–"), "figure")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setRange(0, 1000)
        self.bar.setVisible(False)
        self.note = set_role(QLabel(""), "muted")
        self.note.setWordWrap(True)
        layout.addWidget(self.label)
        layout.addWidget(self.value)
        layout.addWidget(self.bar)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def show_value(
        self,
        label: str,
        value: str,
        note: str = "",
        share: Decimal | None = None,
        tone: str | None = None,
    ) -> None:
        self.label.setText(label)
        self.value.setText(value)
        self.note.setText(note)
        self.bar.setVisible(share is not None)
        if share is not None:
            self.bar.setValue(int(min(max(share, Decimal(0)), Decimal(1)) * 1000))
        set_tone(self.bar, tone)
        set_tone(self.note, tone)
        self.setAccessibleDescription(f"{label}: {value}. {note}")


def link_button(text: str, accessible: str) -> QPushButton:
    """A small flat button that opens a place; reachable with Tab, pressed with Space."""
    button = QPushButton(text)
    button.setFlat(True)
    button.setProperty("link", True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setAccessibleName(accessible)
    button.setToolTip(accessible)
    return button


class OversiktPage(Page):
    key = "oversikt"
    title = "Översikt"
    icon_name = "oversikt"
    #: A finding was clicked: open the place to fix it.
    finding_activated = Signal(object)
    insats_activated = Signal(int)
    #: The förbund's goals of a year were asked for (a year without their bedömning).
    mal_activated = Signal(int)
    mote_activated = Signal(int)
    #: (mote_id, arende_id): open this beslut in its meeting, selected.
    beslut_activated = Signal(int, int)
    #: The checks ended and what they found is shown.
    checked = Signal()

    def __init__(self, today=None, parent=None):
        super().__init__(today, parent)
        layout = self.page_layout(scroll=True)
        self.title_label.setAccessibleName("Förbundets namn")
        self.subtitle = set_role(QLabel(), "subtitle")
        self.subtitle.setAccessibleName("Organisationsnummer och år")
        layout.insertWidget(1, self.subtitle)
        layout.addSpacing(4)

        figures = QGridLayout()
        figures.setSpacing(12)
        self.figures_grid = figures
        self.beviljat = Figure("Beviljat", "Beviljat i år")
        self.forbrukat = Figure("Förbrukat hittills", "Förbrukat hittills i år")
        self.kvar = Figure("Ej förbrukat", "Ej förbrukat i år")
        self.eget_kapital = Figure("Eget kapital", "Eget kapital mot taket")
        self.figure_widgets = (self.beviljat, self.forbrukat, self.kvar, self.eget_kapital)
        layout.addLayout(figures)

        columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns = columns
        columns.setSpacing(12)
        left = QVBoxLayout()
        left.setSpacing(12)
        right = QVBoxLayout()
        right.setSpacing(12)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)

        frame, box = card("Medlemmar")
        frame.setAccessibleName("Medlemmar")
        self.members_grid = QGridLayout()
        self.members_grid.setHorizontalSpacing(16)
        self.members_grid.setVerticalSpacing(6)
        box.addLayout(self.members_grid)
        left.addWidget(frame)

        frame, box = card("Kommande möten och tidsgränser")
        frame.setAccessibleName("Kommande möten och tidsgränser")
        self.meetings_grid = QGridLayout()
        self.meetings_grid.setHorizontalSpacing(16)
        self.meetings_grid.setVerticalSpacing(6)
        box.addLayout(self.meetings_grid)
        left.addWidget(frame)

        frame, box = card("Öppna beslut")
        frame.setAccessibleName("Öppna beslut")
        self.beslut_title = box.itemAt(0).widget()
        self.beslut_grid = QGridLayout()
        self.beslut_grid.setHorizontalSpacing(10)
        self.beslut_grid.setVerticalSpacing(4)
        self.beslut_grid.setColumnStretch(1, 1)
        box.addLayout(self.beslut_grid)
        left.addWidget(frame)
        left.addStretch(1)

        frame, box = card("Att se över")
        frame.setAccessibleName("Kontroller")
        self.findings_intro = set_role(QLabel(), "muted")
        self.findings_intro.setWordWrap(True)
        box.addWidget(self.findings_intro)
        self.findings_grid = QGridLayout()
        self.findings_grid.setHorizontalSpacing(10)
        self.findings_grid.setVerticalSpacing(8)
        self.findings_grid.setColumnStretch(1, 1)
        box.addLayout(self.findings_grid)
        right.addWidget(frame)

        frame, box = card("Uppföljning som saknas")
        frame.setAccessibleName("Uppföljning som saknas")
        self.missing_title = box.itemAt(0).widget()
        self.missing_grid = QGridLayout()
        self.missing_grid.setHorizontalSpacing(10)
        self.missing_grid.setVerticalSpacing(4)
        self.missing_grid.setColumnStretch(0, 1)
        box.addLayout(self.missing_grid)
        left.insertWidget(left.count() - 1, frame)

        frame, box = card("Insatser")
        frame.setAccessibleName("Insatsernas förbrukning")
        self.insatser_title = box.itemAt(0).widget()
        self.insatser_grid = QGridLayout()
        self.insatser_grid.setHorizontalSpacing(12)
        self.insatser_grid.setVerticalSpacing(3)
        box.addLayout(self.insatser_grid)
        right.addWidget(frame)
        right.addStretch(1)
        layout.addStretch(1)
        #: The findings shown, for tests and for the later "jump to" action.
        self.findings: list[Finding] = []
        self.finding_buttons: list[QPushButton] = []
        #: The checks under way, and the day to run them again for once they end.
        self._checks: Operation | None = None
        self._checks_due: dt.date | None = None
        self._checks_timer = QTimer(self)
        self._checks_timer.setSingleShot(True)
        self._checks_timer.setInterval(CHECKS_AFTER_MS)
        self._checks_timer.timeout.connect(self._start_checks)
        self.narrow: bool | None = None
        self._arrange(narrow=False)

    # -- layout -----------------------------------------------------------------------------

    def _arrange(self, *, narrow: bool) -> None:
        """Four figures in a row and two columns of cards; on a narrow window, 2 × 2 and one
        column, so nothing needs a sideways scroll."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        per_row = 2 if narrow else 4
        for i, figure in enumerate(self.figure_widgets):
            self.figures_grid.removeWidget(figure)
            self.figures_grid.addWidget(figure, i // per_row, i % per_row)
        for column in range(4):
            self.figures_grid.setColumnStretch(column, 1 if column < per_row else 0)
        self.columns.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(narrow=event.size().width() < NARROW_WIDTH)
        super().resizeEvent(event)

    # -- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.ff is None:
            return
        today = self.today()
        year = today.year
        info = forbund(self.ff)
        self.title_label.setText(info.namn)
        parts = []
        if info.organisationsnummer:
            parts.append(f"Organisationsnummer {info.organisationsnummer}")
        parts.append(f"Året i korthet {year}, per {today.isoformat()}")
        self.subtitle.setText("  ·  ".join(parts))
        self._show_money(year)
        self._show_insatser(year)
        self._show_members(year)
        self._show_meetings(today)
        self._show_beslut(today)
        self._show_missing(year)
        self._show_findings(today)

    def _show_money(self, year: int) -> None:
        assert self.ff is not None
        summa = insatser.insatser_summa(self.ff, year)
        noun = "insats" if summa.antal_insatser == 1 else "insatser"
        self.beviljat.show_value(
            f"Beviljat {year}",
            format_amount(summa.beviljat_ore, suffix=True),
            f"till {summa.antal_insatser} {noun}",
        )
        share = (
            Decimal(summa.forbrukat_ore) / Decimal(summa.beviljat_ore)
            if summa.beviljat_ore
            else None
        )
        note = f"{format_percent(share)} av beviljat" if share is not None else "Inget beviljat än"
        if summa.enligt_utfall:
            note += (
                f", enligt utfallet t.o.m. {month_name(summa.utfall_till_manad)}"
                if summa.utfall_till_manad
                else ", enligt utfallet"
            )
        self.forbrukat.show_value(
            f"Förbrukat hittills {year}",
            format_amount(summa.forbrukat_ore, suffix=True),
            note,
            share,
        )
        left = summa.beviljat_ore - summa.forbrukat_ore
        self.kvar.show_value(
            f"Ej förbrukat {year}",
            format_amount(left, suffix=True),
            "beviljat minus förbrukat",
            tone="error" if left < 0 else None,
        )
        self._show_eget_kapital(year)

    def _show_eget_kapital(self, year: int) -> None:
        assert self.ff is not None
        earlier = [y for y in ekonomi.bokslut_ar(self.ff) if y < year]
        if not earlier:
            self.eget_kapital.show_value(
                "Eget kapital", "–", "Inget bokslut är inlagt för ett tidigare år."
            )
            return
        last = earlier[-1]
        label = f"Eget kapital {last}-12-31"
        mot_tak = ekonomi.eget_kapital_mot_tak(self.ff, last)
        if mot_tak is None:
            ub = ekonomi.eget_kapital_ub(self.ff, last) or 0
            self.eget_kapital.show_value(
                label,
                format_amount(ub, suffix=True),
                f"Driftbidraget för {last} saknas, så taket kan inte räknas ut.",
            )
            return
        tak_andel = mot_tak.tak_procent / 100
        note = (
            f"{format_percent(mot_tak.andel)} av driftbidraget; taket är "
            f"{format_percent(tak_andel)} ({format_amount(mot_tak.tak, suffix=True)})"
        )
        if mot_tak.over_tak:
            note += ". Över taket."
        self.eget_kapital.show_value(
            label,
            format_amount(mot_tak.eget_kapital, suffix=True),
            note,
            share=mot_tak.andel / tak_andel if tak_andel else None,
            tone="error" if mot_tak.over_tak else None,
        )

    def _show_insatser(self, year: int) -> None:
        """Each insats granted money this year: how much of it is used so far."""
        assert self.ff is not None
        grid = self.insatser_grid
        _clear(grid)
        self.insatser_title.setText(f"Insatser {year}: förbrukat av beviljat")
        rows = [r for r in insatser.insatser(self.ff, year) if r.beviljat_ore]
        rows.sort(key=lambda r: -(r.beviljat_ore or 0))
        if not rows:
            grid.addWidget(empty_label(f"Inga insatser har beviljats medel för {year}."), 0, 0)
            return
        for i, r in enumerate(rows[:MAX_INSATSER]):
            row = 2 * i
            name = QLabel(r.namn)
            name.setWordWrap(True)
            name.setToolTip(f"Verksamhetsägare: {r.agare}" if r.agare else "")
            grid.addWidget(name, row, 0)
            amount = set_role(
                QLabel(
                    f"{format_amount(r.forbrukat_ore or 0)} av "
                    f"{format_amount(r.beviljat_ore or 0, suffix=True)}"
                ),
                "muted",
            )
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
            grid.addWidget(amount, row, 1)
            used = Decimal(r.forbrukat_ore or 0) / Decimal(r.beviljat_ore or 1)
            bar = QProgressBar()
            bar.setTextVisible(False)
            bar.setRange(0, 1000)
            bar.setValue(int(min(max(used, Decimal(0)), Decimal(1)) * 1000))
            bar.setAccessibleName(f"{r.namn}: {format_percent(used)} förbrukat")
            bar.setToolTip(f"{format_percent(used)} förbrukat")
            set_tone(bar, "error" if used > 1 else None)
            grid.addWidget(bar, row + 1, 0, 1, 2)
            grid.setRowMinimumHeight(row + 1, 14)
        if len(rows) > MAX_INSATSER:
            more = set_role(
                QLabel(f"… och {len(rows) - MAX_INSATSER} till under Insatser."), "muted"
            )
            grid.addWidget(more, 2 * MAX_INSATSER, 0, 1, 2)
        grid.setColumnStretch(0, 1)

    def _show_members(self, year: int) -> None:
        assert self.ff is not None
        grid = self.members_grid
        _clear(grid)
        members = medlemmar(self.ff)
        if not members:
            grid.addWidget(empty_label("Inga medlemmar är inlagda."), 0, 0)
            return
        budget = ekonomi.gallande_budget(self.ff, year)
        bidrag = ekonomi.budget_driftbidrag(self.ff, budget["id"], year) if budget else {}
        headers = ["Medlem", "Andel", f"Driftbidrag {year}" if bidrag else ""]
        for column, text in enumerate(headers):
            label = set_role(QLabel(text), "muted")
            if column:
                label.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(label, 0, column)
        for row, m in enumerate(members, start=1):
            name = QLabel(m.namn)
            name.setToolTip(m.typ.label)
            grid.addWidget(name, row, 0)
            andel = m.andel
            share = QLabel(ekonomi.format_andel(andel) if andel is not None else m.andel_text)
            share.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(share, row, 1)
            if bidrag:
                amount = bidrag.get(m.id)
                text = format_amount(amount, suffix=True) if amount is not None else ""
                cell = QLabel(text)
                cell.setAlignment(Qt.AlignmentFlag.AlignRight)
                grid.addWidget(cell, row, 2)
        grid.setColumnStretch(0, 1)

    def _show_meetings(self, today: dt.date) -> None:
        assert self.ff is not None
        grid = self.meetings_grid
        _clear(grid)
        items: list[tuple[dt.date, str, str, int | None]] = []
        for m in moten.kommande_moten(self.ff, today, limit=5):
            items.append((m.datum, m.namn, m.plats, m.id))
        for day, rubrik in deadlines(self.ff, today, DEADLINE_DAYS):
            items.append((day, rubrik, "", None))
        items.sort(key=lambda i: i[0])
        if not items:
            grid.addWidget(empty_label("Inga möten eller tidsgränser de närmaste veckorna."), 0, 0)
            return
        for row, (day, what, where, mote_id) in enumerate(items[:MAX_COMING]):
            grid.addWidget(QLabel(day.isoformat()), row, 0)
            if mote_id is not None:
                kind = link_button(what, f"Öppna {what.lower()} {day.isoformat()}")
                kind.clicked.connect(lambda _c=False, i=mote_id: self.mote_activated.emit(i))
                font = kind.font()
                font.setBold(True)
                kind.setFont(font)
            else:
                kind = QLabel(what)
                kind.setWordWrap(True)
                kind.setAccessibleName(f"Tidsgräns {day.isoformat()}: {what}")
                set_tone(kind, "warning")
            if where:
                grid.addWidget(kind, row, 1)
                grid.addWidget(QLabel(where), row, 2)
            else:
                grid.addWidget(kind, row, 1, 1, 2)
            grid.addWidget(set_role(QLabel(days_text(day, today)), "muted"), row, 3)
        grid.setColumnStretch(2, 1)

    def _show_beslut(self, today: dt.date) -> None:
        """The decision log's open and ongoing beslut, the earliest deadline first."""
        assert self.ff is not None
        grid = self.beslut_grid
        _clear(grid)
        found = beslutslogg.oppna(self.ff)
        self.oppna_beslut = found
        self.beslut_title.setText(f"Öppna beslut ({len(found)})" if found else "Öppna beslut")
        if not found:
            text = QLabel("Alla beslut är genomförda.")
            set_tone(text, "ok")
            grid.addWidget(text, 0, 0)
            return
        for row, b in enumerate(found[:MAX_COMING]):
            paragraf = f"§ {b.paragraf} " if b.paragraf else ""
            button = link_button(
                f"{paragraf}{b.rubrik}", f"Öppna beslutet {paragraf}{b.rubrik} i {b.mote}"
            )
            button.clicked.connect(
                lambda _c=False, m=b.mote_id, a=b.arende_id: self.beslut_activated.emit(m, a)
            )
            grid.addWidget(button, row, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
            status = b.status.label.lower() if b.status else ""
            who = ", ".join(x for x in (b.ansvarig, status) if x)
            grid.addWidget(set_role(QLabel(who), "muted"), row, 2)
            when = QLabel(f"senast {b.senast.isoformat()}" if b.senast else "")
            if b.forsenad(today):
                set_tone(when, "warning")
            grid.addWidget(when, row, 3)
        if len(found) > MAX_COMING:
            more = set_role(QLabel(f"… och {len(found) - MAX_COMING} till i Möten."), "muted")
            grid.addWidget(more, MAX_COMING, 0, 1, 2)

    def _show_missing(self, year: int) -> None:
        assert self.ff is not None
        grid = self.missing_grid
        _clear(grid)
        self.missing_title.setText(f"Uppföljning och mål som saknas {year}")
        missing = insatser.saknar_uppfoljning(self.ff, year)
        self.missing = missing
        # the förbund's own goals of the year just closed, for its årsredovisning
        closed = year - 1
        goals = forbundsmal.forbundsmal(self.ff, closed)
        unassessed = forbundsmal.utan_bedomning(self.ff, closed)
        self.goals_missing = unassessed
        if unassessed:
            self.missing_title.setText(f"Uppföljning och mål som saknas {year} och {closed}")
            button = link_button(f"Förbundets mål {closed}", f"Öppna förbundets mål {closed}")
            button.clicked.connect(lambda _c=False: self.mal_activated.emit(closed))
            grid.addWidget(button, 0, 0, Qt.AlignmentFlag.AlignLeft)
            said = f"{len(unassessed)} av {len(goals)} saknar bedömning för helåret"
            grid.addWidget(set_role(QLabel(said), "muted"), 0, 1)
        first = 1 if unassessed else 0
        if not missing and unassessed:
            return
        if not missing:
            text = QLabel(f"Alla insatser {year} har uppföljning och bedömda mål.")
            text.setWordWrap(True)
            set_tone(text, "ok")
            grid.addWidget(text, 0, 0)
            return
        for row, item in enumerate(missing[:MAX_INSATSER], start=first):
            button = link_button(item.namn, f"Öppna insatsen {item.namn}")
            button.clicked.connect(lambda _c=False, i=item.insats_id: self.insats_activated.emit(i))
            grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(set_role(QLabel("saknar " + join_and(list(item.vad))), "muted"), row, 1)
        if len(missing) > MAX_INSATSER:
            more = set_role(QLabel(f"… och {len(missing) - MAX_INSATSER} till."), "muted")
            grid.addWidget(more, MAX_INSATSER + first, 0)

    @property
    def checking(self) -> bool:
        """The checks are running (in the background) or due to run (again)."""
        return self._checks is not None or self._checks_due is not None

    def _show_findings(self, today: dt.date) -> None:
        """Run the checks off the GUI thread (a quarter of a second on a large förbund) and
        show what they find when they are done; the rest of the page shows at once. A change
        while they run runs them once more afterwards, on the file as it is then."""
        self._checks_due = today
        if self._checks is None and not self._checks_timer.isActive():
            # after the page is drawn: a worker holding the GIL slows every Python call Qt
            # makes while it lays out and paints; edits in quick succession run them once
            self._checks_timer.start()

    def _start_checks(self) -> None:
        today, self._checks_due = self._checks_due, None
        if self.ff is None or today is None:
            return
        ff = self.ff

        def done(findings: list[Finding]) -> None:
            if self.ff is ff and self._checks_due is None:  # else newer findings are coming
                self._list_findings(findings)

        self._checks = run_in_background(
            self,
            ff,
            lambda snapshot, _steps: _checked(snapshot, today),
            on_done=done,
            label="Kontrollerar förbundsfilen …",
            progress=False,
            on_ended=self._checks_ended,
        )

    def _checks_ended(self, _operation) -> None:
        self._checks = None
        if self._checks_due is not None:
            self._start_checks()
        else:
            self.checked.emit()

    def _list_findings(self, findings: list[Finding]) -> None:
        grid = self.findings_grid
        _clear(grid)
        self.finding_buttons: list[QPushButton] = []
        # Errors first, then warnings, each in the order the checks found them.
        findings = sorted(findings, key=lambda f: f.severity != SEVERITY_ERROR)
        self.findings = findings
        errors = sum(1 for f in findings if f.severity == SEVERITY_ERROR)
        warnings = len(findings) - errors
        if not findings:
            self.findings_intro.setText("")
            self.findings_intro.setVisible(False)
            symbol = QLabel()
            symbol.setPixmap(icon("ok").pixmap(18, 18))
            grid.addWidget(symbol, 0, 0, Qt.AlignmentFlag.AlignTop)
            text = QLabel("Kontrollerna hittade inget att rätta. Siffrorna stämmer mot varandra.")
            text.setWordWrap(True)
            set_tone(text, "ok")
            grid.addWidget(text, 0, 1)
            return
        summary = []
        if errors:
            summary.append(f"{errors} fel")
        if warnings:
            summary.append(f"{warnings} {'varning' if warnings == 1 else 'varningar'}")
        self.findings_intro.setText(
            "Kontrollerna av förbundsfilen hittade " + " och ".join(summary) + "."
        )
        self.findings_intro.setVisible(True)
        for row, finding in enumerate(findings[:MAX_FINDINGS]):
            is_error = finding.severity == SEVERITY_ERROR
            symbol = QLabel()
            symbol.setPixmap(icon("fel" if is_error else "varning").pixmap(18, 18))
            symbol.setToolTip("Fel" if is_error else "Varning")
            symbol.setAccessibleName("Fel" if is_error else "Varning")
            grid.addWidget(symbol, row, 0, Qt.AlignmentFlag.AlignTop)
            text = QLabel(finding.message)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setAccessibleName(("Fel: " if is_error else "Varning: ") + finding.message)
            grid.addWidget(text, row, 1)
            go = link_button("Rätta →", "Gå till platsen att rätta: " + finding.message)
            go.clicked.connect(lambda _c=False, f=finding: self.finding_activated.emit(f))
            grid.addWidget(go, row, 2, Qt.AlignmentFlag.AlignTop)
            self.finding_buttons.append(go)
        rest = len(findings) - MAX_FINDINGS
        if rest > 0:
            more = set_role(QLabel(f"… och {rest} till."), "muted")
            grid.addWidget(more, MAX_FINDINGS, 1)
