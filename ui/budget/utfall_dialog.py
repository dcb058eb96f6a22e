"""Import utfall: choose an Excel or SIE file, map its columns, objects and accounts, import.

Excel: the columns holding konto, ansvar or projekt, belopp and (optionally) period are chosen
from the file's headers; the mapping is remembered per förbund. SIE: the dimension whose objects
are insatser is chosen. Then every object can be mapped to an insats and every account no
budget row carries to a group. Import is all or nothing: what could not be placed is listed
and nothing is stored.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
)

from finsam_desktop import insatser
from finsam_desktop import sie as sie_mod
from finsam_desktop import utfall_import as ui_mod
from finsam_desktop.errors import Refusal
from finsam_desktop.model import Grupp
from finsam_desktop.storage import ForbundFile
from finsam_desktop.swedish import plural

from ..forms.fields import choice_combo
from ..paths import save_folder
from .dialogs import _Dialog, fit_columns

_NONE = "(ingen)"


class UtfallImportDialog(_Dialog):
    def __init__(self, ff: ForbundFile, year: int, parent=None):
        super().__init__("Importera utfall", parent, "Importera")
        self.ff = ff
        self.path: Path | None = None
        self.result: ui_mod.Resultat | None = None
        self.sie: sie_mod.SieFil | None = None
        self.headers: list[str] = []
        self.hoppade: list[str] = []
        self.resize(720, 620)
        row = QHBoxLayout()
        self.file_label = QLineEdit()
        self.file_label.setReadOnly(True)
        self.file_label.setPlaceholderText("Excelfil (.xlsx) eller SIE-fil (.se, .si)")
        choose = QPushButton("Välj fil…")
        choose.clicked.connect(self._choose)
        row.addWidget(self.file_label, 1)
        row.addWidget(choose)
        self.form.addRow("Fil:", row)
        self.year = QSpinBox()
        self.year.setRange(2004, 2200)
        self.year.setValue(year)
        self.form.addRow("&År:", self.year)
        #: a mapping chosen before: its columns are taken; else the usual headers are sought
        self.has_saved = ui_mod.sparad_mappning(ff) is not None
        saved = ui_mod.sparad_mappning(ff) or ui_mod.Mappning()
        self.val = ui_mod.sparade_val(ff)
        self.konto = QComboBox()
        self.objekt = QComboBox()
        self.belopp = QComboBox()
        self.period = QComboBox()
        self.debet = QComboBox()
        self.kredit = QComboBox()
        self.saved = saved
        self.form.addRow("Kolumn för &konto:", self.konto)
        self.form.addRow("Kolumn för &ansvar/projekt:", self.objekt)
        self.form.addRow("Kolumn för &belopp:", self.belopp)
        # a ledger's file has the amount in two columns (issue 18.4)
        debet_kredit = QHBoxLayout()
        debet_kredit.addWidget(self.debet, 1)
        kredit_label = QLabel("k&redit:")
        kredit_label.setBuddy(self.kredit)
        debet_kredit.addWidget(kredit_label)
        debet_kredit.addWidget(self.kredit, 1)
        self.debet.setAccessibleName("Kolumn för debet")
        self.kredit.setAccessibleName("Kolumn för kredit")
        self.debet.setToolTip(
            "Har filen beloppet i två kolumner, debet och kredit, välj dem här i stället för "
            "en beloppskolumn: beloppet blir kredit − debet, så att intäkterna blir positiva."
        )
        debet_label = QLabel("Eller kolumner för &debet:")
        debet_label.setBuddy(self.debet)
        self.form.addRow(debet_label, debet_kredit)
        self.form.addRow("Kolumn för &period:", self.period)
        self.negativa = QCheckBox("Intäkterna står med minus i filen (som i bokföringen)")
        self.negativa.setChecked(saved.intakter_negativa)
        self.form.addRow("", self.negativa)
        self.dimension = QComboBox()
        self.dimension.setEditable(True)
        self.dimension.setCurrentText(self.val.dimension)
        self.form.addRow("SIE-&dimension för insatser:", self.dimension)
        hint = QLabel(
            "Koppla objekt till insatser och konton som ingen budgetrad har till en grupp. "
            "Konton som finns på en budgetrad placeras där av sig själva."
        )
        hint.setWordWrap(True)
        self.layout_.addWidget(hint)
        self.by_class = QCheckBox(
            "Placera konton utan budgetrad eller grupp efter kontoklass, i en rad med kontots namn"
        )
        self.by_class.setToolTip(
            "3xxx blir intäkter, 4xxx–7xxx administration, 8xxx finansiella poster; importen "
            "säger efteråt vart varje konto gick. Annars stoppas importen och kontona räknas upp."
        )
        self.layout_.addWidget(self.by_class)
        self.mapping = QTableWidget(0, 3)
        self.mapping.setHorizontalHeaderLabels(["Objekt eller konto", "Belopp", "Placeras i"])
        self.mapping.verticalHeader().setVisible(False)
        self.mapping.horizontalHeader().setStretchLastSection(True)
        self.layout_.addWidget(self.mapping, 1)
        #: asked before a year's utfall is replaced (issue 18.5): what, and that it is kept
        self.ersatt = QCheckBox()
        self.ersatt.setVisible(False)
        self.layout_.addWidget(self.ersatt)
        self.year.valueChanged.connect(self._update_replace)
        self._update_replace()
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName("Det som inte kunde placeras")
        self.problems.setVisible(False)
        self.problems.setMaximumHeight(140)
        self.layout_.addWidget(self.problems)
        for combo in (self.konto, self.objekt, self.belopp, self.period, self.debet, self.kredit):
            combo.currentIndexChanged.connect(self._refresh_mapping)
        for combo in (self.debet, self.kredit):
            combo.currentIndexChanged.connect(self._enable)
        self.year.valueChanged.connect(self._refresh_mapping)
        self.dimension.currentTextChanged.connect(self._refresh_mapping)
        self.finish_layout()
        self._enable()

    # -- the file -------------------------------------------------------------------------------

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Välj fil med utfall",
            str(save_folder(self.ff.path)),
            "Utfall (*.xlsx *.se *.si *.sie);;Alla filer (*)",
        )
        if name:
            self.set_path(Path(name))

    @property
    def is_sie(self) -> bool:
        return self.path is not None and self.path.suffix.lower() != ".xlsx"

    def set_path(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(str(path))
        self.show_error("")
        self.sie, self.headers = None, []
        try:
            if self.is_sie:
                self.sie = sie_mod.read(path)
                self.dimension.blockSignals(True)
                self.dimension.clear()
                for d, namn in sorted(self.sie.dimensioner.items()):
                    self.dimension.addItem(f"{d}", d)
                    self.dimension.setItemText(self.dimension.count() - 1, d)
                    self.dimension.setItemData(
                        self.dimension.count() - 1, namn, Qt.ItemDataRole.ToolTipRole
                    )
                self.dimension.setCurrentText(self.val.dimension)
                self.dimension.blockSignals(False)
                if self.sie.ar(0):
                    self.year.setValue(self.sie.ar(0))
            else:
                self.headers = _excel_headers(path)
        except Refusal as exc:
            self.show_error(str(exc))
        self._fill_columns()
        if not self.is_sie and self.headers:
            # the year the file's periods say, not the year of the version on screen
            year = ui_mod.filens_ar(path, self.mappning())
            if year is not None and 2004 <= year <= 2200:
                self.year.blockSignals(True)
                self.year.setValue(year)
                self.year.blockSignals(False)
        self._enable()
        self._refresh_mapping()

    def _fill_columns(self) -> None:
        combos = (
            (self.konto, self.saved.konto, False),
            (self.objekt, self.saved.objekt, True),
            (self.belopp, self.saved.belopp, False),
            (self.period, self.saved.period, True),
            (self.debet, self.saved.debet, True),
            (self.kredit, self.saved.kredit, True),
        )
        for combo, wanted, optional in combos:
            combo.blockSignals(True)
            combo.clear()
            if optional:
                combo.addItem(_NONE, "")
            for h in self.headers:
                combo.addItem(h, h)
            index = combo.findData(wanted)
            if optional and (index < 0 or (index == 0 and not self.has_saved)):
                # the ekonomienhet's usual words for the column (issue 18.4)
                common = {
                    self.objekt: _OBJEKT_RUBRIKER,
                    self.period: _PERIOD_RUBRIKER,
                    self.debet: {"debet"},
                    self.kredit: {"kredit"},
                }[combo]
                index = next(
                    (
                        i
                        for i in range(combo.count())
                        if combo.itemText(i).strip().casefold() in common
                    ),
                    0,
                )
            if index < 0 and not optional:
                index = next(
                    (
                        i
                        for i in range(combo.count())
                        if combo.itemText(i).casefold().startswith(wanted.casefold()[:4])
                    ),
                    0,
                )
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

    def _enable(self) -> None:
        excel = self.path is not None and not self.is_sie
        for w in (self.konto, self.objekt, self.period, self.debet, self.kredit):
            w.setEnabled(excel)
        two = self.debet.currentData() and self.kredit.currentData()
        self.belopp.setEnabled(excel and not two)
        self.negativa.setEnabled(excel and not two)  # kredit − debet: intäkter positive
        self.dimension.setEnabled(self.is_sie)
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(self.path is not None)

    def mappning(self) -> ui_mod.Mappning:
        debet, kredit = self.debet.currentData() or "", self.kredit.currentData() or ""
        two = bool(debet and kredit)
        return ui_mod.Mappning(
            konto=self.konto.currentData() or "",
            objekt=self.objekt.currentData() or "",
            belopp="" if two else self.belopp.currentData() or "",
            period=self.period.currentData() or "",
            intakter_negativa=self.negativa.isChecked(),
            debet=debet if two else "",
            kredit=kredit if two else "",
        )

    def _poster(self) -> list[ui_mod.Post]:
        if self.path is None:
            return []
        if self.is_sie:
            poster, _ = ui_mod.las_sie(
                self.path, self.year.value(), self.dimension.currentText() or None
            )
            return poster
        self.hoppade = []
        return ui_mod.las_excel(self.path, self.mappning(), self.year.value(), hoppade=self.hoppade)

    # -- the mapping table ----------------------------------------------------------------------

    def _refresh_mapping(self) -> None:
        self.mapping.setRowCount(0)
        try:
            poster = self._poster()
        except ui_mod.UtfallImportError as exc:
            if self.path is not None:
                self._show_problems(exc)
            return
        except sie_mod.SieError as exc:
            if self.path is not None:
                self.show_error(str(exc))
            return
        self.show_error("")
        self.problems.setVisible(False)
        budget_konton = ui_mod.budgetens_konton(self.ff, self.year.value())
        shared = ui_mod.delade_konton(self.ff, self.year.value())
        objekt: dict[str, int] = {}
        konton: dict[str, int] = {}
        #: konto carried by several budget rows → {objekt or "": sum} of the posts to split
        delas: dict[str, dict[str, int]] = {}
        for p in poster:
            if p.objekt is not None:
                objekt[p.objekt] = objekt.get(p.objekt, 0) + p.belopp_ore
            if p.konto not in budget_konton:
                konton[p.konto] = konton.get(p.konto, 0) + p.belopp_ore
            elif p.konto in shared and p.objekt not in self.val.objekt_insats:
                per = delas.setdefault(p.konto, {})
                per[p.objekt or ""] = per.get(p.objekt or "", 0) + p.belopp_ore
        insatslista = insatser.namnlista(self.ff)
        names = self.sie.objekt if self.sie else {}
        from finsam_desktop.money import format_amount

        for obj, total in sorted(objekt.items()):
            combo = choice_combo(
                [("(ingen insats)", None)] + [(i.namn, i.id) for i in insatslista],
                self.val.objekt_insats.get(obj),
            )
            namn = names.get((self.dimension.currentText(), obj), "")
            self._add_row(
                ("objekt", obj), f"Objekt {obj} {namn}".strip(), format_amount(total), combo
            )
        for konto, total in sorted(konton.items()):
            combo = choice_combo(
                [("(ingen grupp)", None)] + [(g.label, g.value) for g in Grupp],
                self.val.konto_grupp.get(konto),
            )
            self._add_row(("konto", konto), f"Konto {konto}", format_amount(total), combo)
        for konto, per in sorted(delas.items()):
            self._add_split_rows(konto, shared[konto], per)
        fit_columns(self.mapping)

    def _add_split_rows(self, konto: str, rows: list[dict], per: dict[str, int]) -> None:
        """A konto several budget rows carry (issue 18.2): how to split it, and under it the
        split's details (each ansvar's row, or each row's percent)."""
        from finsam_desktop.money import format_amount

        d = self.val.delning.get(konto)
        budget = sum(r["budget_ore"] for r in rows)
        shares = (
            " / ".join(f"{r['budget_ore'] * 100 / budget:.0f} %" for r in rows) if budget else ""
        )
        methods = [("(välj hur det delas)", None)] + [
            (f"{text} ({shares})" if m == ui_mod.DELA_BUDGET and shares else text, m)
            for m, text in ui_mod.DELNINGSSATT.items()
        ]
        combo = choice_combo(methods, d.satt if d else None, f"Hur konto {konto} delas")
        # after the signal: the rebuild deletes the combo that sends it
        combo.currentIndexChanged.connect(lambda _i: QTimer.singleShot(0, self, self._redo_mapping))
        self._add_row(
            ("delning", konto),
            f"Konto {konto} står på {len(rows)} budgetrader",
            format_amount(sum(per.values())),
            combo,
        )
        if d is None or d.satt == ui_mod.DELA_BUDGET:
            return
        if d.satt == ui_mod.DELA_OBJEKT:
            for obj, total in sorted(per.items()):
                row_combo = choice_combo(
                    [("(ingen rad)", None)] + [(r["text"], r["text"]) for r in rows],
                    d.objekt.get(obj),
                    f"Rad för konto {konto}, ansvar {obj}",
                )
                label = f"    ansvar/objekt {obj}" if obj else "    utan ansvar/objekt"
                self._add_row(("delning-objekt", (konto, obj)), label, format_amount(total),
                              row_combo)  # fmt: skip
            return
        for r in rows:
            edit = QLineEdit(d.andelar.get(r["text"], ""))
            edit.setPlaceholderText("andel i %")
            edit.setAccessibleName(f"Andel i procent för {r['text']}")
            self._add_row(("delning-andel", (konto, r["text"])), f"    {r['text']}", "", edit)

    def _redo_mapping(self) -> None:
        """The split's method changed: keep every choice made and show that method's rows."""
        self.val = self.chosen_val()
        self._refresh_mapping()

    def _update_replace(self) -> None:
        there = ui_mod.befintligt(self.ff, self.year.value())
        self.ersatt.setText(
            f"Ersätt {there} (en säkerhetskopia görs först, och Ångra tar tillbaka importen)"
            if there
            else ""
        )
        self.ersatt.setChecked(False)
        self.ersatt.setVisible(there is not None)

    def _show_problems(self, exc: ui_mod.UtfallImportError) -> None:
        """The short sentence under the form; the rows, summarised, in the scrolled list (a
        file of the wrong year gave 170 lines that pushed Importera off the screen)."""
        summary = _summarised(exc.problem)
        said = f" {plural(len(exc.problem), 'sak', 'saker')} att rätta; se listan."
        self.show_error(exc.kort + (said if exc.problem else ""))
        self.problems.setPlainText("\n".join(summary))
        self.problems.setVisible(bool(summary))

    def _add_row(self, key, text: str, amount: str, widget: QComboBox | QLineEdit) -> None:
        r = self.mapping.rowCount()
        self.mapping.insertRow(r)
        item = QTableWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.mapping.setItem(r, 0, item)
        amount_item = QTableWidgetItem(amount)
        amount_item.setFlags(amount_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        amount_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.mapping.setItem(r, 1, amount_item)
        self.mapping.setCellWidget(r, 2, widget)

    def chosen_val(self) -> ui_mod.Val:
        delning = {
            k: replace(d, andelar=dict(d.andelar), objekt=dict(d.objekt))
            for k, d in self.val.delning.items()
        }
        val = ui_mod.Val(
            dict(self.val.objekt_insats), dict(self.val.konto_grupp), self.val.dimension,
            delning=delning,
        )  # fmt: skip
        if self.is_sie:
            val.dimension = self.dimension.currentText().strip() or "6"
        if self.by_class.isChecked():
            val.okopplade = ui_mod.PLACE_BY_CLASS
        for r in range(self.mapping.rowCount()):
            kind, key = self.mapping.item(r, 0).data(Qt.ItemDataRole.UserRole)
            widget = self.mapping.cellWidget(r, 2)
            if kind == "delning-andel":
                konto, text = key
                if konto in val.delning:
                    val.delning[konto].andelar[text] = widget.text().strip()
                continue
            value = widget.currentData()
            if kind == "delning":
                old = val.delning.get(key)
                if value is None:
                    val.delning.pop(key, None)
                elif old is None or old.satt != value:
                    val.delning[key] = ui_mod.Delning(
                        value, old.andelar if old else {}, old.objekt if old else {}
                    )
                continue
            if kind == "delning-objekt":
                konto, obj = key
                if konto in val.delning:
                    target = val.delning[konto].objekt
                    if value is None:
                        target.pop(obj, None)
                    else:
                        target[obj] = value
                continue
            target = val.objekt_insats if kind == "objekt" else val.konto_grupp
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value
        return val

    def set_choice(self, kind: str, key, value) -> None:
        """Choose where an object or konto goes, how a shared konto is split, or a row's
        percent (for tests and keyboard users alike)."""
        for r in range(self.mapping.rowCount()):
            if self.mapping.item(r, 0).data(Qt.ItemDataRole.UserRole) == (kind, key):
                widget = self.mapping.cellWidget(r, 2)
                if isinstance(widget, QLineEdit):
                    widget.setText(str(value))
                else:
                    widget.setCurrentIndex(widget.findData(value))
                return
        raise KeyError(key)

    def perform(self) -> None:
        if self.path is None:
            raise Refusal("Välj en fil först.")
        self.problems.setVisible(False)
        try:
            poster = self._poster()
            self.result = ui_mod.spara(
                self.ff,
                self.year.value(),
                poster,
                self.chosen_val(),
                kalla=self.path.name,
                mappning=None if self.is_sie else self.mappning(),
                ersatt_ok=self.ersatt.isChecked(),
            )
            if not self.is_sie and self.hoppade:  # total rows skipped: said afterwards
                self.result = replace(self.result, obs=tuple(self.hoppade))
            if self.is_sie and self.sie is not None:  # as the command line says it (issue 17)
                obs = ui_mod.sie_obs(self.sie, self.year.value(), poster, self.result)
                self.result = replace(self.result, obs=obs)
        except ui_mod.UtfallImportError as exc:
            self._show_problems(exc)
            raise Refusal(self.error.text()) from None
        except sie_mod.SieError as exc:
            raise Refusal(str(exc)) from None


#: Headers the ekonomienhet's files use for the object and the period columns.
_OBJEKT_RUBRIKER = {"ansvar", "objekt", "projekt", "aktivitet", "verksamhet", "kostnadsställe"}
_PERIOD_RUBRIKER = {"period", "månad", "manad", "bokföringsperiod", "datum"}
#: How many problem rows the list shows before it says how many more there are.
_VISADE = 30


def _summarised(problem: list[str]) -> list[str]:
    if len(problem) <= _VISADE:
        return list(problem)
    return [*problem[:_VISADE], f"… och {len(problem) - _VISADE} rader till med fel."]


def _excel_headers(path: Path) -> list[str]:
    """The first row of the first sheet with at least two texts: the column headers."""
    from finsam_desktop import xlsx

    # The bounded reader of every import: a zip bomb or a formula without a value is refused
    # here already, with the same sentence the import would give.
    try:
        wb = xlsx.load(Path(path), xlsx.EKONOMIFIL)
    except xlsx.XlsxError as exc:
        raise Refusal(str(exc)) from None
    if wb.worksheets:
        for r, cells in xlsx.rows(xlsx.first_sheet(wb)):
            if r > 20:
                break
            texts = [
                str(c.value).strip()
                for c in cells.values()
                if c.data_type == "s" and isinstance(c.value, str) and c.value.strip()
            ]
            if len(texts) >= 2:
                return texts
    raise Refusal(f"{path.name} har ingen rubrikrad bland de första 20 raderna.")
