"""The HTTP client against a real loopback server: every safeguard, one misbehaving host at a time."""

from __future__ import annotations

import dataclasses
import gzip
import threading
import zlib

import pytest
from loopback import Reply

from compare.collect.fetch import HostGate, HttpClient, _retry_after
from compare.errors import FetchError


class FakeClock:
    """A clock that moves only when the code under test sleeps on it (or ``step`` at each reading)."""

    def __init__(self, step: float = 0.0) -> None:
        self.now = 0.0
        self.step = step
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        self.now += self.step
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_plain_get_returns_body_and_final_url(server, client):
    server.add("/a", "<p>hello</p>")
    response = client.get(server.url("/a"))
    assert response.status == 200
    assert response.body == b"<p>hello</p>"
    assert response.final_url == server.url("/a")


def test_user_agent_is_honest(server, client):
    server.add("/ua", "x")
    client.get(server.url("/ua"))
    assert server.requests[-1][1]["user-agent"].startswith("news-compare/")


def test_redirects_are_followed_and_reported(server, client):
    server.redirect("/old", "/middle")
    server.redirect("/middle", server.url("/new"), status=302)
    server.add("/new", "moved here")
    response = client.get(server.url("/old"))
    assert response.body == b"moved here"
    assert response.final_url == server.url("/new")
    assert response.redirects == [server.url("/middle"), server.url("/new")]


def test_redirect_loop_is_an_error_naming_the_loop(server, client):
    server.redirect("/a", "/b")
    server.redirect("/b", "/a")
    with pytest.raises(FetchError, match="redirect loop") as info:
        client.get(server.url("/a"))
    assert not info.value.retryable


def test_too_many_redirects(server, settings):
    for n in range(4):
        server.redirect(f"/r{n}", f"/r{n + 1}")
    server.add("/r4", "end")
    with HttpClient(dataclasses.replace(settings, max_redirects=2)) as client:
        with pytest.raises(FetchError, match="more than 2 redirects"):
            client.get(server.url("/r0"))


def test_redirect_to_another_scheme_is_refused(server, client):
    server.redirect("/ftp", "ftp://127.0.0.1/file")
    with pytest.raises(FetchError, match="only http and https"):
        client.get(server.url("/ftp"))


def test_non_http_url_is_refused(client):
    with pytest.raises(FetchError, match="only http and https"):
        client.get("file:///etc/passwd")


def test_malformed_url_is_refused_with_the_reason(client):
    with pytest.raises(FetchError, match=r"malformed URL \(Port out of range"):
        client.get("http://127.0.0.1:99999/a")


def test_404_is_permanent(server, client):
    with pytest.raises(FetchError) as info:
        client.get(server.url("/missing"))
    assert info.value.status == 404
    assert not info.value.retryable
    assert server.url("/missing") in str(info.value)


def test_500_then_success_is_retried(server, client):
    server.add_sequence("/flaky", [Reply(500, b"oops"), Reply(503, b"busy"), Reply(200, b"fine")])
    assert client.get(server.url("/flaky")).body == b"fine"
    assert server.hits("/flaky") == 3


def test_500_forever_gives_a_retryable_error(server, client, settings):
    server.add_sequence("/down", [Reply(500, b"oops")])
    with pytest.raises(FetchError, match="HTTP 500") as info:
        client.get(server.url("/down"))
    assert info.value.retryable
    assert server.hits("/down") == settings.retries + 1


def test_429_waits_for_retry_after(server, settings):
    server.add_sequence("/limited", [Reply(429, b"slow down", {"Retry-After": "1"}), Reply(200, b"ok")])
    clock = FakeClock()
    with HttpClient(settings, clock=clock, sleep=clock.sleep) as client:
        assert client.get(server.url("/limited")).body == b"ok"
    assert clock.sleeps == [1.0]  # waited as asked before the second request, and only then
    assert server.hits("/limited") == 2


