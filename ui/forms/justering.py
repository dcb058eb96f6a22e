"""The meeting's Justering tab: the protokoll sent for signing, taken back, kept and anslaget.

The same tab signs the meeting's other documents, chosen above the state: the utdrag of one
of its §, and the årsredovisning the meeting decided. What the tab shows is the state in
:mod:`finsam_desktop.justering`: the version out and who must sign, or who signed and when,
and the anslag's dates. Its buttons are the flow's steps; each is one action that Ångra takes
back. A signed file that is not accepted is said here, signature by signature, and nothing is
stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
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
from finsam_desktop.justering import Handling
from finsam_desktop.model import JusteringDokument
from finsam_desktop.moten import PROTOKOLLFORDA, Mote
from finsam_desktop.storage import ForbundFile

from ..errors import message_of
from ..operations import Operation, run_in_background
from ..paths import ask_save_path, save_folder
from ..style import set_role, set_tone
from .date_field import DateField
from .fields import ErrorLabel, attempt, ok_cancel_buttons


def etikett(h: Handling) -> str:
    """The document as the tab's choice names it."""
    if h.dokument is JusteringDokument.UTDRAG:
        return f"Protokollsutdrag § {h.paragraf}"
    if h.dokument is JusteringDokument.ARSREDOVISNING:
        return f"Årsredovisning {h.ar} (styrelsens underskrifter)"
    return "Protokollet"


