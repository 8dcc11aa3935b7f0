"""A package on disk is the old one or the new one, never half-written (issue 9, items 2-4).

--out never deletes what is not ours; a build that fails validation changes nothing; a build
killed (kill -9) at any point of its write phase leaves valid packages only; concurrent runs
take turns on a lock; filesystem errors and Ctrl-C get one line.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from generator.catalog import ROOT, SOURCES_DIR, load_catalog
from generator.cli import main
from generator.model import Disclosure, IncomeRow
from generator.package import package_errors, publish
from generator.package.build import build_disclosures, write_packages

HUAXIAN = SOURCES_DIR / "huaxian-2024-budget.txt"


def run(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"}, timeout=300, **kw,
    )


def one_line(proc: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert proc.returncode == code, proc.stderr
    err = proc.stderr.strip()
    assert "Traceback" not in err and err.count("\n") == 0 and err.startswith("error: "), err
    return err


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def tree_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for rel, data in snapshot(folder).items():
        h.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


# ---------------------------------------------------------------- item 2: --out is never someone else's


def _foreign(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True)
    (folder / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (folder / "README.md").write_text("my project\n", encoding="utf-8")
    (folder / "datapackage.json").write_text(
        json.dumps({"name": "mine", "resources": [{"name": "mine", "path": "notes.csv"}]}), encoding="utf-8"
    )
    (folder / "data.txt").write_text("keep me\n", encoding="utf-8")
    return snapshot(folder)


def test_out_refuses_a_folder_that_is_not_ours(tmp_path: Path) -> None:
    out = tmp_path / "project"
    before = _foreign(out)
    err = one_line(run("extract", str(HUAXIAN), "--out", str(out), "--id", "huaxian"))
    assert str(out) in err and "not empty" in err and "--force" in err
    assert snapshot(out) == before
    proc = run("extract", str(HUAXIAN), "--out", str(out), "--id", "huaxian", "--force")
    assert proc.returncode == 0, proc.stderr
    after = snapshot(out)
    assert after["notes.csv"] == before["notes.csv"] and after["data.txt"] == before["data.txt"]
    assert package_errors(out / "datapackage.json") == []


def test_republishing_replaces_only_our_files(tmp_path: Path) -> None:
    """Our stale resources go; a file the user put into the package folder stays."""
    from generator.extract import Options, extract_file, write_file_package

    out = tmp_path / "pkg"
    d = extract_file(HUAXIAN, out, Options(id="huaxian"))
    (out / "my-notes.txt").write_text("mine", encoding="utf-8")
    (out / "sub").mkdir()
    (out / "sub" / "x.csv").write_text("mine", encoding="utf-8")
    assert (out / "three_public.csv").exists()
    write_file_package(dataclasses.replace(d, three_public=[]), out)
    assert not (out / "three_public.csv").exists()
    assert (out / "my-notes.txt").read_text("utf-8") == "mine" and (out / "sub" / "x.csv").exists()
    assert package_errors(out / "datapackage.json") == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") and p.is_dir()]


# ---------------------------------------------------------------- item 4: filesystem errors are input errors


def test_out_that_is_a_file_or_under_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    err = one_line(run("extract", str(HUAXIAN), "--out", str(blocker), "--id", "huaxian"))
    assert "file.txt" in err and "not a folder" in err
    err = one_line(run("build", "--out", str(blocker / "sub")))  # refused before building
    assert "file.txt" in err and "Not a directory" in err
    assert blocker.read_text("utf-8") == "x"


@pytest.mark.parametrize(
    ("code", "words"), [(errno.ENOSPC, "No space left on device"), (errno.EACCES, "Permission denied")]
)
def test_full_disk_and_unwritable_out(tmp_path: Path, monkeypatch, capsys, code: int, words: str) -> None:
    out = tmp_path / "pkg"
    real = Path.write_bytes

    def failing(self: Path, data: bytes) -> int:
        if out.parent in self.parents:
            raise OSError(code, os.strerror(code), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    assert main(["extract", str(HUAXIAN), "--out", str(out), "--id", "huaxian"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith(f"error: {out}: cannot write the package: {words}"), err
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")  and p.is_dir()]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_out(tmp_path: Path) -> None:
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        err = one_line(run("extract", str(HUAXIAN), "--out", str(parent / "pkg"), "--id", "huaxian"))
        assert "Permission denied" in err
    finally:
        parent.chmod(0o700)


# ---------------------------------------------------------------- item 3: atomic, validated, locked


@pytest.fixture(scope="module")
def disclosures() -> tuple[list[Disclosure], list[Disclosure]]:
    """The bundled disclosures (old) and the same with other titles (new): two versions of every package."""
    old = build_disclosures(load_catalog())
    new = [dataclasses.replace(d, meta=dataclasses.replace(d.meta, title=d.meta.title + "（修订）")) for d in old]
    return old, new


@pytest.fixture(scope="module")
def versions(disclosures, tmp_path_factory) -> tuple[Path, Path]:
    old, new = disclosures
    roots = tmp_path_factory.mktemp("old"), tmp_path_factory.mktemp("new")
    write_packages(old, roots[0])  # validated
    write_packages(new, roots[1])
    return roots


def _bad(d: Disclosure) -> Disclosure:
    """A row read twice (the primary key repeats): the package fails validation."""
    row = IncomeRow("2101501", 3, "行政运行", Decimal(1), Decimal(1), None, None, None, None, None, None, "L1")
    return dataclasses.replace(d, income_by_function=[*d.income_by_function, row, row])


def test_invalid_build_changes_nothing(disclosures, versions, tmp_path: Path) -> None:
    old, new = disclosures
    root = tmp_path / "datapackages"
    shutil.copytree(versions[0], root)
    before = snapshot(root)
    # a renamed id (the old folder would be stale) and one invalid package
    renamed = dataclasses.replace(new[0], meta=dataclasses.replace(new[0].meta, disclosure_id="renamed-2024-final"))
    with pytest.raises(publish.PackageInvalid, match="invalid data package") as exc:
        write_packages([renamed, *new[1:-1], _bad(new[-1])], root)
    assert str(root / new[-1].meta.disclosure_id) in str(exc.value) and ".new-" not in str(exc.value)
    assert snapshot(root) == before
    assert not [p for p in root.iterdir() if p.name.startswith(".") and p.is_dir()]


_VALID: dict[str, bool] = {}


def _valid(folder: Path) -> bool:
    key = tree_hash(folder)
    if key not in _VALID:
        _VALID[key] = package_errors(folder / "datapackage.json") == []
    return _VALID[key]


def _record_steps(new: list[Disclosure], root: Path) -> list[str]:
    """The filesystem steps of one publication, in order (file writes, renames, removals)."""
    steps: list[str] = []
    patches = _patch(lambda kind: steps.append(kind))
    try:
        write_packages(new, root, validate=False)
    finally:
        _unpatch(patches)
    return steps


def _patch(before_step) -> list[tuple[object, str, object]]:
    patches = [(os, "replace"), (shutil, "rmtree"), (Path, "write_bytes"), (Path, "write_text"), (os, "link")]
    saved = []
    for owner, name in patches:
        real = getattr(owner, name)

        def wrapper(*args, _real=real, _name=name, **kw):
            before_step(_name)
            return _real(*args, **kw)

        saved.append((owner, name, real))
        setattr(owner, name, wrapper)
    return saved


def _unpatch(saved) -> None:
    for owner, name, real in saved:
        setattr(owner, name, real)


def _killed_at(step: int, new: list[Disclosure], root: Path) -> int:
    """Publish `new` into root in a child process that dies (os._exit, like kill -9: no cleanup
    runs) right before its `step`-th filesystem step; returns the child's exit status."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        count = [0]

        def before(_kind: str) -> None:
            count[0] += 1
            if count[0] == step:
                os._exit(9)

        try:
            _patch(before)
            write_packages(new, root, validate=False)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_killed_at_every_point_of_the_write_phase(disclosures, versions, tmp_path: Path) -> None:
    """Kill a build before each rename/removal of its swap phase and at points of its writing;
    every package on disk is then byte for byte the old or the new one and valid; the next
    run's recovery leaves every package present (old or new) and no temporary folder."""
    old, new = disclosures
    names = [d.meta.disclosure_id for d in old] + ["all"]
    hashes = {n: {tree_hash(versions[0] / n), tree_hash(versions[1] / n)} for n in names}
    steps = _record_steps(new, shutil.copytree(versions[0], tmp_path / "probe"))
    swap = [i + 1 for i, kind in enumerate(steps) if kind in ("replace", "rmtree", "link")]
    writes = [i + 1 for i, kind in enumerate(steps) if kind.startswith("write")]
    points = sorted({*swap, writes[0], writes[len(writes) // 2], writes[-1]})
    assert len(swap) >= 2 * len(names)
    for point in points:
        root = shutil.copytree(versions[0], tmp_path / f"k{point}")
        assert _killed_at(point, new, root) == 9, point
        for folder in root.iterdir():
            if folder.is_dir() and not folder.name.startswith("."):
                assert tree_hash(folder) in hashes[folder.name], (point, folder.name)
                assert _valid(folder), (point, folder.name)
        with publish.locked(root):
            publish.recover(root)
        assert sorted(p.name for p in root.iterdir() if p.is_dir()) == sorted(names), point
        for name in names:
            assert tree_hash(root / name) in hashes[name] and _valid(root / name), (point, name)
    # a run that is not killed ends with the new packages
    root = shutil.copytree(versions[0], tmp_path / "whole")
    assert _killed_at(len(steps) + 1, new, root) == 0
    assert snapshot(root) == {k: v for k, v in snapshot(versions[1]).items()}


def test_kill_9_of_a_real_build(versions, tmp_path: Path) -> None:
    """`python -m generator build` killed with SIGKILL while it writes: packages stay valid."""
    root = shutil.copytree(versions[0], tmp_path / "datapackages")
    before = {p.name: tree_hash(p) for p in root.iterdir() if p.is_dir()}
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--out", str(root)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while proc.poll() is None and time.monotonic() < deadline:
        if any(p.name.startswith(".") and ".new-" in p.name for p in root.iterdir()):
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    proc.wait(timeout=60)
    for folder in root.iterdir():
        if folder.is_dir() and not folder.name.startswith("."):
            assert tree_hash(folder) == before[folder.name] or _valid(folder), folder.name


def test_a_second_build_waits_for_the_lock(versions, tmp_path: Path) -> None:
    root = shutil.copytree(versions[0], tmp_path / "datapackages")
    (root / "all" / "README.md").write_text("changed by someone", encoding="utf-8")
    with publish.locked(root):
        proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--out", str(root)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        assert proc.stderr is not None
        waiting = ""
        for line in proc.stderr:
            if "waiting" in line:
                waiting = line
                break
        assert "another run is writing packages here" in waiting
        time.sleep(0.5)
        assert (root / "all" / "README.md").read_text("utf-8") == "changed by someone"  # not swapped yet
    assert proc.wait(timeout=240) == 0
    assert snapshot(root) == snapshot(versions[0])


def test_ctrl_c_stops_a_batch_with_one_line_and_saves_the_manifest(tmp_path: Path) -> None:
    files = []
    for i in range(6):
        f = tmp_path / "in" / f"d{i}-2024-budget.txt"
        f.parent.mkdir(exist_ok=True)
        f.write_text(HUAXIAN.read_text("utf-8-sig") + f"\n附{i}\n", encoding="utf-8")  # distinct sha256
        files.append(str(f))
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "generator", "extract", *files, "--out", str(out), "--jobs", "2"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    first = proc.stderr.readline()  # the first package done
    assert "d" in first
    proc.send_signal(signal.SIGINT)
    started = time.monotonic()
    rest = proc.stderr.read()
    assert proc.wait(timeout=60) == 130
    assert time.monotonic() - started < 20  # promptly: the other files are not extracted first
    assert "Traceback" not in rest
    lines = [ln for ln in rest.splitlines() if ln.strip()]
    assert lines[-1].startswith("interrupted:") and sum(ln.startswith("interrupted") for ln in lines) == 1
    manifest = json.loads((out / "extracted.json").read_text("utf-8"))
    assert 1 <= len(manifest) < len(files)
    for entry in manifest.values():
        assert package_errors(out / entry["disclosure_id"] / "datapackage.json") == []
    for folder in out.iterdir():
        if folder.is_dir() and not folder.name.startswith("."):
            assert _valid(folder), folder.name
