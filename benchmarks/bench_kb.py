"""Benchmarks 2-5: ingest, queries at scale, cost growth and memory of the knowledge base.

    python benchmarks/bench_kb.py ingest --n 10000          # 2. kb add --workers 2
    python benchmarks/bench_kb.py scale --sizes 1000,10000,100000 --rdflib-at 10000
                                                              # 3, 4, 5

Everything goes through the public surface: the ``kb`` command (``add``, ``stats``,
``export``, ``serve``, ``query``) and ``kb.KnowledgeBase(home).query(name, params)``, each in a
child process so that memory and start-up are measured where they happen.

Query parameters come from the named query's header (``#+ param: name - description``) and its
``?_name`` variables. Values are entities of the loaded synthetic corpus, chosen by how many
papers mention them: "typical" entities are those at frequency ranks 5, 10, 20, 50 and 100 of
their type; the most frequent one (rank 1) is measured too and reported with the worst.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from common import (KB_IMPORT, REPO, Measured, Report, child_env, dir_size_mb, kb_command, kill_group, median,
                    named_queries, percentile, probe_imports, run_json, run_measured, section)

TYPICAL_RANKS = (5, 10, 20, 50, 100)
P50_TARGET_MS, P95_TARGET_MS = 100.0, 500.0

# ---------------------------------------------------------------------------------------------
# The corpus that is loaded, and the entities it mentions


@dataclass
class Corpus:
    """Which synthetic papers a KB holds, with document frequencies per entity type."""

    seed: int
    count: int = 0
    freq: dict[str, Counter] = field(default_factory=lambda: {k: Counter() for k in
                                                               ("drug", "target", "disease", "biomarker")})
    papers: list[str] = field(default_factory=list)
    trials: list[str] = field(default_factory=list)

    def write(self, directory: Path, n: int) -> Path:
        """Write the next ``n`` papers (ids continue) into ``directory``."""
        from generate import write_corpus

        for a in write_corpus(directory, n, self.seed, start=self.count + 1):
            self._record(a)
        return directory

    def scan(self, n: int) -> None:
        """Count the next ``n`` papers without writing them (for a KB loaded earlier)."""
        from generate import generate_articles

        for a in generate_articles(n, self.seed, start=self.count + 1):
            self._record(a)

    def _record(self, a) -> None:
        for kind, names in (("drug", a.drugs), ("target", a.targets), ("disease", a.diseases),
                            ("biomarker", a.biomarkers)):
            self.freq[kind].update(set(names))
        self.papers.append(a.id)
        if a.trial_id:
            self.trials.append(a.trial_id)
        self.count += 1

    def ranked(self, kind: str) -> list[tuple[str, int]]:
        return sorted(self.freq[kind].items(), key=lambda kv: (-kv[1], kv[0]))

    def picks(self, kind: str) -> list[dict]:
        """Typical entities (ranks 5..100) and the most frequent (rank 1) of one kind."""
        if kind in ("paper", "trial"):
            pool = self.papers if kind == "paper" else self.trials
            rng = random.Random(f"picks:{self.seed}:{kind}")
            chosen = rng.sample(pool, min(len(TYPICAL_RANKS), len(pool)))
            return [{"value": v, "rank": None, "papers": 1, "typical": True} for v in chosen]
        ranked = self.ranked(kind)
        out = [{"value": ranked[r - 1][0], "rank": r, "papers": ranked[r - 1][1], "typical": True}
               for r in TYPICAL_RANKS if r <= len(ranked)]
        if ranked:  # the most frequent last: timed after every typical call
            out.append({"value": ranked[0][0], "rank": 1, "papers": ranked[0][1], "typical": not out})
        return out


# ---------------------------------------------------------------------------------------------
# Named queries and their parameters

_PAGES = re.compile(r"^#\+\s*pages:\s*(?:paper|claim)\b", re.M)
_CLAIM_PAGES = re.compile(r"^#\+\s*pages:\s*claim\b", re.M)
PAGE_ROWS = 100  # a first page, as `kb query NAME --limit 100` gives it
_PARAM_HEADER = re.compile(r"^#\+\s*param:\s*(\w+)\s*(?:[-:]\s*(.*))?$", re.M)
_PARAM_VAR = re.compile(r"[?$]_(\w+)")
_KIND_WORDS = [
    ("trial", ("nct", "trial", "registry")),
    ("paper", ("paper", "pmid", "doc", "document", "article", "graph")),
    ("drug", ("drug", "compound", "treatment", "agent", "chemical")),
    ("target", ("target", "gene", "protein")),
    ("disease", ("disease", "condition", "indication", "cancer")),
    ("biomarker", ("biomarker", "marker")),
    ("number", ("limit", "min", "max", "top", "offset", "year", "threshold", "count", "n", "k", "depth", "hops")),
    ("entity", ("entity", "term", "label", "name", "search", "text", "q", "query", "node", "iri", "key", "id",
                "subject", "object", "concept")),
]


def query_params(path: Path) -> list[dict]:
    """Parameters of a named query: from ``#+ param:`` lines, then any other ``?_name`` variable."""
    text = path.read_text(encoding="utf-8")
    params: dict[str, str] = {}
    for m in _PARAM_HEADER.finditer(text):
        params[m.group(1)] = (m.group(2) or "").strip()
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for m in _PARAM_VAR.finditer(body):
        params.setdefault(m.group(1), "")
    return [{"name": k, "description": v, "kind": param_kind(k, v),
             "optional": "(optional)" in v.lower() or "default" in v.lower()} for k, v in params.items()]


