"""What the förbund file costs: one edit, one undo, opening it (not a test: asserts nothing).

    .venv/bin/python bench/storage.py [--rounds N]

For the demo förbund and the large one (bench/large.py), the median over N rounds of:
- one edit as the window makes it (an insats field, `insatser.andra`, one transaction with its
  undo record, committed with synchronous=FULL), and one Ångra of it;
- opening the file for writing (every check: header, lock, sidecars, integrity, schema, data
  rules) and read-only (what `finsam check` and `report` do).
Run it with PYTHONPATH pointing at another checkout to compare versions on one machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f} ms"


def measure(path: Path, rounds: int) -> dict[str, str]:
    from finsam_desktop import insatser, storage

    opened, opened_ro, edits, undos = [], [], [], []
    for _ in range(rounds):
        t = time.perf_counter()
        ff = storage.open_file(path, storage.OpenOptions(daily_backup=False))
        opened.append(time.perf_counter() - t)
        ff.enable_undo()
        first = min(r.id for r in insatser.namnlista(ff))
        for i in range(20):
            t = time.perf_counter()
            insatser.andra(ff, first, "beslut_paragraf", f"§ {i}")
            edits.append(time.perf_counter() - t)
            t = time.perf_counter()
            ff.undo()
            undos.append(time.perf_counter() - t)
            ff.redo()
        ff.close()
        t = time.perf_counter()
        storage.open_file(path, storage.OpenOptions(read_only=True)).close()
        opened_ro.append(time.perf_counter() - t)
    return {
        "one edit (insats field)": _ms(edits),
        "one Ångra": _ms(undos),
        "open for writing": _ms(opened),
        "open read-only": _ms(opened_ro),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from large import make_large

    from finsam_desktop.demo import create_demo

    with tempfile.TemporaryDirectory() as tmp:
        demo, large = Path(tmp) / "demo.finsam", Path(tmp) / "large.finsam"
        create_demo(demo)
        make_large(large)
        rows = {"demo": measure(demo, args.rounds), "large": measure(large, args.rounds)}
    print(f"{'what':<26} {'demo förbund':>14} {'large förbund':>14}")
    for key in rows["demo"]:
        print(f"{key:<26} {rows['demo'][key]:>14} {rows['large'][key]:>14}")


if __name__ == "__main__":
    main()
