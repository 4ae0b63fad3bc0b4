"""A fake HubSpot CRM API on 127.0.0.1 (aiohttp) with HubSpot's real response shapes.

Implements what the adapter uses: contact search, contact list and read, v4 associations
(paged with `after` cursors) and v3 batch reads (207 for missing ids, 400 above 100 ids).
Faults are injected per path (429 with Retry-After or rate-limit headers, 5xx, slow answers,
403 missing scopes); every request is recorded so tests can assert how the API was used.
"""

from __future__ import annotations

import asyncio
import fnmatch
import itertools
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

RATE_HEADERS = {
    "X-HubSpot-RateLimit-Daily": "500000",
    "X-HubSpot-RateLimit-Daily-Remaining": "499000",
    "X-HubSpot-RateLimit-Interval-Milliseconds": "10000",
    "X-HubSpot-RateLimit-Max": "190",
    "X-HubSpot-RateLimit-Remaining": "189",
}


@dataclass
class Fault:
    """Answer the next `times` requests whose path contains `path` with this instead."""

    status: int
    path: str = ""
    times: int = 1
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    delay: float = 0.0  # sleep first (a slow server, for client timeouts)


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    body: Any


def _error(status: int, message: str, category: str, **extra: Any) -> web.Response:
    body = {"status": "error", "message": message, "correlationId": str(uuid.uuid4()), "category": category, **extra}
    return web.json_response(body, status=status)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class FakeHubSpot:
    def __init__(
        self,
        token: str = "pat-na1-test-token",
        *,
        association_page_size: int = 500,
        list_page_size: int = 100,
    ) -> None:
        self.token = token
        self.association_page_size = association_page_size
        self.list_page_size = list_page_size
        self.objects: dict[str, dict[str, dict[str, str | None]]] = {}
        self.associations: dict[tuple[str, str, str], list[str]] = {}
        self.faults: list[Fault] = []
        self.denied_scopes: dict[str, str] = {}  # object type -> the scope a 403 names
        self.requests: list[Recorded] = []
        self.latency = 0.0  # seconds every answer takes, so concurrent requests overlap
        self.in_flight = 0
        self.max_in_flight = 0
        self._ids = itertools.count(1001)
        self._runner: web.AppRunner | None = None
        self.url = ""

    # ----- data -----
    def add(self, object_type: str, properties: dict[str, Any], *, to: tuple[str, str] | None = None) -> str:
        """Store a record (values kept as HubSpot sends them: strings), optionally associated."""
        ident = str(next(self._ids))
        props = {k: (None if v is None else str(v)) for k, v in properties.items()}
        now = _iso(datetime.now(UTC))
        props.setdefault("hs_createdate", props.get("createdate") or now)
        props.setdefault("hs_lastmodifieddate", now)
        props["hs_object_id"] = ident
        if object_type == "contacts":
            props.setdefault("lastmodifieddate", props["hs_lastmodifieddate"])
        self.objects.setdefault(object_type, {})[ident] = props
        if to is not None:
            self.associate(object_type, ident, *to)
        return ident

    def associate(self, a_type: str, a_id: str, b_type: str, b_id: str) -> None:
        self.associations.setdefault((a_type, a_id, b_type), []).append(b_id)
        self.associations.setdefault((b_type, b_id, a_type), []).append(a_id)

    def touch(self, contact_id: str, **properties: Any) -> None:
        """A contact edited (or its activity logged) now: HubSpot moves its last-modified stamp."""
        props = self.objects["contacts"][contact_id]
        props.update({k: (None if v is None else str(v)) for k, v in properties.items()})
        stamp = _iso(datetime.now(UTC))
        props["lastmodifieddate"] = props["hs_lastmodifieddate"] = stamp
        props["notes_last_updated"] = stamp

    def inject(self, fault: Fault) -> None:
        self.faults.append(fault)

    def calls_to(self, fragment: str) -> list[Recorded]:
        return [r for r in self.requests if fragment in r.path]

    # ----- server -----
    async def start(self) -> str:
        app = web.Application(middlewares=[self._middleware])
        app.router.add_post("/crm/v3/objects/contacts/search", self._search)
        app.router.add_get("/crm/v3/objects/contacts", self._list_contacts)
        app.router.add_get("/crm/v3/objects/{type}/{id}", self._read)
        app.router.add_post("/crm/v3/objects/{type}/batch/read", self._batch_read)
        app.router.add_get("/crm/v4/objects/{from}/{id}/associations/{to}", self._associations)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"
        return self.url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        body: Any = None
        if request.can_read_body:
            body = json.loads(await request.text() or "null")
        self.requests.append(Recorded(request.method, request.path, dict(request.query), body))
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.latency:
                await asyncio.sleep(self.latency)
            response = await self._answer(request, handler)
        finally:
            self.in_flight -= 1
        for key, value in RATE_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    async def _answer(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return _error(
                401,
                "Authentication credentials not found. This API supports OAuth 2.0 "
                "authentication and you can find more details at "
                "https://developers.hubspot.com/docs/methods/auth/oauth-overview",
                "INVALID_AUTHENTICATION",
            )
        for fault in self.faults:
            if fault.times > 0 and fault.path in request.path:
                fault.times -= 1
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                return web.json_response(
                    fault.body or self._fault_body(fault.status), status=fault.status, headers=fault.headers
                )
        for object_type, scope in self.denied_scopes.items():
            if f"/{object_type}" in request.path:
                return _error(
                    403,
                    "This app hasn't been granted all required scopes to make this call.",
                    "MISSING_SCOPES",
                    errors=[
                        {
                            "message": "One or more of the following scopes are required.",
                            "context": {"requiredGranularScopes": [scope]},
                        }
                    ],
                )
        return await handler(request)

    @staticmethod
    def _fault_body(status: int) -> dict[str, Any]:
        if status == 429:
            return {
                "status": "error",
                "message": "You have reached your ten_secondly_rolling limit.",
                "errorType": "RATE_LIMIT",
                "correlationId": str(uuid.uuid4()),
                "policyName": "TEN_SECONDLY_ROLLING",
            }
        return {"status": "error", "message": "internal error", "correlationId": str(uuid.uuid4())}

    # ----- endpoints -----
    def _public(self, object_type: str, ident: str, properties: list[str]) -> dict[str, Any]:
        stored = self.objects[object_type][ident]
        wanted = {"hs_object_id", "hs_createdate", "hs_lastmodifieddate", *properties}
        created = stored.get("hs_createdate")
        return {
            "id": ident,
            "properties": {name: stored.get(name) for name in sorted(wanted)},
            "createdAt": created,
            "updatedAt": stored.get("hs_lastmodifieddate"),
            "archived": False,
        }

    def _page(
        self, ids: list[str], request_after: str | None, limit: int, path: str
    ) -> tuple[list[str], dict[str, Any] | None]:
        start = int(request_after or 0)
        chunk = ids[start : start + limit]
        if start + limit < len(ids):
            after = str(start + limit)
            return chunk, {"next": {"after": after, "link": f"{self.url}{path}?after={after}"}}
        return chunk, None

    async def _search(self, request: web.Request) -> web.Response:
        body = await request.json()
        groups = body.get("filterGroups") or []
        limit = int(body.get("limit", 10))
        too_many_values = any(len(f.get("values") or []) > 100 for g in groups for f in g.get("filters", []))
        if len(groups) > 5 or limit > 200 or too_many_values or any(len(g.get("filters", [])) > 6 for g in groups):
            return _error(400, "Invalid search request", "VALIDATION_ERROR")
        contacts = self.objects.get("contacts", {})
        matched = [
            i for i, props in contacts.items() if not groups or any(self._group_matches(g, props) for g in groups)
        ]
        chunk, paging = self._page(matched, body.get("after"), limit, request.path)
        properties = body.get("properties") or ["firstname", "lastname", "email"]
        payload: dict[str, Any] = {
            "total": len(matched),
            "results": [self._public("contacts", i, properties) for i in chunk],
        }
        if paging:
            payload["paging"] = paging
        return web.json_response(payload)

    @staticmethod
    def _group_matches(group: dict[str, Any], props: dict[str, str | None]) -> bool:
        for flt in group.get("filters", []):
            value = (props.get(flt["propertyName"]) or "").lower()
            wanted = str(flt.get("value", "")).lower()
            if flt["operator"] == "EQ":
                if value != wanted:
                    return False
            elif flt["operator"] == "IN":
                if value not in {str(v).lower() for v in flt.get("values") or []}:
                    return False
            elif flt["operator"] == "CONTAINS_TOKEN":
                tokens = re.findall(r"\w+", value)
                if not any(fnmatch.fnmatchcase(token, wanted) for token in tokens):
                    return False
            else:
                return False
        return True

    async def _list_contacts(self, request: web.Request) -> web.Response:
        limit = min(int(request.query.get("limit", 10)), self.list_page_size)
        ids = list(self.objects.get("contacts", {}))
        chunk, paging = self._page(ids, request.query.get("after"), limit, request.path)
        properties = request.query.get("properties", "").split(",")
        results = [self._public("contacts", i, properties) for i in chunk]
        payload: dict[str, Any] = {"results": results}
        if paging:
            payload["paging"] = paging
        return web.json_response(payload)

    async def _read(self, request: web.Request) -> web.Response:
        object_type, ident = request.match_info["type"], request.match_info["id"]
        if ident not in self.objects.get(object_type, {}):
            return _error(
                404, "Object not found.  objectId are usually numeric.", "OBJECT_NOT_FOUND", context={"id": [ident]}
            )
        properties = request.query.get("properties", "").split(",")
        return web.json_response(self._public(object_type, ident, properties))

    async def _batch_read(self, request: web.Request) -> web.Response:
        object_type = request.match_info["type"]
        body = await request.json()
        inputs = body.get("inputs") or []
        if len(inputs) > 100:
            return _error(400, "Batch input is limited to 100 items", "VALIDATION_ERROR")
        stored = self.objects.get(object_type, {})
        found = [i["id"] for i in inputs if i["id"] in stored]
        missing = [i["id"] for i in inputs if i["id"] not in stored]
        now = _iso(datetime.now(UTC))
        payload: dict[str, Any] = {
            "status": "COMPLETE",
            "results": [self._public(object_type, i, body.get("properties") or []) for i in found],
            "startedAt": now,
            "completedAt": now,
        }
        if missing:
            payload["numErrors"] = 1
            payload["errors"] = [
                {
                    "status": "error",
                    "category": "OBJECT_NOT_FOUND",
                    "message": f"Could not get some {object_type} objects, they may be deleted or not "
                    "exist. Check that ids are valid.",
                    "context": {"ids": missing},
                }
            ]
            return web.json_response(payload, status=207)
        return web.json_response(payload)

    async def _associations(self, request: web.Request) -> web.Response:
        key = (request.match_info["from"], request.match_info["id"], request.match_info["to"])
        limit = min(int(request.query.get("limit", 500)), self.association_page_size)
        ids = self.associations.get(key, [])
        chunk, paging = self._page(ids, request.query.get("after"), limit, request.path)
        payload: dict[str, Any] = {
            "results": [
                {
                    "toObjectId": int(i),
                    "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": 1, "label": None}],
                }
                for i in chunk
            ]
        }
        if paging:
            payload["paging"] = paging
        return web.json_response(payload)
