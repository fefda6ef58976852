"""Checking URLs over HTTP: every unique URL of a run requested once,
politely and without reaching private networks (DESIGN.md §1 "Two phases"),
and remote documents (schemas) fetched the same way. Which URLs to check and
what their answers mean to a rule is not known here: the rules say what they
need (``net.needs``), the engine collects it (``engine.network``).

Address safety: names are resolved here (``loop.getaddrinfo``), every address
is checked against the policy, and the HTTP client can only connect to the
address that was checked: its network backend maps each host name to that
pinned address and refuses any host it was not given. A DNS answer that
changes between the check and the connection (DNS rebinding) cannot redirect
the request, and every redirect hop goes through the same gate.
"""
from __future__ import annotations

import asyncio
import os
import random
import re
import socket
import sys
import threading
import time
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator, Coroutine, Mapping
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Iterable, Optional, TypeVar
from urllib.parse import urljoin

from ..errors import ConfigError
from .url_cache import Outcome, UrlCache, cache_path
from ..links.safety import FETCHABLE_SCHEMES, AddressPolicy, host_of, ip_literal
from .settings import LinkSettings

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")
# (status, response headers with lower-case names) of one request
Answer = tuple[int, dict[str, str]]

REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)
HEAD_REFUSED = (403, 405, 501)

Resolver = Callable[[str, int], Awaitable[list[str]]]


class DnsError(Exception):
    pass


