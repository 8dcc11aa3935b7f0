"""Command line: build | extract | add | survey | pages | bench.

Bad input (a file, a catalog, an --out folder that cannot or must not be written) gives ONE
line on stderr naming it and the problem, and exit code 2; an invalid package (errors listed,
nothing replaced) exit code 1; Ctrl-C one line and exit code 130 (every package on disk is the
old or the new one). `--traceback` re-raises instead (for debugging).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .model import InputError
from .read import set_size_limit

EXIT_INPUT = 2
EXIT_INVALID = 1
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def cmd_build(args: argparse.Namespace) -> int:
    from .package.build import build_packages

    out = Path(args.out)
    disclosures = build_packages(out, catalog=args.catalog, progress=_progress, force=args.force)
    _progress(f"wrote {len(disclosures)} disclosure packages and all/ to {out}")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from .extract import Options, extract_batch, extract_file, table_report

    opts = Options(id=args.id, stage=args.stage, year=args.year, department=args.department, force=args.force)
    files = [Path(f) for f in args.file]
    out = Path(args.out)
    if (len(files) == 1 or args.id) and not args.batch:
        # several files with one --id: one disclosure published in parts (text and tables)
        d = extract_file(files if len(files) > 1 else files[0], out, opts)
        _progress(
            f"{' + '.join(map(str, files))}: {d.meta.disclosure_id} ({d.meta.department or 'department unknown'}, {d.meta.year}, "
            f"{d.meta.stage}): {len(d.statements)} statements, {len(d.raw_tables)} raw tables, "
            f"{len(d.problems)} problems → {out}"
        )
        for line in table_report(d):
            _progress(line)
        return 0
    outcomes = extract_batch(files, out, opts, workers=args.jobs, force=args.force, progress=_progress)
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("extracted", "skipped", "failed")}
    _progress(f"{counts['extracted']} extracted, {counts['skipped']} skipped (already extracted), "
              f"{counts['failed']} failed → {out}")
    for o in outcomes:
        if o.status == "failed":
            print(f"error: {o.message}", file=sys.stderr)
    return EXIT_INPUT if counts["failed"] else 0


def cmd_add(args: argparse.Namespace) -> int:
    from .add import add_disclosure, report
    from .catalog import CATALOG_PATH
    from .extract import Options

    catalog = Path(args.catalog) if args.catalog else CATALOG_PATH
    out = Path(args.out) if args.out else catalog.resolve().parent.parent / "datapackages"
    opts = Options(id=args.id, stage=args.stage, year=args.year, department=args.department)
    added = add_disclosure([Path(f) for f in args.file], opts, catalog=catalog, out_root=out,
                           source_url=args.source_url or "", published=args.published or "")
    print("\n".join(report(added)))
    return 0


def cmd_survey(args: argparse.Namespace) -> int:
    from .survey import SURVEY_CSV, render_table, survey

    out = Path(args.out)
    rows = survey(Path(args.folder), out, workers=args.jobs, force=args.force, progress=_progress)
    print(render_table(rows))
    failed = sum(1 for r in rows if r.status != "ok")
    _progress(f"{len(rows)} files, {failed} failed; table written to {out / SURVEY_CSV}, packages under {out}/")
    return EXIT_INPUT if failed else 0


def cmd_pages(args: argparse.Namespace) -> int:
    from .package.validate import package_errors
    from .pages import build_pages

    root = Path(args.datapackages)
    # the packages are input here: a broken one stops the site before it publishes a page
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")) if root.is_dir() else []
    for folder in folders:
        if not (folder / "datapackage.json").is_file():
            continue
        errors = package_errors(folder / "datapackage.json")
        if errors:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            raise InputError(f"{folder}: invalid data package, no page written: {errors[0]}{more}; "
                             "run `make data` to rebuild it")
    build_pages(root, Path(args.docs), Path(args.sources))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import main as bench_main

    result = bench_main()
    return int(result or 0)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    p.add_argument("--traceback", action="store_true", help="show the traceback instead of a one-line error")
    p.add_argument("--max-size", type=float, default=None, metavar="MB",
                   help="input size limit in MB (default: 20 for a text export, 200 for a PDF)")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build every catalogued disclosure into data packages")
    b.add_argument("--out", default="datapackages", help="output directory (default: datapackages)")
    b.add_argument("--catalog", type=Path, default=None, help="catalog YAML (default: sources/catalog.yaml)")
    b.add_argument("--force", action="store_true",
                   help="write into package folders that hold something else (their other files are kept)")
    b.set_defaults(func=cmd_build)

    e = sub.add_parser(
        "extract",
        help="disclosure files (.md/.txt/.pdf) → data packages",
        description="One file: the package is written to --out. Several files with --id: the parts of one "
        "disclosure (e.g. its text and its tables published apart), read as one, written to --out. Several "
        "files (or --batch): each goes to --out/<disclosure_id>/, in parallel across cores; files whose sha256 "
        "was already extracted are skipped.",
    )
    e.add_argument("file", nargs="+")
    e.add_argument("--out", required=True, help="package directory (one file) or output root (batch)")
    e.add_argument("--batch", action="store_true", help="treat a single file as a batch (write --out/<id>/)")
    e.add_argument("--jobs", type=int, default=None, help="parallel workers for a batch (default: all cores)")
    e.add_argument("--force", action="store_true",
                   help="re-extract files already in the batch manifest; write into a non-empty folder that holds "
                   "no package of the generator (its other files are kept)")
    e.add_argument("--id", help="department_id slug (e.g. some-bureau) or full disclosure_id (some-bureau-2024-final)")
    e.add_argument("--stage", choices=["budget", "final"])
    e.add_argument("--year", type=int)
    e.add_argument("--department", help="department name (default: read from the document)")
    e.set_defaults(func=cmd_extract)

    a = sub.add_parser(
        "add",
        help="add a disclosure: copy it into sources/, catalog it, extract its package",
        description="Copies FILE (several files: the parts of one disclosure) into the catalog's folder, infers "
        "department, year and stage as extract does (a catalogued department is recognised by its name), appends "
        "the catalog entry with its sha256 and extracts the package into --out/<disclosure_id>/. A file already "
        "catalogued, an id already taken or an unreadable file is refused (exit 2) and nothing changes.",
    )
    a.add_argument("file", nargs="+")
    a.add_argument("--id", help="department_id slug (e.g. some-bureau) or full disclosure_id (some-bureau-2025-final)")
    a.add_argument("--stage", choices=["budget", "final"])
    a.add_argument("--year", type=int)
    a.add_argument("--department", help="department name (default: read from the document)")
    a.add_argument("--source-url", help="where the department published it (http(s) address)")
    a.add_argument("--published", help="when it was published (YYYY-MM-DD)")
    a.add_argument("--catalog", type=Path, default=None, help="catalog YAML (default: sources/catalog.yaml)")
    a.add_argument("--out", default=None, help="packages root (default: datapackages/ next to the catalog's folder)")
    a.set_defaults(func=cmd_add)

    s = sub.add_parser(
        "survey",
        help="extract every disclosure of a folder and print one table of what needs attention",
        description="Each file of FOLDER becomes a package under --out/<file stem>/ (in parallel; files already "
        "surveyed, by sha256, are skipped). Prints one table (file, department, year, stage, statements "
        "parsed / in part / raw / empty, checks pass / warn / fail, seconds) and writes it to --out/survey.csv.",
    )
    s.add_argument("folder")
    s.add_argument("--out", default="survey", help="output root (default: survey)")
    s.add_argument("--jobs", type=int, default=None, help="parallel workers (default: all cores)")
    s.add_argument("--force", action="store_true", help="extract again files already surveyed")
    s.set_defaults(func=cmd_survey)

    g = sub.add_parser("pages", help="render docs/ pages from datapackages/")
    g.add_argument("--datapackages", default="datapackages")
    g.add_argument("--docs", default="docs")
    g.add_argument("--sources", default="sources", help="source files to publish (default: sources)")
    g.set_defaults(func=cmd_pages)

    m = sub.add_parser("bench", help="benchmarks")
    m.set_defaults(func=cmd_bench)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from .package.validate import PackageInvalid

    args = parser().parse_args(argv)
    try:
        if args.max_size is not None:
            set_size_limit(args.max_size)
        return int(args.func(args))
    except InputError as exc:
        if args.traceback:
            raise
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:  # a folder that cannot be written, a full disk: the user's to fix
        if args.traceback:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or _one_line(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except PackageInvalid as exc:
        if args.traceback:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        if args.traceback:
            raise
        print("interrupted: stopped; every package on disk is the previous or the new one", file=sys.stderr)
        return EXIT_INTERRUPTED
