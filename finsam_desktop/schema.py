"""The förbund file's schema, as named migration steps (``sqlite_utils.Migrations``).

Every step is plain SQL frozen at the time it was written: a step never changes once released,
a new need is a new step appended at the end. Storage backs the file up with SQLite's backup
API before it applies a pending step, and refuses a file that has steps this program does not
know (written by a newer version).

Conventions: STRICT tables; dates are ISO text checked with ``date()``; money is INTEGER öre in
columns ending ``_ore`` (intäkter positive, kostnader negative); enumerations are CHECKed
text codes whose Swedish labels live in :mod:`finsam_desktop.model`. Lists sort names with
``ORDER BY namn COLLATE SWEDISH`` (registered by storage on each connection); the schema
itself names no custom collation, so any SQLite tool can still open and check the file. There is deliberately no table or column for data
about individual participants: follow-up is aggregated counts only.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

#: ``PRAGMA application_id`` of a förbund file: "FINS" in ASCII. Tells our files from others.
APPLICATION_ID = 0x46494E53

migrations = Migrations("finsam")


def _run(db: Database, script: str) -> None:
    """Run a script statement by statement inside the step's transaction.

    ``executescript`` would COMMIT first and break the step's all-or-nothing guarantee.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            if statement.strip().strip(";").strip():
                db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"Incomplete SQL statement in migration: {statement!r}")


def _date(col: str, *, null: bool = True) -> str:
    check = f"date({col}) IS {col}"
    return f"{col} TEXT{'' if null else ' NOT NULL'} CHECK ({col} IS NULL OR {check})"


def _bool(col: str, default: int = 0) -> str:
    return f"{col} INTEGER NOT NULL DEFAULT {default} CHECK ({col} IN (0, 1))"


