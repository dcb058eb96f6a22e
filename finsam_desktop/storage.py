"""The förbund file: one SQLite file per förbund, opened defensively, written durably.

Opening checks, in order, everything that can be wrong with a file a person picked, and says so
in Swedish with what to do: missing, not a förbund file, someone else has it open, read-only,
corrupt, unsafe schema objects, written by a newer version. Writing happens only inside
:meth:`ForbundFile.write`, one transaction per user action, and environmental failures (disk
full, file gone read-only) come back as :class:`StorageError` with the file untouched.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import backups, sidecars, swedish
from .filelock import LockHeld, WriteLock
from .files import describe_os_error
from .problems import Problem, StorageError
from .undo import UndoLog

if TYPE_CHECKING:
    from types import ModuleType

    from sqlite_utils import Database

log = logging.getLogger(__name__)


# sqlite-utils (with click, pluggy and dateutil), the schema and its checks are imported when a
# file is first opened or made, not with this module: the window paints before it opens its
# file, and the command line's start needs them only for a file (`finsam --version` does not).


def _schema() -> ModuleType:
    from . import schema

    return schema


def _schemacheck() -> ModuleType:
    from . import schemacheck

    return schemacheck


def _database(conn: sqlite3.Connection) -> Database:
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def __getattr__(name: str):
    """``storage.migrations``, ``storage.APPLICATION_ID`` … as before, from the schema."""
    if name in ("APPLICATION_ID", "KNOWN_STEPS", "SCHEMA_VERSION", "migrations"):
        return getattr(_schema(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


SUFFIX = ".finsam"

#: Tests set this: a connection found inside a transaction between user actions raises
#: :class:`TransactionLeak` instead of being logged and repaired.
STRICT_TRANSACTIONS = False
_SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF)
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED = 3, 5, 6
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT = 8, 10, 11
_SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 13, 14, 26


class TransactionLeak(AssertionError):
    """The connection was inside a transaction between user actions (a bug, never the disk)."""


#: The SQLite result codes the environment causes, what each means and what to tell the
#: person ({name} is the file's name).
_KNOWN_CODES: dict[int, tuple[Problem, str]] = {
    code: (problem, message)
    for codes, problem, message in (
        (
            (_SQLITE_FULL,),
            Problem.DISK_FULL,
            "Disken där {name} ligger är full, så ändringen kunde inte sparas. Filen är "
            "oförändrad. Frigör utrymme (töm papperskorgen, flytta stora filer) och försök igen.",
        ),
        (
            (_SQLITE_READONLY, _SQLITE_PERM),
            Problem.READ_ONLY,
            "{name} går inte att skriva till (skrivskyddad fil eller mapp). Ändringen sparades "
            "inte. Kopiera filen till en mapp där du har skrivrätt, eller öppna den skrivskyddad.",
        ),
        (
            (_SQLITE_CORRUPT, _SQLITE_NOTADB),
            Problem.CORRUPT,
            "{name} är skadad och kan inte läsas säkert. Återställ den senaste "
            "säkerhetskopian; den skadade filen sparas först bland säkerhetskopiorna.",
        ),
        (
            (_SQLITE_BUSY, _SQLITE_LOCKED),
            Problem.IN_USE,
            "{name} används just nu av ett annat program. Vänta en stund och försök igen.",
        ),
    )
    for code in codes
}


def translate(exc: sqlite3.Error, path: Path) -> StorageError:
    """Turn an SQLite error from the environment into a StorageError with a Swedish message."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    name = path.name
    if code in _KNOWN_CODES:
        problem, message = _KNOWN_CODES[code]
        return StorageError(
            problem,
            message.format(name=name),
            can_open_read_only=problem is Problem.READ_ONLY,
        )
    return StorageError(
        Problem.IO,
        f"{name} kunde inte läsas eller skrivas ({exc}). Kontrollera att filen finns kvar "
        "och att disken eller nätverksmappen är ansluten.",
    )


@dataclass(frozen=True)
class OpenOptions:
    """How to open a file. ``backup_dir`` None means the folder beside the file."""

    read_only: bool = False
    backup_dir: Path | None = None
    daily_backup: bool = True
    #: Read-only look at a file of an older schema (a backup before restore) without upgrading.
    allow_old_schema: bool = False


