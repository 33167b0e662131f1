"""The columns a posts file is read by, and the known formats' presets:
a UK government organogram (the Cabinet Office's schema) and a Dutch HR
export, each with the words its cells use (vacant, not disclosed, hired,
gone) and the notation of its numbers."""
from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_

__all__ = ["Columns", "Preset", "PRESETS", "PRESET_WHAT", "PLAIN"]


@dataclass(frozen=True)
class Columns:
    """Which column holds what; ``None`` when the file has no such column.

    Names are matched without regard to case or surrounding spaces.
    """

    id: str | None = "id"
    reports_to: str | None = "reports_to"
    title: str | None = "title"
    holder: str | None = "holder"
    unit: str | None = "unit"
    fte: str | None = "fte"
    grade: str | None = "grade"
    #: hours per week (read as FTE only over the full-time week the user
    #: gives: see :func:`posts_tables`'s ``full_time``)
    hours: str | None = "hours|hours per week"
    organisation: str | None = None
    #: a post's cost centre (kept on the post as ``cost_centre``)
    cost_centre: str | None = None
    #: the date the holder took up the post (the HOLDS edge's ``valid_from``)
    start: str | None = None
    #: the date the holder left the post, or the organisation (the HOLDS
    #: edge's ``valid_to``): a holder who left before the file's date does
    #: not hold the post on it
    end: str | None = None
    #: the columns of a unit's levels, the widest first (``("Sector",
    #: "Afdeling", "Team")``): each unit is in the one before it on its row,
    #: and the post in the narrowest its row names (instead of ``unit``)
    units: tuple | None = None
    #: the holder's own FTE on the row (a *bezetting* beside the post's
    #: *formatie*): on the HOLDS edge, instead of the post's FTE
    holder_fte: str | None = None
    #: the columns of the holder's name in parts, in order (``("Voornaam",
    #: "Tussenvoegsel", "Achternaam")``): joined with a space, the empty
    #: ones left out (instead of ``holder``)
    holder_parts: tuple | None = None
    #: a second superior (``Functioneel leidinggevende``: a functional or
    #: matrix line), read only when asked for: a second REPORTS_TO edge,
    #: which every route then takes beside the line
    second_line: str | None = None
    #: the roles a post plays (*rollen*: ``Budgethouder, Projectleider``),
    #: read only when asked for: each a Role the post PLAYS
    roles: str | None = None