@migrations(name="0001_forbund_medlemmar_styrelse")
def _m0001(db: Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _run(
        db,
        f"""
    CREATE TABLE forbund (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        namn TEXT NOT NULL CHECK (length(trim(namn)) > 0),
        organisationsnummer TEXT NOT NULL DEFAULT '',
        {_date("bildat")},
        forsta_budgetar INTEGER
    ) STRICT;

    -- Settings declared in finsam_desktop.settings (type, default, label); values as text.
    CREATE TABLE installning (
        nyckel TEXT PRIMARY KEY,
        varde TEXT NOT NULL
    ) STRICT;

    -- Members: Försäkringskassan and Arbetsförmedlingen (the state), region(s), kommun(er).
    -- andel: the member's share of the total contribution in percent, exact decimal text
    -- ("50", "25", "15.625"). The state's half is paid through Försäkringskassan.
    CREATE TABLE medlem (
        id INTEGER PRIMARY KEY,
        namn TEXT NOT NULL UNIQUE CHECK (length(trim(namn)) > 0),
        typ TEXT NOT NULL CHECK (typ IN ('forsakringskassan', 'arbetsformedlingen', 'region', 'kommun')),
        andel TEXT NOT NULL DEFAULT '0' CHECK (CAST(andel AS REAL) >= 0 AND CAST(andel AS REAL) <= 100),
        ordning INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    -- Board members and other people of the förbund (never participants).
    CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        namn TEXT NOT NULL UNIQUE CHECK (length(trim(namn)) > 0),
        epost TEXT NOT NULL DEFAULT '',
        telefon TEXT NOT NULL DEFAULT '',
        anteckning TEXT NOT NULL DEFAULT ''
    ) STRICT;

    -- A styrelseuppdrag: a seat held by a person, appointed by a member, for a period.
    CREATE TABLE uppdrag (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        medlem_id INTEGER NOT NULL REFERENCES medlem(id) ON DELETE RESTRICT,
        roll TEXT NOT NULL CHECK (roll IN ('ledamot', 'ersattare')),
        funktion TEXT CHECK (funktion IS NULL OR funktion IN ('ordforande', 'vice_ordforande')),
        {_date("fran", null=False)},
        {_date("till")},
        anteckning TEXT NOT NULL DEFAULT '',
        CHECK (till IS NULL OR till >= fran)
    ) STRICT;
    CREATE INDEX uppdrag_medlem ON uppdrag(medlem_id, roll, fran);
    CREATE INDEX uppdrag_person ON uppdrag(person_id);

    CREATE TABLE revisor (
        id INTEGER PRIMARY KEY,
        namn TEXT NOT NULL CHECK (length(trim(namn)) > 0),
        {_date("fran")},
        {_date("till")},
        anteckning TEXT NOT NULL DEFAULT ''
    ) STRICT;
    -- A revisor is appointed by one member, or shared by several (kommun and region).
    CREATE TABLE revisor_medlem (
        revisor_id INTEGER NOT NULL REFERENCES revisor(id) ON DELETE CASCADE,
        medlem_id INTEGER NOT NULL REFERENCES medlem(id) ON DELETE RESTRICT,
        PRIMARY KEY (revisor_id, medlem_id)
    ) STRICT;

    -- The kommun's kontoplan (Kommun-BAS), data the user imports or edits.
    CREATE TABLE konto (
        nummer TEXT PRIMARY KEY CHECK (length(trim(nummer)) > 0),
        benamning TEXT NOT NULL DEFAULT ''
    ) STRICT;
    """,
    )


@migrations(name="0002_insatser_och_moten")
def _m0002(db: Database) -> None:
    _run(
        db,
        f"""
    CREATE TABLE insats (
        id INTEGER PRIMARY KEY,
        namn TEXT NOT NULL UNIQUE CHECK (length(trim(namn)) > 0),
        typ TEXT NOT NULL CHECK (typ IN ('individinriktad', 'strukturovergripande')),
        agare_id INTEGER REFERENCES medlem(id) ON DELETE RESTRICT,
        status TEXT NOT NULL DEFAULT 'ansokan' CHECK (status IN ('ansokan', 'beredning',
            'beviljad', 'avslag', 'aterremitterad', 'atertagen', 'avtal', 'pagaende', 'avslutad')),
        {_date("ansokan_datum")},
        ansokt_ore INTEGER CHECK (ansokt_ore IS NULL OR ansokt_ore >= 0),
        {_date("beslut_datum")},
        beslut_paragraf TEXT NOT NULL DEFAULT '',
        {_date("start")},
        {_date("slut")},
        syfte TEXT NOT NULL DEFAULT '',
        malgrupp TEXT NOT NULL DEFAULT '',
        beskrivning TEXT NOT NULL DEFAULT '',
        CHECK (slut IS NULL OR start IS NULL OR slut >= start)
    ) STRICT;

    -- Medparter: the member parties beside the owner.
    CREATE TABLE insats_part (
        insats_id INTEGER NOT NULL REFERENCES insats(id) ON DELETE CASCADE,
        medlem_id INTEGER NOT NULL REFERENCES medlem(id) ON DELETE RESTRICT,
        PRIMARY KEY (insats_id, medlem_id)
    ) STRICT;

    -- Money per insats and year: beviljat, förbrukat (costs, stored positive here as the
    -- insats reports them), planerat for plan years, moved to next year.
    -- Ej förbrukat is derived (beviljat - förbrukat), never stored.
    CREATE TABLE insats_ar (
        insats_id INTEGER NOT NULL REFERENCES insats(id) ON DELETE CASCADE,
        ar INTEGER NOT NULL CHECK (ar BETWEEN 2004 AND 2200),
        beviljat_ore INTEGER,
        forbrukat_ore INTEGER,
        planerat_ore INTEGER,
        flyttat_ore INTEGER,
        PRIMARY KEY (insats_id, ar)
    ) STRICT;

    CREATE TABLE mal (
        id INTEGER PRIMARY KEY,
        insats_id INTEGER NOT NULL REFERENCES insats(id) ON DELETE CASCADE,
        ordning INTEGER NOT NULL DEFAULT 0,
        mal TEXT NOT NULL CHECK (length(trim(mal)) > 0),
        indikator TEXT NOT NULL DEFAULT '',
        metod TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX mal_insats ON mal(insats_id, ordning);

    CREATE TABLE mal_bedomning (
        mal_id INTEGER NOT NULL REFERENCES mal(id) ON DELETE CASCADE,
        ar INTEGER NOT NULL CHECK (ar BETWEEN 2004 AND 2200),
        bedomning TEXT NOT NULL CHECK (bedomning IN ('uppnatt', 'delvis', 'ej_uppnatt')),
        motivering TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (mal_id, ar)
    ) STRICT;

    -- Aggregated follow-up per insats and year. Counts only, never who.
    CREATE TABLE uppfoljning (
        insats_id INTEGER NOT NULL REFERENCES insats(id) ON DELETE CASCADE,
        ar INTEGER NOT NULL CHECK (ar BETWEEN 2004 AND 2200),
        nya_kvinnor INTEGER CHECK (nya_kvinnor >= 0),
        nya_man INTEGER CHECK (nya_man >= 0),
        avslutade INTEGER CHECK (avslutade >= 0),
        aktiva INTEGER CHECK (aktiva >= 0),
        PRIMARY KEY (insats_id, ar)
    ) STRICT;

    CREATE TABLE mote (
        id INTEGER PRIMARY KEY,
        typ TEXT NOT NULL CHECK (typ IN ('styrelsemote', 'extra_styrelsemote', 'beredning',
            'medlemssamrad', 'ovrigt')),
        {_date("datum", null=False)},
        starttid TEXT NOT NULL DEFAULT '' CHECK (starttid = '' OR time(starttid) IS starttid || ':00'),
        sluttid TEXT NOT NULL DEFAULT '' CHECK (sluttid = '' OR time(sluttid) IS sluttid || ':00'),
        plats TEXT NOT NULL DEFAULT '',
        {_date("justerat")},
        anteckning TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX mote_datum ON mote(datum);

    -- Ärenden on the agenda; paragraf (§) numbers run through the year.
    CREATE TABLE arende (
        id INTEGER PRIMARY KEY,
        mote_id INTEGER NOT NULL REFERENCES mote(id) ON DELETE CASCADE,
        ordning INTEGER NOT NULL DEFAULT 0,
        paragraf INTEGER CHECK (paragraf IS NULL OR paragraf > 0),
        rubrik TEXT NOT NULL CHECK (length(trim(rubrik)) > 0),
        underlag TEXT NOT NULL DEFAULT '',
        beslut TEXT NOT NULL DEFAULT '',
        insats_id INTEGER REFERENCES insats(id) ON DELETE SET NULL,
        ansvarig TEXT NOT NULL DEFAULT '',
        {_date("senast")},
        beslut_status TEXT CHECK (beslut_status IS NULL OR beslut_status IN ('oppen', 'pagar', 'klar'))
    ) STRICT;
    CREATE INDEX arende_mote ON arende(mote_id, ordning);

    -- Attendance per seat (uppdrag). An ersättare votes only when tjänstgörande.
    CREATE TABLE narvaro (
        mote_id INTEGER NOT NULL REFERENCES mote(id) ON DELETE CASCADE,
        uppdrag_id INTEGER NOT NULL REFERENCES uppdrag(id) ON DELETE RESTRICT,
        {_bool("narvarande", 1)},
        {_bool("tjanstgorande")},
        PRIMARY KEY (mote_id, uppdrag_id)
    ) STRICT;

    CREATE TABLE justerare (
        mote_id INTEGER NOT NULL REFERENCES mote(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        PRIMARY KEY (mote_id, person_id)
    ) STRICT;
    """,
    )


@migrations(name="0003_ekonomi_och_arshjul")
def _m0003(db: Database) -> None:
    _run(
        db,
        f"""
    -- A budget version: the verksamhetsplan budget for year ar, plan years ar+1 and ar+2.
    -- A decided version (status 'beslutad') is locked; a change is a new version.
    CREATE TABLE budget_version (
        id INTEGER PRIMARY KEY,
        ar INTEGER NOT NULL CHECK (ar BETWEEN 2004 AND 2200),
        namn TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'forslag' CHECK (status IN ('forslag', 'beslutad')),
        {_date("beslut_datum")},
        beslut_paragraf TEXT NOT NULL DEFAULT '',
        -- Declared use of eget kapital (synnerliga skäl): a deficit is allowed when this
        -- motivation is given.
        eget_kapital_motivering TEXT NOT NULL DEFAULT '',
        CHECK (status = 'forslag' OR beslut_datum IS NOT NULL)
    ) STRICT;

    CREATE TABLE budget_rad (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES budget_version(id) ON DELETE CASCADE,
        grupp TEXT NOT NULL CHECK (grupp IN ('intakter', 'administration', 'styrelse',
            'insatser', 'avskrivningar', 'finansiella')),
        ordning INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        insats_id INTEGER REFERENCES insats(id) ON DELETE SET NULL,
        medlem_id INTEGER REFERENCES medlem(id) ON DELETE SET NULL,
        konto TEXT REFERENCES konto(nummer) ON DELETE SET NULL ON UPDATE CASCADE
    ) STRICT;
    CREATE INDEX budget_rad_version ON budget_rad(version_id, grupp, ordning);

    CREATE TABLE budget_belopp (
        rad_id INTEGER NOT NULL REFERENCES budget_rad(id) ON DELETE CASCADE,
        ar INTEGER NOT NULL CHECK (ar BETWEEN 2004 AND 2200),
        belopp_ore INTEGER NOT NULL,
        anteckning TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (rad_id, ar)
    ) STRICT;

    -- Utfall (outcome) per year and row, as the ekonomienhet reports it. manad NULL is the
    -- whole year; 1-12 a month, so a delårsrapport can use January to August.
    CREATE TABLE utfall (
        id INTEGER PRIMARY KEY,
        ar INTEGER NOT NULL CHECK (ar BETWEEN 2004 AND 2200),
        manad INTEGER CHECK (manad IS NULL OR manad BETWEEN 1 AND 12),
        grupp TEXT NOT NULL CHECK (grupp IN ('intakter', 'administration', 'styrelse',
            'insatser', 'avskrivningar', 'finansiella')),
        ordning INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        insats_id INTEGER REFERENCES insats(id) ON DELETE SET NULL,
        konto TEXT REFERENCES konto(nummer) ON DELETE SET NULL ON UPDATE CASCADE,
        belopp_ore INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX utfall_ar ON utfall(ar, manad, grupp, ordning);

    -- Balance-sheet figures per year end (kr in öre, all positive as in a balansräkning).
    -- eget_kapital_ib is only needed for the first year kept; later years take the
    -- previous year's eget_kapital.
    CREATE TABLE bokslut (
        ar INTEGER PRIMARY KEY CHECK (ar BETWEEN 2004 AND 2200),
        anlaggningstillgangar_ore INTEGER NOT NULL DEFAULT 0,
        kortfristiga_fordringar_ore INTEGER NOT NULL DEFAULT 0,
        kassa_och_bank_ore INTEGER NOT NULL DEFAULT 0,
        eget_kapital_ib_ore INTEGER,
        eget_kapital_ore INTEGER NOT NULL DEFAULT 0,
        avsattningar_ore INTEGER NOT NULL DEFAULT 0,
        langfristiga_skulder_ore INTEGER NOT NULL DEFAULT 0,
        kortfristiga_skulder_ore INTEGER NOT NULL DEFAULT 0,
        driftbidrag_ore INTEGER
    ) STRICT;

    -- Årshjul: the förbund's own entries; generated ones (meetings, deadlines) are derived.
    CREATE TABLE arshjul_post (
        id INTEGER PRIMARY KEY,
        ring TEXT NOT NULL CHECK (ring IN ('styrelse', 'ekonomi', 'insatser', 'konferenser',
            'egna')),
        rubrik TEXT NOT NULL CHECK (length(trim(rubrik)) > 0),
        {_date("datum", null=False)},
        {_date("slut")},
        upprepning TEXT NOT NULL DEFAULT 'ingen' CHECK (upprepning IN ('ingen', 'arligen')),
        beskrivning TEXT NOT NULL DEFAULT '',
        CHECK (slut IS NULL OR slut >= datum)
    ) STRICT;

    CREATE TABLE arshjul_klar (
        post_id INTEGER NOT NULL REFERENCES arshjul_post(id) ON DELETE CASCADE,
        ar INTEGER NOT NULL CHECK (ar BETWEEN 2004 AND 2200),
        PRIMARY KEY (post_id, ar)
    ) STRICT;
    """,
    )


def tables_parents_first(conn: sqlite3.Connection) -> list[str]:
    """The förbund's tables (not the migrations record), each after the tables it refers to.

    Insert in this order and delete in the reverse, with foreign keys on. Derived from the
    file's own foreign keys, so a table a later step adds takes its place by itself.
    """
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != ? ORDER BY rowid",
            (Migrations.migrations_table,),
        )
    ]
    parents = {
        name: {r[2] for r in conn.execute(f'PRAGMA foreign_key_list("{name}")') if r[2] != name}
        for name in names
    }
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and parents[n] <= set(ordered)]
        if not ready:  # pragma: no cover - a cycle of foreign keys; the schema has none
            raise ValueError(f"Cyclic foreign keys among {sorted(set(names) - set(ordered))}")
        ordered.extend(ready)
    return ordered


