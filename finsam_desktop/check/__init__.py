"""``finsam check``: the reconciliations, each saying exactly what does not add up.

Every check reads the förbund file through the domain modules' readers and returns
:class:`Finding` s: one Swedish sentence with the figures (formatted by
:mod:`finsam_desktop.money`), a severity, and where to fix it (table, key, year) so the UI can
open the place. "fel" is something that does not add up or breaks a rule of the law or the
förbundsordning; "varning" is advice (a ceiling passed, a date missed).

A module per concept: :mod:`.medlemmar` (the members and the funding key), :mod:`.styrelse`
(seats and presidium), :mod:`.moten` (närvaro, quorum, §), :mod:`.insatser`, :mod:`.budget`
and :mod:`.bokslut` (bokslut, delårsbalans and utfall), :mod:`.balansbudget` (a typed
balansprognos, kassa och bank in the plan years). The command line and the UI call
:func:`run_checks` and nothing else. Checks run in a fixed order and sort their own
findings, so the same file gives the same list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from . import balansbudget, bokslut, budget, insatser, medlemmar, moten, styrelse
from .finding import Finding, Severity

if TYPE_CHECKING:
    from ..storage import ForbundFile

__all__ = ["Finding", "Severity", "beslutshinder", "run_checks"]

_CHECKS: list[Callable[[ForbundFile, dt.date], Iterator[Finding]]] = [
    medlemmar.check_medlemmar,
    styrelse.check_platser,
    styrelse.check_ordforande,
    moten.check_narvaro,
    moten.check_paragrafer,
    moten.check_underskrifter,
    insatser.check_parter,
    budget.check_tecken,
    budget.check_resultat,
    budget.check_eget_kapital_rad,
    budget.check_eget_kapital_prognos,
    budget.check_beslut,
    budget.check_fordelning,
    bokslut.check_bokslut,
    bokslut.check_delarsbalans,
    bokslut.check_avvikelser,
    balansbudget.check_balansprognos,
    balansbudget.check_kassa,
    insatser.check_forbrukat,
    insatser.check_beviljat,
    bokslut.check_utfall,
]


#: What must hold in a budget version before the styrelse decides it (a decided version is
#: locked, and what it breaks could no longer be put right in it).
_BESLUTSHINDER = [budget.check_tecken, budget.check_resultat]


def beslutshinder(ff: ForbundFile, version_id: int, today: dt.date) -> list[Finding]:
    """The errors ("fel") of one budget version that stand in the way of its decision."""
    return [
        f
        for check in _BESLUTSHINDER
        for f in check(ff, today)
        if f.severity == "fel" and f.table == "budget_version" and f.key == version_id
    ]


def run_checks(ff: ForbundFile, *, today: dt.date | None = None) -> list[Finding]:
    """Run every check on ``ff`` as of ``today`` (default: the real today), in a stable order."""
    today = today or dt.date.today()
    findings: list[Finding] = []
    for check in _CHECKS:
        findings.extend(check(ff, today))
    return findings
