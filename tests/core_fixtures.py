"""Fixtures of the core tests: one extractor, and a knowledge base of the shipped example articles.

Test modules import what they use (``from core_fixtures import read``); pytest then finds the
fixtures in the importing module.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from extract.pipeline import Extractor
from extract.readers.text import document_from_text
from kb import KnowledgeBase

ARTICLES = Path(str(resources.files("evidencekb_data") / "articles"))
SEED = "000_dc0a5bd87a20dde1"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def read(extractor):
    """Extract a snippet of text: ``read("Fifteen patients were enrolled.")``."""

    def _read(text: str, doc_id: str = "t"):
        return extractor.extract(document_from_text(doc_id, text))

    return _read


@pytest.fixture(scope="session")
def articles_kb(tmp_path_factory) -> KnowledgeBase:
    """A knowledge base of every shipped example article (the seed and the dev-corpus copies)."""
    home = tmp_path_factory.mktemp("kb")
    kb = KnowledgeBase(home)
    kb.add_paths([ARTICLES])
    yield kb
    kb.close()


@pytest.fixture
def kb(tmp_path) -> KnowledgeBase:
    kb = KnowledgeBase(tmp_path / "home")
    yield kb
    kb.close()