def test_429_asking_too_long_a_wait_fails_now(server, client):
    server.add_sequence("/limited", [Reply(429, b"", {"Retry-After": "3600"})])
    with pytest.raises(FetchError, match="wait 3600 s") as info:
        client.get(server.url("/limited"))
    assert info.value.retryable
    assert server.hits("/limited") == 1


def test_stalled_server_times_out(server, settings):
    """A server that never answers: each attempt ends at the read timeout, not when it answers."""
    server.add("/stall", "late")
    never = threading.Event()
    server.hold("/stall", never)  # released only when the test is over
    with HttpClient(dataclasses.replace(settings, timeout=0.2)) as client:
        with pytest.raises(FetchError, match=r"sent nothing for 0\.2 s") as info:
            client.get(server.url("/stall"))
    assert info.value.retryable
    assert server.hits("/stall") == settings.retries + 1
    assert server.completed == []  # the client gave up while the server still held every request


def test_trickling_server_hits_the_total_timeout(server, settings):
    server.add("/slow", b"x" * 4000, trickle=0.1)  # 63 chunks, 6 s in all
    clock = FakeClock(step=0.4)  # each reading of the clock: 0.4 s later
    with HttpClient(dataclasses.replace(settings, total_timeout=1.0, retries=0), clock=clock,
                    sleep=clock.sleep) as client:
        with pytest.raises(FetchError, match="longer than 1 s"):
            client.get(server.url("/slow"))
    # Given up at the third chunk, past the deadline, not once the whole body was in.
    assert "/slow" not in server.completed


def test_body_over_the_size_cap(server, client, settings):
    server.add("/huge", b"a" * (settings.max_bytes + 1))
    with pytest.raises(FetchError, match="size cap") as info:
        client.get(server.url("/huge"))
    assert not info.value.retryable


def test_body_over_the_cap_without_content_length(server, client, settings):
    body = b"a" * (settings.max_bytes * 2)
    server.add("/huge", body, headers={"Content-Length": str(len(body))})
    with pytest.raises(FetchError, match="size cap"):
        client.get(server.url("/huge"))


def test_gzip_bomb_is_stopped(server, client, settings):
    bomb = gzip.compress(b"\0" * 50_000_000)  # 50 MB of zeros in about 50 KB
    assert len(bomb) < settings.max_bytes
    server.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="decompressed body exceeds the size cap"):
        client.get(server.url("/bomb"))


def test_gzip_and_deflate_bodies_are_decoded(server, client):
    server.add("/gz", gzip.compress(b"zipped text"), headers={"Content-Encoding": "gzip"})
    server.add("/df", zlib.compress(b"deflated text"), headers={"Content-Encoding": "deflate"})
    assert client.get(server.url("/gz")).body == b"zipped text"
    assert client.get(server.url("/df")).body == b"deflated text"


def test_raw_deflate_without_zlib_header_is_decoded_too(server, client):
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    server.add("/raw", raw.compress(b"raw deflated text " * 50) + raw.flush(), headers={"Content-Encoding": "deflate"})
    assert client.get(server.url("/raw")).body == b"raw deflated text " * 50
    server.add("/junk", b"\xff\xfe not deflate at all", headers={"Content-Encoding": "deflate"})
    with pytest.raises(FetchError, match="corrupt compressed body"):
        client.get(server.url("/junk"))


def test_corrupt_gzip_is_an_error(server, client):
    server.add("/bad", b"\x1f\x8b\x08\x00garbage", headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="corrupt compressed body"):
        client.get(server.url("/bad"))


def test_connection_refused_is_retryable(client):
    with pytest.raises(FetchError, match="network error") as info:
        client.get("http://127.0.0.1:9/nothing-listens-here")
    assert info.value.retryable


def test_robots_txt_disallow_is_respected_for_pages(server, client):
    server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.add("/private/a", "secret")
    server.add("/public/a", "open")
    with pytest.raises(FetchError, match="robots.txt"):
        client.get(server.url("/private/a"), obey_robots=True)
    assert client.get(server.url("/public/a"), obey_robots=True).body == b"open"
    assert server.hits("/private/a") == 0
    assert server.hits("/robots.txt") == 1  # cached per host