def param_kind(name: str, description: str) -> str | None:
    words = set(re.split(r"[^a-z0-9]+", name.lower()))
    for kind, keys in _KIND_WORDS:
        if words & set(keys):
            return kind
    desc = set(re.split(r"[^a-z0-9]+", description.lower()))
    for kind, keys in _KIND_WORDS:
        if desc & set(k for k in keys if len(k) > 2):
            return kind
    return None


def number_value(param: dict) -> str:
    m = re.search(r"default[s]?\s*[:=]?\s*(\d+)", param["description"], re.I)
    return m.group(1) if m else "20"


def query_plan(corpus: Corpus, reps: int) -> dict:
    """For each named query: the calls to time (one per chosen entity), or why it is skipped.

    Required parameters are all bound; a query whose parameters are all optional is timed with
    its first entity-like parameter bound (``paper`` for the per-paper listings), which is how
    the CLI and the graph browser call it.
    """
    plan: dict = {"reps": reps, "queries": []}
    for path in named_queries():
        params = query_params(path)
        entry: dict = {"name": path.stem, "params": params, "calls": []}
        required = [p for p in params if not p["optional"]]
        unknown = [p["name"] for p in required if p["kind"] is None]
        if unknown:
            entry["skip"] = f"parameter(s) of unknown kind: {', '.join(unknown)}"
            plan["queries"].append(entry)
            continue
        entity_like = [p for p in required if p["kind"] != "number"] or \
                      [p for p in params if p["kind"] not in (None, "number")][:1]
        fixed = {p["name"]: number_value(p) for p in required if p["kind"] == "number"}
        if not entity_like:
            entry["calls"].append({"entity": None, "rank": None, "papers": None, "typical": True, "params": fixed})
            plan["queries"].append(entry)
            if _CLAIM_PAGES.search(path.read_text()):  # its first page, read from the most reported claims
                plan["queries"].append({**entry, "name": f"{path.stem} --limit {PAGE_ROWS}", "query": path.stem,
                                        "limit": PAGE_ROWS})
            continue
        main, rest = entity_like[0], entity_like[1:]
        kind = "drug" if main["kind"] == "entity" else main["kind"]
        for p in rest:  # further required entities: the first typical one of their kind
            picks = corpus.picks("drug" if p["kind"] == "entity" else p["kind"])
            if picks:
                fixed[p["name"]] = picks[0]["value"]
        for pick in corpus.picks(kind):
            entry["calls"].append({"entity": f"{kind}:{pick['value']}", "rank": pick["rank"],
                                   "papers": pick["papers"], "typical": pick["typical"],
                                   "params": {**fixed, main["name"]: pick["value"]}})
        if not entry["calls"]:
            entry["skip"] = f"the corpus has no {kind} to pass as {main['name']}"
        plan["queries"].append(entry)
        if entry["calls"] and "case-insensitive" in main["description"] and _PAGES.search(path.read_text()):
            # a query that pages (by paper or claim), with an entity bound: its first page too, as a user sees it
            plan["queries"].append({**entry, "name": f"{path.stem} --limit {PAGE_ROWS}", "query": path.stem,
                                    "limit": PAGE_ROWS})
    return plan


# ---------------------------------------------------------------------------------------------
# Child: time the queries through the Python API


def _knowledge_base_class():
    scope: dict = {}
    exec(KB_IMPORT, scope)  # `from kb import KnowledgeBase`, or its module while kb/__init__ lacks it
    return scope["KnowledgeBase"]


def ordered_calls(plan: dict) -> list[tuple[dict, dict]]:
    """Each query's first call first, then the second calls, and so on."""
    rounds: list[list[tuple[dict, dict]]] = []
    for q in plan["queries"]:
        for i, call in enumerate(q.get("calls", [])):
            while len(rounds) <= i:
                rounds.append([])
            rounds[i].append((q, call))
    return [qc for r in rounds for qc in r]


