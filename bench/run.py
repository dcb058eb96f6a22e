"""Measurements of Finsam Desktop on the machine it runs on (not a test: it asserts nothing).

    ./dev.sh bench            or    .venv/bin/python bench/run.py [--rounds N]

Prints, side by side in one run, for the demo förbund and for a large one (20 years, 300
insatser, 2 000 meetings, made by bench/large.py in the temporary folder):
- start of a process to the first painted main window, against a bare PySide6 window (the
  floor no Qt program can beat), started as the ``finsam-desktop`` command starts it
  (:func:`ui.app.launch`: the window painted first, the file opened right after), then to
  the window filled in (the file open, its first page shown), and the app's peak memory by
  then; and the same
  start with the project's own modules already compiled to bytecode, as in an installed
  program (a development checkout installed editable, run with PYTHONDONTWRITEBYTECODE set,
  compiles them on every start);
- the årsredovisning PDF, against LibreOffice converting a Word document of the same text to
  PDF (when soffice and pdftotext are installed);
- the ekonomi Excel export, the arbetsbok export and import, and `finsam check`;
- recompute after one budget cell edit in a 300-row grid (bench/budget.py, the same grid for
  both: the grid holds one version, whatever the size of the förbund);
- the command-line start (``finsam --version``) and writing the demo.
Each figure is the median of several rounds; the machine's other load shows in the spread.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import shutil
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

    def filled():
        # peak memory so far, with the window up and the file open
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"filled {rss}", flush=True)
        QTimer.singleShot(0, QApplication.instance().quit)

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                print("painted", flush=True)
                obj.removeEventFilter(self)
                if sys.argv[1] == "bare":
                    filled()
            return False

    if sys.argv[1] == "bare":
        app = QApplication(sys.argv[:1])
        window = QWidget()
        window.resize(1280, 800)
    else:
        # as the finsam-desktop command starts: painted first, the file opened right after
        from pathlib import Path
        from ui import app as uiapp
        app = uiapp.make_application(sys.argv[:1])
        window = uiapp.launch(Path(sys.argv[2]) if len(sys.argv) > 2 else None)
        window.ready.connect(filled)
    spy = FirstPaint()
    window.installEventFilter(spy)
    window.show()
    app.exec()
    """
)


