"""The layers point one way: ui -> reports -> finsam_desktop; only the CLI sees all three."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_layering_contracts_hold():
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def _copy_project(tmp_path: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__")
    for name in ("finsam_desktop", "reports", "ui"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=ignore)
    # The folder resources/ is the package finsam_resources once installed (pyproject.toml).
    shutil.copytree(REPO / "resources", tmp_path / "finsam_resources", ignore=ignore)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_qt_imported_below_the_ui_breaks_the_check(tmp_path):
    root = _copy_project(tmp_path)
    money = root / "finsam_desktop" / "money.py"
    money.write_text(
        "from PySide6 import QtCore  # noqa\n" + money.read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = _lint(root)
    assert result.returncode != 0
    assert "finsam_desktop.money -> PySide6" in result.stdout


def test_reports_importing_the_ui_breaks_the_check(tmp_path):
    root = _copy_project(tmp_path)
    (root / "reports" / "leak.py").write_text("import ui  # noqa\n", encoding="utf-8")
    result = _lint(root)
    assert result.returncode != 0
    assert "reports.leak -> ui" in result.stdout


def test_the_resources_importing_our_code_breaks_the_check(tmp_path):
    root = _copy_project(tmp_path)
    init = root / "finsam_resources" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + "\nimport ui  # noqa\n", encoding="utf-8")
    result = _lint(root)
    assert result.returncode != 0
    assert "finsam_resources -> ui" in result.stdout
