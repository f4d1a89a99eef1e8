"""The remote store against a real ``oxigraph serve`` process on 127.0.0.1 (issue 7).

Shows: the dev corpus gives the same rows for every named query in the embedded and the remote
store; re-adding is idempotent; removing removes only that paper; a server killed in the middle
of a batch gives a clear error, and the resumed run leaves every paper whole; credentials are
sent and never logged; parameters are bound without formatting values into the query.
"""

from __future__ import annotations

import base64
import http.client
import json
import logging
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner

from extract.readers import read_path
from kb.cli import cli
from kb.errors import StoreError
from kb.knowledgebase import KnowledgeBase, collect_paths
from kb.mapping import graph_iri, is_paper_graph
from kb.query import named_queries, substitutions, with_prefixes
from kb.remote import RemoteStore, inline_values, query_form

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "data" / "articles"
STARTED_AT = "http://www.w3.org/ns/prov#startedAtTime"  # the run's timestamp: differs between runs
SECRET_TOKEN = "tok-Zq8s9Xv2-never-print-me"
SECRET_PASSWORD = "pw-4hJ7-never-print-me"


# ------------------------------------------------------------------------------ servers

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        pytest.skip("the `oxigraph` server is not installed (pip install oxigraph)")
    return found


class OxigraphServer:
    """``oxigraph serve`` on a random port with its data in a temp dir; kill and restart keep both."""

    def __init__(self, location: Path):
        self.binary = oxigraph_binary()
        self.location = location
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log = location.parent / f"{location.name}.log"

    def start(self, timeout: float = 15.0) -> "OxigraphServer":
        self.proc = subprocess.Popen([self.binary, "serve", "--location", str(self.location),
                                      "--bind", f"127.0.0.1:{self.port}"],
                                     stdout=open(self.log, "ab"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"oxigraph serve exited with {self.proc.returncode}: {self.log.read_text()[-2000:]}")
            try:
                if requests.get(f"{self.url}/query", params={"query": "ASK {}"}, timeout=1).ok:
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.05)
        pytest.fail(f"oxigraph serve did not answer on {self.url} within {timeout} s")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()  # SIGKILL: no clean shutdown
            self.proc.wait(10)


@pytest.fixture
def fresh_server(tmp_path):
    server = OxigraphServer(tmp_path / "oxigraph").start()
    yield server
    server.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = OxigraphServer(tmp_path_factory.mktemp("remote") / "oxigraph").start()
    yield server
    server.kill()


