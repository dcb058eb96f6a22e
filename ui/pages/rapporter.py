"""Rapporter: what can be taken out of the förbund file now, and the documents to come."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from ..style import icon, set_role
from .base import Page, card


@dataclass(frozen=True)
class Rapport:
    namn: str
    beskrivning: str


#: The documents the kansli produces each year, in the order of the year.
PLANERADE = (
    Rapport(
        "Årsredovisning",
        "Förvaltningsberättelse, resultat- och balansräkning, kassaflödesanalys, "
        "driftredovisning och noter, med femårsöversikt och nyckeltal.",
    ),
    Rapport(
        "Delårsrapport",
        "Perioden januari–augusti med prognos för helåret.",
    ),
    Rapport(
        "Verksamhetsplan med budget",
        "Budget för nästa år och plan för de två följande, med insatser och mål.",
    ),
    Rapport(
        "Driftredovisning",
        "Utfall mot budget per rad, avvikelse och föregående års utfall.",
    ),
    Rapport(
        "Uppföljning per insats",
        "Beviljat och förbrukat, deltagare i antal per kön och målens bedömning.",
    ),
    Rapport(
        "Kallelse och protokoll",
        "Föredragningslista och protokoll med paragrafer, närvaro och justerare.",
    ),
    Rapport(
        "Arvodesunderlag",
        "Arvoden per person och månad till lönekontoret: möte, roll, tjänstgöring, "
        "förlorad arbetsförtjänst, mil och konto.",
    ),
)


class RapporterPage(Page):
    key = "rapporter"
    title = "Rapporter"
    icon_name = "rapporter"
    description = "Det du kan ta ut ur förbundsfilen i dag, och de dokument programmet ska skriva."

    #: Asks the main window to run its export or import action.
    export_requested = Signal()
    import_requested = Signal()

    def __init__(self, today=None, parent=None):
        super().__init__(today, parent)
        layout = self.page_layout(scroll=True)

        frame, box = card("Tillgängligt nu")
        text = QLabel(
            "Arbetsboken är en Excel-fil med allt i förbundsfilen, ett blad per område: "
            "medlemmar, styrelseuppdrag, insatser med mål och uppföljning, möten med ärenden och "
            "närvaro, budget, utfall, bokslut och årshjul. Den passar för ekonomienheten och "
            "för att arbeta i Excel; en ändrad arbetsbok läses tillbaka med Importera "
            "arbetsbok, som ersätter filens innehåll efter en säkerhetskopia."
        )
        text.setWordWrap(True)
        box.addWidget(text)
        buttons = QHBoxLayout()
        self.export_button = QPushButton("&Exportera arbetsbok…")
        self.export_button.setAccessibleName("Exportera arbetsbok")
        self.export_button.clicked.connect(self.export_requested)
        self.import_button = QPushButton("&Importera arbetsbok…")
        self.import_button.setAccessibleName("Importera arbetsbok")
        self.import_button.clicked.connect(self.import_requested)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        layout.addWidget(frame)

        frame, box = card("Dokument som kommer")
        intro = set_role(
            QLabel(
                "De här dokumenten skrivs i kommande versioner direkt ur förbundsfilen, som PDF "
                "och Excel, med siffror som stämmer mot varandra."
            ),
            "muted",
        )
        intro.setWordWrap(True)
        box.addWidget(intro)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        for row, rapport in enumerate(PLANERADE):
            symbol = QLabel()
            symbol.setPixmap(icon("rapporter").pixmap(20, 20))
            symbol.setAlignment(Qt.AlignmentFlag.AlignTop)
            grid.addWidget(symbol, row, 0)
            texts = QVBoxLayout()
            texts.setSpacing(1)
            name = QLabel(rapport.namn)
            font = name.font()
            font.setBold(True)
            name.setFont(font)
            texts.addWidget(name)
            about = set_role(QLabel(rapport.beskrivning), "muted")
            about.setWordWrap(True)
            texts.addWidget(about)
            grid.addLayout(texts, row, 1)
        box.addLayout(grid)
        layout.addWidget(frame)
        layout.addStretch(1)

    def refresh(self) -> None:
        writable = self.ff is not None and not self.ff.read_only
        self.export_button.setEnabled(self.ff is not None)
        self.import_button.setEnabled(writable)
        self.import_button.setToolTip(
            "" if writable else "Filen är öppnad skrivskyddad; importen skulle ändra den."
        )
