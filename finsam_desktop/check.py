"""``finsam check``: the reconciliations, each saying exactly what does not add up.

Every check reads the förbund file and returns :class:`Finding` s: one Swedish sentence with
the figures (formatted by :mod:`finsam_desktop.money`), a severity, and where to fix it (table,
key, year) so the UI can open the place. "fel" is something that does not add up or breaks a
rule of the law or the förbundsordning; "varning" is advice (a ceiling passed, a date missed).

The command line and the UI call :func:`run_checks` and nothing else. Checks run in a fixed
order and sort their own findings, so the same file gives the same list.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from . import ekonomi
from .forbund import medlemmar
from .model import Funktion, Grupp, InsatsStatus, MedlemTyp, MoteTyp, Roll
from .money import Unit, format_amount, format_percent
from .swedish import join_list

if TYPE_CHECKING:
    from .storage import ForbundFile

Severity = Literal["fel", "varning"]


@dataclass(frozen=True)
class Finding:
    """One thing that does not add up, or one piece of advice."""

    code: str
    message: str
    severity: Severity
    table: str | None
    key: object
    year: int | None


def run_checks(ff: ForbundFile, *, today: dt.date | None = None) -> list[Finding]:
    """Run every check on ``ff`` as of ``today`` (default: the real today), in a stable order."""
    today = today or dt.date.today()
    findings: list[Finding] = []
    for check in _CHECKS:
        findings.extend(check(ff, today))
    return findings


# -- helpers -----------------------------------------------------------------------------------


def _kr(ore: int | Decimal) -> str:
    return format_amount(int(ore), Unit.KR, suffix=True)


def _diff(a: int, b: int) -> str:
    return f"skillnad {_kr(abs(a - b))}"


def _dates(dates: list[dt.date], limit: int = 6) -> str:
    shown = [d.isoformat() for d in dates[:limit]]
    if len(dates) > limit:
        shown.append(f"{len(dates) - limit} till")
    return join_list(shown)


def _member_row(m) -> dict:
    return {
        "id": m.id,
        "namn": m.namn,
        "typ": m.typ.value,
        "andel": m.andel_text,
        "andel_procent": m.andel,
    }


def _active(row: dict, day: dt.date) -> bool:
    iso = day.isoformat()
    return row["fran"] <= iso and (row["till"] is None or row["till"] >= iso)


def _styrelsemoten(ff: ForbundFile) -> list[dict]:
    return ff.query(
        "SELECT * FROM mote WHERE typ IN (?, ?) ORDER BY datum, id",
        (MoteTyp.STYRELSEMOTE.value, MoteTyp.EXTRA_STYRELSEMOTE.value),
    )


def _uppdrag(ff: ForbundFile) -> list[dict]:
    return ff.query(
        "SELECT u.*, p.namn AS person, m.namn AS medlem FROM uppdrag u "
        "JOIN person p ON p.id = u.person_id JOIN medlem m ON m.id = u.medlem_id "
        "ORDER BY u.fran, u.id"
    )


# -- members and the funding key ---------------------------------------------------------------


def _check_medlemmar(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    members = [_member_row(m) for m in medlemmar(ff)]
    if not members:
        yield Finding(
            "medlemmar_saknas",
            "Förbundet har inga medlemmar registrerade, så fördelningsnyckeln och styrelsen "
            "kan inte stämmas av.",
            "varning",
            "medlem",
            None,
            None,
        )
        return
    unreadable = [m for m in members if m["andel_procent"] is None]
    for m in unreadable:
        yield Finding(
            "andel_ogiltig",
            f"Andelen för {m['namn']} (”{m['andel']}”) är inget tal; skriv andelen i procent, "
            "till exempel 25 eller 12,5.",
            "fel",
            "medlem",
            m["id"],
            None,
        )
    if unreadable:
        return
    total = sum((m["andel_procent"] for m in members), Decimal(0))
    if total != 100:
        parts = join_list(
            [f"{m['namn']} {ekonomi.format_andel(m['andel_procent'])}" for m in members]
        )
        yield Finding(
            "fordelningsnyckel_summa",
            f"Fördelningsnyckeln summerar till {ekonomi.format_andel(total)} i stället för "
            f"{ekonomi.format_andel(Decimal(100))} ({parts}).",
            "fel",
            "medlem",
            None,
            None,
        )
    types = {MedlemTyp(m["typ"]) for m in members}
    for typ in MedlemTyp:
        if typ not in types:
            yield Finding(
                "medlem_saknas",
                f"Förbundet saknar en medlem av typen {typ.label.lower()}; ett "
                "samordningsförbund har Försäkringskassan, Arbetsförmedlingen, minst en region "
                "och minst en kommun som medlemmar.",
                "fel",
                "medlem",
                None,
                None,
            )
    labels = {
        "staten": "staten (Försäkringskassan och Arbetsförmedlingen)",
        "region": "regionen",
        "kommun": "kommunerna",
    }
    if len(types) > 1 and total == 100:
        for part, share in ekonomi.PARTSANDELAR.items():
            group = [m for m in members if ekonomi.part_for(m["typ"]) == part]
            if not group:
                continue
            got = sum((m["andel_procent"] for m in group), Decimal(0))
            if got != share:
                names = join_list(
                    [f"{m['namn']} {ekonomi.format_andel(m['andel_procent'])}" for m in group]
                )
                yield Finding(
                    "fordelningsnyckel_parter",
                    f"Andelen för {labels[part]} är {ekonomi.format_andel(got)} men ska vara "
                    f"{ekonomi.format_andel(share)} ({names}); staten betalar hälften, region "
                    "och kommuner en fjärdedel var.",
                    "fel",
                    "medlem",
                    group[0]["id"],
                    None,
                )


# -- styrelse ----------------------------------------------------------------------------------


def _check_platser(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """Each member has a ledamot and an ersättare today and at every styrelsemöte."""
    members = [_member_row(m) for m in medlemmar(ff)]
    if not members:
        return
    seats = _uppdrag(ff)
    moments: list[tuple[dt.date, int | None]] = [(today, None)]
    moments += [(dt.date.fromisoformat(m["datum"]), m["id"]) for m in _styrelsemoten(ff)]
    for member in members:
        for roll in (Roll.LEDAMOT, Roll.ERSATTARE):
            held = [s for s in seats if s["medlem_id"] == member["id"] and s["roll"] == roll]
            missing_today = False
            past: list[dt.date] = []
            future: list[dt.date] = []
            for day, mote_id in moments:
                if any(_active(s, day) for s in held):
                    continue
                if mote_id is None:
                    missing_today = True
                elif day <= today:
                    past.append(day)
                else:
                    future.append(day)
            word = roll.label.lower()
            if missing_today or past:
                when = []
                if missing_today:
                    when.append(f"i dag ({today.isoformat()})")
                if past:
                    noun = "styrelsemötet" if len(past) == 1 else "styrelsemötena"
                    when.append(f"vid {noun} {_dates(sorted(set(past)))}")
                first = today if missing_today else min(past)
                yield Finding(
                    "styrelse_plats_saknas",
                    f"{member['namn']} saknar {word} i styrelsen {join_list(when)}; varje medlem "
                    "utser minst en ledamot och en ersättare.",
                    "fel",
                    "medlem",
                    member["id"],
                    first.year,
                )
            if future:
                noun = "styrelsemötet" if len(future) == 1 else "de planerade styrelsemötena"
                yield Finding(
                    "styrelse_plats_ej_utsedd",
                    f"{member['namn']} har ännu ingen {word} utsedd för {noun} "
                    f"{_dates(sorted(set(future)))}.",
                    "varning",
                    "medlem",
                    member["id"],
                    min(future).year,
                )


def _check_ordforande(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    seats = _uppdrag(ff)
    with_function = [s for s in seats if s["funktion"] is not None]
    for s in with_function:
        if s["roll"] != Roll.LEDAMOT.value:
            funktion = Funktion(s["funktion"]).label
            yield Finding(
                "ordforande_ej_ledamot",
                f"{s['person']} är {funktion.lower()} men ersättare för {s['medlem']} "
                f"(från {s['fran']}); ordförande och vice ordförande väljs bland ledamöterna.",
                "fel",
                "uppdrag",
                s["id"],
                int(s["fran"][:4]),
            )
    for funktion in Funktion:
        holders = [s for s in with_function if s["funktion"] == funktion.value]
        for i, a in enumerate(holders):
            for b in holders[i + 1 :]:
                a_end, b_end = a["till"] or "9999-12-31", b["till"] or "9999-12-31"
                if a["fran"] <= b_end and b["fran"] <= a_end:
                    start = max(a["fran"], b["fran"])
                    yield Finding(
                        "ordforande_dubbel",
                        f"Både {a['person']} och {b['person']} är {funktion.label.lower()} "
                        f"från {start}; styrelsen har en {funktion.label.lower()} åt gången.",
                        "fel",
                        "uppdrag",
                        b["id"],
                        int(start[:4]),
                    )
        ledamot_today = any(s["roll"] == Roll.LEDAMOT.value and _active(s, today) for s in seats)
        if ledamot_today and not any(_active(s, today) for s in holders):
            yield Finding(
                "ordforande_saknas",
                f"Styrelsen har ingen {funktion.label.lower()} i dag ({today.isoformat()}).",
                "varning",
                "uppdrag",
                None,
                today.year,
            )


#: Definite forms for sentences: "Vid styrelsemötet 2025-02-13 …".
_MOTET = {
    MoteTyp.STYRELSEMOTE.value: "styrelsemötet",
    MoteTyp.EXTRA_STYRELSEMOTE.value: "det extra styrelsemötet",
    MoteTyp.BEREDNING.value: "beredningsmötet",
    MoteTyp.MEDLEMSSAMRAD.value: "medlemssamrådet",
    MoteTyp.OVRIGT.value: "mötet",
}


def _check_narvaro(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """Attendance: seats valid on the day, one vote per ledamot seat, a quorum."""
    seats = {s["id"]: s for s in _uppdrag(ff)}
    rows = ff.query(
        "SELECT n.*, m.datum, m.typ FROM narvaro n JOIN mote m ON m.id = n.mote_id "
        "ORDER BY m.datum, m.id, n.uppdrag_id"
    )
    by_meeting: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_meeting[row["mote_id"]].append(row)
    for mote_id, attendance in by_meeting.items():
        datum = attendance[0]["datum"]
        day = dt.date.fromisoformat(datum)
        what = f"Vid {_MOTET.get(attendance[0]['typ'], 'mötet')} {datum}"
        for row in attendance:
            seat = seats[row["uppdrag_id"]]
            if not _active(seat, day):
                yield Finding(
                    "narvaro_utanfor_uppdrag",
                    f"{what} är {seat['person']} antecknad som {Roll(seat['roll']).label.lower()} "
                    f"för {seat['medlem']}, men uppdraget gäller {seat['fran']}–"
                    f"{seat['till'] or ''}.",
                    "fel",
                    "mote",
                    mote_id,
                    day.year,
                )
            if row["tjanstgorande"] and not row["narvarande"]:
                yield Finding(
                    "tjanstgor_utan_narvaro",
                    f"{what} är {seat['person']} ({seat['medlem']}) antecknad som tjänstgörande "
                    "men inte närvarande.",
                    "fel",
                    "mote",
                    mote_id,
                    day.year,
                )
        if attendance[0]["typ"] not in (
            MoteTyp.STYRELSEMOTE.value,
            MoteTyp.EXTRA_STYRELSEMOTE.value,
        ):
            continue
        voting: dict[int, list[str]] = defaultdict(list)
        for row in attendance:
            seat = seats[row["uppdrag_id"]]
            is_ledamot = seat["roll"] == Roll.LEDAMOT.value
            if row["narvarande"] and (is_ledamot or row["tjanstgorande"]):
                voting[seat["medlem_id"]].append(seat["person"])
        ledamot_seats: dict[int, int] = defaultdict(int)
        names: dict[int, str] = {}
        for seat in seats.values():
            names[seat["medlem_id"]] = seat["medlem"]
            if seat["roll"] == Roll.LEDAMOT.value and _active(seat, day):
                ledamot_seats[seat["medlem_id"]] += 1
        for medlem_id, people in sorted(voting.items()):
            if len(people) > ledamot_seats[medlem_id]:
                yield Finding(
                    "dubbel_tjanstgoring",
                    f"{what} tjänstgör {len(people)} för {names[medlem_id]} "
                    f"({join_list(people)}), som har {ledamot_seats[medlem_id]} ledamotsplats"
                    f"{'er' if ledamot_seats[medlem_id] != 1 else ''}; en ersättare tjänstgör "
                    "bara i stället för en frånvarande ledamot.",
                    "fel",
                    "mote",
                    mote_id,
                    day.year,
                )
        total_seats = sum(ledamot_seats.values())
        present = sum(min(len(p), ledamot_seats[m]) for m, p in voting.items())
        if day <= today and total_seats and present * 2 < total_seats:
            yield Finding(
                "ej_beslutfor",
                f"{what} tjänstgjorde {present} av {total_seats} ledamöter; styrelsen är "
                "beslutför först när minst hälften är närvarande.",
                "varning",
                "mote",
                mote_id,
                day.year,
            )


def _check_paragrafer(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    rows = ff.query(
        "SELECT a.id, a.paragraf, a.rubrik, m.datum, m.id AS mote_id FROM arende a "
        "JOIN mote m ON m.id = a.mote_id WHERE a.paragraf IS NOT NULL "
        "ORDER BY m.datum, m.id, a.ordning, a.id"
    )
    seen: dict[tuple[int, int], dict] = {}
    for row in rows:
        year = int(row["datum"][:4])
        key = (year, row["paragraf"])
        if key in seen:
            first = seen[key]
            yield Finding(
                "paragraf_dubbel",
                f"§ {row['paragraf']} {year} finns två gånger: ”{first['rubrik']}” "
                f"({first['datum']}) och ”{row['rubrik']}” ({row['datum']}).",
                "fel",
                "arende",
                row["id"],
                year,
            )
        else:
            seen[key] = row


# -- insatser ----------------------------------------------------------------------------------

_TIDIGA = {
    InsatsStatus.ANSOKAN.value,
    InsatsStatus.BEREDNING.value,
    InsatsStatus.AVSLAG.value,
    InsatsStatus.ATERREMITTERAD.value,
    InsatsStatus.ATERTAGEN.value,
}


def _check_insats_parter(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    insatser = ff.query(
        "SELECT i.*, m.namn AS agare FROM insats i LEFT JOIN medlem m ON m.id = i.agare_id "
        "ORDER BY i.id"
    )
    parts = ff.query(
        "SELECT p.insats_id, p.medlem_id, m.namn FROM insats_part p "
        "JOIN medlem m ON m.id = p.medlem_id ORDER BY m.ordning, m.id"
    )
    medparter: dict[int, list[dict]] = defaultdict(list)
    for p in parts:
        medparter[p["insats_id"]].append(p)
    for ins in insatser:
        others = [p["namn"] for p in medparter[ins["id"]] if p["medlem_id"] != ins["agare_id"]]
        severity: Severity = "varning" if ins["status"] in _TIDIGA else "fel"
        if ins["agare_id"] is None:
            yield Finding(
                "insats_agare_saknas",
                f"Insatsen {ins['namn']} har ingen verksamhetsägare; ange vilken medlem som "
                "äger insatsen.",
                severity,
                "insats",
                ins["id"],
                None,
            )
        elif not others:
            yield Finding(
                "insats_en_part",
                f"Insatsen {ins['namn']} har bara en part ({ins['agare']}); en insats ska "
                "involvera minst två av förbundets medlemmar, en verksamhetsägare och minst "
                "en medpart.",
                severity,
                "insats",
                ins["id"],
                None,
            )


def _check_insats_forbrukat(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """Förbrukat per insats and year (positive) against its utfall rows (negative costs)."""
    names = {r["id"]: r["namn"] for r in ff.query("SELECT id, namn FROM insats")}
    years_ar = {
        (r["insats_id"], r["ar"]): r
        for r in ff.query("SELECT * FROM insats_ar ORDER BY insats_id, ar")
    }
    closed = set(ekonomi.bokslut_ar(ff))
    utfall_years = set(ekonomi.utfall_ar(ff))
    pairs: set[tuple[int, int]] = {k for k, r in years_ar.items() if r["forbrukat_ore"] is not None}
    per_year: dict[int, dict[int, int]] = {}
    for ar in sorted(closed & utfall_years):
        per_year[ar] = ekonomi.utfall_per_insats(ff, ar)
        pairs |= {(insats_id, ar) for insats_id in per_year[ar]}
    for insats_id, ar in sorted(pairs, key=lambda p: (p[1], names.get(p[0], ""), p[0])):
        if ar not in per_year:
            per_year[ar] = ekonomi.utfall_per_insats(ff, ar) if ar in utfall_years else {}
        row = years_ar.get((insats_id, ar))
        forbrukat = row["forbrukat_ore"] if row and row["forbrukat_ore"] is not None else None
        utfall = -per_year[ar].get(insats_id, 0)  # costs are negative in utfall
        namn = names[insats_id]
        if forbrukat is None:
            if utfall != 0:
                yield Finding(
                    "insats_forbrukat_saknas",
                    f"Insats {namn} {ar}: utfallet för insatsen är {_kr(utfall)} men inget "
                    "förbrukat belopp är angivet för året.",
                    "fel",
                    "insats_ar",
                    insats_id,
                    ar,
                )
            continue
        if ar not in utfall_years:
            if ar in closed and forbrukat != 0:
                yield Finding(
                    "insats_utfall_saknas",
                    f"Insats {namn} {ar}: förbrukat {_kr(forbrukat)} men året har inget utfall "
                    "att stämma av mot.",
                    "varning",
                    "insats_ar",
                    insats_id,
                    ar,
                )
            continue
        if forbrukat != utfall:
            yield Finding(
                "insats_forbrukat_utfall",
                f"Insats {namn} {ar}: förbrukat {_kr(forbrukat)} men utfallet för insatsen är "
                f"{_kr(utfall)} ({_diff(forbrukat, utfall)}).",
                "fel",
                "insats_ar",
                insats_id,
                ar,
            )


def _check_insats_beviljat(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    rows = ff.query(
        "SELECT a.*, i.namn FROM insats_ar a JOIN insats i ON i.id = a.insats_id "
        "WHERE a.beviljat_ore IS NOT NULL AND a.forbrukat_ore IS NOT NULL "
        "AND a.forbrukat_ore > a.beviljat_ore ORDER BY a.ar, i.namn, i.id"
    )
    for r in rows:
        yield Finding(
            "insats_over_beviljat",
            f"Insats {r['namn']} {r['ar']}: förbrukat {_kr(r['forbrukat_ore'])} är mer än "
            f"beviljat {_kr(r['beviljat_ore'])} ({_diff(r['forbrukat_ore'], r['beviljat_ore'])}).",
            "varning",
            "insats_ar",
            r["insats_id"],
            r["ar"],
        )


# -- budget ------------------------------------------------------------------------------------


def _version_name(v: dict) -> str:
    name = v["namn"].strip() or f"Budget {v['ar']}"
    if v["status"] == "beslutad" and v["beslut_datum"]:
        return f"{name} (beslutad {v['beslut_datum']})"
    return f"{name} (förslag)"


def _check_budget_resultat(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    for v in ekonomi.budget_versioner(ff):
        if v["eget_kapital_motivering"].strip():
            continue
        for ar in ekonomi.budget_ar(v):
            result = ekonomi.budget_resultat(ff, v["id"], ar)
            if result < 0:
                kind = "budgetåret" if ar == v["ar"] else "planåret"
                yield Finding(
                    "budget_underskott",
                    f"{_version_name(v)}: resultatet för {kind} {ar} är {_kr(result)}; "
                    "intäkterna ska överstiga kostnaderna, och ett underskott kräver en "
                    "motivering för att ta eget kapital i anspråk (synnerliga skäl).",
                    "fel",
                    "budget_version",
                    v["id"],
                    ar,
                )


_COST_GROUPS = (Grupp.ADMINISTRATION, Grupp.STYRELSE, Grupp.INSATSER, Grupp.AVSKRIVNINGAR)


def _sign_findings(sums: dict[Grupp, int], where: str, table: str, key: object, ar: int):
    """Intäkter are positive and kostnader negative; a group summing the other way is a typo
    of sign (the commonest retyping mistake in the reference documents)."""
    if sums.get(Grupp.INTAKTER, 0) < 0:
        yield Finding(
            "tecken",
            f"{where}: intäkterna summerar till {_kr(sums[Grupp.INTAKTER])}; intäkter skrivs "
            "positiva. Kontrollera tecknet på intäktsraderna.",
            "fel",
            table,
            key,
            ar,
        )
    for grupp in _COST_GROUPS:
        if sums.get(grupp, 0) > 0:
            yield Finding(
                "tecken",
                f"{where}: {grupp.label} summerar till +{_kr(sums[grupp])}; kostnader skrivs "
                "negativa. Kontrollera tecknet på raderna i gruppen.",
                "fel",
                table,
                key,
                ar,
            )


def _check_tecken(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    for v in ekonomi.budget_versioner(ff):
        for ar in ekonomi.budget_ar(v):
            sums = ekonomi.budget_per_grupp(ff, v["id"], ar)
            yield from _sign_findings(
                sums, f"{_version_name(v)}, {ar}", "budget_version", v["id"], ar
            )
    for ar in [r["ar"] for r in ff.query("SELECT DISTINCT ar FROM utfall ORDER BY ar")]:
        sums = ekonomi.utfall_per_grupp(ff, ar)
        yield from _sign_findings(sums, f"Utfall {ar}", "utfall", ar, ar)


def _check_budget_beslut(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """Each year's budget is decided by 30 November the year before."""
    versions = ekonomi.budget_versioner(ff)
    if not versions:
        return
    years = sorted({v["ar"] for v in versions})
    if today >= dt.date(today.year, 12, 1):
        years = sorted(set(years) | {today.year + 1})
    for ar in years:
        deadline = dt.date(ar - 1, 11, 30)
        if today <= deadline:
            continue
        decided = [
            v for v in versions if v["ar"] == ar and v["status"] == "beslutad" and v["beslut_datum"]
        ]
        if any(v["beslut_datum"] <= deadline.isoformat() for v in decided):
            continue
        if decided:
            first = min(v["beslut_datum"] for v in decided)
            message = (
                f"Budget {ar} beslutades {first}, efter den {deadline.isoformat()}; "
                "verksamhetsplan och budget ska beslutas senast 30 november året före."
            )
        else:
            message = (
                f"Budget {ar} är inte beslutad; verksamhetsplan och budget ska beslutas "
                f"senast {deadline.isoformat()}."
            )
        key = next((v["id"] for v in versions if v["ar"] == ar), None)
        yield Finding("budget_sent_beslut", message, "varning", "budget_version", key, ar)


