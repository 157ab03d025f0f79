"""Checking URLs politely: bounded concurrency, pacing per host, robots.txt, retries, redirects.

asyncio schedules; each request runs in a thread of a pool (``fetch.request``, standard library
``http.client``), so no HTTP library is needed. Every request, robots.txt included, holds one
slot of its host (``per_host``, host and port) and one of the total (``concurrency``) while in
flight; a request waiting for its host's turn holds no slot of the total.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from .fetch import MAX_RETRY_AFTER, USER_AGENT, Answer, Failure, request

Verdict = Literal["ok", "redirected", "dead", "slow", "error"]
_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}
_UNSURE = {401, 403, 407, 429, 451}
"""Answers that say nothing about the page: logins, bot walls, rate limits, legal blocks."""
_ROBOTS_BYTES = 512 * 1024
_MAX_CRAWL_DELAY = 30.0
_RESOLVERS = 64
_RESOLVE_WAIT = 5.0
_DNS_SLOW = "DNS timeout"
_PROBE = 16
"""Requests that may all fail without any answer before the machine is taken to be offline."""
_PRIVATE = "private address (not checked without --allow-private)"


@dataclass(frozen=True)
class Settings:
    """How to check; the defaults are those of ``sbfa-pack links check``."""

    concurrency: int = 8
    per_host: int = 2
    timeout: float = 10.0
    retries: int = 2
    slow: float = 5.0
    host_delay: float = 0.5
    """Least time between the starts of two requests to one host (robots.txt's Crawl-delay if longer)."""
    backoff: float = 1.0
    """Pause before the first retry; it doubles for each further one."""
    max_redirects: int = 10
    user_agent: str = USER_AGENT
    allow_private: bool = False
    """Check hosts on loopback, private, link-local or reserved addresses (an intranet; the tests).
    Off by default: a contribution's link must not make CI probe its own network."""


@dataclass(frozen=True)
class Result:
    """One URL's check, as kept in ``links-checked.json``."""

    checked: str
    status: int | None
    final_url: str
    seconds: float
    result: Verdict
    error: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class Offline(Exception):
    """Nothing could be reached: the machine is offline, so no link was judged."""


@dataclass
class _Chain:
    """One URL's walk through redirects."""

    current: str
    seconds: float = 0.0
    moved: bool = False
    use_get: bool = False
    seen: set[str] = field(default_factory=set)


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Checker:
    """Checks a set of URLs; ``resolve``, ``sleep`` (pauses: retries and pacing) and ``clock`` can be
    replaced in tests."""

    def __init__(self, settings: Settings, *, resolve: Callable[..., Any] | None = None,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 clock: Callable[[], str] = now_utc) -> None:
        self.s = settings
        self.resolve = resolve or socket.getaddrinfo
        self.sleep = sleep
        self.clock = clock
        self.asked = self.answered = 0
        self._vetted: dict[str, asyncio.Future[Failure | None]] = {}
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._crawl_delay: dict[str, float] = {}
        self._robots: dict[str, asyncio.Future[RobotFileParser | None]] = {}

    def run(self, urls: list[str]) -> dict[str, Result]:
        """Check every URL; raises :class:`Offline` when no host resolves or none answers. The checks
        run on an event loop of their own, in a thread of their own: a caller that already runs one
        (a Playwright session, a notebook) cannot host ``asyncio.run``."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="links") as pool:
            return pool.submit(asyncio.run, self._run(urls)).result()

    async def _run(self, urls: list[str]) -> dict[str, Result]:
        self._total = asyncio.Semaphore(self.s.concurrency)
        self._dns = asyncio.Semaphore(_RESOLVERS)
        self._pool = ThreadPoolExecutor(self.s.concurrency, thread_name_prefix="sbfa-links")
        try:
            await self._probe(sorted({h for h in map(_hostname, urls) if h}))
            results = await asyncio.gather(*(self._check(url) for url in urls))
        finally:
            self._pool.shutdown(wait=False, cancel_futures=True)
        if self.asked and not self.answered:
            raise Offline("no host answered")
        return dict(zip(urls, results, strict=True))

    async def _probe(self, hosts: list[str]) -> None:
        """Raise :class:`Offline` when the first names looked up (up to ``_RESOLVERS`` of them, at
        once) all fail; return as soon as one resolves. The other look-ups go on for the checks."""
        pending = {asyncio.ensure_future(self._vet(h)) for h in hosts}
        failed, sample = 0, min(len(hosts), _RESOLVERS)
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                failure = task.result()
                if failure is None or not failure.dns:
                    return
                failed += 1
            if failed >= sample:
                raise Offline("no host name resolves")

    async def _vet(self, host: str) -> Failure | None:
        """Why no request may go to ``host`` (its name does not resolve, or it is a private
        address), or None; each host is looked up once."""
        if host not in self._vetted:
            self._vetted[host] = asyncio.ensure_future(self._resolves(host))
        return await self._vetted[host]

    async def _resolves(self, host: str) -> Failure | None:
        """Offline, a resolver can take many seconds per name: each look-up runs in a daemon
        thread and is given up (not waited for) after a while."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Failure | None] = loop.create_future()

        def settle(outcome: Failure | None) -> None:
            if not done.done():
                done.set_result(outcome)

        def look_up() -> None:
            outcome: Failure | None = None
            try:
                found = self.resolve(host, None)
                if not self.s.allow_private and not all(_is_global(str(info[4][0])) for info in found):
                    outcome = Failure(_PRIVATE, transient=False)
            except socket.gaierror as exc:
                outcome = Failure("DNS", transient=exc.errno == socket.EAI_AGAIN, dns=True)
            except (OSError, UnicodeError):
                outcome = Failure("DNS", transient=True, dns=True)
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits any more
                loop.call_soon_threadsafe(settle, outcome)

        async with self._dns:
            threading.Thread(target=look_up, name="sbfa-dns", daemon=True).start()
            try:
                return await asyncio.wait_for(done, min(self.s.timeout, _RESOLVE_WAIT))
            except TimeoutError:
                return Failure(_DNS_SLOW, transient=True, dns=True)

    # --- one URL ---------------------------------------------------------------------------

    async def _check(self, url: str) -> Result:
        chain = _Chain(url, seen={_defrag(url)})
        while True:
            host = _hostname(chain.current)
            if not host:
                return self._result(chain, None, "error", "invalid URL")
            problem = await self._vet(host)
            if problem and problem.reason != _DNS_SLOW:  # a slow name may still resolve for the request
                return self._failed(chain, problem)
            if not await self._allowed(chain.current):
                return self._result(chain, None, "error", "robots.txt disallows")
            answer = await self._fetch(chain)
            chain.seconds += answer.seconds  # for a timeout: how long it waited
            if isinstance(answer, Failure):
                return self._failed(chain, answer)
            if answer.status not in _REDIRECTS or not answer.location:
                return self._classify(chain, answer.status)
            target = urljoin(chain.current, answer.location.strip())
            if urlsplit(target).scheme not in ("http", "https"):
                return self._result(chain, answer.status, "error", "redirect to a non-web address")
            if _defrag(target) in chain.seen:
                return self._result(chain, answer.status, "error", "redirect loop")
            if len(chain.seen) > self.s.max_redirects:
                return self._result(chain, answer.status, "error", "too many redirects")
            chain.moved = chain.moved or answer.status in _PERMANENT
            chain.seen.add(_defrag(target))
            chain.current = target

    async def _fetch(self, chain: _Chain) -> Answer | Failure:
        """HEAD (GET when HEAD is refused or unreliable), retried after timeouts, 5xx and 429."""
        attempt = 0
        while True:
            answer = await self._request(chain.current, "GET" if chain.use_get else "HEAD")
            if isinstance(answer, Answer) and not chain.use_get and answer.status >= 400 and answer.status != 429:
                chain.use_get = True  # 405, 501, and servers that answer HEAD wrongly: GET tells the truth
                answer = await self._request(chain.current, "GET")
            pause = self._pause(answer, attempt)
            if pause is None or attempt >= self.s.retries:
                return answer
            await self.sleep(pause)
            attempt += 1

    def _pause(self, answer: Answer | Failure, attempt: int) -> float | None:
        """How long to wait before trying again, or None when another try would not help."""
        backoff = self.s.backoff * 2.0 ** attempt
        if isinstance(answer, Failure):
            return backoff if answer.transient else None
        if answer.status == 429 or (answer.status >= 500 and answer.status != 501):
            if answer.retry_after is None:
                return backoff
            return answer.retry_after if answer.retry_after <= MAX_RETRY_AFTER else None
        return None

    def _classify(self, chain: _Chain, status: int) -> Result:
        if 200 <= status < 300:
            if chain.moved:
                return self._result(chain, status, "redirected")
            return self._result(chain, status, "slow" if chain.seconds > self.s.slow else "ok")
        if status in _UNSURE or not 400 <= status < 600:
            return self._result(chain, status, "error", f"HTTP {status}")
        return self._result(chain, status, "dead", f"HTTP {status}")

    def _failed(self, chain: _Chain, failure: Failure) -> Result:
        # A name that does not resolve while others do: the domain is gone (a lapsed registration).
        dead = failure.dns and not failure.transient
        return self._result(chain, None, "dead" if dead else "error", failure.reason)

    def _result(self, chain: _Chain, status: int | None, verdict: Verdict, error: str = "") -> Result:
        return Result(self.clock(), status, chain.current, round(chain.seconds, 2), verdict, error)

    # --- requests, slots and pacing --------------------------------------------------------

    async def _request(self, url: str, method: str, body_limit: int = 0) -> Answer | Failure:
        key = _host_key(url)
        loop = asyncio.get_running_loop()
        slots = self._hosts.setdefault(key, asyncio.Semaphore(self.s.per_host))
        async with slots:
            await self._pace(key)
            async with self._total:
                call = partial(request, url, method, timeout=self.s.timeout, user_agent=self.s.user_agent,
                               body_limit=body_limit)
                answer = await loop.run_in_executor(self._pool, call)
        self.asked += 1
        if isinstance(answer, Answer):
            self.answered += 1
        elif not self.answered and self.asked >= _PROBE:  # DNS works but nothing gets out (a closed CI runner)
            raise Offline("no host answered")
        return answer

    async def _pace(self, key: str) -> None:
        """Wait until this host may get the next request; the turn is taken before waiting."""
        delay = max(self.s.host_delay, self._crawl_delay.get(key, 0.0))
        now = time.monotonic()
        start = max(now, self._next_start.get(key, 0.0))
        self._next_start[key] = start + delay
        if start > now:
            await self.sleep(start - now)

    # --- robots.txt --------------------------------------------------------------------------

    async def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.rpartition('@')[2].lower()}"
        if origin not in self._robots:
            self._robots[origin] = asyncio.ensure_future(self._read_robots(origin, _host_key(url)))
        rules = await self._robots[origin]
        return rules is None or rules.can_fetch(self.s.user_agent, url)

    async def _read_robots(self, origin: str, key: str) -> RobotFileParser | None:
        """The origin's robots.txt rules; None (everything allowed) when it has none or cannot be read."""
        url = f"{origin}/robots.txt"
        for hop in range(5):  # RFC 9309: follow at least five redirects
            problem = await self._vet(_hostname(url)) if hop else None  # the first is the page's own host
            if problem and problem.reason != _DNS_SLOW:
                return None
            answer = await self._request(url, "GET", _ROBOTS_BYTES)
            if isinstance(answer, Failure):
                return None
            if answer.status in _REDIRECTS and answer.location:
                url = urljoin(url, answer.location)
                continue
            if not 200 <= answer.status < 300:
                return None
            rules = RobotFileParser(url)
            rules.parse(answer.body.decode("utf-8", "replace").splitlines())
            delay = rules.crawl_delay(self.s.user_agent)
            if delay:
                self._crawl_delay[key] = min(float(delay), _MAX_CRAWL_DELAY)
            return rules
        return None


def _is_global(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]).is_global
    except ValueError:
        return False


def _hostname(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _host_key(url: str) -> str:
    """Host and port: the unit of politeness (the per-host cap and pacing)."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{_hostname(url)}:{port or (443 if parts.scheme == 'https' else 80)}"


def _defrag(url: str) -> str:
    return url.split("#", 1)[0]
