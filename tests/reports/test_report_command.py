"""`finsam report FILE KIND --year Y [--date D] --out X.pdf` writes the reports."""

from __future__ import annotations

import pytest
from report_helpers import normalized, pdf_pages

from finsam_desktop import cli


@pytest.mark.parametrize(
    ("kind", "options", "title"),
    [
        ("arsredovisning", ["--year", "2025"], "Årsredovisning"),
        ("verksamhetsplan", ["--year", "2027"], "Verksamhetsplan med budget"),
        ("delarsrapport", ["--year", "2026", "--date", "2026-08-31"], "Delårsrapport"),
    ],
)
def test_each_report_is_written_from_the_command_line(
    demo_path, tmp_path, capsys, kind, options, title
):
    out = tmp_path / f"{kind}.pdf"
    assert cli.main(["report", str(demo_path), kind, *options, "--out", str(out)]) == 0
    assert "Rapporten är skriven" in capsys.readouterr().out
    pages = pdf_pages(out.read_bytes(), tmp_path)
    assert title in normalized(pages[0])
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_date_without_a_whole_month_is_refused_in_swedish(demo_path, tmp_path, capsys):
    out = tmp_path / "dr.pdf"
    args = ["report", str(demo_path), "delarsrapport", "--date", "2026-01-15", "--out", str(out)]
    assert cli.main(args) == cli.EXIT_BAD_INPUT
    assert "rymmer ingen hel månad" in capsys.readouterr().err
    assert not out.exists()


def test_a_missing_folder_is_said_in_swedish(demo_path, tmp_path, capsys):
    out = tmp_path / "finns-inte" / "ar.pdf"
    args = ["report", str(demo_path), "arsredovisning", "--out", str(out)]
    assert cli.main(args) == cli.EXIT_ENVIRONMENT
    err = capsys.readouterr().err
    assert f"Rapporten kunde inte skrivas till {out}: mappen {out.parent} finns inte" in err
