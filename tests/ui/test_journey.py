"""The whole journey (issue 14): a new förbundschef sets up a förbund's 2023 in the real window.

New file, styrelse, insats, budget, meetings with a justerat protokoll, årshjul, the
verksamhetsplan as PDF, close, reopen, and everything still there. It drives the real
MainWindow as a person would: the sidebar, buttons, typing into fields (å, ä and ö too),
keys, and the dialogs the app opens, each found as the active modal widget and filled there.
The OS file dialog is the only thing not driven: ``QFileDialog.getSaveFileName`` answers with
a path in the test's folder.

Every dialog filled is first checked for inputs a screen reader could not name
(:func:`test_accessibility.unnamed_inputs`). A dialog run with ``exec()`` is answered from a
timer (:func:`answer_modal`), which closes it and fails the test if it cannot fill it, so a
step that goes wrong fails instead of hanging.

The förbund is modelled on the reference verksamhetsplan of Örnsköldsvik (a Västernorrland
förbund): a Resurslots-like individinriktad insats owned by a kommun with the other three
parties as medparter, and a budget shaped like theirs, here with two kommuner.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from test_accessibility import unnamed_inputs
from typed import type_text

from finsam_desktop import arshjul, ekonomi, forbund, insatser, moten, styrelse
from finsam_desktop.model import Funktion, Grupp, InsatsStatus, InsatsTyp, MedlemTyp, Roll
from finsam_desktop.money import Unit
from finsam_desktop.settings import get_setting

#: Completers and offscreen Qt: the platform cannot raise a popup or grab the keyboard for it.
#: (A test's own qt_log_ignore replaces the folder's, so this repeats propagateSizeHints.)
OFFSCREEN_NOISE = (
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"
)
NB = "\u00a0"  # the no-break space of formatted amounts

NAMN = "Samordningsförbundet Ådalen"
ORGNR = "222000-2063"
REGION = "Region Västernorrland"
KOMMUNER = ("Kramfors kommun", "Sollefteå kommun")
FIRST_YEAR = 2023
PERIOD = (dt.date(2023, 4, 1), dt.date(2027, 3, 31))
#: Per member in the file's order: ledamot, ersättare.
BOARD = {
    "Försäkringskassan": ("Åsa Lindqvist", "Jonas Berg"),
    "Arbetsförmedlingen": ("Maria Öhman", "Erik Sjöberg"),
    REGION: ("Göran Ström", "Lena Åkesson"),
    "Kramfors kommun": ("Karin Näslund", "Per Höglund"),
    "Sollefteå kommun": ("Björn Eriksson", "Annika Wästlund"),
}
ORDFORANDE = ("Göran Ström", REGION)
VICE = ("Karin Näslund", "Kramfors kommun")

INSATS = "Resurslotsen Ådalen"
INSATS_START, INSATS_SLUT = dt.date(2023, 1, 1), dt.date(2025, 12, 31)
BEVILJAT_2023 = 700_000_00
PLANERAT_2025 = 734_000_00
BEVILJAT_2024 = 720_000_00  # granted at the November meeting

#: The six styrelsemöten of 2023, typed as dates; where they were held.
MEETINGS = [
    ("2023-01-13", "Kommunhuset, Kramfors"),
    ("2023-03-10", "Kommunhuset, Sollefteå"),
    ("2023-04-21", "Regionens hus, Härnösand"),
    ("2023-06-09", "Kommunhuset, Kramfors"),
    ("2023-09-15", "Kommunhuset, Sollefteå"),
    ("2023-11-24", "Kommunhuset, Kramfors"),
]
JUSTERAT_MOTE, JUSTERAT_DAG = "2023-04-21", "2023-04-28"
GRANT_MOTE = "2023-11-24"


# -- driving the window ----------------------------------------------------------------------


def replace_text(qtbot, widget: QLineEdit, text: str) -> None:
    """Select what the field holds and type ``text`` over it."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(widget, text)


def click(qtbot, button: QWidget) -> None:
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def go(qtbot, window, key: str):
    """Click the page's line in the sidebar; the page it shows."""
    if not window.isActiveWindow():  # back from a dialog: the window manager's part
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    nav = window.navigation
    row = window._keys.index(key)
    rect = nav.visualItemRect(nav.item(row))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = window.current_page()
    assert page.key == key
    return page


