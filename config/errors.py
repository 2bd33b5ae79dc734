"""Error pages: a database outage answers 503 with Retry-After (readers are told to come back); any
other failure the plain 500 page. Neither page touches the database or the session."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponseServerError
from django.template import loader

RETRY_AFTER_SECONDS = 15
OUTAGE = (OperationalError, InterfaceError)


def server_error(request):
    error = sys.exc_info()[1]
    if isinstance(error, OUTAGE):
        response = HttpResponseServerError(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
