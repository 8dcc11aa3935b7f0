"""Parse the data tables the site generator renders (shared by the site tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Cell:
    text: str
    value: str | None  # data-value attribute (the raw code behind a label)


@dataclass
class Table:
    attrs: dict[str, str]
    fields: list[str] = field(default_factory=list)
    rows: list[tuple[dict[str, str], list[Cell]]] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self._stack: list[Table] = []
        self._cell: Cell | None = None
        self._in_th = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            self._stack.append(Table(a))
        elif not self._stack:
            return
        elif tag == "th":
            self._in_th = True
            self._stack[-1].fields.append(a.get("data-field", ""))
        elif tag == "tr" and "data-row" in a:
            self._stack[-1].rows.append((a, []))
        elif tag == "td" and self._stack[-1].rows:
            self._cell = Cell("", a.get("data-value"))

    def handle_endtag(self, tag):
        if tag == "table" and self._stack:
            self.tables.append(self._stack.pop())
        elif tag == "th":
            self._in_th = False
        elif tag == "td" and self._cell is not None:
            self._cell.text = self._cell.text.strip()
            self._stack[-1].rows[-1][1].append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.text += data


def data_tables(html: str) -> list[Table]:
    """Every <table data-resource=…> in a page (tables of chart data and pivots are skipped)."""
    parser = _Parser()
    parser.feed(html)
    return [t for t in parser.tables if t.attrs.get("data-resource")]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs
