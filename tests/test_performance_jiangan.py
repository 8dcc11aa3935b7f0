"""Golden tests: jiangan narratives (项目支出主要用于 / 项目绩效自评综述) merged with the self-evaluation tables."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from generator.performance import extract_performance
from generator.performance.prose_projects import extract_prose_projects
from generator.read import read_document

SOURCES = Path(__file__).resolve().parent.parent / "sources"


@pytest.fixture(scope="module")
def j24():
    return read_document(SOURCES / "jiangan-2024-final.md")


@pytest.fixture(scope="module")
def j23():
    return read_document(SOURCES / "jiangan-2023-final.txt")


def _rows(projects):
    return [(p.name, p.adjusted, p.executed, p.execution_rate, p.source_ref, p.kind) for p in projects]


def test_jiangan_2024_narrative_projects(j24):
    # 主要用于 figures (OCR "11. 8") are the 决算 spending; 自评综述 adds 全年预算数 and 完成预算的 %
    # (source_ref names both lines: L473-L481 "1.部门日常管理经费项目绩效自评综述:项目全年预算数为11.8万元…")
    projects, problems = extract_prose_projects(j24.lines, "j24")
    assert _rows(projects) == [
        ("部门日常管理经费", D("11.8"), D("11.8"), D(100), "L386 L473", "narrative"),
        ("医保资金监管经费", D("13.25"), D("13.25"), D(100), "L387 L474", "narrative"),
        ("医疗救助经费", D("1359.96"), D("1359.96"), D(100), "L391 L475", "narrative"),
        ("困难人员零星经费", D("0.07"), D("0.07"), D(100), "L392 L479", "narrative"),
        ("2024年第二批中央财政医疗服务与保障能力提升补助资金", D(3), D(3), D(100), "L393 L481", "narrative"),
        ("疫情防控经费", D("49.43"), D("49.43"), D(100), "L394 L480", "narrative"),
    ]
    # = 项目支出 1437.51 (L382)
    assert sum(p.executed for p in projects) == D("1437.51")
    assert any("'城乡医疗救助经费' (绩效自评综述) taken as '医疗救助经费'" in p for p in problems)


def test_jiangan_2023_narrative_projects(j23):
    projects, _ = extract_prose_projects(j23.lines, "j23")
    assert _rows(projects) == [
        ("部门日常管理经费", D("16.83"), D("16.83"), D(100), "L855 L1117", "narrative"),
        ("医保资金监管经费", D("59.91"), D("59.91"), D(100), "L859 L1123", "narrative"),
        ("医疗救助经费", D("966.22"), D("966.22"), D(100), "L871 L1139", "narrative"),
        ("困难人员零星经费", D("0.07"), D("0.07"), D(100), "L883 L1165", "narrative"),
    ]
    assert sum(p.executed for p in projects) == D("1043.03")  # 项目支出 1043.03 万元


def test_narrative_merged_into_table_rows(j24, j23):
    r24, r23 = extract_performance(j24), extract_performance(j23)
    # one row per project name; the narrative adds no row of its own
    assert [p.kind for p in r24.projects] == ["self_eval"] * 7
    assert [p.kind for p in r23.projects] == ["self_eval"] * 5
    assert r24.raw_lines == [] and r23.raw_lines == []
    # the 2024 table's 预算数/执行数 of 部门日常管理经费 are lost by the OCR: the narrative's kept
    daily = next(p for p in r24.projects if p.name == "部门日常管理经费")
    # source_ref names the lines the values come from: the table L592, the narrative L386 and L473
    assert (daily.adjusted, daily.executed, daily.source_ref) == (D("11.8"), D("11.8"), "L592 L386 L473")