def _call_order(calls: list[dict]) -> list[dict]:
    """First typical entity, then the most frequent one (the likely worst), then the other typical."""
    typical = [c for c in calls if c.get("typical")]
    others = [c for c in calls if not c.get("typical")]
    return typical[:1] + others + typical[1:]


def child_queries(home: str, plan_path: str) -> None:
    """Time the plan's calls; one JSON line before (``start``) and after each call.

    A call is one warm-up run (its time kept as ``first_ms``) and up to ``reps`` timed runs. A
    query gets ``plan["per_query_s"]`` seconds: its first call always runs in full, later runs
    and calls only while it has time left. The parent kills this process when one run takes
    longer than its cap, and starts another for the queries left.
    """
    plan = json.loads(Path(plan_path).read_text())
    t0 = time.perf_counter()
    KnowledgeBase = _knowledge_base_class()
    kb = KnowledgeBase(home)
    print(json.dumps({"open_s": time.perf_counter() - t0}), flush=True)
    per_query = plan.get("per_query_s", 1e9)
    try:
        for q in plan["queries"]:
            q_start = time.perf_counter()
            for i, call in enumerate(_call_order(q.get("calls", []))):
                if i and time.perf_counter() - q_start > per_query:
                    break
                print(json.dumps({"start": [q["name"], call["entity"]]}), flush=True)
                out = {"query": q["name"], "entity": call["entity"]}
                try:
                    page = {"limit": q["limit"]} if q.get("limit") else {}
                    t = time.perf_counter()
                    rows = len(kb.query(q.get("query", q["name"]), call["params"] or None, **page).rows)
                    first = (time.perf_counter() - t) * 1000
                    times = []
                    for _ in range(plan["reps"]):
                        if time.perf_counter() - q_start > per_query and (i or times):
                            break
                        t = time.perf_counter()
                        len(kb.query(q.get("query", q["name"]), call["params"] or None, **page).rows)
                        times.append((time.perf_counter() - t) * 1000)
                    out.update(times_ms=times or [first], first_ms=first, rows=rows)
                    if not times:
                        out["slow"] = True  # the warm-up used the query's time: its one sample stands
                except Exception as exc:  # reported per call; the other queries go on
                    out["error"] = f"{type(exc).__name__}: {exc}"[:300]
                print(json.dumps(out), flush=True)
    finally:
        kb.close()


def child_count(home: str) -> None:
    """Triples and papers: ``KnowledgeBase.stats()`` when there is one, else a SPARQL count."""
    KnowledgeBase = _knowledge_base_class()
    kb = KnowledgeBase(home)
    try:
        if hasattr(kb, "stats"):
            st = kb.stats()
            print(json.dumps({"triples": int(st["triples"]), "graphs": int(st["papers"])}))
            return
        res = kb.query(None, sparql="SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?g_n) "
                                    "WHERE { GRAPH ?g { ?s ?p ?o } }")
        row = res.rows[0]
        print(json.dumps({"triples": int(row["n"]), "graphs": int(row["g_n"])}))
    finally:
        kb.close()


def parse_lines(text: str) -> list[dict]:
    out = []
    for line in text.splitlines():
        if line.startswith("{"):
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                pass  # a line cut by a kill
    return out


# ---------------------------------------------------------------------------------------------
# Steps run from the orchestrator


ME = [sys.executable, os.path.abspath(__file__)]


def kb_add(home: Path, paths: list[Path], workers: int, timeout: float) -> Measured:
    return run_measured([*kb_command(), "--home", str(home), "add", *map(str, paths), "--workers", str(workers)],
                        timeout=timeout)


def kb_counts(home: Path) -> dict:
    """Triples and paper graphs in the store (Python API in a child)."""
    m, data = run_json([*ME, "_count", "--home", str(home)], timeout=1800)
    return data if m.ok else {"error": m.error()}


