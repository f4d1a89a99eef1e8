"""Where the remote sources are and how to reach them, read once from the environment.

| variable | default | meaning |
|---|---|---|
| ``KB_EUTILS_URL`` | https://eutils.ncbi.nlm.nih.gov/entrez/eutils/ | NCBI E-utilities base URL (a mirror, a test server) |
| ``KB_EUROPEPMC_URL`` | https://www.ebi.ac.uk/europepmc/webservices/rest/ | Europe PMC REST base URL |
| ``KB_CTGOV_URL`` | https://clinicaltrials.gov/api/v2/ | ClinicalTrials.gov API v2 base URL |
| ``NCBI_API_KEY`` | (none) | raises the NCBI limit from 3 to 10 requests/s |
| ``NCBI_EMAIL`` | (none) | sent to NCBI with ``tool=evidencekb``, as its usage policy asks |
| ``KB_HTTP_TIMEOUT`` | 60 | read timeout in seconds (connect timeout is at most 10 s) |
| ``KB_HTTP_RETRIES`` / ``KB_HTTP_BACKOFF`` | 4 / 1.0 | retries on 429, 5xx and connection errors; first backoff in seconds |
| ``KB_OFFLINE`` | off | ``1``/``true``/``yes``/``on``: serve from the cache only |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from kb.sources.ctgov import DEFAULT_CTGOV_URL
from kb.sources.europepmc import DEFAULT_EUROPEPMC_URL
from kb.sources.eutils import DEFAULT_EUTILS_URL

__all__ = ["SourceSettings"]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


def _base_url(value: str, name: str) -> str:
    value = value.strip()
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"{name}={value!r} is not an http(s) URL; set it to a base URL such as {_DEFAULTS[name]}")
    return value if value.endswith("/") else value + "/"


_DEFAULTS = {"KB_EUTILS_URL": DEFAULT_EUTILS_URL, "KB_EUROPEPMC_URL": DEFAULT_EUROPEPMC_URL,
             "KB_CTGOV_URL": DEFAULT_CTGOV_URL}


@dataclass(frozen=True)
class SourceSettings:
    """Base URLs, NCBI identity and HTTP behaviour; ``retries``/``backoff`` let tests retry fast."""

    eutils_url: str = DEFAULT_EUTILS_URL
    europepmc_url: str = DEFAULT_EUROPEPMC_URL
    ctgov_url: str = DEFAULT_CTGOV_URL
    ncbi_api_key: str | None = field(default=None, repr=False)
    ncbi_email: str | None = None
    http_timeout: float = 60.0
    offline: bool = False
    connect_timeout: float = 10.0
    retries: int = 4
    backoff: float = 1.0
    tool: str = "evidencekb"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SourceSettings:
        """Settings from environment variables (``os.environ`` unless given); raise ValueError naming a bad one."""
        env = os.environ if environ is None else environ
        timeout_text = env.get("KB_HTTP_TIMEOUT", "").strip()
        try:
            timeout = float(timeout_text) if timeout_text else cls.http_timeout
        except ValueError:
            raise ValueError(f"KB_HTTP_TIMEOUT={timeout_text!r} is not a number of seconds; set e.g. KB_HTTP_TIMEOUT=60") from None
        if timeout <= 0:
            raise ValueError(f"KB_HTTP_TIMEOUT={timeout_text!r} must be more than 0 seconds")
        offline_text = env.get("KB_OFFLINE", "").strip().lower()
        if offline_text not in _TRUE | _FALSE:
            raise ValueError(f"KB_OFFLINE={offline_text!r} is not a yes/no value; use 1 or 0")
        try:
            retries = int(env.get("KB_HTTP_RETRIES", "").strip() or cls.retries)
            backoff = float(env.get("KB_HTTP_BACKOFF", "").strip() or cls.backoff)
        except ValueError:
            raise ValueError("KB_HTTP_RETRIES must be a whole number and KB_HTTP_BACKOFF a number of seconds") from None
        return cls(
            retries=retries,
            backoff=backoff,
            eutils_url=_base_url(env.get("KB_EUTILS_URL") or DEFAULT_EUTILS_URL, "KB_EUTILS_URL"),
            europepmc_url=_base_url(env.get("KB_EUROPEPMC_URL") or DEFAULT_EUROPEPMC_URL, "KB_EUROPEPMC_URL"),
            ctgov_url=_base_url(env.get("KB_CTGOV_URL") or DEFAULT_CTGOV_URL, "KB_CTGOV_URL"),
            ncbi_api_key=env.get("NCBI_API_KEY") or None,
            ncbi_email=env.get("NCBI_EMAIL") or None,
            http_timeout=timeout,
            offline=offline_text in _TRUE,
            connect_timeout=min(10.0, timeout),
        )
