"""Similar contacts: index persona versions as vectors, and find who behaves like whom.

Vectors are computed once, when a version is stored (or by the backfill for versions from
before), never at query time. A search compares the latest persona of every contact in the
same workspace and CRM, never another workspace and never the contact itself.

Score: the behavior score (persona.similarity); when the query and a candidate both have a
text embedding of the same model, (1 - w) · behavior + w · text cosine, w = SIMILAR_TEXT_WEIGHT.
The blend re-ranks a growing head of the behavior ranking until no contact further down could
still reach the top k (its blended score is at most (1 - w) · behavior + w), so it stays exact.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import numpy as np

from persona.corrections import apply_corrections
from persona.embeddings import EmbeddingsOff, TextEmbedder
from persona.models import Persona
from persona.similarity import LAYOUT, behavior_vector, describe_shared, shared_traits, text_for_embedding, top_k
from storage.corrections import FeedbackStore
from storage.records import PersonaKey, StoredPersona
from storage.repository import PersonaRepository
from storage.vectors import TextVector, VectorRecord, VectorSet, VectorStore

log = logging.getLogger(__name__)

MIN_CANDIDATES = 50  # first head of the behavior ranking re-scored with text embeddings
Blocked = Callable[[str, str | None], Awaitable[bool]]  # (contact_id, e-mail): never list them


@dataclass(frozen=True)
class SimilarContact:
    """One contact like the query contact, with why."""

    contact_id: str
    name: str
    score: float  # 0..1, what the list is ordered by
    behavior_score: float
    text_score: float | None  # cosine of the text embeddings, when both have one
    shared: tuple[str, ...]  # ("quick deciders", "price-sensitive", "Q4 buyers")
    version: int  # the persona version compared

    @property
    def shared_text(self) -> str:
        """ "both quick deciders, price-sensitive, Q4 buyers" """
        return describe_shared(list(self.shared))


@dataclass(frozen=True)
class _Scored:
    row: int
    score: float
    behavior: float
    text: float | None


class Similarity:
    def __init__(
        self,
        repository: PersonaRepository,
        embedder: TextEmbedder | None = None,
        text_weight: float = 0.25,
    ) -> None:
        self.repository = repository
        self.vectors = VectorStore(repository.engine)
        self.feedback = FeedbackStore(repository.engine)
        self.embedder = embedder
        self.text_weight = text_weight if embedder is not None else 0.0

    # -- indexing ------------------------------------------------------------------------

    async def index(self, stored: Sequence[StoredPersona]) -> int:
        """Compute and save the vectors of these versions; returns how many were saved.

        A failing text embedding leaves the behavior vector alone (logged, never raised):
        similarity must never break persona generation.
        """
        personas = [await self.shown(s) for s in stored]
        texts = await self._embed([text_for_embedding(p) for p in personas])
        for item, persona, text in zip(stored, personas, texts, strict=True):
            await self.vectors.save(
                VectorRecord(
                    key=item.key,
                    version=item.version,
                    contact_name=item.persona.contact.name,
                    layout=LAYOUT,
                    behavior=behavior_vector(persona),
                    text_model=self.embedder.model if self.embedder and text is not None else None,
                    text_embedding=text,
                )
            )
        return len(stored)

    async def shown(self, stored: StoredPersona) -> Persona:
        """The persona with teammates' corrections (issue 12): vectors follow what people see."""
        corrections = await self.feedback.corrections(stored.key)
        return apply_corrections(stored.persona, corrections) if corrections else stored.persona

    async def ensure(self, stored: StoredPersona, *, fresh: bool) -> None:
        """After get_persona: index a new version, or an old one that has no vector yet."""
        try:
            if fresh or not await self.vectors.has(stored.key, stored.version, LAYOUT):
                await self.index([stored])
        except Exception:
            log.exception("could not index persona vectors; similar-contact search will backfill")

    async def backfill(self, crm: str, team_id: str | None = None, batch: int = 200) -> int:
        """Vectors for every latest persona version that has none (of the current layout)."""
        done = 0
        while keys := await self.vectors.missing(crm, LAYOUT, team_id, limit=batch):
            found = [s for s in [await self.repository.latest(k) for k in keys] if s is not None]
            if not found:
                break
            done += await self.index(found)
        return done

    async def _embed(self, texts: list[str]) -> list[np.ndarray | None]:
        if self.embedder is None or not texts:
            return [None] * len(texts)
        try:
            return list(await self.embedder.embed(texts))
        except EmbeddingsOff:  # failed once on this server (logged then): not a new warning
            return [None] * len(texts)
        except Exception as error:
            # The type only: SDK messages can quote request data.
            log.warning("text embedding failed (%s); behavior vectors only", type(error).__name__)
            return [None] * len(texts)

    # -- searching -----------------------------------------------------------------------

    async def search(
        self, stored: StoredPersona, k: int, *, blocked: Blocked | None = None
    ) -> tuple[list[SimilarContact], int]:
        """The k contacts most like `stored`'s, best first, and how many were compared.

        `blocked` contacts (who objected to profiling) are left out and not counted; the
        ranking is redone without them until the top k holds none.
        """
        key = stored.key
        workspace = await self.vectors.workspace(key.team_id, key.crm, LAYOUT)
        own = workspace.row_of(key.contact_id)
        shown = await self.shown(stored)
        query = behavior_vector(shown)
        exclude = np.zeros(len(workspace), dtype=bool)
        if own is not None:
            exclude[own] = True
        while True:
            compared = len(workspace) - int(exclude.sum())
            if compared <= 0 or k <= 0:
                return [], max(compared, 0)
            results = await self._results(stored, shown, workspace, query, exclude, k, blocked)
            if results is not None:
                return results, compared

    async def _results(
        self,
        stored: StoredPersona,
        shown: Persona,
        workspace: VectorSet,
        query: np.ndarray,
        exclude: np.ndarray,
        k: int,
        blocked: Blocked | None,
    ) -> list[SimilarContact] | None:
        """The top k as results; None (with the blocked rows now in `exclude`) to rank again."""
        key = stored.key
        scored = await self._rank(workspace, key, stored.version, query, exclude, k)
        results = []
        for item in scored:
            contact_id = workspace.contact_ids[item.row]
            other = await self.repository.latest(PersonaKey(team_id=key.team_id, crm=key.crm, contact_id=contact_id))
            if blocked is not None and await blocked(contact_id, other.persona.contact.email if other else None):
                exclude[item.row] = True
                continue
            shared = shared_traits(shown, await self.shown(other)) if other else []
            results.append(
                SimilarContact(
                    contact_id=contact_id,
                    name=workspace.names[item.row],
                    score=round(item.score, 4),
                    behavior_score=round(item.behavior, 4),
                    text_score=None if item.text is None else round(item.text, 4),
                    shared=tuple(shared),
                    version=int(workspace.versions[item.row]),
                )
            )
        return None if len(results) < len(scored) else results

    async def _rank(
        self,
        workspace: VectorSet,
        key: PersonaKey,
        version: int,
        query: np.ndarray,
        exclude: np.ndarray,
        k: int,
    ) -> list[_Scored]:
        weight = self.text_weight
        own_text = await self._own_text(key, version) if weight > 0 else None
        if own_text is None:
            rows, scores = top_k(workspace.matrix, query, k, exclude)
            return [_Scored(int(r), float(s), float(s), None) for r, s in zip(rows, scores, strict=True)]
        available = len(workspace) - int(exclude.sum())
        head = min(available, max(MIN_CANDIDATES, 4 * k))
        while True:
            rows, scores = top_k(workspace.matrix, query, min(available, head + 1), exclude)
            candidates, rest = rows[:head], scores[head:]
            texts = await self.vectors.text_vectors(
                key.team_id, key.crm, [(workspace.contact_ids[r], int(workspace.versions[r])) for r in candidates]
            )
            scored = sorted(
                (
                    self._blend(int(r), float(s), own_text, texts.get(workspace.contact_ids[r]))
                    for r, s in zip(candidates, scores[:head], strict=True)
                ),
                key=lambda item: (-item.score, item.row),
            )[:k]
            if head >= available or not rest.size:
                return scored
            ceiling = (1 - weight) * float(rest[0]) + weight  # the best anyone further down can do
            if len(scored) == k and scored[-1].score >= ceiling:
                return scored
            head *= 2

    def _blend(self, row: int, behavior: float, own: TextVector, other: TextVector | None) -> _Scored:
        if other is None or other.model != own.model or other.vector.shape != own.vector.shape:
            return _Scored(row, behavior, behavior, None)
        text = float(np.dot(own.vector, other.vector))
        return _Scored(row, (1 - self.text_weight) * behavior + self.text_weight * text, behavior, text)

    async def _own_text(self, key: PersonaKey, version: int) -> TextVector | None:
        record = await self.vectors.get(key, version)
        if record is None or record.text_embedding is None or record.text_model is None:
            return None
        return TextVector(record.text_model, record.text_embedding)
