"""PDF reader built on pdfplumber: ruled tables become rows of cells, so do tables without rulings
(word_columns: cells from the words' x-positions), the rest text lines.

Every line carries its page (`p12`) so recognition, normalization and checks are
shared with the text exports, and its top on the page (Line.top: the PDF's counterpart of a
text export's line numbers, to tell lines printed right below each other). Tables continued on the next page simply continue
the line sequence; the statement parsers skip repeated headers.
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Document, InputError, Line
from ..normalize.numbers import nfkc
from .pdf_cells import PAGE_NUMBER, clean_cell, merge_split_codes
from .word_columns import TextLine, header_tail, table_cells, words_of

# pdfminer logs every malformed object at WARNING; the reader reports problems itself
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# x_tolerance_ratio: a gap of over 0.28 em is a space (3pt at 10.5pt text), so justified narrative
# gets no spurious spaces and small print keeps its real ones.
# y_tolerance 6: some producers (ONLYOFFICE) set the numbers of a sentence in another font
# about 5pt below the Chinese text; a smaller tolerance splits them onto a line of their own.
TEXT_SETTINGS = {"x_tolerance_ratio": 0.28, "y_tolerance": 6}


def read_pdf(path: Path, data: bytes) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else exc
        if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
            raise InputError(f"{path}: the PDF is encrypted (password protected); decrypt it first") from None
        if isinstance(inner, PDFSyntaxError):
            raise InputError(f"{path}: the PDF is corrupt or truncated ({inner})") from None
        raise InputError(f"{path}: the PDF cannot be opened ({inner or type(inner).__name__})") from None
    except Exception as exc:  # pdfminer raises many types for broken files
        raise InputError(f"{path}: the PDF cannot be opened ({type(exc).__name__}: {exc})") from None

    per_page: list[list[Line]] = []
    heights: list[float] = []
    chars_total = 0
    images_total = 0
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise InputError(f"{path}: the PDF is corrupt or truncated ({type(exc).__name__})") from None
        if not pages:
            raise InputError(f"{path}: the PDF has no pages (corrupt or truncated)")
        carried: list[list[int]] = []
        tail = _Tail([], [], [])
        for number, page in enumerate(pages, start=1):
            try:
                chars_total += len(page.chars)
                images_total += len(page.images)
                page_lines, carried, tail = _page_lines(page, number, carried, tail)
                per_page.append(page_lines)
                heights.append(float(page.height))
            except InputError:
                raise
            except Exception as exc:
                raise InputError(
                    f"{path}: page {number} cannot be read, the PDF is corrupt or truncated "
                    f"({type(exc).__name__})"
                ) from None
            finally:
                page.close()
        page_count = len(pages)
    if chars_total == 0:
        if images_total:
            raise InputError(
                f"{path}: the PDF has no text layer ({page_count} pages of scanned images); "
                "run OCR on it first (e.g. ocrmypdf) and extract the OCR'd file"
            )
        raise InputError(f"{path}: the PDF contains no text")
    return Document(path=path, format="pdf", lines=drop_page_numbers(per_page, heights), pages=page_count)


def _is_white(color: object) -> bool:
    if color is None:
        return False
    values = tuple(color) if isinstance(color, list | tuple) else (color,)
    if len(values) == 4:  # CMYK: no ink
        return all(isinstance(v, int | float) and v <= 0.05 for v in values)
    return len(values) in (1, 3) and all(isinstance(v, int | float) and v >= 0.95 for v in values)


def _visible(obj: dict) -> bool:
    """False for unstroked white fills: Word and WPS paint one behind every text line of a
    cell, and their edges would cut each printed row into several table rows."""
    if obj.get("object_type") != "rect" or obj.get("stroke") or not obj.get("fill"):
        return True
    return not _is_white(obj.get("non_stroking_color"))


def _text_line(text_line: dict) -> TextLine:
    chars = text_line["chars"]
    sizes = sorted(float(c.get("size") or 10) for c in chars) or [10.0]
    return TextLine(
        float(text_line["top"]), float(text_line["bottom"]), sizes[len(sizes) // 2],
        words_of(chars, TEXT_SETTINGS["x_tolerance_ratio"]),
    )


@dataclass(frozen=True)
class _Tail:
    """The last text lines of a page: the header of an unruled table whose body starts on the
    next page. They are replaced in `page` by lines with cells when that body is found."""

    page: list[Line]
    lines: list[Line]
    text: list[TextLine]


def _page_lines(
    page, number: int, carried: list[list[int]], tail: _Tail
) -> tuple[list[Line], list[list[int]], _Tail]:
    ref = f"p{number}"
    placed: list[tuple[float, float, Line]] = []
    tables = page.filter(_visible).find_tables()
    boxes = [t.bbox for t in tables]
    for table in tables:
        rows = [[clean_cell(c) for c in row] for row in table.extract()]
        rows, carried = merge_split_codes(rows, carried)
        for row, cells in zip(table.rows, rows, strict=False):
            if not any(cells):
                continue
            top = row.bbox[1]
            line = Line(" ".join(c for c in cells if c), ref, tuple(cells), number, top)
            placed.append((top, row.bbox[0], line))
    free = []
    for text_line in page.extract_text_lines(strip=True, return_chars=True, **TEXT_SETTINGS):
        mid = (text_line["top"] + text_line["bottom"]) / 2
        x_mid = (text_line["x0"] + text_line["x1"]) / 2
        if any(b[1] <= mid <= b[3] and b[0] <= x_mid <= b[2] for b in boxes):
            continue
        if nfkc(text_line["text"]).strip():
            free.append(text_line)
    # tables without rulings: cells from the words' x-positions (word_columns)
    texts = [_text_line(t) for t in free]
    cells_of = table_cells(tail.text + texts)
    for old, grid in zip(tail.lines, cells_of, strict=False):
        if grid is not None:  # the previous page's last lines head this page's table
            tail.page[tail.page.index(old)] = replace(old, text=" ".join(c for c in grid if c), cells=grid)
    cells_of = cells_of[len(tail.text):]
    free_lines: list[Line] = []
    for text_line, grid in zip(free, cells_of, strict=True):
        top = text_line["top"]
        if grid is not None:
            line = Line(" ".join(c for c in grid if c), ref, grid, number, top)
        else:  # spaces stay: the narrative's own, and those of table rows of no column grid
            line = Line(nfkc(text_line["text"]).strip(), ref, None, number, top)
        free_lines.append(line)
        if line.text:
            placed.append((top, text_line["x0"], line))
    placed.sort(key=lambda item: (round(item[0], 1), item[1]))
    lines = [line for _, _, line in placed]
    span = header_tail(texts, cells_of)
    below = {id(line) for line in free_lines[span.stop:]}  # the page number
    if span and not all(id(line) in below for line in lines[lines.index(free_lines[span.stop - 1]) + 1:]):
        span = range(0)  # a ruled table below them: not the head of the next page's table
    return lines, carried, _Tail(lines, free_lines[span.start:span.stop], texts[span.start:span.stop])


def _margin_number(line: Line, height: float, bottom: bool) -> int | None:
    if line.cells is not None or line.top is None:
        return None
    if not (line.top >= 0.85 * height if bottom else line.top <= 0.12 * height):
        return None
    m = PAGE_NUMBER.match(line.text.strip())
    return int(m.group("n")) if m else None


def drop_page_numbers(pages: list[list[Line]], heights: list[float]) -> list[Line]:
    """Page numbers in the top or bottom margin are furniture: kept, they end up as a row of the
    table above them or glued onto a figure of a sentence broken by the page. A margin number
    counts as a page number only when it runs with the pages (number − page index the same on
    at least two pages), so a wrapped cell or a figure alone on the last line is kept."""
    found: dict[tuple[int, bool], int] = {}
    for i, (lines, height) in enumerate(zip(pages, heights, strict=True)):
        for bottom, line in ((True, lines[-1] if lines else None), (False, lines[0] if lines else None)):
            n = _margin_number(line, height, bottom) if line is not None else None
            if n is not None:
                found[(i, bottom)] = n - i
    offsets = Counter(found.values())
    runs = {offset for offset, count in offsets.items() if count >= 2}
    out: list[Line] = []
    for i, lines in enumerate(pages):
        if found.get((i, True)) in runs and not (len(lines) == 1 and found.get((i, False)) in runs):
            lines = lines[:-1]
        if found.get((i, False)) in runs and lines:
            lines = lines[1:]
        out.extend(lines)
    return out
