"""A small but complete förbund for the arbetsbok tests: every table has rows."""

from __future__ import annotations

import hashlib

from finsam_desktop.storage import ForbundFile

#: A 40 × 20 PNG, the smallest logo that is a real image.
LOGOTYP_PNG = (
    "89504e470d0a1a0a0000000d49484452000000280000001408020000007024e8ec0000002749444154789c63"
    "94f7ab641808c03420b68e5a3c6af1a8c5a3168f5a3c6af1a8c5a3160f080000431d010e8ab6ca610000000049"
    "454e44ae426082"
)


def fill_forbund(ff: ForbundFile) -> None:
    """Fill every table of ``ff``, with öre amounts, notes, Swedish characters and odd ids."""
    with ff.write("Testdata") as db:
        x = db.execute
        x(
            "UPDATE forbund SET namn = 'Samordningsförbundet Ådalen', "
            "organisationsnummer = '222000-2063', bildat = '2006-01-01', forsta_budgetar = 2007"
        )
        x("INSERT INTO installning VALUES ('eget_kapital_tak_procent', '22.5')")
        x("INSERT INTO installning VALUES ('delarsrapport', '0')")
        for row in [
            (1, "Försäkringskassan", "forsakringskassan", "50", 1),
            (2, "Region Västernorrland", "region", "25", 2),
            (3, "Sollefteå kommun", "kommun", "15.625", 3),
            (4, "Kramfors kommun", "kommun", "9.375", 4),
            (5, "Arbetsförmedlingen", "arbetsformedlingen", "0", 5),
        ]:
            x("INSERT INTO medlem (id, namn, typ, andel, ordning) VALUES (?, ?, ?, ?, ?)", row)
        for row in [
            (1, "Anna Åström", "anna@example.se", "070-123 45 67", "Ordförande sedan 2019"),
            (2, "Björn Öberg", "", "", ""),
            (3, "Cecilia Ärlig", "", "", "Slutade 2025"),
            (4, "David Lind", "", "", ""),
            (5, "Eva Ek", "", "0620-123 45", ""),
        ]:
            x(
                "INSERT INTO person (id, namn, epost, telefon, anteckning) VALUES (?, ?, ?, ?, ?)",
                row,
            )
        for row in [
            (1, 1, 1, "ledamot", "ordforande", "2019-04-01", "2023-03-31", ""),
            (2, 1, 1, "ledamot", "ordforande", "2023-04-01", "2027-03-31", "Omvald"),
            (3, 2, 2, "ledamot", "vice_ordforande", "2023-04-01", None, ""),
            (4, 3, 3, "ledamot", None, "2023-04-01", "2025-06-30", ""),
            (5, 5, 3, "ledamot", None, "2025-07-01", None, "Ersätter Cecilia"),
            (6, 4, 3, "ersattare", None, "2023-04-01", None, ""),
        ]:
            x(
                "INSERT INTO uppdrag (id, person_id, medlem_id, roll, funktion, fran, till, "
                "anteckning) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        x("INSERT INTO revisor VALUES (1, 'Gunnar Granskare', '2023-01-01', NULL, 'Delad')")
        x("INSERT INTO revisor VALUES (2, 'Helena Höök', NULL, NULL, '')")
        x("INSERT INTO revisor_medlem VALUES (1, 2), (1, 3), (2, 1)")
        for row in [
            ("3010", "Driftbidrag"),
            ("4520", "Köp av verksamhet"),
            ("5011", "Sammanträdesarvoden"),
            ("844", "Ränteintäkter"),
        ]:
            x("INSERT INTO konto VALUES (?, ?)", row)

        x(
            "INSERT INTO insats (id, namn, typ, agare_id, status, ansokan_datum, ansokt_ore, "
            "beslut_datum, beslut_paragraf, start, slut, syfte, malgrupp, beskrivning) VALUES "
            "(7, 'Steg för steg', 'individinriktad', 3, 'pagaende', '2024-09-01', 125500050, "
            "'2024-11-20', '§ 45', '2025-01-01', '2026-12-31', 'Arbete åt fler', "
            "'Unga vuxna 18–29 år', 'Första raden.\nAndra raden.')"
        )
        x(
            "INSERT INTO insats (id, namn, typ, status, start) VALUES "
            "(3, 'Kompetenslyftet', 'strukturovergripande', 'ansokan', '2026-01-01')"
        )
        x("INSERT INTO insats_part VALUES (7, 1), (7, 2)")
        x("INSERT INTO insats_ar VALUES (7, 2025, 100000000, 98765432, NULL, 1234568)")
        x("INSERT INTO insats_ar VALUES (7, 2026, NULL, NULL, 110000000, NULL)")
        x("INSERT INTO mal VALUES (11, 7, 20, 'Fler i arbete', 'Andel i arbete', 'Enkät')")
        x("INSERT INTO mal VALUES (10, 7, 10, 'Ökad hälsa', 'Självskattning', 'Intervju')")
        x("INSERT INTO mal VALUES (12, 3, 0, 'Gemensam kunskap', '', '')")
        x("INSERT INTO mal_bedomning VALUES (10, 2025, 'uppnatt', 'Målet nåddes med råge.')")
        x("INSERT INTO mal_bedomning VALUES (11, 2025, 'delvis', '')")
        x("INSERT INTO uppfoljning VALUES (7, 2025, 12, 9, 5, 16)")
        x("INSERT INTO uppfoljning VALUES (3, 2025, NULL, NULL, NULL, 0)")

        x(
            "INSERT INTO mote VALUES (101, 'styrelsemote', '2025-02-14', '09:00', '12:30', "
            "'Kommunhuset, Sollefteå', '2025-02-20', 'Första mötet', 'Stina Sekreterare', '')"
        )
        x(
            "INSERT INTO mote VALUES (102, 'beredning', '2025-02-07', '', '', '', NULL, '', '', "
            "'LSG')"
        )
        x(
            "INSERT INTO mote VALUES (205, 'extra_styrelsemote', '2025-09-01', '', '', '', NULL, "
            "'', '', '')"
        )
        x(
            "INSERT INTO rattelse (mote_id, datum, tidigare_justerat, orsak) "
            "VALUES (101, '2025-02-25', '2025-02-18', 'Fel belopp i § 2')"
        )
        # justering: version 1 signed and kept, version 2 called back, meeting 205's out now;
        # files longer than one cell's base64, with every byte value
        frozen, signed = bytes(range(256)) * 100, b"%PDF-1.7\n" + bytes(range(255, -1, -1)) * 130
        sha = lambda data: hashlib.sha256(data).hexdigest()  # noqa: E731
        x(
            "INSERT INTO justering (id, mote_id, version, skickad, sha256, pdf, status, satt, "
            "justerat, original, original_sha256, validering, anslag_upp, anslag_ned) VALUES "
            "(9, 101, 1, '2025-02-15', ?, ?, 'justerad', 'digital', '2025-02-18', ?, ?, "
            "'Underskrift 1: Åsa Öberg – giltig\nrad två', '2025-02-19', '2025-03-12')",
            (sha(frozen), frozen, signed, sha(signed)),
        )
        x(
            "INSERT INTO justering (id, mote_id, version, skickad, sha256, pdf, status) VALUES "
            "(3, 101, 2, '2025-02-26', ?, ?, 'aterkallad')",
            (sha(b"%PDF v2"), b"%PDF v2"),
        )
        x(
            "INSERT INTO justering (id, mote_id, version, skickad, sha256, pdf, status) VALUES "
            "(4, 205, 1, '2025-09-03', ?, ?, 'ute')",
            (sha(b"%PDF 205"), b"%PDF 205"),
        )
        x(
            "INSERT INTO justering_signerare VALUES (9, 1, 'Åsa Öberg', 'ordförande', "
            "'2025-02-18T10:15:00+01:00', 'Common Name: Åsa Öberg'), "
            "(9, 2, 'Bo Ek', 'justerare', '2025-02-18T11:00:00+01:00', 'Common Name: Bo Ek'), "
            "(4, 1, 'Åsa Öberg', 'ordförande', NULL, '')"
        )
        x(
            "INSERT INTO betrodd_utfardare (namn, sha256, certifikat) VALUES "
            "('Testtjänstens CA', ?, ?)",
            (sha(b"0\x82 der"), b"0\x82 der"),
        )
        x("DELETE FROM dagordningsmall WHERE typ = 'beredning'")
        x(
            "INSERT INTO dagordningsmall VALUES ('beredning', 1, 'Incheckning'), "
            "('beredning', 2, 'Ärenden till styrelsen')"
        )
        x("INSERT INTO justerare VALUES (101, 2), (101, 4)")
        for row in [
            (1, 101, 1, 1, "Mötets öppnande", "", "", None, "", None, None),
            (2, 101, 2, 2, "Beslut om Steg för steg", "Ansökan", "Beviljas", 7,
             "Förbundschefen", "2025-03-31", "pagar"),
            (3, 101, 3, None, "=SUMMA(A1) är ingen formel", "", "", None, "", None, "oppen"),
            (4, 205, 1, 3, "Budget 2026", "", "", None, "", None, "klar"),
        ]:  # fmt: skip
            x(
                "INSERT INTO arende (id, mote_id, ordning, paragraf, rubrik, underlag, beslut, "
                "insats_id, ansvarig, senast, beslut_status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        x("UPDATE arende SET diskussion = 'Frågan diskuterades.\n=1+1 är text' WHERE id = 2")
        for row in [
            (101, 2, 1, 0),
            (101, 3, 1, 0),
            (101, 4, 0, 0),
            (101, 6, 1, 1),  # David, ersättare, served in Cecilia's place
            (205, 2, 1, 0),
            (205, 5, 1, 0),
        ]:
            x("INSERT INTO narvaro VALUES (?, ?, ?, ?)", row)
        x(
            "INSERT INTO arvode_regel (ar, kort_timmar, arvode_kort_ore, arvode_lang_ore, "
            "ordforande_ore, vice_ore, fast_per_manad, fla_timme_ore, fla_tak_ore, fla_intyg, "
            "mil_ore, mil_skattefri_ore, arbetsgivaravgift_ore, statliga_betalas, ovriga_moten, "
            "konto, ansvar) VALUES (2025, 4, 120000, 180050, 2400000, 1200000, 0, 25000, "
            "200000, 1, 3500, 2500, 3142, 0, 1, '7010', '=1000')"
        )
        x("INSERT INTO arvode_person VALUES (2, '19811218-9876', NULL), (4, '', 1)")
        x("INSERT INTO arvode_mote VALUES (101, 2, 350, 1, 42), (101, 4, 0, 0, 120)")
        # the förbund's own goals, odd ids, a finansiellt listed after the verksamhetsmål
        x(
            "INSERT INTO forbundsmal VALUES "
            "(17, 'finansiellt', '', 1, 'Eget kapital högst 20 % av driftbidraget', "
            "'Eget kapital / driftbidrag', 'Bokslutet', 2024, NULL), "
            "(9, 'verksamhet', 'Individens självförsörjning', 2, "
            "'Fler når egen försörjning', 'Andel i arbete efter insats', 'Årligen i december', "
            "2024, 2026), "
            "(4, 'verksamhet', 'Samverkan', 1, 'Ett fungerande beredande organ', '', '', "
            "2025, NULL)"
        )
        x(
            "INSERT INTO forbundsmal_bedomning VALUES "
            "(17, 2024, 'helar', 'ej_uppnatt', 'Kapitalet landade på 29 %.'), "
            "(9, 2025, 'delar', 'delvis', 'Hittills 40 %.'), "
            "(9, 2024, 'helar', 'uppnatt', '')"
        )
        x("INSERT INTO installning VALUES ('bedomning_uppnatt', 'Helt och hållet')")

        x("INSERT INTO budget_version VALUES (1, 2025, 'Förslag', 'forslag', NULL, '', '')")
        x(
            "INSERT INTO budget_version VALUES (2, 2025, 'Beslutad budget', 'beslutad', "
            "'2024-11-28', '§ 52', 'Eget kapital över taket används för nya insatser.')"
        )
        x("INSERT INTO budget_version VALUES (3, 2026, '', 'forslag', NULL, '', '')")
        for row in [
            (1, 1, "intakter", 1, "Driftbidrag", None, None, "3010"),
            (2, 1, "insatser", 2, "Steg för steg", 7, None, None),
            (10, 2, "intakter", 1, "Driftbidrag Försäkringskassan", None, 1, "3010"),
            (11, 2, "intakter", 2, "Driftbidrag Region Västernorrland", None, 2, "3010"),
            (12, 2, "administration", 3, "Förbundschef", None, None, "4520"),
            (13, 2, "styrelse", 4, "Arvoden", None, None, "5011"),
            (14, 2, "insatser", 5, "Steg för steg", 7, None, None),
            (15, 2, "finansiella", 6, "Ränteintäkter", None, None, "844"),
            (16, 2, "insatser", 7, "Reserverade medel för nya aktiviteter", None, None, None),
            (20, 3, "intakter", 1, "Driftbidrag", None, None, None),
        ]:
            x(
                "INSERT INTO budget_rad (id, version_id, grupp, ordning, text, insats_id, "
                "medlem_id, konto) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        # what rows count as: money not yet given to any insats, and a use of eget kapital
        # shown under the result
        x("UPDATE budget_rad SET slag = 'ej_fordelat' WHERE id = 16")
        x(
            "INSERT INTO budget_rad (id, version_id, grupp, ordning, text, slag, under_resultat) "
            "VALUES (21, 3, 'intakter', 2, 'Ianspråktagande av eget kapital', 'eget_kapital', 1)"
        )
        # the förbund's own uppställning of the decided 2025 budget: members' contributions
        # with their own subtotal, styrelse and kansli as one avsnitt,
        # and a line adding every kostnad; the other rows stay grouped by meaning
        for row in [
            (1, 2, 1, "Intäkter", "Parternas insats", "avsnitt"),
            (2, 2, 2, "Styrelse och kansli", "Summa styrelse och kansli", "avsnitt"),
            (3, 2, 3, "", "Summa totala kostnader", "kostnader"),
        ]:
            x("INSERT INTO budget_avsnitt VALUES (?, ?, ?, ?, ?, ?)", row)
        for rad, avsnitt, plats in [(10, 1, 1), (11, 1, 2), (12, 2, 1), (13, 2, 2)]:
            x(
                "UPDATE budget_rad SET avsnitt_id = ?, plats = ? WHERE id = ?",
                (avsnitt, plats, rad),
            )
        # the 2026 driftbidrag row stands for two members together
        x("INSERT INTO budget_rad_medlem VALUES (20, 2), (20, 3)")
        # the account string for the kommun's system, with texts that look like formulas
        x(
            "UPDATE budget_rad SET ansvar = '0100', verksamhet = '=V1', projekt = '+P 7', "
            "motpart = '@M' WHERE id = 12"
        )
        for row in [
            (1, 2025, 500000000, ""),
            (2, 2025, -100000000, ""),
            (10, 2025, 251100000, ""),
            (10, 2026, 251100000, ""),
            (10, 2027, 260000000, ""),
            (11, 2025, 125550050, "Preliminärt; regionen besked i december"),
            (11, 2026, 125550000, ""),
            (12, 2025, -85000000, ""),
            (13, 2025, -12000000, "Sex möten à 20 000 kr"),
            (14, 2025, -100000000, ""),
            (15, 2025, 500000, ""),
            (20, 2026, 510000000, ""),
        ]:
            x(
                "INSERT INTO budget_belopp (rad_id, ar, belopp_ore, anteckning) "
                "VALUES (?, ?, ?, ?)",
                row,
            )
        x("UPDATE budget_belopp SET harledd = 1 WHERE rad_id = 10 AND ar IN (2026, 2027)")
        for row in [
            (1, 2024, None, "intakter", 1, "Driftbidrag", None, "3010", 502200000),
            (2, 2024, None, "administration", 2, "Förbundschef", None, "4520", -83012345),
            (3, 2024, None, "insatser", 3, "Steg för steg", 7, None, -99000000),
            (4, 2025, 1, "styrelse", 1, "Arvoden", None, "5011", -1500000),
            (5, 2025, 2, "styrelse", 1, "Arvoden", None, "5011", -2250050),
            (6, 2025, 1, "administration", 2, "Förbundschef", None, "4520", -7083333),
            (7, 2025, None, "finansiella", 1, "Ränteintäkter", None, "844", 123456),
        ]:
            x(
                "INSERT INTO utfall (id, ar, manad, grupp, ordning, text, insats_id, konto, "
                "belopp_ore) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        x("UPDATE utfall SET medlem_id = 1 WHERE id = 1")
        bokslut = (
            "INSERT INTO bokslut (ar, anlaggningstillgangar_ore, kortfristiga_fordringar_ore, "
            "kassa_och_bank_ore, eget_kapital_ib_ore, eget_kapital_ore, avsattningar_ore, "
            "langfristiga_skulder_ore, kortfristiga_skulder_ore, driftbidrag_ore) "
        )
        x(
            bokslut
            + "VALUES (2024, 0, 17750000, 80026000, 76000000, 82052650, 0, 0, 15723350, 283200000)"
        )
        x(bokslut + "VALUES (2023, 0, 0, 76000000, NULL, 76000000, 0, 0, 0, NULL)")
        x(
            "UPDATE bokslut SET kortfristiga_placeringar_ore = 0, finansiella_intakter_ore = "
            "5600000, finansiella_kostnader_ore = 100000 WHERE ar = 2024"
        )
        # antal anställda and the balanskravsutredning's RKR rows (rare, but carried)
        x(
            "UPDATE bokslut SET antal_anstallda = 1, realisationsvinster_ore = 120000, "
            "realisationsvinster_undantag_ore = 20000, realisationsforluster_undantag_ore = 3000, "
            "orealiserade_forluster_ore = 450, aterforing_orealiserade_ore = 50, "
            "resultatutjamningsreserv_ore = -500000 WHERE ar = 2024"
        )
        # the notes' specification, one row with öre
        x(
            "INSERT INTO bokslut_specifikation (ar, post, ordning, text, belopp_ore) VALUES "
            "(2024, 'kortfristiga_fordringar', 0, 'Fordran moms', 17750000), "
            "(2024, 'kortfristiga_skulder', 0, 'Personalskatt', 223350), "
            "(2024, 'kortfristiga_skulder', 1, 'Övriga interimskulder', 15500000)"
        )
        # the running year's typed balansprognos, with öre
        x(
            "INSERT INTO balansprognos VALUES "
            "(2025, 4500000, 2000050, 85000000, 87000050, 0, 0, 4500000)"
        )
        # the balance at the end of August of the running year, from the ekonomienhet
        x(
            "INSERT INTO delarsbalans VALUES "
            "(2025, 8, 4500000, 1800025, 10000000, 76000000, 85800025, 0, 0, 6500000)"
        )
        x(
            "INSERT INTO arshjul_post VALUES (1, 'ekonomi', 'Årsredovisning till medlemmarna', "
            "'2025-04-30', NULL, 'arligen', 'Senast 30 april')"
        )
        x(
            "INSERT INTO arshjul_post VALUES (2, 'konferenser', 'Psykiatriveckan', "
            "'2025-11-03', '2025-11-06', 'ingen', '')"
        )
        x("INSERT INTO arshjul_klar VALUES (1, 2024), (1, 2025)")
        # a logo for the reports' covers (a 40 × 20 PNG)
        x(
            "INSERT INTO rapport_logotyp VALUES (1, 'png', ?)",
            (bytes.fromhex(LOGOTYP_PNG),),
        )
        # narrative texts with the markup, a line break, and signs that are markup in a PDF
        x(
            "INSERT INTO rapporttext VALUES ('arsredovisning', 2024, 'inledning', "
            "'Året i **korthet**:\n- fler deltagare & <nya> insatser\n- ”citat”')"
        )
        x(
            "INSERT INTO rapporttext VALUES ('verksamhetsplan', 2026, 'inriktning', "
            "'=En text som liknar en formel')"
        )