async def system_resolver(host: str, port: int) -> list[str]:
    """``getaddrinfo`` in a daemon thread of its own: asyncio joins its default
    executor when the loop closes, so a lookup that hangs there would hold
    the run past every deadline."""
    loop = asyncio.get_running_loop()

    future: asyncio.Future[list[Any]] = loop.create_future()

    def settle(answer: list[Any], error: Optional[BaseException]) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(answer)

    def lookup() -> None:
        answer: list[Any] = []
        error: Optional[BaseException] = None
        try:
            answer = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
        except BaseException as exc:  # handed over to the event loop
            error = exc
        try:
            loop.call_soon_threadsafe(settle, answer, error)
        except RuntimeError:
            pass  # the loop is closed: nobody waits for this answer any more

    threading.Thread(target=lookup, name=f"resolve {host}", daemon=True).start()
    try:
        infos = await future
    except socket.gaierror as exc:
        raise DnsError(exc.strerror or str(exc)) from None
    except UnicodeError as exc:
        raise DnsError(f"invalid host name ({exc})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_policy(ls: LinkSettings) -> AddressPolicy:
    try:
        return AddressPolicy.from_lists(ls.allow_hosts, ls.allow_private)
    except ValueError as exc:
        raise ConfigError(f"links: {exc}") from None


def fingerprint(ls: LinkSettings, policy: AddressPolicy) -> str:
    """Settings that change what a check finds; cached results from other settings are not reused."""
    return f"{policy.fingerprint()};{ls.max_redirects};{ls.user_agent};{sorted(ls.headers)}"


# --- the HTTP client ---------------------------------------------------------------


class HostPools:
    """What the checker needs of its transport (made by ``_host_pools``,
    where httpx is imported): one connection pool per host."""

    def as_transport(self) -> httpx.AsyncBaseTransport:
        raise NotImplementedError  # pragma: no cover

    async def release(self, host: str) -> None:
        """Close a host's connections once nothing more is queued for it."""
        raise NotImplementedError  # pragma: no cover


def _host_pools(pins: dict[str, list[str]], ls: LinkSettings) -> HostPools:
    """An httpx transport with one small connection pool per host, each
    connecting only to the address pinned for its host.

    One pool per host rather than one shared pool: httpcore's pool rescans
    every connection for every request (and drops idle connections once the
    pool holds more than its keep-alive limit), which made a shared pool over
    many hosts open a new connection for almost every request.
    """
    import httpcore  # lazy: start-up time
    import httpx  # lazy: start-up time

    class PinnedBackend(httpcore.AsyncNetworkBackend):
        def __init__(self) -> None:
            self._inner = httpcore.AnyIOBackend()

        async def connect_tcp(self, host: str, port: int, timeout: Optional[float] = None,
                              local_address: Optional[str] = None,
                              socket_options: Optional[Iterable[Any]] = None) -> httpcore.AsyncNetworkStream:
            addresses = pins.get(host.lower().strip("[]"))
            if not addresses:
                raise httpcore.ConnectError(f"{host} was not checked before connecting")
            for i, address in enumerate(addresses):  # every one of them was checked
                try:
                    return await self._inner.connect_tcp(
                        address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                    )
                except (httpcore.ConnectError, httpcore.ConnectTimeout):
                    if i == len(addresses) - 1:
                        raise
            raise httpcore.ConnectError(f"{host}: no address")  # pragma: no cover - the loop returns or raises

        async def connect_unix_socket(self, path: str, timeout: Optional[float] = None,
                                      socket_options: Optional[Iterable[Any]] = None
                                      ) -> httpcore.AsyncNetworkStream:  # pragma: no cover
            raise httpcore.ConnectError("Unix sockets are never used")

        async def sleep(self, seconds: float) -> None:
            await self._inner.sleep(seconds)

    backend = PinnedBackend()
    ssl_contexts: list[Any] = []  # built once, when the first pool needs it (loading CA roots is slow)

    class Pools(httpx.AsyncBaseTransport, HostPools):
        def __init__(self) -> None:
            self.pools: dict[str, httpx.AsyncHTTPTransport] = {}

        def as_transport(self) -> httpx.AsyncBaseTransport:
            return self

        def _pool(self, host: str) -> httpx.AsyncHTTPTransport:
            transport = self.pools.get(host)
            if transport is None:
                if not ssl_contexts:
                    ssl_contexts.append(httpx.create_ssl_context())
                transport = httpx.AsyncHTTPTransport(verify=ssl_contexts[0], trust_env=False)
                if not hasattr(transport, "_pool"):  # pragma: no cover - fail closed if httpx changes shape
                    raise RuntimeError("httpx transport has no connection pool to pin addresses on")
                transport._pool = httpcore.AsyncConnectionPool(
                    ssl_context=ssl_contexts[0], max_connections=ls.per_host,
                    max_keepalive_connections=ls.per_host, keepalive_expiry=5.0, network_backend=backend,
                )
                self.pools[host] = transport
            return transport

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            host = request.url.raw_host.decode("ascii").lower()
            return await self._pool(host).handle_async_request(request)

        async def release(self, host: str) -> None:
            """Close a host's connections once nothing more is queued for it."""
            transport = self.pools.pop(host, None)
            if transport is not None:
                await transport.aclose()

        async def aclose(self) -> None:
            pools, self.pools = list(self.pools.values()), {}
            for transport in pools:
                await transport.aclose()

    return Pools()


class OutOfTime(Exception):
    """The URL's own deadline (``url-deadline``) passed."""


class _Budget:
    """What one URL may still spend across its DNS lookup, attempts, redirect
    hops and waits between retries. Waiting for a free connection slot is not
    counted: that is the run's concurrency limit, not the server's slowness."""

    def __init__(self, seconds: float):
        self.total = self.left = seconds

    async def spend(self, awaitable: Awaitable[T], cap: Optional[float] = None) -> T:
        limit = self.left if cap is None else min(cap, self.left)
        if limit <= 0:
            if asyncio.iscoroutine(awaitable):
                awaitable.close()
            raise OutOfTime()
        start = time.monotonic()
        try:
            return await _within(awaitable, limit)
        except asyncio.TimeoutError:
            if limit == self.left:
                raise OutOfTime() from None
            raise
        finally:
            self.left -= time.monotonic() - start

    def error(self, attempts: int = 0) -> tuple[str, str]:
        tries = f" ({attempts} attempts)" if attempts > 1 else ""
        return "deadline", f"no answer within the {self.total:g} s allowed per URL, `links.url-deadline`{tries}"


class _TooLarge(Exception):
    pass


Attempt = Callable[[Outcome, str, str], Awaitable[Answer]]


class Checker:
    """Checks URLs concurrently: ``concurrency`` requests at once overall,
    ``per_host`` per host; HEAD first, GET (headers only) when HEAD is refused.
    Each URL has ``url_deadline`` seconds in all, the whole run ``network_deadline``."""

    def __init__(self, ls: LinkSettings, policy: AddressPolicy, *, resolver: Optional[Resolver] = None,
                 env: Optional[Mapping[str, str]] = None, on_result: Optional[Callable[[Outcome], None]] = None) -> None:
        self.ls = ls
        self.policy = policy
        self.resolver = resolver or system_resolver
        self.env: Mapping[str, str] = os.environ if env is None else env
        self.on_result = on_result
        self.pins: dict[str, list[str]] = {}
        self._resolving: dict[str, asyncio.Future[list[str]]] = {}
        self._host_limits: dict[str, asyncio.Semaphore] = {}
        self._global = asyncio.Semaphore(ls.concurrency)  # made again in each session's own loop
        self._pending: dict[str, int] = {}
        self.messages: list[str] = []

    @asynccontextmanager
    async def _session(self, accept: str) -> AsyncIterator[None]:
        import httpx  # lazy: start-up time

        self._global = asyncio.Semaphore(self.ls.concurrency)
        timeout = httpx.Timeout(self.ls.timeout, connect=self.ls.connect_timeout, pool=None)
        self.transport: HostPools = _host_pools(self.pins, self.ls)
        async with httpx.AsyncClient(
            transport=self.transport.as_transport(), timeout=timeout, follow_redirects=False,
            trust_env=False, headers={"User-Agent": self.ls.user_agent, "Accept": accept},
        ) as client:
            self.client: httpx.AsyncClient = client
            yield

    async def run(self, urls: Iterable[str]) -> dict[str, Outcome]:
        urls = list(urls)
        if not urls:
            return {}
        async with self._session("image/*,*/*;q=0.8"):
            tasks = {asyncio.ensure_future(self._check_reporting(u)): u for u in urls}
            _, pending = await asyncio.wait(tasks, timeout=self.ls.network_deadline)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending)
        outcomes: dict[str, Outcome] = {}
        for task, url in tasks.items():
            if task.cancelled():
                outcome = outcomes[url] = Outcome(url, error="unchecked", detail=(
                    f"the network phase stopped after {self.ls.network_deadline:g} s, `links.network-deadline`"))
                outcome.checked_at = time.time()
                if self.on_result is not None:
                    self.on_result(outcome)
            else:
                outcomes[url] = task.result()
        return outcomes

    async def _check_reporting(self, url: str) -> Outcome:
        try:
            outcome = await self.check(url)
        except Exception as exc:  # a bug here must not lose the other results
            outcome = Outcome(url, error="connect", detail=f"{type(exc).__name__}: {exc}")
        outcome.checked_at = time.time()
        if self.on_result is not None:
            self.on_result(outcome)
        return outcome

    async def _resolve(self, host: str, port: int) -> tuple[Optional[str], Optional[str]]:
        """(address to connect to, None) or (None, why refused). Raises DnsError."""
        key = host.lower().strip("[]")
        refusal = self.policy.static_refusal(key)
        if refusal:
            return None, f"`{host}` is {refusal}"
        literal = ip_literal(key)
        if literal is not None:
            self.pins[key] = [str(literal)]
            return str(literal), None
        lookup = self._resolving.get(key)
        if lookup is None:
            # A task of its own: a URL that stops waiting (its deadline) must
            # not cancel the lookup other URLs of the host are waiting for.
            lookup = self._resolving[key] = asyncio.ensure_future(self.resolver(key, port))
            lookup.add_done_callback(lambda t: t.cancelled() or t.exception())  # retrieved even if nobody waits
        addresses = await asyncio.shield(lookup)
        if not addresses:
            raise DnsError("no addresses")
        for address in addresses:
            ip = ip_literal(address)
            if ip is None:
                raise DnsError(f"resolver returned `{address}`")
            why = self.policy.refusal(key, ip)
            if why:
                return None, f"`{host}` resolves to `{address}`, {why}"
        self.pins[key] = addresses
        return addresses[0], None

    def _headers_for(self, host: str) -> dict[str, str]:
        wanted = self.ls.headers.get(host) or {}
        headers: dict[str, str] = {}
        for name, variable in wanted.items():
            value = self.env.get(variable)
            if value is None:
                message = f"environment variable `{variable}` for the `{name}` header of `{host}` is not set; not sent"
                if message not in self.messages:
                    self.messages.append(message)
                continue
            headers[name] = value
        return headers

    async def check(self, url: str) -> Outcome:
        return await self._follow(url, self._head_or_get)

    async def fetch(self, url: str, limit: int) -> tuple[Outcome, Optional[bytes]]:
        """GET ``url`` and read its body (at most ``limit`` bytes), through the
        same address rules, pinning, redirect checks and deadline as ``check``."""
        body: list[bytes] = []

        async def get(outcome: Outcome, current: str, host: str) -> Answer:
            outcome.attempts += 1
            body.clear()
            # identity: a compressed body could expand far past the limit in one chunk
            extra = {**self._headers_for(host), "Accept-Encoding": "identity"}
            response = await self.client.send(self.client.build_request("GET", current, headers=extra), stream=True)
            try:
                if response.status_code == 200:
                    size = 0
                    async for chunk in response.aiter_raw():
                        size += len(chunk)
                        if size > limit:
                            raise _TooLarge(f"larger than {limit:,} bytes")
                        body.append(chunk)
                return response.status_code, dict(response.headers)
            finally:
                await response.aclose()

        async with self._session("application/schema+json, application/json;q=0.9, */*;q=0.1"):
            outcome = await self._follow(url, get)
        return outcome, (b"".join(body) if outcome.ok else None)

    async def _follow(self, url: str, attempt: Attempt) -> Outcome:
        import httpx  # lazy: start-up time

        outcome = Outcome(url)
        budget = _Budget(self.ls.url_deadline)
        current = url
        leading_permanent = True
        for hop in range(self.ls.max_redirects + 1):
            try:
                parsed = httpx.URL(current)
                host = parsed.raw_host.decode("ascii")
            except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
                outcome.error, outcome.detail = ("invalid" if hop == 0 else "bad-redirect"), str(exc)
                return outcome
            if parsed.scheme not in FETCHABLE_SCHEMES or not host:
                outcome.error, outcome.detail = "bad-redirect", f"redirects to `{current}`"
                return outcome
            port = parsed.port or (443 if parsed.scheme == "https" else 80)
            try:
                _, refusal = await budget.spend(self._resolve(host, port))
            except DnsError as exc:
                outcome.error, outcome.detail = "dns", f"`{host}` could not be resolved ({exc})"
                return outcome
            except OutOfTime:
                outcome.error, outcome.detail = budget.error()
                return outcome
            if refusal:
                outcome.refused = refusal if hop == 0 else f"it redirects to `{current}`, where {refusal}"
                return outcome
            outcome.attempts = 0  # counted for the hop that gives the final answer
            response = await self._request(outcome, current, host, attempt, budget)
            if response is None:
                return outcome
            status, headers = response
            location = headers.get("location")
            if status in REDIRECTS and location:
                nxt = urljoin(current, location.strip())
                if status in PERMANENT and leading_permanent:
                    outcome.permanent, outcome.permanent_status = nxt, status
                else:
                    leading_permanent = False
                current = nxt
                continue
            outcome.status = status
            outcome.reason = _reason(status)
            outcome.content_type = headers.get("content-type")
            outcome.final_url = current
            return outcome
        outcome.error, outcome.detail = "redirects", f"more than {self.ls.max_redirects} redirects"
        return outcome

    async def _request(self, outcome: Outcome, url: str, host: str, attempt: Attempt,
                       budget: _Budget) -> Optional[Answer]:
        """One hop, retried on timeouts, 429 and 5xx. None when it failed (outcome says why)."""
        key = host.lower()
        self._pending[key] = self._pending.get(key, 0) + 1
        try:
            return await self._request_with_retries(outcome, url, host, attempt, budget)
        finally:
            self._pending[key] -= 1
            if not self._pending[key]:
                del self._pending[key]
                await self.transport.release(key)

    async def _request_with_retries(self, outcome: Outcome, url: str, host: str, attempt: Attempt,
                                    budget: _Budget) -> Optional[Answer]:
        ls = self.ls
        for tried in range(ls.retries + 1):
            status = 0
            headers: dict[str, str] = {}
            error: Optional[tuple[str, str]] = None
            limit = self._host_limits.setdefault(host, asyncio.Semaphore(ls.per_host))
            async with limit, self._global:
                try:
                    status, headers = await budget.spend(attempt(outcome, url, host), ls.timeout)
                except OutOfTime:
                    error = budget.error(outcome.attempts)
                except asyncio.TimeoutError:
                    error = ("timeout", f"no answer within {ls.timeout:g} s")
                except _TooLarge as exc:
                    error = ("too-large", str(exc))
                except Exception as exc:
                    error = _classify_error(exc, ls)
            retry_after = None
            if error is not None:
                retryable = error[0] in ("timeout", "protocol")
            else:
                retryable = status == 429 or 500 <= status < 600
                if retryable and status in (429, 503) and "retry-after" in headers:
                    retry_after = _retry_after(headers["retry-after"])
            if retryable and tried < ls.retries:
                if retry_after is not None:
                    delay = retry_after if retry_after <= ls.max_retry_after else None  # longer: report it
                else:
                    delay = ls.retry_backoff * (2 ** tried) + random.uniform(0, ls.retry_backoff)
                if delay is not None and delay < budget.left:
                    budget.left -= delay
                    await asyncio.sleep(delay)
                    continue
                if error is not None and error[0] == "timeout" and delay is not None:
                    error = budget.error(outcome.attempts)  # the deadline, not the server, ended the retries
            if error is not None:
                outcome.error, outcome.detail = error
                return None
            return status, headers
        return None  # pragma: no cover

    async def _head_or_get(self, outcome: Outcome, url: str, host: str) -> Answer:
        extra = self._headers_for(host)
        outcome.attempts += 1
        response = await self.client.head(url, headers=extra)
        if response.status_code not in HEAD_REFUSED:
            return response.status_code, dict(response.headers)
        outcome.attempts += 1
        request = self.client.build_request("GET", url, headers=extra)
        response = await self.client.send(request, stream=True)
        try:
            return response.status_code, dict(response.headers)
        finally:
            await response.aclose()  # headers are enough; the body is never read


