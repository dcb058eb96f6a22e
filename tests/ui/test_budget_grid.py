"""The budget grid: typing as people type, live sums, paste from Excel, undo, versions, dialogs."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from fixed_days import APP_DAY
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from finsam_desktop import budget as ops
from finsam_desktop import ekonomi, storage
from finsam_desktop.model import Grupp
from finsam_desktop.money import AmountError, Unit, format_amount
from finsam_desktop.settings import get_setting
from ui.budget.grid import BudgetGridModel, Kind, edit_text, parse_typed
from ui.budget.page import BudgetPage

FIXTURES = Path(__file__).parent.parent / "fixtures" / "sie"


@pytest.fixture
def demo(open_demo):
    """A private copy of the demo made for the app's day, with undo."""
    return open_demo(APP_DAY, undo=True)


@pytest.fixture
def draft(demo):
    """A förslag for 2026 (a copy of the decided one), so the grid can be edited."""
    decided = (
        ekonomi.gallande_budget(demo, 2026)
        or demo.query("SELECT * FROM budget_version WHERE ar = 2026 ORDER BY id DESC LIMIT 1")[0]
    )
    vid = ops.kopiera_version(demo, decided["id"])
    demo.forget_undo()
    return vid


@pytest.fixture
def budget_page(app, qtbot, demo):
    """Makes the budget page on ``demo`` showing the version ``vid`` (shown unless told)."""

    def make(vid: int, *, shown: bool = True) -> BudgetPage:
        p = BudgetPage(lambda: APP_DAY)
        qtbot.addWidget(p)
        if shown:
            p.resize(1200, 800)
            p.show()
        p.set_file(demo)
        p.select_version(vid)
        return p

    return make


@pytest.fixture
def page(budget_page, draft):
    p = budget_page(draft)
    assert p.model.version["id"] == draft
    return p


def accept(qtbot, dialog) -> None:
    """Press the dialog's OK (Skapa, Besluta …) and wait until it has closed."""
    with qtbot.waitSignal(dialog.finished):
        dialog.buttons.accepted.emit()


def row_of(model: BudgetGridModel, text: str) -> int:
    return next(i for i, line in enumerate(model.lines) if line.rad and line.rad["text"] == text)


def kind_row(model: BudgetGridModel, kind: Kind, grupp: Grupp | None = None) -> int:
    return next(
        i
        for i, line in enumerate(model.lines)
        if line.kind is kind and (grupp is None or line.grupp is grupp)
    )


def first_row(model: BudgetGridModel, grupp: Grupp) -> int:
    return next(
        i for i, line in enumerate(model.lines) if line.kind is Kind.ROW and line.grupp is grupp
    )


def test_the_grid_model_passes_the_model_tester(qtmodeltester, app, demo, draft):
    model = BudgetGridModel()
    model.load(demo, draft)
    qtmodeltester.check(model, force_py=False)


def test_the_grid_model_with_utfall_columns_passes_the_model_tester(qtmodeltester, app, demo):
    model = BudgetGridModel()
    model.load(demo, ekonomi.gallande_budget(demo, 2025)["id"])
    assert model.columnCount() == 8
    qtmodeltester.check(model, force_py=False)


@pytest.mark.parametrize(
    ("text", "unit", "ore"),
    [
        ("1 255,5", Unit.KR, 125_550),
        ("1 255,5", Unit.TKR, 125_550_000),  # 1 255,5 tkr = 1 255 500 kr
        ("-67 500", Unit.KR, -6_750_000),
        ("-67,5", Unit.TKR, -6_750_000),
        ("−67 500 kr", Unit.TKR, -6_750_000),  # its own unit wins
        ("2,5 mkr", Unit.KR, 250_000_000),  # read exactly, never misread
        ("2,5 mkr", Unit.TKR, 250_000_000),
        ("1 255,5 tkr", Unit.KR, 125_550_000),
        ("(120)", Unit.TKR, -12_000_000),
        ("", Unit.KR, None),
    ],
)
def test_typing_means_the_unit_shown_unless_the_text_names_its_own(text, unit, ore):
    assert parse_typed(text, unit) == ore


@pytest.mark.parametrize("text", ["1.255", "12 34", "abc", "1,2,3"])
def test_ambiguous_typing_is_refused_not_guessed(text):
    with pytest.raises(AmountError):
        parse_typed(text, Unit.KR)


def test_the_editor_starts_with_the_exact_amount_in_the_unit():
    assert edit_text(125_550_000, Unit.TKR) == "1\u00a0255,5"
    assert edit_text(125_550, Unit.KR) == "1\u00a0255,5"
    assert parse_typed(edit_text(-12_345_678, Unit.TKR), Unit.TKR) == -12_345_678


def test_typing_in_a_cell_stores_it_and_updates_the_subtotals_and_result(page, qtbot, demo):
    model = page.model
    row = first_row(model, Grupp.ADMINISTRATION)
    rad_id = model.lines[row].rad_id
    subtotal = kind_row(model, Kind.SUBTOTAL, Grupp.ADMINISTRATION)
    result = kind_row(model, Kind.RESULT)
    before_sub = model.data(model.index(subtotal, 2), Qt.ItemDataRole.UserRole)
    before_res = model.data(model.index(result, 2), Qt.ItemDataRole.UserRole)
    old = model.amounts[rad_id][2026]

    index = model.index(row, 2)
    page.grid.setCurrentIndex(index)
    page.grid.edit(index)
    editor = page.grid.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.clear()
    qtbot.keyClicks(editor, "-1 255,5")  # tkr: −1 255 500 kr
    # live while typing: the subtotal already follows, nothing is stored yet
    assert (
        model.data(model.index(subtotal, 2), Qt.ItemDataRole.UserRole)
        == before_sub - old - 125_550_000
    )
    assert (
        demo.scalar(
            "SELECT belopp_ore FROM budget_belopp WHERE rad_id = ? AND ar = 2026", (rad_id,)
        )
        == old
    )
    with qtbot.waitSignal(model.dataChanged):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    stored = demo.scalar(
        "SELECT belopp_ore FROM budget_belopp WHERE rad_id = ? AND ar = 2026", (rad_id,)
    )
    assert stored == -125_550_000
    assert (
        model.data(model.index(subtotal, 2), Qt.ItemDataRole.UserRole)
        == before_sub - old - 125_550_000
    )
    assert (
        model.data(model.index(result, 2), Qt.ItemDataRole.UserRole)
        == before_res - old - 125_550_000
    )
    assert model.data(model.index(row, 2)) == "−1\u00a0255,5"
    # one undo takes the edit back, and the grid follows the file
    assert demo.undo_label.startswith("Ändra budget 2026")
    demo.undo()
    qtbot.waitUntil(lambda: model.amounts[rad_id][2026] == old)
    assert model.data(model.index(result, 2), Qt.ItemDataRole.UserRole) == before_res
    demo.redo()
    qtbot.waitUntil(lambda: model.amounts[rad_id][2026] == -125_550_000)


def test_in_kr_the_same_typing_means_kronor(page, qtbot, demo):
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("kr"))
    model = page.model
    row = first_row(model, Grupp.STYRELSE)
    rad_id = model.lines[row].rad_id
    assert model.setData(model.index(row, 3), "1 255,5")
    assert (
        demo.scalar(
            "SELECT belopp_ore FROM budget_belopp WHERE rad_id = ? AND ar = 2027", (rad_id,)
        )
        == 125_550
    )
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Post (belopp i kr)"


def test_a_refused_amount_says_why_and_stores_nothing(page, qtbot, demo):
    model = page.model
    row = first_row(model, Grupp.STYRELSE)
    count = demo.scalar("SELECT count(*) FROM budget_belopp")
    label = demo.undo_label
    with qtbot.waitSignal(model.refused) as blocker:
        assert not model.setData(model.index(row, 2), "1.255")
    assert "två sätt" in blocker.args[0]
    assert "två sätt" in page.message.text()
    assert demo.scalar("SELECT count(*) FROM budget_belopp") == count
    assert demo.undo_label == label