class ForbundFile:
    """An open förbund file. Use :func:`open_file` or :func:`create_file`, then ``close()``."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        read_only: bool,
        lock: WriteLock | None,
        backup_dir: Path,
    ):
        self.path = path
        self.conn = conn
        self.db = _database(conn)
        self.read_only = read_only
        self.backup_dir = backup_dir
        self._lock = lock
        self._listeners: list[Callable[[str], None]] = []
        self._undo: UndoLog | None = None
        self._depth = 0  # > 0 while a write's transaction is open
        #: Backup written before a migration in this open, if one ran.
        self.migration_backup: Path | None = None
        #: Why today's automatic backup could not be made (None: made, or not due). The file
        #: opens anyway; the UI shows this so a full disk or a read-only backup folder is seen.
        self.backup_problem: str | None = None

    # -- life cycle -------------------------------------------------------------------------

    def close(self) -> None:
        if self.conn is None:
            return
        self.ensure_idle("när filen stängdes")
        with contextlib.suppress(sqlite3.Error):
            if not self.read_only:
                self.conn.execute("PRAGMA optimize")
        self.conn.close()
        self.conn = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()

    def snapshot(self) -> ForbundFile:
        """A read-only in-memory copy of the file that another thread may read.

        The app builds a report in a worker thread so the window stays responsive; SQLite
        connections belong to the thread that made them, so the worker reads this copy (made
        with SQLite's backup API, a few milliseconds for a förbund file). Close it after use.
        """
        self.ensure_idle("före en ögonblicksbild")
        copy = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        self.conn.backup(copy)
        copy.execute("PRAGMA query_only = ON")
        copy.create_collation("SWEDISH", swedish.collate)
        return ForbundFile(self.path, copy, read_only=True, lock=None, backup_dir=self.backup_dir)

    def __enter__(self) -> ForbundFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading and writing ----------------------------------------------------------------

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict]:
        """Rows as dicts. Read errors from the environment come back as StorageError."""
        try:
            return list(self.db.query(sql, params))
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "no such" in str(exc):
                raise  # a programming error, not the environment
            raise translate(exc, self.path) from exc

    def scalar(self, sql: str, params: tuple | dict = ()):
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @contextlib.contextmanager
    def write(self, label: str = "Ändring") -> Iterator[Database]:
        """One user action as one durable transaction; all of it is stored or none of it.

        ``label`` names the action as the Redigera menu shows it ("Ångra Ändra insats").
        Listeners hear the label after the commit. A write inside a write is part of the
        outer action (a savepoint, undone with it).
        """
        if self._depth:
            with self._translated(), self.db.atomic():
                yield self.db
            return
        with self._transaction() as after_commit:
            mark = self._undo.mark() if self._undo else 0
            yield self.db
            if self._undo:
                after_commit.append(self._undo.record(label, mark))
        self.announce(label)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[list]:
        """``BEGIN IMMEDIATE`` … ``COMMIT`` on the autocommit connection, or ``ROLLBACK``.

        The connection is never left in a transaction: between user actions it is idle, so a
        commit is the end of an edit, and an edit reported stored is in the file. Yields a
        list for functions to call once the commit has succeeded (the undo stacks in memory).
        """
        if self.read_only:
            raise StorageError(
                Problem.READ_ONLY,
                f"{self.path.name} är öppnad skrivskyddad; ändringar kan inte sparas.",
                can_open_read_only=True,
            )
        self.ensure_idle("före en ändring")
        after_commit: list = []
        self._depth += 1
        try:
            with self._translated():
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield after_commit
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
        finally:
            self._depth -= 1
        for committed in after_commit:
            if committed is not None:
                committed()
        self.ensure_idle("efter en ändring")

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        """Environmental SQLite errors become StorageError; the caller's own mistakes do not."""
        try:
            yield
        except sqlite3.IntegrityError:
            raise  # the caller's data broke a rule: a bug or a validation gap, not the disk
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and (
                "no such" in str(exc) or "syntax error" in str(exc)
            ):
                raise
            raise translate(exc, self.path) from exc

    def ensure_idle(self, where: str) -> None:
        """Assert the transaction discipline: no transaction may be open between actions.

        A violation is a bug. In tests (:data:`STRICT_TRANSACTIONS`) it raises; in use it is
        logged with its stack and repaired by rolling back to what was last committed, which
        is everything ever reported stored.
        """
        if self.conn is None or not self.conn.in_transaction or self._depth:
            return
        log.error(
            "%s: anslutningen låg i en transaktion %s", self.path.name, where, stack_info=True
        )
        self.conn.execute("ROLLBACK")
        if STRICT_TRANSACTIONS:
            raise TransactionLeak(f"{self.path.name}: the connection was in a transaction {where}")

    def announce(self, label: str) -> None:
        """Tell every listener that ``label`` changed the file (after commit, undo, restore)."""
        for listener in list(self._listeners):
            listener(label)

    # -- undo and redo ----------------------------------------------------------------------

    def enable_undo(self, limit: int = 200) -> None:
        """Start recording undo for this open file (the app does; the CLI has no need)."""
        if self._undo is None and not self.read_only:
            from .settings import PREFERENCES  # late, as in backups.py: settings refers back here

            # a preference (the budget grid's unit) is not an action to undo
            unlogged = {"installning": ("nyckel", PREFERENCES)}
            self._undo = UndoLog(self.conn, limit, unlogged=unlogged)

    @property
    def undo_label(self) -> str | None:
        """The label of the action Ångra would undo, or None."""
        return self._undo.undo_label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._undo.redo_label if self._undo else None

    def undo(self) -> str | None:
        """Undo the last action in one transaction; returns its label (None: nothing to undo)."""
        return self._replay(redo=False)

    def redo(self) -> str | None:
        return self._replay(redo=True)

    def _replay(self, *, redo: bool) -> str | None:
        if not self._undo or not (self._undo.redo_label if redo else self._undo.undo_label):
            return None
        with self._transaction() as after_commit:
            label, committed = self._undo.replay(redo)
            after_commit.append(committed)
        self.announce(("Gör om " if redo else "Ångra ") + label)
        return label

    def forget_undo(self) -> None:
        self.ensure_idle("före glömd ångrahistorik")
        if self._undo:
            self._undo.forget()

    def subscribe(self, listener: Callable[[str], None]) -> Callable[[], None]:
        """Call ``listener(label)`` after every committed write; returns the unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    # -- facts about the file ---------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return len(_schema().migrations.applied(self.db))

    def forbund_name(self) -> str:
        row = self.conn.execute("SELECT namn FROM forbund WHERE id = 1").fetchone()
        return row[0] if row else self.path.stem


def _configure(conn: sqlite3.Connection) -> None:
    """Connection settings that write nothing to the file."""
    # Untrusted files: schema objects may not call functions with side effects, no extensions.
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 3000")
    conn.execute("PRAGMA cell_size_check = ON")
    conn.create_collation("SWEDISH", swedish.collate)


def _start_writing(conn: sqlite3.Connection) -> None:
    """A rollback journal and durable commits; only once the file has passed its checks.

    The förbund file is a document: with a rollback journal, everything committed is in the
    .finsam itself after every edit and nothing lies beside it while the program is idle, so a
    sync client, a copy or a mail attachment of the file alone is whole. (A ``-wal`` would hold
    committed edits beside it for hours, and WAL does not work on network file systems.) A file
    an older version left in WAL mode is converted here, on its first write-mode open.
    """
    mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    if mode.lower() != "delete":
        raise sqlite3.OperationalError("database is locked")  # still read by another program
    # FULL: a commit reported to the user survives a power cut.
    conn.execute("PRAGMA synchronous = FULL")


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """An autocommit connection (``isolation_level=None``): transactions are explicit."""
    if not read_only:
        return sqlite3.connect(path, isolation_level=None)
    uri = path.as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        # A file an older version left in WAL mode, in a folder we cannot write (no -shm can
        # be made). Only with nothing beside it (sidecars were looked at first) is the file
        # alone the whole truth, and may be read as an immutable snapshot.
        if sidecars.pending(path):
            raise
        return sqlite3.connect(
            path.as_uri() + "?mode=ro&immutable=1", uri=True, isolation_level=None
        )


def default_backup_dir(path: Path) -> Path:
    return backups.default_dir(path)


def _check_header(path: Path) -> None:
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except FileNotFoundError:
        raise StorageError(Problem.MISSING, f"Filen {path} finns inte.") from None
    except PermissionError:
        raise StorageError(
            Problem.READ_ONLY,
            f"Du saknar behörighet att läsa {path.name}. Be den som äger filen om läsrätt.",
        ) from None
    except IsADirectoryError:
        raise StorageError(
            Problem.NOT_FORBUND, f"{path} är en mapp, inte en förbundsfil."
        ) from None
    if not head.startswith(_SQLITE_HEADER):
        raise StorageError(
            Problem.NOT_FORBUND,
            f"{path.name} är inte en förbundsfil från Finsam Desktop. Välj en fil som slutar på "
            f"{SUFFIX}, eller importera en arbetsbok (.xlsx) via Arkiv → Importera arbetsbok.",
        )
    if len(head) == 100 and int.from_bytes(head[68:72], "big") != _schema().APPLICATION_ID:
        raise StorageError(
            Problem.NOT_FORBUND,
            f"{path.name} är en SQLite-databas men ingen förbundsfil från Finsam Desktop.",
        )


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


_ALLOWED_OBJECT_TYPES = {"table", "index"}


def _check_schema_objects(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse triggers and views: this program defines none, so one in the file is foreign."""
    rows = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE type NOT IN ('table', 'index')"
    ).fetchall()
    if rows:
        names = ", ".join(f"{t} {n}" for t, n in rows)
        raise StorageError(
            Problem.UNSAFE,
            f"{path.name} innehåller databasobjekt som Finsam Desktop inte har skapat ({names}). "
            "Filen öppnas inte, eftersom sådana objekt kan ändra data utan att du ser det. "
            "Fråga den som skickade filen, eller be om en arbetsbok (.xlsx) i stället.",
        )


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check(20)").fetchall()]
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise translate(exc, path) from exc
    if result != ["ok"] or fk:
        detail = (
            f"kontrollen hittade {len(result)} fel"
            if result != ["ok"]
            else swedish.plural(len(fk), "bruten koppling", "brutna kopplingar")
            + " mellan tabeller"
        )
        raise StorageError(
            Problem.CORRUPT,
            f"{path.name} är skadad ({detail}). Återställ den senaste säkerhetskopian; den "
            "skadade filen sparas först bland säkerhetskopiorna och lämnas annars orörd.",
        )


