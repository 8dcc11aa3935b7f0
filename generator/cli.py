"""Command line: build | extract | pages | bench.

Bad input gives ONE line on stderr naming the file and the problem, and exit code 2;
an invalid package (errors listed) or a missing pipeline stage exit code 1. `--traceback`
re-raises instead (for debugging).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from .model import InputError

EXIT_INPUT = 2
EXIT_INVALID = 1
_FULL_ID = re.compile(r"^(?P<dept>[a-z0-9][a-z0-9-]*)-(?P<year>\d{4})-(?P<stage>budget|final)$")
_DEPT_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def cmd_build(args: argparse.Namespace) -> int:
    from .package.build import build_packages

    out = Path(args.out)
    disclosures = build_packages(out, catalog=args.catalog, progress=_progress, dev=args.dev)
    _progress(f"wrote {len(disclosures)} disclosure packages and all/ to {out}")
    return 0


def _ids(value: str | None) -> tuple[str | None, str | None]:
    """--id is a department_id (jiangan) or a full disclosure_id (jiangan-2024-final)."""
    if value is None:
        return None, None
    m = _FULL_ID.match(value)
    if m:
        return value, m.group("dept")
    if not _DEPT_ID.match(value):
        raise InputError(f"--id {value!r}: use lowercase ASCII letters, digits and '-' (e.g. jiangan)")
    return None, value


def cmd_extract(args: argparse.Namespace) -> int:
    from .package.validate import validate_packages
    from .package.writer import write_disclosure_package
    from .pipeline import build_from_document, infer_meta, read

    path = Path(args.file)
    try:
        doc = read(path)
    except InputError:
        raise
    except Exception as exc:  # a reader choking on a corrupt file (e.g. a broken PDF) is bad input
        if args.traceback:
            raise
        raise InputError(f"{path}: cannot read the file: {type(exc).__name__}: {_one_line(exc)}") from exc
    disclosure_id, department_id = _ids(args.id)
    meta = infer_meta(
        doc,
        path,
        disclosure_id=disclosure_id,
        department_id=department_id,
        stage=args.stage,
        year=args.year,
        department=args.department,
    )
    if disclosure_id and (meta.year, meta.stage) != (
        int(disclosure_id.split("-")[-2]),
        disclosure_id.split("-")[-1],
    ):
        raise InputError(f"--id {disclosure_id} disagrees with year {meta.year} / stage {meta.stage}")
    d = build_from_document(meta, doc, dev=args.dev)
    out = Path(args.out)
    descriptor = write_disclosure_package(d, out)
    validate_packages([descriptor])
    _progress(
        f"{path}: {meta.disclosure_id} ({meta.department or 'department unknown'}, {meta.year}, {meta.stage}): "
        f"{len(d.statements)} statements, {len(d.raw_tables)} raw tables, {len(d.problems)} problems → {out}"
    )
    return 0


def cmd_pages(args: argparse.Namespace) -> int:
    from .pages import build_pages  # type: ignore[attr-defined]

    build_pages(Path(args.datapackages), Path(args.docs))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import main as bench_main  # type: ignore[import-not-found]

    result = bench_main()
    return int(result or 0)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    p.add_argument(
        "--dev",
        action="store_true",
        default=None,
        help="development mode: a missing pipeline stage becomes a recorded problem",
    )
    p.add_argument("--traceback", action="store_true", help="show the traceback instead of a one-line error")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build every catalogued disclosure into data packages")
    b.add_argument("--out", default="datapackages", help="output directory (default: datapackages)")
    b.add_argument("--catalog", type=Path, default=None, help="catalog YAML (default: sources/catalog.yaml)")
    b.set_defaults(func=cmd_build)

    e = sub.add_parser("extract", help="one disclosure file (.md/.txt/.pdf) → one data package")
    e.add_argument("file")
    e.add_argument("--out", required=True, help="directory to write the package to")
    e.add_argument("--id", help="department_id slug (jiangan) or full disclosure_id (jiangan-2024-final)")
    e.add_argument("--stage", choices=["budget", "final"])
    e.add_argument("--year", type=int)
    e.add_argument("--department", help="department name (default: read from the document)")
    e.set_defaults(func=cmd_extract)

    g = sub.add_parser("pages", help="render docs/ pages from datapackages/")
    g.add_argument("--datapackages", default="datapackages")
    g.add_argument("--docs", default="docs")
    g.set_defaults(func=cmd_pages)

    m = sub.add_parser("bench", help="benchmarks")
    m.set_defaults(func=cmd_bench)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from .normalize.statements import StageUnavailable
    from .package.validate import PackageInvalid

    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except InputError as exc:
        if args.traceback:
            raise
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except StageUnavailable as exc:
        if args.traceback:
            raise
        print(f"error: {exc} (--dev records a missing stage as a problem instead)", file=sys.stderr)
        return EXIT_INVALID
    except PackageInvalid as exc:
        if args.traceback:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
