"""MkDocs hook: use the navigation generated with the pages (docs/.nav.yml) when it exists.

The set of departments and disclosures comes from the data, so the nav cannot be
written by hand in mkdocs.yml. Without generated pages MkDocs falls back to its
automatic navigation.
"""

from __future__ import annotations

from pathlib import Path

import yaml


def on_config(config):
    nav_file = Path(config["docs_dir"]) / ".nav.yml"
    if nav_file.is_file() and not config.get("nav"):
        config["nav"] = yaml.safe_load(nav_file.read_text(encoding="utf-8"))
    return config
