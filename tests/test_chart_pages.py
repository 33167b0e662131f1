"""The static chart at real size: pages that fit their paper, measured.

Every chart page is printed (a PDF at A4 or A3) and measured as a reader
would hold it: the smallest text on the sheet, the shape of the drawing on
it, every post on some page, and every box with a count linked to its page.
The organisations run from 10 to 13,000 posts: the ones in ``data/``, real
UK organograms (``tests/fixtures/uk-organograms``) and synthetic
municipalities; and two shapes that break naive layouts, a line 400 deep and
one manager with 2,000 reports.
"""
from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path

import pytest

import orgmodel
from conftest import DATA, run

pytestmark = pytest.mark.graphviz

#: The smallest text a printed chart page may have, in mm (the em height of
#: the font as printed: 2 mm is small print read at arm's length).
MIN_PRINTED_MM = 2.0
#: A chart page's drawing is never a strip: its width over its height (or
#: the other way round) at most this.
MAX_ASPECT = 4.0
#: Sheets in points (portrait); a page may be turned.
SHEETS = {"a4": (595.3, 841.9), "a3": (841.9, 1190.6)}
UK = Path(__file__).parent / "fixtures" / "uk-organograms"


def _org(name):
    if name in ("deventer", "deventer-2010", "albrandswaard", "template"):
        return orgmodel.load(DATA / name)
    if name.startswith("synth-"):
        return orgmodel.synthesize(int(name.split("-")[1]), seed=3)
    from orgmodel.formats.posts import read_posts
    dept, date = name.split("@")
    org, _ = read_posts(UK / f"{dept}-{date}-senior.csv", UK / f"{dept}-{date}-junior.csv",
                        preset="uk-organogram")
    return org


def printed(path) -> list:
    """Each page of a PDF as printed: its sheet, the height in mm of every
    piece of text on it, where the text stands, and its links."""
    from pypdf import PdfReader
    pages = []
    for page in PdfReader(path).pages:
        texts = []

        def visit(text, cm, tm, font, size, texts=texts):
            if text.strip():
                # (the text's matrix times the page's: its height as drawn)
                c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                texts.append((text, size * math.hypot(c, d) * 25.4 / 72, x, y))
        page.extract_text(visitor_text=visit)
        links = [a.get_object() for a in page.get("/Annots", [])]
        pages.append({"sheet": (float(page.mediabox.width), float(page.mediabox.height)),
                      "texts": texts, "links": links})
    return pages


def _post_names(org):
    from orgmodel.formats.chart import _Drawing
    drawing = _Drawing(org, None, None, None, None, 2, "en")
    return {p: "".join("".join(drawing.lines(p)).split()) for p in drawing.posts}


def _check_pages(org, pdf, paper, pages_said, column=False):
    """Each page on its sheet, its smallest text at least MIN_PRINTED_MM, its
    drawing no strip (but for a line one deep, drawn as the ``column`` it
    is), every post on a page, every link to another page."""
    from pypdf import PdfReader
    reader = PdfReader(pdf)
    pages = printed(pdf)
    assert len(pages) == pages_said
    sheet = SHEETS[paper]
    index = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    everything = ""
    for i, p in enumerate(pages, 1):
        w, h = p["sheet"]
        assert (round(w), round(h)) in {(round(sheet[0]), round(sheet[1])),
                                        (round(sheet[1]), round(sheet[0]))}, (i, w, h)
        smallest = min(size for _, size, _, _ in p["texts"])
        assert smallest >= MIN_PRINTED_MM, (i, smallest)
        xs = [x for _, _, x, _ in p["texts"]]
        ys = [y for _, _, _, y in p["texts"]]
        # the drawing's extent (text anchors, and a box's height around them)
        dw, dh = max(xs) - min(xs) + 60, max(ys) - min(ys) + 30
        assert column or 1 / MAX_ASPECT <= dw / dh <= MAX_ASPECT, (i, dw, dh)
        assert dw <= w and dh <= h
        everything += "".join(t for t, _, _, _ in p["texts"])
        for link in p["links"]:         # a box with a count: a link to its part's page
            target = index.get(link["/Dest"][0].idnum)
            assert target is not None and target != i - 1
    # (as text again: ligatures such as "ﬃ" undone, the lines run together)
    everything = "".join(unicodedata.normalize("NFKC", everything).split())
    missing = [n for n, name in _post_names(org).items() if name not in everything]
    assert not missing, missing[:5]
    return pages


@pytest.mark.parametrize("name", [
    "template", "deventer", "deventer-2010", "albrandswaard", "synth-50", "synth-600",
    "department_of_health@2011-09-30", "cabinet_office@2013-09-30", "synth-13000"])
def test_every_chart_page_prints_readable(tmp_path, name):
    org = _org(name)
    files = orgmodel.write_chart(org, tmp_path / "c.pdf", paper="a4")
    pages = _check_pages(org, files[0], "a4", files.pages)
    # a page per part only where the whole does not fit: a line that fits is one page
    if len(pages) > 1 and len(_post_names(org)) < 300:
        assert not _fits_whole(org), "cut though the whole fits"
    if len(_post_names(org)) >= 600:
        links = sum(len(p["links"]) for p in pages)
        assert links >= len(pages) - 1        # every page after the first is linked to


