"""PostgreSQL restarted under load: readers get 503 with Retry-After while it is down, never a 500.

Starts a PostgreSQL instance of its own (never the machine's shared one) on a free port, imports the
seed story into it, serves it with gunicorn (production settings, two gthread workers, page cache
off so every request reaches the database), runs `wrk -t2 -c16` on the explainer page and restarts
PostgreSQL in the middle. A poller records the status of one request every 50 ms, so the outage can
be read as a timeline. Prints the status counts, how long PostgreSQL was down, and the error window.

Needs wrk (Debian package), the PostgreSQL server binaries and root (to run them as `postgres`).
Usage: .venv/bin/python bench/db_outage.py [--seconds 20] [--restart-at 6]
"""

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from bench.load_and_faults import GUNICORN, PY, ROOT, free_port, start_gunicorn

PAGE = "/explainers/india-us-critical-minerals-pact/"
COUNT_STATUSES = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) codes = {} end
function response(status, headers, body) codes[status] = (codes[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("codes")) do total[code] = (total[code] or 0) + n end
  end
  for code, n in pairs(total) do io.write(string.format("status %d %d\\n", code, n)) end
end
"""


def pg_binary(name: str) -> str | None:
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def missing_tools() -> str | None:
    """Why this run cannot happen here, or None."""
    if shutil.which("wrk") is None:
        return "wrk is not installed (apt-get install -y wrk)"
    if pg_binary("initdb") is None or pg_binary("pg_ctl") is None:
        return "the PostgreSQL server binaries are not installed"
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        return "starting a PostgreSQL instance needs root (to run it as the postgres user)"
    if not Path(GUNICORN).exists():
        return "gunicorn is not installed in .venv"
    return None


class Postgres:
    """A throwaway PostgreSQL cluster in a temporary folder, run as the postgres user."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="policydesk-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        shutil.chown(self.folder, "postgres")

    def _as_postgres(self, *args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, capture_output=True)

    def start(self) -> None:
        if not self.data.exists():
            self._as_postgres(pg_binary("initdb"), "-D", str(self.data), "--auth=trust", "-U", "postgres")
        self._as_postgres(*self._ctl(), "start")

    def _ctl(self) -> list[str]:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        return [
            pg_binary("pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "log"),
            "-w",
        ]

    def restart(self) -> float:
        started = time.perf_counter()
        self._as_postgres(*self._ctl(), "-m", "fast", "restart")
        return time.perf_counter() - started

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._as_postgres(*self._ctl(), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


def probe(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            response.read()
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After", "")
    except OSError:
        return 0, ""


class Poller(threading.Thread):
    """Asks one URL every 50 ms and keeps (time, status, Retry-After): the timeline of the outage."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.samples, self.running = url, [], True

    def run(self):
        while self.running:
            code, retry_after = probe(self.url)
            self.samples.append((time.time(), code, retry_after))
            time.sleep(0.05)


@dataclass
class Outage:
    statuses: dict[int, int]
    restart_seconds: float
    error_window_seconds: float
    polled: dict[int, int]
    retry_after_on_every_503: bool
    healthy_after: bool

    @property
    def server_errors(self) -> int:
        return sum(n for code, n in self.statuses.items() if code >= 500 and code != 503)

    def lines(self) -> list[str]:
        return [
            "wrk statuses: " + ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items())),
            "poller statuses: " + ", ".join(f"{code}: {n}" for code, n in sorted(self.polled.items())),
            f"PostgreSQL restart took {self.restart_seconds:.1f} s; readers saw errors for "
            f"{self.error_window_seconds:.1f} s",
            f"500s: {self.server_errors}; every 503 had Retry-After: {self.retry_after_on_every_503}; "
            f"serving again afterwards without restarting gunicorn: {self.healthy_after}",
        ]


def run_outage(*, seconds: int = 20, restart_at: float = 6.0) -> Outage:
    database = Postgres()
    server = None
    try:
        database.start()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "outage-test-secret-key-" + "k" * 40,
            "DATABASE_URL": database.url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "PAGE_CACHE_SECONDS": "0",
            "VAR_DIR": str(database.folder / "var"),
        }
        env.pop("REDIS_URL", None)
        for command in (
            ["manage.py", "migrate", "--noinput", "-v0"],
            ["manage.py", "import_seeds", "--publish", "-v0"],
            ["manage.py", "collectstatic", "--noinput", "-v0"],
        ):
            subprocess.run([PY, *command], cwd=ROOT, env=env, check=True, capture_output=True)
        port = free_port()
        server = start_gunicorn(env, port)
        url = f"http://127.0.0.1:{port}{PAGE}"
        script = database.folder / "count.lua"
        script.write_text(COUNT_STATUSES)
        load = subprocess.Popen(
            ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "5s", "-s", str(script), url],
            stdout=subprocess.PIPE,
            text=True,
        )
        poller = Poller(url)
        poller.start()
        time.sleep(restart_at)
        restart = database.restart()
        out, _ = load.communicate(timeout=seconds + 30)
        time.sleep(1.0)
        poller.running = False
        poller.join()
        statuses = {}
        for line in out.splitlines():
            if line.startswith("status "):
                _, code, count = line.split()
                statuses[int(code)] = int(count)
        bad = [t for t, code, _ in poller.samples if code != 200]
        polled: dict[int, int] = {}
        for _, code, _ in poller.samples:
            polled[code] = polled.get(code, 0) + 1
        return Outage(
            statuses=statuses,
            restart_seconds=restart,
            error_window_seconds=(max(bad) - min(bad)) if bad else 0.0,
            polled=polled,
            retry_after_on_every_503=all(retry for _, code, retry in poller.samples if code == 503),
            healthy_after=probe(url)[0] == 200,
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        database.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--restart-at", type=float, default=6.0)
    args = parser.parse_args()
    reason = missing_tools()
    if reason:
        sys.exit(f"cannot run: {reason}")
    outage = run_outage(seconds=args.seconds, restart_at=args.restart_at)
    print("\n".join(outage.lines()))


if __name__ == "__main__":
    main()
