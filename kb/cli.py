"""The ``kb`` command: a thin click layer over :class:`kb.KnowledgeBase`.

Exit codes: 0 success; 1 bad input (file, paper id, query, parameter) or, for ``kb validate``,
a graph that does not conform; 2 store, source or runtime error.
"""

from __future__ import annotations

import functools
import json
import sys
from importlib import resources
from pathlib import Path

import click

from kb.errors import InputError, KbError
from kb.knowledgebase import KnowledgeBase, default_home
from kb.query import FORMATS, named_queries


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def handle_errors(fn):
    """Turn library exceptions into ``Error: ...`` on stderr and the exception's exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KbError as exc:
            click.echo(f"{exc.heading}: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper


def open_kb(ctx: click.Context, *, read_only: bool = False) -> KnowledgeBase:
    obj = ctx.find_root().obj or {}
    store = None
    store_url = obj.get("store")
    if store_url:
        from kb.remote import RemoteStore  # optional backend (see README, "Scaling out")

        store = RemoteStore.from_url(store_url)
    kb = KnowledgeBase(obj.get("home"), store=store, read_only=read_only)
    ctx.call_on_close(kb.close)
    return kb


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), envvar="KB_HOME",
              help="Knowledge-base directory (default: $KB_HOME or ./kb-data).")
@click.option("--store", "store", envvar="KB_STORE", default=None,
              help="Use a SPARQL server as the store instead of the embedded one (URL; or $KB_STORE).")
@click.version_option(package_name="evidencekb")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, store: str | None) -> None:
    """A literature evidence knowledge base: drugs, doses, targets, mechanisms, biomarkers, trial
    facts and numeric outcomes, each traceable to its sentence, in an RDF graph you query with SPARQL.

    Example:

        kb add data/articles && kb query regimens
    """
    ctx.obj = {"home": home or default_home(), "store": store}


# ---------------------------------------------------------------- add
@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--pmid", "pmids", multiple=True, help="Fetch a PubMed record by PMID (repeatable, or comma-separated).")
@click.option("--pubmed", "pubmed_query", help="Fetch the PubMed records a search returns.")
@click.option("--doi", "dois", multiple=True, help="Fetch a paper by DOI (PubMed or Europe PMC).")
@click.option("--pmcid", "pmcids", multiple=True,
              help="Fetch an open-access article's full text by PubMed Central id, from Europe PMC (repeatable).")
@click.option("--full-text", is_flag=True,
              help="Read a fetched PubMed record that has an open-access full text in PubMed Central as that full text.")
@click.option("--max", "max_results", type=int, default=200, show_default=True, help="At most this many search hits.")
@click.option("--offline", is_flag=True, envvar="KB_OFFLINE", help="Use cached responses only; fetch nothing.")
@click.option("--trials", is_flag=True, help="Also fetch the ClinicalTrials.gov record of every NCT id found.")
@click.option("--workers", type=int, default=1, show_default=True, help="Extraction processes.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run extraction in local processes or on a Dask cluster.")
@click.option("--scheduler", help="Dask scheduler address (tcp://HOST:8786); without it a LocalCluster is used.")
@click.option("--force", is_flag=True, help="Re-extract papers even when their text is unchanged.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
@handle_errors
def add(ctx, paths, pmids, pubmed_query, dois, pmcids, full_text, max_results, offline, trials, workers, executor,
        scheduler, force, quiet):
    """Add articles: text files (paper id = file stem), PubMed XML (.xml, .xml.gz), JATS full-text
    XML (PubMed Central's form), MEDLINE (.nbib), directories of these, or records fetched from
    PubMed / Europe PMC (open-access full texts by --pmcid).

    Adding a paper again replaces its graph; an unchanged paper is skipped. If any input file is
    unreadable, nothing is added.

    Examples:

        kb add data/articles/

        kb add --pmid 30410720 --pubmed "temsirolimus AND sarcoma" --max 50

        kb add --pmcid PMC6280780

        kb add --pubmed "temsirolimus AND sarcoma" --full-text
    """
    if not (paths or pmids or pubmed_query or dois or pmcids):
        raise InputError("nothing to add: give files or directories, or --pmid/--pubmed/--doi/--pmcid")
    if full_text and not (pmids or pubmed_query or dois):
        raise InputError("--full-text reads fetched PubMed records as their full texts: give --pmid, --pubmed or --doi")
    kb = open_kb(ctx)
    streams = []
    if paths:
        streams.append(kb.iter_paths(paths))  # text files are all checked before anything is written
    if pmids or pubmed_query or dois or pmcids:
        streams.append(kb.fetch_documents(pmids=[p.strip() for s in pmids for p in s.split(",") if p.strip()],
                                          query=pubmed_query, dois=list(dois), max_results=max_results,
                                          pmcids=[p.strip() for s in pmcids for p in s.split(",") if p.strip()],
                                          full_text=full_text, offline=offline))
    docs = (d for stream in streams for d in stream)
    if paths:  # text files are read now: a bad one fails before anything is written or shown
        docs = _prepend(next(docs, None), docs)
    err = _console(stderr=True)
    total = _count_records(paths) if paths and not (pmids or pubmed_query or dois or pmcids) else None
    report = _run_with_progress(lambda progress: kb.add_documents(docs, workers=workers, force=force,
                                                                   progress=progress, executor=executor,
                                                                   scheduler=scheduler),
                                total, quiet, "extracting")
    for where, message in report.failed:
        err.print(f"[yellow]skipped[/] {where}: {message}")
    _print_report(report, err)
    if trials:
        papers = report.added + report.replaced + report.skipped
        for nct, outcome in kb.enrich_trials(offline=offline, papers=papers).items():
            err.print(f"trial {nct}: {outcome}")
    if report.failed and not (report.added or report.replaced or report.skipped):
        sys.exit(1)


def _count_records(paths) -> int | None:
    """How many papers the inputs hold, for the progress bar's ETA: text files count one each,
    PubMed XML, JATS and MEDLINE files are scanned for their record starts (fast, no parsing)."""
    import gzip

    from extract.readers import reader_for
    from kb.knowledgebase import collect_paths

    total = 0
    try:
        for f in collect_paths(paths):
            kind = reader_for(f)
            if kind == "text":
                total += 1
                continue
            marker = {"pubmed-xml": b"<PubmedArticle>", "jats": b"<article-meta"}.get(kind, b"PMID-")
            opener = gzip.open if f.name.lower().endswith(".gz") else open
            with opener(f, "rb") as fh:
                tail = b""
                while chunk := fh.read(1 << 20):
                    total += (tail + chunk).count(marker)
                    tail = chunk[-len(marker) + 1:]
    except (OSError, EOFError, KbError):
        return None  # the reader will say what is wrong with the file
    return total or None


def _prepend(first, rest):
    if first is not None:
        yield first
    yield from rest


def _run_with_progress(job, total: int | None, quiet: bool, label: str):
    if quiet or not sys.stderr.isatty() or total is not None and total < 2:
        return job(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=_console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        return job(lambda n: bar.advance(task, n))


def _print_report(report, console) -> None:
    parts = [f"{len(report.added)} added", f"{len(report.replaced)} replaced", f"{len(report.skipped)} unchanged"]
    if report.failed:
        parts.append(f"{len(report.failed)} skipped as unreadable")
    found = ", ".join(f"{v} {k}" for k, v in report.counts.items())
    console.print("papers: " + ", ".join(parts) + (f"; found {found}" if found else ""))


# ---------------------------------------------------------------- query
@cli.command()
@click.argument("name", required=False)
@click.option("--sparql", help="Run this SPARQL text instead of a named query.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), help="Give at most this many rows (one page).")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Skip this many rows first (the next page: --offset 100 --limit 100).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@click.pass_context
@handle_errors
def query(ctx, name, sparql, params, fmt, limit, offset, list_queries):
    """Run a named query (queries/*.rq), a .rq file, or SPARQL text. `json` is SPARQL 1.1 Query
    Results JSON; `csv`/`tsv` are the SPARQL 1.1 CSV/TSV formats. With --limit, queries that list
    facts paper by paper read only the papers the page needs: a first page is quick on any size.

    Examples:

        kb query outcomes --format csv

        kb query drugs_targeting --param target=mTOR

        kb query evidence_for --param entity=everolimus --limit 20

        kb query --sparql "SELECT ?d WHERE { ?d a ekb:Drug }"
    """
    if list_queries:
        for q in named_queries().values():
            click.echo(f"{q.name}: {q.summary}")
            for p, desc in q.params.items():
                click.echo(f"    --param {p}=...  {desc}")
        return
    bound = {}
    for p in params:
        key, sep, value = p.partition("=")
        if not sep:
            raise InputError(f"--param {p!r}: write NAME=VALUE")
        bound[key.strip()] = value
    result = open_kb(ctx, read_only=False).query(name, bound, sparql=sparql, limit=limit, offset=offset)
    if fmt == "json":
        click.echo(result.to_json())
    elif fmt == "csv":
        click.echo(result.to_delimited(","), nl=False)
    elif fmt == "tsv":
        click.echo(result.to_delimited("\t"), nl=False)
    else:
        _print_table(result.columns, result.rows)
        if limit and len(result.rows) == limit:
            click.echo(f"rows {offset + 1}-{offset + limit}; the next page: --offset {offset + limit}", err=True)


def _print_table(columns, rows, title: str | None = None) -> None:
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[r.get(c, "") for c in columns])
    _console().print(table)
    click.echo(f"{len(rows)} row(s)", err=True)


# ---------------------------------------------------------------- papers, show, remove, stats
@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
@handle_errors
def papers(ctx, fmt):
    """List the papers in the knowledge base.

    Example:

        kb papers --format json
    """
    rows = open_kb(ctx).papers()
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    _print_table(["id", "title", "source", "added_at", "extractor_version"],
                 [{k: str(v or "") for k, v in r.items()} for r in rows])


@cli.command()
@click.argument("paper")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
@handle_errors
def show(ctx, paper, fmt):
    """Show everything extracted from one paper, with the sentences.

    Example:

        kb show dev00-seed-temsirolimus-liposomal-doxorubicin
    """
    data = open_kb(ctx).show(paper)
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(f"{data['paper']}: {data['title'] or ''} (extractor {data['extractor_version']})")
    for section in ("studies", "entities", "regimens", "outcomes", "mechanisms", "biomarkers"):
        print_facts(section.capitalize(), section, data[section])


@cli.command()
@click.argument("paper")
@click.pass_context
@handle_errors
def remove(ctx, paper):
    """Remove one paper and everything extracted from it (shared entities stay for other papers).

    Example:

        kb remove dev03-everolimus-exemestane-bolero2
    """
    open_kb(ctx).remove(paper)
    click.echo(f"removed {paper}", err=True)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
@handle_errors
def stats(ctx, fmt):
    """Counts: papers, entities, studies, regimens, outcomes, claims, evidence, assembled claims, triples.

    Example:

        kb stats
    """
    data = open_kb(ctx).stats()
    if fmt == "json":
        click.echo(json.dumps(data, indent=2))
    else:
        for k, v in data.items():
            click.echo(f"{k:16s} {v}")


@cli.command()
@click.option("--all", "everything", is_flag=True, help="Re-extract every paper, not only outdated ones.")
@click.option("--workers", type=int, default=1, show_default=True)
@click.pass_context
@handle_errors
def reextract(ctx, everything, workers):
    """Re-run the current pipeline over stored papers (no original files needed).

    Example:

        kb reextract --all
    """
    kb = open_kb(ctx)
    report = kb.reextract(everything=everything, workers=workers)
    _print_report(report, _console(stderr=True))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml",
                                                    "graphml", "gexf", "cyjs"]),
              default="trig", show_default=True, help="RDF formats, or the entity graph (graphml, gexf, cyjs).")
@click.option("--paper", help="Export one paper's graph only.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
@click.pass_context
@handle_errors
def export(ctx, fmt, paper, output):
    """Export the graph (trig/nquads keep one named graph per paper), or the entity graph for
    Gephi / Cytoscape desktop (graphml, gexf, cyjs).

    Example:

        kb export --format turtle -o kb.ttl
    """
    kb = open_kb(ctx)
    if fmt in ("graphml", "gexf", "cyjs"):
        from kb.graph import export_graph

        data = export_graph(kb, fmt)
    else:
        data = kb.export(fmt, paper)
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


@cli.command()
@click.pass_context
@handle_errors
def validate(ctx):
    """Validate the graph against the SHACL shapes. Exit 0 conforms, 1 does not, 2 error.

    Example:

        kb validate
    """
    conforms, text = open_kb(ctx).validate()
    click.echo(text)
    sys.exit(0 if conforms else 1)


# ---------------------------------------------------------------- facts as readable lines
def fact_line(kind: str, r: dict) -> str:
    """One extracted fact as a line a person reads (the named query's row, condensed)."""
    def j(*parts):
        return " ".join(p for p in parts if p)

    if kind == "regimens":
        return j(r["drug"], r["dose"], r["unit"], r["schedule"], r["route"] and f"({r['route']})",
                 r["arm"] and f"[arm: {r['arm']}]")
    if kind == "outcomes":
        extra = [r["range_low"] and f"range {r['range_low']}-{r['range_high']}",
                 r["ci_low"] and f"95% CI {r['ci_low']}-{r['ci_high']}", r["p_value"] and f"P {r['p_value']}",
                 r["timepoint"] and f"at {r['timepoint']}", r["arm"] and f"arm: {r['arm']}"]
        return j(f"{r['measure']}:", r["statistic"], r["value"], r["unit"]) + \
            "".join(f"; {e}" for e in extra if e)
    if kind == "studies":
        return j(r["trial_id"], r["phase"] and f"phase {r['phase']},", r["n_patients"] and f"{r['n_patients']} patients,",
                 r["condition"], r["design"] and f"({r['design']})")
    if kind == "mechanisms":
        return f"{r['subject']} --{r['relation']}--> {r['object']} ({r['certainty']})"
    if kind == "biomarkers":
        return f"{r['biomarker']} {r['change']}, associated with {r['associated_with']} ({r['certainty']})"
    return j(r.get("entity", ""), r.get("type") and f"({r['type']})", r.get("id", ""))


def print_facts(title: str, kind: str, rows: list[dict]) -> None:
    import textwrap

    click.echo(f"\n{title}")
    if not rows:
        click.echo("  (none found)")
    for r in rows:
        click.echo(f"  - {fact_line(kind, r)}")
        if r.get("sentence"):
            click.echo(textwrap.fill(f"“{r['sentence']}”", width=100, initial_indent="      ", subsequent_indent="       "))


SEED_QUESTIONS = [
    ("Which drugs, doses and schedules?", "regimens"),
    ("Which outcomes, with their numbers?", "outcomes"),
    ("Which trial?", "studies"),
    ("Which mechanisms are stated, proposed or negated?", "mechanisms"),
    ("Which biomarkers changed, with what?", "biomarkers"),
]


@cli.command()
@click.option("--paper", default="000_dc0a5bd87a20dde1", show_default=True, help="Paper whose answers to print.")
@click.pass_context
@handle_errors
def demo(ctx, paper):
    """Build a knowledge base from the example articles shipped in data/articles (the seed among
    them) and print the answers to the seed's questions.

    Example:

        kb --home /tmp/kb demo
    """
    kb = open_kb(ctx)
    articles = Path(str(resources.files("evidencekb_data") / "articles"))
    report = kb.add_paths([articles])
    _print_report(report, _console(stderr=True))
    click.echo(f"Answers for paper {paper}, each with the sentence it was read from:")
    for question, name in SEED_QUESTIONS:
        print_facts(question, name, kb.query(name, {"paper": paper}).rows)
    click.echo("\nAcross all papers: which drugs inhibit or target mTOR?")
    for r in kb.query("drugs_targeting", {"target": "mTOR"}).rows:
        click.echo(f"  - {r['drug']} {r['relation']} {r['target']}: {r['papers']} paper(s)")
    click.echo("\nMore: kb query --list, kb show PAPER, kb serve (graph browser and SPARQL endpoint).")


# ---------------------------------------------------------------- extension commands
# `kb serve` and `kb graph ...` live in kb/serve/commands.py and register themselves here.
from kb.serve.commands import register as _register_serve  # noqa: E402

_register_serve(cli)


def main() -> None:
    cli(prog_name="kb")


if __name__ == "__main__":
    main()