def _fits_whole(org) -> bool:
    """Whether Graphviz draws the whole line on one A4 sheet at the least scale."""
    import subprocess

    from orgmodel.formats._chart_pages import overshoot
    res = subprocess.run(["dot", "-Tplain"], input=orgmodel.chart_dot(org).encode(),
                         capture_output=True, check=True)
    _, _, w, h = res.stdout.decode().split("\n", 1)[0].split()[:4]
    return overshoot(float(w) * 72, float(h) * 72, "a4") <= 1


def test_a3_holds_more_than_a4_and_a_slide_less(tmp_path):
    org = _org("synth-600")
    a3 = orgmodel.write_chart(org, tmp_path / "a3.pdf", paper="a3")
    a4 = orgmodel.write_chart(org, tmp_path / "a4.pdf", paper="a4")
    _check_pages(org, a3[0], "a3", a3.pages)
    slide = orgmodel.write_chart(org, tmp_path / "s.svg", paper="slide")
    assert a3.pages < a4.pages < slide.pages


@pytest.mark.parametrize("shape", ["deep", "wide"])
def test_shapes_that_break_a_layout_still_print(tmp_path, shape):
    # a line 400 deep (one post under the other) and one manager with 2,000
    # reports: pages down the line, and the reports over pages of their own
    folder = tmp_path / shape
    folder.mkdir()
    (folder / "org.yaml").write_text("name: Shape\nsources:\n  S: synthetic\n")
    n = 400 if shape == "deep" else 2000
    nodes = ["id,kind,name,source,evidence,sphere,note"] + [
        f"p{i},Post,Post number {i},S-1,assumed,official,a shape for a test"
        for i in range(n + 1)]
    edges = ["from,to,kind,source,evidence,note"] + [
        f"p{i},p{i - 1 if shape == 'deep' else 0},REPORTS_TO,S-1,assumed,a shape for a test"
        for i in range(1, n + 1)]
    (folder / "nodes.csv").write_text("\n".join(nodes) + "\n")
    (folder / "edges.csv").write_text("\n".join(edges) + "\n")
    org = orgmodel.load(folder)
    res = run("chart", "--org", folder, "-o", tmp_path / "c.pdf")
    assert res.exit_code == 0, res.output
    pages = int(res.output.split("(")[-1].split()[0])
    pages = _check_pages(org, tmp_path / "c.pdf", "a4", pages, column=shape == "deep")
    # a column down the sheet, not a post or two a page
    assert sum(len(p["texts"]) for p in pages) / len(pages) >= 8


def _drawn(svg) -> tuple:
    """``({post id: (x0, y0, x1, y1)}, {unit label: (x0, y0, x1, y1)})`` of
    an SVG chart's boxes and unit boxes."""
    import xml.etree.ElementTree as ET
    ns = "{http://www.w3.org/2000/svg}"

    def extent(g):
        nums = [float(v) for el in g.iter() if el.tag in (ns + "path", ns + "polygon")
                for v in re.findall(r"-?\d+(?:\.\d+)?", el.get("d") or el.get("points"))]
        xs, ys = nums[0::2], nums[1::2]
        return min(xs), min(ys), max(xs), max(ys)
    posts, units = {}, {}
    for g in ET.parse(svg).getroot().iter(ns + "g"):
        title = g.find(ns + "title")
        if g.get("class") == "node" and not title.text.startswith("orgmodel:"):
            posts[title.text] = extent(g)
        elif g.get("class") == "cluster":
            units[" ".join(t.text for t in g.iter(ns + "text"))] = extent(g)
    return posts, units


def test_a_managers_many_reports_sit_in_their_units_box_in_the_order_of_their_ids(tmp_path):
    """A manager's many reports are stacked in columns; those in a unit
    were drawn outside its box (Graphviz left the box out around them), in
    the order of their ids as text (P1, P10, P100, P11 ...) and in columns
    right to left. Each unit's box holds its reports, in columns read left to
    right in the order of their ids."""
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "org.yaml").write_text("name: Wide\nsources:\n  S: synthetic\n")
    nodes = ["id,kind,name,source,evidence,sphere,team_kind,note",
             "top,Post,Director,S-1,assumed,official,,a shape for a test",
             "a,Team,Unit A,S-1,assumed,,unit,a shape for a test",
             "b,Team,Unit B,S-1,assumed,,unit,a shape for a test"] + [
        f"p{i},Post,Caseworker {i},S-1,assumed,official,,a shape for a test"
        for i in range(1, 31)]
    edges = ["from,to,kind,source,evidence,note"] + [
        line for i in range(1, 31) for line in (
            f"p{i},top,REPORTS_TO,S-1,assumed,a shape for a test",
            f"p{i},{'a' if i <= 20 else 'b'},MEMBER_OF,S-1,assumed,a shape for a test")]
    (folder / "nodes.csv").write_text("\n".join(nodes) + "\n")
    (folder / "edges.csv").write_text("\n".join(edges) + "\n")
    files = orgmodel.write_chart(orgmodel.load(folder), tmp_path / "c.svg", paper="a3")
    assert files.pages == 1
    posts, units = _drawn(files[0])
    for unit, members in (("Unit A", range(1, 21)), ("Unit B", range(21, 31))):
        assert unit in units, f"{unit}: no box drawn"
        x0, y0, x1, y1 = units[unit]
        for i in members:
            px0, py0, px1, py1 = posts[f"p{i}"]
            assert x0 <= px0 and px1 <= x1 and y0 <= py0 and py1 <= y1, (unit, i)
    # down a column, then on to the next column to the right (a column's
    # boxes share their middle, within a few points)
    def column(i):
        x0, _, x1, _ = posts[f"p{i}"]
        return round((x0 + x1) / 2 / 40)
    a = sorted(range(1, 21), key=lambda i: (column(i), posts[f"p{i}"][1]))
    assert a == list(range(1, 21)), a
    assert len({column(i) for i in range(1, 21)}) > 1      # (in columns, not one long one)


