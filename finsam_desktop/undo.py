"""Undo and redo of whole user actions, owned by the data layer.

The technique is SQLite's own (https://www.sqlite.org/undoredo.html): TEMP triggers on every
table write the inverse SQL of each row change into a TEMP log. One :meth:`ForbundFile.write`
is one action; undoing it replays its inverse statements newest first inside one transaction,
and the statements that replay itself logs become the redo of it. TEMP objects live only in
this connection's memory: nothing is added to the förbund file, and another program opening
the file sees no trigger.

Rows the caller names as *unlogged* (a table, a column and its values: the preferences'
rows of ``installning``, see :mod:`finsam_desktop.settings`) get no log entries: a write that
changes only them records no action, and no action's undo or redo touches them.

The UI shows ``undo_label``/``redo_label`` in its Redigera menu and calls ``undo()``/``redo()``;
every view refreshes through the file's ordinary change notification.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

#: Tables that are not the user's data: never undone.
_EXCLUDED = {"_sqlite_migrations"}


@dataclass(frozen=True)
class Action:
    label: str
    first: int  # first and last seq of its entries in the TEMP log
    last: int


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _value_literal(ref: str) -> str:
    """SQL giving the literal of the value ``ref`` (``old."col"``) for the inverse statement.

    quote() but for text holding a NUL character, which quote() cuts short there: that text
    goes as its UTF-8 bytes, cast back to text when the statement runs.
    """
    return (
        f"CASE WHEN typeof({ref}) = 'text' AND instr(CAST({ref} AS BLOB), X'00') "
        f"THEN 'CAST('||quote(CAST({ref} AS BLOB))||' AS TEXT)' ELSE quote({ref}) END"
    )


class UndoLog:
    """The undo and redo stacks of one open file (one connection)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        limit: int = 200,
        *,
        unlogged: Mapping[str, tuple[str, Collection[str]]] | None = None,
    ):
        self._conn = conn
        self.limit = limit
        #: table -> (column, values): rows left out of the log (see the module's docstring)
        self._unlogged = dict(unlogged or {})
        self._undo: list[Action] = []
        self._redo: list[Action] = []
        self._install()

    # -- the TEMP log and triggers ---------------------------------------------------------

    def _install(self) -> None:
        c = self._conn
        c.execute("PRAGMA temp_store = MEMORY")
        c.execute("CREATE TEMP TABLE IF NOT EXISTS undolog (seq INTEGER PRIMARY KEY, sql TEXT)")
        tables = [
            r[0]
            for r in c.execute(
                "SELECT name FROM main.sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'"
            )
            if r[0] not in _EXCLUDED
        ]
        for table in tables:
            cols = [r[1] for r in c.execute(f"PRAGMA main.table_info({_quote_ident(table)})")]
            self._create_triggers(table, cols)

    def _create_triggers(self, table: str, cols: list[str]) -> None:
        t = _quote_ident(table)
        tl = _sql_literal(t)  # the quoted table name as an SQL string literal
        col_list = ",".join(_quote_ident(col) for col in cols)
        old_values = "||','||".join(_value_literal(f"old.{_quote_ident(col)}") for col in cols)
        set_old = "||','||".join(
            f"{_sql_literal(_quote_ident(col) + '=')}||{_value_literal(f'old.{_quote_ident(col)}')}"
            for col in cols
        )
        name = table.replace('"', "")
        insert_cols = _sql_literal(f"(rowid,{col_list}) VALUES(")
        when_new = when_old = when_both = ""
        column, values = self._unlogged.get(table, ("", ()))
        if values:
            listed = ",".join(_sql_literal(v) for v in sorted(values))
            new_kept = f"new.{_quote_ident(column)} NOT IN ({listed})"
            old_kept = f"old.{_quote_ident(column)} NOT IN ({listed})"
            when_new, when_old = f"WHEN {new_kept}", f"WHEN {old_kept}"
            when_both = f"WHEN {old_kept} AND {new_kept}"
        self._conn.executescript(f"""
        CREATE TEMP TRIGGER IF NOT EXISTS "undo_{name}_i" AFTER INSERT ON main.{t} {when_new}
        BEGIN
          INSERT INTO undolog(sql) VALUES ('DELETE FROM '||{tl}||' WHERE rowid='||new.rowid);
        END;
        CREATE TEMP TRIGGER IF NOT EXISTS "undo_{name}_u" AFTER UPDATE ON main.{t} {when_both}
        BEGIN
          INSERT INTO undolog(sql) VALUES ('UPDATE '||{tl}||' SET '||{set_old}||
            ' WHERE rowid='||old.rowid);
        END;
        CREATE TEMP TRIGGER IF NOT EXISTS "undo_{name}_d" BEFORE DELETE ON main.{t} {when_old}
        BEGIN
          INSERT INTO undolog(sql) VALUES ('INSERT INTO '||{tl}||{insert_cols}||
            old.rowid||','||{old_values}||')');
        END;
        """)

    def _top(self) -> int:
        return self._conn.execute("SELECT coalesce(max(seq), 0) FROM undolog").fetchone()[0]

    # -- recording (called by ForbundFile.write) --------------------------------------------

    def mark(self) -> int:
        return self._top()

    def record(self, label: str, before: int) -> Callable[[], None] | None:
        """Inside a write's transaction: its log entries since ``before`` become one action.

        The log's own bookkeeping (dropping the redo stack, and the oldest action past the
        limit) is done in the same transaction, so a commit that fails takes it back too. The
        stacks in memory change only when the returned function is called, after the commit.
        """
        top = self._top()
        if top == before:
            return None  # nothing changed: nothing to undo
        action = Action(label, before + 1, top)
        self._drop(self._redo)
        oldest = self._undo[0] if len(self._undo) >= self.limit else None
        if oldest is not None:
            self._drop([oldest])

        def committed() -> None:
            self._undo.append(action)
            self._redo.clear()
            if oldest is not None:
                self._undo.pop(0)

        return committed

    def _drop(self, actions: list[Action]) -> None:
        for a in actions:
            self._conn.execute("DELETE FROM undolog WHERE seq BETWEEN ? AND ?", (a.first, a.last))

    def forget(self) -> None:
        """Empty both stacks (after a restore, the history no longer applies)."""
        self._conn.execute("DELETE FROM undolog")
        self._undo.clear()
        self._redo.clear()
        self._install()  # tables a restored older file gained by upgrade get triggers too

    # -- what the menu shows ----------------------------------------------------------------

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].label if self._redo else None

    # -- replay -----------------------------------------------------------------------------

    def replay(self, redo: bool) -> tuple[str, Callable[[], None]]:
        """Replay the newest action of one stack inside the caller's transaction.

        Returns the action's label and the function that moves it to the other stack, to be
        called after the commit (the entries the replay logs become that stack's top).
        """
        source, target = (self._redo, self._undo) if redo else (self._undo, self._redo)
        action = source[-1]
        statements = self._conn.execute(
            "SELECT seq, sql FROM undolog WHERE seq BETWEEN ? AND ? ORDER BY seq DESC",
            (action.first, action.last),
        ).fetchall()
        self._conn.execute(
            "DELETE FROM undolog WHERE seq BETWEEN ? AND ?", (action.first, action.last)
        )
        before = self._top()  # what replay logs comes after every entry still kept
        self._conn.execute("PRAGMA defer_foreign_keys = ON")  # rows come back in any order
        for _seq, sql in statements:
            self._conn.execute(sql)
        replayed = Action(action.label, before + 1, self._top())

        def committed() -> None:
            source.pop()
            target.append(replayed)

        return action.label, committed