@migrations(name="0004_arshjul_regler")
def _m0004(db: Database) -> None:
    _run(
        db,
        f"""
    -- Årshjul rules: the förbund's recurring dates as data it can change. typ says how a year's
    -- date is found: 'datum' (manad/dag every year; day 31 in a shorter month is its last day,
    -- 29 February the 28th in other years), 'veckodag' (the nummer:th veckodag, 1 = Monday, of
    -- manad; nummer -1 is the last), 'vecka' (veckodag of ISO week vecka; none in a year without
    -- that week), 'manad' (the whole month). The entry lasts dagar days. intervall > 1: only the
    -- years bas_ar + k * intervall. villkor names a boolean setting that must be on.
    -- senast 1: a deadline ("senast"). nyckel is the rule's lasting identity (calendar UIDs).
    CREATE TABLE arshjul_regel (
        id INTEGER PRIMARY KEY,
        nyckel TEXT NOT NULL UNIQUE CHECK (length(trim(nyckel)) > 0),
        ring TEXT NOT NULL CHECK (ring IN ('styrelse', 'ekonomi', 'insatser', 'konferenser',
            'egna')),
        rubrik TEXT NOT NULL UNIQUE CHECK (length(trim(rubrik)) > 0),
        typ TEXT NOT NULL CHECK (typ IN ('datum', 'veckodag', 'vecka', 'manad')),
        manad INTEGER CHECK (manad IS NULL OR manad BETWEEN 1 AND 12),
        dag INTEGER CHECK (dag IS NULL OR dag BETWEEN 1 AND 31),
        nummer INTEGER CHECK (nummer IS NULL OR nummer IN (-1, 1, 2, 3, 4, 5)),
        veckodag INTEGER CHECK (veckodag IS NULL OR veckodag BETWEEN 1 AND 7),
        vecka INTEGER CHECK (vecka IS NULL OR vecka BETWEEN 1 AND 53),
        dagar INTEGER NOT NULL DEFAULT 1 CHECK (dagar BETWEEN 1 AND 366),
        intervall INTEGER NOT NULL DEFAULT 1 CHECK (intervall BETWEEN 1 AND 20),
        bas_ar INTEGER CHECK (bas_ar IS NULL OR bas_ar BETWEEN 1900 AND 2200),
        villkor TEXT NOT NULL DEFAULT '' CHECK (villkor IN ('', 'delarsrapport')),
        {_bool("senast")},
        {_bool("aktiv", 1)},
        beskrivning TEXT NOT NULL DEFAULT '',
        CHECK (typ != 'datum' OR (manad IS NOT NULL AND dag IS NOT NULL)),
        CHECK (typ != 'veckodag' OR (manad IS NOT NULL AND nummer IS NOT NULL
            AND veckodag IS NOT NULL)),
        CHECK (typ != 'vecka' OR (vecka IS NOT NULL AND veckodag IS NOT NULL)),
        CHECK (typ != 'manad' OR manad IS NOT NULL),
        CHECK (intervall = 1 OR bas_ar IS NOT NULL)
    ) STRICT;

    -- A rule's entry in one year: ticked off ("klar"), or moved to other dates that year.
    CREATE TABLE arshjul_regel_ar (
        regel_id INTEGER NOT NULL REFERENCES arshjul_regel(id) ON DELETE CASCADE,
        ar INTEGER NOT NULL CHECK (ar BETWEEN 2004 AND 2200),
        {_bool("klar")},
        {_date("datum")},
        {_date("slut")},
        CHECK (slut IS NULL OR (datum IS NOT NULL AND slut >= datum)),
        PRIMARY KEY (regel_id, ar)
    ) STRICT;

    -- How the wheel is shown for this förbund: startmanad, the month the wheel's year starts.
    CREATE TABLE arshjul_installning (
        nyckel TEXT PRIMARY KEY CHECK (nyckel IN ('startmanad')),
        varde TEXT NOT NULL
    ) STRICT;

    -- The usual year of a samordningsförbund, for the förbund to change.
    INSERT INTO arshjul_regel (id, nyckel, ring, rubrik, typ, manad, dag, nummer, veckodag,
        vecka, dagar, intervall, bas_ar, villkor, senast, beskrivning) VALUES
    (1, 'arsredovisning', 'ekonomi', 'Årsredovisningen klar', 'datum', 3, 31, NULL, NULL,
        NULL, 1, 1, NULL, '', 1,
        'Bokslut och årsredovisning för förra året färdiga och beslutade av styrelsen.'),
    (2, 'arsredovisning_medlemmar', 'ekonomi', 'Årsredovisning och revisionsberättelse till medlemmarna',
        'datum', 4, 30, NULL, NULL, NULL, 1, 1, NULL, '', 1,
        'Årsredovisningen och revisorernas berättelse skickas till medlemmarna inför beslut om ansvarsfrihet.'),
    (3, 'delarsrapport', 'ekonomi', 'Delårsrapport per 31 augusti', 'datum', 8, 31, NULL, NULL,
        NULL, 1, 1, NULL, 'delarsrapport', 0,
        'Delårsrapporten avser januari–augusti och behandlas av styrelsen under hösten.'),
    (4, 'statliga_medel_signal', 'ekonomi', 'Första signal om nästa års statliga medel', 'manad',
        9, NULL, NULL, NULL, NULL, 30, 1, NULL, '', 0,
        'Försäkringskassan ger ett första besked om nivån på nästa års statliga medel.'),
    (5, 'medelstilldelning', 'ekonomi', 'Besked om medelstilldelning', 'manad', 11, NULL, NULL,
        NULL, NULL, 30, 1, NULL, '', 0,
        'Medlemmarnas besked om nästa års medelstilldelning.'),
    (6, 'verksamhetsplan_budget', 'styrelse', 'Verksamhetsplan och budget beslutade', 'datum',
        11, 30, NULL, NULL, NULL, 1, 1, NULL, '', 1,
        'Styrelsen beslutar verksamhetsplan och budget för nästa år.'),
    (7, 'medlemssamrad', 'styrelse', 'Medlemssamråd', 'datum', 3, 1, NULL, NULL, NULL, 92, 1,
        NULL, '', 0,
        'Samråd med medlemmarna under våren om verksamheten och medelstilldelningen.'),
    (8, 'internkontroll', 'ekonomi', 'Internkontroll, riskanalys och dataskydd', 'manad', 12,
        NULL, NULL, NULL, NULL, 31, 1, NULL, '', 0,
        'Uppföljning av internkontrollplanen, risk- och väsentlighetsanalys och dataskyddet.'),
    (9, 'psykiatriveckan', 'insatser', 'Psykiatriveckan', 'vecka', NULL, NULL, NULL, 1, 45, 4,
        1, NULL, '', 0, 'Vecka 45, måndag–torsdag.'),
    (10, 'allmanna_val', 'styrelse', 'Allmänna val', 'veckodag', 9, NULL, 2, 7, NULL, 1, 4,
        2022, '', 0, 'Val till riksdag, region och kommun vart fjärde år.'),
    (11, 'mandatperiod', 'styrelse', 'Ny mandatperiod för styrelsen', 'datum', 4, 1, NULL,
        NULL, NULL, 1, 4, 2023, '', 0,
        'Ny mandatperiod börjar 1 april året efter allmänna val; medlemmarna utser ledamöter och ersättare.');
    """,
    )


