"""The record store: SQLAlchemy tables (``store.schema``) and engine/session helpers (``store.db``)."""
