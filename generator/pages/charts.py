"""Altair charts written as Vega-Lite specs + the exact plotted data, embedded as accessible figures.

Each chart becomes three things: `assets/specs/<page>/<id>.json` (the spec, kept out
of the page so the search index never sees it), `<id>.csv` (exactly the plotted
records, UTF-8 with BOM for Excel) and an HTML <figure> with title, unit, stage,
source, a text description, the data as a table and download links. The browser
renders the spec with the vendored vega-embed (docs/assets/charts.js).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import altair as alt
import pandas as pd

from generator.pages.fmt import esc, percent, rel_url, show_amount, show_wan
from generator.pages.sources import ref_html

FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, Source Han Sans SC, sans-serif"
UNIT = "万元"
# An axis titled （万元） ticks in 万元 throughout: 10,000, never "1亿" (read as 1亿万元).
AXIS_FORMAT = ",f"  # with a tick step: 5,000 / 0.5, never 5e+3


@dataclass
class Column:
    key: str
    title: str
    numeric: bool = False


@dataclass
class ChartData:
    """What a chart plots: records (exact strings/Decimals) and their columns."""

    chart_id: str
    title: str
    stage: str  # "决算", "预算" or e.g. "决算（甲区 2024）/ 预算（乙县 2024）"
    source: str  # human-readable source line
    description: str  # text alternative for screen readers
    columns: list[Column]
    records: Sequence[Mapping[str, object]]
    unit: str = UNIT
    spec: dict = field(default_factory=dict)
    # the disclosure of a single-disclosure chart; records of a comparison carry their own disclosure_id
    disclosure_id: str = ""
    # what the chart is of when its title does not say ("某区 2024 决算" for a disclosure's 图3): cited with it
    subject: str = ""
    # a chart of shares (100% bars): its axis is a percentage of the amounts in `unit`
    share: bool = False

    @property
    def unit_label(self) -> str:
        return f"%（占{self.unit}金额合计）" if self.share else self.unit


def _plain(value: object) -> object:
    """JSON value for the spec: Decimal → number with the same digits."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent  # "n"/"N"/"F" for NaN and infinity
        return int(value) if isinstance(exponent, int) and exponent >= 0 else float(value)
    return value


def frame(data: ChartData) -> pd.DataFrame:
    # a record's disclosure_id only links its source_ref in the data table: it is not plotted
    return pd.DataFrame([{k: _plain(v) for k, v in r.items() if k != "disclosure_id"} for r in data.records])


def tooltips(data: ChartData) -> list[alt.Tooltip]:
    """One tooltip line per column; amounts with thousands separators and two decimals."""
    return [alt.Tooltip(f"{c.key}:{'Q' if c.numeric else 'N'}", title=c.title,
                        format=",.2f" if c.numeric else alt.Undefined) for c in data.columns]


# Where a chart's title/subtitle may break: after Chinese list and clause punctuation; inside a
# longer piece after a space ("某区 2024 决算" stays whole when it can).
BREAK_AFTER = "、，；：。）　"
BREAK_BEFORE = "（"
# Longest source line drawn in a chart (display width, CJK = 1); longer ones are shortened and the
# full list stays in the caption below the chart.
SOURCE_MAX = 24


