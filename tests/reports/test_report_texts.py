"""Whatever a user types into a section never stops a report, in any of the three."""

from __future__ import annotations

import pytest
from fixed_days import DEMO_DAY
from report_helpers import normalized, pdf_pages

from finsam_desktop import rapporttexter
from reports import arsredovisning, delarsrapport, verksamhetsplan

TEXTS = [
    "<script>alert('&')</script> & <b>inte fet</b> &amp; &#x3c;",
    ("Ett stycke utan slut. " * 460).strip(),  # about 10 000 characters
    "O" + "ö" * 299,  # a 300-character word
    "Emoji 😀🎉👍🏽‍🔥 och tecken ≥ ≤ − – € \u202f",
    "עברית ו-العربية في النص mixed",
    "**\n- \n-\n** **",
]

REPORTS = [
    ("arsredovisning", 2025, arsredovisning.build, {}),
    ("verksamhetsplan", 2027, verksamhetsplan.build, {}),
    ("delarsrapport", 2026, delarsrapport.build, {}),
]


@pytest.mark.parametrize(("rapport", "ar", "build", "extra"), REPORTS, ids=[r[0] for r in REPORTS])
def test_hostile_texts_in_every_section_still_give_the_report(
    demo, tmp_path, rapport, ar, build, extra
):
    for i, avsnitt in enumerate(rapporttexter.AVSNITT[rapport]):
        rapporttexter.spara(demo, rapport, ar, avsnitt.nyckel, TEXTS[i % len(TEXTS)])
    pages = pdf_pages(build(demo, ar, today=DEMO_DAY, **extra), tmp_path)
    text = normalized(" ".join(pages))
    assert "<script>alert('&')</script> & <b>inte fet</b> &amp; &#x3c;" in text
    assert "Ett stycke utan slut." in text
    assert "öööööööööö" in text
    assert "≥ ≤ −" in text