class AuthProxy:
    """A tiny reverse proxy in front of the server: records the Authorization headers it gets and
    answers 401 unless the expected one is sent."""

    def __init__(self, upstream: str, expected: str | None):
        self.expected = expected
        self.seen: list[str | None] = []
        up = urlsplit(upstream)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                auth = self.headers.get("Authorization")
                proxy.seen.append(auth)
                if proxy.expected is not None and auth != proxy.expected:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Bearer realm="kb"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                conn = http.client.HTTPConnection(up.hostname, up.port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "authorization")}
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                self.send_response(resp.status)
                for k, v in resp.getheaders():
                    if k.lower() not in ("transfer-encoding", "content-length", "connection"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# ------------------------------------------------------------------------------ data

@pytest.fixture(scope="module")
def dev_docs():
    return [d for p in collect_paths([ARTICLES]) for d in read_path(p)]


@pytest.fixture(scope="module")
def extractor():
    from extract.pipeline import Extractor

    return Extractor()


def make_kb(home: Path, store, extractor) -> KnowledgeBase:
    kb = KnowledgeBase(home, store=store)
    kb._extractor = extractor  # share one spaCy pipeline across the tests (building one takes seconds)
    return kb


def remote(url: str, **kw) -> RemoteStore:
    kw.setdefault("retries", 2)
    kw.setdefault("backoff", 0.05)
    return RemoteStore.from_url(url, env={}, **kw)


@pytest.fixture(scope="module")
def kbs(tmp_path_factory, server, dev_docs, extractor):
    """The dev corpus in the embedded store and in the remote one."""
    emb = make_kb(tmp_path_factory.mktemp("embedded"), None, extractor)
    rem = make_kb(tmp_path_factory.mktemp("remote-home"), remote(server.url), extractor)
    for kb in (emb, rem):
        report = kb.add_documents(dev_docs)
        assert len(report.added) == len(dev_docs)
    yield emb, rem
    emb.close()
    rem.close()


def graphs_of(store) -> dict[str, set[str]]:
    """Every named graph's quads (as N-Quads lines), without the run timestamp."""
    out: dict[str, set[str]] = {}
    for q in ox.parse(store.export("nquads"), ox.RdfFormat.N_QUADS):
        if q.predicate.value != STARTED_AT:
            out.setdefault(q.graph_name.value, set()).add(str(q))
    return out


def rows(result) -> list[tuple]:
    """Rows as sorted tuples; GROUP_CONCAT lists ("papers") compare as sets, their order being undefined."""
    def norm(k, v):
        return " ".join(sorted(v.split())) if k == "papers" else v

    return sorted(tuple(sorted((k, norm(k, v)) for k, v in r.items())) for r in result.rows)


# ------------------------------------------------------------------------------ parity

CASES = [pytest.param(name, {}, id=name) for name in sorted(named_queries())
         if not any("(required" in d for d in named_queries()[name].params.values())] + [
    pytest.param("drugs_targeting", {"target": "mTOR"}, id="drugs_targeting-mTOR"),
    pytest.param("drugs_targeting", {"target": "HGNC:3942"}, id="drugs_targeting-HGNC"),
    pytest.param("evidence_for", {"entity": "temsirolimus"}, id="evidence_for-temsirolimus"),
    pytest.param("outcomes_for_drug", {"drug": "everolimus"}, id="outcomes_for_drug-everolimus"),
    pytest.param("regimens", {"paper": "dev05-pazopanib-palette"}, id="regimens-paper"),
    pytest.param("regimens", {"drug": "temsirolimus"}, id="regimens-drug"),
    pytest.param("outcomes", {"measure": "progression-free survival"}, id="outcomes-measure"),
    pytest.param("mechanisms", {"paper": "000_dc0a5bd87a20dde1"}, id="mechanisms-paper"),
    pytest.param("biomarkers", {"paper": "000_dc0a5bd87a20dde1"}, id="biomarkers-paper"),
    pytest.param("studies", {"paper": "dev01-ridaforolimus-succeed"}, id="studies-paper"),
    pytest.param("entities", {"type": "drug"}, id="entities-type"),
    pytest.param("claims_about", {"entity": "mTOR"}, id="claims-entity"),
]


@pytest.mark.parametrize(("name", "params"), CASES)
def test_named_query_gives_same_rows_embedded_and_remote(kbs, name, params):
    emb, rem = kbs
    expected = emb.query(name, params)
    got = rem.query(name, params)
    assert got.columns == expected.columns
    assert rows(got) == rows(expected)


@pytest.mark.parametrize(("name", "params", "column"), [
    ("regimens", {"paper": "dev05-pazopanib-palette"}, "paper"),
    ("outcomes", {"paper": "dev03-everolimus-exemestane-bolero2"}, "paper"),
    ("studies", {"paper": "dev01-ridaforolimus-succeed"}, "paper"),
    ("entities", {"type": "drug"}, "type"),
])
def test_optional_parameters_filter_on_the_remote_store(kbs, name, params, column):
    """The remote rows for a bound optional parameter are the unbound rows with that value."""
    emb, rem = kbs
    everything = emb.query(name, {})
    value = next(iter(params.values()))
    expected = sorted(tuple(sorted(r.items())) for r in everything.rows if r[column] == value)
    got = rows(rem.query(name, params))
    assert got == expected and got


def test_inline_values_gives_the_same_rows_in_the_embedded_store(kbs):
    """The one binding method works the same in both stores (a fix for the embedded bug above)."""
    emb, rem = kbs
    for name, params in [("regimens", {"paper": "dev05-pazopanib-palette"}), ("drugs_targeting", {"target": "mTOR"}),
                         ("entities", {"paper": "dev01-ridaforolimus-succeed", "type": "disease"})]:
        q = named_queries()[name]
        subs = substitutions(q, params)  # as KnowledgeBase.query binds them (lookups lower-cased)
        text = inline_values(with_prefixes(q.text), subs)
        local = sorted(str(s) for s in emb.store.oxigraph.query(text, use_default_graph_as_union=True))
        served = sorted(str(s) for s in rem.store.query(with_prefixes(q.text), subs))
        assert local == served and local


def test_hostile_parameter_values_are_data_not_query_text(kbs):
    emb, rem = kbs
    before = rem.store.quad_count()
    for value in ['x" } ; DROP ALL #', "x') } DROP ALL", "<http://x> } DROP ALL", 'a\nb\\"c', "}}}{{{"]:
        assert rem.query("regimens", {"paper": value}).rows == []
        assert rem.query("drugs_targeting", {"target": value}).rows == []
    assert rem.store.quad_count() == before


def test_stats_graphs_and_exports_match(kbs, dev_docs):
    emb, rem = kbs
    s_emb, s_rem = emb.stats(), rem.stats()
    s_emb.pop("home"), s_rem.pop("home")
    assert s_rem == s_emb
    assert sorted(rem.store.graph_names()) == sorted(emb.store.graph_names())
    assert len([g for g in rem.store.graph_names() if is_paper_graph(g)]) == len(dev_docs)
    assert graphs_of(rem.store) == graphs_of(emb.store)
    paper = dev_docs[0].id
    for fmt in ("turtle", "ntriples", "trig", "nquads"):
        rdf_format = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                      "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}[fmt]
        a = {str(x) for x in ox.parse(rem.export(fmt, paper), rdf_format) if x.predicate.value != STARTED_AT}
        b = {str(x) for x in ox.parse(emb.export(fmt, paper), rdf_format) if x.predicate.value != STARTED_AT}
        assert a == b and a


def test_ask_and_construct_come_back_as_pyoxigraph_objects(kbs):
    emb, rem = kbs
    ask = "PREFIX ekb: <https://w3id.org/evidencekb/ontology#> ASK { GRAPH ?g { ?p a ekb:Paper } }"
    assert isinstance(rem.store.query(ask), ox.QueryBoolean) and bool(rem.store.query(ask))
    construct = ("PREFIX ekb: <https://w3id.org/evidencekb/ontology#> "
                 "CONSTRUCT { ?p a ekb:Paper } WHERE { GRAPH ?g { ?p a ekb:Paper } }")
    got = {str(t) for t in rem.store.query(construct)}
    assert got == {str(t) for t in emb.store.query(construct)} and len(got) == 16
    assert rem.store.query(construct).serialize(format=ox.RdfFormat.N_TRIPLES).count(b"\n") == 16


def test_cli_runs_on_the_remote_store(kbs, server, tmp_path):
    runner = CliRunner()
    emb, _ = kbs
    result = runner.invoke(cli, ["--home", str(tmp_path), "--store", server.url, "query", "drugs_targeting",
                                 "--param", "target=mTOR", "--format", "csv"])
    assert result.exit_code == 0, result.output
    expected = emb.query("drugs_targeting", {"target": "mTOR"}).to_delimited(",")
    assert sorted(result.stdout.splitlines()) == sorted(expected.splitlines())


def test_entity_graph_views_match(kbs):
    from kb.graph import entity_graph

    emb, rem = kbs
    a, b = entity_graph(emb), entity_graph(rem)
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True)) and a.number_of_nodes()
    assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))


