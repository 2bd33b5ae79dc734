"""`/healthz`: the database must answer (503 if not); the cache is reported but never fails the check.

A shared Redis that is down only makes the site slower, so load balancers keep routing to it.
"""

import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception as error:  # any driver error means "not healthy"
        return f"error: {type(error).__name__}"


def _cache() -> str:
    key = "healthz"
    try:
        value = str(time.time())
        cache.set(key, value, 10)
        return "ok" if cache.get(key) == value else "error: read back a different value"
    except Exception as error:  # a cache outage degrades the site, it does not take it down
        return f"unavailable: {type(error).__name__}"


@never_cache
@require_safe
def healthz(request):
    checks = {"database": _database(), "cache": _cache()}
    status = 200 if checks["database"] == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "error", **checks}, status=status)
