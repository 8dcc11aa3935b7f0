"""Build every catalogued disclosure into datapackages/ and validate the result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..catalog import CATALOG_PATH, SOURCES_DIR, load_catalog, verify_sources
from ..model import Disclosure, DisclosureMeta
from ..pipeline import build_disclosure
from .readme import check_summary
from .validate import validate_packages
from .writer import remove_stale_packages, write_all_package, write_disclosure_package

ALL = "all"


def _quiet(message: str) -> None:
    pass


def build_disclosures(
    metas: list[DisclosureMeta],
    sources_dir: Path = SOURCES_DIR,
    *,
    progress: Callable[[str], None] = _quiet,
    dev: bool | None = None,
) -> list[Disclosure]:
    out = []
    for meta in metas:
        paths = verify_sources(meta, sources_dir)
        progress(f"{meta.disclosure_id}: reading {', '.join(p.name for p in paths)}")
        d = build_disclosure(meta, paths, dev=dev)
        progress(
            f"{meta.disclosure_id}: {len(d.statements)} statements, checks {check_summary(d)}, "
            f"{len(d.raw_tables)} raw tables, {len(d.problems)} problems"
        )
        out.append(d)
    return out


def write_packages(disclosures: list[Disclosure], out_root: Path) -> list[Path]:
    """Write one package per disclosure and all/; returns the datapackage.json paths."""
    out_root = Path(out_root)
    written = [write_disclosure_package(d, out_root / d.meta.disclosure_id) for d in disclosures]
    written.append(write_all_package(disclosures, out_root / ALL))
    remove_stale_packages(out_root, {d.meta.disclosure_id for d in disclosures} | {ALL})
    return written


def build_packages(
    out_root: Path,
    *,
    catalog: Path | None = None,
    sources_dir: Path | None = None,
    progress: Callable[[str], None] = _quiet,
    dev: bool | None = None,
    validate: bool = True,
) -> list[Disclosure]:
    """The whole `make data`: catalog → disclosures → packages → frictionless validation.

    Raises InputError for a bad source and PackageInvalid (listing the errors) for an invalid package.
    """
    catalog = Path(catalog) if catalog else CATALOG_PATH
    metas = load_catalog(catalog)
    # the catalog names files relative to its own directory
    disclosures = build_disclosures(metas, sources_dir or catalog.parent, progress=progress, dev=dev)
    written = write_packages(disclosures, out_root)
    if validate:
        progress(f"validating {len(written)} packages")
        validate_packages(written)
    return disclosures