def shown_modal(kind: type[QWidget]) -> QWidget:
    """The dialog a click just opened (window-modal, with ``open()``), checked for names."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, kind), f"expected a {kind.__name__}, got {dialog!r}"
    assert unnamed_inputs(dialog) == [], dialog.windowTitle()
    return dialog


@contextmanager
def answer_modal(kind: type[QWidget], fill: Callable[[QWidget], None], timeout: float = 15):
    """Answer the modal dialog the block runs (``exec()``, a nested event loop) with ``fill``.

    A timer looks for the active modal widget; ``fill`` gets it after its inputs are checked
    for names. If it fails, or no dialog of ``kind`` comes within ``timeout`` seconds while
    the block waits, the dialog is closed and the test fails with the reason: never a hang.
    """
    state: dict = {"dialog": None, "error": None}
    deadline = time.monotonic() + timeout
    timer = QTimer()
    timer.setInterval(20)

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            if time.monotonic() > deadline:
                timer.stop()
                state["error"] = AssertionError(f"no {kind.__name__} was shown")
            return
        timer.stop()
        state["dialog"] = dialog
        parent = dialog.parentWidget()
        state["owner"] = parent.window() if parent is not None else None
        try:
            assert isinstance(dialog, kind), f"expected a {kind.__name__}, got {dialog!r}"
            assert unnamed_inputs(dialog) == [], dialog.windowTitle()
            fill(dialog)
        except BaseException as exc:
            state["error"] = exc
            if dialog.isVisible():
                dialog.close() if isinstance(dialog, QMessageBox) else dialog.reject()

    timer.timeout.connect(poll)
    timer.start()
    try:
        yield state
    finally:
        timer.stop()
    if state["error"] is not None:
        raise state["error"]
    assert state["dialog"] is not None, f"no {kind.__name__} was shown"
    owner = state.get("owner")
    if owner is not None and owner.isVisible():  # a window manager gives the focus back
        owner.activateWindow()
        QTimer.singleShot(0, lambda: None)
        QApplication.processEvents()


def button_named(box: QWidget, text: str) -> QPushButton:
    """The shown button a person reads as ``text`` (Qt's Swedish says "Ok" for "OK")."""
    buttons = [
        b
        for b in box.findChildren(QPushButton)
        if b.text().replace("&", "").casefold() == text.casefold() and b.isVisible()
    ]
    assert buttons, [b.text() for b in box.findChildren(QPushButton)]
    return buttons[0]


# -- the journey ---------------------------------------------------------------------------------


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)
def test_a_new_forbundschef_sets_up_2023_and_finds_it_all_again_after_reopening(
    window, qtbot, tmp_path, monkeypatch, today
):
    path = tmp_path / "Ådalen.finsam"
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()

    new_file(window, qtbot, path, monkeypatch)
    ff = window.ff
    assert ff is not None and ff.path == path
    enter_the_board(window, qtbot)
    insats_id = add_the_insats(window, qtbot)
    version_id, budget_year = make_the_budget(window, qtbot, today)
    ids = hold_the_meetings(window, qtbot, insats_id)
    look_at_the_year(window, qtbot, ids)
    text = write_the_plan(window, qtbot, monkeypatch, tmp_path, budget_year)
    assert NAMN in text
    assert INSATS in text
    assert "1 388,0" in text  # the region's driftbidrag, in tkr with one decimal as printed
    assert "−734,0" in text  # the insats's row, typed in kronor

    close_and_reopen(window, qtbot, path)
    everything_is_still_there(window, qtbot, insats_id, version_id, budget_year, ids)
    assert QApplication.activeModalWidget() is None  # nothing left open


def new_file(window, qtbot, path: Path, monkeypatch) -> None:
    """Arkiv → Ny förbundsfil…: the guide filled in, the file saved where the user chose."""
    from PySide6.QtWidgets import QFileDialog

    from ui.dialogs.new_file import NewFileDialog

    asked: list[str] = []

    def save_dialog(_parent, title, suggested, _filter, **_kw):
        asked.append(suggested)
        return str(path.with_suffix("")), _filter  # the suffix is the app's to add

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    arkiv = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Arkiv")
    new_action = next(a for a in arkiv.actions() if a.text() == "&Ny förbundsfil…")

    def fill(dialog: NewFileDialog) -> None:
        assert dialog.windowTitle() == "Ny förbundsfil"
        assert not dialog.create_button.isEnabled()  # no name yet
        type_text(dialog.name_edit, NAMN)
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.orgnr_edit, "222000-2064")  # a slip in the check digit
        assert "Kontrollsiffran" in dialog.orgnr_error.text()
        assert not dialog.create_button.isEnabled()
        qtbot.keyClick(dialog.orgnr_edit, Qt.Key.Key_Backspace)
        qtbot.keyClicks(dialog.orgnr_edit, "3")
        assert dialog.orgnr_error.isHidden()
        dialog.region_edit.setFocus()
        qtbot.keyClick(dialog.region_edit, Qt.Key.Key_End)
        type_text(dialog.region_edit, REGION.removeprefix("Region "))  # it starts "Region "
        dialog.kommuner_edit.setFocus()
        type_text(dialog.kommuner_edit, KOMMUNER[0])
        qtbot.keyClick(dialog.kommuner_edit, Qt.Key.Key_Return)
        type_text(dialog.kommuner_edit, KOMMUNER[1])
        dialog.year_spin.setFocus()
        dialog.year_spin.selectAll()
        qtbot.keyClicks(dialog.year_spin, str(FIRST_YEAR))
        assert dialog.forsta_budgetar() == FIRST_YEAR
        assert dialog.members_error.isHidden()
        assert dialog.create_button.isEnabled(), dialog.create_button.toolTip()
        click(qtbot, dialog.create_button)

    with answer_modal(NewFileDialog, fill):
        new_action.trigger()
    assert [Path(a).name for a in asked] == [f"{NAMN}.finsam"]  # the name it suggested
    assert window.windowTitle() == f"{NAMN} – {path.name} – Finsam Desktop"
    assert window.current_page().key == "oversikt"
    assert ORGNR in window.current_page().subtitle.text()


