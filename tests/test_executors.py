"""Extraction executors (issue 7): one process, a local pool, a Dask LocalCluster with 2 worker
processes and real ``dask scheduler`` + ``dask worker`` processes give identical records and
triples; a killed Dask run, run again, does only what is missing and adds nothing twice."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from extract.readers import read_path
from kb.errors import InputError
from kb.executors import (DaskExecutor, ExecutorError, LocalExecutor, close_executors, make_executor, unit_key,
                          worker_extractor)
from kb.knowledgebase import KnowledgeBase, collect_paths
from kb.mapping import extraction_quads, graph_iri, is_paper_graph

pytest.importorskip("distributed", reason="Dask is not installed (pip install 'dask[distributed]')")

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "data" / "articles"
RUN_TIME = datetime(2026, 1, 1, tzinfo=timezone.utc)
STARTED_AT = "http://www.w3.org/ns/prov#startedAtTime"


@pytest.fixture(scope="module")
def dev_docs():
    return [d for p in collect_paths([ARTICLES]) for d in read_path(p)]


@pytest.fixture(scope="module")
def reference(dev_docs):
    """Extractions in this process, one document after the other."""
    extractor = worker_extractor()
    return [extractor.extract(d) for d in dev_docs]


def triples(extractions) -> list[list[str]]:
    return [[str(q) for q in extraction_quads(x, RUN_TIME)] for x in extractions]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dask_cli() -> str:
    found = shutil.which("dask") or shutil.which("dask", path=str(Path(sys.executable).parent))
    if not found:
        pytest.skip("the `dask` command is not installed (pip install 'dask[distributed]')")
    return found


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """Real processes: `dask scheduler` and `dask worker --nworkers 2` on 127.0.0.1."""
    from distributed import Client

    log_dir = tmp_path_factory.mktemp("dask")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    procs = [subprocess.Popen([dask_cli(), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=open(log_dir / "scheduler.log", "wb"),
                              stderr=subprocess.STDOUT, env=env, start_new_session=True)]
    procs.append(subprocess.Popen([dask_cli(), "worker", address, "--nworkers", "2", "--nthreads", "1",
                                   "--host", "127.0.0.1", "--no-dashboard", "--memory-limit", "0"],
                                  stdout=open(log_dir / "worker.log", "wb"), stderr=subprocess.STDOUT,
                                  env=env, cwd=REPO, start_new_session=True))
    try:
        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        close_executors()  # the cached clients, before their scheduler goes away
        for p in reversed(procs):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(5)


# ------------------------------------------------------------------------------ identical results

def test_local_pool_is_identical_to_one_process(dev_docs, reference):
    pooled = list(LocalExecutor(workers=2).extract(dev_docs))
    assert pooled == reference
    assert triples(pooled) == triples(reference)


@pytest.mark.slow
def test_local_cluster_with_two_worker_processes_is_identical(dev_docs, reference):
    ex = DaskExecutor(workers=2, unit_size=3)
    try:
        assert ex.n_workers() == 2
        info = ex.client.scheduler_info(n_workers=-1)["workers"]
        assert all(w["nthreads"] == 1 for w in info.values())
        assert len({w["id"] for w in info.values()}) == 2
        got = list(ex.extract(dev_docs))
        assert [x.document.id for x in got] == [d.id for d in dev_docs]  # input order
        assert got == reference
        assert triples(got) == triples(reference)
        # both worker processes did some of the work
        pids = ex.client.run(os.getpid)
        assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
    finally:
        ex.close()


@pytest.mark.slow
def test_real_scheduler_and_workers_are_identical(dask_cluster, dev_docs, reference):
    ex = make_executor("dask", scheduler=dask_cluster, unit_size=2)
    assert make_executor("dask", scheduler=dask_cluster, unit_size=2) is ex  # one client per process
    got = list(ex.extract(dev_docs))
    assert got == reference
    assert triples(got) == triples(reference)
    assert len(list(ex.extract([]))) == 0


@pytest.mark.slow
def test_kb_add_on_the_cluster_gives_the_same_graphs(dask_cluster, tmp_path, dev_docs, reference):
    result = CliRunner().invoke(__import__("kb.cli", fromlist=["cli"]).cli,
                                ["--home", str(tmp_path / "home"), "add", str(ARTICLES), "--executor", "dask",
                                 "--scheduler", dask_cluster, "-q"])
    assert result.exit_code == 0, result.output
    with KnowledgeBase(tmp_path / "home") as kb:
        assert {p["id"] for p in kb.papers()} == {d.id for d in dev_docs}
        assert stored_graphs(kb) == expected_graphs(reference)


def stored_graphs(kb) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for q in ox.parse(kb.store.export("nquads"), ox.RdfFormat.N_QUADS):
        if q.predicate.value != STARTED_AT and is_paper_graph(q.graph_name.value):  # (not the assembled claims)
            out.setdefault(q.graph_name.value, set()).add(str(q))
    return out


def expected_graphs(extractions) -> dict[str, set[str]]:
    return {graph_iri(x.document.id).value: {str(q) for q in extraction_quads(x, RUN_TIME)
                                             if q.predicate.value != STARTED_AT} for x in extractions}


# ------------------------------------------------------------------------------ resume after a kill

KILLED_RUN = textwrap.dedent("""
    import sys, time
    from extract.readers import read_path
    from kb.knowledgebase import KnowledgeBase, collect_paths

    home, articles, scheduler = sys.argv[1:4]
    docs = [d for p in collect_paths([articles]) for d in read_path(p)]
    kb = KnowledgeBase(home)
    print("started", flush=True)
    kb.add_documents(docs, batch_size=4, executor="dask", scheduler=scheduler,
                     progress=lambda n: time.sleep(0.25 * n))  # slow enough to be killed mid-run
    print("finished", flush=True)
