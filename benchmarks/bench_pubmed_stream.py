"""Stream a generated PubMed XML file through ``iter_pubmed_xml``: records/s and peak RSS.

The file is generated first (in a child process, so it does not count towards peak memory)
when missing. Peak RSS is printed at 10%, 50% and 100% of the records: if records were kept,
it would climb with them; it must stay flat and under 1 GiB (exit status 1 otherwise).

    python benchmarks/bench_pubmed_stream.py --records 30000
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

from extract.readers.pubmed_xml import iter_pubmed_xml

LIMIT_MIB = 1024


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=30_000)
    parser.add_argument("--file", type=Path, default=None, help="default: benchmarks/out/pubmed_<N>.xml.gz")
    args = parser.parse_args()
    path = args.file or Path(__file__).parent / "out" / f"pubmed_{args.records}.xml.gz"
    if not path.exists():
        subprocess.run([sys.executable, str(Path(__file__).parent / "gen_pubmed_xml.py"), "--records",
                        str(args.records), "--out", str(path)], check=True)

    start_rss = peak_rss_mib()
    checkpoints = {max(1, args.records // 10), max(1, args.records // 2)}
    count = chars = sections = 0
    started = time.perf_counter()
    for doc in iter_pubmed_xml(path):
        count += 1
        chars += len(doc.text)
        sections += len(doc.sections)
        if count in checkpoints:
            print(f"  {count:>7,} records  peak RSS {peak_rss_mib():7.1f} MiB")
    elapsed = time.perf_counter() - started
    peak = peak_rss_mib()
    print(f"  {count:>7,} records  peak RSS {peak:7.1f} MiB")
    print(f"file: {path} ({path.stat().st_size / 1e6:.1f} MB gz)")
    print(f"read {count:,} records ({chars / 1e6:.1f} M chars, {sections:,} sections) in {elapsed:.1f} s "
          f"= {count / elapsed:,.0f} records/s")
    print(f"peak RSS {peak:.1f} MiB (at start {start_rss:.1f} MiB; limit {LIMIT_MIB} MiB)")
    if peak >= LIMIT_MIB:
        print("FAIL: peak memory over the limit", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