def test_syntax_error_is_a_query_error(kbs):
    from kb.errors import QueryError

    _, rem = kbs
    with pytest.raises(QueryError, match="not valid SPARQL"):
        rem.query_text("SELECT ?x WHERE { ?x ")


# ------------------------------------------------------------------------------ writing

def test_readd_is_idempotent_and_force_replaces(tmp_path, fresh_server, dev_docs, extractor):
    kb = make_kb(tmp_path / "home", remote(fresh_server.url), extractor)
    kb.add_documents(dev_docs)
    before, count = graphs_of(kb.store), kb.store.quad_count()
    again = kb.add_documents(dev_docs)
    assert len(again.skipped) == len(dev_docs) and not again.added and not again.replaced
    forced = kb.add_documents(dev_docs, force=True)
    assert len(forced.replaced) == len(dev_docs)
    assert kb.store.quad_count() == count
    assert graphs_of(kb.store) == before
    kb.close()


def test_remove_removes_only_that_paper(tmp_path, fresh_server, dev_docs, extractor):
    kb = make_kb(tmp_path / "home", remote(fresh_server.url), extractor)
    kb.add_documents(dev_docs)
    before = graphs_of(kb.store)
    gone = dev_docs[3].id
    kb.remove(gone)
    after = graphs_of(kb.store)
    assert graph_iri(gone).value not in after
    papers_after = {g: q for g, q in after.items() if is_paper_graph(g)}
    assert papers_after == {g: q for g, q in before.items() if is_paper_graph(g) and g != graph_iri(gone).value}
    # the assembled claims no longer count it; those only it supported are gone
    assert not any(gone in str(q) for g, quads in after.items() if not is_paper_graph(g) for q in quads)
    assert set(after) < set(before)
    assert kb.query("regimens", {"paper": gone}).rows == []
    assert {p["id"] for p in kb.papers()} == {d.id for d in dev_docs} - {gone}
    kb.close()


