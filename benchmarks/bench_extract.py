"""Benchmark 1: extraction throughput, cost relative to tokenization, start-up and memory.

    python benchmarks/bench_extract.py            # 1,000 docs x 5 repetitions
    python benchmarks/bench_extract.py --quick    # 300 docs x 5 repetitions

Targets (issue 5): >= 300 docs/s in one process on abstract-sized documents; full extraction
(``document_from_text`` + ``Extractor.extract``) <= 7x the time of ``spacy.blank("en")``
tokenization alone on the same texts in the same process, repetitions interleaved, median of
the per-repetition ratios; start-up (interpreter + imports + ``Extractor()`` + one document)
< 3 s, median of 5 fresh processes; peak resident memory of the extraction process < 600 MB.

The measuring code runs in child processes (``_child``, ``_startup``, ``_pool`` modes of this
script), so start-up and memory are the extractor's own.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


from common import REPO, Report, child_env, median, probe_imports, run_json, section

SHORT_DOC = ("Temsirolimus 25 mg intravenously once weekly prolonged median progression-free survival to "
             "4.6 months (hazard ratio, 0.31; 95% CI, 0.24 to 0.40; P<0.001).")
IMPORTS = "from extract.pipeline import Extractor; from extract.readers.text import document_from_text"


def _vm(field: str) -> float:
    """VmRSS / VmHWM of this process in MB."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


# ---------------------------------------------------------------------------------------------
# Child modes (run in fresh processes)


def child_startup() -> dict:
    t0 = time.perf_counter()
    from extract.pipeline import Extractor
    from extract.readers.text import document_from_text

    t1 = time.perf_counter()
    ex = Extractor()
    t2 = time.perf_counter()
    ex.extract(document_from_text("startup", SHORT_DOC))
    t3 = time.perf_counter()
    return {"import_s": t1 - t0, "init_s": t2 - t1, "first_doc_s": t3 - t2, "rss_mb": _vm("VmRSS"),
            "hwm_mb": _vm("VmHWM")}


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("-", " ").split())


def child_extract(texts_path: str, reps: int) -> dict:
    """Time tokenization alone and full extraction on the same texts, interleaved.

    The texts are ``reps + 1`` sets of equal size: set 0 warms both pipelines up, and repetition
    ``r`` runs both on set ``r``, which neither has seen (spaCy's tokenizer caches each string it
    has tokenized, so re-running the same texts would flatter both sides).
    """
    docs = [json.loads(line) for line in open(texts_path, encoding="utf-8")]
    t0 = time.perf_counter()
    import spacy
    from extract.pipeline import Extractor
    from extract.readers.text import document_from_text

    ex = Extractor()
    init_s = time.perf_counter() - t0
    rss_init = _vm("VmRSS")
    nlp = spacy.blank("en")
    size = len(docs) // (reps + 1)
    sets = [docs[i * size:(i + 1) * size] for i in range(reps + 1)]

    def tokenize(batch: list[dict]) -> float:
        t = time.perf_counter()
        for d in batch:
            nlp(d["text"])
        return time.perf_counter() - t

    def extract_all(batch: list[dict], keep: bool = False) -> tuple[float, list]:
        out = []
        t = time.perf_counter()
        for d in batch:
            x = ex.extract(document_from_text(d["id"], d["text"]))
            if keep:
                out.append(x)
        return time.perf_counter() - t, out

    tokenize(sets[0])
    _, results = extract_all(sets[0], keep=True)
    tok, ext = [], []
    for r in range(1, reps + 1):
        tok.append(tokenize(sets[r]))
        ext.append(extract_all(sets[r])[0])
    long_s, short_s, per = _long_documents(ex, sets[1:], extract_all)
    docs = sets[0]

    # what was found, against what the generator put in (synthetic documents only)
    found = {"docs": len(docs), "with_drug": 0, "with_regimen": 0, "with_outcome": 0, "with_study": 0,
             "with_claim": 0, "drug_expected": 0, "drug_hit": 0, "target_expected": 0, "target_hit": 0,
             "disease_expected": 0, "disease_hit": 0, "nct_expected": 0, "nct_hit": 0, "entities": 0,
             "regimens": 0, "outcomes": 0, "claims": 0, "with_biomarker_claim": 0}
    for d, x in zip(docs, results):
        labels: dict[str, set[str]] = {}
        for e in x.entities:
            for t in e.types:
                names = labels.setdefault(t, set())
                names.add(_norm(e.label))
                names.update(_norm(m.text) for m in e.mentions)
                names.update(_norm(s) for s in e.synonyms)
        found["entities"] += len(x.entities)
        found["regimens"] += len(x.regimens)
        found["outcomes"] += len(x.outcomes)
        found["claims"] += len(x.claims)
        found["with_drug"] += bool(labels.get("drug"))
        found["with_regimen"] += bool(x.regimens)
        found["with_outcome"] += bool(x.outcomes)
        found["with_study"] += bool(x.studies)
        found["with_claim"] += bool(x.claims)
        found["with_biomarker_claim"] += any(c.kind == "biomarker" for c in x.claims)
        for kind, key in (("drug", "drugs"), ("target", "targets"), ("disease", "diseases")):
            for name in d.get(key, []):
                found[f"{kind}_expected"] += 1
                found[f"{kind}_hit"] += _norm(name) in labels.get(kind, set())
        if d.get("trial_id"):
            found["nct_expected"] += 1
            found["nct_hit"] += any(d["trial_id"] in s.trial_ids for s in x.studies)
    return {"n": size, "init_s": init_s, "rss_init_mb": rss_init, "tok_s": tok, "ext_s": ext,
            "long_s": long_s, "long_short_s": short_s, "long_per": per,
            "hwm_mb": _vm("VmHWM"), "rss_mb": _vm("VmRSS"), "found": found,
            "extractor_version": getattr(results[0], "extractor_version", "") if results else ""}