@migrations(name="0005_rapporttexter")
def _m0005(db: Database) -> None:
    _run(
        db,
        """
    -- The narrative texts of the reports, written by the user per report, year and section
    -- (inledning, vision, händelser av väsentlig betydelse…), in the small markup of
    -- finsam_desktop.rapporttexter (paragraphs, "- " bullets, **bold**).
    CREATE TABLE rapporttext (
        rapport TEXT NOT NULL CHECK (rapport IN ('verksamhetsplan', 'delarsrapport', 'arsredovisning')),
        ar INTEGER NOT NULL CHECK (ar BETWEEN 2004 AND 2200),
        avsnitt TEXT NOT NULL CHECK (length(trim(avsnitt)) > 0),
        text TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (rapport, ar, avsnitt)
    ) STRICT;
    """,
    )


@migrations(name="0006_appen_motestyper")
def _m0006(db: Database) -> None:
    """Meetings of the beredningsgrupp and a styrgrupp get their own kinds.

    SQLite cannot alter a CHECK constraint, and rebuilding ``mote`` would cascade-delete its
    ärenden, närvaro and justerare (foreign keys are on during a step). A wider CHECK does not
    change how rows are stored, so the step edits the table's definition in place as SQLite
    documents for such changes (https://www.sqlite.org/lang_altertable.html, "otheralter"):
    writable_schema, bump schema_version, and check the file's integrity in the same step.
    """
    old = "'medlemssamrad', 'ovrigt')"
    new = "'medlemssamrad', 'ovrigt', 'beredningsgrupp', 'styrgrupp')"
    sql = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'mote'"
    ).fetchone()[0]
    if old not in sql:
        raise ValueError("Tabellen mote har inte den väntade definitionen.")
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'mote'",
            (sql.replace(old, new, 1),),
        )
        db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")
    problems = db.execute("PRAGMA integrity_check").fetchall()
    if problems != [("ok",)]:
        raise ValueError(f"Förbundsfilen är inte hel efter steget: {problems}")


@migrations(name="0007_budget_konteringar_harledda_belopp_bokslut")
def _m0007(db: Database) -> None:
    _run(
        db,
        """
    -- The account string a budget row carries into the kommun's system (Ansvar, Verksamhet,
    -- Aktivitet/Projekt, Motpart beside Konto); empty when the förbund does not use it.
    ALTER TABLE budget_rad ADD COLUMN ansvar TEXT NOT NULL DEFAULT '';
    ALTER TABLE budget_rad ADD COLUMN verksamhet TEXT NOT NULL DEFAULT '';
    ALTER TABLE budget_rad ADD COLUMN projekt TEXT NOT NULL DEFAULT '';
    ALTER TABLE budget_rad ADD COLUMN motpart TEXT NOT NULL DEFAULT '';
    -- harledd 1: the amount was derived by the program (rolled forward with an uplift, or
    -- split from a medelstilldelning) and may be derived again; 0: a person typed it, and no
    -- derivation ever overwrites it.
    ALTER TABLE budget_belopp ADD COLUMN harledd INTEGER NOT NULL DEFAULT 0
        CHECK (harledd IN (0, 1));
    -- Utfall of member income: whose driftbidrag the row is.
    ALTER TABLE utfall ADD COLUMN medlem_id INTEGER REFERENCES medlem(id) ON DELETE SET NULL;
    -- The ekonomienhet's year-end figures that the balansräkning and kassaflöde also need.
    ALTER TABLE bokslut ADD COLUMN kortfristiga_placeringar_ore INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE bokslut ADD COLUMN finansiella_intakter_ore INTEGER;
    ALTER TABLE bokslut ADD COLUMN finansiella_kostnader_ore INTEGER;
    """,
    )


