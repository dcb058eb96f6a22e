"""Hostile files to import: truncated, garbled, garbage and oversized workbooks and SIE files.

Each import through the `finsam` command must end with a result or a Swedish message and exit
code 2, never an exception; when it is refused the förbund file's bytes are unchanged (no
partial import).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest
from fixed_days import DEMO_DAY
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from finsam_desktop import cli, storage
from finsam_desktop.arbetsbok.files import MAX_UNPACKED
from finsam_desktop.demo import create_demo

FIXTURES = Path(__file__).parent / "fixtures" / "sie"
SIE_FILES = sorted(FIXTURES.glob("*.s[ei]"))

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, Path]:
    """The demo förbund and its arbetsbok."""
    folder = tmp_path_factory.mktemp("fientliga-filer")
    path = folder / "Demo.finsam"
    create_demo(path, today=DEMO_DAY)
    book = folder / "demo.xlsx"
    assert cli.main(["export", str(path), str(book)]) == 0
    return path, book


def _run(*args: object) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main([str(a) for a in args])
    return code, err.getvalue()


def _digest(path: Path) -> str:
    """The file's content: every row of every table. Not the bytes: opening may touch the
    header, and closing runs PRAGMA optimize, which refreshes the planner's sqlite_stat1."""
    conn = sqlite3.connect(path)
    try:
        lines = (line for line in conn.iterdump() if "sqlite_stat" not in line)
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()
    finally:
        conn.close()


def _import_ends_well(demo_path: Path, command: list[str], data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        target = work / "Mål.finsam"
        shutil.copy(demo_path, target)
        source = work / f"fientlig{suffix}"
        source.write_bytes(data)
        before = _digest(target)
        args = [command[0], target, source, *command[1:]]
        code, err = _run(*args)
        if code == cli.EXIT_OK:
            with storage.open_file(target, storage.OpenOptions(daily_backup=False)) as ff:
                assert ff.scalar("PRAGMA integrity_check") == "ok"
            return
        assert code == cli.EXIT_BAD_INPUT, (code, err)
        assert err.startswith("finsam: ") and "Traceback" not in err, err
        assert _digest(target) == before  # refused as a whole: nothing imported


def _garble(data: bytes, cut: int, flips: list[tuple[int, int]]) -> bytes:
    garbled = bytearray(data[: max(0, len(data) - cut)])
    for where, byte in flips:
        if garbled:
            garbled[where % len(garbled)] = byte
    return bytes(garbled)


FLIPS = st.lists(st.tuples(st.integers(0, 2**31), st.integers(0, 255)), max_size=6)


@SETTINGS
@given(cut=st.integers(0, 40_000), flips=FLIPS)
def test_a_truncated_or_garbled_arbetsbok_is_refused_whole_or_imported(demo, cut, flips):
    path, book = demo
    _import_ends_well(path, ["import"], _garble(book.read_bytes(), cut, flips), ".xlsx")


@SETTINGS
@given(data=st.binary(max_size=4096))
def test_garbage_bytes_as_an_arbetsbok_are_refused_in_swedish(demo, data):
    _import_ends_well(demo[0], ["import"], data, ".xlsx")


def _zip_bomb() -> bytes:
    """A small .xlsx whose one sheet unpacks to more than the import allows."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"<row/>" * (1 << 20)
            for _ in range(MAX_UNPACKED // len(chunk) + 2):
                sheet.write(chunk)
    return out.getvalue()


def test_a_zip_bomb_arbetsbok_is_refused_before_it_is_unpacked(demo):
    bomb = _zip_bomb()
    assert len(bomb) < MAX_UNPACKED // 100
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "Mål.finsam"
        shutil.copy(demo[0], target)
        before = _digest(target)
        source = Path(folder) / "bomb.xlsx"
        source.write_bytes(bomb)
        code, err = _run("import", target, source)
        assert code == cli.EXIT_BAD_INPUT and "Traceback" not in err, err
        assert _digest(target) == before


@SETTINGS
@given(which=st.sampled_from(SIE_FILES), cut=st.integers(0, 3_000), flips=FLIPS, tail=st.binary())
def test_a_truncated_or_garbled_sie_file_imports_whole_or_not_at_all(demo, which, cut, flips, tail):
    data = _garble(which.read_bytes(), cut, flips) + tail
    _import_ends_well(demo[0], ["import-utfall", "--year", "2025"], data, which.suffix)


@SETTINGS
@given(
    lines=st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "#FLAGGA 0",
                    "#SIETYP 4",
                    "#RAR 0 20250101 20251231",
                    '#KONTO 4010 "Köpta tjänster"',
                    "#RES 0 4010 -12345.67",
                    "#PSALDO 0 202503 4010 {} 99999999999999999999",
                    "#VER A 1 20250301",
                    "{",
                    "}",
                    "#TRANS 4010 {} 1e308",
                    '#OBJEKT 1 "P10" "Projekt \\" {',
                ]
            ),
            st.text(max_size=60),
        ),
        max_size=30,
    )
)
def test_generated_sie_lines_import_whole_or_give_a_swedish_message(demo, lines):
    data = "\r\n".join(lines).encode("cp437", errors="replace")
    _import_ends_well(demo[0], ["import-utfall", "--year", "2025"], data, ".se")


def test_an_oversized_sie_file_gives_a_message_or_a_result(demo):
    header = "#FLAGGA 0\n#SIETYP 4\n#RAR 0 20250101 20251231\n"
    body = "".join(f'#KONTO {4000 + n % 999} "Konto {n}"\n' for n in range(200_000))
    _import_ends_well(
        demo[0], ["import-utfall", "--year", "2025"], (header + body).encode("cp437"), ".se"
    )
