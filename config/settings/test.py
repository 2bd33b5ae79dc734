"""Settings for the test suite: the base settings with fast hashing and in-memory caches."""

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES

DEBUG = False
SECRET_KEY = "test-only-key-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJK"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests open and close many connections; persistent ones would outlive test databases.
DATABASES["default"]["CONN_MAX_AGE"] = 0
# Serve static files straight from the finders: tests never run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests change rows behind the ORM's back (update()); pages are rendered fresh unless a test asks.
PAGE_CACHE_SECONDS = 0
SEARCH_RATE_PER_MINUTE = 0  # tests that need the limit turn it on

# Tasks run at once in tests; one test drives the real database worker.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