def _check_version(db: Database, path: Path) -> list:
    applied = [m.name for m in _schema().migrations.applied(db)]
    unknown = [name for name in applied if name not in _schema().KNOWN_STEPS]
    if unknown:
        raise StorageError(
            Problem.NEWER_VERSION,
            f"{path.name} är sparad av en nyare version av Finsam Desktop (schema "
            f"{len(applied)}, den här versionen känner till {_schema().SCHEMA_VERSION}). Uppdatera "
            "programmet för att öppna filen; filen har inte ändrats.",
        )
    return _schema().migrations.pending(db)


def _check_schema(conn: sqlite3.Connection, path: Path, *, read_only: bool) -> None:
    """The file's tables are the program's, with their columns, types and rules, and the
    data keeps those rules; anything else is refused before a page reads it."""
    try:
        found = _schemacheck().problems(conn, with_checks=read_only)
    except sqlite3.DatabaseError as exc:
        raise translate(exc, path) from exc
    if found:
        shown = "; ".join(found[:5]) + (f" (och {len(found) - 5} till)" if len(found) > 5 else "")
        raise StorageError(
            Problem.UNSAFE,
            f"{path.name} är inte en förbundsfil som Finsam Desktop kan lita på: {shown}. "
            "Filen har ändrats utanför programmet och öppnas inte, så att inget visas eller "
            "sparas fel. Återställ den senaste säkerhetskopian, eller fråga den som skickade "
            "filen efter en arbetsbok (.xlsx).",
            offers_backup=True,
        )


