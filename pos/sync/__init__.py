"""The till and head office: the outbox that carries every sale there exactly once, the
signed client, enrollment and the rounds of sync (docs/HEAD_OFFICE.md)."""
