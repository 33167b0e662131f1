"""Numbers, amounts and dates as a municipality types them (issue 29, item 4):
read under the organisation's locale, an ambiguous value an error, never a
guess; a mandate ceiling in every notation through the whole chain to
``who-decides``."""
import csv
import io
import random
import re
import shutil

import pytest

import orgmodel
from conftest import DATA, ROOT, run
from orgmodel.errors import InputError, ValidationError
from orgmodel.notation import number_text, parse_date, parse_number

NUMBERS = [
    # (text, locale, value)
    ("25.000", "nl", 25000), ("1.000.000", "nl", 1_000_000), ("25.000,50", "nl", 25000.5),
    ("0,8", "nl", 0.8), ("2,5", "nl", 2.5), ("1,125", "nl", 1.125), ("0.8", "nl", 0.8),
    ("25 000", "nl", 25000), ("25\u00a0000", "nl", 25000),
    ("25,000", "en", 25000), ("1,000,000", "en", 1_000_000), ("25,000.50", "en", 25000.5),
    ("0.8", "en", 0.8), ("1.125", "en", 1.125),
    ("25000", None, 25000), ("0,8", None, 0.8), ("0.8", None, 0.8), ("0.125", None, 0.125),
    ("1.000.000", None, 1_000_000), ("1,000,000", None, 1_000_000),
    ("25.000,50", None, 25000.5), ("25,000.50", None, 25000.5), ("1234.567", None, 1234.567),
    ("1e+06", None, 1_000_000), ("25.1250", "nl", 25.125),
    # (",5" as typed for 0,5: the separator has nothing before it to group)
    (",5", "nl", 0.5), (".75", "en", 0.75), (",8", None, 0.8), ("-,5", "nl", -0.5),
]
AMOUNTS = [("€ 25.000", "nl", 25000), ("€25.000,50", "nl", 25000.5), ("25.000 EUR", "nl", 25000),
           ("EUR 1.000.000", "nl", 1_000_000), ("€ 25,000", "en", 25000)]
REFUSED = [
    ("25.000", None, "'25.000' could be 25 or 25000: write 25000, or declare the locale"),
    ("25,000", None, "'25,000' could be 25 or 25000"),
    ("1,000.50", "nl", "'1,000.50' is not written as nl writes numbers (25.000 or 0,8)"),
    ("1.000,50", "en", "'1.000,50' is not written as en writes numbers (25,000 or 0.8)"),
    ("1,000,000", "nl", "is not written as nl writes numbers"),
    ("25.00.0", "nl", "'25.00.0' is not a number"),
    ("\u0662\u0665", None, "is not a number"), ("twenty", "nl", "is not a number"),
    ("€ 25.000", None, "could be 25 or 25000"),
    # an amount in euros has no three decimals: 25,000 under nl is English
    # habit for 25000, not 25 (who-decides --amount 25,000 answered for 25)
    ("25,000", "nl", "'25,000' is an amount with three decimals under nl, 25: write 25.000 "
                     "for 25000, or 25"),
    ("€ 12,500", "nl", "three decimals under nl, 12,5: write 12.500 for 12500, or 12,5"),
    ("25.000", "en", "three decimals under en, 25: write 25,000 for 25000, or 25"),
]


@pytest.mark.parametrize("text,locale,value", NUMBERS)
def test_numbers_read_under_the_locale(text, locale, value):
    assert parse_number(text, locale) == value


@pytest.mark.parametrize("text,locale,value", AMOUNTS)
def test_amounts_with_a_currency(text, locale, value):
    assert parse_number(text, locale, amount=True) == value


@pytest.mark.parametrize("text,locale,message", REFUSED)
def test_a_value_that_could_mean_two_things_is_refused(text, locale, message):
    with pytest.raises(InputError) as exc:
        parse_number(text, locale, amount=True)
    assert message in str(exc.value)


@pytest.mark.parametrize("text,locale,iso", [
    ("2026-01-01", None, "2026-01-01"), ("01-01-2026", "nl", "2026-01-01"),
    ("1-7-2026", "nl", "2026-07-01"), ("31/12/2026", "nl", "2026-12-31"),
    ("1 januari 2026", "nl", "2026-01-01"), ("15 mrt. 2026", "nl", "2026-03-15"),
    ("1 January 2026", "en", "2026-01-01"), ("January 1, 2026", "en", "2026-01-01"),
    # (a date cell written out to CSV with its time of midnight)
    ("2026-02-01 00:00:00", None, "2026-02-01"), ("2026-02-01T00:00", None, "2026-02-01"),
    ("1-2-2026 0:00", "nl", "2026-02-01"), ("01.02.2026 00:00:00.000", "nl", "2026-02-01"),
    # (a spreadsheet's date format d-mmm-jjjj, Dutch and English, and the
    # Dutch short forms: they were cells not used)
    ("1-febr-2024", "nl", "2024-02-01"), ("01-mrt-2024", "nl", "2024-03-01"),
    ("1-Okt-2024", "nl", "2024-10-01"), ("1 febr. 2024", "nl", "2024-02-01"),
    ("15-Sep-2013", "en", "2013-09-15"), ("1-Jan-2024", "en", "2024-01-01")])
def test_dates_read_under_the_locale(text, locale, iso):
    assert parse_date(text, locale) == iso


@pytest.mark.parametrize("text,locale,message", [
    ("01-01-2026", None, "write it as YYYY-MM-DD (or declare the locale: nl"),
    ("01/02/2026", "en", "write it as YYYY-MM-DD or 31 December 2026"),
    ("31-02-2026", "nl", "is not a date that exists"),
    # (the real cause first: a date column that lost its format in the
    # export holds Excel's day numbers; a two-digit year leaves the century open)
    ("45292", "nl", "'45292' is a spreadsheet's number for a day (2024-01-01 in Excel), not a "
                    "date: the column lost its date format in the export"),
    ("1-1-26", "nl", "gives its year in two digits, which do not say the century: write the "
                     "year in full (1-1-1926 or 1-1-2026)"),
    ("1-Feb-24", "en", "'1-Feb-24' gives its year in two digits, which do not say the century: "
                       "write the year in full (1-Feb-1924 or 1-Feb-2024)"),
    ("12345", "nl", "'12345' is not a date: write it as"),
    ("1 januari 2026", "en", "is not a date"),
    ("2026-02-01 08:30", None, "holds a time of day (08:30): a date is a day")])
def test_a_date_that_is_not_one_under_the_locale_is_refused(text, locale, message):
    with pytest.raises(InputError) as exc:
        parse_date(text, locale)
    assert message in str(exc.value)


def test_written_numbers_read_back_the_same_under_every_locale():
    rng = random.Random(3)
    values = [25.125, 1.125, 0.125, 999.999, 1234567.89, 1e6, 0.3333333333, 25000.5]
    values += [round(rng.uniform(0, 10 ** rng.randint(0, 9)), rng.randint(0, 4))
               for _ in range(2000)]
    for v in values:
        for locale in (None, "nl", "en"):
            assert parse_number(number_text(v), locale) == v, (v, number_text(v), locale)


# --- a Dutch municipality: ceilings in every notation, through who-decides -----------------

CEILINGS = {"25.000": 25000.0, "1.000.000": 1_000_000.0, "25.000,50": 25000.5,
            "€ 25.000": 25000.0, "2.500": 2500.0}


def _municipality(tmp_path, locale="nl", ceilings=CEILINGS):
    """Gemeente Voorbeeld: data/template's line, a power of purchasing
    ('inkoop') mandated from the college's general director to one post per
    notation, each with its ceiling as a Dutch sheet types it."""
    import shutil
    d = tmp_path / "voorbeeld"
    shutil.copytree(DATA / "template", d)
    yaml = (d / "org.yaml").read_text().replace("name: Sample", "name: Gemeente Voorbeeld")
    yaml = yaml.replace("  hr: {name: \"Personnel powers\", source: X-2}",
                        "  hr: {name: \"Personnel powers\", source: X-2}\n"
                        "  inkoop: {name: \"Inkoop en aanbesteding\", source: X-2}")
    if locale:
        yaml = yaml.replace("date: '2026-01-01'", f"date: '2026-01-01'\nlocale: {locale}")
    (d / "org.yaml").write_text(yaml)
    header = (d / "edges.csv").read_text().splitlines()[0].split(",")
    posts = ["cd", "dd", "tm", "bpm", "fire"]
    rows = []
    for post, text in zip(posts, ceilings):
        cells = dict.fromkeys(header, "")
        cells.update({"from": "gd", "to": post, "kind": "MANDATES", "source": "X-2",
                      "evidence": "stated", "powers": "inkoop", "mandate_kind": "mandaat",
                      "ceiling": f'"{text}"' if "," in text else text,
                      "valid_from": "1 januari 2026" if locale == "nl" else ""})
        rows.append(",".join(cells[h] for h in header))
    (d / "edges.csv").write_text((d / "edges.csv").read_text() + "\n".join(rows) + "\n")
    return d, dict(zip(posts, ceilings.values()))


def test_every_ceiling_notation_through_the_whole_chain(tmp_path):
    d, ceilings = _municipality(tmp_path)
    assert orgmodel.validate_folder(d) == []
    org = orgmodel.load(d)
    got = {v: dd["ceiling"] for u, v, dd in org.graph.edges(data=True)
           if "inkoop" in (dd.get("powers") or [])}
    assert got == ceilings
    for post, ceiling in ceilings.items():
        for amount, may in ((ceiling - 0.5, True), (ceiling, True), (ceiling + 1, False)):
            # the amount as a Dutch user types it on the command line
            typed = f"{amount:,.2f}".replace(",", "#").replace(".", ",").replace("#", ".")
            res = run("who-decides", "inkoop", "--org", d, "--amount", typed, "--role", post,
                      "--format", "json")
            assert res.exit_code == 0, res.output
            import json
            answer = json.loads(res.output)
            assert answer["may"] is may, (post, typed, answer)
    # a saved copy keeps every ceiling, under the locale and without it
    saved = orgmodel.save(org, tmp_path / "saved")
    assert orgmodel.load(saved) == org
    xlsx = orgmodel.write_xlsx(org, tmp_path / "v.xlsx")
    assert orgmodel.read_xlsx(xlsx) == org


def test_a_mandate_registers_own_notations_of_amounts(tmp_path):
    """A Dutch mandate register writes whole euros "€ 50.000,-" and its
    largest ceilings "€ 1,5 miljoen" or "2 mln": each was "not a number"."""
    typed = {"€ 50.000,-": 50000.0, "€ 1,5 miljoen": 1_500_000.0, "2 mln": 2_000_000.0,
             "€ 1,15 miljoen": 1_150_000.0}
    d, ceilings = _municipality(tmp_path, ceilings=typed)
    org = orgmodel.load(d)
    got = {v: dd["ceiling"] for u, v, dd in org.graph.edges(data=True)
           if "inkoop" in (dd.get("powers") or [])}
    assert got == ceilings
    res = run("who-decides", "inkoop", "--org", d, "--amount", "€ 1,2 miljoen", "--role", "tm",
              "--format", "json")
    assert res.exit_code == 0, res.output
    import json
    assert json.loads(res.output)["may"] is True


def test_without_a_locale_a_dutch_ceiling_is_an_error_naming_its_row(tmp_path):
    d, _ = _municipality(tmp_path, locale=None, ceilings={"25.000": 0})
    with pytest.raises(ValidationError) as exc:
        orgmodel.load(d)
    (p,) = exc.value.problems
    assert p.file == "edges.csv" and p.row == 49
    assert p.message == ("ceiling '25.000' could be 25 or 25000: write 25000, or declare the "
                         "locale (locale: nl or en in org.yaml)")
    # (the hint was English in a Dutch message: "schrijf 25000, or declare
    # ..."; 'ceiling' is the column's name in edges.csv)
    from orgmodel.i18n import translator
    assert translator("nl")(p.message) == ("ceiling '25.000' kan 25 of 25000 zijn: schrijf "
                                           "25000, of geef de locale op (locale: nl of en in "
                                           "org.yaml)")


def test_the_command_line_amount_follows_the_locale(tmp_path):
    d, _ = _municipality(tmp_path, locale=None, ceilings={"25000": 0})
    # (no locale declared: as the command line's language writes numbers,
    # as its dates are read; the other notation's three decimals refused)
    res = run("who-decides", "inkoop", "--org", d, "--amount", "25.000")
    assert res.exit_code == 2
    assert "'25.000' is an amount with three decimals under en, 25: write 25,000 for 25000" \
        in res.output, res.output
    res = run("--lang", "nl", "who-decides", "inkoop", "--org", d, "--amount", "25.000",
              "--format", "csv")
    assert res.exit_code == 0, res.output
    assert run("who-decides", "inkoop", "--org", d, "--amount", "25000", "--format",
               "csv").output == res.output
    res = run("--lang", "nl", "who-decides", "inkoop", "--org", d, "--amount", "25,000")
    assert res.exit_code == 2 and "'25,000' is onder nl een bedrag met drie decimalen" \
        in res.output, res.output
    dutch, _ = _municipality(tmp_path / "nl", ceilings={"25000": 0})
    res = run("who-decides", "inkoop", "--org", dutch, "--amount", "25,000")
    assert res.exit_code == 2 and "'25,000' is an amount with three decimals under nl" \
        in res.output, res.output
    # (a number that is not an amount keeps its three decimals: an FTE of 0,875)
    assert parse_number("1,125", "nl") == 1.125


def test_a_workbook_number_cell_is_the_number_it_holds(tmp_path):
    import openpyxl
    d, _ = _municipality(tmp_path)
    org = orgmodel.load(d)
    path = orgmodel.write_xlsx(org, tmp_path / "v.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["edges"]
    col = [c.value for c in ws[1]].index("ceiling") + 1
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, col).value]
    for r, value in zip(rows, (1.125, 25000, 25.125)):
        ws.cell(r, col).value = value                # typed into Excel as numbers
    wb.save(path)
    back = orgmodel.read_xlsx(path)                  # (the workbook says locale: nl)
    got = sorted(dd["ceiling"] for _, _, dd in back.graph.edges(data=True) if "ceiling" in dd)
    assert {1.125, 25000.0, 25.125} <= set(got)


def test_a_dutch_posts_file(tmp_path):
    posts = tmp_path / "hr.csv"
    posts.write_text("id,reports_to,title,holder,fte,unit\n"
                     "1,,Gemeentesecretaris,Anna de Vries,\"1,0\",Bestuur\n"
                     "2,1,Teammanager,Vacature,\"0,8\",Financiën\n"
                     "3,1,Adviseur,Opgeheven,1,Financiën\n"
                     "4,1,Adviseur,Niet ingevuld,\"0,5\",Financien\n"
                     "5,1,Controller,n.v.t.,1,Financiën\n", encoding="utf-8")
    res = run("import", "posts", posts, "--out", tmp_path / "o", "--locale", "nl", "--lang", "en")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "o")
    assert org.manifest["locale"] == "nl"
    nodes = org.graph.nodes
    assert nodes["2"]["vacant"] is True and nodes["4"]["vacant"] is True
    assert nodes["2"]["fte_min"] == 0.8 and "3" not in nodes
    assert "unit:financien" in nodes and nodes["unit:financien"]["name"] == "Financiën"
    assert nodes["unit:financien-2"]["name"] == "Financien"
    assert "The units 'Financiën' and 'Financien' fold to one id: 'Financien' is " \
        "unit:financien-2" in res.output
    assert "post 3 is marked 'Opgeheven' (gone)" in res.output
    assert not any(d.get("name") in ("Vacature", "Niet ingevuld") for _, d in
                   org.graph.nodes(data=True))


def _hr_workbook(path):
    """A Dutch HR export as a municipality's HR system writes it: Dutch
    column names (one with a hyphen and capitals), numbers typed as text in
    Dutch notation beside real number cells, dates as text and as dates."""
    import datetime

    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Formatie"
    ws.append(["Formatieplaats", "Functie", "Medewerker", "Personeelsnummer",
               "Leidinggevende functie", "Organisatie-eenheid", "FTE", "Schaal", "Kostenplaats",
               "Ingangsdatum"])
    ws.append(["F001", "Gemeentesecretaris", "Anna de Vries", "1001", None, "Directie", 1, "16",
               "KP100", datetime.datetime(2019, 3, 1)])
    ws.append(["F002", "Teammanager Financiën", "Vacature", None, "F001", "Financiën", "0,8",
               "12", "KP200", None])
    ws.append(["F003", "Adviseur", "Bram Jansen", "1003", "F002", "Financiën", 0.89, "10",
               "KP200", "1-3-2024"])
    ws.append(["F004", "Adviseur", "Niet ingevuld", None, "F002", "Financien", "0,5", "10",
               "KP200", None])
    ws.append(["F005", "Beleidsmedewerker", "Opgeheven", None, "F001", "Directie", "1", "9",
               "KP100", None])
    ws.append(["F006", "Controller", "Chris Bakker", "1006", "F001", "Directie", "1,125", "11",
               "KP100", "31 december 2023"])
    wb.save(path)
    return path


def test_a_dutch_hr_workbook_with_the_nl_hr_preset(tmp_path):
    book = _hr_workbook(tmp_path / "formatie.xlsx")
    out = tmp_path / "voorbeeld"
    res = run("import", "posts", book, "--preset", "nl-hr", "--name", "Gemeente Voorbeeld",
              "--out", out, "--lang", "en")
    assert res.exit_code == 0, res.output
    # (each column as the file writes it, as the user would give it again)
    assert ("- Columns read: post id from 'Formatieplaats'; superior from "
            "'Leidinggevende functie'; job title from 'Functie'; holder from 'Medewerker'; "
            "unit from 'Organisatie-eenheid'; FTE from 'FTE'; grade from 'Schaal'; cost centre "
            "from 'Kostenplaats'; start date from 'Ingangsdatum'.") in res.output
    assert "- Vacant posts: 2 (F002, F004)." in res.output
    assert "post F005 is marked 'Opgeheven' (gone)" in res.output
    # without --lang, a Dutch export is said in Dutch, on the terminal and in IMPORT.md
    nl = run("import", "posts", book, "--preset", "nl-hr", "--out", tmp_path / "nl")
    assert nl.exit_code == 0, nl.output
    for text in (nl.output, (tmp_path / "nl" / "IMPORT.md").read_text(encoding="utf-8")):
        assert "- Gelezen kolommen: functie-id uit 'Formatieplaats';" in text
        assert "functie F005 is gemarkeerd als 'Opgeheven' (vervallen)" in text
        assert "- Vacante functies: 2 (F002, F004)." in text
    org = orgmodel.load(out)
    assert org.manifest["locale"] == "nl"
    n = org.graph.nodes
    assert (n["F002"]["fte_min"], n["F003"]["fte_min"], n["F006"]["fte_min"]) == (0.8, 0.89, 1.125)
    assert n["F002"]["vacant"] is True and n["F004"]["vacant"] is True
    assert n["F006"]["cost_centre"] == "KP100" and n["F001"]["grade"] == "16"
    starts = {v: d.get("valid_from") for u, v, d in org.graph.edges(data=True)
              if d["kind"] == "HOLDS"}
    assert starts == {"F001": "2019-03-01", "F003": "2024-03-01", "F006": "2023-12-31"}
    assert not [d for _, d in org.graph.nodes(data=True) if d["kind"] == "Person"
                and d["name"] in ("Vacature", "Niet ingevuld", "Opgeheven")]
    assert orgmodel.totals(org)["posts"] == 5
    assert run("validate", "--org", out).exit_code == 0
    report = run("report", "--org", out, "--out", tmp_path / "rapport", "--lang", "nl")
    assert report.exit_code == 0, report.output


