"""Frictionless validation of written packages."""

from __future__ import annotations

from pathlib import Path

from ..model import InputError


class PackageInvalid(Exception):
    """One or more written packages do not validate; the message lists the errors."""


def package_errors(descriptor: Path, limit: int = 50) -> list[str]:
    """Validation errors of one datapackage.json (empty list = valid)."""
    from frictionless import validate  # heavy import: only when validating

    report = validate(str(descriptor))
    errors: list[str] = []
    for error in report.errors:
        errors.append(f"{descriptor}: {error.message}")
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            where = f"{task.name}" + (f" row {row}" if row else "")
            errors.append(f"{descriptor.parent}/{task.name}: {where}: {error.message}")
    return errors[:limit]


def validate_packages(descriptors: list[Path]) -> None:
    """Raise PackageInvalid listing every error of every invalid package."""
    problems: list[str] = []
    for path in descriptors:
        if not path.is_file():
            raise InputError(f"{path}: not found")
        problems += package_errors(path)
    if problems:
        raise PackageInvalid("invalid data package(s):\n" + "\n".join(problems))
