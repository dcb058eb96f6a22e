"""Fixtures for the app's tests: a private data folder, a configured app, a filled file.

Every test gets its own FINSAM_DATA_DIR (so the app's settings, log and demo never touch the
user's real folders) and a fixed "today", so what the pages show does not depend on the date.
"""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest
from fixed_days import APP_DAY

from finsam_desktop import storage

#: Qt's offscreen platform cannot pass a window's size limits on, nor raise a window, and says
#: so whenever a shown dialog's layout changes them or a window is brought up. Harmless there,
#: impossible on a real display.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise)\(\)"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def today() -> dt.date:
    """The fixed "today" of every page in these tests."""
    return APP_DAY


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("FINSAM_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _collector_unfrozen():
    """A window freezes what start-up made (out of the garbage collector's walks) once it is
    idle; in one test process of many windows, each test's objects go back to the collector
    after it, as they would when a real program exits."""
    yield
    gc.unfreeze()


@pytest.fixture(scope="session")
def app(qapp):
    from ui.app import configure_application

    configure_application(qapp)
    return qapp


@pytest.fixture
def settings(app, data_dir):
    from ui.paths import app_settings

    return app_settings()


def rows(columns: str, *values: tuple) -> list[dict]:
    """Rows for ``insert_all`` from a column list and tuples of values."""
    names = columns.split()
    return [dict(zip(names, v, strict=True)) for v in values]


def fill(ff: storage.ForbundFile) -> None:
    """A small förbund: four members, a board, insatser with money, meetings, a budget."""
    with ff.write("Testdata") as db:
        db["medlem"].insert_all(rows(
            "id namn typ andel ordning",
            (1, "Försäkringskassan", "forsakringskassan", "50", 1),
            (2, "Region Norr", "region", "25", 2),
            (3, "Norrby kommun", "kommun", "12.5", 3),
            (4, "Söderby kommun", "kommun", "12.5", 4),
        ))  # fmt: skip
        people = ["Anna Ek", "Bo Lind", "Cecilia Ås", "David Öberg", "Eva Berg", "Filip Holm"]
        db["person"].insert_all(rows("id namn", *enumerate(people, start=1)))
        db["uppdrag"].insert_all(rows(
            "person_id medlem_id roll funktion fran till",
            (1, 2, "ledamot", "ordforande", "2023-04-01", None),
            (2, 3, "ledamot", "vice_ordforande", "2023-04-01", None),
            (3, 1, "ledamot", None, "2023-04-01", None),
            (4, 2, "ersattare", None, "2023-04-01", None),
            (5, 3, "ersattare", None, "2023-04-01", "2024-06-30"),
            (6, 3, "ersattare", None, "2024-07-01", None),
        ))  # fmt: skip
        db["revisor"].insert({"id": 1, "namn": "Gunnar Revisor", "fran": "2023-01-01"})
        db["revisor_medlem"].insert_all(rows("revisor_id medlem_id", (1, 2), (1, 3)))
        db["insats"].insert_all(rows(
            "id namn typ agare_id status start slut",
            (1, "Steget vidare", "individinriktad", 3, "pagaende", "2024-01-01", None),
            (2, "Öppna dörrar", "individinriktad", 2, "pagaende", "2025-01-01", "2025-12-31"),
            (3, "Zenit kompetens", "strukturovergripande", 4, "avslutad", "2023-01-01",
             "2024-12-31"),
            (4, "Ansökan om samverkan", "strukturovergripande", 3, "ansokan", None, None),
        ))  # fmt: skip
        db["insats_part"].insert_all(rows("insats_id medlem_id", (1, 1), (2, 1), (3, 1)))
        db["insats_ar"].insert_all(rows(
            "insats_id ar beviljat_ore forbrukat_ore",
            (1, 2025, 1_000_000_00, 650_000_00),
            (2, 2025, 900_000_00, 300_000_00),
            (1, 2024, 800_000_00, 790_000_00),
            (3, 2024, 200_000_00, 200_000_00),
        ))  # fmt: skip
        db["mote"].insert_all(rows(
            "id typ datum starttid sluttid plats justerat",
            (1, "styrelsemote", "2025-02-14", "09:00", "12:00", "Kommunhuset", "2025-02-20"),
            (2, "styrelsemote", "2025-09-12", "09:00", "12:00", "Regionens hus", None),
            (3, "beredning", "2025-11-07", "13:00", "15:00", "Kansliet", None),
            (4, "styrelsemote", "2025-11-14", "09:00", "12:00", "Söderby rådhus", None),
            (5, "styrelsemote", "2024-11-22", "09:00", "12:00", "Kommunhuset", "2024-11-29"),
        ))  # fmt: skip
        db["arende"].insert_all(rows(
            "mote_id ordning paragraf rubrik",
            (1, 1, 1, "Mötets öppnande"),
            (1, 2, 2, "Val av justerare"),
            (2, 1, 10, "Delårsrapport"),
        ))  # fmt: skip
        db["budget_version"].insert({
            "id": 1, "ar": 2025, "namn": "Verksamhetsplan 2025", "status": "beslutad",
            "beslut_datum": "2024-11-22", "beslut_paragraf": "§ 40",
        })  # fmt: skip
        db["budget_rad"].insert_all(rows(
            "id version_id grupp ordning text medlem_id",
            (1, 1, "intakter", 1, "Försäkringskassan", 1),
            (2, 1, "intakter", 2, "Region Norr", 2),
            (3, 1, "administration", 1, "Förbundschef", None),
            (4, 1, "insatser", 1, "Steget vidare", None),
            (5, 1, "insatser", 2, "Öppna dörrar", None),
        ))  # fmt: skip
        db["budget_belopp"].insert_all(rows(
            "rad_id ar belopp_ore",
            (1, 2025, 2_000_000_00), (1, 2026, 2_000_000_00),
            (2, 2025, 1_000_000_00), (2, 2026, 1_000_000_00),
            (3, 2025, -700_000_00),
            (4, 2025, -1_000_000_00),
            (5, 2025, -900_000_00),
        ))  # fmt: skip
        db["bokslut"].insert({
            "ar": 2024, "eget_kapital_ore": 900_000_00, "driftbidrag_ore": 3_000_000_00,
            "kassa_och_bank_ore": 1_200_000_00,
        })  # fmt: skip
        db["arshjul_post"].insert_all(rows(
            "ring rubrik datum slut upprepning",
            ("konferenser", "Psykiatriveckan", "2024-11-04", "2024-11-07", "arligen"),
            ("ekonomi", "Årsredovisning till medlemmarna", "2025-04-30", None, "arligen"),
            ("egna", "Planeringsdag", "2025-08-28", None, "ingen"),
        ))  # fmt: skip


@pytest.fixture
def filled_path(tmp_path: Path) -> Path:
    """A closed förbund file with a little of everything in it."""
    path = tmp_path / "Norrby.finsam"
    with storage.create_file(
        path, namn="Samordningsförbundet Norrby", organisationsnummer="222000-2063"
    ) as ff:
        fill(ff)
    return path


@pytest.fixture
def opened(window, filled_path):
    """The main window showing ``filled_path``, open for writing (the day's backup made)."""
    assert window.open_path(filled_path)
    window.show()
    return window


@pytest.fixture
def window(qtbot, settings):
    """The main window with no file open yet; closed (and its file with it) after the test."""
    from ui.main_window import MainWindow

    w = MainWindow(settings, today=lambda: APP_DAY)
    qtbot.addWidget(w)
    yield w
    w.close()
