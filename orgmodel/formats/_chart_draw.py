"""Drawing a chart's pages with Graphviz and putting them on paper.

Every page is laid out and drawn by one ``dot`` run, which also writes the
layout's plain text: its size says whether the page really fits its paper
(a page that does not is cut again, with room to spare), and its boxes'
places give the links of a PDF.  The pages are drawn side by side on the
machine's cores.  A PDF's pages are put each on a sheet of the paper
(centred, shrunk only as far as the paper needs) with ``pypdf``.
"""
from __future__ import annotations

import io
import os
import shlex
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import OrgModelError
from ..i18n import Message
from ._chart_pages import PAPERS, overshoot
from ._tables import atomic_write

#: A page that came out larger than its paper is cut again this many times
#: at most, each time as much smaller as it was over, and this much more.
RETRIES, SPARE = 3, 0.95
#: A line of at most this many posts is first laid out whole: one page when it fits.
WHOLE_FIRST = 300
#: The most pixels a PNG side may have (cairo's limit): past it Graphviz
#: would shrink the picture in silence, so the chart refuses instead.
MAX_PIXELS = 32767
#: The white margin around the drawing on a PDF's sheet, in mm.
MARGIN_MM = 10.0
_MM = 72 / 25.4


def draw(drawing, paper, fmt, dpi, path, names) -> tuple:
    """Draw ``drawing``'s pages (see :func:`~orgmodel.formats.chart.write_chart`):
    the files written, and how many pages."""
    dot = shutil.which("dot")
    if dot is None:
        raise OrgModelError(Message("Graphviz's dot is not installed: install Debian's "
                                    "graphviz (scripts/ensure-graphviz) to draw charts"))
    slack: dict = {}
    url = (lambda n: names(n).name) if fmt == "svg" and not hasattr(path, "write") else None
    pages, drawn = _whole_first(drawing, dot, paper, fmt, dpi, url)
    for attempt in range(RETRIES + 1 if pages is None else 0):
        pages = drawing.plan(paper, slack)
        drawn = _run_all(dot, drawing.texts(pages, url), fmt, dpi)
        over = {p.root: overshoot(w, h, paper) for p, (w, h, _, _) in zip(pages, drawn)}
        if attempt == RETRIES or max(over.values()) <= 1:
            break
        for r, o in over.items():      # (the page of r again, as much smaller as it was over)
            if o > 1:
                slack[r] = slack.get(r, 1.0) * SPARE / o
    if fmt == "png":
        _within_raster(drawn, dpi, path)
    if fmt == "pdf":
        targets = drawing.targets(pages)
        return [atomic_write(path, lambda tmp: tmp.write_bytes(
            on_paper(drawn, paper, targets)))], len(drawn)
    return write_files(path, names, [d[2] for d in drawn]), len(drawn)


def _whole_first(drawing, dot, paper, fmt, dpi, url) -> tuple:
    """``([the whole line's page], [its drawing])`` when a line of at most
    :data:`WHOLE_FIRST` posts fits the paper as Graphviz lays it out (the
    estimate errs on the large side: 30 posts were cut in two that fit one
    sheet), else ``(None, None)``."""
    if len(drawing.posts) > WHOLE_FIRST:
        return None, None
    whole = [drawing.whole()]
    drawn = _run_all(dot, drawing.texts(whole, url), fmt, dpi)
    w, h, _, _ = drawn[0]
    return (whole, drawn) if overshoot(w, h, paper) <= 1 else (None, None)


def _run_all(dot, texts, fmt, dpi) -> list:
    """``[(width, height in points, the drawing, the plain layout)]`` of each page."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(lambda text: _run(dot, text, fmt, dpi), texts))


def _run(dot, text, fmt, dpi) -> tuple:
    """One page drawn by ``dot``, with its plain layout; with straight
    lines where the right-angled ones fail (Graphviz 2.43's ``ortho`` router
    stops on some layouts with "chkSgraph: Assertion ... failed")."""
    try:
        return _run_once(dot, text, fmt, dpi)
    except OrgModelError:
        if "splines=ortho" not in text:
            raise
        return _run_once(dot, text.replace("splines=ortho", "splines=polyline", 1), fmt, dpi)


def _run_once(dot, text, fmt, dpi) -> tuple:
    with tempfile.TemporaryDirectory(prefix="orgmodel-chart-") as tmp:
        plain, out = Path(tmp) / "page.plain", Path(tmp) / f"page.{fmt}"
        # (a PDF's own half-inch margin off: the sheet has its margin)
        extra = [f"-Gdpi={dpi}"] if fmt == "png" else ["-Gmargin=0"] if fmt == "pdf" else []
        res = subprocess.run([dot, "-Tplain", "-o", str(plain), f"-T{fmt}", *extra,
                              "-o", str(out)],
                             input=text.encode("utf-8"), capture_output=True, timeout=600)
        if res.returncode != 0 or not out.exists():
            raise OrgModelError(Message("dot could not draw the chart: {reason}", reason=res.stderr
                                        .decode("utf-8", "replace").strip()[:300]))
        layout = plain.read_text(encoding="utf-8", errors="replace")
        return (*_plain_size(layout), out.read_bytes(), layout)


def _within_raster(drawn, dpi, path) -> None:
    """Refuse a PNG page past :data:`MAX_PIXELS` at ``dpi``."""
    for w, h, _, _ in drawn:
        width, height = w / 72 * dpi, h / 72 * dpi
        if max(width, height) > MAX_PIXELS:
            raise OrgModelError(Message(
                "{path}: the chart would be {w} × {h} pixels at {dpi} dpi, more than a PNG "
                "can hold ({limit} a side), and would be shrunk: write it as .svg or .pdf, "
                "or a lower --dpi", path=getattr(path, "name", path), w=round(width),
                h=round(height), dpi=dpi, limit=MAX_PIXELS))


def write_files(path, names, datas) -> list:
    """Write page ``n``'s bytes to ``names(n)``, each file whole or not at all."""
    if hasattr(path, "write") and len(datas) > 1:
        raise OrgModelError(Message(
            "the chart has {n} pages, which go into one file only as a PDF: write to a "
            "file name (the pages beside it) or to .pdf", n=len(datas)))
    return [atomic_write(names(i), lambda tmp, d=data: tmp.write_bytes(d))
            for i, data in enumerate(datas, 1)]


