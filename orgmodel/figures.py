"""The report's charts, as SVG text drawn by matplotlib (no display needed).

One function per chart; each takes the frame its analysis returns and the
translator of the report's language (:func:`orgmodel.i18n.translator`), and
returns the SVG, or None when there is nothing to draw.  Names reach the
SVG as text: matplotlib escapes them, so a name is never markup.

Examples
--------
>>> from orgmodel.span import span_of_control
>>> svg = span_chart(span_of_control(sample).distribution)
>>> svg.lstrip().startswith("<?xml") and "<svg" in svg
True
"""
from __future__ import annotations

import io
import unicodedata

import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .i18n import translator

__all__ = ["span_chart", "layer_pyramid", "fte_chart", "portfolio_chart", "load_chart",
           "MAX_BARS", "MAX_LAYERS"]

#: The most bars in one chart (the rest are in the CSVs).
MAX_BARS = 15
#: The most bars of the layer chart; a deeper line is drawn in bands of layers.
MAX_LAYERS = 20
_BLUE, _RED, _GREY = "#4e79a7", "#e15759", "#bab0ac"


def _figure(height=3.2):
    import matplotlib
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    plt.rcParams["svg.fonttype"] = "none"     # text as text: small, searchable, crisp
    # (the ids in the SVG from a fixed salt, not a random one: the same chart
    # is the same file, and a report's diff shows only what changed)
    plt.rcParams["svg.hashsalt"] = "orgmodel"
    fig, ax = plt.subplots(figsize=(7.5, height))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _svg(fig) -> str:
    import matplotlib.pyplot as plt
    buf = io.StringIO()
    fig.tight_layout()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    return buf.getvalue()


def _short(name, n=42):
    # Control characters have no glyph (and a terminal escape is no label).
    name = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in str(name))
    return name if len(name) <= n else name[:n - 1] + "…"


def _labels(names, ids=None, n=42) -> list:
    """Bar labels: each name shortened, and a name that two bars share
    followed by its id (two units named "Beleid", in two afdelingen, are
    two bars a reader tells apart).

    >>> _labels(["Beleid", "Juridisch", "Beleid"], ["u:r/beleid", "u:juridisch", "u:s/beleid"])
    ['Beleid (u:r/beleid)', 'Juridisch', 'Beleid (u:s/beleid)']
    """
    names = [str(x) for x in names]
    shared = {x for x in names if names.count(x) > 1} if ids is not None else set()
    ids = list(ids) if ids is not None else names
    return [_short(f"{x} ({i})" if x in shared else x, n) for x, i in zip(names, ids)]


def _hbars(ax, labels, values, **style) -> None:
    """Horizontal bars, one per label, the first on top.  (Given the labels
    as the bars' places, matplotlib draws bars of one label on one another:
    two teams of one name were one bar.)"""
    ys = list(range(len(labels)))
    ax.barh(ys, values, **style)
    ax.set_yticks(ys, labels)


def _numbers(axis, t) -> None:
    """The axis's numbers in the language's notation (``0,5`` in Dutch)."""
    axis.set_major_formatter(FuncFormatter(lambda v, _: t.number(float(v), 2)))


def span_chart(distribution, t=translator("en"), low=None, high=None):
    """Managers per number of direct reports, the thresholds as lines."""
    if distribution is None or not len(distribution):
        return None
    fig, ax = _figure()
    x, y = distribution["direct_reports"], distribution["managers"]
    colors = [_RED if (low is not None and v < low) or (high is not None and v > high)
              else _BLUE for v in x]
    ax.bar(x, y, color=colors, width=0.8)
    for v, label in ((low, t("minimum")), (high, t("maximum"))):
        if v is not None:
            ax.axvline(v, color="#555555", linestyle="--", linewidth=1)
            ax.annotate(label, (v, ax.get_ylim()[1]), ha="center", va="bottom", fontsize=8)
    ax.set_xlabel(t("direct reports"))
    ax.set_ylabel(t("managers"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))   # whole managers only
    _numbers(ax.xaxis, t)
    _numbers(ax.yaxis, t)
    return _svg(fig)


