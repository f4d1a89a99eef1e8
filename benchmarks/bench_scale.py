"""Scaling figures side by side (issue 7): embedded vs remote store, one process vs Dask.

One run reports:

- extraction docs/s in one process vs on a Dask ``LocalCluster`` of ``--workers`` single-threaded
  worker processes (same documents; the results are checked to be identical), the cluster's
  start-up, and the scheduling overhead per unit (a round trip of a unit that does no work);
- ingest papers/s and quads/s into the embedded store vs a real ``oxigraph serve`` process
  (``update`` mode: one SPARQL update per batch; ``gsp`` mode: one Graph Store PUT per paper),
  and the disk each one uses;
- named-query latency (p50/p95) embedded vs remote with ``--n`` papers loaded (default 10,000);
- the offline path for a whole baseline: N-Quads written per paper and loaded by ``oxigraph load``;
- disk per paper: embedded, server, bulk-loaded store, and SQLite (documents stay local in KB_HOME).

Input: ``benchmarks/generate.py``'s synthetic articles when it is there, else copies of
``data/articles`` under new ids. Example::

    .venv/bin/python benchmarks/bench_scale.py              # 10k papers, a few minutes on 2 cores
    .venv/bin/python benchmarks/bench_scale.py --n 500 --extract-n 200
    .venv/bin/python benchmarks/bench_scale.py --store-url http://host:7878   # an existing server
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import pyoxigraph as ox  # noqa: E402
import requests  # noqa: E402

from extract.readers.text import document_from_text  # noqa: E402
from extract.records import Document  # noqa: E402

STARTED_AT = "http://www.w3.org/ns/prov#startedAtTime"


# ------------------------------------------------------------------------------------------ input

def corpus(n: int, seed: int = 1) -> tuple[list[Document], str]:
    try:
        from benchmarks.generate import generate
    except ImportError:
        generate = None
    if generate is not None:
        return [document_from_text(i, t) for i, t in generate(n, seed=seed)], "benchmarks/generate.py"
    real = sorted((REPO / "data" / "articles").glob("*.txt"))
    texts = itertools.cycle([(p.stem, p.read_text(encoding="utf-8")) for p in real])
    return [document_from_text(f"{i:06d}-{stem}", text) for i, (stem, text) in zip(range(n), texts, strict=False)], \
        "copies of data/articles"


# ------------------------------------------------------------------------------------------ helpers

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def du_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 1e6


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


class Server:
    """``oxigraph serve`` in a temp dir on a free port."""

    def __init__(self, location: Path, timeout_s: float | None = None):
        binary = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
        if not binary:
            raise SystemExit("the oxigraph server is not installed: pip install oxigraph")
        self.location = location
        self.url = f"http://127.0.0.1:{free_port()}"
        limit = ["--timeout-s", str(int(timeout_s))] if timeout_s else []
        self.proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind",
                                      self.url.removeprefix("http://"), *limit],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/query", params={"query": "ASK {}"}, timeout=1).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.05)
        raise SystemExit(f"oxigraph serve did not start on {self.url}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Table:
    def __init__(self):
        self.rows: list[list[str]] = []

    def add(self, section: str, figure: str, left: str, right: str, ratio: str = "") -> None:
        self.rows.append([section, figure, left, right, ratio])
        print(f"  {section:<10} {figure:<46} {left:>16} {right:>16} {ratio:>8}", flush=True)

    def markdown(self, left: str, right: str) -> str:
        head = ["section", "figure", left, right, "right/left"]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join(lines)


def ratio(a: float, b: float) -> str:
    return f"{b / a:.2f}x" if a else "-"


# ------------------------------------------------------------------------------------------ parts

def extraction(docs: list[Document], workers: int, unit_size: int, table: Table, results: dict):
    from extract.pipeline import Extractor
    from kb.executors import DaskExecutor

    t = time.perf_counter()
    extractor = Extractor()
    build = time.perf_counter() - t
    t = time.perf_counter()
    single = [extractor.extract(d) for d in docs]
    t_single = time.perf_counter() - t

    t = time.perf_counter()
    ex = DaskExecutor(workers=workers, unit_size=unit_size)
    t_start = time.perf_counter() - t
    try:
        t = time.perf_counter()
        on_dask = list(ex.extract(docs))
        t_dask = time.perf_counter() - t
        # scheduling overhead: units that go to a worker and come back without any extraction
        n_units = max(50, len(docs) // unit_size)
        probe = [docs[i % len(docs): i % len(docs) + unit_size] for i in range(n_units)]
        t = time.perf_counter()
        futures = [ex.client.submit(_echo, u, pure=False) for u in probe]
        ex.client.gather(futures)
        overhead = (time.perf_counter() - t) / n_units
        del futures
    finally:
        ex.close()
    same = on_dask == single
    dps1, dps2 = len(docs) / t_single, len(docs) / t_dask
    table.add("extract", f"docs/s ({len(docs)} docs)", f"{dps1:.1f}", f"{dps2:.1f}", ratio(dps1, dps2))
    table.add("extract", "start-up s (Extractor / LocalCluster+warm)", f"{build:.1f}", f"{t_start:.1f}")
    table.add("extract", f"overhead per unit of {unit_size} docs, ms", "-", f"{overhead * 1000:.1f}")
    table.add("extract", "identical records", "-", "yes" if same else "NO")
    results["extract"] = {"docs": len(docs), "single_docs_per_s": dps1, "dask_docs_per_s": dps2,
                          "dask_workers": workers, "unit_size": unit_size, "extractor_build_s": build,
                          "cluster_start_s": t_start, "overhead_per_unit_ms": overhead * 1000, "identical": same}
    return single


def _echo(unit):
    return [d.id for d in unit]


def extract_all(docs: list[Document], workers: int, unit_size: int):
    from kb.executors import DaskExecutor

    ex = DaskExecutor(workers=workers, unit_size=unit_size)
    try:
        t = time.perf_counter()
        out = list(ex.extract(docs))
        return out, time.perf_counter() - t
    finally:
        ex.close()


def ingest(graphs: list[tuple[str, list]], batch: int, store, label: str) -> float:
    t = time.perf_counter()
    for i in range(0, len(graphs), batch):
        store.replace_graphs(dict(graphs[i:i + batch]))
    if hasattr(store, "flush"):
        store.flush()
    return time.perf_counter() - t


def query_cases(graphs_src) -> list[tuple[str, dict]]:
    from kb.query import named_queries

    cases = []
    for name, q in sorted(named_queries().items()):
        required = {p for p, d in q.params.items() if "(required)" in d}
        params = {}
        for p in required:
            params[p] = {"target": "mTOR", "entity": "temsirolimus", "drug": "everolimus"}.get(p, "x")
        cases.append((name, params))
    paper = graphs_src[len(graphs_src) // 2].document.id
    cases.append(("regimens", {"paper": paper}))
    return cases


def latency_remote(store, cases, repeat: int, budget: float) -> dict[str, tuple[list[float], int | str]]:
    """Each named query ``repeat`` times (fewer when they add up to more than ``budget`` s)."""
    from kb.errors import KbError
    from kb.query import resolve, run_select

    out = {}
    for name, params in cases:
        times, n = [], 0
        for _ in range(repeat):
            t = time.perf_counter()
            try:
                n = len(run_select(store, resolve(name), params).rows)
            except KbError as exc:
                text = str(exc).lower()
                n = "timeout" if any(w in text for w in ("timeout", "time limit", "did not answer")) else "error"
                times.append(time.perf_counter() - t)
                break
            times.append(time.perf_counter() - t)
            if sum(times) > budget:
                break
        out[_key(name, params)] = (times, n)
    return out


EMBEDDED_CHILD = """
import json, sys, time
from kb.store import EmbeddedStore
from kb.query import resolve, run_select
store = EmbeddedStore(sys.argv[1], read_only=True)
repeat, budget = int(sys.argv[2]), float(sys.argv[3])
for line in sys.stdin:
    name, params = json.loads(line)
    times, n = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        n = len(run_select(store, resolve(name), params).rows)
        times.append(time.perf_counter() - t)
        if sum(times) > budget:
            break
    print(json.dumps([times, n]), flush=True)
