"""Batch extraction: parallel, one package per disclosure, skips files already extracted."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from generator.extract import Options, extract_batch

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"


def test_batch_extracts_in_parallel_and_skips_known_files(tmp_path):
    files = [SOURCES / "huaxian-2024-budget.txt", SOURCES / "shanhaiguan-2024-budget.txt"]
    inputs = []
    for f in files:
        inputs.append(tmp_path / f.name)
        shutil.copy(f, inputs[-1])
    out = tmp_path / "out"
    first = extract_batch(inputs, out, Options(), workers=2)
    assert [o.status for o in first] == ["extracted", "extracted"]
    ids = sorted(o.disclosure_id for o in first)
    assert ids == ["huaxian-2024-budget", "shanhaiguan-2024-budget"]
    for i in ids:
        assert (out / i / "datapackage.json").is_file()
    manifest = json.loads((out / "extracted.json").read_text("utf-8"))
    assert sorted(v["disclosure_id"] for v in manifest.values()) == ids

    again = extract_batch(inputs, out, Options())
    assert [o.status for o in again] == ["skipped", "skipped"]
    forced = extract_batch(inputs[:1], out, Options(), force=True)
    assert [o.status for o in forced] == ["extracted"]


def test_batch_reports_each_bad_file_and_exits_nonzero(tmp_path):
    good = tmp_path / "huaxian-2024-budget.txt"
    shutil.copy(SOURCES / good.name, good)
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj\n<<")
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "extract", str(good), str(bad), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert proc.returncode == 2
    assert "1 extracted, 0 skipped (already extracted), 1 failed" in proc.stderr
    assert f"error: {bad}:" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (tmp_path / "out" / "huaxian-2024-budget" / "datapackage.json").is_file()