def test_gsp_write_mode_gives_the_same_graphs(tmp_path, fresh_server, kbs, dev_docs, extractor):
    emb, _ = kbs
    kb = make_kb(tmp_path / "home", remote(fresh_server.url, write_mode="gsp"), extractor)
    kb.add_documents(dev_docs, batch_size=5)
    assert graphs_of(kb.store) == graphs_of(emb.store)
    kb.add_documents(dev_docs, force=True)
    assert graphs_of(kb.store) == graphs_of(emb.store)
    kb.close()


@pytest.mark.slow
def test_server_killed_during_a_batch_then_resume(tmp_path, fresh_server, kbs, dev_docs, extractor, monkeypatch):
    """SIGKILL the server while it receives the third batch: a clear error, batches 1-2 whole and
    recorded, batch 3 absent; after a restart the same add finishes and every paper is whole."""
    emb, _ = kbs
    reference = graphs_of(emb.store)
    store = remote(fresh_server.url)
    kb = make_kb(tmp_path / "home", store, extractor)
    real_request = store._session.request
    updates = []

    def request(method, url, **kw):
        data = kw.get("data")
        if method == "POST" and url.endswith("/update") and isinstance(data, bytes) and b"INSERT DATA" in data \
                and b"/graph/claim/" not in data:  # (a batch's papers, not its assembled claims)
            updates.append(url)
            if len(updates) == 3:  # send half the update, kill the server, then the rest
                def trickle(body=data):
                    yield body[: len(body) // 2]
                    fresh_server.kill()
                    yield body[len(body) // 2:]

                kw = dict(kw, data=trickle())
        return real_request(method, url, **kw)

    monkeypatch.setattr(store._session, "request", request)
    with pytest.raises(StoreError) as err:
        kb.add_documents(dev_docs, batch_size=4)
    message = str(err.value)
    assert fresh_server.url in message and "did not answer" in message and "Is it running?" in message
    recorded = {p["id"] for p in kb.papers()}
    assert recorded == {d.id for d in dev_docs[:8]}
    kb.close()

    fresh_server.start()  # same data directory, same port
    store2 = remote(fresh_server.url)
    present = {g: q for g, q in graphs_of(store2).items() if is_paper_graph(g)}
    assert set(present) == {graph_iri(d.id).value for d in dev_docs[:8]}  # batch 3 left nothing behind
    assert all(present[g] == reference[g] for g in present)  # and what is there is whole

    kb2 = make_kb(tmp_path / "home", store2, extractor)
    resumed = kb2.add_documents(dev_docs, batch_size=4)
    assert sorted(resumed.skipped) == sorted(d.id for d in dev_docs[:8])
    assert sorted(resumed.added) == sorted(d.id for d in dev_docs[8:])
    assert graphs_of(store2) == reference
    assert store2.quad_count() == emb.store.quad_count()
    kb2.close()


def test_unreachable_server_is_a_clear_error(tmp_path):
    url = f"http://127.0.0.1:{free_port()}"
    store = remote(url, retries=1, backoff=0.01)
    with pytest.raises(StoreError, match=r"did not answer \(connection refused\) after 2 tries"):
        store.quad_count()
    result = CliRunner().invoke(cli, ["--home", str(tmp_path), "--store", url, "query", "regimens"],
                                env={"KB_STORE_RETRIES": "0"})
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Store error: query failed: the SPARQL server at {url}/query did not answer")


def test_endpoints_from_url_and_environment():
    s = RemoteStore.from_url("http://127.0.0.1:7878/", env={})
    assert (s.endpoints.query, s.endpoints.update, s.endpoints.gsp) == (
        "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update", "http://127.0.0.1:7878/store")
    assert s.union_param == "union-default-graph"
    v = RemoteStore.from_url("http://h:8890/sparql", env={"KB_STORE_GSP_URL": "http://h:8890/sparql-graph-crud",
                                                           "KB_STORE_PAGE_SIZE": "10000"})
    assert (v.endpoints.query, v.endpoints.update, v.endpoints.gsp) == (
        "http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud")
    assert v.union_param is None and v.page_size == 10000
    with pytest.raises(StoreError, match="not an http"):
        RemoteStore.from_url("ftp://h/x", env={})


# ------------------------------------------------------------------------------ credentials

@pytest.mark.parametrize("scheme", ["bearer", "basic", "basic-in-url"])
def test_credentials_are_sent_and_never_shown(tmp_path, server, dev_docs, extractor, monkeypatch, caplog, capsys,
                                              scheme):
    caplog.set_level(logging.DEBUG)
    for name in ("KB_STORE_TOKEN", "KB_STORE_USER", "KB_STORE_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    basic = "Basic " + base64.b64encode(f"kbuser:{SECRET_PASSWORD}".encode()).decode()
    expected = f"Bearer {SECRET_TOKEN}" if scheme == "bearer" else basic
    proxy = AuthProxy(server.url, expected)
    url = proxy.url
    try:
        if scheme == "bearer":
            monkeypatch.setenv("KB_STORE_TOKEN", SECRET_TOKEN)
        elif scheme == "basic":
            monkeypatch.setenv("KB_STORE_USER", "kbuser")
            monkeypatch.setenv("KB_STORE_PASSWORD", SECRET_PASSWORD)
        else:
            url = proxy.url.replace("http://", f"http://kbuser:{SECRET_PASSWORD}@")
        store = RemoteStore.from_url(url, retries=0)
        kb = make_kb(tmp_path / "home", store, extractor)
        kb.add_documents(dev_docs[:2])
        assert kb.query("regimens", {"paper": dev_docs[0].id}).rows
        assert proxy.seen and all(h == expected for h in proxy.seen)
        shown = [repr(store), str(store), repr(store._session.auth)]

        proxy.expected = "Bearer something-else"  # now the server refuses them
        with pytest.raises(StoreError, match="refused the credentials") as err:
            kb.query("regimens")
        shown.append(str(err.value))
        env = {"KB_STORE_TOKEN": SECRET_TOKEN} if scheme == "bearer" else \
            {"KB_STORE_USER": "kbuser", "KB_STORE_PASSWORD": SECRET_PASSWORD} if scheme == "basic" else {}
        result = CliRunner().invoke(cli, ["--home", str(tmp_path / "home"), "--store", url, "stats"], env=env)
        assert result.exit_code == 2 and "refused the credentials" in result.stderr
        shown += [result.stdout, result.stderr]
        kb.close()
    finally:
        proxy.close()
    out, err_text = capsys.readouterr()
    shown += [out, err_text, caplog.text, "\n".join(str(r.args) for r in caplog.records)]
    base64_secret = basic.split()[1]
    for text in shown:
        assert SECRET_TOKEN not in text and SECRET_PASSWORD not in text and base64_secret not in text


def test_missing_credentials_say_how_to_give_them(server, tmp_path):
    proxy = AuthProxy(server.url, "Bearer x")
    try:
        with pytest.raises(StoreError, match="asks for credentials.*KB_STORE_TOKEN"):
            RemoteStore.from_url(proxy.url, env={}, retries=0).quad_count()
    finally:
        proxy.close()


# ------------------------------------------------------------------------------ binding, no server

@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT ?_x WHERE { ?s ?p ?_x }", "SELECT ?_x WHERE { VALUES (?_x) { (\"v\") }\n ?s ?p ?_x }"),
    ("ask{?s ?p ?_x}", "ask{ VALUES (?_x) { (\"v\") }\n?s ?p ?_x}"),
    ("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o FILTER(?o = ?_x) }",
     "CONSTRUCT { ?s ?p ?o } { VALUES (?_x) { (\"v\") }\n ?s ?p ?o FILTER(?o = ?_x) }"),
    ("CONSTRUCT WHERE { ?s ?p ?_x }", "CONSTRUCT { ?s ?p ?_x } WHERE { VALUES (?_x) { (\"v\") }\n ?s ?p ?_x }"),
    ("SELECT * { SELECT ?s WHERE { ?s ?p ?_x } }",
     "SELECT * { VALUES (?_x) { (\"v\") } { SELECT ?s WHERE { ?s ?p ?_x } } }"),
    ("# a comment { with braces }\nPREFIX e: <http://x/a#{b}>\nSELECT (EXISTS { ?a ?b ?c } AS ?e) ?_x "
     "WHERE { ?s ?p \"}\" , '''{''' }",
     "# a comment { with braces }\nPREFIX e: <http://x/a#{b}>\nSELECT (EXISTS { ?a ?b ?c } AS ?e) ?_x "
     "WHERE { VALUES (?_x) { (\"v\") }\n ?s ?p \"}\" , '''{''' }"),
])
def test_inline_values_places_the_block_first_in_the_where_group(query, expected):
    assert inline_values(query, {"_x": ox.Literal("v")}) == expected


def test_inline_values_escapes_through_pyoxigraph_and_rejects_bad_names():
    text = inline_values("SELECT ?_x {}", {"_x": ox.Literal('a"b}\n\\', language="en")})
    assert 'VALUES (?_x) { ("a\\"b}\\n\\\\"@en) }' in text
    assert ox.Store().query(text).__next__()["_x"] == ox.Literal('a"b}\n\\', language="en")
    with pytest.raises(ValueError):
        inline_values("SELECT ?x {}", {"x } DROP ALL": ox.Literal("v")})
    with pytest.raises(ValueError):
        ox.NamedNode("http://x> } DROP ALL")
    with pytest.raises(ValueError):
        inline_values("SELECT ?x {}", {"x": ox.BlankNode()})
    assert query_form("PREFIX a: <http://select/> # ASK\n construct { } where { }") == "CONSTRUCT"


def test_a_list_binds_one_values_row_each(kbs):
    """One parameter bound to several terms: one VALUES row each, on both stores (the browser reads
    25 papers' facts in one query); two such parameters are refused."""
    text = inline_values("SELECT ?s {}", {"s": [ox.NamedNode("http://a"), ox.NamedNode("http://b")],
                                          "o": ox.Literal("x")})
    assert 'VALUES (?s ?o) { (<http://a> "x") (<http://b> "x") }' in text
    with pytest.raises(ValueError):
        inline_values("SELECT ?s {}", {"s": [ox.Literal("a")], "o": [ox.Literal("b")]})
    emb, rem = kbs
    sparql = "SELECT ?_paper ?id WHERE { GRAPH ?g { ?_paper ekb:paperId ?id } }"
    papers = [emb.paper_iri("dev05-pazopanib-palette"), emb.paper_iri("000_dc0a5bd87a20dde1")]
    for kb in (emb, rem):
        got = {r["id"] for r in kb.query_text(sparql, {"paper": [f"<{p}>" for p in papers]}).rows}
        assert got == {"dev05-pazopanib-palette", "000_dc0a5bd87a20dde1"}
        assert kb.query_text(sparql, {"paper": []}).rows == []


def test_environment_is_not_read_from_netrc(server, tmp_path, monkeypatch):
    (tmp_path / ".netrc").write_text("machine 127.0.0.1 login u password netrc-secret\n")
    monkeypatch.setenv("NETRC", str(tmp_path / ".netrc"))
    proxy = AuthProxy(server.url, None)
    try:
        RemoteStore.from_url(proxy.url, env={}).quad_count()
        assert proxy.seen == [None]
    finally:
        proxy.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-v"]))


# ------------------------------------------------------------------------------ server quirks (no real server)

@pytest.fixture
def fake_endpoint():
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    server.stop()


def test_truncated_and_unfinished_answers_are_errors(fake_endpoint):
    """Virtuoso cuts results at ResultSetMaxRows (and says so in a header); a server that stops a
    query after sending 200 leaves half a document. Neither may pass for a complete answer."""
    url = f"http://127.0.0.1:{fake_endpoint.port}/sparql"
    store = RemoteStore.from_url(url, env={}, retries=0)
    fake_endpoint.expect_request("/sparql").respond_with_data(
        '{"head":{"vars":["g"]},"results":{"bindings":[]}}', content_type="application/sparql-results+json",
        headers={"X-SPARQL-MaxRows": "10000"})
    with pytest.raises(StoreError, match="cut the result at 10000 rows.*ResultSetMaxRows"):
        store.graph_names()
    fake_endpoint.clear()
    fake_endpoint.expect_request("/sparql").respond_with_data(
        '{"head":{"vars":["g"]},"results":{"bindings":[{"g":{"type":"uri","value":"http://x/"}}, Timeout',
        content_type="application/sparql-results+json")
    with pytest.raises(StoreError, match="unfinished answer"):
        store.query("SELECT ?g WHERE { GRAPH ?g { } }")


def test_update_split_for_servers_with_request_limits(tmp_path, fresh_server, kbs, dev_docs, extractor):
    """Virtuoso refuses update bodies over 10 MB and updates of many operations: a batch is then
    split between graphs, every paper still whole."""
    emb, _ = kbs
    store = remote(fresh_server.url, max_update_graphs=3, max_update_bytes=200_000)
    sent = []
    real = store._session.request

    def request(method, url, **kw):
        if url.endswith("/update"):
            sent.append(len(kw["data"]))
        return real(method, url, **kw)

    store._session.request = request
    kb = make_kb(tmp_path / "home", store, extractor)
    kb.add_documents(dev_docs)
    assert len(sent) >= 6 and max(sent) <= 200_000 + 100_000  # one graph may exceed the byte limit alone
    assert graphs_of(store) == graphs_of(emb.store)
    sent.clear()
    store.drop_graphs([graph_iri(d.id).value for d in dev_docs[:7]])
    assert len(sent) == 3
    kb.close()


# ------------------------------------------------------------------------------ pages

PAGED = [c for c in CASES if named_queries()[c.values[0]].pages_by_paper and "paper" not in c.values[1]]


def test_paged_queries_are_marked():
    """Every per-paper listing reads a page paper by paper; the aggregates do not (their order is by count)."""
    marked = {n for n, q in named_queries().items() if q.pages_by_paper}
    assert marked == {"biomarkers", "entities", "evidence_for", "mechanisms", "outcomes", "outcomes_for_drug",
                      "regimens", "studies"}
    for name in marked - {"entities", "studies"}:  # (grouped: one row per ordered group key)
        # every column orders the rows, so two runs never place tied rows differently across a page edge
        text = named_queries()[name].text
        order = text[text.rindex("ORDER BY"):].split()
        assert all(f"?{c}" in order for c in named_queries()[name].columns), name


@pytest.mark.parametrize(("name", "params"), PAGED)
@pytest.mark.parametrize("size", [1, 4])
def test_pages_are_slices_of_the_whole_result(kbs, name, params, size):
    """Pages read paper by paper give the rows of the whole result at the same positions, on the
    embedded store and on the SPARQL server (named-graph-uri), and their JSON holds those rows."""
    emb, rem = kbs
    whole = emb.query(name, params).rows
    assert whole, "the case needs rows"
    for kb in (emb, rem):
        pages = []
        for offset in range(0, len(whole) + size, size):
            page = kb.query(name, params, limit=size, offset=offset)
            assert len(page.rows) <= size
            bindings = json.loads(page.to_json())["results"]["bindings"]
            assert [{k: v["value"] for k, v in b.items()} for b in bindings] == \
                [{k: v for k, v in r.items() if v} for r in page.rows]
            pages += page.rows
        if name in ("entities", "studies"):  # GROUP_CONCAT/SAMPLE values may come in another order
            assert [r["paper"] for r in pages] == [r["paper"] for r in whole]
        else:
            assert pages == whole


def test_a_page_of_an_unknown_entity_or_past_the_end_is_empty(kbs):
    emb, _ = kbs
    assert emb.query("evidence_for", {"entity": "no such drug"}, limit=5).rows == []
    n = len(emb.query("regimens", {}).rows)
    assert emb.query("regimens", {}, limit=5, offset=n).rows == []
    assert emb.query("regimens", {}, offset=n - 2).rows == emb.query("regimens", {}).rows[-2:]
    # a query that does not page by paper is sliced from its whole result
    whole = emb.query("claims_across_papers", {}).rows
    assert emb.query("claims_across_papers", {}, limit=3, offset=2).rows == whole[2:5]
