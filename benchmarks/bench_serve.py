"""Benchmarks 3 (graph browser JSON API) and 5 (memory of ``kb serve``), on a loaded KB.

    python benchmarks/bench_serve.py --home KB_HOME --n PAPERS [--reps 5]

Starts ``kb --home HOME serve --port PORT`` on a free local port, waits until it answers, then
replays what the graph browser does for typical entities: search a label prefix, open the
entity's neighbourhood (depth 1 and 2), open the evidence of one of its claim edges, open a
paper. p50/p95 are over typical entities x repetitions (the first call of each route, which may
build the server's entity graph, is timed apart). The resident memory of the server's process
tree (it runs the store in a child process) is sampled throughout. ``bench_kb.py scale`` runs
this at its largest size. The server's own process group is stopped at the end.

Routes are taken from the app's table (``kb.serve.app.ROUTES``); a browser call whose route is
not in the table is reported as SKIP.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from common import (REPO, Report, child_env, kb_command, percentile, probe_imports, section, tree_pss_mb,
                    tree_rss_mb)

#: (figure, route in the app's table, query string template). ``{entity}`` is a typical entity's
#: label, ``{prefix}`` its first 4 characters, ``{paper}`` a paper id, ``{claim}`` the id of a
#: claim edge of the entity's neighbourhood.
BROWSER_CALLS = [
    ("search as you type", "/api/search.json", "q={prefix}"),
    ("neighbourhood, depth 1", "/api/neighbourhood.json", "node={entity}"),
    ("neighbourhood, depth 2", "/api/neighbourhood.json", "node={entity}&depth=2"),
    ("evidence of a claim edge", "/api/evidence.json", "claim={claim}"),
    ("paper page", "/paper/<paper_id>.json", ""),
    ("home page counts", "/index.json", ""),
]
SERVE_RSS_TARGET_MB = 2048


def _help(args: list[str]) -> str:
    try:
        return subprocess.run([*kb_command(), *args, "--help"], capture_output=True, text=True, timeout=120,
                              env=child_env(), cwd=REPO).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def app_routes() -> list[str]:
    """The paths of the app's route table (empty when it cannot be read)."""
    code = ("import json\nfrom kb.serve.app import ROUTES\n"
            "print(json.dumps([r[0] if isinstance(r, (tuple, list)) else getattr(r, 'path', str(r)) for r in ROUTES]))")
    try:
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                             env=child_env(), cwd=REPO)
        return json.loads(res.stdout.strip().splitlines()[-1]) if res.returncode == 0 else []
    except (OSError, subprocess.SubprocessError, json.JSONDecodeError, IndexError):
        return []


