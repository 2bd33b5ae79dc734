"""Benchmark: import 1,000 and 4,000 generated documents into a fresh SQLite database each.

Prints both times and their ratio (target: 1,000 in under 30 s; 4,000 at most 4.5 times as long).
With --repeat, each size is imported that many times (a fresh database each) and the median is
quoted, with the fastest and slowest run beside it. The import's CPU seconds are printed beside
its wall seconds: on a shared machine they say what the code costs when the wall clock also
counts other programs' turns.
Usage: .venv/bin/python bench/import_bench.py [--sizes 1000 4000] [--repeat 3]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_one(size: int) -> tuple[float, float]:
    """In a child process: a fresh database, `size` documents, one timed import (wall, CPU seconds)."""
    work = Path(tempfile.mkdtemp(prefix=f"import-bench-{size}-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
        "VAR_DIR": str(work),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DEBUG": "0",
    }
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(size), str(work)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    wall, cpu = out.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def child(size: int, work: Path) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from bench.generate import generate
    from explainers.importing import import_documents

    call_command("migrate", verbosity=0)
    folder = work / "docs"
    generate(folder, size)
    started, cpu = time.perf_counter(), time.process_time()
    result = import_documents([folder], root=folder, max_bytes=5 * 1024 * 1024)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{result.documents} documents, {result.summary.changed} rows written", file=sys.stderr)
    print(elapsed, cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000], help="documents per import")
    parser.add_argument("--repeat", type=int, default=1, help="imports of each size; the median is quoted")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(int(args.child[0]), Path(args.child[1]))
        return
    times = {}
    for size in args.sizes:
        runs = [run_one(size) for _ in range(max(1, args.repeat))]
        walls = [wall for wall, _ in runs]
        times[size] = statistics.median(walls)
        cpu = statistics.median(cpu for _, cpu in runs)
        spread = f", min {min(walls):.1f}, max {max(walls):.1f}, {len(runs)} runs" if len(runs) > 1 else ""
        print(
            f"import of {size:>5} documents: {times[size]:7.1f} s  "
            f"({1000 * times[size] / size:.1f} ms/document; CPU {cpu:.1f} s{spread})"
        )
    if len(times) >= 2:
        small, large = min(times), max(times)
        ratio = times[large] / times[small]
        print(
            f"ratio {large}/{small}: {ratio:.2f} (linear would be {large / small:.1f}; target <= {large / small * 1.125:.1f})"
        )


if __name__ == "__main__":
    main()