def run_watched(cmd: list[str], call_cap_s: float, total_timeout: float) -> tuple[list[dict], list | None, str]:
    """Run a child that prints ``{"start": [...]}`` before each call; kill it when one call runs
    longer than ``call_cap_s``. Returns its JSON lines, the call killed (or None), and an error."""
    with tempfile.NamedTemporaryFile(prefix="watched-", suffix=".jsonl", delete=False) as fh:
        out_path = Path(fh.name)
    try:
        with open(out_path, "wb") as out, tempfile.TemporaryFile() as err:
            p = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=REPO, env=child_env(),
                                 start_new_session=True)
            t0 = time.perf_counter()
            current, since, pos, lines = None, t0, 0, []
            try:
                while p.poll() is None:
                    time.sleep(0.05)
                    with open(out_path, "rb") as rd:
                        rd.seek(pos)
                        chunk = rd.read()
                    complete = chunk[:chunk.rfind(b"\n") + 1]
                    pos += len(complete)
                    for ln in parse_lines(complete.decode("utf-8", "replace")):
                        lines.append(ln)
                        current, since = (ln["start"], time.perf_counter()) if "start" in ln else (None, since)
                    now = time.perf_counter()
                    if (current and now - since > call_cap_s) or now - t0 > total_timeout:
                        kill_group(p.pid)
                        p.wait()
                        return lines, current or ["?", None], f"killed after {now - t0:.0f} s"
            except BaseException:
                kill_group(p.pid)
                raise
            kill_group(p.pid)
            lines += parse_lines(out_path.read_bytes()[pos:].decode("utf-8", "replace"))
            err.seek(0)
            tail = " | ".join(err.read().decode("utf-8", "replace").strip().splitlines()[-3:])
            return lines, None, (f"exit {p.returncode}: {tail}" if p.returncode else "")
    finally:
        out_path.unlink(missing_ok=True)


def time_queries(home: Path, plan: dict, work: Path, per_query_s: float, call_cap_s: float) -> tuple[dict, list[dict]]:
    """Time every planned query in a child process (see :func:`child_queries`).

    A run longer than ``call_cap_s`` is killed with its process and reported; a new process goes
    on with the queries not started yet (the killed query is not retried).
    """
    head: dict = {}
    calls: list[dict] = []
    finished: set[str] = set()
    for _ in range(len(plan["queries"]) + 1):
        todo = [q for q in plan["queries"] if q["name"] not in finished and q.get("calls")]
        if not todo:
            break
        sub = {**plan, "per_query_s": per_query_s, "queries": todo}
        plan_path = work / "plan.json"
        plan_path.write_text(json.dumps(sub))
        n_calls = sum(len(q["calls"]) for q in todo)
        lines, killed, error = run_watched([*ME, "_queries", "--home", str(home), "--plan", str(plan_path)],
                                           call_cap_s, 120 + len(todo) * per_query_s * 2 + n_calls * call_cap_s)
        head = head or next((ln for ln in lines if "open_s" in ln), {})
        results = [ln for ln in lines if "query" in ln]
        calls += results
        finished |= {ln["start"][0] for ln in lines if "start" in ln}
        if killed is None:
            if error and not results:
                head = {"error": error}
            break
        calls.append({"query": killed[0], "entity": killed[1],
                      "error": f"killed: one run took over {call_cap_s:.0f} s"})
    return head, calls


@dataclass
class QueryStat:
    name: str
    p50: float | None = None
    p95: float | None = None
    rows: int | None = None
    worst_entity: str = ""
    worst_p50: float | None = None
    worst_p95: float | None = None
    error: str = ""
    skip: str = ""
    note: str = ""


def summarize(plan: dict, calls: list[dict]) -> list[QueryStat]:
    """Pool the typical entities' times per query; find the entity with the highest p50."""
    by_query: dict[str, list[dict]] = {}
    for c in calls:
        by_query.setdefault(c["query"], []).append(c)
    meta = {(q["name"], c["entity"]): c for q in plan["queries"] for c in q.get("calls", [])}
    out = []
    for q in plan["queries"]:
        st = QueryStat(q["name"])
        if q.get("skip"):
            st.skip = q["skip"]
            out.append(st)
            continue
        results = by_query.get(q["name"], [])
        errors = [r["error"] for r in results if "error" in r]
        if any(e.startswith("killed") for e in errors) and not any("times_ms" in r for r in results):
            st.error = "not measured: " + next(e for e in errors if e.startswith("killed"))
            out.append(st)
            continue
        errors = [e for e in errors if not e.startswith("killed")] + \
                 [f"{r['entity']} {r['error']}" for r in results if r.get("error", "").startswith("killed")]
        timed = [r for r in results if "times_ms" in r]
        if not timed:
            st.error = errors[0] if errors else "not run (the query process stopped early)"
            out.append(st)
            continue
        if any(r.get("slow") for r in timed):
            st.note = f"1 run per entity: the first took {max(r['first_ms'] for r in timed if r.get('slow')):.0f} ms"
        if len(timed) < len(q.get("calls", [])):
            st.note = (st.note + "; " if st.note else "") + \
                f"{len(timed)} of {len(q['calls'])} entities timed within the query's time"
        typical = [t for r in timed if meta.get((q["name"], r["entity"]), {}).get("typical") for t in r["times_ms"]]
        typical = typical or [t for r in timed for t in r["times_ms"]]
        st.p50, st.p95 = percentile(typical, 50), percentile(typical, 95)
        st.rows = int(median([r["rows"] for r in timed]))
        worst = max(timed, key=lambda r: percentile(r["times_ms"], 50))
        st.worst_entity = worst["entity"] or "(no parameter)"
        st.worst_p50, st.worst_p95 = percentile(worst["times_ms"], 50), percentile(worst["times_ms"], 95)
        if errors:
            st.error = f"{len(errors)} call(s) failed: {errors[0]}"
        out.append(st)
    return out


