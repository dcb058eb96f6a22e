"""Justeringar: each version of a document sent for signing (a meeting's protokoll, an utdrag
of one of its §, or the årsredovisning the meeting decided), who signed it and when, the files
(the frozen version and the signed original or scan, as base64 in parts that fit Excel's
cells) and the issuers the förbund trusts.

Every row of the three keyed sheets names its document by Möte nr, Handling, § (an utdrag's)
and År (an årsredovisning's), and its version: versions count per document. A workbook from
a version before utdrag and årsredovisning has no Handling, § or År columns; its rows are the
protokoll's (the Handling column's default).

The files are the archive's originals: each is checked against its SHA-256 on import, so an
edited or cut part is refused rather than imported as another document.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import sqlite3

from ..model import JusteringDokument, JusteringSatt, JusteringStatus
from ..storage import ForbundFile
from .book import Book, records, unique
from .cells import DATE, TEXT, TEXT_AS_TEXT, YEAR, Column, Integer, Vocab, fields
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


class _Paragraf(Integer):
    """A § number; "§ 4" is read as 4."""

    def parse(self, raw):
        if isinstance(raw, str) and raw.strip().startswith("§") and raw.strip()[1:].strip():
            raw = raw.strip()[1:].strip()
        return super().parse(raw)


_PROTOKOLL, _UTDRAG, _ARSREDOVISNING = (
    JusteringDokument.PROTOKOLL.value,
    JusteringDokument.UTDRAG.value,
    JusteringDokument.ARSREDOVISNING.value,
)
#: The columns that name a row's document and version, first on each keyed sheet. Handling,
#: § and År are optional: a workbook written before they existed has only protokoll (a blank
#: Handling is one too).
KEY_COLUMNS = [
    Column("Möte nr", "mote", _NR, required=True),
    Column("Handling", "dokument", Vocab(JusteringDokument, "handling"), default=_PROTOKOLL),
    Column("§", "paragraf", _Paragraf(1, None, "paragraf")),
    Column("År", "ar", YEAR),
    Column("Version", "version", _VERSION, required=True),
]
KEY = tuple(fields(KEY_COLUMNS))
JUSTERING_COLUMNS = [
    *KEY_COLUMNS,
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
    *KEY_COLUMNS,
    Column("Namn", "namn", TEXT, required=True),
    Column("Roll", "roll", TEXT, required=True),
    Column("Signerat", "signerat", TEXT_AS_TEXT),
    Column("Certifikat", "certifikat", TEXT),
]
FIL_COLUMNS = [
    *KEY_COLUMNS,
    Column("Fil", "fil", TEXT, required=True),
    Column("Del", "del", Integer(1, 100_000, "del"), required=True),
    Column("Data (base64)", "data", TEXT, required=True),
]
UTFARDARE_COLUMNS = [
    Column("Namn", "namn", TEXT, required=True),
    Column("SHA-256", "sha256", TEXT_AS_TEXT, required=True),
    Column("Certifikat (base64)", "data", TEXT, required=True),
]


#: The ORDER BY of a document's rows: by meeting, the protokoll first, then its utdrag by §,
#: then the årsredovisning, each by version.
_ORDER = (
    "j.mote_id, CASE j.dokument WHEN 'protokoll' THEN 0 WHEN 'utdrag' THEN 1 ELSE 2 END, "
    "coalesce(j.paragraf, j.ar, 0), j.version"
)


def _key(r) -> tuple:
    """A row's (or record's) document and version: (mote, dokument, paragraf, ar, version)."""
    return tuple(r.get(f) for f in KEY)


def load(ff: ForbundFile, c: Content) -> None:
    rows = ff.query(f"SELECT j.*, j.mote_id AS mote FROM justering j ORDER BY {_ORDER}")
    c.justeringar = [{f: r[f] for f in fields(JUSTERING_COLUMNS)} for r in rows]
    c.justeringsfiler = {}
    for r in rows:
        for kind, column in ((_FROZEN, "pdf"), (_ORIGINAL, "original")):
            if r[column] is not None:
                c.justeringsfiler[(*_key(r), kind)] = bytes(r[column])
    c.justeringssignerare = ff.query(
        "SELECT j.mote_id AS mote, j.dokument, j.paragraf, j.ar, j.version, s.namn, s.roll, "
        "s.signerat, s.certifikat "
        "FROM justering_signerare s JOIN justering j ON j.id = s.justering_id "
        f"ORDER BY {_ORDER}, s.ordning"
    )
    c.betrodda_utfardare = [
        {"namn": r["namn"], "sha256": r["sha256"], "data": bytes(r["certifikat"])}
        for r in ff.query("SELECT namn, sha256, certifikat FROM betrodd_utfardare ORDER BY id")
    ]


def sheets(c: Content) -> list[SheetData]:
    parts = []
    for (*key, kind), data in c.justeringsfiler.items():
        text = base64.b64encode(data).decode("ascii")
        for i in range(0, len(text), PART):
            parts.append(
                {
                    **dict(zip(KEY, key, strict=True)),
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


# -- naming a document in a message ---------------------------------------------------------------

#: "ett protokoll", "ett protokollsutdrag", "en årsredovisning"
_EN = {
    _PROTOKOLL: "ett protokoll",
    _UTDRAG: "ett protokollsutdrag",
    _ARSREDOVISNING: "en årsredovisning",
}


def _dokument(key: tuple) -> str:
    """The document of a key in a sentence: "protokollet för möte nr 7", "utdraget § 4 ur
    protokollet för möte nr 7", "årsredovisningen 2025 (möte nr 7)"."""
    mote, dokument, paragraf, ar = key[:4]
    if dokument == _UTDRAG:
        return f"utdraget § {paragraf} ur protokollet för möte nr {mote}"
    if dokument == _ARSREDOVISNING:
        return f"årsredovisningen {ar} (möte nr {mote})"
    return f"protokollet för möte nr {mote}"