def test_a_block_pasted_from_excel_lands_as_one_undoable_action(page, qtbot, demo):
    model = page.model
    top = first_row(model, Grupp.ADMINISTRATION)
    ids = [model.lines[top].rad_id, model.lines[top + 1].rad_id]
    page.grid.setCurrentIndex(model.index(top, 2))
    QApplication.clipboard().setText("-800\t-810,5\t-820\r\n-100\t-101\t-102\r\n")
    with qtbot.waitSignal(model.sums_changed):
        assert page.grid.paste() is None
    assert model.amounts[ids[0]] == {2026: -80_000_000, 2027: -81_050_000, 2028: -82_000_000}
    assert model.amounts[ids[1]][2028] == -10_200_000
    assert demo.undo_label == "Klistra in 6 budgetbelopp"
    subtotal = kind_row(model, Kind.SUBTOTAL, Grupp.ADMINISTRATION)
    group_sum = ekonomi.budget_per_grupp(demo, model.version["id"], 2027)[Grupp.ADMINISTRATION]
    assert model.data(model.index(subtotal, 3), Qt.ItemDataRole.UserRole) == group_sum
    demo.undo()
    qtbot.waitUntil(lambda: model.amounts[ids[0]][2026] != -80_000_000)


def test_a_paste_with_one_bad_value_stores_nothing(page, demo):
    model = page.model
    top = first_row(model, Grupp.ADMINISTRATION)
    page.grid.setCurrentIndex(model.index(top, 2))
    label = demo.undo_label
    problem = page.grid.paste("-800\tfel\n")
    assert problem.startswith("Inget klistrades in")
    assert "”fel”" in problem
    assert demo.undo_label == label
    # a value landing on a sum row is refused too
    subtotal = kind_row(model, Kind.SUBTOTAL, Grupp.ADMINISTRATION)
    page.grid.setCurrentIndex(model.index(subtotal, 2))
    assert "tar emot" in page.grid.paste("123\n")


def test_copy_gives_tab_separated_numbers_swedish_excel_reads(page):
    model = page.model
    row = first_row(model, Grupp.INTAKTER)
    page.grid.setCurrentIndex(model.index(row, 0))
    page.grid.selectionModel().select(
        model.index(row, 0), page.grid.selectionModel().SelectionFlag.ClearAndSelect
    )
    text = page.grid.copy()
    assert text == model.lines[row].rad["text"] + "\n"
    block = model.copy(row, 2, row, 4)
    values = block.strip().split("\t")
    assert len(values) == 3 and all("\u00a0" not in v for v in values)
    assert QApplication.clipboard().text() == text


def test_a_decided_version_is_locked_in_the_grid(budget_page, demo):
    p = budget_page(ekonomi.gallande_budget(demo, 2025)["id"], shown=False)
    model = p.model
    row = first_row(model, Grupp.STYRELSE)
    assert not model.flags(model.index(row, 2)) & Qt.ItemFlag.ItemIsEditable
    assert not p.add_row.isEnabled() and not p.decide_button.isEnabled()
    assert "Låst" in p.status.text()


def test_a_year_with_utfall_shows_utfall_avvikelse_and_last_year(budget_page, demo):
    p = budget_page(ekonomi.gallande_budget(demo, 2025)["id"], shown=False)
    model = p.model
    # the running year's utfall runs through September: the header says so (issue 18.7)
    assert model.cols.names[5:] == ["Utfall jan–sep 2025", "Avvikelse", "Utfall 2024"]
    result = kind_row(model, Kind.RESULT)
    utfall = model.data(model.index(result, 5), Qt.ItemDataRole.UserRole)
    assert utfall == ekonomi.arets_resultat(demo, 2025)
    before = model.data(model.index(result, 7), Qt.ItemDataRole.UserRole)
    assert before == ekonomi.arets_resultat(demo, 2024)
    budget = model.data(model.index(result, 2), Qt.ItemDataRole.UserRole)
    assert model.data(model.index(result, 6), Qt.ItemDataRole.UserRole) == utfall - budget


def test_rows_are_added_moved_linked_and_noted_from_the_page(page, qtbot, demo):
    model = page.model
    row = first_row(model, Grupp.INSATSER)
    page.grid.setCurrentIndex(model.index(row, 2))
    page._add_row()
    dialog = page._open_dialog
    dialog.text.setText("Reserverade medel för nya aktiviteter")
    accept(qtbot, dialog)
    new_row = row_of(model, "Reserverade medel för nya aktiviteter")
    assert new_row == row + 1 and model.lines[new_row].grupp is Grupp.INSATSER
    page.grid.setCurrentIndex(model.index(new_row, 2))
    page._move(-1)
    assert row_of(model, "Reserverade medel för nya aktiviteter") == row
    page.grid.setCurrentIndex(model.index(row, 2))
    page._note()
    dialog = page._open_dialog
    dialog.text.setPlainText("Beslut om utlysning i mars")
    accept(qtbot, dialog)
    assert (
        model.data(model.index(row, 2), Qt.ItemDataRole.UserRole + 10)
        == "Beslut om utlysning i mars"
    )
    assert "Anteckning: Beslut om utlysning i mars" in model.data(
        model.index(row, 2), Qt.ItemDataRole.ToolTipRole
    )
    page._link()
    dialog = page._open_dialog
    dialog.konto.setCurrentText("4560")
    dialog.fields["projekt"].setText("P99")
    accept(qtbot, dialog)
    assert model.lines[row].rad["konto"] == "4560" and model.lines[row].rad["projekt"] == "P99"
    assert model.data(model.index(row, 1)) == "4560"
    # the same dialog moves the row to another group, in the same one action
    page.grid.setCurrentIndex(model.index(row, 2))
    page._link()
    dialog = page._open_dialog
    dialog.grupp.setCurrentIndex(dialog.grupp.findData("administration"))
    accept(qtbot, dialog)
    moved = row_of(model, "Reserverade medel för nya aktiviteter")
    assert model.lines[moved].grupp is Grupp.ADMINISTRATION
    assert demo.undo_label == "Koppla budgetrad"


def test_the_rules_panel_wants_a_motivering_for_a_deficit(page, qtbot, demo):
    model = page.model
    row = first_row(model, Grupp.ADMINISTRATION)
    assert model.setData(model.index(row, 2), "-9 999")
    qtbot.waitUntil(lambda: "✗ 2026" in page.rules.result.text())
    assert "Balansera budgeten eller motivera nedan." in page.rules.result.text()
    label = page.rules.result  # every line of it shows, at the narrowest window (issue 14)
    page.resize(1040, 700)
    qtbot.waitUntil(lambda: label.heightForWidth(label.width()) <= label.height())
    page.rules.motivering.setText("Eget kapital över taket används för nya insatser.")
    page.rules.save_motivering.click()
    qtbot.waitUntil(lambda: "eget kapital tas i anspråk" in page.rules.result.text())
    assert "Tak" in page.rules.eget_kapital.text()
    assert "Andel" in page.rules.eget_kapital.text()
    assert "%" in page.rules.admin.text()


def test_decide_and_roll_forward_from_the_page(page, qtbot, demo):
    version = page.current_version()
    page._decide()
    dialog = page._open_dialog
    dialog.paragraf.setText("41")
    accept(qtbot, dialog)
    assert ops.version(demo, version["id"])["beslut_paragraf"] == "§ 41"
    assert page.model.locked
    page._roll_forward()
    dialog = page._open_dialog
    dialog.fields[Grupp.ADMINISTRATION].setText("2,5")
    accept(qtbot, dialog)
    assert page.current_version()["ar"] == 2027
    assert page.current_version()["status"] == "forslag"


def test_the_medelstilldelning_dialog_shows_the_split_and_fills_the_rows(page, qtbot, demo):
    page._funding()
    dialog = page._open_dialog
    dialog.amount.setText("2 600 000")
    assert dialog.table.rowCount() == demo.scalar("SELECT count(*) FROM medlem")
    # every header whole, and the table as wide as its columns (issue 18.10: "vrundning (k")
    header = dialog.table.horizontalHeader()
    for j in range(header.count()):
        text = dialog.table.horizontalHeaderItem(j).text()
        assert header.sectionSize(j) >= header.fontMetrics().horizontalAdvance(text), text
    assert dialog.table.minimumWidth() >= header.length()
    assert "5\u00a0200\u00a0000" in dialog.total.text()
    accept(qtbot, dialog)
    driftbidrag = ekonomi.budget_driftbidrag(demo, page.current_version()["id"], 2026)
    assert sum(driftbidrag.values()) == 520_000_000
    # issue 18.8: Arbetsförmedlingen (0 %) shares the state's row: no empty row of its own,
    # and every intäkt row keeps its konto
    vid = page.current_version()["id"]
    intakter = [r for r in ekonomi.versionens_rader(demo, vid) if r["grupp"] == "intakter"]
    assert not [r["text"] for r in intakter if "Arbetsförmedlingen" in r["text"]]
    assert all(r["konto"] for r in intakter)
    # opened again, the dialog remembers the amount the year was funded from
    page._funding()
    again = page._open_dialog
    assert again.amount.text().replace("\u00a0", " ") == "2 600 000"
    assert again.table.rowCount() == demo.scalar("SELECT count(*) FROM medlem")
    again.reject()


