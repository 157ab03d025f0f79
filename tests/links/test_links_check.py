"""Issue 15 (link health): the checker against a local HTTP server: each case classified right,
bounded concurrency per host and in total, robots.txt, Retry-After, offline detection."""

from __future__ import annotations

import socket
from itertools import pairwise
from typing import Any

import pytest
from linkserver import BUSY_WAIT, CRAWL_DELAY, ROBOTS, ROBOTS_PACED, servers

from sbfa_pack.links import Checker, Offline, Settings
from sbfa_pack.links.fetch import USER_AGENT

FAST = Settings(timeout=0.3, retries=2, backoff=0.01, host_delay=0.0, slow=5.0, allow_private=True)


class _Pauses:
    """Stands in for asyncio.sleep between retries: records the pause, waits for nothing."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)


def test_each_answer_is_classified() -> None:
    """Issue 15 (link health): 200, 301, a 302/307 chain, 404, 500 (dead after retries), 429 with
    Retry-After, a timeout, a redirect loop, HEAD 405 with GET 200 and robots.txt each get their verdict."""
    pauses = _Pauses()
    with servers() as ([srv], _):
        paths = ["/ok", "/moved", "/chain", "/gone", "/broken", "/busy", "/hang", "/loop-a", "/no-head",
                 "/private/page"]
        results = Checker(FAST, sleep=pauses).run([srv.url(p) for p in paths])
        log = list(srv.log)
    got = {p: (results[srv.url(p)].result, results[srv.url(p)].status, results[srv.url(p)].error) for p in paths}
    assert got == {
        "/ok": ("ok", 200, ""),
        "/moved": ("redirected", 200, ""),
        "/chain": ("ok", 200, ""),  # temporary redirects only: the address in the source is right
        "/gone": ("dead", 404, "HTTP 404"),
        "/broken": ("dead", 500, "HTTP 500"),
        "/busy": ("ok", 200, ""),
        "/hang": ("error", None, "timeout"),
        "/loop-a": ("error", 302, "redirect loop"),
        "/no-head": ("ok", 200, ""),
        "/private/page": ("error", None, "robots.txt disallows"),
    }
    assert results[srv.url("/moved")].final_url == srv.url("/ok")
    assert results[srv.url("/chain")].final_url == srv.url("/final")
    # 500: HEAD, then GET, then two more GETs after growing pauses; 429: its Retry-After was honoured.
    assert [m for m, p, _ in log if p == "/broken"] == ["HEAD", "GET", "GET", "GET"]
    assert float(BUSY_WAIT) in pauses.asked and 0.01 in pauses.asked and 0.02 in pauses.asked
    assert [m for m, p, _ in log if p == "/no-head"] == ["HEAD", "GET"]
    assert [p for _, p, _ in log if p.startswith("/private/")] == []  # disallowed: never fetched
    assert [p for _, p, _ in log].count("/robots.txt") == 1
    assert {ua for _, _, ua in log} == {USER_AGENT} and "sbfa-pack" in USER_AGENT and "https://" in USER_AGENT


def test_slow_answers_are_slow() -> None:
    """Issue 15 (link health): an answer that takes longer than --slow is reported as slow."""
    with servers() as ([srv], _):
        result = Checker(Settings(timeout=2, host_delay=0.0, slow=0.05, allow_private=True)).run([srv.url("/slow/1")])
    assert result[srv.url("/slow/1")].result == "slow"


def test_never_more_than_per_host_or_total_in_flight() -> None:
    """Issue 15 Must show: the checker never has more than --per-host requests in flight to one
    host, nor more than --concurrency in total (each server counts what it is answering)."""
    with servers(3) as (running, total):
        urls = [s.url(f"/slow/{i}") for s in running for i in range(8)]
        results = Checker(Settings(concurrency=4, per_host=2, timeout=5, host_delay=0.0, allow_private=True)).run(urls)
        most = [s.here.most for s in running]
    assert {r.result for r in results.values()} == {"ok"}
    assert max(most) <= 2 and total.most <= 4
    assert total.most >= 2  # it does check in parallel


def test_offline_when_no_host_resolves() -> None:
    """Issue 15 (link health): when no host name resolves, the checker says the machine is
    offline rather than judging any link (names under .invalid never resolve)."""
    with pytest.raises(Offline, match="no host name resolves"):
        Checker(FAST).run(["https://nowhere.invalid/", "http://also.invalid/page"])

    def no_dns(host: str, port: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with servers() as ([srv], _), pytest.raises(Offline):  # even the local server: the resolver says nothing resolves
        Checker(FAST, resolve=no_dns).run([srv.url("/ok")])


def test_a_name_that_does_not_resolve_while_others_do_is_dead() -> None:
    """Issue 15 (link health): online, a domain that no longer resolves is a dead link ("DNS")."""
    with servers() as ([srv], _):
        results = Checker(FAST).run([srv.url("/ok"), "https://lapsed.invalid/"])
    gone = results["https://lapsed.invalid/"]
    assert (gone.result, gone.status, gone.error) == ("dead", None, "DNS")


def test_offline_when_no_host_answers() -> None:
    """Issue 15 (link health): names resolve but nothing answers (no route, nothing listening):
    no link is judged, the checker says it cannot check."""
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(Offline, match="no host answered"):
        Checker(FAST).run([f"http://127.0.0.1:{port}/a", f"http://127.0.0.1:{port}/b"])


def test_requests_to_one_host_are_paced() -> None:
    """Issue 15 (link health): requests to one host start at least --host-delay apart, or
    robots.txt's Crawl-delay when it is longer (the pauses asked of the clock are recorded)."""
    for robots, gap in ((ROBOTS, 0.5), (ROBOTS_PACED, float(CRAWL_DELAY))):
        pauses = _Pauses()
        with servers(robots=robots) as ([srv], _):
            urls = [srv.url(f"/ok?{i}") for i in range(3)]
            paced = Settings(timeout=2, host_delay=0.5, per_host=1, allow_private=True)
            results = Checker(paced, sleep=pauses).run(urls)
        assert {r.result for r in results.values()} == {"ok"}
        # robots.txt first, then the three pages: each waits for the turn of the one before.
        turns = sorted(pauses.asked)
        assert len(turns) == 3 and turns[0] > 0.4, turns
        assert all(later - earlier == pytest.approx(gap, abs=0.05) for earlier, later in pairwise(turns))


