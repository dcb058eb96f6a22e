"""What can be wrong with a förbund file, as a person is told: :class:`StorageError`.

Its own small module, free of SQLite and sqlite-utils, so that the window can name the error
(and show it as it is) before :mod:`finsam_desktop.storage` is imported: the app's first paint
comes before the file is opened. :mod:`finsam_desktop.storage` re-exports both names.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .filelock import Holder


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
    #: A journal or WAL lies beside the file and cannot be taken care of where it is.
    NEEDS_RECOVERY = "needs_recovery"


class StorageError(Exception):
    """An environmental problem with a förbund file, with a message a person can act on.

    ``can_open_read_only`` tells the UI to offer "Öppna skrivskyddad"; ``holder`` names who
    has the file open when the problem is IN_USE; ``can_copy`` offers to copy the file with
    the journal beside it to a folder of the user's choice (:func:`copy_with_sidecars`);
    ``offers_backup`` offers the latest good backup.
    """

    def __init__(
        self,
        problem: Problem,
        message: str,
        *,
        can_open_read_only: bool = False,
        holder: Holder | None = None,
        can_copy: bool = False,
        offers_backup: bool = False,
    ):
        super().__init__(message)
        self.problem = problem
        self.message = message
        self.can_open_read_only = can_open_read_only
        self.holder = holder
        self.can_copy = can_copy
        self.offers_backup = offers_backup or problem is Problem.CORRUPT
