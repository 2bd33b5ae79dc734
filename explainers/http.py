"""Response headers shared by the public views."""


def private_if_preview(response, explainer):
    """Previews of unpublished explainers are never cached or indexed."""
    if not explainer.is_public:
        response["Cache-Control"] = "no-store, private"
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