def _titled_workbook(path, total):
    """An HR export as people keep it: a title and a date above the table,
    a totals row under it, "NN" for a holder whose name is not known, hours
    where FTE belongs."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Formatie"
    ws.append(["Formatieoverzicht gemeente Voorbeeld"])
    ws.append(["Peildatum: 1 januari 2026"])
    ws.append([])
    ws.append(["Formatieplaats", "Functie", "Medewerker", "Leidinggevende functie", "FTE"])
    ws.append(["F001", "Gemeentesecretaris", "Anna de Vries", None, 1])
    ws.append(["F002", "Teammanager", "N.N.", "F001", "0,8"])
    ws.append(["F003", None, "Bram Jansen", "F002", "0,5"])
    ws.append(["F004", "Adviseur", "Chris Bakker", "F002", "32 uur"])
    ws.append([])
    ws.append(["Totaal", None, None, None, total])
    wb.save(path)
    return path


def test_title_rows_and_a_totals_row_of_a_dutch_workbook(tmp_path):
    """The rows above the header and the totals row under the table are no
    posts: each is left out and named, and the totals row's FTE is set
    beside the FTE read; "N.N." is a holder whose name is not known; hours
    are not taken for FTE."""
    book = _titled_workbook(tmp_path / "formatie.xlsx", "2,3")
    # (a legend sheet first, which names the id column in a cell of its own:
    # not a header, so not the posts sheet)
    import openpyxl
    wb = openpyxl.load_workbook(book)
    legend = wb.create_sheet("Toelichting", 0)
    legend.append(["Formatieplaats", "het nummer van de plaats in de formatie"])
    wb.save(book)
    out = tmp_path / "o"
    res = run("import", "posts", book, "--preset", "nl-hr", "--out", out)
    assert res.exit_code == 0, res.output
    log = (out / "IMPORT.md").read_text(encoding="utf-8")
    for text in (res.output, log):
        # (the row of the sheet read, named: the workbook opens at the legend)
        assert ("formatie.xlsx, blad Formatie, regel 1: boven de kopregel: 'Formatieoverzicht "
                "gemeente Voorbeeld' (een titel of opmerking, geen functie)") in text
        assert "regel 2: boven de kopregel: 'Peildatum: 1 januari 2026'" in text
        assert "regel 10: een totaalregel ('Totaal'), geen functie" in text
        assert ("De totaalregel ('Totaal', regel 10) geeft 2,3 fte, en de gelezen regels met "
                "functies hebben samen 2,3 fte\n") in text
        assert "fte '32 uur' is geen getal: uren?" in text
        assert "functie F003 heeft geen functienaam: ze heet 'Functie F003'" in text
        assert "Niet gebruikte regels: 3:" in text
        assert "De datum 1 januari 2026 is gelezen uit regel 2 ('1 januari 2026')" in text
    org = orgmodel.load(out)
    assert str(org.manifest["date"]) == "2026-01-01"
    n = org.graph.nodes
    assert sorted(k for k, d in n.items() if d["kind"] == "Post") == ["F001", "F002", "F003",
                                                                      "F004"]
    assert n["F003"]["name"] == "Functie F003"
    assert "fte_min" not in n["F004"]
    people = {d["name"]: d for _, d in org.graph.nodes(data=True) if d["kind"] == "Person"}
    assert "N.N." not in people and people["(naam niet gegeven)"]["note"] == \
        "bekleder gegeven als 'N.N.'"
    assert org.manifest["import"]["rows_left_out"] == 3
    # a totals row that does not match the rows read is said so
    other = run("import", "posts", _titled_workbook(tmp_path / "f2.xlsx", 3), "--preset", "nl-hr",
                "--out", tmp_path / "o2", "--lang", "en")
    assert ("The totals row ('Totaal', row 10) gives 3 FTE, and the post rows read hold 2.3 FTE: "
            "they differ; check the rows left out") in other.output
    # --strict refuses them, naming each
    strict = run("import", "posts", book, "--preset", "nl-hr", "--out", tmp_path / "o3",
                 "--strict", "--lang", "en")
    assert strict.exit_code != 0 and not (tmp_path / "o3").exists()
    assert "row 1: above the header row: 'Formatieoverzicht gemeente Voorbeeld'" in strict.output
    assert "row 10: a totals row ('Totaal'), not a post" in strict.output


def test_a_unit_merged_over_its_posts_rows_and_a_hidden_row(tmp_path):
    """A unit typed once in a cell merged over its posts' rows is the unit of
    each (only the first cell holds the value: it was lost in silence); a
    merge across columns fills only its own; a hidden row is read, and
    said."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Formatieplaats", "Functie", "Afdeling", "Leidinggevende functie", "FTE"])
    ws.append(["F1", "Directeur", "Directie", None, 1])
    ws.append(["F2", "Teamleider", "Jeugd", "F1", 1])
    ws.append(["F3", "Consulent", None, "F2", 1])
    ws.append(["F4", "Consulent", None, "F2", 1])
    ws.append(["F5", "Adviseur", None, "F1", 1])
    ws.merge_cells("C3:C5")
    ws.merge_cells("B6:C6")
    ws.row_dimensions[4].hidden = True
    wb.save(tmp_path / "f.xlsx")
    res = run("import", "posts", tmp_path / "f.xlsx", "--preset", "nl-hr", "--out",
              tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    # (each column named as the file writes it, as the log's other lines do)
    assert ("- f.xlsx: cells C3:C5 are merged; their value 'Jeugd' is read in column "
            "'Afdeling' of each of rows 3–5") in res.output
    assert ("- f.xlsx: cells B6:C6 are merged; their value 'Adviseur' is read in column "
            "'Functie' of row 6 (the other columns it spans are read as empty)") in res.output
    assert "- f.xlsx: row 4 is hidden in the workbook, and read as any other row" in res.output
    org = orgmodel.load(tmp_path / "o")
    unit = {u: v for u, v, d in org.graph.edges(data=True) if d["kind"] == "MEMBER_OF"}
    assert unit == {"F1": "unit:directie", "F2": "unit:jeugd", "F3": "unit:jeugd",
                    "F4": "unit:jeugd"}
    nl = run("import", "posts", tmp_path / "f.xlsx", "--preset", "nl-hr", "--out", tmp_path / "n")
    assert "de cellen C3:C5 zijn samengevoegd; hun waarde 'Jeugd' is gelezen in kolom " \
        "'Afdeling' van elk van de regels 3–5" in nl.output
    assert "regel 4 is verborgen in de werkmap" in nl.output


def test_superiors_named_by_title_or_holder_are_each_refused_with_the_reason(tmp_path):
    """A hand-kept sheet names the manager (a title, a person) where the
    superior's post id belongs: every such row is named (not only the first),
    each with what the name is, and nothing is written."""
    posts = tmp_path / "f.csv"
    posts.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende;FTE\n"
                     "1;Directeur;Anna Bakker;;1\n2;Teamleider Jeugd;Bram de Wit;Directeur;1\n"
                     "3;Consulent;Chris Smit;Bram de Wit;1\n4;Consulent;Dirk Smit;F9;1\n",
                     encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "o").exists()
    assert "f.csv: 3 problems found" in res.output
    assert ("row 3: post 2 reports to 'Directeur', which is not a post in the file; "
            "'Directeur' is the job title of post 1 (row 2): this column names the superiors' "
            "job titles, which --reports-to-by Functie reads (a title on several posts is "
            "read as the one in the post's unit, or the nearest around it; where no unit tells "
            "them apart, its lines are left out)") in res.output
    assert "row 4: post 3 reports to 'Bram de Wit', which is not a post in the file" in res.output
    assert "'Bram de Wit' holds post 2 (row 3): this column names the people holding the " \
        "superiors' posts, which --reports-to-by holder reads" in res.output
    assert "row 5: post 4 reports to 'F9', which is not a post in the file (use " \
        "--unknown-superior external to read it as a role outside the organisation)\n" in \
        res.output
    nl = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert "'Directeur' is de functienaam van functie 1 (regel 2): deze kolom noemt de " \
        "functienamen van de leidinggevenden, en --reports-to-by Functie leest die" in nl.output
    # ids whose leading zeros a number cell dropped
    zeros = tmp_path / "zeros.csv"
    zeros.write_text("Formatieplaats;Functie;Leidinggevende\n0010;Directeur;\n"
                     "0012;Teamleider;10\n", encoding="utf-8")
    res = run("import", "posts", zeros, "--preset", "nl-hr", "--out", tmp_path / "z", "--lang",
              "en")
    assert res.exit_code == 1 and "'10' differs only in leading zeros from post 0010 (row 2)" \
        in res.output
    # ids one column writes with a thousands separator and the other without
    grouped = tmp_path / "grouped.csv"
    grouped.write_text("Formatieplaats;Functie;Leidinggevende\n1.001;Directeur;\n"
                       "1.002;Teamleider;1001\n1003;Adviseur;1.002\n1004;Adviseur;1.003\n",
                       encoding="utf-8")
    res = run("import", "posts", grouped, "--preset", "nl-hr", "--out", tmp_path / "g", "--lang",
              "en")
    assert res.exit_code == 1
    assert "'1001' differs only in a thousands separator from post 1.001 (row 2)" in res.output
    assert "'1.003' differs only in a thousands separator from post 1003 (row 4)" in res.output
    # past the first 50, a count, and no pointer to `validate` (a file is not a folder)
    many = tmp_path / "many.csv"
    many.write_text("Formatieplaats;Functie;Leidinggevende\n1;Directeur;\n" + "".join(
        f"{i};Adviseur;Directeur\n" for i in range(2, 80)), encoding="utf-8")
    res = run("import", "posts", many, "--preset", "nl-hr", "--out", tmp_path / "m", "--lang",
              "en")
    assert res.exit_code == 1 and "78 problems found" in res.output
    assert res.output.rstrip().endswith("... and 28 more")


