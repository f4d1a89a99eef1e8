"""Mechanism and biomarker claims (filled in below)."""
from __future__ import annotations

from extract.context import DocContext
from extract.records import Claim


def extract_claims(ctx: DocContext) -> list[Claim]:
    return []
