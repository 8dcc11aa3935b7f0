"""Frictionless data packages: one per disclosure plus datapackages/all."""

from .validate import PackageInvalid, package_errors, validate_packages
from .writer import write_all_package, write_disclosure_package

__all__ = [
    "PackageInvalid",
    "package_errors",
    "validate_packages",
    "write_all_package",
    "write_disclosure_package",
]