def report_queries(report: Report, sec: str, stats: list[QueryStat], n_papers: int) -> None:
    for st in stats:
        fig = f"query {st.name}"
        if st.skip:
            report.skip(sec, fig, st.skip)
            continue
        if st.p50 is None:
            if st.error.startswith("not measured"):  # slower than the cap allows: a timing failure
                report.figure(sec, f"{fig} p50/p95 (typical)", None, "", "<100 / <500 ms", False, note=st.error)
            else:
                report.check(sec, f"{fig} runs", False, note=st.error)
            continue
        ok = st.p50 < P50_TARGET_MS and st.p95 < P95_TARGET_MS
        report.figure(sec, f"{fig} p50/p95 (typical)", None if st.p50 is None else st.p50,
                      f"{st.p50:.1f} / {st.p95:.1f} ms", "<100 / <500 ms", ok,
                      note=f"{st.rows} rows; worst {st.worst_entity}: {st.worst_p50:.1f} / {st.worst_p95:.1f} ms"
                      + (f"; {st.note}" if st.note else "") + (f"; {st.error}" if st.error else ""))


def export_nquads(home: Path, dest: Path, timeout: float = 3600) -> Measured:
    return run_measured([*kb_command(), "--home", str(home), "export", "--format", "nquads"], timeout=timeout,
                        stdout_path=dest)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# 2. Ingest


def run_ingest(report: Report, work: Path, *, n: int, workers: int = 2, seed: int = 1,
               timeout: float = 3600) -> dict:
    section(f"2. Ingest: kb add of {n} synthetic abstracts, --workers {workers}")
    missing = probe_imports("import kb.cli")
    if missing:
        report.skip("ingest", "kb add", missing)
        return {}
    corpus = Corpus(seed)
    docs = corpus.write(work / "ingest-docs", n)
    home = work / "ingest-home"
    m = kb_add(home, [docs], workers, timeout)
    if not m.ok:
        report.check("ingest", f"kb add {n} papers", False, note=m.error())
        return {}
    counts = kb_counts(home)
    triples = counts.get("triples")
    report.check("ingest", "every paper is in the store", counts.get("graphs", 0) >= n,
                 f"{counts.get('graphs', 0)} graphs", counts.get("error", ""))
    scaled = 120.0 * n / 10000
    report.figure("ingest", f"wall time, {n} papers", m.wall, "{:.1f} s",
                  f"< {scaled:.3g} s" + (" (120 s/10k)" if n != 10000 else ""), m.wall < scaled,
                  note="" if n >= 10000 else "target scaled from 120 s per 10k; includes start-up")
    report.info("ingest", "papers/s", f"{n / m.wall:.0f}")
    if triples:
        report.info("ingest", "triples/s", f"{triples / m.wall:,.0f}", f"{triples:,} triples, {triples / n:.0f}/paper")
    report.info("ingest", "peak memory of kb add, PSS of all processes", f"{m.peak_pss_mb:.0f} MB",
                f"summed RSS {m.peak_tree_mb:.0f} MB counts shared pages per process; "
                f"largest process {m.max_rss_mb:.0f} MB")
    report.info("ingest", "disk size of the KB", f"{dir_size_mb(home):.0f} MB")
    # extraction alone, same docs, same number of processes
    from bench_extract import run_pool

    pm, pool = run_pool(docs, workers, timeout)
    if pm.ok and pool:
        ratio = m.wall / pool["wall_s"]
        report.figure("ingest", "kb add time / extraction alone", ratio, "{:.2f}x", "<= 1.5x", ratio <= 1.5,
                      note=f"extraction alone {pool['wall_s']:.1f} s with {workers} processes (extract_many)")
    else:
        report.skip("ingest", "kb add time / extraction alone", pm.error())
    shutil.rmtree(home, ignore_errors=True)
    return {"wall": m.wall, "papers_per_s": n / m.wall}


# ---------------------------------------------------------------------------------------------
# 3-5. Queries at scale, cost growth, memory