def text_width(text: str) -> float:
    """Display width in CJK characters: ASCII letters and digits are about half as wide."""
    return sum(0.55 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def _tokens(text: str, breaks: str) -> list[str]:
    """Pieces that must stay on one line: each ends after a break character."""
    out, cur = [], ""
    for ch in text:
        if ch in BREAK_BEFORE and cur.strip() and breaks == BREAK_AFTER:  # an opening bracket starts a piece
            out.append(cur)
            cur = ""
        cur += ch
        if ch in breaks:
            out.append(cur)
            cur = ""
    return [*out, cur] if cur else out


def _pieces(text: str, width: float) -> list[str]:
    """Break pieces, split further at spaces, then anywhere, until each fits a line."""
    out = []
    for tok in _tokens(text, BREAK_AFTER):
        subs = [tok] if text_width(tok.rstrip()) <= width else _tokens(tok, " ")
        for sub in subs:
            while text_width(sub.rstrip()) > width:  # no break character at all: cut where it must be
                cut = 1
                while text_width(sub[:cut + 1]) <= width:
                    cut += 1
                out.append(sub[:cut])
                sub = sub[cut:]
            out.append(sub)
    return out


def wrap(text: str, width: float) -> list[str]:
    """Lines of at most `width` display width, broken after punctuation (、，；…), before （, or at spaces.

    charts.js re-wraps the same text to the real width of the chart in the browser.
    """
    lines: list[str] = []
    cur = ""
    for piece in _pieces(text, width):
        if cur and text_width(cur + piece.rstrip()) > width:
            lines.append(cur.rstrip())
            cur = ""
        cur += piece
    if cur.strip() or not lines:
        lines.append(cur.rstrip())
    return lines


def chart_source(source: str) -> str:
    """The source line drawn in the chart: a long list of disclosures ("表；甲、乙、丙") becomes a
    pointer to the caption, which keeps the full list. A single document's source is only wrapped."""
    head, sep, tail = source.partition("；")
    if not sep or text_width(source) <= SOURCE_MAX:
        return f"来源：{source}"
    return f"来源：{head}（各公开文件见图下说明）" if head else "来源：各公开文件（见图下说明）"


def _title_lines(data: ChartData) -> tuple[str, list[str]]:
    return data.title, [f"单位：{data.unit_label}　阶段：{data.stage}", chart_source(data.source)]


def _config(chart: alt.TopLevelMixin, data: ChartData, *, fit: str = "x") -> dict:
    # Title and subtitle are wrapped into short lines: Vega's fit-x autosize counts their width,
    # and one long source line would squeeze the plot to nothing on a phone. The unwrapped
    # lines go in usermeta so the browser can re-wrap them to the chart's real width.
    title, subtitle = _title_lines(data)
    spec = chart.properties(
        title=alt.TitleParams(
            text=wrap(title, 18), subtitle=[line for s in subtitle for line in wrap(s, 24)],
            anchor="start",
        ),
        description=data.description,
    ).configure(font=FONT, background="#ffffff").configure_view(stroke=None).configure_axis(
        labelLimit=130, labelFontSize=12, titleFontSize=12, titleFontWeight="normal",
    ).configure_legend(labelFontSize=12, titleFontSize=12, labelLimit=220).configure_title(
        fontSize=16, subtitleFontSize=12, subtitlePadding=6, color="#212121", subtitleColor="#555555",
    ).configure_arc(stroke="#ffffff").to_dict()
    spec["usermeta"] = {"title": title, "subtitle": subtitle, "fit": fit}
    if fit == "x":
        spec["autosize"] = {"type": "fit-x", "contains": "padding"}
        spec["width"] = "container"
    return spec


LABEL_LINE = 9  # characters of an axis label line (CJK at 12 px in a 130 px label column)
WRAP_LABEL = (f"length(datum.label) <= {LABEL_LINE} ? datum.label : length(datum.label) <= {2 * LABEL_LINE} ? "
              f"[substring(datum.label, 0, {LABEL_LINE}), substring(datum.label, {LABEL_LINE})] : "
              f"[substring(datum.label, 0, {LABEL_LINE}), substring(datum.label, {LABEL_LINE}, {2 * LABEL_LINE}), "
              f"length(datum.label) <= {3 * LABEL_LINE} ? substring(datum.label, {2 * LABEL_LINE}) : "
              f"substring(datum.label, {2 * LABEL_LINE}, {3 * LABEL_LINE - 1}) + '…']")


def bar_chart(data: ChartData, *, category: str, value: str, color: str | None = None,
              colors: dict[str, str] | None = None, offset: str | None = None, sort: bool = True) -> ChartData:
    """Horizontal bars: one per category (optionally grouped by `offset`, coloured by `color`)."""
    df = frame(data)
    titles = {c.key: c.title for c in data.columns}
    # long labels (project names sharing their first words) wrap onto up to three lines instead of being cut
    # to one: what a screenshot shows still tells the bars apart
    wrapped = max((len(str(r[category])) for r in data.records), default=0) > LABEL_LINE
    y = alt.Y(f"{category}:N", title=None, sort="-x" if sort and not offset else None,
              axis=alt.Axis(labelLimit=130, labelExpr=WRAP_LABEL if wrapped else alt.Undefined))
    enc: dict = {
        "y": y,
        # few ticks: on a phone the plot is ~150px wide
        "x": alt.X(f"{value}:Q", title=f"{titles.get(value, value)}（{data.unit}）",
                   axis=alt.Axis(tickCount=4, labelFlush=True, labelOverlap="greedy",
                                 format=AXIS_FORMAT if data.unit == UNIT else alt.Undefined)),
        "tooltip": tooltips(data),
    }
    if color:
        scale = alt.Scale(domain=list(colors), range=list(colors.values())) if colors else alt.Undefined
        # a single-valued colour (one department) needs no legend
        legend = None if colors and len(colors) == 1 else alt.Legend(orient="bottom", direction="horizontal",
                                                                     columns=2)
        enc["color"] = alt.Color(f"{color}:N", title=titles.get(color, color), scale=scale, legend=legend)
    if offset:
        enc["yOffset"] = alt.YOffset(f"{offset}:N")
    rows = max(1, len({r[category] for r in data.records}))
    per = (42 if wrapped else 26) if not offset else max(42 if wrapped else 0,
                                                         16 * max(1, len({r[offset] for r in data.records})) + 10)
    chart = alt.Chart(df).mark_bar(cornerRadiusEnd=2).encode(**enc).properties(height=min(1400, rows * per + 20))
    data.spec = _config(chart, data)
    return data


def small_multiples_chart(data: ChartData, *, category: str, value: str, panel: str, color: str,
                          colors: dict[str, str]) -> ChartData:
    """One small bar chart per `panel` (a disclosure), each with its OWN value scale.

    For comparisons where one disclosure is many times larger than the others: on a common
    scale their bars would be slivers. The axis title says the scales differ.
    """
    df = frame(data)
    titles = {c.key: c.title for c in data.columns}
    scale = alt.Scale(domain=list(colors), range=list(colors.values()))
    chart = alt.Chart(df).mark_bar(cornerRadiusEnd=2).encode(
        y=alt.Y(f"{category}:N", title=None, sort="-x", axis=alt.Axis(labelLimit=130)),
        x=alt.X(f"{value}:Q", title=f"{titles.get(value, value)}（{data.unit}，各小图刻度不同）",
                axis=alt.Axis(tickCount=3, labelFlush=True, labelOverlap="greedy",
                              format=AXIS_FORMAT if data.unit == UNIT else alt.Undefined)),
        color=alt.Color(f"{color}:N", scale=scale, legend=None),
        tooltip=tooltips(data),
    ).properties(width=420, height=alt.Step(18)).facet(
        row=alt.Row(f"{panel}:N", title=None, sort=list(dict.fromkeys(str(r[panel]) for r in data.records)),
                    header=alt.Header(labelAngle=0, labelOrient="top", labelAnchor="start", labelFontSize=13,
                                      labelFontWeight="bold", labelPadding=4)),
        spacing=18,
    ).resolve_scale(x="independent", y="independent")
    # facets cannot fit a container: charts.js sets the panel width from the chart's real width
    data.spec = _config(chart, data, fit="facet")
    return data


SHARE = "share"  # the record field holding its printed share ("11.7%")


def add_shares(data: ChartData, *, part: str, value: str, category: str | None = None) -> None:
    """Give each record the share of its `part` in its `category`'s total (the whole chart when no category),
    computed from the plotted amounts and printed as the tables print shares (`percent`): the chart's
    labels, its data table and its CSV all show the same text."""
    sums: dict[tuple[str, str], Decimal] = {}
    totals: dict[str, Decimal] = {}
    counts: dict[tuple[str, str], int] = {}
    for r in data.records:
        key = (str(r.get(category, "")) if category else "", str(r[part]))
        amount = r.get(value)
        amount = amount if isinstance(amount, Decimal) else Decimal(0)
        sums[key] = sums.get(key, Decimal(0)) + amount
        totals[key[0]] = totals.get(key[0], Decimal(0)) + amount
        counts[key] = counts.get(key, 0) + 1
    data.records = [{**r, SHARE: percent(sums[key], totals[key[0]])} for r in data.records
                    for key in [(str(r.get(category, "")) if category else "", str(r[part]))]]
    # several records make up one part (人员经费 = 301 + 303): the share is the part's, and the title says so
    title = "占比" if max(counts.values(), default=1) == 1 else f"{_titles(data).get(part, part)}占比"
    at = next((i for i, c in enumerate(data.columns) if c.key == "source_ref"), len(data.columns))
    data.columns = [*data.columns[:at], Column(SHARE, title), *data.columns[at:]]


def _titles(data: ChartData) -> dict[str, str]:
    return {c.key: c.title for c in data.columns}


def stacked_share_chart(data: ChartData, *, category: str, value: str, part: str,
                        colors: dict[str, str] | None = None, normalize: bool = True) -> ChartData:
    """How each `category` (a disclosure) splits by `part`. normalize: shares, one small panel per category
    with a bar per part and its percentage printed at the bar's end (`share_bars`); else the amounts as
    one stacked bar per category."""
    # parts that are not departments get muted colours, distinct from the department palette
    scale = (alt.Scale(domain=list(colors), range=list(colors.values())) if colors
             else alt.Scale(scheme="set2"))
    if normalize:
        return share_bars(data, category=category, value=value, part=part, scale=scale)
    df = frame(data)
    titles = _titles(data)
    chart = alt.Chart(df).mark_bar().encode(
        # bars in the order of the records (disclosures as the site lists them), not alphabetical
        y=alt.Y(f"{category}:N", title=None, axis=alt.Axis(labelLimit=130),
                sort=list(dict.fromkeys(str(r[category]) for r in data.records))),
        x=alt.X(f"sum({value}):Q", stack=True, title=f"{titles.get(value, value)}（{data.unit}）",
                axis=alt.Axis(tickCount=4, labelFlush=True, labelOverlap="greedy", format=AXIS_FORMAT)),
        color=alt.Color(f"{part}:N", title=titles.get(part, part), scale=scale,
                        legend=alt.Legend(orient="bottom", direction="vertical", columns=1, labelLimit=260)),
        order=alt.Order(f"{part}:N"),
        tooltip=tooltips(data),
    ).properties(height=max(60, 34 * len({r[category] for r in data.records})))
    data.spec = _config(chart, data)
    return data


LABEL_ROOM = 44  # px right of a share bar for its printed percentage ("100.0%")


def share_bars(data: ChartData, *, category: str, value: str, part: str, scale: alt.Scale) -> ChartData:
    """Shares as bars on one 0–100% scale, a panel per `category` headed by its name, each bar labelled with
    its part (axis) and its percentage (a text mark): a static screenshot on a phone reads without hover.
    A stacked 100% bar cannot: its small parts are too narrow for any label."""
    data.share = True
    add_shares(data, part=part, value=value, category=category)
    df = frame(data)
    titles = _titles(data)
    # parts by name in every panel: codes ascending (208, 210 …), as the legend of a stacked bar listed them
    y = alt.Y(f"{part}:N", title=None, sort=sorted({str(r[part]) for r in data.records}),
              axis=alt.Axis(labelLimit=150))  # "208 社会保障和就业支出" whole
    x = alt.X("share_fraction:Q", title="占比", scale=alt.Scale(domain=[0, 1]),
              axis=alt.Axis(format="%", tickCount=3, labelFlush=True))
    tips = [alt.Tooltip(f"{category}:N", title=titles.get(category, category)),
            alt.Tooltip(f"{part}:N", title=titles.get(part, part)),
            alt.Tooltip(f"{value}:Q", title=titles.get(value, value), format=",.2f"),
            alt.Tooltip(f"{SHARE}:N", title="占比")]
    bars = alt.Chart().mark_bar(cornerRadiusEnd=2).encode(
        y=y, x=x, color=alt.Color(f"{part}:N", scale=scale, legend=None), tooltip=tips)
    labels = alt.Chart().mark_text(align="left", baseline="middle", dx=4, fontSize=12).encode(
        y=y, x=x, text=alt.Text(f"{SHARE}:N"))
    # one bar per part: the records of a part are summed; its share was printed from the same sums
    chart = alt.layer(bars, labels, data=df).transform_aggregate(
        [alt.AggregatedFieldDef(op="sum", field=value, **{"as": value})], groupby=[category, part, SHARE],
    ).transform_joinaggregate(share_total=f"sum({value})", groupby=[category]).transform_calculate(
        share_fraction=f"datum.share_total ? datum['{value}'] / datum.share_total : 0",
    ).properties(width=420, height=alt.Step(20)).facet(
        row=alt.Row(f"{category}:N", title=None, sort=list(dict.fromkeys(str(r[category]) for r in data.records)),
                    header=alt.Header(labelAngle=0, labelOrient="top", labelAnchor="start", labelFontSize=13,
                                      labelFontWeight="bold", labelPadding=4)),
        spacing=14,
    ).resolve_scale(y="independent")
    data.spec = _config(chart, data, fit="facet")
    data.spec["usermeta"]["labelRoom"] = LABEL_ROOM
    return data


def arc_chart(data: ChartData, *, category: str, value: str) -> ChartData:
    """Donut of a composition (the source documents' pie figures), each slice's percentage printed beside it."""
    add_shares(data, part=category, value=value)
    df = frame(data)
    titles = _titles(data)
    # both layers stack in the same order (by the part's name, as the colour legend lists it), so each label
    # sits beside its own slice
    base = alt.Chart(df).encode(theta=alt.Theta(f"{value}:Q", stack=True), order=alt.Order(f"{category}:O"))
    arcs = base.mark_arc(innerRadius=50, outerRadius=88).encode(
        color=alt.Color(f"{category}:N", title=titles.get(category, category),
                        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=220),
                        scale=alt.Scale(scheme="tableau10")),
        tooltip=tooltips(data),
    )
    labels = base.mark_text(radius=108, fontSize=12).encode(detail=f"{category}:N", text=alt.Text(f"{SHARE}:N"))
    chart = alt.layer(arcs, labels).properties(height=240)
    data.spec = _config(chart, data)
    return data


