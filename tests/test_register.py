"""A mandate register (mandaatregister) read into an organisation folder:
``orgmodel import mandates`` and :func:`orgmodel.formats.register.import_register`.

The register orgmodel writes reads back into the same mandates; a Dutch
register of names (the docs' sample) gives who-decides its answers; a row
that cannot be read is named with its row and why, and the folder is left
as it was."""
from __future__ import annotations

import math
import shutil

import pandas as pd
import pytest

import orgmodel
from conftest import DATA, ROOT, run
from orgmodel.errors import ValidationError
from orgmodel.formats.register import import_register, with_entries
from orgmodel.i18n import translator
from orgmodel.mandates import register, who_decides, write_register

SAMPLES = ROOT / "docs" / "samples"
HEADER = ("Bevoegdheid;Bevoegd orgaan;Mandaatgever;Gemandateerde;Ondermandaat toegestaan;"
          "Financiële grens;Geldig vanaf\n")


def _without_mandates(tmp_path, org="deventer"):
    folder = tmp_path / org
    shutil.copytree(DATA / org, folder)
    edges = pd.read_csv(folder / "edges.csv", dtype=str, keep_default_na=False)
    edges[edges["kind"] != "MANDATES"].to_csv(folder / "edges.csv", index=False)
    return folder


def _mandates(folder) -> dict:
    """``{(from, to): attributes}`` of the MANDATES edges, as the model reads them."""
    org = orgmodel.load(folder)
    out = {}
    for u, v, d in org.graph.edges(data=True):
        if d["kind"] == "MANDATES":
            d = {k: x for k, x in d.items() if x not in (None, "", False) and
                 not (isinstance(x, float) and math.isnan(x))}
            d["powers"] = sorted(d["powers"])
            out[u, v] = d
    return out


@pytest.mark.parametrize("lang,suffix", [("en", ".csv"), ("nl", ".xlsx"), ("nl", ".csv")])
def test_the_register_orgmodel_writes_reads_back_into_the_same_mandates(tmp_path, lang, suffix):
    org = orgmodel.load(DATA / "deventer")
    path = write_register(register(org), tmp_path / f"register{suffix}", org, lang=lang)
    folder = _without_mandates(tmp_path)
    yaml_before = (folder / "org.yaml").read_text(encoding="utf-8")
    log = import_register(path, folder)
    assert _mandates(folder) == _mandates(DATA / "deventer")
    again = orgmodel.load(folder)
    for power in org.vocabulary("powers"):
        # (the same answers; the mandates' order in edges.csv is the register's)
        ours, theirs = (who_decides(o, power).sort_values("post", ignore_index=True)
                        for o in (again, org))
        assert ours.astype(str).equals(theirs.astype(str)), power
    # (every power and source known already: org.yaml as it was, its comments too)
    assert (folder / "org.yaml").read_text(encoding="utf-8") == yaml_before
    assert log.mandates == len(_mandates(folder)) and log.rows == len(register(org))
    assert not log.not_read and len(log.worked_out) == 6


def _sample(tmp_path):
    folder = tmp_path / "voorbeeld"
    res = run("import", "posts", SAMPLES / "formatie-voorbeeld.csv", "--preset", "nl-hr",
              "--name", "Gemeente Voorbeeld", "--out", folder)
    assert res.exit_code == 0, res.output
    return folder


def _imported(tmp_path, text: str, *extra):
    """The sample organisation, and ``import mandates`` of a register of ``text``
    into it (with the options ``extra``): ``(folder, result)``."""
    folder = _sample(tmp_path)
    path = tmp_path / "register.csv"
    path.write_text(text, encoding="utf-8")
    return folder, run("import", "mandates", path, "--org", folder, *extra)


def _files(folder) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_dutch_sample_register_answers_who_decides(tmp_path):
    folder = _sample(tmp_path)
    before = _files(folder)
    res = run("import", "mandates", SAMPLES / "mandaatregister-voorbeeld.csv", "--org", folder)
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "regel 2: bevoegd orgaan 'College van B&W' is geen functie of rol" in res.output
    assert "--add-bodies" in res.output and _files(folder) == before
    res = run("import", "mandates", SAMPLES / "mandaatregister-voorbeeld.csv", "--org", folder,
              "--add-bodies")
    assert res.exit_code == 0, res.output
    assert "Bevoegde organen toegevoegd als politieke functies: College van B&W" in res.output
    assert "nieuw in org.yaml: inkoop" in res.output
    org = orgmodel.load(folder)
    answer = who_decides(org, "inkoop", amount=20_000)
    assert answer["post"].tolist() == ["college-van-b-w", "F001", "F005", "F002"]
    assert answer["ceiling"].tolist()[1:] == [50_000, 25_000, 25_000]
    warned = {p: translator("nl")(w) if w else "" for p, w in zip(answer["post"],
                                                                 answer["warnings"])}
    assert warned["F002"].startswith("Awb 10:1: Teammanager Financiën is vacant")
    assert not any(warned[p] for p in ("college-van-b-w", "F001", "F005"))
    assert not who_decides(org, "inkoop", amount=30_000, role="F002")["may"]
    college = org.graph.nodes["college-van-b-w"]
    assert (college["kind"], college["sphere"], college["source"]) == \
        ("Post", "political", "register regel 2")
    edge = org.graph.edges["F001", "F002", 0]
    assert (edge["submandate"], edge["valid_from"], edge["decision_date"], edge["published"]) \
        == (False, "2026-01-01", "2025-12-15", "Gemeenteblad 2025, 98765")
    # (the lines org.yaml had are all there, in their order)
    old = before["org.yaml"].decode().splitlines()
    new = (folder / "org.yaml").read_text(encoding="utf-8").splitlines()
    assert [line for line in new if line in old] == old
    log = (folder / "IMPORT.md").read_text(encoding="utf-8")
    assert log.startswith("# Import van formatie-voorbeeld.csv")
    assert "\n\n# Import van mandaatregister-voorbeeld.csv\n\n- Gelezen kolommen: bevoegdheid " \
        "uit 'Bevoegdheid';" in log
    assert "- Bevoegde organen toegevoegd als politieke functies: College van B&W" in log
    res = run("who-decides", "inkoop", "--org", folder, "--amount", "30.000", "--role", "F002")
    assert res.exit_code == 0 and "nee: de financiële grens op de keten is €\xa025.000" in res.output


def test_a_folder_with_mandates_is_refused_unless_replace(tmp_path):
    folder = _sample(tmp_path)
    register_file = SAMPLES / "mandaatregister-voorbeeld.csv"
    assert run("import", "mandates", register_file, "--org", folder, "--add-bodies"
               ).exit_code == 0
    first = _mandates(folder)
    before = _files(folder)
    res = run("import", "mandates", register_file, "--org", folder, "--add-bodies")
    assert res.exit_code == 1 and "bevat al 3 mandaten: geef --replace" in res.output
    assert _files(folder) == before
    res = run("import", "mandates", register_file, "--org", folder, "--replace")
    assert res.exit_code == 0, res.output
    assert "De 3 mandaten die de map eerder had, zijn vervangen" in res.output
    assert _mandates(folder) == first
    assert "geen mandaat nu noemt" not in res.output
    # a register that no longer has the power: said, the power kept in org.yaml
    other = tmp_path / "ander.csv"
    other.write_text(HEADER + "Subsidies;College van B&W;College van B&W;Gemeentesecretaris;"
                     "nee;;\n", encoding="utf-8")
    res = run("import", "mandates", other, "--org", folder, "--replace")
    assert res.exit_code == 0, res.output
    assert ("Bevoegdheden die de vervangen mandaten noemden en die geen mandaat nu noemt: "
            "inkoop") in res.output, res.output
    assert "inkoop" in orgmodel.load(folder).manifest["powers"]
    assert "inkoop" in (folder / "IMPORT.md").read_text(encoding="utf-8").split(
        "Bevoegdheden die de vervangen")[-1]