def _check_budget_fordelning(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """Budgeted driftbidrag per member follows the funding key (current and coming years)."""
    members = [_member_row(m) for m in medlemmar(ff)]
    if not members or any(m["andel_procent"] is None for m in members):
        return
    if sum((m["andel_procent"] for m in members), Decimal(0)) != 100:
        return  # reported by the key check
    names = {m["id"]: m["namn"] for m in members}
    for v in ekonomi.budget_versioner(ff):
        for ar in ekonomi.budget_ar(v):
            if ar < today.year:
                continue
            budgeted = ekonomi.budget_driftbidrag(ff, v["id"], ar)
            total = sum(budgeted.values())
            if not total:
                continue
            expected = ekonomi.medelsfordelning(ff, total)
            wrong = [f for f in expected if budgeted.get(f.nyckel, 0) != f.belopp_ore]
            if not wrong:
                continue
            details = join_list(
                [
                    f"{names[f.nyckel]} {_kr(budgeted.get(f.nyckel, 0))} i stället för "
                    f"{_kr(f.belopp_ore)} ({ekonomi.format_andel(f.andel)})"
                    for f in wrong
                ]
            )
            yield Finding(
                "budget_fordelning",
                f"{_version_name(v)}, {ar}: driftbidragen {_kr(total)} följer inte "
                f"fördelningsnyckeln: {details}.",
                "varning",
                "budget_version",
                v["id"],
                ar,
            )


# -- bokslut -----------------------------------------------------------------------------------


def _check_bokslut(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    for ar in ekonomi.bokslut_ar(ff):
        b = ekonomi.bokslut(ff, ar)
        assert b is not None
        right = b.summa_eget_kapital_avsattningar_skulder
        if b.summa_tillgangar != right:
            yield Finding(
                "balans",
                f"Bokslut {ar}: summa tillgångar {_kr(b.summa_tillgangar)} men eget kapital + "
                f"avsättningar + skulder {_kr(right)} ({_diff(b.summa_tillgangar, right)}).",
                "fel",
                "bokslut",
                ar,
                ar,
            )
        previous = ekonomi.bokslut(ff, ar - 1)
        if (
            b.eget_kapital_ib is not None
            and previous is not None
            and b.eget_kapital_ib != previous.eget_kapital
        ):
            yield Finding(
                "eget_kapital_ib",
                f"Bokslut {ar}: ingående eget kapital {_kr(b.eget_kapital_ib)} men utgående "
                f"eget kapital {ar - 1} är {_kr(previous.eget_kapital)} "
                f"({_diff(b.eget_kapital_ib, previous.eget_kapital)}).",
                "fel",
                "bokslut",
                ar,
                ar,
            )
        ib = ekonomi.eget_kapital_ib(ff, ar)
        if not ekonomi.har_utfall(ff, ar):
            yield Finding(
                "bokslut_utan_utfall",
                f"Bokslut {ar} har inget utfall, så årets resultat och eget kapital kan inte "
                "stämmas av; läs in utfallet från ekonomienheten.",
                "varning",
                "utfall",
                ar,
                ar,
            )
        elif ib is None:
            yield Finding(
                "eget_kapital_ib_saknas",
                f"Bokslut {ar}: ingående eget kapital saknas (inget bokslut för {ar - 1}), så "
                "eget kapital kan inte stämmas av mot årets resultat.",
                "varning",
                "bokslut",
                ar,
                ar,
            )
        else:
            result = ekonomi.arets_resultat(ff, ar)
            if ib + result != b.eget_kapital:
                yield Finding(
                    "eget_kapital_resultat",
                    f"Bokslut {ar}: eget kapital {_kr(b.eget_kapital)} men ingående eget "
                    f"kapital {_kr(ib)} + årets resultat {_kr(result)} = {_kr(ib + result)} "
                    f"({_diff(b.eget_kapital, ib + result)}).",
                    "fel",
                    "bokslut",
                    ar,
                    ar,
                )
        booked = ekonomi.driftbidrag_utfall(ff, ar)
        if b.driftbidrag is not None and booked is not None and booked != b.driftbidrag:
            yield Finding(
                "driftbidrag_utfall",
                f"Bokslut {ar}: driftbidrag {_kr(b.driftbidrag)} men utfallet har "
                f"medlemsintäkter {_kr(booked)} ({_diff(b.driftbidrag, booked)}).",
                "varning",
                "bokslut",
                ar,
                ar,
            )
        tak = ekonomi.eget_kapital_mot_tak(ff, ar)
        if tak is not None and tak.over_tak:
            yield Finding(
                "eget_kapital_over_tak",
                f"Bokslut {ar}: eget kapital {_kr(tak.eget_kapital)} är "
                f"{format_percent(tak.andel)} av driftbidraget {_kr(tak.driftbidrag)}, över "
                f"taket {ekonomi.format_andel(tak.tak_procent)} ({_kr(tak.tak)}).",
                "varning",
                "bokslut",
                ar,
                ar,
            )


def _check_utfall(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    rows = ff.query(
        "SELECT ar, sum(manad IS NULL) AS hela, sum(manad IS NOT NULL) AS manader "
        "FROM utfall GROUP BY ar ORDER BY ar"
    )
    for r in rows:
        if r["hela"] and r["manader"]:
            yield Finding(
                "utfall_blandat",
                f"Utfall {r['ar']} har både helårsrader och månadsrader; årets siffror tas från "
                f"helårsraderna och de {r['manader']} månadsraderna räknas inte.",
                "varning",
                "utfall",
                r["ar"],
                r["ar"],
            )


_CHECKS: list[Callable[[ForbundFile, dt.date], Iterator[Finding]]] = [
    _check_medlemmar,
    _check_platser,
    _check_ordforande,
    _check_narvaro,
    _check_paragrafer,
    _check_insats_parter,
    _check_tecken,
    _check_budget_resultat,
    _check_budget_beslut,
    _check_budget_fordelning,
    _check_bokslut,
    _check_insats_forbrukat,
    _check_insats_beviljat,
    _check_utfall,
]
