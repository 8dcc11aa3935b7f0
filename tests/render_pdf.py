"""Render a bundled disclosure to PDF with headless Chromium (round-trip fixtures).

Each run of lines with known cells becomes a ruled HTML table, every other line a
paragraph, so the PDF carries the same statements as the text export; a table or row wider
than the page is scaled down to the page width, never clipped. A plain-text export's blank
lines are part of its layout (they part the lines of one table cell from cells side by side):
they are rendered as a one-line spacer.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

from generator.model import Document, Statement
from generator.normalize.numbers import is_amount

CSS = """
@page { size: A3 landscape; margin: 10mm; }
body { width: 400mm; font-family: 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif; font-size: 9pt; }
p { margin: 0 0 3pt 0; }
p.blank { height: 1lh; }
table { border-collapse: collapse; margin: 4pt 0; page-break-inside: auto; }
td { border: 0.6pt solid #000; padding: 1pt 4pt; height: 11pt; min-width: 22pt; white-space: nowrap; }
p.row { white-space: nowrap; width: max-content; }
td.long { white-space: normal; min-width: 120pt; max-width: 260pt; }
tr { page-break-inside: avoid; }
"""

# A table or unwrapped row wider than the page would be clipped at its right edge (content
# lost): scale it down to the page width, as "fit to width" printing does. body is 400mm wide
# (A3 landscape less margins).
FIT = """
for (const t of document.querySelectorAll('table, p.row')) {
  const avail = document.body.clientWidth, w = t.scrollWidth;
  if (w > avail) {
    const z = avail / w;
    t.style.zoom = z.toFixed(4);
    // zoom shrinks the margins too: keep the usual 7pt between lines, as on a printed page
    t.style.marginTop = t.style.marginBottom = (7 / z).toFixed(1) + 'pt';
  }
}
"""


def _td(cell: str) -> str:
    # short cells never wrap (a wrapped amount would split); long text cells must, to fit the page
    return f"<td class=long>{html.escape(cell)}</td>" if len(cell) > 40 else f"<td>{html.escape(cell)}</td>"


def _line_no(ref: str) -> int:
    m = re.fullmatch(r"L(\d+)", ref)
    if m is None:
        raise ValueError(f"plain-text line without a line number: {ref!r}")
    return int(m.group(1))


def _blank_before(doc: Document) -> set[int]:
    """Indexes of the lines that follow blank line(s) of the source: a gap in the line numbers."""
    numbers = [_line_no(line.ref) for line in doc.lines]
    return {n for n in range(1, len(numbers)) if numbers[n] > numbers[n - 1] + 1}


def document_html(doc: Document) -> str:
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><style>{CSS}</style></head><body>"]
    run: list[tuple[str, ...]] = []

    def flush() -> None:
        if not run:
            return
        width = max(len(cells) for cells in run)
        parts.append("<table>")
        for cells in run:
            padded = list(cells) + [""] * (width - len(cells))
            parts.append("<tr>" + "".join(_td(c) for c in padded) + "</tr>")
        parts.append("</table>")
        run.clear()

    # plain text: where the source has blank lines between two lines (the reader drops them)
    blank_before = _blank_before(doc) if doc.format == "text" else set()
    for n, line in enumerate(doc.lines):
        if n in blank_before:
            flush()
            parts.append("<p class=blank></p>")
        if line.cells is not None and sum(1 for c in line.cells if c) >= 2:
            run.append(line.cells)
            continue
        flush()
        # a table row whose cells are not known must stay on one line, as in the export
        row = sum(1 for token in line.text.split() if is_amount(token)) >= 2
        parts.append(f"<p{' class=row' if row else ''}>{html.escape(line.text)}</p>")
    flush()
    parts.append(f"<script>{FIT}</script></body></html>")
    return "\n".join(parts)


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def statements_html(statements: list[Statement], *, ruled: bool = True) -> str:
    """Statement tables alone (title, unit line, table), with or without rulings: an unruled
    table's columns are only the gaps between its cells."""
    # rulings drawn as outlines, which take no room: both twins have the same layout and pages
    rule = "outline: 0.6pt solid #000" if ruled else "outline: none"
    css = CSS.replace("border: 0.6pt solid #000", f"border: none; {rule}")
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><style>{css}</style></head><body>"]
    for st in statements:
        rows = [line.cells for line in st.lines if line.cells is not None and any(c.strip() for c in line.cells)]
        width = max(len(cells) for cells in rows)
        parts.append(f"<p>{html.escape(st.title)}</p>")
        if not any("单位" in c for cells in rows[:2] for c in cells):
            parts.append(f"<p>单位：{html.escape(st.unit)}</p>")
        parts.append("<table>")
        for cells in rows:
            padded = list(cells) + [""] * (width - len(cells))
            parts.append("<tr>" + "".join(_td(c) for c in padded) + "</tr>")
        parts.append("</table>")
    parts.append(f"<script>{FIT}</script></body></html>")
    return "\n".join(parts)


def render_pdf(doc: Document, out: Path) -> Path:
    return render_html(document_html(doc), out)


def render_html(page_html: str, out: Path) -> Path:
    browser = chromium()
    if browser is None:
        raise RuntimeError("chromium not installed (make sysdeps)")
    page = out.with_suffix(".html")
    page.write_text(page_html, "utf-8")
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={out.parent / 'chromium-profile'}", "--no-pdf-header-footer",
         f"--print-to-pdf={out}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    return out
