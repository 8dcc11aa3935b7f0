"""名词解释 from the packages, when a `glossary` resource is published (else only the hand-written glossary)."""

from __future__ import annotations

from generator.pages.context import Site
from generator.pages.fmt import esc

PAGE = "glossary-sources.md"


def write(site: Site) -> bool:
    rows = site.data.rows("glossary")
    if not rows:
        return False
    cols = [c for c in site.data.columns.get("glossary", []) if c != "disclosure_id"]
    term = next((c for c in ("term", "name", "label") if c in cols), cols[0])
    text = next((c for c in ("definition", "text", "description") if c in cols), cols[-1])
    out = ["# 名词解释（来源文件）", "", "各公开文件“名词解释”部分的原文，按词条合并；同一词条在不同文件中的表述并列列出。", ""]
    merged: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        merged.setdefault(r.get(term, ""), []).append((r.get("disclosure_id", ""), r.get(text, "")))
    for name in sorted(merged):
        out += [f"## {esc(name)}", ""]
        seen: set[str] = set()
        for did, definition in merged[name]:
            if definition in seen:
                continue
            seen.add(definition)
            label = site.label(did) if did else ""
            out += [f"{esc(definition)}" + (f" <small>（{esc(label)}）</small>" if label else ""), ""]
    site.write(PAGE, "\n".join(out))
    return True