def _version(key: tuple) -> str:
    """A version in a message: "version 2 av årsredovisningen 2025 (möte nr 7)"; a
    protokoll's is named by its meeting alone ("version 2 av möte nr 7"), as before there
    were other documents."""
    what = f"möte nr {key[0]}" if key[1] == _PROTOKOLL else _dokument(key)
    return f"version {key[4]} av {what}"


def _handling(t, row) -> bool:
    """Report a § or År that does not fit the row's Handling; whether the row names one
    document (its key can be looked up)."""
    dokument = row.get("dokument")
    ok = dokument is not None and row.get("mote") is not None
    for f, owner, missing, only in (
        ("paragraf", _UTDRAG, "Ett protokollsutdrag gäller en §: skriv paragrafens nummer.",
         "Bara ett protokollsutdrag har en §"),
        ("ar", _ARSREDOVISNING, "En årsredovisning gäller ett år: skriv året, till exempel 2025.",
         "Bara en årsredovisning har ett år"),
    ):  # fmt: skip
        if f in row.failed:  # unreadable: already reported
            ok = False
        elif dokument == owner and row.get(f) is None:
            t.problem(row, f, missing)
            ok = False
        elif dokument is not None and dokument != owner and row.get(f) is not None:
            t.problem(row, f, f"{only}; lämna cellen tom för {_EN[dokument]}.")
            ok = False
    return ok


def _sha(text: str | None) -> bool:
    return not text or (len(text) == 64 and all(ch in "0123456789abcdef" for ch in text))