def enter_the_board(window, qtbot) -> None:
    """Styrelse → Ny mandatperiod…: the whole board of 2023–2027 in one form."""
    from ui.dialogs.styrelse import MandatperiodDialog

    page = go(qtbot, window, "styrelse")
    assert page.summary.text().startswith("Ingen styrelse är registrerad")
    click(qtbot, page.period_button)
    dialog = shown_modal(MandatperiodDialog)
    assert (dialog.fran.text(), dialog.till.text()) == tuple(d.isoformat() for d in PERIOD)
    assert [r.member_name() for r in dialog.rows] == list(BOARD)
    assert dialog.focusWidget() is dialog.rows[0].ledamot
    for ledamot, ersattare in BOARD.values():
        for name in (ledamot, ersattare):
            field = dialog.focusWidget()
            type_text(field, name)
            qtbot.keyClick(field, Qt.Key.Key_Tab)
    for box, (person, medlem) in ((dialog.ordforande, ORDFORANDE), (dialog.vice, VICE)):
        index = box.findText(f"{person} ({medlem})")
        assert index > 0, [box.itemText(i) for i in range(box.count())]
        box.setCurrentIndex(index)
    assert not dialog.ok_button.isDefault()  # Enter in a half-typed board stores nothing
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.ok_button)
    assert window.ff.undo_label == (
        f"Ny mandatperiod {PERIOD[0]} – {PERIOD[1]} ({2 * len(BOARD)} platser)"
    )
    assert page.selected_date() == PERIOD[0]
    assert page.summary.text().startswith(
        f"5 ledamöter och 5 ersättare den {PERIOD[0]}. "
        f"Ordförande: {ORDFORANDE[0]} ({ORDFORANDE[1]}). Vice ordförande: {VICE[0]} ({VICE[1]})."
    )
    assert page.warnings.isHidden()


def type_in_cell(qtbot, view: QAbstractItemView, row: int, column: int, text: str) -> None:
    """Go to the cell, start typing (the first key opens its editor) and press Enter."""
    index = view.model().index(row, column)
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)  # the edit key: the editor opens with the cell's text
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit), f"no editor in {view.accessibleName()}"
    editor.selectAll()
    type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick an item of a combo box by typing its first letters, as on the keyboard."""
    combo.setFocus()
    type_text(combo, text)
    assert combo.currentText().startswith(text), combo.currentText()


def tab_to(qtbot, tabs, title: str) -> None:
    bar = tabs.tabBar()
    index = next(i for i in range(tabs.count()) if tabs.tabText(i).replace("&", "") == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def add_the_insats(window, qtbot) -> int:
    """Insatser → Ny insats…: its details and money; the list shows it after, selected."""
    page = go(qtbot, window, "insatser")
    assert page.year_combo.currentText() == str(window.today().year)
    assert page.proxy.rowCount() == 0

    def name_it(dialog: QInputDialog) -> None:
        assert dialog.windowTitle() == "Ny insats"
        editor = dialog.findChild(QLineEdit)
        type_text(editor, INSATS)
        click(qtbot, button_named(dialog, "OK"))

    with answer_modal(QInputDialog, name_it):
        click(qtbot, page.new_button)
    form = page.form
    assert page.views.currentWidget() is form
    assert form.heading.text() == INSATS
    insats_id = form.insats.id
    # Without dates it is listed under "Utan datum": that is where the list behind stands now.
    assert page.year_combo.currentText() == "Utan datum"

    tab_to(qtbot, form.tabs, "Uppgifter")
    choose(qtbot, form.typ, "Individ")
    choose(qtbot, form.agare, "Kramfors")
    for medlem in ("Försäkringskassan", "Arbetsförmedlingen", REGION):
        box = next(b for b in form.part_boxes.values() if b.text() == medlem)
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    choose(qtbot, form.status, "På")
    for field, day in ((form.start, INSATS_START), (form.slut, INSATS_SLUT)):
        field.setFocus()
        type_text(field, day.isoformat())
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        assert field.error.text() == ""
    form.texts["syfte"].setFocus()
    type_text(form.texts["syfte"], "Samordnat stöd så att fler når egen försörjning.")
    qtbot.keyClick(form.texts["syfte"], Qt.Key.Key_Tab)  # leaving the field stores it

    tab_to(qtbot, form.tabs, "Pengar per år")
    # The year offered is the insats's own first year, not today's.
    assert form.money_year.value() == INSATS_START.year
    click(qtbot, button_named(form, "Lägg till år"))
    type_in_cell(qtbot, form.money_table, 0, 1, "700 000")
    form.money_year.setFocus()
    form.money_year.selectAll()
    qtbot.keyClicks(form.money_year, "2025")
    click(qtbot, button_named(form, "Lägg till år"))
    row = form.money_model.row_of(2025)
    type_in_cell(qtbot, form.money_table, row, 4, "734 000")  # Planerat
    assert form.money_error.text() == ""

    # Back to the list: the filter it stood on ("Utan datum") hides the insats now; it
    # changes to a year that shows it, says so, and the insats is selected.
    click(qtbot, form.back_button)
    assert page.views.currentWidget() is page.listing
    assert page.current_id() == insats_id
    year = page.year_combo.currentData()
    assert isinstance(year, int) and INSATS_START.year <= year <= INSATS_SLUT.year
    assert page.notice.isVisible()
    assert page.notice.text() == f"Året är nu {year} så att {INSATS} syns."
    shown = page.table.currentIndex()
    assert shown.siblingAtColumn(0).data() == INSATS
    return insats_id


@contextmanager
def answer_popup(text: str, timeout: float = 15) -> Iterator[None]:
    """Choose ``text`` in the menu the block pops up (a tool button's menu runs ``exec()``)."""
    from PySide6.QtWidgets import QMenu

    state: dict = {"chosen": False, "error": None}
    deadline = time.monotonic() + timeout
    timer = QTimer()
    timer.setInterval(20)

    def poll() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            if time.monotonic() > deadline:
                timer.stop()
                state["error"] = AssertionError(f"no menu with {text!r} was shown")
            return
        timer.stop()
        action = next((a for a in menu.actions() if a.text() == text), None)
        if action is None or not action.isEnabled():
            state["error"] = AssertionError([(a.text(), a.isEnabled()) for a in menu.actions()])
            menu.close()
            return
        state["chosen"] = True
        qtbot_click(menu, menu.actionGeometry(action).center())

    timer.timeout.connect(poll)
    timer.start()
    try:
        yield
    finally:
        timer.stop()
    if state["error"] is not None:
        raise state["error"]
    assert state["chosen"], f"no menu with {text!r} was shown"


def qtbot_click(widget: QWidget, pos: QPoint) -> None:
    from PySide6.QtTest import QTest

    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def grid_row(model, text: str) -> int:
    return next(i for i, line in enumerate(model.lines) if line.rad and line.rad["text"] == text)


def type_in_grid(qtbot, page, text: str, column: int, typed: str) -> None:
    """Type an amount into the budget grid's cell and press Enter; stored, no question."""
    model, grid = page.model, page.grid
    index = model.index(grid_row(model, text), column)
    grid.setFocus()
    grid.setCurrentIndex(index)
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    editor = grid.indexWidget(index)
    assert editor is not None, f"no editor for {text}"
    editor.selectAll()
    qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.question is not None or grid.indexWidget(index) is None)
    assert grid.question is None, grid.question.text()
    assert page.message.text() == ""


