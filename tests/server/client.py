"""A small LSP client over stdio, as an editor drives a server: JSON-RPC with
``Content-Length`` framing, requests matched to responses by id, notifications kept in
arrival order, and the server's own requests (registrations, progress) answered."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO


class Client:
    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "shapelint", "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
        )
        self._ids = iter(range(1, 1_000_000))
        self._messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self._responses: dict[int, dict[str, Any]] = {}
        self.notifications: list[dict[str, Any]] = []
        assert self.process.stdout is not None
        self._reader = threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True)
        self._reader.start()

    # -- wire ----------------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.process.stdin.flush()

    def _read(self, stream: BinaryIO) -> None:
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self._messages.put(json.loads(body))

    def _pump(self, timeout: float) -> None:
        message = self._messages.get(timeout=timeout)
        if "id" in message and "method" in message:  # a request from the server
            self._send({"id": message["id"], "result": None})
        elif "id" in message:
            self._responses[message["id"]] = message
        else:
            self.notifications.append(message)

    # -- API -----------------------------------------------------------------------
    def request(self, method: str, params: Any, timeout: float = 60.0) -> Any:
        ident = next(self._ids)
        self._send({"id": ident, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while ident not in self._responses:
            self._pump(max(deadline - time.monotonic(), 0.001))
        response = self._responses.pop(ident)
        assert "error" not in response, response["error"]
        return response["result"]

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def wait_for(
        self,
        method: str,
        matches: Callable[[Any], bool] = lambda params: True,
        timeout: float = 60.0,
    ) -> Any:
        """The first notification of ``method`` not yet taken that ``matches``; it is taken."""
        deadline = time.monotonic() + timeout
        while True:
            for index, message in enumerate(self.notifications):
                if message["method"] == method and matches(message["params"]):
                    del self.notifications[index]
                    return message["params"]
            self._pump(max(deadline - time.monotonic(), 0.001))

    def drain(self, seconds: float) -> None:
        """Take in everything the server sends for ``seconds``."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                self._pump(left)
            except queue.Empty:
                return

    def close(self) -> int:
        """shutdown, exit, and the server's exit code."""
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.process.wait(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()
