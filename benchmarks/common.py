"""Shared helpers of the benchmark scripts: the report, child processes measured for wall time
and peak memory, the ``kb`` command line, and statistics.

Every measurement that loads the extractor or the store runs in a child process, so that its
start-up and memory are its own, and the orchestrating process stays small.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "benchmarks"
OUT = BENCH / "out"  # git-ignored; every run works in a fresh subfolder of it


# ---------------------------------------------------------------------------------------------
# Report


@dataclass
class Row:
    section: str
    figure: str
    value: str
    target: str = ""
    status: str = "INFO"  # PASS | FAIL | SKIP | INFO | CHECK-OK | CHECK-FAIL
    note: str = ""


@dataclass
class Report:
    """Rows printed as they come, kept for the summary and the JSON file.

    ``judge_timings=False`` (``--check``) reports timing figures with status INFO: only the
    correctness checks can fail.
    """

    judge_timings: bool = True
    rows: list[Row] = field(default_factory=list)
    tables: dict[str, list[list[str]]] = field(default_factory=dict)

    def _emit(self, row: Row) -> None:
        self.rows.append(row)
        target = f"target {row.target}" if row.target else ""
        note = f"  ({row.note})" if row.note else ""
        print(f"  {row.figure:<46} {row.value:>18}  {target:<22} {row.status}{note}", flush=True)

    def figure(self, section: str, figure: str, value: float | None, fmt: str, target: str = "",
               ok: bool | None = None, note: str = "") -> None:
        """A measured figure; ``ok`` is the verdict against ``target`` (None: informational)."""
        text = fmt.format(value) if value is not None else "n/a"
        if ok is None or not target:
            status = "INFO"
        elif not self.judge_timings:
            status = "INFO"
            note = (note + "; " if note else "") + "not judged in --check"
        else:
            status = "PASS" if ok else "FAIL"
        self._emit(Row(section, figure, text, target, status, note))

    def check(self, section: str, figure: str, ok: bool, value: str = "", note: str = "") -> None:
        """A correctness check: judged in every mode."""
        self._emit(Row(section, figure, value or ("ok" if ok else "wrong"), "correct",
                       "PASS" if ok else "FAIL", note))

    def skip(self, section: str, figure: str, reason: str) -> None:
        self._emit(Row(section, figure, "-", "", "SKIP", f"not available: {reason}"))

    def info(self, section: str, figure: str, value: str, note: str = "") -> None:
        self._emit(Row(section, figure, value, "", "INFO", note))

    def table(self, name: str, header: list[str], rows: list[list[str]]) -> None:
        self.tables[name] = [header, *rows]
        print_table(header, rows)

    @property
    def failed(self) -> list[Row]:
        return [r for r in self.rows if r.status == "FAIL"]

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for r in self.rows:
            counts[r.status] = counts.get(r.status, 0) + 1
        return ", ".join(f"{counts.get(k, 0)} {k}" for k in ("PASS", "FAIL", "SKIP", "INFO"))

    def save(self, path: Path, meta: dict) -> None:
        path.write_text(json.dumps({"meta": meta, "rows": [asdict(r) for r in self.rows],
                                    "tables": self.tables}, indent=1), encoding="utf-8")


_T0 = time.perf_counter()


def section(title: str) -> None:
    print(f"\n== {title}   [+{time.perf_counter() - _T0:.0f} s]", flush=True)


def print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda cells: "  " + " | ".join(str(c).rjust(w) for c, w in zip(cells, widths))  # noqa: E731
    print(line(header))
    print("  " + "-+-".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(q / 100 * len(s) + 0.5)) - 1))
    return s[k]


def median(values: list[float]) -> float:
    return statistics.median(values)


# ---------------------------------------------------------------------------------------------
# Child processes with wall time and memory


@dataclass
class Measured:
    cmd: list[str]
    returncode: int
    wall: float  # seconds
    peak_tree_mb: float  # peak of the summed RSS of the process and its descendants (sampled)
    max_rss_mb: float  # largest single-process peak RSS (kernel's ru_maxrss, exact)
    stdout: str
    stderr: str
    timed_out: bool = False
    peak_pss_mb: float = 0.0  # peak of the summed PSS of the tree (sampled; shared pages counted once)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    def error(self) -> str:
        if self.timed_out:
            return f"timed out after {self.wall:.0f} s"
        tail = (self.stderr.strip() or self.stdout.strip()).splitlines()[-3:]
        return f"exit {self.returncode}: " + " | ".join(tail)


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError, IndexError):
        return 0


def _pss_kb(pid: int) -> int:
    """Proportional set size: shared pages split among their sharers, so forked workers that share
    the lexicon copy-on-write are not counted twice (summed RSS would)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return _rss_kb(pid)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def tree_rss_mb(pid: int) -> float:
    return sum(_rss_kb(p) for p in _descendants(pid)) / 1024


def tree_pss_mb(pid: int) -> float:
    return sum(_pss_kb(p) for p in _descendants(pid)) / 1024


