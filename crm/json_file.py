"""Adapter over a CRM export file (the JSON format documented in the README)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from crm.errors import ContactNotFound, CrmDataError
from crm.matching import ContactDirectory
from crm.models import Contact, Deal, History, Interaction, Purchase
from crm.packed import PackedHistories

MAX_REPORTED_PROBLEMS = 20
log = logging.getLogger(__name__)


class _ContactRecord(Contact):
    interactions: list[Interaction] = Field(default_factory=list)
    deals: list[Deal] = Field(default_factory=list)
    purchases: list[Purchase] = Field(default_factory=list)


class _Export(BaseModel):
    contacts: list[Any]


@dataclass(frozen=True)
class Export:
    histories: PackedHistories  # parsed when asked: a whole export as models is ~8x its JSON
    problems: list[str]  # records that were skipped, each naming the record and the field


def load_export(path: Path, text: str | None = None) -> Export:
    """Parse an export into histories by contact id.

    A bad record is skipped and reported, never hiding the good ones: a bad interaction,
    deal or purchase drops only itself; a contact whose own fields are bad is dropped. A file
    that cannot be read, or has no valid contact at all, is an error.
    """
    try:
        raw = json.loads(text if text is not None else path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CrmDataError(f"{path}: file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CrmDataError(f"{path}: cannot read file ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise CrmDataError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    except RecursionError:
        raise CrmDataError(f"{path}: not readable: lists or objects nested too deeply") from None
    except ValueError as exc:  # e.g. an integer longer than Python's 4,300-digit conversion limit
        raise CrmDataError(f"{path}: not readable: {str(exc).split(';')[0]}") from None
    try:
        export = _Export.model_validate(raw)
    except ValidationError as exc:
        raise CrmDataError(f'{path}: expected an object {{"contacts": [...]}}') from exc

    histories = PackedHistories()
    problems: list[str] = []
    for index, item in enumerate(export.contacts):
        record = _parse_contact(index, item, problems)
        if record is None:
            continue
        if record.id in histories:
            problems.append(f"contacts[{index}] (id {record.id!r}): duplicate contact id (skipped)")
            continue
        problems += _repeated_interactions(index, record)
        histories.put(
            History(
                contact=Contact.model_validate(record.model_dump(include=set(Contact.model_fields))),
                interactions=sorted(record.interactions, key=lambda i: i.timestamp),
                deals=record.deals,
                purchases=record.purchases,
            )
        )
    if problems and not histories:
        raise CrmDataError(f"{path}: no valid contact. {describe_problems(problems)}")
    return Export(histories, problems)


def _repeated_interactions(index: int, record: _ContactRecord) -> list[str]:
    """Interaction ids listed more than once: each counts once (History keeps the first)."""
    counts = Counter(i.id for i in record.interactions)
    repeated = [ident for ident, count in counts.items() for _ in range(count - 1)]
    return [
        f"contacts[{index}] (id {record.id!r}), interactions id {ident!r}: duplicate interaction id (skipped)"
        for ident in repeated
    ]


def describe_problems(problems: list[str]) -> str:
    shown = problems[:MAX_REPORTED_PROBLEMS]
    more = len(problems) - len(shown)
    lines = "\n".join(f"  - {p}" for p in shown)
    tail = f"\n  ... and {more} more" if more else ""
    return f"{len(problems)} invalid record(s):\n{lines}{tail}"


def _parse_contact(index: int, item: Any, problems: list[str]) -> _ContactRecord | None:
    """The contact, without any nested record that failed validation; None if its own fields fail."""
    try:
        return _ContactRecord.model_validate(item)
    except ValidationError as exc:
        lines = _describe(index, item, exc)
        bad_nested = {(loc[0], loc[1]) for loc in (e["loc"] for e in exc.errors()) if _is_nested(loc)}
        if isinstance(item, dict) and all(_is_nested(e["loc"]) for e in exc.errors()):
            cleaned = dict(item)
            for field in _NESTED:
                if isinstance(item.get(field), list):
                    cleaned[field] = [x for i, x in enumerate(item[field]) if (field, i) not in bad_nested]
            try:
                record = _ContactRecord.model_validate(cleaned)
            except ValidationError:
                pass
            else:
                problems.extend(f"{line} (that record skipped)" for line in lines)
                return record
        problems.extend(f"{line} (contact skipped)" for line in lines)
        return None


_NESTED = ("interactions", "deals", "purchases")


def _is_nested(loc: tuple[Any, ...]) -> bool:
    return len(loc) >= 2 and loc[0] in _NESTED and isinstance(loc[1], int)


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
    """Reads the whole export once; lookups are in memory (histories packed, crm.packed)."""

    def __init__(self, path: Path, name: str = "json", text: str | None = None) -> None:
        self.name = name
        self._path = path if text is None else None  # bundled text (the demo) never changes
        self._stamp = _stamp(path) if text is None else None
        export, self._directory = _load(path, text)
        self._histories = export.histories
        self.problems = export.problems
        if export.problems:
            log.warning(
                "%s: loaded %d contacts, skipped %s", path, len(export.histories), describe_problems(export.problems)
            )

    async def find(self, query: str, limit: int = 10) -> list[Contact]:
        return self._directory.find(query, limit)

    async def list_contacts(self) -> list[Contact]:
        return list(self._directory.contacts)

    async def history(self, contact_id: str) -> History:
        try:
            return self._histories[contact_id]
        except KeyError:
            raise ContactNotFound(f"no contact with id {contact_id!r}") from None

    async def change_markers(self, contact_ids: list[str]) -> dict[str, str]:
        """crm.base.ChangeMarkers: a refresh cycle sees which watched histories changed without
        parsing and fingerprinting each (histories are held packed, crm.packed)."""
        markers = {contact_id: self._histories.marker(contact_id) for contact_id in contact_ids}
        return {contact_id: marker for contact_id, marker in markers.items() if marker is not None}

    async def reload_if_changed(self) -> bool:
        """Read the export again if the file was replaced since (issue 13: the refresher calls
        this each cycle, so a long-running bot sees a new export). A bad new file is logged and
        the data already loaded is kept."""
        if self._path is None or _stamp(self._path) == self._stamp:
            return False
        stamp = _stamp(self._path)
        try:
            export, directory = await asyncio.to_thread(_load, self._path, None)
        except CrmDataError as error:
            log.warning("%s changed but could not be read again (%s); keeping the previous data", self._path, error)
            self._stamp = stamp  # not retried until the file changes again
            return False
        self._histories, self._directory = export.histories, directory  # no await between: one swap
        self.problems, self._stamp = export.problems, stamp
        log.info("%s changed: reloaded %d contacts", self._path, len(export.histories))
        return True

    async def aclose(self) -> None:
        return None


def _load(path: Path, text: str | None) -> tuple[Export, ContactDirectory]:
    export = load_export(path, text)
    return export, ContactDirectory(export.histories.contacts)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
