"""``kb serve`` and ``kb graph``: thin click commands over :mod:`kb.serve` and :mod:`kb.graph`."""

from __future__ import annotations

import functools
import json
import os
import sys

import click

MiB = 1024 * 1024


def _cli():
    """kb.cli, imported when a command runs (kb.cli imports this module while it loads)."""
    import kb.cli

    return kb.cli


def _errors(fn):
    """The kb command's error handling: ``Error: ...`` and the exception's exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return _cli().handle_errors(fn)(*args, **kwargs)

    return wrapper


def _repair(home) -> None:
    """Drop what a bulk add killed half-way left behind, before the server opens the store."""
    from kb.knowledgebase import KnowledgeBase

    with KnowledgeBase(home) as kb:
        if kb.docs.loading():
            kb.repair()


def _home(ctx: click.Context):
    return (ctx.find_root().obj or {}).get("home")


def _remote(ctx: click.Context):
    """``kb --store URL serve`` (or ``KB_STORE``): a function of the settings opening the remote store, else None."""
    url = (ctx.find_root().obj or {}).get("store")
    if not url:
        return None
    from kb.serve.remote_backend import RemoteBackend

    return lambda settings: RemoteBackend.from_url(url, timeout=settings.timeout, max_rows=settings.max_rows)


# ---------------------------------------------------------------- kb serve


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but a loopback address exposes the server to the network.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port (0: any free port).")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds a query may run.")
@click.option("--max-rows", type=int, default=10_000, show_default=True,
              help="Rows (or triples) a /sparql result may have; a larger result is an error, never cut.")
@click.option("--max-body", type=int, default=1 * MiB, show_default=True, help="Bytes a /sparql request may send.")
@click.option("--token-env", metavar="NAME",
              help="Allow SPARQL updates from requests carrying the token in $NAME as `Authorization: Bearer`.")
@click.option("--threads", type=int, default=4, show_default=True, help="Threads answering requests.")
@click.option("--get", "get_path", metavar="PATH",
              help="Answer one GET request in-process, print the body and exit (1 if the status is 400 or more).")
@click.pass_context
@_errors
def serve(ctx, host, port, timeout, max_rows, max_body, token_env, threads, get_path):
    """Serve the knowledge base: a graph browser at /, a SPARQL 1.1 endpoint at /sparql, a JSON API
    (/api lists it). Read-only unless --token-env is given; binds 127.0.0.1 by default. While it
    runs, `kb add` and `kb query` in another shell go through it. With `kb --store URL serve` it
    serves that SPARQL server instead of the embedded store.

    Examples:

        kb serve --port 8000

        kb serve --get '/api/search.json?q=temsirolimus'

        SPARQL_TOKEN=s3cret kb serve --token-env SPARQL_TOKEN
    """
    from kb.errors import InputError
    from kb.serve.app import App, Settings

    token = None
    if token_env:
        token = os.environ.get(token_env)
        if not token:
            raise InputError(f"--token-env {token_env}: ${token_env} is not set or empty")
    settings = Settings(timeout=timeout, max_rows=max_rows, max_body=max_body, token=token)
    home = _home(ctx)
    remote = _remote(ctx)
    if remote is None:
        _repair(home)
    if get_path:
        from werkzeug.test import Client

        app = App(home, settings, store=remote(settings) if remote else None)
        try:
            response = Client(app).get(get_path)
            sys.stdout.buffer.write(response.get_data())
            if not response.get_data().endswith(b"\n"):
                sys.stdout.buffer.write(b"\n")
        finally:
            app.close()
        if response.status_code >= 400:
            sys.exit(1)
        return
    from kb.serve.server import run

    try:
        run(home, host=host, port=port, settings=settings, threads=threads,
            say=lambda line: click.echo(line, err=True), store=remote)
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port}: {exc}") from exc


# ---------------------------------------------------------------- kb graph


@click.group()
def graph():
    """The entity graph (nodes: entities; edges: claims aggregated across papers) with networkx.

    Example:

        kb graph neighbors temsirolimus
    """


def _format_option(fn):
    return click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                        show_default=True)(fn)


def _load(ctx):
    from kb.graph import entity_graph

    kb = _cli().open_kb(ctx)
    return kb, entity_graph(kb)


@graph.command()
@click.argument("entity")
@click.option("--depth", type=int, default=1, show_default=True, help="Claims away from the entity.")
@_format_option
@click.pass_context
@_errors
def neighbors(ctx, entity, depth, fmt):
    """The claims around an entity (label, synonym, identifier or IRI), with supporting paper counts.

    Example:

        kb graph neighbors mTOR --depth 2
    """
    from kb.graph import edge_summary, find_node
    from kb.graph import neighbors as around

    _, g = _load(ctx)
    node = find_node(g, entity)
    sub = around(g, node, depth)
    edges = sorted((edge_summary(g, u, v, k) for u, v, k in sub.edges(keys=True)),
                   key=lambda e: (-e["papers"], e["source_label"].lower(), e["relation"]))
    if fmt == "json":
        click.echo(json.dumps({"entity": g.nodes[node]["label"], "iri": node, "claims": edges}, indent=2,
                              ensure_ascii=False))
        return
    _cli()._print_table(["subject", "relation", "object", "papers", "stated", "hypothesis", "negated"],
                        [{"subject": e["source_label"], "relation": e["relation"], "object": e["target_label"],
                          "papers": str(e["papers"]), "stated": str(e["stated"]),
                          "hypothesis": str(e["hypothesis"]), "negated": str(e["negated"])} for e in edges],
                        title=f"claims around {g.nodes[node]['label']}")


@graph.command()
@click.argument("source")
@click.argument("target")
@click.option("--max", "limit", type=int, default=3, show_default=True, help="At most this many shortest paths.")
@click.option("--sentences", type=int, default=2, show_default=True, help="Evidence sentences shown per claim.")
@_format_option
@click.pass_context
@_errors
def path(ctx, source, target, limit, sentences, fmt):
    """Shortest paths between two entities over stated or hypothesized claims (either direction),
    with the evidence for each hop.

    Example:

        kb graph path temsirolimus "cancer stem cells"
    """
    from dataclasses import asdict

    from kb.graph import find_node, path_report

    kb, g = _load(ctx)
    a, b = find_node(g, source), find_node(g, target)
    paths = path_report(kb, g, a, b, limit=limit, sentences=sentences)
    if fmt == "json":
        click.echo(json.dumps([[asdict(h) for h in p] for p in paths], indent=2, ensure_ascii=False))
        return
    if not paths:
        click.echo(f"no path between {g.nodes[a]['label']} and {g.nodes[b]['label']} over supported claims",
                   err=True)
        sys.exit(1)
    for i, hops in enumerate(paths, 1):
        labels = [g.nodes[hops[0].source]["label"]] + [g.nodes[h.target]["label"] for h in hops]
        click.echo(f"path {i}: " + " -- ".join(labels))
        for h in hops:
            for c in h.claims:
                click.echo(f"  {c['source_label']} {c['relation']} {c['target_label']} "
                           f"({c['papers']} paper(s); {c['certainty']})")
                for ev in c["evidence"]:
                    click.echo(f"      [{ev['paper']}, {ev['certainty']}] {ev['sentence']}")


@graph.command()
@click.option("--measure", type=click.Choice(["papers", "degree", "betweenness"]), default="papers",
              show_default=True, help="papers: supporting papers summed over the node's claims; degree: "
                                      "distinct neighbours; betweenness: on the graph of supported claims.")
@click.option("--limit", type=int, default=20, show_default=True)
@_format_option
@click.pass_context
@_errors
def central(ctx, measure, limit, fmt):
    """Rank entities by how central they are in the claim graph.

    Example:

        kb graph central --measure betweenness --limit 10
    """
    from kb.graph import centrality

    _, g = _load(ctx)
    rows = centrality(g, measure, limit)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    _cli()._print_table(["label", "type", "score", "claims", "papers"],
                        [{"label": r["label"], "type": r["type"], "score": f"{r['score']:g}",
                          "claims": str(r["claims"]), "papers": str(r["papers"])} for r in rows],
                        title=f"entities by {measure}")


def register(cli: click.Group) -> None:
    """Attach `kb serve` and `kb graph` to the main command group."""
    cli.add_command(serve)
    cli.add_command(graph)
