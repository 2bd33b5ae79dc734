"""Real servers for tests that need them: free ports, gunicorn on this checkout, a private Redis."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def reachable(address) -> bool:
    try:
        with socket.create_connection(address, timeout=0.5):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    port: int, env: dict, *, workers: int = 1, worker_class: str = "gthread", threads: int = 2, log=None
) -> subprocess.Popen:
    """gunicorn serving `config.wsgi` on 127.0.0.1:`port`; its output goes to `log` (a path) or nowhere."""
    arguments = [str(GUNICORN), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers)]
    arguments += ["-k", worker_class] + (["--threads", str(threads)] if worker_class == "gthread" else [])
    if log is None:
        return subprocess.Popen(
            arguments, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    with open(log, "ab") as output:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(arguments, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)


def wait_for(port: int, *, seconds: float = 20) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"app server on port {port} did not start")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def missing_gunicorn() -> str:
    """Why gunicorn cannot be started here ("" when it can)."""
    return "" if GUNICORN.exists() else f"gunicorn is not installed ({GUNICORN} is missing)"


def start_redis(port: int) -> subprocess.Popen:
    """A private, memory-only redis-server on 127.0.0.1:`port` (never the shared one on 6379)."""
    binary = shutil.which("redis-server")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 10
    while not reachable(("127.0.0.1", port)):
        if process.poll() is not None or time.time() > deadline:
            stop(process)
            raise AssertionError(f"redis-server on port {port} did not start")
        time.sleep(0.05)
    return process
