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

# generator/pages/sources.py ROOT: raw HTML links written from the site root
ROOT_MARKER = "~site/"


def on_config(config):
    nav_file = Path(config["docs_dir"]) / ".nav.yml"
    if nav_file.is_file() and not config.get("nav"):
        config["nav"] = yaml.safe_load(nav_file.read_text(encoding="utf-8"))
    return config


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
    """The citation page names the site's address (site_url), the version and the build date
    (SOURCE_DATE_EPOCH when set, so a rebuild of the same commit cites the same date)."""
    if "@site_url@" not in markdown:
        return markdown
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    date = time.strftime("%Y-%m-%d", time.gmtime(epoch))
    return (markdown.replace("@site_url@", str(config.get("site_url") or "")).replace("@version@", _version())
            .replace("@build_date@", date).replace("@build_year@", date[:4]))
