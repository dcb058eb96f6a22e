"""The domain's vocabularies: the codes stored in the file and the words users see.

Each enumeration's value is the code the schema CHECKs; ``label`` is the Swedish word used in
the UI, the reports and the arbetsbok. Reading a label back (``from_label``) accepts the code
too, and ignores case, so a workbook typed by hand is read as meant.
"""

from __future__ import annotations

from enum import StrEnum


class Vocabulary(StrEnum):
    """A str-valued enum whose members carry a Swedish label as their second value."""

    def __new__(cls, code: str, label: str):
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.label = label  # type: ignore[attr-defined]
        return obj

    @classmethod
    def from_label(cls, text: str):
        wanted = text.strip().casefold()
        for member in cls:
            if wanted in (member.label.casefold(), member.value.casefold()):
                return member
        raise ValueError(text)

    @classmethod
    def labels(cls) -> list[str]:
        return [m.label for m in cls]


class MedlemTyp(Vocabulary):
    FORSAKRINGSKASSAN = ("forsakringskassan", "Försäkringskassan")
    ARBETSFORMEDLINGEN = ("arbetsformedlingen", "Arbetsförmedlingen")
    REGION = ("region", "Region")
    KOMMUN = ("kommun", "Kommun")

    @property
    def is_state(self) -> bool:
        return self in (MedlemTyp.FORSAKRINGSKASSAN, MedlemTyp.ARBETSFORMEDLINGEN)


class Roll(Vocabulary):
    LEDAMOT = ("ledamot", "Ledamot")
    ERSATTARE = ("ersattare", "Ersättare")


class Funktion(Vocabulary):
    ORDFORANDE = ("ordforande", "Ordförande")
    VICE_ORDFORANDE = ("vice_ordforande", "Vice ordförande")


class InsatsTyp(Vocabulary):
    INDIVIDINRIKTAD = ("individinriktad", "Individinriktad")
    STRUKTUROVERGRIPANDE = ("strukturovergripande", "Strukturövergripande")


class InsatsStatus(Vocabulary):
    ANSOKAN = ("ansokan", "Ansökan inkommen")
    BEREDNING = ("beredning", "Beredning")
    BEVILJAD = ("beviljad", "Beviljad")
    AVSLAG = ("avslag", "Avslag")
    ATERREMITTERAD = ("aterremitterad", "Återremitterad")
    ATERTAGEN = ("atertagen", "Återtagen")
    AVTAL = ("avtal", "Avtal")
    PAGAENDE = ("pagaende", "Pågående")
    AVSLUTAD = ("avslutad", "Avslutad")


class Bedomning(Vocabulary):
    UPPNATT = ("uppnatt", "Målet uppnått")
    DELVIS = ("delvis", "Till viss del")
    EJ_UPPNATT = ("ej_uppnatt", "Ej uppnått")


class MalSlag(Vocabulary):
    """The kinds of the förbund's own goals, in the order the reports show them."""

    VERKSAMHET = ("verksamhet", "Verksamhetsmål")
    FINANSIELLT = ("finansiellt", "Finansiella mål")


class Skede(Vocabulary):
    """When a goal of the förbund is assessed: a prognosis at the delår, or the whole year."""

    DELAR = ("delar", "Delår (prognos)")
    HELAR = ("helar", "Helår")


class MoteTyp(Vocabulary):
    STYRELSEMOTE = ("styrelsemote", "Styrelsemöte")
    EXTRA_STYRELSEMOTE = ("extra_styrelsemote", "Extra styrelsemöte")
    #: Beredning before a styrelsemöte at manager level: utvecklingsgrupp, Loksam or LSG.
    BEREDNING = ("beredning", "Beredning/Loksam")
    BEREDNINGSGRUPP = ("beredningsgrupp", "Beredningsgrupp")
    MEDLEMSSAMRAD = ("medlemssamrad", "Medlemssamråd")
    STYRGRUPP = ("styrgrupp", "Styrgrupp")
    OVRIGT = ("ovrigt", "Övrigt möte")


class BeslutStatus(Vocabulary):
    OPPEN = ("oppen", "Öppen")
    PAGAR = ("pagar", "Pågår")
    KLAR = ("klar", "Klar")


class Grupp(Vocabulary):
    """Budget and utfall row groups, in the order the reports show them."""

    INTAKTER = ("intakter", "Intäkter")
    ADMINISTRATION = ("administration", "Administration/kansli")
    STYRELSE = ("styrelse", "Styrelse")
    INSATSER = ("insatser", "Insatser")
    AVSKRIVNINGAR = ("avskrivningar", "Avskrivningar")
    FINANSIELLA = ("finansiella", "Finansiella poster")


class RadSlag(Vocabulary):
    """What a budget row counts as, apart from the group it is shown in (NULL: ordinary)."""

    EGET_KAPITAL = ("eget_kapital", "Ianspråktagande av eget kapital")
    EJ_FORDELAT = ("ej_fordelat", "Ej fördelade medel")


class Summerar(Vocabulary):
    """What a subtotal row of the förbund's uppställning adds, as printed."""

    AVSNITT = ("avsnitt", "Avsnittets rader")
    INTAKTER = ("intakter", "Alla intäkter")
    KOSTNADER = ("kostnader", "Alla kostnader")


class BokslutPost(Vocabulary):
    """The balance-sheet posts the årsredovisning's notes specify by kind."""

    KORTFRISTIGA_FORDRINGAR = ("kortfristiga_fordringar", "Kortfristiga fordringar")
    KORTFRISTIGA_SKULDER = ("kortfristiga_skulder", "Kortfristiga skulder")


class BudgetStatus(Vocabulary):
    FORSLAG = ("forslag", "Förslag")
    BESLUTAD = ("beslutad", "Beslutad")


class Ring(Vocabulary):
    STYRELSE = ("styrelse", "Styrelse och beredning")
    EKONOMI = ("ekonomi", "Ekonomi och rapporter")
    INSATSER = ("insatser", "Insatser")
    KONFERENSER = ("konferenser", "Konferenser och nätverk")
    EGNA = ("egna", "Egna")


class Upprepning(Vocabulary):
    INGEN = ("ingen", "En gång")
    ARLIGEN = ("arligen", "Varje år")


class JusteringStatus(Vocabulary):
    UTE = ("ute", "Ute för underskrift")
    JUSTERAD = ("justerad", "Justerad")
    ATERKALLAD = ("aterkallad", "Återkallad")


class JusteringDokument(Vocabulary):
    """What is sent for signing: a meeting's protokoll, an utdrag of one of its §, or the
    årsredovisning the meeting decided."""

    PROTOKOLL = ("protokoll", "Protokoll")
    UTDRAG = ("utdrag", "Protokollsutdrag")
    ARSREDOVISNING = ("arsredovisning", "Årsredovisning")


class JusteringSatt(Vocabulary):
    DIGITAL = ("digital", "Digitalt")
    PAPPER = ("papper", "På papper")
