"""Build every catalogued disclosure into datapackages/ and validate the result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..catalog import CATALOG_PATH, SOURCES_DIR, load_catalog, verify_sources
from ..model import Disclosure, DisclosureMeta
from ..pipeline import build_disclosure
from .publish import Target, prepare_root, publish
from .readme import check_summary
from .writer import write_all_package, write_disclosure_package

ALL = "all"


def _quiet(message: str) -> None:
    pass


def build_disclosures(
    metas: list[DisclosureMeta],
    sources_dir: Path = SOURCES_DIR,
    *,
    progress: Callable[[str], None] = _quiet,
) -> list[Disclosure]:
    out = []
    for meta in metas:
        paths = verify_sources(meta, sources_dir)
        progress(f"{meta.disclosure_id}: reading {', '.join(p.name for p in paths)}")
        d = build_disclosure(meta, paths)
        progress(
            f"{meta.disclosure_id}: {len(d.statements)} statements, checks {check_summary(d)}, "
            f"{len(d.raw_tables)} raw tables, {len(d.problems)} problems"
        )
        out.append(d)
    return out


def write_packages(
    disclosures: list[Disclosure], out_root: Path, *, validate: bool = True, force: bool = False,
    progress: Callable[[str], None] = _quiet,
) -> list[Path]:
    """One package per disclosure and all/, swapped in only if all validate (publish.py); the
    packages of disclosures no longer built are removed. Returns the datapackage.json paths."""
    out_root = Path(out_root)

    def one(d: Disclosure) -> Target:
        return Target(out_root / d.meta.disclosure_id, lambda folder: write_disclosure_package(d, folder))

    targets = [one(d) for d in disclosures]
    targets.append(Target(out_root / ALL, lambda folder: write_all_package(disclosures, folder)))
    return publish(targets, out_root, force=force, validate=validate, remove_others=True, progress=progress)


def build_packages(
    out_root: Path,
    *,
    catalog: Path | None = None,
    sources_dir: Path | None = None,
    progress: Callable[[str], None] = _quiet,
    validate: bool = True,
    force: bool = False,
) -> list[Disclosure]:
    """The whole `make data`: catalog → disclosures → packages → frictionless validation.

    Raises InputError for a bad source and PackageInvalid (listing the errors) for an invalid
    package; then nothing under out_root has changed.
    """
    catalog = Path(catalog) if catalog else CATALOG_PATH
    metas = load_catalog(catalog)
    prepare_root(Path(out_root))  # an --out that cannot be a folder is told before the slow part
    # the catalog names files relative to its own directory
    disclosures = build_disclosures(metas, sources_dir or catalog.parent, progress=progress)
    write_packages(disclosures, out_root, validate=validate, force=force, progress=progress)
    return disclosures
