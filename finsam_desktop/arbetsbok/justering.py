"""Justeringar: each version of a protokoll sent for signing, who signed it and when, the files
(the frozen version and the signed original or scan, as base64 in parts that fit Excel's
cells) and the issuers the förbund trusts.

The files are the archive's originals: each is checked against its SHA-256 on import, so an
edited or cut part is refused rather than imported as another document.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import sqlite3

from ..model import JusteringSatt, JusteringStatus
from ..storage import ForbundFile
from .book import Book, records, unique
from .cells import DATE, TEXT, TEXT_AS_TEXT, Column, Integer, Vocab, fields
from .content import Content
from .moten import refer_mote
from .sheets import SheetData

JUSTERINGAR = "Justeringar"
SIGNERARE = "Justeringssignerare"
FILER = "Justeringsfiler"
UTFARDARE = "Betrodda utfärdare"
SHEETS = [JUSTERINGAR, SIGNERARE, FILER, UTFARDARE]
#: A workbook from a version before digital justering has none of these sheets.
OPTIONAL_SHEETS = tuple(SHEETS)
#: Characters of base64 per row; Excel holds at most 32 767 in a cell.
PART = 30_000
_FROZEN, _ORIGINAL = "Justeringsversion", "Original"

_NR = Integer(1, None, "mötesnummer")
_VERSION = Integer(1, None, "versionsnummer")
JUSTERING_COLUMNS = [
    Column("Möte nr", "mote", _NR, required=True),
    Column("Version", "version", _VERSION, required=True),
    Column("Skickad", "skickad", DATE, required=True),
    Column("Status", "status", Vocab(JusteringStatus, "status"), required=True),
    Column("Sätt", "satt", Vocab(JusteringSatt, "sätt")),
    Column("Justerat", "justerat", DATE),
    Column("Anslag uppsatt", "anslag_upp", DATE),
    Column("Anslag nedtaget", "anslag_ned", DATE),
    Column("Justeringsversionens SHA-256", "sha256", TEXT_AS_TEXT),
    Column("Originalets SHA-256", "original_sha256", TEXT_AS_TEXT),
    Column("Kontroll", "validering", TEXT),
]
SIGNERARE_COLUMNS = [
    Column("Möte nr", "mote", _NR, required=True),
    Column("Version", "version", _VERSION, required=True),
    Column("Namn", "namn", TEXT, required=True),
    Column("Roll", "roll", TEXT, required=True),
    Column("Signerat", "signerat", TEXT_AS_TEXT),
    Column("Certifikat", "certifikat", TEXT),
]
FIL_COLUMNS = [
    Column("Möte nr", "mote", _NR, required=True),
    Column("Version", "version", _VERSION, required=True),
    Column("Fil", "fil", TEXT, required=True),
    Column("Del", "del", Integer(1, 100_000, "del"), required=True),
    Column("Data (base64)", "data", TEXT, required=True),
]
UTFARDARE_COLUMNS = [
    Column("Namn", "namn", TEXT, required=True),
    Column("SHA-256", "sha256", TEXT_AS_TEXT, required=True),
    Column("Certifikat (base64)", "data", TEXT, required=True),
]


def load(ff: ForbundFile, c: Content) -> None:
    rows = ff.query("SELECT j.*, j.mote_id AS mote FROM justering j ORDER BY j.mote_id, j.version")
    c.justeringar = [{f: r[f] for f in fields(JUSTERING_COLUMNS)} for r in rows]
    c.justeringsfiler = {}
    for r in rows:
        for kind, column in ((_FROZEN, "pdf"), (_ORIGINAL, "original")):
            if r[column] is not None:
                c.justeringsfiler[(r["mote"], r["version"], kind)] = bytes(r[column])
    c.justeringssignerare = ff.query(
        "SELECT j.mote_id AS mote, j.version, s.namn, s.roll, s.signerat, s.certifikat "
        "FROM justering_signerare s JOIN justering j ON j.id = s.justering_id "
        "ORDER BY j.mote_id, j.version, s.ordning"
    )
    c.betrodda_utfardare = [
        {"namn": r["namn"], "sha256": r["sha256"], "data": bytes(r["certifikat"])}
        for r in ff.query("SELECT namn, sha256, certifikat FROM betrodd_utfardare ORDER BY id")
    ]


def sheets(c: Content) -> list[SheetData]:
    parts = []
    for (mote, version, kind), data in c.justeringsfiler.items():
        text = base64.b64encode(data).decode("ascii")
        for i in range(0, len(text), PART):
            parts.append(
                {
                    "mote": mote,
                    "version": version,
                    "fil": kind,
                    "del": i // PART + 1,
                    "data": text[i : i + PART],
                }
            )
    issuers = [
        {**r, "data": base64.b64encode(r["data"]).decode("ascii")} for r in c.betrodda_utfardare
    ]
    return [
        SheetData(JUSTERINGAR, JUSTERING_COLUMNS, c.justeringar),
        SheetData(SIGNERARE, SIGNERARE_COLUMNS, c.justeringssignerare),
        SheetData(FILER, FIL_COLUMNS, parts),
        SheetData(UTFARDARE, UTFARDARE_COLUMNS, issuers),
    ]


def _sha(text: str | None) -> bool:
    return not text or (len(text) == 64 and all(ch in "0123456789abcdef" for ch in text))


def read(book: Book, c: Content) -> None:
    t = tj = book.table(JUSTERINGAR, JUSTERING_COLUMNS)
    unique(
        t,
        "version",
        lambda r: (r.get("mote"), r.get("version")) if r.get("mote") else None,
        lambda r: f"Version {r['version']} av möte nr {r['mote']}",
    )
    versions: dict[tuple[int, int], object] = {}
    out: set[int] = set()
    for row in t.rows:
        refer_mote(book, t, row)
        versions[(row.get("mote"), row.get("version"))] = row
        for f in ("sha256", "original_sha256"):
            if not _sha(row.get(f)):
                t.problem(row, f, "En SHA-256 är 64 tecken 0–9 och a–f.")
        status = row.get("status")
        if status == JusteringStatus.JUSTERAD and not (row.get("justerat") and row.get("satt")):
            t.problem(row, "justerat", "En justerad version har datum och sätt för justeringen.")
        if status != JusteringStatus.JUSTERAD and row.get("justerat"):
            t.problem(row, "status", "En version med justeringsdatum har status Justerad.")
        if status == JusteringStatus.UTE:
            if row.get("mote") in out:
                t.problem(row, "status", "Bara en version av ett protokoll kan vara ute.")
            out.add(row.get("mote"))
        a, b = row.get("anslag_upp"), row.get("anslag_ned")
        if bool(a) != bool(b) or (a and b and b < a):
            t.problem(
                row,
                "anslag_ned",
                "Anslaget har ett datum då det sätts upp och ett senare då det tas ned.",
            )
    c.justeringar = records(t, fields(JUSTERING_COLUMNS))

    t = book.table(SIGNERARE, SIGNERARE_COLUMNS)
    for row in t.rows:
        _refer_version(t, row, versions)
        if row.get("signerat"):
            try:
                dt.datetime.fromisoformat(row["signerat"])
            except ValueError:
                t.problem(row, "signerat", "Tidpunkten skrivs ÅÅÅÅ-MM-DDTtt:mm:ss+hh:mm.")
    c.justeringssignerare = records(t, fields(SIGNERARE_COLUMNS))

    _read_files(book, c, versions)
    for row in tj.rows:
        for kind, column in ((_FROZEN, "sha256"), (_ORIGINAL, "original_sha256")):
            key = (row.get("mote"), row.get("version"), kind)
            if row.get(column) and key not in c.justeringsfiler:
                tj.problem(
                    row,
                    column,
                    f"{kind} för version {key[1]} av möte nr {key[0]} "
                    f"saknas eller går inte att läsa i bladet {FILER}.",
                )

    t = book.table(UTFARDARE, UTFARDARE_COLUMNS)
    unique(t, "sha256", lambda r: r.get("sha256"), lambda r: "Certifikatet")
    c.betrodda_utfardare = []
    for row in t.rows:
        try:
            der = base64.b64decode("".join(str(row.get("data") or "").split()), validate=True)
        except (binascii.Error, ValueError):
            der = b""
        if not der or hashlib.sha256(der).hexdigest() != row.get("sha256"):
            t.problem(
                row,
                "data",
                "Certifikatet stämmer inte med sin SHA-256; exportera arbetsboken på nytt.",
            )
            continue
        c.betrodda_utfardare.append({"namn": row.get("namn"), "sha256": row["sha256"], "data": der})


def _refer_version(t, row, versions) -> None:
    key = (row.get("mote"), row.get("version"))
    if None not in key and key not in versions:
        t.problem(
            row,
            "version",
            f"Version {key[1]} av möte nr {key[0]} finns inte i bladet {JUSTERINGAR}.",
        )


def _read_files(book: Book, c: Content, versions: dict) -> None:
    t = book.table(FILER, FIL_COLUMNS)
    parts: dict[tuple, list] = {}
    for row in t.rows:
        _refer_version(t, row, versions)
        if row.get("fil") not in (_FROZEN, _ORIGINAL):
            t.problem(row, "fil", f"Filen är ”{_FROZEN}” eller ”{_ORIGINAL}”.")
            continue
        parts.setdefault((row.get("mote"), row.get("version"), row["fil"]), []).append(row)
    c.justeringsfiler = {}
    for key, rows in parts.items():
        rows.sort(key=lambda r: r.get("del") or 0)
        try:
            data = base64.b64decode(
                "".join("".join(str(r.get("data") or "").split()) for r in rows), validate=True
            )
        except (binascii.Error, ValueError):
            t.problem(
                rows[0], "data", "Texten är ingen fil i base64; exportera arbetsboken på nytt."
            )
            continue
        version = versions.get(key[:2])
        want = (
            version.get("sha256" if key[2] == _FROZEN else "original_sha256") if version else None
        )
        if want is not None and hashlib.sha256(data).hexdigest() != want:
            t.problem(
                rows[0],
                "data",
                f"{key[2]} för version {key[1]} av möte nr {key[0]} "
                "stämmer inte med sin SHA-256 (en del saknas eller är ändrad); exportera "
                "arbetsboken på nytt.",
            )
            continue
        c.justeringsfiler[key] = data


def insert(conn: sqlite3.Connection, c: Content, ids: dict[str, dict]) -> None:
    ids_of: dict[tuple[int, int], int] = {}
    for r in c.justeringar:
        files = c.justeringsfiler
        cur = conn.execute(
            "INSERT INTO justering (mote_id, version, skickad, sha256, pdf, status, satt, "
            "justerat, original, original_sha256, validering, anslag_upp, anslag_ned) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                r["mote"],
                r["version"],
                r["skickad"],
                r["sha256"] or None,
                files.get((r["mote"], r["version"], _FROZEN)),
                r["status"],
                r["satt"],
                r["justerat"],
                files.get((r["mote"], r["version"], _ORIGINAL)),
                r["original_sha256"] or None,
                r["validering"] or "",
                r["anslag_upp"],
                r["anslag_ned"],
            ),
        )
        ids_of[(r["mote"], r["version"])] = cur.lastrowid
    order: dict[int, int] = {}
    for s in c.justeringssignerare:
        jid = ids_of[(s["mote"], s["version"])]
        order[jid] = order.get(jid, 0) + 1
        conn.execute(
            "INSERT INTO justering_signerare (justering_id, ordning, namn, roll, signerat, "
            "certifikat) VALUES (?, ?, ?, ?, ?, ?)",
            (jid, order[jid], s["namn"], s["roll"], s["signerat"] or None, s["certifikat"] or ""),
        )
    conn.executemany(
        "INSERT INTO betrodd_utfardare (namn, sha256, certifikat) VALUES (?, ?, ?)",
        [(r["namn"], r["sha256"], r["data"]) for r in c.betrodda_utfardare],
    )
