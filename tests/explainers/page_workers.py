"""Worker processes simulated in one test process: each its own local-memory cache and recent pages."""

from contextlib import contextmanager
from unittest import mock

from django.core.cache import cache
from django.test import Client, override_settings

from explainers import page_cache

WORKERS: dict[str, page_cache._Recent] = {}


@contextmanager
def worker(name: str):
    """Requests served by one worker process: its own local-memory cache and recent pages."""
    caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}}
    recent = WORKERS.setdefault(name, page_cache._Recent())
    with (
        override_settings(CACHES=caches, PAGE_CACHE_SECONDS=300),
        mock.patch.object(page_cache, "recent", recent),
    ):
        yield Client()


def empty_caches():
    """A fixture's body: the shared cache and every worker's recent pages empty before and after."""
    _clear()
    yield
    _clear()


def _clear() -> None:
    cache.clear()
    page_cache.recent.clear()
    for recent in WORKERS.values():
        recent.clear()
