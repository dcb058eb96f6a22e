"""Digital justering: the protokoll frozen for signing, the signed file taken back and checked
offline, the original kept. Signed with pyHanko by a CA made in the test (tests/signing.py)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pikepdf
import pytest
from fixed_days import DEMO_DAY
from signing import TestCA

from finsam_desktop import backups, justering, moten, storage
from finsam_desktop.arbetsbok import export_workbook, import_workbook
from finsam_desktop.arshjul import hjul
from finsam_desktop.forbund import Ogiltigt
from finsam_desktop.model import MoteTyp
from reports.justering import arkivera, build_anslag, skicka


@pytest.fixture(scope="module")
def ca() -> TestCA:
    return TestCA()


def _latest_held(ff) -> moten.Mote:
    held = [
        m
        for m in moten.moten(ff)
        if m.typ is MoteTyp.STYRELSEMOTE and m.datum <= DEMO_DAY and m.justerat is None
    ]
    return held[0]


@pytest.fixture
def out(demo, ca):
    """The demo with its latest held protokoll sent for justering and the CA trusted:
    (file, meeting, the frozen PDF, who must sign)."""
    m = _latest_held(demo)
    j, pdf = skicka(demo, m.id, DEMO_DAY)
    justering.lagg_till_utfardare(demo, ca.pem)
    return demo, m, pdf, [s.namn for s in j.signerare]


def _refused(ff, m, signed, **kw) -> str:
    with pytest.raises(justering.Avvisad) as info:
        justering.ta_emot(ff, m.id, signed, **kw)
    assert moten.mote(ff, m.id).justerat is None  # nothing stored
    assert justering.ute(ff, m.id) is not None
    return str(info.value)


def test_the_demo_has_a_finished_protokoll_to_send_and_it_freezes_with_its_signers(demo):
    m = _latest_held(demo)
    assert m.antal_arenden > 0 and moten.justerare(demo, m.id)
    j, pdf = skicka(demo, m.id, DEMO_DAY)
    assert j.version == 1 and j.ute and j.skickad == DEMO_DAY
    roles = [s.roll for s in j.signerare]
    assert roles[0] == "ordförande" and roles.count("justerare") == 2
    assert roles[-1] == "sekreterare"
    assert [s.namn for s in j.signerare if s.roll == "justerare"] == [
        n for _, n in moten.justerare(demo, m.id)
    ]
    import hashlib

    assert j.sha256 == hashlib.sha256(pdf).hexdigest()
    assert justering.frozen_pdf(demo, j.id) == pdf
    # the frozen copy is PDF/A and says which version is signed
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert "pdfaid" in str(doc.open_metadata())
    from pypdfium2 import PdfDocument

    text = " ".join(p.get_textpage().get_text_range() for p in PdfDocument(pdf))
    assert "Justeringsversion 1" in text


def test_a_protokoll_out_for_signing_is_locked_until_withdrawn(out):
    ff, m, _pdf, _names = out
    with pytest.raises(Ogiltigt, match=r"ute för justering .*Återkalla"):
        moten.andra_mote(ff, m.id, "plats", "Någon annanstans")
    a = moten.arenden(ff, m.id)[0]
    with pytest.raises(Ogiltigt, match="ute för justering"):
        moten.andra_arende(ff, a.id, "beslut", "Ett annat beslut")
    with pytest.raises(Ogiltigt, match="redan ute för underskrift"):
        skicka(ff, m.id, DEMO_DAY)
    justering.aterkalla(ff, m.id)
    moten.andra_mote(ff, m.id, "plats", "Någon annanstans")
    j, _ = skicka(ff, m.id, DEMO_DAY)
    assert j.version == 2


def test_a_valid_signature_by_everyone_expected_justerar_the_protokoll(out, ca):
    ff, m, pdf, names = out
    signed = ca.sign_all(pdf, names)
    j = justering.ta_emot(ff, m.id, signed, idag=DEMO_DAY)
    today = dt.datetime.now().astimezone().date()
    assert j.status == "justerad" and j.satt == "digital" and j.justerat == today
    assert moten.mote(ff, m.id).justerat == today
    assert justering.original(ff, j.id) == signed
    assert [s.namn for s in j.signerare] == names
    assert all(s.signerat is not None and s.namn in s.certifikat for s in j.signerare)
    assert "byte för byte" in j.validering
    assert j.validering.count("giltig, betrodd") == len(names)
    assert j.anslag_upp == today and j.anslag_ned == today + dt.timedelta(days=21)
    # justerat: locked the ordinary way; the meeting's state in words names the signers
    with pytest.raises(Ogiltigt, match="är justerat"):
        moten.andra_mote(ff, m.id, "plats", "Någon annanstans")
    assert names[0] in j.text and "digitalt" in j.text


def test_a_tampered_file_is_refused(out, ca):
    ff, m, pdf, names = out
    signed = bytearray(ca.sign_all(pdf, names))
    at = signed.index(b"Justeringsversion") if b"Justeringsversion" in signed else 2000
    signed[at + 1] ^= 0x01  # one bit inside what was signed
    message = _refused(ff, m, bytes(signed))
    assert "ändrats" in message


def test_content_added_after_the_signatures_is_refused(out, ca):
    ff, m, pdf, names = out
    signed = ca.sign_all(pdf, names)
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    page = w.root["/Pages"]["/Kids"][0].get_object()
    stream = generic.StreamObject(stream_data=b"BT /F1 12 Tf 100 100 Td (Ej beslutat) Tj ET")
    page["/Contents"] = w.add_object(stream)
    w.update_container(page)
    buf = io.BytesIO()
    w.write(buf)
    message = _refused(ff, m, buf.getvalue())
    assert "innehållet har ändrats efter underskriften" in message


def test_a_signature_by_someone_else_is_refused(out, ca):
    ff, m, pdf, names = out
    signed = ca.sign_all(pdf, [*names[:-1], "Okänd Person"])
    message = _refused(ff, m, signed)
    assert "Okänd Person ska inte justera protokollet" in message
    assert f"Har inte skrivit under: {names[-1]}." in message


def test_a_missing_signature_is_refused(out, ca):
    ff, m, pdf, names = out
    message = _refused(ff, m, ca.sign_all(pdf, names[:1]))
    assert "Har inte skrivit under: " + ", ".join(names[1:]) in message


def test_a_signature_over_another_version_is_refused(out, ca):
    ff, m, first, names = out
    justering.aterkalla(ff, m.id)
    moten.andra_mote(ff, m.id, "plats", "Kommunhuset, sal B")
    skicka(ff, m.id, DEMO_DAY)
    message = _refused(ff, m, ca.sign_all(first, names))
    assert "justeringsversion 1, men det är version 2 som är ute" in message


def test_an_unsigned_file_is_refused(out):
    ff, m, pdf, _ = out
    assert "ingen digital underskrift" in _refused(ff, m, pdf)
    assert "ingen PDF" in _refused(ff, m, b"Hej, det har jag skrivit under.")


def test_a_signature_from_an_untrusted_issuer_is_refused_unless_trusted_for_the_call(out):
    ff, m, pdf, names = out
    other = TestCA("En annan tjänsts CA")
    signed = other.sign_all(pdf, names)
    assert "inte utfärdat av någon betrodd utfärdare (En annan tjänsts CA" in _refused(
        ff, m, signed
    )
    j = justering.ta_emot(ff, m.id, signed, extra_betrodda=[other.pem])
    assert j.status == "justerad"


def test_a_file_the_service_made_anew_with_the_same_pages_is_accepted(out, ca):
    ff, m, pdf, names = out
    with pikepdf.open(io.BytesIO(pdf)) as doc:  # the service's own file, plus its receipt page
        doc.pages.append(doc.pages[0])
        buf = io.BytesIO()
        doc.save(buf)
    remade = buf.getvalue()
    assert not remade.startswith(pdf)
    j = justering.ta_emot(ff, m.id, ca.sign_all(remade, names))
    assert "samma text som justeringsversion 1" in j.validering


def test_the_signed_original_survives_backup_restore_and_the_arbetsbok(out, ca, tmp_path):
    ff, m, pdf, names = out
    signed = ca.sign_all(pdf, names)
    j = justering.ta_emot(ff, m.id, signed)
    trusted = [c.sha256 for _, c in justering.utfardare(ff)]
    backup = backups.make_backup(ff, backups.Kind.MANUAL)
    moten.oppna_for_rattelse(ff, m.id, "Fel datum i § 40", DEMO_DAY)
    assert moten.mote(ff, m.id).justerat is None
    backups.restore(ff, backup)
    assert moten.mote(ff, m.id).justerat == j.justerat
    kept = justering.senaste(ff, m.id)
    assert kept is not None and justering.original(ff, kept.id) == signed
    book = tmp_path / "arbetsbok.xlsx"
    export_workbook(ff, book)
    with storage.create_file(tmp_path / "Ny.finsam", namn="Tomt") as new:
        import_workbook(new, book)
        mote = next(x for x in moten.moten(new) if x.datum == m.datum and x.typ is m.typ)
        assert mote.justerat == j.justerat
        kept = justering.senaste(new, mote.id)
        assert kept is not None and (kept.version, kept.status) == (j.version, "justerad")
        assert justering.original(new, kept.id) == signed
        assert justering.frozen_pdf(new, kept.id) == pdf
        assert kept.signerare == j.signerare and kept.validering == j.validering
        assert [c.sha256 for _, c in justering.utfardare(new)] == trusted


def test_a_protokoll_signed_on_paper_keeps_the_scan(out):
    ff, m, pdf, names = out
    scan = pdf  # the printed and scanned copy: a PDF
    with pytest.raises(Ogiltigt, match="före mötet"):
        justering.bifoga_papper(ff, m.id, scan, m.datum - dt.timedelta(days=1), names, DEMO_DAY)
    with pytest.raises(Ogiltigt, match="vilka som har skrivit under"):
        justering.bifoga_papper(ff, m.id, scan, DEMO_DAY, ["  "], DEMO_DAY)
    with pytest.raises(Ogiltigt, match="PDF"):
        justering.bifoga_papper(ff, m.id, b"\x89PNG...", DEMO_DAY, names, DEMO_DAY)
    j = justering.bifoga_papper(ff, m.id, scan, DEMO_DAY, names[:3], DEMO_DAY)
    assert j.satt == "papper" and j.justerat == DEMO_DAY and j.version == 1
    assert [s.roll for s in j.signerare] == ["ordförande", "justerare", "justerare"]
    assert moten.mote(ff, m.id).justerat == DEMO_DAY
    assert justering.original(ff, j.id) == scan


def test_the_anslag_is_up_three_weeks_and_on_the_wheel(out, ca, tmp_path):
    ff, m, pdf, names = out
    justering.ta_emot(ff, m.id, ca.sign_all(pdf, names))
    j = justering.senaste(ff, m.id)
    upp = j.justerat + dt.timedelta(days=1)
    justering.satt_anslag(ff, m.id, upp)
    with pytest.raises(Ogiltigt, match="före justeringen"):
        justering.satt_anslag(ff, m.id, j.justerat - dt.timedelta(days=1))
    a = justering.anslag(ff, m.id, "Förbundet")
    assert (a.upp, a.ned) == (upp, upp + dt.timedelta(days=21))
    entries = [h for h in hjul.entries(ff, upp.year) if h.nyckel == f"anslag:{m.id}"]
    assert [(h.datum, h.slut) for h in entries] == [(a.upp, a.ned)]
    from pypdfium2 import PdfDocument

    text = " ".join(p.get_textpage().get_text_range() for p in PdfDocument(build_anslag(ff, m.id)))
    assert "Datum då anslaget tas ned" in text and a.ned.isoformat() in text
    (tmp_path / "arkiv").mkdir()
    written = arkivera(ff, m.id, tmp_path / "arkiv")
    assert written[0].read_bytes() == justering.original(ff, j.id)
    report = written[1].read_text(encoding="utf-8")
    assert j.sha256 in report and all(n in report for n in names)


def test_the_command_line_freezes_and_takes_the_signed_file_back(demo_copy, ca, tmp_path):
    path = demo_copy()
    with storage.open_file(path, storage.OpenOptions(daily_backup=False)) as ff:
        m = _latest_held(ff)

    def finsam(*args):
        return subprocess.run(
            [sys.executable, "-m", "finsam_desktop.cli", *map(str, args)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    frozen = tmp_path / "justering.pdf"
    r = finsam("justering", path, "--meeting", m.id, "--out", frozen)
    assert r.returncode == 0, r.stderr
    signers = [line.split("\t") for line in r.stdout.splitlines()]
    assert signers[0][1] == "ordförande"
    names = [n for n, _ in signers]
    listed = finsam("list", path, "moten", "--year", m.datum.year).stdout.splitlines()
    assert any(line.split()[0] == str(m.id) and line.endswith("ute för justering (version 1)")
               for line in listed)  # fmt: skip
    (tmp_path / "ca.pem").write_bytes(ca.pem)
    bad = tmp_path / "fel.pdf"
    bad.write_bytes(ca.sign_all(frozen.read_bytes(), names[:-1]))
    r = finsam(
        "justering", path, "--meeting", m.id, "--signed", bad, "--trust", tmp_path / "ca.pem"
    )
    assert r.returncode == 2 and f"Har inte skrivit under: {names[-1]}." in r.stderr
    assert "Traceback" not in r.stderr
    good = tmp_path / "signerad.pdf"
    good.write_bytes(ca.sign_all(frozen.read_bytes(), names))
    r = finsam("justering", path, "--meeting", m.id, "--signed", good)
    assert r.returncode == 2 and "inte utfärdat av någon betrodd utfärdare" in r.stderr
    r = finsam(
        "justering", path, "--meeting", m.id, "--signed", good, "--trust", tmp_path / "ca.pem"
    )
    assert r.returncode == 0, r.stderr
    r = finsam("list", path, "moten", "--year", m.datum.year)
    today = dt.date.today().isoformat()
    assert any(line.split()[0] == str(m.id) and f"justerat {today}" in line
               for line in r.stdout.splitlines())  # fmt: skip


def test_a_damaged_signed_file_is_refused_with_a_reason_never_a_traceback(out, ca):
    """Bytes changed anywhere, or the file cut short: refused, said in Swedish, nothing kept."""
    import random

    ff, m, pdf, names = out
    signed = ca.sign_all(pdf, names)
    rng = random.Random(19)
    damaged = [signed[: rng.randrange(len(pdf) // 2, len(signed))] for _ in range(4)]
    for _ in range(12):
        data = bytearray(signed)
        at = rng.randrange(len(data))
        data[at] = (data[at] + rng.randrange(1, 256)) % 256
        damaged.append(bytes(data))
    for data in damaged:
        message = _refused(ff, m, data)
        assert message.startswith("Den signerade filen godtas inte"), message


def test_each_step_is_one_action_that_undo_takes_back_and_redo_gives_again(open_demo, ca):
    ff = open_demo(undo=True)
    m = _latest_held(ff)
    justering.lagg_till_utfardare(ff, ca.pem)
    _j, pdf = skicka(ff, m.id, DEMO_DAY)
    signed = ca.sign_all(pdf, [s.namn for s in justering.ute(ff, m.id).signerare])
    j = justering.ta_emot(ff, m.id, signed)

    def state():
        latest = justering.senaste(ff, m.id)
        kept = justering.original(ff, latest.id) if latest else None
        return (moten.mote(ff, m.id).justerat, latest and latest.status, kept)

    done = state()
    assert done == (j.justerat, "justerad", signed)
    assert ff.undo_label.startswith("Ta emot det justerade protokollet")
    ff.undo()
    assert state() == (None, "ute", None)
    ff.undo()
    assert state() == (None, None, None)
    ff.redo()
    ff.redo()
    assert state() == done
    path = ff.path
    ff.close()
    with storage.open_file(path, storage.OpenOptions(daily_backup=False)) as again:
        kept = justering.senaste(again, m.id)
        assert (moten.mote(again, m.id).justerat, kept.status) == (j.justerat, "justerad")
        assert justering.original(again, kept.id) == signed
