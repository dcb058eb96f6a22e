"""The wheel as an iCalendar file (.ics) that Outlook and other calendars import.

Deadlines and other entries are all-day events (DTSTART/DTEND as dates, DTEND the day after
the last) that leave the time free; a meeting with a time is a timed event in Swedish time
(DTSTART;TZID=Europe/Stockholm, its VTIMEZONE included) that blocks it, with its place as
LOCATION. CATEGORIES is the ring, SUMMARY Swedish, every text escaped as RFC 5545 says, and the
UIDs are made from the förbund's identity, the entry's identity and the year: importing the
same year again updates the events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText

from .. import APP_NAME, __version__
from ..files import write_bytes_atomically
from ..model import Ring
from ..storage import ForbundFile
from .hjul import Handelse, Kalla, Period, entries, period_for

UID_DOMAIN = "finsam-desktop.arshjul"
_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
SWEDEN = ZoneInfo("Europe/Stockholm")
#: A meeting with a start and no end time takes this long in the calendar.
MEETING_WITHOUT_END = dt.timedelta(hours=2)


def meeting_times(h: Handelse) -> tuple[dt.datetime, dt.datetime] | None:
    """A meeting's start and end in Swedish time ("09:00–12:00", or "13:00" for two hours),
    None for an entry without a time."""
    if h.kalla is not Kalla.MOTE or not h.extra.get("starttid"):
        return None
    start = dt.datetime.combine(h.datum, dt.time.fromisoformat(h.extra["starttid"]), SWEDEN)
    slut = h.extra.get("sluttid")
    end = dt.datetime.combine(h.datum, dt.time.fromisoformat(slut), SWEDEN) if slut else None
    if end is None or end <= start:
        end = start + MEETING_WITHOUT_END
    return start, end


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
    cal.add("x-wr-calname", vText(calname))  # escaped: a name may hold ";" and ","
    for h in entries(ff, period, rings):
        event = Event()
        event.add("uid", uid(identity, h))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", sequence)
        timed = meeting_times(h)
        if timed is not None:
            event.add("dtstart", timed[0])
            event.add("dtend", timed[1])
        else:
            event.add("dtstart", h.datum)
            event.add("dtend", h.sista + dt.timedelta(days=1))
        summary = h.rubrik if not h.senast else f"{h.rubrik} (senast)"
        event.add("summary", summary)
        lines = [x for x in (h.beskrivning, h.flagga) if x]
        if lines:
            event.add("description", "\n".join(lines))
        if timed is not None and h.extra.get("plats"):
            event.add("location", h.extra["plats"])
        event.add("categories", [h.ring.label])
        event.add("transp", "OPAQUE" if timed is not None else "TRANSPARENT")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal


def export_ics(
    ff: ForbundFile, target: Path | str, period: Period | int, rings: set[Ring] | None = None
) -> int:
    """Write ``period``'s entries (in ``rings``, or all) to ``target``; returns the count."""
    cal = calendar(ff, period, rings)
    data = cal.to_ical()
    write_bytes_atomically(target, data, "Kalenderfilen")
    return len(cal.walk("VEVENT"))
