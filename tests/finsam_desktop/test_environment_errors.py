"""When the folder, the disk or the name refuses a file: one Swedish sentence, exit 3, no file.

Every command that writes (export .xlsx, --ekonomi, --arvoden, .ics, report .pdf, import into
a new file, the backup before import) meets a missing folder, a folder where the file should
be, a path below a regular file, a read-only folder (as an ordinary user: root may write
anything), a read-only disk and a full disk (a filled 2 MiB tmpfs, where mount is allowed).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from fixed_days import DEMO_DAY
from test_cli import FINSAM, REPO, assert_sentence_without_traceback, finsam
from test_full_disk import _fill, _mount_tmpfs

from finsam_desktop import cli, storage
from finsam_desktop.arbetsbok import export_workbook
from finsam_desktop.backups import Kind, list_backups
from finsam_desktop.demo import create_demo
from finsam_desktop.files import WriteFailed, describe_os_error, write_bytes_atomically

ENGLISH = (
    "No such file",
    "Permission denied",
    "Is a directory",
    "Not a directory",
    "No space left",
    "Read-only file system",
    "Disk quota",
    "Errno",
)


def assert_swedish(message: str) -> None:
    for english in ENGLISH:
        assert english not in message, message


# -- the one function -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "says"),
    [
        (
            FileNotFoundError(errno.ENOENT, "No such file or directory"),
            "mappen {folder} finns inte",
        ),
        (
            PermissionError(errno.EACCES, "Permission denied"),
            "du saknar skrivrätt i mappen {folder}",
        ),
        (OSError(errno.EROFS, "Read-only file system"), "skrivskyddad disk"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "det finns redan en mapp"),
        (OSError(errno.ENOSPC, "No space left on device"), "disken är full"),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), "disken är full"),
        (OSError(errno.EXDEV, "Invalid cross-device link"), f"felkod {errno.EXDEV}"),
    ],
)
def test_each_os_error_is_one_swedish_sentence_naming_the_file(tmp_path, exc, says):
    folder = tmp_path / "saknas"
    target = folder / "Årsredovisning 2025.pdf"
    message = describe_os_error(exc, target, "Rapporten")
    assert message.startswith(f"Rapporten kunde inte skrivas till {target}: ")
    assert says.format(folder=folder) in message
    assert exc.strerror not in message
    assert_swedish(message)


def test_a_path_below_a_regular_file_names_the_file_in_the_way(tmp_path):
    (tmp_path / "anteckning.txt").write_text("x")
    target = tmp_path / "anteckning.txt" / "ut.pdf"
    with pytest.raises(WriteFailed) as caught:
        write_bytes_atomically(target, b"%PDF", "Rapporten")
    assert f"{tmp_path / 'anteckning.txt'} är en fil och inte en mapp" in str(caught.value)
    assert caught.value.errno == errno.ENOTDIR
    assert isinstance(caught.value, OSError)  # code that catches OSError still catches it


# -- every writing command, in process --------------------------------------------------------


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "Demo.finsam"
    create_demo(path, today=DEMO_DAY)
    return path


@pytest.fixture(scope="module")
def demo_book(demo_file: Path) -> Path:
    book = demo_file.with_name("Demo.xlsx")
    with storage.open_file(demo_file, storage.OpenOptions(read_only=True)) as ff:
        export_workbook(ff, book)
    return book


#: (what the sentence starts with, the command line with {out} for the file to write)
COMMANDS = {
    "arbetsbok": ("Arbetsboken", ["export", "{demo}", "{out}.xlsx"]),
    "ekonomi": (
        "Budgetexporten",
        ["export", "{demo}", "{out}.xlsx", "--ekonomi", "--year", "2026"],
    ),
    "arvoden": (
        "Arvodesunderlaget",
        [
            "export",
            "{demo}",
            "{out}.xlsx",
            "--arvoden",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
        ],
    ),
    "ics": ("Kalenderfilen", ["export", "{demo}", "{out}.ics", "--arshjul", "--year", "2026"]),
    "arshjul-pdf": (
        "Rapporten",
        ["report", "{demo}", "arshjul", "--year", "2026", "--out", "{out}.pdf"],
    ),
    "arsredovisning": (
        "Rapporten",
        ["report", "{demo}", "arsredovisning", "--year", "2025", "--out", "{out}.pdf"],
    ),
    "import-ny": ("Förbundsfilen", ["import", "{out}.finsam", "{book}"]),
}


def _argv(kind: str, out: Path, demo: Path, book: Path) -> tuple[str, list[str], Path]:
    what, argv = COMMANDS[kind]
    args = [a.format(demo=demo, out=out, book=book) for a in argv]
    target = next(Path(a) for a in args if a.startswith(str(out)))
    return what, args, target


def _files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("kind", sorted(COMMANDS))
def test_every_writing_command_says_the_folder_is_missing_and_exits_3(
    kind, tmp_path, demo_file, demo_book, capsys
):
    what, argv, target = _argv(kind, tmp_path / "saknas" / "ut", demo_file, demo_book)
    assert cli.main(argv) == cli.EXIT_ENVIRONMENT
    err = capsys.readouterr().err
    assert err.startswith(f"finsam: {what} kunde inte skrivas till {target}: ")
    assert f"mappen {tmp_path / 'saknas'} finns inte" in err
    assert_swedish(err)
    assert _files_under(tmp_path) == []


@pytest.mark.parametrize("kind", sorted(COMMANDS))
def test_every_writing_command_refuses_a_folder_where_the_file_should_be(
    kind, tmp_path, demo_file, demo_book, capsys
):
    what, argv, target = _argv(kind, tmp_path / "ut", demo_file, demo_book)
    target.mkdir()
    assert cli.main(argv) == cli.EXIT_ENVIRONMENT
    err = capsys.readouterr().err
    assert err.startswith(f"finsam: {what} kunde inte skrivas till {target}: ")
    assert "det finns redan en mapp med det namnet" in err
    assert_swedish(err)
    assert _files_under(tmp_path) == [target.name]  # the folder, empty, and nothing beside it


@pytest.mark.parametrize("kind", sorted(COMMANDS))
def test_every_writing_command_refuses_a_path_below_a_regular_file(
    kind, tmp_path, demo_file, demo_book, capsys
):
    note = tmp_path / "anteckning.txt"
    note.write_text("inte en mapp")
    what, argv, target = _argv(kind, note / "ut", demo_file, demo_book)
    assert cli.main(argv) == cli.EXIT_ENVIRONMENT
    err = capsys.readouterr().err
    assert err.startswith(f"finsam: {what} kunde inte skrivas till {target}: ")
    assert f"{note} är en fil och inte en mapp" in err
    assert_swedish(err)
    assert note.read_text() == "inte en mapp"
    assert _files_under(tmp_path) == [note.name]


# -- the cases found, as a user runs them ----------------------------------------------------


def test_export_to_a_missing_folder_is_a_sentence_not_a_traceback(demo_file, tmp_path):
    result = finsam("export", demo_file, tmp_path / "saknas" / "arbetsbok.xlsx")
    assert result.returncode == 3
    assert_sentence_without_traceback(result)
    assert f"mappen {tmp_path / 'saknas'} finns inte" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_ics_to_a_missing_folder_is_a_sentence_not_a_traceback(demo_file, tmp_path):
    out = tmp_path / "saknas" / "hjul.ics"
    result = finsam("export", demo_file, out, "--arshjul", "--year", "2026")
    assert result.returncode == 3
    assert_sentence_without_traceback(result)
    assert f"Kalenderfilen kunde inte skrivas till {out}: mappen" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_ekonomi_export_to_a_missing_folder_leaves_no_garbage_collector_traceback(
    demo_file, tmp_path
):
    out = tmp_path / "saknas" / "budget.xlsx"
    result = finsam("export", demo_file, out, "--ekonomi", "--year", "2026")
    assert result.returncode == 3  # the environment, not bad input
    assert_sentence_without_traceback(result)
    assert result.stderr.count("\n") == 1  # one sentence, nothing "ignored" after it
    assert_swedish(result.stderr)


# -- a read-only folder, as an ordinary user --------------------------------------------------


def _as_ordinary_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    if shutil.which("setpriv") is None:
        pytest.skip("needs setpriv to test as a non-root user")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]


@pytest.fixture
def read_only_folder():
    folder = Path(tempfile.mkdtemp(prefix="finsam-ro-"))
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


@pytest.mark.parametrize("kind", ["arbetsbok", "arsredovisning", "import-ny"])
def test_a_read_only_folder_says_there_is_no_write_permission(
    kind, read_only_folder, demo_file, demo_book
):
    readable = Path(tempfile.mkdtemp(prefix="finsam-in-"))
    try:
        readable.chmod(0o755)
        demo, book = readable / demo_file.name, readable / demo_book.name
        shutil.copy(demo_file, demo)
        shutil.copy(demo_book, book)
        what, argv, target = _argv(kind, read_only_folder / "ut", demo, book)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        result = subprocess.run(
            _as_ordinary_user([str(FINSAM), *argv]),
            capture_output=True,
            text=True,
            timeout=120,
            cwd=readable,
            env=env,
        )
    finally:
        shutil.rmtree(readable)
    assert result.returncode == 3, result.stderr
    assert_sentence_without_traceback(result)
    assert f"{what} kunde inte skrivas till {target}: " in result.stderr
    assert f"du saknar skrivrätt i mappen {read_only_folder}" in result.stderr
    assert_swedish(result.stderr)
    assert list(read_only_folder.iterdir()) == []


# -- a read-only disk and a full disk (tmpfs) --------------------------------------------------


@contextlib.contextmanager
def _tmpfs(folder: Path, *options: str):
    _mount_tmpfs(folder)
    try:
        if options:
            subprocess.run(
                ["mount", "-o", ",".join(("remount", *options)), str(folder)], check=True
            )
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


def test_a_read_only_disk_says_so(tmp_path, demo_file, capsys):
    with _tmpfs(tmp_path / "cd", "ro") as disk:
        out = disk / "arbetsbok.xlsx"
        assert cli.main(["export", str(demo_file), str(out)]) == cli.EXIT_ENVIRONMENT
        err = capsys.readouterr().err
        assert f"Arbetsboken kunde inte skrivas till {out}: " in err
        assert "skrivskyddad disk" in err
        assert_swedish(err)
        assert list(disk.iterdir()) == []


@pytest.mark.parametrize("kind", ["arbetsbok", "arsredovisning", "ics", "import-ny"])
def test_a_full_disk_says_so_and_leaves_no_half_file(kind, tmp_path, demo_file, demo_book, capsys):
    with _tmpfs(tmp_path / "disk") as disk:
        filler = _fill(disk)
        what, argv, target = _argv(kind, disk / "ut", demo_file, demo_book)
        assert cli.main(argv) == cli.EXIT_ENVIRONMENT
        err = capsys.readouterr().err
        assert err.startswith(f"finsam: {what} kunde inte skrivas till {target}: disken är full")
        assert_swedish(err)
        assert list(disk.iterdir()) == [filler]


def test_a_full_disk_during_the_backup_before_import_leaves_the_file_unchanged(
    tmp_path, demo_book, capsys
):
    path = tmp_path / "Förbund.finsam"
    with (
        storage.create_file(path, namn="Samordningsförbundet Före") as ff,
        ff.write("Person") as db,
    ):
        db["person"].insert({"namn": "Bo Ek"})
    with _tmpfs(tmp_path / "Förbund-säkerhetskopior") as backups_folder:
        _fill(backups_folder)
        assert cli.main(["import", str(path), str(demo_book)]) == cli.EXIT_ENVIRONMENT
        err = capsys.readouterr().err
        assert err.startswith("finsam: Säkerhetskopian före importen kunde inte skrivas")
        assert "disken är full" in err
        assert "Förbund.finsam är oförändrad" in err
        assert_swedish(err)
    with storage.open_file(path, storage.OpenOptions(read_only=True)) as ff:
        assert ff.forbund_name() == "Samordningsförbundet Före"
        assert [r["namn"] for r in ff.query("SELECT namn FROM person")] == ["Bo Ek"]


# -- two imports into one new file -------------------------------------------------------------


def test_two_imports_into_one_new_file_never_lose_a_workbook(tmp_path):
    books = {}
    for name, people in (("Norr", ["Bo Ek", "Eva Holm"]), ("Söder", ["Åsa Lind"])):
        path = tmp_path / f"{name}.finsam"
        with storage.create_file(path, namn=f"Samordningsförbundet {name}") as ff:
            with ff.write("Personer") as db:
                db["person"].insert_all({"namn": n} for n in people)
            books[name] = tmp_path / f"{name}.xlsx"
            export_workbook(ff, books[name])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for round_ in range(4):
        folder = tmp_path / f"runda{round_}"
        folder.mkdir()
        target = folder / "Ny.finsam"
        procs = [
            subprocess.Popen(
                [str(FINSAM), "import", str(target), str(book)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=REPO,
                env=env,
            )
            for book in books.values()
        ]
        results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
        codes = sorted(code for code, _, _ in results)
        for code, _, err in results:
            assert "Traceback" not in err
            if code:
                assert err.startswith("finsam: ") and "öppnad för ändring av" in err, err
        assert codes in ([0, 0], [0, 3]), results
        again = folder / "igen.xlsx"
        with storage.open_file(target, storage.OpenOptions(read_only=True)) as ff:
            export_workbook(ff, again)
        matches = [name for name, book in books.items() if again.read_bytes() == book.read_bytes()]
        assert len(matches) == 1, results  # one workbook's content, whole
        if codes == [0, 0]:  # one after the other: the first content is in the backup
            (backup,) = [b for b in list_backups(target) if b.kind is Kind.BEFORE_IMPORT]
            with storage.open_file(backup.path, storage.OpenOptions(read_only=True)) as ff:
                export_workbook(ff, again)
            other = next(b for name, b in books.items() if name not in matches)
            assert again.read_bytes() == other.read_bytes()
            shutil.rmtree(backup.path.parent)
        again.unlink()
        assert sorted(p.name for p in folder.iterdir()) == ["Ny.finsam"]  # no tmp, no lock


def test_a_stale_temporary_file_of_a_killed_import_is_removed_by_the_next(tmp_path, demo_book):
    target = tmp_path / "Ny.finsam"
    stale = tmp_path / ".Ny.finsam.4242-deadbeef.import-tmp"
    stale.write_bytes(b"half a database")
    result = finsam("import", target, demo_book)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Ny.finsam"]
