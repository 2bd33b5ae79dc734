"""Response headers shared by the public views."""


def private_if_preview(response, is_preview: bool):
    """Previews of what readers do not see yet are never cached or indexed."""
    if is_preview:
        response["Cache-Control"] = "no-store, private"
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
