"""PostgreSQL restarted while readers load an uncached page: 503 with Retry-After, never a 500.

Runs `bench/db_outage.py` (its own PostgreSQL instance, gunicorn, wrk -t2 -c16) on the PostgreSQL
pass of the suite; skipped with a note when wrk, the server binaries or root are missing.
"""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.db_outage import missing_tools, run_outage


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="fault test skipped: it runs on the PostgreSQL pass (DATABASE_URL=postgres://…)",
)
def test_postgresql_restart_under_load_gives_503s_and_recovers_without_a_restart():
    reason = missing_tools()
    if reason:
        pytest.skip(f"fault test skipped: {reason}")
    outage = run_outage(seconds=20, restart_at=6)
    print("\n".join(outage.lines()))
    assert outage.server_errors == 0, outage.lines()
    assert set(outage.statuses) <= {200, 503}, outage.lines()
    assert outage.statuses.get(200, 0) > 0 and outage.healthy_after, outage.lines()
    assert outage.retry_after_on_every_503, outage.lines()
