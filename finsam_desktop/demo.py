"""The demo förbund: an invented samordningsförbund at realistic scale, made for a given day.

Samordningsförbundet Norrådalen (invented, as are all its people and places) has the state
(Försäkringskassan, Arbetsförmedlingen), Region Mellannorrland and two kommuner with an
unequal key. The file holds three closed years (``today.year - 3`` … ``today.year - 1``) with
utfall, bokslut and follow-up that reconcile exactly, the current year's monthly utfall so far,
budget versions up to next year, eight insatser across their life cycle, the styrelse for the
mandate periods shown, about six styrelsemöten a year with protokoll, and the förbund's own
årshjul entries. Everything is derived from ``today`` and nothing else, so the same day gives
the same file; it passes :func:`finsam_desktop.check.run_checks` without a "fel".

No data about individual participants: follow-up is aggregated counts, as the law demands.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import holidays

from . import storage
from .arshjul.regler import Regel
from .ekonomi import fordela
from .errors import Refusal
from .money import Unit, format_amount
from .schema import tables_parents_first

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .storage import ForbundFile

NAMN = "Samordningsförbundet Norrådalen"
ORGANISATIONSNUMMER = "222000-4184"
_BILDAT = "2009-03-01"

# Members: id, namn, typ, andel (percent, exact decimal text), ordning.
FK, AF, REGION, NORRABACKA, LILLADAL = 1, 2, 3, 4, 5
_MEDLEMMAR = [
    (FK, "Försäkringskassan", "forsakringskassan", "50"),
    (AF, "Arbetsförmedlingen", "arbetsformedlingen", "0"),
    (REGION, "Region Mellannorrland", "region", "25"),
    (NORRABACKA, "Norråbacka kommun", "kommun", "15"),
    (LILLADAL, "Lillådals kommun", "kommun", "10"),
]
_KORTNAMN = {
    FK: "Försäkringskassan",
    AF: "Arbetsförmedlingen",
    REGION: "Region Mellannorrland",
    NORRABACKA: "Norråbacka kommun",
    LILLADAL: "Lillådals kommun",
}

# Four people per member; mandate period k has ledamot pool[k % 4] and ersättare pool[k+1 % 4],
# so an ersättare often becomes ledamot in the next period, as happens.
_PERSONER = {
    FK: ["Maria Ekholm", "Jonas Berglöf", "Annika Sjöström", "Peter Lundmark"],
    AF: ["Lena Forsgren", "Tomas Öhman", "Karin Edlund", "Mats Holmberg"],
    REGION: ["Eva Grahn", "Stefan Nordin", "Ulrika Byström", "Håkan Wiklund"],
    NORRABACKA: ["Birgitta Sandström", "Anders Norberg", "Elin Strömqvist", "Roger Hedlund"],
    LILLADAL: ["Ingrid Lövgren", "Mikael Åström", "Sara Backman", "Kjell Nyström"],
}
#: Takes the Arbetsförmedlingen ledamot's seat when the holder leaves mid-period.
_EFTERTRADARE = "Johanna Rönnberg"
_FORBUNDSCHEF = "Helena Strand"
_STATLIG_REVISOR = "Carina Wahlberg, auktoriserad revisor"
_KOMMUNALA_REVISORER = ["Göran Sundqvist (S)", "Britt Marklund (C)", "Olof Lindahl (M)"]

_KONTON = [
    ("3011", "Driftbidrag staten (Försäkringskassan)"),
    ("3012", "Driftbidrag region"),
    ("3013", "Driftbidrag kommun"),
    ("4510", "Köp av huvudverksamhet, insatser"),
    ("5011", "Sammanträdesarvoden"),
    ("5012", "Årsarvoden förtroendevalda"),
    ("5014", "Förlorad arbetsförtjänst"),
    ("5410", "Arbetsgivaravgifter enligt lag"),
    ("5810", "Bilersättning"),
    ("6550", "Lokal, IT och telefoni"),
    ("7310", "Resekostnader"),
    ("7410", "Köpta tjänster, förbundschef"),
    ("7420", "Köpta tjänster, ekonomi och redovisning"),
    ("7490", "Övriga köpta tjänster"),
    ("7610", "Kurs- och konferensavgifter"),
    ("7620", "Medlemsavgifter"),
    ("844", "Ränteintäkter"),
    ("859", "Bankkostnader"),
]

# -- money, in whole kronor, by year index i (0 = today.year - 3, 3 = today.year) --------------

#: The state's contribution; region and kommuner match it, so the total is twice this.
_STATEN = [2_480_000, 2_510_000, 2_510_000, 2_540_000, 2_540_000, 2_540_000, 2_540_000]
#: Ingående eget kapital of the first year kept: above the 20 % ceiling, which is why the
#: styrelse budgets deficits the next two years.
_EGET_KAPITAL_IB = 1_050_000

# Administration and styrelse rows: grupp, text, konto, amount at i=0, yearly step, spread of
# the utfall around the budget (share).
_KANSLI = [
    ("administration", "Förbundschef, uppdragsersättning 75 %", "7410", 730_000, 15_000, 0),
    (
        "administration",
        "Kansli: lokal, IT, telefoni och dataskyddsombud",
        "6550",
        96_000,
        2_000,
        0.05,
    ),
    ("administration", "Ekonomi- och redovisningstjänster", "7420", 60_000, 1_000, 0.03),
    ("administration", "Medlemsavgift NNS", "7620", 18_000, 0, 0),
    ("administration", "Kurs- och konferensavgifter", "7610", 40_000, 0, 0.25),
    ("administration", "Resor och logi", "7310", 30_000, 0, 0.3),
    ("administration", "Hemsida, prenumerationer och övrigt", "7490", 12_000, 0, 0.2),
    ("styrelse", "Sammanträdesarvoden", "5011", 58_000, 0, 0.12),
    ("styrelse", "Årsarvoden ordförande och vice ordförande", "5012", 48_000, 0, 0),
    ("styrelse", "Förlorad arbetsförtjänst", "5014", 14_000, 0, 0.4),
    ("styrelse", "Bilersättning", "5810", 12_000, 0, 0.3),
    ("styrelse", "Arbetsgivaravgifter", "5410", 38_000, 0, 0.1),
]
_RANTA_BUDGET, _BANK_BUDGET = 15_000, -2_000
_RANTA_UTFALL = [9_846, 31_240, 24_613]
_BANK_UTFALL = [-1_712, -1_845, -1_903]

#: Budget result per version (budget year index n) and year: deficits only with a motivering.
_BUDGET_MAL = {1: (-350_000, -150_000, 0), 2: (-250_000, 0, 0)}


@dataclass(frozen=True)
class _Insats:
    id: int
    namn: str
    typ: str
    agare: int
    medparter: tuple[int, ...]
    #: Beviljat (or planned) per year index; None where the insats does not run.
    belopp: dict[int, int]
    #: Förbrukat per closed year index.
    forbrukat: dict[int, int]
    syfte: str
    malgrupp: str
    beskrivning: str
    mal: list[tuple[str, str, str, list[tuple[str, str] | None]]] = field(default_factory=list)
    #: Aggregated counts per closed year index: nya kvinnor, nya män, avslutade, aktiva.
    uppfoljning: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)


def _insatser(y0: int) -> list[_Insats]:
    """The eight insatser, with money by year index and texts naming real years."""
    return [
        _Insats(
            1,
            "Samverkansteam Norrådalen",
            "individinriktad",
            NORRABACKA,
            (FK, AF, REGION, LILLADAL),
            {
                0: 1_650_000,
                1: 1_700_000,
                2: 1_700_000,
                3: 1_720_000,
                4: 1_800_000,
                5: 1_850_000,
                6: 1_850_000,
            },
            {0: 1_650_000, 1: 1_700_000, 2: 1_700_000},
            "Att genom samordnat stöd från flera myndigheter ge personer i behov av samordnade "
            "rehabiliteringsinsatser bättre förutsättningar att nå arbete, studier eller egen "
            "försörjning. Teamet ska korta tiden mellan aktualisering och start av "
            "rehabiliteringen och minska risken att den enskilde hamnar mellan myndigheternas "
            "ansvarsområden.",
            "Personer i arbetsför ålder, 16–64 år, i Norråbacka och Lillådal som behöver stöd "
            "från minst två av förbundets medlemmar för att uppnå eller förbättra sin förmåga "
            "att utföra förvärvsarbete.",
            "Tre rehabiliteringskoordinatorer anställda av Norråbacka kommun arbetar på uppdrag "
            "av handläggare hos parterna. Aktualisering sker via beredningsgruppen där samtliga "
            "parter deltar. Insatsen börjar med ett gemensamt uppstartsmöte där uppdraget "
            "formuleras tillsammans med den enskilde. En styrgrupp med representanter för alla "
            "parter och förbundschefen följer insatsen två gånger per termin. Projekttid "
            "t.o.m. löpande.",
            [
                (
                    "Minst 60 % av de deltagare som avslutas ska ha gått vidare till arbete, "
                    "studier eller aktivt arbetssökande.",
                    "Andel avslut till arbete, studier eller arbetssökande",
                    "Avslutsstatistik som teamet sammanställer per halvår (antal, inga "
                    "personuppgifter)",
                    [
                        (
                            "uppnatt",
                            "64 % av de avslutade gick vidare till arbete, studier "
                            "eller arbetssökande.",
                        ),
                        (
                            "delvis",
                            "54 % av de avslutade gick vidare. Flera deltagare har "
                            "behövt längre tid i insatsen på grund av långa vårdköer.",
                        ),
                        (
                            "uppnatt",
                            "62 % av de avslutade gick vidare till arbete, studier "
                            "eller arbetssökande.",
                        ),
                    ],
                ),
                (
                    "Minst 80 % av deltagarna ska uppleva att de fått ett samordnat stöd.",
                    "Andel instämmande svar i deltagarenkät",
                    "NNS indikatorer för finansiell samordning, enkät vid avslut",
                    [
                        ("uppnatt", "88 % av dem som besvarade enkäten instämmer."),
                        ("uppnatt", "85 % av dem som besvarade enkäten instämmer."),
                        ("uppnatt", "91 % av dem som besvarade enkäten instämmer."),
                    ],
                ),
                (
                    "Väntetiden från aktualisering till uppstartsmöte ska vara högst fyra veckor.",
                    "Median väntetid i veckor",
                    "Teamets ärendelogg (antal och datum, utan personuppgifter)",
                    [
                        (
                            "ej_uppnatt",
                            "Medianväntetiden var sju veckor under hösten, då en "
                            "koordinatortjänst var vakant i fyra månader.",
                        ),
                        (
                            "delvis",
                            "Medianväntetiden var fem veckor; under våren låg den inom målet.",
                        ),
                        ("uppnatt", "Medianväntetiden var tre veckor."),
                    ],
                ),
            ],
            {0: (41, 27, 52, 71), 1: (44, 30, 63, 74), 2: (46, 29, 61, 78)},
        ),
        _Insats(
            2,
            "Steget vidare",
            "individinriktad",
            LILLADAL,
            (AF, REGION),
            {0: 850_000, 1: 880_000},
            {0: 850_000, 1: 880_000},
            "Att stärka unga vuxnas väg till arbete eller studier genom coachning, studie- och "
            "yrkesvägledning och förberedande praktik, i samverkan mellan kommunens "
            "arbetsmarknadsenhet, Arbetsförmedlingen och regionens ungdomsmottagning.",
            "Unga vuxna 16–29 år i Lillådal som varken arbetar eller studerar och som behöver "
            "stöd från mer än en myndighet.",
            "Två coacher vid Lillådals arbetsmarknadsenhet gav individuellt stöd och "
            "gruppaktiviteter. Insatsen avslutades enligt plan vid årsskiftet "
            f"{y0 + 1}/{y0 + 2}; arbetssättet har införts i kommunens ordinarie verksamhet. "
            "Slutrapporten har redovisats för styrelsen.",
            [
                (
                    "Minst 50 % av deltagarna ska vid avslut gå till arbete eller studier.",
                    "Andel avslut till arbete eller studier",
                    "Insatsens halvårsrapporter till styrgruppen",
                    [
                        ("uppnatt", "57 % av de avslutade gick till arbete eller studier."),
                        ("uppnatt", "61 % av de avslutade gick till arbete eller studier."),
                        None,
                    ],
                ),
                (
                    "Arbetssättet ska vara infört i ordinarie verksamhet när projekttiden är slut.",
                    "Beslut om implementering hos ägande part",
                    "Slutrapport till styrelsen",
                    [
                        ("delvis", "Beslut om implementering planeras till hösten nästa år."),
                        (
                            "uppnatt",
                            "Lillådals kommun har beslutat att arbetssättet ingår i "
                            "arbetsmarknadsenhetens ordinarie verksamhet.",
                        ),
                        None,
                    ],
                ),
            ],
            {0: (19, 24, 31, 36), 1: (17, 22, 44, 0)},
        ),
        _Insats(
            3,
            "Vägen tillbaka – arbetsträning i anpassad miljö",
            "individinriktad",
            REGION,
            (FK, NORRABACKA),
            {1: 480_000, 2: 760_000, 3: 780_000, 4: 800_000},
            {1: 403_900, 2: 706_350},
            "Att ge personer med sjukpenning eller aktivitetsersättning en period av aktivitet "
            "i anpassad miljö med mycket stöd, inför återgång till arbete, studier eller "
            "Arbetsförmedlingens tjänster och program.",
            "Personer 19–64 år med sjukpenning eller aktivitetsersättning och långvarig psykisk "
            "ohälsa som behöver samordnat stöd från Försäkringskassan, regionen och kommunen.",
            "Arbetsterapeut från regionens vuxenpsykiatri och arbetskonsulent från Norråbacka "
            "kommun erbjuder arbetsträning i anpassad miljö, kartläggning av arbetsförmåga och "
            "stöd vid övergången till nästa steg. Deltagare aktualiseras av Försäkringskassan "
            "eller vården efter gemensam bedömning. Styrgruppen följer upp två gånger per år.",
            [
                (
                    "Minst 40 % av deltagarna ska vid avslut ha ökat sin aktivitetsgrad eller "
                    "gått vidare till arbete, studier eller Arbetsförmedlingen.",
                    "Andel avslut med stegförflyttning",
                    "Bedömning vid avslut, sammanställd i antal per halvår",
                    [
                        None,
                        (
                            "delvis",
                            "Insatsen startade i maj; 33 % av de få avslutade hade "
                            "gjort en stegförflyttning.",
                        ),
                        ("uppnatt", "47 % av de avslutade gjorde en stegförflyttning."),
                    ],
                ),
            ],
            {1: (9, 5, 3, 11), 2: (14, 8, 12, 13)},
        ),
        _Insats(
            4,
            "Språk och arbete",
            "individinriktad",
            NORRABACKA,
            (AF,),
            {2: 480_000, 3: 500_000, 4: 520_000, 5: 540_000},
            {2: 355_200},
            "Att genom SFI kombinerad med språkpraktik och extra läs- och skrivstöd korta vägen "
            "till arbete för utrikesfödda som inte kommer vidare i sina studier.",
            "Utrikesfödda 20–64 år i Norråbacka som läst om samma SFI-nivå flera gånger utan "
            "att nå godtagbara kunskaper och som är inskrivna hos Arbetsförmedlingen.",
            "SFI-lärare och specialpedagog vid vuxenutbildningen i Norråbacka undervisar i en "
            "särskild grupp med förstärkt läs- och skrivstöd; Arbetsförmedlingen ordnar "
            "språkpraktik. Vid behov görs en specialpedagogisk kartläggning.",
            [
                (
                    "Minst 80 % av deltagarna ska uppleva att de fått stöd i sin process.",
                    "Andel instämmande svar i elevenkät",
                    "Enkät vid terminsslut",
                    [None, None, ("uppnatt", "93 % av eleverna som svarade instämmer.")],
                ),
            ],
            {2: (16, 7, 4, 19)},
        ),
        _Insats(
            5,
            "IPS Norrådalen – individanpassat stöd till arbete",
            "individinriktad",
            REGION,
            (AF, FK, NORRABACKA, LILLADAL),
            {0: 1_080_000, 1: 1_000_000, 2: 900_000, 3: 560_000},
            {0: 1_080_000, 1: 935_000, 2: 900_000},
            "Att personer med psykisk ohälsa ska få och behålla ett arbete på den öppna "
            "arbetsmarknaden med metoden Individual Placement and Support (IPS).",
            "Personer 18–64 år med måttlig till svår psykisk ohälsa som har kontakt med "
            "regionens psykiatri eller kommunernas socialpsykiatri och som vill arbeta.",
            "Två IPS-coacher arbetar integrerat med psykiatrins behandlingsteam och har tät "
            "kontakt med Arbetsförmedlingen. Förbundets finansiering trappas ned under "
            f"{y0 + 3} när regionen tar över verksamheten i ordinarie drift.",
            [
                (
                    "Minst 35 % av deltagarna ska ha fått ett arbete på den öppna "
                    "arbetsmarknaden inom tolv månader.",
                    "Andel med anställning inom tolv månader",
                    "Metodtrohetsgranskning och insatsens årsrapport",
                    [
                        ("uppnatt", "39 % fick anställning inom tolv månader."),
                        ("delvis", "31 % fick anställning inom tolv månader."),
                        ("uppnatt", "36 % fick anställning inom tolv månader."),
                    ],
                ),
            ],
            {0: (22, 17, 21, 34), 1: (20, 15, 24, 30), 2: (18, 16, 19, 29)},
        ),
        _Insats(
            6,
            "Psykiatriveckan vecka 45",
            "strukturovergripande",
            REGION,
            (NORRABACKA, LILLADAL, FK),
            dict.fromkeys(range(6), 80_000),
            {0: 71_540, 1: 77_860, 2: 79_120},
            "Att öka kunskapen om psykisk hälsa och ohälsa hos allmänhet och personal och "
            "minska stigmat kring psykisk sjukdom.",
            "Allmänheten, anhöriga och personal hos förbundets medlemmar som möter personer "
            "med psykisk ohälsa.",
            "Föreläsningar och samtal måndag–torsdag vecka 45 i Norråbacka och Lillådal, i "
            "samarbete med brukar- och anhörigorganisationer och studieförbund. Arbetsgrupp med "
            "representanter för regionen och kommunerna tillsammans med förbundschefen.",
            [
                (
                    "Att genomföra en psykiatrivecka måndag–torsdag vecka 45.",
                    "Genomförd vecka",
                    "Arbetsgruppens sammanställning",
                    [
                        ("uppnatt", "Veckan genomfördes med åtta föreläsningar."),
                        ("uppnatt", "Veckan genomfördes med nio föreläsningar."),
                        ("uppnatt", "Veckan genomfördes med åtta föreläsningar."),
                    ],
                ),
                (
                    "Minst 250 besökare under veckan.",
                    "Antal besökare",
                    "Räkning vid varje föreläsning",
                    [
                        ("uppnatt", "Cirka 310 besökare."),
                        ("delvis", "Cirka 220 besökare; två kvällar krockade med andra evenemang."),
                        ("uppnatt", "Cirka 280 besökare."),
                    ],
                ),
            ],
        ),
        _Insats(
            7,
            "Kompetensutveckling i samverkan",
            "strukturovergripande",
            FK,
            (AF, REGION, NORRABACKA, LILLADAL),
            dict.fromkeys(range(6), 150_000),
            {0: 96_400, 1: 132_750, 2: 141_300},
            "Att främja gemensam kompetensutveckling över myndighetsgränserna, så att "
            "handläggare och chefer känner till varandras uppdrag och regelverk och kan "
            "samordna sina insatser.",
            "Handläggare, koordinatorer och chefer hos förbundets medlemmar som arbetar med "
            "personer i behov av samordnad rehabilitering.",
            "Gemensamma utbildningsdagar, nätverksträffar och studiebesök som planeras av "
            "lokala samverkansgruppen (LSG). Försäkringskassan samordnar på uppdrag av parterna.",
            [
                (
                    "Minst fyra gemensamma utbildningstillfällen per år.",
                    "Antal genomförda tillfällen",
                    "Förbundschefens sammanställning",
                    [
                        ("delvis", "Tre tillfällen genomfördes."),
                        ("uppnatt", "Fem tillfällen genomfördes."),
                        ("uppnatt", "Fyra tillfällen genomfördes."),
                    ],
                ),
                (
                    "Minst 85 % av deltagarna ska bedöma utbildningen som användbar i arbetet.",
                    "Andel instämmande svar i utvärdering",
                    "Utvärdering efter varje tillfälle",
                    [
                        ("uppnatt", "89 % instämmer."),
                        ("uppnatt", "92 % instämmer."),
                        ("ej_uppnatt", "78 % instämmer; en av dagarna upplevdes som för allmän."),
                    ],
                ),
            ],
        ),
        _Insats(
            8,
            "Föräldrar i arbete",
            "individinriktad",
            LILLADAL,
            (AF, FK),
            {},
            {},
            "Att föräldrar som står långt från arbetsmarknaden ska närma sig arbete eller "
            "studier genom samordnat stöd, språkträning och praktik, med barnomsorgen ordnad "
            "under insatsen.",
            "Föräldrar 20–64 år i Lillådal med försörjningsstöd eller i Arbetsförmedlingens "
            "program, framför allt utrikesfödda kvinnor.",
            "Ansökan från Lillådals kommun med Arbetsförmedlingen och Försäkringskassan som "
            "medparter. Bereds av förbundschefen och beredningsgruppen inför beslut i styrelsen.",
        ),
    ]


# -- dates -------------------------------------------------------------------------------------


class _Calendar:
    """Swedish public holidays and the de facto ones offices close on."""

    def __init__(self, years: Iterable[int]):
        self.closed: set[dt.date] = set(holidays.country_holidays("SE", years=list(years)))
        for y in years:
            self.closed |= {dt.date(y, 12, 24), dt.date(y, 12, 31)}
            self.closed |= {
                dt.date(y, 6, d) for d in range(19, 26) if dt.date(y, 6, d).weekday() == 4
            }

    def workday(self, day: dt.date, step: int = 1) -> dt.date:
        while day.weekday() >= 5 or day in self.closed:
            day += dt.timedelta(days=step)
        return day


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def _week45(year: int) -> tuple[dt.date, dt.date]:
    monday = dt.date.fromisocalendar(year, 45, 1)
    return monday, monday + dt.timedelta(days=3)


def _mandatperioder(first: dt.date, last: dt.date) -> list[tuple[int, dt.date, dt.date]]:
    """Mandate periods (index k, from, to) touching [first, last]: 1 April after elections."""
    periods = []
    k = (first.year - 1 - 2019) // 4
    while True:
        start = dt.date(2019 + 4 * k, 4, 1)
        end = dt.date(2023 + 4 * k, 3, 31)
        if start > last:
            break
        if end >= first:
            periods.append((k, start, end))
        k += 1
    return periods


def _vary(amount: int, key: str, spread: float) -> int:
    """A deterministic deviation of up to ±spread around amount, in whole kronor."""
    if not spread:
        return amount
    unit = (zlib.crc32(key.encode()) % 2001 - 1000) / 1000
    return round(amount * (1 + unit * spread))


def _kr(kr: int) -> str:
    return format_amount(kr * 100, Unit.KR, suffix=True)


# -- the builder -------------------------------------------------------------------------------


@dataclass
class _Mote:
    id: int
    typ: str
    datum: dt.date
    slot: str
    held: bool
    arenden: list[dict] = field(default_factory=list)


class _Builder:
    def __init__(self, today: dt.date):
        self.today = today
        self.y0 = today.year - 3
        self.cal = _Calendar(range(self.y0 - 4, today.year + 3))
        self.rows: dict[str, list[dict]] = {}
        self.insatser = _insatser(self.y0)
        self.paragraf: dict[str, tuple[dt.date, int]] = {}
        self.person_id: dict[str, int] = {}

    def add(self, table: str, **row) -> dict:
        self.rows.setdefault(table, []).append(row)
        return row

    def year(self, i: int) -> int:
        return self.y0 + i

    def total(self, i: int) -> int:
        return 2 * _STATEN[i]

    def split(self, i: int) -> dict[int, int]:
        """The members' driftbidrag in kronor for year index i."""
        parts = fordela(
            self.total(i) * 100, [(mid, namn, Decimal(andel)) for mid, namn, _, andel in _MEDLEMMAR]
        )
        return {p.nyckel: p.belopp_ore // 100 for p in parts if p.belopp_ore}

    # -- people --

    def person(self, namn: str, anteckning: str = "") -> int:
        if namn not in self.person_id:
            self.person_id[namn] = len(self.person_id) + 1
            self.add(
                "person",
                id=self.person_id[namn],
                namn=namn,
                epost=_epost(namn),
                telefon="",
                anteckning=anteckning,
            )
        return self.person_id[namn]

    def styrelse(self) -> None:
        first = dt.date(self.y0, 1, 1)
        last = dt.date(self.today.year, 12, 31)
        change = dt.date(self.today.year - 1, 9, 1)
        self.person(_FORBUNDSCHEF, "Förbundschef (75 %), tjänsten köps från Norråbacka kommun.")
        uid = 0
        for k, start, end in _mandatperioder(first, last):
            ordf, vice = (NORRABACKA, REGION) if k % 2 == 0 else (REGION, NORRABACKA)
            for mid, *_ in _MEDLEMMAR:
                pool = _PERSONER[mid]
                for roll, namn in (("ledamot", pool[k % 4]), ("ersattare", pool[(k + 1) % 4])):
                    funktion = None
                    if roll == "ledamot" and mid == ordf:
                        funktion = "ordforande"
                    elif roll == "ledamot" and mid == vice:
                        funktion = "vice_ordforande"
                    pid = self.person(namn)
                    leaves = mid == AF and roll == "ledamot" and start <= change <= end
                    till = change - dt.timedelta(days=1) if leaves else end
                    uid += 1
                    self.add(
                        "uppdrag",
                        id=uid,
                        person_id=pid,
                        medlem_id=mid,
                        roll=roll,
                        funktion=funktion,
                        fran=start.isoformat(),
                        till=till.isoformat(),
                        anteckning="Entledigad på egen begäran (ny tjänst)." if leaves else "",
                    )
                    if leaves:
                        uid += 1
                        self.add(
                            "uppdrag",
                            id=uid,
                            person_id=self.person(_EFTERTRADARE),
                            medlem_id=mid,
                            roll=roll,
                            funktion=None,
                            fran=change.isoformat(),
                            till=end.isoformat(),
                            anteckning=f"Utsedd efter {namn} för resten av mandatperioden.",
                        )
            rid = len(self.rows.get("revisor", [])) + 1
            self.add(
                "revisor",
                id=rid,
                namn=_STATLIG_REVISOR,
                fran=start.isoformat(),
                till=end.isoformat(),
                anteckning="Utsedd av Försäkringskassan för staten.",
            )
            self.add("revisor_medlem", revisor_id=rid, medlem_id=FK)
            self.add("revisor_medlem", revisor_id=rid, medlem_id=AF)
            self.add(
                "revisor",
                id=rid + 1,
                namn=_KOMMUNALA_REVISORER[k % 3],
                fran=start.isoformat(),
                till=end.isoformat(),
                anteckning="Gemensam revisor för regionen och kommunerna.",
            )
            for mid in (REGION, NORRABACKA, LILLADAL):
                self.add("revisor_medlem", revisor_id=rid + 1, medlem_id=mid)

    def seats_on(self, day: dt.date) -> list[dict]:
        iso = day.isoformat()
        return [u for u in self.rows["uppdrag"] if u["fran"] <= iso <= u["till"]]

    # -- meetings --

    def moten(self) -> list[_Mote]:
        slots = [
            ("feb", 2, 2),
            ("mar", 3, 3),
            ("jun", 6, 2),
            ("sep", 9, 3),
            ("nov", 11, 3),
            ("dec", 12, 2),
        ]
        moten: list[_Mote] = []
        for year in range(self.y0, self.today.year + 1):
            dates = [(slot, _nth_weekday(year, m, 3, n)) for slot, m, n in slots]
            if year == self.y0 + 1:
                dates.append(("extra", _nth_weekday(year, 4, 3, 4)))
            for slot, day in sorted(dates, key=lambda sd: sd[1]):
                day = self.cal.workday(day)
                typ = "extra_styrelsemote" if slot == "extra" else "styrelsemote"
                moten.append(_Mote(0, typ, day, slot, held=day < self.today))
        return moten  # ids are given when written, beside their beredning

    def arenden(self, moten: list[_Mote]) -> None:
        """Agenda and decisions of every styrelsemöte; § numbers run through each year."""
        insats = {i.id: i for i in self.insatser}
        previous: _Mote | None = None
        next_meeting = next((m for m in moten if not m.held), None)
        for m in moten:
            items: list[dict] = []
            item = functools.partial(_item, items)
            item("Mötets öppnande", "Ordföranden förklarar mötet öppnat.")
            item("Val av justerare", "")  # filled in when attendance is known
            item("Godkännande av dagordning", "Dagordningen godkänns.")
            if previous is not None:
                item(
                    "Föregående mötesprotokoll",
                    f"Protokollet från {previous.datum.isoformat()} läggs till handlingarna.",
                )
            self._slot_items(m, item, insats)
            if m is next_meeting:
                item(
                    f"Ansökan om medfinansiering: {insats[8].namn}",
                    "",
                    "Ansökan från Lillådals kommun; bereds av förbundschefen och "
                    "beredningsgruppen.",
                    insats_id=8,
                )
            item(
                "Förbundschefen informerar",
                "Informationen tas emot.",
                "Aktuellt från förbundet, nationella nätverket (NNS) och parterna.",
            )
            item("Mötets avslutande", "Ordföranden tackar och avslutar mötet.")
            m.arenden = items
            previous = m
        self._beslutslogg(moten)
        # § numbers for held meetings, running through the year
        counter: dict[int, int] = {}
        for m in moten:
            for a in m.arenden:
                if m.held:
                    counter[m.datum.year] = counter.get(m.datum.year, 0) + 1
                    a["paragraf"] = counter[m.datum.year]
                    if a["key"]:
                        self.paragraf[a["key"]] = (m.datum, a["paragraf"])
                else:
                    a["paragraf"] = None

    def _slot_items(self, m: _Mote, item, insats: dict[int, _Insats]) -> None:
        y, i = m.datum.year, m.datum.year - self.y0
        if m.slot == "feb":
            item(
                f"Ekonomisk rapport, preliminärt utfall {y - 1}",
                "Styrelsen tar emot rapporten och lägger den till handlingarna.",
                "Preliminärt bokslut från ekonomienheten i Norråbacka kommun.",
            )
            item(
                f"Verksamhetsberättelser {y - 1} från finansierade insatser",
                "Verksamhetsberättelserna tas emot.",
            )
            item(
                f"Attestordning och delegationsordning {y}",
                f"Styrelsen fastställer attestordning och delegationsordning för {y} enligt "
                "förslag.",
            )
        elif m.slot == "mar":
            item(
                f"Årsredovisning {y - 1}",
                f"Styrelsen godkänner årsredovisningen för {y - 1} och överlämnar den till "
                "medlemmarna och revisorerna.",
                "Förslag till årsredovisning med resultat- och balansräkning.",
                key=f"arsredovisning:{y - 1}",
            )
            if i == 2:
                item(
                    "Slutrapport Steget vidare",
                    "Styrelsen godkänner slutrapporten och beslutar om slututbetalning.",
                    "Slutrapport från Lillådals kommun.",
                    insats_id=2,
                )
            item(
                f"Medlemssamråd {y}",
                "Förbundschefen får i uppdrag att tillsammans med medlemmarna planera vårens "
                "medlemssamråd.",
                ansvarig="Förbundschefen",
                senast=dt.date(y, 5, 31).isoformat(),
                beslut_status="klar",
            )
        elif m.slot == "extra":
            ins = insats[3]
            item(
                f"Medfinansiering av {ins.namn}",
                f"Styrelsen beviljar medfinansiering med {_kr(ins.belopp[1])} för perioden "
                f"{y}-05-01–{y}-12-31, med fortsättning enligt kommande budget t.o.m. "
                f"{y + 3}-12-31.",
                "Ansökan från Region Mellannorrland med Försäkringskassan och Norråbacka "
                "kommun som medparter; beredd i beredningsgruppen.",
                key="insats:3",
                insats_id=3,
            )
        elif m.slot == "jun":
            item(f"Ekonomisk uppföljning per april {y}", "Rapporten läggs till handlingarna.")
            item("Återkoppling från medlemssamrådet", "Informationen tas emot.")
            total = self.total(min(i + 1, len(_STATEN) - 1))
            item(
                f"Äskande av medel för {y + 1}",
                f"Styrelsen äskar {_kr(total)} från medlemmarna för {y + 1}, fördelat enligt "
                "förbundsordningen: staten hälften, regionen en fjärdedel och kommunerna en "
                "fjärdedel.",
            )
        elif m.slot == "sep":
            item(
                f"Delårsrapport per 31 augusti {y}",
                "Styrelsen godkänner delårsrapporten och överlämnar den till medlemmarna och "
                "revisorerna.",
                key=f"delarsrapport:{y}",
            )
            item(
                f"Ansökningar om medfinansiering {y + 1}",
                "Ansökningarna bereds vidare inför beslut i november.",
            )
            item(
                "Planeringsdag med lokala samverkansgruppen",
                "Förbundschefen får i uppdrag att sammanfatta planeringsdagen som underlag "
                "till verksamhetsplanen.",
                ansvarig="Förbundschefen",
                senast=dt.date(y, 10, 31).isoformat(),
                beslut_status="klar",
            )
        elif m.slot == "nov":
            n = i + 1
            beslut = (
                f"Styrelsen fastställer verksamhetsplan och budget för {y + 1} med plan "
                f"för {y + 2}–{y + 3}."
            )
            if n in _BUDGET_MAL:
                beslut += (
                    f" Av eget kapital tas {_kr(-_BUDGET_MAL[n][0])} i anspråk "
                    f"{y + 1} (synnerliga skäl)."
                )
            item(
                f"Verksamhetsplan och budget {y + 1} med plan för {y + 2}–{y + 3}",
                beslut,
                "Förslag till verksamhetsplan och budget.",
                key=f"budget:{y + 1}",
            )
            new = [
                ins
                for ins in self.insatser
                if min(ins.belopp, default=99) == n and n > 0 and ins.id != 3
            ]
            for ins in new:
                item(
                    f"Medfinansiering av {ins.namn}",
                    f"Styrelsen beviljar medfinansiering med {_kr(ins.belopp[n])} för {y + 1}.",
                    f"Ansökan från {_KORTNAMN[ins.agare]}.",
                    key=f"insats:{ins.id}",
                    insats_id=ins.id,
                )
            running = [ins for ins in self.insatser if n in ins.belopp and ins not in new]
            if running:
                names = ", ".join(f"{ins.namn} {_kr(ins.belopp[n])}" for ins in running)
                item(
                    f"Fortsatt medfinansiering av pågående insatser {y + 1}",
                    f"Styrelsen beviljar fortsatt medfinansiering för {y + 1} enligt budget: "
                    f"{names}.",
                )
            item(
                f"Sammanträdesplan {y + 1}",
                f"Styrelsen fastställer sammanträdesplanen för {y + 1}.",
            )
        elif m.slot == "dec":
            item(
                f"Internkontroll {y}: uppföljning och plan för {y + 1}",
                f"Styrelsen godkänner uppföljningen och fastställer internkontrollplanen för "
                f"{y + 1}.",
            )
            item(f"Risk- och väsentlighetsanalys {y + 1}", "Analysen godkänns.")
            item(
                "Uppföljning av dataskydd",
                "Informationen tas emot.",
                "Rapport från dataskyddsombudet i Norråbacka kommun.",
            )

    def _beslutslogg(self, moten: list[_Mote]) -> None:
        """A few open assignments from the latest held meetings, for the decision log."""
        held = [m for m in moten if m.held]
        tasks = [
            (
                "Kommunikationsplan för förbundet",
                "Förbundschefen får i uppdrag att ta fram ett förslag till kommunikationsplan.",
                "Förbundschefen",
                90,
                "pagar",
            ),
            (
                "Utvärdering av Samverkansteam Norrådalen",
                "Styrelsen beslutar att en extern utvärdering av insatsen ska göras och ger "
                "förbundschefen i uppdrag att begära in offerter.",
                "Förbundschefen",
                120,
                "oppen",
            ),
            (
                "Översyn av arvodesreglementet",
                "Presidiet får i uppdrag att se över arvodesreglementet inför nästa år.",
                "Presidiet",
                150,
                "oppen",
            ),
        ]
        for m, (rubrik, beslut, ansvarig, days, status) in zip(held[-3:], tasks, strict=False):
            m.arenden.insert(
                len(m.arenden) - 2,
                dict(
                    rubrik=rubrik,
                    beslut=beslut,
                    underlag="",
                    key=None,
                    insats_id=None,
                    ansvarig=ansvarig,
                    senast=(m.datum + dt.timedelta(days=days)).isoformat(),
                    beslut_status=status,
                ),
            )

    def write_moten(self, moten: list[_Mote]) -> None:
        mote_id = 0
        for n, m in enumerate(moten):
            plats = ["Kommunhuset, Norråbacka", "Lillådals kommunhus", "Regionens hus, Norråbacka"][
                n % 3
            ]
            heldag = m.slot == "nov"
            beredning = self.cal.workday(m.datum - dt.timedelta(days=7), step=-1)
            mote_id += 1
            self.add(
                "mote",
                id=mote_id,
                typ="beredning",
                datum=beredning.isoformat(),
                starttid="13:00",
                sluttid="15:00",
                plats="Förbundets kansli, Norråbacka",
                justerat=None,
                anteckning="Beredning i lokala samverkansgruppen (LSG) inför "
                f"styrelsemötet {m.datum.isoformat()}.",
                sekreterare="",
            )
            mote_id += 1
            m.id = mote_id
            justerat = m.datum + dt.timedelta(days=7)
            self.add(
                "mote",
                id=m.id,
                typ=m.typ,
                datum=m.datum.isoformat(),
                starttid="09:00",
                sluttid="15:00" if heldag else "12:00",
                plats="Teams" if m.slot == "extra" else plats,
                justerat=justerat.isoformat() if m.held and justerat < self.today else None,
                anteckning="Heldag med beslut om verksamhetsplan och budget." if heldag else "",
                sekreterare=_FORBUNDSCHEF,  # the förbundschef keeps the protokoll
            )
            justerare = self.narvaro(m, n) if m.held else []
            for ordning, a in enumerate(m.arenden, start=1):
                if a["rubrik"] == "Val av justerare" and m.held:
                    names = [p for p, _ in justerare]
                    a["beslut"] = (
                        f"Styrelsen väljer {names[0]} och {names[1]} att jämte "
                        "ordföranden justera protokollet."
                    )
                self.add(
                    "arende",
                    id=len(self.rows.get("arende", [])) + 1,
                    mote_id=m.id,
                    ordning=ordning,
                    paragraf=a["paragraf"],
                    rubrik=a["rubrik"],
                    underlag=a["underlag"],
                    beslut=a["beslut"] if m.held else "",
                    insats_id=a["insats_id"],
                    ansvarig=a.get("ansvarig", ""),
                    senast=a.get("senast"),
                    beslut_status=a.get("beslut_status") if m.held else None,
                )
            for _, pid in justerare:
                self.add("justerare", mote_id=m.id, person_id=pid)

    def narvaro(self, m: _Mote, n: int) -> list[tuple[str, int]]:
        """Attendance for a held meeting; returns the two justerare (name, person id)."""
        seats = self.seats_on(m.datum)
        ledamoter = [s for s in seats if s["roll"] == "ledamot"]
        absent_member = None
        if n % 3 != 2:
            candidates = [s["medlem_id"] for s in ledamoter if s["funktion"] != "ordforande"]
            absent_member = candidates[(n * 7 + m.datum.year) % len(candidates)]
        voters = []
        for s in seats:
            if s["roll"] == "ledamot":
                present = s["medlem_id"] != absent_member
                serving = present
            else:
                serving = s["medlem_id"] == absent_member
                present = serving or (n + s["medlem_id"]) % 3 != 0
            self.add(
                "narvaro",
                mote_id=m.id,
                uppdrag_id=s["id"],
                narvarande=int(present),
                tjanstgorande=int(serving),
            )
            if serving and s["funktion"] != "ordforande":
                voters.append(s["person_id"])
        names = {pid: namn for namn, pid in self.person_id.items()}
        start = n % len(voters)
        chosen = [voters[start], voters[(start + 1) % len(voters)]]
        return [(names[pid], pid) for pid in chosen]

    # -- insatser --

    def write_insatser(self) -> None:
        today = self.today
        nov_this_year = self.paragraf.get(f"budget:{today.year + 1}")
        for ins in self.insatser:
            years = sorted(ins.belopp)
            if ins.id == 8:
                ansokan = today - dt.timedelta(days=21)
                self.add(
                    "insats",
                    id=ins.id,
                    namn=ins.namn,
                    typ=ins.typ,
                    agare_id=ins.agare,
                    status="beredning",
                    ansokan_datum=ansokan.isoformat(),
                    ansokt_ore=850_000 * 100,
                    beslut_datum=None,
                    beslut_paragraf="",
                    start=f"{today.year + 1}-01-01",
                    slut=f"{today.year + 2}-12-31",
                    syfte=ins.syfte,
                    malgrupp=ins.malgrupp,
                    beskrivning=ins.beskrivning,
                )
            else:
                start, slut = self._projekttid(ins)
                decided = self.paragraf.get(f"insats:{ins.id}")
                if decided:
                    beslut_datum, paragraf = decided
                else:  # decided before the years this file keeps
                    beslut_datum = self.cal.workday(_nth_weekday(start.year - 1, 11, 3, 3))
                    paragraf = 40 + ins.id
                status = "avslutad" if slut is not None and slut < today else "pagaende"
                self.add(
                    "insats",
                    id=ins.id,
                    namn=ins.namn,
                    typ=ins.typ,
                    agare_id=ins.agare,
                    status=status,
                    ansokan_datum=(beslut_datum - dt.timedelta(days=70)).isoformat(),
                    ansokt_ore=ins.belopp[years[0]] * 100 if years[0] >= 0 else None,
                    beslut_datum=beslut_datum.isoformat(),
                    beslut_paragraf=f"§ {paragraf}",
                    start=start.isoformat(),
                    slut=slut.isoformat() if slut else None,
                    syfte=ins.syfte,
                    malgrupp=ins.malgrupp,
                    beskrivning=ins.beskrivning,
                )
            for mid in ins.medparter:
                self.add("insats_part", insats_id=ins.id, medlem_id=mid)
            for i in years:
                ar = self.year(i)
                decided_year = ar <= today.year or (ar == today.year + 1 and nov_this_year)
                self.add(
                    "insats_ar",
                    insats_id=ins.id,
                    ar=ar,
                    beviljat_ore=ins.belopp[i] * 100 if decided_year else None,
                    forbrukat_ore=ins.forbrukat[i] * 100 if i in ins.forbrukat else None,
                    planerat_ore=ins.belopp[i] * 100 if ar > today.year else None,
                    flyttat_ore=None,
                )
            for ordning, (mal, indikator, metod, bedomningar) in enumerate(ins.mal, start=1):
                mal_id = len(self.rows.get("mal", [])) + 1
                self.add(
                    "mal",
                    id=mal_id,
                    insats_id=ins.id,
                    ordning=ordning,
                    mal=mal,
                    indikator=indikator,
                    metod=metod,
                )
                for i, b in enumerate(bedomningar):
                    if b is not None:
                        self.add(
                            "mal_bedomning",
                            mal_id=mal_id,
                            ar=self.year(i),
                            bedomning=b[0],
                            motivering=b[1],
                        )
            for i, (kvinnor, man, avslutade, aktiva) in ins.uppfoljning.items():
                self.add(
                    "uppfoljning",
                    insats_id=ins.id,
                    ar=self.year(i),
                    nya_kvinnor=kvinnor,
                    nya_man=man,
                    avslutade=avslutade,
                    aktiva=aktiva,
                )

    def _projekttid(self, ins: _Insats) -> tuple[dt.date, dt.date | None]:
        y0 = self.y0
        return {
            1: (dt.date(y0 - 2, 1, 1), None),
            2: (dt.date(y0, 1, 1), dt.date(y0 + 1, 12, 31)),
            3: (dt.date(y0 + 1, 5, 1), dt.date(y0 + 4, 12, 31)),
            4: (dt.date(y0 + 2, 3, 1), dt.date(y0 + 5, 12, 31)),
            5: (dt.date(y0 - 2, 9, 1), dt.date(y0 + 3, 12, 31)),
            6: (dt.date(y0 - 2, 1, 1), dt.date(y0 + 5, 12, 31)),
            7: (dt.date(y0 - 1, 1, 1), dt.date(y0 + 5, 12, 31)),
        }[ins.id]

    # -- budget and utfall --

    def kansli(self, i: int) -> list[tuple[str, str, str, int, float]]:
        """(grupp, text, konto, budget kr, spread) for year index i."""
        return [(g, t, k, base + step * i, spread) for g, t, k, base, step, spread in _KANSLI]

    def known_insatser(self, n: int) -> list[_Insats]:
        """Insatser decided before the budget for year index n was made (November n-1)."""
        known = []
        for ins in self.insatser:
            if not ins.belopp:
                continue
            first = min(ins.belopp)
            if first < n or (first == n and ins.id != 3):
                known.append(ins)
        return known

    def budget(self) -> None:
        row_id = 0
        for n in range(1, 5):
            ar = self.year(n)
            decided = self.paragraf.get(f"budget:{ar}")
            motivering = ""
            if n in _BUDGET_MAL:
                deficit = -_BUDGET_MAL[n][0]
                motivering = (
                    "Eget kapital överstiger rekommendationen om högst 20 % av driftbidraget. "
                    f"Styrelsen tar därför {_kr(deficit)} av eget kapital i anspråk {ar} för "
                    "insatser till förbundets målgrupper (synnerliga skäl enligt 21 § lagen "
                    "om finansiell samordning av rehabiliteringsinsatser)."
                )
            self.add(
                "budget_version",
                id=n,
                ar=ar,
                namn=f"Verksamhetsplan och budget {ar}, plan {ar + 1}–{ar + 2}",
                status="beslutad" if decided else "forslag",
                beslut_datum=decided[0].isoformat() if decided else None,
                beslut_paragraf=f"§ {decided[1]}" if decided else "",
                eget_kapital_motivering=motivering,
            )
            lines: list[tuple[str, str, str, int | None, int | None, dict[int, int]]] = []
            split = self.split(n)
            for mid, namn, *_ in _MEDLEMMAR:
                if mid in split:
                    konto = {FK: "3011", REGION: "3012"}.get(mid, "3013")
                    text = (
                        "Driftbidrag staten (Försäkringskassan)"
                        if mid == FK
                        else f"Driftbidrag {namn}"
                    )
                    lines.append(
                        (
                            "intakter",
                            text,
                            konto,
                            None,
                            mid,
                            {y: split[mid] for y in range(n, n + 3)},
                        )
                    )
            for idx, (g, t, k, _, _) in enumerate(self.kansli(n)):
                lines.append(  # costs are negative, as in every budget table
                    (g, t, k, None, None, {y: -self.kansli(y)[idx][3] for y in range(n, n + 3)})
                )
            for ins in self.known_insatser(n):
                amounts = {y: -ins.belopp[y] for y in range(n, n + 3) if y in ins.belopp}
                if amounts:
                    lines.append(("insatser", ins.namn, "4510", ins.id, None, amounts))
            lines.append(
                (
                    "finansiella",
                    "Ränteintäkter",
                    "844",
                    None,
                    None,
                    dict.fromkeys(range(n, n + 3), _RANTA_BUDGET),
                )
            )
            lines.append(
                (
                    "finansiella",
                    "Bankkostnader",
                    "859",
                    None,
                    None,
                    dict.fromkeys(range(n, n + 3), _BANK_BUDGET),
                )
            )
            reserved = {}
            for k, y in enumerate(range(n, n + 3)):
                result = sum(a.get(y, 0) for *_, a in lines)
                target = _BUDGET_MAL.get(n, (0, 0, 0))[k]
                reserved[y] = target - result
                assert reserved[y] <= 0, (n, y, result)
            lines.insert(
                len(lines) - 2,
                ("insatser", "Reserverade medel för nya insatser", "4510", None, None, reserved),
            )
            order = {
                "intakter": 0,
                "administration": 100,
                "styrelse": 200,
                "insatser": 300,
                "finansiella": 900,
            }
            counts: dict[str, int] = {}
            for grupp, text, konto, insats_id, medlem_id, amounts in lines:
                counts[grupp] = counts.get(grupp, 0) + 1
                row_id += 1
                self.add(
                    "budget_rad",
                    id=row_id,
                    version_id=n,
                    grupp=grupp,
                    ordning=order[grupp] + counts[grupp],
                    text=text,
                    insats_id=insats_id,
                    medlem_id=medlem_id,
                    konto=konto,
                )
                for y, kr in sorted(amounts.items()):
                    self.add(
                        "budget_belopp",
                        rad_id=row_id,
                        ar=self.year(y),
                        belopp_ore=kr * 100,
                        anteckning="",
                    )

    def utfall_lines(self, i: int) -> list[tuple[str, str, str, int | None, int, float]]:
        """(grupp, text, konto, insats_id, budget kr, spread) of year index i."""
        lines = []
        split = self.split(i)
        for mid, namn, *_ in _MEDLEMMAR:
            if mid in split:
                konto = {FK: "3011", REGION: "3012"}.get(mid, "3013")
                text = (
                    "Driftbidrag staten (Försäkringskassan)" if mid == FK else f"Driftbidrag {namn}"
                )
                lines.append(("intakter", text, konto, None, split[mid], 0.0))
        for g, t, k, kr, spread in self.kansli(i):
            lines.append((g, t, k, None, -kr, spread))
        for ins in self.insatser:
            if i in ins.belopp:
                lines.append(("insatser", ins.namn, "4510", ins.id, -ins.belopp[i], 0.0))
        return lines

    def utfall(self) -> int:
        """Whole-year utfall for the closed years, monthly for this year so far; bokslut."""
        order = {
            "intakter": 0,
            "administration": 100,
            "styrelse": 200,
            "insatser": 300,
            "finansiella": 900,
        }
        ek = _EGET_KAPITAL_IB
        for i in range(3):
            ar = self.year(i)
            result = 0
            rows = []
            for grupp, text, konto, insats_id, kr, spread in self.utfall_lines(i):
                if insats_id is not None:
                    kr = -self.insatser[insats_id - 1].forbrukat[i]
                else:
                    kr = -_vary(-kr, f"{text}:{i}", spread) if kr < 0 else kr
                rows.append((grupp, text, konto, insats_id, kr))
            rows.append(("finansiella", "Ränteintäkter", "844", None, _RANTA_UTFALL[i]))
            rows.append(("finansiella", "Bankkostnader", "859", None, _BANK_UTFALL[i]))
            counts: dict[str, int] = {}
            for grupp, text, konto, insats_id, kr in rows:
                counts[grupp] = counts.get(grupp, 0) + 1
                self.add(
                    "utfall",
                    ar=ar,
                    manad=None,
                    grupp=grupp,
                    ordning=order[grupp] + counts[grupp],
                    text=text,
                    insats_id=insats_id,
                    konto=konto,
                    belopp_ore=kr * 100,
                )
                result += kr
            ib = ek
            ek = ib + result
            fordringar = _vary(21_000, f"fordringar:{i}", 0.3)
            skulder = _vary(290_000, f"skulder:{i}", 0.25)
            self.add(
                "bokslut",
                ar=ar,
                anlaggningstillgangar_ore=0,
                kortfristiga_fordringar_ore=fordringar * 100,
                kassa_och_bank_ore=(ek + skulder - fordringar) * 100,
                eget_kapital_ib_ore=ib * 100 if i == 0 else None,
                eget_kapital_ore=ek * 100,
                avsattningar_ore=0,
                langfristiga_skulder_ore=0,
                kortfristiga_skulder_ore=skulder * 100,
                driftbidrag_ore=self.total(i) * 100,
            )
        # This year: monthly rows for the months already closed by the ekonomienhet.
        for manad in range(1, self.today.month):
            counts = {}
            for grupp, text, konto, insats_id, kr, spread in self.utfall_lines(3):
                counts[grupp] = counts.get(grupp, 0) + 1
                if grupp == "intakter":
                    amount = kr // 4 if manad in (1, 4, 7, 10) else 0
                elif grupp == "insatser":
                    amount = -_vary(-kr // 4, f"{text}:{manad}", 0.08) if manad % 3 == 0 else 0
                else:
                    amount = -_vary(-kr // 12, f"{text}:{manad}", spread)
                if amount:
                    self.add(
                        "utfall",
                        ar=self.today.year,
                        manad=manad,
                        grupp=grupp,
                        ordning=order[grupp] + counts[grupp],
                        text=text,
                        insats_id=insats_id,
                        konto=konto,
                        belopp_ore=amount * 100,
                    )
            self.add(
                "utfall",
                ar=self.today.year,
                manad=manad,
                grupp="finansiella",
                ordning=902,
                text="Bankkostnader",
                insats_id=None,
                konto="859",
                belopp_ore=-_vary(160, f"bank:{manad}", 0.2) * 100,
            )
        return ek

    # -- årshjul --

    def arshjul(self) -> None:
        y0, today = self.y0, self.today
        posts = [
            (
                "konferenser",
                "Finsamkonferensen",
                _nth_weekday(y0, 5, 2, 2),
                _nth_weekday(y0, 5, 2, 2) + dt.timedelta(days=1),
                "Nationell konferens om finansiell samordning. Styrelsen och "
                "förbundschefen deltar, på plats eller digitalt.",
            ),
            (
                "styrelse",
                "Medlemssamråd",
                self.cal.workday(_nth_weekday(y0, 4, 1, 4)),
                None,
                "Samråd med medlemmarna om verksamheten och medelstilldelningen, minst en gång "
                "per år.",
            ),
            (
                "egna",
                "Planeringsdag med lokala samverkansgruppen",
                _nth_weekday(y0, 9, 3, 1),
                None,
                "Styrelse, LSG och beredningsgrupp planerar nästa års verksamhet tillsammans.",
            ),
            (
                "konferenser",
                "Norrlandskonferensen",
                _nth_weekday(y0, 10, 2, 3),
                _nth_weekday(y0, 10, 2, 3) + dt.timedelta(days=1),
                "Regional konferens för samordningsförbunden i Norrland.",
            ),
            (
                "ekonomi",
                "Internkontroll, riskanalys och dataskydd",
                self.cal.workday(dt.date(y0, 12, 1)),
                dt.date(y0, 12, 15),
                "Uppföljning av internkontrollplanen, risk- och väsentlighetsanalys och "
                "uppföljning av dataskyddet; beslut i styrelsen i december.",
            ),
        ]
        pid = 0
        for ring, rubrik, datum, slut, beskrivning in posts:
            pid += 1
            self.add(
                "arshjul_post",
                id=pid,
                ring=ring,
                rubrik=rubrik,
                datum=datum.isoformat(),
                slut=slut.isoformat() if slut else None,
                upprepning="arligen",
                beskrivning=beskrivning,
            )
            for year in range(y0, today.year + 1):
                if datum.replace(year=year) < today:
                    self.add("arshjul_klar", post_id=pid, ar=year)
        # Psykiatriveckan follows the ISO week, not the date: one entry per year.
        for year in range(y0, today.year + 2):
            pid += 1
            monday, thursday = _week45(year)
            self.add(
                "arshjul_post",
                id=pid,
                ring="insatser",
                rubrik="Psykiatriveckan",
                datum=monday.isoformat(),
                slut=thursday.isoformat(),
                upprepning="ingen",
                beskrivning="Vecka 45, måndag–torsdag: föreläsningar om psykisk hälsa i "
                "Norråbacka och Lillådal.",
            )
            if monday < today:
                self.add("arshjul_klar", post_id=pid, ar=year)

    # -- all of it --

    def build(self) -> None:
        for ordning, (mid, namn, typ, andel) in enumerate(_MEDLEMMAR, start=1):
            self.add("medlem", id=mid, namn=namn, typ=typ, andel=andel, ordning=ordning)
        for nummer, benamning in _KONTON:
            self.add("konto", nummer=nummer, benamning=benamning)
        self.styrelse()
        moten = self.moten()
        self.arenden(moten)
        self.write_moten(moten)
        self.write_insatser()
        self.budget()
        self.utfall()
        self.arshjul()


def _item(
    items: list[dict],
    rubrik: str,
    beslut: str = "",
    underlag: str = "",
    key=None,
    insats_id=None,
    **kw,
) -> None:
    items.append(
        dict(rubrik=rubrik, beslut=beslut, underlag=underlag, key=key, insats_id=insats_id, **kw)
    )


def _epost(namn: str) -> str:
    table = str.maketrans("åäöéü", "aaoeu")
    first, *rest = namn.lower().translate(table).split()
    return f"{first}.{'-'.join(rest)}@norradalen.example"


def _insert(db: Database, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    db.conn.executemany(sql, [tuple(r[c] for c in columns) for r in rows])


def fill_demo(ff: ForbundFile, *, today: dt.date | None = None) -> None:
    """Fill an empty, freshly created förbund file with the demo förbund, in one write.

    The förbund row gets the demo's name and organisationsnummer. Raises Refusal if the
    file already holds members (the demo never mixes with real data).
    """
    today = today or dt.date.today()
    if ff.scalar("SELECT count(*) FROM medlem"):
        raise Refusal("Demoförbundet kan bara fyllas i en tom förbundsfil.")
    builder = _Builder(today)
    builder.build()
    builder.rows["rapporttext"] = _rapporttexter(builder)
    with ff.write("Skapa demoförbundet") as db:
        db.execute(
            "UPDATE forbund SET namn = ?, organisationsnummer = ?, bildat = ?, "
            "forsta_budgetar = ? WHERE id = 1",
            (NAMN, ORGANISATIONSNUMMER, _BILDAT, builder.year(1)),
        )
        for table in tables_parents_first(db.conn):
            _insert(db, table, builder.rows.get(table, []))
        _tick_arshjul_rules(db, builder.y0, today)
        _arvoden(db, builder.y0, today)


def _arvoden(db: Database, first_year: int, today: dt.date) -> None:
    """Fee rules for each year (as a small förbund's arvodesreglemente) and FLA and km for
    the people from the kommuner and the region at the year's justerade styrelsemöten."""
    for year in range(first_year, today.year + 2):
        db.execute(
            "INSERT INTO arvode_regel (ar, kort_timmar, arvode_kort_ore, arvode_lang_ore, "
            "ordforande_ore, vice_ore, fast_per_manad, fla_timme_ore, fla_tak_ore, fla_intyg, "
            "mil_ore, mil_skattefri_ore, arbetsgivaravgift_ore, statliga_betalas, "
            "ovriga_moten, konto, ansvar) "
            "VALUES (?, 4, 120000, 180000, 2400000, 1200000, 0, 30000, 240000, 1, 3000, 2500, "
            "3142, 0, 1, '7010', '1100')",
            (year,),
        )
    rows = db.query(
        "SELECT n.mote_id, u.person_id, me.typ FROM narvaro n "
        "JOIN uppdrag u ON u.id = n.uppdrag_id JOIN medlem me ON me.id = u.medlem_id "
        "JOIN mote mo ON mo.id = n.mote_id "
        "WHERE n.narvarande = 1 AND mo.justerat IS NOT NULL AND me.typ IN ('kommun', 'region') "
        "AND strftime('%Y', mo.datum) = ? ORDER BY mo.datum, u.person_id",
        (str(today.year),),
    )
    for i, r in enumerate(rows):
        km = (46, 120, 18, 74)[i % 4]
        fla = 350 if i % 3 == 0 else 0
        db.execute(
            "INSERT INTO arvode_mote (mote_id, person_id, fla_hundradelar, fla_intyg, km) "
            "VALUES (?, ?, ?, ?, ?)",
            (r["mote_id"], r["person_id"], fla, int(fla > 0), km),
        )


def _tick_arshjul_rules(db: Database, first_year: int, today: dt.date) -> None:
    """Tick off the årshjul rules' entries (the file's default rules) that have passed."""
    for row in db.query("SELECT * FROM arshjul_regel WHERE aktiv = 1"):
        regel = Regel.from_row(row)
        for year in range(first_year, today.year + 1):
            when = regel.dates(year)
            if when is not None and when[1] < today:
                db.execute(
                    "INSERT INTO arshjul_regel_ar (regel_id, ar, klar) VALUES (?, ?, 1)",
                    (regel.id, year),
                )


def create_demo(path: Path, *, today: dt.date | None = None) -> None:
    """Create the demo förbund as a new file at ``path`` (which must not exist)."""
    path = Path(path)
    ff = storage.create_file(path, namn=NAMN, organisationsnummer=ORGANISATIONSNUMMER)
    try:
        fill_demo(ff, today=today)
    except BaseException:
        ff.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    ff.close()


# -- the reports' narrative texts (additive: finsam_desktop.rapporttexter) ---------------------

_AR_TEXTER = {
    "inledning": (
        "{forbund} har under {ar} fortsatt att utveckla samverkan mellan Försäkringskassan, "
        "Arbetsförmedlingen, Region Mellannorrland, Norråbacka kommun och Lillådals kommun. "
        "Förbundet har finansierat **individinriktade insatser** för personer som behöver "
        "samordnat stöd för att närma sig arbete eller studier, och **strukturövergripande "
        "insatser** som stärker samverkan mellan parternas medarbetare."
    ),
    "organisation": (
        "Förbundet är medlem i Nationella nätverket för samordningsförbund (NNS). Förbundet har "
        "inga anställda; förbundschefen köps som tjänst av Norråbacka kommun på 75 %."
    ),
    "vision": (
        "Målgruppen är personer i förvärvsaktiv ålder som behöver samordnade insatser från "
        "flera av parterna för att nå egen försörjning. Förbundets vision är att ingen ska "
        "falla mellan stolarna.\n\n"
        "Förbundets fokusområden är:\n"
        "- unga vuxna som varken arbetar eller studerar\n"
        "- personer med psykisk ohälsa\n"
        "- utrikesfödda som står långt från arbetsmarknaden"
    ),
    "viktiga_forhallanden": (
        "Parternas driftbidrag har legat på en stabil nivå. Överskottet från tidigare år har "
        "använts till insatser enligt styrelsens beslut om att eget kapital ska hållas under "
        "taket."
    ),
    "vasentliga_handelser": (
        "Under {ar} har diskussionen om finsamlagen och samordningsförbundens uppdrag fortsatt "
        "på nationell nivå. Försäkringskassans organisationsförändring har påverkat "
        "deltagandet i de lokala samverkansgrupperna under delar av året.\n\n"
        "Styrelsen har beslutat att förlänga **IPS Norrådalen** och att utreda en ny insats "
        "för föräldrar som står utanför arbetsmarknaden."
    ),
    "styrelsens_aktiviteter": (
        "Styrelsen har deltagit i NNS konferensdag och årsmöte, och ordföranden har "
        "representerat förbundet vid Norrlandskonferensen. Under hösten genomfördes en "
        "planeringsdag tillsammans med den lokala samverkansgruppen (LSG)."
    ),
    "kansli": (
        "Förbundschefen leder arbetet utifrån styrelsens anvisningar, bereder ärenden och "
        "ingår i insatsernas styrgrupper. Ekonomi- och redovisningstjänster köps av "
        "Norråbacka kommun.\n\n"
        "- **Lokala samverkansgruppen (LSG):** chefer från samtliga parter; bereder ärenden "
        "till styrelsen.\n"
        "- **Beredningsgruppen:** handläggare från parterna som diskuterar ärenden där "
        "individens behov faller mellan myndigheternas ansvarsområden."
    ),
    "god_ekonomisk_hushallning": (
        "Styrelsen bedömer att förbundet har haft en god ekonomisk hushållning: medlen har "
        "använts enligt verksamhetsplan och budget, och insatserna har följts upp mot sina "
        "mål."
    ),
    "forvantad_utveckling": (
        "Statens medel för {nasta} är beskedade på samma nivå som {ar}. Förbundet räknar med "
        "att fortsätta finansiera de pågående insatserna och att bereda nya ansökningar "
        "inom fokusområdena. Utredningen om finsamlagen kan komma att påverka förbundets "
        "uppdrag på sikt."
    ),
}

_DR_TEXTER = {
    "inledning": (
        "Delårsrapporten beskriver verksamheten och ekonomin under årets första åtta månader "
        "och ger en prognos för helåret."
    ),
    "vasentliga_handelser": (
        "Under perioden har styrelsen beviljat fortsatt finansiering av **Språk och arbete**. "
        "Medlemssamrådet genomfördes i maj med god uppslutning från samtliga parter."
    ),
    "verksamhet": (
        "Insatserna har haft ett stabilt inflöde av deltagare. Beredningsgruppen har träffats "
        "en gång i månaden utom under sommaren."
    ),
    "prognos": (
        "Prognosen visar ett överskott mot budget, främst därför att insatserna har "
        "rekryterat personal senare än planerat. Överskottet föreslås användas till nya "
        "insatser under hösten."
    ),
    "forvantad_utveckling": (
        "Förbundet räknar med att nå verksamhetsmålen för året. Verksamhetsplanen för nästa "
        "år bereds under hösten."
    ),
}

_VP_TEXTER = {
    "inledning": (
        "Verksamhetsplanen med budget beskriver vad {forbund} ska göra under {ar} och hur "
        "medlen ska användas. Planen för {nasta}–{tredje} är preliminär och prövas på nytt "
        "varje år."
    ),
    "organisation": (
        "Förbundschefen leder kansliet. Den lokala samverkansgruppen (LSG) och "
        "beredningsgruppen bereder ärenden till styrelsen och är förbundets viktigaste "
        "kanaler till parternas verksamheter."
    ),
    "inriktning": (
        "Förbundet prioriterar under {ar}:\n"
        "- insatser för unga vuxna som varken arbetar eller studerar\n"
        "- stöd till personer med psykisk ohälsa att nå arbete, enligt IPS-metoden\n"
        "- kompetensutveckling som stärker samverkan mellan parternas medarbetare"
    ),
    "mal": (
        "Varje insats har mål med indikatorer och en metod för uppföljning (se avsnittet "
        "Insatser). Förbundets övergripande mål är att **fler ska nå egen försörjning** och "
        "att parterna ska uppleva att samverkan blir bättre."
    ),
    "finansiella_mal": "De finansiella målen följs upp i delårsrapporten och i årsredovisningen.",
    "budget": (
        "Budgeten bygger på beskedet om statens medel. Kommunerna och regionen matchar "
        "statens andel enligt förbundsordningen. Medel som inte är fördelade till insatser "
        "redovisas som reserverade medel för nya insatser."
    ),
}


def _rapporttexter(builder: _Builder) -> list[dict]:
    """Narrative texts for the demo's reports: årsredovisning for each closed year, the
    delårsrapport for this year and the verksamhetsplan for next year."""
    this = builder.today.year
    rows = []

    def add(rapport: str, ar: int, texter: dict[str, str]) -> None:
        for avsnitt, text in texter.items():
            rows.append(
                dict(
                    rapport=rapport,
                    ar=ar,
                    avsnitt=avsnitt,
                    text=text.format(forbund=NAMN, ar=ar, nasta=ar + 1, tredje=ar + 2),
                )
            )

    for ar in range(builder.y0, this):
        add("arsredovisning", ar, _AR_TEXTER)
    add("delarsrapport", this, _DR_TEXTER)
    add("verksamhetsplan", this + 1, _VP_TEXTER)
    return rows