@migrations(name="0008_rapport_logotyp")
def _m0008(db: Database) -> None:
    _run(
        db,
        """
    -- The förbund's logo for the reports' covers: one PNG or JPEG image, at most 2 MiB.
    CREATE TABLE rapport_logotyp (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        filtyp TEXT NOT NULL CHECK (filtyp IN ('png', 'jpeg')),
        bild BLOB NOT NULL CHECK (length(bild) BETWEEN 1 AND 2097152)
    ) STRICT;
    """,
    )


@migrations(name="0009_moten_arvoden")
def _m0009(db: Database) -> None:
    _run(
        db,
        """
    -- What was said under an ärende, written into the protokoll before its beslut.
    ALTER TABLE arende ADD COLUMN diskussion TEXT NOT NULL DEFAULT '';

    -- The förbund's fee rules for one year (amounts in öre). A meeting up to kort_timmar
    -- hours is "kort", longer "lång". Fixed fees for ordförande and vice per month or year.
    -- Förlorad arbetsförtjänst per hour, capped per meeting (0: no cap), against proof when
    -- fla_intyg is 1. Mileage per mil, of which mil_skattefri_ore is tax free. Members
    -- appointed by the state are paid by their employer unless statliga_betalas is 1.
    CREATE TABLE arvode_regel (
        ar INTEGER PRIMARY KEY CHECK (ar BETWEEN 2000 AND 2200),
        kort_timmar INTEGER NOT NULL DEFAULT 4 CHECK (kort_timmar BETWEEN 1 AND 24),
        arvode_kort_ore INTEGER NOT NULL DEFAULT 0 CHECK (arvode_kort_ore >= 0),
        arvode_lang_ore INTEGER NOT NULL DEFAULT 0 CHECK (arvode_lang_ore >= 0),
        ordforande_ore INTEGER NOT NULL DEFAULT 0 CHECK (ordforande_ore >= 0),
        vice_ore INTEGER NOT NULL DEFAULT 0 CHECK (vice_ore >= 0),
        fast_per_manad INTEGER NOT NULL DEFAULT 0 CHECK (fast_per_manad IN (0, 1)),
        fla_timme_ore INTEGER NOT NULL DEFAULT 0 CHECK (fla_timme_ore >= 0),
        fla_tak_ore INTEGER NOT NULL DEFAULT 0 CHECK (fla_tak_ore >= 0),
        fla_intyg INTEGER NOT NULL DEFAULT 1 CHECK (fla_intyg IN (0, 1)),
        mil_ore INTEGER NOT NULL DEFAULT 0 CHECK (mil_ore >= 0),
        mil_skattefri_ore INTEGER NOT NULL DEFAULT 0 CHECK (mil_skattefri_ore >= 0),
        arbetsgivaravgift_ore INTEGER NOT NULL DEFAULT 3142
            CHECK (arbetsgivaravgift_ore BETWEEN 0 AND 10000),
        statliga_betalas INTEGER NOT NULL DEFAULT 0 CHECK (statliga_betalas IN (0, 1)),
        ovriga_moten INTEGER NOT NULL DEFAULT 0 CHECK (ovriga_moten IN (0, 1)),
        konto TEXT NOT NULL DEFAULT '',
        ansvar TEXT NOT NULL DEFAULT ''
    ) STRICT;
    -- Per person: personnummer only when the user enters one; betalas overrides the rule
    -- (1 paid, 0 not paid, NULL as the rule says).
    CREATE TABLE arvode_person (
        person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
        personnummer TEXT NOT NULL DEFAULT '',
        betalas INTEGER CHECK (betalas IS NULL OR betalas IN (0, 1))
    ) STRICT;
    -- Per person and meeting: hours of förlorad arbetsförtjänst in hundredths, proof, km.
    CREATE TABLE arvode_mote (
        mote_id INTEGER NOT NULL REFERENCES mote(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        fla_hundradelar INTEGER NOT NULL DEFAULT 0 CHECK (fla_hundradelar BETWEEN 0 AND 2400),
        fla_intyg INTEGER NOT NULL DEFAULT 0 CHECK (fla_intyg IN (0, 1)),
        km INTEGER NOT NULL DEFAULT 0 CHECK (km BETWEEN 0 AND 10000),
        PRIMARY KEY (mote_id, person_id)
    ) STRICT;
    """,
    )


#: The standing items a förbund starts with (step 0010 writes them into ``dagordningsmall``);
#: frozen here with the step, the förbund's own lists live in the file.
_STAENDE_STYRELSE = (
    "Mötets öppnande", "Val av justerare", "Godkännande av dagordning", "Föregående protokoll",
    "Ekonomisk rapport", "Beslutsärenden", "Informationsärenden", "Övriga frågor",
    "Mötets avslutande",
)  # fmt: skip
_STAENDE_OVRIGA = ("Mötets öppnande", "Övriga frågor", "Mötets avslutande")
_MOTE_TYPER = (
    "styrelsemote", "extra_styrelsemote", "beredning", "beredningsgrupp", "medlemssamrad",
    "styrgrupp", "ovrigt",
)  # fmt: skip
#: Meeting kind → the standing items step 0010 gives it (and an arbetsbok without the sheet).
STANDARD_DAGORDNING = {
    typ: _STAENDE_STYRELSE if typ.endswith("styrelsemote") else _STAENDE_OVRIGA
    for typ in _MOTE_TYPER
}


@migrations(name="0010_protokoll_mallar_rattelser")
def _m0010(db: Database) -> None:
    _run(
        db,
        """
    -- Who keeps the protokoll: named under the sekreterare's line (unknown, so empty, for
    -- meetings from before this step).
    ALTER TABLE mote ADD COLUMN sekreterare TEXT NOT NULL DEFAULT '';

    -- The standing items of a meeting kind's föredragningslista, in order. The förbund edits
    -- them; a kind without rows has no standing items.
    CREATE TABLE dagordningsmall (
        typ TEXT NOT NULL CHECK (typ IN ('styrelsemote', 'extra_styrelsemote', 'beredning',
            'beredningsgrupp', 'medlemssamrad', 'styrgrupp', 'ovrigt')),
        ordning INTEGER NOT NULL CHECK (ordning >= 1),
        rubrik TEXT NOT NULL CHECK (rubrik <> ''),
        PRIMARY KEY (typ, ordning)
    ) STRICT;

    -- A justerat protokoll opened again to be corrected: the day, the justering it had and
    -- why. Kept for good and printed in the protokoll, so a correction stays visible.
    CREATE TABLE rattelse (
        id INTEGER PRIMARY KEY,
        mote_id INTEGER NOT NULL REFERENCES mote(id) ON DELETE CASCADE,
        datum TEXT NOT NULL CHECK (datum = date(datum)),
        tidigare_justerat TEXT NOT NULL CHECK (tidigare_justerat = date(tidigare_justerat)),
        orsak TEXT NOT NULL CHECK (orsak <> '')
    ) STRICT;
    CREATE INDEX rattelse_mote ON rattelse(mote_id);
    """,
    )
    for typ, punkter in STANDARD_DAGORDNING.items():
        for n, rubrik in enumerate(punkter, start=1):
            db.execute(
                "INSERT INTO dagordningsmall (typ, ordning, rubrik) VALUES (?, ?, ?)",
                (typ, n, rubrik),
            )


