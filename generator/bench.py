"""`make bench`: extraction speed against a plain pdfplumber pass, and the site's weight.

Writes a Markdown report to stdout and to bench/results.md (quoted in the README).
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_PDFS = ROOT.parent / "shared" / "real-pdfs"


def _plain_pass(path: Path) -> tuple[int, float]:
    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()
            page.close()
        pages = len(pdf.pages)
    return pages, time.perf_counter() - start


def _our_pass(path: Path) -> float:
    from .read import read_document
    from .recognize import recognize

    start = time.perf_counter()
    recognize(read_document(path))
    return time.perf_counter() - start


def _full_extract(path: Path) -> float:
    """Seconds for the whole pipeline on one file: read, recognize, parse, narrative, checks, package."""
    from .extract import Options, extract_file
    from .model import InputError

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        try:
            extract_file(path, Path(tmp) / "pkg", Options(year=2024, stage="final"))
        except InputError:
            pass  # e.g. the blank template: the time until the verdict still counts
        return time.perf_counter() - start


def bench_pdfs(pdfs: list[Path]) -> tuple[list[str], float]:
    """Per-file table, and the plain pdfplumber pass's pages per second over all files."""
    rows = [
        "| PDF | pages | plain pdfplumber (pages/s) | generator read+recognize (pages/s) | full extract to a package (s) |",
        "|---|---:|---:|---:|---:|",
    ]
    total_pages = total_plain = total_ours = 0.0
    for pdf in pdfs:
        pages, plain = _plain_pass(pdf)
        ours = _our_pass(pdf)
        total_pages += pages
        total_plain += plain
        total_ours += ours
        rows.append(f"| {pdf.name} | {pages} | {pages / plain:.1f} | {pages / ours:.1f} | {_full_extract(pdf):.1f} |")
    if pdfs:
        rows.append(
            f"| **all** | {int(total_pages)} | {total_pages / total_plain:.1f} | {total_pages / total_ours:.1f} | |"
        )
    return rows, (total_pages / total_plain if total_plain else 0.0)


def bench_survey(folder: Path, plain_rate: float) -> list[str]:
    """`survey` of the whole folder, as a user runs it: wall seconds and pages/s against plain pdfplumber."""
    import pdfplumber

    from .survey import survey

    pages = 0
    for pdf in sorted(folder.glob("*.pdf")):
        with pdfplumber.open(pdf) as doc:
            pages += len(doc.pages)
    workers = min(2, os.cpu_count() or 1)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        rows = survey(folder, Path(tmp), workers=workers, force=True)
        seconds = time.perf_counter() - start
    ok = sum(r.status == "ok" for r in rows)
    rate = pages / seconds if seconds else 0.0
    return [
        "| survey of the real PDFs | value |",
        "|---|---:|",
        f"| files (packages written) | {len(rows)} ({ok}) |",
        f"| pages | {pages} |",
        f"| wall time, {workers} worker processes | {seconds:.1f} s |",
        f"| pages/s (survey) | {rate:.1f} |",
        f"| pages/s (plain pdfplumber, one process) | {plain_rate:.1f} |",
    ]


def bench_long_sentence() -> list[str]:
    """The narrative reader on one sentence of growing length: time and peak memory stay linear."""
    import tracemalloc

    from .narrative.facts import extract_facts
    from .pipeline import read

    base = (ROOT / "sources" / "shanhaiguan-2024-budget.txt").read_text("utf-8")
    rows = ["| one sentence of | figures | narrative facts (s) | peak memory (MB) |", "|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1000, 4000, 16000):
            sentence = "本部门说明：" + "机关运行经费支出12.34万元，比上年增加1.2万元，" * n + "。"
            path = Path(tmp) / f"long{n}.txt"
            path.write_text(base + "\n" + sentence + "\n", "utf-8")
            doc = read(path)
            tracemalloc.start()
            start = time.perf_counter()
            extract_facts(doc, "budget", 2024)
            seconds = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            rows.append(f"| {len(sentence):,} characters | {2 * n:,} | {seconds:.1f} | {peak / 1e6:.0f} |")
    return rows


def bench_build() -> list[str]:
    from .catalog import catalog_entries
    from .pipeline import build_disclosure

    rows = ["| disclosure | build (s) |", "|---|---:|"]
    for meta, path in catalog_entries(ROOT / "sources"):
        start = time.perf_counter()
        build_disclosure(meta, path)
        rows.append(f"| {meta.disclosure_id} | {time.perf_counter() - start:.2f} |")
    return rows


def _dir_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def _page_weight(site: Path, page: Path) -> tuple[int, int]:
    """Bytes of a page plus the scripts, styles, images and chart specs it loads from the site.

    Chart specs (data-spec) are fetched by charts.js on every page view; their paths are
    relative to the site root, the other references to the page. Returns (bytes, gzipped bytes):
    GitHub Pages serves text compressed.
    """
    html = page.read_text("utf-8")
    total, packed = len(html.encode()), len(gzip.compress(html.encode()))
    refs = [(page.parent, ref) for ref in set(re.findall(r'(?:src|href)="([^"#?]+\.(?:js|css|png|svg|ico|woff2?))',
                                                         html))]
    refs += [(site, ref) for ref in set(re.findall(r'data-spec="([^"#?]+\.json)"', html))]
    for base, ref in refs:
        target = (base / ref).resolve()
        if target.is_file() and site.resolve() in target.parents:
            data = target.read_bytes()
            total += len(data)
            packed += len(gzip.compress(data)) if target.suffix != ".png" else len(data)
    return total, packed


def bench_site() -> list[str]:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        start = time.perf_counter()
        subprocess.run([str(mkdocs), "build", "--strict", "-q", "-d", str(out)], cwd=ROOT, check=True, env=env)
        seconds = time.perf_counter() - start
        size, count = _dir_size(out)
        weight, packed = _page_weight(out, out / "index.html")
    return [
        "| site | value |",
        "|---|---:|",
        f"| mkdocs build time | {seconds:.1f} s |",
        f"| site size | {size / 1e6:.1f} MB in {count} files |",
        f"| home page weight (HTML + referenced JS/CSS/images + chart specs) | {weight / 1e3:.0f} kB "
        f"({packed / 1e3:.0f} kB gzipped) |",
    ]


def main() -> int:
    pdfs = sorted(REAL_PDFS.glob("*.pdf")) if REAL_PDFS.is_dir() else []
    pdf_rows, plain_rate = bench_pdfs(pdfs)
    sections = ["## PDF extraction (2-core machine)", *pdf_rows, ""]
    if pdfs:
        sections += ["## Survey of ../shared/real-pdfs (`python -m generator survey`)",
                     *bench_survey(REAL_PDFS, plain_rate), ""]
    sections += ["## A very long sentence (narrative reader)", *bench_long_sentence(), ""]
    sections += [
        "## Building the bundled disclosures",
        *bench_build(),
    ]
    if (ROOT / "mkdocs.yml").is_file():
        from .pages import build_pages

        start = time.perf_counter()
        build_pages(ROOT / "datapackages", ROOT / "docs")  # the site is measured as `make site` builds it
        pages_seconds = time.perf_counter() - start
        sections += ["", "## Site", *bench_site(), f"| page generation (`make pages`) | {pages_seconds:.1f} s |"]
    report = "\n".join(sections) + "\n"
    (ROOT / "bench").mkdir(exist_ok=True)
    (ROOT / "bench" / "results.md").write_text(report, "utf-8")
    print(report)
    return 0
