"""The standing items of a meeting kind's föredragningslista, as the förbund wants them.

One item per line, in order; the user may switch kinds and change several lists before saving.
Saved as one action (Ctrl+Z takes it back); it applies when
"Stående punkter" is used on a meeting, lists already made keep their items.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget

from finsam_desktop import moten
from finsam_desktop.model import MoteTyp
from finsam_desktop.storage import ForbundFile

from ..style import set_role
from .styrelse import _FormDialog


class DagordningDialog(_FormDialog):
    def __init__(self, ff: ForbundFile, typ: MoteTyp, parent: QWidget | None = None):
        super().__init__("Stående punkter", "Spara", parent)
        self.ff = ff
        self.setMinimumSize(460, 420)
        self.kind = QComboBox()
        for t in MoteTyp:
            self.kind.addItem(t.label, t)
        self.add("&Mötestyp:", self.kind)
        self.items = QPlainTextEdit()
        self.items.setTabChangesFocus(True)
        self.add("&Punkter:", self.items)
        hint = set_role(
            QLabel(
                "En punkt per rad, i den ordning de ska stå. Mötets egna ärenden läggs till "
                "efter dem och kan flyttas."
            ),
            "muted",
        )
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self._shown: MoteTyp | None = None
        self._typed: dict[MoteTyp, str] = {}
        self.kind.currentIndexChanged.connect(self._show_kind)
        self.kind.setCurrentIndex(list(MoteTyp).index(typ))
        self._show_kind()
        self.save = self._save

    def _show_kind(self, _index: int = -1) -> None:
        typ = MoteTyp(self.kind.currentData())
        if self._shown is not None:
            self._typed[self._shown] = self.items.toPlainText()
        self._shown = typ
        text = self._typed.get(typ)
        if text is None:
            text = "\n".join(moten.dagordningsmall(self.ff, typ))
        self.items.setPlainText(text)

    def set_items(self, rubriker: list[str]) -> None:
        self.items.setPlainText("\n".join(rubriker))

    def _save(self) -> None:
        """Every kind whose list was changed here, as one action (or none, when refused)."""
        assert self._shown is not None
        self._typed[self._shown] = self.items.toPlainText()
        moten.spara_dagordningsmallar(
            self.ff, {typ: text.splitlines() for typ, text in self._typed.items()}
        )