def run_scale(report: Report, work: Path, *, sizes: list[int], probe: int, reps: int, rdflib_at: int | None,
              rdflib_timeout: float, rdflib_budget: float = 3600, per_query_s: float = 120,
              call_cap_s: float = 300, workers: int = 2, seed: int = 1, serve: bool = True,
              timeout: float = 7200, keep: bool = False) -> None:
    """Grow one KB through ``sizes``; at each size time a fixed-size add and every named query.

    Each query gets ``per_query_s`` seconds of timing per size (its first call always runs), a
    run over ``call_cap_s`` is killed; ``rdflib_budget`` bounds the rdflib side by side.
    """
    section(f"3-5. Queries at scale, cost growth, memory: {', '.join(f'{s:,}' for s in sizes)} papers")
    missing = probe_imports("import kb.cli" + KB_IMPORT)
    if missing:
        for fig in ("queries at scale", "rdflib side by side", "cost growth", "peak RSS of kb add", "kb serve"):
            report.skip("scale", fig, missing)
        return
    if not named_queries():
        report.skip("scale", "named queries", "no queries/*.rq yet")
    corpus = Corpus(seed)
    home = work / "scale-home"
    growth: list[list[str]] = []
    query_table: dict[str, dict[int, QueryStat]] = {}
    probe_costs: dict[int, float] = {}
    p50_by_size: dict[int, float] = {}
    add_peaks: dict[int, tuple[float, float, float]] = {}  # size -> (PSS, summed RSS, largest process RSS)
    for size in sizes:
        fill = size - probe - corpus.count
        adds: list[Measured] = []
        if fill > 0:
            d = corpus.write(work / f"docs-{size}-fill", fill)
            m = kb_add(home, [d], workers, timeout)
            adds.append(m)
            shutil.rmtree(d, ignore_errors=True)
            if not m.ok:
                report.check("scale", f"kb add to {size:,} papers", False, note=m.error())
                return
        batch = size - corpus.count
        d = corpus.write(work / f"docs-{size}-probe", batch)
        m = kb_add(home, [d], workers, timeout)
        adds.append(m)
        shutil.rmtree(d, ignore_errors=True)
        if not m.ok:
            report.check("scale", f"kb add to {size:,} papers", False, note=m.error())
            return
        probe_costs[size] = m.wall / batch * 1000
        add_peaks[size] = (max(a.peak_pss_mb for a in adds), max(a.peak_tree_mb for a in adds),
                           max(a.max_rss_mb for a in adds))
        counts = kb_counts(home)
        disk = dir_size_mb(home)
        plan = query_plan(corpus, reps)
        head, calls = time_queries(home, plan, work, per_query_s, call_cap_s)
        stats = summarize(plan, calls)
        for st in stats:
            query_table.setdefault(st.name, {})[size] = st
        measured = [st.p50 for st in stats if st.p50 is not None]
        if measured:
            p50_by_size[size] = median(measured)
        growth.append([f"{size:,}", f"{counts.get('triples', 0):,}", f"{disk:,.0f}",
                       f"{probe_costs[size]:.1f}", f"{batch}",
                       f"{head.get('open_s', float('nan')):.2f}",
                       f"{p50_by_size.get(size, float('nan')):.1f}",
                       f"{max((st.p95 for st in stats if st.p95 is not None), default=float('nan')):.1f}",
                       f"{add_peaks[size][0]:.0f}"])
        print(f"  loaded {size:,} papers: {counts.get('triples', '?')} triples, {disk:.0f} MB on disk, "
              f"probe add {probe_costs[size]:.1f} ms/paper", flush=True)
        if head.get("error"):
            report.check("scale", f"queries at {size:,} papers", False, note=head["error"])
        if rdflib_at and size == rdflib_at:
            run_rdflib(report, work, home, plan, calls, stats, size, rdflib_timeout, rdflib_budget)

    largest = sizes[-1]
    section(f"3. Named queries at {largest:,} papers (Python API, {reps} repetitions per entity)")
    report_queries(report, "queries", [query_table[name][largest] for name in query_table
                                       if largest in query_table[name]], largest)
    check_cli_query(report, home, query_plan(corpus, 1))
    section("4. Cost growth")
    report.table("growth", ["papers", "triples", "disk MB", "add ms/paper", "batch", "open s",
                            "median p50 ms", "max p95 ms", "add PSS MB"], growth)
    if len(sizes) > 1:
        names = sorted(query_table)
        report.table("query-growth", ["query", *[f"p50 ms @{s:,}" for s in sizes]],
                     [[n, *[f"{query_table[n][s].p50:.1f}" if s in query_table[n] and query_table[n][s].p50
                            is not None else "-" for s in sizes]] for n in names])
        first, last = sizes[0], sizes[-1]
        growth_ratio = probe_costs[last] / probe_costs[first]
        report.figure("growth", f"add cost per paper, {last:,} vs {first:,} papers", growth_ratio, "{:.2f}x",
                      "<= 1.5x (flat)", growth_ratio <= 1.5,
                      note=f"{probe_costs[first]:.1f} -> {probe_costs[last]:.1f} ms/paper, batches of {probe}")
        both = [n for n in names if query_table[n].get(first) and query_table[n].get(last)
                and query_table[n][first].p50 and query_table[n][last].p50]
        if both:  # per query, so that a query measured at one size only does not skew it
            ratio = median([query_table[n][last].p50 / query_table[n][first].p50 for n in both])
            exponent = math.log(ratio) / math.log(last / first)
            report.figure("growth", "query latency growth exponent (median over queries)", exponent, "{:.2f}",
                          "< 1 (sublinear)", exponent < 1.0,
                          note=f"p50 x{ratio:.1f} for {last / first:.0f}x papers, {len(both)} queries measured at both")
    section(f"5. Memory at {largest:,} papers")
    pss, rss, single = add_peaks[largest]
    report.info("memory", "peak memory of kb add, PSS of all processes", f"{pss:.0f} MB",
                f"summed RSS {rss:.0f} MB; largest process {single:.0f} MB")
    if serve:
        run_serve(report, home, corpus, reps, per_route_s=max(2.0, per_query_s * 2))
    if not keep:
        shutil.rmtree(home, ignore_errors=True)