def test_a_repeated_header_row_and_fte_as_a_percentage(tmp_path):
    """A header repeated under the table (two tables one under the other, or
    printed pages) is no post (it became one, reporting to "Leidinggevende");
    an FTE of ``80%`` is 0.8 of a full-time post."""
    posts = tmp_path / "f.csv"
    posts.write_text("Formatieplaats;Functie;Leidinggevende;FTE\n1;Directeur;;100%\n"
                     "2;Teamleider;1;80%\n\nFormatieplaats;Functie;Leidinggevende;FTE\n"
                     "3;Consulent;2;87,5 %\n4;Adviseur;2;32/36\n5;Adviseur;2;28,5/36 uur\n",
                     encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "- Rows not used: 1:\n  - f.csv, row 5: repeats the header row, not a post" in \
        res.output
    n = orgmodel.load(tmp_path / "o").graph.nodes
    assert sorted(k for k, d in n.items() if d["kind"] == "Post") == ["1", "2", "3", "4", "5"]
    assert (n["1"]["fte_min"], n["2"]["fte_min"], n["3"]["fte_min"]) == (1.0, 0.8, 0.875)
    assert round(n["4"]["fte_min"], 6) == round(32 / 36, 6)     # hours over the week given
    # (the unit after them, "uur", says so too: it was not read)
    assert round(n["5"]["fte_min"], 6) == round(28.5 / 36, 6)


def test_a_workbook_with_posts_on_several_sheets_is_refused_naming_them(tmp_path):
    """A sheet per unit: the first sheet was read and the other sheets'
    posts dropped in silence.  Which sheet is meant, or whether all are, the
    workbook does not say: refused, nothing written, naming the sheets;
    --sheet reads the one given."""
    import openpyxl
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Toelichting"
    notes.append(["Formatieplaats", "het nummer van de plaats in de formatie"])
    for title, rows in (("Ruimte", [["R1", "Directeur Ruimte", None]]),
                        ("Sociaal", [["S1", "Directeur Sociaal", None],
                                     ["S2", "Adviseur", "S1"]])):
        ws = wb.create_sheet(title)
        ws.append(["Formatie per afdeling"])
        ws.append(["Formatieplaats", "Functie", "Leidinggevende functie"])
        for row in rows:
            ws.append(row)
    book = tmp_path / "formatie.xlsx"
    wb.save(book)
    res = run("import", "posts", book, "--preset", "nl-hr", "--out", tmp_path / "all",
              "--lang", "en")
    assert res.exit_code == 1
    assert ("formatie.xlsx: has a table of posts on 2 sheets ('Ruimte', 'Sociaal'): orgmodel "
            "reads one sheet; give --sheet for the one to import") in res.output
    assert "Traceback" not in res.output and not (tmp_path / "all").exists()
    res = run("import", "posts", book, "--preset", "nl-hr", "--sheet", "Sociaal",
              "--out", tmp_path / "sociaal")
    assert res.exit_code == 0, res.output
    posts = orgmodel.load(tmp_path / "sociaal").ids("Post")
    assert sorted(posts) == ["S1", "S2"]


def test_the_date_a_line_above_the_header_states(tmp_path):
    """The date a title states after 'per' or 'peildatum' is the date the
    file describes (it was taken from the file's name alone); a date without
    such a word (when it was printed) is not; one that could be two, or one
    that differs from the file's name, gives none, said."""
    def imported(name, title, *options):
        posts = tmp_path / name
        posts.write_text(f"{title};;\nFunctienummer;Functie;Leidinggevende\n1;Directeur;\n"
                         "2;Adviseur;1\n", encoding="utf-8")
        out = tmp_path / f"o-{len(list(tmp_path.iterdir()))}"
        res = run("import", "posts", posts, *options, "--out", out, "--lang", "en")
        assert res.exit_code == 0, res.output
        return orgmodel.load(out).manifest.get("date"), res.output
    date, said = imported("f.csv", "Formatie gemeente Voorbeeld per 1-2-2026", "--preset", "nl-hr")
    assert str(date) == "2026-02-01"
    assert "The date 1 February 2026 is read from row 1 ('1-2-2026')" in said
    date, said = imported("f.csv", "Formatie, afgedrukt op 1-2-2026", "--preset", "nl-hr")
    assert date is None and "2026-02-01" not in said
    date, said = imported("g.csv", "Posts as at 3-2-2026", "--id", "Functienummer",
                          "--reports-to", "Leidinggevende")
    assert date is None
    assert ("Row 1 holds '3-2-2026', which could be 3 February 2026 or 2 March 2026: no date is "
            "taken (give --date)") in said
    date, said = imported("formatie 2025-12-31.csv", "Peildatum: 1 januari 2026",
                          "--preset", "nl-hr")
    assert date is None
    assert ("The dates differ: the file's name says 31 December 2025 and a row above its header "
            "1 January 2026; no date is taken (give --date)") in said
    date, _ = imported("formatie 2025-12-31.csv", "Peildatum: 1 januari 2026", "--preset",
                       "nl-hr", "--date", "2026-01-01")
    assert str(date) == "2026-01-01"


def _hours_file(path):
    """A Dutch export that gives each post's hours per week, not its FTE,
    with a totals row (in hours) and one cell written with its unit."""
    path.write_text("Functienummer;Functie;Leidinggevende;Uren per week\n"
                    "F1;Directeur;;36\nF2;Teamleider;F1;32\nF3;Adviseur;F2;18 uur\n"
                    "Totaal;;;86\n", encoding="utf-8")
    return path


def test_hours_per_week_are_read_as_fte_only_over_the_full_time_week_given(tmp_path):
    """A column of hours given as the FTE made a director of 36 FTE, in
    silence.  With the organisation's full-time week (--full-time) the hours
    are FTE over it (a cell '18 uur' too), said in the log, and the totals
    row is compared in FTE; orgmodel assumes no week of its own."""
    posts = _hours_file(tmp_path / "formatie.csv")
    out = tmp_path / "o"
    res = run("import", "posts", posts, "--preset", "nl-hr", "--full-time", "36",
              "--out", out)
    assert res.exit_code == 0, res.output
    log = (out / "IMPORT.md").read_text(encoding="utf-8")
    for text in (res.output, log):
        assert ("Fte gelezen uit de uren per week in 'Uren per week', over een volledige "
                "werkweek van 36 uur (--full-time)") in text
        assert "De totaalregel ('Totaal', regel 5) geeft 2,389 fte" in text
        assert "die verschillen" not in text
    n = orgmodel.load(out).graph.nodes
    assert (n["F1"]["fte_min"], n["F3"]["fte_min"]) == (1.0, 0.5)
    assert round(n["F2"]["fte_min"], 6) == round(32 / 36, 6)


def test_more_fte_than_its_holders_can_work_is_not_read_as_fte(tmp_path):
    """Hours per week in a column named FTE gave a person 36 FTE, in
    silence.  More than 1.5 FTE per person a row names is not read as FTE
    (hours, or several places under one name?): the post is kept without it,
    the cell named; a vacant row and one whose holder is not named may hold
    several places; with --strict the import is refused."""
    posts = tmp_path / "formatie.csv"
    posts.write_text("Functienummer;Functie;Leidinggevende;FTE;Medewerker\n"
                     "F1;Directeur;;1;A. Jansen\nF2;Adviseur;F1;36;C. Bakker\n"
                     "F3;Adviseur;F1;2;D. Smit / E. Kok\nF4;Adviseur;F1;3,2;D. Smit / E. Kok\n"
                     "F5;Medewerker klantcontact;F1;12,5;Vacature\nF6;Beleidsmedewerker;F1;3;\n"
                     "F7;Teamleider;F1;1,1;F. de Wit\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    for row, v, names in ((3, "36", "C. Bakker"), (5, "3,2", "D. Smit / E. Kok")):
        assert (f"formatie.csv, row {row}: FTE '{v}' is more than the people the holder's "
                f"cell names ('{names}') can work") in res.output
    assert "row 4: FTE" not in res.output and "row 6: FTE" not in res.output
    g = orgmodel.load(tmp_path / "o").graph
    fte = {p: g.nodes[p].get("fte_min") for p in ("F1", "F2", "F3", "F4", "F5", "F6", "F7")}
    assert fte == {"F1": 1.0, "F2": None, "F3": 2.0, "F4": None, "F5": 12.5, "F6": 3.0,
                   "F7": 1.1}
    assert not [d for u, v, d in g.edges(data=True) if v == "F2" and d.get("fte")]
    res = run("import", "posts", posts, "--preset", "nl-hr", "--strict", "--out",
              tmp_path / "s", "--lang", "nl")
    assert res.exit_code == 1 and not (tmp_path / "s").exists()
    assert "fte '36' is meer dan de mensen die de cel van de bekleder noemt" in res.output


def test_the_ways_a_dutch_sheet_says_vacant_make_no_person(tmp_path):
    """"(Vacature)", "VAC", "Openstaande vacature", "Te vervullen", "Nog in te
    vullen", "- vacant -" each made a person of that name holding the post:
    the post counted as filled.  Each is a vacancy; a name that starts with
    the letters (Vacanti) is a person."""
    holders = ["(Vacature)", "VAC", "Openstaande vacature", "Te vervullen", "Nog in te vullen",
               "- vacant -", "*vacature*", "In werving"]
    rows = "".join(f"F{i};Adviseur;F0;{h}\n" for i, h in enumerate(holders, start=1))
    posts = tmp_path / "formatie.csv"
    posts.write_text("Formatieplaats;Functie;Leidinggevende functie;Medewerker\n"
                     f"F0;Directeur;;Vacanti, M.\n{rows}", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "o")
    people = [d["name"] for _, d in org.graph.nodes(data=True) if d["kind"] == "Person"]
    assert people == ["Vacanti, M."]
    assert sorted(n for n, d in org.graph.nodes(data=True) if d.get("vacant")) == \
        sorted(f"F{i}" for i in range(1, len(holders) + 1))


def test_a_report_header_of_a_dozen_rows_above_the_table(tmp_path):
    """An HR report lists its filters above the table: a dozen rows (more
    than the ten looked through) made the import refuse the file, naming the
    title as its only column.  Up to 30 rows above the header are left out,
    each named; past that the refusal says where the header was looked for."""
    import openpyxl
    filters = [f"Filter {i}: alle afdelingen" for i in range(15)]
    table = [["Functienummer", "Functie", "Leidinggevende"], ["F1", "Directeur", ""],
             ["F2", "Adviseur", "F1"]]
    wb = openpyxl.Workbook()
    for row in [["Formatierapport"]] + [[f] for f in filters] + table:
        wb.active.append(row)
    wb.save(tmp_path / "rapport.xlsx")
    (tmp_path / "rapport.csv").write_text(
        "\n".join(["Formatierapport"] + filters + [";".join(r) for r in table]) + "\n",
        encoding="utf-8")
    for name in ("rapport.xlsx", "rapport.csv"):
        res = run("import", "posts", tmp_path / name, "--preset", "nl-hr", "--out",
                  tmp_path / f"o-{name}", "--lang", "en")
        assert res.exit_code == 0, res.output
        assert "- Rows not used: 16:" in res.output
        assert f"{name}, row 2: above the header row: 'Filter 0: alle afdelingen'" in res.output
        assert sorted(orgmodel.load(tmp_path / f"o-{name}").ids("Post")) == ["F1", "F2"]
    (tmp_path / "diep.csv").write_text(
        "\n".join([f"Filter {i}" for i in range(31)] + [";".join(r) for r in table]) + "\n",
        encoding="utf-8")
    res = run("import", "posts", tmp_path / "diep.csv", "--preset", "nl-hr", "--out",
              tmp_path / "o-diep", "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "o-diep").exists()
    assert ("diep.csv: has no column 'formatieplaats' for the post id: none of its first 30 "
            "rows names it and another column orgmodel reads (its first row: Filter 0)") \
        in res.output, res.output


def _imported_nl(tmp_path, text):
    """A Dutch HR export of ``text`` imported (nl-hr, the log in English):
    the command's result and the model's graph."""
    posts = tmp_path / "formatie.csv"
    posts.write_text(text, encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    return res, orgmodel.load(tmp_path / "o").graph


def test_an_fte_that_reads_two_ways_without_a_notation_says_both(tmp_path):
    """'1,000' in a file whose notation is not given was 'not a number'; it
    is 1 as Dutch writes numbers and 1000 as English does: the log says so,
    and how to give the notation."""
    posts = tmp_path / "posts.csv"
    posts.write_text("id,reports_to,title,fte\n1,,Director,\"0,5\"\n2,1,Deputy,\"1,000\"\n",
                     encoding="utf-8")
    res = run("import", "posts", posts, "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("posts.csv, row 3: FTE '1,000' could be 1 (as Dutch writes numbers) or 1000 (as "
            "English does): give the file's notation with --locale nl or --locale en") \
        in res.output
    res = run("import", "posts", posts, "--out", tmp_path / "e", "--lang", "en",
              "--locale", "nl")
    assert res.exit_code == 0 and "Cells not used" not in res.output, res.output
    assert orgmodel.load(tmp_path / "e").graph.nodes["2"]["fte_min"] == 1.0


def test_a_hired_holder_not_named_is_a_person_per_post(tmp_path):
    """'Inhuur' on two posts was one person of that name holding both (the
    log said 'one name on several posts'): a post held by someone hired whose
    name the file does not give.  Each is a person of its own, not named,
    counted in the log; a name after the word ('Interim P. de Boer') is the
    person's name, the word kept in the holding's note."""
    res, g = _imported_nl(tmp_path, "Functienummer;Functie;Leidinggevende;Medewerker\n"
                          "F1;Directeur;;A. Jansen\nF2;Adviseur;F1;Inhuur\n"
                          "F3;Adviseur;F1;Inhuur (via Yacht)\nF4;Jurist;F1;INTERIM\n"
                          "F5;Jurist;F1;Interim P. de Boer\n")
    assert "- Holders whose name is not given (N/D, N.N., onbekend ...): 3." in res.output
    assert "- Of them hired and not named ('Inhuur', 'Interim', 'Extern' ...: a person each, " \
        "not one person of that name): 3." in res.output
    assert "One name on several posts" not in res.output
    holder = {v: u for u, v, d in g.edges(data=True) if d["kind"] == "HOLDS"}
    assert len(set(holder.values())) == 5
    assert [g.nodes[holder[p]]["name"] for p in ("F1", "F5")] == ["A. Jansen", "P. de Boer"]
    assert [d["note"] for u, v, d in g.edges(data=True) if v == "F5" and d["kind"] == "HOLDS"] \
        == ["bekleder geschreven als 'Interim P. de Boer'"]
    # (the data in the organisation's language: Dutch, from the preset)
    for p, cell in (("F2", "Inhuur"), ("F3", "Inhuur (via Yacht)"), ("F4", "INTERIM")):
        assert g.nodes[holder[p]]["name"] == "(naam niet gegeven)"
        assert g.nodes[holder[p]]["note"] == f"ingehuurd, niet genoemd: bekleder gegeven als '{cell}'"


def test_headings_and_notes_in_the_id_column_are_no_posts(tmp_path):
    """A heading over a part of the table ('Afdeling Ruimte') and a note
    under it ('Bron: AFAS, export d.d. 3-2-2026') each became a post, a top
    of the organisation.  A row with only its id cell filled is no post:
    left out and named (so --strict refuses it)."""
    res, g = _imported_nl(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;FTE\n"
                          "F1;Directeur;;1\nAfdeling Ruimte;;;\nF2;Adviseur;F1;1\n;;;\n"
                          "Bron: AFAS, export d.d. 3-2-2026;;;\n")
    posts = tmp_path / "formatie.csv"
    for row, v in ((3, "Afdeling Ruimte"), (6, "Bron: AFAS, export d.d. 3-2-2026")):
        assert (f"formatie.csv, row {row}: only the post id column is filled in ('{v}'): a "
                "heading or a note, not a post") in res.output
    assert "- Tops (1): F1 (Directeur)." in res.output
    assert sorted(orgmodel.load(tmp_path / "o").ids("Post")) == ["F1", "F2"]
    res = run("import", "posts", posts, "--preset", "nl-hr", "--strict", "--out",
              tmp_path / "s", "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "s").exists()


def test_a_heading_in_another_column_is_shown_where_it_is_left_out(tmp_path):
    """A heading in the title column, the id cell empty ('Afdeling Ruimte'
    under 'Functie'), was left out as 'no post id': its reader did not see
    which row it was, nor that it was a heading.  The log shows the one cell
    filled, and its column; a row with more is still 'no post id'."""
    res, _ = _imported_nl(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;FTE\n"
                          "F1;Directeur;;1\n;Afdeling Ruimte;;\nF2;Adviseur;F1;1\n"
                          ";Jurist;F1;1\n")
    assert ("formatie.csv, row 3: only column 'Functie' is filled in ('Afdeling Ruimte'): a "
            "heading or a note, not a post") in res.output
    assert "formatie.csv, row 5: no post id" in res.output


def test_unit_headings_name_the_unit_of_the_posts_under_them(tmp_path):
    """A formatie list kept by hand puts each afdeling's name on a row of
    its own above its posts ('Afdeling Ruimte'), in the id column or in
    another.  Without --unit-headings such rows are left out, named; with it,
    each names the unit of the posts under it, up to the next heading, the
    widest unit (a team column's units inside it: two 'Vergunningen' teams
    are two units).  Membership of a heading's unit is inferred from the
    row's place, and says so; a note below the table, with no post under it,
    is still a row not used."""
    posts = tmp_path / "formatie.csv"
    posts.write_text("Formatieplaats;Functie;Leidinggevende functie;Team;FTE\n"
                     "F1;Directeur;;;1\nAfdeling Ruimte;;;;\nF2;Hoofd Ruimte;F1;;1\n"
                     "F3;Adviseur;F2;Vergunningen;1\n;Afdeling Samenleving;;;\n"
                     "F4;Hoofd Samenleving;F1;;1\nF5;Consulent;F4;Vergunningen;1\n"
                     ";;;Burgerzaken;\nF6;Baliemedewerker;F4;;1\n"
                     "Bron: AFAS;;;;\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--unit", "Team", "--unit-headings",
              "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("Units read from 2 headings (rows 3, 6): a heading names the unit of the posts "
            "under it, up to the next heading, the widest unit of their rows") in res.output
    # (a cell alone in another column, a team's, is no heading: F6 stays in Samenleving)
    assert "- Rows not used: 2:" in res.output
    assert "formatie.csv, row 9: only column 'Team' is filled in ('Burgerzaken')" in res.output
    assert "formatie.csv, row 11: only the post id column is filled in ('Bron: AFAS')" in res.output
    g = orgmodel.load(tmp_path / "o").graph
    unit_of = {u: (v, d) for u, v, d in g.edges(data=True) if d["kind"] == "MEMBER_OF"}
    assert "F1" not in unit_of
    assert unit_of["F6"][0] == unit_of["F4"][0]
    ruimte, samenleving = unit_of["F2"][0], unit_of["F4"][0]
    assert (g.nodes[ruimte]["name"], g.nodes[samenleving]["name"]) == ("Afdeling Ruimte",
                                                                      "Afdeling Samenleving")
    # (the data in the organisation's language: Dutch, from the preset)
    assert g.nodes[ruimte]["source"] == "functies regel 3"
    assert unit_of["F2"][1]["evidence"] == "inferred"
    assert unit_of["F2"][1]["note"] == "de regel staat onder het kopje op regel 3"
    team3, team5 = unit_of["F3"][0], unit_of["F5"][0]
    assert team3 != team5 and g.nodes[team3]["name"] == g.nodes[team5]["name"] == "Vergunningen"
    assert unit_of["F3"][1]["evidence"] == "stated"
    assert (unit_of[team3][0], unit_of[team5][0]) == (ruimte, samenleving)
    assert unit_of[team3][1]["evidence"] == "inferred"
    # (the same file without the option: the headings are rows not used)
    res = run("import", "posts", posts, "--preset", "nl-hr", "--unit", "Team", "--out",
              tmp_path / "p", "--lang", "en")
    assert "- Rows not used: 4:" in res.output
    assert "only column 'Functie' is filled in ('Afdeling Samenleving')" in res.output
    # (and the log says how to read them: the note below, no post under it, is not offered)
    assert ("- Rows 3, 6, left out, may be headings over posts: read them as their units with "
            "--unit-headings") in res.output


def test_a_workbook_of_afdelingen_under_merged_headings_counts_as_its_subtotals(tmp_path):
    """A formatie workbook as it is kept by hand: a title, each afdeling's
    name merged across a row of its own, its posts, and a subtotal row under
    them.  Read with --unit-headings, the formation per unit gives the FTE
    the file's own subtotals give, and the teams of two afdelingen stay two."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [["Formatieoverzicht per 1 januari 2026"], [],
            ["Formatieplaats", "Functie", "Medewerker", "Leidinggevende functie", "Team", "FTE"],
            ["Afdeling Ruimte"], ["F2", "Afdelingshoofd", "B. Jansen", "F1", None, 1],
            ["F3", "Vergunningverlener", "C. Bakker", "F2", "Vergunningen", 0.8],
            ["F4", "Vergunningverlener", "Vacature", "F2", "Vergunningen", 1],
            [None, "Totaal Ruimte", None, None, None, 2.8], [],
            ["Afdeling Samenleving"], ["F5", "Afdelingshoofd", "D. Smit", "F1", None, 1],
            ["F6", "Consulent", "E. Visser", "F5", "Vergunningen", 0.9],
            [None, "Totaal Samenleving", None, None, None, 1.9],
            ["Directie"], ["F1", "Gemeentesecretaris", "A. de Vries", None, None, 1]]
    for row in rows:
        ws.append(row)
    for at in (4, 10, 14):
        ws.merge_cells(f"A{at}:F{at}")
    wb.save(tmp_path / "formatie.xlsx")
    res = run("import", "posts", tmp_path / "formatie.xlsx", "--preset", "nl-hr", "--unit", "Team",
              "--unit-headings", "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "Units read from 3 headings (rows 4, 10, 14)" in res.output
    org = orgmodel.load(tmp_path / "o")
    by_unit = orgmodel.formation(org, by="unit").set_index("name")
    assert by_unit.loc["Afdeling Ruimte", ["posts", "fte_min"]].tolist() == [3, 2.8]
    assert by_unit.loc["Afdeling Samenleving", ["posts", "fte_min"]].tolist() == [2, 1.9]
    assert by_unit.loc["Directie", "posts"] == 1
    assert (by_unit.index == "Vergunningen").sum() == 2


def test_a_heading_in_the_title_column_of_an_export_without_post_ids_is_no_post(tmp_path):
    """With --row-ids every row with a job title or a superior was a post:
    a heading in the title column ('Afdeling Ruimte') became a post of that
    name, a top of the organisation.  A row of one cell is a heading: left
    out and named, or with --unit-headings the unit of the rows under it."""
    posts = tmp_path / "medewerkers.csv"
    posts.write_text("Functie;Medewerker;Leidinggevende\nDirecteur;A. de Vries;\n"
                     "Afdeling Ruimte;;\nHoofd Ruimte;B. Jansen;A. de Vries\n"
                     "Adviseur;C. Bakker;B. Jansen\n", encoding="utf-8")
    for extra, out in (((), "o"), (("--unit-headings",), "u")):
        res = run("import", "posts", posts, "--preset", "nl-hr", "--row-ids", "--reports-to-by",
                  "holder", *extra, "--out", tmp_path / out, "--lang", "en")
        assert res.exit_code == 0, res.output
        org = orgmodel.load(tmp_path / out)
        assert sorted(org.ids("Post")) == ["R2", "R4", "R5"]
        assert "- Tops (1): R2 (Directeur)." in res.output
    assert "row 3: only column 'Functie' is filled in ('Afdeling Ruimte')" not in res.output
    units = {u: org.graph.nodes[v]["name"] for u, v, _ in org.edges("MEMBER_OF")}
    assert units == {"R4": "Afdeling Ruimte", "R5": "Afdeling Ruimte"}


def test_a_job_share_written_in_one_cell(tmp_path):
    """'B. Jansen / C. Bakker' in one holder's cell (a job share kept on one
    row) made one person of that name.  Each name is a person holding the
    post, said, with no share of the row's FTE (the file does not divide it);
    a vacancy among them holds nobody; 'N/D' is one marker, not two names.
    'E. Kok en F. Lam' names two (each name with a capital, and an initial or
    two words); 'de heer Bos en mevrouw Ter' and 'Jansen en Partners' (a
    firm) are not split, said, and 'Vacature en inhuur' is a vacancy."""
    posts = tmp_path / "formatie.csv"
    posts.write_text("Formatieplaats;Functie;Leidinggevende functie;FTE;Medewerker\n"
                     "F1;Directeur;;1;Anna de Vries\nF2;Adviseur;F1;1;B. Jansen / C. Bakker\n"
                     "F3;Adviseur;F1;1;D. Smit & vacature\nF4;Adviseur;F1;1;N/D\n"
                     "F5;Jurist;F1;1;E. Kok en F. Lam\nF6;Jurist;F1;1;de heer Bos en mevrouw Ter\n"
                     "F7;Jurist;F1;1;Vacature en inhuur\nF8;Jurist;F1;1;Jansen en Partners\n",
                     encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("Holders written as several names in one cell ('B. Jansen / C. Bakker'): each read "
            "as a person holding the post, the row's FTE not divided among them (3 cells)") \
        in res.output
    assert ("A holder's cell with 'en' or 'and' in it that does not read as two people's "
            "names, each with a capital and an initial or two words ('de heer Bos en mevrouw "
            "Ter'): read as one holder; write two people as 'A. de Vries / B. Jansen' to read "
            "two (2 cells)") in res.output

    g = orgmodel.load(tmp_path / "o").graph
    holds = {(g.nodes[u]["name"], v): d for u, v, d in g.edges(data=True) if d["kind"] == "HOLDS"}
    assert set(holds) == {("Anna de Vries", "F1"), ("B. Jansen", "F2"), ("C. Bakker", "F2"),
                          ("D. Smit", "F3"), ("(naam niet gegeven)", "F4"), ("E. Kok", "F5"),
                          ("F. Lam", "F5"), ("de heer Bos en mevrouw Ter", "F6"),
                          ("Jansen en Partners", "F8")}
    assert "fte_min" not in holds["B. Jansen", "F2"] and holds["Anna de Vries", "F1"]["fte_min"]


def test_a_superior_written_as_its_posts_id_and_title(tmp_path):
    """Some HR exports write the manager's post as its number and title
    ('F001 - Gemeentesecretaris', 'Teamleider (F002)'): each was refused as
    no post in the file.  Read as that post when the rest is the post's own
    title, said; another title is refused, saying whose title it is."""
    posts = tmp_path / "formatie.csv"
    rows = ("Formatieplaats;Functie;Leidinggevende functie\nF001;Gemeentesecretaris;\n"
            "F002;Teamleider Beheer;F001 - Gemeentesecretaris\n"
            "F003;Adviseur;teamleider beheer (F002)\nF004;Adviseur;F002 Teamleider Beheer\n")
    posts.write_text(rows, encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("Superiors written as their post's id and job title ('F001 - Gemeentesecretaris'): "
            "read as that post (3 lines)") in res.output
    up = {u: v for u, v, d in orgmodel.load(tmp_path / "o").graph.edges(data=True)
          if d["kind"] == "REPORTS_TO"}
    assert up == {"F002": "F001", "F003": "F002", "F004": "F002"}
    posts.write_text(rows + "F005;Adviseur;F002 - Directeur\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "p",
              "--lang", "en")
    assert res.exit_code == 1
    assert ("post F005 reports to 'F002 - Directeur', which is not a post in the file; it "
            "starts with post F002 (row 3), whose job title is 'Teamleider Beheer', not the rest "
            "of it") in res.output


def test_a_column_named_on_the_command_line_must_be_in_the_file(tmp_path):
    """A misspelt --fte (or --hours, --unit ...) was passed over: the import
    ran without FTE and said only which columns it had not read.  It is
    refused, naming the column and the file's columns; --hours named beside
    an FTE column is the one read."""
    posts = tmp_path / "formatie.csv"
    posts.write_text("Functienummer;Functie;Leidinggevende;FTE;Uren\n1;Directeur;;1;36\n"
                     "2;Adviseur;1;1;18\n", encoding="utf-8")
    for option, said in (("--fte", "for the FTE"), ("--unit", "for the unit"),
                         ("--hours", "for the hours per week")):
        res = run("import", "posts", posts, "--preset", "nl-hr", option, "Fte formatie",
                  "--full-time", "36", "--out", tmp_path / "o", "--lang", "en")
        assert res.exit_code == 1, res.output
        assert (f"formatie.csv, row 1: has no column 'Fte formatie' {said} (columns: "
                "Functienummer, Functie, Leidinggevende, FTE, Uren)") in res.output
        assert not (tmp_path / "o").exists()
    res = run("import", "posts", posts, "--preset", "nl-hr", "--hours", "Uren",
              "--full-time", "36", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert orgmodel.load(tmp_path / "o").graph.nodes["2"]["fte_min"] == 0.5
    res = run("import", "posts", posts, "--preset", "nl-hr", "--hours", "Uren",
              "--out", tmp_path / "w", "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "w").exists()
    assert ("formatie.csv, row 1: the column of hours 'Uren' (--hours) is read as FTE over this "
            "organisation's full-time week: give it with --full-time HOURS") in res.output


@pytest.mark.parametrize("column,cells,fte", [
    ("Werktijdfactor", ("1", "0,8889"), (1, 0.8889)),
    ("Deeltijdfactor", ("1", "0,5"), (1, 0.5)),
    ("Aanstellingspercentage", ("100", "50"), (1, 0.5)),
    ("FTE formatie", ("1", "0,8"), (1, 0.8)),
])
def test_the_dutch_names_of_a_posts_share(tmp_path, column, cells, fte):
    """Dutch HR systems call a post's share werktijdfactor, deeltijdfactor or
    aanstellingspercentage: each column was listed as not read, and the
    posts had no FTE."""
    posts = tmp_path / "formatie.csv"
    posts.write_text(f"Formatieplaats;Functie;Leidinggevende functie;{column}\n"
                     f"F1;Directeur;;{cells[0]}\nF2;Adviseur;F1;{cells[1]}\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    n = orgmodel.load(tmp_path / "o").graph.nodes
    assert (n["F1"]["fte_min"], n["F2"]["fte_min"]) == fte


def test_more_dutch_names_of_the_title_holder_and_unit(tmp_path):
    """'Functietitel', 'Naam werknemer' and 'Org. eenheid' were listed as
    columns not read: the posts had no title, holder or unit."""
    res, g = _imported_nl(tmp_path, "Functienummer;Functietitel;Leidinggevende;Org. eenheid;"
                          "Naam werknemer\nF1;Directeur;;Directie;A. Jansen\n"
                          "F2;Adviseur;F1;Ruimte;B. Smit\n")
    assert "Columns not read" not in res.output, res.output
    assert g.nodes["F2"]["name"] == "Adviseur"
    assert {(g.nodes[u]["name"], v) for u, v, d in g.edges(data=True)
            if d["kind"] in ("HOLDS", "MEMBER_OF")} == {
        ("A. Jansen", "F1"), ("B. Smit", "F2"), ("Adviseur", "unit:ruimte"),
        ("Directeur", "unit:directie")}


def test_a_column_of_percentages_is_read_as_shares_of_a_post(tmp_path):
    """'Aanstelling %' holding 100, 80, 50 made posts of 100, 80 and 50 FTE,
    in silence.  A column whose name says percentages is read as them, said;
    one holding shares only (cells formatted as percentages keep 80% as
    0.8) is read as it is, said; a value of 1.5 or less among percentages
    could be either, and is not used, said."""
    posts = tmp_path / "formatie.csv"
    head = "Formatieplaats;Functie;Leidinggevende functie;Aanstelling %\n"
    posts.write_text(head + "F1;Directeur;;100\nF2;Adviseur;F1;80\nF3;Adviseur;F1;1\n",
                     encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("FTE read from the percentages in 'Aanstelling %' (100 is one full-time post)"
            in res.output)
    assert ("row 4: FTE '1' is in a column of percentages: 1% of a post, or a share of one (a "
            "cell formatted as a percentage keeps 100% as 1)? Write it as a percentage (100%): "
            "the post is kept without that FTE") in res.output
    n = orgmodel.load(tmp_path / "o").graph.nodes
    assert (n["F1"]["fte_min"], n["F2"]["fte_min"], "fte_min" in n["F3"]) == (1, 0.8, False)
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Formatieplaats", "Functie", "Leidinggevende functie", "Aanstelling %"])
    ws.append(["F1", "Directeur", None, 1])
    ws.append(["F2", "Adviseur", "F1", 0.8])
    for cell in ("D2", "D3"):
        ws[cell].number_format = "0%"
    wb.save(tmp_path / "formatie.xlsx")
    res = run("import", "posts", tmp_path / "formatie.xlsx", "--preset", "nl-hr", "--out",
              tmp_path / "x", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "'Aanstelling %' says percentages but holds shares of a post" in res.output
    n = orgmodel.load(tmp_path / "x").graph.nodes
    assert (n["F1"]["fte_min"], n["F2"]["fte_min"]) == (1, 0.8)


def test_a_column_of_hours_is_not_fte_without_the_full_time_week(tmp_path):
    """Without --full-time: a column of hours given with --fte is refused
    (its hours would be FTE), nothing written; one found by its name is not
    read, and the log says how to read it."""
    posts = _hours_file(tmp_path / "formatie.csv")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--fte", "Uren per week",
              "--out", tmp_path / "refused", "--lang", "en")
    assert res.exit_code == 1
    assert ("formatie.csv, row 1: the FTE column 'Uren per week' gives hours, not FTE: give "
            "this organisation's full-time week with --full-time HOURS") in res.output
    assert "Traceback" not in res.output and not (tmp_path / "refused").exists()
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("'Uren per week' gives hours per week, not FTE: not read (give this "
            "organisation's full-time week with --full-time HOURS to read it as FTE)") in \
        res.output
    n = orgmodel.load(tmp_path / "o").graph.nodes
    assert not any("fte_min" in n[p] for p in ("F1", "F2", "F3"))
    with pytest.raises(orgmodel.OrgModelError, match="full-time week"):
        orgmodel.read_posts(posts, preset="nl-hr", full_time=0)
    res = run("import", "posts", posts, "--preset", "nl-hr", "--full-time", "200",
              "--out", tmp_path / "x")
    # (in Dutch, as the import of a Dutch export speaks)
    assert res.exit_code == 2 and "hoogstens 168" in res.output


def test_a_file_without_a_holder_column_makes_no_people(tmp_path):
    """No holder column says nothing of holders: each post got a person
    "(name not disclosed)" holding it, as if every post were filled."""
    posts = tmp_path / "f.csv"
    posts.write_text("Formatieplaats;Functie;Leidinggevende\n1;Directeur;\n2;Adviseur;1\n",
                     encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "f.csv has no column of the holders: who holds each post, and whether it is " \
        "vacant, is not recorded" in res.output
    org = orgmodel.load(tmp_path / "o")
    assert sorted(d["kind"] for _, d in org.graph.nodes(data=True)) == ["Post", "Post"]
    assert not any(d.get("vacant") for _, d in org.graph.nodes(data=True))


def test_a_csv_export_with_a_separator_line_and_a_title(tmp_path):
    """Excel's ``sep=;`` line and a title above the header, in Windows-1252:
    the separator is the one named, the title left out and named."""
    posts = tmp_path / "formatie.csv"
    posts.write_bytes("sep=;\nFormatie per 1-1-2026;;;\n\nFormatieplaats;Functie;Medewerker;"
                      "Leidinggevende;FTE\n1;Secretaris;A. Bakker;;1\n2;Teamleider Financiën;"
                      "Vacature;1;0,8\n".encode("cp1252"))
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert "regel 2: boven de kopregel: 'Formatie per 1-1-2026'" in res.output
    # (the encoding it was read in is said, with a value to check it by)
    assert ("formatie.csv is geen UTF-8-tekst en wordt gelezen als Windows-1252 (het gewone "
            "CSV van Excel): in regel 6 staat dan 'Teamleider Financiën' in kolom 'Functie'"
            in res.output)
    n = orgmodel.load(tmp_path / "o").graph.nodes
    assert n["2"]["name"] == "Teamleider Financiën" and n["2"]["vacant"] is True
    assert n["2"]["fte_min"] == 0.8


def test_the_encoding_a_csv_file_is_read_in_is_said_only_when_it_is_not_utf8(tmp_path):
    """Windows-1252 decodes almost any bytes: a file from a Mac or in another
    code page would read with wrong letters, so the log says which encoding
    was taken and shows a value in it.  A UTF-8 file (the expected one) is
    not remarked on."""
    text = "Functienummer,Functienaam,Leidinggevende\nF1,Directeur,\nF2,Coördinator,F1\n"
    for encoding, said in (("cp1252", True), ("utf-8", False), ("utf-8-sig", False)):
        posts = tmp_path / f"{encoding}.csv"
        posts.write_bytes(text.encode(encoding))
        res = run("import", "posts", posts, "--preset", "nl-hr", "--out",
                  tmp_path / encoding, "--lang", "en")
        assert res.exit_code == 0, res.output
        line = (f"{encoding}.csv is not UTF-8 text and is read as Windows-1252 (Excel's plain "
                "CSV): row 3 reads 'Coördinator' in column 'Functienaam'")
        assert (line in res.output) is said, res.output
        assert (line in (tmp_path / encoding / "IMPORT.md").read_text(encoding="utf-8")) is said
        assert orgmodel.load(tmp_path / encoding).graph.nodes["F2"]["name"] == "Coördinator"


def test_columns_without_a_name_are_said_in_dutch_in_the_singular_and_plural(tmp_path):
    # (the Dutch log said 'kolom(men) 1, 4 heeft' for both)
    for cols, said in (("x", "kolom 4 heeft waarden"), ("x,y", "kolommen 4, 5 hebben waarden")):
        posts = tmp_path / f"{len(cols)}.csv"
        extra = ",".join("9" for _ in cols.split(","))
        posts.write_text("Functienummer,Functienaam,Leidinggevende" + "," * len(cols.split(","))
                         + f"\nF1,Directeur,,{extra}\nF2,Adviseur,F1,{extra}\n",
                         encoding="utf-8")
        res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / str(len(cols)))
        assert res.exit_code == 0, res.output
        assert f"{posts.name}: {said} maar geen naam in de kopregel: weggelaten" in res.output


def test_the_documented_sample_imports_as_the_docs_say(tmp_path):
    from conftest import ROOT
    out = tmp_path / "voorbeeld"
    res = run("import", "posts", ROOT / "docs" / "samples" / "formatie-voorbeeld.csv",
              "--preset", "nl-hr", "--name", "Gemeente Voorbeeld", "--out", out)
    assert res.exit_code == 0, res.output
    totals = orgmodel.totals(orgmodel.load(out))
    assert (totals["posts"], totals["vacant"], totals["people"]) == (6, 2, 4)


def test_the_command_line_offers_every_preset():
    from orgmodel.cli import cli
    from orgmodel.formats.posts import PRESETS
    option = next(p for p in cli.commands["import"].commands["posts"].params
                  if p.name == "preset")
    assert sorted(option.type.choices) == sorted(PRESETS)


def test_totals_rows_of_parts_are_left_out_and_not_set_beside_the_whole(tmp_path):
    """A totals row per unit ("Subtotaal Burgerzaken", "Totaal team B") became
    a top post holding the unit's FTE; only the grand total is set beside
    the FTE read, as a part's total cannot equal it."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Formatieplaats", "Functie", "Medewerker", "Leidinggevende functie", "FTE"])
    ws.append(["F1", "Directeur", "Anna de Vries", None, 1])
    ws.append(["F2", "Teammanager", "Bram Jansen", "F1", 1])
    ws.append(["Subtotaal Burgerzaken", None, None, None, 2])
    ws.append(["F3", "Adviseur", "Chris Bakker", "F1", "0,5"])
    ws.append(["Totaal team B", None, None, None, "0,5"])
    ws.append(["Eind totaal", None, None, None, "2,5"])
    wb.save(tmp_path / "f.xlsx")
    res = run("import", "posts", tmp_path / "f.xlsx", "--preset", "nl-hr", "--out",
              tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    for row, rid in ((4, "Subtotaal Burgerzaken"), (6, "Totaal team B"), (7, "Eind totaal")):
        assert f"row {row}: a totals row ('{rid}'), not a post" in res.output
    assert res.output.count("The totals row (") == 1
    assert "The totals row ('Eind totaal', row 7) gives 2.5 FTE, and the post rows read " \
        "hold 2.5 FTE\n" in res.output
    posts = [k for k, d in orgmodel.load(tmp_path / "o").graph.nodes(data=True)
             if d["kind"] == "Post"]
    assert sorted(posts) == ["F1", "F2", "F3"]


def test_a_holder_whose_name_starts_like_a_vacancy_is_a_person(tmp_path):
    """"Vacanti, M." (a surname) made the post vacant, since the holder
    started with "vacant"; "Vacature (in werving)" still does."""
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie;FTE\n"
                 "F1;Directeur;Vacanti, M.;;1\n"
                 "F2;Adviseur;Vacature (in werving);F1;1\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    g = orgmodel.load(tmp_path / "o").graph
    assert g.nodes["F2"].get("vacant") in (True, "true")
    assert not g.nodes["F1"].get("vacant")
    assert [d["name"] for _, d in g.nodes(data=True) if d["kind"] == "Person"] == ["Vacanti, M."]
    # a Dutch organisation cites its rows in Dutch ("posts line 2" before)
    assert g.nodes["F1"]["source"] == "functies regel 2"
    assert {d["source"] for _, _, d in g.edges(data=True)} == {"functies regel 2", "functies regel 3"}


def test_an_fte_written_with_its_unit_is_that_number(tmp_path):
    """"0,8 fte" was not a number: the post lost its FTE (said, but lost)."""
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie;FTE\n"
                 "F1;Directeur;Anna;;1 FTE\nF2;Adviseur;Bram;F1;0,8 fte\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0 and "geen getal" not in res.output, res.output
    g = orgmodel.load(tmp_path / "o").graph
    assert (g.nodes["F1"]["fte_min"], g.nodes["F2"]["fte_min"]) == (1.0, 0.8)


def test_columns_with_values_that_nothing_reads_are_named(tmp_path):
    """"Omvang formatie" and "Inzet fte" are no FTE column the preset
    knows: the import passed them over in silence, and the posts had no FTE.
    Each column with values that is not read is now named, with how to read
    it ("Formatie fte" the preset came to know: the post's share)."""
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie;Omvang formatie;"
                 "Inzet fte;Leeg\nF1;Directeur;Anna;;1;0,8;\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "- Columns not read: 'Omvang formatie', 'Inzet fte' (a column that holds what " \
        "orgmodel reads under another name is given with --id" in res.output
    assert "'Leeg'" not in res.output           # (a column without values says nothing)
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o2", "--lang",
              "en", "--fte", "Omvang formatie")
    assert "- Columns not read: 'Inzet fte' (" in res.output
    assert orgmodel.load(tmp_path / "o2").graph.nodes["F1"]["fte_min"] == 1.0


def test_one_posts_fte_written_with_thousands_is_not_a_thousand(tmp_path):
    """A Dutch export that writes FTE with three decimals and a point
    ("1.000", "0.889") was read under nl as 1000 FTE beside 0.889, in silence:
    no one post has thousands of FTE, so the cell is named and not used.  The
    totals row may have thousands; the same file under --locale en reads 1."""
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie;FTE\n"
                 "F1;Directeur;Anna;;1.000\nF2;Adviseur;Bram;F1;0.889\n"
                 "F3;Adviseur;Cas;F1;1.500,5\nTotaal;;;;1.002\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "row 2: FTE '1.000' is 1000 under nl, where '.' groups thousands: too many for one " \
        "post (if the file writes '.' as a decimal point, import it with --locale en): the " \
        "post is kept without that FTE" in res.output
    assert "row 4: FTE '1.500,5' is 1500.5 under nl" in res.output
    g = orgmodel.load(tmp_path / "o").graph
    assert "fte_min" not in g.nodes["F1"] and g.nodes["F2"]["fte_min"] == 0.889
    res = run("import", "posts", f, "--preset", "nl-hr", "--locale", "en", "--out",
              tmp_path / "en", "--lang", "en")
    g = orgmodel.load(tmp_path / "en").graph
    assert (g.nodes["F1"]["fte_min"], g.nodes["F2"]["fte_min"]) == (1.0, 0.889)
    # (and the export stays Dutch: its numbers written the English way do
    # not make its organisation English)
    assert g.nodes["F1"]["source"] == "functies regel 2"
    assert orgmodel.load(tmp_path / "en").manifest["language"] == "nl"


def test_a_superior_column_that_names_the_manager(tmp_path):
    """Many HR exports give the manager's name, not their post's number. It
    was refused row by row; --reports-to-by holder reads it: a name holding
    one post is that post (case, spaces and dots aside), a name holding two
    leaves the line out, said, and a name holding none is a superior not in
    the file, named, as before."""
    f = tmp_path / "hr.csv"
    f.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende;FTE\n"
                 "F1;Gemeentesecretaris;Anna de Vries;;1\n"
                 "F2;Teammanager;Bram Jansen;anna  de vries;1\n"
                 "F3;Medewerker;Vacature;Bram Jansen;1\n"
                 "F4;Teammanager Zorg;Cas Bos;Anna de Vries;1\n"
                 "F5;Adviseur;Cas Bos;Anna de Vries;0,2\n"
                 "F6;Consulent;Eva Kok;Cas Bos;1\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "ids", "--lang",
              "en")
    assert res.exit_code == 1
    assert "'Bram Jansen' holds post F2 (row 3): this column names the people holding the " \
        "superiors' posts, which --reports-to-by holder reads" in res.output
    res = run("import", "posts", f, "--preset", "nl-hr", "--reports-to-by", "holder", "--out",
              tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    line = {(u, v) for u, v, _ in orgmodel.load(tmp_path / "o").edges("REPORTS_TO")}
    assert line == {("F2", "F1"), ("F3", "F2"), ("F4", "F1"), ("F5", "F1")}
    assert "row 7: reports to 'Cas Bos', which names posts F4, F5: which is meant the file " \
        "does not say, so the line is left out" in res.output
    assert "Superiors read through the holder of their post (--reports-to-by holder): 4 lines" \
        in res.output
    # (the post is kept: its superior cell is what is not used, not its row)
    counts = orgmodel.load(tmp_path / "o").manifest["import"]
    assert (counts["rows_left_out"], counts["cells_not_used"]) == (0, 1)
    # (and --strict refuses what it leaves out)
    res = run("import", "posts", f, "--preset", "nl-hr", "--reports-to-by", "holder", "--strict",
              "--out", tmp_path / "s")
    assert res.exit_code == 1 and not (tmp_path / "s").exists()
    # a name no one holds is named, as any superior not in the file
    f.write_text(f.read_text(encoding="utf-8").replace("F6;Consulent;Eva Kok;Cas Bos",
                                                       "F6;Consulent;Eva Kok;Nemo"))
    res = run("import", "posts", f, "--preset", "nl-hr", "--reports-to-by", "holder", "--out",
              tmp_path / "n", "--lang", "en")
    assert res.exit_code == 1 and "post F6 reports to 'Nemo', which is the holder of no post" \
        in res.output
    # (a post's id is no name: the column was said to hold names)
    f.write_text(f.read_text(encoding="utf-8").replace("F6;Consulent;Eva Kok;Nemo",
                                                       "F6;Consulent;Eva Kok;F1"))
    res = run("import", "posts", f, "--preset", "nl-hr", "--reports-to-by", "holder", "--out",
              tmp_path / "i", "--lang", "en")
    assert res.exit_code == 1 and "post F6 reports to 'F1', which is the holder of no post in " \
        "the file" in res.output


def test_an_export_without_post_ids_each_row_a_post(tmp_path):
    """A list of employees with their manager's name and no post number was
    refused for its missing id column, with no way to read it. Now the
    refusal names --row-ids, and with it each row is a post (its id its row
    number), the line read through the manager's name; a heading row, a
    repeated header and a name on two posts are said, not made posts."""
    f = tmp_path / "hr.csv"
    f.write_text("Medewerker;Functie;Afdeling;Leidinggevende;FTE\n"
                 "Anna de Vries;Gemeentesecretaris;Directie;;1\n"
                 "Bram Jansen;Teammanager Burgerzaken;Burgerzaken;Anna de Vries;0,89\n"
                 "Vacature;Medewerker Burgerzaken;Burgerzaken;Bram Jansen;1\n"
                 "Eva Kok;Medewerker Burgerzaken;Burgerzaken;bram jansen;0,5\n"
                 ";;Afdeling Zorg;;\n"
                 "Medewerker;Functie;Afdeling;Leidinggevende;FTE\n"
                 "Cas Bos;Teammanager Zorg;Zorg;Anna de Vries;1\n"
                 "Cas Bos;Adviseur;Zorg;Anna de Vries;0,2\n"
                 "Dirk Mol;Consulent;Zorg;Cas Bos;1\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "ids", "--lang",
              "en")
    assert res.exit_code == 1 and not (tmp_path / "ids").exists()
    assert "has no column 'formatieplaats' for the post id" in res.output
    assert "read a file without post ids (a list of employees with their manager's name) with " \
        "--row-ids --reports-to-by holder" in res.output
    # (the superior column cannot give post ids the file does not have)
    res = run("import", "posts", f, "--preset", "nl-hr", "--row-ids", "--out", tmp_path / "r",
              "--lang", "en")
    assert res.exit_code == 1 and "--reports-to-by holder" in res.output
    assert "Traceback" not in res.output and not (tmp_path / "r").exists()
    res = run("import", "posts", f, "--preset", "nl-hr", "--row-ids", "--reports-to-by",
              "holder", "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "o")
    assert {p: org.graph.nodes[p]["name"] for p in org.ids("Post")} == {
        "R2": "Gemeentesecretaris", "R3": "Teammanager Burgerzaken",
        "R4": "Medewerker Burgerzaken", "R5": "Medewerker Burgerzaken",
        "R8": "Teammanager Zorg", "R9": "Adviseur", "R10": "Consulent"}
    line = {(u, v) for u, v, _ in org.edges("REPORTS_TO")}
    assert line == {("R3", "R2"), ("R4", "R3"), ("R5", "R3"), ("R8", "R2"), ("R9", "R2")}
    assert org.graph.nodes["R4"].get("vacant") is True
    assert "row 6: only column 'Afdeling' is filled in ('Afdeling Zorg'): a heading or a note, " \
        "not a post" in res.output
    assert "row 7: repeats the header row, not a post" in res.output
    assert "row 10: reports to 'Cas Bos', which names posts R8, R9" in res.output
    assert "each row is a post, its id its row number" in res.output
    assert "each row is a post, its id its row number" in \
        (tmp_path / "o" / "IMPORT.md").read_text(encoding="utf-8")
    # (an id column given beside --row-ids is refused, not passed over)
    res = run("import", "posts", f, "--preset", "nl-hr", "--row-ids", "--id", "Medewerker",
              "--reports-to-by", "holder", "--out", tmp_path / "d", "--lang", "en")
    assert res.exit_code == 1 and "--row-ids and --id" in res.output
    # (a junior-staff file names senior posts by id: refused with row ids)
    res = run("import", "posts", f, "--junior", f, "--preset", "nl-hr", "--row-ids",
              "--reports-to-by", "holder", "--out", tmp_path / "j", "--lang", "en")
    assert res.exit_code == 1 and "--row-ids and --junior" in res.output
    # (in Dutch, as a Dutch export is read)
    res = run("import", "posts", f, "--preset", "nl-hr", "--row-ids", "--reports-to-by",
              "holder", "--out", tmp_path / "nl")
    assert res.exit_code == 0, res.output
    assert "elke regel is een functie, met het regelnummer als id" in res.output
    # (two exports so read: diff does not match their posts on row numbers,
    # which pair unrelated posts once a row is added; it does on --key)
    g = tmp_path / "hr2.csv"
    g.write_text("Medewerker;Functie;Leidinggevende\nAnna de Vries;Gemeentesecretaris;\n"
                 "Bram Jansen;Teammanager;Anna de Vries\n", encoding="utf-8")
    h = tmp_path / "hr3.csv"
    h.write_text("Medewerker;Functie;Leidinggevende\nAnna de Vries;Gemeentesecretaris;\n"
                 "Karin Bos;Adviseur;Anna de Vries\nBram Jansen;Teammanager;Anna de Vries\n",
                 encoding="utf-8")
    for src, out in ((g, "d2"), (h, "d3")):
        assert run("import", "posts", src, "--preset", "nl-hr", "--row-ids", "--reports-to-by",
                   "holder", "--out", tmp_path / out).exit_code == 0
    dres = run("diff", tmp_path / "d2", tmp_path / "d3", "--lang", "en")
    assert dres.exit_code == 1 and "Traceback" not in dres.output
    assert "both models' post ids are the row numbers of the files they were imported from" \
        in dres.output and "--key name" in dres.output
    dres = run("diff", tmp_path / "d2", tmp_path / "d3", "--key", "name", "--lang", "en",
              "--format", "json")
    assert dres.exit_code == 0, dres.output
    assert "Posts: added 1, unchanged 2" in run("diff", tmp_path / "d2", tmp_path / "d3",
                                                 "--key", "name", "--lang", "en").output
    assert "alleen kolom 'Afdeling' is ingevuld ('Afdeling Zorg'): een kopje of een opmerking" in res.output


def test_a_superior_id_written_back_as_a_number_with_decimals(tmp_path):
    # (a spreadsheet or a script that read the ids as numbers writes 1001.0:
    # the line was refused as a superior not in the file)
    f = tmp_path / "f.csv"
    f.write_text("Formatieplaats;Functie;Leidinggevende functie;FTE\n1001;Directeur;;1\n"
                 "1002;Adviseur;1001.0;1\n1003;Adviseur;1001,00;1\n1004;Adviseur;1002.5;1\n",
                 encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o", "--lang",
              "en")
    # (1002.5 is no whole number: not read as any post)
    assert res.exit_code == 1 and "post 1004 reports to '1002.5', which is not a post" \
        in res.output
    f.write_text(f.read_text(encoding="utf-8").replace("1002.5", "1002.0"), encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o", "--lang",
              "en")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "o")
    assert {(u, v) for u, v, _ in org.edges("REPORTS_TO")} == {
        ("1002", "1001"), ("1003", "1001"), ("1004", "1002")}
    assert "Superiors written as a whole number with decimals ('1001.0'), as a spreadsheet " \
        "writes an id it took for a number: read as the post of that number (3 lines)" \
        in res.output
    # (and a junior-staff file's senior post so written)
    j = tmp_path / "j.csv"
    j.write_text("reports_to;grade;title;fte;unit\n1002.0;8;Medewerker;2;Team\n",
                 encoding="utf-8")
    res = run("import", "posts", f, "--junior", j, "--preset", "nl-hr", "--out",
              tmp_path / "j", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "Junior staff's senior posts written as a whole number with decimals ('1002.0'): " \
        "read as the post of that number (1 row)" in res.output


def test_post_ids_a_spreadsheet_wrote_as_numbers_with_decimals(tmp_path):
    """A senior-posts file whose every post id a script wrote back as a
    number (`405.0`, as pandas writes a column it read as floats), beside
    its junior-staff file that names the posts as published (`405`): the
    import was refused ("none of its rows names a senior post: the file of
    another organisation?"), and alone it made posts `405.0` that a user
    asks for as `405`. The ids are read as the whole numbers, the
    superiors' cells too, said; a column with any other id is as it was."""
    src = ROOT / "tests" / "fixtures" / "uk-organograms"
    senior = (src / "cabinet_office-2013-09-30-senior.csv").read_text("utf-8")
    head = senior.splitlines()[0].split(",")
    ref, sup = head.index("Post Unique Reference"), head.index("Reports to Senior Post")
    rows = list(csv.reader(io.StringIO(senior)))
    for row in rows[1:]:
        for i in (ref, sup):
            row[i] = row[i] + ".0" if row[i].isdigit() else row[i]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    f = tmp_path / "co-2013-09-30-senior.csv"
    f.write_text(out.getvalue(), encoding="utf-8")
    j = tmp_path / "co-2013-09-30-junior.csv"
    shutil.copy(src / "cabinet_office-2013-09-30-junior.csv", j)
    res = run("--lang", "en", "import", "posts", f, "--junior", j, "--preset", "uk-organogram",
              "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert "Post ids written as whole numbers with decimals ('2.0'), as a spreadsheet writes a " \
        "number: read as the whole numbers ('2'), in 'Post Unique Reference' and in the " \
        "superiors' cells that write them so" in res.output, res.output
    # the same model as the file as published gives
    res = run("--lang", "en", "import", "posts", src / "cabinet_office-2013-09-30-senior.csv",
              "--junior", j, "--preset", "uk-organogram", "--out", tmp_path / "p")
    assert res.exit_code == 0, res.output
    a, b = orgmodel.load(tmp_path / "o"), orgmodel.load(tmp_path / "p")
    assert sorted(a.ids("Post")) == sorted(b.ids("Post")) and "405" in a.ids("Post")
    assert sorted(a.edges("REPORTS_TO")) == sorted(b.edges("REPORTS_TO"))
    assert len(a.ids("Staff")) == len(b.ids("Staff")) > 700
    # an id of another form in the column: every id as written
    g = tmp_path / "g.csv"
    g.write_text("Formatieplaats;Functie;Leidinggevende functie;FTE\n1.0;Directeur;;1\n"
                 "1.1;Adviseur;1.0;1\n2.0;Adviseur;1.0;1\n", encoding="utf-8")
    res = run("import", "posts", g, "--preset", "nl-hr", "--out", tmp_path / "g", "--lang",
              "en")
    assert res.exit_code == 0, res.output
    assert sorted(orgmodel.load(tmp_path / "g").ids("Post")) == ["1.0", "1.1", "2.0"]
    assert "whole numbers with decimals" not in res.output
    # (three zeros may be a thousand written the Dutch way: not read as 1)
    g.write_text("Formatieplaats;Functie;Leidinggevende functie;FTE\n1.000;Directeur;;1\n"
                 "2.000;Adviseur;1.000;1\n", encoding="utf-8")
    res = run("import", "posts", g, "--preset", "nl-hr", "--out", tmp_path / "h", "--lang",
              "en")
    assert res.exit_code == 0, res.output
    assert sorted(orgmodel.load(tmp_path / "h").ids("Post")) == ["1.000", "2.000"]


def test_a_name_in_three_columns(tmp_path):
    """Dutch HR exports (AFAS, Youforce) write a name as Voornaam,
    Tussenvoegsel, Achternaam. Those columns were listed as not read, and
    "Vacature" in one of them made no vacancy: nobody held anything. Now the
    nl-hr preset joins them (an empty part left out), says so, and the
    manager's name is found through the joined names; --holder given again
    joins the columns given, each of which must be there."""
    f = tmp_path / "hr.csv"
    f.write_text("Formatieplaats;Functie;Voornaam;Tussenvoegsel;Achternaam;Leidinggevende;FTE\n"
                 "F1;Gemeentesecretaris;Anna;de;Vries;;1\n"
                 "F2;Teammanager;Bram;;Jansen;Anna de Vries;1\n"
                 "F3;Medewerker;Vacature;;;Bram Jansen;1\n"
                 "F4;Medewerker;Eva;van der;Kok;bram jansen;1\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--reports-to-by", "holder", "--out",
              tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "o")
    held = {p: h for h, p, _ in org.edges("HOLDS")}
    assert {p: org.graph.nodes[h]["name"] for p, h in held.items()} == {
        "F1": "Anna de Vries", "F2": "Bram Jansen", "F4": "Eva van der Kok"}
    assert org.graph.nodes["F3"].get("vacant") is True
    assert {(u, v) for u, v, _ in org.edges("REPORTS_TO")} == {
        ("F2", "F1"), ("F3", "F2"), ("F4", "F2")}
    assert "holder from 'Voornaam + Tussenvoegsel + Achternaam'" in res.output
    assert "The holders' names joined from the columns 'Voornaam', 'Tussenvoegsel', " \
        "'Achternaam', in that order" in res.output
    assert "Columns not read" not in res.output
    # (the columns named, in a file of no preset; one not there is refused)
    g = tmp_path / "plain.csv"
    g.write_text("id,reports_to,title,First,Last\n1,,Director,Ann,Lee\n2,1,Analyst,Bo,Ng\n",
                 encoding="utf-8")
    res = run("import", "posts", g, "--holder", "First", "--holder", "Last", "--out",
              tmp_path / "p")
    assert res.exit_code == 0, res.output
    names = {n for n, d in orgmodel.load(tmp_path / "p").graph.nodes(data=True)
             if d["kind"] == "Person"}
    assert names == {"person:ann-lee", "person:bo-ng"}
    res = run("import", "posts", g, "--holder", "First", "--holder", "Surname", "--out",
              tmp_path / "q")
    assert res.exit_code == 1 and "has no column 'Surname' for the holder" in res.output
    assert not (tmp_path / "q").exists()
    res = run("import", "posts", g, "--holder", "First", "--holder", "first", "--out",
              tmp_path / "q")
    assert res.exit_code == 1 and "the column 'First' is given twice as a part of the " \
        "holder's name" in res.output and not (tmp_path / "q").exists()
    # (in Dutch, as a Dutch export is read)
    res = run("import", "posts", f, "--preset", "nl-hr", "--reports-to-by", "holder", "--out",
              tmp_path / "nl")
    assert "De namen van de bekleders samengevoegd uit de kolommen 'Voornaam'" in res.output


def test_the_nl_hr_columns_the_docs_list_are_the_ones_read(tmp_path):
    # (a user looks up in docs/importing.md which column names the preset
    # reads: the table lists each the preset has, and no other)
    from orgmodel.formats.posts import PRESETS
    docs = (ROOT / "docs" / "importing.md").read_text(encoding="utf-8")
    rows = {"post id": "id", "superior": "reports_to", "job title": "title",
            "holder": "holder", "unit": "unit", "FTE": "fte", "grade": "grade",
            "hours per week (read as FTE over `--full-time`)": "hours",
            "holder's FTE (a *bezetting* beside the post's *formatie*)": "holder_fte"}
    for what, field in rows.items():
        line = next(x for x in docs.splitlines() if x.startswith(f"| {what} |"))
        listed = re.findall(r"`([^`]+)`", line.split(";")[0].split("|")[2])
        assert listed == getattr(PRESETS["nl-hr"].senior, field).split("|"), what
    # (and the names exports use beside the first ones are read)
    f = tmp_path / "hr.csv"
    f.write_text("Formatieplaats;Functie;Volledige naam;Naam leidinggevende;Afdeling/team;FTE\n"
                 "F1;Gemeentesecretaris;Anna de Vries;;Directie;1\n"
                 "F2;Teammanager;Bram Jansen;Anna de Vries;Burgerzaken;1\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--reports-to-by", "holder", "--out",
              tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "superior from 'Naam leidinggevende'; job title from 'Functie'; holder from " \
        "'Volledige naam'; unit from 'Afdeling/team'" in res.output
    # (government's words for the one in a post, a unit's wider level where
    # the file has no narrower, a grade's and a cost centre's number: each
    # was a column not read, the holders not recorded)
    f.write_text("Formatieplaats;Functie;Leidinggevende;Sector;Functionaris;Schaalnummer;"
                 "Kostenplaatsnummer\nF1;Directeur;;Bestuur;Anna;16;100\n"
                 "F2;Adviseur;F1;Fysiek;Bram;10;200\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "gov",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "holder from 'Functionaris'; unit from 'Sector'; grade from 'Schaalnummer'; cost " \
        "centre from 'Kostenplaatsnummer'" in res.output and "not read" not in res.output


def test_a_superior_column_that_gives_another_key_of_the_superiors_row(tmp_path):
    """An export whose manager column holds the manager's personeelsnummer:
    --reports-to-by personeelsnummer reads it through that column; a column
    not in the file is refused naming the columns there are."""
    f = tmp_path / "hr.csv"
    f.write_text("Formatieplaats;Personeelsnummer;Functie;Medewerker;Leidinggevende\n"
                 "F1;00101;Secretaris;Anna;\nF2;00102;Teammanager;Bram;00101\n"
                 "F3;00103;Medewerker;Cas;00102\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--reports-to-by", "Personeelsnummer",
              "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert {(u, v) for u, v, _ in orgmodel.load(tmp_path / "o").edges("REPORTS_TO")} == \
        {("F2", "F1"), ("F3", "F2")}
    assert "Superiors read through the column 'Personeelsnummer' of their post " \
        "(--reports-to-by Personeelsnummer): 2 lines" in res.output
    # (the column is read, not listed among the columns nothing reads)
    assert "superior's key from 'Personeelsnummer'" in res.output
    assert "Columns not read" not in res.output
    # without it, the refusal says what the value is and how to read it
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "no", "--lang", "en")
    assert res.exit_code == 1
    assert "'00101' is the 'Personeelsnummer' of post F1 (row 2): --reports-to-by " \
        "Personeelsnummer reads the superior column through it" in res.output
    res = run("import", "posts", f, "--preset", "nl-hr", "--reports-to-by", "Stamnummer",
              "--out", tmp_path / "x", "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "x").exists()
    assert "has no column 'Stamnummer' for the superior's key (--reports-to-by)" in res.output


def test_a_date_written_out_in_the_files_name(tmp_path):
    """"formatie per 1 januari 2026.xlsx" gave no date: only numbers were
    looked for. A day, a month's name (Dutch or English, whole or short) and
    a year are a date, said in the log."""
    f = tmp_path / "formatie per 1 januari 2026.csv"
    f.write_text("Formatieplaats;Functie;Medewerker;Leidinggevende functie\nF1;Secretaris;Anna;\n",
                 encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    assert orgmodel.load(tmp_path / "o").manifest["date"] == "2026-01-01"
    assert "De datum 1 januari 2026 is gelezen uit de naam van het bestand ('1 januari 2026')" in \
        res.output


def test_an_fte_written_as_a_range_is_that_range(tmp_path):
    """'2 - 3' in the FTE column of a redesign's sheet (a formation of two to
    three FTE, as the sources write one) was 'not a number' and the post kept
    without its FTE; a folder's '2-3' was a range. It is now the same range."""
    text = ("Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE\n"
            "F1;Directeur;;A. Top;1\nF2;Adviseurs;F1;;2 - 3\nF3;Adviseur;F1;B. Bos;0,5-1\n"
            "F4;Adviseur;F1;C. Bos;50-80%\nF5;Adviseur;F1;D. Bos;1-0,5\n"
            "F6;Adviseur;F1;E. Bos;1-1-2026\nTotaal;;;;5\n")
    res, g = _imported_nl(tmp_path, text)
    fte = {p: (g.nodes[p].get("fte_min"), g.nodes[p].get("fte_max")) for p in g
           if g.nodes[p]["kind"] == "Post"}
    assert fte == {"F1": (1.0, 1.0), "F2": (2.0, 3.0), "F3": (0.5, 1.0), "F4": (0.5, 0.8),
                   "F5": (None, None), "F6": (None, None)}
    assert "row 6: FTE '1-0,5' is a range whose first number is the larger" in res.output
    assert "row 7: FTE '1-1-2026' is not a number" in res.output
    # what the holder of a post of 0,5 to 1 FTE works, the row does not say
    holds = {v: e.get("fte_max") for _, v, e in g.edges(data=True) if e["kind"] == "HOLDS"}
    assert holds["F3"] is None and holds["F1"] == 1.0
    assert ("The totals row ('Totaal', row 8) gives 5 FTE, and the post rows read hold from 4 "
            "to 5.8 FTE") in res.output and "they differ" not in res.output
    tot = orgmodel.totals(orgmodel.load(tmp_path / "o"))
    assert (tot["fte_min"], tot["fte_max"]) == (4.0, 5.8)
    # a holder works one FTE: a range in the holder's own column is not read
    (tmp_path / "b").mkdir()
    res, g = _imported_nl(tmp_path / "b", "Formatieplaats;Functie;Leidinggevende;Medewerker;FTE;Bezetting fte\n"
                          "F1;Directeur;;A. Top;1;0,5-1\n")
    assert "row 2: holder's FTE '0,5-1' is a range, where one number is read" in res.output
    assert [e.get("fte_max") for *_, e in g.edges(data=True)] == [None]


def test_each_holders_fte_written_in_one_cell(tmp_path):
    """'0,6 / 0,4' beside 'K. Smit / L. de Boer' was read as hours over the
    week: 1.5 FTE for a post of one, and neither holder had a share.  Each
    holder now has their own share and the post their sum, said; shares that
    do not match the names, or that no person works, are listed, not read."""
    text = ("Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE\n"
            "F1;Directeur;;A. Top;1\nF2;Adviseur;F1;K. Smit / L. de Boer;0,6 / 0,4\n"
            "F3;Adviseur;F1;V. Wit & X. IJs;\"0,5; 0,3\"\nF4;Adviseur;F1;M. Een;0,6/0,4\n"
            "F5;Adviseur;F1;P. Q / R. S;18 / 18\nF6;Adviseur;F1;T. U;32/36\n"
            "F7;Adviseur;F1;Vacature;0,5 + 0,5\n")
    res, g = _imported_nl(tmp_path, text)
    assert ("FTE written per holder in one cell ('0,6 / 0,4'): each holder their share, the post "
            "their sum (2 cells)") in res.output
    assert ("row 5: FTE '0,6/0,4' gives 2 shares, one for each holder, and the holder's cell "
            "('M. Een') names 1 person: whose share is which") in res.output
    assert "row 6: FTE '18 / 18' gives a holder more than one person can work" in res.output
    assert "row 8: FTE '0,5 + 0,5' gives 2 shares" in res.output
    fte = {p: g.nodes[p].get("fte_min") for p in ("F2", "F3", "F4", "F5", "F6", "F7")}
    assert fte == {"F2": 1.0, "F3": 0.8, "F4": None, "F5": None, "F6": 0.888889, "F7": None}
    holds = {(g.nodes[u]["name"], v): d.get("fte_min") for u, v, d in g.edges(data=True)
             if d["kind"] == "HOLDS"}
    assert (holds["K. Smit", "F2"], holds["L. de Boer", "F2"]) == (0.6, 0.4)
    assert (holds["V. Wit", "F3"], holds["X. IJs", "F3"]) == (0.5, 0.3)
    assert holds["P. Q", "F5"] is None and holds["T. U", "F6"] == 0.888889


def test_a_missing_column_is_said_on_the_header_row_with_the_column_it_may_be(tmp_path):
    """'Leidinggevende (plaats-nr.)' under two title rows: the refusal named
    row 1 and the column as 'leidinggevende_(plaats-nr.)'.  It names the
    header's row and the file's own names, and the column that may be meant,
    with how to give it; given so, the import reads it."""
    posts = tmp_path / "formatie.csv"
    posts.write_text("Formatie Gemeente Zuidrand;;;\nPeildatum 1-1-2026;;;\n"
                     "Functienummer;Functie;Leidinggevende (plaats-nr.);Medewerker\n"
                     "F1;Directeur;;A. Top\nF2;Adviseur;F1;B. Bos\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "o").exists()
    assert ("formatie.csv, row 3: has no column 'leidinggevende functie' for the superior "
            "(columns: Functienummer, Functie, Leidinggevende (plaats-nr.), Medewerker): "
            "'Leidinggevende (plaats-nr.)' may be it; give it with --reports-to "
            "'Leidinggevende (plaats-nr.)'") in res.output
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--reports-to", "Leidinggevende (plaats-nr.)", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "superior from 'Leidinggevende (plaats-nr.)'" in res.output
    assert {(u, v) for u, v, d in orgmodel.load(tmp_path / "o").graph.edges(data=True)
            if d["kind"] == "REPORTS_TO"} == {("F2", "F1")}
    # ('Leidinggevende (functienr.)' is one of the names the preset reads)
    posts.write_text(posts.read_text(encoding="utf-8").replace("plaats-nr.", "functienr."),
                     encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o2",
              "--lang", "en")
    assert res.exit_code == 0 and "superior from 'Leidinggevende (functienr.)'" in res.output
    # ('Valt onder' may give the superior's post, or the unit: offered, never read as it)
    posts.write_text(posts.read_text(encoding="utf-8").replace("Leidinggevende (functienr.)",
                                                              "Valt onder"), encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o3",
              "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "o3").exists()
    assert "'Valt onder' may be it; give it with --reports-to 'Valt onder'" in res.output


def test_a_totals_row_in_the_title_column_is_no_post_left_out(tmp_path):
    """'Totaal Ruimte' in the title column of a row without an id was 'a row
    without a post id', its FTE counted among the FTE left out (the posts'
    FTE again).  It is a totals row."""
    res, _ = _imported_nl(tmp_path, "Formatieplaats;Functie;Leidinggevende functie;Medewerker;"
                          "FTE\nF1;Directeur;;A. Top;1\nF2;Adviseur;F1;B. Bos;0,8\n"
                          ";Totaal Ruimte;;;1,8\n;Adviseur;F1;C. Dam;0,5\n")
    assert "row 4: a totals row ('Totaal Ruimte'), not a post" in res.output
    assert "row 5: no post id" in res.output
    assert "Totaal Ruimte" not in (tmp_path / "o" / "nodes.csv").read_text(encoding="utf-8")
    assert orgmodel.load(tmp_path / "o").manifest["import"]["fte_left_out"] == 0.5


def test_a_units_levels_in_columns_of_their_own(tmp_path):
    """'Sector', 'Afdeling' and 'Team' side by side: the import read one of
    them, so 'Beleid en Advies' of Ruimte and of Samenleving were one unit,
    and the teams were not read at all (listed as columns not read).  Given
    as levels, each unit is in the one before it on its row, a post in the
    narrowest its row names, and the formation rolls teams up into them."""
    text = ("Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE;Sector;Afdeling;Team\n"
            "F1;Gemeentesecretaris;;A. Top;1;Directie;;\n"
            "F2;Afdelingshoofd;F1;B. Bos;1;Ruimte;;\n"
            "F3;Teamleider;F2;C. Dam;1;Ruimte;Beleid en Advies;Beleid\n"
            "F4;Adviseur;F3;D. Eik;0,8;Ruimte;Beleid en Advies;Beleid\n"
            "F5;Adviseur;F1;E. Fok;1;Samenleving;Beleid en Advies;Beleid\n"
            "F6;Jurist;F2;F. Gans;1;Ruimte;Juridisch;\n")
    res, g = _imported_nl(tmp_path, text)
    assert ("Units read from 'Afdeling' only: 'Sector', 'Team' name units too; give a unit's "
            "levels with --unit for each, the widest first (in the file's order: --unit "
            "'Sector' --unit 'Afdeling' --unit 'Team')") in res.output
    posts = tmp_path / "formatie.csv"
    res = run("import", "posts", posts, "--preset", "nl-hr", "--unit", "Sector", "--unit",
              "Afdeling", "--unit", "Team", "--out", tmp_path / "levels", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("Units read from the columns 'Sector' > 'Afdeling' > 'Team', the widest first") \
        in res.output
    org = orgmodel.load(tmp_path / "levels")
    g = org.graph
    within = {(g.nodes[u]["name"], g.nodes[v]["name"]) for u, v, d in g.edges(data=True)
              if d["kind"] == "MEMBER_OF" and g.nodes[u]["kind"] == "Team"}
    assert within == {("Beleid en Advies", "Ruimte"), ("Beleid", "Beleid en Advies"),
                      ("Beleid en Advies", "Samenleving"), ("Juridisch", "Ruimte")}
    unit = {u: g.nodes[v]["name"] for u, v, d in g.edges(data=True)
            if d["kind"] == "MEMBER_OF" and g.nodes[u]["kind"] == "Post"}
    assert unit == {"F1": "Directie", "F2": "Ruimte", "F3": "Beleid", "F4": "Beleid",
                    "F5": "Beleid", "F6": "Juridisch"}
    assert sum(1 for _, d in g.nodes(data=True) if d.get("name") == "Beleid en Advies") == 2
    units = orgmodel.formation(org).set_index("name")
    ruimte = units.loc["Ruimte"]
    assert (ruimte["posts"], ruimte["fte_min"]) == (4, 3.8)
    res = run("import", "posts", posts, "--preset", "nl-hr", "--unit", "Team", "--unit",
              "team", "--out", tmp_path / "twice", "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "twice").exists()
    assert "the column 'Team' is given twice as a unit's level (--unit)" in res.output


def test_a_formatie_list_without_reporting_lines(tmp_path):
    """A formatie list by unit, with no superior column, was refused for the
    missing column.  The refusal says how to read it; with --no-line its
    posts are read in their units without a line, no post a top, and
    `layers` places none of them (it made each a top of layer 1)."""
    posts = tmp_path / "formatie.csv"
    posts.write_text("Formatieplaats;Functie;Afdeling;Team;Medewerker;FTE\n"
                     "F1;Gemeentesecretaris;Directie;;A. Top;1\n"
                     "F2;Teamleider;Ruimte;Beleid;B. Bos;1\nF3;Adviseur;Ruimte;Beleid;C. Dam;0,8\n",
                     encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 1 and not (tmp_path / "o").exists()
    assert "(a file without reporting lines, a formatie list by unit, is read with --no-line)" \
        in res.output
    res = run("import", "posts", posts, "--preset", "nl-hr", "--no-line", "--out",
              tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "- Tops (0): none." in res.output
    assert "No reporting lines read (--no-line): no post is placed in a line" in res.output
    org = orgmodel.load(tmp_path / "o")
    assert not [e for e in org.graph.edges(data=True) if e[2]["kind"] == "REPORTS_TO"]
    assert orgmodel.formation(org).set_index("name").loc["Ruimte", "posts"] == 2
    lay = orgmodel.layering(org)
    assert lay.depth == 0 and lay.frame["layer"].isna().all()
    res = run("layers", "--org", tmp_path / "o", "--lang", "en")
    assert "Not placed in the line (no reporting line recorded above or below): " \
        "Gemeentesecretaris, Teamleider, Adviseur; they have no layer." in res.output
    res = run("import", "posts", posts, "--preset", "nl-hr", "--no-line", "--reports-to-by",
              "holder", "--out", tmp_path / "p", "--lang", "en")
    assert res.exit_code != 0 and not (tmp_path / "p").exists()
    assert "--no-line and --reports-to-by holder" in res.output


def test_a_header_cell_written_on_two_lines_is_named_on_one(tmp_path):
    """Excel's Alt+Enter in a header cell ('Leidinggevende' over 'functie')
    broke the log's list of columns over two lines; the column is named on
    one line, and given so, it is found."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Formatie-\nplaats", "Functie", "Leidinggevende\nfunctie", "Medewerker"])
    ws.append(["F1", "Directeur", None, "A. Top"])
    ws.append(["F2", "Adviseur", "F1", "B. Bos"])
    wb.save(tmp_path / "f.xlsx")
    res = run("import", "posts", tmp_path / "f.xlsx", "--preset", "nl-hr", "--id",
              "Formatie- plaats", "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("- Columns read: post id from 'Formatie- plaats'; superior from 'Leidinggevende "
            "functie';") in res.output


@pytest.mark.parametrize("option", ["--id", "--unit", "--fte", "--reports-to"])
def test_a_column_option_given_empty_names_no_column(tmp_path, option):
    """`--unit ""` (a shell variable left empty) was refused as a column ''
    that the file lacks; it is a usage error that says what is wrong."""
    posts = tmp_path / "formatie.csv"
    posts.write_text("Formatieplaats;Functie;Leidinggevende functie\nF1;Directeur;\n",
                     encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", option, " ", "--out",
              tmp_path / "o", "--lang", "en")
    assert res.exit_code == 2 and not (tmp_path / "o").exists()
    assert (f"Invalid value for '{option}': names no column: give the column's name as the "
            "file's header writes it") in res.output


def test_the_holders_own_fte_beside_the_posts(tmp_path):
    """A 'Formatie en bezetting' export gives the post's FTE and the
    holder's side by side: the holder was given the post's.  With
    --holder-fte the holder has their own (a share each for two), the post
    keeps its formatie, and a cell that is no FTE is said."""
    text = ("Formatieplaats;Functie;Leidinggevende functie;Medewerker;Formatie (fte);"
            "Bezetting (fte)\nF1;Directeur;;A. Top;1;1\nF2;Adviseur;F1;B. Bos;1;0,8\n"
            "F3;Adviseur;F1;C. Dam / D. Eik;1;0,5 / 0,4\nF4;Adviseur;F1;Vacature;1;0\n"
            "F5;Adviseur;F1;E. Fok;1;een\nF6;Adviseur;F1;G. Hal;0,9;\n")
    # (the preset reads a column whose name says the holder's FTE; one named
    # "Bezetting" alone may name the person, and is not read as FTE)
    (tmp_path / "plain").mkdir()
    res, g = _imported_nl(tmp_path / "plain", text.replace("Bezetting (fte)", "Bezetting"))
    assert "- Columns not read: 'Bezetting'" in res.output
    assert {g.nodes[u]["name"]: d.get("fte_min") for u, v, d in g.edges(data=True)
            if d["kind"] == "HOLDS" and v == "F2"} == {"B. Bos": 1.0}
    res, g = _imported_nl(tmp_path, text)
    assert "holder's FTE from 'Bezetting (fte)'" in res.output
    assert {g.nodes[u]["name"]: d.get("fte_min") for u, v, d in g.edges(data=True)
            if d["kind"] == "HOLDS" and v == "F2"} == {"B. Bos": 0.8}
    posts = tmp_path / "formatie.csv"
    res = run("import", "posts", posts, "--preset", "nl-hr", "--holder-fte", "Bezetting (fte)",
              "--out", tmp_path / "b", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "holder's FTE from 'Bezetting (fte)'" in res.output
    assert ("Holders' FTE written per holder in one cell ('0,5 / 0,4'): each holder their share "
            "(1 cell)") in res.output
    assert "row 6: holder's FTE 'een' is not a number: the holders are kept without it" \
        in res.output
    g = orgmodel.load(tmp_path / "b").graph
    holds = {g.nodes[u]["name"]: d.get("fte_min") for u, v, d in g.edges(data=True)
             if d["kind"] == "HOLDS"}
    assert holds == {"A. Top": 1.0, "B. Bos": 0.8, "C. Dam": 0.5, "D. Eik": 0.4,
                     "E. Fok": None, "G. Hal": None}
    assert [g.nodes[p]["fte_min"] for p in ("F2", "F3", "F6")] == [1.0, 1.0, 0.9]


def test_a_posts_fte_on_each_row_of_its_holders_read_once(tmp_path):
    """A Youforce-like export writes a post of 2 FTE held by two people on
    two rows, each with the post's `Formatie fte` (2,00) and the holder's own
    `Bezetting fte`. The post's 2 FTE was taken as each row's share: more
    than one person works, so both were dropped and the post had no FTE
    (the job share "0 fte"). Beside the holders' own column it is now the
    post's, read once; rows that give different ones are said; a post of
    2 FTE held by one person at 0,89 is no error."""
    text = ("Formatieplaats;Omschrijving formatieplaats;Hoofd formatieplaats;Naam bezetter;"
            "Formatie fte;Bezetting fte\n"
            "FP1;Gemeentesecretaris;;P. Jansen;1,00;1,00\n"
            "FP3;Vergunningverlener;FP1;K. Bakker;2,00;0,89\n"
            "FP3;Vergunningverlener;FP1;S. Smit;2,00;0,89\n"
            "FP4;Beleidsmedewerker;FP1;A. Berg;2,00;0,89\n"
            "FP5;Adviseur;FP1;B. Dijk;1,00;0,5\n"
            "FP5;Adviseur;FP1;C. Eik;1,50;0,5\n"
            "FP6;Jurist;FP1;D. Fok;1,00;0,5\n"
            "FP6;Jurist;FP1;E. Gans;;0,5\n")
    res, g = _imported_nl(tmp_path, text)
    fte = {p: g.nodes[p].get("fte_min") for p in ("FP3", "FP4", "FP5", "FP6")}
    assert fte == {"FP3": 2.0, "FP4": 2.0, "FP5": None, "FP6": 1.0}, fte
    assert "FP3 on rows 3, 4, 2 FTE" in res.output
    assert ("row 6: the post's FTE differs between its rows ('1,00', '1,50', rows 6, 7), beside "
            "the holders' own in 'Bezetting fte': which is the post's, the file does not say"
            ) in res.output
    assert "can work" not in res.output
    holds = {g.nodes[u]["name"]: d.get("fte_min") for u, v, d in g.edges(data=True)
             if d["kind"] == "HOLDS" and v == "FP3"}
    assert holds == {"K. Bakker": 0.89, "S. Smit": 0.89}
    assert "één keer gelezen" in g.nodes["FP3"]["note"]


def test_a_spreadsheet_error_in_a_column_read_is_refused(tmp_path):
    """A formula that did not compute leaves its error in the cell: '#N/A'
    from a lookup in the holder's column became a person '#N/A' holding the
    post, '#REF!' as the superior a post outside the organisation (with
    --unknown-superior external).  Refused, naming the column, row, error
    and how many, in Excel's Dutch words too (a Dutch Excel's CSV holds
    '#N/B'); an error in a column not read is left alone; nothing written."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Formatieplaats", "Functie", "Leidinggevende functie", "FTE", "Medewerker",
               "Opmerking"])
    ws.append(["F1", "Directeur", None, 1, "Anna", "#N/A"])
    ws.append(["F2", "Adviseur", "F1", 0.8, "#N/A", None])
    ws.append(["F3", "Adviseur", "#REF!", 1, "Bob", None])
    ws["E3"].data_type = ws["C4"].data_type = "e"
    book = tmp_path / "formatie.xlsx"
    wb.save(book)
    res = run("import", "posts", book, "--preset", "nl-hr", "--unknown-superior", "external",
              "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 1 and "formatie.xlsx, row 3: column 'Medewerker' holds the " \
        "spreadsheet error '#N/A' (2 cells hold one): a formula that did not compute" \
        in res.output, res.output
    assert not (tmp_path / "o").exists()
    ws["E3"].value, ws["C4"].value = "Cees", "F1"
    ws["E3"].data_type = ws["C4"].data_type = "s"
    wb.save(book)
    res = run("import", "posts", book, "--preset", "nl-hr", "--out", tmp_path / "o")
    assert res.exit_code == 0 and "'Opmerking'" in res.output, res.output     # (not read)
    posts = tmp_path / "formatie.csv"
    posts.write_text("Formatieplaats;Functie;Leidinggevende functie;FTE;Medewerker\n"
                     "F1;Directeur;;1;Anna\nF2;Adviseur;#VERW!;1;Bob\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "p")
    assert res.exit_code == 1 and "formatie.csv, regel 3: kolom 'Leidinggevende functie' " \
        "bevat de spreadsheetfout '#VERW!': een formule die niet uitgerekend kon worden" \
        in res.output, res.output
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize("text,locale,value", [
    ("max. € 10.000", "nl", 10_000.0), ("maximaal € 1,5 miljoen", "nl", 1_500_000.0),
    ("t/m € 25.000,-", "nl", 25_000.0), ("tot en met 25.000", "nl", 25_000.0),
    ("≤ 5000", None, 5000.0), ("up to and including €25,000", "en", 25_000.0),
    ("tot € 50.000", "nl", "'tot' laat het open"), ("< 5000", None, "'<' sluit het uit"),
    ("€ 25.000 per jaar", "nl", "een bedrag met 'per jaar' erachter"),
    ("€ 2 mln excl. btw", "nl", "een bedrag met 'excl. btw' erachter"),
    ("€ 10.000 - € 50.000", "nl", "is een bandbreedte"), ("totaal € 5.000", "nl", "geen getal"),
    ("€ 25 duizend", "nl", 25_000.0), ("25k", "nl", 25_000.0), ("max. € 7,5K", "nl", 7_500.0),
    ("25 thousand", "en", 25_000.0), ("vanaf € 5.000", "nl", "is een ondergrens"),
    ("> 5.000", "nl", "is een ondergrens"), ("more than 5,000", "en", "is een ondergrens"),
    ("over 3 jaar", "nl", "geen getal"), ("€ 25.000 per besluit", "nl", 25_000.0),
    ("max. €25,000 per decision", "en", 25_000.0),
])
def test_a_ceiling_in_a_registers_words(text, locale, value):
    """A ceiling written with the words a register puts before or after it,
    in a folder's edges.csv as in a register: an upper bound that includes
    the amount is read, with a scale word after it ('25 duizend', '25k');
    'tot' (open), '<' (excluded), a range, a floor alone ('vanaf', '>') and
    words after the amount are refused, saying why (they were 'is not a
    number', or, had only the number been read, a different mandate;
    '25 duizend' was an amount with a condition after it)."""
    from orgmodel.i18n import translator
    from orgmodel.validate import parse_cell
    if isinstance(value, float):
        assert parse_cell("ceiling", text, locale) == value
        return
    with pytest.raises(InputError) as exc:
        parse_cell("ceiling", text, locale)
    assert value in translator("nl")(exc.value.args[0]), translator("nl")(exc.value.args[0])


def test_an_afas_export_of_numbers_names_and_functieomschrijving(tmp_path):
    """An AFAS export: `Medewerker` is the employee's number and `Naam` the
    name, the job title is `Functieomschrijving`, and the manager is named.
    The numbers were read as the holders (so no manager's name was found),
    the titles were not read, and the top, with no title and no manager, was
    left out as a heading. Now the names are the holders (said), the titles
    are read, and the top is a post."""
    f = tmp_path / "afas.csv"
    f.write_text("Medewerker;Naam;Functieomschrijving;Organisatorische eenheid;"
                 "Leidinggevende;Werktijdfactor\n"
                 "1001;Jansen, Piet;Gemeentesecretaris;Directie;;1,0000\n"
                 "1002;de Vries, Anna;Afdelingshoofd Ruimte;Ruimte;Jansen, Piet;1,0000\n"
                 "1003;Bakker, Kees;Vergunningverlener;Ruimte;de Vries, Anna;0,8889\n"
                 "Vacature;;Beleidsmedewerker;Ruimte;de Vries, Anna;0,5556\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--row-ids", "--reports-to-by",
              "holder", "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "Holders read from 'Naam': 'Medewerker' holds numbers only (a personnel number, not " \
        "a name); give --holder 'Medewerker' to read them as the holders" in res.output
    org = orgmodel.load(tmp_path / "o")
    posts = {p: org.graph.nodes[p]["name"] for p in org.ids("Post")}
    assert posts == {"R2": "Gemeentesecretaris", "R3": "Afdelingshoofd Ruimte",
                     "R4": "Vergunningverlener", "R5": "Beleidsmedewerker"}, posts
    assert {(u, v) for u, v, _ in org.edges("REPORTS_TO")} == \
        {("R3", "R2"), ("R4", "R3"), ("R5", "R3")}
    people = {org.graph.nodes[u]["name"] for u, _, _ in org.edges("HOLDS")}
    assert people == {"Jansen, Piet", "de Vries, Anna", "Bakker, Kees"}
    # a name in parts beside the number is the holder too
    g = tmp_path / "delen.csv"
    g.write_text("Formatieplaats;Medewerker;Roepnaam;Achternaam;Functie;Leidinggevende functie\n"
                 "F1;1001;Piet;Jansen;Directeur;\nF2;1002;Anna;de Vries;Adviseur;F1\n",
                 encoding="utf-8")
    res = run("import", "posts", g, "--preset", "nl-hr", "--out", tmp_path / "d", "--lang", "en")
    assert res.exit_code == 0 and "Holders read from 'Roepnaam + Achternaam'" in res.output, \
        res.output
    org = orgmodel.load(tmp_path / "d")
    assert {org.graph.nodes[u]["name"] for u, _, _ in org.edges("HOLDS")} == \
        {"Piet Jansen", "Anna de Vries"}
    # numbers with no names beside them, or asked for, are the holders
    for extra, h in (((), "1001"), (("--holder", "Medewerker"), "1001")):
        src = g if extra else tmp_path / "nummers.csv"
        if not extra:
            src.write_text("Formatieplaats;Medewerker;Functie;Leidinggevende functie\n"
                           "F1;1001;Directeur;\nF2;1002;Adviseur;F1\n", encoding="utf-8")
        out = tmp_path / f"n{len(extra)}"
        res = run("import", "posts", src, "--preset", "nl-hr", *extra, "--out", out)
        assert res.exit_code == 0 and "holds numbers only" not in res.output, res.output
        names = {orgmodel.load(out).graph.nodes[u]["name"]
                 for u, _, _ in orgmodel.load(out).edges("HOLDS")}
        assert h in names, names


def test_a_unit_column_written_as_paths(tmp_path):
    """`Ruimte / Vergunningen` in an `Afdeling` column is a team inside an
    afdeling, which one column writes as a path: it was read as a unit of its
    own, beside `Ruimte`, and `Ruimte`'s formation left out its teams. The
    log now names such cells (their first part a unit of the column too: a
    name with a slash, `Juridische Zaken/Inkoop`, is not), and --unit-path
    reads each part as a unit inside the one before."""
    f = tmp_path / "paden.csv"
    f.write_text("Formatieplaats;Functie;Leidinggevende functie;Medewerker;FTE;Afdeling\n"
                 "F1;Gemeentesecretaris;;P. Jansen;1;Directie\n"
                 "F2;Afdelingshoofd;F1;A. de Vries;1;Ruimte\n"
                 "F3;Vergunningverlener;F2;K. Bakker;0,8;Ruimte / Vergunningen\n"
                 "F4;Handhaver;F2;S. Smit;0,5;Ruimte/Handhaving\n"
                 "F5;Jurist;F1;T. Wit;1;Juridische Zaken/Inkoop\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "a", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "Units that may be written as paths in 'Afdeling': 'Ruimte / Vergunningen' (2 such), " \
        "whose first part is a unit of the column too; each is read as one unit: give " \
        "--unit-path '/'" in res.output
    res = run("import", "posts", f, "--preset", "nl-hr", "--unit-path", "/", "--out",
              tmp_path / "b", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "Units read from 'Afdeling' as paths: each part between '/' a unit inside the one " \
        "before (3 cells of more than one part)" in res.output
    org = orgmodel.load(tmp_path / "b")
    g = org.graph
    names = {u: g.nodes[u]["name"] for u in org.ids("Team")}
    inside = {(names.get(u, u), names[v]) for u, v, _ in org.edges("MEMBER_OF")}
    assert {("Vergunningen", "Ruimte"), ("Handhaving", "Ruimte"), ("F3", "Vergunningen"),
            ("F4", "Handhaving"), ("Inkoop", "Juridische Zaken")} <= inside, inside
    assert sorted(names.values()) == ["Directie", "Handhaving", "Inkoop", "Juridische Zaken",
                                      "Ruimte", "Vergunningen"]
    units = orgmodel.formation(org, "unit").set_index("name")
    assert units.loc["Ruimte", "posts"] == 3 and units.loc["Ruimte", "fte_max"] == 2.3
    # (" - " is offered as it is written: "-" alone would split "Sociaal-Domein")
    g = tmp_path / "streep.csv"
    g.write_text(f.read_text(encoding="utf-8").replace(" / ", " - ").replace("/", " - "),
                 encoding="utf-8")
    res = run("import", "posts", g, "--preset", "nl-hr", "--out", tmp_path / "s", "--lang", "en")
    assert "give --unit-path ' - ' to read" in res.output, res.output
    # one column, and a separator, or nothing is read
    for extra, said in ((("--unit-path", " "), "not an empty one"),
                        (("--unit-path", "/", "--unit", "Afdeling", "--unit", "Functie"),
                         "--unit-path reads one unit column as paths, and --unit gives 2")):
        res = run("import", "posts", f, "--preset", "nl-hr", *extra, "--out", tmp_path / "c",
                  "--lang", "en")
        assert res.exit_code == 1 and said in res.output and not (tmp_path / "c").exists(), \
            res.output


def test_the_date_from_a_peildatum_column(tmp_path):
    """An HR report often gives its peildatum as a column, the same date on
    every row. It was a column not read, and the model had no date. The
    date is now the file's, said; different dates, a cell that is no date,
    or a date that differs from the file's name give none, said."""
    def imported(name, rows, *extra):
        f = tmp_path / name
        f.write_text("Peildatum;Formatieplaats;Functie;Medewerker;Leidinggevende functie\n"
                     + "".join(f"{d};F{i};Functie {i};Naam {i};{'F1' if i > 1 else ''}\n"
                               for i, d in enumerate(rows, 1)), encoding="utf-8")
        out = tmp_path / f"o{len(list(tmp_path.iterdir()))}"
        res = run("import", "posts", f, "--preset", "nl-hr", "--out", out, "--lang", "en",
                  *extra)
        assert res.exit_code == 0, res.output
        return orgmodel.load(out).manifest.get("date"), res.output
    date, said = imported("f.csv", ["1-1-2026", "01-01-2026", ""])
    assert str(date) == "2026-01-01", said
    assert "The date 1 January 2026 is read from column 'Peildatum' (the same on each of its 2 " \
        "rows)" in said and "date the file describes from 'Peildatum'" in said
    assert "Columns not read" not in said
    date, said = imported("g.csv", ["1-1-2026", "1-2-2026"])
    assert date is None and "Column 'Peildatum' gives different dates (row 2: '1-1-2026'; " \
        "row 3: '1-2-2026'): no date is taken (give --date)" in said
    date, said = imported("h.csv", ["1-1-2026", "onbekend"])
    assert date is None and "Column 'Peildatum', row 3: " in said and "'onbekend'" in said
    # (a day number, as a column that lost its format writes a date: said why)
    date, said = imported("i.csv", ["45292", "45292"])
    assert date is None and "Column 'Peildatum', row 2: '45292' is a spreadsheet's number for " \
        "a day (2024-01-01 in Excel)" in said, said
    date, said = imported("formatie 2025-12-31.csv", ["1-1-2026"])
    assert date is None and "The dates differ: the file's name says 31 December 2025 and " \
        "column 'Peildatum' 1 January 2026; no date is taken (give --date)" in said


def test_a_bezetting_column_of_numbers_is_offered_as_the_holders_fte(tmp_path):
    """`Bezetting` alone is not read as the holders' FTE (it may name the
    person), so a file that gives it as numbers beside the post's `Formatie`
    gave each holder the post's FTE, and the log listed the column as not
    read, with no word of --holder-fte. It now says how to read it."""
    text = ("Formatieplaats;Functie;Medewerker;Leidinggevende functie;Formatie;Bezetting\n"
            "F1;Directeur;Anna;;1,00;1,00\nF2;Adviseur;Bob;F1;1,00;0,89\n"
            "F3;Adviseur;Vacature;F1;1,00;0,00\n")
    res, _ = _imported_nl(tmp_path, text)
    assert "'Bezetting' holds numbers only, beside the post's FTE: the holders' own FTE? It is " \
        "not read (the holders have the post's); read it with --holder-fte 'Bezetting'" \
        in res.output, res.output
    (tmp_path / "names").mkdir()
    res, _ = _imported_nl(tmp_path / "names", text.replace(";1,00\n", ";A. Top\n")
                          .replace(";0,89\n", ";B. Bos\n").replace(";0,00\n", ";Vacature\n"))
    assert "--holder-fte 'Bezetting'" not in res.output


def test_a_numbered_heading_is_a_heading(tmp_path):
    """A list whose rows are numbered in a column of their own (`Nr.`) gives
    its headings a number too (`3 | Afdeling Ruimte`): such a row was "no
    post id", not offered as a heading, and --unit-headings read no unit.
    The row's number is passed over; a heading's one other cell still makes
    it a heading, and a number alone makes no post."""
    f = tmp_path / "genummerd.csv"
    f.write_text("Nr.;Formatieplaats;Functie;Medewerker;Leidinggevende functie;FTE\n"
                 "1;;Afdeling Directie;;;\n2;F1;Directeur;Anna;;1\n"
                 "3;;Afdeling Ruimte;;;\n4;F2;Adviseur;Bob;F1;0,8\n5;;;;;\n", encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "a", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "Rows 2, 4, left out, may be headings over posts: read them as their units with " \
        "--unit-headings" in res.output, res.output
    res = run("import", "posts", f, "--preset", "nl-hr", "--unit-headings", "--out",
              tmp_path / "b", "--lang", "en")
    assert res.exit_code == 0 and "Units read from 2 headings (rows 2, 4)" in res.output
    org = orgmodel.load(tmp_path / "b")
    units = {org.graph.nodes[v]["name"] for u, v, _ in org.edges("MEMBER_OF") if u == "F2"}
    assert units == {"Afdeling Ruimte"}


def test_a_post_vacant_on_one_of_its_rows_has_a_vacant_part(tmp_path):
    """A post of 1 FTE written as `Jan` 0,8 and `Vacature` 0,2 on two rows
    was a job share of 1 FTE, held, and the vacant row vanished: the
    formation said "2 held, 0 vacant" with no word of it, and then counted
    the post as held whole. The vacant rows' FTE is now the post's vacant
    part (`vacant_fte`), vacant in the formation; the post is held."""
    from orgmodel.formation import formation, totals
    res, g = _imported_nl(tmp_path, "Formatieplaats;Functie;Medewerker;Leidinggevende "
                          "functie;FTE\nF1;Directeur;Anna;;1\nF5;Adviseur;Jan;F1;0,8\n"
                          "F5;Adviseur;Vacature;F1;0,2\nF6;Adviseur;Vacature;F1;1\n"
                          "F6;Adviseur;Vacature;F1;0,5\n")
    assert "- Posts held on some rows and vacant on others: F5 (vacant on row 4, 0.2 FTE). " \
        "Each is held, and its vacant part (vacant_fte) is counted as vacant in the " \
        "formation: the vacant rows' FTE" in res.output
    assert "vacant op regel 4: 0,2 fte ervan, haar vacante deel (vacant_fte)" \
        in g.nodes["F5"]["note"]
    assert not g.nodes["F5"].get("vacant") and g.nodes["F5"]["vacant_fte"] == 0.2
    assert g.nodes["F6"].get("vacant") is True and "vacant op regel" not in g.nodes["F6"]["note"]
    org = orgmodel.load(tmp_path / "o")
    tot = totals(org)
    assert (tot["fte_max"], tot["held_fte_max"], tot["vacant_fte_max"]) == (3.5, 1.8, 1.7), tot
    post = formation(org, "post").set_index("id").loc["F5"]
    assert (post["held_fte_max"], post["vacant_fte_max"], post["people"]) == (0.8, 0.2, 1)
    last = run("--lang", "nl", "formation", "--org", tmp_path / "o").output.splitlines()[-1]
    assert "3,5 fte in functies (1,8 bezet, 1,7 vacant)" in last, last
    # (the post's panel in the chart page and the web app says it)
    assert run("export", "html", "--org", tmp_path / "o", "--out", tmp_path / "o.html",
               "--lang", "en").exit_code == 0
    assert '"F5": [["FTE", "1"], ["vacant part", "0.2 FTE"]' \
        in (tmp_path / "o.html").read_text(encoding="utf-8")


def test_a_vacant_part_beside_the_holders_own_fte_is_what_they_leave(tmp_path):
    """Beside a column of the holders' own FTE, the FTE column is the post's
    formation on each row: a vacant row's is no part of it. A post of 1 FTE
    held by Jan at 0,8 beside a row `Vacature` was counted as held whole;
    its vacant part is the post's FTE past its holders' own, 0,2. Where a
    holder's own FTE is not given, that part is not known: the post is
    counted as held, said."""
    res, g = _imported_nl(tmp_path, "Formatieplaats;Functie;Medewerker;Leidinggevende "
                          "functie;Formatie fte;Bezetting fte\nF1;Directeur;Anna;;1;1\n"
                          "F5;Adviseur;Jan;F1;1;0,8\nF5;Adviseur;Vacature;F1;1;\n"
                          "F6;Adviseur;Eva;F1;1;\nF6;Adviseur;Vacature;F1;1;\n")
    assert "F5 (vacant on row 4, 0.2 FTE); F6 (vacant on row 6, 0 FTE; counted as held)" \
        in res.output, res.output
    assert g.nodes["F5"]["vacant_fte"] == 0.2 and not g.nodes["F5"].get("vacant")
    assert "vacant op regel 4: haar fte boven die van haar bekleders zelf (0,8 van 1 in " \
        "'Bezetting fte'), 0,2 fte, haar vacante deel (vacant_fte)" in g.nodes["F5"]["note"]
    assert "vacant_fte" not in g.nodes["F6"] and not g.nodes["F6"].get("vacant")


@pytest.mark.parametrize("cell, kind, vacant, fte, problem", [
    ("0,2", "Team", "", "", "vacant_fte is the vacant part of a post's FTE: a Team has none"),
    ("0,2", "Post", "true", "1", "vacant_fte is given on a vacant post: the whole post is "
                                 "vacant, with its FTE; leave vacant_fte empty"),
    ("0,2", "Post", "", "", "vacant_fte is given on a post without an FTE: a part of what?"),
    ("1", "Post", "", "1", "vacant_fte 1 is not a part of the post's FTE (1): more than 0 and "
                           "less than it"),
    ("0", "Post", "", "1", "vacant_fte 0 is not a part of the post's FTE (1)"),
    ("0,2-0,3", "Post", "", "1", "vacant_fte '0,2-0,3' is a range: give the part as one number"),
    ("veel", "Post", "", "1", "vacant_fte 'veel' is not a number"),
])
def test_a_vacant_part_is_a_part_of_a_held_posts_fte(tmp_path, cell, kind, vacant, fte, problem):
    """The contract's `vacant_fte`: the vacant part of a held post's FTE."""
    from conftest import copy_template
    from orgmodel.errors import ValidationError
    d = copy_template(tmp_path)
    nodes = (d / "nodes.csv").read_text(encoding="utf-8").splitlines()
    head = nodes[0].split(",")
    row = dict.fromkeys(head, "")
    row.update(id="x1", kind=kind, name="X", source="X-1", evidence="stated", vacant=vacant,
               fte=fte, sphere="official" if kind == "Post" else "")
    (d / "org.yaml").write_text((d / "org.yaml").read_text(encoding="utf-8")
                                + "locale: nl\n", encoding="utf-8")
    text = "\n".join([",".join(head + ["vacant_fte"])]
                     + [line + "," for line in nodes[1:]]
                     + [",".join(f'"{row[c]}"' if "," in row[c] else row[c] for c in head)
                        + f',"{cell}"']) + "\n"
    (d / "nodes.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        orgmodel.load(d)
    assert any(problem in p.message for p in exc.value.problems), \
        [p.message for p in exc.value.problems]


@pytest.mark.parametrize("parse, text, locale, dutch", [
    (parse_number, "25,000.5", "nl", "'25,000.5' is niet geschreven zoals nl getallen schrijft "
                                     "(25.000 of 0,8)"),
    (parse_number, "25.000", None, "'25.000' kan 25 of 25000 zijn: schrijf 25000, of geef de "
                                   "locale op (locale: nl of en in org.yaml)"),
    (parse_date, "31-12-2026", None, "'31-12-2026' is geen datum: schrijf hem als JJJJ-MM-DD (of "
                                     "geef de locale op: nl in org.yaml, om 31-12-2026 te "
                                     "schrijven)"),
])
def test_a_hint_in_a_message_is_said_in_the_readers_language(parse, text, locale, dutch):
    """Three hints were English text inside Dutch messages ("schrijf 25000,
    or declare the locale ..."): each is now a message of its own."""
    from orgmodel.i18n import translator
    with pytest.raises(InputError) as exc:
        parse(text, locale)
    assert translator("nl")(exc.value.args[0]) == dutch


def _by_holder(tmp_path, out, *rows, extra=()):
    """An HR file of ``rows`` (post id; title; holder; manager's name)
    imported with --reports-to-by holder into ``out``: the result, and the
    line of the model made (None when none was)."""
    f = tmp_path / f"{out}.csv"
    f.write_text("Functienummer;Functie;Naam;Leidinggevende;Fte\n"
                 + "".join(f"{r};1\n" for r in rows), encoding="utf-8")
    res = run("--lang", "en", "import", "posts", f, "--preset", "nl-hr", "--reports-to-by",
              "holder", "--out", tmp_path / out, *extra)
    if res.exit_code:
        return res, None
    g = orgmodel.load(tmp_path / out).graph
    return res, {u: v for u, v, k in g.edges(data="kind") if k == "REPORTS_TO"}


def test_a_managers_name_written_as_hr_systems_write_it(tmp_path):
    """`--reports-to-by holder` read a manager only as the holder's cell
    writes the name: `Anna de Vries (Afdelingshoofd)`, `Vries, Anna de` and
    `Mevr. A. de Vries` were superiors not in the file. Each is read, each
    way said; a name with initials (`A. de Vries` for Anna) is not (two
    people may share them), and the refusal names who it may be."""
    res, line = _by_holder(tmp_path, "o", "F001;Afdelingshoofd;Anna de Vries;",
                           "F002;Beleidsmedewerker;Piet Jansen;Anna de Vries (Afdelingshoofd)",
                           "F003;Jurist;Els Smit;Vries, Anna de",
                           "F004;Jurist;Kees Bakker;Smit, Els (Jurist)")
    assert line == {"F002": "F001", "F003": "F001", "F004": "F003"}, res.output
    assert "Superiors written as a holder's name with more after it in brackets ('Anna de " \
        "Vries (Afdelingshoofd)'): read as the post of that name (2 lines)" in res.output
    assert "Superiors written surname first ('Vries, Anna de'): read as the post of the " \
        "holder of that name written first name first (2 lines)" in res.output
    res, line = _by_holder(tmp_path, "o2", "F001;Afdelingshoofd;Anna de Vries;",
                           "F002;Beleidsmedewerker;Piet Jansen;A. de Vries")
    assert line is None and not (tmp_path / "o2").exists()
    assert "post F002 reports to 'A. de Vries', which is the holder of no post in the file" \
        in res.output and "it may write 'Anna de Vries' with initials" in res.output, res.output
    # a form of address or a title, on either side, and with a surname first
    res, line = _by_holder(tmp_path, "o3", "F001;Afdelingshoofd;Mevr. drs. A. de Vries;",
                           "F002;Beleidsmedewerker;dhr. P. Jansen;A. de Vries",
                           "F003;Jurist;Els Smit;Dhr. Jansen, P.",
                           "F004;Jurist;Kees Bakker;mevrouw A. de Vries")
    assert line == {"F002": "F001", "F003": "F002", "F004": "F001"}, res.output
    assert "Superiors written with or without a form of address or a title ('A. de Vries'): " \
        "read as the post of the holder of that name (3 lines)" in res.output, res.output
    # (two people of one name but for their form of address: which, the file does not say)
    res, line = _by_holder(tmp_path, "o4", "F001;Directeur;Dhr. A. de Vries;",
                           "F002;Hoofd;Mevr. A. de Vries;F001x", "F003;Jurist;Els Smit;A. de Vries",
                           extra=("--unknown-superior", "external"))
    assert "F003" not in line, line
    assert "reports to 'A. de Vries', which names posts F001, F002: which is meant the file " \
        "does not say, so the line is left out" in res.output, res.output


def test_a_vacancy_word_for_a_manager_is_no_managers_name(tmp_path):
    """The readings of a manager's name written otherwise looked the name up
    among every holder's cell, vacancies too: a manager written `Vacature`
    was read as the vacant post, a line the file does not give."""
    res, line = _by_holder(tmp_path, "o", "F001;Afdelingshoofd;Vacature;",
                           "F002;Beleidsmedewerker;Piet Jansen;Vacature")
    # (nor refused as a holder of no post: a vacancy names nobody, the line
    # is left out and said)
    assert line == {}, line
    assert "row 3: reports to 'Vacature': a vacancy names nobody" in res.output, res.output


def test_a_superior_written_as_its_posts_id_and_holders_name(tmp_path):
    """An export keyed by personnel number writes the manager as number and
    name ('1001 - A. de Vries'): it was refused as no post in the file
    ("whose job title is 'F010', not the rest of it"). Read as that post
    when the rest is the name its holder's cell writes, said; another name
    is refused, saying whose post it is."""
    posts = tmp_path / "medewerkers.csv"
    rows = ("Medewerker;Naam;Functie;Leidinggevende\n1001;A. de Vries;Gemeentesecretaris;\n"
            "1002;B. Jansen;Teamleider;1001 - A. de Vries\n1003;C. Bakker;Adviseur;"
            "1002 - b. jansen\n")
    posts.write_text(rows, encoding="utf-8")
    args = ("--preset", "nl-hr", "--id", "Medewerker", "--holder", "Naam", "--lang", "en")
    res = run("import", "posts", posts, "--out", tmp_path / "o", *args)
    assert res.exit_code == 0, res.output
    assert ("Superiors written as their post's id and its holder's name ('1001 - A. de "
            "Vries'): read as that post (2 lines)") in res.output
    up = {u: v for u, v, d in orgmodel.load(tmp_path / "o").graph.edges(data=True)
          if d["kind"] == "REPORTS_TO"}
    assert up == {"1002": "1001", "1003": "1002"}
    posts.write_text(rows + "1004;D. Smit;Adviseur;1002 - C. Bakker\n", encoding="utf-8")
    res = run("import", "posts", posts, "--out", tmp_path / "p", *args)
    assert res.exit_code == 1 and not (tmp_path / "p").exists()
    assert ("post 1004 reports to '1002 - C. Bakker', which is not a post in the file; it "
            "starts with post 1002 (row 3), whose job title is 'Teamleider' and holder "
            "'B. Jansen', not the rest of it") in res.output


def test_job_titles_given_as_codes_offer_the_column_that_names_them(tmp_path):
    """An export whose 'Functie' holds codes (F010) and 'Functieomschrijving'
    their names titled every post by its code, unsaid; the log offers the
    names' column (nothing is renamed by itself). A column that gives one
    code two names (the manager's title) is not offered."""
    rows = [("Medewerker", "Naam", "Functie", "Functieomschrijving",
             "Functienaam leidinggevende", "Leidinggevende"),
            ("1001", "A. de Vries", "F010", "Gemeentesecretaris", "", ""),
            ("1002", "B. Jansen", "F020", "Teamleider", "Gemeentesecretaris", "1001"),
            ("1003", "C. Bakker", "F030", "Adviseur", "Teamleider", "1002"),
            ("1004", "D. Smit", "F030", "Adviseur", "Gemeentesecretaris", "1001")]
    posts = tmp_path / "medewerkers.csv"
    posts.write_text("".join(";".join(r) + "\n" for r in rows), encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--id", "Medewerker", "--out",
              tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("Job titles read from 'Functie', which holds codes (F010, F020, F030): "
            "'Functieomschrijving' gives their names; give --title 'Functieomschrijving' to "
            "title the posts so") in res.output
    assert orgmodel.load(tmp_path / "o").graph.nodes["1002"]["name"] == "F020"
    res = run("import", "posts", posts, "--preset", "nl-hr", "--id", "Medewerker", "--title",
              "Functieomschrijving", "--out", tmp_path / "t", "--lang", "en")
    assert res.exit_code == 0 and "which holds codes" not in res.output
    assert orgmodel.load(tmp_path / "t").graph.nodes["1002"]["name"] == "Teamleider"
    # (only the manager's title beside the codes: a code with two names, not offered)
    posts.write_text("".join(";".join(r[:3] + r[4:]) + "\n" for r in rows), encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--id", "Medewerker", "--out",
              tmp_path / "m", "--lang", "en")
    assert res.exit_code == 0 and "which holds codes" not in res.output, res.output


def test_control_characters_in_cells_are_taken_out_and_said(tmp_path):
    """An old export's end-of-file mark (U+001A), an escape or a bell in a
    cell was kept in the name: invisible in a table, moving a terminal's
    cursor, and every export to XML refused the folder afterwards. The
    cells are read without them, said with the first and a count, in a
    posts file and in a mandate register alike."""
    posts = tmp_path / "formatie.csv"
    posts.write_bytes(b"Formatieplaats;Functie;Leidinggevende;Medewerker\n"
                      b"F1;Directeur;;Anna de Vries\x1a\nF2;Adviseur\x07;F1;Bram\x1b Jansen\n")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    assert ("formatie.csv: 3 cells with control characters (the first U+001A in 'Anna de Vries', "
            "row 2): each read without them") in res.output
    names = {d["name"] for _, d in orgmodel.load(tmp_path / "o").graph.nodes(data=True)}
    assert {"Anna de Vries", "Adviseur", "Bram Jansen"} <= names
    res = run("export", "graphml", "--org", tmp_path / "o", "--out", tmp_path / "o.graphml")
    assert res.exit_code == 0, res.output
    register = tmp_path / "register.csv"
    register.write_bytes(b"Bevoegdheid;Bevoegd orgaan;Mandaatgever;Gemandateerde\n"
                         b"Inkoop\x1a;College van B&W;College van B&W;Directeur\n")
    res = run("import", "mandates", register, "--org", tmp_path / "o", "--add-bodies",
              "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "register.csv: a cell with a control character (U+001A in 'Inkoop', row 2)" \
        in res.output


def test_a_date_column_written_month_first_is_read_so_and_said(tmp_path):
    """A Dutch file whose start dates are written month first (an export
    from a US system: '03/31/2020') had those dates left out as days that
    do not exist, and '05/06/2021' read as 5 June in silence. Where no date
    of the column reads day first, each is read month first, said; a
    column that writes both ways refuses the dates that read either way."""
    posts, res = _imported_rows(tmp_path, "us.csv", [
        "Formatieplaats;Functie;Leidinggevende;Medewerker;Datum in dienst",
        "F1;Directeur;;Anna;03/31/2020", "F2;Adviseur;F1;Bram;04/15/2021",
        "F3;Adviseur;F1;Cor;05/06/2021"])
    assert res.exit_code == 0, res.output
    assert ("'Datum in dienst' writes its dates month first, as the US does ('03/31/2020' in "
            "row 2 is in month 3; no date of it reads day first): each read so") in res.output
    start = {v: d.get("valid_from") for u, v, d in orgmodel.load(tmp_path / "o").graph.edges(
        data=True) if d["kind"] == "HOLDS"}
    assert start == {"F1": "2020-03-31", "F2": "2021-04-15", "F3": "2021-05-06"}
    # (both ways in one column: a date that reads either way is not guessed)
    posts.write_text(posts.read_text(encoding="utf-8") + "F4;Adviseur;F1;Dirk;25-12-2021\n",
                     encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "b",
              "--lang", "en")
    assert res.exit_code == 0 and "writes its dates month first" not in res.output
    assert ("row 4: start date '05/06/2021' reads as a day of month 6 or of month 5, and the "
            "column writes dates both ways") in res.output, res.output
    assert "row 2: start date '03/31/2020' is not a date that exists" in res.output


def test_a_vacancy_beside_a_name_in_one_cell_keeps_the_name(tmp_path):
    """'Vacature / Bob Jansen' made the post vacant and Bob Jansen nobody,
    unsaid, while 'Bob Kok / Vacature' made Bob Kok its holder: the first
    word swallowed the cell. Both are the named person's post now, said;
    'Vacature (in werving)' stays a vacancy."""
    _, res = _imported_rows(tmp_path, "formatie.csv", [
        "Formatieplaats;Functie;Leidinggevende;Medewerker", "F1;Directeur;;Anna",
        "F2;Adviseur;F1;Vacature / Bob Jansen", "F3;Adviseur;F1;Bob Kok / Vacature",
        "F4;Adviseur;F1;Vacature (in werving)"])
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "o")
    held = {v: org.graph.nodes[u]["name"] for u, v, d in org.graph.edges(data=True)
            if d["kind"] == "HOLDS"}
    assert held == {"F1": "Anna", "F2": "Bob Jansen", "F3": "Bob Kok"}
    assert [p for p, d in org.graph.nodes(data=True) if d.get("vacant")] == ["F4"]
    # (more than a vacancy's word is kept as the cell writes it, in the data's
    # language: it was dropped)
    assert org.graph.nodes["F4"]["note"] == "vacant: de cel van de bekleder zegt 'Vacature (in " \
        "werving)'"
    assert ("A vacancy beside a holder's name in one cell ('Vacature / Bob Jansen'): the post "
            "is held by the person named, and whether part of it is vacant the cell does not "
            "say (2 cells)") in res.output


def _imported_rows(tmp_path, name, rows):
    """``(the file, the command's result)`` of importing ``rows`` (lines of
    a Dutch CSV file) with the nl-hr preset into ``tmp_path / "o"``, in
    English."""
    posts = tmp_path / name
    posts.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return posts, run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "o",
                      "--lang", "en")


def test_the_dates_of_holding_a_post_as_afas_heads_them_are_read(tmp_path):
    # ('Begindatum functie', 'Einddatum functie' were columns not read: no holder had a period)
    _, res = _imported_rows(tmp_path, "afas.csv", [
        "Formatieplaats;Functie;Leidinggevende;Medewerker;Begindatum functie;Einddatum functie",
        "F1;Directeur;;Anna;01-01-2020;", "F2;Adviseur;F1;Bram;15-06-2022;31-12-2026"])
    assert res.exit_code == 0, res.output
    assert "start date from 'Begindatum functie'; end date from 'Einddatum functie'" in res.output
    periods = {v: (d.get("valid_from"), d.get("valid_to")) for u, v, d in orgmodel.load(
        tmp_path / "o").graph.edges(data=True) if d["kind"] == "HOLDS"}
    assert periods == {"F1": ("2020-01-01", None), "F2": ("2022-06-15", "2026-12-31")}


def test_a_dutch_files_name_gives_its_date_day_first(tmp_path):
    # ('formatie 1-3-2026.csv' gave no date, as 3 January or 1 March, while its
    # cells read day first; a file of no locale still asks)
    posts, res = _imported_rows(tmp_path, "formatie 1-3-2026.csv", [
        "Formatieplaats;Functie;Leidinggevende", "F1;Directeur;", "F2;Adviseur;F1"])
    assert res.exit_code == 0 and "The date 1 March 2026 is read from the file's name " \
        "('1-3-2026')" in res.output, res.output
    assert str(orgmodel.load(tmp_path / "o").manifest["date"]) == "2026-03-01"
    res = run("import", "posts", posts, "--id", "Formatieplaats", "--reports-to",
              "Leidinggevende", "--out", tmp_path / "plain", "--lang", "en")
    assert "which could be 3 January 2026 or 1 March 2026" in res.output, res.output


def test_a_column_of_functional_managers_is_said_as_a_second_line(tmp_path):
    # ('Functioneel leidinggevende' was one more column not read: that it names
    # a second line, and where the line read comes from, was said nowhere)
    _, res = _imported_rows(tmp_path, "matrix.csv", [
        "Formatieplaats;Functie;Leidinggevende;Functioneel leidinggevende;Line manager",
        "F1;Directeur;;;", "F2;Teamleider;F1;;F1", "F3;Projectleider;F1;;F1",
        "F4;Adviseur;F2;F3;F2"])
    assert res.exit_code == 0, res.output
    assert ("'Functioneel leidinggevende' names a second superior (a functional or matrix "
            "line), not read: each post's line is read from 'Leidinggevende'") in res.output
    assert "'Line manager' names a second" not in res.output
    up = [(u, v) for u, v, _ in orgmodel.load(tmp_path / "o").edges("REPORTS_TO") if u == "F4"]
    assert up == [("F4", "F2")]
    assert "--second-line 'Functioneel leidinggevende' reads it as a second line" in res.output


def test_the_hierarchical_manager_beside_the_functional_one_is_the_line(tmp_path):
    """`Hiërarchisch leidinggevende` beside `Functioneel leidinggevende`, as
    Dutch exports name the two: the import was refused, offering the
    functional manager's column as the line's. The hierarchical one is the
    line; the functional one is never offered as it."""
    _, res = _imported_rows(tmp_path, "hier.csv", [
        "Formatieplaats;Functie;Hiërarchisch leidinggevende;Functioneel leidinggevende;Naam",
        "F1;Directeur;;;Anna", "F2;Teamleider;F1;;Bram", "F3;Adviseur;F2;F1;Cees"])
    assert res.exit_code == 0, res.output
    assert "superior from 'Hiërarchisch leidinggevende'" in res.output
    assert sorted((u, v) for u, v, _ in orgmodel.load(tmp_path / "o").edges("REPORTS_TO")) == [
        ("F2", "F1"), ("F3", "F2")]
    posts = tmp_path / "functional.csv"
    posts.write_text("Formatieplaats;Functie;Functioneel leidinggevende\nF1;Directeur;\n"
                     "F2;Adviseur;F1\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--out", tmp_path / "f",
              "--lang", "en")
    assert res.exit_code == 1 and "has no column 'leidinggevende functie'" in res.output
    assert "--reports-to 'Functioneel leidinggevende'" not in res.output, res.output


_MATRIX = ["Formatieplaats;Functie;Leidinggevende;Functioneel leidinggevende;Naam",
           "F1;Directeur;;;Anna", "F2;Teamleider;F1;;Bram", "F3;Programmamanager;F1;;Cees",
           "F4;Adviseur wonen;F2;F3;Dirk", "F5;Adviseur;F2;F2;Eva", "F6;Adviseur;F2;F9;Fien",
           "F7;Adviseur;F2;Teamleider;Gijs", "F8;Adviseur;F2;n.v.t.;Hans",
           "F10;Adviseur;F2;Vacature;Ilse"]


def test_a_second_line_is_read_when_asked_for(tmp_path):
    """`--second-line COLUMN` reads a functional manager's column as a
    second REPORTS_TO (a matrix): the post's routes take both lines, its
    span counts under both managers; a cell naming no post of the file (or
    a title) is listed, not made an outside role; one naming the line's own
    superior is that line; the words for none are none."""
    posts = tmp_path / "matrix.csv"
    posts.write_text("\n".join(_MATRIX) + "\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", "--second-line",
              "Functioneel leidinggevende", "--out", tmp_path / "o", "--lang", "en")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "o")
    assert sorted((u, v) for u, v, _ in org.edges("REPORTS_TO") if u in ("F4", "F5")) == [
        ("F4", "F2"), ("F4", "F3"), ("F5", "F2")]
    assert not [n for n in org.ids("Post") if n.startswith("ext:")]
    assert ("'Functioneel leidinggevende' read as a second line (a functional or matrix line): "
            "1 post with two superiors, whose routes take both; 1 post names its own line's "
            "superior there (one line)") in res.output
    assert ("matrix.csv, row 7: the second superior 'F9' is no post of the file: the second "
            "line is left out") in res.output
    assert ("row 8: the second superior 'Teamleider' is no post of the file: the second line "
            "is left out; it is the job title of post F2 (row 3): give the post's id"
            ) in res.output
    assert "row 9" not in res.output
    assert ("row 10: the second superior 'Vacature' is a vacancy, which names nobody: which "
            "vacant post is meant the file does not say: the second line is left out"
            ) in res.output
    role, routes = orgmodel.escalate(org, "F4")
    assert sorted(r.ids for r in routes.routes(role)) == [["F2", "F1"], ["F3", "F1"]]
    span = orgmodel.span_of_control(org).frame.set_index("id")
    assert span.loc["F3", "direct_reports"] == 1 and span.loc["F2", "direct_reports"] == 6
    # (in Dutch, the note on the edge too: the data is in the organisation's language)
    res = run("import", "posts", posts, "--preset", "nl-hr", "--second-line",
              "Functioneel leidinggevende", "--out", tmp_path / "nl")
    assert res.exit_code == 0 and "tweede lijn" in res.output, res.output
    notes = [d.get("note") for u, v, d in orgmodel.load(tmp_path / "nl").edges("REPORTS_TO")
             if (u, v) == ("F4", "F3")]
    assert notes == ["een tweede lijn (kolom 'Functioneel leidinggevende')"]


@pytest.mark.parametrize("rows,options,said", [
    # (a second line over the post's own superior: a circle)
    (["Formatieplaats;Functie;Leidinggevende;Functioneel leidinggevende", "F1;Directeur;;",
      "F2;Teamleider;F1;F3", "F3;Adviseur;F2;"], [],
     "the reporting lines, with the second line read from 'Functioneel leidinggevende', run "
     "in a circle: F2 → F3 → F2"),
    (_MATRIX, ["--no-line"], "--no-line and --second-line"),
    (_MATRIX, ["--second-line", "Leidinggevende"], "the second superior's column "
     "(--second-line) is 'Leidinggevende', the superior's own"),
    (_MATRIX, ["--second-line", "Matrixmanager"], "Matrixmanager")])
def test_a_second_line_that_cannot_be_read_is_refused(tmp_path, rows, options, said):
    posts = tmp_path / "matrix.csv"
    posts.write_text("\n".join(rows) + "\n", encoding="utf-8")
    if "--second-line" not in options:
        options = options + ["--second-line", "Functioneel leidinggevende"]
    res = run("import", "posts", posts, "--preset", "nl-hr", *options, "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code != 0 and said in res.output, res.output
    assert "Traceback" not in res.output and not (tmp_path / "o").exists()


@pytest.mark.parametrize("options,said", [
    (["--title", "Naam"], "the column 'Naam' would be read as both the job title and the "
                          "holder: give each its own column (--title, --holder)"),
    (["--second-line", "Naam"], "the column 'Naam' would be read as both the second superior "
                                "and the holder: give each its own column (--second-line, "
                                "--holder)")])
def test_one_column_read_as_two_things_is_refused(tmp_path, options, said):
    """`--title Naam` where the preset reads `Naam` as the holder's column:
    every post was held by a person named as its title, unsaid."""
    posts = tmp_path / "matrix.csv"
    posts.write_text("\n".join(_MATRIX) + "\n", encoding="utf-8")
    res = run("import", "posts", posts, "--preset", "nl-hr", *options, "--out", tmp_path / "o",
              "--lang", "en")
    assert res.exit_code == 1 and said in res.output, res.output
    assert not (tmp_path / "o").exists()


def test_a_superior_named_by_a_title_two_teams_share_is_read_by_the_unit(tmp_path):
    """A Dutch HR list names each manager by the job title (`Leidinggevende:
    Teamleider`), and each team has its own Teamleider: every line to one
    was left out ("which is meant the file does not say"), though the
    file's own units tell them apart. The one in the post's unit (or the
    nearest unit around it, with a unit's levels) is read, graded inferred
    with the reasoning in the line's note and said in the log; where the
    unit holds two of them, or none, the line is still left out, said."""
    f = tmp_path / "hr.csv"
    f.write_text(
        "Functie;Naam;Fte;Afdeling;Team;Leidinggevende\n"
        "Gemeentesecretaris;A. de Vries;1;Directie;;\n"
        "Afdelingshoofd Ruimte;B. Jansen;1;Ruimte;;Gemeentesecretaris\n"
        "Afdelingshoofd Zorg;C. Bakker;1;Zorg;;Gemeentesecretaris\n"
        "Teamleider;D. Smit;1;Ruimte;Wonen;Afdelingshoofd Ruimte\n"
        "Teamleider;E. Mulder;1;Zorg;Wmo;Afdelingshoofd Zorg\n"
        "Beleidsmedewerker;F. Visser;1;Ruimte;Wonen;Teamleider\n"
        "Consulent;G. Kok;1;Zorg;Wmo;Teamleider\n"
        "Secretaresse;H. Bos;1;Ruimte;;Teamleider\n"
        "Teamleider;I. Dekker;1;Zorg;Jeugd;Afdelingshoofd Zorg\n"
        "Teamleider;J. Vos;1;Zorg;Jeugd;Afdelingshoofd Zorg\n"
        "Jeugdconsulent;K. Peters;1;Zorg;Jeugd;Teamleider\n", encoding="utf-8")
    res = run("--lang", "en", "import", "posts", f, "--preset", "nl-hr", "--row-ids",
              "--reports-to-by", "Functie", "--unit", "Afdeling", "--unit", "Team",
              "--out", tmp_path / "o")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "o")
    line = {u: (v, a) for u, v, k, a in org.graph.edges(keys=True, data=True)
            if a["kind"] == "REPORTS_TO"}
    # each in its own team's Teamleider, the ones named once as stated
    assert line["R7"][0] == "R5" and line["R8"][0] == "R6", line
    assert line["R5"][1]["evidence"] == "stated"
    assert line["R7"][1]["evidence"] == "inferred"
    # (the note in the organisation's language, Dutch by the preset)
    assert "noemt de functies R5, R6, R10, R11; R5 is die in de eenheid 'Ruimte > Wonen'" \
        in line["R7"][1]["note"], line["R7"]
    # the secretary in Ruimte, in no team, and the Jeugd team of two
    # Teamleiders: which is meant the file does not say
    assert "R9" not in line and "R12" not in line, line
    assert "row 9: reports to 'Teamleider', which names posts R5, R6, R10, R11: which is " \
        "meant the file does not say, so the line is left out" in res.output, res.output
    assert "row 12: reports to 'Teamleider'" in res.output, res.output
    assert "Superiors written as a key several posts share ('Teamleider'): read as the one of " \
        "those posts in the post's own unit, or the nearest unit around it (graded inferred, " \
        "the line's note says so) (2 lines)" in res.output, res.output
    # a department head named by a title two departments share: the
    # nearest unit around the team that holds one
    f.write_text(f.read_text("utf-8").replace("Afdelingshoofd Ruimte", "Afdelingshoofd")
                 .replace("Afdelingshoofd Zorg", "Afdelingshoofd"), encoding="utf-8")
    res = run("import", "posts", f, "--preset", "nl-hr", "--row-ids", "--reports-to-by",
              "Functie", "--unit", "Afdeling", "--unit", "Team", "--out", tmp_path / "o2")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "o2")
    line = {u: v for u, v, k in org.graph.edges(data="kind") if k == "REPORTS_TO"}
    assert (line["R5"], line["R6"], line["R10"]) == ("R3", "R4", "R4"), line
    assert "R3 is die in de eenheid 'Ruimte'" in org.graph.edges["R5", "R3", 0]["note"]
    assert run("validate", "--org", tmp_path / "o2").exit_code == 0


def test_a_column_of_the_roles_each_post_plays(tmp_path):
    """The sources tell posts (functies, in the line) from the roles they
    play (rollen: ambtelijk opdrachtgever, budgethouder). A formatie with a
    column `Rollen` was imported with that column "not read" and the
    general hint: every role lost. `--roles COLUMN` reads each name in a
    cell as a Role the post PLAYS (one Role per name, case aside; a post's
    rows together), and without it the column is offered by name."""
    f = tmp_path / "r.csv"
    f.write_text("Formatieplaats;Functie;Naam;Fte;Afdeling;Leidinggevende;Rollen\n"
                 "F1;Gemeentesecretaris;A. de Vries;1;Directie;;Algemeen directeur\n"
                 "F2;Afdelingshoofd;B. Jansen;1;Ruimte;F1;\"Budgethouder; Ambtelijk opdrachtgever\"\n"
                 "F3;Beleidsmedewerker;C. Smit;0,5;Ruimte;F2;projectleider\n"
                 "F3;Beleidsmedewerker;D. Kok;0,5;Ruimte;F2;Budgethouder\n"
                 "F4;Beleidsmedewerker;E. Bos;1;Ruimte;F2;n.v.t.\n"
                 "F5;Jurist;F. Mol;1;Ruimte;F2;Projectleider,budgethouder \n", encoding="utf-8")
    res = run("--lang", "en", "import", "posts", f, "--preset", "nl-hr", "--out", tmp_path / "a")
    assert res.exit_code == 0, res.output
    assert "'Rollen' may name the roles the posts play (rollen), not read: --roles 'Rollen' " \
        "reads each as a role its post plays" in res.output
    assert not orgmodel.load(tmp_path / "a").ids("Role")
    res = run("--lang", "en", "import", "posts", f, "--preset", "nl-hr", "--roles", "Rollen",
              "--out", tmp_path / "b")
    assert res.exit_code == 0, res.output
    org = orgmodel.load(tmp_path / "b")
    names = {r: org.label(r) for r in org.ids("Role")}
    # (a role named as its first cell writes it, as a person is)
    assert sorted(names.values()) == ["Algemeen directeur", "Ambtelijk opdrachtgever",
                                      "Budgethouder", "projectleider"], names
    plays = {(u, org.label(v)) for u, v, _ in org.edges("PLAYS")}
    assert plays == {("F1", "Algemeen directeur"), ("F2", "Budgethouder"),
                     ("F2", "Ambtelijk opdrachtgever"), ("F3", "projectleider"),
                     ("F3", "Budgethouder"), ("F5", "projectleider"), ("F5", "Budgethouder")}
    assert "Roles read from 'Rollen': 4 roles, played by 4 posts" in res.output, res.output
    # (each PLAYS cites its row: the job share's second row for its own role)
    assert {a["source"] for u, v, a in org.edges("PLAYS") if u == "F3"} == \
        {"functies regel 4", "functies regel 5"}
    assert run("validate", "--org", tmp_path / "b").exit_code == 0
    # (a column asked for must be there)
    res = run("--lang", "en", "import", "posts", f, "--preset", "nl-hr", "--roles", "Rol",
              "--out", tmp_path / "c")
    assert res.exit_code == 1 and "Rol" in res.output and not (tmp_path / "c").exists()
