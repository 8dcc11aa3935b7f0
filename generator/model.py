"""Typed records passed between the pipeline stages.

read → Document (lines with provenance)
recognize → Statement (one standard table's lines, classified)
normalize → rows of the published resources (see shared spec data-model.md)
check → CheckResult
package / pages consume a Disclosure.

Amounts are Decimal in 万元 with the source's precision; None means "not reported".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

# ---------------------------------------------------------------- read


@dataclass(frozen=True)
class Line:
    """One line of a source document.

    `cells` is set when the reader knows the cell boundaries (tab-separated
    Markdown rows, DOCX cell-per-line rows, PDF table rows); blank cells are
    kept as "". When None, the line is free text (or a table row whose blank
    cells vanished, as in plain-text exports) and `text` must be tokenized.
    """

    text: str
    ref: str  # provenance: "L123" (1-based line of the source file) or "p12" (PDF page)
    cells: tuple[str, ...] | None = None
    page: int | None = None  # PDF page (1-based), when known
    # PDF only: distance of the line's top from the top of its page (pt); tells lines printed
    # right below each other from lines with a gap between (text exports have line numbers)
    top: float | None = None


@dataclass
class Document:
    path: Path
    format: str  # "markdown" | "text" | "docx-text" | "pdf"
    lines: list[Line]
    sha256: str = ""
    pages: int | None = None  # PDF only
    problems: list[str] = field(default_factory=list)  # what the reader repaired (control characters)

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# ---------------------------------------------------------------- recognize


class Kind(StrEnum):
    """The standard statements, named by content (numbering differs by province/stage)."""

    SUMMARY = "summary"  # 01 收入支出决算总表 / 部门收支总表
    INCOME = "income"  # 02 收入决算表 / 部门收入总表
    EXPENDITURE = "expenditure"  # 03 支出决算表 / 部门支出总表
    FISCAL_SUMMARY = "fiscal_summary"  # 04 财政拨款收入支出决算总表 / 财政拨款收支总表
    GENERAL_BUDGET = "general_budget"  # 05 一般公共预算财政拨款支出表
    BASIC_ECONOMIC = "basic_economic"  # 06 一般公共预算财政拨款基本支出（明细）表
    GOV_FUND = "gov_fund"  # 07 政府性基金预算财政拨款…表
    STATE_CAPITAL = "state_capital"  # 08 国有资本经营预算财政拨款…表
    THREE_PUBLIC = "three_public"  # 09 财政拨款“三公”经费支出表
    FISCAL_EXPENDITURE = "fiscal_expenditure"  # 财政拨款支出表（功能科目）, Jiangsu
    FISCAL_BASIC_ECONOMIC = "fiscal_basic_economic"  # 财政拨款基本支出表（经济科目）, Jiangsu
    OPERATING_COST = "operating_cost"  # 机关运行经费支出表 by economic code, Jiangsu
    PROJECT_EXPENDITURE = "project_expenditure"  # 项目支出表
    PERFORMANCE_TARGETS = "performance_targets"  # 绩效目标表 (project or department)
    PERFORMANCE_SELF_EVAL = "performance_self_eval"  # 绩效自评表
    PROCUREMENT = "procurement"  # 部门政府采购预算 / 政府采购支出预算表
    OTHER = "other"  # a table we could not classify: kept raw and reported


@dataclass
class Statement:
    kind: Kind
    title: str  # as printed (normalized whitespace)
    number: str | None  # as printed: "01", "预算06", "7" ... None if absent
    unit: str  # "万元" or "元": amounts are converted to 万元 by the parsers
    lines: list[Line]  # body lines between the title and the next statement
    ref: str  # provenance of the title line
    empty_note: str | None = None  # e.g. "本单位无政府性基金预算财政拨款收入及支出"


# ---------------------------------------------------------------- normalize: published rows
# Field names are the public contract (shared spec); extra fields come last.


@dataclass
class SummaryRow:
    statement: str  # "overall" (01) | "fiscal" (04)
    side: str  # "income" | "expenditure"
    item_key: str
    code: str  # 类 code for function_class lines, else ""
    name: str
    amount: Decimal | None
    source_ref: str
    # 04表 only: the split of an expenditure line by fund type
    general_budget: Decimal | None = None
    gov_fund: Decimal | None = None
    state_capital: Decimal | None = None
    # unit budgets (Shanghai 财务收支预算总表): the split of an expenditure line by purpose
    personnel: Decimal | None = None  # 基本支出 人员经费
    public: Decimal | None = None  # 基本支出 公用经费
    project: Decimal | None = None  # 项目支出


@dataclass
class IncomeRow:
    code: str  # "total" for the 合计 line
    level: int  # 0 for total, 1 类, 2 款, 3 项
    name: str
    total: Decimal | None
    fiscal_appropriation: Decimal | None
    upper_subsidy: Decimal | None
    business_income: Decimal | None
    operating_income: Decimal | None
    affiliated_income: Decimal | None
    other_income: Decimal | None
    carryover: Decimal | None
    source_ref: str
    # budget templates (e.g. Hebei 部门预算收入总表) also print these columns
    income_subtotal: Decimal | None = None  # 本年收入 小计
    special_account_income: Decimal | None = None  # 财政专户管理资金收入


@dataclass
class ExpenditureRow:
    code: str
    level: int
    name: str
    total: Decimal | None
    basic: Decimal | None
    project: Decimal | None
    upper_payment: Decimal | None
    operating: Decimal | None
    affiliated_subsidy: Decimal | None
    source_ref: str
    # Jiangsu budgets: 单位预留机动经费, a reserve not yet assigned to basic or project spending
    reserve: Decimal | None = None


@dataclass
class GeneralBudgetRow:
    code: str
    level: int
    name: str
    total: Decimal | None
    basic: Decimal | None
    project: Decimal | None
    source_ref: str


@dataclass
class EconomicRow:
    code: str  # "301", "30101", or "total_personnel" / "total_public" / "total"
    level: int
    name: str
    category: str  # "personnel" | "public"
    amount: Decimal | None
    source_ref: str
    # 预算 templates print the 政府预算支出经济分类 (501xx) code and name beside the line
    gov_economic_code: str = ""
    gov_economic_name: str = ""


# Statements some templates print besides the national nine: same columns as 05 / 06, own resources.
@dataclass
class FiscalExpenditureRow(GeneralBudgetRow):
    """财政拨款支出表（功能科目）: all fiscal appropriations by function (Jiangsu 公开05表)."""


@dataclass
class GovFundExpenditureRow(GeneralBudgetRow):
    """政府性基金预算财政拨款支出表 with figures, budget layout."""


@dataclass
class StateCapitalExpenditureRow(GeneralBudgetRow):
    """国有资本经营预算财政拨款支出表 with figures, budget layout."""


@dataclass
class FiscalBasicEconomicRow(EconomicRow):
    """财政拨款基本支出表（经济科目） (Jiangsu 公开06表)."""


@dataclass
class OperatingCostRow(EconomicRow):
    """一般公共预算机关运行经费支出表 by economic code (Jiangsu 公开11表)."""


@dataclass
class ThreePublicRow:
    phase: str  # "budget" | "final"
    item_key: str
    name: str
    amount: Decimal | None
    source_ref: str


@dataclass
class Fact:
    topic_key: str
    label: str
    value: Decimal | None
    unit: str  # "万元", "%", "人", "辆", "台", "分", "个", ...
    quote: str  # the sentence it was read from
    source_ref: str
    year: int | None = None  # when the fact is about another year (e.g. 上年)


@dataclass
class BudgetExecutionRow:
    code: str
    name: str
    initial_budget: Decimal | None
    final: Decimal | None
    completion_rate: Decimal | None  # percent as printed
    reason: str
    source_ref: str


@dataclass
class ProjectRow:
    name: str
    project_code: str
    amount: Decimal | None  # budget (年初预算数 / 预算数)
    adjusted: Decimal | None  # 全年预算数 (adjusted)
    executed: Decimal | None  # 全年执行数
    execution_rate: Decimal | None  # percent
    score: Decimal | None
    source_ref: str
    department_unit: str = ""  # 实施单位 / 主管部门, where given
    kind: str = ""  # "self_eval" | "targets" | "narrative"
    execution_score: Decimal | None = None  # 预算执行 points of a self-evaluation (not an indicator)
    fiscal_funds: Decimal | None = None  # 其中：财政资金 of a 绩效目标表 (万元)
    other_funds: Decimal | None = None  # 其他资金 of a 绩效目标表 (万元)


@dataclass
class IndicatorRow:
    project: str
    level1: str
    level2: str
    level3: str
    operator: str  # "≥", "≤", "=", ... as normalized
    target: str  # as printed
    unit: str
    actual: str
    weight: Decimal | None
    score: Decimal | None
    source_ref: str


class Status(StrEnum):
    PASS = "pass"  # equal
    WARN = "warn"  # differs only within rounding tolerance
    FAIL = "fail"  # a genuine inconsistency in the source
    SKIP = "skip"  # not applicable: a figure is not reported


@dataclass
class CheckResult:
    check_id: str
    description: str
    expected: Decimal | None
    actual: Decimal | None
    difference: Decimal | None
    status: Status
    scope: str  # "table" | "cross-table" | "text" | "project"
    tolerance: Decimal | None = None
    source_ref: str = ""
    # a plain Chinese sentence for readers of a fail or warn (generator/check/explain.py)
    explanation: str = ""


@dataclass
class GlossaryEntry:
    """A term of the 名词解释 section, with its definition as printed."""

    term: str
    definition: str
    source_ref: str


@dataclass
class ProfileItem:
    """Department profile text: 主要职责 items, 机构设置, units included in the disclosure."""

    section: str  # "duties" | "organization" | "units" | "key_work"
    seq: int  # order within the section, from 1
    text: str
    source_ref: str


@dataclass
class RawTable:
    """A statement the generator could not parse: kept verbatim and reported."""

    title: str
    kind: str
    reason: str
    lines: list[Line]
    ref: str


# ---------------------------------------------------------------- disclosure


@dataclass
class DisclosureMeta:
    disclosure_id: str
    department_id: str
    department: str
    year: int
    stage: str  # "budget" | "final"
    title: str
    file: str
    format: str
    sha256: str
    short_name: str = ""
    province: str = ""
    city: str = ""
    county: str = ""
    original_format: str = ""
    notes: str = ""
    # where the department published it and when (empty when the catalog does not know: never guessed)
    source_url: str = ""
    published: str = ""
    # a disclosure published as several files: the files after `file`, and their sha256
    more_files: tuple[str, ...] = ()
    more_sha256: tuple[str, ...] = ()
    # a file extracted from outside sources/: the paths as given (`file` and `more_files`), recorded
    # in the package instead of sources/<file>
    given_paths: tuple[str, ...] = ()

    @property
    def other_files(self) -> str:
        """The further files as published in the disclosures resource: `name sha256:…; …`."""
        return "; ".join(f"{f} sha256:{h}" for f, h in zip(self.more_files, self.more_sha256, strict=True))


@dataclass
class Disclosure:
    meta: DisclosureMeta
    summary: list[SummaryRow] = field(default_factory=list)
    income_by_function: list[IncomeRow] = field(default_factory=list)
    expenditure_by_function: list[ExpenditureRow] = field(default_factory=list)
    general_budget_expenditure: list[GeneralBudgetRow] = field(default_factory=list)
    basic_expenditure_economic: list[EconomicRow] = field(default_factory=list)
    three_public: list[ThreePublicRow] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    budget_execution: list[BudgetExecutionRow] = field(default_factory=list)
    projects: list[ProjectRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    fiscal_expenditure_by_function: list[FiscalExpenditureRow] = field(default_factory=list)
    gov_fund_expenditure: list[GovFundExpenditureRow] = field(default_factory=list)
    state_capital_expenditure: list[StateCapitalExpenditureRow] = field(default_factory=list)
    fiscal_basic_expenditure_economic: list[FiscalBasicEconomicRow] = field(default_factory=list)
    operating_cost_economic: list[OperatingCostRow] = field(default_factory=list)
    checks: list[CheckResult] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)  # what was recognized
    raw_tables: list[RawTable] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # reported, never fatal
    glossary: list[GlossaryEntry] = field(default_factory=list)
    profile: list[ProfileItem] = field(default_factory=list)
    procurement: list[ProcurementRow] = field(default_factory=list)
    spending_plan: list[SpendingPlanRow] = field(default_factory=list)


class InputError(Exception):
    """Bad input: the message names the file and what is wrong (shown without traceback)."""


# ---------------------------------------------------------------- normalize: procurement


@dataclass
class ProcurementRow:
    """One line of a 政府采购预算 table: the 合计 / unit subtotal lines (row_type "total" /
    "subtotal", no item), a purchase (row_type "item") with its project and fund split, or in a
    tree layout (Jiangsu 政府采购支出预算表) a group line: a 采购品目大类 ("category") or a
    project's economic-category line ("group") whose amount covers the purchases below it."""

    row_type: str  # "total" | "subtotal" | "category" | "group" | "item"
    seq: int  # order in the table, from 1 (an item may be listed twice: the key needs it)
    unit_name: str  # 单位 of a subtotal line ("…本级小计"), else ""
    project: str  # 项目名称 (政府采购项目来源)
    project_budget: Decimal | None  # 预算资金 of the project (万元)
    item: str  # 采购物品名称
    catalog_code: str  # 政府采购目录序号 (A… goods, B… works, C… services)
    measure_unit: str  # 计量单位 as printed (万元, 张, 台 …)
    quantity: Decimal | None
    unit_price: Decimal | None  # 单价 (万元) as printed
    amount: Decimal | None  # 政府采购金额 合计 (万元)
    general_budget: Decimal | None  # 一般公共预算拨款
    gov_fund: Decimal | None  # 基金预算拨款
    state_capital: Decimal | None  # 国有资本经营预算拨款
    special_account: Decimal | None  # 财政专户核拨
    unit_funds: Decimal | None  # 单位资金
    carryover: Decimal | None  # 上年结转结余
    sme_reserved: Decimal | None  # 预留中小微企业份额
    source_ref: str
    category: str = ""  # 采购品目大类 (一、货物A …) of a tree layout, carried to the lines below
    economic_name: str = ""  # 经济科目 the purchase is budgeted under, as printed
    method: str = ""  # 采购组织形式 (政府集中采购, 部门集中采购, 分散自行组织 …)


# ---------------------------------------------------------------- performance: spending plan


@dataclass
class SpendingPlanRow:
    """One period of a project's 资金支出计划 (绩效目标表): the cumulative amount planned to be
    spent by the end of the period, as printed, with the unit the table's header prints."""

    project: str
    period: str  # as printed: "3月底", "6月底", "10月底", "12月底"
    amount: Decimal | None  # as printed; None where the cell is blank
    unit: str  # the unit printed in the header ("%"), or the table's 单位 when the header prints none
    source_ref: str
