"""The wheel as an iCalendar file (.ics) that Outlook and other calendars import.

All-day events (DTSTART/DTEND as dates, DTEND the day after the last), CATEGORIES the ring,
Swedish SUMMARY, and UIDs made from the förbund's identity, the entry's identity and the year:
importing the same year again updates the events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from icalendar import Calendar, Event

from .. import APP_NAME, __version__
from ..files import write_bytes_atomically
from ..model import Ring
from ..storage import ForbundFile
from .hjul import Handelse, Period, entries, period_for

UID_DOMAIN = "finsam-desktop.arshjul"
_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def forbund_identity(ff: ForbundFile) -> str:
    """What names the förbund lastingly: its organisationsnummer, else its name."""
    row = ff.query("SELECT namn, organisationsnummer FROM forbund WHERE id = 1")
    if not row:
        return ff.path.stem
    return row[0]["organisationsnummer"].strip() or row[0]["namn"].strip()


def uid(identity: str, h: Handelse) -> str:
    digest = hashlib.sha256(f"{identity}\n{h.nyckel}\n{h.ar}".encode()).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def calendar(
    ff: ForbundFile, period: Period | int, rings: set[Ring] | None = None, *, stamp=None
) -> Calendar:
    if isinstance(period, int):
        period = period_for(ff, period)
    identity = forbund_identity(ff)
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    # A later export must win over an earlier one when imported again: calendars take the
    # event with the higher SEQUENCE as the update of the one with the same UID.
    sequence = max(0, int((stamp - _EPOCH).total_seconds() // 60))
    cal = Calendar()
    cal.add("prodid", f"-//{APP_NAME}//{APP_NAME} {__version__}//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # One line: icalendar writes an X- property unescaped, and a line break in the förbund's
    # name (possible through an arbetsbok) stopped the export with an AssertionError.
    calname = " ".join(f"Årshjul {ff.forbund_name()} {period.label}".split())
    cal.add("x-wr-calname", calname)
    for h in entries(ff, period, rings):
        event = Event()
        event.add("uid", uid(identity, h))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", h.datum)
        event.add("dtend", h.sista + dt.timedelta(days=1))
        summary = h.rubrik if not h.senast else f"{h.rubrik} (senast)"
        event.add("summary", summary)
        lines = [x for x in (h.beskrivning, h.flagga) if x]
        if lines:
            event.add("description", "\n".join(lines))
        event.add("categories", [h.ring.label])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal


def export_ics(
    ff: ForbundFile, target: Path | str, period: Period | int, rings: set[Ring] | None = None
) -> int:
    """Write ``period``'s entries (in ``rings``, or all) to ``target``; returns the count."""
    cal = calendar(ff, period, rings)
    data = cal.to_ical()
    write_bytes_atomically(target, data, "Kalenderfilen")
    return len(cal.walk("VEVENT"))
