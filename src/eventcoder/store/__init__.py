"""Storage of extracted documents (DuckDB)."""

from .duckdb_store import Store, StoreError

__all__ = ["Store", "StoreError"]
