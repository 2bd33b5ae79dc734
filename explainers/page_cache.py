"""Whole-page cache for anonymous readers, correct on every worker and app server.

`PageCacheMiddleware` sits just after the HTTPS redirect and security headers, before sessions and
authentication (even before WhiteNoise), so a hit costs what a static file does plus one indexed read: the version of the page's scope, kept in the
database (`page_versions`). The cache key holds that version, so a change committed by any process
(a worker, another app server, a management command, a shell) makes the next request of every
worker miss and render afresh; a reader who rendered the old page just before the change stored it
under the old version, which nobody asks for again. The cache (local memory by default, Redis when
`REDIS_URL` is set) is only an accelerator: when it is down or stalls, pages are rendered, never
served stale.

A page is kept no longer than the next scheduled publication or end, so a scheduled change still
appears on time. Responses carry a strong ETag of their body and `Cache-Control` for a CDN or
proxy in front (`PAGE_CDN_SECONDS`, 0 by default: revalidate every time, answered 304 when nothing
changed). Requests with a session (staff), previews (`Cache-Control: no-store`), responses setting
cookies and views not marked with `cache_public_page` are never stored.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

from explainers import page_versions
from explainers.caching import cache_get, cache_set

log = logging.getLogger(__name__)
SKIPPED_HEADERS = {"set-cookie", "date", "x-page-cache"}


class _Recent:
    """The pages this worker served last, in its own memory, ahead of the shared cache.

    A key names one version of one page, so an entry never goes stale: it is only dropped for room
    (least recently used first, within PAGE_CACHE_LOCAL_BYTES) or when its time is up. It spares a
    hit the shared cache's round trip and unpickling."""

    def __init__(self):
        self.entries: OrderedDict[str, tuple] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry[0] <= time.monotonic():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry[1]

    def put(self, key: str, value: tuple, seconds: int) -> None:
        limit = settings.PAGE_CACHE_LOCAL_BYTES
        size = len(value[1])
        if size > limit // 4 or seconds <= 0:
            return
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = (time.monotonic() + seconds, value, size)
            self.size += size
            while self.size > limit and self.entries:
                self._drop(next(iter(self.entries)))

    def _drop(self, key: str) -> None:
        self.size -= self.entries.pop(key)[2]

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


recent = _Recent()


def cache_public_page(view):
    """Mark a public view's responses as the same for every anonymous reader (cacheable)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.public_page = True  # its 404 ("no such page") is the same for everyone too
        return view(request, *args, **kwargs)

    return wrapper


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


def _anonymous(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _storable(request, response) -> bool:
    user = getattr(request, "user", None)
    return (
        getattr(request, "public_page", False)
        and response.status_code in (200, 404)
        and not response.streaming
        and not response.cookies
        and "no-store" not in response.get("Cache-Control", "")
        and not (user is not None and user.is_authenticated)
    )


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def _public_headers(response, etag: str) -> None:
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    if settings.PAGE_CDN_SECONDS > 0:
        patch_cache_control(response, s_maxage=settings.PAGE_CDN_SECONDS)


def _conditional(request, response, etag: str):
    if "HTTP_IF_NONE_MATCH" not in request.META:
        return response
    return get_conditional_response(request, etag=etag, response=response)


def _replay(status: int, body: bytes, headers: dict) -> HttpResponse:
    """The stored response. Its headers were checked and encoded when it was first sent (with its
    ETag and Cache-Control), so they are put back as they were, not encoded again one by one."""
    response = HttpResponse(body, status=status)
    response.headers._store.update(headers)
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _anonymous(request):
            return self.get_response(request)
        scope = page_versions.scope_of_path(request.path_info)
        if scope is None:
            return self.get_response(request)
        try:
            version = page_versions.read(scope)
        except DatabaseError:  # the view will say what is wrong; nothing is cached meanwhile
            log.warning("page versions unreadable: not caching %s", request.path_info, exc_info=True)
            return self.get_response(request)
        path = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
        key = f"page:{settings.PAGE_CACHE_RELEASE}:{scope}:{version}:{request.method}:{path}"
        hit = recent.get(key)
        if hit is None:
            hit = cache_get(key)
            if hit is not None:  # kept here no longer than in the shared cache (a scheduled change)
                recent.put(key, hit, int(hit[4] - time.time()))
        if hit is not None:
            status, body, headers, etag, _expires = hit
            return _conditional(request, _replay(status, body, headers), etag)
        response = self.get_response(request)
        if not _storable(request, response):
            return response
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response.render()
        etag = _etag(response.content)
        _public_headers(response, etag)
        seconds = _seconds_until_next_publication(settings.PAGE_CACHE_SECONDS)
        if seconds > 0:
            headers = {k: v for k, v in response.headers._store.items() if k not in SKIPPED_HEADERS}
            headers["x-page-cache"] = ("X-Page-Cache", "hit")
            stored = (response.status_code, response.content, headers, etag, time.time() + seconds)
            cache_set(key, stored, seconds)
            recent.put(key, stored, seconds)
        response["X-Page-Cache"] = "miss"
        return _conditional(request, response, etag)
