"""The årshjul's rules, ticks, moves and start month travel through the arbetsbok."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from finsam_desktop import arshjul, storage
from finsam_desktop.arbetsbok import export_workbook, import_workbook
from finsam_desktop.arshjul import Regel, entries
from finsam_desktop.arshjul.regler import DEFAULT_RULES
from finsam_desktop.model import Ring


def _sheet(path, name):
    return [tuple(r) for r in load_workbook(path)[name].iter_rows(values_only=True)]


def test_rules_ticks_moves_and_start_month_survive_export_and_import(ff, tmp_path):
    arshjul.set_startmanad(ff, 9)
    arshjul.save_rule(
        ff,
        Regel(None, "", Ring.KONFERENSER, "Nätverksträff", "veckodag", manad=3, nummer=2,
              veckodag=2, beskrivning="Länets förbund"),
    )  # fmt: skip
    got = {h.nyckel: h for h in entries(ff, 2025)}
    arshjul.set_klar(ff, got["regel:arsredovisning"], True)
    arshjul.move(ff, got["regel:psykiatriveckan"], dt.date(2025, 11, 10))
    before = {(h.nyckel, h.datum, h.slut, h.klar) for h in entries(ff, 2025)}

    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export_workbook(ff, first)
    rows = _sheet(first, "Årshjulsregler")
    assert rows[0][:3] == ("Rubrik", "Ring", "Regel")
    psyk = next(r for r in rows if r[0] == "Psykiatriveckan")
    assert psyk[-1] == "2025: 2025-11-10 – 2025-11-13"
    assert _sheet(first, "Årshjulets start") == [("Startmånad",), (9,)]

    other = storage.create_file(tmp_path / "Annat.finsam", namn="Annat")
    with other:
        import_workbook(other, first)
        assert {(h.nyckel, h.datum, h.slut, h.klar) for h in entries(other, 2025)} == before
        export_workbook(other, second)
    for name in ("Årshjul", "Årshjulsregler", "Årshjulets start"):
        assert _sheet(first, name) == _sheet(second, name)


def test_a_new_file_has_the_default_rules_written_by_the_schema_step(ff):
    assert arshjul.regler(ff) == DEFAULT_RULES


def test_a_workbook_without_the_rule_sheets_gets_the_default_rules(ff, tmp_path):
    arshjul.set_startmanad(ff, 9)
    book = tmp_path / "gammal.xlsx"
    export_workbook(ff, book)
    wb = load_workbook(book)
    del wb["Årshjulsregler"]
    del wb["Årshjulets start"]
    wb.save(book)
    other = storage.create_file(tmp_path / "Gammal.finsam", namn="Gammal")
    with other:
        import_workbook(other, book)
        assert arshjul.regler(other) == DEFAULT_RULES
        assert arshjul.startmanad(other) == 1
