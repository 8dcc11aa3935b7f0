"""Open-data generator for Chinese public-finance disclosures (部门预算 / 部门决算)."""

__version__ = "0.1.0"
