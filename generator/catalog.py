"""The catalog of bundled disclosures (sources/catalog.yaml) as typed metadata.

Each entry names a source file and its sha256: a source that was edited (or
replaced) after cataloguing is refused, so published numbers always trace back
to the exact document described in the package.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

from .model import DisclosureMeta, InputError

ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = ROOT / "sources"
CATALOG_PATH = SOURCES_DIR / "catalog.yaml"

_REQUIRED = ("id", "department_id", "department", "year", "stage", "title", "file", "format", "sha256")
STAGES = ("budget", "final")
# Ids name folders: ASCII slugs only, matched whole (fullmatch: "$" would accept a trailing newline).
DEPARTMENT_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
DISCLOSURE_ID = re.compile(r"(?P<dept>[a-z0-9][a-z0-9-]*)-(?P<year>[0-9]{4})-(?P<stage>budget|final)")
_TEXT_FIELDS = ("id", "department_id", "department", "stage", "title", "format")


def _files(entry: dict[str, Any], where: str) -> tuple[list[str], list[str]]:
    """`file` and `sha256`: one each, or lists of the same length (a disclosure in several files)."""
    files, shas = entry["file"], entry["sha256"]
    files = files if isinstance(files, list) else [files]
    shas = shas if isinstance(shas, list) else [shas]
    if not all(isinstance(v, str) for v in [*files, *shas]):
        raise InputError(f"{where}: file and sha256 must be text (or lists of text)")
    if len(files) != len(shas) or not files:
        raise InputError(f"{where}: give one sha256 per file ({len(files)} files, {len(shas)} sha256)")
    return [str(f) for f in files], [str(s).lower() for s in shas]


def _year(value: Any, where: str) -> int:
    # bool is an int to Python; a year is four ASCII digits
    if isinstance(value, bool) or not re.fullmatch(r"[0-9]{4}", str(value)):
        raise InputError(f"{where}: year must be a four-digit year such as 2024, not {value!r}")
    return int(value)


def _meta_from_entry(entry: Any, where: str) -> DisclosureMeta:
    if not isinstance(entry, dict):
        raise InputError(f"{where}: expected the fields of one disclosure (id: …, file: …), "
                         f"not a {type(entry).__name__} ({str(entry)[:60]!r})")
    missing = [key for key in _REQUIRED if entry.get(key) in (None, "")]
    if missing:
        raise InputError(f"{where}: missing field(s) {', '.join(missing)}")
    wrong = [key for key in _TEXT_FIELDS if not isinstance(entry[key], str)]
    if wrong:
        raise InputError(f"{where}: field(s) {', '.join(wrong)} must be text, not "
                         f"{', '.join(type(entry[k]).__name__ for k in wrong)}")
    year = _year(entry["year"], where)
    if not DEPARTMENT_ID.fullmatch(entry["department_id"]):
        raise InputError(f"{where}: department_id {entry['department_id']!r}: use lowercase ASCII letters, "
                         "digits and '-' (it names a folder)")
    if entry["stage"] not in STAGES:
        raise InputError(f"{where}: stage must be one of {STAGES}, not {entry['stage']!r}")
    files, shas = _files(entry, where)
    expected_id = f"{entry['department_id']}-{year}-{entry['stage']}"
    if entry["id"] != expected_id:
        raise InputError(f"{where}: id {entry['id']!r} should be {expected_id!r} (department_id-year-stage)")
    return DisclosureMeta(
        disclosure_id=str(entry["id"]),
        department_id=str(entry["department_id"]),
        department=str(entry["department"]),
        year=year,
        stage=str(entry["stage"]),
        title=str(entry["title"]),
        file=files[0],
        format=str(entry["format"]),
        sha256=shas[0],
        more_files=tuple(files[1:]),
        more_sha256=tuple(shas[1:]),
        short_name=str(entry.get("short_name") or ""),
        province=str(entry.get("province") or ""),
        city=str(entry.get("city") or ""),
        county=str(entry.get("county") or ""),
        original_format=str(entry.get("original_format") or ""),
        notes=str(entry.get("notes") or "").strip(),
        source_url=_url(entry.get("source_url"), where),
        published=_date(entry.get("published"), where),
    )


def _url(value: Any, where: str) -> str:
    text = str(value or "").strip()
    if text and not text.startswith(("https://", "http://")):
        raise InputError(f"{where}: source_url must be an http(s) address, not {text!r}")
    return text


def _date(value: Any, where: str) -> str:
    """`published` as YYYY-MM-DD (YAML may already have parsed it into a date)."""
    text = str(value or "").strip()
    if text and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise InputError(f"{where}: published must be a date YYYY-MM-DD, not {text!r}")
    return text


def load_catalog(path: Path = CATALOG_PATH) -> list[DisclosureMeta]:
    """All catalog entries, in catalog order. Raises InputError on a malformed catalog.

    `path` is the catalog YAML, or a directory holding catalog.yaml.
    """
    path = Path(path)
    if path.is_dir():
        path = path / "catalog.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read the catalog: {exc}") from exc
    entries = (data or {}).get("disclosures") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise InputError(f"{path}: expected a non-empty list under 'disclosures'")
    metas = [_meta_from_entry(entry, f"{path} entry {i + 1}") for i, entry in enumerate(entries)]
    ids = [m.disclosure_id for m in metas]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InputError(f"{path}: duplicate id(s) {', '.join(duplicates)}")
    return metas


def source_path(meta: DisclosureMeta, sources_dir: Path = SOURCES_DIR) -> Path:
    return Path(sources_dir) / meta.file


def verify_sources(meta: DisclosureMeta, sources_dir: Path = SOURCES_DIR) -> list[Path]:
    """Every file of `meta` (one, or several for a disclosure published in parts), checked."""
    paths = [verify_source(meta, sources_dir)]
    for name, sha in zip(meta.more_files, meta.more_sha256, strict=True):
        part = DisclosureMeta(**{**meta.__dict__, "file": name, "sha256": sha, "more_files": (), "more_sha256": ()})
        paths.append(verify_source(part, sources_dir))
    return paths


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def verify_source(meta: DisclosureMeta, sources_dir: Path = SOURCES_DIR) -> Path:
    """The source file of `meta`, after checking it exists and has the catalogued sha256."""
    path = source_path(meta, sources_dir)
    if not path.is_file():
        raise InputError(f"{path}: source file of {meta.disclosure_id} not found")
    actual = sha256_of(path)
    if actual != meta.sha256:
        raise InputError(
            f"{path}: sha256 mismatch for {meta.disclosure_id}: catalog expects {meta.sha256}, file has {actual}"
        )
    return path


def catalog_entries(catalog: Path = CATALOG_PATH) -> list[tuple[DisclosureMeta, Path]]:
    """(meta, verified source path) for every entry; files are relative to the catalog's directory."""
    catalog = Path(catalog)
    sources_dir = catalog if catalog.is_dir() else catalog.parent
    return [(meta, verify_source(meta, sources_dir)) for meta in load_catalog(catalog)]
