"""The store: schema, connection and migrations (SQLAlchemy Core + Alembic)."""
