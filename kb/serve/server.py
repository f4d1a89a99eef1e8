"""Running the app: waitress on a socket, and ``KB_HOME/serve.json`` while it runs.

``serve.json`` (mode 0600) holds the server's URL, its pid and a token made at start; the ``kb``
command in another shell reads it when the store is locked, and then writes and reads through the
server (:mod:`kb.serve.client`). It is removed when the server stops; a file left by a server that
died is ignored, since its pid is gone.
"""

from __future__ import annotations

import ipaddress
import json
import os
import secrets
import signal
import threading
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from kb.errors import StoreLocked
from kb.serve.app import LOOPBACK_NAMES, MiB, App, Settings

if TYPE_CHECKING:
    from kb.serve.remote_backend import RemoteBackend

SERVE_FILE = "serve.json"


def serve_file(home: Path) -> Path:
    return Path(home) / SERVE_FILE


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def read_serve_file(home: Path) -> dict | None:
    """The running server's record, or None when there is none (or its process is gone)."""
    try:
        info = json.loads(serve_file(home).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(info, dict) or not isinstance(info.get("pid"), int) or not pid_alive(info["pid"]):
        return None
    return info


def write_serve_file(home: Path, info: dict) -> None:
    """Write atomically, readable by the owner only: it holds the token."""
    path = serve_file(home)
    tmp = path.with_name(f".{SERVE_FILE}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def remove_serve_file(home: Path, pid: int) -> None:
    path = serve_file(home)
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == pid:
            path.unlink()
    except (OSError, ValueError):
        pass


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def run(home: Path, *, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None,
        threads: int = 4, say: Callable[[str], None] = print,
        store: Callable[[Settings], RemoteBackend] | None = None) -> None:
    """Serve ``home`` until interrupted (Ctrl-C or SIGTERM); ``store`` opens a remote store instead of
    the embedded one (``kb --store URL serve``), once the settings are final."""
    import waitress

    home = Path(home)
    running = read_serve_file(home)
    if running is not None:
        raise StoreLocked(f"{home} is already served at {running.get('url')} (pid {running['pid']}); "
                          "stop that server first, or use it")
    settings = settings or Settings()
    settings.internal_token = secrets.token_urlsafe(32)
    settings.allowed_hosts = LOOPBACK_NAMES if is_loopback(host) else None
    # raises StoreLocked if `kb add` holds the embedded store right now, StoreError if a remote one is down
    app = App(home, settings, store=store(settings) if store else None)
    server = None
    try:
        server = waitress.create_server(app, host=host, port=port, threads=threads, ident="evidencekb",
                                        max_request_body_size=settings.max_write_body + MiB,
                                        clear_untrusted_proxy_headers=True)
        url = url_for(host, server.effective_port)
        write_serve_file(home, {"url": url, "token": settings.internal_token, "pid": os.getpid(),
                                "home": str(home.resolve()), "read_only": settings.token is None,
                                "started": datetime.now(timezone.utc).isoformat(timespec="seconds")})
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _exit)
        app.warm()
        updates = "updates allowed with the token" if settings.token else "read-only"
        served = f"{home} on the store at {app.store.origin}" if store else str(home)
        say(f"Serving {served} at {url} ({updates}; queries stop after {settings.timeout:g} s, "
            f"at most {settings.max_rows} rows). Ctrl-C to stop.")
        server.run()
    finally:
        if server is not None:
            server.close()
        remove_serve_file(home, os.getpid())
        app.close()


def _exit(signum, frame):
    raise SystemExit(0)
