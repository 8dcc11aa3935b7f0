"""Acceptance of `add`: on a scratch copy of the project, a further year of a bureau (a PDF) and a fifth,
made-up department (its 预算 and 决算 of one year) are added, the site is built (generator build, pages,
mkdocs build --strict), and the built site shows them everywhere.

The added documents are bundled disclosures changed to look like other ones: the PDF is the 江岸 2024 决算
rendered with every year moved on by one and its total expenditure changed from 1,627.17 to 1,727.17;
示例县 is 滑县's 2024 预算 and 江岸's 2023 决算 (moved on to 2024) under a made-up name. The expected
figures below are typed from those sources and the changes made here.
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.catalog import SOURCES_DIR, load_catalog
from generator.pages.sitebuild import build_site
from generator.pipeline import read
from tests.render_pdf import chromium, render_pdf
from tests.test_cli import run

pytestmark = pytest.mark.skipif(chromium() is None, reason="chromium not installed (make sysdeps)")

NEW_TOTAL = "1,727.17"  # was 1,627.17 (printed also as "1, 627. 17") in the 2024 决算
_YEAR = re.compile(r"(?<!\d)(202[2-5])(?!\d)")


def next_year(text: str) -> str:
    return _YEAR.sub(lambda m: str(int(m.group()) + 1), text)


def jiangan_2025(text: str) -> str:
    return re.sub(r"1,\s*627\.\s*17", NEW_TOTAL, next_year(text))


def made_up(text: str) -> str:
    for old in ("武汉市江岸区", "江岸区", "武汉", "滑县"):
        text = text.replace(old, "示例县")
    return text


@dataclass
class Grown:
    root: Path
    site: Path
    added: dict[str, str]  # disclosure_id → stdout of `add`


def _add(root: Path, path: Path, *args: str) -> str:
    proc = run("add", str(path), *args, "--catalog", str(root / "sources/catalog.yaml"),
               "--out", str(root / "datapackages"))
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> Grown:
    """Built once per test run: xdist workers share it through a lock in the run's common folder."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    root = shared / "grown"
    with (shared / "grown.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "done").is_file():
            shutil.rmtree(root, ignore_errors=True)
            _grow(root)
            (root / "done").write_text("", "utf-8")
        fcntl.flock(lock, fcntl.LOCK_UN)
    added = json.loads((root / "added.json").read_text("utf-8"))
    return Grown(root, root / "work/site", added)


def _grow(root: Path) -> None:
    root.mkdir(parents=True)
    shutil.copytree(SOURCES_DIR, root / "sources")
    inputs = root / "inputs"
    inputs.mkdir()
    doc = read(SOURCES_DIR / "jiangan-2024-final.md")
    doc = dataclasses.replace(doc, lines=[dataclasses.replace(
        line, text=jiangan_2025(line.text),
        cells=None if line.cells is None else tuple(jiangan_2025(c) for c in line.cells)) for line in doc.lines])
    pdf = render_pdf(doc, inputs / "2025年度部门决算.pdf")  # no ASCII name: the department is known by its name
    added = {"jiangan-2025-final": _add(root, pdf)}
    budget = inputs / "shili-2024-budget.txt"  # a new department: its id from the file name
    budget.write_text(made_up((SOURCES_DIR / "huaxian-2024-budget.txt").read_text(encoding="utf-8")), "utf-8")
    added["shili-2024-budget"] = _add(root, budget)
    final = inputs / "示例县决算.txt"
    final.write_text(made_up(next_year((SOURCES_DIR / "jiangan-2023-final.txt").read_text(encoding="utf-8"))),
                     "utf-8")
    added["shili-2024-final"] = _add(root, final, "--id", "shili")
    proc = run("build", "--catalog", str(root / "sources/catalog.yaml"), "--out", str(root / "datapackages"))
    assert proc.returncode == 0, proc.stderr
    build_site(root / "datapackages", root / "work")
    (root / "added.json").write_text(json.dumps(added, ensure_ascii=False), "utf-8")


def page(grown: Grown, rel: str) -> str:
    return (grown.site / rel / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_add_reports_tables_and_failed_checks(grown: Grown) -> None:
    out = grown.added["jiangan-2025-final"]
    assert "added jiangan-2025-final: 武汉市江岸区医疗保障局 (catalogued jiangan), 2025, final" in out
    assert re.search(r"2025年度一般公共预算财政拨款支出决算表 \(p\d+\): \d+ rows", out), out
    # the changed total no longer equals the sum of its lines: the report says so
    assert "failed checks" in out and "1727.17" in out
    metas = {m.disclosure_id: m for m in load_catalog(grown.root / "sources/catalog.yaml")}
    assert metas["jiangan-2025-final"].format == "pdf"
    assert metas["shili-2024-budget"].department == "示例县医疗保障局"
    assert metas["shili-2024-final"].department == "示例县医疗保障局"  # the catalogued name, not 示例县医保局


def test_the_disclosure_page(grown: Grown) -> None:
    text = text_of(page(grown, "disclosures/jiangan-2025-final"))
    assert "2025 年度江岸区医保局部门决算公开" in text
    assert f"支出合计 {NEW_TOTAL} 万元" in text


def test_the_department_page_lists_every_year(grown: Grown) -> None:
    html = page(grown, "departments/jiangan")
    for did in ("jiangan-2023-final", "jiangan-2024-final", "jiangan-2025-final"):
        assert f'href="../../disclosures/{did}/"' in html
    assert "3 份公开文件" in text_of(html)
    assert "决算逐年变化（3 个年度）" in text_of(html)


def test_year_on_year_is_a_series(grown: Grown) -> None:
    text = text_of(page(grown, "compare/year-on-year"))
    assert "江岸区 2023→2024→2025（决算）" in text
    # 支出合计: 1,234.07 (2023), 1,627.17 (2024), 1,727.17 (2025), then the change of each step
    assert f"支出合计 1,234.07 1,627.17 {NEW_TOTAL} +393.10 31.9% +100.00 6.1%" in text


def test_downloads_include_the_new_package(grown: Grown) -> None:
    html = page(grown, "downloads")
    for name in ("jiangan-2025-final.zip", "jiangan-2025-final.xlsx", "jiangan-2025-final/datapackage.json"):
        assert f'href="{name}"' in html
        assert (grown.site / "downloads" / name).is_file()
    desc = json.loads((grown.root / "datapackages/jiangan-2025-final/datapackage.json").read_text("utf-8"))
    assert desc["name"] == "jiangan-2025-final"
    all_disclosures = (grown.root / "datapackages/all/disclosures.csv").read_text(encoding="utf-8-sig")
    assert "jiangan-2025-final,jiangan," in all_disclosures


def _color_scales(spec: object):
    """Every (domain, range) colour scale of a Vega-Lite spec."""
    if isinstance(spec, dict):
        scale = spec.get("scale") if isinstance(spec.get("scale"), dict) else None
        if scale and "domain" in scale and "range" in scale:
            yield dict(zip(scale["domain"], scale["range"], strict=True))
        for v in spec.values():
            yield from _color_scales(v)
    elif isinstance(spec, list):
        for v in spec:
            yield from _color_scales(v)


def test_a_new_department_on_the_home_page_with_its_own_colour(grown: Grown) -> None:
    html = page(grown, "")
    cards = dict(re.findall(r'--dep-color:(#[0-9a-f]{6})"><a class="dep-name" href="departments/([a-z0-9-]+)/"',
                            html))
    colors = {dep: color for color, dep in cards.items()}
    assert set(colors) == {"jiangan", "cangxi", "huaxian", "shanhaiguan", "shili"}
    assert len(set(colors.values())) == 5  # a colour of its own
    assert "5 个部门一览" in text_of(html)
    overview = json.loads((grown.site / "assets/specs/index/overview.json").read_text(encoding="utf-8"))
    assert {"示例县": colors["shili"]}.items() <= next(_color_scales(overview)).items()
    # the overview compares the latest disclosures: 江岸 2025, not 2024
    assert "江岸区 2025 决算" in text_of(html)


def test_a_new_department_in_the_comparisons(grown: Grown) -> None:
    home = page(grown, "")
    shili = re.search(r'--dep-color:(#[0-9a-f]{6})"><a class="dep-name" href="departments/shili/"', home)
    assert shili
    spec = json.loads((grown.site / "assets/specs/compare-function/class-abs.json").read_text(encoding="utf-8"))
    assert next(_color_scales(spec))["示例县"] == shili.group(1)
    function = text_of(page(grown, "compare/function"))
    assert "本页比较每个部门每个阶段最新的公开文件" in function
    assert "示例县 2024 预算" in function and "示例县 2024 决算" in function
    assert "江岸区 2025 决算" in function
    assert "较早年度（江岸区 2023 决算、江岸区 2024 决算）" in function
    assert "示例县 2024 决算" in text_of(page(grown, "compare/three-public"))
    assert "示例县医疗保障局" in text_of(page(grown, "departments/shili"))


def test_plan_versus_execution_from_the_budget_itself(grown: Grown) -> None:
    text = text_of(page(grown, "compare/execution"))
    assert "示例县 2024：预算与决算" in text
    assert "预算数取自示例县 2024 预算（年初预算），决算数取自示例县 2024 决算" in text
    # 支出合计: 23,278.10 in the 预算's 收支总表, 1,234.07 in the 决算's; 决算 − 预算; 决算 ÷ 预算
    assert "支出合计 23,278.10 1,234.07 -22,044.03 5.3%" in text
    assert "2024 年预算与决算" in text_of(page(grown, "departments/shili"))
