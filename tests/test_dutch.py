"""A Dutch municipality from its own spreadsheet, read and reported in Dutch.

Gemeente Voorbeeld (built here, not Deventer or Albrandswaard): an HR
workbook with Dutch column names and values, mandates with ceilings in every
Dutch notation, imported, validated, asked who-decides with amounts on both
sides of each ceiling, and reported in Dutch: the report, the page, the diff
and the register must hold no English text of orgmodel's own and no number
in English notation.
"""
import csv
import html.parser
import json
import re

import pytest
import yaml
from test_notation import _hr_workbook

import orgmodel
from conftest import DATA, ROOT, copy_template, run

#: Ceilings as a Dutch spreadsheet types them, and what they are.
CEILINGS = {"F002": ("25.000", 25000.0), "F003": ("1.000.000", 1_000_000.0),
            "F006": ("25.000,50", 25000.5), "F004": ("€ 25.000", 25000.0)}

#: Words that are English and not Dutch: one in a Dutch output is a text
#: orgmodel did not translate.
ENGLISH = {"the", "and", "with", "from", "which", "that", "this", "has", "have", "its",
           "are", "by", "not", "or", "to", "for", "when", "where", "each", "every", "none",
           "yes", "no", "true", "false", "nan", "held", "people", "staff", "layers",
           "layer", "steps", "step", "findings", "finding", "rule", "rules", "escalation",
           "commission", "commissioner", "report", "written", "recorded", "reaches", "below",
           "above", "posts", "roles", "edges", "nodes", "changes", "changed", "added", "closed",
           "moved", "removed", "outcome", "outcomes", "line", "chain", "ceiling", "power",
           "powers", "mandate", "mandates", "register", "signing", "decision", "valid",
           "stated", "inferred", "assumed", "ungraded", "team-connecting", "dead", "end",
           "played", "plays", "search", "expand", "collapse", "fit", "show", "legend", "marks",
           "selected", "blocked", "route", "via"}
#: "route" and "via" are Dutch as well: allowed.
ALSO_DUTCH = {"route", "via", "end"}


