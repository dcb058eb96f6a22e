"""The `finsam` command's first step: the window starts before the command line is read, and
everything else is the command line as before."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from finsam_desktop import __version__


def _finsam(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    code = "import sys; from finsam_desktop.entry import main; sys.argv[1:] = sys.argv[2:]; "
    code += "sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, "finsam", *args],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip


def test_the_window_is_started_without_the_command_lines_imports():
    probe = (
        "import sys, finsam_desktop.entry; "
        "print(sorted(m for m in ('argparse', 'difflib', 'finsam_desktop.cli', "
        "'finsam_desktop.storage', 'sqlite3') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a display is Linux's question")
def test_a_file_without_a_display_is_refused_in_swedish(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}  # fmt: skip
    r = _finsam(str(tmp_path / "Förbund.finsam"), env=env)
    assert r.returncode == 3
    assert r.stderr.startswith("finsam: Ingen skärm hittades")
    assert "Traceback" not in r.stderr


def test_every_other_use_is_the_command_line(tmp_path):
    assert _finsam("--version").stdout.strip().endswith(__version__)
    r = _finsam("demo", str(tmp_path / "Demo.finsam"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "Demo.finsam").exists()
    r = _finsam("kolla", str(tmp_path / "Demo.finsam"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
