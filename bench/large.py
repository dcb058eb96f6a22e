"""A large förbund for the bench: the demo grown to 20 years, 300 insatser and 2 000 meetings.

    .venv/bin/python bench/large.py OUT.finsam     write one (bench/run.py makes its own)

Made in about a second: the demo förbund, then one ``ff.write`` with ``executemany`` adding
the years 2007–2022 (a decided budget of 40 rows and yearly utfall each year), insatser up to
300 with money for three years each, and meetings up to 2 000 (100 a year, five ärenden
each). Nothing of it is committed; it lives in the bench's temporary folder.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TODAY = dt.date(2026, 11, 25)
FIRST_YEAR, LAST_YEAR = 2007, 2026  # 20 years
INSATSER = 300
MOTEN = 2_000
GROUPS = ("intakter", "administration", "styrelse", "insatser", "finansiella")


def _new_ids(conn, table: str, total: int) -> range:
    """The ids to add, after the highest there is, for ``table`` to hold ``total`` rows."""
    have = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    first = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0] + 1
    return range(first, first + total - have)


def make_large(path: Path) -> dict[str, int]:
    """Write the large förbund to ``path`` (which must not exist); returns its counts."""
    from finsam_desktop import storage
    from finsam_desktop.demo import create_demo

    create_demo(path, today=TODAY)
    ff = storage.open_file(path, storage.OpenOptions(daily_backup=False))
    try:
        with ff.write("Bygg stort förbund") as db:
            conn = db.conn
            members = [r[0] for r in conn.execute("SELECT id FROM medlem ORDER BY id")]
            new = _new_ids(conn, "insats", INSATSER)
            conn.executemany(
                "INSERT INTO insats (id, namn, typ, agare_id, status, start, slut, syfte, "
                "malgrupp, beskrivning) VALUES (?, ?, ?, ?, 'avslutad', ?, ?, ?, ?, ?)",
                [
                    (
                        i,
                        f"Insats {i} – samverkan kring arbete och hälsa",
                        "individinriktad" if i % 3 else "strukturovergripande",
                        members[i % len(members)],
                        f"{FIRST_YEAR + i % 14}-01-01",
                        f"{FIRST_YEAR + i % 14 + 2}-12-31",
                        "Att fler deltagare når arbete eller studier. " * 3,
                        "Personer 18–64 år långt från arbetsmarknaden.",
                        "Stöd i samverkan mellan parterna, med en gemensam kartläggning. " * 5,
                    )
                    for i in new
                ],
            )
            conn.executemany(
                "INSERT INTO insats_ar (insats_id, ar, beviljat_ore, forbrukat_ore) "
                "VALUES (?, ?, ?, ?)",
                [
                    (i, FIRST_YEAR + i % 14 + k, 80_000_000 + i * 1000, 76_000_000 + i * 900)
                    for i in new
                    for k in range(3)
                ],
            )
            for year in range(FIRST_YEAR, 2023):
                vid = conn.execute(
                    "INSERT INTO budget_version (ar, namn, status, beslut_datum) "
                    "VALUES (?, 'Beslutad', 'beslutad', ?)",
                    (year, f"{year - 1}-11-20"),
                ).lastrowid
                rows = []
                for n in range(40):
                    rid = conn.execute(
                        "INSERT INTO budget_rad (version_id, grupp, ordning, text) "
                        "VALUES (?, ?, ?, ?)",
                        (vid, GROUPS[n % len(GROUPS)], n, f"Rad {n}"),
                    ).lastrowid
                    sign = 1 if n % len(GROUPS) == 0 else -1
                    rows.append((rid, year, sign * (10_000_000 + n * 12_345)))
                conn.executemany(
                    "INSERT INTO budget_belopp (rad_id, ar, belopp_ore) VALUES (?, ?, ?)", rows
                )
                conn.executemany(
                    "INSERT INTO utfall (ar, grupp, ordning, text, belopp_ore) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [
                        (year, GROUPS[n % len(GROUPS)], n, f"Rad {n}", amount * 97 // 100)
                        for n, (_rid, _y, amount) in enumerate(rows)
                    ],
                )
            moten = _new_ids(conn, "mote", MOTEN)
            conn.executemany(
                "INSERT INTO mote (id, typ, datum, starttid, sluttid, plats) "
                "VALUES (?, ?, ?, '09:00', '12:00', 'Kommunhuset')",
                [
                    (
                        m,
                        "styrelsemote" if n % 4 == 0 else "beredning",
                        (dt.date(FIRST_YEAR, 1, 10) + dt.timedelta(days=n * 3)).isoformat(),
                    )
                    for n, m in enumerate(moten)
                ],
            )
            conn.executemany(
                "INSERT INTO arende (mote_id, ordning, rubrik, underlag, beslut) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (
                        m,
                        k,
                        f"Ärende {k + 1}",
                        "Underlag bifogas.",
                        "Styrelsen beslutar enligt förslag.",
                    )
                    for m in moten
                    for k in range(5)
                ],
            )
        return {
            table: ff.scalar(f"SELECT count(*) FROM {table}")
            for table in ("insats", "mote", "arende", "budget_version", "utfall")
        } | {"år": len({*range(FIRST_YEAR, LAST_YEAR + 1)})}
    finally:
        ff.close()


if __name__ == "__main__":
    import time

    began = time.perf_counter()
    counts = make_large(Path(sys.argv[1]))
    print(f"{sys.argv[1]}: {counts} på {time.perf_counter() - began:.1f} s")
