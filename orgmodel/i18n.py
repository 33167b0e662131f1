"""The report's labels in English and Dutch.

:func:`translator` gives a callable ``t``: ``t("Summary")`` is the label in
the chosen language, ``t("{n} findings", n=3)`` fills it in, and
``t.column("direct_reports")`` names a table column.  The English text is the
key; :data:`NL` holds the Dutch, in the terms of the sources (lijn,
concerndirecteur, opdrachtgever, mandaat, portefeuille ...).  A label
without a Dutch entry is a bug, and a test reads every label the report
uses and checks that it has one.

Examples
--------
>>> t = translator("nl")
>>> t("Summary"), t("{n} findings", n=3), t.column("direct_reports")
('Samenvatting', '3 bevindingen', 'directe ondergeschikten')
>>> translator("en").column("direct_reports")
'direct reports'
"""
from __future__ import annotations

from .errors import OrgModelError

__all__ = ["translator", "LANGS", "NL", "NL_COLUMNS"]

LANGS = ("en", "nl")

NL = {}          # filled below
NL_COLUMNS = {}  # filled below


class _Translator:
    def __init__(self, lang):
        self.lang = lang

    def __call__(self, text, **values):
        if self.lang == "nl":
            text = NL.get(text, text)
        return text.format(**values) if values else text

    def column(self, name):
        name = str(name)
        if self.lang == "nl":
            return NL_COLUMNS.get(name, NL.get(name, name.replace("_", " ")))
        return name.replace("_", " ")


def translator(lang="en") -> _Translator:
    """The labels of ``lang`` (``en`` or ``nl``)."""
    if lang not in LANGS:
        raise OrgModelError(f"no report language '{lang}': use {' or '.join(LANGS)}")
    return _Translator(lang)


