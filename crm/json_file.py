"""Adapter over a CRM export file (the JSON format documented in the README)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from crm.errors import ContactNotFound, CrmDataError
from crm.matching import match_contacts
from crm.models import Contact, Deal, History, Interaction, Purchase

MAX_REPORTED_PROBLEMS = 20


class _ContactRecord(Contact):
    interactions: list[Interaction] = Field(default_factory=list)
    deals: list[Deal] = Field(default_factory=list)
    purchases: list[Purchase] = Field(default_factory=list)


class _Export(BaseModel):
    contacts: list[Any]


def load_export(path: Path, text: str | None = None) -> dict[str, History]:
    """Parse an export into histories by contact id; every bad record is reported at once."""
    try:
        raw = json.loads(text if text is not None else path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CrmDataError(f"{path}: file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CrmDataError(f"{path}: cannot read file ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise CrmDataError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    try:
        export = _Export.model_validate(raw)
    except ValidationError as exc:
        raise CrmDataError(f'{path}: expected an object {{"contacts": [...]}}') from exc

    histories: dict[str, History] = {}
    problems: list[str] = []
    for index, item in enumerate(export.contacts):
        try:
            record = _ContactRecord.model_validate(item)
        except ValidationError as exc:
            problems.extend(_describe(index, item, exc))
            continue
        if record.id in histories:
            problems.append(f"contacts[{index}] (id {record.id!r}): duplicate contact id")
            continue
        histories[record.id] = History(
            contact=Contact.model_validate(record.model_dump(include=set(Contact.model_fields))),
            interactions=sorted(record.interactions, key=lambda i: i.timestamp),
            deals=record.deals,
            purchases=record.purchases,
        )
    if problems:
        shown = problems[:MAX_REPORTED_PROBLEMS]
        more = len(problems) - len(shown)
        lines = "\n".join(f"  - {p}" for p in shown)
        tail = f"\n  ... and {more} more" if more else ""
        raise CrmDataError(f"{path}: {len(problems)} invalid record(s):\n{lines}{tail}")
    return histories


def _describe(index: int, item: Any, exc: ValidationError) -> list[str]:
    """One line per bad field: file position, record id, field path and what is wrong."""
    ident = item.get("id") if isinstance(item, dict) else None
    who = f"contacts[{index}]" + (f" (id {ident!r})" if ident is not None else "")
    lines = []
    for error in exc.errors():
        loc = error["loc"]
        where = _nested_id(item, loc)
        field = ".".join(str(part) for part in loc) or "(record)"
        lines.append(f"{who}{where}: field {field!r}: {error['msg']}")
    return lines


def _nested_id(item: Any, loc: tuple[Any, ...]) -> str:
    """Name the nested record (e.g. interaction id) when the error sits inside one."""
    if len(loc) >= 2 and isinstance(item, dict) and isinstance(loc[1], int):
        seq = item.get(str(loc[0]))
        if isinstance(seq, list) and loc[1] < len(seq) and isinstance(seq[loc[1]], dict):
            nested = seq[loc[1]].get("id")
            if nested is not None:
                return f", {loc[0]} id {nested!r}"
    return ""


class JsonFileAdapter:
    """Reads the whole export once; lookups are in memory."""

    def __init__(self, path: Path, name: str = "json", text: str | None = None) -> None:
        self.name = name
        self._histories = load_export(path, text)

    async def find(self, query: str, limit: int = 10) -> list[Contact]:
        return match_contacts((h.contact for h in self._histories.values()), query, limit)

    async def list_contacts(self) -> list[Contact]:
        return [h.contact for h in self._histories.values()]

    async def history(self, contact_id: str) -> History:
        try:
            return self._histories[contact_id]
        except KeyError:
            raise ContactNotFound(f"no contact with id {contact_id!r}") from None

    async def aclose(self) -> None:
        return None
