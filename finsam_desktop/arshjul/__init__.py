"""Årshjulet: the förbund's year as data — rules, own entries, meetings and insatser.

:mod:`.regler` finds a rule's date in a year, :mod:`.helgdagar` knows the Swedish holidays,
:mod:`.poster` reads what is stored, :mod:`.hjul` derives every entry of a year, :mod:`.andra`
makes the changes (each one undoable action) and :mod:`.ics` writes a calendar file.
"""

from __future__ import annotations

from .andra import (
    ArshjulError,
    delete_post,
    delete_rule,
    move,
    reset_move,
    rule_name,
    rule_on,
    save_post,
    save_rule,
    set_klar,
    set_rule_on,
    set_startmanad,
)
from .helgdagar import helgdag, helgdagar
from .hjul import (
    INBYGGDA,
    Handelse,
    InbyggdRegel,
    Kalla,
    Period,
    entries,
    holidays_in,
    inbyggd_nar,
    inbyggd_pa,
    kalla_kort,
    kalla_text,
    period_for,
)
from .poster import ArshjulPost, arshjul_klara, arshjul_poster, regler, startmanad
from .regler import Regel, election_years, weeks_in_year

__all__ = [
    "INBYGGDA",
    "ArshjulError",
    "ArshjulPost",
    "Handelse",
    "InbyggdRegel",
    "Kalla",
    "Period",
    "Regel",
    "arshjul_klara",
    "arshjul_poster",
    "delete_post",
    "delete_rule",
    "election_years",
    "entries",
    "helgdag",
    "helgdagar",
    "holidays_in",
    "inbyggd_nar",
    "inbyggd_pa",
    "kalla_kort",
    "kalla_text",
    "move",
    "period_for",
    "regler",
    "reset_move",
    "rule_name",
    "rule_on",
    "save_post",
    "save_rule",
    "set_klar",
    "set_rule_on",
    "set_startmanad",
    "startmanad",
    "weeks_in_year",
]
