"""Benchmark (not a test): the demo förbund's årsredovisning against today's Word → PDF way.

    .venv/bin/python bench/reports.py [--runs 5]

1. Writes the demo förbund to a temporary folder and builds its årsredovisning as PDF
   several times (the first run includes importing ReportLab; the goal is under 1 s), then
   as a whole process (Python's start, the imports, the build; compiled bytecode), beside a
   bare Python start and one that only imports, to show where its time goes.
2. Makes a Word document of the same length: the generated PDF's text (pdftotext), one
   paragraph per line, converted once from text to .docx by LibreOffice (not timed).
3. Times LibreOffice converting that .docx to PDF (``soffice --headless --convert-to pdf``),
   once cold (a fresh profile, as on a first start) and then warm, in the same run.
4. Prints the times and the ratios (issue 21's goal: the whole process ≥ 10× faster than
   LibreOffice warm). Needs poppler-utils (pdftotext, pdfinfo) and
   LibreOffice Writer (soffice; Debian: libreoffice-writer).
"""

from __future__ import annotations

import argparse
import datetime as dt
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

_IMPORTS = """
from finsam_desktop import storage
from reports import arsredovisning
"""
_WHOLE = _IMPORTS + textwrap.dedent(
    """
    import datetime as dt, sys
    from pathlib import Path
    opts = storage.OpenOptions(read_only=True, daily_backup=False)
    with storage.open_file(Path(sys.argv[1]), opts) as ff:
        Path(sys.argv[2]).write_bytes(arsredovisning.build(ff, 2025, today=dt.date(2026, 11, 25)))
    """
)


def whole_process(path: Path, tmp: Path, rounds: int) -> dict[str, list[float]]:
    """Seconds of a whole process writing ``path``'s årsredovisning 2025 ("whole": start,
    imports, build, compiled as installed), and of the parts it begins with: a bare Python
    start ("python") and one that imports what the build needs ("imports")."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = {
        "python": [sys.executable, "-c", "pass"],
        "imports": [sys.executable, "-c", _IMPORTS],
        "whole": [sys.executable, "-c", _WHOLE, str(path), str(tmp / "whole.pdf")],
    }

    def run(command: list[str]) -> float:
        began = time.perf_counter()
        subprocess.run(command, check=True, env=env, cwd=REPO)
        return time.perf_counter() - began

    run(commands["whole"])  # compiles the bytecode
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):  # interleaved: the machine's other load weighs on each alike
        for name, command in commands.items():
            times[name].append(run(command))
    return times


def build_times(folder: Path, runs: int) -> tuple[list[float], bytes, int]:
    t0 = time.perf_counter()
    from finsam_desktop import storage
    from finsam_desktop.demo import create_demo
    from reports import arsredovisning
    from reports.pdf.document import Innehall

    import_s = time.perf_counter() - t0
    path = folder / "Demo.finsam"
    create_demo(path, today=dt.date(2026, 11, 25))
    times = []
    data = b""
    innehall = Innehall()
    with storage.open_file(path, storage.OpenOptions(read_only=True, daily_backup=False)) as ff:
        for _ in range(runs):
            t = time.perf_counter()
            data = arsredovisning.build(ff, 2025, today=dt.date(2026, 11, 25), innehall=innehall)
            times.append(time.perf_counter() - t)
    print(f"import of the report modules (ReportLab included): {import_s:.2f} s")
    return times, data, innehall.sidor


def soffice_convert(soffice: str, profile: Path, source: Path, fmt: str, out: Path) -> float:
    t = time.perf_counter()
    infilter = ["--infilter=Text (encoded):UTF8,LF,,,"] if source.suffix == ".txt" else []
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            *infilter,
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="finsam-bench-") as tmp:
        folder = Path(tmp)
        times, data, pages = build_times(folder, args.runs)
        pdf = folder / "arsredovisning.pdf"
        pdf.write_bytes(data)
        print(
            f"Finsam Desktop, årsredovisning ({pages} pages): first {times[0]:.3f} s, "
            f"median of {len(times)} {statistics.median(times):.3f} s, best {min(times):.3f} s"
        )
        whole = {k: statistics.median(v) for k, v in whole_process(
            folder / "Demo.finsam", folder, args.runs).items()}  # fmt: skip
        print(
            f"A whole process writing it (compiled): median {whole['whole']:.3f} s: Python's "
            f"start {whole['python']:.3f} s, the imports {whole['imports'] - whole['python']:.3f} "
            f"s, opening the file, the build and writing {whole['whole'] - whole['imports']:.3f} s"
        )
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        pdftotext = shutil.which("pdftotext")
        if soffice is None or pdftotext is None:
            print("LibreOffice or pdftotext is missing: no comparison made.")
            return 0
        text = subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        paragraphs = [line for line in text.splitlines() if line.strip()]
        source = folder / "arsredovisning.txt"
        source.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
        profile = folder / "lo-profile"
        word = folder / "word"
        word.mkdir()
        soffice_convert(soffice, profile, source, "docx:MS Word 2007 XML", word)
        docx = word / "arsredovisning.docx"
        if not docx.exists():
            print("LibreOffice could not make the .docx (is libreoffice-writer installed?).")
            return 1
        out = folder / "lo-pdf"
        out.mkdir()
        cold = soffice_convert(soffice, folder / "lo-cold", docx, "pdf", out)
        warm = [soffice_convert(soffice, profile, docx, "pdf", out) for _ in range(3)]
        lo_pages = subprocess.run(
            ["pdfinfo", str(out / "arsredovisning.pdf")], capture_output=True, text=True
        ).stdout
        lo_pages = next(
            (line.split()[-1] for line in lo_pages.splitlines() if line.startswith("Pages:")), "?"
        )
        median = statistics.median(times)
        print(
            f"LibreOffice, the same text as .docx ({len(text)} characters, {lo_pages} pages) "
            f"to PDF: cold {cold:.2f} s, warm median {statistics.median(warm):.2f} s"
        )
        print(
            f"Ratio: LibreOffice warm / Finsam median = {statistics.median(warm) / median:.1f}×; "
            f"cold / Finsam first = {cold / times[0]:.1f}×; "
            f"warm / Finsam's whole process = {statistics.median(warm) / whole['whole']:.1f}×"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