def _lock(path: Path) -> WriteLock:
    lock = WriteLock(path)
    try:
        lock.acquire()
    except LockHeld as held:
        who = held.holder.describe() if held.holder else "ett annat program"
        raise StorageError(
            Problem.IN_USE,
            f"{path.name} är redan öppnad för ändring av {who}. Du kan öppna den "
            "skrivskyddad, eller vänta tills den stängs.",
            can_open_read_only=True,
            holder=held.holder,
        ) from None
    except FileNotFoundError:
        raise StorageError(Problem.MISSING, f"Mappen {path.parent} finns inte.") from None
    except OSError:
        raise StorageError(
            Problem.READ_ONLY,
            f"Kan inte skapa låsfilen bredvid {path.name}; mappen verkar skrivskyddad. "
            "Du kan öppna filen skrivskyddad.",
            can_open_read_only=True,
        ) from None
    return lock


def _needs_recovery(path: Path, found: list[sidecars.Sidecar]) -> StorageError:
    what = " och ".join(s.described for s in found)
    return StorageError(
        Problem.NEEDS_RECOVERY,
        f"Bredvid {path.name} ligger {what}: en ändring som inte avslutades (programmet eller "
        "datorn stängdes mitt i den) eller en fil som kopierats dit. Den kan bara tas om hand "
        f"där filen får ändras, och {path.parent} är skrivskyddad. Filen läses inte utan den, "
        "eftersom innehållet då kan vara halvskrivet. Kopiera filen tillsammans med den till "
        "en mapp där du har skrivrätt och öppna kopian.",
        can_copy=True,
    )


