"""The årsredovisning and a protokollsutdrag sent for signing, the way a protokoll is: frozen
with its underskriftsversion, taken back signed and checked offline, the original kept. Signed
with pyHanko by a CA made in the test (tests/signing.py)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys

import pytest
from fixed_days import DEMO_DAY
from signing import TestCA

from finsam_desktop import backups, justering, moten, rapportdata, storage
from finsam_desktop.errors import Refusal
from finsam_desktop.forbund import Ogiltigt
from finsam_desktop.justering import Handling
from finsam_desktop.model import JusteringDokument
from reports import arsredovisning
from reports.justering import arkivera, skicka


@pytest.fixture(scope="module")
def ca() -> TestCA:
    return TestCA()


def _text(pdf: bytes) -> str:
    from pypdfium2 import PdfDocument

    return " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in PdfDocument(pdf))


@pytest.fixture
def ar_2025(demo, ca):
    """The demo with its årsredovisning 2025 out for the styrelse's signatures."""
    h = justering.arsredovisning(demo, 2025)
    assert h is not None
    justering.lagg_till_utfardare(demo, ca.pem)
    j, pdf = skicka(demo, h, DEMO_DAY)
    return demo, h, pdf, [s.namn for s in j.signerare]


def _utdrag(ff) -> Handling:
    """An utdrag of a § of the demo's latest justerat styrelsemöte."""
    m = next(
        m
        for m in moten.moten(ff)
        if m.typ in moten.PROTOKOLLFORDA and m.justerat is not None and m.antal_arenden
    )
    paragraf = next(a.paragraf for a in moten.arenden(ff, m.id) if a.paragraf)
    return Handling.utdrag(m.id, paragraf)


def test_the_arsredovisning_goes_to_the_styrelse_that_decided_it(ar_2025):
    ff, h, pdf, names = ar_2025
    m = moten.mote(ff, h.mote_id)
    assert m is not None and m.datum == rapportdata.undertecknande(ff, 2025, DEMO_DAY).mote_datum
    sat = rapportdata.undertecknande(ff, 2025, DEMO_DAY).personer
    assert names == [p.namn for p in sat] and len(names) >= 3
    j = justering.ute(ff, h)
    assert j is not None and j.version == 1 and j.signerare[0].roll == "ordförande"
    assert "Underskriftsversion 1, för underskrift." in _text(pdf)
    assert "Underskriftsversion 1 skickades för underskrift" in j.text
    # sending the årsredovisning neither locks the meeting's protokoll nor shows it as out
    assert moten.mote(ff, h.mote_id).ute_for_justering is None
    assert justering.ute(ff, h.mote_id) is None
    with pytest.raises(Ogiltigt, match="redan ute för underskrift"):
        skicka(ff, h, DEMO_DAY)


def test_the_styrelse_signing_the_arsredovisning_is_accepted_and_kept(ar_2025, ca, tmp_path):
    ff, h, pdf, names = ar_2025
    justerat_before = moten.mote(ff, h.mote_id).justerat
    signed = ca.sign_all(pdf, names)
    j = justering.ta_emot(ff, h, signed, idag=DEMO_DAY)
    today = dt.datetime.now().astimezone().date()
    assert (j.status, j.satt, j.justerat) == ("justerad", "digital", today)
    assert j.validering.count("giltig, betrodd") == len(names)
    assert "underskriftsversion 1, byte för byte" in j.validering
    assert justering.original(ff, j.id) == signed
    assert (j.anslag_upp, j.anslag_ned) == (None, None)  # only a protokoll is anslaget
    assert moten.mote(ff, h.mote_id).justerat == justerat_before  # the protokoll untouched
    assert j.text.startswith(f"Underskrivet digitalt {today.isoformat()} av {names[0]}")
    moten.oppna_for_rattelse(ff, h.mote_id, "Fel närvaro i § 13", DEMO_DAY)
    with pytest.raises(Ogiltigt, match="kan inte tas bort: originalen hör till arkivet"):
        moten.ta_bort_mote(ff, h.mote_id)
    with pytest.raises(Ogiltigt, match="har redan skrivits under"):
        skicka(ff, h, DEMO_DAY)
    assert justering.underskriven(ff, h) == j  # reopening the protokoll left the ÅR signed
    # a copy printed afterwards says where the signed original is
    text = _text(arsredovisning.build(ff, 2025, today=DEMO_DAY))
    assert f"Årsredovisningen skrevs under digitalt {today.isoformat()}" in text
    assert j.original_sha256 in text.replace(" ", "")
    (tmp_path / "arkiv").mkdir()
    pdf_path, report = arkivera(ff, h, tmp_path / "arkiv")
    assert pdf_path.name == "Årsredovisning 2025 underskrivet.pdf"
    assert pdf_path.read_bytes() == signed
    written = report.read_text(encoding="utf-8")
    assert "årsredovisning 2025" in written and all(n in written for n in names)


