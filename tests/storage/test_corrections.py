"""Corrections and votes in the database (issue 12), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from persona.models import Correction
from storage.corrections import FeedbackStore
from storage.records import PersonaKey
from storage.repository import PersonaRepository
from storage.tables import AuditRow, CorrectionRow, VoteRow
from tests.builders import make_persona

KEY = PersonaKey(team_id="T1", crm="demo", contact_id="c-1")
OTHER_TEAM = PersonaKey(team_id="T2", crm="demo", contact_id="c-1")


def correction(field: str = "preferred_channel", value: str = "phone", note: str = "moved to calls") -> Correction:
    return Correction(
        field=field,
        value=value,
        note=note,
        by="U1",
        at=datetime.now(UTC),
        version=1,
        measured_then="email",
        confidence_then=0.94,
    )


async def test_one_correction_per_field_replaced_kept_and_cleared(repo: PersonaRepository) -> None:
    store = FeedbackStore(repo.engine)
    await store.correct(KEY, correction())
    await store.correct(KEY, correction(value="meeting", note="only in person now"))
    await store.correct(KEY, correction(field="formality", value="casual", note=""))
    [channel, formality] = await store.corrections(KEY)
    assert (channel.field, channel.value, channel.note, channel.by) == (
        "preferred_channel",
        "meeting",
        "only in person now",
        "U1",
    )
    assert (channel.measured_then, channel.confidence_then, channel.version) == ("email", 0.94, 1)
    assert channel.at.tzinfo is not None and formality.value == "casual"
    assert await store.corrections(OTHER_TEAM) == []  # scoped to the workspace

    assert await store.keep(KEY, "preferred_channel", "U2")
    [kept, _] = await store.corrections(KEY)
    assert kept.kept_at is not None and kept.kept_at >= kept.at
    assert await store.clear(KEY, "preferred_channel", "U2")
    assert not await store.clear(KEY, "preferred_channel", "U2")  # already gone
    assert [c.field for c in await store.corrections(KEY)] == ["formality"]


async def test_one_vote_per_person_per_version_and_a_second_click_changes_it(repo: PersonaRepository) -> None:
    store = FeedbackStore(repo.engine)
    assert (await store.vote(KEY, 1, "U1", True)).model_dump() == {"up": 1, "down": 0}
    assert (await store.vote(KEY, 1, "U1", True)).model_dump() == {"up": 1, "down": 0}
    assert (await store.vote(KEY, 1, "U2", True)).model_dump() == {"up": 2, "down": 0}
    assert (await store.vote(KEY, 1, "U1", False)).model_dump() == {"up": 1, "down": 1}
    assert (await store.votes(KEY, 2)).model_dump() == {"up": 0, "down": 0}  # per version
    corrections, votes = await store.load(KEY, 1)
    assert corrections == [] and (votes.up, votes.down) == (1, 1)


async def test_audit_names_the_field_never_the_note(repo: PersonaRepository) -> None:
    store = FeedbackStore(repo.engine)
    await store.correct(KEY, correction(note="SECRET NOTE TEXT"))
    await store.clear(KEY, "preferred_channel", "U1")
    await store.vote(KEY, 1, "U1", False)
    async with repo.engine.connect() as connection:
        rows = (await connection.execute(select(AuditRow.event, AuditRow.outcome, AuditRow.user_id))).all()
    assert [tuple(r) for r in rows] == [
        ("correct", "set: preferred_channel", "U1"),
        ("clear", "cleared: preferred_channel", "U1"),
        ("vote", "down: v1", "U1"),
    ]
    assert "SECRET" not in repr(rows)


async def test_feedback_report_counts_corrections_per_field_and_votes_per_month(repo: PersonaRepository) -> None:
    store = FeedbackStore(repo.engine)
    await store.correct(KEY, correction())
    await store.correct(KEY, correction(value="meeting"))
    await store.keep(KEY, "preferred_channel", "U1")
    await store.clear(KEY, "preferred_channel", "U1")
    await store.correct(OTHER_TEAM, correction(field="formality", value="casual"))
    await store.vote(KEY, 1, "U1", True)
    await store.vote(KEY, 1, "U2", False)
    await store.vote(OTHER_TEAM, 1, "U3", True)
    report = await store.report("demo")
    fields = {f.field: (f.corrected, f.kept, f.cleared) for f in report.fields}
    assert fields == {"preferred_channel": (2, 1, 1), "formality": (1, 0, 0)}
    [month] = report.votes
    assert (month.up, month.down, month.period) == (2, 1, datetime.now(UTC).strftime("%Y-%m"))
    assert month.accuracy is not None and abs(month.accuracy - 2 / 3) < 1e-9
    team = await store.report("demo", team_id="T1")
    assert [(v.up, v.down) for v in team.votes] == [(1, 1)]
    later = await store.report("demo", since=datetime.now(UTC) + timedelta(days=1))
    assert later.fields == [] and later.votes == []


async def test_forget_erases_corrections_and_votes(repo: PersonaRepository) -> None:
    async def generate():  # type: ignore[no-untyped-def]
        return make_persona()

    store = FeedbackStore(repo.engine)
    for key in (KEY, OTHER_TEAM):
        await repo.obtain(key, "fp", generate, user_id="U1")
        await store.correct(key, correction())
        await store.vote(key, 1, "U1", True)
    await repo.forget("demo", "c-1", team_id="T1")
    assert await store.corrections(KEY) == [] and (await store.votes(KEY, 1)).up == 0
    assert len(await store.corrections(OTHER_TEAM)) == 1  # another workspace keeps its own
    await repo.forget("demo", "c-1")
    async with repo.engine.connect() as connection:
        for table in (CorrectionRow, VoteRow):
            assert await connection.scalar(select(func.count()).select_from(table)) == 0
