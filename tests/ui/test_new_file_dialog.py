"""Ny förbundsfil: a bad organisationsnummer is refused with the Swedish reason, live."""

from __future__ import annotations

import pytest

from finsam_desktop.orgnr import OrgnrError, normalize_orgnr
from ui.dialogs.new_file import NewFileDialog


@pytest.fixture
def dialog(qtbot, app):
    d = NewFileDialog()
    qtbot.addWidget(d)
    d.show()
    return d


def swedish_reason(text: str) -> str:
    with pytest.raises(OrgnrError) as caught:
        normalize_orgnr(text)
    return str(caught.value)


def test_a_wrong_check_digit_is_refused_with_the_swedish_message_under_the_field(dialog, qtbot):
    dialog.name_edit.setText("Samordningsförbundet Test")  # keyClicks types ASCII only
    qtbot.keyClicks(dialog.orgnr_edit, "222000-2064")
    assert dialog.orgnr_error.isVisible()
    assert dialog.orgnr_error.text() == swedish_reason("222000-2064")
    assert dialog.orgnr_error.text().startswith("Kontrollsiffran i ”222000-2064” stämmer inte")
    assert not dialog.create_button.isEnabled()


def test_too_few_digits_say_how_many_there_should_be(dialog, qtbot):
    dialog.name_edit.setText("Förbundet")  # keyClicks types ASCII only
    qtbot.keyClicks(dialog.orgnr_edit, "22200")
    assert "tio siffror" in dialog.orgnr_error.text()
    assert not dialog.create_button.isEnabled()


def test_correcting_the_number_clears_the_error_and_gives_the_normal_form(dialog, qtbot):
    dialog.name_edit.setText("Samordningsförbundet Test")  # keyClicks types ASCII only
    qtbot.keyClicks(dialog.orgnr_edit, "2220002063")
    assert not dialog.orgnr_error.isVisible()
    assert dialog.create_button.isEnabled()
    assert dialog.organisationsnummer() == "222000-2063"
    assert dialog.namn() == "Samordningsförbundet Test"


def test_the_number_may_be_left_empty_but_the_name_may_not(dialog, qtbot):
    assert not dialog.create_button.isEnabled()
    assert dialog.create_button.toolTip() == "Ange förbundets namn."
    dialog.name_edit.setText("Förbundet")  # keyClicks types ASCII only
    assert dialog.create_button.isEnabled()
    assert dialog.organisationsnummer() == ""


def test_the_window_creates_and_opens_the_new_file_with_the_suffix_added(window, tmp_path):
    assert window.create_new_file(tmp_path / "Nytt", "Samordningsförbundet Nytt", "222000-2063")
    assert window.ff is not None
    assert window.ff.path == tmp_path / "Nytt.finsam"
    assert window.windowTitle() == "Samordningsförbundet Nytt – Nytt.finsam – Finsam Desktop"
    oversikt = window.pages_by_key["oversikt"]
    assert "222000-2063" in oversikt.subtitle.text()


def test_the_window_never_overwrites_an_existing_file(window, filled_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text))
    )
    before = filled_path.read_bytes()
    assert not window.create_new_file(filled_path, "Annat", "")
    assert warnings == ["Norrby.finsam finns redan; välj ett annat namn."]
    assert filled_path.read_bytes() == before
