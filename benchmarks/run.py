"""Run the issue-5 benchmark suite and print every figure with its target and PASS/FAIL.

    python benchmarks/run.py --quick          # ~2 minutes: extraction, ingest 500, a KB grown to 1k
    python benchmarks/run.py                  # full: ingest 10k, growth 1k/10k/100k, rdflib at 10k
    python benchmarks/run.py --quick --check  # correctness only (tiny sizes, timings not judged): CI

Sections: 1 extraction (bench_extract.py), 2 ingest, 3 queries at scale with the rdflib side by
side, 4 cost growth, 5 memory (bench_kb.py, bench_serve.py), 6 PubMed XML streaming
(bench_pubmed_stream.py). A part of the project that does not exist yet is reported as SKIP,
not as a failure. Work folders live under benchmarks/out/ (git-ignored) and are removed at the
end unless --keep; the last report is kept as benchmarks/out/last-run.json and last-run.md
(last-check.* for --check). Exit status: 0 when nothing FAILed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import sys
import time

from common import BENCH, OUT, Report, machine_info, new_run_dir, run_measured, section

MODES = {
    # extract_n docs per repetition, reps repetitions, startups fresh processes; ingest_n papers;
    # growth sizes with probe papers per timed add; query_reps timed runs per entity within
    # per_query_s seconds per query and size, a query run over call_cap_s is killed; the rdflib
    # side by side at rdflib_at papers, rdflib_timeout s per call, rdflib_budget s in all
    "full": dict(extract_n=1000, reps=5, startups=5, ingest_n=10000, sizes=[1000, 10000, 100000], probe=1000,
                 query_reps=5, per_query_s=120, call_cap_s=300, rdflib_at=10000, rdflib_timeout=60.0,
                 rdflib_budget=1800),
    "quick": dict(extract_n=150, reps=5, startups=5, ingest_n=500, sizes=[200, 1000], probe=100,
                  query_reps=5, per_query_s=1.0, call_cap_s=3.0, rdflib_at=200, rdflib_timeout=5.0,
                  rdflib_budget=10),
    "check": dict(extract_n=30, reps=1, startups=1, ingest_n=40, sizes=[60], probe=20,
                  query_reps=1, per_query_s=0.5, call_cap_s=5.0, rdflib_at=60, rdflib_timeout=2.0,
                  rdflib_budget=8),
}
SECTIONS = ("extract", "ingest", "scale", "pubmed")
PUBMED_RECORDS = {"full": 30000, "quick": 3000, "check": 300}


def run_pubmed(report: Report, records: int) -> None:
    """PubMed XML streaming (benchmarks/bench_pubmed_stream.py, maintained apart): its own output,
    and its verdict (exit status 0: memory flat and under its limit)."""
    section(f"6. PubMed XML streaming: {records:,} records (bench_pubmed_stream.py)")
    script = BENCH / "bench_pubmed_stream.py"
    if not script.exists():
        report.skip("pubmed", "XML streaming", "benchmarks/bench_pubmed_stream.py is not there yet")
        return
    m = run_measured([sys.executable, str(script), "--records", str(records)], timeout=1800)
    for line in (m.stdout + m.stderr).strip().splitlines()[-8:]:
        print(f"    {line}")
    rate = re.search(r"= ([\d,]+) records/s", m.stdout)
    peak = re.search(r"peak RSS ([\d.]+) MiB \(at start", m.stdout)
    if rate:
        report.info("pubmed", "records/s", rate.group(1))
    if m.returncode in (0, 1) and peak:
        report.figure("pubmed", "peak RSS while streaming", float(peak.group(1)), "{:.0f} MiB", "< 1 GiB, flat",
                      m.returncode == 0, note="verdict of bench_pubmed_stream.py")
    else:
        report.check("pubmed", "bench_pubmed_stream.py runs", False, note=m.error())


def markdown(report: Report, meta: dict, mode: str) -> str:
    lines = [f"Run: `{mode}` mode, {meta['date']}, commit {meta.get('commit', '-')}. Machine: "
             f"{meta.get('cpu', '?')}, {meta['cpus']} cores, {meta.get('memory', '?')}; Python {meta['python']}, "
             f"spaCy {meta['spacy']}, pyoxigraph {meta['pyoxigraph']}, oxrdflib {meta['oxrdflib']}, "
             f"rdflib {meta['rdflib']}.", "",
             "| section | figure | value | target | status |", "|---|---|---|---|---|"]
    for r in report.rows:
        note = f" ({r.note})" if r.note and r.status in ("SKIP", "FAIL") else ""
        lines.append(f"| {r.section} | {r.figure} | {r.value} | {r.target} | {r.status}{note} |")
    for name, rows in report.tables.items():
        lines += ["", f"{name}:", "", "| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--quick", action="store_true", help="small sizes; finishes in under 2 minutes")
    ap.add_argument("--check", action="store_true",
                    help="correctness mode: tiny sizes, every step must work, timings printed but not judged")
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {', '.join(SECTIONS)}")
    ap.add_argument("--sizes", help="growth sizes, e.g. 1000,10000 (default by mode)")
    ap.add_argument("--ingest-n", type=int, help="papers of the ingest benchmark (default by mode)")
    ap.add_argument("--rdflib-at", type=int, help="growth size of the rdflib side by side (default by mode)")
    ap.add_argument("--per-query", type=float, help="seconds of timing per query and size (default by mode)")
    ap.add_argument("--call-cap", type=float, help="kill a query run longer than this many seconds")
    ap.add_argument("--rdflib-budget", type=float, help="seconds for all rdflib calls (default by mode)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the work folder (KB homes, corpora)")
    args = ap.parse_args(argv)
    mode = "check" if args.check else "quick" if args.quick else "full"
    cfg = dict(MODES[mode])
    if args.sizes:
        cfg["sizes"] = [int(x) for x in args.sizes.split(",")]
        cfg["rdflib_at"] = min(cfg["sizes"], key=lambda s: abs(s - cfg["rdflib_at"]))
    for key, value in (("ingest_n", args.ingest_n), ("rdflib_at", args.rdflib_at), ("per_query_s", args.per_query),
                       ("call_cap_s", args.call_cap), ("rdflib_budget", args.rdflib_budget)):
        if value is not None:
            cfg[key] = value
    if cfg["rdflib_at"] not in cfg["sizes"]:
        ap.error(f"--rdflib-at must be one of the growth sizes {cfg['sizes']}")
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = only - set(SECTIONS)
    if unknown:
        ap.error(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")

    # a SIGTERM unwinds like Ctrl-C, so running children are killed and the work folder removed
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    meta = machine_info()
    print(f"evidencekb benchmarks, {mode} mode — {meta['date']}, {meta.get('cpu', '?')}, {meta['cpus']} cores, "
          f"{meta.get('memory', '?')}; Python {meta['python']}, spaCy {meta['spacy']}, pyoxigraph "
          f"{meta['pyoxigraph']}, rdflib {meta['rdflib']}", flush=True)
    report = Report(judge_timings=mode != "check")
    work = new_run_dir()
    t0 = time.perf_counter()
    try:
        if "extract" in only:
            import bench_extract

            bench_extract.run(report, work, n=cfg["extract_n"], reps=cfg["reps"], startups=cfg["startups"],
                              seed=args.seed)
        import bench_kb

        if "ingest" in only:
            bench_kb.run_ingest(report, work, n=cfg["ingest_n"], seed=args.seed)
        if "scale" in only:
            bench_kb.run_scale(report, work, sizes=cfg["sizes"], probe=cfg["probe"], reps=cfg["query_reps"],
                               per_query_s=cfg["per_query_s"], call_cap_s=cfg["call_cap_s"],
                               rdflib_at=cfg["rdflib_at"], rdflib_timeout=cfg["rdflib_timeout"],
                               rdflib_budget=cfg["rdflib_budget"], seed=args.seed, keep=args.keep)
        if "pubmed" in only:
            run_pubmed(report, PUBMED_RECORDS[mode])
    finally:
        if args.keep:
            print(f"\nwork folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - t0
    meta.update(mode=mode, elapsed_s=f"{elapsed:.0f}")
    OUT.mkdir(parents=True, exist_ok=True)
    stem = "last-check" if mode == "check" else "last-run"  # a CI check does not replace the figures
    report.save(OUT / f"{stem}.json", meta)
    (OUT / f"{stem}.md").write_text(markdown(report, meta, mode), encoding="utf-8")
    print(f"\n{report.summary()} in {elapsed:.0f} s; report in {OUT / stem}.json and {stem}.md")
    for r in report.failed:
        print(f"  FAIL {r.section}: {r.figure} = {r.value} (target {r.target}){' - ' + r.note if r.note else ''}")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
