"""Starting the app: the QApplication, its Swedish locale and fonts, and the first file.

Which file opens first: the one named on the command line; else the one open last time
(remembered in the app's settings); else, on the very first start, the demo förbund, written
into the user's data folder so that a newcomer sees a living förbund at once.

Start-up paints first and opens the file after (:func:`launch`, what :func:`run` does): the
main window is shown with its title, menus and page names and "Öppnar förbundsfilen …", before
the storage, sqlite-utils and any page's module are imported; right after its first paint
the file is opened, which imports them, and only the page shown first is built and reads it
(see :mod:`ui.main_window`). openpyxl, reportlab, holidays and python-stdnum are imported only
by what needs them (``tests/ui/test_app_start.py`` checks it). :func:`start` does the same
at once, for the tests: it returns the window with the file open.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

import finsam_resources
from finsam_desktop import APP_NAME, __version__
from finsam_desktop.problems import StorageError

from . import style
from .errors import ExceptHook, capture_early, hand_over, setup_logging, stop_logging
from .main_window import KEY_LAST_FILE, MainWindow
from .paths import app_settings, demo_path

if TYPE_CHECKING:
    import datetime as dt

log = logging.getLogger("finsam_desktop.ui")

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
SWEDISH = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)

_fonts_loaded: list[int] = []


def load_fonts() -> list[int]:
    """Register the shipped DejaVu Sans, so å ä ö show even on a machine without fonts.

    The window asks for no font by name (it uses the system's), so on a machine with fonts
    this changes nothing on the screen: :func:`launch` does it right after the first paint
    (reading the two files took 6-8 ms)."""
    if not _fonts_loaded:
        from PySide6.QtGui import QFontDatabase

        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(finsam_resources.font(name)))
            if font_id < 0:
                log.warning("Typsnittet %s kunde inte läsas in", name)
            else:
                _fonts_loaded.append(font_id)
    return list(_fonts_loaded)


def configure_application(app: QApplication, *, fonts: bool = True) -> None:
    """Names, Swedish locale and Qt's own Swedish texts, fonts (unless told not to), look and
    icon."""
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("finsam-desktop")
    QLocale.setDefault(SWEDISH)
    if getattr(app, "_finsam_translator", None) is None:
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(SWEDISH, "qtbase", "_", folder):
            app.installTranslator(translator)
        app._finsam_translator = translator  # type: ignore[attr-defined]  # keep it alive
    if fonts:
        load_fonts()
    style.apply(app)
    app.setWindowIcon(style.icon("finsam"))


def make_application(argv: list[str] | None = None) -> QApplication:
    """The app's QApplication, configured; its fonts are registered by :func:`launch` (right
    after the first paint) or :func:`start`."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication([*(argv or sys.argv[:1]), *style.FUSION_ARGS])
        app._finsam_fusion = True  # type: ignore[attr-defined]
    configure_application(app, fonts=False)
    return app


def known_first_file(path: Path | None, settings: QSettings) -> Path | None:
    """The file to open at start if it is known without making anything: the one asked for or
    the last one; None on the very first start (the demo is to be made)."""
    if path is not None:
        return Path(path)
    last = settings.value(KEY_LAST_FILE)
    return Path(str(last)) if last else None


def first_file(path: Path | None, settings: QSettings, today: dt.date | None = None) -> Path:
    """The file to open at start: the one asked for, the last one, or the demo (made now)."""
    known = known_first_file(path, settings)
    if known is not None:
        return known
    demo = demo_path()
    if not demo.exists():
        from finsam_desktop.demo import create_demo

        create_demo(demo, today=today)
    return demo


def launch(
    path: Path | None = None,
    settings: QSettings | None = None,
    today: Callable[[], dt.date] | None = None,
) -> MainWindow:
    """The main window as the app starts it (not yet shown): once shown, it paints at once
    with "Öppnar förbundsfilen …", and right after its first paint the first file is opened
    in it (every problem asked about as :meth:`MainWindow.open_path` does); its ``ready``
    signal says when it is filled in."""
    settings = settings if settings is not None else app_settings()
    window = MainWindow(settings, today, paint_first=True)
    window.begin_opening(known_first_file(path, settings))
    window.after_first_paint(load_fonts)
    window.after_first_paint(lambda: _open_first_file(window, path, settings, today))
    return window


def start(
    path: Path | None = None,
    settings: QSettings | None = None,
    today: Callable[[], dt.date] | None = None,
) -> MainWindow:
    """Make the main window and open the first file in it at once (not yet shown)."""
    load_fonts()
    settings = settings if settings is not None else app_settings()
    window = MainWindow(settings, today)
    window.begin_opening(known_first_file(path, settings))
    _open_first_file(window, path, settings, today)
    return window


def _open_first_file(
    window: MainWindow,
    path: Path | None,
    settings: QSettings,
    today: Callable[[], dt.date] | None,
) -> None:
    """Open the first file in ``window`` (the demo made first on the very first start)."""
    try:
        try:
            target = first_file(path, settings, today() if today else None)
        except (OSError, StorageError) as exc:  # the data folder cannot be written
            detail = exc.message if isinstance(exc, StorageError) else str(exc)
            log.warning("Demoförbundet kunde inte skapas: %s", detail)
            window.statusBar().showMessage(f"Demoförbundet kunde inte skapas: {detail}")
            return
        window.open_path(target)
    finally:
        window.end_opening()


def _keep_python_listening(window: MainWindow) -> None:
    """Qt's event loop holds the interpreter; a timer lets Python see a signal that came."""
    ticker = QTimer(window)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)


def run(path: Path | None = None, argv: list[str] | None = None) -> int:
    """Run the app until its window closes; returns the exit code.

    The window is painted first (:func:`launch`); the log file is opened right after the first
    paint, before the file is, and what was logged until then is kept for it."""
    early = capture_early()  # what is said before the log file is open is kept for it
    handlers: list[logging.Handler] = []
    window: MainWindow | None = None
    hook = ExceptHook(lambda: window)
    previous_signals = {}

    def open_log() -> None:
        if handlers:
            return
        try:
            handlers.append(setup_logging(early))
        except OSError as exc:  # no writable data folder: log to the console only
            handler = logging.StreamHandler()
            logging.getLogger().addHandler(handler)
            hand_over(early, handler)
            handlers.append(handler)
            log.warning("Loggfilen kunde inte öppnas: %s", exc)

    try:
        app = make_application(argv)
        hook.install()
        log.info("%s %s startar", APP_NAME, __version__)
        # Ctrl+C or a SIGTERM (logout) closes the window the normal way: settings saved, the
        # file closed and its lock note removed. Installed before the file is opened, so a
        # signal during start-up (the lock already taken) is not the default sudden death.
        stopped = []

        def on_signal(*_args) -> None:
            # Python runs a handler between any two bytecodes: inside a paint event, a file
            # being opened, a dialog's answer. Closing the window there closed it inside its
            # own paint (Qt then drew into a window it had taken down) and could leave the
            # app running with its window gone. The event loop closes it, as a click would.
            stopped.append(True)
            if window is not None:
                QTimer.singleShot(0, window.close)

        for signum in (signal.SIGINT, signal.SIGTERM):
            previous_signals[signum] = signal.signal(signum, on_signal)
        window = launch(path)
        window.after_first_paint(open_log, first=True)
        if stopped:
            window.close()
            return 0
        _keep_python_listening(window)
        window.show()
        return app.exec()
    finally:
        for signum, previous in previous_signals.items():
            signal.signal(signum, previous)
        hook.uninstall()
        open_log()  # closed before its first paint: what was kept still goes to the log
        stop_logging(handlers[0], early)