NL.update({
    # headings and labels
    "how the organisation steers itself": "hoe de organisatie zichzelf stuurt",
    "Report written by orgmodel on {date}": "Rapport geschreven door orgmodel op {date}",
    "; the model describes the organisation as of {date}":
        "; het model beschrijft de organisatie per {date}",
    "Summary": "Samenvatting",
    "The organisation": "De organisatie",
    "{posts} posts ({vacant} vacant), {people} people in post, {fte}":
        "{posts} functies ({vacant} vacant), {people} mensen in functie, {fte}",
    "no FTE given": "geen fte opgegeven",
    "The import": "De import",
    "({held} held, {vacant} vacant)": "({held} bezet, {vacant} vacant)",
    "{rows} rows of the files left out ({fte} FTE), {cells} cells not used, {gone} posts "
    "marked eliminated: see IMPORT.md beside the data.":
        "{rows} regels van de bestanden niet gebruikt ({fte} fte), {cells} cellen niet "
        "gebruikt, {gone} functies als opgeheven gemarkeerd: zie IMPORT.md bij de gegevens.",
    "{fte} FTE on the {n} posts that give one": "{fte} fte op de {n} functies die er een opgeven",
    "; {stated}% of its facts are stated by a source, {inferred}% inferred, "
    "{assumed}% assumed or ungraded.":
        "; {stated}% van de feiten staat in een bron, {inferred}% is afgeleid, "
        "{assumed}% aangenomen of niet beoordeeld.",
    "Findings": "Bevindingen",
    ", {n} resting on facts no source states": ", {n} rustend op feiten die geen bron noemt",
    "see [Governance findings](#governance-findings)": "zie [Bevindingen over de sturing]"
                                                       "(#bevindingen-over-de-sturing)",
    "none for the rules checked.": "geen voor de getoetste regels.",
    "Who carries the escalations": "Wie de escalaties draagt",
    "{name} ({n} roles)": "{name} ({n} rollen)",
    "Layers": "Lagen",
    "{depth} by {basis}": "{depth} naar {basis}",
    "levels": "niveaus", "steps": "stappen",
    "; the source describes a flat organisation.": "; de bron beschrijft een platte organisatie.",
    ", target {target}: ": ", doel {target}: ",
    "on target.": "op doel.",
    "{n} managers below it.": "{n} leidinggevenden eronder.",
    "no target set": "geen doel gesteld",
    "Spans": "Spanwijdte",
    "the widest is {name} with {n} direct reports ({people} people)":
        "de grootste heeft {name}, met {n} directe ondergeschikten ({people} mensen)",
    "; {n} outside the thresholds": "; {n} buiten de grenzen",
    "Sources (cited as the `source` of every node and edge):":
        "Bronnen (geciteerd als de `source` van elk knooppunt en elke relatie):",
    "The interactive org chart of the whole organisation is in [graph.html](graph.html): "
    "open it in a browser (it works offline).":
        "Het interactieve organogram van de hele organisatie staat in "
        "[graph.html](graph.html): open het in een browser (het werkt offline).",
    "No interactive org chart of the whole organisation":
        "Geen interactief organogram van de hele organisatie",
    "The line of the organisation as an org chart": "De lijn van de organisatie als organogram",
    "No org chart": "Geen organogram",
    "How the facts are known": "Hoe de feiten bekend zijn",
    "Every node and edge is graded: *stated* (the cited passage says it), *inferred* "
    "(it follows from cited passages; the row's note gives the reasoning), *assumed* "
    "(no source says it; the note says why it is there) or *ungraded*. Only stated "
    "facts are evidence; each finding below lists the facts it rests on that are "
    "not stated.":
        "Elk knooppunt en elke relatie heeft een grond: *vermeld* (de geciteerde passage "
        "zegt het), *afgeleid* (het volgt uit geciteerde passages; de toelichting van de rij "
        "geeft de redenering), *aangenomen* (geen bron zegt het; de toelichting zegt waarom "
        "het er staat) of *niet beoordeeld*. Alleen vermelde feiten zijn bewijs; elke "
        "bevinding hieronder noemt de feiten waarop ze rust die niet vermeld zijn.",
    "stated": "vermeld", "inferred": "afgeleid", "assumed": "aangenomen",
    "ungraded": "niet beoordeeld",
    "What the organisation looks like": "Hoe de organisatie eruitziet",
    "node": "knooppunt", "edge": "relatie",
    "Formation: **{posts} posts** ({vacant} vacant), **{fte} FTE** over {n} posts with an FTE":
        "Formatie: **{posts} functies** ({vacant} vacant), **{fte} fte** over {n} functies "
        "met een fte",
    " (some are given as ranges, so the total is a range)":
        " (sommige als bandbreedte opgegeven, dus het totaal is een bandbreedte)",
    "; {n} people in post": "; {n} mensen in functie",
    "{n} staff counted per grade ({fte} FTE)": "{n} medewerkers geteld per schaal ({fte} fte)",
    "staff counted per grade: {fte} FTE (the data gives no number of people)":
        "medewerkers geteld per schaal: {fte} fte (het aantal personen staat niet in de gegevens)",
    "{n} staff counted per grade, and {k} groups of staff whose number the data does not give "
    "({fte} FTE in all)":
        "{n} medewerkers geteld per schaal, en {k} groepen medewerkers waarvan de gegevens het "
        "aantal niet geven ({fte} fte in totaal)",
    "Per unit (posts and staff of the unit and the units inside it):":
        "Per eenheid (functies en medewerkers van de eenheid en de eenheden erbinnen):",
    "Posts and FTE per unit": "Functies en fte per eenheid",
    "Escalation routes": "Escalatieroutes",
    "Whom each role takes an issue to, following the organisation's escalation "
    "policy (`escalation` in org.yaml): one route kind per kind of issue. At each "
    "role the first step that leads to an allowed role is taken; a role in a "
    "forbidden sphere is never a next step, by any edge. The figures per role are "
    "in `escalation_<route>.csv`, who carries the escalations in "
    "`escalation_load_<route>.csv`.":
        "Naar wie elke rol een kwestie brengt, volgens het escalatiebeleid van de organisatie "
        "(`escalation` in org.yaml): één soort route per soort kwestie. Bij elke rol wordt de "
        "eerste stap genomen die naar een toegestane rol leidt; een rol in een verboden sfeer "
        "is nooit een volgende stap, langs welke relatie ook. De cijfers per rol staan in "
        "`escalation_<route>.csv`, wie de escalaties draagt in `escalation_load_<route>.csv`.",
    "; then ": "; daarna ",
    "and": "en",
    "Route": "Route",
    "For": "Voor",
    "Steps": "Stappen",
    "Never to": "Nooit naar",
    "no sphere is forbidden on this route": "op deze route is geen sfeer verboden",
    "Roles by outcome of their routes": "Rollen naar uitkomst van hun routes",
    "top": "top", "external": "extern", "vacant": "vacant", "forbidden": "verboden",
"unplayed": "rol niet belegd", "dead_end": "doodlopend", "loop": "kringloop",
    "none": "geen",
    "directors and deputy directors": "directeuren en adjunct-directeuren",
    "the ten roles": "de tien rollen",
    "reached by the routes of most roles": "die de routes van de meeste rollen bereiken",
    "Roles reached by the most escalation routes": "Rollen die de meeste escalatieroutes bereiken",
    "Management layers": "Managementlagen",
    "**{depth}** management layers by {basis}; target depth: {target}.":
        "**{depth}** managementlagen naar {basis}; doeldiepte: {target}.",
    "not set": "niet gesteld",
    "Managers per layer": "Leidinggevenden per laag",
    "{n} managers sit below the target depth": "{n} leidinggevenden zitten onder de doeldiepte",
    "No manager sits below the target depth.": "Geen leidinggevende zit onder de doeldiepte.",
    "Span of control": "Span of control (spanwijdte)",
    "Thresholds: min {low}, max {high}, compared with the count by {by}.":
        "Grenzen: minimaal {low}, maximaal {high}, vergeleken met de telling naar {by}.",
    "posts": "functies", "people": "mensen", "fte": "fte",
    "Managers by number of direct reports": "Leidinggevenden naar aantal directe ondergeschikten",
    "Distribution of direct reports": "Verdeling van directe ondergeschikten",
    "Partners": "Partners",
    "Roles that connect partners (brokerage = betweenness in the role–partner network):":
        "Rollen die partners verbinden (makelaarsrol = betweenness in het netwerk van rollen "
        "en partners):",
    "Roles sharing partners:": "Rollen die partners delen:",
    "Partners hanging on a single official commissioner":
        "Partners die aan één ambtelijk opdrachtgever hangen",
    "No partner hangs on a single commissioner.": "Geen partner hangt aan één opdrachtgever.",
    "Portfolio balance": "Balans van de portefeuilles",
    "Portfolio items per holder": "Portefeuilleonderdelen per houder",
    "programmatic": "programmatisch", "team-connecting": "teamverbindend",
    "operations": "bedrijfsvoering", "projects": "projecten",
    "corporate theme": "concernthema", "teams": "teams", "total": "totaal",
    "Imbalance (coefficient of variation of the totals): **{x}** (0 = every holder carries "
    "as many items).":
        "Onbalans (variatiecoëfficiënt van de totalen): **{x}** (0 = elke houder draagt "
        "evenveel onderdelen).",
    "The line the portfolios imply (a team manager to its cluster's leader, a cluster's "
    "leader to the holder of the portfolio that covers it, minus the coverage's exclusions; "
    "a team a portfolio covers directly to that holder), beside the modelled line:":
        "De lijn die de portefeuilles aangeven (een teammanager naar de leider van zijn "
        "cluster, de leider van een cluster naar de houder van de portefeuille die het "
        "dekt, min de uitzonderingen; een team dat een portefeuille direct dekt naar die "
        "houder), naast de gemodelleerde lijn:",
    "Powers and mandates": "Bevoegdheden en mandaten",
    "The mandate register: per power, the chain from the competent body (or, where the "
    "sources name none, from the first mandator) down to each post, with its holders, the "
    "ceiling that applies, validity, the granting decision and the signing formula; "
    "`mandates.csv` has every column. What the sources do not record (a competent body, a "
    "legal basis, a decision) is said so, not filled in.":
        "Het mandaatregister: per bevoegdheid de keten van het bevoegde orgaan (of, waar de "
        "bronnen er geen noemen, van de eerste mandaatgever) tot elke functie, met de "
        "houders, het geldende plafond, de geldigheid, het mandaatbesluit en de "
        "ondertekeningsformule; `mandates.csv` heeft elke kolom. Wat de bronnen niet "
        "vastleggen (een bevoegd orgaan, een wettelijke grondslag, een besluit) staat er "
        "als zodanig, niet ingevuld.",
    "No mandate names a declared power.": "Geen mandaat noemt een vastgelegde bevoegdheid.",
    "Executive commissions": "Bestuursopdrachten",
    "; and {n} more posts whose number is not recorded (each stands for posts the sources "
    "do not count)":
        "; en nog {n} functies waarvan het aantal niet is vastgelegd (elk staat voor "
        "functies die de bronnen niet tellen)",
    "Threshold: {n} of the organisation's criteria (`criteria` in org.yaml).":
        "Drempel: {n} van de criteria van de organisatie (`criteria` in org.yaml).",
    "Threshold: not recorded (the source does not give a number); the counts of criteria "
    "met are given.":
        "Drempel: niet vastgelegd (de bron noemt geen aantal); het aantal criteria waaraan "
        "is voldaan staat erbij.",
    "Governance findings": "Bevindingen over de sturing",
    "Rules checked": "Getoetste regels",
    "Rules the organisation adopts that are not checked here (see their own sections where "
    "there is one)":
        "Regels die de organisatie hanteert en die hier niet getoetst worden (zie hun eigen "
        "paragraaf, waar die er is)",
    "**No findings**: the model keeps every rule checked. Findings rest on the model's facts; "
    "inferred, assumed and ungraded facts are not evidence that the organisation keeps the "
    "rules.":
        "**Geen bevindingen**: het model houdt zich aan elke getoetste regel. Bevindingen "
        "rusten op de feiten van het model; afgeleide, aangenomen en niet beoordeelde feiten "
        "bewijzen niet dat de organisatie zich aan de regels houdt.",
    "{n} findings, grouped by rule and by what they have in common; each is a statement "
    "about the model's facts, and where the source is silent it says what it does not state. "
    "All of them are in [findings.csv](findings.csv).":
        "{n} bevindingen, gegroepeerd naar regel en naar wat ze gemeen hebben; elke "
        "bevinding is een uitspraak over de feiten van het model, en waar de bron zwijgt "
        "zegt ze wat die niet vermeldt. Ze staan allemaal in [findings.csv](findings.csv).",
    "{n} findings": "{n} bevindingen",
    "{n} findings involve {name}": "{n} bevindingen betreffen {name}",
    "({n} of them rest on facts no source states)":
        "({n} daarvan rusten op feiten die geen bron noemt)",
    "e.g.": "bijv.",
    "Not stated by a source": "Door geen bron vermeld",
    "… and {n} more in findings.csv": "… en nog {n} in findings.csv",
    "… more groups in findings.csv": "… meer groepen in findings.csv",
    "Files": "Bestanden",
    "One CSV per analysis": "Eén CSV per analyse",
    "_(none)_": "_(geen)_",
    "The first {n} of {total} {what}": "De eerste {n} van {total} {what}",
    ", by {column}": ", naar {column}",
    "; all of them in [{csv}.csv]({csv}.csv).": "; allemaal in [{csv}.csv]({csv}.csv).",
    "rows": "rijen", "units": "eenheden", "roles": "rollen", "managers": "leidinggevenden",
    "partners": "partners", "pairs": "paren", "mandate links": "mandaatschakels",
    "commissions": "opdrachten",
    # charts
    "direct reports": "directe ondergeschikten",
    "portfolio items": "portefeuilleonderdelen",
    "roles whose routes reach this role": "rollen waarvan de routes deze rol bereiken",
    "minimum": "minimum", "maximum": "maximum",
    "managers per layer": "leidinggevenden per laag",
    "FTE (units with none given show 0)": "fte (eenheden zonder opgave tonen 0)",
    "posts (the sources give no FTE)": "functies (de bronnen geven geen fte)",
    "layer": "laag", "layers": "lagen",
    "below the target depth in red": "onder de doeldiepte in rood",
})