@migrations(name="0011_forbundets_mal")
def _m0011(db: Database) -> None:
    _run(
        db,
        """
    -- The förbund's own goals, decided by the styrelse (not an insats's): verksamhetsmål and
    -- finansiella mål, each under an area the förbund names, with its measure and how it is
    -- followed up, for the years it applies (an empty end: until further notice).
    CREATE TABLE forbundsmal (
        id INTEGER PRIMARY KEY,
        slag TEXT NOT NULL CHECK (slag IN ('verksamhet', 'finansiellt')),
        omrade TEXT NOT NULL DEFAULT '',
        ordning INTEGER NOT NULL DEFAULT 0,
        mal TEXT NOT NULL CHECK (length(trim(mal)) > 0),
        matt TEXT NOT NULL DEFAULT '',
        uppfoljning TEXT NOT NULL DEFAULT '',
        fran_ar INTEGER NOT NULL CHECK (fran_ar BETWEEN 2004 AND 2200),
        till_ar INTEGER CHECK (till_ar IS NULL OR till_ar BETWEEN fran_ar AND 2200)
    ) STRICT;
    CREATE INDEX forbundsmal_ordning ON forbundsmal(slag, ordning);

    -- A goal assessed for a year: at the delårsrapport (a prognosis) or for the whole year
    -- (the årsredovisning), on the förbund's scale (its three steps are named by settings).
    CREATE TABLE forbundsmal_bedomning (
        mal_id INTEGER NOT NULL REFERENCES forbundsmal(id) ON DELETE CASCADE,
        ar INTEGER NOT NULL CHECK (ar BETWEEN 2004 AND 2200),
        skede TEXT NOT NULL CHECK (skede IN ('delar', 'helar')),
        bedomning TEXT NOT NULL CHECK (bedomning IN ('uppnatt', 'delvis', 'ej_uppnatt')),
        motivering TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (mal_id, ar, skede)
    ) STRICT;
    """,
    )


@migrations(name="0012_motesgrupp")
def _m0012(db: Database) -> None:
    _run(
        db,
        """
    -- The förbund's own name for the group a meeting belongs to ("Utvecklingsgruppen", "LSG",
    -- "RÅFA-gruppen"): shown in the list, the årshjul, the .ics and the arvoden instead of the
    -- kind's word; the kind (typ) still decides the rules. Empty: the kind's own word.
    ALTER TABLE mote ADD COLUMN grupp TEXT NOT NULL DEFAULT '';
    """,
    )


@migrations(name="0013_budgetrad_slag")
def _m0013(db: Database) -> None:
    _run(
        db,
        """
    -- What a budget row means for the arithmetic, apart from the group it shows in (grupp):
    -- NULL an ordinary row of its group; 'eget_kapital' the use of eget kapital as funding
    -- (ianspråktagande: never driftbidrag, not part of the result, in the eget-kapital
    -- forecast once); 'ej_fordelat' money not yet given to any insats (kvarvarande
    -- beslutsutrymme, reserverade medel): in the result, not in its group's sum.
    ALTER TABLE budget_rad ADD COLUMN slag TEXT
        CHECK (slag IS NULL OR slag IN ('eget_kapital', 'ej_fordelat'));
    -- Where a use of eget kapital is shown: 0 among the rows of its group (intäkter, in
    -- "Summa intäkter"), 1 under the budgeted result.
    ALTER TABLE budget_rad ADD COLUMN under_resultat INTEGER NOT NULL DEFAULT 0
        CHECK (under_resultat IN (0, 1) AND (under_resultat = 0 OR slag = 'eget_kapital'));
    """,
    )


@migrations(name="0014_budget_uppstallning")
def _m0014(db: Database) -> None:
    _run(
        db,
        """
    -- The förbund's own uppställning of a budget version: its presentation groups (avsnitt)
    -- in order, each with a heading, the rows placed in it, and the subtotal row it wants.
    -- The rows keep their meaning (grupp, slag) for the arithmetic; an avsnitt only decides
    -- where they are printed and what is summed as printed. A version without avsnitt is
    -- shown grouped by meaning, as before.
    CREATE TABLE budget_avsnitt (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES budget_version(id) ON DELETE CASCADE,
        ordning INTEGER NOT NULL DEFAULT 0,
        -- the heading ("Kansli-/administrativa kostnader"); '' a line with a sum only
        rubrik TEXT NOT NULL DEFAULT '',
        -- the subtotal row's label ("Summa styrelse och kansli", "Parternas insats"); '' none
        summa TEXT NOT NULL DEFAULT '',
        -- what the subtotal sums, as printed: the avsnitt's own rows, every intäkt row, or
        -- every kostnad row of the table
        summerar TEXT NOT NULL DEFAULT 'avsnitt'
            CHECK (summerar IN ('avsnitt', 'intakter', 'kostnader')),
        CHECK (length(trim(rubrik)) > 0 OR length(trim(summa)) > 0)
    ) STRICT;
    CREATE UNIQUE INDEX budget_avsnitt_rubrik ON budget_avsnitt(version_id, rubrik)
        WHERE rubrik != '';
    -- The avsnitt a row is printed in (NULL: its meaning's own group, after the avsnitt) and
    -- its place there, as rows of different meaning may share an avsnitt.
    ALTER TABLE budget_rad ADD COLUMN avsnitt_id INTEGER
        REFERENCES budget_avsnitt(id) ON DELETE SET NULL;
    ALTER TABLE budget_rad ADD COLUMN plats INTEGER NOT NULL DEFAULT 0;
    """,
    )


@migrations(name="0015_balansprognos")
def _m0015(db: Database) -> None:
    _run(
        db,
        """
    -- A typed prognosis of a running year's balance at year end (kr in öre, all positive as in
    -- a balansräkning), from the ekonomienhet or the förbundschef: where the verksamhetsplan's
    -- balansbudget starts while the year has no bokslut. Its eget kapital is the year's
    -- forecast eget kapital everywhere (finsam_desktop.balansbudget).
    CREATE TABLE balansprognos (
        ar INTEGER PRIMARY KEY CHECK (ar BETWEEN 2004 AND 2200),
        anlaggningstillgangar_ore INTEGER NOT NULL DEFAULT 0,
        kortfristiga_fordringar_ore INTEGER NOT NULL DEFAULT 0,
        kassa_och_bank_ore INTEGER NOT NULL DEFAULT 0,
        eget_kapital_ore INTEGER NOT NULL DEFAULT 0,
        avsattningar_ore INTEGER NOT NULL DEFAULT 0,
        langfristiga_skulder_ore INTEGER NOT NULL DEFAULT 0,
        kortfristiga_skulder_ore INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    """,
    )