@pytest.fixture(scope="module")
def voorbeeld(tmp_path_factory):
    """The municipality, imported from its HR workbook, with its powers,
    mandates and settings added as its analyst would."""
    tmp = tmp_path_factory.mktemp("nl")
    book = _hr_workbook(tmp / "formatie.xlsx")
    out = tmp / "voorbeeld"
    res = run("import", "posts", book, "--preset", "nl-hr", "--name", "Gemeente Voorbeeld",
              "--out", out)
    assert res.exit_code == 0, res.output
    import yaml
    manifest = yaml.safe_load((out / "org.yaml").read_text(encoding="utf-8"))
    assert manifest["language"] == "nl" and manifest["locale"] == "nl"   # from the preset
    manifest["powers"] = {"inkoop": {"name": "Inkoop en aanbesteding"}}
    (out / "org.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    with open(out / "edges.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    for col in ("powers", "mandate_kind", "ceiling", "valid_from", "note"):
        if col not in header:
            header.append(col)
            for r in rows[1:]:
                r.append("")
    for post, (typed, _) in CEILINGS.items():
        cells = dict.fromkeys(header, "")
        cells.update({"from": "F001", "to": post, "kind": "MANDATES", "evidence": "assumed",
                      "powers": "inkoop", "mandate_kind": "mandaat", "ceiling": typed,
                      "valid_from": "1 januari 2026",
                      "note": "mandaatbesluit inkoop, aangenomen voor deze test"})
        rows.append([cells[h] for h in header])
    with open(out / "edges.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    assert run("validate", "--org", out).exit_code == 0
    return out


def test_ceilings_in_every_notation_decide_on_both_sides(voorbeeld):
    org = orgmodel.load(voorbeeld)
    got = {v: d["ceiling"] for u, v, d in org.edges("MANDATES")}
    assert got == {post: value for post, (_, value) in CEILINGS.items()}
    for post, (_, ceiling) in CEILINGS.items():
        for amount, may in ((ceiling - 0.5, True), (ceiling, True), (ceiling + 1, False)):
            typed = f"{amount:,.2f}".replace(",", "#").replace(".", ",").replace("#", ".")
            res = run("who-decides", "inkoop", "--org", voorbeeld, "--amount", typed,
                      "--role", post)
            assert res.exit_code == 0, res.output
            # the answer in Dutch (the organisation's language), amounts in Dutch notation
            assert res.output.startswith("ja: " if may else "nee: "), (post, typed, res.output)
            if not may:
                shown = f"{ceiling:,.2f}".rstrip("0").rstrip(".")
                shown = shown.replace(",", "#").replace(".", ",").replace("#", ".")
                assert f"€\xa0{shown}" in res.output, res.output


def _visible_html(text):
    """The text a reader of a page sees: outside scripts and styles, and
    what the page's data puts on screen (labels, tooltips, its own texts)."""
    class Text(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts, self.skip = [], 0

        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style", "code"):      # (code is not prose)
                self.skip += 1
            for k, v in attrs:
                if k in ("placeholder", "aria-label", "title") and v:
                    self.parts.append(v)

        def handle_endtag(self, tag):
            if tag in ("script", "style", "code"):
                self.skip -= 1

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)
    p = Text()
    p.feed(text)
    m = re.search(r'<script type="application/json" id="orgdata">(.*?)</script>', text, re.S)
    if m:
        data = json.loads(m.group(1))
        p.parts += [n.get("label", "") + "\n" + n.get("title", "") for n in data["nodes"]]
        p.parts += [e.get("title", "") for e in data["edges"]]
        p.parts += list(data.get("ui", {}).values()) + list(data.get("kinds", {}).values())
        for r in data["routes"].values():
            p.parts += [s[2] for steps in r["next"].values() for s in steps]
    return "\n".join(p.parts)


def _the_datas_own(org):
    """The data's own words (names, ids, citations, notes): not orgmodel's text."""
    own = {str(org.name)}
    for n, d in org.graph.nodes(data=True):
        own |= {str(n), str(d.get("name", "")), str(d.get("source", "")), str(d.get("note", ""))}
    for _, _, d in org.graph.edges(data=True):
        own |= {str(d.get("source", "")), str(d.get("note", ""))}
    own |= {v.get("name", "") for v in (org.manifest.get("powers") or {}).values()}
    own |= set(org.manifest.get("sources") or {})         # (the ids rows cite)
    return sorted((w for w in own if w), key=len, reverse=True)


def _english_in(text, own):
    for w in own:
        text = text.replace(w, " ")
    # (code and file names are not text: `escalation` in org.yaml, findings.csv)
    text = re.sub(r"`[^`]*`|\b[\w.-]+\.(?:csv|json|md|html|svg|yaml|xlsx)\b|\{\w+\}", " ", text)
    words = re.findall(r"[A-Za-z][A-Za-z-]*", text)
    found = sorted({w for w in words if w.lower() in ENGLISH - ALSO_DUTCH})
    # English notation, where Dutch reads it otherwise: a decimal point (not
    # a Dutch thousands dot, always before three digits), or thousands
    # commas with a decimal point or in two groups (4,315 is Dutch: 4.315 fte)
    numbers = re.findall(r"(?<![\w.,-])\d+\.(?:\d{1,2}|\d{4,})(?![\w.,])"
                         r"|(?<![\w.,-])\d{1,3}(?:,\d{3})+\.\d+"
                         r"|(?<![\w.,-])\d{1,3}(?:,\d{3}){2,}(?![\d,])", text)
    return found, numbers


def test_the_report_page_diff_and_register_are_dutch(voorbeeld, tmp_path):
    org = orgmodel.load(voorbeeld)
    own = _the_datas_own(org)
    # the report, in the organisation's language without --lang
    res = run("report", "--org", voorbeeld, "--out", tmp_path / "rapport")
    assert res.exit_code == 0 and res.output.startswith("Rapport geschreven"), res.output
    md = (tmp_path / "rapport" / "report.md").read_text(encoding="utf-8")
    assert "## Samenvatting" in md
    texts = {"report.md": md.split("## Bestanden")[0],
             "report.html": _visible_html((tmp_path / "rapport" / "report.html").read_text())
             .split("Bestanden")[0],
             "graph.html": _visible_html((tmp_path / "rapport" / "graph.html").read_text())}
    # the register, as a mandaatregister
    reg = tmp_path / "mandaatregister.md"
    assert run("mandates", "--org", voorbeeld, "--out", reg).exit_code == 0
    texts["register"] = reg.read_text(encoding="utf-8")
    for column in ("bevoegdheid", "mandaatgever", "gemandateerde", "ondermandaat toegestaan",
                   "geldende grens", "mandaatbesluit", "datum besluit", "vindplaats",
                   "inwerkingtreding", "ondertekening"):
        assert column in texts["register"] or column in ("mandaatgever", "gemandateerde",
                                                         "ondermandaat toegestaan"), column
    # a reorganisation: a post closed, its staff to the secretary
    to_be = tmp_path / "nieuw"
    changes = tmp_path / "wijziging.yaml"
    changes.write_text("- close: F002\n  reports: superior\n", encoding="utf-8")
    res = run("whatif", "--org", voorbeeld, "--changes", changes, "--out", to_be)
    assert res.exit_code == 0, res.output
    texts["DIFF.md"] = (to_be / "DIFF.md").read_text(encoding="utf-8")
    texts["diff.html"] = _visible_html((to_be / "diff.html").read_text(encoding="utf-8"))
    header = (to_be / "changes.csv").read_text(encoding="utf-8").splitlines()[0]
    # (laid out as Excel set to Dutch opens it: a byte-order mark, ';' between cells)
    assert header == "\ufeffonderdeel;betreft;soort;status;toelichting"
    # (a what-if's title says its script: the two sides share a name and a date)
    assert texts["DIFF.md"].startswith("# Wat het wijzigingsscript wijziging.yaml verandert in ")
    for name, text in texts.items():
        words, numbers = _english_in(text, own)
        lines = [ln for ln in text.splitlines()
                 if any(re.search(rf"\b{re.escape(w)}\b", ln) for w in words + numbers)]
        assert not words and not numbers, (name, words, numbers, lines[:15])


def test_the_pages_legend_writes_its_kinds_alike(voorbeeld, tmp_path):
    # The legend's node kinds in one case: the Dutch one read "Functie", "Rol
    # (gespeeld door een functie)" above "orgaan", "persoon", "team".
    for lang in ("nl", "en"):
        out = tmp_path / f"graph-{lang}.html"
        assert run("export", "html", "--org", voorbeeld, "--out", out,
                   "--lang", lang).exit_code == 0
        page = out.read_text(encoding="utf-8")
        legend = page[page.index('<section id="legend">'):]
        nodes = legend.split("<h3>")[1]        # (the nodes' part: up to the edges')
        # (the kinds: not the mark of a vacant post, a dashed swatch)
        kinds = re.findall(r'<span class="sw" style="[^"]*"></span>([^<]+)</div>',
                           nodes.replace("; border-style: dashed\"></span>", "\" x>"))
        firsts = {k[0].isupper() for k in kinds if k[0].isalpha()}
        assert len(kinds) >= 3 and len(firsts) == 1, (lang, kinds)


def test_a_message_without_dutch_shows_in_this_scan():
    # the scan itself finds what it looks for (a test that cannot fail proves nothing)
    words, numbers = _english_in("3 findings with the rule | 1,234,567 | 0.5 fte | 1.234,5 | "
                                 "1,234.5 | 25.000 | 4,315", [])
    assert words == ["findings", "rule", "the", "with"]
    assert numbers == ["1,234,567", "0.5", "1,234.5"]


def test_bad_input_is_said_in_dutch(voorbeeld, tmp_path):
    # the same one clear message per problem, in the chosen language
    import shutil
    broken = tmp_path / "kapot"
    shutil.copytree(voorbeeld, broken)
    text = (broken / "edges.csv").read_text(encoding="utf-8")
    (broken / "edges.csv").write_text(text.replace(",F001,REPORTS_TO", ",F999,REPORTS_TO", 1)
                                      .replace("€ 25.000", "25.000.0"), encoding="utf-8")
    org = orgmodel.load(voorbeeld)
    for args in (["validate", "--org", broken, "--lang", "nl"],
                 ["summary", "--org", broken, "--lang", "nl"]):
        res = run(*args)
        assert res.exit_code == 1, res.output
        assert "problemen gevonden" in res.output and ", regel " in res.output, res.output
        assert "noemt 'F999', en dat is geen knooppunt in nodes.csv" in res.output, res.output
        # (the columns of the files are the user's own words: 'to', 'ceiling')
        from orgmodel.schema import EDGE_COLUMNS, EDGE_KINDS, FLOAT_COLUMNS, NODE_COLUMNS
        columns = [f"'{c}'" for c in NODE_COLUMNS + EDGE_COLUMNS] + list(FLOAT_COLUMNS) + \
            list(EDGE_KINDS)
        words, numbers = _english_in(res.output, _the_datas_own(org) + [str(broken)] + columns)
        assert not words, (words, res.output)
    # English stays English
    res = run("validate", "--org", broken, "--lang", "en")
    assert "problems found" in res.output and "which is not a node in nodes.csv" in res.output


def test_a_name_in_both_languages_is_shown_in_the_readers(voorbeeld, tmp_path):
    import shutil
    both = tmp_path / "tweetalig"
    shutil.copytree(voorbeeld, both)
    with open(both / "nodes.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[0].append("name_en")
    for r in rows[1:]:
        r.append("Municipal secretary" if r[0] == "F001" else "")
    with open(both / "nodes.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    assert run("validate", "--org", both).exit_code == 0
    for lang, shown, hidden in (("en", "Municipal secretary", "Gemeentesecretaris"),
                                ("nl", "Gemeentesecretaris", "Municipal secretary")):
        res = run("report", "--org", both, "--out", tmp_path / lang, "--lang", lang)
        assert res.exit_code == 0, res.output
        summary = (tmp_path / lang / "report.md").read_text(encoding="utf-8").split("\n## ")[1]
        assert shown in summary and hidden not in summary, (lang, summary)


def test_the_command_lines_own_usage_errors_in_dutch():
    # click's messages (an unknown option, a bad choice, a missing option) in
    # the asked language, and English again on the next command line
    res = run("span", "--org", "data/deventer", "--by", "x", "--lang", "nl")
    assert res.exit_code == 2
    assert "Fout: Ongeldige waarde voor '--by': 'x' is niet een van" in res.output, res.output
    assert "Gebruik: " in res.output and "voor hulp." in res.output
    res = run("report", "--lang", "nl", "--org", "data/deventer")
    assert "Fout: Ontbrekende optie '--out'." in res.output, res.output
    res = run("span", "--org", "data/deventer", "--by", "x")
    assert "Error: Invalid value for '--by'" in res.output and "Fout" not in res.output


def test_a_dutch_folders_usage_errors_are_dutch_without_lang(voorbeeld):
    """click's own usage errors (a choice it does not know, an option
    misspelt) for a command on a folder whose org.yaml says ``language: nl``
    came in English, where the command's other refusals are Dutch: click
    parses before the folder is read; an import under --preset nl-hr too.
    --lang en still asks for English."""
    res = run("span", "--org", voorbeeld, "--format", "xml")
    assert res.exit_code == 2 and "Fout: Ongeldige waarde voor '--format'" in res.output, \
        res.output
    assert "Gebruik: " in res.output and "Usage" not in res.output
    res = run("check", f"--org={voorbeeld}", "--only", "R1")
    assert res.exit_code == 2 and "Fout: Geen optie '--only'" in res.output, res.output
    res = run("span", "--org", voorbeeld, "--help")
    assert "Opties:" in res.output and "Spanwijdte" in res.output, res.output
    res = run("span", "--org", voorbeeld, "--format", "xml", "--lang", "en")
    assert "Error: Invalid value for '--format'" in res.output and "Fout" not in res.output
    # (an import of a Dutch file speaks Dutch, as its log does)
    res = run("import", "posts", ROOT / "docs" / "samples" / "formatie-voorbeeld.csv", "--preset", "nl-hr",
              "--full-time", "0", "--out", voorbeeld.parent / "niet")
    assert res.exit_code == 2 and "Fout: Ongeldige waarde voor '--full-time'" in res.output, \
        res.output


def test_a_refused_what_if_is_said_in_dutch(tmp_path):
    """The change named and the rule it breaks, in Dutch (the change itself
    in the script's own words): the web app shows the same message."""
    changes = tmp_path / "kring.yaml"
    changes.write_text("- rename: dd\n  name: Adjunct\n- move: gd\n  to: tm\n", encoding="utf-8")
    res = run("whatif", "--org", DATA / "template", "--changes", changes, "--out",
              tmp_path / "uit", "--lang", "nl")
    assert res.exit_code != 0
    assert ("wijziging 2 (move: gd, to: tm): het model dat eruit komt breekt de regels van het "
            "model: REPORTS_TO loopt in een kring") in res.output, res.output
    assert "change" not in res.output and "goes round" not in res.output
    # (what the change needs a node to be: 'geen post van' was English in Dutch)
    for script, said in (("- close: nope\n", "'nope' is geen functie van"),
                         ("- move: tm\n  to: nope\n", "'nope' is geen leidinggevende van")):
        changes.write_text(script, encoding="utf-8")
        res = run("whatif", "--org", DATA / "template", "--changes", changes, "--out",
                  tmp_path / "uit", "--lang", "nl")
        assert res.exit_code == 1 and said in res.output, res.output


def test_a_report_without_graphviz_says_so_in_dutch(tmp_path, monkeypatch):
    """On a machine without Graphviz the report says why it has no org chart,
    in the report's language (it said it in English)."""
    import orgmodel.formats._chart_draw as draw
    monkeypatch.setattr(draw.shutil, "which", lambda name: None)
    res = run("report", "--org", DATA / "template", "--out", tmp_path / "r", "--lang", "nl")
    assert res.exit_code == 0, res.output
    report = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    assert ("Geen organogram: Graphviz (dot) is niet geïnstalleerd: installeer het "
            "Debian-pakket graphviz") in report, report
    assert "not installed" not in report


def test_the_day_written_is_source_date_epochs_and_a_bad_one_is_refused(tmp_path, monkeypatch):
    """With SOURCE_DATE_EPOCH the report and the page say that day (a team
    keeping reports in git sees no change from the day alone); a value that is
    not a number of seconds is one clear message, and nothing is written."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")        # 2026-01-01 00:00 UTC
    res = run("report", "--org", DATA / "template", "--out", tmp_path / "r", "--lang", "nl")
    assert res.exit_code == 0, res.output
    assert "Rapport geschreven door orgmodel op 1 januari 2026" in \
        (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    res = run("export", "html", "--org", DATA / "template", "--out", tmp_path / "g.html")
    assert res.exit_code == 0, res.output
    assert "exported 1 January 2026" in (tmp_path / "g.html").read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1 januari")
    for args in (("report", "--out", tmp_path / "r2", "--lang", "nl"),
                 ("export", "html", "--out", tmp_path / "g2.html")):
        res = run(*args, "--org", DATA / "template")
        assert res.exit_code == 1, res.output
        assert "SOURCE_DATE_EPOCH is '1 januari'" in res.output, res.output
        assert "Traceback" not in res.output
    assert not (tmp_path / "r2").exists() and not (tmp_path / "g2.html").exists()


def test_a_missing_file_folder_or_column_is_said_in_dutch(tmp_path):
    """What a user mistypes first (a file or folder that is not there, a
    spreadsheet without the column a preset needs) in Dutch: click's own
    'File ... does not exist.', the folder's 'does not exist' and the
    column's purpose ('superior', 'post id') were English in a Dutch line."""
    posts = tmp_path / "formatie.csv"
    posts.write_text("id,naam,leidinggevende\nA,Een,\nB,Twee,A\n", encoding="utf-8")
    cases = [(("import", "posts", tmp_path / "weg.csv", "--out", tmp_path / "o"),
              "'" + str(tmp_path / "weg.csv") + "' bestaat niet.", 2),
             (("convert", tmp_path / "weg", tmp_path / "x.xlsx"), "bestaat niet.", 2),
             (("validate", "--org", tmp_path / "weg"),
              "bestaat niet: geef de map van de organisatie", 1),
             (("validate", "--org", posts), "één .csv-bestand is geen organisatie", 1),
             (("import", "posts", posts, "--out", tmp_path / "o"),
              "heeft geen kolom 'reports_to' voor de leidinggevende", 1),
             (("import", "posts", posts, "--out", tmp_path / "o", "--preset", "nl-hr"),
              "heeft geen kolom 'formatieplaats' voor de functie-id", 1)]
    for args, dutch, code in cases:
        res = run(*args, "--lang", "nl")
        assert res.exit_code == code, (args, res.output)
        assert dutch in res.output, (args, res.output)
        for english in ("File '", "does not exist", "superior", "post id", "Error"):
            assert english not in res.output, (args, english, res.output)
    res = run("import", "posts", posts, "--out", tmp_path / "o")       # English stays English
    assert "has no column 'reports_to' for the superior" in res.output, res.output


def test_every_command_takes_lang():
    """--lang on every command line (import org, synth, convert, users ... had
    none: the Dutch user's --lang nl was refused as an unknown option)."""
    import click

    from orgmodel.cli import cli

    def commands(group, path):
        for name, cmd in group.commands.items():
            if isinstance(cmd, click.Group):
                yield from commands(cmd, path + [name])
            else:
                yield path + [name], cmd
    found = list(commands(cli, []))
    assert len(found) > 30
    without = [" ".join(p) for p, cmd in found
               if "--lang" not in {o for prm in cmd.params for o in getattr(prm, "opts", [])}]
    assert not without, without


def test_orgmodels_own_usage_errors_in_dutch(tmp_path):
    """orgmodel's own refusals of a command line (a role or power that is not
    there, a date that is not one, a kind that does not exist, a side of a
    diff that is missing) in Dutch, also when --lang comes after the option
    refused; English without --lang."""
    from orgmodel.schema import NODE_KINDS  # (the kinds are the files' own words)
    org = DATA / "template"
    cases = [(("escalate", "niemand", "--org", org), "geen functie of rol past bij 'niemand'"),
             (("who-decides", "iets", "--org", org), "'iets' is geen bevoegdheid die Sample kent"),
             (("summary", "--on", "2026-13-01", "--org", org),
              "'2026-13-01' is een datum die niet bestaat"),
             (("summary", "--on", "2026-1-x", "--org", org),
              "'2026-1-x' is geen datum: schrijf hem als JJJJ-MM-DD"),
             (("export", "html", "--org", org, "--out", tmp_path / "x.html", "--kinds", "Foo"),
              "'Foo' is geen soort knooppunt"),
             (("diff", org, tmp_path / "weg", "--out", tmp_path / "d"), "weg bestaat niet"),
             (("users", "list"), "geef precies één van --org MAP of --neo4j ORG_NAAM"),
             (("escalate", "--org", org), "geef een ROL, --all of --load (één ervan)")]
    for args, dutch in cases:
        res = run(*args, "--lang", "nl")
        assert res.exit_code != 0, (args, res.output)
        assert dutch in res.output, (args, res.output)
        said = "\n".join(x for x in res.output.splitlines() if not x.startswith("Gebruik:"))
        words, _ = _english_in(said, _the_datas_own(orgmodel.load(org)) + [
            str(tmp_path), str(org), "leading", "budget", "hr", "--all", "--load"] + list(NODE_KINDS))
        assert not words and "Error" not in res.output, (args, words, res.output)
    res = run("escalate", "niemand", "--org", org)
    assert "no role matches 'niemand'" in res.output, res.output


def test_the_web_apps_and_librarys_refusals_in_dutch(tmp_path):
    """What the web app shows when it refuses (an account, a draft, a version
    that is not there) and the library's refusals of a folder or an option,
    rendered in Dutch as the app and the command line render them."""
    from orgmodel.drafts import Drafts
    from orgmodel.i18n import said, translator
    from orgmodel.report import write_report
    from orgmodel.users import Users
    from orgmodel.workspace import FolderWorkspace
    org = copy_template(tmp_path)
    (tmp_path / "vol").mkdir()
    (tmp_path / "vol" / "iets.txt").write_text("x", encoding="utf-8")
    attempts = {
        "heeft 10 tekens of meer": lambda: Users(tmp_path / "u.json").add("anna", "admin", "kort"),
        "geen rol 'baas': kies": lambda: Users(tmp_path / "u.json").add("anna", "baas",
                                                                        "lang genoeg wachtwoord"),
        "geen concept met de naam 'x'": lambda: Drafts(tmp_path).get("x"),
        "geen versie 5: de versies zijn 0 tot en met 0": lambda: FolderWorkspace(org).at(5),
        "bevat bestanden die geen rapport van orgmodel zijn (iets.txt)":
            lambda: write_report(orgmodel.load(org), tmp_path / "vol", lang="nl"),
        "spanwijdte per 'x': gebruik posts, people of fte":
            lambda: orgmodel.span_of_control(orgmodel.load(org), by="x"),
    }
    t = translator("nl")
    for dutch, attempt in attempts.items():
        with pytest.raises(orgmodel.OrgModelError) as refused:
            attempt()
        said_nl = t(said(refused.value))
        assert dutch in said_nl, said_nl
        words, _ = _english_in(said_nl, [str(tmp_path), "posts", "people", "fte", "admin",
                                         "editor", "viewer"])
        assert not words, (words, said_nl)


def test_the_password_prompt_in_dutch(tmp_path):
    """`users add` on a terminal asks for the password twice in Dutch, and
    says so in Dutch when the two differ (click's prompt texts were English)."""
    import os
    import pty
    import select
    import sys
    import time
    org = copy_template(tmp_path)
    pid, fd = pty.fork()
    if pid == 0:                                       # (the child: the command on a terminal)
        os.execv(sys.executable, [sys.executable, "-m", "orgmodel", "users", "add", "bob",
                                  "--role", "viewer", "--org", str(org), "--lang", "nl"])
    seen = b""

    def until(marker):
        nonlocal seen
        end = time.monotonic() + 60
        while marker not in seen and time.monotonic() < end:
            if select.select([fd], [], [], 0.2)[0]:
                try:
                    seen += os.read(fd, 1024)
                except OSError:
                    break
        return marker in seen
    try:
        assert until(b"Wachtwoord: "), seen
        os.write(fd, b"een lang wachtwoord\n")
        assert until(b"Herhaal ter bevestiging: "), seen
        os.write(fd, b"een ander wachtwoord\n")
        assert until(b"Fout: de twee ingevoerde waarden zijn niet gelijk."), seen
        assert b"Password" not in seen and b"Repeat" not in seen, seen
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)


def test_an_unreadable_org_file_is_said_in_dutch(tmp_path):
    """W3C ORG files that cannot be imported (a context named by address, a
    graph with no organisation in it, JSON that does not parse) in Dutch:
    their messages were English f-strings."""
    remote = tmp_path / "ver.jsonld"
    remote.write_text('{"@context": "http://example.org/ctx", "@id": "x"}', encoding="utf-8")
    empty = tmp_path / "leeg.ttl"
    empty.write_text("@prefix x: <http://x/> .\nx:a x:b x:c .\nx:a x:b x:d .\n", encoding="utf-8")
    broken = tmp_path / "kapot.jsonld"
    broken.write_text('{"@id": ', encoding="utf-8")
    for source, dutch in ((remote, "noemt zijn @context met een adres (http://example.org/ctx)"),
                          (empty, "bevat geen organisatie: geen van zijn 2 uitspraken noemt"),
                          (broken, "is geen geldige JSON: ")):
        res = run("import", "org", source, "--out", tmp_path / "uit", "--lang", "nl")
        assert res.exit_code == 1 and dutch in res.output, res.output
        assert not (tmp_path / "uit").exists()
    res = run("import", "org", empty, "--out", tmp_path / "uit")
    assert "holds no organisation: none of its 2 statements names an org:Post" in res.output


def test_every_refusal_can_be_said_in_dutch():
    """Every error and problem orgmodel raises with words of its own is a
    message the catalog translates: an f-string or a plain text without
    Dutch was said in English to a Dutch reader (51 were, in round three).
    The exceptions are errors no user input can cause (a programming slip)."""
    import ast
    from pathlib import Path

    from orgmodel.i18n import messages
    internal = {("__init__.py", "__getattr__"), ("escalation.py", "_carry_up"),
                ("i18n.py", "messages"), ("i18n.py", "translator"), ("indb.py", "_work_out"),
                ("store.py", "_text"), ("store.py", "cypher"), ("store.py", "push")}

    def english_words(arg):
        # an f-string or a joined text as the words themselves (an f-string
        # inside a Message's values is a value, not words)
        if isinstance(arg, ast.JoinedStr):
            return True
        if isinstance(arg, ast.BinOp):
            return english_words(arg.left) or english_words(arg.right)
        if isinstance(arg, ast.Call) and getattr(arg.func, "id", "") != "Message":
            return any(english_words(a) for a in arg.args)
        return isinstance(arg, ast.Constant) and isinstance(arg.value, str) and \
            " " in arg.value and (None, arg.value) not in dutch
    dutch = messages("nl")
    root = Path(orgmodel.__file__).parent
    english = []
    for f in sorted(root.rglob("*.py")):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if (str(f.relative_to(root)), fn.name) in internal:
                continue
            for call in ast.walk(fn):
                name = getattr(call.func, "id", getattr(call.func, "attr", "")) \
                    if isinstance(call, ast.Call) else ""
                if not (name == "Problem" or name.endswith("Error")
                        or name in ("BadParameter", "UsageError", "Refused")):
                    continue
                if any(english_words(arg) for arg in call.args):
                    english.append(f"{f.relative_to(root)}:{call.lineno} in {fn.name}")
    assert not english, english


def _commands_of(group, path=()):
    """``(path, command)`` of orgmodel's command line, groups included."""
    import click
    yield list(path), group
    for name in sorted(getattr(group, "commands", {})):
        cmd = group.commands[name]
        if isinstance(cmd, click.Group):
            yield from _commands_of(cmd, path + (name,))
        else:
            yield list(path) + [name], cmd


def test_every_commands_help_is_dutch_under_lang_nl(monkeypatch):
    """--help with --lang nl (or ORGMODEL_LANG=nl) says the command's own text
    and every option's in Dutch (they were English under click's Dutch
    headings), and English again without it."""
    from orgmodel.cli import VALUE_NAMES, cli, help_texts
    from orgmodel.i18n import translator

    def flat(text):          # (click wraps lines, also after a hyphen)
        return "".join(text.split())
    nl = translator("nl")
    checked = 0
    for path, cmd in _commands_of(cli):
        own = [text for holder, text in help_texts(cmd)
               if holder is cmd or holder in cmd.params]
        said = run(*path, "--help", "--lang", "nl").output
        dutch = flat(said)
        english = flat(run(*path, "--help").output)
        for text in own:
            assert flat(nl(text)) != flat(text), (path, text)      # (it has Dutch)
            assert flat(nl(text)) in dutch and flat(text) not in dutch, (path, text, dutch)
            assert flat(text) in english, (path, text, english)
            checked += 1
        assert "Gebruik:" in dutch and "Opties:" in dutch and "Usage:" in english
        # (the usage line's own words: `[OPTIONS]`, `--org PATH`, `--name TEXT`)
        assert not re.search(r"\[OPTIONS\]|COMMAND \[ARGS\]|--[\w-]+ (PATH|TEXT|INTEGER|"
                             r"DIRECTORY|FILE)\b", said), (path, said)
        # (the names of values, in the usage line, the options and the texts alike:
        # `escalate [OPTIES] [ROL]`, `--on DATUM`, "Naar wie ROL ...")
        untranslated = [w for w in VALUE_NAMES if w != nl(w) and re.search(
            rf"(?<![\w|=]){re.escape(w)}(?![\w|=])", said)]
        assert untranslated == [], (path, untranslated, said)
        assert "[OPTIONS]" in english
    assert checked > 140
    monkeypatch.setenv("ORGMODEL_LANG", "nl")
    res = run("db", "push", "--help")
    assert "[omgevingsvariabele:NEO4J_PASSWORD]" in flat(res.output), res.output
    assert "[standaard:1000;x>=1]" in flat(res.output), res.output


def test_a_dutch_organisations_refusals_are_dutch_without_lang(tmp_path):
    """An organisation whose org.yaml says ``language: nl`` speaks Dutch
    without --lang: its analyses did, but their refusals (a role or power
    that is not there, a folder that does not read, an import under the
    nl-hr preset) and click's "Error:" were English."""
    d = copy_template(tmp_path)
    with open(d / "org.yaml", "a", encoding="utf-8") as f:
        f.write("\nlanguage: nl\n")
    res = run("escalate", "niemand", "--org", d)
    assert res.exit_code == 1 and "Fout: geen functie of rol past bij 'niemand'" in res.output, res.output
    res = run("who-decides", "niets", "--org", d)
    assert res.exit_code == 1 and "Fout: 'niets' is geen bevoegdheid" in res.output, res.output
    res = run("escalate", "niemand", "--org", d, "--lang", "en")       # asked: English
    assert "Error: no role matches 'niemand'" in res.output, res.output
    with open(d / "nodes.csv", "a", encoding="utf-8") as f:
        f.write("x,y\n")
    for args in (("validate", "--org", d), ("diff", d, d), ("summary", "--org", d)):
        res = run(*args)
        assert res.exit_code == 1 and "1 probleem gevonden" in res.output, (args, res.output)
        assert "problem" not in res.output and "Error" not in res.output, (args, res.output)
    posts = tmp_path / "formatie.csv"
    posts.write_text("Formatieplaats;Functie;FTE;FTE\nF1;Secretaris;1;1\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 1 and "formatie.csv: 1 probleem gevonden" in res.output, \
        res.output
    # (the column as the file writes it, not folded: 'FTE', where it said 'fte')
    assert res.output.startswith("Fout: ") and \
        "kolom 'FTE' komt twee keer voor (kolommen 3 en 4)" in res.output, res.output
    res = run("escalate", "niemand", "--org", DATA / "template")      # the next one: English
    assert "Error: no role matches 'niemand'" in res.output, res.output


def test_the_import_log_of_a_dutch_export_is_dutch(tmp_path):
    """IMPORT.md of an nl-hr import says what it decided in Dutch: the
    decisions (a superior's id in other case, a post over itself), the
    superiors not in the file, one name on several posts and a job share
    were English sentences (made text before the log was translated)."""
    posts = tmp_path / "formatie.csv"
    posts.write_text(
        "Formatieplaats;Functie;Medewerker;Leidinggevende functie;Organisatie-eenheid;FTE\n"
        "F001;Secretaris;Anna;;Directie;1\n"
        "F002;Teamleider;Bob;f001;Directie;1\n"
        "F003;Adviseur;Cees;F003;Directie;1\n"
        "F004;Adviseur;Anna;F002;Directie;0,5\n"
        "F005;Adviseur;Dirk;X99;Directie;1\n"
        "F006;Jurist;Eva;F002;Directie;0,5\n"
        "F006;Jurist;Fleur;F002;Directie;0,5\n"
        "F007;Adviseur;n.v.t.;F002;Directie;1\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--name", "Proef",
              "--unknown-superior", "external", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    log = (tmp_path / "o" / "IMPORT.md").read_text(encoding="utf-8")
    for dutch in ("valt onder 'f001', gelezen als functie F001",
                  "valt onder zichzelf: gelezen als een top", "X99 (regel 6)",
                  "Eén naam op meer functies (gelezen als één persoon): Anna",
                  "F006 op regels 7, 8", "1 eenheid."):
        assert dutch in log, (dutch, log)
    own = ["Proef", "Secretaris", "Teamleider", "Adviseur", "Jurist", "Directie", "Anna",
           "Bob", "Cees", "Dirk", "Eva", "Fleur"]
    assert _english_in(log, own) == ([], []), log
    # what the import writes into the data itself (shown in the report and
    # chart): a superior outside the file, a holder not named, notes
    nodes = (tmp_path / "o" / "nodes.csv").read_text(encoding="utf-8")
    for dutch in ("Functie X99 (niet in dit bestand)", "(naam niet gegeven)",
                  "bekleder gegeven als 'n.v.t.'", "gelezen als één persoon",
                  "een duobaan, fte opgeteld"):
        assert dutch in nodes, (dutch, nodes)
    assert "not in this file" not in nodes and "(name not disclosed)" not in nodes


def test_a_messy_dutch_workbooks_import_is_said_in_dutch(tmp_path):
    """What an import of a Dutch HR workbook says and writes (the terminal,
    IMPORT.md, the citations in the data) is Dutch, whatever the file holds:
    a title, a totals row, a merged unit, a date as a number, hours, a job
    share, an unknown superior, an untitled post. The hint of a bad date
    said "or" in a Dutch sentence, and every citation "posts line 2"."""
    import datetime

    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Formatie per 1 januari 2026"])
    ws.append(["Formatieplaats", "Functie", "Medewerker", "Leidinggevende functie", "FTE",
               "Afdeling", "Ingangsdatum"])
    ws.append([1001, "Directeur", "Anna de Vries", None, "1 fte", "Directie",
               datetime.datetime(2024, 3, 1)])
    ws.append([1002, "Teammanager", "N.N.", 1001, 0.8, "Publiekszaken", 45352])
    ws.append([1003, None, "Vacature (in werving)", 1002, "32 uur", None, None])
    ws.append([1004, "Adviseur", "Bram Jansen", "Wethouder", "50%", None, None])
    ws.append([1004, "Adviseur", "Chris Bakker", "Wethouder", "50%", None, None])
    ws.append(["Totaal", None, None, None, 3.3])
    ws.merge_cells("F4:F5")
    wb.save(tmp_path / "formatie.xlsx")
    res = run("import", "posts", tmp_path / "formatie.xlsx", "--preset", "nl-hr", "--out",
              tmp_path / "o", "--unknown-superior", "external")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "o")
    log = (tmp_path / "o" / "IMPORT.md").read_text(encoding="utf-8")
    # (a date cell holding Excel's day number: said with that cause, in Dutch)
    assert "'45352' is het getal waarmee een spreadsheet een dag telt (2024-03-01 in Excel)" \
        in log and ", of schrijf 2024-03-01" in log and "regel 4" in log
    assert "Wethouder (regel 6)." in log            # ("regels 6" before)
    assert {d["source"].split(" ")[1] for _, d in org.graph.nodes(data=True)} == {"regel"}
    own = [n for n, d in org.graph.nodes(data=True)] + [
        str(d.get("name", "")) for _, d in org.graph.nodes(data=True)] + [
        "Formatie per 1 januari 2026", "Formatieplaats", "Wethouder", str(tmp_path)]
    for text in (res.output, log):
        words, numbers = _english_in(text, sorted(own, key=len, reverse=True))
        assert not words and not numbers, (words, numbers, text)


def test_one_of_a_thing_is_said_in_the_singular(tmp_path):
    """"1 functies", "(1 mensen)", "(1 functies geven geen fte)": a report
    of one post, or a span with one person under it, was said in the
    plural, in Dutch and English alike."""
    md = {}
    for lang in ("nl", "en"):
        for org in ("deventer-2010", "template"):
            res = run("--lang", lang, "report", "--org", DATA / org, "--out",
                      tmp_path / lang / org)
            assert res.exit_code == 0, res.output
            md[lang, org] = (tmp_path / lang / org / "report.md").read_text(encoding="utf-8")
    assert "**De organisatie**: 1 functie (" in md["nl", "deventer-2010"]
    assert "Formatie: **1 functie**, geen fte opgegeven; wie de functies" in \
        md["nl", "deventer-2010"]
    assert "**The organisation**: 1 post (" in md["en", "deventer-2010"]
    assert "met 2 directe ondergeschikten (1 persoon)" in md["nl", "template"]
    assert "with 2 direct reports (1 person)" in md["en", "template"]
    for text in md.values():
        assert not re.search(r"(?<![\d.,])1 (functies|mensen|personen|posts|people)\b", text)
    # (deventer-2010's one post gives no FTE: "geen fte opgegeven", and the
    # singular of "(1 functie geeft geen fte)" is asked of a file in
    # test_a_formation_without_fte_says_none_is_given)
    res = run("--lang", "nl", "formation", "--org", DATA / "deventer-2010")
    assert "In totaal: 1 functie," in res.output and "geen fte opgegeven" in res.output
    # the import's log of a file of one post
    posts = tmp_path / "een.csv"
    posts.write_text("Functienummer;Functie;Leidinggevende\nF1;Directeur;\n", encoding="utf-8")
    for lang, said, imported in (
            ("nl", "- 1 regel gelezen: 1 functie, 0 eenheden.",
             "1 knooppunt en 0 relaties geïmporteerd in"),
            ("en", "- 1 row read: 1 post, 0 units.", "Imported 1 node and 0 edges into")):
        res = run("--lang", lang, "import", "posts", posts, "--preset", "nl-hr", "--out",
                  tmp_path / f"een-{lang}")
        assert res.exit_code == 0 and said in res.output and imported in res.output, res.output
    res = run("--lang", "nl", "convert", tmp_path / "een-nl", tmp_path / "een.xlsx")
    assert res.exit_code == 0 and "1 knooppunt, 0 relaties geschreven naar" in res.output


def test_one_of_a_thing_in_the_summary_formation_and_report(tmp_path):
    """The same in `summary`, `formation` and the report's FTE line: "over 1
    posts with an FTE; 1 people in post", "op de 1 functies die er een
    opgeven"."""
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie;FTE\n"
                 "F1;Directeur;Anna;;1\nF2;Adviseur;Vacature;F1;\n", encoding="utf-8")
    assert run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o").exit_code == 0
    org = tmp_path / "o"
    en = run("--lang", "en", "summary", "--org", org).output
    assert "over 1 post with an FTE; 1 person in post" in en
    nl = run("summary", "--org", org).output
    assert "over 1 functie met een fte; 1 persoon in functie" in nl
    assert "2 functies (1 vacant), 1 persoon" in run("formation", "--org", org).output
    assert run("report", "--org", org, "--out", tmp_path / "r").exit_code == 0
    md = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    assert "1 fte op de 1 functie die er een opgeeft" in md
    assert not re.search(r"(?<![\d.,])1 (functies|mensen|personen)\b", md + nl)


#: More English words a message of orgmodel's own could leave in a Dutch
#: one (none of them Dutch).
MESSAGE_ENGLISH = ENGLISH | {
    "file", "files", "missing", "must", "be", "whole", "number", "list", "such", "settings",
    "key", "empty", "date", "text", "least", "most", "names", "ordinary", "reads", "row",
    "rows", "column", "columns", "cells", "cell", "sheet", "workbook", "header", "does",
    "exist", "folder", "an", "it", "needs", "there", "should", "use", "give", "save", "than",
    "more", "less", "only", "name", "kind", "found", "problem", "problems", "read"}


def _vocabulary() -> set:
    """The data's own words: the kinds, columns, org.yaml's keys and the
    values the schema lists (a message names them as the data writes them)."""
    from orgmodel import schema

    def words(x):
        if isinstance(x, dict):
            for k, v in x.items():
                yield str(k)
                yield from words(v)
        elif isinstance(x, (list, tuple, set, frozenset)):
            for v in x:
                yield from words(v)
        elif isinstance(x, str):
            yield x
    found = set(words(schema.MANIFEST_SCHEMA)) | {"true", "false"}
    for name in dir(schema):
        if name.isupper():
            found |= set(words(getattr(schema, name)))
    return found


def _bad_input_cases():
    from test_bad_input import CASES, FILE_CASES
    # (the YAML parser's own words, quoted as it gives them: not orgmodel's)
    folder = [pytest.param("folder", c[1], id=c[0]) for c in CASES if c[0] != "yaml syntax"]
    return folder + [pytest.param("file", c[1], id=c[0]) for c in FILE_CASES]


@pytest.mark.parametrize("how,make", _bad_input_cases())
def test_every_bad_input_is_said_in_dutch(tmp_path, how, make, monkeypatch, request):
    """Every bad input of tests/test_bad_input.py, under --lang nl: its
    problem is said without English words of orgmodel's own ("file is
    missing", "moet a whole number zijn" were, in round four).  The data's
    own words are quoted ('civil') and left out of the scan."""
    import shutil
    if "too large" in request.node.name:
        monkeypatch.setenv("ORGMODEL_MAX_WORKBOOK_MB", "0.01")
    if how == "folder":
        d = tmp_path / "org"
        shutil.copytree(DATA / "template", d)
        make(d)
        args = ["report", "--org", d, "--out", tmp_path / "report"]
    else:
        args = make(tmp_path)
    res = run(*args, "--lang", "nl")
    assert res.exit_code == 1, res.output
    lines = [ln.strip() for ln in res.output.splitlines() if ln.strip()]
    said = lines[1] if "gevonden" in lines[0] else lines[0]
    # (where it is, "formatie.xlsx, blad nodes, regel 3", is said in Dutch
    # too: "sheet nodes" was, for a workbook's sheet with no rows)
    said = re.sub(r"(?<=blad )[^,:]+", " ", said)          # (a sheet's own name)
    unquoted = re.sub(r"'[^']*'|\"[^\"]*\"|\([^()]*\.\.\.\)|--[\w-]+|ORGMODEL_\w+|\[\w+, \w+\]"
                      r"|[\w.-]+\.(?:csv|yaml|xlsx|xls|ttl|jsonld)\b"
                      r"|\w+(?:\.\w+|\[\d+\])+", " ", said)       # (and org.yaml's key paths)
    words = sorted({w for w in re.findall(r"[A-Za-z][\w-]*", unquoted)
                    if w.lower() in MESSAGE_ENGLISH - ALSO_DUTCH and w not in _vocabulary()})
    assert not words, (words, said)


def test_where_a_problem_is_and_an_empty_change_are_said_in_dutch(tmp_path):
    """A workbook's sheet with no rows was named `formatie.xlsx, sheet nodes`
    in a Dutch message (a place with no row number was left untranslated),
    and a what-if change naming no verb said `(gekregen: nothing)`."""
    book = tmp_path / "org.xlsx"
    assert run("convert", DATA / "template", book).exit_code == 0
    from openpyxl import load_workbook
    wb = load_workbook(book)
    for row in wb["nodes"].iter_rows():
        for c in row:
            c.value = None
    wb.save(book)
    res = run("validate", "--org", book, "--lang", "nl")
    assert res.exit_code == 1
    assert "org.xlsx, blad nodes: is leeg" in res.output, res.output
    changes = tmp_path / "changes.yaml"
    changes.write_text("- {}\n", encoding="utf-8")
    res = run("whatif", "--org", DATA / "deventer", "--changes", changes, "--out",
              tmp_path / "w", "--lang", "nl")
    assert res.exit_code == 1 and "(gekregen: niets)" in res.output, res.output


def test_a_date_on_the_command_line_as_dutch_writes_it(tmp_path):
    """--on 1-2-2027 and --on '1 februari 2027' for a Dutch organisation (or
    under --lang nl) read as 2027-02-01, as ISO does; an English one refuses
    the numbers (01/02 reads as two dates in English) and takes 1 February
    2027; import posts --date reads a Dutch export's 31-12-2026."""
    org = copy_template(tmp_path)
    manifest = org / "org.yaml"
    manifest.write_text("language: nl\n" + manifest.read_text(encoding="utf-8"),
                        encoding="utf-8")
    base = ["escalate", "fire", "--org", org]
    iso = run(*base, "--on", "2027-02-01")
    assert iso.exit_code == 0 and "buiten de organisatie" not in iso.output, iso.output
    for written in ("1-2-2027", "01-02-2027", "1 februari 2027", "1 feb. 2027"):
        res = run(*base, "--on", written)
        assert res.exit_code == 0 and res.output == iso.output, (written, res.output)
    before = run(*base, "--on", "31 december 2026")
    assert "buiten de organisatie" in before.output, before.output
    bad = run(*base, "--on", "31-2-2027")
    assert bad.exit_code == 2 and "'31-2-2027' is een datum die niet bestaat" in bad.output
    english = DATA / "template"
    res = run("escalate", "fire", "--org", english, "--on", "1-2-2027")
    assert res.exit_code == 2 and "write it as YYYY-MM-DD or 31 December 2026" in res.output
    res = run("escalate", "fire", "--org", english, "--on", "1 February 2027")
    assert res.exit_code == 0 and "General director" in res.output, res.output
    res = run("escalate", "fire", "--org", english, "--on", "1-2-2027", "--lang", "nl")
    assert res.exit_code == 0 and "buiten de organisatie" not in res.output, res.output
    posts = tmp_path / "formatie.csv"
    posts.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie\n"
                     "F001;Secretaris;Anna;\nF002;Adviseur;Bob;F001\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--name", "Proef", "--date",
              "31-12-2026", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert orgmodel.load(tmp_path / "o").manifest["date"] == "2026-12-31"
    res = run("import", "posts", posts, "--preset", "nl-hr", "--name", "Proef", "--date",
              "31-13-2026", "--out", tmp_path / "p")
    assert res.exit_code == 2 and "'31-13-2026'" in res.output and not (tmp_path / "p").exists()


@pytest.mark.parametrize("broken, dutch, english", [
    ("name: Sample\n\tdate: '2026-01-01'\n", "regel 3: is geen geldige YAML: een tab gevonden: "
     "YAML springt in met spaties", "found a tab: YAML indents with spaces"),
    # ('@' was said to be "a tab?": a value YAML keeps a first character of for itself)
    ("name: @Sample\n", "regel 2: is geen geldige YAML: teken '@' gevonden, waarmee een waarde "
     "niet kan beginnen: zet de waarde tussen aanhalingstekens",
     "found character '@', which cannot start a value: put the value between quotes"),
    ("name: Sample: de gemeente\n", "hier kan geen 'sleutel: waarde' staan (een ':' in een "
     "waarde: zet de waarde tussen aanhalingstekens)", "mapping values are not allowed here"),
    ('name: "Sample\n', "het bestand houdt op midden in een waarde (een aanhalingsteken of "
     "haakje niet gesloten?)", "the file ends inside a value"),
    ("name: Sample\nrules: [a, b\n", "verwacht werd ',' of ']', maar gevonden: het einde van "
     "het bestand", "expected ',' or ']', but found the end of the file"),
    ("name: Sample\npowers:\n  budget: {name: Budget}\n leading: {name: Leiding}\n",
     "regel 5: is geen geldige YAML: de inspringing past niet bij de regels erboven (gevonden: "
     "een regel 'sleutel: waarde')", "the indentation does not match the lines above"),
])
def test_an_org_yaml_that_does_not_read_is_said_in_its_language(tmp_path, broken, dutch,
                                                                english):
    """An org.yaml YAML cannot read (a tab, a colon in a value, a quote not
    closed) was said in English, PyYAML's words, also with 'language: nl' on
    its first line: the folder's language was read from the YAML that did
    not read.  Now the line 'language: nl' says it, and what is wrong is in
    Dutch; an English folder keeps PyYAML's words (with the hint)."""
    org = copy_template(tmp_path)
    (org / "org.yaml").write_text("language: nl\n" + broken, encoding="utf-8")
    res = run("validate", "--org", org)
    assert res.exit_code == 1 and "1 probleem gevonden" in res.output, res.output
    assert dutch in res.output, res.output
    assert english not in res.output
    (org / "org.yaml").write_text("language: en\n" + broken, encoding="utf-8")
    res = run("validate", "--org", org)
    assert res.exit_code == 1 and english in res.output and "probleem" not in res.output


@pytest.mark.parametrize("command", ["who-decides leading", "escalate --all", "span", "layers",
                                     "formation", "partners", "check", "portfolios", "advice",
                                     "escalate --load", "escalate tm-bdo"])
def test_no_two_columns_of_a_table_share_a_dutch_heading(command):
    """who-decides showed 'functie' over the post's id and again over its
    name; the route tables 'route' over the route's number, its steps and
    its kind.  Every table a command prints has one heading per column in
    Dutch, as in English."""
    from orgmodel.i18n import translator
    res = run(*command.split(), "--org", DATA / "deventer", "--format", "csv")
    assert res.exit_code == 0, res.output
    columns = next(csv.reader(res.output.splitlines()))
    headings = [translator("nl").column(c) for c in columns]
    assert len(set(headings)) == len(headings), dict(zip(columns, headings))


@pytest.mark.parametrize("id_col,sup_col", [("Functienr.", "Leidinggevende"),
                                            ("Formatieplaatsnr", "Rapporteert aan"),
                                            ("Functie-ID", "Leidinggevende functie"),
                                            ("Functiecode", "Functienr. leidinggevende"),
                                            ("Medewerkernummer", "Leidinggevende")])
def test_nl_hr_reads_abbreviated_column_names(tmp_path, id_col, sup_col):
    """An HR export's abbreviated headers ("Functienr.", "Formatieplaatsnr")
    and "Rapporteert aan" for the superior
    are read by the nl-hr preset; they were refused as having no id column."""
    f = tmp_path / "f.csv"
    f.write_text(f"{id_col};Functie;{sup_col};Fte\nF1;Directeur;;1,0\n"
                 "F2;Adviseur;F1;0,8\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert f"functie-id uit '{id_col}'; leidinggevende uit '{sup_col}'" in res.output
    edges = (tmp_path / "o" / "edges.csv").read_text(encoding="utf-8")
    assert "\nF2,F1,REPORTS_TO," in edges


@pytest.mark.parametrize("fte_col", ["Aantal FTE", "FTE aantal", "Omvang (fte)", "Formatie (FTE)"])
def test_nl_hr_reads_an_fte_column_by_its_other_names(tmp_path, fte_col):
    """`Aantal FTE` was a column not read: the posts had no FTE."""
    f = tmp_path / "f.csv"
    f.write_text(f"Formatieplaats;Functie;Leidinggevende;{fte_col}\nF1;Directeur;;1,0\n"
                 "F2;Adviseur;F1;0,8\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0 and f"fte uit '{fte_col}'" in res.output, res.output
    assert orgmodel.totals(orgmodel.load(tmp_path / "o"))["fte_min"] == 1.8


def test_an_empty_holder_cell_is_neither_a_person_nor_a_vacancy(tmp_path):
    """An empty 'Medewerker' cell made a stated person "(naam niet gegeven)"
    holding the post: the file states no holder there, nor a vacancy.  Who
    holds it is not recorded, and the log names the post; a holder's FTE on
    such a row is a cell not used."""
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Leidinggevende functie;Medewerker;Bezetting fte\n"
                 "F1;Directeur;;A. Top;1\nF2;Controller;F1;;0,8\nF3;Adviseur;F1;N.N.;\n"
                 "F4;Adviseur;F1;Vacature;\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert "- 1 functie met een lege cel voor de bekleder (F2): wie haar bekleedt, en of ze " \
        "vacant is, is niet vastgelegd" in res.output
    assert "de fte van de bekleder van functie F2 is gegeven, maar niet de bekleder" \
        in res.output
    assert "Bekleders wier naam niet gegeven is (N/D, N.N., onbekend ...): 1." in res.output
    g = orgmodel.load(tmp_path / "o").graph
    held = {v for u, v, d in g.edges(data=True) if d["kind"] == "HOLDS"}
    assert held == {"F1", "F3"}
    assert not g.nodes["F2"].get("vacant") and g.nodes["F4"].get("vacant")
    assert g.nodes["F2"].get("vacant") is None


def test_an_empty_name_in_a_cabinet_office_file_is_inferred_not_stated(tmp_path):
    """The Cabinet Office schema asks for 'Vacant' on a vacant post, so its
    empty Name (the SCS1 posts of 2011) is a holder not named: inferred,
    with that reasoning in the note, no longer 'stated' by an empty cell."""
    senior = ROOT / "tests" / "fixtures" / "uk-organograms" / \
        "cabinet_office-2011-03-31-senior.csv"
    res = run("import", "posts", senior, "--preset", "uk-organogram", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    g = orgmodel.load(tmp_path / "o").graph
    unnamed = [(u, d) for u, v, d in g.edges(data=True)
               if d["kind"] == "HOLDS" and u.endswith(":undisclosed")]
    empty = [(u, d) for u, d in unnamed if d.get("evidence") == "inferred"]
    assert len(empty) == 59
    assert all("writes 'Vacant' for a vacant post" in d["note"] for _, d in empty)
    assert all(g.nodes[u]["evidence"] == "inferred" for u, _ in empty)


def _two_row_header_book(path):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Formatieplaats", "Functie", "", "Bezetting", "", "Leidinggevende functie"])
    ws.append(["", "Naam", "Schaal", "Medewerker", "Fte", ""])
    ws.merge_cells("B1:C1")
    ws.merge_cells("D1:E1")
    for row in (("F1", "Directeur", 15, "A. de Vries", 1, ""),
                ("F2", "Teamleider", 11, "B. Bos", 0.8, "F1"),
                ("F3", "Adviseur", 10, "Vacature", None, "F2")):
        ws.append(list(row))
    wb.save(path)


def test_a_header_on_two_rows_is_read_by_group_and_column(tmp_path):
    """'Functie' over 'Naam' and 'Schaal', 'Bezetting' over 'Medewerker' and
    'Fte' (merged cells over their columns): the second row was a row
    without a post id, and the holders, grades and FTE were not read.  Each
    column is now read by the names over it, and the log says so."""
    _two_row_header_book(tmp_path / "f.xlsx")
    lines = ["Formatieplaats;Functie;;Bezetting;;Leidinggevende functie",
             ";Naam;Schaal;Medewerker;Fte;", "F1;Directeur;15;A. de Vries;1;",
             "F2;Teamleider;11;B. Bos;0,8;F1", "F3;Adviseur;10;Vacature;;F2"]
    (tmp_path / "f.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name in ("f.xlsx", "f.csv"):
        res = run("import", "posts", tmp_path / name, "--preset", "nl-hr", "--out",
                  tmp_path / name.replace(".", "-"))
        assert res.exit_code == 0, res.output
        assert "functienaam uit 'Functie Naam'; bekleder uit 'Medewerker'; fte van de " \
            "bekleder uit 'Bezetting Fte'; schaal uit 'Functie Schaal'" in res.output
        assert "de kopregel staat op twee regels (1 en 2)" in res.output
        assert "Niet gebruikte regels: 0" in res.output
        g = orgmodel.load(tmp_path / name.replace(".", "-")).graph
        assert g.nodes["F2"]["name"] == "Teamleider" and g.nodes["F2"]["grade"] == "11"
        held = {v: d.get("fte_min") for u, v, d in g.edges(data=True) if d["kind"] == "HOLDS"}
        assert held == {"F1": 1.0, "F2": 0.8} and g.nodes["F3"].get("vacant")


def test_a_row_of_words_under_a_header_of_one_row_is_data(tmp_path):
    """A post titled 'Medewerker' in a unit 'Team' is a row of words that
    name columns; under a header with no group over its columns it is a
    post, not a second header row."""
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Afdeling;Leidinggevende functie\n"
                 "MW;Medewerker;Team;\nAD;Adviseur;Team;MW\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0 and "twee regels" not in res.output, res.output
    assert orgmodel.load(tmp_path / "o").graph.nodes["MW"]["name"] == "Medewerker"


def test_a_group_row_over_a_header_that_names_no_id_by_itself(tmp_path):
    """'Functie' over 'Nr' and 'Naam': neither row names the post id alone;
    together they do ('Functie Nr'), and the file is read.  A title over
    a header of unknown names is not read so: the refusal names the title."""
    f = tmp_path / "f.csv"
    f.write_text("Functie;;Bezetting;;\nNr;Naam;Medewerker;Fte;Leidinggevende functie\n"
                 "1;Directeur;A. de Vries;1;\n2;Adviseur;B. Bos;0,8;1\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert "functie-id uit 'Functie Nr'" in res.output
    assert orgmodel.load(tmp_path / "o").graph.nodes["2"]["name"] == "Adviseur"
    f.write_text("Formatieoverzicht 2026;;;\nNr;Naam;Medewerker;Fte\n1;Directeur;A. Bos;1\n",
                 encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o2")
    assert res.exit_code == 1 and "(de eerste regel: Formatieoverzicht 2026)" in res.output


def test_fte_of_a_post_whose_holder_is_not_recorded_is_not_counted_as_held(tmp_path):
    """A post neither vacant nor held by anyone the file names counted its
    FTE as held ("4,39 bezet" was 5,39): it is counted apart, in the totals,
    in formation and in the report, in Dutch."""
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE\n"
                 "F1;Directeur;;A. Top;1\nF2;Controller;F1;;0,8\nF3;Adviseur;F1;Vacature;0,5\n",
                 encoding="utf-8")
    assert run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o").exit_code == 0
    tot = orgmodel.totals(orgmodel.load(tmp_path / "o"))
    assert (tot["held_fte_max"], tot["vacant_fte_max"], tot["unrecorded"],
            tot["unrecorded_fte_max"]) == (1.0, 0.5, 1, 0.8)
    out = run("formation", "--org", tmp_path / "o").output
    assert "2,3 fte in functies (1 bezet, 0,5 vacant, 0,8 op functies waarvan de bekleder niet " \
        "is vastgelegd)" in out
    assert "; 1 functie waarvan de bekleder niet is vastgelegd (niet vacant, maar de gegevens " \
        "noemen niemand die haar bekleedt)" in out
    units = orgmodel.formation(orgmodel.load(tmp_path / "o"), by="post").set_index("id")
    assert units.loc["F2", ["held_fte_max", "unrecorded", "unrecorded_fte_max"]].tolist() == \
        [0.0, 1, 0.8]


def test_more_ways_a_sheet_says_vacant_or_unknown_are_no_person(tmp_path):
    """'Openstaand', 'Nog niet ingevuld', 'Vacatureruimte', 'TBD' were people
    of those names holding the posts, and '?' one called '?'; 'x' (a tick as
    often as an initial) a person 'x'.  Now vacancies, a holder not named,
    and a cell not used, each said."""
    f = tmp_path / "h.csv"
    f.write_text("Formatieplaats;Functie;Leidinggevende functie;Medewerker\nF1;Directeur;;A. Top\n"
                 "F2;A;F1;Openstaand\nF3;B;F1;Nog niet ingevuld\nF4;C;F1;Vacatureruimte\n"
                 "F5;D;F1;TBD\nF6;E;F1;?\nF7;F;F1;x\nF8;G;F1;Xu Li\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert "- Vacante functies: 4 (F2, F3, F4, F5)." in res.output
    assert "bekleder 'x' van functie F7 is één letter, geen naam" in res.output
    g = orgmodel.load(tmp_path / "o").graph
    names = {g.nodes[u]["name"] for u, v, d in g.edges(data=True) if d["kind"] == "HOLDS"}
    assert names == {"A. Top", "(naam niet gegeven)", "Xu Li"}


def _hr_imported(tmp_path, text: str, *options, name: str = "f.csv"):
    """Import ``text`` as a Dutch HR export (``--preset nl-hr``) into
    ``tmp_path / "o"``, with ``options``: the command's result, exit 0."""
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o", *options)
    assert res.exit_code == 0, res.output
    return res


def _holders_read(tmp_path, cells: list) -> tuple:
    """Import a formatie of a director (F0, A. Top) and a post under it for
    each holder's cell of ``cells`` (F1, F2 ...): the import's output and the
    names of the people holding the posts."""
    res = _hr_imported(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;Medewerker\n"
                       "F0;Directeur;;A. Top\n"
                       + "".join(f"F{i};Adviseur;F0;{c}\n" for i, c in enumerate(cells, 1)),
                       name="h.csv")
    g = orgmodel.load(tmp_path / "o").graph
    return res.output, {g.nodes[u]["name"] for u, v, d in g.edges(data=True)
                        if d["kind"] == "HOLDS"}


def test_a_holder_still_to_be_decided_or_not_known_is_no_person(tmp_path):
    """'n.t.b.' (nader te bepalen: still to be decided), 'Nader te bepalen'
    and 'Nog te bepalen' were people of those names, 'n.t.b.' one person
    holding two posts; 'n.b.' (niet bekend) and 'Niet van toepassing' (n.v.t.
    written out) people too.  Now vacancies and holders not named."""
    output, names = _holders_read(tmp_path, ["n.t.b.", "NTB", "Nader te bepalen",
                                             "nog te bepalen", "n.b.", "Niet van toepassing",
                                             "N. Tb"])
    assert "- Vacante functies: 4 (F1, F2, F3, F4)." in output
    assert "Bekleders wier naam niet gegeven is (N/D, N.N., onbekend ...): 2." in output
    assert names == {"A. Top", "(naam niet gegeven)", "N. Tb"}


def test_placeholders_in_the_holders_column_are_no_people(tmp_path):
    """A formatie's placeholders were people of those names: 'Leeg',
    'Niemand', 'Wordt geworven', 'Bevroren vacature', 'Gereserveerd',
    'Tijdelijk onbezet' (no one holds the post); 'Waarnemend', 'Stagiair',
    'Herplaatsingskandidaat' (someone, not named); 'Nieuw', 'Pool',
    'Diverse', 'XXX', '…' (which, the cell does not say).  Now vacancies,
    holders not named, and cells not used, each named; surnames that start
    with such words stay people."""
    cells = ["Leeg", "Niemand", "Wordt geworven", "Bevroren vacature", "Gereserveerd",
             "Tijdelijk onbezet", "Waarnemend", "Stagiair", "Herplaatsingskandidaat", "Nieuw",
             "Pool", "Diverse", "XXX", "…", "P. Leegwater", "A. Opendijk"]
    output, names = _holders_read(tmp_path, cells)
    assert "- Vacante functies: 6 (F1, F2, F3, F4, F5, F6)." in output
    assert "Bekleders wier naam niet gegeven is (N/D, N.N., onbekend ...): 3." in output
    for i in range(10, 15):
        assert f"bekleder '{cells[i - 1]}' van functie F{i} noemt niemand (een plaatshouder, " \
            "geen naam): niet gebruikt; wie de functie bekleedt is niet vastgelegd" in output
    assert names == {"A. Top", "(naam niet gegeven)", "P. Leegwater", "A. Opendijk"}


def test_a_ditto_mark_is_refused_or_read_as_the_cell_above(tmp_path):
    """A formatie typed by hand writes 'idem', '"' or '〃' for "the same as
    the row above": read as values, 'idem' was a unit called idem and a
    grade 'idem', and as a superior refused, offering to make 'idem' a post
    outside the organisation.  Refused now, naming the cell; with
    --fill-ditto each is the cell above it, said.  'ID' (a unit's initials)
    is a unit."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["Formatieplaats", "Functie", "Medewerker", "Leidinggevende functie",
                 "Afdeling", "Schaal"],
                ["F1", "Directeur", "A. Top", None, "Directie", 15],
                ["F2", "Adviseur", "B. Bos", "F1", "ID", 11],
                ["F3", "idem", "C. Dam", "idem", "idem", '"'],
                ["F4", "Secretaris", "D. Eik", "〃", "〃", 9]):
        ws.append(row)
    wb.save(tmp_path / "f.xlsx")
    res = run("import", "posts", tmp_path / "f.xlsx", "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 1, res.output
    assert "f.xlsx, regel 4: kolom 'Functie' bevat 'idem', een herhalingsteken (hetzelfde als de " \
        "regel erboven), en dat is geen waarde (6 cellen bevatten er een): schrijf de waarden op " \
        "hun regels, of geef --fill-ditto" in res.output, res.output
    assert not (tmp_path / "o").exists()
    res = run("import", "posts", tmp_path / "f.xlsx", "--preset", "nl-hr", "--out", tmp_path / "o",
              "--fill-ditto")
    assert res.exit_code == 0, res.output
    assert "f.xlsx: 6 herhalingstekens (idem, \", 〃) gelezen als de cellen erboven " \
        "(--fill-ditto): kolom 'Functie' regel 4; kolom 'Leidinggevende functie' regels 4, 5; " \
        "kolom 'Afdeling' regels 4, 5; kolom 'Schaal' regel 4" in res.output, res.output
    g = orgmodel.load(tmp_path / "o").graph
    assert [g.nodes[p]["name"] for p in ("F3", "F4")] == ["Adviseur", "Secretaris"]
    assert [g.nodes[p].get("grade") for p in ("F2", "F3", "F4")] == ["11", "11", "9"]
    line = {u: v for u, v, d in g.edges(data=True) if d["kind"] == "REPORTS_TO"}
    assert line == {"F2": "F1", "F3": "F1", "F4": "F1"}
    units = {u: g.nodes[v]["name"] for u, v, d in g.edges(data=True)
             if d["kind"] == "MEMBER_OF" and u.startswith("F")}
    assert units == {"F1": "Directie", "F2": "ID", "F3": "ID", "F4": "ID"}
    # (a ditto mark on the first row repeats nothing)
    f = tmp_path / "first.csv"
    f.write_text("Formatieplaats;Functie;Leidinggevende functie;Afdeling\nF1;Directeur;;idem\n",
                 encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o2", "--fill-ditto")
    assert res.exit_code == 1 and "first.csv, regel 2: kolom 'Afdeling' bevat 'idem', een " \
        "herhalingsteken (hetzelfde als de regel erboven), en de regel erboven heeft daar geen " \
        "waarde om te herhalen" in res.output, res.output


def test_an_abbreviated_post_number_and_a_job_share_without_its_fte(tmp_path):
    """'Fpl.nr.' (formatieplaatsnummer abbreviated) was no post id column:
    the file was refused.  A job share whose rows give different formaties
    beside the holders' own FTE keeps no post FTE, and the log said '0 fte'
    for it, its note that its FTE was read once; both say the FTE is not
    given (so in a file with no FTE column, whose note said "FTE summed")."""
    res = _hr_imported(tmp_path, "Fpl.nr.;Functie;Naam medewerker;Fpl.nr. leidinggevende;"
                       "Fte formatie;Fte bezetting\n1001;Secretaris;J. de Vries;;1;1\n"
                       "1004;Adviseur;K. Jansen;1001;0,8889;0,8889\n"
                       "1004;Adviseur;L. Smit;1001;0,5;0,5\n")
    assert "functie-id uit 'Fpl.nr.'; leidinggevende uit 'Fpl.nr. leidinggevende'" in res.output
    assert "- Duobanen (één functie-id op meer gelijke regels): 1; 1004 op regels 3, 4, fte niet " \
        "gegeven." in res.output, res.output
    # (and the post's note claimed its FTE was read once)
    note = orgmodel.load(tmp_path / "o").graph.nodes["1004"]["note"]
    assert note == "één functie op regels 3, 4: een duobaan; haar fte is niet gegeven", note
    f = tmp_path / "f.csv"
    f.write_text("id,title,holder,reports_to\nA,Head,Ann,\nB,Clerk,Bob,A\nB,Clerk,Cy,A\n",
                 encoding="utf-8")
    res = run("import", "posts", f, "--out", tmp_path / "o2")
    assert res.exit_code == 0, res.output
    assert "- Job shares (one post id on several rows alike): 1; B on rows 3, 4, FTE not given." \
        in res.output, res.output
    assert orgmodel.load(tmp_path / "o2").graph.nodes["B"]["note"] == \
        "one post on rows 3, 4: a job share; its FTE is not given"


def test_in_dienst_and_uitdiensttreding_are_the_holders_dates(tmp_path):
    """'In dienst' and 'Uitdiensttreding' were columns not read: a holder
    who had left was counted as holding the post."""
    res = _hr_imported(tmp_path, "Formatieplaats;Functie;Medewerker;Leidinggevende;In dienst;"
                       "Uitdiensttreding\nF1;Directeur;A. Top;;1-1-2015;\n"
                       "F2;Adviseur;B. Bos;F1;1-3-2020;31-12-2025\n", "--date", "1-6-2026")
    assert "begindatum uit 'In dienst'; einddatum uit 'Uitdiensttreding'" in res.output, res.output
    held = {v: (d.get("valid_from"), d.get("valid_to"))
            for u, v, d in orgmodel.load(tmp_path / "o").graph.edges(data=True)
            if d["kind"] == "HOLDS"}
    assert held == {"F1": ("2015-01-01", None), "F2": ("2020-03-01", "2025-12-31")}, held
    units = orgmodel.formation(orgmodel.load(tmp_path / "o"), by="post").set_index("id")
    assert units.loc["F2", "people"] == 0


def test_an_end_date_still_to_be_decided_is_no_date(tmp_path):
    """An end date 'n.t.b.' or 'Nader te bepalen' refused the holder's
    period as no date; it is none, said with the others."""
    res = _hr_imported(tmp_path, "Formatieplaats;Functie;Medewerker;Leidinggevende functie;"
                       "Einddatum\n1;Directeur;Jan Jansen;;n.t.b.\n"
                       "2;Adviseur;Piet Bos;1;Nader te bepalen\n3;Adviseur;Klaas Dam;1;31-12-2030\n",
                       name="d.csv")
    assert "2 cellen van 'Einddatum' zeggen dat er geen datum is ('n.t.b.', 'Nader te " \
        "bepalen'): gelezen als geen" in res.output, res.output
    ends = {v: d.get("valid_to") for u, v, d in orgmodel.load(tmp_path / "o").graph.edges(
        data=True) if d["kind"] == "HOLDS"}
    assert ends == {"1": None, "2": None, "3": "2030-12-31"}, ends


def test_a_span_by_people_with_reports_whose_holder_is_not_recorded_is_a_lower_bound(tmp_path):
    """Reports whose holder the file does not give count no people: under a
    minimum span by people the manager was flagged as having too few, a
    finding the file does not make; a maximum is still applied."""
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Leidinggevende functie;Medewerker\nF1;Directeur;;A. Top\n"
                 "F2;A;F1;\nF3;B;F1;\nF4;C;F1;B. Bos\nF5;D;F4;C. Dam\n", encoding="utf-8")
    assert run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o").exit_code == 0
    org = orgmodel.load(tmp_path / "o")
    s = orgmodel.span_of_control(org, min=2, by="people").frame.set_index("id")
    assert s.loc["F1", "people"] == 1 and not s.loc["F1", "outside"]
    assert s.loc["F4", "outside"]           # (its one report is held: one person, too few)
    s = orgmodel.span_of_control(org, max=0, by="people").frame.set_index("id")
    assert s.loc["F1", "outside"]


def test_a_superior_cell_naming_two_posts_is_said_as_such(tmp_path):
    """'F1, F2' as a superior was 'not a post in the file (use
    --unknown-superior external ...)' and, with that option, a role outside
    the organisation called 'F1, F2'.  It names two posts of the file: the
    refusal says so, and under external the line is left out and said."""
    f = tmp_path / "m.csv"
    f.write_text('Formatieplaats,Functie,Leidinggevende functie,Medewerker\nF1,Directeur,,A. Top\n'
                 'F2,Manager,F1,B. Bos\nF3,Adviseur,"F1, F2",C. Dam\nF4,Jurist,F1 / F2,D. Eik\n',
                 encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "o").exists()
    assert "m.csv, row 4: post F3 reports to 'F1, F2', which names 2 posts (F1, F2): a post has " \
        "one superior in this column" in res.output
    assert "--unknown-superior" not in res.output
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o", "--lang", "en",
              "--unknown-superior", "external")
    assert res.exit_code == 0 and "row 5: reports to 'F1 / F2', which names 2 posts" in res.output
    assert not [n for n in orgmodel.load(tmp_path / "o").graph if n.startswith("ext:")]


def test_a_header_on_two_rows_under_a_title_keeps_the_row_numbers(tmp_path):
    """Under a title and a blank line, the two header rows are rows 3 and 4
    and the posts keep their own rows in what the import cites."""
    f = tmp_path / "f.csv"
    f.write_text("Formatie 2026;;;;;\n\nFormatieplaats;Functie;;Bezetting;;Leidinggevende functie\n"
                 ";Naam;Schaal;Medewerker;Fte;\nF1;Directeur;15;A. de Vries;1;\n"
                 "F2;Teamleider;11;B. Bos;0,8;F1\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0 and "de kopregel staat op twee regels (3 en 4)" in res.output
    g = orgmodel.load(tmp_path / "o").graph
    assert g.nodes["F2"]["source"] == "functies regel 6" and g.nodes["F2"]["grade"] == "11"


def test_a_title_and_a_note_over_the_header_stay_above_it(tmp_path):
    """A title row with a note at its end ('Vertrouwelijk') names no column
    the header lacks: it stays a row above the header, its date read, and
    the header is the one row."""
    import openpyxl
    wb = openpyxl.Workbook()
    for row in (["Formatieoverzicht per 1-1-2026", "", "", "", "Vertrouwelijk"],
                ["Formatieplaats", "Functie", "Leidinggevende functie", "Medewerker"],
                ["F1", "Directeur", "", "A. Top"], ["F2", "Adviseur", "F1", "B. Bos"]):
        wb.active.append(row)
    wb.save(tmp_path / "t.xlsx")
    res = run("import", "posts", tmp_path / "t.xlsx", "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert "twee regels" not in res.output and "regel 1: boven de kopregel" in res.output
    assert orgmodel.load(tmp_path / "o").date == "2026-01-01"


def test_a_job_share_row_left_empty_beside_a_named_holder_is_held(tmp_path):
    """A post on two rows, one naming its holder and one left empty, is
    held: it is not listed among the posts whose holder is not recorded, and
    its FTE counts as held."""
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE\n"
                 "F1;Directeur;;A. Top;1\nF2;Adviseur;F1;B. Bos;0,5\nF2;Adviseur;F1;;0,5\n"
                 "F3;Jurist;F1;;1\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert "- 1 functie met een lege cel voor de bekleder (F3)" in res.output
    tot = orgmodel.totals(orgmodel.load(tmp_path / "o"))
    assert (tot["held_fte_max"], tot["unrecorded"], tot["unrecorded_fte_max"]) == (2.0, 1, 1.0)


def test_posts_not_counted_are_named_where_the_posts_are_counted(tmp_path):
    """Deventer's table of kinds has 20 posts and its formation 8, and 9
    that stand for a number: the 3 political ones (raad, college, wethouder)
    are named, in the summary, `formation` and the report, so that the
    figures add up for a reader."""
    org = DATA / "deventer"
    political = "3 politieke functies (Gemeenteraad, College van B&W, Collegelid (portefeuillehouder))"
    summary = run("--lang", "nl", "summary", "--org", org).output
    assert "functie " in summary and f"niet geteld als functies van de organisatie: {political}" \
        in summary, summary
    assert political in run("--lang", "nl", "formation", "--org", org).output
    assert run("--lang", "nl", "report", "--org", org, "--out", tmp_path / "r").exit_code == 0
    md = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    first, formation = (line for line in md.splitlines()
                        if line.startswith(("- **De organisatie**", "Formatie: **")))
    for line in (first, formation):
        assert "8 functies" in line and "en nog 9 functies waarvan het aantal" in line, line
        assert political in line, line
    en = run("--lang", "en", "formation", "--org", DATA / "template").output
    assert ("not counted as its posts: 2 political posts (Council, Alderman for youth), 1 post "
            "outside the organisation (Chief of the safety region)") in en


def test_a_formation_without_fte_says_none_is_given(tmp_path):
    """`formation` said "0 fte in functies (0 bezet, 0 vacant); 0 fte met
    medewerkers" of a model that gives no FTE at all: that is not recorded,
    not none."""
    out = run("--lang", "nl", "formation", "--org", DATA / "deventer").output
    last = out.strip().splitlines()[-1]
    assert "geen fte opgegeven" in last and "0 fte" not in last, last
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie;FTE\n"
                 "F1;Directeur;Anna;;1\nF2;Adviseur;Vacature;F1;\n", encoding="utf-8")
    assert run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o").exit_code == 0
    last = run("formation", "--org", tmp_path / "o").output.strip().splitlines()[-1]
    # (the same fte again "met medewerkers" when there are none under the
    # posts read as the fte of people; the post without fte after a ";")
    assert last.endswith("1 fte in functies (1 bezet, 0 vacant); 1 functie geeft geen fte"), last


def test_a_what_if_change_notes_itself_in_the_organisations_language(tmp_path):
    """What a change makes is graded assumed, and its note said which change
    as Python wrote it: "what-if: move F006", "what-if: add {'id': ...}",
    in a Dutch organisation too. The note is now in the organisation's
    language, and names a change given as a mapping by its id."""
    from orgmodel.whatif import apply
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie\n"
                 "F1;Directeur;Anna;\nF2;Teamleider;Bob;F1\nF3;Adviseur;Cas;F2\n",
                 encoding="utf-8")
    assert run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o").exit_code == 0
    org = orgmodel.load(tmp_path / "o")
    new = apply(org, [{"move": "F3", "to": "F1"},
                      {"add": {"id": "F9", "kind": "Post", "name": "Jurist", "reports_to": "F1"}}])
    [line] = [d for _, _, d in new.graph.out_edges("F3", data=True) if d["kind"] == "REPORTS_TO"]
    assert line["note"] == "wat-als: F3 verplaatst" and line["evidence"] == "assumed"
    assert new.graph.nodes["F9"]["note"] == "wat-als: F9 toegevoegd"
    english = apply(orgmodel.load(DATA / "template"), [{"move": "tm2", "to": "dd"}])
    assert [d["note"] for _, _, d in english.graph.out_edges("tm2", data=True)
            if d["kind"] == "REPORTS_TO"] == ["what-if: tm2 moved"]


def test_the_first_pages_layers_line_reads_as_dutch(tmp_path):
    """The report's first page said "Lagen: 3 naar niveaus" and "0 naar
    stappen": a word-for-word "3 by levels". It says how the layers are
    counted in a phrase of its own."""
    for name, want in (("deventer", "- **Lagen**: 3 (geteld naar niveaus), doel 3: op doel."),
                       ("albrandswaard", "- **Lagen**: 0 (geteld naar stappen); de bron "
                                         "beschrijft een platte organisatie.")):
        out = tmp_path / name
        assert run("--lang", "nl", "report", "--org", DATA / name, "--out", out).exit_code == 0
        md = (out / "report.md").read_text(encoding="utf-8")
        assert want in md.splitlines(), [x for x in md.splitlines() if "Lagen" in x]
    # (without a target: one pair of brackets, and no word of managers below
    # a target there is not)
    out = tmp_path / "d2010"
    assert run("--lang", "nl", "report", "--org", DATA / "deventer-2010", "--out",
               out).exit_code == 0
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "- **Lagen**: 3 (geteld naar niveaus; geen doel gesteld)." in md.splitlines()
    assert "doeldiepte" not in md.split("## Managementlagen", 1)[1].split("\n## ", 1)[0] \
        .split("doeldiepte: niet ingesteld.", 1)[1]
    out = run("--lang", "nl", "layers", "--org", DATA / "deventer").output.splitlines()
    assert out[0] == "Deventer: 3 managementlagen, geteld naar niveaus (doel 3)", out[0]
    assert out[1].startswith("  Geteld naar stappen: 4 lagen;"), out[1]


def test_an_empty_table_of_a_dutch_diff_says_so_in_dutch(tmp_path):
    """A Dutch diff whose table per unit had no row said "_(none)_" under
    its Dutch heading: markdown_table's own word."""
    import shutil
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(DATA / "template", a)
    shutil.copytree(a, b)
    nodes = (b / "nodes.csv").read_text(encoding="utf-8")
    (b / "nodes.csv").write_text(nodes.replace("Team manager Customer contact",
                                               "Team manager Klantcontact"), encoding="utf-8")
    out = run("--lang", "nl", "diff", a, b).output
    assert "### Per eenheid\n\n_(geen)_" in out and "(none)" not in out, out


def test_a_vacancy_filled_reads_as_yes_to_no_in_a_dutch_diff(tmp_path):
    """A vacancy filled between two formatie lists was "vacant True →
    geen" in a Dutch diff: Python's word, and the empty value of a yes/no
    column as "none". It is "vacant ja → nee"."""
    for year, holder in (("2025", "Vacature"), ("2026", "Mira Bos")):
        f = tmp_path / f"f{year}.csv"
        f.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie;Fte\n"
                     f"F1;Secretaris;Anna;;1\nF3;Jurist;{holder};F1;0,8\n", encoding="utf-8")
        assert run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / year,
                   "--date", f"{year}-01-01").exit_code == 0
    out = run("diff", tmp_path / "2025", tmp_path / "2026").output
    assert "| gewijzigd | functie | Jurist | gewijzigd: vacant ja → nee |" in out, out
    assert "True" not in out


def test_a_yes_or_no_in_a_message_is_said_in_the_readers_language():
    """A yes/no value in a message was written as Python's `True`."""
    from orgmodel.i18n import Message, translator
    m = Message("{attribute}: {v}", attribute="vacant", v=True)
    assert (translator("nl")(m), translator("en")(m)) == ("vacant: ja", "vacant: yes")
    assert translator("nl")(Message("{v}", v=False)) == "nee"


def test_a_reorganisation_of_deventer_reads_as_dutch(tmp_path):
    """A what-if on Deventer (two concerndirecteuren merged, one moved under
    the college) wrote, in its Dutch DIFF.md: `none` for a route with no next
    step, `forbidden, top` for a route's outcomes (one outcome alone was
    translated), `(for Portefeuille Kossen)` for a role played for a
    portfolio, the powers of a broken mandate by their English ids
    (`general-management`), and `fte 0 → 0` for an organisation whose
    sources give no FTE at all."""
    changes = tmp_path / "changes.yaml"
    changes.write_text("- merge: [cd-arentsen, cd-kossen]\n- move: cd-arentsen\n"
                       "  to: executive-board\n", encoding="utf-8")
    res = run("--lang", "nl", "whatif", "--org", DATA / "deventer", "--changes", changes,
              "--out", tmp_path / "tobe")
    assert res.exit_code == 0, res.output
    text = (tmp_path / "tobe" / "DIFF.md").read_text(encoding="utf-8")
    org = orgmodel.load(DATA / "deventer")
    found, numbers = _english_in(text, _the_datas_own(org))
    assert not found and not numbers, (found, numbers)
    assert "| top | verboden, top |" in text
    assert "Concerndirecteur Kossen (voor Portefeuille Kossen)" in text
    assert "(Leiding (leiding geven aan managers" in text      # a power by its name
    assert "| functies zonder fte | 8 | 7 | -1 |" in text and "fte (min)" not in text
    # (the change list says a route newly forbidden as such: "top" is no news)
    listed = (tmp_path / "tobe" / "changes.csv").read_text(encoding="utf-8")
    assert "nieuw: verboden;" in listed and "forbidden" not in listed


def test_a_merge_and_a_moved_commission_note_themselves_in_words(tmp_path):
    """A merge noted itself as Python writes a list ("what-if: ['cd',
    'dd'] merged"), a moved commission as the script's keys ("what-if:
    commission commission: grant, from: cd, to: gd moved")."""
    from orgmodel.whatif import apply
    org = orgmodel.load(DATA / "template")
    new = apply(org, [{"merge": ["cd", "dd"]},
                      {"move_commission": {"commission": "grant", "from": "cd", "to": "gd"}}])
    notes = {d.get("note") for _, _, d in new.graph.edges(data=True)}
    assert "what-if: dd merged into cd" in notes
    assert "what-if: commission grant moved from cd to gd" in notes
    org.manifest["language"] = "nl"
    new = apply(org, [{"merge": ["cd", "dd"]}])
    assert "wat-als: dd opgegaan in cd" in {d.get("note") for _, _, d in new.graph.edges(data=True)}


def test_a_dutch_imports_sources_are_named_in_dutch(tmp_path):
    """The report of a Dutch import listed its file as the source `posts`
    (`posts: formatie-voorbeeld.csv (regels geciteerd per regelnummer)`),
    and every row cited `posts regel 2`: an English word in a Dutch report."""
    out = tmp_path / "org"
    res = run("import", "posts", ROOT / "docs" / "samples" / "formatie-voorbeeld.csv",
              "--preset", "nl-hr", "--out", out)
    assert res.exit_code == 0, res.output
    res = run("report", "--org", out, "--out", tmp_path / "r")
    assert res.exit_code == 0, res.output
    md = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    assert "- **functies**: formatie-voorbeeld.csv (regels geciteerd per regelnummer)" in md
    assert "**posts**" not in md
    org = orgmodel.load(out)
    assert {d["source"].split(" regel")[0] for _, d in org.graph.nodes(data=True)} == \
        {"functies"}


#: A citation's words for where in a passage, in English (``D-FS-VI bullet 6``).
_ENGLISH_LOCATOR = re.compile(r"\b[A-Z]-[\w.-]+ (?:bullet|item|principle|last|end|table)\b")


@pytest.mark.parametrize("name", ["deventer", "albrandswaard"])
def test_a_dutch_report_cites_where_in_a_passage_in_dutch(tmp_path, name):
    """The Dutch report cited its rules and findings as the data writes
    them, in English: `R2 (D-FS-VI last bullet)`, `D-FS-V end`, and its
    escalation routes `(D-FS-VI bullet 6)` (20 places in Deventer's). The
    data and the CSV files keep the citation as written."""
    res = run("report", "--org", DATA / name, "--lang", "nl", "--out", tmp_path / "nl")
    assert res.exit_code == 0, res.output
    md = (tmp_path / "nl" / "report.md").read_text(encoding="utf-8")
    assert not _ENGLISH_LOCATOR.findall(md)
    # (and the page's tooltips: "bron: D-FS-VII bullet 2" was shown on hover)
    page = (tmp_path / "nl" / "graph.html").read_text(encoding="utf-8")
    cited = re.findall(r"bron: ([^\\\"]*)", page)
    assert cited and not [c for c in cited if _ENGLISH_LOCATOR.search(c)], cited
    res = run("report", "--org", DATA / name, "--lang", "en", "--out", tmp_path / "en")
    en = (tmp_path / "en" / "report.md").read_text(encoding="utf-8")
    assert _ENGLISH_LOCATOR.findall(en)          # (English: as the data writes it)
    if name == "deventer":
        assert "- **R2** (D-FS-VI laatste punt): " in md
        assert "R6 (Minimale gelaagdheid: concern, teamverbindend, team; D-FS-V slot)" in md
        assert "(D-FS-VI punt 6; D-B3 Realisatie)" in md
        csv_text = (tmp_path / "nl" / "findings.csv").read_text(encoding="utf-8")
        assert ";D-FS-VI last bullet;" in csv_text
    else:
        assert "(A-2.2; A-1.3 punt 9)" in md


def test_a_dutch_reports_csv_files_are_in_dutch(tmp_path):
    """The Dutch report's CSV files had English columns and words
    (`rule,message,...`, `not assessed: the criteria it meets are not
    recorded`, `True`), beside a Dutch report; its `mandates.csv` was not
    the register `orgmodel mandates --lang nl` writes, which the docs said
    it was. Each is in Dutch now; the English report's stay as they were."""
    import csv as _csv
    res = run("report", "--org", DATA / "deventer", "--lang", "nl", "--out", tmp_path / "nl")
    assert res.exit_code == 0, res.output
    res = run("report", "--org", DATA / "deventer", "--lang", "en", "--out", tmp_path / "en")
    assert res.exit_code == 0, res.output

    def header(lang, name):
        # (in Dutch as Excel set to Dutch opens it by a double click: a
        # byte-order mark, ';' between cells; a comma-separated file opens
        # there as one column)
        with open(tmp_path / lang / name, encoding="utf-8-sig", newline="") as f:
            first = f.readline()
        bom = (tmp_path / lang / name).read_bytes().startswith(b"\xef\xbb\xbf")
        assert (";" in first, bom) == ((True, True) if lang == "nl" else (False, False)), first
        return next(_csv.reader([first], delimiter=";" if lang == "nl" else ","))
    assert header("nl", "findings.csv") == ["regel", "bevinding", "knooppunten", "bron",
                                             "niet vermeld"]
    assert header("en", "findings.csv") == ["rule", "message", "nodes", "source", "not_stated"]
    for name in ("span.csv", "layers.csv", "formation_units.csv", "advice.csv"):
        assert header("nl", name) != header("en", name), name
        assert "naam" in header("nl", name)
    advice = (tmp_path / "nl" / "advice.csv").read_text(encoding="utf-8")
    assert "niet beoordeeld" in advice and "not assessed" not in advice
    layers = (tmp_path / "nl" / "layers.csv").read_text(encoding="utf-8")
    assert ";ja;" in layers and "True" not in layers
    res = run("mandates", "--org", DATA / "deventer", "--lang", "nl", "-o", tmp_path / "reg.csv")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "nl" / "mandates.csv").read_bytes() == (tmp_path / "reg.csv").read_bytes()


def test_check_and_a_table_cite_where_in_a_passage_in_dutch():
    res = run("check", "--org", DATA / "deventer", "--lang", "nl")
    assert "geen bestuurlijk opdrachtgever vastgelegd" in res.output
    assert "(D-FS-VI laatste punt)" in res.output and "last bullet" not in res.output
    # (a table's column of citations, as every command and page writes one)
    res = run("powers", "--org", DATA / "deventer", "--lang", "nl")
    assert "D-FS-VII punt 1" in res.output and "bullet" not in res.output


@pytest.mark.parametrize("cited, dutch", [
    ("D-FS-VI bullet 6; D-B3", "D-FS-VI punt 6; D-B3"),
    ("A-2.2 principle 1", "A-2.2 principe 1"),
    ("D-FS-V end", "D-FS-V slot"), ("D-FS-V table", "D-FS-V tabel"),
    ("A-1.3 item 9", "A-1.3 punt 9"),
    ("D-B3 Realisatie", "D-B3 Realisatie"),          # (a passage's own word: as written)
    ("D-FS-V bullet", "D-FS-V bullet"),              # (no number: no locator read)
    ("D-FS-V end 3", "D-FS-V end 3"),
    ("", "")])
def test_a_citations_locator_is_translated_and_nothing_else(cited, dutch):
    assert orgmodel.i18n.translator("nl").cite(cited) == dutch
    assert orgmodel.i18n.translator("en").cite(cited) == cited


def test_a_formatieplan_without_holders_gives_its_vacancies_by_occupied_fte(tmp_path):
    """A formatieplan lists each post's formatie and bezetting in FTE, and no
    holders. Its `Bezetting fte` was read as the holders' own FTE (so the log
    said), and with no holders it was dropped in silence: the file's 2,05 FTE
    vacant, and a post with none occupied, were nowhere. The unit whose
    figures came to nought showed `-0` held FTE."""
    path = tmp_path / "formatieplan.csv"
    path.write_text(
        "Formatieoverzicht 2026\nAfdeling;Functie;Schaal;Formatie fte;Bezetting fte\n"
        "Ruimte;Afdelingshoofd;13;1,00;1,00\nRuimte;Beleidsmedewerker RO;10;3,50;2,89\n"
        "Ruimte;Vergunningverlener;9;4,00;4,00\nSamenleving;Afdelingshoofd;13;1,00;0,00\n"
        "Samenleving;Consulent Wmo;9;6,22;5,78\nSamenleving;Jurist;11;1,00;1,20\n"
        "Totaal Samenleving;;;8,22;7,78\nEindtotaal;;;16,72;15,67\n",
        encoding="utf-8")
    out = tmp_path / "org"
    res = run("import", "posts", path, "--preset", "nl-hr", "--row-ids", "--no-line", "--unit",
              "Afdeling", "--title", "Functie", "--fte", "Formatie fte", "--out", out)
    assert res.exit_code == 0, res.output
    assert "bezette fte uit 'Bezetting fte'" in res.output
    assert ("'Bezetting fte' gelezen als de bezette fte van elke functie, want het bestand noemt "
            "geen bekleders: 1 functie vacant (niets bezet), 2 functies met een vacant deel") \
        in res.output
    # (more occupied than the post has: said, not used)
    assert "regel 8: bezette fte 1,2 van functie R8 is meer dan haar fte 1: niet gebruikt" \
        in res.output
    # (its totals rows, written in the unit's column, are totals rows: the
    # grand total set beside the rows read, and no FTE of them left out)
    assert "regel 9: een totaalregel ('Totaal Samenleving'), geen functie" in res.output
    assert "De totaalregel ('Eindtotaal', regel 10) geeft 16,72 fte" in res.output
    manifest = yaml.safe_load((out / "org.yaml").read_text(encoding="utf-8"))
    assert manifest["import"]["fte_left_out"] == 0 and manifest["import"]["rows_left_out"] == 3
    org = orgmodel.load(out)
    nodes = org.graph.nodes
    assert nodes["R6"].get("vacant") is True and nodes["R4"]["vacant_fte"] == 0.61
    assert "vacant_fte" not in nodes["R3"] and "vacant_fte" not in nodes["R8"]
    res = run("formation", "--org", out, "--lang", "nl")
    assert res.exit_code == 0, res.output
    assert "2,05 vacant" in res.output and "14,67 op functies waarvan de bekleder" in res.output
    # (without the jurist, Samenleving's held FTE is 8,22 less 1,44 less 6,78: nought)
    path.write_text(path.read_text(encoding="utf-8").replace("Samenleving;Jurist;11;1,00;1,20\n",
                                                             "").replace(
        "Totaal Samenleving;;;8,22;7,78\nEindtotaal;;;16,72;15,67\n", ""), encoding="utf-8")
    res = run("import", "posts", path, "--preset", "nl-hr", "--row-ids", "--no-line", "--unit",
              "Afdeling", "--title", "Functie", "--fte", "Formatie fte", "--out", out, "--force")
    assert res.exit_code == 0, res.output
    res = run("formation", "--org", out, "--lang", "nl")
    assert "13,67 op functies waarvan de bekleder" in res.output
    assert not re.search(r"(?<![\w,])-0(?![\w,])", res.output), res.output


def test_an_empty_holder_cell_beside_an_occupied_fte_says_what_is_held(tmp_path):
    """An export that leaves the `Medewerker` of a vacancy empty gives its
    `Bezetting fte` 0: the post is vacant, as the file states. It was a post
    whose holder and vacancy are not recorded, its 0 a cell not used; 0,6 of
    a post of 1 fte left the 0,4 vacant nowhere."""
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie;FTE;Bezetting fte\n"
                 "F001;Gemeentesecretaris;Anna de Vries;;1;1\nF002;Teammanager;;F001;1;0\n"
                 "F003;Adviseur;;F002;1;0,6\nF004;Adviseur;Kees Bos;F002;1;1\n"
                 "F005;Adviseur;;F002;1;\n", encoding="utf-8")
    out = tmp_path / "o"
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", out)
    assert res.exit_code == 0, res.output
    assert ("'Bezetting fte' gelezen als de bezette fte van de functies met een lege cel van de "
            "bekleder (2 functies): 1 functie vacant (niets bezet), 1 functie met een vacant deel"
            ) in res.output
    assert "Vacante functies: 1 (F002)" in res.output
    assert "maar niet de bekleder" not in res.output
    # (F003's vacant part is recorded: only F005 is a post whose vacancy is not)
    assert "1 functie met een lege cel voor de bekleder (F005)" in res.output
    g = orgmodel.load(out).graph
    assert g.nodes["F002"].get("vacant") is True and g.nodes["F003"]["vacant_fte"] == 0.4
    assert not g.nodes["F005"].get("vacant") and "vacant_fte" not in g.nodes["F005"]


def test_a_synthetic_organisations_routes_read_as_dutch(tmp_path):
    """`orgmodel synth` writes its escalation policy's rules in English
    (`the line`, `delegated commissioner`): the Dutch report of a synthetic
    municipality, as a scale test shows it, said `rapporteert aan (the line)`."""
    org = orgmodel.synthesize(60, seed=0)
    md = orgmodel.write_report(org, tmp_path / "r", lang="nl").read_text(encoding="utf-8")
    assert "Stappen: rapporteert aan (de lijn)." in md
    assert "geeft opdracht (doorgemandateerd opdrachtgever)" in md
    assert "the line" not in md and "commissioner" not in md


def test_a_holder_who_left_before_the_files_date_holds_no_post_on_it(tmp_path):
    """An HR export's `Datum uit dienst` was a column not read: a person who
    left on 31-12-2025, still on the export of 1 March 2026, was counted as
    holding the post (people, held FTE). The end date is the HOLDS edge's
    `valid_to`, and the log says who left before the file's date."""
    header = "Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE;Datum in dienst;" \
        "Datum uit dienst"
    rows = [("F1", "Directeur", "", "Anna de Vries", "1", "1-3-2019", ""),
            ("F2", "Adviseur", "F1", "Eva Kok", "0,8", "1-6-2021", "31-12-2025"),
            ("F3", "Adviseur", "F1", "Jan Smit", "0,5", "1-2-2026", "30-6-2026"),
            # (an end before the start: which is wrong, the row does not say)
            ("F4", "Controller", "F1", "Piet Bakker", "1", "1-9-2025", "1-1-2025")]
    f = tmp_path / "medewerkers.csv"
    f.write_text("\n".join([header, *(";".join(r) for r in rows)]) + "\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--date", "1-3-2026")
    assert res.exit_code == 0, res.output
    assert "einddatum uit 'Datum uit dienst'" in res.output
    assert ("2 bekleders hebben een einddatum in 'Datum uit dienst'; van hen vertrokken er 1 "
            "vóór de datum van het bestand, 1 maart 2026 (F2): op die datum bekleden zij geen "
            "functie") in res.output, res.output
    assert ("medewerkers.csv, regel 5: einddatum 1 januari 2025 ligt vóór de begindatum "
            "1 september 2025: de bekleder blijft, zonder einddatum") in res.output
    org = orgmodel.load(tmp_path / "o")
    held = {v: d.get("valid_to") for _, v, d in org.graph.edges(data=True)
            if d["kind"] == "HOLDS"}
    assert held == {"F1": None, "F2": "2025-12-31", "F3": "2026-06-30", "F4": None}
    tot = orgmodel.totals(org)
    assert (tot["people"], tot["held_fte_max"], tot["unrecorded"]) == (3, 2.5, 1), tot
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "p", "--lang", "en")
    assert ("2 holders have an end date in 'Datum uit dienst' (kept as the end of holding the "
            "post); the file's date is not known") in res.output, res.output
    # (one who starts after the file's date holds no post on it yet, said too)
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "q", "--lang", "en",
              "--date", "2026-01-15")
    assert ("1 holder starts after the file's date 15 January 2026 (F3): on that date they "
            "hold no post yet") in res.output, res.output
    assert orgmodel.totals(orgmodel.load(tmp_path / "q"))["people"] == 2
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "r", "--lang", "en",
              "--date", "2025-06-01")
    assert ("2 holders have an end date in 'Datum uit dienst', none before the file's date "
            "1 June 2025: on that date they hold their posts") in res.output, res.output


def test_holders_one_after_another_on_one_post_are_no_job_share(tmp_path):
    """An export that keeps the holder who left on its row beside the one who
    followed (`Eva Kok` to 31-12-2025, `Jan Smit` from 1-1-2026) made the
    post a job share of 2 FTE, its FTE summed: 3 FTE held by two people.
    Rows whose holders' periods do not overlap are one post held one after
    another, its FTE the latest row's; rows that may overlap stay a job
    share."""
    head = "Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE;Datum in dienst;" \
        "Datum uit dienst\nF1;Directeur;;Anna de Vries;1;1-3-2019;\n"
    f = tmp_path / "na-elkaar.csv"
    f.write_text(head + "F2;Adviseur;F1;Eva Kok;1;1-6-2021;31-12-2025\n"
                        "F2;Adviseur;F1;Jan Smit;0,8;1-1-2026;\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--date", "1-3-2026")
    assert res.exit_code == 0, res.output
    assert "- Duobanen (één functie-id op meer gelijke regels): 0." in res.output, res.output
    assert ("- Functies die op meer regels na elkaar bekleed werden (de periode van elke "
            "bekleder eindigt voordat die van de volgende begint): 1, geen duobanen; de fte van "
            "de functie is die van de laatste regel, niet opgeteld: F2 op regels 3, 4.") \
        in res.output
    org = orgmodel.load(tmp_path / "o")
    assert org.graph.nodes["F2"]["fte_max"] == 0.8
    tot = orgmodel.totals(org)
    assert (tot["people"], tot["fte_min"], tot["held_fte_max"]) == (2, 1.8, 1.8), tot
    # (periods that overlap: held together, a job share as before)
    g = tmp_path / "samen.csv"
    g.write_text(head + "F2;Adviseur;F1;Eva Kok;0,5;1-6-2021;31-12-2026\n"
                        "F2;Adviseur;F1;Jan Smit;0,5;1-1-2026;\n", encoding="utf-8")
    res = run("import", "posts", g, "--preset", "nl-hr", "--out", tmp_path / "p",
              "--date", "1-3-2026")
    assert "Duobanen (één functie-id op meer gelijke regels): 1; F2 op regels 3, 4, 1 fte" \
        in res.output, res.output
    assert orgmodel.load(tmp_path / "p").graph.nodes["F2"]["fte_max"] == 1.0


@pytest.mark.parametrize("options", [("--preset", "nl-hr"), ("--locale", "nl")])
def test_the_files_date_is_read_as_the_file_writes_dates_in_english_too(tmp_path, options):
    """`--date 1-3-2026` of a Dutch file with `--lang en` was refused (`is
    not a date: write it as YYYY-MM-DD or 31 December 2026`): a date option
    was read as the output's language writes dates, not the file's."""
    f = tmp_path / "formatie.csv"
    f.write_text("Formatieplaats;Functie;Leidinggevende functie\nF1;Directeur;\n",
                 encoding="utf-8")
    res = run("import", "posts", f, *options, "--id", "Formatieplaats", "--reports-to",
              "Leidinggevende functie", "--title", "Functie", "--out", tmp_path / "o",
              "--lang", "en", "--date", "1-3-2026")
    assert res.exit_code == 0, res.output
    assert str(yaml.safe_load((tmp_path / "o" / "org.yaml").read_text(encoding="utf-8"))["date"]) \
        == "2026-03-01"


def _hr_import(tmp_path, text: str, *options, out: str = "o"):
    """``import posts --preset nl-hr`` of an HR export of ``text`` into
    ``tmp_path / out`` (a file of its own for each folder)."""
    f = tmp_path / f"{out}.csv"
    f.write_text(text, encoding="utf-8")
    return run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / out, *options)