async def _within(coro: Awaitable[T], seconds: float) -> T:
    if hasattr(asyncio, "timeout"):  # 3.11+: no extra task per request, unlike wait_for
        async with asyncio.timeout(seconds):
            return await coro
    return await asyncio.wait_for(coro, seconds)  # pragma: no cover - 3.10


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _retry_after(value: str) -> Optional[float]:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _classify_error(exc: BaseException, ls: LinkSettings) -> tuple[str, str]:
    import ssl

    import httpx  # lazy: start-up time

    chain: list[BaseException] = []
    cur: Optional[BaseException] = exc
    while cur is not None and len(chain) < 8:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    if isinstance(exc, httpx.TimeoutException):
        if isinstance(exc, httpx.ConnectTimeout):
            return "timeout", f"connect timed out after {ls.connect_timeout:g} s"
        return "timeout", f"timed out after {ls.timeout:g} s"
    tls = next((e for e in chain if isinstance(e, ssl.SSLError)), None)
    if tls is not None:
        return "tls", re.sub(r"\s*\(_ssl\.c:\d+\)", "", str(tls))
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return "refused", "connection refused"
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)):
        return "protocol", str(exc) or type(exc).__name__
    return "connect", str(exc) or type(exc).__name__


# --- running it -------------------------------------------------------------------


