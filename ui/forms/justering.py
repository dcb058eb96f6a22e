"""The meeting's Justering tab: the protokoll sent for signing, taken back, kept and anslaget.

What the tab shows is the state in :mod:`finsam_desktop.justering`: the version out and who
must sign, or who signed and when, and the anslag's dates. Its buttons are the flow's steps;
each is one action that Ångra takes back. A signed file that is not accepted is said here,
signature by signature, and nothing is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import justering
from finsam_desktop.files import write_bytes_atomically
from finsam_desktop.forbund import forbund
from finsam_desktop.moten import PROTOKOLLFORDA, Mote
from finsam_desktop.storage import ForbundFile

from ..errors import message_of
from ..operations import Operation, run_in_background
from ..paths import ask_save_path, save_folder
from ..style import set_role, set_tone
from .date_field import DateField
from .fields import ErrorLabel, attempt, ok_cancel_buttons


class JusteringPanel(QWidget):
    """The justering of one meeting's protokoll."""

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.ff: ForbundFile | None = None
        self.mote: Mote | None = None
        self.current: justering.Justering | None = None
        box = QVBoxLayout(self)
        self.state = QLabel()
        self.state.setAccessibleName("Justeringens läge")
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.state)
        self.signers = QTableWidget(0, 4)
        self.signers.setAccessibleName("Vilka som skriver under")
        self.signers.setHorizontalHeaderLabels(["Namn", "Roll", "Underskrivet", "Certifikat"])
        self.signers.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.signers.verticalHeader().hide()
        header = self.signers.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        box.addWidget(self.signers, 1)

        steps = QHBoxLayout()
        self.send_button = QPushButton("&Skicka för justering…")
        self.send_button.setToolTip(
            "Spara justeringsversionen som PDF att lämna till signeringstjänsten; protokollet "
            "låses tills den signerade filen tas emot"
        )
        self.send_button.clicked.connect(self._ask_send)
        self.receive_button = QPushButton("&Ta emot signerad fil…")
        self.receive_button.clicked.connect(self._ask_receive)
        self.paper_button = QPushButton("Bifoga &inskannat protokoll…")
        self.paper_button.setToolTip("Ett protokoll som har skrivits under på papper och skannats")
        self.paper_button.clicked.connect(self._ask_paper)
        self.withdraw_button = QPushButton("Åter&kalla")
        self.withdraw_button.setToolTip(
            "Ta tillbaka justeringsversionen så att protokollet kan ändras"
        )
        self.withdraw_button.clicked.connect(self.withdraw)
        for b in (self.send_button, self.receive_button, self.paper_button, self.withdraw_button):
            steps.addWidget(b)
        steps.addStretch(1)
        self.issuers_button = QPushButton("Betrodda &utfärdare…")
        self.issuers_button.clicked.connect(self._show_issuers)
        steps.addWidget(self.issuers_button)
        box.addLayout(steps)

        after = QHBoxLayout()
        label = QLabel("&Anslaget sätts upp:")
        self.anslag = DateField("Anslaget sätts upp", self._store_anslag, today=today)
        label.setBuddy(self.anslag)
        after.addWidget(label)
        after.addWidget(self.anslag)
        self.anslag_button = QPushButton("Anslag (&PDF)…")
        self.anslag_button.clicked.connect(self._ask_anslag)
        self.archive_button = QPushButton("Spara &original för arkivet…")
        self.archive_button.setToolTip("Det signerade originalet och valideringsrapporten")
        self.archive_button.clicked.connect(self._ask_archive)
        after.addWidget(self.anslag_button)
        after.addWidget(self.archive_button)
        after.addStretch(1)
        box.addLayout(after)
        self.message = ErrorLabel()
        box.addWidget(self.message)
        self.result = set_role(QLabel(), "muted")
        self.result.setAccessibleName("Kontrollen av den signerade filen")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.result)

    # -- showing -----------------------------------------------------------------------------

    def show_mote(self, ff: ForbundFile, m: Mote) -> None:
        if self.mote is None or self.mote.id != m.id:
            self.message.show_error("")
            self.result.setText("")
        self.ff, self.mote = ff, m
        j = self.current = justering.senaste(ff, m.id)
        kept = j is not None and j.status == "justerad"
        if m.typ not in PROTOKOLLFORDA:
            text = "Bara styrelsemötens protokoll justeras."
        elif j is None or (j.status == "aterkallad" and m.justerat is None):
            text = "Protokollet har inte skickats för justering."
            if j is not None:
                text += " " + j.text
            if m.justerat is not None:
                text = f"Protokollet är justerat {m.justerat.isoformat()} (datumet skrevs in)."
        elif kept and m.justerat is None:
            text = f"{j.text} Protokollet har sedan öppnats för rättelse och justeras på nytt."
        else:
            text = j.text
        self.state.setText(text)
        set_tone(self.state, "ok" if kept and m.justerat else None)
        rows = j.signerare if j is not None and j.status != "aterkallad" else ()
        self.signers.setRowCount(len(rows))
        for r, s in enumerate(rows):
            when = s.signerat.astimezone().strftime("%Y-%m-%d %H:%M") if s.signerat else ""
            if not when and j is not None and j.ute:
                when = "väntar"
            for c, value in enumerate((s.namn, s.roll, when, s.certifikat)):
                self.signers.setItem(r, c, QTableWidgetItem(value))
        can = m.typ in PROTOKOLLFORDA and ff is not None and not ff.read_only
        out = j is not None and j.ute
        self.send_button.setEnabled(can and not out and m.justerat is None)
        self.receive_button.setEnabled(can and out)
        self.paper_button.setEnabled(can and m.justerat is None)
        self.withdraw_button.setEnabled(can and out)
        signed = kept and m.justerat is not None
        self.anslag.setEnabled(can and signed)
        self.anslag.set_date(j.anslag_upp if signed and j is not None else None)
        self.anslag_button.setEnabled(signed)
        self.archive_button.setEnabled(kept)

    # -- the steps ---------------------------------------------------------------------------

    def send(self, target: Path) -> Operation | None:
        """Freeze the protokoll and save the justeringsversion to ``target``.

        The PDF is made off the GUI thread from a snapshot; it is stored (and the protokoll
        locked) on it, refused if the protokoll changed meanwhile."""
        from reports.justering import build_frozen

        assert self.ff is not None and self.mote is not None
        ff, mote_id, today = self.ff, self.mote.id, self.today()
        try:
            justering.kontrollera_skicka(ff, mote_id, today)
        except justering.Ogiltigt as exc:
            self.message.show_error(str(exc))
            return None
        version = justering.nasta_version(ff, mote_id)
        changes: list[str] = []  # what was written while the PDF was made from the snapshot
        unsubscribe = ff.subscribe(changes.append)

        def stored(pdf: bytes) -> None:
            if changes:
                raise justering.Ogiltigt(
                    "Filen ändrades medan justeringsversionen gjordes, så den skickades inte. "
                    "Försök igen."
                )
            justering.skicka(ff, mote_id, pdf, version, today)
            write_bytes_atomically(target, pdf, "Justeringsversionen")
            self.message.show_error("")
            self.result.setText(f"Justeringsversionen är sparad: {target}")

        return run_in_background(
            self,
            ff,
            lambda snapshot, _steps: build_frozen(snapshot, mote_id, version, today),
            on_done=stored,
            label="Gör justeringsversionen …",
            on_refused=lambda err: self.message.show_error(message_of(err)),
            on_ended=lambda _operation: unsubscribe(),
        )

    def receive(self, source: Path) -> Operation | None:
        """Check the signed file off the GUI thread (pyHanko); justerat when accepted, else
        why not, signature by signature. Nothing is stored for a file that is refused."""
        assert self.ff is not None and self.mote is not None
        ff, mote_id, today = self.ff, self.mote.id, self.today()
        try:
            data = source.read_bytes()
            u = justering.underlag(ff, mote_id, data)
        except OSError as exc:
            self.message.show_error(f"{source.name} kunde inte läsas: {exc.strerror}.")
            return None
        except justering.Ogiltigt as exc:
            self.message.show_error(str(exc))
            return None

        def checked(g) -> None:
            try:
                j = justering.ta_emot(ff, mote_id, data, granskning=g, idag=today)
            except justering.Avvisad as exc:
                self.message.show_error(str(exc))
                self.result.setText("")
                return
            self.message.show_error("")
            self.result.setText(j.validering)

        return run_in_background(
            self,
            None,
            lambda _snapshot, _steps: u.granska(),
            on_done=checked,
            label="Kontrollerar underskrifterna …",
            on_refused=lambda err: self.message.show_error(message_of(err)),
        )

    def attach_paper(self, scan: Path, day: dt.date, names: list[str]) -> bool:
        assert self.ff is not None and self.mote is not None
        ff, mote_id, today = self.ff, self.mote.id, self.today()

        def action() -> None:
            justering.bifoga_papper(ff, mote_id, scan.read_bytes(), day, names, today)

        return attempt(self.paper_button, self.message, action)

    def withdraw(self) -> bool:
        assert self.ff is not None and self.mote is not None
        ff, mote_id = self.ff, self.mote.id
        return attempt(self.withdraw_button, self.message, lambda: justering.aterkalla(ff, mote_id))

    def _store_anslag(self, value: dt.date | None) -> None:
        assert self.ff is not None and self.mote is not None and value is not None
        justering.satt_anslag(self.ff, self.mote.id, value)

    def save_anslag(self, target: Path) -> bool:
        from reports.justering import write_anslag

        assert self.ff is not None and self.mote is not None
        ff, mote_id = self.ff, self.mote.id
        if attempt(self.anslag_button, self.message, lambda: write_anslag(ff, mote_id, target)):
            self.result.setText(
                justering.anslag(ff, mote_id, forbund(ff).namn).text(forbund(ff).namn)
            )
            return True
        return False

    def archive(self, folder: Path) -> list[Path]:
        from reports.justering import arkivera

        assert self.ff is not None and self.mote is not None
        ff, mote_id = self.ff, self.mote.id
        written: list[Path] = []
        if attempt(
            self.archive_button, self.message, lambda: written.extend(arkivera(ff, mote_id, folder))
        ):
            self.result.setText("Sparat för arkivet:\n" + "\n".join(map(str, written)))
        return written

    # -- asking ------------------------------------------------------------------------------

    def _name(self, what: str) -> str:
        assert self.mote is not None
        return f"Protokoll {self.mote.datum.isoformat()} {what}.pdf"

    def _ask_send(self) -> None:
        if self.ff is None or self.mote is None:
            return
        try:
            justering.kontrollera_skicka(self.ff, self.mote.id, self.today())
        except justering.Ogiltigt as exc:  # said before a file is asked for
            self.message.show_error(str(exc))
            return
        version = justering.nasta_version(self.ff, self.mote.id)
        name = self._name(f"justeringsversion {version}")
        target = ask_save_path(self, "Spara justeringsversionen", self.ff.path, name, ".pdf",
                               "PDF (*.pdf)")  # fmt: skip
        if target is not None:
            self.send(target)

    def _open_pdf(self, title: str) -> Path | None:
        assert self.ff is not None
        chosen, _ = QFileDialog.getOpenFileName(
            self, title, str(save_folder(self.ff.path)), "PDF (*.pdf)"
        )
        return Path(chosen) if chosen else None

    def _ask_receive(self) -> None:
        if (source := self._open_pdf("Ta emot den signerade filen")) is not None:
            self.receive(source)

    def _ask_paper(self) -> None:
        if self.ff is None or self.mote is None:
            return
        dialog = PaperDialog(
            self, self.today(), [n for n, _ in justering.vantade(self.ff, self.mote.id)]
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _ask_anslag(self) -> None:
        if self.ff is not None and self.mote is not None:
            target = ask_save_path(self, "Spara anslaget", self.ff.path,
                                   f"Anslag {self.mote.datum.isoformat()}.pdf", ".pdf",
                                   "PDF (*.pdf)")  # fmt: skip
            if target is not None:
                self.save_anslag(target)

    def _ask_archive(self) -> None:
        if self.ff is not None:
            chosen = QFileDialog.getExistingDirectory(
                self, "Spara originalet i mappen", str(save_folder(self.ff.path))
            )
            if chosen:
                self.archive(Path(chosen))

    def _show_issuers(self) -> None:
        if self.ff is not None:
            dialog = IssuersDialog(self.ff, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()


class PaperDialog(QDialog):
    """A protokoll signed by hand: the scan, the day of the justering and who signed."""

    def __init__(self, panel: JusteringPanel, today: dt.date, names: list[str]):
        super().__init__(panel)
        self.panel = panel
        self.setWindowTitle("Bifoga inskannat protokoll")
        self.scan: Path | None = None
        form = QFormLayout(self)
        pick = QHBoxLayout()
        self.file_label = QLabel("Ingen fil vald")
        choose = QPushButton("&Välj PDF…")
        choose.clicked.connect(self._choose)
        pick.addWidget(self.file_label, 1)
        pick.addWidget(choose)
        form.addRow("Inskannat protokoll:", pick)
        self.day = DateField("Justerat", today=lambda: today)
        self.day.set_date(today)
        form.addRow("&Justerat:", self.day)
        self.names = QPlainTextEdit("\n".join(names))
        self.names.setAccessibleName("Vilka som har skrivit under, en per rad")
        self.names.setTabChangesFocus(True)
        form.addRow("&Har skrivit under\n(en per rad):", self.names)
        self.error = ErrorLabel()
        form.addRow(self.error)
        form.addRow(ok_cancel_buttons(self, "Bifoga", self.accept))

    def _choose(self) -> None:
        chosen = self.panel._open_pdf("Välj det inskannade protokollet")
        if chosen is not None:
            self.scan = chosen
            self.file_label.setText(chosen.name)

    def accept(self) -> None:
        if self.scan is None:
            self.error.show_error("Välj det inskannade protokollet (PDF).")
            return
        try:
            day = self.day.value()
        except ValueError as exc:
            self.error.show_error(str(exc))
            return
        if day is None:
            self.error.show_error("Skriv dagen då protokollet justerades.")
            return
        if self.panel.attach_paper(self.scan, day, self.names.toPlainText().splitlines()):
            super().accept()
        else:
            self.error.show_error(self.panel.message.text())


class IssuersDialog(QDialog):
    """The signing services' CA certificates the förbund trusts (stored in the file)."""

    def __init__(self, ff: ForbundFile, parent: QWidget | None = None):
        super().__init__(parent)
        self.ff = ff
        self.setWindowTitle("Betrodda utfärdare")
        box = QVBoxLayout(self)
        box.addWidget(
            QLabel(
                "Underskrifter godtas bara när certifikatet är utfärdat av någon av dessa. "
                "Hämta signeringstjänstens CA-certifikat (PEM eller DER) från tjänsten."
            )
        )
        self.list = QListWidget()
        self.list.setAccessibleName("Betrodda utfärdare")
        box.addWidget(self.list, 1)
        row = QHBoxLayout()
        add = QPushButton("&Lägg till…")
        add.clicked.connect(self._ask_add)
        self.remove_button = QPushButton("&Ta bort")
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(add)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        close = QPushButton("Stäng")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        box.addLayout(row)
        self.error = ErrorLabel()
        box.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        self.ids = []
        for uid, cert in justering.utfardare(self.ff):
            self.list.addItem(f"{cert.namn}  (SHA-256 {cert.sha256[:16]}…)")
            self.ids.append(uid)
        self.remove_button.setEnabled(bool(self.ids))

    def add(self, path: Path) -> bool:
        ff = self.ff
        ok = attempt(
            self.list, self.error, lambda: justering.lagg_till_utfardare(ff, path.read_bytes())
        )
        self.refresh()
        return ok

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.ids):
            justering.ta_bort_utfardare(self.ff, self.ids[row])
            self.refresh()

    def _ask_add(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Välj CA-certifikatet", str(save_folder(self.ff.path)),
            "Certifikat (*.pem *.crt *.cer *.der);;Alla filer (*)",
        )  # fmt: skip
        if chosen:
            self.add(Path(chosen))
