"""The ``finsam`` command: the app, and the förbund file's chores without a display.

This module sits at the top of the layer order (it alone may import ``ui`` and ``reports``),
and imports Qt only when it starts the app, so every other subcommand runs headless and
starts fast. Errors reach stderr as Swedish sentences, never as tracebacks.

Exit codes: 0 done; 1 ``check`` found something that does not add up; 2 bad input (a file
or workbook that cannot be used, wrong arguments, an unknown command: every
:class:`~finsam_desktop.errors.Refusal`); 3 the environment (file in use, read-only, disk
full); 70 a bug in the program (EX_SOFTWARE from sysexits.h), logged with its traceback; 130
interrupted; 141 the reader of the output went away (``finsam list … | head``), as for a
Unix tool that SIGPIPE ends.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import errno
import glob
import logging
import os
import sys
from pathlib import Path

from . import __version__, storage
from .entry import EXIT_ENVIRONMENT
from .entry import start_app as _start_app
from .errors import Refusal
from .files import WriteFailed, describe_os_error, os_error_from_sqlite
from .storage import OpenOptions, Problem, StorageError
from .swedish import plural as _count

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT = 0, 1, 2
#: A bug (sysexits.h's EX_SOFTWARE): never 1, which says ``check`` found something.
EXIT_BUG = 70
EXIT_INTERRUPTED = 130
#: The reader of our output closed the pipe: 128 + SIGPIPE, what a shell reports for a C tool
#: that SIGPIPE ends (``yes | head -1``). Python's signal docs end with 1 there, which here
#: would claim that ``check`` found something.
EXIT_BROKEN_PIPE = 141

log = logging.getLogger("finsam_desktop.cli")

_BAD_INPUT_PROBLEMS = {
    Problem.MISSING,
    Problem.NOT_FORBUND,
    Problem.CORRUPT,
    Problem.UNSAFE,
    Problem.NEWER_VERSION,
}

SUBCOMMANDS = (
    "demo",
    "import",
    "export",
    "check",
    "backups",
    "restore",
    "report",
    "import-utfall",
    "list",
    "justering",
)

#: Reports by the name users type, as "module:function", imported only when asked for so
#: ReportLab never loads for other commands. Each function is called as
#: ``function(ff, out, year=..., date=..., meeting=...)`` with the options given.
REPORTS: dict[str, str] = {
    "arshjul": "reports.arshjul:write_arshjul",
    "arsredovisning": "reports.arsredovisning:write",
    "delarsrapport": "reports.delarsrapport:write",
    "kallelse": "reports.kallelse:write",
    "protokoll": "reports.protokoll:write",
    "verksamhetsplan": "reports.verksamhetsplan:write",
}


class UserError(Refusal):
    """A mistake on the command line the user can fix; the message is shown as it is.

    A :class:`Refusal` with the exit code to end with (2 unless the environment is to blame).
    """

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.code = code


class _SwedishHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix or "Användning: ")


class _Parser(argparse.ArgumentParser):
    """argparse with Swedish framing; its own messages are translated where we know them."""

    _TRANSLATIONS = (
        ("the following arguments are required: ", "argument saknas: "),
        ("unrecognized arguments: ", "okända argument: "),
        ("invalid choice: ", "okänt val: "),
        ("expected one argument", "ett värde behövs"),
        ("(choose from ", "(välj bland "),
        ("invalid int value: ", "inte ett heltal: "),
    )

    def error(self, message: str):
        for english, swedish in self._TRANSLATIONS:
            message = message.replace(english, swedish)
        self.exit(
            EXIT_BAD_INPUT, f"{self.prog}: {message}\nSkriv `{self.prog} --help` för hjälp.\n"
        )


_FIL = "förbundsfilen (.finsam)"


def _parser() -> argparse.ArgumentParser:
    common = {"formatter_class": _SwedishHelp, "add_help": False}
    p = _Parser(
        prog="finsam",
        usage="finsam [FIL] | finsam KOMMANDO FIL …",
        description="Finsam Desktop – kansliets program för ett samordningsförbund.",
        epilog="FIL är en förbundsfil (.finsam). Utan kommando startar programmet: på FIL, "
        "annars den senast öppnade filen, eller demoförbundet första gången. "
        "Slutkoder: 0 klart, 1 check hittade något som inte stämmer, 2 fel indata, "
        "3 miljön (filen används, skrivskyddad, full disk), 70 ett fel i programmet.",
        **common,
    )
    p._optionals.title = "flaggor"
    p.add_argument("-h", "--help", action="help", help="visa den här hjälpen")
    p.add_argument(
        "--version",
        action="version",
        version=f"Finsam Desktop {__version__}",
        help="visa versionen",
    )
    sub = p.add_subparsers(
        dest="command", title="kommandon", metavar="KOMMANDO", parser_class=_Parser
    )

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(
            name, prog=f"finsam {name}", help=help_text, description=help_text, **common
        )
        sp._optionals.title = "flaggor"
        sp._positionals.title = "argument"
        sp.add_argument("-h", "--help", action="help", help="visa den här hjälpen")
        return sp

    sp = add("demo", "skriv demoförbundet till FIL")
    sp.add_argument("file", metavar="FIL", type=Path, help="den nya förbundsfilen (.finsam)")
    sp = add(
        "import", "skapa FIL, eller ersätt dess innehåll, från en arbetsbok (allt eller inget)"
    )
    sp.add_argument(
        "file", metavar="FIL", type=Path, help="förbundsfilen (.finsam) att skapa eller ersätta"
    )
    sp.add_argument("book", metavar="ARBETSBOK.xlsx", type=Path, help="arbetsboken att läsa")
    sp = add(
        "export",
        "skriv hela FIL som en arbetsbok, eller med --arshjul årshjulet som .ics, med --ekonomi "
        "budgeten eller med --arvoden arvodesunderlaget som Excel",
    )
    sp.add_argument("file", metavar="FIL", type=Path, help=_FIL)
    sp.add_argument(
        "book",
        metavar="UTFIL",
        type=Path,
        help="filen att skriva: arbetsboken (.xlsx), med --arshjul kalenderfilen (.ics), "
        "med --ekonomi eller --arvoden Excelfilen (.xlsx)",
    )
    sp.add_argument("--arshjul", action="store_true", help="skriv årshjulet som kalenderfil (.ics)")
    sp.add_argument(
        "--year",
        type=int,
        metavar="ÅR",
        help="årshjulets år (i år om inget anges), eller budgetåret (krävs med --ekonomi)",
    )
    sp.add_argument(
        "--ring", action="append", metavar="RING", help="bara den här ringen; kan upprepas"
    )
    _add_ekonomi_flags(sp)
    sp.add_argument(
        "--arvoden", action="store_true", help="skriv arvodesunderlaget som Excel till lönen"
    )
    sp.add_argument("--from", dest="fran", type=_date_arg, metavar="ÅÅÅÅ-MM-DD", help="från")
    sp.add_argument("--to", dest="till", type=_date_arg, metavar="ÅÅÅÅ-MM-DD", help="till")
    sp = add(
        "import-utfall",
        "läs utfall för ett år från ekonomienhetens Excelfil (sparad mappning) eller SIE-fil",
    )
    sp.add_argument("file", metavar="FIL", type=Path, help=_FIL)
    sp.add_argument("source", metavar="KÄLLA", type=Path, help=".xlsx, .se eller .si")
    sp.add_argument("--year", type=int, metavar="ÅR", required=True, help="utfallets år")
    sp.add_argument(
        "--unmapped",
        choices=("refuse", "by-class"),
        default="refuse",
        metavar="refuse|by-class",
        help="konton utan budgetrad eller grupp: vägra importen (standard) eller placera dem "
        "efter kontoklass i en rad med kontots namn",
    )
    sp.add_argument(
        "--split-shared",
        choices=("refuse", "by-budget"),
        default="refuse",
        metavar="refuse|by-budget",
        help="ett konto som flera budgetrader har och som ingen delning är vald för: vägra "
        "(standard) eller dela utfallet efter radernas budget",
    )
    sp = add(
        "check", "kontrollera filen och stäm av siffrorna; avslutar med 1 om något inte stämmer"
    )
    sp.add_argument("file", metavar="FIL", type=Path, help=_FIL)
    sp = add("report", "skriv en rapport från FIL som PDF")
    sp.add_argument("file", metavar="FIL", type=Path, help=_FIL)
    sp.add_argument(
        "kind",
        metavar="RAPPORT",
        choices=sorted(REPORTS),
        help="en av: " + ", ".join(sorted(REPORTS)),
    )
    sp.add_argument(
        "--year", type=int, metavar="ÅR", help="rapportens år (om inget anges: det troligaste)"
    )
    sp.add_argument(
        "--date", type=_date_arg, metavar="ÅÅÅÅ-MM-DD", help="delårsrapporten per datum"
    )
    sp.add_argument(
        "--meeting",
        type=int,
        metavar="ID",
        help="mötets id, för kallelse och protokoll (finsam list FIL moten visar dem)",
    )
    sp.add_argument(
        "--arende",
        type=int,
        metavar="§",
        help="protokollsutdrag: paragrafens nummer som protokollet skriver det, med protokoll "
        "och --meeting (finsam list FIL moten visar mötenas §)",
    )
    sp.add_argument(
        "--out", type=Path, metavar="UT.pdf", required=True, help="PDF-filen att skriva"
    )
    sp = add(
        "justering",
        "skicka ett protokoll, ett protokollsutdrag eller årsredovisningen för underskrift "
        "(--out), ta emot det signerade (--signed), skriv anslaget (--anslag) eller spara "
        "originalet för arkivet (--archive)",
    )
    sp.add_argument("file", metavar="FIL", type=Path, help=_FIL)
    which = sp.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--meeting",
        type=int,
        metavar="ID",
        help="mötets id (finsam list FIL moten visar dem): dess protokoll, eller med "
        "--arende ett utdrag",
    )
    which.add_argument(
        "--arsredovisning",
        type=int,
        metavar="ÅR",
        help="årsredovisningen för ÅR, som styrelsen skriver under (mötet med ärendet "
        "”Årsredovisning ÅR”)",
    )
    sp.add_argument(
        "--arende",
        type=int,
        metavar="§",
        help="med --meeting: protokollsutdraget av § (som sekreteraren bestyrker)",
    )
    what = sp.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--out",
        type=Path,
        metavar="UT.pdf",
        help="frys protokollet för underskrift och skriv det hit; skriver ut vilka som ska "
        "skriva under (namn, tab, roll)",
    )
    what.add_argument(
        "--signed",
        type=Path,
        metavar="SIGNERAD.pdf",
        help="kontrollera den signerade filen; slutkod 0 när den godtas (mötet är då "
        "justerat), 2 med skälen när den inte godtas",
    )
    what.add_argument(
        "--withdraw",
        action="store_true",
        help="återkalla justeringen så att protokollet kan ändras",
    )
    what.add_argument("--anslag", type=Path, metavar="UT.pdf", help="skriv anslaget som PDF")
    what.add_argument(
        "--archive",
        type=Path,
        metavar="MAPP",
        help="spara det justerade originalet och valideringsrapporten i MAPP",
    )
    sp.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="CA.pem",
        help="lita även på den här utfärdaren (signeringstjänstens CA-certifikat) vid "
        "kontrollen; kan upprepas",
    )
    sp = add("list", "lista innehåll i FIL med id, till exempel mötena ett år")
    sp.add_argument("file", metavar="FIL", type=Path, help=_FIL)
    sp.add_argument("what", metavar="VAD", choices=("moten",), help="moten")
    sp.add_argument("--year", type=int, metavar="ÅR", help="bara det här årets möten")
    sp = add("backups", "lista säkerhetskopiorna av FIL")
    sp.add_argument("file", metavar="FIL", type=Path, help=_FIL)
    sp = add("restore", "återställ FIL från en säkerhetskopia (nuvarande innehåll sparas först)")
    sp.add_argument("file", metavar="FIL", type=Path, help="förbundsfilen (.finsam) att återställa")
    sp.add_argument(
        "backup", metavar="SÄKERHETSKOPIA", type=Path, help="en av filerna som backups listar"
    )
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        code = _main(argv)
        sys.stdout.flush()  # inside the try: a closed pipe shows here for buffered output
        return code
    except BrokenPipeError:
        # As Python's signal docs recommend: point stdout at devnull, so that the flush at
        # exit does not raise again, and end quietly (with 141, see EXIT_BROKEN_PIPE).
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _main(argv: list[str]) -> int:
    if not argv:
        return _start_app(None)
    first = argv[0]
    if first not in SUBCOMMANDS and not first.startswith("-"):
        if not Path(first).exists() and Path(first).suffix.lower() != storage.SUFFIX:
            return _unknown_command(first)
        if len(argv) > 1:
            _parser().error(f"okända argument: {' '.join(argv[1:])}")
        return _start_app(Path(first))
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except Refusal as exc:  # what was typed or imported cannot be used; UserError too
        return _fail(str(exc), getattr(exc, "code", EXIT_BAD_INPUT))
    except WriteFailed as exc:  # a missing or read-only folder, a full disk, a folder there
        return _fail(exc.message, EXIT_ENVIRONMENT)
    except StorageError as exc:
        code = EXIT_BAD_INPUT if exc.problem in _BAD_INPUT_PROBLEMS else EXIT_ENVIRONMENT
        return _fail(exc.message, code)
    except KeyboardInterrupt:
        return _fail("Avbrutet.", EXIT_INTERRUPTED)
    except BrokenPipeError:
        raise
    except Exception as exc:  # a bug: logged with its traceback, told in one sentence
        return _bug(exc, args.command)


def _unknown_command(word: str) -> int:
    """Neither a command nor a förbund file: say so (never start the app on it)."""
    near = difflib.get_close_matches(word.lower(), SUBCOMMANDS, n=1)
    hint = f"Menade du ”{near[0]}”?" if near else "Skriv `finsam --help` för kommandona."
    return _fail(f"okänt kommando ”{word}”. {hint}", EXIT_BAD_INPUT)


def _bug(exc: BaseException, command: str) -> int:
    """An error the program did not expect: its traceback to the log, a sentence to stderr."""
    import traceback

    kind = type(exc).__name__
    where = _log_exception(exc, command)
    if where is None:  # no log to write to: the details go to stderr instead
        _fail(
            f"ett fel i programmet ({kind}). Skriv gärna till supporten och skicka med "
            "detaljerna här nedanför.",
            EXIT_BUG,
        )
        traceback.print_exception(exc, file=sys.stderr)
        return EXIT_BUG
    return _fail(
        f"ett fel i programmet ({kind}). Skriv gärna till supporten; detaljerna finns i {where}.",
        EXIT_BUG,
    )


def _log_exception(exc: BaseException, command: str) -> Path | None:
    """Log ``exc`` with its traceback to the app's log file; the file, or None if it cannot
    be written (a log handler configured by whoever called us gets the record too)."""
    from .paths import log_file

    handler = None
    try:
        path = log_file()
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        path = None
    if handler is not None:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
    try:
        log.error("Unexpected error in finsam %s", command, exc_info=exc)
    finally:
        if handler is not None:
            log.removeHandler(handler)
            handler.close()
    return path


def _fail(message: str, code: int) -> int:
    print(f"finsam: {message}", file=sys.stderr)
    return code


def _cmd_demo(args) -> int:
    from .demo import create_demo

    target: Path = args.file
    if target.exists():
        raise UserError(
            f"{target} finns redan. Välj ett nytt filnamn; demon skriver inte över filer."
        )
    _require_suffix(target)
    create_demo(target)
    print(f"Demoförbundet är skrivet till {target}.")
    return EXIT_OK


def _cmd_export(args) -> int:
    from .arbetsbok import export_workbook

    if getattr(args, "ekonomi", False):
        return _export_ekonomi(args)
    if getattr(args, "arvoden", False):
        return _export_arvoden(args)
    if args.arshjul:
        return _export_arshjul(args)
    if args.book.suffix.lower() == ".ics":
        raise UserError(
            "En kalenderfil (.ics) skrivs med --arshjul, till exempel --arshjul --year 2026."
        )
    _require_xlsx(args.book)
    with _open_to_read(args.file) as ff:
        export_workbook(ff, args.book)
    print(f"Arbetsboken är skriven till {args.book}.")
    return EXIT_OK


def _export_arvoden(args) -> int:
    from reports.arvoden_excel import write

    _require_xlsx(args.book)
    if args.fran is None or args.till is None:
        raise UserError("Ange perioden med --from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD.")
    with _open_to_read(args.file) as ff:
        for day in (args.fran, args.till):  # both ends of the period in the file's years
            _year_of(ff, day.year)
        u = write(ff, args.book, args.fran, args.till)
    rader = _count(len(u.rader), "rad", "rader")
    print(f"Arvodesunderlaget ({rader}) är skrivet till {args.book}.")
    for ar in u.saknar_regel:
        print(
            f"Obs: arvodesregler saknas för {ar}; lägg in dem på bladet Arvodesregler "
            "i arbetsboken."
        )
    if u.utan_personnummer:
        print(
            "Obs: personnummer saknas för " + ", ".join(u.utan_personnummer) + "; lönekontoret "
            "behöver det för att betala ut (raderna är markerade i filen).",
            file=sys.stderr,
        )
    return EXIT_OK


def _export_arshjul(args) -> int:
    import datetime as dt

    from .arshjul.ics import export_ics
    from .model import Ring

    if args.book.suffix.lower() != ".ics":
        raise UserError(
            f"Årshjulet skrivs som kalenderfil; ge en fil som slutar på .ics ({args.book.name})."
        )
    rings = None
    if args.ring:
        try:
            rings = {Ring.from_label(r) for r in args.ring}
        except ValueError as exc:
            raise UserError(
                f"Ringen ”{exc}” finns inte; välj bland {', '.join(Ring.labels())}."
            ) from None
    with _open_to_read(args.file) as ff:
        year = _year_of(ff, args.year) or dt.date.today().year
        count = export_ics(ff, args.book, year, rings)
    handelser = _count(count, "händelse", "händelser")
    print(f"Årshjulet {year} ({handelser}) är skrivet till {args.book}.")
    return EXIT_OK


def _add_ekonomi_flags(sp: argparse.ArgumentParser) -> None:
    """The export's flags for the ekonomienhet's Excel (budget); --year is shared."""
    sp.add_argument(
        "--ekonomi", action="store_true", help="skriv budgeten som Excel till ekonomienheten"
    )
    sp.add_argument(
        "--layout",
        choices=("long", "wide"),
        metavar="long|wide",
        help="en rad per period (long) eller tolv kolumner (wide)",
    )
    sp.add_argument(
        "--sign",
        choices=("report", "ledger"),
        metavar="report|ledger",
        help="tecken som i rapporterna (intäkter plus, kostnader minus; standard) eller som i "
        "bokföringen (intäkter minus, kostnader plus)",
    )
    sp.add_argument(
        "--forslag",
        action="store_true",
        help="skicka årets budgetförslag när ingen budget är beslutad (annars vägras det)",
    )
    if not any("--year" in a.option_strings for a in sp._actions):
        sp.add_argument("--year", type=int, metavar="ÅR", help="budgetåret")


def _export_ekonomi(args) -> int:
    from reports.ekonomi_excel import sparade_val, write_export

    from .ekonomi import arets_budget, budget_versioner
    from .swedish import join_list

    _require_xlsx(args.book)
    if args.year is None:
        raise UserError("Ange budgetåret med --year ÅR.")
    with _open_to_read(args.file) as ff:  # the year is held against the file's budgets
        budget = arets_budget(ff, args.year)
        if budget is None:
            years = sorted({v["ar"] for v in budget_versioner(ff)})
            known = f" Budget finns för {join_list([str(y) for y in years])}." if years else ""
            raise UserError(f"{args.file.name} har ingen budget för {args.year}.{known}")
        if not budget.beslutad and not args.forslag:
            raise UserError(
                f"{budget.text()}. Ekonomienheten får en beslutad budget; skriv --forslag "
                "för att ändå skicka förslaget."
            )
        version = budget.version
        val = sparade_val(ff)
        if args.layout:
            val.layout = args.layout
        if args.sign:  # as the dialog's choice; else the one saved in the file
            val.tecken = {"report": "rapport", "ledger": "bokforing"}[args.sign]
        facts = write_export(ff, version["id"], args.year, args.book, val)
    rader = _count(facts["rader"], "rad", "rader")
    print(f"Budgeten {args.year} ({rader}; {budget.text()}) är skriven till {args.book}.")
    return EXIT_OK


def _cmd_import_utfall(args) -> int:
    from dataclasses import replace

    from .model import Grupp
    from .money import format_amount
    from .utfall_import import (
        DELA_BUDGET,
        PLACE_BY_CLASS,
        Delning,
        delade_konton,
        importera_excel,
        importera_sie,
        sparade_val,
    )

    suffix = args.source.suffix.lower()
    if suffix not in (".xlsx", ".se", ".si", ".sie"):
        raise UserError(
            f"{args.source.name}: utfall läses från en Excelfil (.xlsx) "
            "eller en SIE-fil (.se, .si)."
        )
    _require_input(args.source, "Filen")
    with storage.open_file(args.file, OpenOptions(daily_backup=False)) as ff:
        val = sparade_val(ff)  # the mapping the dialog stored in the file
        if args.unmapped == "by-class":
            val = replace(val, okopplade=PLACE_BY_CLASS)
        if args.split_shared == "by-budget":  # the choices saved in the file stay first
            val.delning = {
                konto: Delning(DELA_BUDGET) for konto in delade_konton(ff, args.year)
            } | val.delning
        if suffix == ".xlsx":
            result = importera_excel(ff, args.source, args.year, val=val)
        else:
            result = importera_sie(ff, args.source, args.year, val)
    kind = "per månad" if result.manadsvis else "för helår"
    rader = _count(result.rader, "rad", "rader")
    print(f"Utfall {args.year} {kind}: {rader} importerade från {args.source.name}.")
    for p in result.placerade:
        print(
            f"Konto {p.konto} ({_count(p.poster, 'post', 'poster')}, "
            f"{format_amount(p.belopp_ore, suffix=True)}) "
            f"placerades efter kontoklass i {Grupp(p.grupp).label} som ”{p.namn}”."
        )
    for line in result.delat:
        print(line)
    for line in result.obs:
        print(f"Obs: {line}")
    if result.ersatt:
        print(f"Det ersatte {result.ersatt}; säkerhetskopia före importen: {result.sakerhetskopia}")
    return EXIT_OK


def _cmd_import(args) -> int:
    from .arbetsbok import read_workbook

    target: Path = args.file
    _require_suffix(target)
    _require_xlsx(args.book)
    _require_input(args.book, "Arbetsboken")
    if target.is_dir():  # where the file should be written, as for every writing command
        raise WriteFailed(IsADirectoryError(errno.EISDIR, ""), target, "Förbundsfilen")
    if target.exists() or not _create_from_workbook(target, read_workbook(args.book)):
        _import_into_existing(target, args.book)
    else:
        print(f"{target} är skapad från {args.book}.")
    return EXIT_OK


def _import_into_existing(target: Path, book: Path) -> None:
    from .arbetsbok import import_workbook

    with storage.open_file(target) as ff, _backup_first(ff, "före importen"):
        backup = import_workbook(ff, book)
    note = f" Det tidigare innehållet finns i {backup}." if backup else ""
    print(f"{target} har fått innehållet från {book}.{note}")


def _create_from_workbook(target: Path, content) -> bool:
    """Create ``target`` holding ``content``; False if another program created it meanwhile.

    The new file is built under a name of this process's own beside the target and moved
    into place in one step, all while holding the target's write lock: a second import into
    the same new file waits its turn (it is told the file is being changed, exit 3) instead
    of both reporting success with one workbook lost. If the target exists once the lock is
    ours, another import won the race; the caller then replaces its content as for any
    existing file (with a backup first), as running the two imports one after the other would.
    """
    from .arbetsbok import write_content
    from .filelock import LockHeld, WriteLock

    lock = WriteLock(target)
    try:
        with _writing_new(target):
            try:
                lock.acquire()
            except OSError as exc:
                if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
                    # The lock was taken, its note could not be written: leave no lock file.
                    with contextlib.suppress(OSError):
                        lock.path.unlink()
                raise
    except LockHeld as held:
        who = held.holder.describe() if held.holder else "ett annat program"
        raise UserError(
            f"{target.name} är redan öppnad för ändring av {who}. Vänta tills den är klar och "
            "försök igen.",
            EXIT_ENVIRONMENT,
        ) from None
    try:
        if target.exists():
            return False
        _remove_stale_import_files(target)  # the lock is ours: no other import is running
        tmp = target.with_name(f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}.import-tmp")
        try:
            with _writing_new(target, tmp):
                with storage.create_file(tmp, namn="Import") as ff:
                    write_content(ff, content)
                os.replace(tmp, target)
        finally:
            _remove_database(tmp)
    finally:
        lock.release()
    return True


@contextlib.contextmanager
def _writing_new(target: Path, tmp: Path | None = None):
    """Creating ``target``: what the folder or the disk refuses becomes one sentence about
    ``target`` (never about the hidden temporary file), exit 3."""
    try:
        yield
    except OSError as exc:
        raise WriteFailed(exc, target, "Förbundsfilen") from None
    except StorageError as exc:
        if tmp is None or exc.problem in _BAD_INPUT_PROBLEMS:
            raise
        if exc.problem in _OS_ERRNO:
            refused = OSError(_OS_ERRNO[exc.problem], "")
            raise WriteFailed(refused, target, "Förbundsfilen") from None
        raise StorageError(exc.problem, exc.message.replace(tmp.name, target.name)) from None


_OS_ERRNO = {Problem.DISK_FULL: errno.ENOSPC, Problem.READ_ONLY: errno.EACCES}


def _remove_stale_import_files(target: Path) -> None:
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.import-tmp*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


@contextlib.contextmanager
def _backup_first(ff: storage.ForbundFile, when: str):
    """Around a change that backs ``ff`` up first: a backup the folder or the disk refuses is
    a sentence (exit 3) saying the file is unchanged, not a traceback."""
    import sqlite3

    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        target = ff.backup_dir
        if isinstance(exc, sqlite3.Error):
            exc = os_error_from_sqlite(exc, ff.backup_dir)
        elif isinstance(exc, WriteFailed):  # backups' own sentence, without saying when
            exc, target = OSError(exc.errno, ""), exc.target
        sentence = describe_os_error(exc, target, f"Säkerhetskopian {when}")
        raise UserError(f"{sentence} {ff.path.name} är oförändrad.", EXIT_ENVIRONMENT) from None


def _cmd_check(args) -> int:
    from .check import run_checks

    with _open_to_read(args.file) as ff:
        findings = run_checks(ff)
    errors = [f for f in findings if f.severity == "fel"]
    warnings = len(findings) - len(errors)
    for f in findings:
        print(f"{f.severity}: {f.message}")
    if errors:
        print(
            f"{_count(len(errors), 'fel', 'fel')} och {_count(warnings, 'varning', 'varningar')} "
            f"i {args.file.name}.",
            file=sys.stderr,
        )
        return EXIT_CHECK_FAILED
    extra = f" ({_count(warnings, 'varning', 'varningar')})" if warnings else ""
    print(f"{args.file.name}: filen är hel och siffrorna stämmer{extra}.")
    return EXIT_OK


def _date_arg(text: str):
    from .dates import DateError, parse_date

    try:
        return parse_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _cmd_report(args) -> int:
    import importlib

    if args.out.suffix.lower() != ".pdf":
        raise UserError(
            f"Rapporten skrivs som PDF; ge en fil som slutar på .pdf ({args.out.name})."
        )
    module_name, _, function_name = REPORTS[args.kind].partition(":")
    write = getattr(importlib.import_module(module_name), function_name)
    options = {
        k: getattr(args, k)
        for k in ("year", "date", "meeting", "arende")
        if getattr(args, k, None) is not None
    }
    if "arende" in options and args.kind != "protokoll":
        raise UserError("--arende ger ett protokollsutdrag och går bara med rapporten protokoll.")
    with _open_to_read(args.file) as ff:
        _year_of(ff, args.year)
        if args.date is not None:
            _year_of(ff, args.date.year)
        write(ff, args.out, **options)  # a year, date or meeting it cannot be made for: Refusal
    print(f"Rapporten är skriven till {args.out}.")
    return EXIT_OK


def _cmd_backups(args) -> int:
    from . import backups

    found = backups.list_backups(args.file)
    if not found:
        print(f"Inga säkerhetskopior av {args.file.name} i {backups.default_dir(args.file)}.")
    for b in found:
        kib = max(1, round(b.size / 1024))
        print(f"{b.created:%Y-%m-%d %H:%M:%S}  {b.kind.label:<20} {kib:>6} kB  {b.path}")
    return EXIT_OK


def _cmd_restore(args) -> int:
    from . import backups

    _require_input(args.backup, "Säkerhetskopian")
    try:
        ff = storage.open_file(args.file, OpenOptions(daily_backup=False))
    except StorageError as exc:
        if exc.problem is not Problem.CORRUPT:
            raise
        kept = _restore_damaged(args.file, args.backup)
        print(
            f"{args.file.name} var skadad och är återställd från {args.backup.name}. "
            f"Den skadade filen finns kvar i {kept}."
        )
        return EXIT_OK
    with ff, _backup_first(ff, "före återställningen"):
        safety = backups.restore(ff, args.backup)
    print(
        f"{args.file.name} är återställd från {args.backup.name}. "
        f"Innehållet före återställningen finns i {safety}."
    )
    return EXIT_OK


def _restore_damaged(path: Path, backup: Path) -> Path:
    import sqlite3

    from . import backups

    try:
        return backups.restore_damaged(path, backup)
    except OSError as exc:
        raise WriteFailed(exc, Path(exc.filename or path), "Den återställda filen") from None
    except sqlite3.Error as exc:
        raise WriteFailed(
            os_error_from_sqlite(exc, path.parent), path, "Den återställda filen"
        ) from None


def _open_to_read(path: Path) -> storage.ForbundFile:
    """Open read-only, so a file the app has open can still be read; a file from an older
    version is upgraded first (after its backup), as opening it in the app would."""
    try:
        return storage.open_file(path, OpenOptions(read_only=True, daily_backup=False))
    except StorageError as exc:
        if exc.problem is not Problem.OLD_VERSION:
            raise
    with storage.open_file(path, OpenOptions(daily_backup=False)) as ff:
        if ff.migration_backup:
            print(
                f"{path.name} är uppgraderad; den tidigare versionen finns i "
                f"{ff.migration_backup}.",
                file=sys.stderr,
            )
    return storage.open_file(path, OpenOptions(read_only=True, daily_backup=False))


def _year_of(ff: storage.ForbundFile, year: int | None) -> int | None:
    """A ``--year`` held against the years the file has (a Refusal saying which it has)."""
    from .forbund import kontrollera_ar

    return None if year is None else kontrollera_ar(ff, year)


def _require_suffix(path: Path) -> None:
    if path.suffix.lower() != storage.SUFFIX:
        raise UserError(
            f"En förbundsfil ska sluta på {storage.SUFFIX}, till exempel "
            f"{path.with_suffix(storage.SUFFIX).name}."
        )


def _require_xlsx(path: Path) -> None:
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"En arbetsbok ska vara en Excel-fil som slutar på .xlsx ({path.name}).")


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()


def _cmd_list(args) -> int:
    from . import moten

    with _open_to_read(args.file) as ff:
        _year_of(ff, args.year)
        found = sorted(moten.moten(ff, args.year), key=lambda m: (m.datum, m.starttid, m.id))
        if not found:
            year = f" {args.year}" if args.year else ""
            print(f"{args.file.name} har inga möten{year}.")
        for m in found:
            justerat = f"justerat {m.justerat.isoformat()}" if m.justerat else ""
            if m.ute_for_justering:
                justerat = f"ute för justering (version {m.ute_for_justering})"
            tid = f" {m.starttid}" if m.starttid else ""
            arenden = "ärende " if m.antal_arenden == 1 else "ärenden"  # the columns stay put
            # the § an utdrag is asked for by (report … protokoll --meeting ID --arende §)
            paragrafer = moten.paragrafer([a.paragraf for a in moten.arenden(ff, m.id)])
            print(
                f"{m.id:>5}  {m.datum.isoformat()}{tid:6}  {m.namn:<20}  "
                f"{m.antal_arenden:>3} {arenden}  {paragrafer:<10}  {justerat}".rstrip()
            )
    return EXIT_OK


def _require_input(path: Path, what: str) -> None:
    """A file the command reads: a folder by that name is said as such, not as missing."""
    if path.is_dir():
        raise UserError(f"{path} är en mapp, inte en fil. Ange filen i mappen.")
    if not path.is_file():
        raise UserError(f"{what} {path} finns inte.")


def _read_input(path: Path, what: str) -> bytes:
    _require_input(path, what)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(describe_os_error(exc, path, what)) from None


def _cmd_justering(args) -> int:
    import datetime as dt

    from . import justering, moten
    from .forbund import forbund

    for out in (args.out, args.anslag):
        if out is not None and out.suffix.lower() != ".pdf":
            raise UserError(f"Filen skrivs som PDF; ge ett namn som slutar på .pdf ({out.name}).")
    if args.arende is not None and args.meeting is None:
        raise UserError("--arende hör till --meeting: ange mötet som utdraget är ur.")
    trust = [_read_input(p, "Certifikatet") for p in args.trust]
    signed = _read_input(args.signed, "Den signerade filen") if args.signed else None
    with storage.open_file(args.file, OpenOptions(daily_backup=False)) as ff:
        h = _handling(ff, args)
        m = moten.mote(ff, h.mote_id)
        assert m is not None
        if args.anslag is not None and not h.protokoll:
            raise UserError("Bara ett justerat protokoll har ett anslag.")
        if args.out is not None:
            from reports import common
            from reports.justering import skicka

            j, pdf = skicka(ff, h, dt.date.today())
            common.write_atomically(pdf, args.out)
            for s in j.signerare:
                print(f"{s.namn}\t{s.roll}")
            locked = (
                " och protokollet är låst tills den signerade filen tas emot" if h.protokoll else ""
            )
            print(
                f"{h.versionsord} {j.version} av {h.namn(m)} är skriven till {args.out}{locked}.",
                file=sys.stderr,
            )
        elif signed is not None:
            try:
                j = justering.ta_emot(ff, h, signed, extra_betrodda=trust,
                                      idag=dt.date.today())  # fmt: skip
            except justering.Avvisad as exc:
                return _fail(str(exc), EXIT_BAD_INPUT)
            print(j.validering)
            print(j.text)
        elif args.withdraw:
            justering.aterkalla(ff, h)
            if h.protokoll:
                print(f"Justeringen av protokollet för {m.rubrik} är återkallad; det kan ändras.")
            else:
                print(f"Underskriften av {h.namn(m)} är återkallad.")
        elif args.anslag is not None:
            from reports.justering import write_anslag

            write_anslag(ff, m.id, args.anslag)
            print(justering.anslag(ff, m.id, forbund(ff).namn).text(forbund(ff).namn))
        else:
            from reports.justering import arkivera

            try:
                args.archive.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WriteFailed(exc, args.archive, "Mappen") from None
            for path in arkivera(ff, h, args.archive):
                print(path)
    return EXIT_OK


def _handling(ff, args):
    """The document the command is about: a meeting's protokoll or one of its utdrag, or a
    year's årsredovisning (found by the meeting that decides it)."""
    from . import justering, moten

    if args.arsredovisning is not None:
        h = justering.arsredovisning(ff, args.arsredovisning)
        if h is None:
            raise UserError(
                f"Inget styrelsemöte har ärendet ”Årsredovisning {args.arsredovisning}”: "
                "årsredovisningen skrivs under av styrelsen vid mötet som beslutar den."
            )
        return h
    m = moten.mote(ff, args.meeting) if 0 < args.meeting < 2**63 else None
    if m is None:
        raise UserError(f"Det finns inget möte med id {args.meeting}.")
    if args.arende is not None:
        moten.arende_med_paragraf(ff, m.id, args.arende)  # refused, naming the § it has
        return justering.Handling.utdrag(m.id, args.arende)
    return justering.Handling(m.id)


_COMMANDS = {
    "justering": _cmd_justering,
    "demo": _cmd_demo,
    "list": _cmd_list,
    "import": _cmd_import,
    "export": _cmd_export,
    "import-utfall": _cmd_import_utfall,
    "check": _cmd_check,
    "backups": _cmd_backups,
    "restore": _cmd_restore,
    "report": _cmd_report,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