def test_a_page_holds_each_post_once_and_its_parts_hang_from_it():
    from orgmodel.formats.chart import _Drawing
    org = _org("synth-600")
    drawing = _Drawing(org, None, None, None, None, 2, "en")
    pages = drawing.plan("a4")
    drawn: dict = {}
    for i, p in enumerate(pages):
        for x in p.posts:
            if x not in p.tops and x not in p.counted:
                drawn.setdefault(x, []).append(i)
    roots = {t for p in pages for t in p.tops}
    assert all(len(v) == 1 for v in drawn.values())
    assert set(drawn) | roots >= drawing.posts
    # every counted box is the top of a later page
    for i, p in enumerate(pages):
        for x in p.counted:
            assert any(x in q.tops for q in pages[i + 1:]), x


def test_an_svg_chart_links_its_pages(tmp_path):
    import re
    files = orgmodel.write_chart(_org("synth-600"), tmp_path / "c.svg", paper="a4")
    assert len(files) == files.pages > 1
    assert [f.name for f in files[:3]] == ["c.svg", "c-2.svg", "c-3.svg"]
    hrefs = set(re.findall(r'xlink:href="([^"]+)"', files[0].read_text()))
    assert hrefs and hrefs <= {f.name for f in files}


def test_the_diff_chart_comes_in_pages_with_what_changed_below(tmp_path):
    from orgmodel.diff import diff
    from orgmodel.whatif import apply as apply_changes
    before = _org("synth-600")
    gone = sorted(p for p in before.ids("Post") if p.startswith("staff-"))[:3]
    after = apply_changes(before, [{"close": p} for p in gone])
    res = run("diff", "--format", "json", "--chart", tmp_path / "d.pdf", "--paper", "a3",
              *_saved(tmp_path, before, after))
    assert res.exit_code == 0, res.output
    text = "".join(t for p in printed(tmp_path / "d.pdf") for t, _, _, _ in p["texts"])
    assert "changed (p." in text                     # a part with changes says so
    dot = "".join(orgmodel.chart_pages(after, diff=diff(before, after), paper="a3"))
    for p in gone:                                     # the closed posts, drawn as closed
        assert f'"{p}" [label=' in dot


def _saved(tmp_path, *orgs):
    out = []
    for i, org in enumerate(orgs):
        orgmodel.save(org, tmp_path / f"v{i}")
        out.append(tmp_path / f"v{i}")
    return out


def test_a_bad_paper_is_one_clear_message(tmp_path):
    res = run("chart", "--org", DATA / "template", "-o", tmp_path / "c.pdf", "--paper", "a0")
    assert res.exit_code == 2 and "a0" in res.output and "a4" in res.output
    from orgmodel.errors import OrgModelError
    with pytest.raises(OrgModelError, match="a0: a chart's paper is one of a4, a3, slide"):
        orgmodel.write_chart(_org("template"), tmp_path / "c.svg", paper="a0")
    assert not (tmp_path / "c.svg").exists()


def test_a_pages_reports_are_the_same_however_they_are_found():
    """A page's reports of a manager of thousands are found from the page's
    posts, not by looking up each of the thousands (a line of 20,000
    reports to one post took a minute to cut into pages): the same reports,
    in the same order, as the plain way finds them, on a page of some and
    of all of them."""
    import random

    from orgmodel.formats._chart_pages import _children, _Cutter
    rng = random.Random(7)
    parent = {f"p{i}": "top" for i in range(1, 3000)}
    parent.update({f"q{i}": f"p{rng.randrange(1, 50)}" for i in range(500)})
    children = _children(["top", *parent], parent)
    cut = _Cutter(children, lambda p, c: (60.0, 36.0), "a4")
    for shown in (set(rng.sample(sorted(parent), 40)) | {"top"}, {"top", *parent}):
        for x in ("top", "p3", "p17", "q2"):
            plain = [c for c in children.get(x, ()) if c in shown]
            assert cut.shown_kids(x, shown) == plain
    assert len(cut.shown_kids("top", {"top", "p5", "p9", "q1"})) == 2
