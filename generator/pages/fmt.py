"""Escaping, labels, number display and page-relative URLs.

All text from the packages is untrusted: everything rendered into a page goes
through `esc` (HTML) — Markdown is only ever produced from our own strings.
"""

from __future__ import annotations

import colorsys
import csv
import html
import posixpath
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

ASSETS = Path(__file__).parent / "assets"


def esc(value: object) -> str:
    """HTML-escape text from the data (quotes included: it may land in attributes).

    Markdown specials are neutralised too, so data can never become a link,
    emphasis or an HTML block when a page is rendered by Python-Markdown; and "@", so
    it can never become a placeholder the build fills in (generator/pages/hooks.py).
    """
    text = html.escape("" if value is None else str(value), quote=True)
    return (
        text.replace("*", "&#42;")
        .replace("_", "&#95;")
        .replace("`", "&#96;")
        .replace("[", "&#91;")
        .replace("]", "&#93;")
        .replace("|", "&#124;")
        .replace("\\", "&#92;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
        .replace("@", "&#64;")
    )


@cache
def _labels() -> dict[tuple[str, str], str]:
    with (ASSETS / "labels.csv").open(encoding="utf-8") as fh:
        return {(r["group"], r["key"]): r["label"] for r in csv.DictReader(fh)}


def label(group: str, key: str) -> str:
    return _labels().get((group, key), key)


def stage_label(stage: str) -> str:
    return label("stage", stage)


@cache
def field_titles() -> dict[str, str]:
    with (ASSETS / "fields.csv").open(encoding="utf-8") as fh:
        return {r["field"]: r["title"] for r in csv.DictReader(fh)}


@cache
def _palette() -> tuple[str, ...]:
    with (ASSETS / "palette.csv").open(encoding="utf-8") as fh:
        return tuple(r["color"] for r in csv.DictReader(fh))


def extra_color(n: int) -> str:
    """The n-th colour after the palette: hues a golden angle apart, so any number stay distinct."""
    r, g, b = colorsys.hls_to_rgb((n * 0.381966 + 0.12) % 1.0, 0.42, 0.62)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def department_colors(department_ids: list[str]) -> dict[str, str]:
    """One colour per department, the same on every chart: the palette's colours in the order the
    departments are listed (first listed, first colour), then generated ones. No department is named
    anywhere: a new one takes the next free colour."""
    palette = _palette()
    colors: dict[str, str] = {}
    for dep in dict.fromkeys(department_ids):
        n = len(colors)
        colors[dep] = palette[n] if n < len(palette) else extra_color(n - len(palette))
    return colors


def tints(color: str, n: int) -> list[str]:
    """n shades of `color`, lightest first and `color` itself last (a department's years, oldest first)."""
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    out = []
    for i in range(n):
        mix = 0.75 * (n - 1 - i) / max(1, n - 1)  # how far towards white
        out.append("#" + "".join(f"{round((c + (1 - c) * mix) * 255):02x}" for c in (r, g, b)))
    return out


def show_amount(value: str) -> str:
    """Display a CSV amount with thousands separators, keeping its exact digits; blank → —."""
    text = (value or "").strip()
    if not text:
        return "—"
    try:
        number = Decimal(text)
    except InvalidOperation:
        return esc(text)
    return f"{number:,}"


WAN_PLACES = Decimal("0.01")  # 万元 as printed in the sources: two decimals


def wan(value: object) -> str:
    """An amount in 万元 as the site shows it everywhere: thousands separators and at least two decimals.

    Zeros are only appended, never rounded away: an amount with more digits keeps them all.
    """
    if value is None or value == "":
        return "—"
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return esc(value)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        number = number.quantize(WAN_PLACES)
    return f"{number:,}"


def show_wan(value: str) -> str:
    """A CSV amount in 万元 for display (see `wan`); blank → —."""
    return wan((value or "").strip())


def show_value(value: str, unit: str) -> str:
    """A figure in its unit: 万元 with two decimals (`show_wan`), any other unit as published."""
    return show_wan(value) if (unit or "").strip() == "万元" else show_amount(value)


def percent(part: Decimal, whole: Decimal) -> str:
    if not whole:
        return "—"
    return f"{(part * 100 / whole).quantize(Decimal('0.1'))}%"


def page_url(md_path: str) -> str:
    """The site URL directory of a Markdown page (use_directory_urls): a/b.md → a/b/, a/index.md → a/."""
    stem = md_path[:-3] if md_path.endswith(".md") else md_path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def rel_url(from_md: str, target: str) -> str:
    """URL of a site file (`assets/x.json`) relative to the rendered page of `from_md`.

    Raw HTML in Markdown is not rewritten by MkDocs, so links inside it are made
    relative here; they keep working under any site_url prefix.
    """
    base = page_url(from_md) or "."
    url = posixpath.relpath(target or ".", base)
    if target.endswith("/") or not target:
        url = url.rstrip("/") + "/"
    return "./" if url in ("./", "/") else url


def md_link(from_md: str, target_md: str) -> str:
    """A Markdown link target between two Markdown files (MkDocs validates and rewrites it)."""
    return posixpath.relpath(target_md, posixpath.dirname(from_md) or ".")
