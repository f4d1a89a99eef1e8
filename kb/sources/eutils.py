"""NCBI E-utilities: search PubMed (esearch) and fetch records as PubMed XML (efetch).

Spec: https://www.ncbi.nlm.nih.gov/books/NBK25499/ ; usage policy (``tool``, ``email``,
at most 3 requests/s, 10 with an ``api_key``): https://www.ncbi.nlm.nih.gov/books/NBK25497/
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator

from extract.readers import ReaderError
from extract.readers.pubmed_xml import iter_pubmed_xml_safe
from extract.records import Document
from kb.sources.http import BadContent, HttpClient, HttpResponse, SourceError

__all__ = ["EutilsClient", "DEFAULT_EUTILS_URL", "ESEARCH_LIMIT", "normalize_pmid"]

DEFAULT_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
#: esearch cannot page past the first 10,000 ids of a PubMed query.
ESEARCH_LIMIT = 10_000
#: NCBI asks for POST when more than about 200 ids are sent.
POST_OVER = 200
_PMID = re.compile(r"^\d{1,9}$")


def normalize_pmid(value: str | int) -> str:
    """``"PMID: 30410720"`` -> ``"30410720"``; raise ValueError (saying what a PMID looks like) otherwise."""
    text = str(value).strip()
    text = re.sub(r"^(?:pmid|pubmed)\s*:?\s*", "", text, flags=re.I)
    if not _PMID.match(text):
        raise ValueError(f"{value!r} is not a PMID; give the digits only, e.g. 30410720")
    return text.lstrip("0") or "0"


class EutilsClient:
    """esearch and efetch against PubMed, through the shared :class:`HttpClient`.

    The host's rate limit is set here: 3 requests/s, or 10 with an ``api_key``.
    """

    def __init__(self, http: HttpClient, base_url: str = DEFAULT_EUTILS_URL, tool: str = "evidencekb",
                 email: str | None = None, api_key: str | None = None, *, page_size: int = 500,
                 post_over: int = POST_OVER):
        self.http = http
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.tool = tool
        self.email = email
        self.api_key = api_key
        self.page_size = page_size
        self.post_over = post_over
        http.set_rate_limit(self.base_url, 10 if api_key else 3)

    def _identity(self) -> list[tuple[str, str | None]]:
        return [("tool", self.tool), ("email", self.email), ("api_key", self.api_key)]

    # -- esearch -----------------------------------------------------------------------------
    def esearch(self, term: str, max_results: int = 200) -> list[str]:
        """The first ``max_results`` PMIDs matching a PubMed query, paging with retstart/retmax."""
        if not term or not term.strip():
            raise ValueError("the PubMed query is empty; give a search term, e.g. \"temsirolimus AND sarcoma\"")
        if max_results > ESEARCH_LIMIT:
            raise ValueError(
                f"PubMed search returns at most the first {ESEARCH_LIMIT:,} ids of a query, not {max_results:,}; "
                "narrow it (e.g. add 2020:2024[dp]) or read the annual baseline XML files"
            )
        url = self.base_url + "esearch.fcgi"
        ids: list[str] = []
        seen: set[str] = set()
        retstart = 0
        while len(ids) < max_results:
            retmax = min(self.page_size, max_results - len(ids))
            params = [("db", "pubmed"), ("term", term), ("retstart", retstart), ("retmax", retmax),
                      ("retmode", "json"), *self._identity()]
            response = self.http.get(url, params=params, expect="json")
            result = _esearch_result(response)
            page = [str(i) for i in result.get("idlist", [])]
            count = int(result.get("count", 0))
            for pmid in page:
                if pmid not in seen:
                    seen.add(pmid)
                    ids.append(pmid)
            retstart += len(page)
            if not page or retstart >= count:
                break
        return ids[:max_results]

    # -- efetch ------------------------------------------------------------------------------
    def _fetch_batch(self, batch: list[str]) -> HttpResponse:
        url = self.base_url + "efetch.fcgi"
        params = [("db", "pubmed"), ("id", ",".join(batch)), ("retmode", "xml"), *self._identity()]
        if len(batch) > self.post_over:
            response = self.http.post(url, data=params, expect="xml")
        else:
            response = self.http.get(url, params=params, expect="xml")
        self.http.remember([f"pubmed:{p}" for p in batch], response)
        return response

    def _plan(self, pmids: list[str], batch_size: int) -> Iterator[tuple[list[str], HttpResponse | None]]:
        """Group PMIDs: those inside a cached response first (one group per response), then new batches."""
        cached: dict[str, tuple[list[str], HttpResponse]] = {}
        missing: list[str] = []
        for pmid in pmids:
            hit = self.http.recall(f"pubmed:{pmid}")
            if hit is None:
                missing.append(pmid)
            else:
                cached.setdefault(hit.cache_key, ([], hit))[0].append(pmid)
        for group, hit in cached.values():
            yield group, hit
        for start in range(0, len(missing), batch_size):
            yield missing[start:start + batch_size], None

    def efetch(self, pmids: Iterable[str], batch_size: int = 200) -> Iterator[bytes]:
        """PubMed XML bodies for these PMIDs, in batches (POST above ``post_over`` ids).

        A body served from the cache may hold other records fetched in the same batch.
        """
        wanted = _dedupe(normalize_pmid(p) for p in pmids)
        for batch, hit in self._plan(wanted, max(1, batch_size)):
            yield (hit or self._fetch_batch(batch)).body

    def fetch_documents(self, pmids: Iterable[str], batch_size: int = 200) -> Iterator[Document | ReaderError]:
        """A Document per PMID, or a ReaderError naming the PMID (bad record, error page, not returned).

        HTTP failures that outlast the retries raise SourceError: nothing of that batch is yielded.
        """
        wanted = _dedupe(normalize_pmid(p) for p in pmids)
        url = self.base_url + "efetch.fcgi"
        done: set[str] = set()
        for batch, hit in self._plan(wanted, max(1, batch_size)):
            try:
                response = hit or self._fetch_batch(batch)
            except BadContent as exc:
                for pmid in batch:
                    done.add(pmid)
                    yield ReaderError(url, f"skipped: {exc}", record=pmid)
                continue
            asked = set(batch)
            for item in iter_pubmed_xml_safe(io.BytesIO(response.body), name=f"{url} (batch of {len(batch)})",
                                              origin="eutils"):
                if isinstance(item, ReaderError):
                    if item.record is None:  # the body itself is broken (truncated): fetch it afresh next time
                        self.http.forget(response)
                    else:
                        if item.record not in asked or item.record in done:
                            continue
                        done.add(item.record)
                    yield item
                elif item.id in asked and item.id not in done:
                    done.add(item.id)
                    yield item
            for pmid in batch:
                if pmid not in done:
                    done.add(pmid)
                    yield ReaderError(url, "PubMed returned no record for this PMID; check that it exists",
                                      record=pmid)


def _esearch_result(response: HttpResponse) -> dict:
    data = response.json()
    if not isinstance(data, dict):
        raise SourceError(f"{response.url} returned unexpected JSON (not an object); check KB_EUTILS_URL",
                          url=response.url, status=response.status)
    if "error" in data:
        raise SourceError(f"{response.url}: E-utilities error {data['error']!r}; fix the query or slow down",
                          url=response.url, status=response.status)
    result = data.get("esearchresult")
    if not isinstance(result, dict):
        raise SourceError(f"{response.url} returned JSON without 'esearchresult'; check KB_EUTILS_URL",
                          url=response.url, status=response.status)
    if "ERROR" in result:
        raise SourceError(f"{response.url}: PubMed search error {result['ERROR']!r}; fix the query",
                          url=response.url, status=response.status)
    return result


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
