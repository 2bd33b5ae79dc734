"""Whole-page cache for anonymous readers, so a busy explainer costs what a static file does.

Any change to content (a save or delete in the sources, explainers or tags apps) moves the
content generation on, which retires every cached page at once. A page is kept no longer than
the next scheduled publication, so a scheduled explainer still appears on time. Staff, requests
with a session, and previews are never served from or stored in the cache.
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from explainers.caching import cache_get, cache_set

log = logging.getLogger(__name__)
GENERATION_KEY = "content-generation"
KEPT_HEADERS = ("X-Robots-Tag", "Content-Language")
CONTENT_APPS = {"sources", "explainers", "taggit"}


def generation() -> int:
    return cache_get(GENERATION_KEY) or 0


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet
        cache_set(GENERATION_KEY, 1, None)
    except Exception:  # a cache outage: nothing is being served from it either
        log.warning("cache unavailable: could not retire cached pages", exc_info=True)


def _seconds_until_next_publication(limit: int) -> int:
    from explainers.models import Snapshot

    now = timezone.now()
    moments = [
        Snapshot.objects.filter(**{f"{name}__gt": now}).order_by(name).values_list(name, flat=True).first()
        for name in ("published_at", "ended_at")
    ]
    upcoming = min(filter(None, moments), default=None)
    if upcoming is None:
        return limit
    return max(0, min(limit, int((upcoming - timezone.now()).total_seconds())))


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.user.is_authenticated
    )


def cache_public_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{generation()}:{request.method}:{path}"
        hit = cache_get(key)
        if hit is not None:
            status, content_type, body, headers = hit
            response = HttpResponse(body, status=status, content_type=content_type)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response.render()
        storable = (
            response.status_code in (200, 404)
            and not response.streaming
            and not response.cookies
            and "no-store" not in response.get("Cache-Control", "")
        )
        if storable:
            seconds = _seconds_until_next_publication(settings.PAGE_CACHE_SECONDS)
            if seconds > 0:
                headers = [(name, response[name]) for name in KEPT_HEADERS if name in response]
                cache_set(
                    key, (response.status_code, response["Content-Type"], response.content, headers), seconds
                )
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper
