"""Hostile text in every free-text field, through every report and every export (hypothesis).

The demo förbund gets generated text (markup characters, control characters, emoji, right-to-
left script, 10 000-character strings, 300-character words) in every field a user types free
text into; then each report and export must end with a result or a Swedish message on stderr
and a bad-input/environment exit code, never an exception. The arbetsbok must carry the text
back exactly, or refuse it naming the sheet, row and column.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from finsam_desktop import cli
from finsam_desktop.arbetsbok.cells import clean_text

#: TEXT columns that hold a code or a number in a fixed form, not text a person writes: each
#: is checked where it is typed (and by the arbetsbok), so hostile text never gets there.
FORMATTED = {
    ("forbund", "organisationsnummer"),  # checked with its control digit (orgnr.py)
    ("installning", "nyckel"),  # the settings' keys, declared in settings.py
    ("installning", "varde"),  # a setting's value in its declared type
    ("medlem", "andel"),  # the funding key, exact decimal text ("12.5")
    ("mote", "starttid"),  # HH:MM
    ("mote", "sluttid"),
    ("arshjul_regel", "nyckel"),  # a rule's key
    ("arshjul_installning", "varde"),  # the årshjul's start month
    ("rapporttext", "avsnitt"),  # a section's key in rapporttexter.py
    ("arvode_person", "personnummer"),  # checked with its control digit
}


def _free_text_columns() -> list[tuple[str, str, bool]]:
    """(table, column, must be non-empty) for every TEXT column a person writes into, read
    from the schema the migration steps make: a new free-text column is covered at once."""
    from sqlite_utils import Database

    from finsam_desktop.schema import migrations

    db = Database(sqlite3.connect(":memory:"), execute_plugins=False)
    migrations.apply(db)
    tables = db.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%migrations'"
    ).fetchall()
    # A reference (and the key it refers to) is picked from a list, never typed as text.
    links = set()
    for table, _sql in tables:
        for fk in db.conn.execute(f'PRAGMA foreign_key_list("{table}")'):
            links |= {(table, fk[3]), (fk[2], fk[4])}
    found = []
    for table, sql in tables:
        for _cid, column, kind, *_rest in db.conn.execute(f'PRAGMA table_info("{table}")'):
            coded = re.search(rf"\b{column}\s+IN\s*\(|date\({column}\)", sql)
            if kind.upper() != "TEXT" or coded or (table, column) in FORMATTED | links:
                continue
            required = bool(
                re.search(rf"length\(trim\({column}\)\)\s*>\s*0|\b{column}\s*(<>|!=)\s*''", sql)
            )
            found.append((table, column, required))
    db.conn.close()
    return found


#: (table, column, must be non-empty): the free-text fields a user types into.
FIELDS = _free_text_columns()

_SPECIAL = st.sampled_from(
    [
        "<b>fet</b> & <i>",
        "</para><font name='x'>",
        "&amp; &lt; &#0; &bogus;",
        "\x00\x01\x07\x08\x0b\x0c\x1b[31m\x7f",
        "rad ett\r\nrad två\rrad tre\n\n\n",
        "\t\u00a0\u202f\u2028\u2029\ufeff",
        "👩‍👩‍👧‍👦🇸🇪 💶 ✅",
        "مرحبا بالعالم \u202eטקסט בעברית\u202c",
        "Z\u0351\u0352\u0353a\u0354\u0355l\u0356g\u0357o",
        "ä" * 10_000,
        "ord " * 2_500,
        "x" * 300,
        "=SUM(A1:A9)",
        "'+46 70 123",
        "# Rubrik\n- punkt **fet** *kursiv*",
        "\ud7ff\ue000\uffff",
    ]
)


class Shown(str):
    """A text whose repr in a failure report stays short (hypothesis refuses huge reprs)."""

    def __repr__(self) -> str:
        full = str.__repr__(str(self))
        return full if len(full) <= 120 else f"{full[:80]}…({len(self)} tecken)"


TEXT = st.one_of(
    _SPECIAL,
    st.text(st.characters(exclude_categories=["Cs"]), max_size=80),
    st.builds(lambda a, b: a + b, _SPECIAL, st.text(max_size=20)),
).map(Shown)


@pytest.fixture(scope="module")
def demo_file(demo_template) -> Path:
    """The shared demo, closed; each test copies it."""
    return demo_template()


def _fill(path: Path, texts: dict[tuple[str, str], str]) -> None:
    """Write the texts straight into the file, as any path in (form, import) could: into the
    first row of each table, so that every report shows them without growing to hundreds of
    pages when a text is 10 000 characters long."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            for (table, column, required), text in zip(FIELDS, texts.values(), strict=True):
                # CHECK (length(trim(x)) > 0): SQLite ends a text at NUL, so a mark goes first
                value = f"# {text}" if required else str(text)
                conn.execute(
                    f"UPDATE {table} SET {column} = ? "
                    f"WHERE rowid = (SELECT min(rowid) FROM {table})",
                    (value,),
                )
    finally:
        conn.close()