@pytest.mark.parametrize("start, end", [("31-12-9999", ""), ("1-1-2020", "31-12-9999")])
def test_a_date_of_the_year_9999_is_a_date_like_any_other(tmp_path, start, end):
    """An HR system writes 31-12-9999 for "no end" (and, by a slip, as a
    start): a start of 9999 without an end failed the import with
    `KeyError: 'valid_to'` (found by a fuzzer of this session)."""
    res = _hr_import(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;Medewerker;"
                     f"Datum in dienst;Datum uit dienst\nF1;Directeur;;Anna de Vries;{start};"
                     f"{end}\n", "--date", "1-3-2026")
    assert res.exit_code == 0, res.output
    [hold] = [d for *_, d in orgmodel.load(tmp_path / "o").graph.edges(data=True)
              if d["kind"] == "HOLDS"]
    assert (hold.get("valid_from"), hold.get("valid_to")) == (
        ("9999-12-31", None) if not end else ("2020-01-01", "9999-12-31"))


def test_one_person_written_two_ways_is_one_person_and_said(tmp_path):
    """`Anna de Vries` on her own post and `Anna de Vries (a.i.)` on the one
    she holds ad interim were two people, as were `dhr. P. Bakker` and
    `P. Bakker`: a formation of 5 people for 3. A name is compared without
    a form of address, a title, more in brackets, capitals or accents;
    the cell's own words stay on the holding, and the log says each."""
    res = _hr_import(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE\n"
                     "F1;Directeur;;Anna de Vries;1\nF2;Teamleider;F1;Anna de Vries (a.i.);1\n"
                     "F3;Adviseur;F2;dhr. P. Bakker;1\nF4;Adviseur;F2;P. Bakker;0,5\n"
                     "F5;Adviseur;F2;José Müller;1\nF6;Adviseur;F2;Jose Muller;0,5\n"
                     "F7;Adviseur;F2;A. de Vries;1\n")
    assert res.exit_code == 0, res.output
    assert ("3 namen die anders geschreven zijn, met een aanspreekvorm, een titel, een woord "
            "voor hoe de personen hun functies bekleden ('Inhuur:') of meer tussen haakjes, of "
            "met andere hoofdletters of accenten, zijn gelezen als de personen die ze noemen: "
            "'Anna de Vries (a.i.)' als 'Anna de Vries'; 'P. Bakker' als 'dhr. P. Bakker'; "
            "'Jose Muller' als 'José Müller'") in res.output, res.output
    org = orgmodel.load(tmp_path / "o")
    holds = {v: (u, d.get("note")) for u, v, d in org.graph.edges(data=True)
             if d["kind"] == "HOLDS"}
    assert holds["F2"] == ("person:anna-de-vries",
                           "bekleder geschreven als 'Anna de Vries (a.i.)'")
    # (initials are not a name written otherwise: A. de Vries may be another)
    assert holds["F7"][0] != "person:anna-de-vries"
    assert orgmodel.totals(org)["people"] == 4