"""


def latency_embedded(path: Path, cases, repeat: int, budget: float) -> dict[str, tuple[list[float], int | str]]:
    """The same in a child process that opens the store read-only: a query that runs past the
    budget is stopped by killing the child (an embedded query cannot be interrupted)."""
    import select

    out: dict = {}
    child = None
    for name, params in cases:
        if child is None:
            child = subprocess.Popen([sys.executable, "-c", EMBEDDED_CHILD, str(path), str(repeat), str(budget)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO)
        child.stdin.write(json.dumps([name, params]) + "\n")
        child.stdin.flush()
        ready, _, _ = select.select([child.stdout], [], [], budget + 30)
        if ready:
            times, n = json.loads(child.stdout.readline())
        else:
            child.kill()
            child.wait()
            child = None
            times, n = [budget], "timeout"
        out[_key(name, params)] = (times, n)
    if child is not None:
        child.stdin.close()
        child.wait(30)
    return out


def _key(name: str, params: dict) -> str:
    return f"{name} " + " ".join(f"{k}={v}" for k, v in params.items()) if params else name


# ------------------------------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> int:
    servers: list[Server] = []
    try:
        return run(argv, servers)
    finally:
        for s in servers:
            s.stop()


def run(argv: list[str] | None, servers: list) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="papers loaded for ingest and query latency")
    ap.add_argument("--extract-n", type=int, default=1000, help="documents for the one-process vs Dask comparison")
    ap.add_argument("--workers", type=int, default=2, help="Dask worker processes")
    ap.add_argument("--unit-size", type=int, default=16, help="documents per Dask unit")
    ap.add_argument("--batch", type=int, default=200, help="papers per store write")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each named query")
    ap.add_argument("--query-budget", type=float, default=60.0, help="stop repeating a query after this many s")
    ap.add_argument("--store-url", help="an existing SPARQL server instead of starting oxigraph serve")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir (stores) for inspection")
    args = ap.parse_args(argv)

    from kb.docs import DocumentStore
    from kb.mapping import extraction_quads, graph_iri
    from kb.remote import RemoteStore
    from kb.store import EmbeddedStore

    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    results: dict = {"n": args.n, "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                                              f"Python {platform.python_version()}, pyoxigraph {ox.__version__}"}
    table = Table()
    docs, source = corpus(max(args.n, args.extract_n), args.seed)
    results["input"] = source
    print(f"input: {len(docs)} documents from {source}; work dir {work}", flush=True)
    print(f"  {'section':<10} {'figure':<46} {'left':>16} {'right':>16} {'ratio':>8}")

    # 1. extraction, one process vs Dask ------------------------------------------------------
    print("-- extraction: one process (left) vs Dask LocalCluster (right)")
    sample = docs[: args.extract_n]
    extracted = extraction(sample, args.workers, args.unit_size, table, results)
    if len(docs[: args.n]) > len(extracted):
        rest, t_rest = extract_all(docs[len(extracted): args.n], args.workers, args.unit_size)
        extracted = extracted + rest
        table.add("extract", f"Dask docs/s, the other {len(rest)} docs", "-", f"{len(rest) / t_rest:.1f}")
    extracted = extracted[: args.n]

    t = time.perf_counter()
    graphs = [(graph_iri(x.document.id).value, extraction_quads(x)) for x in extracted]
    t_map = time.perf_counter() - t
    n_quads = sum(len(q) for _, q in graphs)
    table.add("ingest", "Extraction -> quads, papers/s (same for both)", f"{len(graphs) / t_map:.0f}", "-")
    table.add("ingest", "quads per paper", f"{n_quads / len(graphs):.0f}", "-")

    # 2. ingest, embedded vs remote --------------------------------------------------------------
    print("-- ingest: embedded (left) vs oxigraph serve (right)")
    emb = EmbeddedStore(work / "embedded")
    t_emb = ingest(graphs, args.batch, emb, "embedded")
    if args.store_url:
        rem = RemoteStore.from_url(args.store_url)
        rem.drop_graphs(rem.graph_names())
    else:
        servers.append(Server(work / "server-update", timeout_s=args.query_budget))
        rem = RemoteStore.from_url(servers[-1].url, env={})
    t_rem = ingest(graphs, args.batch, rem, "remote")
    pps_e, pps_r = len(graphs) / t_emb, len(graphs) / t_rem
    table.add("ingest", f"papers/s, batches of {args.batch} (update mode)", f"{pps_e:.0f}", f"{pps_r:.0f}",
              ratio(pps_e, pps_r))
    table.add("ingest", "quads/s", f"{n_quads / t_emb:,.0f}", f"{n_quads / t_rem:,.0f}", ratio(pps_e, pps_r))
    results["ingest"] = {"papers": len(graphs), "quads": n_quads, "map_papers_per_s": len(graphs) / t_map,
                         "embedded_papers_per_s": pps_e, "remote_update_papers_per_s": pps_r}
    t = time.perf_counter()
    ingest(graphs[: args.batch], args.batch, rem, "remote re-add")
    table.add("ingest", f"re-add of {min(args.batch, len(graphs))} papers (replace), s", "-",
              f"{time.perf_counter() - t:.2f}")
    if not args.store_url:
        servers.append(Server(work / "server-gsp"))
        gsp = RemoteStore.from_url(servers[-1].url, env={}, write_mode="gsp")
        sub = graphs[: min(len(graphs), 2000)]
        t_gsp = ingest(sub, args.batch, gsp, "remote gsp")
        table.add("ingest", f"papers/s, GSP PUT per paper ({len(sub)} papers)", "-", f"{len(sub) / t_gsp:.0f}",
                  ratio(pps_e, len(sub) / t_gsp))
        results["ingest"]["remote_gsp_papers_per_s"] = len(sub) / t_gsp
        gsp.close()

    # the offline path for a whole baseline: N-Quads files into `oxigraph load` (the bulk loader)
    binary = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    t = time.perf_counter()
    nq = work / "papers.nq"
    with open(nq, "wb") as f:
        for i in range(0, len(graphs), 1000):
            ox.serialize([q for _, qs in graphs[i:i + 1000] for q in qs], f, format=ox.RdfFormat.N_QUADS)
    t_ser = time.perf_counter() - t
    t = time.perf_counter()
    subprocess.run([binary, "load", "--location", str(work / "bulk"), "--file", str(nq)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t_bulk = time.perf_counter() - t
    table.add("ingest", "N-Quads written by workers, papers/s (serialize)", "-", f"{len(graphs) / t_ser:.0f}")
    table.add("ingest", "`oxigraph load` bulk loader, papers/s", "-", f"{len(graphs) / t_bulk:.0f}",
              ratio(pps_e, len(graphs) / t_bulk))
    table.add("ingest", "`oxigraph load` bulk loader, quads/s", "-", f"{n_quads / t_bulk:,.0f}")
    results["ingest"].update({"nquads_serialize_papers_per_s": len(graphs) / t_ser,
                              "bulk_load_papers_per_s": len(graphs) / t_bulk, "bulk_load_quads_per_s": n_quads / t_bulk,
                              "nquads_bytes_per_paper": nq.stat().st_size / len(graphs)})
    nq.unlink()

    same_count = emb.quad_count() == rem.quad_count()
    table.add("ingest", "quads in store (equal?)", f"{emb.quad_count():,}", f"{rem.quad_count():,}",
              "equal" if same_count else "DIFFER")
    emb.flush()
    emb.oxigraph.optimize()
    disk_e = du_mb(work / "embedded")
    disk_r = du_mb(work / "server-update") if not args.store_url else float("nan")
    table.add("disk", "store MB (embedded after optimize())", f"{disk_e:.0f}", f"{disk_r:.0f}")
    table.add("disk", "store bytes per paper", f"{disk_e * 1e6 / len(graphs):,.0f}",
              f"{disk_r * 1e6 / len(graphs):,.0f}")
    disk_b = du_mb(work / "bulk")
    table.add("disk", "bulk-loaded store bytes per paper", "-", f"{disk_b * 1e6 / len(graphs):,.0f}")
    table.add("disk", "N-Quads bytes per paper", "-", f"{results['ingest']['nquads_bytes_per_paper']:,.0f}")
    db = DocumentStore(work / "kb.sqlite")
    with db.db.atomic():
        db.upsert_rows([db.row_for(x.document, x.extractor_version, x.counts) for x in extracted])
    db.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    sqlite_bpp = (work / "kb.sqlite").stat().st_size / len(graphs)
    table.add("disk", "SQLite bytes per paper (local in both)", f"{sqlite_bpp:,.0f}", f"{sqlite_bpp:,.0f}")
    results["disk"] = {"embedded_mb": disk_e, "remote_mb": disk_r, "bulk_mb": disk_b,
                       "sqlite_bytes_per_paper": sqlite_bpp}

    # 3. query latency -----------------------------------------------------------------------
    print(f"-- named-query latency at {len(graphs)} papers, p50 / p95 ms: embedded (left) vs remote (right)")
    cases = query_cases(extracted)
    emb.close()
    lat_e = latency_embedded(work / "embedded", cases, args.repeat, args.query_budget)
    rem.timeout = (rem.timeout[0], args.query_budget)
    rem.retries = 0
    lat_r = latency_remote(rem, cases, args.repeat, args.query_budget)
    results["queries"] = {}
    for key in lat_e:
        (te, ne), (tr, nr) = lat_e[key], lat_r[key]

        def cell(times, n):
            if isinstance(n, str):
                return f"{n} >{args.query_budget:.0f}s" if n == "timeout" else n
            return f"{statistics.median(times) * 1000:.1f} / {pct(times, 0.95) * 1000:.1f}"

        note = "" if ne == nr else f" rows {ne} vs {nr}"
        both = not isinstance(ne, str) and not isinstance(nr, str)
        table.add("query", key[:46], cell(te, ne), cell(tr, nr),
                  (ratio(statistics.median(te), statistics.median(tr)) if both else "-") + note)
        results["queries"][key] = {"embedded_ms": [t * 1000 for t in te], "remote_ms": [t * 1000 for t in tr],
                                   "rows_embedded": ne, "rows_remote": nr}
    rem.close()
    print()
    print(table.markdown("embedded / one process", "remote / Dask"))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
