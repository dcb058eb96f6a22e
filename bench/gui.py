"""Measurements of the window itself (not a test: it asserts nothing).

    .venv/bin/python bench/gui.py FILE [--rounds N]      (bench/run.py runs it on the demo
                                                          and on the large förbund)

Each figure is the median over fresh processes: every round starts the app on the file in a
new process (offscreen Qt unless QT_QPA_PLATFORM says otherwise), shows the window, lets it
settle, then times one action from the call to the window repainted:
- Möten: the year filter to "Alla år"; with all years shown, a field of a meeting committed
  in its form, and Ångra of it;
- the first switch to Årshjul (what the start-up left for it to do included);
- Översikt redrawn after an edit of an insats;
- the longest time the GUI thread is busy in one go (input blocked) while a report is built
  in the background and its preview shown (the largest report of the file, the årsredovisning);
- the memory the process holds (resident) after three reports built and previewed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SCENARIOS = ("moten", "arshjul", "oversikt", "preview", "memory")


def _rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _child(scenario: str, path: Path) -> dict[str, float]:
    """One fresh process: start the app on ``path``, run ``scenario``, return its figures."""
    import datetime as dt

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from ui import app as uiapp

    app = uiapp.make_application(sys.argv[:1])
    today = dt.date(2026, 11, 25)
    window = uiapp.start(path, today=lambda: today)
    window.resize(1280, 800)
    window.show()

    def flush() -> None:
        app.processEvents()
        window.repaint()
        app.processEvents()

    def settle(ms: int = 300) -> None:
        """Let the start-up's work at idle run, as a person would take a moment to click."""
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        flush()

    profiled = os.environ.get("FINSAM_BENCH_PROFILE")  # a figure's name: cProfile it

    def timed(action, name: str = "") -> float:
        if profiled and profiled == name:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.enable()
        began = time.perf_counter()
        action()
        flush()
        took = (time.perf_counter() - began) * 1000
        if profiled and profiled == name:
            profile.disable()
            pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
        return took

    settle()
    got: dict[str, float] = {}
    ff = window.ff
    if scenario == "moten":
        page = window.show_page("moten")
        settle()
        got["moten_all_years"] = timed(
            lambda: page.year_combo.setCurrentIndex(0), "moten_all_years"
        )
        settle(100)
        mote_id = ff.scalar("SELECT id FROM mote ORDER BY datum DESC LIMIT 1")
        page.open_meeting(mote_id)
        settle(100)
        field = page.form.plats

        def commit() -> None:
            field.setText(field.text() + " A")
            field.setModified(True)
            field.commit()

        got["moten_commit"] = timed(commit, "moten_commit")
        settle(100)
        got["moten_undo"] = timed(window.undo, "moten_undo")
    elif scenario == "arshjul":
        got["arshjul_first"] = timed(lambda: window.show_page("arshjul"), "arshjul_first")
    elif scenario == "oversikt":
        from finsam_desktop import insatser

        page = window.show_page("oversikt")
        settle()
        insats_id = ff.scalar("SELECT id FROM insats ORDER BY id LIMIT 1")
        checked = QEventLoop()
        page.checked.connect(checked.quit)
        began = time.perf_counter()
        got["oversikt_edit"] = timed(
            lambda: insatser.andra(ff, insats_id, "malgrupp", f"Ändrad {time.time()}"),
            "oversikt_edit",
        )
        if page.checking:  # the findings come from the background, a moment later
            QTimer.singleShot(60_000, checked.quit)
            checked.exec()
            flush()
        got["oversikt_findings"] = (time.perf_counter() - began) * 1000
    elif scenario in ("preview", "memory"):
        page = window.show_page("rapporter")
        settle()
        reports = (
            ["arsredovisning"]
            if scenario == "preview"
            else ["arsredovisning", "delarsrapport", "verksamhetsplan"]
        )
        longest = 0.0
        for code in reports:
            page.report_combo.setCurrentIndex(page.report_combo.findData(code))
            flush()
            # The GUI thread's longest busy stretch: the largest gap between two runs of a
            # timer that fires whenever the event loop gets to it.
            clock = QElapsedTimer()
            gaps: list[float] = []
            last = [0.0]

            def tick(clock=clock, gaps=gaps, last=last) -> None:
                now = clock.nsecsElapsed() / 1e6
                gaps.append(now - last[0])
                last[0] = now

            ticker = QTimer()
            ticker.setInterval(0)
            ticker.timeout.connect(tick)
            loop = QEventLoop()
            page.report_ready.connect(loop.quit)
            page.report_failed.connect(loop.quit)
            QTimer.singleShot(60_000, loop.quit)
            clock.start()
            ticker.start()
            page.build_button.click()
            loop.exec()
            # what the preview does after the report is ready (drawing, pictures of pages)
            settle(500)
            ticker.stop()
            page.report_ready.disconnect(loop.quit)
            page.report_failed.disconnect(loop.quit)
            longest = max(longest, max(gaps, default=0.0))
            if scenario == "memory":
                pages = page.pages_view.pages
                if pages:  # a person reads on: scroll to the end of the report
                    page.pages_view.verticalScrollBar().setValue(pages[-1].y())
                    settle(300)
        if scenario == "preview":
            got["preview_block"] = longest
        else:
            gc.collect()
            settle(300)
            got["memory"] = _rss_mib()
    window.close()
    return got


def cpu_probe() -> float:
    """Milliseconds for a fixed pure-Python loop: the machine's load shows in it."""
    began = time.perf_counter()
    total = 0
    for i in range(2_000_000):
        total += i * i % 7
    return (time.perf_counter() - began) * 1000


def measure(path: Path, rounds: int, data_dir: Path) -> dict[str, list[float]]:
    """Every scenario ``rounds`` times in fresh processes; the figures of each round."""
    results: dict[str, list[float]] = {"cpu_probe": []}
    for n in range(rounds):
        for scenario in SCENARIOS:
            results["cpu_probe"].append(cpu_probe())
            # every round on the file as made, with settings of its own (no page remembered)
            folder = data_dir / f"{n}-{scenario}"
            folder.mkdir(parents=True)
            copy = folder / path.name
            shutil.copyfile(path, copy)
            env = {**os.environ, "FINSAM_DATA_DIR": str(folder / "data"), "PYTHONPATH": str(REPO)}
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
            done = subprocess.run(
                [sys.executable, __file__, "--child", scenario, str(copy)],
                capture_output=True,
                text=True,
                env=env,
                cwd=REPO,
                timeout=300,
            )
            lines = [x for x in done.stdout.splitlines() if x.startswith("{")]
            if done.returncode or not lines:
                raise SystemExit(f"{scenario} on {path.name} failed:\n{done.stderr}")
            for key, value in json.loads(lines[-1]).items():
                results.setdefault(key, []).append(value)
    return results


def medians(results: dict[str, list[float]]) -> dict[str, float]:
    return {key: statistics.median(values) for key, values in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        got = _child(args.child, args.file)
        print(json.dumps(got), flush=True)
        os._exit(0)  # a bench child: skip Qt's slow teardown
    import tempfile

    with tempfile.TemporaryDirectory(prefix="finsam-gui-bench-") as tmp:
        for key, value in medians(measure(args.file, args.rounds, Path(tmp))).items():
            print(f"{key:<20} {value:8.1f}")


if __name__ == "__main__":
    main()