def test_a_word_for_how_a_holder_holds_the_post_is_not_their_name(tmp_path):
    """`Inhuur: J. Bakker` (an HR sheet's way of saying who is hired) was a
    person named "Inhuur: J. Bakker", another than the `J. Bakker` of the
    next post; `(Interim) P. de Boer` likewise, and `Inhuur: N.N.` a person
    named "N.N.". The word before the name is how the post is held: the
    person is the name after it (the cell's words kept on the holding, and
    said), a name not given after it is one, and `Externbrink, A.` is still
    a name."""
    res = _hr_import(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE\n"
                     "F1;Directeur;;(Interim) P. de Boer;1\nF2;Teamleider;F1;Inhuur: J. Bakker;1\n"
                     "F3;Adviseur;F2;J. Bakker;0,2\nF4;Adviseur;F2;Inhuur - N.N.;1\n"
                     "F5;Adviseur;F2;Externbrink, A.;1\nF6;Adviseur;F2;Extern: vacature;1\n",
                     "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("are read as the persons they name: '(Interim) P. de Boer' as 'P. de Boer'; "
            "'Inhuur: J. Bakker' as 'J. Bakker'") in res.output, res.output
    assert "Of them hired and not named ('Inhuur', 'Interim', 'Extern' ...: a person each, " \
        "not one person of that name): 1." in res.output, res.output
    org = orgmodel.load(tmp_path / "o")
    people = sorted(d["name"] for _, d in org.graph.nodes(data=True) if d["kind"] == "Person")
    assert people == ["(naam niet gegeven)", "Externbrink, A.", "J. Bakker", "P. de Boer"]
    holds = {v: (u, d.get("note")) for u, v, d in org.graph.edges(data=True)
             if d["kind"] == "HOLDS"}
    assert holds["F2"] == ("person:j-bakker", "bekleder geschreven als 'Inhuur: J. Bakker'")
    assert holds["F3"][0] == "person:j-bakker" and "F6" not in holds
    assert org.graph.nodes["F6"].get("vacant") is True


