"""The named queries on rdflib's default in-memory store, for the side-by-side table of benchmark 3.

    python benchmarks/bench_rdflib.py --nquads EXPORT.nq --plan PLAN.json --timeout 60

Loads ``rdflib.Dataset(default_union=True)`` (the union semantics the KB's Oxigraph store uses)
from a ``kb export --format nquads`` file, then runs each planned call with the query's text and
its parameters bound the way ``kb.query`` binds them (``kb.query.substitutions``, given to
rdflib as ``initBindings``). Every call has a timeout (SIGALRM; rdflib evaluates in pure Python,
so the alarm interrupts it). One JSON line per call on stdout, so the parent keeps what finished
even if it has to stop the child.
``bench_kb.py scale`` runs it; it is rarely useful alone.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from pathlib import Path

from common import REPO, Measured, child_env, run_measured


class QueryTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise QueryTimeout()


def _vm_rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def to_rdflib(term):
    """A pyoxigraph term from ``kb.query.bind_value`` as the same rdflib term."""
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value if term.datatype else None
        if dt and dt != "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value, datatype=URIRef(dt))
        return Literal(term.value)
    return Literal(str(term))


def child(nquads: str, plan_path: str, timeout: float) -> None:
    from rdflib import Dataset

    def query_and_bindings(name: str, params: dict[str, str]) -> tuple[str, dict]:
        """The query text and its bindings exactly as ``kb.query`` makes them (prefixes added,
        values normalized per parameter), converted to rdflib terms."""
        try:
            from kb import query as kq

            named = kq.resolve(name)
            subs = kq.substitutions(named, params)
            return kq.with_prefixes(named.text), {k: to_rdflib(v) for k, v in subs.items()}
        except (ImportError, AttributeError):  # the helpers moved: the file, plain literals
            from rdflib import Literal

            text = (REPO / "queries" / f"{name}.rq").read_text(encoding="utf-8")
            return text, {f"_{k}": Literal(v) for k, v in params.items()}

    plan = json.loads(Path(plan_path).read_text())
    t0 = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(nquads, format="nquads")
    quads = sum(len(g) for g in ds.graphs())  # len(ds) would count the union's distinct triples
    print(json.dumps({"load_s": time.perf_counter() - t0, "quads": quads, "rss_mb": _vm_rss_mb()}), flush=True)
    signal.signal(signal.SIGALRM, _alarm)
    t_start = time.perf_counter()
    timed_out: set[str] = set()
    from bench_kb import ordered_calls

    for q, call in ordered_calls(plan):
        out: dict = {"query": q["name"], "entity": call["entity"]}
        if q["name"] in timed_out:  # a second entity would time out too; don't spend the budget again
            continue
        if time.perf_counter() - t_start > plan.get("deadline_s", 1e9):
            print(json.dumps({"deadline": True}), flush=True)
            break
        times, rows = [], None
        try:
            text, bindings = query_and_bindings(q["name"], call["params"])
            for _ in range(plan["reps"]):
                signal.setitimer(signal.ITIMER_REAL, timeout)
                t = time.perf_counter()
                try:
                    rows = len(list(ds.query(text, initBindings=bindings)))
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                times.append((time.perf_counter() - t) * 1000)
                if times[-1] > timeout * 1000 / 4:  # slow: one sample says enough
                    break
            out.update(times_ms=times, rows=rows)
        except QueryTimeout:
            out["timeout"] = True
            timed_out.add(q["name"])
        except Exception as exc:  # reported; the other queries go on
            out["error"] = f"{type(exc).__name__}: {exc}"[:300]
        print(json.dumps(out), flush=True)


def run_child(nquads: Path, plan_path: Path, timeout: float, budget: float) -> Measured:
    """Run :func:`child` in a process: no call starts after ``budget`` seconds of queries, and the
    process is stopped when loading plus ``budget`` plus one timeout have passed."""
    plan = json.loads(plan_path.read_text())
    plan["deadline_s"] = budget
    plan_path.write_text(json.dumps(plan))
    load_allowance = 120 + nquads.stat().st_size / 2**20 * 3  # rdflib parses roughly 1 MB of N-Quads per 1-3 s
    return run_measured([sys.executable, os.path.abspath(__file__), "--nquads", str(nquads), "--plan",
                         str(plan_path), "--timeout", str(timeout)], timeout=load_allowance + budget + timeout + 30,
                        env=child_env())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Named queries on rdflib's in-memory Dataset.")
    ap.add_argument("--nquads", required=True)
    ap.add_argument("--plan", required=True, help="JSON plan written by bench_kb.py")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per query call")
    args = ap.parse_args(argv)
    child(args.nquads, args.plan, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