def _recover(path: Path, found: list[sidecars.Sidecar], backup_dir: Path) -> None:
    """Let SQLite apply the journal or WAL beside ``path``, and keep the result only if it is
    a whole förbund file of the expected schema. Called with the write lock held.

    The file as it stood, and what lay beside it, are copied aside first (a backup of its own
    kind). If what comes out is anything else (another database, a damaged or foreign file),
    the copy is put back, what lay beside the file stays only in the backup folder, and the
    user is told what was found.
    """
    try:
        aside = backups.copy_aside(path, [s.path for s in found], backup_dir)
    except (OSError, StorageError) as exc:
        reason = (
            exc.message
            if isinstance(exc, StorageError)
            else describe_os_error(exc, backup_dir, "Kopian")
        )
        raise StorageError(
            Problem.IO,
            f"Bredvid {path.name} ligger {' och '.join(s.described for s in found)}, och "
            f"filen kopieras undan innan den tas om hand, men det gick inte. {reason} "
            "Filen är orörd.",
        ) from None
    problem = None
    conn = None
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA trusted_schema = OFF")
        # The first read applies what lies beside the file: a hot journal is rolled back,
        # a WAL replayed.
        if conn.execute("PRAGMA application_id").fetchone()[0] != _schema().APPLICATION_ID:
            problem = "med den blev filen en annan databas, ingen förbundsfil"
        else:
            _check_schema_objects(conn, path)
            _check_integrity(conn, path)
            _check_schema(conn, path, read_only=False)
            _start_writing(conn)  # a WAL is folded into the file and removed
    except StorageError as exc:
        problem = f"med den blev filen oanvändbar ({exc.message})"
    except sqlite3.DatabaseError as exc:
        problem = f"med den gick filen inte att läsa ({translate(exc, path).message})"
    finally:
        if conn is not None:
            conn.close()
    if problem is None:
        log.warning("%s: %s tagen om hand; filen före finns i %s", path.name, found, aside)
        return
    backups.put_back(aside, path)
    sidecars.remove(path)
    raise StorageError(
        Problem.UNSAFE,
        f"Bredvid {path.name} låg {' och '.join(s.described for s in found)} som inte hör till "
        f"filen: {problem}. Förbundsfilen är återställd som den låg, och det som låg bredvid "
        f"den finns kvar i {backup_dir}. Öppna filen igen.",
        offers_backup=True,
    )


def _take_care_of_sidecars(path: Path, read_only: bool, backup_dir: Path, lock) -> None:
    """Before SQLite may read ``path``: a journal or WAL beside it is recovered safely, or the
    file is refused. Never read with ``immutable=1`` while one lies there."""
    found = sidecars.pending(path)
    if not found:
        return
    if not _writable(path):
        raise _needs_recovery(path, found)
    if lock is not None:
        _recover(path, found, backup_dir)
        return
    try:  # a read-only open: recover in place when nobody is writing the file
        lock = _lock(path)
    except StorageError as exc:
        if exc.problem is Problem.IN_USE:
            return  # the journal is the live writer's own, and SQLite waits for its commit
        raise _needs_recovery(path, found) from None
    try:
        _recover(path, found, backup_dir)
    finally:
        lock.release()


