"""CLI commands of the HTTP app and the graph views (filled in by the serve work)."""

from __future__ import annotations

import click


def register(cli: click.Group) -> None:
    """Attach `kb serve` and `kb graph` to the main command group."""