@migrations(name="0016_arsredovisning_delar")
def _m0016(db: Database) -> None:
    _run(
        db,
        """
    -- The årsredovisning's parts a bokslut also carries. Antal anställda at the year end (the
    -- five-year översikt); NULL: not known.
    ALTER TABLE bokslut ADD COLUMN antal_anstallda INTEGER
        CHECK (antal_anstallda IS NULL OR antal_anstallda BETWEEN 0 AND 100000);
    -- The balanskravsutredning's RKR adjustments (öre, each as large as it is, positive):
    -- samtliga realisationsvinster (subtracted), realisationsvinster and realisationsförluster
    -- enligt undantagsmöjlighet (added back), orealiserade förluster i värdepapper (added
    -- back) and their återföring (subtracted).
    ALTER TABLE bokslut ADD COLUMN realisationsvinster_ore INTEGER NOT NULL DEFAULT 0
        CHECK (realisationsvinster_ore >= 0);
    ALTER TABLE bokslut ADD COLUMN realisationsvinster_undantag_ore INTEGER NOT NULL DEFAULT 0
        CHECK (realisationsvinster_undantag_ore >= 0);
    ALTER TABLE bokslut ADD COLUMN realisationsforluster_undantag_ore INTEGER NOT NULL DEFAULT 0
        CHECK (realisationsforluster_undantag_ore >= 0);
    ALTER TABLE bokslut ADD COLUMN orealiserade_forluster_ore INTEGER NOT NULL DEFAULT 0
        CHECK (orealiserade_forluster_ore >= 0);
    ALTER TABLE bokslut ADD COLUMN aterforing_orealiserade_ore INTEGER NOT NULL DEFAULT 0
        CHECK (aterforing_orealiserade_ore >= 0);
    -- Medel från (positive) or till (negative) a resultatutjämningsreserv.
    ALTER TABLE bokslut ADD COLUMN resultatutjamningsreserv_ore INTEGER NOT NULL DEFAULT 0;
    -- The notes' specification of a balance-sheet post by kind ("Fordran moms",
    -- "Personalskatt", "Övriga interimskulder"), kr in öre, positive as in the balansräkning.
    -- Rows that do not make the post's figure leave the rest "Ej specificerat" in the note.
    CREATE TABLE bokslut_specifikation (
        id INTEGER PRIMARY KEY,
        ar INTEGER NOT NULL REFERENCES bokslut(ar) ON DELETE CASCADE ON UPDATE CASCADE,
        post TEXT NOT NULL
            CHECK (post IN ('kortfristiga_fordringar', 'kortfristiga_skulder')),
        ordning INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        belopp_ore INTEGER NOT NULL,
        UNIQUE (ar, post, text)
    ) STRICT;
    """,
    )


@migrations(name="0017_budgetrad_medlemmar")
def _m0017(db: Database) -> None:
    _run(
        db,
        """
    -- An intäkt row that stands for several members ("Kommun och region 1 388 000",
    -- "Försäkringskassan/Arbetsförmedlingen"): its amount is their driftbidrag together,
    -- split among them by their andelar for the key. A row for one member keeps medlem_id.
    CREATE TABLE budget_rad_medlem (
        rad_id INTEGER NOT NULL REFERENCES budget_rad(id) ON DELETE CASCADE,
        medlem_id INTEGER NOT NULL REFERENCES medlem(id) ON DELETE CASCADE,
        PRIMARY KEY (rad_id, medlem_id)
    ) STRICT;
    """,
    )


@migrations(name="0018_arvode_lonearter")
def _m0018(db: Database) -> None:
    _run(
        db,
        """
    -- The payroll books each löneart on the förbund's own konto: the fixed fees, förlorad
    -- arbetsförtjänst and mileage each on theirs ('' = the rule's konto, where arvoden book).
    ALTER TABLE arvode_regel ADD COLUMN konto_fast TEXT NOT NULL DEFAULT '';
    ALTER TABLE arvode_regel ADD COLUMN konto_fla TEXT NOT NULL DEFAULT '';
    ALTER TABLE arvode_regel ADD COLUMN konto_mil TEXT NOT NULL DEFAULT '';
    -- The reduced arbetsgivaravgift (only the ålderspensionsavgift) for those who had turned
    -- 66 when the year began: born aldre_fodda_senast or earlier (NULL: the year − 67).
    ALTER TABLE arvode_regel ADD COLUMN arbetsgivaravgift_aldre_ore INTEGER NOT NULL
        DEFAULT 1021 CHECK (arbetsgivaravgift_aldre_ore BETWEEN 0 AND 10000);
    ALTER TABLE arvode_regel ADD COLUMN aldre_fodda_senast INTEGER
        CHECK (aldre_fodda_senast IS NULL OR aldre_fodda_senast BETWEEN 1850 AND 2200);
    """,
    )


@migrations(name="0019_justering")
def _m0019(db: Database) -> None:
    _run(
        db,
        f"""
    -- A protokoll sent for justering: version N of it frozen as the PDF the signers get, with
    -- its SHA-256; then what came back: the signed original (or a scan signed on paper), the
    -- day it was justerat, the validation report, and the anslag's dates. A row is kept when
    -- the protokoll is opened for rättelse; the next justering is the next version.
    CREATE TABLE justering (
        id INTEGER PRIMARY KEY,
        mote_id INTEGER NOT NULL REFERENCES mote(id) ON DELETE CASCADE,
        version INTEGER NOT NULL CHECK (version >= 1),
        {_date("skickad", null=False)},
        sha256 TEXT CHECK (sha256 IS NULL OR (length(sha256) = 64
            AND sha256 NOT GLOB '*[^0-9a-f]*')),
        pdf BLOB CHECK (pdf IS NULL OR length(pdf) > 0),
        status TEXT NOT NULL CHECK (status IN ('ute', 'justerad', 'aterkallad')),
        satt TEXT CHECK (satt IS NULL OR satt IN ('digital', 'papper')),
        {_date("justerat")},
        original BLOB CHECK (original IS NULL OR length(original) > 0),
        original_sha256 TEXT CHECK (original_sha256 IS NULL OR length(original_sha256) = 64),
        validering TEXT NOT NULL DEFAULT '',
        {_date("anslag_upp")},
        {_date("anslag_ned")},
        UNIQUE (mote_id, version),
        CHECK ((status = 'justerad') = (justerat IS NOT NULL AND original IS NOT NULL
            AND satt IS NOT NULL)),
        CHECK ((pdf IS NULL) = (sha256 IS NULL)),
        CHECK (anslag_ned IS NULL OR anslag_ned >= anslag_upp)
    ) STRICT;
    -- At most one version of a protokoll is out for signing at a time.
    CREATE UNIQUE INDEX justering_ute ON justering(mote_id) WHERE status = 'ute';

    -- Who must sign a version, in order, with the role they sign in; once justerat, when
    -- each signed and the subject of the certificate they signed with ('' on paper).
    CREATE TABLE justering_signerare (
        justering_id INTEGER NOT NULL REFERENCES justering(id) ON DELETE CASCADE,
        ordning INTEGER NOT NULL CHECK (ordning >= 1),
        namn TEXT NOT NULL CHECK (namn <> ''),
        roll TEXT NOT NULL CHECK (roll <> ''),
        signerat TEXT,
        certifikat TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (justering_id, ordning)
    ) STRICT;

    -- The signing services' CA certificates the förbund trusts (DER): a signature whose
    -- certificate does not chain to one of them is not accepted.
    CREATE TABLE betrodd_utfardare (
        id INTEGER PRIMARY KEY,
        namn TEXT NOT NULL CHECK (namn <> ''),
        sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        certifikat BLOB NOT NULL CHECK (length(certifikat) > 0)
    ) STRICT;
    """,
    )