def _run_async(coro_factory: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine from synchronous code, also when an event loop is already running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro_factory())
    values: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            values.append(asyncio.run(coro_factory()))
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return values[0]


class Stats:
    def __init__(self) -> None:
        self.total = self.requested = self.cached = self.ok = self.broken = 0

    def add(self, outcome: Outcome) -> None:
        if outcome.cached:
            self.cached += 1
        if outcome.ok:
            self.ok += 1
        else:
            self.broken += 1

    def summary(self) -> str:
        return (f"URLs: {self.total} checked ({self.cached} from cache), {self.ok} ok, "
                f"{self.broken} broken or refused, {self.requested} requested")


def check_urls(urls: Iterable[str], ls: LinkSettings, *, root: Optional[Path] = None, use_cache: bool = True,
               resolver: Optional[Resolver] = None, progress: Optional[bool] = None,
               messages: Optional[list[str]] = None) -> tuple[dict[str, Outcome], Stats]:
    """Outcomes for ``urls`` (absolute http(s) URLs), from the cache when fresh."""
    policy = address_policy(ls)
    urls = sorted(set(urls))
    stats = Stats()
    stats.total = len(urls)
    cache = None
    if use_cache and root is not None:
        cache = UrlCache(cache_path(root), fingerprint(ls, policy), ls.cache_max_age, ls.cache_failure_max_age).load()
    results: dict[str, Outcome] = {}
    todo = []
    for url in urls:
        hit = cache.get(url) if cache is not None else None
        if hit is not None:
            results[url] = hit
            stats.add(hit)
        else:
            todo.append(url)
    stats.requested = len(todo)
    if todo:
        show = progress if progress is not None else (sys.stderr.isatty() and len(todo) > 8)
        bar = _Progress(len(urls), stats) if show else None
        on_result = stats.add if bar is None else bar.update
        checker = Checker(ls, policy, resolver=resolver, on_result=on_result)
        try:
            if bar is not None:
                bar.start()
            ordered = _interleave_hosts(todo)
            fresh = _run_async(lambda: checker.run(ordered))
        finally:
            if bar is not None:
                bar.stop()
        results.update(fresh)
        if messages is not None:
            messages.extend(checker.messages)
        if cache is not None:
            cache.put(o for o in fresh.values() if o.error != "unchecked")  # not a result: ask again next run
            try:
                cache.save()
            except OSError as exc:
                if messages is not None:
                    messages.append(f"could not write the URL cache: {exc.strerror or exc}")
    return results, stats


