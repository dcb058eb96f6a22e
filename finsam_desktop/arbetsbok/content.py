"""The whole content of a förbund file as plain records keyed by natural keys.

Records are dicts of stored values (ISO date text, integer öre, vocabulary codes). Where the
file links rows by id, a record names what it links to instead: a member by its name, a person
by name, an insats by name, a konto by number, a meeting by its Nr (the meeting's id, kept
through export and import). That is what the workbook shows, so a person can edit it in Excel.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .cells import name_key

Record = dict[str, Any]


@dataclass
class Content:
    """Everything in a förbund file, as read from a workbook (or loaded for an export)."""

    #: namn, organisationsnummer, bildat, forsta_budgetar
    forbund: Record = field(default_factory=dict)
    #: setting key -> stored text (only settings given a value; the rest use their default)
    installningar: dict[str, str] = field(default_factory=dict)
    medlemmar: list[Record] = field(default_factory=list)
    personer: list[Record] = field(default_factory=list)
    #: person, medlem (names), roll, funktion, fran, till, anteckning
    uppdrag: list[Record] = field(default_factory=list)
    #: namn, medlemmar (tuple of member names), fran, till, anteckning
    revisorer: list[Record] = field(default_factory=list)
    konton: list[Record] = field(default_factory=list)
    #: agare (member name or None), medparter (tuple of member names), and the insats columns
    insatser: list[Record] = field(default_factory=list)
    insats_ar: list[Record] = field(default_factory=list)
    #: insats, nr (1, 2, … within the insats), mal, indikator, metod
    mal: list[Record] = field(default_factory=list)
    #: insats, mal_nr, ar, bedomning, motivering
    mal_bedomningar: list[Record] = field(default_factory=list)
    uppfoljning: list[Record] = field(default_factory=list)
    #: nr (the meeting id), justerare (tuple of person names), and the meeting columns
    moten: list[Record] = field(default_factory=list)
    #: mote (Nr), insats (name or None), and the ärende columns
    arenden: list[Record] = field(default_factory=list)
    #: mote (Nr), person, medlem, roll, narvarande, tjanstgorande
    narvaro: list[Record] = field(default_factory=list)
    #: mote (Nr), datum, tidigare_justerat, orsak: protokoll opened for rättelse
    rattelser: list[Record] = field(default_factory=list)
    #: typ, rubrik: the standing items of each meeting kind, in order
    dagordningsmallar: list[Record] = field(default_factory=list)
    #: ar, namn, status, …, and rader: grupp, text, insats, konto, medlem, belopp
    #: (year -> öre) and anteckningar (year -> note); plus ar_kolumner (the sheet's years)
    budgetversioner: list[Record] = field(default_factory=list)
    #: ar, manad (None for the whole year), grupp, text, insats, konto, belopp_ore
    utfall: list[Record] = field(default_factory=list)
    bokslut: list[Record] = field(default_factory=list)
    #: ar, post, text, belopp_ore: the notes' specification, in the order kept
    bokslut_specifikation: list[Record] = field(default_factory=list)
    #: ar and the balansprognos columns: a running year's typed year-end balance
    balansprognos: list[Record] = field(default_factory=list)
    #: ar, manad and the delårsbalans columns: the balance at a delårsrapport's period end
    delarsbalans: list[Record] = field(default_factory=list)
    #: rubrik, ring, datum, slut, upprepning, beskrivning, klar (tuple of years)
    arshjul: list[Record] = field(default_factory=list)
    #: the arshjul_regel columns, klar (tuple of years), flyttad (tuple of (year, start, end))
    arshjul_regler: list[Record] = field(default_factory=list)
    #: zero or one record: startmanad (1–12)
    arshjul_start: list[Record] = field(default_factory=list)

    #: rapport, ar, avsnitt (the section's key), text: the reports' narrative texts
    rapporttexter: list[Record] = field(default_factory=list)
    #: the logo for the reports' covers (PNG or JPEG bytes), or None
    logotyp: bytes | None = None

    #: mote, dokument, paragraf, ar, version and the justering columns: each version of a
    #: document (protokoll, utdrag, årsredovisning) sent for signing
    justeringar: list[Record] = field(default_factory=list)
    #: mote, dokument, paragraf, ar, version, namn, roll, signerat, certifikat: who must sign
    #: (and signed), in order
    justeringssignerare: list[Record] = field(default_factory=list)
    #: (mote, dokument, paragraf, ar, version, "Justeringsversion" | "Original") -> the bytes
    justeringsfiler: dict[tuple, bytes] = field(default_factory=dict)
    #: namn, sha256, data (DER): the signing services' CA certificates the förbund trusts
    betrodda_utfardare: list[Record] = field(default_factory=list)

    #: nr (1, 2, … on the sheet), slag, omrade, mal, matt, uppfoljning, fran_ar, till_ar
    forbundsmal: list[Record] = field(default_factory=list)
    #: mal_nr, ar, skede, bedomning, motivering
    forbundsmal_bedomningar: list[Record] = field(default_factory=list)

    #: the arvode_regel columns: the fee rules per year
    arvode_regler: list[Record] = field(default_factory=list)
    #: person (name), personnummer, betalas (None, True, False)
    arvode_personer: list[Record] = field(default_factory=list)
    #: mote (nr), person (name), fla_hundradelar, fla_intyg, km
    arvode_moten: list[Record] = field(default_factory=list)


class Names:
    """Names defined in one sheet, looked up the way people type them (any case, spacing)."""

    def __init__(self) -> None:
        self._by_key: dict[str, str] = {}

    def add(self, name: str) -> bool:
        """Register ``name``; False if an equal name (ignoring case and spacing) exists."""
        key = name_key(name)
        if key in self._by_key:
            return False
        self._by_key[key] = name
        return True

    def get(self, name: str) -> str | None:
        """The name as its own sheet writes it, or None if there is no such name."""
        return self._by_key.get(name_key(name))

    def __contains__(self, name: str) -> bool:
        return self.get(name) is not None


def insert_rows(
    conn: sqlite3.Connection, table: str, names: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert ``rows`` into ``table``, each row's values in the order of the columns ``names``."""
    marks = ", ".join("?" * len(names))
    conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)
