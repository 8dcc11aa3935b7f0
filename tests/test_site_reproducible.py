"""Two builds of one commit give the same site byte for byte (issue 9, item 9): the sitemap's
dates and sitemap.xml.gz's stamp come from SOURCE_DATE_EPOCH, set from the last commit."""

from __future__ import annotations

import gzip
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.pages.sitebuild import REPO, build_site, source_date_epoch

FIXTURE = REPO / "tests/fixtures/datapackages"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = _files(build_site(FIXTURE, tmp_path / "work"))
    time.sleep(1.1)  # another second on the clock: a clock-stamped gzip header would differ
    second = _files(build_site(FIXTURE, tmp_path / "work"))
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    epoch = int(source_date_epoch())
    day = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", first["sitemap.xml"].decode()))
    assert dates == {day}
    mtime = int.from_bytes(first["sitemap.xml.gz"][4:8], "little")  # gzip MTIME: the build day
    assert datetime.fromtimestamp(mtime, UTC).strftime("%Y-%m-%d") == day
    assert gzip.decompress(first["sitemap.xml.gz"]) == first["sitemap.xml"]