def get(url: str, timeout: float = 120) -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def claim_of(body: bytes) -> str | None:
    """The id of a mechanism or biomarker edge in a neighbourhood answer."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    for e in data.get("edges", []):
        if e.get("kind") in ("mechanism", "biomarker") and e.get("id"):
            return e["id"]
    return None


def url_for(base: str, route: str, query: str, values: dict[str, str]) -> str | None:
    path = route
    if "<paper_id>" in path:
        path = path.replace("<paper_id>", urllib.parse.quote(values["paper"], safe=""))
    qs = query
    for key, val in values.items():
        if "{" + key + "}" in qs:
            if not val:
                return None
            qs = qs.replace("{" + key + "}", urllib.parse.quote(val, safe=""))
    return base + path + (f"?{qs}" if qs else "")


def serve_benchmark(report: Report, home: Path, corpus, reps: int = 5, per_route_s: float = 120) -> None:
    """Time the browser's calls (``reps`` per entity, at most ``per_route_s`` seconds per route)."""
    section("3c/5. kb serve: graph browser JSON API and memory")
    missing = probe_imports("import kb.serve.app, kb.cli")
    help_text = _help(["serve"]) if not missing else ""
    if missing or "Usage" not in help_text:
        report.skip("serve", "kb serve JSON API", missing or "no `kb serve` command yet")
        report.skip("serve", "peak RSS of kb serve", missing or "no `kb serve` command yet")
        return
    from bench_kb import free_port

    routes = set(app_routes())
    port = free_port()
    cmd = [*kb_command(), "--home", str(home), "serve", "--port", str(port)]
    if "--host" in help_text:
        cmd += ["--host", "127.0.0.1"]
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=REPO,
                                env=child_env(), start_new_session=True)
        peak = peak_pss = 0.0

        def sample() -> None:
            nonlocal peak, peak_pss
            peak = max(peak, tree_rss_mb(proc.pid))
            peak_pss = max(peak_pss, tree_pss_mb(proc.pid))

        try:
            t0 = time.perf_counter()
            up = False
            while time.perf_counter() - t0 < 300 and proc.poll() is None:
                sample()
                try:
                    get(base + "/index.json", timeout=60)
                    up = True
                    break
                except (urllib.error.URLError, ConnectionError, OSError):
                    time.sleep(0.2)
            if not up:
                log.seek(0)
                tail = " | ".join(log.read().decode("utf-8", "replace").strip().splitlines()[-3:])
                report.check("serve", "kb serve starts and answers", False, note=tail or "no answer")
                return
            report.info("serve", "kb serve start-up until /index.json answers", f"{time.perf_counter() - t0:.1f} s")
            drugs = [p for p in corpus.picks("drug")]
            papers = [p["value"] for p in corpus.picks("paper")]
            typical = [{"entity": d["value"], "prefix": d["value"][:4], "paper": papers[i % len(papers)]}
                       for i, d in enumerate(p for p in drugs if p["typical"])]
            top = next((d for d in drugs if not d["typical"]), drugs[0] if drugs else None)
            if not typical or top is None:
                report.skip("serve", "kb serve JSON API", "the corpus has no drugs")
                return
            worst = {"entity": top["value"], "prefix": top["value"][:4], "paper": papers[0]}
            for values in [*typical, worst]:  # claim edges come from each entity's neighbourhood
                status, body = get(url_for(base, "/api/neighbourhood.json", "node={entity}", {**values, "claim": ""})
                                   or base)
                values["claim"] = (claim_of(body) or "") if status == 200 else ""
                sample()
            for figure, route, query in BROWSER_CALLS:
                if routes and route not in routes:
                    report.skip("serve", f"{figure}: GET {route}", "the route is not in kb.serve.app.ROUTES")
                    continue
                urls = [u for u in (url_for(base, route, query, v) for v in typical) if u]
                if not urls:
                    report.skip("serve", f"{figure}: GET {route}", "no typical entity has a claim edge")
                    continue
                t = time.perf_counter()
                status, body = get(urls[0])
                first_ms = (time.perf_counter() - t) * 1000
                sample()
                if status != 200:
                    report.check("serve", f"{figure}: GET {route}", False, f"HTTP {status}",
                                 body[:120].decode("utf-8", "replace"))
                    continue
                times, bad = [], []
                route_start = time.perf_counter()
                wu = url_for(base, route, query, worst)
                wt = []
                # first typical entity, the most frequent one, then the others, within the route's time
                for u, sink in [(urls[0], times), *([(wu, wt)] if wu else []), *[(x, times) for x in urls[1:]]]:
                    for _ in range(reps):
                        if times and time.perf_counter() - route_start > per_route_s:
                            break
                        t = time.perf_counter()
                        status, body = get(u)
                        sink.append((time.perf_counter() - t) * 1000)
                        if status != 200:
                            bad.append(f"{status} {u[len(base):]}")
                    sample()
                p50, p95 = percentile(times, 50), percentile(times, 95)
                note = f"first call {first_ms:.0f} ms; {len(times)} calls"
                if wt:
                    note += f"; most frequent entity {worst['entity']}: p50 {percentile(wt, 50):.1f} ms"
                if bad:
                    note += f"; {len(bad)} non-200: {bad[0]}"
                report.figure("serve", f"{figure}: GET {route}", p50, f"{p50:.1f} / {p95:.1f} ms",
                              "<100 / <500 ms", p50 < 100 and p95 < 500 and not bad, note=note)
            sample()
            report.figure("serve", "peak memory of kb serve, PSS of its processes", peak_pss, "{:.0f} MB",
                          "< 2 GiB", peak_pss < SERVE_RSS_TARGET_MB, note=f"summed RSS {peak:.0f} MB (sampled)")
        finally:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=20)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kb serve: JSON API latency and memory on a loaded KB.")
    ap.add_argument("--home", required=True, help="a KB loaded with the synthetic corpus")
    ap.add_argument("--n", type=int, required=True, help="how many synthetic papers it holds (ids 1..N)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args(argv)
    from bench_kb import Corpus

    corpus = Corpus(args.seed)
    corpus.scan(args.n)
    report = Report()
    serve_benchmark(report, Path(args.home), corpus, args.reps)
    print(f"\n{report.summary()}")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
