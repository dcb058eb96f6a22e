"""Search over insatser, möten, ärenden and personer with Swedish case folding."""

from __future__ import annotations

import datetime as dt

from finsam_desktop import insatser, moten, search, styrelse
from finsam_desktop.model import MoteTyp, Roll


def test_search_finds_each_kind_and_folds_swedish_letters(ff):
    with ff.write("Medlem") as db:
        db["medlem"].insert({"id": 1, "namn": "Örby kommun", "typ": "kommun", "andel": "100"})
    insatser.ny_insats(ff, "Öppna dörrar")
    mote_id = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 2, 14), plats="Rådhuset")
    moten.nytt_arende(ff, mote_id, "Ansökan Öppna dörrar")
    styrelse.nytt_uppdrag(ff, "Åsa Öberg", 1, Roll.LEDAMOT, dt.date(2023, 4, 1))
    kinds = [(h.kind, h.titel) for h in search.sok(ff, "öppna DÖRRAR")]
    assert kinds == [("insats", "Öppna dörrar"), ("arende", "§ 1 Ansökan Öppna dörrar")]
    assert [h.titel for h in search.sok(ff, "ÅSA")] == ["Åsa Öberg"]
    assert [h.kind for h in search.sok(ff, "rådhuset")] == ["mote"]
    assert search.sok(ff, "  ") == []