def add_budget_row(qtbot, page, grupp: Grupp, text: str) -> None:
    """Ny rad…: a row in ``grupp``, named as typed."""
    from ui.budget.dialogs import NyRadDialog

    click(qtbot, page.add_row)
    dialog = shown_modal(NyRadDialog)
    choose(qtbot, dialog.grupp, grupp.label[:4])
    assert dialog.grupp.currentData() == grupp.value
    dialog.text.setFocus()
    type_text(dialog.text, text)
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, button_named(dialog, "Lägg till"))


#: The budget as typed, in tkr: (row text, what is typed in the budget year).
INTAKTER = {
    "Driftbidrag Försäkringskassan": ("2 776", 2_776_000_00),
    f"Driftbidrag {REGION}": ("1 388", 1_388_000_00),
    "Driftbidrag Kramfors kommun": ("694", 694_000_00),
    "Driftbidrag Sollefteå kommun": ("694", 694_000_00),
}
KOSTNADER = [
    (Grupp.ADMINISTRATION, "Uppdragsersättning förbundschef", "-785", -785_000_00),
    (Grupp.STYRELSE, "Arvoden, ersättningar styrelsen", "-120", -120_000_00),
]
#: Copied from the insats's decision in kronor into the tkr grid: asked about, kept in kr.
INSATS_RAD = (Grupp.INSATSER, INSATS, "-734 000", -734_000_00)