class JusteringPanel(QWidget):
    """The justering of one meeting's protokoll, and the signing of its other documents."""

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.ff: ForbundFile | None = None
        self.mote: Mote | None = None
        self.current: justering.Justering | None = None
        self.handling: Handling | None = None
        box = QVBoxLayout(self)
        choice = QHBoxLayout()
        label = QLabel("&Handling:")
        self.documents = QComboBox()
        self.documents.setAccessibleName("Handling som skrivs under")
        self.documents.setToolTip(
            "Protokollet justeras; ett protokollsutdrag bestyrks av sekreteraren, och "
            "årsredovisningen som mötet beslutade skrivs under av styrelsen"
        )
        label.setBuddy(self.documents)
        self.documents.activated.connect(self._choose_document)
        choice.addWidget(label)
        choice.addWidget(self.documents)
        choice.addStretch(1)
        box.addLayout(choice)
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
        label = self.anslag_label = QLabel("&Anslaget sätts upp:")
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

    def show_mote(self, ff: ForbundFile, m: Mote, handling: Handling | None = None) -> None:
        """Show the meeting's justering; ``handling`` chooses one of its documents (else the
        one chosen before, in the same meeting, or the protokoll)."""
        other_meeting = self.mote is None or self.mote.id != m.id
        if other_meeting:
            self.message.show_error("")
            self.result.setText("")
        self.ff, self.mote = ff, m
        offered = justering.handlingar(ff, m.id)
        wanted = handling or (None if other_meeting else self.handling) or Handling(m.id)
        if wanted not in offered:
            wanted = Handling(m.id)
        self.documents.blockSignals(True)
        self.documents.clear()
        for h in offered:
            self.documents.addItem(etikett(h), h)
        self.documents.setCurrentIndex(max(0, offered.index(wanted) if wanted in offered else 0))
        self.documents.setEnabled(len(offered) > 1)
        self.documents.blockSignals(False)
        if wanted != self.handling:
            self.message.show_error("")
            self.result.setText("")
        self.handling = wanted
        if wanted.protokoll:
            self._show_protokoll(ff, m)
        else:
            self._show_other(ff, m, wanted)

    def _choose_document(self, index: int) -> None:
        h = self.documents.itemData(index)
        if self.ff is not None and self.mote is not None and isinstance(h, Handling):
            self.show_mote(self.ff, self.mote, h)

    def _show_protokoll(self, ff: ForbundFile, m: Mote) -> None:
        self._label_steps(protokoll=True)
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
        self._show_signers(j)
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

    def _show_other(self, ff: ForbundFile, m: Mote, h: Handling) -> None:
        """An utdrag or the årsredovisning: sent, signed and kept; never locked or anslaget."""
        self._label_steps(protokoll=False)
        j = self.current = justering.senaste(ff, h)
        kept = j is not None and j.status == "justerad"
        namn = h.namn(m)
        if j is None or j.status == "aterkallad":
            who = ", ".join(f"{n} ({r})" for n, r in justering.vantade(ff, h, self.today()))
            text = f"{namn[:1].upper()}{namn[1:]} har inte skickats för underskrift."
            if who:
                text += f" Ska skriva under: {who}."
            if j is not None:
                text += " " + j.text
        else:
            text = j.text
        self.state.setText(text)
        set_tone(self.state, "ok" if kept else None)
        self._show_signers(j)
        can = not ff.read_only
        out = j is not None and j.ute
        self.send_button.setEnabled(can and not out and not kept)
        self.receive_button.setEnabled(can and out)
        self.paper_button.setEnabled(can and not kept)
        self.withdraw_button.setEnabled(can and out)
        self.anslag.setEnabled(False)
        self.anslag.set_date(None)
        self.anslag_button.setEnabled(False)
        self.archive_button.setEnabled(kept)

    def _label_steps(self, *, protokoll: bool) -> None:
        if protokoll:
            self.send_button.setText("&Skicka för justering…")
            self.send_button.setToolTip(
                "Spara justeringsversionen som PDF att lämna till signeringstjänsten; "
                "protokollet låses tills den signerade filen tas emot"
            )
            self.paper_button.setText("Bifoga &inskannat protokoll…")
            self.paper_button.setToolTip(
                "Ett protokoll som har skrivits under på papper och skannats"
            )
        else:
            self.send_button.setText("&Skicka för underskrift…")
            self.send_button.setToolTip(
                "Spara underskriftsversionen som PDF att lämna till signeringstjänsten"
            )
            self.paper_button.setText("Bifoga &inskannat original…")
            self.paper_button.setToolTip(
                "En handling som har skrivits under på papper och skannats"
            )
        self.anslag.setVisible(protokoll)
        self.anslag_label.setVisible(protokoll)
        self.anslag_button.setVisible(protokoll)

    def _show_signers(self, j: justering.Justering | None) -> None:
        rows = j.signerare if j is not None and j.status != "aterkallad" else ()
        self.signers.setRowCount(len(rows))
        for r, s in enumerate(rows):
            when = s.signerat.astimezone().strftime("%Y-%m-%d %H:%M") if s.signerat else ""
            if not when and j is not None and j.ute:
                when = "väntar"
            for c, value in enumerate((s.namn, s.roll, when, s.certifikat)):
                self.signers.setItem(r, c, QTableWidgetItem(value))

    # -- the steps ---------------------------------------------------------------------------

    def _chosen(self) -> Handling:
        assert self.ff is not None and self.mote is not None
        return self.handling or Handling(self.mote.id)

    def send(self, target: Path) -> Operation | None:
        """Freeze the chosen document and save its justerings- or underskriftsversion to
        ``target``.

        The PDF is made off the GUI thread from a snapshot; it is stored (and a protokoll
        locked) on it, refused if the file changed meanwhile."""
        from reports.justering import build_frozen, kontrollera

        ff, h, today = self.ff, self._chosen(), self.today()
        assert ff is not None
        try:
            kontrollera(ff, h, today)
        except justering.Ogiltigt as exc:
            self.message.show_error(str(exc))
            return None
        version = justering.nasta_version(ff, h)
        word = h.versionsord
        changes: list[str] = []  # what was written while the PDF was made from the snapshot
        unsubscribe = ff.subscribe(changes.append)

        def stored(pdf: bytes) -> None:
            if changes:
                raise justering.Ogiltigt(
                    f"Filen ändrades medan {word.lower()}en gjordes, så den skickades inte. "
                    "Försök igen."
                )
            justering.skicka(ff, h, pdf, version, today)
            write_bytes_atomically(target, pdf, f"{word}en")
            self.message.show_error("")
            self.result.setText(f"{word}en är sparad: {target}")

        return run_in_background(
            self,
            ff,
            lambda snapshot, _steps: build_frozen(snapshot, h, version, today),
            on_done=stored,
            label=f"Gör {word.lower()}en …",
            on_refused=lambda err: self.message.show_error(message_of(err)),
            on_ended=lambda _operation: unsubscribe(),
        )

    def receive(self, source: Path) -> Operation | None:
        """Check the signed file off the GUI thread (pyHanko); justerat when accepted, else
        why not, signature by signature. Nothing is stored for a file that is refused."""
        ff, h, today = self.ff, self._chosen(), self.today()
        assert ff is not None
        try:
            data = source.read_bytes()
            u = justering.underlag(ff, h, data)
        except OSError as exc:
            self.message.show_error(f"{source.name} kunde inte läsas: {exc.strerror}.")
            return None
        except justering.Ogiltigt as exc:
            self.message.show_error(str(exc))
            return None

        def checked(g) -> None:
            try:
                j = justering.ta_emot(ff, h, data, granskning=g, idag=today)
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
        ff, h, today = self.ff, self._chosen(), self.today()
        assert ff is not None

        def action() -> None:
            justering.bifoga_papper(ff, h, scan.read_bytes(), day, names, today)

        return attempt(self.paper_button, self.message, action)

    def withdraw(self) -> bool:
        ff, h = self.ff, self._chosen()
        assert ff is not None
        return attempt(self.withdraw_button, self.message, lambda: justering.aterkalla(ff, h))

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

        ff, h = self.ff, self._chosen()
        assert ff is not None
        written: list[Path] = []
        if attempt(
            self.archive_button, self.message, lambda: written.extend(arkivera(ff, h, folder))
        ):
            self.result.setText("Sparat för arkivet:\n" + "\n".join(map(str, written)))
        return written

    # -- asking ------------------------------------------------------------------------------

    def _name(self, what: str) -> str:
        assert self.mote is not None
        h, day = self._chosen(), self.mote.datum.isoformat()
        if h.dokument is JusteringDokument.UTDRAG:
            return f"Protokollsutdrag {day} § {h.paragraf} {what}.pdf"
        if h.dokument is JusteringDokument.ARSREDOVISNING:
            return f"Årsredovisning {h.ar} {what}.pdf"
        return f"Protokoll {day} {what}.pdf"

    def _ask_send(self) -> None:
        from reports.justering import kontrollera

        if self.ff is None or self.mote is None:
            return
        h = self._chosen()
        try:
            kontrollera(self.ff, h, self.today())
        except justering.Ogiltigt as exc:  # said before a file is asked for
            self.message.show_error(str(exc))
            return
        version = justering.nasta_version(self.ff, h)
        word = h.versionsord.lower()
        name = self._name(f"{word} {version}")
        target = ask_save_path(self, f"Spara {word}en", self.ff.path, name, ".pdf",
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
        names = [n for n, _ in justering.vantade(self.ff, self._chosen(), self.today())]
        dialog = PaperDialog(self, self.today(), names, protokoll=self._chosen().protokoll)
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
    """A document signed by hand: the scan, the day it was signed (a protokoll's justering)
    and who signed."""

    def __init__(
        self, panel: JusteringPanel, today: dt.date, names: list[str], *, protokoll: bool = True
    ):
        super().__init__(panel)
        self.panel = panel
        self.protokoll = protokoll
        what = "protokoll" if protokoll else "original"
        self.setWindowTitle(f"Bifoga inskannat {what}")
        self.scan: Path | None = None
        form = QFormLayout(self)
        pick = QHBoxLayout()
        self.file_label = QLabel("Ingen fil vald")
        choose = QPushButton("&Välj PDF…")
        choose.clicked.connect(self._choose)
        pick.addWidget(self.file_label, 1)
        pick.addWidget(choose)
        form.addRow(f"Inskannat {what}:", pick)
        day = "Justerat" if protokoll else "Underskrivet"
        self.day = DateField(day, today=lambda: today)
        self.day.set_date(today)
        form.addRow(f"&{day}:", self.day)
        self.names = QPlainTextEdit("\n".join(names))
        self.names.setAccessibleName("Vilka som har skrivit under, en per rad")
        self.names.setTabChangesFocus(True)
        form.addRow("&Har skrivit under\n(en per rad):", self.names)
        self.error = ErrorLabel()
        form.addRow(self.error)
        form.addRow(ok_cancel_buttons(self, "Bifoga", self.accept))

    def _choose(self) -> None:
        what = "protokollet" if self.protokoll else "originalet"
        chosen = self.panel._open_pdf(f"Välj det inskannade {what}")
        if chosen is not None:
            self.scan = chosen
            self.file_label.setText(chosen.name)

    def accept(self) -> None:
        what = "protokollet" if self.protokoll else "originalet"
        if self.scan is None:
            self.error.show_error(f"Välj det inskannade {what} (PDF).")
            return
        try:
            day = self.day.value()
        except ValueError as exc:
            self.error.show_error(str(exc))
            return
        if day is None:
            verb = "justerades" if self.protokoll else "skrevs under"
            self.error.show_error(f"Skriv dagen då {what} {verb}.")
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
