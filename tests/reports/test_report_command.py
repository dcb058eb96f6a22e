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
