"""Cache access that degrades instead of failing: with the shared cache down, pages are computed."""

import logging

from django.core.cache import cache

log = logging.getLogger(__name__)


def cache_get(key: str):
    try:
        return cache.get(key)
    except Exception:  # a cache outage must not become a reader-facing error
        log.warning("cache unavailable: get %s", key, exc_info=True)
        return None


def cache_set(key: str, value, timeout: int) -> None:
    try:
        cache.set(key, value, timeout)
    except Exception:
        log.warning("cache unavailable: set %s", key, exc_info=True)
