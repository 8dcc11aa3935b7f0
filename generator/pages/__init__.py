"""The comparison site: Markdown pages, Vega-Lite charts and downloads generated from datapackages/."""

from generator.pages.build import build_pages

__all__ = ["build_pages"]
