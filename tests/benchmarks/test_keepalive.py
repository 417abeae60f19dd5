"""The web benchmark's keep-alive client against a scripted HTTP/1.1 server on loopback."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from benchmarks.keepalive import KeepAliveClient, ProtocolError

_REPLIES = {
    b"/length": b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer-Timing: app;dur=1.5\r\n\r\nhello",
    b"/chunked": (
        b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n"
    ),
    b"/close": b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
    b"/garbage": b"SSH-2.0-nope\r\n\r\n",
}


async def _serve(connections: list[int], seen: list[bytes]) -> asyncio.Server:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        with contextlib.suppress(asyncio.IncompleteReadError):  # the client closed its connection
            while request := await reader.readuntil(b"\r\n\r\n"):
                path = request.split(b" ")[1]
                seen.append(request)
                writer.write(_REPLIES[path])
                await writer.drain()
                if path in (b"/close", b"/garbage"):
                    break
        writer.close()

    return await asyncio.start_server(handle, "127.0.0.1", 0)


async def _exchange(paths: list[str]) -> tuple[list[tuple[int, dict[str, str], bytes]], int, bytes]:
    connections: list[int] = []
    seen: list[bytes] = []
    server = await _serve(connections, seen)
    port = server.sockets[0].getsockname()[1]
    client = KeepAliveClient("127.0.0.1", port, {"Cookie": "s=1"})
    try:
        replies = [await client.get(path) for path in paths]
    finally:
        await client.close()
        server.close()
    return [(r.status, r.headers, r.body) for r in replies], len(connections), seen[0]


def test_should_read_length_and_chunked_bodies_on_one_kept_alive_connection():
    replies, connections, first = asyncio.run(_exchange(["/length", "/chunked", "/length"]))
    assert [(status, body) for status, _h, body in replies] == [
        (200, b"hello"),
        (404, b"abcde"),
        (200, b"hello"),
    ]
    assert replies[0][1]["server-timing"] == "app;dur=1.5"
    assert connections == 1
    assert first.startswith(b"GET /length HTTP/1.1\r\nHost: 127.0.0.1:")
    assert b"\r\nCookie: s=1\r\n" in first


def test_should_reconnect_after_the_server_closes():
    replies, connections, _first = asyncio.run(_exchange(["/close", "/length"]))
    assert [body for _s, _h, body in replies] == [b"ok", b"hello"]
    assert connections == 2


def test_should_refuse_an_answer_that_is_not_http():
    with pytest.raises(ProtocolError):
        asyncio.run(_exchange(["/garbage"]))
