"""Meeting groups named by the förbund (issue 15, 7): "LSG", "Utvecklingsgruppen" are kept
with the meeting and shown in the list, the årshjul, the .ics, the arvoden and the kallelse,
while the meeting's kind still decides the rules."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from finsam_desktop import arshjul, moten
from finsam_desktop.arbetsbok import export_workbook, import_workbook
from finsam_desktop.arshjul.ics import export_ics
from finsam_desktop.model import MoteTyp

DAY = dt.date(2025, 3, 12)


def test_a_meeting_of_a_named_group_keeps_its_name_and_its_kind(ff):
    ff.enable_undo()
    lsg = moten.nytt_mote(ff, MoteTyp.BEREDNING, DAY, "13:00", "Kansliet", grupp="  LSG ")
    assert ff.undo_label == "Nytt möte: LSG 2025-03-12"
    m = moten.mote(ff, lsg)
    assert (m.grupp, m.typ, m.namn, m.rubrik) == ("LSG", MoteTyp.BEREDNING, "LSG", "LSG 2025-03-12")
    plain = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, DAY + dt.timedelta(days=7))
    assert moten.mote(ff, plain).namn == "Styrelsemöte"  # without a group: the kind's word
    moten.nytt_mote(ff, MoteTyp.OVRIGT, DAY, grupp="RÅFA-gruppen")
    moten.andra_mote(ff, plain, "grupp", "Utvecklingsgruppen")
    assert moten.mote(ff, plain).rubrik == "Utvecklingsgruppen 2025-03-19"
    assert moten.motesgrupper(ff) == [
        ("LSG", MoteTyp.BEREDNING),
        ("RÅFA-gruppen", MoteTyp.OVRIGT),
        ("Utvecklingsgruppen", MoteTyp.STYRELSEMOTE),
    ]


def test_the_arshjul_and_its_calendar_file_say_the_groups_name(ff, tmp_path):
    lsg = moten.nytt_mote(ff, MoteTyp.BEREDNING, DAY, "13:00", "Kansliet", grupp="LSG")
    entry = next(h for h in arshjul.entries(ff, 2025) if h.nyckel == f"mote:{lsg}")
    assert entry.rubrik == "LSG"
    target = tmp_path / "a.ics"
    export_ics(ff, target, 2025)
    assert "SUMMARY:LSG" in target.read_text(encoding="utf-8")


def test_the_arbetsbok_carries_the_group_and_an_older_one_without_it_still_imports(ff, tmp_path):
    moten.nytt_mote(ff, MoteTyp.BEREDNING, DAY, grupp="LSG")
    book = tmp_path / "a.xlsx"
    export_workbook(ff, book)
    ws = load_workbook(book)["Möten"]
    headers = [c.value for c in ws[1]]
    assert headers[-1] == "Grupp"  # last, so older workbooks' columns keep their places
    assert ws.cell(row=2, column=len(headers)).value == "LSG"
    import_workbook(ff, book)
    assert [m.grupp for m in moten.moten(ff)] == ["LSG"]
    wb = load_workbook(book)
    wb["Möten"].delete_cols(len(headers))  # a workbook from before groups
    wb.save(book)
    import_workbook(ff, book)
    assert [m.namn for m in moten.moten(ff)] == ["Beredning/Loksam"]


def test_the_kallelse_calls_to_the_group_by_its_name(ff):
    import subprocess

    from reports import kallelse

    lsg = moten.nytt_mote(ff, MoteTyp.BEREDNING, DAY, "13:00", "Kansliet", grupp="LSG")
    pdf = kallelse.build(ff, lsg)
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Kallelse till LSG" in text