BAD = {
    "a name no post has": ("Inkoop;;Gemeentesecretaris;Teammanager Financien;nee;;\n",
                           "gemandateerde 'Teammanager Financien' is geen functie of rol van de "
                           "organisatie (bedoelt u 'Teammanager Financiën'?)"),
    "a name two posts have": ("Inkoop;;Gemeentesecretaris;Adviseur financiën;nee;;\n",
                              "gemandateerde 'Adviseur financiën' noemt 2 functies of rollen "
                              "(F003, F004)"),
    "a ceiling that is no amount": ("Inkoop;;Gemeentesecretaris;Teammanager Publiekszaken;nee;"
                                    "veel;\n", "'veel'"),
    "a ceiling below 0": ("Inkoop;;Gemeentesecretaris;Teammanager Publiekszaken;nee;-5;\n",
                          "financiële grens '-5' is kleiner dan 0"),
    "ondermandaat neither yes nor no": ("Inkoop;;Gemeentesecretaris;Teammanager Publiekszaken;"
                                        "misschien;;\n", "'misschien'"),
    "a date that is none": ("Inkoop;;Gemeentesecretaris;Teammanager Publiekszaken;nee;;"
                            "31-02-2026\n", "31-02-2026"),
    # (a date written month first, an export from a US system: it said only that it is none)
    "a date written month first": ("Inkoop;;Gemeentesecretaris;Teammanager Publiekszaken;nee;;"
                                   "03/31/2026\n", "'03/31/2026' is een datum die niet bestaat: met "
                                   "de maand eerst geschreven, zoals in de VS? Schrijf hem als "
                                   "2026-03-31"),
    "no mandatee": ("Inkoop;;Gemeentesecretaris;;nee;;\n", "geen gemandateerde"),
    # (a power typed once over its rows: the row above's, or left out?)
    "no power under a row that names one": (
        ";;Gemeentesecretaris;Teammanager Financiën;nee;;\n",
        "geen bevoegdheid: de cel is leeg (is het die van regel 2, één keer boven haar regels "
        "getypt? schrijf hem op elke regel"),
    "a ceiling 'tot' an amount": ("Inkoop;;Gemeentesecretaris;Teammanager Publiekszaken;nee;"
                                  "tot € 50.000;\n", "'tot € 50.000' maakt het bedrag zelf geen "
                                  "deel van het mandaat ('tot' laat het open"),
    "a ceiling per year": ("Inkoop;;Gemeentesecretaris;Teammanager Publiekszaken;nee;"
                           "€ 25.000 per jaar;\n", "is een bedrag met 'per jaar' erachter"),
    "a ceiling that is a range": ("Inkoop;;Gemeentesecretaris;Teammanager Publiekszaken;nee;"
                                  "€ 10.000 - € 50.000;\n", "is een bandbreedte"),
    "a spreadsheet's error": ("Inkoop;;Gemeentesecretaris;Teammanager Publiekszaken;nee;"
                              "#WAARDE!;\n", "kolom 'Financiële grens' bevat de "
                              "spreadsheetfout '#WAARDE!': een formule die niet uitgerekend"),
    "a person where a post is meant": ("Inkoop;;Gemeentesecretaris;Dewi Kok;nee;;\n",
                                       "gemandateerde 'Dewi Kok' is een persoon, die F005 "
                                       "(Teammanager Publiekszaken) bekleedt"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_row_that_cannot_be_read_is_named_and_nothing_is_written(tmp_path, case):
    folder = _sample(tmp_path)
    row, said = BAD[case]
    path = tmp_path / "register.csv"
    path.write_text(HEADER + "Inkoop;;Gemeentesecretaris;Teammanager Publiekszaken;nee;;\n" + row,
                    encoding="utf-8")
    before = _files(folder)
    res = run("import", "mandates", path, "--org", folder)
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "register.csv, regel 3: " in res.output and said in res.output, res.output
    assert "register.csv, regel 2" not in res.output
    assert _files(folder) == before


def test_an_inferred_mandate_needs_its_reasoning(tmp_path):
    _, res = _imported(tmp_path, "Bevoegdheid;Mandaatgever;Gemandateerde;Grond;Toelichting\n"
                       "Inkoop;Gemeentesecretaris;Teammanager Publiekszaken;afgeleid;\n"
                       "Inkoop;Gemeentesecretaris;Teammanager Financiën;afgeleid;uit de "
                       "begroting\n")
    assert res.exit_code == 1
    # (the grade as the row writes it: it said 'inferred' of 'afgeleid')
    assert "regel 2: grond 'afgeleid' vraagt een toelichting" in res.output, res.output
    assert "regel 3" not in res.output


def test_no_ceiling_and_a_ceiling_in_millions(tmp_path):
    folder, res = _imported(tmp_path, HEADER + "Inkoop;;Gemeentesecretaris;Teammanager "
                                      "Publiekszaken;nee;€ 1,5 miljoen;n.v.t.\n"
                                      "Inkoop;;Gemeentesecretaris;Teammanager Financiën;nee;"
                                      "onbeperkt;\n")
    assert res.exit_code == 0, res.output
    got = _mandates(folder)
    assert got["F001", "F005"]["ceiling"] == 1_500_000 and "valid_from" not in got["F001", "F005"]
    # 'onbeperkt' states that there is none: kept as such, not as an empty
    # cell (which records nothing, and answers no amount)
    assert got["F001", "F002"]["ceiling"] == "none"
    assert ",1500000," in (folder / "edges.csv").read_text(encoding="utf-8")
    assert ",none," in (folder / "edges.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("text,fields,values", [
    # (a register heads its columns in its own words: Onderwerp, Mandaat aan,
    # Maximumbedrag, Voorwaarden/instructies, Ondermandaat mogelijk)
    ("Onderwerp;Mandaatgever;Mandaat aan;Ondermandaat mogelijk;Maximumbedrag;"
     "Voorwaarden/instructies\nInkoop;Gemeentesecretaris;Teammanager Financiën;ja;€ 10.000;"
     "binnen het budget\n", ("ceiling", "submandate", "instructions"),
     (10_000, True, "binnen het budget")),
    # (and more of them: Bevoegdheden, Gemandateerden, Grensbedrag, Nadere
    # voorwaarden, Bijzonderheden were columns not read, the row refused for
    # want of a power and a mandatee)
    ("Bevoegdheden;Mandaatgever;Gemandateerden;Grensbedrag;Nadere voorwaarden;"
     "Bijzonderheden\nInkoop;Gemeentesecretaris;Teammanager Financiën;€ 10.000;"
     "binnen het budget;zie besluit\n", ("ceiling", "instructions", "note"),
     (10_000, "binnen het budget", "zie besluit"))])
def test_the_other_names_registers_give_their_columns(tmp_path, text, fields, values):
    folder, res = _imported(tmp_path, text)
    assert res.exit_code == 0, res.output
    edge = _mandates(folder)["F001", "F002"]
    assert tuple(edge[f] for f in fields) == values
    assert "Kolommen die niet gelezen zijn" not in res.output


def test_ondermandaat_named_in_the_row_of_its_mandate(tmp_path):
    """A register names whom the mandatee passes a power on to in a column of
    its own (*ondermandaat aan*). It was listed as not read, and the
    teammanagers it named could decide nothing. Each post named is an
    ondermandaat edge, graded inferred with the reasoning (its terms are the
    row's), and the row's mandate allows ondermandaat."""
    head = "Bevoegdheid;Mandaatgever;Gemandateerde;Ondermandaat aan;Financiële grens\n"
    folder, res = _imported(tmp_path, head + "Inkoop;Gemeentesecretaris;Teammanager "
                            "Publiekszaken;Medewerker burgerzaken;€ 25.000\n"
                            "Inhuur;F001;F005;F006, F002;€ 10.000\n")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(folder)
    subs = [(u, v, d) for u, v, d in org.graph.edges(data=True) if d["kind"] == "MANDATES"
            and u == "F005"]
    assert sorted((v, tuple(d["powers"]), d["ceiling"], d["evidence"]) for u, v, d in subs) == [
        ("F002", ("inhuur",), 10_000, "inferred"), ("F006", ("inhuur",), 10_000, "inferred"),
        ("F006", ("inkoop",), 25_000, "inferred")]
    assert all("Gemeentesecretaris" in d["note"] and d["source"].startswith("register regel")
               for _, _, d in subs)
    assert all(d["submandate"] for u, v, d in org.graph.edges(data=True)
               if d["kind"] == "MANDATES" and u == "F001")
    answer = who_decides(org, "inkoop", amount=20_000)
    assert "F006" in answer["post"].tolist()
    assert "- Ondermandaat gelezen uit de regels die het noemen: 3 relaties" in res.output
    # (a row that says no ondermandaat, and names one, is refused on its row)
    before = _files(folder)
    path = tmp_path / "nee.csv"
    path.write_text("Bevoegdheid;Mandaatgever;Gemandateerde;Ondermandaat toegestaan;"
                    "Ondermandaat aan\nInkoop;F001;F005;nee;F006\n", encoding="utf-8")
    res = run("import", "mandates", path, "--org", folder, "--replace", "--lang", "en")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "row 2: names ondermandaat to Medewerker burgerzaken, and says ondermandaat is " \
        "not allowed" in res.output and _files(folder) == before
    # (the power passed back to its own mandator is refused: it would go round)
    path.write_text("Bevoegdheid;Mandaatgever;Gemandateerde;Ondermandaat aan\n"
                    "Inkoop;F001;F005;Gemeentesecretaris\n", encoding="utf-8")
    res = run("import", "mandates", path, "--org", folder, "--replace", "--lang", "en")
    assert res.exit_code == 1 and "row 2: names the mandator 'Gemeentesecretaris' as " \
        "ondermandaat of its own mandate" in res.output and _files(folder) == before
    # (a post that is not there is named, with the closest)
    path.write_text("Bevoegdheid;Mandaatgever;Gemandateerde;Ondermandaat aan\n"
                    "Inkoop;F001;F005;Medewerker burgerzaak\n", encoding="utf-8")
    res = run("import", "mandates", path, "--org", folder, "--replace", "--lang", "en")
    assert res.exit_code == 1 and "'Medewerker burgerzaak' is no post or role" in res.output
    assert _files(folder) == before


def test_a_row_that_names_several_mandatees(tmp_path):
    """A register often gives one power to several posts in one cell
    (*Mandaat aan*: `Teammanager Financiën, Teammanager Publiekszaken`). It
    was refused as no post of that name. Each is now given the row's mandate,
    stated, said in the log; ondermandaat on such a row (from whom?) and the
    mandator named among them are refused on the row."""
    head = "Bevoegdheid;Mandaatgever;Mandaat aan;Financiële grens\n"
    folder, res = _imported(tmp_path, head + "Inkoop;Gemeentesecretaris;Teammanager "
                            "Financiën, Teammanager Publiekszaken;€ 25.000\n"
                            "Inhuur;F001;\"F002\nF005\";€ 10.000\n")
    assert res.exit_code == 0, res.output
    assert "- Regels die meer gemandateerden noemen (2: regels 2, 3): een mandaat aan elk" \
        in res.output
    got = sorted((u, v, tuple(d["powers"]), d["ceiling"], d["evidence"])
                 for u, v, d in orgmodel.load(folder).graph.edges(data=True)
                 if d["kind"] == "MANDATES")
    assert got == [("F001", "F002", ("inhuur",), 10_000, "stated"),
                   ("F001", "F002", ("inkoop",), 25_000, "stated"),
                   ("F001", "F005", ("inhuur",), 10_000, "stated"),
                   ("F001", "F005", ("inkoop",), 25_000, "stated")], got
    before = _files(folder)
    path = tmp_path / "onder.csv"
    for text, said in (
            ("Bevoegdheid;Mandaatgever;Gemandateerde;Ondermandaat aan\n"
             "Inkoop;F001;F002, F005;F006\n",
             "row 2: names several mandatees (Teammanager Financiën, Teammanager "
             "Publiekszaken) and ondermandaat to Medewerker burgerzaken: from which of them, "
             "the row does not say; give a row per mandatee"),
            ("Bevoegdheid;Mandaatgever;Gemandateerde\nInkoop;F001;F002, Gemeentesecretaris\n",
             "row 2: names the mandator 'Gemeentesecretaris' as its own mandatee")):
        path.write_text(text, encoding="utf-8")
        res = run("import", "mandates", path, "--org", folder, "--replace", "--lang", "en")
        assert res.exit_code == 1 and said in res.output, res.output
        assert _files(folder) == before


def test_a_register_without_a_mandator_column_gives_the_bodys_mandates(tmp_path):
    """Most registers give per power its competent body and the mandatee, and
    no mandator: a mandate is exercised in the name of the body (Awb 10:1).
    Such a register was refused for its missing mandator column. Each row's
    mandate is now from its power's body, graded inferred with that
    reasoning; a row whose power has no body named is refused on its row."""
    folder = _sample(tmp_path)
    path = tmp_path / "register.csv"
    path.write_text("Onderwerp;Bevoegd orgaan;Gemandateerde;Financiële grens\n"
                    "Inkoop;College van B&W;Gemeentesecretaris;€ 50.000\n"
                    "Inkoop;College van B&W;Teammanager Publiekszaken;€ 25.000\n",
                    encoding="utf-8")
    res = run("import", "mandates", path, "--org", folder, "--add-bodies")
    assert res.exit_code == 0, res.output
    assert "- Geen kolom mandaatgever: het mandaat van elk van de 2 regels is van het bevoegd " \
        "orgaan van de bevoegdheid" in res.output
    org = orgmodel.load(folder)
    got = {(u, v): d for u, v, d in org.graph.edges(data=True) if d["kind"] == "MANDATES"}
    assert set(got) == {("college-van-b-w", "F001"), ("college-van-b-w", "F005")}
    assert {d["evidence"] for d in got.values()} == {"inferred"}
    assert all("Awb 10:1" in d["note"] and "College van B&W" in d["note"]
               for d in got.values())
    answer = who_decides(org, "inkoop", amount=20_000)
    assert sorted(answer["post"]) == ["F001", "F005", "college-van-b-w"]
    # (no body for the power, on the row or in org.yaml: refused on the row)
    folder = _sample(tmp_path / "b")
    before = _files(folder)
    path.write_text("Onderwerp;Bevoegd orgaan;Gemandateerde\nInkoop;;Gemeentesecretaris\n",
                    encoding="utf-8")
    res = run("import", "mandates", path, "--org", folder, "--lang", "en")
    assert res.exit_code == 1 and "Traceback" not in res.output and _files(folder) == before
    assert "row 2: the register has no mandator column, and neither the row nor org.yaml " \
        "names the competent body of power 'inkoop'" in res.output
    # (neither a mandator nor a body column: refused on the header, as before)
    path.write_text("Onderwerp;Gemandateerde\nInkoop;Gemeentesecretaris\n", encoding="utf-8")
    res = run("import", "mandates", path, "--org", folder, "--lang", "en")
    assert res.exit_code == 1 and "has no column for the mandator" in res.output


def test_a_register_with_no_mandate_is_refused_not_made_the_whole_record(tmp_path):
    # (a register of a header alone, or of headings, with --replace removed
    # every mandate the folder held, and said "powers: ,")
    folder, res = _imported(tmp_path, HEADER + "Inkoop;;Gemeentesecretaris;Teammanager "
                                      "Financiën;nee;€ 25.000;\n")
    assert res.exit_code == 0, res.output
    before = _files(folder)
    for text in (HEADER, HEADER + "Hoofdstuk 1 Inkoop;;;;;;\n"):
        path = tmp_path / "leeg.csv"
        path.write_text(text, encoding="utf-8")
        res = run("import", "mandates", path, "--org", folder, "--replace", "--lang", "en")
        assert res.exit_code == 1 and "Traceback" not in res.output, res.output
        assert "leeg.csv: holds no mandate: no row under its header gives one" in res.output
        assert _files(folder) == before
    # (a CSV line without its separators is refused, said in the singular)
    path.write_text(HEADER + "Hoofdstuk 1 Inkoop\n", encoding="utf-8")
    res = run("import", "mandates", path, "--org", folder, "--replace", "--lang", "en")
    assert res.exit_code == 1 and "row 2: has 1 cell but the header has 7" in res.output


def test_a_power_merged_over_its_mandatees_rows(tmp_path):
    # (a register writes a power once, merged down over the rows of its
    # mandatees: read on each row it covers, and said, as import posts says it)
    import openpyxl
    folder = _sample(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Bevoegdheid", "Mandaatgever", "Gemandateerde", "Maximumbedrag"])
    ws.append(["Inkoop", "Gemeentesecretaris", "Teammanager Financiën", 25000])
    ws.append([None, None, "Teammanager Publiekszaken", 20000])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    wb.save(tmp_path / "register.xlsx")
    res = run("import", "mandates", tmp_path / "register.xlsx", "--org", folder, "--lang", "en")
    assert res.exit_code == 0, res.output
    got = _mandates(folder)
    assert (got["F001", "F002"]["ceiling"], got["F001", "F005"]["ceiling"]) == (25_000, 20_000)
    assert "- register.xlsx: cells A2:A3 are merged; their value 'Inkoop' is read in column " \
        "'Bevoegdheid' of each of rows 2–3" in res.output


def test_a_workbook_register_with_a_title_number_and_date_cells(tmp_path):
    import datetime

    from openpyxl import Workbook
    folder = _sample(tmp_path)
    wb = Workbook()
    ws = wb.active
    ws.append(["Mandaatregister Gemeente Voorbeeld 2026"])
    ws.append(["Omschrijving bevoegdheid", "Mandaatgever", "Gemandateerde", "Maximaal bedrag",
               "Geldig vanaf", "Voorwaarden"])
    ws.append(["Inkoop", "Gemeentesecretaris", "Teammanager Publiekszaken", 25000.5,
               datetime.datetime(2026, 1, 1), "binnen de begroting"])
    wb.save(tmp_path / "register.xlsx")
    res = run("import", "mandates", tmp_path / "register.xlsx", "--org", folder)
    assert res.exit_code == 0, res.output
    assert "regel 1: boven de kopregel: 'Mandaatregister Gemeente Voorbeeld 2026'" in res.output
    edge = _mandates(folder)["F001", "F005"]
    assert (edge["ceiling"], edge["valid_from"], edge["instructions"]) == \
        (25000.5, "2026-01-01", "binnen de begroting")


def test_a_register_without_a_mandatee_column_is_refused_on_its_header(tmp_path):
    _, res = _imported(tmp_path, "Mandaatregister 2026\nBevoegdheid;Mandaatgever;Grens\n"
                                 "Inkoop;F001;5\n")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "register.csv, regel 2: heeft geen kolom voor de gemandateerde" in res.output
    assert "en ook geen kolom per functie" in res.output


def test_a_register_with_a_column_per_post_gives_each_marked_post_the_mandate(tmp_path):
    """Many registers lay out the posts as columns (Gemeentesecretaris,
    Teammanager ...), a mark where a post has the power: such a register was
    refused for having no mandatee's column. Each marked cell is a mandate
    to its column's post, cited by the register's row; a kind or an amount
    as the mark is the mandate's kind or ceiling; a row without a mark is
    named as no mandate."""
    folder, res = _imported(tmp_path, (
        "Mandaatregister 2026\n"
        "Nr.;Bevoegdheid;Bevoegd orgaan;Gemeentesecretaris;Teammanager Publiekszaken;"
        "Adviseur financiën\n"
        ";Hoofdstuk 1 Inkoop;;;;\n"
        "1;Inkoop;College van B&W;t/m € 50.000;€ 25.000;\n"
        "2;Arbeidsovereenkomsten;College van B&W;M;;\n"
        "3;Vaststellen bestemmingsplan;Gemeenteraad;;;\n"
        "4;Reisdocumenten;Burgemeester;nee;volmacht;-\n"), "--add-bodies", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("- A column per post ('Gemeentesecretaris', 'Teammanager Publiekszaken', "
            "'Adviseur financiën'): a mark") in res.output
    assert "register.csv, row 6: no post's column is marked: the power is not mandated" \
        in res.output
    got = {(u, v, d["powers"][0]): d for u, v, d in orgmodel.load(folder).graph.edges(data=True)
           if d["kind"] == "MANDATES"}
    assert set(got) == {("college-van-b-w", "F001", "inkoop"),
                        ("college-van-b-w", "F005", "inkoop"),
                        ("college-van-b-w", "F001", "arbeidsovereenkomsten"),
                        ("burgemeester", "F005", "reisdocumenten")}
    assert got["college-van-b-w", "F005", "inkoop"]["ceiling"] == 25_000
    assert got["college-van-b-w", "F001", "inkoop"]["ceiling"] == 50_000
    assert got["college-van-b-w", "F001", "arbeidsovereenkomsten"]["mandate_kind"] == "mandaat"
    assert got["burgemeester", "F005", "reisdocumenten"]["mandate_kind"] == "volmacht"
    assert got["college-van-b-w", "F005", "inkoop"]["source"] == "register regel 4"
    answer = who_decides(orgmodel.load(folder), "inkoop", amount=30_000)
    assert sorted(answer["post"]) == ["F001", "college-van-b-w"]


def test_a_column_per_post_under_a_group_header_in_a_workbook(tmp_path):
    """The posts' columns under one merged header cell (`Gemandateerde`
    over them): its first column was read as the mandatee's ("mandatee 'x'
    is no post"), the others left out with nothing said. The header is read
    on two rows, each post's column by its post's name."""
    import openpyxl
    folder = _sample(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Bevoegdheid", "Bevoegd orgaan", "Gemandateerde", None, None])
    ws.append([None, None, "Gemeentesecretaris", "Teammanager Publiekszaken",
               "Teammanager Financiën"])
    ws.merge_cells("C1:E1")
    ws.append(["Inkoop", "College van B&W", "x", "€ 25.000", None])
    ws.append(["Reisdocumenten", "Burgemeester", None, "x", "x"])
    wb.save(tmp_path / "register.xlsx")
    res = run("import", "mandates", tmp_path / "register.xlsx", "--org", folder, "--add-bodies",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "the header is written on two rows (1 and 2)" in res.output
    assert "- No mandator column: the mandate of each of the 2 rows" in res.output
    got = {(u, v): d for u, v, d in orgmodel.load(folder).graph.edges(data=True)
           if d["kind"] == "MANDATES"}
    assert set(got) == {("college-van-b-w", "F001"), ("college-van-b-w", "F005"),
                        ("burgemeester", "F005"), ("burgemeester", "F002")}
    assert got["college-van-b-w", "F005"]["ceiling"] == 25_000


def test_a_registers_column_without_a_name_is_said(tmp_path):
    """A column with values but no name in the header was left out of a
    register with nothing said (a posts file's import says it)."""
    _, res = _imported(tmp_path, "Bevoegdheid;Mandaatgever;Gemandateerde;\n"
                                 "Inkoop;F001;F005;let op\n", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "- register.csv: column 4 has values but no name in the header: left out" \
        in res.output


@pytest.mark.parametrize("mark, said", [
    ("V", "row 2: 'V' under 'Gemeentesecretaris': V may be volmacht or a tick"),
    ("OM", "row 2: 'OM' under 'Gemeentesecretaris': ondermandaat, from whom the register "
           "does not say"),
    ("?", "row 2: '?' under 'Gemeentesecretaris' is no mark orgmodel reads"),
    ("€ 20.000", "row 2: '€ 20.000' under 'Gemeentesecretaris' gives another ceiling than the "
                 "row's (€ 10.000)"),
    ("tot € 5.000", "row 2: 'tot € 5.000' under 'Gemeentesecretaris': ceiling: 'tot € 5.000' "
                    "does not make the amount itself part of the mandate"),
])
def test_a_mark_that_says_nothing_plainly_is_refused_on_its_row(tmp_path, mark, said):
    folder = _sample(tmp_path)
    before = _files(folder)
    path = tmp_path / "register.csv"
    path.write_text("Bevoegdheid;Bevoegd orgaan;Financiële grens;Gemeentesecretaris\n"
                    f"Inkoop;College van B&W;€ 10.000;{mark}\n", encoding="utf-8")
    res = run("import", "mandates", path, "--org", folder, "--add-bodies", "--lang", "en")
    assert res.exit_code == 1 and "Traceback" not in res.output and _files(folder) == before
    assert f"register.csv, {said}" in res.output, res.output


def test_a_mistyped_column_is_offered_in_the_refusal(tmp_path):
    _, res = _imported(tmp_path, "Bevoegheid;Mandaatgever;Gemandateerde\nInkoop;F001;F005\n")
    assert res.exit_code == 1
    assert res.output.rstrip().endswith("('Bevoegheid' kan het zijn: noem de kolom "
                                        "'bevoegdheid')"), res.output


def test_two_rows_giving_a_power_two_bases_are_refused(tmp_path):
    folder = _sample(tmp_path)
    path = tmp_path / "register.csv"
    path.write_text("Bevoegdheid;Wettelijke grondslag;Mandaatgever;Gemandateerde\n"
                    "Inkoop;Gemeentewet 160;F001;F002\nInkoop;Gemeentewet 171;F001;F005\n",
                    encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        import_register(path, folder)
    assert [p.row for p in err.value.problems] == [3]
    assert "Gemeentewet 160" in str(err.value.problems[0].message)


def test_a_new_power_goes_into_org_yaml_with_its_comments_kept(tmp_path):
    folder = _without_mandates(tmp_path)
    path = tmp_path / "register.csv"
    path.write_text("power_name;basis;mandator;mandatee;ceiling\n"
                    "Subsidies verlenen;Awb 4:23;gd;cd-kossen;100000\n", encoding="utf-8")
    before = (folder / "org.yaml").read_text(encoding="utf-8")
    log = import_register(path, folder)
    after = (folder / "org.yaml").read_text(encoding="utf-8")
    assert log.new_powers == ["subsidies-verlenen"]
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["  register: {en: register.csv (rows cited by line), nl: register.csv "
                     "(regels geciteerd per regelnummer)}",
                     "  subsidies-verlenen: {name: Subsidies verlenen, basis: 'Awb 4:23'}"]
    assert sum(line.lstrip().startswith("#") for line in after.splitlines()) == \
        sum(line.lstrip().startswith("#") for line in before.splitlines())
    org = orgmodel.load(folder)
    assert who_decides(org, "subsidies-verlenen", amount=50_000)["post"].tolist() == \
        ["gd", "cd-kossen"]


def test_powers_written_on_one_line_are_not_rewritten():
    with pytest.raises(ValidationError, match="'powers' is not written as a block"):
        with_entries("name: X\npowers: {a: {name: A}}\n", "powers", {"b": {"name": "B"}})


def test_an_id_whose_post_has_another_name_than_the_row_gives_is_refused(tmp_path):
    _, res = _imported(tmp_path, "Bevoegdheid;Mandaatgever (id);Mandaatgever;Gemandateerde\n"
                                 "Inkoop;F001;Teammanager Financiën;Teammanager Publiekszaken\n")
    assert res.exit_code == 1
    assert ("regel 2: mandaatgever 'F001' is 'Gemeentesecretaris' in de organisatie, maar het "
            "register noemt 'Teammanager Financiën'") in res.output


def test_headings_and_a_repeated_header_are_named_not_read(tmp_path):
    folder, res = _imported(tmp_path, "Bevoegdheid;Mandaatgever;Gemandateerde\n"
                                      "Hoofdstuk 1 Inkoop;;\n"
                                      "Inkoop;Gemeentesecretaris;Teammanager Publiekszaken\n"
                                      "Bevoegdheid;Mandaatgever;Gemandateerde\n"
                                      "Inkoop;Gemeentesecretaris;Teammanager Financiën\n")
    assert res.exit_code == 0, res.output
    assert "Niet gebruikte regels: 2:" in res.output
    assert "register.csv, regel 2: een kopje of opmerking ('Hoofdstuk 1 Inkoop')" in res.output
    assert "register.csv, regel 4: de kopregel nog eens" in res.output
    assert set(_mandates(folder)) == {("F001", "F005"), ("F001", "F002")}
    # (a heading numbered in a column not read, "2 | Hoofdstuk 2 Personeel", is
    # still a heading: it was refused for its missing mandator)
    _, res = _imported(tmp_path / "nr", "Nr.;Bevoegdheid;Mandaatgever;Gemandateerde\n"
                       "1;Inkoop;Gemeentesecretaris;Teammanager Financiën\n"
                       "2;Hoofdstuk 2 Personeel;;\n"
                       "3;Verlof;Gemeentesecretaris;Teammanager Financiën\n")
    assert res.exit_code == 0, res.output
    assert "register.csv, regel 3: een kopje of opmerking ('Hoofdstuk 2 Personeel')" in res.output
    # (a row of a mandatee alone is no heading: its power is missing, and said)
    _, res = _imported(tmp_path / "los", "Nr.;Bevoegdheid;Mandaatgever;Gemandateerde\n"
                       "1;Inkoop;Gemeentesecretaris;Teammanager Financiën\n"
                       "2;;;Teammanager Publiekszaken\n")
    assert res.exit_code == 1 and "regel 3" in res.output, res.output
    assert "register.csv, regel 2: een kopje of opmerking ('Hoofdstuk 1 Inkoop')" in \
        (folder / "IMPORT.md").read_text(encoding="utf-8")


def test_the_registers_values_are_inert_in_import_md(tmp_path):
    folder, res = _imported(tmp_path, "Bevoegdheid;Mandaatgever;Gemandateerde;<b>x</b> "
                                      "[a](javascript:b)\nInkoop;F001;F005;1\n")
    assert res.exit_code == 0
    log = (folder / "IMPORT.md").read_text(encoding="utf-8")
    assert "'&lt;b&gt;x&lt;/b&gt; \\[a\\](javascript:b)'" in log and "<b>" not in log


def test_a_ceiling_as_a_register_writes_its_upper_bound(tmp_path):
    """'max. € 10.000', 'maximaal', 't/m', 'tot en met', '≤': the amount
    itself is within the mandate, as a ceiling is (an amount above it is
    refused by who-decides).  These were refused as no number."""
    folder, res = _imported(tmp_path, HEADER + "Inkoop;;Gemeentesecretaris;Teammanager "
                                      "Publiekszaken;nee;max. € 10.000;\n"
                                      "Inkoop;;Gemeentesecretaris;Teammanager Financiën;nee;"
                                      "t/m € 25.000,-;\n")
    assert res.exit_code == 0, res.output
    got = _mandates(folder)
    assert (got["F001", "F005"]["ceiling"], got["F001", "F002"]["ceiling"]) == (10_000, 25_000)
    org = orgmodel.load(folder)
    assert "F005" in set(who_decides(org, "inkoop", amount=10_000)["post"])
    assert "F005" not in set(who_decides(org, "inkoop", amount=10_000.01)["post"])


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_register_header_under_a_row_of_groups_is_read_whole(tmp_path, suffix):
    """'Mandaat' over 'Mandaatgever' and 'Gemandateerde', beside
    'Bevoegdheid' and 'Financiële grens' with nothing under them: the second
    row alone was the header, and the register was refused for lacking a
    power's column.  Read as one header, said; a title over a header stays
    a title."""
    import openpyxl
    folder = _sample(tmp_path)
    rows = [["Mandaat", "", "Bevoegdheid", "Financiële grens"],
            ["Mandaatgever", "Gemandateerde", "", ""],
            ["Gemeentesecretaris", "Teammanager Financiën", "Inkoop", "€ 25.000"]]
    path = tmp_path / f"register.{suffix}"
    if suffix == "csv":
        path.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
    else:
        wb = openpyxl.Workbook()
        for r in rows:
            wb.active.append(r)
        wb.active.merge_cells("A1:B1")
        wb.save(path)
    res = run("import", "mandates", path, "--org", folder, "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "the header is written on two rows (1 and 2)" in res.output
    assert "power from 'Bevoegdheid'; ceiling from 'Financiële grens'" in res.output
    assert [d["ceiling"] for d in _mandates(folder).values()] == [25000.0]


def test_a_condition_where_the_ceiling_goes_is_named_as_such(tmp_path):
    """`binnen budget` in the ceiling's column was "not a number": true, but
    it did not say where such a condition goes."""
    folder, res = _imported(tmp_path, "Bevoegdheid;Mandaatgever;Gemandateerde;"
                            "Financiële grens\nInkoop;F001;F002;binnen budget\n")
    assert res.exit_code == 1 and "regel 2: financiële grens: 'binnen budget' noemt geen bedrag" in res.output \
        and "schrijf een voorwaarde als deze bij de voorwaarden" in res.output, res.output


def test_an_amount_in_the_powers_name_is_said_not_read(tmp_path):
    """`Aangaan van overeenkomsten tot € 25.000` with no ceiling on its row:
    the amount was in the power's name only, and who-decides answered for
    any amount with no word of it. It is still not read as the ceiling (the
    name is no ceiling column, and `tot` leaves the amount itself open), but
    the log names the rows and how to give it."""
    folder, res = _imported(tmp_path, "Bevoegdheid;Mandaatgever;Gemandateerde;Financiële grens\n"
                            "Aangaan van overeenkomsten tot € 25.000;F001;F002;\n"
                            "Aangaan van overeenkomsten boven € 25.000;F001;F005;€ 100.000\n"
                            "Subsidies tot 10.000 euro;F001;F005;\n"
                            "Verlenen vergunningen art. 2.1;F001;F005;\n")
    assert res.exit_code == 0, res.output
    assert "- De naam van de bevoegdheid noemt een bedrag op 2 regels (2, 4; de eerste: 'tot " \
        "€ 25.000'), en de regels geen financiële grens: de grenzen van die mandaten zijn niet " \
        "vastgelegd" in res.output, res.output
    ceilings = {v: d.get("ceiling") for u, v, d in orgmodel.load(folder).graph.edges(data=True)
                if d["kind"] == "MANDATES" and "aangaan-van-overeenkomsten-tot-25-000"
                in d["powers"]}
    assert ceilings == {"F002": None}


def test_a_register_that_does_not_know_says_onbekend(tmp_path):
    """`onbekend` where a register does not know (ondermandaat, a ceiling)
    was refused as no yes/no or no number. It is not recorded, as `n.v.t.`
    and `niet vastgelegd` are; a yes/no cell that is neither says how to
    write one in both languages."""
    folder, res = _imported(tmp_path, "Bevoegdheid;Mandaatgever;Gemandateerde;Ondermandaat "
                            "toegestaan;Financiële grens\nInkoop;F001;F002;onbekend;onbekend\n")
    assert res.exit_code == 0, res.output
    [d] = [d for u, v, d in orgmodel.load(folder).graph.edges(data=True)
           if d["kind"] == "MANDATES"]
    assert d.get("submandate") is None and d.get("ceiling") is None, d
    # (n.v.t. written out, n.b., and cells still to be decided, n.t.b. or
    # nader te bepalen: were refused as no yes/no, no number, no date)
    (tmp_path / "b").mkdir()
    folder, res = _imported(tmp_path / "b", "Bevoegdheid;Mandaatgever;Gemandateerde;Ondermandaat "
                            "toegestaan;Financiële grens;Geldig tot\n"
                            "Inkoop;F001;F002;niet van toepassing;n.t.b.;n.b.\n"
                            "Subsidies;F001;F002;N.B.;Nader te bepalen;nog te bepalen\n")
    assert res.exit_code == 0, res.output
    edges = [d for u, v, d in orgmodel.load(folder).graph.edges(data=True)
             if d["kind"] == "MANDATES"]
    assert len(edges) == 2 and not any(d.get(k) for d in edges
                                       for k in ("submandate", "ceiling", "valid_to")), edges
    path = tmp_path / "misschien.csv"
    path.write_text("Bevoegdheid;Mandaatgever;Gemandateerde;Ondermandaat toegestaan\n"
                    "Inkoop;F001;F002;misschien\n", encoding="utf-8")
    res = run("import", "mandates", path, "--org", folder, "--replace")
    assert res.exit_code == 1 and "'misschien' is geen ja/nee (schrijf ja of nee" in res.output


def test_a_row_given_twice_is_read_once_and_two_ceilings_are_refused(tmp_path):
    """A register that gives a row twice was refused by the folder's own
    check, naming rows of edges.csv the user never wrote; one that gives a
    mandate two ceilings on the same terms made two mandates, and
    who-decides answered from either. The row given again is read once,
    named; two ceilings are refused on the later row, naming the earlier.
    With other conditions, they are two mandates."""
    head = "Bevoegdheid;Mandaatgever;Gemandateerde;Financiële grens;Voorwaarden\n"
    folder, res = _imported(tmp_path / "a", head + "Inkoop;F001;F002;€ 10.000;\n"
                            "Inkoop;F001;F002; € 10.000 ;\n")
    assert res.exit_code == 0, res.output
    assert "register.csv, regel 3: gelijk aan regel 2 in elke gelezen kolom: één keer gelezen" \
        in res.output
    assert len([d for *_, d in orgmodel.load(folder).graph.edges(data=True)
                if d["kind"] == "MANDATES" and "inkoop" in d["powers"]]) == 1
    folder, res = _imported(tmp_path / "b", head + "Inkoop;F001;F002;€ 10.000;\n"
                            "Inkoop;F001;F002;€ 50.000;\n")
    assert res.exit_code == 1 and "register.csv, regel 3: geeft het mandaat voor 'Inkoop' van " \
        "Gemeentesecretaris aan Teammanager Financiën de grens '€ 50.000', en regel 2 geeft " \
        "het '€ 10.000' onder dezelfde voorwaarden" in res.output, res.output
    assert "edges.csv" not in res.output
    folder, res = _imported(tmp_path / "c", head + "Inkoop;F001;F002;€ 10.000;\n"
                            "Inkoop;F001;F002;€ 50.000;binnen de begroting\n")
    assert res.exit_code == 0, res.output
    assert sorted(d.get("ceiling") for *_, d in orgmodel.load(folder).graph.edges(data=True)
                  if d["kind"] == "MANDATES" and "inkoop" in d["powers"]) == [10000, 50000]


@pytest.mark.parametrize("cells, said", [
    ("Volmacht;;", "volmacht"),
    # (a kind's letters, and a remark after it, were refused as no kind)
    ("Mt;;", "machtiging"),
    ("Mandaat (art. 160 Gemw);;", "mandaat"),
    ("mandaat en volmacht;;", "register.csv, regel 2: soort 'mandaat en volmacht' is geen van: "
                              "mandaat, volmacht, machtiging"),
    (";1-1-2026;31-12-2025", "register.csv, regel 2: geldt van 1 januari 2026 tot 31 december "
                             "2025: het eindigt voordat het begint"),
])
def test_a_registers_kind_and_period_are_read_on_its_row(tmp_path, cells, said):
    """`Volmacht` (a capital) was refused, and so were a kind that is none
    and a period that ends before it starts, each on a row of the folder's
    edges.csv that the user never wrote. A kind is read without regard to
    case, by its letters (M, V, Mt) or with a remark after it; the others
    are refused on the register's own row."""
    folder, res = _imported(tmp_path, "Bevoegdheid;Mandaatgever;Gemandateerde;Soort;Geldig "
                            f"vanaf;Geldig tot\nInkoop;F001;F002;{cells}\n")
    if said in ("mandaat", "volmacht", "machtiging"):
        assert res.exit_code == 0, res.output
        [d] = [d for *_, d in orgmodel.load(folder).graph.edges(data=True)
               if d["kind"] == "MANDATES" and "inkoop" in d["powers"]]
        assert d["mandate_kind"] == said
        return
    assert res.exit_code == 1 and said in res.output and "edges.csv" not in res.output, \
        res.output


def test_a_post_id_a_spreadsheet_made_a_date_is_refused(tmp_path):
    """A register's mandatee typed as an id like ``1-2`` is a date in a
    workbook: it was read as the post ``2026-02-01``, which no post is, and
    refused as no post of the organisation, with no word of the date."""
    import datetime

    import openpyxl
    folder = _sample(tmp_path)
    before = _files(folder)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Bevoegdheid", "Mandaatgever", "Gemandateerde"])
    ws.append(["Inkoop", "F001", datetime.datetime(2026, 2, 1)])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    res = run("import", "mandates", path, "--org", folder, "--lang", "en")
    assert res.exit_code == 1, res.output
    assert ("register.xlsx, row 2: the mandatee in column 'Gemandateerde' is a date in the "
            "workbook (1 February 2026)") in res.output, res.output
    assert _files(folder) == before


def test_a_ceiling_in_scientific_notation_is_refused(tmp_path):
    """A ceiling `1e308` (a spreadsheet's way of showing a number too long
    for its column) was read as an amount of 309 digits, which every
    warning of `who-decides` then spelt out."""
    folder, res = _imported(tmp_path, "Bevoegdheid;Mandaatgever;Gemandateerde;Financiële grens\n"
                                      "Inkoop;F001;F005;1E+308\n")
    assert res.exit_code == 1
    assert ("register.csv, regel 2: financiële grens: '1E+308' is geschreven in "
            "wetenschappelijke notatie") \
        in res.output, res.output
    assert "MANDATES" not in (folder / "edges.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("cells, said", [
    ("-;ja;1-1-2026", "regel 2: financiële grens: '-' is een streepje, geen bedrag: schrijf "
                      "'geen' of 'onbeperkt' als het mandaat geen financiële grens heeft"),
    ("€ 5.000;ja, aan teamleiders;1-1-2026",
     "regel 2: ondermandaat toegestaan: 'ja, aan teamleiders' is geen ja/nee (schrijf ja of "
     "nee, of true of false); aan wie de gemandateerde het mag doorgeven, staat in een kolom "
     "'ondermandaat aan'"),
    ("€ 5.000;ja;1-1-26", "regel 2: geldig vanaf: '1-1-26' geeft het jaar in twee cijfers")])
def test_a_registers_cell_that_is_not_read_is_refused_naming_its_column(tmp_path, cells, said):
    """A register's yes/no, ceiling or date that is none was refused
    without its column (``'-' is geen getal``: of which of the row's
    cells?); a dash alone, which one register writes for no ceiling and
    another for not known, was "no number"."""
    folder, res = _imported(tmp_path, "Bevoegdheid;Mandaatgever;Gemandateerde;Financiële grens;"
                                      f"Ondermandaat toegestaan;Geldig vanaf\nInkoop;F001;F005;{cells}\n")
    assert res.exit_code == 1
    assert f"register.csv, {said}" in res.output, res.output
    assert "MANDATES" not in (folder / "edges.csv").read_text(encoding="utf-8")


def test_a_mandatee_named_by_a_title_several_posts_have_is_each_with_every_post(tmp_path):
    """A register that mandates by job title (`Adviseur financiën`, or its
    plural `Adviseurs financiën`: two posts have it) was refused, asking for
    an id per row. The refusal names `--every-post`, which gives each post of
    the title the mandate, graded inferred and said in the log; the row is
    no row of "several mandatees"."""
    text = ("Bevoegdheid;Mandaatgever;Gemandateerde;Financiële grens\n"
            "Inkoop;Gemeentesecretaris;Adviseur financiën;€ 5.000\n")
    folder, res = _imported(tmp_path / "a", text)
    assert res.exit_code == 1
    assert ("register.csv, regel 2: gemandateerde 'Adviseur financiën' noemt 2 functies of rollen "
            "(F003, F004): geef het id in een kolom 'mandatee' of 'gemandateerde (id)', of "
            "importeer met --every-post als het register elke functie met die naam bedoelt") \
        in res.output, res.output
    path = tmp_path / "register.csv"
    path.write_text(text + "Inkoop;Gemeentesecretaris;Adviseurs financiën;€ 5.000\n",
                    encoding="utf-8")
    # (the plural alone, without the option: named as the plural it is)
    res = run("import", "mandates", path, "--org", folder, "--lang", "en")
    assert ("register.csv, row 3: mandatee 'Adviseurs financiën' is the plural of a job title "
            "that 2 posts have (F003, F004): import with --every-post to give each of them the "
            "mandate") in res.output, res.output
    res = run("import", "mandates", path, "--org", folder, "--every-post", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("- Mandatees named by a job title that several posts have, given to each of them "
            "(2 rows; --every-post, or the cell's own 'alle'; graded inferred): row 2: 'Adviseur "
            "financiën' (F003, F004); "
            "row 3: 'Adviseurs financiën' (F003, F004)") in res.output, res.output
    assert "several mandatees" not in res.output
    mandates = [(u, v, d["evidence"]) for u, v, d in orgmodel.load(folder).graph.edges(data=True)
                if d["kind"] == "MANDATES" and "inkoop" in d["powers"]]
    assert sorted(mandates) == [("F001", "F003", "inferred"), ("F001", "F004", "inferred")]


def test_two_rows_that_give_one_mandate_written_otherwise_are_read_once_and_said(tmp_path):
    """A mandate given by one row naming the post and by another naming its
    id was refused as a mandate "twice with the same attributes" on rows 13
    and 14 of edges.csv, a file the user never wrote. It is read once, and
    the log names both rows."""
    folder, res = _imported(tmp_path, "Bevoegdheid;Mandaatgever;Gemandateerde;Financiële grens\n"
                                      "Inkoop;Gemeentesecretaris;F005;€ 5.000\n"
                                      "Inkoop;F001;Teammanager Publiekszaken;€ 5.000\n")
    assert res.exit_code == 0, res.output
    assert "edges.csv" not in res.output
    assert ("één keer gelezen (regel 3 als regel 2)") in res.output, res.output
    assert len([1 for u, v, d in orgmodel.load(folder).graph.edges(data=True)
                if d["kind"] == "MANDATES" and (u, v) == ("F001", "F005")]) == 1


def test_titles_of_several_posts_and_their_ondermandaat_are_named_by_id(tmp_path):
    """A row that gives `Adviseurs financiën` (two posts, with --every-post)
    an ondermandaat is refused: from which of them, the row does not say.
    The refusal named them `Adviseur financiën, Adviseur financiën`; two
    posts of one name are named with their ids."""
    folder, res = _imported(tmp_path, "Bevoegdheid;Mandaatgever;Gemandateerde;Ondermandaat aan\n"
                                      "Inkoop;Gemeentesecretaris;Adviseurs financiën;F006\n")
    path = tmp_path / "register.csv"
    res = run("import", "mandates", path, "--org", folder, "--every-post", "--lang", "en")
    assert res.exit_code == 1
    assert ("names several mandatees (Adviseur financiën (F003), Adviseur financiën (F004)) and "
            "ondermandaat to Medewerker burgerzaken: from which") in res.output, res.output



def test_a_body_written_two_ways_is_one_body(tmp_path):
    """A register writing 'College van B&W' on one row and 'het college' or
    'College van burgemeester en wethouders' on others (as registers do)
    gained, with --add-bodies, three political posts for one college, each
    with part of the mandates; and a 'Wettelijke basis' column was not read.
    The names the Gemeentewet's bodies go by are one body, said in the log."""
    folder, res = _imported(tmp_path, (
        "Omschrijving bevoegdheid;Wettelijke basis;Bevoegd orgaan;Mandaatgever;Mandaat aan;"
        "Maximaal bedrag\n"
        "Inkoop;Gemeentewet art. 160;College van B&W;College van B&W;Gemeentesecretaris;"
        "€ 50.000\n"
        "Bijzonder verlof;CAR-UWO;het college;College van burgemeester en wethouders;"
        "Gemeentesecretaris;\n"
        "Aanwijzing toezichthouders;Awb 5:11;burgemeester;de burgemeester;Gemeentesecretaris;\n"),
        "--add-bodies")
    assert res.exit_code == 0, res.output
    assert "Bevoegde organen toegevoegd als politieke functies: College van B&W, burgemeester" \
        in res.output
    assert ("gelezen als het ene orgaan: 'het college' als 'College van B&W'; 'College van "
            "burgemeester en wethouders' als 'College van B&W'; 'de burgemeester' als "
            "'burgemeester'") in res.output
    org = orgmodel.load(folder)
    political = sorted(n for n, d in org.graph.nodes(data=True) if d.get("sphere") == "political")
    assert political == ["burgemeester", "college-van-b-w"]
    given = org.graph.get_edge_data("college-van-b-w", "F001").values()
    assert sorted(p for d in given for p in d["powers"]) == ["bijzonder-verlof", "inkoop"]
    assert org.vocabulary("powers")["bijzonder-verlof"]["basis"] == "CAR-UWO"
    # (a name two posts could be: refused, naming both)
    folder = _sample(tmp_path / "two")
    nodes = (folder / "nodes.csv").read_text(encoding="utf-8")
    header = nodes.splitlines()[0].split(",")
    rows = "".join("\n" + ",".join([i, "Post", n, "assumed"] + [""] * (len(header) - 4))
                   for i, n in (("b1", "College van B&W"), ("b2", "college")))
    (folder / "nodes.csv").write_text(nodes.rstrip("\n") + rows + "\n", encoding="utf-8")
    path = tmp_path / "register.csv"
    path.write_text("Bevoegdheid;Bevoegd orgaan;Mandaatgever;Gemandateerde\n"
                    "Inkoop;het college;het college;Gemeentesecretaris\n", encoding="utf-8")
    res = run("import", "mandates", path, "--org", folder)
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "'het college'" in res.output and "b1, b2" in res.output


def test_the_registers_own_signing_formula_is_kept_and_none_is_made_up(tmp_path):
    """The register's own 'Ondertekening' column was dropped as worked out,
    and every mandate given the made-up 'namens College van B&W, <post>':
    a municipality's mandaatbesluit sets its own formula (Awb 10:10 asks
    only that the body be named). The register's is kept and written back;
    where it gives none, the register says 'niet vastgelegd'."""
    folder, res = _imported(tmp_path, (
        "Bevoegdheid;Bevoegd orgaan;Mandaatgever;Gemandateerde;Financiële grens;Ondertekening\n"
        "Inkoop;Gemeentesecretaris;Gemeentesecretaris;Teammanager Financiën;€ 25.000;"
        "Burgemeester en wethouders van Voorbeeld, namens dezen, de teammanager Financiën\n"
        "Inkoop;Gemeentesecretaris;Gemeentesecretaris;Teammanager Publiekszaken;€ 25.000;\n"))
    assert res.exit_code == 0, res.output
    assert "ondertekening uit 'Ondertekening'" in res.output    # (read, not left)
    org = orgmodel.load(folder)
    reg = register(org, "inkoop").set_index("mandatee_name")
    assert reg.loc["Teammanager Financiën", "signing"] == \
        "Burgemeester en wethouders van Voorbeeld, namens dezen, de teammanager Financiën"
    assert reg.loc["Teammanager Publiekszaken", "signing"] == "not recorded"
    # (the register written in Dutch reads back into the same mandates)
    before = _mandates(folder)
    # (and as CSV: ';' between cells and a byte-order mark, as Excel set to Dutch opens it)
    for name in ("register.xlsx", "register.csv"):
        out = write_register(register(org), tmp_path / name, org, lang="nl")
        edges = pd.read_csv(folder / "edges.csv", dtype=str, keep_default_na=False)
        edges[edges["kind"] != "MANDATES"].to_csv(folder / "edges.csv", index=False)
        import_register(out, folder)
        assert _mandates(folder) == before, name
    assert out.read_bytes().startswith("\ufeffbevoegdheid (code);".encode("utf-8"))


def test_a_ditto_mark_in_a_register_is_refused_or_read_as_the_cell_above(tmp_path):
    """A register typed by hand names its mandator once and writes 'idem'
    below it: 'idem' was a post outside the organisation, or refused as
    none of its posts.  Refused now as a ditto mark, naming the cell; with
    --fill-ditto the cell above it, said."""
    text = ("Bevoegdheid;Mandaatgever;Gemandateerde;Financiële grens\n"
            "Inkoop;F001;F002;€ 25.000\nSubsidies;idem;F005;idem\n")
    folder, res = _imported(tmp_path, text)
    assert res.exit_code == 1, res.output
    assert "register.csv, regel 3: kolom 'Mandaatgever' bevat 'idem', een herhalingsteken " \
        "(hetzelfde als de regel erboven), en dat is geen waarde (2 cellen bevatten er een)" \
        in res.output, res.output
    res = run("import", "mandates", tmp_path / "register.csv", "--org", folder, "--fill-ditto")
    assert res.exit_code == 0, res.output
    assert "register.csv: 2 herhalingstekens (idem, \", 〃) gelezen als de cellen erboven " \
        "(--fill-ditto): kolom 'Mandaatgever' regel 3; kolom 'Financiële grens' regel 3" \
        in res.output, res.output
    mandates = {(u, v): d.get("ceiling") for u, v, d in orgmodel.load(folder).graph.edges(data=True)
                if d["kind"] == "MANDATES"}
    assert mandates == {("F001", "F002"): 25000.0, ("F001", "F005"): 25000.0}, mandates


def test_a_mandator_that_names_the_college_says_so_and_is_added_with_add_bodies(tmp_path):
    """A register whose mandator is 'College' over an HR export (which has no
    college) was refused as no post, with no word of --add-bodies, which
    added a body only from the competent body's column.  The refusal says
    it names a body and offers the option; with it the college is a
    political post, the mandator."""
    text = "Bevoegdheid;Mandaatgever;Gemandateerde\nSubsidies;College;F002\n"
    folder, res = _imported(tmp_path, text)
    assert res.exit_code == 1, res.output
    assert "register.csv, regel 2: mandaatgever 'College' is geen functie of rol van de " \
        "organisatie: het noemt een bevoegd orgaan (het college, de raad, de burgemeester) " \
        "waarvoor geen functie van de organisatie genoemd is; --add-bodies voegt het toe als " \
        "politieke functie" in res.output, res.output
    res = run("import", "mandates", tmp_path / "register.csv", "--org", folder, "--add-bodies")
    assert res.exit_code == 0, res.output
    assert "Bevoegde organen toegevoegd als politieke functies: College" in res.output
    g = orgmodel.load(folder).graph
    assert g.nodes["college"]["sphere"] == "political"
    assert [(u, v) for u, v, d in g.edges(data=True) if d["kind"] == "MANDATES"] == \
        [("college", "F002")]
    # (a mandator that names no body stays refused as no post, with no such advice)
    (tmp_path / "register.csv").write_text(
        "Bevoegdheid;Mandaatgever;Gemandateerde\nSubsidies;Directie;F002\n", encoding="utf-8")
    res = run("import", "mandates", tmp_path / "register.csv", "--org", folder, "--add-bodies",
              "--replace")
    assert res.exit_code == 1 and "mandaatgever 'Directie' is geen functie of rol van de " \
        "organisatie" in res.output and "--add-bodies" not in res.output, res.output


def test_a_mandatee_with_its_deputy_added_is_the_post_the_words_kept(tmp_path):
    """'Teammanager Financiën (of diens plaatsvervanger)' and '..., bij diens
    afwezigheid de plaatsvervanger', as registers write them, were refused
    as no post.  The mandate is the post's; the words are in its note."""
    text = ("Bevoegdheid;Mandaatgever;Gemandateerde\n"
            "Inkoop;F001;Teammanager Financiën (of diens plaatsvervanger)\n"
            "Subsidies;F001;Teammanager Publiekszaken, bij diens afwezigheid de plaatsvervanger\n")
    folder, res = _imported(tmp_path, text)
    assert res.exit_code == 0, res.output
    notes = {v: d.get("note") for u, v, d in orgmodel.load(folder).graph.edges(data=True)
             if d["kind"] == "MANDATES"}
    assert notes == {
        "F002": "het register voegt aan de gemandateerde toe: 'of diens plaatsvervanger' (wie "
                "de plaatsvervanger is, zegt het niet)",
        "F005": "het register voegt aan de gemandateerde toe: 'bij diens afwezigheid de "
                "plaatsvervanger' (wie de plaatsvervanger is, zegt het niet)"}, notes


def test_a_register_writes_its_dates_as_registers_do(tmp_path):
    """'m.i.v. 1 januari 2026' (met ingang van) and 'per 1-3-2026' as the
    start, 'd.d. 12 maart 2025' as the decision's date were refused as no
    date; 'tot wederopzegging' as the end (a mandate holds until it is
    withdrawn) was refused too.  The dates are read, and no end is none."""
    text = ("Bevoegdheid;Mandaatgever;Gemandateerde;Geldig vanaf;Geldig tot;Datum besluit\n"
            "Inkoop;F001;F002;m.i.v. 1 januari 2026;tot wederopzegging;d.d. 12 maart 2025\n"
            "Subsidies;F001;F005;per 1-3-2026;t.w.o.;12-03-2025\n")
    folder, res = _imported(tmp_path, text)
    assert res.exit_code == 0, res.output
    got = {v: (d.get("valid_from"), d.get("valid_to"), d.get("decision_date"))
           for u, v, d in orgmodel.load(folder).graph.edges(data=True) if d["kind"] == "MANDATES"}
    assert got == {"F002": ("2026-01-01", None, "2025-03-12"),
                   "F005": ("2026-03-01", None, "2025-03-12")}, got
    # (an end written as a start is no end: refused, naming the column)
    (tmp_path / "register.csv").write_text(
        "Bevoegdheid;Mandaatgever;Gemandateerde;Geldig tot\nInkoop;F001;F002;m.i.v. 1-1-2026\n",
        encoding="utf-8")
    res = run("import", "mandates", tmp_path / "register.csv", "--org", folder, "--replace")
    assert res.exit_code == 1 and "geldig tot: 'm.i.v. 1-1-2026' is geen datum" in res.output, \
        res.output


def test_mandatees_joined_in_words_are_each_or_refused_for_of(tmp_path):
    """'Teammanager Financiën en Teammanager Publiekszaken' and the two
    joined by '/' were refused as no post ("did you mean ..."): each is
    given the mandate, as with ';'.  Joined by 'of' the row does not say
    whether each holds it: refused, naming both."""
    text = ("Bevoegdheid;Mandaatgever;Gemandateerde\n"
            "Inkoop;F001;Teammanager Financiën en Teammanager Publiekszaken\n"
            "Subsidies;F001;Teammanager Financiën / Teammanager Publiekszaken\n")
    folder, res = _imported(tmp_path, text)
    assert res.exit_code == 0, res.output
    assert "Regels die meer gemandateerden noemen (2: regels 2, 3): een mandaat aan elk" \
        in res.output, res.output
    got = sorted((v, *d["powers"]) for u, v, d in orgmodel.load(folder).graph.edges(data=True)
                 if d["kind"] == "MANDATES")
    assert got == [("F002", "inkoop"), ("F002", "subsidies"), ("F005", "inkoop"),
                   ("F005", "subsidies")], got
    (tmp_path / "register.csv").write_text(
        "Bevoegdheid;Mandaatgever;Gemandateerde\n"
        "Leges;F001;Teammanager Financiën of Teammanager Publiekszaken\n", encoding="utf-8")
    res = run("import", "mandates", tmp_path / "register.csv", "--org", folder, "--replace")
    assert res.exit_code == 1 and "regel 2: gemandateerde 'Teammanager Financiën of " \
        "Teammanager Publiekszaken' noemt 2 functies of rollen, verbonden door 'of'" \
        in res.output, res.output


def test_a_mandatee_cell_that_says_every_post_of_a_title_is_each(tmp_path):
    """'Alle adviseurs financiën' and 'Iedere adviseur financiën' were
    refused as no post ("did you mean ..."): the cell itself says every post
    of the title, so each is given the mandate, graded inferred as with
    --every-post, the note saying the cell's words.  A plural alone still
    needs --every-post."""
    text = ("Bevoegdheid;Mandaatgever;Gemandateerde\nInkoop;F001;Alle adviseurs financiën\n"
            "Subsidies;F001;Iedere adviseur financiën\n")
    folder, res = _imported(tmp_path, text)
    assert res.exit_code == 0, res.output
    assert "regel 2: 'Alle adviseurs financiën' (F003, F004); regel 3: 'Iedere adviseur " \
        "financiën' (F003, F004)" in res.output, res.output
    got = sorted((v, d["evidence"], d["note"]) for u, v, d in
                 orgmodel.load(folder).graph.edges(data=True)
                 if d["kind"] == "MANDATES" and "inkoop" in d["powers"])
    note = "het register geeft het mandaat aan elke functie met een functienaam ('Alle " \
        "adviseurs financiën'), 2 functies: elk krijgt het"
    assert got == [("F003", "inferred", note), ("F004", "inferred", note)], got
    (tmp_path / "register.csv").write_text(
        "Bevoegdheid;Mandaatgever;Gemandateerde\nLeges;F001;Adviseurs financiën\n",
        encoding="utf-8")
    res = run("import", "mandates", tmp_path / "register.csv", "--org", folder, "--replace")
    assert res.exit_code == 1 and "importeer met --every-post" in res.output, res.output


def test_a_registers_column_names_with_a_remark_in_brackets(tmp_path):
    """A register's header with a remark in brackets after a name
    (``Bevoegdheid (omschrijving)``, ``Grens (in euro's)``) was refused as
    having no column for the power. A name that is none orgmodel reads is
    read without its remark, and the log says from which column."""
    folder, res = _imported(tmp_path, (
        "Bevoegdheid (omschrijving);Mandaatgever (functie);Gemandateerde (functie);"
        "Grens (in euro's)\n"
        "Inkoop;Gemeentesecretaris;Teammanager Financiën;€ 25.000\n"))
    assert res.exit_code == 0, res.output
    assert ("Gelezen kolommen: bevoegdheid uit 'Bevoegdheid (omschrijving)'; mandaatgever uit "
            "'Mandaatgever (functie)'; gemandateerde uit 'Gemandateerde (functie)'; financiële "
            "grens uit 'Grens (in euro's)'") in res.output
    assert [(d["powers"], d["ceiling"]) for d in _mandates(folder).values()] == \
        [(["inkoop"], 25_000.0)]


@pytest.mark.parametrize("column, other", [
    ("Financiële grens", "Tot een bedrag van"), ("Financiële grens", "Maximum"),
    ("Financiële grens", "Financieel plafond"), ("Bevoegdheid", "Omschrijving van de bevoegdheid"),
    ("Bevoegdheid", "Bevoegdheid / onderwerp"), ("Gemandateerde", "Gemachtigde"),
    ("Gemandateerde", "Functie gemandateerde"), ("Mandaatgever", "Mandant"),
    ("Geldig vanaf", "Met ingang van"), ("Datum besluit", "Besluitdatum"),
    ("Vindplaats", "Bekendmaking"), ("Wettelijke grondslag", "Wet/artikel")])
def test_more_names_registers_give_their_columns_are_read(tmp_path, column, other):
    """Each was a column not read (a ceiling lost: who may buy at € 30.000
    said 'not recorded'), or the register refused for want of a power's or a
    mandatee's column."""
    sample = (SAMPLES / "mandaatregister-voorbeeld.csv").read_text(encoding="utf-8")
    header, rest = sample.split("\n", 1)
    assert column in header.split(";")
    folder, res = _imported(tmp_path, header.replace(column, other) + "\n" + rest,
                            "--add-bodies", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert f"'{other}'" in res.output.split("Columns read")[1].split("\n")[0], res.output
    org = orgmodel.load(folder)
    answer = who_decides(org, "inkoop", amount=20_000)
    assert answer["ceiling"].tolist()[1:] == [50_000, 25_000, 25_000]
