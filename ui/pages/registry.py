"""The main window's pages as the sidebar lists them: key, title and icon, and where each is.

The sidebar and the Visa menu are made from these strings alone, so that the window can be
shown before any page's module is imported (those import the förbund's rules, the storage
and sqlite-utils). :meth:`PageEntry.load` imports a page's class when the page is first
built. Each entry says what its class says (``tests/ui/test_app_start.py`` checks it);
adding a page is adding its entry here, in the sidebar's order (Ctrl+1 is the first).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .base import Page


class PageEntry(NamedTuple):  # not a dataclass: importing dataclasses took 2 ms at start
    key: str
    title: str
    icon_name: str
    #: The module and the name of the page's class, imported when the page is first built.
    module: str
    class_name: str

    def load(self) -> type[Page]:
        return getattr(importlib.import_module(self.module), self.class_name)


PAGES: tuple[PageEntry, ...] = (
    PageEntry("oversikt", "Översikt", "oversikt", "ui.pages.oversikt", "OversiktPage"),
    PageEntry("insatser", "Insatser", "insatser", "ui.pages.insatser", "InsatserPage"),
    PageEntry("styrelse", "Styrelse", "styrelse", "ui.pages.styrelse", "StyrelsePage"),
    PageEntry("moten", "Möten", "moten", "ui.pages.moten", "MotenPage"),
    PageEntry("arvoden", "Arvoden", "arvoden", "ui.pages.arvoden", "ArvodenPage"),
    PageEntry("budget", "Budget", "budget", "ui.pages.budget", "BudgetPage"),
    PageEntry("mal", "Mål", "mal", "ui.pages.mal", "MalPage"),
    PageEntry("arshjul", "Årshjul", "arshjul", "ui.pages.arshjul", "ArshjulPage"),
    PageEntry("rapporter", "Rapporter", "rapporter", "ui.pages.rapporter", "RapporterPage"),
)
