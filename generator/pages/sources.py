"""The source documents on the site, and every source_ref as a link to its line or page.

Text exports become line-numbered pages (`sources/<id>/`, one anchor `#L<n>` per line,
numbered exactly as the readers number them) and are offered for download as they are;
PDFs are offered as files and a page ref opens `file.pdf#page=N`. A source file is
published only when it is present and has the sha256 the package names: a ref never
points at a different text than the one the figures were read from.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.catalog import sha256_of
from generator.model import InputError
from generator.pages.fmt import esc
from generator.pages.load import Data, Row
from generator.read.detect import load_text

# A token of a source_ref: optional prefixes (table T01:, file f2:, section income:), then a line or page,
# optionally a second one (L77+L78, L10-L12).
_FILE = re.compile(r"(?:^|:)f(\d+):")
_POINT = re.compile(r"(?:^|:)([Lp])(\d+)(?:([+-])L?(\d+))?$")
# Raw HTML in Markdown is not rewritten by MkDocs: links are written from the site root with this
# marker and made page-relative by the hook (generator/pages/hooks.py).
ROOT = "~site/"


@dataclass(frozen=True)
class SourceFile:
    disclosure_id: str
    index: int  # 1 for the disclosure's first file, 2 for f2: …
    name: str  # file name as catalogued
    path: Path
    sha256: str
    pdf: bool
    download: str  # site path of the original file
    page: str  # Markdown path of the line-numbered page ("" for a PDF)


def page_url(md: str) -> str:
    return md[:-3] + "/"


def _files(d: Row) -> list[tuple[str, str]]:
    """(name, sha256) of every file of a disclosure: `file` and the `other_files` list."""
    out = [(d.get("file", ""), d.get("sha256", ""))]
    for part in (d.get("other_files") or "").split(";"):
        name, _, sha = part.strip().partition(" sha256:")
        if name:
            out.append((name.strip(), sha.strip()))
    return [(n, s) for n, s in out if n]


def find_sources(data: Data, sources_dir: Path | None) -> dict[str, list[SourceFile]]:
    """Disclosure id → its source files that are present with the catalogued sha256."""
    found: dict[str, list[SourceFile]] = {}
    if sources_dir is None or not Path(sources_dir).is_dir():
        return found
    for d in data.disclosures:
        did = d.get("disclosure_id", "")
        files = []
        for index, (name, sha) in enumerate(_files(d), start=1):
            path = Path(sources_dir) / Path(name).name  # a file name from the data never leaves sources_dir
            if not path.is_file() or sha256_of(path) != sha.lower():
                continue
            pdf = path.suffix.lower() == ".pdf"
            served = path.name + (".txt" if path.suffix.lower() == ".md" else "")  # a .md would become a page
            md = "" if pdf else f"sources/{did}.md" if index == 1 else f"sources/{did}-f{index}.md"
            files.append(SourceFile(did, index, path.name, path, sha.lower(), pdf, f"sources/{did}/{served}", md))
        if files:
            found[did] = files
    return found


def ref_target(files: list[SourceFile], token: str) -> str:
    """Site path (from the root) a ref token points at, or "" when it names no line/page we publish."""
    m = _POINT.search(token)
    if not m:
        return ""
    fm = _FILE.search(token)
    index = int(fm.group(1)) if fm else 1
    src = next((f for f in files if f.index == index), None)
    if src is None:
        return ""
    kind, first = m.group(1), int(m.group(2))
    if src.pdf:
        return f"{src.download}#page={first}" if kind == "p" else ""
    if kind != "L":
        return ""
    last = int(m.group(4)) if m.group(3) == "-" and m.group(4) else None
    return f"{page_url(src.page)}#L{first}" + (f"-L{last}" if last and last > first else "")


def ref_html(sources: dict[str, list[SourceFile]], disclosure_id: str, ref: str) -> str:
    """A source_ref cell: each token a link to its line or page (plain text where none is published)."""
    files = sources.get(disclosure_id, [])
    parts = []
    for token in (ref or "").split():
        target = ref_target(files, token) if files else ""
        parts.append(f'<a class="src-ref" href="{ROOT}{esc(target)}">{esc(token)}</a>' if target else esc(token))
    return " ".join(parts)


def _lines_html(text: str) -> str:
    # one line each, numbered like the readers number them (str.splitlines, from 1); no newlines in the
    # block, so Markdown passes it through as one raw HTML block
    rows = "".join(f'<div class="ln" id="L{n}"><a class="lno" href="#L{n}">{n}</a>'
                   f'<span class="lt">{esc(line)}</span></div>'
                   for n, line in enumerate(text.splitlines(), start=1))
    return f'<div class="src-lines">{rows}</div>'


def origin_lines(d: Row) -> list[str]:
    """Publisher, original address and publication date: from the catalog, "目录未记录" when it has none."""
    url, published = (d.get("source_url") or "").strip(), (d.get("published") or "").strip()
    return [f"- 发布单位：{esc(d.get('department', ''))}（来源文件自称：{esc(d.get('title', ''))}）",
            "- 原文地址：" + (f'<a href="{esc(url)}" rel="noopener">{esc(url)}</a>'
                            if url.startswith(("https://", "http://")) else "目录未记录"),
            f"- 公开日期：{esc(published) if published else '目录未记录'}"]


def _about(d: Row, src: SourceFile) -> list[str]:
    size = src.path.stat().st_size
    note = "（Markdown 原文以 .txt 提供，内容逐字节相同）" if src.name.lower().endswith(".md") else ""
    return [*origin_lines(d),
            f"- 本文件：{esc(src.name)}（{size:,} 字节，SHA-256 <code>{esc(src.sha256)}</code>）",
            f'- <a href="{ROOT}{esc(src.download)}" download>下载原文件</a>{note}']


def write_all(site) -> None:
    """Copy every published source file and write the line-numbered page of each text export."""
    for did, files in site.sources.items():
        d = site.disc(did)
        for src in files:
            target = site.docs / src.download
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src.path, target)
            if src.pdf:
                continue
            try:
                text = load_text(src.path, src.path.read_bytes())
            except InputError:
                continue
            title = f"原文：{d.get('title') or did}" + (f"（第 {src.index} 个文件）" if src.index > 1 else "")
            body = [f"# {esc(title)}", "",
                    f'<p class="page-lead">{esc(site.dep_name(d.get("department_id", "")))} · '
                    f'{esc(d.get("year", ""))} 年度 · <a href="{ROOT}disclosures/{esc(did)}/">本公开文件的数据</a></p>',
                    "", *_about(d, src), "",
                    "下面是来源文件的全文，每行一个编号（与数据中的 source_ref 相同，如 L77 = 第 77 行）；"
                    "从数据表点击出处即跳到这里并高亮该行。", "", _lines_html(text)]
            # full text pages stay out of the search index: the disclosure pages are what a search should find
            site.write(src.page, "---\nsearch:\n  exclude: true\n---\n\n" + "\n".join(body))


def source_list(site, did: str) -> list[str]:
    """The 来源文件 section of a disclosure page: publisher, original address, date, the files."""
    out = origin_lines(site.disc(did))
    for src in site.sources.get(did, []):
        view = (f'<a href="{ROOT}{esc(page_url(src.page))}">逐行查看</a> · ' if src.page else "")
        out.append(f"- {esc(src.name)}：{view}<a href=\"{ROOT}{esc(src.download)}\" download>下载原文件</a>"
                   f"（SHA-256 <code>{esc(src.sha256[:12])}…</code>）")
    if not site.sources.get(did):
        out.append("- 来源文件未随本站发布：出处（source_ref）只以文字给出。")
    return out
