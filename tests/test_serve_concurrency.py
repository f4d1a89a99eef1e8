"""`kb add`, `kb query` and `kb remove` in another process while `kb serve` runs: they go through
the server (RocksDB allows one read-write opener), which answers with the new paper at once, and
the store is intact when the server stops. Two real processes, a real socket."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from kb.cli import cli
from kb.knowledgebase import KnowledgeBase
from kb.mapping import graph_iri, is_paper_graph, paper_iri
from kb.serve.client import running_server_store
from kb.serve.server import serve_file
from kb.store import EmbeddedStore

from conftest import ServerProcess

SEED = Path(__file__).resolve().parent.parent / "data" / "articles" / "000_dc0a5bd87a20dde1.txt"


def kb_command(home, *args, timeout=120):
    return subprocess.run([sys.executable, "-m", "kb.cli", "--home", str(home), *args], capture_output=True,
                          text=True, timeout=timeout)


class Server(ServerProcess):
    def get(self, path, **kw):
        return requests.get(self.url + path.lstrip("/"), timeout=30, **kw)

    def ask(self, query) -> bool:
        r = requests.post(self.url + "sparql", data={"query": query}, timeout=30)
        assert r.status_code == 200, r.text
        return r.json()["boolean"]


@pytest.fixture
def server(serve_home):
    srv = Server(serve_home)
    yield srv
    srv.stop()
    print("server output:\n" + "".join(srv.output))  # shown by pytest when the test failed


def paper_ids(server):
    return sorted(p["id"] for p in server.get("/papers.json").json()["papers"])


def kb_in_process(home, *args):
    """The kb command in this process: a second process besides the server."""
    return CliRunner().invoke(cli, ["--home", str(home), *args])


def test_add_query_and_remove_while_serving(server):
    assert oct(serve_file(server.home).stat().st_mode & 0o777) == "0o600"
    assert server.info["pid"] == server.proc.pid and len(server.info["token"]) > 20
    assert paper_ids(server) == ["fx-everolimus", "fx-seed", "fx-xss"]

    # a second server on the same knowledge base is refused
    second = kb_in_process(server.home, "serve", "--port", "0")
    assert second.exit_code == 2 and f"already served at {server.url}" in second.output

    # readers keep querying while another process writes
    failures, stop = [], threading.Event()

    def reader():
        while not stop.is_set():
            r = requests.post(server.url + "sparql", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                              timeout=30)
            if r.status_code != 200:
                failures.append(r.text)
            time.sleep(0.02)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    added = kb_command(server.home, "add", str(SEED))
    stop.set()
    thread.join(30)
    assert added.returncode == 0, added.stderr
    assert "1 added" in added.stderr
    assert failures == []

    # the server answers with the new paper, without a restart
    assert paper_ids(server) == ["000_dc0a5bd87a20dde1", "fx-everolimus", "fx-seed", "fx-xss"]
    assert server.ask(f"ASK {{ GRAPH <{graph_iri('000_dc0a5bd87a20dde1').value}> {{ ?s ?p ?o }} }}")
    found = server.get("/api/search.json", params={"q": "doxorubicin"}).json()["results"]
    assert found and found[0]["label"].endswith("doxorubicin")
    around = server.get("/api/neighbourhood.json", params={"node": "temsirolimus"}).json()
    assert "000_dc0a5bd87a20dde1" in {n.get("paper") for n in around["nodes"]}

    # reading through the server, with bound parameters, and removing through it
    regimens = kb_in_process(server.home, "query", "regimens", "-p", "paper=000_dc0a5bd87a20dde1", "--format", "csv")
    assert regimens.exit_code == 0, regimens.output
    assert "temsirolimus,20,mg/m2" in regimens.output
    removed = kb_in_process(server.home, "remove", "fx-xss")
    assert removed.exit_code == 0, removed.output
    assert "fx-xss" not in paper_ids(server)
    assert not server.ask(f"ASK {{ GRAPH <{graph_iri('fx-xss').value}> {{ ?s ?p ?o }} }}")

    # after the server stops, the store opens directly and holds what was written through it
    assert server.stop() == 0
    assert not serve_file(server.home).exists()
    with KnowledgeBase(server.home) as kb:
        assert isinstance(kb.store, EmbeddedStore)
        assert sorted(p["id"] for p in kb.papers()) == ["000_dc0a5bd87a20dde1", "fx-everolimus", "fx-seed"]
        assert sorted(g for g in kb.store.graph_names() if is_paper_graph(g)) == sorted(
            graph_iri(p).value for p in ["000_dc0a5bd87a20dde1", "fx-everolimus", "fx-seed"])
        # the claims assembled across papers count the papers left, not the one removed
        counted = {p for r in kb.query("claims_across_papers").rows for p in r["papers"].split()}
        assert counted and counted <= {"000_dc0a5bd87a20dde1", "fx-everolimus", "fx-seed"}
        assert kb.stats()["papers"] == 3


def test_a_stale_serve_json_is_ignored(serve_home):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    serve_file(serve_home).write_text(json.dumps({"url": "http://127.0.0.1:9/", "token": "x",
                                                  "pid": int(dead.stdout)}))
    with KnowledgeBase(serve_home) as kb:
        assert isinstance(kb.store, EmbeddedStore) and kb.stats()["papers"] == 3


def test_a_store_held_without_a_server_still_says_so(serve_home):
    holder = EmbeddedStore(serve_home / "oxigraph")  # as another process holds it during `kb add`
    try:
        result = kb_in_process(serve_home, "stats")
        assert result.exit_code == 2 and "in use by another process" in result.output
    finally:
        holder.close()


def test_a_page_through_the_server_reads_the_papers_it_needs(server):
    """`kb query --limit` while `kb serve` runs: the page's graphs are sent along (named_graphs), and
    the rows are the whole result's at the same positions."""
    def rows(*args):
        r = kb_in_process(server.home, "query", *args, "--format", "json")
        assert r.exit_code == 0, r.output
        return json.loads(r.output)["results"]["bindings"]

    whole = rows("mechanisms")
    assert len(whole) >= 3
    assert [b for o in range(len(whole)) for b in rows("mechanisms", "--limit", "1", "--offset", str(o))] == whole
    # the server restricts the query to the graphs sent
    store = running_server_store(server.home)
    seed = graph_iri("fx-seed").value
    graphs = {s["g"].value for s in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                                named_graphs=[seed])}
    assert graphs == {seed}
    # and takes a list of values for one parameter (one VALUES row each)
    sparql = "SELECT ?id WHERE { GRAPH ?g { ?_p <https://w3id.org/evidencekb/ontology#paperId> ?id } }"
    ids = {s["id"].value for s in store.query(sparql, {"_p": [paper_iri("fx-seed"), paper_iri("fx-xss")]})}
    assert ids == {"fx-seed", "fx-xss"}
    body = {"query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named_graphs": []}
    r = requests.post(server.url + "-/store/query", json=body, timeout=30,
                      headers={"Authorization": f"Bearer {server.info['token']}"})
    assert r.status_code == 400 and "named_graphs" in r.text
