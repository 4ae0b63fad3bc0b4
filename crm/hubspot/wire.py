"""HubSpot's response shapes, validated at the edge (only the parts the adapter reads)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)


class HsObject(_Wire):
    """One CRM record: every property value arrives as a string or null."""

    id: str
    properties: dict[str, str | None] = Field(default_factory=dict)
    created_at: str | None = Field(default=None, alias="createdAt")


class NextPage(_Wire):
    after: str


class Paging(_Wire):
    next: NextPage | None = None


class _Paged(_Wire):
    paging: Paging | None = None

    @property
    def after(self) -> str | None:
        """The cursor for the next page, None on the last one."""
        return self.paging.next.after if self.paging and self.paging.next else None


class ObjectPage(_Paged):
    """A list, search or batch-read answer: `results` plus an `after` cursor when more remain."""

    results: list[HsObject] = Field(default_factory=list)
    total: int | None = None


class Association(_Wire):
    to_object_id: str = Field(alias="toObjectId")


class AssociationPage(_Paged):
    """`GET /crm/v4/objects/{from}/{id}/associations/{to}`."""

    results: list[Association] = Field(default_factory=list)
