"""One number format per unit: 万元 with two decimals everywhere, axes that tick in the unit they name."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from generator.pages import build_pages
from generator.pages.charts import LABEL_LINE
from generator.pages.fmt import show_value, show_wan, wan

REPO = Path(__file__).resolve().parents[1]


def test_wan_pads_to_two_decimals_and_never_rounds():
    assert wan(Decimal("1627.17")) == "1,627.17"
    assert wan(Decimal("0")) == "0.00"
    assert wan(Decimal("10000")) == "10,000.00"
    assert wan(Decimal("12.5")) == "12.50"
    assert wan(Decimal("0.1234")) == "0.1234"  # more digits than two: all kept
    assert show_wan("") == "—"
    assert show_value("26", "人") == "26" and show_value("26", "万元") == "26.00"


def _axes(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("x", "y") and isinstance(value, dict) and isinstance(value.get("title"), str):
                yield value
            yield from _axes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _axes(value)


def test_axes_in_wan_tick_in_wan(tmp_path):
    docs = tmp_path / "docs"
    build_pages(REPO / "datapackages", docs, REPO / "sources")
    checked = 0
    for spec_path in (docs / "assets/specs").rglob("*.json"):
        text = spec_path.read_text(encoding="utf-8")
        assert "亿" not in text, spec_path  # no 亿 labels under a （万元） title
        for enc in _axes(json.loads(text)):
            if "万元" in enc["title"]:
                assert (enc.get("axis") or {}).get("format") == ",f", (spec_path, enc)
                checked += 1
    assert checked >= 10
    # tables, cards and chart data show 万元 with two decimals: 江岸 2024 收支总表 本年收入合计 1,627.17 (L103);
    # the 政府性基金 line is printed as 0 and shown as 0.00
    page = (docs / "disclosures/jiangan-2024-final.md").read_text(encoding="utf-8")
    assert "1,627.17 万元" in page
    assert '<td class="num">0.00</td>' in page  # percentages and counts keep their own form (0%, 0 个)


def _prefix(text: str, width: float) -> str:
    from generator.pages.charts import text_width

    out = ""
    for ch in text:
        if text_width(out + ch) > width:
            break
        out += ch
    return out


def test_bar_labels_tell_rows_apart(tmp_path):
    """What a 130 px axis label shows (about ten CJK characters) differs between the rows of a chart."""
    docs = tmp_path / "docs"
    build_pages(REPO / "datapackages", docs, REPO / "sources")
    clashes = []
    for spec_path in (docs / "assets/specs").rglob("*.json"):
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        enc = (spec.get("encoding") or (spec.get("spec") or {}).get("encoding") or {})
        y = enc.get("y") or {}
        if y.get("type") != "nominal" or "field" not in y:
            continue
        (rows,) = spec["datasets"].values()
        labels = sorted({str(r[y["field"]]) for r in rows})
        # a wrapped label (LABEL_LINE characters a line, three lines) shows more of itself than a cut one
        wraps = "substring" in ((y.get("axis") or {}).get("labelExpr") or "")
        shown = [label[:3 * LABEL_LINE - 1] if wraps else _prefix(label, 9.5) for label in labels]
        if len(set(shown)) < len(shown):
            clashes.append((spec_path.name, [s for s in shown if shown.count(s) > 1][:3]))
    assert clashes == []


def test_gaps_are_said(tmp_path):
    """滑县 2024 预算 publishes 类 only (预算01表 by class): the 款 and 项 comparisons name it instead of omitting it."""
    docs = tmp_path / "docs"
    build_pages(REPO / "datapackages", docs, REPO / "sources")
    page = (docs / "compare/function.md").read_text(encoding="utf-8")
    for level in ("款", "项"):
        section = page.split(f"## {level}\n", 1)[1].split("\n## ", 1)[0]
        (gap,) = [line for line in section.splitlines() if line.startswith("未列入本层级比较")]
        assert f"没有{level}级数字" in gap and "滑县 2024 预算" in gap