def _first_meeting(path: Path) -> int:
    """The meeting whose row got the hostile texts (the first of the table)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT min(rowid) FROM mote").fetchone()[0]
    finally:
        conn.close()


def _run(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main([str(a) for a in args])
    return code, err.getvalue()


def _ended_well(code: int, err: str, out: Path) -> None:
    if code == cli.EXIT_OK:
        assert out.is_file() and out.stat().st_size > 0
        return
    assert code in (cli.EXIT_BAD_INPUT, cli.EXIT_ENVIRONMENT), (code, err)
    assert err.startswith("finsam: ") and "Traceback" not in err, err
    assert not out.exists()


def _texts(conn: sqlite3.Connection, *, as_arbetsbok: bool = False) -> dict:
    """Each field's texts; ``as_arbetsbok``: as the arbetsbok carries them, which is without
    the control characters Excel cannot hold (all but tab and newline) and without blanks at
    either end of a cell (what the forms store too), with line ends as \\n (XML's rule)."""

    def carried(text: str) -> str:
        if not as_arbetsbok:
            return text
        return clean_text(text).replace("\r\n", "\n").replace("\r", "\n").strip()

    return {
        (table, column): sorted(
            carried(r[0]) for r in conn.execute(f"SELECT {column} FROM {table}")
        )
        for table, column, _ in FIELDS
    }


@settings(
    max_examples=8,
    deadline=None,
    # Each example writes six reports and four exports into 46 fields (seconds with 10 000-
    # character texts): no shrinking or tracing, and 8 examples, so the test stays near 40 s;
    # a failure shows its input.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.fixed_dictionaries({(t, c): TEXT for t, c, _ in FIELDS}))
def test_hostile_text_in_every_field_goes_through_every_report_and_export(demo_file, texts):
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        path = work / "Fientlig.finsam"
        shutil.copy(demo_file, path)
        _fill(path, texts)
        jobs = [
            ("arsredovisning.pdf", ["report", path, "arsredovisning", "--year", "2025"]),
            ("verksamhetsplan.pdf", ["report", path, "verksamhetsplan", "--year", "2027"]),
            (
                "delarsrapport.pdf",
                ["report", path, "delarsrapport", "--year", "2026", "--date", "2026-08-31"],
            ),
            ("arshjul.pdf", ["report", path, "arshjul", "--year", "2026"]),
            ("ekonomi.xlsx", ["export", path, "--ekonomi", "--year", "2027"]),
            ("hjul.ics", ["export", path, "--arshjul", "--year", "2026"]),
            ("arbetsbok.xlsx", ["export", path]),
            ("kallelse.pdf", ["report", path, "kallelse", "--meeting", str(_first_meeting(path))]),
            (
                "protokoll.pdf",
                ["report", path, "protokoll", "--meeting", str(_first_meeting(path))],
            ),
            (
                "arvoden.xlsx",
                ["export", path, "--arvoden", "--from", "2025-01-01", "--to", "2026-12-31"],
            ),
        ]
        for name, args in jobs:
            out = work / name
            args = [*args, "--out", out] if args[0] == "report" else [*args[:2], out, *args[2:]]
            code, err = _run(*args)
            _ended_well(code, err, out)
            if name.endswith(".pdf") and code == cli.EXIT_OK:
                assert out.read_bytes().startswith(b"%PDF-")
            if name.endswith(".xlsx") and code == cli.EXIT_OK:
                assert zipfile.is_zipfile(out)

        book = work / "arbetsbok.xlsx"
        if not book.exists():
            return
        copy = work / "Tillbaka.finsam"
        code, err = _run("import", copy, book)
        if code != cli.EXIT_OK:  # refused: it must say where
            assert code == cli.EXIT_BAD_INPUT, err
            assert 'Blad "' in err and "rad " in err and 'kolumn "' in err, err
            assert not copy.exists()
            return
        before, after = sqlite3.connect(path), sqlite3.connect(copy)
        try:
            assert _texts(after) == _texts(before, as_arbetsbok=True)
        finally:
            before.close()
            after.close()


@pytest.mark.parametrize(
    ("field", "text", "job"),
    [
        # a heading longer than a page in the contents stopped the report (LayoutError)
        (("insats", "namn"), "ä" * 10_000, ["report", "verksamhetsplan", "--year", "2027"]),
        # an årshjul row taller than a page could not split (LayoutError)
        (("arshjul_post", "rubrik"), "ä" * 10_000, ["report", "arshjul", "--year", "2026"]),
        # a line break in the förbund's name stopped the .ics (AssertionError in icalendar)
        (("forbund", "namn"), "Förbund\r\nNorr", ["export", "--arshjul", "--year", "2026"]),
        # a control character in the förbund's name made docProps/core.xml unreadable
        (("forbund", "namn"), "Förbund\x06", ["export"]),
        # U+FFFF passed openpyxl's filter and made the workbook unreadable
        (("rapporttext", "text"), "Text\uffff\ufffe", ["export"]),
        # a control character in a budget note, written as an Excel comment, made the
        # exported arbetsbok unreadable (its comments part was not XML)
        (("budget_belopp", "anteckning"), "Not\x00\x07\x1b[31m", ["export"]),
        # a sekreterare's name longer than a page stopped the protokoll (LayoutError)
        (("mote", "sekreterare"), "ä" * 10_000, ["report", "protokoll", "--meeting", "1"]),
        # as did a ledamot's name in the årsredovisning's signatures
        (("medlem", "namn"), "ä" * 10_000, ["report", "arsredovisning", "--year", "2025"]),
    ],
)
def test_the_texts_that_once_broke_a_report_or_export_now_go_through(
    demo_file, tmp_path, field, text, job
):
    path = tmp_path / "Fientlig.finsam"
    shutil.copy(demo_file, path)
    _fill(path, {(t, c): text if (t, c) == field else "x" for t, c, _ in FIELDS})
    out = tmp_path / (
        "ut.pdf" if job[0] == "report" else "ut.ics" if "--arshjul" in job else "ut.xlsx"
    )
    args = (
        [job[0], path, *job[1:], "--out", out]
        if job[0] == "report"
        else [job[0], path, out, *job[1:]]
    )
    assert _run(*args) == (cli.EXIT_OK, "")
    if out.suffix == ".xlsx":
        assert _run("import", tmp_path / "Tillbaka.finsam", out) == (cli.EXIT_OK, "")
