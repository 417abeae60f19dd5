"""A small HTTP/1.1 keep-alive client for the web benchmark's load generator.

The load generator shares the machine's cores with the server it measures, so its own CPU per
request is taken from the server. A general-purpose client (httpx) spends about a millisecond
of CPU per request on its connection pool, header models and cookie handling; one user's
closed loop needs none of that: one connection, kept alive, a GET with the session cookie, and
the status, headers and body read back in full so that every response can be checked.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass


class ProtocolError(ConnectionError):
    """The server's answer was not an HTTP/1.1 response this client understands."""


@dataclass(frozen=True)
class Reply:
    """One response: status, headers (names lower-cased) and the whole body."""

    status: int
    headers: dict[str, str]
    body: bytes


class KeepAliveClient:
    """One HTTP/1.1 connection to ``host:port``, opened on first use and reopened after a close.

    Not safe for concurrent use: one client per simulated user, one request at a time.
    """

    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        lines = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        self._head = f"Host: {host}:{port}\r\n{lines}\r\n".encode("latin-1")
        self._address = (host, port)
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> Reply:
        """Send ``GET path`` and return the complete response.

        Raises:
            ConnectionError, asyncio.IncompleteReadError: the connection failed or closed early
                (the connection is dropped; the next call opens a new one).
        """
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(*self._address)
        assert self._reader is not None
        try:
            self._writer.write(b"GET " + path.encode("ascii") + b" HTTP/1.1\r\n" + self._head)
            reply = await _read_reply(self._reader)
        except BaseException:
            await self.close()
            raise
        if reply.headers.get("connection", "").lower() == "close":
            await self.close()
        return reply

    async def close(self) -> None:
        """Close the connection (if open)."""
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(ConnectionError):  # already reset by the peer
                await writer.wait_closed()


async def _read_reply(reader: asyncio.StreamReader) -> Reply:
    status_line = await reader.readuntil(b"\r\n")
    parts = status_line.split(b" ", 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
        raise ProtocolError(f"not an HTTP/1.1 status line: {status_line[:80]!r}")
    headers: dict[str, str] = {}
    while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        body = await _read_chunked(reader)
    else:
        raise ProtocolError("a response without a length on a kept-alive connection")
    return Reply(int(parts[1]), headers, body)


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    chunks: list[bytes] = []
    while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
        chunks.append(await reader.readexactly(size))
        await reader.readexactly(2)  # the CRLF after each chunk
    while await reader.readuntil(b"\r\n") != b"\r\n":
        continue  # skip trailer lines up to the blank line; none are used
    return b"".join(chunks)
