"""The one HTTP client every remote source uses: timeouts, retries, per-host rate limits, a cache.

- Timeouts are ``(connect, read)`` seconds on every request.
- 429, 5xx and connection errors are retried with exponential backoff and jitter; a
  ``Retry-After`` header (seconds or an HTTP date) is honoured, up to ``max_retry_after``.
- Each host has a token bucket (NCBI asks for at most 3 requests/s, 10 with an api_key).
- Every good response is kept in the SQLite cache (:class:`~kb.sources.cache.HttpCache`);
  a cached request is never sent again, and ``offline=True`` serves from the cache alone.
- Credentials (``api_key``) never reach the cache, its keys or an error message.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests

from kb.errors import SourceError as KbSourceError
from kb.sources.cache import HttpCache, utc_now

__all__ = [
    "HttpClient",
    "HttpResponse",
    "TokenBucket",
    "SourceError",
    "OfflineMiss",
    "BadContent",
    "RETRY_STATUSES",
]

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Request parameters that identify the caller, not the resource: left out of cache keys and messages.
UNCACHED_PARAMS = frozenset({"api_key", "tool", "email"})
USER_AGENT = "evidencekb/0.1 (literature evidence knowledge base; python-requests)"
_SECRET = re.compile(r"(api_key=)[^&\s'\"]+")

Params = Mapping[str, Any] | Iterable[tuple[str, Any]]


class SourceError(KbSourceError):
    """A remote source could not give what was asked; the message names the URL, the status and what to do."""

    def __init__(self, message: str, *, url: str = "", status: int | None = None):
        self.url = url
        self.status = status
        super().__init__(message)


class OfflineMiss(SourceError):
    """Offline mode is on and the response is not in the cache."""


class BadContent(SourceError):
    """The server answered, but not with the content asked for (an HTML error page instead of XML)."""


@dataclass(frozen=True)
class HttpResponse:
    """A response body with what provenance needs: canonical URL, status, type, fetch time, cache origin."""

    url: str
    status: int
    content_type: str
    body: bytes
    fetched_at: str
    from_cache: bool = False
    cache_key: str = ""

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.body)


class TokenBucket:
    """At most ``rate`` requests per second, in bursts of at most ``capacity``; thread-safe.

    With ``capacity=1`` consecutive requests are at least ``1/rate`` s apart, so no one-second
    window holds more than ``rate`` requests (what NCBI's usage policy asks).
    """

    def __init__(self, rate: float, capacity: float = 1.0, *,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        if rate <= 0:
            raise ValueError(f"rate must be > 0 requests/s, got {rate}")
        self.rate = rate
        self.capacity = max(1.0, capacity)
        self.tokens = self.capacity
        self._clock = clock
        self._sleep = sleep
        self._updated = clock()
        self._lock = threading.Lock()

    def _refill(self) -> None:
        now = self._clock()
        self.tokens = min(self.capacity, self.tokens + (now - self._updated) * self.rate)
        self._updated = now

    def acquire(self) -> float:
        """Take one token, sleeping until one is available; return the seconds waited."""
        waited = 0.0
        with self._lock:
            self._refill()
            if self.tokens < 1.0:
                waited = (1.0 - self.tokens) / self.rate
                self._sleep(waited)
                self._refill()
                # the full wait has passed; a shortfall is float rounding, and looping on it could spin forever
                self.tokens = max(self.tokens, 1.0)
            self.tokens -= 1.0
        return waited


def _pairs(params: Params | None) -> list[tuple[str, str]]:
    items = params.items() if isinstance(params, Mapping) else params or []
    return [(str(k), str(v)) for k, v in items if v is not None]


def _public(pairs: list[tuple[str, str]]) -> str:
    """Sorted, url-encoded parameters without caller identity: what the cache keys on and messages show."""
    return urlencode(sorted((k, v) for k, v in pairs if k not in UNCACHED_PARAMS))


def _redact(text: str) -> str:
    """Hide an api_key that a requests exception message quotes from the URL."""
    return _SECRET.sub(r"\1***", text)


def _snippet(body: bytes, content_type: str) -> str:
    text = body[:2000].decode("utf-8", errors="replace")
    if "html" in content_type or text.lstrip().lower().startswith(("<!doctype html", "<html")):
        m = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
        text = m.group(1) if m else re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.split())[:160]


def looks_like_html(body: bytes, content_type: str = "") -> bool:
    """True for an HTML page (an error page from a server or proxy)."""
    start = body[:300].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "html" in content_type.lower() or start.startswith((b"<!doctype html", b"<html"))


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class HttpClient:
    """One requests.Session shared by the E-utilities, Europe PMC and ClinicalTrials.gov clients.

    ``backoff`` is the first retry delay in seconds (doubled each retry, with jitter, capped by
    ``max_backoff``); tests pass tiny values. ``retries`` is the number of retries after the first try.
    """

    def __init__(
        self,
        *,
        cache: HttpCache | None = None,
        offline: bool = False,
        timeout: tuple[float, float] = (10.0, 60.0),
        retries: int = 4,
        backoff: float = 1.0,
        max_backoff: float = 30.0,
        max_retry_after: float = 120.0,
        session: requests.Session | None = None,
        user_agent: str = USER_AGENT,
    ):
        if offline and cache is None:
            raise ValueError("offline mode needs a cache to serve from; pass cache=HttpCache(db)")
        self.cache = cache
        self.offline = offline
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_retry_after = max_retry_after
        self.session = session or requests.Session()
        self.session.headers.setdefault("User-Agent", user_agent)
        self._limits: dict[str, TokenBucket] = {}
        self._random = random.Random()
        #: Network requests actually sent (cache hits excluded); handy for "a re-run fetches nothing".
        self.requests_sent = 0

    # -- rate limits -------------------------------------------------------------------------
    def set_rate_limit(self, url_or_host: str, per_second: float) -> None:
        """Allow at most ``per_second`` requests/s to this host (``host[:port]`` or any URL on it)."""
        host = urlsplit(url_or_host).netloc or url_or_host
        current = self._limits.get(host)
        if current is None or current.rate != per_second:  # a second client on the host keeps its bucket
            self._limits[host] = TokenBucket(per_second)

    def rate_limit(self, url: str) -> float | None:
        """Requests/s allowed to the host of ``url`` (None: no limit)."""
        bucket = self._limits.get(urlsplit(url).netloc)
        return bucket.rate if bucket else None

    # -- requests ----------------------------------------------------------------------------
    def get(self, url: str, *, params: Params | None = None, expect: str | None = None,
            allow_status: Iterable[int] = ()) -> HttpResponse:
        """GET ``url`` (from the cache when there); see :meth:`request`."""
        return self.request("GET", url, params=params, expect=expect, allow_status=allow_status)

    def post(self, url: str, *, data: Params, expect: str | None = None,
             allow_status: Iterable[int] = ()) -> HttpResponse:
        """POST form ``data`` to ``url`` (cached by a hash of the body without credentials)."""
        return self.request("POST", url, data=data, expect=expect, allow_status=allow_status)

    def request(self, method: str, url: str, *, params: Params | None = None, data: Params | None = None,
                expect: str | None = None, allow_status: Iterable[int] = ()) -> HttpResponse:
        """Send one request with retries, or serve it from the cache.

        ``expect`` is ``"xml"``, ``"json"`` or None: a body of another kind raises BadContent
        and is not cached. Statuses in ``allow_status`` (such as 404) are returned and cached
        instead of raising SourceError.
        """
        method = method.upper()
        allowed = frozenset(allow_status)
        query = _pairs(params)
        public_query = _public(query)
        display_url = f"{url}?{public_query}" if public_query else url
        body: bytes | None = None
        cache_body: bytes | None = None
        if data is not None:
            form = _pairs(data)
            body = urlencode(form).encode()
            cache_body = _public(form).encode()
        if self.cache is not None:
            hit = self.cache.get(method, display_url, cache_body)
            if hit is not None:
                return HttpResponse(hit.url, hit.status, hit.content_type, hit.body, hit.fetched_at, True, hit.key)
        if self.offline:
            raise OfflineMiss(
                f"{method} {display_url} is not in the cache and offline mode is on; run once without "
                "--offline (or unset KB_OFFLINE) to fetch it", url=display_url,
            )
        response = self._send(method, url, display_url, query, body, allowed)
        content_type = response.headers.get("Content-Type", "")
        content = response.content
        if response.status_code not in allowed:
            self._check_content(display_url, response.status_code, content_type, content, expect)
        fetched_at = utc_now()
        key = ""
        if self.cache is not None:
            key = self.cache.put(method, display_url, cache_body, status=response.status_code,
                                 content_type=content_type, content=content, fetched_at=fetched_at).key
        return HttpResponse(display_url, response.status_code, content_type, content, fetched_at, False, key)

    # -- items inside batch responses ------------------------------------------------------
    def remember(self, items: list[str], response: HttpResponse) -> None:
        """Note that ``response`` (already cached) holds these items, e.g. ``pubmed:<PMID>``."""
        if self.cache is not None and response.cache_key:
            self.cache.link(items, response.cache_key)

    def forget(self, response: HttpResponse) -> None:
        """Drop a cached response found unusable after the fact (a truncated XML body)."""
        if self.cache is not None and response.cache_key:
            self.cache.delete(response.cache_key)

    def recall(self, item: str) -> HttpResponse | None:
        """The cached response holding ``item``, or None (works offline)."""
        hit = self.cache.find(item) if self.cache is not None else None
        if hit is None:
            return None
        return HttpResponse(hit.url, hit.status, hit.content_type, hit.body, hit.fetched_at, True, hit.key)

    def _send(self, method: str, url: str, display_url: str, query: list[tuple[str, str]],
              body: bytes | None, allowed: frozenset[int]) -> requests.Response:
        attempts = self.retries + 1
        last_problem = ""
        last_status: int | None = None
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else None
        for attempt in range(1, attempts + 1):
            bucket = self._limits.get(urlsplit(url).netloc)
            if bucket is not None:
                bucket.acquire()
            self.requests_sent += 1
            retry_after: float | None = None
            try:
                response = self.session.request(method, url, params=query or None, data=body, headers=headers,
                                                timeout=self.timeout)
            except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
                last_problem = _redact(f"{type(exc).__name__}: {exc}")
                last_status = None
            except requests.RequestException as exc:  # a bad URL or request: retrying cannot help
                raise SourceError(
                    f"{method} {display_url} cannot be sent ({type(exc).__name__}: "
                    f"{_redact(str(exc))}); check the base URL setting", url=display_url,
                ) from exc
            else:
                status = response.status_code
                if 200 <= status < 300 or status in allowed:
                    return response
                snippet = _snippet(response.content, response.headers.get("Content-Type", ""))
                if status not in RETRY_STATUSES:
                    raise SourceError(
                        f"{method} {display_url} returned HTTP {status} ({snippet!r}); the request was refused — "
                        "check the identifier and the base URL setting", url=display_url, status=status,
                    )
                last_problem, last_status = f"HTTP {status} ({snippet!r})", status
                retry_after = retry_after_seconds(response.headers.get("Retry-After"))
            if attempt == attempts:
                break
            self._sleep_before_retry(attempt, retry_after)
        raise SourceError(
            f"{method} {display_url} failed after {attempts} attempts, last with {last_problem}; the service "
            "is down or overloaded — try again later (responses already fetched stay cached; --offline uses them)",
            url=display_url, status=last_status,
        )

    def _sleep_before_retry(self, attempt: int, retry_after: float | None) -> None:
        delay = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
        delay *= self._random.uniform(0.5, 1.0)  # jitter: clients retrying together spread out
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.max_retry_after))
        time.sleep(delay)

    @staticmethod
    def _check_content(url: str, status: int, content_type: str, content: bytes, expect: str | None) -> None:
        if expect is None:
            return
        if looks_like_html(content, content_type):
            raise BadContent(
                f"{url} returned an HTML page (HTTP {status}, {content_type or 'no content type'}: "
                f"{_snippet(content, 'html')!r}) where {expect.upper()} was expected; the service or a proxy "
                "sent an error page — try again later, or check the base URL setting", url=url, status=status,
            )
        if expect == "json":
            try:
                json.loads(content)
            except ValueError as exc:
                raise BadContent(
                    f"{url} returned a body that is not JSON (HTTP {status}, {content_type}): {exc}; "
                    "check the base URL setting", url=url, status=status,
                ) from exc
        elif expect == "xml" and not content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            raise BadContent(
                f"{url} returned a body that is not XML (HTTP {status}, {content_type}: "
                f"{_snippet(content, content_type)!r}); check the base URL setting", url=url, status=status,
            )

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
