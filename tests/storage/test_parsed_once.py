"""A stored persona read again is parsed once (storage.versions._persona), and never served
stale: the memo is keyed by the stored text, so a new version or a re-created one is read anew."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from storage.records import PersonaKey
from storage.repository import PersonaRepository
from tests.storage.test_coalesced_reads import _persona

KEY = PersonaKey(team_id="T1", crm="demo", contact_id="c-1")


async def test_the_same_stored_persona_is_parsed_once(repo: PersonaRepository) -> None:
    await repo.obtain(KEY, "fp-1", _persona("Ana v1"), user_id="U1")

    first, second = await repo.latest(KEY), await repo.latest(KEY)  # two reads, one after the other

    assert first is not None and second is not None
    assert first.persona is second.persona
    with pytest.raises(ValidationError, match="frozen"):  # shared, so no caller may change it in place
        first.persona.communication.formality = "casual"  # type: ignore[misc]


async def test_a_new_or_recreated_version_is_read_anew(repo: PersonaRepository) -> None:
    await repo.obtain(KEY, "fp-1", _persona("Ana v1"), user_id="U1")
    assert (await repo.obtain(KEY, "fp-1", _persona("unused"), user_id="U1"))[0].persona.contact.name == "Ana v1"

    await repo.obtain(KEY, "fp-2", _persona("Ana v2"), user_id="U1")  # the history changed
    newest = await repo.latest(KEY)
    assert newest is not None and (newest.version, newest.persona.contact.name) == (2, "Ana v2")

    await repo.forget(KEY.crm, KEY.contact_id)
    await repo.obtain(KEY, "fp-1", _persona("Ana again"), user_id="U1")  # version 1 once more
    again = await repo.latest(KEY)
    assert again is not None and (again.version, again.persona.contact.name) == (1, "Ana again")
    assert [v.persona.contact.name for v in await repo.versions(KEY)] == ["Ana again"]