def sheet(paper, width, height) -> tuple:
    """The sheet (width, height in points) a drawing goes on: the paper
    turned to the drawing's orientation where it may turn."""
    pw, ph, turns = PAPERS[paper]
    pw, ph = (pw + 2 * MARGIN_MM) * _MM, (ph + 2 * MARGIN_MM) * _MM
    if turns and height > width:
        pw, ph = ph, pw
    return pw, ph


def on_paper(drawn, paper, targets) -> bytes:
    """One PDF of the pages, each centred on its sheet, shrunk to fit where it
    must, with a link from every box with a count to its page."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject
    writer = PdfWriter()
    links = []
    for i, (_, _, data, layout) in enumerate(drawn):
        page = writer.add_page(PdfReader(io.BytesIO(data)).pages[0])
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        pw, ph = sheet(paper, w, h)
        scale = min(1.0, (pw - 2 * MARGIN_MM * _MM) / w, (ph - 2 * MARGIN_MM * _MM) / h)
        dx, dy = (pw - w * scale) / 2, (ph - h * scale) / 2
        _transform(writer, page, scale, dx, dy)
        page.mediabox = RectangleObject([0, 0, pw, ph])
        if "/CropBox" in page:
            del page["/CropBox"]
        pad = (w - _plain_size(layout)[0]) / 2          # (Graphviz's pad around the drawing)
        for x0, y0, x1, y1, target in _boxes(layout, targets[i]):
            links.append((i, target - 1, [dx + (pad + x0) * scale, dy + (pad + y0) * scale,
                                          dx + (pad + x1) * scale, dy + (pad + y1) * scale]))
    for i, target, rect in links:
        writer.add_annotation(i, _link(rect, writer.pages[target].indirect_reference))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _transform(writer, page, scale, dx, dy) -> None:
    """Scale and move what ``page`` draws: its content between a ``q … cm``
    and a ``Q`` of its own (pypdf's ``add_transformation`` parses the whole
    content, 45 ms a page: most of a 1,000-page chart's time)."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject

    def stream(data: bytes):
        obj = DecodedStreamObject()
        obj.set_data(data)
        return writer._add_object(obj)      # (a content array holds references)
    contents = page.raw_get("/Contents")
    parts = list(contents.get_object()) if isinstance(contents.get_object(), list) \
        else [contents]
    page[NameObject("/Contents")] = ArrayObject(
        [stream(f"q {scale:.6f} 0 0 {scale:.6f} {dx:.3f} {dy:.3f} cm\n".encode()), *parts,
         stream(b"\nQ\n")])


def _link(rect, page_ref):
    """A link annotation over ``rect`` to the page ``page_ref`` (a reference
    to the page, as the PDF standard has a link within the file)."""
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject
    return DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject(FloatObject(round(v, 2)) for v in rect),
        NameObject("/Border"): ArrayObject([NumberObject(0)] * 3),
        NameObject("/Dest"): ArrayObject([page_ref, NameObject("/Fit")])})


def _plain_size(layout) -> tuple:
    """The drawing's (width, height) in points, from its plain layout's first line."""
    first = layout.split("\n", 1)[0].split()
    return float(first[2]) * 72, float(first[3]) * 72


def _boxes(layout, targets):
    """``(x0, y0, x1, y1, page)`` in points of the boxes in ``targets``
    (``{post: page}``), from the plain layout."""
    if not targets:
        return
    wanted = {str(k): v for k, v in targets.items()}
    for line in layout.splitlines():
        if not line.startswith("node "):
            continue
        try:
            _, name, x, y, w, h, *_ = shlex.split(line)
        except ValueError:
            continue
        if name in wanted:
            x, y, w, h = (float(v) * 72 for v in (x, y, w, h))
            yield x - w / 2, y - h / 2, x + w / 2, y + h / 2, wanted[name]
