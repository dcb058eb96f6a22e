"""The balansbudget: a typed balansprognos that balances, and kassa och bank that lasts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import balansbudget, ekonomi
from .budget import _version_name
from .finding import Finding, diff, kr

if TYPE_CHECKING:
    from ..storage import ForbundFile


def check_balansprognos(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """A typed prognosis balances as a bokslut must; a closed year's prognosis is not used."""
    closed = set(ekonomi.bokslut_ar(ff))
    for ar in balansbudget.balansprognos_ar(ff):
        p = balansbudget.balansprognos(ff, ar)
        assert p is not None
        if p.obalans:
            right = p.summa_eget_kapital_avsattningar_skulder
            yield Finding(
                "balansprognos_balans",
                f"Balansprognos {ar}: summa tillgångar {kr(p.summa_tillgangar)} men eget "
                f"kapital + avsättningar + skulder {kr(right)} "
                f"({diff(p.summa_tillgangar, right)}).",
                "fel",
                "balansprognos",
                ar,
                ar,
            )
        if ar in closed:
            yield Finding(
                "balansprognos_efter_bokslut",
                f"Balansprognos {ar} används inte: året har ett bokslut, som balansbudgeten "
                "utgår från. Ta bort prognosen.",
                "varning",
                "balansprognos",
                ar,
                ar,
            )


def check_kassa(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """Kassa och bank that would turn negative in a budget or plan year of the balansbudget,
    in the newest version of each budget year without a bokslut (the one being worked on)."""
    closed = set(ekonomi.bokslut_ar(ff))
    newest: dict[int, dict] = {}
    for v in ekonomi.budget_versioner(ff):
        if v["ar"] not in closed and (v["ar"] not in newest or v["id"] > newest[v["ar"]]["id"]):
            newest[v["ar"]] = v
    for v in newest.values():
        for year in balansbudget.balansbudget(ff, v["id"])[1:]:
            if year.kassa_och_bank < 0:
                yield Finding(
                    "balansbudget_kassa_negativ",
                    f"{_version_name(v)}: kassa och bank blir {kr(year.kassa_och_bank)} vid "
                    f"slutet av {year.ar} enligt balansbudgeten; underskotten är större än de "
                    "likvida medlen, och förbundet tar inga lån.",
                    "varning",
                    "budget_version",
                    v["id"],
                    year.ar,
                )