""")


@pytest.mark.slow
def test_killed_dask_run_resumes_without_doing_anything_twice(dask_cluster, tmp_path, dev_docs, reference):
    home = tmp_path / "home"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(home), str(ARTICLES), dask_cluster],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=REPO)
    done = 0
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if (home / "kb.sqlite").exists():
                with sqlite3.connect(home / "kb.sqlite", timeout=10) as db:
                    try:
                        done = db.execute("SELECT count(*) FROM papers").fetchone()[0]
                    except sqlite3.OperationalError:
                        done = 0
                if done >= 4:
                    break
            time.sleep(0.05)
        assert proc.poll() is None, f"the run ended before it could be killed: {proc.stdout.read().decode()}"
        proc.kill()  # SIGKILL between batches or in the middle of one
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    with KnowledgeBase(home) as kb:
        written = {p["id"] for p in kb.papers()}
        assert 4 <= len(written) < len(dev_docs)
        assert set(stored_graphs(kb)) >= {graph_iri(i).value for i in written}
        resumed = kb.add_documents(dev_docs, batch_size=4, executor="dask", scheduler=dask_cluster)
        assert set(resumed.skipped) == written  # a recorded paper is not extracted again
        assert set(resumed.added) | set(resumed.replaced) == {d.id for d in dev_docs} - written
        assert not set(resumed.added) & written
        assert len(kb.papers()) == len(dev_docs)
        assert stored_graphs(kb) == expected_graphs(reference)
        runs = list(kb.docs.db.query("SELECT status, added, skipped FROM runs ORDER BY id"))
        assert runs[0]["status"] == "running" and runs[-1]["status"] == "ok"  # the killed run never finished


# ------------------------------------------------------------------------------ small things

def test_unknown_executor_and_unreachable_scheduler():
    with pytest.raises(InputError, match="unknown executor 'spark'"):
        make_executor("spark")
    port = free_port()
    started = time.monotonic()
    with pytest.raises(ExecutorError, match=f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"):
        DaskExecutor(f"tcp://127.0.0.1:{port}", connect_timeout=1)
    assert time.monotonic() - started < 15


def test_unit_keys_depend_on_content_and_version(dev_docs):
    a, b = dev_docs[:2], dev_docs[1:3]
    assert unit_key(a, "0.1.0") == unit_key(list(a), "0.1.0")
    assert unit_key(a, "0.1.0") != unit_key(b, "0.1.0") != unit_key(a, "0.2.0")