def _first_paint(
    kind: str, data_dir: Path, path: Path | None = None, pycache: Path | None = None
) -> tuple[float, int, float]:
    """Seconds from process start to the first paint, the peak memory (KiB) when the window
    is filled in (the file open, its first page shown), and the seconds to that.

    With ``pycache``, bytecode is written to and read from there (whatever
    PYTHONDONTWRITEBYTECODE says), so from the second start on nothing is compiled.
    """
    env = {**os.environ, "FINSAM_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    began = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _FIRST_PAINT, kind, *([str(path)] if path else [])],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - began
    second = proc.stdout.readline()
    filled = time.perf_counter() - began
    _out, err = proc.communicate(timeout=60)
    if not line.startswith("painted"):
        raise SystemExit(f"{kind}: the window never painted:\n{err}")
    if not second.startswith("filled "):
        raise SystemExit(f"{kind}: the window never filled in:\n{err}")
    return elapsed, int(second.split()[1]), filled


def _timed(fn, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return times


def _ms(times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:.0f} ms"


def _line(label: str, demo: str, large: str) -> None:
    print(f"  {label:<52} {demo:>16} {large:>16}")


def _arsredovisning(ff, tmp: Path, name: str, rounds: int) -> tuple[list[float], Path]:
    from reports import arsredovisning
    from reports.pdf.document import Innehall

    today = dt.date(2026, 11, 25)
    times = _timed(lambda: arsredovisning.build(ff, 2025, today=today, innehall=Innehall()), rounds)
    pdf = tmp / f"{name}.pdf"
    pdf.write_bytes(arsredovisning.build(ff, 2025, today=today, innehall=Innehall()))
    return times, pdf


def _bench_reports():
    """bench/reports.py (a file of its own: the name ``reports`` is the project's package)."""
    spec = importlib.util.spec_from_file_location("bench_reports", REPO / "bench" / "reports.py")
    bench_reports = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_reports)
    return bench_reports


def _libreoffice(pdf: Path, tmp: Path, rounds: int) -> str:
    """LibreOffice converting a .docx of the PDF's text to PDF (warm median), or why not."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        return "not installed"
    soffice_convert = _bench_reports().soffice_convert

    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    folder = tmp / f"lo-{pdf.stem}"
    folder.mkdir()
    source = folder / f"{pdf.stem}.txt"
    source.write_text("\n".join(x for x in text.splitlines() if x.strip()) + "\n", "utf-8")
    profile = tmp / "lo-profile"
    soffice_convert(soffice, profile, source, "docx:MS Word 2007 XML", folder)
    docx = folder / f"{pdf.stem}.docx"
    if not docx.exists():
        return "no .docx made"
    out = folder / "pdf"
    out.mkdir()
    warm = [soffice_convert(soffice, profile, docx, "pdf", out) for _ in range(max(2, rounds // 2))]
    return f"{statistics.median(warm) * 1000:.0f} ms"


def _measure(path: Path, tmp: Path, name: str, rounds: int) -> dict[str, str]:
    """Everything measured on one förbund file."""
    from finsam_desktop import arbetsbok, check, storage
    from reports.ekonomi_excel import ExportVal, write_export

    got: dict[str, str] = {}
    data = tmp / f"data-{name}"
    paint = [_first_paint("app", data, path) for _ in range(rounds)]
    got["paint"] = _ms([t for t, _, _ in paint])
    got["memory"] = f"{max(rss for _, rss, _ in paint) / 1024:.0f} MiB"
    pycache = tmp / "pycache"
    _first_paint("app", data, path, pycache)  # compiles and stores the bytecode
    compiled = [_first_paint("app", data, path, pycache) for _ in range(rounds)]
    got["paint compiled"] = _ms([t for t, _, _ in compiled])
    got["filled compiled"] = _ms([t for _, _, t in compiled])
    ff = storage.open_file(path, storage.OpenOptions(daily_backup=False))
    try:
        got["size"] = f"{path.stat().st_size / 2**20:.1f} MiB"
        times, pdf = _arsredovisning(ff, tmp, name, rounds)
        got["pages"] = (
            subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False)
            .stdout.split("Pages:")[-1]
            .split()[0]
            if shutil.which("pdfinfo")
            else "?"
        )
        got["arsredovisning"] = _ms(times)
        got["libreoffice"] = _libreoffice(pdf, tmp, rounds)
        whole = _bench_reports().whole_process(path, tmp, rounds)
        got["whole build"] = _ms(whole["whole"])
        got["whole imports"] = _ms(whole["imports"])
        got["python start"] = _ms(whole["python"])
        version = ff.query(
            "SELECT id, ar FROM budget_version WHERE status = 'beslutad' ORDER BY ar DESC LIMIT 1"
        )[0]
        got["ekonomi"] = _ms(
            _timed(
                lambda: write_export(
                    ff, version["id"], version["ar"], tmp / f"{name}-ekonomi.xlsx", ExportVal()
                ),
                rounds,
            )
        )
        got["check"] = _ms(_timed(lambda: check.run_checks(ff), rounds))
        from reports import arvoden_excel

        got["arvoden"] = _ms(
            _timed(
                lambda: arvoden_excel.write(
                    ff, tmp / f"{name}-arvoden.xlsx", dt.date(2026, 1, 1), dt.date(2026, 12, 31)
                ),
                rounds,
            )
        )
        book = tmp / f"{name}.xlsx"
        got["export"] = _ms(_timed(lambda: arbetsbok.export_workbook(ff, book), rounds))
    finally:
        ff.close()
    target = storage.create_file(tmp / f"{name}-import.finsam", namn="Import")
    try:
        got["import"] = _ms(_timed(lambda: arbetsbok.import_workbook(target, book), rounds))
    finally:
        target.close()
    return got


def _grid_recompute(rounds: int) -> str:
    """bench/budget.py's live recompute after one cell edit in a 300-row grid, in a process."""
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "budget.py"), "--rounds", str(max(rounds, 20))],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    for line in done.stdout.splitlines():
        if line.startswith("recompute after one cell edit"):
            return line.split("median")[1].split("ms")[0].strip() + " ms"
    return "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1]


def _window_figures(demo: Path, large: Path, tmp: Path, rounds: int) -> dict[str, dict]:
    """bench/gui.py's figures in the window, demo and large, with the CPU probe."""
    spec = importlib.util.spec_from_file_location("bench_gui", REPO / "bench" / "gui.py")
    gui = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gui)
    return {
        name: gui.medians(gui.measure(path, rounds, tmp / f"gui-{name}"))
        for name, path in (("demo", demo), ("large", large))
    }


def _ms_value(text: str) -> float | None:
    try:
        return float(text.split()[0])
    except (ValueError, IndexError):
        return None