def test_robots_txt_can_be_ignored_by_setting(server, settings):
    server.add("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    server.add("/a", "page")
    with HttpClient(dataclasses.replace(settings, respect_robots=False)) as client:
        assert client.get(server.url("/a"), obey_robots=True).body == b"page"


def test_robots_txt_answering_5xx_disallows_for_now_and_is_asked_again_later(server, settings):
    """RFC 9309: an unreachable robots.txt (5xx) means "disallow all" until it can be read."""
    from loopback import Reply

    server.add_sequence("/robots.txt", [Reply(503, b"down", {"Content-Type": "text/plain"}),
                                        Reply(200, b"User-agent: *\nDisallow:\n", {"Content-Type": "text/plain"})])
    server.add("/a", "page")
    now = [0.0]
    with HttpClient(dataclasses.replace(settings, retries=0), clock=lambda: now[0]) as client:
        with pytest.raises(FetchError, match="robots.txt could not be read") as info:
            client.get(server.url("/a"), obey_robots=True)
        assert info.value.retryable  # a later run tries the page again
        assert server.hits("/a") == 0
        with pytest.raises(FetchError, match="robots.txt could not be read"):
            client.get(server.url("/a"), obey_robots=True)  # not asked again at once
        assert server.hits("/robots.txt") == 1
        now[0] = 1000.0
        assert client.get(server.url("/a"), obey_robots=True).body == b"page"  # minutes later it is read
    assert server.hits("/robots.txt") == 2


def test_unreachable_robots_txt_disallows(client):
    with pytest.raises(FetchError, match="robots.txt could not be read") as info:
        client.get("http://127.0.0.1:9/a", obey_robots=True)
    assert info.value.retryable


ROBOTS = """\
User-agent: *
Disallow: /*.pdf$
Disallow: /private/
Allow: /private/open/
Disallow: /drafts
Allow: /drafts/published/
Allow: /archive/
Disallow: /archive/2019/

User-agent: SomeOtherBot
Disallow: /

User-agent: News-Compare
Disallow: /no-tools/
Allow: /private/
"""


@pytest.mark.parametrize(("path", "allowed"), [
    ("/report.pdf", False),  # "*" matches any characters, "$" the end of the path
    ("/files/2024/report.pdf", False),
    ("/report.pdf.html", True),
    ("/report.pdf?download=1", True),  # the query is part of what "$" must end
    ("/pdfs/index.html", True),
    ("/private/a", False),
    ("/private/open/a", True),  # the longer Allow beats the shorter Disallow
    ("/drafts/b", False),
    ("/drafts/published/b", True),
    ("/archive/2020/c", True),
    ("/archive/2019/c", False),  # the longer Disallow beats the shorter Allow
    ("/news/today", True),
])
def test_robots_txt_patterns_and_longest_match(server, client, path, allowed):
    """RFC 9309: "*" and "$" in paths; the longest matching rule decides."""
    server.add("/robots.txt", ROBOTS.split("\n\nUser-agent: SomeOtherBot")[0], content_type="text/plain")
    assert client.allowed_by_robots(server.url(path)) is allowed


def test_robots_txt_group_for_news_compare_replaces_the_general_one(server, client):
    """The group naming news-compare (in any case) applies alone; the `*` group and other
    crawlers' groups do not."""
    server.add("/robots.txt", ROBOTS, content_type="text/plain")
    assert not client.allowed_by_robots(server.url("/no-tools/x"))
    assert client.allowed_by_robots(server.url("/private/a"))  # allowed in its own group
    assert client.allowed_by_robots(server.url("/report.pdf"))  # the `*` group does not apply
    assert client.allowed_by_robots(server.url("/"))  # SomeOtherBot's "Disallow: /" is not ours


def test_robots_txt_crawl_delay_spaces_requests(server, settings):
    server.add("/robots.txt", "User-agent: *\nCrawl-delay: 2\n\nUser-agent: news-compare\nCrawl-delay: 5\n",
               content_type="text/plain")
    server.add("/a", "page")
    clock = FakeClock()
    with HttpClient(settings, clock=clock, sleep=clock.sleep) as client:
        for _ in range(3):
            assert client.get(server.url("/a"), obey_robots=True).body == b"page"
    assert clock.sleeps == [5.0, 5.0]  # news-compare's own group's delay, between the three pages


def test_missing_robots_txt_allows_everything(server, client):
    server.add("/a", "page")
    assert client.get(server.url("/a"), obey_robots=True).body == b"page"


def test_host_gate_spaces_requests_to_one_host():
    clock = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        clock[0] += seconds

    gate = HostGate(delay=2.0, concurrency=1, clock=lambda: clock[0], sleep=sleep)
    for _ in range(3):
        with gate.slot("a.example"):
            pass
    with gate.slot("b.example"):
        pass
    assert waits == [2.0, 2.0]  # the second host did not wait
    gate.defer("a.example", 10.0)
    with gate.slot("a.example"):
        pass
    assert waits[-1] == pytest.approx(10.0)


def test_parallel_requests_to_many_hosts(settings):
    """Requests to different hosts are in flight at the same time: each server answers only
    when both requests have arrived, so a client that fetched one after the other would fail."""
    from concurrent.futures import ThreadPoolExecutor

    from loopback import LoopbackServer

    both = threading.Barrier(2)
    with LoopbackServer() as one, LoopbackServer() as two:
        for srv in (one, two):
            srv.add_sequence("/page", [Reply(200, b"done", {"Content-Type": "text/html"}, barrier=both)])
        with HttpClient(dataclasses.replace(settings, retries=0)) as client, ThreadPoolExecutor(2) as pool:
            bodies = list(pool.map(lambda url: client.get(url).body, [one.url("/page"), two.url("/page")]))
    assert bodies == [b"done", b"done"]


class _WatchedSemaphore(threading.Semaphore):
    """A host's slots that tell when a request had to wait for one."""

    def __init__(self, value: int) -> None:
        super().__init__(value)
        self.waited = threading.Event()

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        if super().acquire(blocking=False):
            return True
        self.waited.set()
        return super().acquire(blocking, timeout)

    __enter__ = acquire


def test_one_host_gets_at_most_its_connection_limit(server, settings):
    """With per_host_connections = 1 the second request to a host waits for the first: while the
    server holds the first, the second waits at the gate and never reaches the server."""
    from concurrent.futures import ThreadPoolExecutor

    server.add("/page", "done")
    release = threading.Event()
    server.hold("/page", release)
    slots: list[_WatchedSemaphore] = []

    def watched(value: int) -> _WatchedSemaphore:
        slots.append(_WatchedSemaphore(value))
        return slots[-1]

    limited = dataclasses.replace(settings, per_host_connections=1, retries=0, timeout=30.0)
    with HttpClient(limited) as client, ThreadPoolExecutor(2) as pool:
        client.gate = HostGate(0.0, 1, semaphore=watched)
        replies = [pool.submit(client.get, server.url("/page")) for _ in range(2)]
        assert server.wait_for(lambda: len(server.held) == 1)
        assert slots[0].waited.wait(timeout=30)  # the other request waits for the slot ...
        assert len(server.held) == 1 and len(server.requests) == 1  # ... and has not reached the server
        release.set()
        assert [r.result(timeout=30).body for r in replies] == [b"done", b"done"]
    assert server.most_held == 1 and len(slots) == 1


@pytest.mark.parametrize(("header", "expected"), [("7", 7.0), ("", None), ("soon", None)])
def test_retry_after_parsing(header, expected):
    assert _retry_after(header) == expected


def test_retry_after_http_date():
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: no wait