def test_the_export_dialog_writes_the_file_and_remembers_the_choices(page, qtbot, demo, tmp_path):
    page._export()
    dialog = page._open_dialog
    dialog.path = tmp_path / "ut.xlsx"
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData("wide"))
    # 2026 has no decided budget on the app's day: the förslag is asked about, not sent
    assert dialog.year.currentData() == 2026
    assert dialog.kalla.text().endswith("förslag, inte beslutad")
    dialog.buttons.accepted.emit()
    assert "Exportera förslaget ändå" in dialog.error.text()
    assert not (tmp_path / "ut.xlsx").exists()
    dialog.forslag.setChecked(True)
    accept(qtbot, dialog)
    assert (tmp_path / "ut.xlsx").is_file()
    from reports.ekonomi_excel import sparade_val

    assert sparade_val(demo).layout == "wide"
    assert "förslag, inte beslutad" in page.message.text()


def test_the_export_sends_the_decided_budget_of_the_year_chosen_and_says_which(
    page, qtbot, demo, tmp_path
):
    """Issue 18.1: with the 2026 förslag shown, År 2025 is the decided 2025 budget (§ 41) and
    År 2027 the plan figures of the latest decided budget, named as such."""
    from openpyxl import load_workbook

    page._export()
    dialog = page._open_dialog
    dialog.year.setCurrentIndex(dialog.year.findData(2027))
    assert dialog.kalla.text().startswith("Planår 2027 i budget 2025")
    assert dialog.forslag.isHidden()
    dialog.year.setCurrentIndex(dialog.year.findData(2025))
    decided = ekonomi.gallande_budget(demo, 2025)
    assert dialog.kalla.text() == (f"Budget 2025 ”{decided['namn']}”, beslutad 2024-11-21 § 41")
    dialog.path = tmp_path / "Budget 2025.xlsx"
    accept(qtbot, dialog)
    book = load_workbook(dialog.path)
    summa = book["Summa"]
    assert [c.value for c in summa[4]][:2] == ["Källa", dialog.kalla.text()]
    assert book.properties.subject == dialog.kalla.text()
    # the figures are the decided version's, not the shown förslag's plan year
    ws = book["Budget 2025"]
    header = [c.value for c in ws[1]]
    col = header.index("Belopp" if "Belopp" in header else "Summa")
    exported = sum(round(r[col] * 100) for r in ws.iter_rows(min_row=2, values_only=True))
    rows = ekonomi.budget_rader(demo, decided["id"], 2025)
    assert exported == sum(r["belopp_ore"] for r in rows if not ekonomi.ar_eget_kapital(r))
    assert page.message.text().endswith("beslutad 2024-11-21 § 41)")


def test_the_utfall_dialog_maps_objects_and_imports_all_or_nothing(page, qtbot, demo):
    from ui.budget.utfall_dialog import UtfallImportDialog

    dialog = UtfallImportDialog(demo, 2025, page)
    qtbot.addWidget(dialog)
    dialog.set_path(FIXTURES / "norradalen_cp437_crlf.se")
    assert dialog.year.value() == 2025
    dialog.dimension.setCurrentText("6")
    dialog._try_accept()
    assert dialog.problems.isVisible() or dialog.error.text()
    assert "konto" in dialog.problems.toPlainText()
    steg = demo.scalar("SELECT id FROM insats ORDER BY id LIMIT 1")
    dialog.set_choice("objekt", "P10", steg)
    dialog.set_choice("objekt", "P20", steg)
    for konto, grupp in (
        ("3011", "intakter"),
        ("7410", "administration"),
        ("4560", "insatser"),
        ("8410", "finansiella"),
    ):
        with contextlib.suppress(KeyError):  # a budget row carries that konto
            dialog.set_choice("konto", konto, grupp)
    # the demo has 2025's monthly utfall: asked first (issue 18.5), nothing replaced yet
    before = demo.scalar("SELECT count(*) FROM utfall WHERE ar = 2025")
    dialog._try_accept()
    assert "Det finns redan månadsutfallet 2025" in dialog.error.text()
    assert demo.scalar("SELECT count(*) FROM utfall WHERE ar = 2025") == before
    assert dialog.ersatt.text().startswith("Ersätt månadsutfallet 2025, januari–")
    dialog.ersatt.setChecked(True)
    with qtbot.waitSignal(dialog.finished):
        dialog._try_accept()
    assert dialog.result is not None and dialog.result.manadsvis
    assert dialog.result.ersatt.startswith("månadsutfallet 2025")
    assert dialog.result.sakerhetskopia.is_file()
    assert demo.undo_label.startswith("Importera utfall 2025")


def test_the_utfall_dialog_can_place_unmapped_accounts_by_class_and_says_where(page, qtbot, demo):
    """Issue 17: the dialog's choice of --unmapped by-class, and the page says where."""
    page._import_utfall()
    dialog = page._open_dialog
    dialog.set_path(FIXTURES / "norradalen_cp437_crlf.se")
    dialog.year.setValue(2025)
    dialog.dimension.setCurrentText("6")
    dialog.by_class.setChecked(True)
    dialog.ersatt.setChecked(True)  # the demo's 2025 utfall is replaced
    with qtbot.waitSignal(dialog.finished):
        dialog._try_accept()
    assert dialog.result is not None and dialog.result.placerade
    qtbot.waitUntil(lambda: getattr(page, "utfall_message", None) is not None)
    said = page.utfall_message.text()
    assert "placerades efter kontoklass i" in said
    page.utfall_message.close()


def test_bokslut_is_read_from_sie_into_the_form_and_stored(page, qtbot, demo):
    from ui.budget.ekonomi_dialogs import BokslutDialog

    dialog = BokslutDialog(demo, 2025, page)
    qtbot.addWidget(dialog)
    dialog.read_sie(FIXTURES / "norradalen_cp437_crlf.se")
    assert dialog.fields["kassa_och_bank_ore"].text() == "950\u00a0000"
    dialog.fields["driftbidrag_ore"].setText("5 080 000")
    dialog._try_accept()
    figures = ekonomi.bokslut(demo, 2025)
    assert figures.kassa_och_bank == 95_000_000 and figures.driftbidrag == 508_000_000
    assert demo.undo_label == "Bokslut 2025"


def test_antal_anstallda_and_the_balanskrav_rows_are_typed_with_the_bokslut(page, qtbot, demo):
    from ui.budget.ekonomi_dialogs import BokslutDialog

    dialog = BokslutDialog(demo, 2025, page)
    qtbot.addWidget(dialog)
    dialog.fields["antal_anstallda"].setText("2")
    dialog.fields["realisationsvinster_ore"].setText("1 500")
    dialog._try_accept()
    figures = ekonomi.bokslut(demo, 2025)
    assert figures.antal_anstallda == 2 and figures.realisationsvinster == 150_000
    again = BokslutDialog(demo, 2025, page)
    qtbot.addWidget(again)
    assert again.fields["antal_anstallda"].text() == "2"
    again.fields["antal_anstallda"].setText("två")
    again.fields["aterforing_orealiserade_ore"].setText("-5")
    again._try_accept()
    assert ekonomi.bokslut(demo, 2025).antal_anstallda == 2  # refused, nothing stored


def test_the_kontoplan_is_edited_and_imported_in_a_table(page, qtbot, demo):
    from ui.budget.ekonomi_dialogs import KontoplanDialog

    dialog = KontoplanDialog(demo, page)
    qtbot.addWidget(dialog)
    before = dialog.table.rowCount()
    dialog.import_file(FIXTURES / "norradalen_cp437_crlf.se")
    assert dialog.konton()["7410"] == "Förbundschef, köpt tjänst"
    dialog.add("9999", "Testkonto")
    dialog._try_accept()
    assert demo.scalar("SELECT benamning FROM konto WHERE nummer = '9999'") == "Testkonto"
    assert dialog.table.rowCount() > before