class FetchError(Exception):
    """Why a document was not fetched (refused, unreachable, too large, not 200)."""


def fetch_document(url: str, ls: LinkSettings, *, limit: int, resolver: Optional[Resolver] = None) -> bytes:
    """The body of ``url``, requested exactly as URL checks are: the address
    rules and allow-lists, the checked and pinned address, every redirect hop
    checked, ``url-deadline``; at most ``limit`` bytes. Raises FetchError."""
    checker = Checker(ls, address_policy(ls), resolver=resolver)
    outcome, body = _run_async(lambda: checker.fetch(url, limit))
    if outcome.refused:
        raise FetchError(f"was not requested: {outcome.refused} (see `links.allow-hosts`, `links.allow-private`)")
    if outcome.error:
        raise FetchError(f"could not be fetched: {outcome.detail or outcome.error}")
    if body is None:
        reason = f" {outcome.reason}" if outcome.reason else ""
        raise FetchError(f"could not be fetched: HTTP {outcome.status}{reason}")
    return body


def _interleave_hosts(urls: list[str]) -> list[str]:
    """Round-robin over hosts, so the global limit is shared by every host from
    the start instead of filling up with one host's queue at a time."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(host_of(url) or "", []).append(url)
    queues = list(by_host.values())
    out: list[str] = []
    for i in range(max((len(q) for q in queues), default=0)):
        out.extend(q[i] for q in queues if i < len(q))
    return out


class _Progress:
    def __init__(self, total: int, stats: Stats) -> None:
        from rich.console import Console  # lazy: start-up time
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.stats = stats
        self.progress = Progress(
            TextColumn("[bold]Checking URLs"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
            TimeElapsedColumn(), console=Console(stderr=True), transient=True,
        )
        self.task = self.progress.add_task(self._text(), total=total, completed=stats.cached)

    def _text(self) -> str:
        s = self.stats
        return f"ok {s.ok} · broken {s.broken} · cached {s.cached}"

    def start(self) -> None:
        self.progress.start()

    def stop(self) -> None:
        self.progress.stop()

    def update(self, outcome: Outcome) -> None:
        self.stats.add(outcome)
        self.progress.update(self.task, advance=1, description=self._text())
