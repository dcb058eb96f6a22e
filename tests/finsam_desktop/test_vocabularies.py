"""Every vocabulary the program shows is exactly the list of codes the schema accepts.

A code the enum has and the CHECK lacks fails when stored; one the CHECK has and the enum
lacks crashes the page that reads it (``MoteTyp("styrgrupp")``). Both are read here from the
source of truth each keeps: the enum classes and the schema the migration steps make.
"""

from __future__ import annotations

import re
import sqlite3

import pytest
from sqlite_utils import Database

from finsam_desktop import model
from finsam_desktop.arbetsbok.arshjul import RegelTyp, Villkor
from finsam_desktop.rapporttexter import Rapportslag
from finsam_desktop.schema import migrations

#: (table, column) → the vocabulary its codes come from.
VOCABULARIES = {
    ("medlem", "typ"): model.MedlemTyp,
    ("uppdrag", "roll"): model.Roll,
    ("uppdrag", "funktion"): model.Funktion,
    ("insats", "typ"): model.InsatsTyp,
    ("insats", "status"): model.InsatsStatus,
    ("mal_bedomning", "bedomning"): model.Bedomning,
    ("forbundsmal", "slag"): model.MalSlag,
    ("forbundsmal_bedomning", "skede"): model.Skede,
    ("forbundsmal_bedomning", "bedomning"): model.Bedomning,
    ("mote", "typ"): model.MoteTyp,
    ("dagordningsmall", "typ"): model.MoteTyp,
    ("arende", "beslut_status"): model.BeslutStatus,
    ("budget_version", "status"): model.BudgetStatus,
    ("budget_rad", "grupp"): model.Grupp,
    ("budget_rad", "slag"): model.RadSlag,
    ("budget_avsnitt", "summerar"): model.Summerar,
    ("bokslut_specifikation", "post"): model.BokslutPost,
    ("utfall", "grupp"): model.Grupp,
    ("arshjul_post", "ring"): model.Ring,
    ("arshjul_regel", "ring"): model.Ring,
    ("arshjul_post", "upprepning"): model.Upprepning,
    ("arshjul_regel", "typ"): RegelTyp,
    ("arshjul_regel", "villkor"): Villkor,
    ("rapporttext", "rapport"): Rapportslag,
    ("justering", "status"): model.JusteringStatus,
    ("justering", "dokument"): model.JusteringDokument,
    ("justering", "satt"): model.JusteringSatt,
}

#: Code lists in the schema that are not a vocabulary shown to users.
NOT_VOCABULARIES = {
    ("arshjul_installning", "nyckel"),  # the one setting of the årshjul, a key
    ("rapport_logotyp", "filtyp"),  # the logo's image format
}


def _schema_code_lists() -> dict[tuple[str, str], set[str]]:
    db = Database(sqlite3.connect(":memory:", isolation_level=None), execute_plugins=False)
    migrations.apply(db)
    found: dict[tuple[str, str], set[str]] = {}
    for table, sql in db.conn.execute("SELECT name, sql FROM sqlite_master WHERE type='table'"):
        for m in re.finditer(r"(\w+)\s+IN\s*\(([^()]*)\)", sql or ""):
            codes = re.findall(r"'([^']*)'", m.group(2))
            if codes:
                found[(table, m.group(1))] = set(codes)
    return found


SCHEMA = _schema_code_lists()


def test_every_code_list_in_the_schema_has_its_vocabulary():
    assert set(SCHEMA) == set(VOCABULARIES) | NOT_VOCABULARIES


@pytest.mark.parametrize("column", sorted(VOCABULARIES), ids=lambda c: ".".join(c))
def test_the_vocabulary_holds_exactly_the_codes_the_schema_accepts(column):
    assert {member.value for member in VOCABULARIES[column]} == SCHEMA[column]


@pytest.mark.parametrize("column", sorted(VOCABULARIES), ids=lambda c: ".".join(c))
def test_every_code_has_a_swedish_label_of_its_own(column):
    labels = [member.label for member in VOCABULARIES[column]]
    assert all(label.strip() for label in labels)
    assert len(set(labels)) == len(labels)