def test_utfall_is_typed_by_row_for_a_closed_year_and_undone_whole(budget_page, qtbot, demo):
    # 2023: booked as a whole year (the demo books its last closed year, 2024, by month)
    p = budget_page(ekonomi.gallande_budget(demo, 2023)["id"])
    model = p.model
    column = model.cols.utfall_col
    row = first_row(model, Grupp.STYRELSE)
    rad_id = model.lines[row].rad_id
    result = kind_row(model, Kind.RESULT)
    before = model.data(model.index(result, column), Qt.ItemDataRole.UserRole)
    old = model.utfall_now.get(rad_id, 0)
    with qtbot.waitSignal(model.sums_changed):
        assert model.setData(model.index(row, column), "-99,5")
    assert model.utfall_now[rad_id] == -9_950_000
    assert (
        model.data(model.index(result, column), Qt.ItemDataRole.UserRole)
        == before - old - 9_950_000
    )
    assert ekonomi.arets_resultat(demo, 2023) == before - old - 9_950_000
    demo.undo()
    qtbot.waitUntil(lambda: model.utfall_now.get(rad_id, 0) == old)
    # a year whose utfall is monthly is changed by a new import, not by typing a year
    p.select_version(ekonomi.gallande_budget(demo, 2025)["id"])
    row = first_row(p.model, Grupp.STYRELSE)
    with qtbot.waitSignal(p.model.refused) as blocker:
        p.model.setData(p.model.index(row, p.model.cols.utfall_col), "-1")
    assert "per månad" in blocker.args[0]


def test_a_row_is_renamed_in_its_cell_and_cells_are_emptied_with_delete(page, qtbot, demo):
    model = page.model
    row = first_row(model, Grupp.STYRELSE)
    rad_id = model.lines[row].rad_id
    assert model.setData(model.index(row, 0), "Arvoden, sammanträden")
    assert demo.scalar("SELECT text FROM budget_rad WHERE id = ?", (rad_id,)) == (
        "Arvoden, sammanträden"
    )
    page.grid.setCurrentIndex(model.index(row, 2))
    selection = page.grid.selectionModel()
    selection.select(page.grid.model().index(row, 2), selection.SelectionFlag.ClearAndSelect)
    selection.select(page.grid.model().index(row, 3), selection.SelectionFlag.Select)
    with qtbot.waitSignal(model.sums_changed):
        qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    assert 2026 not in model.amounts.get(rad_id, {}) and 2027 not in model.amounts.get(rad_id, {})
    assert demo.undo_label == "Töm 2 budgetceller"


def test_the_budget_is_balanced_with_a_chosen_row_in_one_action(page, qtbot, demo):
    model = page.model
    row = first_row(model, Grupp.ADMINISTRATION)
    assert model.setData(model.index(row, 2), "-9 999")
    qtbot.waitUntil(lambda: model.resultat(2026) < 0)
    reserve = next(
        i
        for i, line in enumerate(model.lines)
        if line.kind is Kind.ROW and line.grupp is Grupp.INSATSER
    )
    page.grid.setCurrentIndex(model.index(reserve, 2))
    page.rules.balance.click()
    qtbot.waitUntil(lambda: all(model.resultat(y) == 0 for y in model.cols.years))
    assert demo.undo_label.startswith("Balansera budgeten med")
    assert "✓ 2026: resultat 0,0" in page.rules.result.text()


# -- kronor typed into the tkr grid -------------------------------------------------------------

NB = "\u00a0"  # amounts are grouped, and joined to their unit, with no-break spaces


def stored_ore(ff, version_id: int, rad_id: int, year: int) -> int | None:
    """The amount the file holds for a cell, read through the data layer's reader."""
    for b in ekonomi.versionens_belopp(ff, version_id):
        if (b.rad_id, b.ar) == (rad_id, year):
            return b.belopp_ore
    return None


def type_in_cell(page, qtbot, row: int, column: int, text: str, key=Qt.Key.Key_Return):
    """Open the cell's editor, type ``text`` over what it holds and press ``key``."""
    index = page.model.index(row, column)
    page.grid.setCurrentIndex(index)
    page.grid.edit(index)
    editor = page.grid.indexWidget(index)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, key)
    # the delegate commits a moment later (a queued call): stored and closed, or asked about
    qtbot.waitUntil(lambda: page.grid.question is not None or page.grid.indexWidget(index) is None)
    return editor


def press(box, label: str) -> None:
    button = next((b for b in box.buttons() if b.text() == label), None)
    assert button is not None, [b.text() for b in box.buttons()]
    button.click()


@pytest.fixture
def state_row(page):
    """The state's driftbidrag row: its row in the grid and its id."""
    row = first_row(page.model, Grupp.INTAKTER)
    return row, page.model.lines[row].rad_id


def test_kronor_typed_into_the_tkr_grid_are_asked_about_and_nothing_is_stored_yet(
    page, qtbot, demo, state_row, draft
):
    row, rad_id = state_row
    before = stored_ore(demo, draft, rad_id, 2027)
    label = demo.undo_label
    assert page.unit_combo.currentText() == "tkr"
    editor = type_in_cell(page, qtbot, row, 3, "734 000")
    box = page.grid.question
    assert box is not None and box.isVisible()
    assert box.text() == (
        f"Du skrev 734{NB}000{NB}tkr, alltså 734{NB}000{NB}000{NB}kr. Menade du 734{NB}000{NB}kr?"
    )
    assert "dubbelt så mycket som förbundets största intäkter" in box.informativeText()
    assert [b.text() for b in box.buttons()] == [
        f"Spara 734{NB}000{NB}kr",
        f"Spara 734{NB}000{NB}tkr",
        "Ändra",
    ]
    assert box.defaultButton().text() == f"Spara 734{NB}000{NB}kr"
    assert box.windowModality() == Qt.WindowModality.WindowModal
    # nothing stored while the question is open, and the editor still holds the text
    assert stored_ore(demo, draft, rad_id, 2027) == before
    assert demo.undo_label == label
    assert page.grid.indexWidget(page.model.index(row, 3)) is editor
    assert editor.text() == "734 000"
    press(box, "Ändra")


def test_answering_spara_kr_stores_the_kronor(page, qtbot, demo, state_row, draft):
    row, rad_id = state_row
    type_in_cell(page, qtbot, row, 3, "734 000")
    press(page.grid.question, f"Spara 734{NB}000{NB}kr")
    assert stored_ore(demo, draft, rad_id, 2027) == 73_400_000  # 734 000 kr in öre
    assert page.grid.question is None
    assert page.grid.indexWidget(page.model.index(row, 3)) is None  # the editor is closed
    assert page.model.data(page.model.index(row, 3)) == "734,0"  # shown in tkr
    assert demo.undo_label.startswith("Ändra budget 2027")


def test_answering_spara_tkr_stores_what_was_typed_in_tkr(page, qtbot, demo, state_row, draft):
    row, rad_id = state_row
    type_in_cell(page, qtbot, row, 3, "734 000")
    press(page.grid.question, f"Spara 734{NB}000{NB}tkr")
    assert stored_ore(demo, draft, rad_id, 2027) == 73_400_000_000  # 734 000 000 kr in öre
    assert page.model.data(page.model.index(row, 3)) == f"734{NB}000,0"


def test_answering_andra_keeps_the_editor_open_with_the_text_and_stores_nothing(
    page, qtbot, demo, state_row, draft
):
    row, rad_id = state_row
    before = stored_ore(demo, draft, rad_id, 2027)
    editor = type_in_cell(page, qtbot, row, 3, "734 000")
    press(page.grid.question, "Ändra")
    assert page.grid.question is None
    assert stored_ore(demo, draft, rad_id, 2027) == before
    assert page.grid.indexWidget(page.model.index(row, 3)) is editor
    assert editor.text() == "734 000"
    assert page.grid.state() == page.grid.State.EditingState
    # the user names the unit, and the amount is stored without a question
    editor.selectAll()
    qtbot.keyClicks(editor, "734 000 kr")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_ore(demo, draft, rad_id, 2027) == 73_400_000)
    assert page.grid.question is None


def test_a_block_in_kronor_pasted_into_the_tkr_grid_is_asked_about_first(
    page, qtbot, demo, state_row, draft
):
    """A block copied from a document in kronor, pasted into the grid in tkr (issue 14)."""
    row, rad_id = state_row
    below = page.model.lines[row + 1].rad_id
    before = (stored_ore(demo, draft, rad_id, 2027), stored_ore(demo, draft, below, 2027))
    label = demo.undo_label
    page.grid.setCurrentIndex(page.model.index(row, 3))
    assert page.grid.paste("2 540 000\n1 270 000\n") is None
    box = page.grid.question
    assert box is not None and box.isVisible()
    assert box.text() == (
        f"2 av beloppen ser orimligt stora ut i tkr: 2{NB}540{NB}000{NB}tkr, alltså "
        f"2{NB}540{NB}000{NB}000{NB}kr. Är blocket i kronor?"
    )
    assert [b.text() for b in box.buttons()] == ["Klistra in i kr", "Klistra in i tkr", "Avbryt"]
    assert box.defaultButton().text() == "Klistra in i kr"  # in kr every amount is plausible
    # nothing stored while the question is open
    assert (stored_ore(demo, draft, rad_id, 2027), stored_ore(demo, draft, below, 2027)) == before
    assert demo.undo_label == label
    press(box, "Klistra in i kr")
    assert page.grid.question is None
    assert stored_ore(demo, draft, rad_id, 2027) == 254_000_000  # 2 540 000 kr in öre
    assert stored_ore(demo, draft, below, 2027) == 127_000_000
    assert demo.undo_label == "Klistra in 2 budgetbelopp"


