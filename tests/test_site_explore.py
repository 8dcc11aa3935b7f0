"""The explore page's description of the combined package (generator/pages/page_explore.py)."""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path

import pytest

from generator.pages import build_pages
from generator.pages.charts import ChartWriter
from generator.pages.context import Site
from generator.pages.load import load
from generator.pages.page_explore import config, config_attribute

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests/fixtures/datapackages"
REAL = REPO / "datapackages"


def page_config(docs: Path) -> dict:
    text = (docs / "explore.md").read_text(encoding="utf-8")
    m = re.search(r"data-config='([^']*)'", text)
    assert m, "no data-config attribute"
    return json.loads(html.unescape(m.group(1)))


def test_every_resource_described_and_published(tmp_path):
    pages = build_pages(FIXTURE, tmp_path)
    assert "explore.md" in pages
    config = page_config(tmp_path)
    descriptor = json.loads((FIXTURE / "all/datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in config["resources"]] == [r["name"] for r in descriptor["resources"]]
    for res in config["resources"]:
        # the URL is relative to the rendered page, explore/
        target = posixpath.normpath(posixpath.join("explore", res["url"]))
        assert target == f"downloads/all/{res['name']}.csv"
        assert (tmp_path / target).read_bytes() == (FIXTURE / f"all/{res['name']}.csv").read_bytes()
    summary = next(r for r in config["resources"] if r["name"] == "summary")
    assert summary["byDisclosure"] and summary["rows"] == 15
    assert summary["bytes"] == (FIXTURE / "all/summary.csv").stat().st_size
    fields = {f["name"]: f for f in summary["fields"]}
    # the fixture's schema titles a column by its name: the site's own field titles instead
    assert fields["amount"] == {"name": "amount", "title": "金额", "num": 1}
    assert fields["name"].get("free") and not fields["amount"].get("free")  # as the writer neutralises
    assert fields["code"].get("code") and not fields["name"].get("code")
    codes = next(r for r in config["resources"] if r["name"] == "function_codes")
    assert not codes["byDisclosure"]
    assert [d["id"] for d in config["disclosures"]] == [
        "jiangan-2023-final", "jiangan-2024-final", "cangxi-2024-final", "huaxian-2024-budget"]
    assert config["disclosures"][1]["label"] == "江岸区 2024 决算"
    nav = (tmp_path / ".nav.yml").read_text(encoding="utf-8")
    assert "explore.md" in nav
    assert "explore.md" in (tmp_path / "downloads.md").read_text(encoding="utf-8")


@pytest.mark.skipif(not (REAL / "all/datapackage.json").is_file(), reason="no real packages")
def test_real_titles_and_labels(tmp_path):
    site = Site(load(REAL), tmp_path, ChartWriter(tmp_path, {}))
    resources = {r["name"]: r for r in config(site)["resources"]}
    fields = {f["name"]: f for f in resources["summary"]["fields"]}
    assert fields["amount"]["title"] == "金额（万元）"  # the schema's title, with its unit
    assert fields["side"]["labels"] == {"income": "收入", "expenditure": "支出"}
    status = next(f for f in resources["checks"]["fields"] if f["name"] == "status")
    assert status["labels"] == {"pass": "通过", "warn": "舍入差异", "fail": "不一致", "skip": "不适用"}
    project_code = next(f for f in resources["projects"]["fields"] if f["name"] == "project_code")
    assert project_code.get("code")


def test_config_cannot_leave_its_attribute():
    text = config_attribute({"title": "'><script>alert(1)</script>&amp;"})
    assert not set("'<>") & set(text)
    assert json.loads(html.unescape(text)) == {"title": "'><script>alert(1)</script>&amp;"}