def layer_pyramid(layers, t=translator("en"), target=None):
    """Managers per layer, the top layer on top, centred as a pyramid."""
    managers = layers[layers["manager"] & layers["layer"].notna()]
    if not len(managers):
        return None
    counts = managers.groupby("layer").size().sort_index()
    if len(counts) > MAX_LAYERS:
        ys, values, deepest = _layer_bins(counts, t)
        counts = pd.Series(values, index=deepest)
    else:
        ys = [f"{t('layer')} {int(k)}" for k in counts.index]
    # (a bar per layer up to MAX_LAYERS, then bands of layers: the chart is
    # a page high whatever the depth of the line)
    fig, ax = _figure(height=max(2.0, 0.45 * len(counts) + 1))
    colors = [_RED if target and k > target else _BLUE for k in counts.index]
    ax.barh(ys, counts.values, left=-counts.values / 2, color=colors)
    for y, v in zip(ys, counts.values):
        ax.annotate(t.number(v), (0, y), ha="center", va="center", color="white", fontsize=8)
    ax.invert_yaxis()
    ax.set_xticks([])
    ax.spines["bottom"].set_visible(False)
    ax.set_xlabel(t("managers per layer") + (f" ({t('below the target depth in red')})"
                                             if target else ""))
    return _svg(fig)


def _layer_bins(counts, t):
    """``MAX_LAYERS`` bands of layers of equal width: their labels, manager
    counts and deepest layers."""
    first, last = int(counts.index.min()), int(counts.index.max())
    width = -(-(last - first + 1) // MAX_LAYERS)
    ys, values, deepest = [], [], []
    for lo in range(first, last + 1, width):
        hi = min(lo + width - 1, last)
        ys.append(f"{t('layers')} {t.number(lo)}–{t.number(hi)}")
        values.append(int(counts[(counts.index >= lo) & (counts.index <= hi)].sum()))
        deepest.append(hi)
    return ys, values, deepest


def fte_chart(units, t=translator("en")):
    """Posts (and FTE where given) of the largest units."""
    if units is None or not len(units) or not units["posts"].sum():
        return None
    top = units.sort_values("posts", ascending=False, kind="stable").head(MAX_BARS)
    fig, ax = _figure(height=max(2.2, 0.32 * len(top) + 1))
    names = _labels(top["name"], top["id"] if "id" in top else None)
    fte = top["total_fte_max"] if "total_fte_max" in top else top["fte_max"]
    if fte.notna().any() and fte.fillna(0).sum() > 0:
        _hbars(ax, names, fte.fillna(0), color=_BLUE)
        ax.set_xlabel(t("FTE (units with none given show 0)"))
    else:
        _hbars(ax, names, top["posts"], color=_BLUE)
        ax.set_xlabel(t("posts (the sources give no FTE)"))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _numbers(ax.xaxis, t)
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize=8)
    return _svg(fig)


def portfolio_chart(frame, t=translator("en")):
    """Items per portfolio holder, stacked by category; the legend beside the bars."""
    if frame is None or not len(frame):
        return None
    skip = {"holder", "holder_name", "portfolio", "total"}
    cats = [c for c in frame.columns if c not in skip and frame[c].dtype.kind in "if"]
    top = frame.head(MAX_BARS)
    fig, ax = _figure(height=max(2.2, 0.4 * len(top) + 1))
    names = _labels(top["holder_name"], top["holder"] if "holder" in top else None, 32)
    left = None
    for c in cats:
        vals = top[c].fillna(0).values
        _hbars(ax, names, vals, left=left, label=t(c))
        left = vals if left is None else left + vals
    ax.invert_yaxis()
    ax.set_xlabel(t("portfolio items"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _numbers(ax.xaxis, t)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    return _svg(fig)


def load_chart(load, t=translator("en")):
    """The roles reached by the escalation routes of most roles."""
    if load is None or not len(load) or not load["reached_by"].sum():
        return None
    top = load.sort_values("reached_by", ascending=False, kind="stable").head(10)
    fig, ax = _figure(height=max(2.2, 0.35 * len(top) + 1))
    _hbars(ax, _labels(top["name"], top["id"] if "id" in top else None), top["reached_by"],
           color=_BLUE)
    ax.invert_yaxis()
    ax.set_xlabel(t("posts and roles whose routes reach it"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _numbers(ax.xaxis, t)
    ax.tick_params(axis="y", labelsize=8)
    return _svg(fig)