def test_a_pasted_block_asked_about_and_cancelled_stores_nothing(
    page, qtbot, demo, state_row, draft
):
    row, rad_id = state_row
    before = stored_ore(demo, draft, rad_id, 2027)
    label = demo.undo_label
    page.grid.setCurrentIndex(page.model.index(row, 3))
    page.grid.paste("734 000\n")
    press(page.grid.question, "Avbryt")
    assert page.grid.question is None
    assert stored_ore(demo, draft, rad_id, 2027) == before
    assert demo.undo_label == label
    # plausible amounts in tkr are pasted without a question, as before
    assert page.grid.paste("2 600\n") is None
    assert page.grid.question is None
    assert stored_ore(demo, draft, rad_id, 2027) == 260_000_000


def test_escape_in_the_question_is_andra(page, qtbot, demo, state_row, draft):
    row, rad_id = state_row
    before = stored_ore(demo, draft, rad_id, 2027)
    editor = type_in_cell(page, qtbot, row, 3, "734 000")
    box = page.grid.question
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert page.grid.question is None
    assert stored_ore(demo, draft, rad_id, 2027) == before
    assert page.grid.indexWidget(page.model.index(row, 3)) is editor


def test_tab_moves_on_to_the_next_cell_once_the_answer_is_stored(
    page, qtbot, demo, state_row, draft
):
    row, rad_id = state_row
    type_in_cell(page, qtbot, row, 3, "734 000", key=Qt.Key.Key_Tab)
    press(page.grid.question, f"Spara 734{NB}000{NB}kr")
    assert stored_ore(demo, draft, rad_id, 2027) == 73_400_000
    assert page.grid.currentIndex() == page.model.index(row, 4)


def test_a_click_on_another_cell_asks_too_and_andra_goes_back_to_the_cell(
    page, qtbot, demo, state_row, draft
):
    row, rad_id = state_row
    before = stored_ore(demo, draft, rad_id, 2027)
    index = page.model.index(row, 3)
    page.grid.setCurrentIndex(index)
    page.grid.edit(index)
    editor = page.grid.indexWidget(index)
    editor.selectAll()
    qtbot.keyClicks(editor, "734 000")
    other = page.model.index(row + 1, 2)
    qtbot.mouseClick(
        page.grid.viewport(), Qt.MouseButton.LeftButton, pos=page.grid.visualRect(other).center()
    )
    qtbot.waitUntil(lambda: page.grid.question is not None)
    assert stored_ore(demo, draft, rad_id, 2027) == before
    press(page.grid.question, "Ändra")
    assert page.grid.currentIndex() == index
    assert page.grid.indexWidget(index) is editor and editor.text() == "734 000"


def test_a_question_left_open_when_the_file_closes_goes_with_the_editor(
    page, qtbot, demo, state_row, draft
):
    row, rad_id = state_row
    before = stored_ore(demo, draft, rad_id, 2027)
    type_in_cell(page, qtbot, row, 3, "734 000")
    box = page.grid.question
    with qtbot.waitSignal(box.finished):
        page.set_file(None)
    assert page.grid.question is None
    assert stored_ore(demo, draft, rad_id, 2027) == before


def test_utfall_typed_in_kronor_into_the_tkr_grid_is_asked_about_too(budget_page, qtbot, demo):
    vid = ekonomi.gallande_budget(demo, 2023)["id"]  # a year booked whole
    p = budget_page(vid)
    model = p.model
    row = first_row(model, Grupp.STYRELSE)
    rad_id = model.lines[row].rad_id
    before = model.utfall_now.get(rad_id)

    def stored_utfall():
        rader = ekonomi.versionens_rader(demo, vid)
        return ops.utfall_per_rad(rader, ekonomi.utfall_rader(demo, 2023))[0].get(rad_id)

    type_in_cell(p, qtbot, row, model.cols.utfall_col, "-58 000")
    box = p.grid.question
    assert box is not None
    assert box.text().startswith(f"Du skrev \u221258{NB}000{NB}tkr")
    assert stored_utfall() == before  # nothing stored yet
    press(box, f"Spara \u221258{NB}000{NB}kr")
    assert stored_utfall() == -5_800_000  # 58 000 kr in öre


def test_a_plausible_amount_is_stored_without_a_question(page, qtbot, demo, state_row, draft):
    row, rad_id = state_row
    type_in_cell(page, qtbot, row, 3, "2 600")
    assert page.grid.question is None
    assert stored_ore(demo, draft, rad_id, 2027) == 260_000_000  # 2 600 tkr in öre
    assert page.grid.indexWidget(page.model.index(row, 3)) is None


def test_a_cost_a_thousand_times_its_row_is_asked_about_in_kr_too(page, qtbot, demo, draft):
    model = page.model
    row = row_of(model, "Bankkostnader")  # 2 000 kr a year
    rad_id = model.lines[row].rad_id
    before = stored_ore(demo, draft, rad_id, 2027)
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("kr"))
    type_in_cell(page, qtbot, row, 3, "-2 000 000")
    box = page.grid.question
    assert box.text() == f"Du skrev \u22122{NB}000{NB}000{NB}kr. Stämmer beloppet?"
    assert "minst 500 gånger så mycket som radens största belopp" in box.informativeText()
    assert [b.text() for b in box.buttons()] == [f"Spara \u22122{NB}000{NB}000{NB}kr", "Ändra"]
    assert box.defaultButton().text() == "Ändra"
    press(box, "Ändra")
    assert stored_ore(demo, draft, rad_id, 2027) == before


def test_the_editor_shows_the_unit_the_number_is_read_in(page, qtbot):
    model = page.model
    row = first_row(model, Grupp.STYRELSE)
    index = model.index(row, 2)
    page.grid.setCurrentIndex(index)
    page.grid.edit(index)
    editor = page.grid.indexWidget(index)
    assert editor.unit_text() == "tkr"
    assert editor.accessibleDescription() == "Belopp i tkr"
    assert editor.textMargins().right() > editor.fontMetrics().horizontalAdvance("tkr")
    # a number with its own unit is read in that one: the grid's is not shown beside it
    editor.selectAll()
    qtbot.keyClicks(editor, "67 500 kr")
    assert editor.unit_text() == "" and editor.textMargins().right() == 0
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("kr"))
    page.grid.edit(index)
    assert page.grid.indexWidget(index).unit_text() == "kr"


def test_the_unit_chosen_is_kept_in_the_file_and_shown_when_it_is_opened_again(
    opened, filled_path, settings, qtbot, tmp_path
):
    from ui.main_window import MainWindow

    page = opened.show_page("budget")
    assert page.unit_combo.currentText() == "tkr"
    undo_text = opened.undo_action.text()
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("kr"))
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Post (belopp i kr)"
    # a choice of how to look at the file, not an edit: the Redigera menu is as it was
    assert opened.undo_action.text() == undo_text
    # another förbund's file has its own unit: tkr, never chosen there
    other = tmp_path / "Annat.finsam"
    storage.create_file(other, namn="Samordningsförbundet Annat").close()
    assert opened.open_path(other)
    assert opened.show_page("budget").unit_combo.currentText() == "tkr"
    opened.close_file()
    opened.close()

    # the program started again on the file: the grid is in kr
    again = MainWindow(settings, today=lambda: APP_DAY)
    qtbot.addWidget(again)
    assert again.open_path(filled_path)
    page = again.show_page("budget")
    assert page.unit_combo.currentText() == "kr"
    assert page.model.unit is Unit.KR
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Post (belopp i kr)"
    row = first_row(page.model, Grupp.INTAKTER)
    assert page.model.data(page.model.index(row, 2)) == f"2{NB}000{NB}000"  # 2 000 000 kr
    assert "Enhet" not in again.undo_action.text()
    # and back to tkr, kept too
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("tkr"))
    again.close()
    third = MainWindow(settings, today=lambda: APP_DAY)
    qtbot.addWidget(third)
    assert third.open_path(filled_path)
    assert third.show_page("budget").unit_combo.currentText() == "tkr"
    third.close()