def _long_documents(ex, sets: list[list[dict]], extract_all) -> tuple[float, float, int]:
    """Full-text-sized documents: ``per`` articles joined into one document, against the same
    articles one by one, on four groups, the order alternated (a step whose cost grows with the
    square of a document's length shows here, not in abstracts). The articles are the independently
    written ones in ``data/corpus/independent`` (real papers' wording: a full text defines many
    abbreviations, generated ones few); generated abstracts where they are missing. Returns both
    times and ``per``."""
    from extract.readers.text import document_from_text
    from extract.text import boilerplate_spans, find_sections

    real = [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "corpus" / "independent").glob("*.txt"))]
    # (an article with a reference list or a site footer would end the joined document's reading there)
    plain = [{"id": f"real-{i}", "text": t} for i, t in enumerate(real) if not boilerplate_spans(t) and all(
        s.label != "REFERENCES" for s in find_sections(t))] or \
        [d for s in sets for d in s if d.get("style", "").startswith("abstract")]  # (no news site footers)
    per = min(40, len(plain) // 4)
    long_s = short_s = 0.0
    for g in range(4 if per >= 2 else 0):
        batch = plain[g * per:(g + 1) * per]
        joined = document_from_text(f"long-{g}", "\n\n".join(d["text"] for d in batch))
        for step in ((0, 1) if g % 2 else (1, 0)):
            if step:
                t = time.perf_counter()
                ex.extract(joined)
                long_s += time.perf_counter() - t
            else:
                short_s += extract_all(batch)[0]
    return long_s, short_s, per


def child_pool(directory: str, workers: int) -> dict:
    """Extraction alone over a directory with ``workers`` processes, the way ``kb add --workers``
    runs it (``Extractor.extract_many``), results sent back to the parent and dropped."""
    from extract.pipeline import Extractor
    from extract.readers import read_path

    t0 = time.perf_counter()
    paths = sorted(Path(directory).glob("*.txt"))
    ex = Extractor()
    docs = (d for p in paths for d in read_path(p))
    n = ents = 0
    for x in ex.extract_many(docs, workers=workers):
        n += 1
        ents += len(x.entities)
    return {"docs": n, "entities": ents, "wall_s": time.perf_counter() - t0}


# ---------------------------------------------------------------------------------------------
# The benchmark (run in the orchestrating process)


def write_texts(path: Path, n: int, seed: int, real_fraction: float = 0.0) -> int:
    from generate import generate_articles

    with open(path, "w", encoding="utf-8") as fh:
        for a in generate_articles(n, seed, real_fraction=real_fraction):
            fh.write(json.dumps({"id": a.id, "text": a.text, "style": a.style, "drugs": a.drugs,
                                 "targets": a.targets, "diseases": a.diseases,
                                 "trial_id": a.trial_id if a.style != "real" else None}) + "\n")
    return n


def run(report: Report, work: Path, *, n: int, reps: int, startups: int, seed: int = 1) -> dict:
    """Run benchmark 1 and add its rows; return the figures other benchmarks compare against."""
    section(f"1. Extraction: {reps} interleaved repetitions on {n} unseen synthetic abstract-sized docs each")
    missing = probe_imports(IMPORTS)
    if missing:
        for fig in ("throughput", "cost vs tokenization", "start-up", "peak RSS"):
            report.skip("extract", fig, missing)
        return {}
    texts = work / "extract-texts.jsonl"
    write_texts(texts, n * (reps + 1), seed, real_fraction=0.02)
    me = [sys.executable, os.path.abspath(__file__)]

    m, first = run_json([*me, "_startup"], timeout=900)  # may build the lexicon cache
    if not m.ok:
        report.check("extract", "Extractor() starts and extracts", False, note=m.error())
        return {}
    report.info("extract", "first start-up (may build caches)", f"{m.wall:.2f} s",
                f"init {first['init_s']:.2f} s")
    walls = []
    for _ in range(startups):
        m, _ = run_json([*me, "_startup"], timeout=300)
        if m.ok:
            walls.append(m.wall)
    if walls:
        report.figure("extract", f"start-up, median of {len(walls)} processes", median(walls), "{:.2f} s",
                      "< 3 s", median(walls) < 3.0, note="python + imports + Extractor() + 1 doc")

    m, r = run_json([*me, "_child", "--texts", str(texts), "--reps", str(reps)], timeout=1800)
    if not m.ok or not r:
        report.check("extract", "extraction of the synthetic docs", False, note=m.error())
        return {}
    rate = [r["n"] / t for t in r["ext_s"]]
    ratios = [e / t for e, t in zip(r["ext_s"], r["tok_s"])]
    tok_rate = median([r["n"] / t for t in r["tok_s"]])
    med_rate, med_ratio = median(rate), median(ratios)
    report.figure("extract", "throughput, 1 process (median)", med_rate, "{:.0f} docs/s", ">= 300 docs/s",
                  med_rate >= 300, note=f"min {min(rate):.0f}, max {max(rate):.0f}")
    report.info("extract", "spacy.blank('en') tokenization alone", f"{tok_rate:.0f} docs/s", "same docs, same run")
    report.figure("extract", "extraction / tokenization time (median)", med_ratio, "{:.2f}x", "<= 7x",
                  med_ratio <= 7.0, note=f"per repetition: {', '.join(f'{x:.2f}' for x in ratios)}")
    report.figure("extract", "peak RSS of the extraction process", r["hwm_mb"], "{:.0f} MB", "< 600 MB",
                  r["hwm_mb"] < 600, note=f"{r['rss_init_mb']:.0f} MB after Extractor()")
    if r.get("long_per"):
        long_ratio = r["long_s"] / r["long_short_s"]
        report.figure("extract", f"a document of {r['long_per']} articles / the same one by one", long_ratio,
                      "{:.2f}x", "<= 1.5x", long_ratio <= 1.5,
                      note=f"full-text-sized documents: cost per word stays flat ({r['long_s']:.2f} s vs "
                           f"{r['long_short_s']:.2f} s)")
    f = r["found"]
    pct = lambda a, b: f"{100 * a / b:.0f}%" if b else "n/a"  # noqa: E731
    report.info("extract", "docs with drug/regimen/outcome/study/claim/biomarker claim",
                " / ".join(pct(f[k], f["docs"]) for k in ("with_drug", "with_regimen", "with_outcome",
                                                           "with_study", "with_claim", "with_biomarker_claim")),
                "every synthetic doc states each of these")
    report.info("extract", "recall of generated drugs / targets / diseases / NCT",
                " / ".join(pct(f[f"{k}_hit"], f[f"{k}_expected"]) for k in ("drug", "target", "disease", "nct")),
                "synthetic truth; quality is scored on the dev corpus by eval/")
    report.check("extract", "every doc extracted; >= 80% have a drug entity", f["with_drug"] >= 0.8 * f["docs"],
                 pct(f["with_drug"], f["docs"]))
    return {"docs_per_s": med_rate, "hwm_mb": r["hwm_mb"]}


def run_pool(directory: Path, workers: int, timeout: float = 3600):
    """Extraction alone over ``directory`` with ``workers`` processes (baseline for ingest)."""
    return run_json([sys.executable, os.path.abspath(__file__), "_pool", "--dir", str(directory),
                     "--workers", str(workers)], timeout=timeout, env=child_env())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark 1: extraction.")
    sub = ap.add_subparsers(dest="mode")
    sub.add_parser("_startup")
    c = sub.add_parser("_child")
    c.add_argument("--texts", required=True)
    c.add_argument("--reps", type=int, default=5)
    pl = sub.add_parser("_pool")
    pl.add_argument("--dir", required=True)
    pl.add_argument("--workers", type=int, default=2)
    ap.add_argument("--quick", action="store_true", help="300 docs instead of 1,000")
    ap.add_argument("--n", type=int, default=None)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.mode == "_startup":
        print(json.dumps(child_startup()))
        return 0
    if args.mode == "_child":
        print(json.dumps(child_extract(args.texts, args.reps)))
        return 0
    if args.mode == "_pool":
        print(json.dumps(child_pool(args.dir, args.workers)))
        return 0
    from common import new_run_dir
    import shutil

    work = new_run_dir()
    report = Report()
    try:
        run(report, work, n=args.n or (300 if args.quick else 1000), reps=args.reps, startups=5, seed=args.seed)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{report.summary()}")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
