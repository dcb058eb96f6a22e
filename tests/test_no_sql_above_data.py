"""No SQL above the data layer: ui/ and reports/ ask finsam_desktop, they never query the file.

Every read has a named function in finsam_desktop and every write goes through
``ForbundFile.write``; a query typed in a dialog or a report bypasses both, and the schema can
then no longer change without hunting through the windows. This scan makes that a failing test.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ABOVE_DATA = ("ui", "reports")
SQL_METHODS = frozenset({"query", "scalar", "execute", "executemany"})
SQL_TEXT = re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def _docstrings(tree: ast.AST) -> set[int]:
    """Ids of the strings that stand alone as statements: docstrings, never run as SQL."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


def sql_findings(source: str, name: str) -> list[str]:
    """``name:line: what`` for each database call or SQL text in ``source``."""
    tree = ast.parse(source, filename=name)
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SQL_METHODS
        ):
            found.append(f"{name}:{node.lineno}: calls .{node.func.attr}()")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and SQL_TEXT.match(node.value)
        ):
            found.append(f"{name}:{node.lineno}: SQL text {node.value.strip()[:40]!r}")
    return found


def scan(root: Path) -> list[str]:
    found = []
    for package in ABOVE_DATA:
        for path in sorted((root / package).rglob("*.py")):
            name = path.relative_to(root).as_posix()
            found.extend(sql_findings(path.read_text(encoding="utf-8"), name))
    return found


def test_no_module_in_ui_or_reports_runs_sql():
    found = scan(REPO)
    assert not found, "SQL above the data layer; move it into finsam_desktop:\n" + "\n".join(found)


def test_the_scan_finds_a_query_on_the_file():
    source = 'def rows(ff):\n    return ff.query("SELECT 1")\n'
    assert sql_findings(source, "ui/leak.py") == [
        "ui/leak.py:2: calls .query()",
        "ui/leak.py:2: SQL text 'SELECT 1'",
    ]


def test_the_scan_finds_scalar_and_execute_on_any_object():
    source = "n = self.ff.scalar(sql)\nconn.execute(sql)\ncur.executemany(sql, rows)\n"
    assert sql_findings(source, "reports/leak.py") == [
        "reports/leak.py:1: calls .scalar()",
        "reports/leak.py:2: calls .execute()",
        "reports/leak.py:3: calls .executemany()",
    ]


def test_the_scan_finds_sql_text_in_any_case_and_after_whitespace():
    source = 'A = "\\n  delete from insats"\nB = "Insert into konto"\nC = "update x"\n'
    assert [f.split(": ", 1)[0] for f in sql_findings(source, "ui/x.py")] == [
        "ui/x.py:1",
        "ui/x.py:2",
        "ui/x.py:3",
    ]


def test_the_scan_lets_ordinary_text_and_docstrings_pass():
    source = (
        'LABEL = "Välj insats"\nTIP = "Markera raderna och tryck Delete"\nmenu.exec()\n'
        'WORD = "Selection"\n'
        'def pick():\n    """Select the entry under the mouse."""\n'
    )
    assert sql_findings(source, "ui/ok.py") == []


def test_the_scan_finds_sql_in_an_f_string():
    source = 'def rows(db, t):\n    return db.conn.cursor().fetch(f"SELECT * FROM {t}")\n'
    assert sql_findings(source, "ui/x.py") == ["ui/x.py:2: SQL text 'SELECT * FROM'"]


def test_the_scan_reports_a_leak_in_a_copy_of_the_project(tmp_path):
    for package in ABOVE_DATA:
        (tmp_path / package / "sub").mkdir(parents=True)
    (tmp_path / "ui" / "sub" / "leak.py").write_text(
        'def names(ff):\n    return ff.query("SELECT namn FROM insats")\n', encoding="utf-8"
    )
    (tmp_path / "reports" / "clean.py").write_text("X = 1\n", encoding="utf-8")
    assert scan(tmp_path) == [
        "ui/sub/leak.py:2: calls .query()",
        "ui/sub/leak.py:2: SQL text 'SELECT namn FROM insats'",
    ]