@dataclass(frozen=True)
class Preset:
    """Column names and the values with a meaning, for a known file format."""

    senior: Columns
    junior: Columns
    tops: tuple = ("XX",)
    # holder values, compared without regard to case, spaces and a final dot;
    # a value that starts with one of them counts too ("Vacant post", "VACANCY")
    # (with the words Dutch HR exports use: "Vacature", "niet ingevuld",
    # "n.v.t.", "opgeheven")
    vacant: tuple = ("vacant", "vacancy", "not in post", "vacature", "niet ingevuld",
                     "niet bezet", "onbezet", "vac", "openstaande vacature", "open vacature",
                     "nieuwe vacature", "te vervullen", "nog te vervullen", "in te vullen",
                     "nog in te vullen", "niet vervuld", "onvervuld", "in werving",
                     "openstaand", "openstaande functie", "nog niet ingevuld", "nog niet bezet",
                     "nog niet vervuld", "vacatureruimte", "te benoemen", "nog te benoemen",
                     # (n.t.b.: nader te bepalen, the holder still to be decided)
                     "ntb", "nader te bepalen", "nog te bepalen", "nader in te vullen",
                     # (a post no one holds, said otherwise: empty, being
                     # recruited, kept free, frozen or reserved)
                     "leeg", "niemand", "nog niemand", "wordt ingevuld", "wordt geworven",
                     "werving", "werving loopt", "in procedure", "sollicitatieprocedure",
                     "open", "formatieruimte", "restformatie", "bevroren", "bevroren vacature",
                     "gereserveerd", "reservering", "tijdelijk onbezet",
                     # (free: a place not filled, or fallen free)
                     "vrij", "vrije formatie", "vrije plaats", "vrijgevallen", "vrijgekomen",
                     "tbd", "tba", "to be appointed", "unfilled",
                     # (the word last: "Post vacant", "Functie vacant")
                     "post vacant", "position vacant", "currently vacant", "temporarily vacant",
                     "functie vacant", "momenteel vacant", "nog vacant", "tijdelijk vacant",
                     "thans vacant")
    # ("NN", "N.N.": nomen nescio, the Dutch for a name not known)
    # (the published organograms also write "Not published", "Name withheld"
    # or "Undisclosed"; "(name not disclosed)" is orgmodel's own, in a file
    # it wrote)
    undisclosed: tuple = ("n/d", "nd", "n/a", "not disclosed", "withheld", "redacted", "-", "",
                          "undisclosed", "non-disclosed", "non disclosed", "not published",
                          "not provided", "not given", "name withheld", "name not disclosed",
                          "name not given", "nvt", "niet openbaar", "afgeschermd", "onbekend",
                          "naam onbekend", "naam niet gegeven", "nn", "nnb", "niet bekend",
                          "nog niet bekend", "unknown", "tbc", "?", "??", "???",
                          # (n.b.: niet bekend; n.v.t. written out)
                          "nb", "niet van toepassing",
                          # (someone holds it, the file does not say who: an
                          # acting holder, a trainee, a candidate placed on it)
                          "waarnemend", "waarneming", "ad interim", "stagiair", "stagiaire",
                          "trainee", "mobiliteitskandidaat", "herplaatsingskandidaat",
                          "herplaatser")
    # a holder hired, not named: the post is held by someone whose name the
    # file does not give (a "name" Inhuur on three posts was one person
    # holding all three); a name after it ("Interim P. de Boer") is a name
    hired: tuple = ("inhuur", "externe inhuur", "tijdelijke inhuur", "ingehuurd", "interim",
                    "interimmer", "extern", "externe", "inleen", "ingeleend", "detachering",
                    "gedetacheerd", "uitzendkracht", "zzp", "zzp'er", "zzper", "contractor",
                    "agency staff", "interim manager")
    #: a word before a holder's name saying the holder stands in or holds
    #: the post for a time ("Waarnemend: K. Bos", "Tijdelijk - J. Smit",
    #: "(a.i.) P. de Boer"): the name after it is the holder's, the cell kept
    #: in the holding's note; alone, such a word names no one (see
    #: ``undisclosed``)
    # (not "ai": "Ai Nakamura" is a name; nor "acting": "Acting Director"
    # in a holder's cell names no one)
    acting: tuple = ("waarnemend", "waarnemer", "waarneming", "ad interim", "a.i.",
                     "tijdelijk", "tijdelijke bezetting", "tijdelijk bezet", "plv")
    eliminated: tuple = ("eliminated", "post eliminated", "deleted", "post deleted", "abolished",
                         "post abolished", "disestablished", "post disestablished",
                         "opgeheven", "vervallen", "boventallig")
    #: holder cells that name no one and say nothing of whether the post is
    #: held (a new post, a pool, several): not used, said; who holds the
    #: post is not recorded
    no_name: tuple = ("nieuw", "nieuwe functie", "nieuwe formatieplaats", "uitbreiding",
                      "budget", "diverse", "diversen", "div", "divers", "meerdere", "pool",
                      "flexpool", "geen", "various", "several")
    unknown_superior: str = "external"
    name_from: str = "organisation"
    #: how the files write numbers and dates (see orgmodel.notation)
    locale: str | None = None
    #: the columns of a name in parts, read when there is no holder column:
    #: the first name's, the prefix's (optional) and the surname's
    #: alternatives, as for ``Columns.holder_parts``
    name_parts: tuple = ()
    #: what an empty holder cell says: nothing (who holds the post, and
    #: whether it is vacant, is not recorded), or, in a format whose schema
    #: asks for a word on a vacant post (the Cabinet Office's "Vacant"), a
    #: holder whose name is not published (inferred)
    empty_holder: str = "not recorded"
    #: the column of the file's own check of each row, the value that marks
    #: a row as failing it and the one that marks it as passing (the
    #: Cabinet Office's ``Valid?``, 0 where its validator found the row
    #: wrong, 1 where not): rows that fail, or whose mark is neither, are
    #: read as any other, and named in the log
    checked: tuple = ()
    #: post ids that name no post but a person who holds none (the Cabinet
    #: Office's schema: "Individuals not in a post must have Post Unique
    #: Reference 0"; such rows may repeat the id): left out, each named
    not_in_post: tuple = ()


