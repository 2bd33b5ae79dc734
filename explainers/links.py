"""Outbound links: only http(s) URLs become links, whatever reached the database."""

from urllib.parse import urlsplit


def http_url(value: str) -> str:
    """`value` if it is an http or https URL, else "" (javascript:, data:, control characters…)."""
    if not value or any(ch < " " or ch == "\x7f" for ch in value) or value != value.strip():
        return ""
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return value if parts.scheme in ("http", "https") and parts.netloc else ""