def test_a_read_only_file_shows_the_unit_chosen_without_storing_it(window, filled_path):
    window.open_path(filled_path, read_only=True)
    page = window.show_page("budget")
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("kr"))
    assert page.model.unit is Unit.KR
    assert page.message.text() == ""  # no write tried, so no complaint about one
    assert get_setting(window.ff, "budget_enhet") == "tkr"


def test_emptying_one_cell_says_one_budgetcell(page, qtbot, demo):
    model = page.model
    row = first_row(model, Grupp.STYRELSE)
    page.grid.setCurrentIndex(model.index(row, 2))
    with qtbot.waitSignal(model.sums_changed):
        qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    assert demo.undo_label == "Töm 1 budgetcell"


def test_an_empty_budget_is_made_for_the_year_chosen_even_an_old_one(page, qtbot, demo):
    """Issue 15, 8: a budget for any year from the app, not only for next year."""
    from ui.budget.dialogs import TomBudgetDialog

    last = max(v["ar"] for v in ekonomi.budget_versioner(demo))
    page._empty_version()
    dialog = page._open_dialog
    assert isinstance(dialog, TomBudgetDialog)
    assert dialog.year.value() == last + 1  # after the file's last budget
    dialog.year.setValue(last)
    assert "Det finns redan" in dialog.note.text()  # a version more for that year
    dialog.year.setValue(2015)  # an old year, typed in afterwards
    assert "Det finns redan" not in dialog.note.text()
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.accepted.emit()
    version = page.current_version()
    assert version["id"] == dialog.created and version["ar"] == 2015
    assert page.model.cols.years == (2015, 2016, 2017)
    assert demo.undo_label == "Ny budgetversion 2015"