NL_COLUMNS.update({
    "name": "naam", "grade": "grond", "nodes": "knooppunten", "edges": "relaties",
    "what": "wat", "kind": "soort", "count": "aantal", "posts": "functies",
    "vacant": "vacant", "people": "mensen", "fte_min": "fte min", "fte_max": "fte max",
    "staff": "medewerkers", "headcount": "personen", "next": "volgende stap",
    "shortest": "kortste", "longest": "langste", "tops": "toppen", "outcomes": "uitkomsten",
    "routes": "routes", "level": "niveau", "reached_by": "bereikt door",
    "passing": "passerend", "ending": "eindigend", "direct_reports": "directe ondergeschikten",
    "portfolios": "portefeuilles", "layer": "laag", "layer_steps": "stappen in de lijn",
    "vacant_reports": "vacante ondergeschikten", "fte": "fte",
    "mandates_given": "gegeven mandaten", "reason": "reden", "managers": "leidinggevenden",
    "partner_kind": "soort partner", "commissions": "opdrachten",
    "official_commissioners": "ambtelijk opdrachtgevers",
    "political_commissioners": "bestuurlijk opdrachtgevers",
    "holder_name": "houder", "portfolio": "portefeuille", "implied_name": "volgens portefeuille",
    "temporary": "tijdelijk", "basis": "grondslag", "line": "lijn", "agrees": "klopt",
    "power_name": "bevoegdheid", "body_name": "bevoegd orgaan", "chain": "keten",
    "holders": "houders", "ceiling_applies": "plafond", "valid_to": "geldig tot",
    "decision": "besluit", "signing": "ondertekening", "evidence": "grond",
    "criteria_met": "criteria voldaan", "advised": "advies", "executive": "uitvoerend",
    "verdict": "oordeel", "betweenness": "betweenness", "role": "rol", "partners": "partners",
    "shared": "gedeeld", "role_a": "rol a", "role_b": "rol b",
})
