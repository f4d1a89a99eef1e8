"""ClinicalTrials.gov API v2: the registry record of a trial, and where it disagrees with a paper.

Spec: https://clinicaltrials.gov/data-api/api (``GET studies/{nctId}``; the study JSON has a
``protocolSection`` with identification, status, design, conditions and arms/interventions modules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kb.sources.http import HttpClient, HttpResponse, SourceError

__all__ = ["CtGovClient", "TrialRecord", "DEFAULT_CTGOV_URL", "trial_from_json", "compare_trial",
           "normalize_nct", "phase_numbers"]

DEFAULT_CTGOV_URL = "https://clinicaltrials.gov/api/v2/"
_NCT = re.compile(r"^NCT\d{8}$")


@dataclass
class TrialRecord:
    """What the registry says about a trial, with its own provenance (fetch time and URL)."""

    nct_id: str
    title: str | None
    phases: list[str] = field(default_factory=list)  # registry codes: PHASE1, PHASE2, EARLY_PHASE1, NA
    enrollment: int | None = None
    enrollment_type: str | None = None  # ACTUAL or ESTIMATED
    conditions: list[str] = field(default_factory=list)
    interventions: list[tuple[str, str]] = field(default_factory=list)  # (type, name): ("DRUG", "Temsirolimus")
    overall_status: str | None = None
    start_date: str | None = None  # as registered: "2012-03" or "2012-03-15"
    fetched_at: str = ""
    source_url: str = ""


def normalize_nct(value: str) -> str:
    """``nct01234567`` -> ``NCT01234567``; raise ValueError naming the expected form otherwise."""
    text = value.strip().upper().replace(" ", "")
    if not _NCT.match(text):
        raise ValueError(f"{value!r} is not a ClinicalTrials.gov id; it looks like NCT followed by 8 digits")
    return text


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def trial_from_json(data: dict, *, fetched_at: str = "", source_url: str = "") -> TrialRecord:
    """A TrialRecord from one API v2 study object."""
    protocol = _get(data, "protocolSection") or {}
    ident = protocol.get("identificationModule") or {}
    nct_id = ident.get("nctId")
    if not nct_id:
        raise ValueError("study JSON has no protocolSection.identificationModule.nctId")
    design = protocol.get("designModule") or {}
    enrollment = _get(design, "enrollmentInfo", "count")
    return TrialRecord(
        nct_id=nct_id,
        title=ident.get("briefTitle") or ident.get("officialTitle"),
        phases=list(design.get("phases") or []),
        enrollment=int(enrollment) if isinstance(enrollment, (int, float)) or str(enrollment or "").isdigit() else None,
        enrollment_type=_get(design, "enrollmentInfo", "type"),
        conditions=list(_get(protocol, "conditionsModule", "conditions") or []),
        interventions=[(i.get("type") or "", i.get("name") or "")
                       for i in _get(protocol, "armsInterventionsModule", "interventions") or [] if i.get("name")],
        overall_status=_get(protocol, "statusModule", "overallStatus"),
        start_date=_get(protocol, "statusModule", "startDateStruct", "date"),
        fetched_at=fetched_at,
        source_url=source_url,
    )


class CtGovClient:
    """ClinicalTrials.gov API v2 through the shared :class:`HttpClient` (about 50 requests/min allowed)."""

    def __init__(self, http: HttpClient, base_url: str = DEFAULT_CTGOV_URL, *, rate_per_second: float = 0.8):
        self.http = http
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        http.set_rate_limit(self.base_url, rate_per_second)

    def study(self, nct_id: str) -> TrialRecord | None:
        """The registry record, or None when the registry has no such trial (HTTP 404)."""
        nct_id = normalize_nct(nct_id)
        response: HttpResponse = self.http.get(self.base_url + f"studies/{nct_id}", params=[("format", "json")],
                                               expect="json", allow_status=(404,))
        if response.status == 404:
            return None
        try:
            return trial_from_json(response.json(), fetched_at=response.fetched_at, source_url=response.url)
        except (ValueError, TypeError) as exc:
            raise SourceError(f"{response.url} returned a study that cannot be read ({exc}); check KB_CTGOV_URL",
                              url=response.url, status=response.status) from exc


_ROMAN = {"0": 0, "I": 1, "II": 2, "III": 3, "IV": 4}
_PHASE_TOKEN = re.compile(r"\b(IV|III|II|I|[0-4])(?:[AB])?\b", re.I)


def phase_numbers(value: str | list[str] | None) -> set[int]:
    """Phases as numbers: ``["PHASE1", "PHASE2"]`` -> {1, 2}; ``"phase Ib/II"`` -> {1, 2}; ``EARLY_PHASE1`` -> {0}."""
    if not value:
        return set()
    if isinstance(value, list):
        out: set[int] = set()
        for code in value:
            code = code.upper()
            if code.startswith("EARLY_PHASE"):
                out.add(0)
            elif m := re.fullmatch(r"PHASE(\d)", code):
                out.add(int(m.group(1)))
        return out
    text = re.sub(r"(?i)\bphases?\b", " ", value).replace("/", " ").replace("-", " ")
    return {int(t) if t.isdigit() else _ROMAN[t.upper()] for t in _PHASE_TOKEN.findall(text)}


def compare_trial(record: TrialRecord, n_patients: list[int], phase: str | None) -> list[str]:
    """Where the registry and the paper's text disagree, one sentence each (empty when they agree).

    Enrollment disagrees when no patient count in the text equals the registry's; phase when
    both give one and the phase numbers differ.
    """
    notes: list[str] = []
    if record.enrollment is not None and n_patients and record.enrollment not in n_patients:
        counts = "/".join(str(n) for n in n_patients)
        note = f"registry enrollment {record.enrollment} vs text {counts} patients"
        if (record.enrollment_type or "").upper() == "ESTIMATED":
            note += " (registry count is an estimate)"
        notes.append(note)
    registry, text = phase_numbers(record.phases), phase_numbers(phase)
    if registry and text and registry != text:
        shown = "/".join(str(n) for n in sorted(registry))
        notes.append(f"registry phase {shown} vs text phase {phase}")
    return notes