def make_the_budget(window, qtbot, today) -> tuple[int, int]:
    """Budget → Ny version → Tom budget: amounts typed in tkr, one too large asked about,
    the insats's row linked to it, and the grid then shown in kr. The version's id and year."""
    from ui.budget.dialogs import KopplaDialog

    page = go(qtbot, window, "budget")
    assert page.status.text() == "Förbundsfilen har ingen budget ännu. Välj Ny version."
    from ui.budget.dialogs import TomBudgetDialog

    with answer_popup("Tom budget för ett år…"):
        click(qtbot, page.new_button)
    dialog = shown_modal(TomBudgetDialog)
    # the first budget year typed in the guide, not today's year
    assert dialog.year.value() == FIRST_YEAR
    assert "plan för 2024 och 2025" in dialog.note.text()
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, button_named(dialog, "Skapa"))
    version = page.current_version()
    assert version is not None
    year = version["ar"]
    assert year == FIRST_YEAR
    assert page.unit_combo.currentText() == "tkr"
    budget_col = page.model.cols.column_of(year)
    # one intäkt row per member came with the version; Arbetsförmedlingen pays through FK
    for text, (typed, _ore) in INTAKTER.items():
        type_in_grid(qtbot, page, text, budget_col, typed)
    for grupp, text, typed, _ore in KOSTNADER:
        add_budget_row(qtbot, page, grupp, text)
        type_in_grid(qtbot, page, text, budget_col, typed)

    grupp, text, typed, ore = INSATS_RAD
    add_budget_row(qtbot, page, grupp, text)
    model, grid = page.model, page.grid
    index = model.index(grid_row(model, text), budget_col)
    grid.setCurrentIndex(index)
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    editor = grid.indexWidget(index)
    qtbot.keyClicks(editor, typed)  # 734 000 tkr: more than twice the year's intäkter
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.question is not None)
    box = grid.question
    assert unnamed_inputs(box) == []
    assert box.text() == (
        f"Du skrev −734{NB}000{NB}tkr, alltså −734{NB}000{NB}000{NB}kr. "
        f"Menade du −734{NB}000{NB}kr?"
    )
    assert "dubbelt så mycket som förbundets största intäkter" in box.informativeText()
    assert [b.text() for b in box.buttons()] == [
        f"Spara −734{NB}000{NB}kr", f"Spara −734{NB}000{NB}tkr", "Ändra",
    ]  # fmt: skip
    # nothing is stored while it asks
    assert all(b.rad_id != model.lines[index.row()].rad_id
               for b in ekonomi.versionens_belopp(window.ff, version["id"]))  # fmt: skip
    click(qtbot, button_named(box, f"Spara −734{NB}000{NB}kr"))
    qtbot.waitUntil(lambda: grid.question is None and grid.indexWidget(index) is None)
    assert model.amounts[model.lines[index.row()].rad_id][year] == ore

    # Koppla…: the row is the insats's
    click(qtbot, page.link_row)
    dialog = shown_modal(KopplaDialog)
    choose(qtbot, dialog.insats, "Resurs")
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, button_named(dialog, "OK"))

    resultat = sum(o for _t, o in INTAKTER.values()) + sum(k[3] for k in KOSTNADER) + ore
    assert model.resultat(year) == resultat
    assert f"✓ {year}: resultat" in page.rules.result.text()

    # The grid in kronor from now on: the choice is kept in the file, and is no action to undo.
    undo_text = window.undo_action.text()
    page.unit_combo.setFocus()
    qtbot.keyClick(page.unit_combo, Qt.Key.Key_Down)
    assert page.unit_combo.currentText() == "kr"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Post (belopp i kr)"
    region_row = grid_row(model, f"Driftbidrag {REGION}")
    assert model.data(model.index(region_row, budget_col)) == f"1{NB}388{NB}000"
    assert window.undo_action.text() == undo_text
    return version["id"], year


GRANT_RUBRIK = f"Fortsatt finansiering av {INSATS} 2024"
GRANT_BESLUT = f"Styrelsen beviljar {INSATS} fortsatt finansiering under 2024 enligt ansökan."
#: Each meeting's ärenden as typed, with the beslut written in the protokoll ("" for none).
AGENDAS = {
    "2023-01-13": [("Mötesplan 2023", "Styrelsen fastställer mötesplanen för 2023.")],
    "2023-03-10": [("Årsredovisning 2022", "Styrelsen godkänner årsredovisningen för 2022.")],
    "2023-04-21": [
        ("Val av justerare", ""),
        ("Ny styrelse för 2023–2027", "Styrelsen noterar att den nya styrelsen har utsetts."),
    ],
    "2023-06-09": [
        ("Uppföljning av insatserna", "Styrelsen lägger uppföljningen till handlingarna.")
    ],
    "2023-09-15": [("Delårsrapport per 31 augusti", "Styrelsen godkänner delårsrapporten.")],
    "2023-11-24": [
        ("Verksamhetsplan och budget 2024–2026", "Styrelsen fastställer verksamhetsplanen."),
        (GRANT_RUBRIK, GRANT_BESLUT),
    ],
}
ABSENT = ("Åsa Lindqvist", "Erik Sjöberg")  # at the justerat meeting
SERVING = "Jonas Berg"  # Försäkringskassan's ersättare, in Åsa Lindqvist's place
JUSTERARE = ("Maria Öhman", "Björn Eriksson")


def click_row(qtbot, view: QAbstractItemView, row: int, column: int = 0) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert view.currentIndex().row() == row


def hold_the_meetings(window, qtbot, insats_id: int) -> dict[str, int]:
    """Möten → Nytt möte… six times; ärenden, beslut, närvaro, justerare, one justering, and a
    grant to the insats. The meetings' ids by date."""
    from ui.pages.moten import NewMeetingDialog

    page = go(qtbot, window, "moten")
    form = page.form
    ids: dict[str, int] = {}
    for day, plats in MEETINGS:
        click(qtbot, page.new_button)
        dialog = shown_modal(NewMeetingDialog)
        assert dialog.typ.currentText() == "Styrelsemöte"
        assert dialog.datum.text() == window.today().isoformat()  # today, until typed over
        replace_text(qtbot, dialog.datum, day)
        dialog.plats.setFocus()
        type_text(dialog.plats, plats)
        with qtbot.waitSignal(dialog.accepted):
            click(qtbot, dialog.ok_button)
        assert page.views.currentWidget() is form
        assert form.datum.text() == day  # as typed: not moved to another day
        assert form.heading.text() == f"Styrelsemöte {day}, {plats}"
        ids[day] = form.mote.id
        for rubrik, beslut in AGENDAS[day]:
            form.new_arende.setFocus()
            type_text(form.new_arende, rubrik)
            qtbot.keyClick(form.new_arende, Qt.Key.Key_Return)
            assert form.new_arende.text() == ""
            row = form.agenda_model.rowCount() - 1
            click_row(qtbot, form.agenda, row, 1)
            assert form.a_rubrik.text() == rubrik
            if beslut:
                form.a_beslut.setFocus()
                type_text(form.a_beslut, beslut)
                qtbot.keyClick(form.a_beslut, Qt.Key.Key_Tab)  # leaving the field stores it
        if day == JUSTERAT_MOTE:
            take_attendance_and_justera(qtbot, form)
        if day == GRANT_MOTE:
            grant(qtbot, form, insats_id)
        click(qtbot, form.back_button)
        if day == MEETINGS[0][0]:  # the list followed the first meeting to 2023 and says so
            assert page.notice.text() == f"Året är nu 2023 så att Styrelsemöte {day} syns."
        else:  # the later ones needed no change: the notice of the first is gone
            assert page.notice.isHidden()

    assert page.year_combo.currentText() == "2023"
    shown = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert shown == [day for day, _ in reversed(MEETINGS)]
    return ids


