"""MkDocs hook: use the navigation generated with the pages (docs/.nav.yml) when it exists.

The set of departments and disclosures comes from the data, so the nav cannot be
written by hand in mkdocs.yml. Without generated pages MkDocs falls back to its
automatic navigation.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import yaml
from mkdocs.structure.files import File

# generator/pages/sources.py ROOT: raw HTML links written from the site root
ROOT_MARKER = "~site/"
DOWNLOADS = "downloads/"  # generator/pages/downloads.py download_rel: package files, served as they are


class _Download(File):
    """A Markdown file of a data package (README.md): copied byte for byte, not rendered as a page."""

    def is_documentation_page(self) -> bool:
        return False


def on_config(config):
    nav_file = Path(config["docs_dir"]) / ".nav.yml"
    if nav_file.is_file() and not config.get("nav"):
        config["nav"] = yaml.safe_load(nav_file.read_text(encoding="utf-8"))
    return config


def on_files(files, config):
    """Markdown under downloads/ is a download: a link to it reaches the file, not a rendered page."""
    for f in list(files):
        if f.src_uri.startswith(DOWNLOADS) and f.is_documentation_page():
            files.remove(f)
            files.append(_Download(f.src_uri, f.src_dir, f.dest_dir, f.use_directory_urls, inclusion=f.inclusion))
    return files


def on_page_content(html, page, config, files):
    """Make the root-relative links of generated raw HTML relative to this page (any site_url prefix works)."""
    if ROOT_MARKER not in html:
        return html
    depth = len([p for p in page.url.split("/") if p]) if page.url else 0
    if page.url and not page.url.endswith("/"):  # use_directory_urls off: a/b.html sits in a/
        depth -= 1
    return html.replace(ROOT_MARKER, "../" * depth or "./")


def _version() -> str:
    text = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    m = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
    return m.group(1) if m else ""


def on_page_markdown(markdown, page, config, files):
    """Citations (the cite page, each chart's 引用本图) name the site and its address (site_url), the page's
    address, the version and the build date (SOURCE_DATE_EPOCH when set, so a rebuild of the same commit
    cites the same date)."""
    if "@" not in markdown:
        return markdown
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    date = time.strftime("%Y-%m-%d", time.gmtime(epoch))
    site_url = str(config.get("site_url") or "")
    values = {"@site_url@": site_url, "@site_name@": str(config.get("site_name") or ""),
              "@page_url@": page.canonical_url or site_url + (page.url or ""),
              "@version@": _version(), "@build_date@": date, "@build_year@": date[:4]}
    for placeholder, value in values.items():
        markdown = markdown.replace(placeholder, value)
    return markdown