def test_a_signature_by_someone_outside_the_styrelse_is_refused(ar_2025, ca):
    ff, h, pdf, names = ar_2025
    with pytest.raises(justering.Avvisad) as info:
        justering.ta_emot(ff, h, ca.sign_all(pdf, [*names[:-1], "Okänd Person"]))
    message = str(info.value)
    assert message.startswith(
        "Den signerade filen godtas inte, och årsredovisningen 2025 har inte skrivits under"
    )
    assert "Okänd Person ska inte skriva under årsredovisningen 2025" in message
    assert f"Har inte skrivit under: {names[-1]}." in message
    assert justering.ute(ff, h) is not None and justering.underskriven(ff, h) is None


def test_a_signed_protokoll_is_not_taken_as_the_arsredovisning(ar_2025, ca):
    """Versions count per document: the meeting's own protokoll signed is another document."""
    ff, h, _pdf, names = ar_2025
    protokoll = skicka.__globals__["build_frozen"](ff, h.mote_id, 1, DEMO_DAY)
    with pytest.raises(justering.Avvisad, match="inte underskriftsversion 1 av årsredovisningen"):
        justering.ta_emot(ff, h, ca.sign_all(protokoll, names))


def test_an_arsredovisning_without_its_decision_cannot_be_sent(demo):
    assert justering.arsredovisning(demo, 2019) is None
    other = next(m for m in moten.moten(demo) if m.typ in moten.PROTOKOLLFORDA)
    h = justering.arsredovisning(demo, 2025)
    assert h is not None and other.id != h.mote_id
    with pytest.raises(Ogiltigt, match="beslutas inte vid"):
        skicka(demo, Handling.arsredovisning(other.id, 2025), DEMO_DAY)


def test_an_arsredovisning_signed_on_paper_keeps_the_scan(ar_2025):
    ff, h, pdf, names = ar_2025
    decided = moten.mote(ff, h.mote_id).datum
    with pytest.raises(Ogiltigt, match=r"kan inte skrivas under .* före mötet"):
        justering.bifoga_papper(ff, h, pdf, decided - dt.timedelta(days=1), names, DEMO_DAY)
    j = justering.bifoga_papper(ff, h, pdf, decided, names, DEMO_DAY)
    assert (j.satt, j.justerat, j.version) == ("papper", decided, 1)
    assert [s.roll for s in j.signerare][:2] == ["ordförande", "vice ordförande"]
    assert j.validering.startswith("Underskrivet på papper")
    assert justering.underskriven(ff, h) == j


