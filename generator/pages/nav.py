"""The site navigation, generated with the pages (docs/.nav.yml, read by hooks.py at build time)."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.pages.context import Site
from generator.pages.page_compare import PAGES as COMPARE_PAGES

NAV_FILE = ".nav.yml"
COMPARE_TITLES = {
    "compare/index.md": "概览",
    "compare/function.md": "按功能分类",
    "compare/basic-project.md": "基本支出与项目支出",
    "compare/economic.md": "人员经费与公用经费",
    "compare/three-public.md": "“三公”经费",
    "compare/execution.md": "预算与执行",
    "compare/year-on-year.md": "同比变化",
}


def build_nav(site: Site, glossary_sources: bool, quality_pages: list[str] | None = None) -> list:
    deps = [{site.dep_name(dep): f"departments/{dep}.md"} for dep in site.department_ids()]
    discs = [{site.label(did): f"disclosures/{did}.md"} for did in site.disclosure_ids()]
    originals = [{site.label(src.disclosure_id) + (f"（文件 {src.index}）" if src.index > 1 else ""): src.page}
                 for did in site.disclosure_ids() for src in site.sources.get(did, []) if src.page]
    about = [{"方法": "methodology.md"}, {"名词解释": "glossary.md"}]
    if glossary_sources:
        about.append({"名词解释（来源文件）": "glossary-sources.md"})
    about += [{"如何引用": "cite.md"}, {"许可": "license.md"}, {"更新日志": "changelog.md"}]
    return [
        {"首页": "index.md"},
        {"比较": [{COMPARE_TITLES.get(p, p): p} for p in COMPARE_PAGES]},
        {"部门": deps},
        {"公开文件": discs},
        *([{"原文": originals}] if originals else []),
        {"数据质量": [{"概览": "quality.md"}, *[{site.label(p[len("quality/"):-3]): p} for p in quality_pages or []]]},
        {"下载": "downloads.md"},
        {"浏览数据": "explore.md"},
        {"关于": about},
    ]


def write(site: Site, glossary_sources: bool, quality_pages: list[str] | None = None) -> Path:
    path = site.docs / NAV_FILE
    path.write_text(yaml.safe_dump(build_nav(site, glossary_sources, quality_pages), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path