#: Known formats.  ``uk-organogram``: the Cabinet Office schema of UK
#: government organograms (senior posts and junior staff files); ``nl-hr``:
#: a Dutch HR export (formatieplaats, functie, medewerker, leidinggevende
#: functie, afdeling, fte, schaal, kostenplaats, ingangsdatum), read under
#: locale nl.
PRESETS = {
    "uk-organogram": Preset(
        senior=Columns(id="Post Unique Reference", reports_to="Reports to Senior Post",
                       title="Job Title", holder="Name", unit="Unit", fte="FTE",
                       grade="Grade (or equivalent)|Grade", organisation="Organisation",
                       hours=None),
        junior=Columns(id=None, reports_to="Reporting Senior Post", title="Generic Job Title",
                       holder=None, unit="Unit", fte="Number of Posts in FTE",
                       grade="Grade|Grade (or equivalent)",
                       organisation="Organisation", hours=None),
        empty_holder="undisclosed", checked=("Valid?", "0", "1"), not_in_post=("0",)),
    # A Dutch HR export (AFAS, Youforce, Beaufort ...): one row per post,
    # columns by their usual Dutch names, numbers and dates in Dutch notation.
    "nl-hr": Preset(
        # (a person's number before a job code: a code several posts share,
        # "Functiecode" beside "Persnr", reads two posts of one code as one)
        senior=Columns(id="formatieplaats|formatieplaatsnummer|functienummer|plaatsnummer|"
                          "positienummer|personeelsnummer|formatieplaatsnr|functienr|"
                          "plaatsnr|positienr|formatieplaats-id|functie-id|positie-id|"
                          "personeelsnr|persnr|medewerkernummer|medewerkernr|"
                          "werknemersnummer|werknemernummer|functiecode|formatiecode|"
                          # (a formatieplaats's number abbreviated: "Fpl.nr.", "FPL")
                          "fplnr|fpl|fpl-nummer|plaats-id|formatieplaatscode",
                       reports_to="leidinggevende functie|leidinggevende formatieplaats|"
                                  "leidinggevende|manager|direct leidinggevende|"
                                  "naam leidinggevende|leidinggevende naam|"
                                  "formatieplaats leidinggevende|functienummer leidinggevende|"
                                  "functienr leidinggevende|leidinggevende functienr|"
                                  "rapporteert aan|hoofd formatieplaats|formatieplaats hoofd|"
                                  "leidinggevende personeelsnummer|leidinggevende personeelsnr|"
                                  "leidinggevende persnr|persnr leidinggevende|"
                                  "personeelsnummer leidinggevende|"
                                  "leidinggevende medewerkernummer|"
                                  "fplnr leidinggevende|leidinggevende fplnr|"
                                  "fpl leidinggevende|leidinggevende fpl|"
                                  # (beside a functional manager's column: the line's)
                                  "hiërarchisch leidinggevende|hiërarchische leidinggevende|"
                                  "leidinggevende hiërarchisch|lijnmanager|lijnleidinggevende",
                       title="functie|functienaam|functiebenaming|functietitel|"
                             "functieomschrijving|omschrijving functie|functie omschrijving|"
                             "omschrijving formatieplaats|organieke functie|naam functie|"
                             "functie naam",
                       holder="medewerker|naam medewerker|naam|werknemer|naam werknemer|"
                              "medewerker naam|volledige naam|bezet door|bezetter|naam bezetter|"
                              # (government's words for the one in a post)
                              "functionaris|naam functionaris|functievervuller|vervuld door|"
                              "ingevuld door|bekleed door|bezetting naam|naam bezetting",
                       unit="afdeling|organisatie-eenheid|organisatieonderdeel|team|eenheid|"
                            "org. eenheid|organisatorische eenheid|afdelingsnaam|afdeling/team|"
                            # (a unit's wider levels, read where the file has no narrower)
                            "sector|cluster|domein|directie|oe",
                       fte="fte|formatie|omvang|aanstelling|fte formatie|formatie fte|"
                           "werktijdfactor|deeltijdfactor|aanstellingsomvang|"
                           "aanstellingspercentage|formatieomvang|aantal fte|fte aantal|"
                           "omvang fte|fte omvang|parttimepercentage|deeltijdpercentage|"
                           "parttime percentage|deeltijd percentage|parttime %|deeltijd %|"
                           "parttimefactor|dienstverband fte|fte dienstverband|aanstelling fte|"
                           "fte aanstelling|omvang aanstelling|contractomvang",
                       hours="uren|uren per week|aantal uren|contracturen|formatie-uren|"
                             "formatieuren|weekuren|uren p/w",
                       grade="schaal|salarisschaal|functieschaal|schaalnummer|inschaling|"
                             "max schaal|maximum schaal|maximale schaal|schaal max|loonschaal",
                       cost_centre="kostenplaats|kostenplaatsnummer|kostenplaatscode",
                       # (AFAS and the like date the holding of the post itself:
                       # "Begindatum functie")
                       start="ingangsdatum|datum in dienst|begindatum|begindatum functie|"
                             "ingangsdatum functie|datum in functie|startdatum|in dienst|"
                             "in dienst sinds|datum indiensttreding|indiensttreding|"
                             "indienstdatum|in functie sinds",
                       end="einddatum|datum uit dienst|uit dienst|datum uitdienst|"
                           "einde dienstverband|einddatum dienstverband|"
                           "datum einde dienstverband|einddatum contract|einde contract|"
                           "einddatum functie|datum uit functie|uitdiensttreding|"
                           "datum uitdiensttreding|uitdienstdatum",
                       # (only the names that say FTE: "Bezetting" alone may
                       # name the person in the post)
                       holder_fte="bezetting fte|fte bezetting|bezette fte"),
        junior=Columns(id=None, holder=None, hours=None), tops=("",), unknown_superior="error",
        locale="nl",
        # (AFAS, Youforce and the like export a name in three columns)
        name_parts=("roepnaam|voornaam|voornamen|voorletters",
                    "tussenvoegsel|tussenvoegsels|voorvoegsel|voorvoegsels",
                    "achternaam|geslachtsnaam|familienaam")),
}


#: What each preset reads, in words.
PRESET_WHAT = {"uk-organogram": N_("a UK government organogram (the Cabinet Office's schema)"),
               "nl-hr": N_("a Dutch HR export")}


#: Without a preset: no top marker but an empty superior, names as given.
PLAIN = Preset(senior=Columns(), junior=Columns(id=None, holder=None, hours=None), tops=("",),
               unknown_superior="error")
