"""What storage tells its callers when the database itself cannot be used."""

from __future__ import annotations


class DatabaseUnavailable(Exception):
    """DATABASE_URL cannot be opened: not a usable URL, server unreachable, file not writable.
    The message says why in a line, without the password."""