def test_an_utdrag_is_bestyrkt_by_the_sekreterare_of_the_justerat_protokoll(demo, ca):
    justering.lagg_till_utfardare(demo, ca.pem)
    h = _utdrag(demo)
    m = moten.mote(demo, h.mote_id)
    assert h in justering.handlingar(demo, h.mote_id)
    j, pdf = skicka(demo, h, DEMO_DAY)
    assert [(s.namn, s.roll) for s in j.signerare] == [(m.sekreterare, "sekreterare")]
    text = _text(pdf)
    assert "Utdraget bestyrks" in text and "Underskriftsversion 1, för underskrift." in text
    j = justering.ta_emot(demo, h, ca.sign_all(pdf, [m.sekreterare]))
    assert j.status == "justerad" and justering.original(demo, j.id).startswith(pdf)
    # another § of the same meeting is another document, still to send
    others = [
        x for x in justering.handlingar(demo, h.mote_id) if x.paragraf not in (None, h.paragraf)
    ]
    assert others and justering.senaste(demo, others[0]) is None


def test_an_utdrag_is_refused_before_the_protokoll_is_justerat_or_for_a_missing_paragraf(demo):
    held = next(
        m
        for m in moten.moten(demo)
        if m.typ in moten.PROTOKOLLFORDA and m.datum <= DEMO_DAY and m.justerat is None
    )
    paragraf = next(a.paragraf for a in moten.arenden(demo, held.id) if a.paragraf)
    with pytest.raises(Ogiltigt, match="inte justerat ännu: ett utdrag bestyrks"):
        skicka(demo, Handling.utdrag(held.id, paragraf), DEMO_DAY)
    h = _utdrag(demo)
    with pytest.raises(Refusal, match="ingen § 999"):
        skicka(demo, Handling.utdrag(h.mote_id, 999), DEMO_DAY)


def test_signed_documents_survive_backup_and_restore(ar_2025, ca):
    ff, h, pdf, names = ar_2025
    signed = ca.sign_all(pdf, names)
    j = justering.ta_emot(ff, h, signed)
    backup = backups.make_backup(ff, backups.Kind.MANUAL)
    with ff.write("Radera underskrifterna") as db:
        db.execute("DELETE FROM justering WHERE id = ?", (j.id,))
    assert justering.underskriven(ff, h) is None
    backups.restore(ff, backup)
    kept = justering.underskriven(ff, h)
    assert kept is not None and justering.original(ff, kept.id) == signed
    assert kept.handling.dokument is JusteringDokument.ARSREDOVISNING


def test_a_file_from_before_signed_documents_keeps_its_justeringar(tmp_path):
    """Schema step 0021 makes the justering table anew: a protokoll justerat before it keeps
    its version, original and signers."""
    from sqlite_utils import Database

    from finsam_desktop.schema import migrations

    path = tmp_path / "Gammal.finsam"
    conn = sqlite3.connect(path)
    migrations.apply(Database(conn, execute_plugins=False), stop_before="0021_signerade_handlingar")
    frozen, signed = b"%PDF-1.7 justeringsversion 1", b"%PDF-1.7 justeringsversion 1, signerad"
    digest = "a" * 64
    with conn:
        conn.execute("INSERT INTO forbund (id, namn) VALUES (1, 'Gamla förbundet')")
        conn.execute("INSERT INTO mote (id, typ, datum) VALUES (7, 'styrelsemote', '2026-02-05')")
        conn.execute(
            "INSERT INTO justering (mote_id, version, skickad, sha256, pdf, status, satt, "
            "justerat, original, original_sha256, validering, anslag_upp, anslag_ned) VALUES "
            "(7, 1, '2026-02-06', ?, ?, 'justerad', 'digital', '2026-02-09', ?, ?, 'Godtagen.', "
            "'2026-02-09', '2026-03-02')",
            (digest, frozen, signed, digest),
        )
        conn.execute(
            "INSERT INTO justering_signerare VALUES "
            "(1, 1, 'Åsa Öberg', 'ordförande', '2026-02-09T10:00:00+01:00', 'CN=Åsa Öberg')"
        )
        conn.execute("UPDATE mote SET justerat = '2026-02-09' WHERE id = 7")
    conn.close()
    with storage.open_file(path, storage.OpenOptions(daily_backup=False)) as ff:
        assert ff.migration_backup is not None
        kept = justering.senaste(ff, 7)
        assert kept is not None and kept.handling == Handling(7)
        assert (kept.version, kept.status, kept.justerat) == (1, "justerad", dt.date(2026, 2, 9))
        assert [(s.namn, s.roll, s.certifikat) for s in kept.signerare] == [
            ("Åsa Öberg", "ordförande", "CN=Åsa Öberg")
        ]
        assert justering.original(ff, kept.id) == signed
        assert justering.frozen_pdf(ff, kept.id) == frozen
        assert (kept.anslag_upp, kept.anslag_ned) == (dt.date(2026, 2, 9), dt.date(2026, 3, 2))


