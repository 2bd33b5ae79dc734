"""Signed, expiring preview links: a reviewer without an account can read a draft as readers will."""

from django.core import signing
from django.urls import reverse

SALT = "explainers.preview"
MAX_AGE = 7 * 24 * 3600


def preview_token(explainer) -> str:
    return signing.dumps({"explainer": explainer.pk}, salt=SALT, compress=True)


def preview_path(explainer) -> str:
    return reverse("explainers:preview", kwargs={"token": preview_token(explainer)})


def explainer_id_from(token: str) -> int | None:
    """The explainer a token names, or None when it is forged or expired."""
    try:
        return signing.loads(token, salt=SALT, max_age=MAX_AGE)["explainer"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
