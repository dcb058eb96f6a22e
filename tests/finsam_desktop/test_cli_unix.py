"""The command line as a Unix user expects it: unknown commands named, years held against the
file, a closed pipe ended quietly, a bug never exit 1, and help and README that agree."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import finsam_desktop
import reports
from finsam_desktop import cli, ekonomi, forbund, moten, storage
from finsam_desktop.errors import Refusal
from finsam_desktop.swedish import join_list

REPO = Path(__file__).resolve().parents[2]
FINSAM = Path(sys.executable).with_name("finsam")


@pytest.fixture
def demo(demo_copy) -> Path:
    return demo_copy()


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("FINSAM_DATA_DIR", str(folder))
    return folder


def years_of(path: Path) -> tuple[int, int]:
    with storage.open_file(path, storage.OpenOptions(read_only=True, daily_backup=False)) as ff:
        return forbund.arets_spann(ff)


# -- unknown commands ---------------------------------------------------------------------------


@pytest.fixture
def no_app(monkeypatch) -> list:
    started: list = []
    monkeypatch.setattr(cli, "_start_app", lambda path: started.append(path) or 0)
    return started


def test_an_unknown_command_is_named_with_the_nearest_one(demo, capsys, no_app):
    assert cli.main(["chek", str(demo)]) == 2
    assert capsys.readouterr().err == "finsam: okänt kommando ”chek”. Menade du ”check”?\n"
    assert no_app == []


def test_an_unknown_command_alone_never_starts_the_app(tmp_path, capsys, no_app, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["chek"]) == 2
    assert capsys.readouterr().err == "finsam: okänt kommando ”chek”. Menade du ”check”?\n"
    assert cli.main(["xyzzy"]) == 2
    assert capsys.readouterr().err == (
        "finsam: okänt kommando ”xyzzy”. Skriv `finsam --help` för kommandona.\n"
    )
    assert no_app == []


def test_an_existing_file_or_a_finsam_name_still_starts_the_app(tmp_path, no_app, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chek").write_text("")
    assert cli.main(["chek"]) == 0
    assert cli.main(["Nytt.finsam"]) == 0
    assert no_app == [Path("chek"), Path("Nytt.finsam")]


# -- years held against the file ----------------------------------------------------------------


def test_the_years_of_a_file_run_from_its_first_data_to_its_last_and_next_year(tmp_path):
    today = dt.date(2026, 5, 1)
    with storage.create_file(tmp_path / "Ny.finsam", namn="Ny") as ff:
        assert forbund.arets_spann(ff, today) == (2026, 2027)
        with ff.write("Möte") as db:
            db.execute("INSERT INTO mote (typ, datum) VALUES ('styrelsemote', '2015-03-01')")
        assert forbund.arets_spann(ff, today) == (2015, 2027)
        assert forbund.kontrollera_ar(ff, 2015, today) == 2015
        with pytest.raises(Refusal) as refused:
            forbund.kontrollera_ar(ff, 2028, today)
    assert str(refused.value) == (
        "Året 2028 finns inte i Ny.finsam: filen har åren 2015–2027. Välj ett av de åren."
    )


@pytest.mark.parametrize("year", ["1999", "2099", "99999"])
@pytest.mark.parametrize(
    "command",
    [
        ["report", "{f}", "arsredovisning", "--year", "{y}", "--out", "{d}/a.pdf"],
        ["report", "{f}", "arshjul", "--year", "{y}", "--out", "{d}/h.pdf"],
        ["export", "{f}", "{d}/h.ics", "--arshjul", "--year", "{y}"],
        ["list", "{f}", "moten", "--year", "{y}"],
    ],
    ids=["arsredovisning", "arshjul", "ics", "list"],
)
def test_a_year_the_file_does_not_have_says_which_years_it_has(demo, capsys, command, year):
    first, last = years_of(demo)
    args = [a.format(f=demo, d=demo.parent, y=year) for a in command]
    assert cli.main(args) == 2
    assert capsys.readouterr().err == (
        f"finsam: Året {year} finns inte i Demo.finsam: filen har åren {first}–{last}. "
        "Välj ett av de åren.\n"
    )
    assert [p.name for p in demo.parent.iterdir() if p.name != "data"] == ["Demo.finsam"]


def test_an_arvoden_period_outside_the_files_years_says_which_years_it_has(demo, capsys):
    first, last = years_of(demo)
    out = demo.parent / "arvoden.xlsx"
    args = ["export", demo, out, "--arvoden", "--from", "1999-01-01", "--to", "1999-12-31"]
    assert cli.main([str(a) for a in args]) == 2
    assert capsys.readouterr().err == (
        f"finsam: Året 1999 finns inte i Demo.finsam: filen har åren {first}–{last}. "
        "Välj ett av de åren.\n"
    )
    assert not out.exists()


def test_the_ekonomi_export_of_a_year_without_a_budget_names_the_budget_years(demo, capsys):
    with storage.open_file(demo, storage.OpenOptions(read_only=True, daily_backup=False)) as ff:
        years = sorted({v["ar"] for v in ekonomi.budget_versioner(ff)})
    out = demo.parent / "b.xlsx"
    assert cli.main(["export", str(demo), str(out), "--ekonomi", "--year", "99999"]) == 2
    assert capsys.readouterr().err == (
        f"finsam: Demo.finsam har ingen budget för 99999. Budget finns för "
        f"{join_list([str(y) for y in years])}.\n"
    )
    assert not out.exists()


def test_a_delarsrapport_date_in_a_year_the_file_does_not_have_is_refused(demo, capsys):
    first, last = years_of(demo)
    out = demo.parent / "d.pdf"
    args = ["report", str(demo), "delarsrapport", "--date", "1999-08-31", "--out", str(out)]
    assert cli.main(args) == 2
    assert f"filen har åren {first}–{last}" in capsys.readouterr().err
    assert not out.exists()


def test_a_meeting_id_or_paragraf_beyond_sqlite_is_refused_not_a_bug(demo, capsys):
    huge = str(2**64)
    out = demo.parent / "p.pdf"
    assert cli.main(["report", str(demo), "protokoll", "--meeting", huge, "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"finsam: Det finns inget möte med id {huge}.\n"
    with storage.open_file(demo, storage.OpenOptions(read_only=True, daily_backup=False)) as ff:
        m = next(m for m in moten.moten(ff) if m.justerat)
    args = ["report", str(demo), "protokoll", "--meeting", str(m.id), "--arende", huge]
    assert cli.main([*args, "--out", str(out)]) == 2
    assert capsys.readouterr().err.startswith(f"finsam: {m.rubrik} har ingen § {huge}. ")
    assert not out.exists()


# -- a bug is not a refusal --------------------------------------------------------------------


def _raise(exc: BaseException):
    def command(*args, **options):
        raise exc

    return command


def test_a_bug_is_logged_with_its_traceback_and_said_in_swedish_with_exit_70(
    demo, capsys, monkeypatch, data_dir
):
    monkeypatch.setitem(cli._COMMANDS, "list", _raise(RuntimeError("kaboom")))
    assert cli.main(["list", str(demo), "moten"]) == 70
    log = data_dir / "logg" / "finsam.log"
    assert capsys.readouterr().err == (
        "finsam: ett fel i programmet (RuntimeError). Skriv gärna till supporten; detaljerna "
        f"finns i {log}.\n"
    )
    text = log.read_text(encoding="utf-8")
    assert "ERROR finsam_desktop.cli: Unexpected error in finsam list" in text
    assert "Traceback (most recent call last):" in text
    assert "RuntimeError: kaboom" in text


def test_a_bug_without_a_writable_log_shows_its_traceback_on_stderr(
    demo, capsys, monkeypatch, tmp_path
):
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    monkeypatch.setenv("FINSAM_DATA_DIR", str(blocker))
    monkeypatch.setitem(cli._COMMANDS, "list", _raise(KeyError("x")))
    assert cli.main(["list", str(demo), "moten"]) == 70
    err = capsys.readouterr().err
    assert err.startswith(
        "finsam: ett fel i programmet (KeyError). Skriv gärna till supporten och skicka med "
        "detaljerna här nedanför.\nTraceback (most recent call last):"
    )


def test_pythons_english_from_a_report_is_a_bug_not_a_refusal(demo, capsys, monkeypatch):
    import reports.arsredovisning

    monkeypatch.setattr(
        reports.arsredovisning, "write", _raise(ValueError("year 99999 is out of range"))
    )
    out = demo.parent / "a.pdf"
    assert cli.main(["report", str(demo), "arsredovisning", "--out", str(out)]) == 70
    err = capsys.readouterr().err
    assert err.startswith("finsam: ett fel i programmet (ValueError).")
    assert "out of range" not in err


def _modules(package):
    yield package
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        yield importlib.import_module(info.name)


def test_every_refusal_class_in_the_code_is_a_refusal():
    found = {}
    for package in (finsam_desktop, reports):
        for module in _modules(package):
            for name, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ != module.__name__ or cls is Refusal:
                    continue
                if name.endswith(("Error", "Ogiltigt")) and issubclass(cls, ValueError):
                    found[f"{module.__name__}.{name}"] = cls
    assert {
        "finsam_desktop.forbund.Ogiltigt",
        "finsam_desktop.utfall_import.UtfallImportError",
        "finsam_desktop.arshjul.andra.ArshjulError",
        "finsam_desktop.money.AmountError",
        "finsam_desktop.orgnr.OrgnrError",
        "finsam_desktop.arbetsbok.cells.CellError",
        "finsam_desktop.arbetsbok.problems.WorkbookError",
        "finsam_desktop.dates.DateError",
        "finsam_desktop.sie.SieError",
        "finsam_desktop.budget.BudgetError",
        "finsam_desktop.xlsx.XlsxError",
        "reports.ekonomi_excel.ExportError",
    } <= set(found)
    assert [n for n, cls in found.items() if not issubclass(cls, Refusal)] == []
    assert issubclass(cli.UserError, Refusal)


# -- a closed pipe -----------------------------------------------------------------------------


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def test_list_into_head_through_a_shell_pipe_ends_without_a_traceback(demo):
    result = subprocess.run(
        ["bash", "-c", f'"{FINSAM}" list "{demo}" moten | head -1; echo "${{PIPESTATUS[0]}}"'],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
    )
    assert result.stderr == ""
    first, status = result.stdout.splitlines()
    assert re.match(r"\s*\d+  \d{4}-\d\d-\d\d", first)
    assert status in ("0", "141")  # 0 if everything fitted in the pipe before head left


def test_a_reader_gone_before_the_output_ends_quietly_with_141(demo):
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE, as after `head` has exited
    try:
        result = subprocess.run(
            [str(FINSAM), "list", str(demo), "moten"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            env=_env(),
        )
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (141, "")


# -- help and README agree ---------------------------------------------------------------------


def _subparsers() -> dict:
    parser = cli._parser()
    return parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]


def test_every_subcommand_describes_fil_and_every_argument():
    for name, sub in _subparsers().items():
        for action in sub._actions:
            assert action.help, (name, action.dest)
        assert any(a.metavar == "FIL" for a in sub._actions), name
    top = subprocess.run(
        [str(FINSAM), "--help"], capture_output=True, text=True, timeout=120, env=_env()
    )
    assert "FIL är en förbundsfil (.finsam)" in " ".join(top.stdout.split())
    assert "70 ett fel i programmet" in " ".join(top.stdout.split())


def _readme_commands() -> list[list[str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("## The command line\n\n```\n", 1)[1].split("```", 1)[0]
    return [
        re.split(r"\s{2,}", line.strip())[0].split()
        for line in block.splitlines()
        if line.startswith("finsam")
    ]


def test_the_readme_names_the_options_and_arguments_the_help_has():
    subs = _subparsers()
    seen: dict[str, set[str]] = {name: set() for name in subs}
    for tokens in _readme_commands():
        assert tokens[0] == "finsam"
        if len(tokens) == 1 or tokens[1] not in subs:
            assert tokens[1:] in ([], ["FIL"]), tokens
            continue
        sub = subs[tokens[1]]
        options = {o: a for a in sub._actions for o in a.option_strings}
        positionals = [a for a in sub._actions if not a.option_strings]
        words = tokens[2:]
        i = 0
        given: list[str] = []
        while i < len(words):
            word = words[i]
            optional = word.startswith("[")
            bare = word.strip("[]")
            if bare == "…":
                i += 1
                continue
            if bare.startswith("--"):
                assert bare in options, (tokens[1], bare)
                action = options[bare]
                seen[tokens[1]].add(bare)
                assert not (action.required and optional), (tokens[1], bare)
                if action.nargs != 0:
                    i += 1
                    assert words[i].strip("[]") == action.metavar, (tokens[1], bare, words[i])
            else:
                given.append(bare)
            i += 1
        assert len(given) == len(positionals), (tokens, given)
        for word, action in zip(given, positionals, strict=True):
            assert word == action.metavar or set(word.split("|")) <= set(action.choices or ()), (
                tokens[1],
                word,
                action.metavar,
            )
    for name, sub in subs.items():
        wanted = {o for a in sub._actions for o in a.option_strings if o.startswith("--")}
        assert seen[name] == wanted - {"--help"}, name