def check_cli_query(report: Report, home: Path, plan: dict) -> None:
    """`kb query NAME --param k=v --format json` gives the rows the Python API gives."""
    call = next(((q["name"], q["calls"][0]) for q in plan["queries"] if q.get("calls")), None)
    if call is None:
        return
    name, c = call
    args = [*kb_command(), "--home", str(home), "query", name, "--format", "json"]
    for k, v in c["params"].items():
        args += ["--param", f"{k}={v}"]
    m = run_measured(args, timeout=600)
    if not m.ok:
        report.check("queries", f"kb query {name} --format json", False, note=m.error())
        return
    try:
        data = json.loads(m.stdout)
        rows = data if isinstance(data, list) else data.get("rows", data.get("results", {}).get("bindings", []))
        report.check("queries", f"kb query {name} --format json", isinstance(rows, list), f"{len(rows)} rows",
                     note=f"{m.wall:.2f} s with start-up")
    except (json.JSONDecodeError, AttributeError) as exc:
        report.check("queries", f"kb query {name} --format json", False, note=f"not JSON: {exc}")


def run_rdflib(report: Report, work: Path, home: Path, plan: dict, ox_calls: list[dict],
               ox_stats: list[QueryStat], size: int, timeout: float, budget: float) -> None:
    """The same named queries on rdflib's default in-memory store, loaded from `kb export`."""
    section(f"3b. Same queries on rdflib's in-memory Dataset at {size:,} papers (timeout {timeout:.0f} s per call)")
    nq = work / f"export-{size}.nq"
    m = export_nquads(home, nq)
    if not m.ok:
        report.check("rdflib", "kb export --format nquads", False, note=m.error())
        return
    with open(nq, "rb") as fh:
        nq_lines = sum(1 for line in fh if line.strip())
    report.info("rdflib", "kb export --format nquads", f"{nq.stat().st_size / 2**20:.0f} MB",
                f"{nq_lines:,} quads in {m.wall:.1f} s")
    # two typical entities per query, up to 3 repetitions: rdflib is slow, and a timeout says enough
    small = {"reps": min(plan["reps"], 3), "queries": [
        {**q, "calls": [c for c in q.get("calls", []) if c["typical"]][:2]} for q in plan["queries"]
        if q.get("calls") and not q.get("skip") and not q.get("limit")]}
    plan_path = work / "rdflib-plan.json"
    plan_path.write_text(json.dumps(small))
    from bench_rdflib import run_child

    rm = run_child(nq, plan_path, timeout, budget)
    lines = parse_lines(rm.stdout)
    load = next((ln for ln in lines if "load_s" in ln), None)
    if load is None:
        report.check("rdflib", "rdflib Dataset loads the export", False, note=rm.error())
        return
    report.info("rdflib", "rdflib parse of the N-Quads", f"{load['load_s']:.1f} s",
                f"{load['quads']:,} quads, RSS {load['rss_mb']:.0f} MB")
    if load.get("quads") is not None and load["quads"] != nq_lines:
        report.check("rdflib", "rdflib holds every exported quad", False, f"{load['quads']:,} of {nq_lines:,}")
    ox_by_name = {s.name: s for s in ox_stats}
    ox_rows = {(c["query"], c["entity"]): c.get("rows") for c in ox_calls}
    table, mismatches, compared = [], [], 0
    for q in small["queries"]:
        st = ox_by_name.get(q["name"])
        res = [ln for ln in lines if ln.get("query") == q["name"]]
        if st is None or st.p50 is None:
            continue
        ox_typ = [t for c in ox_calls if c["query"] == q["name"] and "times_ms" in c
                  and any(c["entity"] == k["entity"] for k in q["calls"]) for t in c["times_ms"]]
        ox_p50 = percentile(ox_typ, 50) if ox_typ else st.p50
        times = [t for r in res for t in r.get("times_ms", [])]
        if times:
            rd = percentile(times, 50)
            rd_text, ratio = f"{rd:.1f}", (f"{rd / ox_p50:.0f}x" if ox_p50 > 0 else "-")
        elif any(r.get("timeout") for r in res):
            rd_text = f"timeout >{timeout:.0f}s"
            ratio = f">{timeout * 1000 / ox_p50:.0f}x" if 0 < ox_p50 < timeout * 1000 else "-"
        elif res and res[0].get("error"):
            rd_text, ratio = "error", "-"
            report.info("rdflib", f"rdflib error in {q['name']}", res[0]["error"][:100])
        else:
            rd_text, ratio = "not run (budget)", "-"
        table.append([q["name"], f"{ox_p50:.1f}", rd_text, ratio])
        for r in res:
            if "rows" in r and ox_rows.get((q["name"], r["entity"])) is not None:
                compared += 1
                if r["rows"] != ox_rows[(q["name"], r["entity"])]:
                    mismatches.append(f"{q['name']} {r['entity']}: {ox_rows[(q['name'], r['entity'])]} vs {r['rows']}")
    report.table("rdflib", ["query", "Oxigraph p50 ms", "rdflib p50 ms", "rdflib / Oxigraph"], table)
    if compared:
        report.check("rdflib", "same row counts in Oxigraph and rdflib", not mismatches,
                     f"{compared - len(mismatches)}/{compared} calls",
                     ("Oxigraph vs rdflib rows: " + "; ".join(mismatches[:3])) if mismatches else "")
    nq.unlink(missing_ok=True)


