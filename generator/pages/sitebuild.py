"""Build the whole site from any packages directory into a scratch directory (tests, screenshots, bench).

The repository's docs/ is not touched: its hand-written pages and assets are
copied next to freshly generated pages, and mkdocs.yml is inherited with
absolute paths, so a fixture build never mixes with the real one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.pages.build import GENERATED, build_pages

REPO = Path(__file__).resolve().parents[2]


def source_date_epoch(repo: Path = REPO) -> str:
    """SOURCE_DATE_EPOCH as given, else the last commit's time (as `make site` sets it): the
    sitemap's dates and sitemap.xml.gz's stamp then depend on the commit, not on the clock."""
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given:
        return given
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=repo, capture_output=True, text=True,
                             timeout=30).stdout.strip()
    except OSError:
        out = ""
    return out if out.isdigit() else "0"


def build_site(datapackages_dir: Path, work_dir: Path, *, repo: Path = REPO) -> Path:
    """Generate pages for `datapackages_dir` and run `mkdocs build --strict`; returns the site directory."""
    work = Path(work_dir)
    docs, site = work / "docs", work / "site"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(repo / "docs", docs, ignore=shutil.ignore_patterns(*[Path(g).name for g in GENERATED]))
    build_pages(Path(datapackages_dir), docs, repo / "sources")
    config = work / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {repo / 'mkdocs.yml'}\n"
        f"docs_dir: {docs}\n"
        f"theme:\n  name: material\n  custom_dir: {repo / 'overrides'}\n"
        f"hooks:\n  - {repo / 'generator/pages/hooks.py'}\n  - {repo / 'generator/pages/searchindex.py'}\n",
        encoding="utf-8")
    # cwd = repo: search.jieba_dict_user in mkdocs.yml is relative to the working directory
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=source_date_epoch(repo))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                             "-d", str(site)], cwd=repo, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return site
