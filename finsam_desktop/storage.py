"""The förbund file: one SQLite file per förbund, opened defensively, written durably.

Opening checks, in order, everything that can be wrong with a file a person picked, and says so
in Swedish with what to do: missing, not a förbund file, someone else has it open, read-only,
corrupt, unsafe schema objects, written by a newer version. Writing happens only inside
:meth:`ForbundFile.write`, one transaction per user action, and environmental failures (disk
full, file gone read-only) come back as :class:`StorageError` with the file untouched.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from sqlite_utils import Database

from . import backups, swedish
from .filelock import Holder, LockHeld, WriteLock
from .schema import APPLICATION_ID, KNOWN_STEPS, SCHEMA_VERSION, migrations
from .undo import UndoLog

SUFFIX = ".finsam"
_SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF)
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED = 3, 5, 6
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT = 8, 10, 11
_SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 13, 14, 26


class Problem(Enum):
    """What kind of trouble a file is in; the UI picks its offer by this."""

    MISSING = "missing"
    NOT_FORBUND = "not_forbund"
    IN_USE = "in_use"
    READ_ONLY = "read_only"
    CORRUPT = "corrupt"
    UNSAFE = "unsafe"
    NEWER_VERSION = "newer_version"
    OLD_VERSION = "old_version"
    DISK_FULL = "disk_full"
    IO = "io"


class StorageError(Exception):
    """An environmental problem with a förbund file, with a message a person can act on.

    ``can_open_read_only`` tells the UI to offer "Öppna skrivskyddad"; ``holder`` names who
    has the file open when the problem is IN_USE.
    """

    def __init__(
        self,
        problem: Problem,
        message: str,
        *,
        can_open_read_only: bool = False,
        holder: Holder | None = None,
    ):
        super().__init__(message)
        self.problem = problem
        self.message = message
        self.can_open_read_only = can_open_read_only
        self.holder = holder


def translate(exc: sqlite3.Error, path: Path) -> StorageError:
    """Turn an SQLite error from the environment into a StorageError with a Swedish message."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    name = path.name
    if code == _SQLITE_FULL:
        return StorageError(
            Problem.DISK_FULL,
            f"Disken där {name} ligger är full, så ändringen kunde inte sparas. Filen är "
            "oförändrad. Frigör utrymme (töm papperskorgen, flytta stora filer) och försök igen.",
        )
    if code in (_SQLITE_READONLY, _SQLITE_PERM):
        return StorageError(
            Problem.READ_ONLY,
            f"{name} går inte att skriva till (skrivskyddad fil eller mapp). Ändringen sparades "
            "inte. Kopiera filen till en mapp där du har skrivrätt, eller öppna den skrivskyddad.",
            can_open_read_only=True,
        )
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return StorageError(
            Problem.CORRUPT,
            f"{name} är skadad och kan inte läsas säkert. Återställ den senaste "
            "säkerhetskopian; den skadade filen sparas först bland säkerhetskopiorna.",
        )
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StorageError(
            Problem.IN_USE,
            f"{name} används just nu av ett annat program. Vänta en stund och försök igen.",
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
        self.db = Database(conn, execute_plugins=False)
        self.read_only = read_only
        self.backup_dir = backup_dir
        self._lock = lock
        self._listeners: list[Callable[[str], None]] = []
        self._undo: UndoLog | None = None
        #: Backup written before a migration in this open, if one ran.
        self.migration_backup: Path | None = None
        #: Why today's automatic backup could not be made (None: made, or not due). The file
        #: opens anyway; the UI shows this so a full disk or a read-only backup folder is seen.
        self.backup_problem: str | None = None

    # -- life cycle -------------------------------------------------------------------------

    def close(self) -> None:
        if self.conn is None:
            return
        with contextlib.suppress(sqlite3.Error):
            if not self.read_only:
                self.conn.execute("PRAGMA optimize")
                # Closed, the file is one self-contained file again (no -wal or -shm beside
                # it), safe to copy or e-mail, and read-only opens leave nothing behind. Fails
                # harmlessly while another program still reads it.
                self.conn.execute("PRAGMA journal_mode = DELETE")
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
        copy = sqlite3.connect(":memory:", check_same_thread=False)
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
        Listeners hear the label after the commit.
        """
        mark = self._undo.mark() if self._undo else 0
        with self._transaction():
            yield self.db
        if self._undo:
            self._undo.record(label, mark)
        self.announce(label)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        if self.read_only:
            raise StorageError(
                Problem.READ_ONLY,
                f"{self.path.name} är öppnad skrivskyddad; ändringar kan inte sparas.",
                can_open_read_only=True,
            )
        try:
            with self.db.atomic():
                yield
        except sqlite3.IntegrityError:
            raise  # the caller's data broke a rule: a bug or a validation gap, not the disk
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and (
                "no such" in str(exc) or "syntax error" in str(exc)
            ):
                raise
            raise translate(exc, self.path) from exc

    def announce(self, label: str) -> None:
        """Tell every listener that ``label`` changed the file (after commit, undo, restore)."""
        for listener in list(self._listeners):
            listener(label)

    # -- undo and redo ----------------------------------------------------------------------

    def enable_undo(self, limit: int = 200) -> None:
        """Start recording undo for this open file (the app does; the CLI has no need)."""
        if self._undo is None and not self.read_only:
            self._undo = UndoLog(self.conn, limit)

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
        with self._transaction():
            label = self._undo.replay(redo)
        self.announce(("Gör om " if redo else "Ångra ") + label)
        return label

    def forget_undo(self) -> None:
        if self._undo:
            self._undo.forget()

    def subscribe(self, listener: Callable[[str], None]) -> Callable[[], None]:
        """Call ``listener(label)`` after every committed write; returns the unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    # -- facts about the file ---------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return len(migrations.applied(self.db))

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
    """WAL and durable commits; only once the file has passed its checks (this writes)."""
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":  # pragma: no cover - e.g. some network file systems
        conn.execute("PRAGMA journal_mode = DELETE")
    # FULL: a commit reported to the user survives a power cut, also in WAL mode.
    conn.execute("PRAGMA synchronous = FULL")


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        uri = path.resolve().as_uri() + "?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            # A WAL file in a folder we cannot write: read it as an immutable snapshot.
            conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    else:
        conn = sqlite3.connect(path)
    return conn


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
    if len(head) == 100 and int.from_bytes(head[68:72], "big") != APPLICATION_ID:
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
            else f"{len(fk)} brutna kopplingar mellan tabeller"
        )
        raise StorageError(
            Problem.CORRUPT,
            f"{path.name} är skadad ({detail}). Återställ den senaste säkerhetskopian; den "
            "skadade filen sparas först bland säkerhetskopiorna och lämnas annars orörd.",
        )


