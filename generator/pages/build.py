"""build_pages: datapackages/ → Markdown pages, chart specs and downloads under docs/."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.pages import (
    downloads,
    nav,
    page_compare,
    page_department,
    page_disclosure,
    page_explore,
    page_glossary,
    page_home,
    page_quality,
    sources,
)
from generator.pages.charts import ChartWriter
from generator.pages.context import Site
from generator.pages.load import load

# Generated output under docs/ (listed in .gitignore); removed before each build so
# a disclosure that disappears from the data also disappears from the site.
GENERATED = ("index.md", "departments", "disclosures", "compare", "quality.md", "quality", "downloads.md", "downloads",
             "explore.md", "glossary-sources.md", "assets/specs", "sources", ".nav.yml")


def clean(docs_dir: Path) -> None:
    for rel in GENERATED:
        p = docs_dir / rel
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()


def build_pages(datapackages_dir: Path, docs_dir: Path, sources_dir: Path | None = None) -> list[str]:
    """Render every generated page into docs_dir; returns the Markdown paths written.

    `sources_dir`: where the catalogued source files are; those present with their sha256 are
    published and every source_ref links to them.
    """
    data = load(Path(datapackages_dir))
    data.sources = sources.find_sources(data, sources_dir)
    docs = Path(docs_dir)
    clean(docs)
    site = Site(data, docs, ChartWriter(docs, data.sources))
    sources.write_all(site)
    page_home.write(site)
    page_department.write_all(site)
    page_disclosure.write_all(site)
    page_compare.write_all(site)
    quality_pages = page_quality.write(site)
    downloads.write(site)
    page_explore.write(site)
    glossary = page_glossary.write(site)
    nav.write(site, glossary, quality_pages)
    return site.pages
