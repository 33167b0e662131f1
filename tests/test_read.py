"""orgmodel.read: the spreadsheets people save (encodings, separators, headers, line
breaks in cells, Unicode forms) read alike."""
import codecs
import csv
import io
import unicodedata

import pytest

import orgmodel
from conftest import DATA, copy_template


def _rewrite(d, f, sep=",", encoding="utf-8", bom=b""):
    rows = list(csv.reader(io.StringIO((d / f).read_text(encoding="utf-8"))))
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    (d / f).write_bytes(bom + buf.getvalue().encode(encoding))


@pytest.mark.parametrize("sep,encoding,bom", [
    (",", "utf-8", codecs.BOM_UTF8),          # Excel "CSV UTF-8"
    (";", "cp1252", b""),                      # Dutch-locale Excel "CSV"
    ("\t", "utf-16", b""),                     # Excel "Unicode text" (utf-16 writes a BOM)
    ("\t", "utf-8", b""),
    (";", "utf-8", b""),
], ids=["utf8-bom", "cp1252-semicolon", "utf16-tab", "utf8-tab", "utf8-semicolon"])
def test_spreadsheet_encodings_and_separators_read_the_same(tmp_path, sep, encoding, bom):
    plain = copy_template(tmp_path, "plain")
    other = copy_template(tmp_path, "other")
    for d in (plain, other):
        t = (d / "nodes.csv").read_text(encoding="utf-8")
        (d / "nodes.csv").write_text(t.replace("Alderman for youth", "Wethouder Çelik jeugd"),
                                     encoding="utf-8")
    for f in ("nodes.csv", "edges.csv"):
        _rewrite(other, f, sep, encoding, bom)
    a, b = orgmodel.load(plain), orgmodel.load(other)
    assert a.graph.nodes["alderman"]["name"] == "Wethouder Çelik jeugd"
    assert dict(a.graph.nodes(data=True)) == dict(b.graph.nodes(data=True))
    assert sorted(map(str, a.graph.edges(data=True))) == sorted(map(str, b.graph.edges(data=True)))


def test_headers_are_read_without_case_or_spaces(tmp_path):
    d = copy_template(tmp_path)
    t = (d / "nodes.csv").read_text()
    (d / "nodes.csv").write_text(t.replace("id,kind,name,source,evidence,sphere,level,fte",
                                           "ID, Kind ,Name,source, Evidence,Sphere,level, FTE"))
    plain = orgmodel.load(DATA / "template")
    org = orgmodel.load(d)
    assert org.graph.nodes["tm"]["fte_max"] == plain.graph.nodes["tm"]["fte_max"] == 1.0
    assert org.graph.nodes["tm"]["evidence"] == "stated" and org.graph.nodes["gd"]["level"] == "concern"


def test_line_separators_inside_a_quoted_cell_are_text(tmp_path):
    """Unicode's line separators inside a quoted cell are its text, not the
    ends of rows (a note may be written on several lines; a name may not,
    see test_bad_input)."""
    d = copy_template(tmp_path)
    t = (d / "nodes.csv").read_text()
    note = "a job share:\u2028two\u2029people\x0chold this post\x85"
    assert ",a job share: two people hold this post\n" in t
    (d / "nodes.csv").write_text(t.replace("a job share: two people hold this post", f'"{note}"'),
                                 encoding="utf-8")
    org = orgmodel.load(d)
    assert org.graph.nodes["tm"]["note"] == note.strip()


def test_names_in_another_unicode_normal_form_still_match(tmp_path):
    d = copy_template(tmp_path)
    nfd = unicodedata.normalize("NFD", "Wethouder Çelik")
    t = (d / "nodes.csv").read_text()
    t = t.replace("Alderman for youth", nfd).replace("\nalderman,", "\nwéth,")
    (d / "nodes.csv").write_text(t, encoding="utf-8")
    e = (d / "edges.csv").read_text().replace("alderman,", unicodedata.normalize("NFD", "wéth") + ",")
    e = e.replace(",alderman,", "," + unicodedata.normalize("NFC", "wéth") + ",")
    (d / "edges.csv").write_text(e, encoding="utf-8")
    org = orgmodel.load(d)
    assert org.find_role("Wethouder Çelik") == unicodedata.normalize("NFC", "wéth")
    assert org.find_role(unicodedata.normalize("NFD", "wéth")) == unicodedata.normalize("NFC", "wéth")


