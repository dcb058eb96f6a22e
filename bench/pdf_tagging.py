"""What tagging (PDF/UA-1, PDF/A-2a) costs: each demo report built with and without it.

    .venv/bin/python bench/pdf_tagging.py [RUNS]     (default 7 runs of each)

Runs alternate tagged and untagged so a busy machine weighs on both alike; the table gives
the median of each in ms and the increase. The promise (issue 20) is at most 20 %.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TODAY = dt.date(2026, 11, 25)
LIMIT = 0.20


def main(runs: int = 7) -> int:
    from finsam_desktop import moten, storage
    from finsam_desktop.demo import create_demo
    from reports import (
        arshjul,
        arsredovisning,
        delarsrapport,
        kallelse,
        protokoll,
        verksamhetsplan,
    )
    from reports.pdf import tagging

    folder = Path(tempfile.mkdtemp(prefix="finsam-bench-tagging-"))
    path = folder / "Demo.finsam"
    create_demo(path, today=TODAY)
    ff = storage.open_file(path, storage.OpenOptions(daily_backup=False))
    held = [
        m
        for m in moten.moten(ff)
        if m.datum <= TODAY and (a := moten.arenden(ff, m.id)) and all(x.paragraf for x in a)
    ]
    m = max(held, key=lambda x: x.datum)
    first = moten.arenden(ff, m.id)[0].paragraf
    jobs = {
        "årsredovisning": lambda: arsredovisning.build(ff, 2025, today=TODAY),
        "verksamhetsplan": lambda: verksamhetsplan.build(ff, 2027, today=TODAY),
        "delårsrapport": lambda: delarsrapport.build(ff, 2026, today=TODAY),
        "kallelse": lambda: kallelse.build(ff, m.id),
        "protokoll": lambda: protokoll.build(ff, m.id, today=TODAY),
        "utdrag": lambda: protokoll.build_utdrag(ff, m.id, first, today=TODAY),
        "årshjul": lambda: arshjul.write_arshjul(ff, folder / "hjul.pdf", 2026, TODAY),
    }
    worst = 0.0
    print(f"{'rapport':<16} {'utan (ms)':>10} {'med (ms)':>10} {'ökning':>8}   ({runs} körningar)")
    try:
        for name, job in jobs.items():
            job()  # warm: fonts registered, modules imported, caches filled
            with tagging.untagged():
                job()
            plain: list[float] = []
            tagged: list[float] = []
            for _ in range(runs):
                with tagging.untagged():
                    t = time.perf_counter()
                    job()
                    plain.append(time.perf_counter() - t)
                t = time.perf_counter()
                job()
                tagged.append(time.perf_counter() - t)
            a, b = statistics.median(plain), statistics.median(tagged)
            worst = max(worst, b / a - 1)
            print(f"{name:<16} {a * 1000:>10.1f} {b * 1000:>10.1f} {(b / a - 1) * 100:>7.1f} %")
    finally:
        ff.close()
    verdict = "inom" if worst <= LIMIT else "ÖVER"
    print(f"största ökning {worst * 100:.1f} % ({verdict} gränsen {LIMIT * 100:.0f} %)")
    return 0 if worst <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 7))
