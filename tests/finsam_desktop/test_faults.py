"""What laptops do to files: a program killed in the middle of its edits."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from finsam_desktop import storage

REPO = Path(__file__).resolve().parents[2]

_EDITOR = textwrap.dedent(
    """
    import sys
    from finsam_desktop import storage
    ff = storage.open_file(sys.argv[1], storage.OpenOptions(daily_backup=False))
    start = int(sys.argv[2])
    print("ready", flush=True)
    for i in range(start, start + 10_000):
        with ff.write("Ny person") as db:
            db["person"].insert({"namn": f"Person {i:06d}", "anteckning": "x" * (i % 5000)})
            db["arshjul_post"].insert(
                {"ring": "egna", "rubrik": f"Post {i}", "datum": "2026-01-01"}
            )
        print(i, flush=True)  # reported stored only after the commit returned
    """
)


def test_every_edit_reported_stored_survives_a_kill_at_a_random_moment(ff, tmp_file):
    ff.close()
    rng = random.Random(20261125)
    reported: list[int] = []
    next_id = 0
    for _round in range(100):
        editor = subprocess.Popen(
            [sys.executable, "-c", _EDITOR, str(tmp_file), str(next_id)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        assert editor.stdout.readline().strip() == "ready"
        for _ in range(rng.randint(0, 6)):
            line = editor.stdout.readline()
            assert line, editor.communicate(timeout=30)[1]
            reported.append(int(line))
        editor.send_signal(signal.SIGKILL)
        out, _err = editor.communicate(timeout=30)
        # lines already printed before the kill were reported too
        reported.extend(int(line) for line in out.split())
        next_id += 10_000  # each round numbers its rows in a block of its own

    with storage.open_file(tmp_file, storage.OpenOptions(daily_backup=False)) as again:
        assert again.scalar("PRAGMA integrity_check") == "ok"
        stored = {int(r["namn"].split()[1]) for r in again.query("SELECT namn FROM person")}
        posts = again.scalar("SELECT count(*) FROM arshjul_post")
    assert set(reported) <= stored
    # each action is whole: never a person without the entry written with it
    assert posts == len(stored)


def _summary(path: Path) -> tuple:
    with storage.open_file(path, storage.OpenOptions(read_only=True, daily_backup=False)) as ff:
        assert ff.scalar("PRAGMA integrity_check") == "ok"
        return (
            ff.forbund_name(),
            ff.scalar("SELECT count(*) FROM insats"),
            ff.scalar("SELECT count(*) FROM person"),
        )


def _finsam(args: list) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "finsam_desktop.cli", *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )


def _whole_run(args: list) -> float:
    """Seconds ``finsam ARGS`` takes left alone, process start included (run it on a copy)."""
    import time

    began = time.perf_counter()
    proc = _finsam(args)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode(errors="replace")
    return time.perf_counter() - began


def _killed_at_random(args: list, rounds: int, seed: int, whole: float):
    """Start ``finsam ARGS`` ``rounds`` times and kill -9 it after a random while, anywhere
    in the ``whole`` seconds it takes left alone and a little after (so on a fast machine as
    on a slow one most kills come before its commit, some after); yields after each kill,
    when the file must be whole (the next open rolls a hot journal back)."""
    import time

    rng = random.Random(seed)
    for _round in range(rounds):
        proc = _finsam(args)
        time.sleep(rng.uniform(0.05, 1.2 * whole))
        proc.send_signal(signal.SIGKILL)
        _out, err = proc.communicate(timeout=30)
        assert b"Traceback" not in err
        yield


def test_an_import_killed_at_any_moment_leaves_the_old_content_or_the_new_whole(
    demo_copy, tmp_path
):
    """`finsam import` replaces everything in one transaction: a kill mid-way changes nothing."""
    from finsam_desktop.arbetsbok import export_workbook

    demo = demo_copy()
    book = tmp_path / "demo.xlsx"
    with storage.open_file(demo, storage.OpenOptions(read_only=True)) as ff:
        export_workbook(ff, book)
    new = _summary(demo)
    target = tmp_path / "Mål.finsam"

    def old_content() -> tuple:
        target.unlink(missing_ok=True)
        with storage.create_file(target, namn="Gamla förbundet") as ff, ff.write("P") as db:
            db["person"].insert({"namn": "Bara här"})
        return _summary(target)

    old = old_content()
    whole = _whole_run(["import", target, book])
    old_content()
    seen = set()
    for _ in _killed_at_random(["import", target, book], 12, 20261201, whole):
        now = _summary(target)
        assert now in (old, new)
        seen.add(now)
        if now == new:  # the import got through: start again from the old content
            old_content()
    assert old in seen  # some kills came before the commit


def test_a_restore_killed_at_any_moment_leaves_the_content_before_or_the_backups(tmp_path):
    from finsam_desktop import backups

    target = tmp_path / "Förbund.finsam"
    with storage.create_file(target, namn="Förbundet") as ff:
        with ff.write("Personer") as db:
            db["person"].insert_all({"namn": f"Person {i}"} for i in range(3000))
        backup = backups.make_backup(ff, backups.Kind.MANUAL)
        with ff.write("Ta bort") as db:
            db.execute("DELETE FROM person WHERE id % 2 = 0")
    copy = tmp_path / "Kopia.finsam"
    copy.write_bytes(target.read_bytes())
    whole = _whole_run(["restore", copy, backup])
    before, restored = _summary(target), None
    seen = set()
    for _ in _killed_at_random(["restore", target, backup], 10, 20261202, whole):
        now = _summary(target)
        if restored is None and now != before:
            restored = now
        assert now in (before, restored)
        assert restored is None or restored[2] == 3000  # the backup's content, whole
        seen.add(now)
        if now != before:
            options = storage.OpenOptions(daily_backup=False)
            with storage.open_file(target, options) as ff, ff.write("Ta bort") as db:
                db.execute("DELETE FROM person WHERE id % 2 = 0")
            assert _summary(target) == before
    assert before in seen