# A disclosure whose plotted sum is this many times the largest of the others dwarfs them on a
# common scale: the page then shows shares first and notes the difference in scale.
SCALE_FACTOR = 5


def scale_outliers(records: list[dict], key: str, value: str) -> list[tuple[str, Decimal, int]]:
    """(label, its sum, times the largest other sum) for each `key` that dwarfs all the others."""
    sums: dict[str, Decimal] = {}
    for r in records:
        v = r.get(value)
        if isinstance(v, Decimal) and v > 0:
            sums[str(r[key])] = sums.get(str(r[key]), Decimal(0)) + v
    out = []
    for name, total in sums.items():
        others = [v for k, v in sums.items() if k != name]
        if others and max(others) > 0 and total >= SCALE_FACTOR * max(others):
            out.append((name, total, int(total / max(others))))
    return out


def csv_text(data: ChartData) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.title for c in data.columns])
    for r in data.records:
        writer.writerow(["" if r.get(c.key) is None else str(r.get(c.key)) for c in data.columns])
    return "\ufeff" + out.getvalue()


def table_html(data: ChartData, sources: Mapping[str, list] | None = None) -> str:
    head = " ".join(f'<th scope="col"{" class=num" if c.numeric else ""}>{esc(c.title)}</th>' for c in data.columns)
    body = []
    for r in data.records:
        cells = []
        for c in data.columns:
            v = r.get(c.key)
            if c.numeric:
                text = "" if v is None else str(v)
                cells.append(f'<td class="num">{show_wan(text) if data.unit == UNIT else show_amount(text)}</td>')
            elif c.key == "source_ref":
                did = str(r.get("disclosure_id") or data.disclosure_id)
                cells.append(f'<td class="ref">{ref_html(dict(sources or {}), did, str(v or ""))}</td>')
            else:
                cells.append(f"<td>{esc(v)}</td>")
        body.append("<tr>" + " ".join(cells) + "</tr>")
    return (f'<div class="table-wrap"><table class="data-table sortable chart-table"><thead><tr>{head}</tr></thead>'
            f'<tbody>{" ".join(body)}</tbody></table></div>')