def read(book: Book, c: Content) -> None:
    t = tj = book.table(JUSTERINGAR, JUSTERING_COLUMNS)
    unique(
        t,
        "version",
        lambda r: _key(r) if r.get("mote") and r.get("dokument") else None,
        lambda r: f"Version {r['version']} av {_dokument(_key(r))}",
    )
    versions: dict[tuple, object] = {}
    named: set[int] = set()  # the rows whose document is well named
    out: dict[tuple, int] = {}  # document -> the row of its version out for signing
    for row in t.rows:
        refer_mote(book, t, row)
        if _handling(t, row):
            named.add(row.number)
            versions.setdefault(_key(row), row)  # a repeated one is reported above
        for f in ("sha256", "original_sha256"):
            if not _sha(row.get(f)):
                t.problem(row, f, "En SHA-256 är 64 tecken 0–9 och a–f.")
        status = row.get("status")
        if status == JusteringStatus.JUSTERAD and not (row.get("justerat") and row.get("satt")):
            t.problem(row, "justerat", "En justerad version har datum och sätt för justeringen.")
        if status != JusteringStatus.JUSTERAD and row.get("justerat"):
            t.problem(row, "status", "En version med justeringsdatum har status Justerad.")
        if status == JusteringStatus.UTE and row.number in named:
            document = _key(row)[:4]
            if document in out:
                t.problem(
                    row,
                    "status",
                    f"Bara en version av {_dokument(document)} kan vara ute; rad "
                    f"{out[document]} är redan ute.",
                )
            else:
                out[document] = row.number
        a, b = row.get("anslag_upp"), row.get("anslag_ned")
        dokument = row.get("dokument")
        if dokument not in (None, _PROTOKOLL) and (a or b):
            t.problem(
                row,
                "anslag_upp" if a else "anslag_ned",
                f"Bara ett protokoll anslås; lämna anslagets datum tomma för {_EN[dokument]}.",
            )
        elif bool(a) != bool(b) or (a and b and b < a):
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
        if row.number not in named:
            continue
        for kind, column in ((_FROZEN, "sha256"), (_ORIGINAL, "original_sha256")):
            key = (*_key(row), kind)
            if row.get(column) and key not in c.justeringsfiler:
                tj.problem(
                    row,
                    column,
                    f"{kind} för {_version(key)} saknas eller går inte att läsa i bladet {FILER}.",
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


def _refer_version(t, row, versions) -> bool:
    """Report a row whose document or version is not one on the sheet Justeringar; whether
    the row names a document and version (its key can be looked up)."""
    if not _handling(t, row) or row.get("version") is None:
        return False
    key = _key(row)
    if key not in versions:
        t.problem(row, "version", f"{_stor(_version(key))} finns inte i bladet {JUSTERINGAR}.")
    return True


def _stor(text: str) -> str:
    return text[:1].upper() + text[1:]


def _read_files(book: Book, c: Content, versions: dict) -> None:
    t = book.table(FILER, FIL_COLUMNS)
    parts: dict[tuple, list] = {}
    for row in t.rows:
        named = _refer_version(t, row, versions)
        if row.get("fil") not in (_FROZEN, _ORIGINAL):
            t.problem(row, "fil", f"Filen är ”{_FROZEN}” eller ”{_ORIGINAL}”.")
            continue
        if named:
            parts.setdefault((*_key(row), row["fil"]), []).append(row)
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
        version = versions.get(key[:-1])
        want = (
            version.get("sha256" if key[-1] == _FROZEN else "original_sha256") if version else None
        )
        if want is not None and hashlib.sha256(data).hexdigest() != want:
            t.problem(
                rows[0],
                "data",
                f"{key[-1]} för {_version(key)} stämmer inte med sin SHA-256 (en del saknas "
                "eller är ändrad); exportera arbetsboken på nytt.",
            )
            continue
        c.justeringsfiler[key] = data


def insert(conn: sqlite3.Connection, c: Content, ids: dict[str, dict]) -> None:
    ids_of: dict[tuple, int] = {}
    files = c.justeringsfiler
    for r in c.justeringar:
        key = _key(r)
        cur = conn.execute(
            "INSERT INTO justering (mote_id, dokument, paragraf, ar, version, skickad, sha256, "
            "pdf, status, satt, justerat, original, original_sha256, validering, anslag_upp, "
            "anslag_ned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                *key,
                r["skickad"],
                r["sha256"] or None,
                files.get((*key, _FROZEN)),
                r["status"],
                r["satt"],
                r["justerat"],
                files.get((*key, _ORIGINAL)),
                r["original_sha256"] or None,
                r["validering"] or "",
                r["anslag_upp"],
                r["anslag_ned"],
            ),
        )
        ids_of[key] = cur.lastrowid
    order: dict[int, int] = {}
    for s in c.justeringssignerare:
        jid = ids_of[_key(s)]
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