def test_an_acting_or_temporary_holder_is_the_name_after_the_word(tmp_path):
    """`Waarnemend: K. Bos` and `Tijdelijk - J. Smit` (who stands in, or
    holds the post for a time) were people named so, other than the `K.
    Bos` of the next post; `Vrij` (a place not filled) was a person named
    Vrij. The name after the word is the holder (the cell kept on the
    holding), the acting word alone still names no one, and `Vrij` is a
    vacancy."""
    res = _hr_import(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE\n"
                     "F1;Directeur;;Waarnemend: K. Bos;1\nF2;Teamleider;F1;Tijdelijk - J. Smit;1\n"
                     "F3;Adviseur;F2;K. Bos;0,2\nF4;Adviseur;F2;(a.i.) P. de Boer;1\n"
                     "F5;Adviseur;F2;Vrij;1\nF6;Adviseur;F2;Waarnemend;1\n", "--lang", "en")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "o")
    holds = {v: (org.label(u), d.get("note")) for u, v, d in org.graph.edges(data=True)
             if d["kind"] == "HOLDS"}
    assert holds["F1"] == ("K. Bos", "bekleder geschreven als 'Waarnemend: K. Bos'"), holds
    assert holds["F2"][0] == "J. Smit" and holds["F4"][0] == "P. de Boer", holds
    # (one person on two posts, as the file's two cells name her)
    assert [u for u, v, d in org.graph.edges(data=True) if d["kind"] == "HOLDS"
            and v in ("F1", "F3")] == ["person:k-bos"] * 2
    assert org.graph.nodes["F5"].get("vacant") is True and "F5" not in holds
    assert holds["F6"][0] == "(naam niet gegeven)"