def take_attendance_and_justera(qtbot, form) -> None:
    """Närvaro with two absent, justerare among those present, then the justering date,
    which asks before it locks the protokoll."""
    from ui.models.narvaro import NarvaroModel

    tab_to(qtbot, form.tabs, "Närvaro och justerare")
    model, view = form.attendance_model, form.attendance
    assert len(model.records()) == 2 * len(BOARD)
    assert "Beslutför: 5 av 5" in form.quorum.text()
    for name in ABSENT:
        row = next(i for i, r in enumerate(model.records()) if r.person == name)
        view.setFocus()
        view.setCurrentIndex(model.index(row, NarvaroModel.Column.NARVARANDE))
        qtbot.keyClick(view, Qt.Key.Key_Space)
        assert not model.records()[row].narvarande
    serving = next(r for r in model.records() if r.person == SERVING)
    assert serving.narvarande and serving.tjanstgorande  # offered the absent ledamot's place
    assert form.quorum.text().startswith("Beslutför: 5 av 5 ledamöter tjänstgör")
    choices = [form.justerare[0].itemText(i) for i in range(form.justerare[0].count())]
    assert not set(ABSENT) & set(choices)  # justerare are chosen among those present
    for field, name in zip(form.justerare, JUSTERARE, strict=True):
        choose(qtbot, field, name)
    assert form.justerare_error.text() == ""

    form.justerat.setFocus()
    type_text(form.justerat, JUSTERAT_DAG)
    qtbot.keyClick(form.justerat, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: form.lock_question is not None)
    box = form.lock_question
    assert box.isVisible() and unnamed_inputs(box) == []
    assert box.text() == (
        f"Justera protokollet för Styrelsemöte {JUSTERAT_MOTE} med datum {JUSTERAT_DAG}?"
    )
    assert form.mote.justerat is None  # nothing locked before the answer
    click(qtbot, button_named(box, "Justera och lås"))
    qtbot.waitUntil(lambda: form.lock_question is None)
    assert form.locked
    assert form.lock_label.text().startswith(f"Protokollet är justerat {JUSTERAT_DAG} och låst")
    assert not form.new_arende.isEnabled() and not form.attendance.isEnabled()
    assert not form.datum.isEnabled() and form.correct_button.isVisible()
    tab_to(qtbot, form.tabs, "Föredragningslista och beslut")


def grant(qtbot, form, insats_id: int) -> None:
    """The ärende about the insats, with the beslut already written: Bevilja sets the money
    and keeps the beslut as written (no standard sentence added to it)."""
    row = next(i for i, a in enumerate(form.agenda_model.records()) if a.rubrik == GRANT_RUBRIK)
    click_row(qtbot, form.agenda, row, 1)
    choose(qtbot, form.a_insats, INSATS[:5])
    assert form.selected_arende().insats_id == insats_id
    form.grant_amount.setFocus()
    qtbot.keyClicks(form.grant_amount, "720 000")
    form.grant_year.setFocus()
    form.grant_year.selectAll()
    qtbot.keyClicks(form.grant_year, "2024")
    click(qtbot, form.grant_button)
    assert form.grant_error.text() == ""
    assert form.grant_note.isVisible()
    assert form.grant_note.text().startswith("Beviljat. Beslutet har redan din text")
    a = form.selected_arende()
    assert a.beslut == GRANT_BESLUT  # once, as typed
    assert form.a_beslut.toPlainText() == GRANT_BESLUT


RULE_OFF = ("psykiatriveckan", "Psykiatriveckan")  # the förbund takes no part in it


