"""The explore page: any resource of the combined package, filtered, sorted and downloaded in the browser.

The page carries only a description of the resources (names, titles, columns, where each CSV is
published) in its data-config attribute; assets/explore.js fetches a resource's CSV from
downloads/all/ when the reader picks it.
"""

from __future__ import annotations

import json

from generator.package.writer import free_text
from generator.pages.context import RESOURCE_TITLES, Site
from generator.pages.downloads import download_rel
from generator.pages.fmt import field_titles, label, md_link, rel_url
from generator.pages.tables import LONG

PAGE = "explore.md"
SCRIPT = "assets/explore.js"


def is_code(name: str) -> bool:
    """Columns the code filter matches by prefix (科目编码 2101301 is under 210 and 21013)."""
    return name == "code" or name.endswith("_code")


def _field(f: dict) -> dict:
    name = str(f["name"])
    title = str(f.get("title") or "")
    out: dict = {"name": name, "title": title if title and title != name else field_titles().get(name, name)}
    if f.get("type") in ("number", "integer"):
        out["num"] = 1
    if free_text(f):
        out["free"] = 1  # neutralised in the download as in the package CSVs (writer.spreadsheet_safe)
    if name in LONG:
        out["long"] = 1
    if is_code(name):
        out["code"] = 1
    # coded values (enum) shown with the site's label: final → 决算
    enum = (f.get("constraints") or {}).get("enum") or []
    labels = {str(v): label(name, str(v)) for v in enum if label(name, str(v)) != str(v)}
    if labels:
        out["labels"] = labels
    return out


def config(site: Site) -> dict:
    resources = []
    for res in site.data.all.descriptor.get("resources", []):
        name, rel = res.get("name"), res.get("path")
        if not isinstance(name, str) or not isinstance(rel, str) or not rel.endswith(".csv"):
            continue
        fields = [_field(f) for f in (res.get("schema") or {}).get("fields", [])
                  if isinstance(f, dict) and isinstance(f.get("name"), str)]
        resources.append({
            "name": name,
            "title": str(res.get("title") or RESOURCE_TITLES.get(name, "") or name),
            "url": rel_url(PAGE, download_rel(f"{site.data.all.name}/{rel}")),
            "rows": len(site.data.rows(name)),  # as read, whether or not the descriptor states it
            "bytes": (site.data.all.directory / rel).stat().st_size,
            "byDisclosure": any(f["name"] == "disclosure_id" for f in fields),
            "fields": fields,
        })
    return {"resources": resources,
            "disclosures": [{"id": did, "label": site.label(did)} for did in site.disclosure_ids()]}


def config_attribute(value: object) -> str:
    """The configuration for a single-quoted attribute: JSON's double quotes stay as they are (a third
    of the size), &, <, > and ' are escaped. (Not a <script> element: Material re-creates a page's
    scripts on instant navigation without their type, so JSON in one would run as a script.)"""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")


def render(site: Site) -> str:
    return "\n".join([
        "---", "hide:", "  - navigation", "  - toc", "---", "",  # the table gets the page's width
        "# 浏览数据表", "",
        '<p class="page-lead">在浏览器中查看合并数据包中的任意资源：按公开文件、科目编码或文字筛选，点击列名排序，'
        "并把筛选后的行下载为 CSV。数据只在选择资源时从本站加载，数值与数据包原样一致；"
        "筛选条件保存在网址中，复制网址即可分享当前视图。</p>", "",
        f"完整的数据包与字段说明见[下载数据]({md_link(PAGE, 'downloads.md')})。", "",
        '<div id="explore" class="explore" data-config=\'' + config_attribute(config(site)) + "'>"
        "<noscript>此页需要 JavaScript。全部数据可在下载页获取。</noscript></div>", "",
        # a script in the content: Material runs it again on each instant navigation to this page
        f'<script src="{rel_url(PAGE, SCRIPT)}"></script>',
    ])


def write(site: Site) -> None:
    site.write(PAGE, render(site))