def test_the_command_line_sends_and_takes_back_the_arsredovisning(demo_copy, ca, tmp_path):
    path = demo_copy()

    def finsam(*args):
        return subprocess.run(
            [sys.executable, "-m", "finsam_desktop.cli", *map(str, args)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    frozen = tmp_path / "ar.pdf"
    r = finsam("justering", path, "--arsredovisning", 2025, "--out", frozen)
    assert r.returncode == 0, r.stderr
    signers = [line.split("\t") for line in r.stdout.splitlines()]
    assert signers[0][1] == "ordförande" and len(signers) >= 3
    assert "Underskriftsversion 1 av årsredovisningen 2025" in r.stderr
    r = finsam("justering", path, "--arsredovisning", 2019, "--out", tmp_path / "x.pdf")
    assert r.returncode == 2 and "Årsredovisning 2019" in r.stderr
    assert "Traceback" not in r.stderr
    (tmp_path / "ca.pem").write_bytes(ca.pem)
    good = tmp_path / "signerad.pdf"
    good.write_bytes(ca.sign_all(frozen.read_bytes(), [n for n, _ in signers]))
    r = finsam(
        "justering", path, "--arsredovisning", 2025, "--signed", good,
        "--trust", tmp_path / "ca.pem",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "Underskrivet digitalt" in r.stdout
    r = finsam("justering", path, "--arsredovisning", 2025, "--anslag", tmp_path / "a.pdf")
    assert r.returncode == 2 and "Bara ett justerat protokoll har ett anslag" in r.stderr


def test_an_arsredovisning_that_does_not_reconcile_is_not_sent(demo):
    """What the styrelse signs is the final årsredovisning, never an utkast."""
    h = justering.arsredovisning(demo, 2025)
    with demo.write("Kassan skrivs fel") as db:
        db.execute(
            "UPDATE bokslut SET kassa_och_bank_ore = kassa_och_bank_ore + 100 WHERE ar = 2025"
        )
    with pytest.raises(Ogiltigt, match="Årsredovisningen 2025 stämmer inte av") as info:
        skicka(demo, h, DEMO_DAY)
    assert "\n– " in str(info.value)  # each error named
    assert justering.senaste(demo, h) is None


def test_a_document_out_for_signing_over_two_weeks_is_a_reminder(ar_2025):
    from finsam_desktop.check import run_checks

    ff, h, _pdf, _names = ar_2025

    def reminders(day):
        return [f for f in run_checks(ff, today=day) if f.code == "ute_for_underskrift"]

    assert reminders(DEMO_DAY + dt.timedelta(days=14)) == []
    (f,) = reminders(DEMO_DAY + dt.timedelta(days=15))
    assert (f.severity, f.table, f.key, f.year) == ("varning", "justering", h, 2025)
    assert f.message.startswith(
        f"Årsredovisningen 2025 har varit ute för underskrift sedan {DEMO_DAY.isoformat()} "
        "(15 dagar, underskriftsversion 1)"
    )
    justering.aterkalla(ff, h)
    assert reminders(DEMO_DAY + dt.timedelta(days=15)) == []
