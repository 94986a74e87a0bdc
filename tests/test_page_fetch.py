"""Fetching a page for a dashboard visitor: refused from loopback, private and metadata addresses,
after every name lookup and at every redirect; fetched when the settings allow private addresses.

Every server here listens on 127.0.0.1 or 127.0.0.2 (both loopback). A test that needs a "public"
first hop counts 127.0.0.2 as public through the injected check; no test reaches beyond loopback.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from builders import BRIDGE, article_page
from conftest import FAST

from compare.errors import FetchError
from compare.ui.page_fetch import fetch_page
from compare.urls import address_problem

ALLOWED = dataclasses.replace(FAST, fetch_private_addresses=True, respect_robots=False)
DEFAULT = dataclasses.replace(FAST, respect_robots=False)  # private addresses refused, as shipped


@contextmanager
def redirector(target: str, host: str = "127.0.0.2") -> Iterator[tuple[str, list[str]]]:
    """A server on ``host`` that answers every GET with a 302 to ``target``; yields its address
    and the paths it was asked for."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            asked.append(self.path)
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


def public_127_0_0_2(address: str) -> str | None:
    """The shipped check, except that 127.0.0.2 stands in for a public server."""
    return None if address == "127.0.0.2" else address_problem(address)


def test_a_page_on_loopback_is_refused_by_default_and_nothing_is_asked_of_it(server):
    server.add("/article", article_page(BRIDGE))
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a loopback address") as info:
        fetch_page(server.url("/article"), DEFAULT)
    assert "fetch_private_addresses" in str(info.value)
    assert server.requests == []


def test_with_private_addresses_allowed_the_page_is_fetched(server):
    server.add("/article", article_page(BRIDGE))
    page = fetch_page(server.url("/article"), ALLOWED)
    assert page.final_url == server.url("/article") and BRIDGE.title.encode() in page.body
    assert page.content_type.startswith("text/html")


def test_a_redirect_to_loopback_is_refused_and_never_followed(server):
    server.add("/inside", "secret")
    with redirector(server.url("/inside")) as (outside, asked):
        with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
            fetch_page(f"{outside}/story", DEFAULT, check=public_127_0_0_2)
        assert asked == ["/story"]  # the first hop was fetched, and checked again at its redirect
    assert server.requests == []


def test_a_redirect_to_a_name_for_a_metadata_address_is_refused():
    looked_up: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        looked_up.append(host)
        return {"metadata.example": ["169.254.169.254"]}.get(host, ["127.0.0.2"])

    with redirector("http://metadata.example/latest/meta-data/") as (outside, asked):
        with pytest.raises(FetchError, match="metadata.example .169.254.169.254. is a cloud metadata address"):
            fetch_page(f"{outside}/story", DEFAULT, resolver=resolver, check=public_127_0_0_2)
    assert looked_up[-1] == "metadata.example" and asked == ["/story"]


@pytest.mark.parametrize("addresses", [["93.184.215.14", "10.1.2.3"], ["fd00:ec2::254"], ["::1"], ["0.0.0.0"],
                                       ["224.0.0.251"], ["100.64.0.7"], ["::ffff:192.168.1.1"]])
def test_every_address_a_name_resolves_to_is_checked(addresses):
    with pytest.raises(FetchError, match="refused: news.example .* is "):
        fetch_page("http://news.example/story", DEFAULT, resolver=lambda host, port: addresses)


def test_a_name_that_does_not_resolve_says_so():
    def resolver(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    with pytest.raises(FetchError, match="cannot find the server news.example"):
        fetch_page("http://news.example/story", DEFAULT, resolver=resolver)


def test_redirects_are_bounded(server):
    for n in range(4):
        server.redirect(f"/hop{n}", server.url(f"/hop{n + 1}"))
    server.add("/hop4", article_page(BRIDGE))
    assert fetch_page(server.url("/hop0"), ALLOWED).final_url == server.url("/hop4")
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch_page(server.url("/hop0"), dataclasses.replace(ALLOWED, max_redirects=3))
    server.redirect("/loop", server.url("/loop"))
    with pytest.raises(FetchError, match="redirect loop"):
        fetch_page(server.url("/loop"), ALLOWED)


def test_robots_txt_is_obeyed_and_the_size_cap_holds(server):
    server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.add("/private/a", article_page(BRIDGE))
    server.add("/big", b"x" * 300_000)
    polite = dataclasses.replace(ALLOWED, respect_robots=True)
    with pytest.raises(FetchError, match="disallowed by the site's robots.txt"):
        fetch_page(server.url("/private/a"), polite)
    assert server.hits("/private/a") == 0
    with pytest.raises(FetchError, match="size cap"):
        fetch_page(server.url("/big"), ALLOWED)  # FAST's cap: 200,000 bytes
    server.add("/gone", "no", status=404)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_page(server.url("/gone"), ALLOWED)


def test_only_http_and_https_are_fetched():
    with pytest.raises(FetchError, match="only http and https"):
        fetch_page("file:///etc/passwd", ALLOWED)


def test_an_unreachable_address_of_a_name_gives_way_to_the_next(server):
    server.add("/article", article_page(BRIDGE))
    port = server.httpd.server_address[1]
    # Nothing listens on 127.0.0.3 (the server is on 127.0.0.1): refused, so the next address is tried.
    page = fetch_page(f"http://news.example:{port}/article", ALLOWED,
                      resolver=lambda name, _: ["127.0.0.3", "127.0.0.1"] if name == "news.example" else [])
    assert BRIDGE.title.encode() in page.body
    assert server.requests[0][1]["host"] == f"news.example:{port}"  # the name, not the address it reached


def test_cloud_metadata_stays_refused_where_private_addresses_are_allowed():
    for address in ("169.254.169.254", "fd00:ec2::254", "::ffff:169.254.169.254"):
        with pytest.raises(FetchError, match="is a cloud metadata address"):
            fetch_page("http://metadata.example/latest/", ALLOWED, resolver=lambda host, port: [address])
