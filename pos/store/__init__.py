"""The store's own data: the SQLite database, its models and migrations, where files live,
secrets and the audit journal."""
