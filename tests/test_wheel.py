"""The program as a user installs it: a wheel built from the repository, installed into a fresh
virtual environment outside the tree, run from an empty folder.

Builds with uv (``uv build``, setuptools from uv's cache or the index) and installs the
dependencies from uv's cache (hard links, no download once cached).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: What `uv build` reads: pyproject.toml names README.md and LICENSE, the rest are packages.
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "finsam_desktop", "reports", "ui", "resources")
PACKAGES = {"finsam_desktop": "finsam_desktop", "reports": "reports", "ui": "ui"}


def _uv() -> str:
    beside = Path(sys.executable).with_name("uv")
    found = str(beside) if beside.is_file() else shutil.which("uv")
    assert found, "uv saknas: ./dev.sh installerar det i .venv"
    return found


def _env(data: Path) -> dict[str, str]:
    """The user's environment: nothing of the checkout or its virtual environment, no display."""
    drop = {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "DISPLAY", "WAYLAND_DISPLAY"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return env | {"QT_QPA_PLATFORM": "offscreen", "FINSAM_DATA_DIR": str(data)}


def _run(args: list, cwd: Path, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args} gick fel ({result.returncode}):\n{result.stderr}"
    return result


class Installed:
    def __init__(self, root: Path):
        self.root = root
        self.wheel: Path
        self.venv = root / "venv"
        self.work = root / "tom mapp"  # an empty folder, with a space as on many desktops
        self.data = root / "data"
        self.seconds: dict[str, float] = {}

    @property
    def finsam(self) -> Path:
        return self.venv / "bin" / "finsam"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def env(self) -> dict[str, str]:
        return _env(self.data)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    it = Installed(tmp_path_factory.mktemp("wheel"))
    source = it.root / "src"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in SOURCES:  # built from a copy: setuptools leaves build/ and egg-info behind
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=ignore)
        else:
            shutil.copy2(REPO / name, source / name)
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    began = time.perf_counter()
    _run(
        [_uv(), "build", "--quiet", "--wheel", "--out-dir", it.root / "dist", source], it.root, env
    )
    [it.wheel] = (it.root / "dist").glob("finsam_desktop-*.whl")
    it.seconds["build"] = time.perf_counter() - began
    began = time.perf_counter()
    _run([_uv(), "venv", "--quiet", "--python", sys.executable, it.venv], it.root, env)
    # Not --compile-bytecode: compiling every dependency (holidays alone is hundreds of
    # modules) costs more here than the five commands below save.
    _run([_uv(), "pip", "install", "--quiet", "--python", it.python, it.wheel], it.root, env)
    it.seconds["install"] = time.perf_counter() - began
    it.work.mkdir()
    return it


