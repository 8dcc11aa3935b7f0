"""Put packages on disk so that each is, at every moment, the old one or the new one, and valid.

Each package is written into a temporary sibling folder (`.NAME.new-PID-…`), validated there,
then swapped in under a lock file (`ROOT/.generator.lock`, so concurrent builds take turns):

    1. rename NAME        → .NAME.old-PID-…    a reader sees no NAME for a moment
    2. rename .NAME.new-… → NAME               a reader sees the new package
    3. remove .NAME.old-…                      (the old one was complete until now)

POSIX cannot swap two folders in one rename, hence the moment of step 1. A crash (kill -9,
power cut) between 1 and 2 leaves the old package beside an absent NAME: the next run
(`recover`, under the lock) renames it back; a crash after 2 leaves a `.old` folder that
the next run removes; a half-written `.new` folder of a dead process is removed too. Readers
skip folders whose name starts with "." and nothing is ever written into NAME itself.

Refused targets: a file; a non-empty folder that holds no package of ours, unless forced: the
package's files are then put into it one by one, the descriptor last, and its other files are
left alone. Files in a package folder of ours that the package does not list are carried over
to the new one (hard links): only our own files are ever replaced or removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import InputError
from . import schemas
from .validate import PackageInvalid, package_errors

LOCK = ".generator.lock"
DESCRIPTOR = "datapackage.json"
OWN_FILES = (DESCRIPTOR, "README.md")
_NEW, _OLD, _GONE = ".new-", ".old-", ".gone-"


@dataclass(frozen=True)
class Target:
    """One package to publish: its folder and the function writing it into a given folder."""

    directory: Path
    write: Callable[[Path], Path]  # writes the package into the folder; returns its datapackage.json


def _known_resources() -> set[str]:
    return {*schemas.resource_names(), *schemas.code_list_names(), "departments", "disclosures"}


def own_files(directory: Path) -> set[str] | None:
    """The files of the generator's package in `directory` (descriptor, README, listed CSVs);
    None when it holds no package of ours (no descriptor, or one listing foreign resources)."""
    try:
        descriptor = json.loads((directory / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        return None
    known = _known_resources()
    names = [r.get("name") for r in resources if isinstance(r, dict)]
    if len(names) != len(resources) or any(
        n not in known or r.get("path") != f"{n}.csv" for n, r in zip(names, resources, strict=True)
    ):
        return None
    return {*OWN_FILES, *(f"{n}.csv" for n in names)}


def check_target(directory: Path, *, force: bool = False) -> None:
    """Refuse to publish into a file or into a folder with other content (unless forced)."""
    if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
        raise InputError(f"{directory}: exists and is not a folder; give --out a folder (new or empty)")
    if not directory.is_dir() or force or own_files(directory) is not None:
        return
    if any(directory.iterdir()):
        raise InputError(
            f"{directory}: not empty and holds no data package written by the generator; nothing was "
            "written. Choose a new or empty folder, or give --force to add the package there (its other "
            "files are kept, files of the package's names replaced)"
        )


def _sibling(directory: Path, kind: str) -> Path:
    return directory.parent / f".{directory.name}{kind}{os.getpid()}-{uuid.uuid4().hex[:8]}"


def _pid_alive(name: str) -> bool:
    try:
        pid = int(name.rsplit("-", 2)[-2])
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(root: Path) -> list[str]:
    """Finish or undo what a killed run left in `root` (call under the lock); returns what it did."""
    done: list[str] = []
    if not root.is_dir():
        return done
    for path in sorted(root.iterdir()):
        name = path.name
        if not name.startswith(".") or not path.is_dir():
            continue
        for kind in (_OLD, _NEW, _GONE):
            if kind in name:
                target = root / name[1:].split(kind)[0]
                break
        else:
            continue
        if kind == _NEW and _pid_alive(name):
            continue  # another process is still writing it (outside the lock)
        if kind == _OLD and not target.exists():
            os.replace(path, target)  # killed between steps 1 and 2: the old package comes back
            done.append(f"{target.name}: restored the previous package")
        else:
            shutil.rmtree(path, ignore_errors=True)
            done.append(f"{name}: removed")
    return done


@contextlib.contextmanager
def locked(root: Path, progress: Callable[[str], None] = lambda _m: None) -> Iterator[None]:
    """Hold ROOT/.generator.lock while swapping (the OS releases it when the process dies, even
    by kill -9). The file is removed on release, so it is not left among the packages; a waiter
    that locked a file removed meanwhile tries again on the new one."""
    import fcntl

    root.mkdir(parents=True, exist_ok=True)
    path = root / LOCK
    told = False
    while True:
        fh = open(path, "a+b")  # noqa: SIM115 - closed below, after the lock is released
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not told:
                progress(f"{root}: another run is writing packages here; waiting for it to finish")
                told = True
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            if os.stat(path).st_ino == os.fstat(fh.fileno()).st_ino:
                break
        except FileNotFoundError:
            pass
        fh.close()
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        fh.close()  # releases the lock


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)  # no copy of a large file; both names hold it
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


def _carry_over(old: Path, new: Path, ours: set[str]) -> None:
    """Put the files of `old` that are not the package's own into `new` too (a user's notes stay)."""
    for path in old.iterdir():
        if path.name in ours or (new / path.name).exists():
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.copytree(path, new / path.name, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(str(path), str(new / path.name))


def _write_into(staged: Path, directory: Path) -> None:
    """A forced write into a folder that is not ours: each file replaced by itself, the
    descriptor last (the package exists once it is complete); other files untouched."""
    names = sorted(os.listdir(staged), key=lambda n: n == DESCRIPTOR)
    for name in names:
        os.replace(staged / name, directory / name)


def _swap_in(staged: Path, directory: Path, *, force: bool) -> None:
    """Steps 1-3 of the module docstring; an exception between 1 and 2 puts the old one back."""
    if not directory.exists():
        os.replace(staged, directory)
        return
    ours = own_files(directory)
    if ours is None:
        if not force:
            check_target(directory)  # raises unless it became empty meanwhile
        _write_into(staged, directory)
        return
    _carry_over(directory, staged, ours)
    aside = _sibling(directory, _OLD)
    os.replace(directory, aside)
    try:
        os.replace(staged, directory)
    except BaseException:
        os.replace(aside, directory)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def _write_error(directory: Path, exc: OSError) -> InputError:
    what = exc.strerror or type(exc).__name__
    where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(directory) else ""
    return InputError(f"{directory}: cannot write the package: {what}{where}")


def prepare_root(root: Path) -> None:
    """The folder that will hold the packages, created now: a file in the way is told at once."""
    if root.exists() and not root.is_dir():
        raise InputError(f"{root}: exists and is not a folder; give --out a folder (new or empty)")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_error(root, exc) from exc


def publish(
    targets: list[Target],
    root: Path,
    *,
    force: bool = False,
    validate: bool = True,
    remove_others: bool = False,
    progress: Callable[[str], None] = lambda _m: None,
    before_swap: Callable[[], None] | None = None,
) -> list[Path]:
    """Write, validate and swap in every target (all folders inside `root`).

    Nothing on disk changes unless every package validates (PackageInvalid lists the errors).
    With `remove_others`, other packages of ours in root are removed (a disclosure dropped from
    the catalog). `before_swap` runs once every package is valid, before any is swapped in (what
    must happen with the packages or not at all: its exception leaves everything as it was).
    Filesystem errors (unwritable, a file in the way, a full disk) are InputError.
    """
    root = Path(root)
    prepare_root(root)
    for t in targets:
        check_target(t.directory, force=force)
    staged: list[Path] = []
    try:
        try:
            for t in targets:
                folder = _sibling(t.directory, _NEW)
                staged.append(folder)
                folder.mkdir()
                t.write(folder)
        except OSError as exc:
            raise _write_error(targets[len(staged) - 1].directory if staged else root, exc) from exc
        if validate:
            progress(f"validating {len(staged)} packages")
            errors = [
                e.replace(str(folder), str(t.directory))  # name the package, not its temporary folder
                for folder, t in zip(staged, targets, strict=True)
                for e in package_errors(folder / DESCRIPTOR)
            ]
            if errors:
                raise PackageInvalid("invalid data package(s), nothing was replaced:\n" + "\n".join(errors))
        if before_swap is not None:
            before_swap()
        with locked(root, progress):
            for line in recover(root):
                progress(f"{root}: {line} (left by an interrupted run)")
            try:
                for folder, t in zip(staged, targets, strict=True):
                    _swap_in(folder, t.directory, force=force)
                if remove_others:
                    _remove_others(root, {t.directory.name for t in targets})
            except OSError as exc:
                raise _write_error(root, exc) from exc
    finally:
        for folder in staged:
            if folder.exists():
                shutil.rmtree(folder, ignore_errors=True)
    return [t.directory / DESCRIPTOR for t in targets]


def _remove_others(root: Path, keep: set[str]) -> None:
    """Remove the packages of ours that this run did not write; a user's files in one stay."""
    for sub in sorted(root.iterdir()):
        if not sub.is_dir() or sub.name.startswith(".") or sub.name in keep:
            continue
        ours = own_files(sub)
        if ours is None:
            continue
        if set(os.listdir(sub)) <= ours:
            gone = _sibling(sub, _GONE)
            os.replace(sub, gone)
            shutil.rmtree(gone, ignore_errors=True)
        else:  # the descriptor first: the rest is then no package any more
            for name in sorted(ours, key=lambda n: n != DESCRIPTOR):
                (sub / name).unlink(missing_ok=True)