# --- commands on valid but unusual organisations -------------------------------------


@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_the_same_id_typed_with_another_space_or_accent_is_one_id(tmp_path, ext):
    """A superior typed "FP 1" for the post "FP\u00a01" (a no-break space, as
    Excel and web pages put them) or "José" typed with a combining accent was
    "not a post in the file" (the workbook's cells were not even in NFC); so
    was "3\u200b", a zero-width space pasted with the id, which the refusal
    showed as '3', the id it was not."""
    import openpyxl
    rows = [["Formatieplaats", "Functie", "Leidinggevende functie", "Medewerker"],
            ["FP\u00a01", "Secretaris", "", "Anna\u00a0de Vries"],
            ["Jos\u00e9", "Adviseur", "FP 1", "Bram"],
            ["3", "Adviseur", "Jose\u0301", "Anna de Vries"],
            ["4", "Adviseur", "3\u200b", "\ufeffCor"]]
    f = tmp_path / f"posts.{ext}"
    if ext == "csv":
        f.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
    else:
        wb = openpyxl.Workbook()
        for r in rows:
            wb.active.append(r)
        wb.save(f)
    orgmodel.import_posts(f, out=tmp_path / "o", preset="nl-hr")
    g = orgmodel.load(tmp_path / "o").graph
    line = {u: v for u, v, d in g.edges(data=True) if d["kind"] == "REPORTS_TO"}
    assert line == {"Jos\u00e9": "FP 1", "3": "Jos\u00e9", "4": "3"}
    # (and one person holds two posts, not two people with the one name)
    people = [n for n, d in g.nodes(data=True) if d["kind"] == "Person"]
    assert sorted(g.nodes[p]["name"] for p in people) == ["Anna de Vries", "Bram", "Cor"]


def test_a_dutch_excels_true_and_false_are_read(tmp_path):
    """A Dutch Excel saves a true/false cell as WAAR or ONWAAR in its CSV:
    a folder kept in it was refused (``'WAAR' is not yes/no``)."""
    d = copy_template(tmp_path)
    rows = list(csv.reader(open(d / "nodes.csv", encoding="utf-8", newline="")))
    col = rows[0].index("vacant")
    # (dd, which nobody holds: a post its HOLDS say someone holds is not vacant)
    dd = next(r for r in rows if r[0] == "dd")
    gd = next(r for r in rows if r[0] == "gd")
    dd[col], gd[col] = "WAAR", "ONWAAR"
    with open(d / "nodes.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    org = orgmodel.load(d)
    assert org.graph.nodes["dd"]["vacant"] is True
    assert org.graph.nodes["gd"].get("vacant") in (False, None)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_tables_metadata_is_shared_not_copied_with_each_column(tmp_path, suffix):
    """pandas deep-copies a frame's ``attrs`` each time a column is taken,
    and a table's metadata (every column's header, the cells that hold a
    date) grows with the table: a posts file of 8,000 columns took 80 s and
    1.7 GB to import (an XLSX 167 s and 4 GB; `benchmarks/formats.py`).
    Each column taken shares the table's metadata."""
    from benchmarks.formats import posts_wide
    from orgmodel.formats._sheets import read_sheet
    path = posts_wide(tmp_path / f"wide{suffix}", 200, rows=3)
    df = read_sheet(path, path.name)
    assert len(df.columns) == 203 and df.attrs["headers"]["field_199"] == "Field 199"
    for column in ("field_0", "field_199"):
        assert df[column].attrs["headers"] is df.attrs["headers"]
    assert df.copy().attrs["headers"] is df.attrs["headers"]