def test_private_addresses_are_not_asked_by_default() -> None:
    """Issue 15 (link health): a link to a loopback or private address (or a redirect to one) is
    not requested unless private addresses are allowed: a contribution checked in CI must not
    make it probe its own network."""
    with servers() as ([srv], _):
        results = Checker(Settings(timeout=0.3, host_delay=0.0)).run([srv.url("/ok"), "http://10.1.2.3/admin"])
        assert srv.log == []
    assert {(r.result, r.status, r.error) for r in results.values()} == {
        ("error", None, "private address (not checked without --allow-private)")}


def test_redirects_to_private_addresses_are_not_followed() -> None:
    """Issue 15 (link health): neither a page's redirect nor robots.txt's leads to a private
    address (the local server passes for a public one here, through the resolver)."""

    def public_loopback(host: str, port: Any) -> Any:
        address = "93.184.215.14" if host == "127.0.0.1" else host  # what a public host would resolve to
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, 0))]

    with servers(robots=b"http://10.9.9.9/robots.txt") as ([srv], _):
        results = Checker(Settings(timeout=0.3, host_delay=0.0), resolve=public_loopback).run(
            [srv.url("/to-private"), srv.url("/ok")])
    moved = results[srv.url("/to-private")]
    assert (moved.result, moved.final_url) == ("error", "http://10.1.2.3/page")
    assert moved.error.startswith("private address")
    assert results[srv.url("/ok")].result == "ok"  # robots.txt's redirect was not followed: all allowed


def test_offline_is_told_early_when_nothing_gets_out() -> None:
    """Issue 15 (link health): names resolve but no request gets an answer: after a few requests
    the checker stops and says it cannot check, rather than waiting for every link to time out."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    urls = [f"http://127.0.0.1:{port}/{i}" for i in range(40)]
    checker = Checker(Settings(timeout=0.3, retries=0, host_delay=0.0, allow_private=True))
    with pytest.raises(Offline, match="no host answered"):
        checker.run(urls)
    assert checker.asked < len(urls)


def test_unusable_addresses_are_errors_not_dead() -> None:
    """Issue 15 (link health): an address no request can be made for (an unclosed IPv6 bracket,
    a port past 65535) is reported as uncheckable, with the reason."""
    with servers() as ([srv], _):
        results = Checker(FAST).run([srv.url("/ok"), "http://[::1/x", "http://127.0.0.1:99999/"])
    assert results[srv.url("/ok")].result == "ok"
    assert {(r.result, r.error) for u, r in results.items() if u != srv.url("/ok")} == {("error", "invalid URL")}


def test_a_caller_with_a_running_event_loop_can_check() -> None:
    """Issue 15 (link health): the check runs on a loop of its own, so a caller that already runs one
    (Playwright's sync API in the same test session, a notebook) gets results, not
    "asyncio.run() cannot be called from a running event loop"."""
    import asyncio
    import threading

    async def caller() -> dict[str, Any]:
        with servers() as ([srv], _):
            results = Checker(FAST).run([srv.url("/ok")])
            return {"ok": results[srv.url("/ok")].result}

    got: dict[str, Any] = {}
    # A thread of the test's own runs the caller's loop (this test process may already run one).
    worker = threading.Thread(target=lambda: got.update(asyncio.run(caller())))
    worker.start()
    worker.join(30)
    assert got == {"ok": "ok"}