def _goals(results: dict, bare: str, window: dict[str, dict]) -> None:
    """Issue 21's table: every action, demo and large, beside its goal."""
    print("\n  Issue 21: the window's slow actions against their goals (median, fresh processes)")
    d, g = window["demo"], window["large"]

    def row(label: str, key: str, goal: str, limit: float, unit: str = "ms") -> None:
        cells = [f"{w[key]:.0f} {unit}" if key in w else "-" for w in (d, g)]
        met = all(w.get(key, 0) <= limit for w in (d, g))
        verdict = "met" if met else "MISSED"
        print(f"  {label:<46} {cells[0]:>10} {cells[1]:>10}   {goal:<20} {verdict}")

    print(f"  {'':<46} {'demo':>10} {'large':>10}   goal")
    row("Möten, year → Alla år", "moten_all_years", "≤ 150 ms", 150)
    row("Möten, Alla år: commit a field", "moten_commit", "≤ 150 ms", 150)
    row("Möten, Alla år: undo", "moten_undo", "≤ 150 ms", 150)
    row("Årshjul, first switch", "arshjul_first", "≤ 150 ms", 150)
    row("Översikt after an edit (findings follow)", "oversikt_edit", "≤ 150 ms", 150)
    row("  … its findings shown (background)", "oversikt_findings", "(no goal)", float("inf"))
    row("Report preview: longest GUI-thread block", "preview_block", "≤ 50 ms", 50)
    row("Memory (resident) after the third report", "memory", "≤ 200 MiB", 200, "MiB")
    floor = _ms_value(bare)
    paint = _ms_value(results["demo"]["paint compiled"])
    if floor and paint:
        ratio = paint / floor
        print(
            f"  {'Start to first paint, demo, compiled':<46} {paint:>7.0f} ms {'':>10}   "
            f"≤ 1.3× bare ({floor:.0f} ms): {ratio:.2f}× {'met' if ratio <= 1.3 else 'MISSED'}"
        )
    whole = _ms_value(results["demo"]["whole build"])
    office = _ms_value(results["demo"]["libreoffice"])
    if whole and office:
        ratio = office / whole
        print(
            f"  {'Årsredovisning, demo, whole process':<46} {whole:>7.0f} ms {'':>10}   "
            f"≥ 10× faster than LibreOffice ({office:.0f} ms): {ratio:.1f}× "
            f"{'met' if ratio >= 10 else 'MISSED'}"
        )
    else:
        print(f"  Årsredovisning against LibreOffice: LibreOffice {results['demo']['libreoffice']}")
    probe = d.get("cpu_probe"), g.get("cpu_probe")
    print(
        f"  machine noise: a fixed CPU loop took {probe[0]:.0f} / {probe[1]:.0f} ms (median) "
        "beside these runs (compare it between runs: it grows with the machine's other load)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds

    sys.path.insert(0, str(REPO / "bench"))
    from large import make_large

    from finsam_desktop import demo

    with tempfile.TemporaryDirectory(prefix="finsam-bench-") as tmp:
        tmp = Path(tmp)
        print(f"Finsam Desktop, {rounds} rounds each, median\n")
        demo_path = tmp / "Demo.finsam"
        demo.create_demo(demo_path, today=dt.date(2026, 11, 25))
        large_path = tmp / "Stort.finsam"
        began = time.perf_counter()
        counts = make_large(large_path)
        made = time.perf_counter() - began
        print(
            f"Large förbund: {counts['år']} years, {counts['insats']} insatser, "
            f"{counts['mote']} meetings, {counts['arende']} ärenden (made in {made:.1f} s)\n"
        )
        bare = _ms([_first_paint("bare", tmp / "data-bare")[0] for _ in range(rounds)])
        results = {
            "demo": _measure(demo_path, tmp, "demo", rounds),
            "large": _measure(large_path, tmp, "large", rounds),
        }
        d, g = results["demo"], results["large"]
        _line("", "demo förbund", "large förbund")
        _line("file size", d["size"], g["size"])
        _line("bare PySide6 window, start to first paint (floor)", bare, bare)
        _line("Finsam Desktop on the file, start to first paint", d["paint"], g["paint"])
        _line(
            "the same, its modules already compiled (installed)",
            d["paint compiled"],
            g["paint compiled"],
        )
        _line(
            "  … to the window filled in (file open, page shown)",
            d["filled compiled"],
            g["filled compiled"],
        )
        _line("peak memory, app with the file open", d["memory"], g["memory"])
        _line(
            "årsredovisning PDF (year 2025)",
            f"{d['arsredovisning']}, {d['pages']} p",
            f"{g['arsredovisning']}, {g['pages']} p",
        )
        _line("LibreOffice: same text as .docx to PDF (warm)", d["libreoffice"], g["libreoffice"])
        _line("årsredovisning, a whole process (compiled)", d["whole build"], g["whole build"])
        _line("  … of which Python's start", d["python start"], g["python start"])
        _line("  … and Python's start with the imports", d["whole imports"], g["whole imports"])
        _line("ekonomi Excel export (latest decided budget)", d["ekonomi"], g["ekonomi"])
        _line("arvodesunderlag Excel, the year 2026", d["arvoden"], g["arvoden"])
        _line("arbetsbok export", d["export"], g["export"])
        _line("arbetsbok import (all or nothing)", d["import"], g["import"])
        _line("finsam check (all reconciliations)", d["check"], g["check"])
        grid = _grid_recompute(rounds)
        _line("budget grid: recompute after one edit, 300 rows", grid, grid)

        _goals(results, bare, _window_figures(demo_path, large_path, tmp, rounds))

        finsam = Path(sys.executable).with_name("finsam")
        version = _ms(
            _timed(
                lambda: subprocess.run([finsam, "--version"], capture_output=True, check=True),
                rounds,
            )
        )
        counter = iter(range(10_000))
        written = _ms(_timed(lambda: demo.create_demo(tmp / f"demo{next(counter)}.finsam"), rounds))
        print(f"\n  finsam --version (command-line start, no Qt): {version}")
        print(f"  write the demo förbund: {written}")


if __name__ == "__main__":
    main()
