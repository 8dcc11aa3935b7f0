"""MkDocs hook: use the navigation generated with the pages (docs/.nav.yml) when it exists.

The set of departments and disclosures comes from the data, so the nav cannot be
written by hand in mkdocs.yml. Without generated pages MkDocs falls back to its
automatic navigation.
"""

from __future__ import annotations

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
