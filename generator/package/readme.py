"""README.md of a data package: what it is, where it comes from, what is in it, what went wrong."""

from __future__ import annotations

from collections import Counter

from ..model import Disclosure, Status
from . import schemas
from .rows import Table

_STATUSES = [s.value for s in Status]


def _license_line() -> str:
    lic = schemas.license_info()
    return (
        f"Data: [{lic['title']}]({lic['path']}) — attribute the publishing department and this project. "
        "The source documents are public government information (政府信息公开) published by the department."
    )


def _resource_table(counts: dict[str, int]) -> list[str]:
    lines = ["| resource | 标题 | rows |", "|---|---|---:|"]
    for name, n in counts.items():
        lines.append(f"| `{name}.csv` | {schemas.resource_title(name)} | {n} |")
    return lines


def check_summary(d: Disclosure) -> str:
    counts = Counter(c.status.value if hasattr(c.status, "value") else str(c.status) for c in d.checks)
    return ", ".join(f"{counts.get(s, 0)} {s}" for s in _STATUSES)


def _md(text: str) -> str:
    """One-line text safe inside a Markdown list item or table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def disclosure_readme(d: Disclosure, tables: dict[str, Table]) -> str:
    m = d.meta
    stage = "部门决算 (final accounts)" if m.stage == "final" else "部门预算 (budget)"
    out = [
        f"# {m.department} — {m.year} {stage}",
        "",
        f"Data package `{m.disclosure_id}`: the figures of *{m.title}*, read from the published document.",
        "Amounts are in 万元, exactly as printed; every row has a `source_ref` pointing into the source.",
        "",
        "## Source",
        "",
        f"- Department: {m.department}" + (f" ({m.province}{m.city}{m.county})" if m.province else ""),
        # a path as given is untrusted text: no backtick may close the code span
        f"- File: `{(m.given_paths[0] if m.given_paths else f'sources/{m.file}').replace('`', chr(39))}` ({m.format}"
        + (f", published as {m.original_format}" if m.original_format else "")
        + ")",
        f"- sha256: `{m.sha256}`",
    ]
    if m.notes:
        out.append(f"- Notes: {_md(m.notes)}")
    out += ["", "## License", "", _license_line(), "", "## Resources", ""]
    out += _resource_table({name: len(t) for name, t in tables.items()})
    out += ["", "## Checks", "", f"{check_summary(d)} ({len(d.checks)} checks; see `checks.csv`)."]
    failed = [c for c in d.checks if str(getattr(c.status, "value", c.status)) == "fail"]
    for c in failed:
        out.append(
            f"- **fail** `{c.check_id}`: {_md(c.description)} — expected {c.expected}, actual {c.actual}"
        )
    out += ["", "## Tables kept raw", ""]
    if d.raw_tables:
        out.append("Published verbatim in `raw_tables.csv`:")
        out.append("")
        for t in d.raw_tables:
            out.append(f"- {_md(t.title)} ({t.ref}, {t.kind}): {_md(t.reason)}")
    else:
        out.append("None: every recognized table was parsed.")
    out += ["", "## Problems", ""]
    if d.problems:
        out += [f"- {_md(p)}" for p in d.problems]
    else:
        out.append("None.")
    return "\n".join(out) + "\n"


def all_readme(disclosures: list[Disclosure], counts: dict[str, int]) -> str:
    out = [
        "# 医疗保障局部门预算、决算公开数据（全部）",
        "",
        "Every resource of every disclosure concatenated (each row carries `disclosure_id`), with the code",
        "lists `departments`, `disclosures`, `function_codes`, `economic_codes` and `gov_economic_codes`. The",
        "national lists hold every version of a code (`valid_from`–`valid_to`) and the codes a disclosure printed",
        "that its year's list lacks (`origin` = document), and pseudo-codes (`total`, `total_personnel`,",
        "`total_public`, level 0) for the total lines of the tables.",
        "",
        "## License",
        "",
        _license_line(),
        "",
        "## Disclosures",
        "",
        "| disclosure | department | year | stage | checks (pass/warn/fail/skip) | raw tables | problems |",
        "|---|---|---:|---|---|---:|---:|",
    ]
    for d in disclosures:
        m = d.meta
        c = Counter(str(getattr(x.status, "value", x.status)) for x in d.checks)
        checks = "/".join(str(c.get(s, 0)) for s in _STATUSES)
        out.append(
            f"| `{m.disclosure_id}` | {m.department} | {m.year} | {m.stage} | {checks} "
            f"| {len(d.raw_tables)} | {len(d.problems)} |"
        )
    out += ["", "## Resources", ""]
    out += _resource_table(counts)
    return "\n".join(out) + "\n"
