"""Load and fault run on this machine: gunicorn on PostgreSQL (and Redis), measured with wrk.

1. Load: wrk (2 threads, 32 connections, 60 s) on the explainer page, a source page and a search:
   requests/s, p50, p99, non-2xx responses and socket errors.
2. PostgreSQL restarted in the middle of a load run: how long the site answered errors, compared
   with how long the restart took, and recovery with no manual step.
3. Redis stopped: the site keeps serving (uncached); /healthz says the cache is unavailable.
4. An import killed half-way with SIGKILL: the database is exactly as before; a rerun completes.

Needs wrk (Debian package), PostgreSQL on 127.0.0.1:5432 (user postgres) and Redis on 6379.
Usage: .venv/bin/python bench/load_and_faults.py [--seconds 60] [--skip-faults]
Figures go to stdout; docs/reliability.md records a run.
"""

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DB_NAME = "policydesk_load"
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
]


def run(cmd, env=None, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, text=True, **kwargs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(var_dir: Path, *, redis: bool) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "load-test-secret-key-" + "k" * 40,
        "DATABASE_URL": DB_URL,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",  # wrk speaks plain HTTP on loopback; TLS ends at the proxy
        "VAR_DIR": str(var_dir),
        "GUNICORN_ACCESS_LOG": "",
    }
    if redis:
        env["REDIS_URL"] = "redis://127.0.0.1:6379/1"
    else:
        env.pop("REDIS_URL", None)
    return env


def fresh_database(env: dict) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    run(
        [PY, "manage.py", "import_seeds", "--publish", "-v0"],
        {**env, "DJANGO_SETTINGS_MODULE": "config.settings.base"},
    )
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)


