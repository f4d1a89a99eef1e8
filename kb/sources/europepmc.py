"""Europe PMC REST: PMIDs for DOIs, abstracts PubMed lacks (or papers it lacks), and the full
text of open-access articles.

Spec: https://europepmc.org/RestfulWebService (``search`` with ``resultType=core``, ``format=json``;
``{PMCID}/fullTextXML``, JATS, 404 for an article whose full text is not open access).
"""

from __future__ import annotations

import html
import re
from typing import Any

from extract.readers.medline import split_structured_abstract
from extract.readers import ReaderError
from extract.readers.jats import parse_jats_bytes
from extract.readers.pubmed_xml import assemble_text, section_label
from extract.records import Document, DocumentMetadata
from kb.sources.http import HttpClient, SourceError

__all__ = ["EuropePmcClient", "DEFAULT_EUROPEPMC_URL", "normalize_doi", "normalize_pmcid", "document_from_result"]

DEFAULT_EUROPEPMC_URL = "https://www.ebi.ac.uk/europepmc/webservices/rest/"
_DOI = re.compile(r"^10\.\d{4,9}/[^\s\"]+$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_H4 = re.compile(r"<h4>(.*?)</h4>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")


def normalize_pmcid(value: str) -> str:
    """``PMC1234567`` or ``1234567`` -> ``PMC1234567``; raise ValueError for anything else."""
    text = value.strip().upper()
    if not re.fullmatch(r"(?:PMC)?\d{1,9}", text):
        raise ValueError(f"{value!r} is not a PubMed Central id; give it as PMC followed by digits, e.g. PMC6280780")
    return text if text.startswith("PMC") else f"PMC{text}"


def normalize_doi(value: str) -> str:
    """``https://doi.org/10.1/X`` or ``doi:10.1/X`` -> ``10.1/X``; raise ValueError for anything else."""
    text = _DOI_PREFIX.sub("", value.strip())
    if not _DOI.match(text):
        raise ValueError(f"{value!r} is not a DOI; give it as 10.<registrant>/<suffix>, e.g. 10.1186/s13569-018-0107-9")
    return text


def _plain(fragment: str | None) -> str:
    """HTML fragment -> plain text (``<i>``, ``<sup>`` kept as their text), whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub("", fragment or "")).split())


def _paragraphs(abstract_html: str) -> list[tuple[str | None, str, str]]:
    """Europe PMC marks structured abstract sections with ``<h4>Label</h4>``; plain ones may be inline."""
    pieces = _H4.split(abstract_html)
    if len(pieces) > 1:
        out = []
        if _plain(pieces[0]):
            out.append((None, "ABSTRACT", _plain(pieces[0])))
        for label_html, body in zip(pieces[1::2], pieces[2::2]):
            label, text = _plain(label_html).rstrip(":") or None, _plain(body)
            if text:
                out.append((label, section_label(label), text))
        return out
    return [(label, section_label(label), body) for label, body in split_structured_abstract(_plain(abstract_html))]


def _get(data: dict, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def document_from_result(result: dict) -> Document | None:
    """A Document from one ``resultType=core`` result; None when it has neither title nor abstract.

    The id is the PMID, else the PMCID, else ``doi:<DOI>``. Europe PMC gives MeSH headings and
    chemicals without MeSH ids, so they are ``("", label)``.
    """
    title = _plain(result.get("title"))
    paragraphs = _paragraphs(result.get("abstractText") or "")
    if not title and not paragraphs:
        return None
    text, sections = assemble_text(title, paragraphs)
    pmid = result.get("pmid") or None
    pmcid = result.get("pmcid") or None
    doi = result.get("doi") or None
    doc_id = pmid or pmcid or (f"doi:{doi}" if doi else result.get("id"))
    if not doc_id:
        return None
    authors = []
    for author in _get(result, "authorList", "author") or []:
        last, initials = author.get("lastName"), author.get("initials")
        name = f"{last} {initials}".strip() if last else author.get("collectiveName") or author.get("fullName")
        if name:
            authors.append(name.strip())
    journal = _get(result, "journalInfo", "journal") or {}
    year = result.get("pubYear") or _get(result, "journalInfo", "yearOfPublication")
    meta = DocumentMetadata(
        title=title or None,
        journal=journal.get("isoabbreviation") or journal.get("medlineAbbreviation") or journal.get("title"),
        year=int(year) if str(year or "").isdigit() else None,
        pmid=pmid,
        doi=doi,
        pmcid=pmcid,
        authors=authors,
        mesh_headings=[("", h["descriptorName"]) for h in _get(result, "meshHeadingList", "meshHeading") or []
                       if h.get("descriptorName")],
        chemicals=[("", c["name"]) for c in _get(result, "chemicalList", "chemical") or [] if c.get("name")],
        publication_types=list(_get(result, "pubTypeList", "pubType") or []),
        source="europepmc",
    )
    return Document(id=str(doc_id), text=text, sections=sections, metadata=meta)


class EuropePmcClient:
    """Europe PMC's REST ``search`` through the shared :class:`HttpClient`."""

    def __init__(self, http: HttpClient, base_url: str = DEFAULT_EUROPEPMC_URL, *, rate_per_second: float = 10.0):
        self.http = http
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        http.set_rate_limit(self.base_url, rate_per_second)

    def _search(self, query: str, page_size: int = 5) -> list[dict]:
        url = self.base_url + "search"
        params = [("query", query), ("resultType", "core"), ("format", "json"), ("pageSize", page_size)]
        response = self.http.get(url, params=params, expect="json")
        data = response.json()
        results = _get(data, "resultList", "result") if isinstance(data, dict) else None
        if not isinstance(results, list):
            raise SourceError(f"{response.url} returned JSON without resultList.result; check KB_EUROPEPMC_URL",
                              url=response.url, status=response.status)
        return [r for r in results if isinstance(r, dict)]

    def _by_doi(self, doi: str) -> list[dict]:
        doi = normalize_doi(doi)
        results = self._search(f'DOI:"{doi}"')
        return [r for r in results if (r.get("doi") or "").lower() == doi.lower()]

    def search_doi(self, doi: str) -> str | None:
        """The PMID of the paper with this DOI, or None (not indexed, or no PMID such as a preprint)."""
        for result in self._by_doi(doi):
            if result.get("pmid"):
                return str(result["pmid"])
        return None

    def abstract_for(self, pmid_or_doi: str) -> Document | None:
        """The paper as Europe PMC has it, when it has an abstract; None otherwise."""
        key = pmid_or_doi.strip()
        if re.fullmatch(r"\d{1,9}", key):
            results = [r for r in self._search(f"EXT_ID:{key} AND SRC:MED") if str(r.get("pmid")) == key]
        else:
            results = self._by_doi(key)
        for result in results:
            if result.get("abstractText"):
                return document_from_result(result)
        return None

    def full_text(self, pmcid: str) -> Document | None:
        """The open-access full text of an article (JATS) as a Document, or None when Europe PMC has
        none (a 404: not open access, or no such article). Its id is the PMID when the XML gives one,
        else the PMCID."""
        pmcid = normalize_pmcid(pmcid)
        response = self.http.get(f"{self.base_url}{pmcid}/fullTextXML", expect="xml", allow_status=(404,))
        if response.status == 404:
            return None
        try:
            docs = parse_jats_bytes(response.body, name=f"{response.url}", fallback_id=pmcid, origin="europepmc")
        except ReaderError as exc:
            raise SourceError(f"{response.url} did not return a readable JATS article: {exc.message}",
                              url=response.url, status=response.status) from exc
        doc = docs[0]
        doc.metadata.pmcid = doc.metadata.pmcid or pmcid
        return doc