def look_at_the_year(window, qtbot, ids: dict[str, int]) -> None:
    """Årshjul for 2023: the six meetings with a beredning before each, said to come from
    the beredning rule; Psykiatriveckan switched off from its entry."""
    from ui.pages.arshjul import HANDELSE_COLUMN, KALLA_COLUMN, KLAR_COLUMN

    page = go(qtbot, window, "arshjul")
    choose(qtbot, page.year_combo, "2023")
    assert page.selected_year() == 2023
    meetings = {h.id: h for h in page.entries if h.kalla is arshjul.Kalla.MOTE}
    assert {h.datum.isoformat() for h in meetings.values()} == set(ids)
    for day, mote_id in ids.items():
        item = page.items[page_key(page, f"mote:{mote_id}")]
        assert item.text(0) == day and item.text(HANDELSE_COLUMN) == "Styrelsemöte"
        assert item.text(KALLA_COLUMN) == "Möte"
        justerat = day == JUSTERAT_MOTE
        assert (item.text(KLAR_COLUMN) == "✓") is justerat  # klar once the protokoll is
        beredning = page.items[page_key(page, f"beredning:{mote_id}")]
        assert beredning.text(HANDELSE_COLUMN) == "Beredning"
        assert beredning.text(KALLA_COLUMN) == "Regel: beredning"
        assert dt.date.fromisoformat(beredning.text(0)) < dt.date.fromisoformat(day)

    rule = next(h for h in page.entries if h.regel_nyckel == RULE_OFF[0])
    item = page.items[page_key(page, rule.nyckel)]
    page.tree.scrollToItem(item)
    qtbot.mouseClick(
        page.tree.viewport(), Qt.MouseButton.LeftButton,
        pos=page.tree.visualRect(page.tree.indexFromItem(item, 0)).center(),  # on its date
    )  # fmt: skip
    assert page.current_entry() == rule
    assert "Källa: den förvalda regeln ”Psykiatriveckan”" in page.detail.text()
    click(qtbot, page.rule_off_button)
    assert all(h.regel_nyckel != RULE_OFF[0] for h in page.entries)
    assert page.empty.text().startswith(f"Regeln ”{RULE_OFF[1]}” är avstängd")
    assert window.ff.undo_label == f"Stäng av regeln ”{RULE_OFF[1]}” i årshjulet"


def page_key(page, nyckel: str) -> str:
    """The list's key of the entry ``nyckel`` in the year shown."""
    found = [k for k in page.items if k.split("@")[0] == nyckel]
    assert len(found) == 1, (nyckel, sorted(page.items))
    return found[0]


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext reads it, spaces (also no-break ones) made single."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return re.sub(r"[ \u00a0\u202f]+", " ", out)


def write_the_plan(window, qtbot, monkeypatch, tmp_path: Path, budget_year: int) -> str:
    """Rapporter: the verksamhetsplan for the budget's year, written in the background, saved
    as PDF and read back: its text."""
    from PySide6.QtWidgets import QFileDialog

    page = go(qtbot, window, "rapporter")
    choose(qtbot, page.report_combo, "Verksamhetsplan")
    assert page.rapport == "verksamhetsplan"
    assert page.year == budget_year  # the latest budget year is offered
    assert page.unit_combo.currentText() == "tkr med en decimal"
    click(qtbot, page.build_button)
    operation = page.operation
    assert operation is not None and page.progress.isVisible()
    if not operation.done:
        with qtbot.waitSignal(operation.finished, timeout=60_000):
            pass
    assert operation.succeeded, operation.error
    assert page.pdf is not None and page.pdf.startswith(b"%PDF")
    assert page.status.text().startswith(f"Verksamhetsplan med budget {budget_year} är skriven")
    target = tmp_path / "Verksamhetsplan.pdf"
    suggested: list[str] = []

    def save_dialog(_parent, _title, name, _filter, **_kw):
        suggested.append(name)
        return str(target), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    click(qtbot, page.save_button)
    assert [Path(s).name for s in suggested] == [
        f"Verksamhetsplan med budget {budget_year} – {NAMN}.pdf"
    ]
    assert target.read_bytes() == page.pdf
    return pdf_text(target)


def close_and_reopen(window, qtbot, path: Path) -> None:
    """Arkiv → Stäng förbundsfilen, then the file opened again."""
    arkiv = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Arkiv")
    close = next(a for a in arkiv.actions() if a.text() == "&Stäng förbundsfilen")
    close.trigger()
    assert window.ff is None
    assert window.central.currentWidget() is window.welcome
    assert window.windowTitle() == "Finsam Desktop"
    assert str(path.resolve()) in window.session.recent()
    assert window.open_path(path)
    assert window.ff is not None and window.ff.path == path