def start_gunicorn(env: dict, port: int, *, sync: bool = False, log: Path | None = None) -> subprocess.Popen:
    """gunicorn with 2 workers (gthread × 4 threads, or `sync`), started and answering /healthz."""
    workers = ["-k", "sync"] if sync else ["-k", "gthread", "--threads", "4"]
    errors = ["--error-logfile", str(log)] if log else []
    server = subprocess.Popen(
        [
            GUNICORN,
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            *workers,
            "--access-logfile",
            "/dev/null",
            *errors,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        if status(f"http://127.0.0.1:{port}/healthz") == 200:
            return server
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not start{f' (log: {log})' if log else ''}")


def status(url: str, timeout: float = 2.0) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def wrk(url: str, seconds: int, *, threads=2, connections=32) -> dict:
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def number(pattern, default="0"):
        found = re.search(pattern, out)
        return found.group(1) if found else default

    def millis(text):
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "requests_per_s": float(number(r"Requests/sec:\s+([\d.]+)")),
        "p50_ms": millis(number(r"50%\s+([\d.]+\w+)", "0ms")),
        "p99_ms": millis(number(r"99%\s+([\d.]+\w+)", "0ms")),
        "requests": int(number(r"(\d+) requests in")),
        "non_2xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": sum(int(g) for g in errors.groups()) if errors else 0,
    }


class Poller(threading.Thread):
    """Asks one URL every 50 ms and keeps (time, status): the timeline of an outage."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.samples, self.running = url, [], True

    def run(self):
        while self.running:
            self.samples.append((time.time(), status(self.url, timeout=1.0)))
            time.sleep(0.05)

    def error_window(self) -> float:
        bad = [t for t, code in self.samples if code != 200]
        return (max(bad) - min(bad)) if bad else 0.0


def load(base: str, seconds: int) -> dict:
    source = json.loads(
        urllib.request.urlopen(f"{base}/api/explainers/india-us-critical-minerals-pact/").read()
    )
    targets = {
        "explainer": f"{base}/explainers/india-us-critical-minerals-pact/",
        "source": source["references"][0]["source"]["page"],
        "search": f"{base}/search/?q=critical+minerals",
    }
    results = {}
    for name, url in targets.items():
        wrk(url, 10, threads=1, connections=4)  # warm-up, discarded
        results[name] = wrk(url, seconds)
        r = results[name]
        print(
            f"  {name:<10} {r['requests_per_s']:8.1f} req/s   p50 {r['p50_ms']:7.1f} ms   p99 {r['p99_ms']:7.1f} ms"
            f"   non-2xx {r['non_2xx']}   socket errors {r['socket_errors']}   ({r['requests']} requests)"
        )
    return results


def postgres_restart(base: str) -> dict:
    """PostgreSQL restarted under load: run on an instance of its own (bench/db_outage.py), never on
    the machine's shared server."""
    from bench.db_outage import missing_tools, run_outage

    reason = missing_tools()
    if reason:
        print(f"  skipped: {reason}")
        return {"skipped": reason}
    outage = run_outage(seconds=30, restart_at=10)
    for line in outage.lines():
        print(f"  {line}")
    return {
        "restart_s": round(outage.restart_seconds, 2),
        "error_window_s": round(outage.error_window_seconds, 2),
        "statuses": outage.statuses,
        "server_errors": outage.server_errors,
    }


def redis_outage(base: str) -> dict:
    subprocess.run(["redis-cli", "-p", "6379", "shutdown", "nosave"], capture_output=True)
    time.sleep(0.5)
    pages = [
        f"{base}/explainers/india-us-critical-minerals-pact/",
        f"{base}/explainers/india-us-critical-minerals-pact/evidence/",
        f"{base}/search/?q=rare",
    ]
    codes = [status(url) for url in pages]
    health = json.loads(urllib.request.urlopen(f"{base}/healthz").read())
    during = wrk(pages[1], 10)
    subprocess.run(REDIS_START, check=True, capture_output=True)
    time.sleep(0.5)
    print(
        f"  Redis down: pages answered {codes}; healthz {health}; evidence map under load:"
        f" {during['requests_per_s']:.1f} req/s, non-2xx {during['non_2xx']}"
    )
    return {"page_status": codes, "healthz": health, "load": during}


FINGERPRINT_SQL = """
SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
  SELECT 'source:' || id || ':' || content_hash || ':' || version AS t FROM sources_source
  UNION ALL SELECT 'claim:' || id || ':' || md5(text) || ':' || version FROM explainers_claim
  UNION ALL SELECT 'citation:' || id || ':' || md5(quote) || ':' || version FROM explainers_citation
  UNION ALL SELECT 'explainer:' || id || ':' || version FROM explainers_explainer
  UNION ALL SELECT 'person:' || id || ':' || version FROM sources_person
) rows
"""


def fingerprint() -> str:
    import psycopg

    with psycopg.connect(DB_URL) as conn:
        return conn.execute(FINGERPRINT_SQL).fetchone()[0]


def killed_import(env: dict, work: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from bench.generate import generate

    folder = work / "many"
    generate(folder, 1500)
    before = fingerprint()
    command = [PY, "manage.py", "import_seeds", str(folder), "--root", str(folder)]
    base_env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    process = subprocess.Popen(
        command, cwd=ROOT, env=base_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(6)
    process.send_signal(signal.SIGKILL)
    process.wait()
    after_kill = fingerprint()
    started = time.time()
    rerun = subprocess.run(command, cwd=ROOT, env=base_env, capture_output=True, text=True)
    seconds = time.time() - started
    after_rerun = fingerprint()
    same = before == after_kill
    print(
        f"  killed after 6 s: database unchanged: {same}; rerun exit {rerun.returncode} in {seconds:.1f} s;"
        f" database changed by the rerun: {after_rerun != before}"
    )
    return {"unchanged_after_kill": same, "rerun_exit": rerun.returncode, "rerun_s": round(seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--skip-faults", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="load-"))
    env = environment(work, redis=True)
    print("Preparing: fresh PostgreSQL database, seeds imported, static files collected")
    fresh_database(env)
    port = free_port()
    server = start_gunicorn(env, port)
    base = f"http://127.0.0.1:{port}"
    report = {}
    try:
        print(f"Load: wrk -t2 -c32 -d{args.seconds}s against gunicorn (2 gthread workers × 4 threads)")
        report["load"] = load(base, args.seconds)
        if not args.skip_faults:
            print("PostgreSQL restarted during a 30 s load run")
            report["postgres_restart"] = postgres_restart(base)
            print("Redis stopped")
            report["redis_outage"] = redis_outage(base)
            print("Import killed half-way (SIGKILL)")
            report["killed_import"] = killed_import(env, work)
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
