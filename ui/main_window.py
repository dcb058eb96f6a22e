"""The main window: navigation between the pages, the Arkiv and Hjälp menus, the open file.

The file's life (opening, creating, recent files, the arbetsbok, backups and restore) is
:class:`ui.file_session.FileSession`'s; the window shows the file it opens: hands it to every
page, updates menus and title, and closes the one before. Window geometry and the last page
are kept in the app's QSettings.

Pages are built when first needed, so that start-up costs one page, not all of them.
:data:`ui.pages.registry.PAGES` lists them in the sidebar's order; the sidebar and the Visa
menu (Ctrl+1…N) are made from its keys, titles and icon names alone, without importing a
page's module. :attr:`MainWindow.pages_by_key` (a :class:`PageSet`) returns the real page for a
key, building it on first access: showing it, a search hit or an Översikt link that leads to
it, a test that asks for it. The page of the sidebar's current row is built when the window
first shows a file. A page built while a file is open is given the file at once; kept out of
sight, it reads the file when first shown (see :mod:`ui.pages.base`). The window itself only
ever walks the pages already built (:meth:`PageSet.built`); :attr:`MainWindow.pages` is every
page and builds the rest.

At start (:func:`ui.app.launch`) the window is shown before the file is opened: with its
title, menus and page names, and "Öppnar förbundsfilen …" where the page will be
(:meth:`MainWindow.begin_opening`); what was asked for with :meth:`MainWindow.after_first_paint`
(opening the file, which imports the storage, sqlite-utils and the first page) runs right
after the window's first paint, and :meth:`MainWindow.end_opening` fills the window in. Nothing
that needs the file is enabled meanwhile. This module imports none of that at its top.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSignalBlocker, QSize, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import APP_NAME, __version__
from finsam_desktop.problems import StorageError

from .file_session import KEY_LAST_FILE, FileSession
from .lazyqt import Qt
from .pages.registry import PAGES, PageEntry
from .paths import demo_path
from .style import icon, set_role

# QMessageBox, ui.help (the handbook, the demo banner), the welcome page and the Ctrl+Z of
# spin boxes are imported where they are used: their Python classes and enums took
# milliseconds before the first paint.
if TYPE_CHECKING:
    import datetime as dt

    from PySide6.QtWidgets import QMessageBox

    from finsam_desktop.storage import ForbundFile

    from .dialogs.backups import BackupsDialog
    from .help import DemoBanner, HandbookWindow
    from .operations import Operation
    from .pages.base import Page
    from .shortcuts import UndoToTheWindow
    from .welcome import WelcomePage
    from .widgets.search import SearchPopup

__all__ = ["KEY_LAST_FILE", "PAGES", "MainWindow", "PageSet", "window_title"]

#: What the window says where the page will be while the first file is being opened.
OPENING_TEXT = "Öppnar förbundsfilen …"
#: When no paint comes after the window is shown (a window started minimised), what waits
#: for the first paint runs after this long anyway.
AFTER_PAINT_AT_LATEST_MS = 300

NAV_ROW_HEIGHT = 36
#: How long after the window is first shown the idle warm-up (holidays) runs.
WARM_UP_AFTER_MS = 150

# QSettings keys
KEY_GEOMETRY = "window/geometry"
KEY_STATE = "window/state"
KEY_PAGE = "window/page"
#: The insats or meeting open in its form when the file was closed: "<file>\n<page>:<id>".
KEY_VIEW = "window/view"


def window_title(namn: str | None, path: Path | None, read_only: bool = False) -> str:
    """The window title: förbund, file and app, e.g. "Förbundet X – X.finsam – Finsam Desktop".

    A file opened read-only adds " (skrivskyddad)".
    """
    if path is None:
        return APP_NAME
    title = f"{namn} – {path.name} – {APP_NAME}"
    return title + " (skrivskyddad)" if read_only else title


class PageSet(Mapping[str, "Page"]):
    """The window's pages by key, in the sidebar's order, each built on first access.

    ``pages[key]`` (and ``get``, ``values``, ``items``) return the real page, building it then
    with ``make(cls)`` (its class imported then) and handing it to ``added``; ``key in pages``,
    ``len`` and iterating the keys build and import nothing. :meth:`built` and
    :meth:`built_page` see only what is built.
    """

    def __init__(
        self,
        entries: Iterable[PageEntry],
        make: Callable[[type[Page]], Page],
        added: Callable[[Page], None],
    ):
        self.entries: dict[str, PageEntry] = {entry.key: entry for entry in entries}
        self._make = make
        self._added = added
        self._built: dict[str, Page] = {}

    def __getitem__(self, key: str) -> Page:
        page = self._built.get(key)
        if page is None:
            page = self._make(self.entries[key].load())
            self._built[key] = page  # before ``added``, which may ask for it again
            self._added(page)
        return page

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def built(self) -> list[Page]:
        """The pages built so far, in the sidebar's order."""
        return [self._built[key] for key in self.entries if key in self._built]

    def built_page(self, key: str) -> Page | None:
        """The page for ``key`` if it is built, else None (building nothing)."""
        return self._built.get(key)


