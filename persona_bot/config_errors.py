"""One error type for bad configuration, and one message style: `NAME: what is wrong`.

Raised by `Settings.load` for values pydantic rejects, and by the places that find out later
(the database cannot be opened, the port is taken). The CLI prints the message and exits 2.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pydantic import ValidationError

_PREFIX = re.compile(r"^(Value error|Assertion failed), ")
_FIELD = re.compile(r'field "([^"]+)"')


class ConfigError(Exception):
    """A setting is missing or wrong; the message names it and says what to do."""


def describe_validation_error(exc: ValidationError, *, secret: Collection[str] = ()) -> str:
    """The first rejected setting as `NAME: reason (got 'value')`; secrets' values never shown."""
    error = exc.errors()[0]
    message = _PREFIX.sub("", error["msg"])
    if not error["loc"]:  # a check across settings: its message starts with the name itself
        return message
    field = str(error["loc"][0])
    shown = error.get("input")
    got = f" (got {str(shown)[:60]!r})" if isinstance(shown, str | int | float) and field not in secret else ""
    more = f"; and {exc.error_count() - 1} more" if exc.error_count() > 1 else ""
    return f"{field.upper()}: {message}{got}{more}"


def describe_settings_error(exc: Exception) -> str:
    """pydantic-settings could not decode a value (e.g. a dict setting that is not JSON)."""
    found = _FIELD.search(str(exc))
    name = found.group(1).upper() if found else "configuration"
    return f"{name}: not valid JSON (see the README, section Configuration, for its format)"
