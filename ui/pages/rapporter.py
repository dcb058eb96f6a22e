"""Rapporter: write the verksamhetsplan, the delårsrapport and the årsredovisning as PDF.

Pick the report and its year (and the date of a delårsrapport), edit the förbund's own texts
for each section (stored per report and year; a new year starts from last year's text), then
write the PDF. The PDF is built off the GUI thread from a snapshot of the file
(:func:`ui.operations.run_in_background`), so the window stays responsive and shows progress;
Avbryt stops it between steps. The result can be saved and opened in the
system's PDF viewer; the page shows the report's pages as pictures beside its contents.
(QtPdf is not in the PySide6-Essentials wheel, and no renderer of PDF pages to images ships
with ReportLab or Qt here, so the full page view is the system viewer's.)

The arbetsbok (Excel) export and import stay here too.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import avvikelser, justering, rapportdata, rapporttexter
from finsam_desktop.dates import DateError
from finsam_desktop.errors import Refusal
from finsam_desktop.money import Unit
from finsam_desktop.settings import get_setting

from ..errors import is_refusal, message_of
from ..forms.date_field import DateField
from ..operations import Operation, run_in_background
from ..paths import ask_save_path, save_folder
from ..style import set_role
from ..widgets.pdf_preview import PdfPreview
from .base import Page, add_labelled, card

#: The reports in the order of the year's work, with the word the combo box shows.
RAPPORTER = (
    ("arsredovisning", "Årsredovisning"),
    ("delarsrapport", "Delårsrapport"),
    ("verksamhetsplan", "Verksamhetsplan med budget"),
)

MARKUP_HELP = (
    "Tom rad mellan stycken. Rader som börjar med ”- ” blir en punktlista. "
    "**Två stjärnor** runt ord ger fetstil."
)


def _build(snapshot, steps, rapport: str, year: int, date, enhet: str, today):
    """One report's PDF bytes and its contents, from a snapshot of the file (a worker thread)."""
    import pypdfium2  # noqa: F401  the preview's; its ~40 ms import is paid here, not by the window

    from finsam_desktop.forbund import kontrollera_ar
    from reports import common
    from reports.pdf.document import Innehall

    # a year the file has nothing for is refused with the years it has, as `finsam report`
    kontrollera_ar(snapshot, date.year if date is not None else year, today)
    build = common.builders()[rapport][0]
    innehall = Innehall()
    kwargs = {"enhet": enhet, "today": today, "innehall": innehall, "progress": steps}
    if rapport == "delarsrapport":
        data = build(snapshot, year, date, **kwargs)
    else:
        data = build(snapshot, year, **kwargs)
    return bytes(data), innehall


