"""Budget measurements on the machine it runs on (not a test: it asserts nothing).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/budget.py [--rounds N]

Prints, each the median of N rounds (with min and max):
- recompute after one cell edit in a 300-row budget grid: the in-memory sums and the
  ``dataChanged`` of the changed cell and the sum rows, what the user sees while typing
  (goal under 5 ms);
- the same edit stored: ``setData`` through ``ff.write`` (one durable transaction) and the
  grid's reload when the file announces it;
- the ekonomienhet's Excel of 300 rows × 12 months, long and wide (goal under 0.5 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _stats(samples: list[float]) -> str:
    ms = [s * 1000 for s in samples]
    return f"median {statistics.median(ms):8.2f} ms   (min {min(ms):.2f}, max {max(ms):.2f})"


def _build(path: Path, rows: int = 300) -> int:
    from finsam_desktop import storage
    from finsam_desktop.model import Grupp

    ff = storage.create_file(path, namn="Benchförbundet")
    groups = [g.value for g in Grupp]
    with ff.write("Bygg") as db:
        vid = db.execute("INSERT INTO budget_version (ar, namn) VALUES (2026, 'Bench')").lastrowid
        for i in range(rows):
            grupp = groups[i % len(groups)]
            rid = db.execute(
                "INSERT INTO budget_rad (version_id, grupp, ordning, text, konto, ansvar) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (vid, grupp, i, f"Rad {i}", None, str(1000 + i)),
            ).lastrowid
            sign = 1 if grupp == "intakter" else -1
            for year in (2026, 2027, 2028):
                db.execute(
                    "INSERT INTO budget_belopp (rad_id, ar, belopp_ore) VALUES (?, ?, ?)",
                    (rid, year, sign * (1_234_567 + i * 1000 + year)),
                )
    ff.close()
    return vid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from finsam_desktop import storage
    from reports.ekonomi_excel import ExportVal, write_export
    from ui.budget.grid import BudgetGridModel, Kind

    app = QApplication.instance() or QApplication([])  # noqa: F841 - the models need one
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.finsam"
        vid = _build(path)
        ff = storage.open_file(path, storage.OpenOptions(daily_backup=False))
        ff.enable_undo()
        model = BudgetGridModel()
        model.load(ff, vid)
        unsubscribe = ff.subscribe(lambda _label: model.load(ff, vid))
        rows = [i for i, line in enumerate(model.lines) if line.kind is Kind.ROW]
        print(
            f"Grid: {len(rows)} budget rows, {model.rowCount()} lines, "
            f"{model.columnCount()} columns"
        )

        live = []
        for n in range(args.rounds):
            index = model.index(rows[n % len(rows)], 2)
            start = time.perf_counter()
            model.preview(index, f"{-(n + 1) * 7},5")
            live.append(time.perf_counter() - start)
        model.end_preview()
        print(f"recompute after one cell edit (live, 300 rows):   {_stats(live)}   goal < 5 ms")

        stored = []
        for n in range(args.rounds):
            index = model.index(rows[(n * 7) % len(rows)], 3)
            start = time.perf_counter()
            model.setData(index, f"{-(n + 11)},5")
            stored.append(time.perf_counter() - start)
        print(f"one cell edit stored (ff.write + reload):         {_stats(stored)}")
        unsubscribe()

        for layout in ("long", "wide"):
            samples = []
            for n in range(max(3, args.rounds // 4)):
                out = Path(tmp) / f"ekonomi-{layout}-{n}.xlsx"
                start = time.perf_counter()
                write_export(ff, vid, 2026, out, ExportVal(layout=layout))
                samples.append(time.perf_counter() - start)
            print(
                f"ekonomi Excel, 300 rows × 12 months, {layout:>4}:       {_stats(samples)}"
                "   goal < 500 ms"
            )
        ff.close()


if __name__ == "__main__":
    main()
