"""Persona storage on SQLAlchemy 2 async (SQLite by default, PostgreSQL for shared use)."""
