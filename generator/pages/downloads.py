"""Copy the packages into docs/downloads/, zip them, write an Excel workbook each, and the downloads page."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator.pages.context import RESOURCE_TITLES, Site
from generator.pages.fmt import esc, md_link
from generator.pages.load import Package, sha256_of
from generator.pages.workbook import FIXED_TIME, write_xlsx

PAGE = "downloads.md"


@dataclass
class Artifact:
    rel: str  # path under docs/ ("downloads/all.zip")
    size: int
    sha256: str


def download_rel(rel: str) -> str:
    """Where a package file is served: downloads/<rel>, byte for byte under its own name.

    README.md too: generator/pages/hooks.py has MkDocs copy Markdown under downloads/ instead of
    rendering it as a page.
    """
    return "downloads/" + rel


def _artifact(docs: Path, rel: str) -> Artifact:
    p = docs / rel
    return Artifact(rel, p.stat().st_size, sha256_of(p))


def write_zip(pkg: Package, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in pkg.files:
            info = zipfile.ZipInfo(f"{pkg.name}/{f.path.relative_to(pkg.directory).as_posix()}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, f.path.read_bytes())


def copy_packages(site: Site) -> dict[str, list[Artifact]]:
    """docs/downloads/<pkg>/… (files as published) + <pkg>.zip + <pkg>.xlsx; returns the derived files."""
    out_dir = site.docs / "downloads"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    derived: dict[str, list[Artifact]] = {}
    for pkg in [site.data.all, *site.data.packages.values()]:
        for f in pkg.files:
            target = site.docs / download_rel(f.rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f.path, target)
        write_zip(pkg, out_dir / f"{pkg.name}.zip")
        write_xlsx(pkg, out_dir / f"{pkg.name}.xlsx")
        derived[pkg.name] = [_artifact(site.docs, f"downloads/{pkg.name}.zip"),
                             _artifact(site.docs, f"downloads/{pkg.name}.xlsx")]
    return derived


def _files_table(site: Site, pkg: Package, derived: list[Artifact]) -> list[str]:
    lines = ["| 文件 | 大小（字节） | SHA-256 |", "|---|---:|---|"]
    for a in derived:
        name = Path(a.rel).name
        lines.append(f"| [{esc(name)}]({md_link(PAGE, a.rel)}) | {a.size:,} | <code class=sha>{a.sha256}</code> |")
    for f in pkg.files:
        lines.append(f"| [{esc(f.rel)}]({md_link(PAGE, download_rel(f.rel))}) | {f.size:,} | "
                     f"<code class=sha>{f.sha256}</code> |")
    return lines


def dictionary(site: Site) -> list[str]:
    """The schema of every resource of the combined package, as a readable data dictionary."""
    out = ["## 数据字典", "", "合并数据包 `all` 中每个资源的字段（类型与说明来自 datapackage.json 的 Table Schema）。", ""]
    for res in site.data.all.descriptor.get("resources", []):
        name = str(res.get("name", ""))
        schema = res.get("schema") or {}
        title = res.get("title") or RESOURCE_TITLES.get(name, "")
        out += [f"### {esc(name)}" + (f" — {esc(title)}" if title else ""), ""]
        if res.get("description"):
            out += [esc(res["description"]), ""]
        pk = schema.get("primaryKey")
        if pk:
            pk_text = ", ".join(pk) if isinstance(pk, list) else str(pk)
            out += [f"主键：<code>{esc(pk_text)}</code>", ""]
        out += ["| 字段 | 类型 | 标题 | 说明 |", "|---|---|---|---|"]
        for f in schema.get("fields", []):
            out.append(f"| <code>{esc(f.get('name', ''))}</code> | {esc(f.get('type', ''))} | "
                       f"{esc(f.get('title', ''))} | {esc(f.get('description', ''))} |")
        out.append("")
    return out


def render(site: Site, derived: dict[str, list[Artifact]]) -> str:
    out = ["# 下载数据", "",
           "每个公开文件一个 [Frictionless 数据包](https://specs.frictionlessdata.io/data-package/)："
           "CSV（UTF-8 带 BOM，Excel 可直接打开）+ `datapackage.json`（字段类型、标题、主键）。"
           "另提供 ZIP 打包和 Excel 工作簿：每个资源一张工作表，第一行为中文表头（含单位），第二行为字段名，"
           "另有「数据字典」工作表。合并数据包 `all` 含全部公开文件的数据与代码表。", "",
           "金额单位均为万元，精度与来源一致。SHA-256 可用于核对下载的文件是否完整。", "",
           f"不必下载也可在线筛选、排序任意数据表，并下载筛选结果：[浏览数据]({md_link(PAGE, 'explore.md')})。", "",
           '!!! tip "引用"', f"    使用数据时请注明来源，见[如何引用]({md_link(PAGE, 'cite.md')})。", "",
           "## 合并数据包（全部公开文件）", "", '<a id="all"></a>', ""]
    out += _files_table(site, site.data.all, derived.get("all", []))
    out += ["", "## 各公开文件的数据包", ""]
    for did in site.disclosure_ids():
        pkg = site.data.packages.get(did)
        if not pkg:
            continue
        out += [f'### {esc(site.disc(did).get("title", did))}', "", f'<a id="{esc(did)}"></a>',
                f"{esc(site.label(did))} · [页面]({md_link(PAGE, f'disclosures/{did}.md')})", ""]
        out += _files_table(site, pkg, derived.get(did, []))
        out.append("")
    out += dictionary(site)
    return "\n".join(out)


def write(site: Site) -> None:
    derived = copy_packages(site)
    site.write(PAGE, render(site, derived), boost=0.5)  # titles of every package: rank it low
