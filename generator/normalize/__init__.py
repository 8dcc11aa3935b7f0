"""Normalize recognized statements into the rows of the published resources."""