@migrations(name="0020_delarsbalans")
def _m0020(db: Database) -> None:
    _run(
        db,
        """
    -- The balance at the end of a delårsrapport's period (the last day of month ``manad``),
    -- as the ekonomienhet's balansrapport gives it (kr in öre, all positive as in a
    -- balansräkning; eget kapital may be negative): the delårsrapport's balansräkning.
    CREATE TABLE delarsbalans (
        ar INTEGER NOT NULL CHECK (ar BETWEEN 2004 AND 2200),
        manad INTEGER NOT NULL CHECK (manad BETWEEN 1 AND 11),
        anlaggningstillgangar_ore INTEGER NOT NULL DEFAULT 0,
        kortfristiga_fordringar_ore INTEGER NOT NULL DEFAULT 0,
        kortfristiga_placeringar_ore INTEGER NOT NULL DEFAULT 0,
        kassa_och_bank_ore INTEGER NOT NULL DEFAULT 0,
        eget_kapital_ore INTEGER NOT NULL DEFAULT 0,
        avsattningar_ore INTEGER NOT NULL DEFAULT 0,
        langfristiga_skulder_ore INTEGER NOT NULL DEFAULT 0,
        kortfristiga_skulder_ore INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (ar, manad)
    ) STRICT;
    """,
    )


@migrations(name="0021_signerade_handlingar")
def _m0021(db: Database) -> None:
    # SQLite cannot change a table's constraints in place: the justering table is made anew
    # and its rows copied, the child table first so that no ON DELETE CASCADE fires.
    _run(
        db,
        f"""
    CREATE TABLE justering_0020 AS SELECT * FROM justering;
    CREATE TABLE justering_signerare_0020 AS SELECT * FROM justering_signerare;
    DROP TABLE justering_signerare;
    DROP TABLE justering;

    -- Besides a meeting's protokoll, an utdrag of one of its § (bestyrkt by its sekreterare)
    -- and the årsredovisning the meeting decided (signed by the styrelse as it sat) go out
    -- for signing the same way: ``dokument`` says which, ``paragraf`` and ``ar`` which one.
    -- Versions count per document. Only a protokoll has an anslag.
    CREATE TABLE justering (
        id INTEGER PRIMARY KEY,
        mote_id INTEGER NOT NULL REFERENCES mote(id) ON DELETE CASCADE,
        dokument TEXT NOT NULL DEFAULT 'protokoll'
            CHECK (dokument IN ('protokoll', 'utdrag', 'arsredovisning')),
        paragraf INTEGER CHECK (paragraf IS NULL OR paragraf >= 1),
        ar INTEGER CHECK (ar IS NULL OR ar BETWEEN 2004 AND 2200),
        version INTEGER NOT NULL CHECK (version >= 1),
        {_date("skickad", null=False)},
        sha256 TEXT CHECK (sha256 IS NULL OR (length(sha256) = 64
            AND sha256 NOT GLOB '*[^0-9a-f]*')),
        pdf BLOB CHECK (pdf IS NULL OR length(pdf) > 0),
        status TEXT NOT NULL CHECK (status IN ('ute', 'justerad', 'aterkallad')),
        satt TEXT CHECK (satt IS NULL OR satt IN ('digital', 'papper')),
        {_date("justerat")},
        original BLOB CHECK (original IS NULL OR length(original) > 0),
        original_sha256 TEXT CHECK (original_sha256 IS NULL OR length(original_sha256) = 64),
        validering TEXT NOT NULL DEFAULT '',
        {_date("anslag_upp")},
        {_date("anslag_ned")},
        CHECK ((dokument = 'utdrag') = (paragraf IS NOT NULL)),
        CHECK ((dokument = 'arsredovisning') = (ar IS NOT NULL)),
        CHECK (dokument = 'protokoll' OR anslag_upp IS NULL),
        CHECK ((status = 'justerad') = (justerat IS NOT NULL AND original IS NOT NULL
            AND satt IS NOT NULL)),
        CHECK ((pdf IS NULL) = (sha256 IS NULL)),
        CHECK (anslag_ned IS NULL OR anslag_ned >= anslag_upp)
    ) STRICT;
    CREATE UNIQUE INDEX justering_version
        ON justering(mote_id, dokument, coalesce(paragraf, ar, 0), version);
    -- At most one version of a document is out for signing at a time.
    CREATE UNIQUE INDEX justering_ute ON justering(mote_id, dokument, coalesce(paragraf, ar, 0))
        WHERE status = 'ute';

    CREATE TABLE justering_signerare (
        justering_id INTEGER NOT NULL REFERENCES justering(id) ON DELETE CASCADE,
        ordning INTEGER NOT NULL CHECK (ordning >= 1),
        namn TEXT NOT NULL CHECK (namn <> ''),
        roll TEXT NOT NULL CHECK (roll <> ''),
        signerat TEXT,
        certifikat TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (justering_id, ordning)
    ) STRICT;

    INSERT INTO justering (id, mote_id, version, skickad, sha256, pdf, status, satt, justerat,
        original, original_sha256, validering, anslag_upp, anslag_ned)
        SELECT id, mote_id, version, skickad, sha256, pdf, status, satt, justerat, original,
            original_sha256, validering, anslag_upp, anslag_ned FROM justering_0020;
    INSERT INTO justering_signerare SELECT * FROM justering_signerare_0020;
    DROP TABLE justering_signerare_0020;
    DROP TABLE justering_0020;
    """,
    )


#: Names of every step this program knows, in order.
KNOWN_STEPS = [m.name for m in migrations._migrations]
SCHEMA_VERSION = len(KNOWN_STEPS)
