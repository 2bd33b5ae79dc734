"""A per-client limit on expensive public pages (search), counted in Django's cache.

Each client (its address as the proxy in front passes it to gunicorn) gets `limit` requests per
minute; past that it gets a friendly 429 page with `Retry-After`. The count lives in the cache: with
Redis it is shared by every worker, with the local cache each worker counts on its own (so the limit
is per worker). A cache outage lets requests through: the limit protects the database, it must not
take the page down itself.
"""

import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

log = logging.getLogger(__name__)
WINDOW = 60


def client_key(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def limited(setting: str):
    """Refuse a client's requests past `settings.<setting>` per minute (0 turns the limit off)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            limit = getattr(settings, setting, 0)
            if limit and not request.user.is_staff:
                window = int(time.time() // WINDOW)
                key = f"rate:{view.__name__}:{client_key(request)}:{window}"
                try:
                    cache.add(key, 0, WINDOW + 5)
                    count = cache.incr(key)
                except Exception:
                    log.warning("cache unavailable: rate limit not applied", exc_info=True)
                    count = 0
                if count > limit:
                    retry_after = WINDOW - int(time.time()) % WINDOW
                    response = render(request, "429.html", {"retry_after": retry_after}, status=429)
                    response["Retry-After"] = str(retry_after)
                    response["Cache-Control"] = "no-store"
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
