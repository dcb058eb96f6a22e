"""Is the file's schema the program's own? And does its data keep the schema's rules?

A förbund file is opened only when its tables and indexes are exactly those the program's
migration steps make, step for step as far as the file has come: the same columns and types,
STRICT, the same CHECK and foreign-key rules, nothing added (no virtual tables, no extra
tables). The expected schema is not written down a second time: it is what the migration steps
produce in an empty in-memory database, compared after whitespace is normalised.

Two things the data may hide are checked too: rows that break a CHECK rule (stored with
``PRAGMA ignore_check_constraints``; SQLite's ``integrity_check`` finds them only on a
connection that may write, not on the read-only one ``finsam check`` uses), and text that is
not UTF-8, which Python cannot read (it would crash the window that shows it).
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Iterator

from sqlite_utils import Database

from .schema import KNOWN_STEPS, migrations
from .swedish import plural

#: What SQLite itself may add to any file (ANALYZE by PRAGMA optimize; AUTOINCREMENT).
_SQLITE_OWN = re.compile(r"^sqlite_(stat\d|sequence|autoindex_.*)$")


def _normal(sql: str | None) -> str | None:
    return None if sql is None else " ".join(sql.replace('"', "").split()).lower()


@functools.cache
def expected(applied: tuple[str, ...]) -> dict[tuple[str, str], str | None]:
    """``(type, name) → normalised SQL`` after the migration steps ``applied``.

    Empty when ``applied`` is not a beginning of the program's own steps in their order.
    """
    if list(applied) != KNOWN_STEPS[: len(applied)]:
        return {}
    db = Database(sqlite3.connect(":memory:", isolation_level=None), execute_plugins=False)
    if len(applied) < len(KNOWN_STEPS):
        migrations.apply(db, stop_before=KNOWN_STEPS[len(applied)])
    else:
        migrations.apply(db)
    found = _objects(db.conn)
    db.conn.close()
    return found


def _objects(conn: sqlite3.Connection) -> dict[tuple[str, str], str | None]:
    """The schema's objects but SQLite's own and the migration record's (whose shape is
    sqlite-utils' business and changes with its versions)."""
    return {
        (t, n): _normal(sql)
        for t, n, tbl, sql in conn.execute(
            "SELECT type, name, tbl_name, sql FROM main.sqlite_master"
        )
        if not _SQLITE_OWN.match(n) and tbl != _RECORD
    }


_RECORD = "_sqlite_migrations"


def problems(conn: sqlite3.Connection, *, with_checks: bool = True) -> list[str]:
    """What is wrong with the schema and data of ``conn``'s file, in Swedish; [] if nothing.

    ``with_checks=False`` leaves out the scan for rows that break CHECK rules, for a
    connection that may write, where ``PRAGMA integrity_check`` has already made it.
    """
    try:
        applied = tuple(m.name for m in migrations.applied(Database(conn, execute_plugins=False)))
    except sqlite3.OperationalError:
        applied = None
    if not applied:
        return ["tabellen med schemats versioner (_sqlite_migrations) saknas eller är tom"]
    if any(name not in KNOWN_STEPS for name in applied):
        return []  # a newer version's file: storage refuses it with its own message
    want = expected(applied)
    if not want:
        return ["schemats steg är inte de som programmet känner till, eller i fel ordning"]
    have = _objects(conn)
    extra = sorted(name for key, name in have if (key, name) not in want)
    changed = sorted(n for (k, n), sql in have.items() if (k, n) in want and want[(k, n)] != sql)
    missing = sorted(name for _kind, name in want.keys() - have.keys())
    found = []
    if extra:
        found.append(f"{_names(extra)} hör inte till en förbundsfil")
    if changed:
        changes = "ändrad" if len(changed) == 1 else "ändrade"
        found.append(f"{_names(changed)} är {changes} (kolumner, typer eller regler)")
    if missing:
        found.append(f"{_names(missing)} saknas")
    if found:
        return found
    return _broken_rules(conn, [n for (k, n) in want if k == "table"], with_checks)


def _names(names: list[str], most: int = 4) -> str:
    """``tabellen sok`` or ``tabellerna sok, sok_data och 3 till`` (indexes count as tables)."""
    if len(names) == 1:
        return f"tabellen {names[0]}"
    shown = ", ".join(names[:most])
    rest = f" och {len(names) - most} till" if len(names) > most else ""
    return f"tabellerna {shown}{rest}"


def _broken_rules(conn: sqlite3.Connection, tables: list[str], with_checks: bool) -> list[str]:
    found = []
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        if with_checks:
            sql = conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
            ).fetchone()[0]
            checks = list(_check_expressions(sql))
            if checks:
                where = " OR ".join(f"NOT ({c})" for c in checks)
                bad = conn.execute(f"SELECT count(*) FROM {quoted} WHERE {where}").fetchone()[0]
                if bad:
                    rows = plural(bad, "rad", "rader")
                    found.append(f"{rows} i tabellen {table} bryter mot tabellens regler")
        text_cols = [
            '"' + r[1].replace('"', '""') + '"'
            for r in conn.execute(f"PRAGMA table_info({quoted})")
            if r[2].upper() in ("TEXT", "ANY")
        ]
        if text_cols:
            # All of the table's text as one string, decoded once by Python's sqlite3 (in C):
            # a byte that is not UTF-8 fails the decoding. A newline between values keeps a
            # broken sequence at the end of one from being completed by the next.
            joined = " || char(10) || ".join(f"coalesce({c}, '')" for c in text_cols)
            try:
                conn.execute(f"SELECT group_concat({joined}, char(10)) FROM {quoted}").fetchone()
            except sqlite3.OperationalError as exc:
                if "decode" not in str(exc):
                    raise
                found.append(f"tabellen {table} har text som inte går att läsa (inte UTF-8)")
    return found


def _check_expressions(sql: str) -> Iterator[str]:
    """The expression of every ``CHECK (…)`` in a CREATE TABLE statement."""
    upper = sql.upper()
    i = upper.find("CHECK")
    while i >= 0:
        j = i + 5
        while j < len(sql) and sql[j].isspace():
            j += 1
        word_start = i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] == "_")
        if j < len(sql) and sql[j] == "(" and word_start:
            depth, k, quote = 0, j, None
            while k < len(sql):
                ch = sql[k]
                if quote:
                    quote = None if ch == quote else quote
                elif ch in "'\"":
                    quote = ch
                elif ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                    if depth == 0:
                        break
                k += 1
            yield sql[j + 1 : k]
            j = k
        i = upper.find("CHECK", j)
