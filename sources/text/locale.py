"""A document's conventions (en-US, en-GB, en-IN…), inferred from the text when nobody states them."""


def infer_locale(raw: str) -> str:
    """The locale whose conventions `raw` follows, or "" when the text does not settle it."""
    return ""
