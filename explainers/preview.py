"""Signed preview links: a reviewer without an account reads one frozen version as readers will.

The token names a version (a snapshot of the working rows made when the link was created), so the
reviewer reads exactly what the link was made for. The link stops working after PREVIEW_DAYS, when
the explainer is archived or deleted, and once a later version is published (it then redirects).
"""

from django.core import signing
from django.urls import reverse

SALT = "explainers.preview.version"
PREVIEW_DAYS = 7


def preview_token(snapshot) -> str:
    return signing.dumps({"version": snapshot.pk}, salt=SALT, compress=True)


def preview_path(snapshot) -> str:
    return reverse("explainers:preview", kwargs={"token": preview_token(snapshot)})


def snapshot_id_from(token: str) -> int | None:
    """The version a token names, or None when it is forged or expired."""
    try:
        return int(signing.loads(token, salt=SALT, max_age=PREVIEW_DAYS * 24 * 3600)["version"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