def run_serve(report: Report, home: Path, corpus: Corpus, reps: int, per_route_s: float) -> None:
    """Start `kb serve`, call its JSON API for typical entities, report latency and peak memory."""
    from bench_serve import serve_benchmark

    serve_benchmark(report, home, corpus, max(reps, 3), per_route_s)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmarks 2-5 of the knowledge base.")
    sub = ap.add_subparsers(dest="mode", required=True)
    q = sub.add_parser("_queries")
    q.add_argument("--home", required=True)
    q.add_argument("--plan", required=True)
    c = sub.add_parser("_count")
    c.add_argument("--home", required=True)
    i = sub.add_parser("ingest", help="2. kb add of N synthetic abstracts")
    i.add_argument("--n", type=int, default=10000)
    i.add_argument("--workers", type=int, default=2)
    s = sub.add_parser("scale", help="3-5. queries at scale, cost growth, memory")
    s.add_argument("--sizes", default="1000,10000,100000")
    s.add_argument("--probe", type=int, default=1000, help="papers per timed add batch at each size")
    s.add_argument("--reps", type=int, default=5)
    s.add_argument("--rdflib-at", type=int, default=10000)
    s.add_argument("--rdflib-timeout", type=float, default=60, help="seconds per rdflib call")
    s.add_argument("--rdflib-budget", type=float, default=1800, help="seconds for all rdflib calls")
    s.add_argument("--per-query", type=float, default=120, help="seconds of timing per query and size")
    s.add_argument("--call-cap", type=float, default=300, help="a query run longer than this is killed")
    s.add_argument("--no-serve", action="store_true")
    for p in (i, s):
        p.add_argument("--seed", type=int, default=1)
        p.add_argument("--keep", action="store_true", help="keep the work folder under benchmarks/out/")
    args = ap.parse_args(argv)
    if args.mode == "_queries":
        child_queries(args.home, args.plan)
        return 0
    if args.mode == "_count":
        child_count(args.home)
        return 0
    from common import new_run_dir

    work = new_run_dir()
    report = Report()
    try:
        if args.mode == "ingest":
            run_ingest(report, work, n=args.n, workers=args.workers, seed=args.seed)
        else:
            sizes = [int(x) for x in args.sizes.split(",")]
            run_scale(report, work, sizes=sizes, probe=args.probe, reps=args.reps, rdflib_at=args.rdflib_at,
                      rdflib_timeout=args.rdflib_timeout, rdflib_budget=args.rdflib_budget,
                      per_query_s=args.per_query, call_cap_s=args.call_cap, seed=args.seed,
                      serve=not args.no_serve, keep=args.keep)
    finally:
        if args.keep:
            print(f"\nwork folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n{report.summary()}")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