def test_posts_with_an_empty_unit_cell_are_said(tmp_path):
    """A formatie list with each afdeling typed once above its posts (a CSV,
    or a workbook's cells not merged) put the posts under it in no unit, in
    silence: the formation per unit left them out. They are named, with
    the ways a unit typed once is read."""
    res = _hr_import(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;"
                     "Organisatie-eenheid;FTE\nF1;Directeur;;Directie;1\nF2;Teamleider;F1;Ruimte;1\n"
                     "F3;Adviseur;F2;;1\nF4;Adviseur;F2;;1\nF5;Jurist;F1;Juridisch;1\n")
    assert res.exit_code == 0, res.output
    assert "2 functies met een lege cel voor de eenheid (F3, F4): in geen eenheid (een eenheid " \
        "die één keer boven haar functies getypt is, wordt gelezen uit een cel die in een " \
        "werkmap over die regels is samengevoegd, of met --unit-headings" in res.output, res.output
    org = orgmodel.load(tmp_path / "o")
    assert [v for u, v, d in org.graph.edges(data=True)
            if d["kind"] == "MEMBER_OF" and u in ("F3", "F4")] == []


def test_a_job_title_that_says_its_post_is_gone_is_said(tmp_path):
    """`Adviseur (opgeheven 2024)` was counted as a post of the formatie in
    silence. The title is the file's (the post is kept, as the file gives
    it), and the log names it with how a post is marked gone; a
    `Boventallig medewerker` (said of a person) and a title with the word
    inside another (`Vervallenverklaring`) are not named."""
    res = _hr_import(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE\n"
                     "F1;Directeur;;Anna de Vries;1\nF2;Adviseur (opgeheven 2024);F1;;1\n"
                     "F3;Boventallig medewerker;F1;Eva Kok;1\n"
                     "F4;Medewerker Vervallenverklaring;F1;Jan Smit;1\n", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "- 1 post whose job title says it is gone (F2 'Adviseur (opgeheven 2024)'): read as " \
        "a post of the file; to leave a post out as gone, write 'opgeheven' (or 'Eliminated') " \
        "in its holder's cell, or remove its row" in res.output, res.output
    assert orgmodel.totals(orgmodel.load(tmp_path / "o"))["posts"] == 4


def test_a_superior_given_by_a_key_per_row_offers_it_as_the_id(tmp_path):
    """An export keyed by a number of its own (`Regnr`, `Functiecode`,
    `Leidinggevende regnr`): the preset takes the job code for the post id,
    and the refusal offered only `--reports-to-by Regnr`, which reads two
    Adviseurs with one job code as one post, a job share. Where the column
    the superiors are found in is one per row and the id column is not, the
    refusal offers `--id Regnr` too, which reads each row as a post."""
    text = ("Regnr;Naam;Functie;Functiecode;Org.eenheid;Leidinggevende regnr;Deeltijdfactor\n"
            "1001;Vries, A. de;Gemeentesecretaris;F0001;Directie;;1,0000\n"
            "1002;Jansen, B.;Teamleider Ruimte;F0100;Ruimte;1001;1,0000\n"
            "1003;Kok, E.;Adviseur;F0200;Ruimte;1002;0,8889\n"
            "1004;Smit, J.;Adviseur;F0200;Ruimte;1002;1,0000\n")
    res = _hr_import(tmp_path, text, "--reports-to", "Leidinggevende regnr", "--lang", "en")
    assert res.exit_code == 1
    assert "--reports-to-by Regnr reads the superior column through it; or, as 'Regnr' is " \
        "one per row and the post id 'Functiecode' is not (a code posts share?), --id Regnr " \
        "reads each row as a post by it" in res.output, res.output
    res = _hr_import(tmp_path, text, "--reports-to", "Leidinggevende regnr", "--id", "Regnr",
                     out="p")
    assert res.exit_code == 0, res.output
    assert orgmodel.totals(orgmodel.load(tmp_path / "p"))["posts"] == 4
    # (a key the id column does not repeat is no such hint: F0001 ... F0003)
    res = _hr_import(tmp_path, text.replace("F0200;Ruimte;1002;1,0000", "F0300;Ruimte;1002;1,0000"),
                     "--reports-to", "Leidinggevende regnr", "--lang", "en", out="q")
    assert res.exit_code == 1 and "--reports-to-by Regnr" in res.output
    assert "--id Regnr" not in res.output


def test_a_personnel_number_is_read_before_a_job_code(tmp_path):
    """A Youforce-like export (`Persnr`, `Functiecode`, `Leidinggevende
    persnr`) was read by its job code, shared by two Adviseurs (one post, a
    job share) and its superiors refused; a personnel number is read as the
    post's id before a job code, and its manager's column as the line."""
    res = _hr_import(tmp_path, "Persnr;Naam;Functie;Functiecode;Leidinggevende persnr;FTE\n"
                     "1001;Vries, A. de;Gemeentesecretaris;F0001;;1\n"
                     "1003;Kok, E.;Adviseur;F0200;1001;0,8889\n"
                     "1004;Smit, J.;Adviseur;F0200;1001;1\n", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "post id from 'Persnr'; superior from 'Leidinggevende persnr'" in res.output
    org = orgmodel.load(tmp_path / "o")
    assert orgmodel.totals(org)["posts"] == 3
    assert {v for u, v, d in org.graph.edges(data=True) if d["kind"] == "REPORTS_TO"} == {"1001"}


def test_a_holders_hours_beside_a_posts_hours_are_offered(tmp_path):
    """A formatie in hours (`Formatie (uren)`, `Bezetting (uren)`) read with
    `--full-time 36` listed `Bezetting (uren)` among the columns not read,
    with the general hint only; it is offered as the holders' own hours,
    which `--holder-fte` reads over the same week (and is then no hint)."""
    text = ("Formatieplaats;Functie;Formatie (uren);Bezetting (uren);Naam medewerker;"
            "Leidinggevende formatieplaats\nF1;Gemeentesecretaris;36;36;Anna de Vries;\n"
            "F2;Teamleider;36;32;Bram Jansen;F1\n")
    res = _hr_import(tmp_path, text, "--full-time", "36", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "- 'Bezetting (uren)' holds hours only, beside the post's hours: the holders' own? " \
        "It is not read (the holders have the post's); read it with --holder-fte 'Bezetting " \
        "(uren)', its hours over --full-time as the post's" in res.output, res.output
    res = _hr_import(tmp_path, text, "--full-time", "36", "--holder-fte", "Bezetting (uren)",
                     out="p")
    assert res.exit_code == 0 and "holders' own?" not in res.output, res.output
    fte = {v: d.get("fte_max") for u, v, d in orgmodel.load(tmp_path / "p").graph.edges(data=True)
           if d["kind"] == "HOLDS"}
    assert fte["F2"] == pytest.approx(32 / 36, abs=1e-6)


def test_one_person_appointed_to_a_post_twice_holds_it_twice(tmp_path):
    """One person on two rows of one post was refused as "a row given twice,
    or two appointments": with each row's period, one after the other (Eva
    Kok to 2021, Jan Smit to 2023, Eva Kok again from 2024), they are two
    appointments, each its own holding; the post's FTE is the latest row's."""
    res = _hr_import(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE;"
                     "Datum in dienst;Datum uit dienst\nF1;Directeur;;Anna de Vries;1;1-3-2019;\n"
                     "F2;Adviseur;F1;Eva Kok;1;1-6-2019;31-12-2021\n"
                     "F2;Adviseur;F1;Jan Smit;1;1-1-2022;31-12-2023\n"
                     "F2;Adviseur;F1;Eva Kok;0,8;1-1-2024;\n", "--lang", "en", "--date", "1-3-2026")
    assert res.exit_code == 0, res.output
    assert "left before the file's date 1 March 2026 (F2):" in res.output, res.output
    assert "several posts" not in res.output
    org = orgmodel.load(tmp_path / "o")
    eva = sorted((d.get("valid_from"), d.get("valid_to")) for u, v, d in
                 org.graph.edges(data=True) if d["kind"] == "HOLDS" and u == "person:eva-kok")
    assert eva == [("2019-06-01", "2021-12-31"), ("2024-01-01", None)]
    assert org.graph.nodes["F2"]["fte_max"] == 0.8
    assert orgmodel.totals(org)["people"] == 2
    # (without the periods, which of the two it is the file does not say: refused)
    res = _hr_import(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE\n"
                     "F1;Directeur;;Anna de Vries;1\nF2;Adviseur;F1;Eva Kok;1\n"
                     "F2;Adviseur;F1;Eva Kok;0,8\n", "--lang", "en", out="p")
    assert res.exit_code == 1 and "a row given twice, or two appointments" in res.output


def test_the_dutch_catalog_addresses_the_reader_as_u_throughout():
    """Every Dutch message addresses the reader as `u` (`bedoelt u`, `als het
    bestand van u is`); the import's list of columns not read said `geef je
    op`, the one `je` among them."""
    from babel.messages.pofile import read_po
    with open(ROOT / "orgmodel" / "locale" / "nl" / "LC_MESSAGES" / "orgmodel.po", "rb") as f:
        catalog = read_po(f)
    informal = [m.string for m in catalog if m.id and isinstance(m.string, str)
                and re.search(r"(?i)\b(je|jij|jou|jouw)\b", m.string)]
    assert informal == [], informal


def test_an_end_date_cell_that_says_none_is_no_date_said_once(tmp_path):
    """An HR export writes `n.v.t.` or `-` as the end date of everyone still
    employed: each was a cell not used ("is geen datum"), so that a file of
    500 people listed 480 and `--strict` refused it. Such a word is no date,
    counted and said once."""
    res = _hr_import(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;Medewerker;"
                     "Datum uit dienst\nF1;Directeur;;Anna de Vries;n.v.t.\n"
                     "F2;Adviseur;F1;Eva Kok;-\nF3;Adviseur;F1;Jan Smit;N.V.T.\n"
                     "F4;Adviseur;F1;Piet Bakker;31-12-2025\n", "--strict", "--date", "1-3-2026")
    assert res.exit_code == 0, res.output
    assert ("3 cellen van 'Datum uit dienst' zeggen dat er geen datum is ('n.v.t.', '-', "
            "'N.V.T.'): gelezen als geen") in res.output, res.output
    assert orgmodel.totals(orgmodel.load(tmp_path / "o"))["people"] == 3


def test_on_reads_a_dutch_organisations_date_under_lang_en(tmp_path):
    """`formation --on 1-12-2025 --lang en` of an organisation whose files
    write Dutch dates (`locale: nl`) was refused: the date was read as
    English writes one only. It is read as the organisation writes dates
    too, and refused with that reading's reason (a day that does not exist)."""
    assert _hr_import(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;Medewerker;"
                      "Datum uit dienst\nF1;Directeur;;Anna de Vries;\n"
                      "F2;Adviseur;F1;Eva Kok;31-12-2025\n").exit_code == 0
    res = run("formation", "--org", tmp_path / "o", "--on", "1-12-2025", "--lang", "en")
    assert res.exit_code == 0 and "2 people" in res.output, res.output
    res = run("formation", "--org", tmp_path / "o", "--on", "1-1-2026", "--lang", "en")
    assert res.exit_code == 0 and "1 people" not in res.output and "1 person" in res.output, \
        res.output
    res = run("formation", "--org", tmp_path / "o", "--on", "31-2-2026", "--lang", "en")
    assert res.exit_code == 2 and "'31-2-2026' is not a date that exists" in res.output, res.output
    # (an organisation of no Dutch locale: as English writes dates, as before)
    res = run("formation", "--org", DATA / "template", "--on", "1-12-2025", "--lang", "en")
    assert res.exit_code == 2 and "is not a date: write it as YYYY-MM-DD" in res.output


def test_a_dutch_synthetic_municipality_is_the_same_one_in_dutch(tmp_path):
    """`orgmodel synth --lang nl` wrote `Council`, `General director`,
    `Team of tm-3` and English criteria: a Dutch analyst's scale test read
    English in every table. Under a Dutch command line the same organisation
    (the same ids and edges) is written with Dutch names and texts, and says
    `language: nl`."""
    from orgmodel.synth import synthesize
    en, nl = synthesize(300, seed=4), synthesize(300, seed=4, language="nl")
    assert list(en.graph.nodes) == list(nl.graph.nodes)
    assert [(u, v, d["kind"]) for u, v, d in en.graph.edges(data=True)] == \
        [(u, v, d["kind"]) for u, v, d in nl.graph.edges(data=True)]
    assert (nl.label("gd"), nl.label("council"), nl.label("team-tm-0")) == (
        "Algemeen directeur", "Gemeenteraad", "Team van tm-0")
    assert nl.manifest["criteria"]["uncharted"]["text"] == "complex en onontgonnen terrein"
    res = run("synth", "--roles", "300", "--out", tmp_path / "s", "--lang", "nl")
    assert res.exit_code == 0 and "Synthetisch 300 geschreven" in res.output, res.output
    assert "language: nl" in (tmp_path / "s" / "org.yaml").read_text(encoding="utf-8")
    english = [n for n in orgmodel.load(tmp_path / "s").graph.nodes(data="name")
               if re.search(r"\b(Council|General|Alderman|Team of|Portfolio|Theme|"
                            r"Commission|Orphan)\b", n[1])]
    assert english == []
    res = run("synth", "--roles", "300", "--out", tmp_path / "e", "--lang", "en")
    assert "General director" in (tmp_path / "e" / "nodes.csv").read_text(encoding="utf-8")


def test_many_posts_held_one_after_another_are_said_by_the_first_ten(tmp_path):
    """An export of 13,000 posts with 565 successions wrote every one of them
    on one line of 16,000 characters: the first ten are named, the number
    says how many."""
    rows = "".join(f"F{i};Adviseur;F0;Eva Kok {i};1;1-1-2020;31-12-2025\n"
                   f"F{i};Adviseur;F0;Jan Smit {i};1;1-1-2026;\n" for i in range(1, 13))
    res = _hr_import(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE;"
                     "Datum in dienst;Datum uit dienst\nF0;Directeur;;Anna de Vries;1;;\n" + rows,
                     "--lang", "en")
    assert res.exit_code == 0, res.output
    [line] = [x for x in res.output.splitlines() if "one after another" in x]
    assert ": 12, not job shares" in line and "F10 on rows 21, 22; …" in line, line
    assert "F11 on rows" not in line


def test_a_choice_of_file_kinds_is_joined_in_dutch(tmp_path):
    # ("geef een .ttl or .jsonld-bestand": the kinds were joined with an English "or")
    res = run("--lang", "nl", "export", "org", "--org", DATA / "deventer", "--out",
              tmp_path / "deventer.xyz")
    assert res.exit_code == 2 and "geef een .ttl of .jsonld-bestand" in res.output, res.output
    assert not (tmp_path / "deventer.xyz").exists()


def test_junior_staff_under_a_gone_top_post_are_said_in_dutch(tmp_path):
    """The junior staff under a post marked eliminated with no post above it
    were said half in English in a Dutch log ('no post: no post above it is
    in the file ...'): a plain text inside the message, never translated."""
    senior, junior = tmp_path / "s.csv", tmp_path / "j.csv"
    senior.write_text("Post Unique Reference,Name,Grade (or equivalent),Job Title,Reports to Senior "
                      "Post,Unit,FTE,Organisation\nA1,Ann Smith,SCS3,Permanent Secretary,XX,Office,"
                      "1,Dept\nE1,Eliminated,SCS2,Director,XX,Office,1,Dept\n", encoding="utf-8")
    junior.write_text("Reporting Senior Post,Grade,Generic Job Title,Number of Posts in FTE,Unit,"
                      "Organisation\nA1,EO,Officer,2,Office,Dept\nE1,EO,Officer,3,Office,Dept\n",
                      encoding="utf-8")
    res = run("--lang", "nl", "import", "posts", senior, "--junior", junior, "--preset",
              "uk-organogram", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert "- De medewerkers van functie E1, die als vervallen is gemarkeerd (1 regel, 3 fte), " \
        "worden geteld onder geen functie: er staat geen functie erboven in het bestand, dus " \
        "worden ze weggelaten (opgesomd)" in res.output, res.output


def test_a_unit_grade_or_cost_centre_that_says_none_is_none(tmp_path):
    """'n.v.t.', '-', 'Onbekend' and '?' in the unit's column were units of
    those names (a team 'n.v.t.' in the formation), and in the grade's a
    grade 'n.v.t.' or '?'.  They are read as empty (nothing recorded), said
    once with the columns and values."""
    res = _hr_imported(tmp_path, "Formatieplaats;Functie;Medewerker;Leidinggevende;Afdeling;"
                       "Schaal;Kostenplaats\nF1;Directeur;A. Top;;Directie;15;100\n"
                       "F2;Adviseur;B. Bos;F1;n.v.t.;n.v.t.;-\nF3;Adviseur;C. Dam;F1;-;-;n.v.t.\n"
                       "F4;Adviseur;D. Eik;F1;Onbekend;?;?\nF5;Adviseur;E. Fok;F1;Directie;geen;200\n",
                       name="un.csv")
    assert "- un.csv: 10 cellen van 'Afdeling', 'Schaal', 'Kostenplaats' zeggen dat er geen is " \
        "of dat het niet bekend is ('n.v.t.', '-', 'Onbekend', '?', 'geen'): gelezen als leeg, " \
        "niets vastgelegd" in res.output, res.output
    g = orgmodel.load(tmp_path / "o").graph
    assert [d["name"] for _, d in g.nodes(data=True) if d["kind"] == "Team"] == ["Directie"]
    assert {p: g.nodes[p].get("grade") for p in ("F1", "F2", "F3", "F4", "F5")} == \
        {"F1": "15", "F2": None, "F3": None, "F4": None, "F5": None}
    assert {p: g.nodes[p].get("cost_centre") for p in ("F2", "F3", "F4", "F5")} == \
        {"F2": None, "F3": None, "F4": None, "F5": "200"}


def test_a_superior_not_known_or_still_to_be_decided_leaves_the_line_out(tmp_path):
    """'onbekend' and '?' as a superior were refused with the advice to read
    them as a post outside the organisation; 'n.t.b.' was said to be a
    vacancy.  Each says the superior is not known: the line is left out,
    said with the cell, and the post is no top."""
    res = _hr_imported(tmp_path, "Formatieplaats;Functie;Medewerker;Leidinggevende\n"
                       "F1;Directeur;A. Top;\nF2;Adviseur;B. Bos;n.t.b.\nF3;Adviseur;C. Dam;onbekend\n"
                       "F4;Adviseur;D. Eik;?\nF5;Adviseur;E. Fok;F1\n", name="sup.csv")
    for row, sup in ((3, "n.t.b."), (4, "onbekend"), (5, "?")):
        assert f"sup.csv, regel {row}: valt onder '{sup}', wat zegt dat de leidinggevende niet " \
            "bekend is of nog bepaald moet worden: de lijn is weggelaten" in res.output, res.output
    assert "- Toppen (1): F1 (Directeur)." in res.output
    g = orgmodel.load(tmp_path / "o").graph
    assert [(u, v) for u, v, d in g.edges(data=True) if d["kind"] == "REPORTS_TO"] == \
        [("F5", "F1")]
    assert not any(d.get("external") for _, d in g.nodes(data=True))


def test_a_mandate_passed_down_is_doorgemandateerd_never_delegated(tmp_path):
    """A commissionership passed down the line is *doorgemandateerd* (the
    sources' word, D-FS-IV, D-B2, D-B3): it was written *gedelegeerd*,
    which in Dutch law is delegation (Awb 10:13), another act, in which the
    power itself passes. No Dutch text of orgmodel says delegation."""
    org = copy_template(tmp_path)
    text = (org / "edges.csv").read_text(encoding="utf-8")
    (org / "edges.csv").write_text(text.replace("\ndd,youth,COMMISSIONS", "\ntm2,youth,COMMISSIONS"),
                                   encoding="utf-8")
    res = run("--lang", "nl", "check", "--org", org)
    assert ("[R4] Team manager Customer contact is doorgemandateerd ambtelijk opdrachtgever van "
            "Youth programme zonder mandaat van de ambtelijk opdrachtgever") in res.output
    catalogue = (ROOT / "orgmodel" / "locale" / "nl" / "LC_MESSAGES" / "orgmodel.po")
    said = [line for line in catalogue.read_text(encoding="utf-8").splitlines()
            if line.startswith(("msgstr", '"')) and re.search(r"(?i)gedelegeerd|delegatie", line)]
    assert said == []
    for folder in ("deventer", "albrandswaard"):
        assert "gedelegeerd" not in (DATA / folder / "edges.csv").read_text(encoding="utf-8")


def test_a_what_ifs_notes_say_the_change_in_both_languages(tmp_path):
    """A renamed post's note was replaced by "what-if: dd-bb renamed": the
    reasoning of an inferred post was gone in English and kept in Dutch, so
    each language told another story. It keeps its reasoning, the change
    said after it, in both. An edge a merge moved became assumed with the
    what-if note, but kept its Dutch note: the reasoning of the fact it no
    longer is, shown on the Dutch pages. It says the change in Dutch."""
    from orgmodel.whatif import apply
    org = orgmodel.load(DATA / "deventer")
    old = dict(org.graph.nodes["dd-bb"])
    new = apply(org, [{"rename": "dd-bb", "name": "Adjunct-directeur Zorg"}])
    d = new.graph.nodes["dd-bb"]
    assert d["note"] == old["note"] + "; what-if: dd-bb renamed"
    assert d["note_nl"] == old["note_nl"] + "; wat-als: dd-bb hernoemd"
    assert d["evidence"] == old["evidence"] and d["source"] == old["source"]
    # (a name in Dutch beside the name, as an ORG file's @nl label gives it,
    # was kept: the Dutch pages showed the old name)
    org.graph.nodes["dd-bb"]["name_nl"] = "Adjunct-directeur B&B"
    new = apply(org, [{"rename": "dd-bb", "name": "Adjunct-directeur Zorg"}])
    from orgmodel.model import display_names
    assert display_names(new.graph, "nl")["dd-bb"] == "Adjunct-directeur Zorg"
    new = apply(org, [{"merge": ["dd-bo", "dd-bb"]}])
    moved = [d for u, v, d in new.graph.edges(data=True)
             if u == "dd-bo" and v == "cl-bb" and d["kind"] == "LEADS"]
    assert moved and moved[0]["evidence"] == "assumed" and "source" not in moved[0]
    assert moved[0]["note"] == "what-if: dd-bb merged into dd-bo"
    assert moved[0]["note_nl"] == "wat-als: dd-bb opgegaan in dd-bo"


@pytest.mark.parametrize("column", ["Aantal", "Aantal formatieplaatsen", "Aantal medewerkers"])
def test_a_count_per_row_a_formation_table_gives_is_said_with_its_rows(tmp_path, column):
    """A formation table's 'Aantal' (4 on the row of Consulent Wmo) was a
    column not read among the others, as if it held what orgmodel reads
    under another name: the 4 posts were one, in silence.  Each row is still
    one post with the row's whole FTE (places or people, the name does not
    say), and the log names the rows that count more than one."""
    f = tmp_path / "f.csv"
    f.write_text(f"Formatieplaats;Functie;Leidinggevende functie;{column};Formatie fte\n"
                 "F1;Teamleider Wmo;;1;1\nF2;Consulent Wmo;F1;4;3,56\nF3;Consulent Jeugd;F1;3;2,67\n"
                 "F4;Secretaresse;F1;1;0,8\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert f"'{column}' geeft op elke regel een aantal, meer dan 1 op 2 regels (regel 3: 4, " \
        "regel 4: 3): niet gelezen; elke regel is één functie met de hele fte van de regel" \
        in res.output
    g = orgmodel.load(tmp_path / "o").graph
    assert g.nodes["F2"]["fte_min"] == g.nodes["F2"]["fte_max"] == 3.56
    res = run("--lang", "en", "import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "p")
    assert f"'{column}' gives a number on each row, over 1 on 2 rows (row 3: 4, row 4: 3)" \
        in res.output


@pytest.mark.parametrize("column, cells", [("Aantal", ["1", "1", "1"]),
                                            ("Aantal fte", ["1", "4", "3"]),
                                            ("Aantal", ["1", "2,5", "1"])])
def test_a_count_of_ones_or_of_fte_is_not_said_as_a_count(tmp_path, column, cells):
    f = tmp_path / "f.csv"
    f.write_text(f"Formatieplaats;Functie;Leidinggevende functie;{column}\n"
                 + "".join(f"F{i};Functie {i};{'F1' if i > 1 else ''};{c}\n"
                           for i, c in enumerate(cells, 1)), encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert "geeft op elke regel een aantal" not in res.output


@pytest.mark.parametrize("field, column", [
    ("post id", "Plaats-ID"), ("post id", "Formatieplaatscode"),
    ("job title", "Organieke functie"), ("job title", "Naam functie"),
    ("holder", "Bezetting (naam)"), ("unit", "Directie"), ("unit", "OE"),
    ("FTE", "Aanstelling (fte)"), ("FTE", "Contractomvang"),
    ("grade", "Max. schaal"), ("grade", "Schaal (max)"), ("grade", "Loonschaal")])
def test_more_names_dutch_hr_exports_give_their_columns_are_read(tmp_path, field, column):
    """Each was a column not read: posts named 'Functie F1', no grade, no
    unit, or the file refused for want of a post id."""
    header = {"post id": "Formatieplaats", "superior": "Leidinggevende functie",
              "job title": "Functie", "holder": "Medewerker", "unit": "Afdeling", "FTE": "Fte",
              "grade": "Schaal"}
    header[field] = column
    f = tmp_path / "f.csv"
    f.write_text(";".join(header.values()) + "\n"
                 "F1;;Directeur;A. Top;Directie Sociaal;1;15\n"
                 "F2;F1;Adviseur;B. Mid;Directie Sociaal;0,8;10\n", encoding="utf-8")
    res = run("--lang", "en", "import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert f"{field} from '{column}'" in res.output
    nodes = (tmp_path / "o" / "nodes.csv").read_text(encoding="utf-8")
    assert "Post,Adviseur" in nodes and "Functie F2" not in nodes


@pytest.mark.parametrize("cell, fte", [("Voltijd", 1.0), ("fulltime", 1.0), ("½", 0.5),
                                       ("¾", 0.75)])
def test_an_fte_written_as_a_word_or_a_sign_is_its_share(tmp_path, cell, fte):
    # (each was "not a number": the post kept without an FTE, and the
    # formation short of it)
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Leidinggevende functie;Medewerker;Fte\n"
                 f"F1;Directeur;;A. Top;1\nF2;Adviseur;F1;B. Mid;{cell}\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0 and "is geen getal" not in res.output, res.output
    assert orgmodel.load(tmp_path / "o").graph.nodes["F2"]["fte_max"] == fte


def test_units_as_codes_in_oe_beside_their_names_are_offered_by_name(tmp_path):
    # ('OE', read as the unit since the preset knows it, held codes; the
    # names in 'Omschrijving OE' were a column not read, and not offered)
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Leidinggevende functie;Medewerker;OE;Omschrijving OE;Fte\n"
                 "F1;Directeur;;A. Top;100;Directie;1\nF2;Adviseur;F1;B. Mid;210;Ruimte;0,8\n",
                 encoding="utf-8")
    res = run("--lang", "en", "import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert "Units named by the codes in 'OE' (100, 210): 'Omschrijving OE' gives their names; " \
        "give --unit 'Omschrijving OE' to name the units so" in res.output