STATIC_WIDTH = 720  # px of a chart drawn at build time; the picture scales down on a phone


def static_svg(spec: dict) -> str:
    """The chart as SVG, drawn by vl-convert at a fixed width (a page-wide chart has no container here)."""
    import vl_convert as vlc  # heavy: only for pages with a static chart

    fixed = json.loads(json.dumps(spec))
    if fixed.get("width") == "container":
        fixed["width"] = STATIC_WIDTH
    return _renumber_ids(vlc.vegalite_to_svg(fixed))


def _renumber_ids(svg: str) -> str:
    """vl-convert numbers clip paths with a counter that runs on across renders in one process
    (clip1, then clip5…): number them from 1 in order of appearance, so a build is reproducible."""
    names: dict[str, str] = {}
    for m in re.finditer(r'id="(clip\d+)"', svg):
        names.setdefault(m.group(1), f"c{len(names) + 1}")
    if not names:
        return svg
    return re.sub(r'\b(clip\d+)\b', lambda m: names.get(m.group(1), m.group(1)), svg)


def cite_html(data: ChartData, anchor: str) -> str:
    """"引用本图" and the chart's permalink. The site's name and address, the page's URL, the version and
    the build date are filled in at `mkdocs build` (generator/pages/hooks.py), like the cite page's;
    kept out of the search index (the same words on every chart page)."""
    title = f"{data.subject}：{data.title}" if data.subject else data.title
    return (f'<span class="chart-cite" data-search-exclude>引用本图：{esc(title)}。@site_name@，@page_url@#{anchor}，'
            f'版本 @version@（生成于 @build_date@），访问日期：[YYYY-MM-DD]。 '
            f'<a class="chart-permalink" href="#{anchor}" title="本图的固定链接">¶ 链接</a></span>')


