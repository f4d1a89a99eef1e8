"""Shared fixtures. ``serve_home``: a small knowledge base of hand-made extractions (so the serve
and graph tests do not depend on extraction quality), written through ``kb.mapping``."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from extract.records import Certainty, Claim, Document, DocumentMetadata, Entity, Evidence, Extraction

TEMSIROLIMUS = Entity("temsirolimus", "drug", ids=["DRUGBANK:DB06287", "MESH:C401859"], synonyms=["Torisel"])
EVEROLIMUS = Entity("everolimus", "drug", ids=["DRUGBANK:DB01590"], synonyms=["RAD001"])
MTOR = Entity("MTOR", "target", ids=["HGNC:3942"], synonyms=["mTOR", "mammalian target of rapamycin"])
CSC = Entity("cancer stem cells", "cell_population", synonyms=["CSC"])
ALDH = Entity("ALDH", "biomarker", ids=["MESH:D000444"], synonyms=["aldehyde dehydrogenase"])
SARCOMA = Entity("sarcoma", "disease", ids=["MONDO:0005089"])
EXEMESTANE = Entity("exemestane", "drug", ids=["DRUGBANK:DB00990"])

SEED_SENTENCE = ("Investigators examined chemoresistance of sarcoma CSCs following treatment with mTOR inhibitor "
                 "temsirolimus with liposomal doxorubicin.")


def claim_of(text: str, sentence: str, subject: Entity | str, relation: str, obj: Entity | str,
             certainty: Certainty, marks: tuple[str, ...], kind: str = "mechanism") -> Claim:
    """A claim read from ``sentence`` in ``text``, its spans on the ``marks`` words."""
    start = text.index(sentence)
    spans = tuple((start + sentence.index(m), start + sentence.index(m) + len(m)) for m in marks)
    ev = Evidence(sentence, start, start + len(sentence), section="BODY", spans=spans, extractor="fixture",
                  confidence=0.9)
    return Claim(subject.label if isinstance(subject, Entity) else subject, relation,
                 obj.label if isinstance(obj, Entity) else obj, certainty, ev, kind=kind,
                 subject_key=subject.key if isinstance(subject, Entity) else None,
                 object_key=obj.key if isinstance(obj, Entity) else None)


def extraction(paper_id: str, sentences: list[str], entities: list[Entity], claims: list[tuple], **meta) -> Extraction:
    text = " ".join(sentences)
    doc = Document(paper_id, text, metadata=DocumentMetadata(**meta))
    return Extraction(doc, "fixture-1", entities=entities,
                      claims=[claim_of(text, sentences[i], *rest) for i, *rest in claims])


def fixture_extractions() -> list[Extraction]:
    s1 = [SEED_SENTENCE,
          "The belief is that mTOR inhibition sensitizes the chemoresistant cancer stem cell population.",
          "A correlation was found between response and decreased ALDH expression."]
    s2 = ["Everolimus, an mTOR inhibitor, was given with exemestane.",
          "Temsirolimus inhibits mTOR in renal cell carcinoma.",
          "Everolimus did not reduce sarcoma growth in this cohort."]
    s3 = ['<script>alert("pwned")</script> Temsirolimus blocks mTOR <img src=x onerror=alert(1)> at 50%41 dose.']
    return [
        extraction("fx-seed", s1, [TEMSIROLIMUS, MTOR, CSC, ALDH, SARCOMA], [
            (0, TEMSIROLIMUS, "inhibits", MTOR, Certainty.STATED, ("mTOR", "temsirolimus")),
            (1, MTOR, "sensitizes", CSC, Certainty.HYPOTHESIS, ("mTOR", "sensitizes", "cancer stem cell")),
            (2, ALDH, "associated_with", "response", Certainty.STATED, ("ALDH",), "biomarker"),
        ], title="A phase II study of temsirolimus and liposomal doxorubicin in sarcoma",
           journal="Clin Sarcoma Res", year=2018, pmid="30410720", doi="10.1186/s13569-018-0108-1"),
        extraction("fx-everolimus", s2, [EVEROLIMUS, EXEMESTANE, MTOR, TEMSIROLIMUS, SARCOMA], [
            (0, EVEROLIMUS, "inhibits", MTOR, Certainty.STATED, ("Everolimus", "mTOR")),
            (1, TEMSIROLIMUS, "inhibits", MTOR, Certainty.STATED, ("Temsirolimus", "mTOR")),
            (2, EVEROLIMUS, "reduces", SARCOMA, Certainty.NEGATED, ("Everolimus", "sarcoma")),
        ], title="Everolimus with exemestane", journal="N Engl J Med", year=2012),
        extraction("fx-xss", s3, [TEMSIROLIMUS, MTOR], [
            (0, TEMSIROLIMUS, "inhibits", "<b>cell growth</b>", Certainty.STATED, ("Temsirolimus",)),
        ], title='<script>alert("title")</script> 100% & <b>bold</b>', journal="J <i>Evil</i>", year=2020),
    ]


def write_extractions(home, extractions: list[Extraction]) -> None:
    """Store extractions the way ``kb add`` does (RDF and SQLite), without extracting anything."""
    from kb.knowledgebase import KnowledgeBase

    with KnowledgeBase(home) as kb:
        kb.add_extractions(extractions)


@pytest.fixture(scope="session")
def serve_home_template(tmp_path_factory):
    home = tmp_path_factory.mktemp("serve-template")
    write_extractions(home, fixture_extractions())
    return home


@pytest.fixture
def serve_home(serve_home_template, tmp_path):
    """A fresh copy of the fixture knowledge base (tests may write to it)."""
    home = tmp_path / "kb"
    shutil.copytree(serve_home_template, home)
    return home


class ServerProcess:
    """`kb serve --port 0` in a child process, found through its serve.json; ``output`` has its log."""

    def __init__(self, home: Path):
        from kb.serve.server import read_serve_file

        self.home = Path(home)
        self.proc = subprocess.Popen([sys.executable, "-m", "kb.cli", "--home", str(home), "serve", "--port", "0"],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.output: list[str] = []
        threading.Thread(target=lambda: self.output.extend(iter(self.proc.stdout.readline, "")), daemon=True).start()
        deadline = time.monotonic() + 30
        while (info := read_serve_file(self.home)) is None or info["pid"] != self.proc.pid:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError("the server did not start:\n" + "".join(self.output))
            time.sleep(0.05)
        self.info = info
        self.url = info["url"]

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(timeout=30)
