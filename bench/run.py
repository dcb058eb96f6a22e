"""Measurements of Finsam Desktop on the machine it runs on (not a test: it asserts nothing).

    ./dev.sh bench            or    .venv/bin/python bench/run.py [--rounds N]

Prints, side by side in one run:
- start of a process to the first painted main window on the demo förbund, against a bare
  PySide6 window (the floor no Qt program can beat), and the app's peak memory;
- the command-line start (``finsam --version``) and the demo, check, arbetsbok export and
  import of the demo förbund.
Each figure is the median of several rounds; the machine's other load shows in the spread.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

_FIRST_PAINT = textwrap.dedent(
    """
    import os, resource, sys, time
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                print("painted", flush=True)
                QTimer.singleShot(0, QApplication.instance().quit)
                obj.removeEventFilter(self)
            return False

    if sys.argv[1] == "bare":
        app = QApplication(sys.argv[:1])
        window = QWidget()
        window.resize(1280, 800)
    else:
        from ui import app as uiapp
        app = uiapp.make_application(sys.argv[:1])
        window = uiapp.start(None)
    spy = FirstPaint()
    window.installEventFilter(spy)
    window.show()
    app.exec()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"maxrss {rss}", flush=True)
    """
)


def _first_paint(kind: str, data_dir: Path) -> tuple[float, int]:
    env = {**os.environ, "FINSAM_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    began = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _FIRST_PAINT, kind],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - began
    out, err = proc.communicate(timeout=60)
    if line.strip() != "painted":
        raise SystemExit(f"{kind}: the window never painted:\n{err}")
    rss_kib = int(out.split()[-1])
    return elapsed, rss_kib


def _timed(fn, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return times


def _row(label: str, times: list[float], extra: str = "") -> None:
    med = statistics.median(times)
    spread = f"{min(times) * 1000:.0f}–{max(times) * 1000:.0f}"
    print(f"  {label:<46} {med * 1000:8.0f} ms   ({spread} ms){extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds

    from finsam_desktop import arbetsbok, check, demo, storage

    with tempfile.TemporaryDirectory(prefix="finsam-bench-") as tmp:
        tmp = Path(tmp)
        print(f"Finsam Desktop, {rounds} rounds each, median (min–max)\n")
        print("Start to first painted window")
        bare, app = [], []
        rss = 0
        data = tmp / "data"
        _first_paint("app", data)  # writes the demo into the data folder once
        for _ in range(rounds):
            bare.append(_first_paint("bare", data)[0])
            t, rss = _first_paint("app", data)
            app.append(t)
        _row("bare PySide6 window (the floor)", bare)
        _row(
            "Finsam Desktop on the demo förbund",
            app,
            f"   ×{statistics.median(app) / statistics.median(bare):.1f} the floor",
        )
        print(f"  {'peak memory, app with the demo open':<46} {rss / 1024:8.0f} MiB\n")

        print("Command line and data")
        finsam = Path(sys.executable).with_name("finsam")
        _row(
            "finsam --version (process start)",
            _timed(
                lambda: subprocess.run([finsam, "--version"], capture_output=True, check=True),
                rounds,
            ),
        )
        counter = iter(range(10_000))

        def make_demo():
            demo.create_demo(tmp / f"demo{next(counter)}.finsam")

        _row("write the demo förbund", _timed(make_demo, rounds))
        path = tmp / "demo0.finsam"
        ff = storage.open_file(path, storage.OpenOptions(daily_backup=False))
        _row(
            "finsam check on the demo (all reconciliations)",
            _timed(lambda: check.run_checks(ff), rounds),
        )
        book = tmp / "demo.xlsx"
        _row(
            "arbetsbok export of the demo",
            _timed(lambda: arbetsbok.export_workbook(ff, book), rounds),
        )
        target = storage.create_file(tmp / "import.finsam", namn="Import")
        _row(
            "arbetsbok import of the demo (all or nothing)",
            _timed(lambda: arbetsbok.import_workbook(target, book), rounds),
        )
        target.close()
        ff.close()


if __name__ == "__main__":
    main()