class RapporterPage(Page):
    key = "rapporter"
    title = "Rapporter"
    icon_name = "rapporter"
    description = (
        "Verksamhetsplan, delårsrapport och årsredovisning som PDF, med siffrorna ur "
        "förbundsfilen och förbundets egna texter."
    )

    #: Asks the main window to run its export or import action.
    export_requested = Signal()
    import_requested = Signal()
    #: The årsredovisning to send for the styrelse's signatures (a justering.Handling).
    signing_requested = Signal(object)
    #: A report's PDF is ready (the bytes); tests and the status line listen.
    report_ready = Signal(bytes)
    report_failed = Signal(str)

    def __init__(self, today=None, parent=None):
        super().__init__(today, parent)
        self.pdf: bytes | None = None
        self.saved_path: Path | None = None
        self.operation: Operation | None = None
        self._loaded_text = ""
        self._current: tuple[str, int, str] | None = None
        self._storing = False  # a text is being written: the file's announcement is ours
        layout = self.page_layout(scroll=True)

        # -- choosing the report --
        frame, box = card("Rapport")
        row = QHBoxLayout()
        self.report_combo = QComboBox()
        for code, label in RAPPORTER:
            self.report_combo.addItem(label, code)
        self.report_combo.setAccessibleName("Rapport")
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2004, 2200)
        self.year_spin.setAccessibleName("År")
        self.date_edit = DateField("Per datum", today=self.today)
        self.date_label = QLabel("&Per datum")
        self.date_label.setBuddy(self.date_edit)
        self.unit_combo = QComboBox()
        self.unit_combo.addItem("tkr med en decimal", "tkr")
        self.unit_combo.addItem("kronor", "kr")
        self.unit_combo.setAccessibleName("Belopp i")
        add_labelled(row, "&Rapport", self.report_combo, 10)
        add_labelled(row, "&År", self.year_spin, 10)
        row.addWidget(self.date_label)
        row.addWidget(self.date_edit)
        row.addSpacing(10)
        add_labelled(row, "&Belopp i", self.unit_combo)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.date_edit.error)

        buttons = QHBoxLayout()
        self.build_button = QPushButton("&Skriv PDF")
        self.build_button.setAccessibleName("Skriv PDF")
        self.build_button.clicked.connect(self.build_report)
        self.save_button = QPushButton("Spara &som…")
        self.save_button.clicked.connect(self.save_report_as)
        self.open_button = QPushButton("Öppna i &PDF-läsaren")
        self.open_button.clicked.connect(self.open_report)
        self.signing_button = QPushButton("&Underskrifter…")
        self.signing_button.setToolTip(
            "Skicka årsredovisningen för styrelsens underskrifter och ta emot den signerade "
            "filen, i fliken Justering i mötet som beslutar den"
        )
        self.signing_button.clicked.connect(self.ask_signing)
        for b in (self.build_button, self.save_button, self.open_button, self.signing_button):
            buttons.addWidget(b)
        self.signing_state = set_role(QLabel(""), "muted")
        self.signing_state.setAccessibleName("Årsredovisningens underskrifter")
        buttons.addWidget(self.signing_state)
        buttons.addStretch(1)
        self.logo_button = QPushButton("&Logotyp…")
        self.logo_button.setToolTip("Välj en bild (PNG eller JPEG) till rapporternas omslag.")
        self.logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton("Ta bort logotyp")
        self.remove_logo_button.clicked.connect(self.remove_logo)
        buttons.addWidget(self.logo_button)
        buttons.addWidget(self.remove_logo_button)
        box.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton("Avbryt")
        self.cancel_button.setAccessibleName("Avbryt rapporten")
        self.cancel_button.clicked.connect(self.cancel_build)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        box.addLayout(progress_row)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        box.addWidget(self.status)
        self.preview = QListWidget()
        self.preview.setAccessibleName("Rapportens innehåll")
        self.preview.setMinimumHeight(120)
        self.preview.setMaximumWidth(380)
        self.preview.setToolTip("Välj en rubrik för att visa dess sida.")
        self.preview.currentItemChanged.connect(self._go_to_heading)
        self.pages_view = PdfPreview()
        shown = QHBoxLayout()
        shown.addWidget(self.preview)
        shown.addWidget(self.pages_view, 1)
        self.preview_box = QWidget()
        self.preview_box.setLayout(shown)
        shown.setContentsMargins(0, 0, 0, 0)
        self.preview_box.setVisible(False)
        box.addWidget(self.preview_box)
        layout.addWidget(frame)

        # -- the förbund's own texts --
        frame, box = card("Förbundets texter")
        intro = set_role(
            QLabel(
                "Texterna skrivs per rapport och år. Ett nytt år börjar med förra årets text. "
                + MARKUP_HELP
            ),
            "muted",
        )
        intro.setWordWrap(True)
        box.addWidget(intro)
        texts = QHBoxLayout()
        self.section_list = QListWidget()
        self.section_list.setAccessibleName("Avsnitt")
        self.section_list.setMaximumWidth(320)
        self.section_list.setWordWrap(True)
        self.section_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        texts.addWidget(self.section_list)
        editor_box = QVBoxLayout()
        self.origin_label = set_role(QLabel(""), "muted")
        self.origin_label.setWordWrap(True)
        editor_box.addWidget(self.origin_label)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Avsnittets text")
        self.editor.setMinimumHeight(220)
        editor_box.addWidget(self.editor)
        save_row = QHBoxLayout()
        self.save_text_button = QPushButton("Spara &texten")
        self.save_text_button.clicked.connect(self.save_text)
        save_row.addWidget(self.save_text_button)
        save_row.addStretch(1)
        editor_box.addLayout(save_row)
        texts.addLayout(editor_box, 1)
        box.addLayout(texts)
        layout.addWidget(frame)

        # -- the arbetsbok --
        frame, box = card("Arbetsboken (Excel)")
        text = QLabel(
            "Arbetsboken är en Excel-fil med allt i förbundsfilen, ett blad per område: "
            "medlemmar, styrelseuppdrag, insatser med mål och uppföljning, möten med ärenden och "
            "närvaro, budget, utfall, bokslut, årshjul och rapporttexter. Den passar för "
            "ekonomienheten och för att arbeta i Excel; en ändrad arbetsbok läses tillbaka med "
            "Importera arbetsbok, som ersätter filens innehåll efter en säkerhetskopia."
        )
        text.setWordWrap(True)
        box.addWidget(text)
        row = QHBoxLayout()
        self.export_button = QPushButton("&Exportera arbetsbok…")
        self.export_button.setAccessibleName("Exportera arbetsbok")
        self.export_button.clicked.connect(self.export_requested)
        self.import_button = QPushButton("&Importera arbetsbok…")
        self.import_button.setAccessibleName("Importera arbetsbok")
        self.import_button.clicked.connect(self.import_requested)
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        box.addLayout(row)
        layout.addWidget(frame)
        layout.addStretch(1)

        self.report_combo.currentIndexChanged.connect(self._report_changed)
        self.unit_combo.activated.connect(self._remember_unit)
        self.year_spin.valueChanged.connect(self._year_changed)
        self.section_list.currentRowChanged.connect(self._section_changed)
        self.editor.textChanged.connect(self._update_buttons)
        self._report_changed()

    # -- state -----------------------------------------------------------------------------

    @property
    def rapport(self) -> str:
        return self.report_combo.currentData()

    @property
    def year(self) -> int:
        return self.year_spin.value()

    @property
    def date(self) -> dt.date:
        return self.date_edit.date().toPython()

    def _default_year(self) -> int:
        today = self.today()
        if self.ff is None:
            return today.year
        return rapportdata.default_year(self.ff, self.rapport, today)

    def _remember_unit(self) -> None:
        """The unit chosen for this report is kept (on this computer) for next time."""
        from ..paths import app_settings

        app_settings().setValue(f"rapporter/enhet/{self.rapport}", self.unit_combo.currentData())

    def _restore_unit(self) -> None:
        from ..paths import app_settings

        default = "tkr"
        if self.ff is not None:
            default = str(get_setting(self.ff, "rapport_enhet")).strip().lower()
        unit = app_settings().value(f"rapporter/enhet/{self.rapport}", default)
        self.unit_combo.setCurrentIndex(1 if unit == "kr" else 0)

    def _report_changed(self) -> None:
        self._save_pending()
        self._restore_unit()
        self.date_edit.setVisible(self.rapport == "delarsrapport")
        self.date_label.setVisible(self.rapport == "delarsrapport")
        self.year_spin.blockSignals(True)
        self.year_spin.setValue(self._default_year())
        self.year_spin.blockSignals(False)
        self._year_changed()

    def _show_signing(self) -> None:
        """Whether the årsredovisning shown is signed or out for signing."""
        shown = self.rapport == "arsredovisning"
        self.signing_button.setVisible(shown)
        self.signing_state.setVisible(shown)
        text = ""
        if shown and self.ff is not None:
            h = justering.arsredovisning(self.ff, self.year)
            j = justering.senaste(self.ff, h) if h is not None else None
            if j is not None and j.status == "justerad" and j.justerat is not None:
                text = f"Underskriven {j.justerat.isoformat()}"
            elif j is not None and j.ute:
                text = f"Ute för underskrift (version {j.version})"
        self.signing_state.setText(text)

    def ask_signing(self) -> None:
        """To the Justering tab of the meeting that decides the årsredovisning shown."""
        if self.ff is None:
            return
        h = justering.arsredovisning(self.ff, self.year)
        if h is None:
            self.status.setText(
                f"Inget styrelsemöte har ärendet ”Årsredovisning {self.year}”. Lägg till "
                "styrelsens beslut i mötet som behandlar årsredovisningen; de som var där "
                "skriver under den."
            )
            return
        self.signing_requested.emit(h)

    def _year_changed(self) -> None:
        self._save_pending()
        self._show_signing()
        self.date_edit.setDate(dt.date(self.year, 8, 31))
        self._forget_pdf()
        # what was said was about the report no longer shown ("Årsredovisning 2025 är skriven")
        if self.operation is None:
            self.status.setText("")
        self._fill_sections()

    def _fill_sections(self, select: str | None = None) -> None:
        """The report's sections, and for the årsredovisning one more per material deviation
        of the year's driftredovisning (its comment); ``select``: the section to show."""
        self.section_list.blockSignals(True)
        self.section_list.clear()
        sections = [(a.rubrik, a.nyckel) for a in rapporttexter.AVSNITT[self.rapport]]
        if self.rapport == avvikelser.RAPPORT and self.ff is not None:
            for a in avvikelser.vasentliga(self.ff, self.year):
                sections.append((f"Avvikelse: {a.rad.text} ({a.storlek(Unit.TKR)})", a.nyckel))
        for rubrik, nyckel in sections:
            item = QListWidgetItem(rubrik)
            item.setData(256, nyckel)
            self.section_list.addItem(item)
        self.section_list.blockSignals(False)
        keys = [nyckel for _, nyckel in sections]
        row = keys.index(select) if select in keys else 0
        self.section_list.setCurrentRow(row)
        self._section_changed(row)

    def show_section(self, rapport: str, year: int, nyckel: str) -> None:
        """Show one section's text of a report and year (a finding leads here)."""
        self.report_combo.setCurrentIndex(max(0, self.report_combo.findData(rapport)))
        self.year_spin.setValue(year)
        self._fill_sections(select=nyckel)
        self.editor.setFocus()

    def _section_changed(self, row: int) -> None:
        self._save_pending()
        item = self.section_list.item(row) if row >= 0 else None
        if item is None or self.ff is None:
            self._current = None
            self.editor.setPlainText("")
            self.origin_label.setText("")
            self._update_buttons()
            return
        nyckel = item.data(256)
        text = rapporttexter.hamta(self.ff, self.rapport, self.year, nyckel)
        self._current = (self.rapport, self.year, nyckel)
        self._loaded_text = text.text
        self.editor.blockSignals(True)
        self.editor.setPlainText(text.text)
        self.editor.blockSignals(False)
        hjalp = rapporttexter.avsnitt(self.rapport, nyckel).hjalp
        if text.fran_ar is None:
            origin = "Ingen text ännu."
        elif text.fran_ar == self.year:
            origin = f"Text för {self.year}."
        else:
            origin = (
                f"Texten är från {text.fran_ar}. Ändra och spara den för att göra den till "
                f"{self.year} års text."
            )
        self.origin_label.setText(f"{origin} {hjalp}".strip())
        self._update_buttons()

    def _text_modified(self) -> bool:
        return self._current is not None and self.editor.toPlainText() != self._loaded_text

    def _save_pending(self) -> None:
        """Keep what was typed when the user moves to another section, year or report."""
        if self._text_modified() and self.ff is not None and not self.ff.read_only:
            self._store(self.editor.toPlainText())

    def _store(self, text: str) -> None:
        assert self._current is not None and self.ff is not None
        rapport, year, nyckel = self._current
        self._storing = True
        try:
            rapporttexter.spara(self.ff, rapport, year, nyckel, text)
        finally:
            self._storing = False
        self._loaded_text = text.strip()

    def save_text(self) -> None:
        if self._current is None or self.ff is None or self.ff.read_only:
            return
        self._store(self.editor.toPlainText())
        row = self.section_list.currentRow()
        self._section_changed(row)
        self.status.setText("Texten är sparad.")

    def _update_buttons(self) -> None:
        has_file = self.ff is not None
        writable = has_file and not self.ff.read_only
        running = self.operation is not None
        self.build_button.setEnabled(has_file and not running)
        self.save_button.setEnabled(self.pdf is not None and not running)
        self.open_button.setEnabled(self.pdf is not None and not running)
        self.editor.setReadOnly(not writable)
        self.logo_button.setEnabled(writable)
        has_logo = has_file and rapporttexter.logotyp(self.ff) is not None
        self.remove_logo_button.setEnabled(writable and has_logo)
        self.save_text_button.setEnabled(writable and self._text_modified())

    def _forget_pdf(self) -> None:
        self.pdf = None
        self.saved_path = None
        self.preview.clear()
        self.pages_view.set_pdf(None)
        self.preview_box.setVisible(False)
        self._update_buttons()

    # -- building ----------------------------------------------------------------------------

    def build_report(self) -> Operation | None:
        """Start writing the chosen report; the page shows it when ready (one at a time)."""
        if self.ff is None or self.operation is not None:
            return None
        self._save_pending()
        date = None
        if self.rapport == "delarsrapport":
            try:
                date = self.date_edit.value()
            except DateError as refused:  # the field says it too
                self.status.setText(str(refused))
                self.date_edit.setFocus()
                return None
        self._forget_pdf()
        args = (self.rapport, self.year, date, self.unit_combo.currentData(), self.today())
        self.operation = run_in_background(
            self,
            self.ff,
            lambda snapshot, steps: _build(snapshot, steps, *args),
            on_done=lambda result: self._on_done(*result),
            label="Skriver rapporten …",
            progress=False,  # the page shows its own, and stays usable meanwhile
            cancellable=True,
            on_progress=self._on_progress,
            on_refused=lambda err: self._on_failed(message_of(err)),
            on_ended=self._on_ended,
        )
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.status.setText("Skriver rapporten …")
        self._update_buttons()
        return self.operation

    def cancel_build(self) -> None:
        if self.operation is not None:
            self.operation.cancel()
            self.status.setText("Avbryter …")

    def _on_progress(self, pct: int, what: str) -> None:
        self.progress.setValue(pct)
        self.status.setText(f"{what} …")

    def _on_done(self, data: bytes, innehall) -> None:
        self.pdf = bytes(data)
        self.preview.clear()
        for level, text, page in innehall.rubriker:
            item = QListWidgetItem(f"{'    ' * level}{text}  ·  sida {page}")
            item.setData(Qt.ItemDataRole.UserRole, page)
            self.preview.addItem(item)
        self.pages_view.set_pdf(self.pdf)
        self.preview_box.setVisible(True)
        name = dict(RAPPORTER)[self.rapport]
        draft = innehall.utkast
        self.status.setText(
            f"{name} {self.year} är skriven: {innehall.sidor} sidor."
            + (
                " Avstämningen är inte klar, så varje sida är märkt som utkast och problemen "
                "står på sista sidan."
                if draft
                else ""
            )
            + self._signed_note()
        )
        self.report_ready.emit(self.pdf)

    def _signed_note(self) -> str:
        """An årsredovisning the styrelse has signed: the signed file is the original."""
        if self.rapport != "arsredovisning" or self.ff is None:
            return ""
        h = justering.arsredovisning(self.ff, self.year)
        j = justering.underskriven(self.ff, h) if h is not None else None
        if j is None or j.justerat is None:
            return ""
        return (
            f" Årsredovisningen skrevs under {j.justerat.isoformat()}: originalet är den "
            "underskrivna filen (Underskrifter… → Spara original för arkivet). Det här är en "
            "utskrift av vad filen innehåller nu."
        )

    def _go_to_heading(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.pages_view.show_page(int(item.data(Qt.ItemDataRole.UserRole)))

    def _on_failed(self, message: str) -> None:
        self.status.setText(message)
        self.report_failed.emit(message)

    def _on_ended(self, operation: Operation) -> None:
        self.operation = None
        if operation.cancelled:
            self.status.setText("Rapporten avbröts.")
        elif operation.error is not None and not is_refusal(operation.error):
            self._on_failed("Rapporten kunde inte skrivas: ett fel i programmet.")
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update_buttons()

    # -- the logo ----------------------------------------------------------------------------

    def choose_logo(self) -> None:
        start = save_folder(self.ff.path if self.ff is not None else None)
        path, _ = QFileDialog.getOpenFileName(
            self, "Välj logotyp", str(start), "Bilder (*.png *.jpg *.jpeg)"
        )
        if path:
            self.set_logo(Path(path))

    def set_logo(self, path: Path) -> None:
        """Store the image at ``path`` as the förbund's logo; say why if it cannot be."""
        if self.ff is None or self.ff.read_only:
            return
        try:
            rapporttexter.spara_logotyp(self.ff, path.read_bytes())
        except OSError as exc:
            self.status.setText(f"Bilden kunde inte läsas: {exc.strerror or exc}")
            return
        except Refusal as exc:
            self.status.setText(message_of(exc))
            return
        self.status.setText("Logotypen är sparad och står på omslaget när rapporten skrivs.")
        self._update_buttons()

    def remove_logo(self) -> None:
        if self.ff is None or self.ff.read_only:
            return
        rapporttexter.ta_bort_logotyp(self.ff)
        self.status.setText("Logotypen är borttagen.")
        self._update_buttons()

    # -- saving and opening ------------------------------------------------------------------

    def suggested_name(self) -> str:
        name = dict(RAPPORTER)[self.rapport]
        when = self.date.isoformat() if self.rapport == "delarsrapport" else str(self.year)
        forbund = self.ff.forbund_name() if self.ff is not None else ""
        text = f"{name} {when} – {forbund}".strip(" –")
        return re.sub(r'[\\/:*?"<>|]+', "-", text) + ".pdf"

    def save_report_as(self) -> None:
        if self.pdf is None:
            return
        path = ask_save_path(
            self,
            "Spara rapporten",
            self.ff.path if self.ff is not None else None,
            self.suggested_name(),
            ".pdf",
            "PDF (*.pdf)",
        )
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> None:
        from finsam_desktop.files import describe_os_error
        from reports.common import write_atomically

        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(path.suffix + ".pdf")
        try:
            write_atomically(self.pdf or b"", path)
        except OSError as exc:
            self.status.setText(describe_os_error(exc, path, "Rapporten"))
            return
        self.saved_path = path
        self.status.setText(f"Rapporten är sparad som {path}.")

    def open_report(self) -> None:
        """Show the PDF in the system's viewer (a saved file, or a temporary copy)."""
        if self.pdf is None:
            return
        path = self.saved_path
        if path is None:
            folder = Path(tempfile.gettempdir()) / "Finsam Desktop"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / self.suggested_name()
            try:
                path.write_bytes(self.pdf)
            except OSError as exc:
                self.status.setText(f"Rapporten kunde inte öppnas: {exc.strerror or exc}")
                return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.status.setText(f"Ingen PDF-läsare kunde öppna rapporten. Den finns i {path}.")

    # -- the file ----------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._storing:
            return
        writable = self.ff is not None and not self.ff.read_only
        self.export_button.setEnabled(self.ff is not None)
        self.import_button.setEnabled(writable)
        self.import_button.setToolTip(
            "" if writable else "Filen är öppnad skrivskyddad; importen skulle ändra den."
        )
        if self._current is None or self._current[0] != self.rapport:
            self._report_changed()
        else:
            self._section_changed(self.section_list.currentRow())
            self._show_signing()
        self._update_buttons()