def open_file(path: Path | str, options: OpenOptions = OpenOptions()) -> ForbundFile:
    """Open an existing förbund file, checking it and upgrading its schema if needed.

    Raises :class:`StorageError` for every problem a person can act on. The file is known by
    its real path (symlinks resolved): the lock and the backups belong to that one file.
    """
    path = Path(path)
    _check_header(path)
    path = path.resolve()
    read_only = options.read_only
    backup_dir = options.backup_dir or backups.default_dir(path)
    if not read_only and not _writable(path):
        found = sidecars.pending(path)
        if found:
            raise _needs_recovery(path, found)
        raise StorageError(
            Problem.READ_ONLY,
            f"{path.name} är skrivskyddad, eller mappen den ligger i är det. Du kan öppna den "
            "skrivskyddad och läsa, men inte ändra. Kopiera den till en egen mapp för att ändra.",
            can_open_read_only=True,
        )
    lock = None if read_only else _lock(path)
    try:
        _take_care_of_sidecars(path, read_only, backup_dir, lock)
        if not read_only:
            backups.remove_leftovers(path, backup_dir)
        return _open_locked(path, options, read_only, lock, backup_dir)
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def _open_locked(
    path: Path, options: OpenOptions, read_only: bool, lock: WriteLock | None, backup_dir: Path
) -> ForbundFile:
    try:
        conn = _connect(path, read_only=read_only)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise translate(exc, path) from exc
    ff = None
    try:
        if app_id != _schema().APPLICATION_ID:
            raise StorageError(
                Problem.NOT_FORBUND,
                f"{path.name} är en SQLite-databas men ingen förbundsfil från Finsam Desktop.",
            )
        try:
            _check_schema_objects(conn, path)  # reads the schema: the first real page reads
            _configure(conn)
        except sqlite3.DatabaseError as exc:
            raise translate(exc, path) from exc
        _check_integrity(conn, path)
        _check_schema(conn, path, read_only=read_only)
        ff = ForbundFile(path, conn, read_only, lock, backup_dir)
        pending = _check_version(ff.db, path)
        if not read_only:
            try:
                _start_writing(conn)
            except sqlite3.DatabaseError as exc:
                raise translate(exc, path) from exc
        if pending and read_only and not options.allow_old_schema:
            raise StorageError(
                Problem.OLD_VERSION,
                f"{path.name} är sparad av en äldre version och måste uppgraderas innan den kan "
                "läsas, vilket kräver att den öppnas med skrivrätt (en säkerhetskopia görs först).",
            )
        if pending and not read_only:
            ff.migration_backup = backups.make_backup(ff, backups.Kind.BEFORE_MIGRATION)
            try:
                _schema().migrations.apply(ff.db)
            except sqlite3.DatabaseError as exc:
                raise translate(exc, path) from exc
            ff.ensure_idle("efter uppgraderingen")
        if not read_only and options.daily_backup:
            try:
                backups.daily_backup(ff)
            except (StorageError, OSError, sqlite3.Error) as exc:
                reason = exc.message if isinstance(exc, StorageError) else str(exc)
                ff.backup_problem = (
                    f"Dagens säkerhetskopia kunde inte göras i {ff.backup_dir} ({reason}). "
                    "Filen går att använda, men se till att det finns plats och skrivrätt där."
                )
        return ff
    except BaseException:
        if ff is not None:
            ff._lock = None  # released by open_file
        conn.close()
        raise


def create_file(
    path: Path | str,
    *,
    namn: str,
    organisationsnummer: str = "",
    options: OpenOptions = OpenOptions(daily_backup=False),
) -> ForbundFile:
    """Create a new förbund file at ``path`` (which must not exist) with the current schema.

    The new file's lock is taken before anything is written, so two programs creating one
    file cannot both succeed.
    """
    path = Path(path).absolute()
    if path.exists():
        raise StorageError(Problem.IO, f"{path.name} finns redan; välj ett annat namn.")
    lock = _lock(path)
    try:
        if path.exists():  # made by another program while this one took the lock
            raise StorageError(Problem.IO, f"{path.name} finns redan; välj ett annat namn.")
        try:
            conn = sqlite3.connect(path, isolation_level=None)
            _configure(conn)
            _start_writing(conn)
            db = _database(conn)
            _schema().migrations.apply(db)
            with db.atomic():
                db["forbund"].insert(
                    {"id": 1, "namn": namn, "organisationsnummer": organisationsnummer}
                )
            conn.close()
        except sqlite3.DatabaseError as exc:
            for suffix in ("", *sidecars.SUFFIXES):
                with contextlib.suppress(OSError):
                    sidecars.beside(path, suffix).unlink()
            raise translate(exc, path) from exc
    finally:
        lock.release()
    return open_file(path, options)
