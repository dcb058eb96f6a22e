"""Smoke test of the frozen program, with a throw-away data folder and no display.

    .venv/bin/python installer/smoke.py [build/dist/finsam/finsam]

It starts the app, which writes and opens the demo förbund; closes it the way a logout does
(SIGTERM); then has the same program write an årsredovisning PDF, an arbetsbok and the årshjul
as .ics from that demo file, and check it. Every step must exit 0 with nothing on stderr.
Linux and macOS only (it closes the app with a signal).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(program: Path, *args: str, env: dict) -> str:
    result = subprocess.run(
        [str(program), *args], capture_output=True, text=True, env=env, timeout=120
    )
    if result.returncode != 0 or result.stderr.strip():
        raise SystemExit(
            f"finsam {' '.join(args)} gick fel ({result.returncode}):\n{result.stderr}"
        )
    return result.stdout


def smoke(program: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="finsam-smoke-") as tmp:
        tmp = Path(tmp)
        data = tmp / "data"
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env |= {"FINSAM_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
        began = time.perf_counter()
        app = subprocess.Popen(
            [str(program)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        demo = data / "Demoförbundet.finsam"
        lock = demo.with_name(demo.name + ".lock")
        deadline = time.monotonic() + 60
        while not lock.exists():  # the app holds the demo open for writing
            if app.poll() is not None or time.monotonic() > deadline:
                _out, err = app.communicate()
                raise SystemExit(f"Appen startade inte ({app.returncode}):\n{err}")
            time.sleep(0.05)
        opened = time.perf_counter() - began
        time.sleep(1.0)  # let it paint and settle before it is asked to close
        app.send_signal(signal.SIGTERM)
        _out, err = app.communicate(timeout=30)
        if app.returncode != 0 or err.strip():
            raise SystemExit(f"Appen avslutades inte rent ({app.returncode}):\n{err}")
        if lock.exists():
            raise SystemExit("Appen lämnade låsfilen kvar: filen stängdes inte.")
        print(f"  appen startade, öppnade demoförbundet på {opened:.1f} s och stängdes rent")

        year = time.localtime().tm_year - 1
        pdf, book, ics = tmp / "AR.pdf", tmp / "arbetsbok.xlsx", tmp / "hjul.ics"
        _run(
            program,
            "report",
            str(demo),
            "arsredovisning",
            "--year",
            str(year),
            "--out",
            str(pdf),
            env=env,
        )
        _run(program, "export", str(demo), str(book), env=env)
        _run(program, "export", str(demo), str(ics), "--arshjul", "--year", str(year + 1), env=env)
        _run(program, "check", str(demo), env=env)
        if not pdf.read_bytes().startswith(b"%PDF") or pdf.stat().st_size < 20_000:
            raise SystemExit("Årsredovisningen blev ingen riktig PDF.")
        if not book.read_bytes().startswith(b"PK"):
            raise SystemExit("Arbetsboken blev ingen xlsx-fil.")
        if b"BEGIN:VEVENT" not in ics.read_bytes():
            raise SystemExit("Kalenderfilen har inga händelser.")
        print(
            f"  årsredovisning {year} ({pdf.stat().st_size // 1024} kB), arbetsbok, "
            "årshjul (.ics) och kontroll: klara"
        )
    print("Röktest: godkänt")


if __name__ == "__main__":
    default = REPO / "build" / "dist" / "finsam" / "finsam"
    smoke(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