def _check_version(db: Database, path: Path) -> list:
    applied = [m.name for m in migrations.applied(db)]
    unknown = [name for name in applied if name not in KNOWN_STEPS]
    if unknown:
        raise StorageError(
            Problem.NEWER_VERSION,
            f"{path.name} är sparad av en nyare version av Finsam Desktop (schema "
            f"{len(applied)}, den här versionen känner till {SCHEMA_VERSION}). Uppdatera "
            "programmet för att öppna filen; filen har inte ändrats.",
        )
    return migrations.pending(db)


def open_file(path: Path | str, options: OpenOptions = OpenOptions()) -> ForbundFile:
    """Open an existing förbund file, checking it and upgrading its schema if needed.

    Raises :class:`StorageError` for every problem a person can act on.
    """
    path = Path(path)
    _check_header(path)
    read_only = options.read_only
    if not read_only and not _writable(path):
        raise StorageError(
            Problem.READ_ONLY,
            f"{path.name} är skrivskyddad, eller mappen den ligger i är det. Du kan öppna den "
            "skrivskyddad och läsa, men inte ändra. Kopiera den till en egen mapp för att ändra.",
            can_open_read_only=True,
        )
    lock = None
    if not read_only:
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
        except OSError:
            raise StorageError(
                Problem.READ_ONLY,
                f"Kan inte skapa låsfilen bredvid {path.name}; mappen verkar skrivskyddad. "
                "Du kan öppna filen skrivskyddad.",
                can_open_read_only=True,
            ) from None
    try:
        return _open_locked(path, options, read_only, lock)
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def _open_locked(
    path: Path, options: OpenOptions, read_only: bool, lock: WriteLock | None
) -> ForbundFile:
    try:
        conn = _connect(path, read_only=read_only)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise translate(exc, path) from exc
    ff = None
    try:
        if app_id != APPLICATION_ID:
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
        backup_dir = options.backup_dir or backups.default_dir(path)
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
                migrations.apply(ff.db)
            except sqlite3.DatabaseError as exc:
                raise translate(exc, path) from exc
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
    """Create a new förbund file at ``path`` (which must not exist) with the current schema."""
    path = Path(path)
    if path.exists():
        raise StorageError(Problem.IO, f"{path.name} finns redan; välj ett annat namn.")
    try:
        conn = sqlite3.connect(path)
        _configure(conn)
        _start_writing(conn)
        db = Database(conn, execute_plugins=False)
        migrations.apply(db)
        with db.atomic():
            db["forbund"].insert(
                {"id": 1, "namn": namn, "organisationsnummer": organisationsnummer}
            )
        conn.close()
    except sqlite3.DatabaseError as exc:
        with contextlib.suppress(OSError):
            path.unlink()
        raise translate(exc, path) from exc
    return open_file(path, options)
