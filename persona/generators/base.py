"""The one interface every generator implements, and the errors a model can raise."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Protocol

from crm.models import History
from persona.models import Persona, Signals


class PersonaGenerator(Protocol):
    name: str
    model: str | None

    async def generate(self, history: History, signals: Signals, *, notes: Sequence[str] = ()) -> Persona:
        """A complete persona. Categorical fields always come from `signals`; `notes` are
        teammates' corrections in words (persona.corrections.note_lines), for the prose."""
        ...

    async def warm_up(self) -> None:
        """Load what the first request would otherwise load (a server calls this at start)."""
        ...

    async def aclose(self) -> None:
        """Release connections (the service calls this when it closes)."""
        ...


class ModelErrorKind(StrEnum):
    auth = "auth"  # bad or revoked API key
    rate_limit = "rate_limit"
    timeout = "timeout"
    server = "server"  # 5xx / outage / connection refused
    bad_output = "bad_output"  # malformed or unusable structured output
    unsupported = "unsupported"  # the server lacks a feature (e.g. json_schema)
    contradicts_evidence = "contradicts_evidence"  # too much of the prose contradicted the signals


_MESSAGES = {
    ModelErrorKind.auth: "the language model rejected the API key",
    ModelErrorKind.rate_limit: "the language model is rate-limiting us",
    ModelErrorKind.timeout: "the language model did not answer in time",
    ModelErrorKind.server: "the language model service is unavailable",
    ModelErrorKind.bad_output: "the language model returned unusable output",
    ModelErrorKind.unsupported: "the language model server does not support structured output",
    ModelErrorKind.contradicts_evidence: "the language model's prose contradicted the measured evidence",
}


class ModelError(Exception):
    """A language-model failure, typed so the UI can say what went wrong (never the key)."""

    def __init__(
        self, kind: ModelErrorKind, detail: str = "", *, dropped_sentences: int = 0, sent: bool = True
    ) -> None:
        self.kind = kind
        self.detail = detail
        self.dropped_sentences = dropped_sentences  # prose sentences that contradicted the signals
        self.sent = sent  # False: no request was made (a limitation remembered from before)
        super().__init__(self.user_message)

    @property
    def user_message(self) -> str:
        return _MESSAGES[self.kind]