def test_the_wheel_holds_every_module_the_fonts_the_icons_and_both_licences(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for folder, package in PACKAGES.items():
        for module in (REPO / folder).rglob("*.py"):
            inside = f"{package}/{module.relative_to(REPO / folder).as_posix()}"
            assert inside in names, (
                f"{inside} saknas i hjulet: lägg till paketet i [tool.setuptools] packages "
                "i pyproject.toml"
            )
    shipped = sorted(p.name for p in (REPO / "resources").rglob("*") if p.is_file())
    assert "DejaVuSans.ttf" in shipped and "finsam.svg" in shipped
    for path in (REPO / "resources").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            inside = f"finsam_resources/{path.relative_to(REPO / 'resources').as_posix()}"
            assert inside in names, f"{inside} saknas i hjulet (package-data i pyproject.toml)"
    licences = {n.split(".dist-info/licenses/", 1)[1] for n in names if "/licenses/" in n}
    assert licences == {"LICENSE", "resources/fonts/LICENSE-DejaVu.txt"}
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "Bitstream Vera" in (REPO / "resources/fonts/LICENSE-DejaVu.txt").read_text("utf-8")


def test_the_installed_command_writes_the_demo_a_report_with_embedded_fonts_and_a_workbook(
    installed,
):
    work, env = installed.work, installed.env()
    began = time.perf_counter()
    out = _run([installed.finsam, "demo", "D.finsam"], work, env)
    assert out.stderr == ""
    # The command makes the demo for the real today (it has no other day): last year is closed.
    closed = str(dt.date.today().year - 1)
    report = ["report", "D.finsam", "arsredovisning", "--year", closed, "--out", "A.pdf"]
    out = _run([installed.finsam, *report], work, env)
    assert out.stderr == ""
    assert (work / "A.pdf").read_bytes().startswith(b"%PDF")
    fonts = _run(["pdffonts", work / "A.pdf"], work, env).stdout.splitlines()[2:]
    assert fonts, "rapporten har inga typsnitt"
    assert all(line.split()[-5] == "yes" for line in fonts), "\n".join(fonts)  # the emb column
    assert all("DejaVuSans" in line for line in fonts), "\n".join(fonts)
    text = _run(["pdftotext", work / "A.pdf", "-"], work, env).stdout
    assert "Årsredovisning" in text and closed in text
    out = _run([installed.finsam, "export", "D.finsam", "B.xlsx"], work, env)
    assert out.stderr == ""
    assert zipfile.is_zipfile(work / "B.xlsx")
    _justering_installed(installed)
    installed.seconds["commands"] = time.perf_counter() - began


def _justering_installed(installed: Installed) -> None:
    """The demo's latest held protokoll frozen, signed by a test CA and taken back, all with
    the installed program and its own pyHanko."""
    work, env = installed.work, installed.env()
    listed = _run([installed.finsam, "list", "D.finsam", "moten"], work, env).stdout
    held = [
        line.split()[0]
        for line in listed.splitlines()
        if "Styrelsemöte" in line and "justerat" not in line
        and line.split()[1] <= dt.date.today().isoformat()
    ]  # fmt: skip
    meeting = held[-1]
    out = _run([installed.finsam, "justering", "D.finsam", "--meeting", meeting,
                "--out", "J.pdf"], work, env)  # fmt: skip
    names = [line.split("\t")[0] for line in out.stdout.splitlines()]
    sign = (
        f"import sys; sys.path.insert(0, {str(REPO / 'tests')!r}); from signing import TestCA; "
        "from pathlib import Path; ca = TestCA(); Path('ca.pem').write_bytes(ca.pem); "
        "Path('S.pdf').write_bytes(ca.sign_all(Path('J.pdf').read_bytes(), sys.argv[1:]))"
    )
    _run([installed.python, "-c", sign, *names], work, env)
    out = _run([installed.finsam, "justering", "D.finsam", "--meeting", meeting, "--signed",
                "S.pdf", "--trust", "ca.pem"], work, env)  # fmt: skip
    assert "Justerat digitalt" in out.stdout


def test_the_installed_app_starts_offscreen_with_its_icons_and_quits_cleanly(installed):
    work, env = installed.work, installed.env()
    demo = work / "Start.finsam"
    _run([installed.finsam, "demo", demo], work, env)
    began = time.perf_counter()
    app = subprocess.Popen(
        [str(installed.finsam), str(demo)],
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lock = demo.with_name(demo.name + ".lock")
    deadline = time.monotonic() + 60
    while not lock.exists():  # the app holds the file open for writing
        if app.poll() is not None or time.monotonic() > deadline:
            app.kill()
            _out, err = app.communicate()
            pytest.fail(f"Appen startade inte ({app.returncode}):\n{err}")
        time.sleep(0.05)
    time.sleep(0.5)  # let it paint before it is asked to close, as a logout would
    app.send_signal(signal.SIGTERM)
    _out, err = app.communicate(timeout=30)
    installed.seconds["app"] = time.perf_counter() - began
    assert app.returncode == 0, err
    assert err == ""
    assert not lock.exists()
    log = (installed.data / "logg" / "finsam.log").read_text(encoding="utf-8")
    assert "startar" in log
    assert " WARNING " not in log and " ERROR " not in log, log

    # The window's icons come from the installed package, not from a checkout.
    icons = sorted(p.stem for p in (REPO / "resources" / "icons").glob("*.svg"))
    code = (
        "import sys\n"
        "from ui import app, style, paths\n"
        "application = app.make_application(sys.argv[:1])\n"
        "assert not application.windowIcon().pixmap(32, 32).isNull()\n"
        f"for name in {icons!r}:\n"
        "    assert not style.icon(name).pixmap(32, 32).isNull(), name\n"
        "    print(paths.icon_path(name))\n"
    )
    out = _run([installed.python, "-c", code], work, env)
    assert out.stderr == ""
    site = installed.venv.resolve()
    printed = [Path(line).resolve() for line in out.stdout.splitlines()]
    assert len(printed) == len(icons)
    assert all(site in p.parents for p in printed), printed
