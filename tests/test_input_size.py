"""Input bounds: a size limit with a flag to raise it, and a narrative reader linear in the input."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from generator import read as reader
from generator.catalog import SOURCES_DIR
from generator.cli import main
from generator.narrative.facts import extract_facts
from generator.pipeline import read
from generator.read import set_size_limit


@pytest.fixture(autouse=True)
def _limits():
    saved = dict(reader.LIMITS)
    yield
    reader.LIMITS.update(saved)


def test_a_file_over_the_limit_is_refused_and_the_flag_raises_it(tmp_path: Path, capsys) -> None:
    src = tmp_path / "big.txt"
    src.write_text((SOURCES_DIR / "shanhaiguan-2024-budget.txt").read_text("utf-8"), "utf-8")
    reader.LIMITS["text"] = 1000  # a text export over 1 kB: refused before it is read
    assert main(["extract", str(src), "--out", str(tmp_path / "a")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "big.txt" in err and "--max-size" in err and "\n" not in err
    assert not (tmp_path / "a").exists()
    assert main(["--max-size", "5", "extract", str(src), "--out", str(tmp_path / "b")]) == 0
    assert (tmp_path / "b" / "datapackage.json").is_file()


def test_max_size_must_be_positive() -> None:
    with pytest.raises(Exception, match="positive"):
        set_size_limit(0)


def _peak_bytes(path: Path) -> int:
    doc = read(path)
    tracemalloc.start()
    extract_facts(doc, "budget", 2024)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_the_narrative_reader_is_linear_in_a_long_sentence(tmp_path: Path) -> None:
    # One sentence of thousands of figures: before the bounded window every figure kept copies of
    # the whole sentence (1.7 GB for 108,000 characters); memory must now grow with the text.
    base = (SOURCES_DIR / "shanhaiguan-2024-budget.txt").read_text("utf-8")
    peaks = []
    for n in (500, 2000):
        src = tmp_path / f"long{n}.txt"
        src.write_text(base + "\n本部门说明：" + "机关运行经费支出12.34万元，比上年增加1.2万元，" * n + "。\n", "utf-8")
        peaks.append(_peak_bytes(src))
    assert peaks[1] < 6 * peaks[0], peaks  # 4× the text: linear is ≈4×, quadratic ≈16×
