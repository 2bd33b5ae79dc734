"""`{{ source.url|http_url }}`: an outbound link only when it is http or https."""

from django import template

from explainers.links import http_url as _http_url

register = template.Library()


@register.filter
def http_url(value) -> str:
    return _http_url(value or "")
