"""orgmodel.escape: every value from the data is inert in Markdown, HTML, CSV and the terminal."""
import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

import orgmodel
from conftest import DATA, copy_template
from orgmodel.cli import cli

HOSTILE = {
    "html": "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "image": "![t](http://x/p.png)",
    "terminal": "Team\x1b]0;pwned\x07\x1b[2J\x1b[31mred\r\x9b31m",
    "link": "[click](javascript:alert(1))",
    "autolink": "<javascript:alert(1)>",
    "formula": "=HYPERLINK(\"http://x\",\"y\")",
    "plus": "+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "heading": "# Heading\n- list",
}


def _hostile_org(tmp_path):
    d = copy_template(tmp_path, "hostile")
    # Names, notes and sources of rows, and every prose value of org.yaml.
    rows = list(csv.DictReader(open(d / "nodes.csv", encoding="utf-8")))
    names = iter(HOSTILE.values())
    for r in rows:
        v = next(names, None)
        if v is not None:
            # (a name is one line: one with a line break is refused, see
            # test_bad_input; the note keeps them)
            r["name"] = re.sub(r"[\r\n]", " ", v)
            r["note"] = v
            # a valid citation before every ';'-separated part, then the hostile text
            r["source"] = "; ".join("X-1 " + part for part in v.split(";"))
    with open(d / "nodes.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    y = (d / "org.yaml").read_text()
    y = y.replace("name: Sample", f"name: {json.dumps(HOSTILE['html'] + HOSTILE['image'])}")
    y = y.replace("date: '2026-01-01'", "date: '2026-01-01'\ndescription: "
                  + json.dumps(HOSTILE["link"] + " " + HOSTILE["autolink"] + " " + HOSTILE["heading"]))
    y = re.sub(r'  X: ".*"', "  X: " + json.dumps(HOSTILE["image"] + HOSTILE["html"]), y)
    y = y.replace('rule: "next official level in the line"',
                  "rule: " + json.dumps(HOSTILE["html"] + HOSTILE["link"]))
    (d / "org.yaml").write_text(y, encoding="utf-8")
    # a target that puts hostile names in prose lines (below target, wide spans)
    y = (d / "org.yaml").read_text().replace("target_depth: 3", "target_depth: 1")
    (d / "org.yaml").write_text(y.replace("max: 8", "max: 0"), encoding="utf-8")
    return d


def _html_of(md_text):
    import markdown
    from markdown_it import MarkdownIt
    # Both renderers pass raw HTML through, as GitHub-style viewers may.
    return [MarkdownIt("commonmark", {"html": True}).enable("table").render(md_text),
            markdown.markdown(md_text, extensions=["tables"])]


def test_markdown_report_keeps_every_value_inert(tmp_path):
    d = _hostile_org(tmp_path)
    org = orgmodel.load(d)
    md = orgmodel.write_report(org, tmp_path / "rep", html=False).read_text()
    for html in _html_of(md):
        low = html.lower()
        # the only images are the report's own charts, with no attribute from a value
        assert not re.search(r"<img[^>]*(onerror|onload)", low)
        assert "<script" not in low and "javascript:" not in \
            re.sub(r"&[a-z#0-9]+;", "", " ".join(re.findall(r'(?:href|src)="([^"]*)"', low)))
        srcs = re.findall(r'src="([^"]*)"', low)
        assert all(re.fullmatch(r"chart[a-z0-9-]*\.svg", s) for s in srcs), srcs
        hrefs = re.findall(r'href="([^"]*)"', low)
        assert all(re.fullmatch(r"[a-z_]+\.csv|#[a-z-]+", h) for h in hrefs), hrefs
        assert "<h1" in low and low.count("<h1") == 1        # no heading from a value
    # the values are still there to read, as text
    assert "alert" in md and "\x1b" not in md


def test_the_import_log_keeps_every_value_inert(tmp_path):
    """IMPORT.md, a Markdown file, wrote a title, a holder and a superior
    as the HR export gave them: a tag, an image, a link or emphasis in a
    cell was markup in the rendered log.  Each is text, still to be read."""
    values = [HOSTILE[k] for k in ("html", "image", "link", "autolink")]
    rows = ["Functienummer;Functie;Leidinggevende;FTE;Medewerker",
            f"F1;{values[0]};;1;{values[1]}", f"F2;{values[2]} **vet**;F1;36;{values[3]}",
            f"F3;Adviseur;{values[1]};1;A. Jansen"]
    posts = tmp_path / "formatie.csv"
    posts.write_text("\n".join(rows) + "\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["import", "posts", str(posts), "--preset", "nl-hr",
                                   "--unknown-superior", "external", "--out",
                                   str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    md = (tmp_path / "o" / "IMPORT.md").read_text(encoding="utf-8")
    for html in _html_of(md):
        low = html.lower()
        assert "<script" not in low and "<img" not in low and "<strong" not in low
        assert "href=" not in low, low
    assert "alert" in md and "F1 (" in md       # (still there, as text)



def test_an_ampersand_in_the_import_log_is_as_the_file_writes_it(tmp_path):
    """'P&O' was written 'P&amp;O' into IMPORT.md, read raw as often as
    rendered.  An ampersand stays as it is, unless it starts a character
    reference: '&lt;b&gt;' in a cell is that text when rendered, not '<b>'."""
    posts = tmp_path / "formatie.csv"
    posts.write_text("Functienummer;Functie;Leidinggevende;Medewerker\n"
                     "F1;Directeur P&O;;A. Jansen\n\"Bron: P&O, &lt;b&gt;AFAS\";;;\n",
                     encoding="utf-8")
    res = CliRunner().invoke(cli, ["import", "posts", str(posts), "--preset", "nl-hr",
                                   "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    md = (tmp_path / "o" / "IMPORT.md").read_text(encoding="utf-8")
    assert "'Bron: P&O, &amp;lt;b&amp;gt;AFAS'" in md
    for html in _html_of(md):
        # (rendered: the text 'P&O, &lt;b&gt;AFAS', no tag)
        assert "P&amp;O, &amp;lt;b&amp;gt;AFAS" in html and "<b>" not in html

def test_every_csv_cell_is_neutralised_and_numbers_stay_numbers(tmp_path):
    d = _hostile_org(tmp_path)
    out = tmp_path / "rep"
    orgmodel.write_report(orgmodel.load(d), out, html=False)
    outputs = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.csv")}
    for cmd in (["escalate", "--all"], ["span"], ["layers"], ["partners"], ["check"],
                ["portfolios"], ["advice"], ["summary"]):
        res = CliRunner().invoke(cli, [*cmd, "--org", str(d), "--format", "csv"])
        assert res.exit_code == 0, res.output
        outputs[" ".join(cmd)] = res.output
    seen_formula = False
    for name, text in outputs.items():
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, cell)
                assert not (cell.startswith("-") and not re.fullmatch(r"-\d+(\.\d+)?", cell)), \
                    (name, cell)
                seen_formula |= cell.startswith("'=")
    assert seen_formula          # the hostile names did reach the CSVs
    span = list(csv.DictReader(io.StringIO(outputs["span.csv"])))
    assert span and all(re.fullmatch(r"\d+", r["direct_reports"]) for r in span)


@pytest.mark.parametrize("cells", [
    ["Team", "=1+1"], ["Team", "line\n=HYPERLINK(1)", "@x"], ["x"] * 50 + ["\tTAB"],
    ["Team", None, "+31"], ["-1", "-x", "Team"], ["ok", "fine"]])
def test_a_formula_among_plain_text_cells_is_caught(cells):
    # Columns of plain text skip the cell-by-cell pass: one formula anywhere
    # in a column must still send it through.
    import pandas as pd

    from orgmodel.escape import to_csv
    rows = list(csv.reader(io.StringIO(to_csv(pd.DataFrame({"name": cells})))))[1:]
    got = [r[0] for r in rows]
    for given, written in zip(cells, got):
        if given is None:
            assert written == ""
        elif given[:1] in ("=", "+", "-", "@", "\t") and \
                not re.fullmatch(r"[+-]\d+", given):          # a number stays a number
            assert written == "'" + given
        else:
            assert written == given


@pytest.mark.parametrize("cmd", [["escalate", "--all"], ["span"], ["layers"], ["check"],
                                 ["summary"], ["escalate", "--all", "--format", "json"],
                                 ["escalate", "no such role"]])
def test_terminal_output_shows_control_characters_escaped(tmp_path, cmd):
    d = _hostile_org(tmp_path)
    res = CliRunner().invoke(cli, [*cmd, "--org", str(d)])
    assert "\x1b" not in res.output and "\x07" not in res.output and "\x9b" not in res.output
    assert "\r" not in res.output
    if cmd != ["escalate", "no such role"]:
        assert res.exit_code == 0, res.output
    if cmd[0] in ("escalate", "span", "layers") and "no such role" not in cmd:
        # the name is there, its control characters visible as escapes
        assert "\\x1b" in res.output or "\\u001b" in res.output


def test_a_hostile_role_query_is_escaped_in_the_error(tmp_path):
    res = CliRunner().invoke(cli, ["escalate", "\x1b]0;x\x07", "--org", str(DATA / "template")])
    assert res.exit_code == 1 and "\x1b" not in res.output and "\\x1b" in res.output


# --- passwords ---------------------------------------------------------------------------


@pytest.mark.parametrize("value, shown", [("1.500", "1.500"), ("20.6", "20.6"),
                                          ("1. Raad", "1. Raad"), ("- x", "- x"),
                                          ("> quote", "&gt; quote")])
def test_a_value_that_starts_like_a_list_reads_as_it_is(value, shown):
    """A Dutch number of a thousand and more ("1.500") showed in the report as
    "\\1.500": the escape against an ordered list put its backslash before a
    digit, which Markdown does not take as an escape. Each value reads as it
    is, in a list item and in a table cell, and starts no list or quote."""
    from markdown_it import MarkdownIt

    from orgmodel.escape import markdown, markdown_table
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    html = parser.render("- " + markdown(value) + "\n\n" + markdown(value) + "\n")
    assert html.count("<li>") == 1 and "<ol" not in html and "<blockquote" not in html
    assert f"<li>{shown}</li>" in html and f"<p>{shown}</p>" in html
    import pandas as pd
    cell = parser.render(markdown_table(pd.DataFrame({"a": [value]})))
    assert f"<td>{shown}</td>" in cell
