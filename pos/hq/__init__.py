"""Head office (`pos hq`): many tills and stores on one PostgreSQL, an ASGI API the tills
sync with, and the reports across them (docs/HEAD_OFFICE.md)."""