KB_IMPORT = """
try:
    from kb import KnowledgeBase
except ImportError:
    from kb.knowledgebase import KnowledgeBase
"""


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of child processes: the repository importable, no stray KB_HOME."""
    env = dict(os.environ)
    env.pop("KB_HOME", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.setdefault("PYTHONHASHSEED", "0")
    env.update(extra or {})
    return env


def kill_group(pid: int) -> None:
    """Kill the process group of a child started with ``start_new_session`` (only what we started)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_measured(cmd: list[str], *, timeout: float = 3600, env: dict[str, str] | None = None,
                 stdout_path: Path | None = None, sample_every: float = 0.1) -> Measured:
    """Run ``cmd`` in its own session; sample the RSS of its process tree until it exits.

    On timeout the child's process group (only processes this call started) is killed.
    ``stdout_path`` sends standard output to a file instead of keeping it.
    """
    with tempfile.TemporaryFile() as err_fh, (open(stdout_path, "wb") if stdout_path
                                              else tempfile.TemporaryFile()) as out_fh:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out_fh, stderr=err_fh, stdin=subprocess.DEVNULL, cwd=REPO,
                             env=env or child_env(), start_new_session=True)
        peak, peak_pss, timed_out, status, rusage = 0.0, 0.0, False, 0, None
        samples = 0
        scan_every, last_scan, tree = 1.0, 0.0, [p.pid]
        try:
            while True:
                pid, status, rusage = os.wait4(p.pid, os.WNOHANG)
                if pid == p.pid:
                    break
                now = time.perf_counter()
                if now - last_scan >= scan_every:  # finding descendants is dearer than reading RSS
                    tree, last_scan = _descendants(p.pid), now
                    scan_every = min(2.0, scan_every * 1.5) if len(tree) == 1 else 0.5
                peak = max(peak, sum(_rss_kb(q) for q in tree) / 1024)
                if samples % 5 == 0:  # PSS is dearer to read: every 5th sample
                    peak_pss = max(peak_pss, sum(_pss_kb(q) for q in tree) / 1024)
                samples += 1
                if now - t0 > timeout:
                    timed_out = True
                    kill_group(p.pid)
                    _, status, rusage = os.wait4(p.pid, 0)
                    break
                time.sleep(sample_every)
        except BaseException:  # interrupted (Ctrl-C, SIGTERM): take the child down with us
            kill_group(p.pid)
            raise
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        kill_group(p.pid)  # workers left behind by a killed or crashed parent
        err_fh.seek(0)
        stderr = err_fh.read().decode("utf-8", "replace")
        stdout = ""
        if not stdout_path:
            out_fh.seek(0)
            stdout = out_fh.read().decode("utf-8", "replace")
    max_rss = (rusage.ru_maxrss / 1024) if rusage else 0.0
    return Measured(cmd, p.returncode, wall, max(peak, max_rss), max_rss, stdout, stderr, timed_out,
                    peak_pss_mb=peak_pss)


def run_json(cmd: list[str], *, timeout: float = 3600, env: dict[str, str] | None = None) -> tuple[Measured, dict]:
    """Run a child that prints one JSON object as its last stdout line."""
    m = run_measured(cmd, timeout=timeout, env=env)
    data: dict = {}
    if m.ok:
        for line in reversed(m.stdout.strip().splitlines()):
            if line.startswith("{"):
                data = json.loads(line)
                break
    return m, data


# ---------------------------------------------------------------------------------------------
# The project under test


def kb_command() -> list[str]:
    """How to call the ``kb`` CLI: the installed script next to this interpreter, else its module."""
    script = Path(sys.executable).with_name("kb")
    if script.exists():
        return [str(script)]
    found = shutil.which("kb")
    if found and Path(found).resolve().parent == Path(sys.executable).resolve().parent:
        return [found]
    return [sys.executable, "-c", "import sys; from kb.cli import main; sys.exit(main())"]


def probe_imports(code: str, timeout: float = 120) -> str | None:
    """Run ``code`` in a child; None when it works, else the last error line (for SKIP reasons)."""
    m = run_measured([sys.executable, "-c", code], timeout=timeout)
    if m.ok:
        return None
    lines = [ln for ln in m.stderr.strip().splitlines() if ln.strip()]
    return lines[-1] if lines else m.error()


def named_queries() -> list[Path]:
    return sorted((REPO / "queries").glob("*.rq"))


def dir_size_mb(path: Path) -> float:
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total / 2**20


def new_run_dir() -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=time.strftime("run-%Y%m%d-%H%M%S-"), dir=OUT))


def machine_info() -> dict[str, str]:
    info = {"date": time.strftime("%Y-%m-%d %H:%M"), "python": platform.python_version(),
            "platform": platform.platform(), "cpus": str(os.cpu_count())}
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as fh:
            info["memory"] = f"{int(fh.readline().split()[1]) / 2**20:.0f} GiB"
    except OSError:
        pass
    from importlib import metadata

    for pkg in ("spacy", "pyoxigraph", "oxrdflib", "rdflib", "pyahocorasick", "sqlite-utils", "evidencekb"):
        try:
            info[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            info[pkg] = "-"
    try:
        info["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                        text=True, timeout=10).stdout.strip() or "-"
    except (OSError, subprocess.SubprocessError):
        info["commit"] = "-"
    return info
