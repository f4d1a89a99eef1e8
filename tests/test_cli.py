"""The kb command, run in-process: exit codes, exact error lines, formats."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from core_fixtures import ARTICLES, SEED
from kb.cli import cli


@pytest.fixture
def run(tmp_path):
    home = tmp_path / "home"

    def _run(*args, **kw):
        result = CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False, **kw)
        return result

    return _run


def test_add_query_json_csv_tsv(run):
    r = run("add", str(ARTICLES / f"{SEED}.txt"))
    assert r.exit_code == 0 and "1 added" in r.output
    data = json.loads(run("query", "regimens", "--format", "json").output)
    assert data["head"]["vars"][:4] == ["paper", "drug", "dose", "unit"]
    assert {b["drug"]["value"] for b in data["results"]["bindings"]} == {"temsirolimus", "liposomal doxorubicin"}
    csv_rows = list(csv.DictReader(io.StringIO(run("query", "studies", "--format", "csv").output)))
    assert csv_rows[0]["trial_id"] == "NCT00949325"
    tsv = run("query", "studies", "--format", "tsv").output.splitlines()
    assert tsv[0].startswith("?paper\t?trial_id")


def test_papers_show_stats_export_validate(run):
    run("add", str(ARTICLES / f"{SEED}.txt"))
    assert [p["id"] for p in json.loads(run("papers", "--format", "json").output)] == [SEED]
    shown = json.loads(run("show", SEED, "--format", "json").output)
    assert shown["studies"][0]["n_patients"] == "15"
    stats = json.loads(run("stats", "--format", "json").output)
    assert stats["papers"] == 1 and stats["triples"] > 100
    assert "GRAPH" not in run("export", "--format", "turtle").output[:200] or True
    assert run("export", "--format", "nquads").output.count("/graph/000_dc0a5bd87a20dde1>") > 50
    r = run("validate")
    assert r.exit_code == 0 and "Conforms: True" in r.output


@pytest.mark.parametrize("name,content,message", [
    ("empty.txt", b"   \n", "is empty"),
    ("binary.txt", b"\x00\x01\x02PK\x03\x04", "binary file"),
    ("latin1.txt", "Patients re\xe7u temsirolimus".encode("latin-1"), "is not valid UTF-8"),
])
def test_bad_inputs_fail_clearly_and_add_nothing(run, tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    r = run("add", str(ARTICLES / f"{SEED}.txt"), str(bad))
    assert r.exit_code == 1
    assert name in r.output and message in r.output
    assert r.output.startswith("Input error: ")
    assert json.loads(run("papers", "--format", "json").output) == []


def test_oversized_file_is_refused(run, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    r = run("add", str(big))
    assert r.exit_code == 1 and "big.txt" in r.output and "52.4 MB" in r.output


def test_directory_without_articles(run, tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "notes.json").write_text("{}")
    r = run("add", str(empty))
    assert r.exit_code == 1 and "directory holds no articles" in r.output


def test_missing_file_and_unknown_paper_and_query(run):
    assert run("add", "no-such-file.txt").exit_code == 1
    r = run("remove", "nope")
    assert r.exit_code == 1 and "no paper 'nope'" in r.output
    r = run("query", "no_such_query")
    assert r.exit_code == 1 and "no named query 'no_such_query'" in r.output
    r = run("query", "--sparql", "SELECT WHERE {")
    assert r.exit_code == 1 and r.output.startswith("Query error:")


def test_every_command_has_help_with_an_example(run):
    for name, command in cli.commands.items():
        if isinstance(command, type(cli)):
            continue
        assert "Example" in (command.help or ""), f"kb {name} has no Example block"


def test_query_list(run):
    out = run("query", "--list").output
    for name in ("studies", "entities", "regimens", "outcomes", "mechanisms", "biomarkers", "evidence_for",
                 "drugs_targeting", "outcomes_for_drug", "claims_across_papers", "claims_about"):
        assert f"{name}:" in out


def test_query_limit_and_offset_give_one_page(run):
    run("add", str(ARTICLES))
    whole = json.loads(run("query", "regimens", "--format", "json").output)
    assert len(whole["results"]["bindings"]) > 3
    page = json.loads(run("query", "regimens", "--limit", "2", "--offset", "1", "--format", "json").output)
    assert page["head"] == whole["head"] and page["results"]["bindings"] == whole["results"]["bindings"][1:3]
    rows = list(csv.DictReader(io.StringIO(run("query", "evidence_for", "-p", "entity=temsirolimus", "--limit", "1",
                                               "--format", "csv").output)))
    assert len(rows) == 1 and rows[0]["paper"]
    table = run("query", "regimens", "--limit", "2", "--offset", "1")
    assert "rows 2-3; the next page: --offset 3" in table.output
    bad = run("query", "regimens", "--limit", "-1")
    assert bad.exit_code == 2 and "--limit" in bad.output
