"""Remote sources against a local HTTP server: paging, batches, retries, rate limits, cache, offline."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from email.utils import formatdate
from pathlib import Path

import pytest
import sqlite_utils
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from extract.readers import ReaderError
from extract.records import Document
from kb.sources.cache import HttpCache
from kb.sources.ctgov import CtGovClient, TrialRecord, compare_trial, phase_numbers, trial_from_json
from kb.sources.europepmc import EuropePmcClient, normalize_doi
from kb.sources.eutils import EutilsClient, normalize_pmid
from kb.sources.fetch import fetch_documents, fetch_trials
from kb.sources.http import BadContent, HttpClient, OfflineMiss, SourceError, TokenBucket, retry_after_seconds
from kb.sources.settings import SourceSettings

FIXTURES = Path(__file__).parent / "fixtures" / "pubmed"
XML = "text/xml; charset=UTF-8"


@pytest.fixture(scope="module")
def server():
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def srv(server):
    server.clear()
    yield server
    server.clear()


@pytest.fixture
def db():
    return sqlite_utils.Database(memory=True)


def base(srv: HTTPServer, path: str = "/eutils/") -> str:
    return f"http://127.0.0.1:{srv.port}{path}"


def make_http(db=None, *, offline=False, retries=2) -> HttpClient:
    """Tiny backoff so retry tests take milliseconds."""
    return HttpClient(cache=HttpCache(db) if db is not None else None, offline=offline, retries=retries,
                      backoff=0.001, max_backoff=0.01, timeout=(2.0, 5.0))


def article(pmid: str, abstract: bool = True) -> str:
    text = (f"<Abstract><AbstractText Label=\"RESULTS\" NlmCategory=\"RESULTS\">Patient {pmid} responded."
            "</AbstractText></Abstract>") if abstract else ""
    return (f"<PubmedArticle><MedlineCitation><PMID Version=\"1\">{pmid}</PMID><Article><Journal><Title>J</Title>"
            f"</Journal><ArticleTitle>Paper {pmid}.</ArticleTitle>{text}</Article></MedlineCitation><PubmedData>"
            f"<ArticleIdList><ArticleId IdType=\"doi\">10.1/{pmid}</ArticleId></ArticleIdList></PubmedData>"
            "</PubmedArticle>")


def article_set(pmids, no_abstract=()) -> bytes:
    body = "".join(article(p, p not in no_abstract) for p in pmids)
    return f'<?xml version="1.0"?>\n<PubmedArticleSet>{body}</PubmedArticleSet>'.encode()


def efetch_handler(missing=(), no_abstract=()):
    def handle(request: Request) -> Response:
        ids = (request.form if request.method == "POST" else request.args)["id"].split(",")
        return Response(article_set([i for i in ids if i not in missing], no_abstract), content_type=XML)
    return handle


SEARCH_HITS = [str(n) for n in range(1001, 1006)]


def esearch_handler(request: Request) -> Response:
    start, size = int(request.args["retstart"]), int(request.args["retmax"])
    result = {"count": str(len(SEARCH_HITS)), "retstart": str(start), "retmax": str(size),
              "idlist": SEARCH_HITS[start:start + size]}
    return Response(json.dumps({"header": {"type": "esearch"}, "esearchresult": result}),
                    content_type="application/json")


def requests_to(srv: HTTPServer, path_end: str) -> list[Request]:
    return [req for req, _ in srv.log if req.path.endswith(path_end)]


# -- E-utilities --------------------------------------------------------------------------


def test_esearch_pages_with_retstart_and_retmax(srv, db):
    srv.expect_request("/eutils/esearch.fcgi").respond_with_handler(esearch_handler)
    eutils = EutilsClient(make_http(db), base(srv), email="me@example.org", page_size=2)
    assert eutils.esearch("temsirolimus AND sarcoma", max_results=4) == SEARCH_HITS[:4]
    pages = requests_to(srv, "esearch.fcgi")
    assert [(r.args["retstart"], r.args["retmax"]) for r in pages] == [("0", "2"), ("2", "2")]
    assert pages[0].args["term"] == "temsirolimus AND sarcoma"
    assert (pages[0].args["tool"], pages[0].args["email"], pages[0].args["db"]) == ("evidencekb", "me@example.org",
                                                                                      "pubmed")
    # asking for more than there are stops when the count is reached
    assert EutilsClient(make_http(), base(srv), page_size=2).esearch("temsirolimus", 50) == SEARCH_HITS
    assert len(requests_to(srv, "esearch.fcgi")) == 2 + 3


def test_esearch_refuses_impossible_requests(srv):
    eutils = EutilsClient(make_http(), base(srv))
    with pytest.raises(ValueError, match="at most the first 10,000"):
        eutils.esearch("cancer", 20_000)
    with pytest.raises(ValueError, match="query is empty"):
        eutils.esearch("  ")
    srv.expect_request("/eutils/esearch.fcgi").respond_with_json({"esearchresult": {"ERROR": "Invalid query syntax"}})
    with pytest.raises(SourceError, match="Invalid query syntax"):
        eutils.esearch("((", 5)
    assert srv.log and len(srv.log) == 1


def test_efetch_batches_get_then_post_for_long_lists(srv, db):
    srv.expect_request("/eutils/efetch.fcgi").respond_with_handler(efetch_handler())
    eutils = EutilsClient(make_http(db), base(srv), post_over=3)
    pmids = ["11", "12", "13", "14", "15", "16"]
    docs = list(eutils.fetch_documents(pmids, batch_size=4))
    assert [d.id for d in docs] == pmids
    assert docs[0].text == "Paper 11.\n\nRESULTS: Patient 11 responded."
    assert {d.metadata.source for d in docs} == {"eutils"}
    sent = requests_to(srv, "efetch.fcgi")
    assert [r.method for r in sent] == ["POST", "GET"]  # 4 ids > post_over, then 2
    assert sent[0].form["id"] == "11,12,13,14" and sent[0].form["db"] == "pubmed"
    assert sent[1].args["id"] == "15,16" and sent[1].args["retmode"] == "xml"
    # raw bodies through efetch() come from the cache now
    bodies = list(eutils.efetch(pmids, batch_size=4))
    assert len(bodies) == 2 and b"<PMID Version=\"1\">11</PMID>" in bodies[0]
    assert len(requests_to(srv, "efetch.fcgi")) == 2


def test_missing_pmid_is_named(srv):
    srv.expect_request("/eutils/efetch.fcgi").respond_with_handler(efetch_handler(missing={"22"}))
    items = list(EutilsClient(make_http(), base(srv)).fetch_documents(["21", "22", "PMID: 23"]))
    assert [getattr(i, "id", None) for i in items] == ["21", "23", None]
    assert isinstance(items[2], ReaderError) and items[2].record == "22"
    assert "no record for this PMID" in str(items[2])


def test_429_then_success_honours_retry_after(srv):
    stamps: list[float] = []

    def handle(request: Request) -> Response:
        stamps.append(time.monotonic())
        if len(stamps) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response(article_set(["31"]), content_type=XML)

    srv.expect_request("/eutils/efetch.fcgi").respond_with_handler(handle)
    docs = list(EutilsClient(make_http(), base(srv)).fetch_documents(["31"]))
    assert [d.id for d in docs] == ["31"]
    assert len(stamps) == 2
    assert stamps[1] - stamps[0] >= 0.95  # waited as asked, not the 1 ms backoff


def test_500s_exhaust_retries_with_a_clear_error_and_nothing_of_that_batch(srv, db):
    calls = {"n": 0}

    def handle(request: Request) -> Response:
        calls["n"] += 1
        if request.args["id"] == "41":
            return Response(article_set(["41"]), content_type=XML)
        return Response("<html><title>Internal error</title></html>", status=500, content_type="text/html")

    srv.expect_request("/eutils/efetch.fcgi").respond_with_handler(handle)
    cache = HttpCache(db)
    yielded = []
    with pytest.raises(SourceError) as info:
        for item in EutilsClient(make_http(db, retries=2), base(srv)).fetch_documents(["41", "42"], batch_size=1):
            yielded.append(item.id)
    message = str(info.value)
    assert yielded == ["41"]
    assert calls["n"] == 1 + 3  # one good batch, then 3 attempts
    assert "efetch.fcgi" in message and "HTTP 500" in message and "Internal error" in message
    assert "after 3 attempts" in message and "try again later" in message
    assert info.value.status == 500
    assert len(cache) == 1  # only the good batch was cached


def test_client_errors_are_not_retried(srv):
    srv.expect_request("/eutils/efetch.fcgi").respond_with_data("bad request", status=400)
    with pytest.raises(SourceError, match="HTTP 400") as info:
        list(EutilsClient(make_http(retries=3), base(srv)).fetch_documents(["51"]))
    assert "check the identifier" in str(info.value)
    assert len(srv.log) == 1


def test_connection_refused_is_retried_then_reported():
    closed = HTTPServer(host="127.0.0.1", port=0)
    closed.start()
    port = closed.port
    closed.stop()
    http = make_http(retries=1)
    with pytest.raises(SourceError, match=r"failed after 2 attempts, last with ConnectionError") as info:
        http.get(f"http://127.0.0.1:{port}/eutils/efetch.fcgi", params={"id": "1", "api_key": "SECRET123"})
    assert "SECRET123" not in str(info.value)
    assert http.requests_sent == 2
    with pytest.raises(SourceError, match="cannot be sent .*check the base URL"):
        http.get("http://127.0.0.1:99999/eutils/esearch.fcgi")
    assert http.requests_sent == 3  # a bad URL is not retried


def test_malformed_xml_names_the_records_and_is_not_kept(srv, db):
    body = article_set(["61", "62", "63"])
    cut = body[: body.index(b">62</PMID>") + 40]
    srv.expect_request("/eutils/efetch.fcgi").respond_with_data(cut, content_type=XML)
    items = list(EutilsClient(make_http(db), base(srv)).fetch_documents(["61", "62", "63"]))
    assert isinstance(items[0], Document) and items[0].id == "61"
    assert "truncated or malformed" in str(items[1]) and "after record 61" in str(items[1])
    assert [i.record for i in items[2:]] == ["62", "63"]
    assert len(HttpCache(db)) == 0  # a broken body is fetched afresh next time


def test_html_error_page_instead_of_xml(srv, db):
    page = (FIXTURES / "error_page.html").read_bytes()
    srv.expect_request("/eutils/efetch.fcgi").respond_with_data(page, content_type="text/html")
    srv.expect_request("/eutils/esearch.fcgi").respond_with_data(page, content_type="text/html")
    eutils = EutilsClient(make_http(db), base(srv))
    items = list(eutils.fetch_documents(["71", "72"]))
    assert [i.record for i in items] == ["71", "72"]
    assert all("returned an HTML page" in str(i) and "502 Bad Gateway" in str(i) for i in items)
    with pytest.raises(BadContent, match="HTML page .* where JSON was expected"):
        eutils.esearch("sarcoma", 5)
    assert len(HttpCache(db)) == 0


def _gaps(stamps: list[float]) -> list[float]:
    return [b - a for a, b in zip(stamps, stamps[1:])]


def test_rate_limit_is_respected_without_and_with_api_key(srv):
    stamps: list[float] = []

    def handle(request: Request) -> Response:
        stamps.append(time.monotonic())
        return esearch_handler(request)

    srv.expect_request("/eutils/esearch.fcgi").respond_with_handler(handle)
    EutilsClient(make_http(), base(srv), page_size=1).esearch("a", 5)
    assert len(stamps) == 5
    assert min(_gaps(stamps)) >= 1 / 3 - 0.01, _gaps(stamps)  # at most 3 requests/s

    stamps.clear()
    started = time.monotonic()
    EutilsClient(make_http(), base(srv), api_key="KEY", page_size=1).esearch("b", 5)
    assert min(_gaps(stamps)) >= 1 / 10 - 0.01, _gaps(stamps)  # at most 10 requests/s with a key
    assert time.monotonic() - started < 1.2  # and not held to 3/s (that would take 1.33 s)


def test_token_bucket_spaces_requests():
    now = [0.0]
    bucket = TokenBucket(3, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    times = []
    for _ in range(7):
        bucket.acquire()
        times.append(now[0])
    assert times[0] == 0.0
    assert all(abs(gap - 1 / 3) < 1e-9 for gap in _gaps(times))
    now[0] += 10  # idle time does not buy a burst beyond the capacity
    bucket.acquire()
    start = now[0]
    bucket.acquire()
    assert now[0] - start == pytest.approx(1 / 3)


def test_cache_hit_sends_no_request(srv, db):
    srv.expect_request("/eutils/efetch.fcgi").respond_with_handler(efetch_handler())
    first = list(EutilsClient(make_http(db), base(srv)).fetch_documents(["81", "82"]))
    srv.clear()  # from now on any request would get a 500 "no handler"
    http = make_http(db)
    again = list(EutilsClient(http, base(srv)).fetch_documents(["82", "81"]))
    assert sorted(d.id for d in again) == sorted(d.id for d in first)
    assert http.requests_sent == 0 and srv.log == []
    row = next(HttpCache(db).table.rows)
    assert row["fetched_at"].endswith("+00:00") and row["status"] == 200 and row["content_type"].startswith("text/xml")


def test_get_is_cached_by_canonical_url(srv, db):
    srv.expect_request("/epmc/search").respond_with_json({"resultList": {"result": []}})
    srv.expect_request("/ctgov/studies/NCT00000001").respond_with_data("no such study", status=404)
    url = base(srv, "/epmc/search")
    first = make_http(db).get(url, params=[("query", "a"), ("format", "json"), ("api_key", "X")], expect="json")
    http = make_http(db)
    again = http.get(url, params={"format": "json", "query": "a"}, expect="json")  # other order, no key
    assert http.requests_sent == 0 and again.from_cache and again.body == first.body
    assert again.fetched_at == first.fetched_at and again.url == f"{url}?format=json&query=a"
    http.get(url, params={"format": "json", "query": "b"})
    assert http.requests_sent == 1
    missing = base(srv, "/ctgov/studies/NCT00000001")
    assert http.get(missing, allow_status=(404,)).status == 404
    assert http.get(missing, allow_status=(404,)).from_cache and http.requests_sent == 2


def test_cached_pmids_are_reused_across_different_batches(srv, db):
    srv.expect_request("/eutils/efetch.fcgi").respond_with_handler(efetch_handler())
    list(EutilsClient(make_http(db), base(srv)).fetch_documents(["91", "92", "93"]))
    items = list(EutilsClient(make_http(db), base(srv)).fetch_documents(["92", "94", "93"]))
    assert [d.id for d in items] == ["92", "93", "94"]  # cached first, then the new one
    assert [r.args["id"] for r in requests_to(srv, "efetch.fcgi")] == ["91,92,93", "94"]


def test_offline_serves_the_cache_and_names_what_is_missing(srv, db):
    srv.expect_request("/eutils/efetch.fcgi").respond_with_handler(efetch_handler())
    list(EutilsClient(make_http(db), base(srv)).fetch_documents(["101"]))
    srv.clear()
    offline = EutilsClient(make_http(db, offline=True), base(srv))
    assert [d.id for d in offline.fetch_documents(["101"])] == ["101"]
    with pytest.raises(OfflineMiss, match=r"GET http://127\.0\.0\.1:\d+/eutils/efetch\.fcgi\?db=pubmed&id=102.* "
                                          r"is not in the cache .*without --offline"):
        list(offline.fetch_documents(["102"]))
    assert srv.log == []
    with pytest.raises(ValueError, match="needs a cache"):
        HttpClient(offline=True)


def test_api_key_is_sent_but_never_cached(srv, db):
    srv.expect_request("/eutils/efetch.fcgi").respond_with_handler(efetch_handler())
    list(EutilsClient(make_http(db), base(srv), api_key="SECRET123").fetch_documents(["111"]))
    assert requests_to(srv, "efetch.fcgi")[0].args["api_key"] == "SECRET123"
    dump = "\n".join(db.iterdump())
    assert "SECRET123" not in dump
    # the same request without a key (or with another) is the same cache entry
    http = make_http(db)
    list(EutilsClient(http, base(srv), api_key="OTHER").fetch_documents(["111"]))
    assert http.requests_sent == 0


def test_retry_after_forms():
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds(formatdate(1000.0 + 5, usegmt=True), now=1000.0) == pytest.approx(5.0)
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


@pytest.mark.parametrize("given, expected", [("30410720", "30410720"), ("PMID: 30410720", "30410720"),
                                             (" 0123 ", "123")])
def test_normalize_pmid(given, expected):
    assert normalize_pmid(given) == expected


def test_normalize_pmid_and_doi_refuse_junk():
    with pytest.raises(ValueError, match="not a PMID; give the digits only"):
        normalize_pmid("10.1186/x")
    assert normalize_doi("https://doi.org/10.1186/s13569-018-0107-9") == "10.1186/s13569-018-0107-9"
    assert normalize_doi("doi:10.1186/ABC") == "10.1186/ABC"
    with pytest.raises(ValueError, match="not a DOI"):
        normalize_doi('10.1186/x" OR "1')


# -- Europe PMC ---------------------------------------------------------------------------


def test_europepmc_doi_without_pmid_and_abstract_for_pmid(srv):
    doi_json = (FIXTURES / "europepmc_doi.json").read_text()
    pmid_json = (FIXTURES / "europepmc_pmid.json").read_text()
    srv.expect_request("/epmc/search", query_string={"query": 'DOI:"10.1101/2024.01.01.000001"',
                                                     "resultType": "core", "format": "json", "pageSize": "5"}
                       ).respond_with_data(doi_json, content_type="application/json")
    srv.expect_request("/epmc/search", query_string={"query": "EXT_ID:90000002 AND SRC:MED", "resultType": "core",
                                                     "format": "json", "pageSize": "5"}
                       ).respond_with_data(pmid_json, content_type="application/json")
    srv.expect_request("/epmc/search").respond_with_json({"hitCount": 0, "resultList": {"result": []}})
    epmc = EuropePmcClient(make_http(), base(srv, "/epmc/"))

    assert epmc.search_doi("10.1101/2024.01.01.000001") is None  # a preprint: no PMID
    doc = epmc.abstract_for("doi:10.1101/2024.01.01.000001")
    assert doc.id == "doi:10.1101/2024.01.01.000001"
    assert doc.text == ("Sirolimus in TSC2-mutant tumours: a preprint.\n\nBackground: Sirolimus inhibits mTORC1.\n\n"
                        "Results: Four of six patients (67%) responded; 109 cells/L.")
    assert [s.label for s in doc.sections] == ["TITLE", "BACKGROUND", "RESULTS"]
    assert doc.metadata.authors == ["Roe R", "PEComa Consortium"] and doc.metadata.source == "europepmc"
    assert doc.metadata.year == 2024 and doc.metadata.publication_types == ["Preprint"]

    found = epmc.abstract_for("90000002")
    assert found.id == "90000002" and found.metadata.journal == "J Hypoth Oncol"
    assert found.metadata.mesh_headings == [("", "Sirolimus")]
    assert epmc.search_doi("10.9999/unknown") is None and epmc.abstract_for("10.9999/unknown") is None


# -- ClinicalTrials.gov -------------------------------------------------------------------


def test_ctgov_study_record_and_unknown_trial(srv):
    srv.expect_request("/ctgov/studies/NCT01234567").respond_with_data(
        (FIXTURES / "ctgov_study.json").read_bytes(), content_type="application/json")
    srv.expect_request("/ctgov/studies/NCT09999999").respond_with_data("not found", status=404)
    ctgov = CtGovClient(make_http(), base(srv, "/ctgov/"), rate_per_second=50)
    record = ctgov.study("nct01234567")
    assert record == TrialRecord(
        nct_id="NCT01234567", title="Temsirolimus in Advanced PEComa", phases=["PHASE2"], enrollment=16,
        enrollment_type="ACTUAL", conditions=["PEComa", "Sarcoma"],
        interventions=[("DRUG", "Temsirolimus"), ("PROCEDURE", "Tumour biopsy")], overall_status="COMPLETED",
        start_date="2012-03", fetched_at=record.fetched_at, source_url=base(srv, "/ctgov/") + "studies/NCT01234567?format=json",
    )
    assert record.fetched_at.endswith("+00:00")
    assert ctgov.study("NCT09999999") is None
    with pytest.raises(ValueError, match="NCT followed by 8 digits"):
        ctgov.study("NCT123")


def _trial(**changes) -> TrialRecord:
    record = trial_from_json(json.loads((FIXTURES / "ctgov_study.json").read_text()))
    for key, value in changes.items():
        setattr(record, key, value)
    return record


@pytest.mark.parametrize("changes, n_patients, phase, expected", [
    ({}, [15], "II", ["registry enrollment 16 vs text 15 patients"]),
    ({}, [16, 15], "phase 2", []),
    ({}, [], None, []),
    ({"enrollment_type": "ESTIMATED"}, [12], None,
     ["registry enrollment 16 vs text 12 patients (registry count is an estimate)"]),
    ({}, [16], "III", ["registry phase 2 vs text phase III"]),
    ({"phases": ["PHASE1", "PHASE2"]}, [16], "I/II", []),
    ({"phases": ["PHASE1", "PHASE2"]}, [15, 14], "Ib", ["registry enrollment 16 vs text 15/14 patients",
                                                        "registry phase 1/2 vs text phase Ib"]),
    ({"phases": ["NA"], "enrollment": None}, [15], "II", []),
])
def test_compare_trial(changes, n_patients, phase, expected):
    assert compare_trial(_trial(**changes), n_patients, phase) == expected


@pytest.mark.parametrize("value, expected", [
    (["PHASE2"], {2}), (["EARLY_PHASE1"], {0}), (["NA"], set()), ("Phase II", {2}), ("phase 1b/2", {1, 2}),
    ("I/II", {1, 2}), ("IIIa", {3}), (None, set()),
])
def test_phase_numbers(value, expected):
    assert phase_numbers(value) == expected


# -- the high-level fetch and settings ----------------------------------------------------


def _settings(srv) -> SourceSettings:
    return SourceSettings(eutils_url=base(srv), europepmc_url=base(srv, "/epmc/"), ctgov_url=base(srv, "/ctgov/"),
                          ncbi_api_key="K", retries=1, backoff=0.001)


def test_fetch_documents_end_to_end_then_offline(srv, db):
    srv.expect_request("/eutils/esearch.fcgi").respond_with_handler(esearch_handler)
    srv.expect_request("/eutils/efetch.fcgi").respond_with_handler(efetch_handler(no_abstract={"90000002"}))
    srv.expect_request("/epmc/search", query_string={"query": "EXT_ID:90000002 AND SRC:MED", "resultType": "core",
                                                     "format": "json", "pageSize": "5"}
                       ).respond_with_data((FIXTURES / "europepmc_pmid.json").read_text(),
                                           content_type="application/json")
    srv.expect_request("/epmc/search").respond_with_data((FIXTURES / "europepmc_doi.json").read_text(),
                                                         content_type="application/json")
    kwargs = dict(pmids=["90000002", "1001"], query="temsirolimus", max_results=3,
                  dois=["10.1101/2024.01.01.000001"], settings=_settings(srv), cache_db=db)
    items = list(fetch_documents(**kwargs))
    assert [i.id for i in items] == ["doi:10.1101/2024.01.01.000001", "90000002", "1001", "1002", "1003"]
    filled = items[1]
    assert filled.text == ("Paper 90000002.\n\n"
                           "Two patients with facial angiofibromas improved on topical sirolimus 0.1%.")
    assert [s.label for s in filled.sections] == ["TITLE", "ABSTRACT"] and filled.metadata.source == "eutils"
    assert [r.args["id"] for r in requests_to(srv, "efetch.fcgi")] == ["90000002,1001,1002,1003"]

    sent = len(srv.log)
    srv.clear()
    again = list(fetch_documents(**kwargs, offline=True))
    assert [(i.id, i.text) for i in again] == [(i.id, i.text) for i in items]
    assert srv.log == [] and sent > 0
    with pytest.raises(OfflineMiss):
        list(fetch_documents(pmids=["5"], settings=_settings(srv), cache_db=db, offline=True))
    with pytest.raises(ValueError, match="not a PMID"):
        list(fetch_documents(pmids=["abc"], settings=_settings(srv), cache_db=db))


def test_fetch_trials_reports_each_trial(srv, db):
    srv.expect_request("/ctgov/studies/NCT01234567").respond_with_data(
        (FIXTURES / "ctgov_study.json").read_bytes(), content_type="application/json")
    srv.expect_request("/ctgov/studies/NCT07777777").respond_with_data("<html>oops</html>", status=503,
                                                                        content_type="text/html")
    settings = replace(_settings(srv), retries=0)  # the registry allows < 1 request/s: keep this short
    results = dict(fetch_trials(["NCT01234567", "NCT07777777"], settings=settings, cache_db=db))
    assert results["NCT01234567"].enrollment == 16
    assert isinstance(results["NCT07777777"], SourceError) and "HTTP 503" in str(results["NCT07777777"])


def test_settings_from_environment():
    assert SourceSettings.from_env({}) == SourceSettings()
    settings = SourceSettings.from_env({
        "KB_EUTILS_URL": "http://127.0.0.1:9/eutils", "KB_EUROPEPMC_URL": "http://127.0.0.1:9/epmc/",
        "KB_CTGOV_URL": "http://127.0.0.1:9/ct", "NCBI_API_KEY": "SECRET", "NCBI_EMAIL": "a@b.org",
        "KB_HTTP_TIMEOUT": "5", "KB_OFFLINE": "yes",
    })
    assert settings.eutils_url == "http://127.0.0.1:9/eutils/" and settings.ctgov_url == "http://127.0.0.1:9/ct/"
    assert (settings.ncbi_api_key, settings.ncbi_email, settings.http_timeout, settings.offline) == (
        "SECRET", "a@b.org", 5.0, True)
    assert settings.connect_timeout == 5.0 and "SECRET" not in repr(settings)
    for env, message in [({"KB_HTTP_TIMEOUT": "fast"}, "KB_HTTP_TIMEOUT='fast' is not a number"),
                         ({"KB_OFFLINE": "maybe"}, "KB_OFFLINE='maybe'"),
                         ({"KB_EUTILS_URL": "eutils.example"}, "KB_EUTILS_URL='eutils.example' is not an http")]:
        with pytest.raises(ValueError, match=message):
            SourceSettings.from_env(env)
