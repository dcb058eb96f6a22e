"""The årshjul PDF: the wheel on the first A4 page, the list by month after it."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from fixed_days import DEMO_DAY

from finsam_desktop import storage
from reports.arshjul import write_arshjul


@pytest.fixture
def demo_file(demo_copy):
    return demo_copy()


def _text(pdf, page=None):
    args = ["pdftotext", "-layout"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_the_pdf_has_the_wheel_on_page_one_and_every_entry_in_the_list(demo_file, tmp_path):
    out = tmp_path / "hjul.pdf"
    with storage.open_file(
        demo_file, storage.OpenOptions(read_only=True, daily_backup=False)
    ) as ff:
        write_arshjul(ff, out, year=2026, date=DEMO_DAY)
    first = _text(out, 1)
    assert "årshjul 2026" in first and "Januari" in first and "December" in first
    assert "i dag" in first
    # the legend explains every kind of mark the wheel draws, the today line too
    legend = first[first.index("1. Styrelse och beredning") :]
    for said in ("helgdag", "datum på helgdag eller helg", "klar", "i dag", "inifrån och ut"):
        assert said in legend, said
    rest = _text(out)
    assert "Psykiatriveckan" in rest and "Årsredovisningen klar" in rest
    assert "Julafton" in rest and "Infaller på en" in rest
    assert rest.index("Januari 2026") < rest.index("December 2026")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "Helvetica" not in fonts and "DejaVuSans" in fonts  # all embedded
    # issue 16: the documents' running header and footer on every page, numbered "of"
    pages = [p for p in rest.split("\f") if p.strip()]
    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        assert f"Sida {n} av {len(pages)}" in page
        assert "Samordningsförbundet Norrådalen" in page and "Årshjul 2026" in page


def test_the_cli_writes_the_report_and_the_calendar(demo_file, tmp_path):
    from finsam_desktop.cli import main

    assert main(["report", str(demo_file), "arshjul", "--year", "2027", "--out",
                 str(tmp_path / "h.pdf")]) == 0  # fmt: skip
    assert (tmp_path / "h.pdf").read_bytes().startswith(b"%PDF")
    assert main(["export", str(demo_file), str(tmp_path / "h.ics"), "--arshjul", "--year",
                 "2027", "--ring", "Ekonomi och rapporter"]) == 0  # fmt: skip
    assert b"CATEGORIES:Ekonomi och rapporter" in (tmp_path / "h.ics").read_bytes()
    assert main(["export", str(demo_file), str(tmp_path / "h.xlsx"), "--arshjul"]) == 2


def test_the_cli_refuses_an_unknown_ring_and_an_ics_without_the_flag(demo_file, tmp_path, capsys):
    from finsam_desktop.cli import main

    target = str(tmp_path / "h.ics")
    assert main(["export", str(demo_file), target, "--arshjul", "--ring", "Fika"]) == 2
    assert "Ringen ”Fika” finns inte" in capsys.readouterr().err
    assert main(["export", str(demo_file), target]) == 2
    assert "--arshjul" in capsys.readouterr().err


def test_the_i_dag_line_is_drawn_under_the_markers(demo):
    import datetime as dt

    from reportlab.graphics.shapes import Circle, Line

    from finsam_desktop.arshjul import entries, period_for
    from reports.arshjul import wheel_drawing

    period = period_for(demo, 2026)
    found = entries(demo, period)
    d = wheel_drawing(period, found, dt.date(2026, 5, 15), 400)
    dashed = [i for i, c in enumerate(d.contents) if isinstance(c, Line) and c.strokeDashArray]
    markers = [i for i, c in enumerate(d.contents) if isinstance(c, Circle) and c.r == 5.2]
    assert dashed and markers and max(dashed) < min(markers)