class MainWindow(QMainWindow):
    #: Another file was opened, or the file was closed: the new one, or None.
    file_changed = Signal(object)
    #: The first file is open and shown (or the start gave up on it): the window is filled in.
    ready = Signal()

    def __init__(
        self,
        settings: QSettings,
        today: Callable[[], dt.date] | None = None,
        parent: QWidget | None = None,
        *,
        paint_first: bool = False,
    ):
        """``paint_first``: the window is to be shown before its first file is opened (see
        :meth:`begin_opening`); what its first paint does not need is done right after it."""
        super().__init__(parent)
        self.settings = settings
        self.today = today or _today
        self.session = FileSession(self, settings, self.today)
        self._unsubscribe: Callable[[], None] | None = None
        self.search_popup: SearchPopup | None = None
        self.handbook: HandbookWindow | None = None
        self._undo_keys: UndoToTheWindow | None = None  # made by _finish_building
        #: The insats or meeting to open when its page is next shown: (page key, id).
        self._pending_view: tuple[str, int] | None = None
        self._warmed = False
        #: Opening the first file after the first paint (see :meth:`begin_opening`).
        self.opening = paint_first
        self._after_paint: list[Callable[[], None]] = []
        self._closed = False
        self.setObjectName("mainWindow")
        self.setAccessibleName(APP_NAME)
        self.setWindowIcon(icon("finsam"))
        self.setMinimumSize(QSize(720, 500))

        self.pages_by_key = PageSet(PAGES, lambda cls: cls(self.today), self._page_built)
        self._keys = list(self.pages_by_key)
        self._build_central()
        self._build_actions()
        self._build_menus()
        self.statusBar().setSizeGripEnabled(True)
        self._restore_window()
        self._update_for_file()
        if paint_first:
            self.after_first_paint(self._finish_building)
        else:
            self._finish_building()

    def _finish_building(self) -> None:
        """What the first paint does without: nothing here touches Qt's namespace of enums
        before (see :mod:`ui.lazyqt`), so it is made after the first paint."""
        from .shortcuts import UndoToTheWindow

        self._undo_keys = UndoToTheWindow(self)  # the focused spin box's Ctrl+Z is Ångra
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    @property
    def ff(self) -> ForbundFile | None:
        """The open file (the session's)."""
        return self.session.ff

    @property
    def workbook_problem(self) -> QMessageBox | None:
        return self.session.workbook_problem

    # The Arkiv menu's file actions are the session's.
    def open_path(self, path: Path, read_only: bool = False) -> bool:
        return self.session.open_path(path, read_only)

    def open_dialog(self) -> bool:
        return self.session.open_dialog()

    def open_demo(self) -> bool:
        return self.session.open_demo()

    def new_file(self) -> bool:
        return self.session.new_file()

    def create_new_file(self, path: Path, namn: str, organisationsnummer: str, **kw) -> bool:
        return self.session.create_new_file(path, namn, organisationsnummer, **kw)

    def export_workbook(self) -> Operation | None:
        return self.session.export_workbook()

    def export_workbook_to(self, target: Path) -> Operation | None:
        return self.session.export_workbook_to(target)

    def import_workbook(self) -> Operation | None:
        return self.session.import_workbook()

    def import_workbook_from(self, source: Path) -> Operation | None:
        return self.session.import_workbook_from(source)

    def show_backups(self) -> BackupsDialog | None:
        return self.session.show_backups()

    # -- building --------------------------------------------------------------------------------

    def _build_central(self) -> None:
        # Built from the top down: each widget is added to a parent already in the window
        # before its own children are, so the style sheet polishes each widget once (at the
        # first show). Built bottom up, every subtree was re-polished as it was moved into
        # its parent: 8 ms of the window's start.
        self.central = QStackedWidget()  # the welcome page comes first, made when needed
        self.setCentralWidget(self.central)
        self._welcome: WelcomePage | None = None
        workspace = QWidget()
        self.central.addWidget(workspace)
        self.workspace = workspace
        row = _hbox(workspace)

        self.sidebar = QWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(224)
        row.addWidget(self.sidebar)
        side = QVBoxLayout(self.sidebar)
        side.setContentsMargins(12, 16, 12, 12)
        side.setSpacing(2)
        self.sidebar_name = QLabel()
        self.sidebar_name.setObjectName("sidebarName")
        self.sidebar_name.setWordWrap(True)
        self.sidebar_file = QLabel()
        self.sidebar_file.setObjectName("sidebarFile")
        self.sidebar_file.setWordWrap(True)
        side.addWidget(self.sidebar_name)
        side.addWidget(self.sidebar_file)
        side.addSpacing(12)

        self.navigation = QListWidget()
        side.addWidget(self.navigation, 1)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Navigering")
        self.navigation.setAccessibleDescription(
            f"Välj sida med piltangenterna eller Ctrl+1–{len(PAGES)}"
        )
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setSpacing(1)
        # The row is the page (self._keys); the title is what assistive technology reads.
        for entry in PAGES:  # the registry says what to list: no page is built or imported
            item = QListWidgetItem(icon(entry.icon_name), entry.title)
            item.setSizeHint(QSize(0, NAV_ROW_HEIGHT))
            self.navigation.addItem(item)
        version = QLabel(f"{APP_NAME} {__version__}")
        version.setObjectName("sidebarFile")
        side.addWidget(version)

        right = QWidget()
        row.addWidget(right, 1)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self._right_column = column  # the demo banner goes on top, made when first shown
        self._demo_banner: DemoBanner | None = None
        self.file_changed.connect(self._show_demo_banner)
        self.stack = QStackedWidget()  # holds the pages built so far
        self.stack.setAccessibleName("Sidor")
        column.addWidget(self.stack, 1)
        self.placeholder = _OpeningPlaceholder()  # while the first file is opened
        self.stack.addWidget(self.placeholder)
        self.navigation.currentRowChanged.connect(self._show_page)

    @property
    def welcome(self) -> WelcomePage:
        """The page shown without a file (made the first time it is needed)."""
        if self._welcome is None:
            from .welcome import WelcomePage

            welcome = WelcomePage()
            welcome.open_requested.connect(self.open_dialog)
            welcome.new_requested.connect(self.new_file)
            welcome.demo_requested.connect(self.open_demo)
            welcome.help_requested.connect(lambda: self.show_handbook("Kom igång"))
            welcome.recent_requested.connect(lambda p: self.open_path(Path(p)))
            self.central.insertWidget(0, welcome)
            self._welcome = welcome
        return self._welcome

    @property
    def demo_banner(self) -> DemoBanner:
        """The band over the pages while the demo förbund is open (made when first needed)."""
        if self._demo_banner is None:
            from .help import DemoBanner

            banner = DemoBanner()
            banner.new_requested.connect(lambda: self.new_file())
            banner.help_requested.connect(lambda: self.show_handbook("Kom igång"))
            banner.hide()
            self._right_column.insertWidget(0, banner)
            self._demo_banner = banner
        return self._demo_banner

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcut=None, tip: str = "") -> QAction:
            a = QAction(text, self)
            if isinstance(shortcut, QKeySequence.StandardKey):
                a.setShortcuts(shortcut)  # every binding of the platform (Ctrl+W and Ctrl+F4)
            elif shortcut is not None:
                # setShortcut would make Qt's namespace of enums now (ui.lazyqt): the same
                # binding, given as a list of one, does not
                a.setShortcuts([shortcut])
            if tip:
                a.setStatusTip(tip)
            a.triggered.connect(slot)
            return a

        self.new_action = action(
            "&Ny förbundsfil…", self.new_file, QKeySequence.StandardKey.New,
            "Skapa en ny, tom förbundsfil",
        )  # fmt: skip
        self.open_action = action(
            "&Öppna…", self.open_dialog, QKeySequence.StandardKey.Open, "Öppna en förbundsfil"
        )
        self.import_action = action(
            "&Importera arbetsbok…", self.import_workbook, None,
            "Ersätt förbundsfilens innehåll med en arbetsbok (.xlsx)",
        )  # fmt: skip
        self.export_action = action(
            "&Exportera arbetsbok…", self.export_workbook, None,
            "Spara förbundsfilens innehåll som en arbetsbok (.xlsx)",
        )  # fmt: skip
        self.backups_action = action(
            "&Säkerhetskopior…", self.show_backups, None,
            "Visa säkerhetskopior och återställ en av dem",
        )  # fmt: skip
        self.forbund_action = action(
            "&Förbundets uppgifter…", self.edit_forbund, None,
            "Ändra förbundets namn, organisationsnummer och medlemmar med fördelningsnyckeln",
        )  # fmt: skip
        self.installningar_action = action(
            "Förbundets ins&tällningar…", self.edit_installningar, None,
            "Taket för eget kapital, vilka avvikelser årsredovisningen kommenterar, "
            "rapporternas enhet, bedömningarnas ord …",
        )  # fmt: skip
        for each in (self.forbund_action, self.installningar_action):  # they write the file
            each.setEnabled(False)
            self.file_changed.connect(
                lambda ff, each=each: each.setEnabled(ff is not None and not ff.read_only)
            )
        self.close_action = action(
            "&Stäng förbundsfilen", self.close_file, QKeySequence.StandardKey.Close
        )
        self.quit_action = action("&Avsluta", self.close, QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = action(
            "&Ångra", self.undo, QKeySequence.StandardKey.Undo, "Ångra den senaste ändringen"
        )
        self.redo_action = action(
            "&Gör om", self.redo, QKeySequence("Ctrl+Shift+Z"), "Gör om det som ångrades"
        )
        self.search_action = action(
            "&Sök…", self.show_search, QKeySequence.StandardKey.Find,
            "Sök bland insatser, möten, ärenden och personer",
        )  # fmt: skip
        self.handbook_action = action(
            "&Handbok", lambda: self.show_handbook(), QKeySequence.StandardKey.HelpContents,
            "Programmets handbok: året, arbetsboken, rapporterna, säkerhetskopiorna",
        )  # fmt: skip
        self.getting_started_action = action(
            "&Kom igång", lambda: self.show_handbook("Kom igång"), None,
            "Vad demoförbundet är och hur du börjar med ert eget förbund",
        )  # fmt: skip
        self.about_action = action(f"&Om {APP_NAME}", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.page_actions: list[QAction] = []
        for number, entry in enumerate(PAGES, start=1):
            a = action(
                entry.title,
                lambda _checked=False, key=entry.key: self.show_page(key),
                QKeySequence(f"Ctrl+{number}"),
            )
            a.setIcon(icon(entry.icon_name))
            self.page_actions.append(a)
        #: every beslut with its status, from the menu too (it was only a button on Möten)
        self.beslutslogg_action = action(
            "&Beslutslogg", self.show_beslutslogg, QKeySequence("Ctrl+Shift+B")
        )

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&Arkiv")
        menu.addAction(self.new_action)
        menu.addAction(self.open_action)
        self.recent_menu = QMenu("Senast ö&ppnade", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        menu.addAction(self.forbund_action)
        menu.addAction(self.installningar_action)
        menu.addSeparator()
        menu.addAction(self.import_action)
        menu.addAction(self.export_action)
        menu.addSeparator()
        menu.addAction(self.backups_action)
        menu.addSeparator()
        menu.addAction(self.close_action)
        menu.addAction(self.quit_action)

        edit = self.menuBar().addMenu("&Redigera")
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(self.search_action)
        self.edit_menu = edit

        view = self.menuBar().addMenu("&Visa")
        for a in self.page_actions:
            view.addAction(a)
        view.addSeparator()
        view.addAction(self.beslutslogg_action)

        helpmenu = self.menuBar().addMenu("&Hjälp")
        helpmenu.addAction(self.handbook_action)
        helpmenu.addAction(self.getting_started_action)
        helpmenu.addSeparator()
        helpmenu.addAction(self.about_action)
        self._fill_recent_menu()

    # -- pages -----------------------------------------------------------------------------------

    @property
    def pages(self) -> list[Page]:
        """Every page in the sidebar's order, building those not built yet."""
        return list(self.pages_by_key.values())

    def _page_built(self, page: Page) -> None:
        """A page was just built: into the stack (out of sight), wired, given the file."""
        self.stack.addWidget(page)
        if page.key == "rapporter":
            page.export_requested.connect(self.export_workbook)
            page.import_requested.connect(self.import_workbook)
            page.signing_requested.connect(self._open_signing)
        elif page.key == "oversikt":
            page.finding_activated.connect(self.go_to_finding)
            page.insats_activated.connect(self._open_insats)
            page.mal_activated.connect(self._open_mal)
            page.mote_activated.connect(self._open_mote)
            page.beslut_activated.connect(self._open_mote)
        if self.ff is not None:
            page.set_file(self.ff)

    def _show_page(self, row: int) -> None:
        if 0 <= row < len(self._keys):
            key = self._keys[row]
            page = self.pages_by_key[key]
            self.stack.setCurrentWidget(page)  # a shown window sends the show event: it reads
            page.refresh_if_stale()  # a window not yet shown sends none
            self.settings.setValue(KEY_PAGE, key)
            self._open_pending_view(page)

    def show_beslutslogg(self) -> None:
        """Möten with its beslutslogg: every beslut of every meeting, with its status."""
        self.show_page("moten").show_log()

    def show_page(self, key: str) -> Page:
        page = self.pages_by_key[key]
        self.navigation.setCurrentRow(self._keys.index(key))
        return page

    def _open_insats(self, insats_id: int) -> None:
        from .pages.insatser import InsatserPage

        page = self.show_page("insatser")
        assert isinstance(page, InsatserPage)
        page.open_insats(insats_id)

    def _open_mal(self, year: int) -> None:
        from .pages.mal import MalPage

        page = self.show_page("mal")
        assert isinstance(page, MalPage)
        page.show_year(year)

    def _open_signing(self, handling) -> None:
        from .pages.moten import MotenPage

        page = self.show_page("moten")
        assert isinstance(page, MotenPage)
        page.open_signing(handling)

    def _open_mote(self, mote_id: int, arende_id: int | None = None) -> None:
        from .pages.moten import MotenPage

        page = self.show_page("moten")
        assert isinstance(page, MotenPage)
        page.open_meeting(mote_id, arende_id)

    def current_page(self) -> Page:
        """The page of the sidebar's current row (built now if it was not yet)."""
        from .pages.base import Page

        if self.stack.currentWidget() is self.placeholder:
            self._show_page(max(self.navigation.currentRow(), 0))
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    # -- the open file ---------------------------------------------------------------------------

    def _save_view(self) -> None:
        """Remember which insats or meeting is open in its form, with the file."""
        if self.ff is None:
            return
        view = next(
            (
                f"{key}:{ident}"
                for key in ("insatser", "moten")
                if (ident := self._view_of(key)) is not None
            ),
            "",
        )
        self.settings.setValue(KEY_VIEW, f"{self.ff.path.resolve()}\n{view}")

    def _view_of(self, key: str) -> int | None:
        """The insats or meeting open in the form of page ``key``, or to be opened there."""
        if self._pending_view is not None and self._pending_view[0] == key:
            return self._pending_view[1]  # restored, but its page was not shown since
        page = self.pages_by_key.built_page(key)
        if page is None:
            return None
        from .pages.insatser import InsatserPage  # a page is built: its module is loaded
        from .pages.moten import MotenPage

        if isinstance(page, InsatserPage) and page.views.currentWidget() is page.form:
            return page.form.insats.id if page.form.insats else None
        if isinstance(page, MotenPage) and page.views.currentWidget() is page.form:
            return page.form.mote.id if page.form.mote else None
        return None

    def _restore_view(self, ff: ForbundFile) -> None:
        """Open the insats or meeting that was open when ``ff`` was last closed: now, when its
        page is the current one, else when that page is first shown (not built for it now)."""
        saved = str(self.settings.value(KEY_VIEW) or "")
        path, _, view = saved.partition("\n")
        if path != str(ff.path.resolve()) or ":" not in view:
            return
        key, _, ident = view.partition(":")
        if key not in ("insatser", "moten") or not ident.isdigit():
            return
        self._pending_view = (key, int(ident))
        if self.stack.currentWidget() is self.pages_by_key.built_page(key):
            self._open_pending_view(self.current_page())

    def _open_pending_view(self, page: Page) -> None:
        if self._pending_view is None or self._pending_view[0] != page.key:
            return
        _key, ident = self._pending_view
        self._pending_view = None
        from .pages.insatser import InsatserPage
        from .pages.moten import MotenPage

        if isinstance(page, InsatserPage):
            page.open_insats(ident)
        elif isinstance(page, MotenPage):
            page.open_meeting(ident)

    def set_file(self, ff: ForbundFile | None) -> None:
        """Show ``ff``; the file open before is closed."""
        if self.ff is not None and self.ff is not ff:
            self._commit_focused_field()
            self._save_view()
        old, self.session.ff = self.ff, ff
        self._pending_view = None  # it was the old file's
        if self._unsubscribe is not None:
            with contextlib.suppress(ValueError):
                self._unsubscribe()
            self._unsubscribe = None
        if ff is not None:
            ff.enable_undo()
        for page in self.pages_by_key.built():  # the others get the file when built
            page.set_file(ff)
        if old is not None and old is not ff:
            old.close()
        if self.search_popup is not None:
            self.search_popup.hide()
        if ff is not None:
            self._unsubscribe = ff.subscribe(self._file_written)
            self._restore_view(ff)
            self.session.remember(ff.path, ff.forbund_name())
        self._update_for_file()
        if ff is not None and ff.backup_problem:
            self.statusBar().showMessage(ff.backup_problem)  # stays until the next message
        self.file_changed.emit(ff)

    def close_file(self) -> None:
        self.set_file(None)

    def _file_written(self, label: str) -> None:
        self._update_for_file()
        self.statusBar().showMessage(f"Sparat: {label}", 4000)

    # -- Redigera --------------------------------------------------------------------------------

    def _update_undo_actions(self) -> None:
        ff = self.ff
        undo = ff.undo_label if ff is not None else None
        redo = ff.redo_label if ff is not None else None
        self.undo_action.setText(f"&Ångra {undo}" if undo else "&Ångra")
        self.undo_action.setEnabled(undo is not None)
        self.redo_action.setText(f"&Gör om {redo}" if redo else "&Gör om")
        self.redo_action.setEnabled(redo is not None)

    def _commit_focused_field(self) -> None:
        """A field being typed in is stored first, so Ångra undoes what the user sees."""
        widget = QApplication.focusWidget()
        commit = getattr(widget, "commit", None)
        if callable(commit):
            commit()

    def undo(self) -> str | None:
        if self.ff is not None:
            self._commit_focused_field()
        return self._history_step("Ångra", "Ångrade", lambda ff: ff.undo())

    def redo(self) -> str | None:
        return self._history_step("Gör om", "Gjorde om", lambda ff: ff.redo())

    def _history_step(
        self, title: str, done: str, step: Callable[[ForbundFile], str | None]
    ) -> str | None:
        """Undo or redo one action; the status bar names it, a storage problem is told."""
        if self.ff is None:
            return None
        try:
            label = step(self.ff)
        except StorageError as err:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, title, str(err))
            return None
        if label:
            self.statusBar().showMessage(f"{done}: {label}", 6000)
        return label

    def show_search(self) -> SearchPopup | None:
        if self.ff is None:
            return None
        if self.search_popup is None:
            from .widgets.search import SearchPopup

            self.search_popup = SearchPopup(self)
            self.search_popup.chosen.connect(self.go_to_hit)
        self.search_popup.start(self.ff)
        return self.search_popup

    def go_to_hit(self, hit) -> None:
        """Open the place of a search hit: the insats, the meeting (at the ärende), the person."""
        from finsam_desktop import search

        from .pages.insatser import InsatserPage
        from .pages.moten import MotenPage
        from .pages.styrelse import StyrelsePage

        if hit.kind == search.INSATS:
            page = self.show_page("insatser")
            assert isinstance(page, InsatserPage)
            page.open_insats(hit.id)
        elif hit.kind == search.MOTE:
            page = self.show_page("moten")
            assert isinstance(page, MotenPage)
            page.open_meeting(hit.id)
        elif hit.kind == search.ARENDE:
            page = self.show_page("moten")
            assert isinstance(page, MotenPage)
            page.open_meeting(hit.mote_id, hit.id)
        elif hit.kind == search.PERSON:
            page = self.show_page("styrelse")
            assert isinstance(page, StyrelsePage)
            page.show_person(hit.id)

    def go_to_finding(self, finding) -> None:
        """Open the place where a finding of ``finsam check`` is fixed."""
        from finsam_desktop import moten

        from .pages.insatser import InsatserPage
        from .pages.moten import MotenPage
        from .pages.rapporter import RapporterPage
        from .pages.styrelse import StyrelsePage

        table, key = finding.table, finding.key
        if table == "justering" and key is not None:
            self._open_signing(key)
        elif table == "insats" and key is not None:
            page = self.show_page("insatser")
            assert isinstance(page, InsatserPage)
            page.open_insats(int(key))
        elif table == "mote" and key is not None:
            page = self.show_page("moten")
            assert isinstance(page, MotenPage)
            page.open_meeting(int(key))
            page.form.tabs.setCurrentIndex(1)
        elif table == "arende" and key is not None and self.ff is not None:
            found = moten.arende(self.ff, int(key))
            mote_id = found.mote_id if found else None
            page = self.show_page("moten")
            assert isinstance(page, MotenPage)
            if mote_id is not None:
                page.open_meeting(int(mote_id), int(key))
        elif table == "rapporttext" and isinstance(key, str) and finding.year is not None:
            page = self.show_page("rapporter")
            assert isinstance(page, RapporterPage)
            page.show_section("arsredovisning", finding.year, key)
        elif table in ("medlem", "uppdrag", "revisor"):
            page = self.show_page("styrelse")
            assert isinstance(page, StyrelsePage)
            page.show_finding(table, key, finding.year)
        else:
            self.show_page("budget")

    def _update_for_file(self) -> None:
        ff = self.ff
        if ff is None and self.opening:  # the first file is on its way: its page's place
            self.central.setCurrentWidget(self.workspace)
            self.stack.setCurrentWidget(self.placeholder)
        elif ff is None:
            self.setWindowTitle(window_title(None, None))
            self.welcome.set_recent(self.session.recent())
            self.central.setCurrentWidget(self.welcome)
        else:
            name = ff.forbund_name()
            self.setWindowTitle(window_title(name, ff.path, ff.read_only))
            self.sidebar_name.setText(name)
            state = "skrivskyddad" if ff.read_only else ""
            self.sidebar_file.setText(ff.path.name + (f"\n{state}" if state else ""))
            self.sidebar_file.setToolTip(str(ff.path))
            self.central.setCurrentWidget(self.workspace)
            if self.navigation.currentRow() < 0:
                self.navigation.setCurrentRow(0)
            if self.stack.currentWidget() is self.placeholder:  # the first file shown
                self._show_page(self.navigation.currentRow())  # builds the page of the row
        self.navigation.setEnabled(not self.opening)
        has_file = ff is not None
        writable = has_file and not ff.read_only
        self.search_action.setEnabled(has_file)
        self._update_undo_actions()
        self.export_action.setEnabled(has_file)
        self.import_action.setEnabled(writable)
        self.backups_action.setEnabled(has_file)
        self.close_action.setEnabled(has_file)
        for a in self.page_actions:
            a.setEnabled(has_file)
        self.beslutslogg_action.setEnabled(has_file)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.session.recent()
        for number, text in enumerate(recent, start=1):
            path = Path(text)
            a = self.recent_menu.addAction(f"&{number} {path.name}")
            a.setStatusTip(text)
            a.setToolTip(text)
            a.setEnabled(path.exists())
            a.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not recent:
            empty = self.recent_menu.addAction("Inga filer ännu")
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("&Töm listan", self._clear_recent)

    def _clear_recent(self) -> None:
        self.session.clear_recent()
        if self._welcome is not None:
            self._welcome.set_recent([])

    # -- Arkiv -----------------------------------------------------------------------------------

    def edit_forbund(self):
        """Förbundets uppgifter: name, organisationsnummer and members, saved as one action."""
        if self.ff is None or self.ff.read_only:
            return None
        from .dialogs.forbund import ForbundDialog  # python-stdnum: not needed at start

        dialog = ForbundDialog(self.ff, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def edit_installningar(self):
        """Förbundets inställningar, saved as one action."""
        if self.ff is None or self.ff.read_only:
            return None
        from .dialogs.installningar import InstallningarDialog

        dialog = InstallningarDialog(self.ff, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def reload_all(self) -> None:
        """Every page reads the file again (after a change that bypassed ``ff.write``); one not
        built yet reads it when it is."""
        for page in self.pages_by_key.built():
            page.reload()
        self._update_for_file()

    def show_handbook(self, chapter: str | None = None) -> HandbookWindow:
        """The handbook window (one per main window), brought up at the chapter asked for."""
        if self.handbook is None:
            from .help import HandbookWindow

            self.handbook = HandbookWindow(self)
        if chapter is None:
            self.handbook.show()
            self.handbook.raise_()
            self.handbook.activateWindow()
        else:
            self.handbook.show_chapter(chapter)
        return self.handbook

    def _show_demo_banner(self, ff: ForbundFile | None) -> None:
        is_demo = ff is not None and _same_file(ff.path, demo_path())
        if is_demo or self._demo_banner is not None:
            self.demo_banner.setVisible(is_demo)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            f"Om {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Kansliets program för ett samordningsförbund enligt lagen (2003:1210) om "
            "finansiell samordning av rehabiliteringsinsatser: medlemmar, styrelse, insatser, "
            "möten, budget och årshjul i en förbundsfil.</p>"
            "<p>Licens: MIT. Typsnitt: DejaVu Sans.</p>",
        )

    # -- window state ----------------------------------------------------------------------------

    def _restore_window(self) -> None:
        geometry = self.settings.value(KEY_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                available = screen.availableGeometry()
                self.resize(min(1280, available.width()), min(800, available.height()))
        state = self.settings.value(KEY_STATE)
        if state is not None:
            self.restoreState(state)
        key = self.settings.value(KEY_PAGE)
        row = self._keys.index(key) if key in self._keys else 0
        with QSignalBlocker(self.navigation):  # its page is built when a file is first shown
            self.navigation.setCurrentRow(row)

    # -- the start: shown first, the file opened right after the first paint -------------------

    def begin_opening(self, path: Path | None) -> None:
        """Show the window as it is while its first file is opened: the title and the sidebar
        name the file (when it is known; with its förbund as it was named when the file was
        last open here), the sidebar lists the pages (not yet to be chosen),
        :data:`OPENING_TEXT` stands where the page will be, and nothing that needs the file is
        enabled. :meth:`end_opening` ends it."""
        self.opening = True
        self.placeholder.show_file(path)
        name = self.session.last_name(path) if path is not None else None
        self.sidebar_name.setText(name or "")
        self.sidebar_file.setText(path.name if path is not None else "")
        if path is None:
            self.setWindowTitle(APP_NAME)
        else:
            self.setWindowTitle(window_title(name, path) if name else f"{path.name} – {APP_NAME}")
        self._update_for_file()

    def end_opening(self) -> None:
        """The first file is open (or could not be): the window shows it, or the welcome page."""
        if not self.opening:
            return
        self.opening = False
        if self._closed and self.ff is not None:  # closed while the file was being opened
            self.set_file(None)
            self.settings.sync()
        self._update_for_file()
        if self.isVisible():
            self._schedule_warm_up()
        self.ready.emit()

    def after_first_paint(self, work: Callable[[], None], *, first: bool = False) -> None:
        """Run ``work`` right after the window's first paint: once the window is on the
        screen, at the next turn of the event loop (at the latest
        :data:`AFTER_PAINT_AT_LATEST_MS` after it is shown, for a window never painted).
        In the order asked for; ``first`` puts ``work`` before what was asked before."""
        if first:
            self._after_paint.insert(0, work)
        else:
            self._after_paint.append(work)

    def _run_after_paint(self) -> None:
        waiting, self._after_paint = self._after_paint, []
        for work in waiting:
            try:
                work()
            except Exception:  # told as any bug is; what comes after it still runs
                sys.excepthook(*sys.exc_info())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._after_paint:  # after this paint is on the screen, not inside it
            QTimer.singleShot(0, self, self._run_after_paint)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._after_paint:
            QTimer.singleShot(AFTER_PAINT_AT_LATEST_MS, self, self._run_after_paint)
        if not self.opening:
            self._schedule_warm_up()

    def _schedule_warm_up(self) -> None:
        if not self._warmed:
            self._warmed = True
            # After the first paint, at idle: what a first visit to a page would wait for.
            QTimer.singleShot(WARM_UP_AFTER_MS, self, self._warm_up)

    def _warm_up(self) -> None:
        """At idle after the first paint, in short steps (each lets input in between): import
        the holidays library and reckon the holidays of the years around today (cached), then
        build the Årshjul page out of sight and read the file into it, so the first switch
        to Årshjul only shows it (its wheel and list took 110–160 ms to make on a switch)."""
        from finsam_desktop.arshjul.helgdagar import helgdagar

        year = self.today().year
        for each in (year - 1, year, year + 1):
            helgdagar(each)
        QTimer.singleShot(0, self, self._warm_up_arshjul)

    def _warm_up_arshjul(self) -> None:
        if self.pages_by_key.built_page("arshjul") is None:
            self.pages_by_key["arshjul"]  # built out of sight: it reads the file when asked
        QTimer.singleShot(0, self, self._warm_up_arshjul_read)

    def _warm_up_arshjul_read(self) -> None:
        page = self.pages_by_key.built_page("arshjul")
        if page is not None and page.ff is not None and page.stale:
            page.refresh_if_stale()
        # What start-up made lives as long as the window: the garbage collector no longer
        # walks it. A full collection walked every Qt wrapper and page of the window in one
        # go, 50-60 ms holding the interpreter, and when it fell in a report written in the
        # background the window could not paint or take input meanwhile.
        gc.freeze()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        self._after_paint.clear()  # a start not yet begun opens nothing
        self._commit_focused_field()  # what is being typed is stored, not lost
        self.settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        self.settings.setValue(KEY_STATE, self.saveState())
        self.set_file(None)
        self.settings.sync()
        super().closeEvent(event)


class _OpeningPlaceholder(QWidget):
    """Where the first page will be while the first file is opened: "Öppnar förbundsfilen …"
    and the file's name, quietly in the middle."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("openingPlaceholder")
        column = QVBoxLayout(self)
        column.setSpacing(6)
        column.addStretch(1)
        self.message = set_role(QLabel(OPENING_TEXT), "section")
        self.file_name = set_role(QLabel(), "muted")
        for label in (self.message, self.file_name):  # centred by stretches: no Qt enum yet
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(label)
            row.addStretch(1)
            column.addLayout(row)
        column.addStretch(2)

    def show_file(self, path: Path | None) -> None:
        self.file_name.setText(path.name if path is not None else "")
        self.file_name.setVisible(path is not None)
        self.setAccessibleName(f"{OPENING_TEXT} {path.name}" if path is not None else OPENING_TEXT)


def _today() -> dt.date:
    """Today's date; datetime is imported when first asked, after the first paint."""
    import datetime

    return datetime.date.today()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _hbox(widget: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    return layout
