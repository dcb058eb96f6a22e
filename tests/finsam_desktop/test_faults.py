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