def test_the_rules_panel_marks_a_plan_year_over_the_ceiling_with_its_share(page, qtbot, demo):
    """Issue 15, 5: the panel shows each year's share with the decimals that decide."""
    from finsam_desktop.check import run_checks

    version = page.model.version
    prognos = ekonomi.eget_kapital_prognos_mot_tak(demo, version["id"])
    first = next(t for t in prognos if t.ar == version["ar"])
    # a surplus that takes the budget year's eget kapital just over its ceiling
    surplus = first.tak - first.eget_kapital + 100_00
    model = page.model
    row = first_row(model, Grupp.ADMINISTRATION)
    column = model.cols.column_of(version["ar"])
    now = model.data(model.index(row, column), Qt.ItemDataRole.UserRole)
    page.unit_combo.setCurrentIndex(page.unit_combo.findText("kr"))
    assert model.setData(model.index(row, column), str((now + surplus) // 100))
    qtbot.waitUntil(lambda: "över" in page.rules.eget_kapital.text())
    over = ekonomi.eget_kapital_prognos_mot_tak(demo, version["id"])
    this = next(t for t in over if t.ar == version["ar"])
    assert this.over_tak
    assert this.andel_text.replace("\u00a0", " ") in page.rules.eget_kapital.text().replace(
        "&nbsp;", " "
    ).replace("\u00a0", " ")
    codes = [
        f for f in run_checks(demo, today=APP_DAY) if f.code == "eget_kapital_prognos_over_tak"
    ]
    assert [f.year for f in codes][:1] == [version["ar"]]


def test_the_grid_marks_ej_fordelat_and_eget_kapital_and_sums_them_by_their_meaning(
    app, demo, draft
):
    model = BudgetGridModel()
    model.load(demo, draft)
    year = model.cols.years[0]
    col = model.cols.column_of(year)
    insats_rows = [
        line.rad for line in model.lines if line.kind is Kind.ROW and line.grupp is Grupp.INSATSER
    ]
    reserve = insats_rows[-1]  # the demo's reserverade medel: ej fördelade medel
    assert reserve["slag"] == "ej_fordelat"
    amount = model.amounts[reserve["id"]][year]
    ops.markera_rad(demo, reserve["id"], None)  # as an ordinary insats row first
    model.load(demo, draft)
    before_sum = model.group_sum(Grupp.INSATSER, year)
    before_result = model.resultat(year)
    ops.markera_rad(demo, reserve["id"], "ej_fordelat")
    income = ops.lagg_till_rad(demo, draft, Grupp.INTAKTER, "Eget kapital")
    ops.satt_belopp(demo, [(income, year, 10_000_000)])
    ops.markera_rad(demo, income, "eget_kapital")
    model.load(demo, draft)
    row = row_of(model, reserve["text"])
    assert model.data(model.index(row, 0)).strip() == f"{reserve['text']} [ej fördelade medel]"
    assert "Ej fördelade medel" in model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    ek = row_of(model, "Eget kapital")
    assert model.data(model.index(ek, 0)).strip() == (
        "Eget kapital [ianspråktagande av eget kapital]"
    )
    # not in Summa insatser, still in the costs and the result
    assert model.group_sum(Grupp.INSATSER, year) == before_sum - amount
    summa = kind_row(model, Kind.SUBTOTAL, Grupp.INSATSER)
    assert model._line_value(model.lines[summa], col) == before_sum - amount
    assert model.resultat(year) == before_result + 10_000_000
    assert model.resultat(year) == ekonomi.budget_balans(demo, draft, year)


def test_the_forbunds_own_uppstallning_is_made_in_its_dialog_and_shown_in_the_grid(
    page, qtbot, demo
):
    from ui.budget.uppstallning_dialog import UppstallningDialog

    model = page.model
    year = model.cols.years[0]
    col = model.cols.column_of(year)
    page._uppstallning()
    dialog = page._open_dialog
    assert isinstance(dialog, UppstallningDialog)
    dialog._new()
    new = dialog._child
    new.rubrik.setText("Styrelse och kansli")
    new.summa.setText("Summa styrelse och kansli")
    accept(qtbot, new)
    assert dialog.table.item(0, 0).text() == "Styrelse och kansli"
    assert dialog.table.item(0, 3).text() == "0"  # no rows placed yet
    # a summa line without rows must sum every intäkt or kostnad: said in the dialog
    dialog._new()
    bad = dialog._child
    bad.summa.setText("Summa totala kostnader")
    bad.buttons.accepted.emit()
    assert "En summarad utan rubrik har inga egna rader" in bad.error.text()
    bad.summerar.setCurrentIndex(bad.summerar.findData("kostnader"))
    accept(qtbot, bad)
    dialog.reject()

    styrelse = model.lines[first_row(model, Grupp.STYRELSE)].rad
    admin = model.lines[first_row(model, Grupp.ADMINISTRATION)].rad
    for rad in (styrelse, admin):
        page.grid.setCurrentIndex(model.index(row_of(model, rad["text"]), 2))
        page._link()
        link = page._open_dialog
        link.avsnitt.setCurrentIndex(link.avsnitt.findText("Styrelse och kansli"))
        accept(qtbot, link)
    assert demo.undo_label == "Koppla budgetrad"
    heading = next(i for i, line in enumerate(model.lines) if line.kind is Kind.GROUP)
    assert model.data(model.index(heading, 0)) == "Styrelse och kansli"
    assert [model.lines[heading + i].rad_id for i in (1, 2)] == [styrelse["id"], admin["id"]]
    summa = model.lines[heading + 3]
    assert model.data(model.index(heading + 3, 0)) == "Summa styrelse och kansli"
    both = model.amounts[styrelse["id"]].get(year, 0) + model.amounts[admin["id"]].get(year, 0)
    assert model._line_value(summa, col) == both
    # the kostnader line adds every cost row (not the finansiella poster); the meaning's
    # result is unchanged
    total = next(
        line for line in model.lines if line.avsnitt and line.avsnitt.summa.endswith("kostnader")
    )
    costs = (Grupp.ADMINISTRATION, Grupp.STYRELSE, Grupp.INSATSER, Grupp.AVSKRIVNINGAR)
    assert model._line_value(total, col) == sum(
        model.amounts[line.rad_id].get(year, 0)
        for line in model.lines
        if line.kind is Kind.ROW and line.grupp in costs
    )
    assert model.resultat(year) == ekonomi.budget_balans(demo, page.model.version["id"], year)
    # moving a row moves it among the rows of its avsnitt
    page.grid.setCurrentIndex(model.index(heading + 2, 2))
    page._move(-1)
    assert model.lines[heading + 1].rad_id == admin["id"]
    # a typed amount updates the förbund's subtotal at once
    assert model.setData(model.index(heading + 1, col), "-1 000")
    assert model._line_value(model.lines[heading + 3], col) == (
        -1_000_000_00 + model.amounts[styrelse["id"]].get(year, 0)
    )


def test_an_income_row_is_made_to_stand_for_several_members_in_the_koppla_dialog(page, qtbot, demo):
    model = page.model
    year = model.cols.years[0]
    row = first_row(model, Grupp.INTAKTER)
    page.grid.setCurrentIndex(model.index(row, 2))
    page._link()
    dialog = page._open_dialog
    before_member = model.lines[row].rad["medlem_id"]
    dialog.medlem.setCurrentIndex(dialog.medlem.findData(dialog.FLERA))
    assert not dialog.flera.isHidden()
    dialog.flera.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.buttons.accepted.emit()  # one member is not several: said in the dialog
    assert "minst två medlemmar" in dialog.error.text()
    dialog.flera.item(1).setCheckState(Qt.CheckState.Checked)
    ids = [dialog.flera.item(i).data(Qt.ItemDataRole.UserRole) for i in (0, 1)]
    before = ekonomi.budget_driftbidrag(demo, model.version["id"], year)
    accept(qtbot, dialog)
    rad = model.lines[row_of(model, model.lines[row].rad["text"])].rad
    assert ekonomi.radens_medlemmar(rad) == tuple(sorted(ids))
    after = ekonomi.budget_driftbidrag(demo, model.version["id"], year)
    # the same driftbidrag in all, now shared by the two members the row stands for
    assert sum(after.values()) == sum(before.values())
    others = set(before) - {rad["medlem_id"], *ids} - {before_member}
    assert {m: after[m] for m in others} == {m: before[m] for m in others}
    # opened again, the dialog shows the members it stands for
    page._link()
    again = page._open_dialog
    assert again.medlem.currentData() == again.FLERA
    checked = [
        again.flera.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(again.flera.count())
        if again.flera.item(i).checkState() == Qt.CheckState.Checked
    ]
    assert sorted(checked) == sorted(ids)
    again.reject()


def test_versions_of_one_year_are_numbered_and_the_grids_looks_are_explained(page, demo):
    """Issue 18.8: two versions of one name told apart; the grey italics explained."""
    texts = [page.version_combo.itemText(i) for i in range(page.version_combo.count())]
    twins = [t for t in texts if t.startswith("2026 – ")]
    assert len(twins) == 2
    assert sorted(t.split(", version ")[1][0] for t in twins) == ["1", "2"]
    assert all(", version " not in t for t in texts if t.startswith("2025 – "))
    assert "härledda av programmet" in page.legend.text()
    assert page.legend.isVisible()


def test_the_chosen_versions_whole_name_is_its_tooltip(page, demo):
    """A version's name is longer than the combo at 1280 px; hovering shows all of it."""
    combo = page.version_combo
    assert combo.toolTip() == combo.currentText() != ""
    other = next(i for i in range(combo.count()) if i != combo.currentIndex())
    combo.setCurrentIndex(other)
    assert combo.toolTip() == combo.itemText(other)


def _ekonomienhetens_fil(path, demo, year: int, months: int = 3) -> list[str]:
    """An Excel as a kommun's ekonomienhet sends it: a title above the headers, the usual
    headers, one row per account and month, and a total row at the bottom. Returns the
    accounts used (those of the year's budget rows, so each has its place)."""
    from openpyxl import Workbook

    version = ekonomi.arets_budget(demo, year).version
    konton = sorted(
        {r["konto"] for r in ekonomi.versionens_rader(demo, version["id"]) if r["konto"]}
    )[:4]
    wb = Workbook()
    ws = wb.active
    ws.append(["Utfall per konto, Samordningsförbundet Norrådalen"])
    ws.append([])
    ws.append(["Konto", "Kontonamn", "Ansvar", "Period", "Belopp"])
    total = 0
    for m in range(1, months + 1):
        for k in konton:
            ws.append([k, f"Konto {k}", "", f"{year}{m:02d}", 1000])
            total += 1000
    ws.append(["", "Summa", "", "", total])
    wb.save(path)
    return konton


def test_the_utfall_dialog_reads_the_ekonomienhets_own_file_as_it_comes(
    page, qtbot, demo, tmp_path
):
    """Issue 18.3 and 18.4: the year from the file's periods, the usual headers recognised,
    the total row skipped and said, a wrong year summarised without growing the dialog."""
    from finsam_desktop import utfall_import
    from ui.budget.utfall_dialog import UtfallImportDialog

    with demo.write("Ingen sparad mappning") as db:  # as on the first import
        db.execute("DELETE FROM installning WHERE nyckel LIKE 'utfall%'")
    assert utfall_import.sparad_mappning(demo) is None
    path = tmp_path / "Utfall 2025.xlsx"
    konton = _ekonomienhetens_fil(path, demo, 2025)
    dialog = UtfallImportDialog(demo, 2028, page)  # opened on the year of another version
    qtbot.addWidget(dialog)
    dialog.set_path(path)
    assert dialog.year.value() == 2025
    assert dialog.period.currentText() == "Period"
    assert dialog.objekt.currentText() == "Ansvar"
    assert dialog.konto.currentText() == "Konto" and dialog.belopp.currentText() == "Belopp"
    # the wrong year: one short sentence, the rows in a short scrolled list, Importera in view
    dialog.year.setValue(2024)
    assert "saker att rätta; se listan" in dialog.error.text()
    assert not dialog.problems.isHidden()
    assert dialog.problems.toPlainText().count("\n") <= 30
    assert dialog.sizeHint().height() < 900
    dialog.year.setValue(2025)
    assert dialog.problems.isHidden() and not dialog.error.text()
    dialog.ersatt.setChecked(True)  # the demo has 2025's utfall
    # both kommuner's driftbidrag are on 3013 (issue 18.2): asked how to split, never one row
    dialog._try_accept()
    assert "flera budgetrader" in dialog.problems.toPlainText()
    dialog.set_choice("delning", "3013", "budget")
    qtbot.waitUntil(lambda: dialog.mapping.rowCount() > 0)
    dialog.set_choice("delning", "4510", "budget")
    qtbot.waitUntil(lambda: dialog.mapping.rowCount() > 0)
    accept(qtbot, dialog)
    assert any(d.startswith("Konto 3013") for d in dialog.result.delat), dialog.result.delat
    # 3011 and 3012 a row each month; 3013 a row per kommun, 4510 a row per insats
    shared = utfall_import.delade_konton(demo, 2025)
    assert konton == ["3011", "3012", "3013", "4510"]
    assert dialog.result.rader == 3 * (2 + len(shared["3013"]) + len(shared["4510"]))
    assert any("summaraden ”Summa”" in o for o in dialog.result.obs)


def test_the_utfall_dialog_asks_how_a_shared_konto_is_split_and_shows_each_way(
    page, qtbot, demo, tmp_path
):
    """Issue 18.2: 3013 carries both kommuner's driftbidrag. The dialog shows the konto with
    its rows' budget shares, then each ansvar's row, or each row's percent, as chosen."""
    from openpyxl import Workbook

    from finsam_desktop import utfall_import
    from ui.budget.utfall_dialog import UtfallImportDialog

    norr, lill = (r["text"] for r in utfall_import.delade_konton(demo, 2027)["3013"])
    wb = Workbook()
    ws = wb.active
    ws.append(["Konto", "Ansvar", "Belopp"])
    ws.append([3013, 110, -762000])
    ws.append([3013, 120, -508000])
    path = tmp_path / "Driftbidrag 2027.xlsx"
    wb.save(path)
    dialog = UtfallImportDialog(demo, 2027, page)
    qtbot.addWidget(dialog)
    dialog.set_path(path)
    dialog.year.setValue(2027)

    def labels():
        return [dialog.mapping.item(r, 0).text().strip() for r in range(dialog.mapping.rowCount())]

    assert "Konto 3013 står på 2 budgetrader" in labels()
    method = next(
        dialog.mapping.cellWidget(r, 2)
        for r in range(dialog.mapping.rowCount())
        if dialog.mapping.item(r, 0).data(Qt.ItemDataRole.UserRole) == ("delning", "3013")
    )
    assert "Efter radernas budget (60 % / 40 %)" in [
        method.itemText(i) for i in range(method.count())
    ]
    dialog.set_choice("delning", "3013", "objekt")
    qtbot.waitUntil(lambda: "ansvar/objekt 110" in labels())
    dialog.set_choice("delning-objekt", ("3013", "110"), lill)
    dialog.set_choice("delning-objekt", ("3013", "120"), norr)
    dialog.set_choice("delning", "3013", "hand")
    qtbot.waitUntil(lambda: norr in labels())
    dialog.set_choice("delning-andel", ("3013", norr), "70")
    dialog.set_choice("delning-andel", ("3013", lill), "30")
    accept(qtbot, dialog)
    stored = dict(
        demo.conn.execute(
            "SELECT text, belopp_ore FROM utfall WHERE ar = 2027 AND konto = '3013'"
        ).fetchall()
    )
    assert stored == {norr: 88_900_000, lill: 38_100_000}
    # the ansvar chosen on the way is remembered with the method last chosen
    kept = utfall_import.sparade_val(demo).delning["3013"]
    assert kept.satt == "hand" and kept.objekt == {"110": lill, "120": norr}


def test_utfall_mot_budget_shows_the_decided_budget_the_last_month_and_the_reports_prognosis(
    page, qtbot, demo
):
    """Issue 18.7: whichever version the grid shows (a förslag for 2026 here), the view holds
    the running year's utfall against its decided budget, names the last month, and gives
    the delårsrapport's prognosis; a closed year shows budget, utfall and avvikelse."""
    page.unit_combo.setCurrentIndex(page.unit_combo.findData(Unit.KR.value))
    page.action_uppfoljning.trigger()
    dialog = page._open_dialog
    qtbot.waitUntil(dialog.isVisible)
    manad = ekonomi.senaste_utfallsmanad(demo, 2025)
    assert dialog.year.currentData() == 2025 and manad is not None
    decided = ekonomi.gallande_budget(demo, 2025)
    assert dialog.budget_label.text() == (
        f"Hålls mot Budget 2025 ”{decided['namn']}”, beslutad {decided['beslut_datum']} "
        f"{decided['beslut_paragraf']}."
    )
    month = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
             "september", "oktober", "november", "december")[manad - 1]  # fmt: skip
    assert f"det senaste månadsutfallet är {month}" in dialog.period_label.text()
    heads = [dialog.table.horizontalHeaderItem(j).text() for j in range(dialog.table.columnCount())]
    assert heads[1:] == ["Budget helår 2025", f"Utfall januari–{month}", "Prognos helår",
                         "Avvikelse mot budget"]  # fmt: skip
    # the one prognosis: the figure the delårsrapport and the verksamhetsplan give
    prognos = ekonomi.arets_resultat_prognos(demo, 2025, manad)
    assert dialog.cell_text("Resultat", 3) == format_amount(prognos)
    budget = ekonomi.budget_resultat(demo, decided["id"], 2025)
    assert dialog.cell_text("Resultat", 1) == format_amount(budget)
    assert dialog.cell_text("Resultat", 4) == format_amount(prognos - budget)
    # 2024 is booked by month through December: a whole year, no prognosis
    assert ekonomi.senaste_utfallsmanad(demo, 2024) == 12
    dialog.year.setCurrentIndex(dialog.year.findData(2024))
    heads = [dialog.table.horizontalHeaderItem(j).text() for j in range(dialog.table.columnCount())]
    assert heads[1:] == ["Budget 2024", "Utfall 2024", "Avvikelse"]
    assert dialog.period_label.text() == "Utfall för hela 2024."
    assert dialog.cell_text("Resultat", 2) == format_amount(ekonomi.arets_resultat(demo, 2024))
    dialog.reject()


def test_the_utfall_dialog_takes_a_ledgers_debet_and_kredit_columns(page, qtbot, demo, tmp_path):
    """Issue 18.4: Debet and Kredit recognised from their headers; Belopp is then not used."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Konto", "Kontonamn", "Period", "Debet", "Kredit"])
    ws.append([3011, "Driftbidrag staten", "202501", None, 2_540_000])
    ws.append([6110, "Kontorsmaterial", "202501", 1_250, None])
    path = tmp_path / "Huvudbok.xlsx"
    wb.save(path)
    from ui.budget.utfall_dialog import UtfallImportDialog

    dialog = UtfallImportDialog(demo, 2025, page)
    qtbot.addWidget(dialog)
    dialog.set_path(path)
    assert dialog.debet.currentText() == "Debet" and dialog.kredit.currentText() == "Kredit"
    assert not dialog.belopp.isEnabled() and not dialog.negativa.isEnabled()
    mappning = dialog.mappning()
    assert (mappning.belopp, mappning.debet, mappning.kredit) == ("", "Debet", "Kredit")
    amounts = {
        dialog.mapping.item(r, 0).text(): dialog.mapping.item(r, 1).text()
        for r in range(dialog.mapping.rowCount())
    }
    assert amounts.get("Konto 6110", "").replace("\u00a0", " ") == "−1 250"


def test_the_utfall_dialog_says_what_the_command_line_says_of_an_sie_file(
    page, qtbot, demo, tmp_path
):
    """Issue 17: May's vouchers only, beside the year's period balances: the page says both
    that the file covers May and that its own balances give another result."""
    path = tmp_path / "maj.se"
    path.write_text(
        "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20250101 20251231\n"
        '#KONTO 3011 "Driftbidrag"\n#KONTO 7410 "Förbundschef"\n'
        "#PSALDO 0 202501 3011 {} -635000.00\n#PSALDO 0 202505 7410 {} 64583.00\n"
        '#VER A 1 20250505 "Förbundschef maj"\n{\n#TRANS 7410 {} 64583.00\n'
        "#TRANS 1930 {} -64583.00\n}\n",
        encoding="cp437",
    )
    page._import_utfall()
    dialog = page._open_dialog
    dialog.set_path(path)
    dialog.ersatt.setChecked(True)
    accept(qtbot, dialog)
    qtbot.waitUntil(lambda: getattr(page, "utfall_message", None) is not None)
    said = page.utfall_message.text().replace("\u00a0", " ")
    assert "Filen har utfall för maj 2025, inte för hela året" in said
    assert "Filens periodsaldon för 2025 (#PSALDO) ger resultatet 570 417 kr" in said
    page.utfall_message.close()


def test_a_bokslut_post_is_specified_by_kind_in_the_app_and_the_report_prints_it(
    page, qtbot, demo, tmp_path
):
    """Issue 16: the note's specification of kortfristiga skulder typed in the app, its sum
    held against the bokslut, stored in one action and printed in the årsredovisning."""
    import subprocess

    from finsam_desktop.model import BokslutPost
    from reports import arsredovisning
    from ui.budget.ekonomi_dialogs import BokslutDialog

    dialog = BokslutDialog(demo, 2024, page)
    qtbot.addWidget(dialog)
    dialog.spec_buttons[BokslutPost.KORTFRISTIGA_SKULDER].click()
    spec = dialog.spec_dialog
    qtbot.waitUntil(spec.isVisible)
    skulder = ekonomi.bokslut(demo, 2024).kortfristiga_skulder
    # the demo's own specification is shown first; the user replaces it with another
    shown = [spec.table.item(r, 0).text() for r in range(spec.table.rowCount())]
    assert shown == [
        t for t, _ in ekonomi.specifikation(demo, 2024, BokslutPost.KORTFRISTIGA_SKULDER)
    ]
    assert len(shown) == 3 and "Skillnad" not in spec.summa.text()
    while spec.table.rowCount():
        spec.table.removeRow(0)
    spec.add_row("Leverantörsskulder", format_amount(skulder - 4_000_000))
    spec.add_row("Upplupna kostnader", "30 000")
    assert "Skillnad" in spec.summa.text()  # 10 000 kr short of the bokslut
    spec.add_row("Skatter och avgifter", "10 000")
    assert "Skillnad" not in spec.summa.text()
    spec.add_row("Fel", "mycket")
    spec._try_accept()
    assert spec.error.text().startswith("Rad 4:")
    spec.table.removeRow(3)
    with qtbot.waitSignal(spec.finished):
        spec._try_accept()
    assert ekonomi.specifikation(demo, 2024, BokslutPost.KORTFRISTIGA_SKULDER) == [
        ("Leverantörsskulder", skulder - 4_000_000),
        ("Upplupna kostnader", 3_000_000),
        ("Skatter och avgifter", 1_000_000),
    ]
    assert demo.undo_label == "Specifikation kortfristiga skulder 2024"
    pdf = tmp_path / "ÅR 2024.pdf"
    pdf.write_bytes(arsredovisning.build(demo, 2024, today=APP_DAY))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Leverantörsskulder" in text and "Skatter och avgifter" in text
