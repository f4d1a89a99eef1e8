"""What ``kb add --pmid/--pubmed/--doi`` calls: PMIDs, a PubMed query and DOIs in, Documents out.

PMIDs (given, found by the query, or found for a DOI by Europe PMC) are fetched from PubMed in
batches; a record without an abstract gets Europe PMC's when it has one; a DOI that PubMed does
not know is read from Europe PMC alone. Everything goes through one cached, rate-limited
:class:`HttpClient`, so a re-run fetches nothing it already has and ``offline`` works from the cache.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

import sqlite_utils

from extract.readers import ReaderError
from extract.readers.pubmed_xml import assemble_text
from extract.records import Document
from kb.sources.cache import HttpCache
from kb.sources.ctgov import CtGovClient, TrialRecord, normalize_nct
from kb.sources.europepmc import EuropePmcClient, normalize_doi, normalize_pmcid
from kb.sources.eutils import EutilsClient, normalize_pmid
from kb.sources.http import HttpClient, SourceError
from kb.sources.settings import SourceSettings

__all__ = ["fetch_documents", "fetch_trials", "open_http", "with_abstract"]


def open_http(settings: SourceSettings, cache_db: sqlite_utils.Database, offline: bool = False) -> HttpClient:
    """The shared HTTP client for these settings, caching into ``cache_db``."""
    return HttpClient(
        cache=HttpCache(cache_db),
        offline=offline or settings.offline,
        timeout=(settings.connect_timeout, settings.http_timeout),
        retries=settings.retries,
        backoff=settings.backoff,
    )


def with_abstract(doc: Document, other: Document) -> Document:
    """``doc`` (title only) with ``other``'s abstract paragraphs; ``doc``'s metadata, gaps filled from ``other``."""
    paragraphs = [(None, s.label or "ABSTRACT", other.text[s.start:s.end]) for s in other.sections if s.label != "TITLE"]
    text, sections = assemble_text(doc.metadata.title or doc.text, paragraphs)
    meta = replace(doc.metadata, doi=doc.metadata.doi or other.metadata.doi,
                   pmcid=doc.metadata.pmcid or other.metadata.pmcid)
    return Document(id=doc.id, text=text, sections=sections, metadata=meta)


def _has_abstract(doc: Document) -> bool:
    return any(s.label != "TITLE" for s in doc.sections)


def fetch_documents(
    *,
    pmids: Iterable[str] = (),
    query: str | None = None,
    max_results: int = 200,
    dois: Iterable[str] = (),
    pmcids: Iterable[str] = (),
    full_text: bool = False,
    settings: SourceSettings,
    cache_db: sqlite_utils.Database,
    offline: bool = False,
) -> Iterator[Document | ReaderError]:
    """Documents for these PMIDs, the first ``max_results`` hits of ``query``, these DOIs, and the
    open-access full texts of these PubMed Central articles (from Europe PMC). ``full_text``: a
    PubMed record that has an open-access full text in PubMed Central is read as that full text
    (its PubMed id and metadata kept).

    Bad inputs raise ValueError before any request. A record that cannot be read, a PMID
    PubMed does not return and a DOI nobody knows each yield a ReaderError naming it; an HTTP
    failure that outlasts the retries raises SourceError (OfflineMiss when offline and not cached).
    """
    wanted = [normalize_pmid(p) for p in pmids]
    doi_list = [normalize_doi(d) for d in dois]
    pmc_list = list(dict.fromkeys(normalize_pmcid(p) for p in pmcids))
    http = open_http(settings, cache_db, offline)
    try:
        eutils = EutilsClient(http, settings.eutils_url, tool=settings.tool, email=settings.ncbi_email,
                              api_key=settings.ncbi_api_key)
        epmc = EuropePmcClient(http, settings.europepmc_url)
        if query:
            wanted.extend(eutils.esearch(query, max_results))
        yielded: set[str] = set()

        def once(doc: Document | None, key: str, missing: str) -> Document | ReaderError | None:
            """A paper Europe PMC gave, the first time only; or a ReaderError naming what it had none for."""
            if doc is None:
                return ReaderError(settings.europepmc_url, missing, record=key)
            if doc.id in yielded:
                return None
            yielded.add(doc.id)
            return doc

        for pmcid in pmc_list:  # (a full text first: the same paper's abstract is then not fetched again)
            item = once(epmc.full_text(pmcid), pmcid, "Europe PMC has no open-access full text for this article "
                        "(only open-access articles have one); add it by --pmid for its abstract")
            if item is not None:
                yield item
        wanted = [p for p in wanted if p not in yielded]
        for doi in doi_list:
            pmid = epmc.search_doi(doi)
            if pmid:
                wanted.append(pmid)
                continue
            item = once(epmc.abstract_for(doi), doi, "Europe PMC knows no paper with an abstract for this DOI, "
                        "and PubMed no PMID; check the DOI or add the article as a file")
            if item is not None:
                yield item
        for item in eutils.fetch_documents(dict.fromkeys(wanted)):
            if isinstance(item, Document):
                if item.id in yielded:
                    continue
                yielded.add(item.id)
                if full_text and item.metadata.pmcid:
                    item = _with_full_text(epmc, item)
                if not _has_abstract(item):
                    item = _fill_abstract(epmc, item)
            yield item
    finally:
        http.close()


def _with_full_text(epmc: EuropePmcClient, doc: Document) -> Document:
    """A PubMed record read as its open-access full text: the full text's title, abstract and body,
    the record's id and metadata (MeSH headings, publication types); the record as it was when
    Europe PMC has no full text or fails."""
    try:
        other = epmc.full_text(doc.metadata.pmcid)
    except (SourceError, ValueError):
        return doc
    if other is None or not _has_abstract(other):
        return doc
    meta = replace(doc.metadata, source="europepmc", doi=doc.metadata.doi or other.metadata.doi)
    return Document(id=doc.id, text=other.text, sections=other.sections, metadata=meta)


def _fill_abstract(epmc: EuropePmcClient, doc: Document) -> Document:
    """Europe PMC's abstract for a PubMed record that has none; the record as it was if that fails."""
    try:
        other = epmc.abstract_for(doc.id)
    except SourceError:
        return doc
    return with_abstract(doc, other) if other is not None and _has_abstract(other) else doc


def fetch_trials(
    nct_ids: Iterable[str], *, settings: SourceSettings, cache_db: sqlite_utils.Database, offline: bool = False
) -> Iterator[tuple[str, TrialRecord | None | SourceError]]:
    """``(nct_id, record)`` per trial id: the registry record, None if not registered, or the SourceError.

    One trial failing does not stop the others: enrichment is optional, papers are not.
    """
    ids = list(dict.fromkeys(normalize_nct(n) for n in nct_ids))
    http = open_http(settings, cache_db, offline)
    try:
        ctgov = CtGovClient(http, settings.ctgov_url)
        for nct_id in ids:
            try:
                yield nct_id, ctgov.study(nct_id)
            except SourceError as exc:
                yield nct_id, exc
    finally:
        http.close()