class ChartWriter:
    """Writes chart files under docs/assets/specs/ and returns the <figure> HTML for a page."""

    def __init__(self, docs_dir: Path, sources: Mapping[str, list] | None = None):
        self.docs_dir = Path(docs_dir)
        self.sources = sources or {}
        self.count = 0

    def figure(self, data: ChartData, page_md: str, *, static: bool = False) -> str:
        """The chart's <figure>. `static`: drawn at build time as an SVG picture, so the page needs no
        chart library (the home page stays light); the spec, CSV and data table are the same."""
        if not data.records or not data.spec:
            return ""
        slug = page_md[:-3].replace("/", "-")
        base = f"assets/specs/{slug}/{data.chart_id}"
        target = self.docs_dir / base
        target.parent.mkdir(parents=True, exist_ok=True)
        target.with_suffix(".json").write_text(json.dumps(data.spec, ensure_ascii=False, sort_keys=True),
                                               encoding="utf-8")
        target.with_suffix(".csv").write_text(csv_text(data), encoding="utf-8")
        self.count += 1
        # The spec path is relative to the site root (charts.js resolves it against its own URL),
        # so it survives navigation.instant page swaps; the CSV link is an ordinary page-relative link.
        spec_url = base + ".json"
        csv_url = rel_url(page_md, base + ".csv")
        desc_id = f"desc-{esc(data.chart_id)}"
        anchor = f"fig-{esc(data.chart_id)}"
        if static:
            target.with_suffix(".svg").write_text(static_svg(data.spec), encoding="utf-8")
            drawing = (f'<div class="static-chart"><img src="{esc(rel_url(page_md, base + ".svg"))}" '
                       f'alt="{esc(data.title)}" aria-describedby="{desc_id}" loading="lazy"></div>')
        else:
            drawing = (f'<div class="vega-chart" data-spec="{esc(spec_url)}" role="img" aria-label="{esc(data.title)}" '
                       f'aria-describedby="{desc_id}" data-search-exclude><p class="chart-loading">图表加载中……</p></div>')
        return (
            f'<figure class="chart" id="{anchor}">{drawing}'
            f'<figcaption><span class="chart-title">{esc(data.title)}</span>'
            f'<span class="chart-meta">单位：{esc(data.unit_label)} · 阶段：{esc(data.stage)} · 来源：{esc(data.source)}</span>'
            f'<span class="chart-desc" id="{desc_id}">{esc(data.description)}</span>'
            f'<a class="chart-csv" href="{esc(csv_url)}" download>下载图表数据 CSV</a>'
            f'{cite_html(data, anchor)}</figcaption>'
            f'<details class="chart-data"><summary>图表数据表</summary>{table_html(data, self.sources)}</details>'
            f"</figure>"
        )