def everything_is_still_there(window, qtbot, insats_id, version_id, budget_year, ids):
    """What the förbundschef checks after opening the file again, through the readers."""
    ff = window.ff
    f = forbund.forbund(ff)
    assert (f.namn, f.organisationsnummer, f.forsta_budgetar) == (NAMN, ORGNR, FIRST_YEAR)
    members = forbund.medlemmar(ff)
    assert [(m.namn, m.typ, str(m.andel)) for m in members] == [
        ("Försäkringskassan", MedlemTyp.FORSAKRINGSKASSAN, "50"),
        ("Arbetsförmedlingen", MedlemTyp.ARBETSFORMEDLINGEN, "0"),
        (REGION, MedlemTyp.REGION, "25"),
        (KOMMUNER[0], MedlemTyp.KOMMUN, "12.5"),
        (KOMMUNER[1], MedlemTyp.KOMMUN, "12.5"),
    ]
    by_name = {m.namn: m.id for m in members}

    # the board on a day in the period, and none the day before it
    seats = styrelse.styrelse_pa(ff, dt.date(2024, 6, 1))
    expected = []
    for medlem, (ledamot, ersattare) in BOARD.items():
        funktion = (
            Funktion.ORDFORANDE if (ledamot, medlem) == ORDFORANDE
            else Funktion.VICE_ORDFORANDE if (ledamot, medlem) == VICE else None
        )  # fmt: skip
        expected += [
            (medlem, Roll.LEDAMOT, ledamot, funktion, *PERIOD),
            (medlem, Roll.ERSATTARE, ersattare, None, *PERIOD),
        ]
    assert [(s.medlem, s.roll, s.person, s.funktion, s.fran, s.till) for s in seats] == expected
    assert styrelse.styrelse_pa(ff, PERIOD[0] - dt.timedelta(days=1)) == []

    # the insats and its money
    assert [i.namn for i in insatser.alla(ff)] == [INSATS]
    ins = insatser.hamta(ff, insats_id)
    assert ins is not None
    assert (ins.namn, ins.typ, ins.agare_id, ins.status, ins.start, ins.slut) == (
        INSATS, InsatsTyp.INDIVIDINRIKTAD, by_name[KOMMUNER[0]], InsatsStatus.PAGAENDE,
        INSATS_START, INSATS_SLUT,
    )  # fmt: skip
    assert set(ins.medparter) == {
        by_name["Försäkringskassan"],
        by_name["Arbetsförmedlingen"],
        by_name[REGION],
    }
    assert ins.syfte == "Samordnat stöd så att fler når egen försörjning."
    money = {(r.ar, r.beviljat_ore, r.planerat_ore) for r in insatser.ar_belopp(ff, insats_id)}
    assert money == {(2023, BEVILJAT_2023, None), (2024, BEVILJAT_2024, None),
                     (2025, None, PLANERAT_2025)}  # fmt: skip

    # the budget, amounts as typed (in tkr, and the one kept in kr), and its unit
    assert [(v["id"], v["ar"]) for v in ekonomi.budget_versioner(ff)] == [(version_id, budget_year)]
    rader = {r["id"]: r for r in ekonomi.versionens_rader(ff, version_id)}
    stored = {
        (rader[b.rad_id]["text"], b.ar): b.belopp_ore
        for b in ekonomi.versionens_belopp(ff, version_id)
        if not b.harledd
    }
    typed = {(text, budget_year): ore for text, (_t, ore) in INTAKTER.items()}
    typed |= {(text, budget_year): ore for _g, text, _t, ore in KOSTNADER}
    typed[(INSATS_RAD[1], budget_year)] = INSATS_RAD[3]
    assert stored == typed
    insats_rad = next(r for r in rader.values() if r["text"] == INSATS)
    assert (insats_rad["grupp"], insats_rad["insats_id"]) == (Grupp.INSATSER.value, insats_id)
    assert get_setting(ff, "budget_enhet") == Unit.KR.value
    page = go(qtbot, window, "budget")
    assert page.unit_combo.currentText() == "kr"

    # six meetings, dates as typed, § through the year, beslut, the one justerat and locked
    meetings = sorted(moten.moten(ff, 2023), key=lambda m: m.datum)
    assert [(m.datum.isoformat(), m.plats, m.typ.label) for m in meetings] == [
        (day, plats, "Styrelsemöte") for day, plats in MEETINGS
    ]
    assert {m.datum.isoformat(): m.id for m in meetings} == ids
    paragraf = 0
    for m in meetings:
        arenden = moten.arenden(ff, m.id)
        day = m.datum.isoformat()
        assert [(a.rubrik, a.beslut) for a in arenden] == AGENDAS[day]
        assert [a.paragraf for a in arenden] == list(
            range(paragraf + 1, paragraf + 1 + len(arenden))
        )
        paragraf += len(arenden)
        assert m.justerat == (dt.date.fromisoformat(JUSTERAT_DAG) if day == JUSTERAT_MOTE else None)
    locked = ids[JUSTERAT_MOTE]
    with pytest.raises(forbund.Ogiltigt, match="är justerat 2023-04-28 och låst"):
        moten.ensure_protokoll_open(ff, locked)
    assert [n for _i, n in moten.justerare(ff, locked)] == sorted(JUSTERARE)
    seen = {r.person: (r.narvarande, r.tjanstgorande) for r in moten.narvaro(ff, locked)}
    assert {p for p, (here, _s) in seen.items() if not here} == set(ABSENT)
    assert seen[SERVING] == (True, True)
    grant_arende = next(a for a in moten.arenden(ff, ids[GRANT_MOTE]) if a.rubrik == GRANT_RUBRIK)
    assert (grant_arende.insats_id, grant_arende.beslut) == (insats_id, GRANT_BESLUT)
    # and the window shows the justerat protokoll locked
    page = go(qtbot, window, "moten")
    assert page.open_meeting(locked)
    assert page.form.locked and not page.form.new_arende.isEnabled()

    # the rule switched off stays off
    assert not arshjul.rule_on(ff, RULE_OFF[0])
    assert all(h.regel_nyckel != RULE_OFF[0] for h in arshjul.entries(ff, 2023))
    assert arshjul.rule_on(ff, "beredning")
