"""Recognize the standard statements in a document by their titles and headers."""

from .statements import classify_title, recognize

__all__ = ["classify_title", "recognize"]
